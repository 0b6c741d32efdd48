//! The real binary as a child process: started on port 0 with a file database, its log lines
//! collected as they come, stopped with SIGTERM.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;

pub struct Server {
    /// `http://127.0.0.1:<port>`, read from the start-up log line.
    pub base: String,
    child: Child,
    lines: Arc<Mutex<Vec<String>>>,
    pub dir: std::path::PathBuf,
}

/// A temporary folder's SQLite URL, for the server and for CLI runs before it starts.
pub fn database_in(dir: &std::path::Path) -> String {
    format!("sqlite://{}/server.db?mode=rwc", dir.display())
}

pub fn new_dir(prefix: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("{prefix}-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs one CLI command of the binary against `database_url` and returns its stdout.
pub fn cli(database_url: &str, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_headless-checkout"))
        .env("DATABASE_URL", database_url)
        .env_remove("MERCHANT_CONFIG")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

impl Server {
    /// Starts the binary in `dir` with JSON logs at `log_level` and waits until it listens.
    pub fn start(dir: std::path::PathBuf, log_level: &str) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_headless-checkout"))
            .env("LISTEN_ADDR", "127.0.0.1:0")
            .env("DATABASE_URL", database_in(&dir))
            .env("LOG_FORMAT", "json")
            .env_remove("MERCHANT_CONFIG")
            .env("RUST_LOG", log_level)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the binary starts");
        let stdout = child.stdout.take().unwrap();
        let lines = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let collected = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                collected.lock().unwrap().push(line.clone());
                let _ = tx.send(line);
            }
        });
        let base = loop {
            let line = rx
                .recv_timeout(Duration::from_secs(60))
                .expect("the server logs where it listens");
            let entry: Value = serde_json::from_str(&line).unwrap_or_default();
            let message = entry["message"].as_str().unwrap_or_default();
            if let Some(at) = message.find("http://") {
                if message.contains("/v1/sessions") {
                    break message[at..].trim_end_matches("/v1/sessions").to_owned();
                }
            }
        };
        Self {
            base,
            child,
            lines,
            dir,
        }
    }

    /// Every line the server has written to stdout so far.
    pub fn logs(&self) -> String {
        self.lines.lock().unwrap().join("\n")
    }

    /// SIGTERM, then the exit status once in-flight requests have drained.
    pub async fn stop(mut self) -> std::process::ExitStatus {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let mut child = std::mem::replace(
            &mut self.child,
            Command::new("true").spawn().expect("a placeholder child"),
        );
        tokio::task::spawn_blocking(move || child.wait())
            .await
            .unwrap()
            .unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
