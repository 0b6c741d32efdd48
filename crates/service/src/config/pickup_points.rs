//! A merchant's pickup points as a resource of their own: imported in bulk (a whole set, or
//! points added to it), paged, read by id, and served from a spatial index that is rebuilt off
//! the request path and swapped in whole, on every replica.
//!
//! The set is stored apart from the configuration's revisions, so a price change never copies
//! a hundred thousand points and an import never makes a revision. Each import is a new
//! version of the set; a replica serves a version once its index is built, and a version it
//! has not built yet is found by the same poll that finds new configuration revisions.

use std::sync::Arc;

use domain::config::{check_pickup_location, MerchantConfig, PickupLocationConfig};
use domain::{FieldViolation, Violations};
use engine::Catalog;
use ports::PickupPointRepository;
pub use ports::{ImportMode, PointSetRecord};

use super::{ConfigService, UNCONDITIONAL_ATTEMPTS};
use crate::error::{AbortReason, ServiceError};

/// The most points one import may bring; more go in several imports with `Upsert`.
pub const MAX_IMPORT_POINTS: usize = 200_000;

/// One page of a merchant's points, by id.
#[derive(Debug, Clone, PartialEq)]
pub struct PointPage {
    pub points: Vec<PickupLocationConfig>,
    /// The id the next page starts after.
    pub next: Option<String>,
    /// The set the page is from; `None` before the first import.
    pub set: Option<PointSetRecord>,
}

/// The etag of a merchant's set at `version` (0: no set yet).
pub fn points_etag(merchant_id: &str, version: i64) -> String {
    domain::etag_of(format!("{merchant_id}/pickupPoints").as_bytes(), version)
}

pub fn point_name(merchant_id: &str, id: &str) -> String {
    format!("merchants/{merchant_id}/pickupPoints/{id}")
}

/// Whether `id` can name a point in a resource name: one path segment, plain characters.
fn valid_point_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

/// Every problem of `points` as an import into `config`'s merchant, each under
/// `pickup_points[i]`.
pub fn check_points(
    config: &MerchantConfig,
    points: &[PickupLocationConfig],
) -> Vec<FieldViolation> {
    let mut v = Violations::new();
    if points.len() > MAX_IMPORT_POINTS {
        v.push(
            "pickup_points",
            format!(
                "{} points in one import; at most {MAX_IMPORT_POINTS} (import the rest with \
                 mode UPSERT)",
                points.len()
            ),
        );
        return v.into_vec();
    }
    let mut ids = std::collections::HashSet::new();
    for (i, p) in points.iter().enumerate() {
        let path = format!("pickup_points[{i}]");
        if !valid_point_id(&p.id) {
            v.push(
                format!("{path}.id"),
                "must be 1 to 128 letters, digits, `-`, `_` or `.`",
            );
        } else if !ids.insert(p.id.as_str()) {
            v.push(format!("{path}.id"), format!("`{}` appears twice", p.id));
        }
        if !config
            .carrier_products
            .iter()
            .any(|c| c.carrier == p.carrier)
        {
            v.push(
                format!("{path}.carrier"),
                format!(
                    "no carrier product of this merchant is carried by `{}`",
                    p.carrier
                ),
            );
        }
        check_pickup_location(p, &path, &mut v);
    }
    v.into_vec()
}

/// The version of the merchant's stored set; 0 before the first import.
async fn stored_version(
    repo: &dyn PickupPointRepository,
    merchant_id: &str,
) -> Result<i64, ServiceError> {
    Ok(repo.set(merchant_id).await?.map_or(0, |s| s.version))
}

fn stale(merchant_id: &str, version: i64) -> ServiceError {
    ServiceError::Aborted {
        reason: AbortReason::EtagMismatch,
        message: format!(
            "the pickup points changed since the etag was read (now version {version})"
        ),
        current_etag: Some(points_etag(merchant_id, version)),
    }
}

