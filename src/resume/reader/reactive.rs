//! Reactive Resume's JSON export (v4, and v3 where its shape differs) onto JSON Resume.
//!
//! Sections and items the author hid are not shown. Rich text is HTML: list
//! items become highlights, the rest stays a summary that the document builder
//! reads as markup like any resume's. The picture's address is kept as data
//! and never fetched. Design settings (`metadata`) have no counterpart: the
//! layout decides the look.

use serde_json::{Map, Value};

use super::Reader;
use super::html;
use super::map::{Fields, Notes, Out, slug};
use crate::resume::Warning;

const SHAPE: &str = "Reactive Resume";

#[derive(Debug)]
pub struct ReactiveResume;

impl Reader for ReactiveResume {
    fn name(&self) -> &'static str {
        "reactive-resume"
    }
    fn description(&self) -> &'static str {
        "a Reactive Resume JSON export (v4 or v3)"
    }
    fn recognises(&self, value: &Value) -> bool {
        let Some(o) = value.as_object() else {
            return false;
        };
        let sections = o.get("sections").and_then(Value::as_object);
        let with_items = sections.is_some_and(|s| {
            s.values()
                .any(|v| v.get("items").is_some_and(Value::is_array))
        });
        let basics = o.get("basics");
        let reactive_basics = basics.is_some_and(|b| {
            b.get("headline").is_some()
                || b.get("customFields").is_some()
                || b.get("picture").is_some_and(Value::is_object)
                || b.get("photo").is_some_and(Value::is_object)
        });
        with_items && (reactive_basics || o.contains_key("metadata") || o.contains_key("public"))
    }
    fn map(&self, value: Value, warnings: &mut Vec<Warning>) -> Value {
        let mut notes = Notes::new(warnings);
        let Some(mut root) = Fields::of(value, String::new(), &mut notes) else {
            return Value::Object(Map::new());
        };
        let mut out = Out::default();
        let mut titles = Map::new();
        let mut order = Vec::new();
        let mut profiles = Vec::new();
        let mut summary = None;
        let mut language = None;
        if let Some(mut metadata) = root.object("metadata", &mut notes) {
            // Pages → columns → section ids: their reading order is the section order.
            if let Some(Value::Array(pages)) = metadata.take("layout") {
                let ids = pages
                    .iter()
                    .flat_map(|p| p.as_array().into_iter().flatten())
                    .flat_map(|c| c.as_array().into_iter().flatten())
                    .filter_map(Value::as_str);
                order.extend(ids.map(str::to_string));
            }
            // v3 keeps the resume's language here.
            if let Some(locale) = metadata.text("locale") {
                language = Some(locale);
            }
            metadata.ignore(&["notes"]);
            if !metadata.is_empty() {
                notes.warn(
                    &metadata.path,
                    "Reactive Resume design settings (template, page, theme, typography, css) \
                     have no counterpart here; the layout decides the look",
                );
            }
        }
        let mut sections = root.object("sections", &mut notes);
        let mut ids = Vec::new();
        if let Some(s) = sections.as_mut() {
            for (key, value) in s.drain() {
                let path = s.at(&key);
                if key == "custom" {
                    for (id, section) in object_entries(value) {
                        let path = format!("{path}.{id}");
                        if let Some((key, content)) =
                            custom(section, path, &id, &mut titles, &mut notes)
                        {
                            ids.push((format!("custom.{id}"), key.clone()));
                            out.put(&key, Some(content));
                        }
                    }
                    continue;
                }
                // v3 keeps custom sections beside the others, marked by their type.
                if value.get("type").and_then(Value::as_str) == Some("custom") {
                    if let Some((key, content)) = custom(value, path, &key, &mut titles, &mut notes)
                    {
                        ids.push((key.clone(), key.clone()));
                        out.put(&key, Some(content));
                    }
                    continue;
                }
                let Some(mut section) = Fields::of(value, path, &mut notes) else {
                    continue;
                };
                if hidden(&mut section) {
                    notes.warn(
                        &section.path,
                        "a section hidden in Reactive Resume; not shown",
                    );
                    continue;
                }
                let target = target(&key);
                let name = section.text_of(&["name", "heading"]);
                section.ignore(&["id", "columns", "separateLinks", "type"]);
                if key == "summary" {
                    summary = section.text_of(&["content", "body"]);
                    section.finish(&mut notes, SHAPE);
                    if let Some(name) = name.filter(|n| n != "Summary") {
                        titles.insert("summary".into(), Value::String(name));
                    }
                    continue;
                }
                let items = visible_items(&mut section, &mut notes);
                section.finish(&mut notes, SHAPE);
                let mapped: Vec<Value> = items
                    .into_iter()
                    .filter_map(|mut f| {
                        let v = item(&key, &mut f, &mut notes);
                        f.finish(&mut notes, SHAPE);
                        v
                    })
                    .collect();
                if key == "profiles" {
                    profiles.extend(mapped);
                    continue;
                }
                let Some(target) = target else {
                    notes.warn(
                        &s.at(&key),
                        "a section Reactive Resume does not define; left out",
                    );
                    continue;
                };
                if let Some(name) = name.filter(|n| Some(n.as_str()) != default_name(&key)) {
                    titles.insert(target.into(), Value::String(name));
                }
                ids.push((key.clone(), target.to_string()));
                let mut existing = match out.0.remove(target) {
                    Some(Value::Array(a)) => a,
                    _ => Vec::new(),
                };
                existing.extend(mapped);
                out.put(target, Some(existing));
            }
        }
        if let Some(s) = sections {
            s.finish(&mut notes, SHAPE);
        }
        let basics = basics(&mut root, summary, profiles, &mut notes);
        let mut all = Out(Map::new());
        all.put("basics", Some(basics));
        all.0.extend(out.0);
        let mut meta = Out::default();
        let order: Vec<Value> = order
            .iter()
            .filter_map(|id| match id.as_str() {
                "summary" => Some("summary".to_string()),
                _ => ids.iter().find(|(k, _)| k == id).map(|(_, t)| t.clone()),
            })
            .map(Value::String)
            .collect();
        meta.put("language", language)
            .put("sections", Some(order))
            .put("sectionTitles", Some(Value::Object(titles)));
        all.put("meta", Some(meta.value()));
        root.ignore(&["public", "id", "title", "slug", "visibility", "locked"]);
        root.finish(&mut notes, SHAPE);
        all.value()
    }
}

