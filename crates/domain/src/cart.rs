//! Carts: what the cart-based surfaces (COS, SIW, Delivery Checkout) state about a checkout
//! beyond the purchase and its deliveries, and what a cart means for the session: the purchase
//! it describes, the deliveries it ships as (one, or split by the site and date items ship
//! from), the recipient rule, and the cart a session holds when another surface set its goods.

use std::fmt;

use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime, Time};

use crate::codes::{CountryCode, CurrencyCode, Locale};
use crate::money::{Grams, Money};
use crate::session::{
    stable_hash, Address, Contact, DeliveryDraft, Dimensions, Fulfillment, LineItem, PhoneNumber,
    Purchase, Session, WAREHOUSE_ATTRIBUTE_PREFIX,
};

/// The delivery id of a session whose whole cart ships as one delivery.
pub const SINGLE_DELIVERY_ID: &str = "main";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CheckoutDetails {
    /// The cart as last sent. Dropped when another surface changes the purchase or the goods,
    /// after which the cart is rebuilt from the deliveries.
    #[serde(default)]
    pub cart: Option<Cart>,
    /// Who buys, as the merchant knows them (required to complete on the cart-based surfaces).
    #[serde(default)]
    pub customer: Option<Customer>,
    #[serde(default)]
    pub additional_info: Option<AdditionalInfo>,
    /// Locations a search added to the offer, in the order they were added.
    #[serde(default)]
    pub custom_locations: Vec<CustomLocation>,
    /// Where the shipping selector of this session's snippet renders, and the name of its
    /// JavaScript API, when the merchant chose them.
    #[serde(default)]
    pub snippet: Option<SnippetConfiguration>,
}

/// The element the shipping selector renders into and the global its JavaScript API lives in,
/// so one page can hold several selectors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnippetConfiguration {
    pub container_id: String,
    pub object_id: String,
}

impl SnippetConfiguration {
    pub const DEFAULT_CONTAINER_ID: &'static str = "shipwallet-container";
    pub const DEFAULT_OBJECT_ID: &'static str = "_sw";
    /// Globals a browser page already has whose replacement would break the page (assigning
    /// `location` navigates away), refused as object ids. The selector itself also never
    /// replaces a global that is not its own command queue.
    pub const PAGE_GLOBALS: &'static [&'static str] = &[
        "window",
        "self",
        "top",
        "parent",
        "frames",
        "opener",
        "document",
        "location",
        "history",
        "navigator",
        "name",
        "origin",
        "status",
        "length",
        "closed",
        "console",
        "fetch",
        "alert",
        "eval",
        "undefined",
        "NaN",
        "Infinity",
        "Object",
        "Function",
        "Array",
        "Promise",
        "JSON",
    ];

    /// A container id (an HTML id: a letter, then letters, digits, `-`, `_`, `:` or `.`; at most
    /// 64) and an object id (a JavaScript identifier of at most 64 characters).
    ///
    /// # Errors
    /// Which of the two is not valid, and why, as (field, message).
    pub fn new(container_id: &str, object_id: &str) -> Result<Self, (&'static str, String)> {
        let container_ok = container_id.len() <= 64
            && container_id.starts_with(|c: char| c.is_ascii_alphabetic())
            && container_id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_:.".contains(c));
        if !container_ok {
            return Err((
                "container_id",
                format!("`{container_id}` is not an HTML id (a letter, then letters, digits, -, _, : or .)"),
            ));
        }
        let object_ok = object_id.len() <= 64
            && object_id.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_' || c == '$')
            && object_id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
        if !object_ok {
            return Err((
                "object_id",
                format!("`{object_id}` is not a JavaScript identifier"),
            ));
        }
        // `onerror`, `onclick`...: event handlers of the window, which the page's events call.
        if Self::PAGE_GLOBALS.contains(&object_id) || object_id.starts_with("on") {
            return Err((
                "object_id",
                format!("`{object_id}` is a global every page has (or a window event handler, on…); choose a name of your own"),
            ));
        }
        Ok(Self {
            container_id: container_id.to_owned(),
            object_id: object_id.to_owned(),
        })
    }
}

