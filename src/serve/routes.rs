//! The endpoints, as one table the router and the OpenAPI description are both made from.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;

use axum::Router;
use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use super::App;
use super::answer::{self, Format, Problem, Reason};
use super::input::{self, Route};
use super::observe::{self, LogLine};
use super::render;
use crate::backend::{self, BACKENDS};

const JSON: &[&str] = &["application/json"];

/// Every endpoint, in the order the description lists them.
pub fn table() -> &'static [Route] {
    static TABLE: std::sync::OnceLock<Vec<Route>> = std::sync::OnceLock::new();
    TABLE.get_or_init(make)
}

fn make() -> Vec<Route> {
    let mut renders: Vec<&'static str> = vec!["application/pdf", "application/zip"];
    renders.extend(
        BACKENDS
            .iter()
            .map(|b| backend::media_type(b.extension()))
            .filter(|m| *m != "application/pdf"),
    );
    vec![
        Route {
            method: Method::POST,
            path: "/v1/render",
            summary: "Render a resume (the body) in one format, or several as a zip",
            guarded: true,
            params: input::RENDER,
            answers: &[
                (
                    200,
                    "The file; warnings in X-Warnings (a JSON array of strings, ASCII)",
                ),
                (
                    400,
                    "Malformed body (with line and column: not JSON, YAML or TOML, or a number past a double's range), empty body, or an unknown option or value (with the valid values)",
                ),
                (401, "No or wrong bearer token"),
                (408, "The body did not arrive before the deadline"),
                (
                    413,
                    "Body over the size limit, refused before it is read whole",
                ),
                (415, "Content-Type other than JSON, YAML or TOML"),
                (
                    422,
                    "Not a resume (the top level is not an object), over an input limit (depth, items, string length), or does not fit max_pages",
                ),
                (500, "A bug in one render; the server goes on"),
                (
                    503,
                    "Every worker busy and the queue full, or the deadline passed; see Retry-After",
                ),
            ],
            produces: renders.leak(),
            handler: || post(render::render),
        },
        Route {
            method: Method::POST,
            path: "/v1/validate",
            summary: "Check a resume (the body) against the JSON Resume schema with our extensions",
            guarded: true,
            params: input::VALIDATE,
            answers: &[
                (200, "The problems, with JSON pointers and line:column"),
                (
                    400,
                    "Malformed body (with line and column: not JSON, YAML or TOML, or a number past a double's range), empty body, or an unknown option or value (with the valid values)",
                ),
                (401, "No or wrong bearer token"),
                (408, "The body did not arrive before the deadline"),
                (413, "Body over the size limit"),
                (415, "Content-Type other than JSON, YAML or TOML"),
                (
                    422,
                    "Not a resume (the top level is not an object), or over an input limit (depth, items, string length)",
                ),
                (503, "Every worker busy and the queue full; see Retry-After"),
            ],
            produces: JSON,
            handler: || post(render::validate),
        },
        Route {
            method: Method::POST,
            path: "/v1/check",
            summary: "How a resume (an object, or a PDF or DOCX in base64) fits a job posting: the posting's key terms covered, where, and those missed",
            guarded: true,
            params: &[],
            answers: &[
                (
                    200,
                    "The fit, as `check --job --json` gives it for one file",
                ),
                (
                    400,
                    "Malformed body (with line and column), empty body, an unknown field, posting_format or language",
                ),
                (401, "No or wrong bearer token"),
                (408, "The body did not arrive before the deadline"),
                (413, "Body over the size limit"),
                (415, "Content-Type other than JSON, YAML or TOML"),
                (
                    422,
                    "No posting, an empty posting or one without key terms, no resume or document (or both), or a document that is not a readable PDF or DOCX",
                ),
                (503, "Every worker busy and the queue full; see Retry-After"),
            ],
            produces: JSON,
            handler: || post(super::posting::check),
        },
        Route {
            method: Method::GET,
            path: "/v1/formats",
            summary: "The output formats",
            guarded: true,
            params: &[],
            answers: &[(200, "The formats"), (401, "No or wrong bearer token")],
            produces: JSON,
            handler: || get(formats),
        },
        Route {
            method: Method::GET,
            path: "/v1/layouts",
            summary: "The layouts a request may name",
            guarded: true,
            params: &[],
            answers: &[(200, "The layouts"), (401, "No or wrong bearer token")],
            produces: JSON,
            handler: || get(layouts),
        },
        Route {
            method: Method::GET,
            path: "/v1/openapi.json",
            summary: "This description",
            guarded: false,
            params: &[],
            answers: &[(200, "OpenAPI 3.1")],
            produces: JSON,
            handler: || get(openapi),
        },
        Route {
            method: Method::GET,
            path: "/healthz",
            summary: "Liveness: the process answers",
            guarded: false,
            params: &[],
            answers: &[(200, "ok")],
            produces: &["text/plain"],
            handler: || get(healthz),
        },
        Route {
            method: Method::GET,
            path: "/readyz",
            summary: "Readiness: the server takes work (503 once shutdown starts)",
            guarded: false,
            params: &[],
            answers: &[(200, "ready"), (503, "shutting down")],
            produces: &["text/plain"],
            handler: || get(readyz),
        },
        Route {
            method: Method::GET,
            path: "/metrics",
            summary: "Prometheus metrics (OpenMetrics text)",
            guarded: true,
            params: &[],
            answers: &[(200, "The metrics"), (401, "No or wrong bearer token")],
            produces: &["application/openmetrics-text"],
            handler: || get(metrics),
        },
    ]
}

