//! Plain sea-orm entities, one per table; queries live in the repository beside them.

pub mod api_key;
pub mod config_revision;
pub mod event;
pub mod event_delivery;
pub mod idempotency_record;
pub mod pickup_point;
pub mod pickup_point_set;
pub mod session;
pub mod transport_order;
