//! FRESH (HackMyResume, FluentCV; the `fresh-resume-schema` package) onto JSON Resume.

use serde_json::{Map, Value};

use super::Reader;
use super::map::{Fields, Notes, Out};
use crate::resume::Warning;

const SHAPE: &str = "FRESH";

#[derive(Debug)]
pub struct Fresh;

impl Reader for Fresh {
    fn name(&self) -> &'static str {
        "fresh"
    }
    fn description(&self) -> &'static str {
        "FRESH, the format of HackMyResume and FluentCV"
    }
    fn recognises(&self, value: &Value) -> bool {
        let Some(o) = value.as_object() else {
            return false;
        };
        let format = o
            .get("meta")
            .and_then(|m| m.get("format"))
            .and_then(Value::as_str)
            .unwrap_or("");
        format.to_ascii_uppercase().starts_with("FRESH")
            || (!o.contains_key("basics") && o.get("employment").is_some_and(Value::is_object)
                || o.get("info").is_some_and(Value::is_object)
                    && o.get("contact").is_some_and(Value::is_object))
    }
    fn map(&self, value: Value, warnings: &mut Vec<Warning>) -> Value {
        let mut notes = Notes::new(warnings);
        let Some(mut root) = Fields::of(value, String::new(), &mut notes) else {
            return Value::Object(Map::new());
        };
        let mut out = Out::default();
        out.put("basics", Some(basics(&mut root, &mut notes)));
        // A section's own `summary` opens it, as an entry of its own.
        let history = |root: &mut Fields, key: &str, notes: &mut Notes<'_>| {
            let mut o = root.object(key, notes)?;
            let items = o.list("history");
            let summary = o.text("summary");
            o.finish(notes, SHAPE);
            Some((items, summary))
        };
        let (work, intro) = history(&mut root, "employment", &mut notes).unwrap_or_default();
        let work = opened(intro, entries(work, &mut notes, "employer"));
        out.put("work", Some(work));
        let (service, intro) = history(&mut root, "service", &mut notes).unwrap_or_default();
        let service = opened(intro, entries(service, &mut notes, "organization"));
        out.put("volunteer", Some(service));
        let education = education(&mut root, &mut notes);
        out.put("education", Some(education));
        out.put(
            "awards",
            Some(each(root.list("recognition"), &mut notes, award)),
        );
        out.put(
            "publications",
            Some(each(root.list("writing"), &mut notes, publication)),
        );
        out.put("skills", Some(skills(&mut root, &mut notes)));
        out.put(
            "languages",
            Some(each(root.list("languages"), &mut notes, |f, _| {
                let mut o = Out::default();
                o.put("language", f.text("language"))
                    .put("fluency", f.text_of(&["level", "fluency"]));
                o.value()
            })),
        );
        out.put(
            "interests",
            Some(each(root.list("interests"), &mut notes, |f, n| {
                let mut o = Out::default();
                o.put("name", f.text("name"))
                    .put("keywords", Some(f.texts("keywords", n)));
                o.value()
            })),
        );
        let mut references = each(root.list("references"), &mut notes, reference);
        references.extend(each(root.list("testimonials"), &mut notes, |f, _| {
            let mut o = Out::default();
            o.put("name", f.text("name"))
                .put("reference", f.text("quote"));
            o.value()
        }));
        out.put("references", Some(references));
        out.put(
            "projects",
            Some(each(root.list("projects"), &mut notes, project)),
        );
        // FRESH sections without a JSON Resume counterpart become sections of their own.
        let extra: [(&str, MapItem); 5] = [
            ("speaking", speaking),
            ("governance", governance),
            ("samples", sample),
            ("reading", reading),
            ("extracurricular", extracurricular),
        ];
        let mut titles = Map::new();
        for (key, f) in extra {
            let items = each(root.list(key), &mut notes, f);
            if !items.is_empty() {
                titles.insert(key.to_string(), Value::String(title(key)));
            }
            out.put(key, Some(items));
        }
        if let Some((items, intro)) = history(&mut root, "affiliation", &mut notes) {
            let items = opened(intro, each(items, &mut notes, governance));
            if !items.is_empty() {
                titles.insert("affiliation".into(), Value::String("Affiliations".into()));
            }
            out.put("affiliation", Some(items));
        }
        let mut meta = Out::default();
        meta.put("sectionTitles", Some(Value::Object(titles)));
        out.put("meta", Some(meta.value()));
        if let Some(mut meta) = root.object("meta", &mut notes) {
            meta.ignore(&["format", "version"]);
            meta.finish(&mut notes, SHAPE);
        }
        root.ignore(&["$schema"]);
        root.finish(&mut notes, SHAPE);
        out.value()
    }
}

