//! The Headless Checkout API's resources and messages as they travel on the wire.
//!
//! Each type derives poem-openapi's `Object` (the spec and the responses) and serde's
//! `Deserialize` (requests, so errors can name the exact field path). Output-only members are
//! `read_only` in the spec and accepted-but-ignored on input, so a client may send back what it
//! read.

use std::collections::BTreeMap;

use poem_openapi::{Enum, Object};
use serde::Deserialize;
use time::OffsetDateTime;

use super::types::{echoed, echoed_list, echoed_time, present, ConfigDocument, Int64};

/// The life-cycle state of a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Deserialize, serde::Serialize)]
#[oai(rename = "SessionState", rename_all = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SessionState {
    StateUnspecified,
    /// Open: the purchase can change and the customer can choose.
    Active,
    /// Completed by the merchant; every delivery has a `tos_id` and nothing can change.
    Completed,
}

/// A checkout session: the purchase, its deliveries and what each delivery is offered.
#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "Session")]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// Resource name, `sessions/{session_id}`.
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<SessionState>,
    pub purchase: SessionPurchase,
    pub deliveries: Vec<Delivery>,
    /// Where the customer wants the goods delivered or picked up; may differ from the recipient's
    /// address. Options are computed for it when set, else for each recipient's address.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search_address: Option<Address>,
    /// The merchant's own reference for this checkout, e.g. a cart or order id.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed_time")]
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "time::serde::rfc3339::option::serialize"
    )]
    pub create_time: Option<OffsetDateTime>,
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed_time")]
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "time::serde::rfc3339::option::serialize"
    )]
    pub update_time: Option<OffsetDateTime>,
    /// When the offered options stop being valid; refresh the session after it.
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed_time")]
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "time::serde::rfc3339::option::serialize"
    )]
    pub expire_time: Option<OffsetDateTime>,
    /// The version of this session. Send it back on update and on custom methods to make the
    /// write conditional: a stale etag is refused with ABORTED (409).
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// For a session re-opened from a transport order: that order, which completing amends.
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_transport_order: Option<String>,
    /// The revision of the merchant's delivery configuration the offer was computed with;
    /// `refresh` computes it again with the current one.
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config_revision: Option<Int64>,
    /// `true` for a session made with a test key: only test keys see it, its events say
    /// `test`, and its transport orders are test orders that no live key, list or webhook
    /// ever shows.
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test: Option<bool>,
}

/// The body of an update: a session's writable members, each optional. Without `update_mask`
/// the members present are written (each member of `purchase` on its own); with it, the masked
/// ones, read from here. Either way every member present must be valid. Output-only members
/// may be sent back as read, and are ignored.
///
/// Deserialising it only checks the body's shape; `update_mask` reads what it writes.
#[derive(Debug, Clone, Object, Deserialize)]
#[oai(rename = "SessionUpdate")]
#[serde(deny_unknown_fields)]
pub struct SessionUpdate {
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed")]
    pub name: Option<String>,
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed")]
    pub state: Option<SessionState>,
    #[oai(skip_serializing_if_is_none)]
    #[serde(default)]
    pub purchase: Option<SessionPurchaseUpdate>,
    /// Replaces every delivery.
    #[oai(skip_serializing_if_is_none)]
    #[serde(default)]
    pub deliveries: Option<Vec<Delivery>>,
    /// Replaces the search address; `null` removes it.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub search_address: Option<Address>,
    /// `null` or empty removes it.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub external_id: Option<String>,
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed_time")]
    pub create_time: Option<OffsetDateTime>,
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed_time")]
    pub update_time: Option<OffsetDateTime>,
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed_time")]
    pub expire_time: Option<OffsetDateTime>,
    /// The version the update applies to: a stale etag is refused with ABORTED (409).
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed")]
    pub etag: Option<String>,
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed")]
    pub source_transport_order: Option<String>,
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed")]
    pub config_revision: Option<Int64>,
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed")]
    pub test: Option<bool>,
}

