//! The shipping selector's built bundle (`widget/`, built with esbuild and committed), served
//! at `/v1/widget/selector.js` from the binary itself, so serving needs no Node.

use std::sync::OnceLock;

use poem::http::{header, StatusCode};
use poem::{handler, Request, Response};

use crate::common::none_match_hits;

/// The bundle, as `widget/dist/selector.js` holds it.
pub const SELECTOR_JS: &str = include_str!("../../../widget/dist/selector.js");

/// A validator of the bundle that changes whenever its bytes do; hashed once.
fn etag() -> &'static str {
    static ETAG: OnceLock<String> = OnceLock::new();
    ETAG.get_or_init(|| format!("{:016x}", domain::stable_hash(SELECTOR_JS.as_bytes())))
}

/// The bundle; cached by browsers for five minutes, revalidated by its etag after.
#[handler]
pub fn selector(req: &Request) -> Response {
    let etag = etag();
    let fresh = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| none_match_hits(v, etag));
    let builder = Response::builder()
        .header(header::ETAG, format!("\"{etag}\""))
        .header(header::CACHE_CONTROL, "public, max-age=300")
        // The merchant's page loads it with a plain script tag from another origin.
        .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    if fresh {
        return builder.status(StatusCode::NOT_MODIFIED).finish();
    }
    builder
        .content_type("text/javascript; charset=utf-8")
        .body(SELECTOR_JS)
}
