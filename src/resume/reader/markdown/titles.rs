//! Section titles to JSON Resume sections (the languages' words and common aliases), and the document's language.

use super::blocks::{Block, Style};
use super::words::{self, Words};

/// Titles people give sections, beyond the languages' own words.
pub(super) const ALIASES: &[(&str, &[&str])] = &[
    (
        "summary",
        &[
            "about",
            "about me",
            "profile",
            "professional summary",
            "summary of qualifications",
            "objective",
            "career objective",
            "overview",
            "introduction",
            "bio",
        ],
    ),
    (
        "work",
        &[
            "work experience",
            "professional experience",
            "experience",
            "employment",
            "employment history",
            "work history",
            "career",
            "jobs",
            "positions",
            "berufserfahrung",
            "expérience",
            "experiencia",
            "experiência",
        ],
    ),
    (
        "volunteer",
        &[
            "volunteer",
            "volunteer experience",
            "volunteering",
            "volunteer work",
        ],
    ),
    (
        "education",
        &[
            "education",
            "academic background",
            "studies",
            "qualifications",
            "schooling",
        ],
    ),
    (
        "projects",
        &[
            "projects",
            "personal projects",
            "selected projects",
            "side projects",
            "open source",
        ],
    ),
    (
        "awards",
        &[
            "awards",
            "honors",
            "honours",
            "awards & honors",
            "honors & awards",
            "achievements",
        ],
    ),
    (
        "certificates",
        &[
            "certificates",
            "certifications",
            "licenses & certifications",
            "licences & certifications",
            "certification",
        ],
    ),
    (
        "publications",
        &["publications", "papers", "talks & publications"],
    ),
    (
        "skills",
        &[
            "skills",
            "technical skills",
            "core skills",
            "core competencies",
            "competencies",
            "technologies",
            "tech stack",
            "tools",
            "skills & tools",
        ],
    ),
    ("languages", &["languages", "spoken languages"]),
    (
        "interests",
        &["interests", "hobbies", "hobbies & interests"],
    ),
    ("references", &["references", "referees"]),
];

/// Titles of contact sections.
pub(super) const CONTACT: &[&str] = &[
    "contact",
    "contacts",
    "contact & social",
    "contact information",
    "contact info",
    "links",
    "social",
    "online",
    "kontakt",
    "coordonnées",
    "contacto",
    "contatti",
    "contato",
];

/// Keys a footer line may set in `meta`.
pub(super) const FOOTER: &[(&str, &str)] = &[
    ("json resume", "canonical"),
    ("canonical", "canonical"),
    ("last updated", "lastModified"),
    ("updated", "lastModified"),
    ("last modified", "lastModified"),
    ("version", "version"),
];

/// What a section title names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    Standard(&'static str),
    Contact,
    Extra,
}

pub(super) fn kind_of(title: &str, first: &Words) -> Kind {
    let t = title.trim().trim_end_matches(':').to_lowercase();
    if let Some(id) = first.section_of(&t) {
        return Kind::Standard(id);
    }
    if let Some(id) = words::all().iter().find_map(|w| w.section_of(&t)) {
        return Kind::Standard(id);
    }
    if CONTACT.contains(&t.as_str()) {
        return Kind::Contact;
    }
    ALIASES
        .iter()
        .find(|(_, names)| names.contains(&t.as_str()))
        .map_or(Kind::Extra, |(id, _)| Kind::Standard(id))
}

/// The language whose words the titles, dates and labels use best (English on a tie).
pub(super) fn language(blocks: &[Block], sec_level: usize) -> &'static Words {
    let mut titles = Vec::new();
    let mut dates = Vec::new();
    let mut labels = Vec::new();
    for b in blocks {
        match b {
            Block::Heading { level, inl, .. } if *level == sec_level => titles.push(inl.plain()),
            Block::Para { inl, .. } | Block::Item { inl, .. } => {
                for p in &inl.pieces {
                    match p.style {
                        Style::Emph => dates.push(p.text.clone()),
                        Style::Strong => {
                            labels.push(p.text.trim().trim_end_matches(':').to_string())
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    let all = words::all();
    let mut best: Option<(&Words, usize)> = None;
    for w in all {
        let s = w.score(&titles, &dates, &labels);
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((w, s));
        }
    }
    best.map(|(w, _)| w)
        .or_else(|| all.first())
        .unwrap_or_else(|| fallback())
}

pub(super) fn fallback() -> &'static Words {
    static EMPTY: std::sync::OnceLock<Words> = std::sync::OnceLock::new();
    EMPTY.get_or_init(Words::default)
}
