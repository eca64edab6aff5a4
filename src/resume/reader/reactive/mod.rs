//! Reactive Resume's JSON export (v4, and v3 where its shape differs; v5 in [`v5`]) onto JSON Resume.
//!
//! Sections and items the author hid are not shown. Rich text is HTML: list
//! items become highlights, the rest stays a summary that the document builder
//! reads as markup like any resume's. The picture's address is kept as data
//! and never fetched. Design settings (`metadata`) have no counterpart: the
//! layout decides the look.

use serde_json::{Map, Value};

mod item;
mod v5;
mod v5_item;

use super::Reader;
use super::map::{Fields, Notes, Out, slug};
use crate::resume::Warning;
use crate::resume::value::is_blank;
use item::{dates, item, rich, url};

const SHAPE: &str = "Reactive Resume";

#[derive(Debug)]
pub struct ReactiveResume;

impl Reader for ReactiveResume {
    fn name(&self) -> &'static str {
        "reactive-resume"
    }
    fn description(&self) -> &'static str {
        "a Reactive Resume JSON export (v5, v4 or v3)"
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
        if root.map_is(v5::is_v5) {
            return v5::map(root, &mut notes);
        }
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
                        if !kept(&key, &f, &mut notes) {
                            return None;
                        }
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
        let has_summary = summary.is_some();
        let basics = basics(&mut root, summary, profiles, &mut notes);
        let mut all = Out(Map::new());
        all.put("basics", Some(basics));
        all.0.extend(out.0);
        let mut meta = Out::default();
        let mut order: Vec<Value> = order
            .iter()
            .filter_map(|id| match id.as_str() {
                "summary" => Some("summary".to_string()),
                _ => ids.iter().find(|(k, _)| k == id).map(|(_, t)| t.clone()),
            })
            .map(Value::String)
            .collect();
        // A section with content that the layout leaves out is put back after
        // the laid-out ones (the summary first), as Reactive Resume v5's importer does.
        if !order.is_empty() {
            let mut missing = Vec::new();
            for (id, key) in &ids {
                let listed = order.iter().any(|o| o.as_str() == Some(key.as_str()));
                if !listed && all.0.get(key).is_some_and(|v| !is_blank(v)) {
                    missing.push(id.clone());
                    order.push(Value::String(key.clone()));
                }
            }
            if has_summary && !order.iter().any(|o| o == "summary") {
                missing.insert(0, "summary".into());
                order.insert(0, Value::String("summary".into()));
            }
            if !missing.is_empty() {
                notes.warn(
                    "metadata.layout",
                    format!(
                        "sections with content that Reactive Resume's layout leaves out, \
                         kept after the laid-out ones (the summary first): {}",
                        missing.join(", ")
                    ),
                );
            }
        }
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

/// Whether an item has the field Reactive Resume requires of its section's
/// items (v4: `company`, `institution`, `name`…); one without is left out, as
/// Reactive Resume leaves it out, with a note.
fn kept(key: &str, f: &Fields, notes: &mut Notes<'_>) -> bool {
    let main = match key {
        "experience" => "company",
        "education" => "institution",
        "volunteer" => "organization",
        "awards" => "title",
        "profiles" => "network",
        "projects" | "skills" | "languages" | "interests" | "publications" | "certifications"
        | "references" => "name",
        _ => return true,
    };
    if f.has(main) {
        return true;
    }
    notes.warn(
        &f.path,
        format!("an item with no `{main}`, which Reactive Resume treats as empty; left out"),
    );
    false
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
            // v4 writes `value`; files its own v5 importer reads write `text`.
            let value = c.text_of(&["value", "text"]);
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
