//! A merchant's API keys as resources, `merchants/{merchant}/apiKeys/{key}`: create (the secret
//! is in that answer only), list and `:revoke`, for admin keys. The CLI stays for the first key.

use std::sync::Arc;

use poem::web::RemoteAddr;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{Enum, Object, OpenApi, Tags};
use serde::Deserialize;
use time::OffsetDateTime;

use service::{ApiKeyRecord, Authenticator, KeyScope, ServiceError};

use super::config::admin;
use super::types::{echoed, echoed_time, present};
use super::BearerAuth;
use crate::common::{page_token, ApiError, JsonBody};

#[derive(Tags)]
enum ApiTags {
    /// The merchant's API keys: `checkout` keys for storefronts, `admin` keys for configuration.
    ApiKeys,
}

/// What a key may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Deserialize)]
#[oai(rename = "ApiKeyScope", rename_all = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Scope {
    ScopeUnspecified,
    /// Sessions, transport orders and events, on the headless and the legacy surfaces.
    Checkout,
    /// The merchant's delivery configuration and API keys.
    Admin,
}

/// One of the merchant's API keys. The secret is shown once, in the answer that creates it.
#[derive(Debug, Clone, Object, Deserialize)]
#[oai(rename = "ApiKey")]
#[serde(deny_unknown_fields)]
pub struct ApiKey {
    /// `merchants/{merchant}/apiKeys/{key_id}`; the key id is the key's public part.
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed")]
    pub name: Option<String>,
    pub scopes: Vec<Scope>,
    /// A test key works on the merchant's test sessions, transport orders and events only, a
    /// live key on its live ones only; the configuration serves both. Set on create, by default
    /// to the mode of the key that creates it; a test key creates test keys only.
    #[oai(skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "present")]
    pub test: Option<bool>,
    /// The whole key (`hck_{key_id}_{secret}`, or `hck_test_{key_id}_{secret}` for a test
    /// key): only in the answer of the create.
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed")]
    pub key: Option<String>,
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed_time")]
    pub create_time: Option<OffsetDateTime>,
    /// When it was revoked; requests with it fail from then on.
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed_time")]
    pub revoke_time: Option<OffsetDateTime>,
    /// The key that created it (`merchants/{merchant}/apiKeys/{key_id}`); absent for a key
    /// made with the command line.
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed")]
    pub creator: Option<String>,
    /// The key that revoked it; absent while it is active or when the command line did.
    #[oai(read_only, skip_serializing_if_is_none)]
    #[serde(default, deserialize_with = "echoed")]
    pub revoker: Option<String>,
}

#[derive(Debug, Clone, Object)]
#[oai(rename = "ListApiKeysResponse")]
pub struct ListApiKeysResponse {
    /// Oldest first.
    pub api_keys: Vec<ApiKey>,
    /// Pass as `page_token` for the next page; empty on the last page.
    pub next_page_token: String,
}

/// What page tokens of the key list are bound to.
const KEYS: &str = "apiKeys";

pub struct ApiKeysApi {
    auth: Arc<Authenticator>,
}

impl ApiKeysApi {
    pub fn new(auth: Arc<Authenticator>) -> Self {
        Self { auth }
    }
}

fn key_name(merchant: &str, id: &str) -> String {
    format!("merchants/{merchant}/apiKeys/{id}")
}

fn to_wire(r: &ApiKeyRecord, key: Option<String>) -> ApiKey {
    let by = |id: &Option<String>| id.as_deref().map(|id| key_name(&r.merchant_id, id));
    ApiKey {
        name: Some(key_name(&r.merchant_id, &r.id)),
        scopes: r
            .scopes
            .iter()
            .map(|s| match s {
                KeyScope::Checkout => Scope::Checkout,
                KeyScope::Admin => Scope::Admin,
            })
            .collect(),
        test: Some(r.test),
        key,
        create_time: Some(r.create_time),
        revoke_time: r.revoke_time,
        creator: by(&r.created_by),
        revoker: by(&r.revoked_by),
    }
}

fn test_key_denied(what: &str) -> ApiError {
    ServiceError::PermissionDenied {
        message: format!("a test key may not {what}; use a live admin key"),
    }
    .into()
}

/// The key id in `apiKeys/{key}` as the path gives it.
fn key_id(text: &str) -> Result<&str, ApiError> {
    if !text.is_empty() && text.len() <= 64 && text.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Ok(text)
    } else {
        Err(ServiceError::invalid("api_key", "is not an API key id").into())
    }
}

