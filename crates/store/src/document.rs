//! The stored forms of sessions and transport orders: the store's own types, so that renaming a
//! field or variant of the domain changes no stored byte, and a change of the stored shape is a
//! new `document_version` with its own reader instead of a silent data migration.
//!
//! Version 1 is JSON in the `document` column: every row written before version 2, and still
//! the form of transport orders and idempotency records. Version 2 (sessions only) is
//! [postcard] in the `body` column, and leaves out what the row's own columns already hold (id,
//! merchant, state, external id, revision, create and update times): a third of version 1's
//! bytes, read straight into these types with no JSON tree in between. Postcard writes fields
//! and variants by position, not by name, so a version 2 type only ever gains fields and
//! variants at its end (a test decodes bytes written by the first release of it); anything
//! else is a version 3.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use domain::{
    AdditionalInfo, Addon, AddonType, Address, Carrier, Cart, CartItem, CheckoutDetails, Contact,
    Coordinates, CountryCode, CurrencyCode, CustomLocation, Customer, Delivery, DeliveryCategory,
    DeliveryChoice, DeliveryDraft, DeliveryOption, DeliveryPromise, DeliveryType, Dimensions,
    Distance, Distances, Etd, EtdAbsolute, EtdRelative, Fulfillment, Grams, LineItem, Locale,
    LocationType, Money, NamedAddress, OperationalHours, OptionsSource, OrderCategory,
    OrderContent, OrderState, OrderVersion, PhoneNumber, PickupLocation, PriceComponent,
    PriceComponentKind, Purchase, Section, SectionItem, Session, SessionId, SessionState,
    ShippingDate, SnippetConfiguration, TimeUnit, TransportOrder, TransportOrderId, Warehouse,
};
use ports::StoreError;

/// The version of JSON documents: transport orders and idempotency records are written in it.
pub(crate) const JSON_VERSION: i32 = 1;
/// The version sessions are written in.
pub(crate) const SESSION_VERSION: i32 = 2;

/// A domain value and its stored form.
trait Stored: Sized {
    type Doc;
    fn doc(&self) -> Self::Doc;
    fn from_doc(doc: Self::Doc) -> Self;
}

/// Values whose stored form is their own serde form: scalars, and newtypes that serialise as a
/// string or a number (a rename of such a type's field cannot change what is stored).
macro_rules! stored_as_itself {
    ($($t:ty),* $(,)?) => {$(
        impl Stored for $t {
            type Doc = $t;
            fn doc(&self) -> $t {
                self.clone()
            }
            fn from_doc(doc: $t) -> $t {
                doc
            }
        }
    )*};
}

stored_as_itself!(
    String,
    bool,
    i32,
    i64,
    u32,
    f64,
    Money,
    Grams,
    CountryCode,
    CurrencyCode,
    Locale,
    SessionId,
    TransportOrderId,
    ShippingDate,
    BTreeMap<String, String>,
);

impl<T: Stored> Stored for Option<T> {
    type Doc = Option<T::Doc>;
    fn doc(&self) -> Self::Doc {
        self.as_ref().map(Stored::doc)
    }
    fn from_doc(doc: Self::Doc) -> Self {
        doc.map(T::from_doc)
    }
}

impl<T: Stored> Stored for Vec<T> {
    type Doc = Vec<T::Doc>;
    fn doc(&self) -> Self::Doc {
        self.iter().map(Stored::doc).collect()
    }
    fn from_doc(doc: Self::Doc) -> Self {
        doc.into_iter().map(T::from_doc).collect()
    }
}

/// An instant: RFC 3339 text in JSON, and in postcard its nanoseconds since the epoch and its
/// offset in seconds, so both keep the instant and the offset it was given in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Instant(OffsetDateTime);

impl Serialize for Instant {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            time::serde::rfc3339::serialize(&self.0, s)
        } else {
            (
                self.0.unix_timestamp_nanos(),
                self.0.offset().whole_seconds(),
            )
                .serialize(s)
        }
    }
}

