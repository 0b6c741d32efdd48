//! Translation between SIW requests and the core session, and from a session to the SIW
//! session object. A SIW session has one delivery holding the whole cart; a session created
//! elsewhere with several deliveries is shown by its first.

use crate::legacy::shared::mapping as shared;
use crate::legacy::shared::model as common;
use domain::{self, CheckoutDetails, FieldViolation, Session, SessionDraft, SessionId, Violations};

use super::model as wire;

// ---- requests ----

/// Validates a create request into a draft; `cart_sent` says whether the body had a cart.
pub fn create_draft(
    r: wire::CreateSessionRequest,
    cart_sent: bool,
) -> Result<SessionDraft, Vec<FieldViolation>> {
    let mut v = Violations::new();
    let country = shared::country(Some(&r.purchase_country), "purchase_country", &mut v);
    let currency = shared::currency(&r.purchase_currency, "purchase_currency", &mut v);
    let locales = shared::locales(r.locale.as_deref(), &r.locales, "locale", "locales", &mut v);
    let cart = if cart_sent {
        Some(shared::cart(
            r.cart,
            &r.purchase_currency.trim().to_ascii_uppercase(),
            "cart",
            &mut v,
        ))
    } else {
        v.push("cart", "is required");
        None
    };
    let search_address = r
        .search_address
        .and_then(|a| search_address(a, Some(&r.purchase_country), "search_address", &mut v));
    let customer = shared::customer_or_info(r.customer, r.customer_info, &mut v);
    let external_id = r
        .external_id
        .map(|e| shared::external_id(&e, "external_id", &mut v));
    let (Some(country), Some(currency), Some(cart)) = (country, currency, cart) else {
        return Err(v.into_vec());
    };
    v.finish(shared::single_delivery_draft(
        country,
        currency,
        locales,
        CheckoutDetails {
            cart: Some(cart),
            customer,
            ..Default::default()
        },
        search_address,
        external_id.flatten(),
        Vec::new(),
    ))
}

pub fn update(
    r: wire::UpdateSessionRequest,
    current: &Session,
) -> Result<shared::CartUpdate, Vec<FieldViolation>> {
    let mut v = Violations::new();
    let country = current.purchase.country_code.as_str();
    let cart = r
        .cart
        .map(|c| shared::cart(c, current.purchase.currency_code.as_str(), "cart", &mut v));
    let search_address = r
        .search_address
        .and_then(|a| search_address(a, Some(country), "search_address", &mut v));
    let customer = shared::customer_or_info(r.customer, r.customer_info, &mut v);
    let external_id = r
        .external_id
        .map(|e| shared::external_id(&e, "external_id", &mut v));
    if let Some(choice) = &r.user_choice {
        if choice.shipping_method.trim().is_empty() {
            v.push("user_choice.shipping_method", "is required");
        }
    }
    v.finish(shared::CartUpdate {
        cart,
        customer,
        search_address,
        additional_info: None,
        external_id,
        choice: r.user_choice,
    })
}

/// What a complete request sets on the session before it completes.
#[derive(Debug, Clone)]
pub struct Completion {
    pub customer: domain::Customer,
    pub external_id: Option<Option<String>>,
}

/// The session a complete request names, and what it sets.
pub fn completion(
    r: wire::CompleteSessionRequest,
) -> Result<(SessionId, Completion), Vec<FieldViolation>> {
    let mut v = Violations::new();
    let id = session_id(&r.id, "id", &mut v);
    let customer = shared::required_customer(r.customer, r.customer_info, &mut v);
    let external_id = r
        .external_id
        .map(|e| shared::external_id(&e, "external_id", &mut v));
    match (id, customer) {
        (Some(id), Some(customer)) if v.is_empty() => Ok((
            id,
            Completion {
                customer,
                external_id,
            },
        )),
        _ => Err(v.into_vec()),
    }
}

impl Completion {
    /// Puts the customer on the session and on its deliveries as their recipient. `true` when
    /// the session has no search address, so the options follow the customer's address.
    pub fn apply(&self, session: &mut Session) -> bool {
        if let Some(external_id) = &self.external_id {
            session.external_id = external_id.clone();
        }
        shared::set_customer(session, self.customer.clone())
    }
}

/// A session id as `shared::session_id` reads it, recorded as a violation when it is not one.
fn session_id(text: &str, at: &str, v: &mut Violations) -> Option<SessionId> {
    let text = text.trim();
    if text.is_empty() {
        v.push(at, "is required");
        return None;
    }
    SessionId::parse(text).map_err(|e| v.push(at, e)).ok()
}

/// A search address; without a country it is taken to be in `default_country`.
fn search_address(
    mut a: common::Address,
    default_country: Option<&str>,
    at: &str,
    v: &mut Violations,
) -> Option<domain::Address> {
    if a.country.as_deref().is_none_or(|c| c.trim().is_empty()) {
        a.country = default_country
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned);
    }
    shared::search_address(a, at, v)
}

// ---- the session ----

/// The cart as these callers read it: every default spelled out.
fn cart(session: &Session) -> common::Cart {
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
        tos_id: delivery.and_then(|d| d.tos_id.clone()),
        external_id: session.external_id.clone(),
        updated_at: shared::rfc3339(session.update_time),
        result,
    }
}

pub fn session_response(session: &Session) -> wire::SessionResponse {
    wire::SessionResponse {
        session: session_to_wire(session),
        html_snippet: shared::html_snippet(session),
    }
}
