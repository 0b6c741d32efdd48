//! The bounds every write checks before it is stored: amounts that fit (line values, weights,
//! totals) and readiness within the horizon, each violation named by its request path.

use time::OffsetDateTime;

use crate::commands::CartInput;
use crate::Limits;
use domain::bounds::check_readiness;
use domain::{
    CartOverflow, CartSplit, CurrencyCode, Delivery, FieldViolation, Goods, GoodsOverflow, Money,
    Session,
};

const TOO_LARGE: &str = "is too large: the amount does not fit in a 64-bit integer";

/// The problems of a session's goods and readiness, named as the headless API names them
/// (`deliveries[0].line_items[1].price`).
pub(crate) fn session_problems(
    session: &Session,
    limits: Limits,
    now: OffsetDateTime,
) -> Vec<FieldViolation> {
    if let Some(too_many) = size_problem(session, limits) {
        // Nothing more is looked at: the point of the bound is not to walk what is past it.
        return vec![too_many];
    }
    let mut v = Vec::new();
    let mut values = Vec::new();
    for (i, d) in session.deliveries.iter().enumerate() {
        let at = format!("deliveries[{i}]");
        match Goods::of(&d.line_items) {
            Ok(goods) => values.push(goods.value),
            Err(overflow) => v.push(goods_violation(&at, overflow)),
        }
        readiness_problems(d, &at, now, &mut v);
    }
    if v.is_empty()
        && session.purchase.total_value.is_none()
        && Money::checked_sum(values).is_none()
    {
        v.push(FieldViolation::new(
            "deliveries",
            format!("the goods' value together {TOO_LARGE}"),
        ));
    }
    v
}

fn size_problem(session: &Session, limits: Limits) -> Option<FieldViolation> {
    let deliveries = session.deliveries.len();
    if deliveries > limits.max_deliveries {
        return Some(FieldViolation::new(
            "deliveries",
            format!(
                "has {deliveries} deliveries; a session holds at most {}",
                limits.max_deliveries
            ),
        ));
    }
    let mut lines = 0usize;
    for (i, d) in session.deliveries.iter().enumerate() {
        lines = lines.saturating_add(d.line_items.len());
        if lines > limits.max_line_items {
            return Some(FieldViolation::new(
                format!("deliveries[{i}].line_items"),
                format!(
                    "brings the session past {} line items, the most it holds",
                    limits.max_line_items
                ),
            ));
        }
    }
    None
}

fn goods_violation(at: &str, overflow: GoodsOverflow) -> FieldViolation {
    match overflow {
        GoodsOverflow::LineValue(j) => FieldViolation::new(
            format!("{at}.line_items[{j}].price"),
            format!("times the quantity {TOO_LARGE}"),
        ),
        GoodsOverflow::LineWeight(j) => FieldViolation::new(
            format!("{at}.line_items[{j}].weight"),
            format!("times the quantity {TOO_LARGE}"),
        ),
        GoodsOverflow::TotalValue => FieldViolation::new(
            format!("{at}.line_items"),
            format!("the lines' value together {TOO_LARGE}"),
        ),
        GoodsOverflow::TotalWeight => FieldViolation::new(
            format!("{at}.line_items"),
            format!("the lines' weight together {TOO_LARGE}"),
        ),
    }
}

fn readiness_problems(d: &Delivery, at: &str, now: OffsetDateTime, v: &mut Vec<FieldViolation>) {
    for (j, f) in d.fulfillments.iter().enumerate() {
        let path = format!("{at}.fulfillments[{j}].readiness");
        if let Err(e) = check_readiness(f.ready_earliest, now) {
            v.push(FieldViolation::new(format!("{path}.earliest_time"), e));
        }
        if let Some(Err(e)) = f.ready_latest.map(|t| check_readiness(t, now)) {
            v.push(FieldViolation::new(format!("{path}.latest_time"), e));
        }
    }
}

fn cart_size_problem(
    input: &CartInput,
    split: CartSplit,
    limits: Limits,
) -> Option<FieldViolation> {
    let items = input.cart.items.len();
    let field = format!("{}.items", input.field);
    if items > limits.max_line_items {
        return Some(FieldViolation::new(
            field,
            format!(
                "has {items} items; a cart holds at most {}",
                limits.max_line_items
            ),
        ));
    }
    if split == CartSplit::BySiteAndDate {
        let groups = input.cart.groups().len();
        if groups > limits.max_deliveries {
            return Some(FieldViolation::new(
                field,
                format!(
                    "ship from {groups} different sites and dates; a cart ships in at most {} \
                     delivery groups",
                    limits.max_deliveries
                ),
            ));
        }
    }
    None
}

/// The problems of a cart for a purchase in `currency`: those the surface found, and the
/// service's.
pub(crate) fn cart_problems(
    input: &CartInput,
    split: CartSplit,
    currency: &CurrencyCode,
    limits: Limits,
    now: OffsetDateTime,
) -> Vec<FieldViolation> {
    let (cart, field) = (&input.cart, input.field);
    let mut v = input.problems.clone();
    if let Some(too_many) = cart_size_problem(input, split, limits) {
        v.push(too_many);
        return v;
    }
    let currency_field = format!("{field}.currency");
    if let Some(problem) = cart.currency_mismatch(currency) {
        // The surface may have seen it already, when the request named the currency.
        if !v.iter().any(|p| p.field == currency_field) {
            v.push(FieldViolation::new(currency_field, problem));
        }
    }
    // An amount already refused (past its bound) would be reported again as an overflow.
    if let Some(overflow) = cart.overflow().filter(|_| v.is_empty()) {
        v.push(match overflow {
            CartOverflow::ItemValue(j) => FieldViolation::new(
                format!("{field}.items[{j}].price"),
                format!("times the quantity {TOO_LARGE}"),
            ),
            CartOverflow::ItemWeight(j) => FieldViolation::new(
                format!("{field}.items[{j}].weight"),
                format!("times the quantity {TOO_LARGE}"),
            ),
            CartOverflow::TotalValue => FieldViolation::new(
                format!("{field}.items"),
                format!("the items' value together {TOO_LARGE}"),
            ),
            CartOverflow::TotalWeight => FieldViolation::new(
                format!("{field}.items"),
                format!("the items' weight together {TOO_LARGE}"),
            ),
        });
    }
    if let Some(Err(e)) = cart.shipping_date.map(|d| check_readiness(d.starts(), now)) {
        v.push(FieldViolation::new(format!("{field}.shipping_date"), e));
    }
    for (j, item) in cart.items.iter().enumerate() {
        if let Some(Err(e)) = item.shipping_date.map(|d| check_readiness(d.starts(), now)) {
            v.push(FieldViolation::new(
                format!("{field}.items[{j}].shipping_date"),
                e,
            ));
        }
    }
    v
}
