//! Transport orders: created by completion in the same transaction, read and listed, re-opened
//! through a new session that amends the same order, with auth and tenancy like sessions.

use crate::common::auth::call;
use crate::common::{demo_session, reason, spawn_app, spawn_app_on, violated_fields, TestApp};
use poem::http::Method;
use serde_json::{json, Value};

async fn complete(app: &TestApp, id: &str, body: Value) -> Value {
    let a = app
        .post(&format!("/v1/sessions/{id}:complete"), &body)
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    a.body
}

fn tos_ids(session: &Value) -> Vec<String> {
    session["deliveries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["tos_id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn completion_creates_one_order_per_delivery() {
    let app = spawn_app().await;
    let mut body = demo_session();
    body["external_id"] = json!("order-4711");
    let mut second = body["deliveries"][0].clone();
    second["id"] = json!("d2");
    body["deliveries"].as_array_mut().unwrap().push(second);
    let created = app.post("/v1/sessions", &body).await;
    let id = created.body["name"]
        .as_str()
        .unwrap()
        .trim_start_matches("sessions/")
        .to_owned();
    let done = complete(
        &app,
        &id,
        json!({"delivery_choices": [{"delivery_id": "d2", "option_id": "home.pnl-mph", "addon_ids": ["carry-in"]}]}),
    )
    .await;
    let ids = tos_ids(&done);
    assert_eq!(ids.len(), 2);

    let first = app.get(&format!("/v1/transportOrders/{}", ids[0])).await;
    assert_eq!(first.status, 200, "{}", first.body);
    let o = &first.body;
    assert_eq!(o["name"], format!("transportOrders/{}", ids[0]));
    assert_eq!(o["session"], format!("sessions/{id}"));
    assert_eq!(o["delivery_id"], "d1");
    assert_eq!(o["external_id"], "order-4711");
    assert_eq!(o["state"], "CREATED");
    assert_eq!(o["version"], 1);
    assert_eq!(o["delivery_category"]["id"], "pickup");
    assert_eq!(o["line_items"][0]["sku"], "POT-12");
    assert_eq!(o["recipient_contact"]["address"]["postal_code"], "11820");
    assert_eq!(o["warehouse"]["id"], "sto-central");
    assert!(o["promise"]["merchant_pickup_time"].is_string());
    assert!(o["delivery_option"]["pickup_location"]["id"].is_string());
    assert_eq!(
        first.etag_header.unwrap(),
        format!("\"{}\"", o["etag"].as_str().unwrap())
    );

    let second = app.get(&format!("/v1/transportOrders/{}", ids[1])).await;
    let o = &second.body;
    assert_eq!(o["delivery_option"]["id"], "home.pnl-mph");
    assert_eq!(o["addons"][0]["id"], "carry-in");
    // 79 SEK shipping (the free-shipping threshold is 1,500 SEK) plus 199 SEK carry-in.
    assert_eq!(o["price"], "27800");
    let kinds: Vec<(&str, &str)> = o["price_components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["type"].as_str().unwrap(), c["amount"].as_str().unwrap()))
        .collect();
    assert_eq!(kinds, [("SHIPPING", "7900"), ("ADDON", "19900")]);

    let by_session = app
        .get(&format!(
            "/v1/transportOrders?filter=session%20%3D%20%22sessions/{id}%22"
        ))
        .await;
    assert_eq!(
        by_session.body["transport_orders"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let by_external = app
        .get("/v1/transportOrders?filter=external_id%20%3D%20%22order-4711%22&page_size=1")
        .await;
    assert_eq!(
        by_external.body["transport_orders"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let token = by_external.body["next_page_token"].as_str().unwrap();
    let page2 = app
        .get(&format!(
            "/v1/transportOrders?filter=external_id%20%3D%20%22order-4711%22&page_size=1&page_token={token}"
        ))
        .await;
    assert_eq!(page2.body["transport_orders"].as_array().unwrap().len(), 1);
    assert_eq!(page2.body["next_page_token"], "");
    assert_ne!(
        page2.body["transport_orders"][0]["name"],
        by_external.body["transport_orders"][0]["name"]
    );
    let none = app
        .get("/v1/transportOrders?filter=external_id%20%3D%20%22nope%22")
        .await;
    assert_eq!(none.body["transport_orders"].as_array().unwrap().len(), 0);
    let bad = app
        .get("/v1/transportOrders?filter=colour%20%3D%20red")
        .await;
    assert_eq!(violated_fields(&bad.body), ["filter"]);
    let missing = app
        .get("/v1/transportOrders/01ARZ3NDEKTSV4RRFFQ69G5FAV")
        .await;
    assert_eq!(missing.status, 404);
    assert_eq!(app.get("/v1/transportOrders/nope").await.status, 400);
}

#[tokio::test]
async fn a_failure_between_the_session_and_the_order_write_stores_neither() {
    // A database of our own, reachable from a second connection, to plant a failing trigger.
    let (url, schema) = crate::common::shared_database().await;
    let core = headless_checkout::startup::core(
        &url,
        schema.as_deref(),
        std::sync::Arc::new(crate::common::two_merchants()),
        service::system_clock(),
        headless_checkout::settings::AuthSettings::demo(),
    )
    .await
    .unwrap();
    let db = store::connect(&url, schema.as_deref()).await.unwrap();
    use sea_orm::ConnectionTrait;
    if url.starts_with("sqlite") {
        db.execute_unprepared(
            "CREATE TRIGGER fail_orders BEFORE INSERT ON transport_orders \
             WHEN NEW.external_id = 'explode' BEGIN SELECT RAISE(ABORT, 'injected failure'); END;",
        )
        .await
        .unwrap();
    } else {
        db.execute_unprepared(
            "CREATE FUNCTION fail_orders() RETURNS trigger AS $$ BEGIN \
             IF NEW.external_id = 'explode' THEN RAISE EXCEPTION 'injected failure'; END IF; \
             RETURN NEW; END $$ LANGUAGE plpgsql",
        )
        .await
        .unwrap();
        db.execute_unprepared(
            "CREATE TRIGGER fail_orders BEFORE INSERT ON transport_orders \
             FOR EACH ROW EXECUTE FUNCTION fail_orders()",
        )
        .await
        .unwrap();
    }
    let app = spawn_app_on(core);
    let mut body = demo_session();
    body["external_id"] = json!("explode");
    let created = app.post("/v1/sessions", &body).await;
    let id = created.body["name"]
        .as_str()
        .unwrap()
        .trim_start_matches("sessions/")
        .to_owned();
    let failed = app
        .post(&format!("/v1/sessions/{id}:complete"), &json!({}))
        .await;
    // The database refused a statement: a fault of ours, not an outage, and its words (the
    // trigger's message) stay in the log.
    assert_eq!(failed.status, 500, "{}", failed.body);
    assert_eq!(failed.body["error"]["status"], "INTERNAL");
    assert!(!failed.body.to_string().contains("injected failure"));
    assert!(failed.body["error"]["details"][0]["metadata"]["trace_id"].is_string());
    let session = app.get(&format!("/v1/sessions/{id}")).await;
    assert_eq!(
        session.body["state"], "ACTIVE",
        "the session write was rolled back"
    );
    assert_eq!(session.body["etag"], created.body["etag"]);
    assert!(session.body["deliveries"][0].get("tos_id").is_none());
    let orders = app.get("/v1/transportOrders").await;
    assert_eq!(orders.body["transport_orders"].as_array().unwrap().len(), 0);
    let events = app.get("/v1/events").await;
    assert_eq!(
        events.body["events"].as_array().unwrap().len(),
        0,
        "nor its events"
    );
    // With the cause gone, the same completion goes through.
    let fixed = app
        .patch(
            &format!("/v1/sessions/{id}?update_mask=external_id"),
            &json!({"external_id": "fine"}),
        )
        .await;
    assert_eq!(fixed.status, 200);
    assert_eq!(complete(&app, &id, json!({})).await["state"], "COMPLETED");
    assert_eq!(
        app.get("/v1/transportOrders").await.body["transport_orders"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn reopening_amends_the_same_order_and_keeps_its_history() {
    let app = spawn_app().await;
    let (id, _, _) = app.create().await;
    let first = complete(
        &app,
        &id,
        json!({"delivery_choices": [{"delivery_id": "d1", "option_id": "home.budbee-home"}]}),
    )
    .await;
    let tos = tos_ids(&first)[0].clone();

    let reopened = app
        .post(
            "/v1/sessions:createFromTransportOrder",
            &json!({"transport_order": format!("transportOrders/{tos}"), "request_id": "reopen-1"}),
        )
        .await;
    assert_eq!(reopened.status, 200, "{}", reopened.body);
    let clone = &reopened.body;
    assert_eq!(
        clone["source_transport_order"],
        format!("transportOrders/{tos}")
    );
    assert_eq!(clone["state"], "ACTIVE");
    assert_ne!(clone["name"], first["name"]);
    let chosen: Vec<&str> = clone["deliveries"][0]["delivery_categories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["delivery_options"].as_array().unwrap())
        .filter(|o| o["chosen"] == true)
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        chosen,
        ["home.budbee-home"],
        "the order's option is chosen again"
    );
    let again = app
        .post(
            "/v1/sessions:createFromTransportOrder",
            &json!({"transport_order": format!("transportOrders/{tos}"), "request_id": "reopen-1"}),
        )
        .await;
    assert_eq!(
        again.body["name"], clone["name"],
        "a retry returns the same session"
    );

    let clone_id = clone["name"]
        .as_str()
        .unwrap()
        .trim_start_matches("sessions/")
        .to_owned();
    // A re-opened session keeps exactly one delivery.
    let mut two = demo_session()["deliveries"].clone();
    let mut d2 = two[0].clone();
    d2["id"] = json!("d2");
    two.as_array_mut().unwrap().push(d2);
    let refused = app
        .patch(
            &format!("/v1/sessions/{clone_id}?update_mask=deliveries"),
            &json!({"deliveries": two}),
        )
        .await;
    assert_eq!(violated_fields(&refused.body), ["deliveries"]);

    let second = complete(
        &app,
        &clone_id,
        json!({"delivery_choices": [{"delivery_id": "d1", "option_id": "home.dbs-home"}]}),
    )
    .await;
    assert_eq!(
        tos_ids(&second),
        [tos.as_str()],
        "the same order, not a new one"
    );
    let order = app.get(&format!("/v1/transportOrders/{tos}")).await.body;
    assert_eq!(order["version"], 2);
    assert_eq!(order["state"], "AMENDED");
    assert_eq!(order["session"], clone["name"]);
    assert_eq!(order["delivery_option"]["id"], "home.dbs-home");
    assert_eq!(order["history"][0]["version"], 1);
    assert_eq!(order["history"][0]["session"], first["name"]);
    assert_eq!(
        order["history"][0]["delivery_option_id"],
        "home.budbee-home"
    );
    assert_ne!(order["update_time"], order["create_time"]);

    // Re-opened again: version 3, two earlier versions kept.
    let third = app
        .post(
            "/v1/sessions:createFromTransportOrder",
            &json!({"transport_order": tos}),
        )
        .await;
    let third_id = third.body["name"]
        .as_str()
        .unwrap()
        .trim_start_matches("sessions/")
        .to_owned();
    complete(&app, &third_id, json!({})).await;
    let order = app.get(&format!("/v1/transportOrders/{tos}")).await.body;
    assert_eq!(order["version"], 3);
    assert_eq!(order["history"].as_array().unwrap().len(), 2);
    let all = app.get("/v1/transportOrders").await;
    assert_eq!(
        all.body["transport_orders"].as_array().unwrap().len(),
        1,
        "still one order"
    );
}

#[tokio::test]
async fn concurrent_amendments_of_one_order_both_land() {
    let app = std::sync::Arc::new(spawn_app().await);
    let (id, _, _) = app.create().await;
    let tos = tos_ids(&complete(&app, &id, json!({})).await)[0].clone();
    let mut clones = Vec::new();
    for _ in 0..2 {
        let r = app
            .post(
                "/v1/sessions:createFromTransportOrder",
                &json!({"transport_order": tos}),
            )
            .await;
        clones.push(r.body["name"].as_str().unwrap().to_owned());
    }
    let tasks: Vec<_> = clones
        .iter()
        .map(|name| {
            let app = app.clone();
            let name = name.clone();
            tokio::spawn(async move {
                app.post(&format!("/v1/{name}:complete"), &json!({}))
                    .await
                    .status
            })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap(), 200);
    }
    let order = app.get(&format!("/v1/transportOrders/{tos}")).await.body;
    assert_eq!(order["version"], 3, "neither amendment was lost");
    assert_eq!(order["history"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn order_endpoints_follow_the_session_auth_rules() {
    let app = spawn_app().await;
    let (id, _, _) = app.create().await;
    let tos = tos_ids(&complete(&app, &id, json!({})).await)[0].clone();
    let other = app.core.auth.create_key("other").await.unwrap().key;
    let (live, _, _) = app.create().await;
    let token = crate::common::auth::token_of(&app, &live).await;
    let paths = [
        (Method::GET, format!("/v1/transportOrders/{tos}"), None),
        (Method::GET, "/v1/transportOrders".to_owned(), None),
        (
            Method::POST,
            "/v1/sessions:createFromTransportOrder".to_owned(),
            Some(json!({"transport_order": tos})),
        ),
    ];
    for (method, path, body) in &paths {
        let none = call(&app, method.clone(), path, body.clone(), None).await;
        assert_eq!(none.status, 401, "{method} {path}");
        let by_token = call(&app, method.clone(), path, body.clone(), Some(&token)).await;
        assert_eq!(by_token.status, 403, "{method} {path}");
        let theirs = call(&app, method.clone(), path, body.clone(), Some(&other)).await;
        match path.as_str() {
            "/v1/transportOrders" => {
                assert_eq!(theirs.status, 200);
                assert_eq!(theirs.body["transport_orders"].as_array().unwrap().len(), 0);
            }
            _ => {
                assert_eq!(theirs.status, 404, "{method} {path}: {}", theirs.body);
                assert_eq!(theirs.body["error"]["status"], "NOT_FOUND");
                assert_eq!(reason(&theirs.body), "TRANSPORT_ORDER_NOT_FOUND");
            }
        }
    }
}
