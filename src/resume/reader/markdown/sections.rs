//! The document: the name, then each `## section` by what its title names, and what the sections record in `meta`.

use serde_json::{Map, Value, json};

use super::blocks::{Block, Inl, Style};
use super::contact::{contacts, footer_lines, header, split_footer};
use super::entries::{EntryReader, Headings, entry_value, is_dates, para_text};
use super::groups::groups;
use super::header::Basics;
use super::titles::{Kind, kind_of, language};
use super::words::{SECTION_IDS, Words};
use crate::resume::Warning;

pub(super) fn warn(warnings: &mut Vec<Warning>, line: usize, message: impl Into<String>) {
    warnings.push(Warning {
        path: format!("line {line}"),
        message: message.into(),
    });
}

/// The whole document as JSON Resume.
pub(super) fn document(blocks: &[Block], warnings: &mut Vec<Warning>) -> Map<String, Value> {
    let has = |l: usize| {
        blocks
            .iter()
            .any(|b| matches!(b, Block::Heading { level, .. } if *level == l))
    };
    let h1s = blocks
        .iter()
        .filter(|b| matches!(b, Block::Heading { level: 1, .. }))
        .count();
    let sec_level = if has(2) || h1s <= 1 { 2 } else { 1 };
    let entry_level = sec_level + 1;
    let words = language(blocks, sec_level);
    let bold_label = matches!(blocks, [Block::Heading { level: 1, .. }, Block::Para { inl, .. }, ..] if inl.only(&Style::Strong));
    let meta_after_heading = |emph: bool| {
        blocks.windows(2).any(|w| {
            matches!(w, [Block::Heading { level, .. }, Block::Para { inl, .. }]
                if *level == entry_level
                    && inl.pieces.first().is_some_and(|p| (p.style == Style::Emph) == emph)
                    && (inl.plain().contains(" · ") || is_dates(&inl.lines().first().map(Inl::plain).unwrap_or_default(), words)))
        })
    };
    let other_headings = blocks.iter().any(|b| {
        matches!(b, Block::Heading { level, inl, .. } if *level == entry_level && (inl.plain().contains(" @ ") || inl.plain().contains(" | ")))
    });
    let ours =
        bold_label || (meta_after_heading(true) && !meta_after_heading(false) && !other_headings);
    let entry_heading = |pat: &str| {
        blocks.iter().any(|b| matches!(b, Block::Heading { level, inl, .. } if *level == entry_level && inl.plain().contains(pat)))
    };
    let headings = if ours || (entry_heading(" — ") && !other_headings) {
        Headings::EmDash
    } else {
        Headings::Common
    };
    let mut basics = Basics::default();
    let mut rest = blocks;
    if let Some((Block::Heading { level: 1, inl, .. }, after)) = rest.split_first()
        && sec_level == 2
    {
        basics.name = Some(inl.plain());
        rest = after;
    } else if let Some((Block::Heading { level: 1, inl, .. }, after)) = rest.split_first() {
        basics.name = Some(inl.plain());
        rest = after;
    }
    let split = rest
        .iter()
        .position(|b| matches!(b, Block::Heading { level, .. } if *level <= sec_level))
        .unwrap_or(rest.len());
    let (head, body) = rest.split_at(split);
    let mut out = Map::new();
    let ctx = Ctx {
        words,
        ours,
        headings,
        entry_level,
    };
    header(head, &mut basics, &ctx, warnings);
    let mut order: Vec<String> = Vec::new();
    let mut titles: Vec<(String, String)> = Vec::new();
    let mut i = 0;
    while let Some(Block::Heading { inl, line, .. }) = body.get(i) {
        let end = body
            .get(i + 1..)
            .and_then(|r| {
                r.iter()
                    .position(|b| matches!(b, Block::Heading { level, .. } if *level <= sec_level))
            })
            .map_or(body.len(), |p| i + 1 + p);
        let content = body.get(i + 1..end).unwrap_or(&[]);
        let title = inl.plain();
        let (content, footer) = split_footer(content);
        match kind_of(&title, words) {
            Kind::Contact => contacts(content, &mut basics, &ctx, warnings),
            Kind::Standard("summary") => {
                basics.summary.extend(texts(content, warnings));
                note_section(&mut order, &mut titles, "summary", &title, words);
            }
            Kind::Standard(id @ ("skills" | "languages" | "interests")) => {
                let groups = groups(content, id, &ctx);
                if !groups.is_empty() {
                    append(&mut out, id, groups);
                    note_section(&mut order, &mut titles, id, &title, words);
                }
            }
            Kind::Standard(id) => {
                let items = entries(content, id, &ctx, *line, warnings);
                if !items.is_empty() {
                    append(&mut out, id, items);
                    note_section(&mut order, &mut titles, id, &title, words);
                }
            }
            Kind::Extra => {
                let key = extra_key(&title, &out);
                let has_entries = content
                    .iter()
                    .any(|b| matches!(b, Block::Heading { level, .. } if *level == entry_level));
                let items: Vec<Value> = if has_entries {
                    entries(content, "work", &ctx, *line, warnings)
                } else {
                    texts_as_items(content)
                };
                if !items.is_empty() {
                    warn(
                        warnings,
                        *line,
                        format!(
                            "`{title}` names no JSON Resume section; kept as its own section `{key}`"
                        ),
                    );
                    out.insert(key.clone(), Value::Array(items));
                    order.push(key.clone());
                    titles.push((key, title.clone()));
                }
            }
        }
        footer_lines(footer, &mut basics, &mut out, warnings);
        i = end;
    }
    let b = basics.into_value();
    let mut resume = Map::new();
    resume.insert("basics".into(), Value::Object(b));
    resume.extend(out);
    let mut meta = resume
        .remove("meta")
        .and_then(|m| {
            if let Value::Object(m) = m {
                Some(m)
            } else {
                None
            }
        })
        .unwrap_or_default();
    meta.insert("language".into(), Value::String(words.code.clone()));
    let default: Vec<&String> = SECTION_IDS
        .iter()
        .filter_map(|id| order.iter().find(|o| o == id))
        .chain(order.iter().filter(|o| !SECTION_IDS.contains(&o.as_str())))
        .collect();
    if order.len() > 1 && default != order.iter().collect::<Vec<_>>() {
        meta.insert("sections".into(), json!(order));
    }
    if !titles.is_empty() {
        let t: Map<String, Value> = titles
            .into_iter()
            .map(|(k, v)| (k, Value::String(v)))
            .collect();
        meta.insert("sectionTitles".into(), Value::Object(t));
    }
    resume.insert("meta".into(), Value::Object(meta));
    resume
}

