//! What the shipping selector needs from the server: a snippet that names the service by its
//! public address and the merchant's container and object ids, the bundle served from the
//! binary, CORS on exactly the selector's calls, and the demo checkout page.

use crate::common::guide::assert_invalid;
use crate::common::{answer, core, core_with, spawn_app_on, TestApp};
use headless_checkout::settings::AuthSettings;
use headless_checkout::startup::public_base_url;
use poem::http::Method;
use serde_json::{json, Value};

const PUBLIC: &str = "https://checkout.example.com";

async fn app() -> TestApp {
    let mut core = core().await;
    core.public_base_url = PUBLIC.into();
    spawn_app_on(core)
}

fn siw_create(snippet: Option<Value>) -> Value {
    let mut body = crate::common::guide::create_request();
    if let Some(s) = snippet {
        body["snippet_configuration"] = s;
    }
    body
}

/// The `attr="value"` of the snippet's script tag.
fn script_attr<'a>(snippet: &'a str, attr: &str) -> &'a str {
    let script = &snippet[snippet.find("<script async").expect("the script tag")..];
    let start = script
        .find(&format!(" {attr}=\""))
        .unwrap_or_else(|| panic!("{attr} in {script}"))
        + attr.len()
        + 3;
    &script[start..start + script[start..].find('"').unwrap()]
}

#[tokio::test]
async fn the_snippet_names_the_public_address_and_the_default_ids() {
    let app = app().await;
    let a = app.post("/v1/siw/session.create", &siw_create(None)).await;
    assert_eq!(a.status, 200, "{}", a.body);
    let snippet = a.body["html_snippet"].as_str().unwrap();
    let s = &a.body["session"];
    assert_eq!(
        script_attr(snippet, "src"),
        "https://checkout.example.com/v1/widget/selector.js"
    );
    assert_eq!(script_attr(snippet, "data-api"), PUBLIC);
    assert_eq!(
        script_attr(snippet, "data-container"),
        "shipwallet-container"
    );
    assert_eq!(script_attr(snippet, "data-object"), "_sw");
    assert_eq!(script_attr(snippet, "data-session"), s["id"]);
    assert_eq!(script_attr(snippet, "data-token"), s["token"]);
    assert!(
        snippet.starts_with("<div id=\"shipwallet-container\""),
        "{snippet}"
    );
    // The container carries its own skeleton, and the queue exists before the script loads.
    assert!(snippet.contains("class=\"hcs-skeleton\""), "{snippet}");
    assert!(snippet.contains("(window,\"_sw\")"), "{snippet}");
    // Nothing the snippet loads comes from anywhere but the service.
    assert_eq!(snippet.matches("src=").count(), 1, "{snippet}");
    // The page gets the session token, never an API key.
    assert!(!snippet.contains("hck_"), "{snippet}");
}

#[tokio::test]
async fn snippet_configuration_is_stored_with_the_session_and_used_by_every_later_snippet() {
    let app = app().await;
    let config = json!({"container_id": "returns-box", "object_id": "returnsSelector"});
    let a = app
        .post("/v1/siw/session.create", &siw_create(Some(config)))
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let id = a.body["session"]["id"].as_str().unwrap().to_owned();
    let update = json!({"id": id, "cart": crate::common::guide::shoes_and_coat_cart()});
    let updated = app.post("/v1/siw/session.update", &update).await;
    assert_eq!(updated.status, 200, "{}", updated.body);
    let got = app.get(&format!("/v1/siw/session.get?id={id}")).await;
    for snippet in [&a.body, &updated.body, &got.body].map(|b| b["html_snippet"].as_str().unwrap())
    {
        assert!(snippet.starts_with("<div id=\"returns-box\""), "{snippet}");
        assert_eq!(script_attr(snippet, "data-container"), "returns-box");
        assert_eq!(script_attr(snippet, "data-object"), "returnsSelector");
        assert!(
            snippet.contains("(window,\"returnsSelector\")"),
            "{snippet}"
        );
    }

    // Delivery Checkout takes it too; a blank member means its default.
    let mut dc = crate::common::guide::create_request();
    dc["snippet_configuration"] = json!({"container_id": "second", "object_id": ""});
    let a = app.post("/v1/delivery_checkout/session.create", &dc).await;
    assert_eq!(a.status, 200, "{}", a.body);
    let snippet = a.body["html_snippet"].as_str().unwrap();
    assert_eq!(script_attr(snippet, "data-container"), "second");
    assert_eq!(script_attr(snippet, "data-object"), "_sw");
    let id = a.body["session"]["checkout_session_id"].as_str().unwrap();
    let got = app
        .get(&format!(
            "/v1/delivery_checkout/session.get?checkout_session_id={id}"
        ))
        .await;
    let snippet = got.body["html_snippet"].as_str().unwrap();
    assert_eq!(script_attr(snippet, "data-container"), "second");
}

