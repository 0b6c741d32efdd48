//! The google.rpc.Status error envelope, the mapping from service errors, and the conversion of
//! framework errors (bad JSON, unknown routes, wrong methods) into the same envelope.

use std::collections::BTreeMap;

use poem::http::StatusCode;
use poem::{IntoResponse, Response};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, Union};

use service::ServiceError;

/// Identifies this service as the source of an `ErrorInfo`.
pub const ERROR_DOMAIN: &str = "checkout.headless";
/// What a 429 from the framework (not the failure limiter, which knows its window) asks for.
const AUTH_RETRY_AFTER_SECS: u64 = 60;
/// A database outage is usually a restart or a failover: a second or two.
const UNAVAILABLE_RETRY_AFTER_SECS: u64 = 1;

/// An error response: the `error` member holds a google.rpc.Status.
#[derive(Debug, Clone, Object)]
#[oai(rename = "ErrorResponse")]
pub struct ErrorStatus {
    pub error: StatusBody,
}

#[derive(Debug, Clone, Object)]
#[oai(rename = "Status")]
pub struct StatusBody {
    /// The HTTP status code.
    pub code: i32,
    /// A developer-facing explanation in English.
    pub message: String,
    /// The canonical error code name, e.g. `INVALID_ARGUMENT`, `NOT_FOUND`, `ABORTED`.
    pub status: String,
    pub details: Vec<ErrorDetail>,
}

/// A typed detail, discriminated by `@type` as in google.protobuf.Any.
// `one_of`: exactly one variant matches, and saying so gives generated clients a sum type
// rather than a struct of optional parts.
#[derive(Debug, Clone, Union)]
#[oai(discriminator_name = "@type", one_of)]
pub enum ErrorDetail {
    #[oai(mapping = "type.googleapis.com/google.rpc.ErrorInfo")]
    ErrorInfo(ErrorInfo),
    #[oai(mapping = "type.googleapis.com/google.rpc.BadRequest")]
    BadRequest(BadRequest),
}

/// Why the error happened, as a stable machine-readable `reason` within `domain`.
#[derive(Debug, Clone, Object)]
pub struct ErrorInfo {
    pub reason: String,
    pub domain: String,
    pub metadata: BTreeMap<String, String>,
}

/// Every invalid field of the request.
#[derive(Debug, Clone, Object)]
pub struct BadRequest {
    pub field_violations: Vec<FieldViolation>,
}

#[derive(Debug, Clone, Object)]
pub struct FieldViolation {
    /// Path of the field in the request, e.g. `purchase.currency_code`, `deliveries[0].id`.
    pub field: String,
    pub description: String,
}

/// Every error an operation of this API can answer with.
#[derive(Debug, ApiResponse)]
pub enum ApiError {
    /// INVALID_ARGUMENT (a field is wrong; see the field violations) or FAILED_PRECONDITION
    /// (the session is in a state that does not allow the request, e.g. completed).
    #[oai(status = 400)]
    BadRequest(Json<ErrorStatus>),
    /// UNAUTHENTICATED: no credential, or an API key or session token that is not valid.
    #[oai(status = 401)]
    Unauthorized(
        Json<ErrorStatus>,
        /// Always `Bearer`: send `Authorization: Bearer <API key or session token>`.
        #[oai(header = "WWW-Authenticate")]
        String,
    ),
    /// PERMISSION_DENIED: a session token asked for a merchant-only method.
    #[oai(status = 403)]
    Forbidden(Json<ErrorStatus>),
    /// NOT_FOUND: no such session (or not one the caller may see), or no such route.
    #[oai(status = 404)]
    NotFound(Json<ErrorStatus>),
    /// ABORTED: the etag is not current (read again and retry), or ALREADY_EXISTS.
    #[oai(status = 409)]
    Conflict(Json<ErrorStatus>),
    /// INVALID_ARGUMENT: the request body exceeds the body limit (1 MiB unless configured).
    #[oai(status = 413)]
    PayloadTooLarge(Json<ErrorStatus>),
    /// INVALID_ARGUMENT: the body is not `application/json`.
    #[oai(status = 415)]
    UnsupportedMediaType(Json<ErrorStatus>),
    /// RESOURCE_EXHAUSTED: too many failed authentication attempts from this address.
    #[oai(status = 429)]
    TooManyRequests(
        Json<ErrorStatus>,
        /// Seconds until the address may try again.
        #[oai(header = "Retry-After")]
        String,
    ),
    /// INTERNAL: a fault of this service; `metadata.trace_id` finds its log line.
    #[oai(status = 500)]
    Internal(Json<ErrorStatus>),
    /// UNAVAILABLE: the database cannot be reached; retry with backoff.
    #[oai(status = 503)]
    Unavailable(
        Json<ErrorStatus>,
        /// Seconds to wait before retrying.
        #[oai(header = "Retry-After")]
        String,
    ),
}

