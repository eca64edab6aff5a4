//! Checking a resume against the schema of what we accept: the official JSON Resume schema (vendored, draft-07) with our extensions ([`crate::schema`]).
//!
//! Each problem carries its JSON pointer and the line and column where the
//! offending value starts. `format` mismatches (an empty URL, an odd e-mail)
//! are warnings: real resumes are full of them and they do not stop a render.

use std::sync::OnceLock;

use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use crate::resume::source::locate;

/// The official schema, compiled into the binary.
pub use crate::schema::OFFICIAL as SCHEMA;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One schema problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// JSON pointer of the offending value (`/basics/email`; empty for the root).
    pub pointer: String,
    /// 1-based line and column of that value in the source, when found.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

fn validator() -> Result<&'static jsonschema::Validator, String> {
    static VALIDATOR: OnceLock<Result<jsonschema::Validator, String>> = OnceLock::new();
    VALIDATOR
        .get_or_init(|| {
            let schema = crate::schema::extended();
            jsonschema::draft7::options()
                .should_validate_formats(true)
                .build(&schema)
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Validates a parsed resume; `text` is the source it was parsed from (for positions).
pub fn validate(text: &str, value: &Value) -> Result<Vec<Problem>, String> {
    let validator = validator()?;
    let mut problems: Vec<Problem> = validator
        .iter_errors(value)
        .map(|e| {
            let pointer = e.instance_path().as_str().to_string();
            let severity = match e.kind() {
                ValidationErrorKind::Format { .. } => Severity::Warning,
                _ => Severity::Error,
            };
            Problem {
                severity,
                position: locate(text, &pointer),
                pointer,
                message: e.to_string(),
            }
        })
        .collect();
    problems.extend(unknown_sections(text, value));
    problems.sort_by(|a, b| a.position.cmp(&b.position).then(a.message.cmp(&b.message)));
    Ok(problems)
}

/// What [`check`] found in one resume.
pub struct Report {
    /// The reader that recognised it (`jsonresume`, `fresh`, …).
    pub reader: &'static str,
    /// What that reader left out, when it is another tool's shape.
    pub notes: Vec<String>,
    pub problems: Vec<Problem>,
}

/// Parses `bytes` and checks them against the schema; another tool's shape
/// (recognised, or named by `from`) is checked as the JSON Resume it converts
/// to. The command line's `validate` and the server's `/v1/validate` both
/// run this.
pub fn check(
    bytes: &[u8],
    syntax: Option<crate::resume::Syntax>,
    from: Option<&'static dyn crate::resume::reader::Reader>,
    limits: &crate::resume::Limits,
) -> Result<Report, crate::resume::SourceError> {
    let (text, value) = crate::resume::syntax::parse(bytes, syntax, limits)?;
    Ok(check_value(text, value, from))
}

/// [`check`] of a parsed value; `text` is its source, for positions.
pub fn check_value(
    text: String,
    value: Value,
    from: Option<&'static dyn crate::resume::reader::Reader>,
) -> Report {
    let reader = from.unwrap_or_else(|| crate::resume::reader::detect(&value));
    let mut notes = Vec::new();
    let (text, value) = if reader.name() == "jsonresume" {
        (text, value)
    } else {
        (String::new(), reader.map(value, &mut notes))
    };
    let problems = validate(&text, &value).unwrap_or_else(|e| {
        vec![Problem {
            severity: Severity::Error,
            pointer: String::new(),
            position: None,
            message: format!("the built-in schema does not compile (a bug): {e}"),
        }]
    });
    Report {
        reader: reader.name(),
        notes: notes.iter().map(ToString::to_string).collect(),
        problems,
    }
}

/// `meta.sections` and `meta.sectionTitles` may name sections of their own
/// (top-level lists outside JSON Resume); a name that is neither is a typo.
fn unknown_sections(text: &str, value: &Value) -> Vec<Problem> {
    let known = |name: &str| {
        let n = name.to_ascii_lowercase();
        crate::document::SECTION_IDS.contains(&n.as_str())
            || crate::schema::ALIASES.contains(&n.as_str())
            || value
                .get(name)
                .is_some_and(|v| v.is_array() || v.is_string())
    };
    let mut out = Vec::new();
    let mut report = |pointer: String, name: &str| {
        out.push(Problem {
            severity: Severity::Error,
            position: locate(text, &pointer),
            pointer,
            message: format!("\"{name}\" is neither a section nor a top-level list of this resume"),
        });
    };
    let meta = value.get("meta");
    if let Some(Value::Array(names)) = meta.and_then(|m| m.get("sections")) {
        for (i, n) in names.iter().enumerate() {
            if let Some(n) = n.as_str().filter(|n| !known(n)) {
                report(format!("/meta/sections/{i}"), n);
            }
        }
    }
    if let Some(Value::Object(titles)) = meta.and_then(|m| m.get("sectionTitles")) {
        for k in titles.keys().filter(|k| !known(k)) {
            report(
                format!(
                    "/meta/sectionTitles/{}",
                    k.replace('~', "~0").replace('/', "~1")
                ),
                k,
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Vec<Problem> {
        let v: Value = serde_json::from_str(text).unwrap();
        validate(text, &v).unwrap()
    }

    #[test]
    fn empty_resume_is_valid() {
        assert!(check("{}").is_empty());
    }

    #[test]
    fn type_errors_are_errors_with_positions() {
        let p = check("{\n  \"basics\": {\n    \"name\": 1\n  }\n}");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].severity, Severity::Error);
        assert_eq!(p[0].pointer, "/basics/name");
        assert_eq!(p[0].position, Some((3, 13)));
    }

    #[test]
    fn format_errors_are_warnings() {
        let p = check(r#"{"basics": {"email": "not-an-email"}}"#);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].severity, Severity::Warning);
    }
}
