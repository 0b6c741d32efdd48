//! Live rates through a fake provider on a real port: every way a provider misbehaves ends in
//! the configured fallback within the budget, never in a failed request; the breaker, the
//! cache and the signature do what the README says.

use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use poem::listener::{Acceptor, Listener, TcpListener};
use poem::web::Data;
use poem::{handler, http::StatusCode, EndpointExt, Request, Route, Server};
use serde_json::{json, Value};

use domain::config::{
    BreakerConfig, ConfigFile, ProductProviderConfig, ProviderConfig, ProviderFallback,
};
use ports::providers::{sign, SIGNATURE_HEADER};

use crate::common::{demo_session, spawn_app_on, TestApp};

const SECRET: &str = "provider-secret-0123456789";
const BUDGET_MS: u64 = 300;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
enum Mode {
    Fast = 0,
    Slow = 1,
    Status500 = 2,
    Malformed = 3,
    WrongCurrency = 4,
    Hang = 5,
    /// Prices every product but leaves out the pickup points asked for.
    NoPoints = 6,
}

/// The fake's state: how it answers, how many calls reached it, how many were badly signed.
#[derive(Clone, Default)]
struct Fake {
    mode: Arc<AtomicU8>,
    calls: Arc<AtomicUsize>,
    bad_signatures: Arc<AtomicUsize>,
    last_request: Arc<std::sync::Mutex<Option<Value>>>,
    searches: Arc<std::sync::Mutex<Vec<Value>>>,
}

impl Fake {
    fn set(&self, mode: Mode) {
        self.mode.store(mode as u8, Ordering::SeqCst);
    }

    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

fn verified(req: &Request, body: &[u8]) -> bool {
    let Some(header) = req
        .headers()
        .get(SIGNATURE_HEADER)
        .and_then(|h| h.to_str().ok())
    else {
        return false;
    };
    let Some(t) = header
        .split(',')
        .next()
        .and_then(|t| t.strip_prefix("t="))
        .and_then(|t| t.parse::<i64>().ok())
    else {
        return false;
    };
    sign(SECRET, t, body) == header
}

#[handler]
async fn quote(req: &Request, body: poem::Body, fake: Data<&Fake>) -> poem::Response {
    let bytes = body.into_vec().await.unwrap_or_default();
    fake.calls.fetch_add(1, Ordering::SeqCst);
    if !verified(req, &bytes) {
        fake.bad_signatures.fetch_add(1, Ordering::SeqCst);
        return StatusCode::UNAUTHORIZED.into();
    }
    let request: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    *fake.last_request.lock().unwrap() = Some(request.clone());
    let currency = request["currency"].as_str().unwrap_or("SEK").to_owned();
    let mode = fake.mode.load(Ordering::SeqCst);
    let asked = |product: &str| {
        request["products"]
            .as_array()
            .is_some_and(|p| p.iter().any(|p| p == product))
    };
    let with_points = request["pickup_point_products"]
        .as_array()
        .is_some_and(|p| p.iter().any(|p| p == "instabox-locker"))
        && mode != Mode::NoPoints as u8;
    let answer = |currency: &str| {
        let mut rates = vec![
            json!({"product_id": "budbee-home", "price": {"amount": 1234, "currency": currency},
             "etd": {"transit_days_min": 10, "transit_days_max": 12}}),
            json!({"product_id": "pnl-mph", "price": {"amount": 2222, "currency": currency}}),
        ];
        if asked("instabox-locker") {
            let mut rate = json!({"product_id": "instabox-locker", "price": {"amount": 3333, "currency": currency}});
            if with_points {
                rate["pickup_points"] = provider_points();
            }
            rates.push(rate);
        }
        rates.retain(|r| asked(r["product_id"].as_str().unwrap()));
        json!({ "rates": rates }).to_string()
    };
    let body = match mode {
        m if m == Mode::Slow as u8 => {
            tokio::time::sleep(Duration::from_millis(BUDGET_MS * 3)).await;
            answer(&currency)
        }
        m if m == Mode::Status500 as u8 => {
            return StatusCode::INTERNAL_SERVER_ERROR.into();
        }
        m if m == Mode::Malformed as u8 => "{\"rates\": [{\"product_id\": ".to_owned(),
        m if m == Mode::WrongCurrency as u8 => answer("EUR"),
        m if m == Mode::Hang as u8 => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            answer(&currency)
        }
        _ => answer(&currency),
    };
    poem::Response::builder()
        .content_type("application/json")
        .body(body)
}

