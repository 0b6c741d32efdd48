//! Composition root: builds the store, the service and every surface's routes, and runs the
//! server with graceful shutdown.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use poem::endpoint::make_sync;
use poem::middleware::CatchPanic;
use poem::web::{Html, Redirect};
use poem::{get, handler, post, Endpoint, EndpointExt, IntoResponse, Response, Route};
use poem_openapi::{OpenApi, OpenApiService};

use api::common::cors::SelectorCors;
use api::common::error::{envelope_framework_errors, panic_response};
use api::common::limits::{within_deadline, EdgeLimits};
use api::common::routing::{public_spec, public_spec_yaml, AllowedMethods, CustomMethods};
use api::common::spec_rules::Spec;
use api::common::trace::RequestTrace;
use api::common::ApiError;
use api::demo::{self, DemoShop};
use api::examples;
use api::headless::config::ConfigApi;
use api::headless::keys::ApiKeysApi;
use api::headless::mapping::WireRenderer;
use api::headless::pickup_points::PickupPointsApi;
use api::headless::HeadlessApi;
use api::legacy::cos::CosApi;
use api::legacy::delivery_checkout::DeliveryCheckoutApi;
use api::legacy::shared::Backend;
use api::legacy::siw::SiwApi;
use api::widget;
use domain::config::ConfigFile;
use engine::Catalog;
use outbound::{HttpRateProvider, HttpTransport, OtlpSpans};
use ports::{EventRepository, SessionRepository, SpanSink, WebhookTransport};
use service::auth::FailureLimiter;
use service::config::ConfigService;
use service::events::{Dispatcher, EventFactory, EventLog};
use service::{system_clock, Authenticator, Clock, SessionService};
use store::{SqlConfigRepository, SqlEventRepository, SqlKeyRepository, SqlSessionRepository};

use crate::serve::ConnectionLimits;
use crate::settings::{AuthSettings, Settings};

/// Where browsers reach the service when nothing else is known (tests, rendering specs).
const DEFAULT_PUBLIC_BASE_URL: &str = "http://127.0.0.1:8080";

/// How long in-flight requests may run after a shutdown signal.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(20);