impl Default for SnippetConfiguration {
    fn default() -> Self {
        Self {
            container_id: Self::DEFAULT_CONTAINER_ID.to_owned(),
            object_id: Self::DEFAULT_OBJECT_ID.to_owned(),
        }
    }
}

/// How a cart becomes deliveries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CartSplit {
    /// The whole cart is one delivery (COS, SIW).
    Single,
    /// One delivery per site an item ships from and date it can ship (Delivery Checkout's
    /// delivery groups).
    BySiteAndDate,
}

/// When goods can leave the warehouse: a whole day, or an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShippingDate {
    Day(Date),
    Instant(OffsetDateTime),
}

impl ShippingDate {
    /// A `YYYY-MM-DD` date or an RFC 3339 time.
    ///
    /// # Errors
    /// A message quoting the text when it is neither.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if let Ok(t) = OffsetDateTime::parse(text, &Rfc3339) {
            return Ok(Self::Instant(t));
        }
        Date::parse(text, DAY_FORMAT)
            .map(Self::Day)
            .map_err(|_| format!("`{text}` is neither a date (YYYY-MM-DD) nor an RFC 3339 time"))
    }

    /// The instant it starts: a day starts at midnight UTC.
    pub fn starts(&self) -> OffsetDateTime {
        match self {
            Self::Day(d) => d.with_time(Time::MIDNIGHT).assume_utc(),
            Self::Instant(t) => *t,
        }
    }
}

const DAY_FORMAT: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

impl fmt::Display for ShippingDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Self::Day(d) => d.format(DAY_FORMAT),
            Self::Instant(t) => t.format(&Rfc3339),
        };
        f.write_str(&text.map_err(|_| fmt::Error)?)
    }
}

impl Serialize for ShippingDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ShippingDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Cart {
    pub cart_id: String,
    pub total_value: Money,
    pub total_discount: Option<Money>,
    /// The currency the cart was sent in; the session's purchase currency once stored.
    pub currency: Option<CurrencyCode>,
    pub shipping_date: Option<ShippingDate>,
    pub pre_order: Option<bool>,
    pub voucher: Option<String>,
    pub vouchers: Vec<String>,
    pub attributes: Vec<String>,
    pub items: Vec<CartItem>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CartItem {
    pub sku: String,
    pub name: Option<String>,
    pub attributes: Vec<String>,
    pub out_of_stock: Option<bool>,
    pub dimensions: Option<Dimensions>,
    pub quantity: i32,
    /// Per item.
    pub weight: Option<Grams>,
    pub discount: Option<Money>,
    pub price: Option<Money>,
    pub image_url: Option<String>,
    /// The merchant's site or warehouse the item ships from (split shipments).
    pub site_external_id: Option<String>,
    /// When this item can leave the warehouse, if later than the cart's shipping date.
    pub shipping_date: Option<ShippingDate>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    pub address: Option<NamedAddress>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// An address with the person or company it reaches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NamedAddress {
    pub name: Option<String>,
    pub care_of: Option<String>,
    pub attn: Option<String>,
    pub door_code: Option<String>,
    pub address: Address,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AdditionalInfo {
    pub courier_instructions: Option<String>,
    pub door_code: Option<String>,
    pub customer_number: Option<String>,
}

/// A pickup location the customer found by search and added to the session's offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomLocation {
    /// The carrier product (shipping method) whose options gain the location.
    pub shipping_method: String,
    /// The location's external id.
    pub location_ref: String,
    #[serde(with = "time::serde::rfc3339")]
    pub added_at: OffsetDateTime,
    /// The location as a rate provider's search found it; `None` for one of the merchant's
    /// own, which is looked up by `location_ref` in the current configuration.
    #[serde(default)]
    pub location: Option<crate::PickupLocation>,
}

/// Which amount of a cart does not fit in the range arithmetic is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CartOverflow {
    /// `items[i]`'s price times its quantity.
    ItemValue(usize),
    /// `items[i]`'s weight times its quantity.
    ItemWeight(usize),
    /// The items' value together.
    TotalValue,
    /// The items' weight together.
    TotalWeight,
}

