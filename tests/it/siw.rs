//! The SIW API over HTTP: the guide's request examples against the demo merchant, the whole
//! flow, sessions shared with the headless API, the 409 race and bad input on every method.

use crate::common::guide::{
    self, assert_error, assert_invalid, create_request, is_rfc3339, time_of,
};
use crate::common::{answer, reason, spawn_app, TestApp};
use domain::SessionId;
use poem::test::TestRequestBuilder;
use poem::Endpoint;
use serde_json::{json, Value};
use service::auth::DEMO_API_KEY;

const CREATE: &str = "/v1/siw/session.create";
const UPDATE: &str = "/v1/siw/session.update";
const COMPLETE: &str = "/v1/siw/session.complete";

/// The guide's update example: a coat joins the shoes.
fn update_request(id: &str) -> Value {
    json!({"id": id, "cart": guide::shoes_and_coat_cart()})
}

/// The guide's complete example.
fn complete_request(id: &str) -> Value {
    json!({"id": id, "customer": guide::customer()})
}

fn get_path(id: &str) -> String {
    format!("/v1/siw/session.get?id={id}")
}

async fn create(app: &TestApp) -> Value {
    let a = app.post(CREATE, &create_request()).await;
    assert_eq!(a.status, 200, "{}", a.body);
    a.body
}

fn session_id(body: &Value) -> String {
    body["session"]["id"].as_str().unwrap().to_owned()
}

/// `Authorization: Bearer <credential>`, or no such header.
fn authorized<'a, E: Endpoint>(
    b: TestRequestBuilder<'a, E>,
    credential: Option<&str>,
) -> TestRequestBuilder<'a, E> {
    match credential {
        Some(c) => b.header("authorization", format!("Bearer {c}")),
        None => b,
    }
}