pub fn status(
    http: StatusCode,
    code: &str,
    reason: &str,
    message: impl Into<String>,
    mut metadata: BTreeMap<String, String>,
) -> ErrorStatus {
    // Every envelope names its request's trace, so a merchant's support ticket finds the log
    // lines and spans of exactly that request.
    if let Some(trace) = super::trace::current_trace_id() {
        metadata.entry("trace_id".into()).or_insert(trace);
    }
    ErrorStatus {
        error: StatusBody {
            code: i32::from(http.as_u16()),
            message: message.into(),
            status: code.to_owned(),
            details: vec![ErrorDetail::ErrorInfo(ErrorInfo {
                reason: reason.to_owned(),
                domain: ERROR_DOMAIN.to_owned(),
                metadata,
            })],
        },
    }
}

impl ApiError {
    fn wrap(http: StatusCode, body: ErrorStatus) -> Self {
        let body = Json(body);
        match http.as_u16() {
            401 => Self::Unauthorized(body, "Bearer".into()),
            403 => Self::Forbidden(body),
            404 => Self::NotFound(body),
            409 => Self::Conflict(body),
            413 => Self::PayloadTooLarge(body),
            415 => Self::UnsupportedMediaType(body),
            429 => Self::TooManyRequests(body, AUTH_RETRY_AFTER_SECS.to_string()),
            500 => Self::Internal(body),
            503 => Self::Unavailable(body, UNAVAILABLE_RETRY_AFTER_SECS.to_string()),
            _ => Self::BadRequest(body),
        }
    }

    /// INTERNAL, with the trace id that finds the logged cause.
    pub fn internal() -> Self {
        Self::Internal(Json(status(
            StatusCode::INTERNAL_SERVER_ERROR,
            "INTERNAL",
            "INTERNAL",
            "an internal error occurred; it has been logged",
            BTreeMap::new(),
        )))
    }

    /// 503 UNAVAILABLE with `Retry-After`, for an answer the service could not give in time.
    pub fn unavailable(reason: &str, message: impl Into<String>) -> Self {
        let http = StatusCode::SERVICE_UNAVAILABLE;
        Self::wrap(
            http,
            status(http, "UNAVAILABLE", reason, message, BTreeMap::new()),
        )
    }

    /// 413 for a body past `limit` bytes.
    pub fn payload_too_large(limit: usize) -> Self {
        let http = StatusCode::PAYLOAD_TOO_LARGE;
        Self::wrap(
            http,
            status(
                http,
                "INVALID_ARGUMENT",
                "PAYLOAD_TOO_LARGE",
                format!("the request body exceeds {limit} bytes"),
                BTreeMap::new(),
            ),
        )
    }

    pub fn unsupported_media_type(content_type: Option<&str>) -> Self {
        let message = match content_type {
            Some(ct) => format!("content type `{ct}` is not supported; send application/json"),
            None => "the request has a body but no content type; send application/json".into(),
        };
        Self::wrap(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            status(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "INVALID_ARGUMENT",
                "UNSUPPORTED_MEDIA_TYPE",
                message,
                BTreeMap::new(),
            ),
        )
    }
}

