//! Fonts: the bundled faces (parsed once per process), user faces from
//! `--font-dir`, and the choice of a face for each character by coverage.

use std::collections::BTreeMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::backend::FontFile;

mod packed;

/// One font face: parsed, or packed and parsed on first use.
pub struct Face<'a> {
    pub family: String,
    /// PostScript name, used (with a subset tag) as the PDF `/BaseFont`.
    pub ps_name: String,
    pub bold: bool,
    pub italic: bool,
    /// Only consulted when nothing earlier in the chain covers a character.
    pub fallback: bool,
    /// Font units per em.
    pub upem: f32,
    /// Unique among the faces this process ever loads: what the shaping
    /// cache knows a face by (an index into a render's font set is not).
    pub uid: u64,
    source: Source<'a>,
}

/// The next face's `uid`.
fn next_uid() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Where a face's data is.
#[allow(clippy::large_enum_variant)] // reason: a few dozen faces, built once per process
enum Source<'a> {
    Parsed {
        bytes: &'a [u8],
        buzz: rustybuzz::Face<'a>,
    },
    Packed(&'static packed::Packed),
}

impl<'a> Face<'a> {
    /// Parses a face; `None` when the bytes are not a font rustybuzz can use.
    pub fn parse(bytes: &'a [u8], fallback: bool) -> Option<Face<'a>> {
        let buzz = rustybuzz::Face::from_slice(bytes, 0)?;
        let name = |id: u16| {
            buzz.names()
                .into_iter()
                .filter(|n| n.name_id == id)
                .find_map(|n| n.to_string())
        };
        let family = name(ttf_name::TYPOGRAPHIC_FAMILY).or_else(|| name(ttf_name::FAMILY))?;
        let ps_name = name(ttf_name::POST_SCRIPT_NAME)
            .unwrap_or_else(|| family.replace(' ', ""))
            .chars()
            .filter(|c| c.is_ascii_graphic() && !"[](){}<>/%#".contains(*c))
            .collect();
        let upem = buzz.units_per_em() as f32;
        if upem <= 0.0 {
            return None;
        }
        Some(Face {
            family,
            ps_name,
            bold: buzz.is_bold(),
            italic: buzz.is_italic(),
            fallback,
            upem,
            uid: next_uid(),
            source: Source::Parsed { bytes, buzz },
        })
    }

    /// A packed face: nothing is inflated until its glyphs are needed.
    fn packed(p: &'static packed::Packed) -> Face<'a> {
        Face {
            family: p.family.to_string(),
            ps_name: p.ps_name.to_string(),
            bold: p.bold,
            italic: p.italic,
            fallback: true,
            upem: f32::from(p.upem),
            uid: next_uid(),
            source: Source::Packed(p),
        }
    }

    /// The font file (inflated on first use for a packed face).
    pub fn bytes(&self) -> &'a [u8] {
        match &self.source {
            Source::Parsed { bytes, .. } => bytes,
            Source::Packed(p) => p.bytes(),
        }
    }

    /// The shaping face; `None` only for a packed face that does not inflate.
    pub fn buzz(&self) -> Option<&rustybuzz::Face<'a>> {
        match &self.source {
            Source::Parsed { buzz, .. } => Some(buzz),
            Source::Packed(p) => p.face(),
        }
    }

    /// Whether the face is one of the packed bundled ones.
    pub fn is_packed(&self) -> bool {
        matches!(self.source, Source::Packed(_))
    }

    /// Whether the face has a glyph for `c`. A packed face answers from its
    /// build-time coverage table and is inflated only when it does.
    pub fn covers(&self, c: char) -> bool {
        match &self.source {
            Source::Parsed { buzz, .. } => buzz.glyph_index(c).is_some_and(|g| g.0 != 0),
            Source::Packed(p) => p.covers(c) && p.face().is_some(),
        }
    }
}

/// Name IDs of the OpenType `name` table.
mod ttf_name {
    pub const FAMILY: u16 = 1;
    pub const POST_SCRIPT_NAME: u16 = 6;
    pub const TYPOGRAPHIC_FAMILY: u16 = 16;
}

