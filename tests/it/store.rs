//! The sea-orm repository on SQLite and (with TEST_DATABASE_URL) PostgreSQL: compare-and-swap,
//! transactional idempotency records, keyset paging, merchant isolation and session ids that are
//! unique per merchant (with the migration that made them so).

use domain::SessionState;
use ports::StoreError;
use ports::{Cursor, IdempotencyRecord, SessionFilter, SessionRepository};
use store::{self, SqlSessionRepository};
use time::{Duration, OffsetDateTime};

async fn repo() -> SqlSessionRepository {
    let (url, schema) = crate::common::fresh_database().await;
    let db = store::connect(&url, schema.as_deref()).await.unwrap();
    store::migrate(&db).await.unwrap();
    SqlSessionRepository::new(db)
}

/// A real session, computed by the service, to store directly.
async fn sample() -> domain::Session {
    let app = crate::common::spawn_app().await;
    let (id, _, _) = app.create().await;
    app.service
        .get(
            crate::common::DEMO_TENANT,
            domain::SessionId::parse(&id).unwrap(),
        )
        .await
        .unwrap()
}

fn record(session: &domain::Session, request_id: &str) -> IdempotencyRecord {
    IdempotencyRecord {
        merchant_id: session.merchant_id.clone(),
        scope: "test".into(),
        request_id: request_id.into(),
        request_hash: "h".into(),
        response: session.clone(),
        create_time: session.create_time,
    }
}

#[tokio::test]
async fn round_trip_is_exact() {
    let repo = repo().await;
    let s = sample().await;
    repo.insert(&s, None).await.unwrap();
    let back = repo.get(&s.merchant_id, s.id).await.unwrap().unwrap();
    assert_eq!(back, s);
    assert_eq!(repo.insert(&s, None).await, Err(StoreError::AlreadyExists));
}

