//! Resume dates: ISO 8601 at year, month or day precision, "present", or free text.
//!
//! Real files write dates in many ways (`2023-9`, `2025.05`, `09/2019`,
//! `2020-01-01T00:00:00Z`, `March 2020`). Each is parsed straight from its
//! digits, never through a time zone, so `2020-01-01` can never become
//! December 2019. Anything that is not a real calendar date is kept as text.

use serde::Serialize;

/// A calendar date with optional month and day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// ISO 8601 at the date's own precision: `2020`, `2020-03` or `2020-03-14`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => format!("{:04}-{:02}", self.year, m),
            _ => format!("{:04}", self.year),
        }
    }
}

/// A date as found in a resume.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "lowercase")]
pub enum Date {
    /// A real calendar date.
    Exact(PartialDate),
    /// "present", "now", "current", "ongoing" and their translations.
    Present,
    /// Anything else, kept verbatim so that nothing is lost.
    Text(String),
}

/// Words that mean "still going on" in an end date (lower-case).
const PRESENT_WORDS: &[&str] = &[
    "present",
    "now",
    "current",
    "currently",
    "ongoing",
    "on-going",
    "today",
    "to date",
    "till date",
    "till now",
    "until now",
    "heute",
    "aktuell",
    "laufend",
    "bis heute",
    "actuel",
    "aujourd'hui",
    "aujourd’hui",
    "en cours",
    "présent",
    "actualidad",
    "presente",
    "actual",
    "atual",
    "atualmente",
    "oggi",
    "in corso",
    "heden",
    "nu",
    "obecnie",
    "teraz",
    "настоящее время",
    "наст. время",
    "по настоящее время",
    "сейчас",
    "現在",
    "至今",
    "现在",
    "目前",
    "현재",
    "재직중",
    "الآن",
    "حتى الآن",
    "היום",
    "כיום",
];

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// What parsing a date string found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parse {
    /// Blank: no date.
    Empty,
    /// A date in the resume's canonical form (ISO at some precision).
    Canonical(Date),
    /// A date that was read but written in a non-standard way (a note says how).
    Reinterpreted(Date, &'static str),
    /// Not a date; kept as text (the note says why).
    Text(String, &'static str),
}

/// Parses a date string as written in a resume.
pub fn parse(raw: &str) -> Parse {
    let s = raw.trim();
    if s.is_empty() {
        return Parse::Empty;
    }
    let lower = s.to_lowercase();
    let lower = lower.trim_end_matches('.');
    if PRESENT_WORDS.contains(&lower) {
        return Parse::Canonical(Date::Present);
    }
    // Datetimes: keep the date part as written; never convert time zones.
    let (date_part, had_time) = match s.find(['T', ' ']) {
        Some(i) if i >= 8 && s[..i].bytes().all(|b| b.is_ascii_digit() || b == b'-') => {
            (&s[..i], true)
        }
        _ => (s, false),
    };
    if let Some(parts) = numeric_parts(date_part) {
        return from_numbers(s, &parts, had_time);
    }
    if let Some(d) = month_name_year(s) {
        return match d {
            Some(d) => Parse::Reinterpreted(Date::Exact(d), "month name read as a date"),
            None => Parse::Text(s.to_string(), "not a calendar date; kept as text"),
        };
    }
    Parse::Text(s.to_string(), "not a date; kept as text")
}

/// Splits `2023-09-28`, `2025.05`, `09/2019` into (numbers, separator).
fn numeric_parts(s: &str) -> Option<(Vec<&str>, char)> {
    let sep = if s.bytes().all(|b| b.is_ascii_digit()) {
        '-'
    } else {
        s.chars().find(|c| !c.is_ascii_digit())?
    };
    if !matches!(sep, '-' | '.' | '/') {
        return None;
    }
    let parts: Vec<&str> = s.split(sep).collect();
    if parts.len() > 3
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    Some((parts, sep))
}

fn from_numbers(original: &str, (parts, sep): &(Vec<&str>, char), had_time: bool) -> Parse {
    let num = |p: &str| p.parse::<u16>().ok();
    let (year, month, day, year_first) = match parts.as_slice() {
        [y] if y.len() == 4 => (num(y), None, None, true),
        [y, m] if y.len() == 4 && m.len() <= 2 => (num(y), num(m), None, true),
        [m, y] if y.len() == 4 && m.len() <= 2 => (num(y), num(m), None, false),
        [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => (num(y), num(m), num(d), true),
        _ => return Parse::Text(original.to_string(), "not a date; kept as text"),
    };
    let Some(year) = year.filter(|y| *y >= 1000) else {
        return Parse::Text(original.to_string(), "not a date; kept as text");
    };
    let month = match month {
        Some(m) if (1..=12).contains(&m) => Some(m as u8),
        Some(_) => {
            return Parse::Text(original.to_string(), "impossible month; kept as text");
        }
        None => None,
    };
    let day = match (month, day) {
        (Some(m), Some(d)) if d >= 1 && d <= u16::from(days_in_month(year, m)) => Some(d as u8),
        (_, Some(_)) => return Parse::Text(original.to_string(), "impossible day; kept as text"),
        _ => None,
    };
    let date = Date::Exact(PartialDate { year, month, day });
    let canonical = *sep == '-'
        && year_first
        && !had_time
        && parts.iter().skip(1).all(|p| p.len() == 2)
        && parts.first().is_some_and(|p| p.len() == 4);
    if canonical {
        Parse::Canonical(date)
    } else if had_time {
        Parse::Reinterpreted(date, "date-time read as its date")
    } else {
        Parse::Reinterpreted(date, "non-standard date format read as a date")
    }
}

/// `March 2020`, `Mar. 2020`, `2020 March`; `Some(None)` when the month is valid but the year is not.
fn month_name_year(s: &str) -> Option<Option<PartialDate>> {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let (m, y) = match words.as_slice() {
        [a, b] if b.bytes().all(|c| c.is_ascii_digit()) => (*a, *b),
        [a, b] if a.bytes().all(|c| c.is_ascii_digit()) => (*b, *a),
        _ => return None,
    };
    let m = m.trim_end_matches('.').to_lowercase();
    if m.len() < 3 || !m.is_ascii() {
        return None;
    }
    let month = MONTHS.iter().position(|name| m.starts_with(name))?;
    let full = *[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
    .get(month)?;
    if !full.starts_with(m.as_str()) && (m != "sept") {
        return None;
    }
    let year = y.parse::<u16>().ok().filter(|y| (1000..=9999).contains(y));
    Some(year.map(|year| PartialDate {
        year,
        month: Some(month as u8 + 1),
        day: None,
    }))
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        _ => 28,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(year: u16, month: Option<u8>, day: Option<u8>) -> Date {
        Date::Exact(PartialDate { year, month, day })
    }

    fn date_of(s: &str) -> Option<Date> {
        match parse(s) {
            Parse::Canonical(d) | Parse::Reinterpreted(d, _) => Some(d),
            _ => None,
        }
    }

    #[test]
    fn iso_forms_are_canonical() {
        assert_eq!(parse("2020"), Parse::Canonical(exact(2020, None, None)));
        assert_eq!(
            parse("2020-03"),
            Parse::Canonical(exact(2020, Some(3), None))
        );
        assert_eq!(
            parse("2020-03-14"),
            Parse::Canonical(exact(2020, Some(3), Some(14)))
        );
    }

    #[test]
    fn loose_forms_are_read() {
        assert_eq!(date_of("2023-9"), Some(exact(2023, Some(9), None)));
        assert_eq!(date_of("2023-9-28"), Some(exact(2023, Some(9), Some(28))));
        assert_eq!(date_of("2025.05"), Some(exact(2025, Some(5), None)));
        assert_eq!(date_of("09/2019"), Some(exact(2019, Some(9), None)));
        assert_eq!(date_of("9/2019"), Some(exact(2019, Some(9), None)));
        assert_eq!(date_of("March 2020"), Some(exact(2020, Some(3), None)));
        assert_eq!(date_of("Sept. 2020"), Some(exact(2020, Some(9), None)));
        assert_eq!(date_of("Sep 2020"), Some(exact(2020, Some(9), None)));
    }

    #[test]
    fn datetimes_keep_their_calendar_date() {
        assert_eq!(
            date_of("2020-01-01T00:00:00.000Z"),
            Some(exact(2020, Some(1), Some(1)))
        );
        assert_eq!(
            date_of("2019-12-31T23:00:00-05:00"),
            Some(exact(2019, Some(12), Some(31)))
        );
    }

    #[test]
    fn present_words() {
        for w in [
            "present", "Present", "NOW", "current", "Ongoing", "heute", "至今",
        ] {
            assert_eq!(parse(w), Parse::Canonical(Date::Present), "{w}");
        }
    }

    #[test]
    fn impossible_and_free_text_are_kept() {
        assert!(matches!(parse("2020-02-30"), Parse::Text(t, _) if t == "2020-02-30"));
        assert!(matches!(parse("2021-02-29"), Parse::Text(..)));
        assert_eq!(date_of("2020-02-29"), Some(exact(2020, Some(2), Some(29))));
        assert!(matches!(parse("2020-13"), Parse::Text(..)));
        assert!(matches!(parse("asd"), Parse::Text(t, _) if t == "asd"));
        assert!(matches!(parse("2016 ~ 2020"), Parse::Text(..)));
        assert!(matches!(parse("Fall 2023"), Parse::Text(..)));
        assert!(matches!(parse("<START_DATE>"), Parse::Text(..)));
        assert!(matches!(parse("2013-12-021"), Parse::Text(..)));
        assert_eq!(parse("  "), Parse::Empty);
    }
}
