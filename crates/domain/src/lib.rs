//! The checkout domain: sessions, deliveries, categories, options, carts, money and the merchant
//! configuration, free of I/O.
//!
//! Types here are the single model every surface maps to and from. Constructors that take
//! untrusted text (`CountryCode`, `CurrencyCode`, `Locale`, `SessionId`, `TransportOrderId`)
//! validate once, so code holding one of these values never checks it again; amounts
//! ([`Money`], [`Grams`]) only add and multiply through checked methods.

pub mod bounds;
pub mod cart;
pub mod choice;
pub mod codes;
pub mod config;
pub mod ids;
pub mod location;
pub mod money;
pub mod order;
pub mod session;
pub mod tenant;
pub mod violation;

pub use cart::{
    recipient, AdditionalInfo, Cart, CartGroup, CartItem, CartOverflow, CartSplit, CheckoutDetails,
    CustomLocation, Customer, NamedAddress, ShippingDate, SnippetConfiguration, SINGLE_DELIVERY_ID,
};
pub use choice::{OptionRef, OptionRefError};
pub use codes::{CountryCode, CurrencyCode, Locale};
pub use config::MerchantConfig;
pub use ids::{EventId, SessionId, TransportOrderId};
pub use location::{FoundLocation, LocationQuery};
pub use money::{Grams, Money};
pub use order::{OrderCategory, OrderContent, OrderState, OrderVersion, TransportOrder};
pub use session::*;
pub use tenant::Tenant;
pub use violation::{FieldViolation, Violations};
