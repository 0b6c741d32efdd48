//! A merchant's pickup points as rows of their own, beside its configuration: a set of tens of
//! thousands of points is imported, paged and read by id without ever being one document. The
//! set is versioned as a whole in `pickup_point_sets`, whose row an import claims first, so two
//! imports are serialised and every replica polls one small table to know when to rebuild.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PickupPoints {
    Table,
    MerchantId,
    Id,
    Content,
}

#[derive(DeriveIden)]
enum PickupPointSets {
    Table,
    MerchantId,
    Version,
    PointCount,
    UpdateTimeUs,
    UpdatedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PickupPoints::Table)
                    .col(
                        ColumnDef::new(PickupPoints::MerchantId)
                            .string_len(256)
                            .not_null(),
                    )
                    .col(ColumnDef::new(PickupPoints::Id).string_len(128).not_null())
                    .col(ColumnDef::new(PickupPoints::Content).text().not_null())
                    .primary_key(
                        Index::create()
                            .col(PickupPoints::MerchantId)
                            .col(PickupPoints::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PickupPointSets::Table)
                    .col(
                        ColumnDef::new(PickupPointSets::MerchantId)
                            .string_len(256)
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(PickupPointSets::Version)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PickupPointSets::PointCount)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PickupPointSets::UpdateTimeUs)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PickupPointSets::UpdatedBy)
                            .string_len(64)
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PickupPointSets::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(PickupPoints::Table).to_owned())
            .await
    }
}
