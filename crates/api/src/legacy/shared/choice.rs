//! The legacy `Choice`: an option named by its shipping method, pickup location, time slot and
//! category, both ways.

use domain::{DeliveryCategory, DeliveryOption, OptionRef, Violations};
use service::{DeliveryRef, Pick, Selection};

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

/// The `user_choice` of a one-delivery update (COS, SIW), to make on the recomputed offer; a
/// choice without a shipping method is recorded as a violation.
pub fn user_choice(choice: Option<&wire::Choice>, v: &mut Violations) -> Vec<Pick> {
    let Some(choice) = choice else {
        return Vec::new();
    };
    if choice.shipping_method.trim().is_empty() {
        v.push("user_choice.shipping_method", "is required");
    }
    vec![Pick {
        at: "user_choice".into(),
        selection: Selection::ByRef {
            delivery: DeliveryRef::First,
            option: option_ref(choice),
        },
    }]
}
