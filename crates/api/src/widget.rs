//! The shipping selector's built bundle (`widget/`, built with esbuild and committed), served
//! at `/v1/widget/selector.js` from the binary itself, so serving needs no Node.

use poem::http::{header, StatusCode};
use poem::{handler, Request, Response};

/// The bundle, as `widget/dist/selector.js` holds it.
pub const SELECTOR_JS: &str = include_str!("../../../widget/dist/selector.js");

/// A validator of the bundle that changes whenever its bytes do.
fn etag() -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in SELECTOR_JS.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("\"{hash:016x}\"")
}

/// The bundle; cached by browsers for five minutes, revalidated by its etag after.
#[handler]
pub fn selector(req: &Request) -> Response {
    let etag = etag();
    let fresh = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|c| c.trim() == etag));
    let builder = Response::builder()
        .header(header::ETAG, etag)
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
