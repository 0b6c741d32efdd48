//! The list filter: a small AIP-160 subset, `field op value` terms joined by `AND`.
//!
//! Supported: `state = ACTIVE|COMPLETED`, `state != ...`, `create_time` with `<`, `<=`, `>`,
//! `>=` and an RFC 3339 value, `external_id = "..."`. Values may be quoted.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use domain::SessionState;

use super::error::ServiceError;
use domain::config::EventType;
use domain::SessionId;
use ports::{EventFilter, OrderFilter, SessionFilter};

/// The list filter of transport orders: `session = "sessions/{id}"`, `external_id = "..."`
/// and `create_time` bounds, joined by `AND`.
pub fn parse_order_filter(text: &str) -> Result<OrderFilter, ServiceError> {
    let mut filter = OrderFilter::default();
    for (field, op, value) in terms(text)? {
        match (field.as_str(), op.as_str()) {
            ("session", "=") => {
                filter.session_id =
                    Some(SessionId::parse(&value).map_err(|e| bad(format!("session: {e}")))?)
            }
            ("external_id", "=") => filter.external_id = Some(value),
            ("create_time", op @ (">" | ">=" | "<" | "<=")) => time_bound(
                op,
                &value,
                &mut filter.created_after,
                &mut filter.created_before,
            )?,
            ("session" | "create_time" | "external_id", op) => {
                return Err(bad(format!(
                    "operator `{op}` is not supported on `{field}`"
                )))
            }
            (other, _) => {
                return Err(bad(format!(
                    "cannot filter on `{other}`; use session, create_time or external_id"
                )))
            }
        }
    }
    Ok(filter)
}

/// The list filter of events: `type = "session.completed"`, `session = "sessions/{id}"` and
/// `create_time` bounds, joined by `AND`.
pub fn parse_event_filter(text: &str) -> Result<EventFilter, ServiceError> {
    let mut filter = EventFilter::default();
    for (field, op, value) in terms(text)? {
        match (field.as_str(), op.as_str()) {
            ("type", "=") => {
                filter.event_type = Some(EventType::parse(&value).ok_or_else(|| {
                    bad(format!(
                        "`{value}` is not an event type (session.completed, transport_order.created, transport_order.updated)"
                    ))
                })?)
            }
            ("session", "=") => {
                filter.session_id = Some(
                    SessionId::parse(&value).map_err(|e| bad(format!("session: {e}")))?,
                )
            }
            ("create_time", op @ (">" | ">=" | "<" | "<=")) => time_bound(
                op,
                &value,
                &mut filter.created_after,
                &mut filter.created_before,
            )?,
            ("type" | "session" | "create_time", op) => {
                return Err(bad(format!("operator `{op}` is not supported on `{field}`")))
            }
            (other, _) => {
                return Err(bad(format!(
                    "cannot filter on `{other}`; use type, session or create_time"
                )))
            }
        }
    }
    Ok(filter)
}

fn terms(text: &str) -> Result<Vec<(String, String, String)>, ServiceError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Vec::new());
    }
    split_and(text).iter().map(|t| split_term(t)).collect()
}

pub fn parse_filter(text: &str) -> Result<SessionFilter, ServiceError> {
    let mut filter = SessionFilter::default();
    for (field, op, value) in terms(text)? {
        match (field.as_str(), op.as_str()) {
            ("state", "=") => filter.state = Some(state(&value)?),
            ("state", "!=") => filter.state_not = Some(state(&value)?),
            ("create_time", op @ (">" | ">=" | "<" | "<=")) => time_bound(
                op,
                &value,
                &mut filter.created_after,
                &mut filter.created_before,
            )?,
            ("external_id", "=") => filter.external_id = Some(value),
            ("state" | "create_time" | "external_id", op) => {
                return Err(bad(format!(
                    "operator `{op}` is not supported on `{field}`"
                )))
            }
            (other, _) => {
                return Err(bad(format!(
                    "cannot filter on `{other}`; use state, create_time or external_id"
                )))
            }
        }
    }
    Ok(filter)
}

