//! The rate-provider contract as a poem-openapi API, and a reference provider implementing it:
//! `openapi/provider.json` is rendered from this module, so the published contract and the
//! reference implementation cannot drift. The provider verifies each request's signature and
//! answers from a table of prices and transit days; `examples/reference_provider.rs` runs it.

use std::collections::BTreeMap;
use std::sync::Arc;

use poem::{Endpoint, EndpointExt, IntoResponse, Request, Response, Route};
use poem_openapi::param::Header;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, ContactObject, Object, OpenApi, OpenApiService};
use serde::Deserialize;
use subtle::ConstantTimeEq;

use ports::providers::{sign, SIGNATURE_HEADER};

/// Requests signed longer ago than this (or this far ahead) are refused as replays.
pub const MAX_SIGNATURE_AGE_SECONDS: i64 = 300;

/// A quote request for one delivery.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "snake_case")]
pub struct RateRequest {
    /// The merchant (site) the checkout quotes for.
    pub merchant_id: String,
    /// ISO 4217 code; every price of the answer must be in it.
    #[oai(validator(pattern = "^[A-Z]{3}$"))]
    pub currency: String,
    /// The carrier products to price (the merchant's `carrier_products[].id`).
    pub products: Vec<String>,
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
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "snake_case")]
pub struct RateAddress {
    /// The warehouse id, on the sender only.
    pub warehouse_id: Option<String>,
    /// ISO 3166-1 alpha-2 code.
    #[oai(validator(pattern = "^[A-Z]{2}$"))]
    pub country_code: String,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    #[oai(default)]
    pub address_lines: Vec<String>,
    pub coordinates: Option<RateCoordinates>,
}

/// WGS 84 coordinates in degrees.
#[derive(Debug, Clone, Copy, Object)]
#[oai(rename_all = "snake_case")]
pub struct RateCoordinates {
    pub lat: f64,
    pub lng: f64,
}

/// One cart line.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "snake_case")]
pub struct RateGood {
    pub sku: String,
    pub quantity: i32,
    /// One unit's weight in grams.
    pub weight_grams: Option<i64>,
    /// One unit's sides in millimetres.
    pub dimensions_mm: Option<RateDimensions>,
    /// One unit's price in minor units of the request's currency.
    pub unit_price: i64,
}

/// A parcel's sides in millimetres.
#[derive(Debug, Clone, Copy, Object)]
#[oai(rename_all = "snake_case")]
pub struct RateDimensions {
    pub length: i64,
    pub width: i64,
    pub height: i64,
}

/// The provider's answer: the products it prices; a product left out takes its fallback.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "snake_case")]
pub struct RateAnswer {
    pub rates: Vec<ProductRate>,
}

/// One product's price and transit.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "snake_case")]
pub struct ProductRate {
    /// One of the request's `products`, at most once per answer.
    pub product_id: String,
    pub price: RatePrice,
    /// The transit; the product's configured transit days stand without it.
    pub etd: Option<RateEtd>,
}

/// A price in minor units.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "snake_case")]
pub struct RatePrice {
    /// Minor units (öre, cents), 0 or more.
    #[oai(validator(minimum(value = "0"), maximum(value = "1000000000000")))]
    pub amount: i64,
    /// The request's currency.
    #[oai(validator(pattern = "^[A-Z]{3}$"))]
    pub currency: String,
}

/// Transit working days from the hand-over to the carrier; the checkout turns them into dates
/// with the warehouse's calendar.
#[derive(Debug, Clone, Copy, Object)]
#[oai(rename_all = "snake_case")]
pub struct RateEtd {
    #[oai(validator(maximum(value = "365")))]
    pub transit_days_min: u32,
    #[oai(validator(maximum(value = "365")))]
    pub transit_days_max: u32,
}

/// Why a request was refused.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "snake_case")]
pub struct ProviderError {
    pub message: String,
}

#[derive(ApiResponse)]
#[oai(bad_request_handler = "bad_request")]
enum QuoteResponse {
    /// The rates of the products the provider prices.
    #[oai(status = 200)]
    Ok(Json<RateAnswer>),
    /// The request's JSON does not fit the contract.
    #[oai(status = 400)]
    BadRequest(Json<ProviderError>),
    /// The signature is missing, stale or wrong.
    #[oai(status = 401)]
    Unauthorized(Json<ProviderError>),
}

fn bad_request(err: poem::Error) -> QuoteResponse {
    QuoteResponse::BadRequest(Json(ProviderError {
        message: err.to_string(),
    }))
}

/// One product's row of the reference provider's table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableRow {
    /// Price per ISO 4217 currency, in minor units.
    pub price: BTreeMap<String, i64>,
    /// Extra minor units per started kilogram of the delivery.
    #[serde(default)]
    pub per_kg: i64,
    pub transit_days_min: u32,
    pub transit_days_max: u32,
}

