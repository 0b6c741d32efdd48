//! Searching a merchant's pickup locations: what a search asks for and what it finds.

use crate::session::{Coordinates, PickupLocation};

/// What a location search asks for; every given criterion must match.
#[derive(Debug, Clone, Default)]
pub struct LocationQuery {
    /// Case-insensitive text found in the title, external id, street, city or postal code.
    pub text: Option<String>,
    /// Only locations served by this carrier product (its id or its carrier's product id).
    pub shipping_method: Option<String>,
    /// ISO 3166-1 alpha-2 country of the location.
    pub country_code: Option<String>,
    /// Nearest first from here; without it, from `postal_code` (in `country_code`), else in
    /// title order.
    pub near: Option<Coordinates>,
    pub postal_code: Option<String>,
    pub limit: usize,
}

/// A location found by search, with the carrier product that serves it.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundLocation {
    pub shipping_method: String,
    pub location: PickupLocation,
}