/// The headless OpenAPI service. The served spec, `openapi/headless.*` and the `openapi`
/// command all come from here.
pub fn headless_openapi(api: HeadlessApis) -> OpenApiService<HeadlessApis, ()> {
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
pub fn headless_spec_json(api: HeadlessApis) -> String {
    public_spec(
        &headless_openapi(api).spec(),
        &examples::headless(),
        api::headless::spec::spec_rules,
    )
}

/// One surface's published OpenAPI document.
pub struct SpecDocument {
    /// The file stem under `openapi/` and `/openapi/`, e.g. `delivery-checkout`.
    pub name: &'static str,
    /// What Swagger UI's surface picker shows.
    pub title: &'static str,
    pub json: String,
}

fn legacy_spec(
    api: impl OpenApi,
    title: &str,
    description: &str,
    examples: &[(&str, serde_json::Value)],
    rules: fn(&mut Spec),
) -> String {
    public_spec(
        &OpenApiService::new(api, title, env!("CARGO_PKG_VERSION"))
            .description(description)
            .server("/")
            .spec(),
        examples,
        rules,
    )
}

/// Every surface's spec, rendered from the same constructors the server routes: the headless
/// API first, then the legacy ones.
pub fn spec_documents(core: &Core) -> Vec<SpecDocument> {
    let backend = legacy_backend(core);
    vec![
        SpecDocument {
            name: "headless",
            title: "Headless Checkout API",
            json: headless_spec_json(headless_api(core)),
        },
        SpecDocument {
            name: "cos",
            title: "COS API (legacy)",
            json: legacy_spec(
                CosApi::new(backend.clone()),
                "COS API",
                "The oldest checkout-session API, kept for the merchants integrated with it: \
                 sessions with shipping categories, shipping options, the choices they give, the \
                 customer's choice and the result it leads to, pickup-location search, and \
                 re-opening a transport order. Money is an integer in minor units.",
                &examples::cos(),
                api::legacy::cos::spec_rules,
            ),
        },
        SpecDocument {
            name: "siw",
            title: "SIW API (legacy)",
            json: legacy_spec(
                SiwApi::new(backend.clone()),
                "SIW API",
                "Checkout sessions for the shipping selector widget: the selected shipping \
                 option, its price, the result with its price components and delivery-time \
                 promises, the HTML snippet that embeds the selector, and the transport order id \
                 on completion. Money is an integer in minor units.",
                &examples::siw(),
                api::legacy::siw::spec_rules,
            ),
        },
        SpecDocument {
            name: "delivery-checkout",
            title: "Delivery Checkout API (legacy)",
            json: legacy_spec(
                DeliveryCheckoutApi::new(backend),
                "Delivery Checkout API",
                "Checkout sessions split into delivery groups, one per shipment (by the site \
                 each item ships from and its shipping date), each with its own selection, price, \
                 delivery-time promises and transport order id. Money is an integer in minor \
                 units.",
                &examples::delivery_checkout(),
                api::legacy::delivery_checkout::spec_rules,
            ),
        },
    ]
}

/// Where browsers reach the service: `PUBLIC_BASE_URL` (an absolute http(s) URL, no query), or
/// the bound address. A wildcard listen address is no address a browser can use, so the
/// loopback stands in for it (and the log says so, since other machines need the setting).
pub fn public_base_url(setting: Option<&str>, bound: SocketAddr) -> anyhow::Result<String> {
    if let Some(url) = setting {
        let url = url.trim().trim_end_matches('/');
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"));
        let Some(rest) = rest else {
            anyhow::bail!("PUBLIC_BASE_URL `{url}` must start with https:// or http://");
        };
        let host = rest.split('/').next().unwrap_or_default();
        if host.is_empty() || url.contains(['?', '#', '"', '<', '>', ' ']) {
            anyhow::bail!(
                "PUBLIC_BASE_URL `{url}` must be an address such as https://checkout.example.com, \
                 with a host and no query"
            );
        }
        return Ok(url.to_owned());
    }
    if bound.ip().is_unspecified() {
        let loopback = SocketAddr::new(
            if bound.is_ipv4() {
                std::net::Ipv4Addr::LOCALHOST.into()
            } else {
                std::net::Ipv6Addr::LOCALHOST.into()
            },
            bound.port(),
        );
        tracing::warn!(
            listen = %bound,
            "PUBLIC_BASE_URL is not set: snippets name http://{loopback}, which only this \
             machine's browsers reach"
        );
        return Ok(format!("http://{loopback}"));
    }
    Ok(format!("http://{bound}"))
}

fn legacy_backend(core: &Core) -> Backend {
    Backend::new(
        core.sessions.clone(),
        core.auth.clone(),
        &core.public_base_url,
    )
}

/// What the settings bound: what a session holds, what a request may carry and take, and the
/// database pool.
#[derive(Debug, Clone, Copy, Default)]
pub struct Bounds {
    pub session: service::Limits,
    pub edge: EdgeLimits,
    pub pool: store::PoolOptions,
}

/// How long the served binary waits for its database at start-up before it gives up.
const STARTUP_DATABASE_WAIT: Duration = Duration::from_secs(30);

/// A setting in seconds (at least one), or `default` when unset.
fn secs(setting: Option<u64>, default: Duration) -> Duration {
    setting.map_or(default, |s| Duration::from_secs(s.max(1)))
}

/// The bounds the settings give, each unset one at its component's default.
pub fn bounds(settings: &Settings) -> Bounds {
    let d = Bounds::default();
    Bounds {
        session: service::Limits {
            max_deliveries: settings
                .max_deliveries
                .map_or(d.session.max_deliveries, |n| n.max(1)),
            max_line_items: settings
                .max_line_items
                .map_or(d.session.max_line_items, |n| n.max(1)),
        },
        edge: EdgeLimits {
            max_body_bytes: settings.max_body_bytes.unwrap_or(d.edge.max_body_bytes),
            max_import_bytes: settings.max_import_bytes.unwrap_or(d.edge.max_import_bytes),
            max_string_chars: settings.max_string_chars.unwrap_or(d.edge.max_string_chars),
            request_timeout: secs(settings.request_timeout_secs, d.edge.request_timeout),
        },
        pool: store::PoolOptions {
            max_connections: settings.db_max_connections.or(d.pool.max_connections),
            acquire_timeout: settings
                .db_acquire_timeout_ms
                .map_or(d.pool.acquire_timeout, |ms| {
                    Duration::from_millis(ms.max(1))
                }),
            startup_wait: STARTUP_DATABASE_WAIT,
        },
    }
}

/// The connection bounds the settings give, each unset one at its default.
pub fn connection_limits(settings: &Settings) -> ConnectionLimits {
    let d = ConnectionLimits::default();
    ConnectionLimits {
        max_connections: settings
            .max_connections
            .map_or(d.max_connections, |n| n.max(1)),
        header_read_timeout: secs(settings.header_read_timeout_secs, d.header_read_timeout),
        idle_timeout: secs(settings.idle_timeout_secs, d.idle_timeout),
        max_header_bytes: d.max_header_bytes,
    }
}

/// The use cases every surface calls: sessions, authentication and events.
#[derive(Clone)]
pub struct Core {
    pub sessions: Arc<SessionService>,
    pub auth: Arc<Authenticator>,
    pub events: Arc<EventLog>,
    /// Where browsers reach the service (the shipping selector's script and API calls).
    pub public_base_url: String,
    /// The merchant whose demo checkout page `/demo/checkout` shows, while the demo key is on.
    pub demo_merchant: Option<String>,
    /// What a request may carry and take at the edge.
    pub edge_limits: EdgeLimits,
    /// Serve `/metrics` (Prometheus text) from the process's recorder.
    pub metrics: bool,
    /// Where request and webhook spans go (the OTLP exporter, when configured).
    pub spans: Option<Arc<dyn SpanSink>>,
    /// Each merchant's delivery configuration; a replica reloads it with `ConfigService::watch`.
    pub config: Arc<ConfigService>,
    pool: store::PoolWatch,
    event_repo: Arc<dyn EventRepository>,
    catalog: Arc<Catalog>,
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
            self.catalog.clone(),
            max_attempts,
            self.clock.clone(),
        )
        .with_spans(self.spans.clone())
    }
}

