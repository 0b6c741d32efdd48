//! The session aggregate: a purchase, its deliveries, what the engine offers for each, and
//! what the customer chose.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::cart::CheckoutDetails;
use super::codes::{CountryCode, CurrencyCode, Locale};
use super::ids::{SessionId, TransportOrderId};
use super::money::{Grams, Money};

/// A delivery attribute of this form ships the delivery from that warehouse instead of the
/// category's own (split shipments from several warehouses).
pub const WAREHOUSE_ATTRIBUTE_PREFIX: &str = "warehouse:";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SessionState {
    /// Open for changes and choices.
    Active,
    /// Completed by the merchant; frozen.
    Completed,
}

impl SessionState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "ACTIVE",
            Self::Completed => "COMPLETED",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "ACTIVE" => Some(Self::Active),
            "COMPLETED" => Some(Self::Completed),
            _ => None,
        }
    }
}

/// A checkout session as the service holds it. `revision` counts committed writes and is
/// what the store compares-and-swaps on; the etag is derived from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub id: SessionId,
    pub merchant_id: String,
    pub state: SessionState,
    pub purchase: Purchase,
    pub deliveries: Vec<Delivery>,
    pub search_address: Option<Address>,
    pub external_id: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub create_time: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub update_time: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option", default)]
    pub expire_time: Option<OffsetDateTime>,
    pub revision: i64,
    /// The session token the shipping selector widget authenticates with.
    #[serde(default)]
    pub token: String,
    /// Set when the session re-opens a transport order: completing it amends that order.
    #[serde(default)]
    pub source_order_id: Option<TransportOrderId>,
    /// Where the engine placed the search address (its own coordinates, else its postal code's).
    #[serde(default)]
    pub search_coordinates: Option<Coordinates>,
    /// What the cart-based surfaces add to the purchase and deliveries.
    #[serde(default)]
    pub checkout: CheckoutDetails,
    /// The merchant configuration revision the offer was last computed with (0: a
    /// configuration that was not stored, or a session older than stored configurations).
    #[serde(default)]
    pub config_revision: i64,
}

/// The writable part of a session, as a client states it on create and update.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionDraft {
    pub purchase: Purchase,
    pub deliveries: Vec<DeliveryDraft>,
    pub search_address: Option<Address>,
    pub external_id: Option<String>,
    /// New cart-surface details; `None` keeps the session's (see `CheckoutDetails::cart`).
    pub checkout: Option<CheckoutDetails>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Purchase {
    pub country_code: CountryCode,
    pub currency_code: CurrencyCode,
    pub total_discount: Option<Money>,
    pub total_value: Option<Money>,
    pub vouchers: Vec<String>,
    pub locales: Vec<Locale>,
}

/// A delivery as the client describes it; the service adds what the engine offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeliveryDraft {
    pub id: String,
    pub line_items: Vec<LineItem>,
    pub fulfillments: Vec<Fulfillment>,
    pub recipient_contact: Contact,
    pub attributes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Delivery {
    pub id: String,
    pub line_items: Vec<LineItem>,
    pub fulfillments: Vec<Fulfillment>,
    pub recipient_contact: Contact,
    pub attributes: Vec<String>,
    pub delivery_categories: Vec<DeliveryCategory>,
    /// The customer's choice, kept across recomputation while the option still exists.
    pub choice: Option<DeliveryChoice>,
    /// The transport order its completion created or amended.
    pub transport_order: Option<TransportOrderId>,
    /// Completed without a choice of the customer's: the preselected option was taken.
    #[serde(default)]
    pub completed_with_preselection: bool,
    /// Why nothing is offered, when no category is: one reason per category of the merchant's.
    #[serde(default)]
    pub no_offer_reasons: Vec<String>,
}

impl Delivery {
    /// The written part of this delivery, as a client would state it again.
    pub fn to_draft(&self) -> DeliveryDraft {
        DeliveryDraft {
            id: self.id.clone(),
            line_items: self.line_items.clone(),
            fulfillments: self.fulfillments.clone(),
            recipient_contact: self.recipient_contact.clone(),
            attributes: self.attributes.clone(),
        }
    }

