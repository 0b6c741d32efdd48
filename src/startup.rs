//! Composition root: builds the store, the service and every surface's routes, and runs the
//! server with graceful shutdown.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use poem::endpoint::make_sync;
use poem::listener::{Acceptor, Listener, TcpAcceptor, TcpListener};
use poem::web::Html;
use poem::{get, handler, Endpoint, EndpointExt, IntoResponse, Response, Route, Server};
use poem_openapi::OpenApiService;

use crate::api::common::error::envelope_framework_errors;
use crate::api::common::routing::{public_spec, public_spec_yaml, CustomMethods};
use crate::api::common::trace::RequestTrace;
use crate::api::common::ApiError;
use crate::api::headless::mapping::WireRenderer;
use crate::api::headless::HeadlessApi;
use crate::domain::config::ConfigFile;
use crate::engine::Catalog;
use crate::service::auth::FailureLimiter;
use crate::service::events::{
    Dispatcher, EventFactory, EventLog, EventRepository, WebhookTransport,
};
use crate::service::{system_clock, Authenticator, Clock, SessionService};
use crate::settings::Settings;
use crate::store::{self, SqlEventRepository, SqlKeyRepository, SqlSessionRepository};
use crate::webhooks::HttpTransport;

/// How long in-flight requests may run after a shutdown signal.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(20);

/// The headless OpenAPI service. The served spec, `openapi/headless.*` and the `openapi`
/// command all come from here.
pub fn headless_openapi(api: HeadlessApi) -> OpenApiService<HeadlessApi, ()> {
    OpenApiService::new(api, "Headless Checkout API", env!("CARGO_PKG_VERSION"))
        .description(
            "Checkout sessions as resources: create a session from a purchase and its \
             deliveries, read the delivery categories, options and addons the merchant's rules \
             offer, let the customer choose, and complete the session to get a transport order \
             id per delivery. Writes are conditional on the `etag` when one is sent; errors are \
             google.rpc.Status objects.",
        )
        .server("/")
}

