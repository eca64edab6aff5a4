//! The words the builder adds to a resume: section titles, month names, "Present", contact labels.
//!
//! Built-in languages come from `layouts/i18n/<code>.toml`, compiled into the
//! binary. A layout folder may carry its own `i18n/<code>.toml` that sets any
//! subset of the keys over the built-in file (or over English, for a language
//! that is not built in).

use serde::{Deserialize, Serialize};

/// Fills a date pattern: `{year}`, `{mon}` (short month), `{month}` (long month),
/// `{m}` (1–12) and `{mm}` (01–12). The one place dates are spelt out, for the
/// builder and for custom templates' `date` helper alike.
pub fn fill_date(pattern: &str, year: &str, month: usize, short: &str, long: &str) -> String {
    pattern
        .replace("{year}", year)
        .replace("{mon}", short)
        .replace("{month}", long)
        .replace("{mm}", &format!("{month:02}"))
        .replace("{m}", &month.to_string())
}

/// Built-in languages: code and file. The first fourteen came first; their order
/// decides which language a month name shared by two is read as (`check`).
static BUILTIN: &[(&str, &str)] = &[
    ("en", include_str!("../../layouts/i18n/en.toml")),
    ("de", include_str!("../../layouts/i18n/de.toml")),
    ("fr", include_str!("../../layouts/i18n/fr.toml")),
    ("es", include_str!("../../layouts/i18n/es.toml")),
    ("pt", include_str!("../../layouts/i18n/pt.toml")),
    ("it", include_str!("../../layouts/i18n/it.toml")),
    ("nl", include_str!("../../layouts/i18n/nl.toml")),
    ("pl", include_str!("../../layouts/i18n/pl.toml")),
    ("ru", include_str!("../../layouts/i18n/ru.toml")),
    ("ja", include_str!("../../layouts/i18n/ja.toml")),
    ("zh", include_str!("../../layouts/i18n/zh.toml")),
    ("ko", include_str!("../../layouts/i18n/ko.toml")),
    ("ar", include_str!("../../layouts/i18n/ar.toml")),
    ("he", include_str!("../../layouts/i18n/he.toml")),
    ("bg", include_str!("../../layouts/i18n/bg.toml")),
    ("bn", include_str!("../../layouts/i18n/bn.toml")),
    ("ca", include_str!("../../layouts/i18n/ca.toml")),
    ("cs", include_str!("../../layouts/i18n/cs.toml")),
    ("da", include_str!("../../layouts/i18n/da.toml")),
    ("el", include_str!("../../layouts/i18n/el.toml")),
    ("fa", include_str!("../../layouts/i18n/fa.toml")),
    ("fi", include_str!("../../layouts/i18n/fi.toml")),
    ("hi", include_str!("../../layouts/i18n/hi.toml")),
    ("hr", include_str!("../../layouts/i18n/hr.toml")),
    ("hu", include_str!("../../layouts/i18n/hu.toml")),
    ("id", include_str!("../../layouts/i18n/id.toml")),
    ("ms", include_str!("../../layouts/i18n/ms.toml")),
    ("nb", include_str!("../../layouts/i18n/nb.toml")),
    ("ro", include_str!("../../layouts/i18n/ro.toml")),
    ("sk", include_str!("../../layouts/i18n/sk.toml")),
    ("sr", include_str!("../../layouts/i18n/sr.toml")),
    ("sv", include_str!("../../layouts/i18n/sv.toml")),
    ("ta", include_str!("../../layouts/i18n/ta.toml")),
    ("th", include_str!("../../layouts/i18n/th.toml")),
    ("tr", include_str!("../../layouts/i18n/tr.toml")),
    ("uk", include_str!("../../layouts/i18n/uk.toml")),
    ("ur", include_str!("../../layouts/i18n/ur.toml")),
    ("vi", include_str!("../../layouts/i18n/vi.toml")),
];

