//! `word/numbering.xml`: the bullet list definition "List Bullet" uses, and a decimal one for numbered lists.
//!
//! Real list paragraphs (a `w:numPr` pointing here) rather than a typed
//! bullet character, so Word, LibreOffice and pandoc all see a list, and the
//! hanging indent keeps wrapped lines aligned with the text.
//!
//! docx-rs always writes its own decimal list as abstractNum 1 / num 1 ahead
//! of ours; a second definition with id 1 would clash with it (LibreOffice
//! and pandoc then show "1." instead of bullets), so ours starts at 2. The
//! built-in one stays in the part, unused.

use docx_rs::{
    AbstractNumbering, Level, LevelJc, LevelOverride, LevelText, NumberFormat, Numbering, RunFonts,
    SpecialIndentType, Start,
};

use super::twips_i32;
use super::xml::escape;
use crate::layout::Definition;

/// The `w:numId` (and `w:abstractNumId`) of the bullet list: 0 means "no
/// list" and docx-rs claims 1 (see the module documentation).
pub const BULLET_NUM_ID: usize = 2;

/// The `w:abstractNumId` of the decimal list ("1.", "2.", …).
pub const DECIMAL_ABSTRACT_ID: usize = 3;
/// The `w:numId` of the first numbered list; each list has its own, so that
/// each starts at its own number.
pub const FIRST_NUMBERED_ID: usize = 4;

/// Smallest hanging indent of a numbered item, in twips (a quarter inch).
const NUMBER_INDENT: i32 = 360;

/// Bullets for nested levels after the layout's own first-level bullet.
const NESTED_BULLETS: [&str; 2] = ["◦", "▪"];

/// Adds the bullet list definition to a document.
pub fn add(docx: docx_rs::Docx, def: &Definition) -> docx_rs::Docx {
    let indent = twips_i32(def.spacing.bullet_indent);
    let font = def.fonts.office_body.as_str();
    let mut list = AbstractNumbering::new(BULLET_NUM_ID);
    list.multi_level_type = Some("hybridMultilevel".to_string());
    // Word expects all nine levels; deeper ones only matter if a user indents an item.
    for level in 0..9usize {
        let bullet = if level == 0 {
            // docx-rs writes `w:lvlText` as given: escape it here.
            escape(&def.style.bullet)
        } else {
            NESTED_BULLETS
                .get((level - 1) % 2)
                .copied()
                .unwrap_or("•")
                .to_string()
        };
        let left = indent
            .saturating_mul(i32::try_from(level + 1).unwrap_or(i32::MAX))
            .saturating_add(super::looks::gutter(def).unwrap_or(0));
        list = list.add_level(
            Level::new(
                level,
                Start::new(1),
                NumberFormat::new("bullet"),
                LevelText::new(bullet),
                LevelJc::new("left"),
            )
            .indent(
                Some(left),
                Some(SpecialIndentType::Hanging(indent)),
                None,
                None,
            )
            .fonts(RunFonts::new().ascii(font).hi_ansi(font).cs(font)),
        );
    }
    docx.add_abstract_numbering(list)
        .add_numbering(Numbering::new(BULLET_NUM_ID, BULLET_NUM_ID))
}

/// Adds the decimal list definition and one numbering per list, list k
/// starting at `starts[k]`; nothing when there is no numbered list.
pub fn add_numbered(docx: docx_rs::Docx, def: &Definition, starts: &[u64]) -> docx_rs::Docx {
    if starts.is_empty() {
        return docx;
    }
    // Room for "10." at least, where a bullet needs less.
    let indent = twips_i32(def.spacing.bullet_indent).max(NUMBER_INDENT);
    let mut list = AbstractNumbering::new(DECIMAL_ABSTRACT_ID);
    list.multi_level_type = Some("hybridMultilevel".to_string());
    for level in 0..9usize {
        let left = indent
            .saturating_mul(i32::try_from(level + 1).unwrap_or(i32::MAX))
            .saturating_add(super::looks::gutter(def).unwrap_or(0));
        list = list.add_level(
            Level::new(
                level,
                Start::new(1),
                NumberFormat::new("decimal"),
                LevelText::new(format!("%{}.", level + 1)),
                LevelJc::new("left"),
            )
            .indent(
                Some(left),
                Some(SpecialIndentType::Hanging(indent)),
                None,
                None,
            ),
        );
    }
    let mut docx = docx.add_abstract_numbering(list);
    for (k, start) in starts.iter().enumerate() {
        let start = usize::try_from(*start).unwrap_or(1);
        docx = docx.add_numbering(
            Numbering::new(FIRST_NUMBERED_ID + k, DECIMAL_ABSTRACT_ID)
                .add_override(LevelOverride::new(0).start(start)),
        );
    }
    docx
}
