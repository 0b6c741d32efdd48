//! The checkout domain: sessions, deliveries, categories, options and the merchant configuration, free of I/O.
//!
//! Types here are the single model every surface maps to and from. Constructors that take
//! untrusted text (`CountryCode`, `CurrencyCode`, `Locale`, `SessionId`) validate once, so code
//! holding one of these values never checks it again.

pub mod cart;
pub mod codes;
pub mod config;
pub mod ids;
pub mod location;
pub mod order;
pub mod session;
pub mod violation;

pub use cart::{
    AdditionalInfo, Cart, CartItem, CheckoutDetails, CustomLocation, Customer, NamedAddress,
};
pub use codes::{CountryCode, CurrencyCode, Locale};
pub use config::MerchantConfig;
pub use ids::SessionId;
pub use location::{FoundLocation, LocationQuery};
pub use order::{OrderCategory, OrderContent, OrderState, OrderVersion, TransportOrder};
pub use session::*;
pub use violation::{FieldViolation, Violations};
