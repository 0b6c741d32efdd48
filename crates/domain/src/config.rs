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
    /// How long computed options stay valid at most; an option also expires at the warehouse
    /// cutoff it was computed against, whichever comes first.
    #[serde(default = "default_quote_validity_minutes")]
    pub quote_validity_minutes: u32,
    pub warehouses: Vec<WarehouseConfig>,
    pub carrier_products: Vec<CarrierProductConfig>,
    pub categories: Vec<CategoryConfig>,
    #[serde(default)]
    pub vouchers: Vec<VoucherConfig>,
    /// Where the merchant wants to hear about completed checkouts and order changes.
    #[serde(default)]
    pub webhooks: Vec<WebhookConfig>,
    #[serde(default)]
    pub pickup_locations: Vec<PickupLocationConfig>,
    /// A JSON file with more pickup locations (an array of `pickup_locations` entries), relative
    /// to this configuration file.
    #[serde(default)]
    pub pickup_locations_file: Option<String>,
    /// How many pickup locations a pickup category offers per carrier product.
    #[serde(default = "default_pickup_options")]
    pub pickup_options_per_product: usize,
    /// Pickup locations farther than this (great-circle) from the search address are not offered.
    #[serde(default = "default_pickup_radius_km")]
    pub pickup_radius_km: f64,
}

fn default_quote_validity_minutes() -> u32 {
    60
}

fn default_pickup_options() -> usize {
    5
}

fn default_pickup_radius_km() -> f64 {
    50.0
}

/// A day of the week, lower case in files (`monday`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// 0 for Monday through 6 for Sunday.
    pub fn index(self) -> u8 {
        self as u8
    }

    pub fn name(self) -> &'static str {
        [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ][self.index() as usize]
    }
}

fn weekdays() -> Vec<Weekday> {
    Weekday::ALL[..5].to_vec()
}

fn default_cutoff() -> String {
    "15:00".into()
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WarehouseConfig {
    pub id: String,
    pub address: AddressConfig,
    /// IANA time-zone name, e.g. `Europe/Stockholm`; cutoffs are in this zone.
    pub time_zone: String,
    /// Orders ready before this local time (`HH:MM`) on a working day ship that day.
    #[serde(default = "default_cutoff")]
    pub cutoff: String,
    /// Working days between the cutoff and handing the parcel to the carrier.
    #[serde(default)]
    pub handling_days: u32,
    /// Days the warehouse ships; Monday to Friday when unset.
    #[serde(default = "weekdays")]
    pub working_days: Vec<Weekday>,
    /// Dates (`YYYY-MM-DD`) the warehouse does not ship and carriers do not deliver.
    #[serde(default)]
    pub holidays: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AddressConfig {
    pub country_code: String,
    #[serde(default)]
    pub region_code: Option<String>,
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

#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitDays {
    pub min: u32,
    pub max: u32,
}

/// Largest parcel a product takes, in millimetres; compared side by side after sorting, so
/// orientation does not matter.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DimensionsLimit {
    pub length: i64,
    pub width: i64,
    pub height: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CarrierProductConfig {
    /// Shipping-method id such as `pnl-mpc`.
    pub id: String,
    pub carrier: String,
    pub product_name: String,
    /// The carrier's own product code.
    #[serde(default)]
    pub product_id: Option<String>,
    /// The merchant's own id for this product.
    pub external_id: String,
    pub delivery_type: DeliveryType,
    /// Countries the product delivers to (ISO 3166-1 alpha-2).
    pub countries: Vec<String>,
    /// Transit working days when `transit_days` has no entry for the country.
    pub transit_days_min: u32,
    pub transit_days_max: u32,
    /// Transit working days per destination country.
    #[serde(default)]
    pub transit_days: BTreeMap<String, TransitDays>,
    /// Days the carrier delivers; Monday to Friday when unset.
    #[serde(default = "weekdays")]
    pub delivery_days: Vec<Weekday>,
    /// Heaviest delivery (all lines together) in grams.
    #[serde(default)]
    pub max_weight_grams: Option<i64>,
    #[serde(default)]
    pub max_dimensions_mm: Option<DimensionsLimit>,
    #[serde(default)]
    pub location_types: Vec<LocationType>,
    /// Capabilities such as `tracking`, `signature`, `evening`.
    #[serde(default)]
    pub features: Vec<String>,
    /// Ids of the category addons this product performs; every addon of its categories when
    /// empty.
    #[serde(default)]
    pub addons: Vec<String>,
    /// The product is offered only when every one of these attributes is present.
    #[serde(default)]
    pub require_attributes: Vec<String>,
    /// The product is not offered when any of these attributes is present.
    #[serde(default)]
    pub exclude_attributes: Vec<String>,
    #[serde(default)]
    pub meta: BTreeMap<String, String>,
}

/// How a category orders its options.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OptionSorting {
    /// The order of `products`, then distance.
    #[default]
    CarrierOrder,
    /// Cheapest first.
    Price,
    /// Earliest delivery first.
    Speed,
    /// Nearest pickup location first.
    Distance,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WeightTier {
    /// Applies to deliveries up to and including this weight.
    pub up_to_grams: i64,
    pub price: BTreeMap<String, Minor>,
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
    /// Base price per ISO 4217 currency in minor units. No entry, no offer in that currency.
    pub price: BTreeMap<String, Minor>,
    /// Price per product and currency, replacing the base price for that product.
    #[serde(default)]
    pub product_prices: BTreeMap<String, BTreeMap<String, Minor>>,
    /// Weight-based prices, lightest tier first; the first tier the delivery fits sets the price.
    #[serde(default)]
    pub weight_tiers: Vec<WeightTier>,
    /// Shipping is free when the cart value reaches this amount in the currency.
    #[serde(default)]
    pub free_shipping_from: BTreeMap<String, Minor>,
    /// Offered only for carts worth at least this much.
    #[serde(default)]
    pub min_cart_value: BTreeMap<String, Minor>,
    /// Offered only for carts worth at most this much.
    #[serde(default)]
    pub max_cart_value: BTreeMap<String, Minor>,
    /// Destination countries; all the products' countries when empty.
    #[serde(default)]
    pub countries: Vec<String>,
    /// Destination regions (ISO 3166-2 without country prefix) excluded from this category.
    #[serde(default)]
    pub exclude_regions: Vec<String>,
    #[serde(default)]
    pub require_attributes: Vec<String>,
    #[serde(default)]
    pub exclude_attributes: Vec<String>,
    #[serde(default)]
    pub option_sorting: OptionSorting,
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

/// What a voucher code does to shipping prices.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum VoucherEffect {
    FreeShipping,
    FixedPrice { price: BTreeMap<String, Minor> },
    AmountOff { amount: BTreeMap<String, Minor> },
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VoucherConfig {
    /// Compared without regard to case.
    pub code: String,
    /// Category ids the voucher applies to; every category when empty.
    #[serde(default)]
    pub categories: Vec<String>,
    pub effect: VoucherEffect,
}

/// The kinds of event a webhook can subscribe to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum EventType {
    #[serde(rename = "session.completed")]
    SessionCompleted,
    #[serde(rename = "transport_order.created")]
    TransportOrderCreated,
    #[serde(rename = "transport_order.updated")]
    TransportOrderUpdated,
}

impl EventType {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SessionCompleted => "session.completed",
            Self::TransportOrderCreated => "transport_order.created",
            Self::TransportOrderUpdated => "transport_order.updated",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            Self::SessionCompleted,
            Self::TransportOrderCreated,
            Self::TransportOrderUpdated,
        ]
        .into_iter()
        .find(|t| t.as_str() == text)
    }
}

