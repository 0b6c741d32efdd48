//! Translation between the shared legacy wire objects and the domain, in both directions, with
//! input validation that names every bad field by its path.

use base64::Engine as _;
use sha2::{Digest, Sha256};
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime, Time};

use domain::{
    self, AdditionalInfo as DomainInfo, CountryCode, DeliveryCategory, DeliveryOption,
    DeliveryType, LocationType, PriceComponentKind, Session, SessionState, Violations,
};

use super::model as wire;

// ---- wire to domain ----

/// Parses an ISO country code, recording a violation at `at` when it is missing or wrong.
pub fn country(text: Option<&str>, at: &str, v: &mut Violations) -> Option<CountryCode> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => {
            v.push(at, "is required");
            None
        }
        Some(t) => t.parse().map_err(|e| v.push(at, e)).ok(),
    }
}

/// The longest merchant reference (`external_id`) a session keeps, as on the headless API.
pub const MAX_EXTERNAL_ID: usize = 256;

/// A merchant reference as sent: trimmed, `None` when empty, at most [`MAX_EXTERNAL_ID`] bytes.
pub fn external_id(text: &str, at: &str, v: &mut Violations) -> Option<String> {
    let text = text.trim();
    if text.len() > MAX_EXTERNAL_ID {
        v.push(at, format!("must be at most {MAX_EXTERNAL_ID} characters"));
    }
    (!text.is_empty()).then(|| text.to_owned())
}

/// Parses a required ISO 4217 currency code, recording a violation at `at`.
pub fn currency(text: &str, at: &str, v: &mut Violations) -> Option<domain::CurrencyCode> {
    let text = text.trim();
    if text.is_empty() {
        v.push(at, "is required");
        return None;
    }
    text.parse().map_err(|e| v.push(at, e)).ok()
}

/// The customer of a request: `customer`, else the deprecated `customer_info`, each validated
/// under its own name.
pub fn customer_or_info(
    given: Option<wire::Customer>,
    customer_info: Option<wire::Customer>,
    v: &mut Violations,
) -> Option<domain::Customer> {
    match (given, customer_info) {
        (Some(c), _) => Some(customer(c, "customer", v)),
        (None, Some(c)) => Some(customer(c, "customer_info", v)),
        (None, None) => None,
    }
}

/// The preferred locales: `locales` when given, else the deprecated single `locale`.
pub fn locales(
    locale: Option<&str>,
    locales: &[String],
    at_locale: &str,
    at_locales: &str,
    v: &mut Violations,
) -> Vec<domain::Locale> {
    if locales.is_empty() {
        return locale
            .filter(|l| !l.trim().is_empty())
            .and_then(|l| l.parse().map_err(|e| v.push(at_locale, e)).ok())
            .into_iter()
            .collect();
    }
    locales
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            l.parse()
                .map_err(|e| v.push(format!("{at_locales}[{i}]"), e))
                .ok()
        })
        .collect()
}

fn coordinates(
    c: Option<wire::Coordinates>,
    at: &str,
    v: &mut Violations,
) -> Option<domain::Coordinates> {
    let c = c?;
    match (c.lat, c.lng) {
        // `{}` is how these surfaces say "not located"; it carries nothing.
        (None, None) => None,
        (Some(lat), Some(lng)) => {
            if !(-90.0..=90.0).contains(&lat) {
                v.push(format!("{at}.lat"), "must be within -90 and 90");
            }
            if !(-180.0..=180.0).contains(&lng) {
                v.push(format!("{at}.lng"), "must be within -180 and 180");
            }
            Some(domain::Coordinates { lat, lng })
        }
        (None, Some(_)) => {
            v.push(format!("{at}.lat"), "is required with `lng`");
            None
        }
        (Some(_), None) => {
            v.push(format!("{at}.lng"), "is required with `lat`");
            None
        }
    }
}