/// Writing direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    /// The direction of a language's script, from its tag (`fa-IR`, `ur_PK`):
    /// right to left for Arabic, Hebrew, Persian, Urdu, Yiddish, Pashto, Sindhi
    /// and Uyghur, else left to right. For every backend, so they cannot disagree.
    pub fn of_language(tag: &str) -> Direction {
        let primary = Labels::primary(tag);
        match primary.as_str() {
            "ar" | "he" | "fa" | "ur" | "yi" | "ps" | "sd" | "ug" => Direction::Rtl,
            _ => Direction::Ltr,
        }
    }

    /// Whether the language of `tag` is written right to left (see [`Direction::of_language`]).
    pub fn right_to_left(tag: &str) -> bool {
        Direction::of_language(tag) == Direction::Rtl
    }
}

/// Localisable words used by the builder.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Labels {
    /// BCP 47 language tag these labels are for (`de`, `pt-BR`).
    pub language: String,
    /// The language's own name.
    pub name: String,
    pub direction: Direction,
    pub summary: String,
    pub work: String,
    pub volunteer: String,
    pub education: String,
    pub projects: String,
    pub awards: String,
    pub certificates: String,
    pub publications: String,
    pub skills: String,
    pub languages: String,
    pub interests: String,
    pub references: String,
    pub present: String,
    /// Short month names, January first.
    pub months: [String; 12],
    /// Full month names, January first.
    pub months_long: [String; 12],
    /// Date patterns with `{year}`, `{mon}`, `{month}`, `{m}`, `{mm}`.
    pub date_short: String,
    pub date_long: String,
    pub date_numeric: String,
    /// Between the two ends of a date range.
    pub range_separator: String,
    pub email: String,
    pub phone: String,
    pub website: String,
    pub location: String,
    pub profile: String,
    pub score: String,
    pub courses: String,
    pub roles: String,
    /// Joins a degree and its field ("Bachelor in Physics").
    pub degree_in: String,
    /// The document subject when there is no label.
    pub resume: String,
    /// A bundle's cover: its default title.
    pub candidates: String,
    /// The cover table's column heads: the name, `basics.label`, the first page.
    pub candidate: String,
    pub headline: String,
    pub page: String,
}

/// A labels file: every key optional, unknown keys refused.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelsFile {
    name: Option<String>,
    direction: Option<Direction>,
    summary: Option<String>,
    work: Option<String>,
    volunteer: Option<String>,
    education: Option<String>,
    projects: Option<String>,
    awards: Option<String>,
    certificates: Option<String>,
    publications: Option<String>,
    skills: Option<String>,
    languages: Option<String>,
    interests: Option<String>,
    references: Option<String>,
    present: Option<String>,
    months: Option<[String; 12]>,
    months_long: Option<[String; 12]>,
    date_short: Option<String>,
    date_long: Option<String>,
    date_numeric: Option<String>,
    range_separator: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    website: Option<String>,
    location: Option<String>,
    profile: Option<String>,
    score: Option<String>,
    courses: Option<String>,
    roles: Option<String>,
    degree_in: Option<String>,
    resume: Option<String>,
    candidates: Option<String>,
    candidate: Option<String>,
    headline: Option<String>,
    page: Option<String>,
}

/// A labels file that could not be read: 1-based position and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelsError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

fn parse_file(source: &str) -> Result<LabelsFile, LabelsError> {
    toml::from_str::<LabelsFile>(source).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |span| {
            let before = source.get(..span.start).unwrap_or("");
            (
                before.matches('\n').count() + 1,
                before.rsplit('\n').next().unwrap_or("").chars().count() + 1,
            )
        });
        LabelsError {
            line,
            column,
            message: e.message().trim().to_string(),
        }
    })
}

impl Labels {
    /// The primary subtag of a language tag, lower-case: `pt-BR` → `pt`.
    pub fn primary(tag: &str) -> String {
        tag.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    }

