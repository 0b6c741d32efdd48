//! The session use cases: create (from a draft, a cart or a transport order), read, list,
//! update, choose, refresh and pickup-location search.

use domain::{CheckoutDetails, FoundLocation, Session, SessionDraft, SessionId, SessionState};
use time::OffsetDateTime;

use crate::auth::new_session_token;
use crate::changes::{apply_checkout_change, apply_patch, cart_draft, check_session};
use crate::choices::apply_picks;
use crate::commands::{
    AddLocation, Condition, CreateFromOrder, CreateSession, LocationSearch, NewSession, Pick,
    SessionChange, UpdateSession,
};
use crate::error::ServiceError;
use crate::idempotency::RequestKey;
use crate::paging::{split_page, MAX_PAGE_SIZE};
use crate::write::{OnCompleted, Write};
use crate::{not_found, SessionService};
use engine::PreparedMerchant;
use ports::{Cursor, SessionFilter, StoreError};

/// One page of a list.
#[derive(Debug, Clone)]
pub struct SessionPage {
    pub sessions: Vec<Session>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<Cursor>,
}

impl SessionService {
    /// Creates a session and computes its offer. A repeated request key returns the first
    /// result; reused with a different request it is refused.
    ///
    /// # Errors
    /// `InvalidArgument` for goods or dates out of bounds, a cart in another currency or a
    /// duplicate delivery id; `AlreadyExists` for a session id this merchant already uses
    /// (ids are the merchant's own: another merchant's session of that id is no obstacle, and
    /// is not revealed).
    pub async fn create(
        &self,
        merchant_id: &str,
        cmd: CreateSession,
    ) -> Result<Session, ServiceError> {
        const SCOPE: &str = "create";
        if let Some(found) = self
            .replay(merchant_id, SCOPE, cmd.request.as_ref())
            .await?
        {
            return Ok(found);
        }
        let merchant = self.merchant(merchant_id)?;
        let merchant = merchant.as_ref();
        let now = (self.clock)();
        let draft = match cmd.content {
            NewSession::Draft(draft) => draft,
            NewSession::Cart(cart) => cart_draft(cart, self.limits, now)?,
        };
        let id = cmd.id.unwrap_or_else(SessionId::new_random);
        let mut session = Session::new(id, merchant_id, draft, new_session_token(id), now);
        check_session(&session, self.limits, now)?;
        let gathered = self.gather(merchant, &session).await;
        crate::quote(merchant, &mut session, now, &gathered);
        let session = self.insert_new(session, SCOPE, cmd.request, now).await?;
        log_nothing_offered(&session);
        Ok(session)
    }

    /// The session `draft` would be on `merchant`'s configuration, computed as create would
    /// and stored nowhere (the configuration's preview).
    ///
    /// # Errors
    /// `InvalidArgument` for what create would refuse.
    pub async fn preview(
        &self,
        merchant: &PreparedMerchant,
        draft: SessionDraft,
    ) -> Result<Session, ServiceError> {
        let now = (self.clock)();
        let id = SessionId::new_random();
        let mut session = Session::new(id, &merchant.config.id, draft, String::new(), now);
        check_session(&session, self.limits, now)?;
        let gathered = self.gather(merchant, &session).await;
        crate::quote(merchant, &mut session, now, &gathered);
        Ok(session)
    }