    pub fn from_draft(draft: DeliveryDraft) -> Self {
        Self {
            id: draft.id,
            line_items: draft.line_items,
            fulfillments: draft.fulfillments,
            recipient_contact: draft.recipient_contact,
            attributes: draft.attributes,
            delivery_categories: Vec::new(),
            choice: None,
            transport_order: None,
            completed_with_preselection: false,
            no_offer_reasons: Vec::new(),
        }
    }

    pub fn find_option(&self, option_id: &str) -> Option<(&DeliveryCategory, &DeliveryOption)> {
        self.delivery_categories.iter().find_map(|category| {
            category
                .delivery_options
                .iter()
                .find(|option| option.id == option_id)
                .map(|option| (category, option))
        })
    }

    /// The category's preselected addons that option `option_id` performs.
    pub fn preselected_addons(&self, option_id: &str) -> Vec<String> {
        self.find_option(option_id)
            .map(|(category, option)| {
                category
                    .addons
                    .iter()
                    .filter(|a| a.preselected && option.supports_addon(&a.id))
                    .map(|a| a.id.clone())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A choice of `option_id` with the addons preselected for it, for callers that choose an
    /// option but no addons.
    pub fn choice_with_preselected_addons(&self, option_id: &str) -> DeliveryChoice {
        DeliveryChoice {
            delivery_id: self.id.clone(),
            option_id: option_id.to_owned(),
            addon_ids: self.preselected_addons(option_id),
        }
    }

    /// The option a completion would ship with: the customer's choice, else the preselected one.
    pub fn effective_option_id(&self) -> Option<String> {
        if let Some(choice) = &self.choice {
            return Some(choice.option_id.clone());
        }
        self.delivery_categories
            .iter()
            .flat_map(|c| c.delivery_options.iter())
            .find(|o| o.preselected)
            .map(|o| o.id.clone())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineItem {
    pub sku: String,
    pub title: String,
    pub quantity: i32,
    /// Per item.
    pub weight: Option<Grams>,
    pub dimensions: Option<Dimensions>,
    pub discount: Option<Money>,
    /// Price of one item after discounts.
    pub price: Money,
    pub image_uri: Option<String>,
    pub attributes: Vec<String>,
}

impl LineItem {
    /// Price times quantity; `None` when it does not fit.
    pub fn value(&self) -> Option<Money> {
        self.price.checked_mul(i64::from(self.quantity))
    }

    /// Weight times quantity (nothing for a line without a weight); `None` when it does not fit.
    pub fn total_weight(&self) -> Option<Grams> {
        self.weight
            .unwrap_or(Grams::ZERO)
            .checked_mul(i64::from(self.quantity))
    }
}

/// Which amount of a delivery's goods does not fit in the range arithmetic is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoodsOverflow {
    /// `line_items[i]`'s price times its quantity.
    LineValue(usize),
    /// `line_items[i]`'s weight times its quantity.
    LineWeight(usize),
    /// The lines' value together.
    TotalValue,
    /// The lines' weight together.
    TotalWeight,
}

/// What a delivery's goods are worth and weigh, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Goods {
    pub value: Money,
    pub weight: Grams,
}

impl Goods {
    /// The value and weight of `lines`, or the first amount that does not fit.
    ///
    /// # Errors
    /// The line or total whose value or weight overflows.
    pub fn of(lines: &[LineItem]) -> Result<Self, GoodsOverflow> {
        let mut values = Vec::with_capacity(lines.len());
        let mut weights = Vec::with_capacity(lines.len());
        for (i, line) in lines.iter().enumerate() {
            values.push(line.value().ok_or(GoodsOverflow::LineValue(i))?);
            weights.push(line.total_weight().ok_or(GoodsOverflow::LineWeight(i))?);
        }
        Ok(Self {
            value: Money::checked_sum(values).ok_or(GoodsOverflow::TotalValue)?,
            weight: Grams::checked_sum(weights).ok_or(GoodsOverflow::TotalWeight)?,
        })
    }
}

/// Millimetres.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dimensions {
    pub height: i64,
    pub length: i64,
    pub width: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fulfillment {
    #[serde(with = "time::serde::rfc3339")]
    pub ready_earliest: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option", default)]
    pub ready_latest: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub address: Address,
    pub email: Option<String>,
    pub phone_number: Option<PhoneNumber>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhoneNumber {
    pub country_code: CountryCode,
    pub number: String,
    pub extension: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Address {
    pub country_code: CountryCode,
    pub region_code: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub address_lines: Vec<String>,
    pub coordinates: Option<Coordinates>,
    pub street: Option<String>,
    pub street_number: Option<String>,
}

impl Address {
    /// An address that says only which country.
    pub fn in_country(country_code: CountryCode) -> Self {
        Self {
            country_code,
            region_code: None,
            postal_code: None,
            city: None,
            address_lines: Vec::new(),
            coordinates: None,
            street: None,
            street_number: None,
        }
    }
}

/// An address whose country may still be unknown: a surface that lets a search address leave
/// it out means the purchase country.
#[derive(Debug, Clone, PartialEq)]
pub struct AddressDraft {
    pub country_code: Option<CountryCode>,
    pub region_code: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub address_lines: Vec<String>,
    pub coordinates: Option<Coordinates>,
    pub street: Option<String>,
    pub street_number: Option<String>,
}

impl AddressDraft {
    /// The address, in `default_country` when it names none.
    pub fn complete(self, default_country: &CountryCode) -> Address {
        Address {
            country_code: self.country_code.unwrap_or_else(|| default_country.clone()),
            region_code: self.region_code,
            postal_code: self.postal_code,
            city: self.city,
            address_lines: self.address_lines,
            coordinates: self.coordinates,
            street: self.street,
            street_number: self.street_number,
        }
    }
}

impl From<Address> for AddressDraft {
    fn from(a: Address) -> Self {
        Self {
            country_code: Some(a.country_code),
            region_code: a.region_code,
            postal_code: a.postal_code,
            city: a.city,
            address_lines: a.address_lines,
            coordinates: a.coordinates,
            street: a.street,
            street_number: a.street_number,
        }
    }
}

/// WGS84 degrees, validated to lie in range.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Coordinates {
    pub lat: f64,
    pub lng: f64,
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DeliveryType {
    /// To the recipient's door.
    Delivery,
    /// To a service point or locker.
    Pickup,
    /// Into the recipient's mailbox.
    Mailbox,
    /// Collected in one of the merchant's stores.
    Instore,
}

/// Whether options were computed for a real address or are placeholders shown before one is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OptionsSource {
    Placeholder,
    Address,
    /// Computed for the address, and at least one option's price, transit or pickup point
    /// came live from a rate provider.
    Provider,
}

impl OptionsSource {
    /// Whether the options were computed for a real address.
    pub fn located(self) -> bool {
        self != Self::Placeholder
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeliveryCategory {
    pub id: String,
    pub external_id: Option<String>,
    pub delivery_type: DeliveryType,
    pub display_name: String,
    pub sort_order: i32,
    pub options_source: OptionsSource,
    pub delivery_options: Vec<DeliveryOption>,
    pub addons: Vec<Addon>,
    pub preselected: bool,
    pub chosen: bool,
    pub warehouse: Option<Warehouse>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warehouse {
    pub id: String,
    pub address: Address,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeliveryOption {
    pub id: String,
    pub carrier: Carrier,
    pub pickup_location: Option<PickupLocation>,
    pub etd: Etd,
    pub preselected: bool,
    pub chosen: bool,
    #[serde(with = "time::serde::rfc3339::option", default)]
    pub expire_time: Option<OffsetDateTime>,
    /// The shipping price after discounts.
    pub price: Money,
    /// How `price` came about: the shipping charge and any discounts (negative amounts).
    #[serde(default)]
    pub price_components: Vec<PriceComponent>,
    /// The three promises behind the ETD; absent for placeholder options.
    #[serde(default)]
    pub promise: Option<DeliveryPromise>,
    /// The category's addons this option's carrier product performs; all of them when `None`.
    #[serde(default)]
    pub supported_addons: Option<Vec<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PriceComponentKind {
    Shipping,
    Addon,
    Discount,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceComponent {
    pub kind: PriceComponentKind,
    /// Negative for discounts.
    pub amount: Money,
    /// What the component stems from: `base`, `weight_tier`, `product_price`, `free_shipping`,
    /// a voucher code, an addon id.
    pub reference: String,
}

/// What the merchant, the carrier and, together, the customer are promised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryPromise {
    /// When the carrier collects the parcel from the warehouse.
    #[serde(with = "time::serde::rfc3339")]
    pub merchant_pickup_time: OffsetDateTime,
    /// Transit working days the carrier promises.
    pub carrier_transit_days_min: u32,
    pub carrier_transit_days_max: u32,
    #[serde(with = "time::serde::rfc3339")]
    pub customer_earliest_time: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub customer_latest_time: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Carrier {
    pub name: String,
    pub product_name: String,
    pub product_id: String,
    pub sort_order: Option<i32>,
    pub meta: BTreeMap<String, String>,
    pub external_id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LocationType {
    ServicePoint,
    Locker,
    PostOffice,
    Store,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PickupLocation {
    pub id: String,
    pub external_id: String,
    pub location_type: Option<LocationType>,
    pub title: String,
    pub visiting_contact: Option<Contact>,
    pub delivery_contact: Option<Contact>,
    pub operational_hours: Option<OperationalHours>,
    pub sections: Vec<Section>,
    pub distances: Option<Distances>,
}

/// Opening intervals per weekday as `HH:MM-HH:MM` strings, with a free-text fallback.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationalHours {
    pub monday: Vec<String>,
    pub tuesday: Vec<String>,
    pub wednesday: Vec<String>,
    pub thursday: Vec<String>,
    pub friday: Vec<String>,
    pub saturday: Vec<String>,
    pub sunday: Vec<String>,
    pub free_text: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub title: String,
    pub columns: Vec<Vec<SectionItem>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionItem {
    pub icon_uri: Option<String>,
    pub text: Option<String>,
    pub link_uri: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Distance {
    pub meters: i64,
    pub minutes: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Distances {
    pub walking: Option<Distance>,
    pub driving: Option<Distance>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TimeUnit {
    Minute,
    Hour,
    Day,
    Week,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Etd {
    pub relative: Option<EtdRelative>,
    pub absolute: Option<EtdAbsolute>,
    pub custom: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EtdRelative {
    pub unit: TimeUnit,
    pub earliest: Option<i32>,
    pub latest: Option<i32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EtdAbsolute {
    #[serde(with = "time::serde::rfc3339::option", default)]
    pub earliest_time: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option", default)]
    pub latest_time: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AddonType {
    LeaveAtDoor,
    CarryIn,
    CallBeforeDelivery,
    IdCheck,
    Insurance,
    GiftWrapping,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Addon {
    pub id: String,
    pub display_name: String,
    pub price: Money,
    pub addon_type: AddonType,
    pub preselected: bool,
    pub chosen: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryChoice {
    pub delivery_id: String,
    pub option_id: String,
    pub addon_ids: Vec<String>,
}

impl Delivery {
    /// Records the customer's choice and marks `chosen` on the category, option and addons.
    /// Unknown addon ids are refused so a typo never silently drops a paid service.
    pub fn choose(&mut self, option_id: &str, addon_ids: &[String]) -> Result<(), ChoiceError> {
        let category_index = self
            .delivery_categories
            .iter()
            .position(|c| c.delivery_options.iter().any(|o| o.id == option_id))
            .ok_or_else(|| ChoiceError::UnknownOption(option_id.to_owned()))?;
        let category = &self.delivery_categories[category_index];
        if let Some(unknown) = addon_ids
            .iter()
            .find(|id| !category.addons.iter().any(|a| &a.id == *id))
        {
            return Err(ChoiceError::UnknownAddon(unknown.clone()));
        }
        let option = category
            .delivery_options
            .iter()
            .find(|o| o.id == option_id)
            .expect("the category was found by this option");
        if let Some(unsupported) = addon_ids.iter().find(|id| !option.supports_addon(id)) {
            return Err(ChoiceError::UnsupportedAddon(unsupported.clone()));
        }
        for (i, category) in self.delivery_categories.iter_mut().enumerate() {
            category.chosen = i == category_index;
            for option in &mut category.delivery_options {
                option.chosen = option.id == option_id;
            }
            for addon in &mut category.addons {
                addon.chosen = i == category_index && addon_ids.contains(&addon.id);
            }
        }
        self.choice = Some(DeliveryChoice {
            delivery_id: self.id.clone(),
            option_id: option_id.to_owned(),
            addon_ids: addon_ids.to_vec(),
        });
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChoiceError {
    UnknownOption(String),
    UnknownAddon(String),
    /// The addon exists in the category, but the chosen option's carrier does not perform it.
    UnsupportedAddon(String),
}

impl DeliveryOption {
    pub fn supports_addon(&self, addon_id: &str) -> bool {
        self.supported_addons
            .as_ref()
            .is_none_or(|ids| ids.iter().any(|id| id == addon_id))
    }
}

impl std::fmt::Display for ChoiceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::UnknownOption(id) => write!(f, "no delivery option `{id}` in this delivery"),
            Self::UnknownAddon(id) => {
                write!(f, "no addon `{id}` in the category of the chosen option")
            }
            Self::UnsupportedAddon(id) => {
                write!(
                    f,
                    "the chosen option's carrier does not perform addon `{id}`"
                )
            }
        }
    }
}

impl Session {
    /// A new, active session at revision 1 with nothing offered yet.
    pub fn new(
        id: SessionId,
        merchant_id: &str,
        draft: SessionDraft,
        token: String,
        now: OffsetDateTime,
    ) -> Self {
        Self {
            id,
            merchant_id: merchant_id.to_owned(),
            state: SessionState::Active,
            purchase: draft.purchase,
            deliveries: draft
                .deliveries
                .into_iter()
                .map(Delivery::from_draft)
                .collect(),
            search_address: draft.search_address,
            external_id: draft.external_id,
            create_time: now,
            update_time: now,
            expire_time: None,
            revision: 1,
            token,
            source_order_id: None,
            config_revision: 0,
            search_coordinates: None,
            checkout: draft.checkout.unwrap_or_default(),
        }
    }

    /// The AIP-154 etag: opaque, the same for one revision of one session, different after
    /// every write.
    pub fn etag(&self) -> String {
        Self::etag_at(self.id, self.revision)
    }

    /// The etag session `id` has at `revision`, known without reading the session.
    pub fn etag_at(id: SessionId, revision: i64) -> String {
        etag_of(id.uuid().as_bytes(), revision)
    }
}

/// The etag of revision `revision` of the resource `identity`.
pub fn etag_of(identity: &[u8], revision: i64) -> String {
    let mut bytes = identity.to_vec();
    bytes.extend_from_slice(&revision.to_be_bytes());
    format!("{:016x}", stable_hash(&bytes))
}

/// FNV-1a, then MurmurHash3's fmix64 so every input bit affects every output bit: a hash that
/// is the same in every release and on every machine, for ids derived from content. Not for
/// secrets.
pub fn stable_hash(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^= hash >> 33;
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etags_differ_per_revision_and_session_and_are_stable() {
        let id = SessionId::new_random();
        let etag = |id: SessionId, revision: i64| {
            let mut s = Session {
                id,
                merchant_id: "m".into(),
                state: SessionState::Active,
                purchase: Purchase {
                    country_code: "SE".parse().unwrap(),
                    currency_code: "SEK".parse().unwrap(),
                    total_discount: None,
                    total_value: None,
                    vouchers: vec![],
                    locales: vec![],
                },
                deliveries: vec![],
                search_address: None,
                external_id: None,
                create_time: OffsetDateTime::UNIX_EPOCH,
                update_time: OffsetDateTime::UNIX_EPOCH,
                expire_time: None,
                revision,
                token: String::new(),
                source_order_id: None,
                config_revision: 0,
                search_coordinates: None,
                checkout: Default::default(),
            };
            let first = s.etag();
            s.external_id = Some("content does not matter, the revision does".into());
            assert_eq!(s.etag(), first);
            first
        };
        let a = etag(id, 1);
        let b = etag(id, 2);
        assert_ne!(a, b);
        assert_ne!(a, etag(SessionId::new_random(), 1));
        assert_eq!(a.len(), 16);
        // Neighbouring revisions share no long common prefix.
        assert!(a[..6] != b[..6], "{a} {b}");
    }
}
