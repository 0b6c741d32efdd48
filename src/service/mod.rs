//! The use cases every surface shares: create, get, list, update, choose, refresh and complete a
//! session, with etag checks, compare-and-swap retries and request-id idempotency.

pub mod auth;
pub mod error;
pub mod filter;
pub mod ports;

use std::sync::Arc;

use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::domain::{Delivery, DeliveryChoice, Session, SessionDraft, SessionId, SessionState};
use crate::engine::{self, Catalog, PreparedMerchant};

pub use auth::{Access, Authenticator, Caller};
pub use error::{AbortReason, ServiceError, StoreError};
pub use filter::parse_filter;
pub use ports::{
    ApiKeyRecord, Cursor, IdempotencyRecord, KeyRepository, SessionFilter, SessionRepository,
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
    clock: Clock,
}

impl SessionService {
    pub fn new(repo: Arc<dyn SessionRepository>, catalog: Arc<Catalog>, clock: Clock) -> Self {
        Self {
            repo,
            catalog,
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
        };
        check_unique_delivery_ids(&session)?;
        engine::recompute(config, &mut session, now);
        let record = key
            .as_ref()
            .map(|k| self.record(merchant_id, SCOPE, k, &session, now));
        match self.repo.insert(&session, record.as_ref()).await {
            Ok(()) => Ok(session),
            Err(StoreError::AlreadyExists) => {
                // Either a concurrent twin of this request won (answer as it did) or the
                // client-chosen session id is taken.
                if let Some(found) = self.replay(merchant_id, SCOPE, key.as_ref()).await? {
                    return Ok(found);
                }
                Err(ServiceError::AlreadyExists {
                    message: format!("session `{}` already exists", id.resource_name()),
                    name: id.resource_name(),
                })
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Reads a session as stored; never recomputes.
    pub async fn get(&self, merchant_id: &str, id: SessionId) -> Result<Session, ServiceError> {
        self.repo
            .get(merchant_id, id)
            .await?
            .ok_or_else(|| not_found(id))
    }

    pub async fn list(
        &self,
        merchant_id: &str,
        filter: &SessionFilter,
        after: Option<Cursor>,
        page_size: u64,
    ) -> Result<SessionPage, ServiceError> {
        let size = page_size.clamp(1, MAX_PAGE_SIZE);
        // One extra row tells whether another page exists without a count query.
        let mut sessions = self.repo.list(merchant_id, filter, after, size + 1).await?;
        let next = if sessions.len() as u64 > size {
            sessions.truncate(size as usize);
            sessions.last().map(|s| Cursor {
                create_time: s.create_time,
                id: s.id,
            })
        } else {
            None
        };
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
        let config = self.merchant(merchant_id)?;
        self.write(merchant_id, id, etag, None, |session, now| {
            let draft = apply(session)?;
            let choices: Vec<(String, Option<DeliveryChoice>)> = session
                .deliveries
                .iter()
                .map(|d| (d.id.clone(), d.choice.clone()))
                .collect();
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
            engine::recompute(config, session, now);
            Ok(())
        })
        .await
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
        self.write(merchant_id, id, etag, None, |session, now| {
            // Options may have expired since the last computation; choose among current ones.
            engine::recompute(config, session, now);
            apply_choices(session, choices)
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
        self.write(merchant_id, id, etag, None, |session, now| {
            engine::recompute(config, session, now);
            Ok(())
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
                |session, _now| {
                    apply_choices(session, choices)?;
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
                        let addons = delivery
                            .choice
                            .as_ref()
                            .map(|c| c.addon_ids.clone())
                            .unwrap_or_else(|| preselected_addons(delivery, &option_id));
                        delivery
                            .choose(&option_id, &addons)
                            .map_err(|e| ServiceError::Internal(e.to_string()))?;
                        delivery.tos_id = Some(ulid::Ulid::new().to_string());
                    }
                    session.state = SessionState::Completed;
                    Ok(())
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
        F: Fn(&mut Session, OffsetDateTime) -> Result<(), ServiceError> + Send + Sync,
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
            let now = (self.clock)();
            let mut next = current.clone();
            modify(&mut next, now)?;
            next.revision = current.revision + 1;
            // Keep update_time strictly increasing even if the clock steps back.
            next.update_time = now.max(current.update_time);
            let record =
                idempotency.map(|(scope, key)| self.record(merchant_id, scope, key, &next, now));
            if self
                .repo
                .replace(&next, current.revision, record.as_ref())
                .await?
            {
                return Ok(next);
            }
            if etag.is_some() {
                let latest = self.get(merchant_id, id).await?;
                return Err(etag_mismatch(&latest));
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
            None => violations.push(crate::domain::FieldViolation::new(
                format!("delivery_choices[{i}].delivery_id"),
                format!("no delivery `{}` in this session", choice.delivery_id),
            )),
            Some(delivery) => {
                if let Err(e) = delivery.choose(&choice.option_id, &choice.addon_ids) {
                    let field = match e {
                        crate::domain::ChoiceError::UnknownOption(_) => "option_id",
                        crate::domain::ChoiceError::UnknownAddon(_) => "addon_ids",
                    };
                    violations.push(crate::domain::FieldViolation::new(
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

fn preselected_addons(delivery: &Delivery, option_id: &str) -> Vec<String> {
    delivery
        .find_option(option_id)
        .map(|(category, _)| {
            category
                .addons
                .iter()
                .filter(|a| a.preselected)
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

/// Exponential backoff with full jitter: losers of one race spread out instead of colliding again.
fn backoff(attempt: u32) -> std::time::Duration {
    let ceiling = std::time::Duration::from_millis(1 << attempt.min(6)).min(MAX_BACKOFF);
    let jitter = (uuid::Uuid::new_v4().as_u128() % 1000) as u32;
    ceiling * jitter / 1000
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