    /// Codes of the built-in languages.
    pub fn builtin_codes() -> Vec<&'static str> {
        BUILTIN.iter().map(|(c, _)| *c).collect()
    }

    /// English.
    pub fn english() -> Labels {
        Labels::builtin("en").unwrap_or_else(Labels::fallback)
    }

    /// A built-in language by tag (`de`, `pt-BR`), if there is one.
    pub fn builtin(tag: &str) -> Option<Labels> {
        let code = match Labels::primary(tag).as_str() {
            // Norwegian without a written form named is most often Bokmål.
            "no" => "nb".to_string(),
            other => other.to_string(),
        };
        let (_, source) = BUILTIN.iter().find(|(c, _)| *c == code)?;
        let base = if code == "en" {
            Labels::fallback()
        } else {
            Labels::english()
        };
        let mut labels = base.with_file(source).ok()?;
        labels.language = tag.replace('_', "-");
        Some(labels)
    }

    /// These labels with a labels file's keys set over them.
    pub fn with_file(&self, source: &str) -> Result<Labels, LabelsError> {
        let f = parse_file(source)?;
        let mut l = self.clone();
        macro_rules! set {
            ($($field:ident),*) => { $( if let Some(v) = f.$field { l.$field = v; } )* };
        }
        set!(
            name,
            direction,
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
            degree_in,
            resume,
            candidates,
            candidate,
            headline,
            page
        );
        Ok(l)
    }

    /// The title of a standard section by id.
    pub fn section_title(&self, id: &str) -> Option<&str> {
        Some(match id {
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
            _ => return None,
        })
    }

    /// The words used when even the built-in English file is unreadable (it never is; tests check).
    fn fallback() -> Labels {
        let s = |x: &str| x.to_string();
        Labels {
            language: s("en"),
            name: s("English"),
            direction: Direction::Ltr,
            summary: s("Summary"),
            work: s("Experience"),
            volunteer: s("Volunteering"),
            education: s("Education"),
            projects: s("Projects"),
            awards: s("Awards"),
            certificates: s("Certificates"),
            publications: s("Publications"),
            skills: s("Skills"),
            languages: s("Languages"),
            interests: s("Interests"),
            references: s("References"),
            present: s("Present"),
            months: [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ]
            .map(String::from),
            months_long: [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ]
            .map(String::from),
            date_short: s("{mon} {year}"),
            date_long: s("{month} {year}"),
            date_numeric: s("{mm}/{year}"),
            range_separator: s(" – "),
            email: s("Email"),
            phone: s("Phone"),
            website: s("Website"),
            location: s("Location"),
            profile: s("Profile"),
            score: s("Score"),
            courses: s("Courses"),
            roles: s("Roles"),
            degree_in: s(" in "),
            resume: s("Résumé"),
            candidates: s("Candidates"),
            candidate: s("Candidate"),
            headline: s("Headline"),
            page: s("Page"),
        }
    }
}

impl Default for Labels {
    fn default() -> Self {
        Labels::english()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_file_is_complete_and_valid() {
        for (code, source) in BUILTIN {
            let f = parse_file(source).unwrap_or_else(|e| panic!("{code}: {e:?}"));
            assert!(
                f.name.is_some() && f.months.is_some() && f.resume.is_some(),
                "{code} is incomplete"
            );
            assert!(f.summary.is_some() && f.date_short.is_some() && f.profile.is_some());
            assert!(
                f.candidates.is_some()
                    && f.candidate.is_some()
                    && f.headline.is_some()
                    && f.page.is_some(),
                "{code}: the bundle cover's words"
            );
        }
        assert_eq!(Labels::english(), Labels::fallback());
    }

    #[test]
    fn languages_resolve_by_primary_subtag() {
        let pt = Labels::builtin("pt-BR").unwrap();
        assert_eq!(pt.language, "pt-BR");
        assert_eq!(pt.work, "Experiência");
        assert_eq!(Labels::builtin("ar").unwrap().direction, Direction::Rtl);
        assert!(Labels::builtin("xx").is_none());
    }

    #[test]
    fn user_files_override_some_keys_and_refuse_unknown_ones() {
        let de = Labels::builtin("de").unwrap();
        let mine = de.with_file("work = \"Berufsweg\"\n").unwrap();
        assert_eq!(mine.work, "Berufsweg");
        assert_eq!(mine.education, "Ausbildung");
        let e = de.with_file("\nwrok = \"x\"\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("unknown field `wrok`"), "{}", e.message);
    }
}
