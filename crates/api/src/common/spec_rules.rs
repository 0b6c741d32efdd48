//! What the handlers check that a member's Rust type cannot say (code lists, id shapes, blank
//! text, bounds from the defaults of the settings), written into a rendered spec so that the
//! published contract says what the server takes and refuses.
//!
//! Each surface lists its rules in a `spec_rules` function, by component schema and member, by
//! operation parameter or by request body. A rule that names something the spec lacks panics,
//! so renaming a field fails the spec test instead of silently dropping its constraint.

use std::sync::OnceLock;

use serde_json::{json, Map, Value};

/// Unicode White_Space, the characters Rust's `str::trim` removes, as a regex class body.
const WHITE_SPACE: &str = r"\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000";

/// Text that is not empty once trimmed: the handlers refuse blank text where a value is needed.
/// Anchored at both ends although a pattern matches anywhere: some generators (schemathesis)
/// rewrite an unanchored one-class pattern beside `maxLength` into a whole-string one.
pub fn not_blank() -> String {
    format!(r"^[{WHITE_SPACE}]*[^{WHITE_SPACE}][\s\S]*$")
}

/// Text with an `@` somewhere, as an email address has.
pub const HAS_AT: &str = r"^[\s\S]*@[\s\S]*$";

/// `pattern` (anchored, a regex body without `^`/`$`), or text that is blank once trimmed, which
/// the handlers read as absent.
pub fn or_blank(pattern: &str) -> String {
    format!("^(?:[{WHITE_SPACE}]*|{pattern})$")
}

/// `pattern` anchored at both ends.
pub fn exactly(pattern: &str) -> String {
    format!("^(?:{pattern})$")
}

/// A UUID, hyphenated or as 32 hex digits, in either case.
pub const UUID: &str =
    "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{32}";

/// A ULID: 26 Crockford base-32 digits, in either case.
pub const ULID: &str = "[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26}";

/// An RFC 3339 time in the spelling the list filters take (`2026-11-01T00:00:00Z`), kept to
/// days every month has so that any match is a real date.
pub const RFC3339: &str = r"[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]{1,9})?(?:Z|[+-](?:0[0-9]|1[0-3]):[0-5][0-9])";

fn alternatives<S: AsRef<str>>(items: &[S]) -> String {
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    items.join("|")
}

/// The ISO 3166-1 alpha-2 codes the server takes, as alternatives.
pub fn countries() -> &'static str {
    static CODES: OnceLock<String> = OnceLock::new();
    CODES.get_or_init(|| alternatives(&domain::codes::country_codes()))
}

/// The ISO 4217 codes the server takes, as alternatives.
pub fn currencies() -> &'static str {
    static CODES: OnceLock<String> = OnceLock::new();
    CODES.get_or_init(|| alternatives(&domain::codes::currency_codes()))
}

/// A locale `ll` or `ll-RR` of the languages and regions the server takes.
pub fn locale() -> &'static str {
    static PATTERN: OnceLock<String> = OnceLock::new();
    PATTERN.get_or_init(|| {
        let (languages, regions) = domain::codes::locale_parts();
        format!(
            "(?:{})(?:-(?:{}))?",
            alternatives(&languages),
            alternatives(&regions)
        )
    })
}

/// The decimal text of an amount in `0..=domain::bounds::MAX_AMOUNT`, as the headless surface
/// carries int64 values.
pub fn amount_text() -> String {
    let max = domain::bounds::MAX_AMOUNT.to_string();
    format!("^(?:[0-9]{{1,{}}}|{max})$", max.len() - 1)
}

/// A rendered spec, with access to the schemas rules attach to.
pub struct Spec<'a>(&'a mut Value);

impl<'a> Spec<'a> {
    pub fn new(doc: &'a mut Value) -> Self {
        Self(doc)
    }

    /// Whether the spec has the component schema `name`.
    pub fn has(&self, name: &str) -> bool {
        self.0["components"]["schemas"].get(name).is_some()
    }

