//! Typed settings: built-in defaults, then environment variables, then command-line flags; and
//! loading the merchant configuration file (or the embedded demo).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::domain::config::{ConfigFile, PickupLocationConfig};

/// The demo merchant served when no configuration file is given.
pub const DEMO_CONFIG: &str = include_str!("../config/demo.toml");
/// The demo merchant's generated pickup points (see `tests/demo_data.rs`).
pub const DEMO_PICKUP_LOCATIONS: &str = include_str!("../config/demo-pickup-locations.json");
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
    pub fn auth(&self) -> crate::startup::AuthSettings {
        crate::startup::AuthSettings {
            demo_key_merchant: self.demo_key.then(|| "demo".to_owned()),
            failure_limit: self.auth_failure_limit,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Human,
    Json,
}

/// Reads and checks a configuration file, or the embedded demo when `path` is `None`.
/// Every problem is reported with its path, e.g. `merchants[0].categories[2].price.SEK: ...`.
pub fn load_merchant_config(path: Option<&Path>) -> Result<ConfigFile, Vec<String>> {
    match path {
        None => parse_merchant_config(DEMO_CONFIG, "toml"),
        Some(p) => {
            let text =
                std::fs::read_to_string(p).map_err(|e| vec![format!("{}: {e}", p.display())])?;
            let format = match p.extension().and_then(|e| e.to_str()) {
                Some("yaml" | "yml") => "yaml",
                Some("json") => "json",
                _ => "toml",
            };
            let dir = p.parent().unwrap_or(Path::new("."));
            parse_with_files(&text, format, |name| {
                let file = dir.join(name);
                std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))
            })
        }
    }
}

/// Parses configuration text; `pickup_locations_file` names resolve to the files embedded
/// beside the demo.
pub fn parse_merchant_config(text: &str, format: &str) -> Result<ConfigFile, Vec<String>> {
    parse_with_files(text, format, |name| match name {
        "demo-pickup-locations.json" => Ok(DEMO_PICKUP_LOCATIONS.to_owned()),
        other => Err(format!("`{other}` is not a file embedded in the binary")),
    })
}

fn parse_with_files(
    text: &str,
    format: &str,
    read: impl Fn(&str) -> Result<String, String>,
) -> Result<ConfigFile, Vec<String>> {
    let parsed: Result<ConfigFile, String> = match format {
        "yaml" => serde_path_to_error::deserialize(serde_yaml::Deserializer::from_str(text))
            .map_err(|e| format!("{}: {}", e.path(), e.inner())),
        "json" => serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(text))
            .map_err(|e| format!("{}: {}", e.path(), e.inner())),
        _ => toml::Deserializer::parse(text)
            .map_err(|e| e.to_string())
            .and_then(|de| {
                serde_path_to_error::deserialize(de)
                    .map_err(|e| format!("{}: {}", e.path(), e.inner()))
            }),
    };
    let mut config = parsed.map_err(|e| vec![e])?;
    for (i, merchant) in config.merchants.iter_mut().enumerate() {
        let Some(name) = merchant.pickup_locations_file.clone() else {
            continue;
        };
        let at = format!("merchants[{i}].pickup_locations_file");
        let text = read(&name).map_err(|e| vec![format!("{at}: {e}")])?;
        let more: Vec<PickupLocationConfig> =
            serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(&text))
                .map_err(|e| vec![format!("{at}: {name}: {}: {}", e.path(), e.inner())])?;
        merchant.pickup_locations.extend(more);
    }
    config.validate()?;
    Ok(config)
}

/// The embedded demo configuration, parsed; it is checked by a test, so this cannot fail.
pub fn demo_config() -> ConfigFile {
    parse_merchant_config(DEMO_CONFIG, "toml").expect("the embedded demo configuration is valid")
}
