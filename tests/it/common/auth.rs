//! Helpers for the authentication tests: a request with any credential, and every headless
//! endpoint with the access it needs.

use domain::SessionId;
use poem::http::Method;
use serde_json::{json, Value};

use super::{demo_session, Answer, TestApp};

/// Sends a request with the given bearer credential (or none).
pub async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    body: Option<Value>,
    credential: Option<&str>,
) -> Answer {
    let mut req = app.anon.request(method, path);
    if let Some(c) = credential {
        req = req.header("authorization", format!("Bearer {c}"));
    }
    if let Some(b) = body {
        req = req.body_json(&b);
    }
    let resp = req.send().await;
    let www = resp
        .0
        .headers()
        .get("www-authenticate")
        .map(|v| v.to_str().unwrap().to_owned());
    let mut a = super::answer(resp).await;
    if let Some(w) = www {
        a.body["_www_authenticate"] = json!(w);
    }
    a
}

/// Every headless method on session `id`: (method, path, body, access level).
pub fn endpoints(id: &str) -> Vec<(Method, String, Option<Value>, &'static str)> {
    vec![
        (
            Method::POST,
            "/v1/sessions".into(),
            Some(demo_session()),
            "merchant",
        ),
        (Method::GET, "/v1/sessions".into(), None, "merchant"),
        (Method::GET, format!("/v1/sessions/{id}"), None, "read"),
        (
            Method::PATCH,
            format!("/v1/sessions/{id}?update_mask=external_id"),
            Some(json!({"external_id": "x"})),
            "merchant",
        ),
        (
            Method::PATCH,
            format!("/v1/sessions/{id}?update_mask=search_address"),
            Some(
                json!({"search_address": {"country_code": "SE", "postal_code": "11743", "address_lines": []}}),
            ),
            "widget",
        ),
        (
            Method::POST,
            format!("/v1/sessions/{id}:chooseDeliveryOptions"),
            Some(
                json!({"delivery_choices": [{"delivery_id": "d1", "option_id": "home.budbee-home"}]}),
            ),
            "widget",
        ),
        (
            Method::POST,
            format!("/v1/sessions/{id}:refresh"),
            Some(json!({})),
            "merchant",
        ),
        (
            Method::POST,
            format!("/v1/sessions/{id}:complete"),
            Some(json!({})),
            "merchant",
        ),
    ]
}

pub async fn token_of(app: &TestApp, id: &str) -> String {
    app.service
        .get(super::DEMO_TENANT, SessionId::parse(id).unwrap())
        .await
        .unwrap()
        .token
}
