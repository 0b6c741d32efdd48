//! The rate-provider contract: what the service sends a carrier's or merchant's pricing
//! service for a quote, what it accepts back, and the port an HTTP adapter implements.
//! The wire shapes here are the contract (`openapi/provider.json` describes the same JSON);
//! [`RateAnswer::check`] is the one place an answer is judged usable.

use std::collections::HashSet;
use std::time::Duration;

use async_trait::async_trait;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// The header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: the scheme
/// webhooks are signed with, so a merchant verifies both with the same code.
pub const SIGNATURE_HEADER: &str = "X-Checkout-Signature";

/// The signature header value for `body` sent at `timestamp`, keyed by `secret`.
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    let digest: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("t={timestamp},v1={digest}")
}

/// A quote request for one delivery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RateRequest {
    pub merchant_id: String,
    /// ISO 4217; every price in the answer must be in it.
    pub currency: String,
    /// The carrier products to price (`carrier_products[].id`), in the merchant's order.
    pub products: Vec<String>,
    pub sender: RateAddress,
    pub destination: RateAddress,
    /// Every line's weight times its quantity, in grams.
    pub total_weight_grams: i64,
    pub goods: Vec<RateGood>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RateAddress {
    /// The warehouse id for the sender; absent for the destination.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warehouse_id: Option<String>,
    pub country_code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub address_lines: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinates: Option<RateCoordinates>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RateCoordinates {
    pub lat: f64,
    pub lng: f64,
}

/// One cart line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RateGood {
    pub sku: String,
    pub quantity: i32,
    /// One unit's weight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_grams: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimensions_mm: Option<RateDimensions>,
    /// One unit's price in minor units of the request's currency.
    pub unit_price: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RateDimensions {
    pub length: i64,
    pub width: i64,
    pub height: i64,
}

/// A provider's answer: the products it prices. A product it leaves out falls back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RateAnswer {
    pub rates: Vec<ProductRate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductRate {
    pub product_id: String,
    pub price: RatePrice,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etd: Option<RateEtd>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatePrice {
    /// Minor units (öre, cents); never negative.
    pub amount: i64,
    pub currency: String,
}

/// Transit working days from the hand-over to the carrier; the checkout turns them into dates
/// with the warehouse's calendar.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RateEtd {
    pub transit_days_min: u32,
    pub transit_days_max: u32,
}

/// The longest transit a provider may promise; more is taken for a broken answer.
pub const MAX_TRANSIT_DAYS: u32 = 365;

/// The highest price a provider may answer, in minor units (the configuration's own bound).
pub const MAX_RATE_AMOUNT: i64 = 1_000_000_000_000;

impl RateAnswer {
    /// The answer, if every rate fits `request`: a product it asked for (once), a price in its
    /// currency within bounds, an ETD whose minimum does not exceed its maximum.
    ///
    /// # Errors
    /// `Invalid` naming the first rate that does not fit.
    pub fn check(self, request: &RateRequest) -> Result<Self, ProviderFailure> {
        let mut seen = HashSet::new();
        for (i, r) in self.rates.iter().enumerate() {
            let bad = |why: String| Err(ProviderFailure::Invalid(format!("rates[{i}]: {why}")));
            if !request.products.contains(&r.product_id) {
                return bad(format!("product `{}` was not asked for", r.product_id));
            }
            if !seen.insert(r.product_id.as_str()) {
                return bad(format!("product `{}` is priced twice", r.product_id));
            }
            if r.price.currency != request.currency {
                return bad(format!(
                    "price in `{}`, asked in `{}`",
                    r.price.currency, request.currency
                ));
            }
            if !(0..=MAX_RATE_AMOUNT).contains(&r.price.amount) {
                return bad(format!(
                    "price.amount {} is outside 0..={MAX_RATE_AMOUNT}",
                    r.price.amount
                ));
            }
            if let Some(e) = r.etd {
                if e.transit_days_min > e.transit_days_max || e.transit_days_max > MAX_TRANSIT_DAYS
                {
                    return bad(format!(
                        "etd {}..{} days is not a range within 0..={MAX_TRANSIT_DAYS}",
                        e.transit_days_min, e.transit_days_max
                    ));
                }
            }
        }
        Ok(self)
    }
}

/// Why a provider call gave nothing usable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProviderFailure {
    /// No answer within the call's deadline.
    #[error("no answer in time")]
    Timeout,
    /// The call failed: connection, HTTP status other than 200.
    #[error("call failed: {0}")]
    Error(String),
    /// An answer that is not JSON of the contract's shape, or does not fit the request.
    #[error("invalid answer: {0}")]
    Invalid(String),
}