fn non_blank(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

/// An address with its recipient; the country is required.
pub fn named_address(
    a: wire::Address,
    at: &str,
    v: &mut Violations,
) -> Option<domain::NamedAddress> {
    let country = country(a.country.as_deref(), &format!("{at}.country"), v);
    let coordinates = coordinates(a.coordinates, &format!("{at}.coordinates"), v);
    Some(domain::NamedAddress {
        name: non_blank(a.name),
        care_of: non_blank(a.care_of),
        attn: non_blank(a.attn),
        door_code: non_blank(a.door_code),
        address: domain::Address {
            country_code: country?,
            region_code: non_blank(a.region),
            postal_code: non_blank(a.postal_code),
            city: non_blank(a.city),
            address_lines: a
                .address_lines
                .into_iter()
                .filter(|l| !l.trim().is_empty())
                .collect(),
            coordinates,
            street: None,
            street_number: None,
        },
    })
}

/// A search address: a country and, to get real options, a postal code, a street or coordinates.
pub fn search_address(a: wire::Address, at: &str, v: &mut Violations) -> Option<domain::Address> {
    named_address(a, at, v).map(|n| n.address)
}

pub fn customer(c: wire::Customer, at: &str, v: &mut Violations) -> domain::Customer {
    domain::Customer {
        address: c
            .address
            .and_then(|a| named_address(a, &format!("{at}.address"), v)),
        email: non_blank(c.email),
        phone: non_blank(c.phone),
    }
}

pub fn additional_info(a: wire::AdditionalInfo) -> DomainInfo {
    DomainInfo {
        courier_instructions: non_blank(a.courier_instructions),
        door_code: non_blank(a.door_code),
        customer_number: non_blank(a.customer_number),
    }
}

fn non_negative(amount: Option<i64>, at: &str, v: &mut Violations) -> Option<i64> {
    if matches!(amount, Some(n) if n < 0) {
        v.push(at, "must not be negative");
    }
    amount
}

/// Checks a `YYYY-MM-DD` date or an RFC 3339 time and returns when it starts.
pub fn shipping_date(text: &str, at: &str, v: &mut Violations) -> Option<OffsetDateTime> {
    let text = text.trim();
    if let Ok(t) = OffsetDateTime::parse(text, &Rfc3339) {
        return Some(t);
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    match Date::parse(text, &format) {
        Ok(d) => Some(d.with_time(Time::MIDNIGHT).assume_utc()),
        Err(_) => {
            v.push(
                at,
                format!("`{text}` is neither a date (YYYY-MM-DD) nor an RFC 3339 time"),
            );
            None
        }
    }
}

/// Validates a cart against the purchase currency.
pub fn cart(c: wire::Cart, currency: &str, at: &str, v: &mut Violations) -> domain::Cart {
    if c.cart_id.trim().is_empty() {
        v.push(format!("{at}.cart_id"), "is required");
    }
    non_negative(Some(c.total_value), &format!("{at}.total_value"), v);
    non_negative(c.total_discount, &format!("{at}.total_discount"), v);
    if let Some(cur) = c.currency.as_ref().filter(|_| !currency.is_empty()) {
        if !cur.trim().eq_ignore_ascii_case(currency) {
            v.push(
                format!("{at}.currency"),
                format!("`{cur}` differs from the purchase currency `{currency}`"),
            );
        }
    }
    if let Some(d) = &c.shipping_date {
        shipping_date(d, &format!("{at}.shipping_date"), v);
    }
    if c.items.is_empty() {
        v.push(format!("{at}.items"), "at least one item is required");
    }
    let items = c
        .items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let at = format!("{at}.items[{i}]");
            if item.sku.trim().is_empty() {
                v.push(format!("{at}.sku"), "is required");
            }
            let quantity = item.quantity.unwrap_or(1);
            if quantity < 1 {
                v.push(format!("{at}.quantity"), "must be at least 1");
            }
            non_negative(item.price, &format!("{at}.price"), v);
            non_negative(item.weight, &format!("{at}.weight"), v);
            non_negative(item.discount, &format!("{at}.discount"), v);
            if let Some(d) = &item.dimensions {
                for (name, side) in [
                    ("height", d.height),
                    ("length", d.length),
                    ("width", d.width),
                ] {
                    non_negative(Some(side), &format!("{at}.dimensions.{name}"), v);
                }
            }
            if let Some(d) = &item.shipping_date {
                shipping_date(d, &format!("{at}.shipping_date"), v);
            }
            domain::CartItem {
                sku: item.sku,
                name: non_blank(item.name),
                attributes: item.attributes,
                out_of_stock: item.out_of_stock,
                dimensions: item.dimensions.map(|d| domain::Dimensions {
                    height: d.height,
                    length: d.length,
                    width: d.width,
                }),
                quantity,
                weight: item.weight,
                discount: item.discount,
                price: item.price,
                image_url: non_blank(item.image_url),
                site_external_id: non_blank(item.site_external_id),
                shipping_date: non_blank(item.shipping_date),
            }
        })
        .collect();
    domain::Cart {
        cart_id: c.cart_id,
        total_value: c.total_value,
        total_discount: c.total_discount,
        currency: currency.to_owned(),
        shipping_date: non_blank(c.shipping_date),
        pre_order: c.pre_order,
        voucher: non_blank(c.voucher),
        vouchers: c.vouchers,
        attributes: c.attributes,
        items,
    }
}

