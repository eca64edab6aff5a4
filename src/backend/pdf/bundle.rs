//! Several resumes in one PDF for a client: a cover page with the candidates' table, then each candidate from a new page.
//!
//! Laid out twice: the first pass finds the page each candidate starts on,
//! the second writes those numbers into the cover's table (its rows do not
//! change height, so the pages stay where they were). The outline holds
//! one entry per candidate with its sections inside.

use super::compose::{Block, Composer, Row, Words};
use super::fonts::FontSet;
use super::shape::Shaper;
use super::{Furniture, finish, lay_out_with, with_fonts};
use crate::backend::{RenderError, RenderOptions, Rendered};
use crate::document::{Direction, Document, Letterhead, Metadata};
use crate::layout::{Definition, Layout, Paper};

/// What the cover says.
pub struct Cover<'a> {
    pub title: &'a str,
    /// As shown, e.g. `2026-12-02`.
    pub date: &'a str,
    /// The agency's letterhead, for the cover (and every page when it says so).
    pub letterhead: Option<&'a Letterhead>,
    /// Column heads: candidate, headline, page.
    pub heads: [&'a str; 3],
    /// Properties of the file (title, author, language).
    pub meta: &'a Metadata,
    /// Each candidate's cover letter (by index; shorter, or empty, when
    /// some or all have none), before their resume.
    pub letters: &'a [Option<Document>],
}

impl Cover<'_> {
    /// The pictures of the first `n` candidates' letters' signatures.
    pub fn signatures(&self, n: usize) -> Vec<Option<&crate::document::Photo>> {
        (0..n)
            .map(|i| {
                self.letters
                    .get(i)
                    .and_then(Option::as_ref)
                    .and_then(|d| d.letter.as_ref()?.signature_image.as_ref())
            })
            .collect()
    }
}

/// The bundle of `documents` (already redacted as the job asked).
pub fn bundle(
    documents: &[Document],
    cover: &Cover,
    layout: &Layout,
    options: &RenderOptions,
) -> Result<Rendered, RenderError> {
    let def = layout.definition();
    with_fonts(def, options, |set, shaper, paper, warnings| {
        lay_out_bundle(
            documents,
            cover,
            def,
            options,
            (set, shaper, paper, warnings),
        )
    })
}

/// The two passes and the file, with the fonts [`with_fonts`] gives.
fn lay_out_bundle(
    documents: &[Document],
    cover: &Cover,
    def: &Definition,
    options: &RenderOptions,
    (set, shaper, paper, warnings): (&FontSet, &mut Shaper, Paper, Vec<String>),
) -> Result<Rendered, RenderError> {
    let name = |d: &Document| {
        d.header
            .name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| d.meta.title.clone())
    };
    let mut rows: Vec<Row> = documents
        .iter()
        .map(|d| Row {
            name: name(d),
            headline: d.header.label.clone().unwrap_or_default(),
            page: None,
        })
        .collect();
    let words = Words {
        title: cover.title,
        date: cover.date,
        heads: cover.heads,
        rtl: Direction::right_to_left(&cover.meta.language),
    };
    let footers: Vec<&Letterhead> = cover
        .letterhead
        .into_iter()
        .chain(documents.iter().filter_map(|d| d.letterhead.as_ref()))
        .collect();
    let compose = |rows: &[Row], shaper: &mut Shaper| {
        lay_out_with(
            (cover.letterhead, words.rtl),
            &footers,
            def,
            paper,
            shaper,
            |c| {
                c.cover(&words, rows);
                for (i, d) in documents.iter().enumerate() {
                    match cover.letters.get(i).and_then(Option::as_ref) {
                        Some(letter) => with_letter(c, (letter, d), i, &name(d)),
                        None => c.candidate(d, i, &name(d)),
                    }
                }
            },
        )
    };
    let first = compose(&rows, shaper);
    let starts: Vec<usize> = first
        .bookmarks
        .iter()
        .filter(|b| b.level == 0)
        .map(|b| b.page + 1)
        .collect();
    for (row, page) in rows.iter_mut().zip(starts) {
        row.page = Some(page);
    }
    let laid = compose(&rows, shaper);
    // The cover's pages carry the bundle's footer line, each candidate's
    // pages their own (their name and reference).
    let mut by_page = vec![(0, cover.letterhead)];
    let starts = laid.bookmarks.iter().filter(|b| b.level == 0);
    for (d, start) in documents.iter().zip(starts) {
        by_page.push((start.page, d.letterhead.as_ref()));
    }
    let furniture = Furniture {
        meta: cover.meta,
        photos: documents.iter().map(|d| d.header.photo.as_ref()).collect(),
        signatures: cover.signatures(documents.len()),
        letterhead: cover.letterhead,
        footers: by_page,
        cover: Some(cover),
        documents,
    };
    finish(
        &furniture,
        def,
        paper,
        laid,
        shaper,
        set,
        options,
        warnings,
        Vec::new(),
    )
}

/// A candidate with a cover letter: one outline entry of their name from
/// the letter's page, holding the letter's entry and then the resume's
/// sections; the resume from a new page.
fn with_letter(
    c: &mut Composer<'_, '_, '_>,
    (letter, resume): (&Document, &Document),
    i: usize,
    name: &str,
) {
    let first = c.blocks.len();
    c.candidate(letter, i, name);
    let title = letter
        .letter
        .as_ref()
        .map_or_else(String::new, |l| l.title.clone());
    c.blocks.insert(
        (first + 1).min(c.blocks.len()),
        Block {
            keep_with_next: true,
            bookmark: Some(title),
            bookmark_level: 1,
            ..Block::default()
        },
    );
    let start = c.blocks.len();
    c.candidate(resume, i, name);
    // The resume's opening block keeps its page break, not its entry.
    if let Some(b) = c.blocks.get_mut(start) {
        b.bookmark = None;
    }
}
