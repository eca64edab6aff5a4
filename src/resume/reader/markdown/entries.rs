//! One `### entry` of a section: its heading, date line, summary, bullets and keywords.

use serde_json::{Map, Value, json};

use super::blocks::{Block, Inl, Style, escape_text};
use super::header::strong_label;
use super::words::{Words, any_date, is_present};
use crate::resume::Warning;

/// What an entry holds, before it is given its section's field names.
#[derive(Debug, Default)]
pub(super) struct Entry {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub dates: Option<String>,
    pub location: Option<String>,
    pub url: Option<String>,
    /// An all-italic first paragraph (a work entry's description).
    pub description: Option<String>,
    pub summary: Vec<String>,
    pub highlights: Vec<String>,
    pub keywords: Vec<String>,
    /// `**Label:** value` paragraphs, with the label.
    pub labelled: Vec<(String, String)>,
}

/// How headings split into title and organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Headings {
    /// Our own form: `Title — Organisation` only.
    EmDash,
    /// Also `Title @ Company`, `Company | Title`, `Title, Company`, `Title – Company`.
    Common,
}

/// `Title — Company` and the other conventions, into (title, organisation).
pub(super) fn split_heading(text: &str, style: Headings) -> (String, Option<String>) {
    let t = text.trim();
    if let Some((a, b)) = t.split_once(" — ") {
        return (a.trim().into(), Some(b.trim().into()));
    }
    if style == Headings::EmDash {
        return (t.into(), None);
    }
    if let Some((a, b)) = t.split_once(" @ ").or_else(|| t.split_once(" at ")) {
        return (a.trim().into(), Some(b.trim().into()));
    }
    if let Some((a, b)) = t.split_once(" | ") {
        return (b.trim().into(), Some(a.trim().into()));
    }
    for sep in [" – ", " - ", ", "] {
        if let Some((a, b)) = t.split_once(sep) {
            return (a.trim().into(), Some(b.trim().into()));
        }
    }
    (t.into(), None)
}

/// Whether text reads as a date or date range (a year, a month name with a year, "Present").
pub(super) fn is_dates(text: &str, words: &Words) -> bool {
    let t = text.trim();
    if t.is_empty() || t.chars().count() > 60 {
        return false;
    }
    let sides = range_sides(t, words);
    sides.iter().all(|s| {
        let s = s.trim();
        is_present(s) || any_date(s, words).is_some() || words.date(s).is_some()
    }) || (t.split_whitespace().count() <= 6 && has_year(t))
}

/// Whether text holds a year (four digits in a row) or a numeric date such
/// as `03/20`: not just digits (`50% 50%` is no date).
fn has_year(t: &str) -> bool {
    let mut runs = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|r| !r.is_empty());
    let numeric = t.as_bytes().windows(3).any(
        |w| matches!(w, [a, b'/' | b'.' | b'-', c] if a.is_ascii_digit() && c.is_ascii_digit()),
    );
    numeric || runs.any(|r| r.len() == 4)
}

/// The two ends of a range (or one).
fn range_sides<'a>(t: &'a str, words: &Words) -> Vec<&'a str> {
    let seps = [
        words.range_separator.as_str(),
        " – ",
        " — ",
        " - ",
        " to ",
        " ~ ",
        " 〜 ",
        "–",
        "—",
    ];
    for sep in seps {
        if !sep.is_empty()
            && let Some((a, b)) = t.split_once(sep)
        {
            return vec![a, b];
        }
    }
    // `2019-2021` (two years around a hyphen).
    if let Some((a, b)) = t.split_once('-')
        && a.trim().len() == 4
        && a.trim().chars().all(|c| c.is_ascii_digit())
        && (b.trim().len() == 4 || is_present(b))
    {
        return vec![a, b];
    }
    vec![t]
}

/// A date or range into JSON Resume's `startDate`/`endDate` (`date` when `single`).
pub(super) fn put_dates(
    obj: &mut Map<String, Value>,
    text: &str,
    words: &Words,
    single: Option<&str>,
) {
    let one = |s: &str| -> Option<String> {
        let s = s.trim();
        if s.is_empty() {
            return None;
        }
        Some(
            words
                .date(s)
                .or_else(|| any_date(s, words))
                .unwrap_or_else(|| s.to_string()),
        )
    };
    if let Some(key) = single {
        if let Some(d) = one(text) {
            obj.insert(key.into(), Value::String(d));
        }
        return;
    }
    let sides = range_sides(text.trim(), words);
    match sides.as_slice() {
        [a, b] => {
            if let Some(s) = one(a) {
                obj.insert("startDate".into(), Value::String(s));
            }
            let b = b.trim();
            let starts = obj.contains_key("startDate");
            if !(starts && is_present(b))
                && let Some(e) = one(b)
            {
                obj.insert("endDate".into(), Value::String(e));
            }
        }
        [a] => {
            let a = a.trim();
            if is_present(a) {
                obj.insert("endDate".into(), Value::String(a.to_string()));
            } else if let Some(s) = one(a) {
                obj.insert("startDate".into(), Value::String(s.clone()));
                obj.insert("endDate".into(), Value::String(s));
            }
        }
        _ => {}
    }
}