#[tokio::test]
async fn another_merchant_sees_nothing() {
    let repo = repo().await;
    let s = sample().await;
    repo.insert(&s, None).await.unwrap();
    assert_eq!(repo.get("someone-else", s.id).await.unwrap(), None);
    let mut stolen = s.clone();
    stolen.merchant_id = "someone-else".into();
    assert!(!repo
        .replace(&stolen, s.revision, &[], &[], None)
        .await
        .unwrap());
    assert!(repo
        .list("someone-else", &SessionFilter::default(), None, 10)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn replace_swaps_only_on_the_expected_revision() {
    let repo = repo().await;
    let s = sample().await;
    repo.insert(&s, None).await.unwrap();
    let mut next = s.clone();
    next.external_id = Some("first".into());
    next.revision = s.revision + 1;
    assert!(repo
        .replace(&next, s.revision, &[], &[], None)
        .await
        .unwrap());
    let mut late = s.clone();
    late.external_id = Some("late".into());
    late.revision = s.revision + 1;
    assert!(
        !repo
            .replace(&late, s.revision, &[], &[], Some(&record(&late, "r")))
            .await
            .unwrap(),
        "a write on a stale revision is refused"
    );
    let stored = repo.get(&s.merchant_id, s.id).await.unwrap().unwrap();
    assert_eq!(stored.external_id.as_deref(), Some("first"));
    assert_eq!(stored.revision, s.revision + 1);
    assert_eq!(
        repo.idempotency(&s.merchant_id, "test", "r").await.unwrap(),
        None,
        "the losing write's idempotency record is not kept"
    );
}

#[tokio::test]
async fn a_read_on_an_etag_decodes_the_row_only_when_the_etag_matches() {
    use ports::EtagRead;
    use sea_orm::ConnectionTrait;
    let (url, schema) = crate::common::fresh_database().await;
    let db = store::connect(&url, schema.as_deref()).await.unwrap();
    store::migrate(&db).await.unwrap();
    let repo = SqlSessionRepository::new(db.clone());
    let s = sample().await;
    repo.insert(&s, None).await.unwrap();
    let (r, expected) = (&repo, &s);
    let assert_stale = move || async move {
        assert_eq!(
            r.get_if_etag(&expected.merchant_id, expected.id, "0123456789abcdef")
                .await
                .unwrap(),
            Some(EtagRead::Stale {
                revision: expected.revision
            })
        );
    };

    assert_eq!(
        repo.get_if_etag(&s.merchant_id, s.id, &s.etag())
            .await
            .unwrap(),
        Some(EtagRead::Matches(Box::new(s.clone())))
    );
    assert_stale().await;
    assert_eq!(
        repo.get_if_etag("someone-else", s.id, &s.etag())
            .await
            .unwrap(),
        None
    );

    // A body that no longer decodes shows which reads decode it: a stale etag is still
    // answered from the revision, a matching one reports the row as corrupt.
    db.execute_unprepared(&format!(
        "UPDATE sessions SET body = {} WHERE id = '{}'",
        if url.starts_with("postgres") {
            "'\\x00'::bytea"
        } else {
            "x'00'"
        },
        s.id
    ))
    .await
    .unwrap();
    assert_stale().await;
    assert!(matches!(
        repo.get_if_etag(&s.merchant_id, s.id, &s.etag()).await,
        Err(StoreError::Corrupt(_))
    ));
}

#[tokio::test]
async fn a_taken_idempotency_key_rolls_the_whole_write_back() {
    let repo = repo().await;
    let s = sample().await;
    repo.insert(&s, Some(&record(&s, "k"))).await.unwrap();
    let mut next = s.clone();
    next.external_id = Some("changed".into());
    assert_eq!(
        repo.replace(&next, s.revision, &[], &[], Some(&record(&next, "k")))
            .await,
        Err(StoreError::AlreadyExists)
    );
    let stored = repo.get(&s.merchant_id, s.id).await.unwrap().unwrap();
    assert_eq!(
        stored, s,
        "the session update was rolled back with the record"
    );
    let mut other = sample().await;
    other.merchant_id = s.merchant_id.clone();
    assert_eq!(
        repo.insert(&other, Some(&record(&other, "k"))).await,
        Err(StoreError::AlreadyExists)
    );
    assert_eq!(repo.get(&s.merchant_id, other.id).await.unwrap(), None);
    let kept = repo
        .idempotency(&s.merchant_id, "test", "k")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.response, s);
}

#[tokio::test]
async fn list_pages_by_create_time_then_id_and_filters() {
    let repo = repo().await;
    let base = sample().await;
    let t0 = OffsetDateTime::from_unix_timestamp(1_790_000_000).unwrap();
    let mut all = Vec::new();
    for i in 0..7i64 {
        let mut s = base.clone();
        s.id = domain::SessionId::new_random();
        // Two sessions share each timestamp, so paging must break ties by id.
        s.create_time = t0 + Duration::seconds(i / 2);
        s.state = if i % 3 == 0 {
            SessionState::Completed
        } else {
            SessionState::Active
        };
        s.external_id = Some(format!("ext-{i}"));
        repo.insert(&s, None).await.unwrap();
        all.push(s);
    }
    all.sort_by_key(|s| std::cmp::Reverse((s.create_time, s.id)));
    let mut paged = Vec::new();
    let mut after: Option<Cursor> = None;
    loop {
        let page = repo
            .list(&base.merchant_id, &SessionFilter::default(), after, 3)
            .await
            .unwrap();
        if page.is_empty() {
            break;
        }
        after = page.last().map(|s| Cursor {
            create_time: s.create_time,
            id: s.id,
        });
        paged.extend(page.into_iter().map(|s| s.id));
    }
    assert_eq!(paged, all.iter().map(|s| s.id).collect::<Vec<_>>());

    let completed = SessionFilter {
        state: Some(SessionState::Completed),
        ..Default::default()
    };
    assert_eq!(
        repo.list(&base.merchant_id, &completed, None, 100)
            .await
            .unwrap()
            .len(),
        3
    );
    let window = SessionFilter {
        created_after: Some((t0 + Duration::seconds(1), true)),
        created_before: Some((t0 + Duration::seconds(2), false)),
        ..Default::default()
    };
    assert_eq!(
        repo.list(&base.merchant_id, &window, None, 100)
            .await
            .unwrap()
            .len(),
        2
    );
    let by_ext = SessionFilter {
        external_id: Some("ext-4".into()),
        ..Default::default()
    };
    let found = repo
        .list(&base.merchant_id, &by_ext, None, 100)
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].external_id.as_deref(), Some("ext-4"));
}