/// Wraps the session store the services write through (tests use it to hold concurrent
/// requests at the same point).
pub type SessionStoreLayer =
    Box<dyn FnOnce(Arc<dyn SessionRepository>) -> Arc<dyn SessionRepository> + Send>;

/// Opens (and migrates) the store and builds the services over it.
pub async fn core(
    database_url: &str,
    schema: Option<&str>,
    config: Arc<ConfigFile>,
    clock: Clock,
    auth: AuthSettings,
) -> anyhow::Result<Core> {
    core_layered(
        database_url,
        schema,
        config,
        clock,
        auth,
        Bounds::default(),
        None,
    )
    .await
}

/// `core`, with the session service's store wrapped in `layer`.
pub async fn core_layered(
    database_url: &str,
    schema: Option<&str>,
    config: Arc<ConfigFile>,
    clock: Clock,
    auth: AuthSettings,
    bounds: Bounds,
    layer: Option<SessionStoreLayer>,
) -> anyhow::Result<Core> {
    let catalog = Arc::new(Catalog::build(&config).map_err(|problems| {
        anyhow::anyhow!(
            "invalid merchant configuration:\n  {}",
            problems.join("\n  ")
        )
    })?);
    let db = store::open(database_url, schema, bounds.pool)
        .await
        .with_context(|| format!("connecting to {}", redact(database_url)))?;
    store::migrate(&db.write)
        .await
        .context("applying migrations")?;
    let pool = store::PoolWatch::new(db.read.clone());
    let sessions_repo = Arc::new(SqlSessionRepository::new(db.clone()));
    let keys_repo = Arc::new(SqlKeyRepository::new(db.clone()));
    let config_repo = Arc::new(SqlConfigRepository::new(db.clone()));
    let audit_log = Arc::new(store::SqlAuditLog::new(db.clone()));
    let points_repo = Arc::new(store::SqlPickupPointRepository::new(db.clone()));
    let event_repo: Arc<dyn EventRepository> = Arc::new(SqlEventRepository::new(db));
    let factory = Arc::new(EventFactory::new(catalog.clone(), Arc::new(WireRenderer)));
    let demo_merchant = auth
        .demo_key_merchant
        .filter(|m| config.merchant(m).is_some());
    let authenticator = Authenticator::new(
        keys_repo,
        sessions_repo.clone(),
        demo_merchant.clone(),
        FailureLimiter::new(auth.failure_limit, Duration::from_secs(60)),
        clock.clone(),
    );
    let sessions = Arc::new(
        SessionService::new(
            match layer {
                Some(layer) => layer(sessions_repo),
                None => sessions_repo,
            },
            catalog.clone(),
            factory,
            clock.clone(),
        )
        .with_limits(bounds.session)
        .with_providers(Arc::new(HttpRateProvider::new())),
    );
    let config_service = Arc::new(
        ConfigService::new(
            config_repo,
            catalog.clone(),
            sessions.clone(),
            clock.clone(),
        )
        .with_audit(audit_log)
        .with_pickup_points(points_repo),
    );
    config_service
        .seed(&config)
        .await
        .map_err(|e| anyhow::anyhow!("storing the file's configuration: {e}"))?;
    Ok(Core {
        sessions,
        auth: Arc::new(authenticator),
        events: Arc::new(EventLog::new(event_repo.clone(), clock.clone())),
        public_base_url: DEFAULT_PUBLIC_BASE_URL.to_owned(),
        demo_merchant,
        edge_limits: bounds.edge,
        metrics: false,
        spans: None,
        config: config_service,
        pool,
        event_repo,
        catalog,
        clock,
    })
}

