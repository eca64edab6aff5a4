//! The page's `<head>`: policy, title, description, OpenGraph and schema.org JSON-LD.
//!
//! Everything here is read from the document model, after redaction, so
//! whatever `--redact` removed is in none of it.

use serde_json::{Map, Value, json};

use super::write::{attr, json_in_script, text};
use crate::document::{Block, ContactKind, Document, plain_text};

/// No script, no request: styles and fonts only from the page itself.
const POLICY: &str = "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; \
img-src data:; font-src data:; base-uri 'none'; form-action 'none'";

/// Longest description, in characters.
const DESCRIPTION_MAX: usize = 300;

/// Writes the metadata elements of `<head>` (not the stylesheet).
pub fn write(out: &mut String, doc: &Document) {
    out.push_str("<meta charset=\"utf-8\">\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"");
    out.push_str(POLICY);
    out.push_str("\">\n<meta name=\"referrer\" content=\"no-referrer\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>");
    text(out, &doc.meta.title);
    out.push_str("</title>\n");
    let description = description(doc);
    meta(out, "name", "description", &description);
    if let Some(author) = &doc.meta.author {
        meta(out, "name", "author", author);
    }
    if !doc.meta.keywords.is_empty() {
        meta(out, "name", "keywords", &doc.meta.keywords.join(", "));
    }
    meta(out, "name", "generator", "resume-export");
    meta(out, "property", "og:type", "profile");
    meta(out, "property", "og:title", &doc.meta.title);
    meta(out, "property", "og:description", &description);
    meta(
        out,
        "property",
        "og:locale",
        &doc.meta.language.replace('-', "_"),
    );
    out.push_str("<script type=\"application/ld+json\">");
    let person = serde_json::to_string(&person(doc)).unwrap_or_default();
    out.push_str(&json_in_script(&person));
    out.push_str("</script>\n");
}

fn meta(out: &mut String, key: &str, name: &str, content: &str) {
    out.push_str("<meta ");
    out.push_str(key);
    out.push_str("=\"");
    out.push_str(name);
    out.push_str("\" content=\"");
    attr(out, content);
    out.push_str("\">\n");
}

/// The headline, then the start of the summary, cut at a word.
pub fn description(doc: &Document) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(doc.header.label.clone());
    let summary = doc
        .sections
        .iter()
        .find(|s| s.id == "summary")
        .and_then(|s| {
            s.blocks.iter().find_map(|b| match b {
                Block::Paragraph { content } => Some(plain_text(content)),
                _ => None,
            })
        });
    parts.extend(summary);
    let joined = parts
        .iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(". ");
    if joined.is_empty() {
        return doc.meta.title.clone();
    }
    if joined.chars().count() <= DESCRIPTION_MAX {
        return joined;
    }
    let cut: String = joined.chars().take(DESCRIPTION_MAX).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > DESCRIPTION_MAX / 2 => cut.get(..i).unwrap_or(&cut).to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':', ' ']))
}

/// A schema.org `Person` from the document.
fn person(doc: &Document) -> Value {
    let mut p = Map::new();
    p.insert("@context".into(), json!("https://schema.org"));
    p.insert("@type".into(), json!("Person"));
    let h = &doc.header;
    if let Some(name) = &h.name {
        p.insert("name".into(), json!(name));
    }
    if let Some(label) = &h.label {
        p.insert("jobTitle".into(), json!(label));
    }
    let contact = |kind: ContactKind| h.contacts.iter().filter(move |c| c.kind == kind);
    if let Some(c) = contact(ContactKind::Email).next() {
        p.insert("email".into(), json!(c.text));
    }
    if let Some(c) = contact(ContactKind::Phone).next() {
        p.insert("telephone".into(), json!(c.text));
    }
    if let Some(c) = contact(ContactKind::Location).next() {
        p.insert("address".into(), json!(c.text));
    }
    if let Some(url) = contact(ContactKind::Url).find_map(|c| c.link.clone()) {
        p.insert("url".into(), json!(url));
    }
    let same_as: Vec<&String> = contact(ContactKind::Profile)
        .filter_map(|c| c.link.as_ref())
        .collect();
    if !same_as.is_empty() {
        p.insert("sameAs".into(), json!(same_as));
    }
    let entries = |id: &'static str| {
        doc.sections
            .iter()
            .filter(move |s| s.id == id)
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                Block::Entry(e) => Some(e),
                _ => None,
            })
    };
    // Where the person works now: ongoing positions, else the latest one.
    let mut current: Vec<&String> = entries("work")
        .filter(|e| e.dates.as_ref().is_some_and(|d| d.ongoing))
        .filter_map(|e| e.subtitle.as_ref())
        .collect();
    if current.is_empty() {
        current.extend(entries("work").find_map(|e| e.subtitle.as_ref()));
    }
    let orgs = |names: Vec<&String>, kind: &str| {
        let mut seen: Vec<&String> = Vec::new();
        for n in names {
            if !seen.contains(&n) {
                seen.push(n);
            }
        }
        seen.into_iter()
            .map(|n| json!({"@type": kind, "name": n}))
            .collect::<Vec<_>>()
    };
    if !current.is_empty() {
        p.insert("worksFor".into(), json!(orgs(current, "Organization")));
    }
    // An education entry without a degree has the institution as its title.
    let schools: Vec<&String> = entries("education")
        .filter_map(|e| e.subtitle.as_ref().or(e.title.as_ref()))
        .collect();
    if !schools.is_empty() {
        p.insert(
            "alumniOf".into(),
            json!(orgs(schools, "EducationalOrganization")),
        );
    }
    let mut knows: Vec<&String> = Vec::new();
    for block in doc
        .sections
        .iter()
        .filter(|s| s.id == "skills")
        .flat_map(|s| &s.blocks)
    {
        if let Block::Keywords(g) = block {
            for k in g.name.iter().chain(&g.keywords) {
                if !k.trim().is_empty() && !knows.contains(&k) {
                    knows.push(k);
                }
            }
        }
    }
    if !knows.is_empty() {
        p.insert("knowsAbout".into(), json!(knows));
    }
    Value::Object(p)
}
