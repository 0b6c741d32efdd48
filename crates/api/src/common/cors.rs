//! Cross-origin access for the shipping selector, which runs on the merchant's page (another
//! origin) and calls the service with the session token: reading the session, choosing, and
//! setting the search address. Exactly those requests are opened; every other route answers
//! as it would to any page, without CORS headers, so a browser keeps other origins out.

use poem::http::{header, HeaderValue, Method, StatusCode};
use poem::{Endpoint, IntoResponse, Middleware, Request, Response, Result};

/// What the selector sends besides the simple headers.
const ALLOWED_HEADERS: &str = "authorization, content-type, if-none-match";
/// What the selector reads of an answer besides the simple headers.
const EXPOSED_HEADERS: &str = "etag, x-trace-id";
/// Browsers may reuse a preflight answer this long (seconds).
const PREFLIGHT_MAX_AGE: &str = "600";

/// The methods the selector may use on `path`, or `None` when the path is not the selector's.
fn selector_methods(path: &str) -> Option<&'static str> {
    let rest = path.strip_prefix("/v1/sessions/")?;
    match rest.split_once(':') {
        None if !rest.is_empty() && !rest.contains('/') => Some("GET, PATCH"),
        Some((id, "chooseDeliveryOptions")) if !id.is_empty() && !id.contains('/') => Some("POST"),
        _ => None,
    }
}

fn allows(methods: &str, method: &str) -> bool {
    methods.split(", ").any(|m| m == method)
}

pub struct SelectorCors;

impl<E: Endpoint> Middleware<E> for SelectorCors {
    type Output = SelectorCorsEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        SelectorCorsEndpoint { inner: ep }
    }
}

pub struct SelectorCorsEndpoint<E> {
    inner: E,
}

impl<E: Endpoint> Endpoint for SelectorCorsEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> Result<Self::Output> {
        let methods = selector_methods(req.uri().path());
        let from_a_page = req.headers().contains_key(header::ORIGIN);
        match methods {
            Some(methods)
                if from_a_page
                    && req.method() == Method::OPTIONS
                    && req
                        .headers()
                        .get(header::ACCESS_CONTROL_REQUEST_METHOD)
                        .and_then(|m| m.to_str().ok())
                        .is_some_and(|m| allows(methods, m)) =>
            {
                Ok(Response::builder()
                    .status(StatusCode::NO_CONTENT)
                    .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                    .header(header::ACCESS_CONTROL_ALLOW_METHODS, methods)
                    .header(header::ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
                    .header(header::ACCESS_CONTROL_MAX_AGE, PREFLIGHT_MAX_AGE)
                    .finish())
            }
            Some(methods) if from_a_page && allows(methods, req.method().as_str()) => {
                let mut response = self.inner.call(req).await?.into_response();
                let headers = response.headers_mut();
                // The token is a bearer header, never a cookie: any page holding it may call.
                headers.insert(
                    header::ACCESS_CONTROL_ALLOW_ORIGIN,
                    HeaderValue::from_static("*"),
                );
                headers.insert(
                    header::ACCESS_CONTROL_EXPOSE_HEADERS,
                    HeaderValue::from_static(EXPOSED_HEADERS),
                );
                Ok(response)
            }
            _ => Ok(self.inner.call(req).await?.into_response()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_selectors_requests_are_opened() {
        assert_eq!(selector_methods("/v1/sessions/abc"), Some("GET, PATCH"));
        assert_eq!(
            selector_methods("/v1/sessions/abc:chooseDeliveryOptions"),
            Some("POST")
        );
        assert_eq!(selector_methods("/v1/sessions/abc:complete"), None);
        assert_eq!(selector_methods("/v1/sessions/abc:refresh"), None);
        assert_eq!(selector_methods("/v1/sessions"), None);
        assert_eq!(selector_methods("/v1/sessions/"), None);
        assert_eq!(selector_methods("/v1/siw/session.get"), None);
        assert_eq!(selector_methods("/v1/sessions/abc/~complete"), None);
    }
}
