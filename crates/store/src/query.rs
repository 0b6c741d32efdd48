//! Query pieces every list shares: creation-time bounds and the keyset position after a page.

use sea_orm::sea_query::{Condition, SimpleExpr};
use sea_orm::ColumnTrait;
use time::OffsetDateTime;

use super::micros;

/// `create_time` within the optional (inclusive?) bounds of a list filter.
pub(super) fn created_within<C: ColumnTrait>(
    column: C,
    after: Option<(OffsetDateTime, bool)>,
    before: Option<(OffsetDateTime, bool)>,
) -> Condition {
    let bound = |(t, inclusive): (OffsetDateTime, bool), ge: bool| -> SimpleExpr {
        match (ge, inclusive) {
            (true, true) => column.gte(micros(t)),
            (true, false) => column.gt(micros(t)),
            (false, true) => column.lte(micros(t)),
            (false, false) => column.lt(micros(t)),
        }
    };
    let mut condition = Condition::all();
    if let Some(a) = after {
        condition = condition.add(bound(a, true));
    }
    if let Some(b) = before {
        condition = condition.add(bound(b, false));
    }
    condition
}

/// Rows after (create_time, id) in newest-first order: older, or as old with a smaller id.
pub(super) fn before_position<T: ColumnTrait, I: ColumnTrait>(
    time_column: T,
    id_column: I,
    create_time: OffsetDateTime,
    id: String,
) -> Condition {
    let t = micros(create_time);
    Condition::any().add(time_column.lt(t)).add(
        Condition::all()
            .add(time_column.eq(t))
            .add(id_column.lt(id)),
    )
}
