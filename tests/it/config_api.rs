//! The delivery configuration resource over HTTP: read, conditional update into revisions,
//! every problem named, preview without side effects, rollback, the revision a session was
//! quoted with, who may touch it, and a change reaching a second replica on the same database.

use std::time::Duration;

use serde_json::{json, Value};

use crate::common::{
    core_on, demo_session, reason, shared_database, spawn_app, spawn_app_on, two_merchants,
    violated_fields, TestApp,
};

const CONFIG: &str = "/v1/merchants/demo/deliveryConfig";
const REVISIONS: &str = "/v1/merchants/demo/deliveryConfig/revisions";

/// The SEK price of the demo's pickup category (the first), as a session offers it.
fn pickup_price(session: &Value) -> i64 {
    session["deliveries"][0]["delivery_categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "pickup")
        .and_then(|c| c["delivery_options"][0]["price"].as_str())
        .expect("a pickup option")
        .parse()
        .unwrap()
}

/// The current `categories` with the pickup category's SEK price set to `price`.
fn categories_with_pickup_price(config: &Value, price: i64) -> Value {
    let mut categories = config["config"]["categories"].clone();
    for c in categories.as_array_mut().unwrap() {
        if c["id"] == "pickup" {
            c["price"]["SEK"] = json!(price);
        }
    }
    categories
}

async fn set_pickup_price(app: &TestApp, price: i64) -> Value {
    let current = app.get(CONFIG).await;
    let a = app
        .patch(
            &format!("{CONFIG}?update_mask=config.categories"),
            &json!({
                "config": {"categories": categories_with_pickup_price(&current.body, price)},
                "etag": current.body["etag"],
            }),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    a.body
}

#[tokio::test]
async fn the_file_seeds_revision_one_without_its_pickup_locations() {
    let app = spawn_app().await;
    let a = app.get(CONFIG).await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.body["name"], "merchants/demo/deliveryConfig");
    assert_eq!(a.body["revision"], "1");
    assert_eq!(a.body["author"], "file");
    assert_eq!(a.body["config"]["id"], "demo");
    assert!(a.body["config"].get("pickup_locations").is_none());
    assert_eq!(
        a.etag_header.as_deref(),
        Some(format!("\"{}\"", a.body["etag"].as_str().unwrap()).as_str())
    );
    let again = app
        .client
        .get(CONFIG)
        .header("if-none-match", a.etag_header.unwrap())
        .send()
        .await;
    assert_eq!(again.0.status().as_u16(), 304);
}

#[tokio::test]
async fn a_price_change_is_a_new_revision_that_new_quotes_use_and_refresh_picks_up() {
    let app = spawn_app().await;
    let (old_id, _, old) = app.create().await;
    assert_eq!(old["config_revision"], "1");
    assert_eq!(pickup_price(&old), 4900);

    let updated = set_pickup_price(&app, 3900).await;
    assert_eq!(updated["revision"], "2");
    assert_eq!(updated["author"], "apiKeys/demo");

    let (_, _, new) = app.create().await;
    assert_eq!(new["config_revision"], "2");
    assert_eq!(pickup_price(&new), 3900);

    // The earlier session keeps what it was quoted with until it is refreshed.
    let kept = app.get(&format!("/v1/sessions/{old_id}")).await;
    assert_eq!(kept.body["config_revision"], "1");
    assert_eq!(pickup_price(&kept.body), 4900);
    let refreshed = app
        .post(&format!("/v1/sessions/{old_id}:refresh"), &json!({}))
        .await;
    assert_eq!(refreshed.status, 200, "{}", refreshed.body);
    assert_eq!(refreshed.body["config_revision"], "2");
    assert_eq!(pickup_price(&refreshed.body), 3900);
}

#[tokio::test]
async fn a_stale_etag_is_aborted_and_stores_nothing() {
    let app = spawn_app().await;
    let first = app.get(CONFIG).await;
    set_pickup_price(&app, 3900).await;
    let a = app
        .patch(
            &format!("{CONFIG}?update_mask=config.quote_validity_minutes"),
            &json!({"config": {"quote_validity_minutes": 5}, "etag": first.body["etag"]}),
        )
        .await;
    assert_eq!(a.status, 409, "{}", a.body);
    assert_eq!(a.body["error"]["status"], "ABORTED");
    assert_eq!(reason(&a.body), "ETAG_MISMATCH");
    let now = app.get(CONFIG).await;
    assert_eq!(now.body["revision"], "2");
    assert_eq!(now.body["config"]["quote_validity_minutes"], 60);
    let listed = app.get(REVISIONS).await;
    assert_eq!(listed.body["revisions"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn an_invalid_change_names_every_problem_and_stores_nothing() {
    let app = spawn_app().await;
    let current = app.get(CONFIG).await;
    let mut categories = current.body["config"]["categories"].clone();
    categories[0]["warehouse"] = json!("nowhere");
    let a = app
        .patch(
            &format!("{CONFIG}?update_mask=config.categories,config.quote_budget_ms"),
            &json!({"config": {"categories": categories, "quote_budget_ms": 0}}),
        )
        .await;
    assert_eq!(a.status, 400, "{}", a.body);
    let fields = violated_fields(&a.body);
    assert!(
        fields.contains(&"config.quote_budget_ms".to_owned()),
        "{fields:?}"
    );
    assert!(
        fields.contains(&"config.categories[0].warehouse".to_owned()),
        "{fields:?}"
    );
    let shape = app
        .patch(
            CONFIG,
            &json!({"config": {"quote_validity_minutes": "soon"}}),
        )
        .await;
    assert_eq!(shape.status, 400, "{}", shape.body);
    assert_eq!(
        violated_fields(&shape.body),
        ["config.quote_validity_minutes"]
    );
    let pickup = app
        .patch(CONFIG, &json!({"config": {"pickup_locations": []}}))
        .await;
    assert_eq!(pickup.status, 400, "{}", pickup.body);
    assert_eq!(violated_fields(&pickup.body), ["config.pickup_locations"]);
    // `null` is not an object, in an update as in a preview (the spec does not say nullable).
    let null = app.patch(CONFIG, &json!({"config": null})).await;
    assert_eq!(violated_fields(&null.body), ["config"], "{}", null.body);
    let null_preview = app
        .post(
            &format!("{CONFIG}:preview"),
            &json!({"config": null, "session": demo_session()}),
        )
        .await;
    assert_eq!(
        violated_fields(&null_preview.body),
        ["config"],
        "{}",
        null_preview.body
    );
    let mask = app
        .patch(
            &format!("{CONFIG}?update_mask=categories"),
            &json!({"config": {}}),
        )
        .await;
    assert_eq!(violated_fields(&mask.body), ["update_mask"]);
    assert_eq!(app.get(CONFIG).await.body["revision"], "1");
}

#[tokio::test]
async fn preview_quotes_a_draft_and_stores_nothing() {
    let app = spawn_app().await;
    let current = app.get(CONFIG).await;
    let mut draft = current.body["config"].clone();
    draft["categories"] = categories_with_pickup_price(&current.body, 1500);
    let a = app
        .post(
            &format!("{CONFIG}:preview"),
            &json!({"config": draft, "session": demo_session()}),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(pickup_price(&a.body), 1500);
    assert!(a.body.get("name").is_none() && a.body.get("etag").is_none());

    let with_current = app
        .post(
            &format!("{CONFIG}:preview"),
            &json!({"session": demo_session()}),
        )
        .await;
    assert_eq!(pickup_price(&with_current.body), 4900);

    assert_eq!(app.get(CONFIG).await.body["revision"], "1");
    let sessions = app.get("/v1/sessions").await;
    assert_eq!(sessions.body["sessions"], json!([]));
    let events = app.get("/v1/events").await;
    assert_eq!(events.body["events"], json!([]));

    let mut broken = draft.clone();
    broken["quote_budget_ms"] = json!(0);
    let refused = app
        .post(
            &format!("{CONFIG}:preview"),
            &json!({"config": broken, "session": demo_session()}),
        )
        .await;
    assert_eq!(refused.status, 400, "{}", refused.body);
    assert_eq!(violated_fields(&refused.body), ["config.quote_budget_ms"]);
}

#[tokio::test]
async fn revisions_list_what_changed_and_an_old_one_rolls_back() {
    let app = spawn_app().await;
    set_pickup_price(&app, 3900).await;
    set_pickup_price(&app, 2900).await;

    let listed = app.get(&format!("{REVISIONS}?page_size=2")).await;
    assert_eq!(listed.status, 200, "{}", listed.body);
    let page: Vec<&Value> = listed.body["revisions"]
        .as_array()
        .unwrap()
        .iter()
        .collect();
    assert_eq!(
        page.iter()
            .map(|r| r["revision"].clone())
            .collect::<Vec<_>>(),
        [json!("3"), json!("2")]
    );
    let change = &page[0]["changes"][0];
    assert_eq!(change["before"], 3900);
    assert_eq!(change["after"], 2900);
    assert!(
        change["path"].as_str().unwrap().ends_with(".price.SEK"),
        "{change}"
    );
    let token = listed.body["next_page_token"].as_str().unwrap();
    assert!(!token.is_empty());
    let rest = app
        .get(&format!("{REVISIONS}?page_size=2&page_token={token}"))
        .await;
    assert_eq!(rest.body["revisions"][0]["revision"], "1");
    assert_eq!(rest.body["revisions"][0]["changes"], json!([]));
    assert_eq!(rest.body["next_page_token"], "");

    let first = app.get(&format!("{REVISIONS}/1")).await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(
        first.body["name"],
        "merchants/demo/deliveryConfig/revisions/1"
    );
    let back = app
        .patch(
            &format!("{CONFIG}?update_mask=*"),
            &json!({"config": first.body["config"]}),
        )
        .await;
    assert_eq!(back.status, 200, "{}", back.body);
    assert_eq!(back.body["revision"], "4");
    assert_eq!(back.body["config"], first.body["config"]);
    let (_, _, session) = app.create().await;
    assert_eq!(pickup_price(&session), 4900);

    let missing = app.get(&format!("{REVISIONS}/99")).await;
    assert_eq!(missing.status, 404, "{}", missing.body);
}

#[tokio::test]
async fn only_the_merchants_own_key_reaches_its_configuration() {
    let app = spawn_app().await;
    let (id, _, _) = app.create().await;
    let token = crate::common::auth::token_of(&app, &id).await;
    let by_token = app
        .anon
        .get(CONFIG)
        .header("authorization", format!("Bearer {token}"))
        .send()
        .await;
    assert_eq!(by_token.0.status().as_u16(), 403);
    let other = app.get("/v1/merchants/other/deliveryConfig").await;
    assert_eq!(other.status, 403, "{}", other.body);
    let nobody = app.anon.get(CONFIG).send().await;
    assert_eq!(nobody.0.status().as_u16(), 401);
    let other_key = app.core.auth.create_key("other").await.unwrap().key;
    let own = app
        .anon
        .get("/v1/merchants/other/deliveryConfig")
        .header("authorization", format!("Bearer {other_key}"))
        .send()
        .await;
    assert_eq!(own.0.status().as_u16(), 200);
}

#[tokio::test]
async fn a_change_reaches_a_second_replica_without_a_restart() {
    let database = shared_database().await;
    let clock = service::system_clock();
    let a = spawn_app_on(core_on(&database, two_merchants(), clock.clone()).await);
    let b = spawn_app_on(core_on(&database, two_merchants(), clock).await);
    let watching = tokio::spawn(b.core.config.clone().watch(Duration::from_millis(50)));
    set_pickup_price(&a, 3900).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let (_, _, session) = b.create().await;
        if pickup_price(&session) == 3900 {
            assert_eq!(session["config_revision"], "2");
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the second replica still quotes the old price"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    watching.abort();
}
