//! The integration tests of the server, as one test binary: every suite is a module here, and
//! they share the harness and the guide fixtures in `common`.

mod common;

mod abuse;
mod api_keys;
mod architecture;
mod auth;
mod auth_logs;
mod config;
mod config_api;
mod connections;
mod contract;
mod cos;
mod delivery_checkout;
mod delivery_config;
mod demo_data;
mod engine;
mod events;
mod headless;
mod legacy;
mod metrics;
mod openapi;
mod orders;
mod pickup_points;
mod providers;
mod readme;
mod regressions;
mod selector;
mod siw;
mod smoke;
mod store;
mod tenancy;
mod test_mode;
mod traces;
