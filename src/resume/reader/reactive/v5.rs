//! Reactive Resume v5's JSON export (the current version since January 2026) onto JSON Resume.
//!
//! v5 keeps the picture and the summary beside `basics`, built-in sections
//! under `sections`, and user sections in the `customSections` list, each
//! typed as one of the built-in ones (or `cover-letter`). Presentation
//! (icons, columns, page breaks, template, colours, fonts) is one note, not a
//! warning per field.

use serde_json::{Map, Value};

use super::super::map::{Fields, Notes, Out, slug};
use super::v5_item::{entry, items, website};
use super::{SHAPE, default_name, target};

/// Section fields that only decide the look.
const SECTION_LOOK: &[&str] = &["icon", "columns", "keepTogether", "startOnNewPage", "id"];

/// Whether a parsed Reactive Resume file is a v5 export.
pub(super) fn is_v5(o: &Map<String, Value>) -> bool {
    o.get("customSections").is_some_and(Value::is_array)
        || o.get("metadata")
            .and_then(|m| m.get("layout"))
            .is_some_and(|l| l.get("pages").is_some())
        || o.get("summary").is_some_and(|s| s.get("content").is_some())
}

/// The sections read so far: JSON Resume content, the order, titles.
#[derive(Default)]
struct Built {
    out: Out,
    /// (Reactive Resume id, JSON Resume key)
    ids: Vec<(String, String)>,
    titles: Map<String, Value>,
}

pub(super) fn map(mut root: Fields, notes: &mut Notes<'_>) -> Value {
    let mut built = Built::default();
    let mut summary = None;
    if let Some(mut s) = root.object("summary", notes) {
        if hidden(&mut s) {
            if s.has("content") {
                notes.warn(&s.path, "a summary hidden in Reactive Resume; not shown");
            }
        } else {
            summary = s.text("content");
            if let Some(title) = s.text("title").filter(|t| t != "Summary") {
                built.titles.insert("summary".into(), Value::String(title));
            }
            built.ids.push(("summary".into(), "summary".into()));
        }
        s.ignore(SECTION_LOOK);
        s.ignore(&["content", "title"]);
        s.finish(notes, SHAPE);
    }
    let mut profiles = Vec::new();
    if let Some(mut sections) = root.object("sections", notes) {
        for (key, value) in sections.drain() {
            let path = sections.at(&key);
            let Some(mut s) = Fields::of(value, path, notes) else {
                continue;
            };
            section(&key, &key, &mut s, &mut built, &mut profiles, notes);
            s.finish(notes, SHAPE);
        }
    }
    for (v, path) in root.list("customSections") {
        let Some(mut s) = Fields::of(v, path, notes) else {
            continue;
        };
        custom(&mut s, &mut built, notes);
        s.finish(notes, SHAPE);
    }
    let language = metadata(&mut root, &mut built, notes);
    let basics = basics(&mut root, summary, profiles, notes);
    let Built { out, ids, titles } = built;
    let mut all = Out(Map::new());
    all.put("basics", Some(basics));
    all.0.extend(out.0);
    let mut meta = Out::default();
    meta.put("language", language)
        .put(
            "sections",
            Some(
                ids.into_iter()
                    .map(|(_, k)| Value::String(k))
                    .collect::<Vec<_>>(),
            ),
        )
        .put("sectionTitles", Some(Value::Object(titles)));
    all.put("meta", Some(meta.value()));
    root.ignore(&["id", "name", "slug", "tags", "isPublic", "isLocked"]);
    root.finish(notes, SHAPE);
    all.value()
}

/// `hidden: true` on a section or an item.
fn hidden(f: &mut Fields) -> bool {
    matches!(f.take("hidden"), Some(Value::Bool(true)))
}

