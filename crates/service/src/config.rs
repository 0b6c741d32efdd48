//! A merchant's delivery configuration as a resource: read, changed by compare-and-swap on its
//! etag into a new stored revision, its revisions listed with what each changed, a draft
//! previewed on a cart, and every replica kept on each merchant's newest revision.
//!
//! The stored content is the file's merchant shape without its pickup locations: those are a
//! bulk data set of their own (tens of thousands of points, [`pickup_points`]), seeded from the
//! configuration file and imported through the API, and kept across revisions, so a price
//! change never copies them.

pub mod pickup_points;

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value};
use time::OffsetDateTime;

use domain::config::{ConfigFile, MerchantConfig};
use domain::{FieldViolation, Session, SessionDraft};
use engine::{Catalog, PreparedMerchant};
pub use ports::{AuditAction, AuditCursor, AuditRecord};
use ports::{AuditLog, ConfigRepository, ConfigRevisionRecord};

use crate::config_diff::{diff, ConfigChange};
use crate::error::{AbortReason, ServiceError};
use crate::{Clock, SessionService, MAX_PAGE_SIZE};

/// The author recorded for a revision seeded from the configuration file.
pub const FILE_AUTHOR: &str = "file";
/// Members of the file's merchant shape that the stored configuration does not hold.
const FILE_ONLY: [&str; 2] = ["pickup_locations", "pickup_locations_file"];
/// How many times an unconditional update re-reads and re-applies itself when another writer
/// stored a revision first, before it reports the contention.
const UNCONDITIONAL_ATTEMPTS: usize = 5;

/// The merchant's configuration as one revision holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct DeliveryConfig {
    pub merchant_id: String,
    pub revision: i64,
    /// The merchant shape of the configuration file, without pickup locations.
    pub content: Value,
    pub update_time: OffsetDateTime,
    /// The API key that stored this revision, or [`FILE_AUTHOR`].
    pub author_key_id: String,
}

impl DeliveryConfig {
    fn from_record(r: ConfigRevisionRecord) -> Self {
        Self {
            merchant_id: r.merchant_id,
            revision: r.revision,
            content: r.content,
            update_time: r.create_time,
            author_key_id: r.author_key_id,
        }
    }

    pub fn etag(&self) -> String {
        domain::etag_of(
            format!("{}/deliveryConfig", self.merchant_id).as_bytes(),
            self.revision,
        )
    }
}

/// One stored revision with what it changed from the one before (empty for the first).
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigRevision {
    pub config: DeliveryConfig,
    pub changes: Vec<ConfigChange>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RevisionPage {
    pub revisions: Vec<ConfigRevision>,
    /// The revision the next page starts below.
    pub next: Option<i64>,
}

/// An update of the configuration: `paths` (relative to the configuration, `*` for all) are
/// copied from `content` onto the current revision; a path absent from `content` is removed.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigUpdate {
    pub content: Value,
    pub paths: Vec<String>,
    /// The etag the change was made against; `None` applies it to whatever is current.
    pub etag: Option<String>,
    /// Who makes the change (an API key id), for the revision's record.
    pub author_key_id: String,
}

pub struct ConfigService {
    repo: Arc<dyn ConfigRepository>,
    catalog: Arc<Catalog>,
    sessions: Arc<SessionService>,
    clock: Clock,
    audit: Option<Arc<dyn AuditLog>>,
    points: Option<Arc<dyn ports::PickupPointRepository>>,
    /// Held while a pickup point index is built (see [`pickup_points`]).
    building: Arc<tokio::sync::Mutex<()>>,
}

/// One change of the audit trail, with what it changed when it is a configuration revision.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub record: AuditRecord,
    pub changes: Vec<ConfigChange>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// Where the next page starts.
    pub next: Option<AuditCursor>,
}

impl ConfigService {
    pub fn new(
        repo: Arc<dyn ConfigRepository>,
        catalog: Arc<Catalog>,
        sessions: Arc<SessionService>,
        clock: Clock,
    ) -> Self {
        Self {
            repo,
            catalog,
            sessions,
            clock,
            audit: None,
            points: None,
            building: Arc::default(),
        }
    }

