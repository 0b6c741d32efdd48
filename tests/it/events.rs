//! Merchant events: written with the change that causes them, delivered to a local receiver
//! signed, in order per session, retried with backoff, resumed after a restart, claimed once by
//! two dispatchers, listed and redelivered through the API.

use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::common::auth::call;
use crate::common::{demo_session, spawn_app_on, TestApp};
use domain::config::{ConfigFile, WebhookConfig};
use headless_checkout::startup::Core;
use outbound::HttpTransport;
use poem::http::Method;
use poem::listener::{Acceptor, Listener, TcpListener};
use poem::{handler, EndpointExt, Route, Server};
use serde_json::{json, Value};
use service::events::sign;

const SECRET: &str = "whsec-demo-0123456789abcdef";

/// What the receiver saw: (signature header, body) of every request, and how many to refuse.
#[derive(Clone, Default)]
struct Receiver {
    seen: Arc<Mutex<Vec<(String, Value)>>>,
    refuse_first: Arc<AtomicUsize>,
    /// The `traceparent` of every request, in arrival order.
    traceparents: Arc<Mutex<Vec<String>>>,
}

impl Receiver {
    fn accepted(&self) -> Vec<Value> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|(s, _)| s != "refused")
            .map(|(_, b)| b.clone())
            .collect()
    }
}

#[handler]
async fn receive(
    req: &poem::Request,
    body: poem::Body,
    state: poem::web::Data<&Receiver>,
) -> poem::http::StatusCode {
    let signature = req
        .header("x-checkout-signature")
        .unwrap_or_default()
        .to_owned();
    state
        .traceparents
        .lock()
        .unwrap()
        .push(req.header("traceparent").unwrap_or("(none)").to_owned());
    let bytes = body.into_vec().await.unwrap();
    let value: Value = serde_json::from_slice(&bytes).unwrap();
    // Verify as a merchant would: HMAC-SHA256 over "<t>.<raw body>".
    let t: i64 = signature
        .split(',')
        .next()
        .unwrap()
        .trim_start_matches("t=")
        .parse()
        .unwrap();
    assert_eq!(sign(SECRET, t, &bytes), signature, "a valid signature");
    let refuse = state
        .refuse_first
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok();
    state
        .seen
        .lock()
        .unwrap()
        .push((if refuse { "refused".into() } else { signature }, value));
    if refuse {
        poem::http::StatusCode::SERVICE_UNAVAILABLE
    } else {
        poem::http::StatusCode::NO_CONTENT
    }
}

async fn start_receiver(receiver: Receiver) -> String {
    let acceptor = TcpListener::bind("127.0.0.1:0")
        .into_acceptor()
        .await
        .unwrap();
    let addr = *acceptor.local_addr()[0].as_socket_addr().unwrap();
    tokio::spawn(
        Server::new_with_acceptor(acceptor).run(Route::new().at("/hooks", receive).data(receiver)),
    );
    format!("http://{addr}/hooks")
}

fn config_with_webhook(url: &str) -> ConfigFile {
    let mut config = crate::common::two_merchants();
    config.merchants[0].webhooks.push(WebhookConfig {
        id: "shop-backend".into(),
        url: url.to_owned(),
        secret: SECRET.into(),
        events: vec![],
    });
    config
}

/// A clock the test moves forward to make retries due without waiting.
fn test_clock() -> (service::Clock, Arc<AtomicI64>) {
    let offset = Arc::new(AtomicI64::new(0));
    let o = offset.clone();
    let clock = Arc::new(move || {
        time::OffsetDateTime::now_utc() + time::Duration::seconds(o.load(Ordering::SeqCst))
    });
    (clock, offset)
}

async fn setup(receiver: &Receiver) -> (TestApp, Core, Arc<AtomicI64>, (String, Option<String>)) {
    let url = start_receiver(receiver.clone()).await;
    let db = crate::common::shared_database().await;
    let (clock, offset) = test_clock();
    let core = crate::common::core_on(&db, config_with_webhook(&url), clock).await;
    (spawn_app_on(core.clone()), core, offset, db)
}

async fn completed_session(app: &TestApp, deliveries: usize) -> String {
    let mut body = demo_session();
    for i in 1..deliveries {
        let mut d = body["deliveries"][0].clone();
        d["id"] = json!(format!("d{}", i + 1));
        body["deliveries"].as_array_mut().unwrap().push(d);
    }
    let created = app.post("/v1/sessions", &body).await;
    let name = created.body["name"].as_str().unwrap().to_owned();
    let done = app.post(&format!("/v1/{name}:complete"), &json!({})).await;
    assert_eq!(done.status, 200, "{}", done.body);
    name
}

