//! `POST /v1/check`: how a resume fits a job posting — the same report as `check --job --json` gives for one file.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use base64::Engine;
use serde_json::Value;

use super::App;
use super::answer::{self, Problem};
use super::input::{body, pairs, syntax};
use super::render::{on_pool, source_problem};
use crate::check::posting::{self, Form, Posting};
use crate::layout::Layout;
use crate::resume::{self, Syntax};

/// The names the answer gives the posting and the resume.
const POSTING: &str = "posting";

fn unfit(message: impl Into<String>) -> Problem {
    Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "posting", message)
}

/// `POST /v1/check`.
pub async fn check(
    State(app): State<Arc<App>>,
    uri: Uri,
    headers: HeaderMap,
    body_in: Body,
) -> Result<Response, Problem> {
    let started = Instant::now();
    pairs(&uri, &[])?;
    let syntax = syntax(&headers)?;
    let bytes = body(&app, &headers, body_in, started).await?;
    let limits = resume::Limits {
        max_input_bytes: app.config.max_body,
        ..resume::Limits::default()
    };
    let layout = match app.config.layouts.get("classic") {
        Some((l, _)) => Arc::clone(l),
        None => Arc::new(Layout::builtin("classic").map_err(|e| unfit(e.to_string()))?),
    };
    let fit = on_pool(&app, started, move || run(&bytes, syntax, &limits, &layout)).await?;
    Ok(answer::json(&fit))
}

/// Reads the request's object and fits its resume or document to its posting, on a worker.
fn run(
    bytes: &[u8],
    syntax: Option<Syntax>,
    limits: &resume::Limits,
    layout: &Layout,
) -> Result<posting::Fit, Problem> {
    let (_, value) =
        resume::syntax::parse(bytes, syntax, limits).map_err(|e| source_problem(&e))?;
    let Value::Object(mut request) = value else {
        return Err(unfit(
            "the body is one object with `posting` and `resume` (or `document`)",
        ));
    };
    for key in request.keys() {
        if ![
            "posting",
            "posting_format",
            "language",
            "resume",
            "document",
        ]
        .contains(&key.as_str())
        {
            return Err(Problem::new(
                StatusCode::BAD_REQUEST,
                "options",
                format!("unknown field `{key}`"),
            )
            .valid(
                [
                    "posting",
                    "posting_format",
                    "language",
                    "resume",
                    "document",
                ]
                .map(String::from)
                .to_vec(),
            ));
        }
    }
    let text =
        |request: &serde_json::Map<String, Value>, key: &str| -> Result<Option<String>, Problem> {
            match request.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(unfit(format!("`{key}` is a string"))),
            }
        };
    let Some(posting_text) = text(&request, "posting")? else {
        return Err(unfit(
            "`posting` is needed: the posting's text, Markdown or HTML",
        ));
    };
    let form = match text(&request, "posting_format")? {
        None => None,
        Some(f) => Some(Form::by_name(&f).ok_or_else(|| {
            Problem::new(
                StatusCode::BAD_REQUEST,
                "options",
                format!("unknown posting_format `{f}`"),
            )
            .valid(["text", "markdown", "html"].map(String::from).to_vec())
        })?),
    };
    let language = text(&request, "language")?;
    if let Some(l) = &language
        && !language_tag(l)
    {
        return Err(Problem::new(
            StatusCode::BAD_REQUEST,
            "options",
            format!("language `{l}` is not a language code (en, de, pt-BR)"),
        ));
    }
    let posting = Posting::read(POSTING, posting_text.as_bytes(), form, language.as_deref())
        .map_err(|e| unfit(format!("posting: {e}")))?;
    match (request.remove("resume"), text(&request, "document")?) {
        (Some(resume @ Value::Object(_)), None) => {
            let json = serde_json::to_vec(&resume).map_err(|e| unfit(e.to_string()))?;
            let (_, document) =
                crate::load(&json, layout).map_err(|e| unfit(format!("resume: {e}")))?;
            Ok(posting::fit_document(&posting, "resume", &document))
        }
        (None, Some(data)) => {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(data.trim())
                .map_err(|e| unfit(format!("document: not base64: {e}")))?;
            posting::fit_file(&posting, "document", &bytes)
                .map_err(|e| unfit(format!("document: {e}")))
        }
        (Some(_), Some(_)) => Err(unfit("send `resume` or `document`, not both")),
        (Some(_), None) => Err(unfit(
            "`resume` is an object (JSON Resume or another shape)",
        )),
        (None, None) => Err(unfit(
            "`resume` (an object) or `document` (a PDF or DOCX in base64) is needed",
        )),
    }
}