/// Three lockers: two in Stockholm (the nearer one listed second) and one in Göteborg, past
/// the demo merchant's pickup radius from Hornsgatan.
fn provider_points() -> Value {
    json!([
        {"id": "LIVE-FAR", "name": "Locker Odenplan", "location_type": "LOCKER",
         "address": {"address_lines": ["Odengatan 69"], "postal_code": "11322",
                     "city": "Stockholm", "country_code": "SE"},
         "coordinates": {"lat": 59.3430, "lng": 18.0495}},
        {"id": "LIVE-NEAR", "name": "Locker Hornstull", "location_type": "LOCKER",
         "address": {"address_lines": ["Långholmsgatan 20"], "postal_code": "11733",
                     "city": "Stockholm", "country_code": "SE"},
         "coordinates": {"lat": 59.3157, "lng": 18.0335},
         "opening_hours": {"monday": ["07:00-22:00"]}},
        {"id": "LIVE-GBG", "name": "Locker Centralen", "location_type": "LOCKER",
         "address": {"address_lines": ["Drottningtorget 5"], "postal_code": "41103",
                     "city": "Göteborg", "country_code": "SE"},
         "coordinates": {"lat": 57.7089, "lng": 11.9733}}
    ])
}

#[handler]
async fn search(req: &Request, body: poem::Body, fake: Data<&Fake>) -> poem::Response {
    let bytes = body.into_vec().await.unwrap_or_default();
    if !verified(req, &bytes) {
        fake.bad_signatures.fetch_add(1, Ordering::SeqCst);
        return StatusCode::UNAUTHORIZED.into();
    }
    let request: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    fake.searches.lock().unwrap().push(request.clone());
    if fake.mode.load(Ordering::SeqCst) == Mode::Status500 as u8 {
        return StatusCode::INTERNAL_SERVER_ERROR.into();
    }
    let limit = request["limit"].as_u64().unwrap_or(1) as usize;
    let points: Vec<Value> = provider_points()
        .as_array()
        .unwrap()
        .iter()
        .take(limit)
        .map(|p| json!({"product_id": "instabox-locker", "point": p}))
        .collect();
    poem::Response::builder()
        .content_type("application/json")
        .body(json!({ "points": points }).to_string())
}

async fn start_fake(fake: Fake) -> String {
    let acceptor = TcpListener::bind("127.0.0.1:0")
        .into_acceptor()
        .await
        .unwrap();
    let addr = *acceptor.local_addr()[0].as_socket_addr().unwrap();
    tokio::spawn(
        Server::new_with_acceptor(acceptor).run(
            Route::new()
                .at("/rates", quote)
                .at("/search", search)
                .data(fake),
        ),
    );
    format!("http://{addr}/rates")
}

/// The demo merchant with `budbee-home` priced live (falling back to its static price) and
/// `pnl-mph` priced live (hidden without an answer).
fn config_with_provider(url: &str, cache_seconds: u64, failures_to_open: u32) -> ConfigFile {
    let mut config = crate::common::two_merchants();
    let merchant = &mut config.merchants[0];
    merchant.quote_budget_ms = BUDGET_MS;
    merchant.providers.push(ProviderConfig {
        id: "live".into(),
        url: url.to_owned(),
        pickup_points_url: None,
        secret: SECRET.into(),
        timeout_ms: 250,
        cache_seconds,
        breaker: BreakerConfig {
            failures_to_open,
            open_seconds: 1,
        },
    });
    for (product, fallback) in [
        ("budbee-home", ProviderFallback::Static),
        ("pnl-mph", ProviderFallback::Hide),
    ] {
        let p = merchant
            .carrier_products
            .iter_mut()
            .find(|p| p.id == product)
            .unwrap();
        p.provider = Some(ProductProviderConfig {
            id: "live".into(),
            rates: true,
            etd: true,
            pickup_points: false,
            fallback,
        });
    }
    config.validate().expect("the test configuration is valid");
    config
}

