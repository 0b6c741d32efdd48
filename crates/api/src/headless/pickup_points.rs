//! A merchant's pickup points as resources, `merchants/{merchant}/pickupPoints/{id}`: listed,
//! read, and imported in bulk as JSON or CSV (`:import`), for admin keys. The points are the
//! configuration file's `pickup_locations` shape; an import answers once they are stored, and
//! quotes use them as soon as the index built from them is swapped in.

use std::sync::Arc;

use poem::web::RemoteAddr;
use poem::{FromRequest, Request, RequestBody};
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::{Json, ParsePayload, Payload};
use poem_openapi::registry::{MetaSchema, MetaSchemaRef, Registry};
use poem_openapi::{ApiRequest, Enum, Object, OpenApi, Tags};
use serde::Deserialize;
use serde_json::{Map, Value};
use time::OffsetDateTime;

use domain::config::{PickupLocationConfig, Weekday};
use domain::FieldViolation;
use service::config::pickup_points::{point_name, points_etag, ImportMode, PointSetRecord};
use service::config::ConfigService;
use service::{Authenticator, ServiceError};

use super::config::admin;
use super::types::ConfigDocument;
use super::BearerAuth;
use crate::common::json::parse_value;
use crate::common::{page_token, ApiError, JsonBody};

#[derive(Tags)]
enum ApiTags {
    /// The merchant's own pickup points, imported in bulk and served from a spatial index.
    PickupPoints,
}

/// One of the merchant's pickup points.
#[derive(Debug, Clone, Object)]
#[oai(rename = "PickupPoint")]
pub struct PickupPoint {
    /// `merchants/{merchant}/pickupPoints/{id}`.
    pub name: String,
    /// The point as a configuration file's `pickup_locations` hold it (`PickupLocationConfig`
    /// in `openapi/merchant-config.schema.json`): `id`, `carrier`, `external_id`,
    /// `location_type`, `title`, `address` with `coordinates`, `opening_hours`.
    pub location: ConfigDocument,
}

#[derive(Debug, Clone, Object)]
#[oai(rename = "ListPickupPointsResponse")]
pub struct ListPickupPointsResponse {
    /// By id.
    pub pickup_points: Vec<PickupPoint>,
    /// Pass as `page_token` for the next page; empty on the last page.
    pub next_page_token: String,
    /// How many points the set holds.
    pub total_size: i64,
    /// The version of the whole set, for a conditional `:import` (its `set_etag`).
    pub set_etag: String,
}

/// What an import does with the points already stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Deserialize)]
#[oai(rename = "PickupPointImportMode", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Mode {
    /// As `UPSERT`.
    ModeUnspecified,
    /// The imported points become the whole set; every other point is removed.
    Replace,
    /// The imported points are added; a stored point of the same id is replaced.
    Upsert,
}

/// Points to import, as JSON.
#[derive(Debug, Clone, Object, Deserialize)]
#[oai(rename = "ImportPickupPointsRequest")]
#[serde(deny_unknown_fields)]
pub struct ImportRequest {
    /// Each in the configuration file's `pickup_locations` shape.
    pub pickup_points: Vec<ConfigDocument>,
}

#[derive(Debug, Clone, Object)]
#[oai(rename = "ImportPickupPointsResponse")]
pub struct ImportResponse {
    /// How many points this import brought.
    pub imported_count: i64,
    /// How many the set holds now.
    pub total_size: i64,
    /// The version of the whole set now.
    pub set_etag: String,
    pub update_time: OffsetDateTime,
}

/// A CSV document, one point per line after a header line.
pub struct CsvText(pub String);

impl Payload for CsvText {
    const CONTENT_TYPE: &'static str = "text/csv; charset=utf-8";

    fn check_content_type(content_type: &str) -> bool {
        content_type
            .split(';')
            .next()
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("text/csv"))
    }

    fn schema_ref() -> MetaSchemaRef {
        // A file, as OpenAPI 3.0 spells a raw text body: generated clients take bytes or a
        // file for it, not a JSON string.
        MetaSchemaRef::Inline(Box::new(MetaSchema::new_with_format("string", "binary")))
    }

    fn register(_registry: &mut Registry) {}
}

