//! Cover letters on the command line: a letter alone (recognised by its content) in the resume's look, or `--letter` with a resume as one application file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::args::ExportArgs;
use super::{display_name, is_stdin, read_input};
use crate::batch::write::{Target, write};
use crate::inputs::{Origin, Unit};
use crate::job::{Job, letter::LetterBuilt};
use crate::letter::{self, Letter};
use crate::resume;

/// Runs the letter's path when the export is one: `--letter`, or a single
/// input that is a letter. `None`: an ordinary export.
pub(super) fn route(args: &ExportArgs, job: &Job) -> Option<ExitCode> {
    if let Some(path) = &args.letter {
        let resume = match args.inputs.as_slice() {
            [one] => one.clone(),
            _ => {
                return Some(fail(&format!(
                    "--letter takes one resume as INPUT, not {}",
                    args.inputs.len()
                )));
            }
        };
        return Some(run(args, job, path, Some(&resume), true));
    }
    let [one] = args.inputs.as_slice() else {
        return None;
    };
    if is_stdin(one) || !one.is_file() {
        return None;
    }
    let bytes = std::fs::read(one).ok()?;
    letter::looks_like_letter(&bytes).then(|| run(args, job, one, args.resume.as_deref(), false))
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}; nothing was written");
    ExitCode::FAILURE
}

/// Reads the letter and its resume, builds, renders and writes: the letter
/// alone, or (`application`) the letter then the resume in one file per format.
fn run(
    args: &ExportArgs,
    job: &Job,
    letter_path: &Path,
    resume_path: Option<&Path>,
    application: bool,
) -> ExitCode {
    let name = display_name(letter_path);
    let bytes = match read_input(letter_path) {
        Ok(b) => b,
        Err(e) => return fail(&e),
    };
    let read = match letter::read(&name, &bytes, &job.limits) {
        Ok(r) => r,
        Err(e) => return fail(&e.message(&name)),
    };
    let resume_path = match resume_path {
        Some(p) => p.to_path_buf(),
        None => match &read.letter.resume {
            Some(r) => letter_path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from(r), |d| d.join(r)),
            None => {
                return fail(&format!(
                    "{name}: the letter names no resume for its sender block: add `resume: resume.json` to it, or give --resume FILE"
                ));
            }
        },
    };
    let value = match read_resume(
        &resume_path,
        &name,
        &bytes,
        &read.letter,
        args.resume.is_some(),
    ) {
        Ok(v) => v,
        Err(e) => return fail(&e),
    };
    let unit = photo_reader(&resume_path);
    let beside = photo_reader(letter_path);
    let built = job.build_letter(&read.letter, value, &|n| unit.read_photo(n), &|n| {
        beside.read_photo(n)
    });
    if !args.quiet {
        for w in &read.warnings {
            eprintln!("warning: {name}: {w}");
        }
        for w in &built.letter.warnings {
            eprintln!("warning: {}: {w}", display_name(&resume_path));
        }
    }
    write_files(args, job, &built, letter_path, &resume_path, application)
}

/// The resume's JSON, or a message naming the letter (and the line of its
/// `resume:`, when the path came from there) and the resume.
fn read_resume(
    path: &Path,
    letter_name: &str,
    letter_bytes: &[u8],
    letter: &Letter,
    overridden: bool,
) -> Result<serde_json::Value, String> {
    let shown = display_name(path);
    let at = if overridden || letter.resume.is_none() {
        letter_name.to_string()
    } else {
        let text = String::from_utf8_lossy(letter_bytes);
        match text
            .lines()
            .position(|l| l.trim_start().trim_start_matches('"').starts_with("resume"))
        {
            Some(i) => format!("{letter_name}:{}", i + 1),
            None => letter_name.to_string(),
        }
    };
    let bytes = read_input(path).map_err(|e| format!("{at}: the letter's resume: {e}"))?;
    let syntax = resume::Syntax::of_name(&shown);
    match resume::syntax::parse(&bytes, syntax, &resume::Limits::default()) {
        Ok((_, v)) => Ok(v),
        Err(e) => Err(format!(
            "{at}: the letter's resume {}: {e}",
            resume::diagnostic::location(&shown, &e, (1, 1))
        )),
    }
}

/// Reads photos beside the resume, as the batch does.
fn photo_reader(resume: &Path) -> Unit {
    Unit {
        id: 0,
        origin: Origin::File(resume.to_path_buf()),
        part: None,
        label: display_name(resume),
        file: display_name(resume),
        rel_dir: PathBuf::new(),
        stem: String::new(),
        index: 1,
        member: false,
    }
}

/// Renders every format and writes them all, or nothing when one fails.
fn write_files(
    args: &ExportArgs,
    job: &Job,
    built: &LetterBuilt,
    letter_path: &Path,
    resume_path: &Path,
    application: bool,
) -> ExitCode {
    let letter = &built.letter.document;
    let files = if application {
        job.render_application(letter, &built.resume)
    } else {
        job.render(letter, true)
    };
    let files = match files {
        Ok(f) => f,
        Err(e) => return fail(&e.to_string()),
    };
    if !args.quiet {
        for w in &files.warnings {
            eprintln!("warning: {w}");
        }
    }
    let stem = if application {
        format!("{}-application", stem_of(resume_path))
    } else {
        stem_of(letter_path)
    };
    let dir = args.out_dir.clone().unwrap_or_else(|| PathBuf::from("."));
    for f in &files.files {
        let target = match &args.output {
            Some(o) if is_stdin(o) => Target::Stdout,
            Some(o) => Target::File(o.clone()),
            None => Target::File(dir.join(format!("{stem}.{}", f.backend.extension()))),
        };
        if let Err(e) = write(&target, &f.bytes, false) {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
        if !args.quiet && target != Target::Stdout {
            eprintln!("wrote {}", target.display());
        }
    }
    ExitCode::SUCCESS
}

fn stem_of(p: &Path) -> String {
    if is_stdin(p) {
        return "letter".into();
    }
    p.file_stem()
        .map_or_else(|| "letter".into(), |s| s.to_string_lossy().into_owned())
}

/// The document of the letter at `path` (its bytes read already), with the
/// resume its `resume:` names, in the classic layout: what `check --against`
/// looks for.
pub(super) fn document(path: &Path, bytes: &[u8]) -> Result<crate::document::Document, String> {
    let name = display_name(path);
    let layout = crate::layout::Layout::builtin("classic").map_err(|e| e.to_string())?;
    let job = crate::job::Options {
        timestamp: super::export::source_date_epoch()?,
        ..crate::job::Options::default()
    }
    .resolve(std::sync::Arc::new(layout))?;
    let read = letter::read(&name, bytes, &job.limits).map_err(|e| e.message(&name))?;
    let Some(r) = &read.letter.resume else {
        return Err(format!("{name}: the letter names no resume (resume: FILE)"));
    };
    let resume_path = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from(r), |d| d.join(r));
    let value = read_resume(&resume_path, &name, bytes, &read.letter, false)?;
    let unit = photo_reader(&resume_path);
    let beside = photo_reader(path);
    Ok(job
        .build_letter(&read.letter, value, &|n| unit.read_photo(n), &|n| {
            beside.read_photo(n)
        })
        .letter
        .document)
}