/// The purchase members an update writes, each on its own; `update_mask=purchase` writes the
/// whole purchase and then needs the country and currency codes.
#[derive(Debug, Clone, Object, Deserialize)]
#[oai(rename = "SessionPurchaseUpdate")]
#[serde(deny_unknown_fields)]
pub struct SessionPurchaseUpdate {
    #[oai(skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "present")]
    pub country_code: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "present")]
    pub currency_code: Option<String>,
    /// `null` removes it.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub total_discount: Option<Int64>,
    /// `null` removes it.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub total_value: Option<Int64>,
    /// `null` removes every voucher.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub vouchers: Option<Vec<String>>,
    /// `null` removes every locale.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub locales: Option<Vec<String>>,
}

/// What is being bought: destination country, currency, languages, totals and vouchers.
#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "SessionPurchase")]
#[serde(deny_unknown_fields)]
pub struct SessionPurchase {
    /// ISO 3166-1 alpha-2 code of the country the goods go to.
    pub country_code: String,
    /// ISO 4217 code of the currency all prices are in.
    pub currency_code: String,
    /// Total discount on the purchase, minor units, non-negative.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_discount: Option<Int64>,
    /// Total value after discounts, minor units, non-negative; free-shipping rules compare to it.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_value: Option<Int64>,
    #[oai(default)]
    #[serde(default)]
    pub vouchers: Vec<String>,
    /// BCP 47 tags (`sv-SE`) in order of preference; names are shown in the first supported one.
    #[oai(default)]
    #[serde(default)]
    pub locales: Vec<String>,
}

/// One shipment: its goods, recipient and readiness, and the categories offered for it.
#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "Delivery")]
#[serde(deny_unknown_fields)]
pub struct Delivery {
    /// Chosen by the client, unique within the session.
    pub id: String,
    pub line_items: Vec<LineItem>,
    /// When the goods are ready to ship; ready now when empty.
    #[oai(default)]
    #[serde(default)]
    pub fulfillments: Vec<Fulfillment>,
    pub recipient_contact: Contact,
    /// Tags that filter and price rules match on, e.g. `bulky`.
    #[oai(default)]
    #[serde(default)]
    pub attributes: Vec<String>,
    /// Computed by the rule engine: the categories offered, in presentation order.
    #[oai(read_only, default)]
    #[serde(default, deserialize_with = "echoed_list")]
    pub delivery_categories: Vec<DeliveryCategory>,
    /// The transport order created for this delivery, once the session is completed.
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tos_id: Option<String>,
    /// When nothing can be offered (`delivery_categories` is empty), why: one reason per
    /// category of the merchant's, such as no price in the purchase currency or no carrier
    /// product delivering to the country.
    #[oai(read_only, default, skip_serializing_if_is_empty)]
    #[serde(default, deserialize_with = "echoed_list")]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub no_offer_reasons: Vec<String>,
}

#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "LineItem")]
#[serde(deny_unknown_fields)]
pub struct LineItem {
    pub sku: String,
    pub title: String,
    /// At least 1.
    pub quantity: i32,
    /// Grams per item, above 0.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<i64>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dimensions: Option<LineItemDimensions>,
    /// Discount on this line, minor units, non-negative.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discount: Option<Int64>,
    /// Price of one item after discounts, minor units, non-negative.
    pub price: Int64,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_uri: Option<String>,
    #[oai(default)]
    #[serde(default)]
    pub attributes: Vec<String>,
}

/// Millimetres, each above 0.
#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "LineItemDimensions")]
#[serde(deny_unknown_fields)]
pub struct LineItemDimensions {
    pub height: i64,
    pub length: i64,
    pub width: i64,
}

#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "Fulfillment")]
#[serde(deny_unknown_fields)]
pub struct Fulfillment {
    pub readiness: FulfillmentReadiness,
}

