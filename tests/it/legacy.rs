//! One session store behind four surfaces: a session created through any of them reads the
//! same through the other three (goods, prices, address, state and the customer's choice),
//! each under its own id spelling.

use crate::common::{spawn_app, TestApp};
use serde_json::{json, Value};

fn cart_request() -> Value {
    json!({
        "purchase_country": "SE",
        "purchase_currency": "SEK",
        "locales": ["sv-SE"],
        "search_address": {"country": "SE", "postal_code": "11239"},
        "cart": {
            "cart_id": "cart-77",
            "total_value": 45000,
            "currency": "SEK",
            "items": [{"sku": "POT-12", "name": "Terracotta pot", "quantity": 2, "price": 22500}]
        }
    })
}

/// Creates a session through `surface` and returns its UUID.
async fn create_on(app: &TestApp, surface: &str) -> String {
    let (path, body) = match surface {
        "headless" => {
            let mut body = crate::common::demo_session();
            body["search_address"] = json!({"country_code": "SE", "postal_code": "11239",
                "address_lines": []});
            ("/v1/sessions", body)
        }
        "cos" => ("/v1/cos/session.create", cart_request()),
        "siw" => ("/v1/siw/session.create", cart_request()),
        _ => ("/v1/delivery_checkout/session.create", cart_request()),
    };
    let a = app.post(path, &body).await;
    assert_eq!(a.status, 200, "{surface}: {}", a.body);
    let id = match surface {
        "headless" => a.body["name"]
            .as_str()
            .unwrap()
            .trim_start_matches("sessions/"),
        "delivery_checkout" => a.body["session"]["checkout_session_id"].as_str().unwrap(),
        _ => a.body["session"]["id"].as_str().unwrap(),
    };
    let uuid = id.trim_start_matches("VM2-");
    uuid::Uuid::parse_str(uuid).unwrap().to_string()
}

/// What every surface must agree on about one session, whatever its wire shape.
#[derive(Debug, PartialEq)]
struct Projection {
    state: String,
    country: String,
    currency: String,
    /// (sku, quantity, unit price)
    items: Vec<(String, i64, i64)>,
    total_value: i64,
    search_postal_code: Option<String>,
    /// The shipping method the session ships with now, and whether the customer chose it.
    shipping_method: Option<String>,
    chosen_by_customer: bool,
}

fn int(v: &Value) -> i64 {
    v.as_i64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        .unwrap_or_else(|| panic!("not an integer: {v}"))
}

fn text(v: &Value) -> Option<String> {
    v.as_str().map(str::to_owned)
}

fn cart_items(cart: &Value) -> Vec<(String, i64, i64)> {
    cart["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                text(&i["sku"]).unwrap(),
                int(&i["quantity"]),
                int(&i["price"]),
            )
        })
        .collect()
}

