//! Pagination: blocks are placed down the page; a chain of blocks that must
//! stay together moves to the next page as a whole when it fits on one; two
//! columns are each placed down from where they start, side by side.

use super::compose::{Block, Flow, Item};

/// A placed item: `top` is the block's distance from the top of the content area.
#[derive(Debug, Clone)]
pub struct Placed {
    pub top: f32,
    pub item: Item,
}

/// One page of placed items.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub items: Vec<Placed>,
    /// Height filled, from the content top to the bottom of the last block
    /// (for saying how far a resume overflows a page count).
    pub used: f32,
    /// Where two columns start on this page (0 on a page they continue on).
    pub columns: Option<f32>,
}

impl Page {
    /// Lines of text: items that share a baseline (a title and its date) count once.
    pub fn lines(&self) -> usize {
        let mut baselines: Vec<i64> = self
            .items
            .iter()
            .filter_map(|p| match &p.item {
                Item::Text { baseline, .. } => Some(((p.top + baseline) * 10.0).round() as i64),
                Item::Rule { .. }
                | Item::Photo { .. }
                | Item::Fill { .. }
                | Item::Icon { .. }
                | Item::Bridge { .. } => None,
            })
            .collect();
        baselines.sort_unstable();
        baselines.dedup();
        baselines.len()
    }
}

/// An outline entry: title, 0-based page, distance from the content top,
/// and its level (0: the top; 1: under the last entry of level 0).
#[derive(Debug, Clone)]
pub struct Bookmark {
    pub title: String,
    pub page: usize,
    pub top: f32,
    pub level: u8,
}

/// Splits blocks into pages of content height `avail` (points): runs of
/// the whole width one under the other, and each run of two columns from
/// the same place, the first column's items before the second's on a page
/// (so they are drawn, and read, in that order).
pub fn paginate(blocks: Vec<Block>, avail: f32) -> (Vec<Page>, Vec<Bookmark>) {
    let mut pages = vec![Page::default()];
    let mut bookmarks = Vec::new();
    let mut at = (0, 0.0f32);
    let mut rest = blocks.into_iter().peekable();
    while let Some(block) = rest.next() {
        let columns = block.flow != Flow::Full;
        let mut run = vec![block];
        while let Some(next) = rest.next_if(|b| (b.flow != Flow::Full) == columns) {
            run.push(next);
        }
        if !columns {
            at = place(run, at, avail, &mut pages, &mut bookmarks);
            continue;
        }
        let (first, second): (Vec<Block>, Vec<Block>) =
            run.into_iter().partition(|b| b.flow == Flow::First);
        let top = match first.first().or(second.first()) {
            Some(b) if at.1 > 0.0 => at.1 + b.space_before,
            _ => at.1,
        };
        let a = place(first, at, avail, &mut pages, &mut bookmarks);
        let b = place(second, at, avail, &mut pages, &mut bookmarks);
        let end = if (a.0, a.1) >= (b.0, b.1) { a } else { b };
        for (i, page) in pages.iter_mut().enumerate().take(end.0 + 1).skip(at.0) {
            page.columns = Some(if i == at.0 { top.min(avail) } else { 0.0 });
        }
        at = end;
    }
    (pages, bookmarks)
}

/// Places `blocks` down the pages from `at` (page, y), adding pages as
/// needed and appending to those that exist; where they end.
fn place(
    blocks: Vec<Block>,
    mut at: (usize, f32),
    avail: f32,
    pages: &mut Vec<Page>,
    bookmarks: &mut Vec<Bookmark>,
) -> (usize, f32) {
    // Height of the chain starting at each block (itself plus every block
    // glued to it by keep_with_next), computed back to front.
    let mut chain = vec![0.0f32; blocks.len()];
    for i in (0..blocks.len()).rev() {
        let Some(b) = blocks.get(i) else { continue };
        let mut h = b.height;
        if let (true, Some(next), Some(rest)) =
            (b.keep_with_next, blocks.get(i + 1), chain.get(i + 1))
        {
            h += next.space_before + rest;
        }
        if let Some(c) = chain.get_mut(i) {
            *c = h;
        }
    }
    // Rounding slack, far below a visible difference.
    let slack = 0.01;
    for (i, block) in blocks.into_iter().enumerate() {
        let (mut page, mut y) = at;
        let chain_h = chain.get(i).copied().unwrap_or(block.height);
        let before = if y > 0.0 { block.space_before } else { 0.0 };
        let chain_fits_fresh = chain_h <= avail + slack;
        let new_page = y > 0.0
            && (block.page_break
                || if chain_fits_fresh {
                    y + before + chain_h > avail + slack
                } else {
                    y + before + block.height > avail + slack
                });
        if new_page {
            page += 1;
            if pages.len() <= page {
                pages.push(Page::default());
            }
            y = 0.0;
        } else {
            y += before;
        }
        if let Some(title) = block.bookmark {
            bookmarks.push(Bookmark {
                title,
                page,
                top: y,
                level: block.bookmark_level,
            });
        }
        y += block.height;
        if let Some(p) = pages.get_mut(page) {
            let top = y - block.height;
            p.items
                .extend(block.items.into_iter().map(|item| Placed { top, item }));
            p.used = p.used.max(y);
        }
        at = (page, y);
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(h: f32, keep: bool) -> Block {
        Block {
            height: h,
            keep_with_next: keep,
            space_before: 2.0,
            ..Block::default()
        }
    }

    #[test]
    fn kept_blocks_move_together() {
        // 3 × 30 fills 90 of 100; a heading glued to a line (2 + 10 + 2 + 10) does not fit.
        let blocks = vec![
            block(30.0, false),
            block(30.0, false),
            block(30.0, false),
            Block {
                bookmark: Some("H".into()),
                ..block(10.0, true)
            },
            block(10.0, false),
        ];
        let (pages, marks) = paginate(blocks, 100.0);
        assert_eq!(pages.len(), 2);
        assert_eq!(marks[0].page, 1);
        assert_eq!(marks[0].top, 0.0);
    }

    #[test]
    fn chains_taller_than_a_page_still_break() {
        let blocks = (0..20).map(|_| block(10.0, true)).collect();
        let (pages, _) = paginate(blocks, 100.0);
        assert!(pages.len() >= 2);
    }
}