/// The purchase a cart describes.
pub fn purchase(
    country_code: CountryCode,
    currency_code: domain::CurrencyCode,
    locales: Vec<domain::Locale>,
    cart: &domain::Cart,
) -> domain::Purchase {
    domain::Purchase {
        country_code,
        currency_code,
        total_discount: cart.total_discount,
        total_value: Some(cart.total_value),
        vouchers: cart
            .voucher
            .iter()
            .chain(&cart.vouchers)
            .filter(|v| !v.trim().is_empty())
            .cloned()
            .collect(),
        locales,
    }
}

/// The goods of some of a cart's items, as the engine quotes them.
pub fn line_items<'a>(
    items: impl IntoIterator<Item = &'a domain::CartItem>,
) -> Vec<domain::LineItem> {
    items
        .into_iter()
        .map(|i| domain::LineItem {
            sku: i.sku.clone(),
            title: i.name.clone().unwrap_or_else(|| i.sku.clone()),
            quantity: i.quantity,
            weight: i.weight,
            dimensions: i.dimensions,
            discount: i.discount,
            price: i.price.unwrap_or(0),
            image_uri: i.image_url.clone(),
            attributes: i.attributes.clone(),
        })
        .collect()
}

/// When the goods are ready: the latest of the cart's and the items' shipping dates.
pub fn fulfillments<'a>(
    cart: &domain::Cart,
    items: impl IntoIterator<Item = &'a domain::CartItem>,
) -> Vec<domain::Fulfillment> {
    let mut scratch = Violations::new();
    let ready = cart
        .shipping_date
        .iter()
        .chain(items.into_iter().filter_map(|i| i.shipping_date.as_ref()))
        .filter_map(|d| shipping_date(d, "", &mut scratch))
        .max();
    ready
        .map(|t| domain::Fulfillment {
            ready_earliest: t,
            ready_latest: None,
        })
        .into_iter()
        .collect()
}

/// Whom a delivery goes to: the customer when known, else only the purchase country.
pub fn recipient(customer: Option<&domain::Customer>, country: &CountryCode) -> domain::Contact {
    let address = customer.and_then(|c| c.address.as_ref());
    domain::Contact {
        address: address
            .map(|a| a.address.clone())
            .unwrap_or(domain::Address {
                country_code: country.clone(),
                region_code: None,
                postal_code: None,
                city: None,
                address_lines: Vec::new(),
                coordinates: None,
                street: None,
                street_number: None,
            }),
        email: customer.and_then(|c| c.email.clone()),
        phone_number: customer
            .and_then(|c| c.phone.clone())
            .map(|number| domain::PhoneNumber {
                country_code: address
                    .map(|a| a.address.country_code.clone())
                    .unwrap_or_else(|| country.clone()),
                number,
                extension: None,
            }),
    }
}

// ---- domain to wire ----

/// RFC 3339 in whole seconds, in the offset the time was computed in (the warehouse's for
/// promises), as these surfaces always showed it.
pub fn rfc3339(t: OffsetDateTime) -> String {
    t.replace_nanosecond(0)
        .unwrap_or(t)
        .format(&Rfc3339)
        .unwrap_or_default()
}

