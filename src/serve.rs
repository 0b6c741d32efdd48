//! Serving connections with bounds a client cannot hold open: a cap on open connections, a
//! deadline for each request's head (slow-header clients), an idle timeout, and a graceful
//! drain on shutdown.
//!
//! poem's `Server` offers an idle timeout only, which a client sending a header byte a second
//! never trips, and hyper's own header timeout also runs while a keep-alive connection waits
//! for its next request, which would close pooled connections from a load balancer after a
//! few seconds. So the connection loop is ours: hyper serves each connection, and [`Guarded`]
//! starts the head deadline at the first byte of a request, not while the connection idles.

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::GracefulShutdown;
use poem::endpoint::BoxEndpoint;
use poem::http::uri::Scheme;
use poem::web::{LocalAddr, RemoteAddr};
use poem::{Endpoint, Response};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::time::{sleep, Instant, Sleep};

/// How long a client may hold what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// Open connections; one past it is answered 503 and closed.
    pub max_connections: usize,
    /// From a request's first byte to the end of its head; past it, 408 and the connection
    /// closes.
    pub header_read_timeout: Duration,
    /// A connection with no request running and no byte either way for this long is closed.
    pub idle_timeout: Duration,
    /// The largest request head (request line and headers); past it, 431.
    pub max_header_bytes: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self {
            max_connections: 1024,
            header_read_timeout: Duration::from_secs(10),
            // Above the 60 s idle timeout load balancers commonly keep to their backends, so
            // they, not we, close a pooled connection (closing first races their next request).
            idle_timeout: Duration::from_secs(75),
            max_header_bytes: 64 * 1024,
        }
    }
}

/// The answer to a connection past the cap, in the error envelope, written before closing it.
fn refused() -> Vec<u8> {
    let body = r#"{"error":{"code":503,"message":"too many open connections; retry shortly","status":"UNAVAILABLE","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"CONNECTION_LIMIT","domain":"checkout.headless"}]}}"#;
    format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nretry-after: 1\r\n\
         connection: close\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

const HEAD_TIMEOUT: &[u8] = b"HTTP/1.1 408 Request Timeout\r\n\
connection: close\r\ncontent-length: 0\r\n\r\n";

/// Serves `ep` on `listener` until `shutdown` resolves, then lets running requests finish for
/// up to `drain`.
pub async fn serve(
    listener: TcpListener,
    ep: BoxEndpoint<'static, Response>,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
    drain: Duration,
) -> io::Result<()> {
    let local = listener.local_addr()?;
    let ep = Arc::new(ep);
    let open = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .header_read_timeout(None)
        .max_buf_size(limits.max_header_bytes.max(8192));
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of descriptors or a connection reset before accept: keep serving
                    // the connections we have, and try again shortly.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(permit) = open.clone().try_acquire_owned() else {
            tracing::warn!(
                peer = %peer,
                max_connections = limits.max_connections,
                "connection refused: the connection limit is reached"
            );
            tokio::spawn(refuse(stream));
            continue;
        };
        let _ = stream.set_nodelay(true);
        let shared = Arc::new(Shared::default());
        let io = Guarded::new(stream, shared.clone(), limits);
        let service = hyper::service::service_fn({
            let ep = ep.clone();
            move |req| {
                let ep = ep.clone();
                let running = Running::start(shared.clone());
                async move {
                    let req = poem::Request::from((
                        req,
                        LocalAddr(local.into()),
                        RemoteAddr(peer.into()),
                        Scheme::HTTP,
                    ));
                    let resp = ep.get_response(req).await;
                    drop(running);
                    Ok::<_, Infallible>(hyper::Response::from(resp))
                }
            }
        });
        let conn = builder
            .serve_connection(TokioIo::new(io), service)
            .into_owned();
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(peer = %peer, error = %e, "connection ended with an error");
            }
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = sleep(drain) => {
            tracing::warn!(drain_secs = drain.as_secs(), "requests still running after the drain time");
        }
    }
    Ok(())
}

async fn refuse(mut stream: TcpStream) {
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        stream.write_all(&refused()).await?;
        stream.shutdown().await
    })
    .await;
}

/// What the request handler tells the connection: how many requests are running, and how many
/// have started (a head that became a request is complete).
#[derive(Default)]
struct Shared {
    running: AtomicUsize,
    started: AtomicU64,
}

struct Running(Arc<Shared>);

impl Running {
    fn start(shared: Arc<Shared>) -> Self {
        shared.started.fetch_add(1, Ordering::AcqRel);
        shared.running.fetch_add(1, Ordering::AcqRel);
        Self(shared)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.0.running.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A connection's socket with the head deadline and the idle timeout. Both only run while no
/// request does: a running request is bounded by the request timeout instead.
struct Guarded {
    inner: TcpStream,
    shared: Arc<Shared>,
    limits: ConnectionLimits,
    idle: Pin<Box<Sleep>>,
    /// The deadline of a head being read, and how many requests had started when its first
    /// byte came.
    head: Option<(Pin<Box<Sleep>>, u64)>,
}

impl Guarded {
    fn new(inner: TcpStream, shared: Arc<Shared>, limits: ConnectionLimits) -> Self {
        Self {
            inner,
            shared,
            limits,
            idle: Box::pin(sleep(limits.idle_timeout)),
            head: None,
        }
    }

    fn busy(&self) -> bool {
        self.shared.running.load(Ordering::Acquire) > 0
    }

    fn touch(&mut self) {
        self.idle
            .as_mut()
            .reset(Instant::now() + self.limits.idle_timeout);
    }

    fn head_started(&self) -> bool {
        let started = self.shared.started.load(Ordering::Acquire);
        self.head.as_ref().is_some_and(|(_, at)| *at == started)
    }
}

fn timed_out(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::TimedOut, what.to_owned())
}

impl AsyncRead for Guarded {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                if buf.filled().len() > before {
                    this.touch();
                    if !this.busy() && !this.head_started() {
                        let started = this.shared.started.load(Ordering::Acquire);
                        let deadline = Box::pin(sleep(this.limits.header_read_timeout));
                        this.head = Some((deadline, started));
                    }
                }
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => {
                if this.busy() {
                    return Poll::Pending;
                }
                if this.head_started() {
                    if let Some((deadline, _)) = this.head.as_mut() {
                        if deadline.as_mut().poll(cx).is_ready() {
                            // The socket's send buffer is empty while a head is read, so one
                            // try writes the whole answer.
                            let _ = Pin::new(&mut this.inner).poll_write(cx, HEAD_TIMEOUT);
                            return Poll::Ready(Err(timed_out("the request head took too long")));
                        }
                    }
                } else {
                    this.head = None;
                }
                if this.idle.as_mut().poll(cx).is_ready() {
                    return Poll::Ready(Err(timed_out("the connection was idle too long")));
                }
                Poll::Pending
            }
        }
    }
}

impl AsyncWrite for Guarded {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        this.touch();
        Pin::new(&mut this.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        this.touch();
        Pin::new(&mut this.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}
