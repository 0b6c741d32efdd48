//! Completing a session: the customer, reference and sender set, the offer recomputed when they
//! change it, choices made, then every delivery ordered with its chosen (else preselected) option
//! and the session frozen, with the transport orders and events in the same write.

use time::OffsetDateTime;

use domain::{
    recipient, Delivery, OrderCategory, OrderContent, Session, SessionId, SessionState,
    TransportOrder, TransportOrderId, WAREHOUSE_ATTRIBUTE_PREFIX,
};
use ports::OrderWrite;

use crate::choices::apply_picks;
use crate::commands::{Complete, Condition, Expect};
use crate::error::ServiceError;
use crate::write::Write;
use crate::SessionService;

impl SessionService {
    /// Completes the session as `cmd` says. A repeated `request` key answers as the first
    /// completion did.
    ///
    /// # Errors
    /// `NotFound` for an unknown session; `FailedPrecondition` when it is completed already,
    /// has a delivery with nothing to complete with, or is not the re-opened session `cmd`
    /// expects; `InvalidArgument` for choices or a warehouse the session does not have;
    /// `Aborted` as the condition says.
    pub async fn complete(
        &self,
        merchant_id: &str,
        id: SessionId,
        condition: Condition,
        cmd: Complete,
    ) -> Result<Session, ServiceError> {
        let merchant = self.merchant(merchant_id)?;
        let merchant = merchant.as_ref();
        let scope = format!("complete:{id}");
        let key = cmd.request.as_ref();
        if let Some(found) = self.replay(merchant_id, &scope, key).await? {
            return Ok(found);
        }
        if let Some(ship_from) = &cmd.ship_from {
            if merchant.config.warehouse(&ship_from.warehouse).is_none() {
                return Err(ServiceError::invalid(
                    ship_from.field,
                    format!("the merchant has no warehouse `{}`", ship_from.warehouse),
                ));
            }
        }
        // Gathered for the stored session: a completion that moves the recipient or the warehouse
        // quotes those calls as `not_gathered` (their fallback) rather than wait on providers.
        let gathered = self.gather_stored(merchant, merchant_id, id, |_| ()).await;
        let write = Write {
            idempotency: key.map(|k| (scope.as_str(), k)),
            ..Write::new(merchant_id, id, &condition)
        };
        let result = self
            .write(write, |session, now, source| {
                check_expectation(session, &cmd.expect)?;
                let mut recompute = false;
                if let Some(external_id) = &cmd.external_id {
                    session.external_id = external_id.clone();
                }
                if let Some(customer) = &cmd.customer {
                    let country = session.purchase.country_code.clone();
                    for d in &mut session.deliveries {
                        d.recipient_contact =
                            recipient(Some(customer), &country, Some(&d.recipient_contact));
                    }
                    session.checkout.customer = Some(customer.clone());
                    // Without a search address the options follow the recipient's address.
                    recompute |= session.search_address.is_none();
                }
                if let Some(ship_from) = &cmd.ship_from {
                    let attribute = format!("{WAREHOUSE_ATTRIBUTE_PREFIX}{}", ship_from.warehouse);
                    for d in &mut session.deliveries {
                        d.attributes
                            .retain(|a| !a.starts_with(WAREHOUSE_ATTRIBUTE_PREFIX));
                        d.attributes.push(attribute.clone());
                    }
                    recompute = true;
                }
                if recompute {
                    crate::quote(merchant, session, now, &gathered);
                }
                apply_picks(session, &cmd.picks)?;
                order(session, now, source)
            })
            .await;
        match result {
            Err(ServiceError::AlreadyExists { .. }) => {
                // A concurrent twin with the same request_id completed it first.
                match self.replay(merchant_id, &scope, key).await? {
                    Some(found) => Ok(found),
                    None => Err(ServiceError::Internal("idempotency record vanished".into())),
                }
            }
            other => other,
        }
    }
}

