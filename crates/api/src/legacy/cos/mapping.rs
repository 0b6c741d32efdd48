//! Translation between COS wire objects and the domain: requests into drafts and choices, the
//! session into categories, options, choices and the result.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use crate::legacy::shared::choice::{choice_of, user_choice};
use crate::legacy::shared::model as shared_wire;
use crate::legacy::shared::parse;
use crate::legacy::shared::render::{
    self as shared, delivery_type, location_to_wire, pricing, result_category, rfc3339, selected,
    supports, time_slot,
};
use domain::{
    self, CartSplit, DeliveryCategory, DeliveryOption, DeliveryType, FieldViolation,
    PriceComponentKind, Session, Violations,
};
use service::{CartCheckout, CheckoutChange, SessionChange, UpdateSession};

use super::model as wire;

// ---- requests ----

/// Validates a create request into the core command.
pub fn create(req: wire::CreateSessionRequest) -> Result<CartCheckout, Vec<FieldViolation>> {
    let mut v = Violations::new();
    let country = parse::country(Some(&req.purchase_country), "purchase_country", &mut v);
    let currency = parse::currency(&req.purchase_currency, "purchase_currency", &mut v);
    let locales = parse::locales(
        req.locale.as_deref(),
        &req.locales,
        "locale",
        "locales",
        &mut v,
    );
    let cart = parse::cart_in(req.cart, "cart", currency.as_ref());
    let customer = parse::customer_or_info(req.customer, req.customer_info, &mut v);
    let search_address = req
        .search_address
        .and_then(|a| parse::search_address(a, "search_address", &mut v));
    let external_id = req
        .external_id
        .and_then(|e| parse::external_id(&e, "external_id", &mut v));
    match (country, currency) {
        (Some(country_code), Some(currency_code)) if v.is_empty() => Ok(CartCheckout {
            country_code,
            currency_code,
            locales,
            cart,
            split: CartSplit::Single,
            customer,
            search_address,
            external_id,
            snippet: None,
        }),
        _ => Err(parse::refused(v, Some(&cart))),
    }
}

/// Validates an update request: what it changes, and the user choice to make afterwards.
pub fn update(req: wire::UpdateSessionRequest) -> Result<UpdateSession, Vec<FieldViolation>> {
    let mut v = Violations::new();
    let cart = req.cart.map(|c| parse::cart(c, "cart"));
    let customer = parse::customer_or_info(req.customer, req.customer_info, &mut v);
    let search_address = req
        .search_address
        .and_then(|a| parse::search_address(a, "search_address", &mut v));
    let picks = user_choice(req.user_choice.as_ref(), &mut v);
    let external_id = req
        .external_id
        .map(|e| parse::external_id(&e, "external_id", &mut v));
    if !v.is_empty() {
        return Err(parse::refused(v, cart.as_ref()));
    }
    Ok(UpdateSession {
        change: SessionChange::Checkout(CheckoutChange {
            cart,
            split: Some(CartSplit::Single),
            customer,
            search_address,
            additional_info: req.additional_info.map(parse::additional_info),
            external_id,
        }),
        picks,
    })
}

// ---- the session ----

/// Options computed without an address are placeholders: COS shows them as categories only.
fn located(category: &DeliveryCategory) -> bool {
    category.options_source.located()
}

pub fn session_to_wire(s: &Session) -> wire::Session {
    let mut session = raw_session(s);
    // A postal code only places the search roughly: COS shows distances once a street or
    // coordinates say where the customer really is.
    let precise = s
        .search_address
        .as_ref()
        .is_some_and(|a| a.coordinates.is_some() || !a.address_lines.is_empty());
    if !precise {
        let locations = session
            .shipping_options
            .iter_mut()
            .flat_map(|o| o.locations.iter_mut())
            .chain(
                session
                    .result
                    .iter_mut()
                    .flat_map(|r| r.shipping.location.as_mut()),
            );
        for location in locations {
            location.distance = None;
        }
    }
    session
}