async fn setup(fake: &Fake, cache_seconds: u64, failures_to_open: u32) -> TestApp {
    let url = start_fake(fake.clone()).await;
    let db = crate::common::fresh_database().await;
    let core = crate::common::core_on(
        &db,
        config_with_provider(&url, cache_seconds, failures_to_open),
        service::system_clock(),
    )
    .await;
    spawn_app_on(core)
}

fn option<'a>(session: &'a Value, id: &str) -> Option<&'a Value> {
    session["deliveries"][0]["delivery_categories"]
        .as_array()?
        .iter()
        .flat_map(|c| c["delivery_options"].as_array().into_iter().flatten())
        .find(|o| o["id"] == id)
}

/// Creates the demo session, asserting a 200, and how long it took.
async fn create(app: &TestApp) -> (Value, Duration) {
    let started = Instant::now();
    let a = app.post("/v1/sessions", &demo_session()).await;
    let took = started.elapsed();
    assert_eq!(a.status, 200, "{}", a.body);
    (a.body, took)
}

#[tokio::test]
async fn a_healthy_provider_prices_and_dates_its_products() {
    let fake = Fake::default();
    let app = setup(&fake, 0, 5).await;
    let (session, _) = create(&app).await;
    let live = option(&session, "home.budbee-home").expect("budbee offered");
    assert_eq!(live["price"], "1234");
    let meta = &live["carrier"]["meta"];
    assert_eq!(meta["price_source"], "provider");
    assert_eq!(meta["etd_source"], "provider");
    assert_eq!(meta["provider_id"], "live");
    assert!(meta.get("fallback_reason").is_none(), "{meta}");
    // The static transit is one day; the provider's ten to twelve move the promise out.
    let earliest = live["etd"]["relative"]["earliest"].as_i64().unwrap();
    assert!(earliest >= 10, "{}", live["etd"]);
    let mph = option(&session, "home.pnl-mph").expect("pnl-mph offered");
    assert_eq!(mph["price"], "2222");
    assert_eq!(mph["carrier"]["meta"]["etd_source"], "static");
    // A product without a provider is untouched.
    let dbs = option(&session, "home.dbs-home").expect("dbs offered");
    assert!(dbs["carrier"]["meta"].get("price_source").is_none());
    assert_eq!(fake.calls(), 1, "one call for the one delivery");
    assert_eq!(fake.bad_signatures.load(Ordering::SeqCst), 0);
    let sent = fake.last_request.lock().unwrap().clone().unwrap();
    assert_eq!(sent["currency"], "SEK");
    assert_eq!(sent["destination"]["postal_code"], "11820");
    assert_eq!(sent["sender"]["warehouse_id"], "sto-central");
    assert_eq!(sent["total_weight_grams"], 2400);
    assert_eq!(sent["goods"][0]["sku"], "POT-12");
    let mut asked: Vec<&str> = sent["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    asked.sort_unstable();
    assert_eq!(asked, ["budbee-home", "pnl-mph"]);
}

#[tokio::test]
async fn every_failure_falls_back_within_the_budget_and_never_fails_the_request() {
    let fake = Fake::default();
    // A breaker that never opens here: each mode must reach the fake.
    let app = setup(&fake, 0, 1000).await;
    for (mode, reason) in [
        (Mode::Slow, "timeout"),
        (Mode::Status500, "error"),
        (Mode::Malformed, "invalid"),
        (Mode::WrongCurrency, "invalid"),
        (Mode::Hang, "timeout"),
    ] {
        fake.set(mode);
        let (session, took) = create(&app).await;
        // A bound on hanging only: the budget is 300 ms; a machine under load may add local
        // time, never the provider's hour.
        assert!(took < Duration::from_secs(3), "{mode:?} took {took:?}");
        let fallback = option(&session, "home.budbee-home").expect("static fallback offered");
        assert_eq!(fallback["price"], "7900", "{mode:?}");
        let meta = &fallback["carrier"]["meta"];
        assert_eq!(meta["price_source"], "static_fallback", "{mode:?}");
        assert_eq!(meta["fallback_reason"], reason, "{mode:?}");
        assert_eq!(meta["provider_id"], "live");
        assert!(
            option(&session, "home.pnl-mph").is_none(),
            "{mode:?}: a product with fallback `hide` is not offered"
        );
        let name = session["name"].as_str().unwrap();
        let started = Instant::now();
        let refreshed = app.post(&format!("/v1/{name}:refresh"), &json!({})).await;
        assert_eq!(refreshed.status, 200, "{mode:?}: {}", refreshed.body);
        assert!(started.elapsed() < Duration::from_secs(3), "{mode:?}");
        assert_eq!(
            option(&refreshed.body, "home.budbee-home").unwrap()["carrier"]["meta"]
                ["fallback_reason"],
            reason
        );
    }
}

/// [`config_with_provider`] with `instabox-locker` taking its price and pickup points from
/// the provider, and `fallback` without them.
fn config_with_points(url: &str, fallback: ProviderFallback) -> ConfigFile {
    let mut config = config_with_provider(url, 0, 1000);
    let locker = config.merchants[0]
        .carrier_products
        .iter_mut()
        .find(|p| p.id == "instabox-locker")
        .unwrap();
    locker.provider = Some(ProductProviderConfig {
        id: "live".into(),
        rates: true,
        etd: false,
        pickup_points: true,
        fallback,
    });
    config.merchants[0].providers[0].pickup_points_url = Some(url.replace("/rates", "/search"));
    config.validate().expect("the test configuration is valid");
    config
}

async fn setup_points(fake: &Fake, fallback: ProviderFallback) -> TestApp {
    let url = start_fake(fake.clone()).await;
    let db = crate::common::fresh_database().await;
    spawn_app_on(
        crate::common::core_on(
            &db,
            config_with_points(&url, fallback),
            service::system_clock(),
        )
        .await,
    )
}

fn category<'a>(session: &'a Value, id: &str) -> &'a Value {
    session["deliveries"][0]["delivery_categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no category {id} in {session}"))
}

