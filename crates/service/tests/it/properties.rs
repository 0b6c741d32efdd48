//! Random goods, prices, quantities and dates, through the same commands the surfaces send:
//! the service never panics, and what it accepts is never priced or totalled below zero.

use proptest::prelude::*;
use time::Duration;

use domain::{CartSplit, Goods, Grams, Money, ShippingDate};
use service::{CreateSession, NewSession, ServiceError};

use super::*;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Amounts from the ordinary to the edge of the integers.
fn amount() -> impl Strategy<Value = i64> {
    prop_oneof![0i64..1_000_000, 0i64..=i64::MAX, Just(i64::MAX)]
}

fn quantity() -> impl Strategy<Value = i32> {
    prop_oneof![1i32..10, 1i32..=i32::MAX]
}

/// Days from now, to both ends of the calendar the time library can hold.
fn days() -> impl Strategy<Value = i64> {
    prop_oneof![-30i64..800, -2_900_000i64..2_900_000]
}

/// What the service answered is either an accepted session whose every amount is sound, or a
/// refusal naming fields.
fn check(result: Result<domain::Session, ServiceError>) -> Result<(), TestCaseError> {
    match result {
        Ok(s) => {
            let mut values = Vec::new();
            for d in &s.deliveries {
                let goods = Goods::of(&d.line_items).map_err(|e| {
                    TestCaseError::fail(format!("stored goods that do not fit: {e:?}"))
                })?;
                prop_assert!(goods.value >= Money::ZERO && goods.weight >= Grams::ZERO);
                values.push(goods.value);
                for o in d
                    .delivery_categories
                    .iter()
                    .flat_map(|c| &c.delivery_options)
                {
                    prop_assert!(o.price >= Money::ZERO, "option {} at {}", o.id, o.price);
                    prop_assert_eq!(
                        Money::checked_sum(o.price_components.iter().map(|c| c.amount)),
                        Some(o.price)
                    );
                }
            }
            prop_assert!(Money::checked_sum(values).is_some());
            Ok(())
        }
        Err(ServiceError::InvalidArgument { violations, .. }) => {
            prop_assert!(!violations.is_empty());
            Ok(())
        }
        Err(other) => Err(TestCaseError::fail(format!("unexpected error: {other:?}"))),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn random_deliveries_never_panic_nor_price_below_zero(
        lines in prop::collection::vec((quantity(), amount(), prop::option::of(amount())), 1..5),
        ready in days(),
    ) {
        let (service, _) = service();
        let mut d = draft();
        d.deliveries[0].line_items = lines
            .iter()
            .map(|(q, price, weight)| {
                let mut line = pot(*q, *price);
                line.weight = weight.map(Grams::new);
                line
            })
            .collect();
        if let Some(t) = NOW.checked_add(Duration::days(ready)) {
            d.deliveries[0].fulfillments[0].ready_earliest = t;
        }
        let result = runtime().block_on(service.create(
            MERCHANT,
            CreateSession { id: None, content: NewSession::Draft(d), request: None },
        ));
        check(result)?;
    }

    #[test]
    fn random_carts_never_panic_nor_price_below_zero(
        items in prop::collection::vec(
            (quantity(), prop::option::of(amount()), prop::option::of(amount()), prop::option::of(days())),
            1..5,
        ),
        split in prop_oneof![Just(CartSplit::Single), Just(CartSplit::BySiteAndDate)],
    ) {
        let (service, _) = service();
        let mut input = cart(Vec::new());
        input.cart.items = items
            .iter()
            .enumerate()
            .map(|(i, (q, price, weight, ships))| {
                let mut item = cart_item(&format!("SKU-{i}"), 0, (i % 2 == 0).then_some("gbg-west"));
                item.quantity = *q;
                item.price = price.map(Money::from_minor);
                item.weight = weight.map(Grams::new);
                item.shipping_date = ships
                    .and_then(|d| NOW.checked_add(Duration::days(d)))
                    .map(ShippingDate::Instant);
                item
            })
            .collect();
        let result = runtime().block_on(service.create(
            MERCHANT,
            CreateSession { id: None, content: NewSession::Cart(checkout(input, split)), request: None },
        ));
        check(result)?;
    }
}
