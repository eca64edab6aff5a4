//! An application in one PDF: the cover letter, then the resume from a new page, an outline entry for each (the resume's sections under its own).

use super::compose::Block;
use super::{Furniture, PT_PER_MM, finish, lay_out_with, letterhead, with_fonts};
use crate::backend::{RenderError, RenderOptions, Rendered};
use crate::document::{Direction, Document, Letterhead};
use crate::layout::Layout;

/// The letter and the resume (`documents`, in that order, already redacted
/// as the job asked) under the outline entries `titles`.
pub fn application(
    documents: [&Document; 2],
    titles: [String; 2],
    layout: &Layout,
    options: &RenderOptions,
) -> Result<Rendered, RenderError> {
    let def = layout.definition();
    let owned: Vec<Document> = documents.iter().map(|d| (*d).clone()).collect();
    let [letter, _] = documents;
    with_fonts(def, options, |set, shaper, paper, warnings| {
        let footers: Vec<&Letterhead> =
            owned.iter().filter_map(|d| d.letterhead.as_ref()).collect();
        let rtl = Direction::right_to_left(&letter.meta.language);
        // A letterhead on the first page only is on the resume's first page too.
        let (w_mm, _) = paper.size_mm();
        let width = (w_mm - def.page.margin_left - def.page.margin_right) * PT_PER_MM;
        let band = owned
            .get(1)
            .and_then(|d| d.letterhead.as_ref())
            .filter(|lh| !lh.every_page)
            .map(|lh| letterhead::band(lh, def, shaper, (width, rtl)));
        let laid = lay_out_with(
            (letter.letterhead.as_ref(), rtl),
            &footers,
            def,
            paper,
            shaper,
            |c| {
                for (i, (d, title)) in owned.iter().zip(&titles).enumerate() {
                    let first = c.blocks.len();
                    c.candidate(d, i, title);
                    // The letter starts on the first page, under the band.
                    if i == 0
                        && let Some(b) = c.blocks.get_mut(first)
                    {
                        b.page_break = false;
                    }
                    if i == 1
                        && let Some((items, height)) = &band
                        && first < c.blocks.len()
                    {
                        c.blocks.insert(
                            first + 1,
                            Block {
                                height: height + letterhead::GAP,
                                keep_with_next: true,
                                items: items.clone(),
                                ..Block::default()
                            },
                        );
                        if let Some(b) = c.blocks.get_mut(first + 2) {
                            b.space_before = 0.0;
                        }
                    }
                }
            },
        );
        let mut by_page = Vec::new();
        let starts = laid.bookmarks.iter().filter(|b| b.level == 0);
        for (d, start) in owned.iter().zip(starts) {
            by_page.push((start.page, d.letterhead.as_ref()));
        }
        if let Some(first) = by_page.first_mut() {
            first.0 = 0;
        }
        let mut meta = letter.meta.clone();
        let name = letter.header.name.clone().unwrap_or_default();
        meta.title = if name.trim().is_empty() {
            titles.join(" · ")
        } else {
            format!("{name} – {}", titles.join(" · "))
        };
        let furniture = Furniture {
            meta: &meta,
            photos: owned.iter().map(|d| d.header.photo.as_ref()).collect(),
            signatures: owned.iter().map(super::signature).collect(),
            letterhead: letter.letterhead.as_ref(),
            footers: by_page,
            cover: None,
            documents: &owned,
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
    })
}
