//! `_native.Job`: a checked request (the options resolved once, as the command line and the server do) and its renders.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use resume_export::backend::custom::Custom;
use resume_export::job::{self, Options, files};
use resume_export::resume::{self, SourceError, Syntax};

use crate::errors::{self, Error, guarded};

/// One resume's files: (format, bytes) in format order (a template's
/// output last, named by its extension), warnings, notes per file.
pub type Files = (Vec<(String, Vec<u8>)>, Vec<String>, Vec<Vec<String>>);

/// What a render gives back to Python: ([(format, bytes)], warnings, notes per file).
pub type PyFiles = (Vec<(String, Py<PyBytes>)>, Vec<String>, Vec<Vec<String>>);

/// A resolved request; immutable, shared by threads.
#[pyclass(frozen, module = "resume_export._native")]
pub struct Job {
    pub(crate) job: Arc<job::Job>,
    /// `template`: one more output per resume (the command line's `--template`).
    pub(crate) template: Option<Arc<Custom>>,
    pub(crate) base_dir: Option<PathBuf>,
    pub(crate) parallel: bool,
}

#[pymethods]
impl Job {
    /// Checks every option with the engine's own option code (`job::Options::resolve`).
    #[new]
    #[pyo3(signature = (
        formats, layout, lang, redact, paper, max_pages, sections, tags, pdf_standard,
        timestamp, photo, max_highlights, width, shape, max_input_bytes, base_dir, parallel,
        brand=None, font_dir=None, template=None, reference=None
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
        brand: Option<PathBuf>,
        font_dir: Option<PathBuf>,
        template: Option<PathBuf>,
        reference: Option<String>,
    ) -> PyResult<Job> {
        let template_only = formats.is_empty() && template.is_some();
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
            reference,
        };
        let files = Named {
            layout,
            brand,
            font_dir,
            template,
        };
        let (job, template) = guarded(|| files.resolve(options, template_only))?;
        Ok(Job {
            job: Arc::new(job),
            template: template.map(Arc::new),
            base_dir,
            parallel,
        })
    }

    /// The formats this job renders, in order.
    #[getter]
    fn formats(&self) -> Vec<String> {
        let backends = self.job.backends.iter().map(|b| b.name().to_string());
        backends
            .chain(self.template.iter().map(|t| t.extension().to_string()))
            .collect()
    }

    /// Renders one resume (`syntax`: `json`, `yaml`, `toml`, `markdown`, or None to guess).
    #[pyo3(signature = (data, syntax=None))]
    fn render(&self, py: Python<'_>, data: Vec<u8>, syntax: Option<&str>) -> PyResult<PyFiles> {
        let syntax = syntax_named(syntax)?;
        let files = py.detach(|| guarded(|| self.run(&data, syntax)))?;
        Ok(to_py(py, files))
    }

    /// Renders a cover letter (`data`: Markdown with front matter, or its
    /// fields as JSON/YAML) with `resume` as its sender block: the letter
    /// alone, or with `application` the letter then the resume in one file.
    /// `name`: `letter.md` (Markdown), `letter.json`, or `letter` (by content).
    #[pyo3(signature = (data, resume=None, resume_syntax=None, application=false, name="letter"))]
    fn render_letter(
        &self,
        py: Python<'_>,
        data: Vec<u8>,
        resume: Option<Vec<u8>>,
        resume_syntax: Option<&str>,
        application: bool,
        name: &str,
    ) -> PyResult<PyFiles> {
        let syntax = syntax_named(resume_syntax)?;
        let files = py.detach(|| {
            guarded(|| {
                let resume = resume.as_deref().map(|r| (r, syntax));
                crate::letter::render(self, name, &data, resume, application)
            })
        })?;
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
        let mut built = self.job.build_with(value, &|name| self.read_photo(name));
        let files = self
            .job
            .render(&built.document, self.parallel)
            .map_err(|f| errors::failure(&f))?;
        let mut warnings = std::mem::take(&mut built.warnings);
        warnings.extend(files.warnings);
        let mut notes = files.notes;
        let mut out: Vec<(String, Vec<u8>)> = files
            .files
            .into_iter()
            .map(|f| (f.backend.name().to_string(), f.bytes))
            .collect();
        if let Some(t) = &self.template {
            let bytes = self
                .job
                .render_template(t, &built)
                .map_err(|e| Error::Render(format!("template output failed: {e}")))?;
            out.push((t.extension().to_string(), bytes));
            notes.push(Vec::new());
        }
        Ok((out, warnings, notes))
    }

    /// A photo the resume names by path: read from `base_dir` only, else refused.
    pub(crate) fn read_photo(&self, name: &str) -> Result<Vec<u8>, String> {
        match &self.base_dir {
            Some(dir) => resume_export::inputs::read_photo_in(dir, name),
            None => Err(
                "it is a file path, and no file is read without base_dir; give base_dir, or the photo as a data: URI"
                    .into(),
            ),
        }
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

/// The options that name files, read as the command line reads them
/// (`resume_export::job::files`); each message names the option and the path.
struct Named<'a> {
    layout: &'a str,
    brand: Option<PathBuf>,
    font_dir: Option<PathBuf>,
    template: Option<PathBuf>,
}

impl Named<'_> {
    fn resolve(
        self,
        mut options: Options,
        template_only: bool,
    ) -> Result<(job::Job, Option<Custom>), Error> {
        fn opt(what: &'static str) -> impl Fn(String) -> Error {
            move |e| Error::Options(format!("{what}: {e}"))
        }
        options.brand = match &self.brand {
            Some(path) => Some(Arc::new(files::brand(path).map_err(opt("brand"))?)),
            None => None,
        };
        let template = match &self.template {
            Some(path) => Some(files::template(path).map_err(opt("template"))?),
            None => None,
        };
        let layout = files::layout(self.layout).map_err(opt("layout"))?;
        let mut job = options.resolve(Arc::new(layout)).map_err(Error::Options)?;
        if template_only {
            job.backends.clear();
        }
        if let Some(t) = &template
            && let Some(b) = job.backends.iter().find(|b| b.extension() == t.extension())
        {
            return Err(Error::Options(format!(
                "template: it writes .{ext} files, and so does the {name} format: leave {name} \
                 out of format, or name the template for another extension (e.g. cv.htm.hbs)",
                ext = t.extension(),
                name = b.name()
            )));
        }
        // A broken layout template is an options error now, not a render's
        // later. One after the other: `compile_templates` would start the
        // engine's thread pool, and no thread starts unless `parallel` is asked.
        for b in &job.backends {
            if let Some(Err(e)) = job.layout.templates(*b) {
                return Err(Error::Options(format!("layout: {e}")));
            }
        }
        if let Some(dir) = &self.font_dir {
            job.render.fonts = files::font_dir(dir).map_err(opt("font_dir"))?;
        }
        Ok((job, template))
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
