//! AIP-134 field masks for UpdateSession: which paths a client may name, and the typed patch a
//! mask and a body make.

use serde::de::DeserializeOwned;
use serde_json::Value;

use domain::{FieldViolation, Violations};
use service::{AddressFields, AddressPatch, SessionPatch};

use super::mapping;
use super::model as wire;
use super::types::Int64;
use crate::common::json::parse_value;

/// Top-level members a client writes. `deliveries` is replaced whole: a delivery's line items
/// and recipient only make sense together.
const WRITABLE: [&str; 4] = ["purchase", "deliveries", "search_address", "external_id"];
/// Members of `purchase` and `search_address` that can be named on their own.
const PURCHASE_FIELDS: [&str; 6] = [
    "country_code",
    "currency_code",
    "total_discount",
    "total_value",
    "vouchers",
    "locales",
];
const ADDRESS_FIELDS: [&str; 8] = [
    "country_code",
    "region_code",
    "postal_code",
    "city",
    "address_lines",
    "coordinates",
    "street",
    "street_number",
];
/// Output-only: named in a mask they are ignored, as AIP-203 asks.
const OUTPUT_ONLY: [&str; 8] = [
    "name",
    "state",
    "create_time",
    "update_time",
    "expire_time",
    "etag",
    "config_revision",
    "test",
];

/// What an `update_mask` may name, as a regex for the spec: `*`, or comma-separated paths
/// (output-only ones are allowed and ignored).
pub fn mask_pattern() -> String {
    let purchase = PURCHASE_FIELDS.join("|");
    let address = ADDRESS_FIELDS.join("|");
    let path = format!(
        "purchase(?:\\.(?:{purchase}))?|deliveries|search_address(?:\\.(?:{address}))?|external_id|{}",
        OUTPUT_ONLY.join("|")
    );
    format!("^(?:\\*|(?:{path})(?:,(?:{path}))*)?$")
}

/// The paths to write: the explicit mask, `*` for every writable member, or without a mask the
/// members present in the body (one level into `purchase`).
pub fn resolve(mask: Option<&str>, body: &Value) -> Result<Vec<String>, FieldViolation> {
    let paths: Vec<String> = match mask.map(str::trim) {
        Some("*") => return Ok(WRITABLE.iter().map(|s| (*s).to_owned()).collect()),
        Some(m) if !m.is_empty() => m.split(',').map(|p| p.trim().to_owned()).collect(),
        _ => implicit(body),
    };
    let mut out = Vec::new();
    for path in paths {
        if OUTPUT_ONLY.contains(&path.as_str()) {
            continue;
        }
        if !is_writable(&path) {
            return Err(FieldViolation::new(
                "update_mask",
                format!(
                    "`{path}` is not a writable field; use purchase[.country_code|.currency_code|.total_discount|.total_value|.vouchers|.locales], deliveries, search_address[.<field>], external_id or *"
                ),
            ));
        }
        if !out.contains(&path) {
            out.push(path);
        }
    }
    if out.is_empty() {
        return Err(FieldViolation::new(
            "update_mask",
            "names no writable field, and the body sets none",
        ));
    }
    Ok(out)
}

/// Refuses what is wrong in the members of `body` that `paths` does not write: a member a
/// client sent is answered when it is malformed, whether or not the mask writes it, so a typo
/// is not silently dropped. The search address counts field by field when the mask names its
/// fields.
pub fn check_unmasked(body: &Value, paths: &[String]) -> Result<(), Vec<FieldViolation>> {
    let by_field = paths.iter().any(|p| p.starts_with("search_address."));
    let mut present = implicit(body);
    if by_field {
        if let Some(fields) = body.get("search_address").and_then(Value::as_object) {
            present.retain(|p| p != "search_address");
            present.extend(fields.keys().map(|k| format!("search_address.{k}")));
        }
    }
    let mut v = Violations::new();
    let mut unmasked = Vec::new();
    for path in present {
        let covered = paths
            .iter()
            .any(|p| *p == path || path.starts_with(&format!("{p}.")));
        if covered || OUTPUT_ONLY.contains(&path.as_str()) {
            continue;
        }
        if is_writable(&path) {
            unmasked.push(path);
        } else {
            v.push(path, "is not a writable member of a session");
        }
    }
    if let Err(found) = patch(body, &unmasked) {
        for f in found {
            v.push(f.field, f.description);
        }
    }
    v.finish(())
}

fn implicit(body: &Value) -> Vec<String> {
    let Some(obj) = body.as_object() else {
        return Vec::new();
    };
    let mut paths = Vec::new();
    for (key, value) in obj {
        match (key.as_str(), value.as_object()) {
            ("purchase", Some(p)) => paths.extend(p.keys().map(|k| format!("purchase.{k}"))),
            _ => paths.push(key.clone()),
        }
    }
    paths
}

