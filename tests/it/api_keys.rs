//! API keys as resources: an admin key issues scoped keys (the secret once), lists and revokes
//! them with who did it; a checkout key reaches sessions but not configuration or keys, and an
//! admin-only key the reverse.

use poem::http::StatusCode;
use serde_json::{json, Value};

use crate::common::{demo_session, spawn_app, violated_fields, TestApp};

const KEYS: &str = "/v1/merchants/demo/apiKeys";

async fn issue(app: &TestApp, scopes: Value) -> Value {
    let a = app.post(KEYS, &json!({ "scopes": scopes })).await;
    assert_eq!(a.status, 200, "{}", a.body);
    a.body
}

async fn status(app: &TestApp, key: &str, method: &str, path: &str, body: Option<Value>) -> u16 {
    let auth = format!("Bearer {key}");
    let resp = match method {
        "GET" => {
            app.anon
                .get(path)
                .header("authorization", auth)
                .send()
                .await
        }
        "PATCH" => {
            app.anon
                .patch(path)
                .header("authorization", auth)
                .body_json(&body.unwrap_or(json!({})))
                .send()
                .await
        }
        _ => {
            app.anon
                .post(path)
                .header("authorization", auth)
                .body_json(&body.unwrap_or(json!({})))
                .send()
                .await
        }
    };
    resp.0.status().as_u16()
}

#[tokio::test]
async fn a_checkout_key_reaches_sessions_but_not_configuration_or_keys() {
    let app = spawn_app().await;
    let issued = issue(&app, json!(["CHECKOUT"])).await;
    let key = issued["key"].as_str().unwrap().to_owned();
    assert!(key.starts_with("hck_"));
    assert_eq!(issued["scopes"], json!(["CHECKOUT"]));
    assert_eq!(issued["creator"], "merchants/demo/apiKeys/demo");

    assert_eq!(
        status(&app, &key, "POST", "/v1/sessions", Some(demo_session())).await,
        200
    );
    assert_eq!(status(&app, &key, "GET", "/v1/sessions", None).await, 200);
    let config = "/v1/merchants/demo/deliveryConfig";
    assert_eq!(status(&app, &key, "GET", config, None).await, 403);
    let patch = json!({"config": {"quote_validity_minutes": 5}});
    assert_eq!(status(&app, &key, "PATCH", config, Some(patch)).await, 403);
    assert_eq!(
        status(&app, &key, "POST", KEYS, Some(json!({"scopes": ["ADMIN"]}))).await,
        403
    );
    assert_eq!(status(&app, &key, "GET", KEYS, None).await, 403);
    // Nothing changed: still the file's revision.
    assert_eq!(app.get(config).await.body["revision"], "1");
}

#[tokio::test]
async fn an_admin_only_key_changes_configuration_but_opens_no_session() {
    let app = spawn_app().await;
    let issued = issue(&app, json!(["ADMIN"])).await;
    let key = issued["key"].as_str().unwrap().to_owned();
    let id = issued["name"].as_str().unwrap().rsplit('/').next().unwrap();
    assert!(
        key.starts_with(&format!("hck_test_{id}_")),
        "a test key's key makes test keys"
    );
    let config = "/v1/merchants/demo/deliveryConfig";
    assert_eq!(status(&app, &key, "GET", config, None).await, 200);
    let patch = json!({"config": {"quote_validity_minutes": 5}});
    assert_eq!(status(&app, &key, "PATCH", config, Some(patch)).await, 200);
    let revisions = app.get(&format!("{config}/revisions")).await;
    let author = revisions.body["revisions"][0]["author"].as_str().unwrap();
    assert_eq!(author, format!("apiKeys/{id}"));
    assert_eq!(
        status(&app, &key, "POST", "/v1/sessions", Some(demo_session())).await,
        403
    );
    assert_eq!(status(&app, &key, "GET", "/v1/events", None).await, 403);
    assert_eq!(
        status(
            &app,
            &key,
            "POST",
            "/v1/cos/session.create",
            Some(json!({}))
        )
        .await,
        403
    );
}

