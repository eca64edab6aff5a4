//! `POST /v1/render` and `POST /v1/validate`: the request's options become a [`Job`], run on the pool, and the files an answer.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use super::App;
use super::answer::{self, Format, Problem};
use super::input::{RENDER, VALIDATE, apply, body, check, flag, pairs, strings, syntax};
use super::pool::Refusal;
use crate::backend;
use crate::job::{self, Job, Options};
use crate::resume::{self, SourceError, Syntax};

/// A parse failure as an answer: syntax errors with their line and column.
pub(super) fn source_problem(e: &SourceError) -> Problem {
    match e {
        SourceError::Syntax(s) => {
            let mut p = Problem::new(
                StatusCode::BAD_REQUEST,
                "syntax",
                format!(
                    "invalid {} at line {}, column {}: {}",
                    s.syntax, s.line, s.column, s.message
                ),
            );
            (p.line, p.column) = (Some(s.line), Some(s.column));
            p
        }
        SourceError::Encoding { .. } => {
            Problem::new(StatusCode::BAD_REQUEST, "syntax", e.to_string())
        }
        SourceError::NotResume(s) => {
            let mut p = Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "syntax",
                format!(
                    "not a resume at line {}, column {}: {}",
                    s.line, s.column, s.message
                ),
            );
            (p.line, p.column) = (Some(s.line), Some(s.column));
            p
        }
        SourceError::Limit(m) => Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "limit", m.clone()),
        SourceError::Archive(m) => {
            Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "archive", m.clone())
        }
    }
}

/// A body parsed as one resume: one object, as the description says. (The command
/// line reads a JSON list as several resumes; a request holds one.)
fn one_resume(
    bytes: &[u8],
    syntax: Option<Syntax>,
    limits: &resume::Limits,
) -> Result<(String, serde_json::Value), SourceError> {
    let (text, value) = resume::syntax::parse(bytes, syntax, limits)?;
    if value.is_array() {
        let line_text = text.lines().next().unwrap_or("").to_string();
        return Err(SourceError::NotResume(resume::SyntaxError {
            syntax: "JSON",
            message: "the top level is a list; a request holds one resume (an object)".into(),
            line: 1,
            column: 1,
            line_text,
        }));
    }
    Ok((text, value))
}

/// What a render job gives back to the reactor.
type Outcome = Result<(Vec<job::File>, Vec<String>, String), Problem>;

/// Runs `work` on the pool within the request's deadline.
pub(super) async fn on_pool<T: Send + 'static>(
    app: &App,
    started: Instant,
    work: impl FnOnce() -> Result<T, Problem> + Send + 'static,
) -> Result<T, Problem> {
    let left = app.config.timeout.saturating_sub(started.elapsed());
    match tokio::time::timeout(left, app.pool.run(work)).await {
        Ok(Ok(result)) => result,
        Ok(Err(Refusal::Full)) => {
            app.metrics.rejected("queue_full");
            let mut p = Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "queue_full",
                format!(
                    "every worker is busy and {} requests are waiting; try again shortly",
                    app.config.queue
                ),
            );
            p.retry_after = Some(1);
            Err(p)
        }
        Ok(Err(Refusal::Panicked(what))) => {
            super::observe::event("panic", serde_json::json!({ "message": what }));
            Err(Problem::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "panic",
                format!("internal error (a bug; please report it): {what}"),
            ))
        }
        Err(_) => {
            let mut p = Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "timeout",
                format!(
                    "no answer within the {:.1} s deadline",
                    app.config.timeout.as_secs_f64()
                ),
            );
            p.retry_after = Some(1);
            Err(p)
        }
    }
}

