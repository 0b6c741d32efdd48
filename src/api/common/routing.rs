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

/// Requests with a larger body are refused with 413.
pub const MAX_BODY_BYTES: usize = 1 << 20;
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

/// Rewrites internal `/~verb` paths in a rendered spec back to `:verb`.
pub fn public_spec(spec_json: &str) -> String {
    let mut doc: serde_json::Value =
        serde_json::from_str(spec_json).expect("poem-openapi renders valid JSON");
    if let Some(paths) = doc.get_mut("paths").and_then(|p| p.as_object_mut()) {
        let renamed: serde_json::Map<String, serde_json::Value> = std::mem::take(paths)
            .into_iter()
            .map(|(path, item)| (path.replace("}/~", "}:").replace("/~", ":"), item))
            .collect();
        *paths = renamed;
    }
    serde_json::to_string_pretty(&doc).expect("a JSON value serialises")
}

/// The same document as YAML.
pub fn public_spec_yaml(spec_json: &str) -> String {
    let doc: serde_json::Value = serde_json::from_str(&public_spec(spec_json)).expect("valid JSON");
    serde_yaml::to_string(&doc).expect("a JSON value converts to YAML")
}

pub struct CustomMethods;

impl<E: Endpoint> Middleware<E> for CustomMethods {
    type Output = CustomMethodsEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        CustomMethodsEndpoint { inner: ep }
    }
}

pub struct CustomMethodsEndpoint<E> {
    inner: E,
}

impl<E: Endpoint> Endpoint for CustomMethodsEndpoint<E> {
    type Output = Response;

    async fn call(&self, mut req: Request) -> Result<Self::Output> {
        let path = req.uri().path();
        if path.contains(INTERNAL_MARKER) {
            return Err(poem::error::NotFoundError.into());
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
        if let Some(ContentLength(n)) = req.headers().typed_get::<ContentLength>() {
            if n > MAX_BODY_BYTES as u64 {
                return Err(poem::error::ReadBodyError::PayloadTooLarge.into());
            }
        }
        if !req.method().is_safe() {
            let body = req.take_body().into_bytes_limit(MAX_BODY_BYTES).await?;
            req.set_body(body);
        }
        self.inner.call(req).await.map(IntoResponse::into_response)
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
    fn spec_paths_show_the_verbs() {
        let spec = r#"{"paths":{"/v1/sessions/{session}/~complete":{},"/v1/sessions":{}}}"#;
        let out = public_spec(spec);
        assert!(out.contains("/v1/sessions/{session}:complete"));
        assert!(out.contains("\"/v1/sessions\""));
        assert!(!out.contains("/~"));
    }
}
