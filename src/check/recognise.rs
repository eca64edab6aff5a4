//! What is recognised in the text: contact details (e-mail, phone, links), section headings and page numbers.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::{Line, Part, dates};

/// A contact detail and where it was found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contact {
    pub text: String,
    pub part: Part,
}

/// Contact details in the text.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Contacts {
    pub emails: Vec<Contact>,
    pub phones: Vec<Contact>,
    /// Web addresses written in the text.
    pub links: Vec<Contact>,
    /// Link targets behind the text (PDF link annotations, DOCX hyperlinks).
    pub link_targets: Vec<String>,
}

/// A recognised section heading.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Heading {
    pub text: String,
    /// The section it names: `work`, `education`, `skills`… (ids of JSON Resume).
    pub section: &'static str,
    pub part: Part,
}

struct Patterns {
    email: Regex,
    phone: Regex,
    url: Regex,
}

static PATTERNS: LazyLock<Option<Patterns>> = LazyLock::new(|| {
    Some(Patterns {
        email: Regex::new(r"(?i)[a-z0-9][a-z0-9._%+\-]*@[a-z0-9][a-z0-9.\-]*\.[a-z]{2,}").ok()?,
        phone: Regex::new(r"(?:\+\s?\d{1,3}[\s.\-]?)?(?:\(\d{1,5}\)[\s.\-]?)?\d{2,5}(?:[\s.\-/]\d{2,5}){0,4}").ok()?,
        url: Regex::new(
            r"(?i)\b(?:https?://|www\.)[^\s<>]+|\b(?:[a-z0-9\-]+\.)+(?:com|org|net|io|dev|me|info|eu|de|fr|uk|nl|es|it|ch|at|ca|us|app|cv|page|site)\b(?:/[^\s<>]*)?",
        )
        .ok()?,
    })
});

/// Whether a number looks like a phone number rather than a year, a range of years or an amount.
fn is_phone(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    if !(7..=15).contains(&digits) {
        return false;
    }
    let groups: Vec<&str> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    let years = groups
        .iter()
        .all(|g| g.len() == 4 && (g.starts_with("19") || g.starts_with("20")));
    if years || s.contains('/') && groups.len() <= 2 {
        return false;
    }
    s.trim_start().starts_with('+') || s.contains('(') || groups.len() >= 3 || digits >= 10
}

/// Section titles and common synonyms, lower-case, with their section ids.
static HEADINGS: LazyLock<Vec<(String, &'static str)>> = LazyLock::new(|| {
    let mut out = dates::section_titles();
    let synonyms: &[(&str, &[&str])] = &[
        (
            "work",
            &[
                "experience",
                "work experience",
                "professional experience",
                "employment",
                "employment history",
                "work history",
                "career history",
                "relevant experience",
                "professional background",
                "career",
                "berufserfahrung",
                "berufliche erfahrung",
                "expérience",
                "expériences professionnelles",
                "experiencia laboral",
                "experiencia profesional",
                "esperienza lavorativa",
                "esperienze lavorative",
            ],
        ),
        (
            "education",
            &[
                "education",
                "academic background",
                "education and training",
                "qualifications",
                "academic history",
                "studies",
                "bildung",
                "studium",
                "schulbildung",
                "formation",
                "educación",
                "estudios",
            ],
        ),
        (
            "skills",
            &[
                "skills",
                "technical skills",
                "core competencies",
                "competencies",
                "key skills",
                "expertise",
                "skills and expertise",
                "technologies",
                "tools",
                "skills & expertise",
                "fähigkeiten",
                "kompetenzen",
                "aptitudes",
            ],
        ),
        (
            "summary",
            &[
                "summary",
                "profile",
                "professional summary",
                "about me",
                "about",
                "objective",
                "career objective",
                "personal statement",
                "profil",
                "über mich",
                "kurzprofil",
                "perfil",
                "resumen",
            ],
        ),
        (
            "projects",
            &[
                "projects",
                "personal projects",
                "selected projects",
                "projekte",
                "projets",
                "proyectos",
            ],
        ),
        (
            "certificates",
            &[
                "certifications",
                "certificates",
                "licenses",
                "licenses & certifications",
                "licenses and certifications",
                "zertifikate",
                "weiterbildung",
            ],
        ),
        (
            "awards",
            &[
                "awards",
                "honors",
                "honours",
                "achievements",
                "honors and awards",
                "awards and honors",
                "auszeichnungen",
            ],
        ),
        (
            "publications",
            &["publications", "papers", "veröffentlichungen"],
        ),
        (
            "volunteer",
            &[
                "volunteer",
                "volunteering",
                "volunteer experience",
                "ehrenamt",
            ],
        ),
        (
            "languages",
            &["languages", "sprachen", "langues", "idiomas"],
        ),
        (
            "interests",
            &["interests", "hobbies", "interessen", "centres d'intérêt"],
        ),
        ("references", &["references", "referenzen"]),
    ];
    for (id, words) in synonyms {
        for w in *words {
            out.push((w.to_string(), *id));
        }
    }
    out
});

