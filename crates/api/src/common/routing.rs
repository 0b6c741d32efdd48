//! Custom-method routing (`POST /v1/sessions/{id}:complete`) and the request-body limit.
//!
//! poem's router reads any `:` in a pattern as a parameter, so `{id}:complete` cannot be
//! declared as written. Operations are declared on `{id}/~complete` instead; this middleware
//! rewrites incoming `{id}:verb` to `{id}/~verb` before routing, refuses `/~` from outside, and
//! [`public_spec`] rewrites the spec's paths back to `:verb` so clients see the real URLs.

use poem::http::uri::{PathAndQuery, Uri};
use poem::http::StatusCode;
use poem::web::headers::{ContentLength, HeaderMapExt};
use poem::{Endpoint, IntoResponse, Middleware, Request, Response, Result};

use super::limits::{uri_nul_fields, EdgeLimits, DEFAULT_MAX_STRING_CHARS};
use super::spec_rules::Spec;
use super::ApiError;

/// Requests with a larger body are refused with 413, unless the settings say otherwise.
pub const MAX_BODY_BYTES: usize = super::limits::DEFAULT_MAX_BODY_BYTES;
const INTERNAL_MARKER: &str = "/~";

/// Rewrites the last path segment `name:verb` to `name/~verb`; `None` when there is no verb.
pub fn to_internal_path(path: &str) -> Option<String> {
    let (head, last) = path.rsplit_once('/')?;
    let (name, verb) = last.split_once(':')?;
    if name.is_empty() || verb.is_empty() || !verb.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some(format!("{head}/{name}{INTERNAL_MARKER}{verb}"))
}

/// Rewrites internal `/~verb` paths in a rendered spec back to `:verb`, and annotated
/// references to the form client generators read as the referenced type (see
/// [`collapse_annotated_refs`]).
///
/// `rules` then states what the handlers check beyond each member's type (see
/// [`spec_rules`](super::spec_rules)), and every request-body string is bounded by the edge's
/// default limit.
pub fn public_spec(
    spec_json: &str,
    examples: &[(&str, serde_json::Value)],
    rules: fn(&mut Spec),
) -> String {
    let mut doc: serde_json::Value =
        serde_json::from_str(spec_json).expect("poem-openapi renders valid JSON");
    collapse_annotated_refs(&mut doc);
    add_request_examples(&mut doc, examples);
    {
        let mut spec = Spec::new(&mut doc);
        rules(&mut spec);
        spec.bound_body_strings(DEFAULT_MAX_STRING_CHARS);
        spec.type_nullable_references();
    }
    if let Some(description) = doc.pointer_mut("/info/description") {
        let text = description.as_str().unwrap_or_default();
        *description = format!(
            "{text}\n\nEvery string in a request body is at most {DEFAULT_MAX_STRING_CHARS} \
             characters, and no text a request carries (body, query or path) may hold the NUL \
             character (U+0000): either is answered 400 naming the field."
        )
        .into();
    }
    if let Some(paths) = doc.get_mut("paths").and_then(|p| p.as_object_mut()) {
        let renamed: serde_json::Map<String, serde_json::Value> = std::mem::take(paths)
            .into_iter()
            .map(|(path, item)| (path.replace("}/~", "}:").replace("/~", ":"), item))
            .collect();
        *paths = renamed;
    }
    serde_json::to_string_pretty(&doc).expect("a JSON value serialises")
}