/// Runs dispatcher rounds, moving the clock an hour between them, until nothing is attempted.
async fn drain(core: &Core, offset: &AtomicI64, max_attempts: i32) {
    let dispatcher = core.dispatcher(Arc::new(HttpTransport::new()), max_attempts);
    for _ in 0..50 {
        let attempted = dispatcher.run_once().await.unwrap();
        offset.fetch_add(3600, Ordering::SeqCst);
        if attempted == 0 {
            return;
        }
    }
    panic!("the outbox did not drain");
}

#[tokio::test]
async fn events_are_signed_complete_and_in_order() {
    let receiver = Receiver::default();
    let (app, core, offset, _) = setup(&receiver).await;
    let session = completed_session(&app, 2).await;
    drain(&core, &offset, 5).await;
    let bodies = receiver.accepted();
    let types: Vec<&str> = bodies.iter().map(|b| b["type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        [
            "session.completed",
            "transport_order.created",
            "transport_order.created"
        ]
    );
    assert_eq!(bodies[0]["merchant_id"], "demo");
    assert_eq!(
        bodies[0]["test"], true,
        "the demo key's sessions are test data"
    );
    assert_eq!(bodies[0]["data"]["name"], session);
    assert_eq!(bodies[0]["data"]["state"], "COMPLETED");
    assert!(
        bodies[0]["data"].get("token").is_none(),
        "no session token in webhooks"
    );
    assert!(bodies[1]["data"]["name"]
        .as_str()
        .unwrap()
        .starts_with("transportOrders/"));
    assert!(bodies[0]["create_time"].as_str().unwrap().ends_with('Z'));

    let listed = app.get("/v1/events").await;
    assert_eq!(listed.status, 200, "{}", listed.body);
    let events = listed.body["events"].as_array().unwrap();
    assert_eq!(events.len(), 3);
    for e in events {
        assert_eq!(e["deliveries"][0]["state"], "DELIVERED");
        assert_eq!(e["deliveries"][0]["attempts"], 1);
        assert_eq!(e["deliveries"][0]["endpoint_id"], "shop-backend");
        assert_eq!(e["session"], session);
    }
    let only = app
        .get("/v1/events?filter=type%20%3D%20%22session.completed%22")
        .await;
    assert_eq!(only.body["events"].as_array().unwrap().len(), 1);
    let id = only.body["events"][0]["name"].as_str().unwrap().to_owned();
    assert_eq!(
        app.get(&format!("/v1/{id}")).await.body["payload"],
        bodies[0]
    );
    // Nothing is sent twice once delivered.
    drain(&core, &offset, 5).await;
    assert_eq!(receiver.accepted().len(), 3);
}

#[tokio::test]
async fn a_webhook_says_whether_its_event_is_test_or_live_data() {
    let receiver = Receiver::default();
    let (app, core, offset, _) = setup(&receiver).await;
    let live = core.auth.create_key("demo").await.unwrap().key;
    let test_session = completed_session(&app, 1).await;
    let created = call(
        &app,
        Method::POST,
        "/v1/sessions",
        Some(demo_session()),
        Some(&live),
    )
    .await;
    let live_session = created.body["name"].as_str().unwrap().to_owned();
    let done = call(
        &app,
        Method::POST,
        &format!("/v1/{live_session}:complete"),
        Some(json!({})),
        Some(&live),
    )
    .await;
    assert_eq!(done.status, 200, "{}", done.body);
    drain(&core, &offset, 5).await;
    let bodies = receiver.accepted();
    assert_eq!(
        bodies.len(),
        4,
        "two events of each session, to the one endpoint"
    );
    for b in &bodies {
        let session = b["data"]["session"].as_str().or(b["data"]["name"].as_str());
        let test = if b["type"] == "session.completed" {
            b["data"]["name"] == test_session
        } else {
            session == Some(test_session.as_str())
        };
        assert_eq!(b["test"], test, "{b}");
        assert_eq!(b["merchant_id"], "demo");
        assert_eq!(b["data"]["test"], test, "the resource says it too");
    }
}

#[tokio::test]
async fn a_receiver_failing_three_times_gets_the_event_once_more() {
    let receiver = Receiver::default();
    receiver.refuse_first.store(3, Ordering::SeqCst);
    let (app, core, offset, _) = setup(&receiver).await;
    completed_session(&app, 1).await;
    drain(&core, &offset, 10).await;
    let all = receiver.seen.lock().unwrap().clone();
    // The first event was refused three times and accepted on the fourth attempt; the later
    // events of the session waited for it.
    let types: Vec<&str> = all
        .iter()
        .map(|(_, b)| b["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "session.completed",
            "session.completed",
            "session.completed",
            "session.completed",
            "transport_order.created"
        ]
    );
    assert_eq!(
        receiver.accepted().len(),
        2,
        "each event accepted exactly once"
    );
    let listed = app
        .get("/v1/events?filter=type%20%3D%20%22session.completed%22")
        .await;
    let delivery = &listed.body["events"][0]["deliveries"][0];
    assert_eq!(delivery["state"], "DELIVERED");
    assert_eq!(delivery["attempts"], 4);
}

