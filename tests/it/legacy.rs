//! One session store behind four surfaces: a session created through any of them is read
//! through the other three, each showing the same cart under its own id spelling.

use crate::common::{spawn_app, TestApp};
use serde_json::{json, Value};

fn cart_request() -> Value {
    json!({
        "purchase_country": "SE",
        "purchase_currency": "SEK",
        "locales": ["sv-SE"],
        "search_address": {"country": "SE", "postal_code": "11239"},
        "cart": {
            "cart_id": "cart-77",
            "total_value": 45000,
            "currency": "SEK",
            "items": [{"sku": "POT-12", "name": "Terracotta pot", "quantity": 2, "price": 22500}]
        }
    })
}

/// Creates a session through `surface` and returns its UUID.
async fn create_on(app: &TestApp, surface: &str) -> String {
    let (path, body) = match surface {
        "headless" => ("/v1/sessions", crate::common::demo_session()),
        "cos" => ("/v1/cos/session.create", cart_request()),
        "siw" => ("/v1/siw/session.create", cart_request()),
        _ => ("/v1/delivery_checkout/session.create", cart_request()),
    };
    let a = app.post(path, &body).await;
    assert_eq!(a.status, 200, "{surface}: {}", a.body);
    let id = match surface {
        "headless" => a.body["name"]
            .as_str()
            .unwrap()
            .trim_start_matches("sessions/"),
        "delivery_checkout" => a.body["session"]["checkout_session_id"].as_str().unwrap(),
        _ => a.body["session"]["id"].as_str().unwrap(),
    };
    let uuid = id.trim_start_matches("VM2-");
    uuid::Uuid::parse_str(uuid).unwrap().to_string()
}

/// Reads the session through `surface` and returns the first SKU it shows.
async fn first_sku_on(app: &TestApp, surface: &str, uuid: &str) -> String {
    let simple = uuid.replace('-', "");
    let (path, pointer) = match surface {
        "headless" => (
            format!("/v1/sessions/{uuid}"),
            "/deliveries/0/line_items/0/sku",
        ),
        "cos" => (
            format!("/v1/cos/session.get?id={uuid}"),
            "/session/cart/items/0/sku",
        ),
        "siw" => (
            format!("/v1/siw/session.get?id={uuid}"),
            "/session/cart/items/0/sku",
        ),
        _ => (
            format!("/v1/delivery_checkout/session.get?checkout_session_id=VM2-{simple}"),
            "/session/delivery_groups/0/items/0/sku",
        ),
    };
    let a = app.get(&path).await;
    assert_eq!(a.status, 200, "{surface} {path}: {}", a.body);
    a.body
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{surface}: no {pointer} in {}", a.body))
        .to_owned()
}

#[tokio::test]
async fn a_session_created_on_any_surface_is_read_on_every_other() {
    let app = spawn_app().await;
    let surfaces = ["headless", "cos", "siw", "delivery_checkout"];
    for creator in surfaces {
        let uuid = create_on(&app, creator).await;
        for reader in surfaces.iter().filter(|r| **r != creator) {
            assert_eq!(
                first_sku_on(&app, reader, &uuid).await,
                "POT-12",
                "created on {creator}, read on {reader}"
            );
        }
    }
}

#[tokio::test]
async fn a_completion_on_one_surface_freezes_the_session_on_all() {
    let app = spawn_app().await;
    let uuid = create_on(&app, "siw").await;
    let customer = json!({
        "email": "kund@example.com",
        "address": {"name": "Kund", "address_lines": ["Hornsgatan 90"], "city": "Stockholm",
                    "postal_code": "11820", "country": "SE"}
    });
    let a = app
        .post(
            "/v1/cos/session.complete",
            &json!({"id": uuid, "customer": customer}),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let tos_id = a.body["session"]["tos_id"].as_str().unwrap().to_owned();
    let siw = app.get(&format!("/v1/siw/session.get?id={uuid}")).await;
    assert_eq!(siw.body["session"]["status"], "COMPLETE");
    assert_eq!(siw.body["session"]["tos_id"], tos_id);
    let dc = app
        .get(&format!(
            "/v1/delivery_checkout/session.get?checkout_session_id=VM2-{}",
            uuid.replace('-', "")
        ))
        .await;
    assert_eq!(dc.body["session"]["status"], "COMPLETE");
    assert_eq!(dc.body["session"]["delivery_groups"][0]["tos_id"], tos_id);
    let headless = app.get(&format!("/v1/sessions/{uuid}")).await;
    assert_eq!(headless.body["state"], "COMPLETED");
    assert_eq!(headless.body["deliveries"][0]["tos_id"], tos_id);
    let a = app
        .post(
            "/v1/delivery_checkout/session.update",
            &json!({"checkout_session_id": format!("VM2-{}", uuid.replace('-', "")),
                    "external_id": "late"}),
        )
        .await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(a.body["error"]["status"], "FAILED_PRECONDITION");
}
