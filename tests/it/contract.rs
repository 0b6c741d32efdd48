//! The server takes what its published specs take and refuses what they refuse, each refusal a
//! 400 naming the field: the disagreements contract fuzzing (tests/fuzz/run) found, one test
//! each.

use serde_json::{json, Value};

use crate::common::guide::create_request;
use crate::common::{demo_session, spawn_app, violated_fields};

fn legacy_create() -> Value {
    create_request()
}

#[tokio::test]
async fn an_array_where_an_object_belongs_is_refused_naming_it() {
    let app = spawn_app().await;
    let mut body = legacy_create();
    body["customer_info"] = json!([null, null]);
    let a = app.post("/v1/cos/session.create", &body).await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(violated_fields(&a.body), ["customer_info"]);
    assert!(
        a.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("invalid type: sequence"),
        "{}",
        a.body
    );
    let mut body = demo_session();
    body["deliveries"][0]["recipient_contact"]["address"]["coordinates"] = json!([59.3, 18.0]);
    let a = app.post("/v1/sessions", &body).await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(
        violated_fields(&a.body),
        ["deliveries[0].recipient_contact.address.coordinates"]
    );
}