/// When the goods are ready to ship; delivery promises count from here.
#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "FulfillmentReadiness")]
#[serde(deny_unknown_fields)]
pub struct FulfillmentReadiness {
    #[serde(with = "time::serde::rfc3339")]
    pub earliest_time: OffsetDateTime,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest_time: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "Contact")]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub address: Address,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<ContactPhoneNumber>,
}

#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "ContactPhoneNumber")]
#[serde(deny_unknown_fields)]
pub struct ContactPhoneNumber {
    /// ISO 3166-1 alpha-2 region of the number.
    pub country_code: String,
    pub number: String,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
}

#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "Address")]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// ISO 3166-1 alpha-2.
    pub country_code: String,
    /// ISO 3166-2 subdivision without the country prefix.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region_code: Option<String>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    pub address_lines: Vec<String>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coordinates: Option<Coordinates>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub street_number: Option<String>,
}

/// WGS84 degrees.
#[derive(Debug, Clone, Copy, Object, Deserialize, serde::Serialize)]
#[oai(rename = "Coordinates")]
#[serde(deny_unknown_fields)]
pub struct Coordinates {
    /// -90 to 90.
    pub lat: f64,
    /// -180 to 180.
    pub lng: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Deserialize, serde::Serialize)]
#[oai(
    rename = "DeliveryCategoryDeliveryType",
    rename_all = "SCREAMING_SNAKE_CASE"
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DeliveryType {
    DeliveryTypeUnspecified,
    /// To the recipient's door.
    Delivery,
    /// To a service point or parcel locker.
    Pickup,
    /// Into the recipient's mailbox.
    Mailbox,
    /// Collected in one of the merchant's stores.
    Instore,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Deserialize, serde::Serialize)]
#[oai(
    rename = "DeliveryCategoryOptionsSource",
    rename_all = "SCREAMING_SNAKE_CASE"
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OptionsSource {
    OptionsSourceUnspecified,
    /// No address is known yet: options are representative, with "from" prices and relative
    /// delivery promises. Set `search_address` for real ones.
    Placeholder,
    /// Options were computed for the search address (or the recipient's address).
    Address,
    /// Computed for the address, and at least one option's price, delivery promise or pickup
    /// location came live from the merchant's rate provider; each option's `carrier.meta`
    /// (`price_source`, `etd_source`, `pickup_points_source`) says which.
    Provider,
}

/// A group of options of one delivery type, e.g. "Pickup point".
#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "DeliveryCategory")]
pub struct DeliveryCategory {
    pub id: String,
    #[oai(skip_serializing_if_is_none)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    pub delivery_type: DeliveryType,
    /// In the session's preferred locale.
    pub display_name: String,
    pub sort_order: i32,
    pub options_source: OptionsSource,
    pub delivery_options: Vec<DeliveryOption>,
    pub addons: Vec<Addon>,
    pub preselected: bool,
    pub chosen: bool,
    #[oai(skip_serializing_if_is_none)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warehouse: Option<DeliveryCategoryWarehouse>,
}

/// The warehouse this category ships from.
#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "DeliveryCategoryWarehouse")]
pub struct DeliveryCategoryWarehouse {
    pub id: String,
    pub address: Address,
}

/// One way to receive the delivery: a carrier product, maybe at a pickup location.
#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "DeliveryOption")]
pub struct DeliveryOption {
    /// Stable while the same carrier product and location are offered, so a choice survives
    /// recomputation.
    pub id: String,
    pub carrier: DeliveryOptionCarrier,
    #[oai(skip_serializing_if_is_none)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pickup_location: Option<PickupLocation>,
    pub etd: Etd,
    pub preselected: bool,
    pub chosen: bool,
    #[oai(skip_serializing_if_is_none)]
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expire_time: Option<OffsetDateTime>,
    /// Minor units of the purchase currency.
    pub price: Int64,
    /// In a session's offer, the ids of the category's addons this option's carrier performs:
    /// only these can be chosen with it. Empty in a transport order.
    #[oai(read_only, default)]
    #[serde(default)]
    pub supported_addon_ids: Vec<String>,
}

