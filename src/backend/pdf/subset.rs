//! TrueType subsetting for embedding: the glyphs a document shows (plus the parts of composite glyphs), renumbered in order, in a font with only the tables a PDF viewer reads.
//!
//! allsorts parses a whole font to subset it (every glyph's record, the
//! cmap, glyph names): most of the cost of embedding. This touches only
//! the glyphs kept. Fonts it does not handle (CFF outlines, collections)
//! are subset by allsorts instead.

use std::collections::BTreeMap;

/// Tables copied unchanged: hinting programs and values.
const COPIED: [&[u8; 4]; 3] = [b"cvt ", b"fpgm", b"prep"];

/// A font's table directory.
struct Tables<'a> {
    data: &'a [u8],
    records: BTreeMap<[u8; 4], &'a [u8]>,
}

impl<'a> Tables<'a> {
    fn read(data: &'a [u8]) -> Result<Tables<'a>, String> {
        let version = u32_at(data, 0)?;
        if version != 0x0001_0000 && version != u32::from_be_bytes(*b"true") {
            return Err("not a TrueType font with glyf outlines".into());
        }
        let count = usize::from(u16_at(data, 4)?);
        let mut records = BTreeMap::new();
        for i in 0..count {
            let at = 12 + 16 * i;
            let tag: [u8; 4] = data
                .get(at..at + 4)
                .and_then(|t| t.try_into().ok())
                .ok_or("truncated table directory")?;
            let offset = u32_at(data, at + 8)? as usize;
            let length = u32_at(data, at + 12)? as usize;
            let table = data
                .get(offset..offset.saturating_add(length))
                .ok_or("table outside the file")?;
            records.insert(tag, table);
        }
        Ok(Tables { data, records })
    }

    fn get(&self, tag: &[u8; 4]) -> Result<&'a [u8], String> {
        self.records.get(tag).copied().ok_or_else(|| {
            format!(
                "no {} table in {} bytes",
                String::from_utf8_lossy(tag),
                self.data.len()
            )
        })
    }
}

