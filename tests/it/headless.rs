//! The Headless Checkout API over HTTP: every method, its errors, etags, masks and idempotency.

use crate::common::{answer, demo_session, reason, spawn_app, violated_fields};
use serde_json::{json, Value};

fn option_ids(session: &Value, delivery: usize) -> Vec<String> {
    session["deliveries"][delivery]["delivery_categories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["delivery_options"].as_array().unwrap().clone())
        .map(|o| o["id"].as_str().unwrap().to_owned())
        .collect()
}

fn chosen_option(session: &Value, delivery: usize) -> Option<String> {
    session["deliveries"][delivery]["delivery_categories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["delivery_options"].as_array().unwrap().clone())
        .find(|o| o["chosen"] == true)
        .map(|o| o["id"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn create_returns_the_session_with_computed_offer_and_etag() {
    let app = spawn_app().await;
    let a = app.post("/v1/sessions", &demo_session()).await;
    assert_eq!(a.status, 200, "{}", a.body);
    let s = &a.body;
    assert!(s["name"].as_str().unwrap().starts_with("sessions/"));
    assert_eq!(s["state"], "ACTIVE");
    assert_eq!(
        a.etag_header.unwrap(),
        format!("\"{}\"", s["etag"].as_str().unwrap())
    );
    // A W3C trace id: 32 lower-case hex digits.
    let trace = a.trace_id.unwrap();
    assert!(
        trace.len() == 32
            && trace
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    );
    assert!(s["create_time"].as_str().unwrap().ends_with('Z'));
    assert!(s["expire_time"].is_string());
    let categories = s["deliveries"][0]["delivery_categories"]
        .as_array()
        .unwrap();
    let ids: Vec<&str> = categories
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    // Sorted by sort_order. Two 1.2 kg pots are too heavy and too big for the mailbox.
    assert_eq!(ids, ["pickup", "home", "instore", "express"]);
    assert_eq!(categories[0]["display_name"], "Utlämningsställe");
    assert_eq!(categories[0]["preselected"], true);
    assert_eq!(categories[0]["options_source"], "ADDRESS");
    let first = &categories[0]["delivery_options"][0];
    assert_eq!(first["preselected"], true);
    assert_eq!(first["price"], "4900", "money is an int64 string");
    assert_eq!(
        first["etd"]["absolute"]["earliest_time"]
            .as_str()
            .map(|t| t.ends_with('Z')),
        Some(true)
    );
    assert_eq!(first["etd"]["relative"]["unit"], "DAY");
    let location = &first["pickup_location"];
    assert_eq!(
        first["carrier"]["name"], "PostNord",
        "carrier order: PostNord first"
    );
    let meters: Vec<i64> = categories[0]["delivery_options"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["carrier"]["name"] == "PostNord")
        .map(|o| {
            o["pickup_location"]["distances"]["walking"]["meters"]
                .as_str()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    assert!(
        meters.windows(2).all(|w| w[0] <= w[1]),
        "nearest first: {meters:?}"
    );
    assert!(location["operational_hours"]["monday"].is_array());
    assert_eq!(categories[1]["addons"][0]["id"], "leave-at-door");
    assert_eq!(categories[1]["addons"][0]["preselected"], true);
    assert_eq!(categories[1]["warehouse"]["id"], "sto-central");
}

#[tokio::test]
async fn get_never_mutates_and_answers_304_for_the_current_etag() {
    let app = spawn_app().await;
    let (id, etag, created) = app.create().await;
    let a = app.get(&format!("/v1/sessions/{id}")).await;
    assert_eq!(a.status, 200);
    assert_eq!(a.body, created, "a read returns exactly what was written");
    let again = app.get(&format!("/v1/sessions/{id}")).await;
    assert_eq!(again.body["update_time"], created["update_time"]);
    let resp = app
        .client
        .get(format!("/v1/sessions/{id}"))
        .header("If-None-Match", format!("\"{etag}\""))
        .send()
        .await;
    resp.assert_status(poem::http::StatusCode::NOT_MODIFIED);
    let resp = app
        .client
        .get(format!("/v1/sessions/{id}"))
        .header("If-None-Match", "\"something-else\"")
        .send()
        .await;
    resp.assert_status_is_ok();
    // The resource name is accepted in place of the bare id too.
    let by_hex = app
        .get(&format!("/v1/sessions/{}", id.replace('-', "")))
        .await;
    assert_eq!(by_hex.status, 200);
}

#[tokio::test]
async fn unknown_and_malformed_ids() {
    let app = spawn_app().await;
    let a = app
        .get("/v1/sessions/0b8c3bde-7bd8-4a8c-9d3e-1f2a3b4c5d6e")
        .await;
    assert_eq!(a.status, 404);
    assert_eq!(a.body["error"]["status"], "NOT_FOUND");
    assert_eq!(reason(&a.body), "SESSION_NOT_FOUND");
    let a = app.get("/v1/sessions/not-a-uuid").await;
    assert_eq!(a.status, 400);
    assert_eq!(violated_fields(&a.body), ["session"]);
}

#[tokio::test]
async fn create_with_a_chosen_id_and_a_taken_one() {
    let app = spawn_app().await;
    let id = "7d1f1a52-3c4b-4f7e-9a0b-2c3d4e5f6a7b";
    let a = app
        .post(&format!("/v1/sessions?session_id={id}"), &demo_session())
        .await;
    assert_eq!(a.status, 200);
    assert_eq!(a.body["name"], format!("sessions/{id}"));
    let b = app
        .post(&format!("/v1/sessions?session_id={id}"), &demo_session())
        .await;
    assert_eq!(b.status, 409);
    assert_eq!(b.body["error"]["status"], "ALREADY_EXISTS");
    let c = app
        .post("/v1/sessions?session_id=nope", &demo_session())
        .await;
    assert_eq!(violated_fields(&c.body), ["session_id"]);
}

#[tokio::test]
async fn create_request_id_replays_and_refuses_a_different_body() {
    let app = spawn_app().await;
    let first = app
        .post("/v1/sessions?request_id=req-1", &demo_session())
        .await;
    let again = app
        .post("/v1/sessions?request_id=req-1", &demo_session())
        .await;
    assert_eq!(first.status, 200);
    assert_eq!(again.body, first.body, "the retry returns the first result");
    let list = app.get("/v1/sessions").await;
    assert_eq!(
        list.body["sessions"].as_array().unwrap().len(),
        1,
        "nothing new was created"
    );
    let mut other = demo_session();
    other["external_id"] = json!("another");
    let reuse = app.post("/v1/sessions?request_id=req-1", &other).await;
    assert_eq!(reuse.status, 400);
    assert_eq!(violated_fields(&reuse.body), ["request_id"]);
}

#[tokio::test]
async fn bad_input_names_every_field() {
    let app = spawn_app().await;
    let mut s = demo_session();
    s["purchase"]["country_code"] = json!("XX");
    s["purchase"]["currency_code"] = json!("SEKK");
    s["purchase"]["locales"] = json!(["sv-SE", "!!"]);
    s["purchase"]["total_value"] = json!("-1");
    let item = &mut s["deliveries"][0]["line_items"][0];
    item["quantity"] = json!(0);
    item["weight"] = json!(0);
    item["dimensions"]["width"] = json!(-5);
    item["price"] = json!("-100");
    s["deliveries"][0]["recipient_contact"]["address"]["coordinates"] =
        json!({"lat": 91.0, "lng": -181.0});
    let a = app.post("/v1/sessions", &s).await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(a.body["error"]["status"], "INVALID_ARGUMENT");
    let mut fields = violated_fields(&a.body);
    fields.sort();
    assert_eq!(
        fields,
        [
            "deliveries[0].line_items[0].dimensions.width",
            "deliveries[0].line_items[0].price",
            "deliveries[0].line_items[0].quantity",
            "deliveries[0].line_items[0].weight",
            "deliveries[0].recipient_contact.address.coordinates.lat",
            "deliveries[0].recipient_contact.address.coordinates.lng",
            "purchase.country_code",
            "purchase.currency_code",
            "purchase.locales[1]",
            "purchase.total_value",
        ]
    );
}

#[tokio::test]
async fn wrong_types_missing_and_unknown_fields_are_named() {
    let app = spawn_app().await;
    let mut s = demo_session();
    s["deliveries"][0]["line_items"][0]["quantity"] = json!("two");
    let a = app.post("/v1/sessions", &s).await;
    assert_eq!(
        violated_fields(&a.body),
        ["deliveries[0].line_items[0].quantity"]
    );

    let mut s = demo_session();
    s["deliveries"][0]["recipient_contact"]
        .as_object_mut()
        .unwrap()
        .remove("address");
    let a = app.post("/v1/sessions", &s).await;
    assert_eq!(
        violated_fields(&a.body),
        ["deliveries[0].recipient_contact.address"]
    );

    let mut s = demo_session();
    s["purchase"]["colour"] = json!("red");
    let a = app.post("/v1/sessions", &s).await;
    assert_eq!(a.status, 400);
    assert_eq!(violated_fields(&a.body), ["purchase.colour"]);

    let mut s = demo_session();
    s["deliveries"] = json!([]);
    let a = app.post("/v1/sessions", &s).await;
    assert_eq!(violated_fields(&a.body), ["deliveries"]);

    let mut s = demo_session();
    let d = s["deliveries"][0].clone();
    s["deliveries"] = json!([d.clone(), d]);
    let a = app.post("/v1/sessions", &s).await;
    assert_eq!(violated_fields(&a.body), ["deliveries[1].id"]);
}

#[tokio::test]
async fn framework_errors_use_the_envelope() {
    let app = spawn_app().await;
    let resp = app
        .client
        .post("/v1/sessions")
        .content_type("application/json")
        .body("{not json")
        .send()
        .await;
    let a = crate::common::answer(resp).await;
    assert_eq!(a.status, 400);
    assert_eq!(a.body["error"]["status"], "INVALID_ARGUMENT");

    let resp = app
        .client
        .post("/v1/sessions")
        .content_type("text/plain")
        .body("hello")
        .send()
        .await;
    let a = crate::common::answer(resp).await;
    assert_eq!(a.status, 415);
    assert_eq!(a.body["error"]["code"], 415);

    let a = app.get("/v1/nothing-here").await;
    assert_eq!(a.status, 404);
    assert_eq!(reason(&a.body), "ROUTE_NOT_FOUND");

    let a = crate::common::answer(app.client.delete("/v1/sessions").send().await).await;
    assert_eq!(a.status, 405);
    assert_eq!(a.body["error"]["code"], 405);

    let a = app.post("/v1/sessions/abc:frobnicate", &json!({})).await;
    assert_eq!(a.status, 404);

    // The internal spelling of custom methods is not reachable from outside.
    let (id, _, _) = app.create().await;
    let a = app
        .post(&format!("/v1/sessions/{id}/~refresh"), &json!({}))
        .await;
    assert_eq!(a.status, 404);

    let a = app.get("/v1/sessions?page_size=abc").await;
    assert_eq!(a.status, 400);
    assert_eq!(violated_fields(&a.body), ["page_size"]);

    let big = "x".repeat(common_body_limit() + 1);
    let resp = app
        .client
        .post("/v1/sessions")
        .content_type("application/json")
        .body(format!("\"{big}\""))
        .send()
        .await;
    let a = crate::common::answer(resp).await;
    assert_eq!(a.status, 413);
    assert_eq!(reason(&a.body), "PAYLOAD_TOO_LARGE");
}

fn common_body_limit() -> usize {
    api::common::routing::MAX_BODY_BYTES
}

#[tokio::test]
async fn every_custom_verb_reaches_its_own_handler() {
    let app = spawn_app().await;
    let (id, _, created) = app.create().await;
    let option = option_ids(&created, 0)[1].clone();
    let chosen = app
        .post(
            &format!("/v1/sessions/{id}:chooseDeliveryOptions"),
            &json!({"delivery_choices": [{"delivery_id": "d1", "option_id": option}]}),
        )
        .await;
    assert_eq!(chosen.status, 200, "{}", chosen.body);
    assert_eq!(
        chosen_option(&chosen.body, 0).as_deref(),
        Some(option.as_str())
    );
    assert_eq!(chosen.body["state"], "ACTIVE");

    let refreshed = app
        .post(&format!("/v1/sessions/{id}:refresh"), &json!({}))
        .await;
    assert_eq!(refreshed.status, 200);
    assert_eq!(
        refreshed.body["state"], "ACTIVE",
        "refresh does not complete"
    );
    assert_ne!(refreshed.body["etag"], chosen.body["etag"]);

    let completed = app
        .post(&format!("/v1/sessions/{id}:complete"), &json!({}))
        .await;
    assert_eq!(completed.status, 200);
    assert_eq!(completed.body["state"], "COMPLETED");
}

#[tokio::test]
async fn update_with_mask_replaces_only_the_named_fields() {
    let app = spawn_app().await;
    let (id, etag, created) = app.create().await;
    let a = app
        .patch(
            &format!("/v1/sessions/{id}?update_mask=purchase.vouchers"),
            &json!({"purchase": {"vouchers": ["WELCOME10"], "currency_code": "EUR"}, "etag": etag}),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.body["purchase"]["vouchers"], json!(["WELCOME10"]));
    assert_eq!(
        a.body["purchase"]["currency_code"], "SEK",
        "not in the mask"
    );
    assert_ne!(a.body["etag"], created["etag"]);
    assert_eq!(a.body["create_time"], created["create_time"]);

    // Without a mask, the members present in the body are written.
    let b = app
        .patch(
            &format!("/v1/sessions/{id}"),
            &json!({"external_id": "cart-42", "name": "sessions/ignored", "state": "COMPLETED"}),
        )
        .await;
    assert_eq!(b.status, 200, "{}", b.body);
    assert_eq!(b.body["external_id"], "cart-42");
    assert_eq!(b.body["state"], "ACTIVE", "output-only fields are ignored");
    assert_eq!(b.body["purchase"]["vouchers"], json!(["WELCOME10"]));

    // A masked field absent from the body is cleared.
    let c = app
        .patch(
            &format!("/v1/sessions/{id}?update_mask=external_id"),
            &json!({}),
        )
        .await;
    assert_eq!(c.status, 200);
    assert!(c.body.get("external_id").is_none());

    let d = app
        .patch(
            &format!("/v1/sessions/{id}?update_mask=purchase.colour"),
            &json!({}),
        )
        .await;
    assert_eq!(d.status, 400);
    assert_eq!(violated_fields(&d.body), ["update_mask"]);

    // Invalid values through a mask are named by their path in the session.
    let e = app
        .patch(
            &format!("/v1/sessions/{id}?update_mask=purchase.currency_code"),
            &json!({"purchase": {"currency_code": "XYZ"}}),
        )
        .await;
    assert_eq!(violated_fields(&e.body), ["purchase.currency_code"]);
}

#[tokio::test]
async fn update_star_replaces_everything_writable() {
    let app = spawn_app().await;
    let (id, _, _) = app.create().await;
    let mut body = demo_session();
    body["purchase"]["currency_code"] = json!("EUR");
    let a = app
        .patch(&format!("/v1/sessions/{id}?update_mask=*"), &body)
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.body["purchase"]["currency_code"], "EUR");
    assert!(a.body.get("external_id").is_none());
    // In-store pickup has no EUR price, so it is not offered in EUR.
    let categories = a.body["deliveries"][0]["delivery_categories"]
        .as_array()
        .unwrap();
    let ids: Vec<&str> = categories
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["pickup", "home", "express"]);
    assert_eq!(categories[2]["delivery_options"][0]["price"], "1690");
}

#[tokio::test]
async fn search_address_changes_the_offer() {
    let app = spawn_app().await;
    let mut body = demo_session();
    // No postal code or coordinates anywhere: placeholders.
    body["deliveries"][0]["recipient_contact"]["address"] =
        json!({"country_code": "SE", "address_lines": []});
    let created = app.post("/v1/sessions", &body).await;
    assert_eq!(created.status, 200, "{}", created.body);
    let first = &created.body["deliveries"][0]["delivery_categories"][0];
    assert_eq!(first["options_source"], "PLACEHOLDER");
    assert!(first["delivery_options"][0]
        .get("pickup_location")
        .is_none());
    let id = created.body["name"]
        .as_str()
        .unwrap()
        .trim_start_matches("sessions/");

    let a = app
        .patch(
            &format!("/v1/sessions/{id}"),
            &json!({"search_address": {"country_code": "SE", "postal_code": "41304", "address_lines": [], "coordinates": {"lat": 57.6960, "lng": 11.9520}}}),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let first = &a.body["deliveries"][0]["delivery_categories"][0];
    assert_eq!(first["options_source"], "ADDRESS");
    assert_eq!(
        first["delivery_options"][0]["pickup_location"]["visiting_contact"]["address"]["city"],
        "Göteborg",
        "a Göteborg point is nearest to a Göteborg search address"
    );
    assert_eq!(a.body["search_address"]["postal_code"], "41304");
}

#[tokio::test]
async fn choice_survives_updates_while_its_option_exists() {
    let app = spawn_app().await;
    let (id, _, _) = app.create().await;
    let chosen = app
        .post(
            &format!("/v1/sessions/{id}:chooseDeliveryOptions"),
            &json!({"delivery_choices": [{"delivery_id": "d1", "option_id": "home.budbee-home", "addon_ids": ["carry-in"]}]}),
        )
        .await;
    assert_eq!(chosen.status, 200, "{}", chosen.body);
    let home = &chosen.body["deliveries"][0]["delivery_categories"][1];
    assert_eq!(home["id"], "home");
    assert_eq!(home["chosen"], true);
    assert_eq!(home["addons"][1]["chosen"], true);
    assert_eq!(home["addons"][0]["chosen"], false);

    let kept = app
        .patch(
            &format!("/v1/sessions/{id}"),
            &json!({"purchase": {"vouchers": ["V1"]}}),
        )
        .await;
    assert_eq!(
        chosen_option(&kept.body, 0).as_deref(),
        Some("home.budbee-home")
    );

    // Budbee does not deliver to Norway: the choice is cleared and preselection applies again.
    let moved = app
        .patch(
            &format!("/v1/sessions/{id}?update_mask=search_address,purchase.country_code"),
            &json!({"purchase": {"country_code": "NO"}, "search_address": {"country_code": "NO", "postal_code": "0150", "address_lines": []}}),
        )
        .await;
    assert_eq!(moved.status, 200, "{}", moved.body);
    assert_eq!(chosen_option(&moved.body, 0), None);
    assert!(!option_ids(&moved.body, 0)
        .iter()
        .any(|o| o == "home.budbee-home"));
}

#[tokio::test]
async fn choose_refuses_unknown_deliveries_options_and_addons() {
    let app = spawn_app().await;
    let (id, etag, _) = app.create().await;
    let a = app
        .post(
            &format!("/v1/sessions/{id}:chooseDeliveryOptions"),
            &json!({"etag": etag, "delivery_choices": [
                {"delivery_id": "nope", "option_id": "home.budbee-home"},
                {"delivery_id": "d1", "option_id": "nope"},
                {"delivery_id": "d1", "option_id": "home.budbee-home", "addon_ids": ["nope"]}
            ]}),
        )
        .await;
    assert_eq!(a.status, 400);
    assert_eq!(
        violated_fields(&a.body),
        [
            "delivery_choices[0].delivery_id",
            "delivery_choices[1].option_id",
            "delivery_choices[2].addon_ids"
        ]
    );
    let after = app.get(&format!("/v1/sessions/{id}")).await;
    assert_eq!(after.body["etag"], etag, "a refused write changes nothing");
    let unsupported = app
        .post(
            &format!("/v1/sessions/{id}:chooseDeliveryOptions"),
            &json!({"delivery_choices": [{"delivery_id": "d1", "option_id": "home.dbs-home", "addon_ids": ["leave-at-door"]}]}),
        )
        .await;
    assert_eq!(
        violated_fields(&unsupported.body),
        ["delivery_choices[0].addon_ids"]
    );
    let empty = app
        .post(
            &format!("/v1/sessions/{id}:chooseDeliveryOptions"),
            &json!({"delivery_choices": []}),
        )
        .await;
    assert_eq!(violated_fields(&empty.body), ["delivery_choices"]);
}

#[tokio::test]
async fn stale_etag_is_aborted_and_changes_nothing() {
    let app = spawn_app().await;
    let (id, etag, _) = app.create().await;
    let first = app
        .patch(
            &format!("/v1/sessions/{id}"),
            &json!({"external_id": "a", "etag": etag}),
        )
        .await;
    assert_eq!(first.status, 200);
    for (path, body) in [
        (
            format!("/v1/sessions/{id}"),
            json!({"external_id": "b", "etag": etag}),
        ),
        (
            format!("/v1/sessions/{id}:chooseDeliveryOptions"),
            json!({"etag": etag, "delivery_choices": [{"delivery_id": "d1", "option_id": "home.budbee-home"}]}),
        ),
        (format!("/v1/sessions/{id}:refresh"), json!({"etag": etag})),
        (format!("/v1/sessions/{id}:complete"), json!({"etag": etag})),
    ] {
        let a = if path.contains(':') {
            app.post(&path, &body).await
        } else {
            app.patch(&path, &body).await
        };
        assert_eq!(a.status, 409, "{path}: {}", a.body);
        assert_eq!(a.body["error"]["status"], "ABORTED");
        assert_eq!(reason(&a.body), "ETAG_MISMATCH");
        assert_eq!(
            a.body["error"]["details"][0]["metadata"]["current_etag"],
            first.body["etag"]
        );
    }
    let now = app.get(&format!("/v1/sessions/{id}")).await;
    assert_eq!(now.body["external_id"], "a");
    assert_eq!(now.body["etag"], first.body["etag"]);
}

#[tokio::test]
async fn concurrent_writers_with_the_same_etag_give_exactly_one_success() {
    let app = std::sync::Arc::new(spawn_app().await);
    let (id, etag, _) = app.create().await;
    let tasks: Vec<_> = (0..16)
        .map(|i| {
            let app = app.clone();
            let (id, etag) = (id.clone(), etag.clone());
            tokio::spawn(async move {
                app.patch(
                    &format!("/v1/sessions/{id}"),
                    &json!({"external_id": format!("writer-{i}"), "etag": etag}),
                )
                .await
                .status
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 409).count(),
        15,
        "{statuses:?}"
    );
}

#[tokio::test]
async fn concurrent_writers_without_etags_all_land() {
    let app = std::sync::Arc::new(spawn_app().await);
    let (id, _, created) = app.create().await;
    let tasks: Vec<_> = (0..12)
        .map(|i| {
            let app = app.clone();
            let id = id.clone();
            tokio::spawn(async move {
                app.patch(
                    &format!("/v1/sessions/{id}"),
                    &json!({"external_id": format!("writer-{i}")}),
                )
                .await
                .status
            })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap(), 200);
    }
    let after = app.get(&format!("/v1/sessions/{id}")).await;
    // Twelve writes, each its own revision: the etag moved on and one writer's value stands.
    assert_ne!(after.body["etag"], created["etag"]);
    assert!(after.body["external_id"]
        .as_str()
        .unwrap()
        .starts_with("writer-"));
    let stored = app
        .service
        .get(
            crate::common::DEMO_TENANT,
            domain::SessionId::parse(&id).unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(
        stored.revision,
        1 + 12,
        "every one of the twelve writes landed"
    );
}

#[tokio::test]
async fn complete_assigns_tos_ids_freezes_and_replays() {
    let app = spawn_app().await;
    let mut body = demo_session();
    let mut second = body["deliveries"][0].clone();
    second["id"] = json!("d2");
    body["deliveries"].as_array_mut().unwrap().push(second);
    let created = app.post("/v1/sessions", &body).await;
    let id = created.body["name"]
        .as_str()
        .unwrap()
        .trim_start_matches("sessions/")
        .to_owned();
    let etag = created.body["etag"].as_str().unwrap();

    let done = app
        .post(
            &format!("/v1/sessions/{id}:complete"),
            &json!({"etag": etag, "request_id": "c-1", "delivery_choices": [
                {"delivery_id": "d2", "option_id": "home.pnl-mph"}
            ]}),
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(done.body["state"], "COMPLETED");
    let tos: Vec<&str> = done.body["deliveries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["tos_id"].as_str().unwrap())
        .collect();
    assert_eq!(tos.len(), 2);
    assert_ne!(tos[0], tos[1]);
    assert_eq!(tos[0].len(), 26, "a ULID");
    // d1 had no choice: it completes with the preselected option.
    let preselected = created.body["deliveries"][0]["delivery_categories"][0]["delivery_options"]
        [0]["id"]
        .as_str()
        .unwrap();
    assert_eq!(chosen_option(&done.body, 0).as_deref(), Some(preselected));
    assert_eq!(
        chosen_option(&done.body, 1).as_deref(),
        Some("home.pnl-mph")
    );

    let replay = app
        .post(
            &format!("/v1/sessions/{id}:complete"),
            &json!({"etag": etag, "request_id": "c-1", "delivery_choices": [
                {"delivery_id": "d2", "option_id": "home.pnl-mph"}
            ]}),
        )
        .await;
    assert_eq!(replay.status, 200);
    assert_eq!(replay.body, done.body);

    let other = app
        .post(
            &format!("/v1/sessions/{id}:complete"),
            &json!({"request_id": "c-1"}),
        )
        .await;
    assert_eq!(violated_fields(&other.body), ["request_id"]);

    for (path, body) in [
        (format!("/v1/sessions/{id}:complete"), json!({})),
        (format!("/v1/sessions/{id}:refresh"), json!({})),
        (
            format!("/v1/sessions/{id}:chooseDeliveryOptions"),
            json!({"delivery_choices": [{"delivery_id": "d1", "option_id": "home.pnl-mph"}]}),
        ),
    ] {
        let a = app.post(&path, &body).await;
        assert_eq!(a.status, 400, "{path}");
        assert_eq!(a.body["error"]["status"], "FAILED_PRECONDITION");
        assert_eq!(reason(&a.body), "SESSION_COMPLETED");
    }
    let a = app
        .patch(
            &format!("/v1/sessions/{id}"),
            &json!({"external_id": "late"}),
        )
        .await;
    assert_eq!(a.body["error"]["status"], "FAILED_PRECONDITION");
    let stored = app.get(&format!("/v1/sessions/{id}")).await;
    assert_eq!(stored.body, done.body, "the completed session is frozen");
}

#[tokio::test]
async fn list_pages_newest_first_and_filters() {
    let app = spawn_app().await;
    let mut ids = Vec::new();
    for _ in 0..5 {
        ids.push(app.create().await.0);
    }
    app.post(&format!("/v1/sessions/{}:complete", ids[1]), &json!({}))
        .await;
    let mut seen = Vec::new();
    let mut token = String::new();
    loop {
        let a = app
            .get(&format!("/v1/sessions?page_size=2&page_token={token}"))
            .await;
        assert_eq!(a.status, 200, "{}", a.body);
        let page = a.body["sessions"].as_array().unwrap();
        assert!(page.len() <= 2);
        seen.extend(page.iter().map(|s| {
            s["name"]
                .as_str()
                .unwrap()
                .trim_start_matches("sessions/")
                .to_owned()
        }));
        token = a.body["next_page_token"].as_str().unwrap().to_owned();
        if token.is_empty() {
            break;
        }
    }
    let mut newest_first = ids.clone();
    newest_first.reverse();
    assert_eq!(seen, newest_first);

    let completed = app.get("/v1/sessions?filter=state%20%3D%20COMPLETED").await;
    let names: Vec<&str> = completed.body["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, [format!("sessions/{}", ids[1])]);
    let active = app.get("/v1/sessions?filter=state%20%3D%20ACTIVE").await;
    assert_eq!(active.body["sessions"].as_array().unwrap().len(), 4);
    let future = app
        .get("/v1/sessions?filter=create_time%20%3E%20%222999-01-01T00:00:00Z%22")
        .await;
    assert_eq!(future.body["sessions"].as_array().unwrap().len(), 0);

    let bad = app.get("/v1/sessions?filter=colour%20%3D%20red").await;
    assert_eq!(violated_fields(&bad.body), ["filter"]);
    let first = app.get("/v1/sessions?page_size=1").await;
    let token = first.body["next_page_token"].as_str().unwrap();
    let mismatched = app
        .get(&format!(
            "/v1/sessions?page_size=1&page_token={token}&filter=state%20%3D%20ACTIVE"
        ))
        .await;
    assert_eq!(violated_fields(&mismatched.body), ["page_token"]);
    let negative = app.get("/v1/sessions?page_size=-1").await;
    assert_eq!(violated_fields(&negative.body), ["page_size"]);
}

#[tokio::test]
async fn health_and_readiness() {
    let app = spawn_app().await;
    let a = app.get("/healthz").await;
    assert_eq!(a.status, 200);
    assert_eq!(a.body["status"], "ok");
    let b = app.get("/readyz").await;
    assert_eq!(b.status, 200);
    assert_eq!(b.body["status"], "ready");
}

#[tokio::test]
async fn docs_and_specs_are_served() {
    let app = spawn_app().await;
    let spec = app.get("/openapi/headless.json").await;
    assert_eq!(spec.status, 200);
    assert!(spec.body["paths"]["/v1/sessions/{session}:complete"]["post"].is_object());
    let yaml = app.client.get("/openapi/headless.yaml").send().await;
    yaml.assert_status_is_ok();
    let text = yaml.0.into_body().into_string().await.unwrap();
    assert!(text.contains("/v1/sessions/{session}:chooseDeliveryOptions:"));
    let docs = app.client.get("/docs").send().await;
    docs.assert_status_is_ok();
    let html = docs.0.into_body().into_string().await.unwrap();
    assert!(html.contains("SwaggerUIBundle"));
    // The page loads the served specs (whose paths show `:verb`) and offers every surface.
    for name in ["headless", "cos", "siw", "delivery-checkout"] {
        assert!(
            html.contains(&format!("<option value=\"{name}\">")),
            "{name}"
        );
        let spec = app.get(&format!("/openapi/{name}.json")).await;
        assert_eq!(spec.status, 200, "{name}");
        assert!(spec.body["info"]["title"].is_string(), "{name}");
    }
    assert!(html.contains("\"/openapi/\" + name + \".json\""));
}

#[tokio::test]
async fn a_browser_at_the_root_is_sent_to_the_documentation() {
    let app = spawn_app().await;
    let resp = app.anon.get("/").send().await;
    assert_eq!(resp.0.status().as_u16(), 303);
    assert_eq!(
        resp.0
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok()),
        Some("/docs")
    );
    // The page keeps the inlined Swagger script whole (it contains `<body>` itself).
    let page = app.anon.get("/docs").send().await;
    let html = page.0.into_body().into_string().await.unwrap();
    assert!(
        html.contains("SwaggerUIBundle({ dom_id"),
        "the picker's script is on the page"
    );
    let swagger = poem_openapi::OpenApiService::new((), "", "").swagger_ui_html();
    let head = &swagger[..swagger.rfind("<body>").unwrap()];
    let end_of_bundle = &head[head.len() - 300..];
    assert!(
        html.contains(end_of_bundle),
        "the Swagger bundle is inlined to its end, not cut inside"
    );
}

#[tokio::test]
async fn a_delivery_offered_nothing_says_why() {
    let app = spawn_app().await;
    let mut body = demo_session();
    body["purchase"]["currency_code"] = json!("USD");
    let a = app.post("/v1/sessions", &body).await;
    assert_eq!(a.status, 200, "{}", a.body);
    let d = &a.body["deliveries"][0];
    assert_eq!(d["delivery_categories"], json!([]));
    assert_eq!(
        d["no_offer_reasons"],
        json!(["no delivery category has a price in USD"])
    );

    let mut body = demo_session();
    body["purchase"]["country_code"] = json!("US");
    body["deliveries"][0]["recipient_contact"]["address"] =
        json!({"country_code": "US", "postal_code": "10001", "address_lines": []});
    let a = app.post("/v1/sessions", &body).await;
    assert_eq!(a.status, 200, "{}", a.body);
    let reasons: Vec<&str> = a.body["deliveries"][0]["no_offer_reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(!reasons.is_empty());
    for r in &reasons {
        assert!(
            r.starts_with("category `") && r.contains("does not deliver to US"),
            "{r}"
        );
    }
    // An offer that exists carries no reasons.
    let (_, _, offered) = app.create().await;
    assert!(offered["deliveries"][0].get("no_offer_reasons").is_none());
}

#[tokio::test]
async fn each_option_says_which_of_its_categorys_addons_it_performs() {
    let app = spawn_app().await;
    let (_, _, session) = app.create().await;
    let categories = session["deliveries"][0]["delivery_categories"]
        .as_array()
        .unwrap();
    let supported = |category: &str, option: &str| {
        let c = categories.iter().find(|c| c["id"] == category).unwrap();
        let o = c["delivery_options"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["id"] == option)
            .unwrap_or_else(|| panic!("{option} in {c}"));
        o["supported_addon_ids"].clone()
    };
    // The demo's DB Schenker carries in but does not leave parcels at the door.
    assert_eq!(
        supported("home", "home.budbee-home"),
        json!(["leave-at-door", "carry-in"])
    );
    assert_eq!(supported("home", "home.dbs-home"), json!(["carry-in"]));
    let pickup = categories.iter().find(|c| c["id"] == "pickup").unwrap();
    for o in pickup["delivery_options"].as_array().unwrap() {
        assert_eq!(o["supported_addon_ids"], json!([]), "{o}");
    }
}

#[tokio::test]
async fn conditional_reads_and_stale_writes_are_answered_from_the_revision_alone() {
    let (app, gate) = crate::common::race::spawn_gated_app().await;
    let (id, etag, _) = app.create().await;
    let read_before = gate.documents_read();
    let resp = app
        .client
        .get(format!("/v1/sessions/{id}"))
        .header("if-none-match", format!("\"{etag}\""))
        .send()
        .await;
    resp.assert_status(poem::http::StatusCode::NOT_MODIFIED);
    resp.assert_header("etag", format!("\"{etag}\""));
    assert_eq!(
        gate.documents_read(),
        read_before,
        "a 304 reads no document"
    );

    // A write on a stale etag is refused, naming the current one, without a document read.
    let stale = app
        .patch(
            &format!("/v1/sessions/{id}?update_mask=external_id"),
            &json!({"etag": "0123456789abcdef", "external_id": "x"}),
        )
        .await;
    assert_eq!(stale.status, 409, "{}", stale.body);
    assert_eq!(stale.body["error"]["details"][0]["reason"], "ETAG_MISMATCH");
    assert_eq!(
        stale.body["error"]["details"][0]["metadata"]["current_etag"],
        etag.as_str()
    );
    assert_eq!(
        gate.documents_read(),
        read_before,
        "a stale write reads no document"
    );

    // A changed session is read and sent whole, with its new etag.
    let changed = app
        .patch(
            &format!("/v1/sessions/{id}?update_mask=external_id"),
            &json!({"etag": etag, "external_id": "cart-7"}),
        )
        .await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    let fresh = answer(
        app.client
            .get(format!("/v1/sessions/{id}"))
            .header("if-none-match", format!("\"{etag}\""))
            .send()
            .await,
    )
    .await;
    assert_eq!(fresh.status, 200);
    assert_eq!(fresh.body["external_id"], "cart-7");
    assert_eq!(fresh.body["etag"], changed.body["etag"]);
    // An unknown session is 404 on the conditional path too.
    let missing = answer(
        app.client
            .get(format!("/v1/sessions/{}", uuid::Uuid::new_v4()))
            .header("if-none-match", format!("\"{etag}\""))
            .send()
            .await,
    )
    .await;
    assert_eq!(missing.status, 404);
}

/// AIP-157: lists are `BASIC` unless asked for `FULL`, which is what a Get returns.
#[tokio::test]
async fn lists_leave_out_offers_history_and_payloads_unless_asked_for_the_full_view() {
    let app = spawn_app().await;
    let (chosen_id, _, created) = app.create().await;
    let (_, _, _) = app.create().await;
    let option = option_ids(&created, 0)[1].clone();
    let chosen = app
        .post(
            &format!("/v1/sessions/{chosen_id}:chooseDeliveryOptions"),
            &json!({"delivery_choices": [{"delivery_id": "d1", "option_id": option}]}),
        )
        .await;
    assert_eq!(chosen.status, 200, "{}", chosen.body);

    let basic = app.get("/v1/sessions").await;
    assert_eq!(basic.status, 200, "{}", basic.body);
    let full = app.get("/v1/sessions?view=FULL").await;
    assert_eq!(full.status, 200, "{}", full.body);
    assert_eq!(app.get("/v1/sessions?view=BASIC").await.body, basic.body);
    for session in basic.body["sessions"].as_array().unwrap() {
        let categories = session["deliveries"][0]["delivery_categories"]
            .as_array()
            .unwrap();
        if session["name"] == format!("sessions/{chosen_id}") {
            assert_eq!(categories.len(), 1, "{session}");
            let options = categories[0]["delivery_options"].as_array().unwrap();
            assert_eq!(options.len(), 1);
            assert_eq!(options[0]["id"], option.as_str());
            assert_eq!(options[0]["chosen"], true);
        } else {
            assert!(categories.is_empty(), "nothing chosen, nothing shown");
        }
        assert!(session["etag"].is_string() && session["purchase"].is_object());
    }
    for session in full.body["sessions"].as_array().unwrap() {
        let one = app
            .get(&format!("/v1/{}", session["name"].as_str().unwrap()))
            .await;
        assert_eq!(session, &one.body, "FULL is what getSession returns");
    }
    let (basic_len, full_len) = (basic.body.to_string().len(), full.body.to_string().len());
    assert!(basic_len * 5 < full_len, "{basic_len} vs {full_len} bytes");
    let bad = app.get("/v1/sessions?view=EVERYTHING").await;
    assert_eq!(bad.status, 400, "{}", bad.body);

    let done = app
        .post(&format!("/v1/sessions/{chosen_id}:complete"), &json!({}))
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    let orders = app.get("/v1/transportOrders").await;
    let order = &orders.body["transport_orders"][0];
    assert!(order.get("history").is_none(), "{order}");
    assert!(order["delivery_option"].is_object());
    let orders = app.get("/v1/transportOrders?view=FULL").await;
    let order = &orders.body["transport_orders"][0];
    assert!(order["history"].is_array(), "{order}");
    assert_eq!(
        order,
        &app.get(&format!("/v1/{}", order["name"].as_str().unwrap()))
            .await
            .body
    );
    let events = app.get("/v1/events").await;
    assert!(!events.body["events"].as_array().unwrap().is_empty());
    for e in events.body["events"].as_array().unwrap() {
        assert!(e.get("payload").is_none(), "{e}");
        assert!(e["type"].is_string() && e["deliveries"].is_array());
    }
    let events = app.get("/v1/events?view=FULL").await;
    for e in events.body["events"].as_array().unwrap() {
        assert!(e["payload"]["data"].is_object(), "{e}");
    }
}
