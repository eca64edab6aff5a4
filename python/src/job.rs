//! `_native.Job`: a checked request (the options resolved once, as the command line and the server do) and its renders.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use resume_export::job::{self, Options};
use resume_export::layout::Layout;
use resume_export::resume::{self, SourceError, Syntax};

use crate::errors::{self, Error, guarded};

/// One resume's files: (format, bytes) in format order, warnings, notes per file.
type Files = (Vec<(&'static str, Vec<u8>)>, Vec<String>, Vec<Vec<String>>);

/// What a render gives back to Python: ([(format, bytes)], warnings, notes per file).
type PyFiles = (
    Vec<(&'static str, Py<PyBytes>)>,
    Vec<String>,
    Vec<Vec<String>>,
);

/// A resolved request; immutable, shared by threads.
#[pyclass(frozen, module = "resume_export._native")]
pub struct Job {
    job: Arc<job::Job>,
    base_dir: Option<PathBuf>,
    parallel: bool,
}

#[pymethods]
impl Job {
    /// Checks every option with the engine's own option code (`job::Options::resolve`).
    #[new]
    #[pyo3(signature = (
        formats, layout, lang, redact, paper, max_pages, sections, tags, pdf_standard,
        timestamp, photo, max_highlights, width, shape, max_input_bytes, base_dir, parallel
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        formats: Vec<String>,
        layout: &str,
        lang: Option<String>,
        redact: Vec<String>,
        paper: Option<String>,
        max_pages: Option<u32>,
        sections: Option<Vec<String>>,
        tags: Vec<String>,
        pdf_standard: Vec<String>,
        timestamp: Option<i64>,
        photo: Option<String>,
        max_highlights: Option<usize>,
        width: Option<u16>,
        shape: Option<String>,
        max_input_bytes: Option<usize>,
        base_dir: Option<PathBuf>,
        parallel: bool,
    ) -> PyResult<Job> {
        let options = Options {
            formats,
            lang,
            redact,
            paper,
            max_pages,
            sections,
            tags,
            max_highlights,
            width,
            pdf_standard,
            from: shape,
            max_input_bytes,
            timestamp,
            photo,
            brand: None,
            reference: None,
        };
        let job = guarded(|| {
            let layout = Layout::builtin(layout).map_err(|e| Error::Options(e.to_string()))?;
            options.resolve(Arc::new(layout)).map_err(Error::Options)
        })?;
        Ok(Job {
            job: Arc::new(job),
            base_dir,
            parallel,
        })
    }

    /// The formats this job renders, in order.
    #[getter]
    fn formats(&self) -> Vec<&'static str> {
        self.job.backends.iter().map(|b| b.name()).collect()
    }

    /// Renders one resume (`syntax`: `json`, `yaml`, `toml`, `markdown`, or None to guess).
    #[pyo3(signature = (data, syntax=None))]
    fn render(&self, py: Python<'_>, data: Vec<u8>, syntax: Option<&str>) -> PyResult<PyFiles> {
        let syntax = syntax_named(syntax)?;
        let files = py.detach(|| guarded(|| self.run(&data, syntax)))?;
        Ok(to_py(py, files))
    }

    /// Renders many resumes on `threads` threads; one result per input, in
    /// input order: the files, or the exception (never raised here).
    #[pyo3(signature = (items, threads=1))]
    fn render_many(
        &self,
        py: Python<'_>,
        items: Vec<(Vec<u8>, Option<String>)>,
        threads: usize,
    ) -> PyResult<Vec<Py<PyAny>>> {
        let results = py.detach(|| self.run_many(&items, threads));
        results
            .into_iter()
            .map(|r| match r {
                Ok(files) => Ok(to_py(py, files).into_pyobject(py)?.into_any().unbind()),
                Err(e) => Ok(e.to_py(py).into_value(py).into_any()),
            })
            .collect()
    }
}

impl Job {
    /// Reads, builds and renders one resume (the server's path: one resume, bytes to bytes).
    fn run(&self, data: &[u8], syntax: Option<Syntax>) -> Result<Files, Error> {
        let (_, value) =
            one_resume(data, syntax, &self.job.limits).map_err(|e| errors::source(&e))?;
        let built = match &self.base_dir {
            Some(dir) => self.job.build_with(value, &|name| {
                resume_export::inputs::read_photo_in(dir, name)
            }),
            None => self.job.build(value),
        };
        let files = self
            .job
            .render(&built.document, self.parallel)
            .map_err(|f| errors::failure(&f))?;
        let mut warnings = built.warnings;
        warnings.extend(files.warnings);
        let out = files
            .files
            .into_iter()
            .map(|f| (f.backend.name(), f.bytes))
            .collect();
        Ok((out, warnings, files.notes))
    }

    /// [`Job::run`] over many inputs on scoped threads that take the next input as they finish.
    fn run_many(
        &self,
        items: &[(Vec<u8>, Option<String>)],
        threads: usize,
    ) -> Vec<Result<Files, Error>> {
        let one = |(data, syntax): &(Vec<u8>, Option<String>)| {
            guarded(|| {
                let syntax = syntax_named(syntax.as_deref())?;
                self.run(data, syntax)
            })
        };
        let threads = threads.clamp(1, items.len().max(1));
        if threads == 1 {
            return items.iter().map(one).collect();
        }
        let next = AtomicUsize::new(0);
        let mut done: Vec<(usize, Result<Files, Error>)> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| {
                        let mut mine = Vec::new();
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(item) = items.get(i) else { break };
                            mine.push((i, one(item)));
                        }
                        mine
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| {
                    w.join().unwrap_or_else(|_| {
                        // A worker's panics are caught per item; this is unreachable
                        // in practice, and its items are reported below.
                        Vec::new()
                    })
                })
                .collect()
        });
        done.sort_by_key(|(i, _)| *i);
        let mut out = Vec::with_capacity(items.len());
        let mut done = done.into_iter().peekable();
        for i in 0..items.len() {
            match done.next_if(|(j, _)| *j == i) {
                Some((_, r)) => out.push(r),
                None => out.push(Err(Error::Internal(
                    "internal error (a bug; please report it): a worker thread stopped".into(),
                ))),
            }
        }
        out
    }
}

