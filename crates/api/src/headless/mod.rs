//! The Headless Checkout API: sessions as AIP resources under `/v1/sessions`, and each
//! merchant's delivery configuration under `/v1/merchants/{merchant}/deliveryConfig`.
//!
//! Operation naming rule: `operation_id` is the AIP method name in lowerCamelCase
//! (`createSession`, `chooseDeliveryOptions`), so generated clients read like the API guide.
//! Handlers only translate: parse and validate the wire input, call the service, map the result.

pub mod config;
pub mod keys;
pub mod mapping;
pub mod model;
pub mod pickup_points;
pub mod spec;
pub mod types;
pub mod update_mask;

use std::sync::Arc;

use poem::web::RemoteAddr;
use poem_openapi::auth::Bearer;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi, SecurityScheme, Tags};

use domain::{EventId, SessionId, TransportOrderId};
use service::events::EventLog;
use service::{
    parse_event_filter, parse_filter, parse_order_filter, Access, Authenticator, Caller, Complete,
    Condition, CreateFromOrder, CreateSession, NewSession, OrderCursor, RequestKey, ServiceError,
    SessionChange, SessionService, UpdateSession, DEFAULT_PAGE_SIZE,
};

use super::common::{none_match_hits, page_token, peer_ip, trace, ApiError, JsonBody, WireJson};
use model as wire;
use types::Inline;

#[derive(Tags)]
enum ApiTags {
    /// Checkout sessions: create, read, update, choose, refresh and complete.
    Sessions,
    /// Transport orders: what completed sessions ordered, and re-opening them.
    TransportOrders,
    /// Events sent to the merchant's webhooks, with their delivery state.
    Events,
}

/// A merchant API key (`hck_...` for live data, `hck_test_...` for test data), or a session
/// token (`hcs_...`) for the widget's calls on its own session: reading it, choosing options
/// and setting the search address.
///
/// Trying the API out: the demo merchant's test key is
/// `hck_test_demo_Jm9yLWRlbW9zLW9ubHktbmV2ZXItaW4tcHJvZHVjdGlvbg` while the server runs with
/// the demo key enabled (the default; `DEMO_KEY_ENABLED=false` turns it off).
#[derive(SecurityScheme)]
#[oai(ty = "bearer", bearer_format = "API key or session token")]
pub struct BearerAuth(Bearer);

pub struct HeadlessApi {
    service: Arc<SessionService>,
    auth: Arc<Authenticator>,
    events: Arc<EventLog>,
}

impl HeadlessApi {
    pub fn new(
        service: Arc<SessionService>,
        auth: Arc<Authenticator>,
        events: Arc<EventLog>,
    ) -> Self {
        Self {
            service,
            auth,
            events,
        }
    }

    /// Who calls, known before anything of the request is read.
    async fn caller(&self, auth: &BearerAuth, remote: &RemoteAddr) -> Result<Caller, ApiError> {
        let caller = self
            .auth
            .authenticate(Some(&auth.0.token), Some(peer_ip(remote)))
            .await?;
        trace::note_merchant(caller.tenant());
        Ok(caller)
    }

    /// A caller that may do what needs `access` on the collection (merchant keys only).
    async fn merchant(&self, auth: &BearerAuth, remote: &RemoteAddr) -> Result<Caller, ApiError> {
        let caller = self.caller(auth, remote).await?;
        caller.authorize(None, Access::Merchant)?;
        Ok(caller)
    }

    /// The caller and the session in the path, once the caller may do `access` on it.
    async fn on_session(
        &self,
        auth: &BearerAuth,
        remote: &RemoteAddr,
        session: &str,
        access: Access,
    ) -> Result<(Caller, SessionId), ApiError> {
        let caller = self.caller(auth, remote).await?;
        let id = session_id(session)?;
        trace::note_session(id);
        caller.authorize(Some(id), access)?;
        Ok((caller, id))
    }
}

/// A session with its etag in the `ETag` header.
#[derive(ApiResponse)]
pub enum SessionResponse {
    /// The session.
    #[oai(status = 200)]
    Ok(
        WireJson<wire::Session>,
        /// The session's etag, quoted as HTTP requires.
        #[oai(header = "ETag")]
        String,
    ),
}

