//! The 38 languages' words (from `layouts/i18n`): section titles, months, "Present", labels; dates read back.

use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

/// The standard section ids, in the order the builder knows them.
pub(super) const SECTION_IDS: &[&str] = &[
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

/// One language's words, as `layouts/i18n/<code>.toml` has them (English fills gaps).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(super) struct Words {
    #[serde(skip)]
    pub code: String,
    summary: String,
    work: String,
    volunteer: String,
    education: String,
    projects: String,
    awards: String,
    certificates: String,
    publications: String,
    skills: String,
    languages: String,
    interests: String,
    references: String,
    pub present: String,
    pub months: Vec<String>,
    pub months_long: Vec<String>,
    date_short: String,
    date_long: String,
    date_numeric: String,
    pub range_separator: String,
    pub email: String,
    pub phone: String,
    pub website: String,
    pub location: String,
    pub profile: String,
    pub score: String,
    pub courses: String,
    pub roles: String,
    pub degree_in: String,
    #[serde(skip)]
    patterns: Vec<Regex>,
}

macro_rules! langs {
    ($($code:literal),*) => {
        &[$(($code, include_str!(concat!("../../../../layouts/i18n/", $code, ".toml")))),*]
    };
}

/// English first: ties between languages go to the earlier one.
static FILES: &[(&str, &str)] = langs!(
    "en", "de", "fr", "es", "pt", "it", "nl", "pl", "ru", "ja", "zh", "ko", "ar", "he", "bg", "bn",
    "ca", "cs", "da", "el", "fa", "fi", "hi", "hr", "hu", "id", "ms", "nb", "ro", "sk", "sr", "sv",
    "ta", "th", "tr", "uk", "ur", "vi"
);

/// Every built-in language's words.
pub(super) fn all() -> &'static [Words] {
    static ALL: OnceLock<Vec<Words>> = OnceLock::new();
    ALL.get_or_init(|| {
        let english: Words = FILES
            .first()
            .and_then(|(_, s)| toml::from_str(s).ok())
            .unwrap_or_default();
        FILES
            .iter()
            .filter_map(|(code, source)| {
                let mut w: Words = toml::from_str(source).ok()?;
                w.fill_from(&english);
                w.code = (*code).to_string();
                w.patterns = w.date_patterns();
                Some(w)
            })
            .collect()
    })
}

impl Words {
    fn fill_from(&mut self, en: &Words) {
        macro_rules! fill {
            ($($f:ident),*) => { $( if self.$f.is_empty() { self.$f = en.$f.clone(); } )* };
        }
        fill!(
            summary,
            work,
            volunteer,
            education,
            projects,
            awards,
            certificates,
            publications,
            skills,
            languages,
            interests,
            references,
            present,
            months,
            months_long,
            date_short,
            date_long,
            date_numeric,
            range_separator,
            email,
            phone,
            website,
            location,
            profile,
            score,
            courses,
            roles,
            degree_in
        );
    }

    /// The title of a standard section.
    pub fn title(&self, id: &str) -> &str {
        match id {
            "summary" => &self.summary,
            "work" => &self.work,
            "volunteer" => &self.volunteer,
            "education" => &self.education,
            "projects" => &self.projects,
            "awards" => &self.awards,
            "certificates" => &self.certificates,
            "publications" => &self.publications,
            "skills" => &self.skills,
            "languages" => &self.languages,
            "interests" => &self.interests,
            "references" => &self.references,
            _ => "",
        }
    }

    /// The standard section a title names in this language.
    pub fn section_of(&self, title: &str) -> Option<&'static str> {
        let t = title.trim();
        SECTION_IDS
            .iter()
            .copied()
            .find(|id| self.title(id).to_lowercase() == t.to_lowercase())
    }

    /// The date patterns (short, long, numeric) as anchored regular expressions.
    fn date_patterns(&self) -> Vec<Regex> {
        let alt = |names: &[String]| {
            names
                .iter()
                .map(|n| regex::escape(n))
                .collect::<Vec<_>>()
                .join("|")
        };
        [&self.date_short, &self.date_long, &self.date_numeric]
            .iter()
            .filter_map(|p| {
                let mut re = String::from("^");
                let mut rest = p.as_str();
                while let Some(open) = rest.find('{') {
                    re.push_str(&regex::escape(rest.get(..open).unwrap_or("")));
                    let after = rest.get(open..).unwrap_or("");
                    let close = after.find('}')?;
                    re.push_str(match after.get(..=close)? {
                        "{year}" => "(?P<year>-?[0-9]{1,4})",
                        "{mon}" => "(?P<mon>__MON__)",
                        "{month}" => "(?P<month>__MONTH__)",
                        "{m}" => "(?P<m>1[0-2]|[1-9])",
                        "{mm}" => "(?P<mm>0[1-9]|1[0-2])",
                        _ => return None,
                    });
                    rest = after.get(close + 1..).unwrap_or("");
                }
                re.push_str(&regex::escape(rest));
                re.push('$');
                let re = re
                    .replace("__MONTH__", &alt(&self.months_long))
                    .replace("__MON__", &alt(&self.months));
                Regex::new(&re).ok()
            })
            .collect()
    }

    /// `Jan 2020` → `2020-01` in this language's patterns; `2019` → `2019`.
    pub fn date(&self, text: &str) -> Option<String> {
        let t = text.trim();
        for re in &self.patterns {
            let Some(c) = re.captures(t) else { continue };
            let year = c.name("year")?.as_str();
            let month = if let Some(m) = c.name("mon") {
                self.months.iter().position(|x| x == m.as_str())? + 1
            } else if let Some(m) = c.name("month") {
                self.months_long.iter().position(|x| x == m.as_str())? + 1
            } else if let Some(m) = c.name("m").or_else(|| c.name("mm")) {
                m.as_str().parse().ok()?
            } else {
                return Some(year.to_string());
            };
            return Some(format!("{}-{month:02}", iso_year(year)?));
        }
        None
    }

    /// How many of `texts` read as words of this language (dates count their months).
    pub fn score(&self, titles: &[String], dates: &[String], labels: &[String]) -> usize {
        let t = titles
            .iter()
            .filter(|t| self.section_of(t).is_some())
            .count();
        let d = dates
            .iter()
            .flat_map(|d| d.split(self.range_separator.trim()))
            .filter(|d| {
                let d = d.trim();
                d == self.present
                    || (self.date(d).is_some() && !d.chars().all(|c| c.is_ascii_digit()))
            })
            .count();
        let l = labels
            .iter()
            .filter(|l| [&self.score, &self.courses, &self.roles].contains(l))
            .count();
        3 * t + d + 2 * l
    }
}

