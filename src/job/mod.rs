//! One conversion request, whichever face it comes from: the command line and the server build the same [`Job`].
//!
//! A face collects the options as text ([`Options`]: flags, or query
//! parameters), picks the layout it allows (a folder for the command line, a
//! name for the server) and calls [`Options::resolve`]; every check of the
//! options happens there, once. [`Job::read`] and [`Job::render`] then run the
//! same code from bytes to bytes for both; [`Job::bundle`] makes a
//! shortlist of many ([`bundle`]).

pub mod bundle;
mod bundle_letters;
pub mod files;
pub mod letter;

use std::sync::Arc;

use crate::backend::{self, BACKENDS, Backend, PdfStandards, RenderOptions};
use crate::brand::Brand;
use crate::document::{self, BuildOptions, Document, Labels, Redact};
use crate::layout::{Layout, Paper, PhotoShow};
use crate::photo;
use crate::resume::{self, Parsed, ReadOptions, SourceError, Syntax};

/// What `redact` takes.
pub const REDACT: &[&str] = &["contact", "name", "all"];
/// What `photo` takes.
pub const PHOTO: &[&str] = &["auto", "always", "never"];
/// What `paper` takes.
pub const PAPERS: &[&str] = &["a4", "letter"];
/// What `pdf-standard` takes.
pub const PDF_STANDARDS: &[&str] = &["ua-1", "a-2b", "a-2u", "a-2a", "none"];
/// The narrowest and widest text output, in columns.
pub const WIDTHS: std::ops::RangeInclusive<u16> = 20..=1000;

/// The options of a conversion, as text, before any check.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Format names (`pdf`, `md`, `all`, …); empty means PDF.
    pub formats: Vec<String>,
    /// Words of this language instead of the resume's own.
    pub lang: Option<String>,
    /// `contact`, `name`, `all`.
    pub redact: Vec<String>,
    /// `a4` or `letter`; `None`: the layout's.
    pub paper: Option<String>,
    pub max_pages: Option<u32>,
    /// Sections to show, in order.
    pub sections: Option<Vec<String>>,
    pub tags: Vec<String>,
    pub max_highlights: Option<usize>,
    /// Columns of text output; `None`: 80.
    pub width: Option<u16>,
    /// `ua-1`, `a-2b`, … ; empty: the default claims.
    pub pdf_standard: Vec<String>,
    /// The shape of the input (`fresh`, `rendercv`, …); `None`: recognised.
    pub from: Option<String>,
    /// Largest input, in bytes; `None`: [`resume::Limits::default`].
    pub max_input_bytes: Option<usize>,
    /// Creation time for file metadata (`SOURCE_DATE_EPOCH`).
    pub timestamp: Option<i64>,
    /// `auto`, `always`, `never`; `None`: the layout's.
    pub photo: Option<String>,
    /// An agency's letterhead, loaded by the face (`--brand`).
    pub brand: Option<Arc<Brand>>,
    /// The reference for the letterhead's `{ref}`; `None`: `meta.ref`. In a
    /// bundle the shortlist's: the cover's, and a candidate's without `meta.ref`.
    pub reference: Option<String>,
}

/// A checked request: what to read, build and render.
#[derive(Clone)]
pub struct Job {
    pub backends: Vec<&'static dyn Backend>,
    pub layout: Arc<Layout>,
    pub read: ReadOptions,
    /// Build options; the words are chosen per resume from `lang` or the resume itself.
    pub build: BuildOptions,
    pub render: RenderOptions,
    /// The language of every resume's labels, when given.
    pub lang: Option<String>,
    pub limits: resume::Limits,
    /// Whether the photo shows, over the layout's `[photo]`.
    pub photo: Option<PhotoShow>,
    pub brand: Option<Arc<Brand>>,
    pub reference: Option<String>,
}

/// Which reference a letterhead's `{ref}` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reference {
    /// `--ref`, else the resume's `meta.ref` (one resume, one file).
    Given,
    /// The resume's `meta.ref`, else `--ref` (a candidate in a bundle,
    /// whose `--ref` is the shortlist's).
    Own,
}

/// A letterhead with the reference it was filled with.
struct Filled {
    letterhead: document::Letterhead,
    reference: String,
}

/// A resume read and built into its document.
pub struct Built {
    pub parsed: Parsed,
    pub document: Document,
    /// The build options with the resume's words.
    pub build: BuildOptions,
    /// The reader's warnings, then the builder's.
    pub warnings: Vec<String>,
}

