//! What to build: the options, and the builder that carries them with their labels.

use super::super::labels::Labels;

/// How dates read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateStyle {
    /// "Jan 2020"
    #[default]
    Short,
    /// "January 2020"
    Long,
    /// "01/2020"
    Numeric,
}

/// What redaction removes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Redact {
    /// E-mail, phone, street address, web address and profiles.
    pub contact: bool,
    /// The name, replaced by initials.
    pub name: bool,
}

/// The standard sections, in their default order.
pub const SECTION_IDS: &[&str] = &[
    "summary",
    "work",
    "volunteer",
    "education",
    "projects",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
];

/// What to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Words to use; English by default.
    pub labels: Labels,
    pub date_style: DateStyle,
    /// Sections to show, in order (`--sections`); overrides everything else.
    pub sections: Option<Vec<String>>,
    /// The layout's section order; sections it does not name follow in default order.
    pub order: Vec<String>,
    /// Sections the layout hides.
    pub hidden: Vec<String>,
    /// Section titles set by the layout, by id.
    pub titles: Vec<(String, String)>,
    /// Keep only tagged entries and highlights that carry one of these tags (untagged ones stay).
    pub tags: Vec<String>,
    /// At most this many bullets per entry.
    pub max_highlights: Option<usize>,
    pub redact: Redact,
}

impl BuildOptions {
    pub(super) fn keeps(&self, tags: &[String]) -> bool {
        self.tags.is_empty()
            || tags.is_empty()
            || tags.iter().any(|t| {
                self.tags
                    .iter()
                    .any(|w| w.trim().eq_ignore_ascii_case(t.trim()))
            })
    }
}

pub(super) struct Builder<'a> {
    pub(super) labels: &'a Labels,
    pub(super) options: &'a BuildOptions,
}
