//! `cargo bench --bench pdf`: time to render each sample to PDF in process
//! (median of repeated runs), and the size of the result. No benchmark
//! framework: std's clock is enough for millisecond figures.

use std::time::{Duration, Instant};

use resume_export::backend::{self, RenderOptions};
use resume_export::document::{self, BuildOptions};
use resume_export::layout::Layout;
use resume_export::resume::{self, ReadOptions};

fn main() {
    let layout = Layout::builtin("classic").expect("classic layout");
    let pdf = backend::find("pdf").expect("pdf backend");
    let options = RenderOptions::default();
    for name in ["alex-rn", "jsonresume-sample", "lebenslauf-de"] {
        let path = format!("{}/samples/{name}.json", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&path).expect("sample");
        let (_, value) = resume::parse_json(&bytes).expect("JSON");
        let parsed = resume::read_value(value, &ReadOptions::default());
        let doc = document::build(&parsed.resume, &BuildOptions::default());
        // The first render parses the bundled fonts (once per process).
        let first = Instant::now();
        let out = pdf.render(&doc, &layout, &options).expect("render");
        let first = first.elapsed();
        let mut times: Vec<Duration> = (0..30)
            .map(|_| {
                let t = Instant::now();
                let _ = pdf.render(&doc, &layout, &options);
                t.elapsed()
            })
            .collect();
        times.sort();
        println!(
            "{name:<18} first {:>6.2} ms  median {:>6.2} ms  min {:>6.2} ms  {:>6} bytes",
            first.as_secs_f64() * 1e3,
            times[times.len() / 2].as_secs_f64() * 1e3,
            times[0].as_secs_f64() * 1e3,
            out.bytes.len()
        );
    }
}