/// One rendered file.
pub struct File {
    pub backend: &'static dyn Backend,
    pub bytes: Vec<u8>,
}

/// Every file of one resume, in format order.
pub struct Files {
    pub files: Vec<File>,
    /// Each prefixed with its format (`pdf: …`).
    pub warnings: Vec<String>,
    /// Advice per file, in the order of `files`.
    pub notes: Vec<Vec<String>>,
}

/// A format failed; nothing of the resume should be written.
#[derive(Debug)]
pub struct Failure {
    pub format: &'static str,
    pub error: backend::RenderError,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} output failed: {}", self.format, self.error)
    }
}

impl Options {
    /// Checks every option against `layout` and the built formats.
    pub fn resolve(&self, layout: Arc<Layout>) -> Result<Job, String> {
        let layout = match self.brand.as_ref().and_then(|b| b.file.accent) {
            Some(accent) => Arc::new(layout.with_accent(accent)),
            None => layout,
        };
        let backends = formats(&self.formats)?;
        if let Some(lang) = &self.lang
            && layout.labels(lang).is_none()
        {
            let mut known: Vec<String> = Labels::builtin_codes()
                .iter()
                .map(|c| c.to_string())
                .collect();
            known.extend(layout.extra_languages());
            return Err(format!(
                "no words for language `{lang}`; available: {} (or add i18n/{}.toml to a layout folder)",
                known.join(", "),
                Labels::primary(lang)
            ));
        }
        let mut redact = Redact::default();
        for r in &self.redact {
            match r.trim().to_ascii_lowercase().as_str() {
                "contact" => redact.contact = true,
                "name" => redact.name = true,
                "all" => (redact.contact, redact.name) = (true, true),
                "" => {}
                other => return Err(one_of("redact", other, REDACT)),
            }
        }
        let paper = match self.paper.as_deref().map(|p| p.trim().to_ascii_lowercase()) {
            None => None,
            Some(p) if p == "a4" => Some(Paper::A4),
            Some(p) if p == "letter" => Some(Paper::Letter),
            Some(other) => return Err(one_of("paper", &other, PAPERS)),
        };
        if self.max_pages == Some(0) {
            return Err("max-pages must be at least 1".into());
        }
        let width = self.width.unwrap_or(80);
        if !WIDTHS.contains(&width) {
            return Err(format!(
                "width must be between {} and {} columns, not {width}",
                WIDTHS.start(),
                WIDTHS.end()
            ));
        }
        let pdf_standards = if self.pdf_standard.is_empty() {
            PdfStandards::default()
        } else {
            PdfStandards::parse(&self.pdf_standard)?
        };
        let photo = match self.photo.as_deref().map(|p| p.trim().to_ascii_lowercase()) {
            None => None,
            Some(p) if p == "auto" => Some(PhotoShow::Auto),
            Some(p) if p == "always" => Some(PhotoShow::Always),
            Some(p) if p == "never" => Some(PhotoShow::Never),
            Some(other) => return Err(one_of("photo", &other, PHOTO)),
        };
        let from = match self.from.as_deref() {
            None => None,
            Some(name) => Some(
                resume::reader::by_name(name)
                    .ok_or_else(|| one_of("from", name, &resume::reader::names()))?,
            ),
        };
        let build = BuildOptions {
            sections: self.sections.clone(),
            tags: self.tags.clone(),
            max_highlights: self.max_highlights,
            redact,
            ..layout.build_options()
        };
        let limits = resume::Limits {
            max_input_bytes: self
                .max_input_bytes
                .unwrap_or(resume::Limits::default().max_input_bytes),
            ..resume::Limits::default()
        };
        Ok(Job {
            backends,
            read: ReadOptions {
                lang: self.lang.clone(),
                from,
            },
            build,
            render: RenderOptions {
                width: usize::from(width),
                paper,
                timestamp: self.timestamp,
                fonts: Vec::new(),
                max_pages: self.max_pages,
                parallel: false,
                pdf_standards,
            },
            lang: self.lang.clone(),
            limits,
            photo,
            brand: self.brand.clone(),
            reference: self.reference.clone(),
            layout,
        })
    }
}

/// "unknown paper `b5`; expected a4 or letter".
fn one_of(what: &str, value: &str, known: &[&str]) -> String {
    format!("unknown {what} `{value}`; expected {}", list(known))
}

