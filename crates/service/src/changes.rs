//! What a write changes in a session, as the core's rules say: a cart becomes the purchase and
//! its deliveries, a customer becomes the recipient, a patch writes the fields it names, and
//! choices are kept across a change while their delivery and option still exist.

use time::OffsetDateTime;

use domain::{
    recipient, Address, CartSplit, CheckoutDetails, Delivery, DeliveryDraft, Session, SessionDraft,
    SINGLE_DELIVERY_ID,
};

use crate::checks::{cart_problems, session_problems};
use crate::commands::{AddressFields, AddressPatch, CartCheckout, CheckoutChange, SessionPatch};
use crate::error::ServiceError;
use crate::Limits;

/// The new session a cart describes.
///
/// # Errors
/// `InvalidArgument` for a cart in another currency, amounts that do not fit, or dates past the
/// readiness horizon.
pub(crate) fn cart_draft(
    c: CartCheckout,
    limits: Limits,
    now: OffsetDateTime,
) -> Result<SessionDraft, ServiceError> {
    let problems = cart_problems(&c.cart, c.split, &c.currency_code, limits, now);
    if !problems.is_empty() {
        return Err(ServiceError::invalid_all(problems));
    }
    let mut cart = c.cart.cart;
    cart.currency = Some(c.currency_code.clone());
    let to = recipient(c.customer.as_ref(), &c.country_code, None);
    Ok(SessionDraft {
        deliveries: cart.deliveries(c.split, &to, SINGLE_DELIVERY_ID),
        purchase: cart.purchase(c.country_code.clone(), c.currency_code, c.locales),
        search_address: c.search_address.map(|a| a.complete(&c.country_code)),
        external_id: c.external_id.filter(|e| !e.trim().is_empty()),
        checkout: Some(CheckoutDetails {
            cart: Some(cart),
            customer: c.customer,
            snippet: c.snippet,
            ..Default::default()
        }),
    })
}

/// Applies a cart-based surface's change: what it names replaces, the rest stays.
///
/// # Errors
/// `InvalidArgument` for a cart the purchase cannot take (see [`cart_draft`]).
pub(crate) fn apply_checkout_change(
    session: &mut Session,
    change: &CheckoutChange,
    limits: Limits,
    now: OffsetDateTime,
) -> Result<(), ServiceError> {
    let country = session.purchase.country_code.clone();
    if let Some(input) = &change.cart {
        let currency = session.purchase.currency_code.clone();
        let split = change.split.unwrap_or(CartSplit::Single);
        let problems = cart_problems(input, split, &currency, limits, now);
        if !problems.is_empty() {
            return Err(ServiceError::invalid_all(problems));
        }
        let mut cart = input.cart.clone();
        cart.currency = Some(currency.clone());
        let customer = change
            .customer
            .as_ref()
            .or(session.checkout.customer.as_ref());
        let first = session.deliveries.first();
        let to = recipient(customer, &country, first.map(|d| &d.recipient_contact));
        let single_id = first
            .map_or(SINGLE_DELIVERY_ID, |d| d.id.as_str())
            .to_owned();
        let drafts = cart.deliveries(split, &to, &single_id);
        session.purchase =
            cart.purchase(country.clone(), currency, session.purchase.locales.clone());
        replace_deliveries(session, drafts);
        session.checkout.cart = Some(cart);
    }
    if let Some(customer) = &change.customer {
        for d in &mut session.deliveries {
            d.recipient_contact = recipient(Some(customer), &country, Some(&d.recipient_contact));
        }
        session.checkout.customer = Some(customer.clone());
    }
    if let Some(address) = &change.search_address {
        session.search_address = Some(address.clone().complete(&country));
    }
    if let Some(info) = &change.additional_info {
        session.checkout.additional_info = Some(info.clone());
    }
    if let Some(external_id) = &change.external_id {
        session.external_id = external_id.clone();
    }
    Ok(())
}

