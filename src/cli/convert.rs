//! `convert`: any resume that is read, written back as JSON Resume (and `init --from`).

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use super::args::ConvertArgs;
use super::{display_name, is_stdin, load_input, usage_error};
use crate::batch::write::{Target, write};
use crate::resume::{self, ReadOptions, reader};
use crate::validate::{self, Severity};

/// Runs `convert`.
pub fn run(args: &ConvertArgs) -> ExitCode {
    let Some(bytes) = to_json_resume(&args.input, args.from.as_deref(), args.quiet) else {
        return ExitCode::FAILURE;
    };
    let target = match &args.output {
        Some(p) if !is_stdin(p) => Target::File(p.clone()),
        _ => Target::Stdout,
    };
    if let Err(e) = write(&target, &bytes, false) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    if !args.quiet && matches!(target, Target::File(_)) {
        eprintln!("wrote {}", target.display());
    }
    ExitCode::SUCCESS
}

/// The reader `--from` names, or a usage error.
pub fn reader_named(name: Option<&str>) -> Result<Option<&'static dyn reader::Reader>, ExitCode> {
    match name {
        None => Ok(None),
        Some(n) => reader::by_name(n).map(Some).ok_or_else(|| {
            usage_error(&format!(
                "--from {n}: unknown shape; known: {}",
                reader::names().join(", ")
            ))
        }),
    }
}

/// Reads `input` and returns it as pretty JSON Resume, printing warnings
/// (what was not mapped, and anything the output would fail `validate` on).
pub fn to_json_resume(input: &Path, from: Option<&str>, quiet: bool) -> Option<Vec<u8>> {
    let from = reader_named(from).ok()?;
    let color = std::io::stderr().is_terminal();
    let name = display_name(input);
    let (_, value) = load_input(input, color)?;
    let parsed = resume::read_value(value, &ReadOptions { lang: None, from });
    if !quiet {
        for w in &parsed.warnings {
            eprintln!("warning: {name}: {w}");
        }
    }
    let json = resume::to_json_resume(&parsed.resume);
    let mut bytes = match serde_json::to_vec_pretty(&json) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {name}: cannot write JSON: {e}");
            return None;
        }
    };
    bytes.push(b'\n');
    // What JSON Resume cannot say (a date in free text) is kept as written and named here.
    if !quiet && let Ok(text) = std::str::from_utf8(&bytes) {
        for p in validate::validate(text, &json).unwrap_or_default() {
            let level = if p.severity == Severity::Error {
                "the output will not pass validate"
            } else {
                "validate will warn"
            };
            eprintln!("warning: {name}: {}: {level}: {}", p.pointer, p.message);
        }
    }
    if !quiet {
        eprintln!("note: {name}: read as {}", describe(parsed.reader));
    }
    Some(bytes)
}

fn describe(reader: &str) -> String {
    reader::by_name(reader).map_or_else(|| reader.to_string(), |r| r.description().to_string())
}
