//! The document: header, `## sections` matched to JSON Resume's by their titles, and the footer.

use serde_json::{Map, Value, json};

use super::blocks::{Block, Inl, Style};
use super::entries::{EntryReader, Headings, entry_value, is_dates, para_text};
use super::header::{Basics, Contact, contacts_of, is_contact_line, split_label};
use super::words::{self, SECTION_IDS, Words};
use crate::resume::Warning;

/// Titles people give sections, beyond the languages' own words.
const ALIASES: &[(&str, &[&str])] = &[
    ("summary", &["about", "about me", "profile", "professional summary", "summary of qualifications", "objective", "career objective", "overview", "introduction", "bio"]),
    ("work", &["work experience", "professional experience", "experience", "employment", "employment history", "work history", "career", "jobs", "positions", "berufserfahrung", "expérience", "experiencia", "experiência"]),
    ("volunteer", &["volunteer", "volunteer experience", "volunteering", "volunteer work"]),
    ("education", &["education", "academic background", "studies", "qualifications", "schooling"]),
    ("projects", &["projects", "personal projects", "selected projects", "side projects", "open source"]),
    ("awards", &["awards", "honors", "honours", "awards & honors", "honors & awards", "achievements"]),
    ("certificates", &["certificates", "certifications", "licenses & certifications", "licences & certifications", "certification"]),
    ("publications", &["publications", "papers", "talks & publications"]),
    ("skills", &["skills", "technical skills", "core skills", "core competencies", "competencies", "technologies", "tech stack", "tools", "skills & tools"]),
    ("languages", &["languages", "spoken languages"]),
    ("interests", &["interests", "hobbies", "hobbies & interests"]),
    ("references", &["references", "referees"]),
];

/// Titles of contact sections.
const CONTACT: &[&str] = &["contact", "contacts", "contact & social", "contact information", "contact info", "links", "social", "online", "kontakt", "coordonnées", "contacto", "contatti", "contato"];

/// Keys a footer line may set in `meta`.
const FOOTER: &[(&str, &str)] = &[
    ("json resume", "canonical"),
    ("canonical", "canonical"),
    ("last updated", "lastModified"),
    ("updated", "lastModified"),
    ("last modified", "lastModified"),
    ("version", "version"),
];

/// What a section title names.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Standard(&'static str),
    Contact,
    Extra,
}

fn kind_of(title: &str, first: &Words) -> Kind {
    let t = title.trim().trim_end_matches(':').to_lowercase();
    if let Some(id) = first.section_of(&t) {
        return Kind::Standard(id);
    }
    if let Some(id) = words::all().iter().find_map(|w| w.section_of(&t)) {
        return Kind::Standard(id);
    }
    if CONTACT.contains(&t.as_str()) {
        return Kind::Contact;
    }
    ALIASES
        .iter()
        .find(|(_, names)| names.contains(&t.as_str()))
        .map_or(Kind::Extra, |(id, _)| Kind::Standard(id))
}

