//! Reading the shared legacy wire objects into the domain, with validation that names every
//! bad field by its path.

use domain::bounds::{check_amount, MAX_QUANTITY, MAX_WEIGHT_GRAMS};
use domain::{self, CountryCode, Grams, Money, SessionId, ShippingDate, Violations};
use service::CartInput;

use super::model as wire;

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

/// A merchant reference as sent: trimmed, `None` when empty, at most [`MAX_EXTERNAL_ID`] characters.
pub fn external_id(text: &str, at: &str, v: &mut Violations) -> Option<String> {
    let text = text.trim();
    if text.chars().count() > MAX_EXTERNAL_ID {
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
        (Some(c), info) => {
            ignored_but_checked(info, v);
            Some(customer(c, "customer", v))
        }
        (None, Some(c)) => Some(customer(c, "customer_info", v)),
        (None, None) => None,
    }
}

/// `customer_info` sent beside `customer`: not used, but answered when it is malformed rather
/// than dropped unread.
fn ignored_but_checked(info: Option<wire::Customer>, v: &mut Violations) {
    if let Some(info) = info {
        customer(info, "customer_info", v);
    }
}

/// The preferred locales: `locales` when given, else the deprecated single `locale` (which is
/// checked either way, so a malformed one is answered rather than dropped).
pub fn locales(
    locale: Option<&str>,
    locales: &[String],
    at_locale: &str,
    at_locales: &str,
    v: &mut Violations,
) -> Vec<domain::Locale> {
    let single: Option<domain::Locale> = locale
        .filter(|l| !l.trim().is_empty())
        .and_then(|l| l.parse().map_err(|e| v.push(at_locale, e)).ok());
    if locales.is_empty() {
        return single.into_iter().collect();
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
    let name = non_blank(a.name.clone());
    let care_of = non_blank(a.care_of.clone());
    let attn = non_blank(a.attn.clone());
    let door_code = non_blank(a.door_code.clone());
    let country = country(a.country.as_deref(), &format!("{at}.country"), v);
    let address = address_draft(a, at, v);
    Some(domain::NamedAddress {
        name,
        care_of,
        attn,
        door_code,
        address: address.complete(&country?),
    })
}

/// The parts of an address other than its country, which the callers read by their own rule.
fn address_draft(a: wire::Address, at: &str, v: &mut Violations) -> domain::AddressDraft {
    domain::AddressDraft {
        country_code: None,
        region_code: non_blank(a.region),
        postal_code: non_blank(a.postal_code),
        city: non_blank(a.city),
        address_lines: a
            .address_lines
            .into_iter()
            .filter(|l| !l.trim().is_empty())
            .collect(),
        coordinates: coordinates(a.coordinates, &format!("{at}.coordinates"), v),
        street: None,
        street_number: None,
    }
}

/// A search address: a country and, to get real options, a postal code, a street or coordinates.
pub fn search_address(
    a: wire::Address,
    at: &str,
    v: &mut Violations,
) -> Option<domain::AddressDraft> {
    named_address(a, at, v).map(|n| n.address.into())
}

/// A search address that may leave out its country, which is then the purchase country.
pub fn search_address_in_purchase_country(
    a: wire::Address,
    at: &str,
    v: &mut Violations,
) -> Option<domain::AddressDraft> {
    if a.country.as_deref().is_some_and(|c| !c.trim().is_empty()) {
        return search_address(a, at, v);
    }
    Some(address_draft(a, at, v))
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

pub fn additional_info(a: wire::AdditionalInfo) -> domain::AdditionalInfo {
    domain::AdditionalInfo {
        courier_instructions: non_blank(a.courier_instructions),
        door_code: non_blank(a.door_code),
        customer_number: non_blank(a.customer_number),
    }
}

/// An amount in minor units, within `0..=MAX_AMOUNT`.
fn amount(amount: Option<i64>, at: &str, v: &mut Violations) -> Option<Money> {
    if let Some(Err(e)) = amount.map(check_amount) {
        v.push(at, e);
    }
    amount.map(Money::from_minor)
}

fn date(text: Option<String>, at: &str, v: &mut Violations) -> Option<ShippingDate> {
    let text = non_blank(text)?;
    ShippingDate::parse(&text).map_err(|e| v.push(at, e)).ok()
}

/// A cart as sent; `field` is where it came (`cart`, or `carts`). What is wrong with it travels
/// with it: the service checks it against the session and reports both together.
pub fn cart(c: wire::Cart, field: &'static str) -> CartInput {
    let at = field;
    let mut problems = Violations::new();
    let v = &mut problems;
    if c.cart_id.trim().is_empty() {
        v.push(format!("{at}.cart_id"), "is required");
    }
    let total_value = amount(Some(c.total_value), &format!("{at}.total_value"), v);
    let total_discount = amount(c.total_discount, &format!("{at}.total_discount"), v);
    let currency = c
        .currency
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .and_then(|c| {
            c.parse()
                .map_err(|e| v.push(format!("{at}.currency"), e))
                .ok()
        });
    let shipping_date = date(c.shipping_date, &format!("{at}.shipping_date"), v);
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
            if !(1..=MAX_QUANTITY).contains(&quantity) {
                v.push(
                    format!("{at}.quantity"),
                    format!("must be between 1 and {MAX_QUANTITY}"),
                );
            }
            let price = amount(item.price, &format!("{at}.price"), v);
            let discount = amount(item.discount, &format!("{at}.discount"), v);
            if matches!(item.weight, Some(w) if !(0..=MAX_WEIGHT_GRAMS).contains(&w)) {
                v.push(
                    format!("{at}.weight"),
                    format!("must be between 0 and {MAX_WEIGHT_GRAMS} (grams)"),
                );
            }
            if let Some(d) = &item.dimensions {
                for (name, side) in [
                    ("height", d.height),
                    ("length", d.length),
                    ("width", d.width),
                ] {
                    if side < 0 {
                        v.push(format!("{at}.dimensions.{name}"), "must not be negative");
                    }
                }
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
                weight: item.weight.map(Grams::new),
                discount,
                price,
                image_url: non_blank(item.image_url),
                site_external_id: non_blank(item.site_external_id),
                shipping_date: date(item.shipping_date, &format!("{at}.shipping_date"), v),
            }
        })
        .collect();
    CartInput {
        cart: domain::Cart {
            cart_id: c.cart_id,
            total_value: total_value.unwrap_or(Money::ZERO),
            total_discount,
            currency,
            shipping_date,
            pre_order: c.pre_order,
            voucher: non_blank(c.voucher),
            vouchers: c.vouchers,
            attributes: c.attributes,
            items,
        },
        field,
        problems: problems.into_vec(),
    }
}

