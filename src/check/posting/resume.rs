//! The resume as matching reads it: pieces of text, each with its section and entry — from the lines a parser gets out of a PDF or DOCX, or from the document a resume file builds.

use crate::document::{Block, Document, plain_text};

use super::super::{Line, dates, recognise};

/// A piece of the resume's text and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// The section's title as printed (`Berufserfahrung`), or `header` above the first.
    pub section: String,
    /// The section it names (`work`, `skills`…), when recognised.
    pub section_id: Option<String>,
    /// The entry: its title line (`Senior Data Engineer, Havelblick Daten GmbH`) or a skill group's name.
    pub entry: Option<String>,
    pub text: String,
}

/// The units of a built document: the header's label, then each section's blocks.
pub fn from_document(doc: &Document) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut push = |section: &str, id: &str, entry: Option<String>, text: String| {
        if !text.trim().is_empty() {
            out.push(Unit {
                section: section.to_string(),
                section_id: Some(id.to_string()),
                entry,
                text,
            });
        }
    };
    if let Some(label) = &doc.header.label {
        push("header", "basics", None, label.clone());
    }
    for s in &doc.sections {
        for b in &s.blocks {
            match b {
                Block::Entry(e) => {
                    let head: Vec<&str> = [&e.title, &e.subtitle]
                        .into_iter()
                        .flatten()
                        .map(String::as_str)
                        .collect();
                    let entry = if head.is_empty() {
                        e.dates.as_ref().map(|d| d.text.clone())
                    } else {
                        Some(head.join(", "))
                    };
                    let mut texts: Vec<String> = head.iter().map(|s| s.to_string()).collect();
                    texts.extend(e.location.clone());
                    texts.extend(e.summary.iter().flat_map(block_texts));
                    texts.extend(e.bullets.iter().map(|b| plain_text(b)));
                    texts.extend(e.keywords.iter().cloned());
                    for t in texts {
                        push(&s.title, &s.id, entry.clone(), t);
                    }
                }
                Block::Keywords(k) => {
                    let entry = k.name.clone();
                    if let Some(n) = &k.name {
                        push(&s.title, &s.id, entry.clone(), n.clone());
                    }
                    for w in &k.keywords {
                        push(&s.title, &s.id, entry.clone(), w.clone());
                    }
                }
                other => {
                    for t in block_texts(other) {
                        push(&s.title, &s.id, None, t);
                    }
                }
            }
        }
    }
    out
}

fn block_texts(b: &Block) -> Vec<String> {
    match b {
        Block::Paragraph { content } => vec![plain_text(content)],
        Block::List { items } => items.iter().map(|i| plain_text(i)).collect(),
        _ => Vec::new(),
    }
}

const BULLETS: &[char] = &['•', '·', '▪', '◦', '‣', '-', '–', '*'];

/// The units of the lines a parser reads: a heading starts a section; a line with
/// a date starts an entry (its text before the date, with the line above when the
/// title wrapped); `Name: a, b` in a section without dates is an entry of its own.
/// An entry's lines are one unit, so a phrase wrapped at a line end is found.
pub fn from_lines(lines: &[&Line]) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    let mut section = ("header".to_string(), Some("basics".to_string()));
    let mut entry: Option<String> = None;
    let mut prev: Option<&str> = None;
    // Whether the section has dated entries (then `Name: …` lines are not entries).
    let mut dated = false;
    for l in lines {
        let text = l.text.trim();
        if text.is_empty() {
            continue;
        }
        if let Some(id) = recognise::heading_of(text) {
            section = (text.to_string(), Some(id.to_string()));
            entry = None;
            prev = None;
            dated = false;
            continue;
        }
        let bullet = text.starts_with(BULLETS);
        let found = dates::find(text);
        if let Some((f, _, _)) = found.first().filter(|_| !bullet) {
            let before = text.split(f.text.as_str()).next().unwrap_or("").trim();
            let before = before.trim_end_matches([',', '|', '·', '–', '-']).trim();
            let label = match prev {
                Some(p) if before.split_whitespace().count() < 3 && !p.starts_with(BULLETS) => {
                    format!("{p} {before}").trim().to_string()
                }
                _ if before.is_empty() => f.text.clone(),
                _ => before.to_string(),
            };
            // The wrapped first half of the title joins this entry.
            if label.starts_with(prev.unwrap_or("\u{0}"))
                && let Some(last) = out.last_mut()
                && last.text.ends_with(prev.unwrap_or("\u{0}"))
            {
                let cut = last.text.len() - prev.unwrap_or("").len();
                last.text.truncate(cut);
                if last.text.trim().is_empty() {
                    out.pop();
                }
            }
            entry = Some(label.clone());
            dated = true;
            append(&mut out, &section, &entry, &label);
            prev = Some(text);
            continue;
        }
        if !dated
            && !bullet
            && let Some((name, _)) = text.split_once(':')
            && (1..=5).contains(&name.split_whitespace().count())
        {
            entry = Some(name.trim().to_string());
            append(&mut out, &section, &entry, text);
            prev = Some(text);
            entry = None;
            continue;
        }
        append(&mut out, &section, &entry, text);
        prev = Some(text);
    }
    out
}

/// Adds a line to the last unit when it has the same place (joining a word hyphenated at the line end), else starts one.
fn append(
    out: &mut Vec<Unit>,
    section: &(String, Option<String>),
    entry: &Option<String>,
    text: &str,
) {
    let text = text.trim_start_matches(BULLETS).trim();
    if let Some(last) = out.last_mut()
        && last.section == section.0
        && last.entry == *entry
    {
        let soft = last.text.ends_with('-')
            && text.chars().next().is_some_and(char::is_lowercase)
            && !last.text.ends_with(" -");
        if soft {
            last.text.pop();
        } else {
            last.text.push('\n');
        }
        last.text.push_str(text);
        return;
    }
    out.push(Unit {
        section: section.0.clone(),
        section_id: section.1.clone(),
        entry: entry.clone(),
        text: text.to_string(),
    });
}
