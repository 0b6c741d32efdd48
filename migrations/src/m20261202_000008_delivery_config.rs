//! Stored delivery configuration: every accepted version of a merchant's configuration is a
//! revision, numbered from 1 per merchant, with who made it and when; the highest is current.
//! Revisions are only ever appended, so the primary key (merchant, revision) is the
//! compare-and-swap: appending n+1 fails when another writer appended it first.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ConfigRevisions {
    Table,
    MerchantId,
    Revision,
    Content,
    CreateTimeUs,
    AuthorKeyId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ConfigRevisions::Table)
                    .col(
                        ColumnDef::new(ConfigRevisions::MerchantId)
                            .string_len(128)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConfigRevisions::Revision)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ConfigRevisions::Content).text().not_null())
                    .col(
                        ColumnDef::new(ConfigRevisions::CreateTimeUs)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConfigRevisions::AuthorKeyId)
                            .string_len(64)
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(ConfigRevisions::MerchantId)
                            .col(ConfigRevisions::Revision),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ConfigRevisions::Table).to_owned())
            .await
    }
}
