//! Redaction for recruiters, on the document model, so no backend can leak what was removed.
//!
//! `contact` drops e-mail, phone, web address and profiles from the header,
//! keeps only the town, region and country of the location, and scrubs every
//! removed value from all text and links elsewhere in the document. `name`
//! replaces the name with initials, everywhere it appears, metadata included.

use super::builder::Redact;
use super::model::{Block, ContactKind, Document, Entry, Inline, Inlines};
use crate::resume::Resume;

/// Shown where contact details were removed from running text.
const REMOVED: &str = "[redacted]";

/// Applies a redaction to a built document.
pub fn apply(doc: &mut Document, resume: &Resume, redact: Redact) {
    let mut secrets: Vec<(String, String)> = Vec::new();
    if redact.contact {
        let b = &resume.basics;
        let mut contact: Vec<String> = Vec::new();
        contact.extend(b.email.clone());
        contact.extend(b.phones.iter().cloned());
        contact.extend(b.url.clone());
        for p in &b.profiles {
            contact.extend(p.url.clone());
            contact.extend(p.username.clone());
        }
        if let Some(loc) = &b.location {
            if let Some(address) = &loc.address {
                contact.push(address.clone());
                contact.extend(address.lines().map(|l| l.trim().to_string()));
            }
            contact.extend(loc.postal_code.clone());
        }
        secrets.extend(contact.into_iter().map(|s| (s, REMOVED.to_string())));
        doc.header
            .contacts
            .retain(|c| c.kind == ContactKind::Location);
        for c in &mut doc.header.contacts {
            if let Some(loc) = &resume.basics.location {
                let parts: Vec<&str> = [&loc.city, &loc.region, &loc.country_code]
                    .into_iter()
                    .flatten()
                    .map(String::as_str)
                    .collect();
                c.text = parts.join(", ");
            }
        }
        doc.header.contacts.retain(|c| !c.text.is_empty());
    }
    if redact.name
        && let Some(name) = doc.header.name.clone()
    {
        let initials = initials(&name);
        secrets.push((name, initials.clone()));
        doc.header.name = Some(initials);
    }
    // Longest first, so a full address goes before one of its lines.
    secrets.retain(|(s, _)| s.trim().chars().count() >= 3);
    secrets.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    secrets.dedup_by(|a, b| a.0 == b.0);
    if secrets.is_empty() {
        return;
    }
    let scrub = |s: &mut String| {
        for (secret, replacement) in &secrets {
            if s.contains(secret.as_str()) {
                *s = s.replace(secret.as_str(), replacement);
            }
        }
    };
    let meta = &mut doc.meta;
    scrub(&mut meta.title);
    meta.author.iter_mut().for_each(scrub);
    meta.subject.iter_mut().for_each(scrub);
    meta.keywords.iter_mut().for_each(scrub);
    doc.header.label.iter_mut().for_each(scrub);
    for c in &mut doc.header.contacts {
        scrub(&mut c.text);
        scrub(&mut c.label);
    }
    let leaks = |url: &str| secrets.iter().any(|(s, _)| url.contains(s.as_str()));
    if let Some(letter) = &mut doc.letter {
        super::letter::redact(letter, redact, &scrub, &|i| {
            scrub_inlines(i, &scrub, &leaks)
        });
    }
    for section in &mut doc.sections {
        scrub(&mut section.title);
        for block in &mut section.blocks {
            scrub_block(block, &scrub, &leaks);
        }
    }
}

fn scrub_block(block: &mut Block, scrub: &dyn Fn(&mut String), leaks: &dyn Fn(&str) -> bool) {
    match block {
        Block::Entry(e) => scrub_entry(e, scrub, leaks),
        Block::Paragraph { content } => scrub_inlines(content, scrub, leaks),
        Block::List { items } => items
            .iter_mut()
            .for_each(|i| scrub_inlines(i, scrub, leaks)),
        Block::Keywords(g) => {
            g.name.iter_mut().for_each(scrub);
            g.level.iter_mut().for_each(scrub);
            g.keywords.iter_mut().for_each(scrub);
        }
    }
}

fn scrub_entry(e: &mut Entry, scrub: &dyn Fn(&mut String), leaks: &dyn Fn(&str) -> bool) {
    e.title.iter_mut().for_each(scrub);
    e.subtitle.iter_mut().for_each(scrub);
    e.location.iter_mut().for_each(scrub);
    if e.link.as_ref().is_some_and(|l| leaks(&l.url)) {
        e.link = None;
    }
    for b in &mut e.summary {
        scrub_block(b, scrub, leaks);
    }
    e.bullets
        .iter_mut()
        .for_each(|b| scrub_inlines(b, scrub, leaks));
    e.keywords.iter_mut().for_each(scrub);
}

pub(super) fn scrub_inlines(
    items: &mut Inlines,
    scrub: &dyn Fn(&mut String),
    leaks: &dyn Fn(&str) -> bool,
) {
    let mut out = Vec::with_capacity(items.len());
    for mut item in std::mem::take(items) {
        match &mut item {
            Inline::Text { text } => scrub(text),
            Inline::Strong { content } | Inline::Emph { content } => {
                scrub_inlines(content, scrub, leaks)
            }
            Inline::Link { url, content } => {
                scrub_inlines(content, scrub, leaks);
                if leaks(url) {
                    // The link goes; its (scrubbed) text stays.
                    out.append(content);
                    continue;
                }
            }
            Inline::Break => {}
        }
        out.push(item);
    }
    *items = out;
}

/// "Richard Hendriks" → "R. H."; "杨杨" → "杨.".
pub fn initials(name: &str) -> String {
    let parts: Vec<String> = name
        .split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .flat_map(char::to_uppercase)
        .map(|c| format!("{c}."))
        .collect();
    if parts.is_empty() {
        "—".to_string()
    } else {
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_names() {
        assert_eq!(initials("Richard Hendriks"), "R. H.");
        assert_eq!(initials("zoë van der berg"), "Z. V. D. B.");
        assert_eq!(initials("杨杨"), "杨.");
        assert_eq!(initials("  "), "—");
    }
}