impl ParsePayload for CsvText {
    const IS_REQUIRED: bool = true;

    async fn from_request(request: &Request, body: &mut RequestBody) -> poem::Result<Self> {
        let bytes = Vec::<u8>::from_request(request, body).await?;
        String::from_utf8(bytes)
            .map(Self)
            .map_err(|_| ApiError::from(ServiceError::invalid("csv", "is not UTF-8 text")).into())
    }
}

// The CSV columns are listed in the operation's description: the body's description is one
// line, since client generators copy it into doc comments that must not wrap a list item.
/// The points to import, as JSON or as a CSV document.
#[derive(ApiRequest)]
pub enum ImportBody {
    Json(JsonBody<ImportRequest>),
    Csv(CsvText),
}

/// What page tokens of the point list are bound to.
const POINTS: &str = "pickupPoints";
/// The weekday columns of the CSV form: the weekdays' names, as opening hours are keyed.
fn weekdays() -> impl Iterator<Item = &'static str> {
    Weekday::ALL.iter().map(|w| w.name())
}
const CSV_COLUMNS: [&str; 13] = [
    "id",
    "carrier",
    "external_id",
    "title",
    "location_type",
    "address_line",
    "postal_code",
    "city",
    "region_code",
    "country_code",
    "lat",
    "lng",
    "opening_hours_text",
];
/// At most this many problems of one import are listed.
const MAX_LISTED: usize = 50;

pub struct PickupPointsApi {
    config: Arc<ConfigService>,
    auth: Arc<Authenticator>,
}

impl PickupPointsApi {
    pub fn new(config: Arc<ConfigService>, auth: Arc<Authenticator>) -> Self {
        Self { config, auth }
    }
}

fn to_wire(merchant: &str, p: &PickupLocationConfig) -> PickupPoint {
    PickupPoint {
        name: point_name(merchant, &p.id),
        location: ConfigDocument(serde_json::to_value(p).unwrap_or_default()),
    }
}

/// The JSON form's points, each problem under `pickup_points[i]`.
fn json_points(request: ImportRequest) -> Result<Vec<PickupLocationConfig>, Vec<FieldViolation>> {
    let mut points = Vec::with_capacity(request.pickup_points.len());
    let mut problems = Vec::new();
    for (i, doc) in request.pickup_points.iter().enumerate() {
        match parse_value::<PickupLocationConfig>(&doc.0) {
            Ok(p) => points.push(p),
            Err(v) => problems.push(FieldViolation::new(
                format!("pickup_points[{i}].{}", v.field),
                v.description,
            )),
        }
    }
    if problems.is_empty() {
        Ok(points)
    } else {
        Err(problems)
    }
}

