//! The COS API (`/v1/cos/`): sessions with choices, shipping categories and options, the result
//! of the selection, pickup-location search and transport-order re-opening.
//!
//! Operation naming rule: `operation_id` is `cos` followed by the reference's method in
//! lowerCamelCase (`cosCreateSession`, `cosCompleteSessionAndPromote`). Writes apply to the
//! version the handler read, so a concurrent change answers 409 (see `shared::Backend::current`).

pub mod mapping;
pub mod model;

use poem::web::RemoteAddr;
use poem_openapi::param::Query;
use poem_openapi::payload::Json;
use poem_openapi::{OpenApi, Tags};

use super::shared::mapping::{self as shared_mapping, required_customer, set_customer, CartUpdate};
use super::shared::{error, session_id, Backend, LegacyAuth};
use crate::common::{ApiError, JsonBody};
use domain::LocationQuery;
use domain::{FieldViolation, Session, SessionId, Violations, WAREHOUSE_ATTRIBUTE_PREFIX};
use model as wire;
use service::{Access, Caller, ServiceError};

#[derive(Tags)]
enum CosTags {
    /// COS sessions: create, update, read, complete, re-open from a transport order.
    #[oai(rename = "COS sessions")]
    Sessions,
    /// Pickup locations a customer can search for and add to a session.
    #[oai(rename = "COS locations")]
    Locations,
}

pub struct CosApi {
    backend: Backend,
}

impl CosApi {
    pub fn new(backend: Backend) -> Self {
        Self { backend }
    }

    async fn merchant_caller(
        &self,
        auth: &LegacyAuth,
        remote: &RemoteAddr,
        id: Option<SessionId>,
    ) -> Result<Caller, ApiError> {
        self.backend
            .caller(auth, remote, id, Access::Merchant)
            .await
    }

    /// Completes the session as read, with the customer, the merchant's reference and an
    /// optional warehouse to ship from.
    async fn complete(
        &self,
        caller: &Caller,
        current: &Session,
        customer: domain::Customer,
        external_id: Option<String>,
        warehouse_id: Option<String>,
    ) -> Result<Session, ApiError> {
        self.backend
            .service
            .complete_with(
                caller.merchant_id(),
                current.id,
                Some(&current.etag()),
                None,
                |s| {
                    if let Some(e) = &external_id {
                        s.external_id = Some(e.clone());
                    }
                    let mut recompute = set_customer(s, customer.clone());
                    if let Some(w) = &warehouse_id {
                        let attribute = format!("{WAREHOUSE_ATTRIBUTE_PREFIX}{w}");
                        for d in &mut s.deliveries {
                            d.attributes
                                .retain(|a| !a.starts_with(WAREHOUSE_ATTRIBUTE_PREFIX));
                            d.attributes.push(attribute.clone());
                        }
                        recompute = true;
                    }
                    Ok(recompute)
                },
            )
            .await
            .map_err(error)
    }
}

fn session(s: &Session) -> wire::Session {
    mapping::session_to_wire(s)
}

fn invalid(violations: Vec<FieldViolation>) -> ApiError {
    ServiceError::invalid_all(violations).into()
}

/// The customer of a completion request, required with an address, and its merchant
/// reference.
fn completion(
    customer: Option<super::shared::model::Customer>,
    customer_info: Option<super::shared::model::Customer>,
    warehouse_id: Option<&str>,
    external_id: Option<&str>,
) -> Result<(domain::Customer, Option<String>), ApiError> {
    let mut v = Violations::new();
    if matches!(warehouse_id, Some(w) if w.trim().is_empty()) {
        v.push("warehouse_id", "must not be empty when given");
    }
    let external_id =
        external_id.and_then(|e| shared_mapping::external_id(e, "external_id", &mut v));
    let customer = required_customer(customer, customer_info, &mut v);
    match customer {
        Some(c) if v.is_empty() => Ok((c, external_id)),
        _ => Err(invalid(v.into_vec())),
    }
}

