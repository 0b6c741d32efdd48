//! Content coding at the edge: request bodies in gzip, deflate, br or zstd are decoded, and
//! answers are compressed in the coding the client prefers, when they are worth it.
//!
//! poem's own middleware compresses every answer whatever its size (a 40-byte error grows), does
//! not read `zstd` from `Accept-Encoding`, ignores `q=0` and `identity`, and runs brotli at its
//! fastest level; this one buffers the (always in-memory) answer and compresses it only past a
//! size threshold, with a level chosen per coding for API answers.

use std::io::Write;
use std::str::FromStr;

use poem::http::header::{self, HeaderValue};
use poem::http::{Method, StatusCode};
use poem::web::CompressionAlgo;
use poem::{Body, Endpoint, IntoResponse, Middleware, Request, Response, Result};
use tokio::io::BufReader;

/// Answers smaller than this go out as they are: under about a kilobyte the coding's framing
/// and the CPU cost outweigh the bytes saved.
pub const MIN_COMPRESSED_SIZE: usize = 1024;

/// Above this an answer is compressed off the async workers, so one large list page does not
/// stall the requests sharing its worker thread.
const BLOCKING_SIZE: usize = 128 * 1024;

/// A response coding we produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    Zstd,
    Brotli,
    Gzip,
}

impl Coding {
    fn token(self) -> &'static str {
        match self {
            Self::Zstd => "zstd",
            Self::Brotli => "br",
            Self::Gzip => "gzip",
        }
    }

    /// On equal `q`, the cheapest coding for its ratio wins: zstd at level 3 compresses a
    /// session about as well as gzip at 6 in a fraction of the time; brotli at 5 compresses
    /// best and is the slowest of the three.
    fn rank(self) -> u8 {
        match self {
            Self::Zstd => 3,
            Self::Brotli => 2,
            Self::Gzip => 1,
        }
    }

    /// Compresses `bytes` in this coding.
    ///
    /// # Errors
    /// Only an encoder failure, which writing into memory does not produce in practice.
    pub fn encode(self, bytes: &[u8]) -> std::io::Result<Vec<u8>> {
        match self {
            Self::Zstd => zstd::bulk::compress(bytes, 3),
            Self::Brotli => {
                let mut out = Vec::with_capacity(bytes.len() / 4);
                {
                    let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
                    writer.write_all(bytes)?;
                }
                Ok(out)
            }
            Self::Gzip => {
                let mut encoder = flate2::write::GzEncoder::new(
                    Vec::with_capacity(bytes.len() / 4),
                    flate2::Compression::new(6),
                );
                encoder.write_all(bytes)?;
                encoder.finish()
            }
        }
    }
}

/// The coding to answer in, from an `Accept-Encoding` header (RFC 9110 §12.5.3): the highest
/// `q` wins, `q=0` refuses a coding, `*` stands for every coding not named, and `None` means
/// the identity.
pub fn negotiate(accept_encoding: &str) -> Option<Coding> {
    let mut named: Vec<(Coding, u16)> = Vec::new();
    let mut star: Option<u16> = None;
    for item in accept_encoding.split(',') {
        let mut parts = item.split(';');
        let token = parts.next().unwrap_or("").trim();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q=").or(p.trim().strip_prefix("Q=")))
            .next()
            .map_or(Some(1000), parse_q);
        let Some(q) = q else { continue };
        let coding = match token.to_ascii_lowercase().as_str() {
            "zstd" => Coding::Zstd,
            "br" => Coding::Brotli,
            "gzip" | "x-gzip" => Coding::Gzip,
            "*" => {
                star = Some(q);
                continue;
            }
            _ => continue,
        };
        named.push((coding, q));
    }
    let mut candidates = named.clone();
    if let Some(q) = star {
        for coding in [Coding::Zstd, Coding::Brotli, Coding::Gzip] {
            if !named.iter().any(|(c, _)| *c == coding) {
                candidates.push((coding, q));
            }
        }
    }
    candidates
        .into_iter()
        .filter(|(_, q)| *q > 0)
        .max_by_key(|(coding, q)| (*q, coding.rank()))
        .map(|(coding, _)| coding)
}

/// A `q` value in thousandths; `None` for a malformed one, which drops the item.
fn parse_q(text: &str) -> Option<u16> {
    let value = f32::from_str(text.trim()).ok()?;
    (0.0..=1.0)
        .contains(&value)
        .then(|| (value * 1000.0).round() as u16)
}

/// Text-like answers only: images and archives are compressed already.
fn compressible(content_type: Option<&HeaderValue>) -> bool {
    let Some(value) = content_type.and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or("").trim();
    essence.starts_with("text/")
        || essence.ends_with("json")
        || essence.ends_with("+json")
        || essence.ends_with("javascript")
        || essence.ends_with("yaml")
        || essence.ends_with("xml")
        || essence == "image/svg+xml"
}

/// The middleware: see the module documentation.
#[derive(Debug, Clone, Copy, Default)]
pub struct Compression;

impl<E: Endpoint> Middleware<E> for Compression {
    type Output = CompressionEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        CompressionEndpoint { ep }
    }
}

pub struct CompressionEndpoint<E> {
    ep: E,
}

impl<E: Endpoint> Endpoint for CompressionEndpoint<E> {
    type Output = Response;