/// Reads the session through `surface` and projects what it shows.
async fn read_on(app: &TestApp, surface: &str, uuid: &str) -> Projection {
    let simple = uuid.replace('-', "");
    let path = match surface {
        "headless" => format!("/v1/sessions/{uuid}"),
        "cos" => format!("/v1/cos/session.get?id={uuid}"),
        "siw" => format!("/v1/siw/session.get?id={uuid}"),
        _ => format!("/v1/delivery_checkout/session.get?checkout_session_id=VM2-{simple}"),
    };
    let a = app.get(&path).await;
    assert_eq!(a.status, 200, "{surface} {path}: {}", a.body);
    let b = &a.body;
    let state = |s: &Value| match s.as_str() {
        Some("COMPLETE") | Some("COMPLETED") => "COMPLETED".to_owned(),
        other => other.unwrap_or_default().to_owned(),
    };
    match surface {
        "headless" => {
            let d = &b["deliveries"][0];
            let options: Vec<&Value> = d["delivery_categories"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|c| c["delivery_options"].as_array().unwrap())
                .collect();
            let chosen = options.iter().find(|o| o["chosen"] == true);
            let selected = chosen.or_else(|| options.iter().find(|o| o["preselected"] == true));
            Projection {
                state: state(&b["state"]),
                country: text(&b["purchase"]["country_code"]).unwrap(),
                currency: text(&b["purchase"]["currency_code"]).unwrap(),
                items: d["line_items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|l| {
                        (
                            text(&l["sku"]).unwrap(),
                            int(&l["quantity"]),
                            int(&l["price"]),
                        )
                    })
                    .collect(),
                total_value: int(&b["purchase"]["total_value"]),
                search_postal_code: text(&b["search_address"]["postal_code"]),
                shipping_method: selected.and_then(|o| text(&o["carrier"]["product_id"])),
                chosen_by_customer: chosen.is_some(),
            }
        }
        "cos" => {
            let s = &b["session"];
            Projection {
                state: state(&s["status"]),
                country: text(&s["purchase_country"]).unwrap(),
                currency: text(&s["purchase_currency"]).unwrap(),
                items: cart_items(&s["cart"]),
                total_value: int(&s["cart"]["total_value"]),
                search_postal_code: text(&s["search_address"]["postal_code"]),
                shipping_method: text(&s["result"]["shipping"]["shipping_method"]),
                chosen_by_customer: !s["user_choice"].is_null(),
            }
        }
        "siw" => {
            let s = &b["session"];
            Projection {
                state: state(&s["status"]),
                country: text(&s["search_address"]["country"]).unwrap(),
                currency: text(&s["cart"]["currency"]).unwrap(),
                items: cart_items(&s["cart"]),
                total_value: int(&s["cart"]["total_value"]),
                search_postal_code: text(&s["search_address"]["postal_code"]),
                shipping_method: text(&s["selected_shipping_option"]["shipping_method"]),
                chosen_by_customer: s["result"]["selection"] == "USER_CHOICE",
            }
        }
        _ => {
            let s = &b["session"];
            let g = &s["delivery_groups"][0];
            Projection {
                state: state(&s["status"]),
                country: text(&g["addresses"]["search_address"]["country"]).unwrap(),
                currency: text(&g["pricing"]["currency"]).unwrap(),
                items: cart_items(&s["cart"]),
                total_value: int(&s["cart"]["total_value"]),
                search_postal_code: text(&g["addresses"]["search_address"]["postal_code"]),
                shipping_method: text(&g["shipping"]["shipping_method"]),
                chosen_by_customer: g["selection"] == "USER_CHOICE",
            }
        }
    }
}

#[tokio::test]
async fn a_session_created_on_any_surface_reads_the_same_on_every_other() {
    let app = spawn_app().await;
    let surfaces = ["headless", "cos", "siw", "delivery_checkout"];
    let mut seen = Vec::new();
    for creator in surfaces {
        let uuid = create_on(&app, creator).await;
        let created = read_on(&app, creator, &uuid).await;
        assert_eq!(
            created.items,
            [("POT-12".to_owned(), 2, 22500)],
            "{creator}"
        );
        assert_eq!(
            (created.country.as_str(), created.currency.as_str()),
            ("SE", "SEK")
        );
        assert_eq!(created.total_value, 45000);
        assert_eq!(created.search_postal_code.as_deref(), Some("11239"));
        assert_eq!(created.state, "ACTIVE");
        assert!(created.shipping_method.is_some() && !created.chosen_by_customer);
        for reader in surfaces {
            assert_eq!(
                read_on(&app, reader, &uuid).await,
                created,
                "created on {creator}, read on {reader}"
            );
        }
        // A customer's choice made on COS shows as theirs everywhere.
        let a = app
            .post(
                "/v1/cos/session.update",
                &json!({"id": uuid, "user_choice": {"shipping_method": "BUDBEE-EVENING"}}),
            )
            .await;
        assert_eq!(a.status, 200, "{creator}: {}", a.body);
        let chosen = read_on(&app, "cos", &uuid).await;
        assert_eq!(chosen.shipping_method.as_deref(), Some("BUDBEE-EVENING"));
        assert!(chosen.chosen_by_customer);
        for reader in surfaces {
            assert_eq!(
                read_on(&app, reader, &uuid).await,
                chosen,
                "chosen on COS, created on {creator}, read on {reader}"
            );
        }
        seen.push(created);
    }
    assert!(
        seen.windows(2).all(|w| w[0] == w[1]),
        "the same purchase reads the same whichever surface created it: {seen:?}"
    );
}