/// Reads the blocks of one entry (after its heading).
pub(super) struct EntryReader<'a> {
    pub words: &'a Words,
    /// Whether a first short plain paragraph is a location (our own output).
    pub ours: bool,
    /// Whether an italic paragraph after the bullets holds keywords.
    pub keywords: bool,
    pub warnings: &'a mut Vec<Warning>,
}

impl EntryReader<'_> {
    pub fn read(&mut self, heading: &Inl, blocks: &[Block], style: Headings) -> Entry {
        let mut e = Entry::default();
        let heading_text = heading.plain();
        let (title, subtitle) = split_heading(&heading_text, style);
        e.title = Some(title).filter(|t| !t.is_empty());
        e.subtitle = subtitle.filter(|t| !t.is_empty());
        if let Some(url) = heading.pieces.iter().find_map(|p| match &p.style {
            Style::Link(u) => Some(u.clone()),
            _ => None,
        }) {
            e.url = Some(url);
        }
        let mut rest = blocks;
        if let Some((Block::Para { inl, .. }, after)) = rest.split_first()
            && self.meta_line(inl, &mut e)
        {
            rest = after;
        }
        self.body(rest, &mut e);
        e
    }

    /// The line under the heading: dates, place, link. `false` when it is not one.
    fn meta_line(&mut self, inl: &Inl, e: &mut Entry) -> bool {
        let lines = inl.lines();
        let Some(first) = lines.first() else {
            return false;
        };
        let segs = segments(first);
        let Some((lead, _)) = segs.first() else {
            return false;
        };
        let starts_italic = first.pieces.first().is_some_and(|p| p.style == Style::Emph);
        let dated = is_dates(lead, self.words);
        let several = segs.len() > 1;
        let ours_italic = starts_italic && (several || dated);
        let plain_place = self.ours
            && !dated
            && first
                .pieces
                .first()
                .is_some_and(|p| p.style == Style::Plain)
            && lines.len() == 1
            && first.plain().chars().count() <= 80
            && !first.plain().ends_with('.');
        if !(ours_italic
            || dated
            || plain_place
            || (several && segs.iter().any(|(s, _)| is_dates(s, self.words))))
        {
            return false;
        }
        let mut found_date = false;
        for (text, url) in &segs {
            if let Some(u) = url {
                e.url.get_or_insert_with(|| u.clone());
            } else if !found_date
                && (is_dates(text, self.words)
                    || (starts_italic && !found_date && e.dates.is_none() && text == lead))
                && !plain_place
            {
                e.dates = Some(text.clone());
                found_date = true;
            } else if e.location.is_none() && (found_date || e.subtitle.is_some() || plain_place) {
                e.location = Some(text.clone());
            } else if e.subtitle.is_none() {
                e.subtitle = Some(text.clone());
            } else {
                let loc = e.location.get_or_insert_with(String::new);
                if !loc.is_empty() {
                    loc.push_str(", ");
                }
                loc.push_str(text);
            }
        }
        for l in lines.iter().skip(1) {
            e.summary.push(l.rich.clone());
        }
        true
    }

    fn body(&mut self, blocks: &[Block], e: &mut Entry) {
        // The last run of bullets is the highlights; earlier lists belong to the summary.
        let last_list_start = blocks.iter().rposition(|b| {
            matches!(
                b,
                Block::Item { first: true, .. } | Block::Item { gap: true, .. }
            )
        });
        let mut first_para = true;
        for (i, b) in blocks.iter().enumerate() {
            match b {
                Block::Para { inl, .. } => {
                    let after_bullets = last_list_start.is_some_and(|s| i > s);
                    if first_para
                        && self.keywords
                        && e.summary.is_empty()
                        && inl.only(&Style::Emph)
                        && !after_bullets
                    {
                        e.description = Some(inner_rich(inl));
                    } else if self.keywords
                        && inl.only(&Style::Emph)
                        && i + 1 == blocks.len()
                        && !first_para
                    {
                        e.keywords = inl
                            .plain()
                            .split(", ")
                            .map(|k| k.trim().to_string())
                            .filter(|k| !k.is_empty())
                            .collect();
                    } else if let Some((label, value)) = strong_label(inl) {
                        e.labelled.push((label, value));
                    } else {
                        e.summary.push(para_text(inl));
                    }
                    first_para = false;
                }
                Block::Item {
                    inl, gap, first, ..
                } => {
                    if last_list_start.is_some_and(|s| i >= s) {
                        e.highlights.push(inl.rich.clone());
                    } else {
                        let sep = if *first || *gap { "\n\n" } else { "\n" };
                        match e.summary.last_mut() {
                            Some(last) if last.starts_with("- ") && sep == "\n" => {
                                last.push('\n');
                                last.push_str(&format!("- {}", inl.rich));
                            }
                            _ => e.summary.push(format!("- {}", inl.rich)),
                        }
                    }
                    first_para = false;
                }
                Block::Heading { line, inl, .. } => {
                    self.warnings.push(Warning {
                        path: format!("line {line}"),
                        message: "a heading inside an entry; kept as a line of its summary".into(),
                    });
                    e.summary.push(format!("**{}**", escape_text(&inl.plain())));
                }
                Block::Other { line, text } => {
                    self.warnings.push(Warning {
                        path: format!("line {line}"),
                        message:
                            "code, HTML or a table inside an entry; kept as text in its summary"
                                .into(),
                    });
                    e.summary.push(escape_text(text));
                }
                Block::Rule { .. } => {}
            }
        }
    }
}