#[OpenApi]
impl ApiKeysApi {
    /// Create an API key
    ///
    /// Issues a key with the given scopes: `CHECKOUT` for a storefront's session calls,
    /// `ADMIN` for configuration and keys. The answer carries the whole key once; only its hash
    /// is stored.
    #[oai(
        path = "/v1/merchants/:merchant/apiKeys",
        method = "post",
        operation_id = "createApiKey",
        tag = "ApiTags::ApiKeys"
    )]
    async fn create_api_key(
        &self,
        auth: BearerAuth,
        remote: &RemoteAddr,
        /// The merchant id, as in `merchants/{merchant}`.
        merchant: Path<String>,
        body: JsonBody<ApiKey>,
    ) -> Result<Json<ApiKey>, ApiError> {
        let by = admin(&self.auth, &auth, remote, &merchant.0).await?;
        let request = body.value()?;
        let test = request.test.unwrap_or(by.test);
        if by.test && !test {
            return Err(test_key_denied("create a live key"));
        }
        let mut scopes = Vec::new();
        for (i, scope) in request.scopes.iter().enumerate() {
            scopes.push(match scope {
                Scope::Checkout => KeyScope::Checkout,
                Scope::Admin => KeyScope::Admin,
                Scope::ScopeUnspecified => {
                    return Err(ServiceError::invalid(
                        format!("scopes[{i}]"),
                        "must be CHECKOUT or ADMIN",
                    )
                    .into())
                }
            });
        }
        let issued = self
            .auth
            .create_scoped_key(&merchant.0, &scopes, test, Some(&by.key_id))
            .await?;
        tracing::info!(key = %issued.record.id, by = %by.key_id, test, "api key created");
        Ok(Json(to_wire(&issued.record, Some(issued.key))))
    }

    /// List API keys
    ///
    /// The merchant's keys, active and revoked, oldest first, without their secrets.
    #[oai(
        path = "/v1/merchants/:merchant/apiKeys",
        method = "get",
        operation_id = "listApiKeys",
        tag = "ApiTags::ApiKeys"
    )]
    async fn list_api_keys(
        &self,
        auth: BearerAuth,
        remote: &RemoteAddr,
        merchant: Path<String>,
        /// At most this many keys (default 50, at most 1000; larger values are lowered).
        page_size: Query<Option<i32>>,
        /// `next_page_token` of the previous page.
        page_token: Query<Option<String>>,
    ) -> Result<Json<ListApiKeysResponse>, ApiError> {
        let by = admin(&self.auth, &auth, remote, &merchant.0).await?;
        let size = super::page_size(page_size.0)?.min(service::MAX_PAGE_SIZE) as usize;
        let after = page_token
            .0
            .filter(|t| !t.is_empty())
            .map(|t| page_token::decode_position(&t, KEYS))
            .transpose()?;
        let mut keys = self.auth.list_keys(Some(&merchant.0)).await?;
        // A test key sees the test keys only: what the live keys are is none of test mode's
        // business.
        keys.retain(|k| k.test || !by.test);
        keys.sort_by(|a, b| (a.create_time, &a.id).cmp(&(b.create_time, &b.id)));
        if let Some((time, id)) = &after {
            keys.retain(|k| (k.create_time, &k.id) > (*time, id));
        }
        let next_page_token = if keys.len() > size {
            keys.truncate(size);
            keys.last()
                .map(|k| page_token::encode_position(k.create_time, &k.id, KEYS))
                .unwrap_or_default()
        } else {
            String::new()
        };
        Ok(Json(ListApiKeysResponse {
            api_keys: keys.iter().map(|k| to_wire(k, None)).collect(),
            next_page_token,
        }))
    }

    /// Revoke an API key
    ///
    /// Requests with the key fail from now on; the key stays listed with who revoked it. A key
    /// already revoked is answered as it is.
    #[oai(
        path = "/v1/merchants/:merchant/apiKeys/:api_key/~revoke",
        method = "post",
        operation_id = "revokeApiKey",
        tag = "ApiTags::ApiKeys"
    )]
    async fn revoke_api_key(
        &self,
        auth: BearerAuth,
        remote: &RemoteAddr,
        merchant: Path<String>,
        /// The key id, as in `apiKeys/{api_key}`.
        api_key: Path<String>,
    ) -> Result<Json<ApiKey>, ApiError> {
        let by = admin(&self.auth, &auth, remote, &merchant.0).await?;
        let id = key_id(&api_key.0)?;
        if by.test && !self.auth.merchant_key(&merchant.0, id).await?.test {
            return Err(test_key_denied("revoke a live key"));
        }
        let revoked = self
            .auth
            .revoke_merchant_key(&merchant.0, id, &by.key_id)
            .await?;
        tracing::info!(key = %id, by = %by.key_id, "api key revoked");
        Ok(Json(to_wire(&revoked, None)))
    }
}
