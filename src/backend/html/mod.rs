//! HTML: one self-contained page per resume, for screens, print and machines.
//!
//! Nothing leaves the page: the CSS is inline, fonts come from the system
//! (the layout names a stack that starts with the bundled family), and a
//! Content-Security-Policy allows no script and no request. Phases, one
//! module each: [`head`] (policy, description, OpenGraph, schema.org
//! JSON-LD) · [`style`] (layout values as CSS, `@page`, dark scheme, the
//! layout's `html.css`) · [`body`] (semantic markup) · [`write`] (escaping).
//! Every decision about content — what shows, which links are safe, what
//! redaction removed — was made by the builder; this module only writes it.

mod body;
mod head;
mod header;
mod structure;
mod style;
mod write;

use super::{Backend, RenderError, RenderOptions, Rendered};
use crate::document::{Direction, Document};
use crate::layout::{Layout, Plan};

/// The layout file holding the page's stylesheet.
const STYLESHEET: &str = "html.css";

/// The HTML backend.
pub struct Html;

impl Backend for Html {
    fn name(&self) -> &'static str {
        "html"
    }
    fn aliases(&self) -> &'static [&'static str] {
        &["htm", "web"]
    }
    fn extension(&self) -> &'static str {
        "html"
    }
    fn description(&self) -> &'static str {
        "one self-contained web page: semantic, printable, with schema.org data"
    }
    fn asset_files(&self) -> &'static [&'static str] {
        &[STYLESHEET]
    }
    fn render(
        &self,
        document: &Document,
        layout: &Layout,
        options: &RenderOptions,
    ) -> Result<Rendered, RenderError> {
        Ok(page(None, document, layout, options))
    }
}

/// An application on one page: the sender's header, the letter in a region
/// of its own, then the resume's sections, a page apart when printed. The
/// page's language, description and schema.org data are the resume's.
pub fn application(
    [letter, resume]: [&Document; 2],
    layout: &Layout,
    options: &RenderOptions,
) -> Result<Rendered, RenderError> {
    Ok(page(Some(letter), resume, layout, options))
}

/// The page of `document`, after `letter` when there is one.
fn page(
    letter: Option<&Document>,
    document: &Document,
    layout: &Layout,
    options: &RenderOptions,
) -> Rendered {
    let def = layout.definition();
    let language = language_tag(&document.meta.language);
    let labels = layout.labels(&language);
    let rtl = match &labels {
        Some(l) => l.direction == Direction::Rtl,
        None => Direction::right_to_left(&language),
    };
    let range_separator = labels
        .as_ref()
        .map(|l| l.range_separator.clone())
        .unwrap_or_default();
    let paper = options.paper.unwrap_or(def.page.paper);
    let stylesheet = layout.asset(STYLESHEET).unwrap_or_default();

    let mut out = String::with_capacity(24 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    out.push_str(&language);
    out.push_str("\" dir=\"");
    out.push_str(if rtl { "rtl" } else { "ltr" });
    out.push_str("\">\n<head>\n");
    head::write(&mut out, document);
    out.push_str("<style>\n");
    out.push_str(&style::css(def, paper, &language, stylesheet));
    let plan = Plan::new(def, document);
    if document.header.photo.is_some() {
        header::photo_css(&mut out, def, plan.photo);
    }
    structure::css(&mut out, def, &plan);
    let letters = || {
        [Some(document), letter]
            .into_iter()
            .flatten()
            .filter_map(|d| d.letter.as_ref())
    };
    if letters().next().is_some() {
        body::letter::css(&mut out, letters().any(|l| l.signature_image.is_some()));
    }
    if letter.is_some() {
        out.push_str(APPLICATION_CSS);
    }
    // One letterhead on the page, the resume's (`--brand` gives both the same).
    if let Some(lh) = &document.letterhead {
        body::letterhead_css(&mut out, lh);
    }
    out.push_str("</style>\n</head>\n<body>\n");
    let cx = body::Context {
        def,
        plan: &plan,
        range_separator: &range_separator,
        cover: letter,
    };
    body::write(&mut out, document, &cx);
    out.push_str("</body>\n</html>\n");
    Rendered {
        bytes: out.into_bytes(),
        warnings: Vec::new(),
        notes: Vec::new(),
    }
}

/// On an application's page: the letter apart from the resume on screen,
/// and on a page of its own when printed.
const APPLICATION_CSS: &str = ".cover-letter { break-after: page; }\n\
@media screen { .cover-letter { padding-bottom: var(--before-section); margin-bottom: calc(2 * var(--before-section)); border-bottom: var(--rule-thickness) solid var(--accent); } }\n";

/// The document's language as a well-formed tag (letters, digits and hyphens
/// in subtags of 1–8), else `en`.
fn language_tag(tag: &str) -> String {
    let tag = tag.replace('_', "-");
    let ok = !tag.is_empty()
        && tag
            .split('-')
            .all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
        && tag
            .split('-')
            .next()
            .is_some_and(|p| p.len() >= 2 && p.chars().all(|c| c.is_ascii_alphabetic()));
    if ok { tag } else { "en".to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_are_checked() {
        assert_eq!(language_tag("pt_BR"), "pt-BR");
        assert_eq!(language_tag("en\" onload=\"x"), "en");
        assert_eq!(language_tag(""), "en");
        assert_eq!(Direction::of_language("fa-IR"), Direction::Rtl);
        assert_eq!(Direction::of_language("fr"), Direction::Ltr);
    }
}
