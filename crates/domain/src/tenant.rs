//! Live and test data of one merchant, kept apart: each mode is its own tenant in storage.
//!
//! Every stored row of the session surfaces (sessions, transport orders, events, idempotency
//! records) is scoped by a tenant key, and every query filters by it. A merchant's live data is
//! stored under its id, its test data under `<id>/test`. Merchant ids cannot hold `/` (the
//! configuration refuses one), so a live key and a test key never name the same rows, and no
//! query needs a second condition to keep them apart.

const TEST_SUFFIX: &str = "/test";

/// Whose data a request works on: a merchant, in live or test mode.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Tenant {
    key: String,
    merchant_len: usize,
}

impl Tenant {
    pub fn new(merchant_id: &str, test: bool) -> Self {
        let key = if test {
            format!("{merchant_id}{TEST_SUFFIX}")
        } else {
            merchant_id.to_owned()
        };
        Self {
            key,
            merchant_len: merchant_id.len(),
        }
    }

    pub fn test(merchant_id: &str) -> Self {
        Self::new(merchant_id, true)
    }

    /// The tenant whose rows are stored under `key`.
    pub fn from_key(key: &str) -> Self {
        Self::new(merchant_of(key), is_test(key))
    }

    /// The merchant whose configuration serves both modes.
    pub fn merchant_id(&self) -> &str {
        &self.key[..self.merchant_len]
    }

    pub fn is_test(&self) -> bool {
        self.key.len() != self.merchant_len
    }

    /// What its rows are stored under.
    pub fn key(&self) -> &str {
        &self.key
    }
}

/// The merchant of a tenant key.
pub fn merchant_of(key: &str) -> &str {
    key.strip_suffix(TEST_SUFFIX).unwrap_or(key)
}

/// Whether a tenant key holds test data.
pub fn is_test(key: &str) -> bool {
    key.ends_with(TEST_SUFFIX)
}

/// Why `merchant_id` cannot be a merchant's id, if it cannot.
pub fn check_merchant_id(merchant_id: &str) -> Option<&'static str> {
    if merchant_id.trim().is_empty() {
        Some("must not be empty")
    } else if merchant_id.contains('/') {
        Some("must not contain `/`: it is a segment of resource names (`merchants/{merchant}`)")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_test_tenant_is_stored_apart_from_the_live_one_of_the_same_merchant() {
        let live = Tenant::new("shop", false);
        let test = Tenant::test("shop");
        assert_eq!(live.key(), "shop");
        assert_eq!(test.key(), "shop/test");
        assert_ne!(live.key(), test.key());
        assert_eq!(test.merchant_id(), "shop");
        assert!(test.is_test() && !live.is_test());
        assert_eq!(Tenant::from_key(test.key()), test);
        assert_eq!(Tenant::from_key(live.key()), live);
        assert_eq!(merchant_of("shop/test"), "shop");
    }

    #[test]
    fn a_merchant_id_with_a_slash_is_refused_so_no_live_key_can_read_as_a_test_one() {
        assert!(check_merchant_id("shop/test").is_some());
        assert!(check_merchant_id(" ").is_some());
        assert_eq!(check_merchant_id("shop-1"), None);
    }
}
