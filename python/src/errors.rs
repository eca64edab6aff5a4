//! The exceptions: one base, `ResumeExportError`, and a kind per way a call fails; a caught panic is an `InternalError`.

use std::panic::{AssertUnwindSafe, catch_unwind};

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use resume_export::backend::RenderError;
use resume_export::job::Failure;
use resume_export::resume::SourceError;

create_exception!(
    resume_export,
    ResumeExportError,
    PyException,
    "Base of every error resume_export raises."
);
create_exception!(
    resume_export,
    OptionsError,
    ResumeExportError,
    "An option is not valid (an unknown format, layout, paper, language…)."
);
create_exception!(
    resume_export,
    InvalidResumeError,
    ResumeExportError,
    "The resume cannot be read; `line` and `column` say where, when known."
);
create_exception!(
    resume_export,
    InvalidLetterError,
    InvalidResumeError,
    "The cover letter cannot be read; `line` (and `column`, for a syntax error) say where, when known."
);
create_exception!(
    resume_export,
    DoesNotFitError,
    ResumeExportError,
    "The resume does not fit in `max_pages` pages; the message says by how much."
);
create_exception!(
    resume_export,
    InternalError,
    ResumeExportError,
    "A bug in resume-export (a caught Rust panic); please report it with the input."
);

/// Why a call failed, before it becomes a Python exception (built without the GIL).
#[derive(Debug, Clone)]
pub enum Error {
    Options(String),
    Invalid {
        message: String,
        position: Option<(usize, usize)>,
    },
    /// A cover letter that cannot be read.
    Letter {
        message: String,
        line: Option<usize>,
        column: Option<usize>,
    },
    DoesNotFit(String),
    /// A render that failed for another reason (a template, a package).
    Render(String),
    Internal(String),
}

impl Error {
    /// The exception, with `line` and `column` set (None when unknown).
    pub fn to_py(&self, py: Python<'_>) -> PyErr {
        let (err, (line, column)) = match self {
            Error::Options(m) => (OptionsError::new_err(m.clone()), (None, None)),
            Error::Invalid { message, position } => (
                InvalidResumeError::new_err(message.clone()),
                position.unzip(),
            ),
            Error::Letter {
                message,
                line,
                column,
            } => (
                InvalidLetterError::new_err(message.clone()),
                (*line, *column),
            ),
            Error::DoesNotFit(m) => (DoesNotFitError::new_err(m.clone()), (None, None)),
            Error::Render(m) => (ResumeExportError::new_err(m.clone()), (None, None)),
            Error::Internal(m) => (InternalError::new_err(m.clone()), (None, None)),
        };
        let value = err.value(py);
        // Setting an attribute on a fresh exception instance cannot fail in practice;
        // if it did, the exception still says what went wrong.
        let _ = value.setattr("line", line);
        let _ = value.setattr("column", column);
        err
    }
}

impl From<Error> for PyErr {
    fn from(e: Error) -> PyErr {
        Python::attach(|py| e.to_py(py))
    }
}

/// A resume that cannot be read, with its position (as the server says it).
pub fn source(e: &SourceError) -> Error {
    match e {
        SourceError::Syntax(s) => Error::Invalid {
            message: format!(
                "invalid {} at line {}, column {}: {}",
                s.syntax, s.line, s.column, s.message
            ),
            position: Some((s.line, s.column)),
        },
        SourceError::NotResume(s) => Error::Invalid {
            message: format!(
                "not a resume at line {}, column {}: {}",
                s.line, s.column, s.message
            ),
            position: Some((s.line, s.column)),
        },
        SourceError::Encoding { .. } | SourceError::Limit(_) | SourceError::Archive(_) => {
            Error::Invalid {
                message: e.to_string(),
                position: None,
            }
        }
    }
}

/// A format that failed.
pub fn failure(f: &Failure) -> Error {
    match &f.error {
        RenderError::DoesNotFit(_) => Error::DoesNotFit(f.to_string()),
        _ => Error::Render(f.to_string()),
    }
}

/// Runs `work`, turning a panic into an [`Error::Internal`]: a panic never
/// reaches Python as `PanicException`.
pub fn guarded<T>(work: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    catch_unwind(AssertUnwindSafe(work)).unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        Err(Error::Internal(format!(
            "internal error (a bug; please report it): {what}"
        )))
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("ResumeExportError", py.get_type::<ResumeExportError>())?;
    m.add("OptionsError", py.get_type::<OptionsError>())?;
    m.add("InvalidResumeError", py.get_type::<InvalidResumeError>())?;
    m.add("InvalidLetterError", py.get_type::<InvalidLetterError>())?;
    m.add("DoesNotFitError", py.get_type::<DoesNotFitError>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    Ok(())
}
