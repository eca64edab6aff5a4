//! Reactive Resume v5 items (`period`, `website`, HTML `description`) as JSON Resume items.

use serde_json::Value;

use super::super::html;
use super::super::map::{Fields, Notes, Out};
use super::SHAPE;
use super::item::{iso, split_range};

/// Item fields that only decide the look (`icon`, `iconColor`) or are Reactive Resume's own.
const LOOK: &[&str] = &["id", "icon", "iconColor"];

/// `website: {url, label, inlineLink}`: the address; a label that says more
/// than the address is warned about (JSON Resume links have no label).
pub(super) fn website(f: &mut Fields, notes: &mut Notes<'_>) -> Option<String> {
    let path = f.at("website");
    let mut w = match f.take("website")? {
        Value::String(s) => return Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        v => Fields::of(v, path, notes)?,
    };
    let url = w.text("url");
    let label = w.text("label");
    w.ignore(&["inlineLink"]);
    if let Some(label) = label
        && !url.as_deref().is_some_and(|u| same_address(u, &label))
    {
        notes.warn(
            &w.at("label"),
            "the label of a link has no place in JSON Resume (the address is shown); left out",
        );
    }
    w.finish(notes, SHAPE);
    url
}

/// Whether a link's label is just its address written shorter.
fn same_address(url: &str, label: &str) -> bool {
    let bare = |s: &str| {
        let s = s.trim().to_ascii_lowercase();
        let s = s
            .split_once("://")
            .map_or(s.as_str(), |(_, r)| r)
            .to_string();
        let s = s.strip_prefix("www.").unwrap_or(&s).to_string();
        s.trim_end_matches('/').to_string()
    };
    bare(url) == bare(label)
}

/// `period: "March 2022 - Present"` → start and end dates.
fn period(f: &mut Fields) -> (Option<String>, Option<String>) {
    f.text("period")
        .map(|p| split_range(&p))
        .unwrap_or_default()
}

/// The HTML `description`, its list items as highlights.
fn description(f: &mut Fields, o: &mut Out, summary: &str) {
    if let Some(text) = f.text("description") {
        let (s, items) = html::split(&text);
        o.put(summary, s).put("highlights", Some(items));
    }
}

/// A proficiency word, or a level 1–5 written out when there is none.
fn level(f: &mut Fields, word: &str) -> Option<String> {
    let text = f.text(word);
    let num = f.take("level");
    text.or(match num {
        Some(Value::Number(n)) if n.as_f64().is_some_and(|x| x > 0.0) => Some(format!("{n}/5")),
        Some(Value::String(s)) => Some(s),
        _ => None,
    })
}

/// One work-like entry (`experience`, and every role in it).
fn work(f: &mut Fields, org: &str, notes: &mut Notes<'_>) -> Vec<Value> {
    let (start, end) = period(f);
    let name = f.text(org);
    let key = if org == "organization" {
        "organization"
    } else {
        "name"
    };
    let mut o = Out::default();
    o.put(key, name.clone())
        .put("position", f.text("position"))
        .put("location", f.text("location"))
        .put("url", website(f, notes))
        .put("startDate", start)
        .put("endDate", end);
    description(f, &mut o, "summary");
    let mut out = Vec::new();
    let roles = f.list("roles");
    // A company with roles: its own line only when it says more than the name.
    if roles.is_empty() || o.0.len() > 1 {
        out.push(o.value());
    }
    for (v, path) in roles {
        let Some(mut r) = Fields::of(v, path, notes) else {
            continue;
        };
        let (start, end) = period(&mut r);
        let mut o = Out::default();
        o.put(key, name.clone())
            .put("position", r.text("position"))
            .put("startDate", start)
            .put("endDate", end);
        description(&mut r, &mut o, "summary");
        r.ignore(LOOK);
        r.finish(notes, SHAPE);
        out.push(o.value());
    }
    out
}

