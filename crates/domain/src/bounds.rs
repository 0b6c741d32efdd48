//! Limits on what clients may state, chosen so that every later computation stays far from the
//! edges of the calendar and of the integers.

use time::{Duration, OffsetDateTime};

/// How far ahead goods may be said to be ready (a readiness time, a shipping date): two years.
/// Pre-orders and seasonal goods are quoted up to about a year ahead, so two years refuses no
/// real checkout; and it keeps every calendar walk the engine makes (the next cutoff, handling
/// and transit days, holidays) thousands of years away from the last day the time libraries
/// can represent.
pub const READINESS_HORIZON: Duration = Duration::days(731);

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
}