/// The JSON Resume section a Reactive Resume section becomes (v4 and v3 names).
fn target(key: &str) -> Option<&'static str> {
    Some(match key {
        "experience" | "work" => "work",
        "education" => "education",
        "volunteer" => "volunteer",
        "awards" => "awards",
        "certifications" => "certificates",
        "interests" => "interests",
        "languages" => "languages",
        "projects" => "projects",
        "publications" => "publications",
        "references" => "references",
        "skills" => "skills",
        _ => return None,
    })
}

/// Reactive Resume's own default title of a section, which is not carried over
/// (so that the resume's language decides the title).
fn default_name(key: &str) -> Option<&'static str> {
    Some(match key {
        "experience" => "Experience",
        "work" => "Work Experience",
        "education" => "Education",
        "volunteer" => "Volunteering",
        "awards" => "Awards",
        "certifications" => "Certifications",
        "interests" => "Interests",
        "languages" => "Languages",
        "projects" => "Projects",
        "publications" => "Publications",
        "references" => "References",
        "skills" => "Skills",
        "profiles" => "Profiles",
        _ => return None,
    })
}

fn object_entries(v: Value) -> Vec<(String, Value)> {
    match v {
        Value::Object(m) => m.into_iter().collect(),
        _ => Vec::new(),
    }
}

/// `visible: false` (v4 items and sections, v3 sections).
fn hidden(f: &mut Fields) -> bool {
    matches!(f.take("visible"), Some(Value::Bool(false)))
}

/// The items of a section that are not hidden.
fn visible_items(section: &mut Fields, notes: &mut Notes<'_>) -> Vec<Fields> {
    let mut out = Vec::new();
    for (v, path) in section.list("items") {
        let Some(mut f) = Fields::of(v, path, notes) else {
            continue;
        };
        if hidden(&mut f) {
            notes.warn(&f.path, "an item hidden in Reactive Resume; not shown");
            continue;
        }
        f.ignore(&["id"]);
        out.push(f);
    }
    out
}

