//! An agency's letterhead in Word: the band in a header part, the footer line in footer parts; the body stays the candidate's alone.
//!
//! Pages `first`: the band is the first page's header (`w:titlePg`) and the
//! footer line is both the first page's and the other pages' footer; pages
//! `every`: one header and one footer for all. The logo stands inline at
//! the left (so the header grows to hold it and the body moves down), the
//! name at a right tab stop beside it, with the agency's name as its alt text; it ships as
//! `word/media/logo.png` with relationships written here (docx-rs names
//! the media after its own ids, which our packaging does not follow).

use docx_rs::{
    AlignmentType, BreakType, BuildXML as _, Footer, FooterReference, Header, HeaderReference,
    LineSpacing, Paragraph, Pic, Run, SectionProperty, Tab, TabValueType,
};

use super::xml::clean;
use crate::document::Letterhead;
use crate::layout::Definition;

/// The logo's relationship id inside the header part, as docx-rs writes it
/// (its header collector puts `header` before the picture's id).
const LOGO_REL: &str = "headerLogo";
/// The logo's part in the package.
pub const LOGO_PART: &str = "word/media/logo.png";

/// English Metric Units per millimetre.
const EMU_PER_MM: f32 = 36_000.0;

/// Adds the header and footers to `docx`; returns how many of each it added.
pub fn add(
    docx: docx_rs::Docx,
    lh: &Letterhead,
    def: &Definition,
    text_width: i64,
) -> (docx_rs::Docx, usize, usize) {
    // One resume's paragraphs take their direction from the defaults.
    let band = header(lh, def, text_width, false);
    let footer = footer(lh, def, 3, false);
    if lh.every_page {
        (docx.header(band).footer(footer.clone()), 1, 1)
    } else {
        (
            docx.first_header(band)
                .first_footer(footer.clone())
                .footer(footer),
            1,
            2,
        )
    }
}

fn paragraph(n: u32) -> Paragraph {
    // Ids of their own, above the body's, as `w14:paraId` wants (below 0x80000000).
    Paragraph::new().id(format!("{:08X}", 0x7000_0000_u32.saturating_add(n)))
}

/// `p`, right to left (`w:bidi`) when `rtl`: its tab stops and alignment
/// then count from the right, so the band is mirrored.
fn directed(p: Paragraph, rtl: bool) -> Paragraph {
    let mut p = p;
    if rtl {
        p.property = p.property.bidi(true);
    }
    p
}

/// The band; `rtl` marks its paragraphs right to left (a bundle has no
/// defaults of one direction).
fn header(lh: &Letterhead, def: &Definition, text_width: i64, rtl: bool) -> Header {
    let accent = def.colors.accent.hex();
    let muted = def.colors.muted.hex();
    let half = |pt: f32| (pt * 2.0).round() as usize;
    let right = Tab::new()
        .val(TabValueType::Right)
        .pos(usize::try_from(text_width).unwrap_or(0));
    let mut name = paragraph(1).add_tab(right);
    if let Some(logo) = &lh.logo {
        let h = lh.logo_height * EMU_PER_MM;
        let w = h * logo.width as f32 / logo.height.max(1) as f32;
        let pic = Pic::new_with_dimensions(logo.png.clone(), logo.width, logo.height)
            .id("Logo")
            .size(w.round() as u32, h.round() as u32);
        name = name.add_run(Run::new().add_image(pic));
    }
    name = name.add_run(
        Run::new()
            .add_tab()
            .add_text(clean(&lh.name))
            .bold()
            .color(accent)
            .size(half(def.sizes.label)),
    );
    // 8 pt below the band, before the body.
    let contact = paragraph(2)
        .align(AlignmentType::Right)
        .line_spacing(LineSpacing::new().after(160))
        .add_run(
            Run::new()
                .add_text(clean(&lh.contact))
                .color(muted)
                .size(half(def.sizes.small)),
        );
    Header::new()
        .add_paragraph(directed(name, rtl))
        .add_paragraph(directed(contact, rtl))
}