    /// The service answering [`Self::audit`] from `log`.
    #[must_use]
    pub fn with_audit(mut self, log: Arc<dyn AuditLog>) -> Self {
        self.audit = Some(log);
        self
    }

    /// Who changed the merchant's configuration or keys and when, newest first, after `after`
    /// when given; each configuration revision with what it changed.
    ///
    /// # Errors
    /// `Unavailable` when the database cannot be reached, or when the service has no trail.
    pub async fn audit(
        &self,
        merchant_id: &str,
        after: Option<AuditCursor>,
        size: u64,
    ) -> Result<AuditPage, ServiceError> {
        let Some(log) = &self.audit else {
            return Err(ServiceError::Unavailable(
                "this server keeps no audit trail".to_owned(),
            ));
        };
        let size = size.clamp(1, MAX_PAGE_SIZE);
        // One row more than the page tells whether another page follows.
        let rows = log.list(merchant_id, after.as_ref(), size + 1).await?;
        let shown = rows.len().min(size as usize);
        let mut entries = Vec::with_capacity(shown);
        for record in rows.iter().take(shown) {
            let changes = match (record.action, record.target.parse::<i64>()) {
                (AuditAction::ConfigUpdated, Ok(n)) => self.revision(merchant_id, n).await?.changes,
                _ => Vec::new(),
            };
            entries.push(AuditEntry {
                record: record.clone(),
                changes,
            });
        }
        let next = (rows.len() > shown)
            .then(|| entries.last())
            .flatten()
            .map(|e| AuditCursor {
                time: e.record.time,
                action: e.record.action,
                target: e.record.target.clone(),
            });
        Ok(AuditPage { entries, next })
    }

    /// Stores the file's configuration as revision 1 of each merchant that has none yet, then
    /// serves every merchant's newest stored revision. Replicas starting together race for
    /// revision 1 by compare-and-swap; each then serves what won.
    ///
    /// # Errors
    /// `Unavailable` when the database cannot be reached.
    pub async fn seed(&self, file: &ConfigFile) -> Result<(), ServiceError> {
        let now = (self.clock)();
        for merchant in &file.merchants {
            if self.repo.current(&merchant.id).await?.is_some() {
                continue;
            }
            let record = ConfigRevisionRecord {
                merchant_id: merchant.id.clone(),
                revision: 1,
                content: stored_content(merchant)?,
                create_time: now,
                author_key_id: FILE_AUTHOR.to_owned(),
            };
            if self.repo.append(&record).await? {
                tracing::info!(merchant = %merchant.id, "stored the file's configuration as revision 1");
            }
        }
        self.seed_points(file).await?;
        self.sync().await?;
        Ok(())
    }

    /// Serves each merchant's newest stored revision where this replica serves an older one;
    /// how many merchants changed. One cheap query when nothing changed.
    ///
    /// # Errors
    /// `Unavailable` when the database cannot be reached.
    pub async fn sync(&self) -> Result<usize, ServiceError> {
        let served = self.catalog.revisions();
        let mut changed = 0;
        for (merchant_id, revision) in self.repo.current_revisions().await? {
            if served.get(&merchant_id).is_some_and(|r| *r >= revision) {
                continue;
            }
            let Some(record) = self.repo.get(&merchant_id, revision).await? else {
                continue;
            };
            match self.prepare(&merchant_id, &record.content, revision) {
                Ok(prepared) => {
                    if self.catalog.install(prepared) {
                        changed += 1;
                        tracing::info!(merchant = %merchant_id, revision, "serving configuration revision");
                    }
                }
                // Accepted when stored, so only a change of this binary (a time zone
                // database, a stricter rule) refuses it now: keep serving what was served.
                Err(problems) => tracing::error!(
                    merchant = %merchant_id,
                    revision,
                    problems = ?problems,
                    "a stored configuration revision no longer prepares; serving the previous one"
                ),
            }
        }
        Ok(changed + self.sync_points().await?)
    }

