//! Fonts for the drawn pages: every used face subset to its glyphs, with ToUnicode text for each.

use std::collections::BTreeMap;

use printpdf::{FontId, ParsedFont, PdfDocument};
use rayon::prelude::*;

use super::super::compose::Item;
use super::super::fonts::{Face, FontSet};
use super::super::paginate::Page;
use super::line::{bridge_glyph, space_glyph};
use super::{Subset, Used};

/// Subsets every used face and adds it to the document under a stable id.
pub(super) fn subset_fonts(
    doc: &mut PdfDocument,
    pages: &[Page],
    fonts: &FontSet,
    map_every_glyph: bool,
    parallel: bool,
    warnings: &mut Vec<String>,
) -> BTreeMap<usize, Subset> {
    let mut used: BTreeMap<usize, BTreeMap<u16, String>> = BTreeMap::new();
    for page in pages {
        for placed in &page.items {
            if let Item::Bridge { face, .. } = &placed.item
                && let Some((gid, text)) = fonts.face(*face).and_then(bridge_glyph)
            {
                let entry = used.entry(*face).or_default().entry(gid).or_default();
                if entry.is_empty() {
                    entry.push(text);
                }
            }
            if let Item::Text { line, .. } = &placed.item {
                for piece in &line.pieces {
                    let glyphs = used.entry(piece.face).or_default();
                    let mut cluster = "";
                    for g in &piece.glyphs {
                        if !g.text.is_empty() {
                            cluster = &g.text;
                        }
                        // ToUnicode has one entry a glyph: the shortest text
                        // it stands for, so that a consonant that was once the
                        // first glyph of a cluster (whose text it carried)
                        // still reads as itself everywhere else. Where that
                        // entry is not the text, ActualText gives it.
                        let text = if map_every_glyph { cluster } else { &g.text };
                        let entry = glyphs.entry(g.gid).or_default();
                        if !text.is_empty()
                            && (entry.is_empty() || text.chars().count() < entry.chars().count())
                        {
                            entry.clear();
                            entry.push_str(text);
                        }
                    }
                }
                if let Some(piece) = line.end().filter(|_| line.space_after)
                    && let Some(gid) = fonts.face(piece.face).and_then(space_glyph)
                {
                    let entry = used.entry(piece.face).or_default().entry(gid).or_default();
                    if entry.is_empty() {
                        entry.push(' ');
                    }
                }
            }
        }
    }
    // Each face is subset on its own (side by side with `parallel`:
    // subsetting is most of drawing); fonts enter the document in face order.
    let used: Vec<(usize, Used)> = used.into_iter().enumerate().collect();
    let build = |(n, (face_index, glyphs)): (usize, Used)| {
        let mut notes = Vec::new();
        let made = fonts
            .face(face_index)
            .and_then(|face| embed(face, n, glyphs, &mut notes));
        (face_index, made, notes)
    };
    let built: Vec<_> = if parallel {
        used.into_par_iter().map(build).collect()
    } else {
        used.into_iter().map(build).collect()
    };
    let mut out = BTreeMap::new();
    for (face_index, made, notes) in built {
        warnings.extend(notes);
        if let Some((subset, font)) = made {
            doc.resources.fonts.map.insert(subset.id.clone(), font);
            out.insert(face_index, subset);
        }
    }
    out
}

/// Subsets one face to `glyphs` as font resource `/F<n>`.
fn embed(
    face: &Face,
    n: usize,
    glyphs: BTreeMap<u16, String>,
    warnings: &mut Vec<String>,
) -> Option<(Subset, printpdf::PdfFont)> {
    let mut ids = vec![0u16];
    ids.extend(glyphs.keys().copied().filter(|&g| g != 0));
    // Our own subsetter for TrueType outlines; allsorts for the rest.
    let subsetted = super::super::subset::subset(face.bytes(), &ids)
        .or_else(|_| subset(face.bytes(), &ids).map(|bytes| (bytes, ids.clone())));
    let (bytes, remap, tag) = match subsetted {
        Ok((bytes, order)) => {
            let remap = order
                .iter()
                .enumerate()
                .filter_map(|(new, &old)| Some((old, u16::try_from(new).ok()?)))
                .collect();
            let tag = subset_tag(&face.ps_name, &ids);
            (bytes, remap, Some(tag))
        }
        Err(e) => {
            warnings.push(format!(
                "font {} could not be subset ({e}); embedded whole",
                face.ps_name
            ));
            (
                face.bytes().to_vec(),
                ids.iter().map(|&g| (g, g)).collect(),
                None,
            )
        }
    };
    let mut parse_warnings = Vec::new();
    let Some(mut parsed) = ParsedFont::from_bytes(&bytes, 0, &mut parse_warnings) else {
        warnings.push(format!("font {} could not be embedded", face.ps_name));
        return None;
    };
    parsed.font_name = Some(match tag {
        Some(tag) => format!("{tag}+{}", face.ps_name),
        None => face.ps_name.clone(),
    });
    let text = glyphs
        .into_iter()
        .filter_map(|(old, t)| Some((*remap_get(&remap, old)?, t)))
        .collect();
    let subset = Subset {
        id: FontId(format!("F{n}")),
        number: n,
        remap,
        text,
    };
    Some((subset, printpdf::PdfFont::new(parsed)))
}

fn remap_get(remap: &BTreeMap<u16, u16>, old: u16) -> Option<&u16> {
    remap.get(&old)
}

fn subset(bytes: &[u8], ids: &[u16]) -> Result<Vec<u8>, String> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile};
    let data = ReadScope::new(bytes)
        .read::<FontData<'_>>()
        .map_err(|e| e.to_string())?;
    let provider = data.table_provider(0).map_err(|e| e.to_string())?;
    allsorts::subset::subset(&provider, ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map_err(|e| e.to_string())
}

/// Six capital letters derived from the font and its glyph set, so that
/// different subsets get different tags and the same input the same tag.
fn subset_tag(name: &str, ids: &[u16]) -> String {
    let mut h = super::super::meta::Fnv::new();
    h.write(name.as_bytes());
    for id in ids {
        h.write(&id.to_be_bytes());
    }
    let mut v = h.finish();
    (0..6)
        .map(|_| {
            let c = char::from(b'A' + (v % 26) as u8);
            v /= 26;
            c
        })
        .collect()
}
