//! The intermediate document: what every backend renders.
//!
//! A small closed set of types that knows nothing about JSON Resume and
//! nothing about any output format. It is serialisable, so templates can
//! consume it as data.

use serde::{Deserialize, Serialize};

/// A whole resume document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// Properties for the output file (PDF info, DOCX core properties).
    pub meta: Metadata,
    /// Name, label and contact line.
    pub header: Header,
    /// Sections in display order.
    pub sections: Vec<Section>,
    /// An agency's letterhead (`--brand`): page furniture around the resume.
    #[serde(skip)]
    pub letterhead: Option<Letterhead>,
    /// A cover letter: the header is the sender's, the sections are empty,
    /// and this is what comes under the header.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub letter: Option<Box<Letter>>,
}

/// What a cover letter shows under the sender's header.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Letter {
    /// The recipient block, one line each: name, title, organisation, address.
    pub recipient: Vec<String>,
    /// The date line as the letter's language writes it (with the place in front).
    pub date: String,
    /// The date as ISO `YYYY-MM-DD`.
    pub iso_date: String,
    pub subject: Option<String>,
    pub greeting: String,
    pub body: Vec<LetterBlock>,
    pub closing: String,
    /// The name under the closing.
    pub signature: String,
    /// A picture of the handwritten signature, above the name.
    #[serde(skip)]
    pub signature_image: Option<Photo>,
    /// The letter's title in its language ("Cover letter"), for outlines and metadata.
    pub title: String,
}

/// A block of a letter's body.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LetterBlock {
    Paragraph {
        content: Inlines,
    },
    /// A bulleted (or, when `ordered`, numbered from `start`) list.
    List {
        ordered: bool,
        start: u64,
        items: Vec<Inlines>,
    },
}

impl Letter {
    /// Every paragraph and list item of the body as plain text, in order.
    pub fn body_text(&self) -> Vec<String> {
        let mut out = Vec::new();
        for b in &self.body {
            match b {
                LetterBlock::Paragraph { content } => out.push(plain_text(content)),
                LetterBlock::List { items, .. } => out.extend(items.iter().map(|i| plain_text(i))),
            }
        }
        out
    }
}

/// An agency's letterhead with its placeholders filled for this resume.
#[derive(Debug, Clone, PartialEq)]
pub struct Letterhead {
    /// The agency's name.
    pub name: String,
    /// Consultant, phone, e-mail, web: one line.
    pub contact: String,
    /// The footer line.
    pub footer: String,
    /// The band on every page, not only the first (the footer is on every page).
    pub every_page: bool,
    pub logo: Option<std::sync::Arc<Logo>>,
    /// Height of the logo in millimetres.
    pub logo_height: f32,
}

impl Letterhead {
    /// The text the letterhead adds, for hashing and checks.
    pub fn text(&self) -> String {
        format!("{}\n{}\n{}", self.name, self.contact, self.footer)
    }
}

/// A logo flattened on white: RGB samples (PDF) and the same as a PNG (Word,
/// HTML); for an SVG logo also the drawing, normalised to shapes (PDF, HTML).
#[derive(Clone, PartialEq)]
pub struct Logo {
    pub width: u32,
    pub height: u32,
    pub rgb: Vec<u8>,
    pub png: Vec<u8>,
    /// The SVG as usvg writes it back: paths only, no script, text or reference outside it.
    pub svg: Option<String>,
}

impl std::fmt::Debug for Logo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Logo({} × {})", self.width, self.height)
    }
}

impl Document {
    /// Whether there is nothing to show: no name, label, contact or section.
    pub fn is_empty(&self) -> bool {
        self.header.name.is_none()
            && self.header.label.is_none()
            && self.header.contacts.is_empty()
            && self.sections.is_empty()
            && self.letter.is_none()
    }
}

/// Properties of the output file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metadata {
    pub title: String,
    pub author: Option<String>,
    pub subject: Option<String>,
    pub keywords: Vec<String>,
    /// BCP 47 language tag, e.g. `en` or `pt-BR`.
    pub language: String,
}

