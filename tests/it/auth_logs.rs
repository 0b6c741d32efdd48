//! Keys and session tokens never reach the logs, at any level, nor an error body: the real
//! binary runs with every log level on, and its whole output is searched for each secret.

use serde_json::{json, Value};
use service::auth::DEMO_API_KEY;

use crate::common::auth::endpoints;
use crate::common::server::{cli, database_in, new_dir, Server};

#[tokio::test]
async fn keys_and_tokens_never_reach_the_logs_or_error_bodies() {
    let dir = new_dir("checkout-auth-logs");
    let created = cli(
        &database_in(&dir),
        &["keys", "create", "--merchant", "demo"],
    );
    let key = created
        .lines()
        .find_map(|l| l.strip_prefix("key:"))
        .unwrap()
        .trim()
        .to_owned();
    let server = Server::start(dir, "trace");
    let http = reqwest::Client::new();
    let send = |method: &str, path: &str, body: Option<Value>, credential: &str| {
        let mut request = http
            .request(method.parse().unwrap(), format!("{}{path}", server.base))
            .bearer_auth(credential);
        if let Some(b) = body {
            request = request.json(&b);
        }
        async move {
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            (status, response.text().await.unwrap())
        }
    };
    // A SIW session answers with its token, which the selector would use.
    let (status, siw) = send(
        "POST",
        "/v1/siw/session.create",
        Some(json!({"purchase_country": "SE", "purchase_currency": "SEK", "locale": "sv-SE",
            "cart": {"cart_id": "c1", "total_value": 45000, "items": [{"sku": "POT-12", "quantity": 2, "price": 22500}]}})),
        &key,
    )
    .await;
    assert_eq!(status, 200, "{siw}");
    let siw: Value = serde_json::from_str(&siw).unwrap();
    let id = siw["session"]["id"].as_str().unwrap().to_owned();
    let token = siw["session"]["token"].as_str().unwrap().to_owned();

    let mut bodies = String::new();
    let wrong = format!("{key}x");
    let mut statuses = Vec::new();
    for (method, path, body, _) in endpoints(&id) {
        for credential in [key.as_str(), token.as_str(), DEMO_API_KEY, wrong.as_str()] {
            let (status, text) = send(method.as_str(), &path, body.clone(), credential).await;
            statuses.push(status);
            bodies.push_str(&text);
        }
    }
    assert!(
        statuses.contains(&200) && statuses.contains(&401),
        "{statuses:?}"
    );
    let logs = server.logs();
    assert!(
        logs.contains("\"status\":401") && logs.contains("\"status\":200"),
        "the request log lines were captured"
    );
    // `hck_<id>_<secret>`: the secret is URL-safe base64 and may itself contain `_`.
    let secret_of = |credential: &str| credential.splitn(3, '_').nth(2).unwrap().to_owned();
    for (name, s) in [
        ("key", secret_of(&key)),
        ("token", secret_of(&token)),
        ("demo key", secret_of(DEMO_API_KEY)),
    ] {
        assert!(!logs.contains(&s), "the {name} appears in the logs");
        assert!(
            !bodies.contains(&s),
            "the {name} appears in a response body"
        );
    }
}
