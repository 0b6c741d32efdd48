//! What every surface shares: the google.rpc.Status error envelope, the JSON body extractor that
//! names the failing field, custom-method (`:verb`) routing, content coding, request tracing, page tokens and
//! conditional reads.

pub mod compression;
pub mod cors;
pub mod error;
pub mod json;
pub mod limits;
pub mod page_token;
pub mod routing;
pub mod schema_json;
pub mod spec_rules;
pub mod strict;
pub mod trace;
pub mod wire_json;

pub use error::{ApiError, ErrorStatus};
pub use json::JsonBody;
pub use wire_json::WireJson;

/// The address failed authentications are counted against. A peer without an IP address (a
/// Unix socket, a test client) shares one bucket.
pub fn peer_ip(remote: &poem::web::RemoteAddr) -> std::net::IpAddr {
    remote
        .as_socket_addr()
        .map(|a| a.ip())
        .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED))
}

/// Does `If-None-Match` name this (unquoted) etag? Accepts a list, weak validators and `*`.
pub fn none_match_hits(header: &str, etag: &str) -> bool {
    header.split(',').map(str::trim).any(|candidate| {
        candidate == "*" || candidate.trim_start_matches("W/").trim_matches('"') == etag
    })
}
