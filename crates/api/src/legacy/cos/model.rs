//! The COS API's requests, responses and session as they travel on the wire, with the names and
//! nesting of the COS object reference. Shared objects (addresses, carts, locations, time slots)
//! come from `legacy::shared::model`.

use std::collections::BTreeMap;

use poem_openapi::Object;
use serde::Deserialize;

use crate::legacy::shared::model::{
    AdditionalInfo, Address, CarrierAddon, Cart, Choice, Customer, PickupLocation, ResultCategory,
    ResultPricing, Supports, TimeSlot,
};

/// Creates a session from a purchase and its cart.
#[derive(Debug, Clone, Object, Deserialize)]
#[oai(rename = "CreateSessionRequest")]
pub struct CreateSessionRequest {
    /// ISO 3166-1 alpha-2 country of the purchase, e.g. `SE`.
    #[serde(default)]
    pub purchase_country: String,
    /// ISO 4217 currency of the purchase, e.g. `SEK`.
    #[serde(default)]
    pub purchase_currency: String,
    /// Deprecated: one locale; use `locales`.
    #[oai(nullable, deprecated, skip_serializing_if_is_none)]
    #[serde(default)]
    pub locale: Option<String>,
    /// Locales as `lc-CC`, most preferred first.
    #[oai(default, skip_serializing_if_is_empty)]
    #[serde(default)]
    pub locales: Vec<String>,
    /// Deprecated: use `customer` and `search_address`.
    #[oai(nullable, deprecated, skip_serializing_if_is_none)]
    #[serde(default)]
    pub customer_info: Option<Customer>,
    pub cart: Cart,
    /// The merchant's reference for this checkout.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub external_id: Option<String>,
    /// Accepted for compatibility; a new session has no transport order yet.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub tos_id: Option<String>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub customer: Option<Customer>,
    /// Where the customer wants delivery or pickup; at least a country and a postal code for
    /// real options.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub search_address: Option<Address>,
}

/// Changes a session: the cart, the addresses, the customer's choice, courier notes.
#[derive(Debug, Clone, Object, Deserialize)]
#[oai(rename = "UpdateSessionRequest")]
pub struct UpdateSessionRequest {
    /// The session id (a UUID).
    #[serde(default)]
    pub id: String,
    /// The option the customer selected; must be one of the session's `choices`.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub user_choice: Option<Choice>,
    /// Deprecated: use `customer`.
    #[oai(nullable, deprecated, skip_serializing_if_is_none)]
    #[serde(default)]
    pub customer_info: Option<Customer>,
    /// The cart now; absent keeps the current one.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub cart: Option<Cart>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub additional_info: Option<AdditionalInfo>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub customer: Option<Customer>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub search_address: Option<Address>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub external_id: Option<String>,
}

/// Completes a session; the customer is required.
#[derive(Debug, Clone, Object, Deserialize)]
#[oai(rename = "CompleteSessionRequest")]
pub struct CompleteSessionRequest {
    #[serde(default)]
    pub id: String,
    /// Deprecated: use `customer`.
    #[oai(nullable, deprecated, skip_serializing_if_is_none)]
    #[serde(default)]
    pub customer_info: Option<Customer>,
    /// Accepted for compatibility; the transport order is created by the completion.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub tos_id: Option<String>,
    /// Who buys, with an address: where a home delivery goes.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub customer: Option<Customer>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub external_id: Option<String>,
}

/// Completes a session and returns the transport order it created.
#[derive(Debug, Clone, Object, Deserialize)]
#[oai(rename = "CompleteSessionAndPromoteToOrderRequest")]
pub struct CompleteAndPromoteRequest {
    #[serde(default)]
    pub id: String,
    /// Deprecated: use `customer`.
    #[oai(nullable, deprecated, skip_serializing_if_is_none)]
    #[serde(default)]
    pub customer_info: Option<Customer>,
    /// The warehouse the order ships from; when absent, the category's own warehouse.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub warehouse_id: Option<String>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub customer: Option<Customer>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub external_id: Option<String>,
}

/// Completes a session re-opened from a transport order, amending that order.
#[derive(Debug, Clone, Object, Deserialize)]
#[oai(rename = "CompleteSessionAndUpdateOrderRequest")]
pub struct CompleteAndUpdateOrderRequest {
    #[serde(default)]
    pub id: String,
    /// The transport order the session was created from; checked when given.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub tos_id: Option<String>,
    /// Deprecated: use `customer`.
    #[oai(nullable, deprecated, skip_serializing_if_is_none)]
    #[serde(default)]
    pub customer_info: Option<Customer>,
    /// The warehouse the order ships from; when absent, the category's own warehouse.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub warehouse_id: Option<String>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub customer: Option<Customer>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub external_id: Option<String>,
}

