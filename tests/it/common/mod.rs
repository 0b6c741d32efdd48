//! Test harness: a fresh database per test (in-memory SQLite, or a new PostgreSQL schema when
//! `TEST_DATABASE_URL` is set) and the real routes behind poem's in-process test client.

pub mod auth;
pub mod guide;
pub mod race;
pub mod server;

use std::sync::Arc;

use config_file::demo as demo_config;
use domain::config::ConfigFile;
use headless_checkout::settings::AuthSettings;
use headless_checkout::startup::{self, Core};
use poem::endpoint::BoxEndpoint;
use poem::test::{TestClient, TestResponse};
use poem::{EndpointExt, Response};
use serde_json::{json, Value};
use service::auth::DEMO_API_KEY;
use service::{system_clock, SessionService};

pub const MERCHANT: &str = "demo";
/// What the demo key's sessions, orders and events are stored under: it is a test key, so
/// they are the demo merchant's test data.
pub const DEMO_TENANT: &str = "demo/test";

/// Where this test's data lives: an in-memory SQLite database, or a schema of its own in the
/// PostgreSQL database named by `TEST_DATABASE_URL`.
pub async fn fresh_database() -> (String, Option<String>) {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => {
            let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
            let db = sea_orm::Database::connect(&url)
                .await
                .expect("TEST_DATABASE_URL is reachable");
            use sea_orm::ConnectionTrait;
            db.execute_unprepared(&format!("CREATE SCHEMA {schema}"))
                .await
                .expect("create a test schema");
            db.close().await.ok();
            (url, Some(schema))
        }
        // Each pool of one connection to `:memory:` is a database of its own.
        _ => ("sqlite::memory:".to_owned(), None),
    }
}

/// The demo merchant and a second one, `other`, configured alike but for the pickup price.
pub fn two_merchants() -> ConfigFile {
    let mut config = demo_config();
    let mut other = config.merchants[0].clone();
    other.id = "other".into();
    other.name = "Other shop".into();
    // A different pickup price, so a test can tell whose configuration priced a session.
    other.categories[0]
        .price
        .insert("SEK".into(), domain::Money::from_minor(5900));
    config.merchants.push(other);
    config
}

pub async fn core_with(auth: AuthSettings) -> Core {
    let (url, schema) = fresh_database().await;
    startup::core(
        &url,
        schema.as_deref(),
        Arc::new(two_merchants()),
        system_clock(),
        auth,
    )
    .await
    .expect("the service starts on a fresh database")
}

/// A database that a second service (a restart, another replica) can open too: a temporary
/// SQLite file, or a fresh schema on `TEST_DATABASE_URL`.
pub async fn shared_database() -> (String, Option<String>) {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(u) if !u.is_empty() => fresh_database().await,
        _ => (
            format!(
                "sqlite://{}/checkout-test-{}.db?mode=rwc",
                std::env::temp_dir().display(),
                uuid::Uuid::new_v4().simple()
            ),
            None,
        ),
    }
}

/// Services over a given database, configuration and clock, with the demo key.
pub async fn core_on(
    database: &(String, Option<String>),
    config: ConfigFile,
    clock: service::Clock,
) -> Core {
    startup::core(
        &database.0,
        database.1.as_deref(),
        Arc::new(config),
        clock,
        AuthSettings {
            demo_key_merchant: Some(MERCHANT.into()),
            failure_limit: 10_000,
        },
    )
    .await
    .expect("the service starts")
}

pub async fn core() -> Core {
    // A generous failure limit: tests that probe credentials fail on purpose, many times.
    core_with(AuthSettings {
        demo_key_merchant: Some(MERCHANT.into()),
        failure_limit: 10_000,
    })
    .await
}

pub struct TestApp {
    /// Sends the demo merchant's key with every request.
    pub client: TestClient<BoxEndpoint<'static, Response>>,
    /// Sends no credentials; add an `Authorization` header per request.
    pub anon: TestClient<BoxEndpoint<'static, Response>>,
    pub service: Arc<SessionService>,
    pub core: Core,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_on(core().await)
}

pub fn spawn_app_on(core: Core) -> TestApp {
    let client = TestClient::new(startup::routes(&core).boxed())
        .default_header("authorization", format!("Bearer {DEMO_API_KEY}"));
    let anon = TestClient::new(startup::routes(&core).boxed());
    TestApp {
        client,
        anon,
        service: core.sessions.clone(),
        core,
    }
}

/// Status, headers and the JSON body of a response.
pub struct Answer {
    pub status: u16,
    pub etag_header: Option<String>,
    pub trace_id: Option<String>,
    pub body: Value,
}

pub async fn answer(resp: TestResponse) -> Answer {
    let status = resp.0.status().as_u16();
    let header = |name: &str| {
        resp.0
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let etag_header = header("etag");
    let trace_id = header("x-trace-id");
    let text = resp.0.into_body().into_string().await.unwrap_or_default();
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"))
    };
    Answer {
        status,
        etag_header,
        trace_id,
        body,
    }
}

impl TestApp {
    pub async fn post(&self, path: &str, body: &Value) -> Answer {
        answer(self.client.post(path).body_json(body).send().await).await
    }

    pub async fn patch(&self, path: &str, body: &Value) -> Answer {
        answer(self.client.patch(path).body_json(body).send().await).await
    }

    pub async fn get(&self, path: &str) -> Answer {
        answer(self.client.get(path).send().await).await
    }

    /// Creates the demo session and returns (session id, etag, body).
    pub async fn create(&self) -> (String, String, Value) {
        let a = self.post("/v1/sessions", &demo_session()).await;
        assert_eq!(a.status, 200, "{}", a.body);
        let id = a.body["name"]
            .as_str()
            .unwrap()
            .trim_start_matches("sessions/")
            .to_owned();
        (id, a.body["etag"].as_str().unwrap().to_owned(), a.body)
    }
}

/// A Stockholm customer buying two pots, with a postal code and coordinates.
pub fn demo_session() -> Value {
    json!({
        "purchase": {
            "country_code": "SE",
            "currency_code": "SEK",
            "locales": ["sv-SE"],
            "total_value": "45000"
        },
        "deliveries": [{
            "id": "d1",
            "line_items": [{
                "sku": "POT-12", "title": "Terracotta pot", "quantity": 2,
                "price": "22500", "weight": 1200,
                "dimensions": {"height": 200, "length": 250, "width": 250}
            }],
            "fulfillments": [{"readiness": {"earliest_time": "2026-11-23T09:00:00Z"}}],
            "recipient_contact": {
                "address": {
                    "country_code": "SE", "postal_code": "11820", "city": "Stockholm",
                    "address_lines": ["Hornsgatan 90"],
                    "coordinates": {"lat": 59.3170, "lng": 18.0460}
                },
                "email": "kund@example.com"
            }
        }]
    })
}

/// The field paths named by an INVALID_ARGUMENT answer.
pub fn violated_fields(body: &Value) -> Vec<String> {
    body["error"]["details"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["@type"] == "type.googleapis.com/google.rpc.BadRequest")
        .flat_map(|d| {
            d["field_violations"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .map(|v| v["field"].as_str().unwrap_or_default().to_owned())
        .collect()
}

pub fn reason(body: &Value) -> String {
    body["error"]["details"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|d| d["@type"] == "type.googleapis.com/google.rpc.ErrorInfo")
        .and_then(|d| d["reason"].as_str())
        .unwrap_or_default()
        .to_owned()
}
