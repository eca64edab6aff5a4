//! `POST /v1/render` and `POST /v1/validate`: a body and a query become a [`Job`], run on the pool.

use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use super::App;
use super::answer::{self, Format, Problem};
use super::pool::Refusal;
use crate::backend::{self, BACKENDS};
use crate::job::{self, Job, Options};
use crate::resume::{self, SourceError, Syntax};

/// What a query parameter holds, for parsing and for the OpenAPI description.
#[derive(Clone, Copy)]
pub enum Kind {
    /// One value from a list, or free text when the list is empty.
    Text,
    /// Comma-separated values (or the parameter repeated).
    List,
    /// A whole number.
    Integer { min: u32, max: u32 },
    /// `true` or `false`.
    Flag,
}

/// One query parameter an endpoint takes.
pub struct Param {
    pub name: &'static str,
    pub kind: Kind,
    pub description: &'static str,
    /// The values accepted, when they are a fixed set.
    pub values: fn(&App) -> Vec<String>,
}

fn any(_: &App) -> Vec<String> {
    Vec::new()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// The parameters of `/v1/render`: the same options as the command line's.
pub const RENDER: &[Param] = &[
    Param {
        name: "format",
        kind: Kind::List,
        description: "Output formats; several (or `all`) answer with a zip. Default: pdf.",
        values: |_| {
            let mut v: Vec<String> = BACKENDS.iter().map(|b| b.name().to_string()).collect();
            v.push("all".into());
            v
        },
    },
    Param {
        name: "layout",
        kind: Kind::Text,
        description: "A layout by name (`GET /v1/layouts`). Default: classic.",
        values: |app| app.config.layouts.keys().cloned().collect(),
    },
    Param {
        name: "lang",
        kind: Kind::Text,
        description: "Language of section titles, dates and labels. Default: the resume's meta.language, else guessed, else en.",
        values: any,
    },
    Param {
        name: "redact",
        kind: Kind::List,
        description: "Remove personal details: contact, name (initials instead) or all.",
        values: |_| strings(job::REDACT),
    },
    Param {
        name: "paper",
        kind: Kind::Text,
        description: "Paper size for PDF and DOCX. Default: the layout's.",
        values: |_| strings(job::PAPERS),
    },
    Param {
        name: "max_pages",
        kind: Kind::Integer { min: 1, max: 100 },
        description: "Fit PDF and DOCX on at most this many pages, or fail with 422.",
        values: any,
    },
    Param {
        name: "sections",
        kind: Kind::List,
        description: "Sections to show, in this order (e.g. work,education,skills).",
        values: any,
    },
    Param {
        name: "tags",
        kind: Kind::List,
        description: "Keep only entries and highlights tagged with one of these (untagged ones stay).",
        values: any,
    },
    Param {
        name: "max_highlights",
        kind: Kind::Integer { min: 0, max: 1000 },
        description: "At most this many highlights per entry.",
        values: any,
    },
    Param {
        name: "width",
        kind: Kind::Integer { min: 20, max: 1000 },
        description: "Line width of text output, in columns. Default: 80.",
        values: any,
    },
    Param {
        name: "pdf_standard",
        kind: Kind::List,
        description: "Standards the PDF claims: ua-1 and at most one PDF/A-2 level, or none. Default: ua-1.",
        values: |_| strings(job::PDF_STANDARDS),
    },
    Param {
        name: "from",
        kind: Kind::Text,
        description: "The shape of the resume. Default: recognised from its content.",
        values: |_| strings(&resume::reader::names()),
    },
];

/// The parameters of `/v1/validate`.
pub const VALIDATE: &[Param] = &[
    Param {
        name: "from",
        kind: Kind::Text,
        description: "The shape of the resume; another tool's shape is checked as the JSON Resume it converts to.",
        values: |_| strings(&resume::reader::names()),
    },
    Param {
        name: "strict",
        kind: Kind::Flag,
        description: "Count warnings (format mismatches) as errors.",
        values: any,
    },
];

/// The media types a body may have, with the syntax each one means.
pub const MEDIA_TYPES: &[(&str, Syntax)] = &[
    ("application/json", Syntax::Json),
    ("application/yaml", Syntax::Yaml),
    ("application/x-yaml", Syntax::Yaml),
    ("text/yaml", Syntax::Yaml),
    ("application/toml", Syntax::Toml),
];

/// The query's pairs, each checked against `params`.
fn pairs(uri: &Uri, params: &[Param]) -> Result<Vec<(String, String)>, Problem> {
    let query = uri.query().unwrap_or("");
    let mut out = Vec::new();
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        if !params.iter().any(|p| p.name == k) {
            return Err(Problem::new(
                StatusCode::BAD_REQUEST,
                "options",
                format!("unknown query parameter `{k}`"),
            )
            .valid(params.iter().map(|p| p.name.to_string()).collect()));
        }
        out.push((k.into_owned(), v.into_owned()));
    }
    Ok(out)
}

/// Splits comma lists and parameters given more than once.
fn list(v: &str) -> impl Iterator<Item = String> + '_ {
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