pub fn status(state: SessionState) -> &'static str {
    match state {
        SessionState::Active => "ACTIVE",
        SessionState::Completed => "COMPLETE",
    }
}

pub fn delivery_type(t: DeliveryType) -> &'static str {
    match t {
        DeliveryType::Delivery => "delivery",
        DeliveryType::Pickup => "pickup",
        DeliveryType::Mailbox => "mailbox",
        DeliveryType::Instore => "instore",
    }
}

pub fn coordinates_to_wire(c: Option<domain::Coordinates>) -> Option<wire::Coordinates> {
    c.map(|c| wire::Coordinates {
        lat: Some(c.lat),
        lng: Some(c.lng),
    })
}

pub fn address_to_wire(a: &domain::Address, name: Option<&str>) -> wire::Address {
    wire::Address {
        name: name.map(str::to_owned),
        care_of: None,
        attn: None,
        address_lines: a.address_lines.clone(),
        city: a.city.clone(),
        region: a.region_code.clone(),
        postal_code: a.postal_code.clone(),
        country: Some(a.country_code.as_str().to_owned()),
        coordinates: coordinates_to_wire(a.coordinates),
        door_code: None,
    }
}

pub fn named_address_to_wire(a: &domain::NamedAddress) -> wire::Address {
    wire::Address {
        care_of: a.care_of.clone(),
        attn: a.attn.clone(),
        door_code: a.door_code.clone(),
        ..address_to_wire(&a.address, a.name.as_deref())
    }
}

/// The search address as sent, placed where the engine located it.
pub fn search_address_to_wire(session: &Session) -> Option<wire::Address> {
    session.search_address.as_ref().map(|a| wire::Address {
        coordinates: coordinates_to_wire(a.coordinates.or(session.search_coordinates)),
        ..address_to_wire(a, None)
    })
}

pub fn customer_to_wire(c: &domain::Customer) -> wire::Customer {
    wire::Customer {
        address: c.address.as_ref().map(named_address_to_wire),
        phone: c.phone.clone(),
        email: c.email.clone(),
    }
}

pub fn additional_info_to_wire(a: &DomainInfo) -> wire::AdditionalInfo {
    wire::AdditionalInfo {
        courier_instructions: a.courier_instructions.clone(),
        door_code: a.door_code.clone(),
        customer_number: a.customer_number.clone(),
    }
}

/// The cart as last sent; for a session whose goods another surface set, rebuilt from them.
pub fn cart_to_wire(session: &Session) -> wire::Cart {
    let cart = current_cart(session);
    wire::Cart {
        total_value: cart.total_value,
        total_discount: cart.total_discount,
        currency: Some(cart.currency),
        shipping_date: cart.shipping_date,
        items: cart.items.iter().map(cart_item_to_wire).collect(),
        pre_order: cart.pre_order,
        voucher: cart.voucher,
        cart_id: cart.cart_id,
        attributes: cart.attributes,
        vouchers: cart.vouchers,
    }
}

fn dimensions_to_wire(d: domain::Dimensions) -> wire::Dimensions {
    wire::Dimensions {
        height: d.height,
        length: d.length,
        width: d.width,
    }
}

pub fn cart_item_to_wire(i: &domain::CartItem) -> wire::CartItem {
    wire::CartItem {
        sku: i.sku.clone(),
        name: i.name.clone(),
        attributes: i.attributes.clone(),
        out_of_stock: i.out_of_stock,
        dimensions: i.dimensions.map(dimensions_to_wire),
        quantity: Some(i.quantity),
        weight: i.weight,
        discount: i.discount,
        price: i.price,
        image_url: i.image_url.clone(),
        site_external_id: i.site_external_id.clone(),
        shipping_date: i.shipping_date.clone(),
    }
}

pub fn location_type(t: LocationType) -> &'static str {
    match t {
        LocationType::ServicePoint => "SERVICE_POINT",
        LocationType::Locker => "LOCKER",
        LocationType::PostOffice => "POSTOFFICE",
        LocationType::Store => "STORE",
    }
}

