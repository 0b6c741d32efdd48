//! Naming an option the way the cart-based surfaces do: by its carrier product (shipping
//! method), and optionally its pickup location, time slot and category, instead of by its id.

use time::OffsetDateTime;

use crate::session::{stable_hash, Delivery, DeliveryOption};

/// An option named by what it ships with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionRef {
    pub shipping_method: String,
    /// A pickup location's external id; the first (nearest) location of the product when absent.
    pub location_ref: Option<String>,
    /// Must match the option's current time slot when given.
    pub time_slot_ref: Option<String>,
    /// The category; the first category offering the product when absent.
    pub category_ref: Option<String>,
}

/// Why an [`OptionRef`] names no option of a delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptionRefError {
    /// No option ships with that product (at that location, in that category).
    NotOffered(String),
    /// The option exists, but no longer in that time slot.
    TimeSlot(String),
}

impl DeliveryOption {
    /// The window the option promises: its absolute ETD, else its promise.
    pub fn window(&self) -> (Option<OffsetDateTime>, Option<OffsetDateTime>) {
        match (&self.etd.absolute, &self.promise) {
            (Some(a), _) => (a.earliest_time, a.latest_time),
            (None, Some(p)) => (Some(p.customer_earliest_time), Some(p.customer_latest_time)),
            (None, None) => (None, None),
        }
    }

    /// A short id that stays the same while the option promises the same window, so a customer
    /// who picked a slot is told when it has moved.
    pub fn time_slot_id(&self) -> String {
        let (start, end) = self.window();
        let mut bytes = self.id.as_bytes().to_vec();
        for t in [start, end].into_iter().flatten() {
            bytes.extend_from_slice(&t.unix_timestamp().to_be_bytes());
        }
        format!("{:016x}", stable_hash(&bytes))
    }
}

impl Delivery {
    /// The option `r` names.
    ///
    /// # Errors
    /// [`OptionRefError`] saying why no option matches.
    pub fn resolve(&self, r: &OptionRef) -> Result<&DeliveryOption, OptionRefError> {
        let found = self
            .delivery_categories
            .iter()
            .filter(|c| r.category_ref.as_deref().is_none_or(|id| id == c.id))
            .flat_map(|c| c.delivery_options.iter())
            .filter(|o| o.carrier.product_id == r.shipping_method)
            .find(|o| {
                r.location_ref.as_deref().is_none_or(|l| {
                    o.pickup_location
                        .as_ref()
                        .is_some_and(|p| p.external_id == l)
                })
            });
        let Some(option) = found else {
            return Err(OptionRefError::NotOffered(format!(
                "`{}`{}{} is not among the session's choices",
                r.shipping_method,
                r.category_ref
                    .as_deref()
                    .map(|c| format!(" in category `{c}`"))
                    .unwrap_or_default(),
                r.location_ref
                    .as_deref()
                    .map(|l| format!(" at location `{l}`"))
                    .unwrap_or_default(),
            )));
        };
        match r.time_slot_ref.as_deref().filter(|s| !s.is_empty()) {
            Some(slot) if slot != option.time_slot_id() => Err(OptionRefError::TimeSlot(format!(
                "time slot `{slot}` is not offered for this option (any more)"
            ))),
            _ => Ok(option),
        }
    }
}
