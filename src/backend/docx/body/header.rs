//! The header in Word: name, label, contacts and photo one under the other, or split into a borderless table row (name at the start, contacts at the end) as the PDF sets them side by side.
//!
//! A split header is one row: the name and label in the first cell, the
//! contacts one per line in the second, aligned to its end, and the photo
//! in a cell of its own at the start or the end when it is in the header.
//! A right tab in one paragraph cannot hold two lines of name and label
//! beside four lines of contacts; a table row can, Word edits it well, and
//! a reader takes the name before the contacts. `check` reads such a row
//! (a cell holding the Title) cell by cell, as the body.
//!
//! The contacts (here or in the sidebar) come with separators, or each
//! after its icon ([`super::super::icons`]).

use docx_rs::{
    AlignmentType, BreakType, Paragraph, ParagraphChild, Run, Shading, ShdType, Table, TableCell,
    TableCellMargins, TableLayoutType, TableRow, WidthType,
};

use super::super::styles::id;
use super::super::{icons, photo};
use super::{Child, Fmt, Writer};
use crate::document::Document;
use crate::document::{Contact, ContactKind};
use crate::layout::{ContactStyle, HeaderAlign, PhotoPlace, Plan, Region};

/// Twips per millimetre.
const TWIPS_PER_MM: f32 = 1440.0 / 25.4;

/// Space between the photo and the text beside it, in millimetres (the PDF's).
const PHOTO_GAP_MM: f32 = 5.0;

/// The name's share of a split header's width beside the photo (the PDF's).
const NAME_SHARE: usize = 58;