/// The documented members of a session, with their JSON types and nesting.
fn assert_session_shape(s: &Value) {
    let id = s["id"].as_str().expect("id is a string");
    assert!(uuid::Uuid::parse_str(id).is_ok(), "{id}");
    assert!(s["token"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(is_rfc3339(&s["updated_at"]));
    assert!(is_rfc3339(&s["expires_at"]));

    let cart = &s["cart"];
    assert!(cart["total_value"].is_i64());
    assert_eq!(cart["total_discount"], 0);
    assert_eq!(cart["currency"], "SEK");
    assert_eq!(cart["pre_order"], false);
    assert_eq!(cart["cart_id"], "unique_id");
    let item = &cart["items"][0];
    assert_eq!(item["sku"], "SKU12345");
    assert_eq!(item["name"], "Saucony Shadow 6000");
    assert_eq!(item["attributes"], json!(["shoes", "indigo", "class_one"]));
    assert_eq!(item["out_of_stock"], false);
    assert_eq!(item["quantity"], 1);
    assert!(item["price"].is_i64());

    let option = &s["selected_shipping_option"];
    for field in ["shipping_method", "carrier", "product", "currency"] {
        assert!(option[field].is_string(), "{field}: {option}");
    }
    assert_eq!(option["delivery_type"], "pickup");
    assert!(option["price"].is_i64());
    let location = &option["location"];
    assert!(location["external_id"].is_string());
    assert!(location["name"].is_string());
    assert!(location["address"]["address_lines"][0].is_string());
    assert!(location["address"]["postal_code"].is_string());
    assert_eq!(location["address"]["country"], "SE");
    assert!(location["address"]["coordinates"]["lat"].is_f64());
    assert!(location["address"]["coordinates"]["lng"].is_f64());
    assert!(location["distance"]["walking"]["value"].is_i64());
    assert!(location["distance"]["walking"]["duration"].is_i64());
    assert!(location["distance"]["driving"]["value"].is_i64());
    assert!(location["operational_hours"]["mon"].is_string());
    assert!(location["location_type"].is_string());
    let slot = &option["time_slot"];
    assert!(slot["id"].is_string());
    for field in ["expires", "start", "end"] {
        assert!(is_rfc3339(&slot[field]), "time_slot.{field}: {slot}");
    }
    assert!(s["shipping_price"].is_i64());
    assert_eq!(s["shipping_price"], option["price"]);

    let search = &s["search_address"];
    assert_eq!(search["postal_code"], "11239");
    assert_eq!(search["country"], "SE");
    assert!(search["coordinates"]["lat"].is_f64());
    assert!(search["coordinates"]["lng"].is_f64());

    let result = &s["result"];
    let shipping = &result["shipping"];
    assert_eq!(shipping["shipping_method"], option["shipping_method"]);
    assert_eq!(shipping["delivery_type"], "pickup");
    assert_eq!(shipping["carrier"], option["carrier"]);
    assert_eq!(shipping["product"], option["product"]);
    assert_eq!(shipping["location"], option["location"]);
    assert_eq!(shipping["delivery_time"], option["time_slot"]);
    assert!(shipping["external_method_id"].is_string());
    assert!(shipping["supports"].is_object());
    assert!(shipping["warehouse"]["address"]["address_lines"][0].is_string());
    assert_eq!(shipping["warehouse"]["address"]["country"], "SE");
    assert!(result["category"]["id"].is_string());
    assert!(result["category"]["name"].is_string());
    assert!(result["category"]["presented_category_name"].is_string());
    assert_eq!(result["pricing"]["currency"], "SEK");
    assert_eq!(result["pricing"]["price"], s["shipping_price"]);
    let components = result["pricing"]["price_components"].as_array().unwrap();
    assert_eq!(components[0]["type"], "PRICE_COMPONENT_TYPE_SHIPPING");
    assert!(components[0]["value"].is_i64());
    let sum: i64 = components
        .iter()
        .map(|c| c["value"].as_i64().unwrap())
        .sum();
    assert_eq!(json!(sum), result["pricing"]["price"]);
    assert!(result["selection"].is_string());
    for promise in [
        "pickup_from_merchant",
        "customer_delivery_promise",
        "carrier_delivery_promise",
    ] {
        for end in ["earliest", "latest"] {
            assert!(
                is_rfc3339(&result["delivery_time"][promise][end]),
                "{promise}.{end}: {result}"
            );
        }
    }
}

#[tokio::test]
async fn the_guides_create_example_answers_with_the_documented_session() {
    let app = spawn_app().await;
    let body = create(&app).await;
    let s = &body["session"];
    assert_session_shape(s);
    assert_eq!(s["status"], "ACTIVE");
    assert_eq!(s["cart"]["total_value"], 129900);
    assert_eq!(s["cart"]["items"][0]["price"], 0, "absent price reads 0");
    assert_eq!(s["result"]["selection"], "PRESELECTED_CHOICE");
    // Pickup is preselected; 1,299 SEK is above the free-shipping threshold.
    assert_eq!(s["result"]["category"]["id"], "pickup");
    assert_eq!(s["result"]["category"]["name"], "Utlämningsställe");
    assert_eq!(s["shipping_price"], 0);
    assert_eq!(
        s["result"]["pricing"]["price_components"][1]["type"],
        "PRICE_COMPONENT_TYPE_DISCOUNT"
    );
    assert_eq!(s["selected_shipping_option"]["carrier"], "PostNord");
    assert!(s.get("tos_id").is_none());
    assert!(s.get("customer").is_none());
    let snippet = body["html_snippet"].as_str().unwrap();
    assert!(snippet.contains(s["id"].as_str().unwrap()));
    assert!(snippet.contains(s["token"].as_str().unwrap()));
}

#[tokio::test]
async fn the_guides_examples_replay_in_order() {
    let app = spawn_app().await;
    let created = create(&app).await;
    let id = session_id(&created);

    let a = app.post(UPDATE, &update_request(&id)).await;
    assert_eq!(a.status, 200, "{}", a.body);
    let s = &a.body["session"];
    assert_session_shape(s);
    assert_eq!(s["id"], id.as_str());
    assert_eq!(s["status"], "ACTIVE");
    assert_eq!(s["cart"]["total_value"], 274800);
    assert_eq!(s["cart"]["items"][1]["sku"], "SKU65432");
    assert_eq!(s["cart"]["items"][1]["price"], 144900);
    assert_eq!(s["token"], created["session"]["token"]);
    assert!(a.body["html_snippet"].as_str().unwrap().contains(&id));

    let a = app.post(COMPLETE, &complete_request(&id)).await;
    assert_eq!(a.status, 200, "{}", a.body);
    let s = &a.body["session"];
    assert_session_shape(s);
    assert_eq!(s["status"], "COMPLETE");
    let tos_id = a.body["tos_id"].as_str().unwrap();
    assert_eq!(tos_id.len(), 26, "{tos_id}");
    assert_eq!(s["tos_id"], tos_id);
    let customer = &s["customer"];
    assert_eq!(customer["email"], "erik@example.com");
    assert_eq!(customer["phone"], "0709997711");
    assert_eq!(customer["address"]["name"], "Erik Johansson");
    assert_eq!(customer["address"]["address_lines"][0], "Industrigatan 5");
    assert_eq!(customer["address"]["country"], "SE");
    assert!(a.body.get("html_snippet").is_none());

    let a = app.get(&get_path(&id)).await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_session_shape(&a.body["session"]);
    assert_eq!(a.body["session"]["status"], "COMPLETE");
    assert_eq!(a.body["session"]["tos_id"], tos_id);
    assert!(a.body["html_snippet"].is_string());
}

#[tokio::test]
async fn a_session_goes_through_search_choice_and_completion_and_get_changes_nothing() {
    let app = spawn_app().await;
    let created = create(&app).await;
    let id = session_id(&created);
    let first = &created["session"]["selected_shipping_option"];

    // A new search address in Göteborg: the pickup points near it are offered instead.
    let a = app
        .post(
            UPDATE,
            &json!({"id": id, "search_address": {"postal_code": "41104", "country": "SE"}}),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let s = &a.body["session"];
    assert_eq!(s["search_address"]["postal_code"], "41104");
    assert!(s["search_address"]["coordinates"]["lat"].as_f64().unwrap() < 58.0);
    let moved = &s["selected_shipping_option"];
    assert_ne!(
        moved["location"]["external_id"],
        first["location"]["external_id"]
    );
    assert_eq!(moved["location"]["address"]["city"], "Göteborg");
    assert_eq!(s["result"]["selection"], "PRESELECTED_CHOICE");
    // What the update left out is kept.
    assert_eq!(s["cart"]["items"][0]["sku"], "SKU12345");
    assert_eq!(s["cart"]["total_value"], 129900);

    // The shopper picks home delivery with PostNord.
    let a = app
        .post(
            UPDATE,
            &json!({"id": id, "user_choice": {"shipping_method": "17", "shipping_category_ref": "home"}}),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let s = &a.body["session"];
    assert_eq!(s["result"]["selection"], "USER_CHOICE");
    assert_eq!(s["result"]["shipping"]["shipping_method"], "17");
    assert_eq!(s["result"]["shipping"]["delivery_type"], "delivery");
    assert_eq!(s["result"]["shipping"]["product"], "MyPack Home");
    assert_eq!(s["result"]["shipping"]["supports"]["door_code"], true);
    assert!(s["result"]["shipping"].get("location").is_none());
    assert_eq!(s["result"]["category"]["id"], "home");
    assert_eq!(s["selected_shipping_option"]["shipping_method"], "17");
    assert_eq!(s["selected_shipping_option"]["delivery_type"], "delivery");
    assert_eq!(s["shipping_price"], s["result"]["pricing"]["price"]);
    assert_eq!(s["search_address"]["postal_code"], "41104");

    // A later cart change keeps the choice while it is still offered.
    let a = app.post(UPDATE, &update_request(&id)).await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.body["session"]["result"]["selection"], "USER_CHOICE");
    assert_eq!(
        a.body["session"]["result"]["shipping"]["shipping_method"],
        "17"
    );

    let a = app.post(COMPLETE, &complete_request(&id)).await;
    assert_eq!(a.status, 200, "{}", a.body);
    let done = &a.body["session"];
    assert_eq!(done["status"], "COMPLETE");
    assert_eq!(done["result"]["selection"], "USER_CHOICE");
    assert_eq!(done["result"]["shipping"]["shipping_method"], "17");
    let tos_id = a.body["tos_id"].as_str().unwrap().to_owned();
    assert_eq!(done["tos_id"], tos_id.as_str());

    // Frozen: a later update and a second completion are refused.
    let a = app.post(UPDATE, &update_request(&id)).await;
    assert_error(&a, 400, "FAILED_PRECONDITION");
    assert_eq!(reason(&a.body), "SESSION_COMPLETED");
    let a = app.post(COMPLETE, &complete_request(&id)).await;
    assert_error(&a, 400, "FAILED_PRECONDITION");

    // Reading twice changes nothing, not even the update time or the revision.
    let revision = || async {
        app.service
            .get(crate::common::DEMO_TENANT, SessionId::parse(&id).unwrap())
            .await
            .unwrap()
            .revision
    };
    let written = revision().await;
    let one = app.get(&get_path(&id)).await;
    let two = app.get(&get_path(&id)).await;
    assert_eq!(one.status, 200);
    assert_eq!(one.body, two.body);
    assert_eq!(one.body["session"]["updated_at"], done["updated_at"]);
    assert_eq!(one.body["session"], *done);
    assert_eq!(revision().await, written);
}

#[tokio::test]
async fn get_does_not_recompute_an_active_session() {
    let app = spawn_app().await;
    let created = create(&app).await;
    let id = session_id(&created);
    let before = app.get(&get_path(&id)).await;
    let after = app.get(&get_path(&id)).await;
    assert_eq!(before.body, after.body);
    assert_eq!(
        after.body["session"]["updated_at"],
        created["session"]["updated_at"]
    );
    // `updated_at` has whole seconds; the revision shows that no write happened at all.
    let stored = app
        .service
        .get(crate::common::DEMO_TENANT, SessionId::parse(&id).unwrap())
        .await
        .unwrap();
    assert_eq!(stored.revision, 1, "reads never write");
    assert_eq!(after.body["session"], created["session"]);
}

#[tokio::test]
async fn choosing_the_option_as_the_session_describes_it() {
    let app = spawn_app().await;
    let created = create(&app).await;
    let id = session_id(&created);
    // Another pickup point of the same category, read from the headless view of the session.
    let headless = app.get(&format!("/v1/sessions/{id}")).await;
    let options = headless.body["deliveries"][0]["delivery_categories"][0]["delivery_options"]
        .as_array()
        .unwrap()
        .clone();
    let other = options
        .iter()
        .find(|o| o["preselected"] != true)
        .expect("more than one pickup option");
    let method = other["carrier"]["product_id"].as_str().unwrap();
    let location = other["pickup_location"]["external_id"].as_str().unwrap();

    let a = app
        .post(
            UPDATE,
            &json!({"id": id, "user_choice": {
                "shipping_method": method,
                "location_ref": location,
                "shipping_category_ref": "pickup"
            }}),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let s = &a.body["session"];
    assert_eq!(s["result"]["selection"], "USER_CHOICE");
    assert_eq!(s["result"]["shipping"]["location"]["external_id"], location);
    assert_eq!(
        s["selected_shipping_option"]["location"]["external_id"],
        location
    );

    // The same choice with the slot the session shows is accepted; a stale slot is not.
    let slot = s["selected_shipping_option"]["time_slot"]["id"].clone();
    let a = app
        .post(
            UPDATE,
            &json!({"id": id, "user_choice": {
                "shipping_method": method, "location_ref": location, "time_slot_ref": slot
            }}),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let a = app
        .post(
            UPDATE,
            &json!({"id": id, "user_choice": {
                "shipping_method": method, "location_ref": location, "time_slot_ref": "stale"
            }}),
        )
        .await;
    assert_invalid(&a, &["user_choice.time_slot_ref"]);
}

#[tokio::test]
async fn a_siw_session_reads_through_the_headless_api_and_back() {
    let app = spawn_app().await;
    let created = create(&app).await;
    let id = session_id(&created);

    let a = app.get(&format!("/v1/sessions/{id}")).await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.body["name"], format!("sessions/{id}"));
    assert_eq!(a.body["state"], "ACTIVE");
    assert_eq!(a.body["purchase"]["country_code"], "SE");
    assert_eq!(a.body["purchase"]["currency_code"], "SEK");
    assert_eq!(a.body["purchase"]["total_value"], "129900");
    let delivery = &a.body["deliveries"][0];
    assert_eq!(delivery["id"], "main");
    assert_eq!(delivery["line_items"][0]["sku"], "SKU12345");
    assert_eq!(delivery["line_items"][0]["title"], "Saucony Shadow 6000");
    assert_eq!(a.body["search_address"]["postal_code"], "11239");
    assert_eq!(a.body["deliveries"].as_array().unwrap().len(), 1);

    // Through the Delivery Checkout spelling of the id, too.
    let vm2 = format!("VM2-{}", uuid::Uuid::parse_str(&id).unwrap().simple());
    let a = app.get(&get_path(&vm2)).await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.body["session"]["id"], id.as_str());
}

#[tokio::test]
async fn a_headless_session_reads_and_completes_through_siw() {
    let app = spawn_app().await;
    let (id, _, headless) = app.create().await;
    let a = app.get(&get_path(&id)).await;
    assert_eq!(a.status, 200, "{}", a.body);
    let s = &a.body["session"];
    assert_eq!(s["id"], id.as_str());
    assert_eq!(s["status"], "ACTIVE");
    assert!(s["token"].as_str().is_some_and(|t| !t.is_empty()));
    // The cart is rebuilt from the goods.
    assert_eq!(s["cart"]["total_value"], 45000);
    assert_eq!(s["cart"]["currency"], "SEK");
    assert_eq!(s["cart"]["items"][0]["sku"], "POT-12");
    assert_eq!(s["cart"]["items"][0]["quantity"], 2);
    assert_eq!(s["cart"]["items"][0]["price"], 22500);
    assert_eq!(s["cart"]["items"][0]["out_of_stock"], false);
    assert_eq!(s["result"]["selection"], "PRESELECTED_CHOICE");
    assert_eq!(s["result"]["category"]["id"], "pickup");
    let preselected = headless["deliveries"][0]["delivery_categories"][0]["delivery_options"][0]
        ["pickup_location"]["external_id"]
        .clone();
    assert_eq!(
        s["result"]["shipping"]["location"]["external_id"],
        preselected
    );
    assert!(s["result"]["delivery_time"]["customer_delivery_promise"]["earliest"].is_string());
    assert!(s.get("search_address").is_none());
    // The legacy surfaces show whole seconds.
    assert_eq!(
        time_of(&s["updated_at"]),
        time_of(&headless["update_time"])
            .replace_nanosecond(0)
            .unwrap()
    );

    let a = app.post(COMPLETE, &complete_request(&id)).await;
    assert_eq!(a.status, 200, "{}", a.body);
    let a = app.get(&format!("/v1/sessions/{id}")).await;
    assert_eq!(a.body["state"], "COMPLETED");
    let recipient = &a.body["deliveries"][0]["recipient_contact"];
    assert_eq!(recipient["address"]["address_lines"][0], "Industrigatan 5");
    assert_eq!(recipient["email"], "erik@example.com");
}

#[tokio::test]
async fn complete_without_a_search_address_computes_the_options_for_the_customer() {
    let app = spawn_app().await;
    let mut request = create_request();
    request.as_object_mut().unwrap().remove("search_address");
    // The deprecated spellings are read as well.
    request.as_object_mut().unwrap().remove("locales");
    request["locale"] = json!("sv_SE");
    let a = app.post(CREATE, &request).await;
    assert_eq!(a.status, 200, "{}", a.body);
    let s = &a.body["session"];
    assert!(s.get("search_address").is_none());
    assert_eq!(s["result"]["category"]["name"], "Utlämningsställe");
    assert!(
        s["result"].get("delivery_time").is_none(),
        "placeholders promise nothing"
    );
    let id = session_id(&a.body);

    let a = app
        .post(
            COMPLETE,
            &json!({
                "id": id,
                "external_id": "order-77",
                "customer_info": {
                    "email": "anna@example.com",
                    "address": {"postal_code": "41104", "city": "Göteborg", "country": "SE"}
                }
            }),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let s = &a.body["session"];
    assert_eq!(s["status"], "COMPLETE");
    assert_eq!(s["external_id"], "order-77");
    assert_eq!(s["customer"]["email"], "anna@example.com");
    assert_eq!(
        s["result"]["shipping"]["location"]["address"]["city"],
        "Göteborg"
    );
    assert!(s["result"]["delivery_time"]["customer_delivery_promise"]["earliest"].is_string());
}

#[tokio::test]
async fn concurrent_updates_answer_one_success_and_one_conflict() {
    let (app, gate) = crate::common::race::spawn_gated_app().await;
    let created = create(&app).await;
    let id = session_id(&created);
    let mut one = update_request(&id);
    one["cart"]["cart_id"] = json!("cart-one");
    let mut two = update_request(&id);
    two["cart"]["cart_id"] = json!("cart-two");
    two["cart"]["items"][1]["quantity"] = json!(2);
    two["cart"]["total_value"] = json!(419700);

    gate.arm(2);
    let (a, b) = tokio::join!(app.post(UPDATE, &one), app.post(UPDATE, &two));
    let mut statuses = [a.status, b.status];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{} {}", a.body, b.body);
    let (winner, loser) = if a.status == 200 { (a, b) } else { (b, a) };
    assert_eq!(loser.body["error"]["status"], "ABORTED", "{}", loser.body);
    assert_eq!(loser.body["error"]["code"], 409);

    let stored = app.get(&get_path(&id)).await.body["session"].clone();
    assert_eq!(
        stored["cart"]["cart_id"],
        winner.body["session"]["cart"]["cart_id"]
    );
    assert_eq!(stored["cart"], winner.body["session"]["cart"]);
    assert_eq!(stored["updated_at"], winner.body["session"]["updated_at"]);
}

#[tokio::test]
async fn create_names_every_bad_field() {
    let app = spawn_app().await;
    let a = app.post(CREATE, &json!({})).await;
    assert_invalid(&a, &["purchase_country", "purchase_currency", "cart"]);

    let a = app
        .post(
            CREATE,
            &json!({
                "purchase_country": "XX",
                "purchase_currency": "KRONOR",
                "locales": ["sv-SE", "!!"],
                "search_address": {"postal_code": "11239", "coordinates": {"lat": 99.0, "lng": 18.0}},
                "customer": {"address": {"city": "Stockholm"}},
                "external_id": "x".repeat(300),
                "cart": {
                    "cart_id": "",
                    "total_value": -1,
                    "items": [{"sku": "", "quantity": 0, "price": -5}]
                }
            }),
        )
        .await;
    assert_invalid(
        &a,
        &[
            "purchase_country",
            "purchase_currency",
            "locales[1]",
            "search_address.coordinates.lat",
            "customer.address.country",
            "external_id",
            "cart.cart_id",
            "cart.total_value",
            "cart.items[0].sku",
            "cart.items[0].quantity",
            "cart.items[0].price",
        ],
    );

    let mut wrong_currency = create_request();
    wrong_currency["cart"]["currency"] = json!("EUR");
    wrong_currency["cart"]["items"] = json!([]);
    let a = app.post(CREATE, &wrong_currency).await;
    assert_invalid(&a, &["cart.currency", "cart.items"]);

    // A wrong JSON type names its path.
    let mut wrong_type = create_request();
    wrong_type["cart"]["items"][0]["quantity"] = json!("one");
    let a = app.post(CREATE, &wrong_type).await;
    assert_invalid(&a, &["cart.items[0].quantity"]);
    let mut missing = create_request();
    missing["cart"]
        .as_object_mut()
        .unwrap()
        .remove("total_value");
    let a = app.post(CREATE, &missing).await;
    assert_invalid(&a, &["cart.total_value"]);

    let a = answer(
        app.client
            .post(CREATE)
            .content_type("application/json")
            .body("{not json")
            .send()
            .await,
    )
    .await;
    assert_invalid(&a, &["body"]);
}

#[tokio::test]
async fn update_refuses_bad_input_and_unknown_sessions() {
    let app = spawn_app().await;
    let id = session_id(&create(&app).await);

    let a = app.post(UPDATE, &json!({})).await;
    assert_invalid(&a, &["id"]);
    let a = app.post(UPDATE, &json!({"id": "not-a-session"})).await;
    assert_invalid(&a, &["id"]);
    let unknown = uuid::Uuid::new_v4().to_string();
    let a = app.post(UPDATE, &update_request(&unknown)).await;
    assert_error(&a, 404, "NOT_FOUND");

    let mut bad_cart = update_request(&id);
    bad_cart["cart"]["currency"] = json!("NOK");
    bad_cart["cart"]["items"][1]["sku"] = json!(" ");
    let a = app.post(UPDATE, &bad_cart).await;
    assert_invalid(&a, &["cart.currency", "cart.items[1].sku"]);

    let a = app
        .post(
            UPDATE,
            &json!({"id": id, "customer_info": {"address": {"country": "ZZ"}}}),
        )
        .await;
    assert_invalid(&a, &["customer_info.address.country"]);

    for choice in [
        json!({"shipping_method": "no-such-method"}),
        json!({"shipping_method": "17", "shipping_category_ref": "pickup"}),
        json!({"shipping_method": "19", "location_ref": "nowhere"}),
    ] {
        let a = app
            .post(UPDATE, &json!({"id": id, "user_choice": choice}))
            .await;
        assert_invalid(&a, &["user_choice"]);
    }
    let a = app
        .post(
            UPDATE,
            &json!({"id": id, "user_choice": {"shipping_method": ""}}),
        )
        .await;
    assert_invalid(&a, &["user_choice.shipping_method"]);

    // Nothing of the refused updates was stored.
    let s = app.get(&get_path(&id)).await.body["session"].clone();
    assert_eq!(s["cart"]["total_value"], 129900);
    assert_eq!(s["result"]["selection"], "PRESELECTED_CHOICE");
    assert!(s.get("customer").is_none());
}

#[tokio::test]
async fn complete_requires_a_customer_with_an_address() {
    let app = spawn_app().await;
    let id = session_id(&create(&app).await);

    let a = app.post(COMPLETE, &json!({"id": id})).await;
    assert_invalid(&a, &["customer"]);
    let a = app
        .post(
            COMPLETE,
            &json!({"id": id, "customer": {"email": "erik@example.com"}}),
        )
        .await;
    assert_invalid(&a, &["customer.address"]);
    let a = app
        .post(
            COMPLETE,
            &json!({"id": id, "customer": {"address": {"postal_code": "11239"}}}),
        )
        .await;
    assert_invalid(&a, &["customer.address.country"]);
    let a = app.post(COMPLETE, &json!({})).await;
    assert_invalid(&a, &["id", "customer"]);
    let a = app
        .post(
            COMPLETE,
            &complete_request(&uuid::Uuid::new_v4().to_string()),
        )
        .await;
    assert_error(&a, 404, "NOT_FOUND");

    let s = app.get(&get_path(&id)).await.body["session"].clone();
    assert_eq!(s["status"], "ACTIVE", "refused completions change nothing");
}

#[tokio::test]
async fn get_refuses_bad_and_unknown_ids() {
    let app = spawn_app().await;
    let a = app.get("/v1/siw/session.get").await;
    assert_invalid(&a, &["id"]);
    let a = app.get(&get_path("nope")).await;
    assert_invalid(&a, &["id"]);
    let a = app.get(&get_path(&uuid::Uuid::new_v4().to_string())).await;
    assert_error(&a, 404, "NOT_FOUND");
}

#[tokio::test]
async fn every_method_needs_a_valid_credential() {
    let app = spawn_app().await;
    let created = create(&app).await;
    let id = session_id(&created);
    let token = created["session"]["token"].as_str().unwrap().to_owned();

    for credential in [None, Some("hck_test_demo_wrong"), Some("garbage")] {
        for (path, body) in [
            (CREATE, create_request()),
            (UPDATE, update_request(&id)),
            (COMPLETE, complete_request(&id)),
        ] {
            let a = answer(
                authorized(app.anon.post(path), credential)
                    .body_json(&body)
                    .send()
                    .await,
            )
            .await;
            assert_error(&a, 401, "UNAUTHENTICATED");
            // A bad body is not looked at before the caller is known.
            let a = answer(
                authorized(app.anon.post(path), credential)
                    .body_json(&json!({"cart": 1}))
                    .send()
                    .await,
            )
            .await;
            assert_error(&a, 401, "UNAUTHENTICATED");
        }
        let a = answer(
            authorized(app.anon.get(get_path(&id)), credential)
                .send()
                .await,
        )
        .await;
        assert_error(&a, 401, "UNAUTHENTICATED");
    }

    // The session token reads its own session, and nothing else.
    let bearer = format!("Bearer {token}");
    let a = answer(
        app.anon
            .get(get_path(&id))
            .header("authorization", &bearer)
            .send()
            .await,
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.body["session"]["id"], id.as_str());
    let other = session_id(&create(&app).await);
    let a = answer(
        app.anon
            .get(get_path(&other))
            .header("authorization", &bearer)
            .send()
            .await,
    )
    .await;
    assert_error(&a, 404, "NOT_FOUND");
    let a = answer(
        app.anon
            .post(UPDATE)
            .header("authorization", &bearer)
            .body_json(&update_request(&id))
            .send()
            .await,
    )
    .await;
    assert_error(&a, 403, "PERMISSION_DENIED");

    // The demo key is what the other tests send.
    let a = answer(
        app.anon
            .get(get_path(&id))
            .header("authorization", format!("Bearer {DEMO_API_KEY}"))
            .send()
            .await,
    )
    .await;
    assert_eq!(a.status, 200);
}

#[tokio::test]
async fn the_spec_lists_the_four_methods() {
    let app = spawn_app().await;
    let a = app.get("/openapi/siw.json").await;
    assert_eq!(a.status, 200);
    let paths = &a.body["paths"];
    for (path, method, id) in [
        ("/v1/siw/session.create", "post", "siwCreateSession"),
        ("/v1/siw/session.update", "post", "siwUpdateSession"),
        ("/v1/siw/session.complete", "post", "siwCompleteSession"),
        ("/v1/siw/session.get", "get", "siwGetSession"),
    ] {
        let op = &paths[path][method];
        assert_eq!(op["operationId"], id, "{path}");
        assert_eq!(op["tags"], json!(["SIW"]), "{path}");
        assert!(op["summary"].is_string(), "{path}");
        assert!(
            op["description"].as_str().is_some_and(|d| d.len() > 40),
            "{path}"
        );
        for code in ["400", "401", "404"] {
            assert!(op["responses"][code].is_object(), "{path} {code}");
        }
        if method == "post" && id != "siwCreateSession" {
            assert!(op["responses"]["409"].is_object(), "{path} 409");
        }
    }
    let schemas = &a.body["components"]["schemas"];
    assert_eq!(
        schemas["SiwSession"]["properties"]["shipping_price"]["type"],
        "integer"
    );
    assert_eq!(
        schemas["SiwSession"]["properties"]["shipping_price"]["format"],
        "int64"
    );
    assert!(schemas["SiwUpdateSessionRequest"]["properties"]["user_choice"].is_object());
    assert_eq!(
        schemas["SiwCreateSessionRequest"]["properties"]["locale"]["deprecated"],
        true
    );
    let required: Vec<&str> = schemas["SiwCreateSessionRequest"]["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for field in ["purchase_country", "purchase_currency", "cart"] {
        assert!(required.contains(&field), "{field} in {required:?}");
    }
}
