//! Translation between SIW requests and the core session, and from a session to the SIW
//! session object. A SIW session has one delivery holding the whole cart; a session created
//! elsewhere with several deliveries is shown by its first.

use crate::legacy::shared::choice::user_choice;
use crate::legacy::shared::model as shared_wire;
use crate::legacy::shared::parse;
use crate::legacy::shared::render as shared;
use crate::legacy::shared::snippet::html_snippet;
use domain::{CartSplit, FieldViolation, Session, SessionId, Violations};
use service::{CartCheckout, CheckoutChange, Complete, SessionChange, UpdateSession};

use super::model as wire;

// ---- requests ----

/// Validates a create request into the core command; `cart_sent` says whether the body had a
/// cart.
pub fn create(
    r: wire::CreateSessionRequest,
    cart_sent: bool,
) -> Result<CartCheckout, Vec<FieldViolation>> {
    let mut v = Violations::new();
    let country = parse::country(Some(&r.purchase_country), "purchase_country", &mut v);
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
        .and_then(|a| parse::search_address_in_purchase_country(a, "search_address", &mut v));
    let customer = parse::customer_or_info(r.customer, r.customer_info, &mut v);
    let external_id = r
        .external_id
        .map(|e| parse::external_id(&e, "external_id", &mut v));
    let snippet = r
        .snippet_configuration
        .and_then(|c| parse::snippet_configuration(c, "snippet_configuration", &mut v));
    let (Some(country_code), Some(currency_code), Some(cart)) = (country, currency, cart.clone())
    else {
        return Err(parse::refused(v, cart.as_ref()));
    };
    if !v.is_empty() {
        return Err(parse::refused(v, Some(&cart)));
    }
    Ok(CartCheckout {
        country_code,
        currency_code,
        locales,
        cart,
        split: CartSplit::Single,
        customer,
        search_address,
        external_id: external_id.flatten(),
        snippet,
    })
}

/// Validates an update request: what it changes, and the user choice to make afterwards.
pub fn update(r: wire::UpdateSessionRequest) -> Result<UpdateSession, Vec<FieldViolation>> {
    let mut v = Violations::new();
    let cart = r.cart.map(|c| parse::cart(c, "cart"));
    let search_address = r
        .search_address
        .and_then(|a| parse::search_address_in_purchase_country(a, "search_address", &mut v));
    let customer = parse::customer_or_info(r.customer, r.customer_info, &mut v);
    let external_id = r
        .external_id
        .map(|e| parse::external_id(&e, "external_id", &mut v));
    let picks = user_choice(r.user_choice.as_ref(), &mut v);
    if !v.is_empty() {
        return Err(parse::refused(v, cart.as_ref()));
    }
    Ok(UpdateSession {
        change: SessionChange::Checkout(CheckoutChange {
            cart,
            split: Some(CartSplit::Single),
            customer,
            search_address,
            additional_info: None,
            external_id,
        }),
        picks,
    })
}

/// The session a complete request names, and the completion it asks for: the customer (with an
/// address) as recipient, and the merchant's reference (an empty one removes it).
pub fn completion(
    r: wire::CompleteSessionRequest,
) -> Result<(SessionId, Complete), Vec<FieldViolation>> {
    let mut v = Violations::new();
    let id = parse::session_id(&r.id, "id", &mut v);
    let customer = parse::required_customer(r.customer, r.customer_info, &mut v);
    let external_id = r
        .external_id
        .map(|e| parse::external_id(&e, "external_id", &mut v));
    match (id, customer) {
        (Some(id), Some(customer)) if v.is_empty() => Ok((
            id,
            Complete {
                customer: Some(customer),
                external_id,
                ..Complete::default()
            },
        )),
        _ => Err(v.into_vec()),
    }
}

// ---- the session ----

/// The cart as these callers read it: every default spelled out.
fn cart(session: &Session) -> shared_wire::Cart {
    let mut cart = shared::cart_to_wire(session);
    cart.total_discount.get_or_insert(0);
    cart.pre_order.get_or_insert(false);
    for item in &mut cart.items {
        item.out_of_stock.get_or_insert(false);
        item.price.get_or_insert(0);
        item.quantity.get_or_insert(1);
    }
    cart
}

pub fn session_to_wire(session: &Session) -> wire::Session {
    let currency = session.purchase.currency_code.as_str();
    let delivery = session.deliveries.first();
    let selected = delivery.and_then(shared::selected);
    let (option, result) = match selected {
        Some((category, o, selection)) => {
            let price = shared::pricing(category, o, currency, true);
            let location = o.pickup_location.as_ref().map(shared::location_to_wire);
            let delivery_type = shared::delivery_type(category.delivery_type).to_owned();
            let option = wire::SelectedShippingOption {
                shipping_method: o.carrier.product_id.clone(),
                delivery_type: delivery_type.clone(),
                carrier: o.carrier.name.clone(),
                product: o.carrier.product_name.clone(),
                price: price.price,
                currency: currency.to_owned(),
                location: location.clone(),
                time_slot: Some(shared::time_slot(o)),
                external_method_id: Some(o.carrier.external_id.clone()),
            };
            let result = wire::SessionResult {
                shipping: wire::ResultShipping {
                    shipping_method: o.carrier.product_id.clone(),
                    delivery_type,
                    carrier: o.carrier.name.clone(),
                    product: o.carrier.product_name.clone(),
                    location,
                    delivery_time: shared::time_slot(o),
                    external_method_id: Some(o.carrier.external_id.clone()),
                    supports: shared::supports(category),
                    warehouse: shared::warehouse(category),
                },
                category: shared::result_category(category, true),
                pricing: price,
                selection,
                delivery_time: shared::delivery_time(o),
            };
            (Some(option), Some(result))
        }
        None => (None, None),
    };
    wire::Session {
        id: session.id.to_string(),
        status: shared::status(session.state).to_owned(),
        token: session.token.clone(),
        cart: cart(session),
        shipping_price: option.as_ref().map(|o| o.price),
        selected_shipping_option: option,
        expires_at: session.expire_time.map(shared::rfc3339),
        customer: session
            .checkout
            .customer
            .as_ref()
            .map(shared::customer_to_wire),
        search_address: shared::search_address_to_wire(session),
        tos_id: delivery
            .and_then(|d| d.transport_order.as_ref())
            .map(ToString::to_string),
        external_id: session.external_id.clone(),
        updated_at: shared::rfc3339(session.update_time),
        result,
    }
}

/// The session with the snippet whose selector calls the service at `base_url`.
pub fn session_response(session: &Session, base_url: &str) -> wire::SessionResponse {
    wire::SessionResponse {
        session: session_to_wire(session),
        html_snippet: html_snippet(session, base_url),
    }
}
