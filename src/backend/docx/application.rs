//! An application in one Word document: the cover letter, then the resume, each a section of its own (the resume from a new page, with its own footer line under a letterhead).

use docx_rs::Paragraph;

use super::styles::id;
use super::{Package, assemble, body, letterhead, package};
use crate::backend::{RenderError, RenderOptions, Rendered};
use crate::document::{Direction, Document};
use crate::layout::Layout;

/// The letter and the resume (`documents`, in that order) as one DOCX.
pub fn application(
    documents: [&Document; 2],
    layout: &Layout,
    options: &RenderOptions,
) -> Result<Rendered, RenderError> {
    let def = layout.definition();
    let [letter, resume] = documents;
    let error = |message: String| RenderError::Package {
        format: "docx".to_string(),
        message,
    };
    let mut meta = letter.meta.clone();
    if let Some(name) = letter
        .header
        .name
        .as_deref()
        .filter(|n| !n.trim().is_empty())
    {
        meta.title = format!(
            "{name} – {}",
            letter.letter.as_ref().map_or("", |l| &l.title)
        );
    }
    let pkg = Package {
        meta: &meta,
        photos: documents
            .iter()
            .map(|d| {
                d.header
                    .photo
                    .as_ref()
                    .map(|p| (p, d.header.name.as_deref().unwrap_or_default()))
            })
            .collect(),
        signatures: documents.iter().map(|d| super::signature(d)).collect(),
        // The letter stands where a bundle's cover does: its letterhead on
        // the first page, the resume's footer line on the resume's pages.
        letterhead: letter.letterhead.as_ref(),
        candidates: vec![(
            resume.letterhead.as_ref(),
            Direction::right_to_left(&resume.meta.language),
        )],
    };
    let text_width = super::Geometry::new(def, options).text_width;
    let mut parts = assemble(&pkg, def, options, |mut docx, links, rels| {
        let base = docx.document.section_property.clone();
        let mut first_id = 0;
        for (i, d) in documents.iter().enumerate() {
            let rel = rels.get(i).map_or("", String::as_str);
            let (mut children, count) = body::children(d, def, links, (first_id, rel), text_width);
            first_id += count;
            if Direction::right_to_left(&d.meta.language) {
                for child in &mut children {
                    for p in child.paragraphs_mut() {
                        p.property = std::mem::take(&mut p.property).bidi(true);
                    }
                }
            }
            if i == 0 {
                // The letter's section ends here (on a paragraph after a
                // table, when it ends with one); the resume starts a new page.
                let end = letterhead::section(&base, letter.letterhead.as_ref(), 0);
                match children.last_mut() {
                    Some(body::Child::Paragraph(p)) => {
                        **p = std::mem::take(p.as_mut()).section_property(end);
                    }
                    _ => children.push(body::Child::Paragraph(Box::new(
                        Paragraph::new().style(id::BODY).section_property(end),
                    ))),
                }
            }
            if children.is_empty() {
                children.push(body::Child::Paragraph(Box::new(
                    Paragraph::new().style(id::BODY),
                )));
            }
            docx = children.into_iter().fold(docx, body::add);
        }
        docx
    })
    .map_err(error)?;
    // Right to left, every table (a sidebar's, a split header's) is laid out
    // from the right, its first cell where the text starts.
    if Direction::right_to_left(&resume.meta.language)
        && let Some((_, xml)) = parts.iter_mut().find(|(p, _)| p == "word/document.xml")
    {
        super::sidebar::patch(xml, &[]).map_err(error)?;
    }
    let bytes = package::zip(&parts).map_err(|e| error(e.to_string()))?;
    Ok(Rendered {
        bytes,
        warnings: Vec::new(),
        notes: Vec::new(),
    })
}