fn iso_year(year: &str) -> Option<String> {
    let y: i32 = year.parse().ok()?;
    (1000..=9999).contains(&y).then(|| y.to_string())
}

/// A date in any common form, in any language: `2021-01`, `01/2021`, `Jan 2021`, `January 2021`, `2021`.
pub(super) fn any_date(text: &str, first: &Words) -> Option<String> {
    let t = text.trim().trim_matches(|c| c == '*' || c == '_').trim();
    if let Some(d) = first.date(t) {
        return Some(d);
    }
    static ISO: OnceLock<Option<Regex>> = OnceLock::new();
    let iso = ISO.get_or_init(|| {
        Regex::new(r"^([12][0-9]{3})(?:[-./]([01]?[0-9]))?(?:[-./][0-3]?[0-9])?$").ok()
    });
    if let Some(c) = iso.as_ref().and_then(|r| r.captures(t)) {
        let year = c.get(1)?.as_str();
        return match c.get(2).and_then(|m| m.as_str().parse::<u32>().ok()) {
            Some(m) if (1..=12).contains(&m) => Some(format!("{year}-{m:02}")),
            Some(_) => None,
            None => Some(year.to_string()),
        };
    }
    static MY: OnceLock<Option<Regex>> = OnceLock::new();
    let my = MY.get_or_init(|| Regex::new(r"^(0?[1-9]|1[0-2])[/.-]([12][0-9]{3})$").ok());
    if let Some(c) = my.as_ref().and_then(|r| r.captures(t)) {
        let m: u32 = c.get(1)?.as_str().parse().ok()?;
        return Some(format!("{}-{m:02}", c.get(2)?.as_str()));
    }
    let lower = t.to_lowercase().replace('.', "");
    let mut parts = lower.split_whitespace();
    let (Some(name), Some(year), None) = (parts.next(), parts.next(), parts.next()) else {
        return all().iter().find_map(|w| w.date(t));
    };
    let year = iso_year(year)?;
    for w in all() {
        for list in [&w.months, &w.months_long] {
            if let Some(i) = list
                .iter()
                .position(|m| m.to_lowercase().trim_end_matches('.') == name)
            {
                return Some(format!("{year}-{:02}", i + 1));
            }
        }
    }
    // "Sept 2019", "June 2019": the first three letters of an English month.
    let en = all().first()?;
    let i = en
        .months_long
        .iter()
        .position(|m| name.len() >= 3 && m.to_lowercase().starts_with(name))?;
    Some(format!("{year}-{:02}", i + 1))
}

/// Whether a word means "still going on" in any language (or commonly in English).
pub(super) fn is_present(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c| c == '*' || c == '_')
        .trim()
        .to_lowercase();
    ["present", "current", "now", "today", "ongoing", "date"].contains(&t.as_str())
        || all().iter().any(|w| w.present.to_lowercase() == t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_loads_with_patterns() {
        assert_eq!(all().len(), 38);
        for w in all() {
            assert_eq!(w.patterns.len(), 3, "{}", w.code);
            assert_eq!(w.months.len(), 12, "{}", w.code);
        }
    }

    #[test]
    fn dates_read_back() {
        let de = all().iter().find(|w| w.code == "de").unwrap();
        assert_eq!(de.date("März 2020").as_deref(), Some("2020-03"));
        assert_eq!(de.date("03/2020").as_deref(), Some("2020-03"));
        let ja = all().iter().find(|w| w.code == "ja").unwrap();
        assert_eq!(ja.date("2025年4月").as_deref(), Some("2025-04"));
        let en = &all()[0];
        assert_eq!(any_date("Jan 2021", en).as_deref(), Some("2021-01"));
        assert_eq!(any_date("2019", en).as_deref(), Some("2019"));
        assert_eq!(any_date("2019-3", en).as_deref(), Some("2019-03"));
        assert_eq!(any_date("Sept 2019", en).as_deref(), Some("2019-09"));
        assert_eq!(any_date("janvier 2019", en).as_deref(), Some("2019-01"));
        assert!(is_present("Present") && is_present("heute") && !is_present("2019"));
    }

    #[test]
    fn numbers_without_a_year_are_no_dates() {
        use super::super::entries::is_dates;
        let en = &all()[0];
        // Found by the round-trip property: a summary line under a heading.
        assert!(!is_dates("50% 50%", en));
        assert!(is_dates("03/20 – 05/22", en));
        assert!(is_dates("2019 – 2021", en));
    }
}
