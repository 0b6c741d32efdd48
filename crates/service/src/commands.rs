//! The commands the session service takes: each states what a request asks of a session in the
//! domain's terms, so the surfaces translate wire shapes into these and never change a session
//! themselves. Field paths in them (`at`, `field`) say how a surface names the fields, for the
//! violations the service reports.

use domain::{
    AdditionalInfo, Address, AddressDraft, Cart, CartSplit, Coordinates, CountryCode, CurrencyCode,
    Customer, DeliveryChoice, DeliveryDraft, FieldViolation, Locale, LocationQuery, Money,
    OptionRef, SessionDraft, SessionId, SnippetConfiguration, TransportOrderId,
};

use crate::idempotency::RequestKey;

/// Which version of a session a write applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// The client's etag (AIP-154): applied only while it is current, else ABORTED with the
    /// current etag.
    Etag(String),
    /// The version this request reads: a concurrent write in between answers ABORTED
    /// (`CONCURRENT_MODIFICATION`) and changes nothing. For callers that send no etag but must
    /// not overwrite what they have not seen (the legacy surfaces).
    AsRead,
    /// The latest version: a write that loses a race is applied again on the fresh version.
    Unconditional,
}

impl Condition {
    /// `Etag` when the client sent one, else `Unconditional`.
    pub fn etag_or_latest(etag: Option<&str>) -> Self {
        etag.map_or(Self::Unconditional, |e| Self::Etag(e.to_owned()))
    }
}

/// Creates a session and computes its offer.
#[derive(Debug, Clone)]
pub struct CreateSession {
    /// The client's choice of id; a random UUIDv4 when `None`.
    pub id: Option<SessionId>,
    pub content: NewSession,
    /// A repeat with the same key answers as the first request did.
    pub request: Option<RequestKey>,
}

#[derive(Debug, Clone)]
pub enum NewSession {
    /// A purchase and its deliveries, as the headless API states them.
    Draft(SessionDraft),
    /// A cart, as the cart-based surfaces state it.
    Cart(CartCheckout),
}

/// A cart and where it goes: what a cart-based surface creates a session from.
#[derive(Debug, Clone)]
pub struct CartCheckout {
    pub country_code: CountryCode,
    pub currency_code: CurrencyCode,
    pub locales: Vec<Locale>,
    pub cart: CartInput,
    pub split: CartSplit,
    pub customer: Option<Customer>,
    /// In the purchase country when it names no country.
    pub search_address: Option<AddressDraft>,
    pub external_id: Option<String>,
    /// Where the session's shipping selector renders; the defaults when `None`.
    pub snippet: Option<SnippetConfiguration>,
}

/// A cart as sent, and the name of the field it came in (`cart`, or Delivery Checkout's older
/// `carts`), for the violations.
#[derive(Debug, Clone)]
pub struct CartInput {
    pub cart: Cart,
    pub field: &'static str,
    /// What the surface found wrong reading the cart. Whether the cart fits the session (its
    /// currency, its amounts, its dates) only the service can tell; it answers with these and
    /// its own findings together, so a client learns of every bad field at once.
    pub problems: Vec<FieldViolation>,
}

/// Changes a session and then, on the recomputed offer, makes choices.
#[derive(Debug, Clone)]
pub struct UpdateSession {
    pub change: SessionChange,
    pub picks: Vec<Pick>,
}

// Made once per request and moved into the write: the variants' sizes do not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum SessionChange {
    /// Named fields of the headless resource (AIP-134).
    Patch(SessionPatch),
    /// What a cart-based surface sends: what it names replaces, the rest stays.
    Checkout(CheckoutChange),
}

/// The writable fields an update names, each `Some` to write it. `Some(None)` clears an
/// optional field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SessionPatch {
    pub country_code: Option<CountryCode>,
    pub currency_code: Option<CurrencyCode>,
    pub total_discount: Option<Option<Money>>,
    pub total_value: Option<Option<Money>>,
    pub vouchers: Option<Vec<String>>,
    pub locales: Option<Vec<Locale>>,
    pub deliveries: Option<Vec<DeliveryDraft>>,
    pub search_address: Option<AddressPatch>,
    pub external_id: Option<Option<String>>,
}

