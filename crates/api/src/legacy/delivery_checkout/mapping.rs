//! Delivery Checkout requests onto the core session and back: a cart is split into delivery
//! groups (one core delivery each) by the site its items ship from and their shipping date, and
//! each core delivery is shown as a group with the option it ships with now.

use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::legacy::shared::mapping as shared;
use crate::legacy::shared::model::Choice;
use domain::{
    self, CheckoutDetails, CountryCode, CurrencyCode, Delivery, DeliveryChoice, DeliveryDraft,
    FieldViolation, Session, SessionDraft, Violations, WAREHOUSE_ATTRIBUTE_PREFIX,
};
use service::ServiceError;

use super::model as wire;

// ---- delivery groups ----

/// Cart items that ship together: from one site, on one date.
struct Group<'a> {
    id: String,
    site: Option<&'a str>,
    ships: Option<OffsetDateTime>,
    items: Vec<&'a domain::CartItem>,
}

/// When an item may ship: its own date, else the cart's.
fn ships_at(cart: &domain::Cart, item: &domain::CartItem) -> Option<OffsetDateTime> {
    let text = item
        .shipping_date
        .as_ref()
        .or(cart.shipping_date.as_ref())?;
    // Stored carts were validated on the way in; nothing is recorded here.
    shared::shipping_date(text, "", &mut Violations::new())
}

/// A group id that stays the same while the group's site and shipping date do, so the
/// customer's choice for it survives cart updates.
fn group_id(site: Option<&str>, ships: Option<OffsetDateTime>) -> String {
    let mut hash = Sha256::new();
    hash.update(site.unwrap_or_default().as_bytes());
    hash.update([0]);
    if let Some(t) = ships {
        hash.update(t.unix_timestamp().to_be_bytes());
    }
    let digest: String = hash.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("dg-{digest}")
}

/// The cart's items by (site, shipping date), groups in the order their first item appears.
fn groups(cart: &domain::Cart) -> Vec<Group<'_>> {
    let mut groups: Vec<Group<'_>> = Vec::new();
    for item in &cart.items {
        let site = item.site_external_id.as_deref();
        let ships = ships_at(cart, item);
        match groups
            .iter_mut()
            .find(|g| g.site == site && g.ships == ships)
        {
            Some(group) => group.items.push(item),
            None => groups.push(Group {
                id: group_id(site, ships),
                site,
                ships,
                items: vec![item],
            }),
        }
    }
    groups
}

/// One core delivery per group of the cart.
fn deliveries(
    cart: &domain::Cart,
    customer: Option<&domain::Customer>,
    country: &CountryCode,
) -> Vec<DeliveryDraft> {
    groups(cart)
        .into_iter()
        .map(|g| DeliveryDraft {
            line_items: shared::line_items(g.items.iter().copied()),
            fulfillments: shared::fulfillments(cart, g.items.iter().copied()),
            recipient_contact: shared::recipient(customer, country),
            attributes: cart
                .attributes
                .iter()
                .cloned()
                // The engine ships from the named site when it is one of the merchant's
                // warehouses and ignores the attribute otherwise.
                .chain(g.site.map(|s| format!("{WAREHOUSE_ATTRIBUTE_PREFIX}{s}")))
                .collect(),
            id: g.id,
        })
        .collect()
}

// ---- requests ----

/// The new session a create request describes, or every problem with it. `cart_sent` tells an
/// absent cart from an empty one.
pub fn create_draft(
    r: wire::CreateSessionRequest,
    cart_sent: bool,
) -> Result<SessionDraft, Vec<FieldViolation>> {
    let mut v = Violations::new();
    let country = shared::country(
        Some(r.purchase_country.as_str()),
        "purchase_country",
        &mut v,
    );
    let currency = shared::currency(&r.purchase_currency, "purchase_currency", &mut v);
    let locales = shared::locales(r.locale.as_deref(), &r.locales, "locale", "locales", &mut v);
    let cart = if cart_sent {
        let against = currency
            .as_ref()
            .map_or(r.purchase_currency.trim(), CurrencyCode::as_str);
        Some(shared::cart(r.cart, against, "cart", &mut v))
    } else {
        v.push("cart", "is required");
        None
    };
    let search_address = r
        .search_address
        .and_then(|a| shared::search_address(a, "search_address", &mut v));
    let customer = r.customer.map(|c| shared::customer(c, "customer", &mut v));
    let external_id = r
        .external_id
        .and_then(|e| shared::external_id(&e, "external_id", &mut v));
    match (country, currency, cart) {
        (Some(country), Some(currency), Some(cart)) if v.is_empty() => Ok(SessionDraft {
            purchase: shared::purchase(country.clone(), currency, locales, &cart),
            deliveries: deliveries(&cart, customer.as_ref(), &country),
            search_address,
            external_id,
            checkout: Some(CheckoutDetails {
                cart: Some(cart),
                customer,
                ..Default::default()
            }),
        }),
        _ => Err(v.into_vec()),
    }
}

