//! Typed settings: built-in defaults, then environment variables, then command-line flags. A
//! leaf: it knows nothing of the server it configures.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

/// Where the server keeps its data when `DATABASE_URL` is not set.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/checkout.db?mode=rwc";

#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// Address to listen on.
    #[arg(
        long,
        env = "LISTEN_ADDR",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub listen: SocketAddr,
    /// Where browsers reach this service (`https://checkout.example.com`): the shipping
    /// selector's snippet loads its script and calls the API there. The listen address when
    /// unset.
    #[arg(long, env = "PUBLIC_BASE_URL", global = true)]
    pub public_base_url: Option<String>,
    /// SQLite (`sqlite://path?mode=rwc`, `sqlite::memory:`) or PostgreSQL (`postgres://...`) URL.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,
    /// Merchant configuration file (TOML, YAML or JSON); the embedded demo merchant when unset.
    #[arg(long = "config", env = "MERCHANT_CONFIG", global = true)]
    pub merchant_config: Option<PathBuf>,
    /// Log format.
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value_t = LogFormat::Human, global = true)]
    pub log_format: LogFormat,
    /// Accept the documented demo key for the merchant `demo` (never in production).
    #[arg(
        long,
        env = "DEMO_KEY_ENABLED",
        default_value_t = true,
        action = clap::ArgAction::Set,
        global = true
    )]
    pub demo_key: bool,
    /// Failed authentication attempts per client address per minute before answering 429.
    #[arg(long, env = "AUTH_FAILURE_LIMIT", default_value_t = 20, global = true)]
    pub auth_failure_limit: u32,
    /// Delivery attempts per webhook event before it is marked failed.
    #[arg(
        long,
        env = "WEBHOOK_MAX_ATTEMPTS",
        default_value_t = 10,
        global = true
    )]
    pub webhook_max_attempts: i32,
}

impl Settings {
    pub fn auth(&self) -> AuthSettings {
        AuthSettings {
            demo_key_merchant: self.demo_key.then(|| "demo".to_owned()),
            failure_limit: self.auth_failure_limit,
        }
    }
}

/// How callers authenticate.
#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// The merchant the documented demo key opens, while it is enabled.
    pub demo_key_merchant: Option<String>,
    /// Failed attempts per client address per minute before 429.
    pub failure_limit: u32,
}

impl AuthSettings {
    /// The demo key for the merchant `demo`, and the documented failure limit.
    pub fn demo() -> Self {
        Self {
            demo_key_merchant: Some("demo".into()),
            failure_limit: 20,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Human,
    Json,
}