/// A webhook endpoint of a merchant.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WebhookConfig {
    /// Stable id, shown in each event's delivery state.
    pub id: String,
    /// `https://` (or `http://` for local testing) URL the events are POSTed to.
    pub url: String,
    /// Shared secret for the HMAC-SHA256 signature; at least 16 characters.
    pub secret: String,
    /// The event types to send; every type when empty.
    #[serde(default)]
    pub events: Vec<EventType>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionItemConfig {
    #[serde(default)]
    pub icon_uri: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub link_uri: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionConfig {
    pub title: String,
    pub columns: Vec<Vec<SectionItemConfig>>,
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
    /// Where the customer goes.
    pub address: AddressConfig,
    /// Where the carrier delivers, when it differs from the visiting address.
    #[serde(default)]
    pub delivery_address: Option<AddressConfig>,
    /// Opening intervals per weekday, `monday` .. `sunday`, as `HH:MM-HH:MM`.
    #[serde(default)]
    pub opening_hours: BTreeMap<String, Vec<String>>,
    /// Free-text hours shown when the intervals cannot express them.
    #[serde(default)]
    pub opening_hours_text: Vec<String>,
    #[serde(default)]
    pub sections: Vec<SectionConfig>,
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
            let path = format!("{at}.warehouses[{i}]");
            check_address(&w.address, &format!("{path}.address"), v);
            if parse_hh_mm(&w.cutoff).is_none() {
                v.push(
                    format!("{path}.cutoff"),
                    format!("`{}` is not a HH:MM time", w.cutoff),
                );
            }
            if w.working_days.is_empty() {
                v.push(format!("{path}.working_days"), "needs at least one day");
            }
            for (j, h) in w.holidays.iter().enumerate() {
                if parse_date(h).is_none() {
                    v.push(
                        format!("{path}.holidays[{j}]"),
                        format!("`{h}` is not a YYYY-MM-DD date"),
                    );
                }
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
            for (country, t) in &p.transit_days {
                if let Err(e) = country.parse::<CountryCode>() {
                    v.push(format!("{path}.transit_days.{country}"), e);
                }
                if t.min > t.max {
                    v.push(
                        format!("{path}.transit_days.{country}.min"),
                        "must not exceed max",
                    );
                }
            }
            if p.delivery_days.is_empty() {
                v.push(format!("{path}.delivery_days"), "needs at least one day");
            }
            if matches!(p.max_weight_grams, Some(w) if w <= 0) {
                v.push(format!("{path}.max_weight_grams"), "must be greater than 0");
            }
            let picks_up = matches!(
                p.delivery_type,
                DeliveryType::Pickup | DeliveryType::Instore
            );
            if picks_up && p.location_types.is_empty() {
                v.push(
                    format!("{path}.location_types"),
                    "a pickup or in-store product needs the location types it serves",
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
                    Some(cp) => {
                        for addon in &cp.addons {
                            if !c.addons.iter().any(|a| &a.id == addon) {
                                v.push(
                                    format!("{path}.products[{j}]"),
                                    format!(
                                        "`{p}` performs addon `{addon}`, which this category does not offer"
                                    ),
                                );
                            }
                        }
                    }
                }
            }
            check_prices(&c.price, &format!("{path}.price"), v);
            for (product, prices) in &c.product_prices {
                if !c.products.contains(product) {
                    v.push(
                        format!("{path}.product_prices.{product}"),
                        "is not one of the category's products",
                    );
                }
                check_prices(prices, &format!("{path}.product_prices.{product}"), v);
            }
            let mut previous = 0;
            for (j, tier) in c.weight_tiers.iter().enumerate() {
                if tier.up_to_grams <= previous {
                    v.push(
                        format!("{path}.weight_tiers[{j}].up_to_grams"),
                        "tiers must be listed lightest first, above 0",
                    );
                }
                previous = tier.up_to_grams;
                check_prices(&tier.price, &format!("{path}.weight_tiers[{j}].price"), v);
            }
            check_prices(
                &c.free_shipping_from,
                &format!("{path}.free_shipping_from"),
                v,
            );
            check_prices(&c.min_cart_value, &format!("{path}.min_cart_value"), v);
            check_prices(&c.max_cart_value, &format!("{path}.max_cart_value"), v);
            for (j, country) in c.countries.iter().enumerate() {
                if let Err(e) = country.parse::<CountryCode>() {
                    v.push(format!("{path}.countries[{j}]"), e);
                }
            }
            for (j, a) in c.addons.iter().enumerate() {
                check_prices(&a.price, &format!("{path}.addons[{j}].price"), v);
            }
        }
        for (i, voucher) in self.vouchers.iter().enumerate() {
            let path = format!("{at}.vouchers[{i}]");
            if voucher.code.trim().is_empty() {
                v.push(format!("{path}.code"), "must not be empty");
            }
            for (j, c) in voucher.categories.iter().enumerate() {
                if !categories.contains(c.as_str()) {
                    v.push(
                        format!("{path}.categories[{j}]"),
                        format!("unknown category `{c}`"),
                    );
                }
            }
            match &voucher.effect {
                VoucherEffect::FreeShipping => {}
                VoucherEffect::FixedPrice { price } => {
                    check_prices(price, &format!("{path}.effect.price"), v)
                }
                VoucherEffect::AmountOff { amount } => {
                    check_prices(amount, &format!("{path}.effect.amount"), v)
                }
            }
        }
        let mut webhook_ids = HashSet::new();
        for (i, w) in self.webhooks.iter().enumerate() {
            let path = format!("{at}.webhooks[{i}]");
            if !webhook_ids.insert(w.id.as_str()) {
                v.push(
                    format!("{path}.id"),
                    format!("duplicate webhook id `{}`", w.id),
                );
            }
            if !(w.url.starts_with("https://") || w.url.starts_with("http://")) {
                v.push(format!("{path}.url"), "must be an http(s) URL");
            }
            if w.secret.len() < 16 {
                v.push(format!("{path}.secret"), "must be at least 16 characters");
            }
        }
        let mut location_ids = HashSet::new();
        for (i, l) in self.pickup_locations.iter().enumerate() {
            let path = format!("{at}.pickup_locations[{i}]");
            if !location_ids.insert(l.id.as_str()) {
                v.push(
                    format!("{path}.id"),
                    format!("duplicate location id `{}`", l.id),
                );
            }
            check_address(&l.address, &format!("{path}.address"), v);
            if l.address.coordinates.is_none() {
                v.push(
                    format!("{path}.address.coordinates"),
                    "a pickup location needs coordinates",
                );
            }
            for (day, intervals) in &l.opening_hours {
                if !WEEKDAYS.contains(&day.as_str()) {
                    v.push(
                        format!("{path}.opening_hours.{day}"),
                        "is not a weekday name (monday .. sunday)",
                    );
                }
                for (j, interval) in intervals.iter().enumerate() {
                    let ok = interval.split_once('-').is_some_and(|(a, b)| {
                        matches!((parse_hh_mm(a), parse_hh_mm(b)), (Some(a), Some(b)) if a < b)
                    });
                    if !ok {
                        v.push(
                            format!("{path}.opening_hours.{day}[{j}]"),
                            format!("`{interval}` is not an HH:MM-HH:MM interval"),
                        );
                    }
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

/// Minutes after midnight of an `HH:MM` time.
pub fn parse_hh_mm(text: &str) -> Option<u16> {
    let (h, m) = text.trim().split_once(':')?;
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60 && text.trim().len() == 5).then_some(h * 60 + m)
}

pub fn parse_date(text: &str) -> Option<time::Date> {
    time::Date::parse(
        text,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
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