fn is_writable(path: &str) -> bool {
    match path.split_once('.') {
        None => WRITABLE.contains(&path),
        Some(("purchase", field)) => PURCHASE_FIELDS.contains(&field),
        Some(("search_address", field)) => ADDRESS_FIELDS.contains(&field),
        Some(_) => false,
    }
}

/// The value at `path` in the body (`None` when absent or null: the field is cleared).
fn at<'a>(body: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(body, |v, key| v.get(key))
        .filter(|v| !v.is_null())
}

/// `value` parsed as `T`, a violation named by its path under `path` otherwise.
fn typed<T: DeserializeOwned>(value: &Value, path: &str, v: &mut Violations) -> Option<T> {
    match parse_value::<T>(value) {
        Ok(t) => Some(t),
        Err(e) => {
            let field = match e.field.as_str() {
                "" | "body" => path.to_owned(),
                inner if inner.starts_with('[') => format!("{path}{inner}"),
                inner => format!("{path}.{inner}"),
            };
            v.push(field, e.description);
            None
        }
    }
}

fn required<'a>(body: &'a Value, path: &str, v: &mut Violations) -> Option<&'a Value> {
    let found = at(body, path);
    if found.is_none() {
        v.push(path, "is required");
    }
    found
}

/// What an update writes: each masked path read from `body`, a path absent from the body
/// clearing its field. Every bad field is reported, by its path in the session.
pub fn patch(body: &Value, paths: &[String]) -> Result<SessionPatch, Vec<FieldViolation>> {
    let mut v = Violations::new();
    let mut p = SessionPatch::default();
    let whole_address = paths.iter().any(|path| path == "search_address");
    let mut fields = AddressFields::default();
    let mut any_field = false;
    for path in paths {
        let value = at(body, path);
        match path.as_str() {
            "purchase" => {
                let purchase = required(body, path, &mut v)
                    .and_then(|raw| typed::<wire::SessionPurchase>(raw, path, &mut v))
                    .and_then(|w| mapping::purchase(w, path, &mut v));
                if let Some(purchase) = purchase {
                    p.country_code = Some(purchase.country_code);
                    p.currency_code = Some(purchase.currency_code);
                    p.total_discount = Some(purchase.total_discount);
                    p.total_value = Some(purchase.total_value);
                    p.vouchers = Some(purchase.vouchers);
                    p.locales = Some(purchase.locales);
                }
            }
            "purchase.country_code" => {
                p.country_code = required(body, path, &mut v)
                    .and_then(|raw| typed::<String>(raw, path, &mut v))
                    .and_then(|text| mapping::parse(&text, path, &mut v));
            }
            "purchase.currency_code" => {
                p.currency_code = required(body, path, &mut v)
                    .and_then(|raw| typed::<String>(raw, path, &mut v))
                    .and_then(|text| mapping::parse(&text, path, &mut v));
            }
            "purchase.total_discount" | "purchase.total_value" => {
                let amount = value
                    .and_then(|raw| typed::<Int64>(raw, path, &mut v))
                    .and_then(|n| mapping::amount(Some(n), path, &mut v));
                if path.ends_with("total_value") {
                    p.total_value = Some(amount);
                } else {
                    p.total_discount = Some(amount);
                }
            }
            "purchase.vouchers" => {
                let vouchers: Vec<String> = value
                    .and_then(|raw| typed(raw, path, &mut v))
                    .unwrap_or_default();
                for (i, voucher) in vouchers.iter().enumerate() {
                    mapping::required_text(voucher, &format!("{path}[{i}]"), &mut v);
                }
                p.vouchers = Some(vouchers);
            }
            "purchase.locales" => {
                let locales: Vec<String> = value
                    .and_then(|raw| typed(raw, path, &mut v))
                    .unwrap_or_default();
                p.locales = mapping::locales(&locales, path, &mut v);
            }
            "deliveries" => {
                let deliveries: Vec<wire::Delivery> = value
                    .and_then(|raw| typed(raw, path, &mut v))
                    .unwrap_or_default();
                if deliveries.is_empty() && value.is_none_or(Value::is_array) {
                    v.push(path, "at least one delivery is required");
                }
                let drafts: Option<Vec<_>> = deliveries
                    .into_iter()
                    .enumerate()
                    .map(|(i, d)| mapping::delivery(d, &format!("deliveries[{i}]"), &mut v))
                    .collect();
                p.deliveries = drafts;
            }
            "search_address" => {
                let address = value
                    .and_then(|raw| typed::<wire::Address>(raw, path, &mut v))
                    .and_then(|a| mapping::address(a, path, &mut v));
                p.search_address = Some(AddressPatch::Replace(address));
            }
            "external_id" => {
                let id: Option<String> = value.and_then(|raw| typed(raw, path, &mut v));
                if matches!(&id, Some(id) if id.chars().count() > 256) {
                    v.push(path, "must be at most 256 characters");
                }
                p.external_id = Some(id.filter(|e| !e.is_empty()));
            }
            field if field.starts_with("search_address.") && !whole_address => {
                any_field = true;
                address_field(&mut fields, field, value, &mut v);
            }
            _ => {}
        }
    }
    if any_field {
        p.search_address = Some(AddressPatch::Fields(fields));
    }
    v.finish(p)
}

