//! The sidebar in Word: one borderless table row of two cells, the cell read first first.
//!
//! A table row is what Word edits well as two columns (a text box or a
//! floating frame is not), and a reader of the DOCX (an applicant-tracking
//! system, python-docx, `check`) takes the cells in document order: the
//! sidebar's sections whole, then the main column's (or the other way round
//! when the sidebar is on the end side). The row may break across pages.
//! In a right-to-left document the table is written right to left
//! (`w:bidiVisual`, patched in by [`patch`]), so the first cell stands on
//! the right, where the text starts.

use docx_rs::{
    Paragraph, Shading, ShdType, Table, TableCell, TableCellMargins, TableLayoutType, TableRow,
    WidthType,
};

use crate::layout::{Definition, SidebarPlan};

/// Twips per millimetre.
const TWIPS_PER_MM: f32 = 1440.0 / 25.4;

/// Padding above and below the cells' text, in millimetres.
const PAD_MM: f32 = 4.0;

/// The width of each cell's text, in twips: `(sidebar, main)`. Each cell
/// pads its text by half the gap at both sides, so the texts stand `gap`
/// apart and the sidebar's text keeps the layout's width inside its tint.
pub fn widths(side: &SidebarPlan, text_width: i64) -> (usize, usize) {
    let (sidebar, main, gap) = columns(side, text_width);
    (sidebar.saturating_sub(gap), main.saturating_sub(gap))
}

/// The cells' widths and the gap, in twips.
fn columns(side: &SidebarPlan, text_width: i64) -> (usize, usize, usize) {
    let full = usize::try_from(text_width).unwrap_or(0);
    let gap = (side.gap * TWIPS_PER_MM).round() as usize;
    let sidebar = ((side.width * TWIPS_PER_MM).round() as usize + gap).min(full / 2);
    (sidebar, full.saturating_sub(sidebar), gap)
}

/// The row: `cells` in reading order, each `(is the sidebar, its paragraphs)`.
pub fn table(
    def: &Definition,
    side: &SidebarPlan,
    cells: Vec<(bool, Vec<Paragraph>)>,
    text_width: i64,
) -> Table {
    let full = usize::try_from(text_width).unwrap_or(0);
    let (sidebar, main, gap) = columns(side, text_width);
    let pad = (PAD_MM * TWIPS_PER_MM).round() as usize;
    let mut grid = Vec::new();
    let mut row = Vec::new();
    for (is_sidebar, paragraphs) in cells {
        let width = if is_sidebar { sidebar } else { main };
        grid.push(width);
        let mut cell = TableCell::new().width(width, WidthType::Dxa);
        if is_sidebar {
            cell = cell.shading(
                Shading::new()
                    .shd_type(ShdType::Clear)
                    .color("auto")
                    .fill(def.colors.sidebar.hex()),
            );
        }
        if paragraphs.is_empty() {
            // A cell holds at least one paragraph.
            cell = cell.add_paragraph(Paragraph::new());
        }
        for p in paragraphs {
            cell = cell.add_paragraph(p);
        }
        row.push((is_sidebar, cell));
    }
    let cells: Vec<TableCell> = row.into_iter().map(|(_, c)| c).collect();
    Table::without_borders(vec![TableRow::new(cells)])
        .set_grid(grid)
        .layout(TableLayoutType::Fixed)
        .width(full, WidthType::Dxa)
        .margins(TableCellMargins::new().margin(pad, gap / 2, pad, gap / 2))
}

/// Marks tables right to left (`w:bidiVisual`, first in `w:tblPr` after
/// the style): the `n`-th table in `document.xml` when `which[n]` is true,
/// every table after the end of `which`; fails if docx-rs no longer writes
/// `w:tblPr`.
pub fn patch(document: &mut Vec<u8>, which: &[bool]) -> Result<(), String> {
    let text = std::str::from_utf8(document).map_err(|e| format!("document.xml: {e}"))?;
    const PR: &str = "<w:tblPr>";
    if text.contains("<w:tbl>") && !text.contains(PR) {
        return Err("document.xml: docx-rs output changed (a table without <w:tblPr>)".into());
    }
    let mut out = String::with_capacity(text.len() + 64);
    for (n, piece) in text.split(PR).enumerate() {
        if n > 0 {
            out.push_str(PR);
            if which.get(n - 1).copied().unwrap_or(true) {
                out.push_str("<w:bidiVisual />");
            }
        }
        out.push_str(piece);
    }
    *document = out.into_bytes();
    Ok(())
}