/// The items of section type `kind`, as JSON Resume items (a work item with
/// roles gives one per role).
pub(super) fn items(kind: &str, f: &mut Fields, notes: &mut Notes<'_>) -> Vec<Value> {
    f.ignore(LOOK);
    let mut o = Out::default();
    match kind {
        "experience" => return work(f, "company", notes),
        "volunteer" => return work(f, "organization", notes),
        "education" => {
            let (start, end) = period(f);
            o.put("institution", f.text("school"))
                .put("studyType", f.text("degree"))
                .put("area", f.text("area"))
                .put("score", f.text("grade"))
                .put("location", f.text("location"))
                .put("url", website(f, notes))
                .put("startDate", start)
                .put("endDate", end)
                .put("summary", f.text("description"));
        }
        "projects" => {
            let (start, end) = period(f);
            o.put("name", f.text("name"))
                .put("url", website(f, notes))
                .put("startDate", start)
                .put("endDate", end);
            description(f, &mut o, "description");
        }
        "awards" => {
            o.put("title", f.text("title"))
                .put("awarder", f.text("awarder"))
                .put("date", f.text("date").map(iso))
                .put("summary", f.text("description"));
            if website(f, notes).is_some() {
                notes.warn(
                    &f.at("website"),
                    "JSON Resume awards have no link; left out",
                );
            }
        }
        "certifications" => {
            let name = f.text("title");
            // JSON Resume certificates have no summary: keep it with the title.
            let name = match (name, f.text("description")) {
                (Some(n), Some(d)) => Some(format!("{n} — {d}")),
                (n, d) => n.or(d),
            };
            o.put("name", name)
                .put("issuer", f.text("issuer"))
                .put("date", f.text("date").map(iso))
                .put("url", website(f, notes));
        }
        "publications" => {
            o.put("name", f.text("title"))
                .put("publisher", f.text("publisher"))
                .put("releaseDate", f.text("date").map(iso))
                .put("url", website(f, notes))
                .put("summary", f.text("description"));
        }
        "skills" => {
            o.put("name", f.text("name"))
                .put("level", level(f, "proficiency"))
                .put("keywords", Some(f.texts("keywords", notes)));
        }
        "languages" => {
            o.put("language", f.text("language"))
                .put("fluency", level(f, "fluency"));
        }
        "interests" => {
            o.put("name", f.text("name"))
                .put("keywords", Some(f.texts("keywords", notes)));
        }
        "references" => {
            let name = match (f.text("name"), f.text("position")) {
                (Some(n), Some(r)) => Some(format!("{n}, {r}")),
                (n, r) => n.or(r),
            };
            let contact: Vec<String> = [f.text("phone"), website(f, notes)]
                .into_iter()
                .flatten()
                .collect();
            let mut reference = f.text("description").unwrap_or_default();
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
                .put("url", website(f, notes));
        }
        "summary" => {
            o.put("summary", f.text("content"));
        }
        _ => return Vec::new(),
    }
    vec![o.value()]
}

/// An item of a custom section, as an entry of a section of its own: the
/// item mapped as its type's, then its fields named as an entry's.
pub(super) fn entry(kind: &str, f: &mut Fields, notes: &mut Notes<'_>) -> Vec<Value> {
    items(kind, f, notes)
        .into_iter()
        .map(|v| {
            let Value::Object(mut m) = v else {
                return v;
            };
            let mut o = Out::default();
            let mut take = |k: &str| m.remove(k);
            let title = take("name")
                .or_else(|| take("title"))
                .or_else(|| take("institution"))
                .or_else(|| take("organization"))
                .or_else(|| take("language"))
                .or_else(|| take("network"));
            let position = take("position")
                .or_else(|| take("studyType"))
                .or_else(|| take("level"))
                .or_else(|| take("fluency"))
                .or_else(|| take("username"));
            let summary = take("summary")
                .or_else(|| take("description"))
                .or_else(|| take("reference"));
            let date = take("date").or_else(|| take("releaseDate"));
            let rest: Vec<Value> = ["area", "score", "awarder", "issuer", "publisher"]
                .iter()
                .filter_map(|k| m.remove(*k))
                .collect();
            o.put("name", title)
                .put("position", position)
                .put("description", (!rest.is_empty()).then(|| join(&rest)))
                .put("summary", summary)
                .put("startDate", m.remove("startDate").or(date.clone()))
                .put("endDate", m.remove("endDate").or(date));
            for (k, v) in m {
                o.put(&k, Some(v));
            }
            o.value()
        })
        .collect()
}

fn join(values: &[Value]) -> String {
    values
        .iter()
        .filter_map(Value::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}
