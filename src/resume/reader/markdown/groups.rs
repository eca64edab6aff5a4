//! Skills, languages and interests: `- **Name** (level): a, b`, `Name: a, b`, or a heading over bullets.

use serde_json::{Map, Value, json};

use super::blocks::{Block, Inl, Style};
use super::header::split_label;
use super::sections::Ctx;

/// Skills, languages and interests: `- **Name** (level): a, b`, or a heading with bullets.
pub(super) fn groups(blocks: &[Block], id: &str, ctx: &Ctx) -> Vec<Value> {
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
pub(super) fn group_of(inl: &Inl, id: &str) -> Value {
    let (mut name, mut rest) = match inl.pieces.first() {
        Some(p) if p.style == Style::Strong => {
            let tail: String = inl
                .pieces
                .get(1..)
                .unwrap_or(&[])
                .iter()
                .map(|p| p.text.as_str())
                .collect();
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
        let close = rest
            .find("):")
            .or_else(|| rest.ends_with(')').then(|| rest.len() - 1));
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
        .map(|k| {
            k.split(", ")
                .map(|x| x.trim().to_string())
                .filter(|x| !x.is_empty())
                .collect()
        })
        .unwrap_or_default();
    group_value(id, name, level.filter(|l| !l.is_empty()), keywords)
}

/// `English (Native)`, `English — Native`, `English - Native`.
pub(super) fn language_line(s: &str) -> (String, Option<String>) {
    let s = s.trim();
    if let Some(open) = s.rfind(" (")
        && s.ends_with(')')
    {
        return (
            s.get(..open).unwrap_or(s).to_string(),
            s.get(open + 2..s.len() - 1).map(str::to_string),
        );
    }
    for sep in [" — ", " – ", " - "] {
        if let Some((a, b)) = s.split_once(sep) {
            return (a.trim().to_string(), Some(b.trim().to_string()));
        }
    }
    (s.to_string(), None)
}

pub(super) fn group_value(
    id: &str,
    name: Option<String>,
    level: Option<String>,
    keywords: Vec<String>,
) -> Value {
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