/// Maps one FRESH item to a JSON Resume one.
type MapItem = fn(&mut Fields, &mut Notes<'_>) -> Value;

/// The title HackMyResume gives a FRESH section of its own.
fn title(key: &str) -> String {
    match key {
        "speaking" => "Speaking",
        "governance" => "Governance",
        "samples" => "Samples",
        "reading" => "Reading",
        "extracurricular" => "Extracurricular",
        other => other,
    }
    .to_string()
}

/// Maps each object of a list with `f`, reporting what `f` left.
fn each(
    items: Vec<(Value, String)>,
    notes: &mut Notes<'_>,
    f: impl Fn(&mut Fields, &mut Notes<'_>) -> Value,
) -> Vec<Value> {
    let mut out = Vec::new();
    for (v, path) in items {
        if let Some(mut fields) = Fields::of(v, path, notes) {
            // FRESH marks what is not for every reader `private`, and what to skip `ignore`.
            let private = fields.take("private") == Some(Value::Bool(true));
            let ignore = fields.take("ignore") == Some(Value::Bool(true));
            if private || ignore {
                let why = if private {
                    "marked private"
                } else {
                    "marked ignore"
                };
                notes.warn(&fields.path, format!("{why} in the FRESH file; left out"));
                continue;
            }
            let mut mapped = f(&mut fields, notes);
            fields.finish(notes, SHAPE);
            plain_titles(&mut mapped);
            if !mapped.is_null() {
                out.push(mapped);
            }
        }
    }
    out
}

/// Titles are shown as they are, so their emphasis markup (`<em>`, `**`) is
/// taken out; summaries keep theirs for the document builder to read.
fn plain_titles(v: &mut Value) {
    let Some(m) = v.as_object_mut() else {
        return;
    };
    for key in [
        "name",
        "position",
        "title",
        "institution",
        "studyType",
        "area",
    ] {
        if let Some(Value::String(s)) = m.get_mut(key) {
            *s = plain(s);
        }
    }
}

/// `s` without inline HTML tags and Markdown emphasis.
fn plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(rest.get(..i).unwrap_or(""));
        let after = rest.get(i..).unwrap_or("");
        let tag = after.find('>').and_then(|e| after.get(1..e)).unwrap_or("");
        let name = tag.trim_start_matches('/').trim().to_ascii_lowercase();
        if ["em", "i", "strong", "b", "u", "span", "small"].contains(&name.as_str()) {
            rest = after.get(tag.len() + 2..).unwrap_or("");
        } else {
            out.push('<');
            rest = after.get(1..).unwrap_or("");
        }
    }
    out.push_str(rest);
    for marker in ["**", "__"] {
        if out.matches(marker).count() >= 2 {
            out = out.replace(marker, "");
        }
    }
    let stars = out.matches('*').count();
    if stars >= 2 && stars.is_multiple_of(2) {
        out = out.replace('*', "");
    }
    out
}