/// A cart sent with the purchase currency it is bought in, which the request names (create):
/// a cart in another currency is reported with the request's other problems.
pub fn cart_in(
    c: wire::Cart,
    field: &'static str,
    purchase: Option<&domain::CurrencyCode>,
) -> CartInput {
    let mut input = cart(c, field);
    if let Some(problem) = purchase.and_then(|p| input.cart.currency_mismatch(p)) {
        input.problems.push(domain::FieldViolation::new(
            format!("{field}.currency"),
            problem,
        ));
    }
    input
}

/// A request's violations and those of its cart, when the request cannot go on.
pub fn refused(v: Violations, cart: Option<&CartInput>) -> Vec<domain::FieldViolation> {
    let mut all = v.into_vec();
    all.extend(cart.into_iter().flat_map(|c| c.problems.iter().cloned()));
    all
}

/// The customer given on a completion (`customer`, else the deprecated `customer_info`),
/// which must carry an address with a country.
pub fn required_customer(
    given: Option<wire::Customer>,
    customer_info: Option<wire::Customer>,
    v: &mut Violations,
) -> Option<domain::Customer> {
    let (given, at) = match (given, customer_info) {
        (Some(c), info) => {
            ignored_but_checked(info, v);
            (c, "customer")
        }
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

/// A session id as these surfaces take it (the UUID, or Delivery Checkout's `VM2-` form),
/// recorded as a violation at `at` when it is not one.
pub fn session_id(text: &str, at: &str, v: &mut Violations) -> Option<SessionId> {
    let text = text.trim();
    if text.is_empty() {
        v.push(at, "is required");
        return None;
    }
    SessionId::parse(text).map_err(|e| v.push(at, e)).ok()
}

/// The selector's container and JavaScript object as a create request names them.
pub fn snippet_configuration(
    c: wire::SnippetConfiguration,
    at: &str,
    v: &mut Violations,
) -> Option<domain::SnippetConfiguration> {
    let defaults = domain::SnippetConfiguration::default();
    let container = non_blank(c.container_id).unwrap_or(defaults.container_id);
    let object = non_blank(c.object_id).unwrap_or(defaults.object_id);
    domain::SnippetConfiguration::new(&container, &object)
        .map_err(|(field, problem)| v.push(format!("{at}.{field}"), problem))
        .ok()
}