#[tokio::test]
async fn a_bad_snippet_configuration_names_its_field() {
    let app = app().await;
    for (config, field) in [
        (
            json!({"container_id": "1st"}),
            "snippet_configuration.container_id",
        ),
        (
            json!({"container_id": "a\"><script>"}),
            "snippet_configuration.container_id",
        ),
        (
            json!({"container_id": "x".repeat(65)}),
            "snippet_configuration.container_id",
        ),
        (
            json!({"object_id": "my-selector"}),
            "snippet_configuration.object_id",
        ),
        // Assigning `location` would navigate the merchant's page away.
        (
            json!({"object_id": "location"}),
            "snippet_configuration.object_id",
        ),
        // A window event handler would be called with every error or click of the page.
        (
            json!({"object_id": "onerror"}),
            "snippet_configuration.object_id",
        ),
        (
            json!({"object_id": "onclick"}),
            "snippet_configuration.object_id",
        ),
    ] {
        for path in [
            "/v1/siw/session.create",
            "/v1/delivery_checkout/session.create",
        ] {
            let a = app.post(path, &siw_create(Some(config.clone()))).await;
            assert_invalid(&a, &[field]);
        }
    }
}

#[tokio::test]
async fn the_public_address_is_the_setting_or_a_reachable_listen_address() {
    let bound = "127.0.0.1:9000".parse().unwrap();
    assert_eq!(
        public_base_url(Some("https://checkout.example.com/"), bound).unwrap(),
        "https://checkout.example.com"
    );
    assert_eq!(
        public_base_url(Some("http://10.0.0.5:8080/checkout"), bound).unwrap(),
        "http://10.0.0.5:8080/checkout"
    );
    assert_eq!(
        public_base_url(None, bound).unwrap(),
        "http://127.0.0.1:9000"
    );
    let wildcard = "0.0.0.0:9000".parse().unwrap();
    assert_eq!(
        public_base_url(None, wildcard).unwrap(),
        "http://127.0.0.1:9000"
    );
    let wildcard6 = "[::]:9000".parse().unwrap();
    assert_eq!(
        public_base_url(None, wildcard6).unwrap(),
        "http://[::1]:9000"
    );
    for bad in [
        "checkout.example.com",
        "ftp://x",
        "https://",
        "https://x/?a=1",
        "https://a\"b",
    ] {
        let e = public_base_url(Some(bad), bound).unwrap_err().to_string();
        assert!(e.contains("PUBLIC_BASE_URL"), "{bad}: {e}");
    }
}

// ---- CORS ----

/// The CORS headers of an answer; `allowed_headers` is `Access-Control-Allow-Headers` of a
/// preflight and `Access-Control-Expose-Headers` of any other answer.
struct Headers {
    status: u16,
    allow_origin: Option<String>,
    allow_methods: Option<String>,
    headers: Option<String>,
}

impl Headers {
    fn of(resp: &poem::test::TestResponse, headers: &str) -> Self {
        let header = |name: &str| {
            resp.0
                .headers()
                .get(name)
                .map(|v| v.to_str().unwrap().to_owned())
        };
        Self {
            status: resp.0.status().as_u16(),
            allow_origin: header("access-control-allow-origin"),
            allow_methods: header("access-control-allow-methods"),
            headers: header(headers),
        }
    }
}