fn basics(root: &mut Fields, notes: &mut Notes<'_>) -> Value {
    let mut b = Out::default();
    b.put("name", root.text("name"));
    if let Some(mut info) = root.object("info", notes) {
        b.put("label", info.text_of(&["label", "title"]))
            .put("image", info.text("image"))
            .put("summary", info.text_of(&["brief", "summary"]));
        info.finish(notes, SHAPE);
    }
    let mut phones = Vec::new();
    let mut profiles = Vec::new();
    if let Some(mut c) = root.object("contact", notes) {
        b.put("email", c.text("email"))
            .put("url", c.text_of(&["website", "url"]));
        phones.extend(c.text("phone").map(Value::String));
        for (v, path) in c.list("other") {
            let Some(mut o) = Fields::of(v, path, notes) else {
                continue;
            };
            let flavor = o
                .text_of(&["flavor", "category"])
                .unwrap_or_default()
                .to_ascii_lowercase();
            let label = o.text("label");
            let value = o.text("value");
            if flavor == "phone" || flavor == "mobile" || flavor == "fax" {
                if label.is_some() {
                    notes.warn(
                        &o.at("label"),
                        "the label of a phone number has no place in JSON Resume (phones are unlabelled); left out",
                    );
                }
                phones.extend(value.map(Value::String));
            } else if let Some(value) = value {
                let mut p = Out::default();
                p.put(
                    "network",
                    label.or(Some(flavor.clone()).filter(|f| !f.is_empty())),
                );
                if flavor == "email" && !value.contains(':') {
                    p.put("username", Some(value.clone()))
                        .put("url", Some(format!("mailto:{value}")));
                } else if value.contains("://") {
                    p.put("url", Some(value));
                } else {
                    p.put("username", Some(value));
                }
                profiles.push(p.value());
            }
            o.finish(notes, SHAPE);
        }
        c.finish(notes, SHAPE);
    }
    b.put("phones", Some(phones));
    if let Some(mut l) = root.object("location", notes) {
        let mut o = Out::default();
        o.put("address", l.text("address"))
            .put("postalCode", l.text_of(&["code", "postalCode"]))
            .put("city", l.text("city"))
            .put("countryCode", l.text_of(&["country", "countryCode"]))
            .put("region", l.text("region"));
        l.finish(notes, SHAPE);
        b.put("location", Some(o.value()));
    }
    profiles.extend(each(root.list("social"), notes, |f, _| {
        let mut o = Out::default();
        let label = f.text("label");
        let network = f.text("network");
        if label.is_some() && label != network {
            // A label other than the network name is how the profile is shown.
            o.put("network", label);
            f.ignore(&["network"]);
        } else {
            o.put("network", network);
        }
        o.put("username", f.text_of(&["user", "username"]))
            .put("url", f.text("url"));
        o.value()
    }));
    b.put("profiles", Some(profiles));
    b.value()
}

/// Employment and service history: positions at an organisation.
fn entries(items: Vec<(Value, String)>, notes: &mut Notes<'_>, org: &str) -> Vec<Value> {
    // JSON Resume names the organisation `name` in work and `organization` in volunteer.
    let key = if org == "employer" {
        "name"
    } else {
        "organization"
    };
    each(items, notes, |f, n| {
        let mut o = Out::default();
        o.put(
            key,
            f.text_of(&[org, "employer", "organization", "company"]),
        )
        .put("position", f.text_of(&["position", "title"]))
        .put("location", f.text("location"))
        .put("url", f.text("url"))
        .put("startDate", f.text("start"))
        .put("endDate", f.text("end"))
        .put("summary", f.text("summary"))
        .put("highlights", Some(f.texts("highlights", n)))
        .put("keywords", Some(f.texts("keywords", n)));
        o.value()
    })
}

fn education(root: &mut Fields, notes: &mut Notes<'_>) -> Vec<Value> {
    let Some(mut e) = root.object("education", notes) else {
        return Vec::new();
    };
    let items = e.list("history");
    let intro = e.text("summary");
    let out = each(items, notes, |f, n| {
        let mut o = Out::default();
        let title = f.text("title");
        let study = f.text("studyType");
        o.put("institution", f.text("institution"))
            .put("area", f.text("area"))
            .put("studyType", study.or(title))
            .put("location", f.text("location"))
            .put("url", f.text("url"))
            .put("startDate", f.text("start"))
            .put("endDate", f.text("end"))
            .put("score", f.text_of(&["grade", "gpa", "score"]))
            .put("summary", f.text("summary"))
            .put("courses", Some(f.texts("curriculum", n)));
        // JSON Resume education has no highlights; they read as courses would not, so keep them visible.
        let highlights = f.texts("highlights", n);
        if !highlights.is_empty() {
            o.put("highlights", Some(highlights));
        }
        o.value()
    });
    e.finish(notes, SHAPE);
    opened(intro, out)
}

