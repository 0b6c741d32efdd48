//! The delivery configuration as an AIP-156 singleton under its merchant:
//! `merchants/{merchant}/deliveryConfig` (get, update with `update_mask` and `etag`), its
//! revisions (list, get) and `:preview`. Handlers only translate, as the session handlers do.

use std::sync::Arc;

use poem::web::RemoteAddr;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi, Tags};
use serde_json::Value;

use service::config::{
    config_name, revision_name, AuditAction, AuditCursor, AuditEntry, ConfigRevision,
    ConfigService, ConfigUpdate, DeliveryConfig, FILE_AUTHOR,
};
use service::config_diff::ConfigChange;
use service::{Authenticator, Caller, ServiceError};

use super::types::{ConfigDocument, Inline, Int64};
use super::{mapping, model as wire, quoted, BearerAuth};
use crate::common::{none_match_hits, page_token, peer_ip, trace, ApiError, JsonBody, WireJson};

#[derive(Tags)]
enum ApiTags {
    /// A merchant's delivery configuration: warehouses, carrier products, categories and
    /// prices, vouchers, webhooks and providers, changed through the API and live at once.
    DeliveryConfig,
}

/// Members of the resource that a client may send back and that are never written.
const OUTPUT_ONLY: [&str; 6] = [
    "name",
    "revision",
    "revision_name",
    "update_time",
    "author",
    "etag",
];
/// What page tokens of the revision list are bound to (they carry no filter).
const REVISIONS: &str = "revisions";
/// What the audit list's page tokens are bound to.
const AUDIT: &str = "auditEvents";

pub struct ConfigApi {
    config: Arc<ConfigService>,
    auth: Arc<Authenticator>,
}

impl ConfigApi {
    pub fn new(config: Arc<ConfigService>, auth: Arc<Authenticator>) -> Self {
        Self { config, auth }
    }

    async fn admin(
        &self,
        auth: &BearerAuth,
        remote: &RemoteAddr,
        merchant: &str,
    ) -> Result<String, ApiError> {
        Ok(admin(&self.auth, auth, remote, merchant).await?.key_id)
    }
}

/// An admin key of the merchant in the path.
pub(super) struct AdminKey {
    pub key_id: String,
    /// A test key: it may make and revoke test keys only.
    pub test: bool,
}

/// The caller's key, once it is an admin key of the merchant in the path: configuration and
/// keys are the merchant's own, and a checkout key (what a storefront holds) cannot change them.
/// The configuration has no mode (it serves live and test sessions alike), so a test admin key
/// changes it as a live one does.
pub(super) async fn admin(
    authenticator: &Authenticator,
    auth: &BearerAuth,
    remote: &RemoteAddr,
    merchant: &str,
) -> Result<AdminKey, ApiError> {
    let caller = authenticator
        .authenticate(Some(&auth.0.token), Some(peer_ip(remote)))
        .await?;
    trace::note_merchant(caller.tenant());
    match caller {
        Caller::Merchant {
            tenant,
            key_id,
            scopes,
        } if tenant.merchant_id() == merchant => {
            if scopes.admin {
                Ok(AdminKey {
                    key_id,
                    test: tenant.is_test(),
                })
            } else {
                Err(ServiceError::PermissionDenied {
                    message: "this key has the checkout scope only: configuration and keys \
                              need a key with the admin scope"
                        .to_owned(),
                }
                .into())
            }
        }
        // Not naming the merchant: whether it exists is not the caller's to learn.
        Caller::Merchant { .. } => Err(ServiceError::PermissionDenied {
            message: "this key may not read or change another merchant's configuration or keys"
                .to_owned(),
        }
        .into()),
        Caller::Session { .. } => Err(ServiceError::PermissionDenied {
            message: "a session token may not read or change configuration or keys".to_owned(),
        }
        .into()),
    }
}