/// Cart items that ship together: from one site, on one date.
#[derive(Debug, Clone)]
pub struct CartGroup<'a> {
    /// Stays the same while the group's site and shipping date do, so a choice made for the
    /// group survives cart updates.
    pub id: String,
    pub site: Option<&'a str>,
    pub ships: Option<OffsetDateTime>,
    pub items: Vec<&'a CartItem>,
}

impl CartItem {
    /// When this item may ship: its own date, else the cart's.
    fn ships(&self, cart: &Cart) -> Option<OffsetDateTime> {
        self.shipping_date
            .or(cart.shipping_date)
            .map(|d| d.starts())
    }

    fn line_item(&self) -> LineItem {
        LineItem {
            sku: self.sku.clone(),
            title: self.name.clone().unwrap_or_else(|| self.sku.clone()),
            quantity: self.quantity,
            weight: self.weight,
            dimensions: self.dimensions,
            discount: self.discount,
            price: self.price.unwrap_or(Money::ZERO),
            image_uri: self.image_url.clone(),
            attributes: self.attributes.clone(),
        }
    }
}

impl Cart {
    /// The purchase this cart describes.
    pub fn purchase(
        &self,
        country_code: CountryCode,
        currency_code: CurrencyCode,
        locales: Vec<Locale>,
    ) -> Purchase {
        Purchase {
            country_code,
            currency_code,
            total_discount: self.total_discount,
            total_value: Some(self.total_value),
            vouchers: self
                .voucher
                .iter()
                .chain(&self.vouchers)
                .filter(|v| !v.trim().is_empty())
                .cloned()
                .collect(),
            locales,
        }
    }

    /// Why the cart cannot be bought in `purchase` currency, when it was sent in another.
    pub fn currency_mismatch(&self, purchase: &CurrencyCode) -> Option<String> {
        self.currency
            .as_ref()
            .filter(|sent| *sent != purchase)
            .map(|sent| format!("`{sent}` differs from the purchase currency `{purchase}`"))
    }

    /// The first amount that does not fit, if any: each item's value and weight, then the
    /// totals.
    pub fn overflow(&self) -> Option<CartOverflow> {
        let mut values = Vec::with_capacity(self.items.len());
        let mut weights = Vec::with_capacity(self.items.len());
        for (i, item) in self.items.iter().enumerate() {
            let quantity = i64::from(item.quantity);
            values.push(
                item.price
                    .unwrap_or(Money::ZERO)
                    .checked_mul(quantity)
                    .ok_or(CartOverflow::ItemValue(i)),
            );
            weights.push(
                item.weight
                    .unwrap_or(Grams::ZERO)
                    .checked_mul(quantity)
                    .ok_or(CartOverflow::ItemWeight(i)),
            );
        }
        let values: Result<Vec<Money>, _> = values.into_iter().collect();
        let weights: Result<Vec<Grams>, _> = weights.into_iter().collect();
        match (values, weights) {
            (Err(e), _) | (_, Err(e)) => Some(e),
            (Ok(values), Ok(weights)) => {
                if Money::checked_sum(values).is_none() {
                    Some(CartOverflow::TotalValue)
                } else if Grams::checked_sum(weights).is_none() {
                    Some(CartOverflow::TotalWeight)
                } else {
                    None
                }
            }
        }
    }

