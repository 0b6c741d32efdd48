//! What the cart-based surfaces (COS, SIW, Delivery Checkout) state about a checkout beyond the
//! purchase and its deliveries: the cart as the merchant sent it, the customer, notes for the
//! courier and pickup locations added by search. Kept on the session, so a session keeps these
//! facts whichever surface reads or changes it next.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::session::{Address, Dimensions, Minor};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CheckoutDetails {
    /// The cart as last sent. Dropped when another surface changes the purchase or the goods,
    /// after which the cart is rebuilt from the deliveries.
    #[serde(default)]
    pub cart: Option<Cart>,
    /// Who buys, as the merchant knows them (required to complete on the cart-based surfaces).
    #[serde(default)]
    pub customer: Option<Customer>,
    #[serde(default)]
    pub additional_info: Option<AdditionalInfo>,
    /// Locations a search added to the offer, in the order they were added.
    #[serde(default)]
    pub custom_locations: Vec<CustomLocation>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Cart {
    pub cart_id: String,
    pub total_value: Minor,
    pub total_discount: Option<Minor>,
    pub currency: String,
    /// `YYYY-MM-DD` or an RFC 3339 time, as sent.
    pub shipping_date: Option<String>,
    pub pre_order: Option<bool>,
    pub voucher: Option<String>,
    pub vouchers: Vec<String>,
    pub attributes: Vec<String>,
    pub items: Vec<CartItem>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CartItem {
    pub sku: String,
    pub name: Option<String>,
    pub attributes: Vec<String>,
    pub out_of_stock: Option<bool>,
    pub dimensions: Option<Dimensions>,
    pub quantity: i32,
    /// Grams per item.
    pub weight: Option<i64>,
    pub discount: Option<Minor>,
    pub price: Option<Minor>,
    pub image_url: Option<String>,
    /// The merchant's site or warehouse the item ships from (split shipments).
    pub site_external_id: Option<String>,
    /// When this item can leave the warehouse, if later than the cart's shipping date.
    pub shipping_date: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    pub address: Option<NamedAddress>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// An address with the person or company it reaches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NamedAddress {
    pub name: Option<String>,
    pub care_of: Option<String>,
    pub attn: Option<String>,
    pub door_code: Option<String>,
    pub address: Address,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AdditionalInfo {
    pub courier_instructions: Option<String>,
    pub door_code: Option<String>,
    pub customer_number: Option<String>,
}

/// A pickup location the customer found by search and added to the session's offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomLocation {
    /// The carrier product (shipping method) whose options gain the location.
    pub shipping_method: String,
    /// The location's external id.
    pub location_ref: String,
    #[serde(with = "time::serde::rfc3339")]
    pub added_at: OffsetDateTime,
}