/// Subsets a TrueType font to `ids` (glyph 0 should come first). Returns
/// the font and the original glyph id of each new glyph id: `ids` in
/// order, then the components of composite glyphs that were not in it.
pub fn subset(font: &[u8], ids: &[u16]) -> Result<(Vec<u8>, Vec<u16>), String> {
    let tables = Tables::read(font)?;
    let head = tables.get(b"head")?;
    let maxp = tables.get(b"maxp")?;
    let hhea = tables.get(b"hhea")?;
    let hmtx = tables.get(b"hmtx")?;
    let loca = tables.get(b"loca")?;
    let glyf = tables.get(b"glyf")?;
    let long_loca = i16_at(head, 50)? == 1;
    let num_glyphs = u16_at(maxp, 4)?;
    let num_metrics = u16_at(hhea, 34)?;
    let glyph = |gid: u16| -> Result<&[u8], String> {
        if gid >= num_glyphs {
            return Err(format!("glyph {gid} beyond the font's {num_glyphs}"));
        }
        let i = usize::from(gid);
        let (start, end) = if long_loca {
            (
                u32_at(loca, i * 4)? as usize,
                u32_at(loca, i * 4 + 4)? as usize,
            )
        } else {
            (
                usize::from(u16_at(loca, i * 2)?) * 2,
                usize::from(u16_at(loca, i * 2 + 2)?) * 2,
            )
        };
        glyf.get(start..end)
            .ok_or_else(|| format!("glyph {gid} outside glyf"))
    };

    // The glyph order, with composite parts appended as they are found.
    let mut order: Vec<u16> = Vec::with_capacity(ids.len());
    let mut new_id: BTreeMap<u16, u16> = BTreeMap::new();
    for &gid in ids {
        if let std::collections::btree_map::Entry::Vacant(slot) = new_id.entry(gid) {
            slot.insert(len_u16(order.len())?);
            order.push(gid);
        }
    }
    let mut i = 0;
    while let Some(&gid) = order.get(i) {
        for part in components(glyph(gid)?)? {
            if let std::collections::btree_map::Entry::Vacant(slot) = new_id.entry(part.1) {
                slot.insert(len_u16(order.len())?);
                order.push(part.1);
            }
        }
        i += 1;
    }

    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity(order.len() * 4 + 4);
    let mut new_hmtx = Vec::with_capacity(order.len() * 4);
    for &gid in &order {
        new_loca.extend(len_u32(new_glyf.len())?.to_be_bytes());
        let data = glyph(gid)?;
        let start = new_glyf.len();
        new_glyf.extend_from_slice(data);
        for (at, part) in components(data)? {
            let renumbered = new_id.get(&part).copied().unwrap_or(0);
            if let Some(slot) = new_glyf.get_mut(start + at..start + at + 2) {
                slot.copy_from_slice(&renumbered.to_be_bytes());
            }
        }
        while new_glyf.len() % 4 != 0 {
            new_glyf.push(0);
        }
        let (advance, lsb) = if gid < num_metrics {
            let at = usize::from(gid) * 4;
            (u16_at(hmtx, at)?, u16_at(hmtx, at + 2)?)
        } else {
            let last = usize::from(num_metrics.max(1) - 1) * 4;
            let at = usize::from(num_metrics) * 4 + usize::from(gid - num_metrics) * 2;
            (u16_at(hmtx, last)?, u16_at(hmtx, at)?)
        };
        new_hmtx.extend(advance.to_be_bytes());
        new_hmtx.extend(lsb.to_be_bytes());
    }
    new_loca.extend(len_u32(new_glyf.len())?.to_be_bytes());
    let count = len_u16(order.len())?;

    let mut new_head = head.to_vec();
    patch(&mut new_head, 8, &[0; 4])?; // checkSumAdjustment, set below
    patch(&mut new_head, 50, &1i16.to_be_bytes())?; // long loca
    let mut new_maxp = maxp.to_vec();
    patch(&mut new_maxp, 4, &count.to_be_bytes())?;
    let mut new_hhea = hhea.to_vec();
    patch(&mut new_hhea, 34, &count.to_be_bytes())?;
    // post version 3: the metrics without glyph names.
    let mut new_post = tables.get(b"post")?.get(..32).ok_or("short post")?.to_vec();
    patch(&mut new_post, 0, &0x0003_0000u32.to_be_bytes())?;

    let mut out: Vec<([u8; 4], Vec<u8>)> = vec![
        (*b"glyf", new_glyf),
        (*b"head", new_head),
        (*b"hhea", new_hhea),
        (*b"hmtx", new_hmtx),
        (*b"loca", new_loca),
        (*b"maxp", new_maxp),
        (*b"post", new_post),
    ];
    for tag in COPIED {
        if let Ok(t) = tables.get(tag) {
            out.push((*tag, t.to_vec()));
        }
    }
    out.sort_by_key(|t| t.0);
    Ok((assemble(&out)?, order))
}

/// The components of a composite glyph: (byte offset of its glyph index, glyph id).
fn components(glyph: &[u8]) -> Result<Vec<(usize, u16)>, String> {
    let mut out = Vec::new();
    if glyph.len() < 10 || i16_at(glyph, 0)? >= 0 {
        return Ok(out);
    }
    let mut at = 10;
    loop {
        let flags = u16_at(glyph, at)?;
        out.push((at + 2, u16_at(glyph, at + 2)?));
        at += 4 + if flags & 0x0001 != 0 { 4 } else { 2 };
        at += if flags & 0x0008 != 0 {
            2
        } else if flags & 0x0040 != 0 {
            4
        } else if flags & 0x0080 != 0 {
            8
        } else {
            0
        };
        if flags & 0x0020 == 0 {
            return Ok(out);
        }
    }
}

