//! A JSON request body parsed with serde so that a wrong type or a missing field is reported
//! with its full path (`deliveries[0].line_items[1].quantity`), while the spec shows schema `S`.
//! The extractor only reads the bytes: handlers parse them after the caller is authenticated,
//! so a bad credential is answered 401 whatever the body holds.

use std::marker::PhantomData;

use poem::{FromRequest, Request, RequestBody};
use poem_openapi::payload::{ParsePayload, Payload};
use poem_openapi::registry::{MetaSchemaRef, Registry};
use poem_openapi::types::Type;
use serde::de::DeserializeOwned;

use super::error::ApiError;
use super::limits::{string_problems, EdgeLimits};
use super::strict::Strict;
use domain::FieldViolation;

pub struct JsonBody<T, S = T> {
    bytes: Vec<u8>,
    max_string_chars: usize,
    _types: PhantomData<fn() -> (T, S)>,
}

impl<T: DeserializeOwned, S> JsonBody<T, S> {
    /// The body as a JSON document (an empty body is `{}`), for telling which fields were sent.
    ///
    /// # Errors
    /// INVALID_ARGUMENT on `body` when it is not JSON, and naming each string that holds a NUL
    /// or is past the length limit.
    pub fn raw(&self) -> Result<serde_json::Value, ApiError> {
        if self.bytes.is_empty() {
            return Ok(serde_json::Value::Object(Default::default()));
        }
        let value = serde_json::from_slice(&self.bytes).map_err(|e| {
            ApiError::from(service::ServiceError::InvalidArgument {
                message: format!("the request body is not valid JSON: {e}"),
                violations: vec![FieldViolation::new("body", e.to_string())],
            })
        })?;
        let problems = string_problems(&value, self.max_string_chars);
        if !problems.is_empty() {
            return Err(service::ServiceError::invalid_all(problems).into());
        }
        Ok(value)
    }

    /// The body as `T`.
    ///
    /// # Errors
    /// INVALID_ARGUMENT naming the first field that does not fit `T`.
    pub fn value(&self) -> Result<T, ApiError> {
        Self::typed(&self.raw()?)
    }

    /// `raw` parsed as `T`.
    ///
    /// # Errors
    /// INVALID_ARGUMENT naming the first field that does not fit `T`.
    pub fn typed(raw: &serde_json::Value) -> Result<T, ApiError> {
        parse_value(raw).map_err(|v| ApiError::from(service::ServiceError::invalid_all(vec![v])))
    }
}

impl<T: Send, S: Type> Payload for JsonBody<T, S> {
    const CONTENT_TYPE: &'static str = "application/json; charset=utf-8";

    fn check_content_type(content_type: &str) -> bool {
        <poem_openapi::payload::Json<S> as Payload>::check_content_type(content_type)
    }

    fn schema_ref() -> MetaSchemaRef {
        S::schema_ref()
    }

    fn register(registry: &mut Registry) {
        S::register(registry);
    }
}

impl<T: DeserializeOwned + Send, S: Type> ParsePayload for JsonBody<T, S> {
    const IS_REQUIRED: bool = true;

    async fn from_request(request: &Request, body: &mut RequestBody) -> poem::Result<Self> {
        let limits = request.data::<EdgeLimits>().copied().unwrap_or_default();
        Ok(Self {
            bytes: Vec::<u8>::from_request(request, body).await?,
            max_string_chars: limits.max_string_chars,
            _types: PhantomData,
        })
    }
}

impl<'a, T: DeserializeOwned + Send, S: Type> poem_openapi::ApiExtractor<'a> for JsonBody<T, S> {
    const TYPES: &'static [poem_openapi::ApiExtractorType] =
        &[poem_openapi::ApiExtractorType::RequestObject];
    type ParamType = ();
    type ParamRawType = ();

    fn register(registry: &mut Registry) {
        <Self as Payload>::register(registry);
    }

    fn request_meta() -> Option<poem_openapi::registry::MetaRequest> {
        Some(poem_openapi::registry::MetaRequest {
            description: None,
            content: vec![poem_openapi::registry::MetaMediaType {
                content_type: <Self as Payload>::CONTENT_TYPE,
                schema: <Self as Payload>::schema_ref(),
            }],
            required: true,
        })
    }

    async fn from_request(
        request: &'a Request,
        body: &mut RequestBody,
        _param_opts: poem_openapi::ExtractParamOptions<Self::ParamType>,
    ) -> poem::Result<Self> {
        match request.content_type() {
            Some(ct) if <Self as Payload>::check_content_type(ct) => {
                <Self as ParsePayload>::from_request(request, body).await
            }
            other => Err(ApiError::unsupported_media_type(other).into()),
        }
    }
}

/// Deserialises `raw` into `T` (objects only where `T` has a struct, see [`Strict`]), turning
/// serde's error into one violation with the field path.
pub fn parse_value<T: DeserializeOwned>(raw: &serde_json::Value) -> Result<T, FieldViolation> {
    serde_path_to_error::deserialize::<_, T>(Strict(raw)).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string();
        violation_from_serde(&path, &inner)
    })
}

/// Serde reports a missing or unknown field on the enclosing object; point at the field itself.
fn violation_from_serde(path: &str, message: &str) -> FieldViolation {
    let base = if path == "." { "" } else { path };
    let named = |prefix: &str| {
        message
            .strip_prefix(prefix)
            .and_then(|rest| rest.split('`').next())
            .map(str::to_owned)
    };
    let field = if let Some(name) = named("missing field `") {
        join(base, &name)
    } else if let Some(name) = named("unknown field `") {
        // serde_path_to_error already ends the path with an unknown field's name.
        if base == name || base.ends_with(&format!(".{name}")) {
            base.to_owned()
        } else {
            join(base, &name)
        }
    } else if base.is_empty() {
        "body".to_owned()
    } else {
        base.to_owned()
    };
    // serde's "expected one of ..." lists are long; the first sentence says enough.
    let description = message
        .split(", expected one of")
        .next()
        .unwrap_or(message)
        .to_owned();
    FieldViolation::new(field, description)
}

fn join(base: &str, name: &str) -> String {
    if base.is_empty() {
        name.to_owned()
    } else {
        format!("{base}.{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        items: Vec<Inner>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        quantity: i32,
    }

    #[test]
    fn wrong_type_names_the_field() {
        let v = parse_value::<Outer>(
            &serde_json::json!({"items": [{"quantity": 1}, {"quantity": "x"}]}),
        )
        .unwrap_err();
        assert_eq!(v.field, "items[1].quantity");
    }

    #[test]
    fn missing_and_unknown_fields_name_the_field() {
        let v = parse_value::<Outer>(&serde_json::json!({"items": [{}]})).unwrap_err();
        assert_eq!(v.field, "items[0].quantity");
        let v = parse_value::<Outer>(&serde_json::json!({"items": [], "colour": 1})).unwrap_err();
        assert_eq!(v.field, "colour");
        assert!(v.description.starts_with("unknown field"));
    }
}