    /// Runs [`Self::sync`] every `interval`, for as long as the process runs; a database that
    /// does not answer is retried at the next tick.
    pub async fn watch(self: Arc<Self>, interval: Duration) {
        let mut tick = tokio::time::interval(interval);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = self.sync().await {
                tracing::warn!(error = %e, "configuration reload failed; retrying");
            }
        }
    }

    /// # Errors
    /// `NotFound` for a merchant with no stored configuration.
    pub async fn get(&self, merchant_id: &str) -> Result<DeliveryConfig, ServiceError> {
        self.repo
            .current(merchant_id)
            .await?
            .map(DeliveryConfig::from_record)
            .ok_or_else(|| not_found(merchant_id))
    }

    /// Applies `update` as the next revision and serves it at once on this replica (others
    /// follow within their reload interval). A change that leaves the content as it is stores
    /// nothing and answers the current revision.
    ///
    /// # Errors
    /// `Aborted` when `update.etag` is not the current one (nothing is stored);
    /// `InvalidArgument` naming every problem of the result by its path under `config`.
    pub async fn update(
        &self,
        merchant_id: &str,
        update: ConfigUpdate,
    ) -> Result<DeliveryConfig, ServiceError> {
        for _ in 0..UNCONDITIONAL_ATTEMPTS {
            let current = self.get(merchant_id).await?;
            if let Some(etag) = &update.etag {
                if *etag != current.etag() {
                    return Err(stale(&current));
                }
            }
            let mut content = current.content.clone();
            apply_paths(&mut content, &update.content, &update.paths)?;
            // The current content was checked when it was stored.
            if content == current.content {
                return Ok(current);
            }
            let prepared = self
                .prepare(merchant_id, &content, current.revision + 1)
                .map_err(ServiceError::invalid_all)?;
            let record = ConfigRevisionRecord {
                merchant_id: merchant_id.to_owned(),
                revision: current.revision + 1,
                content,
                create_time: (self.clock)(),
                author_key_id: update.author_key_id.clone(),
            };
            if self.repo.append(&record).await? {
                self.catalog.install(prepared);
                return Ok(DeliveryConfig::from_record(record));
            }
            if update.etag.is_some() {
                // Another writer stored this revision number first: the etag was current
                // when read and is stale now.
                return Err(stale(&self.get(merchant_id).await?));
            }
        }
        Err(ServiceError::Aborted {
            reason: AbortReason::ConcurrentModification,
            message: "the configuration kept changing under this update; retry".to_owned(),
            current_etag: None,
        })
    }

    /// # Errors
    /// `NotFound` for a revision the merchant does not have.
    pub async fn revision(
        &self,
        merchant_id: &str,
        revision: i64,
    ) -> Result<ConfigRevision, ServiceError> {
        let record =
            self.repo
                .get(merchant_id, revision)
                .await?
                .ok_or_else(|| ServiceError::NotFound {
                    resource: "revision",
                    name: revision_name(merchant_id, revision),
                })?;
        let before = match revision {
            1 => None,
            _ => self.repo.get(merchant_id, revision - 1).await?,
        };
        Ok(with_changes(record, before.as_ref()))
    }

    /// The merchant's revisions, newest first, below `before` when given.
    ///
    /// # Errors
    /// `Unavailable` when the database cannot be reached.
    pub async fn revisions(
        &self,
        merchant_id: &str,
        before: Option<i64>,
        size: u64,
    ) -> Result<RevisionPage, ServiceError> {
        let size = size.min(MAX_PAGE_SIZE);
        // One row more than the page: it tells whether another page follows and is the base
        // the page's oldest revision's changes are computed against.
        let rows = self.repo.list(merchant_id, before, size + 1).await?;
        let shown = rows.len().min(size as usize);
        let mut revisions = Vec::with_capacity(shown);
        for (i, row) in rows.iter().take(shown).enumerate() {
            let base = match rows.get(i + 1) {
                Some(older) if older.revision == row.revision - 1 => Some(older.clone()),
                _ if row.revision > 1 => self.repo.get(merchant_id, row.revision - 1).await?,
                _ => None,
            };
            revisions.push(with_changes(row.clone(), base.as_ref()));
        }
        let next = (rows.len() > shown)
            .then(|| revisions.last().map(|r| r.config.revision))
            .flatten();
        Ok(RevisionPage { revisions, next })
    }

    /// Quotes `draft` as a customer would be offered it with configuration `content` (the
    /// current one when `None`), storing nothing: no session, no revision, no event.
    ///
    /// # Errors
    /// `InvalidArgument` for a configuration or session that would be refused.
    pub async fn preview(
        &self,
        merchant_id: &str,
        content: Option<&Value>,
        draft: SessionDraft,
    ) -> Result<Session, ServiceError> {
        let prepared = match content {
            Some(content) => Arc::new(
                self.prepare(merchant_id, content, 0)
                    .map_err(ServiceError::invalid_all)?,
            ),
            None => self.catalog.merchant(merchant_id).ok_or_else(|| {
                ServiceError::Internal(format!("merchant `{merchant_id}` has no configuration"))
            })?,
        };
        self.sessions.preview(&prepared, draft).await
    }

    /// Checks `content` as the merchant's configuration and prepares it for quoting, with the
    /// pickup locations the merchant is served with now.
    fn prepare(
        &self,
        merchant_id: &str,
        content: &Value,
        revision: i64,
    ) -> Result<PreparedMerchant, Vec<FieldViolation>> {
        let mut config = parse(merchant_id, content)?;
        let current = self.catalog.merchant(merchant_id);
        if let Some(current) = &current {
            config.pickup_locations = current.config.pickup_locations.clone();
        }
        let mut prepared = self.catalog.prepare(config, revision).map_err(|problems| {
            problems
                .iter()
                .map(|p| violation(p, ""))
                .collect::<Vec<_>>()
        })?;
        prepared.points_version = current.map_or(0, |c| c.points_version);
        Ok(prepared)
    }
}

