//! The legacy `Choice`: an option named by its shipping method, pickup location, time slot and
//! category, both ways.

use domain::{DeliveryCategory, DeliveryOption, OptionRef};

use super::model as wire;

/// The choice describing an option of a delivery.
pub fn choice_of(category: &DeliveryCategory, o: &DeliveryOption) -> wire::Choice {
    wire::Choice {
        shipping_method: o.carrier.product_id.clone(),
        location_ref: o.pickup_location.as_ref().map(|l| l.external_id.clone()),
        time_slot_ref: Some(o.time_slot_id()),
        shipping_category_ref: Some(category.id.clone()),
    }
}

/// The option a choice names, as the core resolves it.
pub fn option_ref(choice: &wire::Choice) -> OptionRef {
    OptionRef {
        shipping_method: choice.shipping_method.trim().to_owned(),
        location_ref: choice.location_ref.clone(),
        time_slot_ref: choice.time_slot_ref.clone(),
        category_ref: choice.shipping_category_ref.clone(),
    }
}