async fn cross_origin(
    app: &TestApp,
    method: Method,
    path: &str,
    credential: Option<&str>,
) -> Headers {
    let mut req = app
        .anon
        .request(method, path)
        .header("origin", "https://shop.example.net");
    if let Some(c) = credential {
        req = req.header("authorization", format!("Bearer {c}"));
    }
    Headers::of(&req.send().await, "access-control-expose-headers")
}

async fn preflight(app: &TestApp, path: &str, method: &str) -> Headers {
    let resp = app
        .anon
        .request(Method::OPTIONS, path)
        .header("origin", "https://shop.example.net")
        .header("access-control-request-method", method)
        .header(
            "access-control-request-headers",
            "authorization, content-type",
        )
        .send()
        .await;
    Headers::of(&resp, "access-control-allow-headers")
}

#[tokio::test]
async fn cors_opens_exactly_the_selectors_calls() {
    let app = app().await;
    let (id, _, _) = app.create().await;
    let token = crate::common::auth::token_of(&app, &id).await;
    let session = format!("/v1/sessions/{id}");
    let choose = format!("{session}:chooseDeliveryOptions");

    let p = preflight(&app, &session, "PATCH").await;
    assert_eq!(p.status, 204);
    assert_eq!(p.allow_origin.as_deref(), Some("*"));
    assert_eq!(p.allow_methods.as_deref(), Some("GET, PATCH"));
    assert!(p.headers.unwrap().contains("authorization"));
    let p = preflight(&app, &choose, "POST").await;
    assert_eq!(p.status, 204);
    assert_eq!(p.allow_methods.as_deref(), Some("POST"));

    let read = cross_origin(&app, Method::GET, &session, Some(&token)).await;
    assert_eq!(read.status, 200);
    assert_eq!(read.allow_origin.as_deref(), Some("*"));
    assert!(read.headers.unwrap().contains("etag"));
    // An error on the selector's path is readable by the page too (the selector shows it).
    let denied = cross_origin(&app, Method::GET, &session, Some("hcs_not-a-token")).await;
    assert_eq!(denied.status, 401);
    assert_eq!(denied.allow_origin.as_deref(), Some("*"));

    // Everything else stays closed to other origins: no preflight, no CORS headers.
    for (path, method) in [
        (format!("{session}:complete"), "POST"),
        (format!("{session}:refresh"), "POST"),
        ("/v1/sessions".to_owned(), "POST"),
        (session.clone(), "DELETE"),
        ("/v1/siw/session.create".to_owned(), "POST"),
        ("/v1/siw/session.get".to_owned(), "GET"),
        ("/v1/cos/session.update".to_owned(), "POST"),
        ("/v1/delivery_checkout/session.complete".to_owned(), "POST"),
    ] {
        let p = preflight(&app, &path, method).await;
        assert_ne!(p.status, 204, "{method} {path}");
        assert_eq!(p.allow_origin, None, "{method} {path}");
        assert_eq!(p.allow_methods, None, "{method} {path}");
    }
    for (method, path) in [
        (Method::GET, "/v1/sessions".to_owned()),
        (Method::GET, format!("/v1/siw/session.get?id={id}")),
        (Method::DELETE, session.clone()),
    ] {
        let h = cross_origin(
            &app,
            method.clone(),
            &path,
            Some(service::auth::DEMO_API_KEY),
        )
        .await;
        assert_eq!(h.allow_origin, None, "{method} {path}");
    }
    // A request without an Origin (a server, curl) gets no CORS headers at all.
    let plain = app.client.get(&session).send().await;
    assert!(plain
        .0
        .headers()
        .get("access-control-allow-origin")
        .is_none());
}

// ---- the bundle ----