/// Parses and validates `content` by the rules of the configuration file, each problem named by
/// its path under `config`.
pub fn parse(merchant_id: &str, content: &Value) -> Result<MerchantConfig, Vec<FieldViolation>> {
    if let Some(object) = content.as_object() {
        let misplaced: Vec<FieldViolation> = FILE_ONLY
            .iter()
            .filter(|k| object.contains_key(**k))
            .map(|k| {
                FieldViolation::new(
                    format!("config.{k}"),
                    "pickup locations are not part of the stored configuration; import them \
                     through merchants/{merchant}/pickupPoints:import",
                )
            })
            .collect();
        if !misplaced.is_empty() {
            return Err(misplaced);
        }
    }
    let config: MerchantConfig = serde_path_to_error::deserialize(content).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." {
            "config".to_owned()
        } else {
            format!("config.{path}")
        };
        vec![FieldViolation::new(field, e.inner().to_string())]
    })?;
    if config.id != merchant_id {
        return Err(vec![FieldViolation::new(
            "config.id",
            format!("must be `{merchant_id}`, the merchant the configuration belongs to"),
        )]);
    }
    let file = ConfigFile {
        merchants: vec![config],
    };
    file.validate().map_err(|problems| {
        problems
            .iter()
            .map(|p| violation(p, "merchants[0]."))
            .collect::<Vec<_>>()
    })?;
    Ok(file.merchants.into_iter().next().expect("one merchant"))
}

/// `path: description` from the file's checks as a violation under `config`.
fn violation(problem: &str, strip: &str) -> FieldViolation {
    let (path, description) = problem.split_once(": ").unwrap_or(("", problem));
    let path = path.strip_prefix(strip).unwrap_or(path);
    let field = if path.is_empty() || path == "merchants[0]" {
        "config".to_owned()
    } else {
        format!("config.{path}")
    };
    FieldViolation::new(field, description)
}