/// The router of every endpoint, each behind the observer.
pub fn router(app: Arc<App>) -> Router {
    let mut router = Router::new();
    for route in table() {
        router = router.route(route.path, (route.handler)());
    }
    router
        .fallback(|| async {
            Problem::new(
                StatusCode::NOT_FOUND,
                "not_found",
                "no such endpoint; see /v1/openapi.json",
            )
        })
        .layer(middleware::from_fn_with_state(
            Arc::clone(&app),
            observe_request,
        ))
        .with_state(app)
}

/// Around every request: its id, the token, the in-flight gauge, the metrics and the log line.
async fn observe_request(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched".to_string(), |m| m.as_str().to_string());
    let method = request.method().clone();
    let id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty() && v.len() <= 128 && v.bytes().all(|b| b.is_ascii_graphic()))
        .map(String::from)
        .unwrap_or_else(|| format!("{:016x}", app.next_id.fetch_add(1, Ordering::Relaxed)));
    let guarded = table()
        .iter()
        .any(|r| r.guarded && r.path == route && r.method == method);
    app.metrics.in_flight.inc();
    let mut response = if guarded && !authorised(&app, &request) {
        app.metrics.rejected("unauthorized");
        Problem::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "a bearer token is needed",
        )
        .into_response()
    } else if !app.ready.load(Ordering::SeqCst) && route.starts_with("/v1/render") {
        app.metrics.rejected("shutting_down");
        let mut p = Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "shutting_down",
            "the server is shutting down",
        );
        p.retry_after = Some(1);
        p.into_response()
    } else {
        next.run(request).await
    };
    app.metrics.in_flight.dec();
    app.metrics.queued.set(app.pool.waiting() as i64);
    app.metrics.rendering.set(app.pool.running() as i64);
    if let Ok(v) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", v);
    }
    let status = response.status().as_u16();
    let format = response
        .extensions()
        .get::<Format>()
        .map(|f| f.0.clone())
        .unwrap_or_default();
    if status >= 400
        && let Some(Reason(reason)) = response.extensions().get::<Reason>().copied()
        && !matches!(
            reason,
            "unauthorized"
                | "too_large"
                | "queue_full"
                | "not_found"
                | "shutting_down"
                | "media_type"
        )
    {
        app.metrics.failed(reason);
    }
    let seconds = started.elapsed().as_secs_f64();
    app.metrics.answered(&route, &format, status, seconds);
    let bytes = response
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .or_else(|| axum::body::HttpBody::size_hint(response.body()).exact())
        .unwrap_or(0);
    observe::log(&LogLine {
        time: observe::now(),
        id: &id,
        method: method.as_str(),
        route: &route,
        format: &format,
        status,
        bytes,
        ms: (seconds * 1e6).round() / 1e3,
        error: response.extensions().get::<Reason>().map(|r| r.0),
    });
    response
}

/// Whether the request carries the token (always, when the server has none).
fn authorised(app: &App, request: &Request) -> bool {
    let Some(token) = &app.config.token else {
        return true;
    };
    let given = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    same(given.trim().as_bytes(), token.as_bytes())
}

/// Compares in time that does not depend on where the two differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    let mut diff = a.len() ^ b.len();
    for (i, x) in b.iter().enumerate() {
        diff |= usize::from(a.get(i).copied().unwrap_or(0) ^ x);
    }
    diff == 0
}

/// One output format as `/v1/formats` lists it.
#[derive(serde::Serialize)]
pub struct FormatInfo {
    pub name: &'static str,
    pub extension: &'static str,
    pub media_type: &'static str,
    pub description: &'static str,
}

async fn formats() -> Response {
    let list: Vec<FormatInfo> = BACKENDS
        .iter()
        .map(|b| FormatInfo {
            name: b.name(),
            extension: b.extension(),
            media_type: backend::media_type(b.extension()),
            description: b.description(),
        })
        .collect();
    answer::json(&list)
}

/// One layout as `/v1/layouts` lists it.
#[derive(serde::Serialize)]
pub struct LayoutInfo {
    pub name: String,
    pub description: String,
}

async fn layouts(State(app): State<Arc<App>>) -> Response {
    let list: Vec<LayoutInfo> = app
        .config
        .layouts
        .iter()
        .map(|(name, (_, description))| LayoutInfo {
            name: name.clone(),
            description: description.clone(),
        })
        .collect();
    answer::json(&list)
}

async fn openapi(State(app): State<Arc<App>>) -> Response {
    answer::json(&super::openapi::spec(&app, table()))
}

async fn healthz() -> &'static str {
    "ok\n"
}

async fn readyz(State(app): State<Arc<App>>) -> Response {
    if app.ready.load(Ordering::SeqCst) {
        "ready\n".into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "shutting down\n").into_response()
    }
}

async fn metrics(State(app): State<Arc<App>>) -> Response {
    app.metrics.queued.set(app.pool.waiting() as i64);
    app.metrics.rendering.set(app.pool.running() as i64);
    let mut r = Response::new(Body::from(app.metrics.text()));
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/openmetrics-text; version=1.0.0; charset=utf-8"),
    );
    r
}
