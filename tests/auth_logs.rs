//! Keys and session tokens never reach the logs, at any level, nor an error body. A test binary
//! of its own: a thread-local log capture is only reliable with no other test in the process.

mod common;

use common::auth::{call, endpoints, token_of};
use common::{demo_session, spawn_app};
use headless_checkout::service::auth::DEMO_API_KEY;
use poem::http::Method;

#[tokio::test]
async fn keys_and_tokens_never_reach_the_logs_or_error_bodies() {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Capture(Arc<Mutex<Vec<u8>>>);
    impl Write for Capture {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let capture = Capture::default();
    let writer = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let app = spawn_app().await;
    let issued = app.core.auth.create_key("demo").await.unwrap();
    let key = issued.key.clone();
    let created = call(
        &app,
        Method::POST,
        "/v1/sessions",
        Some(demo_session()),
        Some(&key),
    )
    .await;
    let id = created.body["name"]
        .as_str()
        .unwrap()
        .trim_start_matches("sessions/")
        .to_owned();
    let token = token_of(&app, &id).await;
    let mut bodies = String::new();
    let wrong = format!("{key}x");
    for (method, path, body, _) in endpoints(&id) {
        for credential in [key.as_str(), token.as_str(), DEMO_API_KEY, wrong.as_str()] {
            let a = call(&app, method.clone(), &path, body.clone(), Some(credential)).await;
            bodies.push_str(&a.body.to_string());
        }
    }
    let logs = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("status=401") && logs.contains("status=200"),
        "the capture saw the request log lines"
    );
    // `hck_<id>_<secret>`: the secret is URL-safe base64 and may itself contain `_`.
    let secret_of = |credential: &str| credential.splitn(3, '_').nth(2).unwrap().to_owned();
    let (secret, token_secret, demo_secret) =
        (secret_of(&key), secret_of(&token), secret_of(DEMO_API_KEY));
    for (name, s) in [
        ("key", secret),
        ("token", token_secret),
        ("demo key", demo_secret),
    ] {
        assert!(!logs.contains(&s), "the {name} appears in the logs");
        assert!(
            !bodies.contains(&s),
            "the {name} appears in a response body"
        );
    }
}