pub fn location_to_wire(l: &domain::PickupLocation) -> wire::PickupLocation {
    let hours = l.operational_hours.as_ref().map(|h| {
        let day = |d: &[String]| (!d.is_empty()).then(|| d.join(", "));
        wire::OperationalHours {
            mon: day(&h.monday),
            tue: day(&h.tuesday),
            wed: day(&h.wednesday),
            thu: day(&h.thursday),
            fri: day(&h.friday),
            sat: day(&h.saturday),
            sun: day(&h.sunday),
            free_text: h.free_text.clone(),
        }
    });
    let spec = |d: Option<domain::Distance>| {
        d.map(|d| wire::DistanceSpec {
            value: d.meters,
            duration: d.minutes,
        })
    };
    wire::PickupLocation {
        external_id: l.external_id.clone(),
        name: l.title.clone(),
        address: l
            .visiting_contact
            .as_ref()
            .map(|c| address_to_wire(&c.address, Some(&l.title)))
            .unwrap_or_default(),
        distance: l.distances.map(|d| wire::Distance {
            walking: spec(d.walking),
            driving: spec(d.driving),
        }),
        operational_hours: hours,
        meta: Default::default(),
        location_type: l.location_type.map(|t| location_type(t).to_owned()),
        carrier_order: None,
    }
}

/// The window an option promises: its absolute ETD, else its promise.
fn window(o: &DeliveryOption) -> (Option<OffsetDateTime>, Option<OffsetDateTime>) {
    match (&o.etd.absolute, &o.promise) {
        (Some(a), _) => (a.earliest_time, a.latest_time),
        (None, Some(p)) => (Some(p.customer_earliest_time), Some(p.customer_latest_time)),
        (None, None) => (None, None),
    }
}

/// A short id that stays the same while the option promises the same window.
pub fn time_slot_id(o: &DeliveryOption) -> String {
    let (start, end) = window(o);
    let mut hash = Sha256::new();
    hash.update(o.id.as_bytes());
    for t in [start, end].into_iter().flatten() {
        hash.update(t.unix_timestamp().to_be_bytes());
    }
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&hash.finalize()[..16])
}

pub fn time_slot(o: &DeliveryOption) -> wire::TimeSlot {
    let (start, end) = window(o);
    wire::TimeSlot {
        id: time_slot_id(o),
        expires: o.expire_time.map(rfc3339),
        start: start.map(rfc3339),
        end: end.map(rfc3339),
    }
}

/// The price of an option with the category's chosen addons, and what it is made of.
pub fn pricing(
    category: &DeliveryCategory,
    o: &DeliveryOption,
    currency: &str,
    with_components: bool,
) -> wire::ResultPricing {
    let addons: Vec<&domain::Addon> = category
        .addons
        .iter()
        .filter(|a| a.chosen && o.supports_addon(&a.id))
        .collect();
    let components = with_components.then(|| {
        o.price_components
            .iter()
            .map(|c| wire::PriceComponent {
                kind: match c.kind {
                    PriceComponentKind::Shipping => {
                        wire::PriceComponentType::PriceComponentTypeShipping
                    }
                    PriceComponentKind::Addon => wire::PriceComponentType::PriceComponentTypeAddon,
                    PriceComponentKind::Discount => {
                        wire::PriceComponentType::PriceComponentTypeDiscount
                    }
                },
                value: c.amount,
            })
            .chain(addons.iter().map(|a| wire::PriceComponent {
                kind: wire::PriceComponentType::PriceComponentTypeAddon,
                value: a.price,
            }))
            .collect()
    });
    wire::ResultPricing {
        currency: currency.to_owned(),
        price: o.price + addons.iter().map(|a| a.price).sum::<i64>(),
        price_components: components,
    }
}

/// The three promises of an option with a located address; placeholders have none.
pub fn delivery_time(o: &DeliveryOption) -> Option<wire::DeliveryTime> {
    let p = o.promise?;
    let window = |earliest: OffsetDateTime, latest: OffsetDateTime| wire::TimeWindow {
        earliest: rfc3339(earliest),
        latest: rfc3339(latest),
    };
    Some(wire::DeliveryTime {
        pickup_from_merchant: window(p.merchant_pickup_time, p.merchant_pickup_time),
        customer_delivery_promise: window(p.customer_earliest_time, p.customer_latest_time),
        carrier_delivery_promise: window(p.customer_earliest_time, p.customer_latest_time),
    })
}

