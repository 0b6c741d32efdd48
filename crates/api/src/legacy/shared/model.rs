//! Wire objects the three cart-based surfaces have in common (addresses, carts, customers,
//! pickup locations, time slots, prices and delivery-time promises), with the field names and
//! nesting their references give. Money is an integer in minor units.
//!
//! Each derives poem-openapi's `Object` for the specs and responses, and serde's `Deserialize`
//! so request errors name the exact field path. Unknown request fields are ignored, as these
//! surfaces always did.

use std::collections::BTreeMap;

use poem_openapi::{Enum, Object};
use serde::Deserialize;

/// Latitude and longitude in WGS84 degrees.
#[derive(Debug, Clone, Default, Object, Deserialize)]
#[oai(rename = "Coordinates")]
pub struct Coordinates {
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub lat: Option<f64>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub lng: Option<f64>,
}

/// A postal address, with the person or company it reaches.
#[derive(Debug, Clone, Default, Object, Deserialize)]
#[oai(rename = "Address")]
pub struct Address {
    /// The person or company at the address.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub name: Option<String>,
    /// The "c/o" line.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub care_of: Option<String>,
    /// The person to attend to, at a company address.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub attn: Option<String>,
    /// Street, number, building, floor: one part per line.
    #[oai(default, skip_serializing_if_is_empty)]
    #[serde(default)]
    pub address_lines: Vec<String>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub city: Option<String>,
    /// State or province, e.g. `CA` in the United States.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub region: Option<String>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2 country code, e.g. `SE`.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub country: Option<String>,
    /// Where the address lies. Given on a search address, it places the search exactly.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub coordinates: Option<Coordinates>,
    /// The code of the building's main door.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub door_code: Option<String>,
}

/// Size of one item in millimetres.
#[derive(Debug, Clone, Default, Object, Deserialize)]
#[oai(rename = "Dimensions")]
pub struct Dimensions {
    #[oai(default)]
    #[serde(default)]
    pub height: i64,
    #[oai(default)]
    #[serde(default)]
    pub length: i64,
    #[oai(default)]
    #[serde(default)]
    pub width: i64,
}

/// One product line of the cart.
#[derive(Debug, Clone, Default, Object, Deserialize)]
#[oai(rename = "CartItem")]
pub struct CartItem {
    /// The merchant's product id.
    pub sku: String,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub name: Option<String>,
    /// Tags of the product (`food`, `fragile`); shipping rules can require or exclude them.
    #[oai(default, skip_serializing_if_is_empty)]
    #[serde(default)]
    pub attributes: Vec<String>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub out_of_stock: Option<bool>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub dimensions: Option<Dimensions>,
    /// How many of the product; 1 when absent.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub quantity: Option<i32>,
    /// Grams per item.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub weight: Option<i64>,
    /// Discount on the line, in minor units.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub discount: Option<i64>,
    /// Price of one item in minor units.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub price: Option<i64>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub image_url: Option<String>,
    /// The merchant's site or warehouse the item ships from; items of different sites are
    /// shipped separately.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub site_external_id: Option<String>,
    /// When the item can leave the warehouse, if later than the cart's shipping date.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub shipping_date: Option<String>,
}

/// The shopping cart as the store holds it; the shipping rules price and filter by it.
#[derive(Debug, Clone, Default, Object, Deserialize)]
#[oai(rename = "Cart")]
pub struct Cart {
    /// Value of the whole cart in minor units (`129900` is 1299.00).
    pub total_value: i64,
    /// Discount on the whole cart in minor units.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub total_discount: Option<i64>,
    /// ISO 4217 code; must be the purchase currency when given.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub currency: Option<String>,
    /// When the order leaves the warehouse at the earliest (`YYYY-MM-DD` or RFC 3339), for
    /// pre-orders and items out of stock; today when absent.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub shipping_date: Option<String>,
    #[serde(default)]
    pub items: Vec<CartItem>,
    /// The order ships on `shipping_date` at the earliest.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub pre_order: Option<bool>,
    /// Deprecated: one voucher code; use `vouchers`.
    #[oai(nullable, deprecated, skip_serializing_if_is_none)]
    #[serde(default)]
    pub voucher: Option<String>,
    /// The store's id of this cart.
    #[serde(default)]
    pub cart_id: String,
    /// Tags of the whole cart; shipping rules can require or exclude them.
    #[oai(default, skip_serializing_if_is_empty)]
    #[serde(default)]
    pub attributes: Vec<String>,
    /// Voucher codes that price rules may honour.
    #[oai(default, skip_serializing_if_is_empty)]
    #[serde(default)]
    pub vouchers: Vec<String>,
}