#[tokio::test]
async fn a_closed_database_is_unavailable_and_a_refused_statement_is_not() {
    let (url, schema) = crate::common::fresh_database().await;
    let db = store::connect(&url, schema.as_deref()).await.unwrap();
    store::migrate(&db).await.unwrap();
    let repo = store::SqlSessionRepository::new(db.clone());
    use sea_orm::ConnectionTrait;
    let refused = db
        .execute_unprepared("SELECT * FROM no_such_table")
        .await
        .unwrap_err();
    assert!(
        matches!(store::classify(refused), ports::StoreError::Refused(_)),
        "a statement the database refuses is a bug, not an outage"
    );
    db.close().await.unwrap();
    let err = repo.ping().await.unwrap_err();
    assert!(matches!(err, ports::StoreError::Unavailable(_)), "{err:?}");
}

#[tokio::test]
async fn session_ids_are_unique_per_merchant_not_across_merchants() {
    let repo = repo().await;
    let ours = sample().await;
    repo.insert(&ours, None).await.unwrap();
    let mut theirs = ours.clone();
    theirs.merchant_id = "other".into();
    theirs.token = "hcs_theirs".into();
    theirs.external_id = Some("theirs".into());
    repo.insert(&theirs, None)
        .await
        .expect("another merchant's id is free for this one");
    assert_eq!(
        repo.insert(&theirs, None).await,
        Err(StoreError::AlreadyExists),
        "but taken for its own merchant"
    );
    assert_eq!(
        repo.get(&ours.merchant_id, ours.id).await.unwrap(),
        Some(ours.clone())
    );
    assert_eq!(
        repo.get("other", ours.id).await.unwrap(),
        Some(theirs.clone())
    );
    let all = repo.find_all(ours.id).await.unwrap();
    assert_eq!(all.len(), 2, "the token lookup sees both");

    // A write to one is a write to that one only, compare-and-swapped on its own revision.
    let mut next = theirs.clone();
    next.external_id = Some("theirs, changed".into());
    assert!(repo
        .replace(&next, theirs.revision, &[], &[], Some(&record(&next, "k")))
        .await
        .unwrap());
    assert_eq!(
        repo.get(&ours.merchant_id, ours.id).await.unwrap(),
        Some(ours.clone())
    );
    assert_eq!(
        repo.get("other", ours.id).await.unwrap().unwrap().revision,
        theirs.revision + 1
    );
    // The same request id under the other merchant is another record.
    let mut ours_next = ours.clone();
    ours_next.external_id = Some("ours, changed".into());
    assert!(repo
        .replace(
            &ours_next,
            ours.revision,
            &[],
            &[],
            Some(&record(&ours_next, "k"))
        )
        .await
        .unwrap());
    let kept = repo
        .idempotency("other", "test", "k")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.response.merchant_id, "other");
}

/// Writes `session` as a release before version 2 did: a version 1 JSON document, through SQL,
/// since the repository of this release writes columns the old schema lacks.
async fn insert_version_1(
    db: &sea_orm::DatabaseConnection,
    s: &domain::Session,
) -> Result<(), sea_orm::DbErr> {
    use sea_orm::sea_query::{Alias, Query};
    use sea_orm::ConnectionTrait;
    let micros = |t: OffsetDateTime| (t.unix_timestamp_nanos() / 1_000) as i64;
    let statement = Query::insert()
        .into_table(Alias::new("sessions"))
        .columns(
            [
                "id",
                "merchant_id",
                "state",
                "external_id",
                "create_time_us",
                "update_time_us",
                "expire_time_us",
                "revision",
                "document_version",
                "document",
            ]
            .map(Alias::new),
        )
        .values_panic([
            s.id.to_string().into(),
            s.merchant_id.clone().into(),
            s.state.as_str().into(),
            s.external_id.clone().into(),
            micros(s.create_time).into(),
            micros(s.update_time).into(),
            s.expire_time.map(micros).into(),
            s.revision.into(),
            1.into(),
            store::version_1_document(s).into(),
        ])
        .to_owned();
    db.execute(db.get_database_backend().build(&statement))
        .await
        .map(|_| ())
}

