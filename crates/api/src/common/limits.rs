//! What a request may carry before any handler sees it: the body's size, each JSON string's
//! length, and no NUL character anywhere (PostgreSQL cannot store one in text, and no field of
//! ours means one). Each problem is answered 400 or 413 naming where it is.

use std::time::Duration;

use domain::FieldViolation;

/// The body limit when none is configured.
pub const DEFAULT_MAX_BODY_BYTES: usize = 1 << 20;
/// The body limit of a pickup point import when none is configured: about 200,000 CSV lines.
pub const DEFAULT_MAX_IMPORT_BYTES: usize = 64 << 20;
/// The longest JSON string when none is configured, in characters.
pub const DEFAULT_MAX_STRING_CHARS: usize = 4096;
/// At most this many string problems are listed; past it the client has the idea.
const MAX_LISTED: usize = 20;

/// The edge's bounds; the composition root sets them from the settings and the request
/// carries them to the body extractor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EdgeLimits {
    pub max_body_bytes: usize,
    /// The body limit of a bulk import (`pickupPoints:import`), which carries a data set.
    pub max_import_bytes: usize,
    pub max_string_chars: usize,
    /// From the request's head to its answer, body upload included; past it, 503 UNAVAILABLE
    /// with `Retry-After`, so that no client waits on a stuck dependency without a bound.
    pub request_timeout: Duration,
}

impl Default for EdgeLimits {
    fn default() -> Self {
        Self {
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            max_import_bytes: DEFAULT_MAX_IMPORT_BYTES,
            max_string_chars: DEFAULT_MAX_STRING_CHARS,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
        }
    }
}

/// The request deadline when none is configured.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Answers 503 UNAVAILABLE for a request that runs past `timeout` (the request's work is
/// dropped: a write in flight rolls back with its transaction).
pub async fn within_deadline<E: poem::Endpoint>(
    next: E,
    req: poem::Request,
    timeout: Duration,
) -> poem::Result<poem::Response> {
    use poem::IntoResponse;
    match tokio::time::timeout(timeout, next.call(req)).await {
        Ok(answer) => answer.map(IntoResponse::into_response),
        Err(_) => {
            tracing::warn!(timeout_ms = timeout.as_millis() as u64, "request timed out");
            Ok(super::ApiError::unavailable(
                "REQUEST_TIMEOUT",
                format!(
                    "the request did not finish within {} s; retry with backoff",
                    timeout.as_secs_f32()
                ),
            )
            .into_response())
        }
    }
}

/// Every string (keys too) in `value` that holds a NUL or is longer than `max_chars`, by its
/// path in the notation the body errors use (`deliveries[0].line_items[1].name`).
pub fn string_problems(value: &serde_json::Value, max_chars: usize) -> Vec<FieldViolation> {
    let mut found = Vec::new();
    walk(value, &mut String::new(), max_chars, &mut found);
    found
}

fn walk(value: &serde_json::Value, path: &mut String, max: usize, found: &mut Vec<FieldViolation>) {
    if found.len() >= MAX_LISTED {
        return;
    }
    match value {
        serde_json::Value::String(text) => {
            if let Some(problem) = text_problem(text, max) {
                found.push(FieldViolation::new(field(path), problem));
            }
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                walk(item, path, max, found);
                path.truncate(len);
            }
        }
        serde_json::Value::Object(members) => {
            for (key, member) in members {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                if key.contains('\0') {
                    path.push_str(&key.replace('\0', "\\u0000"));
                    found.push(FieldViolation::new(
                        field(path),
                        "a member name must not contain the NUL character (\\u0000)",
                    ));
                } else {
                    path.push_str(key);
                    walk(member, path, max, found);
                }
                path.truncate(len);
            }
        }
        _ => {}
    }
}

fn field(path: &str) -> String {
    if path.is_empty() {
        "body".to_owned()
    } else {
        path.to_owned()
    }
}

/// What is wrong with one text a client sent (a JSON string, a query value), if anything.
pub fn text_problem(text: &str, max_chars: usize) -> Option<String> {
    if text.contains('\0') {
        return Some("must not contain the NUL character (\\u0000)".into());
    }
    // Bytes bound characters from above: only a long text needs counting.
    if text.len() > max_chars && text.chars().count() > max_chars {
        return Some(format!("must be at most {max_chars} characters"));
    }
    None
}

/// The query parameters (or `path`) whose percent-decoded text holds a NUL.
pub fn uri_nul_fields(path: &str, query: Option<&str>) -> Vec<FieldViolation> {
    let mut found = Vec::new();
    if has_encoded_nul(path) {
        found.push(FieldViolation::new(
            "path",
            "must not contain the NUL character (%00)",
        ));
    }
    for pair in query.unwrap_or_default().split('&') {
        if has_encoded_nul(pair) {
            let name = pair.split('=').next().unwrap_or_default();
            let name = if has_encoded_nul(name) { "query" } else { name };
            found.push(FieldViolation::new(
                name,
                "must not contain the NUL character (%00)",
            ));
        }
    }
    found
}

fn has_encoded_nul(text: &str) -> bool {
    text.as_bytes().windows(3).any(|w| w == b"%00")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_and_long_strings_are_named_by_path() {
        let body = serde_json::json!({
            "deliveries": [{"line_items": [{"name": "ok"}, {"name": "a\u{0}b"}]}],
            "external_id": "x".repeat(11),
            "k\u{0}": 1,
        });
        let found = string_problems(&body, 10);
        let fields: Vec<&str> = found.iter().map(|v| v.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "deliveries[0].line_items[1].name",
                "external_id",
                "k\\u0000"
            ]
        );
        assert!(found[1].description.contains("at most 10 characters"));
    }

    #[test]
    fn characters_not_bytes_are_counted() {
        assert_eq!(text_problem(&"é".repeat(10), 10), None);
        assert!(text_problem(&"é".repeat(11), 10).is_some());
    }

    #[test]
    fn encoded_nul_in_the_uri_names_the_parameter() {
        let found = uri_nul_fields("/v1/sessions", Some("filter=a%00b&page_size=1"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, "filter");
        assert_eq!(uri_nul_fields("/v1/x%00", None)[0].field, "path");
        assert!(uri_nul_fields("/v1/sessions", Some("filter=%2500")).is_empty());
    }
}