#[OpenApi]
impl CosApi {
    /// Create a session
    ///
    /// Creates a session from the purchase country, currency, locales and cart. Without a
    /// search address the choices come from the merchant's shipping categories and there are no
    /// shipping options yet; with a postal code the options are real, and with a street or
    /// coordinates each pickup location also has its walking and driving distance.
    #[oai(
        path = "/v1/cos/session.create",
        method = "post",
        operation_id = "cosCreateSession",
        tag = "CosTags::Sessions"
    )]
    async fn create_session(
        &self,
        auth: LegacyAuth,
        remote: &RemoteAddr,
        body: JsonBody<wire::CreateSessionRequest>,
    ) -> Result<Json<wire::CreateSessionResponse>, ApiError> {
        let caller = self.merchant_caller(&auth, remote, None).await?;
        let draft = mapping::create_draft(body.value).map_err(invalid)?;
        let s = self
            .backend
            .service
            .create(caller.merchant_id(), draft, None, None)
            .await
            .map_err(error)?;
        Ok(Json(wire::CreateSessionResponse {
            session: session(&s),
        }))
    }

    /// Update a session
    ///
    /// Changes the cart, the search address, the customer, the courier notes or the external
    /// id; fields left out keep their values. The options are computed again, and a
    /// `user_choice` must then be one of the session's `choices`, or the request is refused and
    /// nothing changes.
    #[oai(
        path = "/v1/cos/session.update",
        method = "post",
        operation_id = "cosUpdateSession",
        tag = "CosTags::Sessions"
    )]
    async fn update_session(
        &self,
        auth: LegacyAuth,
        remote: &RemoteAddr,
        body: JsonBody<wire::UpdateSessionRequest>,
    ) -> Result<Json<wire::UpdateSessionResponse>, ApiError> {
        let id = session_id(&body.value.id, "id")?;
        let caller = self.merchant_caller(&auth, remote, Some(id)).await?;
        let current = self.backend.current(&caller, id).await?;
        let changes = mapping::changes(body.value, current.purchase.currency_code.as_str())
            .map_err(invalid)?;
        let s = self
            .backend
            .service
            .revise(
                caller.merchant_id(),
                id,
                Some(&current.etag()),
                |s| Ok(changes.draft(s)),
                |s| {
                    changes
                        .choices(s)
                        .map_err(|v| ServiceError::invalid_all(vec![v]))
                },
            )
            .await
            .map_err(error)?;
        Ok(Json(wire::UpdateSessionResponse {
            session: session(&s),
        }))
    }

    /// Get a session
    ///
    /// Returns the session's current state, for example after the checkout page reloads. When
    /// some of its options have expired (a warehouse cutoff passed) or the rules changed, the
    /// options and choices are computed again before answering.
    #[oai(
        path = "/v1/cos/session.get",
        method = "get",
        operation_id = "cosGetSession",
        tag = "CosTags::Sessions"
    )]
    async fn get_session(
        &self,
        auth: LegacyAuth,
        remote: &RemoteAddr,
        /// The session id (a UUID).
        id: Query<Option<String>>,
    ) -> Result<Json<wire::GetSessionResponse>, ApiError> {
        let id = session_id(id.0.as_deref().unwrap_or_default(), "id")?;
        let caller = self
            .backend
            .caller(&auth, remote, Some(id), Access::Read)
            .await?;
        let s = self
            .backend
            .service
            .get_fresh(caller.merchant_id(), id)
            .await
            .map_err(error)?;
        Ok(Json(wire::GetSessionResponse {
            session: session(&s),
        }))
    }

    /// Complete a session
    ///
    /// Completes the session with the customer (required, with an address): the customer's
    /// choice, else the preselected option, becomes a transport order whose id is the
    /// session's `tos_id`. The session's status becomes `COMPLETE` and it cannot change again.
    #[oai(
        path = "/v1/cos/session.complete",
        method = "post",
        operation_id = "cosCompleteSession",
        tag = "CosTags::Sessions"
    )]
    async fn complete_session(
        &self,
        auth: LegacyAuth,
        remote: &RemoteAddr,
        body: JsonBody<wire::CompleteSessionRequest>,
    ) -> Result<Json<wire::CompleteSessionResponse>, ApiError> {
        let req = body.value;
        let id = session_id(&req.id, "id")?;
        let (customer, external_id) = completion(
            req.customer,
            req.customer_info,
            None,
            req.external_id.as_deref(),
        )?;
        let caller = self.merchant_caller(&auth, remote, Some(id)).await?;
        let current = self.backend.current(&caller, id).await?;
        let s = self
            .complete(&caller, &current, customer, external_id, None)
            .await?;
        Ok(Json(wire::CompleteSessionResponse {
            session: session(&s),
        }))
    }

    /// Complete a session and promote it to an order
    ///
    /// Completes the session like `session.complete` and answers with the transport order's
    /// id beside the session. `warehouse_id` ships the order from that warehouse.
    #[oai(
        path = "/v1/cos/session.completeAndPromote",
        method = "post",
        operation_id = "cosCompleteSessionAndPromote",
        tag = "CosTags::Sessions"
    )]
    async fn complete_and_promote(
        &self,
        auth: LegacyAuth,
        remote: &RemoteAddr,
        body: JsonBody<wire::CompleteAndPromoteRequest>,
    ) -> Result<Json<wire::CompleteAndPromoteResponse>, ApiError> {
        let req = body.value;
        let id = session_id(&req.id, "id")?;
        let (customer, external_id) = completion(
            req.customer,
            req.customer_info,
            req.warehouse_id.as_deref(),
            req.external_id.as_deref(),
        )?;
        let caller = self.merchant_caller(&auth, remote, Some(id)).await?;
        let current = self.backend.current(&caller, id).await?;
        let s = self
            .complete(&caller, &current, customer, external_id, req.warehouse_id)
            .await?;
        let wire = session(&s);
        Ok(Json(wire::CompleteAndPromoteResponse {
            tos_id: wire.tos_id.clone().unwrap_or_default(),
            session: wire,
        }))
    }

    /// Create a session from an order
    ///
    /// Opens a new session from a transport order (`tos_id`) to change what was ordered: the
    /// same purchase, cart and recipient, with the ordered option chosen while it is still
    /// offered. Complete it with `session.completeAndUpdateOrder` to amend the order.
    #[oai(
        path = "/v1/cos/session.createFromOrder",
        method = "post",
        operation_id = "cosCreateSessionFromOrder",
        tag = "CosTags::Sessions"
    )]
    async fn create_from_order(
        &self,
        auth: LegacyAuth,
        remote: &RemoteAddr,
        body: JsonBody<wire::CreateFromOrderRequest>,
    ) -> Result<Json<wire::CreateFromOrderResponse>, ApiError> {
        let req = body.value;
        let mut v = Violations::new();
        let tos_id = req.tos_id.trim().to_ascii_uppercase();
        if tos_id.is_empty() {
            v.push("tos_id", "is required");
        }
        let locales = shared_mapping::locales(
            req.locale.as_deref(),
            &req.locales,
            "locale",
            "locales",
            &mut v,
        );
        let external_id = req
            .external_id
            .and_then(|e| shared_mapping::external_id(&e, "external_id", &mut v));
        if !v.is_empty() {
            return Err(invalid(v.into_vec()));
        }
        let caller = self.merchant_caller(&auth, remote, None).await?;
        let service = &self.backend.service;
        let mut s = service
            .create_from_order(caller.merchant_id(), &tos_id, None)
            .await
            .map_err(error)?;
        if !locales.is_empty() || external_id.is_some() {
            s = service
                .update(caller.merchant_id(), s.id, Some(&s.etag()), |s| {
                    let mut draft = CartUpdate {
                        external_id: external_id.clone().map(Some),
                        ..Default::default()
                    }
                    .draft(s);
                    if !locales.is_empty() {
                        draft.purchase.locales = locales.clone();
                    }
                    Ok(draft)
                })
                .await
                .map_err(error)?;
        }
        Ok(Json(wire::CreateFromOrderResponse {
            session: session(&s),
        }))
    }

    /// Complete a session and update its order
    ///
    /// Completes a session opened with `session.createFromOrder`: instead of a new transport
    /// order, the one it re-opens is amended (its version goes up and its history keeps the
    /// earlier one). A `tos_id`, when given, must be that order.
    #[oai(
        path = "/v1/cos/session.completeAndUpdateOrder",
        method = "post",
        operation_id = "cosCompleteSessionAndUpdateOrder",
        tag = "CosTags::Sessions"
    )]
    async fn complete_and_update_order(
        &self,
        auth: LegacyAuth,
        remote: &RemoteAddr,
        body: JsonBody<wire::CompleteAndUpdateOrderRequest>,
    ) -> Result<Json<wire::CompleteAndUpdateOrderResponse>, ApiError> {
        let req = body.value;
        let id = session_id(&req.id, "id")?;
        let (customer, external_id) = completion(
            req.customer,
            req.customer_info,
            req.warehouse_id.as_deref(),
            req.external_id.as_deref(),
        )?;
        let caller = self.merchant_caller(&auth, remote, Some(id)).await?;
        let current = self.backend.current(&caller, id).await?;
        let Some(source) = current.source_order_id.as_deref() else {
            return Err(ServiceError::FailedPrecondition {
                reason: "NOT_FROM_ORDER",
                message: format!(
                    "session `{id}` was not created from a transport order; complete it with \
                     session.complete or session.completeAndPromote"
                ),
            }
            .into());
        };
        if let Some(given) = req.tos_id.as_deref().filter(|t| !t.trim().is_empty()) {
            if !given.trim().eq_ignore_ascii_case(source) {
                return Err(ServiceError::invalid(
                    "tos_id",
                    format!("the session re-opens transport order `{source}`, not `{given}`"),
                )
                .into());
            }
        }
        let s = self
            .complete(&caller, &current, customer, external_id, req.warehouse_id)
            .await?;
        Ok(Json(wire::CompleteAndUpdateOrderResponse {
            session: session(&s),
        }))
    }

    /// Add a location to a session
    ///
    /// Adds a pickup location that `location.search` found to the options of the shipping
    /// method that serves it, with its distance from the search address, so the customer can
    /// choose it although it is not among the nearest.
    #[oai(
        path = "/v1/cos/session.addLocation",
        method = "post",
        operation_id = "cosAddLocationToSession",
        tag = "CosTags::Locations"
    )]
    async fn add_location(
        &self,
        auth: LegacyAuth,
        remote: &RemoteAddr,
        body: JsonBody<wire::AddLocationRequest>,
    ) -> Result<Json<wire::AddLocationResponse>, ApiError> {
        let req = body.value;
        let id = session_id(&req.id, "id")?;
        let mut v = Violations::new();
        if req.shipping_method.trim().is_empty() {
            v.push("shipping_method", "is required");
        }
        if req.location_ref.trim().is_empty() {
            v.push("location_ref", "is required");
        }
        if !v.is_empty() {
            return Err(invalid(v.into_vec()));
        }
        let caller = self.merchant_caller(&auth, remote, Some(id)).await?;
        let current = self.backend.current(&caller, id).await?;
        let s = self
            .backend
            .service
            .add_location(
                caller.merchant_id(),
                id,
                Some(&current.etag()),
                req.shipping_method.trim(),
                req.location_ref.trim(),
            )
            .await
            .map_err(error)?;
        Ok(Json(wire::AddLocationResponse {
            session: session(&s),
        }))
    }

    /// Search pickup locations
    ///
    /// Finds the merchant's pickup locations whose name, id, street, city or postal code
    /// contains `query`, served by one of the merchant's shipping methods. With a session `id`
    /// the search is around its search address and in its country; otherwise around
    /// `postal_code` in `country` when given. Nearest first.
    #[oai(
        path = "/v1/cos/location.search",
        method = "get",
        operation_id = "cosSearchLocations",
        tag = "CosTags::Locations"
    )]
    // poem-openapi takes each query parameter as an argument of its own.
    #[allow(clippy::too_many_arguments)]
    async fn search_locations(
        &self,
        auth: LegacyAuth,
        remote: &RemoteAddr,
        /// A session whose search address the search is around.
        id: Query<Option<String>>,
        /// Text to find in the name, id, street, city or postal code.
        query: Query<Option<String>>,
        /// Only locations of this shipping method.
        shipping_method: Query<Option<String>>,
        /// ISO 3166-1 alpha-2 country of the locations.
        country: Query<Option<String>>,
        /// Search around this postal code (with `country`).
        postal_code: Query<Option<String>>,
        /// At most this many locations (default 20, at most 100).
        limit: Query<Option<i32>>,
    ) -> Result<Json<wire::LocationSearchResponse>, ApiError> {
        let mut v = Violations::new();
        let limit = match limit.0 {
            None => 20,
            Some(n) if (1..=100).contains(&n) => n as usize,
            Some(_) => {
                v.push("limit", "must be between 1 and 100");
                0
            }
        };
        let country = country.0.filter(|c| !c.trim().is_empty());
        if let Some(c) = &country {
            shared_mapping::country(Some(c), "country", &mut v);
        }
        if !v.is_empty() {
            return Err(invalid(v.into_vec()));
        }
        let id =
            id.0.filter(|i| !i.trim().is_empty())
                .map(|i| session_id(&i, "id"))
                .transpose()?;
        let caller = self.merchant_caller(&auth, remote, id).await?;
        let mut search = LocationQuery {
            text: query.0,
            shipping_method: shipping_method.0.filter(|m| !m.trim().is_empty()),
            country_code: country,
            near: None,
            postal_code: postal_code.0.filter(|p| !p.trim().is_empty()),
            limit,
        };
        if let Some(id) = id {
            let s = self.backend.current(&caller, id).await?;
            search.near = s.search_coordinates;
            search
                .country_code
                .get_or_insert_with(|| s.purchase.country_code.as_str().to_owned());
        }
        let found = self
            .backend
            .service
            .search_locations(caller.merchant_id(), &search)
            .map_err(error)?;
        Ok(Json(wire::LocationSearchResponse {
            locations: found.iter().map(mapping::search_location).collect(),
        }))
    }
}
