//! AIP-134 field masks for UpdateSession: which paths a client may name, and applying a mask to
//! the JSON form of a session.

use serde_json::{Map, Value};

use domain::FieldViolation;

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
const OUTPUT_ONLY: [&str; 6] = [
    "name",
    "state",
    "create_time",
    "update_time",
    "expire_time",
    "etag",
];

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

/// Copies each masked path from `body` into `target`; a path absent from the body is cleared.
pub fn apply(target: &mut Value, body: &Value, paths: &[String]) {
    for path in paths {
        let parts: Vec<&str> = path.split('.').collect();
        let source = parts
            .iter()
            .try_fold(body, |v, key| v.get(*key))
            .filter(|v| !v.is_null())
            .cloned();
        let (last, parents) = parts.split_last().expect("a path has at least one part");
        let mut node = &mut *target;
        for key in parents {
            if !node.get(*key).is_some_and(Value::is_object) {
                node[*key] = Value::Object(Map::new());
            }
            node = node.get_mut(*key).expect("just ensured");
        }
        let obj = node.as_object_mut().expect("parents are objects");
        match source {
            Some(v) => {
                obj.insert((*last).to_owned(), v);
            }
            None => {
                obj.remove(*last);
            }
        }
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
    fn apply_copies_and_clears() {
        let mut target =
            json!({"purchase": {"vouchers": ["OLD"], "currency_code": "SEK"}, "external_id": "a"});
        let body = json!({"purchase": {"vouchers": ["NEW"]}});
        apply(
            &mut target,
            &body,
            &["purchase.vouchers".to_owned(), "external_id".to_owned()],
        );
        assert_eq!(
            target,
            json!({"purchase": {"vouchers": ["NEW"], "currency_code": "SEK"}})
        );
    }
}
