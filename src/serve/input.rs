//! What a request says: its endpoint and query parameters (the tables the router, the parser and the OpenAPI description share), its media type and its body.

use axum::body::{Body, Bytes};
use std::sync::Arc;

use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::routing::MethodRouter;

use super::App;
use super::answer::Problem;
use crate::backend::BACKENDS;
use crate::document::Labels;
use crate::job::{self, Options};
use crate::resume::{self, Syntax};

/// One endpoint.
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub summary: &'static str,
    /// Needs the bearer token when the server has one.
    pub guarded: bool,
    /// Its query parameters.
    pub params: &'static [Param],
    /// Its answers: status and what the body is.
    pub answers: &'static [(u16, &'static str)],
    /// The media types of a 200 answer.
    pub produces: &'static [&'static str],
    pub handler: fn() -> MethodRouter<Arc<App>>,
}

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
    /// A language code from the list, alone or with subtags (`pt-BR`).
    Language,
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

pub fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// The language codes the server has words for: the built-in ones, `no` (Bokmål's
/// words) and those the server's layouts add (codes of ASCII letters and digits).
fn languages(app: &App) -> Vec<String> {
    let mut v = strings(&Labels::builtin_codes());
    v.push("no".into());
    for (layout, _) in app.config.layouts.values() {
        v.extend(
            layout
                .extra_languages()
                .into_iter()
                .filter(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_alphanumeric())),
        );
    }
    v.sort();
    v.dedup();
    v
}

/// Whether `tag` is one of `codes`, alone or followed by subtags of 1 to 8 ASCII
/// letters or digits after `-` or `_` (`pt-BR`, `zh_Hant`): what [`language_pattern`] says.
pub fn language_ok(tag: &str, codes: &[String]) -> bool {
    let mut parts = tag.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    codes.iter().any(|c| c == primary)
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The pattern of [`language_ok`], for the description.
pub fn language_pattern(codes: &[String]) -> String {
    format!("^(?:{})(?:[-_][A-Za-z0-9]{{1,8}})*$", codes.join("|"))
}

/// A `true` or `false` parameter.
pub fn flag(name: &str, v: &str) -> Result<bool, Problem> {
    match v {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(Problem::new(
            StatusCode::BAD_REQUEST,
            "options",
            format!("{name} takes true or false, not `{v}`"),
        )
        .valid(strings(&["true", "false"]))),
    }
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
        kind: Kind::Language,
        description: "Language of section titles, dates and labels: a code from the list, alone or with a region or script (pt-BR, zh_Hant). Default: the resume's meta.language, else guessed, else en.",
        values: languages,
    },
    Param {
        name: "redact",
        kind: Kind::List,
        description: "Remove personal details: contact, name (initials instead) or all.",
        values: |_| strings(job::REDACT),
    },
    Param {
        name: "photo",
        kind: Kind::Text,
        description: "Show the candidate's photo (basics.image as a data: URI; the server reads no files): auto, always or never. Default: the layout's.",
        values: |_| strings(job::PHOTO),
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
        description: "Count warnings (format mismatches) as errors: true or false. Default: false.",
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
    ("application/zip", Syntax::Zip),
];

/// The query's pairs, each checked against `params`.
pub fn pairs(uri: &Uri, params: &[Param]) -> Result<Vec<(String, String)>, Problem> {
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

/// Holds each value to what the description says of it (see `openapi`): one of the
/// listed values exactly (each item of a list), a language code, `true` or `false`, or
/// a whole number in digits. A value outside the list is refused here rather than
/// read as a near one (`PDF`, ` pdf`, `markdown` are the command line's, not the API's).
pub fn check(app: &App, params: &[Param], pairs: &[(String, String)]) -> Result<(), Problem> {
    for (name, v) in pairs {
        let Some(p) = params.iter().find(|p| p.name == name) else {
            continue;
        };
        let values = (p.values)(app);
        let refuse = |message: String, valid: Vec<String>| {
            Err(Problem::new(StatusCode::BAD_REQUEST, "options", message).valid(valid))
        };
        match p.kind {
            Kind::Text | Kind::List if !values.is_empty() => {
                let items: Vec<&str> = match p.kind {
                    Kind::List => v.split(',').collect(),
                    _ => vec![v.as_str()],
                };
                if let Some(bad) = items.iter().find(|i| !values.iter().any(|x| x == *i)) {
                    return refuse(format!("unknown {name} `{bad}`"), values);
                }
                // As the description's `not` says: one PDF/A level at most.
                let levels: Vec<&&str> = items.iter().filter(|i| i.starts_with("a-")).collect();
                if name == "pdf_standard" && levels.iter().any(|l| Some(l) != levels.first()) {
                    return refuse(
                        "a PDF claims one PDF/A level at most: choose one of a-2b, a-2u, a-2a"
                            .into(),
                        values,
                    );
                }
            }
            Kind::Text | Kind::List => {}
            Kind::Language if !language_ok(v, &values) => {
                return refuse(
                    format!(
                        "no words for lang `{v}`: a code from the list, alone or with a region (pt-BR)"
                    ),
                    values,
                );
            }
            Kind::Language => {}
            Kind::Flag => {
                flag(name, v)?;
            }
            Kind::Integer { min, max }
                if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) =>
            {
                return refuse(
                    format!("{name} takes a whole number from {min} to {max}, not `{v}`"),
                    Vec::new(),
                );
            }
            Kind::Integer { .. } => {}
        }
    }
    Ok(())
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
        "photo" => options.photo = Some(v.trim().to_string()),
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
pub fn syntax(headers: &HeaderMap) -> Result<Option<Syntax>, Problem> {
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
                format!(
                    "a resume is sent as JSON, YAML or TOML (or LinkedIn's data export as a ZIP), not `{essence}`"
                ),
            )
            .valid(MEDIA_TYPES.iter().map(|(m, _)| m.to_string()).collect())
        })
}

/// The body, refused when Content-Length or the bytes sent pass the limit,
/// or when it has not arrived by the request's deadline (counted from `started`).
pub async fn body(
    app: &App,
    headers: &HeaderMap,
    body: Body,
    started: std::time::Instant,
) -> Result<Bytes, Problem> {
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
    let left = app.config.timeout.saturating_sub(started.elapsed());
    let read = tokio::time::timeout(left, axum::body::to_bytes(body, limit))
        .await
        .map_err(|_| {
            Problem::new(
                StatusCode::REQUEST_TIMEOUT,
                "timeout",
                "the body did not arrive in time",
            )
        })?;
    let bytes = read.map_err(|e| {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_codes_alone_or_with_subtags() {
        let codes = strings(&["de", "pt", "zh"]);
        let pattern = language_pattern(&codes);
        assert_eq!(pattern, "^(?:de|pt|zh)(?:[-_][A-Za-z0-9]{1,8})*$");
        for ok in ["de", "pt-BR", "zh_Hant", "de-CH-1901"] {
            assert!(language_ok(ok, &codes), "{ok}");
        }
        for bad in [
            "",
            "xx",
            "DE",
            " de",
            "de-",
            "de--x",
            "de-abcdefghi",
            "pt-BR!",
        ] {
            assert!(!language_ok(bad, &codes), "{bad}");
        }
    }
}
