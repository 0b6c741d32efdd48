//! The headless spec's constraints beyond the wire types (see `common::spec_rules`): what
//! `mapping`, `update_mask` and the service refuse, stated so the published contract agrees.

use serde_json::json;

use crate::common::spec_rules::{
    amount_text, countries, currencies, exactly, locale, not_blank, Spec, HAS_AT, RFC3339, ULID,
    UUID,
};
use domain::bounds::{MAX_QUANTITY, MAX_WEIGHT_GRAMS};
use service::{Limits, MAX_REQUEST_ID};

/// Request objects that refuse members they do not declare (`deny_unknown_fields`).
const CLOSED: [&str; 15] = [
    "DeliveryChoice",
    "DeliveryConfigUpdate",
    "Session",
    "SessionUpdate",
    "SessionPurchase",
    "SessionPurchaseUpdate",
    "Delivery",
    "LineItem",
    "LineItemDimensions",
    "Fulfillment",
    "FulfillmentReadiness",
    "Contact",
    "ContactPhoneNumber",
    "Address",
    "Coordinates",
];

/// The members a list filter takes, by operation: `field op value` terms joined by ` AND `.
fn filter(terms: &[&str]) -> String {
    let term = terms.join("|");
    format!("^(?:(?:{term})(?: AND (?:{term}))*)?$")
}

fn quoted(value: &str) -> String {
    format!("(?:{value}|\"(?:{value})\")")
}

pub fn spec_rules(spec: &mut Spec) {
    let limits = Limits::default();
    let amount = json!({ "pattern": amount_text() });
    let request_id = json!({ "minLength": 1, "maxLength": MAX_REQUEST_ID });
    for name in CLOSED {
        spec.schema(name)
            .with(json!({ "additionalProperties": false }));
    }
    for purchase in ["SessionPurchase", "SessionPurchaseUpdate"] {
        spec.member(&format!("{purchase}.country_code"))
            .with(json!({ "pattern": exactly(countries()) }));
        spec.member(&format!("{purchase}.currency_code"))
            .with(json!({ "pattern": exactly(currencies()) }));
        spec.member(&format!("{purchase}.total_discount"))
            .with(amount.clone());
        spec.member(&format!("{purchase}.total_value"))
            .with(amount.clone());
        spec.member(&format!("{purchase}.vouchers[]"))
            .with(json!({ "pattern": not_blank() }));
        spec.member(&format!("{purchase}.locales[]"))
            .with(json!({ "pattern": exactly(locale()) }));
    }
    let deliveries = json!({ "minItems": 1, "maxItems": limits.max_deliveries });
    for session in ["Session", "SessionUpdate"] {
        spec.member(&format!("{session}.deliveries"))
            .with(deliveries.clone());
        spec.member(&format!("{session}.external_id"))
            .with(json!({ "maxLength": 256 }));
    }
    spec.member("Delivery.id")
        .with(json!({ "pattern": not_blank() }));
    spec.member("Delivery.line_items")
        .with(json!({ "minItems": 1, "maxItems": limits.max_line_items }));
    for text in ["sku", "title"] {
        spec.member(&format!("LineItem.{text}"))
            .with(json!({ "pattern": not_blank() }));
    }
    spec.member("LineItem.quantity")
        .with(json!({ "minimum": 1, "maximum": MAX_QUANTITY }));
    spec.member("LineItem.weight")
        .with(json!({ "minimum": 1, "maximum": MAX_WEIGHT_GRAMS }));
    spec.member("LineItem.price").with(amount.clone());
    spec.member("LineItem.discount").with(amount);
    for side in ["height", "length", "width"] {
        spec.member(&format!("LineItemDimensions.{side}"))
            .with(json!({ "minimum": 1, "maximum": i64::MAX }));
    }
    spec.member("Contact.email")
        .with(json!({ "pattern": HAS_AT }));
    spec.member("ContactPhoneNumber.country_code")
        .with(json!({ "pattern": exactly(countries()) }));
    spec.member("ContactPhoneNumber.number")
        .with(json!({ "pattern": not_blank() }));
    spec.member("Address.country_code")
        .with(json!({ "pattern": exactly(countries()) }));
    spec.member("Coordinates.lat")
        .with(json!({ "minimum": -90, "maximum": 90 }));
    spec.member("Coordinates.lng")
        .with(json!({ "minimum": -180, "maximum": 180 }));

    spec.param("createSession", "session_id")
        .with(json!({ "pattern": exactly(UUID) }));
    spec.param("createSession", "request_id")
        .with(request_id.clone());
    spec.body("completeSession", "request_id")
        .with(request_id.clone());
    spec.body("createSessionFromTransportOrder", "request_id")
        .with(request_id);
    spec.body("createSessionFromTransportOrder", "transport_order")
        .with(json!({ "pattern": exactly(&format!("(?:transportOrders/)?(?:{ULID})")) }));
    for op in [
        "chooseDeliveryOptions",
        "refreshSession",
        "completeSession",
        "createSessionFromTransportOrder",
    ] {
        spec.body(op, "")
            .with(json!({ "additionalProperties": false }));
    }
    spec.param("updateSession", "update_mask")
        .with(json!({ "pattern": super::update_mask::mask_pattern() }));
    spec.body("chooseDeliveryOptions", "delivery_choices")
        .with(json!({ "minItems": 1 }));
    for op in [
        "getSession",
        "updateSession",
        "chooseDeliveryOptions",
        "refreshSession",
        "completeSession",
    ] {
        spec.param(op, "session")
            .with(json!({ "pattern": exactly(UUID) }));
    }
    spec.param("getTransportOrder", "transport_order")
        .with(json!({ "pattern": exactly(ULID) }));
    for op in ["getEvent", "redeliverEvent"] {
        spec.param(op, "event")
            .with(json!({ "pattern": exactly(ULID) }));
    }

    let time = format!("create_time (?:<|<=|>|>=) {}", quoted(RFC3339));
    let external_id = "external_id = \"[^\"=<>!]*\"";
    let session = format!("session = {}", quoted(&format!("(?:sessions/)?(?:{UUID})")));
    for (op, terms) in [
        (
            "listSessions",
            vec![
                format!("state (?:=|!=) {}", quoted("ACTIVE|COMPLETED")),
                time.clone(),
                external_id.to_owned(),
            ],
        ),
        (
            "listTransportOrders",
            vec![session.clone(), external_id.to_owned(), time.clone()],
        ),
        (
            "listEvents",
            vec![
                format!(
                    "type = {}",
                    quoted(r"session\.completed|transport_order\.created|transport_order\.updated")
                ),
                session.clone(),
                time.clone(),
            ],
        ),
    ] {
        let terms: Vec<&str> = terms.iter().map(String::as_str).collect();
        spec.param(op, "filter")
            .with(json!({ "pattern": filter(&terms) }));
        spec.param(op, "page_size")
            .with(json!({ "minimum": 0, "maximum": i32::MAX }));
    }
    config_rules(spec);
}