/// A paragraph as summary text: a line starting like a bullet is escaped.
pub(super) fn para_text(inl: &Inl) -> String {
    inl.rich
        .lines()
        .map(|l| {
            if l.starts_with("- ") || l.starts_with("+ ") {
                format!("\\{l}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The markup inside an all-italic paragraph.
fn inner_rich(inl: &Inl) -> String {
    let r = inl.rich.trim();
    r.strip_prefix('*')
        .and_then(|x| x.strip_suffix('*'))
        .unwrap_or(r)
        .to_string()
}

/// A line split at ` · ` and ` | ` into (text, link target) segments.
pub(super) fn segments(line: &Inl) -> Vec<(String, Option<String>)> {
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<(String, Option<String>)>| {
        let t = cur.trim().to_string();
        if !t.is_empty() {
            out.push((t, None));
        }
        cur.clear();
    };
    let dotted = line.plain().contains(" · ");
    for p in &line.pieces {
        match &p.style {
            Style::Link(url) => {
                flush(&mut cur, &mut out);
                out.push((p.text.trim().to_string(), Some(url.clone())));
            }
            Style::Emph | Style::Strong => {
                flush(&mut cur, &mut out);
                out.push((p.text.trim().to_string(), None));
            }
            _ => {
                let text = p.text.replace('\n', " ");
                let parts: Vec<&str> = if dotted {
                    text.split(" · ").collect()
                } else {
                    text.split(" | ").flat_map(|x| x.split(" · ")).collect()
                };
                for (i, part) in parts.iter().enumerate() {
                    if i > 0 {
                        flush(&mut cur, &mut out);
                    }
                    cur.push_str(part);
                }
            }
        }
    }
    flush(&mut cur, &mut out);
    out.retain(|(t, _)| !t.trim().is_empty() && t.trim() != "·" && t.trim() != "|");
    out
}

/// An entry as a JSON object with the field names of section `id`.
pub(super) fn entry_value(e: Entry, id: &str, words: &Words) -> Value {
    let mut o = Map::new();
    let put = |o: &mut Map<String, Value>, k: &str, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
            o.insert(k.into(), Value::String(v));
        }
    };
    let summary = (!e.summary.is_empty()).then(|| e.summary.join("\n\n"));
    let mut labelled_rest = Vec::new();
    match id {
        "education" => {
            match e.subtitle {
                Some(inst) => {
                    put(&mut o, "institution", Some(inst));
                    let degree = e.title.unwrap_or_default();
                    match degree
                        .split_once(words.degree_in.as_str())
                        .filter(|_| !words.degree_in.trim().is_empty())
                    {
                        Some((t, a)) => {
                            put(&mut o, "studyType", Some(t.to_string()));
                            put(&mut o, "area", Some(a.to_string()));
                        }
                        None => put(&mut o, "studyType", Some(degree)),
                    }
                }
                None => put(&mut o, "institution", e.title),
            }
            put(&mut o, "location", e.location);
            put(&mut o, "url", e.url);
            for (label, value) in e.labelled {
                if super::words::all().iter().any(|w| w.score == label) && !o.contains_key("score")
                {
                    put(&mut o, "score", Some(value));
                } else if super::words::all().iter().any(|w| w.courses == label) && value.is_empty()
                {
                } else {
                    labelled_rest.push(format!(
                        "**{}:** {}",
                        escape_text(&label),
                        escape_text(&value)
                    ));
                }
            }
            let mut s: Vec<String> = labelled_rest;
            s.extend(summary);
            put(&mut o, "summary", (!s.is_empty()).then(|| s.join("\n\n")));
            if !e.highlights.is_empty() {
                o.insert("courses".into(), json!(e.highlights));
            }
            if let Some(d) = &e.dates {
                put_dates(&mut o, d, words, None);
            }
            return Value::Object(o);
        }
        "projects" => {
            put(&mut o, "name", e.title);
            put(&mut o, "entity", e.subtitle);
            put(&mut o, "url", e.url);
            let mut roles = Vec::new();
            for (label, value) in e.labelled {
                if super::words::all().iter().any(|w| w.roles == label) && roles.is_empty() {
                    roles = value.split(", ").map(str::to_string).collect();
                } else {
                    labelled_rest.push(format!(
                        "**{}:** {}",
                        escape_text(&label),
                        escape_text(&value)
                    ));
                }
            }
            let mut s: Vec<String> = e
                .description
                .map(|d| format!("*{d}*"))
                .into_iter()
                .collect();
            s.extend(summary);
            s.extend(labelled_rest);
            put(
                &mut o,
                "description",
                (!s.is_empty()).then(|| s.join("\n\n")),
            );
            if !roles.is_empty() {
                o.insert("roles".into(), json!(roles));
            }
        }
        "awards" | "certificates" | "publications" | "references" => {
            let (name, org, date) = match id {
                "awards" => ("title", "awarder", "date"),
                "certificates" => ("name", "issuer", "date"),
                "publications" => ("name", "publisher", "releaseDate"),
                _ => ("name", "", ""),
            };
            put(&mut o, name, e.title);
            if !org.is_empty() {
                put(&mut o, org, e.subtitle);
            }
            put(&mut o, "url", e.url);
            let mut s: Vec<String> = e
                .description
                .map(|d| format!("*{d}*"))
                .into_iter()
                .collect();
            s.extend(
                e.labelled
                    .iter()
                    .map(|(l, v)| format!("**{}:** {}", escape_text(l), escape_text(v))),
            );
            s.extend(summary);
            s.extend(e.highlights.iter().map(|h| format!("- {h}")));
            if !e.keywords.is_empty() {
                s.push(format!("*{}*", escape_text(&e.keywords.join(", "))));
            }
            let key = if id == "references" {
                "reference"
            } else {
                "summary"
            };
            put(&mut o, key, (!s.is_empty()).then(|| s.join("\n\n")));
            if let Some(d) = &e.dates {
                if date.is_empty() {
                    put(&mut o, "summary", Some(d.clone()));
                } else {
                    put_dates(&mut o, d, words, Some(date));
                }
            }
            if let Some(l) = e.location {
                let k = if id == "references" {
                    "reference"
                } else {
                    "summary"
                };
                let prev = o.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                o.insert(
                    k.into(),
                    Value::String(if prev.is_empty() {
                        escape_text(&l)
                    } else {
                        format!("{}\n\n{prev}", escape_text(&l))
                    }),
                );
            }
            return Value::Object(o);
        }
        _ => {
            match e.subtitle {
                Some(org) => {
                    put(&mut o, "name", Some(org));
                    put(&mut o, "position", e.title);
                }
                None => put(&mut o, "name", e.title),
            }
            put(&mut o, "location", e.location);
            put(&mut o, "url", e.url);
            put(&mut o, "description", e.description);
            let mut s: Vec<String> = summary.into_iter().collect();
            s.extend(
                e.labelled
                    .iter()
                    .map(|(l, v)| format!("**{}:** {}", escape_text(l), escape_text(v))),
            );
            put(&mut o, "summary", (!s.is_empty()).then(|| s.join("\n\n")));
        }
    }
    if let Some(d) = &e.dates {
        put_dates(&mut o, d, words, None);
    }
    if !e.highlights.is_empty() {
        o.insert("highlights".into(), json!(e.highlights));
    }
    if !e.keywords.is_empty() {
        o.insert("keywords".into(), json!(e.keywords));
    }
    Value::Object(o)
}