fn address_field(f: &mut AddressFields, path: &str, value: Option<&Value>, v: &mut Violations) {
    let text = |v: &mut Violations| -> Option<String> {
        value.and_then(|raw| typed::<String>(raw, path, v))
    };
    match path.trim_start_matches("search_address.") {
        "country_code" => match text(v) {
            Some(t) => f.country_code = mapping::parse(&t, path, v),
            None => v.push(path, "is required"),
        },
        "region_code" => f.region_code = Some(text(v)),
        "postal_code" => f.postal_code = Some(text(v).filter(|p| !p.trim().is_empty())),
        "city" => f.city = Some(text(v)),
        "street" => f.street = Some(text(v)),
        "street_number" => f.street_number = Some(text(v)),
        "address_lines" => {
            f.address_lines = Some(
                value
                    .and_then(|raw| typed::<Vec<String>>(raw, path, v))
                    .unwrap_or_default(),
            )
        }
        "coordinates" => {
            let c = value.and_then(|raw| typed::<wire::Coordinates>(raw, path, v));
            if let Some(c) = &c {
                if !(-90.0..=90.0).contains(&c.lat) {
                    v.push(format!("{path}.lat"), "must be within -90 and 90");
                }
                if !(-180.0..=180.0).contains(&c.lng) {
                    v.push(format!("{path}.lng"), "must be within -180 and 180");
                }
            }
            f.coordinates = Some(c.map(|c| domain::Coordinates {
                lat: c.lat,
                lng: c.lng,
            }));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn implicit_mask_takes_present_members() {
        let body = json!({"purchase": {"vouchers": ["A"]}, "external_id": "x", "etag": "e"});
        assert_eq!(
            resolve(None, &body).unwrap(),
            vec!["external_id".to_owned(), "purchase.vouchers".to_owned()]
        );
    }

    #[test]
    fn star_names_every_writable_member() {
        assert_eq!(
            resolve(Some("*"), &json!({})).unwrap().len(),
            WRITABLE.len()
        );
    }

    #[test]
    fn output_only_paths_are_ignored_and_unknown_ones_refused() {
        assert_eq!(
            resolve(Some("create_time,external_id"), &json!({})).unwrap(),
            vec!["external_id".to_owned()]
        );
        let err = resolve(Some("purchase.colour"), &json!({})).unwrap_err();
        assert_eq!(err.field, "update_mask");
        assert!(resolve(Some("deliveries.line_items"), &json!({})).is_err());
        assert!(resolve(Some("state"), &json!({})).is_err());
    }

    #[test]
    fn a_patch_takes_masked_paths_only_and_clears_absent_ones() {
        let body = json!({"purchase": {"vouchers": ["NEW"], "currency_code": "EUR"}});
        let p = patch(
            &body,
            &["purchase.vouchers".to_owned(), "external_id".to_owned()],
        )
        .unwrap();
        assert_eq!(p.vouchers, Some(vec!["NEW".to_owned()]));
        assert_eq!(p.currency_code, None, "not in the mask");
        assert_eq!(p.external_id, Some(None), "masked and absent: cleared");
    }

    #[test]
    fn bad_values_are_named_by_their_path() {
        let body = json!({"purchase": {"currency_code": "XYZ", "total_value": "-5"},
            "search_address": {"coordinates": {"lat": 91.0, "lng": 0.0}}});
        let err = patch(
            &body,
            &[
                "purchase.currency_code".to_owned(),
                "purchase.total_value".to_owned(),
                "purchase.country_code".to_owned(),
                "search_address.coordinates".to_owned(),
            ],
        )
        .unwrap_err();
        let fields: Vec<&str> = err.iter().map(|v| v.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "purchase.currency_code",
                "purchase.total_value",
                "purchase.country_code",
                "search_address.coordinates.lat"
            ]
        );
    }
}
