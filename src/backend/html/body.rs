//! The page's `<body>`: the header (name, headline, contacts) and the sections.
//!
//! The markup is the page's contract with screen readers and parsers: one
//! `<h1>`, an `<h2>` per section, an `<h3>` per titled entry, real lists,
//! `<time>` for dates, contacts in `<address>`. The look is the stylesheet's.

pub(super) mod letter;

use std::fmt::Write as _;

use super::write::{attr, blank, slug, text};
use crate::document::{
    Block, DateRange, Document, Entry, Inline, KeywordGroup, Section, plain_text,
};
use crate::layout::{DatePlace, Definition, Lead, Part, Plan, Region};

/// What the body needs beside the document.
pub struct Context<'a> {
    pub def: &'a Definition,
    /// Which column each part goes in.
    pub plan: &'a Plan,
    /// Between the two ends of a date range in this language (` – `).
    pub range_separator: &'a str,
    /// An application's letter, written after the resume's header (the
    /// sender's, once on the page) and before its sections.
    pub cover: Option<&'a Document>,
}

/// Writes the letterhead, the header and `<main>`, and the letterhead's footer.
pub fn write(out: &mut String, doc: &Document, cx: &Context<'_>) {
    if let Some(lh) = &doc.letterhead {
        letterhead(out, lh);
    }
    super::header::write(out, doc, cx);
    if let Some(l) = &doc.letter {
        letter::write(out, l, "main");
        footer(out, doc);
        return;
    }
    if let Some(cover) = cx.cover {
        self::cover(out, cover, doc);
    }
    // Ids in the document's order, whichever column a section goes in.
    let mut ids: Vec<String> = Vec::new();
    for section in &doc.sections {
        let mut id = slug(&section.id);
        if ids.contains(&id) {
            id = format!("{id}-{}", ids.len() + 1);
        }
        ids.push(id);
    }
    let Some(side) = &cx.plan.sidebar else {
        out.push_str("<main>\n");
        for (section, id) in doc.sections.iter().zip(&ids) {
            self::section(out, section, id, cx);
        }
        out.push_str("</main>\n");
        footer(out, doc);
        return;
    };
    // Two columns in reading order: the one read first comes first in the
    // document, and the grid puts it on the inline start.
    out.push_str("<main class=\"columns\">\n");
    for first in [true, false] {
        if first == side.first {
            out.push_str("<div class=\"sidebar\">\n");
            for part in &side.parts {
                match part {
                    Part::Photo => super::header::photo(out, doc),
                    Part::Contact => super::header::contacts(out, doc, cx),
                    Part::Section(i) => {
                        if let (Some(s), Some(id)) = (doc.sections.get(*i), ids.get(*i)) {
                            section(out, s, id, cx);
                        }
                    }
                }
            }
            out.push_str("</div>\n");
        } else {
            out.push_str("<div class=\"main\">\n");
            for ((s, id), region) in doc.sections.iter().zip(&ids).zip(&cx.plan.sections) {
                if *region == Region::Main {
                    section(out, s, id, cx);
                }
            }
            out.push_str("</div>\n");
        }
    }
    out.push_str("</main>\n");
    footer(out, doc);
}

/// An application's letter: a region named by the letter's word for itself,
/// in its own language when that is not the resume's.
fn cover(out: &mut String, cover: &Document, resume: &Document) {
    let Some(l) = &cover.letter else {
        return;
    };
    out.push_str("<section class=\"cover-letter\" aria-label=\"");
    attr(out, &l.title);
    out.push('"');
    if cover.meta.language != resume.meta.language {
        out.push_str(" lang=\"");
        attr(out, &super::language_tag(&cover.meta.language));
        out.push('"');
    }
    out.push_str(">\n");
    letter::write(out, l, "div");
    out.push_str("</section>\n");
}

fn section(out: &mut String, section: &Section, id: &str, cx: &Context<'_>) {
    out.push_str("<section id=\"");
    attr(out, id);
    out.push_str("\">\n<h2>");
    text(out, &section.title);
    out.push_str("</h2>\n");
    let mut blocks = section.blocks.iter().peekable();
    while let Some(block) = blocks.next() {
        if let Block::Keywords(g) = block {
            // Consecutive groups form one list.
            out.push_str("<ul class=\"groups\">\n");
            keywords(out, g);
            while let Some(Block::Keywords(g)) = blocks.peek() {
                keywords(out, g);
                blocks.next();
            }
            out.push_str("</ul>\n");
        } else {
            self::block(out, block, cx);
        }
    }
    out.push_str("</section>\n");
}

fn footer(out: &mut String, doc: &Document) {
    if let Some(lh) = doc.letterhead.as_ref().filter(|l| !blank(&l.footer)) {
        // A line break in the footer is one here too, as in the PDF and DOCX.
        out.push_str("<footer class=\"letterhead-footer\"><p>");
        for (k, line) in lh.footer.lines().enumerate() {
            if k > 0 {
                out.push_str("<br>");
            }
            text(out, line);
        }
        out.push_str("</p></footer>\n");
    }
}

