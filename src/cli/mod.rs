//! The command line: the only place that reads files, writes files and sets the exit code.

mod args;
mod bundle;
mod check;
mod convert;
mod export;
mod init;
mod letter;
mod posting;
mod serve;
mod shell;
mod watch;

use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

pub use args::{CheckArgs, Cli, Command, ExportArgs, LayoutsArgs, ServeArgs, ValidateArgs};

use crate::backend::{self, BACKENDS};
use crate::batch;
use crate::layout::Layout;
use crate::resume;
use crate::validate::{self, Severity};

/// Exit code for a usage error.
const USAGE: u8 = 2;

/// Runs the program with the process arguments.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Validate(v)) => run_validate(&v),
        Some(Command::Check(c)) => check::run(&c),
        Some(Command::Formats) => {
            for b in BACKENDS {
                println!("{:<6} .{:<5} {}", b.name(), b.extension(), b.description());
            }
            for p in backend::PLANNED {
                println!("{p:<6} .{p:<5} not supported yet");
            }
            ExitCode::SUCCESS
        }
        Some(Command::Layouts(l)) => run_layouts(&l),
        Some(Command::Completions { shell }) => shell::completions(shell),
        Some(Command::Man) => shell::man(),
        Some(Command::Init { file, from, letter }) => {
            init::run(file.as_deref(), from.as_deref(), letter)
        }
        Some(Command::Convert(c)) => convert::run(&c),
        Some(Command::Serve(s)) => serve::run(&s),
        Some(Command::Schema { letter }) => shell::print(schema_text(letter).as_bytes()),
        None if cli.export.watch => watch::run(&cli.export),
        None => export::run(&cli.export),
    }
}

/// `schema`: the resume's JSON Schema, or (`--letter`) a cover letter's.
fn schema_text(letter: bool) -> String {
    if letter {
        let mut s = serde_json::to_string_pretty(&crate::letter::schema()).unwrap_or_default();
        s.push('\n');
        s
    } else {
        crate::schema::text()
    }
}

/// A usage error: message on standard error, exit code 2.
fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(USAGE)
}

fn is_stdin(p: &Path) -> bool {
    p.as_os_str() == "-"
}

/// How an input is named in messages.
fn display_name(p: &Path) -> String {
    if is_stdin(p) {
        "<stdin>".to_string()
    } else {
        p.display().to_string()
    }
}

fn read_input(p: &Path) -> Result<Vec<u8>, String> {
    if is_stdin(p) {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(buf)
    } else if p.is_dir() {
        // LinkedIn's data export, unpacked: read as the ZIP it came in.
        let max = resume::Limits::default().max_input_bytes;
        resume::reader::linkedin::pack_folder(p, max)
    } else {
        std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()))
    }
}

/// Reads and parses one input (JSON, YAML or TOML by its extension, else by its
/// content); prints the diagnostic and returns `None` on failure.
fn load_input(path: &Path, stderr_color: bool) -> Option<(String, serde_json::Value)> {
    let name = display_name(path);
    let bytes = match read_input(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return None;
        }
    };
    let syntax = resume::Syntax::of_name(&name);
    match resume::syntax::parse(&bytes, syntax, &resume::Limits::default()) {
        Ok(ok) => Some(ok),
        Err(e) => {
            eprintln!(
                "{}",
                resume::diagnostic::source_error(&name, &e, stderr_color, (1, 1))
            );
            None
        }
    }
}

/// A built-in layout by name, or a layout folder read from disk.
fn load_layout(spec: &str) -> Result<Layout, String> {
    crate::job::files::layout(spec)
}

fn run_layouts(args: &LayoutsArgs) -> ExitCode {
    let Some(export) = &args.export else {
        for (name, description) in Layout::builtins() {
            println!("{name:<10} {description}");
        }
        return ExitCode::SUCCESS;
    };
    let (name, dir) = match export.as_slice() {
        [n, d] => (n.as_str(), Path::new(d)),
        _ => return usage_error("--export takes NAME DIR"),
    };
    let Some(files) = Layout::builtin_files(name) else {
        return usage_error(&format!("unknown layout `{name}`"));
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("error: cannot create {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    // The exported folder extends the built-in, so it holds only what the user will change.
    for (file, text) in files {
        let target = dir.join(&file);
        if target.exists() {
            eprintln!("error: {} exists; not overwritten", target.display());
            return ExitCode::FAILURE;
        }
        let text = if file == "layout.toml" && !text.contains("extends =") {
            format!("extends = \"{name}\"\n{text}")
        } else {
            text
        };
        if let Err(e) = batch::write::write(
            &batch::write::Target::File(target.clone()),
            text.as_bytes(),
            false,
        ) {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
        println!("{}", target.display());
    }
    ExitCode::SUCCESS
}

fn run_validate(args: &ValidateArgs) -> ExitCode {
    if args.inputs.iter().filter(|p| is_stdin(p)).count() > 1 {
        return usage_error("standard input ('-') can be read only once");
    }
    let from = match convert::reader_named(args.from.as_deref()) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let color = std::io::stderr().is_terminal();
    let mut invalid = 0usize;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for input in &args.inputs {
        let name = display_name(input);
        let Some((text, value)) = load_input(input, color) else {
            invalid += 1;
            continue;
        };
        let report = validate::check_value(text, value, from);
        if report.reader != "jsonresume" && !args.quiet {
            let description =
                resume::reader::by_name(report.reader).map_or(report.reader, |r| r.description());
            let _ = writeln!(
                out,
                "{name}: read as {description}; checked as the JSON Resume it converts to"
            );
            for w in &report.notes {
                let _ = writeln!(out, "{name}: warning: {w}");
            }
        }
        let problems = report.problems;
        let (mut errors, mut warnings) = (0usize, 0usize);
        for p in &problems {
            let is_error = p.severity == Severity::Error || args.strict;
            if is_error {
                errors += 1;
            } else {
                warnings += 1;
                if args.quiet {
                    continue;
                }
            }
            let pos = p
                .position
                .map(|(l, c)| format!(":{l}:{c}"))
                .unwrap_or_default();
            let pointer = if p.pointer.is_empty() {
                "/"
            } else {
                p.pointer.as_str()
            };
            let level = if is_error { "error" } else { "warning" };
            let _ = writeln!(out, "{name}{pos}: {level}: {pointer}: {}", p.message);
        }
        if errors > 0 {
            invalid += 1;
            let _ = writeln!(
                out,
                "{name}: invalid ({errors} errors, {warnings} warnings)"
            );
        } else if !args.quiet {
            let _ = writeln!(out, "{name}: valid ({warnings} warnings)");
        }
    }
    if invalid > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
