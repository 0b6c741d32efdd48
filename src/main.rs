//! The `headless-checkout` binary: settings, logging, then serve, migrate or print a spec.

use clap::{Parser, Subcommand};
use headless_checkout::settings::Settings;
use headless_checkout::{startup, telemetry};

// A request allocates and frees hundreds of small buffers across the runtime's worker threads;
// mimalloc's thread-local free lists serve that with less time in the allocator than glibc's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "headless-checkout",
    version,
    about = "Delivery-checkout backend"
)]
struct Cli {
    #[command(flatten)]
    settings: Settings,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the APIs (the default).
    Serve,
    /// Apply, roll back or show database migrations.
    Migrate {
        #[command(subcommand)]
        action: MigrateAction,
    },
    /// Create, list or revoke merchant API keys.
    Keys {
        #[command(subcommand)]
        action: KeysAction,
    },
    /// Check merchant configuration files offline.
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// Print a surface's OpenAPI document.
    Openapi {
        /// The surface.
        #[arg(value_parser = ["headless", "cos", "siw", "delivery-checkout"], default_value = "headless")]
        surface: String,
        /// YAML instead of JSON.
        #[arg(long)]
        yaml: bool,
    },
}

#[derive(Subcommand)]
enum KeysAction {
    /// Create a key for a merchant and print it; it is shown this once only.
    Create {
        #[arg(long)]
        merchant: String,
        /// What the key may do: `checkout` (sessions, orders, events), `admin` (configuration
        /// and keys), comma-separated. Both by default: the first key bootstraps the others.
        #[arg(long, value_delimiter = ',', default_value = "checkout,admin")]
        scopes: Vec<String>,
        /// A test key (`hck_test_…`): it works on the merchant's test data only.
        #[arg(long)]
        test: bool,
    },
    /// List key ids, merchants and creation times (never secrets).
    List {
        #[arg(long)]
        merchant: Option<String>,
    },
    /// Revoke a key by its id; requests with it fail from then on.
    Revoke { key_id: String },
}

#[derive(Subcommand)]
enum ConfigAction {
    /// Validate a configuration file (TOML, YAML or JSON, with its pickup-location files) by
    /// the rules the server applies at start-up; prints every problem by its path and exits
    /// non-zero when there is any.
    Check { file: std::path::PathBuf },
}

#[derive(Subcommand)]
enum MigrateAction {
    /// Apply every pending migration.
    Up,
    /// Roll back the last N migrations.
    Down {
        #[arg(default_value_t = 1)]
        steps: u32,
    },
    /// List migrations and whether each is applied.
    Status,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let settings = cli.settings;
    telemetry::init(settings.log_format);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(settings).await,
        Command::Migrate { action } => migrate(&settings, action).await,
        Command::Keys { action } => keys(&settings, action).await,
        Command::Config {
            action: ConfigAction::Check { file },
        } => config_check(&file),
        Command::Openapi { surface, yaml } => {
            let spec = headless_checkout::startup::render_spec_documents()
                .await?
                .into_iter()
                .find(|d| d.name == surface)
                .map(|d| d.json)
                .unwrap_or_default();
            if yaml {
                print!("{}", api::common::routing::public_spec_yaml(&spec));
            } else {
                println!("{spec}");
            }
            Ok(())
        }
    }
}

/// The merchant configuration the settings name, or every problem with it.
fn merchant_config(settings: &Settings) -> anyhow::Result<domain::config::ConfigFile> {
    config_file::load(settings.merchant_config.as_deref()).map_err(|problems| {
        anyhow::anyhow!(
            "invalid merchant configuration:\n  {}",
            problems.join("\n  ")
        )
    })
}