#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "DeliveryOptionCarrier")]
pub struct DeliveryOptionCarrier {
    pub name: String,
    pub product_name: String,
    /// Shipping-method id, e.g. `pnl-mpc`.
    pub product_id: String,
    #[oai(skip_serializing_if_is_none)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort_order: Option<i32>,
    pub meta: BTreeMap<String, String>,
    /// The merchant's id for this carrier product.
    pub external_id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Deserialize, serde::Serialize)]
#[oai(rename = "PickupLocationType", rename_all = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LocationType {
    LocationTypeUnspecified,
    ServicePoint,
    Locker,
    PostOffice,
    Store,
}

#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "PickupLocation")]
pub struct PickupLocation {
    pub id: String,
    pub external_id: String,
    #[oai(skip_serializing_if_is_none)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location_type: Option<LocationType>,
    pub title: String,
    #[oai(skip_serializing_if_is_none)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visiting_contact: Option<Contact>,
    #[oai(skip_serializing_if_is_none)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery_contact: Option<Contact>,
    /// Absent when the location is always open.
    #[oai(skip_serializing_if_is_none)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operational_hours: Option<PickupLocationOperationalHours>,
    pub sections: Vec<PickupLocationSection>,
    #[oai(skip_serializing_if_is_none)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distances: Option<PickupLocationDistances>,
}

/// Opening intervals per weekday as `HH:MM-HH:MM`; an empty day is closed.
#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "PickupLocationOperationalHours")]
pub struct PickupLocationOperationalHours {
    pub monday: Vec<String>,
    pub tuesday: Vec<String>,
    pub wednesday: Vec<String>,
    pub thursday: Vec<String>,
    pub friday: Vec<String>,
    pub saturday: Vec<String>,
    pub sunday: Vec<String>,
    pub free_text: Vec<String>,
}

#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "PickupLocationSection")]
pub struct PickupLocationSection {
    pub title: String,
    pub columns: Vec<SectionColumn>,
}

#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "SectionColumn")]
pub struct SectionColumn {
    pub items: Vec<SectionItem>,
}

#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "SectionItem")]
pub struct SectionItem {
    #[oai(skip_serializing_if_is_none)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub icon_uri: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link_uri: Option<String>,
}

#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "PickupLocationDistances")]
pub struct PickupLocationDistances {
    #[oai(skip_serializing_if_is_none)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub walking: Option<Distance>,
    #[oai(skip_serializing_if_is_none)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub driving: Option<Distance>,
}

/// Estimated from the great-circle distance (see the README for the factors).
#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "Distance")]
pub struct Distance {
    pub meters: Int64,
    pub minutes: Int64,
}

/// Estimated time of delivery, relative, absolute, or as text.
#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "ETD")]
pub struct Etd {
    #[oai(skip_serializing_if_is_none)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relative: Option<EtdRelative>,
    #[oai(skip_serializing_if_is_none)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub absolute: Option<EtdAbsolute>,
    #[oai(skip_serializing_if_is_none)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom: Option<EtdCustom>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Deserialize, serde::Serialize)]
#[oai(rename = "ETDTimeUnit", rename_all = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TimeUnit {
    TimeUnitUnspecified,
    Minute,
    Hour,
    Day,
    Week,
}

#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "ETDRelative")]
pub struct EtdRelative {
    pub unit: TimeUnit,
    #[oai(skip_serializing_if_is_none)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earliest: Option<i32>,
    #[oai(skip_serializing_if_is_none)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest: Option<i32>,
}

#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "ETDAbsolute")]
pub struct EtdAbsolute {
    #[oai(skip_serializing_if_is_none)]
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earliest_time: Option<OffsetDateTime>,
    #[oai(skip_serializing_if_is_none)]
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest_time: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "ETDCustom")]
pub struct EtdCustom {
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Deserialize, serde::Serialize)]
#[oai(rename = "AddonType", rename_all = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AddonType {
    AddonTypeUnspecified,
    LeaveAtDoor,
    CarryIn,
    CallBeforeDelivery,
    IdCheck,
    Insurance,
    GiftWrapping,
}

