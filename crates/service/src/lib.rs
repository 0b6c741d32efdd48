//! The use cases every surface shares: create, get, list, update, choose, refresh and complete a
//! session, with etag checks, compare-and-swap retries and request-id idempotency.

pub mod auth;
pub mod error;
pub mod events;
pub mod filter;

use std::sync::Arc;

use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use domain::{
    CheckoutDetails, CustomLocation, Delivery, DeliveryChoice, DeliveryDraft, FoundLocation,
    LocationQuery, OrderCategory, OrderContent, Session, SessionDraft, SessionId, SessionState,
    TransportOrder,
};
use engine::{Catalog, PreparedMerchant};
use ports::StoreError;

pub use auth::{Access, Authenticator, Caller};
pub use error::{AbortReason, ServiceError};
pub use filter::{parse_event_filter, parse_filter, parse_order_filter};
pub use ports::{
    ApiKeyRecord, Cursor, IdempotencyRecord, KeyRepository, OrderCursor, OrderFilter, OrderWrite,
    SessionFilter, SessionRepository,
};

/// The source of "now"; tests pin it, production reads the system clock.
pub type Clock = Arc<dyn Fn() -> OffsetDateTime + Send + Sync>;

/// The system clock at microsecond precision, the precision the store keeps, so a session read
/// back is equal to the one written.
pub fn system_clock() -> Clock {
    Arc::new(|| {
        let now = OffsetDateTime::now_utc();
        now.replace_nanosecond(now.nanosecond() / 1_000 * 1_000)
            .unwrap_or(now)
    })
}

/// A `request_id` a client attached, with the fingerprint of the request it came with.
#[derive(Debug, Clone)]
pub struct RequestKey {
    pub request_id: String,
    pub request_hash: String,
}

impl RequestKey {
    /// Fingerprints any serialisable request so a retry can be told from a reuse of the id.
    pub fn new(request_id: &str, request: &impl serde::Serialize) -> Result<Self, ServiceError> {
        if request_id.is_empty() || request_id.len() > 128 {
            return Err(ServiceError::invalid(
                "request_id",
                "must be 1 to 128 characters (a UUID is a good choice)",
            ));
        }
        let canonical = serde_json::to_vec(request)
            .map_err(|e| ServiceError::Internal(format!("request fingerprint: {e}")))?;
        Ok(Self {
            request_id: request_id.to_owned(),
            request_hash: hex(&Sha256::digest(&canonical)),
        })
    }
}

/// One page of a list.
#[derive(Debug, Clone)]
pub struct SessionPage {
    pub sessions: Vec<Session>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<Cursor>,
}

/// How many times a write without an etag is tried when it keeps losing compare-and-swap races.
/// With the jittered backoff below this rides out dozens of simultaneous writers to one session.
const MAX_WRITE_ATTEMPTS: u32 = 32;
/// Upper bound of the pause between attempts.
const MAX_BACKOFF: std::time::Duration = std::time::Duration::from_millis(50);
pub const DEFAULT_PAGE_SIZE: u64 = 50;
pub const MAX_PAGE_SIZE: u64 = 1000;

pub struct SessionService {
    repo: Arc<dyn SessionRepository>,
    catalog: Arc<Catalog>,
    events: Arc<events::EventFactory>,
    clock: Clock,
}

impl SessionService {
    pub fn new(
        repo: Arc<dyn SessionRepository>,
        catalog: Arc<Catalog>,
        events: Arc<events::EventFactory>,
        clock: Clock,
    ) -> Self {
        Self {
            repo,
            catalog,
            events,
            clock,
        }
    }

    fn merchant(&self, merchant_id: &str) -> Result<&PreparedMerchant, ServiceError> {
        self.catalog.merchant(merchant_id).ok_or_else(|| {
            ServiceError::Internal(format!("merchant `{merchant_id}` has no configuration"))
        })
    }

    pub async fn ready(&self) -> Result<(), ServiceError> {
        Ok(self.repo.ping().await?)
    }

