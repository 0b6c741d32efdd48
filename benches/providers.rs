//! Quote latency through live-rate providers: creating a session (the whole in-process stack:
//! routing, the service, provider calls on loopback, the engine, an in-memory SQLite insert)
//! with no provider, with one healthy provider, and with one that never answers, which the
//! merchant's budget cuts off.

use std::sync::Arc;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use poem::listener::{Acceptor, Listener, TcpListener};
use poem::test::TestClient;
use poem::{handler, EndpointExt, Route, Server};
use serde_json::{json, Value};

use domain::config::{
    BreakerConfig, ConfigFile, ProductProviderConfig, ProviderConfig, ProviderFallback,
};
use headless_checkout::settings::AuthSettings;
use headless_checkout::startup;

const HANG_BUDGET_MS: u64 = 200;

#[handler]
fn healthy() -> poem::Response {
    poem::Response::builder()
        .content_type("application/json")
        .body(
            json!({"rates": [{"product_id": "budbee-home",
                "price": {"amount": 5900, "currency": "SEK"},
                "etd": {"transit_days_min": 1, "transit_days_max": 2}}]})
            .to_string(),
        )
}

#[handler]
async fn hanging() -> &'static str {
    tokio::time::sleep(Duration::from_secs(3600)).await;
    ""
}

async fn start(route: Route) -> String {
    let acceptor = TcpListener::bind("127.0.0.1:0")
        .into_acceptor()
        .await
        .unwrap();
    let addr = *acceptor.local_addr()[0].as_socket_addr().unwrap();
    tokio::spawn(Server::new_with_acceptor(acceptor).run(route));
    format!("http://{addr}/rates")
}

fn config(url: Option<&str>) -> ConfigFile {
    let mut config = config_file::demo();
    let Some(url) = url else {
        return config;
    };
    let merchant = &mut config.merchants[0];
    merchant.quote_budget_ms = HANG_BUDGET_MS;
    merchant.providers.push(ProviderConfig {
        id: "bench".into(),
        url: url.to_owned(),
        pickup_points_url: None,
        secret: "bench-provider-secret".into(),
        timeout_ms: HANG_BUDGET_MS,
        // Every iteration calls: the cache would hide the provider.
        cache_seconds: 0,
        // Never opens: every iteration of the hanging case waits out the budget.
        breaker: BreakerConfig {
            failures_to_open: u32::MAX,
            open_seconds: 1,
        },
    });
    let product = merchant
        .carrier_products
        .iter_mut()
        .find(|p| p.id == "budbee-home")
        .unwrap();
    product.provider = Some(ProductProviderConfig {
        id: "bench".into(),
        rates: true,
        etd: true,
        pickup_points: false,
        fallback: ProviderFallback::Static,
    });
    config.validate().unwrap();
    config
}

fn session() -> Value {
    json!({
        "purchase": {"country_code": "SE", "currency_code": "SEK", "locales": ["sv-SE"]},
        "deliveries": [{"id": "d1",
            "line_items": [{"sku": "POT-12", "title": "Terracotta pot", "quantity": 2,
                            "price": "22500", "weight": 1200}],
            "recipient_contact": {"address": {"country_code": "SE", "postal_code": "11820",
                                              "address_lines": ["Hornsgatan 90"]}}}]
    })
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let mut group = c.benchmark_group("create_session");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(8));
    for (name, route) in [
        ("no_provider", None),
        (
            "healthy_provider_loopback",
            Some(Route::new().at("/rates", healthy)),
        ),
        (
            "hanging_provider_budget_200ms",
            Some(Route::new().at("/rates", hanging)),
        ),
    ] {
        let client = rt.block_on(async {
            let url = match route {
                Some(route) => Some(start(route).await),
                None => None,
            };
            let core = startup::core(
                "sqlite::memory:",
                None,
                Arc::new(config(url.as_deref())),
                service::system_clock(),
                AuthSettings {
                    demo_key_merchant: Some("demo".into()),
                    failure_limit: u32::MAX,
                },
            )
            .await
            .unwrap();
            TestClient::new(startup::routes(&core).boxed()).default_header(
                "authorization",
                format!("Bearer {}", service::auth::DEMO_API_KEY),
            )
        });
        let body = session();
        group.bench_function(name, |b| {
            b.iter(|| {
                rt.block_on(async {
                    let resp = client.post("/v1/sessions").body_json(&body).send().await;
                    resp.assert_status_is_ok();
                })
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