/// "a, b or c".
pub fn list(items: &[&str]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// The backends named, in order, without repeats; none named means PDF.
pub fn formats(names: &[String]) -> Result<Vec<&'static dyn Backend>, String> {
    let available = BACKENDS
        .iter()
        .map(|b| b.name())
        .collect::<Vec<_>>()
        .join(", ");
    let mut out: Vec<&'static dyn Backend> = Vec::new();
    for name in names {
        let name = name.trim().to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        let found: Vec<&'static dyn Backend> = if name == "all" {
            BACKENDS.to_vec()
        } else if let Some(b) = backend::find(&name) {
            vec![b]
        } else if backend::PLANNED.contains(&name.as_str()) {
            return Err(format!(
                "{} output is not supported yet; available formats: {available} (or all)",
                name.to_uppercase()
            ));
        } else {
            return Err(format!(
                "unknown format `{name}`; available formats: {available} (or all)"
            ));
        };
        for b in found {
            if !out.iter().any(|x| x.name() == b.name()) {
                out.push(b);
            }
        }
    }
    if out.is_empty() {
        if !names.is_empty() {
            return Err("no output format given".into());
        }
        out.extend(backend::find("pdf"));
    }
    Ok(out)
}

impl Job {
    /// Parses `bytes` (in `syntax`, or guessed) and builds the document.
    pub fn read(&self, bytes: &[u8], syntax: Option<Syntax>) -> Result<Built, SourceError> {
        let (_, value) = resume::syntax::parse(bytes, syntax, &self.limits)?;
        Ok(self.build(value))
    }

    /// Builds the document of a parsed value; a photo can come only from a
    /// `data:` URI (no file is read).
    pub fn build(&self, value: serde_json::Value) -> Built {
        self.build_with(value, &|_| {
            Err(
                "it is a file path, and files are not read here; send the photo as a data: URI"
                    .into(),
            )
        })
    }

    /// Builds the document of a parsed value; `read` reads a photo the resume names by path.
    pub fn build_with(&self, value: serde_json::Value, read: photo::ReadFile<'_>) -> Built {
        self.build_as(value, read, Reference::Given)
    }

    /// Builds one candidate of a bundle: as [`Job::build_with`], but the
    /// letterhead's `{ref}` is the resume's own `meta.ref`, and `--ref` (the
    /// bundle's reference) only when it has none.
    pub fn build_candidate(&self, value: serde_json::Value, read: photo::ReadFile<'_>) -> Built {
        self.build_as(value, read, Reference::Own)
    }

    fn build_as(
        &self,
        value: serde_json::Value,
        read: photo::ReadFile<'_>,
        rule: Reference,
    ) -> Built {
        let parsed = resume::read_value(value, &self.read);
        let mut warnings: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
        let (labels, unknown) =
            crate::words_for(&self.layout, &parsed.resume, self.lang.as_deref());
        warnings.extend(unknown);
        let build = BuildOptions {
            labels,
            ..self.build.clone()
        };
        let mut document = document::build(&parsed.resume, &build);
        let (picture, warning) = photo::load(
            parsed.resume.basics.image.as_deref(),
            &self.layout.definition().photo,
            self.photo,
            build.redact.name,
            &document.meta.language,
            read,
        );
        document.header.photo = picture;
        warnings.extend(warning);
        if let Some(brand) = &self.brand {
            let letterhead = self.letterhead(brand, &document, &parsed.raw, rule);
            if letterhead.reference.is_empty() && brand.uses_reference() {
                warnings.push(match rule {
                    Reference::Given => {
                        "the brand's {ref} is empty: give --ref or meta.ref in the resume".into()
                    }
                    Reference::Own => {
                        "the brand's {ref} is empty: give meta.ref in the resume or --ref".into()
                    }
                });
            }
            document.letterhead = Some(letterhead.letterhead);
        }
        if document.is_empty() {
            warnings.push("the resume has no content; the output will be empty".into());
        }
        Built {
            parsed,
            document,
            build,
            warnings,
        }
    }