impl Writer<'_> {
    /// The header as body children: paragraphs, or a split header's table.
    pub(super) fn header(
        &mut self,
        doc: &Document,
        plan: &Plan,
        photo_rel: &str,
        text_width: i64,
    ) -> Vec<Child> {
        let def = self.def;
        let h = &doc.header;
        let photo_here = plan.photo == Region::Main;
        let contacts_here = plan.contacts == Region::Main;
        let any_contact = h.contacts.iter().any(|c| !c.text.trim().is_empty());
        let named = h.name.as_deref().is_some_and(|s| !s.trim().is_empty());
        // Without a name the row would be a table of contacts (which
        // `check` rightly flags): the contacts stack under the label.
        if def.header.align == HeaderAlign::Split && contacts_here && any_contact && named {
            return self.split(doc, photo_here.then_some(photo_rel), text_width);
        }
        // The photo floats at the right of the first paragraph: the name's.
        let mut picture = h
            .photo
            .as_ref()
            .filter(|_| photo_here)
            .map(|p| photo::run(p, def, photo_rel));
        if let Some(name) = h.name.as_deref().filter(|s| !s.trim().is_empty()) {
            self.open_p(id::TITLE);
            self.children
                .extend(picture.take().map(|r| ParagraphChild::Run(Box::new(r))));
            self.run(name, Fmt::default());
            self.close_p();
        }
        if let Some(r) = picture {
            self.open_p(id::BODY);
            self.children.push(ParagraphChild::Run(Box::new(r)));
            self.close_p();
        }
        self.label(doc);
        if contacts_here {
            self.on_band = def.header.band;
            self.contacts(&h.contacts, &def.style.contact_separator, false);
            self.on_band = false;
        }
        self.take()
    }

    fn label(&mut self, doc: &Document) {
        if let Some(label) = doc.header.label.as_deref().filter(|s| !s.trim().is_empty()) {
            self.open_p(id::SUBTITLE);
            self.run(label, Fmt::default());
            self.close_p();
        }
    }

    /// The photo inline in a paragraph of its own, aligned `align`, no
    /// wider than the cell it is in (the sidebar's, when `centred`).
    pub(super) fn photo(&mut self, doc: &Document, rel: &str, centred: bool) {
        let Some(p) = doc.header.photo.as_ref() else {
            return;
        };
        let cell = self.tabs.map_or(f32::MAX, |(_, w)| w as f32 / TWIPS_PER_MM);
        self.open_p(id::BODY);
        self.children
            .push(ParagraphChild::Run(Box::new(photo::inline(
                p, self.def, rel, cell,
            ))));
        self.close_p();
        if let Some(last) = self.paragraphs.last_mut() {
            let align = match (centred, self.def.header.photo) {
                (true, _) => AlignmentType::Center,
                (false, PhotoPlace::Start) => AlignmentType::Left,
                (false, _) => AlignmentType::Right,
            };
            // At the cell's edges whatever the Body Text style's indent (a gutter's).
            last.property = std::mem::take(&mut last.property).align(align).indent(
                Some(0),
                None,
                Some(0),
                None,
            );
        }
    }

    /// The split header's row: `[photo,] name and label, contacts[, photo]`.
    fn split(&mut self, doc: &Document, photo_rel: Option<&str>, text_width: i64) -> Vec<Child> {
        let def = self.def;
        let full = usize::try_from(text_width).unwrap_or(0);
        let photo_width = match (photo_rel, &doc.header.photo) {
            (Some(_), Some(_)) => {
                (((def.photo.size + PHOTO_GAP_MM) * TWIPS_PER_MM).round() as usize).min(full / 3)
            }
            _ => 0,
        };
        let rest = full - photo_width;
        let name_width = rest * NAME_SHARE / 100;
        let contacts_width = rest - name_width;

        if let Some(n) = doc.header.name.as_deref().filter(|s| !s.trim().is_empty()) {
            self.open_p(id::TITLE);
            self.run(n, Fmt::default());
            self.close_p();
        }
        self.label(doc);
        let name = self.take_paragraphs();
        self.on_band = def.header.band;
        self.contacts(&doc.header.contacts, "", true);
        self.on_band = false;
        let contacts: Vec<Paragraph> = self
            .take_paragraphs()
            .into_iter()
            .map(|mut p| {
                p.property = std::mem::take(&mut p.property).align(AlignmentType::Right);
                p
            })
            .collect();
        let mut cells = vec![(name, name_width), (contacts, contacts_width)];
        if photo_width > 0
            && let Some(rel) = photo_rel
        {
            let saved = self.tabs.replace((0, photo_width));
            self.photo(doc, rel, false);
            self.tabs = saved;
            let cell = (self.take_paragraphs(), photo_width);
            match def.header.photo {
                PhotoPlace::Start => cells.insert(0, cell),
                PhotoPlace::End | PhotoPlace::Sidebar => cells.push(cell),
            }
        }
        let band = def.header.band.then(|| {
            Shading::new()
                .shd_type(ShdType::Clear)
                .color("auto")
                .fill(def.colors.band.hex())
        });
        let grid: Vec<usize> = cells.iter().map(|(_, w)| *w).collect();
        let row: Vec<TableCell> = cells
            .into_iter()
            .map(|(paragraphs, width)| {
                let mut cell = TableCell::new().width(width, WidthType::Dxa);
                if let Some(s) = band.clone() {
                    cell = cell.shading(s);
                }
                if paragraphs.is_empty() {
                    cell = cell.add_paragraph(Paragraph::new());
                }
                paragraphs.into_iter().fold(cell, TableCell::add_paragraph)
            })
            .collect();
        let table = Table::without_borders(vec![TableRow::new(row)])
            .set_grid(grid)
            .layout(TableLayoutType::Fixed)
            .width(full, WidthType::Dxa)
            .margins(TableCellMargins::new().margin(0, 0, 0, 0));
        vec![Child::Table(Box::new(table))]
    }

    /// The paragraphs written so far; the ids of the next ones follow theirs.
    fn take_paragraphs(&mut self) -> Vec<Paragraph> {
        self.first_id += self.paragraphs.len();
        std::mem::take(&mut self.paragraphs)
    }

    /// The contacts on a line between `separator` (or, with icons, each
    /// after its icon and a wide space apart), or, `stacked`, one per line.
    pub(super) fn contacts(&mut self, contacts: &[Contact], separator: &str, stacked: bool) {
        let visible: Vec<&Contact> = contacts
            .iter()
            .filter(|c| !c.text.trim().is_empty())
            .collect();
        if visible.is_empty() {
            return;
        }
        let def = self.def;
        let icons = def.header.contacts == ContactStyle::Icons;
        let color = if self.on_band {
            def.colors.band_text
        } else {
            def.colors.accent
        };
        let size = def.sizes.contact;
        self.open_p(id::CONTACT);
        for (i, c) in visible.iter().enumerate() {
            if i > 0 && stacked {
                self.push_run(Run::new().add_break(BreakType::TextWrapping));
            } else if i > 0 && icons {
                // About the PDF's 1.4 em between contacts, where the line
                // may break. (One space widened by `w:spacing` makes
                // LibreOffice move a line that breaks there below a
                // floating photo.)
                self.run("\u{2003} ", Fmt::default());
            } else if i > 0 {
                self.run(separator, Fmt::default());
            }
            if icons {
                let key = icons::Key {
                    icon: c.icon(),
                    color,
                    rtl: self.rtl,
                };
                let rel = self.links.icon(key);
                self.push_run(icons::run(key, &rel, size));
                // A no-break space glues the icon to the text: Word and
                // LibreOffice may break a line on either side of a picture.
                self.push_run(Run::new().add_text("\u{a0}"));
            }
            let shown = if c.kind == ContactKind::Profile && !c.label.trim().is_empty() {
                format!("{}: {}", c.label, c.text)
            } else {
                c.text.clone()
            };
            match &c.link {
                Some(url) => self.link(url, Fmt::default(), |w, f| w.run(&shown, f)),
                None => self.run(&shown, Fmt::default()),
            }
        }
        self.close_p();
    }
}
