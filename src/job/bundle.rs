//! A shortlist for a client (`--bundle`): every resume read and built in input order, each with its cover letter when one is among the inputs, then rendered behind a cover page in one PDF or DOCX.

use std::path::Path;

use super::Job;
use super::bundle_letters as letters;
use crate::backend::{self, Cover, RenderError, Rendered};
use crate::document::{Document, Labels, Metadata};
use crate::inputs::Unit;
use crate::resume::{self, SourceError};

/// What a bundle is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Docx,
}

impl Format {
    /// The format a bundle's file name asks for, by its extension (any case).
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Some(Format::Pdf),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }
}

/// Why no bundle was made; nothing should be written. A resume that stops
/// the bundle comes with the warnings of those before it (`earlier`, in
/// input order), so they can be shown with the error.
#[derive(Debug)]
pub enum Error {
    /// No resume was given.
    Empty,
    /// Resume `index` (in input order) could not be read; the message names it.
    Read {
        index: usize,
        message: String,
        earlier: Vec<Vec<String>>,
    },
    /// Resume `index` is not valid JSON, YAML or TOML.
    Source {
        index: usize,
        error: SourceError,
        earlier: Vec<Vec<String>>,
    },
    /// A letter among the inputs cannot be read, names no resume of the
    /// bundle, or a resume has two letters; the message names the letter.
    Letter { message: String },
    /// The backend failed.
    Render(RenderError),
}

/// A bundle's bytes, and the warnings of each resume (in input order) and of the file.
pub struct Bundle {
    pub bytes: Vec<u8>,
    /// The warnings of each unit, in input order (a letter's under its own unit).
    pub candidates: Vec<Vec<String>>,
    pub warnings: Vec<String>,
    /// Resumes in the bundle, and how many of them come with a letter.
    pub resumes: usize,
    pub letters: usize,
}

impl Job {
    /// Reads and builds every unit in input order (the first that cannot
    /// be read stops it, with the warnings of the units before it), then
    /// renders the bundle; `title` is the cover's (default: "Candidates" in
    /// the bundle's language, `--lang` or else the first candidate's, as
    /// are the table's column heads).
    pub fn bundle(
        &self,
        units: &[Unit],
        format: Format,
        title: Option<&str>,
    ) -> Result<Bundle, Error> {
        // Every unit read first, to pair the letters; a unit that cannot be
        // read fails the bundle in its turn, after the warnings before it.
        let sources: Vec<Result<Vec<u8>, String>> = units
            .iter()
            .map(|u| u.read(self.limits.max_input_bytes))
            .collect();
        let mut candidates: Vec<Vec<String>> = vec![Vec::new(); units.len()];
        let letters = letters::pair(self, units, &sources, &mut candidates)?;
        let mut documents = Vec::new();
        let mut letter_documents = Vec::new();
        for (index, unit) in units.iter().enumerate() {
            if letters.is_letter(index) {
                continue;
            }
            let bytes = match sources.get(index) {
                Some(Ok(bytes)) => bytes.as_slice(),
                Some(Err(message)) => {
                    candidates.truncate(index);
                    return Err(Error::Read {
                        index,
                        message: message.clone(),
                        earlier: candidates,
                    });
                }
                None => &[],
            };
            let value = match resume::syntax::parse(bytes, unit.syntax(), &self.limits) {
                Ok((_, value)) => value,
                Err(error) => {
                    candidates.truncate(index);
                    return Err(Error::Source {
                        index,
                        error,
                        earlier: candidates,
                    });
                }
            };
            let read = |name: &str| unit.read_photo(name);
            let letter = letters.of(index).map(|(at, l)| {
                // The signature's picture is beside the letter.
                let beside = |name: &str| match units.get(at) {
                    Some(u) => u.read_photo(name),
                    None => Err("cannot be read".to_string()),
                };
                let mut built = self
                    .build_letter(l, value.clone(), &read, &beside)
                    .letter
                    .document;
                built.letterhead = None;
                built
            });
            let built = self.build_candidate(value, &read);
            let letter = letter.map(|mut l| {
                // The candidate's own letterhead (their `meta.ref`), as on their resume.
                l.letterhead = built.document.letterhead.clone();
                l
            });
            documents.push(built.document);
            letter_documents.push(letter);
            if let Some(w) = candidates.get_mut(index) {
                w.extend(built.warnings);
            }
        }
        if documents.is_empty() {
            return Err(Error::Empty);
        }
        let rendered = self
            .render_bundle_with(&documents, &letter_documents, format, title)
            .map_err(Error::Render)?;
        Ok(Bundle {
            bytes: rendered.bytes,
            candidates,
            warnings: rendered.warnings,
            resumes: documents.len(),
            letters: letter_documents.iter().flatten().count(),
        })
    }

