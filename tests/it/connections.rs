//! The connection loop's bounds over real sockets: a slow request head is answered 408 and
//! closed, a silent connection is closed, keep-alive outlives the head deadline, a connection
//! past the cap is answered 503, and an oversized head 431.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use clap::Parser;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::oneshot;

use headless_checkout::settings::Settings;
use headless_checkout::startup::Application;

#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    settings: Settings,
}

struct Running {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    served: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    async fn stop(mut self) {
        let _ = self.stop.take().map(|s| s.send(()));
        let served = tokio::time::timeout(Duration::from_secs(10), &mut self.served).await;
        assert!(
            matches!(served, Ok(Ok(Ok(())))),
            "the server did not stop cleanly: {served:?}"
        );
    }
}

async fn start(flags: &[&str]) -> Running {
    let mut args = vec![
        "headless-checkout",
        "--listen",
        "127.0.0.1:0",
        "--database-url",
        "sqlite::memory:",
    ];
    args.extend_from_slice(flags);
    let settings = Cli::parse_from(args).settings;
    let app = Application::build(&settings, config_file::demo())
        .await
        .unwrap();
    let addr = app.local_addr();
    let (stop, stopped) = oneshot::channel::<()>();
    let served = tokio::spawn(app.run_until(async {
        let _ = stopped.await;
    }));
    Running {
        addr,
        stop: Some(stop),
        served,
    }
}

/// Everything the server sends until it closes the connection (or `within` passes).
async fn read_to_close(stream: &mut TcpStream, within: Duration) -> (String, bool) {
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + within;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return (String::from_utf8_lossy(&seen).into(), true),
            Ok(Ok(n)) => seen.extend_from_slice(&buf[..n]),
            Err(_) => return (String::from_utf8_lossy(&seen).into(), false),
        }
    }
}

/// Reads one answer to `GET /healthz` on a kept-alive connection.
async fn healthz_on(stream: &mut TcpStream) -> String {
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nhost: t\r\n\r\n")
        .await
        .unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&seen).contains(r#"{"status":"ok"}"#) {
        let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buf))
            .await
            .expect("an answer within 5 s")
            .unwrap();
        assert!(
            n > 0,
            "closed before answering: {:?}",
            String::from_utf8_lossy(&seen)
        );
        seen.extend_from_slice(&buf[..n]);
    }
    String::from_utf8_lossy(&seen).into()
}

#[tokio::test]
async fn a_head_sent_a_byte_at_a_time_is_answered_408_and_closed() {
    let server = start(&["--header-read-timeout-secs", "1"]).await;
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    let (mut read, mut write) = stream.split();
    let started = Instant::now();
    let trickle = async {
        write.write_all(b"GET /healthz HTTP/1.1\r\n").await.ok()?;
        for _ in 0..40 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            write.write_all(b"x").await.ok()?;
        }
        Some(())
    };
    let answer = async {
        let mut seen = Vec::new();
        let mut buf = [0u8; 1024];
        loop {
            match read.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => seen.extend_from_slice(&buf[..n]),
            }
        }
        String::from_utf8_lossy(&seen).into_owned()
    };
    let (_, answer) = tokio::join!(trickle, answer);
    let took = started.elapsed();
    assert!(answer.starts_with("HTTP/1.1 408"), "answered {answer:?}");
    assert!(
        took < Duration::from_secs(3),
        "a slow head held its connection for {took:?}"
    );
    server.stop().await;
}

#[tokio::test]
async fn a_silent_connection_is_closed_after_the_idle_timeout() {
    let server = start(&["--idle-timeout-secs", "1"]).await;
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    let (said, closed) = read_to_close(&mut stream, Duration::from_secs(4)).await;
    assert!(closed, "a silent connection stayed open");
    assert_eq!(
        said, "",
        "nothing is said to a connection that asked nothing"
    );
    server.stop().await;
}

#[tokio::test]
async fn keep_alive_outlives_the_head_deadline() {
    // A load balancer keeps connections open between requests; only a head being read has
    // the short deadline.
    let server = start(&[
        "--header-read-timeout-secs",
        "1",
        "--idle-timeout-secs",
        "10",
    ])
    .await;
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    assert!(healthz_on(&mut stream).await.starts_with("HTTP/1.1 200"));
    tokio::time::sleep(Duration::from_millis(1600)).await;
    assert!(healthz_on(&mut stream).await.starts_with("HTTP/1.1 200"));
    server.stop().await;
}

#[tokio::test]
async fn a_connection_past_the_cap_is_answered_503_and_the_cap_frees_up() {
    let server = start(&["--max-connections", "2"]).await;
    let mut first = TcpStream::connect(server.addr).await.unwrap();
    let _second = TcpStream::connect(server.addr).await.unwrap();
    // The first answers, so both are accepted and counted before the third comes.
    assert!(healthz_on(&mut first).await.starts_with("HTTP/1.1 200"));
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut third = TcpStream::connect(server.addr).await.unwrap();
    let (said, closed) = read_to_close(&mut third, Duration::from_secs(3)).await;
    assert!(closed);
    assert!(said.starts_with("HTTP/1.1 503"), "answered {said:?}");
    assert!(said.contains("retry-after: 1"), "answered {said:?}");
    let body: serde_json::Value =
        serde_json::from_str(said.split("\r\n\r\n").nth(1).unwrap()).unwrap();
    assert_eq!(body["error"]["status"], "UNAVAILABLE");
    assert_eq!(body["error"]["details"][0]["reason"], "CONNECTION_LIMIT");
    drop(first);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut fourth = TcpStream::connect(server.addr).await.unwrap();
    assert!(healthz_on(&mut fourth).await.starts_with("HTTP/1.1 200"));
    server.stop().await;
}

#[tokio::test]
async fn an_oversized_head_is_answered_431() {
    let server = start(&[]).await;
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    let head = format!(
        "GET /healthz HTTP/1.1\r\nhost: t\r\nx-big: {}\r\n\r\n",
        "a".repeat(100 * 1024)
    );
    // The server may answer and close before reading it all.
    let _ = stream.write_all(head.as_bytes()).await;
    let (said, _) = read_to_close(&mut stream, Duration::from_secs(3)).await;
    assert!(said.starts_with("HTTP/1.1 431"), "answered {said:?}");
    server.stop().await;
}
