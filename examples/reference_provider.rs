//! A rate provider a merchant can copy: verifies each request's signature and answers from a
//! table of prices and transit days (see the README's "Live rates" section).
//!
//!     PROVIDER_SECRET=change-me-to-16-chars-or-more \
//!     PROVIDER_ADDR=127.0.0.1:8090 PROVIDER_TABLE=table.json \
//!     cargo run --example reference_provider
//!
//! Without `PROVIDER_TABLE` it prices the demo merchant's `budbee-home` and `pnl-mph`.

use headless_checkout::reference_provider::{demo_table, endpoint, Table};
use poem::listener::TcpListener;
use poem::Server;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let secret = std::env::var("PROVIDER_SECRET").map_err(|_| {
        anyhow::anyhow!("PROVIDER_SECRET (the provider's shared secret) is required")
    })?;
    let addr = std::env::var("PROVIDER_ADDR").unwrap_or_else(|_| "127.0.0.1:8090".into());
    let table: Table = match std::env::var("PROVIDER_TABLE") {
        Ok(path) => serde_json::from_str(&std::fs::read_to_string(&path)?)
            .map_err(|e| anyhow::anyhow!("{path}: {e}"))?,
        Err(_) => demo_table(),
    };
    println!(
        "reference provider on http://{addr}/v1/rates ({} products)",
        table.len()
    );
    Server::new(TcpListener::bind(addr))
        .run(endpoint(secret, table))
        .await?;
    Ok(())
}
