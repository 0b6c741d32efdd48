//! A JSON answer whose schema is a poem-openapi type's but whose bytes serde writes straight
//! from the value: poem-openapi's `Json` first builds a `serde_json::Value` tree of the whole
//! answer (`ToJSON`), which for a session with its offers was a fifth of a read's CPU.
//!
//! The types it carries derive both forms, so in debug builds (every test run) each answer is
//! also rendered the poem-openapi way and the two must agree: the serde attributes cannot drift
//! from the `#[oai]` ones unseen.

use poem::{IntoResponse, Response};
use poem_openapi::payload::Payload;
use poem_openapi::registry::{MetaResponses, MetaSchemaRef, Registry};
use poem_openapi::types::{ToJSON, Type};
use poem_openapi::ApiResponse;
use serde::Serialize;

/// `T` as `application/json`, documented as poem-openapi documents `T`, written by serde.
#[derive(Debug, Clone)]
pub struct WireJson<T>(pub T);

impl<T: Type> Payload for WireJson<T> {
    const CONTENT_TYPE: &'static str = "application/json; charset=utf-8";

    fn check_content_type(content_type: &str) -> bool {
        <poem_openapi::payload::Json<T> as Payload>::check_content_type(content_type)
    }

    fn schema_ref() -> MetaSchemaRef {
        T::schema_ref()
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }
}

impl<T: Serialize + ToJSON> IntoResponse for WireJson<T> {
    fn into_response(self) -> Response {
        #[cfg(debug_assertions)]
        {
            let ours = serde_json::to_value(&self.0).expect("a wire value serialises");
            assert_eq!(
                Some(ours),
                self.0.to_json(),
                "serde and poem-openapi disagree on a `{}`",
                T::name()
            );
        }
        super::schema_json::serde_response(&self.0, Self::CONTENT_TYPE)
    }
}

impl<T: Serialize + ToJSON> ApiResponse for WireJson<T> {
    fn meta() -> MetaResponses {
        super::schema_json::ok_json(Self::CONTENT_TYPE, Self::schema_ref())
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }
}
