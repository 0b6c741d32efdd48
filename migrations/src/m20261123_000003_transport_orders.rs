//! Transport orders, stored like sessions: a JSON document beside the columns lists filter on.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum TransportOrders {
    Table,
    Id,
    MerchantId,
    SessionId,
    ExternalId,
    CreateTimeUs,
    UpdateTimeUs,
    Revision,
    Document,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TransportOrders::Table)
                    .col(
                        ColumnDef::new(TransportOrders::Id)
                            .string_len(32)
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(TransportOrders::MerchantId)
                            .string_len(128)
                            .not_null(),
                    )
                    // The session whose completion wrote the current version.
                    .col(
                        ColumnDef::new(TransportOrders::SessionId)
                            .string_len(36)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(TransportOrders::ExternalId)
                            .string_len(256)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(TransportOrders::CreateTimeUs)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(TransportOrders::UpdateTimeUs)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(TransportOrders::Revision)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(TransportOrders::Document)
                            .json_binary()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            (
                "idx_transport_orders_merchant_create_time",
                TransportOrders::CreateTimeUs,
            ),
            (
                "idx_transport_orders_merchant_session",
                TransportOrders::SessionId,
            ),
            (
                "idx_transport_orders_merchant_external_id",
                TransportOrders::ExternalId,
            ),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(TransportOrders::Table)
                        .col(TransportOrders::MerchantId)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(TransportOrders::Table).to_owned())
            .await
    }
}
