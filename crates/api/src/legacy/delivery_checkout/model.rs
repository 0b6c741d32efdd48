//! The Delivery Checkout wire objects: the requests of the five `session.*` methods and the
//! session they answer with, split into delivery groups. Addresses, carts, prices, time slots and
//! promises are the shared legacy objects. Money is an integer in minor units.

use poem_openapi::Object;
use serde::Deserialize;

use crate::legacy::shared::model::{
    Address, Cart, Customer, DeliveryTime, PickupLocation, ResultCategory, ResultPricing,
    Selection, SnippetConfiguration, Supports, TimeSlot, Warehouse,
};

// ---- requests ----

/// What a new session starts from: where and in which currency the purchase is made, and the
/// cart.
#[derive(Debug, Clone, Default, Object, Deserialize)]
#[oai(rename = "DeliveryCheckoutCreateSessionRequest")]
pub struct CreateSessionRequest {
    /// ISO 3166-1 alpha-2 country the goods are sold to, e.g. `SE`.
    #[serde(default)]
    pub purchase_country: String,
    /// ISO 4217 currency of every amount in the session, e.g. `SEK`.
    #[serde(default)]
    pub purchase_currency: String,
    /// The customer's languages, most preferred first (`sv-SE`); names of categories and
    /// addons follow the first one the merchant has.
    #[oai(default, skip_serializing_if_is_empty)]
    #[serde(default)]
    pub locales: Vec<String>,
    /// Deprecated: a single language; `locales` wins when both are sent.
    #[oai(nullable, deprecated, skip_serializing_if_is_none)]
    #[serde(default)]
    pub locale: Option<String>,
    /// The goods. Items are shipped in one delivery group per site (`site_external_id`) and
    /// shipping date (the item's, else the cart's).
    #[serde(default)]
    pub cart: Cart,
    /// The area to offer delivery to; it need not be where the customer lives.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub search_address: Option<Address>,
    /// The customer, when already known.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub customer: Option<Customer>,
    /// The merchant's reference of the order, copied onto its transport orders.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub external_id: Option<String>,
    /// Where the shipping selector renders and the name of its JavaScript API.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub snippet_configuration: Option<SnippetConfiguration>,
}

/// The customer's pick of a shipping option for one delivery group. An addition of this
/// service: elsewhere the shipping selector widget makes this choice.
#[derive(Debug, Clone, Default, Object, Deserialize)]
#[oai(rename = "DeliveryGroupChoice")]
pub struct DeliveryGroupChoice {
    /// The `id` of the delivery group the choice is for.
    #[serde(default)]
    pub delivery_group_id: String,
    /// The carrier product, as `shipping.shipping_method` shows it.
    #[serde(default)]
    pub shipping_method: String,
    /// The category (`category.id`) to pick from; the first one offering the product when absent.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub shipping_category_ref: Option<String>,
    /// For pickup and in-store options: the location's `external_id`; the nearest when absent.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub location_ref: Option<String>,
    /// The `id` of the option's time slot; when given it must still be the one offered.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub time_slot_ref: Option<String>,
}

/// Changes to a session. Fields left out keep their current values.
#[derive(Debug, Clone, Default, Object, Deserialize)]
#[oai(rename = "DeliveryCheckoutUpdateSessionRequest")]
pub struct UpdateSessionRequest {
    /// The session, `VM2-` and 32 hex digits.
    #[serde(default)]
    pub checkout_session_id: String,
    /// The new cart; it replaces the whole cart and regroups the items.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub cart: Option<Cart>,
    /// Deprecated spelling of `cart` (one cart object), read only when `cart` is absent.
    #[oai(nullable, deprecated, skip_serializing_if_is_none)]
    #[serde(default)]
    pub carts: Option<Cart>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub search_address: Option<Address>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub customer: Option<Customer>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub external_id: Option<String>,
    /// Choices per delivery group, applied after the rest of the update (an addition of this
    /// service). A choice stays while its option is offered; groups without one ship with the
    /// preselected option.
    #[oai(default, skip_serializing_if_is_empty)]
    #[serde(default)]
    pub choices: Vec<DeliveryGroupChoice>,
}

/// Completes a session for the customer who placed the order.
#[derive(Debug, Clone, Default, Object, Deserialize)]
#[oai(rename = "DeliveryCheckoutCompleteSessionRequest")]
pub struct CompleteSessionRequest {
    /// The session, `VM2-` and 32 hex digits.
    #[serde(default)]
    pub checkout_session_id: String,
    /// Who ordered; the address (with its country) is required. Without a search address the
    /// options are computed for it before completing.
    #[serde(default)]
    pub customer: Customer,
    /// The merchant's reference of the order, e.g. its order number.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub external_id: Option<String>,
}

// ---- responses ----

