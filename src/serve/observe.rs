//! What the server tells its operators: Prometheus metrics and one JSON log line per request.

use std::io::Write;
use std::sync::atomic::{AtomicI64, AtomicU64};

use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

type Labels = Vec<(&'static str, String)>;

/// The server's metrics, registered once.
pub struct Metrics {
    registry: Registry,
    requests: Family<Labels, Counter>,
    latency: Family<Labels, Histogram>,
    pub in_flight: Gauge<i64, AtomicI64>,
    pub queued: Gauge<i64, AtomicI64>,
    pub rendering: Gauge<i64, AtomicI64>,
    rejected: Family<Labels, Counter>,
    failures: Family<Labels, Counter>,
    pub output_bytes: Counter<u64, AtomicU64>,
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("resume_export");
        let requests = Family::<Labels, Counter>::default();
        registry.register(
            "http_requests",
            "Requests answered, by route, format and status",
            requests.clone(),
        );
        // 0.5 ms to about 16 s.
        let latency = Family::<Labels, Histogram>::new_with_constructor(
            (|| Histogram::new(exponential_buckets(0.0005, 2.0, 16))) as fn() -> Histogram,
        );
        registry.register(
            "http_request_duration_seconds",
            "Time from the request's head to the answer, by route",
            latency.clone(),
        );
        let in_flight = Gauge::default();
        registry.register(
            "http_requests_in_flight",
            "Requests being answered now",
            in_flight.clone(),
        );
        let queued = Gauge::default();
        registry.register(
            "render_queue_depth",
            "Renders waiting for a worker",
            queued.clone(),
        );
        let rendering = Gauge::default();
        registry.register(
            "renders_running",
            "Renders running on a worker now",
            rendering.clone(),
        );
        let rejected = Family::<Labels, Counter>::default();
        registry.register(
            "http_requests_rejected",
            "Requests refused before any work, by reason (queue_full, too_large, unauthorized, timeout, shutting_down)",
            rejected.clone(),
        );
        let failures = Family::<Labels, Counter>::default();
        registry.register(
            "render_failures",
            "Renders that gave no file, by reason (syntax, limit, options, render, panic, timeout)",
            failures.clone(),
        );
        let output_bytes = Counter::default();
        registry.register(
            "output_bytes",
            "Bytes of rendered files sent",
            output_bytes.clone(),
        );
        Metrics {
            registry,
            requests,
            latency,
            in_flight,
            queued,
            rendering,
            rejected,
            failures,
            output_bytes,
        }
    }

    /// One answered request.
    pub fn answered(&self, route: &str, format: &str, status: u16, seconds: f64) {
        self.requests
            .get_or_create(&vec![
                ("route", route.to_string()),
                ("format", format.to_string()),
                ("status", status.to_string()),
            ])
            .inc();
        self.latency
            .get_or_create(&vec![("route", route.to_string())])
            .observe(seconds);
    }

    pub fn rejected(&self, reason: &str) {
        self.rejected
            .get_or_create(&vec![("reason", reason.to_string())])
            .inc();
    }

    pub fn failed(&self, reason: &str) {
        self.failures
            .get_or_create(&vec![("reason", reason.to_string())])
            .inc();
    }

    /// The OpenMetrics text exposition, which Prometheus reads.
    pub fn text(&self) -> String {
        let mut out = String::new();
        if encode(&mut out, &self.registry).is_err() {
            out.clear();
        }
        out
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

/// One request as logged.
#[derive(serde::Serialize)]
pub struct LogLine<'a> {
    /// Seconds since 1970, with milliseconds.
    pub time: f64,
    pub id: &'a str,
    pub method: &'a str,
    pub route: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub format: &'a str,
    pub status: u16,
    pub bytes: u64,
    pub ms: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'a str>,
}

/// Writes a line to standard error, whole (one `write` per line, so lines of
/// concurrent requests never interleave).
pub fn log(line: &LogLine<'_>) {
    if let Ok(mut text) = serde_json::to_vec(line) {
        text.push(b'\n');
        let _ = std::io::stderr().lock().write_all(&text);
    }
}

/// A line that is no request (start, stop, a panic).
pub fn event(what: &str, fields: serde_json::Value) {
    let mut object = serde_json::Map::new();
    object.insert("time".into(), now().into());
    object.insert("event".into(), what.into());
    if let serde_json::Value::Object(more) = fields {
        object.extend(more);
    }
    if let Ok(mut text) = serde_json::to_vec(&object) {
        text.push(b'\n');
        let _ = std::io::stderr().lock().write_all(&text);
    }
}

/// Seconds since 1970, to the millisecond.
pub fn now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| (d.as_millis() as f64) / 1000.0)
}
