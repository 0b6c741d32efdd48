//! Shipping prices in minor units of the purchase currency, with the components that make them
//! up. A category without a price in the currency is never offered: no conversion rates.

use domain::config::{CarrierProductConfig, CategoryConfig, VoucherConfig, VoucherEffect};
use domain::{Grams, Money, PriceComponent, PriceComponentKind};

/// The price and its components, or `None` when the category cannot be priced for this
/// delivery (no price in the currency, or heavier than its heaviest weight tier). A `live`
/// price (a provider's) replaces the configured charge; free shipping and vouchers still apply.
pub fn shipping_price(
    category: &CategoryConfig,
    product: &CarrierProductConfig,
    currency: &str,
    weight: Grams,
    cart_value: Money,
    vouchers: &[&VoucherConfig],
    live: Option<Money>,
) -> Option<(Money, Vec<PriceComponent>)> {
    let base = *category.price.get(currency)?;
    let (charge, reference) = if let Some(p) = live {
        (p, "provider".to_owned())
    } else if let Some(p) = category
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
            .find(|t| weight <= t.up_to_grams)?;
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
    let mut best: Option<(Money, String)> = None;
    let mut consider = |discount: Money, reference: String| {
        let discount = discount.clamp(Money::ZERO, charge);
        if discount > Money::ZERO && best.as_ref().is_none_or(|(d, _)| discount > *d) {
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
            VoucherEffect::FixedPrice { price } => {
                price.get(currency).and_then(|p| charge.checked_sub(*p))
            }
            VoucherEffect::AmountOff { amount } => amount.get(currency).copied(),
        };
        if let Some(d) = discount {
            consider(d, voucher.code.clone());
        }
    }
    if let Some((discount, reference)) = best {
        components.push(PriceComponent {
            kind: PriceComponentKind::Discount,
            amount: discount.checked_neg()?,
            reference,
        });
    }
    // Configured amounts are bounded (`MAX_CONFIG_AMOUNT`), so this sum always fits.
    let price = Money::checked_sum(components.iter().map(|c| c.amount))?;
    Some((price, components))
}
