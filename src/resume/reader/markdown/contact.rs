//! The header (label, contact lines and lists, summary), contact sections, and a footer after a rule.

use serde_json::{Map, Value};

use super::blocks::{Block, Inl, Style};
use super::entries::para_text;
use super::header::{Basics, Contact, contacts_of, is_contact_line, split_label};
use super::sections::{Ctx, warn};
use super::titles::FOOTER;
use super::words::{self, Words};
use crate::resume::Warning;

/// The blocks before the first section: label, contacts, summary.
pub(super) fn header(head: &[Block], basics: &mut Basics, ctx: &Ctx, warnings: &mut Vec<Warning>) {
    let mut rest = head;
    if let Some((Block::Para { inl, quoted, .. }, after)) = rest.split_first() {
        let lines = inl.lines();
        let first = lines.first().cloned().unwrap_or_default();
        let plain = first.plain();
        let is_label = *quoted
            || first.only(&Style::Strong)
            || first.only(&Style::Emph)
            || (!is_contact_line(&first)
                && !plain.contains(" · ")
                && plain.chars().count() <= 60
                && !plain.ends_with('.')
                && !plain.contains(": "));
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
pub(super) fn contacts(
    blocks: &[Block],
    basics: &mut Basics,
    ctx: &Ctx,
    warnings: &mut Vec<Warning>,
) {
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
            Block::Item {
                inl, first, gap, ..
            } => {
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
                warn(
                    warnings,
                    *line,
                    "code, HTML or a table in the header; kept in the summary",
                );
                basics.summary.push(super::blocks::escape_text(text));
            }
            Block::Heading { line, inl, .. } => {
                warn(
                    warnings,
                    *line,
                    "a heading where contacts were expected; kept in the summary",
                );
                basics
                    .summary
                    .push(format!("**{}**", super::blocks::escape_text(&inl.plain())));
            }
            Block::Rule { .. } => {}
        }
    }
}

/// One contact line; plain text that names no contact is the location (the first) or summary.
pub(super) fn line(
    inl: &Inl,
    basics: &mut Basics,
    ctx: &Ctx,
    warnings: &mut Vec<Warning>,
    n: usize,
) {
    let cs: Vec<Contact> = contacts_of(inl);
    let langs: Vec<&Words> = std::iter::once(ctx.words)
        .chain(words::all().iter())
        .collect();
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
                warn(
                    warnings,
                    n,
                    format!("`{}` names no contact; kept in the summary", c.text),
                );
            }
            basics.summary.push(super::blocks::escape_text(&c.text));
        }
    }
}

/// A footer after a rule at the end of a section: `Key: value` lines.
pub(super) fn split_footer(blocks: &[Block]) -> (&[Block], &[Block]) {
    match blocks.iter().rposition(|b| matches!(b, Block::Rule { .. })) {
        Some(r) => {
            let after = blocks.get(r + 1..).unwrap_or(&[]);
            let footer_like = !after.is_empty()
                && after.iter().all(|b| match b {
                    Block::Para { inl, .. } => inl
                        .lines()
                        .iter()
                        .all(|l| split_label(&l.plain()).0.is_some()),
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
pub(super) fn footer_lines(
    footer: &[Block],
    basics: &mut Basics,
    out: &mut Map<String, Value>,
    warnings: &mut Vec<Warning>,
) {
    for b in footer {
        let Block::Para { inl, line, .. } = b else {
            continue;
        };
        for l in inl.lines() {
            let (Some(key), value) = split_label(&l.plain()) else {
                continue;
            };
            let k = key.to_lowercase();
            if let Some((_, field)) = FOOTER.iter().find(|(name, _)| *name == k) {
                let meta = out
                    .entry("meta")
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(m) = meta {
                    m.insert((*field).into(), Value::String(value));
                }
            } else if (k == "source" || k == "url") && basics.url.as_deref() == Some(value.as_str())
            {
                warn(
                    warnings,
                    *line,
                    format!(
                        "footer `{key}: {value}` is the site already in basics.url; not repeated"
                    ),
                );
            } else if k == "source" && basics.url.is_none() {
                basics.url = Some(value);
            } else {
                warn(
                    warnings,
                    *line,
                    format!(
                        "footer line `{key}: …` has no place in JSON Resume; kept in the summary"
                    ),
                );
                basics.summary.push(super::blocks::escape_text(&l.plain()));
            }
        }
    }
}
