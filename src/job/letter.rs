//! A cover letter through the same [`Job`]: the letter's document from the letter and its resume, and an application (the letter, then the resume) in one file.

use super::{Built, Failure, File, Files, Job};
use crate::backend;
use crate::document::{self, Document};
use crate::letter::Letter;
use crate::photo;

/// A letter built, with the resume it was built from.
pub struct LetterBuilt {
    /// The letter's document; its warnings are the resume's, then the letter's.
    pub letter: Built,
    /// The resume, built with the same options (an application renders it after the letter).
    pub resume: Document,
}

impl Job {
    /// Builds `letter` over the resume `value` (its header is the sender):
    /// in the letter's language unless the job names one; the resume's
    /// photo read by `read`, the signature's picture by `read_letter` (beside
    /// the letter), the brand's letterhead on it.
    pub fn build_letter(
        &self,
        letter: &Letter,
        value: serde_json::Value,
        read: photo::ReadFile<'_>,
        read_letter: photo::ReadFile<'_>,
    ) -> LetterBuilt {
        let resume = self.build_with(value.clone(), read);
        let mut job = self.clone();
        if self.lang.is_none() {
            job.lang = letter.language.clone();
        }
        let mut built = job.build_with(value, read);
        let today = parse_day(&super::shown_date(self.render.timestamp));
        // The signature's picture, unread when redaction takes the name.
        let signature = letter
            .signature
            .image
            .as_deref()
            .map(str::trim)
            .filter(|i| !i.is_empty() && !self.build.redact.name)
            .and_then(|image| match photo::signature(image, read_letter) {
                Ok(p) => Some(p),
                Err(e) => {
                    built.warnings.push(format!(
                        "the letter's signature.image `{image}` left out: {e}"
                    ));
                    None
                }
            });
        let mut doc =
            document::build_letter(letter, &built.parsed.resume, &built.build, today, signature);
        doc.header.photo = built.document.header.photo.take();
        doc.letterhead = built.document.letterhead.take();
        built
            .warnings
            .retain(|w| !w.contains("the resume has no content"));
        built.document = doc;
        LetterBuilt {
            letter: built,
            resume: resume.document,
        }
    }

    /// Renders the letter then the resume into one file per format: one
    /// PDF (an outline entry for each, the resume's sections under its
    /// own), one DOCX (a section each), and Markdown and text one after
    /// the other. HTML has no application: one page is one document.
    pub fn render_application(
        &self,
        letter: &Document,
        resume: &Document,
    ) -> Result<Files, Failure> {
        let mut out = Files {
            files: Vec::new(),
            warnings: Vec::new(),
            notes: Vec::new(),
        };
        for &b in &self.backends {
            let fail = |error| Failure {
                format: b.name(),
                error,
            };
            let titles = application_titles(letter, resume);
            let rendered = match b.name() {
                "pdf" => {
                    backend::pdf_application([letter, resume], titles, &self.layout, &self.render)
                }
                "docx" => backend::docx_application([letter, resume], &self.layout, &self.render),
                "html" => backend::html_application([letter, resume], &self.layout, &self.render),
                _ => {
                    let one = b.render(letter, &self.layout, &self.render).map_err(fail)?;
                    let two = b.render(resume, &self.layout, &self.render).map_err(fail)?;
                    let mut bytes = one.bytes;
                    // A form feed between them: a page break when printed.
                    bytes.extend_from_slice(if b.name() == "md" {
                        b"\n---\n\n"
                    } else {
                        b"\n\x0c\n"
                    });
                    bytes.extend(two.bytes);
                    Ok(backend::Rendered {
                        bytes,
                        warnings: [one.warnings, two.warnings].concat(),
                        notes: [one.notes, two.notes].concat(),
                    })
                }
            };
            let r = rendered.map_err(fail)?;
            out.warnings
                .extend(r.warnings.iter().map(|w| format!("{}: {w}", b.name())));
            out.notes.push(r.notes);
            out.files.push(File {
                backend: b,
                bytes: r.bytes,
            });
        }
        Ok(out)
    }
}

/// The outline's two entries: the letter's word for itself, and the resume's.
fn application_titles(letter: &Document, resume: &Document) -> [String; 2] {
    let first = letter
        .letter
        .as_ref()
        .map_or_else(|| letter.meta.title.clone(), |l| l.title.clone());
    let second = resume
        .meta
        .subject
        .clone()
        .filter(|_| resume.header.label.is_none())
        .unwrap_or_else(|| {
            document::Labels::builtin(&resume.meta.language)
                .map_or_else(|| "Resume".to_string(), |l| l.resume)
        });
    [first, second]
}

/// `YYYY-MM-DD` as numbers (the shown date is always well formed).
fn parse_day(s: &str) -> (i32, u32, u32) {
    let mut parts = s.split('-');
    let mut next = || {
        parts
            .next()
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(1)
    };
    let (y, m, d) = (next(), next(), next());
    (i32::try_from(y).unwrap_or(2000), m, d)
}
