//! The bounded pool renders run on: a fixed number at once, a fixed number waiting, the rest refused.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Renders off the reactor, on tokio's blocking threads, `workers` at a time,
/// with at most `queue` more waiting. Memory is bounded by the two numbers:
/// a request that finds no place is refused at once.
pub struct Pool {
    workers: Arc<Semaphore>,
    places: Arc<Semaphore>,
    waiting: Arc<AtomicUsize>,
    running: Arc<AtomicUsize>,
}

/// Why a job did not run to its end.
#[derive(Debug)]
pub enum Refusal {
    /// Every worker busy and the queue full.
    Full,
    /// The job panicked (a bug); the pool goes on.
    Panicked(String),
}

impl Pool {
    pub fn new(workers: usize, queue: usize) -> Pool {
        Pool {
            workers: Arc::new(Semaphore::new(workers.max(1))),
            places: Arc::new(Semaphore::new(workers.max(1) + queue)),
            waiting: Arc::new(AtomicUsize::new(0)),
            running: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// Jobs waiting for a worker.
    pub fn waiting(&self) -> usize {
        self.waiting.load(Ordering::Relaxed)
    }

    /// Jobs rendering now.
    pub fn running(&self) -> usize {
        self.running.load(Ordering::Relaxed)
    }

    /// Runs `job` on a blocking thread when a worker is free. Refused at once
    /// when no place is left. Dropping the returned future gives up the wait,
    /// but a job already running finishes (and keeps its worker until then),
    /// so a timed-out render cannot make room for more than the pool holds.
    pub async fn run<T, F>(&self, job: F) -> Result<T, Refusal>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let place = Arc::clone(&self.places)
            .try_acquire_owned()
            .map_err(|_| Refusal::Full)?;
        let waiting = Waiting::enter(Arc::clone(&self.waiting));
        let worker: OwnedSemaphorePermit = Arc::clone(&self.workers)
            .acquire_owned()
            .await
            .map_err(|_| Refusal::Full)?;
        drop(waiting);
        let running = Arc::clone(&self.running);
        running.fetch_add(1, Ordering::Relaxed);
        let handle = tokio::task::spawn_blocking(move || {
            let _held = (place, worker, Leave(running));
            job()
        });
        handle.await.map_err(|e| {
            let payload = e.into_panic();
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Refusal::Panicked(what)
        })
    }
}

/// Counts a job as waiting until it gets a worker or gives up.
struct Waiting(Arc<AtomicUsize>);

impl Waiting {
    fn enter(n: Arc<AtomicUsize>) -> Waiting {
        n.fetch_add(1, Ordering::Relaxed);
        Waiting(n)
    }
}

impl Drop for Waiting {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Counts a job as running until its thread lets go of it.
struct Leave(Arc<AtomicUsize>);

impl Drop for Leave {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}
