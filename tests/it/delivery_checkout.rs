//! The Delivery Checkout API over HTTP: the reference's request examples against the demo
//! merchant, split shipments, the full flow, reading across surfaces, the 409 race and bad input.

use crate::common::auth::call;
use crate::common::guide;
use crate::common::{demo_session, reason, spawn_app, violated_fields, Answer, TestApp};
use poem::http::Method;
use serde_json::{json, Value};

const CREATE: &str = "/v1/delivery_checkout/session.create";
const UPDATE: &str = "/v1/delivery_checkout/session.update";
const COMPLETE: &str = "/v1/delivery_checkout/session.complete";

fn get_path(id: &str) -> String {
    format!("/v1/delivery_checkout/session.get?checkout_session_id={id}")
}

fn pull_path(id: &str) -> String {
    format!("/v1/delivery_checkout/session.pull?checkout_session_id={id}")
}

/// The reference's session.create request: the guides' shoes.
fn reference_create() -> Value {
    guide::create_request()
}

/// The reference's session.update request, which spells the cart `carts`.
fn reference_update(id: &str) -> Value {
    json!({"checkout_session_id": id, "carts": guide::shoes_and_coat_cart()})
}

/// The reference's session.complete request.
fn reference_complete(id: &str) -> Value {
    json!({"checkout_session_id": id, "customer": guide::customer(), "external_id": "ORDER-1"})
}

/// A cart of the demo shop with the given items.
fn cart(items: Value) -> Value {
    json!({"cart_id": "cart-1", "total_value": 30000, "currency": "SEK", "items": items})
}

fn create_with(cart: Value) -> Value {
    json!({
        "purchase_country": "SE",
        "purchase_currency": "SEK",
        "locales": ["sv-SE"],
        "search_address": {"postal_code": "11239", "country": "SE"},
        "cart": cart
    })
}

async fn create(app: &TestApp, body: &Value) -> Value {
    let a = app.post(CREATE, body).await;
    assert_eq!(a.status, 200, "{}", a.body);
    a.body
}

/// The snippet shows the selector of session `id` (`VM2-<hex>`), which its script names by the
/// session's UUID, as the headless API it calls spells it.
fn assert_snippet_of(snippet: &str, id: &str) {
    let hex = id.strip_prefix("VM2-").expect("a VM2- id");
    let uuid = uuid::Uuid::parse_str(hex).expect("VM2- and a UUID");
    assert!(
        snippet.contains(&format!("data-session=\"{uuid}\"")),
        "{snippet}"
    );
}

