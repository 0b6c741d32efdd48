//! Sessions gain `body`, the binary column their version 2 documents live in, and `document`
//! (version 1, JSON) may be empty: a row holds its session in one of the two, as
//! `document_version` says. Rows already stored keep their version 1 documents, which the
//! store goes on reading; each is written as version 2 the next time it changes.
//!
//! Rolling back is refused (nothing changed) while any session is stored in version 2, since
//! the release before cannot read it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend, TransactionTrait};

use crate::m20261202_000006_sessions_per_merchant as per_merchant;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Sessions {
    Id,
    MerchantId,
    State,
    ExternalId,
    CreateTimeUs,
    UpdateTimeUs,
    ExpireTimeUs,
    Revision,
    Document,
    DocumentVersion,
    Body,
}

/// The table SQLite rebuilds into: SQLite cannot drop a NOT NULL in place.
#[derive(DeriveIden)]
enum SessionsRebuilt {
    Table,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        set_body(manager, true).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        set_body(manager, false).await
    }
}

/// Gives the sessions table the `body` column and an optional `document` (`with_body`), or
/// takes them back; all or nothing on both backends.
async fn set_body(manager: &SchemaManager<'_>, with_body: bool) -> Result<(), DbErr> {
    let conn = manager.get_connection();
    let backend = conn.get_database_backend();
    match backend {
        DatabaseBackend::Postgres => {
            // One statement in sea-orm's migration transaction. On the way down, SET NOT NULL
            // fails while a version 2 row (no document) exists, and nothing changes.
            let sql = if with_body {
                "ALTER TABLE sessions ADD COLUMN body bytea NULL, \
                 ALTER COLUMN document DROP NOT NULL"
            } else {
                "ALTER TABLE sessions ALTER COLUMN document SET NOT NULL, DROP COLUMN body"
            };
            conn.execute_unprepared(sql).await.map(|_| ())
        }
        _ => {
            // SQLite rebuilds the table, as migration 6 does, in a transaction of its own; on
            // the way down, copying a row without a document fails its NOT NULL and the
            // rebuild is rolled back.
            let txn = conn.begin().await?;
            txn.execute(backend.build(&sessions_table(SessionsRebuilt::Table, with_body)))
                .await?;
            // `body` is copied neither way: it is new on the way up, and on the way down a
            // row with one has no document and fails the copy.
            let columns = "id, merchant_id, state, external_id, create_time_us, update_time_us, \
                           expire_time_us, revision, document, document_version";
            txn.execute_unprepared(&format!(
                "INSERT INTO sessions_rebuilt ({columns}) SELECT {columns} FROM sessions"
            ))
            .await?;
            txn.execute_unprepared("DROP TABLE sessions").await?;
            txn.execute_unprepared("ALTER TABLE sessions_rebuilt RENAME TO sessions")
                .await?;
            // Dropping the old table dropped its indexes: those of migrations 1 and 6 again.
            let mut indexes = per_merchant::indexes();
            indexes.push(per_merchant::id_index());
            for index in indexes {
                txn.execute(backend.build(&index)).await?;
            }
            txn.commit().await
        }
    }
}

/// The sessions table as migration 6 left it, with or without the body.
fn sessions_table<T: Iden + 'static>(name: T, with_body: bool) -> TableCreateStatement {
    let mut document = ColumnDef::new(Sessions::Document);
    document.json_binary();
    if with_body {
        document.null();
    } else {
        document.not_null();
    }
    let mut table = Table::create();
    table
        .table(name)
        .col(ColumnDef::new(Sessions::Id).string_len(36).not_null())
        .col(
            ColumnDef::new(Sessions::MerchantId)
                .string_len(128)
                .not_null(),
        )
        .col(ColumnDef::new(Sessions::State).string_len(16).not_null())
        .col(ColumnDef::new(Sessions::ExternalId).string_len(256).null())
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
        .col(document)
        .col(
            ColumnDef::new(Sessions::DocumentVersion)
                .integer()
                .not_null()
                .default(1),
        )
        .primary_key(Index::create().col(Sessions::MerchantId).col(Sessions::Id));
    if with_body {
        table.col(ColumnDef::new(Sessions::Body).binary().null());
    }
    table.to_owned()
}
