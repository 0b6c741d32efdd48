//! Adapters the service calls out through: webhook delivery (one POST per attempt with a
//! bounded timeout), rate providers ([`HttpRateProvider`]) and the OTLP export of spans
//! ([`OtlpSpans`]).

mod otlp;
mod providers;

pub use otlp::OtlpSpans;
pub use providers::HttpRateProvider;

use std::time::Duration;

use async_trait::async_trait;

use ports::WebhookTransport;

pub struct HttpTransport {
    client: reqwest::Client,
}

impl HttpTransport {
    pub fn new() -> Self {
        Self {
            client: reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .connect_timeout(Duration::from_secs(5))
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("a TLS client builds"),
        }
    }
}

impl Default for HttpTransport {
    fn default() -> Self {
        Self::new()
    }
}

#[async_trait]
impl WebhookTransport for HttpTransport {
    async fn post(
        &self,
        url: &str,
        headers: &[(&str, String)],
        body: Vec<u8>,
    ) -> Result<u16, String> {
        let mut request = self.client.post(url).body(body);
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        // The error text names the URL and the cause; it never contains the body or secrets.
        request
            .send()
            .await
            .map(|r| r.status().as_u16())
            .map_err(|e| e.without_url().to_string())
    }
}
