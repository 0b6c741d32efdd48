//! Tenant isolation, swept over every operation of the four published specs: each is called on
//! merchant A's resources with merchant B's key, with B's session token and with the token of
//! another of A's sessions, and must answer exactly as it does for ids nobody holds (same
//! status, same error, byte for byte once the ids are masked) while A's stored state stays as
//! it was. The operations are read from `openapi/*.json`: one without a row here fails the
//! sweep, so a new endpoint cannot escape it.
//!
//! The same sweep keeps the merchant's live and test data apart: A's test resources are probed
//! with A's live key and a live session's token, and A's live resources with A's test key and
//! a test session's token, on every session, order and event operation (the configuration and
//! the keys are the merchant's, in both modes, so those operations are not part of that sweep).
//!
//! Beside the sweep: ids a client chooses (session ids, `request_id`s) belong to their
//! merchant, so another merchant's use of an id neither blocks nor reveals it.

use std::collections::BTreeSet;
use std::sync::Arc;

use poem::http::Method;
use serde_json::{json, Value};

use crate::common::{
    answer, demo_session, reason, spawn_app, Answer, TestApp, DEMO_TENANT, MERCHANT,
};
use domain::{EventId, SessionId, TransportOrderId};
use service::auth::DEMO_API_KEY;

/// In every session of A that carries it; it must never reach another merchant's answer.
const MARKER: &str = "a-private-marker@example.com";

/// The ids a request names: A's (the "known" target) or fresh ones nobody holds.
#[derive(Debug, Clone)]
struct Ids {
    /// An active session.
    session: String,
    /// A completed session, with its transport order and events.
    completed: String,
    /// A session re-opened from `order`.
    reopened: String,
    order: String,
    event: String,
    /// A session id chosen by A's client at creation.
    chosen_id: String,
    /// The `request_id` of a create, sent again with the same body.
    request_id: String,
    /// The `request_id` of a create, sent again with another body.
    request_id_other: String,
    /// The `request_id` of the create that re-opened `order`.
    reopen_request_id: String,
    external_id: String,
    session_etag: String,
    order_etag: String,
    /// The merchant whose configuration a request names (A's own: `demo`). Not masked: the
    /// answers to a foreign caller must not name it at all.
    merchant: String,
    /// One of the merchant's API keys, by id.
    api_key: String,
}

fn random_ulid() -> String {
    // A random 128-bit value spelled as a ULID: no row anywhere has it.
    TransportOrderId::from_ulid_bits(uuid::Uuid::new_v4().as_u128())
        .as_str()
        .to_owned()
}

impl Ids {
    fn fresh() -> Self {
        let uuid = || uuid::Uuid::new_v4().to_string();
        Self {
            session: uuid(),
            completed: uuid(),
            reopened: uuid(),
            order: random_ulid(),
            event: random_ulid(),
            chosen_id: uuid(),
            request_id: format!("req-{}", uuid()),
            request_id_other: format!("req-{}", uuid()),
            reopen_request_id: format!("req-{}", uuid()),
            external_id: format!("ext-{}", uuid()),
            session_etag: format!("{:016x}", uuid::Uuid::new_v4().as_u64_pair().0),
            order_etag: format!("{:016x}", uuid::Uuid::new_v4().as_u64_pair().0),
            merchant: format!("m-{}", uuid::Uuid::new_v4().simple()),
            api_key: random_ulid().to_lowercase(),
        }
    }

    /// Each id with its name and every spelling an answer may use for it, longest first.
    fn spellings(&self) -> Vec<(&'static str, Vec<String>)> {
        let session = |id: &str| {
            let simple = id.replace('-', "");
            vec![id.to_owned(), simple.to_uppercase(), simple]
        };
        let ulid = |id: &str| vec![id.to_owned(), id.to_lowercase()];
        vec![
            ("session", session(&self.session)),
            ("completed", session(&self.completed)),
            ("reopened", session(&self.reopened)),
            ("chosen_id", session(&self.chosen_id)),
            ("order", ulid(&self.order)),
            ("event", ulid(&self.event)),
            ("request_id", vec![self.request_id.clone()]),
            ("request_id_other", vec![self.request_id_other.clone()]),
            ("reopen_request_id", vec![self.reopen_request_id.clone()]),
            ("external_id", vec![self.external_id.clone()]),
            ("session_etag", vec![self.session_etag.clone()]),
            ("order_etag", vec![self.order_etag.clone()]),
        ]
    }

    /// `text` with every id of this set replaced by its name, and the request's own trace id
    /// (every error envelope names it, and it differs per request) by `<trace>`.
    fn mask(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for (name, spellings) in self.spellings() {
            for s in spellings {
                out = out.replace(&s, &format!("<{name}>"));
            }
        }
        mask_trace_ids(&out)
    }
}

