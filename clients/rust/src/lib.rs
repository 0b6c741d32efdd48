//! Client of the Headless Checkout API, generated with progenitor from `openapi/headless.json`.
//!
//! [`Client`] has one method per operation, named after its `operationId` in snake case
//! (`create_session`, `choose_delivery_options`, `complete_session`), each returning a builder
//! that is sent with `.send().await`. Errors the API declares come back as
//! [`Error::ErrorResponse`] holding a [`types::ErrorResponse`], the google.rpc.Status envelope.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
//! let client = headless_checkout_client::with_token("http://127.0.0.1:8080", "hck_...")?;
//! let sessions = client.list_sessions().page_size(10).send().await?;
//! println!("{} sessions", sessions.sessions.len());
//! # Ok(())
//! # }
//! ```

#[rustfmt::skip]
mod generated;

pub use generated::*;

/// A [`Client`] for `base_url` that sends `Authorization: Bearer <token>` (an API key, or a
/// session token) with every request. Fails when the token is not a valid header value.
pub fn with_token(
    base_url: &str,
    token: &str,
) -> Result<Client, Box<dyn std::error::Error + Send + Sync>> {
    let mut value = reqwest::header::HeaderValue::try_from(format!("Bearer {token}"))?;
    value.set_sensitive(true);
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(reqwest::header::AUTHORIZATION, value);
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .build()?;
    Ok(Client::new_with_client(base_url, http))
}