/// The agency's band: its logo (alt text: its name), name and contact line.
fn letterhead(out: &mut String, lh: &crate::document::Letterhead) {
    out.push_str("<aside class=\"letterhead\" aria-label=\"");
    attr(
        out,
        if blank(&lh.name) {
            "Letterhead"
        } else {
            &lh.name
        },
    );
    out.push_str("\">\n");
    if let Some(logo) = &lh.logo {
        let _ = write!(
            out,
            "<img class=\"logo\" width=\"{}\" height=\"{}\" alt=\"",
            logo.width, logo.height
        );
        attr(out, &lh.name);
        // An SVG stays a drawing: in an <img> a browser runs no script,
        // and ours has none (usvg wrote it back as paths).
        match &logo.svg {
            Some(svg) => {
                out.push_str("\" src=\"data:image/svg+xml;base64,");
                out.push_str(&crate::photo::encode_base64(svg.as_bytes()));
            }
            None => {
                out.push_str("\" src=\"data:image/png;base64,");
                out.push_str(&crate::photo::encode_base64(&logo.png));
            }
        }
        out.push_str("\">\n");
    }
    out.push_str("<div>");
    if !blank(&lh.name) {
        out.push_str("<p class=\"agency\">");
        text(out, &lh.name);
        out.push_str("</p>");
    }
    if !blank(&lh.contact) {
        out.push_str("<p class=\"agency-contact\">");
        text(out, &lh.contact);
        out.push_str("</p>");
    }
    out.push_str("</div>\n</aside>\n");
}

/// The letterhead's rules, only on pages that have one.
pub fn letterhead_css(out: &mut String, lh: &crate::document::Letterhead) {
    let _ = writeln!(
        out,
        ".letterhead {{ display: flex; align-items: center; justify-content: space-between; gap: 12pt; border-bottom: var(--rule-thickness) solid var(--accent); padding-bottom: 4pt; margin-bottom: 10pt; }}\n\
.letterhead .logo {{ height: {}mm; width: auto; }}\n\
.letterhead div {{ text-align: end; }}\n\
.letterhead .agency {{ font-family: var(--font-heading); font-weight: 700; font-size: var(--size-label); color: var(--accent); }}\n\
.letterhead .agency-contact, .letterhead-footer {{ font-size: var(--size-small); color: var(--muted); }}\n\
.letterhead-footer {{ text-align: center; margin-top: var(--before-section); }}",
        (lh.logo_height * 10.0).round() / 10.0
    );
}

/// An `<a>` to a target the builder already judged safe; web links open no
/// window reference and send no referrer.
pub(super) fn link(out: &mut String, url: &str, empty: bool, content: impl FnOnce(&mut String)) {
    out.push_str("<a href=\"");
    attr(out, url);
    out.push('"');
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http:") || lower.starts_with("https:") {
        out.push_str(" rel=\"noopener noreferrer\"");
    }
    out.push('>');
    if empty {
        // A link always says where it goes.
        text(
            out,
            url.trim_start_matches("mailto:").trim_start_matches("tel:"),
        );
    } else {
        content(out);
    }
    out.push_str("</a>");
}

fn block(out: &mut String, block: &Block, cx: &Context<'_>) {
    match block {
        Block::Entry(e) => entry(out, e, cx),
        Block::Paragraph { content } => {
            out.push_str("<p>");
            inlines(out, content);
            out.push_str("</p>\n");
        }
        Block::List { items } => list(out, items, None),
        Block::Keywords(g) => {
            out.push_str("<ul class=\"groups\">\n");
            keywords(out, g);
            out.push_str("</ul>\n");
        }
    }
}

