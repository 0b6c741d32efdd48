//! Who is calling: merchant API keys and session tokens, checked in constant time, with a limit
//! on failed attempts per client address.
//!
//! A live key reads `hck_<id>_<secret>`, a test key `hck_test_<id>_<secret>`: the id finds the
//! stored record, the secret is compared with its SHA-256 hash, and the prefix must say the
//! record's mode. A test key works on its merchant's test tenant only ([`Tenant`]), a live key
//! on the live one only. A session token reads `hcs_<session>_<secret>` and is compared with the
//! token stored on each session of that id (ids are unique per merchant only). Neither secret
//! is ever logged or stored in the clear (a session's token is stored because the legacy
//! surfaces return it on every read).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use time::OffsetDateTime;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::error::ServiceError;
use super::{hex, Clock};
use domain::{SessionId, Tenant};

use crate::commands::SessionPatch;
use ports::{ApiKeyRecord, KeyRepository, KeyScope, SessionRepository};

const KEY_PREFIX: &str = "hck";
const TOKEN_PREFIX: &str = "hcs";
/// What follows the key prefix in a test key.
const TEST_MARK: &str = "test";
/// The id of the documented demo key; it never exists in the database.
pub const DEMO_KEY_ID: &str = "demo";
/// The demo merchant's documented key, accepted only while the demo key is enabled. It is a
/// test key: what anyone does with a published key stays in test mode.
pub const DEMO_API_KEY: &str = "hck_test_demo_Jm9yLWRlbW9zLW9ubHktbmV2ZXItaW4tcHJvZHVjdGlvbg";

/// An authenticated caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// A merchant's API key: what its scopes allow, on the merchant's own resources of the
    /// key's mode.
    Merchant {
        tenant: Tenant,
        key_id: String,
        scopes: Scopes,
    },
    /// A session token: only what the shipping selector needs, only on its session.
    Session {
        tenant: Tenant,
        session_id: SessionId,
    },
}

/// The scopes of a merchant key, as flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scopes {
    /// Sessions, transport orders and events, on every surface.
    pub checkout: bool,
    /// The merchant's configuration and API keys.
    pub admin: bool,
}

impl Scopes {
    /// What the demo key and keys from before scopes can do.
    pub const ALL: Self = Self {
        checkout: true,
        admin: true,
    };

    pub fn of(scopes: &[KeyScope]) -> Self {
        Self {
            checkout: scopes.contains(&KeyScope::Checkout),
            admin: scopes.contains(&KeyScope::Admin),
        }
    }
}

/// What a request needs to be allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Read one session.
    Read,
    /// Choose an option or set the search address of one session.
    Widget,
    /// Everything else: create, list, update, refresh, complete.
    Merchant,
}

impl Caller {
    /// The merchant, whose configuration serves both modes.
    pub fn merchant_id(&self) -> &str {
        self.tenant().merchant_id()
    }

    /// The merchant and mode whose data this caller works on.
    pub fn tenant(&self) -> &Tenant {
        match self {
            Self::Merchant { tenant, .. } | Self::Session { tenant, .. } => tenant,
        }
    }

    /// What the caller's sessions, orders and events are stored under.
    pub fn tenant_key(&self) -> &str {
        self.tenant().key()
    }

    /// Whether this caller may do what needs `access` on `target` (a session id; `None` for a
    /// collection). A session the caller may not see is reported as not found, exactly as a
    /// session that does not exist.
    ///
    /// # Errors
    /// `PermissionDenied` when a session token asks for more than the shipping selector may do;
    /// `NotFound` for a token of another session.
    pub fn authorize(&self, target: Option<SessionId>, access: Access) -> Result<(), ServiceError> {
        let session_id = match self {
            Self::Merchant { scopes, .. } if !scopes.checkout => {
                return Err(ServiceError::PermissionDenied {
                    message: "this key has the admin scope only: sessions, transport orders and \
                              events need a key with the checkout scope"
                        .to_owned(),
                })
            }
            Self::Merchant { .. } => return Ok(()),
            Self::Session { session_id, .. } => session_id,
        };
        match target {
            Some(t) if t == *session_id => {}
            Some(t) => {
                return Err(ServiceError::NotFound {
                    resource: "session",
                    name: t.resource_name(),
                })
            }
            None => {
                return Err(ServiceError::PermissionDenied {
                    message: "a session token cannot list or create sessions; use an API key"
                        .into(),
                })
            }
        }
        if access == Access::Merchant {
            return Err(ServiceError::PermissionDenied {
                message: "a session token may only read the session, choose options and set the search address; use an API key".into(),
            });
        }
        Ok(())
    }
}

