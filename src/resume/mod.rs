//! JSON Resume as typed structs, and a lenient reader for real-world files.
//!
//! The types follow JSON Resume v1.0.0. They know nothing about output: the
//! document builder (`crate::document`) decides what each field becomes.
//! Reading goes bytes → text ([`source`]) → `serde_json::Value` → [`Resume`]
//! ([`read`]), collecting a [`Warning`] wherever content was reinterpreted.

mod date;
// Messages for a source error (with the line it points at); the engine alone
// (no `cli`) uses only `location`, for letters.
#[cfg_attr(not(feature = "cli"), allow(dead_code))]
pub(crate) mod diagnostic;
mod lenient;
mod limits;
mod read;
pub mod reader;
pub mod source;
pub mod syntax;
mod value;
mod write;

pub use date::{Date, PartialDate};
pub use limits::{Limits, MAX_PHOTO_BYTES};
pub use read::{ReadOptions, read_value};
pub use source::{SourceError, SyntaxError, parse_json, parse_json_within};
pub use syntax::Syntax;
pub use write::to_json_resume;

use serde::Serialize;

/// A parsed resume together with what the reader had to reinterpret.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The resume.
    pub resume: Resume,
    /// Reinterpretations and ignored content, in the order met.
    pub warnings: Vec<Warning>,
    /// The JSON the resume was read from (as JSON Resume), for templates that want raw fields.
    pub raw: serde_json::Value,
    /// The [`reader::Reader`] that read it (`jsonresume`, `fresh`, …).
    pub reader: &'static str,
}

/// Something the reader reinterpreted or ignored, with the JSON path where it happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// JSON path in dotted form, e.g. `work[2].startDate`.
    pub path: String,
    /// What was done, in plain words.
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// A whole resume. Every section is present; absent sections are empty.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Resume {
    /// Name, contact details, summary.
    pub basics: Basics,
    /// Paid positions.
    pub work: Vec<Work>,
    /// Volunteer positions (same shape as work; `organization` is read into `name`).
    pub volunteer: Vec<Work>,
    /// Schools and degrees.
    pub education: Vec<Education>,
    /// Awards.
    pub awards: Vec<Award>,
    /// Certificates.
    pub certificates: Vec<Certificate>,
    /// Publications.
    pub publications: Vec<Publication>,
    /// Skill groups.
    pub skills: Vec<Skill>,
    /// Spoken languages.
    pub languages: Vec<Language>,
    /// Interests.
    pub interests: Vec<Interest>,
    /// References.
    pub references: Vec<Reference>,
    /// Projects.
    pub projects: Vec<Project>,
    /// Metadata about the resume file itself.
    pub meta: Meta,
    /// Top-level sections that are not part of JSON Resume but have an obvious rendering.
    pub extra: Vec<ExtraSection>,
}

/// The `basics` object.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Basics {
    pub name: Option<String>,
    pub label: Option<String>,
    pub image: Option<String>,
    pub email: Option<String>,
    /// Phone numbers; JSON Resume has one, some files list several.
    pub phones: Vec<String>,
    pub url: Option<String>,
    pub summary: Option<String>,
    pub location: Option<Location>,
    pub profiles: Vec<Profile>,
}

/// A postal location.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub country_code: Option<String>,
    pub region: Option<String>,
}

/// An online profile.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    pub network: Option<String>,
    pub username: Option<String>,
    pub url: Option<String>,
}

/// A work or volunteer position.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Work {
    /// Employer or organisation.
    pub name: Option<String>,
    pub position: Option<String>,
    pub location: Option<String>,
    /// What the employer is, e.g. "Social media company".
    pub description: Option<String>,
    pub url: Option<String>,
    pub start_date: Option<Date>,
    pub end_date: Option<Date>,
    pub summary: Option<String>,
    pub highlights: Vec<Highlight>,
    pub keywords: Vec<String>,
    /// Tailoring tags (an extension of JSON Resume): see `--tags`.
    pub tags: Vec<String>,
}

/// A highlight (an achievement bullet), with optional tailoring tags.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Highlight {
    pub text: String,
    pub tags: Vec<String>,
}

/// A school or degree.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Education {
    pub institution: Option<String>,
    pub url: Option<String>,
    pub area: Option<String>,
    pub study_type: Option<String>,
    pub location: Option<String>,
    pub start_date: Option<Date>,
    pub end_date: Option<Date>,
    pub score: Option<String>,
    pub summary: Option<String>,
    pub courses: Vec<String>,
    /// Tailoring tags (an extension of JSON Resume): see `--tags`.
    pub tags: Vec<String>,
}

/// An award.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Award {
    pub title: Option<String>,
    pub date: Option<Date>,
    pub awarder: Option<String>,
    pub summary: Option<String>,
    /// Tailoring tags (an extension of JSON Resume): see `--tags`.
    pub tags: Vec<String>,
}

/// A certificate.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Certificate {
    pub name: Option<String>,
    pub date: Option<Date>,
    pub url: Option<String>,
    pub issuer: Option<String>,
    /// Tailoring tags (an extension of JSON Resume): see `--tags`.
    pub tags: Vec<String>,
}

/// A publication.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Publication {
    pub name: Option<String>,
    pub publisher: Option<String>,
    pub release_date: Option<Date>,
    pub url: Option<String>,
    pub summary: Option<String>,
    /// Tailoring tags (an extension of JSON Resume): see `--tags`.
    pub tags: Vec<String>,
}

/// A group of skills.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Skill {
    pub name: Option<String>,
    pub level: Option<String>,
    pub keywords: Vec<String>,
    /// Tailoring tags (an extension of JSON Resume): see `--tags`.
    pub tags: Vec<String>,
}

/// A spoken language.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Language {
    pub language: Option<String>,
    pub fluency: Option<String>,
}

/// An interest.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Interest {
    pub name: Option<String>,
    pub keywords: Vec<String>,
}

/// A reference.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reference {
    pub name: Option<String>,
    pub reference: Option<String>,
}

/// A project.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Project {
    pub name: Option<String>,
    pub description: Option<String>,
    pub highlights: Vec<Highlight>,
    pub keywords: Vec<String>,
    pub start_date: Option<Date>,
    pub end_date: Option<Date>,
    pub url: Option<String>,
    pub roles: Vec<String>,
    pub entity: Option<String>,
    /// The `type` field ("application", "volunteering", …).
    pub kind: Option<String>,
    /// Tailoring tags (an extension of JSON Resume): see `--tags`.
    pub tags: Vec<String>,
}

/// The `meta` object.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Meta {
    pub canonical: Option<String>,
    pub version: Option<String>,
    pub last_modified: Option<String>,
    /// Language of the resume (`meta.language`, an extension used by several tools).
    pub language: Option<String>,
    /// Sections to show, in order (`meta.sections`, an extension).
    pub sections: Vec<String>,
    /// Section titles by section id (`meta.sectionTitles`, an extension).
    pub section_titles: Vec<(String, String)>,
}

/// A top-level section outside JSON Resume, kept because it maps onto entries or a list.
#[derive(Debug, Clone, Serialize)]
pub struct ExtraSection {
    /// The key it had in the file.
    pub key: String,
    /// Its content.
    pub content: ExtraContent,
}

/// The content of an [`ExtraSection`].
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", content = "items", rename_all = "lowercase")]
pub enum ExtraContent {
    /// Objects read like work positions (title, organisation, dates, summary, highlights).
    Entries(Vec<Work>),
    /// Strings.
    Items(Vec<String>),
}
