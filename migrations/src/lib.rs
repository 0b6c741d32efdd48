//! Database schema of the service, one migration per change, shared by SQLite and PostgreSQL.

pub use sea_orm_migration::prelude::*;
pub use sea_orm_migration::MigrationStatus;

mod m20261123_000001_sessions;
mod m20261123_000002_api_keys;
mod m20261123_000003_transport_orders;
mod m20261123_000004_events;
mod m20261202_000005_document_version;
mod m20261202_000006_sessions_per_merchant;
mod m20261202_000007_event_traceparent;
mod m20261202_000008_delivery_config;
mod m20261203_000009_api_key_scopes;
mod m20261203_000010_api_key_mode;
mod m20261203_000011_pickup_points;
mod m20261203_000012_session_body;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_sessions::Migration),
            Box::new(m20261123_000002_api_keys::Migration),
            Box::new(m20261123_000003_transport_orders::Migration),
            Box::new(m20261123_000004_events::Migration),
            Box::new(m20261202_000005_document_version::Migration),
            Box::new(m20261202_000006_sessions_per_merchant::Migration),
            Box::new(m20261202_000007_event_traceparent::Migration),
            Box::new(m20261202_000008_delivery_config::Migration),
            Box::new(m20261203_000009_api_key_scopes::Migration),
            Box::new(m20261203_000010_api_key_mode::Migration),
            Box::new(m20261203_000011_pickup_points::Migration),
            Box::new(m20261203_000012_session_body::Migration),
        ]
    }
}
