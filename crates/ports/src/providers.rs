//! The rate-provider contract: what the service sends a carrier's or merchant's pricing
//! service for a quote, what it accepts back, and the port an HTTP adapter implements.
//! The wire shapes here are the contract (`openapi/provider.json` describes the same JSON);
//! [`RateAnswer::check`] is the one place an answer is judged usable.

use std::collections::{BTreeMap, HashSet};
use std::time::Duration;

use async_trait::async_trait;
use hmac::{Hmac, Mac};
use schemars::JsonSchema;
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RateRequest {
    /// The merchant (site) the checkout quotes for.
    pub merchant_id: String,
    /// ISO 4217 code; every price of the answer must be in it.
    #[schemars(regex(pattern = "^[A-Z]{3}$"))]
    pub currency: String,
    /// The carrier products to price (the merchant's `carrier_products[].id`), in the
    /// merchant's order.
    pub products: Vec<String>,
    /// The products of `products` whose pickup points the checkout takes from this provider:
    /// answer each with `pickup_points` near the destination.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pickup_point_products: Vec<String>,
    /// The warehouse the delivery leaves from.
    pub sender: RateAddress,
    /// Where the delivery goes (or where the customer searches for pickup points).
    pub destination: RateAddress,
    /// Every line's weight times its quantity, in grams.
    pub total_weight_grams: i64,
    /// The cart lines of the delivery.
    pub goods: Vec<RateGood>,
}

/// An address with what is known of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RateAddress {
    /// The warehouse id, on the sender only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warehouse_id: Option<String>,
    /// ISO 3166-1 alpha-2 code.
    #[schemars(regex(pattern = "^[A-Z]{2}$"))]
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

/// WGS 84 coordinates in degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RateCoordinates {
    #[schemars(range(min = -90.0, max = 90.0))]
    pub lat: f64,
    #[schemars(range(min = -180.0, max = 180.0))]
    pub lng: f64,
}

/// One cart line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RateGood {
    pub sku: String,
    pub quantity: i32,
    /// One unit's weight in grams.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_grams: Option<i64>,
    /// One unit's sides in millimetres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimensions_mm: Option<RateDimensions>,
    /// One unit's price in minor units of the request's currency.
    pub unit_price: i64,
}

/// A parcel's sides in millimetres.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RateDimensions {
    pub length: i64,
    pub width: i64,
    pub height: i64,
}

/// The provider's answer: the products it prices; a product left out takes its fallback.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RateAnswer {
    pub rates: Vec<ProductRate>,
}

/// One product's price, transit and pickup points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ProductRate {
    /// One of the request's `products`, at most once per answer.
    pub product_id: String,
    pub price: RatePrice,
    /// The transit; the product's configured transit days stand without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etd: Option<RateEtd>,
    /// For a product of the request's `pickup_point_products`: the points it can be collected
    /// at near the destination, at most 50. Without them the product takes its fallback for
    /// pickup points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 50))]
    pub pickup_points: Option<Vec<PickupPoint>>,
}

/// A price in minor units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RatePrice {
    /// Minor units (öre, cents), 0 or more.
    #[schemars(range(min = 0, max = 1_000_000_000_000i64))]
    pub amount: i64,
    /// The request's currency.
    #[schemars(regex(pattern = "^[A-Z]{3}$"))]
    pub currency: String,
}

/// Transit working days from the hand-over to the carrier; the checkout turns them into dates
/// with the warehouse's calendar.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RateEtd {
    #[schemars(range(max = 365))]
    pub transit_days_min: u32,
    #[schemars(range(max = 365))]
    pub transit_days_max: u32,
}

/// A place where the customer collects a parcel: a service point, a locker, a post office or
/// a store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PickupPoint {
    /// The carrier's id of the point, stable across answers: a customer's choice is kept by it.
    #[schemars(regex(pattern = "^[A-Za-z0-9_:-]{1,64}$"))]
    pub id: String,
    /// The name the customer sees.
    #[schemars(length(min = 1, max = 200))]
    pub name: String,
    pub location_type: PickupPointType,
    /// Where the customer goes.
    pub address: PickupPointAddress,
    /// Where the point is; distances and maps are computed from it.
    pub coordinates: RateCoordinates,
    /// Opening intervals per weekday (`monday` .. `sunday`), as `HH:MM-HH:MM`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub opening_hours: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PickupPointType {
    ServicePoint,
    Locker,
    PostOffice,
    Store,
}

