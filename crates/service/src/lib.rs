//! The use cases every surface shares. Surfaces translate their wire shapes into the typed
//! commands of [`commands`] and back; the service owns every session rule: carts into
//! deliveries, recipients, choices, completion, etag and concurrency rules, request-id
//! idempotency and the bounds of what is stored.
//!
//! - [`sessions`]: create, read, list, update, choose, refresh, pickup-location search.
//! - [`completion`]: completing a session into transport orders.
//! - `changes`, `checks`, `choices`: the rules a write applies and checks.
//! - `write`: the compare-and-swap loop every write goes through.
//! - [`auth`], [`events`], [`filter`]: callers, merchant events, list filters.
//! - [`trace`]: the W3C trace a request carries, handed on to the events it causes.
//! - [`config`]: a merchant's delivery configuration as a resource, kept live on every replica.
//! - [`config_diff`]: what changed between two versions of a merchant's configuration.

pub mod auth;
mod changes;
mod checks;
mod choices;
pub mod commands;
pub mod completion;
pub mod config;
pub mod config_diff;
pub mod error;
pub mod events;
pub mod filter;
mod idempotency;
mod orders;
mod paging;
mod providers;
pub mod sessions;
pub mod trace;
mod write;

use std::sync::Arc;

use time::OffsetDateTime;

use domain::SessionId;
use engine::{Catalog, PreparedMerchant};
use ports::SessionRepository;

pub use auth::{Access, Authenticator, Caller, Scopes};
pub use commands::*;
pub use error::{AbortReason, ServiceError};
pub use filter::{parse_event_filter, parse_filter, parse_order_filter};
pub use idempotency::{RequestKey, MAX_REQUEST_ID};
pub use paging::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
pub use ports::{ApiKeyRecord, KeyScope};
pub use ports::{Cursor, OrderCursor, OrderFilter, SessionFilter};
pub use sessions::SessionPage;

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

pub struct SessionService {
    repo: Arc<dyn SessionRepository>,
    catalog: Arc<Catalog>,
    events: Arc<events::EventFactory>,
    clock: Clock,
    limits: Limits,
    providers: Option<Arc<providers::Providers>>,
}

/// How much one session may hold. Quoting is per delivery and answers grow with the lines, so
/// these bound the work and the answer of every request, whatever its body size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Deliveries per session (on cart surfaces, delivery groups per cart).
    pub max_deliveries: usize,
    /// Line items per session, over all its deliveries (on cart surfaces, cart items).
    pub max_line_items: usize,
}

impl Default for Limits {
    /// Twenty shipments and five hundred lines: far above any retail checkout, and a full
    /// quote of that size still answers in milliseconds.
    fn default() -> Self {
        Self {
            max_deliveries: 20,
            max_line_items: 500,
        }
    }
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
            limits: Limits::default(),
            providers: None,
        }
    }

    /// The service asking rate providers through `port` before each quote; without it a
    /// product priced by a provider always takes its fallback.
    #[must_use]
    pub fn with_providers(mut self, port: Arc<dyn ports::RateProvider>) -> Self {
        self.providers = Some(Arc::new(providers::Providers::new(port)));
        self
    }

    /// The providers' answers for a quote of `session`, gathered within the merchant's budget.
    pub(crate) async fn gather(
        &self,
        merchant: &PreparedMerchant,
        session: &domain::Session,
    ) -> providers::Gathered {
        match &self.providers {
            Some(p) if !merchant.config.providers.is_empty() => {
                p.gather(&merchant.config, providers::plan(merchant, session))
                    .await
            }
            _ => providers::Gathered::default(),
        }
    }

    /// For a write's quote: gathers for the stored session as `change` will leave it. The
    /// write may then meet another version (a concurrent writer); its quote uses the answers
    /// whose inputs still match and falls back for the rest.
    pub(crate) async fn gather_stored(
        &self,
        merchant: &PreparedMerchant,
        merchant_id: &str,
        id: SessionId,
        change: impl FnOnce(&mut domain::Session),
    ) -> providers::Gathered {
        if self.providers.is_none() || merchant.config.providers.is_empty() {
            return providers::Gathered::default();
        }
        match self.repo.get(merchant_id, id).await {
            Ok(Some(mut session)) => {
                change(&mut session);
                self.gather(merchant, &session).await
            }
            _ => providers::Gathered::default(),
        }
    }

    /// The service with other bounds on what a session holds.
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The configuration serving `tenant` (a tenant key): the merchant's one, in either mode.
    fn merchant(&self, tenant: &str) -> Result<Arc<PreparedMerchant>, ServiceError> {
        let merchant_id = domain::tenant::merchant_of(tenant);
        self.catalog.merchant(merchant_id).ok_or_else(|| {
            ServiceError::Internal(format!("merchant `{merchant_id}` has no configuration"))
        })
    }

    /// # Errors
    /// `Unavailable` when the store does not answer.
    pub async fn ready(&self) -> Result<(), ServiceError> {
        Ok(self.repo.ping().await?)
    }
}

fn not_found(id: SessionId) -> ServiceError {
    ServiceError::NotFound {
        resource: "session",
        name: id.resource_name(),
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Quotes `session` on `merchant`'s rules (the engine's one entry point), timed: the engine is
/// pure and usually takes well under a millisecond, so a rising quote time points at the
/// merchant's configuration (pickup points, rules) rather than at the database. Provider
/// calls happened before, in `gathered`; they are not part of this time.
pub(crate) fn quote(
    merchant: &PreparedMerchant,
    session: &mut domain::Session,
    now: OffsetDateTime,
    gathered: &providers::Gathered,
) {
    let started = std::time::Instant::now();
    let answers = providers::answers(gathered, merchant, session);
    engine::recompute_with(merchant, session, now, &answers);
    session.config_revision = merchant.revision;
    metrics::histogram!("checkout_quote_duration_seconds").record(started.elapsed().as_secs_f64());
}
