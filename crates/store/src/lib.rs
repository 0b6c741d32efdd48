//! The sea-orm adapter: connects to SQLite or PostgreSQL, applies migrations and implements the
//! service's repository port. Database errors become service errors here and nowhere else.

mod audit;
mod config;
mod document;
pub mod entity;
mod events;
mod keys;
mod pickup_points;
mod query;
mod sessions;

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr, RuntimeErr, SqlErr};

use ports::StoreError;

pub use audit::SqlAuditLog;
pub use config::SqlConfigRepository;
pub use events::SqlEventRepository;
pub use keys::SqlKeyRepository;
pub use pickup_points::SqlPickupPointRepository;
pub use sessions::SqlSessionRepository;
use sessions::{from_micros, micros};

/// A session as version 1 (JSON in `document`) stores it, the form every row had before
/// version 2: for tests of migrations, which write rows the way an earlier release did.
#[doc(hidden)]
pub fn version_1_document(session: &domain::Session) -> serde_json::Value {
    document::session_document(session).expect("a session encodes as JSON")
}

/// The connection pool's bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolOptions {
    /// Connections kept at most; `None` for the default (16 on PostgreSQL, 8 on a SQLite file).
    pub max_connections: Option<u32>,
    /// How long a request waits for a connection (or for a new one to open) before it is
    /// answered UNAVAILABLE. Short, so that an outage is signalled instead of queued behind.
    pub acquire_timeout: Duration,
    /// How long opening the pool keeps trying while the database is unreachable: a service
    /// started with (or just before) its database, or on a machine busy enough that opening
    /// the file outlasts `acquire_timeout`, waits for it instead of exiting. Zero tries once.
    pub startup_wait: Duration,
}

impl Default for PoolOptions {
    fn default() -> Self {
        Self {
            max_connections: None,
            acquire_timeout: Duration::from_secs(2),
            startup_wait: Duration::ZERO,
        }
    }
}

/// The connections the repositories use: reads go to `read`, every statement that writes to
/// `write`. On PostgreSQL both are one pool. On a SQLite file the writer is a pool of one
/// connection: SQLite lets one writer in at a time anyway, and in-process writers then queue
/// in order for that connection instead of each taking the file lock in turn and sleeping in
/// the busy handler when another holds it (the tail of every write under load). Readers keep
/// their own connections; in WAL mode they never wait for the writer.
#[derive(Clone)]
pub struct Pools {
    pub read: DatabaseConnection,
    pub write: DatabaseConnection,
}

impl Pools {
    /// One pool for reads and writes alike.
    pub fn single(db: DatabaseConnection) -> Self {
        Self {
            read: db.clone(),
            write: db,
        }
    }
}

impl From<DatabaseConnection> for Pools {
    fn from(db: DatabaseConnection) -> Self {
        Self::single(db)
    }
}

/// Connects as [`connect_with`] does, with a writer of its own on a SQLite file (see [`Pools`]).
///
/// # Errors
/// `StoreError::Unavailable` when the database cannot be opened.
pub async fn open(url: &str, schema: Option<&str>, pool: PoolOptions) -> Result<Pools, StoreError> {
    let read = connect_with(url, schema, pool).await?;
    let file =
        url.starts_with("sqlite:") && !url.contains(":memory:") && !url.contains("mode=memory");
    if !file {
        return Ok(Pools::single(read));
    }
    let write = connect_with(
        url,
        schema,
        PoolOptions {
            max_connections: Some(1),
            ..pool
        },
    )
    .await?;
    Ok(Pools { read, write })
}

/// Connects to `url`, creating the SQLite file and its directory when needed.
///
/// # Errors
/// `StoreError::Unavailable` when the database cannot be opened.
pub async fn connect(url: &str, schema: Option<&str>) -> Result<DatabaseConnection, StoreError> {
    connect_with(url, schema, PoolOptions::default()).await
}

/// [`connect`] with the pool bounded as `pool` says.
///
/// # Errors
/// `StoreError::Unavailable` when the database cannot be opened.
pub async fn connect_with(
    url: &str,
    schema: Option<&str>,
    pool: PoolOptions,
) -> Result<DatabaseConnection, StoreError> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .acquire_timeout(pool.acquire_timeout)
        .connect_timeout(pool.acquire_timeout)
        // sqlx already pings every connection as it returns to the pool and drops it when
        // that fails; a second ping when it is taken out again was one more round trip on
        // every statement (7.6 % of a GET's CPU in a profile).
        .test_before_acquire(false);
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
            options.max_connections(pool.max_connections.unwrap_or(8));
        }
        options.map_sqlx_sqlite_opts(|o| {
            o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .busy_timeout(Duration::from_secs(10))
                .create_if_missing(true)
        });
    } else {
        options.max_connections(pool.max_connections.unwrap_or(16));
        if let Some(schema) = schema {
            options.set_schema_search_path(schema.to_owned());
        }
    }
    let started = std::time::Instant::now();
    loop {
        match Database::connect(options.clone()).await.map_err(classify) {
            Err(StoreError::Unavailable(e)) if started.elapsed() < pool.startup_wait => {
                tracing::warn!(error = %e, "the database is not reachable yet; trying again");
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            result => return result,
        }
    }
}

