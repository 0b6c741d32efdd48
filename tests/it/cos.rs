//! The COS surface (`/v1/cos/`): the reference's requests replayed against the demo merchant,
//! the whole life cycle including search, re-opening and amending orders, sessions shared with
//! the other surfaces, the 409 race and bad input on every endpoint.

use crate::common::guide::{self, is_rfc3339};
use crate::common::race::spawn_gated_app;
use crate::common::{reason, spawn_app, violated_fields, TestApp};
use serde_json::{json, Value};

/// The guides' create request, with or without its search address.
fn create_body(search_address: Option<Value>) -> Value {
    let mut body = guide::create_request();
    match search_address {
        Some(a) => body["search_address"] = a,
        None => {
            body.as_object_mut().unwrap().remove("search_address");
        }
    }
    body
}

fn customer() -> Value {
    guide::customer()
}

async fn create(app: &TestApp, search_address: Option<Value>) -> Value {
    let a = app
        .post("/v1/cos/session.create", &create_body(search_address))
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    a.body["session"].clone()
}

#[tokio::test]
async fn without_a_search_address_choices_come_from_the_categories() {
    let app = spawn_app().await;
    let s = create(&app, None).await;
    assert!(uuid::Uuid::parse_str(s["id"].as_str().unwrap()).is_ok());
    assert!(s["token"].as_str().unwrap().starts_with("hcs_"));
    assert_eq!(s["status"], "ACTIVE");
    assert_eq!(s["purchase_country"], "SE");
    assert_eq!(s["purchase_currency"], "SEK");
    assert_eq!(s["locale"], "sv-SE");
    assert_eq!(s["cart"]["cart_id"], "unique_id");
    assert_eq!(s["cart"]["total_value"], 129900);
    assert_eq!(s["cart"]["items"][0]["sku"], "SKU12345");
    assert_eq!(s["cart"]["items"][0]["attributes"][2], "class_one");
    assert!(is_rfc3339(&s["updated_at"]));
    assert_eq!(s["shipping_options"], json!([]));
    let categories = s["shipping_categories"].as_array().unwrap();
    assert!(categories.len() >= 4);
    for c in categories {
        assert!(c["id"].is_string() && c["name"].is_string());
        assert!(c["sort_order"].is_i64());
        assert!(c["preselected"].is_boolean());
        assert!(c["requirements"]["address"].is_boolean());
        assert!(["pickup", "delivery", "mailbox", "instore"]
            .contains(&c["delivery_type"].as_str().unwrap()));
        assert_eq!(c["currency"], "SEK");
        assert!(c["prices"].as_object().unwrap().values().all(Value::is_i64));
        assert!(!c["shipping_methods"].as_array().unwrap().is_empty());
    }
    // One choice per category, each naming its category and no location.
    let choices = s["choices"].as_array().unwrap();
    assert_eq!(choices.len(), categories.len());
    for (choice, category) in choices.iter().zip(categories) {
        assert_eq!(choice["shipping_category_ref"], category["id"]);
        assert!(choice["shipping_method"].is_string());
        assert!(choice.get("location_ref").is_none());
    }
    // The preselected category gives the preselected choice and the result.
    let preselected = categories
        .iter()
        .find(|c| c["preselected"] == true)
        .unwrap();
    assert_eq!(
        s["preselected_choice"]["shipping_category_ref"],
        preselected["id"]
    );
    assert!(s.get("user_choice").is_none());
    assert_eq!(s["result"]["category"]["id"], preselected["id"]);
    assert!(s["result"]["pricing"]["price"].is_i64());
    assert_eq!(s["result"]["pricing"]["currency"], "SEK");
    assert_eq!(
        s["result"]["shipping"]["shipping_method"],
        s["preselected_choice"]["shipping_method"]
    );
}