    /// The items by (site, shipping date), groups in the order their first item appears.
    pub fn groups(&self) -> Vec<CartGroup<'_>> {
        let mut groups: Vec<CartGroup<'_>> = Vec::new();
        for item in &self.items {
            let site = item.site_external_id.as_deref();
            let ships = item.ships(self);
            match groups
                .iter_mut()
                .find(|g| g.site == site && g.ships == ships)
            {
                Some(group) => group.items.push(item),
                None => groups.push(CartGroup {
                    id: group_id(site, ships),
                    site,
                    ships,
                    items: vec![item],
                }),
            }
        }
        groups
    }

    /// The deliveries this cart ships as, each going to `recipient`. A single delivery is
    /// called `single_id`.
    pub fn deliveries(
        &self,
        split: CartSplit,
        recipient: &Contact,
        single_id: &str,
    ) -> Vec<DeliveryDraft> {
        match split {
            CartSplit::Single => vec![DeliveryDraft {
                id: single_id.to_owned(),
                line_items: self.items.iter().map(CartItem::line_item).collect(),
                fulfillments: self.fulfillments(&self.items.iter().collect::<Vec<_>>()),
                recipient_contact: recipient.clone(),
                attributes: self.attributes.clone(),
            }],
            CartSplit::BySiteAndDate => self
                .groups()
                .into_iter()
                .map(|g| DeliveryDraft {
                    line_items: g.items.iter().map(|i| i.line_item()).collect(),
                    fulfillments: self.fulfillments(&g.items),
                    recipient_contact: recipient.clone(),
                    attributes: self
                        .attributes
                        .iter()
                        .cloned()
                        // The engine ships from the named site when it is one of the merchant's
                        // warehouses and ignores the attribute otherwise.
                        .chain(g.site.map(|s| format!("{WAREHOUSE_ATTRIBUTE_PREFIX}{s}")))
                        .collect(),
                    id: g.id,
                })
                .collect(),
        }
    }

    /// When some items are ready: the latest of the cart's and the items' shipping dates.
    fn fulfillments(&self, items: &[&CartItem]) -> Vec<Fulfillment> {
        self.shipping_date
            .iter()
            .chain(items.iter().filter_map(|i| i.shipping_date.as_ref()))
            .map(ShippingDate::starts)
            .max()
            .map(|t| Fulfillment {
                ready_earliest: t,
                ready_latest: None,
            })
            .into_iter()
            .collect()
    }
}

/// A group id from its site and date: FNV-1a, stable across releases and platforms.
fn group_id(site: Option<&str>, ships: Option<OffsetDateTime>) -> String {
    let mut bytes = site.unwrap_or_default().as_bytes().to_vec();
    bytes.push(0);
    if let Some(t) = ships {
        bytes.extend_from_slice(&t.unix_timestamp().to_be_bytes());
    }
    format!("dg-{:016x}", stable_hash(&bytes))
}

/// Whom a delivery goes to when the customer is `customer`: their address, email and phone
/// where they gave them, else what the delivery had (`previous`), else only the purchase
/// country.
pub fn recipient(
    customer: Option<&Customer>,
    country: &CountryCode,
    previous: Option<&Contact>,
) -> Contact {
    let address = customer.and_then(|c| c.address.as_ref());
    let base = previous.cloned().unwrap_or_else(|| Contact {
        address: Address::in_country(country.clone()),
        email: None,
        phone_number: None,
    });
    let Some(customer) = customer else {
        return base;
    };
    Contact {
        address: address.map_or(base.address, |a| a.address.clone()),
        email: customer.email.clone().or(base.email),
        phone_number: match &customer.phone {
            Some(number) => Some(PhoneNumber {
                country_code: address
                    .map(|a| a.address.country_code.clone())
                    .unwrap_or_else(|| country.clone()),
                number: number.clone(),
                extension: None,
            }),
            None => base.phone_number,
        },
    }
}

