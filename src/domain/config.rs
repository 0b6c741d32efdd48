//! The merchant configuration: warehouses, carrier products, categories with prices and addons,
//! and pickup locations. Loaded and checked once at start-up; the engine reads it.

use std::collections::{BTreeMap, HashSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::codes::{CountryCode, CurrencyCode};
use super::session::{AddonType, DeliveryType, LocationType, Minor};
use super::violation::Violations;

/// A configuration file: one or more merchants (sites).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub merchants: Vec<MerchantConfig>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MerchantConfig {
    /// Stable merchant (site) id; sessions are stored under it.
    pub id: String,
    pub name: String,
    /// How long computed options stay valid before the session should be refreshed.
    #[serde(default = "default_quote_validity_minutes")]
    pub quote_validity_minutes: u32,
    pub warehouses: Vec<WarehouseConfig>,
    pub carrier_products: Vec<CarrierProductConfig>,
    pub categories: Vec<CategoryConfig>,
    #[serde(default)]
    pub pickup_locations: Vec<PickupLocationConfig>,
    /// How many pickup locations a pickup category offers per carrier product.
    #[serde(default = "default_pickup_options")]
    pub pickup_options_per_product: usize,
    /// Pickup locations farther than this (great-circle) from the search address are not offered.
    #[serde(default = "default_pickup_radius_km")]
    pub pickup_radius_km: f64,
}

fn default_pickup_radius_km() -> f64 {
    50.0
}

fn default_quote_validity_minutes() -> u32 {
    60
}