/// Who buys: the merchant's record of the customer, needed to complete a session.
#[derive(Debug, Clone, Default, Object, Deserialize)]
#[oai(rename = "Customer")]
pub struct Customer {
    /// The customer's home address, where the parcel goes unless a pickup point is chosen.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub address: Option<Address>,
    /// Mobile number for delivery notifications.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub phone: Option<String>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub email: Option<String>,
}

/// Where the shipping selector renders and what its JavaScript API is called, so a page can hold
/// several selectors. Kept with the session and used by every later `html_snippet` of it.
#[derive(Debug, Clone, Default, Object, Deserialize)]
#[oai(rename = "SnippetConfiguration")]
#[serde(deny_unknown_fields)]
pub struct SnippetConfiguration {
    /// The id of the element the selector renders into; `shipwallet-container` when left out.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub container_id: Option<String>,
    /// The global through which the page talks to the selector (`window[object_id]`); `_sw`
    /// when left out.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub object_id: Option<String>,
}

/// Notes the customer leaves for the delivery.
#[derive(Debug, Clone, Default, Object, Deserialize)]
#[oai(rename = "AdditionalInfo")]
pub struct AdditionalInfo {
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub courier_instructions: Option<String>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub door_code: Option<String>,
    /// A customer number some carrier products require (parcel lockers, for one).
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub customer_number: Option<String>,
}

/// An estimated distance and how long it takes.
#[derive(Debug, Clone, Object)]
#[oai(rename = "DistanceSpec")]
pub struct DistanceSpec {
    /// Meters.
    pub value: i64,
    /// Minutes.
    pub duration: i64,
}

/// From the search address to a location, on foot and by car.
#[derive(Debug, Clone, Object)]
#[oai(rename = "Distance")]
pub struct Distance {
    #[oai(skip_serializing_if_is_none)]
    pub walking: Option<DistanceSpec>,
    #[oai(skip_serializing_if_is_none)]
    pub driving: Option<DistanceSpec>,
}

/// Opening hours per weekday as `HH:MM-HH:MM` (several intervals joined by `, `).
#[derive(Debug, Clone, Default, Object)]
#[oai(rename = "OperationalHours")]
pub struct OperationalHours {
    #[oai(skip_serializing_if_is_none)]
    pub mon: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    pub tue: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    pub wed: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    pub thu: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    pub fri: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    pub sat: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    pub sun: Option<String>,
    /// Hours the intervals cannot express.
    #[oai(default, skip_serializing_if_is_empty)]
    pub free_text: Vec<String>,
}

/// A service point, locker, post office or store where a parcel can be collected.
#[derive(Debug, Clone, Object)]
#[oai(rename = "PickupLocation")]
pub struct PickupLocation {
    /// The carrier's id of the location.
    pub external_id: String,
    pub name: String,
    /// Where the customer goes.
    pub address: Address,
    /// From the search address, when it could be located.
    #[oai(skip_serializing_if_is_none)]
    pub distance: Option<Distance>,
    #[oai(skip_serializing_if_is_none)]
    pub operational_hours: Option<OperationalHours>,
    /// Carrier-specific facts about the location.
    #[oai(default, skip_serializing_if_is_empty)]
    pub meta: BTreeMap<String, String>,
    /// `SERVICE_POINT`, `LOCKER`, `POSTOFFICE` or `STORE`.
    #[oai(skip_serializing_if_is_none)]
    pub location_type: Option<String>,
    /// Position in the carrier's own order of locations.
    #[oai(skip_serializing_if_is_none)]
    pub carrier_order: Option<String>,
}

/// When a parcel is expected, and until when that promise holds.
#[derive(Debug, Clone, Object)]
#[oai(rename = "TimeSlot")]
pub struct TimeSlot {
    /// Identifies this promise; `time_slot_ref` in a choice refers to it.
    pub id: String,
    /// After this time (the warehouse cutoff) the promise no longer holds.
    #[oai(skip_serializing_if_is_none)]
    pub expires: Option<String>,
    /// Earliest delivery, RFC 3339; midnight means no time of day is promised.
    #[oai(skip_serializing_if_is_none)]
    pub start: Option<String>,
    /// Latest delivery, RFC 3339; midnight means no time of day is promised.
    #[oai(skip_serializing_if_is_none)]
    pub end: Option<String>,
}