/// The headless surface: sessions, orders and events, and the merchants' configuration.
pub type HeadlessApis = (HeadlessApi, ConfigApi, ApiKeysApi, PickupPointsApi);

pub fn headless_api(core: &Core) -> HeadlessApis {
    (
        HeadlessApi::new(
            core.sessions.clone(),
            core.auth.clone(),
            core.events.clone(),
        ),
        ConfigApi::new(core.config.clone(), core.auth.clone()),
        ApiKeysApi::new(core.auth.clone()),
        PickupPointsApi::new(core.config.clone(), core.auth.clone()),
    )
}

/// Every route of the service, wrapped in tracing, the error envelope and custom-method routing.
pub fn routes(core: &Core) -> impl Endpoint<Output = Response> {
    let documents = spec_documents(core);
    let docs = swagger_ui_html(&documents);
    let mut allowed = AllowedMethods::default();
    for doc in &documents {
        allowed.add_spec(&doc.json);
        for ext in ["json", "yaml"] {
            allowed.add(&format!("/openapi/{}.{ext}", doc.name), ["GET".to_owned()]);
        }
    }
    for path in [
        "/",
        "/docs",
        "/healthz",
        "/readyz",
        "/v1/widget/selector.js",
        "/demo/checkout",
    ] {
        allowed.add(path, ["GET".to_owned()]);
    }
    allowed.add("/demo/checkout/cart", ["POST".to_owned()]);
    if core.metrics {
        allowed.add("/metrics", ["GET".to_owned()]);
    }
    let allowed = Arc::new(allowed);
    let backend = legacy_backend(core);
    // One service routes every surface; each surface's spec is rendered on its own above.
    let api = OpenApiService::new(
        (
            headless_api(core),
            CosApi::new(backend.clone()),
            SiwApi::new(backend.clone()),
            DeliveryCheckoutApi::new(backend),
        ),
        "",
        "",
    );
    let mut route = Route::new();
    if core.metrics {
        let handle = crate::metrics::recorder();
        let (pool, outbox, clock) = (
            core.pool.clone(),
            core.event_repo.clone(),
            core.clock.clone(),
        );
        route = route.at(
            "/metrics",
            get(poem::endpoint::make(move |_| {
                let (handle, pool, outbox, now) =
                    (handle.clone(), pool.clone(), outbox.clone(), clock());
                async move { crate::metrics::render(&handle, &pool, outbox.as_ref(), now).await }
            })),
        );
    }
    for doc in documents {
        let json = doc.json;
        let yaml = public_spec_yaml(&json);
        route = route
            .at(
                format!("/openapi/{}.json", doc.name),
                get(make_sync(move |_| {
                    Response::builder()
                        .content_type("application/json; charset=utf-8")
                        .body(json.clone())
                })),
            )
            .at(
                format!("/openapi/{}.yaml", doc.name),
                get(make_sync(move |_| {
                    Response::builder()
                        .content_type("application/yaml; charset=utf-8")
                        .body(yaml.clone())
                })),
            );
    }
    if let Some(merchant) = &core.demo_merchant {
        let shop = DemoShop {
            sessions: core.sessions.clone(),
            merchant: domain::Tenant::test(merchant).key().to_owned(),
            public_base_url: core.public_base_url.clone(),
        };
        route = route
            .at("/demo/checkout", get(demo::page).data(shop.clone()))
            .at("/demo/checkout/cart", post(demo::update_cart).data(shop));
    }
    let route = route
        .at("/v1/widget/selector.js", get(widget::selector))
        .at("/docs", get(make_sync(move |_| Html(docs.clone()))))
        .at("/healthz", get(healthz))
        .at("/readyz", get(readyz).data(core.sessions.clone()))
        .nest("/", api)
        .around(|next, req| async move {
            // A browser opening the service's address lands on the API documentation.
            if req.uri().path() == "/" && req.method() == poem::http::Method::GET {
                return Ok(Redirect::see_other("/docs").into_response());
            }
            next.call(req).await.map(IntoResponse::into_response)
        });
    let observe = core.metrics;
    let names = allowed.clone();
    let trace = RequestTrace::new(core.spans.clone())
        .with_routes(Arc::new(move |path| names.route(path).map(str::to_owned)));
    served(route, core.edge_limits, trace).around(move |next, req| {
        let allowed = allowed.clone();
        async move {
            let started = std::time::Instant::now();
            let (method, path) = (req.method().clone(), req.uri().path().to_owned());
            let mut resp = next.call(req).await?;
            allowed.set_allow(&mut resp, &path);
            if observe {
                let route = allowed.route(&path);
                crate::metrics::record(route, &method, resp.status(), started.elapsed());
            }
            Ok::<_, poem::Error>(resp)
        }
    })
}

