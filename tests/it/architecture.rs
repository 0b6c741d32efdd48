//! Keeps the house plan true. The compiler enforces which crate may use which, from the
//! manifests; this suite checks that the manifests say what the README's boundary table says,
//! and the few rules inside a crate the compiler cannot see: the legacy surfaces never use each
//! other or the headless API, the engine never reads the clock, no crate re-exports what its
//! users may not use, and every module opens with a `//!` line.

use std::path::{Path, PathBuf};

/// A crate of the workspace (folder under `crates/`), the workspace crates it may depend on, and
/// outside crates it must never depend on.
const CRATES: &[(&str, &[&str], &[&str])] = &[
    ("domain", &[], &["poem", "poem-openapi", "sea-orm", "tokio"]),
    (
        "engine",
        &["domain"],
        &["poem", "poem-openapi", "sea-orm", "tokio"],
    ),
    (
        "ports",
        &["domain"],
        &["poem", "poem-openapi", "sea-orm", "tokio"],
    ),
    (
        "service",
        &["domain", "engine", "ports"],
        &["poem", "poem-openapi", "sea-orm"],
    ),
    (
        "store",
        &["domain", "ports", "migration"],
        &["poem", "poem-openapi"],
    ),
    ("outbound", &["ports"], &["poem", "poem-openapi", "sea-orm"]),
    ("api", &["domain", "service"], &["sea-orm", "migration"]),
    (
        "config",
        &["domain"],
        &["poem", "poem-openapi", "sea-orm", "tokio"],
    ),
];

/// Every crate of ours, by the dependency key the manifests use.
const OURS: &[&str] = &[
    "domain",
    "engine",
    "ports",
    "service",
    "store",
    "outbound",
    "api",
    "config-file",
    "migration",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The dependency names listed in one `[section]` of a manifest.
fn dependencies(manifest: &str, section: &str) -> Vec<String> {
    let mut inside = false;
    let mut names = Vec::new();
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            inside = line == format!("[{section}]");
            continue;
        }
        if inside && !line.is_empty() && !line.starts_with('#') {
            if let Some(name) = line.split(['=', '.', ' ']).next() {
                names.push(name.trim().to_owned());
            }
        }
    }
    names
}

#[test]
fn each_crate_depends_only_on_what_the_house_plan_allows() {
    let mut broken = Vec::new();
    let mut seen = Vec::new();
    for entry in std::fs::read_dir(root().join("crates")).unwrap() {
        let dir = entry.unwrap().path();
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        seen.push(name.clone());
        let Some((_, allowed, forbidden)) = CRATES.iter().find(|(c, _, _)| *c == name) else {
            broken.push(format!("crates/{name} has no row in the boundary table"));
            continue;
        };
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
        for dep in dependencies(&manifest, "dependencies") {
            if OURS.contains(&dep.as_str()) && !allowed.contains(&dep.as_str()) {
                broken.push(format!("crates/{name} must not depend on `{dep}`"));
            }
            if forbidden.contains(&dep.as_str()) {
                broken.push(format!("crates/{name} must not depend on `{dep}`"));
            }
        }
    }
    for (name, _, _) in CRATES {
        assert!(seen.iter().any(|s| s == name), "crates/{name} is missing");
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without comments, so a doc line may mention anything.
fn code(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(at) => &l[..at],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `word` stands in `code` as a whole identifier (also inside a grouped import).
fn names(code: &str, word: &str) -> bool {
    code.match_indices(word).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + word.len()..].chars().next();
        let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !ident(before) && !ident(after)
    })
}

#[test]
fn surfaces_never_use_each_other() {
    let api = root().join("crates/api/src");
    let surfaces = [
        ("headless", "headless"),
        ("legacy/cos", "cos"),
        ("legacy/siw", "siw"),
        ("legacy/delivery_checkout", "delivery_checkout"),
    ];
    let mut broken = Vec::new();
    for (folder, own) in surfaces {
        let mut files = Vec::new();
        rust_files(&api.join(folder), &mut files);
        for file in files {
            let text = code(&std::fs::read_to_string(&file).unwrap());
            for (_, other) in surfaces.iter().filter(|(_, o)| *o != own) {
                if names(&text, other) {
                    broken.push(format!("{} names surface `{other}`", file.display()));
                }
            }
        }
    }
    // The shared legacy module serves the three legacy surfaces and knows none of them.
    let mut files = Vec::new();
    rust_files(&api.join("legacy/shared"), &mut files);
    for file in files {
        let text = code(&std::fs::read_to_string(&file).unwrap());
        for (_, other) in surfaces {
            if names(&text, other) {
                broken.push(format!("{} names surface `{other}`", file.display()));
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn the_engine_never_reads_the_clock() {
    let mut files = Vec::new();
    rust_files(&root().join("crates/engine/src"), &mut files);
    for file in files {
        let text = code(&std::fs::read_to_string(&file).unwrap());
        for clock in [
            "now_utc",
            "now_local",
            "Instant::now",
            "SystemTime::now",
            "Timestamp::now",
            "Zoned::now",
        ] {
            assert!(
                !text.contains(clock),
                "{} reads the clock ({clock}); `now` is an argument",
                file.display()
            );
        }
    }
}

#[test]
fn no_crate_passes_on_what_its_users_may_not_use() {
    // The service may use the engine; the surfaces, which use the service, may not.
    let mut files = Vec::new();
    rust_files(&root().join("crates/service/src"), &mut files);
    for file in files {
        let text = code(&std::fs::read_to_string(&file).unwrap());
        assert!(
            !text.contains("pub use engine"),
            "{} re-exports the engine",
            file.display()
        );
    }
}

#[test]
fn settings_and_telemetry_are_leaves() {
    for file in ["src/settings.rs", "src/telemetry.rs"] {
        let text = code(&std::fs::read_to_string(root().join(file)).unwrap());
        for other in ["startup", "api", "store", "service"] {
            assert!(
                !names(&text, other),
                "{file} must not use `{other}`: settings are a leaf"
            );
        }
    }
}

#[test]
fn every_module_says_what_it_is_for() {
    let mut files = Vec::new();
    for dir in ["src", "crates", "migrations/src", "tests"] {
        rust_files(&root().join(dir), &mut files);
    }
    let missing: Vec<String> = files
        .iter()
        .filter(|f| !f.components().any(|c| c.as_os_str() == "target"))
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            !text.trim_start().starts_with("//!")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "modules without a //! line: {missing:?}"
    );
}

#[test]
fn the_checkers_see_a_violation() {
    assert_eq!(
        dependencies(
            "[dependencies]\ndomain.workspace = true\nsea-orm = \"1\"\n[x]\ny = 1",
            "dependencies"
        ),
        ["domain", "sea-orm"]
    );
    assert!(names("use crate::legacy::{shared, siw};", "siw"));
    assert!(!names("let siwx = 1;", "siw"));
    assert!(!names(&code("// siw is fine in a comment"), "siw"));
}