fn default_pickup_options() -> usize {
    5
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WarehouseConfig {
    pub id: String,
    pub address: AddressConfig,
    /// IANA time-zone name, e.g. `Europe/Stockholm`.
    pub time_zone: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AddressConfig {
    pub country_code: String,
    #[serde(default)]
    pub postal_code: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub address_lines: Vec<String>,
    #[serde(default)]
    pub coordinates: Option<CoordinatesConfig>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoordinatesConfig {
    pub lat: f64,
    pub lng: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CarrierProductConfig {
    /// Shipping-method id such as `pnl-mpc`.
    pub id: String,
    pub carrier: String,
    pub product_name: String,
    /// The merchant's own id for this product.
    pub external_id: String,
    pub delivery_type: DeliveryType,
    /// Countries the product delivers to (ISO 3166-1 alpha-2).
    pub countries: Vec<String>,
    pub transit_days_min: u32,
    pub transit_days_max: u32,
    #[serde(default)]
    pub location_types: Vec<LocationType>,
    #[serde(default)]
    pub meta: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CategoryConfig {
    pub id: String,
    #[serde(default)]
    pub external_id: Option<String>,
    /// Display name per locale (`sv-SE`, `sv`, `en`); `default` is the fallback.
    pub display_name: BTreeMap<String, String>,
    pub delivery_type: DeliveryType,
    pub sort_order: i32,
    #[serde(default)]
    pub preselected: bool,
    /// Carrier product ids offered in this category, in carrier order.
    pub products: Vec<String>,
    pub warehouse: String,
    /// Price per ISO 4217 currency in minor units. No entry, no offer in that currency.
    pub price: BTreeMap<String, Minor>,
    #[serde(default)]
    pub addons: Vec<AddonConfig>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AddonConfig {
    pub id: String,
    pub addon_type: AddonType,
    pub display_name: BTreeMap<String, String>,
    pub price: BTreeMap<String, Minor>,
    #[serde(default)]
    pub preselected: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PickupLocationConfig {
    pub id: String,
    /// The carrier (as in `carrier_products[].carrier`) that serves this location.
    pub carrier: String,
    pub external_id: String,
    pub location_type: LocationType,
    pub title: String,
    pub address: AddressConfig,
    /// Opening intervals per weekday, `monday` .. `sunday`, as `HH:MM-HH:MM`.
    #[serde(default)]
    pub opening_hours: BTreeMap<String, Vec<String>>,
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

impl ConfigFile {
    /// Checks every cross-reference and code, reporting each problem with its path.
    pub fn validate(&self) -> Result<(), Vec<String>> {
        let mut v = Violations::new();
        let mut ids = HashSet::new();
        if self.merchants.is_empty() {
            v.push("merchants", "at least one merchant is required");
        }
        for (i, m) in self.merchants.iter().enumerate() {
            if !ids.insert(m.id.as_str()) {
                v.push(
                    format!("merchants[{i}].id"),
                    format!("duplicate merchant id `{}`", m.id),
                );
            }
            m.validate_into(&format!("merchants[{i}]"), &mut v);
        }
        v.finish(())
            .map_err(|all| all.into_iter().map(|f| f.to_string()).collect())
    }

    pub fn merchant(&self, id: &str) -> Option<&MerchantConfig> {
        self.merchants.iter().find(|m| m.id == id)
    }
}

impl MerchantConfig {
    fn validate_into(&self, at: &str, v: &mut Violations) {
        if self.id.trim().is_empty() {
            v.push(format!("{at}.id"), "must not be empty");
        }
        let warehouses: HashSet<&str> = self.warehouses.iter().map(|w| w.id.as_str()).collect();
        for (i, w) in self.warehouses.iter().enumerate() {
            check_address(&w.address, &format!("{at}.warehouses[{i}].address"), v);
            if w.time_zone.split('/').count() < 2 {
                v.push(
                    format!("{at}.warehouses[{i}].time_zone"),
                    format!("`{}` is not an IANA time-zone name", w.time_zone),
                );
            }
        }
        let mut products = HashSet::new();
        for (i, p) in self.carrier_products.iter().enumerate() {
            let path = format!("{at}.carrier_products[{i}]");
            if !products.insert(p.id.as_str()) {
                v.push(
                    format!("{path}.id"),
                    format!("duplicate product id `{}`", p.id),
                );
            }
            for (j, c) in p.countries.iter().enumerate() {
                if let Err(e) = c.parse::<CountryCode>() {
                    v.push(format!("{path}.countries[{j}]"), e);
                }
            }
            if p.transit_days_min > p.transit_days_max {
                v.push(
                    format!("{path}.transit_days_min"),
                    "must not exceed transit_days_max",
                );
            }
        }
        let mut categories = HashSet::new();
        for (i, c) in self.categories.iter().enumerate() {
            let path = format!("{at}.categories[{i}]");
            if !categories.insert(c.id.as_str()) {
                v.push(
                    format!("{path}.id"),
                    format!("duplicate category id `{}`", c.id),
                );
            }
            if c.display_name.is_empty() {
                v.push(format!("{path}.display_name"), "needs at least one name");
            }
            if !warehouses.contains(c.warehouse.as_str()) {
                v.push(
                    format!("{path}.warehouse"),
                    format!("unknown warehouse `{}`", c.warehouse),
                );
            }
            if c.products.is_empty() {
                v.push(
                    format!("{path}.products"),
                    "needs at least one carrier product",
                );
            }
            for (j, p) in c.products.iter().enumerate() {
                match self.carrier_products.iter().find(|cp| &cp.id == p) {
                    None => v.push(
                        format!("{path}.products[{j}]"),
                        format!("unknown carrier product `{p}`"),
                    ),
                    Some(cp) if cp.delivery_type != c.delivery_type => v.push(
                        format!("{path}.products[{j}]"),
                        format!("`{p}` has a different delivery type than the category"),
                    ),
                    Some(_) => {}
                }
            }
            check_prices(&c.price, &format!("{path}.price"), v);
            for (j, a) in c.addons.iter().enumerate() {
                check_prices(&a.price, &format!("{path}.addons[{j}].price"), v);
            }
        }
        for (i, l) in self.pickup_locations.iter().enumerate() {
            let path = format!("{at}.pickup_locations[{i}]");
            check_address(&l.address, &format!("{path}.address"), v);
            for day in l.opening_hours.keys() {
                if !WEEKDAYS.contains(&day.as_str()) {
                    v.push(
                        format!("{path}.opening_hours.{day}"),
                        "is not a weekday name (monday .. sunday)",
                    );
                }
            }
        }
    }

    /// A category or addon name for the first supported locale, falling back to the language,
    /// then to `default`, then to any name.
    pub fn localized<'a>(names: &'a BTreeMap<String, String>, locales: &[String]) -> &'a str {
        for locale in locales {
            if let Some(n) = names.get(locale) {
                return n;
            }
            let language = locale.split('-').next().unwrap_or(locale);
            if let Some(n) = names.get(language) {
                return n;
            }
        }
        names
            .get("default")
            .or_else(|| names.values().next())
            .map(String::as_str)
            .unwrap_or("")
    }

    pub fn warehouse(&self, id: &str) -> Option<&WarehouseConfig> {
        self.warehouses.iter().find(|w| w.id == id)
    }

    pub fn product(&self, id: &str) -> Option<&CarrierProductConfig> {
        self.carrier_products.iter().find(|p| p.id == id)
    }
}

fn check_address(a: &AddressConfig, at: &str, v: &mut Violations) {
    if let Err(e) = a.country_code.parse::<CountryCode>() {
        v.push(format!("{at}.country_code"), e);
    }
    if let Some(c) = a.coordinates {
        if !(-90.0..=90.0).contains(&c.lat) {
            v.push(format!("{at}.coordinates.lat"), "must be within -90 and 90");
        }
        if !(-180.0..=180.0).contains(&c.lng) {
            v.push(
                format!("{at}.coordinates.lng"),
                "must be within -180 and 180",
            );
        }
    }
}

fn check_prices(prices: &BTreeMap<String, Minor>, at: &str, v: &mut Violations) {
    for (currency, amount) in prices {
        if let Err(e) = currency.parse::<CurrencyCode>() {
            v.push(format!("{at}.{currency}"), e);
        }
        if *amount < 0 {
            v.push(format!("{at}.{currency}"), "must not be negative");
        }
    }
}