fn list(out: &mut String, items: &[Vec<Inline>], class: Option<&str>) {
    match class {
        Some(c) => {
            out.push_str("<ul class=\"");
            out.push_str(c);
            out.push_str("\">\n");
        }
        None => out.push_str("<ul>\n"),
    }
    for item in items {
        out.push_str("<li>");
        inlines(out, item);
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

fn entry(out: &mut String, e: &Entry, cx: &Context<'_>) {
    let some = |s: &Option<String>| s.clone().filter(|t| !blank(t));
    let (title, subtitle) = (some(&e.title), some(&e.subtitle));
    let dates = e.dates.as_ref().filter(|d| !blank(&d.text));
    let stacked = cx.def.entries.dates == DatePlace::Stacked;
    let location = some(&e.location);
    out.push_str("<article class=\"entry\">\n");
    if title.is_some() || subtitle.is_some() || dates.is_some() {
        out.push_str(if stacked {
            "<header class=\"entry-head stacked\">"
        } else {
            "<header class=\"entry-head\">"
        });
        if title.is_some() || subtitle.is_some() {
            // Stacked, each on its line, the lead first.
            let mut parts = [("title", &title), ("org", &subtitle)];
            if stacked && cx.def.entries.lead == Lead::Organisation {
                parts.reverse();
            }
            out.push_str("<h3>");
            let mut any = false;
            for (class, part) in parts {
                let Some(t) = part else { continue };
                if any {
                    out.push_str("<span class=\"sep\">");
                    text(out, &cx.def.pdf.title_separator);
                    out.push_str("</span>");
                }
                any = true;
                let _ = write!(out, "<span class=\"{class}\">");
                text(out, t);
                out.push_str("</span>");
            }
            out.push_str("</h3>");
        }
        if let Some(d) = dates {
            out.push_str("<p class=\"dates\">");
            date_range(out, d, cx.range_separator);
            out.push_str("</p>");
        }
        if let Some(loc) = location.as_ref().filter(|_| stacked) {
            out.push_str("<p class=\"location\">");
            text(out, loc);
            out.push_str("</p>");
        }
        out.push_str("</header>\n");
    }
    // Stacked, the location went beside the organisation.
    let location =
        location.filter(|_| !stacked || (title.is_none() && subtitle.is_none() && dates.is_none()));
    if location.is_some() || e.link.is_some() {
        out.push_str("<p class=\"details\">");
        if let Some(loc) = &location {
            out.push_str("<span class=\"location\">");
            text(out, loc);
            out.push_str("</span>");
        }
        if let Some(l) = &e.link {
            if location.is_some() {
                out.push_str("<span class=\"sep\">");
                text(out, &cx.def.style.contact_separator);
                out.push_str("</span>");
            }
            link(out, &l.url, blank(&l.text), |out| text(out, &l.text));
        }
        out.push_str("</p>\n");
    }
    for b in &e.summary {
        block(out, b, cx);
    }
    if !e.bullets.is_empty() {
        list(out, &e.bullets, Some("bullets"));
    }
    if !e.keywords.is_empty() {
        out.push_str("<p class=\"keywords\">");
        text(out, &e.keywords.join(", "));
        out.push_str("</p>\n");
    }
    out.push_str("</article>\n");
}

/// The range as the builder wrote it, each end that is a real date in a `<time>`.
fn date_range(out: &mut String, d: &DateRange, separator: &str) {
    let parts = if separator.is_empty() {
        None
    } else {
        d.text.split_once(separator)
    };
    match parts {
        Some((start, end)) if !end.contains(separator) => {
            time(out, start, d.start.as_deref());
            text(out, separator);
            time(out, end, d.end.as_deref());
        }
        _ => time(
            out,
            &d.text,
            d.start
                .as_deref()
                .filter(|_| d.start == d.end || d.end.is_none()),
        ),
    }
}

fn time(out: &mut String, shown: &str, iso: Option<&str>) {
    match iso.filter(|i| valid_datetime(i)) {
        Some(iso) => {
            out.push_str("<time datetime=\"");
            attr(out, iso);
            out.push_str("\">");
            text(out, shown);
            out.push_str("</time>");
        }
        None => text(out, shown),
    }
}

/// A valid `datetime` value: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn valid_datetime(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.chars().all(|c| c.is_ascii_digit());
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    }
}

fn keywords(out: &mut String, g: &KeywordGroup) {
    out.push_str("<li>");
    let name = g.name.as_deref().filter(|n| !blank(n));
    let level = g.level.as_deref().filter(|n| !blank(n));
    if let Some(n) = name {
        out.push_str("<strong>");
        text(out, n);
        out.push_str("</strong>");
    }
    if let Some(l) = level {
        out.push_str("<span class=\"level\">");
        if name.is_some() {
            out.push(' ');
        }
        out.push('(');
        text(out, l);
        out.push(')');
        out.push_str("</span>");
    }
    if !g.keywords.is_empty() {
        if name.is_some() {
            out.push_str(": ");
        } else if level.is_some() {
            out.push(' ');
        }
        text(out, &g.keywords.join(", "));
    }
    out.push_str("</li>\n");
}

/// Inline text: `<strong>`, `<em>`, `<a>` and `<br>` from the model, everything else text.
fn inlines(out: &mut String, items: &[Inline]) {
    for item in items {
        match item {
            Inline::Text { text: t } => text(out, t),
            Inline::Strong { content } => {
                out.push_str("<strong>");
                inlines(out, content);
                out.push_str("</strong>");
            }
            Inline::Emph { content } => {
                out.push_str("<em>");
                inlines(out, content);
                out.push_str("</em>");
            }
            Inline::Link { url, content } => {
                let empty = blank(&plain_text(content));
                link(out, url, empty, |out| inlines(out, content));
            }
            Inline::Break => out.push_str("<br>"),
        }
    }
}