/// What an update request asks of the session: its new draft, and the choices to make on the
/// recomputed offer.
pub struct Update {
    pub draft: SessionDraft,
    pub choices: Vec<wire::DeliveryGroupChoice>,
}

/// The update of `current` a request describes, or every problem with it. Fields the request
/// leaves out keep their values.
pub fn update_draft(
    current: &Session,
    r: wire::UpdateSessionRequest,
) -> Result<Update, Vec<FieldViolation>> {
    let mut v = Violations::new();
    let purchase = &current.purchase;
    let country = &purchase.country_code;
    let sent_cart = match (r.cart, r.carts) {
        (Some(cart), _) => Some(("cart", cart)),
        (None, Some(cart)) => Some(("carts", cart)),
        (None, None) => None,
    };
    let cart =
        sent_cart.map(|(at, c)| shared::cart(c, purchase.currency_code.as_str(), at, &mut v));
    let search_address = r
        .search_address
        .map(|a| shared::search_address(a, "search_address", &mut v));
    let customer = r.customer.map(|c| shared::customer(c, "customer", &mut v));
    let external_id = r
        .external_id
        .map(|e| shared::external_id(&e, "external_id", &mut v));
    for (i, c) in r.choices.iter().enumerate() {
        if c.delivery_group_id.trim().is_empty() {
            v.push(format!("choices[{i}].delivery_group_id"), "is required");
        }
        if c.shipping_method.trim().is_empty() {
            v.push(format!("choices[{i}].shipping_method"), "is required");
        }
    }
    if !v.is_empty() {
        return Err(v.into_vec());
    }
    let address_sent = customer.as_ref().is_some_and(|c| c.address.is_some());
    let customer = customer.or_else(|| current.checkout.customer.clone());
    let cart = cart.or_else(|| current.checkout.cart.clone());
    let (purchase, deliveries) = match &cart {
        Some(cart) => (
            shared::purchase(
                country.clone(),
                purchase.currency_code.clone(),
                purchase.locales.clone(),
                cart,
            ),
            deliveries(cart, customer.as_ref(), country),
        ),
        // A session whose goods another surface set keeps them; a customer address sent here
        // becomes the recipient.
        None => (
            purchase.clone(),
            current
                .deliveries
                .iter()
                .map(|d| DeliveryDraft {
                    id: d.id.clone(),
                    line_items: d.line_items.clone(),
                    fulfillments: d.fulfillments.clone(),
                    recipient_contact: if address_sent {
                        shared::recipient(customer.as_ref(), country)
                    } else {
                        d.recipient_contact.clone()
                    },
                    attributes: d.attributes.clone(),
                })
                .collect(),
        ),
    };
    Ok(Update {
        draft: SessionDraft {
            purchase,
            deliveries,
            search_address: search_address.unwrap_or_else(|| current.search_address.clone()),
            external_id: external_id.unwrap_or_else(|| current.external_id.clone()),
            checkout: Some(CheckoutDetails {
                cart,
                customer,
                ..current.checkout.clone()
            }),
        },
        choices: r.choices,
    })
}

