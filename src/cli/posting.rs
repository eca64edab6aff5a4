//! `resume-export check --job POSTING FILE...`: how each resume (PDF, DOCX or resume file) fits a job posting, plain or JSON.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use super::args::CheckArgs;
use super::{display_name, is_stdin, read_input, usage_error};
use crate::check::posting::{self, Fit, Form, Posting, Term};
use crate::layout::Layout;

/// Exit code when every file is read (terms missed are reported, not failed).
const READ: u8 = 0;
/// Exit code when some file cannot be read.
const UNREADABLE: u8 = 2;

/// One file in the JSON output.
#[derive(Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
enum Entry {
    Ok(Box<Fit>),
    Unreadable { file: String, error: String },
}

/// The posting in the JSON output.
#[derive(Serialize)]
struct About<'a> {
    file: &'a str,
    language: &'a str,
    terms: &'a [Term],
}

/// The whole JSON output.
#[derive(Serialize)]
struct Output<'a> {
    schema: u32,
    posting: About<'a>,
    files: Vec<Entry>,
    exit: u8,
}

/// Reads the posting, or says why not (naming the file).
fn read_posting(path: &Path, args: &CheckArgs) -> Result<Posting, String> {
    let name = display_name(path);
    let bytes = read_input(path).map_err(|e| format!("--job: {e}"))?;
    if bytes.len() > args.max_input_size {
        return Err(format!("--job {name}: larger than --max-input-size"));
    }
    Posting::read(
        &name,
        &bytes,
        Form::of_name(&name),
        args.job_lang.as_deref(),
    )
    .map_err(|e| format!("--job {name}: {e}"))
}

/// How one file fits: a PDF or DOCX by its text, anything else as a resume file.
fn fit_one(posting: &Posting, name: &str, bytes: &[u8]) -> Result<Fit, String> {
    let head = bytes.get(..8).unwrap_or(bytes);
    let binary = bytes.windows(5).take(1024).any(|w| w == b"%PDF-")
        || head.starts_with(b"PK")
        || head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if binary {
        return posting::fit_file(posting, name, bytes);
    }
    let layout = Layout::builtin("classic").map_err(|e| e.to_string())?;
    let (_, document) = crate::load(bytes, &layout)
        .map_err(|e| format!("neither a PDF, a DOCX nor a resume file that can be read: {e}"))?;
    Ok(posting::fit_document(posting, name, &document))
}

pub(super) fn run(args: &CheckArgs) -> ExitCode {
    let Some(job) = &args.job else {
        return usage_error("--job needs a posting");
    };
    let stdin = args
        .inputs
        .iter()
        .chain([job])
        .filter(|p| is_stdin(p))
        .count();
    if stdin > 1 {
        return usage_error("standard input ('-') can be read only once");
    }
    let posting = match read_posting(job, args) {
        Ok(p) => p,
        Err(e) => return usage_error(&e),
    };
    let mut exit = READ;
    let mut entries = Vec::new();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for input in &args.inputs {
        let name = display_name(input);
        let result = read_input(input).and_then(|bytes| {
            if bytes.len() > args.max_input_size {
                return Err(format!(
                    "{} bytes, more than --max-input-size ({})",
                    bytes.len(),
                    args.max_input_size
                ));
            }
            fit_one(&posting, &name, &bytes)
        });
        match result {
            Ok(fit) => {
                if !args.json {
                    let _ = write!(out, "{}", plain(&fit));
                }
                entries.push(Entry::Ok(Box::new(fit)));
            }
            Err(error) => {
                exit = UNREADABLE;
                eprintln!("error: {name}: unreadable: {error}");
                entries.push(Entry::Unreadable { file: name, error });
            }
        }
    }
    if args.json {
        let output = Output {
            schema: posting::SCHEMA,
            posting: About {
                file: &posting.name,
                language: &posting.language,
                terms: &posting.terms,
            },
            files: entries,
            exit,
        };
        match serde_json::to_string_pretty(&output) {
            Ok(j) => {
                let _ = writeln!(out, "{j}");
            }
            Err(e) => {
                eprintln!("error: cannot write the report: {e}");
                return ExitCode::from(UNREADABLE);
            }
        }
    }
    ExitCode::from(exit)
}

/// The plain report of one file.
pub fn plain(f: &Fit) -> String {
    let mut s = format!(
        "{} against {} ({}): {} of {} key terms covered ({:.0}% of their weight)\n",
        f.resume,
        f.posting,
        f.language,
        f.covered_terms,
        f.terms,
        f.coverage * 100.0
    );
    if !f.covered.is_empty() {
        s.push_str("  covered:\n");
    }
    for c in &f.covered {
        s.push_str(&format!(
            "    {} ({}): {}
",
            c.term.term,
            c.term.kind,
            places(&c.found)
        ));
    }
    if !f.missed.is_empty() {
        s.push_str("  missed:\n");
    }
    for m in &f.missed {
        s.push_str(&format!("    {} ({})", m.term.term, m.term.kind));
        if let Some(p) = &m.partly {
            s.push_str(&format!("; partly, \"{}\": {}", p.words, places(&p.found)));
        }
        s.push('\n');
    }
    s
}

/// Where a term was found, in words: `Section › Entry ("text", how); …`.
fn places(found: &[posting::Place]) -> String {
    found
        .iter()
        .map(|p| {
            let mut at = match &p.entry {
                Some(e) => format!("{} › {e}", p.section),
                None => p.section.clone(),
            };
            if p.how != "as written" {
                at.push_str(&format!(" (\"{}\", {})", p.text, p.how));
            }
            at
        })
        .collect::<Vec<_>>()
        .join("; ")
}
