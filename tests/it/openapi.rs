//! The checked-in specs are exactly what the code renders (`UPDATE_OPENAPI=1 cargo test`
//! rewrites them), and the headless spec keeps the promises clients rely on.

use std::path::Path;

use api::common::routing::public_spec_yaml;
use headless_checkout::startup::{headless_api, headless_spec_json, spec_documents};
use serde_json::Value;

async fn rendered() -> String {
    let core = crate::common::core().await;
    headless_spec_json(headless_api(&core))
}

fn check_or_update(path: &str, rendered: &str) {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if std::env::var("UPDATE_OPENAPI").is_ok_and(|v| v == "1") {
        std::fs::write(&file, rendered).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        committed == rendered,
        "{path} is stale; run `UPDATE_OPENAPI=1 cargo test --test it openapi` and commit the result"
    );
}

#[tokio::test]
async fn checked_in_specs_are_current() {
    let core = crate::common::core().await;
    let documents = spec_documents(&core);
    let names: Vec<&str> = documents.iter().map(|d| d.name).collect();
    assert_eq!(names, ["headless", "cos", "siw", "delivery-checkout"]);
    for doc in &documents {
        check_or_update(
            &format!("openapi/{}.json", doc.name),
            &format!("{}\n", doc.json),
        );
        check_or_update(
            &format!("openapi/{}.yaml", doc.name),
            &public_spec_yaml(&doc.json),
        );
    }
    // The provider contract is the reference provider's API: rendered from the same code.
    let provider = headless_checkout::reference_provider::spec_json();
    check_or_update("openapi/provider.json", &format!("{provider}\n"));
    check_or_update("openapi/provider.yaml", &public_spec_yaml(&provider));
    let schema = schemars::schema_for!(domain::config::ConfigFile);
    check_or_update(
        "openapi/merchant-config.schema.json",
        &format!("{}\n", serde_json::to_string_pretty(&schema).unwrap()),
    );
}

#[tokio::test]
async fn every_operation_is_named_described_and_declares_its_errors() {
    let spec: Value = serde_json::from_str(&rendered().await).unwrap();
    let mut ids = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        assert!(!path.contains("/~"), "internal path leaked: {path}");
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path}"));
            ids.push(id.to_owned());
            assert!(
                op["description"].as_str().is_some_and(|d| d.len() > 20),
                "{id}"
            );
            for code in ["400", "404", "500", "503"] {
                let schema =
                    &op["responses"][code]["content"]["application/json; charset=utf-8"]["schema"];
                assert_eq!(
                    schema["$ref"], "#/components/schemas/ErrorResponse",
                    "{id} {code}"
                );
            }
            if method != "get" && !id.contains("Event") {
                assert!(op["responses"]["409"].is_object(), "{id} declares 409");
            }
            // The server refuses a negative page size: the spec says so, or a generated
            // client and a contract fuzzer take one for valid.
            for param in op["parameters"].as_array().into_iter().flatten() {
                if param["name"] == "page_size" {
                    assert_eq!(param["schema"]["minimum"], 0, "{id} page_size");
                }
            }
        }
    }
    ids.sort();
    assert_eq!(
        ids,
        [
            "chooseDeliveryOptions",
            "completeSession",
            "createApiKey",
            "createSession",
            "createSessionFromTransportOrder",
            "getDeliveryConfig",
            "getDeliveryConfigRevision",
            "getEvent",
            "getPickupPoint",
            "getSession",
            "getTransportOrder",
            "importPickupPoints",
            "listApiKeys",
            "listAuditEvents",
            "listDeliveryConfigRevisions",
            "listEvents",
            "listPickupPoints",
            "listSessions",
            "listTransportOrders",
            "previewDeliveryConfig",
            "redeliverEvent",
            "refreshSession",
            "revokeApiKey",
            "updateDeliveryConfig",
            "updateSession"
        ]
    );
    let paths: Vec<&String> = spec["paths"].as_object().unwrap().keys().collect();
    assert!(paths
        .iter()
        .any(|p| *p == "/v1/sessions/{session}:chooseDeliveryOptions"));
    assert!(paths
        .iter()
        .any(|p| *p == "/v1/sessions/{session}:complete"));
    assert!(paths.iter().any(|p| *p == "/v1/sessions/{session}:refresh"));
    assert!(paths
        .iter()
        .any(|p| *p == "/v1/sessions:createFromTransportOrder"));
    assert!(paths
        .iter()
        .any(|p| *p == "/v1/transportOrders/{transport_order}"));
}