/// The delivery configuration's and the API keys' operations: what the paths and mask take. The document itself
/// is the file's shape, checked by the server (see `ConfigDocument`).
fn config_rules(spec: &mut Spec) {
    let merchant = json!({ "pattern": not_blank(), "maxLength": 256 });
    for op in [
        "getDeliveryConfig",
        "updateDeliveryConfig",
        "listDeliveryConfigRevisions",
        "listAuditEvents",
        "getDeliveryConfigRevision",
        "previewDeliveryConfig",
        "createApiKey",
        "listApiKeys",
        "revokeApiKey",
        "importPickupPoints",
        "listPickupPoints",
        "getPickupPoint",
    ] {
        spec.param(op, "merchant").with(merchant.clone());
    }
    spec.param("getPickupPoint", "pickup_point")
        .with(json!({ "pattern": "^[A-Za-z0-9._-]{1,128}$" }));
    spec.param("listPickupPoints", "page_size")
        .with(json!({ "minimum": 0, "maximum": i32::MAX }));
    spec.param("revokeApiKey", "api_key")
        .with(json!({ "pattern": "^[A-Za-z0-9]{1,64}$" }));
    spec.param("listApiKeys", "page_size")
        .with(json!({ "minimum": 0, "maximum": i32::MAX }));
    spec.schema("ApiKey")
        .with(json!({ "additionalProperties": false }));
    spec.member("ApiKey.scopes").with(json!({ "minItems": 1 }));
    spec.param("getDeliveryConfigRevision", "revision")
        .with(json!({ "pattern": "^[1-9][0-9]{0,17}$" }));
    for op in ["listDeliveryConfigRevisions", "listAuditEvents"] {
        spec.param(op, "page_size")
            .with(json!({ "minimum": 0, "maximum": i32::MAX }));
    }
    let path = "config(?:\\.[a-z_]+)*|name|revision|revision_name|update_time|author|etag";
    spec.param("updateDeliveryConfig", "update_mask")
        .with(json!({
            "pattern": format!("^(?:\\*|(?:{path})(?:,(?:{path}))*)?$")
        }));
    spec.body("previewDeliveryConfig", "")
        .with(json!({ "additionalProperties": false }));
}
