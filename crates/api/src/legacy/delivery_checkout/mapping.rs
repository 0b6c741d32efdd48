//! Delivery Checkout requests onto the core's commands and back: a cart is split into delivery
//! groups (the core's split by site and shipping date, one core delivery each), and each core
//! delivery is shown as a group with the option it ships with now.

use crate::legacy::shared::choice::option_ref;
use crate::legacy::shared::model::Choice;
use crate::legacy::shared::parse;
use crate::legacy::shared::render as shared;
use crate::legacy::shared::snippet::html_snippet;
use domain::{self, CartGroup, CartSplit, Delivery, FieldViolation, Session, Violations};
use service::{
    CartCheckout, CheckoutChange, Complete, DeliveryRef, Pick, Selection, SessionChange,
    UpdateSession,
};

use super::model as wire;

// ---- requests ----

/// The new session a create request describes, or every problem with it. `cart_sent` tells an
/// absent cart from an empty one.
pub fn create(
    r: wire::CreateSessionRequest,
    cart_sent: bool,
) -> Result<CartCheckout, Vec<FieldViolation>> {
    let mut v = Violations::new();
    let country = parse::country(
        Some(r.purchase_country.as_str()),
        "purchase_country",
        &mut v,
    );
    let currency = parse::currency(&r.purchase_currency, "purchase_currency", &mut v);
    let locales = parse::locales(r.locale.as_deref(), &r.locales, "locale", "locales", &mut v);
    let cart = if cart_sent {
        Some(parse::cart_in(r.cart, "cart", currency.as_ref()))
    } else {
        v.push("cart", "is required");
        None
    };
    let search_address = r
        .search_address
        .and_then(|a| parse::search_address(a, "search_address", &mut v));
    let customer = r.customer.map(|c| parse::customer(c, "customer", &mut v));
    let external_id = r
        .external_id
        .and_then(|e| parse::external_id(&e, "external_id", &mut v));
    let snippet = r
        .snippet_configuration
        .and_then(|c| parse::snippet_configuration(c, "snippet_configuration", &mut v));
    match (country, currency, cart) {
        (Some(country_code), Some(currency_code), Some(cart)) if v.is_empty() => Ok(CartCheckout {
            country_code,
            currency_code,
            locales,
            cart,
            split: CartSplit::BySiteAndDate,
            customer,
            search_address,
            external_id,
            snippet,
        }),
        (_, _, cart) => Err(parse::refused(v, cart.as_ref())),
    }
}

/// What an update request asks of the session, or every problem with it: the fields it sends
/// replace, the rest stay; its choices are made on the recomputed offer.
pub fn update(r: wire::UpdateSessionRequest) -> Result<UpdateSession, Vec<FieldViolation>> {
    let mut v = Violations::new();
    let cart = match (r.cart, r.carts) {
        (Some(cart), carts) => {
            // The older spelling beside the new one is not used, but answered when malformed.
            if let Some(carts) = carts {
                for p in parse::cart(carts, "carts").problems {
                    v.push(p.field, p.description);
                }
            }
            Some(parse::cart(cart, "cart"))
        }
        (None, Some(cart)) => Some(parse::cart(cart, "carts")),
        (None, None) => None,
    };
    let search_address = r
        .search_address
        .and_then(|a| parse::search_address(a, "search_address", &mut v));
    let customer = r.customer.map(|c| parse::customer(c, "customer", &mut v));
    let external_id = r
        .external_id
        .map(|e| parse::external_id(&e, "external_id", &mut v));
    for (i, c) in r.choices.iter().enumerate() {
        if c.delivery_group_id.trim().is_empty() {
            v.push(format!("choices[{i}].delivery_group_id"), "is required");
        }
        if c.shipping_method.trim().is_empty() {
            v.push(format!("choices[{i}].shipping_method"), "is required");
        }
    }
    let picks = r
        .choices
        .into_iter()
        .enumerate()
        .map(|(i, c)| Pick {
            at: format!("choices[{i}]"),
            selection: Selection::ByRef {
                delivery: DeliveryRef::Id {
                    id: c.delivery_group_id.trim().to_owned(),
                    field: format!("choices[{i}].delivery_group_id"),
                },
                option: option_ref(&Choice {
                    shipping_method: c.shipping_method,
                    location_ref: c.location_ref,
                    time_slot_ref: c.time_slot_ref,
                    shipping_category_ref: c.shipping_category_ref,
                }),
            },
        })
        .collect();
    if !v.is_empty() {
        return Err(parse::refused(v, cart.as_ref()));
    }
    Ok(UpdateSession {
        change: SessionChange::Checkout(CheckoutChange {
            cart,
            split: Some(CartSplit::BySiteAndDate),
            customer,
            search_address,
            additional_info: None,
            external_id,
        }),
        picks,
    })
}

/// The completion a complete request asks for, or every problem with it: the customer (with an
/// address and its country) and the merchant's reference. `customer_sent` tells an absent
/// customer from an empty one.
pub fn completion(
    r: wire::CompleteSessionRequest,
    customer_sent: bool,
) -> Result<Complete, Vec<FieldViolation>> {
    let mut v = Violations::new();
    if !customer_sent {
        v.push("customer", "is required to complete a session");
    } else if r.customer.address.is_none() {
        v.push(
            "customer.address",
            "is required to complete a session (with its country)",
        );
    }
    let customer = parse::customer(r.customer, "customer", &mut v);
    let external_id = r
        .external_id
        .and_then(|e| parse::external_id(&e, "external_id", &mut v));
    v.finish(Complete {
        customer: Some(customer),
        external_id: external_id.map(Some),
        ..Complete::default()
    })
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
fn items(
    session: &Session,
    grouped: &[CartGroup<'_>],
    d: &Delivery,
) -> Vec<wire::DeliveryGroupItem> {
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

fn group_to_wire(
    session: &Session,
    grouped: &[CartGroup<'_>],
    d: &Delivery,
) -> wire::DeliveryGroup {
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
        tos_id: d.transport_order.as_ref().map(ToString::to_string),
        external_id: session.external_id.clone(),
    }
}

pub fn session_to_wire(session: &Session) -> wire::Session {
    let grouped = session
        .checkout
        .cart
        .as_ref()
        .map(domain::Cart::groups)
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

/// The session with the snippet whose selector calls the service at `base_url`.
pub fn session_response(session: &Session, base_url: &str) -> wire::SessionResponse {
    wire::SessionResponse {
        session: session_to_wire(session),
        html_snippet: html_snippet(session, base_url),
    }
}