/// An extra service offered with the options of a category.
#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "Addon")]
pub struct Addon {
    pub id: String,
    pub display_name: String,
    /// Minor units.
    pub price: Int64,
    pub addon_type: AddonType,
    pub preselected: bool,
    pub chosen: bool,
}

/// The option (and addons) chosen for one delivery.
#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "DeliveryChoice")]
#[serde(deny_unknown_fields)]
pub struct DeliveryChoice {
    pub delivery_id: String,
    pub option_id: String,
    #[oai(default)]
    #[serde(default)]
    pub addon_ids: Vec<String>,
}

/// Body of `:chooseDeliveryOptions`.
#[derive(Debug, Clone, Object, Deserialize)]
#[oai(rename = "ChooseDeliveryOptionsRequest")]
#[serde(deny_unknown_fields)]
pub struct ChooseDeliveryOptionsRequest {
    /// When set, the choice applies only if the session is still at this version.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub etag: Option<String>,
    pub delivery_choices: Vec<DeliveryChoice>,
}

/// Body of `:refresh`.
#[derive(Debug, Clone, Object, Deserialize)]
#[oai(rename = "RefreshSessionRequest")]
#[serde(deny_unknown_fields)]
pub struct RefreshSessionRequest {
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub etag: Option<String>,
}

/// Body of `:complete`.
#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "CompleteSessionRequest")]
#[serde(deny_unknown_fields)]
pub struct CompleteSessionRequest {
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub etag: Option<String>,
    /// Final choices; a delivery without one completes with its preselected option.
    #[oai(default)]
    #[serde(default)]
    pub delivery_choices: Vec<DeliveryChoice>,
    /// Makes a retry safe: the same id returns the first completion's result.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub request_id: Option<String>,
}

/// How much of each resource a list returns (AIP-157 partial responses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Enum)]
#[oai(rename = "View", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum View {
    /// The list's default, `BASIC`.
    #[default]
    ViewUnspecified,
    /// Without what only a read of one resource needs: a session's offers (each delivery
    /// keeps its chosen category and option only), a transport order's `history`, an event's
    /// `payload`.
    Basic,
    /// Every field, as the resource's Get returns it.
    Full,
}

#[derive(Debug, Clone, Object, serde::Serialize)]
#[oai(rename = "ListSessionsResponse")]
pub struct ListSessionsResponse {
    pub sessions: Vec<Session>,
    /// Pass as `page_token` for the next page; empty on the last page.
    pub next_page_token: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Deserialize, serde::Serialize)]
#[oai(rename = "TransportOrderState", rename_all = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TransportOrderState {
    StateUnspecified,
    /// Created by a session's completion.
    Created,
    /// Changed since by the completion of a session re-opened from it.
    Amended,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Deserialize, serde::Serialize)]
#[oai(rename = "PriceComponentType", rename_all = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PriceComponentType {
    PriceComponentTypeUnspecified,
    Shipping,
    Addon,
    Discount,
}

/// One part of an order's price.
#[derive(Debug, Clone, Object, serde::Serialize)]
#[oai(rename = "PriceComponent")]
pub struct PriceComponent {
    #[oai(rename = "type")]
    #[serde(rename = "type")]
    pub component_type: PriceComponentType,
    /// Minor units; negative for discounts.
    pub amount: Int64,
    /// What it stems from: `base`, `weight_tier`, `product_price`, `free_shipping`, a voucher
    /// code, an addon id.
    pub reference: String,
}

