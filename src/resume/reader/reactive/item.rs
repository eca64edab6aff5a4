//! Reactive Resume items (links, date ranges, rich text, ratings) as JSON Resume items.

use serde_json::Value;

use super::super::html;
use super::super::map::{Fields, Notes, Out};
use super::SHAPE;

/// A link: `{label, href}` in v4, a string in v3.
pub(super) fn url(f: &mut Fields, notes: &mut Notes<'_>) -> Option<String> {
    match f.take("url")? {
        Value::String(s) => Some(s),
        v => {
            let mut u = Fields::of(v, f.at("url"), notes)?;
            let href = u.text("href");
            u.ignore(&["label"]);
            u.finish(notes, SHAPE);
            href
        }
    }
}

/// `"January 2019 to Present"` (v4) or `{start, end}` (v3) → start and end dates.
pub(super) fn dates(f: &mut Fields, notes: &mut Notes<'_>) -> (Option<String>, Option<String>) {
    match f.take("date") {
        None => (None, None),
        Some(Value::String(s)) => split_range(&s),
        Some(v) => {
            let Some(mut d) = Fields::of(v, f.at("date"), notes) else {
                return (None, None);
            };
            let range = (d.text("start"), d.text("end"));
            d.finish(notes, SHAPE);
            range
        }
    }
}

/// A date written in words (`January 2019`), as JSON Resume writes it (`2019-01`);
/// text that is no date stays as it is.
pub(super) fn iso(s: String) -> String {
    use crate::resume::date::{Date, Parse, parse};
    match parse(&s) {
        Parse::Canonical(Date::Exact(d)) | Parse::Reinterpreted(Date::Exact(d), _) => d.iso(),
        Parse::Canonical(Date::Present) | Parse::Reinterpreted(Date::Present, _) => {
            "present".into()
        }
        _ => s,
    }
}

/// Splits a free-text date range at its separator; one date is both ends.
pub(super) fn split_range(s: &str) -> (Option<String>, Option<String>) {
    let (a, b) = split_words(s);
    (a.map(iso), b.map(iso))
}

fn split_words(s: &str) -> (Option<String>, Option<String>) {
    let s = s.trim();
    for sep in [" to ", " - ", " – ", " — ", "–", "—", " until ", " bis "] {
        if let Some((a, b)) = s.split_once(sep) {
            let (a, b) = (a.trim(), b.trim());
            if !a.is_empty() && !b.is_empty() {
                return (Some(a.to_string()), Some(b.to_string()));
            }
        }
    }
    // `2014-2020`, `Jan 2019-Present`: a hyphen between a year and a date
    // (but not `2019-05`, a month).
    for (i, _) in s.match_indices('-') {
        let (a, b) = (s.get(..i).unwrap_or(""), s.get(i + 1..).unwrap_or(""));
        let (a, b) = (a.trim(), b.trim());
        let year_end = a.len() >= 4
            && a.bytes().rev().take(4).all(|c| c.is_ascii_digit())
            && !a.bytes().rev().nth(4).is_some_and(|c| c.is_ascii_digit());
        let digits = b.bytes().take_while(u8::is_ascii_digit).count();
        let date_start =
            digits == 4 || (digits == 0 && b.chars().next().is_some_and(char::is_alphabetic));
        if year_end && date_start && !b.contains('-') {
            return (Some(a.to_string()), Some(b.to_string()));
        }
    }
    // One date is a point in time, not an open range: it starts and ends there.
    let one = (!s.is_empty()).then(|| s.to_string());
    (one.clone(), one)
}

/// An HTML summary: list items become highlights.
pub(super) fn rich(f: &mut Fields, out: &mut Out, highlights: bool) {
    let Some(text) = f.text("summary") else {
        return;
    };
    if !highlights {
        out.put("summary", Some(text));
        return;
    }
    let (summary, items) = html::split(&text);
    out.put("summary", summary).put("highlights", Some(items));
}

/// A rating 1–5 where the text gives none.
fn rating(f: &mut Fields, text: Option<String>) -> Option<String> {
    let level = f.take("level");
    let num = f.take("levelNum");
    if text.is_some() {
        return text;
    }
    match level.or(num) {
        Some(Value::Number(n)) if n.as_f64().is_some_and(|x| x > 0.0) => Some(format!("{n}/5")),
        Some(Value::String(s)) => Some(s),
        _ => None,
    }
}

