//! Session ids are unique per merchant, not across merchants: the primary key of `sessions`
//! becomes (merchant_id, id), so that a client-chosen id another merchant already uses is free
//! for this one and a create answers as it would for any unused id (no existence oracle).
//!
//! Existing rows are kept as they are: ids were unique across merchants, so they are unique per
//! merchant too. An index on `id` alone keeps the session-token lookup (which knows the session
//! id but not yet the merchant) from scanning the table. Rolling back restores the key on `id`,
//! and refuses (a unique violation, nothing changed) once two merchants hold the same id.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend, TransactionTrait};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
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
    DocumentVersion,
}

/// The table SQLite rebuilds into: SQLite cannot change a primary key in place.
#[derive(DeriveIden)]
enum SessionsRebuilt {
    Table,
}

const ID_INDEX: &str = "idx_sessions_id";

/// Which key the sessions table has.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    Id,
    MerchantAndId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        set_key(manager, Key::MerchantAndId).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        set_key(manager, Key::Id).await
    }
}

pub(crate) fn id_index() -> IndexCreateStatement {
    Index::create()
        .name(ID_INDEX)
        .table(Sessions::Table)
        .col(Sessions::Id)
        .to_owned()
}

/// Gives the sessions table `key`, with the index on `id` alone exactly when the key does not
/// start with it. All or nothing on both backends.
async fn set_key(manager: &SchemaManager<'_>, key: Key) -> Result<(), DbErr> {
    let conn = manager.get_connection();
    let backend = conn.get_database_backend();
    match backend {
        DatabaseBackend::Postgres => {
            // sea-orm runs a PostgreSQL migration in a transaction of its own. The constraint
            // is the one `CREATE TABLE … PRIMARY KEY` named; one statement, so the table is
            // never without a key.
            let columns = match key {
                Key::Id => "id",
                Key::MerchantAndId => "merchant_id, id",
            };
            if key == Key::Id {
                manager
                    .drop_index(
                        Index::drop()
                            .name(ID_INDEX)
                            .table(Sessions::Table)
                            .to_owned(),
                    )
                    .await?;
            }
            conn.execute_unprepared(&format!(
                "ALTER TABLE sessions DROP CONSTRAINT sessions_pkey, \
                 ADD CONSTRAINT sessions_pkey PRIMARY KEY ({columns})"
            ))
            .await?;
            if key == Key::MerchantAndId {
                manager.create_index(id_index()).await?;
            }
            Ok(())
        }
        _ => {
            // SQLite cannot change a primary key in place: the table is rebuilt. sea-orm runs
            // SQLite migrations outside a transaction; this one makes the rebuild all or
            // nothing, so a failed copy (two merchants holding one id, on the way down) leaves
            // the table as it was.
            let txn = conn.begin().await?;
            txn.execute(backend.build(&sessions_table(SessionsRebuilt::Table, key)))
                .await?;
            let columns = "id, merchant_id, state, external_id, create_time_us, update_time_us, \
                           expire_time_us, revision, document, document_version";
            txn.execute_unprepared(&format!(
                "INSERT INTO sessions_rebuilt ({columns}) SELECT {columns} FROM sessions"
            ))
            .await?;
            txn.execute_unprepared("DROP TABLE sessions").await?;
            txn.execute_unprepared("ALTER TABLE sessions_rebuilt RENAME TO sessions")
                .await?;
            // Dropping the old table dropped its indexes: the same ones again.
            let mut indexes = indexes();
            if key == Key::MerchantAndId {
                indexes.push(id_index());
            }
            for index in indexes {
                txn.execute(backend.build(&index)).await?;
            }
            txn.commit().await
        }
    }
}

/// The sessions table as migrations 1 and 5 left it, with the given key.
fn sessions_table<T: Iden + 'static>(name: T, key: Key) -> TableCreateStatement {
    let mut id = ColumnDef::new(Sessions::Id);
    id.string_len(36).not_null();
    if key == Key::Id {
        id.primary_key();
    }
    let mut table = Table::create();
    table
        .table(name)
        .col(id)
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
        .col(ColumnDef::new(Sessions::Document).json_binary().not_null())
        .col(
            ColumnDef::new(Sessions::DocumentVersion)
                .integer()
                .not_null()
                .default(1),
        );
    if key == Key::MerchantAndId {
        table.primary_key(Index::create().col(Sessions::MerchantId).col(Sessions::Id));
    }
    table.to_owned()
}

/// The indexes of migration 1.
pub(crate) fn indexes() -> Vec<IndexCreateStatement> {
    let index = |name: &str, columns: &[Sessions]| {
        let mut index = Index::create();
        index.name(name).table(Sessions::Table);
        for c in columns {
            index.col(*c);
        }
        index.to_owned()
    };
    vec![
        index(
            "idx_sessions_merchant_create_time",
            &[Sessions::MerchantId, Sessions::CreateTimeUs, Sessions::Id],
        ),
        index(
            "idx_sessions_merchant_state",
            &[Sessions::MerchantId, Sessions::State],
        ),
        index(
            "idx_sessions_merchant_external_id",
            &[Sessions::MerchantId, Sessions::ExternalId],
        ),
        index("idx_sessions_update_time", &[Sessions::UpdateTimeUs]),
    ]
}