/// Builds the merchant's index from its stored set and installs it, unless the set is already
/// served at that version or newer. Whether it installed one.
async fn rebuild(
    repo: &dyn PickupPointRepository,
    catalog: &Arc<Catalog>,
    building: &tokio::sync::Mutex<()>,
    merchant_id: &str,
) -> Result<bool, ServiceError> {
    // One build at a time: the import's own build and the next poll would otherwise both
    // build the same version, and a hundred thousand points take a second and their memory
    // twice over. The one that waited finds the version served and stops here.
    let _one_at_a_time = building.lock().await;
    let stored = stored_version(repo, merchant_id).await?;
    let served = catalog.merchant(merchant_id).map(|m| m.points_version);
    if served.is_none_or(|v| v >= stored) {
        return Ok(false);
    }
    let (version, points) = repo.all(merchant_id).await?;
    let Some(current) = catalog.merchant(merchant_id) else {
        return Ok(false);
    };
    if current.points_version >= version {
        return Ok(false);
    }
    let config = current.config.with_locations(points);
    let revision = current.revision;
    drop(current);
    let catalog_for_build = catalog.clone();
    // A hundred thousand points take a while to index: on a blocking thread, never on the
    // runtime that answers requests.
    let prepared = tokio::task::spawn_blocking(move || {
        catalog_for_build.prepare(config, revision).map(|mut p| {
            p.points_version = version;
            p
        })
    })
    .await
    .map_err(|e| ServiceError::Internal(format!("the index build stopped: {e}")))?;
    match prepared {
        Ok(prepared) => {
            let count = prepared.config.pickup_locations.len();
            let installed = catalog.install(prepared);
            if installed {
                tracing::info!(merchant = %merchant_id, version, count, "serving pickup points");
            }
            Ok(installed)
        }
        // Only a warehouse calendar fails to prepare, and it prepared for the revision already.
        Err(problems) => Err(ServiceError::Internal(format!(
            "the pickup point index did not build: {}",
            problems.join("; ")
        ))),
    }
}

impl ConfigService {
    /// The service keeping merchants' pickup points in `repo`.
    #[must_use]
    pub fn with_pickup_points(mut self, repo: Arc<dyn PickupPointRepository>) -> Self {
        self.points = Some(repo);
        self
    }

    fn points_repo(&self) -> Result<&Arc<dyn PickupPointRepository>, ServiceError> {
        self.points
            .as_ref()
            .ok_or_else(|| ServiceError::Internal("no pickup point store".into()))
    }

    /// Imports `points` into the merchant's set as its next version, conditional on `etag`
    /// when given. The answer comes once the points are stored; the index that serves them is
    /// built afterwards, off the request path, and swapped in whole.
    ///
    /// # Errors
    /// `InvalidArgument` naming each point's problems; `Aborted` for a stale etag;
    /// `NotFound` for a merchant without configuration.
    pub async fn import_points(
        &self,
        merchant_id: &str,
        points: &[PickupLocationConfig],
        mode: ImportMode,
        etag: Option<&str>,
        by: &str,
    ) -> Result<PointSetRecord, ServiceError> {
        let repo = self.points_repo()?;
        let merchant = self
            .catalog
            .merchant(merchant_id)
            .ok_or_else(|| super::not_found(merchant_id))?;
        let problems = check_points(&merchant.config, points);
        if !problems.is_empty() {
            return Err(ServiceError::invalid_all(problems));
        }
        let now = (self.clock)();
        for _ in 0..UNCONDITIONAL_ATTEMPTS {
            let expected = match etag {
                Some(tag) => {
                    let version = stored_version(repo.as_ref(), merchant_id).await?;
                    if points_etag(merchant_id, version) != tag {
                        return Err(stale(merchant_id, version));
                    }
                    Some(version)
                }
                None => None,
            };
            if let Some(set) = repo
                .import(merchant_id, points, mode, expected, by, now)
                .await?
            {
                self.rebuild_soon(merchant_id);
                return Ok(set);
            }
            if etag.is_some() {
                let version = stored_version(repo.as_ref(), merchant_id).await?;
                return Err(stale(merchant_id, version));
            }
        }
        Err(ServiceError::Aborted {
            reason: AbortReason::ConcurrentModification,
            message: "other imports kept changing the pickup points; retry".into(),
            current_etag: None,
        })
    }

