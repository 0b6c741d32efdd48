//! The trace the current task works for: set by the HTTP edge around each request, read where
//! the service starts work that outlives the request (events and their webhook deliveries).

use std::future::Future;

pub use ports::trace::{SpanKind, SpanRecord, SpanSink, SpanValue, TraceContext};

tokio::task_local! {
    static CURRENT: TraceContext;
}

/// Runs `work` as part of `context`'s span.
pub async fn scope<F: Future>(context: TraceContext, work: F) -> F::Output {
    CURRENT.scope(context, work).await
}

/// The span the current task works for, if it was started inside [`scope`].
pub fn current() -> Option<TraceContext> {
    CURRENT.try_with(|c| *c).ok()
}
