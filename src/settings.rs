//! Typed settings: built-in defaults, then environment variables, then command-line flags. A
//! leaf: it knows nothing of the server it configures. A bound left unset takes the default of
//! the component it bounds (see `startup::bounds`), so each default is stated once.

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
    /// Milliseconds between this replica's checks for configuration changed by another one.
    #[arg(long, env = "CONFIG_RELOAD_MS", default_value_t = 1000, global = true)]
    pub config_reload_ms: u64,
    /// Largest request body in bytes, 413 past it [default: 1048576].
    #[arg(long, env = "MAX_BODY_BYTES", global = true)]
    pub max_body_bytes: Option<usize>,
    /// Largest body of a pickup point import in bytes, 413 past it [default: 67108864].
    #[arg(long, env = "MAX_IMPORT_BYTES", global = true)]
    pub max_import_bytes: Option<usize>,
    /// Longest string in a JSON body in characters, 400 naming the field past it [default: 4096].
    #[arg(long, env = "MAX_STRING_CHARS", global = true)]
    pub max_string_chars: Option<usize>,
    /// Seconds a request may take, upload included; 503 with Retry-After past it [default: 30].
    #[arg(long, env = "REQUEST_TIMEOUT_SECS", global = true)]
    pub request_timeout_secs: Option<u64>,
    /// Deliveries per session, or delivery groups per cart; 400 past it [default: 20].
    #[arg(long, env = "MAX_DELIVERIES", global = true)]
    pub max_deliveries: Option<usize>,
    /// Line items per session, or items per cart; 400 past it [default: 500].
    #[arg(long, env = "MAX_LINE_ITEMS", global = true)]
    pub max_line_items: Option<usize>,
    /// Open client connections; one more is answered 503 and closed [default: 1024].
    #[arg(long, env = "MAX_CONNECTIONS", global = true)]
    pub max_connections: Option<usize>,
    /// Seconds from a request's first byte to the end of its headers; 408 past it [default: 10].
    #[arg(long, env = "HEADER_READ_TIMEOUT_SECS", global = true)]
    pub header_read_timeout_secs: Option<u64>,
    /// Seconds a connection may sit with no request before it is closed [default: 75].
    #[arg(long, env = "IDLE_TIMEOUT_SECS", global = true)]
    pub idle_timeout_secs: Option<u64>,
    /// Database connections in the pool [default: 16 on PostgreSQL, 8 on SQLite].
    #[arg(long, env = "DB_MAX_CONNECTIONS", global = true)]
    pub db_max_connections: Option<u32>,
    /// Serve Prometheus metrics at `/metrics` (unauthenticated: expose it only where scrapers
    /// reach it).
    #[arg(
        long,
        env = "METRICS_ENABLED",
        default_value_t = false,
        action = clap::ArgAction::Set,
        global = true
    )]
    pub metrics: bool,
    /// Milliseconds a request waits for a database connection before 503 [default: 2000].
    #[arg(long, env = "DB_ACQUIRE_TIMEOUT_MS", global = true)]
    pub db_acquire_timeout_ms: Option<u64>,
    /// Export spans over OTLP/HTTP to this collector (`/v1/traces` is appended) [default: off].
    /// The exporter reads the other standard `OTEL_EXPORTER_OTLP_*` variables itself.
    #[arg(long, env = "OTEL_EXPORTER_OTLP_ENDPOINT", global = true)]
    pub otlp_endpoint: Option<String>,
    /// Export spans to exactly this URL, as the OpenTelemetry variable of that name says.
    #[arg(long, env = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", global = true)]
    pub otlp_traces_endpoint: Option<String>,
    /// `true` switches the OTLP export off even with an endpoint set.
    #[arg(
        long,
        env = "OTEL_SDK_DISABLED",
        default_value_t = false,
        action = clap::ArgAction::Set,
        global = true
    )]
    pub otel_sdk_disabled: bool,
}

impl Settings {
    /// Whether spans are exported: an OTLP endpoint is configured and the SDK is not disabled.
    pub fn traces_exported(&self) -> bool {
        !self.otel_sdk_disabled
            && [&self.otlp_endpoint, &self.otlp_traces_endpoint]
                .iter()
                .any(|e| e.as_deref().is_some_and(|e| !e.trim().is_empty()))
    }

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

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::Settings;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        settings: Settings,
    }

    fn parse(args: &[&str]) -> Settings {
        Cli::try_parse_from(std::iter::once("headless-checkout").chain(args.iter().copied()))
            .unwrap()
            .settings
    }

    #[test]
    fn spans_are_exported_only_to_a_configured_endpoint_and_not_when_disabled() {
        assert!(!parse(&[]).traces_exported());
        assert!(!parse(&["--otlp-endpoint", " "]).traces_exported());
        assert!(parse(&["--otlp-endpoint", "http://collector:4318"]).traces_exported());
        assert!(
            parse(&["--otlp-traces-endpoint", "http://collector:4318/v1/traces"]).traces_exported()
        );
        assert!(!parse(&[
            "--otlp-endpoint",
            "http://collector:4318",
            "--otel-sdk-disabled",
            "true"
        ])
        .traces_exported());
    }
}