/// The top of the resume.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Header {
    pub name: Option<String>,
    pub label: Option<String>,
    pub contacts: Vec<Contact>,
    /// The candidate's photo, when the resume has one and it is shown.
    /// Templates do not get its bytes.
    #[serde(skip)]
    pub photo: Option<Photo>,
}

/// A photo ready to embed: a baseline JPEG, decoded and encoded again, no metadata.
#[derive(Clone, PartialEq)]
pub struct Photo {
    pub jpeg: Vec<u8>,
    /// In pixels.
    pub width: u32,
    pub height: u32,
}

impl std::fmt::Debug for Photo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Photo({} × {}, {} bytes)",
            self.width,
            self.height,
            self.jpeg.len()
        )
    }
}

/// One contact item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contact {
    pub kind: ContactKind,
    /// Localised label ("Email", "Phone", or the network name for profiles).
    pub label: String,
    /// What is shown.
    pub text: String,
    /// Where it links to; only `http`, `https`, `mailto` and `tel` targets.
    pub link: Option<String>,
}

impl Contact {
    /// The text shown for the contact in a header: a profile whose text does
    /// not already say where it goes (its network's name or a URL) gets its
    /// network in front (`GitHub: someone`).
    pub fn shown(&self) -> String {
        if self.kind == ContactKind::Profile
            && !self.text.contains(&self.label)
            && !self.text.contains('/')
        {
            format!("{}: {}", self.label, self.text)
        } else {
            self.text.clone()
        }
    }
}

/// What a contact item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ContactKind {
    Email,
    Phone,
    Url,
    Location,
    Profile,
}

/// A titled section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// Stable identifier (`work`, `education`, …, or the key of an extra section).
    pub id: String,
    /// Display title, localised.
    pub title: String,
    pub blocks: Vec<Block>,
}

/// Content of a section.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A dated item: a position, a degree, a project…
    Entry(Entry),
    /// A paragraph of running text.
    Paragraph { content: Inlines },
    /// A bulleted list.
    List { items: Vec<Inlines> },
    /// A named group of keywords (skills, languages, interests).
    Keywords(KeywordGroup),
}

/// A dated item in a section.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Entry {
    /// Main line: position, degree, project name.
    pub title: Option<String>,
    /// Organisation: employer, institution, publisher.
    pub subtitle: Option<String>,
    pub location: Option<String>,
    pub dates: Option<DateRange>,
    pub link: Option<Link>,
    /// Paragraphs and lists (only [`Block::Paragraph`] and [`Block::List`]).
    pub summary: Vec<Block>,
    pub bullets: Vec<Inlines>,
    pub keywords: Vec<String>,
}

/// A formatted date range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateRange {
    /// As displayed, e.g. "Jan 2020 – Present".
    pub text: String,
    /// ISO start (`2020-01`), when it is a real date.
    pub start: Option<String>,
    /// ISO end, when it is a real date.
    pub end: Option<String>,
    /// Whether the range is still going on.
    pub ongoing: bool,
}

/// A safe link with its display text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    pub url: String,
    pub text: String,
}

/// Keywords under a name, with an optional level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeywordGroup {
    pub name: Option<String>,
    pub level: Option<String>,
    pub keywords: Vec<String>,
}

/// Inline text.
pub type Inlines = Vec<Inline>;

/// A run of inline text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Inline {
    Text {
        text: String,
    },
    Strong {
        content: Inlines,
    },
    Emph {
        content: Inlines,
    },
    /// A link; `url` is always `http`, `https`, `mailto` or `tel`.
    Link {
        url: String,
        content: Inlines,
    },
    /// A forced line break.
    Break,
}

impl Inline {
    /// Plain text.
    pub fn text(s: impl Into<String>) -> Inline {
        Inline::Text { text: s.into() }
    }
}

/// The characters of inline text without formatting (link targets left out).
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    collect_plain(inlines, &mut out);
    out
}

fn collect_plain(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text { text } => out.push_str(text),
            Inline::Strong { content }
            | Inline::Emph { content }
            | Inline::Link { content, .. } => collect_plain(content, out),
            Inline::Break => out.push('\n'),
        }
    }
}