/// A line as a heading key: trimmed, lower-case, spaced-out letters joined, a final colon dropped.
fn heading_key(line: &str) -> Option<String> {
    let t = line.trim().trim_end_matches([':', '：']).trim();
    if t.is_empty() || t.chars().count() > 50 || t.split_whitespace().count() > 6 {
        return None;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let spaced = words.len() >= 3 && words.iter().all(|w| w.chars().count() == 1);
    let key = if spaced {
        words.concat()
    } else {
        words.join(" ")
    };
    Some(key.to_lowercase())
}

pub(super) fn heading_of(line: &str) -> Option<&'static str> {
    let key = heading_key(line)?;
    let alt = key.replace('&', "and");
    HEADINGS
        .iter()
        .find(|(t, _)| *t == key || *t == alt)
        .map(|(_, id)| *id)
}

/// A page number or "page 2 of 3" (not a date range such as "09/2005 – 05/2008").
pub(super) fn is_page_number(line: &str) -> bool {
    let t = line.trim().to_lowercase();
    let rest = ["page", "seite", "página", "pagina", "p."]
        .iter()
        .find_map(|w| t.strip_prefix(w))
        .unwrap_or(&t)
        .replace(" of ", "/")
        .replace(" von ", "/")
        .replace(" de ", "/");
    let groups: Vec<&str> = rest
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    t.is_empty()
        || rest
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace() || "/-–|".contains(c))
            && groups.len() <= 2
            && groups.iter().all(|g| g.len() <= 3)
}

/// Contact details in some lines; `links` are the link targets behind the text.
pub fn contacts(lines: &[&Line], links: &[String]) -> Contacts {
    let mut contacts = Contacts {
        link_targets: links.to_vec(),
        ..Contacts::default()
    };
    let Some(p) = PATTERNS.as_ref() else {
        return contacts;
    };
    for l in lines {
        let push = |list: &mut Vec<Contact>, text: &str| {
            if list.len() < 50 && !list.iter().any(|c| c.text == text) {
                list.push(Contact {
                    text: text.to_string(),
                    part: l.part,
                });
            }
        };
        for m in p.email.find_iter(&l.text) {
            push(&mut contacts.emails, m.as_str());
        }
        let no_mail = p.email.replace_all(&l.text, " ");
        for m in p.url.find_iter(&no_mail) {
            push(
                &mut contacts.links,
                m.as_str().trim_end_matches(['.', ',', ';']),
            );
        }
        let no_links = p.url.replace_all(&no_mail, " ").into_owned();
        for m in p.phone.find_iter(&no_links) {
            let t = m.as_str().trim();
            if is_phone(t) {
                push(&mut contacts.phones, t);
            }
        }
    }
    contacts
}

/// The section headings among some lines, each text once.
pub fn headings(lines: &[&Line]) -> Vec<Heading> {
    let mut headings: Vec<Heading> = Vec::new();
    for l in lines {
        if let Some(section) = heading_of(&l.text)
            && !headings.iter().any(|h| h.text == l.text.trim())
        {
            headings.push(Heading {
                text: l.text.trim().to_string(),
                section,
                part: l.part,
            });
        }
    }
    headings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_told_from_years_and_ranges() {
        for yes in [
            "(912) 555-4321",
            "+49 170 1234567",
            "0170 1234567",
            "+1-555-010-9999",
            "555 010 9999",
        ] {
            assert!(is_phone(yes), "{yes}");
        }
        for no in ["2019-2021", "2019 2021", "03/2020", "12345", "1999"] {
            assert!(!is_phone(no), "{no}");
        }
    }

    #[test]
    fn page_numbers_are_not_date_ranges() {
        for yes in ["2", "1 / 3", "- 2 -", "Page 2 of 3", "Seite 1 von 2", ""] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in ["09/2005 – 05/2008", "2019 - 2021", "Page layout"] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    #[test]
    fn headings_in_many_forms() {
        assert_eq!(heading_of("EXPERIENCE"), Some("work"));
        assert_eq!(heading_of("Work Experience:"), Some("work"));
        assert_eq!(heading_of("S K I L L S"), Some("skills"));
        assert_eq!(heading_of("Berufserfahrung"), Some("work"));
        assert_eq!(heading_of("学歴"), Some("education"));
        assert_eq!(
            heading_of("Licenses & Certifications"),
            Some("certificates")
        );
        assert_eq!(heading_of("I gained experience in many things"), None);
        // The label of an education entry's courses, not a section.
        assert_eq!(heading_of("Courses:"), None);
    }
}