impl SessionPatch {
    /// Whether the patch writes nothing but the search address: the one change the shipping
    /// selector may make with a session token.
    pub fn only_search_address(&self) -> bool {
        let Self {
            country_code,
            currency_code,
            total_discount,
            total_value,
            vouchers,
            locales,
            deliveries,
            search_address,
            external_id,
        } = self;
        search_address.is_some()
            && country_code.is_none()
            && currency_code.is_none()
            && total_discount.is_none()
            && total_value.is_none()
            && vouchers.is_none()
            && locales.is_none()
            && deliveries.is_none()
            && external_id.is_none()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum AddressPatch {
    /// The whole address, or none.
    Replace(Option<Address>),
    /// Some fields of the address; the country is required when the session has none yet.
    Fields(AddressFields),
}

/// Fields of an address to write; `Some(None)` clears one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AddressFields {
    pub country_code: Option<CountryCode>,
    pub region_code: Option<Option<String>>,
    pub postal_code: Option<Option<String>>,
    pub city: Option<Option<String>>,
    pub address_lines: Option<Vec<String>>,
    pub coordinates: Option<Option<Coordinates>>,
    pub street: Option<Option<String>>,
    pub street_number: Option<Option<String>>,
}

/// What a cart-based surface changes; each `None` keeps what the session has.
#[derive(Debug, Clone, Default)]
pub struct CheckoutChange {
    pub cart: Option<CartInput>,
    /// How a sent cart becomes deliveries.
    pub split: Option<CartSplit>,
    /// The customer; with an address, every delivery's recipient too.
    pub customer: Option<Customer>,
    pub search_address: Option<AddressDraft>,
    pub additional_info: Option<AdditionalInfo>,
    /// `Some(None)` removes the merchant reference.
    pub external_id: Option<Option<String>>,
}

/// One choice a request makes, and the path its violations are reported under.
#[derive(Debug, Clone)]
pub struct Pick {
    pub at: String,
    pub selection: Selection,
}

#[derive(Debug, Clone)]
pub enum Selection {
    /// An option by id with the addons the customer chose (violations at `{at}.delivery_id`,
    /// `{at}.option_id` and `{at}.addon_ids`).
    Exact(DeliveryChoice),
    /// An option named by what it ships with, with the addons preselected for it (violations at
    /// `{at}` and `{at}.time_slot_ref`).
    ByRef {
        delivery: DeliveryRef,
        option: OptionRef,
    },
}

/// Which delivery a [`Selection::ByRef`] is for.
#[derive(Debug, Clone)]
pub enum DeliveryRef {
    /// The session's first delivery (the one-delivery surfaces).
    First,
    /// A delivery by id, sent in the request field `field`.
    Id { id: String, field: String },
}

/// Completes a session: every delivery with its chosen, else preselected, option.
#[derive(Debug, Clone, Default)]
pub struct Complete {
    /// Choices to make first.
    pub picks: Vec<Pick>,
    /// The buyer; with an address, every delivery's recipient. Without a search address the
    /// offer is then computed again for that address.
    pub customer: Option<Customer>,
    /// `Some(None)` removes the merchant reference.
    pub external_id: Option<Option<String>>,
    /// Ship every delivery from this warehouse.
    pub ship_from: Option<ShipFrom>,
    pub expect: Expect,
    pub request: Option<RequestKey>,
}

/// A warehouse to ship from, and the request field that named it.
#[derive(Debug, Clone)]
pub struct ShipFrom {
    pub warehouse: String,
    pub field: &'static str,
}

/// What a completion expects of the session it completes.
#[derive(Debug, Clone, Default)]
pub enum Expect {
    #[default]
    Any,
    /// A session re-opened from a transport order (completing amends the order); `tos_id`, when
    /// given, must be that order.
    ReopenedOrder { tos_id: Option<TransportOrderId> },
}

/// Starts a session from a transport order, to change what was ordered.
#[derive(Debug, Clone)]
pub struct CreateFromOrder {
    pub order: TransportOrderId,
    /// Replaces the order's locales when given.
    pub locales: Option<Vec<Locale>>,
    /// Replaces the order's merchant reference when given.
    pub external_id: Option<String>,
    pub request: Option<RequestKey>,
}

/// Adds a pickup location found by search to one carrier product's options.
#[derive(Debug, Clone)]
pub struct AddLocation {
    pub shipping_method: String,
    pub location_ref: String,
}

/// A search of the merchant's pickup locations, optionally around a session's search address
/// and in its country.
#[derive(Debug, Clone, Default)]
pub struct LocationSearch {
    pub query: LocationQuery,
    pub around: Option<SessionId>,
}