/// What every request goes through around the routes: custom-method routing and the edge's
/// limits, the request deadline, framework errors in the error envelope, a panicking handler
/// answered with INTERNAL instead of a dropped connection, and the trace id with one log line
/// per request.
pub fn served(
    routes: impl Endpoint + 'static,
    limits: EdgeLimits,
    trace: RequestTrace,
) -> impl Endpoint<Output = Response> {
    let timeout = limits.request_timeout;
    routes
        .with(CustomMethods::new(limits))
        // Answers compressed for clients that accept it (browsers, the selector: a session read
        // is ~16 kB of JSON, about 2 kB compressed), in zstd, br or gzip, above a size
        // threshold. Encoded request bodies are read, and the body limit applies to what they
        // decode to.
        .with(api::common::compression::Compression)
        // Outside the body read, so a slow upload is bounded too.
        .around(move |next, req| within_deadline(next, req, timeout))
        .catch_all_error(envelope_framework_errors)
        // Inside the trace, so a panic's log line and envelope carry the request's trace id.
        .with(CatchPanic::new().with_handler(panic_response))
        // Outside the error envelope and the panic handler, so the selector can read every
        // error's status and body, and outside the custom-method rewrite, so it sees the path
        // as the browser sent it.
        .with(SelectorCors)
        .with(trace)
}