#[derive(ApiResponse)]
pub enum GetTransportOrderResponse {
    /// The transport order.
    #[oai(status = 200)]
    Ok(
        WireJson<Box<wire::TransportOrder>>,
        #[oai(header = "ETag")] String,
    ),
    /// The order still has the etag given in `If-None-Match`.
    #[oai(status = 304)]
    NotModified(#[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum GetSessionResponse {
    /// The session.
    #[oai(status = 200)]
    Ok(WireJson<Box<wire::Session>>, #[oai(header = "ETag")] String),
    /// The session still has the etag given in `If-None-Match`.
    #[oai(status = 304)]
    NotModified(#[oai(header = "ETag")] String),
}

fn respond(session: &domain::Session) -> SessionResponse {
    trace::note_session(session.id);
    SessionResponse::Ok(
        WireJson(mapping::session_to_wire(session)),
        quoted(&session.etag()),
    )
}

/// The `etag` an update body carries, if any (updates read their body as JSON first, to resolve
/// the mask against what is present).
fn body_etag(raw: &serde_json::Value) -> Result<Option<String>, ApiError> {
    match raw.get("etag") {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(e)) => Ok(Some(e.clone())),
        Some(_) => Err(ServiceError::invalid("etag", "must be a string").into()),
    }
}

fn quoted(etag: &str) -> String {
    format!("\"{etag}\"")
}

/// Whether a list was asked for every field (`view=FULL`); `BASIC` is the default (AIP-157).
fn full(view: Option<wire::View>) -> bool {
    view == Some(wire::View::Full)
}

/// AIP-158 page size: 0 or absent is the default, negative is refused, larger is lowered later.
fn page_size(requested: Option<i32>) -> Result<u64, ApiError> {
    match requested {
        None | Some(0) => Ok(DEFAULT_PAGE_SIZE),
        Some(n) if n < 0 => Err(ServiceError::invalid("page_size", "must not be negative").into()),
        Some(n) => Ok(n as u64),
    }
}

/// The tos_id in `transportOrders/{tos_id}` or a bare tos_id.
fn order_id(text: &str, field: &str) -> Result<TransportOrderId, ApiError> {
    TransportOrderId::parse(text).map_err(|_| {
        ServiceError::invalid(field, format!("`{text}` is not a transport order name")).into()
    })
}

/// The id in `events/{id}` or a bare id.
fn event_id(text: &str) -> Result<EventId, ApiError> {
    EventId::parse(text).map_err(|e| ServiceError::invalid("event", e).into())
}

fn session_id(text: &str) -> Result<SessionId, ApiError> {
    SessionId::parse(text).map_err(|e| ServiceError::invalid("session", e).into())
}

#[OpenApi]
impl HeadlessApi {
    /// Create a session
    ///
    /// Creates a checkout session from a purchase and its deliveries and returns it with the
    /// categories, options and addons the merchant's rules offer for each delivery. Give a
    /// `request_id` to make retries safe: a repeat returns the first result.
    #[oai(
        path = "/v1/sessions",
        method = "post",
        operation_id = "createSession",
        tag = "ApiTags::Sessions"
    )]
    async fn create_session(
        &self,
        auth: BearerAuth,
        remote: &RemoteAddr,
        body: JsonBody<wire::Session>,
        /// Optional id (a UUID) for the new session; a random UUIDv4 when absent.
        session_id: Query<Option<String>>,
        /// Idempotency key: a retry with the same id and body returns the first result.
        request_id: Query<Option<String>>,
    ) -> Result<SessionResponse, ApiError> {
        let caller = self.merchant(&auth, remote).await?;
        let id = session_id
            .0
            .as_deref()
            .map(|t| SessionId::parse(t).map_err(|e| ServiceError::invalid("session_id", e)))
            .transpose()?;
        let draft = mapping::draft_from_wire(body.value()?).map_err(ServiceError::invalid_all)?;
        let request = request_id
            .0
            .as_deref()
            .map(|rid| RequestKey::new(rid, &(&draft, id.map(|i| i.to_string()))))
            .transpose()?;
        let session = self
            .service
            .create(
                caller.tenant_key(),
                CreateSession {
                    id,
                    content: NewSession::Draft(draft),
                    request,
                },
            )
            .await?;
        Ok(respond(&session))
    }