fn check_expectation(session: &Session, expect: &Expect) -> Result<(), ServiceError> {
    let Expect::ReopenedOrder { tos_id } = expect else {
        return Ok(());
    };
    let Some(source) = &session.source_order_id else {
        return Err(ServiceError::FailedPrecondition {
            reason: "NOT_FROM_ORDER",
            message: format!(
                "session `{}` was not created from a transport order; complete it with \
                 session.complete or session.completeAndPromote",
                session.id
            ),
        });
    };
    match tos_id {
        Some(given) if given != source => Err(ServiceError::invalid(
            "tos_id",
            format!("the session re-opens transport order `{source}`, not `{given}`"),
        )),
        _ => Ok(()),
    }
}

/// Freezes the session with an order per delivery: a new one each, or for a re-opened session
/// an amendment of the order it re-opens.
fn order(
    session: &mut Session,
    now: OffsetDateTime,
    source: Option<&TransportOrder>,
) -> Result<Vec<OrderWrite>, ServiceError> {
    if session.source_order_id.is_some() && session.deliveries.len() != 1 {
        return Err(ServiceError::FailedPrecondition {
            reason: "REOPENED_SESSION_SHAPE",
            message: "a session re-opened from a transport order completes exactly one delivery"
                .into(),
        });
    }
    for (i, delivery) in session.deliveries.iter_mut().enumerate() {
        let option_id =
            delivery
                .effective_option_id()
                .ok_or_else(|| ServiceError::FailedPrecondition {
                    reason: "NO_DELIVERY_OPTION",
                    message: format!(
                        "delivery `{}` (deliveries[{i}]) has no delivery option to complete with",
                        delivery.id
                    ),
                })?;
        delivery.completed_with_preselection = delivery.choice.is_none();
        let addons = match &delivery.choice {
            Some(c) => c.addon_ids.clone(),
            None => delivery.preselected_addons(&option_id),
        };
        delivery
            .choose(&option_id, &addons)
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
    }
    let contents = session
        .deliveries
        .iter()
        .map(|d| order_content(session, d))
        .collect::<Result<Vec<_>, _>>()?;
    let mut writes = Vec::new();
    for (delivery, content) in session.deliveries.iter_mut().zip(contents) {
        let write = match source {
            Some(order) => OrderWrite::Amend {
                order: order.amended(content, now),
                expected_revision: order.revision,
            },
            None => OrderWrite::Insert(TransportOrder::new(
                TransportOrderId::from_ulid_bits(ulid::Ulid::new().0),
                session.merchant_id.clone(),
                content,
                now,
            )),
        };
        delivery.transport_order = Some(match &write {
            OrderWrite::Insert(o) | OrderWrite::Amend { order: o, .. } => o.id.clone(),
        });
        writes.push(write);
    }
    session.state = SessionState::Completed;
    Ok(writes)
}

/// What a completion writes into the transport order for one delivery.
fn order_content(session: &Session, delivery: &Delivery) -> Result<OrderContent, ServiceError> {
    let option_id = delivery
        .choice
        .as_ref()
        .map(|c| c.option_id.as_str())
        .ok_or_else(|| ServiceError::Internal("a completed delivery has a choice".into()))?;
    let (category, option) = delivery
        .find_option(option_id)
        .ok_or_else(|| ServiceError::Internal("the chosen option is offered".into()))?;
    Ok(OrderContent {
        session_id: session.id,
        purchase: session.purchase.clone(),
        delivery: delivery.to_draft(),
        search_address: session.search_address.clone(),
        external_id: session.external_id.clone(),
        category: OrderCategory {
            id: category.id.clone(),
            external_id: category.external_id.clone(),
            display_name: category.display_name.clone(),
            delivery_type: category.delivery_type,
        },
        option: option.clone(),
        addons: category
            .addons
            .iter()
            .filter(|a| a.chosen)
            .cloned()
            .collect(),
        warehouse: category.warehouse.clone(),
    })
}
