//! The command line: the only place that reads files, writes files and sets the exit code.

mod args;
mod diagnostic;
mod output;

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

pub use args::{Cli, Command, ExportArgs, ValidateArgs};

use crate::backend::{self, BACKENDS, Backend, RenderOptions};
use crate::document::{self, BuildOptions};
use crate::layout::{Layout, Paper};
use crate::resume::{self, ReadOptions};
use crate::validate::{self, Severity};

/// Exit code for a usage error.
const USAGE: u8 = 2;

/// Runs the program with the process arguments.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Validate(v)) => run_validate(&v),
        Some(Command::Formats) => {
            for b in BACKENDS {
                println!("{:<6} .{:<5} {}", b.name(), b.extension(), b.description());
            }
            for p in backend::PLANNED {
                println!("{p:<6} .{p:<5} not supported yet");
            }
            ExitCode::SUCCESS
        }
        Some(Command::Layouts) => {
            for (name, description) in Layout::builtins() {
                println!("{name:<10} {description}");
            }
            ExitCode::SUCCESS
        }
        None => run_export(&cli.export),
    }
}

/// A usage error: message on standard error, exit code 2.
fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(USAGE)
}

/// The backends named by `--format`, in order, without repeats.
fn resolve_formats(names: &[String]) -> Result<Vec<&'static dyn Backend>, String> {
    let mut out: Vec<&'static dyn Backend> = Vec::new();
    let available = BACKENDS
        .iter()
        .map(|b| b.name())
        .collect::<Vec<_>>()
        .join(", ");
    for name in names {
        let name = name.trim().to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        let found: Vec<&'static dyn Backend> = if name == "all" {
            BACKENDS.to_vec()
        } else if let Some(b) = backend::find(&name) {
            vec![b]
        } else if backend::PLANNED.contains(&name.as_str()) {
            return Err(format!(
                "{} output is not supported yet; available formats: {available} (or all)",
                name.to_uppercase()
            ));
        } else {
            return Err(format!(
                "unknown format `{name}`; available formats: {available} (or all)"
            ));
        };
        for b in found {
            if !out.iter().any(|x| x.name() == b.name()) {
                out.push(b);
            }
        }
    }
    if out.is_empty() {
        return Err("no output format given".into());
    }
    Ok(out)
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
    } else {
        std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()))
    }
}

/// Reads and parses one input; prints the diagnostic and returns `None` on failure.
fn load_input(path: &Path, stderr_color: bool) -> Option<(String, serde_json::Value)> {
    let name = display_name(path);
    let bytes = match read_input(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return None;
        }
    };
    match resume::parse_json(&bytes) {
        Ok(ok) => Some(ok),
        Err(e) => {
            eprintln!("{}", diagnostic::source_error(&name, &e, stderr_color));
            None
        }
    }
}

fn run_export(args: &ExportArgs) -> ExitCode {
    let backends = match resolve_formats(&args.formats) {
        Ok(b) => b,
        Err(e) => return usage_error(&e),
    };
    if args.output.is_some() && (args.inputs.len() != 1 || backends.len() != 1) {
        return usage_error("--output takes one input and one format; use --out-dir for several");
    }
    if args.output.is_some() && args.out_dir.is_some() {
        return usage_error("--output and --out-dir cannot be used together");
    }
    if args.inputs.iter().filter(|p| is_stdin(p)).count() > 1 {
        return usage_error("standard input ('-') can be read only once");
    }
    let layout = match Layout::builtin("classic") {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let options = RenderOptions {
        width: usize::from(args.width),
        paper: match args.paper.as_deref() {
            Some("letter") => Some(Paper::Letter),
            Some(_) => Some(Paper::A4),
            None => None,
        },
        timestamp: match source_date_epoch() {
            Ok(t) => t,
            Err(e) => return usage_error(&e),
        },
        fonts: match args.font_dir.as_deref().map(read_font_dir).transpose() {
            Ok(fonts) => fonts.unwrap_or_default(),
            Err(e) => return usage_error(&e),
        },
    };
    let color = std::io::stderr().is_terminal();
    let mut plan = output::Plan::new(&args.inputs);
    let mut failed = 0usize;
    for input in &args.inputs {
        let name = display_name(input);
        let Some((_, value)) = load_input(input, color) else {
            failed += 1;
            continue;
        };
        let parsed = resume::read_value(value, &ReadOptions::default());
        if !args.quiet {
            for w in &parsed.warnings {
                eprintln!("warning: {name}: {w}");
            }
        }
        let doc = document::build(&parsed.resume, &BuildOptions::default());
        let mut rendered = Vec::new();
        let mut ok = true;
        for b in &backends {
            match b.render(&doc, &layout, &options) {
                Ok(r) => {
                    if !args.quiet {
                        for w in &r.warnings {
                            eprintln!("warning: {name}: {}: {w}", b.name());
                        }
                    }
                    rendered.push((*b, r.bytes));
                }
                Err(e) => {
                    eprintln!("error: {name}: {} output failed: {e}", b.name());
                    ok = false;
                }
            }
        }
        if !ok {
            failed += 1;
            continue;
        }
        // Decide every destination before writing any, so a clash writes nothing.
        let mut targets = Vec::new();
        for (b, bytes) in rendered {
            match plan.target(
                input,
                b.extension(),
                args.output.as_deref(),
                args.out_dir.as_deref(),
            ) {
                Ok(t) => targets.push((t, bytes)),
                Err(e) => {
                    eprintln!("error: {name}: {e}");
                    ok = false;
                }
            }
        }
        if !ok {
            failed += 1;
            continue;
        }
        for (target, bytes) in targets {
            if let Err(e) = output::write(&target, &bytes) {
                eprintln!("error: {name}: {e}");
                ok = false;
            }
        }
        if !ok {
            failed += 1;
        }
    }
    if failed > 0 {
        if args.inputs.len() > 1 {
            eprintln!("{failed} of {} inputs failed", args.inputs.len());
        }
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn run_validate(args: &ValidateArgs) -> ExitCode {
    if args.inputs.iter().filter(|p| is_stdin(p)).count() > 1 {
        return usage_error("standard input ('-') can be read only once");
    }
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
        let problems = match validate::validate(&text, &value) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("error: the built-in schema does not compile: {e}");
                return ExitCode::FAILURE;
            }
        };
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

/// `SOURCE_DATE_EPOCH`, the reproducible-builds convention for a fixed creation time.
fn source_date_epoch() -> Result<Option<i64>, String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if v.trim().is_empty() => Ok(None),
        Ok(v) => {
            v.trim().parse::<i64>().map(Some).map_err(|_| {
                format!("SOURCE_DATE_EPOCH must be a whole number of seconds, not `{v}`")
            })
        }
        Err(_) => Ok(None),
    }
}

/// The stem used for output names of an input (`resume` for standard input).
fn stem(p: &Path) -> PathBuf {
    if is_stdin(p) {
        return PathBuf::from("resume");
    }
    p.file_stem()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("resume"))
}

/// Reads every `.ttf`/`.otf` file in `dir`, in name order (so output does not
/// depend on directory order).
fn read_font_dir(dir: &Path) -> Result<Vec<backend::FontFile>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("--font-dir {}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| x.eq_ignore_ascii_case("ttf") || x.eq_ignore_ascii_case("otf"))
        })
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let bytes =
                std::fs::read(&p).map_err(|e| format!("--font-dir {}: {e}", p.display()))?;
            Ok(backend::FontFile {
                name: p.display().to_string(),
                bytes: bytes.into(),
            })
        })
        .collect()
}
