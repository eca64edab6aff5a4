//! In-process timings of each stage for `samples/alex-rn.json` (divan): `cargo bench`.
//!
//! Whole-process figures (what a user pays, start-up included) come from
//! `benches/hyperfine.sh`; both go into BENCHMARKS.md.

use std::hint::black_box;

use resume_export::backend::{BACKENDS, RenderOptions};
use resume_export::document::{BuildOptions, build};
use resume_export::layout::Layout;
use resume_export::resume::{ReadOptions, parse_json, read_value};

const SAMPLE: &[u8] = include_bytes!("../samples/alex-rn.json");

fn main() {
    divan::main();
}

#[divan::bench]
fn parse_and_build() {
    let (_, value) = parse_json(black_box(SAMPLE)).unwrap();
    let parsed = read_value(value, &ReadOptions::default());
    black_box(build(&parsed.resume, &BuildOptions::default()));
}

#[divan::bench]
fn load_layout() {
    black_box(Layout::builtin("classic").unwrap());
}

#[divan::bench(args = BACKENDS.iter().map(|b| b.name()))]
fn render(bencher: divan::Bencher, format: &str) {
    let layout = Layout::builtin("classic").unwrap();
    let (_, value) = parse_json(SAMPLE).unwrap();
    let doc = build(
        &read_value(value, &ReadOptions::default()).resume,
        &BuildOptions::default(),
    );
    let backend = resume_export::backend::find(format).unwrap();
    let options = RenderOptions::default();
    bencher.bench_local(|| black_box(backend.render(black_box(&doc), &layout, &options).unwrap()));
}

#[divan::bench]
fn everything_all_formats(bencher: divan::Bencher) {
    let layout = Layout::builtin("classic").unwrap();
    let options = RenderOptions::default();
    bencher.bench_local(|| {
        let (_, value) = parse_json(black_box(SAMPLE)).unwrap();
        let doc = build(
            &read_value(value, &ReadOptions::default()).resume,
            &BuildOptions::default(),
        );
        for b in BACKENDS {
            black_box(b.render(&doc, &layout, &options).unwrap());
        }
    });
}

/// What the Python binding's `Renderer.render` runs (issue 28): a resolved
/// job, the bytes read and built, the PDF rendered. Compare with
/// `benches/python_bench.py render` (BENCHMARKS.md).
#[divan::bench]
fn job_pdf(bencher: divan::Bencher) {
    let layout = std::sync::Arc::new(Layout::builtin("classic").unwrap());
    let job = resume_export::job::Options::default()
        .resolve(layout)
        .unwrap();
    bencher.bench_local(|| {
        let built = job.read(black_box(SAMPLE), None).unwrap();
        black_box(job.render(&built.document, false).unwrap())
    });
}