fn raw_session(s: &Session) -> wire::Session {
    let currency = s.purchase.currency_code.as_str();
    let delivery = s.deliveries.first();
    let categories: &[DeliveryCategory] = delivery.map_or(&[], |d| &d.delivery_categories);
    let any_located = categories.iter().any(located);
    let choices = categories
        .iter()
        .flat_map(|c| {
            let options: Vec<&DeliveryOption> = if any_located {
                c.delivery_options.iter().collect()
            } else {
                // One choice per category before an address is known.
                c.delivery_options.iter().take(1).collect()
            };
            options.into_iter().map(move |o| choice_of(c, o))
        })
        .collect();
    let user_choice = delivery.and_then(|d| {
        let choice = d
            .choice
            .as_ref()
            .filter(|_| !d.completed_with_preselection)?;
        d.find_option(&choice.option_id)
            .map(|(c, o)| choice_of(c, o))
    });
    let preselected_choice = delivery.and_then(|d| {
        let (c, o) = d
            .delivery_categories
            .iter()
            .flat_map(|c| c.delivery_options.iter().map(move |o| (c, o)))
            .find(|(_, o)| o.preselected)?;
        Some(choice_of(c, o))
    });
    let result = delivery
        .and_then(selected)
        .map(|(c, o, _)| wire::SessionResult {
            shipping: result_shipping(c, o),
            category: result_category(c, false),
            pricing: pricing(c, o, currency, false),
        });
    wire::Session {
        id: s.id.to_string(),
        token: s.token.clone(),
        status: shared::status(s.state).to_owned(),
        cart: shared::cart_to_wire(s),
        user_choice,
        preselected_choice,
        shipping_categories: categories
            .iter()
            .map(|c| shipping_category(c, currency))
            .collect(),
        shipping_options: if any_located {
            shipping_options(categories, currency)
        } else {
            Vec::new()
        },
        purchase_country: s.purchase.country_code.as_str().to_owned(),
        purchase_currency: currency.to_owned(),
        locale: s
            .purchase
            .locales
            .first()
            .map(|l| l.as_str().to_owned())
            .unwrap_or_default(),
        external_id: s.external_id.clone(),
        choices,
        additional_information: s
            .checkout
            .additional_info
            .as_ref()
            .map(shared::additional_info_to_wire),
        expires_at: s.expire_time.map(rfc3339),
        tos_id: delivery
            .and_then(|d| d.transport_order.as_ref())
            .or(s.source_order_id.as_ref())
            .map(ToString::to_string),
        custom_shipping_locations: s
            .checkout
            .custom_locations
            .iter()
            .map(|c| wire::CustomShippingLocation {
                shipping_method: c.shipping_method.clone(),
                location_ref: c.location_ref.clone(),
                added_at: rfc3339(c.added_at),
            })
            .collect(),
        customer: s.checkout.customer.as_ref().map(shared::customer_to_wire),
        search_address: shared::search_address_to_wire(s),
        updated_at: rfc3339(s.update_time),
        result,
    }
}

fn shipping_category(c: &DeliveryCategory, currency: &str) -> wire::ShippingCategory {
    let mut prices: BTreeMap<String, i64> = BTreeMap::new();
    let o_price = |o: &DeliveryOption| o.price.minor();
    let mut methods: Vec<String> = Vec::new();
    for o in &c.delivery_options {
        let price = prices
            .entry(o.carrier.product_id.clone())
            .or_insert(o_price(o));
        *price = (*price).min(o_price(o));
        if !methods.contains(&o.carrier.product_id) {
            methods.push(o.carrier.product_id.clone());
        }
    }
    let lowest = prices.values().min().copied();
    wire::ShippingCategory {
        id: c.id.clone(),
        name: c.display_name.clone(),
        price: lowest,
        sort_order: c.sort_order,
        shipping_methods: methods,
        preselected: c.preselected,
        requirements: wire::Requirements {
            address: c.delivery_type == DeliveryType::Delivery,
            hide_shipping_options: false,
            use_price_from: !located(c) && prices.values().any(|p| Some(*p) != lowest),
            customer_number: false,
        },
        delivery_type: delivery_type(c.delivery_type).to_owned(),
        time_slot: c.delivery_options.first().map(time_slot),
        external_id: c.external_id.clone(),
        currency: currency.to_owned(),
        prices,
    }
}

/// One option per shipping method, with the locations and time slots of every category and
/// option that offers it, in the order the rules sorted them.
fn shipping_options(categories: &[DeliveryCategory], currency: &str) -> Vec<wire::ShippingOption> {
    let mut out: Vec<wire::ShippingOption> = Vec::new();
    for c in categories {
        for o in &c.delivery_options {
            let slot = time_slot(o);
            let location = o.pickup_location.as_ref().map(location_to_wire);
            match out
                .iter_mut()
                .find(|s| s.shipping_method == o.carrier.product_id)
            {
                Some(existing) => {
                    if let Some(l) = location {
                        if !existing
                            .locations
                            .iter()
                            .any(|e| e.external_id == l.external_id)
                        {
                            existing.locations.push(l);
                        }
                    }
                    if !existing.time_slots.iter().any(|t| t.id == slot.id) {
                        existing.time_slots.push(slot);
                    }
                    existing.routes.push(route(c, o));
                }
                None => out.push(wire::ShippingOption {
                    shipping_method: o.carrier.product_id.clone(),
                    delivery_type: delivery_type(c.delivery_type).to_owned(),
                    carrier: o.carrier.name.clone(),
                    product: o.carrier.product_name.clone(),
                    price: o.price.minor(),
                    currency: currency.to_owned(),
                    locations: location.into_iter().collect(),
                    time_slots: vec![slot],
                    external_method_id: o.carrier.external_id.clone(),
                    default_addons: addons(c, o, |a| a.preselected),
                    supports: supports(c),
                    meta: o.carrier.meta.clone(),
                    routes: vec![route(c, o)],
                    shipping_cost: shipping_cost(o),
                }),
            }
        }
    }
    out
}