/// The headless spec as JSON with custom methods shown as `:verb`.
pub fn headless_spec_json(api: HeadlessApi) -> String {
    public_spec(&headless_openapi(api).spec())
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

/// The use cases every surface calls: sessions, authentication and events.
#[derive(Clone)]
pub struct Core {
    pub sessions: Arc<SessionService>,
    pub auth: Arc<Authenticator>,
    pub events: Arc<EventLog>,
    event_repo: Arc<dyn EventRepository>,
    config: Arc<ConfigFile>,
    clock: Clock,
}

impl Core {
    /// A dispatcher of this store's pending events over `transport`.
    pub fn dispatcher(
        &self,
        transport: Arc<dyn WebhookTransport>,
        max_attempts: i32,
    ) -> Dispatcher {
        Dispatcher::new(
            self.event_repo.clone(),
            transport,
            &self.config,
            max_attempts,
            self.clock.clone(),
        )
    }
}

/// Opens (and migrates) the store and builds the services over it.
pub async fn core(
    database_url: &str,
    schema: Option<&str>,
    config: Arc<ConfigFile>,
    clock: Clock,
    auth: AuthSettings,
) -> anyhow::Result<Core> {
    let catalog = Catalog::build(&config).map_err(|problems| {
        anyhow::anyhow!(
            "invalid merchant configuration:\n  {}",
            problems.join("\n  ")
        )
    })?;
    let db = store::connect(database_url, schema)
        .await
        .with_context(|| format!("connecting to {}", redact(database_url)))?;
    store::migrate(&db).await.context("applying migrations")?;
    let sessions_repo = Arc::new(SqlSessionRepository::new(db.clone()));
    let keys_repo = Arc::new(SqlKeyRepository::new(db.clone()));
    let event_repo: Arc<dyn EventRepository> = Arc::new(SqlEventRepository::new(db));
    let factory = Arc::new(EventFactory::new(&config, Arc::new(WireRenderer)));
    let demo_merchant = auth
        .demo_key_merchant
        .filter(|m| config.merchant(m).is_some());
    let authenticator = Authenticator::new(
        keys_repo,
        sessions_repo.clone(),
        demo_merchant,
        FailureLimiter::new(auth.failure_limit, Duration::from_secs(60)),
        clock.clone(),
    );
    Ok(Core {
        sessions: Arc::new(SessionService::new(
            sessions_repo,
            Arc::new(catalog),
            factory,
            clock.clone(),
        )),
        auth: Arc::new(authenticator),
        events: Arc::new(EventLog::new(event_repo.clone(), clock.clone())),
        event_repo,
        config,
        clock,
    })
}

fn headless_api(core: &Core) -> HeadlessApi {
    HeadlessApi::new(
        core.sessions.clone(),
        core.auth.clone(),
        core.events.clone(),
    )
}

/// Every route of the service, wrapped in tracing, the error envelope and custom-method routing.
pub fn routes(core: &Core) -> impl Endpoint<Output = Response> {
    let spec = headless_spec_json(headless_api(core));
    let spec_yaml = public_spec_yaml(&spec);
    let docs = swagger_ui_html(&spec);
    let api = headless_openapi(headless_api(core));
    let spec_json_ep = {
        let spec = spec.clone();
        make_sync(move |_| {
            Response::builder()
                .content_type("application/json; charset=utf-8")
                .body(spec.clone())
        })
    };
    let spec_yaml_ep = make_sync(move |_| {
        Response::builder()
            .content_type("application/yaml; charset=utf-8")
            .body(spec_yaml.clone())
    });
    let docs_ep = make_sync(move |_| Html(docs.clone()));
    Route::new()
        .at("/openapi/headless.json", get(spec_json_ep))
        .at("/openapi/headless.yaml", get(spec_yaml_ep))
        .at("/docs", get(docs_ep))
        .at("/healthz", get(healthz))
        .at("/readyz", get(readyz).data(core.sessions.clone()))
        .nest("/", api)
        .with(CustomMethods)
        .catch_all_error(envelope_framework_errors)
        .with(RequestTrace)
}

#[handler]
fn healthz() -> Response {
    Response::builder()
        .content_type("application/json")
        .body(r#"{"status":"ok"}"#)
}

#[handler]
async fn readyz(service: poem::web::Data<&Arc<SessionService>>) -> Response {
    match service.ready().await {
        Ok(()) => Response::builder()
            .content_type("application/json")
            .body(r#"{"status":"ready"}"#),
        Err(e) => ApiError::from(e).into_response(),
    }
}

/// poem-openapi renders Swagger UI only for its own spec; ours has the `:verb` paths rewritten,
/// so the page is rendered once for an empty spec and that spec swapped for ours.
fn swagger_ui_html(spec_json: &str) -> String {
    let empty = OpenApiService::new((), "", "");
    let (html, empty_spec) = (empty.swagger_ui_html(), empty.spec());
    match html.rfind(&empty_spec) {
        Some(at) => format!(
            "{}{}{}",
            &html[..at],
            spec_json,
            &html[at + empty_spec.len()..]
        ),
        None => html,
    }
}

/// A bound, ready-to-run server.
pub struct Application {
    acceptor: TcpAcceptor,
    addr: SocketAddr,
    core: Core,
    webhook_max_attempts: i32,
}

impl Application {
    pub async fn build(settings: &Settings, config: ConfigFile) -> anyhow::Result<Self> {
        let core = core(
            &settings.database_url,
            None,
            Arc::new(config),
            system_clock(),
            settings.auth(),
        )
        .await?;
        let acceptor = TcpListener::bind(settings.listen.to_string())
            .into_acceptor()
            .await
            .with_context(|| format!("binding {}", settings.listen))?;
        let addr = *acceptor
            .local_addr()
            .first()
            .and_then(|a| a.as_socket_addr())
            .context("the listener has no socket address")?;
        Ok(Self {
            acceptor,
            addr,
            core,
            webhook_max_attempts: settings.webhook_max_attempts,
        })
    }

    /// The bound address (useful with port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves until `shutdown` resolves, then drains in-flight requests.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send,
    ) -> std::io::Result<()> {
        let routes = routes(&self.core);
        // The dispatcher resumes whatever is pending in the outbox, including events written
        // before a restart, and stops with the server.
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let dispatcher = self
            .core
            .dispatcher(Arc::new(HttpTransport::new()), self.webhook_max_attempts);
        let dispatching = tokio::spawn(dispatcher.run(stopped, Duration::from_millis(500)));
        let served = Server::new_with_acceptor(self.acceptor)
            .run_with_graceful_shutdown(routes, shutdown, Some(DRAIN_TIMEOUT))
            .await;
        let _ = stop.send(true);
        let _ = dispatching.await;
        served
    }
}

/// Resolves on SIGINT or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutdown signal received; draining in-flight requests");
}

/// A database URL with any password replaced, for logs and errors.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..scheme + 3], user, &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Renders the headless spec from the same constructor the server uses, over a throw-away
/// in-memory store (the spec depends on types only, but the API value needs its services).
pub async fn render_headless_spec() -> anyhow::Result<String> {
    let config = Arc::new(crate::settings::demo_config());
    let core = core(
        "sqlite::memory:",
        None,
        config,
        system_clock(),
        AuthSettings::demo(),
    )
    .await?;
    Ok(headless_spec_json(headless_api(&core)))
}
