//! Wire scalars of the headless surface: int64 as a JSON string, and an inline-schema wrapper
//! for request messages.

use std::borrow::Cow;
use std::marker::PhantomData;

use poem_openapi::registry::{MetaSchema, MetaSchemaRef, Registry};
use poem_openapi::types::{ParseError, ParseFromJSON, ParseResult, ToJSON, Type};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// An int64 carried as a decimal JSON string (`"4900"`), as proto3 JSON does, so values beyond
/// 2^53 survive JavaScript clients. Only the text is accepted on input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Int64(pub i64);

impl Type for Int64 {
    const IS_REQUIRED: bool = true;
    type RawValueType = Self;
    type RawElementValueType = Self;

    fn name() -> Cow<'static, str> {
        "string_int64".into()
    }

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Inline(Box::new(MetaSchema::new_with_format("string", "int64")))
    }

    fn as_raw_value(&self) -> Option<&Self> {
        Some(self)
    }

    fn raw_element_iter<'a>(&'a self) -> Box<dyn Iterator<Item = &'a Self> + 'a> {
        Box::new(self.as_raw_value().into_iter())
    }
}

impl ParseFromJSON for Int64 {
    fn parse_from_json(value: Option<Value>) -> ParseResult<Self> {
        match value.unwrap_or_default() {
            Value::String(s) => Ok(Self(s.parse::<i64>()?)),
            Value::Number(n) => n
                .as_i64()
                .map(Self)
                .ok_or_else(|| ParseError::custom("not an int64")),
            other => Err(ParseError::expected_type(other)),
        }
    }
}

impl ToJSON for Int64 {
    fn to_json(&self) -> Option<Value> {
        Some(Value::String(self.0.to_string()))
    }
}

impl serde::Serialize for Int64 {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Int64 {
    /// Only the decimal text the spec publishes: a JSON number is refused like any other wrong
    /// type, so the server takes exactly what its spec says.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d).map_err(|_| {
            serde::de::Error::custom("expected an int64 as a decimal string, e.g. \"4900\"")
        })?;
        text.trim().parse().map(Self).map_err(|_| {
            serde::de::Error::custom(format!("`{text}` is not an int64 decimal string"))
        })
    }
}

/// Shows `T`'s schema inline instead of under `components/schemas`. Request messages of custom
/// methods carry an `etag` but are not resources; inlining keeps them out of the resource rules
/// (AIP-122 names, AIP-203 read-only fields) that apply to every component with an etag.
///
/// The inline schema has no `title`, so client generators name the body after its operation
/// (`CompleteSessionBody`) instead of joining the operation and the title
/// (`CompleteSessionCompleteSessionRequest`).
pub struct Inline<T>(PhantomData<T>);

impl<T: Type> Type for Inline<T> {
    const IS_REQUIRED: bool = true;
    type RawValueType = T::RawValueType;
    type RawElementValueType = T::RawElementValueType;

    fn name() -> Cow<'static, str> {
        T::name()
    }

    fn schema_ref() -> MetaSchemaRef {
        let mut scratch = Registry::new();
        T::register(&mut scratch);
        match scratch.schemas.remove(T::name().as_ref()) {
            Some(schema) => MetaSchemaRef::Inline(Box::new(MetaSchema {
                title: None,
                ..schema
            })),
            None => T::schema_ref(),
        }
    }

    fn register(registry: &mut Registry) {
        // Register what T refers to, then take T itself back out.
        let had = registry.schemas.contains_key(T::name().as_ref());
        T::register(registry);
        if !had {
            registry.schemas.remove(T::name().as_ref());
        }
    }

    fn as_raw_value(&self) -> Option<&Self::RawValueType> {
        None
    }

    fn raw_element_iter<'a>(
        &'a self,
    ) -> Box<dyn Iterator<Item = &'a Self::RawElementValueType> + 'a> {
        Box::new(std::iter::empty())
    }
}

/// Checks and discards an output-only member a client echoes back from a response: it is never
/// written, but it must have the type the spec gives it (and not be `null`), so that what the
/// spec refuses the server refuses too.
pub fn echoed<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(|_| None)
}

/// [`echoed`] for an RFC 3339 time.
pub fn echoed_time<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<time::OffsetDateTime>, D::Error> {
    time::serde::rfc3339::deserialize(d).map(|_| None)
}

/// [`echoed`] for a list.
pub fn echoed_list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Vec<T>, D::Error> {
    Vec::<T>::deserialize(d).map(|_| Vec::new())
}

/// An optional member that, when sent, is not `null` (the update's codes, which it needs).
pub fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// A merchant configuration document: the merchant shape of the configuration file (the
/// `MerchantConfig` definition of `openapi/merchant-config.schema.json`), without pickup
/// locations. Its rules are the file's, checked by the server, which names every problem by
/// its path; the spec states only that it is an object, so that one schema is kept in one
/// place.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigDocument(pub Value);

impl Type for ConfigDocument {
    const IS_REQUIRED: bool = true;
    type RawValueType = Self;
    type RawElementValueType = Self;

    fn name() -> Cow<'static, str> {
        "object_config".into()
    }

    fn schema_ref() -> MetaSchemaRef {
        let mut schema = MetaSchema::new("object");
        schema.additional_properties =
            Some(Box::new(MetaSchemaRef::Inline(Box::new(MetaSchema::ANY))));
        MetaSchemaRef::Inline(Box::new(schema))
    }

    fn as_raw_value(&self) -> Option<&Self> {
        Some(self)
    }

    fn raw_element_iter<'a>(&'a self) -> Box<dyn Iterator<Item = &'a Self> + 'a> {
        Box::new(self.as_raw_value().into_iter())
    }
}

impl ParseFromJSON for ConfigDocument {
    fn parse_from_json(value: Option<Value>) -> ParseResult<Self> {
        match value.unwrap_or_default() {
            v @ Value::Object(_) => Ok(Self(v)),
            other => Err(ParseError::expected_type(other)),
        }
    }
}

impl ToJSON for ConfigDocument {
    fn to_json(&self) -> Option<Value> {
        Some(self.0.clone())
    }
}

impl<'de> Deserialize<'de> for ConfigDocument {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            v @ Value::Object(_) => Ok(Self(v)),
            _ => Err(serde::de::Error::custom(
                "expected an object: the merchant configuration",
            )),
        }
    }
}