/// Opens a new session from a transport order, to change what was ordered.
#[derive(Debug, Clone, Object, Deserialize)]
#[oai(rename = "CreateSessionFromOrderRequest")]
pub struct CreateFromOrderRequest {
    /// Deprecated: one locale; use `locales`.
    #[oai(nullable, deprecated, skip_serializing_if_is_none)]
    #[serde(default)]
    pub locale: Option<String>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub external_id: Option<String>,
    /// The transport order to re-open.
    #[serde(default)]
    pub tos_id: String,
    #[oai(default, skip_serializing_if_is_empty)]
    #[serde(default)]
    pub locales: Vec<String>,
}

/// Adds a pickup location found by search to a shipping method's options.
#[derive(Debug, Clone, Object, Deserialize)]
#[oai(rename = "AddLocationToSessionRequest")]
pub struct AddLocationRequest {
    #[serde(default)]
    pub id: String,
    /// The shipping method (carrier product) that serves the location.
    #[serde(default)]
    pub shipping_method: String,
    /// The location's `external_id`, as `location.search` returns it.
    #[serde(default)]
    pub location_ref: String,
}

/// Response objects that hold the session and nothing else, each under its reference name.
macro_rules! session_responses {
    ($($name:ident = $wire:literal: $doc:literal;)*) => {$(
        #[doc = $doc]
        #[derive(Debug, Clone, Object)]
        #[oai(rename = $wire)]
        pub struct $name {
            pub session: Session,
        }
    )*};
}

session_responses! {
    CreateSessionResponse = "CreateSessionResponse": "The new session.";
    UpdateSessionResponse = "UpdateSessionResponse": "The session after the change.";
    GetSessionResponse = "GetSessionResponse": "The session now.";
    CompleteSessionResponse = "CompleteSessionResponse": "The completed session (final).";
    AddLocationResponse = "AddLocationToSessionResponse": "The session with the location added.";
    CreateFromOrderResponse = "CreateSessionFromOrderResponse": "The session re-opening the order.";
    CompleteAndUpdateOrderResponse = "CompleteSessionAndUpdateOrderResponse": "The completed session; its transport order is amended.";
}

/// The completed session and the transport order it created.
#[derive(Debug, Clone, Object)]
#[oai(rename = "CompleteSessionAndPromoteToOrderResponse")]
pub struct CompleteAndPromoteResponse {
    pub session: Session,
    pub tos_id: String,
}

/// Locations a search found.
#[derive(Debug, Clone, Object)]
#[oai(rename = "LocationSearchResponse")]
pub struct LocationSearchResponse {
    pub locations: Vec<SearchLocation>,
}

/// A location found by search, with the shipping method that serves it.
#[derive(Debug, Clone, Object)]
#[oai(rename = "SearchLocation")]
pub struct SearchLocation {
    pub external_id: String,
    pub name: String,
    pub address: Address,
    #[oai(skip_serializing_if_is_none)]
    pub operational_hours: Option<crate::legacy::shared::model::OperationalHours>,
    pub shipping_method: String,
}

/// Widget features a category turns on.
#[derive(Debug, Clone, Object)]
#[oai(rename = "ShippingCategoryRequirements")]
pub struct Requirements {
    /// The widget asks for an address.
    pub address: bool,
    /// The widget hides the choice among pickup locations.
    pub hide_shipping_options: bool,
    /// Before an address is known, prices read "from".
    pub use_price_from: bool,
    /// The widget asks for a customer number.
    pub customer_number: bool,
}

/// A group of shipping methods of one delivery type, as the merchant configured it.
#[derive(Debug, Clone, Object)]
#[oai(rename = "ShippingCategory")]
pub struct ShippingCategory {
    pub id: String,
    pub name: String,
    /// Deprecated: the lowest of `prices`.
    #[oai(deprecated, skip_serializing_if_is_none)]
    pub price: Option<i64>,
    pub sort_order: i32,
    /// The shipping methods (carrier products) the category offers now.
    pub shipping_methods: Vec<String>,
    /// Preselected when the customer has not chosen.
    pub preselected: bool,
    pub requirements: Requirements,
    /// `pickup`, `delivery`, `mailbox` or `instore`.
    pub delivery_type: String,
    /// The earliest promise among the category's options.
    #[oai(skip_serializing_if_is_none)]
    pub time_slot: Option<TimeSlot>,
    #[oai(skip_serializing_if_is_none)]
    pub external_id: Option<String>,
    pub currency: String,
    /// Price per shipping method in minor units.
    pub prices: BTreeMap<String, i64>,
}

/// One cost item of a shipping price.
#[derive(Debug, Clone, Object)]
#[oai(rename = "BillingItem")]
pub struct BillingItem {
    /// `shipping`, `discount` or the addon's name.
    pub description: String,
    /// Minor units.
    pub cost: Cost,
}

/// An amount in minor units.
#[derive(Debug, Clone, Object)]
#[oai(rename = "Cost")]
pub struct Cost {
    pub amount: i64,
}

/// What a shipping option costs, item by item.
#[derive(Debug, Clone, Object)]
#[oai(rename = "ShippingCost")]
pub struct ShippingCost {
    pub billing_items: Vec<BillingItem>,
    pub total_cost: Cost,
}