/// The bundled font files, in the order fallbacks are tried: (bytes, is fallback).
static BUNDLED: &[(&[u8], bool)] = &[
    (
        include_bytes!("../../../../fonts/NotoSerif/NotoSerif-Regular.ttf"),
        false,
    ),
    (
        include_bytes!("../../../../fonts/NotoSerif/NotoSerif-Bold.ttf"),
        false,
    ),
    (
        include_bytes!("../../../../fonts/NotoSerif/NotoSerif-Italic.ttf"),
        false,
    ),
    (
        include_bytes!("../../../../fonts/NotoSerif/NotoSerif-BoldItalic.ttf"),
        false,
    ),
    (
        include_bytes!("../../../../fonts/NotoSans/NotoSans-Regular.ttf"),
        false,
    ),
    (
        include_bytes!("../../../../fonts/NotoSans/NotoSans-Bold.ttf"),
        false,
    ),
    (
        include_bytes!("../../../../fonts/NotoSans/NotoSans-Italic.ttf"),
        false,
    ),
    (
        include_bytes!("../../../../fonts/NotoSans/NotoSans-BoldItalic.ttf"),
        false,
    ),
    (
        include_bytes!("../../../../fonts/NotoSansHebrew/NotoSansHebrew-Regular.ttf"),
        true,
    ),
    (
        include_bytes!("../../../../fonts/NotoSansHebrew/NotoSansHebrew-Bold.ttf"),
        true,
    ),
    (
        include_bytes!("../../../../fonts/NotoSansArabic/NotoSansArabic-Regular.ttf"),
        true,
    ),
    (
        include_bytes!("../../../../fonts/NotoSansArabic/NotoSansArabic-Bold.ttf"),
        true,
    ),
    (
        include_bytes!("../../../../fonts/DroidSansFallback/DroidSansFallbackFull.ttf"),
        true,
    ),
    // Droid Sans Fallback has no Hangul syllables.
    (
        include_bytes!("../../../../fonts/NanumSquare/NanumSquareR.ttf"),
        true,
    ),
    (
        include_bytes!("../../../../fonts/NanumSquare/NanumSquareB.ttf"),
        true,
    ),
];

/// The bundled faces, parsed on first use and shared by every render; the
/// packed ones come last and stay deflated until a character needs them.
pub fn bundled() -> &'static [Face<'static>] {
    static FACES: OnceLock<Vec<Face<'static>>> = OnceLock::new();
    FACES.get_or_init(|| {
        BUNDLED
            .iter()
            .filter_map(|(bytes, fallback)| Face::parse(bytes, *fallback))
            .chain(packed::PACKED.iter().map(Face::packed))
            .collect()
    })
}

/// Parses user fonts; files that are not usable fonts become warnings.
pub fn parse_user<'a>(files: &'a [FontFile], warnings: &mut Vec<String>) -> Vec<Face<'a>> {
    let mut faces = Vec::new();
    for f in files {
        match Face::parse(&f.bytes, false) {
            Some(face) => faces.push(face),
            None => warnings.push(format!("font file {} could not be read; ignored", f.name)),
        }
    }
    faces
}

/// Which of the layout's two families a piece of text uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Body,
    Heading,
}

/// A family role plus weight and slant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FontKey {
    pub role: Role,
    pub bold: bool,
    pub italic: bool,
}

/// The faces one render may use, with a fallback chain per [`FontKey`].
pub struct FontSet<'f> {
    pub faces: Vec<&'f Face<'f>>,
    chains: BTreeMap<FontKey, Vec<usize>>,
}

impl<'f> FontSet<'f> {
    /// Chains for the layout's body and heading families. User faces come
    /// first, so `--font-dir` can replace a bundled family of the same name.
    pub fn new(
        user: &'f [Face<'f>],
        bundled: &'f [Face<'f>],
        body: &str,
        heading: &str,
        warnings: &mut Vec<String>,
    ) -> FontSet<'f> {
        let faces: Vec<&Face> = user.iter().chain(bundled.iter()).collect();
        // Read once: the eight chains sort the fallbacks by it.
        let serif: Vec<bool> = faces.iter().map(|f| is_serif(&f.family)).collect();
        let mut chains = BTreeMap::new();
        for (role, family) in [(Role::Body, body), (Role::Heading, heading)] {
            if !faces.iter().any(|f| f.family.eq_ignore_ascii_case(family)) {
                warnings.push(format!(
                    "font family `{family}` is neither bundled nor in --font-dir; using {}",
                    faces.first().map_or("none", |f| f.family.as_str())
                ));
            }
            for bold in [false, true] {
                for italic in [false, true] {
                    let key = FontKey { role, bold, italic };
                    chains.insert(key, chain(&faces, &serif, family, bold, italic));
                }
            }
        }
        FontSet { faces, chains }
    }

    /// Face indices to try for `key`, main face first.
    pub fn chain(&self, key: FontKey) -> &[usize] {
        self.chains.get(&key).map_or(&[], Vec::as_slice)
    }

    pub fn face(&self, index: usize) -> Option<&'f Face<'f>> {
        self.faces.get(index).copied()
    }
}

