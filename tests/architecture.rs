//! Keeps the house plan true: reads `src/` and fails on a `use` that crosses a forbidden
//! boundary (see the table in the README's code tour).

use std::path::{Path, PathBuf};

/// Module prefix, then the crates and modules of ours it must never name.
const RULES: &[(&str, &[&str])] = &[
    (
        "domain",
        &[
            "crate::engine",
            "crate::service",
            "crate::store",
            "crate::api",
            "crate::startup",
            "crate::settings",
            "poem",
            "sea_orm",
            "tokio",
        ],
    ),
    (
        "engine",
        &[
            "crate::service",
            "crate::store",
            "crate::api",
            "crate::startup",
            "crate::settings",
            "poem",
            "sea_orm",
            "tokio",
            "OffsetDateTime::now",
            "SystemTime::now",
        ],
    ),
    (
        "service",
        &[
            "crate::store",
            "crate::api",
            "crate::startup",
            "poem",
            "sea_orm",
        ],
    ),
    (
        "store",
        &["crate::api", "crate::engine", "crate::startup", "poem"],
    ),
    (
        "api",
        &[
            "crate::store",
            "crate::engine",
            "crate::startup",
            "sea_orm",
            "migration::",
        ],
    ),
];

/// Surfaces under api/ never use each other: `common` is shared by all, `legacy/shared` by the
/// three legacy surfaces.
const SURFACES: &[&str] = &[
    "headless",
    "legacy/cos",
    "legacy/siw",
    "legacy/delivery_checkout",
];

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

/// Code lines only: comments and doc comments may mention anything.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.starts_with("//"))
}

fn mentions(line: &str, name: &str) -> bool {
    if name.contains("::") || name.contains('.') {
        return line.contains(name);
    }
    // A crate name: `use poem...`, `poem::...`, `::poem::`.
    line.starts_with(&format!("use {name}::"))
        || line.starts_with(&format!("use {name};"))
        || line.contains(&format!(" {name}::"))
        || line.contains(&format!("({name}::"))
        || line.contains(&format!("<{name}::"))
        || line.contains(&format!("::{name}::"))
        || line.starts_with(&format!("{name}::"))
}

#[test]
fn modules_respect_the_boundaries() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut broken = Vec::new();
    for file in &files {
        let rel = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let module = rel.split(['/', '.']).next().unwrap();
        let text = std::fs::read_to_string(file).unwrap();
        if let Some((_, forbidden)) = RULES.iter().find(|(m, _)| *m == module) {
            for (n, line) in code_lines(&text) {
                for name in *forbidden {
                    if mentions(line, name) {
                        broken.push(format!(
                            "src/{rel}:{n}: `{module}` must not use `{name}`: {line}"
                        ));
                    }
                }
            }
        }
        if let Some(rest) = rel.strip_prefix("api/") {
            let own = SURFACES
                .iter()
                .find(|s| rest.starts_with(&format!("{s}/")) || rest.starts_with(&format!("{s}.")))
                .copied()
                .unwrap_or("");
            for other in SURFACES.iter().filter(|s| **s != own) {
                let path = other.replace('/', "::");
                let leaf = other.rsplit('/').next().unwrap();
                for (n, line) in code_lines(&text) {
                    if line.contains(&format!("api::{path}"))
                        || line.contains(&format!("super::{leaf}"))
                        || (other.starts_with("legacy/")
                            && own.starts_with("legacy/")
                            && line.contains(&format!("super::super::{leaf}")))
                    {
                        broken.push(format!(
                            "src/{rel}:{n}: surface `{own}` must not use `{other}`"
                        ));
                    }
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "boundary violations:\n{}",
        broken.join("\n")
    );
}

#[test]
fn every_module_says_what_it_is_for() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("migrations/src"), &mut files);
    let missing: Vec<String> = files
        .iter()
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
fn the_rule_checker_catches_a_violation() {
    assert!(mentions("use poem::Route;", "poem"));
    assert!(mentions(
        "let x = sea_orm::Database::connect(u);",
        "sea_orm"
    ));
    assert!(mentions("use crate::store::Thing;", "crate::store"));
    assert!(!mentions("use poem_openapi::Object;", "poem"));
    assert!(!mentions("// poem is fine in a comment", "poem"));
}
