//! The merchant configuration as files state it (TOML, YAML or JSON): warehouses, carrier
//! products, categories with prices and addons, vouchers, webhooks and pickup locations.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::money::{Grams, Money};
use crate::session::{AddonType, DeliveryType, LocationType};

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
    /// Services that price and date carrier products live (see `carrier_products[].provider`).
    #[serde(default)]
    pub providers: Vec<ProviderConfig>,
    /// The time every provider call of one quote shares, in milliseconds; what has not
    /// answered by then falls back.
    #[serde(default = "default_quote_budget_ms")]
    pub quote_budget_ms: u64,
}

fn default_quote_budget_ms() -> u64 {
    800
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

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
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

#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq)]
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
    pub max_weight_grams: Option<Grams>,
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
    /// A provider that prices and dates this product live; the static prices and transit days
    /// stand when it has no usable answer, or the option is hidden, as `fallback` says.
    #[serde(default)]
    pub provider: Option<ProductProviderConfig>,
}

/// A rate provider: an HTTP service answering the provider contract (`openapi/provider.json`
/// describes it; the README's "Live rates" section shows how to run one).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProviderConfig {
    /// Stable id, named by `carrier_products[].provider.id`, in metrics and in each option's
    /// provenance.
    pub id: String,
    /// `https://` (or `http://` for local testing) URL of the provider's quote endpoint.
    pub url: String,
    /// Shared secret for the HMAC-SHA256 request signature; at least 16 characters.
    pub secret: String,
    /// `https://` (or `http://`) URL of the provider's pickup-point search (the contract's
    /// `searchPickupPoints`). A location search then asks it for the points of the products
    /// that take `pickup_points` from this provider; without it, those searches find the
    /// merchant's own locations only.
    #[serde(default)]
    pub pickup_points_url: Option<String>,
    /// How long one call may take, in milliseconds; at most the merchant's `quote_budget_ms`.
    #[serde(default = "default_provider_timeout_ms")]
    pub timeout_ms: u64,
    /// How long an answer is reused for the same request, in seconds; 0 caches nothing.
    #[serde(default = "default_provider_cache_seconds")]
    pub cache_seconds: u64,
    #[serde(default)]
    pub breaker: BreakerConfig,
}

fn default_provider_timeout_ms() -> u64 {
    500
}

fn default_provider_cache_seconds() -> u64 {
    60
}

/// When to stop calling a provider that keeps failing, and when to try it again.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BreakerConfig {
    /// Consecutive failed calls (timeouts, errors, invalid answers) that open the breaker.
    #[serde(default = "default_failures_to_open")]
    pub failures_to_open: u32,
    /// How long an open breaker stays open before one probing call is let through.
    #[serde(default = "default_open_seconds")]
    pub open_seconds: u64,
}

impl Default for BreakerConfig {
    fn default() -> Self {
        Self {
            failures_to_open: default_failures_to_open(),
            open_seconds: default_open_seconds(),
        }
    }
}

fn default_failures_to_open() -> u32 {
    5
}

fn default_open_seconds() -> u64 {
    30
}

/// What a carrier product takes from its provider, and what happens without an answer.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductProviderConfig {
    /// A `providers[].id` of the merchant.
    pub id: String,
    /// The provider's price replaces the category's static price (vouchers and free shipping
    /// still apply on top).
    #[serde(default = "yes")]
    pub rates: bool,
    /// The provider's transit days replace the product's static ones.
    #[serde(default = "yes")]
    pub etd: bool,
    /// The provider's pickup points near the destination replace the merchant's own locations
    /// for this (pickup or in-store) product; the fallback decides what is offered without them.
    #[serde(default)]
    pub pickup_points: bool,
    #[serde(default)]
    pub fallback: ProviderFallback,
}

fn yes() -> bool {
    true
}

/// What an option becomes when its provider has no usable answer: for its price and transit,
/// and, with `pickup_points`, for the points it is offered at.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProviderFallback {
    /// Priced and dated from the static configuration (and offered at the merchant's own
    /// locations), as without a provider.
    #[default]
    Static,
    /// Not offered.
    Hide,
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
    pub up_to_grams: Grams,
    pub price: BTreeMap<String, Money>,
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
    pub price: BTreeMap<String, Money>,
    /// Price per product and currency, replacing the base price for that product.
    #[serde(default)]
    pub product_prices: BTreeMap<String, BTreeMap<String, Money>>,
    /// Weight-based prices, lightest tier first; the first tier the delivery fits sets the price.
    #[serde(default)]
    pub weight_tiers: Vec<WeightTier>,
    /// Shipping is free when the cart value reaches this amount in the currency.
    #[serde(default)]
    pub free_shipping_from: BTreeMap<String, Money>,
    /// Offered only for carts worth at least this much.
    #[serde(default)]
    pub min_cart_value: BTreeMap<String, Money>,
    /// Offered only for carts worth at most this much.
    #[serde(default)]
    pub max_cart_value: BTreeMap<String, Money>,
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
    pub price: BTreeMap<String, Money>,
    #[serde(default)]
    pub preselected: bool,
}

/// What a voucher code does to shipping prices.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum VoucherEffect {
    FreeShipping,
    FixedPrice { price: BTreeMap<String, Money> },
    AmountOff { amount: BTreeMap<String, Money> },
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

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SectionItemConfig {
    #[serde(default)]
    pub icon_uri: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub link_uri: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SectionConfig {
    pub title: String,
    pub columns: Vec<Vec<SectionItemConfig>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
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

impl ConfigFile {
    pub fn merchant(&self, id: &str) -> Option<&MerchantConfig> {
        self.merchants.iter().find(|m| m.id == id)
    }
}

impl MerchantConfig {
    /// This configuration serving `locations` instead of its own, without copying its own:
    /// a merchant's set can hold a hundred thousand points.
    pub fn with_locations(&self, locations: Vec<PickupLocationConfig>) -> Self {
        Self {
            id: self.id.clone(),
            name: self.name.clone(),
            quote_validity_minutes: self.quote_validity_minutes,
            warehouses: self.warehouses.clone(),
            carrier_products: self.carrier_products.clone(),
            categories: self.categories.clone(),
            vouchers: self.vouchers.clone(),
            webhooks: self.webhooks.clone(),
            pickup_locations: locations,
            pickup_locations_file: self.pickup_locations_file.clone(),
            pickup_options_per_product: self.pickup_options_per_product,
            pickup_radius_km: self.pickup_radius_km,
            providers: self.providers.clone(),
            quote_budget_ms: self.quote_budget_ms,
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

    pub fn provider(&self, id: &str) -> Option<&ProviderConfig> {
        self.providers.iter().find(|p| p.id == id)
    }

    pub fn product(&self, id: &str) -> Option<&CarrierProductConfig> {
        self.carrier_products.iter().find(|p| p.id == id)
    }
}