impl ProviderFailure {
    /// The label metrics, logs and provenance use.
    pub fn reason(&self) -> &'static str {
        match self {
            Self::Timeout => "timeout",
            Self::Error(_) => "error",
            Self::Invalid(_) => "invalid",
        }
    }
}

/// Calls one provider at `url`. Implementations sign the body with `secret`, bound the call by
/// `timeout` and judge the answer with [`RateAnswer::check`].
#[async_trait]
pub trait RateProvider: Send + Sync {
    /// # Errors
    /// A [`ProviderFailure`] for a call that gave no usable answer; never panics on any answer.
    async fn quote(
        &self,
        url: &str,
        secret: &str,
        request: &RateRequest,
        timeout: Duration,
    ) -> Result<RateAnswer, ProviderFailure>;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> RateRequest {
        RateRequest {
            merchant_id: "m".into(),
            currency: "SEK".into(),
            products: vec!["a".into(), "b".into()],
            sender: RateAddress {
                warehouse_id: Some("w".into()),
                country_code: "SE".into(),
                postal_code: None,
                city: None,
                address_lines: vec![],
                coordinates: None,
            },
            destination: RateAddress {
                warehouse_id: None,
                country_code: "SE".into(),
                postal_code: Some("11122".into()),
                city: None,
                address_lines: vec![],
                coordinates: None,
            },
            total_weight_grams: 100,
            goods: vec![],
        }
    }

    fn rate(product: &str, amount: i64, currency: &str) -> ProductRate {
        ProductRate {
            product_id: product.into(),
            price: RatePrice {
                amount,
                currency: currency.into(),
            },
            etd: Some(RateEtd {
                transit_days_min: 1,
                transit_days_max: 2,
            }),
        }
    }

    fn check(rates: Vec<ProductRate>) -> Result<RateAnswer, ProviderFailure> {
        RateAnswer { rates }.check(&request())
    }

    #[test]
    fn a_fitting_answer_passes() {
        assert!(check(vec![rate("a", 4900, "SEK"), rate("b", 0, "SEK")]).is_ok());
    }

    #[test]
    fn answers_that_do_not_fit_are_invalid() {
        for (rates, why) in [
            (vec![rate("a", 4900, "EUR")], "asked in `SEK`"),
            (vec![rate("c", 4900, "SEK")], "not asked for"),
            (vec![rate("a", -1, "SEK")], "outside"),
            (vec![rate("a", 1, "SEK"), rate("a", 2, "SEK")], "twice"),
        ] {
            match check(rates) {
                Err(ProviderFailure::Invalid(text)) => assert!(text.contains(why), "{text}"),
                other => panic!("expected invalid ({why}), got {other:?}"),
            }
        }
        let mut backwards = rate("a", 1, "SEK");
        backwards.etd = Some(RateEtd {
            transit_days_min: 3,
            transit_days_max: 1,
        });
        assert!(matches!(
            check(vec![backwards]),
            Err(ProviderFailure::Invalid(_))
        ));
    }

    #[test]
    fn signatures_cover_timestamp_and_body() {
        let s = sign("secret-secret-secret", 1700000000, b"{}");
        assert!(s.starts_with("t=1700000000,v1="));
        assert_eq!(s.len(), "t=1700000000,v1=".len() + 64);
        assert_ne!(s, sign("secret-secret-secret", 1700000001, b"{}"));
        assert_ne!(s, sign("secret-secret-secret", 1700000000, b"[]"));
        assert_ne!(s, sign("another-secret-secret", 1700000000, b"{}"));
    }
}
