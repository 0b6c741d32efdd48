//! The README's client snippets are the example files CI runs, word for word.

use std::path::Path;

#[test]
fn the_readmes_client_snippets_are_the_files_ci_runs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    for (file, fence) in [
        ("clients/typescript/examples/readme-snippet.ts", "```ts"),
        ("clients/python/examples/readme_snippet.py", "```python"),
        ("clients/rust/examples/readme_snippet.rs", "```rust"),
    ] {
        let snippet = std::fs::read_to_string(root.join(file)).unwrap();
        let block = format!("{fence}\n{}\n```", snippet.trim_end());
        assert!(
            readme.contains(&block),
            "the README's {fence} block is not {file}; copy the file into the README"
        );
    }
}