/// `config check FILE`: the problems go to standard error, one per line, and the exit status is
/// 1 when there is any, so a deployment pipeline can refuse a bad file before any replica does.
fn config_check(file: &std::path::Path) -> anyhow::Result<()> {
    match config_file::load(Some(file)) {
        Ok(config) => {
            let merchants: Vec<&str> = config.merchants.iter().map(|m| m.id.as_str()).collect();
            println!(
                "{}: valid ({} merchant(s): {})",
                file.display(),
                merchants.len(),
                merchants.join(", ")
            );
            Ok(())
        }
        Err(problems) => {
            eprintln!("{}: {} problem(s)", file.display(), problems.len());
            for p in &problems {
                eprintln!("  {p}");
            }
            std::process::exit(1);
        }
    }
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let config = merchant_config(&settings)?;
    let merchants: Vec<&str> = config.merchants.iter().map(|m| m.id.as_str()).collect();
    tracing::info!(
        merchants = %merchants.join(", "),
        count = merchants.len(),
        "merchant configuration loaded"
    );
    if settings.demo_key && config.merchant("demo").is_some() {
        tracing::warn!(
            "the documented demo API key is enabled for merchant `demo`; set DEMO_KEY_ENABLED=false in production"
        );
    }
    let app = startup::Application::build(&settings, config).await?;
    let addr = app.local_addr();
    tracing::info!(
        database = %startup::redact(&settings.database_url),
        "serving the Headless Checkout API on http://{addr}/v1/sessions"
    );
    tracing::info!("Swagger UI: http://{addr}/docs");
    tracing::info!(
        "OpenAPI: http://{addr}/openapi/{{headless,cos,siw,delivery-checkout}}.json (also .yaml)"
    );
    tracing::info!("legacy APIs: http://{addr}/v1/cos/, /v1/siw/, /v1/delivery_checkout/");
    app.run_until(startup::shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

async fn migrate(settings: &Settings, action: MigrateAction) -> anyhow::Result<()> {
    let db = store::connect(&settings.database_url, None).await?;
    match action {
        MigrateAction::Up => {
            store::migrate(&db).await?;
            println!("migrations applied");
        }
        MigrateAction::Down { steps } => {
            store::migrate_down(&db, steps).await?;
            println!("rolled back {steps} migration(s)");
        }
        MigrateAction::Status => {
            for (name, applied) in store::migration_status(&db).await? {
                println!("{} {name}", if applied { "applied" } else { "pending" });
            }
        }
    }
    Ok(())
}

fn scope_names(scopes: &[service::KeyScope]) -> String {
    scopes
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

fn mode_name(test: bool) -> &'static str {
    if test {
        "test"
    } else {
        "live"
    }
}

async fn keys(settings: &Settings, action: KeysAction) -> anyhow::Result<()> {
    let config = merchant_config(settings)?;
    let known: Vec<String> = config.merchants.iter().map(|m| m.id.clone()).collect();
    let core = startup::core(
        &settings.database_url,
        None,
        std::sync::Arc::new(config),
        service::system_clock(),
        settings.auth(),
    )
    .await?;
    match action {
        KeysAction::Create {
            merchant,
            scopes,
            test,
        } => {
            if !known.contains(&merchant) {
                anyhow::bail!("merchant `{merchant}` is not in the merchant configuration");
            }
            let scopes = scopes
                .iter()
                .map(|s| {
                    service::KeyScope::parse(s.trim()).ok_or_else(|| {
                        anyhow::anyhow!("scope `{s}` is not one of: checkout, admin")
                    })
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            let issued = core
                .auth
                .create_scoped_key(&merchant, &scopes, test, None)
                .await?;
            println!("key id:   {}", issued.record.id);
            println!("merchant: {}", issued.record.merchant_id);
            println!("scopes:   {}", scope_names(&issued.record.scopes));
            println!("mode:     {}", mode_name(issued.record.test));
            println!("key:      {}", issued.key);
            println!("Store the key now: only its hash is kept, it cannot be shown again.");
        }
        KeysAction::List { merchant } => {
            for key in core.auth.list_keys(merchant.as_deref()).await? {
                let state = match key.revoke_time {
                    Some(t) => format!("revoked {t}"),
                    None => "active".to_owned(),
                };
                println!(
                    "{}  {}  {}  {}  created {}  {}",
                    key.id,
                    key.merchant_id,
                    mode_name(key.test),
                    scope_names(&key.scopes),
                    key.create_time,
                    state
                );
            }
        }
        KeysAction::Revoke { key_id } => {
            core.auth.revoke_key(&key_id).await?;
            println!("revoked {key_id}");
        }
    }
    Ok(())
}