/// Replaces each `"trace_id":"<32 hex>"` with `"trace_id":"<trace>"`.
fn mask_trace_ids(text: &str) -> String {
    const KEY: &str = "\"trace_id\":\"";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(KEY) {
        let (head, tail) = rest.split_at(at + KEY.len());
        out.push_str(head);
        let end = tail.find('"').unwrap_or(tail.len());
        out.push_str("<trace>");
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// One request of a probe.
#[derive(Debug, Clone)]
struct Req {
    method: Method,
    uri: String,
    body: Option<Value>,
    if_none_match: Option<String>,
}

impl Req {
    fn get(uri: String) -> Self {
        Self {
            method: Method::GET,
            uri,
            body: None,
            if_none_match: None,
        }
    }

    fn post(uri: String, body: Value) -> Self {
        Self {
            method: Method::POST,
            uri,
            body: Some(body),
            if_none_match: None,
        }
    }

    fn patch(uri: String, body: Value) -> Self {
        Self {
            method: Method::PATCH,
            ..Self::post(uri, body)
        }
    }

    fn if_none_match(mut self, etag: &str) -> Self {
        self.if_none_match = Some(format!("\"{etag}\""));
        self
    }

    /// Everything the request says, to tell an id it named from one it was told.
    fn text(&self) -> String {
        format!(
            "{} {} {}",
            percent_decode(&self.uri),
            self.body.as_ref().map(Value::to_string).unwrap_or_default(),
            self.if_none_match.clone().unwrap_or_default()
        )
    }
}

/// How much of a successful answer must match the unknown-id answer: a list is the same list;
/// a create makes a new resource each time, so only its status and shape can match. An error
/// always matches in full.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Same {
    Body,
    Status,
}

type Probes = fn(&Ids) -> Vec<Req>;

/// Every operation of the four specs: (method, spec path, what must match, its probes). A probe
/// built from A's ids targets A's resources; built from fresh ids it targets nothing.
fn table() -> Vec<(&'static str, &'static str, Same, Probes)> {
    vec![
        // --- headless: the merchant's configuration ---
        (
            "GET",
            "/v1/merchants/{merchant}/deliveryConfig",
            Same::Body,
            |i| {
                vec![Req::get(format!(
                    "/v1/merchants/{}/deliveryConfig",
                    i.merchant
                ))]
            },
        ),
        (
            "PATCH",
            "/v1/merchants/{merchant}/deliveryConfig",
            Same::Body,
            |i| {
                vec![Req::patch(
                    format!("/v1/merchants/{}/deliveryConfig", i.merchant),
                    example("updateDeliveryConfig", i),
                )]
            },
        ),
        (
            "GET",
            "/v1/merchants/{merchant}/deliveryConfig/revisions",
            Same::Body,
            |i| {
                vec![Req::get(format!(
                    "/v1/merchants/{}/deliveryConfig/revisions",
                    i.merchant
                ))]
            },
        ),
        (
            "GET",
            "/v1/merchants/{merchant}/auditEvents",
            Same::Body,
            |i| {
                vec![Req::get(format!(
                    "/v1/merchants/{}/auditEvents",
                    i.merchant
                ))]
            },
        ),
        (
            "GET",
            "/v1/merchants/{merchant}/deliveryConfig/revisions/{revision}",
            Same::Body,
            |i| {
                vec![Req::get(format!(
                    "/v1/merchants/{}/deliveryConfig/revisions/1",
                    i.merchant
                ))]
            },
        ),
        (
            "POST",
            "/v1/merchants/{merchant}/deliveryConfig:preview",
            Same::Body,
            |i| {
                vec![Req::post(
                    format!("/v1/merchants/{}/deliveryConfig:preview", i.merchant),
                    example("previewDeliveryConfig", i),
                )]
            },
        ),
        (
            "POST",
            "/v1/merchants/{merchant}/apiKeys",
            Same::Body,
            |i| {
                vec![Req::post(
                    format!("/v1/merchants/{}/apiKeys", i.merchant),
                    example("createApiKey", i),
                )]
            },
        ),
        ("GET", "/v1/merchants/{merchant}/apiKeys", Same::Body, |i| {
            vec![Req::get(format!("/v1/merchants/{}/apiKeys", i.merchant))]
        }),
        (
            "POST",
            "/v1/merchants/{merchant}/apiKeys/{api_key}:revoke",
            Same::Body,
            |i| {
                vec![Req::post(
                    format!("/v1/merchants/{}/apiKeys/{}:revoke", i.merchant, i.api_key),
                    json!({}),
                )]
            },
        ),
        (
            "POST",
            "/v1/merchants/{merchant}/pickupPoints:import",
            Same::Body,
            |i| {
                vec![Req::post(
                    format!("/v1/merchants/{}/pickupPoints:import", i.merchant),
                    example("importPickupPoints", i),
                )]
            },
        ),
        (
            "GET",
            "/v1/merchants/{merchant}/pickupPoints",
            Same::Body,
            |i| {
                vec![Req::get(format!(
                    "/v1/merchants/{}/pickupPoints",
                    i.merchant
                ))]
            },
        ),
        (
            "GET",
            "/v1/merchants/{merchant}/pickupPoints/{pickup_point}",
            Same::Body,
            |i| {
                vec![Req::get(format!(
                    "/v1/merchants/{}/pickupPoints/pn-sto-007",
                    i.merchant
                ))]
            },
        ),
        // --- headless ---
        ("GET", "/v1/events", Same::Body, |i| {
            vec![Req::get(format!(
                "/v1/events?filter={}",
                q(&format!("session = \"sessions/{}\"", i.completed))
            ))]
        }),
        ("GET", "/v1/events/{event}", Same::Body, |i| {
            vec![
                Req::get(format!("/v1/events/{}", i.event)),
                Req::get(format!("/v1/events/{}", i.event.to_lowercase())),
            ]
        }),
        ("POST", "/v1/events/{event}:redeliver", Same::Body, |i| {
            vec![Req::post(
                format!("/v1/events/{}:redeliver", i.event),
                json!({}),
            )]
        }),
        ("GET", "/v1/sessions", Same::Body, |i| {
            vec![Req::get(format!(
                "/v1/sessions?page_size=1000&filter={}",
                q(&format!("external_id = \"{}\"", i.external_id))
            ))]
        }),
        ("POST", "/v1/sessions", Same::Status, |i| {
            let body = example("createSession", i);
            let mut other_body = body.clone();
            other_body["external_id"] = json!("a different request");
            vec![
                Req::post(
                    format!("/v1/sessions?session_id={}", i.chosen_id),
                    demo_session(),
                ),
                Req::post(format!("/v1/sessions?request_id={}", i.request_id), body),
                Req::post(
                    format!("/v1/sessions?request_id={}", i.request_id_other),
                    other_body,
                ),
            ]
        }),
        ("GET", "/v1/sessions/{session}", Same::Body, |i| {
            vec![
                Req::get(format!("/v1/sessions/{}", i.session)),
                Req::get(format!("/v1/sessions/{}", i.session)).if_none_match(&i.session_etag),
                Req::get(format!("/v1/sessions/{}", i.completed)),
            ]
        }),
        ("PATCH", "/v1/sessions/{session}", Same::Body, |i| {
            vec![
                Req::patch(
                    format!("/v1/sessions/{}", i.session),
                    example("updateSession", i),
                ),
                // What a session token may do on its own session.
                Req::patch(
                    format!("/v1/sessions/{}?update_mask=search_address", i.session),
                    json!({"search_address": {"country_code": "SE", "postal_code": "11743",
                                              "address_lines": []}}),
                ),
                Req::patch(
                    format!("/v1/sessions/{}?update_mask=external_id", i.session),
                    json!({"external_id": "taken over", "etag": i.session_etag}),
                ),
            ]
        }),
        (
            "POST",
            "/v1/sessions/{session}:chooseDeliveryOptions",
            Same::Body,
            |i| {
                vec![Req::post(
                    format!("/v1/sessions/{}:chooseDeliveryOptions", i.session),
                    example("chooseDeliveryOptions", i),
                )]
            },
        ),
        ("POST", "/v1/sessions/{session}:complete", Same::Body, |i| {
            vec![
                Req::post(
                    format!("/v1/sessions/{}:complete", i.session),
                    example("completeSession", i),
                ),
                Req::post(format!("/v1/sessions/{}:complete", i.completed), json!({})),
            ]
        }),
        ("POST", "/v1/sessions/{session}:refresh", Same::Body, |i| {
            vec![Req::post(
                format!("/v1/sessions/{}:refresh", i.session),
                example("refreshSession", i),
            )]
        }),
        (
            "POST",
            "/v1/sessions:createFromTransportOrder",
            Same::Body,
            |i| {
                vec![
                    Req::post(
                        "/v1/sessions:createFromTransportOrder".into(),
                        example("createSessionFromTransportOrder", i),
                    ),
                    Req::post(
                        "/v1/sessions:createFromTransportOrder".into(),
                        json!({"transport_order": format!("transportOrders/{}", i.order),
                               "request_id": i.reopen_request_id}),
                    ),
                ]
            },
        ),
        ("GET", "/v1/transportOrders", Same::Body, |i| {
            vec![Req::get(format!(
                "/v1/transportOrders?filter={}",
                q(&format!("session = \"sessions/{}\"", i.completed))
            ))]
        }),
        (
            "GET",
            "/v1/transportOrders/{transport_order}",
            Same::Body,
            |i| {
                vec![
                    Req::get(format!("/v1/transportOrders/{}", i.order)),
                    Req::get(format!("/v1/transportOrders/{}", i.order.to_lowercase()))
                        .if_none_match(&i.order_etag),
                ]
            },
        ),
        // --- COS ---
        ("GET", "/v1/cos/location.search", Same::Body, |i| {
            vec![Req::get(format!(
                "/v1/cos/location.search?id={}&query=Demo",
                i.session
            ))]
        }),
        ("POST", "/v1/cos/session.addLocation", Same::Body, |i| {
            vec![Req::post(
                "/v1/cos/session.addLocation".into(),
                example("cosAddLocationToSession", i),
            )]
        }),
        ("POST", "/v1/cos/session.complete", Same::Body, |i| {
            vec![Req::post(
                "/v1/cos/session.complete".into(),
                example("cosCompleteSession", i),
            )]
        }),
        (
            "POST",
            "/v1/cos/session.completeAndPromote",
            Same::Body,
            |i| {
                vec![Req::post(
                    "/v1/cos/session.completeAndPromote".into(),
                    example("cosCompleteSessionAndPromote", i),
                )]
            },
        ),
        (
            "POST",
            "/v1/cos/session.completeAndUpdateOrder",
            Same::Body,
            |i| {
                let mut body = example("cosCompleteSessionAndUpdateOrder", i);
                body["id"] = json!(i.reopened);
                vec![Req::post(
                    "/v1/cos/session.completeAndUpdateOrder".into(),
                    body,
                )]
            },
        ),
        ("POST", "/v1/cos/session.create", Same::Status, |i| {
            vec![Req::post(
                "/v1/cos/session.create".into(),
                example("cosCreateSession", i),
            )]
        }),
        ("POST", "/v1/cos/session.createFromOrder", Same::Body, |i| {
            vec![Req::post(
                "/v1/cos/session.createFromOrder".into(),
                example("cosCreateSessionFromOrder", i),
            )]
        }),
        ("GET", "/v1/cos/session.get", Same::Body, |i| {
            vec![
                Req::get(format!("/v1/cos/session.get?id={}", i.session)),
                Req::get(format!(
                    "/v1/cos/session.get?id=VM2-{}",
                    i.completed.replace('-', "")
                )),
            ]
        }),
        ("POST", "/v1/cos/session.update", Same::Body, |i| {
            vec![Req::post(
                "/v1/cos/session.update".into(),
                example("cosUpdateSession", i),
            )]
        }),
        // --- SIW ---
        ("POST", "/v1/siw/session.complete", Same::Body, |i| {
            vec![Req::post(
                "/v1/siw/session.complete".into(),
                example("siwCompleteSession", i),
            )]
        }),
        ("POST", "/v1/siw/session.create", Same::Status, |i| {
            vec![Req::post(
                "/v1/siw/session.create".into(),
                example("siwCreateSession", i),
            )]
        }),
        ("GET", "/v1/siw/session.get", Same::Body, |i| {
            vec![Req::get(format!("/v1/siw/session.get?id={}", i.session))]
        }),
        ("POST", "/v1/siw/session.update", Same::Body, |i| {
            vec![Req::post(
                "/v1/siw/session.update".into(),
                example("siwUpdateSession", i),
            )]
        }),
        // --- Delivery Checkout ---
        (
            "POST",
            "/v1/delivery_checkout/session.complete",
            Same::Body,
            |i| {
                vec![Req::post(
                    "/v1/delivery_checkout/session.complete".into(),
                    example("deliveryCheckoutCompleteSession", i),
                )]
            },
        ),
        (
            "POST",
            "/v1/delivery_checkout/session.create",
            Same::Status,
            |i| {
                vec![Req::post(
                    "/v1/delivery_checkout/session.create".into(),
                    example("deliveryCheckoutCreateSession", i),
                )]
            },
        ),
        (
            "GET",
            "/v1/delivery_checkout/session.get",
            Same::Body,
            |i| {
                vec![
                    Req::get(format!(
                        "/v1/delivery_checkout/session.get?checkout_session_id=VM2-{}",
                        i.session.replace('-', "")
                    )),
                    Req::get(format!(
                        "/v1/delivery_checkout/session.get?checkout_session_id={}",
                        i.completed
                    )),
                ]
            },
        ),
        (
            "GET",
            "/v1/delivery_checkout/session.pull",
            Same::Body,
            |i| {
                vec![Req::get(format!(
                    "/v1/delivery_checkout/session.pull?checkout_session_id=VM2-{}",
                    i.session.replace('-', "")
                ))]
            },
        ),
        (
            "POST",
            "/v1/delivery_checkout/session.update",
            Same::Body,
            |i| {
                vec![Req::post(
                    "/v1/delivery_checkout/session.update".into(),
                    example("deliveryCheckoutUpdateSession", i),
                )]
            },
        ),
    ]
}

/// The spec's request example for `operation`, naming the ids of `ids`.
fn example(operation: &str, ids: &Ids) -> Value {
    let example = api::examples::headless()
        .into_iter()
        .chain(api::examples::cos())
        .chain(api::examples::siw())
        .chain(api::examples::delivery_checkout())
        .find(|(id, _)| *id == operation)
        .map(|(_, e)| e)
        .unwrap_or_else(|| panic!("no example for {operation}"))
        .to_string()
        .replace(api::examples::EXAMPLE_SESSION, &ids.session)
        .replace(
            api::examples::EXAMPLE_CHECKOUT_SESSION,
            &format!("VM2-{}", ids.session.replace('-', "")),
        )
        .replace(api::examples::EXAMPLE_ORDER, &ids.order);
    serde_json::from_str(&example).unwrap()
}

/// A query value, percent-encoded.
fn q(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| text.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every (method, path) of the four checked-in specs.
fn spec_operations() -> BTreeSet<(String, String)> {
    let mut operations = BTreeSet::new();
    for name in ["headless", "cos", "siw", "delivery-checkout"] {
        let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("openapi")
            .join(format!("{name}.json"));
        let spec: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        for (path, item) in spec["paths"].as_object().unwrap() {
            for method in item.as_object().unwrap().keys() {
                if ["get", "put", "post", "patch", "delete"].contains(&method.as_str()) {
                    operations.insert((method.to_uppercase(), path.clone()));
                }
            }
        }
    }
    operations
}

async fn send(app: &TestApp, req: &Req, credential: &str) -> Answer {
    let mut r = app
        .anon
        .request(req.method.clone(), &req.uri)
        .header("authorization", format!("Bearer {credential}"));
    if let Some(etag) = &req.if_none_match {
        r = r.header("if-none-match", etag.clone());
    }
    if let Some(body) = &req.body {
        r = r.body_json(body);
    }
    answer(r.send().await).await
}

/// Whose resources a fixture makes: the demo key's (the demo merchant's test data), or those
/// of a live key of the same merchant.
struct Owner {
    key: String,
    /// What its sessions are stored under.
    tenant: String,
}

impl Owner {
    fn demo() -> Self {
        Self {
            key: DEMO_API_KEY.to_owned(),
            tenant: DEMO_TENANT.to_owned(),
        }
    }

    async fn live(app: &TestApp) -> Self {
        Self {
            key: app.core.auth.create_key(MERCHANT).await.unwrap().key,
            tenant: MERCHANT.to_owned(),
        }
    }
}

/// What merchant A holds, and the credentials that must not reach it.
struct Fixture {
    owner: Owner,
    a: Ids,
    /// Every session A holds.
    a_sessions: Vec<String>,
    /// The session tokens of A's sessions: never in another merchant's answer.
    a_tokens: Vec<String>,
    b_key: String,
    /// B's own session's token.
    b_token: String,
    /// The token of another of A's sessions.
    sibling_token: String,
}

fn name_of(body: &Value) -> String {
    SessionId::parse(body["name"].as_str().unwrap())
        .unwrap()
        .to_string()
}

fn ok(a: Answer) -> Value {
    assert_eq!(a.status, 200, "{}", a.body);
    a.body
}

async fn token(app: &TestApp, merchant: &str, id: &str) -> String {
    app.service
        .get(merchant, SessionId::parse(id).unwrap())
        .await
        .unwrap()
        .token
}

/// A's resources: an active session with an external id, a sibling, a completed session with
/// its order and events, a session re-opening that order, sessions made with a chosen id and
/// with `request_id`s; and B's key and a session of B. All made with `owner`'s key.
async fn fixture(app: &TestApp, owner: Owner) -> Fixture {
    let key = owner.key.clone();
    let call = |req: Req| {
        let key = key.clone();
        async move { send(app, &req, &key).await }
    };
    let post = |uri: &str, body: &Value| call(Req::post(uri.to_owned(), body.clone()));
    let get = |uri: &str| call(Req::get(uri.to_owned()));
    let mut a = Ids::fresh();
    a.merchant = MERCHANT.to_owned();
    a.api_key = app.core.auth.create_key(MERCHANT).await.unwrap().record.id;
    let mut marked = demo_session();
    marked["deliveries"][0]["recipient_contact"]["email"] = json!(MARKER);

    let mut active = marked.clone();
    active["external_id"] = json!(a.external_id);
    let s1 = ok(post("/v1/sessions", &active).await);
    a.session = name_of(&s1);
    a.session_etag = s1["etag"].as_str().unwrap().to_owned();

    let sibling = name_of(&ok(post("/v1/sessions", &marked).await));

    let done = name_of(&ok(post("/v1/sessions", &marked).await));
    let completed = ok(post(
        &format!("/v1/sessions/{done}:complete"),
        &json!({"request_id": "a-complete"}),
    )
    .await);
    a.completed = done;
    a.order = completed["deliveries"][0]["tos_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let order = ok(get(&format!("/v1/transportOrders/{}", a.order)).await);
    a.order_etag = order["etag"].as_str().unwrap().to_owned();
    let events = ok(get(&format!(
        "/v1/events?filter={}",
        q(&format!("session = \"sessions/{}\"", a.completed))
    ))
    .await);
    a.event = EventId::parse(events["events"][0]["name"].as_str().unwrap())
        .unwrap()
        .as_str()
        .to_owned();

    let reopened = ok(post(
        "/v1/sessions:createFromTransportOrder",
        &json!({"transport_order": a.order, "request_id": a.reopen_request_id}),
    )
    .await);
    a.reopened = name_of(&reopened);

    let chosen = ok(post(&format!("/v1/sessions?session_id={}", a.chosen_id), &marked).await);
    assert_eq!(name_of(&chosen), a.chosen_id);
    let by_request = name_of(&ok(post(
        &format!("/v1/sessions?request_id={}", a.request_id),
        &example("createSession", &a),
    )
    .await));
    let by_other_request = name_of(&ok(post(
        &format!("/v1/sessions?request_id={}", a.request_id_other),
        &example("createSession", &a),
    )
    .await));

    let a_sessions = vec![
        a.session.clone(),
        sibling.clone(),
        a.completed.clone(),
        a.reopened.clone(),
        a.chosen_id.clone(),
        by_request,
        by_other_request,
    ];
    let mut a_tokens = Vec::new();
    for id in &a_sessions {
        a_tokens.push(token(app, &owner.tenant, id).await);
    }

    let b_key = app.core.auth.create_key("other").await.unwrap().key;
    let b_session = name_of(&ok(send(
        app,
        &Req::post("/v1/sessions".into(), demo_session()),
        &b_key,
    )
    .await));
    Fixture {
        b_token: token(app, "other", &b_session).await,
        sibling_token: token(app, &owner.tenant, &sibling).await,
        owner,
        a,
        a_sessions,
        a_tokens,
        b_key,
    }
}

/// Everything A can read, read with A's key: each resource with its etag, and every list.
async fn snapshot(app: &TestApp, fx: &Fixture) -> Value {
    let mut reads = Vec::new();
    let mut uris: Vec<String> = fx
        .a_sessions
        .iter()
        .map(|id| format!("/v1/sessions/{id}"))
        .collect();
    uris.push(format!("/v1/transportOrders/{}", fx.a.order));
    uris.push(format!("/v1/events/{}", fx.a.event));
    uris.push("/v1/sessions?page_size=1000".into());
    uris.push("/v1/transportOrders?page_size=1000".into());
    uris.push("/v1/events?page_size=1000".into());
    uris.push(format!("/v1/merchants/{MERCHANT}/deliveryConfig"));
    uris.push(format!("/v1/merchants/{MERCHANT}/deliveryConfig/revisions"));
    uris.push(format!("/v1/merchants/{MERCHANT}/auditEvents"));
    uris.push(format!("/v1/merchants/{MERCHANT}/apiKeys"));
    uris.push(format!(
        "/v1/merchants/{MERCHANT}/pickupPoints?page_size=1000"
    ));
    for uri in uris {
        let a = send(app, &Req::get(uri.clone()), &fx.owner.key).await;
        reads.push(json!({"uri": uri, "status": a.status, "etag": a.etag_header, "body": a.body}));
    }
    Value::Array(reads)
}

/// The structure of a JSON value without its scalars.
fn shape(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), shape(v))).collect()),
        Value::Array(items) => Value::Array(items.iter().take(1).map(shape).collect()),
        _ => Value::Null,
    }
}