#[handler]
fn healthz() -> Response {
    Response::builder()
        .content_type("application/json")
        .body(r#"{"status":"ok"}"#)
}

/// How long readiness waits for the database: a probe must answer within a load balancer's
/// check timeout, and a database that takes longer is not one to send traffic to.
const READY_TIMEOUT: Duration = Duration::from_millis(800);

#[handler]
async fn readyz(service: poem::web::Data<&Arc<SessionService>>) -> Response {
    match tokio::time::timeout(READY_TIMEOUT, service.ready()).await {
        Ok(Ok(())) => Response::builder()
            .content_type("application/json")
            .body(r#"{"status":"ready"}"#),
        Ok(Err(e)) => ApiError::from(e).into_response(),
        Err(_) => ApiError::unavailable(
            "DATABASE_UNAVAILABLE",
            format!(
                "the database did not answer within {} ms",
                READY_TIMEOUT.as_millis()
            ),
        )
        .into_response(),
    }
}

/// Swagger UI with a picker over every surface's spec. poem-openapi renders the page for one
/// embedded spec only; its styles and script are kept and the body replaced by one that loads
/// the spec the picker names (`/docs?api=cos`), headless by default.
fn swagger_ui_html(documents: &[SpecDocument]) -> String {
    let page = OpenApiService::new((), "", "").swagger_ui_html();
    // The page's own body is its last `<body>`: the inlined Swagger script before it contains
    // the text too, and cutting there would truncate the script.
    let head = page
        .rfind("<body>")
        .map(|at| &page[..at])
        .unwrap_or(page.as_str())
        .replace(
            "<title>Swagger UI</title>",
            // No favicon to fetch: a missing one is an error in the browser's console.
            "<title>Checkout APIs</title><link rel=\"icon\" href=\"data:,\">",
        );
    let options: String = documents
        .iter()
        .map(|d| format!("<option value=\"{}\">{}</option>", d.name, d.title))
        .collect();
    format!(
        r##"{head}<body>
<div style="font-family:sans-serif;padding:8px 20px;border-bottom:1px solid #ddd">
<label>API: <select id="api">{options}</select></label>
<span style="margin-left:16px">spec: <a id="spec-json" href="">JSON</a> · <a id="spec-yaml" href="">YAML</a></span>
</div>
<div id="ui"></div>
<script>
  const picker = document.getElementById("api");
  const wanted = new URLSearchParams(window.location.search).get("api");
  if (wanted && [...picker.options].some(o => o.value === wanted)) picker.value = wanted;
  const show = () => {{
    const name = picker.value;
    document.getElementById("spec-json").href = "/openapi/" + name + ".json";
    document.getElementById("spec-yaml").href = "/openapi/" + name + ".yaml";
    SwaggerUIBundle({{ dom_id: "#ui", url: "/openapi/" + name + ".json", filter: false,
                       persistAuthorization: true }});
  }};
  picker.addEventListener("change", () => {{
    history.replaceState(null, "", "?api=" + picker.value);
    show();
  }});
  show();
</script>
</body>
</html>
"##
    )
}

/// A bound, ready-to-run server.
pub struct Application {
    listener: tokio::net::TcpListener,
    addr: SocketAddr,
    core: Core,
    connections: ConnectionLimits,
    webhook_max_attempts: i32,
    config_reload: Duration,
    exporter: Option<Arc<OtlpSpans>>,
}

impl Application {
    pub async fn build(settings: &Settings, config: ConfigFile) -> anyhow::Result<Self> {
        let mut core = core_layered(
            &settings.database_url,
            None,
            Arc::new(config),
            system_clock(),
            settings.auth(),
            bounds(settings),
            None,
        )
        .await?;
        let listener = tokio::net::TcpListener::bind(settings.listen)
            .await
            .with_context(|| format!("binding {}", settings.listen))?;
        let addr = listener
            .local_addr()
            .context("the listener has no socket address")?;
        core.public_base_url = public_base_url(settings.public_base_url.as_deref(), addr)?;
        core.metrics = settings.metrics;
        let exporter = if settings.traces_exported() {
            // The SDK resolves the endpoint from the standard variables (appending
            // `/v1/traces` to OTEL_EXPORTER_OTLP_ENDPOINT, as the specification says).
            let exporter =
                OtlpSpans::new(None).map_err(|e| anyhow::anyhow!("the OTLP span exporter: {e}"))?;
            tracing::info!("exporting spans over OTLP");
            Some(Arc::new(exporter))
        } else {
            None
        };
        core.spans = exporter.clone().map(|e| e as Arc<dyn SpanSink>);
        Ok(Self {
            listener,
            addr,
            core,
            connections: connection_limits(settings),
            webhook_max_attempts: settings.webhook_max_attempts,
            config_reload: Duration::from_millis(settings.config_reload_ms.max(10)),
            exporter,
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
        // Configuration stored by another replica is served here within one interval.
        let reloading = tokio::spawn(self.core.config.clone().watch(self.config_reload));
        let served = crate::serve::serve(
            self.listener,
            routes.boxed(),
            self.connections,
            shutdown,
            DRAIN_TIMEOUT,
        )
        .await;
        let _ = stop.send(true);
        let _ = dispatching.await;
        reloading.abort();
        if let Some(exporter) = self.exporter {
            // The spans of the last requests, flushed before the process ends.
            let _ = tokio::task::spawn_blocking(move || exporter.shutdown(Duration::from_secs(5)))
                .await;
        }
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

/// Renders every surface's spec from the same constructors the server uses, over a throw-away
/// in-memory store (the specs depend on types only, but the API values need their services).
pub async fn render_spec_documents() -> anyhow::Result<Vec<SpecDocument>> {
    let config = Arc::new(config_file::demo());
    let core = core(
        "sqlite::memory:",
        None,
        config,
        system_clock(),
        AuthSettings::demo(),
    )
    .await?;
    let mut documents = spec_documents(&core);
    // Not a surface of this server (providers serve it), but published beside them.
    documents.push(SpecDocument {
        name: "provider",
        title: "Rate provider contract",
        json: crate::reference_provider::spec_json(),
    });
    Ok(documents)
}
