//! The main job: inputs to files in the chosen formats.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::sync::Arc;

use super::args::ExportArgs;
use super::{is_stdin, load_layout, usage_error};
use crate::backend::{self, Backend};
use crate::batch;
use crate::job::Options;

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

pub(super) fn run(args: &ExportArgs) -> ExitCode {
    run_into(args, &mut Vec::new())
}

/// [`run`], adding the files it writes to `written` (for `--watch`).
/// The options `args` share with every face (the server takes the same from a query).
pub(super) fn options(args: &ExportArgs) -> Result<Options, String> {
    Ok(Options {
        formats: if args.formats.is_empty() && args.template.is_none() {
            vec!["pdf".to_string()]
        } else {
            args.formats.clone()
        },
        lang: args.lang.clone(),
        redact: args.redact.clone(),
        paper: args.paper.clone(),
        photo: args.photo.clone(),
        brand: match &args.brand {
            Some(path) => Some(std::sync::Arc::new(crate::job::files::brand(path)?)),
            None => None,
        },
        reference: args.reference.clone(),
        max_pages: args.max_pages,
        sections: args.sections.clone(),
        tags: args.tags.clone(),
        max_highlights: args.max_highlights,
        width: Some(args.width),
        pdf_standard: args.pdf_standard.clone(),
        from: args.from.clone(),
        max_input_bytes: Some(args.max_input_size),
        timestamp: source_date_epoch()?,
    })
}

/// [`run`], adding the files it writes to `written` (for `--watch`).
pub(super) fn run_into(args: &ExportArgs, written: &mut Vec<String>) -> ExitCode {
    let options = match options(args) {
        Ok(o) => o,
        Err(e) => return usage_error(&e),
    };
    // Only a template: no backend output at all.
    let template_only = args.formats.is_empty() && args.template.is_some();
    let template = match args.template.as_deref().map(crate::job::files::template) {
        Some(Err(e)) => return usage_error(&e),
        Some(Ok(t)) => Some(t),
        None => None,
    };
    if args.output.is_some() && args.out_dir.is_some() {
        return usage_error("--output and --out-dir cannot be used together");
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
    // Fonts load on a spare thread while the layout loads and the input is read.
    if !template_only {
        let early: Vec<&'static dyn Backend> = match crate::job::formats(&options.formats) {
            Ok(b) => b,
            Err(e) => return usage_error(&e),
        };
        std::thread::spawn(move || early.iter().for_each(|b| b.prepare()));
    }
    let layout = match load_layout(&args.layout) {
        Ok(l) => Arc::new(l),
        Err(e) => return usage_error(&e),
    };
    let mut job = match options.resolve(layout) {
        Ok(j) => j,
        Err(e) => return usage_error(&e),
    };
    if template_only {
        job.backends.clear();
    }
    if let Some(t) = &template
        && let Some(b) = job.backends.iter().find(|b| b.extension() == t.extension())
    {
        return usage_error(&format!(
            "--template writes .{ext} files, and so does the {name} format: leave {name} out of \
             -f, or name the template for another extension (e.g. cv.htm.hbs)",
            ext = t.extension(),
            name = b.name()
        ));
    }
    let outputs = job.backends.len() + usize::from(template.is_some());
    if args.output.is_some() && outputs != 1 {
        return usage_error("--output takes one format; use --out-dir for several");
    }
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
    if let Err(e) = job.layout.compile_templates(&job.backends) {
        return usage_error(&e.to_string());
    }
    job.render.fonts = match args.font_dir.as_deref().map(read_font_dir).transpose() {
        Ok(fonts) => fonts.unwrap_or_default(),
        Err(e) => return usage_error(&e),
    };
    if let Some(code) = super::letter::route(args, &job) {
        return code;
    }
    let mut units = crate::inputs::expand(
        &args.inputs,
        crate::inputs::Expand {
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
    if let Some(path) = &args.bundle {
        return super::bundle::run(&job, &units, path, args.title.as_deref(), args.quiet);
    }
    // Several resumes fill the cores by themselves; one resume's PDF uses
    // the spare core for its fonts, pages and streams.
    job.render.parallel = units.len() <= 1;
    let jobs = args.jobs.map(usize::from).unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let request = batch::Request {
        units,
        job,
        template: template.as_ref(),
        output: args.output.clone(),
        out_dir: args.out_dir.clone().unwrap_or_else(|| PathBuf::from(".")),
        name_template: args.name.clone(),
        jobs,
        quiet: args.quiet,
        keep_warnings: args.report.is_some(),
    };
    let outcome = batch::run(&request);
    written.extend(outcome.units.iter().flat_map(|u| u.outputs.iter().cloned()));
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

/// `SOURCE_DATE_EPOCH`, the reproducible-builds convention for a fixed creation time.
pub(super) fn source_date_epoch() -> Result<Option<i64>, String> {
    crate::job::source_date_epoch(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())
}

/// `--font-dir`: every `.ttf`/`.otf` file in `dir`, in name order.
fn read_font_dir(dir: &Path) -> Result<Vec<backend::FontFile>, String> {
    crate::job::files::font_dir(dir).map_err(|e| format!("--font-dir {e}"))
}