/// The language whose words the titles, dates and labels use best (English on a tie).
fn language(blocks: &[Block], sec_level: usize) -> &'static Words {
    let mut titles = Vec::new();
    let mut dates = Vec::new();
    let mut labels = Vec::new();
    for b in blocks {
        match b {
            Block::Heading { level, inl, .. } if *level == sec_level => titles.push(inl.plain()),
            Block::Para { inl, .. } | Block::Item { inl, .. } => {
                for p in &inl.pieces {
                    match p.style {
                        Style::Emph => dates.push(p.text.clone()),
                        Style::Strong => labels.push(p.text.trim().trim_end_matches(':').to_string()),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    let all = words::all();
    let mut best: Option<(&Words, usize)> = None;
    for w in all {
        let s = w.score(&titles, &dates, &labels);
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((w, s));
        }
    }
    best.map(|(w, _)| w).or_else(|| all.first()).unwrap_or_else(|| fallback())
}

fn fallback() -> &'static Words {
    static EMPTY: std::sync::OnceLock<Words> = std::sync::OnceLock::new();
    EMPTY.get_or_init(Words::default)
}

fn warn(warnings: &mut Vec<Warning>, line: usize, message: impl Into<String>) {
    warnings.push(Warning {
        path: format!("line {line}"),
        message: message.into(),
    });
}

/// The whole document as JSON Resume.
pub(super) fn document(blocks: &[Block], flattened: bool, warnings: &mut Vec<Warning>) -> Map<String, Value> {
    let has = |l: usize| blocks.iter().any(|b| matches!(b, Block::Heading { level, .. } if *level == l));
    let h1s = blocks.iter().filter(|b| matches!(b, Block::Heading { level: 1, .. })).count();
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
    let ours = bold_label || (meta_after_heading(true) && !meta_after_heading(false) && !other_headings);
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
    let ctx = Ctx { words, ours, headings, entry_level, flattened };
    header(head, &mut basics, &ctx, warnings);
    let mut order: Vec<String> = Vec::new();
    let mut titles: Vec<(String, String)> = Vec::new();
    let mut i = 0;
    while let Some(Block::Heading { inl, line, .. }) = body.get(i) {
        let end = body
            .get(i + 1..)
            .and_then(|r| r.iter().position(|b| matches!(b, Block::Heading { level, .. } if *level <= sec_level)))
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
                let has_entries = content.iter().any(|b| matches!(b, Block::Heading { level, .. } if *level == entry_level));
                let items: Vec<Value> = if has_entries {
                    entries(content, "work", &ctx, *line, warnings)
                } else {
                    texts_as_items(content)
                };
                if !items.is_empty() {
                    warn(warnings, *line, format!("`{title}` names no JSON Resume section; kept as its own section `{key}`"));
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
        .and_then(|m| if let Value::Object(m) = m { Some(m) } else { None })
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
        let t: Map<String, Value> = titles.into_iter().map(|(k, v)| (k, Value::String(v))).collect();
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
    pub flattened: bool,
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
fn note_section(order: &mut Vec<String>, titles: &mut Vec<(String, String)>, id: &str, title: &str, words: &Words) {
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
    for (i, w) in title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).enumerate() {
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
    let reserved = ["basics", "meta", "work", "volunteer", "education", "awards", "certificates", "publications", "skills", "languages", "interests", "references", "projects", "experience", "experiences", "jobs", "employment", "volunteers", "volunteering", "educations", "honors", "honours", "certifications", "certificate", "publication", "skill", "hobbies", "reference", "project", "selectedTemplate", "headings", "sections", "theme", "themes", "sops", "featured", "language", "lang", "locale", "version", "name", "email", "bio", "label", "profile", "about"];
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

/// The blocks before the first section: label, contacts, summary.
fn header(head: &[Block], basics: &mut Basics, ctx: &Ctx, warnings: &mut Vec<Warning>) {
    let mut rest = head;
    if let Some((Block::Para { inl, quoted, .. }, after)) = rest.split_first() {
        let lines = inl.lines();
        let first = lines.first().cloned().unwrap_or_default();
        let plain = first.plain();
        let is_label = *quoted
            || first.only(&Style::Strong)
            || first.only(&Style::Emph)
            || (!is_contact_line(&first) && !plain.contains(" · ") && plain.chars().count() <= 60 && !plain.ends_with('.') && !plain.contains(": "));
        if is_label && basics.name.is_some() {
            basics.label = Some(plain);
            // The lines after the label (in one paragraph) are read as the next block would be.
            let more: Vec<Inl> = lines.into_iter().skip(1).collect();
            for l in more {
                line(&l, basics, ctx, warnings, 0);
            }
            rest = after;
        }
    }
    // Our own contact line: the pieces between ` · ` under the name and label.
    if ctx.ours
        && let Some((Block::Para { inl, line: n, .. }, after)) = rest.split_first()
        && inl.lines().len() == 1
        && inl.plain().contains(" · ")
    {
        line(inl, basics, ctx, warnings, *n);
        rest = after;
    }
    contacts(rest, basics, ctx, warnings);
}

/// Contact lines and lists; other text is the summary.
fn contacts(blocks: &[Block], basics: &mut Basics, ctx: &Ctx, warnings: &mut Vec<Warning>) {
    for b in blocks {
        match b {
            Block::Para { inl, line: n, .. } => {
                if is_contact_line(inl) && inl.lines().len() == 1 {
                    line(inl, basics, ctx, warnings, *n);
                } else {
                    let lines = inl.lines();
                    if lines.iter().all(is_contact_line) {
                        for l in &lines {
                            line(l, basics, ctx, warnings, *n);
                        }
                    } else {
                        basics.summary.push(para_text(inl));
                    }
                }
            }
            Block::Item { inl, first, gap, .. } => {
                if is_contact_line(inl) {
                    line(inl, basics, ctx, warnings, b.line());
                } else {
                    let sep = *first || *gap;
                    match basics.summary.last_mut() {
                        Some(last) if !sep && last.starts_with("- ") => {
                            last.push_str(&format!("\n- {}", inl.rich));
                        }
                        _ => basics.summary.push(format!("- {}", inl.rich)),
                    }
                }
            }
            Block::Other { line, text } => {
                warn(warnings, *line, "code, HTML or a table in the header; kept in the summary");
                basics.summary.push(super::blocks::escape_text(text));
            }
            Block::Heading { line, inl, .. } => {
                warn(warnings, *line, "a heading where contacts were expected; kept in the summary");
                basics.summary.push(format!("**{}**", super::blocks::escape_text(&inl.plain())));
            }
            Block::Rule { .. } => {}
        }
    }
}

/// One contact line; plain text that names no contact is the location (the first) or summary.
fn line(inl: &Inl, basics: &mut Basics, ctx: &Ctx, warnings: &mut Vec<Warning>, n: usize) {
    let cs: Vec<Contact> = contacts_of(inl);
    let langs: Vec<&Words> = std::iter::once(ctx.words).chain(words::all().iter()).collect();
    let mut unplaced: Vec<Contact> = Vec::new();
    for c in cs {
        if !basics.contact(&c, &langs) {
            unplaced.push(c);
        }
    }
    // Our own contact line puts what has no link in the order e-mail, phones,
    // web address, place: several such pieces are read in that order.
    let positional = ctx.ours && unplaced.len() > 1 && unplaced.iter().all(|c| c.label.is_none());
    let last = unplaced.len().saturating_sub(1);
    for (i, c) in unplaced.into_iter().enumerate() {
        if positional && i < last {
            if i == 0 && basics.email.is_none() {
                basics.email = Some(c.text);
            } else if i + 1 == last && basics.url.is_none() {
                basics.url = Some(c.text);
            } else {
                basics.phones.push(c.text);
            }
        } else if basics.location.is_none() && c.label.is_none() {
            basics.location = Some(c.text);
        } else {
            if n > 0 {
                warn(warnings, n, format!("`{}` names no contact; kept in the summary", c.text));
            }
            basics.summary.push(super::blocks::escape_text(&c.text));
        }
    }
}

/// Paragraphs and lists as summary text.
fn texts(blocks: &[Block], warnings: &mut Vec<Warning>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for b in blocks {
        match b {
            Block::Para { inl, .. } => out.push(para_text(inl)),
            Block::Item { inl, first, gap, .. } => match out.last_mut() {
                Some(last) if !*first && !*gap && last.starts_with("- ") => {
                    last.push_str(&format!("\n- {}", inl.rich));
                }
                _ => out.push(format!("- {}", inl.rich)),
            },
            Block::Heading { inl, line, .. } => {
                warn(warnings, *line, "a heading inside the summary; kept as a bold line");
                out.push(format!("**{}**", super::blocks::escape_text(&inl.plain())));
            }
            Block::Other { line, text } => {
                warn(warnings, *line, "code, HTML or a table in the summary; kept as text");
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
            Block::Para { inl, .. } | Block::Item { inl, .. } => Some(Value::String(inl.rich.clone())),
            Block::Other { text, .. } => Some(Value::String(super::blocks::escape_text(text))),
            Block::Heading { inl, .. } => Some(Value::String(super::blocks::escape_text(&inl.plain()))),
            Block::Rule { .. } => None,
        })
        .collect()
}

/// The `### entries` of a section; text before the first is kept in it, with a warning.
fn entries(blocks: &[Block], id: &str, ctx: &Ctx, section_line: usize, warnings: &mut Vec<Warning>) -> Vec<Value> {
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
                let mut r = EntryReader { words: ctx.words, ours: ctx.ours, keywords: false, warnings };
                let e = r.read(inl, &[], ctx.headings);
                out.push(entry_value(e, id, ctx.words));
            }
        }
        if !out.is_empty() {
            warn(warnings, section_line, "a section without `###` entry headings; each line read as one entry");
        }
        return out;
    }
    let work_like = !matches!(id, "education" | "awards" | "certificates" | "publications" | "references");
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(blocks.len());
        let Some(Block::Heading { inl, .. }) = blocks.get(s) else { continue };
        let body = blocks.get(s + 1..end).unwrap_or(&[]);
        let mut r = EntryReader { words: ctx.words, ours: ctx.ours, keywords: work_like, warnings };
        let mut e = r.read(inl, body, ctx.headings);
        if k == 0 && !lead_blocks.is_empty() {
            warn(warnings, lead_blocks.first().map_or(section_line, Block::line), "text between a section title and its first entry; kept in that entry's summary");
            let mut pre = texts(lead_blocks, warnings);
            pre.append(&mut e.summary);
            e.summary = pre;
        }
        out.push(entry_value(e, id, ctx.words));
    }
    out
}

/// Skills, languages and interests: `- **Name** (level): a, b`, or a heading with bullets.
fn groups(blocks: &[Block], id: &str, ctx: &Ctx) -> Vec<Value> {
    let mut out = Vec::new();
    let mut heading: Option<String> = None;
    let mut under: Vec<String> = Vec::new();
    let flush = |heading: &mut Option<String>, under: &mut Vec<String>, out: &mut Vec<Value>| {
        if let Some(h) = heading.take() {
            out.push(group_value(id, Some(h), None, std::mem::take(under)));
        }
    };
    for b in blocks {
        match b {
            Block::Heading { inl, level, .. } if *level >= ctx.entry_level => {
                flush(&mut heading, &mut under, &mut out);
                heading = Some(inl.plain());
            }
            Block::Item { inl, .. } if heading.is_some() => under.push(inl.plain()),
            Block::Para { inl, .. } if heading.is_some() => {
                under.extend(inl.plain().split(", ").map(str::to_string));
            }
            Block::Item { inl, .. } => out.push(group_of(inl, id)),
            Block::Para { inl, .. } => {
                for l in inl.lines() {
                    out.push(group_of(&l, id));
                }
            }
            Block::Heading { inl, .. } => out.push(group_of(inl, id)),
            Block::Other { text, .. } => out.push(group_value(id, None, None, vec![text.clone()])),
            Block::Rule { .. } => {}
        }
    }
    flush(&mut heading, &mut under, &mut out);
    out
}

/// One group line: `**Name** (level): keywords`, `Name: keywords`, `Name (level)`, or keywords.
fn group_of(inl: &Inl, id: &str) -> Value {
    let (mut name, mut rest) = match inl.pieces.first() {
        Some(p) if p.style == Style::Strong => {
            let tail: String = inl.pieces.get(1..).unwrap_or(&[]).iter().map(|p| p.text.as_str()).collect();
            let n = p.text.trim();
            match n.strip_suffix(':') {
                Some(n) => (Some(n.trim().to_string()), format!(": {}", tail.trim())),
                None => (Some(n.to_string()), tail.trim().to_string()),
            }
        }
        _ => (None, inl.plain()),
    };
    let mut level = None;
    if rest.starts_with('(') {
        let close = rest.find("):").or_else(|| rest.ends_with(')').then(|| rest.len() - 1));
        if let Some(c) = close {
            level = Some(rest.get(1..c).unwrap_or("").to_string());
            rest = rest.get(c + 1..).unwrap_or("").to_string();
        }
    }
    let mut keywords_text = rest.trim().strip_prefix(':').map(|s| s.trim().to_string());
    if name.is_none() && level.is_none() && keywords_text.is_none() {
        let (label, value) = split_label(&rest);
        match label {
            Some(l) => {
                name = Some(l);
                keywords_text = Some(value);
            }
            None if id == "languages" => {
                let (n, lv) = language_line(&rest);
                name = Some(n);
                level = lv;
            }
            None => keywords_text = Some(rest.clone()),
        }
    } else if keywords_text.is_none() && !rest.trim().is_empty() {
        keywords_text = Some(rest.trim().to_string());
    }
    let keywords: Vec<String> = keywords_text
        .map(|k| k.split(", ").map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect())
        .unwrap_or_default();
    group_value(id, name, level.filter(|l| !l.is_empty()), keywords)
}

/// `English (Native)`, `English — Native`, `English - Native`.
fn language_line(s: &str) -> (String, Option<String>) {
    let s = s.trim();
    if let Some(open) = s.rfind(" (")
        && s.ends_with(')')
    {
        return (s.get(..open).unwrap_or(s).to_string(), s.get(open + 2..s.len() - 1).map(str::to_string));
    }
    for sep in [" — ", " – ", " - "] {
        if let Some((a, b)) = s.split_once(sep) {
            return (a.trim().to_string(), Some(b.trim().to_string()));
        }
    }
    (s.to_string(), None)
}

fn group_value(id: &str, name: Option<String>, level: Option<String>, keywords: Vec<String>) -> Value {
    let mut o = Map::new();
    let (n, l) = match id {
        "languages" => ("language", "fluency"),
        _ => ("name", "level"),
    };
    if let Some(v) = name {
        o.insert(n.into(), Value::String(v));
    }
    if let Some(v) = level {
        o.insert(l.into(), Value::String(v));
    }
    if id == "languages" && !keywords.is_empty() {
        let joined = keywords.join(", ");
        match o.get_mut("fluency") {
            Some(Value::String(f)) => {
                f.push_str(": ");
                f.push_str(&joined);
            }
            _ => {
                o.insert("fluency".into(), Value::String(joined));
            }
        }
    } else if !keywords.is_empty() {
        o.insert("keywords".into(), json!(keywords));
    }
    Value::Object(o)
}

/// A footer after a rule at the end of a section: `Key: value` lines.
fn split_footer(blocks: &[Block]) -> (&[Block], &[Block]) {
    match blocks.iter().rposition(|b| matches!(b, Block::Rule { .. })) {
        Some(r) => {
            let after = blocks.get(r + 1..).unwrap_or(&[]);
            let footer_like = !after.is_empty()
                && after.iter().all(|b| match b {
                    Block::Para { inl, .. } => inl.lines().iter().all(|l| split_label(&l.plain()).0.is_some()),
                    _ => false,
                });
            if footer_like {
                (blocks.get(..r).unwrap_or(&[]), after)
            } else {
                (blocks, &[])
            }
        }
        None => (blocks, &[]),
    }
}

/// Footer lines: known keys into `meta`; a source that is the site already named is noted; others are kept in the summary.
fn footer_lines(footer: &[Block], basics: &mut Basics, out: &mut Map<String, Value>, warnings: &mut Vec<Warning>) {
    for b in footer {
        let Block::Para { inl, line, .. } = b else { continue };
        for l in inl.lines() {
            let (Some(key), value) = split_label(&l.plain()) else { continue };
            let k = key.to_lowercase();
            if let Some((_, field)) = FOOTER.iter().find(|(name, _)| *name == k) {
                let meta = out.entry("meta").or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(m) = meta {
                    m.insert((*field).into(), Value::String(value));
                }
            } else if (k == "source" || k == "url") && basics.url.as_deref() == Some(value.as_str()) {
                warn(warnings, *line, format!("footer `{key}: {value}` is the site already in basics.url; not repeated"));
            } else if k == "source" && basics.url.is_none() {
                basics.url = Some(value);
            } else {
                warn(warnings, *line, format!("footer line `{key}: …` has no place in JSON Resume; kept in the summary"));
                basics.summary.push(super::blocks::escape_text(&l.plain()));
            }
        }
    }
}