/// One CSV line's point in the configuration file's shape, by column.
fn csv_point(columns: &[String], record: &csv::StringRecord) -> Result<Value, String> {
    let cell = |name: &str| {
        columns
            .iter()
            .position(|c| c == name)
            .and_then(|i| record.get(i))
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    let number = |name: &str| -> Result<Value, String> {
        let text = cell(name).ok_or_else(|| format!("`{name}` is empty"))?;
        text.parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(Value::from)
            .ok_or_else(|| format!("`{name}`: `{text}` is not a number"))
    };
    let text = |name: &str| cell(name).map(|v| Value::String(v.to_owned()));
    let required = |name: &str| text(name).ok_or_else(|| format!("`{name}` is empty"));
    let mut address = Map::new();
    address.insert("country_code".into(), required("country_code")?);
    for (column, member) in [
        ("postal_code", "postal_code"),
        ("city", "city"),
        ("region_code", "region_code"),
    ] {
        if let Some(v) = text(column) {
            address.insert(member.into(), v);
        }
    }
    if let Some(line) = text("address_line") {
        address.insert("address_lines".into(), Value::Array(vec![line]));
    }
    address.insert(
        "coordinates".into(),
        serde_json::json!({ "lat": number("lat")?, "lng": number("lng")? }),
    );
    let mut hours = Map::new();
    for day in weekdays() {
        if let Some(intervals) = cell(day) {
            hours.insert(
                day.into(),
                intervals.split_whitespace().map(Value::from).collect(),
            );
        }
    }
    let id = required("id")?;
    let mut point = Map::new();
    point.insert(
        "external_id".into(),
        text("external_id").unwrap_or(id.clone()),
    );
    point.insert("id".into(), id);
    point.insert("carrier".into(), required("carrier")?);
    point.insert("title".into(), required("title")?);
    point.insert("location_type".into(), required("location_type")?);
    point.insert("address".into(), Value::Object(address));
    point.insert("opening_hours".into(), Value::Object(hours));
    if let Some(free) = text("opening_hours_text") {
        point.insert("opening_hours_text".into(), Value::Array(vec![free]));
    }
    Ok(Value::Object(point))
}

/// The CSV form's points, and the line each came from; each problem on field `csv`, with its
/// line and column.
fn csv_points(text: &str) -> Result<(Vec<PickupLocationConfig>, Vec<u64>), Vec<FieldViolation>> {
    let problem =
        |line: u64, what: String| FieldViolation::new("csv", format!("line {line}: {what}"));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let columns: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_owned()).collect(),
        Err(e) => return Err(vec![problem(1, format!("the header line: {e}"))]),
    };
    let mut problems = Vec::new();
    for column in &columns {
        if !CSV_COLUMNS.contains(&column.as_str()) && !weekdays().any(|d| d == column) {
            problems.push(problem(
                1,
                format!(
                    "unknown column `{column}`; the columns are {}, and monday .. sunday",
                    CSV_COLUMNS.join(", ")
                ),
            ));
        }
    }
    for required in [
        "id",
        "carrier",
        "title",
        "location_type",
        "country_code",
        "lat",
        "lng",
    ] {
        if !columns.iter().any(|c| c == required) {
            problems.push(problem(1, format!("the column `{required}` is missing")));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut points = Vec::new();
    let mut lines = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line);
                problems.push(problem(line, e.to_string()));
                continue;
            }
        };
        let line = record.position().map_or(0, csv::Position::line);
        match csv_point(&columns, &record).and_then(|v| {
            parse_value::<PickupLocationConfig>(&v)
                .map_err(|f| format!("`{}`: {}", f.field, f.description))
        }) {
            Ok(p) => {
                points.push(p);
                lines.push(line);
            }
            Err(what) => problems.push(problem(line, what)),
        }
        if problems.len() >= MAX_LISTED {
            break;
        }
    }
    if problems.is_empty() {
        Ok((points, lines))
    } else {
        Err(problems)
    }
}

/// The service's `pickup_points[i]...` problems of a CSV import as problems of its lines.
fn on_lines(problems: Vec<FieldViolation>, lines: &[u64]) -> Vec<FieldViolation> {
    problems
        .into_iter()
        .map(|v| {
            let Some(rest) = v.field.strip_prefix("pickup_points[") else {
                return v;
            };
            let Some((index, member)) = rest.split_once(']') else {
                return v;
            };
            match index.parse::<usize>().ok().and_then(|i| lines.get(i)) {
                Some(line) => FieldViolation::new(
                    "csv",
                    format!(
                        "line {line}: `{}`: {}",
                        member.trim_start_matches('.'),
                        v.description
                    ),
                ),
                None => v,
            }
        })
        .collect()
}

fn import_response(set: &PointSetRecord, imported: usize) -> ImportResponse {
    ImportResponse {
        imported_count: imported as i64,
        total_size: set.count,
        set_etag: points_etag(&set.merchant_id, set.version),
        update_time: set.update_time,
    }
}

