//! Making the customer's choices on a session's current offer: by option id with addons (the
//! headless API), or by what an option ships with (the cart-based surfaces).

use domain::{ChoiceError, FieldViolation, OptionRefError, Session};

use crate::commands::{DeliveryRef, Pick, Selection};
use crate::error::ServiceError;

/// Makes every pick, or none: each problem is reported under its pick's path.
///
/// # Errors
/// `InvalidArgument` naming each pick whose delivery, option or addons the session lacks.
pub(crate) fn apply_picks(session: &mut Session, picks: &[Pick]) -> Result<(), ServiceError> {
    let mut violations = Vec::new();
    for pick in picks {
        if let Err(v) = apply(session, pick) {
            violations.push(v);
        }
    }
    if violations.is_empty() {
        Ok(())
    } else {
        Err(ServiceError::invalid_all(violations))
    }
}

fn apply(session: &mut Session, pick: &Pick) -> Result<(), FieldViolation> {
    let at = &pick.at;
    match &pick.selection {
        Selection::Exact(choice) => {
            let delivery = session
                .deliveries
                .iter_mut()
                .find(|d| d.id == choice.delivery_id)
                .ok_or_else(|| {
                    FieldViolation::new(
                        format!("{at}.delivery_id"),
                        format!("no delivery `{}` in this session", choice.delivery_id),
                    )
                })?;
            delivery
                .choose(&choice.option_id, &choice.addon_ids)
                .map_err(|e| {
                    let field = match e {
                        ChoiceError::UnknownOption(_) => "option_id",
                        ChoiceError::UnknownAddon(_) | ChoiceError::UnsupportedAddon(_) => {
                            "addon_ids"
                        }
                    };
                    FieldViolation::new(format!("{at}.{field}"), e.to_string())
                })
        }
        Selection::ByRef { delivery, option } => {
            let delivery = match delivery {
                DeliveryRef::First => session.deliveries.first_mut().ok_or_else(|| {
                    FieldViolation::new(at.clone(), "the session has no delivery to choose for")
                })?,
                DeliveryRef::Id { id, field } => session
                    .deliveries
                    .iter_mut()
                    .find(|d| d.id == id.trim())
                    .ok_or_else(|| {
                        FieldViolation::new(
                            field.clone(),
                            format!("the session has no delivery `{id}`"),
                        )
                    })?,
            };
            let option_id =
                delivery
                    .resolve(option)
                    .map(|o| o.id.clone())
                    .map_err(|e| match e {
                        OptionRefError::NotOffered(m) => FieldViolation::new(at.clone(), m),
                        OptionRefError::TimeSlot(m) => {
                            FieldViolation::new(format!("{at}.time_slot_ref"), m)
                        }
                    })?;
            let choice = delivery.choice_with_preselected_addons(&option_id);
            delivery
                .choose(&choice.option_id, &choice.addon_ids)
                .map_err(|e| FieldViolation::new(at.clone(), e.to_string()))
        }
    }
}
