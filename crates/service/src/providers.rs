//! Live rates: before the engine quotes, each delivery's rate providers are asked in parallel
//! under the merchant's time budget, through a per-provider circuit breaker and an answer
//! cache; the engine then gets what came back as input. A provider can only cause fallbacks,
//! never a failed request.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

use domain::config::{
    AddressConfig, CarrierProductConfig, CoordinatesConfig, MerchantConfig, PickupLocationConfig,
    ProviderConfig, ProviderFallback,
};
use domain::{Goods, LocationQuery, LocationType, Session, WAREHOUSE_ATTRIBUTE_PREFIX};
use engine::{LiveSearch, PreparedMerchant, ProviderAnswer, ProviderAnswers};
use ports::providers::MAX_PICKUP_POINTS;
use ports::providers::{
    PickupPoint, PickupPointSearch, PickupPointSearchAnswer, PickupPointType, RateAddress,
    RateCoordinates, RateDimensions, RateGood,
};
use ports::{RateAnswer, RateProvider, RateRequest};

/// Answers cached per provider at most; beyond, expired ones go, then all.
const MAX_CACHED: usize = 10_000;

/// One call to make: a provider asked about one delivery.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Planned {
    delivery_id: String,
    provider_id: String,
    request: RateRequest,
}

/// Each planned call with its answer, or the reason it gave none.
#[derive(Debug, Default)]
pub(crate) struct Gathered(Vec<(Planned, Result<RateAnswer, &'static str>)>);

pub(crate) struct Providers {
    port: Arc<dyn RateProvider>,
    /// Per (merchant id, provider id).
    state: Mutex<HashMap<(String, String), ProviderState>>,
    /// Points providers' searches found, by (merchant id, carrier product id, point id), with
    /// when: a customer adds one of them to a session by its id after the search.
    found: Mutex<HashMap<FoundKey, (Instant, PickupLocationConfig)>>,
}

/// (merchant id, carrier product id, point id).
type FoundKey = (String, String, String);

/// How long a point found by a search can be added to a session.
const FOUND_POINT_TTL: Duration = Duration::from_secs(3600);

#[derive(Default)]
struct ProviderState {
    breaker: Breaker,
    rates: Cache<RateAnswer>,
    searches: Cache<PickupPointSearchAnswer>,
}

/// Answers by their request's JSON, with when they came.
type Cache<A> = HashMap<String, (Instant, A)>;

/// Closed while `open_until` is `None`; open until then; after it, half-open: one probing
/// call goes through, and its outcome closes or reopens the breaker.
#[derive(Default)]
struct Breaker {
    failures: u32,
    open_until: Option<Instant>,
    probing: bool,
}

impl Breaker {
    fn admit(&mut self, now: Instant) -> bool {
        match self.open_until {
            None => true,
            Some(until) if now < until => false,
            Some(_) if self.probing => false,
            Some(_) => {
                self.probing = true;
                true
            }
        }
    }

    fn record(&mut self, ok: bool, now: Instant, config: &ProviderConfig) {
        if ok {
            *self = Breaker::default();
            return;
        }
        self.failures = self.failures.saturating_add(1);
        if self.probing || self.failures >= config.breaker.failures_to_open {
            self.open_until = Some(now + Duration::from_secs(config.breaker.open_seconds));
            self.probing = false;
        }
    }

    /// 0 closed, 1 half-open, 2 open: the `checkout_provider_breaker_state` gauge.
    fn gauge(&self, now: Instant) -> f64 {
        match self.open_until {
            None => 0.0,
            Some(until) if now < until => 2.0,
            Some(_) => 1.0,
        }
    }
}

impl Providers {
    pub(crate) fn new(port: Arc<dyn RateProvider>) -> Self {
        Self {
            port,
            state: Mutex::new(HashMap::new()),
            found: Mutex::new(HashMap::new()),
        }
    }

    /// Asks each provider with a `pickup_points_url` for the points of its products that
    /// `query` covers, all at once within the merchant's budget. A product whose provider
    /// answered is searched among the answer only; one whose provider gave nothing keeps the
    /// merchant's own locations, or none with fallback `hide`.
    pub(crate) async fn search(
        &self,
        merchant: &PreparedMerchant,
        query: &LocationQuery,
        near: Option<domain::Coordinates>,
    ) -> LiveSearch {
        let config = &merchant.config;
        let mut live = LiveSearch::default();
        let Some(country) = query.country_code.as_deref().map(str::to_ascii_uppercase) else {
            return live;
        };
        let deadline = Instant::now() + Duration::from_millis(config.quote_budget_ms);
        let calls = config.providers.iter().filter_map(|provider| {
            let url = provider.pickup_points_url.as_deref()?;
            let products: Vec<&CarrierProductConfig> = config
                .carrier_products
                .iter()
                .filter(|p| {
                    p.provider
                        .as_ref()
                        .is_some_and(|w| w.id == provider.id && w.pickup_points)
                        && p.countries.contains(&country)
                        && merchant.offers_product(&p.id)
                        && query
                            .shipping_method
                            .as_deref()
                            .is_none_or(|m| p.id == m || engine::shipping_method(p) == m)
                })
                .collect();
            if products.is_empty() {
                return None;
            }
            let search = PickupPointSearch {
                merchant_id: config.id.clone(),
                products: products.iter().map(|p| p.id.clone()).collect(),
                country_code: country.clone(),
                near: near.map(|c| RateCoordinates {
                    lat: c.lat,
                    lng: c.lng,
                }),
                text: query
                    .text
                    .as_deref()
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned),
                limit: query.limit.clamp(1, MAX_PICKUP_POINTS) as u32,
            };
            Some(async move {
                let outcome = self
                    .cached(
                        &config.id,
                        provider,
                        &search,
                        |s| &mut s.searches,
                        deadline,
                        |timeout| {
                            self.port
                                .search_pickup_points(url, &provider.secret, &search, timeout)
                        },
                    )
                    .await;
                (products, outcome)
            })
        });
        let now = Instant::now();
        for (products, outcome) in futures::future::join_all(calls).await {
            match outcome {
                Ok(answer) => {
                    live.replaced.extend(products.iter().map(|p| p.id.clone()));
                    let mut found = self.found.lock().expect("found points lock");
                    make_room(&mut found, now, FOUND_POINT_TTL);
                    for hit in answer.points {
                        let Some(product) = products.iter().find(|p| p.id == hit.product_id) else {
                            continue;
                        };
                        let point = location(&product.carrier, &hit.point);
                        found.insert(
                            (config.id.clone(), product.id.clone(), point.id.clone()),
                            (now, point.clone()),
                        );
                        live.found.push((product.id.clone(), point));
                    }
                }
                Err(reason) => {
                    for product in products {
                        tracing::warn!(
                            product = %product.id,
                            reason,
                            "pickup point search fallback"
                        );
                        let wanted = product.provider.as_ref().expect("filtered on a provider");
                        metrics::counter!("checkout_provider_fallbacks_total",
                            "provider" => wanted.id.clone(), "reason" => reason)
                        .increment(1);
                        if wanted.fallback == ProviderFallback::Hide {
                            live.replaced.insert(product.id.clone());
                        }
                    }
                }
            }
        }
        live
    }

    /// A point a provider's search found for `product_id` in the last hour.
    pub(crate) fn found_point(
        &self,
        merchant_id: &str,
        product_id: &str,
        point_id: &str,
    ) -> Option<PickupLocationConfig> {
        let found = self.found.lock().expect("found points lock");
        let key = (
            merchant_id.to_owned(),
            product_id.to_owned(),
            point_id.to_owned(),
        );
        found
            .get(&key)
            .filter(|(at, _)| at.elapsed() < FOUND_POINT_TTL)
            .map(|(_, point)| point.clone())
    }

    /// Calls `call` through the provider's breaker, within its timeout and `deadline`,
    /// recording the outcome in the breaker and the metrics.
    async fn guarded<A, F>(
        &self,
        merchant_id: &str,
        provider: &ProviderConfig,
        deadline: Instant,
        call: impl FnOnce(Duration) -> F,
    ) -> Result<A, &'static str>
    where
        F: std::future::Future<Output = Result<A, ports::ProviderFailure>>,
    {
        let key = (merchant_id.to_owned(), provider.id.clone());
        let started = Instant::now();
        {
            let mut state = self.state.lock().expect("provider state lock");
            if !state.entry(key.clone()).or_default().breaker.admit(started) {
                return Err("breaker_open");
            }
        }
        let until = deadline.min(started + Duration::from_millis(provider.timeout_ms));
        let timeout = until.saturating_duration_since(started);
        // The adapter bounds the call too; this bound holds whatever the adapter does.
        let outcome = match tokio::time::timeout_at(until, call(timeout)).await {
            Ok(Ok(answer)) => Ok(answer),
            Ok(Err(failure)) => {
                tracing::debug!(provider = %provider.id, %failure, "rate provider call failed");
                Err(failure.reason())
            }
            Err(_) => Err("timeout"),
        };
        let now = Instant::now();
        metrics::histogram!("checkout_provider_call_duration_seconds",
            "provider" => provider.id.clone())
        .record(now.duration_since(started).as_secs_f64());
        metrics::counter!("checkout_provider_calls_total",
            "provider" => provider.id.clone(),
            "outcome" => match &outcome { Ok(_) => "ok", Err(r) => r })
        .increment(1);
        let mut state = self.state.lock().expect("provider state lock");
        let entry = state.entry(key).or_default();
        entry.breaker.record(outcome.is_ok(), now, provider);
        metrics::gauge!("checkout_provider_breaker_state", "provider" => provider.id.clone())
            .set(entry.breaker.gauge(now));
        outcome
    }

    /// Makes every planned call at once; each ends by its own timeout or the budget's end,
    /// whichever is first, so the whole takes at most the budget.
    pub(crate) async fn gather(&self, config: &MerchantConfig, planned: Vec<Planned>) -> Gathered {
        if planned.is_empty() {
            return Gathered::default();
        }
        let deadline = Instant::now() + Duration::from_millis(config.quote_budget_ms);
        let calls = planned.into_iter().map(|p| async move {
            let outcome = match config.provider(&p.provider_id) {
                Some(provider) => self.call(&config.id, provider, &p.request, deadline).await,
                None => Err("error"),
            };
            (p, outcome)
        });
        Gathered(futures::future::join_all(calls).await)
    }

    async fn call(
        &self,
        merchant_id: &str,
        provider: &ProviderConfig,
        request: &RateRequest,
        deadline: Instant,
    ) -> Result<RateAnswer, &'static str> {
        self.cached(
            merchant_id,
            provider,
            request,
            |s| &mut s.rates,
            deadline,
            |timeout| {
                self.port
                    .quote(&provider.url, &provider.secret, request, timeout)
            },
        )
        .await
    }

    /// An answer to the same `request` from the last `cache_seconds`, else the call's (kept
    /// for that long when it succeeds). `cache` picks the answers of the call's kind.
    async fn cached<A: Clone, F>(
        &self,
        merchant_id: &str,
        provider: &ProviderConfig,
        request: &impl serde::Serialize,
        cache: fn(&mut ProviderState) -> &mut Cache<A>,
        deadline: Instant,
        call: impl FnOnce(Duration) -> F,
    ) -> Result<A, &'static str>
    where
        F: std::future::Future<Output = Result<A, ports::ProviderFailure>>,
    {
        let key = (merchant_id.to_owned(), provider.id.clone());
        let cache_key = serde_json::to_string(request).unwrap_or_default();
        let ttl = Duration::from_secs(provider.cache_seconds);
        {
            let mut state = self.state.lock().expect("provider state lock");
            let answers = cache(state.entry(key.clone()).or_default());
            if let Some((at, answer)) = answers.get(&cache_key) {
                if at.elapsed() < ttl {
                    metrics::counter!("checkout_provider_calls_total",
                        "provider" => provider.id.clone(), "outcome" => "cached")
                    .increment(1);
                    return Ok(answer.clone());
                }
            }
        }
        let outcome = self.guarded(merchant_id, provider, deadline, call).await;
        if let (Ok(answer), false) = (&outcome, ttl.is_zero()) {
            let now = Instant::now();
            let mut state = self.state.lock().expect("provider state lock");
            let answers = cache(state.entry(key).or_default());
            make_room(answers, now, ttl);
            answers.insert(cache_key, (now, answer.clone()));
        }
        outcome
    }
}