#[tokio::test]
async fn exhausted_events_stay_visible_and_can_be_redelivered() {
    let receiver = Receiver::default();
    receiver.refuse_first.store(100, Ordering::SeqCst);
    let (app, core, offset, _) = setup(&receiver).await;
    completed_session(&app, 1).await;
    drain(&core, &offset, 3).await;
    let listed = app
        .get("/v1/events?filter=type%20%3D%20%22session.completed%22")
        .await;
    let event = &listed.body["events"][0];
    assert_eq!(event["deliveries"][0]["state"], "FAILED");
    assert_eq!(event["deliveries"][0]["attempts"], 3);
    assert_eq!(
        event["deliveries"][0]["last_error"],
        "the endpoint answered 503"
    );
    receiver.refuse_first.store(0, Ordering::SeqCst);
    let name = event["name"].as_str().unwrap();
    let redelivered = app.post(&format!("/v1/{name}:redeliver"), &json!({})).await;
    assert_eq!(redelivered.status, 200, "{}", redelivered.body);
    assert_eq!(redelivered.body["deliveries"][0]["state"], "PENDING");
    drain(&core, &offset, 3).await;
    let after = app.get(&format!("/v1/{name}")).await;
    assert_eq!(after.body["deliveries"][0]["state"], "DELIVERED");
    assert!(receiver
        .accepted()
        .iter()
        .any(|b| b["type"] == "session.completed"));
}

#[tokio::test]
async fn pending_events_are_delivered_after_a_restart() {
    let receiver = Receiver::default();
    let (app, core, _, db) = setup(&receiver).await;
    completed_session(&app, 1).await;
    // The service stops before any dispatcher ran.
    drop(app);
    drop(core);
    let url = start_receiver(receiver.clone()).await;
    let (clock, offset) = test_clock();
    let restarted = crate::common::core_on(&db, config_with_webhook(&url), clock).await;
    // The endpoint moved with the new configuration, but the stored delivery keeps its URL:
    // the old receiver is still up and shares the record.
    drain(&restarted, &offset, 5).await;
    assert_eq!(receiver.accepted().len(), 2);
}