fn addons(
    c: &DeliveryCategory,
    o: &DeliveryOption,
    keep: impl Fn(&domain::Addon) -> bool,
) -> Vec<shared_wire::CarrierAddon> {
    c.addons
        .iter()
        .filter(|a| keep(a) && o.supports_addon(&a.id))
        .map(|a| shared_wire::CarrierAddon {
            name: a.id.clone(),
            code: serde_json::to_value(a.addon_type)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            description: a.display_name.clone(),
        })
        .collect()
}

fn shipping_cost(o: &DeliveryOption) -> wire::ShippingCost {
    wire::ShippingCost {
        billing_items: o
            .price_components
            .iter()
            .map(|p| wire::BillingItem {
                description: match p.kind {
                    PriceComponentKind::Shipping => "shipping".to_owned(),
                    PriceComponentKind::Addon => format!("addon: {}", p.reference),
                    PriceComponentKind::Discount => format!("discount: {}", p.reference),
                },
                cost: wire::Cost {
                    amount: p.amount.minor(),
                },
            })
            .collect(),
        total_cost: wire::Cost {
            amount: o.price.minor(),
        },
    }
}

/// A UUID that stays the same for the same option.
fn stable_uuid(seed: &str) -> String {
    let digest = Sha256::digest(seed.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

/// The one leg of a direct delivery: from the warehouse to the location or the door.
fn route(c: &DeliveryCategory, o: &DeliveryOption) -> wire::Route {
    let to = match &o.pickup_location {
        Some(l) => wire::LegLocation {
            address: l
                .visiting_contact
                .as_ref()
                .map(|v| shared::address_to_wire(&v.address, Some(&l.title))),
            location_type: "STORE".into(),
            external_id: Some(l.external_id.clone()),
        },
        // A pickup option without a location: the carrier picks the point when it books.
        None if matches!(
            c.delivery_type,
            DeliveryType::Pickup | DeliveryType::Instore
        ) =>
        {
            wire::LegLocation {
                address: None,
                location_type: "UNKNOWN".into(),
                external_id: None,
            }
        }
        None => wire::LegLocation {
            address: None,
            location_type: "HOME".into(),
            external_id: None,
        },
    };
    wire::Route {
        id: stable_uuid(&o.id),
        shipping_legs: vec![wire::ShippingLeg {
            shipping_method: o.carrier.product_id.clone(),
            delivery_type: delivery_type(c.delivery_type).to_owned(),
            from: wire::LegLocation {
                address: c
                    .warehouse
                    .as_ref()
                    .map(|w| shared::address_to_wire(&w.address, Some(&w.id))),
                location_type: "WAREHOUSE".into(),
                external_id: c.warehouse.as_ref().map(|w| w.id.clone()),
            },
            to,
        }],
    }
}

fn result_shipping(c: &DeliveryCategory, o: &DeliveryOption) -> wire::ResultShipping {
    wire::ResultShipping {
        shipping_method: o.carrier.product_id.clone(),
        delivery_type: delivery_type(c.delivery_type).to_owned(),
        carrier: o.carrier.name.clone(),
        product: o.carrier.product_name.clone(),
        location: o.pickup_location.as_ref().map(location_to_wire),
        delivery_time: Some(time_slot(o)),
        external_method_id: o.carrier.external_id.clone(),
        addons: addons(c, o, |a| a.chosen || a.preselected),
        supports: supports(c),
        meta: o.carrier.meta.clone(),
        route: Some(route(c, o)),
    }
}

pub fn search_location(found: &domain::FoundLocation) -> wire::SearchLocation {
    let l = location_to_wire(&found.location);
    wire::SearchLocation {
        external_id: l.external_id,
        name: l.name,
        address: l.address,
        operational_hours: l.operational_hours,
        shipping_method: found.shipping_method.clone(),
    }
}