/// The `(merchant_id, document)` of every row with this session id, as text, in merchant order.
async fn stored_rows(
    db: &sea_orm::DatabaseConnection,
    id: domain::SessionId,
) -> Vec<(String, String)> {
    use sea_orm::{ConnectionTrait, Statement};
    let cast = match db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => "document::text",
        _ => "CAST(document AS TEXT)",
    };
    db.query_all(Statement::from_string(
        db.get_database_backend(),
        format!("SELECT merchant_id, {cast} AS doc FROM sessions WHERE id = '{id}' ORDER BY merchant_id"),
    ))
    .await
    .unwrap()
    .into_iter()
    .map(|row| (row.try_get("", "merchant_id").unwrap(), row.try_get("", "doc").unwrap()))
    .collect()
}

/// Migration 6 re-keys `sessions` by (merchant, id): rows written under the old key, by the
/// schema the first five migrations made, are all there afterwards, byte for byte; rolling back
/// works while ids are still unique and refuses, changing nothing, once two merchants share one.
/// The rows are then read by this release, through every later migration.
#[tokio::test]
async fn the_per_merchant_key_keeps_existing_sessions_and_rolls_back_safely() {
    use migration::MigratorTrait;
    use sea_orm::ConnectionTrait;
    let (url, schema) = crate::common::fresh_database().await;
    let db = store::connect(&url, schema.as_deref()).await.unwrap();
    migration::Migrator::up(&db, Some(5)).await.unwrap();
    let status = store::migration_status(&db).await.unwrap();
    assert!(
        status.iter().take(5).all(|(_, applied)| *applied)
            && status.iter().skip(5).all(|(_, applied)| !applied),
        "the database as the release before left it: {status:?}"
    );
    let first = sample().await;
    let mut second = sample().await;
    second.merchant_id = "other".into();
    insert_version_1(&db, &first).await.unwrap();
    insert_version_1(&db, &second).await.unwrap();
    let mut clash = first.clone();
    clash.merchant_id = "other".into();
    assert!(
        insert_version_1(&db, &clash).await.is_err(),
        "before: one id across all merchants"
    );
    let before = (
        stored_rows(&db, first.id).await,
        stored_rows(&db, second.id).await,
    );

    // Migration 6 alone, so that rolling back one step below undoes exactly it.
    migration::Migrator::up(&db, Some(1)).await.unwrap();
    assert_eq!(
        (
            stored_rows(&db, first.id).await,
            stored_rows(&db, second.id).await
        ),
        before,
        "every row kept, byte for byte"
    );
    insert_version_1(&db, &clash)
        .await
        .expect("after: the id is free for another merchant");

    assert!(
        store::migrate_down(&db, 1).await.is_err(),
        "the old key cannot hold two merchants' sessions of one id"
    );
    assert_eq!(stored_rows(&db, first.id).await.len(), 2);
    let mut third = clash.clone();
    third.merchant_id = "third".into();
    insert_version_1(&db, &third)
        .await
        .expect("the refused rollback left the per-merchant key in place");

    db.execute_unprepared(&format!(
        "DELETE FROM sessions WHERE id = '{}' AND merchant_id <> '{}'",
        first.id, first.merchant_id
    ))
    .await
    .unwrap();
    store::migrate_down(&db, 1).await.unwrap();
    assert_eq!(
        (
            stored_rows(&db, first.id).await,
            stored_rows(&db, second.id).await
        ),
        before
    );

    store::migrate(&db).await.unwrap();
    let repo = SqlSessionRepository::new(db.clone());
    assert_eq!(
        repo.get(&first.merchant_id, first.id).await.unwrap(),
        Some(first.clone())
    );
    assert_eq!(
        repo.get("other", second.id).await.unwrap(),
        Some(second.clone())
    );
    assert_eq!(repo.find_all(first.id).await.unwrap(), vec![first]);
}