    /// Stores a new session with the idempotency record of the request that made it.
    async fn insert_new(
        &self,
        session: Session,
        scope: &str,
        key: Option<RequestKey>,
        now: OffsetDateTime,
    ) -> Result<Session, ServiceError> {
        let merchant_id = session.merchant_id.clone();
        let record = key
            .as_ref()
            .map(|k| Self::record(&merchant_id, scope, k, &session, now));
        match self.repo.insert(&session, record.as_ref()).await {
            Ok(()) => Ok(session),
            Err(StoreError::AlreadyExists) => {
                // Either a concurrent twin of this request won (answer as it did) or the
                // client-chosen session id is taken by one of this merchant's own sessions.
                if let Some(found) = self.replay(&merchant_id, scope, key.as_ref()).await? {
                    return Ok(found);
                }
                Err(ServiceError::AlreadyExists {
                    message: format!("session `{}` already exists", session.id.resource_name()),
                    name: session.id.resource_name(),
                })
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Starts a new session from a transport order, to change what was ordered: the same
    /// purchase, goods and recipient, with the order's option chosen while it is still offered,
    /// and the locales and reference `cmd` gives. Completing it amends that order. One write:
    /// the session exists whole or not at all.
    ///
    /// # Errors
    /// `NotFound` for an order of another merchant or none.
    pub async fn create_from_order(
        &self,
        merchant_id: &str,
        cmd: CreateFromOrder,
    ) -> Result<Session, ServiceError> {
        const SCOPE: &str = "createFromTransportOrder";
        if let Some(found) = self
            .replay(merchant_id, SCOPE, cmd.request.as_ref())
            .await?
        {
            return Ok(found);
        }
        let merchant = self.merchant(merchant_id)?;
        let merchant = merchant.as_ref();
        let order = self.order(merchant_id, &cmd.order).await?;
        let content = order.content;
        let now = (self.clock)();
        let id = SessionId::new_random();
        let mut purchase = content.purchase;
        if let Some(locales) = cmd.locales.filter(|l| !l.is_empty()) {
            purchase.locales = locales;
        }
        let draft = SessionDraft {
            purchase,
            deliveries: vec![content.delivery],
            search_address: content.search_address,
            external_id: cmd.external_id.or(content.external_id),
            checkout: Some(CheckoutDetails::default()),
        };
        let mut session = Session::new(id, merchant_id, draft, new_session_token(id), now);
        session.source_order_id = Some(order.id);
        if let Some(delivery) = session.deliveries.first_mut() {
            delivery.choice = Some(domain::DeliveryChoice {
                delivery_id: delivery.id.clone(),
                option_id: content.option.id.clone(),
                addon_ids: content.addons.iter().map(|a| a.id.clone()).collect(),
            });
        }
        let gathered = self.gather(merchant, &session).await;
        crate::quote(merchant, &mut session, now, &gathered);
        self.insert_new(session, SCOPE, cmd.request, now).await
    }

    /// Reads a session as stored; never recomputes.
    ///
    /// # Errors
    /// `NotFound` for a session of another merchant or none.
    pub async fn get(&self, merchant_id: &str, id: SessionId) -> Result<Session, ServiceError> {
        self.repo
            .get(merchant_id, id)
            .await?
            .ok_or_else(|| not_found(id))
    }

    /// The session's current etag, from its stored revision alone (no document is read), for
    /// answering `If-None-Match` cheaply.
    ///
    /// # Errors
    /// `NotFound` for a session of another merchant or none.
    pub async fn etag(&self, merchant_id: &str, id: SessionId) -> Result<String, ServiceError> {
        let revision = self
            .repo
            .revision(merchant_id, id)
            .await?
            .ok_or_else(|| not_found(id))?;
        Ok(Session::etag_at(id, revision))
    }

    /// Reads a session, recomputing it first when an active session's options have expired
    /// (the COS reading contract). Losing that recomputation to a concurrent writer is fine:
    /// the writer's version is as fresh, and is returned.
    ///
    /// # Errors
    /// `NotFound` for a session of another merchant or none.
    pub async fn get_fresh(
        &self,
        merchant_id: &str,
        id: SessionId,
    ) -> Result<Session, ServiceError> {
        let session = self.get(merchant_id, id).await?;
        let expired = session.state == SessionState::Active
            && session.expire_time.is_some_and(|t| t <= (self.clock)());
        if !expired {
            return Ok(session);
        }
        match self
            .refresh(merchant_id, id, Condition::Etag(session.etag()))
            .await
        {
            Err(ServiceError::Aborted { .. } | ServiceError::FailedPrecondition { .. }) => {
                self.get(merchant_id, id).await
            }
            other => other,
        }
    }

    /// A page of the merchant's sessions matching `filter`, newest first.
    ///
    /// # Errors
    /// `Unavailable` when the store cannot be read.
    pub async fn list(
        &self,
        merchant_id: &str,
        filter: &SessionFilter,
        after: Option<Cursor>,
        page_size: u64,
    ) -> Result<SessionPage, ServiceError> {
        let size = page_size.clamp(1, MAX_PAGE_SIZE);
        let rows = self.repo.list(merchant_id, filter, after, size + 1).await?;
        let (sessions, next) = split_page(rows, size, |s| Cursor {
            create_time: s.create_time,
            id: s.id,
        });
        Ok(SessionPage { sessions, next })
    }

    /// Changes a session as `cmd` says, recomputes its offer (keeping the choices still
    /// offered) and then makes `cmd`'s choices on it.
    ///
    /// # Errors
    /// `InvalidArgument` for a change or a choice the session cannot take (nothing is then
    /// written); `FailedPrecondition` for a completed session; `Aborted` as the condition says.
    pub async fn update(
        &self,
        merchant_id: &str,
        id: SessionId,
        condition: Condition,
        cmd: UpdateSession,
    ) -> Result<Session, ServiceError> {
        let merchant = self.merchant(merchant_id)?;
        let merchant = merchant.as_ref();
        let gathered = self
            .gather_stored(merchant, merchant_id, id, |session| {
                // A change the write will refuse gathers for nothing that matters.
                let now = (self.clock)();
                let _ = match &cmd.change {
                    SessionChange::Patch(patch) => apply_patch(session, patch),
                    SessionChange::Checkout(change) => {
                        apply_checkout_change(session, change, self.limits, now)
                    }
                };
            })
            .await;
        let write = Write::new(merchant_id, id, &condition);
        self.write(write, |session, now, _| {
            match &cmd.change {
                SessionChange::Patch(patch) => apply_patch(session, patch)?,
                SessionChange::Checkout(change) => {
                    apply_checkout_change(session, change, self.limits, now)?;
                }
            }
            check_session(session, self.limits, now)?;
            crate::quote(merchant, session, now, &gathered);
            apply_picks(session, &cmd.picks)?;
            Ok(Vec::new())
        })
        .await
        .inspect(log_nothing_offered)
    }

    /// Records the customer's choices on the current offer (recomputed first: options may have
    /// expired); unknown deliveries, options or addons are refused.
    ///
    /// # Errors
    /// `InvalidArgument` naming each choice the session cannot take.
    pub async fn choose(
        &self,
        merchant_id: &str,
        id: SessionId,
        condition: Condition,
        picks: &[Pick],
    ) -> Result<Session, ServiceError> {
        let merchant = self.merchant(merchant_id)?;
        let merchant = merchant.as_ref();
        let gathered = self.gather_stored(merchant, merchant_id, id, |_| ()).await;
        let write = Write::new(merchant_id, id, &condition);
        self.write(write, |session, now, _| {
            crate::quote(merchant, session, now, &gathered);
            apply_picks(session, picks)?;
            Ok(Vec::new())
        })
        .await
    }

    /// Recomputes every offer with the current configuration and time, keeping valid choices.
    ///
    /// # Errors
    /// `FailedPrecondition` for a completed session; `Aborted` as the condition says.
    pub async fn refresh(
        &self,
        merchant_id: &str,
        id: SessionId,
        condition: Condition,
    ) -> Result<Session, ServiceError> {
        self.recompute(merchant_id, id, condition, OnCompleted::Refuse)
            .await
    }

    /// `refresh` of the version read, answering a completed session as it is stored.
    ///
    /// # Errors
    /// `Aborted` when another request changes the session at the same time.
    pub async fn pull(&self, merchant_id: &str, id: SessionId) -> Result<Session, ServiceError> {
        self.recompute(merchant_id, id, Condition::AsRead, OnCompleted::ReturnAsIs)
            .await
    }

    async fn recompute(
        &self,
        merchant_id: &str,
        id: SessionId,
        condition: Condition,
        on_completed: OnCompleted,
    ) -> Result<Session, ServiceError> {
        let merchant = self.merchant(merchant_id)?;
        let merchant = merchant.as_ref();
        let gathered = self.gather_stored(merchant, merchant_id, id, |_| ()).await;
        let write = Write {
            on_completed,
            ..Write::new(merchant_id, id, &condition)
        };
        self.write(write, |session, now, _| {
            crate::quote(merchant, session, now, &gathered);
            Ok(Vec::new())
        })
        .await
    }

    /// Adds a pickup location found by search to the offer of one carrier product.
    ///
    /// # Errors
    /// `InvalidArgument` naming `location_ref` or `shipping_method` when the merchant has no
    /// such location for that carrier product.
    pub async fn add_location(
        &self,
        merchant_id: &str,
        id: SessionId,
        condition: Condition,
        cmd: AddLocation,
    ) -> Result<Session, ServiceError> {
        let merchant = self.merchant(merchant_id)?;
        let merchant = merchant.as_ref();
        let gathered = self.gather_stored(merchant, merchant_id, id, |_| ()).await;
        let write = Write::new(merchant_id, id, &condition);
        self.write(write, |session, now, _| {
            // Checked on the session read: an unknown session is reported before a bad location.
            if !merchant.offers_product(&cmd.shipping_method) {
                return Err(ServiceError::invalid(
                    "shipping_method",
                    format!(
                        "the merchant offers no shipping method `{}`",
                        cmd.shipping_method
                    ),
                ));
            }
            // One of the merchant's own is found by reference in its configuration; a
            // provider's, as its search found it.
            let found = match merchant.location(&cmd.shipping_method, &cmd.location_ref) {
                Some(_) => Some(None),
                None => merchant
                    .offered_product(&cmd.shipping_method)
                    .zip(self.providers.as_ref())
                    .and_then(|(product, providers)| {
                        providers.found_point(
                            domain::tenant::merchant_of(merchant_id),
                            &product.id,
                            &cmd.location_ref,
                        )
                    })
                    .map(|point| Some(engine::offered_location(&point))),
            };
            let Some(location) = found else {
                return Err(ServiceError::invalid(
                    "location_ref",
                    format!(
                        "shipping method `{}` has no location `{}`",
                        cmd.shipping_method, cmd.location_ref
                    ),
                ));
            };
            let custom = &mut session.checkout.custom_locations;
            custom.retain(|c| {
                !(c.shipping_method == cmd.shipping_method && c.location_ref == cmd.location_ref)
            });
            custom.push(domain::CustomLocation {
                shipping_method: cmd.shipping_method.clone(),
                location_ref: cmd.location_ref.clone(),
                added_at: now,
                location,
            });
            crate::quote(merchant, session, now, &gathered);
            Ok(Vec::new())
        })
        .await
    }

    /// The merchant's pickup locations matching the search, nearest first; around a session's
    /// search address and in its country when the search names a session.
    ///
    /// # Errors
    /// `NotFound` for a session of another merchant or none.
    pub async fn search_locations(
        &self,
        merchant_id: &str,
        search: LocationSearch,
    ) -> Result<Vec<FoundLocation>, ServiceError> {
        let merchant = self.merchant(merchant_id)?;
        let merchant = merchant.as_ref();
        let mut query = search.query;
        if let Some(id) = search.around {
            let session = self.get(merchant_id, id).await?;
            query.near = session.search_coordinates;
            query
                .country_code
                .get_or_insert_with(|| session.purchase.country_code.as_str().to_owned());
        }
        let live = match &self.providers {
            Some(providers) if !merchant.config.providers.is_empty() => {
                providers
                    .search(merchant, &query, merchant.search_center(&query))
                    .await
            }
            _ => engine::LiveSearch::default(),
        };
        Ok(merchant.search_locations_with(&query, &live))
    }
}

/// A delivery offered nothing is worth a line in the log: the merchant's setup or the goods
/// explain it, and the line says which.
fn log_nothing_offered(session: &Session) {
    for d in session
        .deliveries
        .iter()
        .filter(|d| d.delivery_categories.is_empty())
    {
        tracing::info!(
            merchant = %session.merchant_id,
            session = %session.id,
            delivery = %d.id,
            reasons = ?d.no_offer_reasons,
            "nothing can be offered for a delivery"
        );
    }
}