/// A view of the connection pool for metrics, kept apart from the repositories.
#[derive(Clone)]
pub struct PoolWatch(DatabaseConnection);

impl PoolWatch {
    pub fn new(db: DatabaseConnection) -> Self {
        Self(db)
    }

    /// The pool's connections: open, and idle among them.
    pub fn usage(&self) -> (u32, usize) {
        match &self.0 {
            DatabaseConnection::SqlxPostgresPoolConnection(_) => {
                let pool = self.0.get_postgres_connection_pool();
                (pool.size(), pool.num_idle())
            }
            DatabaseConnection::SqlxSqlitePoolConnection(_) => {
                let pool = self.0.get_sqlite_connection_pool();
                (pool.size(), pool.num_idle())
            }
            _ => (0, 0),
        }
    }
}

/// Applies every pending migration.
///
/// # Errors
/// `StoreError::Unavailable` when a migration fails.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), StoreError> {
    Migrator::up(db, None).await.map_err(classify)
}

/// Rolls back the last `steps` migrations.
///
/// # Errors
/// `StoreError::Unavailable` when a migration fails.
pub async fn migrate_down(db: &DatabaseConnection, steps: u32) -> Result<(), StoreError> {
    Migrator::down(db, Some(steps)).await.map_err(classify)
}

/// Each known migration with whether it is applied.
///
/// # Errors
/// `StoreError::Unavailable` when the database cannot be read.
pub async fn migration_status(db: &DatabaseConnection) -> Result<Vec<(String, bool)>, StoreError> {
    Ok(Migrator::get_migration_with_status(db)
        .await
        .map_err(classify)?
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

/// What a driver error means for the caller: a taken key, an outage a retry may outlive, or a
/// statement the database refuses (a bug). The driver's words stay in the error for the log.
/// Opens a write transaction, timed: most of it is the wait for a pooled connection, so the
/// histogram is the pool's wait under load (plus one `BEGIN` round trip).
///
/// The `BEGIN` runs on a task of its own. sqlx 0.8 counts a PostgreSQL transaction as open
/// only once the server has answered its `BEGIN`; a request dropped in between (the client
/// went away) would hand the pool a connection inside a transaction nobody ends, and the next
/// borrower's statements would run, and hold their locks, inside it (sqlx issue #4393). A
/// task runs to the answer whatever happens to the request, and a transaction it opened for a
/// request that is gone is dropped, and so rolled back, like any other.
async fn begin(db: &DatabaseConnection) -> Result<sea_orm::DatabaseTransaction, StoreError> {
    use sea_orm::TransactionTrait;
    let started = std::time::Instant::now();
    let db = db.clone();
    let txn = match tokio::spawn(async move { db.begin().await }).await {
        Ok(begun) => begun.map_err(classify),
        Err(join) => Err(StoreError::Unavailable(format!(
            "opening a transaction failed: {join}"
        ))),
    };
    metrics::histogram!("checkout_db_begin_duration_seconds")
        .record(started.elapsed().as_secs_f64());
    txn
}

pub fn classify(e: DbErr) -> StoreError {
    if let Some(SqlErr::UniqueConstraintViolation(_)) = e.sql_err() {
        return StoreError::AlreadyExists;
    }
    if matches!(
        &e,
        DbErr::ConnectionAcquire(_)
            | DbErr::Exec(RuntimeErr::SqlxError(sea_orm::sqlx::Error::PoolTimedOut))
            | DbErr::Query(RuntimeErr::SqlxError(sea_orm::sqlx::Error::PoolTimedOut))
    ) {
        // Every pooled connection stayed busy (or none could be opened) for the acquire timeout.
        metrics::counter!("checkout_db_acquire_timeouts_total").increment(1);
    }
    let transient = match &e {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Exec(RuntimeErr::SqlxError(driver))
        | DbErr::Query(RuntimeErr::SqlxError(driver)) => transient_driver_error(driver),
        _ => false,
    };
    if transient {
        metrics::counter!("checkout_db_unavailable_total").increment(1);
        StoreError::Unavailable(e.to_string())
    } else {
        StoreError::Refused(e.to_string())
    }
}

fn transient_driver_error(e: &sea_orm::sqlx::Error) -> bool {
    use sea_orm::sqlx::Error as E;
    match e {
        E::Io(_)
        | E::Tls(_)
        | E::Protocol(_)
        | E::PoolTimedOut
        | E::PoolClosed
        | E::WorkerCrashed => true,
        E::Database(db) => {
            let code = db.code().unwrap_or_default();
            // PostgreSQL SQLSTATE classes: 08 connection exception, 40 transaction rollback
            // (serialization failure, deadlock), 53 insufficient resources, 57 operator
            // intervention (shutdown), 58 system error. SQLite primary codes: 5 BUSY, 6 LOCKED,
            // 10 IOERR, 13 FULL (and their extended codes, which keep the primary in the low
            // byte).
            let postgres = ["08", "40", "53", "57", "58"]
                .iter()
                .any(|class| code.len() == 5 && code.starts_with(class));
            let sqlite = code
                .parse::<i32>()
                .is_ok_and(|n| matches!(n & 0xff, 5 | 6 | 10 | 13));
            postgres || sqlite
        }
        _ => false,
    }
}