fn session_id(created: &Value) -> String {
    created["session"]["checkout_session_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn is_checkout_session_id(text: &str) -> bool {
    text.strip_prefix("VM2-").is_some_and(|hex| {
        hex.len() == 32
            && hex
                .chars()
                .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
    })
}

fn groups(body: &Value) -> &Vec<Value> {
    body["session"]["delivery_groups"].as_array().unwrap()
}

fn skus(group: &Value) -> Vec<&str> {
    group["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["sku"].as_str().unwrap())
        .collect()
}

/// Checks the documented members of a delivery group with a located search address: present,
/// of the documented JSON type, nested as documented.
fn assert_group_shape(g: &Value) {
    assert!(g["id"].is_string(), "{g}");
    assert!(g["items"][0]["sku"].is_string());
    let shipping = &g["shipping"];
    for field in [
        "shipping_method",
        "delivery_type",
        "carrier",
        "product",
        "external_method_id",
        "carrier_product_id",
    ] {
        assert!(shipping[field].is_string(), "shipping.{field}: {g}");
    }
    assert!(["pickup", "delivery", "mailbox", "instore"]
        .contains(&shipping["delivery_type"].as_str().unwrap()));
    assert!(shipping["delivery_time"]["id"].is_string());
    assert!(shipping["delivery_time"]["start"].is_string());
    assert!(shipping["delivery_time"]["end"].is_string());
    assert!(shipping["supports"].is_object());
    assert!(shipping["warehouse"]["address"]["city"].is_string());
    assert!(shipping["warehouse"]["address"]["coordinates"]["lat"].is_f64());
    assert!(g["category"]["id"].is_string());
    assert!(g["category"]["name"].is_string());
    assert!(g["category"]["presented_category_name"].is_string());
    assert_eq!(g["pricing"]["currency"], "SEK");
    assert!(g["pricing"]["price"].is_i64(), "money is a JSON integer");
    assert!(g["pricing"]["price_components"][0]["value"].is_i64());
    assert_eq!(
        g["pricing"]["price_components"][0]["type"],
        "PRICE_COMPONENT_TYPE_SHIPPING"
    );
    assert!(["PRESELECTED_CHOICE", "USER_CHOICE"].contains(&g["selection"].as_str().unwrap()));
    for promise in [
        "pickup_from_merchant",
        "customer_delivery_promise",
        "carrier_delivery_promise",
    ] {
        for end in ["earliest", "latest"] {
            assert!(
                g["delivery_time"][promise][end].is_string(),
                "delivery_time.{promise}.{end}: {g}"
            );
        }
    }
    let search = &g["addresses"]["search_address"];
    assert_eq!(search["postal_code"], "11239");
    assert_eq!(search["country"], "SE");
    assert!(search["coordinates"]["lat"].is_f64());
    assert!(search["coordinates"]["lng"].is_f64());
}

fn assert_session_shape(body: &Value, status: &str) {
    let s = &body["session"];
    assert!(
        is_checkout_session_id(s["checkout_session_id"].as_str().unwrap()),
        "{s}"
    );
    assert_eq!(s["status"], status);
    assert!(s["updated_at"].as_str().unwrap().ends_with('Z'));
    assert!(s["cart"]["total_value"].is_i64());
    assert!(s["cart"]["items"][0]["sku"].is_string());
    assert!(!groups(body).is_empty());
    for g in groups(body) {
        assert_group_shape(g);
    }
}

// ---- the reference's examples ----

#[tokio::test]
async fn the_reference_create_example_answers_the_documented_shape() {
    let app = spawn_app().await;
    let body = create(&app, &reference_create()).await;
    assert_session_shape(&body, "ACTIVE");
    let s = &body["session"];
    assert_eq!(s["cart"]["cart_id"], "unique_id");
    assert_eq!(s["cart"]["total_value"], 129900);
    assert_eq!(s["cart"]["items"][0]["quantity"], 1);
    assert_eq!(s["cart"]["items"][0]["attributes"][2], "class_one");
    // One item, one site, one date: one group holding the item.
    assert_eq!(groups(&body).len(), 1);
    let g = &groups(&body)[0];
    assert_eq!(skus(g), ["SKU12345"]);
    assert_eq!(g["selection"], "PRESELECTED_CHOICE");
    // The preselected category is pickup, so the group has a pickup location with distances.
    assert_eq!(g["shipping"]["delivery_type"], "pickup");
    let location = &g["addresses"]["location"];
    assert!(location["external_id"].is_string());
    assert!(location["address"]["coordinates"]["lat"].is_f64());
    assert!(location["distance"]["walking"]["value"].is_i64());
    assert!(location["distance"]["driving"]["duration"].is_i64());
    assert!(g.get("tos_id").is_none());
    let id = session_id(&body);
    let token = body["token"].as_str().unwrap();
    assert!(token.starts_with("hcs_"));
    let snippet = body["html_snippet"].as_str().unwrap();
    assert_snippet_of(snippet, &id);
    assert!(snippet.contains(token), "{snippet}");
}

#[tokio::test]
async fn the_reference_update_example_replaces_the_cart_given_as_carts() {
    let app = spawn_app().await;
    let id = session_id(&create(&app, &reference_create()).await);
    let a = app.post(UPDATE, &reference_update(&id)).await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_session_shape(&a.body, "ACTIVE");
    assert!(a.body.get("token").is_none());
    assert_snippet_of(a.body["html_snippet"].as_str().unwrap(), &id);
    let s = &a.body["session"];
    assert_eq!(s["checkout_session_id"], id);
    assert_eq!(s["cart"]["total_value"], 274800);
    assert_eq!(s["cart"]["items"][1]["sku"], "SKU65432");
    assert_eq!(s["cart"]["items"][1]["price"], 144900);
    assert_eq!(skus(&groups(&a.body)[0]), ["SKU12345", "SKU65432"]);
    // What was not sent is kept.
    assert_eq!(
        groups(&a.body)[0]["addresses"]["search_address"]["postal_code"],
        "11239"
    );

    // `cart` wins over `carts` when both are sent.
    let mut both = reference_update(&id);
    both["cart"] = cart(json!([{"sku": "ONLY", "quantity": 1}]));
    let a = app.post(UPDATE, &both).await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(skus(&groups(&a.body)[0]), ["ONLY"]);
}

#[tokio::test]
async fn the_reference_complete_get_and_pull_examples_answer_the_documented_shape() {
    let app = spawn_app().await;
    let id = session_id(&create(&app, &reference_create()).await);

    let pulled = app.get(&pull_path(&id)).await;
    assert_eq!(pulled.status, 200, "{}", pulled.body);
    assert_session_shape(&pulled.body, "ACTIVE");
    assert_snippet_of(pulled.body["html_snippet"].as_str().unwrap(), &id);

    let a = app.post(COMPLETE, &reference_complete(&id)).await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_session_shape(&a.body, "COMPLETE");
    assert!(a.body.get("html_snippet").is_none());
    let g = &groups(&a.body)[0];
    let tos_id = g["tos_id"].as_str().unwrap();
    assert_eq!(tos_id.len(), 26, "a ULID: {tos_id}");
    assert_eq!(g["external_id"], "ORDER-1");
    assert_eq!(g["selection"], "PRESELECTED_CHOICE", "nobody chose");
    let customer = &g["addresses"]["customer"];
    assert_eq!(customer["name"], "Erik Johansson");
    assert_eq!(customer["address_lines"][0], "Industrigatan 5");
    assert_eq!(customer["country"], "SE");

    let got = app.get(&get_path(&id)).await;
    assert_eq!(got.status, 200, "{}", got.body);
    assert_session_shape(&got.body, "COMPLETE");
    assert_eq!(got.body["session"], a.body["session"]);
    assert_snippet_of(got.body["html_snippet"].as_str().unwrap(), &id);

    // The transport order is the one the headless surface shows.
    let order = app.get(&format!("/v1/transportOrders/{tos_id}")).await;
    assert_eq!(order.status, 200, "{}", order.body);
}

// ---- split shipments ----

#[tokio::test]
async fn items_from_two_sites_ship_as_two_groups_with_two_transport_orders() {
    let app = spawn_app().await;
    let body = create(
        &app,
        &create_with(cart(json!([
            {"sku": "CHAIR", "quantity": 2, "site_external_id": "gbg-west"},
            {"sku": "POT", "quantity": 1, "site_external_id": "sto-central"},
            {"sku": "TABLE", "quantity": 1, "site_external_id": "gbg-west"}
        ]))),
    )
    .await;
    assert_session_shape(&body, "ACTIVE");
    let g = groups(&body);
    assert_eq!(g.len(), 2);
    assert_eq!(skus(&g[0]), ["CHAIR", "TABLE"]);
    assert_eq!(skus(&g[1]), ["POT"]);
    assert_eq!(g[0]["items"][0]["site_external_id"], "gbg-west");
    assert_eq!(g[1]["items"][0]["site_external_id"], "sto-central");
    assert_ne!(g[0]["id"], g[1]["id"]);
    // Each site that is a warehouse of the merchant ships its own group.
    assert_eq!(g[0]["shipping"]["warehouse"]["address"]["city"], "Göteborg");
    assert_eq!(
        g[1]["shipping"]["warehouse"]["address"]["city"],
        "Stockholm"
    );

    // The headless surface sees one delivery per group.
    let id = session_id(&body);
    let uuid = id.trim_start_matches("VM2-");
    let headless = app.get(&format!("/v1/sessions/{uuid}")).await;
    assert_eq!(headless.status, 200, "{}", headless.body);
    let deliveries = headless.body["deliveries"].as_array().unwrap();
    assert_eq!(deliveries.len(), 2);
    assert_eq!(deliveries[0]["id"], g[0]["id"]);
    assert_eq!(deliveries[0]["line_items"][0]["sku"], "CHAIR");

    let done = app.post(COMPLETE, &reference_complete(&id)).await;
    assert_eq!(done.status, 200, "{}", done.body);
    let g = groups(&done.body);
    let first = g[0]["tos_id"].as_str().unwrap();
    let second = g[1]["tos_id"].as_str().unwrap();
    assert_ne!(first, second, "one transport order per group");
    for tos_id in [first, second] {
        let order = app.get(&format!("/v1/transportOrders/{tos_id}")).await;
        assert_eq!(order.status, 200, "{}", order.body);
    }
    assert_eq!(g[0]["external_id"], "ORDER-1");
    assert_eq!(g[1]["external_id"], "ORDER-1");
}

#[tokio::test]
async fn sites_that_are_not_warehouses_still_split_and_ship_from_the_category_warehouse() {
    let app = spawn_app().await;
    let body = create(
        &app,
        &create_with(cart(json!([
            {"sku": "keyboard-sku", "quantity": 1, "site_external_id": "STORE-1"},
            {"sku": "mouse-sku", "quantity": 1, "site_external_id": "STORE-2"}
        ]))),
    )
    .await;
    assert_session_shape(&body, "ACTIVE");
    let g = groups(&body);
    assert_eq!(g.len(), 2);
    assert_eq!(g[0]["items"][0]["site_external_id"], "STORE-1");
    assert_eq!(g[1]["items"][0]["site_external_id"], "STORE-2");
    for group in g {
        assert_eq!(
            group["shipping"]["warehouse"]["address"]["city"], "Stockholm",
            "the pickup category's own warehouse"
        );
    }
}

/// A pre-order's shipping date: a year from today, inside the two-year readiness horizon.
fn a_year_ahead() -> String {
    (time::OffsetDateTime::now_utc().date() + time::Duration::days(365)).to_string()
}

#[tokio::test]
async fn items_with_two_shipping_dates_ship_as_two_groups_the_later_one_later() {
    let app = spawn_app().await;
    let date = a_year_ahead();
    let body = create(
        &app,
        &create_with(cart(json!([
            {"sku": "IN-STOCK", "quantity": 1},
            {"sku": "PRE-ORDER", "quantity": 1, "shipping_date": date}
        ]))),
    )
    .await;
    let g = groups(&body);
    assert_eq!(g.len(), 2);
    assert_eq!(skus(&g[0]), ["IN-STOCK"]);
    assert_eq!(skus(&g[1]), ["PRE-ORDER"]);
    let pickup = |g: &Value| {
        g["delivery_time"]["pickup_from_merchant"]["earliest"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (now, later) = (pickup(&g[0]), pickup(&g[1]));
    assert!(now.as_str() < date.as_str(), "{now}");
    assert!(later.as_str() >= date.as_str(), "{later}");

    let id = session_id(&body);
    let done = app.post(COMPLETE, &reference_complete(&id)).await;
    assert_eq!(done.status, 200, "{}", done.body);
    let g = groups(&done.body);
    assert_ne!(g[0]["tos_id"], g[1]["tos_id"]);
}

#[tokio::test]
async fn a_cart_where_nothing_differs_is_one_group() {
    let app = spawn_app().await;
    // The same site everywhere, and an item date equal to the cart's date.
    let date = a_year_ahead();
    let mut items = cart(json!([
        {"sku": "A", "quantity": 1, "site_external_id": "sto-central"},
        {"sku": "B", "quantity": 3, "site_external_id": "sto-central", "shipping_date": date}
    ]));
    items["shipping_date"] = json!(date);
    let body = create(&app, &create_with(items)).await;
    let g = groups(&body);
    assert_eq!(g.len(), 1, "{}", body);
    assert_eq!(skus(&g[0]), ["A", "B"]);
    assert!(
        g[0]["delivery_time"]["pickup_from_merchant"]["earliest"]
            .as_str()
            .unwrap()
            >= date.as_str()
    );
}

// ---- the whole flow ----

#[tokio::test]
async fn create_locate_choose_complete_then_get_never_changes_it() {
    let app = spawn_app().await;
    // No search address yet: options are placeholders without promises.
    let mut request = create_with(cart(json!([{"sku": "POT", "quantity": 1}])));
    request.as_object_mut().unwrap().remove("search_address");
    let created = create(&app, &request).await;
    let id = session_id(&created);
    let g = &groups(&created)[0];
    assert!(g.get("delivery_time").is_none(), "{g}");
    assert!(g["addresses"].get("search_address").is_none());
    let group_id = g["id"].as_str().unwrap().to_owned();

    // A search address locates the options.
    let a = app
        .post(
            UPDATE,
            &json!({"checkout_session_id": id, "search_address": {"postal_code": "11239", "country": "SE"}}),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_session_shape(&a.body, "ACTIVE");
    assert_eq!(groups(&a.body)[0]["id"], group_id.as_str());

    // The customer picks evening home delivery for the group.
    let a = app
        .post(
            UPDATE,
            &json!({"checkout_session_id": id, "choices": [{
                "delivery_group_id": group_id,
                "shipping_method": "BUDBEE-EVENING",
                "shipping_category_ref": "home"
            }]}),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let g = &groups(&a.body)[0];
    assert_eq!(g["selection"], "USER_CHOICE");
    assert_eq!(g["category"]["id"], "home");
    assert_eq!(g["shipping"]["shipping_method"], "BUDBEE-EVENING");
    assert_eq!(g["shipping"]["delivery_type"], "delivery");
    assert_eq!(g["pricing"]["price"], 7900);
    assert!(g["addresses"].get("location").is_none());

    // A new cart with the same site and date keeps the group, and with it the choice.
    let a = app
        .post(
            UPDATE,
            &json!({"checkout_session_id": id, "cart": cart(json!([
                {"sku": "POT", "quantity": 2}, {"sku": "SOIL", "quantity": 1}
            ]))}),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let g = &groups(&a.body)[0];
    assert_eq!(g["id"], group_id.as_str());
    assert_eq!(g["selection"], "USER_CHOICE");
    assert_eq!(skus(g), ["POT", "SOIL"]);

    let done = app.post(COMPLETE, &reference_complete(&id)).await;
    assert_eq!(done.status, 200, "{}", done.body);
    let g = &groups(&done.body)[0];
    assert_eq!(done.body["session"]["status"], "COMPLETE");
    assert_eq!(g["selection"], "USER_CHOICE");
    assert_eq!(g["shipping"]["shipping_method"], "BUDBEE-EVENING");
    assert!(g["tos_id"].is_string());

    // Reading changes nothing.
    let first = app.get(&get_path(&id)).await;
    let second = app.get(&get_path(&id)).await;
    assert_eq!(first.status, 200);
    assert_eq!(
        first.body["session"]["updated_at"],
        done.body["session"]["updated_at"]
    );
    assert_eq!(first.body, second.body);

    // A completed session can no longer change; pulling it returns it as it is.
    let a = app
        .post(
            UPDATE,
            &json!({"checkout_session_id": id, "external_id": "x"}),
        )
        .await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(a.body["error"]["status"], "FAILED_PRECONDITION");
    assert_eq!(reason(&a.body), "SESSION_COMPLETED");
    let a = app.post(COMPLETE, &reference_complete(&id)).await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(reason(&a.body), "SESSION_COMPLETED");
    let pulled = app.get(&pull_path(&id)).await;
    assert_eq!(pulled.status, 200, "{}", pulled.body);
    assert_eq!(pulled.body, first.body);
}

#[tokio::test]
async fn pull_recomputes_an_active_session_and_get_shows_the_result() {
    let app = spawn_app().await;
    let created = create(&app, &reference_create()).await;
    let id = session_id(&created);
    let uuid = id.trim_start_matches("VM2-").to_owned();
    let before = app.get(&format!("/v1/sessions/{uuid}")).await;

    let got = app.get(&get_path(&id)).await;
    assert_eq!(
        got.body["session"], created["session"],
        "get does not write"
    );

    let pulled = app.get(&pull_path(&id)).await;
    assert_eq!(pulled.status, 200, "{}", pulled.body);
    // `updated_at` is in whole seconds and may not move; the stored version must.
    let after = app.get(&format!("/v1/sessions/{uuid}")).await;
    assert_ne!(
        before.body["etag"], after.body["etag"],
        "pull stored a new version"
    );
    assert!(after.body["update_time"].is_string());
    let got = app.get(&get_path(&id)).await;
    assert_eq!(got.body["session"], pulled.body["session"]);
}

#[tokio::test]
async fn completing_without_a_search_address_computes_options_for_the_customer() {
    let app = spawn_app().await;
    let mut request = create_with(cart(json!([{"sku": "POT", "quantity": 1}])));
    request.as_object_mut().unwrap().remove("search_address");
    let id = session_id(&create(&app, &request).await);
    let done = app.post(COMPLETE, &reference_complete(&id)).await;
    assert_eq!(done.status, 200, "{}", done.body);
    let g = &groups(&done.body)[0];
    // The customer's address located the options: there are promises now.
    assert!(
        g["delivery_time"]["customer_delivery_promise"]["earliest"].is_string(),
        "{g}"
    );
    assert!(g["addresses"].get("search_address").is_none());
    assert_eq!(g["addresses"]["customer"]["postal_code"], "11239");
}

// ---- across surfaces ----

#[tokio::test]
async fn sessions_are_the_same_across_the_headless_and_delivery_checkout_surfaces() {
    let app = spawn_app().await;
    // Created here, read through the headless API.
    let body = create(&app, &reference_create()).await;
    let id = session_id(&body);
    let uuid = id.trim_start_matches("VM2-");
    let headless = app.get(&format!("/v1/sessions/{uuid}")).await;
    assert_eq!(headless.status, 200, "{}", headless.body);
    let hyphenated = uuid::Uuid::parse_str(uuid).unwrap().to_string();
    assert_eq!(headless.body["name"], format!("sessions/{hyphenated}"));
    assert_eq!(headless.body["purchase"]["currency_code"], "SEK");
    assert_eq!(
        headless.body["deliveries"][0]["line_items"][0]["sku"],
        "SKU12345"
    );

    // Created through the headless API, read here.
    let (uuid, _, _) = app.create().await;
    let hex = uuid.replace('-', "");
    let a = app.get(&get_path(&format!("VM2-{hex}"))).await;
    assert_eq!(a.status, 200, "{}", a.body);
    let s = &a.body["session"];
    assert_eq!(s["checkout_session_id"], format!("VM2-{hex}"));
    assert_eq!(s["status"], "ACTIVE");
    assert_eq!(s["cart"]["total_value"], 45000);
    assert_eq!(s["cart"]["items"][0]["sku"], "POT-12");
    assert_eq!(s["cart"]["items"][0]["quantity"], 2);
    let g = groups(&a.body);
    assert_eq!(g.len(), 1);
    assert_eq!(g[0]["id"], "d1");
    assert_eq!(skus(&g[0]), ["POT-12"]);
    assert!(g[0]["pricing"]["price"].is_i64());

    // A headless session of two deliveries is two groups, each with its line items.
    let mut two = demo_session();
    let mut second = two["deliveries"][0].clone();
    second["id"] = json!("d2");
    second["line_items"][0]["sku"] = json!("SEED-3");
    two["deliveries"].as_array_mut().unwrap().push(second);
    let created = app.post("/v1/sessions", &two).await;
    assert_eq!(created.status, 200, "{}", created.body);
    let uuid = created.body["name"]
        .as_str()
        .unwrap()
        .trim_start_matches("sessions/")
        .replace('-', "");
    let a = app.get(&get_path(&format!("VM2-{uuid}"))).await;
    let g = groups(&a.body);
    assert_eq!(g.len(), 2);
    assert_eq!(skus(&g[0]), ["POT-12"]);
    assert_eq!(skus(&g[1]), ["SEED-3"]);
    assert_eq!(g[1]["id"], "d2");
}

// ---- concurrency ----

#[tokio::test]
async fn two_simultaneous_updates_one_wins_the_other_is_told_409() {
    let (app, gate) = crate::common::race::spawn_gated_app().await;
    let id = session_id(&create(&app, &reference_create()).await);
    let update = |sku: &str| json!({"checkout_session_id": id, "cart": cart(json!([{"sku": sku, "quantity": 1}]))});
    let (a_body, b_body) = (update("FROM-A"), update("FROM-B"));
    gate.arm(2);
    let (a, b) = tokio::join!(app.post(UPDATE, &a_body), app.post(UPDATE, &b_body));
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "{} {}", a.body, b.body);
    let (winner, loser): (&Answer, &Answer) = if a.status == 200 { (&a, &b) } else { (&b, &a) };
    assert_eq!(loser.body["error"]["status"], "ABORTED");
    assert_eq!(loser.body["error"]["code"], 409);
    let stored = app.get(&get_path(&id)).await;
    assert_eq!(
        stored.body["session"]["cart"],
        winner.body["session"]["cart"]
    );
    assert_eq!(
        skus(&groups(&stored.body)[0]),
        skus(&groups(&winner.body)[0])
    );
}

// ---- bad input ----

#[tokio::test]
async fn create_names_every_bad_field() {
    let app = spawn_app().await;
    let a = app.post(CREATE, &json!({})).await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(a.body["error"]["status"], "INVALID_ARGUMENT");
    let fields = violated_fields(&a.body);
    for f in ["purchase_country", "purchase_currency", "cart"] {
        assert!(fields.contains(&f.to_owned()), "{f}: {fields:?}");
    }

    let a = app
        .post(
            CREATE,
            &json!({
                "purchase_country": "XX", "purchase_currency": "SEK", "locales": ["no good"],
                "search_address": {"postal_code": "11239"},
                "cart": {"cart_id": "", "total_value": -1, "currency": "EUR", "items": [
                    {"sku": "A", "quantity": 0, "shipping_date": "soon"}
                ]},
                "customer": {"address": {"city": "Stockholm"}}
            }),
        )
        .await;
    assert_eq!(a.status, 400, "{}", a.body);
    let fields = violated_fields(&a.body);
    for f in [
        "purchase_country",
        "locales[0]",
        "search_address.country",
        "cart.cart_id",
        "cart.total_value",
        "cart.currency",
        "cart.items[0].quantity",
        "cart.items[0].shipping_date",
        "customer.address.country",
    ] {
        assert!(fields.contains(&f.to_owned()), "{f}: {fields:?}");
    }

    // A wrong JSON type is named by its path.
    let mut wrong = reference_create();
    wrong["cart"]["items"][0]["quantity"] = json!("one");
    let a = app.post(CREATE, &wrong).await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(violated_fields(&a.body), ["cart.items[0].quantity"]);
}

#[tokio::test]
async fn the_deprecated_locale_is_accepted_and_locales_win_over_it() {
    let app = spawn_app().await;
    let mut request = reference_create();
    request.as_object_mut().unwrap().remove("locales");
    request["locale"] = json!("sv-SE");
    let body = create(&app, &request).await;
    assert_eq!(groups(&body)[0]["category"]["name"], "Utlämningsställe");
    request["locales"] = json!(["en-GB"]);
    let body = create(&app, &request).await;
    assert_eq!(groups(&body)[0]["category"]["name"], "Pickup point");
}

#[tokio::test]
async fn update_names_bad_fields_and_refuses_choices_the_session_does_not_offer() {
    let app = spawn_app().await;
    let created = create(&app, &reference_create()).await;
    let id = session_id(&created);
    let group_id = groups(&created)[0]["id"].as_str().unwrap().to_owned();

    for (body, field) in [
        (json!({}), "checkout_session_id"),
        (
            json!({"checkout_session_id": "VM2-nothex"}),
            "checkout_session_id",
        ),
        (
            json!({"checkout_session_id": id, "cart": {"cart_id": "c", "total_value": 1, "items": []}}),
            "cart.items",
        ),
        (
            json!({"checkout_session_id": id, "carts": {"cart_id": "c", "total_value": 1, "items": []}}),
            "carts.items",
        ),
        (
            json!({"checkout_session_id": id, "search_address": {"country": "Sweden"}}),
            "search_address.country",
        ),
        (
            json!({"checkout_session_id": id, "choices": [{"delivery_group_id": group_id}]}),
            "choices[0].shipping_method",
        ),
        (
            json!({"checkout_session_id": id, "choices": [{"delivery_group_id": "dg-none", "shipping_method": "19"}]}),
            "choices[0].delivery_group_id",
        ),
        (
            json!({"checkout_session_id": id, "choices": [{"delivery_group_id": group_id, "shipping_method": "NO-SUCH"}]}),
            "choices[0]",
        ),
        (
            json!({"checkout_session_id": id, "choices": [{"delivery_group_id": group_id, "shipping_method": "19", "shipping_category_ref": "home"}]}),
            "choices[0]",
        ),
        (
            json!({"checkout_session_id": id, "choices": [{"delivery_group_id": group_id, "shipping_method": "19", "time_slot_ref": "stale"}]}),
            "choices[0].time_slot_ref",
        ),
    ] {
        let a = app.post(UPDATE, &body).await;
        assert_eq!(a.status, 400, "{body}: {}", a.body);
        assert_eq!(violated_fields(&a.body), [field], "{body}: {}", a.body);
    }
    // A refused update changed nothing.
    let got = app.get(&get_path(&id)).await;
    assert_eq!(got.body["session"], created["session"]);

    let unknown = format!("VM2-{}", uuid::Uuid::new_v4().simple());
    let a = app
        .post(UPDATE, &json!({"checkout_session_id": unknown}))
        .await;
    assert_eq!(a.status, 404, "{}", a.body);
    assert_eq!(a.body["error"]["status"], "NOT_FOUND");
}

#[tokio::test]
async fn complete_requires_a_customer_with_an_address_and_its_country() {
    let app = spawn_app().await;
    let id = session_id(&create(&app, &reference_create()).await);
    for (body, field) in [
        (json!({"checkout_session_id": id}), "customer"),
        (
            json!({"checkout_session_id": id, "customer": null}),
            "customer",
        ),
        (
            json!({"checkout_session_id": id, "customer": {"email": "a@example.com"}}),
            "customer.address",
        ),
        (
            json!({"checkout_session_id": id, "customer": {"address": {"city": "Stockholm"}}}),
            "customer.address.country",
        ),
        (
            json!({"checkout_session_id": "", "customer": reference_complete(&id)["customer"]}),
            "checkout_session_id",
        ),
    ] {
        let a = app.post(COMPLETE, &body).await;
        assert_eq!(a.status, 400, "{body}: {}", a.body);
        assert_eq!(violated_fields(&a.body), [field], "{body}: {}", a.body);
    }
    let got = app.get(&get_path(&id)).await;
    assert_eq!(got.body["session"]["status"], "ACTIVE");

    let unknown = format!("VM2-{}", uuid::Uuid::new_v4().simple());
    let a = app.post(COMPLETE, &reference_complete(&unknown)).await;
    assert_eq!(a.status, 404, "{}", a.body);
}

#[tokio::test]
async fn get_and_pull_name_a_bad_id_and_answer_404_for_an_unknown_one() {
    let app = spawn_app().await;
    let unknown = format!("VM2-{}", uuid::Uuid::new_v4().simple());
    for path in [
        "/v1/delivery_checkout/session.get".to_owned(),
        "/v1/delivery_checkout/session.pull".to_owned(),
        get_path("VM2-123"),
        pull_path("VM2-123"),
        get_path(""),
    ] {
        let a = app.get(&path).await;
        assert_eq!(a.status, 400, "{path}: {}", a.body);
        assert_eq!(violated_fields(&a.body), ["checkout_session_id"], "{path}");
    }
    for path in [get_path(&unknown), pull_path(&unknown)] {
        let a = app.get(&path).await;
        assert_eq!(a.status, 404, "{path}: {}", a.body);
        assert_eq!(reason(&a.body), "SESSION_NOT_FOUND");
    }
}

#[tokio::test]
async fn every_method_needs_a_credential_and_a_session_token_only_reads() {
    let app = spawn_app().await;
    let created = create(&app, &reference_create()).await;
    let id = session_id(&created);
    let token = created["token"].as_str().unwrap().to_owned();
    let methods = [
        (Method::POST, CREATE.to_owned(), Some(reference_create())),
        (
            Method::POST,
            UPDATE.to_owned(),
            Some(json!({"checkout_session_id": id})),
        ),
        (
            Method::POST,
            COMPLETE.to_owned(),
            Some(reference_complete(&id)),
        ),
        (Method::GET, get_path(&id), None),
        (Method::GET, pull_path(&id), None),
    ];
    for (method, path, body) in &methods {
        let a = call(&app, method.clone(), path, body.clone(), None).await;
        assert_eq!(a.status, 401, "{method} {path}: {}", a.body);
        assert_eq!(a.body["error"]["status"], "UNAUTHENTICATED");
        let a = call(
            &app,
            method.clone(),
            path,
            body.clone(),
            Some("hck_x_wrong"),
        )
        .await;
        assert_eq!(a.status, 401, "{method} {path}: {}", a.body);
    }
    // The session token reads its own session and nothing else; it cannot write.
    let a = call(&app, Method::GET, &get_path(&id), None, Some(&token)).await;
    assert_eq!(a.status, 200, "{}", a.body);
    let other = session_id(&create(&app, &reference_create()).await);
    let a = call(&app, Method::GET, &get_path(&other), None, Some(&token)).await;
    assert_eq!(a.status, 404, "{}", a.body);
    for (method, path, body) in &methods {
        if path.starts_with("/v1/delivery_checkout/session.get") {
            continue;
        }
        let a = call(&app, method.clone(), path, body.clone(), Some(&token)).await;
        assert_eq!(a.status, 403, "{method} {path}: {}", a.body);
    }
    let got = app.get(&get_path(&id)).await;
    assert_eq!(got.body["session"], created["session"]);
}
