//! Sessions, stored as a JSON document beside the columns lists and writes filter on, and the
//! idempotency records of requests that carried a `request_id`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    MerchantId,
    State,
    ExternalId,
    CreateTimeUs,
    UpdateTimeUs,
    ExpireTimeUs,
    Revision,
    Document,
}

#[derive(DeriveIden)]
enum IdempotencyRecords {
    Table,
    MerchantId,
    Scope,
    RequestId,
    RequestHash,
    Response,
    CreateTimeUs,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(
                        ColumnDef::new(Sessions::Id)
                            .string_len(36)
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Sessions::MerchantId)
                            .string_len(128)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Sessions::State).string_len(16).not_null())
                    .col(ColumnDef::new(Sessions::ExternalId).string_len(256).null())
                    // Microseconds since the Unix epoch: sorts and compares the same on every backend.
                    .col(
                        ColumnDef::new(Sessions::CreateTimeUs)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Sessions::UpdateTimeUs)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Sessions::ExpireTimeUs).big_integer().null())
                    .col(ColumnDef::new(Sessions::Revision).big_integer().not_null())
                    .col(ColumnDef::new(Sessions::Document).json_binary().not_null())
                    .to_owned(),
            )
            .await?;
        // ListSessions pages newest first within one merchant.
        manager
            .create_index(
                Index::create()
                    .name("idx_sessions_merchant_create_time")
                    .table(Sessions::Table)
                    .col(Sessions::MerchantId)
                    .col(Sessions::CreateTimeUs)
                    .col(Sessions::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sessions_merchant_state")
                    .table(Sessions::Table)
                    .col(Sessions::MerchantId)
                    .col(Sessions::State)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sessions_merchant_external_id")
                    .table(Sessions::Table)
                    .col(Sessions::MerchantId)
                    .col(Sessions::ExternalId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sessions_update_time")
                    .table(Sessions::Table)
                    .col(Sessions::UpdateTimeUs)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(IdempotencyRecords::Table)
                    .col(
                        ColumnDef::new(IdempotencyRecords::MerchantId)
                            .string_len(128)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IdempotencyRecords::Scope)
                            .string_len(128)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IdempotencyRecords::RequestId)
                            .string_len(128)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IdempotencyRecords::RequestHash)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IdempotencyRecords::Response)
                            .json_binary()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IdempotencyRecords::CreateTimeUs)
                            .big_integer()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(IdempotencyRecords::MerchantId)
                            .col(IdempotencyRecords::Scope)
                            .col(IdempotencyRecords::RequestId),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(IdempotencyRecords::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Sessions::Table).to_owned())
            .await
    }
}
