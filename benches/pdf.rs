//! `cargo bench --bench pdf`: time to render each sample to PDF in process
//! (median of repeated runs), and the size of the result. No benchmark
//! framework: std's clock is enough for millisecond figures.

use std::time::{Duration, Instant};

use resume_export::backend::{self, RenderOptions};
use resume_export::document::{self, BuildOptions};
use resume_export::layout::Layout;
use resume_export::resume::{self, ReadOptions};

fn main() {
    samples();
    layouts();
}

/// Each sample in classic.
fn samples() {
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

/// Every built-in layout against classic, the same resume (alex-rn), in one
/// run: rounds of one render per layout in turn (so drift hits all alike),
/// then each layout's median and its ratio to classic's.
fn layouts() {
    let pdf = backend::find("pdf").expect("pdf backend");
    let options = RenderOptions::default();
    let path = format!("{}/samples/alex-rn.json", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("sample");
    let all: Vec<(String, Layout, document::Document)> = Layout::builtins()
        .into_iter()
        .map(|(name, _)| {
            let layout = Layout::builtin(name).expect("layout");
            let (_, doc) = resume_export::load(&bytes, &layout).expect("sample loads");
            let _ = pdf.render(&doc, &layout, &options);
            (name.to_string(), layout, doc)
        })
        .collect();
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); all.len()];
    for _ in 0..40 {
        for (i, (_, layout, doc)) in all.iter().enumerate() {
            let t = Instant::now();
            let _ = pdf.render(doc, layout, &options);
            times[i].push(t.elapsed());
        }
    }
    let median = |t: &mut Vec<Duration>| {
        t.sort();
        t[t.len() / 2].as_secs_f64() * 1e3
    };
    let medians: Vec<f64> = times.iter_mut().map(median).collect();
    let classic = medians[0];
    println!("\nalex-rn.json by layout (median of 40 rounds, in turn):");
    for ((name, _, _), m) in all.iter().zip(&medians) {
        println!("{name:<12} {m:>6.2} ms  {:>5.2}x classic", m / classic);
    }
}