/// The stored content of a merchant's configuration as read from a file.
fn stored_content(config: &MerchantConfig) -> Result<Value, ServiceError> {
    let mut value = serde_json::to_value(config)
        .map_err(|e| ServiceError::Internal(format!("configuration does not serialise: {e}")))?;
    if let Some(object) = value.as_object_mut() {
        for key in FILE_ONLY {
            object.remove(key);
        }
    }
    Ok(value)
}

/// Copies each of `paths` (dotted member names; `*` for everything) from `from` onto `onto`.
/// Lists are replaced whole; a path absent from `from` removes it from `onto`, so a member can
/// be reset to its default.
fn apply_paths(onto: &mut Value, from: &Value, paths: &[String]) -> Result<(), ServiceError> {
    for path in paths {
        if path == "*" {
            *onto = from.clone();
            continue;
        }
        let names: Vec<&str> = path.split('.').collect();
        if names.iter().any(|n| n.is_empty()) {
            return Err(ServiceError::invalid(
                "update_mask",
                format!("`config.{path}` is not a field path"),
            ));
        }
        let source = names
            .iter()
            .try_fold(from, |v, name| v.as_object().and_then(|o| o.get(*name)));
        let (last, parents) = names.split_last().expect("at least one name");
        let mut target = &mut *onto;
        for name in parents {
            let object = target.as_object_mut().ok_or_else(|| not_an_object(path))?;
            target = object
                .entry((*name).to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
        }
        let object = target.as_object_mut().ok_or_else(|| not_an_object(path))?;
        match source {
            Some(value) => {
                object.insert((*last).to_owned(), value.clone());
            }
            None => {
                object.remove(*last);
            }
        }
    }
    Ok(())
}

fn not_an_object(path: &str) -> ServiceError {
    ServiceError::invalid(
        "update_mask",
        format!("`config.{path}` passes through a member that is not an object"),
    )
}

fn with_changes(
    record: ConfigRevisionRecord,
    before: Option<&ConfigRevisionRecord>,
) -> ConfigRevision {
    let changes = before
        .map(|b| diff(&b.content, &record.content))
        .unwrap_or_default();
    ConfigRevision {
        config: DeliveryConfig::from_record(record),
        changes,
    }
}

fn stale(current: &DeliveryConfig) -> ServiceError {
    ServiceError::Aborted {
        reason: AbortReason::EtagMismatch,
        message: format!(
            "the configuration changed since the etag was read (now revision {})",
            current.revision
        ),
        current_etag: Some(current.etag()),
    }
}

fn not_found(merchant_id: &str) -> ServiceError {
    ServiceError::NotFound {
        resource: "deliveryConfig",
        name: config_name(merchant_id),
    }
}

pub fn config_name(merchant_id: &str) -> String {
    format!("merchants/{merchant_id}/deliveryConfig")
}

pub fn revision_name(merchant_id: &str, revision: i64) -> String {
    format!("merchants/{merchant_id}/deliveryConfig/revisions/{revision}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_masked_path_replaces_its_member_and_an_absent_one_removes_it() {
        let mut onto = json!({"a": 1, "b": {"c": [1, 2], "d": 3}});
        let from = json!({"b": {"c": [9]}});
        apply_paths(&mut onto, &from, &["b.c".into(), "a".into()]).unwrap();
        assert_eq!(onto, json!({"b": {"c": [9], "d": 3}}));
    }

    #[test]
    fn a_path_through_a_scalar_is_refused() {
        let mut onto = json!({"a": 1});
        let err = apply_paths(&mut onto, &json!({}), &["a.b".into()]).unwrap_err();
        assert!(
            matches!(err, ServiceError::InvalidArgument { .. }),
            "{err:?}"
        );
    }

    #[test]
    fn file_problems_become_violations_under_config() {
        let v = violation(
            "merchants[0].categories[2].price.SEK: must be positive",
            "merchants[0].",
        );
        assert_eq!(v.field, "config.categories[2].price.SEK");
        assert_eq!(v.description, "must be positive");
    }
}