    /// The cover (title, date, the letterhead filled with the title and
    /// `--ref`) and `documents` (built by [`Job::build_candidate`]) in one file.
    pub fn render_bundle(
        &self,
        documents: &[Document],
        format: Format,
        title: Option<&str>,
    ) -> Result<Rendered, RenderError> {
        self.render_bundle_with(documents, &[], format, title)
    }

    /// [`Job::render_bundle`], each candidate's letter (`letters[i]`, a
    /// document built by [`Job::build_letter`]) before their resume.
    pub fn render_bundle_with(
        &self,
        documents: &[Document],
        letters: &[Option<Document>],
        format: Format,
        title: Option<&str>,
    ) -> Result<Rendered, RenderError> {
        // The bundle's language: --lang, else the first candidate's.
        let language = self
            .lang
            .clone()
            .or_else(|| documents.first().map(|d| d.meta.language.clone()))
            .unwrap_or_else(|| "en".to_string());
        let labels = self
            .layout
            .labels(&language)
            .unwrap_or_else(Labels::english);
        let title = title.unwrap_or(&labels.candidates);
        let date = super::shown_date(self.render.timestamp);
        let mut warnings = Vec::new();
        if self.reference.is_none() && self.brand.as_ref().is_some_and(|b| b.uses_reference()) {
            warnings.push(
                "the cover's {ref} is empty: give --ref (the shortlist's reference)".to_string(),
            );
        }
        let letterhead = self
            .brand
            .as_ref()
            .map(|b| b.letterhead(title, self.reference.as_deref().unwrap_or_default(), &date));
        let meta = Metadata {
            title: title.to_string(),
            author: letterhead
                .as_ref()
                .map(|l| l.name.clone())
                .filter(|n| !n.is_empty()),
            subject: None,
            keywords: documents
                .iter()
                .filter_map(|d| d.header.name.clone())
                .collect(),
            language,
        };
        let cover = Cover {
            title,
            date: &date,
            letterhead: letterhead.as_ref(),
            heads: [&labels.candidate, &labels.headline, &labels.page],
            meta: &meta,
            letters,
        };
        let mut options = self.render.clone();
        options.parallel = true;
        let render = match format {
            Format::Pdf => backend::pdf_bundle,
            Format::Docx => backend::docx_bundle,
        };
        let mut rendered = render(documents, &cover, &self.layout, &options)?;
        warnings.append(&mut rendered.warnings);
        rendered.warnings = warnings;
        Ok(rendered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_is_the_extension_in_any_case() {
        assert_eq!(Format::of(Path::new("a/b.PDF")), Some(Format::Pdf));
        assert_eq!(Format::of(Path::new("b.docx")), Some(Format::Docx));
        assert_eq!(Format::of(Path::new("b.html")), None);
        assert_eq!(Format::of(Path::new("pdf")), None);
    }

    #[test]
    fn no_resume_is_an_error_and_a_bundle_needs_no_files() {
        let layout = std::sync::Arc::new(crate::layout::Layout::builtin("classic").unwrap());
        let job = crate::job::Options::default().resolve(layout).unwrap();
        assert!(matches!(
            job.bundle(&[], Format::Pdf, None),
            Err(Error::Empty)
        ));
        // From documents built in memory, as a library caller would.
        let bytes = include_bytes!("../../samples/alex-rn.json");
        let (_, value) = resume::syntax::parse(bytes, None, &resume::Limits::default()).unwrap();
        let built = job.build_candidate(value, &|_| Err("no files".into()));
        let pdf = job
            .render_bundle(&[built.document], Format::Pdf, Some("Shortlist"))
            .unwrap();
        assert!(pdf.bytes.starts_with(b"%PDF-"));
    }
}