/// The main face for a family and style, then every other family face
/// (user faces first), then the fallbacks of the nearest weight.
/// `serif` says, face by face, whether its family is a serif one.
fn chain(faces: &[&Face], serif: &[bool], family: &str, bold: bool, italic: bool) -> Vec<usize> {
    let score = |f: &Face| -> u8 {
        let fam = f.family.eq_ignore_ascii_case(family);
        u8::from(!fam) * 4 + u8::from(f.bold != bold) * 2 + u8::from(f.italic != italic)
    };
    let mut main: Vec<usize> = (0..faces.len())
        .filter(|&i| faces.get(i).is_some_and(|f| !f.fallback))
        .collect();
    main.sort_by_key(|&i| faces.get(i).map_or(u8::MAX, |f| score(f)));
    let mut fallback: Vec<usize> = (0..faces.len())
        .filter(|&i| faces.get(i).is_some_and(|f| f.fallback))
        .collect();
    // The packed faces come after the others whatever their weight, so that
    // a character an earlier fallback had keeps its glyph; among them, the
    // nearest weight, then serif with a serif family.
    let wanted = is_serif(family);
    fallback.sort_by_key(|&i| {
        faces.get(i).map_or((true, true, true), |f| {
            (
                f.is_packed(),
                f.bold != bold,
                f.is_packed() && serif.get(i).copied().unwrap_or(false) != wanted,
            )
        })
    });
    main.truncate(1);
    // Other non-fallback faces can still cover what the main one lacks
    // (e.g. a user font with more scripts).
    let rest: Vec<usize> = (0..faces.len())
        .filter(|&i| faces.get(i).is_some_and(|f| !f.fallback) && !main.contains(&i))
        .collect();
    main.extend(rest);
    main.extend(fallback);
    main
}

/// Whether a family name says it is a serif face.
fn is_serif(family: &str) -> bool {
    let lower = family.to_ascii_lowercase();
    lower.contains("serif") && !lower.contains("sans")
}

/// Characters that are invisible formatting: left out without a warning when
/// no face has a glyph for them.
pub fn ignorable(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{180E}' | '\u{FEFF}'
        )
        || ('\u{200B}'..='\u{200F}').contains(&c)
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2060}'..='\u{206F}').contains(&c)
        || ('\u{FE00}'..='\u{FE0F}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_faces_parse_with_names() {
        let faces = bundled();
        assert_eq!(faces.len(), BUNDLED.len() + packed::PACKED.len());
        let serif = &faces[0];
        assert_eq!(serif.family, "Noto Serif");
        assert_eq!(serif.ps_name, "NotoSerif-Regular");
        assert!(faces[1].bold && !faces[1].italic);
        assert!(faces[3].bold && faces[3].italic);
    }

    #[test]
    fn chains_put_the_family_first_and_fallbacks_last() {
        let mut w = Vec::new();
        let set = FontSet::new(&[], bundled(), "Noto Sans", "Noto Serif", &mut w);
        assert!(w.is_empty());
        let key = FontKey {
            role: Role::Body,
            bold: true,
            italic: false,
        };
        let first = set.face(set.chain(key)[0]).unwrap();
        assert_eq!(first.ps_name, "NotoSans-Bold");
        let last = set.face(*set.chain(key).last().unwrap()).unwrap();
        assert!(last.fallback);
        for c in ['日', '한', 'ש', 'ع', 'Ж'] {
            let found = set
                .chain(key)
                .iter()
                .any(|&i| set.face(i).unwrap().covers(c));
            assert!(found, "{c} is covered");
        }
    }
}
