//! resume-export: a JSON Resume becomes recruiter-ready files.
//!
//! ```text
//! bytes ──resume::parse_json + read_value──▶ Resume ──document::build──▶ Document
//!       ──backend::Backend::render (through a Layout)──▶ bytes ──cli──▶ file
//! ```
//!
//! - [`resume`] reads real-world JSON Resume files leniently, with warnings.
//! - [`document`] is the intermediate model and the builder that makes it.
//! - [`backend`] holds one pure renderer per output format.
//! - [`layout`] holds the built-in layouts (templates), loaded once per process.
//! - [`validate`] checks a file against the official schema.
//! - [`batch`] runs many resumes in parallel with a report.
//! - [`cli`] is the only place that touches files, the environment or the clock.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod backend;
pub mod batch;
pub mod cli;
pub mod document;
pub mod layout;
pub mod resume;
pub mod validate;

use backend::{Backend, RenderError, RenderOptions, Rendered};
use document::{BuildOptions, Document};
use layout::Layout;
use resume::{Parsed, ReadOptions, SourceError};

/// Reads resume bytes into a resume and the document built from it.
pub fn load(
    bytes: &[u8],
    read: &ReadOptions,
    build: &BuildOptions,
) -> Result<(Parsed, Document), SourceError> {
    let (_, value) = resume::parse_json(bytes)?;
    let parsed = resume::read_value(value, read);
    let document = document::build(&parsed.resume, build);
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