fn bad(description: String) -> ServiceError {
    ServiceError::invalid("filter", description)
}

/// Splits on the `AND` keyword outside quotes.
fn split_and(text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let words: Vec<&str> = text.split(' ').collect();
    for word in words {
        if !quoted && word == "AND" {
            terms.push(std::mem::take(&mut current));
            continue;
        }
        quoted ^= word.matches('"').count() % 2 == 1;
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    terms.push(current);
    terms
}

fn split_term(term: &str) -> Result<(String, String, String), ServiceError> {
    let term = term.trim();
    for op in ["!=", ">=", "<=", "=", ">", "<"] {
        if let Some(at) = term.find(op) {
            let field = term[..at].trim();
            let value = term[at + op.len()..].trim();
            if field.is_empty() || value.is_empty() {
                break;
            }
            let value = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(value);
            return Ok((field.to_owned(), op.to_owned(), value.to_owned()));
        }
    }
    Err(bad(format!(
        "`{term}` is not a `field operator value` term"
    )))
}

fn state(value: &str) -> Result<SessionState, ServiceError> {
    SessionState::parse(value)
        .ok_or_else(|| bad(format!("`{value}` is not a state (ACTIVE or COMPLETED)")))
}

/// Records a `create_time` comparison as a lower or upper bound (inclusive for `>=`, `<=`).
fn time_bound(
    op: &str,
    value: &str,
    after: &mut Option<(OffsetDateTime, bool)>,
    before: &mut Option<(OffsetDateTime, bool)>,
) -> Result<(), ServiceError> {
    let bound = Some((time(value)?, op.ends_with('=')));
    if op.starts_with('>') {
        *after = bound;
    } else {
        *before = bound;
    }
    Ok(())
}

fn time(value: &str) -> Result<OffsetDateTime, ServiceError> {
    OffsetDateTime::parse(value, &Rfc3339)
        .map_err(|_| bad(format!("`{value}` is not an RFC 3339 timestamp")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn empty_means_everything() {
        assert_eq!(parse_filter("  ").unwrap(), SessionFilter::default());
    }

    #[test]
    fn terms_combine_with_and() {
        let f = parse_filter(
            r#"state = COMPLETED AND create_time >= "2026-11-01T00:00:00Z" AND external_id = "order 17""#,
        )
        .unwrap();
        assert_eq!(f.state, Some(SessionState::Completed));
        assert_eq!(
            f.created_after,
            Some((datetime!(2026-11-01 00:00:00 UTC), true))
        );
        assert_eq!(f.external_id.as_deref(), Some("order 17"));
    }

    #[test]
    fn strict_and_negated_bounds() {
        let f = parse_filter("create_time < 2026-11-01T00:00:00Z AND state != ACTIVE").unwrap();
        assert_eq!(
            f.created_before,
            Some((datetime!(2026-11-01 00:00:00 UTC), false))
        );
        assert_eq!(f.state_not, Some(SessionState::Active));
    }

    #[test]
    fn order_filters() {
        let id = SessionId::new_random();
        let f = parse_order_filter(&format!(
            r#"session = "{}" AND external_id = "o-1" AND create_time < "2026-11-01T00:00:00Z""#,
            id.resource_name()
        ))
        .unwrap();
        assert_eq!(f.session_id, Some(id));
        assert_eq!(f.external_id.as_deref(), Some("o-1"));
        assert!(f.created_before.is_some());
        assert!(parse_order_filter("state = ACTIVE").is_err());
        assert!(parse_order_filter("session = nope").is_err());
    }

    #[test]
    fn mistakes_name_the_filter() {
        for bad in [
            "color = red",
            "state = OPEN",
            "create_time > yesterday",
            "state",
            "state ~ ACTIVE",
            "external_id > x",
        ] {
            match parse_filter(bad) {
                Err(ServiceError::InvalidArgument { violations, .. }) => {
                    assert_eq!(violations[0].field, "filter", "{bad}")
                }
                other => panic!("{bad}: {other:?}"),
            }
        }
    }
}