/// poem-openapi renders a reference that carries its own members (a field's description,
/// `readOnly`) as `allOf: [{$ref}, {members}]` and repeats the members beside `allOf`. Client
/// generators read that second part as a new anonymous type (openapi-python-client cannot take
/// `allOf` of an enum at all), so the second part is dropped when every member of it is already
/// beside `allOf`: `allOf: [{$ref}]` with the members beside it means the same, and generators
/// read it as the referenced type.
fn collapse_annotated_refs(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            let redundant = match map.get("allOf") {
                Some(serde_json::Value::Array(parts)) if parts.len() == 2 => {
                    parts[0].get("$ref").is_some()
                        && parts[1].as_object().is_some_and(|members| {
                            members
                                .iter()
                                .all(|(k, v)| k != "$ref" && map.get(k) == Some(v))
                        })
                }
                _ => false,
            };
            if redundant {
                if let Some(serde_json::Value::Array(parts)) = map.get_mut("allOf") {
                    parts.truncate(1);
                }
            }
            map.values_mut().for_each(collapse_annotated_refs);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(collapse_annotated_refs),
        _ => {}
    }
}

/// Puts each operation's request example (by operation id) on its request body, where Swagger
/// UI's "Try it out" and client generators find it.
fn add_request_examples(doc: &mut serde_json::Value, examples: &[(&str, serde_json::Value)]) {
    let Some(paths) = doc.get_mut("paths").and_then(|p| p.as_object_mut()) else {
        return;
    };
    for operation in paths
        .values_mut()
        .filter_map(|item| item.as_object_mut())
        .flat_map(|item| item.values_mut())
    {
        let id = operation
            .get("operationId")
            .and_then(|o| o.as_str())
            .map(str::to_owned);
        let media = operation
            .get_mut("requestBody")
            .and_then(|b| b.get_mut("content"))
            .and_then(|c| c.as_object_mut());
        // A JSON example goes to the JSON media type, a text one (a CSV document) to the others.
        for (media_type, m) in media.into_iter().flat_map(|m| m.iter_mut()) {
            let json = media_type.starts_with("application/json");
            let example = examples
                .iter()
                .find(|(op, e)| id.as_deref() == Some(*op) && json != e.is_string());
            if let (Some((_, example)), Some(m)) = (example, m.as_object_mut()) {
                m.insert("example".into(), example.clone());
            }
        }
    }
}

/// A published document (see [`public_spec`]) as YAML.
pub fn public_spec_yaml(spec_json: &str) -> String {
    let doc: serde_json::Value = serde_json::from_str(spec_json).expect("valid JSON");
    serde_yaml::to_string(&doc).expect("a JSON value converts to YAML")
}

/// The `:verb` rewrite, and the edge's limits: the body's size here, and (carried in the
/// request's data) each JSON string's in the body extractor.
#[derive(Debug, Clone, Copy, Default)]
pub struct CustomMethods {
    limits: EdgeLimits,
}

impl CustomMethods {
    pub fn new(limits: EdgeLimits) -> Self {
        Self { limits }
    }
}

impl<E: Endpoint> Middleware<E> for CustomMethods {
    type Output = CustomMethodsEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        CustomMethodsEndpoint {
            inner: ep,
            limits: self.limits,
        }
    }
}

pub struct CustomMethodsEndpoint<E> {
    inner: E,
    limits: EdgeLimits,
}

impl<E: Endpoint> Endpoint for CustomMethodsEndpoint<E> {
    type Output = Response;

    async fn call(&self, mut req: Request) -> Result<Self::Output> {
        let path = req.uri().path();
        if path.contains(INTERNAL_MARKER) {
            return Err(poem::error::NotFoundError.into());
        }
        let nul = uri_nul_fields(path, req.uri().query());
        if !nul.is_empty() {
            return Err(ApiError::from(service::ServiceError::invalid_all(nul)).into());
        }
        if let Some(internal) = to_internal_path(path) {
            let pq = match req.uri().query() {
                Some(q) => format!("{internal}?{q}"),
                None => internal,
            };
            let mut parts = req.uri().clone().into_parts();
            parts.path_and_query = Some(
                pq.parse::<PathAndQuery>()
                    .map_err(|_| poem::Error::from_status(StatusCode::BAD_REQUEST))?,
            );
            let uri = Uri::from_parts(parts)
                .map_err(|_| poem::Error::from_status(StatusCode::BAD_REQUEST))?;
            *req.uri_mut() = uri;
        }
        // Refuse an oversized body before reading it when its length is declared, and stop
        // reading at the limit when it is not (chunked uploads).
        let limit = if req.uri().path().ends_with("/pickupPoints/~import") {
            self.limits.max_import_bytes
        } else {
            self.limits.max_body_bytes
        };
        if let Some(ContentLength(n)) = req.headers().typed_get::<ContentLength>() {
            if n > limit as u64 {
                return Err(ApiError::payload_too_large(limit).into());
            }
        }
        if !req.method().is_safe() {
            let body = match req.take_body().into_bytes_limit(limit).await {
                Ok(body) => body,
                Err(poem::error::ReadBodyError::PayloadTooLarge) => {
                    return Err(ApiError::payload_too_large(limit).into());
                }
                Err(e) => return Err(e.into()),
            };
            req.set_body(body);
        }
        req.set_data(self.limits);
        self.inner.call(req).await.map(IntoResponse::into_response)
    }
}

