//! Packed fonts: faces of scripts most resumes never use (Thai, Indic,
//! Ethiopic, symbols, …), stored deflated in the executable by `build.rs` and
//! inflated the first time a character needs one of them. Their names and
//! coverage are read at build time, so choosing among them inflates nothing.

use std::io::Read as _;
use std::sync::OnceLock;

/// One packed font file.
pub struct Packed {
    pub family: &'static str,
    pub ps_name: &'static str,
    pub bold: bool,
    pub italic: bool,
    pub upem: u16,
    /// Size of the inflated file.
    size: usize,
    /// Code points with a glyph, as sorted inclusive ranges.
    ranges: &'static [(u32, u32)],
    deflated: &'static [u8],
    bytes: OnceLock<Vec<u8>>,
    /// Boxed: the table stays small (a rustybuzz face is kilobytes), so
    /// that relocating its pointers at start-up touches a page or two.
    face: OnceLock<Option<Box<rustybuzz::Face<'static>>>>,
}

impl Packed {
    #[allow(clippy::too_many_arguments)] // reason: one row of the generated table
    const fn new(
        family: &'static str,
        ps_name: &'static str,
        bold: bool,
        italic: bool,
        upem: u16,
        size: usize,
        ranges: &'static [(u32, u32)],
        deflated: &'static [u8],
    ) -> Packed {
        Packed {
            family,
            ps_name,
            bold,
            italic,
            upem,
            size,
            ranges,
            deflated,
            bytes: OnceLock::new(),
            face: OnceLock::new(),
        }
    }

    /// Whether the font has a glyph for `c`, from the build-time table.
    pub fn covers(&self, c: char) -> bool {
        let c = u32::from(c);
        let i = self.ranges.partition_point(|&(_, end)| end < c);
        self.ranges.get(i).is_some_and(|&(start, _)| start <= c)
    }

    /// The inflated file (empty if it does not inflate, which a build that
    /// passed its tests rules out).
    pub fn bytes(&'static self) -> &'static [u8] {
        self.bytes.get_or_init(|| {
            let mut out = Vec::with_capacity(self.size);
            let mut d = flate2::read::DeflateDecoder::new(self.deflated);
            match d.read_to_end(&mut out) {
                Ok(_) => out,
                Err(_) => Vec::new(),
            }
        })
    }

    /// The parsed face, inflating the file on first use.
    pub fn face(&'static self) -> Option<&'static rustybuzz::Face<'static>> {
        self.face
            .get_or_init(|| rustybuzz::Face::from_slice(self.bytes(), 0).map(Box::new))
            .as_deref()
    }
}

// The deflated files, `DATA_<n>`, in a section of their own.
include!(concat!(env!("OUT_DIR"), "/packed_data.rs"));

/// Every packed font, in fallback order (the table `build.rs` writes).
pub static PACKED: [Packed; COUNT] = include!(concat!(env!("OUT_DIR"), "/packed_fonts.rs"));

/// How many fonts `build.rs` packs.
const COUNT: usize = include!(concat!(env!("OUT_DIR"), "/packed_count.rs"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_fonts_inflate_to_their_original_size_and_parse() {
        for p in &PACKED {
            let face = p.face();
            assert!(face.is_some(), "{} parses", p.ps_name);
            assert_eq!(p.bytes().len(), p.size, "{}", p.ps_name);
            assert_eq!(face.map(|f| f.units_per_em()), Some(i32::from(p.upem)));
        }
    }

    #[test]
    fn coverage_table_agrees_with_the_cmap() {
        let thai = PACKED.iter().find(|p| p.ps_name == "NotoSansThai-Regular");
        let thai = thai.unwrap();
        for c in ['ก', 'ๆ', '\u{0E31}'] {
            assert!(thai.covers(c));
        }
        assert!(!thai.covers('日'));
        for c in ['ก', 'ข', 'ๆ', '日', 'A', ' '] {
            let cmap = thai
                .face()
                .unwrap()
                .glyph_index(c)
                .is_some_and(|g| g.0 != 0);
            assert_eq!(thai.covers(c), cmap, "{c}");
        }
    }
}