/// An sfnt file from tables sorted by tag, with checksums.
fn assemble(tables: &[([u8; 4], Vec<u8>)]) -> Result<Vec<u8>, String> {
    let n = len_u16(tables.len())?;
    let mut power = 1u16;
    let mut log = 0u16;
    while power * 2 <= n {
        power *= 2;
        log += 1;
    }
    let mut out = Vec::new();
    out.extend(0x0001_0000u32.to_be_bytes());
    out.extend(n.to_be_bytes());
    out.extend((power * 16).to_be_bytes());
    out.extend(log.to_be_bytes());
    out.extend((n * 16 - power * 16).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in tables {
        out.extend(tag);
        out.extend(checksum(data).to_be_bytes());
        out.extend(len_u32(offset)?.to_be_bytes());
        out.extend(len_u32(data.len())?.to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset);
        }
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in tables {
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    if let Some(at) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        patch(&mut out, at + 8, &adjust.to_be_bytes())?;
    }
    Ok(out)
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut word = [0u8; 4];
        for (w, b) in word.iter_mut().zip(c) {
            *w = *b;
        }
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

fn patch(data: &mut [u8], at: usize, bytes: &[u8]) -> Result<(), String> {
    data.get_mut(at..at + bytes.len())
        .ok_or_else(|| "table too short".to_string())?
        .copy_from_slice(bytes);
    Ok(())
}

fn u16_at(data: &[u8], at: usize) -> Result<u16, String> {
    data.get(at..at + 2)
        .and_then(|b| b.try_into().ok())
        .map(u16::from_be_bytes)
        .ok_or_else(|| format!("font data ends before byte {at}"))
}

fn i16_at(data: &[u8], at: usize) -> Result<i16, String> {
    u16_at(data, at).map(|v| v as i16)
}

fn u32_at(data: &[u8], at: usize) -> Result<u32, String> {
    data.get(at..at + 4)
        .and_then(|b| b.try_into().ok())
        .map(u32::from_be_bytes)
        .ok_or_else(|| format!("font data ends before byte {at}"))
}

fn len_u16(n: usize) -> Result<u16, String> {
    u16::try_from(n).map_err(|_| "too many glyphs".to_string())
}

fn len_u32(n: usize) -> Result<u32, String> {
    u32::try_from(n).map_err(|_| "font too large".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::pdf::fonts::bundled;

    #[test]
    fn subsets_parse_and_keep_advances() {
        let face = &bundled()[0];
        // Accented capitals are composite glyphs in Noto Serif.
        let accented: Vec<u16> = "ÅÉÖçñ"
            .chars()
            .map(|c| face.buzz().unwrap().glyph_index(c).unwrap().0)
            .collect();
        let ids: Vec<u16> = [0u16, 36, 68, 69, 70]
            .into_iter()
            .chain(accented.iter().copied())
            .chain((1..400).step_by(7))
            .collect();
        let (bytes, order) = subset(face.bytes(), &ids).unwrap();
        assert_eq!(&order[..5], &ids[..5]);
        assert!(
            accented
                .iter()
                .any(|&g| !components(glyph_of(face.bytes(), g)).unwrap().is_empty()),
            "some are composite"
        );
        let small = rustybuzz::ttf_parser::Face::parse(&bytes, 0).unwrap();
        assert_eq!(usize::from(small.number_of_glyphs()), order.len());
        for (new, old) in order.iter().enumerate() {
            let new = rustybuzz::ttf_parser::GlyphId(new as u16);
            let old = rustybuzz::ttf_parser::GlyphId(*old);
            assert_eq!(
                small.glyph_hor_advance(new),
                face.buzz().unwrap().glyph_hor_advance(old)
            );
            assert_eq!(
                small.glyph_bounding_box(new),
                face.buzz().unwrap().glyph_bounding_box(old)
            );
        }
        assert!(checksum(&bytes) == 0xB1B0_AFBA);
        assert!(bytes.len() < face.bytes().len() / 4);
    }

    /// A glyph's data, through ttf-parser's view of the tables.
    fn glyph_of(font: &[u8], gid: u16) -> &[u8] {
        let t = Tables::read(font).unwrap();
        let head = t.get(b"head").unwrap();
        let loca = t.get(b"loca").unwrap();
        let glyf = t.get(b"glyf").unwrap();
        let i = usize::from(gid);
        let (a, b) = if i16_at(head, 50).unwrap() == 1 {
            (
                u32_at(loca, i * 4).unwrap() as usize,
                u32_at(loca, i * 4 + 4).unwrap() as usize,
            )
        } else {
            (
                usize::from(u16_at(loca, i * 2).unwrap()) * 2,
                usize::from(u16_at(loca, i * 2 + 2).unwrap()) * 2,
            )
        };
        &glyf[a..b]
    }

    #[test]
    fn cff_fonts_are_refused() {
        assert!(subset(b"OTTO\0\0\0\0\0\0\0\0", &[0]).is_err());
        assert!(subset(b"", &[0]).is_err());
    }
}