/// A section's entries after its own summary, which comes first as an entry
/// with nothing but that summary.
fn opened(summary: Option<String>, mut entries: Vec<Value>) -> Vec<Value> {
    if let Some(s) = summary {
        let mut o = Out::default();
        o.put("summary", Some(s));
        entries.insert(0, o.value());
    }
    entries
}

fn award(f: &mut Fields, _: &mut Notes<'_>) -> Value {
    let mut o = Out::default();
    o.put("title", f.text("title"))
        .put("date", f.text("date"))
        .put("awarder", f.text_of(&["from", "awarder", "event"]))
        .put("summary", f.text("summary"));
    o.value()
}

fn publication(f: &mut Fields, notes: &mut Notes<'_>) -> Value {
    let mut o = Out::default();
    let publisher = match f.take("publisher") {
        Some(Value::Object(m)) => {
            let mut p = Fields::of(Value::Object(m), f.at("publisher"), notes);
            let name = p.as_mut().and_then(|p| p.text("name"));
            let url = p.as_mut().and_then(|p| p.text("url"));
            if let Some(p) = p {
                p.finish(notes, SHAPE);
            }
            if f.has("url") {
                if url.is_some() {
                    notes.warn(
                        &format!("{}.url", f.at("publisher")),
                        "the publisher's link, beside the publication's own; left out",
                    );
                }
            } else {
                o.put("url", url);
            }
            name
        }
        Some(Value::String(s)) => Some(s),
        Some(_) | None => None,
    };
    o.put("name", f.text("title"))
        .put("publisher", publisher)
        .put("releaseDate", f.text("date"))
        .put("url", f.text("url"))
        .put("summary", f.text("summary"));
    o.value()
}

fn skills(root: &mut Fields, notes: &mut Notes<'_>) -> Vec<Value> {
    let Some(mut s) = root.object("skills", notes) else {
        return Vec::new();
    };
    let mut out = each(s.list("sets"), notes, |f, n| {
        let mut o = Out::default();
        o.put("name", f.text("name"))
            .put("level", f.text("level"))
            .put("keywords", Some(f.texts("skills", n)));
        o.value()
    });
    out.extend(each(s.list("list"), notes, |f, _| {
        let mut o = Out::default();
        let name = f.text("name");
        let years = f.text("years").map(|y| format!("{y} years"));
        o.put("name", name)
            .put("level", f.text("level"))
            .put("keywords", Some(years.into_iter().collect::<Vec<_>>()));
        o.value()
    }));
    s.finish(notes, SHAPE);
    out
}

fn reference(f: &mut Fields, notes: &mut Notes<'_>) -> Value {
    let mut o = Out::default();
    let name = f.text("name");
    let role = f.text("role");
    let summary = f.text("summary");
    let mut contact = Vec::new();
    for (v, path) in f.list("contact") {
        if let Some(mut c) = Fields::of(v, path, notes) {
            contact.extend(c.text("value"));
            c.ignore(&["flavor"]);
            c.finish(notes, SHAPE);
        }
    }
    let name = match (name, role) {
        (Some(n), Some(r)) => Some(format!("{n}, {r}")),
        (n, r) => n.or(r),
    };
    let reference = match (summary, contact.is_empty()) {
        (Some(s), true) => Some(s),
        (s, false) => Some(
            s.into_iter()
                .chain(std::iter::once(contact.join(", ")))
                .collect::<Vec<_>>()
                .join(" — "),
        ),
        (None, true) => None,
    };
    o.put("name", name).put("reference", reference);
    o.value()
}