/// The core choices the request's choices name on the recomputed session.
///
/// # Errors
/// `InvalidArgument` naming `choices[i]...` for each group or option the session does not have.
pub fn resolve_choices(
    session: &Session,
    choices: &[wire::DeliveryGroupChoice],
) -> Result<Vec<DeliveryChoice>, ServiceError> {
    let mut v = Violations::new();
    let mut resolved = Vec::new();
    for (i, c) in choices.iter().enumerate() {
        let at = format!("choices[{i}]");
        let Some(delivery) = session
            .deliveries
            .iter()
            .find(|d| d.id == c.delivery_group_id.trim())
        else {
            v.push(
                format!("{at}.delivery_group_id"),
                format!(
                    "the session has no delivery group `{}`",
                    c.delivery_group_id
                ),
            );
            continue;
        };
        let choice = Choice {
            shipping_method: c.shipping_method.trim().to_owned(),
            location_ref: c.location_ref.clone(),
            time_slot_ref: c.time_slot_ref.clone(),
            shipping_category_ref: c.shipping_category_ref.clone(),
        };
        match shared::option_for_choice(delivery, &choice, &at) {
            Ok(option_id) => resolved.push(shared::delivery_choice(delivery, option_id)),
            Err(e) => v.push(e.field, e.description),
        }
    }
    v.finish(resolved).map_err(ServiceError::invalid_all)
}

/// The session's state after the customer's details are set for completion: the customer on
/// the session, their address as every delivery's recipient, the merchant's reference. Says
/// whether the offer must be recomputed (it followed the recipient, having no search address).
pub fn prepare_completion(
    session: &mut Session,
    customer: &domain::Customer,
    external_id: Option<&str>,
) -> bool {
    let recipient = shared::recipient(Some(customer), &session.purchase.country_code);
    for delivery in &mut session.deliveries {
        delivery.recipient_contact = recipient.clone();
    }
    session.checkout.customer = Some(customer.clone());
    if let Some(e) = external_id {
        session.external_id = Some(e.to_owned());
    }
    session.search_address.is_none()
}

/// The customer and reference of a complete request, or every problem with them.
/// `customer_sent` tells an absent customer from an empty one.
pub fn completion(
    r: wire::CompleteSessionRequest,
    customer_sent: bool,
) -> Result<(domain::Customer, Option<String>), Vec<FieldViolation>> {
    let mut v = Violations::new();
    if !customer_sent {
        v.push("customer", "is required to complete a session");
    } else if r.customer.address.is_none() {
        v.push(
            "customer.address",
            "is required to complete a session (with its country)",
        );
    }
    let customer = shared::customer(r.customer, "customer", &mut v);
    let external_id = r
        .external_id
        .and_then(|e| shared::external_id(&e, "external_id", &mut v));
    v.finish((customer, external_id))
}

// ---- responses ----

fn item_to_wire(i: &domain::CartItem) -> wire::DeliveryGroupItem {
    wire::DeliveryGroupItem {
        sku: i.sku.clone(),
        site_external_id: i.site_external_id.clone(),
    }
}