/// Which methods each route takes, for the `Allow` header a 405 must carry (RFC 9110 15.5.6).
/// Built from the published specs, so it names what the specs document.
#[derive(Debug, Clone, Default)]
pub struct AllowedMethods {
    /// Each route's pattern, its segments and its methods.
    routes: Vec<(String, Vec<String>, Vec<String>)>,
}

impl AllowedMethods {
    /// Adds every path of a published spec (with `:verb` paths) and its methods.
    pub fn add_spec(&mut self, spec_json: &str) {
        let Ok(doc) = serde_json::from_str::<serde_json::Value>(spec_json) else {
            return;
        };
        let Some(paths) = doc.get("paths").and_then(|p| p.as_object()) else {
            return;
        };
        for (path, item) in paths {
            let methods = item
                .as_object()
                .into_iter()
                .flat_map(|ops| ops.keys())
                .filter(|m| ["get", "put", "post", "delete", "patch"].contains(&m.as_str()))
                .map(|m| m.to_uppercase());
            self.add(path, methods);
        }
    }

    /// Adds one route pattern (`/v1/sessions/{session}:complete`) with its methods.
    pub fn add(&mut self, pattern: &str, methods: impl IntoIterator<Item = String>) {
        let segments = pattern.split('/').map(str::to_owned).collect();
        let mut methods: Vec<String> = methods.into_iter().collect();
        if methods.iter().any(|m| m == "GET") {
            // poem answers HEAD with the GET handler.
            methods.push("HEAD".into());
        }
        self.routes.push((pattern.to_owned(), segments, methods));
    }

    /// The pattern of the route a request path takes (`/v1/sessions/{session}`), a label of
    /// few values for metrics; `None` for a path no route takes.
    pub fn route(&self, path: &str) -> Option<&str> {
        let segments: Vec<&str> = path.split('/').collect();
        self.routes
            .iter()
            .find(|(_, pattern, _)| matches(pattern, &segments))
            .map(|(name, _, _)| name.as_str())
    }

    /// Puts `Allow` on a 405 for `path` (a request's path, as the client sent it).
    pub fn set_allow(&self, resp: &mut Response, path: &str) {
        if resp.status() != StatusCode::METHOD_NOT_ALLOWED {
            return;
        }
        if let Some(value) = self.allow(path).and_then(|a| a.parse().ok()) {
            resp.headers_mut().insert(poem::http::header::ALLOW, value);
        }
    }

    /// The `Allow` value for a request path, when a route matches it.
    pub fn allow(&self, path: &str) -> Option<String> {
        let segments: Vec<&str> = path.split('/').collect();
        let mut methods: Vec<&str> = Vec::new();
        for (_, pattern, allowed) in &self.routes {
            if matches(pattern, &segments) {
                methods.extend(allowed.iter().map(String::as_str));
            }
        }
        if methods.is_empty() {
            return None;
        }
        methods.sort_unstable();
        methods.dedup();
        Some(methods.join(", "))
    }
}

