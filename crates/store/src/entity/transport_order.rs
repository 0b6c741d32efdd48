//! The `transport_orders` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "transport_orders")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub merchant_id: String,
    pub session_id: String,
    pub external_id: Option<String>,
    pub create_time_us: i64,
    pub update_time_us: i64,
    pub revision: i64,
    /// The shape `document` is in (see the store's `document` module).
    pub document_version: i32,
    #[sea_orm(column_type = "JsonBinary")]
    pub document: Json,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
