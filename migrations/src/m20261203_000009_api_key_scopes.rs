//! API keys carry scopes (`checkout` for the session surfaces, `admin` for configuration and
//! keys) and who made and revoked them through the API. Keys from before keep everything they
//! could do: both scopes.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ApiKeys {
    Table,
    Scopes,
    CreatedBy,
    RevokedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one thing at a time.
        let columns = [
            ColumnDef::new(ApiKeys::Scopes)
                .string_len(64)
                .not_null()
                .default("admin checkout")
                .to_owned(),
            ColumnDef::new(ApiKeys::CreatedBy)
                .string_len(64)
                .null()
                .to_owned(),
            ColumnDef::new(ApiKeys::RevokedBy)
                .string_len(64)
                .null()
                .to_owned(),
        ];
        for mut column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(ApiKeys::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [ApiKeys::RevokedBy, ApiKeys::CreatedBy, ApiKeys::Scopes] {
            manager
                .alter_table(
                    Table::alter()
                        .table(ApiKeys::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
