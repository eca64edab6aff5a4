//! `resume-export serve`: the same conversions over HTTP, for platforms that render resumes at scale.
//!
//! ```text
//! TCP ─hyper (header timeout, keep-alive)─▶ axum router ─observe (id, auth, log, metrics)─▶ handler
//!     handler: body (size limit, deadline) ─▶ job::Options ─resolve─▶ Job ─Pool (bounded)─▶ bytes
//! ```
//!
//! Requests never name files: layouts are chosen by name among those loaded
//! at start. Renders run on a bounded pool off the reactor; a full pool
//! answers 503 with Retry-After. SIGTERM or SIGINT stops accepting and lets
//! what is in flight finish within the grace period.

mod answer;
mod input;
mod letter;
mod observe;
mod openapi;
mod pool;
mod posting;
mod render;
mod routes;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;

use crate::layout::Layout;

/// How the server runs, as the command line decided.
pub struct Config {
    pub bind: SocketAddr,
    /// Renders at once.
    pub workers: usize,
    /// Renders waiting for a worker, beyond which requests get 503.
    pub queue: usize,
    /// Largest request body, in bytes.
    pub max_body: usize,
    /// Deadline of one request, from its head to its answer.
    pub timeout: Duration,
    /// Time a client has to send a request's head.
    pub header_timeout: Duration,
    /// Time in-flight requests have to finish after SIGTERM or SIGINT.
    pub grace: Duration,
    /// Every layout a request may name, loaded and compiled at start.
    pub layouts: BTreeMap<String, (Arc<Layout>, String)>,
    /// Bearer token every /v1 and /metrics request must carry.
    pub token: Option<String>,
    /// `SOURCE_DATE_EPOCH`, as for the command line.
    pub timestamp: Option<i64>,
}

/// What every handler shares.
pub(crate) struct App {
    config: Config,
    pool: pool::Pool,
    metrics: observe::Metrics,
    /// False once shutdown starts: /readyz says 503 and new work is refused.
    ready: AtomicBool,
    next_id: AtomicU64,
}

/// Serves until SIGTERM or SIGINT, then drains. Errors are for the caller to print.
pub fn run(config: Config) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        // The reactor only moves bytes; renders have the pool's threads.
        .worker_threads(2.min(config.workers.max(1)))
        .max_blocking_threads(config.workers.max(1) + 2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server runtime: {e}"))?;
    runtime.block_on(serve(config))
}

async fn serve(config: Config) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.bind))?;
    let address = listener
        .local_addr()
        .map_err(|e| format!("cannot listen on {}: {e}", config.bind))?;
    // Fonts, patterns and templates load now, not on the first request.
    for b in crate::backend::BACKENDS {
        b.prepare();
    }
    let app = Arc::new(App {
        pool: pool::Pool::new(config.workers, config.queue),
        metrics: observe::Metrics::new(),
        ready: AtomicBool::new(true),
        next_id: AtomicU64::new(1),
        config,
    });
    let router = routes::router(Arc::clone(&app));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(app.config.header_timeout)
        .keep_alive(true);
    let graceful = GracefulShutdown::new();
    observe::event(
        "listening",
        serde_json::json!({
            "address": format!("http://{address}"),
            "workers": app.config.workers,
            "queue": app.config.queue,
            "layouts": app.config.layouts.keys().collect::<Vec<_>>(),
        }),
    );
    let mut stop = std::pin::pin!(shutdown_signal());
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, _) = match accepted {
                    Ok(a) => a,
                    // Out of descriptors and the like: wait, and go on.
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let service = TowerToHyperService::new(router.clone());
                let connection = http.serve_connection(TokioIo::new(stream), service);
                let watched = graceful.watch(connection);
                tokio::spawn(async move {
                    let _ = watched.await;
                });
            }
            signal = &mut stop => {
                observe::event("stopping", serde_json::json!({ "signal": signal }));
                break;
            }
        }
    }
    app.ready.store(false, Ordering::SeqCst);
    drop(listener);
    let grace = app.config.grace;
    tokio::select! {
        () = graceful.shutdown() => observe::event("stopped", serde_json::json!({})),
        () = tokio::time::sleep(grace) => observe::event(
            "stopped",
            serde_json::json!({ "grace_expired_seconds": grace.as_secs_f64() }),
        ),
    }
    Ok(())
}

/// Resolves on SIGTERM or SIGINT, with the signal's name.
async fn shutdown_signal() -> &'static str {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match (
            signal(SignalKind::terminate()),
            signal(SignalKind::interrupt()),
        ) {
            (Ok(mut term), Ok(mut int)) => tokio::select! {
                _ = term.recv() => "SIGTERM",
                _ = int.recv() => "SIGINT",
            },
            _ => std::future::pending().await,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
        "ctrl-c"
    }
}