/// Keeps a map of timed entries below [`MAX_CACHED`]: at the bound, entries older than `ttl`
/// go, then all of them.
fn make_room<K, V>(map: &mut HashMap<K, (Instant, V)>, now: Instant, ttl: Duration) {
    if map.len() >= MAX_CACHED {
        map.retain(|_, (at, _)| now.duration_since(*at) < ttl);
        if map.len() >= MAX_CACHED {
            map.clear();
        }
    }
}

/// The calls a quote of `session` needs: per delivery, one per provider that prices one of
/// the products delivering to its destination.
pub(crate) fn plan(merchant: &PreparedMerchant, session: &Session) -> Vec<Planned> {
    let config = &merchant.config;
    let mut planned = Vec::new();
    if config.providers.is_empty() {
        return planned;
    }
    for delivery in &session.deliveries {
        let Ok(goods) = Goods::of(&delivery.line_items) else {
            continue;
        };
        let destination = session
            .search_address
            .as_ref()
            .unwrap_or(&delivery.recipient_contact.address);
        let country = destination.country_code.as_str();
        let override_warehouse = delivery
            .attributes
            .iter()
            .find_map(|a| a.strip_prefix(WAREHOUSE_ATTRIBUTE_PREFIX))
            .and_then(|w| config.warehouse(w));
        for provider in &config.providers {
            let products: Vec<String> = config
                .carrier_products
                .iter()
                .filter(|p| p.provider.as_ref().is_some_and(|w| w.id == provider.id))
                .filter(|p| p.countries.iter().any(|c| c == country))
                .map(|p| p.id.clone())
                .collect();
            if products.is_empty() {
                continue;
            }
            let pickup_point_products: Vec<String> = products
                .iter()
                .filter(|id| {
                    config
                        .product(id)
                        .and_then(|p| p.provider.as_ref())
                        .is_some_and(|w| w.pickup_points)
                })
                .cloned()
                .collect();
            let warehouse = override_warehouse.or_else(|| {
                let mut categories: Vec<_> = config.categories.iter().collect();
                categories.sort_by_key(|c| c.sort_order);
                categories
                    .into_iter()
                    .find(|c| c.products.iter().any(|p| products.contains(p)))
                    .and_then(|c| config.warehouse(&c.warehouse))
            });
            let Some(warehouse) = warehouse else {
                continue;
            };
            let a = &warehouse.address;
            planned.push(Planned {
                delivery_id: delivery.id.clone(),
                provider_id: provider.id.clone(),
                request: RateRequest {
                    merchant_id: config.id.clone(),
                    currency: session.purchase.currency_code.to_string(),
                    products,
                    pickup_point_products,
                    sender: RateAddress {
                        warehouse_id: Some(warehouse.id.clone()),
                        country_code: a.country_code.clone(),
                        postal_code: a.postal_code.clone(),
                        city: a.city.clone(),
                        address_lines: a.address_lines.clone(),
                        coordinates: a.coordinates.map(|c| RateCoordinates {
                            lat: c.lat,
                            lng: c.lng,
                        }),
                    },
                    destination: RateAddress {
                        warehouse_id: None,
                        country_code: country.to_owned(),
                        postal_code: destination.postal_code.clone(),
                        city: destination.city.clone(),
                        address_lines: destination.address_lines.clone(),
                        coordinates: destination.coordinates.map(|c| RateCoordinates {
                            lat: c.lat,
                            lng: c.lng,
                        }),
                    },
                    total_weight_grams: goods.weight.get(),
                    goods: delivery
                        .line_items
                        .iter()
                        .map(|l| RateGood {
                            sku: l.sku.clone(),
                            quantity: l.quantity,
                            weight_grams: l.weight.map(|w| w.get()),
                            dimensions_mm: l.dimensions.map(|d| RateDimensions {
                                length: d.length,
                                width: d.width,
                                height: d.height,
                            }),
                            unit_price: l.price.minor(),
                        })
                        .collect(),
                },
            });
        }
    }
    planned
}