pub fn result_category(c: &DeliveryCategory, presented: bool) -> wire::ResultCategory {
    wire::ResultCategory {
        id: c.id.clone(),
        name: c.display_name.clone(),
        external_id: c.external_id.clone(),
        presented_category_name: presented.then(|| c.display_name.clone()),
    }
}

pub fn supports(c: &DeliveryCategory) -> wire::Supports {
    let home = c.delivery_type == DeliveryType::Delivery;
    let at_location = matches!(
        c.delivery_type,
        DeliveryType::Pickup | DeliveryType::Instore
    );
    wire::Supports {
        search: at_location.then_some(true),
        door_code: home.then_some(true),
        courier_instructions: home.then_some(true),
        customer_number: None,
    }
}

pub fn warehouse(c: &DeliveryCategory) -> Option<wire::Warehouse> {
    c.warehouse.as_ref().map(|w| wire::Warehouse {
        address: address_to_wire(&w.address, Some(&w.id)),
    })
}

/// What a delivery ships with now: the customer's choice, else the preselected option.
pub fn selected(
    d: &domain::Delivery,
) -> Option<(&DeliveryCategory, &DeliveryOption, wire::Selection)> {
    if let Some(choice) = d.choice.as_ref().filter(|_| !d.completed_with_preselection) {
        if let Some((c, o)) = d.find_option(&choice.option_id) {
            return Some((c, o, wire::Selection::UserChoice));
        }
    }
    let id = d.effective_option_id()?;
    d.find_option(&id)
        .map(|(c, o)| (c, o, wire::Selection::PreselectedChoice))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The fragment a checkout page embeds: a container for the shipping selector and the script
/// that loads it for this session, authenticated by the session token.
pub fn html_snippet(session: &Session) -> String {
    html_snippet_with_id(session, &session.id.to_string())
}

/// `html_snippet`, naming the session as the calling surface shows it (Delivery Checkout's
/// `VM2-...`), so the page and the API responses agree on the id.
pub fn html_snippet_with_id(session: &Session, shown_id: &str) -> String {
    let id = escape(shown_id);
    format!(
        "<div id=\"checkout-widget-{id}\" class=\"checkout-widget\" data-session-id=\"{id}\"></div>\
         <script src=\"/v1/widget/loader.js\" data-container=\"checkout-widget-{id}\" \
         data-session-id=\"{id}\" data-token=\"{token}\" async></script>",
        token = escape(&session.token),
    )
}

/// The choice describing an option of a delivery.
pub fn choice_of(category: &DeliveryCategory, o: &DeliveryOption) -> wire::Choice {
    wire::Choice {
        shipping_method: o.carrier.product_id.clone(),
        location_ref: o.pickup_location.as_ref().map(|l| l.external_id.clone()),
        time_slot_ref: Some(time_slot_id(o)),
        shipping_category_ref: Some(category.id.clone()),
    }
}

/// The option of `delivery` a choice names, or the violation at `at` saying why none does.
/// Without `location_ref` the first (nearest) location of the product is meant; without a
/// category, the first category offering the product; a time slot, when given, must match.
pub fn option_for_choice(
    delivery: &domain::Delivery,
    choice: &wire::Choice,
    at: &str,
) -> Result<String, domain::FieldViolation> {
    let found = delivery
        .delivery_categories
        .iter()
        .filter(|c| {
            choice
                .shipping_category_ref
                .as_deref()
                .is_none_or(|r| r == c.id)
        })
        .flat_map(|c| c.delivery_options.iter())
        .filter(|o| o.carrier.product_id == choice.shipping_method)
        .find(|o| {
            choice.location_ref.as_deref().is_none_or(|r| {
                o.pickup_location
                    .as_ref()
                    .is_some_and(|l| l.external_id == r)
            })
        });
    let Some(option) = found else {
        return Err(domain::FieldViolation::new(
            at,
            format!(
                "`{}`{}{} is not among the session's choices",
                choice.shipping_method,
                choice
                    .shipping_category_ref
                    .as_deref()
                    .map(|c| format!(" in category `{c}`"))
                    .unwrap_or_default(),
                choice
                    .location_ref
                    .as_deref()
                    .map(|l| format!(" at location `{l}`"))
                    .unwrap_or_default(),
            ),
        ));
    };
    if let Some(slot) = choice.time_slot_ref.as_deref().filter(|s| !s.is_empty()) {
        if slot != time_slot_id(option) {
            return Err(domain::FieldViolation::new(
                format!("{at}.time_slot_ref"),
                format!("time slot `{slot}` is not offered for this option (any more)"),
            ));
        }
    }
    Ok(option.id.clone())
}

/// A core choice of `option_id` for `delivery`, with the category's preselected addons the
/// option performs (these surfaces have no addon choice of their own).
pub fn delivery_choice(delivery: &domain::Delivery, option_id: String) -> domain::DeliveryChoice {
    let addon_ids = delivery
        .find_option(&option_id)
        .map(|(c, o)| {
            c.addons
                .iter()
                .filter(|a| a.preselected && o.supports_addon(&a.id))
                .map(|a| a.id.clone())
                .collect()
        })
        .unwrap_or_default();
    domain::DeliveryChoice {
        delivery_id: delivery.id.clone(),
        option_id,
        addon_ids,
    }
}

/// The delivery id of a session whose cart ships as one delivery (COS, SIW).
pub const SINGLE_DELIVERY_ID: &str = "main";

/// The core draft of a session whose whole cart is one delivery: the purchase from the cart,
/// the recipient from the customer, and the cart-surface details kept beside them.
pub fn single_delivery_draft(
    country_code: CountryCode,
    currency_code: domain::CurrencyCode,
    locales: Vec<domain::Locale>,
    checkout: domain::CheckoutDetails,
    search_address: Option<domain::Address>,
    external_id: Option<String>,
    delivery_attributes: Vec<String>,
) -> domain::SessionDraft {
    let cart = checkout.cart.clone().unwrap_or_default();
    domain::SessionDraft {
        purchase: purchase(country_code.clone(), currency_code, locales, &cart),
        deliveries: vec![domain::DeliveryDraft {
            id: SINGLE_DELIVERY_ID.to_owned(),
            line_items: line_items(&cart.items),
            fulfillments: fulfillments(&cart, &cart.items),
            recipient_contact: recipient(checkout.customer.as_ref(), &country_code),
            attributes: cart
                .attributes
                .iter()
                .cloned()
                .chain(delivery_attributes)
                .collect(),
        }],
        search_address,
        external_id: external_id.filter(|e| !e.trim().is_empty()),
        checkout: Some(checkout),
    }
}

/// The cart a session holds now, in the domain's terms, rebuilt from its goods when another
/// surface set them.
pub fn current_cart(session: &Session) -> domain::Cart {
    if let Some(cart) = &session.checkout.cart {
        return cart.clone();
    }
    let lines: Vec<&domain::LineItem> = session
        .deliveries
        .iter()
        .flat_map(|d| &d.line_items)
        .collect();
    domain::Cart {
        cart_id: session.external_id.clone().unwrap_or_default(),
        total_value: session
            .purchase
            .total_value
            .unwrap_or_else(|| lines.iter().map(|l| l.price * i64::from(l.quantity)).sum()),
        total_discount: session.purchase.total_discount,
        currency: session.purchase.currency_code.as_str().to_owned(),
        vouchers: session.purchase.vouchers.clone(),
        items: lines
            .into_iter()
            .map(|l| domain::CartItem {
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

/// The customer given on a completion (`customer`, else the deprecated `customer_info`),
/// which must carry an address with a country.
pub fn required_customer(
    given: Option<wire::Customer>,
    customer_info: Option<wire::Customer>,
    v: &mut Violations,
) -> Option<domain::Customer> {
    let (given, at) = match (given, customer_info) {
        (Some(c), _) => (c, "customer"),
        (None, Some(c)) => (c, "customer_info"),
        (None, None) => {
            v.push("customer", "is required to complete a session");
            return None;
        }
    };
    if given.address.is_none() {
        v.push(format!("{at}.address"), "is required to complete a session");
        return None;
    }
    Some(customer(given, at, v))
}

/// Puts the customer on the session and makes them every delivery's recipient. Returns whether
/// the offer must be recomputed: without a search address the options follow the recipient.
pub fn set_customer(session: &mut Session, customer: domain::Customer) -> bool {
    for delivery in &mut session.deliveries {
        delivery.recipient_contact = recipient(Some(&customer), &session.purchase.country_code);
    }
    session.checkout.customer = Some(customer);
    session.search_address.is_none()
}

// ---- updates of the cart-based surfaces ----

/// What an update of a one-delivery surface (COS, SIW) changes, validated against the session it
/// applies to; what it leaves out stays as it is.
#[derive(Debug, Clone, Default)]
pub struct CartUpdate {
    pub cart: Option<domain::Cart>,
    pub customer: Option<domain::Customer>,
    pub search_address: Option<domain::Address>,
    pub additional_info: Option<domain::AdditionalInfo>,
    /// `Some(None)` removes the merchant reference.
    pub external_id: Option<Option<String>>,
    pub choice: Option<wire::Choice>,
}

impl CartUpdate {
    /// The session's new draft: what the update names replaces, the rest stays.
    pub fn draft(&self, session: &Session) -> domain::SessionDraft {
        let country = &session.purchase.country_code;
        let mut checkout = session.checkout.clone();
        let (purchase, mut deliveries) = match &self.cart {
            Some(cart) => {
                checkout.cart = Some(cart.clone());
                let first = session.deliveries.first();
                let delivery = domain::DeliveryDraft {
                    id: first.map_or_else(|| SINGLE_DELIVERY_ID.to_owned(), |d| d.id.clone()),
                    line_items: line_items(&cart.items),
                    fulfillments: fulfillments(cart, &cart.items),
                    recipient_contact: first.map_or_else(
                        || recipient(checkout.customer.as_ref(), country),
                        |d| d.recipient_contact.clone(),
                    ),
                    attributes: cart.attributes.clone(),
                };
                let purchase = purchase(
                    country.clone(),
                    session.purchase.currency_code.clone(),
                    session.purchase.locales.clone(),
                    cart,
                );
                (purchase, vec![delivery])
            }
            None => (
                session.purchase.clone(),
                session.deliveries.iter().map(draft_of).collect(),
            ),
        };
        if let Some(info) = &self.additional_info {
            checkout.additional_info = Some(info.clone());
        }
        if let Some(customer) = &self.customer {
            checkout.customer = Some(customer.clone());
            for d in &mut deliveries {
                d.recipient_contact = recipient(Some(customer), country);
            }
        }
        domain::SessionDraft {
            purchase,
            deliveries,
            search_address: self
                .search_address
                .clone()
                .or_else(|| session.search_address.clone()),
            external_id: match &self.external_id {
                Some(new) => new.clone(),
                None => session.external_id.clone(),
            },
            checkout: Some(checkout),
        }
    }

    /// The core choice `user_choice` names among the options of the (recomputed) session.
    pub fn choices(
        &self,
        session: &Session,
    ) -> Result<Vec<domain::DeliveryChoice>, domain::FieldViolation> {
        let Some(choice) = &self.choice else {
            return Ok(Vec::new());
        };
        let Some(delivery) = session.deliveries.first() else {
            return Err(domain::FieldViolation::new(
                "user_choice",
                "the session has no delivery to choose for",
            ));
        };
        let option_id = option_for_choice(delivery, choice, "user_choice")?;
        Ok(vec![delivery_choice(delivery, option_id)])
    }
}

fn draft_of(d: &domain::Delivery) -> domain::DeliveryDraft {
    domain::DeliveryDraft {
        id: d.id.clone(),
        line_items: d.line_items.clone(),
        fulfillments: d.fulfillments.clone(),
        recipient_contact: d.recipient_contact.clone(),
        attributes: d.attributes.clone(),
    }
}
