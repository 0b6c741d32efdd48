//! Authentication and tenancy on every headless endpoint: API keys, session tokens, the demo
//! key, key rotation and revocation, the failure limiter, and keys never reaching the logs.

use crate::common::auth::{call, endpoints, token_of};

use crate::common::{demo_session, reason, spawn_app, spawn_app_on};
use headless_checkout::settings::AuthSettings;
use poem::http::Method;
use serde_json::json;
use service::auth::DEMO_API_KEY;

#[tokio::test]
async fn missing_and_wrong_credentials_are_unauthenticated_everywhere() {
    let app = spawn_app().await;
    let (id, _, _) = app.create().await;
    let wrong = [
        None,
        Some("not-a-key"),
        Some("hck_test_demo_wrongsecret"),
        Some("hck_01jxyzxyzxyzxyzxyzxyzxyzxy_secret"),
        Some("hcs_00000000000000000000000000000000_secret"),
    ];
    for (method, path, body, _) in endpoints(&id) {
        for credential in wrong {
            let a = call(&app, method.clone(), &path, body.clone(), credential).await;
            assert_eq!(
                a.status, 401,
                "{method} {path} with {credential:?}: {}",
                a.body
            );
            assert_eq!(a.body["error"]["status"], "UNAUTHENTICATED");
            assert_eq!(a.body["_www_authenticate"], "Bearer", "{method} {path}");
        }
    }
    let after = app.get(&format!("/v1/sessions/{id}")).await;
    assert_eq!(after.body["state"], "ACTIVE", "nothing was changed");
    assert!(after.body.get("external_id").is_none());
}