/// Rows by carrier product id.
pub type Table = BTreeMap<String, TableRow>;

/// A table for the demo merchant's Budbee and PostNord home products.
pub fn demo_table() -> Table {
    serde_json::from_str(
        r#"{
            "budbee-home": {"price": {"SEK": 5900, "EUR": 590}, "per_kg": 500,
                            "transit_days_min": 1, "transit_days_max": 2},
            "pnl-mph": {"price": {"SEK": 6900, "NOK": 7900}, "per_kg": 300,
                        "transit_days_min": 1, "transit_days_max": 3}
        }"#,
    )
    .expect("the demo table is valid")
}

/// The contract's one operation, answered from a table.
pub struct ProviderApi {
    table: Arc<Table>,
}

#[OpenApi]
impl ProviderApi {
    /// Quote carrier products for a delivery.
    ///
    /// The checkout POSTs one request per delivery and provider before it shows the options,
    /// and waits at most the provider's `timeout_ms` (within the merchant's `quote_budget_ms`).
    /// The body is signed: `X-Checkout-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
    /// "<t>.<body>">` with the provider's shared secret, as webhooks are. Answer only with 200
    /// and prices in the request's currency for products it asked for; anything else (another
    /// status, a late or malformed answer) makes those products fall back.
    #[oai(
        path = "/v1/rates",
        method = "post",
        operation_id = "quoteRates",
        tag = "ProviderTags::Rates"
    )]
    async fn quote_rates(
        &self,
        /// `t=<unix seconds>,v1=<hex HMAC-SHA256>`; checked before the body is read.
        #[oai(name = "X-Checkout-Signature")]
        _signature: Header<String>,
        body: Json<RateRequest>,
    ) -> QuoteResponse {
        let request = body.0;
        let kilograms = (request.total_weight_grams.max(0) + 999) / 1000;
        let rates = request
            .products
            .iter()
            .filter_map(|id| {
                let row = self.table.get(id)?;
                let base = *row.price.get(&request.currency)?;
                let amount = row
                    .per_kg
                    .checked_mul(kilograms)
                    .and_then(|extra| base.checked_add(extra))?;
                Some(ProductRate {
                    product_id: id.clone(),
                    price: RatePrice {
                        amount,
                        currency: request.currency.clone(),
                    },
                    etd: Some(RateEtd {
                        transit_days_min: row.transit_days_min,
                        transit_days_max: row.transit_days_max,
                    }),
                })
            })
            .collect();
        QuoteResponse::Ok(Json(RateAnswer { rates }))
    }
}

#[derive(poem_openapi::Tags)]
enum ProviderTags {
    /// Rates, transit days and the products they are for.
    Rates,
}

fn service(table: Arc<Table>) -> OpenApiService<ProviderApi, ()> {
    OpenApiService::new(
        ProviderApi { table },
        "Rate provider contract",
        env!("CARGO_PKG_VERSION"),
    )
    .description(
        "What a rate provider answers: the checkout asks it for live prices and transit days of \
         the carrier products a merchant configured with `provider`, signed with HMAC-SHA256 \
         like webhooks. A provider that is slow, down or wrong never fails a checkout: its \
         products take their configured fallback.",
    )
    .contact(ContactObject::new().name("Headless Checkout"))
    .server("/")
}

/// The contract document (`openapi/provider.json`).
pub fn spec_json() -> String {
    service(Arc::new(Table::new())).spec()
}

/// The reference provider: the contract's routes behind signature verification with `secret`.
pub fn endpoint(secret: String, table: Table) -> impl Endpoint {
    Route::new()
        .nest("/", service(Arc::new(table)))
        .around(move |ep, req| {
            let secret = secret.clone();
            async move { verify_then(ep, req, &secret).await }
        })
}

/// Reads the body, checks its signature (constant time, bounded age), and hands the request on
/// with its body restored.
async fn verify_then<E: Endpoint>(
    ep: Arc<E>,
    mut req: Request,
    secret: &str,
) -> poem::Result<Response> {
    let body = req.take_body().into_bytes().await?;
    let header = req
        .headers()
        .get(SIGNATURE_HEADER)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let fresh = header
        .split(',')
        .next()
        .and_then(|t| t.strip_prefix("t="))
        .and_then(|t| t.parse::<i64>().ok())
        .filter(|t| (now - t).abs() <= MAX_SIGNATURE_AGE_SECONDS);
    let valid = fresh.is_some_and(|t| {
        let expected = sign(secret, t, &body);
        bool::from(expected.as_bytes().ct_eq(header.as_bytes()))
    });
    if !valid {
        return Ok(QuoteResponse::Unauthorized(Json(ProviderError {
            message: "missing, stale or wrong X-Checkout-Signature".into(),
        }))
        .into_response());
    }
    req.set_body(body);
    Ok(ep.call(req).await?.into_response())
}
