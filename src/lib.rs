//! A delivery-checkout backend: storefronts create a checkout session, get delivery options
//! computed from the merchant's configuration, let the customer choose, and complete it.
//!
//! A tour of the modules, from the inside out:
//! - [`domain`]: the session model and the merchant configuration; no I/O.
//! - [`engine`]: the pure rule engine turning configuration + session + `now` into an offer.
//! - [`service`]: the use cases all surfaces share (create, update, choose, complete, ...), the
//!   etag and concurrency rules, and the repository port the store implements.
//! - [`store`]: the sea-orm adapter for SQLite and PostgreSQL.
//! - [`api`]: the HTTP surfaces; `api::headless` is the AIP-style Headless Checkout API.
//! - [`settings`], [`telemetry`] and [`startup`]: configuration, logging and wiring.

pub mod api;
pub mod domain;
pub mod engine;
pub mod service;
pub mod settings;
pub mod startup;
pub mod store;
pub mod telemetry;
pub mod webhooks;