    async fn call(&self, mut req: Request) -> Result<Self::Output> {
        if let Some(algo) = req
            .headers()
            .get(header::CONTENT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| CompressionAlgo::from_str(v.trim()).ok())
        {
            // Decoded as a stream, so the body limit further in counts decoded bytes and a
            // small bomb is refused before it is all in memory.
            let reader = req.take_body().into_async_read();
            let decoded: std::pin::Pin<Box<dyn tokio::io::AsyncRead + Send>> = match algo {
                CompressionAlgo::GZIP => Box::pin(
                    async_compression::tokio::bufread::GzipDecoder::new(BufReader::new(reader)),
                ),
                CompressionAlgo::DEFLATE => Box::pin(
                    async_compression::tokio::bufread::DeflateDecoder::new(BufReader::new(reader)),
                ),
                CompressionAlgo::BR => Box::pin(
                    async_compression::tokio::bufread::BrotliDecoder::new(BufReader::new(reader)),
                ),
                CompressionAlgo::ZSTD => Box::pin(
                    async_compression::tokio::bufread::ZstdDecoder::new(BufReader::new(reader)),
                ),
            };
            req.headers_mut().remove(header::CONTENT_ENCODING);
            req.headers_mut().remove(header::CONTENT_LENGTH);
            req.set_body(Body::from_async_read(decoded));
        }
        let coding = req
            .headers()
            .get_all(header::ACCEPT_ENCODING)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(",");
        let coding = negotiate(&coding);
        let head = req.method() == Method::HEAD;

        let mut resp = self.ep.call(req).await?.into_response();
        if !compressible(resp.headers().get(header::CONTENT_TYPE))
            || resp.headers().contains_key(header::CONTENT_ENCODING)
        {
            return Ok(resp);
        }
        // The answer depends on the request's Accept-Encoding, whichever coding went out.
        resp.headers_mut()
            .append(header::VARY, HeaderValue::from_static("accept-encoding"));
        let status = resp.status();
        let Some(coding) = coding else {
            return Ok(resp);
        };
        if head || status == StatusCode::NO_CONTENT || status == StatusCode::NOT_MODIFIED {
            return Ok(resp);
        }
        let bytes = resp.take_body().into_bytes().await?;
        if bytes.len() < MIN_COMPRESSED_SIZE {
            resp.set_body(bytes);
            return Ok(resp);
        }
        let encoded = if bytes.len() >= BLOCKING_SIZE {
            let input = bytes.clone();
            tokio::task::spawn_blocking(move || coding.encode(&input))
                .await
                .map_err(std::io::Error::other)
                .and_then(|r| r)
        } else {
            coding.encode(&bytes)
        };
        match encoded {
            Ok(encoded) => {
                resp.headers_mut().insert(
                    header::CONTENT_ENCODING,
                    HeaderValue::from_static(coding.token()),
                );
                resp.headers_mut().remove(header::CONTENT_LENGTH);
                resp.set_body(encoded);
            }
            // The identity is always acceptable to the client; never lose an answer to this.
            Err(e) => {
                tracing::warn!(error = %e, coding = coding.token(), "compression failed");
                resp.set_body(bytes);
            }
        }
        Ok(resp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_follows_q_values_star_and_refusals() {
        assert_eq!(negotiate(""), None);
        assert_eq!(negotiate("identity"), None);
        assert_eq!(negotiate("gzip"), Some(Coding::Gzip));
        assert_eq!(negotiate("gzip, deflate, br, zstd"), Some(Coding::Zstd));
        assert_eq!(negotiate("gzip, deflate, br"), Some(Coding::Brotli));
        assert_eq!(negotiate("br;q=0.5, gzip"), Some(Coding::Gzip));
        assert_eq!(negotiate("zstd;q=0, br;q=0, gzip;q=0"), None);
        assert_eq!(negotiate("*"), Some(Coding::Zstd));
        assert_eq!(negotiate("*;q=0.3, zstd;q=0, br;q=0.2"), Some(Coding::Gzip));
        assert_eq!(negotiate("GZIP;Q=1"), Some(Coding::Gzip));
        assert_eq!(negotiate("gzip;q=2"), None, "a q above 1 is malformed");
        assert_eq!(negotiate("compress, deflate"), None);
    }

    #[test]
    fn every_coding_round_trips() {
        let text = br#"{"name":"sessions/1","deliveries":[]}"#.repeat(100);
        for coding in [Coding::Zstd, Coding::Brotli, Coding::Gzip] {
            let encoded = coding.encode(&text).unwrap();
            assert!(
                encoded.len() * 5 < text.len(),
                "{coding:?}: {}",
                encoded.len()
            );
            let decoded = match coding {
                Coding::Zstd => zstd::stream::decode_all(&encoded[..]).unwrap(),
                Coding::Brotli => {
                    let mut out = Vec::new();
                    brotli::BrotliDecompress(&mut &encoded[..], &mut out).unwrap();
                    out
                }
                Coding::Gzip => {
                    let mut out = Vec::new();
                    std::io::Read::read_to_end(
                        &mut flate2::read::GzDecoder::new(&encoded[..]),
                        &mut out,
                    )
                    .unwrap();
                    out
                }
            };
            assert_eq!(decoded, text, "{coding:?}");
        }
    }

    #[test]
    fn only_text_like_answers_are_compressible() {
        let v = |s: &'static str| HeaderValue::from_static(s);
        assert!(compressible(Some(&v("application/json; charset=utf-8"))));
        assert!(compressible(Some(&v("text/html"))));
        assert!(compressible(Some(&v("application/javascript"))));
        assert!(compressible(Some(&v("application/yaml"))));
        assert!(!compressible(Some(&v("image/png"))));
        assert!(!compressible(None));
    }
}
