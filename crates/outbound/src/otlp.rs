//! OTLP export of the service's spans: each `SpanRecord` becomes an OpenTelemetry span with the
//! very ids the service logged and sent on, batched and posted (HTTP, protobuf) by the SDK off
//! the request path.

use std::time::Duration;

use opentelemetry::trace::{
    Span as _, SpanBuilder, SpanContext, SpanId, SpanKind as OtelKind, Status, TraceContextExt,
    TraceFlags, TraceId, TraceState, Tracer as _, TracerProvider as _,
};
use opentelemetry::{Context, KeyValue, Value};
use opentelemetry_otlp::WithExportConfig;
use opentelemetry_sdk::trace::{SdkTracerProvider, Tracer};
use opentelemetry_sdk::Resource;

use ports::trace::{SpanKind, SpanRecord, SpanSink, SpanValue};

/// The service name spans carry unless `OTEL_SERVICE_NAME` says otherwise.
const SERVICE_NAME: &str = "headless-checkout";

pub struct OtlpSpans {
    provider: SdkTracerProvider,
    tracer: Tracer,
}

impl OtlpSpans {
    /// An exporter to `endpoint` (the full URL of the collector's `/v1/traces`), or, without
    /// one, to where the standard `OTEL_EXPORTER_OTLP_*` variables point (headers, timeout and
    /// compression are read from them too).
    ///
    /// # Errors
    /// The endpoint is not a URL, or the HTTP client cannot be built.
    pub fn new(endpoint: Option<&str>) -> Result<Self, String> {
        let mut builder = opentelemetry_otlp::SpanExporter::builder().with_http();
        if let Some(url) = endpoint {
            builder = builder.with_endpoint(url);
        }
        let exporter = builder.build().map_err(|e| e.to_string())?;
        let mut resource = Resource::builder();
        if std::env::var_os("OTEL_SERVICE_NAME").is_none() {
            resource = resource.with_service_name(SERVICE_NAME);
        }
        let provider = SdkTracerProvider::builder()
            // The SDK's batch processor: its own thread, a bounded queue that drops when full,
            // so a slow or absent collector never holds a request.
            .with_batch_exporter(exporter)
            .with_resource(resource.build())
            .build();
        let tracer = provider.tracer("checkout");
        Ok(Self { provider, tracer })
    }

    /// Sends what is queued, waiting at most `timeout`. Blocking: call it off the runtime's
    /// worker threads (`spawn_blocking`) or after the runtime is done.
    pub fn shutdown(&self, timeout: Duration) {
        if let Err(e) = self.provider.shutdown_with_timeout(timeout) {
            tracing::warn!(error = %e, "the span exporter did not flush every span");
        }
    }
}

fn value(v: SpanValue) -> Value {
    match v {
        SpanValue::Text(s) => Value::from(s),
        SpanValue::Int(n) => Value::from(n),
    }
}

impl SpanSink for OtlpSpans {
    fn record(&self, span: SpanRecord) {
        let trace_id = TraceId::from(span.context.trace_id);
        let parent = match span.parent {
            Some((id, remote)) => Context::new().with_remote_span_context(SpanContext::new(
                trace_id,
                SpanId::from(id),
                TraceFlags::SAMPLED,
                remote,
                TraceState::default(),
            )),
            None => Context::new(),
        };
        let builder = SpanBuilder::from_name(span.name)
            .with_trace_id(trace_id)
            .with_span_id(SpanId::from(span.context.span_id))
            .with_kind(match span.kind {
                SpanKind::Server => OtelKind::Server,
                SpanKind::Client => OtelKind::Client,
            })
            .with_start_time(span.start)
            .with_attributes(
                span.attributes
                    .into_iter()
                    .map(|(k, v)| KeyValue::new(k, value(v))),
            );
        let mut otel = self.tracer.build_with_context(builder, &parent);
        if let Some(error) = span.error {
            otel.set_status(Status::error(error));
        }
        otel.end_with_timestamp(span.end);
    }
}