fn locker_options(session: &Value) -> Vec<&Value> {
    category(session, "pickup")["delivery_options"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| {
            o["id"]
                .as_str()
                .unwrap()
                .starts_with("pickup.instabox-locker")
        })
        .collect()
}

#[tokio::test]
async fn a_provider_s_pickup_points_replace_the_merchant_s_own_nearest_first() {
    let fake = Fake::default();
    let app = setup_points(&fake, ProviderFallback::Static).await;
    let (session, _) = create(&app).await;
    let sent = fake.last_request.lock().unwrap().clone().unwrap();
    assert_eq!(sent["pickup_point_products"], json!(["instabox-locker"]));
    let ids: Vec<&str> = locker_options(&session)
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    // Göteborg is past the 50 km radius; the nearer Stockholm locker comes first.
    assert_eq!(
        ids,
        [
            "pickup.instabox-locker.LIVE-NEAR",
            "pickup.instabox-locker.LIVE-FAR"
        ]
    );
    let near = locker_options(&session)[0];
    assert_eq!(near["price"], "3333");
    let location = &near["pickup_location"];
    assert_eq!(location["title"], "Locker Hornstull");
    assert_eq!(location["external_id"], "LIVE-NEAR");
    assert_eq!(location["location_type"], "LOCKER");
    assert_eq!(
        location["operational_hours"]["monday"],
        json!(["07:00-22:00"])
    );
    let walked: i64 = location["distances"]["walking"]["meters"]
        .as_str()
        .and_then(|m| m.parse().ok())
        .unwrap_or_else(|| panic!("walking distance in {location}"));
    assert!((500..3000).contains(&walked), "{location}");
    let meta = &near["carrier"]["meta"];
    assert_eq!(meta["pickup_points_source"], "provider");
    assert_eq!(meta["price_source"], "provider");
    assert_eq!(meta["etd_source"], "static");
    assert_eq!(category(&session, "pickup")["options_source"], "PROVIDER");
    assert_eq!(category(&session, "instore")["options_source"], "ADDRESS");
    // The merchant's own points still serve the products without a provider.
    assert!(category(&session, "pickup")["delivery_options"]
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["id"].as_str().unwrap().starts_with("pickup.pnl-mpc.")));

    // A provider's point can be chosen, and the choice outlives a refresh that asks again.
    let name = session["name"].as_str().unwrap();
    let chosen = app
        .post(
            &format!("/v1/{name}:chooseDeliveryOptions"),
            &json!({"delivery_choices": [
                {"delivery_id": "d1", "option_id": "pickup.instabox-locker.LIVE-FAR"}
            ]}),
        )
        .await;
    assert_eq!(chosen.status, 200, "{}", chosen.body);
    let refreshed = app.post(&format!("/v1/{name}:refresh"), &json!({})).await;
    assert_eq!(refreshed.status, 200, "{}", refreshed.body);
    let kept = locker_options(&refreshed.body)
        .into_iter()
        .find(|o| o["chosen"] == true)
        .expect("the provider's point is still chosen");
    assert_eq!(kept["id"], "pickup.instabox-locker.LIVE-FAR");
    // Completed, the transport order goes to the provider's point.
    let done = app.post(&format!("/v1/{name}:complete"), &json!({})).await;
    assert_eq!(done.status, 200, "{}", done.body);
    let order = app
        .get(&format!(
            "/v1/transportOrders/{}",
            done.body["deliveries"][0]["tos_id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(order.status, 200, "{}", order.body);
    let point = &order.body["delivery_option"]["pickup_location"];
    assert_eq!(point["external_id"], "LIVE-FAR", "{}", order.body);
    assert_eq!(point["title"], "Locker Odenplan");
}

#[tokio::test]
async fn without_the_provider_s_points_a_product_falls_back_as_configured() {
    let fake = Fake::default();
    let app = setup_points(&fake, ProviderFallback::Static).await;
    for (mode, price) in [(Mode::Status500, None), (Mode::NoPoints, Some("3333"))] {
        fake.set(mode);
        let (session, _) = create(&app).await;
        let lockers = locker_options(&session);
        assert!(!lockers.is_empty(), "{mode:?}: the merchant's own lockers");
        for option in &lockers {
            let id = option["id"].as_str().unwrap();
            assert!(!id.contains("LIVE-"), "{mode:?}: {id}");
            let meta = &option["carrier"]["meta"];
            assert_eq!(meta["pickup_points_source"], "static_fallback", "{mode:?}");
            match price {
                // The provider priced the product but sent no points: its price stands.
                Some(price) => assert_eq!(option["price"], price, "{mode:?}"),
                None => assert_eq!(meta["fallback_reason"], "error", "{mode:?}"),
            }
        }
    }

    let fake = Fake::default();
    let app = setup_points(&fake, ProviderFallback::Hide).await;
    for mode in [Mode::Status500, Mode::NoPoints] {
        fake.set(mode);
        let (session, _) = create(&app).await;
        assert!(
            locker_options(&session).is_empty(),
            "{mode:?}: a product whose fallback is `hide` is not offered"
        );
    }
}

/// Instabox lockers around the session's postal code.
const NEAR_HORNSGATAN: &str = "country=SE&postal_code=11820&shipping_method=INSTABOX&limit=10";

/// The external ids a COS location search with `query` finds, in its order.
async fn found_refs(app: &TestApp, query: &str) -> Vec<String> {
    let found = app.get(&format!("/v1/cos/location.search?{query}")).await;
    assert_eq!(found.status, 200, "{}", found.body);
    found.body["locations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["external_id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_location_search_asks_the_provider_and_a_found_point_can_be_added() {
    let fake = Fake::default();
    let app = setup_points(&fake, ProviderFallback::Static).await;
    let (session, _) = create(&app).await;
    let name = session["name"].as_str().unwrap().to_owned();
    let id = name.trim_start_matches("sessions/").to_owned();
    let refs = found_refs(&app, NEAR_HORNSGATAN).await;
    // The provider's points only, nearest to the postal code first: the merchant's own
    // lockers are not searched for a product whose provider answered.
    assert_eq!(refs, ["LIVE-NEAR", "LIVE-FAR", "LIVE-GBG"]);
    let sent = fake.searches.lock().unwrap().last().cloned().unwrap();
    assert_eq!(sent["products"], json!(["instabox-locker"]));
    assert_eq!(sent["country_code"], "SE");
    assert_eq!(sent["limit"], 10);
    assert!(sent["near"]["lat"].is_f64(), "{sent}");
    assert_eq!(fake.bad_signatures.load(Ordering::SeqCst), 0);

    // Göteborg is past the quote's radius; added from the search, it is offered all the same.
    let added = app
        .post(
            "/v1/cos/session.addLocation",
            &json!({"id": id, "shipping_method": "INSTABOX", "location_ref": "LIVE-GBG"}),
        )
        .await;
    assert_eq!(added.status, 200, "{}", added.body);
    let read = app.get(&format!("/v1/{name}")).await;
    let gbg = locker_options(&read.body)
        .into_iter()
        .find(|o| o["id"] == "pickup.instabox-locker.LIVE-GBG")
        .unwrap_or_else(|| panic!("the added point is offered: {}", read.body));
    assert_eq!(gbg["pickup_location"]["title"], "Locker Centralen");
    assert!(gbg["pickup_location"]["distances"]["walking"]["meters"].is_string());
    let unknown = app
        .post(
            "/v1/cos/session.addLocation",
            &json!({"id": id, "shipping_method": "INSTABOX", "location_ref": "LIVE-NOPE"}),
        )
        .await;
    assert_eq!(unknown.status, 400, "{}", unknown.body);
    assert!(
        unknown.body.to_string().contains("location_ref"),
        "{}",
        unknown.body
    );

    // A provider that fails leaves the merchant's own lockers to be found.
    fake.set(Mode::Status500);
    let refs = found_refs(&app, NEAR_HORNSGATAN).await;
    assert!(!refs.is_empty());
    assert!(refs.iter().all(|r| !r.starts_with("LIVE-")), "{refs:?}");
}

#[tokio::test]
async fn the_breaker_opens_after_consecutive_failures_and_closes_after_open_seconds() {
    let fake = Fake::default();
    let app = setup(&fake, 0, 3).await;
    fake.set(Mode::Status500);
    for _ in 0..3 {
        create(&app).await;
    }
    assert_eq!(fake.calls(), 3);
    let (session, _) = create(&app).await;
    assert_eq!(fake.calls(), 3, "an open breaker lets no call through");
    assert_eq!(
        option(&session, "home.budbee-home").unwrap()["carrier"]["meta"]["fallback_reason"],
        "breaker_open"
    );
    fake.set(Mode::Fast);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (session, _) = create(&app).await;
    assert_eq!(fake.calls(), 4, "half-open: one probe");
    assert_eq!(
        option(&session, "home.budbee-home").unwrap()["price"],
        "1234"
    );
    create(&app).await;
    assert_eq!(fake.calls(), 5, "closed again after a good probe");
}

#[tokio::test]
async fn the_cache_serves_a_repeated_request_without_a_call() {
    let fake = Fake::default();
    let app = setup(&fake, 60, 5).await;
    let (first, _) = create(&app).await;
    let (second, _) = create(&app).await;
    assert_eq!(fake.calls(), 1);
    for session in [&first, &second] {
        assert_eq!(
            option(session, "home.budbee-home").unwrap()["price"],
            "1234"
        );
    }
    let name = first["name"].as_str().unwrap();
    let refreshed = app.post(&format!("/v1/{name}:refresh"), &json!({})).await;
    assert_eq!(refreshed.status, 200, "{}", refreshed.body);
    assert_eq!(
        option(&refreshed.body, "home.budbee-home").unwrap()["price"],
        "1234"
    );
    assert_eq!(fake.calls(), 1, "the refresh asks the same question");
    // Another destination is another question.
    let mut elsewhere = demo_session();
    elsewhere["deliveries"][0]["recipient_contact"]["address"]["postal_code"] = json!("41101");
    elsewhere["deliveries"][0]["recipient_contact"]["address"]
        .as_object_mut()
        .unwrap()
        .remove("coordinates");
    let a = app.post("/v1/sessions", &elsewhere).await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(fake.calls(), 2);
}

#[tokio::test]
async fn a_request_signed_with_another_secret_is_refused_and_falls_back() {
    let fake = Fake::default();
    let url = start_fake(fake.clone()).await;
    let mut config = config_with_provider(&url, 0, 5);
    config.merchants[0].providers[0].secret = "not-the-provider-secret".into();
    let db = crate::common::fresh_database().await;
    let app = spawn_app_on(crate::common::core_on(&db, config, service::system_clock()).await);
    let (session, _) = create(&app).await;
    assert_eq!(fake.bad_signatures.load(Ordering::SeqCst), 1);
    assert_eq!(
        option(&session, "home.budbee-home").unwrap()["carrier"]["meta"]["fallback_reason"],
        "error"
    );
}

#[test]
fn provider_configuration_problems_are_named_by_path() {
    let mut config = config_with_provider("http://127.0.0.1:9/rates", 0, 5);
    let merchant = &mut config.merchants[0];
    merchant.providers[0].timeout_ms = BUDGET_MS + 1;
    merchant.providers.push(ProviderConfig {
        id: "broken".into(),
        url: "ftp://rates".into(),
        pickup_points_url: Some("rates".into()),
        secret: "short".into(),
        timeout_ms: 100,
        cache_seconds: 0,
        breaker: BreakerConfig {
            failures_to_open: 0,
            open_seconds: 1,
        },
    });
    merchant.carrier_products[0].provider = Some(ProductProviderConfig {
        id: "nowhere".into(),
        rates: true,
        etd: true,
        pickup_points: false,
        fallback: ProviderFallback::Static,
    });
    // pnl-mph delivers home: it has no pickup points to take.
    merchant.carrier_products[1]
        .provider
        .as_mut()
        .unwrap()
        .pickup_points = true;
    let problems = config.validate().unwrap_err().join("\n");
    for path in [
        "merchants[0].providers[0].timeout_ms",
        "merchants[0].providers[1].url",
        "merchants[0].providers[1].secret",
        "merchants[0].providers[1].pickup_points_url",
        "merchants[0].carrier_products[1].provider.pickup_points",
        "merchants[0].providers[1].breaker.failures_to_open",
        "merchants[0].carrier_products[0].provider.id",
    ] {
        assert!(problems.contains(path), "{path} missing from:\n{problems}");
    }
    assert!(
        problems.contains("unknown provider `nowhere`"),
        "{problems}"
    );
}

async fn start_reference(secret: &str) -> String {
    let acceptor = TcpListener::bind("127.0.0.1:0")
        .into_acceptor()
        .await
        .unwrap();
    let addr = *acceptor.local_addr()[0].as_socket_addr().unwrap();
    let ep = headless_checkout::reference_provider::endpoint(
        secret.to_owned(),
        headless_checkout::reference_provider::demo_table(),
    );
    tokio::spawn(Server::new_with_acceptor(acceptor).run(ep));
    format!("http://{addr}/v1/rates")
}

#[tokio::test]
async fn the_reference_provider_prices_a_quote_from_its_table() {
    let url = start_reference(SECRET).await;
    let db = crate::common::fresh_database().await;
    let config = config_with_provider(&url, 0, 5);
    let app = spawn_app_on(crate::common::core_on(&db, config, service::system_clock()).await);
    let (session, _) = create(&app).await;
    // 2 400 g starts three kilograms: 5 900 + 3 × 500 and 6 900 + 3 × 300.
    let budbee = option(&session, "home.budbee-home").unwrap();
    assert_eq!(budbee["price"], "7400", "{budbee}");
    assert_eq!(budbee["carrier"]["meta"]["price_source"], "provider");
    assert_eq!(option(&session, "home.pnl-mph").unwrap()["price"], "7800");
}

#[tokio::test]
async fn the_cache_serves_a_repeated_search_without_a_call() {
    let fake = Fake::default();
    let url = start_fake(fake.clone()).await;
    let mut config = config_with_points(&url, ProviderFallback::Static);
    config.merchants[0].providers[0].cache_seconds = 60;
    let db = crate::common::fresh_database().await;
    let app = spawn_app_on(crate::common::core_on(&db, config, service::system_clock()).await);
    let first = found_refs(&app, NEAR_HORNSGATAN).await;
    let second = found_refs(&app, NEAR_HORNSGATAN).await;
    assert_eq!(first, second);
    assert_eq!(fake.searches.lock().unwrap().len(), 1);
    found_refs(
        &app,
        "country=SE&postal_code=41103&shipping_method=INSTABOX&limit=10",
    )
    .await;
    assert_eq!(
        fake.searches.lock().unwrap().len(),
        2,
        "another place is another question"
    );
}

#[tokio::test]
async fn the_reference_provider_gives_and_finds_pickup_points_from_its_table() {
    let url = start_reference(SECRET).await;
    let db = crate::common::fresh_database().await;
    let mut config = config_with_points(&url, ProviderFallback::Hide);
    config.merchants[0].providers[0].pickup_points_url =
        Some(url.replace("/v1/rates", "/v1/pickup-points/search"));
    let app = spawn_app_on(crate::common::core_on(&db, config, service::system_clock()).await);
    let (session, _) = create(&app).await;
    let ids: Vec<&str> = locker_options(&session)
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    // Its two Stockholm lockers, nearest to Hornsgatan first; Göteborg's is past the radius.
    assert_eq!(
        ids,
        [
            "pickup.instabox-locker.IBX-1001",
            "pickup.instabox-locker.IBX-1002"
        ]
    );
    assert_eq!(locker_options(&session)[0]["price"], "3900");
    let refs = found_refs(
        &app,
        "country=SE&query=g%C3%B6teborg&shipping_method=INSTABOX",
    )
    .await;
    assert_eq!(refs, ["IBX-2001"]);
}

#[tokio::test]
async fn the_reference_provider_refuses_a_wrong_secret() {
    let url = start_reference(SECRET).await;
    let mut config = config_with_provider(&url, 0, 5);
    config.merchants[0].providers[0].secret = "another-secret-of-this-shop".into();
    let db = crate::common::fresh_database().await;
    let app = spawn_app_on(crate::common::core_on(&db, config, service::system_clock()).await);
    let (session, _) = create(&app).await;
    assert_eq!(
        option(&session, "home.budbee-home").unwrap()["carrier"]["meta"]["fallback_reason"],
        "error"
    );
    assert!(option(&session, "home.pnl-mph").is_none());

    let client = poem::test::TestClient::new(headless_checkout::reference_provider::endpoint(
        SECRET.into(),
        headless_checkout::reference_provider::demo_table(),
    ));
    let body = json!({
        "merchant_id": "demo", "currency": "SEK", "products": ["budbee-home"],
        "sender": {"country_code": "SE"}, "destination": {"country_code": "SE"},
        "total_weight_grams": 100, "goods": []
    })
    .to_string();
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    for (header, status) in [
        (sign("wrong-secret-wrong-secret", now, body.as_bytes()), 401),
        (sign(SECRET, now - 3600, body.as_bytes()), 401),
        (String::new(), 401),
        (sign(SECRET, now, body.as_bytes()), 200),
    ] {
        let resp = client
            .post("/v1/rates")
            .header(SIGNATURE_HEADER, header)
            .content_type("application/json")
            .body(body.clone())
            .send()
            .await;
        resp.assert_status(StatusCode::from_u16(status).unwrap());
    }
    let signed_garbage = "{\"merchant_id\": 1}";
    let resp = client
        .post("/v1/rates")
        .header(
            SIGNATURE_HEADER,
            sign(SECRET, now, signed_garbage.as_bytes()),
        )
        .content_type("application/json")
        .body(signed_garbage)
        .send()
        .await;
    resp.assert_status(StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn calls_fallbacks_and_the_breaker_are_served_at_metrics() {
    // The recorder is process-wide and other tests add to it: each check is an increase.
    let recorder = headless_checkout::metrics::recorder();
    let before = recorder.render();
    let fake = Fake::default();
    let url = start_fake(fake.clone()).await;
    let db = crate::common::fresh_database().await;
    let mut core = crate::common::core_on(
        &db,
        config_with_provider(&url, 0, 1000),
        service::system_clock(),
    )
    .await;
    core.metrics = true;
    let app = spawn_app_on(core);
    fake.set(Mode::Status500);
    create(&app).await;
    fake.set(Mode::Fast);
    create(&app).await;
    let resp = app.anon.get("/metrics").send().await;
    resp.assert_status_is_ok();
    let after = resp.0.into_body().into_string().await.unwrap();
    let grew = |series: &str, labels: &[&str]| {
        crate::metrics::sample(&after, series, labels)
            - crate::metrics::sample(&before, series, labels)
    };
    let live = r#"provider="live""#;
    assert!(
        grew(
            "checkout_provider_fallbacks_total",
            &[live, r#"reason="error""#]
        ) >= 1.0,
        "{after}"
    );
    assert!(
        grew(
            "checkout_provider_calls_total",
            &[live, r#"outcome="error""#]
        ) >= 1.0,
        "{after}"
    );
    assert!(
        grew("checkout_provider_calls_total", &[live, r#"outcome="ok""#]) >= 1.0,
        "{after}"
    );
    assert!(
        grew("checkout_provider_call_duration_seconds_count", &[live]) >= 2.0,
        "{after}"
    );
    assert!(
        after.contains(r#"checkout_provider_breaker_state{provider="live"}"#),
        "{after}"
    );
}
