//! The three cart-based surfaces older integrations still call: COS (`/v1/cos/`), SIW
//! (`/v1/siw/`) and Delivery Checkout (`/v1/delivery_checkout/`). Each translates its own wire
//! shapes onto the same session service the headless API uses, so a session created through
//! one is read and changed through any other; `shared` holds the objects and mappings the three
//! have in common.

pub mod cos;
pub mod delivery_checkout;
pub mod shared;
pub mod siw;