/// Applies the fields a patch names. A change of the purchase or the goods drops the stored
/// cart, which no longer describes them (it is rebuilt from the goods when read).
///
/// # Errors
/// `InvalidArgument` for a search address left without a country.
pub(crate) fn apply_patch(session: &mut Session, patch: &SessionPatch) -> Result<(), ServiceError> {
    let purchase_before = session.purchase.clone();
    let goods_before: Vec<_> = session
        .deliveries
        .iter()
        .map(|d| d.line_items.clone())
        .collect();
    let p = &mut session.purchase;
    if let Some(c) = &patch.country_code {
        p.country_code = c.clone();
    }
    if let Some(c) = &patch.currency_code {
        p.currency_code = c.clone();
    }
    if let Some(d) = patch.total_discount {
        p.total_discount = d;
    }
    if let Some(t) = patch.total_value {
        p.total_value = t;
    }
    if let Some(v) = &patch.vouchers {
        p.vouchers = v.clone();
    }
    if let Some(l) = &patch.locales {
        p.locales = l.clone();
    }
    if let Some(drafts) = &patch.deliveries {
        replace_deliveries(session, drafts.clone());
    }
    match &patch.search_address {
        None => {}
        Some(AddressPatch::Replace(a)) => session.search_address = a.clone(),
        Some(AddressPatch::Fields(fields)) => {
            session.search_address = Some(merge_address(session.search_address.take(), fields)?)
        }
    }
    if let Some(e) = &patch.external_id {
        session.external_id = e.clone();
    }
    let goods_after: Vec<_> = session
        .deliveries
        .iter()
        .map(|d| d.line_items.clone())
        .collect();
    if session.purchase != purchase_before || goods_after != goods_before {
        session.checkout.cart = None;
    }
    Ok(())
}

fn merge_address(current: Option<Address>, f: &AddressFields) -> Result<Address, ServiceError> {
    let mut a = match (current, &f.country_code) {
        (Some(a), _) => a,
        (None, Some(country)) => Address::in_country(country.clone()),
        (None, None) => {
            return Err(ServiceError::invalid(
                "search_address.country_code",
                "is required: the session has no search address yet",
            ))
        }
    };
    if let Some(c) = &f.country_code {
        a.country_code = c.clone();
    }
    if let Some(r) = &f.region_code {
        a.region_code = r.clone();
    }
    if let Some(p) = &f.postal_code {
        a.postal_code = p.clone();
    }
    if let Some(c) = &f.city {
        a.city = c.clone();
    }
    if let Some(l) = &f.address_lines {
        a.address_lines = l.clone();
    }
    if let Some(c) = f.coordinates {
        a.coordinates = c;
    }
    if let Some(s) = &f.street {
        a.street = s.clone();
    }
    if let Some(n) = &f.street_number {
        a.street_number = n.clone();
    }
    Ok(a)
}

/// New deliveries in place of the session's, each keeping the customer's choice of the
/// delivery with the same id (the engine drops it if its option is no longer offered).
pub(crate) fn replace_deliveries(session: &mut Session, drafts: Vec<DeliveryDraft>) {
    let old = std::mem::take(&mut session.deliveries);
    session.deliveries = drafts
        .into_iter()
        .map(|draft| {
            let mut delivery = Delivery::from_draft(draft);
            delivery.choice = old
                .iter()
                .find(|d| d.id == delivery.id)
                .and_then(|d| d.choice.clone());
            delivery
        })
        .collect();
}

/// The rules every stored session keeps, whichever surface wrote it.
///
/// # Errors
/// `InvalidArgument` for a duplicate delivery id, more than one delivery on a re-opened
/// session, or goods and readiness out of bounds.
pub(crate) fn check_session(
    session: &Session,
    limits: Limits,
    now: OffsetDateTime,
) -> Result<(), ServiceError> {
    let problems = session_problems(session, limits, now);
    if !problems.is_empty() {
        return Err(ServiceError::invalid_all(problems));
    }
    for (i, d) in session.deliveries.iter().enumerate() {
        if session.deliveries[..i].iter().any(|e| e.id == d.id) {
            return Err(ServiceError::invalid(
                format!("deliveries[{i}].id"),
                format!("duplicate delivery id `{}`", d.id),
            ));
        }
    }
    if session.source_order_id.is_some() && session.deliveries.len() != 1 {
        return Err(ServiceError::invalid(
            "deliveries",
            "a session re-opened from a transport order has exactly one delivery",
        ));
    }
    Ok(())
}