/// The visible items of a section mapped with `f`, hidden ones warned about.
fn visible(
    s: &mut Fields,
    notes: &mut Notes<'_>,
    f: impl Fn(&mut Fields, &mut Notes<'_>) -> Vec<Value>,
) -> Vec<Value> {
    let mut out = Vec::new();
    for (v, path) in s.list("items") {
        let Some(mut item) = Fields::of(v, path, notes) else {
            continue;
        };
        if hidden(&mut item) {
            notes.warn(&item.path, "an item hidden in Reactive Resume; not shown");
            continue;
        }
        out.extend(f(&mut item, notes));
        item.finish(notes, SHAPE);
    }
    out
}

/// A built-in section: its items added to the JSON Resume section of its kind.
fn section(
    key: &str,
    id: &str,
    s: &mut Fields,
    built: &mut Built,
    profiles: &mut Vec<Value>,
    notes: &mut Notes<'_>,
) {
    s.ignore(SECTION_LOOK);
    let title = s.text("title");
    if hidden(s) {
        if s.has("items") {
            notes.warn(&s.path, "a section hidden in Reactive Resume; not shown");
        }
        s.ignore(&["items"]);
        return;
    }
    let mapped = visible(s, notes, |f, n| items(key, f, n));
    if key == "profiles" {
        profiles.extend(mapped);
        return;
    }
    let Some(target) = target(key) else {
        notes.warn(
            &s.path,
            "a section Reactive Resume does not define; left out",
        );
        s.ignore(&["items"]);
        return;
    };
    if let Some(title) = title.filter(|t| Some(t.as_str()) != default_name(key)) {
        built.titles.insert(target.into(), Value::String(title));
    }
    built.ids.push((id.to_string(), target.to_string()));
    let mut existing = match built.out.0.remove(target) {
        Some(Value::Array(a)) => a,
        _ => Vec::new(),
    };
    existing.extend(mapped);
    built.out.put(target, Some(existing));
}

/// A custom section: a titled section of its own, its items read as its type's.
fn custom(s: &mut Fields, built: &mut Built, notes: &mut Notes<'_>) {
    let id = match s.take("id") {
        Some(Value::String(id)) => id,
        _ => String::new(),
    };
    s.ignore(SECTION_LOOK);
    let kind = s.text("type").unwrap_or_else(|| "experience".into());
    let title = s.text("title");
    if hidden(s) {
        if s.has("items") {
            notes.warn(&s.path, "a section hidden in Reactive Resume; not shown");
        }
        s.ignore(&["items"]);
        return;
    }
    if kind == "cover-letter" {
        // A letter is not part of the resume; it has no place here yet.
        if s.has("items") {
            notes.warn(
                &s.path,
                "a Reactive Resume cover letter; cover letters are not read yet, left out",
            );
        }
        s.ignore(&["items"]);
        return;
    }
    let entries = visible(s, notes, |f, n| entry(&kind, f, n));
    let name = title.clone().unwrap_or_else(|| {
        default_name(&kind)
            .map(str::to_string)
            .unwrap_or_else(|| kind.clone())
    });
    let mut key = slug(&name);
    if target(&key).is_some() || ["basics", "meta", "summary", ""].contains(&key.as_str()) {
        key = format!("custom-{}", slug(if id.is_empty() { &kind } else { &id }));
    }
    while built.out.0.contains_key(&key) {
        key.push_str("-2");
    }
    built.titles.insert(key.clone(), Value::String(name));
    built.ids.push((id, key.clone()));
    built.out.put(&key, Some(entries));
}

/// The section order from `metadata.layout` (pages → main, then sidebar);
/// sections with content that the layout leaves out follow, with a note.
/// Returns the resume's language (`metadata.page.locale`).
fn metadata(root: &mut Fields, built: &mut Built, notes: &mut Notes<'_>) -> Option<String> {
    let mut m = root.object("metadata", notes)?;
    let mut order: Vec<String> = Vec::new();
    if let Some(layout) = m.take("layout") {
        let pages = layout.get("pages").and_then(Value::as_array);
        for page in pages.into_iter().flatten() {
            for column in ["main", "sidebar"] {
                let ids = page
                    .get(column)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten();
                order.extend(ids.filter_map(Value::as_str).map(str::to_string));
            }
        }
    }
    let language = m.object("page", notes).and_then(|mut p| p.text("locale"));
    m.ignore(&["notes"]);
    if !m.is_empty() || !order.is_empty() {
        notes.warn(
            &m.path,
            "Reactive Resume presentation settings (template, layout, page, design, \
             typography, icons, columns, picture effects) have no counterpart here; \
             the layout decides the look",
        );
    }
    m.ignore(&[
        "template",
        "design",
        "typography",
        "styleRules",
        "stylesheet",
    ]);
    let path = m.path.clone();
    m.finish(notes, SHAPE);
    if !order.is_empty() {
        let mut sorted = Vec::new();
        for id in &order {
            if let Some(at) = built.ids.iter().position(|(i, _)| i == id) {
                sorted.push(built.ids.remove(at));
            }
        }
        if !built.ids.is_empty() {
            let names: Vec<&str> = built.ids.iter().map(|(_, k)| k.as_str()).collect();
            notes.warn(
                &format!("{path}.layout"),
                format!(
                    "sections with content that Reactive Resume's layout leaves out, \
                     kept after the laid-out ones: {}",
                    names.join(", ")
                ),
            );
        }
        sorted.append(&mut built.ids);
        built.ids = sorted;
    }
    language
}

fn basics(
    root: &mut Fields,
    summary: Option<String>,
    mut profiles: Vec<Value>,
    notes: &mut Notes<'_>,
) -> Value {
    let mut b = Out::default();
    b.put("summary", summary);
    if let Some(mut p) = root.object("picture", notes) {
        let hide = hidden(&mut p);
        let url = p.text("url");
        if hide {
            if url.is_some() {
                notes.warn(&p.path, "a picture hidden in Reactive Resume; left out");
            }
        } else {
            b.put("image", url);
        }
        // Size, rotation, border and shadow only decide the look.
        p.drain();
        p.finish(notes, SHAPE);
    }
    let Some(mut f) = root.object("basics", notes) else {
        return b.value();
    };
    b.put("name", f.text("name"))
        .put("label", f.text("headline"))
        .put("email", f.text("email"))
        .put("phone", f.text("phone"))
        .put("url", website(&mut f, notes));
    if let Some(l) = f.text("location") {
        b.put("location", Some(l));
    }
    for (v, path) in f.list("customFields") {
        if let Some(mut c) = Fields::of(v, path, notes) {
            let mut o = Out::default();
            o.put("username", c.text("text")).put("url", c.text("link"));
            c.ignore(&["id", "icon"]);
            c.finish(notes, SHAPE);
            profiles.push(o.value());
        }
    }
    b.put("profiles", Some(profiles));
    f.finish(notes, SHAPE);
    b.value()
}