    /// Get a session
    ///
    /// Returns the session as last computed; reading never recomputes or changes it. With
    /// `If-None-Match` carrying the current etag the answer is 304 without a body.
    #[oai(
        path = "/v1/sessions/:session",
        method = "get",
        operation_id = "getSession",
        tag = "ApiTags::Sessions"
    )]
    async fn get_session(
        &self,
        auth: BearerAuth,
        remote: &RemoteAddr,
        /// The session id (a UUID), as in `sessions/{session}`.
        session: Path<String>,
        #[oai(name = "If-None-Match")] if_none_match: Header<Option<String>>,
    ) -> Result<GetSessionResponse, ApiError> {
        let (caller, id) = self
            .on_session(&auth, remote, &session.0, Access::Read)
            .await?;
        if let Some(header) = &if_none_match.0 {
            // Answered from the revision alone: a client polling an unchanged session never
            // makes the service read or decode its document.
            let etag = self.service.etag(caller.tenant_key(), id).await?;
            if none_match_hits(header, &etag) {
                return Ok(GetSessionResponse::NotModified(quoted(&etag)));
            }
        }
        let s = self.service.get(caller.tenant_key(), id).await?;
        let etag = s.etag();
        Ok(GetSessionResponse::Ok(
            WireJson(Box::new(mapping::session_to_wire(&s))),
            quoted(&etag),
        ))
    }

    /// List sessions
    ///
    /// Lists the merchant's sessions, newest first, a page at a time. `filter` takes terms
    /// joined by `AND`: `state = ACTIVE`, `state != COMPLETED`,
    /// `create_time >= "2026-11-01T00:00:00Z"` (also `>`, `<`, `<=`), `external_id = "..."`.
    #[oai(
        path = "/v1/sessions",
        method = "get",
        operation_id = "listSessions",
        tag = "ApiTags::Sessions"
    )]
    async fn list_sessions(
        &self,
        auth: BearerAuth,
        remote: &RemoteAddr,
        /// At most this many sessions (default 50, at most 1000; larger values are lowered).
        page_size: Query<Option<i32>>,
        /// `next_page_token` of the previous page, with the same filter.
        page_token: Query<Option<String>>,
        filter: Query<Option<String>>,
        /// `BASIC` (the default): each delivery's chosen category and option only; `FULL`: all.
        view: Query<Option<wire::View>>,
    ) -> Result<WireJson<wire::ListSessionsResponse>, ApiError> {
        let caller = self.merchant(&auth, remote).await?;
        let size = self::page_size(page_size.0)?;
        let filter_text = filter.0.unwrap_or_default();
        let parsed = parse_filter(&filter_text)?;
        let after = page_token
            .0
            .filter(|t| !t.is_empty())
            .map(|t| page_token::decode(&t, &filter_text))
            .transpose()?;
        let page = self
            .service
            .list(caller.tenant_key(), &parsed, after, size)
            .await?;
        Ok(WireJson(wire::ListSessionsResponse {
            sessions: if full(view.0) {
                page.sessions.iter().map(mapping::session_to_wire).collect()
            } else {
                page.sessions
                    .iter()
                    .map(mapping::session_to_basic_wire)
                    .collect()
            },
            next_page_token: page
                .next
                .map(|c| page_token::encode(c, &filter_text))
                .unwrap_or_default(),
        }))
    }

    /// Update a session
    ///
    /// Changes the purchase, deliveries, search address or external id and recomputes the offer;
    /// choices whose option is still offered are kept. `update_mask` lists the fields to write
    /// (`purchase.vouchers,search_address`, or `*` for all); without it, the fields present in
    /// the body are written. Output-only fields are ignored. Include `etag` in the body to make
    /// the update conditional.
    #[oai(
        path = "/v1/sessions/:session",
        method = "patch",
        operation_id = "updateSession",
        tag = "ApiTags::Sessions"
    )]
    async fn update_session(
        &self,
        auth: BearerAuth,
        remote: &RemoteAddr,
        session: Path<String>,
        body: JsonBody<serde_json::Value, wire::SessionUpdate>,
        /// Comma-separated field paths relative to the session.
        update_mask: Query<Option<String>>,
    ) -> Result<SessionResponse, ApiError> {
        let caller = self.caller(&auth, remote).await?;
        let id = session_id(&session.0)?;
        trace::note_session(id);
        let raw = body.raw()?;
        JsonBody::<wire::SessionUpdate>::typed(&raw)?;
        let paths = update_mask::resolve(update_mask.0.as_deref(), &raw)
            .map_err(|v| ServiceError::invalid_all(vec![v]))?;
        update_mask::check_unmasked(&raw, &paths).map_err(ServiceError::invalid_all)?;
        let patch = update_mask::patch(&raw, &paths).map_err(ServiceError::invalid_all)?;
        caller.authorize(Some(id), Access::to_update(&patch))?;
        let etag = body_etag(&raw)?;
        let updated = self
            .service
            .update(
                caller.tenant_key(),
                id,
                Condition::etag_or_latest(etag.as_deref()),
                UpdateSession {
                    change: SessionChange::Patch(patch),
                    picks: Vec::new(),
                },
            )
            .await?;
        Ok(respond(&updated))
    }

    /// Choose delivery options
    ///
    /// Records the customer's choice of option and addons for one or more deliveries and marks
    /// them `chosen`. The choice is kept across later updates while the option is still offered.
    #[oai(
        path = "/v1/sessions/:session/~chooseDeliveryOptions",
        method = "post",
        operation_id = "chooseDeliveryOptions",
        tag = "ApiTags::Sessions"
    )]
    async fn choose_delivery_options(
        &self,
        auth: BearerAuth,
        remote: &RemoteAddr,
        session: Path<String>,
        body: JsonBody<
            wire::ChooseDeliveryOptionsRequest,
            Inline<wire::ChooseDeliveryOptionsRequest>,
        >,
    ) -> Result<SessionResponse, ApiError> {
        let (caller, id) = self
            .on_session(&auth, remote, &session.0, Access::Widget)
            .await?;
        let request = body.value()?;
        if request.delivery_choices.is_empty() {
            return Err(ServiceError::invalid(
                "delivery_choices",
                "at least one choice is required",
            )
            .into());
        }
        let picks = mapping::choices_from_wire(request.delivery_choices);
        let s = self
            .service
            .choose(
                caller.tenant_key(),
                id,
                Condition::etag_or_latest(request.etag.as_deref()),
                &picks,
            )
            .await?;
        Ok(respond(&s))
    }

    /// Refresh a session
    ///
    /// Recomputes every delivery's offer with the current configuration and time, for example
    /// after `expire_time` has passed. Valid choices are kept.
    #[oai(
        path = "/v1/sessions/:session/~refresh",
        method = "post",
        operation_id = "refreshSession",
        tag = "ApiTags::Sessions"
    )]
    async fn refresh_session(
        &self,
        auth: BearerAuth,
        remote: &RemoteAddr,
        session: Path<String>,
        body: JsonBody<wire::RefreshSessionRequest, Inline<wire::RefreshSessionRequest>>,
    ) -> Result<SessionResponse, ApiError> {
        let (caller, id) = self
            .on_session(&auth, remote, &session.0, Access::Merchant)
            .await?;
        let request = body.value()?;
        let s = self
            .service
            .refresh(
                caller.tenant_key(),
                id,
                Condition::etag_or_latest(request.etag.as_deref()),
            )
            .await?;
        Ok(respond(&s))
    }

    /// Complete a session
    ///
    /// Applies any choices in the request, completes every delivery with its chosen option (or
    /// the preselected one), gives each delivery a `tos_id` and freezes the session. Give a
    /// `request_id` to make retries safe.
    #[oai(
        path = "/v1/sessions/:session/~complete",
        method = "post",
        operation_id = "completeSession",
        tag = "ApiTags::Sessions"
    )]
    async fn complete_session(
        &self,
        auth: BearerAuth,
        remote: &RemoteAddr,
        session: Path<String>,
        body: JsonBody<wire::CompleteSessionRequest, Inline<wire::CompleteSessionRequest>>,
    ) -> Result<SessionResponse, ApiError> {
        let (caller, id) = self
            .on_session(&auth, remote, &session.0, Access::Merchant)
            .await?;
        let request = body.value()?;
        let key = request
            .request_id
            .as_deref()
            .map(|rid| RequestKey::new(rid, &request))
            .transpose()?;
        let condition = Condition::etag_or_latest(request.etag.as_deref());
        let complete = Complete {
            picks: mapping::choices_from_wire(request.delivery_choices),
            request: key,
            ..Complete::default()
        };
        let s = self
            .service
            .complete(caller.tenant_key(), id, condition, complete)
            .await?;
        Ok(respond(&s))
    }

    /// Re-open a transport order
    ///
    /// Starts a new session from a transport order to change what was ordered: the same
    /// purchase, goods and recipient, with the order's option and addons chosen while they are
    /// still offered. Completing that session amends the same order (its `version` goes up and
    /// the earlier version is kept in `history`) instead of creating a new one.
    #[oai(
        path = "/v1/sessions/~createFromTransportOrder",
        method = "post",
        operation_id = "createSessionFromTransportOrder",
        tag = "ApiTags::Sessions"
    )]
    async fn create_session_from_transport_order(
        &self,
        auth: BearerAuth,
        remote: &RemoteAddr,
        body: JsonBody<
            wire::CreateSessionFromTransportOrderRequest,
            Inline<wire::CreateSessionFromTransportOrderRequest>,
        >,
    ) -> Result<SessionResponse, ApiError> {
        let caller = self.merchant(&auth, remote).await?;
        let request = body.value()?;
        let order = order_id(&request.transport_order, "transport_order")?;
        let key = request
            .request_id
            .as_deref()
            .map(|rid| RequestKey::new(rid, &request))
            .transpose()?;
        let s = self
            .service
            .create_from_order(
                caller.tenant_key(),
                CreateFromOrder {
                    order,
                    locales: None,
                    external_id: None,
                    request: key,
                },
            )
            .await?;
        Ok(respond(&s))
    }

    /// Get a transport order
    ///
    /// Returns the order a completed delivery created, with its price breakdown, promises and
    /// the history of its earlier versions. `If-None-Match` with the current etag answers 304.
    #[oai(
        path = "/v1/transportOrders/:transport_order",
        method = "get",
        operation_id = "getTransportOrder",
        tag = "ApiTags::TransportOrders"
    )]
    async fn get_transport_order(
        &self,
        auth: BearerAuth,
        remote: &RemoteAddr,
        /// The tos_id, as in `transportOrders/{transport_order}`.
        transport_order: Path<String>,
        #[oai(name = "If-None-Match")] if_none_match: Header<Option<String>>,
    ) -> Result<GetTransportOrderResponse, ApiError> {
        let caller = self.merchant(&auth, remote).await?;
        let id = order_id(&transport_order.0, "transport_order")?;
        let order = self.service.order(caller.tenant_key(), &id).await?;
        let etag = order.etag();
        if matches!(&if_none_match.0, Some(h) if none_match_hits(h, &etag)) {
            return Ok(GetTransportOrderResponse::NotModified(quoted(&etag)));
        }
        Ok(GetTransportOrderResponse::Ok(
            WireJson(Box::new(mapping::order_to_wire(&order))),
            quoted(&etag),
        ))
    }

    /// List transport orders
    ///
    /// Lists the merchant's transport orders, newest first, a page at a time. `filter` takes
    /// terms joined by `AND`: `session = "sessions/{id}"`, `external_id = "..."`,
    /// `create_time >= "2026-11-01T00:00:00Z"` (also `>`, `<`, `<=`).
    #[oai(
        path = "/v1/transportOrders",
        method = "get",
        operation_id = "listTransportOrders",
        tag = "ApiTags::TransportOrders"
    )]
    async fn list_transport_orders(
        &self,
        auth: BearerAuth,
        remote: &RemoteAddr,
        /// At most this many orders (default 50, at most 1000; larger values are lowered).
        page_size: Query<Option<i32>>,
        /// `next_page_token` of the previous page, with the same filter.
        page_token: Query<Option<String>>,
        filter: Query<Option<String>>,
        /// `BASIC` (the default): without `history`; `FULL`: as `getTransportOrder` returns it.
        view: Query<Option<wire::View>>,
    ) -> Result<WireJson<wire::ListTransportOrdersResponse>, ApiError> {
        let caller = self.merchant(&auth, remote).await?;
        let size = self::page_size(page_size.0)?;
        let filter_text = filter.0.unwrap_or_default();
        let parsed = parse_order_filter(&filter_text)?;
        let after = page_token
            .0
            .filter(|t| !t.is_empty())
            .map(|t| page_token::decode_position(&t, &filter_text))
            .transpose()?
            .map(|(create_time, id)| {
                TransportOrderId::parse(&id)
                    .map(|id| OrderCursor { create_time, id })
                    .map_err(|e| ApiError::from(ServiceError::invalid("page_token", e)))
            })
            .transpose()?;
        let (orders, next) = self
            .service
            .list_orders(caller.tenant_key(), &parsed, after, size)
            .await?;
        Ok(WireJson(wire::ListTransportOrdersResponse {
            transport_orders: orders
                .iter()
                .map(|o| {
                    let mut wired = mapping::order_to_wire(o);
                    if !full(view.0) {
                        wired.history = None;
                    }
                    wired
                })
                .collect(),
            next_page_token: next
                .map(|c| page_token::encode_position(c.create_time, c.id.as_str(), &filter_text))
                .unwrap_or_default(),
        }))
    }

    /// List events
    ///
    /// Lists the merchant's events, newest first, with the state of each webhook delivery, so an
    /// integrator can see what was sent, what failed and why. `filter` takes terms joined by
    /// `AND`: `type = "session.completed"`, `session = "sessions/{id}"`, `create_time` bounds.
    #[oai(
        path = "/v1/events",
        method = "get",
        operation_id = "listEvents",
        tag = "ApiTags::Events"
    )]
    async fn list_events(
        &self,
        auth: BearerAuth,
        remote: &RemoteAddr,
        /// At most this many events (default 50, at most 1000; larger values are lowered).
        page_size: Query<Option<i32>>,
        /// `next_page_token` of the previous page, with the same filter.
        page_token: Query<Option<String>>,
        filter: Query<Option<String>>,
        /// `BASIC` (the default): without `payload`; `FULL`: as `getEvent` returns it.
        view: Query<Option<wire::View>>,
    ) -> Result<Json<wire::ListEventsResponse>, ApiError> {
        let caller = self.merchant(&auth, remote).await?;
        let size = self::page_size(page_size.0)?;
        let filter_text = filter.0.unwrap_or_default();
        let parsed = parse_event_filter(&filter_text)?;
        let after = page_token
            .0
            .filter(|t| !t.is_empty())
            .map(|t| page_token::decode_position(&t, &filter_text))
            .transpose()?
            .map(|(create_time, id)| {
                EventId::parse(&id)
                    .map(|id| (create_time, id))
                    .map_err(|e| ApiError::from(ServiceError::invalid("page_token", e)))
            })
            .transpose()?;
        let (events, next) = self
            .events
            .list(caller.tenant_key(), &parsed, after, size)
            .await?;
        Ok(Json(wire::ListEventsResponse {
            events: events
                .iter()
                .map(|e| {
                    let mut wired = mapping::event_to_wire(e);
                    if !full(view.0) {
                        wired.payload = None;
                    }
                    wired
                })
                .collect(),
            next_page_token: next
                .map(|(t, id)| page_token::encode_position(t, id.as_str(), &filter_text))
                .unwrap_or_default(),
        }))
    }

    /// Get an event
    ///
    /// Returns one event with its payload and the state of each webhook delivery.
    #[oai(
        path = "/v1/events/:event",
        method = "get",
        operation_id = "getEvent",
        tag = "ApiTags::Events"
    )]
    async fn get_event(
        &self,
        auth: BearerAuth,
        remote: &RemoteAddr,
        /// The event id, as in `events/{event}`.
        event: Path<String>,
    ) -> Result<Json<wire::Event>, ApiError> {
        let caller = self.merchant(&auth, remote).await?;
        let id = event_id(&event.0)?;
        let e = self.events.get(caller.tenant_key(), &id).await?;
        Ok(Json(mapping::event_to_wire(&e)))
    }

    /// Redeliver an event
    ///
    /// Queues every delivery of the event again, due now, with a fresh attempt count; for
    /// replaying an event a receiver missed or failed.
    #[oai(
        path = "/v1/events/:event/~redeliver",
        method = "post",
        operation_id = "redeliverEvent",
        tag = "ApiTags::Events"
    )]
    async fn redeliver_event(
        &self,
        auth: BearerAuth,
        remote: &RemoteAddr,
        event: Path<String>,
    ) -> Result<Json<wire::Event>, ApiError> {
        let caller = self.merchant(&auth, remote).await?;
        let id = event_id(&event.0)?;
        let e = self.events.redeliver(caller.tenant_key(), &id).await?;
        Ok(Json(mapping::event_to_wire(&e)))
    }
}