/// What the merchant, the carrier and the customer were promised.
#[derive(Debug, Clone, Object, serde::Serialize)]
#[oai(rename = "DeliveryPromise")]
pub struct DeliveryPromise {
    /// When the carrier collects the parcel from the warehouse.
    #[serde(serialize_with = "time::serde::rfc3339::serialize")]
    pub merchant_pickup_time: OffsetDateTime,
    pub carrier_transit_days_min: i32,
    pub carrier_transit_days_max: i32,
    #[serde(serialize_with = "time::serde::rfc3339::serialize")]
    pub customer_earliest_time: OffsetDateTime,
    #[serde(serialize_with = "time::serde::rfc3339::serialize")]
    pub customer_latest_time: OffsetDateTime,
}

/// The category an order ships in.
#[derive(Debug, Clone, Object, serde::Serialize)]
#[oai(rename = "TransportOrderCategory")]
pub struct TransportOrderCategory {
    pub id: String,
    #[oai(skip_serializing_if_is_none)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    pub display_name: String,
    pub delivery_type: DeliveryType,
}

/// An earlier version of an order.
#[derive(Debug, Clone, Object, serde::Serialize)]
#[oai(rename = "TransportOrderVersion")]
pub struct TransportOrderVersion {
    pub version: i32,
    /// The session whose completion wrote this version.
    pub session: String,
    #[serde(serialize_with = "time::serde::rfc3339::serialize")]
    pub update_time: OffsetDateTime,
    pub delivery_option_id: String,
    /// Shipping plus addons, minor units.
    pub price: Int64,
}

/// A transport order: what the warehouse books and ships for one completed delivery. Its id is
/// the delivery's `tos_id`.
#[derive(Debug, Clone, Object, serde::Serialize)]
#[oai(rename = "TransportOrder")]
pub struct TransportOrder {
    /// `transportOrders/{tos_id}`.
    #[oai(read_only)]
    pub name: Option<String>,
    /// The session whose completion wrote the current version.
    pub session: String,
    pub delivery_id: String,
    #[oai(skip_serializing_if_is_none)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    #[oai(read_only)]
    pub state: Option<TransportOrderState>,
    /// 1 on creation, one more for each amendment.
    pub version: i32,
    pub purchase: SessionPurchase,
    pub line_items: Vec<LineItem>,
    pub recipient_contact: Contact,
    pub delivery_category: TransportOrderCategory,
    pub delivery_option: DeliveryOption,
    pub addons: Vec<Addon>,
    /// Shipping plus the chosen addons, minor units.
    pub price: Int64,
    pub price_components: Vec<PriceComponent>,
    #[oai(skip_serializing_if_is_none)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub promise: Option<DeliveryPromise>,
    /// The sender.
    #[oai(skip_serializing_if_is_none)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warehouse: Option<DeliveryCategoryWarehouse>,
    /// Earlier versions, oldest first; not in a `BASIC` list.
    #[oai(skip_serializing_if_is_none)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<TransportOrderVersion>>,
    #[oai(read_only)]
    #[serde(serialize_with = "time::serde::rfc3339::option::serialize")]
    pub create_time: Option<OffsetDateTime>,
    #[oai(read_only)]
    #[serde(serialize_with = "time::serde::rfc3339::option::serialize")]
    pub update_time: Option<OffsetDateTime>,
    #[oai(read_only)]
    pub etag: Option<String>,
    /// `true` for an order of a test session: it books nothing, and only test keys see it.
    pub test: bool,
}

#[derive(Debug, Clone, Object, serde::Serialize)]
#[oai(rename = "ListTransportOrdersResponse")]
pub struct ListTransportOrdersResponse {
    pub transport_orders: Vec<TransportOrder>,
    /// Pass as `page_token` for the next page; empty on the last page.
    pub next_page_token: String,
}

/// Body of `sessions:createFromTransportOrder`.
#[derive(Debug, Clone, Object, Deserialize, serde::Serialize)]
#[oai(rename = "CreateSessionFromTransportOrderRequest")]
#[serde(deny_unknown_fields)]
pub struct CreateSessionFromTransportOrderRequest {
    /// The order to change, `transportOrders/{tos_id}`.
    pub transport_order: String,
    /// Makes a retry safe: the same id returns the first result.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub request_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Deserialize)]
#[oai(rename = "EventDeliveryState", rename_all = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EventDeliveryState {
    StateUnspecified,
    /// Waiting for its first or next attempt.
    Pending,
    Delivered,
    /// Every attempt failed; `:redeliver` queues it again.
    Failed,
}

