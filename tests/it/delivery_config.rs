//! Stored delivery configuration: revisions appended by compare-and-swap (on SQLite and, with
//! TEST_DATABASE_URL, PostgreSQL), the revision diff, and `config check` on the binary.

use std::process::Command;

use ports::{ConfigRepository, ConfigRevisionRecord};
use serde_json::json;
use store::SqlConfigRepository;
use time::OffsetDateTime;

async fn repo() -> SqlConfigRepository {
    let (url, schema) = crate::common::fresh_database().await;
    let db = store::connect(&url, schema.as_deref()).await.unwrap();
    store::migrate(&db).await.unwrap();
    SqlConfigRepository::new(db)
}

fn revision(merchant: &str, n: i64, price: i64, author: &str) -> ConfigRevisionRecord {
    ConfigRevisionRecord {
        merchant_id: merchant.into(),
        revision: n,
        content: json!({"categories": [{"id": "home", "price": {"SEK": price}}]}),
        // Whole microseconds: what the store keeps.
        create_time: OffsetDateTime::from_unix_timestamp(1_800_000_000 + n).unwrap(),
        author_key_id: author.into(),
    }
}

#[tokio::test]
async fn revisions_append_only_after_the_current_one() {
    let repo = repo().await;
    assert_eq!(repo.current("demo").await.unwrap(), None);
    assert!(
        !repo.append(&revision("demo", 2, 1, "k")).await.unwrap(),
        "no revision 2 before 1"
    );
    assert!(repo
        .append(&revision("demo", 1, 4900, "file"))
        .await
        .unwrap());
    assert!(
        !repo.append(&revision("demo", 1, 1, "k")).await.unwrap(),
        "revision 1 is taken"
    );
    assert!(
        !repo.append(&revision("demo", 3, 1, "k")).await.unwrap(),
        "no gap"
    );
    assert!(repo.append(&revision("demo", 2, 5900, "k1")).await.unwrap());
    let current = repo.current("demo").await.unwrap().unwrap();
    assert_eq!(current, revision("demo", 2, 5900, "k1"));
    assert_eq!(
        repo.get("demo", 1).await.unwrap(),
        Some(revision("demo", 1, 4900, "file"))
    );
    assert_eq!(repo.get("demo", 3).await.unwrap(), None);
    // Another merchant's history is its own.
    assert_eq!(repo.get("other", 1).await.unwrap(), None);
    assert!(repo
        .append(&revision("other", 1, 10, "file"))
        .await
        .unwrap());
    assert_eq!(
        repo.current_revisions().await.unwrap(),
        vec![("demo".to_owned(), 2), ("other".to_owned(), 1)]
    );
}

#[tokio::test]
async fn concurrent_updaters_from_one_revision_store_exactly_one() {
    let repo = std::sync::Arc::new(repo().await);
    assert!(repo.append(&revision("demo", 1, 1, "file")).await.unwrap());
    let racers: Vec<_> = (0..8)
        .map(|i| {
            let repo = repo.clone();
            tokio::spawn(async move {
                repo.append(&revision("demo", 2, 100 + i, &format!("k{i}")))
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut won = 0;
    for r in racers {
        won += usize::from(r.await.unwrap());
    }
    assert_eq!(won, 1, "exactly one updater from revision 1 succeeds");
    let stored = repo.list("demo", None, 10).await.unwrap();
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[0].revision, 2);
}

#[tokio::test]
async fn revisions_list_newest_first_in_pages() {
    let repo = repo().await;
    for n in 1..=5 {
        assert!(repo
            .append(&revision("demo", n, n * 10, "k"))
            .await
            .unwrap());
    }
    let first = repo.list("demo", None, 2).await.unwrap();
    assert_eq!(
        first.iter().map(|r| r.revision).collect::<Vec<_>>(),
        vec![5, 4]
    );
    let second = repo.list("demo", Some(4), 2).await.unwrap();
    assert_eq!(
        second.iter().map(|r| r.revision).collect::<Vec<_>>(),
        vec![3, 2]
    );
    let last = repo.list("demo", Some(2), 2).await.unwrap();
    assert_eq!(last.iter().map(|r| r.revision).collect::<Vec<_>>(), vec![1]);
    assert!(repo.list("other", None, 2).await.unwrap().is_empty());
}

#[test]
fn a_revision_diff_names_each_changed_price() {
    let changes = service::config_diff::diff(
        &revision("demo", 1, 4900, "file").content,
        &revision("demo", 2, 5900, "k").content,
    );
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].path, "categories[0].price.SEK");
    assert_eq!(changes[0].before, Some(json!(4900)));
    assert_eq!(changes[0].after, Some(json!(5900)));
}

fn check(file: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_headless-checkout"))
        .args(["config", "check"])
        .arg(file)
        .env_remove("MERCHANT_CONFIG")
        .output()
        .unwrap()
}

#[test]
fn config_check_accepts_the_demo_file() {
    let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config/demo.toml");
    let out = check(&demo);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("valid (1 merchant(s): demo)"), "{stdout}");
}

#[test]
fn config_check_reports_every_problem_as_the_server_does() {
    let broken = config_file::DEMO_CONFIG
        .replacen(
            "price = { SEK = 4900, NOK = 5900, DKK = 4500, EUR = 590 }",
            "price = { SEKK = 4900, NOK = -1 }",
            1,
        )
        .replacen("warehouse = \"sto-central\"", "warehouse = \"nowhere\"", 1);
    let expected = config_file::parse(&broken, "toml").unwrap_err();
    assert!(expected.len() >= 3, "{expected:?}");
    let dir = std::env::temp_dir().join(format!("config-check-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("demo-pickup-locations.json"),
        config_file::DEMO_PICKUP_LOCATIONS,
    )
    .unwrap();
    let file = dir.join("broken.toml");
    std::fs::write(&file, &broken).unwrap();
    let out = check(&file);
    std::fs::remove_dir_all(&dir).ok();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("{} problem(s)", expected.len())),
        "{stderr}"
    );
    for problem in &expected {
        assert!(
            stderr.contains(problem.as_str()),
            "missing `{problem}` in {stderr}"
        );
    }
}