#[tokio::test]
async fn a_postal_code_gives_real_options_and_a_street_gives_distances() {
    let app = spawn_app().await;
    let s = create(&app, Some(json!({"country": "SE", "postal_code": "11239"}))).await;
    let options = s["shipping_options"].as_array().unwrap();
    assert!(!options.is_empty());
    let pickup = options
        .iter()
        .find(|o| o["delivery_type"] == "pickup")
        .expect("a pickup option");
    for field in [
        "shipping_method",
        "carrier",
        "product",
        "external_method_id",
    ] {
        assert!(pickup[field].is_string(), "{field}");
    }
    assert!(pickup["price"].is_i64());
    let location = &pickup["locations"][0];
    assert!(location["external_id"].is_string());
    assert!(location["address"]["address_lines"][0].is_string());
    assert!(location["address"]["coordinates"]["lat"].is_f64());
    assert!(
        location.get("distance").is_none(),
        "no distance from a postal code alone"
    );
    assert!(is_rfc3339(&pickup["time_slots"][0]["start"]));
    assert!(is_rfc3339(&pickup["time_slots"][0]["expires"]));
    assert!(pickup["time_slots"][0]["id"].is_string());
    let leg = &pickup["routes"][0]["shipping_legs"][0];
    assert_eq!(leg["from"]["location_type"], "WAREHOUSE");
    assert_eq!(leg["to"]["location_type"], "STORE");
    assert_eq!(
        pickup["shipping_cost"]["total_cost"]["amount"],
        pickup["price"]
    );
    // Choices are now per option and location.
    let choices = s["choices"].as_array().unwrap();
    assert!(choices.len() > s["shipping_categories"].as_array().unwrap().len());
    assert!(choices.iter().any(|c| c["location_ref"].is_string()));
    assert!(s["search_address"]["coordinates"]["lat"].is_f64());
    assert!(is_rfc3339(&s["expires_at"]));

    let s = create(
        &app,
        Some(json!({
            "country": "SE", "postal_code": "11733",
            "address_lines": ["Mälarvarvsbacken 10"]
        })),
    )
    .await;
    let pickup = s["shipping_options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["delivery_type"] == "pickup")
        .unwrap()
        .clone();
    let distance = &pickup["locations"][0]["distance"];
    assert!(distance["walking"]["value"].as_i64().unwrap() > 0);
    assert!(distance["walking"]["duration"].is_i64());
    assert!(distance["driving"]["value"].is_i64());
}

#[tokio::test]
async fn the_life_cycle_from_create_to_get() {
    let app = spawn_app().await;
    let s = create(&app, None).await;
    let id = s["id"].as_str().unwrap().to_owned();

    // A new search address: fresh options and choices.
    let a = app
        .post(
            "/v1/cos/session.update",
            &json!({
                "id": id,
                "search_address": {
                    "country": "SE", "postal_code": "11733",
                    "address_lines": ["Mälarvarvsbacken 10"]
                }
            }),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let s = a.body["session"].clone();
    assert_eq!(s["cart"]["cart_id"], "unique_id", "the cart is kept");
    let choices = s["choices"].as_array().unwrap().clone();
    let pick = choices
        .iter()
        .filter(|c| c["location_ref"].is_string())
        .nth(1)
        .expect("a second pickup choice")
        .clone();

    // A choice that is not offered is refused and changes nothing.
    let a = app
        .post(
            "/v1/cos/session.update",
            &json!({"id": id, "user_choice": {"shipping_method": "no-such-method"}}),
        )
        .await;
    assert_eq!(a.status, 400);
    assert_eq!(violated_fields(&a.body), ["user_choice"]);
    let unchanged = app.get(&format!("/v1/cos/session.get?id={id}")).await;
    assert_eq!(unchanged.body["session"]["updated_at"], s["updated_at"]);

    // The customer's choice drives the result.
    let a = app
        .post(
            "/v1/cos/session.update",
            &json!({
                "id": id,
                "user_choice": pick,
                "additional_info": {"door_code": "1234", "courier_instructions": "Ring twice"}
            }),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let s = a.body["session"].clone();
    assert_eq!(s["user_choice"], pick);
    assert_eq!(
        s["result"]["shipping"]["shipping_method"],
        pick["shipping_method"]
    );
    assert_eq!(
        s["result"]["shipping"]["location"]["external_id"],
        pick["location_ref"]
    );
    assert_eq!(s["result"]["category"]["id"], pick["shipping_category_ref"]);
    assert_eq!(s["additional_information"]["door_code"], "1234");
    // The result as the COS guide shows it.
    let shipping = &s["result"]["shipping"];
    assert_eq!(shipping["delivery_type"], "pickup");
    for field in ["carrier", "product", "external_method_id"] {
        assert!(shipping[field].is_string(), "{field}");
    }
    let location = &shipping["location"];
    assert!(location["name"].is_string());
    assert_eq!(location["address"]["country"], "SE");
    assert!(location["address"]["coordinates"]["lng"].is_f64());
    assert!(location["distance"]["walking"]["value"].is_i64());
    assert!(location["distance"]["driving"]["duration"].is_i64());
    assert!(location["operational_hours"]["mon"].is_string());
    assert_eq!(shipping["delivery_time"]["id"], pick["time_slot_ref"]);
    for field in ["expires", "start", "end"] {
        assert!(is_rfc3339(&shipping["delivery_time"][field]), "{field}");
    }
    // Days are the warehouse's days: the window opens at local midnight in Stockholm.
    let start = shipping["delivery_time"]["start"].as_str().unwrap();
    assert!(
        start.ends_with("T00:00:00+01:00") || start.ends_with("T00:00:00+02:00"),
        "{start}"
    );
    assert!(shipping["supports"].is_object());
    assert!(s["result"]["category"]["name"].is_string());
    assert!(s["result"]["pricing"]["price"].is_i64());

    // Completing needs the customer.
    let a = app
        .post("/v1/cos/session.complete", &json!({"id": id}))
        .await;
    assert_eq!(a.status, 400);
    assert_eq!(violated_fields(&a.body), ["customer"]);
    let a = app
        .post(
            "/v1/cos/session.complete",
            &json!({"id": id, "customer": customer(), "external_id": "ORDER-1"}),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let done = a.body["session"].clone();
    assert_eq!(done["status"], "COMPLETE");
    assert_eq!(done["external_id"], "ORDER-1");
    assert_eq!(done["customer"]["address"]["name"], "Erik Johansson");
    assert_eq!(
        done["result"]["shipping"]["location"]["external_id"],
        pick["location_ref"]
    );
    let tos_id = done["tos_id"].as_str().unwrap();
    assert_eq!(tos_id.len(), 26);

    // Frozen: a later write is refused.
    let a = app
        .post(
            "/v1/cos/session.update",
            &json!({"id": id, "external_id": "changed"}),
        )
        .await;
    assert_eq!(a.status, 400);
    assert_eq!(a.body["error"]["status"], "FAILED_PRECONDITION");
    let got = app.get(&format!("/v1/cos/session.get?id={id}")).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.body["session"], done);

    // The transport order is the headless one.
    let order = app.get(&format!("/v1/transportOrders/{tos_id}")).await;
    assert_eq!(order.status, 200, "{}", order.body);
}

#[tokio::test]
async fn search_and_add_a_location_then_choose_it() {
    let app = spawn_app().await;
    let s = create(
        &app,
        Some(json!({"country": "SE", "postal_code": "11239", "address_lines": ["Sankt Eriksgatan 41"]})),
    )
    .await;
    let id = s["id"].as_str().unwrap();
    let offered: Vec<String> = s["shipping_options"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|o| o["locations"].as_array().cloned().unwrap_or_default())
        .map(|l| l["external_id"].as_str().unwrap().to_owned())
        .collect();
    let found = app
        .get(&format!("/v1/cos/location.search?id={id}&limit=100"))
        .await;
    assert_eq!(found.status, 200, "{}", found.body);
    let locations = found.body["locations"].as_array().unwrap();
    assert!(!locations.is_empty());
    for l in locations {
        assert!(l["external_id"].is_string() && l["name"].is_string());
        assert!(l["shipping_method"].is_string());
        assert_eq!(l["address"]["country"], "SE");
    }
    let far = locations
        .iter()
        .rev()
        .find(|l| !offered.contains(&l["external_id"].as_str().unwrap().to_owned()))
        .expect("a location the nearest search did not offer")
        .clone();
    let a = app
        .post(
            "/v1/cos/session.addLocation",
            &json!({
                "id": id,
                "shipping_method": far["shipping_method"],
                "location_ref": far["external_id"]
            }),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let s = a.body["session"].clone();
    assert_eq!(
        s["custom_shipping_locations"][0]["location_ref"],
        far["external_id"]
    );
    assert!(is_rfc3339(&s["custom_shipping_locations"][0]["added_at"]));
    let choice = s["choices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["location_ref"] == far["external_id"])
        .expect("the added location is a choice")
        .clone();
    let a = app
        .post(
            "/v1/cos/session.update",
            &json!({"id": id, "user_choice": choice}),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(
        a.body["session"]["result"]["shipping"]["location"]["external_id"],
        far["external_id"]
    );

    // Text search and a location that does not exist.
    let by_text = app
        .get("/v1/cos/location.search?query=stockholm&country=SE&postal_code=11239&limit=5")
        .await;
    assert_eq!(by_text.status, 200);
    assert!(by_text.body["locations"].as_array().unwrap().len() <= 5);
    let a = app
        .post(
            "/v1/cos/session.addLocation",
            &json!({"id": id, "shipping_method": far["shipping_method"], "location_ref": "nowhere"}),
        )
        .await;
    assert_eq!(a.status, 400);
    assert_eq!(violated_fields(&a.body), ["location_ref"]);
}

#[tokio::test]
async fn orders_are_promoted_reopened_and_amended() {
    let app = spawn_app().await;
    let s = create(&app, Some(json!({"country": "SE", "postal_code": "11239"}))).await;
    let id = s["id"].as_str().unwrap();
    let a = app
        .post(
            "/v1/cos/session.completeAndPromote",
            &json!({"id": id, "customer": customer(), "warehouse_id": "sto-central"}),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let tos_id = a.body["tos_id"].as_str().unwrap().to_owned();
    assert_eq!(a.body["session"]["tos_id"], tos_id);
    assert_eq!(a.body["session"]["status"], "COMPLETE");

    // Re-open the order in a new session.
    let a = app
        .post(
            "/v1/cos/session.createFromOrder",
            &json!({"tos_id": tos_id, "locales": ["en-SE"], "external_id": "ORDER-2"}),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let reopened = a.body["session"].clone();
    let new_id = reopened["id"].as_str().unwrap().to_owned();
    assert_ne!(new_id, id);
    assert_eq!(reopened["status"], "ACTIVE");
    assert_eq!(reopened["tos_id"], tos_id);
    assert_eq!(reopened["locale"], "en-SE");
    assert_eq!(reopened["external_id"], "ORDER-2");
    assert_eq!(reopened["cart"]["items"][0]["sku"], "SKU12345");
    assert!(
        reopened["user_choice"].is_object(),
        "the ordered option is chosen"
    );

    // Only a re-opened session amends, and only its own order.
    let plain = create(&app, None).await;
    let a = app
        .post(
            "/v1/cos/session.completeAndUpdateOrder",
            &json!({"id": plain["id"], "customer": customer()}),
        )
        .await;
    assert_eq!(a.status, 400);
    assert_eq!(reason(&a.body), "NOT_FROM_ORDER");
    let a = app
        .post(
            "/v1/cos/session.completeAndUpdateOrder",
            &json!({"id": new_id, "tos_id": "01ARZ3NDEKTSV4RRFFQ69G5FAV", "customer": customer()}),
        )
        .await;
    assert_eq!(a.status, 400);
    assert_eq!(violated_fields(&a.body), ["tos_id"]);

    let other = reopened["choices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| **c != reopened["user_choice"])
        .unwrap()
        .clone();
    let a = app
        .post(
            "/v1/cos/session.update",
            &json!({"id": new_id, "user_choice": other}),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let a = app
        .post(
            "/v1/cos/session.completeAndUpdateOrder",
            &json!({"id": new_id, "tos_id": tos_id, "customer": customer()}),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.body["session"]["status"], "COMPLETE");
    assert_eq!(a.body["session"]["tos_id"], tos_id);
    let order = app.get(&format!("/v1/transportOrders/{tos_id}")).await;
    assert_eq!(order.status, 200);
    assert_eq!(order.body["state"], "AMENDED", "{}", order.body);
    assert_eq!(
        order.body["delivery_option"]["carrier"]["product_id"], other["shipping_method"],
        "{}",
        order.body
    );
}

#[tokio::test]
async fn one_session_is_read_on_every_surface() {
    let app = spawn_app().await;
    let s = create(&app, Some(json!({"country": "SE", "postal_code": "11239"}))).await;
    let id = s["id"].as_str().unwrap();
    let headless = app.get(&format!("/v1/sessions/{id}")).await;
    assert_eq!(headless.status, 200, "{}", headless.body);
    assert_eq!(
        headless.body["deliveries"][0]["line_items"][0]["sku"],
        "SKU12345"
    );
    assert_eq!(headless.body["search_address"]["postal_code"], "11239");

    let (hid, _, _) = app.create().await;
    let cos = app.get(&format!("/v1/cos/session.get?id={hid}")).await;
    assert_eq!(cos.status, 200, "{}", cos.body);
    let s = &cos.body["session"];
    assert_eq!(s["id"], hid);
    assert_eq!(s["cart"]["items"][0]["sku"], "POT-12");
    assert_eq!(s["cart"]["items"][0]["quantity"], 2);
    assert_eq!(s["cart"]["total_value"], 45000);
    assert!(!s["shipping_options"].as_array().unwrap().is_empty());
    assert!(s["result"]["shipping"]["shipping_method"].is_string());
}

#[tokio::test]
async fn two_concurrent_updates_one_wins_one_gets_409() {
    let (app, gate) = spawn_gated_app().await;
    let s = create(&app, None).await;
    let id = s["id"].as_str().unwrap();
    let update = |sku: &str| {
        let mut cart = create_body(None)["cart"].clone();
        cart["items"][0]["sku"] = json!(sku);
        json!({"id": id, "cart": cart})
    };
    let (first, second) = (update("FIRST"), update("SECOND"));
    gate.arm(2);
    let (a, b) = tokio::join!(
        app.post("/v1/cos/session.update", &first),
        app.post("/v1/cos/session.update", &second),
    );
    let mut statuses = [a.status, b.status];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{} / {}", a.body, b.body);
    let (winner, loser) = if a.status == 200 { (a, b) } else { (b, a) };
    assert_eq!(loser.body["error"]["status"], "ABORTED");
    assert_eq!(loser.body["error"]["code"], 409);
    let now = app.get(&format!("/v1/cos/session.get?id={id}")).await;
    assert_eq!(
        now.body["session"]["cart"]["items"][0]["sku"],
        winner.body["session"]["cart"]["items"][0]["sku"]
    );
}

#[tokio::test]
async fn bad_input_is_refused_on_every_endpoint() {
    let app = spawn_app().await;
    let s = create(&app, None).await;
    let id = s["id"].as_str().unwrap();
    let missing = uuid::Uuid::new_v4().to_string();

    let mut body = create_body(None);
    body["purchase_country"] = json!("XX");
    body["purchase_currency"] = json!("");
    body["cart"]["items"][0]["quantity"] = json!(0);
    body["cart"]["items"][0]["sku"] = json!("");
    let a = app.post("/v1/cos/session.create", &body).await;
    assert_eq!(a.status, 400);
    let mut fields = violated_fields(&a.body);
    fields.sort();
    assert_eq!(
        fields,
        [
            "cart.items[0].quantity",
            "cart.items[0].sku",
            "purchase_country",
            "purchase_currency"
        ]
    );
    let a = app
        .post(
            "/v1/cos/session.create",
            &json!({"purchase_country": "SE", "cart": {"total_value": "x"}}),
        )
        .await;
    assert_eq!(a.status, 400);
    assert_eq!(violated_fields(&a.body), ["cart.total_value"]);

    let cases: Vec<(&str, Value, &str)> = vec![
        ("/v1/cos/session.update", json!({}), "id"),
        ("/v1/cos/session.update", json!({"id": "not-a-uuid"}), "id"),
        (
            "/v1/cos/session.update",
            json!({"id": id, "search_address": {"postal_code": "11239"}}),
            "search_address.country",
        ),
        ("/v1/cos/session.complete", json!({"id": id}), "customer"),
        (
            "/v1/cos/session.complete",
            json!({"id": id, "customer": {"email": "a@b.se"}}),
            "customer.address",
        ),
        (
            "/v1/cos/session.completeAndPromote",
            json!({"id": id, "customer_info": {"address": {"name": "X"}}}),
            "customer_info.address.country",
        ),
        (
            "/v1/cos/session.completeAndUpdateOrder",
            json!({"customer": customer()}),
            "id",
        ),
        ("/v1/cos/session.createFromOrder", json!({}), "tos_id"),
        (
            "/v1/cos/session.update",
            json!({"id": id, "external_id": "x".repeat(257)}),
            "external_id",
        ),
        (
            "/v1/cos/session.complete",
            json!({"id": id, "customer": customer(), "external_id": "x".repeat(257)}),
            "external_id",
        ),
        (
            "/v1/cos/session.addLocation",
            json!({"id": id}),
            "location_ref",
        ),
    ];
    for (path, body, field) in cases {
        let a = app.post(path, &body).await;
        assert_eq!(a.status, 400, "{path} {body}: {}", a.body);
        assert!(
            violated_fields(&a.body).contains(&field.to_owned()),
            "{path}: {:?}",
            violated_fields(&a.body)
        );
    }
    for (path, body) in [
        ("/v1/cos/session.update", json!({"id": missing})),
        (
            "/v1/cos/session.complete",
            json!({"id": missing, "customer": customer()}),
        ),
        (
            "/v1/cos/session.addLocation",
            json!({"id": missing, "shipping_method": "pnl-mpc", "location_ref": "x"}),
        ),
        (
            "/v1/cos/session.createFromOrder",
            json!({"tos_id": "01ARZ3NDEKTSV4RRFFQ69G5FAV"}),
        ),
    ] {
        let a = app.post(path, &body).await;
        assert_eq!(a.status, 404, "{path}: {}", a.body);
        assert_eq!(a.body["error"]["status"], "NOT_FOUND");
    }
    let a = app.get(&format!("/v1/cos/session.get?id={missing}")).await;
    assert_eq!(a.status, 404);
    let a = app.get("/v1/cos/session.get").await;
    assert_eq!(a.status, 400);
    assert_eq!(violated_fields(&a.body), ["id"]);
    let a = app.get("/v1/cos/location.search?limit=0").await;
    assert_eq!(violated_fields(&a.body), ["limit"]);
    let a = app.get("/v1/cos/location.search?country=ZZ").await;
    assert_eq!(violated_fields(&a.body), ["country"]);

    // Without a credential, every endpoint answers 401.
    for path in [
        "/v1/cos/session.create",
        "/v1/cos/session.update",
        "/v1/cos/session.complete",
        "/v1/cos/session.completeAndPromote",
        "/v1/cos/session.createFromOrder",
        "/v1/cos/session.completeAndUpdateOrder",
        "/v1/cos/session.addLocation",
    ] {
        let r = app
            .anon
            .post(path)
            .body_json(&create_body(None))
            .send()
            .await;
        r.assert_status(poem::http::StatusCode::UNAUTHORIZED);
    }
    for path in [
        format!("/v1/cos/session.get?id={id}"),
        "/v1/cos/location.search".to_owned(),
    ] {
        let r = app.anon.get(&path).send().await;
        r.assert_status(poem::http::StatusCode::UNAUTHORIZED);
    }
}