/// The delivery of an event to one webhook endpoint.
#[derive(Debug, Clone, Object)]
#[oai(rename = "EventDelivery")]
pub struct EventDelivery {
    pub endpoint_id: String,
    pub url: String,
    pub state: EventDeliveryState,
    pub attempts: i32,
    /// When the next attempt is due, while pending.
    pub next_attempt_time: OffsetDateTime,
    #[oai(skip_serializing_if_is_none)]
    pub last_error: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    pub delivered_time: Option<OffsetDateTime>,
}

/// Something that happened to a merchant's sessions or orders, and where it was sent.
#[derive(Debug, Clone, Object)]
#[oai(rename = "Event")]
pub struct Event {
    /// `events/{event_id}`.
    pub name: String,
    /// `session.completed`, `transport_order.created` or `transport_order.updated`.
    #[oai(rename = "type")]
    pub event_type: String,
    /// The session whose change caused the event.
    pub session: String,
    pub create_time: OffsetDateTime,
    /// `true` for an event of test data; its deliveries say so too (`test` in the payload).
    pub test: bool,
    /// The JSON body every delivery attempt sends: `id`, `type`, `create_time`,
    /// `merchant_id`, `test` and `data` (the resource as the API shows it); not in a `BASIC`
    /// list.
    #[oai(skip_serializing_if_is_none)]
    pub payload: Option<serde_json::Value>,
    pub deliveries: Vec<EventDelivery>,
}

#[derive(Debug, Clone, Object)]
#[oai(rename = "ListEventsResponse")]
pub struct ListEventsResponse {
    pub events: Vec<Event>,
    /// Pass as `page_token` for the next page; empty on the last page.
    pub next_page_token: String,
}

/// A merchant's delivery configuration (a singleton, `merchants/{merchant}/deliveryConfig`):
/// warehouses, carrier products, categories with prices, addons, vouchers, webhooks and rate
/// providers. Each accepted update is a new revision, served at once by every replica.
#[derive(Debug, Clone, Object)]
#[oai(rename = "DeliveryConfig")]
pub struct DeliveryConfig {
    /// `merchants/{merchant}/deliveryConfig`.
    #[oai(read_only)]
    pub name: Option<String>,
    pub config: ConfigDocument,
    /// The stored revision this is: 1 for the first, one more for each accepted change.
    #[oai(read_only)]
    pub revision: Option<Int64>,
    /// The revision's resource name, `merchants/{merchant}/deliveryConfig/revisions/{n}`.
    #[oai(read_only)]
    pub revision_name: Option<String>,
    #[oai(read_only)]
    pub update_time: Option<OffsetDateTime>,
    /// Who stored this revision: `apiKeys/{key_id}`, or `file` for the configuration file's.
    #[oai(read_only)]
    pub author: Option<String>,
    /// Send it back on update to make the change conditional: a stale etag is refused with
    /// ABORTED (409) and nothing is stored.
    #[oai(read_only)]
    pub etag: Option<String>,
}

/// The body of a configuration update. `update_mask` names what to write, as paths under
/// `config` (`config.categories`, `config.quote_validity_minutes`, or `*`); without it the
/// members present in `config` are written. Lists are replaced whole.
#[derive(Debug, Clone, Object, Deserialize)]
#[oai(rename = "DeliveryConfigUpdate")]
#[serde(deny_unknown_fields)]
pub struct DeliveryConfigUpdate {
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed")]
    pub name: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "present")]
    pub config: Option<ConfigDocument>,
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed")]
    pub revision: Option<Int64>,
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed")]
    pub revision_name: Option<String>,
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed_time")]
    pub update_time: Option<OffsetDateTime>,
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed")]
    pub author: Option<String>,
    /// The version the update applies to: a stale etag is refused with ABORTED (409).
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed")]
    pub etag: Option<String>,
}