impl Session {
    /// The cart this session holds: the one last sent, else one rebuilt from its goods (when
    /// another surface set them).
    pub fn current_cart(&self) -> Cart {
        if let Some(cart) = &self.checkout.cart {
            return cart.clone();
        }
        let lines: Vec<&LineItem> = self.deliveries.iter().flat_map(|d| &d.line_items).collect();
        Cart {
            cart_id: self.external_id.clone().unwrap_or_default(),
            total_value: self.purchase.total_value.unwrap_or_else(|| {
                // Stored goods were checked to fit when they were written.
                Money::checked_sum(lines.iter().filter_map(|l| l.value())).unwrap_or(Money::ZERO)
            }),
            total_discount: self.purchase.total_discount,
            currency: Some(self.purchase.currency_code.clone()),
            vouchers: self.purchase.vouchers.clone(),
            items: lines
                .into_iter()
                .map(|l| CartItem {
                    sku: l.sku.clone(),
                    name: Some(l.title.clone()),
                    attributes: l.attributes.clone(),
                    dimensions: l.dimensions,
                    quantity: l.quantity,
                    weight: l.weight,
                    discount: l.discount,
                    price: Some(l.price),
                    image_url: l.image_uri.clone(),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(sku: &str, site: Option<&str>, date: Option<&str>) -> CartItem {
        CartItem {
            sku: sku.into(),
            quantity: 1,
            site_external_id: site.map(Into::into),
            shipping_date: date.map(|d| ShippingDate::parse(d).unwrap()),
            ..Default::default()
        }
    }

    fn cart(shipping_date: Option<&str>, items: Vec<CartItem>) -> Cart {
        Cart {
            cart_id: "c".into(),
            shipping_date: shipping_date.map(|d| ShippingDate::parse(d).unwrap()),
            items,
            ..Default::default()
        }
    }

    fn skus<'a>(groups: &[CartGroup<'a>]) -> Vec<Vec<&'a str>> {
        groups
            .iter()
            .map(|g| g.items.iter().map(|i| i.sku.as_str()).collect())
            .collect()
    }

    fn country() -> CountryCode {
        "SE".parse().unwrap()
    }

    #[test]
    fn items_group_by_site_and_effective_shipping_date_in_cart_order() {
        let c = cart(
            Some("2030-01-15"),
            vec![
                item("a", Some("s1"), None),
                item("b", Some("s2"), None),
                // The same instant as the cart's date, spelled differently.
                item("c", Some("s1"), Some("2030-01-15T00:00:00Z")),
                item("d", Some("s1"), Some("2030-02-01")),
            ],
        );
        let g = c.groups();
        assert_eq!(skus(&g), [vec!["a", "c"], vec!["b"], vec!["d"]]);
        assert_eq!(g[0].site, Some("s1"));
    }

    #[test]
    fn nothing_differing_is_one_group() {
        let c = cart(None, vec![item("a", None, None), item("b", None, None)]);
        assert_eq!(skus(&c.groups()), [vec!["a", "b"]]);
    }

    #[test]
    fn a_group_keeps_its_id_while_its_site_and_date_stay() {
        let before = cart(None, vec![item("a", Some("s1"), None)]);
        let after = cart(
            None,
            vec![item("x", None, None), item("b", Some("s1"), None)],
        );
        assert_eq!(before.groups()[0].id, after.groups()[1].id);
        assert_ne!(after.groups()[0].id, after.groups()[1].id);
        let later = cart(None, vec![item("a", Some("s1"), Some("2030-01-15"))]);
        assert_ne!(before.groups()[0].id, later.groups()[0].id);
        assert!(before.groups()[0].id.starts_with("dg-"));
    }

    #[test]
    fn a_site_becomes_the_warehouse_attribute_and_a_date_the_fulfillment() {
        let mut c = cart(None, vec![item("a", Some("gbg-west"), Some("2030-01-15"))]);
        c.attributes = vec!["garden".into()];
        let to = recipient(None, &country(), None);
        let d = c.deliveries(CartSplit::BySiteAndDate, &to, SINGLE_DELIVERY_ID);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].attributes, ["garden", "warehouse:gbg-west"]);
        assert_eq!(
            d[0].fulfillments[0].ready_earliest,
            time::macros::datetime!(2030-01-15 00:00 UTC)
        );
        assert_eq!(d[0].recipient_contact.address.country_code, country());
        let single = c.deliveries(CartSplit::Single, &to, "main");
        assert_eq!(single.len(), 1);
        assert_eq!(single[0].id, "main");
        assert_eq!(single[0].attributes, ["garden"]);
    }

    #[test]
    fn amounts_that_do_not_fit_are_named() {
        let mut c = cart(None, vec![item("a", None, None), item("b", None, None)]);
        assert_eq!(c.overflow(), None);
        c.items[1].price = Some(Money::from_minor(9_223_372_036_854_775_000));
        c.items[1].quantity = 3;
        assert_eq!(c.overflow(), Some(CartOverflow::ItemValue(1)));
        c.items[1].quantity = 1;
        c.items[0].price = Some(Money::from_minor(9_223_372_036_854_775_000));
        assert_eq!(c.overflow(), Some(CartOverflow::TotalValue));
        c.items[0].price = None;
        c.items[0].weight = Some(Grams::new(i64::MAX));
        c.items[0].quantity = 2;
        assert_eq!(c.overflow(), Some(CartOverflow::ItemWeight(0)));
    }

    #[test]
    fn the_recipient_follows_the_customer_where_they_said_something() {
        let home = Address {
            postal_code: Some("11820".into()),
            ..Address::in_country(country())
        };
        let previous = Contact {
            address: home.clone(),
            email: Some("old@example.com".into()),
            phone_number: None,
        };
        let without_address = Customer {
            address: None,
            email: Some("new@example.com".into()),
            phone: None,
        };
        let kept = recipient(Some(&without_address), &country(), Some(&previous));
        assert_eq!(kept.address, home, "no address given: the old one stays");
        assert_eq!(kept.email.as_deref(), Some("new@example.com"));
        let moved = Customer {
            address: Some(NamedAddress {
                name: Some("Kim".into()),
                care_of: None,
                attn: None,
                door_code: None,
                address: Address {
                    postal_code: Some("41304".into()),
                    ..Address::in_country(country())
                },
            }),
            email: None,
            phone: Some("0701234567".into()),
        };
        let to = recipient(Some(&moved), &country(), Some(&previous));
        assert_eq!(to.address.postal_code.as_deref(), Some("41304"));
        assert_eq!(to.email.as_deref(), Some("old@example.com"));
        assert_eq!(to.phone_number.unwrap().number, "0701234567");
        assert_eq!(
            recipient(None, &country(), None).address,
            Address::in_country(country())
        );
    }

    #[test]
    fn snippet_ids_are_html_ids_and_javascript_identifiers() {
        assert!(SnippetConfiguration::new("shop-selector-2", "_sw2").is_ok());
        assert_eq!(
            SnippetConfiguration::new("2bad", "_sw").unwrap_err().0,
            "container_id"
        );
        assert_eq!(
            SnippetConfiguration::new("ok", "no-dash").unwrap_err().0,
            "object_id"
        );
        assert_eq!(
            SnippetConfiguration::new("x\"><script>", "_sw")
                .unwrap_err()
                .0,
            "container_id"
        );
        assert_eq!(SnippetConfiguration::default().object_id, "_sw");
    }

    #[test]
    fn shipping_dates_read_back_as_written() {
        for text in [
            "2030-01-15",
            "2030-01-15T09:30:00+01:00",
            "2030-01-15T00:00:00Z",
        ] {
            assert_eq!(ShippingDate::parse(text).unwrap().to_string(), text);
        }
        assert!(ShippingDate::parse("15/01/2030").is_err());
    }
}
