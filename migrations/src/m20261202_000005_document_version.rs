//! Stored documents say which shape they are in: every row so far holds version 1, and a reader
//! of a later release knows a row it cannot read from one it can.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Sessions {
    Table,
    DocumentVersion,
}

#[derive(DeriveIden)]
enum TransportOrders {
    Table,
    DocumentVersion,
}

#[derive(DeriveIden)]
enum IdempotencyRecords {
    Table,
    DocumentVersion,
}

fn version_column<T: Iden + 'static>(column: T) -> ColumnDef {
    ColumnDef::new(column)
        .integer()
        .not_null()
        .default(1)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One ALTER per table: SQLite adds one column per statement.
        manager
            .alter_table(
                Table::alter()
                    .table(Sessions::Table)
                    .add_column(version_column(Sessions::DocumentVersion))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(TransportOrders::Table)
                    .add_column(version_column(TransportOrders::DocumentVersion))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(IdempotencyRecords::Table)
                    .add_column(version_column(IdempotencyRecords::DocumentVersion))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Sessions::Table)
                    .drop_column(Sessions::DocumentVersion)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(TransportOrders::Table)
                    .drop_column(TransportOrders::DocumentVersion)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(IdempotencyRecords::Table)
                    .drop_column(IdempotencyRecords::DocumentVersion)
                    .to_owned(),
            )
            .await
    }
}
