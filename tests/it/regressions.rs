//! Inputs that once broke a request, each answered now with a clear error: a date at the end
//! of the calendar, money that does not fit, a bad body with a bad credential, a panicking
//! handler.

use poem::test::TestClient;
use poem::{handler, EndpointExt, Route};
use serde_json::json;

use crate::common::{answer, demo_session, reason, spawn_app, violated_fields};

#[tokio::test]
async fn readiness_at_the_end_of_the_calendar_is_refused_not_a_dropped_connection() {
    let app = spawn_app().await;
    let mut body = demo_session();
    body["deliveries"][0]["fulfillments"][0]["readiness"]["earliest_time"] =
        json!("9999-12-30T08:00:00Z");
    let a = app.post("/v1/sessions", &body).await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(
        violated_fields(&a.body),
        ["deliveries[0].fulfillments[0].readiness.earliest_time"]
    );
    let cart = json!({"purchase_country": "SE", "purchase_currency": "SEK",
        "cart": {"cart_id": "c", "total_value": 100, "shipping_date": "9999-12-30",
                 "items": [{"sku": "A", "quantity": 1, "shipping_date": "9999-12-30T08:00:00Z"}]}});
    let a = app.post("/v1/siw/session.create", &cart).await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(
        violated_fields(&a.body),
        ["cart.shipping_date", "cart.items[0].shipping_date"]
    );
}

#[tokio::test]
async fn money_that_does_not_fit_is_refused_naming_the_field() {
    let app = spawn_app().await;
    let mut body = demo_session();
    body["purchase"]
        .as_object_mut()
        .unwrap()
        .remove("total_value");
    body["deliveries"][0]["line_items"][0]["price"] = json!("9223372036854775000");
    body["deliveries"][0]["line_items"][0]["quantity"] = json!(3);
    let a = app.post("/v1/sessions", &body).await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(
        violated_fields(&a.body),
        ["deliveries[0].line_items[0].price"]
    );
    for surface in ["cos", "siw", "delivery_checkout"] {
        let cart = json!({"purchase_country": "SE", "purchase_currency": "SEK",
            "cart": {"cart_id": "c", "total_value": 100,
                     "items": [{"sku": "A", "quantity": 3, "price": 9_223_372_036_854_775_000_i64},
                               {"sku": "B", "quantity": 1, "weight": i64::MAX},
                               {"sku": "C", "quantity": 2, "weight": i64::MAX}]}});
        let a = app
            .post(&format!("/v1/{surface}/session.create"), &cart)
            .await;
        assert_eq!(a.status, 400, "{surface}: {}", a.body);
        // Past the stated bounds (which keep sums and products within 64 bits), each named.
        assert_eq!(
            violated_fields(&a.body),
            [
                "cart.items[0].price",
                "cart.items[1].weight",
                "cart.items[2].weight"
            ],
            "{surface}"
        );
    }
}

#[tokio::test]
async fn a_bad_credential_is_answered_before_a_bad_body_is_read() {
    let app = spawn_app().await;
    for (path, body) in [
        ("/v1/sessions", "{\"purchase\": 5}"),
        ("/v1/sessions", "not json"),
        ("/v1/cos/session.create", "{}"),
        ("/v1/siw/session.create", "{\"cart\": []}"),
        ("/v1/delivery_checkout/session.create", "{}"),
        ("/v1/siw/session.update", "{}"),
    ] {
        let resp = app
            .anon
            .post(path)
            .header("authorization", "Bearer hck_nope_nope")
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await;
        let a = answer(resp).await;
        assert_eq!(a.status, 401, "{path} {body}: {}", a.body);
        assert_eq!(reason(&a.body), "CREDENTIAL_INVALID");
    }
}

#[handler]
fn boom() -> &'static str {
    panic!("a bug in a handler")
}

#[tokio::test]
async fn a_panicking_handler_answers_internal_with_its_trace_id() {
    let client = TestClient::new(
        headless_checkout::startup::served(
            Route::new().at("/boom", boom),
            Default::default(),
            Default::default(),
        )
        .boxed(),
    );
    let a = answer(client.get("/boom").send().await).await;
    assert_eq!(a.status, 500, "{}", a.body);
    assert_eq!(a.body["error"]["status"], "INTERNAL");
    assert!(!a.body.to_string().contains("a bug in a handler"));
    let trace = a.trace_id.expect("every answer has a trace id");
    assert_eq!(
        a.body["error"]["details"][0]["metadata"]["trace_id"],
        json!(trace),
        "the envelope names the trace the log line carries"
    );
    // The server goes on serving.
    let again = answer(client.get("/boom").send().await).await;
    assert_eq!(again.status, 500);
}