    /// The component schema `name`.
    pub fn schema(&mut self, name: &str) -> Target<'_> {
        let found = self
            .0
            .get_mut("components")
            .and_then(|c| c.get_mut("schemas"))
            .and_then(|s| s.get_mut(name));
        Target::found(found, name)
    }

    /// `Schema.member`, `Schema.member[]` (the member's items), `Schema.a.b` (a member of an
    /// inline object).
    pub fn member(&mut self, at: &str) -> Target<'_> {
        let (schema, path) = at.split_once('.').unwrap_or((at, ""));
        let mut target = self.schema(schema);
        target.place = at.to_owned();
        target.walk(path)
    }

    /// The schema of the parameter `name` of operation `operation_id`.
    pub fn param(&mut self, operation_id: &str, name: &str) -> Target<'_> {
        let place = format!("{operation_id}({name})");
        let found = self.operation(operation_id).and_then(|op| {
            op.get_mut("parameters")?
                .as_array_mut()?
                .iter_mut()
                .find(|p| p["name"] == name)?
                .get_mut("schema")
        });
        Target::found(found, &place)
    }

    /// The schema of the parameter `name` of operation `operation_id`, which the handler
    /// needs although its Rust type is optional (it answers a missing one as blank).
    pub fn required_param(&mut self, operation_id: &str, name: &str) -> Target<'_> {
        let place = format!("{operation_id}({name})");
        let param = self.operation(operation_id).and_then(|op| {
            op.get_mut("parameters")?
                .as_array_mut()?
                .iter_mut()
                .find(|p| p["name"] == name)
        });
        let param = param.unwrap_or_else(|| panic!("spec rule: no `{place}` in this spec"));
        param["required"] = json!(true);
        Target::found(param.get_mut("schema"), &place)
    }

    /// The request body schema of operation `operation_id`, with `path` into it as for
    /// [`Spec::member`].
    pub fn body(&mut self, operation_id: &str, path: &str) -> Target<'_> {
        let place = format!("{operation_id}(body).{path}");
        let found = self.operation(operation_id).and_then(|op| {
            op.get_mut("requestBody")?
                .get_mut("content")?
                .as_object_mut()?
                .values_mut()
                .next()?
                .get_mut("schema")
        });
        Target::found(found, &place).walk(path)
    }

    fn operation(&mut self, operation_id: &str) -> Option<&mut Value> {
        self.0
            .get_mut("paths")?
            .as_object_mut()?
            .values_mut()
            .filter_map(Value::as_object_mut)
            .flat_map(|item| item.values_mut())
            .find(|op| op["operationId"] == operation_id)
    }

    /// Bounds every string a request body may carry (the edge refuses longer ones), leaving
    /// stricter bounds and output-only members alone.
    pub fn bound_body_strings(&mut self, max_chars: usize) {
        let mut pending = Vec::new();
        for item in self.0["paths"]
            .as_object()
            .into_iter()
            .flat_map(|p| p.values())
        {
            for op in item.as_object().into_iter().flat_map(|i| i.values()) {
                for (_, media) in op["requestBody"]["content"]
                    .as_object()
                    .into_iter()
                    .flat_map(|c| c.iter())
                    .filter(|(t, _)| t.starts_with("application/json"))
                {
                    pending.push(media["schema"].clone());
                }
            }
        }
        // Components reachable from the bodies, found first so each is bounded once.
        let mut names = Vec::new();
        while let Some(schema) = pending.pop() {
            references(&schema, &mut |name| {
                if !names.iter().any(|n| n == name) {
                    names.push(name.to_owned());
                    pending.push(self.0["components"]["schemas"][name].clone());
                }
            });
        }
        for name in names {
            if let Some(schema) = self.0["components"]["schemas"].get_mut(&name) {
                bound_strings(schema, max_chars);
            }
        }
        let paths = self.0.get_mut("paths").and_then(Value::as_object_mut);
        for op in paths
            .into_iter()
            .flat_map(|p| p.values_mut())
            .filter_map(Value::as_object_mut)
            .flat_map(|i| i.values_mut())
        {
            let media = op
                .get_mut("requestBody")
                .and_then(|b| b.get_mut("content"))
                .and_then(Value::as_object_mut);
            // The edge bounds the strings of a JSON body; a text body (a CSV import) is one
            // document, bounded by the body limit alone.
            for (_, m) in media
                .into_iter()
                .flat_map(|c| c.iter_mut())
                .filter(|(t, _)| t.starts_with("application/json"))
            {
                if let Some(schema) = m.get_mut("schema") {
                    bound_strings(schema, max_chars);
                }
            }
        }
    }
}

