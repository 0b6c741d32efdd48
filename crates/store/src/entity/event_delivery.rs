//! The `event_deliveries` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "event_deliveries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub event_id: String,
    pub merchant_id: String,
    pub endpoint_id: String,
    pub url: String,
    pub session_id: String,
    pub sequence: i64,
    pub state: String,
    pub attempts: i32,
    pub next_attempt_us: i64,
    pub lease_until_us: Option<i64>,
    pub last_error: Option<String>,
    pub delivered_time_us: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
