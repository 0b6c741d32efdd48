//! The rate-provider adapter: one signed JSON POST per call (a quote or a pickup-point search),
//! bounded by the call's timeout, whose answer is read as the contract says and judged by the
//! answer type's `check`.

use std::time::Duration;

use async_trait::async_trait;

use ports::providers::{sign, SIGNATURE_HEADER};
use ports::providers::{PickupPointSearch, PickupPointSearchAnswer};
use ports::{ProviderFailure, RateAnswer, RateProvider, RateRequest};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The largest answer read; a provider sending more is broken, not generous.
const MAX_ANSWER_BYTES: usize = 1 << 20;

pub struct HttpRateProvider {
    client: reqwest::Client,
}

impl HttpRateProvider {
    pub fn new() -> Self {
        Self {
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("a TLS client builds"),
        }
    }
}

impl Default for HttpRateProvider {
    fn default() -> Self {
        Self::new()
    }
}

#[async_trait]
impl RateProvider for HttpRateProvider {
    async fn quote(
        &self,
        url: &str,
        secret: &str,
        request: &RateRequest,
        timeout: Duration,
    ) -> Result<RateAnswer, ProviderFailure> {
        let answer: RateAnswer = self.call(url, secret, request, timeout, "rate").await?;
        answer.check(request)
    }

    async fn search_pickup_points(
        &self,
        url: &str,
        secret: &str,
        search: &PickupPointSearch,
        timeout: Duration,
    ) -> Result<PickupPointSearchAnswer, ProviderFailure> {
        let answer: PickupPointSearchAnswer = self
            .call(url, secret, search, timeout, "pickup point search")
            .await?;
        answer.check(search)
    }
}

impl HttpRateProvider {
    /// POSTs `request` signed, within `timeout`, and reads a 200 answer of at most
    /// [`MAX_ANSWER_BYTES`] as `A` (`what` names it in the failure).
    async fn call<R: Serialize + Sync, A: DeserializeOwned>(
        &self,
        url: &str,
        secret: &str,
        request: &R,
        timeout: Duration,
        what: &str,
    ) -> Result<A, ProviderFailure> {
        let body = serde_json::to_vec(request)
            .map_err(|e| ProviderFailure::Error(format!("request not encodable: {e}")))?;
        let timestamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        let call = async {
            let response = self
                .client
                .post(url)
                .header("content-type", "application/json")
                .header(SIGNATURE_HEADER, sign(secret, timestamp, &body))
                .body(body)
                .send()
                .await
                .map_err(|e| classify(&e))?;
            let status = response.status();
            if status != reqwest::StatusCode::OK {
                return Err(ProviderFailure::Error(format!("HTTP {}", status.as_u16())));
            }
            let mut bytes = Vec::new();
            let mut response = response;
            while let Some(chunk) = response.chunk().await.map_err(|e| classify(&e))? {
                if bytes.len() + chunk.len() > MAX_ANSWER_BYTES {
                    return Err(ProviderFailure::Invalid(format!(
                        "answer larger than {MAX_ANSWER_BYTES} bytes"
                    )));
                }
                bytes.extend_from_slice(&chunk);
            }
            serde_json::from_slice(&bytes)
                .map_err(|e| ProviderFailure::Invalid(format!("not a {what} answer: {e}")))
        };
        match tokio::time::timeout(timeout, call).await {
            Ok(outcome) => outcome,
            Err(_) => Err(ProviderFailure::Timeout),
        }
    }
}

fn classify(e: &reqwest::Error) -> ProviderFailure {
    if e.is_timeout() {
        ProviderFailure::Timeout
    } else {
        // Names the cause, never the URL (it may carry a token) or the body.
        ProviderFailure::Error(e.without_url_ref())
    }
}

trait WithoutUrl {
    fn without_url_ref(&self) -> String;
}

impl WithoutUrl for reqwest::Error {
    fn without_url_ref(&self) -> String {
        let mut text = self.to_string();
        if let Some(url) = self.url() {
            text = text.replace(url.as_str(), "<provider>");
        }
        text
    }
}
