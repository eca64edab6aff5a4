//! The Rust side of the Python benchmark (issue 28): the same render as
//! `Renderer().render(alex-rn.json)` (a job resolved once, the bytes read,
//! built and rendered to PDF), in rounds of N, median ms per render.
//! `cargo run --release -p resume-export-python --example job_pdf -- [N] [ROUNDS]`
//! (the engine built as the wheel builds it; pair it with `benches/python_bench.py render`).

use std::sync::Arc;
use std::time::Instant;

use resume_export::job::Options;
use resume_export::layout::Layout;

const SAMPLE: &[u8] = include_bytes!("../../samples/alex-rn.json");

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let layout = Layout::builtin("classic").map_err(|e| e.to_string())?;
    let job = Options::default().resolve(Arc::new(layout))?;
    let once = || -> Result<usize, String> {
        let built = job.read(SAMPLE, None).map_err(|e| e.to_string())?;
        let files = job
            .render(&built.document, false)
            .map_err(|e| e.to_string())?;
        Ok(files.files.iter().map(|f| f.bytes.len()).sum())
    };
    for _ in 0..20 {
        once()?;
    }
    let mut ms = Vec::new();
    for _ in 0..rounds {
        let t = Instant::now();
        for _ in 0..n {
            std::hint::black_box(once()?);
        }
        ms.push(t.elapsed().as_secs_f64() * 1000.0 / n as f64);
    }
    let mut sorted = ms.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted.get(sorted.len() / 2).copied().unwrap_or_default();
    let shown: Vec<String> = ms.iter().map(|m| format!("{m:.3}")).collect();
    println!(
        "{{\"what\": \"Rust job render alex-rn.json pdf\", \"ms_per_render_median\": {median:.3}, \"rounds_ms\": [{}], \"renders_per_round\": {n}}}",
        shown.join(", ")
    );
    Ok(())
}