/// The engine's input for `session` from what was gathered: a call planned now whose request
/// was gathered gives its answer; one whose inputs changed since (a concurrent write) falls
/// back as `not_gathered` rather than use an answer to another question. Logs and counts each
/// fallback.
pub(crate) fn answers(
    gathered: &Gathered,
    merchant: &PreparedMerchant,
    session: &Session,
) -> ProviderAnswers {
    let mut answers = ProviderAnswers::default();
    for planned in plan(merchant, session) {
        let outcome = gathered
            .0
            .iter()
            .find(|(p, _)| *p == planned)
            .map(|(_, o)| o.as_ref())
            .unwrap_or(Err(&"not_gathered"));
        for product in &planned.request.products {
            let answer = match outcome {
                Ok(answer) => match answer.rates.iter().find(|r| &r.product_id == product) {
                    Some(rate) => ProviderAnswer::Live {
                        provider_id: planned.provider_id.clone(),
                        price: domain::Money::from_minor(rate.price.amount),
                        transit_days: rate.etd.map(|e| (e.transit_days_min, e.transit_days_max)),
                        pickup_points: rate.pickup_points.as_ref().map(|points| {
                            let carrier = merchant
                                .config
                                .product(product)
                                .map(|p| p.carrier.as_str())
                                .unwrap_or_default();
                            points.iter().map(|p| location(carrier, p)).collect()
                        }),
                    },
                    None => fallback(&planned, product, "missing"),
                },
                Err(reason) => fallback(&planned, product, reason),
            };
            answers.insert(&planned.delivery_id, product, answer);
        }
    }
    answers
}

