//! RenderCV's YAML (`cv:` with `sections:` of typed entries) onto JSON Resume.
//!
//! RenderCV section titles are free; a section becomes the JSON Resume
//! section its title names when its entries fit (`experience` of experience
//! entries → `work`), else a section of its own under its title. The order
//! of the file is the order of the sections. `locale.language` becomes
//! `meta.language`; `design` and `settings` have no counterpart (the layout
//! and the command line decide the look), and say so.

use serde_json::{Map, Value};

use super::Reader;
use super::map::{Fields, Notes, Out, join, slug};
use crate::resume::Warning;

const SHAPE: &str = "RenderCV";

#[derive(Debug)]
pub struct RenderCv;

impl Reader for RenderCv {
    fn name(&self) -> &'static str {
        "rendercv"
    }
    fn description(&self) -> &'static str {
        "a RenderCV YAML file (cv:, sections:, design:, locale:)"
    }
    fn recognises(&self, value: &Value) -> bool {
        value.get("cv").is_some_and(Value::is_object) && value.get("basics").is_none()
    }
    fn map(&self, value: Value, warnings: &mut Vec<Warning>) -> Value {
        let mut notes = Notes::new(warnings);
        let Some(mut root) = Fields::of(value, String::new(), &mut notes) else {
            return Value::Object(Map::new());
        };
        let mut out = Out::default();
        let mut meta = Out::default();
        let mut titles = Map::new();
        let mut order: Vec<Value> = Vec::new();
        let mut basics = Out::default();
        if let Some(mut cv) = root.object("cv", &mut notes) {
            basics
                .put("name", cv.text("name"))
                .put("label", cv.text("headline"))
                .put("email", cv.text("email"))
                .put("phones", Some(cv.texts("phone", &mut notes)))
                .put("url", cv.text("website"))
                .put("image", cv.text("photo"))
                .put("location", cv.text("location"));
            let mut profiles = Vec::new();
            for (v, path) in cv.list("social_networks") {
                if let Some(mut f) = Fields::of(v, path, &mut notes) {
                    let mut p = Out::default();
                    p.put("network", f.text("network"))
                        .put("username", f.text("username"));
                    f.finish(&mut notes, SHAPE);
                    profiles.push(p.value());
                }
            }
            for (v, path) in cv.list("custom_connections") {
                if let Some(mut f) = Fields::of(v, path, &mut notes) {
                    let mut p = Out::default();
                    p.put("network", f.text("placeholder"))
                        .put("url", f.text("url"));
                    f.ignore(&["fontawesome_icon"]);
                    f.finish(&mut notes, SHAPE);
                    profiles.push(p.value());
                }
            }
            basics.put("profiles", Some(profiles));
            if let Some(mut sections) = cv.object("sections", &mut notes) {
                for (title, entries) in sections.drain() {
                    let path = join(&sections.path, &title);
                    let entries = list(entries, &path);
                    let id = section(
                        &title,
                        entries,
                        &mut out,
                        &mut basics,
                        &mut titles,
                        &mut notes,
                    );
                    if let Some(id) = id
                        && !order.iter().any(|o| o.as_str() == Some(id.as_str()))
                    {
                        order.push(Value::String(id));
                    }
                }
            }
            cv.finish(&mut notes, SHAPE);
        }
        if let Some(mut locale) = root.object("locale", &mut notes) {
            let language = locale.text("language");
            meta.put("language", language.as_deref().map(language_code));
            if !locale.is_empty() {
                notes.warn(
                    &locale.path,
                    "RenderCV locale words (month names, \"present\", phrases) are not used; \
                     the built-in words of meta.language are",
                );
            }
        }
        for key in ["design", "settings", "rendercv_settings"] {
            if root.object(key, &mut notes).is_some_and(|f| !f.is_empty()) {
                notes.warn(
                    key,
                    format!(
                        "RenderCV `{key}` settings have no counterpart in a resume file; choose \
                         the look with --layout and the paper with --paper"
                    ),
                );
            }
        }
        root.finish(&mut notes, SHAPE);
        meta.put("sections", Some(order))
            .put("sectionTitles", Some(Value::Object(titles)));
        let mut all = Out::default();
        all.put("basics", Some(basics.value()));
        all.0.extend(out.0);
        all.put("meta", Some(meta.value()));
        all.value()
    }
}