/// Migration 12 gives sessions a version 2 body: version 1 rows stored before it keep reading,
/// each becomes version 2 (no JSON document left) when it next changes, and rolling back is
/// refused while a version 2 row exists, which the release before could not read.
#[tokio::test]
async fn version_1_sessions_keep_reading_and_are_rewritten_as_version_2() {
    use migration::MigratorTrait;
    use sea_orm::{ConnectionTrait, Statement};
    let (url, schema) = crate::common::fresh_database().await;
    let db = store::connect(&url, schema.as_deref()).await.unwrap();
    migration::Migrator::up(&db, Some(11)).await.unwrap();
    let old = sample().await;
    insert_version_1(&db, &old).await.unwrap();
    store::migrate(&db).await.unwrap();

    let repo = SqlSessionRepository::new(db.clone());
    assert_eq!(
        repo.get(&old.merchant_id, old.id).await.unwrap(),
        Some(old.clone())
    );
    let version = |id: domain::SessionId| {
        let db = db.clone();
        async move {
            let row = db
                .query_one(Statement::from_string(
                    db.get_database_backend(),
                    format!(
                        "SELECT document_version, document IS NULL AS no_doc, body IS NULL AS no_body \
                         FROM sessions WHERE id = '{id}'"
                    ),
                ))
                .await
                .unwrap()
                .unwrap();
            (
                row.try_get::<i32>("", "document_version").unwrap(),
                row.try_get::<bool>("", "no_doc").unwrap(),
                row.try_get::<bool>("", "no_body").unwrap(),
            )
        }
    };
    assert_eq!(version(old.id).await, (1, false, true));

    let mut changed = old.clone();
    changed.purchase.vouchers = vec!["SUMMER".into()];
    assert!(repo
        .replace(&changed, old.revision, &[], &[], None)
        .await
        .unwrap());
    changed.revision += 1;
    assert_eq!(version(old.id).await, (2, true, false));
    assert_eq!(
        repo.get(&old.merchant_id, old.id).await.unwrap(),
        Some(changed.clone())
    );

    let fresh = sample().await;
    repo.insert(&fresh, None).await.unwrap();
    assert_eq!(version(fresh.id).await, (2, true, false));

    assert!(
        store::migrate_down(&db, 1).await.is_err(),
        "version 2 rows cannot go back to a schema without their body"
    );
    assert_eq!(
        repo.get(&fresh.merchant_id, fresh.id).await.unwrap(),
        Some(fresh.clone())
    );
    db.execute_unprepared("DELETE FROM sessions WHERE document_version = 2")
        .await
        .unwrap();
    insert_version_1(&db, &old).await.unwrap();
    store::migrate_down(&db, 1)
        .await
        .expect("only version 1 rows: the rollback goes through");
    assert_eq!(stored_rows(&db, old.id).await.len(), 1);
    store::migrate(&db).await.unwrap();
    assert_eq!(repo.get(&old.merchant_id, old.id).await.unwrap(), Some(old));
}

