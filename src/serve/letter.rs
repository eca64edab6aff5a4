//! Cover letters on `POST /v1/render`: a letter alone (recognised by its content), or a JSON object holding `letter` and `resume`, through the same [`Job`] as the command line.

use axum::http::StatusCode;

use super::answer::Problem;
use crate::job::Job;
use crate::letter;
use crate::resume::Syntax;

/// The files, the warnings and the name for the answer.
type Outcome = Result<(Vec<crate::job::File>, Vec<String>, String), Problem>;

/// The files, warnings and name of a letter request, or `None` when the
/// body is no letter (an ordinary resume).
pub(super) fn run(job: &Job, bytes: &[u8], syntax: Option<Syntax>) -> Option<Outcome> {
    let (name, letter_bytes, resume, application) = match pair(bytes, syntax) {
        Some(p) => p,
        // A letter alone: its content says JSON, YAML, TOML or Markdown.
        None if letter::looks_like_letter(bytes) => ("letter", bytes.to_vec(), None, false),
        None => return None,
    };
    Some(render(job, name, &letter_bytes, resume, application))
}

/// `{"letter": …, "resume": {…}}`: the letter's name and bytes (Markdown
/// text as is, an object as JSON), the resume, and whether both are rendered
/// (`"application": false` renders the letter alone under the resume's header).
fn pair(
    bytes: &[u8],
    syntax: Option<Syntax>,
) -> Option<(&'static str, Vec<u8>, Option<serde_json::Value>, bool)> {
    // In whichever syntax the body is (a YAML or TOML body too), read as a
    // resume is read (YAML's odd keys and long integers included).
    if matches!(syntax, Some(Syntax::Markdown | Syntax::Zip)) {
        return None;
    }
    let (_, value) =
        crate::resume::syntax::parse(bytes, syntax, &crate::resume::Limits::default()).ok()?;
    let serde_json::Value::Object(map) = value else {
        return None;
    };
    let letter = map.get("letter")?;
    let resume = map.get("resume")?.clone();
    // A string is a letter's Markdown text (front matter allowed), never
    // read as JSON or YAML, however it opens ("Dear:"); an object is a letter's fields.
    let (name, letter) = match letter {
        serde_json::Value::String(s) => ("letter.md", s.clone().into_bytes()),
        other => ("letter.json", serde_json::to_vec(other).ok()?),
    };
    let application = map
        .get("application")
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(true);
    Some((name, letter, Some(resume), application))
}

fn render(
    job: &Job,
    name: &str,
    letter_bytes: &[u8],
    resume: Option<serde_json::Value>,
    application: bool,
) -> Outcome {
    let read = letter::read(name, letter_bytes, &job.limits).map_err(|e| {
        let mut p = Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "letter",
            e.message("letter"),
        );
        if let letter::LetterError::Source(crate::resume::SourceError::Syntax(s)) = &e {
            (p.line, p.column) = (Some(s.line), Some(s.column));
        }
        p
    })?;
    let mut warnings: Vec<String> = read
        .warnings
        .iter()
        .map(|w| format!("letter: {w}"))
        .collect();
    let resume = match resume {
        Some(r @ serde_json::Value::Object(_)) => r,
        Some(_) => {
            return Err(Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "letter",
                "`resume` must be a JSON Resume object".to_string(),
            ));
        }
        None => {
            if read.letter.resume.is_some() {
                warnings.push("letter: resume: files are not read here; send {\"letter\": …, \"resume\": {…}} for the sender block".into());
            }
            serde_json::json!({})
        }
    };
    let refuse: &dyn Fn(&str) -> Result<Vec<u8>, String> = &|_| {
        Err(
            "it is a file path, and files are not read here; send the picture as a data: URI"
                .into(),
        )
    };
    let built = job.build_letter(&read.letter, resume, refuse, refuse);
    warnings.extend(built.letter.warnings);
    let files = if application {
        job.render_application(&built.letter.document, &built.resume)
    } else {
        job.render(&built.letter.document, false)
    }
    .map_err(|f| {
        let status = match f.error {
            crate::backend::RenderError::DoesNotFit(_) => StatusCode::UNPROCESSABLE_ENTITY,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Problem::new(status, "render", f.to_string())
    })?;
    warnings.extend(files.warnings);
    let name = built
        .letter
        .document
        .header
        .name
        .clone()
        .unwrap_or_default();
    let name = if name.is_empty() {
        "letter".into()
    } else {
        name
    };
    Ok((files.files, warnings, name))
}

/// What `POST /v1/render` takes, for the OpenAPI description.
pub(super) const BODY: &str = "A resume: JSON Resume (or FRESH, Reactive Resume, RenderCV) as JSON, YAML or TOML; or a cover letter (Markdown with YAML front matter, or its fields as one object with the body in `body`), recognised by its content and rendered alone; or `{\"letter\": …, \"resume\": {…}}`, the letter (Markdown text or an object) with the resume its sender block comes from: one file holding the letter then the resume (the command line's --letter), or the letter alone under the resume's header with `\"application\": false`; or LinkedIn's data export, the ZIP itself, as application/zip. Without a Content-Type the syntax is recognised.";

/// The request body's schema: a resume, and on `/v1/render` a letter or a letter with its resume.
pub(super) fn body_schema(path: &str) -> serde_json::Value {
    if path == "/v1/render" {
        // Recognised by content: a body may fit more than one (anyOf).
        serde_json::json!({ "anyOf": [
            { "$ref": "#/components/schemas/Resume" },
            { "allOf": [ { "$ref": "#/components/schemas/Letter" }, { "required": ["body"] } ] },
            { "$ref": "#/components/schemas/Application" },
        ] })
    } else {
        serde_json::json!({ "$ref": "#/components/schemas/Resume" })
    }
}

/// The schemas with `Letter` (the letter's own JSON Schema) and `Application` added.
pub(super) fn with_schemas(mut schemas: serde_json::Value) -> serde_json::Value {
    if let Some(map) = schemas.as_object_mut() {
        let mut letter = letter::schema();
        if let Some(l) = letter.as_object_mut() {
            l.remove("$schema");
            l.remove("$id");
        }
        map.insert("Letter".into(), letter);
        map.insert(
            "Application".into(),
            serde_json::json!({
                "type": "object",
                "required": ["letter", "resume"],
                "description": "A cover letter and the resume its sender block comes from.",
                "properties": {
                    "letter": {
                        "description": "The letter: its Markdown text, front matter allowed (a string is always read as Markdown, never as JSON or YAML; not blank: a letter without a body is a 422), or its fields as an object",
                        "oneOf": [ { "type": "string", "pattern": "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*[^\\s\\u0000-\\u001F\\u007F-\\u009F][^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$" }, { "allOf": [ { "$ref": "#/components/schemas/Letter" }, { "required": ["body"] } ] } ]
                    },
                    "resume": { "$ref": "#/components/schemas/Resume" },
                    "application": {
                        "type": "boolean",
                        "default": true,
                        "description": "true: one file, the letter then the resume (PDF with an outline entry each, DOCX with a section each, Markdown and text one after the other, HTML one page with the letter in a region of its own and a page break before the resume when printed); false: the letter alone"
                    }
                }
            }),
        );
    }
    schemas
}
