//! Shipping prices in minor units of the purchase currency, with the components that make them
//! up. A category without a price in the currency is never offered: no conversion rates.

use domain::config::{CarrierProductConfig, CategoryConfig, VoucherConfig, VoucherEffect};
use domain::{Minor, PriceComponent, PriceComponentKind};

/// The price and its components, or `None` when the category cannot be priced for this
/// delivery (no price in the currency, or heavier than its heaviest weight tier).
pub fn shipping_price(
    category: &CategoryConfig,
    product: &CarrierProductConfig,
    currency: &str,
    weight_grams: i64,
    cart_value: Minor,
    vouchers: &[&VoucherConfig],
) -> Option<(Minor, Vec<PriceComponent>)> {
    let base = *category.price.get(currency)?;
    let (charge, reference) = if let Some(p) = category
        .product_prices
        .get(&product.id)
        .and_then(|prices| prices.get(currency))
    {
        (*p, "product_price".to_owned())
    } else if category.weight_tiers.is_empty() {
        (base, "base".to_owned())
    } else {
        let tier = category
            .weight_tiers
            .iter()
            .find(|t| weight_grams <= t.up_to_grams)?;
        (
            *tier.price.get(currency).unwrap_or(&base),
            "weight_tier".to_owned(),
        )
    };
    let mut components = vec![PriceComponent {
        kind: PriceComponentKind::Shipping,
        amount: charge,
        reference,
    }];
    // The best single discount applies; discounts do not stack.
    let mut best: Option<(Minor, String)> = None;
    let mut consider = |discount: Minor, reference: String| {
        let discount = discount.clamp(0, charge);
        if discount > 0 && best.as_ref().is_none_or(|(d, _)| discount > *d) {
            best = Some((discount, reference));
        }
    };
    if category
        .free_shipping_from
        .get(currency)
        .is_some_and(|threshold| cart_value >= *threshold)
    {
        consider(charge, "free_shipping".to_owned());
    }
    for voucher in vouchers {
        let discount = match &voucher.effect {
            VoucherEffect::FreeShipping => Some(charge),
            VoucherEffect::FixedPrice { price } => price.get(currency).map(|p| charge - p),
            VoucherEffect::AmountOff { amount } => amount.get(currency).copied(),
        };
        if let Some(d) = discount {
            consider(d, voucher.code.clone());
        }
    }
    if let Some((discount, reference)) = best {
        components.push(PriceComponent {
            kind: PriceComponentKind::Discount,
            amount: -discount,
            reference,
        });
    }
    let price = components.iter().map(|c| c.amount).sum();
    Some((price, components))
}
