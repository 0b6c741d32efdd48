//! The rate-provider contract as a poem-openapi API, and a reference provider implementing it:
//! `openapi/provider.json` is rendered from this module, with the wire records the checkout's
//! own adapter sends and reads (`ports::providers`), so the published contract, the checkout
//! and the reference implementation share one definition. The provider verifies each request's
//! signature and answers from a table of prices, transit days and pickup points;
//! `examples/reference_provider.rs` runs it.

use std::collections::BTreeMap;
use std::sync::Arc;

use poem::{Endpoint, EndpointExt, IntoResponse, Request, Response, Route};
use poem_openapi::param::Header;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, ContactObject, Object, OpenApi, OpenApiService};
use serde::Deserialize;
use subtle::ConstantTimeEq;

use api::common::schema_json::SchemaJson;
use ports::providers::{
    sign, FoundPickupPoint, PickupPoint, PickupPointSearch, PickupPointSearchAnswer, ProductRate,
    RateAnswer, RateCoordinates, RateEtd, RatePrice, RateRequest, MAX_PICKUP_POINTS,
    SIGNATURE_HEADER,
};

/// Requests signed longer ago than this (or this far ahead) are refused as replays.
pub const MAX_SIGNATURE_AGE_SECONDS: i64 = 300;

/// Why a request was refused.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "snake_case")]
pub struct ProviderError {
    pub message: String,
}

#[derive(ApiResponse)]
#[oai(bad_request_handler = "quote_bad_request")]
enum QuoteResponse {
    /// The rates of the products the provider prices.
    #[oai(status = 200)]
    Ok(SchemaJson<RateAnswer>),
    /// The request's JSON does not fit the contract.
    #[oai(status = 400)]
    BadRequest(Json<ProviderError>),
    /// The signature is missing, stale or wrong.
    #[oai(status = 401)]
    Unauthorized(Json<ProviderError>),
}

fn quote_bad_request(err: poem::Error) -> QuoteResponse {
    QuoteResponse::BadRequest(Json(ProviderError {
        message: err.to_string(),
    }))
}

#[derive(ApiResponse)]
#[oai(bad_request_handler = "search_bad_request")]
enum SearchResponse {
    /// The points found, nearest first.
    #[oai(status = 200)]
    Ok(SchemaJson<PickupPointSearchAnswer>),
    /// The request's JSON does not fit the contract.
    #[oai(status = 400)]
    BadRequest(Json<ProviderError>),
    /// The signature is missing, stale or wrong.
    #[oai(status = 401)]
    Unauthorized(Json<ProviderError>),
}

