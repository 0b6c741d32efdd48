//! The request example each operation's spec shows, so "Try it out" in Swagger UI and the
//! generated clients' users start from a body the server accepts: the legacy guides' examples
//! where they have one, the demo merchant's shop otherwise. Operations on one session name the
//! session [`EXAMPLE_SESSION`]; replace it with one of yours.

use serde_json::{json, Value};

/// The session id the examples name.
pub const EXAMPLE_SESSION: &str = "3f0c3f1e-5a7e-4b8a-9c1d-2e4f6a8b0c1d";
/// The Delivery Checkout spelling of [`EXAMPLE_SESSION`].
pub const EXAMPLE_CHECKOUT_SESSION: &str = "VM2-3f0c3f1e5a7e4b8a9c1d2e4f6a8b0c1d";
/// The transport order the examples re-open.
pub const EXAMPLE_ORDER: &str = "01JD5Z6C7Q8R9S0T1V2W3X4Y5Z";

/// A Stockholm customer buying two terracotta pots from the demo shop.
fn headless_session() -> Value {
    json!({
        "purchase": {
            "country_code": "SE",
            "currency_code": "SEK",
            "locales": ["sv-SE"],
            "total_value": "45000"
        },
        "deliveries": [{
            "id": "d1",
            "line_items": [{
                "sku": "POT-12",
                "title": "Terracotta pot",
                "quantity": 2,
                "price": "22500",
                "weight": 1200,
                "dimensions": {"height": 200, "length": 250, "width": 250}
            }],
            "recipient_contact": {
                "address": {
                    "country_code": "SE",
                    "postal_code": "11820",
                    "city": "Stockholm",
                    "address_lines": ["Hornsgatan 90"]
                },
                "email": "kund@example.com"
            }
        }]
    })
}

/// The legacy guides' cart: one pair of shoes.
fn shoes_cart() -> Value {
    json!({
        "cart_id": "unique_id",
        "total_value": 129900,
        "currency": "SEK",
        "items": [{
            "sku": "SKU12345",
            "name": "Saucony Shadow 6000",
            "quantity": 1,
            "price": 129900,
            "attributes": ["shoes", "indigo", "class_one"]
        }]
    })
}

/// The legacy guides' updated cart: a coat joins the shoes.
fn shoes_and_coat_cart() -> Value {
    json!({
        "cart_id": "unique_id",
        "total_value": 274800,
        "currency": "SEK",
        "items": [
            {"sku": "SKU12345", "name": "Saucony Shadow 6000", "quantity": 1, "price": 129900,
             "attributes": ["shoes", "indigo", "class_one"]},
            {"sku": "SKU65432", "name": "Michigan Coat XL", "quantity": 1, "price": 144900,
             "attributes": ["tops", "spring_campaign"]}
        ]
    })
}

fn legacy_create() -> Value {
    json!({
        "purchase_country": "SE",
        "purchase_currency": "SEK",
        "locales": ["sv-SE"],
        "search_address": {"postal_code": "11239", "country": "SE"},
        "cart": shoes_cart()
    })
}

fn customer() -> Value {
    json!({
        "email": "erik@example.com",
        "phone": "0709997711",
        "address": {
            "name": "Erik Johansson",
            "address_lines": ["Industrigatan 5"],
            "city": "Stockholm",
            "postal_code": "11239",
            "country": "SE"
        }
    })
}