/// A language code alone or with subtags (`de`, `pt-BR`, `zh_Hant`).
fn language_tag(s: &str) -> bool {
    let mut parts = s.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The body of `/v1/check`, for the OpenAPI description.
pub fn request_schema() -> Value {
    serde_json::json!({
        "type": "object",
        "required": ["posting"],
        "additionalProperties": false,
        "properties": {
            "posting": { "type": "string", "minLength": 1, "description": "The job posting: plain text, Markdown or HTML" },
            "posting_format": { "enum": ["text", "markdown", "html"], "description": "How the posting is written. Default: recognised (HTML by its tags, else text)" },
            "language": { "type": "string", "description": "The posting's language code (en, de, ja…). Default: recognised from its words" },
            "resume": { "type": "object", "description": "A resume (JSON Resume, or FRESH, Reactive Resume, RenderCV), built as the classic layout builds it" },
            "document": { "type": "string", "contentEncoding": "base64", "description": "A PDF or DOCX, read as `check` reads it (the text an applicant-tracking parser gets)" },
        },
        "oneOf": [{ "required": ["resume"] }, { "required": ["document"] }],
    })
}

/// The answer of `/v1/check`, for the OpenAPI description.
pub fn fit_schema() -> Value {
    let term = |extra: Value| {
        let mut t = serde_json::json!({
            "type": "object",
            "required": ["term", "kind", "weight", "mentions"],
            "properties": {
                "term": { "type": "string", "description": "As the posting first writes it" },
                "kind": { "enum": ["tool", "skill", "certification", "title", "term"] },
                "weight": { "type": "integer", "minimum": 1, "description": "Points for where it stands in the posting, summed over mentions" },
                "mentions": { "type": "integer", "minimum": 1 },
                "also": { "type": "array", "items": { "type": "string" }, "description": "Other names it goes by" },
            },
        });
        if let (Some(props), Value::Object(more)) = (
            t.get_mut("properties").and_then(Value::as_object_mut),
            extra,
        ) {
            props.extend(more);
        }
        t
    };
    let place = serde_json::json!({
        "type": "object",
        "required": ["section", "section_id", "entry", "text", "how"],
        "additionalProperties": false,
        "properties": {
            "section": { "type": "string", "description": "The section's title as the resume prints it, or `header`" },
            "section_id": { "type": ["string", "null"], "description": "work, education, skills… when recognised" },
            "entry": { "type": ["string", "null"], "description": "Position and employer, degree, skill group" },
            "text": { "type": "string", "description": "The resume's words that matched" },
            "how": { "enum": ["as written", "word form", "variant", "other name"] },
        },
    });
    let mut covered =
        term(serde_json::json!({ "found": { "type": "array", "items": place, "minItems": 1 } }));
    if let Some(r) = covered.get_mut("required").and_then(Value::as_array_mut) {
        r.push("found".into());
    }
    serde_json::json!({
        "type": "object",
        "required": ["posting", "language", "resume", "read_as", "terms", "covered_terms", "coverage", "covered", "missed"],
        "additionalProperties": false,
        "properties": {
            "posting": { "type": "string" },
            "language": { "type": "string" },
            "resume": { "type": "string" },
            "read_as": { "enum": ["pdf", "docx", "resume"] },
            "terms": { "type": "integer", "minimum": 1 },
            "covered_terms": { "type": "integer", "minimum": 0 },
            "coverage": { "type": "number", "minimum": 0, "maximum": 1, "description": "Covered terms' weight over all terms' weight" },
            "covered": { "type": "array", "items": covered },
            "missed": { "type": "array", "items": term(serde_json::json!({ "partly": {
                "type": "object",
                "required": ["words", "found"],
                "additionalProperties": false,
                "description": "For a phrase: its longest part the resume has, and where",
                "properties": {
                    "words": { "type": "string" },
                    "found": { "type": "array", "items": place.clone(), "minItems": 1 },
                },
            } })) },
        },
    })
}