impl Spec<'_> {
    /// Gives each nullable reference (`allOf: [{$ref}]` with `nullable`) the type of what it
    /// refers to: OpenAPI 3.0.3 reads `nullable` only beside `type`, and validators of examples
    /// refuse it alone.
    pub fn type_nullable_references(&mut self) {
        let types: Map<String, Value> = self.0["components"]["schemas"]
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(name, schema)| Some((name.clone(), schema.get("type")?.clone())))
            .collect();
        type_nullable(self.0, &types);
    }
}

fn type_nullable(schema: &mut Value, types: &Map<String, Value>) {
    match schema {
        Value::Object(map) => {
            let referenced = map
                .get("allOf")
                .and_then(|all| all.get(0))
                .and_then(|first| first.get("$ref"))
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/components/schemas/"))
                .and_then(|name| types.get(name))
                .cloned();
            if map.get("nullable") == Some(&Value::Bool(true)) && !map.contains_key("type") {
                if let Some(ty) = referenced {
                    map.insert("type".into(), ty);
                }
            }
            map.values_mut().for_each(|v| type_nullable(v, types));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| type_nullable(v, types)),
        _ => {}
    }
}

/// Calls `found` with the component name of each `$ref` in `schema`, outside output-only members.
fn references(schema: &Value, found: &mut dyn FnMut(&str)) {
    match schema {
        Value::Object(map) => {
            if map.get("readOnly") == Some(&Value::Bool(true)) {
                return;
            }
            if let Some(name) = map
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/components/schemas/"))
            {
                found(name);
            }
            map.values().for_each(|v| references(v, found));
        }
        Value::Array(items) => items.iter().for_each(|v| references(v, found)),
        _ => {}
    }
}

