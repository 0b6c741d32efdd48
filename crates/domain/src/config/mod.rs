//! The merchant configuration: the shape files state it in ([`schema`]) and the checks that
//! accept it ([`validate`]). Loaded and checked once at start-up; the engine reads it.

mod schema;
mod validate;

pub use schema::*;
pub use validate::{
    check_pickup_location, day_flags, parse_hh_mm, WarehouseSchedule, MAX_CONFIG_AMOUNT,
    MAX_QUOTE_BUDGET_MS,
};
