//! The sea-orm adapter: connects to SQLite or PostgreSQL, applies migrations and implements the
//! service's repository port. Database errors become service errors here and nowhere else.

pub mod entity;
mod events;
mod keys;
mod query;
mod sessions;

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

use ports::StoreError;

pub use events::SqlEventRepository;
pub use keys::SqlKeyRepository;
pub use sessions::SqlSessionRepository;
use sessions::{from_micros, micros, write_error};

/// Connects to `url`, creating the SQLite file and its directory when needed.
///
/// # Errors
/// `StoreError::Unavailable` when the database cannot be opened.
pub async fn connect(url: &str, schema: Option<&str>) -> Result<DatabaseConnection, StoreError> {
    let mut options = ConnectOptions::new(url.to_owned());
    options.sqlx_logging(false);
    if url.starts_with("sqlite:") {
        if let Some(dir) = sqlite_file_dir(url) {
            std::fs::create_dir_all(&dir).map_err(|e| {
                StoreError::Unavailable(format!("cannot create `{}`: {e}", dir.display()))
            })?;
        }
        if url.contains(":memory:") || url.contains("mode=memory") {
            // An in-memory database lives only as long as its connection: keep exactly one.
            options
                .max_connections(1)
                .min_connections(1)
                .idle_timeout(Duration::from_secs(u32::MAX.into()))
                .max_lifetime(Duration::from_secs(u32::MAX.into()));
        } else {
            options.max_connections(8);
        }
        options.map_sqlx_sqlite_opts(|o| {
            o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .busy_timeout(Duration::from_secs(10))
                .create_if_missing(true)
        });
    } else {
        options.max_connections(16);
        if let Some(schema) = schema {
            options.set_schema_search_path(schema.to_owned());
        }
    }
    Database::connect(options).await.map_err(unavailable)
}

/// Applies every pending migration.
///
/// # Errors
/// `StoreError::Unavailable` when a migration fails.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), StoreError> {
    Migrator::up(db, None).await.map_err(unavailable)
}

/// Rolls back the last `steps` migrations.
///
/// # Errors
/// `StoreError::Unavailable` when a migration fails.
pub async fn migrate_down(db: &DatabaseConnection, steps: u32) -> Result<(), StoreError> {
    Migrator::down(db, Some(steps)).await.map_err(unavailable)
}

/// Each known migration with whether it is applied.
///
/// # Errors
/// `StoreError::Unavailable` when the database cannot be read.
pub async fn migration_status(db: &DatabaseConnection) -> Result<Vec<(String, bool)>, StoreError> {
    Ok(Migrator::get_migration_with_status(db)
        .await
        .map_err(unavailable)?
        .iter()
        .map(|m| {
            (
                m.name().to_owned(),
                m.status() == migration::MigrationStatus::Applied,
            )
        })
        .collect())
}

fn sqlite_file_dir(url: &str) -> Option<std::path::PathBuf> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let path = path.split('?').next()?;
    if path.is_empty() || path.contains(":memory:") || path.starts_with("file:") {
        return None;
    }
    std::path::Path::new(path)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(|p| p.to_path_buf())
}

pub(crate) fn unavailable(e: DbErr) -> StoreError {
    StoreError::Unavailable(e.to_string())
}