fn bound_strings(schema: &mut Value, max_chars: usize) {
    match schema {
        Value::Object(map) => {
            if map.get("readOnly") == Some(&Value::Bool(true)) {
                return;
            }
            if map.get("type").and_then(Value::as_str) == Some("string")
                && !map.contains_key("maxLength")
                && !map.contains_key("enum")
            {
                map.insert("maxLength".into(), json!(max_chars));
            }
            for (key, value) in map.iter_mut() {
                // `example` and `default` are values, not schemas.
                if key != "example" && key != "default" && key != "enum" {
                    bound_strings(value, max_chars);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| bound_strings(v, max_chars)),
        _ => {}
    }
}

/// One schema a rule constrains.
pub struct Target<'a> {
    schema: &'a mut Value,
    place: String,
}

impl<'a> Target<'a> {
    fn found(schema: Option<&'a mut Value>, place: &str) -> Self {
        let schema = schema.unwrap_or_else(|| panic!("spec rule: no `{place}` in this spec"));
        Self {
            schema,
            place: place.to_owned(),
        }
    }

    fn walk(self, path: &str) -> Self {
        path.split('.')
            .filter(|s| !s.is_empty())
            .fold(self, |t, step| t.step(step))
    }

    fn step(self, step: &str) -> Self {
        let (name, items) = match step.strip_suffix("[]") {
            Some(name) => (name, true),
            None => (step, false),
        };
        let place = self.place;
        let found = self
            .schema
            .get_mut("properties")
            .and_then(|p| p.get_mut(name));
        let found = if items {
            found.and_then(|m| m.get_mut("items"))
        } else {
            found
        };
        Target::found(found, &place)
    }

    /// The schema with `constraints` (a JSON object) merged in: beside its `$ref` when it is one
    /// (as `allOf`, since OpenAPI 3.0 ignores a reference's siblings), lists extended, objects
    /// merged.
    pub fn with(self, constraints: Value) -> Self {
        let Value::Object(constraints) = constraints else {
            panic!("spec rule for `{}`: constraints are an object", self.place);
        };
        if let Some(reference) = self.schema.get("$ref").cloned() {
            let mut wrapped = std::mem::take(self.schema);
            if let Some(map) = wrapped.as_object_mut() {
                map.remove("$ref");
            }
            wrapped["allOf"] = json!([{ "$ref": reference }]);
            *self.schema = wrapped;
        }
        let map = self
            .schema
            .as_object_mut()
            .unwrap_or_else(|| panic!("spec rule: `{}` is not a schema object", self.place));
        merge(map, constraints);
        self
    }

    /// Requires `members` (name and JSON type) to be sent, and not as `null`: the type given
    /// beside the schema's own members leaves a member's `nullable` no room.
    pub fn requires(self, members: &[(&str, &str)]) -> Self {
        let names: Vec<&str> = members.iter().map(|(name, _)| *name).collect();
        let properties: Map<String, Value> = members
            .iter()
            .map(|(name, ty)| ((*name).to_owned(), json!({ "type": ty })))
            .collect();
        self.with(json!({ "required": names, "allOf": [{ "properties": properties }] }))
    }
}

fn merge(into: &mut Map<String, Value>, add: Map<String, Value>) {
    for (key, value) in add {
        match (into.get_mut(&key), value) {
            (Some(Value::Array(have)), Value::Array(more)) => {
                for v in more {
                    if !have.contains(&v) {
                        have.push(v);
                    }
                }
            }
            (Some(Value::Object(have)), Value::Object(more)) => merge(have, more),
            (_, value) => {
                into.insert(key, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Value {
        json!({
            "paths": {"/x": {"post": {
                "operationId": "make",
                "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}],
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}}
            }}},
            "components": {"schemas": {
                "A": {"type": "object", "properties": {
                    "b": {"$ref": "#/components/schemas/B"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "name": {"type": "string", "readOnly": true}
                }},
                "B": {"type": "object", "properties": {"code": {"type": "string", "nullable": true}}},
                "C": {"type": "object", "properties": {"text": {"type": "string"}}}
            }}
        })
    }

    #[test]
    fn rules_reach_members_items_params_and_references() {
        let mut d = doc();
        let mut spec = Spec::new(&mut d);
        spec.member("A.tags[]").with(json!({"minLength": 1}));
        spec.member("A.b").requires(&[("code", "string")]);
        spec.param("make", "limit").with(json!({"minimum": 1}));
        assert_eq!(
            d["components"]["schemas"]["A"]["properties"]["tags"]["items"]["minLength"],
            1
        );
        let b = &d["components"]["schemas"]["A"]["properties"]["b"];
        assert_eq!(b["allOf"][0]["$ref"], "#/components/schemas/B");
        assert_eq!(b["required"], json!(["code"]));
        assert_eq!(b["allOf"][1]["properties"]["code"]["type"], "string");
        assert_eq!(
            d["paths"]["/x"]["post"]["parameters"][0]["schema"]["minimum"],
            1
        );
    }

    #[test]
    #[should_panic(expected = "no `A.missing`")]
    fn a_rule_for_a_missing_member_panics() {
        let mut d = doc();
        Spec::new(&mut d)
            .member("A.missing")
            .with(json!({"minLength": 1}));
    }

    #[test]
    fn body_strings_are_bounded_but_not_output_or_unreachable_ones() {
        let mut d = doc();
        Spec::new(&mut d).bound_body_strings(10);
        let s = &d["components"]["schemas"];
        assert_eq!(s["A"]["properties"]["tags"]["items"]["maxLength"], 10);
        assert_eq!(s["B"]["properties"]["code"]["maxLength"], 10);
        assert!(s["A"]["properties"]["name"].get("maxLength").is_none());
        assert!(s["C"]["properties"]["text"].get("maxLength").is_none());
    }

    #[test]
    fn patterns_match_what_the_parsers_take() {
        let amount = amount_text();
        assert_eq!(amount, "^(?:[0-9]{1,10}|10000000000)$");
        assert!(countries().split('|').any(|c| c == "SE"));
        assert!(currencies().split('|').any(|c| c == "SEK"));
        assert!(locale().starts_with("(?:aa|"));
        assert_eq!(or_blank("A"), format!("^(?:[{WHITE_SPACE}]*|A)$"));
    }
}
