//! Cover letters from Python: a letter alone, or an application (the letter, then the resume, in one file), through the same `Job` as the command line and the server.

use resume_export::letter::{self, LetterError};
use resume_export::resume::{SourceError, Syntax};

use crate::errors::{self, Error};
use crate::job::{Files, Job, one_resume};

/// Renders `letter_bytes` (Markdown with front matter, or the letter's
/// fields as JSON/YAML) with `resume` as its sender block: the letter alone,
/// or with `application` the letter then the resume in one file per format.
/// `name` says how the letter is read, as the server says it: `letter.md`
/// (Markdown, however it opens), `letter.json`, or `letter` (by its content).
pub fn render(
    job: &Job,
    name: &str,
    letter_bytes: &[u8],
    resume: Option<(&[u8], Option<Syntax>)>,
    application: bool,
) -> Result<Files, Error> {
    let engine = &job.job;
    if job.template.is_some() {
        return Err(Error::Options(
            "template: a template renders resumes, not letters; make a Renderer without template for letters".into(),
        ));
    }
    if application && resume.is_none() {
        return Err(Error::Options(
            "an application is the letter then the resume: give the resume".into(),
        ));
    }
    let read = letter::read(name, letter_bytes, &engine.limits).map_err(|e| bad_letter(&e))?;
    let mut warnings: Vec<String> = read
        .warnings
        .iter()
        .map(|w| format!("letter: {w}"))
        .collect();
    let value = match resume {
        Some((data, syntax)) => {
            let (_, value) =
                one_resume(data, syntax, &engine.limits).map_err(|e| bad_resume(&e))?;
            if !value.is_object() {
                return Err(Error::Invalid {
                    message: "the letter's resume: not a resume (an object)".into(),
                    position: None,
                });
            }
            value
        }
        None => {
            if let Some(file) = &read.letter.resume {
                warnings.push(format!(
                    "letter: resume: `{file}` is not read here; pass the resume (resume=…) for the sender block"
                ));
            }
            serde_json::json!({})
        }
    };
    // The resume's photo and the signature's picture: from base_dir only.
    let read_file = |file: &str| job.read_photo(file);
    let mut built = engine.build_letter(&read.letter, value, &read_file, &read_file);
    warnings.append(&mut built.letter.warnings);
    let files = if application {
        engine.render_application(&built.letter.document, &built.resume)
    } else {
        engine.render(&built.letter.document, job.parallel)
    }
    .map_err(|f| errors::failure(&f))?;
    warnings.extend(files.warnings);
    let out = files
        .files
        .into_iter()
        .map(|f| (f.backend.name().to_string(), f.bytes))
        .collect();
    Ok((out, warnings, files.notes))
}

/// A letter that cannot be read, with its line (and column, for a syntax error).
fn bad_letter(e: &LetterError) -> Error {
    let (line, column) = match e {
        LetterError::Source(SourceError::Syntax(s) | SourceError::NotResume(s)) => {
            (Some(s.line), Some(s.column))
        }
        LetterError::Source(_) => (None, None),
        LetterError::Field { line, .. } => (*line, None),
    };
    Error::Letter {
        message: e.message("letter"),
        line,
        column,
    }
}

/// The resume beside a letter that cannot be read: said as such.
fn bad_resume(e: &SourceError) -> Error {
    match errors::source(e) {
        Error::Invalid { message, position } => Error::Invalid {
            message: format!("the letter's resume: {message}"),
            position,
        },
        other => other,
    }
}