/// No answer to a foreign caller carries A's marker or tokens, or an id of A's that the
/// request did not name itself.
fn assert_tells_nothing(fx: &Fixture, req: &Req, a: &Answer, what: &str) {
    let text = a.body.to_string();
    assert!(!text.contains(MARKER), "{what}: A's data leaked: {text}");
    for t in &fx.a_tokens {
        assert!(!text.contains(t.as_str()), "{what}: A's token leaked");
    }
    let asked = req.text();
    let mut ids: Vec<Vec<String>> = fx
        .a_sessions
        .iter()
        .map(|id| vec![id.clone(), id.replace('-', "")])
        .collect();
    ids.push(vec![fx.a.order.clone(), fx.a.order.to_lowercase()]);
    ids.push(vec![fx.a.event.clone(), fx.a.event.to_lowercase()]);
    for spellings in ids {
        let told = spellings.iter().any(|s| text.contains(s.as_str()));
        let named = spellings.iter().any(|s| asked.contains(s.as_str()));
        assert!(
            !told || named,
            "{what}: the answer names A's `{}`, which the request did not: {text}",
            spellings[0]
        );
    }
}

#[tokio::test]
async fn every_operation_of_every_spec_has_a_row_in_the_sweep() {
    let rows: BTreeSet<(String, String)> = table()
        .iter()
        .map(|(m, p, _, _)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(rows.len(), table().len(), "one row per operation");
    let specs = spec_operations();
    let missing: Vec<_> = specs.difference(&rows).collect();
    let stale: Vec<_> = rows.difference(&specs).collect();
    assert!(
        missing.is_empty(),
        "operations without a tenancy row in tests/it/tenancy.rs: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "rows for operations no spec has: {stale:?}"
    );
}

#[tokio::test]
async fn no_operation_reads_or_writes_across_merchants_or_sessions() {
    let app = spawn_app().await;
    let fx = fixture(&app, Owner::demo()).await;
    let credentials = [
        ("merchant B's key", fx.b_key.clone()),
        ("merchant B's session token", fx.b_token.clone()),
        ("another A session's token", fx.sibling_token.clone()),
    ];
    let checked = sweep(&app, &fx, &credentials, |_| true).await;
    assert_eq!(checked, spec_operations().len() * credentials.len());
}

/// The configuration, its revisions, the audit trail and the keys belong to the merchant and
/// serve both modes; everything else is live or test data.
fn is_merchant_wide(path: &str) -> bool {
    path.starts_with("/v1/merchants/")
}

#[tokio::test]
async fn no_operation_reads_or_writes_across_live_and_test_mode() {
    for owner_is_test in [true, false] {
        let app = spawn_app().await;
        let live = Owner::live(&app).await;
        let (owner, other) = if owner_is_test {
            (Owner::demo(), live)
        } else {
            (live, Owner::demo())
        };
        let other_session = name_of(&ok(send(
            &app,
            &Req::post("/v1/sessions".into(), demo_session()),
            &other.key,
        )
        .await));
        let other_token = token(&app, &other.tenant, &other_session).await;
        let mode = |test: bool| if test { "test" } else { "live" };
        let credentials = [
            (
                format!("A's {} key", mode(!owner_is_test)),
                other.key.clone(),
            ),
            (
                format!("a {} session's token", mode(!owner_is_test)),
                other_token,
            ),
        ];
        let fx = fixture(&app, owner).await;
        let rows = sweep(&app, &fx, &credentials, |path| !is_merchant_wide(path)).await;
        let data_operations = spec_operations()
            .iter()
            .filter(|(_, path)| !is_merchant_wide(path))
            .count();
        assert_eq!(rows, data_operations * credentials.len());
    }
}

/// Calls every operation `include` takes, on A's resources and on ids nobody holds, with each
/// credential, and holds each answer to the rules above; how many (operation, credential)
/// pairs it checked.
async fn sweep<W: AsRef<str>>(
    app: &TestApp,
    fx: &Fixture,
    credentials: &[(W, String)],
    include: impl Fn(&str) -> bool,
) -> usize {
    let before = snapshot(app, fx).await;
    let mut checked = BTreeSet::new();
    let mut probes = 0;
    for (method, path, same, build) in table().into_iter().filter(|row| include(row.1)) {
        for (who, credential) in credentials {
            let who = who.as_ref();
            let unknown = Ids::fresh();
            for (known_req, unknown_req) in build(&fx.a).into_iter().zip(build(&unknown)) {
                let what = format!("{method} {path} with {who}: {}", known_req.uri);
                let known = send(app, &known_req, credential).await;
                let other = send(app, &unknown_req, credential).await;
                assert!(
                    matches!(known.status, 200 | 403 | 404),
                    "{what}: a foreign caller is refused as for a missing id, or served its \
                     own: {} {}",
                    known.status,
                    known.body
                );
                assert_eq!(
                    known.status, other.status,
                    "{what}: A's resource answers {} {}, an unknown one {} {}",
                    known.status, known.body, other.status, other.body
                );
                if known.status != 200 || same == Same::Body {
                    assert_eq!(
                        fx.a.mask(&known.body.to_string()),
                        unknown.mask(&other.body.to_string()),
                        "{what}: the answer tells A's resource from a missing one"
                    );
                    assert_eq!(reason(&known.body), reason(&other.body), "{what}");
                } else {
                    assert_eq!(shape(&known.body), shape(&other.body), "{what}");
                }
                assert_tells_nothing(fx, &known_req, &known, &what);
                let after = snapshot(app, fx).await;
                assert!(after == before, "{what}: changed A's stored state");
                probes += 1;
            }
            checked.insert((method, path, who.to_owned()));
        }
    }
    assert!(probes >= checked.len());
    checked.len()
}

/// The sweep means something only if its probes reach A's resources: with A's own key each
/// answers differently from the same probe on ids nobody holds.
#[tokio::test]
async fn each_probe_of_the_sweep_reaches_the_owners_resource() {
    for owner_is_test in [true, false] {
        let app = spawn_app().await;
        let owner = if owner_is_test {
            Owner::demo()
        } else {
            Owner::live(&app).await
        };
        probes_reach_the_owner(&app, &fixture(&app, owner).await).await;
    }
}

async fn probes_reach_the_owner(app: &TestApp, fx: &Fixture) {
    for (method, path, _, build) in table() {
        let unknown = Ids::fresh();
        for (known_req, unknown_req) in build(&fx.a).into_iter().zip(build(&unknown)) {
            if known_req.text() == unknown_req.text() {
                // A create that names no id: nothing of A's to reach.
                continue;
            }
            let what = format!("{method} {path}: {}", known_req.uri);
            let other = send(app, &unknown_req, &fx.owner.key).await;
            let known = send(app, &known_req, &fx.owner.key).await;
            assert!(known.status < 500, "{what}: {}", known.body);
            assert!(
                known.status != other.status
                    || fx.a.mask(&known.body.to_string()) != unknown.mask(&other.body.to_string()),
                "{what}: the owner gets what an unknown id gets ({} {}); the probe reaches \
                 nothing",
                known.status,
                known.body
            );
        }
    }
}

fn pickup_price(session: &Value) -> Value {
    session["deliveries"][0]["delivery_categories"][0]["delivery_options"][0]["price"].clone()
}

/// A session id chosen by B's client that A already uses: B gets a session of its own, as for
/// any unused id; each merchant's key, tokens, writes, completions, orders and events then
/// stay with its own session of that id.
#[tokio::test]
async fn a_session_id_another_merchant_uses_is_free_and_each_keeps_its_own() {
    let app = spawn_app().await;
    let b = app.core.auth.create_key("other").await.unwrap().key;
    let id = uuid::Uuid::new_v4().to_string();
    let mut ours_body = demo_session();
    ours_body["deliveries"][0]["recipient_contact"]["email"] = json!(MARKER);
    let ours = ok(app
        .post(&format!("/v1/sessions?session_id={id}"), &ours_body)
        .await);
    let create = Req::post(format!("/v1/sessions?session_id={id}"), demo_session());
    let theirs = ok(send(&app, &create, &b).await);
    assert_eq!(theirs["name"], format!("sessions/{id}"));
    assert_eq!(pickup_price(&theirs), "5900", "priced by B's configuration");
    assert!(!theirs.to_string().contains(MARKER));
    let again = send(&app, &create, &b).await;
    assert_eq!(again.status, 409, "B's own id is taken: {}", again.body);
    assert_eq!(reason(&again.body), "SESSION_EXISTS");

    let read_ours = ok(app.get(&format!("/v1/sessions/{id}")).await);
    assert_eq!(read_ours, ours);
    let read_theirs = ok(send(&app, &Req::get(format!("/v1/sessions/{id}")), &b).await);
    assert_eq!(read_theirs, theirs);

    // Each token opens its own merchant's session of that id, and only that one.
    let our_token = token(&app, DEMO_TENANT, &id).await;
    let their_token = token(&app, "other", &id).await;
    assert_ne!(our_token, their_token);
    let choose = |option: &str| {
        Req::post(
            format!("/v1/sessions/{id}:chooseDeliveryOptions"),
            json!({"delivery_choices": [{"delivery_id": "d1", "option_id": option}]}),
        )
    };
    let chosen = ok(send(&app, &choose("home.budbee-home"), &their_token).await);
    assert!(!chosen.to_string().contains(MARKER));
    assert_eq!(
        ok(app.get(&format!("/v1/sessions/{id}")).await),
        ours,
        "B's token changed only B's session"
    );
    ok(send(&app, &choose("home.pnl-mph"), &our_token).await);
    let theirs_now = ok(send(&app, &Req::get(format!("/v1/sessions/{id}")), &b).await);
    assert_eq!(
        theirs_now["etag"], chosen["etag"],
        "A's token left B's alone"
    );

    // One request id completing both: two completions, two orders, each merchant's events.
    let complete = Req::post(
        format!("/v1/sessions/{id}:complete"),
        json!({"request_id": "same-request"}),
    );
    let our_done = ok(send(&app, &complete, DEMO_API_KEY).await);
    let their_done = ok(send(&app, &complete, &b).await);
    let our_order = our_done["deliveries"][0]["tos_id"].as_str().unwrap();
    let their_order = their_done["deliveries"][0]["tos_id"].as_str().unwrap();
    assert_ne!(our_order, their_order);
    assert_eq!(
        ok(send(&app, &complete, &b).await),
        their_done,
        "a retry replays B's own completion"
    );
    let by_session = |collection: &str| {
        Req::get(format!(
            "/v1/{collection}?view=FULL&filter={}",
            q(&format!("session = \"sessions/{id}\""))
        ))
    };
    for (key, order, merchant) in [
        (DEMO_API_KEY, our_order, MERCHANT),
        (b.as_str(), their_order, "other"),
    ] {
        let orders = ok(send(&app, &by_session("transportOrders"), key).await);
        let names: Vec<&str> = orders["transport_orders"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, [format!("transportOrders/{order}")], "{merchant}");
        let events = ok(send(&app, &by_session("events"), key).await);
        let events = events["events"].as_array().unwrap();
        assert_eq!(
            events.len(),
            2,
            "{merchant}: session.completed and the order"
        );
        for e in events {
            assert_eq!(e["payload"]["merchant_id"], merchant, "{e}");
        }
    }
}

/// `request_id`s are the merchant's own too: A's id sent by B, with A's body or another, is a
/// request B never made, on every method that takes one.
#[tokio::test]
async fn request_ids_belong_to_their_merchant() {
    let app = spawn_app().await;
    let b = app.core.auth.create_key("other").await.unwrap().key;
    let body = demo_session();
    let create = Req::post("/v1/sessions?request_id=shared-id".into(), body.clone());
    let ours = ok(send(&app, &create, DEMO_API_KEY).await);
    let theirs = ok(send(&app, &create, &b).await);
    assert_ne!(ours["name"], theirs["name"], "not A's answer replayed");
    assert_eq!(pickup_price(&theirs), "5900");
    assert_eq!(ok(send(&app, &create, &b).await), theirs, "B's retry");
    assert_eq!(
        ok(send(&app, &create, DEMO_API_KEY).await),
        ours,
        "A's retry"
    );
    let mut other_body = body.clone();
    other_body["external_id"] = json!("another request");
    let reused = Req::post("/v1/sessions?request_id=only-a-used-it".into(), body);
    ok(send(&app, &reused, DEMO_API_KEY).await);
    let different = Req::post("/v1/sessions?request_id=only-a-used-it".into(), other_body);
    ok(send(&app, &different, &b).await);

    // Re-opening: each merchant re-opens its own order under one request id.
    let mut orders = Vec::new();
    for key in [DEMO_API_KEY, b.as_str()] {
        let s = ok(send(&app, &Req::post("/v1/sessions".into(), demo_session()), key).await);
        let done = ok(send(
            &app,
            &Req::post(
                format!("/v1/{}:complete", s["name"].as_str().unwrap()),
                json!({}),
            ),
            key,
        )
        .await);
        orders.push(done["deliveries"][0]["tos_id"].as_str().unwrap().to_owned());
    }
    for (key, order) in [(DEMO_API_KEY, &orders[0]), (b.as_str(), &orders[1])] {
        let reopen = Req::post(
            "/v1/sessions:createFromTransportOrder".into(),
            json!({"transport_order": order, "request_id": "reopen"}),
        );
        let reopened = ok(send(&app, &reopen, key).await);
        assert_eq!(
            reopened["source_transport_order"],
            format!("transportOrders/{order}")
        );
    }
}

/// Both merchants racing on one id: creates with it land once per merchant, and unconditional
/// writers on each merchant's session of that id all land on their own session.
#[tokio::test]
async fn concurrent_writers_on_one_id_under_two_merchants_lose_nothing() {
    let app = Arc::new(spawn_app().await);
    let b = app.core.auth.create_key("other").await.unwrap().key;
    let key_of = |i: usize| {
        if i % 2 == 0 {
            DEMO_API_KEY.to_owned()
        } else {
            b.clone()
        }
    };
    let id = uuid::Uuid::new_v4().to_string();
    let creates: Vec<_> = (0..8)
        .map(|i| {
            let (app, key) = (app.clone(), key_of(i));
            let create = Req::post(format!("/v1/sessions?session_id={id}"), demo_session());
            tokio::spawn(async move { (i % 2, send(&app, &create, &key).await.status) })
        })
        .collect();
    let mut statuses = [Vec::new(), Vec::new()];
    for t in creates {
        let (merchant, status) = t.await.unwrap();
        statuses[merchant].push(status);
    }
    for s in &statuses {
        let mut sorted = s.clone();
        sorted.sort();
        assert_eq!(sorted, [200, 409, 409, 409], "one create per merchant wins");
    }
    let writes: Vec<_> = (0..12)
        .map(|i| {
            let (app, key) = (app.clone(), key_of(i));
            let patch = Req::patch(
                format!("/v1/sessions/{id}?update_mask=external_id"),
                json!({"external_id": format!("writer-{i}")}),
            );
            tokio::spawn(async move { send(&app, &patch, &key).await.status })
        })
        .collect();
    for t in writes {
        assert_eq!(t.await.unwrap(), 200);
    }
    let session_id = SessionId::parse(&id).unwrap();
    for (merchant, parity) in [(DEMO_TENANT, 0), ("other", 1)] {
        let stored = app.service.get(merchant, session_id).await.unwrap();
        assert_eq!(
            stored.revision,
            1 + 6,
            "{merchant}: each of its six writes landed, and nobody else's"
        );
        let writer: usize = stored
            .external_id
            .as_deref()
            .unwrap()
            .trim_start_matches("writer-")
            .parse()
            .unwrap();
        assert_eq!(
            writer % 2,
            parity,
            "{merchant}: written by its own writers only"
        );
    }
}