/// A section's entries, each with its path.
fn list(v: Value, path: &str) -> Vec<(Value, String)> {
    match v {
        Value::Array(a) => a
            .into_iter()
            .enumerate()
            .filter(|(_, v)| !v.is_null())
            .map(|(i, v)| (v, format!("{path}[{i}]")))
            .collect(),
        Value::Null => Vec::new(),
        v => vec![(v, path.to_string())],
    }
}

/// The kind of a RenderCV entry, from its fields (as RenderCV decides it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Education,
    Experience,
    Publication,
    OneLine,
    Bullet,
    Normal,
}

fn kind(v: &Value) -> Kind {
    let Some(o) = v.as_object() else {
        return Kind::Text;
    };
    if o.contains_key("institution") {
        Kind::Education
    } else if o.contains_key("company") {
        Kind::Experience
    } else if o.contains_key("authors") || o.contains_key("doi") || o.contains_key("journal") {
        Kind::Publication
    } else if o.contains_key("label") && o.contains_key("details") {
        Kind::OneLine
    } else if o.contains_key("bullet")
        || o.contains_key("number")
        || o.contains_key("reversed_number")
    {
        Kind::Bullet
    } else {
        Kind::Normal
    }
}

/// The JSON Resume section a title names, and the titles that need no override.
fn named(title: &str) -> Option<(&'static str, bool)> {
    let t: String = title
        .to_lowercase()
        .chars()
        .map(|c| if c == '_' || c == '-' { ' ' } else { c })
        .collect();
    let t = t.trim();
    let plain = |names: &[&str]| names.contains(&t);
    Some(match t {
        "summary" | "about" | "about me" | "profile" | "objective" => {
            ("summary", plain(&["summary"]))
        }
        "experience" | "work experience" | "work" | "employment" | "professional experience" => {
            ("work", plain(&["experience", "work experience", "work"]))
        }
        "education" => ("education", true),
        "volunteer" | "volunteering" | "volunteer experience" => {
            ("volunteer", plain(&["volunteer"]))
        }
        "projects" | "personal projects" => ("projects", plain(&["projects"])),
        "publications" | "selected publications" => ("publications", plain(&["publications"])),
        "skills" | "technical skills" | "technologies" => ("skills", plain(&["skills"])),
        "awards" | "honors" | "honours" | "selected honors" | "awards and honors" => {
            ("awards", plain(&["awards"]))
        }
        "certifications" | "certificates" | "licenses and certifications" => {
            ("certificates", plain(&["certifications", "certificates"]))
        }
        "languages" => ("languages", true),
        "interests" | "hobbies" => ("interests", plain(&["interests"])),
        "references" => ("references", true),
        _ => return None,
    })
}

/// Whether entries of `kinds` fit JSON Resume section `target`.
fn fits(target: &str, kinds: &[Kind]) -> bool {
    use Kind::*;
    kinds.iter().all(|k| match target {
        "summary" => *k == Text,
        "work" | "volunteer" => matches!(k, Experience | Normal),
        "education" => *k == Education,
        "projects" => matches!(k, Normal | Experience),
        "publications" => matches!(k, Publication | Normal),
        "skills" | "languages" | "interests" => matches!(k, OneLine | Text | Bullet),
        "awards" | "certificates" | "references" => matches!(k, Text | Bullet | Normal),
        _ => false,
    })
}

/// Maps one section; returns the id it is shown under.
fn section(
    title: &str,
    entries: Vec<(Value, String)>,
    out: &mut Out,
    basics: &mut Out,
    titles: &mut Map<String, Value>,
    notes: &mut Notes<'_>,
) -> Option<String> {
    let kinds: Vec<Kind> = entries.iter().map(|(v, _)| kind(v)).collect();
    let target = named(title).filter(|(t, _)| fits(t, &kinds) && !out.0.contains_key(*t));
    let Some((target, plain)) = target else {
        let key = slug(title);
        let key = if key.is_empty() || named(&key).is_some() || key == "basics" || key == "meta" {
            format!("section-{key}")
        } else {
            key
        };
        let strings = kinds
            .iter()
            .all(|k| matches!(k, Kind::Text | Kind::Bullet | Kind::OneLine));
        let items: Vec<Value> = entries
            .into_iter()
            .filter_map(|(v, path)| {
                if strings {
                    line(v, path, notes).map(Value::String)
                } else {
                    entry(v, path, "work", notes)
                }
            })
            .collect();
        titles.insert(key.clone(), Value::String(display(title)));
        out.put(&key, Some(items));
        return Some(key);
    };
    if !plain {
        titles.insert(target.into(), Value::String(display(title)));
    }
    if target == "summary" {
        let text: Vec<String> = entries
            .into_iter()
            .filter_map(|(v, path)| line(v, path, notes))
            .collect();
        basics.put("summary", Some(text.join("\n\n")));
        return Some("summary".into());
    }
    let items: Vec<Value> = entries
        .into_iter()
        .filter_map(|(v, path)| entry(v, path, target, notes))
        .collect();
    out.put(target, Some(items));
    Some(target.into())
}

