//! `check`: an applicant-tracking audit of any PDF or DOCX — the text a parser gets, and what it would miss.
//!
//! ```text
//! bytes ──pdf::read / docx::read──▶ Extraction ──findings::audit──▶ Report (+ against::recall)
//! ```
//!
//! The report's JSON form is documented in `docs/check.md`; its fields only
//! grow, and finding codes keep their meaning.

mod against;
mod dates;
mod docx;
mod findings;
mod kind;
mod letter;
mod pdf;
pub mod posting;
mod recognise;

use serde::Serialize;

pub use against::{Fact, Missing, Recall};
pub use dates::Found as DateFound;
pub use findings::{Finding, Layout, Texts};
pub use kind::{Kind, KindFrom};
pub use posting::{Fit, Posting};
pub use recognise::{Contact, Contacts, Heading};

/// Version of the JSON report (`schema` field); raised only for a change that breaks readers.
pub const SCHEMA: u32 = 1;

/// The file formats `check` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Pdf,
    Docx,
}

/// Where a line of text sits in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Body,
    Table,
    TextBox,
    Header,
    Footer,
}

/// A line of extracted text.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub part: Part,
    /// 1-based page (PDF).
    pub page: Option<usize>,
}

/// A font that shows text (PDF).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FontReport {
    pub name: String,
    /// Type0, TrueType, Type1, Type3…
    pub subtype: String,
    pub embedded: bool,
    /// `to_unicode`, `encoding` (a standard encoding) or `none`.
    pub unicode: &'static str,
    pub glyphs: usize,
    /// Glyphs the font maps to no character.
    pub unmapped: usize,
}

/// Lines read as side-by-side columns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Columns {
    /// 1-based page (PDF); `None` for a DOCX section.
    pub page: Option<usize>,
    pub columns: usize,
    /// Lines in the band (PDF).
    pub lines: usize,
    /// The first line of the band, to find it (PDF).
    pub first: String,
    /// Each column drawn whole before the next (PDF): readers that follow the
    /// drawing order, and the structure tree, do not mix them.
    pub apart: bool,
}

/// What extraction found, the same for both formats.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub lines: Vec<Line>,
    pub pages: Option<usize>,
    pub images: usize,
    pub tagged: Option<bool>,
    pub encrypted: bool,
    pub language: Option<String>,
    pub fonts: Vec<FontReport>,
    /// Link targets (PDF link annotations, DOCX hyperlinks).
    pub links: Vec<String>,
    pub columns: Vec<Columns>,
    /// Pages with images and no text.
    pub image_only_pages: Vec<usize>,
    /// Pages whose text is invisible (an OCR layer over a scan).
    pub ocr_pages: Vec<usize>,
    pub tables: usize,
    pub text_boxes: usize,
    /// Limits on work were reached: part of the file was not read.
    pub truncated: bool,
    /// The title in the file's properties (PDF `Title`, DOCX `dc:title`).
    pub title: Option<String>,
}

/// Everything `check` says about one file.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub file: String,
    pub format: Format,
    /// A resume or a cover letter; a letter has no resume-only findings.
    pub kind: Kind,
    /// How the kind was known.
    pub kind_from: KindFrom,
    pub bytes: u64,
    pub pages: Option<usize>,
    /// Words in the text a parser reads (body, tables and text boxes).
    pub words: usize,
    pub text_layer: bool,
    /// PDF: marked and with a structure tree; DOCX: `null`.
    pub tagged: Option<bool>,
    pub encrypted: bool,
    pub language: Option<String>,
    pub images: usize,
    pub fonts: Vec<FontReport>,
    pub contacts: Contacts,
    pub headings: Vec<Heading>,
    pub dates: Vec<DateFound>,
    pub layout: Layout,
    pub against: Option<Recall>,
    pub findings: Vec<Finding>,
    pub text: Texts,
}

/// Reads and audits one file. `name` is how messages name it; `against` holds
/// the facts of the resume to look for (see [`facts`]). The error is a
/// sentence saying why the file cannot be read.
pub fn check(name: &str, bytes: &[u8], against: Option<&[Fact]>) -> Result<Report, String> {
    check_as(name, bytes, against, None)
}

/// [`check`], with the kind of file given (by `--kind`, or by what
/// `--against` names) instead of recognised from the file.
pub fn check_as(
    name: &str,
    bytes: &[u8],
    against: Option<&[Fact]>,
    kind: Option<(Kind, KindFrom)>,
) -> Result<Report, String> {
    let (format, extraction) = extract(bytes)?;
    let lines = if against.is_some() {
        extraction.lines.clone()
    } else {
        Vec::new()
    };
    let mut report = findings::audit(name, format, bytes.len() as u64, extraction, kind);
    if let Some(facts) = against {
        let recall = against::recall(facts, &lines);
        findings::add_recall(&mut report, recall);
    }
    Ok(report)
}

/// The facts of a resume that `--against` looks for.
pub fn facts(document: &crate::document::Document) -> Vec<Fact> {
    against::facts(document)
}

/// Reads a file by its first bytes; a panic in a parser is reported as an unreadable file.
fn extract(bytes: &[u8]) -> Result<(Format, Extraction), String> {
    let run = || -> Result<(Format, Extraction), String> {
        let head = bytes.get(..8).unwrap_or(bytes);
        if bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
            Ok((Format::Pdf, from_pdf(pdf::read(bytes)?)))
        } else if head.starts_with(b"PK") {
            Ok((Format::Docx, docx::read(bytes)?))
        } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            Err("an old Word .doc file or a password-protected Office file: save it as .docx without a password".into())
        } else {
            Err("neither a PDF nor a DOCX file".into())
        }
    };
    std::panic::catch_unwind(run)
        .unwrap_or_else(|_| Err("the file could not be parsed (the parser failed on it)".into()))
}

fn from_pdf(p: pdf::Pdf) -> Extraction {
    let mut x = Extraction {
        pages: Some(p.page_count),
        tagged: Some(p.tagged),
        encrypted: p.encrypted,
        language: p.language,
        links: p.links,
        truncated: p.truncated,
        title: p.title,
        ..Extraction::default()
    };
    x.fonts = p
        .fonts
        .into_iter()
        .map(|f| FontReport {
            name: f.name,
            subtype: f.subtype,
            embedded: f.embedded,
            unicode: match f.mapping {
                pdf::Mapping::ToUnicode => "to_unicode",
                pdf::Mapping::Encoding => "encoding",
                pdf::Mapping::None => "none",
            },
            glyphs: f.glyphs,
            unmapped: f.unmapped,
        })
        .collect();
    for (i, page) in p.pages.into_iter().enumerate() {
        let n = i + 1;
        x.images += page.images;
        if page.lines.is_empty() && page.images > 0 {
            x.image_only_pages.push(n);
        }
        if page.glyphs > 0 && page.invisible * 2 > page.glyphs && page.image_cover > 0.5 {
            x.ocr_pages.push(n);
        }
        for b in &page.bands {
            x.columns.push(Columns {
                page: Some(n),
                columns: b.columns,
                lines: b.lines,
                apart: b.apart,
                first: page
                    .lines
                    .get(b.first_line)
                    .map(|l| l.text.clone())
                    .unwrap_or_default(),
            });
        }
        x.lines.extend(page.lines.into_iter().map(|l| Line {
            text: l.text,
            part: Part::Body,
            page: Some(n),
        }));
    }
    x
}