/// The items of a core delivery as the cart gave them: its group of the stored cart
/// (`grouped`), the whole cart when the session has one delivery, else its line items.
fn items(session: &Session, grouped: &[Group<'_>], d: &Delivery) -> Vec<wire::DeliveryGroupItem> {
    if let Some(group) = grouped.iter().find(|g| g.id == d.id) {
        return group.items.iter().copied().map(item_to_wire).collect();
    }
    if let (Some(cart), 1) = (&session.checkout.cart, session.deliveries.len()) {
        return cart.items.iter().map(item_to_wire).collect();
    }
    d.line_items
        .iter()
        .map(|l| wire::DeliveryGroupItem {
            sku: l.sku.clone(),
            site_external_id: None,
        })
        .collect()
}

fn group_to_wire(session: &Session, grouped: &[Group<'_>], d: &Delivery) -> wire::DeliveryGroup {
    let currency = session.purchase.currency_code.as_str();
    let selected = shared::selected(d);
    wire::DeliveryGroup {
        id: d.id.clone(),
        items: items(session, grouped, d),
        shipping: selected.map(|(c, o, _)| wire::DeliveryGroupShipping {
            shipping_method: o.carrier.product_id.clone(),
            delivery_type: shared::delivery_type(c.delivery_type).to_owned(),
            carrier: o.carrier.name.clone(),
            product: o.carrier.product_name.clone(),
            delivery_time: Some(shared::time_slot(o)),
            external_method_id: o.carrier.external_id.clone(),
            supports: shared::supports(c),
            warehouse: shared::warehouse(c),
            carrier_product_id: o.carrier.product_id.clone(),
        }),
        category: selected.map(|(c, _, _)| shared::result_category(c, true)),
        pricing: selected.map(|(c, o, _)| shared::pricing(c, o, currency, true)),
        selection: selected.map(|(_, _, s)| s),
        delivery_time: selected.and_then(|(_, o, _)| shared::delivery_time(o)),
        addresses: wire::DeliveryGroupAddresses {
            location: selected
                .and_then(|(_, o, _)| o.pickup_location.as_ref())
                .map(shared::location_to_wire),
            customer: session
                .checkout
                .customer
                .as_ref()
                .and_then(|c| c.address.as_ref())
                .map(shared::named_address_to_wire),
            search_address: shared::search_address_to_wire(session),
        },
        tos_id: d.tos_id.clone(),
        external_id: session.external_id.clone(),
    }
}

pub fn session_to_wire(session: &Session) -> wire::Session {
    let grouped = session
        .checkout
        .cart
        .as_ref()
        .map(groups)
        .unwrap_or_default();
    wire::Session {
        checkout_session_id: session.id.delivery_checkout_id(),
        status: shared::status(session.state).to_owned(),
        updated_at: shared::rfc3339(session.update_time),
        cart: shared::cart_to_wire(session),
        delivery_groups: session
            .deliveries
            .iter()
            .map(|d| group_to_wire(session, &grouped, d))
            .collect(),
    }
}

/// The snippet that embeds the shipping selector, naming the session by its Delivery Checkout id.
pub fn html_snippet(session: &Session) -> String {
    shared::html_snippet_with_id(session, &session.id.delivery_checkout_id())
}

pub fn session_response(session: &Session) -> wire::SessionResponse {
    wire::SessionResponse {
        session: session_to_wire(session),
        html_snippet: html_snippet(session),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(sku: &str, site: Option<&str>, date: Option<&str>) -> domain::CartItem {
        domain::CartItem {
            sku: sku.into(),
            quantity: 1,
            site_external_id: site.map(Into::into),
            shipping_date: date.map(Into::into),
            ..Default::default()
        }
    }

    fn cart(shipping_date: Option<&str>, items: Vec<domain::CartItem>) -> domain::Cart {
        domain::Cart {
            cart_id: "c".into(),
            currency: "SEK".into(),
            shipping_date: shipping_date.map(Into::into),
            items,
            ..Default::default()
        }
    }

    fn skus<'a>(groups: &[Group<'a>]) -> Vec<Vec<&'a str>> {
        groups
            .iter()
            .map(|g| g.items.iter().map(|i| i.sku.as_str()).collect())
            .collect()
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
        let g = groups(&c);
        assert_eq!(skus(&g), [vec!["a", "c"], vec!["b"], vec!["d"]]);
        assert_eq!(g[0].site, Some("s1"));
    }

    #[test]
    fn nothing_differing_is_one_group() {
        let c = cart(None, vec![item("a", None, None), item("b", None, None)]);
        assert_eq!(skus(&groups(&c)), [vec!["a", "b"]]);
    }

    #[test]
    fn a_group_keeps_its_id_while_its_site_and_date_stay() {
        let before = cart(None, vec![item("a", Some("s1"), None)]);
        let after = cart(
            None,
            vec![item("x", None, None), item("b", Some("s1"), None)],
        );
        assert_eq!(groups(&before)[0].id, groups(&after)[1].id);
        assert_ne!(groups(&after)[0].id, groups(&after)[1].id);
        let later = cart(None, vec![item("a", Some("s1"), Some("2030-01-15"))]);
        assert_ne!(groups(&before)[0].id, groups(&later)[0].id);
        assert!(groups(&before)[0].id.starts_with("dg-"));
    }

    #[test]
    fn a_site_becomes_the_warehouse_attribute_and_a_date_the_fulfillment() {
        let mut c = cart(None, vec![item("a", Some("gbg-west"), Some("2030-01-15"))]);
        c.attributes = vec!["garden".into()];
        let country: CountryCode = "SE".parse().unwrap();
        let d = deliveries(&c, None, &country);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].attributes, ["garden", "warehouse:gbg-west"]);
        assert_eq!(
            d[0].fulfillments[0].ready_earliest,
            time::macros::datetime!(2030-01-15 00:00 UTC)
        );
        assert_eq!(d[0].recipient_contact.address.country_code, country);
    }
}