/// One item of a delivery group.
#[derive(Debug, Clone, Object)]
#[oai(rename = "DeliveryGroupItem")]
pub struct DeliveryGroupItem {
    pub sku: String,
    /// The site the item ships from, as the cart gave it.
    #[oai(skip_serializing_if_is_none)]
    pub site_external_id: Option<String>,
}

/// How the group ships: the carrier product of the selected option.
#[derive(Debug, Clone, Object)]
#[oai(rename = "DeliveryGroupShipping")]
pub struct DeliveryGroupShipping {
    /// The carrier product; `shipping_method` in a choice names it.
    pub shipping_method: String,
    /// `delivery`, `pickup`, `mailbox` or `instore`.
    pub delivery_type: String,
    /// The carrier's name.
    pub carrier: String,
    /// The carrier product's name.
    pub product: String,
    /// The window the option promises, with the id a choice's `time_slot_ref` refers to.
    #[oai(skip_serializing_if_is_none)]
    pub delivery_time: Option<TimeSlot>,
    /// The merchant's own id of the carrier product.
    pub external_method_id: String,
    pub supports: Supports,
    /// Where the parcel leaves from.
    #[oai(skip_serializing_if_is_none)]
    pub warehouse: Option<Warehouse>,
    /// The carrier's code of the product.
    pub carrier_product_id: String,
}

/// The places that matter to a delivery group.
#[derive(Debug, Clone, Object)]
#[oai(rename = "DeliveryGroupAddresses")]
pub struct DeliveryGroupAddresses {
    /// The pickup point or store of the selected option, with its distance from the search
    /// address.
    #[oai(skip_serializing_if_is_none)]
    pub location: Option<PickupLocation>,
    /// The customer's address, once known.
    #[oai(skip_serializing_if_is_none)]
    pub customer: Option<Address>,
    /// The search address, with the coordinates it was placed at.
    #[oai(skip_serializing_if_is_none)]
    pub search_address: Option<Address>,
}

/// One shipment of the session: its items and the option it ships with now.
#[derive(Debug, Clone, Object)]
#[oai(rename = "DeliveryGroup")]
pub struct DeliveryGroup {
    /// Stable id of the group while its site and shipping date stay the same; choices name it
    /// in `delivery_group_id` (an addition of this service).
    pub id: String,
    pub items: Vec<DeliveryGroupItem>,
    /// Absent when nothing can be offered for the group.
    #[oai(skip_serializing_if_is_none)]
    pub shipping: Option<DeliveryGroupShipping>,
    #[oai(skip_serializing_if_is_none)]
    pub category: Option<ResultCategory>,
    #[oai(skip_serializing_if_is_none)]
    pub pricing: Option<ResultPricing>,
    #[oai(skip_serializing_if_is_none)]
    pub selection: Option<Selection>,
    /// When the carrier collects the parcel and when it reaches the customer; absent until an
    /// address locates the options.
    #[oai(skip_serializing_if_is_none)]
    pub delivery_time: Option<DeliveryTime>,
    pub addresses: DeliveryGroupAddresses,
    /// The transport order the group's completion created.
    #[oai(skip_serializing_if_is_none)]
    pub tos_id: Option<String>,
    /// The merchant's reference of the order.
    #[oai(skip_serializing_if_is_none)]
    pub external_id: Option<String>,
}

/// A checkout session of this API.
#[derive(Debug, Clone, Object)]
#[oai(rename = "DeliveryCheckoutSession")]
pub struct Session {
    /// `VM2-` and 32 hex digits; the same session is `sessions/{uuid}` on the headless API.
    pub checkout_session_id: String,
    /// `ACTIVE` while it can change, `COMPLETE` once completed.
    pub status: String,
    /// The last change, RFC 3339.
    pub updated_at: String,
    /// The cart as last sent.
    pub cart: Cart,
    /// One group per shipment; a single group unless items ship from different sites or on
    /// different dates.
    pub delivery_groups: Vec<DeliveryGroup>,
}

/// A new session, what embeds its shipping selector, and the token the selector uses.
#[derive(Debug, Clone, Object)]
#[oai(rename = "DeliveryCheckoutCreateSessionResponse")]
pub struct CreateSessionResponse {
    pub session: Session,
    /// HTML to place in the checkout page where the shipping selector belongs.
    pub html_snippet: String,
    /// The session token: it may read this session and make the customer's choices, nothing
    /// more.
    pub token: String,
}

/// A session with the HTML that embeds its shipping selector.
#[derive(Debug, Clone, Object)]
#[oai(rename = "DeliveryCheckoutSessionResponse")]
pub struct SessionResponse {
    pub session: Session,
    /// HTML to place in the checkout page where the shipping selector belongs.
    pub html_snippet: String,
}

/// The completed session.
#[derive(Debug, Clone, Object)]
#[oai(rename = "DeliveryCheckoutCompleteSessionResponse")]
pub struct CompleteSessionResponse {
    pub session: Session,
}