#[tokio::test]
async fn the_selector_script_is_served_from_the_binary_with_a_validator() {
    let app = app().await;
    let resp = app.anon.get("/v1/widget/selector.js").send().await;
    assert_eq!(resp.0.status().as_u16(), 200);
    let headers = resp.0.headers().clone();
    assert_eq!(
        headers.get("content-type").unwrap(),
        "text/javascript; charset=utf-8"
    );
    assert_eq!(headers.get("access-control-allow-origin").unwrap(), "*");
    assert!(headers
        .get("cache-control")
        .unwrap()
        .to_str()
        .unwrap()
        .contains("max-age="));
    let etag = headers.get("etag").unwrap().to_str().unwrap().to_owned();
    let body = resp.0.into_body().into_string().await.unwrap();
    let committed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("widget/dist/selector.js"),
    )
    .unwrap();
    assert_eq!(body, committed, "the binary serves the committed bundle");

    let again = app
        .anon
        .get("/v1/widget/selector.js")
        .header("if-none-match", &etag)
        .send()
        .await;
    assert_eq!(again.0.status().as_u16(), 304);
    assert_eq!(
        again.0.headers().get("etag").unwrap().to_str().unwrap(),
        etag
    );

    let zipped = app
        .anon
        .get("/v1/widget/selector.js")
        .header("accept-encoding", "gzip")
        .send()
        .await;
    assert_eq!(zipped.0.headers().get("content-encoding").unwrap(), "gzip");
    let bytes = zipped.0.into_body().into_bytes().await.unwrap();
    assert!(
        bytes.len() < committed.len() / 2,
        "{} gzipped of {}",
        bytes.len(),
        committed.len()
    );
}

// ---- the demo checkout ----

#[tokio::test]
async fn the_demo_checkout_embeds_a_fresh_sessions_snippet_and_its_cart_control_updates_it() {
    let app = app().await;
    let resp = app.anon.get("/demo/checkout?lang=en").send().await;
    assert_eq!(resp.0.status().as_u16(), 200);
    let page = resp.0.into_body().into_string().await.unwrap();
    assert!(page.contains("<html lang=\"en-GB\">"));
    let snippet_at = page
        .find("<div id=\"shipwallet-container\"")
        .expect("the snippet");
    let session = script_attr(&page[snippet_at..], "data-session").to_owned();
    assert_eq!(
        script_attr(&page[snippet_at..], "src"),
        "https://checkout.example.com/v1/widget/selector.js"
    );
    // The page holds the session token, never an API key.
    assert!(!page.contains(service::auth::DEMO_API_KEY));

    let siw = app.get(&format!("/v1/siw/session.get?id={session}")).await;
    assert_eq!(siw.status, 200, "{}", siw.body);
    assert_eq!(siw.body["session"]["cart"]["items"][0]["quantity"], 1);
    assert_eq!(siw.body["session"]["cart"]["total_value"], 22500);

    let cart = |body: Value| {
        let app = &app;
        async move {
            answer(
                app.anon
                    .post("/demo/checkout/cart")
                    .body_json(&body)
                    .send()
                    .await,
            )
            .await
        }
    };
    let a = cart(json!({"session": session, "quantity": 3})).await;
    assert_eq!(a.status, 204, "{}", a.body);
    let siw = app.get(&format!("/v1/siw/session.get?id={session}")).await;
    assert_eq!(siw.body["session"]["cart"]["items"][0]["quantity"], 3);
    assert_eq!(siw.body["session"]["cart"]["total_value"], 67500);

    assert_invalid(
        &cart(json!({"session": "nope", "quantity": 2})).await,
        &["session"],
    );
    assert_invalid(
        &cart(json!({"session": session, "quantity": 0})).await,
        &["quantity"],
    );
    assert_invalid(
        &cart(json!({"session": session, "quantity": 21})).await,
        &["quantity"],
    );
    let unknown = cart(json!({"session": uuid::Uuid::new_v4().to_string(), "quantity": 2})).await;
    assert_eq!(unknown.status, 404, "{}", unknown.body);
}

#[tokio::test]
async fn without_the_demo_key_there_is_no_demo_checkout() {
    let core = core_with(AuthSettings {
        demo_key_merchant: None,
        failure_limit: 10_000,
    })
    .await;
    let app = spawn_app_on(core);
    for path in ["/demo/checkout", "/demo/checkout?lang=en"] {
        let resp = app.anon.get(path).send().await;
        assert_eq!(resp.0.status().as_u16(), 404, "{path}");
    }
    let resp = app
        .anon
        .post("/demo/checkout/cart")
        .body_json(&json!({"session": uuid::Uuid::new_v4().to_string(), "quantity": 1}))
        .send()
        .await;
    assert_eq!(resp.0.status().as_u16(), 404);
    // The selector itself is served regardless: real merchants' snippets need it.
    let resp = app.anon.get("/v1/widget/selector.js").send().await;
    assert_eq!(resp.0.status().as_u16(), 200);
}

