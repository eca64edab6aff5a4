//! `--bundle FILE.pdf|FILE.docx`: every input resume (with its cover letter, when one is an input too) in one file for a client, behind a cover page.
//!
//! The reading, building and rendering are the library's ([`Job::bundle`]);
//! this face reports and writes.

use std::path::Path;
use std::process::ExitCode;

use super::usage_error;
use crate::batch;
use crate::inputs::Unit;
use crate::job::Job;
use crate::job::bundle::{Error, Format};
use crate::resume::diagnostic;

/// Makes the bundle of `units` and writes it to `path`; any resume that
/// cannot be read fails the bundle, and nothing is written (the warnings
/// of the resumes before it are still shown, before the error).
pub fn run(job: &Job, units: &[Unit], path: &Path, title: Option<&str>, quiet: bool) -> ExitCode {
    let Some(format) = Format::of(path) else {
        return usage_error(&format!(
            "--bundle writes a .pdf or .docx file, not {}",
            path.display()
        ));
    };
    let bundle = match job.bundle(units, format, title) {
        Ok(b) => b,
        Err(Error::Empty) => return usage_error("--bundle needs at least one resume"),
        Err(Error::Read {
            message, earlier, ..
        }) => {
            if !quiet {
                candidate_warnings(units, &earlier);
            }
            eprintln!("error: {message}; the bundle was not written");
            return ExitCode::FAILURE;
        }
        Err(Error::Source {
            index,
            error,
            earlier,
        }) => {
            if !quiet {
                candidate_warnings(units, &earlier);
            }
            if let Some(unit) = units.get(index) {
                let offset = unit.part.as_ref().map_or((1, 1), |p| (p.line, p.column));
                eprintln!(
                    "{}",
                    diagnostic::source_error(&unit.file, &error, false, offset)
                );
            }
            eprintln!("error: the bundle was not written");
            return ExitCode::FAILURE;
        }
        Err(Error::Letter { message }) => {
            eprintln!("error: {message}; the bundle was not written");
            return ExitCode::FAILURE;
        }
        Err(Error::Render(e)) => {
            eprintln!("error: the bundle failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    if !quiet {
        candidate_warnings(units, &bundle.candidates);
        for w in &bundle.warnings {
            eprintln!("warning: {}: {w}", path.display());
        }
    }
    let target = batch::write::Target::File(path.to_path_buf());
    if let Err(e) = batch::write::write(&target, &bundle.bytes, false) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    if !quiet {
        let letters = match bundle.letters {
            0 => String::new(),
            1 => ", 1 with a cover letter".to_string(),
            n => format!(", {n} with a cover letter"),
        };
        eprintln!(
            "wrote {} ({} resumes{letters})",
            path.display(),
            bundle.resumes
        );
    }
    ExitCode::SUCCESS
}

/// Each resume's warnings, named by its file, in input order.
fn candidate_warnings(units: &[Unit], candidates: &[Vec<String>]) {
    for (unit, warnings) in units.iter().zip(candidates) {
        for w in warnings {
            eprintln!("warning: {}: {w}", unit.label);
        }
    }
}