/// A link: `{label, href}` in v4, a string in v3.
fn url(f: &mut Fields, notes: &mut Notes<'_>) -> Option<String> {
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
fn dates(f: &mut Fields, notes: &mut Notes<'_>) -> (Option<String>, Option<String>) {
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
fn iso(s: String) -> String {
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
fn split_range(s: &str) -> (Option<String>, Option<String>) {
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
    // One date is a point in time, not an open range: it starts and ends there.
    let one = (!s.is_empty()).then(|| s.to_string());
    (one.clone(), one)
}

/// An HTML summary: list items become highlights.
fn rich(f: &mut Fields, out: &mut Out, highlights: bool) {
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
fn item(key: &str, f: &mut Fields, notes: &mut Notes<'_>) -> Option<Value> {
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

/// A custom section: its items read as entries under the section's own title.
fn custom(
    section: Value,
    path: String,
    id: &str,
    titles: &mut Map<String, Value>,
    notes: &mut Notes<'_>,
) -> Option<(String, Value)> {
    let mut s = Fields::of(section, path, notes)?;
    if hidden(&mut s) {
        notes.warn(&s.path, "a section hidden in Reactive Resume; not shown");
        return None;
    }
    let name = s.text_of(&["name", "heading"]);
    s.ignore(&["id", "columns", "separateLinks", "type"]);
    let items = visible_items(&mut s, notes);
    s.finish(notes, SHAPE);
    let entries: Vec<Value> = items
        .into_iter()
        .map(|mut f| {
            let mut o = Out::default();
            let (start, end) = dates(&mut f, notes);
            o.put("name", f.text("name"))
                .put("position", f.text("description"))
                .put("location", f.text("location"))
                .put("url", url(&mut f, notes))
                .put("startDate", start)
                .put("endDate", end)
                .put("keywords", Some(f.texts("keywords", notes)));
            rich(&mut f, &mut o, true);
            f.finish(notes, SHAPE);
            o.value()
        })
        .collect();
    let key = slug(name.as_deref().unwrap_or(id));
    let key = if target(&key).is_some() || key == "basics" || key == "meta" || key.is_empty() {
        format!("custom-{}", slug(id))
    } else {
        key
    };
    if let Some(name) = name {
        titles.insert(key.clone(), Value::String(name));
    }
    Some((key, Value::Array(entries)))
}

fn basics(
    root: &mut Fields,
    summary: Option<String>,
    mut profiles: Vec<Value>,
    notes: &mut Notes<'_>,
) -> Value {
    let mut b = Out::default();
    let Some(mut f) = root.object("basics", notes) else {
        b.put("summary", summary);
        return b.value();
    };
    b.put("name", f.text("name"))
        .put("label", f.text("headline"))
        .put("email", f.text("email"))
        .put("phone", f.text("phone"));
    // v3 keeps the summary in basics, as text or as {body, visible}.
    let summary = summary.or_else(|| match f.take("summary") {
        Some(Value::String(s)) => Some(s),
        Some(Value::Object(m)) => {
            let visible = m.get("visible") != Some(&Value::Bool(false));
            let body = m.get("body").and_then(Value::as_str).map(str::to_string);
            body.filter(|_| visible)
        }
        _ => None,
    });
    b.put("summary", summary);
    let url = match f.take("url") {
        Some(Value::Object(m)) => m.get("href").and_then(Value::as_str).map(str::to_string),
        Some(Value::String(s)) => Some(s),
        _ => None,
    };
    b.put("url", url.or_else(|| f.text("website")));
    match f.take("location") {
        Some(Value::String(s)) => {
            b.put("location", Some(Value::String(s)));
        }
        Some(v) => {
            if let Some(mut l) = Fields::of(v, f.at("location"), notes) {
                let mut o = Out::default();
                o.put("address", l.text("address"))
                    .put("postalCode", l.text("postalCode"))
                    .put("city", l.text("city"))
                    .put("countryCode", l.text("country"))
                    .put("region", l.text("region"));
                l.finish(notes, SHAPE);
                b.put("location", Some(o.value()));
            }
        }
        None => {}
    }
    for key in ["picture", "photo"] {
        let Some(mut p) = f.object(key, notes) else {
            continue;
        };
        let hidden = p
            .take("effects")
            .and_then(|e| e.get("hidden").cloned())
            .or_else(|| {
                p.take("visible")
                    .map(|v| Value::Bool(v == Value::Bool(false)))
            })
            == Some(Value::Bool(true));
        let address = p.text("url");
        let path = p.path.clone();
        p.ignore(&["size", "aspectRatio", "borderRadius", "filters"]);
        p.finish(notes, SHAPE);
        if hidden {
            if address.is_some() {
                notes.warn(&path, "a picture hidden in Reactive Resume; left out");
            }
        } else {
            b.put("image", address);
        }
    }
    for (v, path) in f.list("profiles") {
        if let Some(mut p) = Fields::of(v, path, notes) {
            p.ignore(&["id"]);
            if let Some(v) = item("profiles", &mut p, notes) {
                profiles.push(v);
            }
            p.finish(notes, SHAPE);
        }
    }
    for (v, path) in f.list("customFields") {
        if let Some(mut c) = Fields::of(v, path, notes) {
            let mut o = Out::default();
            let value = c.text("value");
            let name = c.text("name");
            if value.as_deref().is_some_and(|v| v.contains("://")) {
                o.put("network", name).put("url", value);
            } else {
                // Not a link ("Driving licence: Full UK"): shown as "name: value".
                o.put("network", name).put("username", value);
            }
            c.ignore(&["id", "icon"]);
            c.finish(notes, SHAPE);
            profiles.push(o.value());
        }
    }
    b.put("profiles", Some(profiles));
    f.finish(notes, SHAPE);
    b.value()
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
        assert_eq!(
            s("Summer 2020"),
            ("Summer 2020".into(), "Summer 2020".into())
        );
    }
}
