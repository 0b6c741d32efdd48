//! Requests built to exhaust the service get a bounded, documented answer naming what is wrong:
//! too many items, groups or deliveries, strings with NUL or past the length limit, JSON nested
//! past serde's depth, numbers past 64 bits, dates at the ends of the calendar, oversized
//! bodies. Each stores nothing.

use serde_json::{json, Value};

use crate::common::{demo_session, reason, spawn_app, violated_fields};

const DC_CREATE: &str = "/v1/delivery_checkout/session.create";

fn dc_create_with(items: Vec<Value>) -> Value {
    json!({
        "purchase_country": "SE",
        "purchase_currency": "SEK",
        "locales": ["sv-SE"],
        "cart": {"cart_id": "c1", "total_value": 1000, "currency": "SEK", "items": items}
    })
}

fn item(i: usize, site: &str) -> Value {
    json!({"sku": format!("SKU{i}"), "name": "Pot", "quantity": 1, "price": 100,
           "site_external_id": site})
}

#[tokio::test]
async fn ten_thousand_items_on_distinct_sites_are_refused_naming_the_items() {
    let app = spawn_app().await;
    let items = (0..10_000).map(|i| item(i, &format!("site-{i}"))).collect();
    let a = app.post(DC_CREATE, &dc_create_with(items)).await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(violated_fields(&a.body), ["cart.items"]);
    assert!(a.body.to_string().contains("at most 500"), "{}", a.body);
    let listed = app.get("/v1/sessions").await;
    assert_eq!(listed.body["sessions"].as_array().map_or(0, Vec::len), 0);
}

#[tokio::test]
async fn more_delivery_groups_than_the_limit_are_refused_and_the_limit_itself_is_served() {
    let app = spawn_app().await;
    let too_many = (0..21).map(|i| item(i, &format!("site-{i}"))).collect();
    let a = app.post(DC_CREATE, &dc_create_with(too_many)).await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(violated_fields(&a.body), ["cart.items"]);
    assert!(a.body.to_string().contains("at most 20 delivery groups"));
    // Many items on few sites are fine: the groups are what is quoted.
    let many_on_one = (0..500).map(|i| item(i, "main")).collect();
    let a = app.post(DC_CREATE, &dc_create_with(many_on_one)).await;
    assert_eq!(a.status, 200, "{}", a.body);
}

#[tokio::test]
async fn headless_deliveries_and_lines_are_bounded() {
    let app = spawn_app().await;
    let mut body = demo_session();
    let one = body["deliveries"][0].clone();
    body["deliveries"] = (0..21)
        .map(|i| {
            let mut d = one.clone();
            d["id"] = json!(format!("d{i}"));
            d
        })
        .collect();
    let a = app.post("/v1/sessions", &body).await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(violated_fields(&a.body), ["deliveries"]);

    let mut body = demo_session();
    let line = body["deliveries"][0]["line_items"][0].clone();
    body["deliveries"][0]["line_items"] = (0..501).map(|_| line.clone()).collect();
    body["purchase"]
        .as_object_mut()
        .unwrap()
        .remove("total_value");
    let a = app.post("/v1/sessions", &body).await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(violated_fields(&a.body), ["deliveries[0].line_items"]);
}

#[tokio::test]
async fn a_nul_character_anywhere_is_refused_naming_the_field() {
    let app = spawn_app().await;
    let mut body = demo_session();
    body["deliveries"][0]["line_items"][0]["title"] = json!("Terracotta\u{0}pot");
    body["deliveries"][0]["recipient_contact"]["address"]["city"] = json!("\u{0}");
    let a = app.post("/v1/sessions", &body).await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(
        violated_fields(&a.body),
        [
            "deliveries[0].line_items[0].title",
            "deliveries[0].recipient_contact.address.city"
        ]
    );
    // The same on a legacy surface, and in a query parameter.
    let mut dc = dc_create_with(vec![item(1, "main")]);
    dc["cart"]["items"][0]["name"] = json!("a\u{0}");
    let a = app.post(DC_CREATE, &dc).await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(violated_fields(&a.body), ["cart.items[0].name"]);
    let a = app
        .get("/v1/sessions?filter=external_id%3D%22a%00%22")
        .await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(violated_fields(&a.body), ["filter"]);
}

#[tokio::test]
async fn a_megabyte_string_is_refused_as_too_large_and_a_long_one_by_name() {
    let app = spawn_app().await;
    let mut body = demo_session();
    body["deliveries"][0]["line_items"][0]["title"] = json!("x".repeat(1 << 20));
    let a = app.post("/v1/sessions", &body).await;
    assert_eq!(a.status, 413, "{}", a.body);
    assert_eq!(reason(&a.body), "PAYLOAD_TOO_LARGE");
    body["deliveries"][0]["line_items"][0]["title"] = json!("x".repeat(5000));
    let a = app.post("/v1/sessions", &body).await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(
        violated_fields(&a.body),
        ["deliveries[0].line_items[0].title"]
    );
    assert!(a.body.to_string().contains("at most 4096 characters"));
}

#[tokio::test]
async fn json_nested_ten_thousand_deep_is_a_400_on_the_body() {
    let app = spawn_app().await;
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let resp = app
        .client
        .post("/v1/sessions")
        .header("content-type", "application/json")
        .body(deep)
        .send()
        .await;
    let a = crate::common::answer(resp).await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(violated_fields(&a.body), ["body"]);
    assert!(a.body.to_string().contains("recursion limit"), "{}", a.body);
}

#[tokio::test]
async fn numbers_past_64_bits_and_dates_at_the_calendar_ends_name_their_fields() {
    let app = spawn_app().await;
    let mut body = demo_session();
    body["deliveries"][0]["line_items"][0]["quantity"] = json!(u64::MAX);
    body["deliveries"][0]["line_items"][0]["weight"] = json!(1e300);
    let a = app.post("/v1/sessions", &body).await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(
        violated_fields(&a.body),
        ["deliveries[0].line_items[0].quantity"]
    );

    for time in [
        "9999-12-31T23:59:59Z",
        "+999999-01-01T00:00:00Z",
        "0000-01-01T00:00:00Z",
    ] {
        let mut body = demo_session();
        body["deliveries"][0]["fulfillments"][0]["readiness"]["earliest_time"] = json!(time);
        let a = app.post("/v1/sessions", &body).await;
        if time.starts_with("0000") {
            // Long past: the goods are ready now.
            assert_eq!(a.status, 200, "{time}: {}", a.body);
        } else {
            assert_eq!(a.status, 400, "{time}: {}", a.body);
            assert_eq!(
                violated_fields(&a.body),
                ["deliveries[0].fulfillments[0].readiness.earliest_time"],
                "{time}"
            );
        }
    }
}

#[tokio::test]
async fn a_405_names_the_methods_the_route_takes() {
    let app = spawn_app().await;
    for (method, path, allow) in [
        (
            poem::http::Method::DELETE,
            "/v1/sessions",
            "GET, HEAD, POST",
        ),
        (poem::http::Method::PUT, "/v1/sessions/abc:complete", "POST"),
        (poem::http::Method::POST, "/healthz", "GET, HEAD"),
    ] {
        let resp = app
            .client
            .request(method.clone(), path)
            .header("content-type", "application/json")
            .body("{}")
            .send()
            .await;
        resp.assert_status(poem::http::StatusCode::METHOD_NOT_ALLOWED);
        resp.assert_header("allow", allow);
    }
}
