//! The legacy guides' request examples (one pair of shoes searched near Stockholm 11239, a coat
//! joining them, Erik Johansson completing), and the assertions the legacy suites share.

use serde_json::{json, Value};

use super::{violated_fields, Answer};

/// The guides' cart: one pair of shoes.
pub fn shoes_cart() -> Value {
    json!({
        "cart_id": "unique_id",
        "total_value": 129900,
        "currency": "SEK",
        "items": [{
            "sku": "SKU12345",
            "name": "Saucony Shadow 6000",
            "quantity": 1,
            "attributes": ["shoes", "indigo", "class_one"]
        }]
    })
}

/// The guides' updated cart: a coat joins the shoes.
pub fn shoes_and_coat_cart() -> Value {
    json!({
        "cart_id": "unique_id",
        "total_value": 274800,
        "currency": "SEK",
        "items": [
            {
                "sku": "SKU12345", "name": "Saucony Shadow 6000", "quantity": 1,
                "price": 129900, "attributes": ["shoes", "indigo", "class_one"]
            },
            {
                "sku": "SKU65432", "name": "Michigan Coat XL", "quantity": 1,
                "price": 144900, "attributes": ["tops", "spring_campaign"]
            }
        ]
    })
}

/// The guides' create request: Sweden, kronor, Swedish, the shoes, searched near 11239.
pub fn create_request() -> Value {
    json!({
        "purchase_country": "SE",
        "purchase_currency": "SEK",
        "locales": ["sv-SE"],
        "search_address": {"postal_code": "11239", "country": "SE"},
        "cart": shoes_cart()
    })
}

/// The guides' customer, completing the purchase.
pub fn customer() -> Value {
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

pub fn is_rfc3339(v: &Value) -> bool {
    v.as_str().is_some_and(|t| {
        time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).is_ok()
    })
}

pub fn time_of(v: &Value) -> time::OffsetDateTime {
    time::OffsetDateTime::parse(
        v.as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap()
}

/// A google.rpc.Status answer with this HTTP status and canonical code.
pub fn assert_error(a: &Answer, status: u16, code: &str) {
    assert_eq!(a.status, status, "{}", a.body);
    assert_eq!(a.body["error"]["status"], code, "{}", a.body);
    assert_eq!(a.body["error"]["code"], status, "{}", a.body);
}

/// INVALID_ARGUMENT naming at least these fields.
pub fn assert_invalid(a: &Answer, fields: &[&str]) {
    assert_error(a, 400, "INVALID_ARGUMENT");
    let named = violated_fields(&a.body);
    for field in fields {
        assert!(
            named.iter().any(|n| n == field),
            "`{field}` not among {named:?}: {}",
            a.body
        );
    }
}