/// A pickup point's visiting address.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PickupPointAddress {
    #[serde(default)]
    pub address_lines: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2 code.
    #[schemars(regex(pattern = "^[A-Z]{2}$"))]
    pub country_code: String,
}

/// A search for pickup points near a place, made when a customer looks for a point other than
/// those offered (on a map, by another address).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PickupPointSearch {
    /// The merchant (site) the checkout searches for.
    pub merchant_id: String,
    /// The carrier products whose points are wanted (`carrier_products[].id`).
    pub products: Vec<String>,
    /// ISO 3166-1 alpha-2 code of the country searched.
    #[schemars(regex(pattern = "^[A-Z]{2}$"))]
    pub country_code: String,
    /// Around where, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub near: Option<RateCoordinates>,
    /// Words the customer typed (a name, a street, a city), when any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The most points wanted in all.
    #[schemars(range(min = 1, max = 50))]
    pub limit: u32,
}

/// The points found, each for one of the search's products, nearest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PickupPointSearchAnswer {
    pub points: Vec<FoundPickupPoint>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FoundPickupPoint {
    /// One of the search's `products`.
    pub product_id: String,
    pub point: PickupPoint,
}

/// The longest transit a provider may promise; more is taken for a broken answer.
pub const MAX_TRANSIT_DAYS: u32 = 365;

/// The highest price a provider may answer, in minor units (the configuration's own bound).
pub const MAX_RATE_AMOUNT: i64 = 1_000_000_000_000;

/// The most pickup points one product's rate (or one search) may carry.
pub const MAX_PICKUP_POINTS: usize = 50;

impl RateAnswer {
    /// The answer, if every rate fits `request`: a product it asked for (once), a price in its
    /// currency within bounds, an ETD whose minimum does not exceed its maximum, pickup points
    /// only where asked for and each of them well formed.
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
            if let Some(points) = &r.pickup_points {
                if !request.pickup_point_products.contains(&r.product_id) {
                    return bad(format!(
                        "pickup points for `{}`, which was not asked for them",
                        r.product_id
                    ));
                }
                if let Err(why) = check_points(points.iter()) {
                    return bad(format!("pickup_points{why}"));
                }
            }
        }
        Ok(self)
    }
}

impl PickupPointSearchAnswer {
    /// The answer, if every point is for a product searched, well formed, and there are no
    /// more than the search's limit.
    ///
    /// # Errors
    /// `Invalid` naming the first point that does not fit.
    pub fn check(self, search: &PickupPointSearch) -> Result<Self, ProviderFailure> {
        if self.points.len() > search.limit as usize {
            return Err(ProviderFailure::Invalid(format!(
                "{} points, {} asked for",
                self.points.len(),
                search.limit
            )));
        }
        if let Some((i, p)) = self
            .points
            .iter()
            .enumerate()
            .find(|(_, p)| !search.products.contains(&p.product_id))
        {
            return Err(ProviderFailure::Invalid(format!(
                "points[{i}]: product `{}` was not searched",
                p.product_id
            )));
        }
        check_points(self.points.iter().map(|p| &p.point))
            .map_err(|why| ProviderFailure::Invalid(format!("points{why}")))?;
        Ok(self)
    }
}