    /// Builds and installs the merchant's index on a task of its own.
    fn rebuild_soon(&self, merchant_id: &str) {
        let (Some(repo), catalog) = (self.points.clone(), self.catalog.clone()) else {
            return;
        };
        let building = self.building.clone();
        let merchant_id = merchant_id.to_owned();
        tokio::spawn(async move {
            if let Err(e) = rebuild(repo.as_ref(), &catalog, &building, &merchant_id).await {
                // The next poll builds it again.
                tracing::warn!(merchant = %merchant_id, error = %e, "pickup point index build failed");
            }
        });
    }

    /// One page of the merchant's points, by id, after `after`.
    ///
    /// # Errors
    /// `NotFound` for a merchant without configuration.
    pub async fn points_page(
        &self,
        merchant_id: &str,
        after: Option<&str>,
        size: usize,
    ) -> Result<PointPage, ServiceError> {
        let repo = self.points_repo()?;
        if self.catalog.merchant(merchant_id).is_none() {
            return Err(super::not_found(merchant_id));
        }
        let size = size.clamp(1, crate::MAX_PAGE_SIZE as usize);
        let mut points = repo.page(merchant_id, after, size as u64 + 1).await?;
        let next = (points.len() > size)
            .then(|| {
                points.truncate(size);
                points.last().map(|p| p.id.clone())
            })
            .flatten();
        Ok(PointPage {
            points,
            next,
            set: repo.set(merchant_id).await?,
        })
    }

    /// # Errors
    /// `NotFound` for a point the merchant's set does not hold.
    pub async fn point(
        &self,
        merchant_id: &str,
        id: &str,
    ) -> Result<PickupLocationConfig, ServiceError> {
        self.points_repo()?
            .get(merchant_id, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound {
                resource: "pickupPoint",
                name: point_name(merchant_id, id),
            })
    }

    /// Stores the file's points as version 1 for each merchant of the file that has points
    /// there and no stored set, so the stored set is what every replica serves from then on.
    pub(super) async fn seed_points(
        &self,
        file: &domain::config::ConfigFile,
    ) -> Result<(), ServiceError> {
        let Some(repo) = &self.points else {
            return Ok(());
        };
        let now = (self.clock)();
        for merchant in &file.merchants {
            if merchant.pickup_locations.is_empty() || repo.set(&merchant.id).await?.is_some() {
                continue;
            }
            let stored = repo
                .import(
                    &merchant.id,
                    &merchant.pickup_locations,
                    ImportMode::Replace,
                    Some(0),
                    super::FILE_AUTHOR,
                    now,
                )
                .await?;
            if stored.is_some() {
                tracing::info!(
                    merchant = %merchant.id,
                    count = merchant.pickup_locations.len(),
                    "stored the file's pickup points as version 1"
                );
            }
        }
        Ok(())
    }

    /// Builds the index of each merchant whose stored set is newer than the one served; how
    /// many it installed. One small query when nothing changed.
    pub(super) async fn sync_points(&self) -> Result<usize, ServiceError> {
        let Some(repo) = &self.points else {
            return Ok(0);
        };
        let served = self.catalog.points_versions();
        let mut changed = 0;
        for (merchant_id, version) in repo.versions().await? {
            if served.get(&merchant_id).is_none_or(|v| *v >= version) {
                continue;
            }
            if rebuild(repo.as_ref(), &self.catalog, &self.building, &merchant_id).await? {
                changed += 1;
            }
        }
        Ok(changed)
    }
}