/// One item of section `key`, as JSON Resume.
pub(super) fn item(key: &str, f: &mut Fields, notes: &mut Notes<'_>) -> Option<Value> {
    let mut o = Out::default();
    match key {
        "experience" | "work" | "volunteer" => {
            let (start, end) = dates(f, notes);
            let org = if key == "volunteer" {
                f.text_of(&["organization", "name"])
            } else {
                f.text_of(&["company", "name"])
            };
            o.put(
                if key == "volunteer" {
                    "organization"
                } else {
                    "name"
                },
                org,
            )
            .put("position", f.text("position"))
            .put("location", f.text("location"))
            .put("url", url(f, notes))
            .put("startDate", start)
            .put("endDate", end);
            rich(f, &mut o, true);
        }
        "education" => {
            let (start, end) = dates(f, notes);
            o.put("institution", f.text("institution"))
                .put("studyType", f.text_of(&["studyType", "degree"]))
                .put("area", f.text("area"))
                .put("score", f.text("score"))
                .put("url", url(f, notes))
                .put("startDate", start)
                .put("endDate", end)
                .put("courses", Some(f.texts("courses", notes)));
            rich(f, &mut o, false);
        }
        "awards" => {
            o.put("title", f.text("title"))
                .put("awarder", f.text("awarder"))
                .put("date", f.text("date").map(iso));
            rich(f, &mut o, false);
            if let Some(u) = url(f, notes) {
                notes.warn(&f.at("url"), "JSON Resume awards have no link; left out");
                let _ = u;
            }
        }
        "certifications" => {
            o.put("name", f.text("name"))
                .put("issuer", f.text("issuer"))
                .put("date", f.text("date").map(iso))
                .put("url", url(f, notes));
            if f.has("summary") {
                // JSON Resume certificates have no summary: keep it with the name.
                let s = f.text("summary");
                let name =
                    o.0.remove("name")
                        .and_then(|v| v.as_str().map(str::to_string));
                o.put(
                    "name",
                    Some(match (name, s) {
                        (Some(n), Some(s)) => format!("{n} — {s}"),
                        (n, s) => n.or(s).unwrap_or_default(),
                    }),
                );
            }
        }
        "interests" => {
            o.put("name", f.text("name"))
                .put("keywords", Some(f.texts("keywords", notes)));
        }
        "languages" => {
            let fluency = f.text_of(&["description", "fluency"]);
            let fluency = rating(f, fluency);
            o.put("language", f.text_of(&["name", "language"]))
                .put("fluency", fluency);
        }
        "skills" => {
            let level = f.text("description");
            let level = rating(f, level);
            o.put("name", f.text("name"))
                .put("level", level)
                .put("keywords", Some(f.texts("keywords", notes)));
        }
        "projects" => {
            let (start, end) = dates(f, notes);
            let description = f.text("description");
            let (summary, items) = f
                .text("summary")
                .map(|s| html::split(&s))
                .unwrap_or_default();
            let description = match (description, summary) {
                (Some(d), Some(s)) => Some(format!("{d}<br>{s}")),
                (d, s) => d.or(s),
            };
            o.put("name", f.text("name"))
                .put("description", description)
                .put("highlights", Some(items))
                .put("keywords", Some(f.texts("keywords", notes)))
                .put("url", url(f, notes))
                .put("startDate", start)
                .put("endDate", end);
        }
        "publications" => {
            o.put("name", f.text("name"))
                .put("publisher", f.text("publisher"))
                .put("releaseDate", f.text("date").map(iso))
                .put("url", url(f, notes));
            rich(f, &mut o, false);
        }
        "references" => {
            let name = f.text("name");
            let role = f.text_of(&["description", "relationship"]);
            let contact: Vec<String> = [f.text("email"), f.text("phone"), url(f, notes)]
                .into_iter()
                .flatten()
                .collect();
            let name = match (name, role) {
                (Some(n), Some(r)) => Some(format!("{n}, {r}")),
                (n, r) => n.or(r),
            };
            let mut reference = f.text("summary").unwrap_or_default();
            if !contact.is_empty() {
                if !reference.is_empty() {
                    reference.push_str("<br>");
                }
                reference.push_str(&contact.join(" · "));
            }
            o.put("name", name).put("reference", Some(reference));
        }
        "profiles" => {
            o.put("network", f.text("network"))
                .put("username", f.text("username"))
                .put("url", url(f, notes));
            f.ignore(&["icon"]);
        }
        _ => return None,
    }
    Some(o.value())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_split_at_their_separator() {
        let s = |x: &str| {
            let (a, b) = split_range(x);
            (a.unwrap_or_default(), b.unwrap_or_default())
        };
        assert_eq!(
            s("January 2019 to Present"),
            ("2019-01".into(), "present".into())
        );
        assert_eq!(s("2016 - 2018"), ("2016".into(), "2018".into()));
        assert_eq!(s("2019–2021"), ("2019".into(), "2021".into()));
        assert_eq!(s("2019-05"), ("2019-05".into(), "2019-05".into()));
        assert_eq!(s("2019-05-01"), ("2019-05-01".into(), "2019-05-01".into()));
        assert_eq!(s("2014-2020"), ("2014".into(), "2020".into()));
        assert_eq!(s("2020 - 2024"), ("2020".into(), "2024".into()));
        assert_eq!(s("2010–2014"), ("2010".into(), "2014".into()));
        assert_eq!(s("2019"), ("2019".into(), "2019".into()));
        assert_eq!(
            s("June 2016 to December 2018"),
            ("2016-06".into(), "2018-12".into())
        );
        assert_eq!(
            s("Jan 2019 - Present"),
            ("2019-01".into(), "present".into())
        );
        assert_eq!(s("Jan 2019-Present"), ("2019-01".into(), "present".into()));
        assert_eq!(
            s("Summer 2020"),
            ("Summer 2020".into(), "Summer 2020".into())
        );
    }
}
