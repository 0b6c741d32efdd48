//! Test mode: test keys (`hck_test_…`, the demo key among them) and live keys of one merchant
//! share its configuration but never each other's sessions, transport orders, events or
//! `request_id`s; test data says so on every resource, and test keys cannot reach live keys.
//! The tenancy sweep holds every session, order and event operation to this; here are the
//! marks, the keys' rules and the stored state.

use poem::http::Method;
use serde_json::{json, Value};

use crate::common::auth::call;
use crate::common::{demo_session, reason, spawn_app, Answer, TestApp, DEMO_TENANT, MERCHANT};
use domain::SessionId;
use service::auth::DEMO_API_KEY;

const KEYS: &str = "/v1/merchants/demo/apiKeys";

async fn post(app: &TestApp, key: &str, path: &str, body: Value) -> Answer {
    call(app, Method::POST, path, Some(body), Some(key)).await
}

async fn get(app: &TestApp, key: &str, path: &str) -> Answer {
    call(app, Method::GET, path, None, Some(key)).await
}

/// A key issued through the API by `by`, with `body`.
async fn issue(app: &TestApp, by: &str, body: Value) -> Value {
    let a = post(app, by, KEYS, body).await;
    assert_eq!(a.status, 200, "{}", a.body);
    a.body
}

