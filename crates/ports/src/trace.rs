//! W3C Trace Context: the trace a request belongs to, carried in `traceparent` into the service
//! and out of it (webhook deliveries), and the spans the service records for an exporter.

use std::time::SystemTime;

/// One position in a distributed trace: the trace, the span at this position, and whether the
/// trace is sampled (the caller's decision, kept as is).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TraceContext {
    pub trace_id: u128,
    pub span_id: u64,
    pub sampled: bool,
}

impl TraceContext {
    /// A new trace with its first span, sampled (the service records what it starts).
    pub fn new_root() -> Self {
        Self {
            trace_id: nonzero_u128(),
            span_id: nonzero_u64(),
            sampled: true,
        }
    }

    /// A new span in the same trace, as a child of this one.
    pub fn child(&self) -> Self {
        Self {
            span_id: nonzero_u64(),
            ..*self
        }
    }

    /// Reads a `traceparent` header as the W3C Trace Context recommendation says: version `00`
    /// is exactly four fields; a later version may append fields, which are ignored; version
    /// `ff`, all-zero ids, upper-case hex or a wrong length are invalid (and the caller starts
    /// a new trace instead).
    pub fn parse_traceparent(value: &str) -> Option<Self> {
        let value = value.trim_matches([' ', '\t']);
        let mut fields = value.split('-');
        let version = fields.next()?;
        let trace = fields.next()?;
        let span = fields.next()?;
        let flags = fields.next()?;
        let rest = fields.next();
        if !is_hex(version, 2) || version == "ff" || (version == "00" && rest.is_some()) {
            return None;
        }
        // A later version's flags field is followed by `-`, never by anything else.
        if !is_hex(trace, 32) || !is_hex(span, 16) || !is_hex(flags, 2) {
            return None;
        }
        let trace_id = u128::from_str_radix(trace, 16).ok()?;
        let span_id = u64::from_str_radix(span, 16).ok()?;
        let flags = u8::from_str_radix(flags, 16).ok()?;
        (trace_id != 0 && span_id != 0).then_some(Self {
            trace_id,
            span_id,
            sampled: flags & 1 == 1,
        })
    }

    /// The `traceparent` value naming this span as the parent.
    pub fn traceparent(&self) -> String {
        format!(
            "00-{:032x}-{:016x}-{:02x}",
            self.trace_id,
            self.span_id,
            u8::from(self.sampled)
        )
    }

    /// The trace id as 32 lower-case hex digits, as logs, errors and tracing back ends show it.
    pub fn trace_hex(&self) -> String {
        format!("{:032x}", self.trace_id)
    }
}

fn is_hex(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn nonzero_u128() -> u128 {
    loop {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).expect("the system has a random source");
        let n = u128::from_le_bytes(bytes);
        if n != 0 {
            return n;
        }
    }
}

fn nonzero_u64() -> u64 {
    loop {
        let mut bytes = [0u8; 8];
        getrandom::fill(&mut bytes).expect("the system has a random source");
        let n = u64::from_le_bytes(bytes);
        if n != 0 {
            return n;
        }
    }
}

/// Which side of a call a span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanKind {
    /// A request this service answered.
    Server,
    /// A request this service sent (a webhook delivery).
    Client,
}

/// One attribute value of a span.
#[derive(Debug, Clone, PartialEq)]
pub enum SpanValue {
    Text(String),
    Int(i64),
}

/// A span that has ended, for an exporter.
#[derive(Debug, Clone, PartialEq)]
pub struct SpanRecord {
    pub context: TraceContext,
    /// The parent span's id and whether it lives in another process (a caller's span).
    pub parent: Option<(u64, bool)>,
    pub name: String,
    pub kind: SpanKind,
    pub start: SystemTime,
    pub end: SystemTime,
    /// OpenTelemetry semantic-convention names (`http.request.method`, ...).
    pub attributes: Vec<(&'static str, SpanValue)>,
    /// Ended in an error (a 5xx answered, a delivery that failed).
    pub error: Option<String>,
}

/// Where ended spans go. `record` never blocks and never fails the caller: an exporter that
/// cannot keep up drops spans, and says so in its own metrics and logs.
pub trait SpanSink: Send + Sync {
    fn record(&self, span: SpanRecord);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traceparent_round_trips_and_keeps_the_sampled_flag() {
        let v = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        let c = TraceContext::parse_traceparent(v).unwrap();
        assert_eq!(c.trace_hex(), "4bf92f3577b34da6a3ce929d0e0e4736");
        assert_eq!(c.span_id, 0x00f0_67aa_0ba9_02b7);
        assert!(c.sampled);
        assert_eq!(c.traceparent(), v);
        let unsampled = TraceContext::parse_traceparent(&v.replace("-01", "-00")).unwrap();
        assert!(!unsampled.sampled);
        let child = c.child();
        assert_eq!(child.trace_id, c.trace_id);
        assert_ne!(child.span_id, c.span_id);
    }

    #[test]
    fn invalid_traceparents_are_refused() {
        for bad in [
            "",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
            "0x-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        ] {
            assert_eq!(TraceContext::parse_traceparent(bad), None, "{bad}");
        }
        // A later version may carry more fields after the four it shares with 00.
        assert!(TraceContext::parse_traceparent(
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future"
        )
        .is_some());
    }

    #[test]
    fn new_traces_are_distinct_and_sampled() {
        let (a, b) = (TraceContext::new_root(), TraceContext::new_root());
        assert_ne!(a.trace_id, b.trace_id);
        assert!(a.sampled);
        assert_eq!(a.traceparent().len(), 55);
    }
}
