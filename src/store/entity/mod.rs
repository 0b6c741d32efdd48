//! Plain sea-orm entities, one per table; queries live in the repository beside them.

pub mod idempotency_record;
pub mod session;