#[tokio::test]
async fn another_merchants_key_sees_no_session_of_ours() {
    let app = spawn_app().await;
    let (id, _, _) = app.create().await;
    let other = app.core.auth.create_key("other").await.unwrap().key;
    for (method, path, body, _) in endpoints(&id) {
        let a = call(&app, method.clone(), &path, body, Some(&other)).await;
        match (method.as_str(), path.as_str()) {
            ("POST", "/v1/sessions") => assert_eq!(a.status, 200, "creates its own"),
            ("GET", "/v1/sessions") => {
                assert_eq!(a.status, 200);
                let names: Vec<&str> = a.body["sessions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s["name"].as_str().unwrap())
                    .collect();
                assert!(!names.contains(&format!("sessions/{id}").as_str()));
            }
            _ => {
                assert_eq!(a.status, 404, "{method} {path}: {}", a.body);
                assert_eq!(
                    reason(&a.body),
                    "SESSION_NOT_FOUND",
                    "the same as a missing session"
                );
            }
        }
    }
    // And the other merchant's session is invisible to the demo key.
    let theirs = call(
        &app,
        Method::POST,
        "/v1/sessions",
        Some(demo_session()),
        Some(&other),
    )
    .await;
    let their_id = theirs.body["name"]
        .as_str()
        .unwrap()
        .trim_start_matches("sessions/");
    assert_eq!(
        app.get(&format!("/v1/sessions/{their_id}")).await.status,
        404
    );
    let ours = app.get("/v1/sessions").await;
    assert!(ours.body["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["name"] != theirs.body["name"]));
    let untouched = app.get(&format!("/v1/sessions/{id}")).await;
    assert_eq!(untouched.body["state"], "ACTIVE");
}

#[tokio::test]
async fn a_session_token_does_only_the_widgets_work_on_its_own_session() {
    let app = spawn_app().await;
    let (id, _, _) = app.create().await;
    let (other_id, _, _) = app.create().await;
    let token = token_of(&app, &id).await;
    assert!(token.starts_with("hcs_"));
    for (method, path, body, access) in endpoints(&id) {
        let a = call(&app, method.clone(), &path, body, Some(&token)).await;
        match access {
            "merchant" => {
                assert_eq!(a.status, 403, "{method} {path}: {}", a.body);
                assert_eq!(a.body["error"]["status"], "PERMISSION_DENIED");
            }
            _ => assert_eq!(a.status, 200, "{method} {path}: {}", a.body),
        }
    }
    for (method, path, body, _) in endpoints(&other_id) {
        if path.starts_with(&format!("/v1/sessions/{other_id}")) {
            let a = call(&app, method.clone(), &path, body, Some(&token)).await;
            assert_eq!(
                a.status, 404,
                "{method} {path} with another session's token"
            );
        }
    }
    // Completing the session ends the token's write access; reading stays possible.
    app.post(&format!("/v1/sessions/{id}:complete"), &json!({}))
        .await;
    let read = call(
        &app,
        Method::GET,
        &format!("/v1/sessions/{id}"),
        None,
        Some(&token),
    )
    .await;
    assert_eq!(read.status, 200);
    let choose = call(
        &app,
        Method::POST,
        &format!("/v1/sessions/{id}:chooseDeliveryOptions"),
        Some(json!({"delivery_choices": [{"delivery_id": "d1", "option_id": "home.budbee-home"}]})),
        Some(&token),
    )
    .await;
    assert_eq!(choose.status, 400);
    assert_eq!(choose.body["error"]["status"], "FAILED_PRECONDITION");
}

#[tokio::test]
async fn keys_rotate_and_revoke() {
    let app = spawn_app().await;
    let old = app.core.auth.create_key("demo").await.unwrap();
    let new = app.core.auth.create_key("demo").await.unwrap();
    assert!(old.key.starts_with(&format!("hck_{}_", old.record.id)));
    for key in [&old.key, &new.key] {
        let a = call(&app, Method::GET, "/v1/sessions", None, Some(key)).await;
        assert_eq!(a.status, 200, "both keys work during a rotation");
    }
    app.core.auth.revoke_key(&old.record.id).await.unwrap();
    assert_eq!(
        call(&app, Method::GET, "/v1/sessions", None, Some(&old.key))
            .await
            .status,
        401
    );
    assert_eq!(
        call(&app, Method::GET, "/v1/sessions", None, Some(&new.key))
            .await
            .status,
        200
    );
    let listed = app.core.auth.list_keys(Some("demo")).await.unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed
        .iter()
        .all(|k| !k.secret_hash.is_empty() && !new.key.contains(&k.secret_hash)));
    assert!(
        app.core.auth.revoke_key(&old.record.id).await.is_err(),
        "already revoked"
    );
}

#[tokio::test]
async fn the_demo_key_can_be_disabled() {
    let app = spawn_app_on(
        crate::common::core_with(AuthSettings {
            demo_key_merchant: None,
            failure_limit: 100,
        })
        .await,
    );
    let a = call(&app, Method::GET, "/v1/sessions", None, Some(DEMO_API_KEY)).await;
    assert_eq!(a.status, 401);
}

#[tokio::test]
async fn repeated_failures_from_one_address_are_refused_for_a_while() {
    let app = spawn_app_on(
        crate::common::core_with(AuthSettings {
            demo_key_merchant: Some("demo".into()),
            failure_limit: 3,
        })
        .await,
    );
    for _ in 0..3 {
        let a = call(
            &app,
            Method::GET,
            "/v1/sessions",
            None,
            Some("hck_test_demo_guess"),
        )
        .await;
        assert_eq!(a.status, 401);
    }
    let resp = app
        .anon
        .get("/v1/sessions")
        .header("authorization", format!("Bearer {DEMO_API_KEY}"))
        .send()
        .await;
    let retry_after: u64 = resp
        .0
        .headers()
        .get("retry-after")
        .unwrap()
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let a = crate::common::answer(resp).await;
    assert_eq!(
        a.status, 429,
        "even a valid key waits out the window: {}",
        a.body
    );
    assert_eq!(a.body["error"]["status"], "RESOURCE_EXHAUSTED");
    assert!((1..=60).contains(&retry_after));
}

#[tokio::test]
async fn each_session_is_computed_with_its_own_merchants_configuration() {
    let app = spawn_app().await;
    let other = app.core.auth.create_key("other").await.unwrap().key;
    let pickup_price = |body: &serde_json::Value| {
        body["deliveries"][0]["delivery_categories"][0]["delivery_options"][0]["price"].clone()
    };
    let (_, _, ours) = app.create().await;
    assert_eq!(pickup_price(&ours), "4900");
    let theirs = call(
        &app,
        Method::POST,
        "/v1/sessions",
        Some(demo_session()),
        Some(&other),
    )
    .await;
    assert_eq!(pickup_price(&theirs.body), "5900");
    // Recomputation keeps using the owner's configuration.
    let name = theirs.body["name"].as_str().unwrap();
    let refreshed = call(
        &app,
        Method::POST,
        &format!("/v1/{name}:refresh"),
        Some(json!({})),
        Some(&other),
    )
    .await;
    assert_eq!(pickup_price(&refreshed.body), "5900");
}
