//! A JSON body read and written by serde whose OpenAPI schema comes from schemars: a type
//! defined once, outside any poem-openapi derive (a port's wire record), is documented in a
//! spec and served without a second copy of it, and without a `serde_json::Value` in between.

use poem::{FromRequest, IntoResponse, Request, RequestBody, Response};
use poem_openapi::error::ParseRequestPayloadError;
use poem_openapi::payload::{ParsePayload, Payload};
use poem_openapi::registry::{
    MetaMediaType, MetaResponse, MetaResponses, MetaSchema, MetaSchemaRef, Registry,
};
use poem_openapi::ApiResponse;
use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

/// `T` as `application/json`, with the schema schemars derives for it.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaJson<T>(pub T);

/// Where schemars puts the definitions of an OpenAPI 3.0 document.
const DEFINITIONS: &str = "#/components/schemas/";

impl<T: JsonSchema + Send> Payload for SchemaJson<T> {
    const CONTENT_TYPE: &'static str = "application/json; charset=utf-8";

    fn check_content_type(content_type: &str) -> bool {
        <poem_openapi::payload::Json<String> as Payload>::check_content_type(content_type)
    }

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Reference(T::schema_name().into_owned())
    }

    fn register(registry: &mut Registry) {
        register::<T>(registry);
    }
}

impl<T: DeserializeOwned + JsonSchema + Send> ParsePayload for SchemaJson<T> {
    const IS_REQUIRED: bool = true;

    async fn from_request(request: &Request, body: &mut RequestBody) -> poem::Result<Self> {
        let data = Vec::<u8>::from_request(request, body).await?;
        serde_json::from_slice(&data)
            .map(Self)
            .map_err(|e| ParseRequestPayloadError {
                reason: e.to_string(),
            })
            .map_err(Into::into)
    }
}

impl<T: Serialize + Send> IntoResponse for SchemaJson<T> {
    fn into_response(self) -> Response {
        serde_response(&self.0, "application/json; charset=utf-8")
    }
}

/// `value` written by serde as the body of a 200 answer.
pub(crate) fn serde_response<T: Serialize>(value: &T, content_type: &str) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => Response::builder().content_type(content_type).body(body),
        // Only a map with non-string keys fails to serialize; no wire type has one.
        Err(e) => Response::builder()
            .status(poem::http::StatusCode::INTERNAL_SERVER_ERROR)
            .body(e.to_string()),
    }
}

impl<T: Serialize + JsonSchema + Send> ApiResponse for SchemaJson<T> {
    fn meta() -> MetaResponses {
        ok_json(Self::CONTENT_TYPE, Self::schema_ref())
    }

    fn register(registry: &mut Registry) {
        register::<T>(registry);
    }
}

poem_openapi::impl_apirequest_for_payload!(SchemaJson<T>, T: DeserializeOwned + JsonSchema + Send);

/// The one answer of a JSON payload used as a whole response: 200 with `schema`.
pub(crate) fn ok_json(content_type: &'static str, schema: MetaSchemaRef) -> MetaResponses {
    MetaResponses {
        responses: vec![MetaResponse {
            description: "",
            status: Some(200),
            status_range: None,
            content: vec![MetaMediaType {
                content_type,
                schema,
            }],
            headers: vec![],
        }],
    }
}

/// Puts `T`'s schema and every schema it refers to into `registry`, under schemars' names.
fn register<T: JsonSchema>(registry: &mut Registry) {
    let mut generator = SchemaSettings::openapi3().into_generator();
    let root = generator.root_schema_for::<T>();
    let mut root = root.to_value();
    if let Some(object) = root.as_object_mut() {
        for meta in ["$schema", "title", "components", "definitions"] {
            object.remove(meta);
        }
    }
    let name = T::schema_name().into_owned();
    let mut schemas = vec![(name, root)];
    schemas.extend(generator.take_definitions(true));
    for (name, schema) in schemas {
        registry
            .schemas
            .entry(name)
            .or_insert_with(|| meta_schema(&schema));
    }
}

