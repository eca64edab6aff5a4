//! `--bundle FILE.pdf|FILE.docx`: every input resume in one file for a client, behind a cover page.

use std::path::Path;
use std::process::ExitCode;

use super::diagnostic;
use super::usage_error;
use crate::backend;
use crate::batch::{self, inputs::Unit};
use crate::document::{Document, Metadata};
use crate::job::Job;
use crate::resume;

/// Reads and builds every unit in input order, then writes the bundle; any
/// resume that cannot be read fails the bundle, and nothing is written.
pub fn run(job: &Job, units: &[Unit], path: &Path, title: Option<&str>, quiet: bool) -> ExitCode {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let render = match ext.as_str() {
        "pdf" => backend::pdf_bundle,
        "docx" => backend::docx_bundle,
        _ => {
            return usage_error(&format!(
                "--bundle writes a .pdf or .docx file, not {}",
                path.display()
            ));
        }
    };
    if units.is_empty() {
        return usage_error("--bundle needs at least one resume");
    }
    let mut documents: Vec<Document> = Vec::with_capacity(units.len());
    for unit in units {
        let bytes = match unit.read(job.limits.max_input_bytes) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: {e}; the bundle was not written");
                return ExitCode::FAILURE;
            }
        };
        let value = match resume::syntax::parse(&bytes, unit.syntax(), &job.limits) {
            Ok((_, v)) => v,
            Err(e) => {
                let offset = unit.part.as_ref().map_or((1, 1), |p| (p.line, p.column));
                eprintln!(
                    "{}",
                    diagnostic::source_error(&unit.file, &e, false, offset)
                );
                eprintln!("error: the bundle was not written");
                return ExitCode::FAILURE;
            }
        };
        let built = job.build_candidate(value, &|name| unit.read_photo(name));
        if !quiet {
            for w in &built.warnings {
                eprintln!("warning: {}: {w}", unit.label);
            }
        }
        documents.push(built.document);
    }
    let title = title.unwrap_or("Candidates");
    let date = crate::job::shown_date(job.render.timestamp);
    if !quiet && job.reference.is_none() && job.brand.as_ref().is_some_and(|b| b.uses_reference()) {
        eprintln!(
            "warning: {}: the cover's {{ref}} is empty: give --ref (the shortlist's reference)",
            path.display()
        );
    }
    let letterhead = job
        .brand
        .as_ref()
        .map(|b| b.letterhead(title, job.reference.as_deref().unwrap_or_default(), &date));
    let language = documents
        .first()
        .map_or_else(|| "en".to_string(), |d| d.meta.language.clone());
    let meta = Metadata {
        title: title.to_string(),
        author: letterhead
            .as_ref()
            .map(|l| l.name.clone())
            .filter(|n| !n.is_empty()),
        subject: None,
        keywords: documents
            .iter()
            .filter_map(|d| d.header.name.clone())
            .collect(),
        language,
    };
    let cover = backend::Cover {
        title,
        date: &date,
        letterhead: letterhead.as_ref(),
        heads: ["Candidate", "Headline", "Page"],
        meta: &meta,
    };
    let mut options = job.render.clone();
    options.parallel = true;
    let rendered = match render(&documents, &cover, &job.layout, &options) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: the bundle failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    if !quiet {
        for w in &rendered.warnings {
            eprintln!("warning: {}: {w}", path.display());
        }
    }
    let target = batch::write::Target::File(path.to_path_buf());
    if let Err(e) = batch::write::write(&target, &rendered.bytes, false) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    if !quiet {
        eprintln!("wrote {} ({} resumes)", path.display(), documents.len());
    }
    ExitCode::SUCCESS
}
