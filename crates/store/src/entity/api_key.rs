//! The `api_keys` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "api_keys")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub merchant_id: String,
    pub secret_hash: String,
    pub create_time_us: i64,
    pub revoke_time_us: Option<i64>,
    /// Space-separated, sorted: `admin checkout`.
    pub scopes: String,
    pub created_by: Option<String>,
    pub revoked_by: Option<String>,
    /// `true` for a test-mode key.
    pub test: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
