//! Shared helpers for the integration tests: the corpus, the samples, conversions.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use resume_export::backend::{self, RenderOptions};
use resume_export::layout::Layout;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/corpus`, when it is there (it is beside the repository in CI).
pub fn corpus() -> Option<PathBuf> {
    let dir = root().join("../shared/corpus");
    if dir.join("real").is_dir() {
        Some(dir)
    } else {
        eprintln!("note: ../shared/corpus not found; corpus tests skipped");
        None
    }
}

/// The JSON files of a directory, sorted.
pub fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The bundled samples.
pub fn samples() -> Vec<PathBuf> {
    json_files(&root().join("samples"))
}

/// Every real corpus file and every sample.
pub fn all_inputs() -> Vec<PathBuf> {
    let mut v = samples();
    if let Some(c) = corpus() {
        v.extend(json_files(&c.join("real")));
    }
    v
}

/// Converts bytes to one format through the library, as the CLI does.
pub fn convert(bytes: &[u8], format: &str) -> Vec<u8> {
    let layout = Layout::builtin("classic").expect("classic layout loads");
    let (_, doc) = resume_export::load(bytes, &layout).expect("input parses");
    let backend = backend::find(format).expect("format exists");
    backend
        .render(&doc, &layout, &RenderOptions::default())
        .expect("renders")
        .bytes
}

/// Converts a file to one format as UTF-8 text.
pub fn convert_text(path: &Path, format: &str) -> String {
    let bytes = std::fs::read(path).expect("input readable");
    String::from_utf8(convert(&bytes, format)).expect("output is UTF-8")
}

/// Collapses whitespace runs to one space.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Markdown with backslash escapes removed and whitespace collapsed.
pub fn unescape_markdown(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut chars = md.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.peek() {
                Some(n) if n.is_ascii_punctuation() => {
                    out.push(*n);
                    chars.next();
                    continue;
                }
                _ => {}
            }
        }
        out.push(c);
    }
    squash(&out)
}