#[tokio::test]
async fn wire_conventions_hold_in_the_schemas() {
    let spec: Value = serde_json::from_str(&rendered().await).unwrap();
    let schemas = &spec["components"]["schemas"];
    // Money is an int64 string on this surface.
    assert_eq!(
        schemas["DeliveryOption"]["properties"]["price"]["type"],
        "string"
    );
    assert_eq!(
        schemas["DeliveryOption"]["properties"]["price"]["format"],
        "int64"
    );
    assert_eq!(schemas["LineItem"]["properties"]["price"]["type"], "string");
    // Output-only members are read-only.
    for field in [
        "name",
        "state",
        "create_time",
        "update_time",
        "expire_time",
        "etag",
    ] {
        assert_eq!(
            schemas["Session"]["properties"][field]["readOnly"], true,
            "{field}"
        );
    }
    assert_eq!(
        schemas["Session"]["properties"]["create_time"]["format"],
        "date-time"
    );
    // Every enum starts with its UNSPECIFIED value.
    for (name, schema) in schemas.as_object().unwrap() {
        if let Some(values) = schema["enum"].as_array() {
            assert!(
                values[0].as_str().unwrap().ends_with("_UNSPECIFIED"),
                "{name}"
            );
        }
    }
    // Every operation takes a bearer credential, so Swagger UI offers "Authorize" and
    // generated clients take a token.
    assert_eq!(
        spec["components"]["securitySchemes"]["BearerAuth"]["scheme"],
        "bearer"
    );
    for item in spec["paths"].as_object().unwrap().values() {
        for op in item.as_object().unwrap().values() {
            assert_eq!(op["security"][0]["BearerAuth"], serde_json::json!([]));
            assert!(
                op["responses"]["401"]["headers"]["WWW-AUTHENTICATE"].is_object()
                    || op["responses"]["401"]["headers"]["WWW-Authenticate"].is_object()
            );
        }
    }
    let session_required: Vec<&str> = schemas["Session"]["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(session_required, ["purchase", "deliveries"]);
}

/// A session made through `surface`'s create example, as the id its other examples name.
async fn created_on(app: &crate::common::TestApp, surface: &str) -> String {
    let (path, body) = match surface {
        "headless" => ("/v1/sessions", example("createSession")),
        "cos" => ("/v1/cos/session.create", example("cosCreateSession")),
        "siw" => ("/v1/siw/session.create", example("siwCreateSession")),
        _ => (
            "/v1/delivery_checkout/session.create",
            example("deliveryCheckoutCreateSession"),
        ),
    };
    let a = app.post(path, &body).await;
    assert_eq!(a.status, 200, "{surface}: {}", a.body);
    let id = a.body["name"]
        .as_str()
        .or(a.body["session"]["id"].as_str())
        .or(a.body["session"]["checkout_session_id"].as_str())
        .unwrap();
    domain::SessionId::parse(id).unwrap().to_string()
}

fn example(operation: &str) -> Value {
    api::examples::headless()
        .into_iter()
        .chain(api::examples::cos())
        .chain(api::examples::siw())
        .chain(api::examples::delivery_checkout())
        .find(|(id, _)| *id == operation)
        .map(|(_, e)| e)
        .unwrap_or_else(|| panic!("no example for {operation}"))
}

/// A transport order and, re-opening it, a session whose completion amends it.
async fn reopened(app: &crate::common::TestApp) -> (String, String) {
    let id = created_on(app, "headless").await;
    let done = app
        .post(
            &format!("/v1/sessions/{id}:complete"),
            &serde_json::json!({}),
        )
        .await;
    let order = done.body["deliveries"][0]["tos_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let again = app
        .post(
            "/v1/sessions:createFromTransportOrder",
            &serde_json::json!({"transport_order": format!("transportOrders/{order}")}),
        )
        .await;
    let session = again.body["name"].as_str().unwrap();
    (
        order,
        domain::SessionId::parse(session).unwrap().to_string(),
    )
}

#[tokio::test]
async fn every_request_body_has_an_example_the_server_accepts() {
    let app = crate::common::spawn_app().await;
    let documents = spec_documents(&app.core);
    let mut tried = 0;
    for doc in &documents {
        let spec: Value = serde_json::from_str(&doc.json).unwrap();
        for (path, item) in spec["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                let Some(content) = op["requestBody"]["content"].as_object() else {
                    continue;
                };
                let id = op["operationId"].as_str().unwrap();
                for (media_type, media) in content {
                    let example = match media.get("example") {
                        // A text body (a CSV import) is sent as it is.
                        Some(Value::String(text)) => text.clone(),
                        Some(json) => json.to_string(),
                        None => panic!("{id} has a {media_type} body without an example"),
                    };
                    // What the example names must exist: a session of the surface, and for the
                    // re-opening methods a transport order.
                    let surface = match doc.name {
                        "delivery-checkout" => "delivery_checkout",
                        other => other,
                    };
                    let (order, session) = if id.contains("FromOrder")
                        || id.contains("FromTransportOrder")
                        || id.contains("UpdateOrder")
                    {
                        reopened(&app).await
                    } else {
                        (String::new(), created_on(&app, surface).await)
                    };
                    let body = example
                        .replace(api::examples::EXAMPLE_SESSION, &session)
                        .replace(
                            api::examples::EXAMPLE_CHECKOUT_SESSION,
                            &format!("VM2-{}", session.replace('-', "")),
                        )
                        .replace(api::examples::EXAMPLE_ORDER, &order);
                    let url = path
                        .replace("{session}", &session)
                        .replace("{merchant}", crate::common::MERCHANT);
                    let request = match method.as_str() {
                        "patch" => app.client.patch(&url),
                        _ => app.client.post(&url),
                    };
                    let a = crate::common::answer(
                        request
                            .header("content-type", media_type.as_str())
                            .body(body)
                            .send()
                            .await,
                    )
                    .await;
                    assert_eq!(
                        a.status, 200,
                        "{id} with its {media_type} example: {}",
                        a.body
                    );
                    tried += 1;
                }
            }
        }
    }
    assert_eq!(
        tried,
        10 + 1 + 7 + 3 + 3,
        "every body-taking operation of the four specs, the CSV form of the import too"
    );
}