    /// Creates a session and computes its offer. A repeated `request_id` returns the first
    /// result; reused with a different request it is refused.
    pub async fn create(
        &self,
        merchant_id: &str,
        draft: SessionDraft,
        session_id: Option<SessionId>,
        key: Option<RequestKey>,
    ) -> Result<Session, ServiceError> {
        const SCOPE: &str = "create";
        if let Some(found) = self.replay(merchant_id, SCOPE, key.as_ref()).await? {
            return Ok(found);
        }
        let config = self.merchant(merchant_id)?;
        let now = (self.clock)();
        let id = session_id.unwrap_or_else(SessionId::new_random);
        let mut session = Session {
            id,
            merchant_id: merchant_id.to_owned(),
            state: SessionState::Active,
            purchase: draft.purchase,
            deliveries: draft
                .deliveries
                .into_iter()
                .map(Delivery::from_draft)
                .collect(),
            search_address: draft.search_address,
            external_id: draft.external_id,
            create_time: now,
            update_time: now,
            expire_time: None,
            revision: 1,
            token: auth::new_session_token(id),
            source_order_id: None,
            search_coordinates: None,
            checkout: draft.checkout.unwrap_or_default(),
        };
        check_unique_delivery_ids(&session)?;
        engine::recompute(config, &mut session, now);
        self.insert_new(session, SCOPE, key, now).await
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
            .map(|k| self.record(&merchant_id, scope, k, &session, now));
        match self.repo.insert(&session, record.as_ref()).await {
            Ok(()) => Ok(session),
            Err(StoreError::AlreadyExists) => {
                // Either a concurrent twin of this request won (answer as it did) or the
                // client-chosen session id is taken.
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
    /// purchase, goods and recipient, with the order's option chosen while it is still offered.
    /// Completing it amends that order.
    pub async fn create_from_order(
        &self,
        merchant_id: &str,
        order_id: &str,
        key: Option<RequestKey>,
    ) -> Result<Session, ServiceError> {
        const SCOPE: &str = "createFromTransportOrder";
        if let Some(found) = self.replay(merchant_id, SCOPE, key.as_ref()).await? {
            return Ok(found);
        }
        let config = self.merchant(merchant_id)?;
        let order = self.order(merchant_id, order_id).await?;
        let content = order.content;
        let now = (self.clock)();
        let id = SessionId::new_random();
        let mut delivery = Delivery::from_draft(content.delivery.clone());
        delivery.choice = Some(DeliveryChoice {
            delivery_id: delivery.id.clone(),
            option_id: content.option.id.clone(),
            addon_ids: content.addons.iter().map(|a| a.id.clone()).collect(),
        });
        let mut session = Session {
            id,
            merchant_id: merchant_id.to_owned(),
            state: SessionState::Active,
            purchase: content.purchase,
            deliveries: vec![delivery],
            search_address: content.search_address,
            external_id: content.external_id,
            create_time: now,
            update_time: now,
            expire_time: None,
            revision: 1,
            token: auth::new_session_token(id),
            source_order_id: Some(order.id),
            search_coordinates: None,
            checkout: CheckoutDetails::default(),
        };
        engine::recompute(config, &mut session, now);
        self.insert_new(session, SCOPE, key, now).await
    }

    /// # Errors
    /// `NotFound` for an order that does not exist or belongs to another merchant.
    pub async fn order(&self, merchant_id: &str, id: &str) -> Result<TransportOrder, ServiceError> {
        self.repo
            .order(merchant_id, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound {
                resource: "transport order",
                name: format!("transportOrders/{id}"),
            })
    }

    pub async fn list_orders(
        &self,
        merchant_id: &str,
        filter: &OrderFilter,
        after: Option<OrderCursor>,
        page_size: u64,
    ) -> Result<(Vec<TransportOrder>, Option<OrderCursor>), ServiceError> {
        let size = page_size.clamp(1, MAX_PAGE_SIZE);
        let rows = self
            .repo
            .list_orders(merchant_id, filter, after, size + 1)
            .await?;
        Ok(split_page(rows, size, |o| OrderCursor {
            create_time: o.create_time,
            id: o.id.clone(),
        }))
    }

    /// Reads a session as stored; never recomputes.
    pub async fn get(&self, merchant_id: &str, id: SessionId) -> Result<Session, ServiceError> {
        self.repo
            .get(merchant_id, id)
            .await?
            .ok_or_else(|| not_found(id))
    }

    /// Reads a session, recomputing it first when an active session's options have expired
    /// (the COS reading contract). Losing that recomputation to a concurrent writer is fine:
    /// the writer's version is as fresh, and is returned.
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
        match self.refresh(merchant_id, id, Some(&session.etag())).await {
            Err(ServiceError::Aborted { .. } | ServiceError::FailedPrecondition { .. }) => {
                self.get(merchant_id, id).await
            }
            other => other,
        }
    }

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

    /// Replaces writable fields through `apply`, which sees the current session and returns its
    /// new draft; the offer is recomputed and valid choices are kept.
    pub async fn update<F>(
        &self,
        merchant_id: &str,
        id: SessionId,
        etag: Option<&str>,
        apply: F,
    ) -> Result<Session, ServiceError>
    where
        F: Fn(&Session) -> Result<SessionDraft, ServiceError> + Send + Sync,
    {
        self.revise(merchant_id, id, etag, apply, |_| Ok(Vec::new()))
            .await
    }

    /// `update`, then choices picked by `choose` from the recomputed offer: the cart-based
    /// surfaces change the cart and the customer's choice in one request.
    pub async fn revise<F, G>(
        &self,
        merchant_id: &str,
        id: SessionId,
        etag: Option<&str>,
        apply: F,
        choose: G,
    ) -> Result<Session, ServiceError>
    where
        F: Fn(&Session) -> Result<SessionDraft, ServiceError> + Send + Sync,
        G: Fn(&Session) -> Result<Vec<DeliveryChoice>, ServiceError> + Send + Sync,
    {
        let config = self.merchant(merchant_id)?;
        self.write(merchant_id, id, etag, None, |session, now, _| {
            let draft = apply(session)?;
            let choices: Vec<(String, Option<DeliveryChoice>)> = session
                .deliveries
                .iter()
                .map(|d| (d.id.clone(), d.choice.clone()))
                .collect();
            let goods_changed = draft.purchase != session.purchase
                || draft.deliveries.len() != session.deliveries.len()
                || draft
                    .deliveries
                    .iter()
                    .zip(&session.deliveries)
                    .any(|(new, old)| new.line_items != old.line_items);
            match draft.checkout {
                Some(checkout) => session.checkout = checkout,
                // The stored cart no longer describes the goods; it is rebuilt from them.
                None if goods_changed => session.checkout.cart = None,
                None => {}
            }
            session.purchase = draft.purchase;
            session.search_address = draft.search_address;
            session.external_id = draft.external_id;
            session.deliveries = draft
                .deliveries
                .into_iter()
                .map(|d| {
                    let mut delivery = Delivery::from_draft(d);
                    delivery.choice = choices
                        .iter()
                        .find(|(id, _)| *id == delivery.id)
                        .and_then(|(_, c)| c.clone());
                    delivery
                })
                .collect();
            check_unique_delivery_ids(session)?;
            if session.source_order_id.is_some() && session.deliveries.len() != 1 {
                return Err(ServiceError::invalid(
                    "deliveries",
                    "a session re-opened from a transport order has exactly one delivery",
                ));
            }
            engine::recompute(config, session, now);
            let picked = choose(session)?;
            apply_choices(session, &picked)?;
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
        etag: Option<&str>,
        shipping_method: &str,
        location_ref: &str,
    ) -> Result<Session, ServiceError> {
        let config = self.merchant(merchant_id)?;
        if !config.offers_product(shipping_method) {
            return Err(ServiceError::invalid(
                "shipping_method",
                format!("the merchant offers no shipping method `{shipping_method}`"),
            ));
        }
        if config.location(shipping_method, location_ref).is_none() {
            return Err(ServiceError::invalid(
                "location_ref",
                format!("shipping method `{shipping_method}` has no location `{location_ref}`"),
            ));
        }
        self.write(merchant_id, id, etag, None, |session, now, _| {
            let custom = &mut session.checkout.custom_locations;
            custom.retain(|c| {
                !(c.shipping_method == shipping_method && c.location_ref == location_ref)
            });
            custom.push(CustomLocation {
                shipping_method: shipping_method.to_owned(),
                location_ref: location_ref.to_owned(),
                added_at: now,
            });
            engine::recompute(config, session, now);
            Ok(Vec::new())
        })
        .await
    }

    /// The merchant's pickup locations whose name, address or id contains `query`, nearest to
    /// `near` first when given, for at most `limit` results.
    pub fn search_locations(
        &self,
        merchant_id: &str,
        query: &LocationQuery,
    ) -> Result<Vec<FoundLocation>, ServiceError> {
        Ok(self.merchant(merchant_id)?.search_locations(query))
    }

    /// Records the customer's choices; unknown deliveries, options or addons are refused.
    pub async fn choose(
        &self,
        merchant_id: &str,
        id: SessionId,
        etag: Option<&str>,
        choices: &[DeliveryChoice],
    ) -> Result<Session, ServiceError> {
        let config = self.merchant(merchant_id)?;
        self.write(merchant_id, id, etag, None, |session, now, _| {
            // Options may have expired since the last computation; choose among current ones.
            engine::recompute(config, session, now);
            apply_choices(session, choices)?;
            Ok(Vec::new())
        })
        .await
    }

    /// Recomputes every offer with the current configuration and time, keeping valid choices.
    pub async fn refresh(
        &self,
        merchant_id: &str,
        id: SessionId,
        etag: Option<&str>,
    ) -> Result<Session, ServiceError> {
        let config = self.merchant(merchant_id)?;
        self.write(merchant_id, id, etag, None, |session, now, _| {
            engine::recompute(config, session, now);
            Ok(Vec::new())
        })
        .await
    }

    /// Applies any choices, completes each delivery with its chosen (else preselected) option,
    /// gives each a `tos_id` and freezes the session.
    pub async fn complete(
        &self,
        merchant_id: &str,
        id: SessionId,
        etag: Option<&str>,
        choices: &[DeliveryChoice],
        key: Option<RequestKey>,
    ) -> Result<Session, ServiceError> {
        self.complete_with(merchant_id, id, etag, key, |session| {
            apply_choices(session, choices)?;
            Ok(false)
        })
        .await
    }

    /// `complete`, with `prepare` changing the session first (the customer, choices, the
    /// merchant's reference). When it returns `true` the offer is recomputed before completing,
    /// for a customer address that now locates the options; valid choices are kept.
    pub async fn complete_with<P>(
        &self,
        merchant_id: &str,
        id: SessionId,
        etag: Option<&str>,
        key: Option<RequestKey>,
        prepare: P,
    ) -> Result<Session, ServiceError>
    where
        P: Fn(&mut Session) -> Result<bool, ServiceError> + Send + Sync,
    {
        let config = self.merchant(merchant_id)?;
        let scope = format!("complete:{id}");
        if let Some(found) = self.replay(merchant_id, &scope, key.as_ref()).await? {
            return Ok(found);
        }
        let result = self
            .write(
                merchant_id,
                id,
                etag,
                key.as_ref().map(|k| (scope.as_str(), k)),
                |session, now, source| {
                    if prepare(session)? {
                        engine::recompute(config, session, now);
                    }
                    if session.source_order_id.is_some() && session.deliveries.len() != 1 {
                        return Err(ServiceError::FailedPrecondition {
                            reason: "REOPENED_SESSION_SHAPE",
                            message: "a session re-opened from a transport order completes exactly one delivery".into(),
                        });
                    }
                    for (i, delivery) in session.deliveries.iter_mut().enumerate() {
                        let option_id = delivery.effective_option_id().ok_or_else(|| {
                            ServiceError::FailedPrecondition {
                                reason: "NO_DELIVERY_OPTION",
                                message: format!(
                                    "delivery `{}` (deliveries[{i}]) has no delivery option to complete with",
                                    delivery.id
                                ),
                            }
                        })?;
                        delivery.completed_with_preselection = delivery.choice.is_none();
                        let addons = delivery
                            .choice
                            .as_ref()
                            .map(|c| c.addon_ids.clone())
                            .unwrap_or_else(|| preselected_addons(delivery, &option_id));
                        delivery
                            .choose(&option_id, &addons)
                            .map_err(|e| ServiceError::Internal(e.to_string()))?;
                    }
                    let mut writes = Vec::new();
                    let mut ids = Vec::new();
                    for delivery in &session.deliveries {
                        let content = order_content(session, delivery)?;
                        match source {
                            Some(order) => {
                                ids.push(order.id.clone());
                                writes.push(OrderWrite::Amend {
                                    order: order.amended(content, now),
                                    expected_revision: order.revision,
                                });
                            }
                            None => {
                                let order_id = ulid::Ulid::new().to_string();
                                ids.push(order_id.clone());
                                writes.push(OrderWrite::Insert(TransportOrder::new(
                                    order_id,
                                    session.merchant_id.clone(),
                                    content,
                                    now,
                                )));
                            }
                        }
                    }
                    for (delivery, order_id) in session.deliveries.iter_mut().zip(ids) {
                        delivery.tos_id = Some(order_id);
                    }
                    session.state = SessionState::Completed;
                    Ok(writes)
                },
            )
            .await;
        match result {
            Err(ServiceError::AlreadyExists { .. }) => {
                // A concurrent twin with the same request_id completed it first.
                match self.replay(merchant_id, &scope, key.as_ref()).await? {
                    Some(found) => Ok(found),
                    None => Err(ServiceError::Internal("idempotency record vanished".into())),
                }
            }
            other => other,
        }
    }

    /// Read, check, modify, compare-and-swap; a lost race without an etag is retried on the
    /// fresh value, with one the client is told its etag is stale.
    async fn write<F>(
        &self,
        merchant_id: &str,
        id: SessionId,
        etag: Option<&str>,
        idempotency: Option<(&str, &RequestKey)>,
        modify: F,
    ) -> Result<Session, ServiceError>
    where
        F: Fn(
                &mut Session,
                OffsetDateTime,
                Option<&TransportOrder>,
            ) -> Result<Vec<OrderWrite>, ServiceError>
            + Send
            + Sync,
    {
        for attempt in 0..MAX_WRITE_ATTEMPTS {
            if attempt > 0 {
                tokio::time::sleep(backoff(attempt)).await;
            }
            let current = self.get(merchant_id, id).await?;
            if current.state == SessionState::Completed {
                return Err(ServiceError::FailedPrecondition {
                    reason: "SESSION_COMPLETED",
                    message: format!(
                        "session `{}` is completed and can no longer change",
                        id.resource_name()
                    ),
                });
            }
            if let Some(sent) = etag {
                if sent != current.etag() {
                    return Err(etag_mismatch(&current));
                }
            }
            // A re-opened session amends its order, read fresh on every attempt.
            let source = match &current.source_order_id {
                Some(order_id) => Some(self.order(merchant_id, order_id).await?),
                None => None,
            };
            let now = (self.clock)();
            let mut next = current.clone();
            let orders = modify(&mut next, now, source.as_ref())?;
            next.revision = current.revision + 1;
            // Keep update_time strictly increasing even if the clock steps back.
            next.update_time = now.max(current.update_time);
            // Events of this change commit with it: none is lost, none is sent for a change
            // that did not happen.
            let outbox = if current.state != SessionState::Completed
                && next.state == SessionState::Completed
            {
                let created: Vec<&TransportOrder> = orders
                    .iter()
                    .filter_map(|w| match w {
                        OrderWrite::Insert(o) => Some(o),
                        OrderWrite::Amend { .. } => None,
                    })
                    .collect();
                let amended: Vec<&TransportOrder> = orders
                    .iter()
                    .filter_map(|w| match w {
                        OrderWrite::Amend { order, .. } => Some(order),
                        OrderWrite::Insert(_) => None,
                    })
                    .collect();
                self.events.completion(&next, &created, &amended, now)
            } else {
                Vec::new()
            };
            let record =
                idempotency.map(|(scope, key)| self.record(merchant_id, scope, key, &next, now));
            if self
                .repo
                .replace(&next, current.revision, &orders, &outbox, record.as_ref())
                .await?
            {
                return Ok(next);
            }
            if let Some(sent) = etag {
                // Lost to a writer of this session (the etag is stale now), or of the order a
                // re-opened session amends (the etag still holds: try again).
                let latest = self.get(merchant_id, id).await?;
                if latest.etag() != sent {
                    return Err(etag_mismatch(&latest));
                }
            }
        }
        Err(ServiceError::Aborted {
            reason: AbortReason::ConcurrentModification,
            message: format!(
                "session `{}` is being changed by other requests; retry",
                id.resource_name()
            ),
            current_etag: None,
        })
    }

    async fn replay(
        &self,
        merchant_id: &str,
        scope: &str,
        key: Option<&RequestKey>,
    ) -> Result<Option<Session>, ServiceError> {
        let Some(key) = key else { return Ok(None) };
        match self
            .repo
            .idempotency(merchant_id, scope, &key.request_id)
            .await?
        {
            Some(record) if record.request_hash == key.request_hash => Ok(Some(record.response)),
            Some(_) => Err(ServiceError::invalid(
                "request_id",
                format!(
                    "`{}` was already used with a different request",
                    key.request_id
                ),
            )),
            None => Ok(None),
        }
    }

    fn record(
        &self,
        merchant_id: &str,
        scope: &str,
        key: &RequestKey,
        response: &Session,
        now: OffsetDateTime,
    ) -> IdempotencyRecord {
        IdempotencyRecord {
            merchant_id: merchant_id.to_owned(),
            scope: scope.to_owned(),
            request_id: key.request_id.clone(),
            request_hash: key.request_hash.clone(),
            response: response.clone(),
            create_time: now,
        }
    }
}

fn apply_choices(session: &mut Session, choices: &[DeliveryChoice]) -> Result<(), ServiceError> {
    let mut violations = Vec::new();
    for (i, choice) in choices.iter().enumerate() {
        match session
            .deliveries
            .iter_mut()
            .find(|d| d.id == choice.delivery_id)
        {
            None => violations.push(domain::FieldViolation::new(
                format!("delivery_choices[{i}].delivery_id"),
                format!("no delivery `{}` in this session", choice.delivery_id),
            )),
            Some(delivery) => {
                if let Err(e) = delivery.choose(&choice.option_id, &choice.addon_ids) {
                    let field = match e {
                        domain::ChoiceError::UnknownOption(_) => "option_id",
                        domain::ChoiceError::UnknownAddon(_)
                        | domain::ChoiceError::UnsupportedAddon(_) => "addon_ids",
                    };
                    violations.push(domain::FieldViolation::new(
                        format!("delivery_choices[{i}].{field}"),
                        e.to_string(),
                    ));
                }
            }
        }
    }
    if violations.is_empty() {
        Ok(())
    } else {
        Err(ServiceError::invalid_all(violations))
    }
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
        delivery: DeliveryDraft {
            id: delivery.id.clone(),
            line_items: delivery.line_items.clone(),
            fulfillments: delivery.fulfillments.clone(),
            recipient_contact: delivery.recipient_contact.clone(),
            attributes: delivery.attributes.clone(),
        },
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

fn preselected_addons(delivery: &Delivery, option_id: &str) -> Vec<String> {
    delivery
        .find_option(option_id)
        .map(|(category, option)| {
            category
                .addons
                .iter()
                .filter(|a| a.preselected && option.supports_addon(&a.id))
                .map(|a| a.id.clone())
                .collect()
        })
        .unwrap_or_default()
}

fn check_unique_delivery_ids(session: &Session) -> Result<(), ServiceError> {
    for (i, d) in session.deliveries.iter().enumerate() {
        if session.deliveries[..i].iter().any(|e| e.id == d.id) {
            return Err(ServiceError::invalid(
                format!("deliveries[{i}].id"),
                format!("duplicate delivery id `{}`", d.id),
            ));
        }
    }
    Ok(())
}

fn not_found(id: SessionId) -> ServiceError {
    ServiceError::NotFound {
        resource: "session",
        name: id.resource_name(),
    }
}

fn etag_mismatch(current: &Session) -> ServiceError {
    ServiceError::Aborted {
        reason: AbortReason::EtagMismatch,
        message: format!(
            "the etag does not match the current version of session `{}`; read it again and retry",
            current.id.resource_name()
        ),
        current_etag: Some(current.etag()),
    }
}

/// Lists fetch one row more than a page to learn whether another page exists without a count:
/// this cuts it off and says where the next page starts.
pub(crate) fn split_page<T, K>(
    mut rows: Vec<T>,
    size: u64,
    position: impl Fn(&T) -> K,
) -> (Vec<T>, Option<K>) {
    let next = if rows.len() as u64 > size {
        rows.truncate(size as usize);
        rows.last().map(position)
    } else {
        None
    };
    (rows, next)
}

/// Exponential backoff with full jitter: losers of one race spread out instead of colliding again.
fn backoff(attempt: u32) -> std::time::Duration {
    let ceiling = std::time::Duration::from_millis(1 << attempt.min(6)).min(MAX_BACKOFF);
    let jitter = (uuid::Uuid::new_v4().as_u128() % 1000) as u32;
    ceiling * jitter / 1000
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