/// A SQLite file gets a writer pool of one connection beside its readers, and writers queue for
/// it: 32 creates and 32 unconditional changes of one session at once all land, none answered
/// 503 by a busy file or an acquire timeout.
#[tokio::test]
async fn a_sqlite_file_has_one_writer_that_concurrent_writers_share() {
    let dir = crate::common::server::new_dir("one-writer");
    let url = crate::common::server::database_in(&dir);
    let pools = store::open(&url, None, store::PoolOptions::default())
        .await
        .unwrap();
    let max = |db: &sea_orm::DatabaseConnection| {
        db.get_sqlite_connection_pool()
            .options()
            .get_max_connections()
    };
    assert_eq!(max(&pools.write), 1);
    assert_eq!(max(&pools.read), 8);
    drop(pools);

    let core =
        crate::common::core_on(&(url, None), config_file::demo(), service::system_clock()).await;
    let app = crate::common::spawn_app_on(core);
    let body = crate::common::demo_session();
    let created = futures::future::join_all((0..32).map(|_| app.post("/v1/sessions", &body))).await;
    let statuses: Vec<u16> = created.iter().map(|a| a.status).collect();
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    let name = created[0].body["name"].as_str().unwrap().to_owned();
    let path = format!("/v1/{name}?update_mask=external_id");
    let bodies: Vec<serde_json::Value> = (0..32)
        .map(|i| serde_json::json!({"external_id": format!("cart-{i}")}))
        .collect();
    let changed = futures::future::join_all(bodies.iter().map(|b| app.patch(&path, b))).await;
    let statuses: Vec<u16> = changed.iter().map(|a| a.status).collect();
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    let last = app.get(&format!("/v1/{name}")).await;
    // Each change was its own revision on top of the create's.
    let revisions: std::collections::BTreeSet<&str> = changed
        .iter()
        .map(|a| a.body["etag"].as_str().unwrap())
        .collect();
    assert_eq!(revisions.len(), 32);
    assert!(revisions.contains(last.body["etag"].as_str().unwrap()));
    let _ = std::fs::remove_dir_all(dir);
}

/// A write dropped at any point (its client went away) leaves no pooled connection inside a
/// transaction: on PostgreSQL none stays `idle in transaction`, and the next writes commit.
#[tokio::test]
async fn writes_dropped_midway_leave_no_connection_inside_a_transaction() {
    use sea_orm::ConnectionTrait;
    let (url, schema) = crate::common::fresh_database().await;
    let db = store::connect(&url, schema.as_deref()).await.unwrap();
    store::migrate(&db).await.unwrap();
    let postgres = db.get_database_backend() == sea_orm::DbBackend::Postgres;
    let repo = SqlSessionRepository::new(db.clone());
    let s = sample().await;
    repo.insert(&s, None).await.unwrap();
    let stuck = || async {
        // A rollback queued by a dropped write runs when its connection is next used or
        // checked back in; past that moment, nothing may still sit in a transaction.
        tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
        db.query_one(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() \
             AND state LIKE 'idle in transaction%' \
             AND state_change < now() - interval '1 second'",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get::<i64>("", "n")
        .unwrap()
    };
    // Deadlines from nothing to half a millisecond land in the pool wait, the BEGIN round
    // trip, the UPDATE and the COMMIT.
    for round in 0..4u64 {
        for i in 0..100u64 {
            let stored = repo.get(&s.merchant_id, s.id).await.unwrap().unwrap();
            let mut next = stored.clone();
            next.external_id = Some(format!("try-{round}-{i}"));
            let write = repo.replace(&next, stored.revision, &[], &[], None);
            let deadline = std::time::Duration::from_micros((i * 7 + round * 3) % 50 * 10);
            let _ = tokio::time::timeout(deadline, write).await;
        }
        if postgres {
            assert_eq!(stuck().await, 0, "connections left inside a transaction");
        }
    }
    // A write dropped while its COMMIT was on the wire may still land after the read below:
    // the next write goes by compare-and-swap, as any client's would.
    let mut written = false;
    for _ in 0..10 {
        let stored = repo.get(&s.merchant_id, s.id).await.unwrap().unwrap();
        let mut last = stored.clone();
        last.external_id = Some("last".into());
        if repo
            .replace(&last, stored.revision, &[], &[], None)
            .await
            .unwrap()
        {
            written = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(written, "a write commits after the dropped ones");
    assert_eq!(
        repo.get(&s.merchant_id, s.id)
            .await
            .unwrap()
            .unwrap()
            .external_id
            .as_deref(),
        Some("last")
    );
}