#[tokio::test]
async fn revoked_keys_stop_working_and_say_who_revoked_them() {
    let app = spawn_app().await;
    let issued = issue(&app, json!(["CHECKOUT", "ADMIN"])).await;
    let key = issued["key"].as_str().unwrap().to_owned();
    let name = issued["name"].as_str().unwrap().to_owned();
    let id = name.rsplit('/').next().unwrap();
    assert_eq!(issued["scopes"], json!(["CHECKOUT", "ADMIN"]));
    assert_eq!(status(&app, &key, "GET", "/v1/sessions", None).await, 200);

    let revoked = app.post(&format!("{KEYS}/{id}:revoke"), &json!({})).await;
    assert_eq!(revoked.status, 200, "{}", revoked.body);
    assert_eq!(revoked.body["revoker"], "merchants/demo/apiKeys/demo");
    assert!(revoked.body["revoke_time"].is_string());
    assert!(
        revoked.body.get("key").is_none(),
        "the secret is never shown again"
    );
    assert_eq!(status(&app, &key, "GET", "/v1/sessions", None).await, 401);

    let listed = app.get(KEYS).await;
    let entry = listed.body["api_keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["name"] == name.as_str())
        .expect("a revoked key stays listed")
        .clone();
    assert!(entry.get("key").is_none());
    assert_eq!(entry["revoker"], "merchants/demo/apiKeys/demo");

    // Another merchant's key is not found, as a key that does not exist.
    let other = app.core.auth.create_key("other").await.unwrap();
    let foreign = app
        .post(&format!("{KEYS}/{}:revoke", other.record.id), &json!({}))
        .await;
    assert_eq!(foreign.status, 404, "{}", foreign.body);
    let other_key = other.key;
    assert_eq!(
        status(&app, &other_key, "GET", "/v1/sessions", None).await,
        200
    );
    let missing = app
        .post(&format!("{KEYS}/nosuchkey:revoke"), &json!({}))
        .await;
    assert_eq!(missing.status, 404, "{}", missing.body);
}

#[tokio::test]
async fn a_key_needs_a_scope_and_the_list_pages() {
    let app = spawn_app().await;
    let none = app.post(KEYS, &json!({"scopes": []})).await;
    assert_eq!(none.status, 400, "{}", none.body);
    assert_eq!(violated_fields(&none.body), ["scopes"]);
    let unspecified = app
        .post(KEYS, &json!({"scopes": ["SCOPE_UNSPECIFIED"]}))
        .await;
    assert_eq!(violated_fields(&unspecified.body), ["scopes[0]"]);

    for _ in 0..3 {
        issue(&app, json!(["CHECKOUT"])).await;
    }
    let first = app.get(&format!("{KEYS}?page_size=2")).await;
    assert_eq!(first.body["api_keys"].as_array().unwrap().len(), 2);
    let token = first.body["next_page_token"].as_str().unwrap();
    assert!(!token.is_empty());
    let rest = app
        .get(&format!("{KEYS}?page_size=2&page_token={token}"))
        .await;
    assert_eq!(rest.body["api_keys"].as_array().unwrap().len(), 1);
    assert_eq!(rest.body["next_page_token"], "");
    let forged = app.get(&format!("{KEYS}?page_token=abc")).await;
    assert_eq!(forged.status, StatusCode::BAD_REQUEST.as_u16());
}

/// The audit trail: every change to the configuration and the keys, newest first, with who
/// made it and what a revision changed, paged, and the merchant's own only.
#[tokio::test]
async fn the_audit_trail_lists_who_changed_configuration_and_keys() {
    let app = spawn_app().await;
    let issued = issue(&app, json!(["CHECKOUT"])).await;
    let id = issued["name"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let changed = app
        .patch(
            "/v1/merchants/demo/deliveryConfig?update_mask=config.quote_validity_minutes",
            &json!({"config": {"quote_validity_minutes": 7}}),
        )
        .await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    let revoked = app.post(&format!("{KEYS}/{id}:revoke"), &json!({})).await;
    assert_eq!(revoked.status, 200, "{}", revoked.body);

    let trail = app.get("/v1/merchants/demo/auditEvents").await;
    assert_eq!(trail.status, 200, "{}", trail.body);
    let events = trail.body["audit_events"].as_array().unwrap();
    let summary: Vec<(&str, &str, &str)> = events
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap(),
                e["actor"].as_str().unwrap(),
                e["resource"].as_str().unwrap(),
            )
        })
        .collect();
    let key = format!("merchants/demo/apiKeys/{id}");
    let demo = "merchants/demo/apiKeys/demo";
    assert_eq!(
        summary,
        [
            ("REVOKE_API_KEY", demo, key.as_str()),
            (
                "UPDATE_DELIVERY_CONFIG",
                demo,
                "merchants/demo/deliveryConfig/revisions/2"
            ),
            ("CREATE_API_KEY", demo, key.as_str()),
            (
                "UPDATE_DELIVERY_CONFIG",
                "file",
                "merchants/demo/deliveryConfig/revisions/1"
            ),
        ]
    );
    let update = &events[1];
    assert_eq!(
        update["changes"],
        json!([{"path": "quote_validity_minutes", "before": 60, "after": 7}])
    );
    assert_eq!(events[0]["changes"], json!([]));
    assert!(events[0]["name"]
        .as_str()
        .unwrap()
        .starts_with("merchants/demo/auditEvents/"));

    // One at a time, the same trail.
    let mut walked = Vec::new();
    let mut token = String::new();
    loop {
        let page = app
            .get(&format!(
                "/v1/merchants/demo/auditEvents?page_size=1&page_token={token}"
            ))
            .await;
        assert_eq!(page.status, 200, "{}", page.body);
        walked.extend(page.body["audit_events"].as_array().unwrap().clone());
        token = page.body["next_page_token"].as_str().unwrap().to_owned();
        if token.is_empty() {
            break;
        }
    }
    assert_eq!(&walked, events);
    let bad = app
        .get("/v1/merchants/demo/auditEvents?page_token=not-a-token")
        .await;
    assert_eq!(bad.status, 400, "{}", bad.body);
    assert_eq!(violated_fields(&bad.body), ["page_token"]);

    // A checkout key reads no trail; nor does anyone another merchant's.
    let checkout = issue(&app, json!(["CHECKOUT"])).await["key"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        status(
            &app,
            &checkout,
            "GET",
            "/v1/merchants/demo/auditEvents",
            None
        )
        .await,
        403
    );
    assert_eq!(app.get("/v1/merchants/other/auditEvents").await.status, 403);
}