fn integer(name: &str, v: &str, kind: Kind) -> Result<u32, String> {
    let (min, max) = match kind {
        Kind::Integer { min, max } => (min, max),
        _ => (0, u32::MAX),
    };
    v.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| format!("{name} takes a whole number from {min} to {max}, not `{v}`"))
}

/// Sets the option a render parameter names. Every name of [`RENDER`] is handled here.
pub fn apply(
    options: &mut Options,
    layout: &mut Option<String>,
    name: &str,
    v: &str,
) -> Result<(), String> {
    let kind = RENDER
        .iter()
        .find(|p| p.name == name)
        .map_or(Kind::Text, |p| p.kind);
    match name {
        "format" => options.formats.extend(list(v)),
        "layout" => *layout = Some(v.trim().to_string()),
        "lang" => options.lang = Some(v.trim().to_string()).filter(|s| !s.is_empty()),
        "redact" => options.redact.extend(list(v)),
        "paper" => options.paper = Some(v.to_string()),
        "max_pages" => options.max_pages = Some(integer(name, v, kind)?),
        "sections" => options
            .sections
            .get_or_insert_with(Vec::new)
            .extend(list(v)),
        "tags" => options.tags.extend(list(v)),
        "max_highlights" => options.max_highlights = Some(integer(name, v, kind)? as usize),
        "width" => {
            options.width = Some(u16::try_from(integer(name, v, kind)?).unwrap_or(u16::MAX));
        }
        "pdf_standard" => options.pdf_standard.extend(list(v)),
        "from" => options.from = Some(v.trim().to_string()),
        other => return Err(format!("`{other}` is not a render parameter")),
    }
    Ok(())
}

/// The syntax of a body, from its Content-Type; `None` when it has none (guessed then).
fn syntax(headers: &HeaderMap) -> Result<Option<Syntax>, Problem> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Ok(None);
    };
    let essence = value
        .to_str()
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    MEDIA_TYPES
        .iter()
        .find(|(m, _)| *m == essence)
        .map(|(_, s)| Some(*s))
        .ok_or_else(|| {
            Problem::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "media_type",
                format!("a resume is sent as JSON, YAML or TOML, not `{essence}`"),
            )
            .valid(MEDIA_TYPES.iter().map(|(m, _)| m.to_string()).collect())
        })
}

/// The body, refused when Content-Length or the bytes sent pass the limit.
async fn body(app: &App, headers: &HeaderMap, body: Body) -> Result<Bytes, Problem> {
    let limit = app.config.max_body;
    let too_large = || {
        app.metrics.rejected("too_large");
        Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("the body is over the {limit}-byte limit"),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    let bytes = axum::body::to_bytes(body, limit).await.map_err(|e| {
        let over = std::error::Error::source(&e)
            .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
        if over {
            too_large()
        } else {
            Problem::new(
                StatusCode::BAD_REQUEST,
                "body",
                format!("cannot read the body: {e}"),
            )
        }
    })?;
    if bytes.is_empty() {
        return Err(Problem::new(
            StatusCode::BAD_REQUEST,
            "body",
            "the body is empty; send a resume (JSON Resume, or another shape by `from`)",
        ));
    }
    Ok(bytes)
}

/// A parse failure as an answer: syntax errors with their line and column.
fn source_problem(e: &SourceError) -> Problem {
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
    }
}

/// What a render job gives back to the reactor.
type Outcome = Result<(Vec<job::File>, Vec<String>, String), Problem>;

/// Runs `work` on the pool within the request's deadline.
async fn on_pool<T: Send + 'static>(
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
    for (k, v) in pairs(&uri, RENDER)? {
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
    let bytes = tokio::time::timeout(
        app.config.timeout.saturating_sub(started.elapsed()),
        body(&app, &headers, body_in),
    )
    .await
    .map_err(|_| {
        Problem::new(
            StatusCode::REQUEST_TIMEOUT,
            "timeout",
            "the body did not arrive in time",
        )
    })??;
    let (files, warnings, name) = on_pool(&app, started, move || run(&job, &bytes, syntax)).await?;
    Ok(respond(&app, files, &warnings, &name))
}

/// Reads, builds and renders, on a worker.
fn run(job: &Job, bytes: &[u8], syntax: Option<Syntax>) -> Outcome {
    let built = job.read(bytes, syntax).map_err(|e| source_problem(&e))?;
    let name = built.parsed.resume.basics.name.clone().unwrap_or_default();
    if crate::batch::injected("panic", &name) {
        panic!("injected panic for {name}");
    }
    if crate::batch::injected("sleep", &name) {
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
    let stem = crate::batch::naming::slug(name);
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
    for (k, v) in pairs(&uri, VALIDATE)? {
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
            _ => strict = matches!(v.trim(), "" | "1" | "true" | "yes"),
        }
    }
    let syntax = syntax(&headers)?;
    let bytes = body(&app, &headers, body_in).await?;
    let limits = resume::Limits {
        max_input_bytes: app.config.max_body,
        ..resume::Limits::default()
    };
    let report = on_pool(&app, started, move || {
        crate::validate::check(&bytes, syntax, from, &limits).map_err(|e| source_problem(&e))
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
