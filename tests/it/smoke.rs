//! Starts the real binary on port 0 with a file database, walks create, get, update, choose and
//! complete over HTTP, then stops it with SIGTERM and expects a clean exit.

use std::process::Command;

use serde_json::{json, Value};

use crate::common::server::{cli, database_in, new_dir, Server};

#[tokio::test]
async fn the_binary_serves_a_whole_session_life_cycle() {
    let server = Server::start(new_dir("checkout-smoke"), "info");
    let base = server.base.clone();
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "authorization",
        format!("Bearer {}", service::auth::DEMO_API_KEY)
            .parse()
            .unwrap(),
    );
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap();
    let body = json!({
        "purchase": {"country_code": "SE", "currency_code": "SEK", "locales": ["en"]},
        "deliveries": [{
            "id": "d1",
            "line_items": [{"sku": "S1", "title": "Seeds", "quantity": 1, "price": "4900"}],
            "fulfillments": [],
            "recipient_contact": {"address": {"country_code": "SE", "postal_code": "21425", "address_lines": [], "coordinates": {"lat": 55.59, "lng": 13.00}}}
        }]
    });
    let created: Value = http
        .post(format!("{base}/v1/sessions"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let name = created["name"].as_str().expect("a session name").to_owned();
    let url = format!("{base}/v1/{name}");
    let got = http.get(&url).send().await.unwrap();
    assert_eq!(got.status(), 200);
    assert!(got.headers().contains_key("x-trace-id"));
    let updated: Value = http
        .patch(&url)
        .json(&json!({"external_id": "cart-1", "etag": created["etag"]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(updated["external_id"], "cart-1");
    let option = updated["deliveries"][0]["delivery_categories"][0]["delivery_options"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let chosen = http
        .post(format!("{url}:chooseDeliveryOptions"))
        .json(&json!({"etag": updated["etag"], "delivery_choices": [{"delivery_id": "d1", "option_id": option}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(chosen.status(), 200);
    let chosen: Value = chosen.json().await.unwrap();
    let completed: Value = http
        .post(format!("{url}:complete"))
        .json(&json!({"etag": chosen["etag"]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(completed["state"], "COMPLETED");
    assert!(completed["deliveries"][0]["tos_id"].is_string());
    let spec = http
        .get(format!("{base}/openapi/headless.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(spec.status(), 200);

    assert_eq!(
        http.get(format!("{base}/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    // The log: what was loaded, and one line per request with numbers as numbers and the
    // merchant and session it concerned; probes are not logged at info.
    let lines: Vec<Value> = server
        .logs()
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert!(lines
        .iter()
        .any(|l| l["message"] == "merchant configuration loaded" && l["merchants"] == "demo"));
    let created_line = lines
        .iter()
        .find(|l| {
            l["message"] == "request" && l["route"] == "/v1/sessions" && l["method"] == "POST"
        })
        .expect("a line for the create request");
    assert!(created_line["latency_ms"].is_number(), "{created_line}");
    assert!(created_line["status"].is_number(), "{created_line}");
    assert_eq!(created_line["merchant"], "demo");
    assert_eq!(created_line["test"], true, "the demo key is a test key");
    assert_eq!(
        created_line["session"],
        json!(name.trim_start_matches("sessions/"))
    );
    assert!(
        !lines.iter().any(|l| l["route"] == "/healthz"),
        "probes stay out of the info log"
    );
    let exit = server.stop().await;
    assert!(exit.success(), "SIGTERM drains and exits cleanly: {exit:?}");
}

/// Runs the binary on `config` and returns its stderr, expecting it to refuse to start.
fn refused_with(config: &str) -> String {
    let dir = std::env::temp_dir().join(format!(
        "checkout-badconfig-{}",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("merchant.toml");
    std::fs::write(&file, config).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_headless-checkout"))
        .env("LISTEN_ADDR", "127.0.0.1:0")
        .env("DATABASE_URL", "sqlite::memory:")
        .env("MERCHANT_CONFIG", &file)
        .output()
        .unwrap();
    std::fs::remove_dir_all(dir).ok();
    assert!(
        !out.status.success(),
        "the binary started on an invalid configuration"
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn the_binary_refuses_an_invalid_configuration() {
    let atlantis = config_file::DEMO_CONFIG.replacen(
        "time_zone = \"Europe/Stockholm\"",
        "time_zone = \"Europe/Atlantis\"",
        1,
    );
    let stderr = refused_with(&atlantis.replace("demo-pickup-locations.json", "missing.json"));
    assert!(
        stderr.contains("merchants[0].pickup_locations_file"),
        "{stderr}"
    );
    let stderr = refused_with(
        &atlantis.replace("pickup_locations_file = \"demo-pickup-locations.json\"", ""),
    );
    assert!(
        stderr.contains("merchants[0].warehouses[0].time_zone: `Europe/Atlantis`"),
        "{stderr}"
    );
}

#[test]
fn the_keys_command_creates_lists_and_revokes_without_showing_secrets() {
    let dir = new_dir("checkout-keys");
    let url = database_in(&dir);
    let run = |args: &[&str]| cli(&url, args);
    let created = run(&["keys", "create", "--merchant", "demo"]);
    let key = created
        .lines()
        .find_map(|l| l.strip_prefix("key:"))
        .unwrap()
        .trim()
        .to_owned();
    let id = created
        .lines()
        .find_map(|l| l.strip_prefix("key id:"))
        .unwrap()
        .trim()
        .to_owned();
    assert!(key.starts_with(&format!("hck_{id}_")));
    let secret = key.splitn(3, '_').nth(2).unwrap();
    let listed = run(&["keys", "list"]);
    assert!(
        listed.contains(&id) && listed.contains("active"),
        "{listed}"
    );
    assert!(!listed.contains(secret), "a listing never shows the secret");
    assert!(created.contains("mode:     live"), "{created}");
    let test = run(&["keys", "create", "--merchant", "demo", "--test"]);
    let test_id = test
        .lines()
        .find_map(|l| l.strip_prefix("key id:"))
        .unwrap()
        .trim()
        .to_owned();
    assert!(test.contains("mode:     test"), "{test}");
    assert!(
        test.contains(&format!("key:      hck_test_{test_id}_")),
        "{test}"
    );
    assert!(run(&["keys", "list"]).contains(&format!("{test_id}  demo  test")));
    run(&["keys", "revoke", &id]);
    assert!(run(&["keys", "list", "--merchant", "demo"]).contains("revoked"));
    let refused = Command::new(env!("CARGO_BIN_EXE_headless-checkout"))
        .env("DATABASE_URL", &url)
        .args(["keys", "create", "--merchant", "nobody"])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    std::fs::remove_dir_all(dir).ok();
}