/// `POST /v1/render`.
pub async fn render(
    State(app): State<Arc<App>>,
    uri: Uri,
    headers: HeaderMap,
    body_in: Body,
) -> Result<Response, Problem> {
    let started = Instant::now();
    let mut options = Options {
        timestamp: app.config.timestamp,
        max_input_bytes: Some(app.config.max_body),
        ..Options::default()
    };
    let mut layout = None;
    let pairs = pairs(&uri, RENDER)?;
    check(&app, RENDER, &pairs)?;
    for (k, v) in pairs {
        apply(&mut options, &mut layout, &k, &v)
            .map_err(|e| Problem::new(StatusCode::BAD_REQUEST, "options", e))?;
    }
    let layout_name = layout.unwrap_or_else(|| "classic".into());
    let Some((layout, _)) = app.config.layouts.get(&layout_name) else {
        return Err(Problem::new(
            StatusCode::BAD_REQUEST,
            "options",
            format!("unknown layout `{layout_name}`"),
        )
        .valid(app.config.layouts.keys().cloned().collect()));
    };
    let job = options.resolve(Arc::clone(layout)).map_err(|e| {
        let valid = if e.starts_with("unknown format") {
            RENDER
                .iter()
                .find(|p| p.name == "format")
                .map(|p| (p.values)(&app))
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        Problem::new(StatusCode::BAD_REQUEST, "options", e).valid(valid)
    })?;
    let syntax = syntax(&headers)?;
    let bytes = body(&app, &headers, body_in, started).await?;
    let (files, warnings, name) = on_pool(&app, started, move || run(&job, &bytes, syntax)).await?;
    Ok(respond(&app, files, &warnings, &name))
}

/// Reads, builds and renders, on a worker.
fn run(job: &Job, bytes: &[u8], syntax: Option<Syntax>) -> Outcome {
    if let Some(letter) = super::letter::run(job, bytes, syntax) {
        return letter;
    }
    let (_, value) = one_resume(bytes, syntax, &job.limits).map_err(|e| source_problem(&e))?;
    let built = job.build(value);
    let name = built.parsed.resume.basics.name.clone().unwrap_or_default();
    if crate::inject::injected("panic", &name) {
        panic!("injected panic for {name}");
    }
    if crate::inject::injected("sleep", &name) {
        std::thread::sleep(std::time::Duration::from_millis(1500));
    }
    let files = job.render(&built.document, false).map_err(|f| {
        let status = match f.error {
            backend::RenderError::DoesNotFit { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Problem::new(status, "render", f.to_string())
    })?;
    let mut warnings = built.warnings;
    warnings.extend(files.warnings);
    Ok((files.files, warnings, name))
}

/// The file, or a zip of the files, with its type, name and warnings.
fn respond(app: &App, files: Vec<job::File>, warnings: &[String], name: &str) -> Response {
    let stem = crate::placeholder::slug(name);
    let stem = if stem.is_empty() {
        "resume".to_string()
    } else {
        stem
    };
    let (bytes, media, extension, format) = match files.as_slice() {
        [one] => (
            one.bytes.clone(),
            backend::media_type(one.backend.extension()),
            one.backend.extension(),
            one.backend.name().to_string(),
        ),
        _ => match zip(&files, &stem) {
            Ok(z) => (z, "application/zip", "zip", "zip".to_string()),
            Err(e) => {
                return Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "render", e)
                    .into_response();
            }
        },
    };
    app.metrics.output_bytes.inc_by(bytes.len() as u64);
    let mut response = Response::new(Body::from(bytes));
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(media));
    if let Ok(v) = HeaderValue::from_str(&disposition(&stem, extension)) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    if let Some(w) = answer::warnings_header(warnings) {
        h.insert("x-warnings", w);
    }
    h.insert("x-warnings-count", HeaderValue::from(warnings.len()));
    response.extensions_mut().insert(Format(format));
    response
}

/// `attachment; filename="jane-doe.pdf"; filename*=UTF-8''jane-doe.pdf` (RFC 6266):
/// an ASCII name for every client, the real one for those that read `filename*`.
fn disposition(stem: &str, extension: &str) -> String {
    let ascii: String = stem
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let ascii = if ascii.trim_matches('-').is_empty() {
        "resume".into()
    } else {
        ascii
    };
    let encoded: String = form_urlencoded::byte_serialize(stem.as_bytes()).collect();
    format!("attachment; filename=\"{ascii}.{extension}\"; filename*=UTF-8''{encoded}.{extension}")
}

/// The files in one zip, named `<stem>.<ext>`, with fixed times (the same bytes every time).
fn zip(files: &[job::File], stem: &str) -> Result<Vec<u8>, String> {
    use std::io::Write;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for f in files {
        out.start_file(format!("{stem}.{}", f.backend.extension()), options)
            .map_err(|e| e.to_string())?;
        out.write_all(&f.bytes).map_err(|e| e.to_string())?;
    }
    out.finish()
        .map(|c| c.into_inner())
        .map_err(|e| e.to_string())
}

/// One problem as `/v1/validate` reports it.
#[derive(serde::Serialize)]
pub struct Finding {
    pub severity: &'static str,
    /// JSON pointer of the value (`/basics/email`; `/` for the root).
    pub pointer: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    pub message: String,
}

/// The answer of `/v1/validate`.
#[derive(serde::Serialize)]
pub struct Validation {
    pub valid: bool,
    /// The reader that recognised the body (`jsonresume`, `fresh`, …).
    pub read_as: &'static str,
    pub errors: usize,
    pub warnings: usize,
    pub problems: Vec<Finding>,
    /// What a reader for another shape left out.
    pub notes: Vec<String>,
}

/// `POST /v1/validate`.
pub async fn validate(
    State(app): State<Arc<App>>,
    uri: Uri,
    headers: HeaderMap,
    body_in: Body,
) -> Result<Response, Problem> {
    let started = Instant::now();
    let (mut from, mut strict) = (None, false);
    let pairs = pairs(&uri, VALIDATE)?;
    check(&app, VALIDATE, &pairs)?;
    for (k, v) in pairs {
        match k.as_str() {
            "from" => {
                from = Some(resume::reader::by_name(v.trim()).ok_or_else(|| {
                    Problem::new(
                        StatusCode::BAD_REQUEST,
                        "options",
                        format!("unknown from `{v}`"),
                    )
                    .valid(strings(&resume::reader::names()))
                })?);
            }
            _ => strict = flag(&k, &v)?,
        }
    }
    let syntax = syntax(&headers)?;
    let bytes = body(&app, &headers, body_in, started).await?;
    let limits = resume::Limits {
        max_input_bytes: app.config.max_body,
        ..resume::Limits::default()
    };
    let report = on_pool(&app, started, move || {
        one_resume(&bytes, syntax, &limits)
            .map(|(text, value)| crate::validate::check_value(text, value, from))
            .map_err(|e| source_problem(&e))
    })
    .await?;
    let mut out = Validation {
        valid: true,
        read_as: report.reader,
        errors: 0,
        warnings: 0,
        problems: Vec::new(),
        notes: report.notes,
    };
    for p in report.problems {
        let error = p.severity == crate::validate::Severity::Error || strict;
        if error {
            out.errors += 1;
        } else {
            out.warnings += 1;
        }
        out.problems.push(Finding {
            severity: if error { "error" } else { "warning" },
            pointer: if p.pointer.is_empty() {
                "/".into()
            } else {
                p.pointer
            },
            line: p.position.map(|(l, _)| l),
            column: p.position.map(|(_, c)| c),
            message: p.message,
        });
    }
    out.valid = out.errors == 0;
    Ok(answer::json(&out))
}
