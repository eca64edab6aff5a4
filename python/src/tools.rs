//! The module's functions besides rendering: `formats`, `layouts`, `validate`, `convert`, `check`.

use pyo3::prelude::*;
use resume_export::backend::BACKENDS;
use resume_export::layout::Layout;
use resume_export::resume::{self, ReadOptions, reader};
use resume_export::validate::{self as schema, Severity};

use crate::errors::{self, Error, guarded};
use crate::job::syntax_named as syntax;

/// One schema problem: (severity, pointer, line, column, message).
type Problem = (&'static str, String, Option<usize>, Option<usize>, String);

/// The output formats, in the order `format="all"` renders them.
#[pyfunction]
pub fn formats() -> Vec<&'static str> {
    BACKENDS.iter().map(|b| b.name()).collect()
}

/// The built-in layouts: (name, description).
#[pyfunction]
pub fn layouts(py: Python<'_>) -> PyResult<Vec<(&'static str, String)>> {
    Ok(py.detach(|| guarded(|| Ok(Layout::builtins())))?)
}

/// The reader `shape` names, or an options error.
fn reader_named(shape: Option<&str>) -> Result<Option<&'static dyn reader::Reader>, Error> {
    match shape {
        None => Ok(None),
        Some(n) => reader::by_name(n).map(Some).ok_or_else(|| {
            Error::Options(format!(
                "unknown shape `{n}`; known: {}",
                reader::names().join(", ")
            ))
        }),
    }
}

/// Checks a resume against the schema (as `resume-export validate`):
/// (reader, notes, problems).
#[pyfunction]
#[pyo3(signature = (data, syntax_name=None, shape=None))]
pub fn validate(
    py: Python<'_>,
    data: Vec<u8>,
    syntax_name: Option<&str>,
    shape: Option<&str>,
) -> PyResult<(&'static str, Vec<String>, Vec<Problem>)> {
    let syntax = syntax(syntax_name)?;
    let from = reader_named(shape)?;
    let result = py.detach(|| {
        guarded(|| {
            let report = schema::check(&data, syntax, from, &resume::Limits::default())
                .map_err(|e| errors::source(&e))?;
            let problems = report
                .problems
                .into_iter()
                .map(|p| {
                    let severity = match p.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                    };
                    let (line, column) = p.position.unzip();
                    (severity, p.pointer, line, column, p.message)
                })
                .collect();
            Ok((report.reader, report.notes, problems))
        })
    })?;
    Ok(result)
}

/// Reads any resume and writes it back as JSON Resume (as `resume-export
/// convert`): (pretty JSON text, reader, warnings).
#[pyfunction]
#[pyo3(signature = (data, syntax_name=None, shape=None))]
pub fn convert(
    py: Python<'_>,
    data: Vec<u8>,
    syntax_name: Option<&str>,
    shape: Option<&str>,
) -> PyResult<(String, &'static str, Vec<String>)> {
    let syntax = syntax(syntax_name)?;
    let from = reader_named(shape)?;
    let result = py.detach(|| {
        guarded(|| {
            let (_, value) = resume::syntax::parse(&data, syntax, &resume::Limits::default())
                .map_err(|e| errors::source(&e))?;
            let parsed = resume::read_value(value, &ReadOptions { lang: None, from });
            let mut warnings: Vec<String> =
                parsed.warnings.iter().map(ToString::to_string).collect();
            let json = resume::to_json_resume(&parsed.resume);
            let mut text = serde_json::to_string_pretty(&json)
                .map_err(|e| Error::Internal(format!("cannot write JSON: {e}")))?;
            text.push('\n');
            for p in schema::validate(&text, &json).unwrap_or_default() {
                let level = if p.severity == Severity::Error {
                    "the output will not pass validate"
                } else {
                    "validate will warn"
                };
                warnings.push(format!("{}: {level}: {}", p.pointer, p.message));
            }
            Ok((text, parsed.reader, warnings))
        })
    })?;
    Ok(result)
}

/// Audits a PDF or DOCX resume as an applicant-tracking system reads it (as
/// `resume-export check --json`): the report as JSON text. `against`: the
/// resume's source, whose facts the file should show.
#[pyfunction]
#[pyo3(signature = (data, name, against=None))]
pub fn check(
    py: Python<'_>,
    data: Vec<u8>,
    name: String,
    against: Option<Vec<u8>>,
) -> PyResult<String> {
    let result = py.detach(|| {
        guarded(|| {
            let facts = match &against {
                None => None,
                Some(source) => {
                    let layout =
                        Layout::builtin("classic").map_err(|e| Error::Internal(e.to_string()))?;
                    // As `check --against`: read and built with the layout's defaults.
                    let (_, document) =
                        resume_export::load(source, &layout).map_err(|e| errors::source(&e))?;
                    Some(resume_export::check::facts(&document))
                }
            };
            let report =
                resume_export::check::check(&name, &data, facts.as_deref()).map_err(|message| {
                    Error::Invalid {
                        message: format!("{name}: {message}"),
                        position: None,
                    }
                })?;
            serde_json::to_string(&report).map_err(|e| Error::Internal(e.to_string()))
        })
    })?;
    Ok(result)
}

/// Panics inside the guard every call uses, so the tests can see a panic
/// arrive as `InternalError` (never `PanicException`).
#[pyfunction]
pub fn _panic_for_tests(py: Python<'_>) -> PyResult<()> {
    let result: Result<(), Error> = py.detach(|| guarded(|| panic!("a test asked for a panic")));
    Ok(result?)
}

/// `SOURCE_DATE_EPOCH`'s text as seconds (None when unset or blank), checked
/// as the command line checks it.
#[pyfunction]
#[pyo3(signature = (text=None))]
pub fn source_date_epoch(text: Option<&str>) -> PyResult<Option<i64>> {
    Ok(resume_export::job::source_date_epoch(text).map_err(Error::Options)?)
}