#[tokio::test]
async fn two_dispatchers_deliver_each_event_once() {
    let receiver = Receiver::default();
    let (app, core, _, db) = setup(&receiver).await;
    for _ in 0..8 {
        completed_session(&app, 1).await;
    }
    // A second replica on the same database.
    let url = start_receiver(receiver.clone()).await;
    let (clock, _) = test_clock();
    let replica = crate::common::core_on(&db, config_with_webhook(&url), clock).await;
    let a = core.dispatcher(Arc::new(HttpTransport::new()), 5);
    let b = replica.dispatcher(Arc::new(HttpTransport::new()), 5);
    let run = |d: service::events::Dispatcher| async move {
        let mut total = 0;
        for _ in 0..40 {
            total += d.run_once().await.unwrap();
        }
        total
    };
    let (x, y) = tokio::join!(run(a), run(b));
    assert_eq!(x + y, 16, "every attempt made once: {x} + {y}");
    let mut ids: Vec<String> = receiver
        .accepted()
        .iter()
        .map(|b| b["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 16);
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 16, "no event delivered twice");
}

#[tokio::test]
async fn event_endpoints_follow_the_auth_rules() {
    let receiver = Receiver::default();
    let (app, core, _, _) = setup(&receiver).await;
    completed_session(&app, 1).await;
    let listed = app.get("/v1/events").await;
    let name = listed.body["events"][0]["name"]
        .as_str()
        .unwrap()
        .to_owned();
    let other = core.auth.create_key("other").await.unwrap().key;
    let (live, _, _) = app.create().await;
    let token = crate::common::auth::token_of(&app, &live).await;
    for (method, path) in [
        (Method::GET, "/v1/events".to_owned()),
        (Method::GET, format!("/v1/{name}")),
        (Method::POST, format!("/v1/{name}:redeliver")),
    ] {
        let body = (method == Method::POST).then(|| json!({}));
        assert_eq!(
            call(&app, method.clone(), &path, body.clone(), None)
                .await
                .status,
            401
        );
        assert_eq!(
            call(&app, method.clone(), &path, body.clone(), Some(&token))
                .await
                .status,
            403
        );
        let theirs = call(&app, method.clone(), &path, body, Some(&other)).await;
        if path == "/v1/events" {
            assert_eq!(theirs.body["events"].as_array().unwrap().len(), 0);
        } else {
            assert_eq!(theirs.status, 404, "{method} {path}");
        }
    }
}

/// The sample of `series` (with exactly these labels, or none) in a Prometheus text scrape.
fn sample(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|l| l.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
        .unwrap_or(0.0)
}

async fn scrape(app: &TestApp) -> String {
    let resp = app.anon.get("/metrics").send().await;
    resp.assert_status_is_ok();
    resp.0.into_body().into_string().await.unwrap()
}

#[tokio::test]
async fn the_outbox_backlog_and_webhook_attempts_are_in_the_metrics() {
    let receiver = Receiver::default();
    receiver.refuse_first.store(1, Ordering::SeqCst);
    let url = start_receiver(receiver.clone()).await;
    // A database of its own: the backlog gauges count every merchant's deliveries in it.
    let db = crate::common::fresh_database().await;
    let (clock, offset) = test_clock();
    let mut core = crate::common::core_on(&db, config_with_webhook(&url), clock).await;
    core.metrics = true;
    let app = spawn_app_on(core.clone());
    let attempts = |text: &str, outcome: &str| {
        sample(
            text,
            &format!(r#"checkout_webhook_attempts_total{{outcome="{outcome}"}}"#),
        )
    };

    let start = scrape(&app).await;
    completed_session(&app, 1).await;
    let queued = scrape(&app).await;
    // session.completed and transport_order.created, neither sent yet, the first one due.
    assert_eq!(
        sample(&queued, r#"checkout_outbox_deliveries{state="pending"}"#),
        2.0,
        "{queued}"
    );
    assert!(
        queued.contains("checkout_outbox_oldest_due_age_seconds "),
        "{queued}"
    );

    drain(&core, &offset, 5).await;
    let done = scrape(&app).await;
    assert_eq!(
        sample(&done, r#"checkout_outbox_deliveries{state="pending"}"#),
        0.0,
        "{done}"
    );
    assert_eq!(
        sample(&done, r#"checkout_outbox_deliveries{state="failed"}"#),
        0.0
    );
    assert_eq!(sample(&done, "checkout_outbox_oldest_due_age_seconds"), 0.0);
    // Counters are process-wide (other tests deliver too): at least this test's attempts.
    assert!(
        attempts(&done, "retry") - attempts(&start, "retry") >= 1.0,
        "{done}"
    );
    assert!(
        attempts(&done, "delivered") - attempts(&start, "delivered") >= 2.0,
        "{done}"
    );
    assert!(
        done.contains("checkout_webhook_post_duration_seconds_count"),
        "{done}"
    );
}

#[tokio::test]
async fn each_delivery_continues_the_trace_of_the_request_that_caused_it() {
    const TRACE: &str = "0af7651916cd43dd8448eb211c80319c";
    let receiver = Receiver::default();
    let url = start_receiver(receiver.clone()).await;
    let db = crate::common::shared_database().await;
    let (clock, offset) = test_clock();
    let mut core = crate::common::core_on(&db, config_with_webhook(&url), clock).await;
    let spans = Arc::new(crate::traces::Recorded::default());
    core.spans = Some(spans.clone());
    let app = spawn_app_on(core.clone());
    let created = app.post("/v1/sessions", &demo_session()).await;
    let name = created.body["name"].as_str().unwrap().to_owned();
    let done = app
        .client
        .post(format!("/v1/{name}:complete"))
        .header("traceparent", format!("00-{TRACE}-b7ad6b7169203331-01"))
        .body_json(&json!({}))
        .send()
        .await;
    done.assert_status_is_ok();
    drain(&core, &offset, 5).await;

    let recorded = spans.0.lock().unwrap().clone();
    let server = recorded
        .iter()
        .find(|s| s.context.trace_hex() == TRACE && s.name.ends_with(":complete"))
        .unwrap_or_else(|| panic!("no server span of the completion in {recorded:?}"));
    let clients: Vec<_> = recorded
        .iter()
        .filter(|s| s.kind == ports::trace::SpanKind::Client && s.context.trace_hex() == TRACE)
        .collect();
    // session.completed and transport_order.created: one attempt each, both children of the
    // request that completed the session.
    assert_eq!(clients.len(), 2, "{recorded:?}");
    for span in &clients {
        assert_eq!(span.parent, Some((server.context.span_id, false)));
        assert!(span.error.is_none());
    }
    let sent = receiver.traceparents.lock().unwrap().clone();
    let mut expected: Vec<String> = clients.iter().map(|s| s.context.traceparent()).collect();
    let mut sent_sorted = sent.clone();
    expected.sort();
    sent_sorted.sort();
    assert_eq!(
        sent_sorted, expected,
        "each POST names its own attempt span"
    );
    assert!(sent.iter().all(|t| t.starts_with(&format!("00-{TRACE}-"))));
}
