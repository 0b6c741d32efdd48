//! The legacy specs' constraints beyond the wire types (see `common::spec_rules`): what `parse`
//! refuses in the shared objects, and the rules the three surfaces state alike.

use serde_json::{json, Value};

use crate::common::spec_rules::{
    countries, currencies, exactly, locale, not_blank, or_blank, Spec, UUID,
};
use domain::bounds::{MAX_AMOUNT, MAX_QUANTITY, MAX_WEIGHT_GRAMS};
use domain::SnippetConfiguration;
use service::Limits;

use super::parse::MAX_EXTERNAL_ID;

/// A day, as carts give shipping dates (`2026-12-24`), kept to days every month has.
const DAY: &str = "[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])";

fn shipping_date() -> String {
    let time = crate::common::spec_rules::RFC3339;
    or_blank(&format!("{DAY}|{time}"))
}

/// The rules of the shared objects, for each one the spec has.
pub fn shared(spec: &mut Spec) {
    let limits = Limits::default();
    let amount = json!({ "minimum": 0, "maximum": MAX_AMOUNT });
    if spec.has("Coordinates") {
        spec.member("Coordinates.lat")
            .with(json!({ "minimum": -90, "maximum": 90 }));
        spec.member("Coordinates.lng")
            .with(json!({ "minimum": -180, "maximum": 180 }));
        // Both or neither: `{}` says "not located".
        spec.schema("Coordinates").with(json!({ "anyOf": [
            { "required": ["lat", "lng"],
              "properties": { "lat": { "type": "number" }, "lng": { "type": "number" } } },
            { "properties": { "lat": { "not": { "type": "number" } },
                              "lng": { "not": { "type": "number" } } } }
        ] }));
    }
    if spec.has("Address") {
        // Blank is no country; where one is needed the surfaces require it (`country_required`).
        spec.member("Address.country")
            .with(json!({ "pattern": or_blank(countries()) }));
    }
    if spec.has("Dimensions") {
        for side in ["height", "length", "width"] {
            spec.member(&format!("Dimensions.{side}"))
                .with(json!({ "minimum": 0, "maximum": i64::MAX }));
        }
    }
    if spec.has("Cart") {
        spec.member("Cart.total_value").with(amount.clone());
        spec.member("Cart.total_discount").with(amount.clone());
        spec.member("Cart.currency")
            .with(json!({ "pattern": or_blank(currencies()) }));
        spec.member("Cart.shipping_date")
            .with(json!({ "pattern": shipping_date() }));
        spec.member("Cart.items")
            .with(json!({ "minItems": 1, "maxItems": limits.max_line_items }));
        spec.member("CartItem.sku")
            .with(json!({ "pattern": not_blank() }));
        spec.member("CartItem.quantity")
            .with(json!({ "minimum": 1, "maximum": MAX_QUANTITY }));
        spec.member("CartItem.price").with(amount.clone());
        spec.member("CartItem.discount").with(amount);
        spec.member("CartItem.weight")
            .with(json!({ "minimum": 0, "maximum": MAX_WEIGHT_GRAMS }));
        spec.member("CartItem.shipping_date")
            .with(json!({ "pattern": shipping_date() }));
    }
    if spec.has("Customer") {
        country_required(spec.member("Customer.address"));
    }
    if spec.has("Choice") {
        spec.member("Choice.shipping_method")
            .with(json!({ "pattern": not_blank() }));
    }
    if spec.has("SnippetConfiguration") {
        spec.schema("SnippetConfiguration")
            .with(json!({ "additionalProperties": false }));
        spec.member("SnippetConfiguration.container_id")
            .with(json!({ "pattern": or_blank("[A-Za-z][A-Za-z0-9_:.-]{0,63}") }));
        spec.member("SnippetConfiguration.object_id").with(json!({
            "pattern": or_blank("[A-Za-z_$][A-Za-z0-9_$]{0,63}"),
            "not": { "anyOf": [
                { "pattern": "^on" },
                { "enum": SnippetConfiguration::PAGE_GLOBALS },
            ] },
        }));
    }
}

/// An address that must name its country (a customer's, a search address where the surface
/// has no purchase country to fall back on).
pub fn country_required(address: crate::common::spec_rules::Target<'_>) {
    address.with(json!({
        "required": ["country"],
        "allOf": [{ "properties": { "country": {
            "type": "string", "pattern": exactly(countries())
        } } }],
    }));
}

/// A cart a request sends: its id must not be blank. (A session made on the headless surface
/// has no merchant cart id, so carts in answers may have an empty one.)
pub fn request_cart(cart: crate::common::spec_rules::Target<'_>) {
    cart.with(json!({ "allOf": [{ "properties": { "cart_id": { "pattern": not_blank() } } }] }));
}

/// A create request's purchase country, currency, locales and merchant reference.
pub fn purchase(spec: &mut Spec, schema: &str) {
    request_cart(spec.member(&format!("{schema}.cart")));
    spec.member(&format!("{schema}.purchase_country"))
        .with(json!({ "pattern": exactly(countries()) }));
    spec.member(&format!("{schema}.purchase_currency"))
        .with(json!({ "pattern": exactly(currencies()) }));
    locales(spec, schema);
    external_id(spec, schema);
}

/// `locale` (blank is none) and `locales`.
pub fn locales(spec: &mut Spec, schema: &str) {
    spec.member(&format!("{schema}.locale"))
        .with(json!({ "pattern": or_blank(locale()) }));
    spec.member(&format!("{schema}.locales[]"))
        .with(json!({ "pattern": exactly(locale()) }));
}

pub fn external_id(spec: &mut Spec, schema: &str) {
    spec.member(&format!("{schema}.external_id"))
        .with(json!({ "maxLength": MAX_EXTERNAL_ID }));
}

/// A session id member or parameter: the UUID (`VM2-` and 32 hex digits also where
/// `checkout_session_id` is the member).
pub fn session_id(checkout: bool) -> Value {
    let pattern = if checkout {
        exactly(&format!("VM2-[0-9a-fA-F]{{32}}|{UUID}"))
    } else {
        exactly(UUID)
    };
    json!({ "pattern": pattern })
}

/// A completion's customer: `customer`, else the deprecated `customer_info` (when `customer` is
/// absent or null), with an address.
pub fn completing_customer(spec: &mut Spec, schema: &str) {
    let with_address = json!({ "type": "object", "required": ["address"],
                               "properties": { "address": { "type": "object" } } });
    spec.schema(schema).with(json!({ "anyOf": [
        { "required": ["customer"], "properties": { "customer": with_address } },
        { "required": ["customer_info"],
          "properties": { "customer": { "not": { "type": "object" } },
                          "customer_info": with_address } },
    ] }));
}