impl Access {
    /// What an update needs: the shipping selector may set the search address, nothing else.
    pub fn to_update(patch: &SessionPatch) -> Self {
        if patch.only_search_address() {
            Self::Widget
        } else {
            Self::Merchant
        }
    }
}

/// A newly created key; the secret is shown once and never again.
pub struct IssuedKey {
    pub record: ApiKeyRecord,
    pub key: String,
}

/// Refuses a client address after too many failed attempts within a window. Time comes from
/// the service's clock, so tests can step through a window.
pub struct FailureLimiter {
    limit: u32,
    window: time::Duration,
    failures: Mutex<HashMap<IpAddr, (OffsetDateTime, u32)>>,
}

impl FailureLimiter {
    pub fn new(limit: u32, window: Duration) -> Self {
        Self {
            limit,
            window: time::Duration::try_from(window).unwrap_or(time::Duration::MINUTE),
            failures: Mutex::new(HashMap::new()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<IpAddr, (OffsetDateTime, u32)>> {
        // A panic elsewhere while holding the lock leaves counts that are still counts.
        self.failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Seconds until the address may try again, when it is over the limit.
    fn blocked(&self, ip: IpAddr, now: OffsetDateTime) -> Option<u64> {
        let failures = self.lock();
        let (start, count) = failures.get(&ip)?;
        let elapsed = now - *start;
        (elapsed < self.window && *count >= self.limit)
            .then(|| ((self.window - elapsed).whole_seconds().max(1)) as u64)
    }

    fn record_failure(&self, ip: IpAddr, now: OffsetDateTime) {
        let mut failures = self.lock();
        // Forget finished windows now and then so the map cannot grow without bound.
        if failures.len() > 10_000 {
            let window = self.window;
            failures.retain(|_, (start, _)| now - *start < window);
        }
        let entry = failures.entry(ip).or_insert((now, 0));
        if now - entry.0 >= self.window {
            *entry = (now, 0);
        }
        entry.1 += 1;
    }
}

pub struct Authenticator {
    keys: Arc<dyn KeyRepository>,
    sessions: Arc<dyn SessionRepository>,
    /// The merchant the demo key belongs to, while the demo key is enabled.
    demo_merchant: Option<String>,
    limiter: FailureLimiter,
    clock: Clock,
}

fn sha256_hex(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

/// 32 random bytes, URL-safe base64 without padding (43 characters).
pub fn random_secret() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system provides randomness");
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A new session token for `id`.
pub fn new_session_token(id: SessionId) -> String {
    format!("{TOKEN_PREFIX}_{}_{}", id.uuid().simple(), random_secret())
}

fn unauthenticated(message: &str) -> ServiceError {
    ServiceError::Unauthenticated {
        message: message.to_owned(),
    }
}

impl Authenticator {
    pub fn new(
        keys: Arc<dyn KeyRepository>,
        sessions: Arc<dyn SessionRepository>,
        demo_merchant: Option<String>,
        limiter: FailureLimiter,
        clock: Clock,
    ) -> Self {
        Self {
            keys,
            sessions,
            demo_merchant,
            limiter,
            clock,
        }
    }

    /// Who presents `credential` (a bearer token), before anything of the request is read.
    ///
    /// # Errors
    /// `Unauthenticated` for a missing, malformed, unknown or revoked credential;
    /// `ResourceExhausted` after too many failures from `client`.
    pub async fn authenticate(
        &self,
        credential: Option<&str>,
        client: Option<IpAddr>,
    ) -> Result<Caller, ServiceError> {
        let now = (self.clock)();
        if let Some(ip) = client {
            if let Some(retry_after_secs) = self.limiter.blocked(ip, now) {
                return Err(ServiceError::ResourceExhausted {
                    message: "too many failed authentication attempts from this address".into(),
                    retry_after_secs,
                });
            }
        }
        let resolved = match credential.map(str::trim).filter(|c| !c.is_empty()) {
            None => Err(unauthenticated(
                "this method needs `Authorization: Bearer <API key or session token>`",
            )),
            Some(c) => self.resolve(c).await,
        };
        if let (Some(ip), Err(ServiceError::Unauthenticated { .. })) = (client, &resolved) {
            self.limiter.record_failure(ip, now);
        }
        resolved
    }

    async fn resolve(&self, credential: &str) -> Result<Caller, ServiceError> {
        let mut parts = credential.splitn(3, '_');
        let (Some(kind), Some(id), Some(secret)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(unauthenticated(
                "the credential is not an API key or a session token",
            ));
        };
        match kind {
            KEY_PREFIX if id == TEST_MARK => {
                let Some((id, secret)) = secret.split_once('_') else {
                    return Err(unauthenticated("the API key is not valid"));
                };
                self.resolve_key(id, secret, true).await
            }
            KEY_PREFIX => self.resolve_key(id, secret, false).await,
            TOKEN_PREFIX => self.resolve_token(id, credential).await,
            _ => Err(unauthenticated(
                "the credential is not an API key or a session token",
            )),
        }
    }

    async fn resolve_key(
        &self,
        id: &str,
        secret: &str,
        test: bool,
    ) -> Result<Caller, ServiceError> {
        let invalid = || unauthenticated("the API key is not valid");
        let presented = sha256_hex(secret);
        if id == DEMO_KEY_ID {
            let merchant_id = self.demo_merchant.as_deref().ok_or_else(invalid)?;
            let demo_secret = DEMO_API_KEY.splitn(4, '_').nth(3).unwrap_or_default();
            let expected = sha256_hex(demo_secret);
            return if test && bool::from(presented.as_bytes().ct_eq(expected.as_bytes())) {
                Ok(Caller::Merchant {
                    tenant: Tenant::test(merchant_id),
                    key_id: DEMO_KEY_ID.into(),
                    scopes: Scopes::ALL,
                })
            } else {
                Err(invalid())
            };
        }
        let record = self.keys.find(id).await?.ok_or_else(invalid)?;
        let matches = bool::from(presented.as_bytes().ct_eq(record.secret_hash.as_bytes()));
        // A key presented in the other mode's spelling is refused: the prefix is how a reader
        // of a configuration or a log knows which data a key touches, so it must not lie.
        if !matches || record.revoke_time.is_some() || record.test != test {
            return Err(invalid());
        }
        Ok(Caller::Merchant {
            scopes: Scopes::of(&record.scopes),
            tenant: Tenant::new(&record.merchant_id, record.test),
            key_id: record.id,
        })
    }

    async fn resolve_token(&self, id: &str, token: &str) -> Result<Caller, ServiceError> {
        let invalid = || unauthenticated("the session token is not valid");
        let uuid = uuid::Uuid::try_parse(id).map_err(|_| invalid())?;
        // Session ids are unique per merchant only, and the token does not name its merchant:
        // it opens whichever session with this id stores exactly this token (the secret part
        // makes that one at most).
        let session = self
            .sessions
            .find_all(SessionId::from_uuid(uuid))
            .await?
            .into_iter()
            .find(|s| !s.token.is_empty() && bool::from(s.token.as_bytes().ct_eq(token.as_bytes())))
            .ok_or_else(invalid)?;
        Ok(Caller::Session {
            tenant: Tenant::from_key(&session.merchant_id),
            session_id: session.id,
        })
    }

    /// Creates a key for `merchant_id` with every scope (the CLI's bootstrap key); the returned
    /// secret is not stored anywhere.
    ///
    /// # Errors
    /// `Unavailable` when the database cannot be reached.
    pub async fn create_key(&self, merchant_id: &str) -> Result<IssuedKey, ServiceError> {
        self.create_scoped_key(merchant_id, &KeyScope::ALL, false, None)
            .await
    }

    /// Creates a key for `merchant_id` with `scopes`, in test mode when `test`, made by the key
    /// `created_by` when given.
    ///
    /// # Errors
    /// `InvalidArgument` for no scope; `Unavailable` when the database cannot be reached.
    pub async fn create_scoped_key(
        &self,
        merchant_id: &str,
        scopes: &[KeyScope],
        test: bool,
        created_by: Option<&str>,
    ) -> Result<IssuedKey, ServiceError> {
        let mut scopes = scopes.to_vec();
        scopes.sort_unstable();
        scopes.dedup();
        if scopes.is_empty() {
            return Err(ServiceError::invalid(
                "scopes",
                "at least one scope is required: CHECKOUT, ADMIN",
            ));
        }
        let id = ulid::Ulid::new().to_string().to_lowercase();
        let secret = random_secret();
        let record = ApiKeyRecord {
            id: id.clone(),
            merchant_id: merchant_id.to_owned(),
            secret_hash: sha256_hex(&secret),
            create_time: (self.clock)(),
            revoke_time: None,
            scopes,
            created_by: created_by.map(str::to_owned),
            revoked_by: None,
            test,
        };
        self.keys.insert(&record).await?;
        let key = if test {
            format!("{KEY_PREFIX}_{TEST_MARK}_{id}_{secret}")
        } else {
            format!("{KEY_PREFIX}_{id}_{secret}")
        };
        Ok(IssuedKey { record, key })
    }

    /// # Errors
    /// `Unavailable` when the database cannot be reached.
    pub async fn list_keys(
        &self,
        merchant_id: Option<&str>,
    ) -> Result<Vec<ApiKeyRecord>, ServiceError> {
        Ok(self.keys.list(merchant_id).await?)
    }

    /// # Errors
    /// `NotFound` when there is no such active key.
    pub async fn revoke_key(&self, id: &str) -> Result<(), ServiceError> {
        if self.keys.revoke(id, (self.clock)(), None).await? {
            Ok(())
        } else {
            Err(ServiceError::NotFound {
                resource: "api key",
                name: id.to_owned(),
            })
        }
    }

    /// One of `merchant_id`'s keys; another merchant's is not found, as one that does not exist.
    ///
    /// # Errors
    /// `NotFound` for a key of another merchant or none.
    pub async fn merchant_key(
        &self,
        merchant_id: &str,
        id: &str,
    ) -> Result<ApiKeyRecord, ServiceError> {
        self.keys
            .find(id)
            .await?
            .filter(|k| k.merchant_id == merchant_id)
            .ok_or_else(|| ServiceError::NotFound {
                resource: "apiKey",
                name: format!("merchants/{merchant_id}/apiKeys/{id}"),
            })
    }

    /// Revokes one of `merchant_id`'s keys on behalf of the key `by`; a key already revoked
    /// stays as it was revoked.
    ///
    /// # Errors
    /// `NotFound` for a key of another merchant or none.
    pub async fn revoke_merchant_key(
        &self,
        merchant_id: &str,
        id: &str,
        by: &str,
    ) -> Result<ApiKeyRecord, ServiceError> {
        self.merchant_key(merchant_id, id).await?;
        self.keys.revoke(id, (self.clock)(), Some(by)).await?;
        self.merchant_key(merchant_id, id).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limiter_blocks_after_the_limit_and_only_that_address() {
        let limiter = FailureLimiter::new(3, Duration::from_secs(60));
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        let now = time::macros::datetime!(2026-12-02 10:00 UTC);
        for _ in 0..3 {
            assert_eq!(limiter.blocked(a, now), None);
            limiter.record_failure(a, now);
        }
        let later = now + time::Duration::seconds(15);
        assert_eq!(limiter.blocked(a, later), Some(45));
        assert_eq!(limiter.blocked(b, later), None);
        assert_eq!(
            limiter.blocked(a, now + time::Duration::seconds(61)),
            None,
            "the window has passed"
        );
    }

    #[test]
    fn secrets_are_long_and_distinct() {
        let (a, b) = (random_secret(), random_secret());
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
        let token = new_session_token(SessionId::new_random());
        assert!(token.starts_with("hcs_"));
        assert_eq!(token.splitn(3, '_').count(), 3);
    }
}
