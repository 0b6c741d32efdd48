//! SIW wire objects: the requests of the four session methods, the session with its selected
//! shipping option and result, and the responses. Carts, addresses, customers, locations, time
//! slots, prices and promises are the shared legacy objects. Money is an integer in minor units.

use poem_openapi::Object;
use serde::Deserialize;

use crate::legacy::shared::model::{
    Address, Cart, Choice, Customer, DeliveryTime, PickupLocation, ResultCategory, ResultPricing,
    Selection, SnippetConfiguration, Supports, TimeSlot, Warehouse,
};

/// Starts a session for a checkout page.
#[derive(Debug, Clone, Default, Object, Deserialize)]
#[oai(rename = "SiwCreateSessionRequest")]
pub struct CreateSessionRequest {
    /// Where the goods are sold, ISO 3166-1 alpha-2 (`SE`).
    #[serde(default)]
    pub purchase_country: String,
    /// ISO 4217 code every amount of the session is in (`SEK`).
    #[serde(default)]
    pub purchase_currency: String,
    /// The shopper's languages, most preferred first (`sv-SE`); names of categories follow them.
    #[oai(default, skip_serializing_if_is_empty)]
    #[serde(default)]
    pub locales: Vec<String>,
    /// Deprecated: a single language; `locales` wins when both are sent.
    #[oai(nullable, deprecated, skip_serializing_if_is_none)]
    #[serde(default)]
    pub locale: Option<String>,
    /// What is being bought; it decides which shipping options apply and what they cost.
    #[serde(default)]
    pub cart: Cart,
    /// The area the shopper wants the parcel near (not necessarily where they live). Its
    /// country defaults to `purchase_country`.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub search_address: Option<Address>,
    /// The buyer as the merchant knows them.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub customer: Option<Customer>,
    /// Deprecated: the old name of `customer`, read when `customer` is absent.
    #[oai(nullable, deprecated, skip_serializing_if_is_none)]
    #[serde(default)]
    pub customer_info: Option<Customer>,
    /// The merchant's own reference for the session (an order number), at most 256 characters.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub external_id: Option<String>,
    /// Where the shipping selector renders and the name of its JavaScript API.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub snippet_configuration: Option<SnippetConfiguration>,
}

/// Changes an active session. Every field left out keeps its current value.
#[derive(Debug, Clone, Default, Object, Deserialize)]
#[oai(rename = "SiwUpdateSessionRequest")]
pub struct UpdateSessionRequest {
    /// The session id (a UUID).
    #[serde(default)]
    pub id: String,
    /// The whole new cart. It replaces the previous one (shipped as one delivery) and the
    /// options are computed again; a choice whose option is still offered is kept.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub cart: Option<Cart>,
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub customer: Option<Customer>,
    /// Deprecated: the old name of `customer`, read when `customer` is absent.
    #[oai(nullable, deprecated, skip_serializing_if_is_none)]
    #[serde(default)]
    pub customer_info: Option<Customer>,
    /// A new area to search shipping options near; its country defaults to the purchase
    /// country.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub search_address: Option<Address>,
    /// A new merchant reference; an empty string removes it.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub external_id: Option<String>,
    /// Selects a shipping option for the shopper: `shipping_method` (and, to be exact,
    /// `shipping_category_ref`, `location_ref` and `time_slot_ref`) as `result.shipping`,
    /// `result.category` and the option's time slot show them. It must be one of the options
    /// the session offers after the rest of this update; `result.selection` then says
    /// `USER_CHOICE`.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub user_choice: Option<Choice>,
}

/// Completes a session for the order the shopper placed.
#[derive(Debug, Clone, Default, Object, Deserialize)]
#[oai(rename = "SiwCompleteSessionRequest")]
pub struct CompleteSessionRequest {
    /// The session id (a UUID).
    #[serde(default)]
    pub id: String,
    /// Required (or the deprecated `customer_info`): who receives the parcel, with an address
    /// that includes its country. Without a search address on the session, the options are
    /// computed for this address before completing.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub customer: Option<Customer>,
    /// Deprecated: the old name of `customer`, read when `customer` is absent.
    #[oai(nullable, deprecated, skip_serializing_if_is_none)]
    #[serde(default)]
    pub customer_info: Option<Customer>,
    /// The merchant's reference for the order; replaces the session's when given.
    #[oai(nullable, skip_serializing_if_is_none)]
    #[serde(default)]
    pub external_id: Option<String>,
}