/// The headless API's request examples, by operation id.
pub fn headless() -> Vec<(&'static str, Value)> {
    vec![
        ("createSession", headless_session()),
        ("updateSession", {
            // The whole resource, as typed clients send it: without `update_mask` every member
            // present is written, here the purchase, the deliveries and a new search address.
            let mut session = headless_session();
            session["search_address"] =
                json!({"country_code": "SE", "postal_code": "11239", "address_lines": []});
            session
        }),
        (
            "chooseDeliveryOptions",
            json!({"delivery_choices": [{"delivery_id": "d1", "option_id": "home.budbee-home",
                                         "addon_ids": ["carry-in"]}]}),
        ),
        ("refreshSession", json!({})),
        (
            "completeSession",
            json!({"request_id": "order-1001-complete"}),
        ),
        (
            "createSessionFromTransportOrder",
            json!({"transport_order": format!("transportOrders/{EXAMPLE_ORDER}")}),
        ),
        (
            "updateDeliveryConfig",
            // One member, written without a mask (the members present are written) and
            // without an etag (applied to whatever is current).
            json!({"config": {"quote_validity_minutes": 30}}),
        ),
        ("createApiKey", json!({"scopes": ["CHECKOUT"]})),
        (
            "previewDeliveryConfig",
            // The current configuration, on the session create's example: what a customer is
            // offered now.
            json!({"session": headless_session()}),
        ),
        (
            "importPickupPoints",
            json!({"pickup_points": [{
                "id": "ib-sto-900", "carrier": "Instabox", "external_id": "DEMO-IB-STO900",
                "location_type": "LOCKER", "title": "Demo Instabox Hornstull",
                "address": {"country_code": "SE", "postal_code": "11821", "city": "Stockholm",
                            "address_lines": ["Hornstulls strand 1"],
                            "coordinates": {"lat": 59.3155, "lng": 18.0336}},
                "opening_hours": {"monday": ["00:00-23:59"], "tuesday": ["00:00-23:59"],
                                  "wednesday": ["00:00-23:59"], "thursday": ["00:00-23:59"],
                                  "friday": ["00:00-23:59"], "saturday": ["00:00-23:59"],
                                  "sunday": ["00:00-23:59"]}
            }]}),
        ),
        (
            "importPickupPoints",
            Value::String(
                "id,carrier,title,location_type,address_line,postal_code,city,country_code,lat,lng,monday,saturday\n\
                 ib-sto-901,Instabox,Demo Instabox Slussen,LOCKER,Katarinavägen 1,11645,Stockholm,SE,59.3195,18.0735,07:00-22:00,09:00-18:00\n"
                    .to_owned(),
            ),
        ),
    ]
}

/// COS's request examples, by operation id.
pub fn cos() -> Vec<(&'static str, Value)> {
    vec![
        ("cosCreateSession", legacy_create()),
        (
            "cosUpdateSession",
            json!({"id": EXAMPLE_SESSION, "cart": shoes_and_coat_cart()}),
        ),
        (
            "cosCompleteSession",
            json!({"id": EXAMPLE_SESSION, "customer": customer()}),
        ),
        (
            "cosCompleteSessionAndPromote",
            json!({"id": EXAMPLE_SESSION, "customer": customer(), "warehouse_id": "sto-central"}),
        ),
        (
            "cosCreateSessionFromOrder",
            json!({"tos_id": EXAMPLE_ORDER, "locales": ["sv-SE"]}),
        ),
        (
            "cosCompleteSessionAndUpdateOrder",
            json!({"id": EXAMPLE_SESSION, "customer": customer(), "tos_id": EXAMPLE_ORDER}),
        ),
        (
            "cosAddLocationToSession",
            json!({"id": EXAMPLE_SESSION, "shipping_method": "19",
                   "location_ref": "DEMO-PN-STO006"}),
        ),
    ]
}

/// SIW's request examples (its guide's), by operation id.
pub fn siw() -> Vec<(&'static str, Value)> {
    vec![
        ("siwCreateSession", legacy_create()),
        (
            "siwUpdateSession",
            json!({"id": EXAMPLE_SESSION, "cart": shoes_and_coat_cart()}),
        ),
        (
            "siwCompleteSession",
            json!({"id": EXAMPLE_SESSION, "customer": customer()}),
        ),
    ]
}

/// Delivery Checkout's request examples (its guide's), by operation id.
pub fn delivery_checkout() -> Vec<(&'static str, Value)> {
    vec![
        ("deliveryCheckoutCreateSession", legacy_create()),
        (
            "deliveryCheckoutUpdateSession",
            json!({"checkout_session_id": EXAMPLE_CHECKOUT_SESSION,
                   "cart": shoes_and_coat_cart()}),
        ),
        (
            "deliveryCheckoutCompleteSession",
            json!({"checkout_session_id": EXAMPLE_CHECKOUT_SESSION, "customer": customer(),
                   "external_id": "ORDER-1"}),
        ),
    ]
}
