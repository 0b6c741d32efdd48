//! Pickup-location lookup for the cart-based surfaces: finding a merchant's locations (and the
//! points its rate providers found) by text and place, and resolving the ones a customer added
//! to a session by search.

use std::collections::HashSet;

use domain::config::{CarrierProductConfig, PickupLocationConfig};
use domain::{Coordinates, FoundLocation, LocationQuery};

use super::{geo, pickup_location, PreparedMerchant};

/// The id a carrier product is known by on the wire.
pub fn shipping_method(product: &CarrierProductConfig) -> &str {
    product.product_id.as_deref().unwrap_or(&product.id)
}

fn serves(product: &CarrierProductConfig, location: &PickupLocationConfig) -> bool {
    product.carrier == location.carrier
        && (product.location_types.is_empty()
            || product.location_types.contains(&location.location_type))
}

/// What rate providers found for one location search (gathered by the service).
#[derive(Debug, Clone, Default)]
pub struct LiveSearch {
    /// Carrier products whose points come from their provider in this search: the merchant's
    /// own locations are not searched for them.
    pub replaced: HashSet<String>,
    /// The points found, each with the carrier product id it was found for.
    pub found: Vec<(String, PickupLocationConfig)>,
}

impl PreparedMerchant {
    /// The carrier product known as `shipping_method` that one of the merchant's categories offers.
    pub fn offered_product(&self, shipping_method: &str) -> Option<&CarrierProductConfig> {
        self.config
            .carrier_products
            .iter()
            .filter(|p| p.id == shipping_method || self::shipping_method(p) == shipping_method)
            .find(|p| {
                self.config
                    .categories
                    .iter()
                    .any(|c| c.products.contains(&p.id))
            })
    }

    /// Whether one of the merchant's categories offers the product known as `shipping_method`.
    pub fn offers_product(&self, shipping_method: &str) -> bool {
        self.offered_product(shipping_method).is_some()
    }

    /// The location with this external id that the product known as `shipping_method` serves.
    pub fn location(
        &self,
        shipping_method: &str,
        external_id: &str,
    ) -> Option<&PickupLocationConfig> {
        let product = self.offered_product(shipping_method)?;
        self.config
            .pickup_locations
            .iter()
            .find(|l| l.external_id == external_id && serves(product, l))
    }

    pub fn search_locations(&self, query: &LocationQuery) -> Vec<FoundLocation> {
        self.search_locations_with(query, &LiveSearch::default())
    }

    /// Where a search is centred: its coordinates, else its postal code's.
    pub fn search_center(&self, query: &LocationQuery) -> Option<Coordinates> {
        query.near.or_else(|| {
            let country = query.country_code.as_deref()?;
            self.postal_codes
                .locate(&country.to_ascii_uppercase(), query.postal_code.as_deref()?)
        })
    }

    /// [`Self::search_locations`] with what rate providers found: their points join the
    /// merchant's own, under the same filters, and the products they answered for (or that hide
    /// without an answer) are no longer searched among the merchant's own.
    pub fn search_locations_with(
        &self,
        query: &LocationQuery,
        live: &LiveSearch,
    ) -> Vec<FoundLocation> {
        let text = query.text.as_deref().map(|t| t.trim().to_lowercase());
        let near = self.search_center(query);
        let wanted = |p: &CarrierProductConfig| {
            query
                .shipping_method
                .as_deref()
                .is_none_or(|m| p.id == m || shipping_method(p) == m)
        };
        let own = self.config.pickup_locations.iter().filter_map(|location| {
            let product = self.config.carrier_products.iter().find(|p| {
                serves(p, location)
                    && !live.replaced.contains(&p.id)
                    && self.offers_product(&p.id)
                    && wanted(p)
            })?;
            Some((product, location))
        });
        let found_live = live.found.iter().filter_map(|(product_id, location)| {
            let product = self.config.product(product_id).filter(|p| wanted(p))?;
            Some((product, location))
        });
        let mut found: Vec<(f64, FoundLocation)> = Vec::new();
        for (product, location) in own.chain(found_live) {
            if let Some(country) = &query.country_code {
                if !location.address.country_code.eq_ignore_ascii_case(country) {
                    continue;
                }
            }
            if let Some(text) = text.as_deref().filter(|t| !t.is_empty()) {
                let a = &location.address;
                let haystack = [
                    Some(location.title.as_str()),
                    Some(location.external_id.as_str()),
                    a.city.as_deref(),
                    a.postal_code.as_deref(),
                ]
                .into_iter()
                .flatten()
                .chain(a.address_lines.iter().map(String::as_str));
                if !haystack
                    .into_iter()
                    .any(|h| h.to_lowercase().contains(text))
                {
                    continue;
                }
            }
            let meters = match (near, location.address.coordinates) {
                (Some(at), Some(c)) => Some(geo::great_circle_meters(
                    at,
                    Coordinates {
                        lat: c.lat,
                        lng: c.lng,
                    },
                )),
                _ => None,
            };
            found.push((
                meters.unwrap_or(f64::INFINITY),
                FoundLocation {
                    shipping_method: shipping_method(product).to_owned(),
                    location: pickup_location(location, meters.map(geo::distances)),
                },
            ));
        }
        found.sort_by(|(a, fa), (b, fb)| {
            a.total_cmp(b)
                .then_with(|| fa.location.title.cmp(&fb.location.title))
        });
        found
            .into_iter()
            .take(query.limit)
            .map(|(_, f)| f)
            .collect()
    }
}