// ---- compression ----

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

#[tokio::test]
async fn answers_are_compressed_for_clients_that_accept_it_and_gzip_bodies_are_read() {
    let app = app().await;
    let (id, _, _) = app.create().await;
    let plain = app.client.get(format!("/v1/sessions/{id}")).send().await;
    assert!(plain.0.headers().get("content-encoding").is_none());
    let plain = plain.0.into_body().into_bytes().await.unwrap();
    let zipped = app
        .client
        .get(format!("/v1/sessions/{id}"))
        // What Chromium sends: on equal q the cheapest coding for its ratio answers.
        .header("accept-encoding", "gzip, deflate, br, zstd")
        .send()
        .await;
    assert_eq!(zipped.0.headers().get("content-encoding").unwrap(), "zstd");
    assert_eq!(zipped.0.headers().get("vary").unwrap(), "accept-encoding");
    let zipped = zipped.0.into_body().into_bytes().await.unwrap();
    assert_eq!(zstd::stream::decode_all(&zipped[..]).unwrap(), plain);

    // A client that asks for gzip only, or brotli first, gets it.
    for (accept, coding) in [("gzip", "gzip"), ("br, gzip;q=0.5", "br")] {
        let answer = app
            .client
            .get(format!("/v1/sessions/{id}"))
            .header("accept-encoding", accept)
            .send()
            .await;
        assert_eq!(answer.0.headers().get("content-encoding").unwrap(), coding);
    }
    // Small answers are not worth a coding: an error envelope goes out as it is.
    let small = app
        .client
        .get("/v1/sessions/00000000-0000-4000-8000-000000000000")
        .header("accept-encoding", "gzip, br, zstd")
        .send()
        .await;
    assert_eq!(small.0.status().as_u16(), 404);
    assert!(small.0.headers().get("content-encoding").is_none());
    // A 304 has no body to compress.
    let etag = app
        .client
        .get(format!("/v1/sessions/{id}"))
        .send()
        .await
        .0
        .headers()
        .get("etag")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let unchanged = app
        .client
        .get(format!("/v1/sessions/{id}"))
        .header("if-none-match", &etag)
        .header("accept-encoding", "zstd")
        .send()
        .await;
    assert_eq!(unchanged.0.status().as_u16(), 304);
    assert!(unchanged.0.headers().get("content-encoding").is_none());
    assert!(
        zipped.len() * 3 < plain.len(),
        "{} of {}",
        zipped.len(),
        plain.len()
    );

    let body = serde_json::to_vec(&crate::common::demo_session()).unwrap();
    let created = answer(
        app.client
            .post("/v1/sessions")
            .header("content-type", "application/json")
            .header("content-encoding", "gzip")
            .body(gzip(&body))
            .send()
            .await,
    )
    .await;
    assert_eq!(created.status, 200, "{}", created.body);

    // A small body that decodes past the limit is refused, not read into memory.
    let bomb = format!("{{\"padding\": \"{}\"}}", " ".repeat(8 << 20));
    let refused = answer(
        app.client
            .post("/v1/sessions")
            .header("content-type", "application/json")
            .header("content-encoding", "gzip")
            .body(gzip(bomb.as_bytes()))
            .send()
            .await,
    )
    .await;
    assert_eq!(refused.status, 413, "{}", refused.body);
    assert_eq!(refused.body["error"]["status"], "INVALID_ARGUMENT");

    let garbled = answer(
        app.client
            .post("/v1/sessions")
            .header("content-type", "application/json")
            .header("content-encoding", "gzip")
            .body(body)
            .send()
            .await,
    )
    .await;
    assert_eq!(garbled.status, 400, "{}", garbled.body);
    assert_eq!(garbled.body["error"]["status"], "INVALID_ARGUMENT");
}