/// The footer, in a paragraph of id `n` (see [`paragraph`]), right to left
/// when `rtl`; Word wraps it, and a line break in it is one here too, as in
/// the PDF.
fn footer(lh: &Letterhead, def: &Definition, n: u32, rtl: bool) -> Footer {
    let mut run = Run::new()
        .color(def.colors.muted.hex())
        .size(((def.sizes.small * 0.9) * 2.0).round() as usize);
    for (k, line) in lh.footer.lines().enumerate() {
        if k > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(clean(line));
    }
    Footer::new().add_paragraph(directed(
        paragraph(n).align(AlignmentType::Center).add_run(run),
        rtl,
    ))
}

/// The header part's relationship id (docx-rs numbers them from 1).
const HEADER_RID: &str = "rIdHeader1";

/// The relationship id of a bundle's footer part `k`: 0 the cover's, `k` candidate `k`'s.
fn footer_rid(k: usize) -> String {
    format!("rIdFooter{}", k + 1)
}

/// The section properties that end section `k` of a bundle (0 the cover,
/// `k` candidate `k`), with `base`'s page size and margins: the band on the
/// cover's first page (pages `first`) or on every page, and the section's
/// own footer part. Without a letterhead, no header or footer.
pub fn section(base: &SectionProperty, lh: Option<&Letterhead>, k: usize) -> SectionProperty {
    let mut s = base.clone();
    s.header_reference = None;
    s.first_header_reference = None;
    s.footer_reference = None;
    s.first_footer_reference = None;
    s.title_pg = false;
    let Some(lh) = lh else {
        return s;
    };
    let footer = footer_rid(k);
    if lh.every_page {
        s.header_reference = Some(HeaderReference::new("default", HEADER_RID));
    } else if k == 0 {
        s.first_header_reference = Some(HeaderReference::new("first", HEADER_RID));
        s.first_footer_reference = Some(FooterReference::new("first", footer.clone()));
        s.title_pg = true;
    }
    s.footer_reference = Some(FooterReference::new("default", footer));
    s
}

/// A bundle's letterhead: the band in one header part (the one `section`
/// refers to), the last candidate's section properties on the body, and
/// the footer parts, the cover's (`lh`) first, then each candidate's, built
/// here: docx-rs collects footers only from the body's section. The band
/// and the cover's footer run right to left when the cover does; each
/// candidate's footer when the candidate does.
pub fn add_bundle(
    docx: docx_rs::Docx,
    (lh, rtl): (&Letterhead, bool),
    candidates: &[(Option<&Letterhead>, bool)],
    def: &Definition,
    text_width: i64,
) -> (docx_rs::Docx, Vec<Vec<u8>>) {
    let mut docx = docx.header(header(lh, def, text_width, rtl));
    let last = section(&docx.document.section_property, Some(lh), candidates.len());
    docx.document.section_property = last;
    let parts = std::iter::once((Some(lh), rtl))
        .chain(candidates.iter().copied())
        .enumerate()
        .map(|(k, (l, rtl))| {
            let n = u32::try_from(k).map_or(u32::MAX, |k| k.saturating_add(0x10));
            match l {
                Some(l) => footer(l, def, n, rtl),
                None => Footer::new().add_paragraph(paragraph(n)),
            }
            .build()
        })
        .collect();
    (docx, parts)
}

/// `word/_rels/header1.xml.rels`: the logo.
pub fn header_rels() -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="{LOGO_REL}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/logo.png" /></Relationships>"#
    )
    .into_bytes()
}

/// Sets the logo's alt text (the agency's name) and a drawing id no photo takes (photos count from 1) in the built header part.
pub fn patch(header: &mut Vec<u8>, lh: &Letterhead) -> Result<(), String> {
    if lh.logo.is_none() {
        return Ok(());
    }
    let mut xml = String::from_utf8(std::mem::take(header)).map_err(|e| e.to_string())?;
    let doc_pr = r#"<wp:docPr id="1" name="Figure" />"#;
    if !xml.contains(doc_pr) || !xml.contains(&format!(r#"r:embed="{LOGO_REL}""#)) {
        return Err("docx-rs no longer writes the header's picture as expected".into());
    }
    let alt = clean(&lh.name)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    xml = xml.replacen(
        doc_pr,
        &format!(r#"<wp:docPr id="1000" name="Logo" descr="{alt}" />"#),
        1,
    );
    *header = xml.into_bytes();
    Ok(())
}
