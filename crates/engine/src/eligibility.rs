//! Who may be offered what: whether a category or a carrier product serves a shipment, and if
//! not, why, so a session that is offered nothing can say so.

use std::collections::BTreeSet;

use domain::config::{CarrierProductConfig, CategoryConfig, MerchantConfig};
use domain::DeliveryType;

use crate::{pricing, Shipment};

fn missing<'a>(attributes: &BTreeSet<&str>, wanted: &'a [String]) -> Option<&'a str> {
    wanted
        .iter()
        .find(|w| !attributes.contains(w.as_str()))
        .map(String::as_str)
}

fn present<'a>(attributes: &BTreeSet<&str>, unwanted: &'a [String]) -> Option<&'a str> {
    unwanted
        .iter()
        .find(|u| attributes.contains(u.as_str()))
        .map(String::as_str)
}

/// Why category `c` does not serve the shipment, or `None` when it does (its products aside).
pub(crate) fn category_refusal(c: &CategoryConfig, s: &Shipment) -> Option<String> {
    let country = s.destination.country_code.as_str();
    if !c.countries.is_empty() && !c.countries.iter().any(|x| x == country) {
        return Some(format!("it does not deliver to {country}"));
    }
    if let Some(region) = s
        .destination
        .region_code
        .as_deref()
        .filter(|r| c.exclude_regions.iter().any(|x| x.eq_ignore_ascii_case(r)))
    {
        return Some(format!("it excludes region {region}"));
    }
    if let Some(a) = missing(&s.attributes, &c.require_attributes) {
        return Some(format!("it needs the attribute `{a}`"));
    }
    if let Some(a) = present(&s.attributes, &c.exclude_attributes) {
        return Some(format!("the attribute `{a}` excludes it"));
    }
    if let Some(min) = c
        .min_cart_value
        .get(s.currency)
        .filter(|m| s.cart_value < **m)
    {
        return Some(format!(
            "the cart's value {} is below its minimum {min}",
            s.cart_value
        ));
    }
    if let Some(max) = c
        .max_cart_value
        .get(s.currency)
        .filter(|m| s.cart_value > **m)
    {
        return Some(format!(
            "the cart's value {} is above its maximum {max}",
            s.cart_value
        ));
    }
    None
}

/// Why carrier product `p` does not carry the shipment, or `None` when it does.
pub(crate) fn product_refusal(p: &CarrierProductConfig, s: &Shipment) -> Option<String> {
    let country = s.destination.country_code.as_str();
    if !p.countries.iter().any(|c| c == country) {
        return Some(format!("`{}` does not deliver to {country}", p.id));
    }
    if let Some(a) = missing(&s.attributes, &p.require_attributes) {
        return Some(format!("`{}` needs the attribute `{a}`", p.id));
    }
    if let Some(a) = present(&s.attributes, &p.exclude_attributes) {
        return Some(format!("the attribute `{a}` excludes `{}`", p.id));
    }
    if let Some(max) = p.max_weight_grams.filter(|max| s.weight > *max) {
        return Some(format!(
            "`{}` carries at most {max} and the goods weigh {}",
            p.id, s.weight
        ));
    }
    let too_big = p.max_dimensions_mm.is_some_and(|limit| {
        let mut max = [limit.length, limit.width, limit.height];
        max.sort_unstable_by(|a, b| b.cmp(a));
        s.parcels
            .iter()
            .any(|sides| sides.iter().zip(max.iter()).any(|(side, m)| side > m))
    });
    if too_big {
        return Some(format!("an item is larger than `{}` takes", p.id));
    }
    None
}

/// Why a shipment is offered nothing: one sentence per category, in sort order.
pub(crate) fn nothing_offered(config: &MerchantConfig, s: &Shipment) -> Vec<String> {
    let mut categories: Vec<&CategoryConfig> = config.categories.iter().collect();
    categories.sort_by(|a, b| (a.sort_order, &a.id).cmp(&(b.sort_order, &b.id)));
    if !categories.iter().any(|c| c.price.contains_key(s.currency)) {
        return vec![format!(
            "no delivery category has a price in {}",
            s.currency
        )];
    }
    categories
        .into_iter()
        .map(|c| {
            let why = if !c.price.contains_key(s.currency) {
                format!("it has no price in {}", s.currency)
            } else if let Some(refusal) = category_refusal(c, s) {
                refusal
            } else {
                let products: Vec<String> = c
                    .products
                    .iter()
                    .filter_map(|id| config.product(id))
                    .map(|p| {
                        product_refusal(p, s).unwrap_or_else(|| {
                            let priced = pricing::shipping_price(
                                c,
                                p,
                                s.currency,
                                s.weight,
                                s.cart_value,
                                &[],
                                None,
                            );
                            let at_points = matches!(
                                c.delivery_type,
                                DeliveryType::Pickup | DeliveryType::Instore
                            );
                            match priced {
                                None => format!("`{}` has no price for {}", p.id, s.weight),
                                Some(_) if at_points && s.coordinates.is_some() => format!(
                                    "`{}` has no pickup point within {} km",
                                    p.id, config.pickup_radius_km
                                ),
                                Some(_) => format!("`{}` has no date it can promise", p.id),
                            }
                        })
                    })
                    .collect();
                products.join("; ")
            };
            format!("category `{}`: {why}", c.id)
        })
        .collect()
}