/// `Err("[i]: why")` for the first point that is not well formed.
fn check_points<'a>(points: impl ExactSizeIterator<Item = &'a PickupPoint>) -> Result<(), String> {
    if points.len() > MAX_PICKUP_POINTS {
        return Err(format!(": more than {MAX_PICKUP_POINTS}"));
    }
    let mut ids = HashSet::new();
    for (i, p) in points.enumerate() {
        let id_ok = (1..=64).contains(&p.id.len())
            && p.id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b':' | b'-'));
        let why = if !id_ok {
            format!(
                "id `{}` is not 1 to 64 of A-Z a-z 0-9 _ : -",
                p.id.escape_default()
            )
        } else if !ids.insert(p.id.as_str()) {
            format!("id `{}` appears twice", p.id)
        } else if p.name.trim().is_empty() || p.name.chars().count() > 200 {
            "name is empty or longer than 200 characters".into()
        } else if !(-90.0..=90.0).contains(&p.coordinates.lat)
            || !(-180.0..=180.0).contains(&p.coordinates.lng)
        {
            "coordinates are outside the globe".into()
        } else if p.address.country_code.len() != 2
            || !p
                .address
                .country_code
                .bytes()
                .all(|b| b.is_ascii_uppercase())
        {
            format!(
                "address.country_code `{}` is not ISO 3166-1 alpha-2",
                p.address.country_code.escape_default()
            )
        } else {
            continue;
        };
        return Err(format!("[{i}]: {why}"));
    }
    Ok(())
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
/// `timeout` and judge the answer with the answer type's `check`.
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

    /// # Errors
    /// A [`ProviderFailure`] for a call that gave no usable answer; never panics on any answer.
    async fn search_pickup_points(
        &self,
        url: &str,
        secret: &str,
        search: &PickupPointSearch,
        timeout: Duration,
    ) -> Result<PickupPointSearchAnswer, ProviderFailure>;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> RateRequest {
        RateRequest {
            merchant_id: "m".into(),
            currency: "SEK".into(),
            products: vec!["a".into(), "b".into()],
            pickup_point_products: vec!["b".into()],
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
            pickup_points: None,
        }
    }

    fn point(id: &str) -> PickupPoint {
        PickupPoint {
            id: id.into(),
            name: "Corner shop".into(),
            location_type: PickupPointType::ServicePoint,
            address: PickupPointAddress {
                address_lines: vec!["Storgatan 1".into()],
                postal_code: Some("11122".into()),
                city: Some("Stockholm".into()),
                country_code: "SE".into(),
            },
            coordinates: RateCoordinates {
                lat: 59.33,
                lng: 18.06,
            },
            opening_hours: BTreeMap::new(),
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
    fn pickup_points_are_taken_only_where_asked_and_well_formed() {
        let with = |product: &str, points: Vec<PickupPoint>| {
            let mut r = rate(product, 100, "SEK");
            r.pickup_points = Some(points);
            check(vec![r])
        };
        assert!(with("b", vec![point("SE-1"), point("locker:2")]).is_ok());
        let mut far = point("SE-3");
        far.coordinates.lat = 91.0;
        let mut unnamed = point("SE-4");
        unnamed.name = " ".into();
        let mut country = point("SE-5");
        country.address.country_code = "se".into();
        for (product, points, why) in [
            ("a", vec![point("SE-1")], "not asked for them"),
            ("b", vec![point("SE 1")], "is not 1 to 64"),
            ("b", vec![point("SE-1"), point("SE-1")], "twice"),
            ("b", vec![far], "outside the globe"),
            ("b", vec![unnamed], "name"),
            ("b", vec![country], "country_code"),
            ("b", vec![point("x"); 51], "more than 50"),
        ] {
            match with(product, points) {
                Err(ProviderFailure::Invalid(text)) => assert!(text.contains(why), "{text}"),
                other => panic!("expected invalid ({why}), got {other:?}"),
            }
        }
    }

    #[test]
    fn search_answers_keep_to_the_products_and_the_limit() {
        let search = PickupPointSearch {
            merchant_id: "m".into(),
            products: vec!["b".into()],
            country_code: "SE".into(),
            near: None,
            text: None,
            limit: 1,
        };
        let found = |product: &str, id: &str| FoundPickupPoint {
            product_id: product.into(),
            point: point(id),
        };
        let answer = |points| PickupPointSearchAnswer { points }.check(&search);
        assert!(answer(vec![found("b", "1")]).is_ok());
        assert!(matches!(
            answer(vec![found("b", "1"), found("b", "2")]),
            Err(ProviderFailure::Invalid(t)) if t.contains("asked for")
        ));
        assert!(matches!(
            answer(vec![found("a", "1")]),
            Err(ProviderFailure::Invalid(t)) if t.contains("not searched")
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