/// What every phase needs to know about the document.
pub(super) struct Ctx {
    pub words: &'static Words,
    pub ours: bool,
    pub headings: Headings,
    pub entry_level: usize,
}

fn append(out: &mut Map<String, Value>, key: &str, items: Vec<Value>) {
    match out.get_mut(key) {
        Some(Value::Array(a)) => a.extend(items),
        _ => {
            out.insert(key.into(), Value::Array(items));
        }
    }
}

/// Remembers a section's place, and its title when it is not the language's own.
fn note_section(
    order: &mut Vec<String>,
    titles: &mut Vec<(String, String)>,
    id: &str,
    title: &str,
    words: &Words,
) {
    if !order.iter().any(|o| o == id) {
        order.push(id.to_string());
    }
    if title != words.title(id) && !titles.iter().any(|(k, _)| k == id) {
        titles.push((id.to_string(), title.to_string()));
    }
}

/// A key for a section outside JSON Resume: `Side Projects` → `sideProjects`.
fn extra_key(title: &str, out: &Map<String, Value>) -> String {
    let mut key = String::new();
    for (i, w) in title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .enumerate()
    {
        let mut chars = w.chars();
        if let Some(f) = chars.next() {
            if i == 0 {
                key.extend(f.to_lowercase());
            } else {
                key.extend(f.to_uppercase());
            }
            key.push_str(&chars.as_str().to_lowercase());
        }
    }
    if key.is_empty() {
        key = "section".into();
    }
    let reserved = [
        "basics",
        "meta",
        "work",
        "volunteer",
        "education",
        "awards",
        "certificates",
        "publications",
        "skills",
        "languages",
        "interests",
        "references",
        "projects",
        "experience",
        "experiences",
        "jobs",
        "employment",
        "volunteers",
        "volunteering",
        "educations",
        "honors",
        "honours",
        "certifications",
        "certificate",
        "publication",
        "skill",
        "hobbies",
        "reference",
        "project",
        "selectedTemplate",
        "headings",
        "sections",
        "theme",
        "themes",
        "sops",
        "featured",
        "language",
        "lang",
        "locale",
        "version",
        "name",
        "email",
        "bio",
        "label",
        "profile",
        "about",
    ];
    if reserved.contains(&key.as_str()) {
        key.push_str("Section");
    }
    let base = key.clone();
    let mut n = 2;
    while out.contains_key(&key) {
        key = format!("{base}{n}");
        n += 1;
    }
    key
}

