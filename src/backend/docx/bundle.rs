//! Several resumes in one Word document: a cover (title, date, a table of the candidates), then each candidate from a new page.
//!
//! Word paginates by itself, so the cover's page numbers are `PAGEREF`
//! fields to a bookmark on each candidate's first paragraph, with the page
//! the PDF engine would give as the value shown until Word updates them
//! (LibreOffice computes them on opening). Each candidate's name is a
//! Title paragraph, so the navigation pane lists the candidates. The cover
//! and each candidate are sections of their own, each from a new page with
//! its own footer part: a candidate's footer line names them. In a
//! right-to-left language the cover's paragraphs are `w:bidi` (so they
//! start at the right) and its table `w:bidiVisual` (its first column at
//! the right); so are the paragraphs of a right-to-left candidate (a
//! bundle has no paragraph defaults of one direction).

use docx_rs::{
    FieldCharType, InstrPAGEREF, InstrText, Paragraph, ParagraphChild, Run, Table, TableCell,
    TableRow, WidthType,
};

use super::styles::id;
use super::xml::clean;
use super::{Package, assemble, body, letterhead, package};
use crate::backend::{Cover, RenderError, RenderOptions, Rendered};
use crate::document::{Direction, Document};
use crate::layout::Layout;

/// The bundle of `documents` as a DOCX.
pub fn bundle(
    documents: &[Document],
    cover: &Cover,
    layout: &Layout,
    options: &RenderOptions,
) -> Result<Rendered, RenderError> {
    let def = layout.definition();
    let rtl = Direction::right_to_left(&cover.meta.language);
    let geometry = super::Geometry::new(def, options);
    let text_width = usize::try_from(geometry.text_width).unwrap_or(0);
    // Which of the body's tables run right to left: the cover's, then each candidate's.
    let mut tables = vec![rtl];
    // The cover's paragraphs run right to left in such a language.
    let bidi = |mut p: Paragraph| {
        if rtl {
            p.property = p.property.bidi(true);
        }
        p
    };
    let pkg = Package {
        meta: cover.meta,
        photos: documents
            .iter()
            .map(|d| {
                d.header
                    .photo
                    .as_ref()
                    .map(|p| (p, d.header.name.as_deref().unwrap_or_default()))
            })
            .collect(),
        signatures: cover.signatures(documents.len()),
        letterhead: cover.letterhead,
        candidates: documents
            .iter()
            .map(|d| {
                (
                    d.letterhead.as_ref(),
                    Direction::right_to_left(&d.meta.language),
                )
            })
            .collect(),
    };
    let parts = assemble(&pkg, def, options, |mut docx, links, rels| {
        // Page size and margins, for the sections that end the cover and
        // each candidate but the last (whose section is the body's own).
        let base = docx.document.section_property.clone();
        let section = |k: usize| letterhead::section(&base, cover.letterhead, k);
        let mut next = 0usize;
        let mut paragraph = |style: &'static str| {
            next += 1;
            // Cover paragraphs count down from the top of the id space; the
            // candidates' count up (see body.rs).
            Paragraph::new()
                .id(format!("{:08X}", 0x6FFF_FFFF - next))
                .style(style)
        };
        docx = docx.add_paragraph(bidi(
            paragraph(id::TITLE).add_run(Run::new().add_text(clean(cover.title))),
        ));
        docx = docx.add_paragraph(bidi(
            paragraph(id::SUBTITLE).add_run(Run::new().add_text(clean(cover.date))),
        ));
        let cell = |p: Paragraph, width: usize| {
            TableCell::new()
                .add_paragraph(bidi(p))
                .width(width, WidthType::Pct)
        };
        let widths = [1700usize, 2600, 700];
        let mut rows = vec![TableRow::new(
            cover
                .heads
                .iter()
                .zip(widths)
                .map(|(h, w)| {
                    cell(
                        paragraph(id::BODY).add_run(Run::new().add_text(clean(h)).bold()),
                        w,
                    )
                })
                .collect(),
        )];
        for (i, d) in documents.iter().enumerate() {
            let name = d
                .header
                .name
                .clone()
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| d.meta.title.clone());
            let mark = format!("candidate{}", i + 1);
            let page = Run::new()
                .add_field_char(FieldCharType::Begin, true)
                .add_instr_text(InstrText::PAGEREF(InstrPAGEREF::new(&mark).hyperlink()))
                .add_field_char(FieldCharType::Separate, false)
                .add_text("–")
                .add_field_char(FieldCharType::End, false);
            rows.push(TableRow::new(vec![
                cell(
                    paragraph(id::BODY).add_run(Run::new().add_text(clean(&name)).bold()),
                    widths[0],
                ),
                cell(
                    paragraph(id::BODY).add_run(
                        Run::new().add_text(clean(d.header.label.as_deref().unwrap_or_default())),
                    ),
                    widths[1],
                ),
                cell(paragraph(id::BODY).add_run(page), widths[2]),
            ]));
        }
        // The grid in twips too: docx-rs writes an empty `w:tblGrid`, and
        // LibreOffice then gives the columns equal widths, whatever the cells say.
        let grid = widths
            .iter()
            .map(|w| text_width * w / 5000)
            .collect::<Vec<_>>();
        docx = docx.add_table(Table::new(rows).width(5000, WidthType::Pct).set_grid(grid));
        // Each candidate is a section of their own, from a new page, with
        // their own footer line.
        docx = docx.add_paragraph(paragraph(id::BODY).section_property(section(0)));
        let mut first_id = 0;
        for (i, d) in documents.iter().enumerate() {
            let rel = rels.get(i).map_or("", String::as_str);
            let mut children = Vec::new();
            if let Some(letter) = cover.letters.get(i).and_then(Option::as_ref) {
                // The letter first; the resume from a new page.
                let (letter, count) =
                    body::children(letter, def, links, (first_id, rel), geometry.text_width);
                first_id += count;
                children.extend(letter);
            }
            let resume_first = children.len();
            let (resume, count) =
                body::children(d, def, links, (first_id, rel), geometry.text_width);
            first_id += count;
            children.extend(resume);
            if resume_first > 0
                && let Some(p) = children
                    .get_mut(resume_first)
                    .and_then(|c| c.paragraphs_mut().into_iter().next())
            {
                p.property = std::mem::take(&mut p.property).page_break_before(true);
            }
            let candidate_rtl = Direction::right_to_left(&d.meta.language);
            for child in &mut children {
                if matches!(child, body::Child::Table(_)) {
                    tables.push(candidate_rtl);
                }
                if candidate_rtl {
                    for p in child.paragraphs_mut() {
                        p.property = std::mem::take(&mut p.property).bidi(true);
                    }
                }
            }
            if children.is_empty() {
                children.push(body::Child::Paragraph(Box::new(paragraph(id::BODY))));
            }
            // The bookmark on the first paragraph (in a split header's
            // first cell when the candidate starts with one).
            if let Some(first) = children
                .first_mut()
                .and_then(|c| c.paragraphs_mut().into_iter().next())
            {
                first.children.insert(
                    0,
                    ParagraphChild::BookmarkStart(docx_rs::BookmarkStart::new(
                        i + 1,
                        format!("candidate{}", i + 1),
                    )),
                );
                first
                    .children
                    .push(ParagraphChild::BookmarkEnd(docx_rs::BookmarkEnd::new(
                        i + 1,
                    )));
            }
            // The section ends with the last paragraph, one after a table
            // (the sidebar's row) when the candidate ends with one.
            if i + 1 < documents.len() {
                let end = section(i + 1);
                match children.last_mut() {
                    Some(body::Child::Paragraph(p)) => {
                        **p = std::mem::take(p.as_mut()).section_property(end);
                    }
                    _ => children.push(body::Child::Paragraph(Box::new(
                        paragraph(id::BODY).section_property(end),
                    ))),
                }
            }
            docx = children.into_iter().fold(docx, body::add);
        }
        docx
    })
    .map_err(|message| RenderError::Package {
        format: "docx".to_string(),
        message,
    })?;
    let mut parts = parts;
    for (path, xml) in &mut parts {
        let patched = match path.as_str() {
            "word/settings.xml" => package::update_fields(xml),
            "word/document.xml" if tables.contains(&true) => super::sidebar::patch(xml, &tables),
            _ => Ok(()),
        };
        patched.map_err(|message| RenderError::Package {
            format: "docx".to_string(),
            message,
        })?;
    }
    let bytes = package::zip(&parts).map_err(|e| RenderError::Package {
        format: "docx".to_string(),
        message: e.to_string(),
    })?;
    Ok(Rendered {
        bytes,
        warnings: Vec::new(),
        notes: Vec::new(),
    })
}
