//! The server takes what its published specs take and refuses what they refuse, each refusal a
//! 400 naming the field: the disagreements contract fuzzing (tests/fuzz/run) found, one test
//! each.

use serde_json::{json, Value};

use crate::common::guide::{create_request, customer};
use crate::common::{demo_session, spawn_app, violated_fields, TestApp};

fn legacy_create() -> Value {
    create_request()
}

async fn cos_session(app: &TestApp) -> String {
    let a = app.post("/v1/cos/session.create", &legacy_create()).await;
    assert_eq!(a.status, 200, "{}", a.body);
    a.body["session"]["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn an_array_where_an_object_belongs_is_refused_naming_it() {
    let app = spawn_app().await;
    let mut body = legacy_create();
    body["customer_info"] = json!([null, null]);
    let a = app.post("/v1/cos/session.create", &body).await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(violated_fields(&a.body), ["customer_info"]);
    assert!(
        a.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("invalid type: sequence"),
        "{}",
        a.body
    );
    let mut body = demo_session();
    body["deliveries"][0]["recipient_contact"]["address"]["coordinates"] = json!([59.3, 18.0]);
    let a = app.post("/v1/sessions", &body).await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(
        violated_fields(&a.body),
        ["deliveries[0].recipient_contact.address.coordinates"]
    );
}

#[tokio::test]
async fn amounts_quantities_and_weights_are_bounded_as_the_specs_say() {
    let app = spawn_app().await;
    let mut body = demo_session();
    let line = &mut body["deliveries"][0]["line_items"][0];
    line["price"] = json!("10000000001");
    line["quantity"] = json!(1_000_001);
    line["weight"] = json!(1_000_000_001_i64);
    let a = app.post("/v1/sessions", &body).await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(
        violated_fields(&a.body),
        [
            "deliveries[0].line_items[0].quantity",
            "deliveries[0].line_items[0].weight",
            "deliveries[0].line_items[0].price"
        ]
    );
    // At the bounds, accepted.
    let mut body = demo_session();
    let line = &mut body["deliveries"][0]["line_items"][0];
    line["price"] = json!("10000000000");
    line["quantity"] = json!(1_000_000);
    line["weight"] = json!(1_000_000_000_i64);
    body["purchase"]["total_value"] = json!("10000000000");
    let a = app.post("/v1/sessions", &body).await;
    assert_eq!(a.status, 200, "{}", a.body);

    for surface in ["cos", "siw", "delivery_checkout"] {
        let mut body = legacy_create();
        body["cart"]["total_value"] = json!(10_000_000_001_i64);
        body["cart"]["items"][0]["price"] = json!(10_000_000_001_i64);
        body["cart"]["items"][0]["quantity"] = json!(1_000_001);
        body["cart"]["items"][0]["weight"] = json!(1_000_000_001_i64);
        let a = app
            .post(&format!("/v1/{surface}/session.create"), &body)
            .await;
        assert_eq!(a.status, 400, "{surface}: {}", a.body);
        assert_eq!(
            violated_fields(&a.body),
            [
                "cart.total_value",
                "cart.items[0].quantity",
                "cart.items[0].price",
                "cart.items[0].weight"
            ],
            "{surface}"
        );
    }
}

#[tokio::test]
async fn lengths_are_counted_in_characters_as_the_specs_count_them() {
    let app = spawn_app().await;
    let mut body = demo_session();
    body["external_id"] = json!("é".repeat(256));
    let a = app
        .post(
            &format!("/v1/sessions?request_id={}", "%C3%A9".repeat(128)),
            &body,
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    body["external_id"] = json!("é".repeat(257));
    let a = app.post("/v1/sessions", &body).await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(violated_fields(&a.body), ["external_id"]);

    let mut body = legacy_create();
    body["external_id"] = json!("ö".repeat(256));
    let a = app.post("/v1/cos/session.create", &body).await;
    assert_eq!(a.status, 200, "{}", a.body);
}

#[tokio::test]
async fn a_deprecated_spelling_sent_beside_the_new_one_is_still_checked() {
    let app = spawn_app().await;
    let mut body = legacy_create();
    body["locale"] = json!("not a locale");
    let a = app.post("/v1/siw/session.create", &body).await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(violated_fields(&a.body), ["locale"]);

    let id = cos_session(&app).await;
    let mut info = customer();
    info["address"]["country"] = json!("XX");
    let a = app
        .post(
            "/v1/cos/session.complete",
            &json!({"id": id, "customer": customer(), "customer_info": info}),
        )
        .await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(violated_fields(&a.body), ["customer_info.address.country"]);

    let a = app
        .post("/v1/delivery_checkout/session.create", &legacy_create())
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let checkout_id = a.body["session"]["checkout_session_id"].clone();
    let mut carts = legacy_create()["cart"].clone();
    carts["cart_id"] = json!("");
    let a = app
        .post(
            "/v1/delivery_checkout/session.update",
            &json!({"checkout_session_id": checkout_id, "cart": legacy_create()["cart"],
                    "carts": carts}),
        )
        .await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(violated_fields(&a.body), ["carts.cart_id"]);
}

#[tokio::test]
async fn locales_take_the_shape_the_references_write() {
    let app = spawn_app().await;
    for (locale, status) in [
        ("sv", 200),
        ("sv-SE", 200),
        ("zh-Hant-TW", 400),
        ("aaa", 400),
    ] {
        let mut body = legacy_create();
        body["locales"] = json!([locale]);
        let a = app.post("/v1/cos/session.create", &body).await;
        assert_eq!(a.status, status, "{locale}: {}", a.body);
        if status == 400 {
            assert_eq!(violated_fields(&a.body), ["locales[0]"]);
        }
    }
}

#[tokio::test]
async fn headless_int64_members_take_the_decimal_text_only() {
    let app = spawn_app().await;
    let mut body = demo_session();
    body["deliveries"][0]["line_items"][0]["price"] = json!(22500);
    let a = app.post("/v1/sessions", &body).await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(
        violated_fields(&a.body),
        ["deliveries[0].line_items[0].price"]
    );
}

#[tokio::test]
async fn output_only_members_are_ignored_but_must_have_their_type() {
    let app = spawn_app().await;
    let (id, _, read) = app.create().await;
    // What a client read, sent back whole, is accepted.
    let a = app
        .patch(&format!("/v1/sessions/{id}?update_mask=external_id"), &read)
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let a = app.post("/v1/sessions", &read).await;
    assert_eq!(a.status, 200, "{}", a.body);
    // Generated clients leave out the empty lists of what they read.
    let mut trimmed = read.clone();
    for category in trimmed["deliveries"][0]["delivery_categories"]
        .as_array_mut()
        .unwrap()
    {
        for option in category["delivery_options"].as_array_mut().unwrap() {
            option
                .as_object_mut()
                .unwrap()
                .remove("supported_addon_ids");
        }
    }
    let a = app.post("/v1/sessions", &trimmed).await;
    assert_eq!(a.status, 200, "{}", a.body);
    for (member, value) in [
        ("name", json!(5)),
        ("state", json!("SLEEPING")),
        ("create_time", json!("yesterday")),
        ("etag", json!(null)),
    ] {
        let mut body = read.clone();
        body[member] = value;
        let a = app.patch(&format!("/v1/sessions/{id}"), &body).await;
        assert_eq!(a.status, 400, "{member}: {}", a.body);
        assert_eq!(violated_fields(&a.body), [member]);
        let a = app.post("/v1/sessions", &body).await;
        assert_eq!(a.status, 400, "{member}: {}", a.body);
        assert_eq!(violated_fields(&a.body), [member]);
    }
    let mut body = read.clone();
    body["deliveries"][0]["delivery_categories"] = json!("none");
    let a = app.post("/v1/sessions", &body).await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(
        violated_fields(&a.body),
        ["deliveries[0].delivery_categories"]
    );
}

#[tokio::test]
async fn an_update_answers_a_malformed_member_the_mask_does_not_write() {
    let app = spawn_app().await;
    let (id, _, _) = app.create().await;
    let path = format!("/v1/sessions/{id}?update_mask=external_id");
    let a = app
        .patch(&path, &json!({"external_id": "o-1", "deliveries": "none"}))
        .await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(violated_fields(&a.body), ["deliveries"]);
    let a = app
        .patch(
            &path,
            &json!({"external_id": "o-1", "purchase": {"country_code": "XX"}}),
        )
        .await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(violated_fields(&a.body), ["purchase.country_code"]);
    let a = app
        .patch(&path, &json!({"external_id": "o-1", "colour": "red"}))
        .await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(violated_fields(&a.body), ["colour"]);
    // Well-formed but unmasked members are not written.
    let a = app
        .patch(
            &path,
            &json!({"external_id": "o-1", "purchase": {"country_code": "NO"}}),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.body["external_id"], "o-1");
    assert_eq!(a.body["purchase"]["country_code"], "SE");
}