/// Paragraphs and lists as summary text.
fn texts(blocks: &[Block], warnings: &mut Vec<Warning>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for b in blocks {
        match b {
            Block::Para { inl, .. } => out.push(para_text(inl)),
            Block::Item {
                inl, first, gap, ..
            } => match out.last_mut() {
                Some(last) if !*first && !*gap && last.starts_with("- ") => {
                    last.push_str(&format!("\n- {}", inl.rich));
                }
                _ => out.push(format!("- {}", inl.rich)),
            },
            Block::Heading { inl, line, .. } => {
                warn(
                    warnings,
                    *line,
                    "a heading inside the summary; kept as a bold line",
                );
                out.push(format!("**{}**", super::blocks::escape_text(&inl.plain())));
            }
            Block::Other { line, text } => {
                warn(
                    warnings,
                    *line,
                    "code, HTML or a table in the summary; kept as text",
                );
                out.push(super::blocks::escape_text(text));
            }
            Block::Rule { .. } => {}
        }
    }
    out
}

/// A section outside JSON Resume without entries: its bullets and paragraphs as items.
fn texts_as_items(blocks: &[Block]) -> Vec<Value> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para { inl, .. } | Block::Item { inl, .. } => {
                Some(Value::String(inl.rich.clone()))
            }
            Block::Other { text, .. } => Some(Value::String(super::blocks::escape_text(text))),
            Block::Heading { inl, .. } => {
                Some(Value::String(super::blocks::escape_text(&inl.plain())))
            }
            Block::Rule { .. } => None,
        })
        .collect()
}

/// The `### entries` of a section; text before the first is kept in it, with a warning.
pub(super) fn entries(
    blocks: &[Block],
    id: &str,
    ctx: &Ctx,
    section_line: usize,
    warnings: &mut Vec<Warning>,
) -> Vec<Value> {
    let starts: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, Block::Heading { level, .. } if *level == ctx.entry_level))
        .map(|(i, _)| i)
        .collect();
    let mut out = Vec::new();
    let lead = starts.first().copied().unwrap_or(blocks.len());
    let lead_blocks = blocks.get(..lead).unwrap_or(&[]);
    if starts.is_empty() {
        // No entry headings: each bullet or paragraph is one entry, read as a heading would be.
        for b in lead_blocks {
            if let Block::Para { inl, .. } | Block::Item { inl, .. } = b {
                let mut r = EntryReader {
                    words: ctx.words,
                    ours: ctx.ours,
                    keywords: false,
                    warnings,
                };
                let e = r.read(inl, &[], ctx.headings);
                out.push(entry_value(e, id, ctx.words));
            }
        }
        if !out.is_empty() {
            warn(
                warnings,
                section_line,
                "a section without `###` entry headings; each line read as one entry",
            );
        }
        return out;
    }
    let work_like = !matches!(
        id,
        "education" | "awards" | "certificates" | "publications" | "references"
    );
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(blocks.len());
        let Some(Block::Heading { inl, .. }) = blocks.get(s) else {
            continue;
        };
        let body = blocks.get(s + 1..end).unwrap_or(&[]);
        let mut r = EntryReader {
            words: ctx.words,
            ours: ctx.ours,
            keywords: work_like,
            warnings,
        };
        let mut e = r.read(inl, body, ctx.headings);
        if k == 0 && !lead_blocks.is_empty() {
            warn(
                warnings,
                lead_blocks.first().map_or(section_line, Block::line),
                "text between a section title and its first entry; kept in that entry's summary",
            );
            let mut pre = texts(lead_blocks, warnings);
            pre.append(&mut e.summary);
            e.summary = pre;
        }
        out.push(entry_value(e, id, ctx.words));
    }
    out
}