/// The shipping option the session would ship with now.
#[derive(Debug, Clone, Object)]
#[oai(rename = "SiwSelectedShippingOption")]
pub struct SelectedShippingOption {
    /// The carrier product's id; a `user_choice` names the option by it.
    pub shipping_method: String,
    /// `pickup`, `delivery`, `mailbox` or `instore`.
    pub delivery_type: String,
    pub carrier: String,
    /// The carrier's name of the product.
    pub product: String,
    /// What the shopper pays for shipping, in minor units.
    pub price: i64,
    pub currency: String,
    /// Where to collect the parcel, for pickup and in-store options.
    #[oai(skip_serializing_if_is_none)]
    pub location: Option<PickupLocation>,
    /// When the parcel is expected.
    #[oai(skip_serializing_if_is_none)]
    pub time_slot: Option<TimeSlot>,
    /// The merchant's id of the carrier product.
    #[oai(skip_serializing_if_is_none)]
    pub external_method_id: Option<String>,
}

/// How the selected option ships.
#[derive(Debug, Clone, Object)]
#[oai(rename = "SiwResultShipping")]
pub struct ResultShipping {
    pub shipping_method: String,
    /// `pickup`, `delivery`, `mailbox` or `instore`.
    pub delivery_type: String,
    pub carrier: String,
    pub product: String,
    #[oai(skip_serializing_if_is_none)]
    pub location: Option<PickupLocation>,
    /// The time slot of the option.
    pub delivery_time: TimeSlot,
    #[oai(skip_serializing_if_is_none)]
    pub external_method_id: Option<String>,
    pub supports: Supports,
    /// Where the parcel leaves from.
    #[oai(skip_serializing_if_is_none)]
    pub warehouse: Option<Warehouse>,
}

/// Everything an integration needs about the selected option: what ships, in which category,
/// at what price, whether the shopper picked it, and when it arrives.
#[derive(Debug, Clone, Object)]
#[oai(rename = "SiwResult")]
pub struct SessionResult {
    pub shipping: ResultShipping,
    pub category: ResultCategory,
    /// The price with its components.
    pub pricing: ResultPricing,
    pub selection: Selection,
    /// The collection, carrier and customer promises; absent until an address locates the
    /// options.
    #[oai(skip_serializing_if_is_none)]
    pub delivery_time: Option<DeliveryTime>,
}

/// A checkout session as the shipping selector widget shows it.
#[derive(Debug, Clone, Object)]
#[oai(rename = "SiwSession")]
pub struct Session {
    /// The session id (a UUID); the same session is reachable through every API.
    pub id: String,
    /// `ACTIVE` while it can change, `COMPLETE` once completed (then it is frozen).
    pub status: String,
    /// The token the widget on the checkout page authenticates with; it can only read and
    /// choose for this session.
    pub token: String,
    /// The cart as last sent, with defaults filled in.
    pub cart: Cart,
    /// The option the session ships with now: the shopper's choice, else the preselected one.
    /// Absent when nothing can ship this cart.
    #[oai(skip_serializing_if_is_none)]
    pub selected_shipping_option: Option<SelectedShippingOption>,
    /// The price of the selected option, in minor units.
    #[oai(skip_serializing_if_is_none)]
    pub shipping_price: Option<i64>,
    /// Until when the offered options and their prices hold (RFC 3339).
    #[oai(skip_serializing_if_is_none)]
    pub expires_at: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    pub customer: Option<Customer>,
    /// The search address, with the coordinates it was located at.
    #[oai(skip_serializing_if_is_none)]
    pub search_address: Option<Address>,
    /// The transport order created on completion.
    #[oai(skip_serializing_if_is_none)]
    pub tos_id: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    pub external_id: Option<String>,
    /// When the session last changed (RFC 3339).
    pub updated_at: String,
    /// The selected option in detail.
    #[oai(skip_serializing_if_is_none)]
    pub result: Option<SessionResult>,
}

/// A session with the HTML snippet that embeds the shipping selector.
#[derive(Debug, Clone, Object)]
#[oai(rename = "SiwSessionResponse")]
pub struct SessionResponse {
    pub session: Session,
    /// Place it in the checkout page where the shipping selector should appear.
    pub html_snippet: String,
}

/// The completed session and its transport order.
#[derive(Debug, Clone, Object)]
#[oai(rename = "SiwCompleteSessionResponse")]
pub struct CompleteSessionResponse {
    pub session: Session,
    /// The transport order the completion created; keep it to find or re-open the order.
    pub tos_id: String,
}
