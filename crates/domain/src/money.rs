//! Amounts of money and weight as types whose arithmetic is checked: a sum or product that does
//! not fit is `None`, never a wrapped value, so a rule keyed on a cart's value or weight never
//! decides on garbage.

use serde::{Deserialize, Serialize};

/// Money in the minor unit of the purchase currency (öre, cents). There is no `+` or `*`:
/// every sum and product goes through a `checked_` method.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(transparent)]
#[schemars(
    inline,
    description = "An amount in the minor unit of the currency (öre, cents)."
)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_minor(units: i64) -> Self {
        Self(units)
    }

    pub const fn minor(self) -> i64 {
        self.0
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }

    pub fn checked_neg(self) -> Option<Money> {
        self.0.checked_neg().map(Money)
    }

    /// The price of `quantity` items at this price each.
    pub fn checked_mul(self, quantity: i64) -> Option<Money> {
        self.0.checked_mul(quantity).map(Money)
    }

    /// The sum of `amounts`, or `None` when it does not fit.
    pub fn checked_sum(amounts: impl IntoIterator<Item = Money>) -> Option<Money> {
        amounts
            .into_iter()
            .try_fold(Money::ZERO, |total, amount| total.checked_add(amount))
    }

    /// This amount, at least `low` and at most `high`.
    pub fn clamp(self, low: Money, high: Money) -> Money {
        Money(self.0.clamp(low.0, high.0.max(low.0)))
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A weight in grams, with checked arithmetic like [`Money`].
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(transparent)]
#[schemars(inline, description = "A weight in grams.")]
pub struct Grams(i64);

impl Grams {
    pub const ZERO: Grams = Grams(0);

    pub const fn new(grams: i64) -> Self {
        Self(grams)
    }

    pub const fn get(self) -> i64 {
        self.0
    }

    pub fn checked_add(self, other: Grams) -> Option<Grams> {
        self.0.checked_add(other.0).map(Grams)
    }

    /// The weight of `quantity` items of this weight each.
    pub fn checked_mul(self, quantity: i64) -> Option<Grams> {
        self.0.checked_mul(quantity).map(Grams)
    }

    pub fn checked_sum(weights: impl IntoIterator<Item = Grams>) -> Option<Grams> {
        weights
            .into_iter()
            .try_fold(Grams::ZERO, |total, weight| total.checked_add(weight))
    }
}

impl std::fmt::Display for Grams {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} g", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_and_products_that_do_not_fit_are_none() {
        let near_max = Money::from_minor(9_223_372_036_854_775_000);
        assert_eq!(near_max.checked_mul(3), None);
        assert_eq!(near_max.checked_add(Money::from_minor(1_000)), None);
        assert_eq!(
            Money::checked_sum([Money::from_minor(2), Money::from_minor(3)]),
            Some(Money::from_minor(5))
        );
        assert_eq!(Money::checked_sum([near_max, near_max]), None);
        assert_eq!(Grams::new(i64::MAX).checked_mul(2), None);
        assert_eq!(
            Grams::checked_sum([Grams::new(1200), Grams::new(800)]),
            Some(Grams::new(2000))
        );
    }

    #[test]
    fn money_is_a_plain_integer_on_the_wire() {
        let json = serde_json::to_string(&Money::from_minor(4900)).unwrap();
        assert_eq!(json, "4900");
        assert_eq!(
            serde_json::from_str::<Money>("4900").unwrap(),
            Money::from_minor(4900)
        );
    }

    #[test]
    fn clamp_keeps_an_amount_between_its_bounds() {
        let (low, high) = (Money::ZERO, Money::from_minor(100));
        assert_eq!(Money::from_minor(-5).clamp(low, high), low);
        assert_eq!(Money::from_minor(500).clamp(low, high), high);
        assert_eq!(
            Money::from_minor(50).clamp(low, high),
            Money::from_minor(50)
        );
    }
}