fn names(list: &Value, field: &str) -> Vec<String> {
    list[field]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn test_and_live_sessions_orders_and_events_are_marked_and_kept_apart() {
    let app = spawn_app().await;
    let live = app.core.auth.create_key(MERCHANT).await.unwrap().key;
    let mut done = Vec::new();
    for key in [DEMO_API_KEY, live.as_str()] {
        let created = post(&app, key, "/v1/sessions", demo_session()).await;
        assert_eq!(created.status, 200, "{}", created.body);
        let name = created.body["name"].as_str().unwrap().to_owned();
        let completed = post(&app, key, &format!("/v1/{name}:complete"), json!({})).await;
        assert_eq!(completed.status, 200, "{}", completed.body);
        let tos_id = completed.body["deliveries"][0]["tos_id"]
            .as_str()
            .unwrap()
            .to_owned();
        done.push((key, name, tos_id));
    }
    for (i, (key, name, tos_id)) in done.iter().enumerate() {
        let test = i == 0;
        let (_, other_name, other_tos) = &done[1 - i];
        let session = get(&app, key, &format!("/v1/{name}")).await;
        assert_eq!(session.body["test"], test, "{}", session.body);
        let order = get(&app, key, &format!("/v1/transportOrders/{tos_id}")).await;
        assert_eq!(order.status, 200, "{}", order.body);
        assert_eq!(order.body["test"], test);
        let events = get(&app, key, "/v1/events?view=FULL").await;
        let events = events.body["events"].as_array().unwrap().clone();
        assert_eq!(
            events.len(),
            2,
            "the completion and its order, of this mode only"
        );
        for e in &events {
            assert_eq!(e["test"], test, "{e}");
            assert_eq!(
                e["payload"]["test"], test,
                "what the webhook is sent says it"
            );
            assert_eq!(
                e["payload"]["merchant_id"], MERCHANT,
                "the merchant, not its tenant"
            );
            assert_eq!(e["session"], *name);
        }
        // The other mode's session and order are not found, by any surface.
        let theirs = get(&app, key, &format!("/v1/{other_name}")).await;
        assert_eq!(theirs.status, 404, "{}", theirs.body);
        assert_eq!(reason(&theirs.body), "SESSION_NOT_FOUND");
        let order = get(&app, key, &format!("/v1/transportOrders/{other_tos}")).await;
        assert_eq!(order.status, 404, "{}", order.body);
        let id = SessionId::parse(other_name).unwrap();
        let siw = get(&app, key, &format!("/v1/siw/session.get?id={id}")).await;
        assert_eq!(siw.status, 404, "{}", siw.body);
        let reopen = post(
            &app,
            key,
            "/v1/cos/session.createFromOrder",
            json!({"tos_id": other_tos}),
        )
        .await;
        assert_eq!(reopen.status, 404, "{}", reopen.body);
        let sessions = get(&app, key, "/v1/sessions").await;
        assert_eq!(names(&sessions.body, "sessions"), [name.as_str()]);
        let orders = get(&app, key, "/v1/transportOrders").await;
        assert_eq!(
            names(&orders.body, "transport_orders"),
            [format!("transportOrders/{tos_id}")]
        );
    }
    // Stored under the tenant: the demo merchant's test data apart from its live data.
    let (_, test_name, _) = &done[0];
    let (_, live_name, _) = &done[1];
    let test_id = SessionId::parse(test_name).unwrap();
    let live_id = SessionId::parse(live_name).unwrap();
    assert!(app.service.get(DEMO_TENANT, test_id).await.is_ok());
    assert!(app.service.get(MERCHANT, test_id).await.is_err());
    assert!(app.service.get(MERCHANT, live_id).await.is_ok());
    assert!(app.service.get(DEMO_TENANT, live_id).await.is_err());
}

#[tokio::test]
async fn one_request_id_and_one_session_id_make_one_session_in_each_mode() {
    let app = spawn_app().await;
    let live = app.core.auth.create_key(MERCHANT).await.unwrap().key;
    let id = uuid::Uuid::new_v4();
    let path = format!("/v1/sessions?session_id={id}&request_id=same");
    let test_made = post(&app, DEMO_API_KEY, &path, demo_session()).await;
    let live_made = post(&app, &live, &path, demo_session()).await;
    assert_eq!(test_made.status, 200, "{}", test_made.body);
    assert_eq!(
        live_made.status, 200,
        "the test session neither takes nor replays the live one: {}",
        live_made.body
    );
    assert_eq!(test_made.body["name"], live_made.body["name"]);
    assert_eq!(test_made.body["test"], true);
    assert_eq!(live_made.body["test"], false);
    let replay = post(&app, &live, &path, demo_session()).await;
    assert_eq!(
        replay.body, live_made.body,
        "a retry replays its own mode's answer"
    );
}

#[tokio::test]
async fn test_keys_are_spelled_as_such_and_reach_only_test_keys() {
    let app = spawn_app().await;
    let live_admin = app.core.auth.create_key(MERCHANT).await.unwrap();
    let live_key = live_admin.key.clone();
    assert!(live_key.starts_with(&format!("hck_{}_", live_admin.record.id)));

    // A live admin key makes keys of either mode; live by default.
    let live_checkout = issue(&app, &live_key, json!({"scopes": ["CHECKOUT"]})).await;
    assert_eq!(live_checkout["test"], false);
    let test_checkout = issue(
        &app,
        &live_key,
        json!({"scopes": ["CHECKOUT"], "test": true}),
    )
    .await;
    assert_eq!(test_checkout["test"], true);
    let test_key = test_checkout["key"].as_str().unwrap();
    let test_id = test_checkout["name"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap();
    assert!(test_key.starts_with(&format!("hck_test_{test_id}_")));
    let made = post(&app, test_key, "/v1/sessions", demo_session()).await;
    assert_eq!(made.body["test"], true, "{}", made.body);

    // The prefix must say the key's mode: the same secret in the other spelling is refused.
    let secret = test_key.trim_start_matches(&format!("hck_test_{test_id}_"));
    let as_live = format!("hck_{test_id}_{secret}");
    assert_eq!(get(&app, &as_live, "/v1/sessions").await.status, 401);
    let live_id = live_admin.record.id.as_str();
    let live_secret = live_key.trim_start_matches(&format!("hck_{live_id}_"));
    let as_test = format!("hck_test_{live_id}_{live_secret}");
    assert_eq!(get(&app, &as_test, "/v1/sessions").await.status, 401);
    let demo_as_live = DEMO_API_KEY.replacen("hck_test_", "hck_", 1);
    assert_eq!(get(&app, &demo_as_live, "/v1/sessions").await.status, 401);

    // A test admin key (the demo key) makes test keys, by default and only.
    let by_test = issue(&app, DEMO_API_KEY, json!({"scopes": ["CHECKOUT"]})).await;
    assert_eq!(by_test["test"], true);
    let refused = post(
        &app,
        DEMO_API_KEY,
        KEYS,
        json!({"scopes": ["CHECKOUT"], "test": false}),
    )
    .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(refused.body["error"]["status"], "PERMISSION_DENIED");

    // It sees the test keys only, and cannot revoke a live one.
    let listed = get(&app, DEMO_API_KEY, KEYS).await;
    let tests: Vec<bool> = listed.body["api_keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["test"].as_bool().unwrap())
        .collect();
    assert_eq!(tests, [true, true], "{}", listed.body);
    let all = get(&app, &live_key, KEYS).await;
    assert_eq!(all.body["api_keys"].as_array().unwrap().len(), 4);
    let live_checkout_name = live_checkout["name"].as_str().unwrap();
    let revoke = post(
        &app,
        DEMO_API_KEY,
        &format!("/v1/{live_checkout_name}:revoke"),
        json!({}),
    )
    .await;
    assert_eq!(revoke.status, 403, "{}", revoke.body);
    let live_checkout_key = live_checkout["key"].as_str().unwrap();
    assert_eq!(
        get(&app, live_checkout_key, "/v1/sessions").await.status,
        200,
        "the live key still works"
    );
    let revoke = post(
        &app,
        DEMO_API_KEY,
        &format!("/v1/{}:revoke", by_test["name"].as_str().unwrap()),
        json!({}),
    )
    .await;
    assert_eq!(
        revoke.status, 200,
        "a test key revokes test keys: {}",
        revoke.body
    );
}

#[tokio::test]
async fn the_configuration_serves_both_modes() {
    let app = spawn_app().await;
    let live = app.core.auth.create_key(MERCHANT).await.unwrap().key;
    let config = "/v1/merchants/demo/deliveryConfig";
    let price = |s: &Value| {
        s["deliveries"][0]["delivery_categories"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "express")
            .map(|c| c["delivery_options"][0]["price"].clone())
            .unwrap()
    };
    let current = get(&app, &live, config).await;
    let mut categories = current.body["config"]["categories"].clone();
    for c in categories.as_array_mut().unwrap() {
        if c["id"] == "express" {
            c["price"]["SEK"] = json!(9900);
        }
    }
    let patched = call(
        &app,
        Method::PATCH,
        &format!("{config}?update_mask=config.categories"),
        Some(json!({"config": {"categories": categories}})),
        Some(&live),
    )
    .await;
    assert_eq!(patched.status, 200, "{}", patched.body);
    for key in [DEMO_API_KEY, live.as_str()] {
        let made = post(&app, key, "/v1/sessions", demo_session()).await;
        assert_eq!(
            price(&made.body),
            "9900",
            "{key}: quoted with the new price"
        );
    }
}
