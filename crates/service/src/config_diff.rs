//! What changed between two versions of a merchant's configuration: each changed leaf by the
//! path the validation messages use (`categories[2].price.SEK`), with its value before and after.

use serde_json::Value;

/// One changed place in a configuration; `None` where the value is absent on that side.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigChange {
    pub path: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// The changes that turn `before` into `after`, in document order (object members sorted by
/// name). Objects and arrays are compared member by member and item by item, so one price
/// changed in a long list is one change; a value that changes type is one change at its path.
pub fn diff(before: &Value, after: &Value) -> Vec<ConfigChange> {
    let mut changes = Vec::new();
    walk("", Some(before), Some(after), &mut changes);
    changes
}

fn join_member(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

fn walk(path: &str, before: Option<&Value>, after: Option<&Value>, out: &mut Vec<ConfigChange>) {
    match (before, after) {
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            let mut names: Vec<&String> = a.keys().chain(b.keys()).collect();
            names.sort();
            names.dedup();
            for name in names {
                walk(&join_member(path, name), a.get(name), b.get(name), out);
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b))) => {
            for i in 0..a.len().max(b.len()) {
                walk(&format!("{path}[{i}]"), a.get(i), b.get(i), out);
            }
        }
        (a, b) if a == b => {}
        (a, b) => out.push(ConfigChange {
            path: path.to_owned(),
            before: a.cloned(),
            after: b.cloned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn equal_documents_have_no_changes() {
        let doc = json!({"categories": [{"id": "home", "price": {"SEK": 4900}}]});
        assert_eq!(diff(&doc, &doc), vec![]);
    }

    #[test]
    fn one_price_in_a_list_is_one_change_by_its_path() {
        let before = json!({"categories": [{"id": "a", "price": {"SEK": 1}}, {"id": "b", "price": {"SEK": 2}}]});
        let after = json!({"categories": [{"id": "a", "price": {"SEK": 1}}, {"id": "b", "price": {"SEK": 3}}]});
        assert_eq!(
            diff(&before, &after),
            vec![ConfigChange {
                path: "categories[1].price.SEK".into(),
                before: Some(json!(2)),
                after: Some(json!(3)),
            }]
        );
    }

    #[test]
    fn added_and_removed_members_and_items_have_one_side_absent() {
        let before = json!({"holidays": ["2026-12-24"], "old": true});
        let after = json!({"holidays": ["2026-12-24", "2026-12-25"], "new": {"x": 1}});
        assert_eq!(
            diff(&before, &after),
            vec![
                ConfigChange {
                    path: "holidays[1]".into(),
                    before: None,
                    after: Some(json!("2026-12-25")),
                },
                ConfigChange {
                    path: "new".into(),
                    before: None,
                    after: Some(json!({"x": 1})),
                },
                ConfigChange {
                    path: "old".into(),
                    before: Some(json!(true)),
                    after: None,
                },
            ]
        );
    }

    #[test]
    fn a_value_changing_type_is_one_change() {
        let changes = diff(&json!({"a": [1, 2]}), &json!({"a": {"b": 1}}));
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].path, "a");
    }
}