/// The syntax a name gives; None guesses from the text.
pub fn syntax_named(name: Option<&str>) -> Result<Option<Syntax>, Error> {
    match name {
        None => Ok(None),
        Some(n) => match n.trim().to_ascii_lowercase().as_str() {
            "json" => Ok(Some(Syntax::Json)),
            "yaml" | "yml" => Ok(Some(Syntax::Yaml)),
            "toml" => Ok(Some(Syntax::Toml)),
            "markdown" | "md" => Ok(Some(Syntax::Markdown)),
            other => Err(Error::Options(format!(
                "unknown syntax `{other}`; expected json, yaml, toml or markdown"
            ))),
        },
    }
}

/// The bytes parsed as one resume: one object (a JSON list is several
/// resumes to the command line; here, as to the server, it is an error).
pub fn one_resume(
    bytes: &[u8],
    syntax: Option<Syntax>,
    limits: &resume::Limits,
) -> Result<(String, serde_json::Value), SourceError> {
    let (text, value) = resume::syntax::parse(bytes, syntax, limits)?;
    if value.is_array() {
        let line_text = text.lines().next().unwrap_or("").to_string();
        return Err(SourceError::NotResume(resume::SyntaxError {
            syntax: "JSON",
            message: "the top level is a list; give one resume (an object), or use render_many"
                .into(),
            line: 1,
            column: 1,
            line_text,
        }));
    }
    Ok((text, value))
}

fn to_py(py: Python<'_>, (files, warnings, notes): Files) -> PyFiles {
    let files = files
        .into_iter()
        .map(|(name, bytes)| (name, PyBytes::new(py, &bytes).unbind()))
        .collect();
    (files, warnings, notes)
}