fn project(f: &mut Fields, n: &mut Notes<'_>) -> Value {
    let mut o = Out::default();
    let description = f.text("description");
    let summary = f.text("summary");
    let description = match (description, summary) {
        (Some(d), Some(s)) => Some(format!("{d} {s}")),
        (d, s) => d.or(s),
    };
    let url = f.text("url");
    let repo = f.text("repo");
    let mut highlights = f.texts("highlights", n);
    if url.is_some()
        && let Some(r) = &repo
    {
        highlights.push(Value::String(format!("Repository: {r}")));
    }
    o.put("name", f.text_of(&["title", "name"]))
        .put("description", description)
        .put("url", url.or(repo))
        .put("startDate", f.text("start"))
        .put("endDate", f.text("end"))
        .put("highlights", Some(highlights))
        .put("keywords", Some(f.texts("keywords", n)))
        .put("roles", Some(f.texts("role", n)))
        .put("type", f.text_of(&["category", "flavor"]))
        .put("entity", f.text("location"));
    for (v, path) in f.list("media") {
        if let Some(mut m) = Fields::of(v, path, n) {
            m.ignore(&["category", "name", "url"]);
            m.finish(n, SHAPE);
        }
        n.warn(
            &f.at("media"),
            "FRESH project media (downloads, screenshots) have no place in JSON Resume; left out",
        );
    }
    o.value()
}

/// A FRESH item shown as an entry of a section of its own: `(entry field, FRESH
/// field)` pairs of text, then highlights and keywords.
fn entry(f: &mut Fields, n: &mut Notes<'_>, texts: &[(&str, &str)]) -> Value {
    let mut o = Out::default();
    for (to, from) in texts {
        let v = f.text(from);
        if *from == "date" {
            // One date is a point in time: it starts and ends there.
            o.put("endDate", v.clone());
        }
        o.put(to, v);
    }
    o.put("highlights", Some(f.texts("highlights", n)))
        .put("keywords", Some(f.texts("keywords", n)));
    o.value()
}

fn speaking(f: &mut Fields, n: &mut Notes<'_>) -> Value {
    entry(
        f,
        n,
        &[
            ("position", "title"),
            ("name", "event"),
            ("description", "role"),
            ("location", "location"),
            ("startDate", "date"),
            ("summary", "summary"),
        ],
    )
}

fn governance(f: &mut Fields, n: &mut Notes<'_>) -> Value {
    entry(
        f,
        n,
        &[
            ("position", "role"),
            ("name", "organization"),
            ("location", "location"),
            ("url", "url"),
            ("startDate", "start"),
            ("endDate", "end"),
            ("summary", "summary"),
        ],
    )
}

fn sample(f: &mut Fields, n: &mut Notes<'_>) -> Value {
    entry(
        f,
        n,
        &[
            ("position", "title"),
            ("url", "url"),
            ("startDate", "date"),
            ("summary", "summary"),
        ],
    )
}

fn extracurricular(f: &mut Fields, n: &mut Notes<'_>) -> Value {
    entry(
        f,
        n,
        &[
            ("position", "title"),
            ("name", "activity"),
            ("location", "location"),
            ("startDate", "start"),
            ("endDate", "end"),
        ],
    )
}

fn reading(f: &mut Fields, _: &mut Notes<'_>) -> Value {
    let mut o = Out::default();
    let author = match f.take("author") {
        Some(Value::Array(a)) => Some(
            a.iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Some(Value::String(s)) => Some(s),
        Some(_) | None => None,
    };
    let date = f.text("date");
    o.put("position", f.text("title"))
        .put("name", author)
        .put("url", f.text("url"))
        .put("startDate", date.clone())
        .put("endDate", date)
        .put("summary", f.text("summary"));
    o.value()
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn titles_lose_their_emphasis_markup() {
        assert_eq!(plain("<em>Deep</em> Learning"), "Deep Learning");
        assert_eq!(plain("**Lead** Engineer"), "Lead Engineer");
        assert_eq!(plain("R&D <b>Lab</b>"), "R&D Lab");
        assert_eq!(plain("a < b"), "a < b");
        assert_eq!(plain("C*"), "C*");
    }
}