#[tokio::test]
async fn a_completion_on_one_surface_freezes_the_session_on_all() {
    let app = spawn_app().await;
    let uuid = create_on(&app, "siw").await;
    let customer = json!({
        "email": "kund@example.com",
        "address": {"name": "Kund", "address_lines": ["Hornsgatan 90"], "city": "Stockholm",
                    "postal_code": "11820", "country": "SE"}
    });
    let a = app
        .post(
            "/v1/cos/session.complete",
            &json!({"id": uuid, "customer": customer}),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let tos_id = a.body["session"]["tos_id"].as_str().unwrap().to_owned();
    let siw = app.get(&format!("/v1/siw/session.get?id={uuid}")).await;
    assert_eq!(siw.body["session"]["status"], "COMPLETE");
    assert_eq!(siw.body["session"]["tos_id"], tos_id);
    let dc = app
        .get(&format!(
            "/v1/delivery_checkout/session.get?checkout_session_id=VM2-{}",
            uuid.replace('-', "")
        ))
        .await;
    assert_eq!(dc.body["session"]["status"], "COMPLETE");
    assert_eq!(dc.body["session"]["delivery_groups"][0]["tos_id"], tos_id);
    let headless = app.get(&format!("/v1/sessions/{uuid}")).await;
    assert_eq!(headless.body["state"], "COMPLETED");
    assert_eq!(headless.body["deliveries"][0]["tos_id"], tos_id);
    let a = app
        .post(
            "/v1/delivery_checkout/session.update",
            &json!({"checkout_session_id": format!("VM2-{}", uuid.replace('-', "")),
                    "external_id": "late"}),
        )
        .await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(a.body["error"]["status"], "FAILED_PRECONDITION");
}

/// What the shipping selector does in the customer's browser, with the session token alone:
/// read the session, choose an option with an addon, change the postal code. Every surface
/// shows the customer's choice and the new search address afterwards.
#[tokio::test]
async fn the_selectors_calls_with_the_session_token_show_on_every_surface() {
    use crate::common::auth::call;
    use poem::http::Method;

    let app = spawn_app().await;
    let uuid = create_on(&app, "siw").await;
    let siw = app.get(&format!("/v1/siw/session.get?id={uuid}")).await;
    let token = siw.body["session"]["token"].as_str().unwrap().to_owned();
    let path = format!("/v1/sessions/{uuid}");
    let read = call(&app, Method::GET, &path, None, Some(&token)).await;
    assert_eq!(read.status, 200, "{}", read.body);

    let choose = json!({
        "etag": read.body["etag"],
        "delivery_choices": [{"delivery_id": "main", "option_id": "home.pnl-mph",
            "addon_ids": ["carry-in"]}]
    });
    let chosen = call(
        &app,
        Method::POST,
        &format!("{path}:chooseDeliveryOptions"),
        Some(choose),
        Some(&token),
    )
    .await;
    assert_eq!(chosen.status, 200, "{}", chosen.body);
    let projection = read_on(&app, "headless", &uuid).await;
    assert!(projection.chosen_by_customer);
    for surface in ["cos", "siw", "delivery_checkout"] {
        assert_eq!(
            read_on(&app, surface, &uuid).await,
            projection,
            "read on {surface}"
        );
    }
    let siw = app.get(&format!("/v1/siw/session.get?id={uuid}")).await;
    let s = &siw.body["session"];
    assert_eq!(s["result"]["selection"], "USER_CHOICE");
    assert_eq!(s["result"]["category"]["id"], "home");
    assert!(
        s["result"]["pricing"]["price_components"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["type"] == "PRICE_COMPONENT_TYPE_ADDON" && c["value"] == 19900),
        "the carry-in addon is priced in: {s}"
    );

    let moved = call(
        &app,
        Method::PATCH,
        &format!("{path}?update_mask=search_address"),
        Some(
            json!({"search_address": {"country_code": "SE", "postal_code": "41101",
            "address_lines": []}}),
        ),
        Some(&token),
    )
    .await;
    assert_eq!(moved.status, 200, "{}", moved.body);
    for surface in ["headless", "cos", "siw", "delivery_checkout"] {
        let seen = read_on(&app, surface, &uuid).await;
        assert_eq!(
            seen.search_postal_code.as_deref(),
            Some("41101"),
            "{surface}"
        );
        assert!(
            seen.chosen_by_customer,
            "the choice survives the re-quote on {surface}"
        );
    }

    // The token reads and chooses; it cannot complete the session.
    let completed = call(
        &app,
        Method::POST,
        &format!("{path}:complete"),
        Some(json!({})),
        Some(&token),
    )
    .await;
    assert_eq!(completed.status, 403, "{}", completed.body);
}
