//! The `sessions` table. Its key is (merchant, id): session ids are unique per merchant only.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub merchant_id: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub state: String,
    pub external_id: Option<String>,
    pub create_time_us: i64,
    pub update_time_us: i64,
    pub expire_time_us: Option<i64>,
    pub revision: i64,
    /// The shape the session is stored in (see the store's `document` module): 1 in
    /// `document`, 2 in `body`.
    pub document_version: i32,
    #[sea_orm(column_type = "JsonBinary", nullable)]
    pub document: Option<Json>,
    #[sea_orm(column_type = "VarBinary(StringLen::None)", nullable)]
    pub body: Option<Vec<u8>>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