fn search_bad_request(err: poem::Error) -> SearchResponse {
    SearchResponse::BadRequest(Json(ProviderError {
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
    /// Where the product can be collected, for quotes that ask for points and for searches.
    #[serde(default)]
    pub pickup_points: Vec<PickupPoint>,
}

/// Rows by carrier product id.
pub type Table = BTreeMap<String, TableRow>;

/// A table for the demo merchant's Budbee and PostNord home products and its Instabox lockers.
pub fn demo_table() -> Table {
    serde_json::from_str(
        r#"{
            "budbee-home": {"price": {"SEK": 5900, "EUR": 590}, "per_kg": 500,
                            "transit_days_min": 1, "transit_days_max": 2},
            "pnl-mph": {"price": {"SEK": 6900, "NOK": 7900}, "per_kg": 300,
                        "transit_days_min": 1, "transit_days_max": 3},
            "instabox-locker": {"price": {"SEK": 3900}, "transit_days_min": 1,
                                "transit_days_max": 2, "pickup_points": [
                {"id": "IBX-1001", "name": "Instabox Sergels torg", "location_type": "LOCKER",
                 "address": {"address_lines": ["Sergels torg 12"], "postal_code": "11157",
                             "city": "Stockholm", "country_code": "SE"},
                 "coordinates": {"lat": 59.3326, "lng": 18.0649},
                 "opening_hours": {"monday": ["00:00-24:00"], "tuesday": ["00:00-24:00"],
                                   "wednesday": ["00:00-24:00"], "thursday": ["00:00-24:00"],
                                   "friday": ["00:00-24:00"], "saturday": ["00:00-24:00"],
                                   "sunday": ["00:00-24:00"]}},
                {"id": "IBX-1002", "name": "Instabox Odenplan", "location_type": "LOCKER",
                 "address": {"address_lines": ["Odengatan 69"], "postal_code": "11322",
                             "city": "Stockholm", "country_code": "SE"},
                 "coordinates": {"lat": 59.3430, "lng": 18.0495}},
                {"id": "IBX-2001", "name": "Instabox Centralstationen", "location_type": "LOCKER",
                 "address": {"address_lines": ["Drottningtorget 5"], "postal_code": "41103",
                             "city": "Göteborg", "country_code": "SE"},
                 "coordinates": {"lat": 57.7089, "lng": 11.9733}}
            ]}
        }"#,
    )
    .expect("the demo table is valid")
}

/// The contract's operations, answered from a table.
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
    /// and prices in the request's currency for products it asked for, with pickup points for
    /// those of `pickup_point_products`; anything else (another status, a late or malformed
    /// answer) makes those products fall back.
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
        body: SchemaJson<RateRequest>,
    ) -> QuoteResponse {
        let request = body.0;
        let kilograms = (request.total_weight_grams.max(0) + 999) / 1000;
        let near = request.destination.coordinates;
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
                let pickup_points = request.pickup_point_products.contains(id).then(|| {
                    let mut points: Vec<&PickupPoint> = row
                        .pickup_points
                        .iter()
                        .filter(|p| p.address.country_code == request.destination.country_code)
                        .collect();
                    nearest_first(&mut points, near);
                    points
                        .into_iter()
                        .take(MAX_PICKUP_POINTS)
                        .cloned()
                        .collect()
                });
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
                    pickup_points,
                })
            })
            .collect();
        QuoteResponse::Ok(SchemaJson(RateAnswer { rates }))
    }

    /// Search pickup points near a place.
    ///
    /// The checkout POSTs a search when a customer looks for a point other than those a quote
    /// offered (a map, another address, a name), for the products whose provider gives pickup
    /// points, signed as quotes are. Answer at most `limit` points of the products searched,
    /// nearest to `near` first; a point the customer picks is then offered by its `id`.
    #[oai(
        path = "/v1/pickup-points/search",
        method = "post",
        operation_id = "searchPickupPoints",
        tag = "ProviderTags::PickupPoints"
    )]
    async fn search_pickup_points(
        &self,
        /// `t=<unix seconds>,v1=<hex HMAC-SHA256>`; checked before the body is read.
        #[oai(name = "X-Checkout-Signature")]
        _signature: Header<String>,
        body: SchemaJson<PickupPointSearch>,
    ) -> SearchResponse {
        let search = body.0;
        let text = search.text.as_deref().map(str::to_lowercase);
        let mut found: Vec<(&String, &PickupPoint)> = search
            .products
            .iter()
            .filter_map(|id| Some((id, self.table.get(id)?)))
            .flat_map(|(id, row)| row.pickup_points.iter().map(move |p| (id, p)))
            .filter(|(_, p)| p.address.country_code == search.country_code)
            .filter(|(_, p)| {
                text.as_deref().is_none_or(|t| {
                    std::iter::once(&p.name)
                        .chain(&p.address.address_lines)
                        .chain(&p.address.city)
                        .any(|field| field.to_lowercase().contains(t))
                })
            })
            .collect();
        if let Some(at) = search.near {
            found.sort_by(|(_, a), (_, b)| meters(at, a).total_cmp(&meters(at, b)));
        }
        let points = found
            .into_iter()
            .take(search.limit as usize)
            .map(|(id, p)| FoundPickupPoint {
                product_id: id.clone(),
                point: p.clone(),
            })
            .collect();
        SearchResponse::Ok(SchemaJson(PickupPointSearchAnswer { points }))
    }
}

fn nearest_first(points: &mut [&PickupPoint], near: Option<RateCoordinates>) {
    if let Some(at) = near {
        points.sort_by(|a, b| meters(at, a).total_cmp(&meters(at, b)));
    }
}

/// Great-circle metres from `at` to `point`, as the checkout measures distances.
fn meters(at: RateCoordinates, point: &PickupPoint) -> f64 {
    let c = |r: RateCoordinates| domain::Coordinates {
        lat: r.lat,
        lng: r.lng,
    };
    engine::great_circle_meters(c(at), c(point.coordinates))
}

#[derive(poem_openapi::Tags)]
enum ProviderTags {
    /// Rates, transit days and the products they are for.
    Rates,
    /// Pickup points near a place.
    PickupPoints,
}

fn service(table: Arc<Table>) -> OpenApiService<ProviderApi, ()> {
    OpenApiService::new(
        ProviderApi { table },
        "Rate provider contract",
        env!("CARGO_PKG_VERSION"),
    )
    .description(
        "What a rate provider answers: the checkout asks it for live prices, transit days and \
         pickup points of the carrier products a merchant configured with `provider`, and \
         searches its pickup points, signed with HMAC-SHA256 like webhooks. A provider that is \
         slow, down or wrong never fails a checkout: its products take their configured \
         fallback.",
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
        let refusal = ProviderError {
            message: "missing, stale or wrong X-Checkout-Signature".into(),
        };
        // Each operation declares its own 401; the body is the same.
        return Ok(if req.uri().path().ends_with("/search") {
            SearchResponse::Unauthorized(Json(refusal)).into_response()
        } else {
            QuoteResponse::Unauthorized(Json(refusal)).into_response()
        });
    }
    req.set_body(body);
    Ok(ep.call(req).await?.into_response())
}
