//! Dates in running text: month names of every built-in language, numeric forms, year ranges and "Present".

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::document::{Labels, SECTION_IDS};

/// A date or date range found in a line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    /// As written.
    pub text: String,
    /// `2020-01` or `2020`.
    pub start: String,
    /// The end of a range; `None` for a single date or an ongoing range.
    pub end: Option<String>,
    /// Ends with "Present" (or the like).
    pub ongoing: bool,
}

/// A recognised point in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    pub year: u16,
    pub month: Option<u8>,
}

impl When {
    pub fn iso(&self) -> String {
        match self.month {
            Some(m) => format!("{}-{m:02}", self.year),
            None => self.year.to_string(),
        }
    }

    /// From `2020`, `2020-03` or `2020-03-15`.
    pub fn parse_iso(s: &str) -> Option<When> {
        let mut parts = s.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts
            .next()
            .and_then(|m| m.parse().ok())
            .filter(|m| (1..=12).contains(m));
        Some(When { year, month })
    }

    /// The same time, to the precision both give.
    pub fn matches(&self, other: &When) -> bool {
        self.year == other.year
            && match (self.month, other.month) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
    }
}

/// The languages whose three-letter month abbreviations are all read. For the
/// others, an abbreviation of three plain letters is left out: Czech "led",
/// "dub" and "pro" or Croatian "lip" and "kol" are English words or another
/// language's month ("lis" is November in Czech, October in Croatian), and
/// "Led 2021 migration" is not a date.
const FIRST_LANGUAGES: &[&str] = &[
    "en", "de", "fr", "es", "pt", "it", "nl", "pl", "ru", "ja", "zh", "ko", "ar", "he",
];

fn is_short_ascii(name: &str) -> bool {
    let n = name.trim().trim_end_matches('.');
    n.chars().count() <= 3 && n.chars().all(|c| c.is_ascii_alphabetic())
}

/// Lower-case month names (without a final full stop) and their numbers.
fn month_names() -> Vec<(String, u8)> {
    let mut out: Vec<(String, u8)> = Vec::new();
    let mut add = |name: &str, m: u8| {
        let n = name.trim().trim_end_matches(['.', '׳']).to_lowercase();
        // CJK month names ("1月") are matched by the year-first pattern.
        if n.chars().count() >= 3
            && !n.chars().any(|c| c.is_ascii_digit())
            && !out.iter().any(|(x, _)| *x == n)
        {
            out.push((n, m));
        }
    };
    for code in Labels::builtin_codes() {
        if let Some(l) = Labels::builtin(code) {
            let every_short = FIRST_LANGUAGES.contains(&code);
            for (i, (short, long)) in l.months.iter().zip(l.months_long.iter()).enumerate() {
                let m = (i + 1) as u8;
                if every_short || !is_short_ascii(short) {
                    add(short, m);
                }
                add(long, m);
            }
        }
    }
    for (name, m) in [
        ("sept", 9),
        ("june", 6),
        ("july", 7),
        ("janv", 1),
        ("févr", 2),
        ("juil", 7),
    ] {
        add(name, m);
    }
    out.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
    out
}

