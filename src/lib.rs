//! resume-export: a JSON Resume becomes recruiter-ready files.
//!
//! ```text
//! bytes ──resume::syntax::parse + read_value (a reader per shape)──▶ Resume ──document::build──▶ Document
//!       ──backend::Backend::render (through a Layout)──▶ bytes ──cli──▶ file
//! ```
//!
//! - [`resume`] reads real-world JSON Resume files leniently, with warnings.
//! - [`document`] is the intermediate model and the builder that makes it.
//! - [`backend`] holds one pure renderer per output format.
//! - [`layout`] holds the built-in layouts (templates), loaded once per process.
//! - [`validate`] checks a file against the [`schema`] of what we accept
//!   (the official JSON Resume schema with our extensions).
//! - [`check`] audits any PDF or DOCX resume as an applicant-tracking system reads it.
//! - [`brand`] is an agency's letterhead (`--brand`).
//! - [`photo`] loads, checks and re-encodes the candidate's photo.
//! - [`job`] is one conversion request, checked once, whichever face (command line, server) made it.
//! - [`batch`] runs many resumes in parallel with a report.
//! - [`serve`] is the HTTP face: the same jobs, on a bounded pool.
//! - [`cli`] is the only place that touches files, the environment or the clock.
//!
//! [`cli`] (with [`batch`]) and [`serve`] come with the Cargo features of those
//! names (on by default); without them the crate is the engine alone, as the
//! Python binding (`python/`) builds it.

// Panic policy: no unwrap, expect or unchecked indexing outside tests; data
// comes from untrusted files. Any panic left is a bug the batch runner
// catches per resume and reports as an internal error.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

pub mod backend;
#[cfg(feature = "cli")]
pub mod batch;
pub mod brand;
pub mod check;
#[cfg(feature = "cli")]
pub mod cli;
pub mod document;
#[cfg(any(feature = "cli", feature = "serve"))]
mod inject;
pub mod inputs;
pub mod job;
pub mod layout;
pub mod letter;
pub mod photo;
pub mod placeholder;
pub mod resume;
pub mod schema;
#[cfg(feature = "serve")]
pub mod serve;
pub mod validate;

use backend::{Backend, RenderError, RenderOptions, Rendered};
use document::{BuildOptions, Document, Labels};
use layout::Layout;
use resume::{Parsed, ReadOptions, Resume, SourceError};

/// The words for a resume: `lang` if given, else its `meta.language`, else a guess from
/// its text, else English. The second value is a warning when the language is unknown.
pub fn words_for(layout: &Layout, resume: &Resume, lang: Option<&str>) -> (Labels, Option<String>) {
    let tag = lang
        .map(str::to_string)
        .or_else(|| document::detect_language(resume))
        .unwrap_or_else(|| "en".to_string());
    match layout.labels(&tag) {
        Some(l) => (l, None),
        None => (
            Labels::english(),
            Some(format!(
                "no words for language `{tag}`; English labels used"
            )),
        ),
    }
}

/// Reads resume bytes (JSON, YAML or TOML, in any shape a reader knows) and
/// builds the document as the command line does with default options: the
/// layout's sections, titles and date style, and the words of the resume's own
/// language.
pub fn load(bytes: &[u8], layout: &Layout) -> Result<(Parsed, Document), SourceError> {
    let (_, value) = resume::syntax::parse(bytes, None, &resume::Limits::default())?;
    let parsed = resume::read_value(value, &ReadOptions::default());
    let (labels, _) = words_for(layout, &parsed.resume, None);
    let options = BuildOptions {
        labels,
        ..layout.build_options()
    };
    let document = document::build(&parsed.resume, &options);
    Ok((parsed, document))
}

/// Renders a document in one format.
pub fn render(
    backend: &dyn Backend,
    document: &Document,
    layout: &Layout,
    options: &RenderOptions,
) -> Result<Rendered, RenderError> {
    backend.render(document, layout, options)
}