impl<'de> Deserialize<'de> for Instant {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        if d.is_human_readable() {
            return time::serde::rfc3339::deserialize(d).map(Instant);
        }
        let (nanos, offset) = <(i128, i32)>::deserialize(d)?;
        let offset = time::UtcOffset::from_whole_seconds(offset).map_err(D::Error::custom)?;
        OffsetDateTime::from_unix_timestamp_nanos(nanos)
            .map(|t| Instant(t.to_offset(offset)))
            .map_err(D::Error::custom)
    }
}

impl Stored for OffsetDateTime {
    type Doc = Instant;
    fn doc(&self) -> Instant {
        Instant(*self)
    }
    fn from_doc(doc: Instant) -> Self {
        doc.0
    }
}

/// A stored struct with the same fields as a domain struct; `as "name"` stores a field under
/// another name, `#[serde(default)]` reads documents written before the field existed.
macro_rules! mirror {
    ($doc:ident <=> $dom:ident {
        $( $(#[$attr:meta])* $field:ident $(as $name:literal)? : $ty:ty ),* $(,)?
    }) => {
        #[derive(Debug, Clone, Serialize, Deserialize)]
        pub(crate) struct $doc {
            $( $(#[$attr])* $(#[serde(rename = $name)])? $field: $ty, )*
        }

        impl Stored for $dom {
            type Doc = $doc;
            fn doc(&self) -> $doc {
                $doc { $( $field: Stored::doc(&self.$field), )* }
            }
            fn from_doc(doc: $doc) -> Self {
                Self { $( $field: Stored::from_doc(doc.$field), )* }
            }
        }
    };
}

/// A stored enum with the same variants as a domain enum, in `SCREAMING_SNAKE_CASE`.
macro_rules! mirror_enum {
    ($doc:ident <=> $dom:ident { $($variant:ident),* $(,)? }) => {
        #[derive(Debug, Clone, Copy, Serialize, Deserialize)]
        #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
        pub(crate) enum $doc { $($variant),* }

        impl Stored for $dom {
            type Doc = $doc;
            fn doc(&self) -> $doc {
                match self { $($dom::$variant => $doc::$variant),* }
            }
            fn from_doc(doc: $doc) -> Self {
                match doc { $($doc::$variant => $dom::$variant),* }
            }
        }
    };
}

mirror_enum!(SessionStateDoc <=> SessionState { Active, Completed });
mirror_enum!(DeliveryTypeDoc <=> DeliveryType { Delivery, Pickup, Mailbox, Instore });
mirror_enum!(OptionsSourceDoc <=> OptionsSource { Placeholder, Address, Provider });
mirror_enum!(PriceComponentKindDoc <=> PriceComponentKind { Shipping, Addon, Discount });
mirror_enum!(LocationTypeDoc <=> LocationType { ServicePoint, Locker, PostOffice, Store });
mirror_enum!(TimeUnitDoc <=> TimeUnit { Minute, Hour, Day, Week });
mirror_enum!(AddonTypeDoc <=> AddonType {
    LeaveAtDoor,
    CarryIn,
    CallBeforeDelivery,
    IdCheck,
    Insurance,
    GiftWrapping,
});
mirror_enum!(OrderStateDoc <=> OrderState { Created, Amended });

mirror!(SessionDoc <=> Session {
    id: SessionId,
    merchant_id: String,
    state: SessionStateDoc,
    purchase: PurchaseDoc,
    deliveries: Vec<DeliveryDoc>,
    search_address: Option<AddressDoc>,
    external_id: Option<String>,
    create_time: Instant,
    update_time: Instant,
    #[serde(default)]
    expire_time: Option<Instant>,
    revision: i64,
    #[serde(default)]
    token: String,
    #[serde(default)]
    source_order_id: Option<TransportOrderId>,
    #[serde(default)]
    search_coordinates: Option<CoordinatesDoc>,
    #[serde(default)]
    checkout: CheckoutDetailsDoc,
    #[serde(default)]
    config_revision: i64,
});

mirror!(PurchaseDoc <=> Purchase {
    country_code: CountryCode,
    currency_code: CurrencyCode,
    total_discount: Option<Money>,
    total_value: Option<Money>,
    vouchers: Vec<String>,
    locales: Vec<Locale>,
});

mirror!(DeliveryDraftDoc <=> DeliveryDraft {
    id: String,
    line_items: Vec<LineItemDoc>,
    fulfillments: Vec<FulfillmentDoc>,
    recipient_contact: ContactDoc,
    attributes: Vec<String>,
});

mirror!(DeliveryDoc <=> Delivery {
    id: String,
    line_items: Vec<LineItemDoc>,
    fulfillments: Vec<FulfillmentDoc>,
    recipient_contact: ContactDoc,
    attributes: Vec<String>,
    delivery_categories: Vec<DeliveryCategoryDoc>,
    choice: Option<DeliveryChoiceDoc>,
    transport_order as "tos_id": Option<TransportOrderId>,
    #[serde(default)]
    completed_with_preselection: bool,
    #[serde(default)]
    no_offer_reasons: Vec<String>,
});

mirror!(LineItemDoc <=> LineItem {
    sku: String,
    title: String,
    quantity: i32,
    weight: Option<Grams>,
    dimensions: Option<DimensionsDoc>,
    discount: Option<Money>,
    price: Money,
    image_uri: Option<String>,
    attributes: Vec<String>,
});

mirror!(DimensionsDoc <=> Dimensions {
    height: i64,
    length: i64,
    width: i64,
});

mirror!(FulfillmentDoc <=> Fulfillment {
    ready_earliest: Instant,
    #[serde(default)]
    ready_latest: Option<Instant>,
});

mirror!(ContactDoc <=> Contact {
    address: AddressDoc,
    email: Option<String>,
    phone_number: Option<PhoneNumberDoc>,
});

mirror!(PhoneNumberDoc <=> PhoneNumber {
    country_code: CountryCode,
    number: String,
    extension: Option<String>,
});

mirror!(AddressDoc <=> Address {
    country_code: CountryCode,
    region_code: Option<String>,
    postal_code: Option<String>,
    city: Option<String>,
    address_lines: Vec<String>,
    coordinates: Option<CoordinatesDoc>,
    street: Option<String>,
    street_number: Option<String>,
});

mirror!(CoordinatesDoc <=> Coordinates { lat: f64, lng: f64 });

mirror!(DeliveryCategoryDoc <=> DeliveryCategory {
    id: String,
    external_id: Option<String>,
    delivery_type: DeliveryTypeDoc,
    display_name: String,
    sort_order: i32,
    options_source: OptionsSourceDoc,
    delivery_options: Vec<DeliveryOptionDoc>,
    addons: Vec<AddonDoc>,
    preselected: bool,
    chosen: bool,
    warehouse: Option<WarehouseDoc>,
});

mirror!(WarehouseDoc <=> Warehouse {
    id: String,
    address: AddressDoc,
});

mirror!(DeliveryOptionDoc <=> DeliveryOption {
    id: String,
    carrier: CarrierDoc,
    pickup_location: Option<PickupLocationDoc>,
    etd: EtdDoc,
    preselected: bool,
    chosen: bool,
    #[serde(default)]
    expire_time: Option<Instant>,
    price: Money,
    #[serde(default)]
    price_components: Vec<PriceComponentDoc>,
    #[serde(default)]
    promise: Option<DeliveryPromiseDoc>,
    #[serde(default)]
    supported_addons: Option<Vec<String>>,
});

mirror!(PriceComponentDoc <=> PriceComponent {
    kind: PriceComponentKindDoc,
    amount: Money,
    reference: String,
});

mirror!(DeliveryPromiseDoc <=> DeliveryPromise {
    merchant_pickup_time: Instant,
    carrier_transit_days_min: u32,
    carrier_transit_days_max: u32,
    customer_earliest_time: Instant,
    customer_latest_time: Instant,
});

mirror!(CarrierDoc <=> Carrier {
    name: String,
    product_name: String,
    product_id: String,
    sort_order: Option<i32>,
    meta: BTreeMap<String, String>,
    external_id: String,
});

mirror!(PickupLocationDoc <=> PickupLocation {
    id: String,
    external_id: String,
    location_type: Option<LocationTypeDoc>,
    title: String,
    visiting_contact: Option<ContactDoc>,
    delivery_contact: Option<ContactDoc>,
    operational_hours: Option<OperationalHoursDoc>,
    sections: Vec<SectionDoc>,
    distances: Option<DistancesDoc>,
});

mirror!(OperationalHoursDoc <=> OperationalHours {
    monday: Vec<String>,
    tuesday: Vec<String>,
    wednesday: Vec<String>,
    thursday: Vec<String>,
    friday: Vec<String>,
    saturday: Vec<String>,
    sunday: Vec<String>,
    free_text: Vec<String>,
});

mirror!(SectionDoc <=> Section {
    title: String,
    columns: Vec<Vec<SectionItemDoc>>,
});

mirror!(SectionItemDoc <=> SectionItem {
    icon_uri: Option<String>,
    text: Option<String>,
    link_uri: Option<String>,
});

mirror!(DistanceDoc <=> Distance { meters: i64, minutes: i64 });

mirror!(DistancesDoc <=> Distances {
    walking: Option<DistanceDoc>,
    driving: Option<DistanceDoc>,
});

mirror!(EtdDoc <=> Etd {
    relative: Option<EtdRelativeDoc>,
    absolute: Option<EtdAbsoluteDoc>,
    custom: Option<String>,
});

mirror!(EtdRelativeDoc <=> EtdRelative {
    unit: TimeUnitDoc,
    earliest: Option<i32>,
    latest: Option<i32>,
});

mirror!(EtdAbsoluteDoc <=> EtdAbsolute {
    #[serde(default)]
    earliest_time: Option<Instant>,
    #[serde(default)]
    latest_time: Option<Instant>,
});

mirror!(AddonDoc <=> Addon {
    id: String,
    display_name: String,
    price: Money,
    addon_type: AddonTypeDoc,
    preselected: bool,
    chosen: bool,
});

mirror!(DeliveryChoiceDoc <=> DeliveryChoice {
    delivery_id: String,
    option_id: String,
    addon_ids: Vec<String>,
});

mirror!(CheckoutDetailsDoc <=> CheckoutDetails {
    #[serde(default)]
    cart: Option<CartDoc>,
    #[serde(default)]
    customer: Option<CustomerDoc>,
    #[serde(default)]
    additional_info: Option<AdditionalInfoDoc>,
    #[serde(default)]
    custom_locations: Vec<CustomLocationDoc>,
    #[serde(default)]
    snippet: Option<SnippetConfigurationDoc>,
});

mirror!(SnippetConfigurationDoc <=> SnippetConfiguration {
    container_id: String,
    object_id: String,
});

impl Default for CheckoutDetailsDoc {
    fn default() -> Self {
        CheckoutDetails::default().doc()
    }
}

mirror!(CartDoc <=> Cart {
    cart_id: String,
    total_value: Money,
    total_discount: Option<Money>,
    currency: Option<CurrencyCode>,
    shipping_date: Option<ShippingDate>,
    pre_order: Option<bool>,
    voucher: Option<String>,
    vouchers: Vec<String>,
    attributes: Vec<String>,
    items: Vec<CartItemDoc>,
});

mirror!(CartItemDoc <=> CartItem {
    sku: String,
    name: Option<String>,
    attributes: Vec<String>,
    out_of_stock: Option<bool>,
    dimensions: Option<DimensionsDoc>,
    quantity: i32,
    weight: Option<Grams>,
    discount: Option<Money>,
    price: Option<Money>,
    image_url: Option<String>,
    site_external_id: Option<String>,
    shipping_date: Option<ShippingDate>,
});

mirror!(CustomerDoc <=> Customer {
    address: Option<NamedAddressDoc>,
    email: Option<String>,
    phone: Option<String>,
});

mirror!(NamedAddressDoc <=> NamedAddress {
    name: Option<String>,
    care_of: Option<String>,
    attn: Option<String>,
    door_code: Option<String>,
    address: AddressDoc,
});

mirror!(AdditionalInfoDoc <=> AdditionalInfo {
    courier_instructions: Option<String>,
    door_code: Option<String>,
    customer_number: Option<String>,
});

mirror!(CustomLocationDoc <=> CustomLocation {
    shipping_method: String,
    location_ref: String,
    added_at: Instant,
    #[serde(default)]
    location: Option<PickupLocationDoc>,
});

mirror!(TransportOrderDoc <=> TransportOrder {
    id: TransportOrderId,
    merchant_id: String,
    state: OrderStateDoc,
    version: i64,
    content: OrderContentDoc,
    history: Vec<OrderVersionDoc>,
    create_time: Instant,
    update_time: Instant,
    revision: i64,
});

mirror!(OrderContentDoc <=> OrderContent {
    session_id: SessionId,
    purchase: PurchaseDoc,
    delivery: DeliveryDraftDoc,
    search_address: Option<AddressDoc>,
    external_id: Option<String>,
    category: OrderCategoryDoc,
    option: DeliveryOptionDoc,
    addons: Vec<AddonDoc>,
    warehouse: Option<WarehouseDoc>,
});

mirror!(OrderCategoryDoc <=> OrderCategory {
    id: String,
    external_id: Option<String>,
    display_name: String,
    delivery_type: DeliveryTypeDoc,
});

mirror!(OrderVersionDoc <=> OrderVersion {
    version: i64,
    time: Instant,
    content: OrderContentDoc,
});

/// A version 2 session body: the session without what its row's columns hold. `expire_time`
/// is both here and in its column: the column is UTC microseconds for queries, while an
/// option's expiry (and so the session's) can carry the merchant's offset, which the answer
/// shows as it was computed.
#[derive(Debug, Serialize, Deserialize)]
struct SessionBodyDoc {
    purchase: PurchaseDoc,
    deliveries: Vec<DeliveryDoc>,
    search_address: Option<AddressDoc>,
    expire_time: Option<Instant>,
    token: String,
    source_order_id: Option<TransportOrderId>,
    search_coordinates: Option<CoordinatesDoc>,
    checkout: CheckoutDetailsDoc,
    config_revision: i64,
}

/// What a session's row holds beside its body.
pub(crate) struct SessionColumns {
    pub id: String,
    pub merchant_id: String,
    pub state: String,
    pub external_id: Option<String>,
    pub create_time_us: i64,
    pub update_time_us: i64,
    pub revision: i64,
}

fn corrupt(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {e}"))
}

/// A version this release does not read; `newest` is the newest one it reads for that record.
fn unread_version(what: &str, version: i32, newest: i32) -> StoreError {
    StoreError::Corrupt(format!(
        "{what}: document version {version} is not one this release reads (up to {newest})"
    ))
}

fn encode<T: Stored>(value: &T) -> Result<serde_json::Value, StoreError>
where
    T::Doc: Serialize,
{
    serde_json::to_value(value.doc()).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn decode<T: Stored>(what: &str, version: i32, document: serde_json::Value) -> Result<T, StoreError>
where
    T::Doc: serde::de::DeserializeOwned,
{
    match version {
        1 => serde_json::from_value::<T::Doc>(document)
            .map(T::from_doc)
            .map_err(|e| corrupt(what, e)),
        other => Err(unread_version(what, other, JSON_VERSION)),
    }
}

/// A session's version 2 body.
pub(crate) fn session_body(s: &Session) -> Result<Vec<u8>, StoreError> {
    let body = SessionBodyDoc {
        purchase: s.purchase.doc(),
        deliveries: s.deliveries.doc(),
        search_address: s.search_address.doc(),
        expire_time: s.expire_time.doc(),
        token: s.token.clone(),
        source_order_id: s.source_order_id.clone(),
        search_coordinates: s.search_coordinates.doc(),
        checkout: s.checkout.doc(),
        config_revision: s.config_revision,
    };
    postcard::to_stdvec(&body).map_err(|e| corrupt(&format!("session {}", s.id), e))
}

/// A session from its row: a version 1 JSON `document` or a version 2 `body`.
pub(crate) fn session_from_row(
    row: SessionColumns,
    version: i32,
    document: Option<serde_json::Value>,
    body: Option<&[u8]>,
) -> Result<Session, StoreError> {
    let what = || format!("session {}", row.id);
    let mut session: Session = match (version, document, body) {
        (1, Some(document), _) => decode(&what(), 1, document)?,
        (2, _, Some(body)) => {
            let body: SessionBodyDoc =
                postcard::from_bytes(body).map_err(|e| corrupt(&what(), e))?;
            let id = SessionId::parse(&row.id).map_err(|e| corrupt(&what(), e))?;
            let state = SessionState::parse(&row.state)
                .ok_or_else(|| corrupt(&what(), format!("state `{}`", row.state)))?;
            Session {
                id,
                merchant_id: row.merchant_id,
                state,
                purchase: Stored::from_doc(body.purchase),
                deliveries: Stored::from_doc(body.deliveries),
                search_address: Stored::from_doc(body.search_address),
                external_id: row.external_id,
                create_time: super::from_micros(row.create_time_us)?,
                update_time: super::from_micros(row.update_time_us)?,
                expire_time: Stored::from_doc(body.expire_time),
                revision: row.revision,
                token: body.token,
                source_order_id: body.source_order_id,
                search_coordinates: Stored::from_doc(body.search_coordinates),
                checkout: Stored::from_doc(body.checkout),
                config_revision: body.config_revision,
            }
        }
        (1 | 2, _, _) => {
            return Err(corrupt(
                &what(),
                format!("a version {version} row without its document"),
            ))
        }
        (other, _, _) => return Err(unread_version(&what(), other, SESSION_VERSION)),
    };
    // The column is the authority on the revision: it is what compare-and-swap checks.
    session.revision = row.revision;
    Ok(session)
}

/// A session as a version 1 JSON document: the form of an idempotency record's answer.
pub(crate) fn session_document(session: &Session) -> Result<serde_json::Value, StoreError> {
    encode(session)
}

pub(crate) fn session_from(
    id: &str,
    version: i32,
    document: serde_json::Value,
) -> Result<Session, StoreError> {
    decode(&format!("session {id}"), version, document)
}

pub(crate) fn order_document(order: &TransportOrder) -> Result<serde_json::Value, StoreError> {
    encode(order)
}

pub(crate) fn order_from(
    id: &str,
    version: i32,
    document: serde_json::Value,
) -> Result<TransportOrder, StoreError> {
    decode(&format!("transport order {id}"), version, document)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A session as the first release stored it: this must keep reading, whatever the domain's
    /// fields are called now.
    const VERSION_1_SESSION: &str = r#"{
        "id": "8d2f1d1e-3c4b-4f5a-9b6c-7d8e9f0a1b2c", "merchant_id": "demo", "state": "COMPLETED",
        "purchase": {"country_code": "SE", "currency_code": "SEK", "total_discount": null,
            "total_value": 45000, "vouchers": [], "locales": ["sv-SE"]},
        "deliveries": [{"id": "d1",
            "line_items": [{"sku": "POT-12", "title": "Pot", "quantity": 2, "weight": 1200,
                "dimensions": null, "discount": null, "price": 22500, "image_uri": null,
                "attributes": []}],
            "fulfillments": [{"ready_earliest": "2026-11-23T09:00:00Z"}],
            "recipient_contact": {"address": {"country_code": "SE", "region_code": null,
                "postal_code": "11820", "city": null, "address_lines": [], "coordinates": null,
                "street": null, "street_number": null}, "email": null, "phone_number": null},
            "attributes": [], "delivery_categories": [], "choice": null,
            "tos_id": "01JD0000000000000000000000"}],
        "search_address": null, "external_id": null,
        "create_time": "2026-11-23T08:00:00Z", "update_time": "2026-11-23T08:05:00Z",
        "revision": 3
    }"#;

    #[test]
    fn a_version_1_document_reads_and_writes_back_the_same() {
        let stored: serde_json::Value = serde_json::from_str(VERSION_1_SESSION).unwrap();
        let session = session_from("s", 1, stored.clone()).unwrap();
        assert_eq!(session.state, SessionState::Completed);
        assert_eq!(
            session.deliveries[0]
                .transport_order
                .as_ref()
                .map(|t| t.as_str()),
            Some("01JD0000000000000000000000")
        );
        assert_eq!(
            session.deliveries[0].line_items[0].price,
            Money::from_minor(22500)
        );
        assert_eq!(
            session.token, "",
            "a field added later reads as its default"
        );
        let written = session_document(&session).unwrap();
        assert_eq!(
            written["deliveries"][0]["tos_id"],
            stored["deliveries"][0]["tos_id"]
        );
        assert_eq!(session_from("s", 1, written).unwrap(), session);
    }

    #[test]
    fn a_newer_document_version_is_refused_by_name() {
        let stored: serde_json::Value = serde_json::from_str(VERSION_1_SESSION).unwrap();
        let err = session_from("s", 2, stored).unwrap_err();
        assert!(
            matches!(&err, StoreError::Corrupt(m) if m.contains("version 2")),
            "{err:?}"
        );
    }

    fn columns(s: &Session) -> SessionColumns {
        SessionColumns {
            id: s.id.to_string(),
            merchant_id: s.merchant_id.clone(),
            state: s.state.as_str().to_owned(),
            external_id: s.external_id.clone(),
            create_time_us: crate::micros(s.create_time),
            update_time_us: crate::micros(s.update_time),
            revision: s.revision,
        }
    }

    /// The version 1 fixture with what version 2 must also keep: an instant in another offset
    /// and to the nanosecond, a chosen option with a pickup point, checkout details.
    fn rich_session() -> Session {
        let mut session =
            session_from("s", 1, serde_json::from_str(VERSION_1_SESSION).unwrap()).unwrap();
        session.external_id = Some("order-7".into());
        session.expire_time = Some(time::macros::datetime!(2026-11-24 18:00:00.123456789 +01:00));
        session.token = "tok".into();
        session.config_revision = 4;
        session.deliveries[0].fulfillments[0].ready_latest =
            Some(time::macros::datetime!(2026-11-23 17:30 +02:00));
        session.deliveries[0].no_offer_reasons = vec!["none".into()];
        session.checkout.custom_locations.push(CustomLocation {
            shipping_method: "pickup".into(),
            location_ref: "P1".into(),
            added_at: time::macros::datetime!(2026-11-23 08:01 UTC),
            location: None,
        });
        session
    }

    #[test]
    fn a_version_2_body_reads_back_the_same_session() {
        let session = rich_session();
        let body = session_body(&session).unwrap();
        let json = serde_json::to_vec(&session_document(&session).unwrap()).unwrap();
        assert!(
            body.len() * 2 < json.len(),
            "{} bytes against version 1's {}",
            body.len(),
            json.len()
        );
        let read = session_from_row(columns(&session), 2, None, Some(&body)).unwrap();
        assert_eq!(read, session);
        assert_eq!(read.expire_time.unwrap().offset().whole_seconds(), 3600);
    }

    /// Bytes the first release of version 2 wrote for [`rich_session`]: postcard is
    /// positional, so reordering a field or variant of a stored type breaks this (and every
    /// stored row) instead of passing silently.
    const VERSION_2_BODY: &str = concat!(
        "0253450353454b000190bf0500010573762d5345010264310106504f542d313203506f740401e012",
        "0000c8df0200000180808df1d5bed0ea31000180c08dbcdd90dbea31c07002534500010531313832",
        "3000000000000000000000011a30314a443030303030303030303030303030303030303030303000",
        "01046e6f6e650001aab48bd899f084eb31a03803746f6b000000000001067069636b757002503180",
        "e082eacef0ceea3100000008",
    );

    #[test]
    fn version_2_bytes_of_the_first_release_still_read() {
        let session = rich_session();
        let body: Vec<u8> = (0..VERSION_2_BODY.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&VERSION_2_BODY[i..i + 2], 16).unwrap())
            .collect();
        let hex: String = session_body(&session)
            .unwrap()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(hex, VERSION_2_BODY, "the body version 2 writes has changed");
        assert_eq!(
            session_from_row(columns(&session), 2, None, Some(&body)).unwrap(),
            session
        );
    }

    #[test]
    fn a_row_without_the_document_its_version_names_is_corrupt() {
        let session = rich_session();
        let err = session_from_row(columns(&session), 2, None, None).unwrap_err();
        assert!(
            matches!(&err, StoreError::Corrupt(m) if m.contains("version 2 row")),
            "{err:?}"
        );
        let body = session_body(&session).unwrap();
        let err = session_from_row(columns(&session), 2, None, Some(&body[..body.len() / 2]))
            .unwrap_err();
        assert!(matches!(err, StoreError::Corrupt(_)), "{err:?}");
        let err = session_from_row(columns(&session), 3, None, Some(&body)).unwrap_err();
        assert!(
            matches!(&err, StoreError::Corrupt(m) if m.contains("version 3") && m.contains("up to 2")),
            "{err:?}"
        );
    }
}