fn matches(pattern: &[String], segments: &[&str]) -> bool {
    pattern.len() == segments.len()
        && pattern
            .iter()
            .zip(segments)
            .all(|(p, s)| segment_matches(p, s))
}

/// A pattern segment is literal, or one `{parameter}` with literal text around it. A segment
/// with a `:verb` is a custom method, routed apart (see [`CustomMethods`]): only a pattern
/// naming the verb matches it.
fn segment_matches(pattern: &str, segment: &str) -> bool {
    match (pattern.find('{'), pattern.find('}')) {
        (Some(open), Some(close)) if open < close => {
            let (prefix, suffix) = (&pattern[..open], &pattern[close + 1..]);
            if suffix.is_empty() && segment.contains(':') {
                return false;
            }
            segment.len() > prefix.len() + suffix.len()
                && segment.starts_with(prefix)
                && segment.ends_with(suffix)
        }
        _ => pattern == segment,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_move_into_a_path_segment() {
        assert_eq!(
            to_internal_path("/v1/sessions/abc:complete").as_deref(),
            Some("/v1/sessions/abc/~complete")
        );
        assert_eq!(
            to_internal_path("/v1/sessions/abc:chooseDeliveryOptions").as_deref(),
            Some("/v1/sessions/abc/~chooseDeliveryOptions")
        );
        assert_eq!(to_internal_path("/v1/sessions/abc"), None);
        assert_eq!(to_internal_path("/v1/sessions/abc:"), None);
        assert_eq!(to_internal_path("/v1/sessions/abc:a/b"), None);
    }

    #[test]
    fn allowed_methods_match_parameters_and_verbs() {
        let mut allowed = AllowedMethods::default();
        allowed.add_spec(
            r#"{"paths":{"/v1/sessions/{session}":{"get":{},"patch":{}},
                "/v1/sessions/{session}:complete":{"post":{}},"/v1/sessions":{"get":{},"post":{}}}}"#,
        );
        assert_eq!(
            allowed.allow("/v1/sessions/abc").as_deref(),
            Some("GET, HEAD, PATCH")
        );
        assert_eq!(
            allowed.allow("/v1/sessions/abc:complete").as_deref(),
            Some("POST")
        );
        assert_eq!(
            allowed.allow("/v1/sessions").as_deref(),
            Some("GET, HEAD, POST")
        );
        assert_eq!(allowed.allow("/v1/other"), None);
        assert_eq!(
            allowed.route("/v1/sessions/abc:complete"),
            Some("/v1/sessions/{session}:complete")
        );
        assert_eq!(allowed.route("/v1/nothing"), None);
        assert_eq!(allowed.allow("/v1/sessions/:complete"), None);
    }

    #[test]
    fn spec_paths_show_the_verbs() {
        let spec = r#"{"paths":{"/v1/sessions/{session}/~complete":{},"/v1/sessions":{}}}"#;
        let out = public_spec(spec, &[], |_| {});
        assert!(out.contains("/v1/sessions/{session}:complete"));
        assert!(out.contains("\"/v1/sessions\""));
        assert!(!out.contains("/~"));
    }

    #[test]
    fn annotated_references_keep_only_the_reference() {
        let spec = r##"{"properties":{
            "state":{"allOf":[{"$ref":"#/S"},{"readOnly":true}],"readOnly":true},
            "kept":{"allOf":[{"$ref":"#/A"},{"description":"x"}],"description":"y"},
            "plain":{"allOf":[{"$ref":"#/A"},{"$ref":"#/B"}]}}}"##;
        let out: serde_json::Value = serde_json::from_str(&public_spec(spec, &[], |_| {})).unwrap();
        let props = &out["properties"];
        assert_eq!(
            props["state"]["allOf"],
            serde_json::json!([{"$ref": "#/S"}])
        );
        assert_eq!(props["state"]["readOnly"], true);
        assert_eq!(props["kept"]["allOf"].as_array().unwrap().len(), 2);
        assert_eq!(props["plain"]["allOf"].as_array().unwrap().len(), 2);
    }
}
