//! `--against`: each fact of the resume (name, contact, positions, employers, dates, highlights, skills) looked for, loosely, in the text a parser reads.

use serde::Serialize;

use super::dates::{self, When};
use super::{Line, Part};
use crate::document::{Block, ContactKind, Document, plain_text};

/// One fact of the resume.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    /// `name`, `email`, `phone`, `position`, `employer`, `title`, `organisation`, `dates`, `highlight` or `skill`.
    pub kind: &'static str,
    /// As the builder prints it.
    pub text: String,
    #[serde(skip)]
    when: Option<Span>,
}

/// The times a date fact stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Span {
    start: Option<When>,
    end: Option<When>,
    ongoing: bool,
}

/// A fact not found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Missing {
    pub kind: &'static str,
    pub text: String,
    /// Where it is instead: `header` or `footer` (which parsers skip), else `null`.
    pub only_in: Option<Part>,
}

/// How much of the resume a parser gets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recall {
    pub found: usize,
    pub total: usize,
    /// `found / total` (1 when there are no facts).
    pub recall: f64,
    pub missing: Vec<Missing>,
}

/// The facts of a built document, in document order, without repeats.
pub fn facts(doc: &Document) -> Vec<Fact> {
    let mut out: Vec<Fact> = Vec::new();
    let mut push = |kind: &'static str, text: &str, when: Option<Span>| {
        let text = text.trim();
        if !loose(text).is_empty() && !out.iter().any(|f| f.kind == kind && f.text == text) {
            out.push(Fact {
                kind,
                text: text.to_string(),
                when,
            });
        }
    };
    if let Some(n) = &doc.header.name {
        push("name", n, None);
    }
    for c in &doc.header.contacts {
        match c.kind {
            ContactKind::Email => push("email", &c.text, None),
            ContactKind::Phone => push("phone", &c.text, None),
            _ => {}
        }
    }
    for s in &doc.sections {
        let work = matches!(s.id.as_str(), "work" | "volunteer");
        for b in &s.blocks {
            match b {
                Block::Entry(e) => {
                    if let Some(t) = &e.title {
                        push(if work { "position" } else { "title" }, t, None);
                    }
                    if let Some(t) = &e.subtitle {
                        push(if work { "employer" } else { "organisation" }, t, None);
                    }
                    if let Some(d) = &e.dates {
                        let parse = |s: &Option<String>| s.as_deref().and_then(When::parse_iso);
                        let span = Span {
                            start: parse(&d.start),
                            end: parse(&d.end),
                            ongoing: d.ongoing,
                        };
                        push("dates", &d.text, Some(span));
                    }
                    for h in &e.bullets {
                        push("highlight", &plain_text(h), None);
                    }
                }
                Block::Keywords(k) if s.id == "skills" => {
                    for w in &k.keywords {
                        push("skill", w, None);
                    }
                }
                _ => {}
            }
        }
    }
    if let Some(letter) = &doc.letter {
        super::letter::facts(letter, &mut |kind, text| push(kind, text, None));
    }
    out
}

/// Text for loose matching: lower case, ligatures spelt out, letters and digits only
/// (so case, spaces, dashes, punctuation and hyphenation at line ends do not count).
pub fn loose(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out
}

/// A line's text with digits blanked, to spot running headers and footers.
fn shape(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// The lines a parser reads, without page numbers and running headers or footers,
/// which would otherwise cut a highlight that runs on to the next page.
pub(super) fn readable(lines: &[Line]) -> Vec<&Line> {
    let read: Vec<&Line> = lines
        .iter()
        .filter(|l| matches!(l.part, Part::Body | Part::Table | Part::TextBox))
        .collect();
    let mut edges: Vec<String> = Vec::new();
    let mut last_page = None;
    for (i, l) in read.iter().enumerate() {
        if l.page.is_some() && l.page != last_page {
            edges.push(shape(&l.text));
            if let Some(prev) = i.checked_sub(1).and_then(|p| read.get(p)) {
                edges.push(shape(&prev.text));
            }
        }
        last_page = l.page;
    }
    if let Some(l) = read.last() {
        edges.push(shape(&l.text));
    }
    read.into_iter()
        .filter(|l| {
            let t = l.text.trim();
            let running =
                l.page.is_some() && edges.iter().filter(|e| **e == shape(&l.text)).count() >= 2;
            !(super::recognise::is_page_number(t) || running)
        })
        .collect()
}

/// Looks for each fact in the report's text.
pub fn recall(facts: &[Fact], lines: &[Line]) -> Recall {
    let read = readable(lines);
    let hay = loose(
        &read
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let margins = |part: Part| {
        loose(
            &lines
                .iter()
                .filter(|l| l.part == part)
                .map(|l| l.text.as_str())
                .collect::<String>(),
        )
    };
    let (header, footer) = (margins(Part::Header), margins(Part::Footer));
    let spans: Vec<(When, Option<When>, bool)> = read
        .iter()
        .flat_map(|l| dates::find(&l.text))
        .map(|(f, start, end)| (start, end, f.ongoing))
        .collect();
    let mut missing = Vec::new();
    for f in facts {
        let key = loose(&f.text);
        if hay.contains(&key) || f.when.is_some_and(|w| dated(&w, &spans)) {
            continue;
        }
        let only_in = if header.contains(&key) {
            Some(Part::Header)
        } else if footer.contains(&key) {
            Some(Part::Footer)
        } else {
            None
        };
        missing.push(Missing {
            kind: f.kind,
            text: f.text.clone(),
            only_in,
        });
    }
    let total = facts.len();
    let found = total - missing.len();
    Recall {
        found,
        total,
        recall: if total == 0 {
            1.0
        } else {
            found as f64 / total as f64
        },
        missing,
    }
}

/// Whether a date fact is among the dates recognised in the text, in any format.
fn dated(w: &Span, spans: &[(When, Option<When>, bool)]) -> bool {
    let Some(start) = w.start else {
        return false;
    };
    spans.iter().any(|(s, e, ongoing)| {
        let single = w.end == w.start && !w.ongoing;
        if single {
            return s.matches(&start) || e.is_some_and(|e| e.matches(&start));
        }
        s.matches(&start)
            && match (w.end, e) {
                (Some(we), Some(e)) => we.matches(e),
                (None, _) if w.ongoing => *ongoing || e.is_none(),
                _ => false,
            }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_text_ignores_case_spacing_dashes_and_ligatures() {
        assert_eq!(loose("Jan 2020 – Present"), loose("jan 2020-present"));
        assert_eq!(
            loose("consis-\ntency in the oﬃce"),
            loose("consistency in the office")
        );
    }

    #[test]
    fn dates_match_in_other_formats() {
        let span = Span {
            start: When::parse_iso("2020-03"),
            end: When::parse_iso("2022-05-01"),
            ongoing: false,
        };
        let found: Vec<_> = dates::find("03/2020 - 05/2022")
            .into_iter()
            .map(|(f, s, e)| (s, e, f.ongoing))
            .collect();
        assert!(dated(&span, &found));
        let found: Vec<_> = dates::find("March 2020 – June 2022")
            .into_iter()
            .map(|(f, s, e)| (s, e, f.ongoing))
            .collect();
        assert!(!dated(&span, &found));
    }
}
