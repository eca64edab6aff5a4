//! The command line: the only place that reads files, writes files and sets the exit code.

mod args;
mod check;
pub(crate) mod diagnostic;
mod init;
mod shell;

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

pub use args::{CheckArgs, Cli, Command, ExportArgs, LayoutsArgs, ValidateArgs};

use crate::backend::{self, BACKENDS, Backend, PdfStandards, RenderOptions};
use crate::batch;
use crate::document::{BuildOptions, Labels, Redact};
use crate::layout::{self, Layout, Paper};
use crate::resume::{self, ReadOptions};
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
        Some(Command::Init { file }) => init::run(file.as_deref()),
        Some(Command::Schema) => shell::print(crate::schema::text().as_bytes()),
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
            eprintln!(
                "{}",
                diagnostic::source_error(&name, &e, stderr_color, (1, 1))
            );
            None
        }
    }
}

/// A built-in layout by name, or a layout folder read from disk.
fn load_layout(spec: &str) -> Result<Layout, String> {
    let path = Path::new(spec);
    if Layout::builtin_files(spec).is_some() {
        return Layout::builtin(spec).map_err(|e| e.to_string());
    }
    if !path.is_dir() {
        return Layout::builtin(spec).map_err(|e| e.to_string());
    }
    let mut files = Vec::new();
    for name in ["layout.toml", "markdown.hbs", "text.hbs"] {
        let p = path.join(name);
        if p.is_file() {
            let text = std::fs::read_to_string(&p)
                .map_err(|e| format!("cannot read {}: {e}", p.display()))?;
            files.push((name.to_string(), text));
        }
    }
    let i18n = path.join("i18n");
    if i18n.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&i18n)
            .map_err(|e| format!("cannot read {}: {e}", i18n.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        entries.sort();
        for p in entries {
            let text = std::fs::read_to_string(&p)
                .map_err(|e| format!("cannot read {}: {e}", p.display()))?;
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            files.push((format!("i18n/{name}"), text));
        }
    }
    if files.is_empty() {
        return Err(format!(
            "{spec}: the folder has no layout.toml, markdown.hbs, text.hbs or i18n/*.toml"
        ));
    }
    Layout::from_source(layout::Source {
        name: spec.trim_end_matches('/').to_string(),
        files,
    })
    .map_err(|e| e.to_string())
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

/// `--shard I/N` as (I, N), 1-based.
fn parse_shard(s: &str) -> Result<(u32, u32), String> {
    let bad = || format!("--shard takes I/N with 1 <= I <= N (e.g. 2/8), not `{s}`");
    let (i, n) = s.split_once('/').ok_or_else(bad)?;
    let (i, n): (u32, u32) = (
        i.trim().parse().map_err(|_| bad())?,
        n.trim().parse().map_err(|_| bad())?,
    );
    if i == 0 || n == 0 || i > n {
        return Err(bad());
    }
    Ok((i, n))
}

fn run_export(args: &ExportArgs) -> ExitCode {
    let formats = if args.formats.is_empty() && args.template.is_none() {
        vec!["pdf".to_string()]
    } else {
        args.formats.clone()
    };
    let backends = if formats.is_empty() {
        Vec::new()
    } else {
        match resolve_formats(&formats) {
            Ok(b) => b,
            Err(e) => return usage_error(&e),
        }
    };
    let template = match &args.template {
        None => None,
        Some(path) => {
            let source = match std::fs::read_to_string(path) {
                Ok(s) => s,
                Err(e) => return usage_error(&format!("cannot read {}: {e}", path.display())),
            };
            match backend::custom::Custom::new(&path.display().to_string(), &source) {
                Ok(t) => Some(t),
                Err(e) => return usage_error(&e.to_string()),
            }
        }
    };
    if let Some(t) = &template
        && let Some(b) = backends.iter().find(|b| b.extension() == t.extension())
    {
        return usage_error(&format!(
            "--template writes .{ext} files, and so does the {name} format: leave {name} out of \
             -f, or name the template for another extension (e.g. cv.htm.hbs)",
            ext = t.extension(),
            name = b.name()
        ));
    }
    let outputs = backends.len() + usize::from(template.is_some());
    if args.output.is_some() && args.out_dir.is_some() {
        return usage_error("--output and --out-dir cannot be used together");
    }
    if args.output.is_some() && outputs != 1 {
        return usage_error("--output takes one format; use --out-dir for several");
    }
    if args.inputs.iter().filter(|p| is_stdin(p)).count() > 1 {
        return usage_error("standard input ('-') can be read only once");
    }
    if let Some(t) = &args.name
        && let Err(e) = batch::naming::check_template(t)
    {
        return usage_error(&e);
    }
    let shard = match args.shard.as_deref().map(parse_shard).transpose() {
        Ok(s) => s,
        Err(e) => return usage_error(&e),
    };
    if let Some(o) = &args.output
        && let Some(parent) = o
            .parent()
            .filter(|d| !d.as_os_str().is_empty() && !is_stdin(o))
        && !parent.is_dir()
    {
        if !args.mkdir {
            eprintln!(
                "error: cannot write {}: directory {} does not exist (--mkdir creates it)",
                o.display(),
                parent.display()
            );
            return ExitCode::FAILURE;
        }
        if let Err(e) = std::fs::create_dir_all(parent) {
            eprintln!("error: cannot create {}: {e}", parent.display());
            return ExitCode::FAILURE;
        }
    }
    // Fonts load on a spare thread while the layout loads and the input is read.
    let early: Vec<&'static dyn backend::Backend> = backends.clone();
    std::thread::spawn(move || early.iter().for_each(|b| b.prepare()));
    let layout = match load_layout(&args.layout) {
        Ok(l) => l,
        Err(e) => return usage_error(&e),
    };
    if let Err(e) = layout.compile_templates(&backends) {
        return usage_error(&e.to_string());
    }
    if let Some(lang) = &args.lang
        && layout.labels(lang).is_none()
    {
        let mut known: Vec<String> = Labels::builtin_codes()
            .iter()
            .map(|c| c.to_string())
            .collect();
        known.extend(layout.extra_languages());
        return usage_error(&format!(
            "no words for language `{lang}`; available: {} (or add i18n/{}.toml to a layout folder)",
            known.join(", "),
            Labels::primary(lang)
        ));
    }
    let build = BuildOptions {
        sections: args.sections.clone(),
        tags: args.tags.clone(),
        max_highlights: args.max_highlights,
        redact: Redact {
            contact: args.redact.iter().any(|r| r == "contact" || r == "all"),
            name: args.redact.iter().any(|r| r == "name" || r == "all"),
        },
        ..layout.build_options()
    };
    let mut render = RenderOptions {
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
        max_pages: args.max_pages,
        parallel: true,
        pdf_standards: if args.pdf_standard.is_empty() {
            PdfStandards::default()
        } else {
            match PdfStandards::parse(&args.pdf_standard) {
                Ok(s) => s,
                Err(e) => return usage_error(&e),
            }
        },
    };
    let mut units = batch::inputs::expand(
        &args.inputs,
        batch::inputs::Expand {
            recursive: args.recursive,
            max_input_bytes: args.max_input_size,
        },
    );
    if let Some((i, n)) = shard {
        units.retain(|u| batch::in_shard(&u.label, i, n));
        for (k, u) in units.iter_mut().enumerate() {
            u.id = k;
        }
    }
    if args.output.is_some() && units.len() > 1 {
        return usage_error(&format!(
            "--output takes one resume, but the inputs hold {}; use --out-dir",
            units.len()
        ));
    }
    // Several resumes fill the cores by themselves; one resume's PDF uses
    // the spare core for its fonts, pages and streams.
    render.parallel = units.len() <= 1;
    let jobs = args.jobs.map(usize::from).unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let request = batch::Request {
        units,
        backends,
        template: template.as_ref(),
        layout: &layout,
        render,
        read: ReadOptions {
            lang: args.lang.clone(),
        },
        build,
        lang: args.lang.clone(),
        limits: resume::Limits {
            max_input_bytes: args.max_input_size,
            ..resume::Limits::default()
        },
        output: args.output.clone(),
        out_dir: args.out_dir.clone().unwrap_or_else(|| PathBuf::from(".")),
        name_template: args.name.clone(),
        jobs,
        quiet: args.quiet,
        keep_warnings: args.report.is_some(),
    };
    let outcome = batch::run(&request);
    if let Some(path) = &args.report {
        let json = match serde_json::to_vec_pretty(&outcome) {
            Ok(j) => j,
            Err(e) => {
                eprintln!("error: cannot write the report: {e}");
                return ExitCode::FAILURE;
            }
        };
        let target = if is_stdin(path) {
            batch::write::Target::Stdout
        } else {
            batch::write::Target::File(path.clone())
        };
        if let Err(e) = batch::write::write(&target, &json, false) {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    if outcome.units.len() > 1 && !args.quiet {
        eprintln!("{}", outcome.summary.line());
    }
    if outcome.summary.failed > 0 {
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
