//! The sea-orm migration CLI for this schema (`cargo run -p migration -- up`); the service's own
//! `headless-checkout migrate` does the same with the service's settings.

use sea_orm_migration::prelude::*;

#[tokio::main]
async fn main() {
    cli::run_cli(migration::Migrator).await;
}