/// `selected_honors` → `Selected Honors`, as RenderCV shows a snake-case title.
fn display(title: &str) -> String {
    if !title.contains('_') && title.chars().any(char::is_uppercase) {
        return title.to_string();
    }
    title
        .split(['_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A text, bullet, numbered or one-line entry as one line of text.
fn line(v: Value, path: String, notes: &mut Notes<'_>) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        v => {
            let mut f = Fields::of(v, path, notes)?;
            let text = match (f.text("label"), f.text("details")) {
                (Some(l), Some(d)) => Some(format!("**{l}:** {d}")),
                (l, d) => l.or(d),
            };
            let text = text.or_else(|| f.text_of(&["bullet", "number", "reversed_number"]));
            f.finish(notes, SHAPE);
            text
        }
    }
}

/// `[FlashInfer](https://x)` → (`FlashInfer`, `https://x`).
fn link(s: &str) -> Option<(String, String)> {
    let inner = s.trim().strip_prefix('[')?;
    let (text, rest) = inner.split_once("](")?;
    let url = rest.strip_suffix(')')?;
    (!text.is_empty() && !url.contains(' ')).then(|| (text.to_string(), url.to_string()))
}

/// One entry as an item of JSON Resume section `target`.
fn entry(v: Value, path: String, target: &str, notes: &mut Notes<'_>) -> Option<Value> {
    let mut o = Out::default();
    if !v.is_object() {
        let text = line(v, path, notes)?;
        let key = match target {
            "awards" => "title",
            "languages" => "language",
            "references" => "name",
            "work" | "volunteer" => "position",
            _ => "name",
        };
        o.put(key, Some(text));
        return Some(o.value());
    }
    if matches!(kind(&v), Kind::OneLine | Kind::Bullet) {
        let mut f = Fields::of(v, path.clone(), notes)?;
        let label = f.text("label");
        let details = f.text("details");
        let bullet = f.text_of(&["bullet", "number", "reversed_number"]);
        f.finish(notes, SHAPE);
        match target {
            "skills" | "interests" => {
                let keywords: Vec<Value> = details
                    .iter()
                    .flat_map(|d| d.split(", "))
                    .map(|k| Value::String(k.trim().to_string()))
                    .collect();
                o.put("name", label.or(bullet))
                    .put("keywords", Some(keywords));
            }
            "languages" => {
                o.put("language", label.or(bullet)).put("fluency", details);
            }
            _ => {
                let text = match (label, details) {
                    (Some(l), Some(d)) => Some(format!("{l}: {d}")),
                    (l, d) => l.or(d),
                };
                let key = if target == "awards" { "title" } else { "name" };
                o.put(key, text.or(bullet));
            }
        }
        return Some(o.value());
    }
    let mut f = Fields::of(v, path, notes)?;
    let (mut name, mut url) = (f.text_of(&["name", "title"]), f.text("url"));
    if let Some((text, href)) = name.as_deref().and_then(link) {
        name = Some(text);
        url = url.or(Some(href));
    }
    let date = f.text("date");
    let start = f.text("start_date");
    let end = f.text("end_date");
    let (start, end) = match (start, end, date) {
        // One date is a point in time, not an open range.
        (None, None, Some(d)) => (Some(d.clone()), Some(d)),
        (s, e, d) => {
            if let Some(d) = d {
                // Both a date and a range: the range is used; the date is kept as a note.
                notes.warn(
                    &f.at("date"),
                    "both `date` and a start/end date; the range is used",
                );
                let _ = d;
            }
            (s, e)
        }
    };
    let highlights = f.texts("highlights", notes);
    let summary = f.text("summary");
    let location = f.text("location");
    match target {
        "education" => {
            o.put("institution", f.text("institution"))
                .put("area", f.text("area"))
                .put("studyType", f.text("degree"))
                .put("location", location)
                .put("url", url)
                .put("startDate", start)
                .put("endDate", end)
                // Highlights (thesis, advisor, GPA) are no courses: they stay bullet lines.
                .put("summary", Some(join_lines(summary, highlights)));
        }
        "publications" => {
            let authors = f.texts("authors", notes);
            let authors: Vec<&str> = authors.iter().filter_map(Value::as_str).collect();
            let doi = f.text("doi");
            let mut text = Vec::new();
            if !authors.is_empty() {
                text.push(authors.join(", "));
            }
            text.extend(summary);
            // The DOI is the link; with a link of its own, it is written out.
            let url = match (url, doi) {
                (Some(u), Some(d)) => {
                    text.push(format!("DOI: {d}"));
                    Some(u)
                }
                (u, d) => u.or_else(|| d.map(|d| format!("https://doi.org/{d}"))),
            };
            o.put("name", name)
                .put("publisher", f.text("journal"))
                .put("releaseDate", start)
                .put("url", url)
                .put("summary", Some(text.join("\n\n")));
        }
        "projects" => {
            o.put("name", name.or_else(|| f.text("company")))
                .put("description", summary)
                .put("highlights", Some(highlights))
                .put("url", url)
                .put("startDate", start)
                .put("endDate", end)
                .put("entity", location)
                .put("roles", Some(f.texts("position", notes)));
        }
        "awards" => {
            o.put("title", name)
                .put("date", start)
                .put("awarder", location)
                .put("summary", Some(join_lines(summary, highlights)));
        }
        "certificates" => {
            o.put("name", name).put("date", start).put("url", url);
            if let Some(s) = summary {
                o.put("issuer", Some(s));
            }
        }
        "references" => {
            o.put("name", name)
                .put("reference", Some(join_lines(summary, highlights)));
        }
        _ => {
            // work, volunteer, and sections of their own.
            let org = f.text("company").or(if f.has("position") {
                name.clone()
            } else {
                None
            });
            let position = f
                .text("position")
                .or(if org.is_none() { name } else { None });
            o.put(
                if target == "volunteer" {
                    "organization"
                } else {
                    "name"
                },
                org,
            )
            .put("position", position)
            .put("location", location)
            .put("url", url)
            .put("startDate", start)
            .put("endDate", end)
            .put("summary", summary)
            .put("highlights", Some(highlights));
        }
    }
    f.finish(notes, SHAPE);
    Some(o.value())
}

fn join_lines(summary: Option<String>, highlights: Vec<Value>) -> String {
    summary
        .into_iter()
        .chain(
            highlights
                .iter()
                .filter_map(Value::as_str)
                .map(|h| format!("- {h}")),
        )
        .collect::<Vec<_>>()
        .join("\n")
}

/// RenderCV names its locales in English (`english`, `german`); a code is kept.
fn language_code(name: &str) -> String {
    let n = name.trim().to_lowercase();
    let code = match n.as_str() {
        "english" => "en",
        "arabic" => "ar",
        "danish" => "da",
        "dutch" => "nl",
        "french" => "fr",
        "german" => "de",
        "hebrew" => "he",
        "hindi" => "hi",
        "hungarian" => "hu",
        "indonesian" => "id",
        "italian" => "it",
        "japanese" => "ja",
        "korean" => "ko",
        "mandarin_chinese" | "chinese" => "zh",
        "norwegian_bokmål" | "norwegian_bokmal" | "norwegian" => "nb",
        "norwegian_nynorsk" => "nn",
        "persian" => "fa",
        "portuguese" => "pt",
        "russian" => "ru",
        "spanish" => "es",
        "turkish" => "tr",
        "vietnamese" => "vi",
        _ => return n,
    };
    code.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_fields() {
        assert_eq!(kind(&serde_json::json!("x")), Kind::Text);
        assert_eq!(kind(&serde_json::json!({"company": "A"})), Kind::Experience);
        assert_eq!(
            kind(&serde_json::json!({"label": "A", "details": "b"})),
            Kind::OneLine
        );
        assert_eq!(kind(&serde_json::json!({"bullet": "A"})), Kind::Bullet);
    }

    #[test]
    fn titles_and_links() {
        assert_eq!(named("Work Experience"), Some(("work", true)));
        assert_eq!(named("selected_honors"), Some(("awards", false)));
        assert_eq!(named("Welcome to RenderCV"), None);
        assert_eq!(display("selected_honors"), "Selected Honors");
        assert_eq!(display("Welcome to RenderCV"), "Welcome to RenderCV");
        assert_eq!(
            link("[FlashInfer](https://github.com/)"),
            Some(("FlashInfer".into(), "https://github.com/".into()))
        );
        assert_eq!(link("Plain"), None);
        assert_eq!(language_code("german"), "de");
    }
}
