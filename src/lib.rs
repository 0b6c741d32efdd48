//! The delivery-checkout server: settings, logging and the composition root that wires the
//! workspace's crates into one binary.
//!
//! A tour of the crates, from the inside out (the README's code tour has the boundary table):
//! - `domain` (`checkout-domain`): the session model, carts, money and the merchant
//!   configuration; no I/O.
//! - `engine` (`checkout-engine`): the pure rule engine turning configuration + session + `now`
//!   into an offer.
//! - `ports` (`checkout-ports`): the repository and transport traits the service needs, with
//!   their records.
//! - `service` (`checkout-service`): the use cases every surface shares, taking typed commands.
//! - `store` (`checkout-store`) and `outbound` (`checkout-outbound`): the adapters behind the
//!   ports (sea-orm for SQLite and PostgreSQL; webhooks over HTTP).
//! - `api` (`checkout-api`): the HTTP surfaces.
//! - `config_file` (`checkout-config`): reading merchant configuration files.
//!
//! This crate adds [`settings`], [`telemetry`], [`startup`], [`serve`] (the connection loop)
//! and [`metrics`].

pub mod metrics;
pub mod reference_provider;
pub mod serve;
pub mod settings;
pub mod startup;
pub mod telemetry;