/// One changed place between a revision and the one before it.
#[derive(Debug, Clone, Object)]
#[oai(rename = "ConfigChange")]
pub struct ConfigChange {
    /// The path under `config`, as validation messages name it: `categories[2].price.SEK`.
    pub path: String,
    /// The value before, absent where the member was added.
    #[oai(skip_serializing_if_is_none)]
    pub before: Option<serde_json::Value>,
    /// The value after, absent where the member was removed.
    #[oai(skip_serializing_if_is_none)]
    pub after: Option<serde_json::Value>,
}

/// One stored revision of a merchant's delivery configuration, with who made it and what it
/// changed: the configuration's audit trail. Roll back by updating the configuration with an
/// earlier revision's `config`.
#[derive(Debug, Clone, Object)]
#[oai(rename = "DeliveryConfigRevision")]
pub struct DeliveryConfigRevision {
    /// `merchants/{merchant}/deliveryConfig/revisions/{revision}`.
    #[oai(read_only)]
    pub name: Option<String>,
    pub revision: Int64,
    pub config: ConfigDocument,
    #[oai(read_only)]
    pub create_time: Option<OffsetDateTime>,
    /// `apiKeys/{key_id}`, or `file` for the configuration file's.
    pub author: String,
    /// What this revision changed from the one before; empty for the first.
    pub changes: Vec<ConfigChange>,
}

#[derive(Debug, Clone, Object)]
#[oai(rename = "ListDeliveryConfigRevisionsResponse")]
pub struct ListDeliveryConfigRevisionsResponse {
    /// Newest first.
    pub revisions: Vec<DeliveryConfigRevision>,
    /// Pass as `page_token` for the next page; empty on the last page.
    pub next_page_token: String,
}

/// What an audited change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename = "AuditAction", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AuditAction {
    AuditActionUnspecified,
    /// A configuration revision was stored (by an update, a rollback or the file's seed).
    UpdateDeliveryConfig,
    CreateApiKey,
    RevokeApiKey,
}

/// One change to a merchant's delivery configuration or API keys: who made it, when, and
/// what it changed. The trail is read from the revisions and keys themselves, so it holds
/// every change they record.
#[derive(Debug, Clone, Object)]
#[oai(rename = "AuditEvent")]
pub struct AuditEvent {
    /// `merchants/{merchant}/auditEvents/{audit_event}`.
    #[oai(read_only)]
    pub name: Option<String>,
    pub action: AuditAction,
    /// `merchants/{merchant}/apiKeys/{key}` for a key's change; `file` for a revision seeded
    /// from the configuration file; `cli` for a key made or revoked on the command line.
    pub actor: String,
    /// The configuration revision stored, or the key made or revoked.
    pub resource: String,
    pub create_time: OffsetDateTime,
    /// For `UPDATE_DELIVERY_CONFIG`: every value the revision changed; empty otherwise.
    pub changes: Vec<ConfigChange>,
}

#[derive(Debug, Clone, Object)]
#[oai(rename = "ListAuditEventsResponse")]
pub struct ListAuditEventsResponse {
    /// Newest first.
    pub audit_events: Vec<AuditEvent>,
    /// Pass as `page_token` for the next page; empty on the last page.
    pub next_page_token: String,
}

/// Body of `deliveryConfig:preview`: a session as create takes it, quoted with `config` (or
/// the current configuration when absent). Nothing is stored.
#[derive(Debug, Clone, Object, Deserialize)]
#[oai(rename = "PreviewDeliveryConfigRequest")]
#[serde(deny_unknown_fields)]
pub struct PreviewDeliveryConfigRequest {
    /// A whole draft configuration, checked as an update would check it.
    #[oai(skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "present")]
    pub config: Option<ConfigDocument>,
    pub session: Session,
}