#[derive(ApiResponse)]
pub enum DeliveryConfigResponse {
    /// The configuration.
    #[oai(status = 200)]
    Ok(
        Json<Box<wire::DeliveryConfig>>,
        /// The configuration's etag, quoted as HTTP requires.
        #[oai(header = "ETag")]
        String,
    ),
    /// The configuration still has the etag given in `If-None-Match`.
    #[oai(status = 304)]
    NotModified(#[oai(header = "ETag")] String),
}

fn author(key_id: &str) -> String {
    if key_id == FILE_AUTHOR {
        FILE_AUTHOR.to_owned()
    } else {
        format!("apiKeys/{key_id}")
    }
}

fn config_to_wire(c: &DeliveryConfig) -> DeliveryConfigResponse {
    let etag = c.etag();
    DeliveryConfigResponse::Ok(
        Json(Box::new(wire::DeliveryConfig {
            name: Some(config_name(&c.merchant_id)),
            config: ConfigDocument(c.content.clone()),
            revision: Some(Int64(c.revision)),
            revision_name: Some(revision_name(&c.merchant_id, c.revision)),
            update_time: Some(c.update_time),
            author: Some(author(&c.author_key_id)),
            etag: Some(etag.clone()),
        })),
        quoted(&etag),
    )
}

fn audit_to_wire(merchant: &str, e: &AuditEntry) -> wire::AuditEvent {
    let r = &e.record;
    let key = |id: &str| format!("merchants/{merchant}/apiKeys/{id}");
    let (action, resource) = match r.action {
        AuditAction::ConfigUpdated => (
            wire::AuditAction::UpdateDeliveryConfig,
            format!("{}/revisions/{}", config_name(merchant), r.target),
        ),
        AuditAction::KeyCreated => (wire::AuditAction::CreateApiKey, key(&r.target)),
        AuditAction::KeyRevoked => (wire::AuditAction::RevokeApiKey, key(&r.target)),
    };
    wire::AuditEvent {
        name: Some(format!(
            "merchants/{merchant}/auditEvents/{}-{}",
            r.action.as_str(),
            r.target
        )),
        action,
        actor: match r.actor.as_deref() {
            Some(FILE_AUTHOR) => FILE_AUTHOR.to_owned(),
            Some(id) => key(id),
            None => "cli".to_owned(),
        },
        resource,
        create_time: r.time,
        changes: e.changes.iter().map(change_to_wire).collect(),
    }
}

fn change_to_wire(change: &ConfigChange) -> wire::ConfigChange {
    wire::ConfigChange {
        path: change.path.clone(),
        before: change.before.clone(),
        after: change.after.clone(),
    }
}

fn revision_to_wire(r: &ConfigRevision) -> wire::DeliveryConfigRevision {
    let c = &r.config;
    wire::DeliveryConfigRevision {
        name: Some(revision_name(&c.merchant_id, c.revision)),
        revision: Int64(c.revision),
        config: ConfigDocument(c.content.clone()),
        create_time: Some(c.update_time),
        author: author(&c.author_key_id),
        changes: r.changes.iter().map(change_to_wire).collect(),
    }
}

/// The configuration paths an update writes: the mask's paths under `config` (`*` or `config`
/// for all of it), or without a mask each member of `config` in the body.
fn resolve_mask(mask: Option<&str>, config: Option<&Value>) -> Result<Vec<String>, ApiError> {
    let requested: Vec<String> = match mask.map(str::trim).filter(|m| !m.is_empty()) {
        Some(m) => m.split(',').map(|p| p.trim().to_owned()).collect(),
        None => match config.and_then(Value::as_object) {
            Some(members) => members.keys().map(|k| format!("config.{k}")).collect(),
            None => Vec::new(),
        },
    };
    let mut paths = Vec::new();
    for path in requested {
        let resolved = match path.as_str() {
            "*" | "config" => "*".to_owned(),
            p if OUTPUT_ONLY.contains(&p) => continue,
            p => match p.strip_prefix("config.") {
                Some(rest) if rest.split('.').all(is_member_name) => rest.to_owned(),
                _ => {
                    return Err(ServiceError::invalid(
                        "update_mask",
                        format!("`{path}` is not a writable field; use config, config.<member>[.<member>...] or *"),
                    )
                    .into())
                }
            },
        };
        if !paths.contains(&resolved) {
            paths.push(resolved);
        }
    }
    if paths.is_empty() {
        return Err(ServiceError::invalid(
            "update_mask",
            "names no writable field, and the body sets no member of `config`",
        )
        .into());
    }
    if paths.iter().any(|p| p == "*") && config.is_none() {
        return Err(ServiceError::invalid(
            "config",
            "is required to replace the whole configuration",
        )
        .into());
    }
    Ok(paths)
}

/// The configuration's member names are lower snake case; the spec's mask pattern says so too.
fn is_member_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

#[OpenApi]
impl ConfigApi {
    /// Get the delivery configuration
    ///
    /// Returns the merchant's current delivery configuration with its revision. With
    /// `If-None-Match` carrying the current etag the answer is 304 without a body.
    #[oai(
        path = "/v1/merchants/:merchant/deliveryConfig",
        method = "get",
        operation_id = "getDeliveryConfig",
        tag = "ApiTags::DeliveryConfig"
    )]
    async fn get_delivery_config(
        &self,
        auth: BearerAuth,
        remote: &RemoteAddr,
        /// The merchant id, as in `merchants/{merchant}`.
        merchant: Path<String>,
        #[oai(name = "If-None-Match")] if_none_match: Header<Option<String>>,
    ) -> Result<DeliveryConfigResponse, ApiError> {
        self.admin(&auth, remote, &merchant.0).await?;
        let current = self.config.get(&merchant.0).await?;
        if let Some(header) = &if_none_match.0 {
            if none_match_hits(header, &current.etag()) {
                return Ok(DeliveryConfigResponse::NotModified(quoted(&current.etag())));
            }
        }
        Ok(config_to_wire(&current))
    }

    /// Update the delivery configuration
    ///
    /// Checks the changed configuration by the same rules as the configuration file, naming
    /// every problem by its path, and stores it as the next revision, which new quotes use at
    /// once on every replica. `update_mask` lists what to write (`config.categories`,
    /// `config.vouchers`, or `*` for all); without it the members of `config` in the body are
    /// written. Include `etag` to make the change conditional. To roll back, update with an
    /// earlier revision's `config` and `update_mask=*`.
    #[oai(
        path = "/v1/merchants/:merchant/deliveryConfig",
        method = "patch",
        operation_id = "updateDeliveryConfig",
        tag = "ApiTags::DeliveryConfig"
    )]
    async fn update_delivery_config(
        &self,
        auth: BearerAuth,
        remote: &RemoteAddr,
        merchant: Path<String>,
        body: JsonBody<Value, wire::DeliveryConfigUpdate>,
        /// Comma-separated field paths relative to the resource (`config.categories`).
        update_mask: Query<Option<String>>,
    ) -> Result<DeliveryConfigResponse, ApiError> {
        let key_id = self.admin(&auth, remote, &merchant.0).await?;
        let raw = body.raw()?;
        JsonBody::<wire::DeliveryConfigUpdate>::typed(&raw)?;
        let config = raw.get("config");
        let paths = resolve_mask(update_mask.0.as_deref(), config)?;
        let etag = super::body_etag(&raw)?;
        let updated = self
            .config
            .update(
                &merchant.0,
                ConfigUpdate {
                    content: config.cloned().unwrap_or(Value::Object(Default::default())),
                    paths,
                    etag,
                    author_key_id: key_id,
                },
            )
            .await?;
        Ok(config_to_wire(&updated))
    }

    /// List configuration revisions
    ///
    /// The merchant's stored configuration revisions, newest first, each with the key that
    /// made it and what it changed: the configuration's audit trail.
    #[oai(
        path = "/v1/merchants/:merchant/deliveryConfig/revisions",
        method = "get",
        operation_id = "listDeliveryConfigRevisions",
        tag = "ApiTags::DeliveryConfig"
    )]
    async fn list_delivery_config_revisions(
        &self,
        auth: BearerAuth,
        remote: &RemoteAddr,
        merchant: Path<String>,
        /// At most this many revisions (default 50, at most 1000; larger values are lowered).
        page_size: Query<Option<i32>>,
        /// `next_page_token` of the previous page.
        page_token: Query<Option<String>>,
    ) -> Result<Json<wire::ListDeliveryConfigRevisionsResponse>, ApiError> {
        self.admin(&auth, remote, &merchant.0).await?;
        let size = super::page_size(page_size.0)?;
        let before = page_token
            .0
            .filter(|t| !t.is_empty())
            .map(|t| {
                let (_, revision) = page_token::decode_position(&t, REVISIONS)?;
                revision.parse::<i64>().map_err(|_| {
                    ServiceError::invalid("page_token", "is not a token this list issued")
                })
            })
            .transpose()?;
        let page = self.config.revisions(&merchant.0, before, size).await?;
        let next_page_token = match page.next {
            Some(next) => page
                .revisions
                .last()
                .map(|r| {
                    page_token::encode_position(r.config.update_time, &next.to_string(), REVISIONS)
                })
                .unwrap_or_default(),
            None => String::new(),
        };
        Ok(Json(wire::ListDeliveryConfigRevisionsResponse {
            revisions: page.revisions.iter().map(revision_to_wire).collect(),
            next_page_token,
        }))
    }

    /// List audit events
    ///
    /// Every change to the merchant's delivery configuration and API keys, newest first: who
    /// made it (the key, `file` or `cli`), when, what it made or revoked, and for a
    /// configuration revision every value it changed.
    #[oai(
        path = "/v1/merchants/:merchant/auditEvents",
        method = "get",
        operation_id = "listAuditEvents",
        tag = "ApiTags::DeliveryConfig"
    )]
    async fn list_audit_events(
        &self,
        auth: BearerAuth,
        remote: &RemoteAddr,
        merchant: Path<String>,
        /// At most this many events (default 50, at most 1000; larger values are lowered).
        page_size: Query<Option<i32>>,
        /// `next_page_token` of the previous page.
        page_token: Query<Option<String>>,
    ) -> Result<Json<wire::ListAuditEventsResponse>, ApiError> {
        self.admin(&auth, remote, &merchant.0).await?;
        let size = super::page_size(page_size.0)?;
        let after = page_token
            .0
            .filter(|t| !t.is_empty())
            .map(|t| {
                let (time, id) = page_token::decode_position(&t, AUDIT)?;
                id.split_once('/')
                    .and_then(|(action, target)| {
                        Some(AuditCursor {
                            time,
                            action: AuditAction::parse(action)?,
                            target: target.to_owned(),
                        })
                    })
                    .ok_or_else(|| {
                        ApiError::from(ServiceError::invalid(
                            "page_token",
                            "is not a token this list issued",
                        ))
                    })
            })
            .transpose()?;
        let page = self.config.audit(&merchant.0, after, size).await?;
        let next_page_token = page
            .next
            .map(|c| {
                let id = format!("{}/{}", c.action.as_str(), c.target);
                page_token::encode_position(c.time, &id, AUDIT)
            })
            .unwrap_or_default();
        Ok(Json(wire::ListAuditEventsResponse {
            audit_events: page
                .entries
                .iter()
                .map(|e| audit_to_wire(&merchant.0, e))
                .collect(),
            next_page_token,
        }))
    }

    /// Get a configuration revision
    ///
    /// One stored revision of the merchant's configuration, with what it changed.
    #[oai(
        path = "/v1/merchants/:merchant/deliveryConfig/revisions/:revision",
        method = "get",
        operation_id = "getDeliveryConfigRevision",
        tag = "ApiTags::DeliveryConfig"
    )]
    async fn get_delivery_config_revision(
        &self,
        auth: BearerAuth,
        remote: &RemoteAddr,
        merchant: Path<String>,
        /// The revision number, as in `revisions/{revision}`.
        revision: Path<String>,
    ) -> Result<Json<wire::DeliveryConfigRevision>, ApiError> {
        self.admin(&auth, remote, &merchant.0).await?;
        let n = revision
            .0
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| {
                ServiceError::invalid("revision", "must be a revision number, 1 or more")
            })?;
        let found = self.config.revision(&merchant.0, n).await?;
        Ok(Json(revision_to_wire(&found)))
    }

    /// Preview a delivery configuration
    ///
    /// Computes the session a customer would get for `session` (as create takes it) with the
    /// draft `config`, or with the current configuration when it is absent. Nothing is stored:
    /// no session, no revision and no event; the answer has no name and no etag.
    #[oai(
        path = "/v1/merchants/:merchant/deliveryConfig/~preview",
        method = "post",
        operation_id = "previewDeliveryConfig",
        tag = "ApiTags::DeliveryConfig"
    )]
    async fn preview_delivery_config(
        &self,
        auth: BearerAuth,
        remote: &RemoteAddr,
        merchant: Path<String>,
        body: JsonBody<
            wire::PreviewDeliveryConfigRequest,
            Inline<wire::PreviewDeliveryConfigRequest>,
        >,
    ) -> Result<WireJson<Box<wire::Session>>, ApiError> {
        self.admin(&auth, remote, &merchant.0).await?;
        let request = body.value()?;
        let draft = mapping::draft_from_wire(request.session).map_err(|violations| {
            ServiceError::invalid_all(
                violations
                    .into_iter()
                    .map(|v| {
                        domain::FieldViolation::new(format!("session.{}", v.field), v.description)
                    })
                    .collect(),
            )
        })?;
        let session = self
            .config
            .preview(&merchant.0, request.config.as_ref().map(|c| &c.0), draft)
            .await?;
        let mut wire = mapping::session_to_wire(&session);
        wire.name = None;
        wire.etag = None;
        Ok(WireJson(Box::new(wire)))
    }
}