    /// The brand's letterhead for one document: the name as shown (after
    /// redaction), the reference by `rule` from `--ref` and `meta.ref`, the
    /// date the files show.
    fn letterhead(
        &self,
        brand: &Brand,
        document: &Document,
        raw: &serde_json::Value,
        rule: Reference,
    ) -> Filled {
        let own = match raw.pointer("/meta/ref") {
            Some(serde_json::Value::String(s)) => s.trim().to_string(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        let given = self.reference.clone();
        let reference = match rule {
            Reference::Given => given.unwrap_or(own),
            Reference::Own if own.is_empty() => given.unwrap_or_default(),
            Reference::Own => own,
        };
        let date = shown_date(self.render.timestamp);
        Filled {
            letterhead: brand.letterhead(
                document.header.name.as_deref().unwrap_or_default(),
                &reference,
                &date,
            ),
            reference,
        }
    }

    /// Renders every format; the first failure, in format order, stops it.
    /// With `parallel`, the formats render side by side (results are taken in
    /// format order, so bytes, warnings and errors do not depend on it).
    pub fn render(&self, document: &Document, parallel: bool) -> Result<Files, Failure> {
        let one = |b: &&'static dyn Backend| (*b, b.render(document, &self.layout, &self.render));
        let results: Vec<_> = if parallel && self.backends.len() > 1 {
            use rayon::prelude::*;
            self.backends.par_iter().map(one).collect()
        } else {
            self.backends.iter().map(one).collect()
        };
        let mut out = Files {
            files: Vec::with_capacity(results.len()),
            warnings: Vec::new(),
            notes: Vec::new(),
        };
        for (backend, result) in results {
            let r = result.map_err(|error| Failure {
                format: backend.name(),
                error,
            })?;
            out.warnings.extend(
                r.warnings
                    .iter()
                    .map(|w| format!("{}: {w}", backend.name())),
            );
            out.notes.push(r.notes);
            out.files.push(File {
                backend,
                bytes: r.bytes,
            });
        }
        Ok(out)
    }
}

impl Job {
    /// Renders a handlebars template (`--template`) over a built resume. The
    /// raw resume it may show is hidden when the resume is redacted (it would
    /// carry what redaction removed), and has no photo when the photo was left out.
    pub fn render_template(
        &self,
        template: &backend::custom::Custom,
        built: &Built,
    ) -> Result<Vec<u8>, backend::RenderError> {
        let (doc, build) = (&built.document, &built.build);
        let without_photo;
        let raw = if build.redact.contact || build.redact.name {
            &serde_json::Value::Null
        } else if doc.header.photo.is_none() && has_photo(&built.parsed.raw) {
            without_photo = drop_photo(&built.parsed.raw);
            &without_photo
        } else {
            &built.parsed.raw
        };
        template.render(doc, raw, &build.labels, &self.layout, &self.render)
    }
}

/// Whether the raw resume names a photo (`basics.image` or `basics.picture`).
fn has_photo(raw: &serde_json::Value) -> bool {
    raw.get("basics")
        .and_then(serde_json::Value::as_object)
        .is_some_and(|b| b.contains_key("image") || b.contains_key("picture"))
}

/// The raw resume without `basics.image` and `basics.picture`.
fn drop_photo(raw: &serde_json::Value) -> serde_json::Value {
    let mut raw = raw.clone();
    if let Some(basics) = raw
        .get_mut("basics")
        .and_then(serde_json::Value::as_object_mut)
    {
        basics.shift_remove("image");
        basics.shift_remove("picture");
    }
    raw
}

/// The creation time `SOURCE_DATE_EPOCH`'s text gives (each face reads the
/// variable itself): none when unset or blank, else whole seconds.
pub fn source_date_epoch(text: Option<&str>) -> Result<Option<i64>, String> {
    match text.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => v
            .parse::<i64>()
            .map(Some)
            .map_err(|_| format!("SOURCE_DATE_EPOCH must be a whole number of seconds, not `{v}`")),
    }
}

/// The date a letterhead's `{date}` and a bundle's cover show, as
/// YYYY-MM-DD: `SOURCE_DATE_EPOCH`'s when it is set, or today's. (File
/// metadata takes a fixed date without `SOURCE_DATE_EPOCH`; a recruiter's
/// cover must not say 2000-01-01.)
pub fn shown_date(timestamp: Option<i64>) -> String {
    let now = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()
            .and_then(|d| i64::try_from(d.as_secs()).ok())
    };
    let t = timestamp
        .or_else(now)
        .unwrap_or(backend::FALLBACK_TIMESTAMP);
    let date = backend::w3cdtf(t);
    date.get(..10).unwrap_or(&date).to_string()
}

#[cfg(test)]
mod shown_date_tests {
    #[test]
    fn the_shown_date_is_source_date_epochs_or_todays() {
        assert_eq!(super::shown_date(Some(1_764_633_600)), "2025-12-02");
        let today = super::shown_date(None);
        assert_eq!(today.len(), 10);
        assert_ne!(today, "2000-01-01");
    }
}