/// Words for "up to now", lower-case.
fn present_words() -> Vec<String> {
    let mut out: Vec<String> = [
        "present",
        "current",
        "currently",
        "now",
        "today",
        "ongoing",
        "to date",
        "date",
        "heute",
        "aktuell",
        "jetzt",
        "presente",
        "actual",
        "actualidad",
        "aujourd'hui",
        "aujourd’hui",
        "en cours",
        "oggi",
        "attuale",
        "heden",
        "nu",
        "obecnie",
        "atual",
        "atualmente",
        "настоящее время",
        "наст. время",
        "н.в.",
        "現在",
        "至今",
        "现在",
        "현재",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for code in Labels::builtin_codes() {
        if let Some(l) = Labels::builtin(code) {
            let p = l.present.to_lowercase();
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    out
}

struct Patterns {
    date: Regex,
    present: Regex,
    separator: Regex,
    months: Vec<(String, u8)>,
}

static PATTERNS: LazyLock<Option<Patterns>> = LazyLock::new(|| {
    let months = month_names();
    let names: Vec<String> = months.iter().map(|(n, _)| regex::escape(n)).collect();
    let year = r"(?:19|20)\d{2}";
    let date = format!(
        r"(?i)\b(?:(?P<mname>{names})\.?(?:\s+de)?[\s,]+(?P<y1>{year})|(?P<y4>{year})\s*[年년]\s*(?P<m4>1[0-2]|0?[1-9])\s*[月월]|(?P<m2>1[0-2]|0?[1-9])\s*[/.]\s*(?P<y2>{year})|(?P<y3>{year})\s*[/.\-]\s*(?P<m3>1[0-2]|0[1-9])|(?P<y5>{year}))(?:\b|$)",
        names = names.join("|")
    );
    let present: Vec<String> = present_words().iter().map(|p| regex::escape(p)).collect();
    Some(Patterns {
        date: Regex::new(&date).ok()?,
        present: Regex::new(&format!(r"(?i)^(?:{})", present.join("|"))).ok()?,
        separator: Regex::new(
            r"(?i)^\s*(?:[-‐‑‒–—―~〜～]|to|until|till|bis|à|au|a|al|hasta|tot|do|по)\s*",
        )
        .ok()?,
        months,
    })
});

/// The first date at or after `from` in `line`, with its byte span.
fn date_at(p: &Patterns, line: &str, from: usize) -> Option<(usize, usize, When)> {
    let c = p.date.captures_at(line, from)?;
    let whole = c.get(0)?;
    let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u16>().ok());
    let when = if let Some(y) = num("y1") {
        let name = c.name("mname")?.as_str().to_lowercase();
        let month = p.months.iter().find(|(n, _)| *n == name).map(|(_, m)| *m);
        When { year: y, month }
    } else if let Some(y) = num("y4") {
        When {
            year: y,
            month: num("m4").map(|m| m as u8),
        }
    } else if let Some(y) = num("y2") {
        When {
            year: y,
            month: num("m2").map(|m| m as u8),
        }
    } else if let Some(y) = num("y3") {
        When {
            year: y,
            month: num("m3").map(|m| m as u8),
        }
    } else {
        When {
            year: num("y5")?,
            month: None,
        }
    };
    Some((whole.start(), whole.end(), when))
}

/// Dates and date ranges in a line. A year alone counts only in a short line
/// (a bare number in a sentence is too often something else).
pub fn find(line: &str) -> Vec<(Found, When, Option<When>)> {
    let Some(p) = PATTERNS.as_ref() else {
        return Vec::new();
    };
    let short = line.split_whitespace().count() <= 8;
    let mut out = Vec::new();
    let mut at = 0;
    while let Some((start, end, when)) = date_at(p, line, at) {
        at = end.max(start + 1);
        let rest = line.get(end..).unwrap_or("");
        let mut range_end = None;
        let mut ongoing = false;
        let mut stop = end;
        if let Some(sep) = p.separator.find(rest) {
            let after = end + sep.end();
            if let Some(pm) = line.get(after..).and_then(|r| p.present.find(r)) {
                ongoing = true;
                stop = after + pm.end();
            } else if let Some((s2, e2, w2)) = date_at(p, line, after)
                && s2 == after
            {
                range_end = Some(w2);
                stop = e2;
            }
        }
        if range_end.is_none() && !ongoing && when.month.is_none() && !short {
            continue;
        }
        at = stop.max(at);
        let text = line.get(start..stop).unwrap_or("").trim().to_string();
        out.push((
            Found {
                text,
                start: when.iso(),
                end: range_end.map(|w| w.iso()),
                ongoing,
            },
            when,
            range_end,
        ));
    }
    out
}

/// Section ids by their titles in every built-in language, lower-case.
pub fn section_titles() -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for code in Labels::builtin_codes() {
        let Some(l) = Labels::builtin(code) else {
            continue;
        };
        for id in SECTION_IDS {
            if let Some(t) = l.section_title(id) {
                out.push((t.to_lowercase(), *id));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str) -> Vec<(String, String, Option<String>, bool)> {
        find(line)
            .into_iter()
            .map(|(f, _, _)| (f.text, f.start, f.end, f.ongoing))
            .collect()
    }

    #[test]
    fn added_languages_are_read_without_taking_english_words_for_months() {
        let s = |x: &str| x.to_string();
        assert_eq!(
            texts("Vývojář, Acme leden 2020 – dosud"),
            [(s("leden 2020 – dosud"), s("2020-01"), None, true)]
        );
        assert_eq!(
            texts("Yazılım Mühendisi Ocak 2019 – Mart 2021 arası çalıştı"),
            [(
                s("Ocak 2019 – Mart 2021"),
                s("2019-01"),
                Some(s("2021-03")),
                false
            )]
        );
        // Czech "led" (January) is also an English verb.
        let found = find("Led 2021 migration of the billing platform to Kafka and Rust");
        assert!(found.iter().all(|(_, w, _)| w.month.is_none()), "{found:?}");
    }

    #[test]
    fn common_forms_are_recognised() {
        let s = |x: &str| x.to_string();
        assert_eq!(
            texts("Engineer, Acme Jan 2020 – Present"),
            [(s("Jan 2020 – Present"), s("2020-01"), None, true)]
        );
        assert_eq!(
            texts("2019–2021"),
            [(s("2019–2021"), s("2019"), Some(s("2021")), false)]
        );
        assert_eq!(
            texts("03/2020 - 05/2022"),
            [(
                s("03/2020 - 05/2022"),
                s("2020-03"),
                Some(s("2022-05")),
                false
            )]
        );
        assert_eq!(
            texts("Sept. 2019 bis heute"),
            [(s("Sept. 2019 bis heute"), s("2019-09"), None, true)]
        );
        assert_eq!(
            texts("2020年4月 〜 現在"),
            [(s("2020年4月 〜 現在"), s("2020-04"), None, true)]
        );
        assert_eq!(texts("janv. 2018 – déc. 2019").len(), 1);
        assert_eq!(
            texts("2020-03"),
            [(s("2020-03"), s("2020-03"), None, false)]
        );
    }

    #[test]
    fn bare_numbers_in_sentences_are_not_dates() {
        assert!(
            texts("Cut the cost of the 2019 budget review process by a lot for the team")
                .is_empty()
        );
        assert_eq!(texts("Award 2014").len(), 1);
    }
}
