//! Limits on what clients may state, chosen so that every later computation stays far from the
//! edges of the calendar and of the integers.

use time::{Duration, OffsetDateTime};

/// How far ahead goods may be said to be ready (a readiness time, a shipping date): two years.
/// Pre-orders and seasonal goods are quoted up to about a year ahead, so two years refuses no
/// real checkout; and it keeps every calendar walk the engine makes (the next cutoff, handling
/// and transit days, holidays) thousands of years away from the last day the time libraries
/// can represent.
pub const READINESS_HORIZON: Duration = Duration::days(731);

/// The largest amount a client may state (a price, a discount, a total), in minor units: a
/// hundred million in a two-decimal currency. Unit prices this large times [`MAX_QUANTITY`] over
/// the 500 lines a session holds by default still fit in 64 bits, so sums and products of
/// amounts a client sent only overflow when an operator raises the line limit far past it.
pub const MAX_AMOUNT: i64 = 10_000_000_000;

/// The most items one line (or cart item) may count.
pub const MAX_QUANTITY: i32 = 1_000_000;

/// The heaviest item a client may state, in grams (a thousand tonnes).
pub const MAX_WEIGHT_GRAMS: i64 = 1_000_000_000;

/// Whether an amount a client sent is within `0..=MAX_AMOUNT`; the message for a field violation
/// otherwise.
///
/// # Errors
/// What is wrong, for a field violation.
pub fn check_amount(amount: i64) -> Result<(), String> {
    if amount < 0 {
        Err("must not be negative".into())
    } else if amount > MAX_AMOUNT {
        Err(format!("must be at most {MAX_AMOUNT} (minor units)"))
    } else {
        Ok(())
    }
}

/// Whether `t` is within the readiness horizon from `now`; a time in the past is fine (the goods
/// are ready now).
///
/// # Errors
/// What is wrong, for a field violation.
pub fn check_readiness(t: OffsetDateTime, now: OffsetDateTime) -> Result<(), String> {
    if t > now.saturating_add(READINESS_HORIZON) {
        Err("must be at most two years from now".into())
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn readiness_is_bounded_two_years_ahead() {
        let now = datetime!(2026-12-02 10:00 UTC);
        assert!(check_readiness(datetime!(2026-12-03 09:00 UTC), now).is_ok());
        assert!(check_readiness(datetime!(2000-01-01 00:00 UTC), now).is_ok());
        assert!(check_readiness(datetime!(2028-12-01 00:00 UTC), now).is_ok());
        assert!(check_readiness(datetime!(9999-12-30 08:00 UTC), now).is_err());
    }

    #[test]
    fn amounts_are_bounded_so_their_sums_fit() {
        assert!(check_amount(0).is_ok() && check_amount(MAX_AMOUNT).is_ok());
        assert!(check_amount(-1).is_err() && check_amount(MAX_AMOUNT + 1).is_err());
        let line = MAX_AMOUNT.checked_mul(i64::from(MAX_QUANTITY)).unwrap();
        assert!(line.checked_mul(500).is_some());
        let weight = MAX_WEIGHT_GRAMS
            .checked_mul(i64::from(MAX_QUANTITY))
            .unwrap();
        assert!(weight.checked_mul(500).is_some());
    }
}