/// Which widget features a shipping option takes.
#[derive(Debug, Clone, Default, Object)]
#[oai(rename = "Supports")]
pub struct Supports {
    /// Customers may search for other pickup locations.
    #[oai(skip_serializing_if_is_none)]
    pub search: Option<bool>,
    #[oai(skip_serializing_if_is_none)]
    pub door_code: Option<bool>,
    #[oai(skip_serializing_if_is_none)]
    pub courier_instructions: Option<bool>,
    #[oai(skip_serializing_if_is_none)]
    pub customer_number: Option<bool>,
}

/// A service the carrier performs on top of the delivery.
#[derive(Debug, Clone, Object)]
#[oai(rename = "CarrierAddon")]
pub struct CarrierAddon {
    /// Our id of the addon.
    pub name: String,
    /// The carrier's code of the addon.
    pub code: String,
    pub description: String,
}

/// The warehouse a parcel leaves from.
#[derive(Debug, Clone, Object)]
#[oai(rename = "Warehouse")]
pub struct Warehouse {
    pub address: Address,
}

/// The category a selected option belongs to.
#[derive(Debug, Clone, Object)]
#[oai(rename = "ResultCategory")]
pub struct ResultCategory {
    /// The category id in the merchant's configuration.
    pub id: String,
    pub name: String,
    /// The merchant's own id of the category.
    #[oai(skip_serializing_if_is_none)]
    pub external_id: Option<String>,
    /// The name shown to the customer.
    #[oai(skip_serializing_if_is_none)]
    pub presented_category_name: Option<String>,
}

/// What a price is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename = "PriceComponentType", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PriceComponentType {
    /// The carrier product's price after the category's rules.
    PriceComponentTypeShipping,
    /// An addon the customer chose.
    PriceComponentTypeAddon,
    /// A voucher or free-shipping threshold; negative.
    PriceComponentTypeDiscount,
}

/// One part of a price, in minor units.
#[derive(Debug, Clone, Object)]
#[oai(rename = "PriceComponent")]
pub struct PriceComponent {
    #[oai(rename = "type")]
    pub kind: PriceComponentType,
    pub value: i64,
}

/// What the customer pays for the selected option.
#[derive(Debug, Clone, Object)]
#[oai(rename = "ResultPricing")]
pub struct ResultPricing {
    pub currency: String,
    /// Minor units (`1900` is 19.00).
    pub price: i64,
    #[oai(skip_serializing_if_is_none)]
    pub price_components: Option<Vec<PriceComponent>>,
}

/// An interval of time, RFC 3339 at both ends.
#[derive(Debug, Clone, Object)]
#[oai(rename = "TimeWindow")]
pub struct TimeWindow {
    pub earliest: String,
    pub latest: String,
}

/// The three promises behind a delivery time.
#[derive(Debug, Clone, Object)]
#[oai(rename = "DeliveryTime")]
pub struct DeliveryTime {
    /// When the carrier collects the parcel at the warehouse.
    pub pickup_from_merchant: TimeWindow,
    /// When the customer gets the parcel.
    pub customer_delivery_promise: TimeWindow,
    /// When the carrier promises to deliver, counted from its collection.
    pub carrier_delivery_promise: TimeWindow,
}

/// Whether the selected option is the customer's choice or the one the rules preselected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename = "Selection", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Selection {
    /// No active choice: the best option of the preselected category.
    PreselectedChoice,
    /// The customer chose it.
    UserChoice,
}

/// A shipping option as the customer picks it: the product, its category, and for pickup the
/// location; a choice must be one the session offers.
#[derive(Debug, Clone, Default, Object, Deserialize)]
#[oai(rename = "Choice")]
pub struct Choice {
    /// The carrier product (`shipping_method` of an option).
    #[serde(default)]
    pub shipping_method: String,
    /// The pickup location's `external_id`, for pickup and in-store options.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub location_ref: Option<String>,
    /// The `id` of the option's time slot.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub time_slot_ref: Option<String>,
    /// The id of the category the option is in.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub shipping_category_ref: Option<String>,
}