/// A provider's point as one of the merchant's locations, served by `carrier`.
pub(crate) fn location(carrier: &str, point: &PickupPoint) -> PickupLocationConfig {
    PickupLocationConfig {
        id: point.id.clone(),
        carrier: carrier.to_owned(),
        external_id: point.id.clone(),
        location_type: match point.location_type {
            PickupPointType::ServicePoint => LocationType::ServicePoint,
            PickupPointType::Locker => LocationType::Locker,
            PickupPointType::PostOffice => LocationType::PostOffice,
            PickupPointType::Store => LocationType::Store,
        },
        title: point.name.clone(),
        address: AddressConfig {
            address_lines: point.address.address_lines.clone(),
            postal_code: point.address.postal_code.clone(),
            city: point.address.city.clone(),
            country_code: point.address.country_code.clone(),
            region_code: None,
            coordinates: Some(CoordinatesConfig {
                lat: point.coordinates.lat,
                lng: point.coordinates.lng,
            }),
        },
        delivery_address: None,
        opening_hours: point.opening_hours.clone(),
        opening_hours_text: Vec::new(),
        sections: Vec::new(),
    }
}

fn fallback(planned: &Planned, product: &str, reason: &'static str) -> ProviderAnswer {
    tracing::warn!(
        provider = %planned.provider_id,
        product,
        delivery = %planned.delivery_id,
        reason,
        "rate provider fallback"
    );
    metrics::counter!("checkout_provider_fallbacks_total",
        "provider" => planned.provider_id.clone(), "reason" => reason)
    .increment(1);
    ProviderAnswer::Fallback {
        provider_id: planned.provider_id.clone(),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn provider(failures: u32) -> ProviderConfig {
        ProviderConfig {
            id: "p".into(),
            url: "http://localhost/".into(),
            pickup_points_url: None,
            secret: "0123456789abcdef".into(),
            timeout_ms: 100,
            cache_seconds: 0,
            breaker: domain::config::BreakerConfig {
                failures_to_open: failures,
                open_seconds: 10,
            },
        }
    }

    #[test]
    fn the_breaker_opens_after_consecutive_failures_and_probes_once() {
        let config = provider(2);
        let mut b = Breaker::default();
        let t0 = Instant::now();
        assert!(b.admit(t0));
        b.record(false, t0, &config);
        assert!(b.admit(t0), "one failure leaves it closed");
        b.record(false, t0, &config);
        assert!(
            !b.admit(t0 + Duration::from_secs(9)),
            "open for open_seconds"
        );
        assert_eq!(b.gauge(t0), 2.0);
        let later = t0 + Duration::from_secs(10);
        assert_eq!(b.gauge(later), 1.0);
        assert!(b.admit(later), "half-open: one probe");
        assert!(!b.admit(later), "only one probe at a time");
        b.record(false, later, &config);
        assert!(
            !b.admit(later + Duration::from_secs(9)),
            "a failed probe reopens"
        );
        let again = later + Duration::from_secs(10);
        assert!(b.admit(again));
        b.record(true, again, &config);
        assert!(b.admit(again) && b.admit(again), "a good probe closes it");
        assert_eq!(b.gauge(again), 0.0);
    }

    #[test]
    fn a_success_resets_the_failure_count() {
        let config = provider(2);
        let mut b = Breaker::default();
        let t0 = Instant::now();
        b.record(false, t0, &config);
        b.record(true, t0, &config);
        b.record(false, t0, &config);
        assert!(b.admit(t0));
    }
}