impl From<ServiceError> for ApiError {
    fn from(e: ServiceError) -> Self {
        let message = e.to_string();
        let mut metadata = BTreeMap::new();
        let (http, code, reason) = match &e {
            ServiceError::InvalidArgument { violations, .. } => {
                let mut body = status(
                    StatusCode::BAD_REQUEST,
                    "INVALID_ARGUMENT",
                    "INVALID_FIELD",
                    message,
                    BTreeMap::new(),
                );
                body.error.details.push(ErrorDetail::BadRequest(BadRequest {
                    field_violations: violations
                        .iter()
                        .map(|v| FieldViolation {
                            field: v.field.clone(),
                            description: v.description.clone(),
                        })
                        .collect(),
                }));
                return Self::BadRequest(Json(body));
            }
            ServiceError::NotFound { resource, name } => {
                metadata.insert("resource".into(), (*resource).to_owned());
                metadata.insert("name".into(), name.clone());
                let reason = format!("{}_NOT_FOUND", resource.to_uppercase().replace(' ', "_"));
                let http = StatusCode::NOT_FOUND;
                return Self::wrap(http, status(http, "NOT_FOUND", &reason, message, metadata));
            }
            ServiceError::AlreadyExists { name, .. } => {
                metadata.insert("name".into(), name.clone());
                (StatusCode::CONFLICT, "ALREADY_EXISTS", "SESSION_EXISTS")
            }
            ServiceError::Aborted {
                reason,
                current_etag,
                ..
            } => {
                if let Some(etag) = current_etag {
                    metadata.insert("current_etag".into(), etag.clone());
                }
                (StatusCode::CONFLICT, "ABORTED", reason.as_str())
            }
            ServiceError::FailedPrecondition { reason, .. } => {
                (StatusCode::BAD_REQUEST, "FAILED_PRECONDITION", *reason)
            }
            ServiceError::Unauthenticated { .. } => (
                StatusCode::UNAUTHORIZED,
                "UNAUTHENTICATED",
                "CREDENTIAL_INVALID",
            ),
            ServiceError::PermissionDenied { .. } => (
                StatusCode::FORBIDDEN,
                "PERMISSION_DENIED",
                "SESSION_TOKEN_SCOPE",
            ),
            ServiceError::ResourceExhausted {
                retry_after_secs, ..
            } => {
                return Self::TooManyRequests(
                    Json(status(
                        StatusCode::TOO_MANY_REQUESTS,
                        "RESOURCE_EXHAUSTED",
                        "AUTHENTICATION_RATE_LIMITED",
                        message,
                        metadata,
                    )),
                    retry_after_secs.to_string(),
                )
            }
            ServiceError::Unavailable(detail) => {
                // The driver's words may name tables and queries: log them, answer without.
                tracing::warn!(error = %detail, "database unavailable");
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "UNAVAILABLE",
                    "DATABASE_UNAVAILABLE",
                )
            }
            ServiceError::Internal(detail) => {
                // The detail may name internals; log it, answer without it.
                tracing::error!(error = %detail, "internal error");
                return Self::internal();
            }
        };
        Self::wrap(http, status(http, code, reason, message, metadata))
    }
}

/// Converts an error that did not come from one of our handlers into the envelope. Errors our
/// handlers produced (`is_from_response`) pass through unchanged.
pub async fn envelope_framework_errors(err: poem::Error) -> Response {
    if err.is_from_response() {
        return err.into_response();
    }
    use poem_openapi::error as oe;
    let http = err.status();
    let text = err.to_string();
    let violation = |field: String| {
        ApiError::from(ServiceError::InvalidArgument {
            message: text.clone(),
            violations: vec![domain::FieldViolation::new(field, text.clone())],
        })
    };
    let api_error = if let Some(e) = err.downcast_ref::<oe::ParseParamError>() {
        violation(e.name.to_owned())
    } else if let Some(e) = err.downcast_ref::<oe::ParsePathError>() {
        violation(e.name.to_owned())
    } else if err.is::<oe::ParseRequestPayloadError>() {
        violation("body".to_owned())
    } else if err.is::<oe::AuthorizationError>() {
        ApiError::from(ServiceError::Unauthenticated {
            message: "this method needs `Authorization: Bearer <API key or session token>`".into(),
        })
    } else if err.is::<oe::ContentTypeError>() {
        ApiError::unsupported_media_type(None)
    } else {
        let (code, reason, message) = match http.as_u16() {
            404 => ("NOT_FOUND", "ROUTE_NOT_FOUND", "no such route".to_owned()),
            405 => (
                "UNIMPLEMENTED",
                "METHOD_NOT_ALLOWED",
                "this route does not support the HTTP method".to_owned(),
            ),
            413 => (
                "INVALID_ARGUMENT",
                "PAYLOAD_TOO_LARGE",
                "the request body is larger than this server accepts".to_owned(),
            ),
            400..=499 => ("INVALID_ARGUMENT", "BAD_REQUEST", text.clone()),
            _ => {
                tracing::error!(error = %text, "unhandled framework error");
                return ApiError::internal().into_response();
            }
        };
        return (
            http,
            Json(status(http, code, reason, message, BTreeMap::new())),
        )
            .into_response();
    };
    api_error.into_response()
}

/// The answer to a request whose handler panicked: INTERNAL with the trace id, and the panic in
/// the log, instead of a dropped connection.
pub fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned());
    metrics::counter!("checkout_panics_total", "where" => "request").increment(1);
    tracing::error!(panic = %message, "a request handler panicked");
    ApiError::internal().into_response()
}
