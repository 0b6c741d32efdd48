//! The ports of the checkout service: what it needs from storage and from the outside world, as
//! traits the core owns and adapters (`checkout-store`, `checkout-outbound`) implement, with the
//! records that cross them. Nothing here does I/O.

mod audit;
mod config;
mod events;
mod keys;
mod pickup_points;
pub mod providers;
mod sessions;
pub mod trace;

pub use audit::*;
pub use config::*;
pub use events::*;
pub use keys::*;
pub use pickup_points::*;
pub use providers::{ProviderFailure, RateAnswer, RateProvider, RateRequest};
pub use sessions::*;
pub use trace::{SpanSink, TraceContext};

/// What a repository can report; the adapter classifies its driver's errors into these. The
/// texts are the driver's words, for logs only.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StoreError {
    /// A unique key is taken.
    #[error("already exists")]
    AlreadyExists,
    /// Stored data that cannot be read back: a bug or a hand edit.
    #[error("stored data is unreadable: {0}")]
    Corrupt(String),
    /// The database cannot serve now (connection, pool, I/O, busy, shutting down); a retry later
    /// may succeed.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// The database refused a statement (a constraint, a type, the syntax): a bug of this
    /// service that a retry does not fix.
    #[error("database refused the statement: {0}")]
    Refused(String),
}