/// Spec rendering keeps its strings for the process's life: poem-openapi's schema model holds
/// `&'static str`, and a spec is rendered a handful of times, from the same few types.
fn leak(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

fn schema_ref(value: &Value) -> MetaSchemaRef {
    match value.get("$ref").and_then(Value::as_str) {
        Some(reference) => MetaSchemaRef::Reference(
            reference
                .strip_prefix(DEFINITIONS)
                .unwrap_or(reference)
                .to_owned(),
        ),
        None => MetaSchemaRef::Inline(Box::new(meta_schema(value))),
    }
}

/// The OpenAPI 3.0 schema object `value` (as schemars writes it) in poem-openapi's model; the
/// keywords schemars emits for serde types are all carried over.
fn meta_schema(value: &Value) -> MetaSchema {
    let empty = Map::new();
    let object = value.as_object().unwrap_or(&empty);
    let text = |key: &str| object.get(key).and_then(Value::as_str);
    let number = |key: &str| object.get(key).and_then(Value::as_f64);
    let count = |key: &str| {
        object
            .get(key)
            .and_then(Value::as_u64)
            .and_then(|n| usize::try_from(n).ok())
    };
    let flag = |key: &str| object.get(key).and_then(Value::as_bool);
    let list = |key: &str| {
        object
            .get(key)
            .and_then(Value::as_array)
            .map(|items| items.iter().map(schema_ref).collect())
            .unwrap_or_default()
    };
    let properties: Vec<(&'static str, MetaSchemaRef)> = object
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.iter().map(|(k, v)| (leak(k), schema_ref(v))).collect())
        .unwrap_or_default();
    // schemars writes an optional reference as `anyOf: [$ref, {enum: [null]}]`; OpenAPI 3.0
    // readers (and generators) expect `allOf: [$ref]` with `nullable`.
    let is_null = |v: &Value| v.get("enum") == Some(&Value::Array(vec![Value::Null]));
    let (any_of, all_of, nullable) = match object.get("anyOf").and_then(Value::as_array) {
        Some(variants) if variants.len() == 2 && variants.iter().any(is_null) => (
            Vec::new(),
            variants
                .iter()
                .filter(|v| !is_null(v))
                .map(schema_ref)
                .collect(),
            true,
        ),
        _ => (
            list("anyOf"),
            list("allOf"),
            flag("nullable").unwrap_or(false),
        ),
    };
    MetaSchema {
        ty: text("type").map(leak).unwrap_or(""),
        format: text("format").map(leak),
        title: text("title").map(str::to_owned),
        description: text("description").map(leak),
        default: object.get("default").cloned(),
        required: object
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).map(leak).collect())
            .unwrap_or_default(),
        properties,
        items: object.get("items").map(|i| Box::new(schema_ref(i))),
        additional_properties: object
            .get("additionalProperties")
            .filter(|a| a.is_object())
            .map(|a| Box::new(schema_ref(a))),
        enum_items: object
            .get("enum")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default(),
        deprecated: flag("deprecated").unwrap_or(false),
        nullable,
        any_of,
        one_of: list("oneOf"),
        all_of,
        read_only: flag("readOnly").unwrap_or(false),
        write_only: flag("writeOnly").unwrap_or(false),
        example: object.get("example").cloned(),
        multiple_of: number("multipleOf"),
        maximum: number("maximum"),
        exclusive_maximum: flag("exclusiveMaximum"),
        minimum: number("minimum"),
        exclusive_minimum: flag("exclusiveMinimum"),
        max_length: count("maxLength"),
        min_length: count("minLength"),
        pattern: text("pattern").map(str::to_owned),
        max_items: count("maxItems"),
        min_items: count("minItems"),
        unique_items: flag("uniqueItems"),
        max_properties: count("maxProperties"),
        min_properties: count("minProperties"),
        ..MetaSchema::ANY
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A wire record.
    #[derive(Serialize, serde::Deserialize, JsonSchema)]
    struct Parcel {
        /// Grams.
        #[schemars(range(min = 1, max = 1000))]
        weight: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<Label>,
        sizes: Vec<Label>,
    }

    #[derive(Serialize, serde::Deserialize, JsonSchema)]
    struct Label {
        #[schemars(regex(pattern = "^[A-Z]{2}$"))]
        code: String,
    }

    #[test]
    fn a_type_and_the_types_it_uses_are_registered_with_their_keywords() {
        let mut registry = Registry::new();
        <SchemaJson<Parcel> as Payload>::register(&mut registry);
        let parcel = serde_json::to_value(&registry.schemas["Parcel"]).unwrap();
        assert_eq!(parcel["description"], "A wire record.");
        assert_eq!(parcel["required"], serde_json::json!(["weight", "sizes"]));
        assert_eq!(
            parcel["properties"]["label"],
            serde_json::json!({"allOf": [{"$ref": "#/components/schemas/Label"}], "nullable": true})
        );
        assert_eq!(parcel["properties"]["weight"]["maximum"], 1000.0);
        assert_eq!(parcel["properties"]["weight"]["description"], "Grams.");
        assert_eq!(
            parcel["properties"]["sizes"]["items"]["$ref"],
            "#/components/schemas/Label"
        );
        let label = serde_json::to_value(&registry.schemas["Label"]).unwrap();
        assert_eq!(label["properties"]["code"]["pattern"], "^[A-Z]{2}$");
    }
}