#[OpenApi]
impl PickupPointsApi {
    /// Import pickup points
    ///
    /// Stores points into the merchant's set, as JSON (`{"pickup_points": [...]}`, each in the
    /// configuration file's `pickup_locations` shape) or as CSV (`Content-Type: text/csv`).
    /// `mode=UPSERT` (the default) adds them, replacing points of the same id, so a large set
    /// can arrive in parts; `mode=REPLACE` makes them the whole set, removing every other
    /// point. Every problem is named (a JSON point by its path, a CSV one by its line) and
    /// nothing is stored while there is one. The answer comes once the points are stored;
    /// quotes use them once the index built from them is swapped in, off the request path.
    ///
    /// The CSV form has a header line naming its columns: `id`, `carrier`, `title`,
    /// `location_type`, `country_code`, `lat`, `lng` and, when wanted, `external_id` (the id
    /// when absent), `address_line`, `postal_code`, `city`, `region_code`, `monday` ..
    /// `sunday` (intervals `HH:MM-HH:MM`, separated by spaces) and `opening_hours_text`.
    #[oai(
        path = "/v1/merchants/:merchant/pickupPoints/~import",
        method = "post",
        operation_id = "importPickupPoints",
        tag = "ApiTags::PickupPoints"
    )]
    async fn import_pickup_points(
        &self,
        auth: BearerAuth,
        remote: &RemoteAddr,
        /// The merchant id, as in `merchants/{merchant}`.
        merchant: Path<String>,
        /// `UPSERT` (default) or `REPLACE`.
        mode: Query<Option<Mode>>,
        /// The `set_etag` as read (`listPickupPoints`): a stale one is refused, 409 ABORTED.
        set_etag: Query<Option<String>>,
        body: ImportBody,
    ) -> Result<Json<ImportResponse>, ApiError> {
        let by = admin(&self.auth, &auth, remote, &merchant.0).await?;
        let (points, lines) = match body {
            ImportBody::Json(json) => {
                let points = json_points(json.value()?).map_err(ServiceError::invalid_all)?;
                (points, None)
            }
            ImportBody::Csv(CsvText(text)) => {
                let (points, lines) = csv_points(&text).map_err(ServiceError::invalid_all)?;
                (points, Some(lines))
            }
        };
        let mode = match mode.0 {
            Some(Mode::Replace) => ImportMode::Replace,
            Some(Mode::Upsert | Mode::ModeUnspecified) | None => ImportMode::Upsert,
        };
        let etag = set_etag.0.filter(|e| !e.is_empty());
        let stored = self
            .config
            .import_points(&merchant.0, &points, mode, etag.as_deref(), &by.key_id)
            .await;
        let set = match (stored, &lines) {
            (Err(ServiceError::InvalidArgument { violations, .. }), Some(lines)) => {
                return Err(ServiceError::invalid_all(on_lines(violations, lines)).into())
            }
            (other, _) => other?,
        };
        tracing::info!(
            merchant = %merchant.0,
            count = points.len(),
            version = set.version,
            by = %by.key_id,
            "pickup points imported"
        );
        Ok(Json(import_response(&set, points.len())))
    }

    /// List pickup points
    ///
    /// The merchant's points by id, with how many the set holds and its `set_etag`.
    #[oai(
        path = "/v1/merchants/:merchant/pickupPoints",
        method = "get",
        operation_id = "listPickupPoints",
        tag = "ApiTags::PickupPoints"
    )]
    async fn list_pickup_points(
        &self,
        auth: BearerAuth,
        remote: &RemoteAddr,
        merchant: Path<String>,
        /// At most this many points (default 50, at most 1000; larger values are lowered).
        page_size: Query<Option<i32>>,
        /// `next_page_token` of the previous page.
        page_token: Query<Option<String>>,
    ) -> Result<Json<ListPickupPointsResponse>, ApiError> {
        admin(&self.auth, &auth, remote, &merchant.0).await?;
        let size = super::page_size(page_size.0)? as usize;
        let after = page_token
            .0
            .filter(|t| !t.is_empty())
            .map(|t| page_token::decode_position(&t, POINTS).map(|(_, id)| id))
            .transpose()?;
        let page = self
            .config
            .points_page(&merchant.0, after.as_deref(), size)
            .await?;
        let next_page_token = page
            .next
            .map(|id| page_token::encode_position(OffsetDateTime::UNIX_EPOCH, &id, POINTS))
            .unwrap_or_default();
        Ok(Json(ListPickupPointsResponse {
            pickup_points: page
                .points
                .iter()
                .map(|p| to_wire(&merchant.0, p))
                .collect(),
            next_page_token,
            total_size: page.set.as_ref().map_or(0, |s| s.count),
            set_etag: points_etag(&merchant.0, page.set.map_or(0, |s| s.version)),
        }))
    }

    /// Get a pickup point
    ///
    /// One point of the merchant's set, in the configuration file's `pickup_locations` shape.
    #[oai(
        path = "/v1/merchants/:merchant/pickupPoints/:pickup_point",
        method = "get",
        operation_id = "getPickupPoint",
        tag = "ApiTags::PickupPoints"
    )]
    async fn get_pickup_point(
        &self,
        auth: BearerAuth,
        remote: &RemoteAddr,
        merchant: Path<String>,
        /// The point's id, as in `pickupPoints/{pickup_point}`.
        pickup_point: Path<String>,
    ) -> Result<Json<PickupPoint>, ApiError> {
        admin(&self.auth, &auth, remote, &merchant.0).await?;
        let point = self.config.point(&merchant.0, &pickup_point.0).await?;
        Ok(Json(to_wire(&merchant.0, &point)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id,carrier,title,location_type,address_line,postal_code,city,\
                          country_code,lat,lng,monday,saturday\n";

    #[test]
    fn a_csv_line_becomes_a_point_in_the_file_shape() {
        let text = format!(
            "{HEADER}ib-1,Instabox,Locker One,LOCKER,Storgatan 1,11122,Stockholm,SE,59.33,\
             18.06,08:00-12:00 13:00-20:00,\n"
        );
        let (points, lines) = csv_points(&text).unwrap();
        assert_eq!(lines, [2]);
        let p = &points[0];
        assert_eq!(p.id, "ib-1");
        assert_eq!(
            p.external_id, "ib-1",
            "the id stands in for a missing external id"
        );
        assert_eq!(p.address.address_lines, ["Storgatan 1"]);
        assert_eq!(p.address.coordinates.unwrap().lng, 18.06);
        assert_eq!(p.opening_hours["monday"], ["08:00-12:00", "13:00-20:00"]);
        assert!(
            !p.opening_hours.contains_key("saturday"),
            "an empty cell is closed"
        );
    }

    #[test]
    fn csv_problems_name_their_line_and_column() {
        let text = format!(
            "{HEADER}ib-1,Instabox,Locker One,LOCKER,,,,SE,north,18.06,,\n\
             ib-2,Instabox,Locker Two,CUPBOARD,,,,SE,59.3,18.0,,\n"
        );
        let problems = csv_points(&text).unwrap_err();
        let texts: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 2, "{texts:?}");
        assert!(
            texts[0].contains("line 2") && texts[0].contains("`lat`"),
            "{texts:?}"
        );
        assert!(
            texts[1].contains("line 3") && texts[1].contains("location_type"),
            "{texts:?}"
        );
        assert!(problems.iter().all(|p| p.field == "csv"));
    }

    #[test]
    fn an_unknown_or_missing_column_is_refused_before_any_line() {
        let problems = csv_points("id,carrier,colour\n1,x,red\n").unwrap_err();
        let texts: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(
            texts.iter().any(|t| t.contains("unknown column `colour`")),
            "{texts:?}"
        );
        assert!(
            texts.iter().any(|t| t.contains("`lat` is missing")),
            "{texts:?}"
        );
    }

    #[test]
    fn service_problems_of_a_csv_import_point_at_its_lines() {
        let mapped = on_lines(
            vec![FieldViolation::new(
                "pickup_points[1].address.coordinates",
                "a pickup location needs coordinates",
            )],
            &[2, 5],
        );
        assert_eq!(mapped[0].field, "csv");
        assert_eq!(
            mapped[0].description,
            "line 5: `address.coordinates`: a pickup location needs coordinates"
        );
    }
}
