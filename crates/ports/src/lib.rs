//! The ports of the checkout service: what it needs from storage and from the outside world, as
//! traits the core owns and adapters (`checkout-store`, `checkout-outbound`) implement, with the
//! records that cross them. Nothing here does I/O.

mod events;
mod keys;
mod sessions;

pub use events::*;
pub use keys::*;
pub use sessions::*;

/// What a repository can report; the adapter translates its driver's errors into these.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StoreError {
    #[error("already exists")]
    AlreadyExists,
    #[error("stored data is unreadable: {0}")]
    Corrupt(String),
    #[error("database unavailable: {0}")]
    Unavailable(String),
}