/// A place a parcel passes on its way.
#[derive(Debug, Clone, Object)]
#[oai(rename = "LegLocation")]
pub struct LegLocation {
    #[oai(skip_serializing_if_is_none)]
    pub address: Option<Address>,
    /// `UNKNOWN`, `WAREHOUSE`, `STORE` or `HOME`.
    pub location_type: String,
    #[oai(skip_serializing_if_is_none)]
    pub external_id: Option<String>,
}

/// One step of a delivery.
#[derive(Debug, Clone, Object)]
#[oai(rename = "ShippingLeg")]
pub struct ShippingLeg {
    pub shipping_method: String,
    pub delivery_type: String,
    pub from: LegLocation,
    pub to: LegLocation,
}

/// The steps of one way to deliver.
#[derive(Debug, Clone, Object)]
#[oai(rename = "Route")]
pub struct Route {
    pub id: String,
    pub shipping_legs: Vec<ShippingLeg>,
}

/// A carrier product offered for the search address, with its locations and time slots.
#[derive(Debug, Clone, Object)]
#[oai(rename = "ShippingOption")]
pub struct ShippingOption {
    pub shipping_method: String,
    pub delivery_type: String,
    pub carrier: String,
    pub product: String,
    /// Deprecated: use the category's `prices`.
    #[oai(deprecated)]
    pub price: i64,
    /// Deprecated: use the category's `currency`.
    #[oai(deprecated)]
    pub currency: String,
    /// Where the parcel can be collected, nearest first.
    #[oai(default, skip_serializing_if_is_empty)]
    pub locations: Vec<PickupLocation>,
    pub time_slots: Vec<TimeSlot>,
    pub external_method_id: String,
    #[oai(default, skip_serializing_if_is_empty)]
    pub default_addons: Vec<CarrierAddon>,
    pub supports: Supports,
    #[oai(default, skip_serializing_if_is_empty)]
    pub meta: BTreeMap<String, String>,
    pub routes: Vec<Route>,
    pub shipping_cost: ShippingCost,
}

/// A location a search added to the session.
#[derive(Debug, Clone, Object)]
#[oai(rename = "CustomShippingLocation")]
pub struct CustomShippingLocation {
    pub shipping_method: String,
    pub location_ref: String,
    pub added_at: String,
}

/// How the parcel goes with the selected option.
#[derive(Debug, Clone, Object)]
#[oai(rename = "ResultShipping")]
pub struct ResultShipping {
    pub shipping_method: String,
    pub delivery_type: String,
    pub carrier: String,
    pub product: String,
    #[oai(skip_serializing_if_is_none)]
    pub location: Option<PickupLocation>,
    #[oai(skip_serializing_if_is_none)]
    pub delivery_time: Option<TimeSlot>,
    pub external_method_id: String,
    #[oai(default, skip_serializing_if_is_empty)]
    pub addons: Vec<CarrierAddon>,
    pub supports: Supports,
    #[oai(default, skip_serializing_if_is_empty)]
    pub meta: BTreeMap<String, String>,
    #[oai(skip_serializing_if_is_none)]
    pub route: Option<Route>,
}

/// The selected option: the customer's choice, else the preselected one.
#[derive(Debug, Clone, Object)]
#[oai(rename = "Result")]
pub struct SessionResult {
    pub shipping: ResultShipping,
    pub category: ResultCategory,
    pub pricing: ResultPricing,
}

/// A COS session.
#[derive(Debug, Clone, Object)]
#[oai(rename = "Session")]
pub struct Session {
    /// UUIDv4 of the session.
    pub id: String,
    /// The session token the shipping selector widget authenticates with.
    pub token: String,
    /// `ACTIVE`, or `COMPLETE` once completed (final).
    pub status: String,
    pub cart: Cart,
    #[oai(skip_serializing_if_is_none)]
    pub user_choice: Option<Choice>,
    #[oai(skip_serializing_if_is_none)]
    pub preselected_choice: Option<Choice>,
    pub shipping_categories: Vec<ShippingCategory>,
    /// Empty until the search address is known.
    pub shipping_options: Vec<ShippingOption>,
    pub purchase_country: String,
    pub purchase_currency: String,
    pub locale: String,
    #[oai(skip_serializing_if_is_none)]
    pub external_id: Option<String>,
    /// What the customer can choose among, best first: one per category before an address is
    /// known, one per option and location after.
    pub choices: Vec<Choice>,
    #[oai(skip_serializing_if_is_none)]
    pub additional_information: Option<AdditionalInfo>,
    /// When some option stops being valid; fetch the session again after it.
    #[oai(skip_serializing_if_is_none)]
    pub expires_at: Option<String>,
    /// The transport order: the one completion created, or the one the session re-opens.
    #[oai(skip_serializing_if_is_none)]
    pub tos_id: Option<String>,
    #[oai(default, skip_serializing_if_is_empty)]
    pub custom_shipping_locations: Vec<CustomShippingLocation>,
    #[oai(skip_serializing_if_is_none)]
    pub customer: Option<Customer>,
    #[oai(skip_serializing_if_is_none)]
    pub search_address: Option<Address>,
    pub updated_at: String,
    #[oai(skip_serializing_if_is_none)]
    pub result: Option<SessionResult>,
}
