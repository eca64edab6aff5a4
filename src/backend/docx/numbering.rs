//! `word/numbering.xml`: the one bullet list definition "List Bullet" uses.
//!
//! Real list paragraphs (a `w:numPr` pointing here) rather than a typed
//! bullet character, so Word, LibreOffice and pandoc all see a list, and the
//! hanging indent keeps wrapped lines aligned with the text.

use super::xml::escape;
use super::{NS_W, XML_DECLARATION, twips};
use crate::layout::Definition;

/// The `w:numId` of the bullet list. 0 means "no list" in WordprocessingML, so
/// ids start at 1; this file is written by hand, so nothing else claims it.
pub const BULLET_NUM_ID: u32 = 1;

/// Bullets for nested levels after the layout's own first-level bullet.
const NESTED_BULLETS: [&str; 2] = ["◦", "▪"];

/// Builds `numbering.xml`.
pub fn numbering_xml(def: &Definition) -> String {
    let indent = twips(def.spacing.bullet_indent);
    let font = escape(&def.fonts.office_body);
    let mut out = String::with_capacity(4096);
    out.push_str(XML_DECLARATION);
    out.push_str(&format!(r#"<w:numbering xmlns:w="{NS_W}">"#));
    out.push_str(
        r#"<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>"#,
    );
    // Word expects all nine levels; deeper ones only matter if a user indents an item.
    for level in 0..9u32 {
        let bullet = if level == 0 {
            escape(&def.style.bullet)
        } else {
            let i = ((level - 1) % 2) as usize;
            NESTED_BULLETS.get(i).copied().unwrap_or("•").to_string()
        };
        let left = indent * i64::from(level + 1);
        out.push_str(&format!(
            concat!(
                r#"<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="bullet"/>"#,
                r#"<w:lvlText w:val="{bullet}"/><w:lvlJc w:val="left"/>"#,
                r#"<w:pPr><w:ind w:left="{left}" w:hanging="{indent}"/></w:pPr>"#,
                r#"<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/></w:rPr></w:lvl>"#
            ),
            level = level,
            bullet = bullet,
            left = left,
            indent = indent,
            font = font,
        ));
    }
    out.push_str("</w:abstractNum>");
    out.push_str(&format!(
        r#"<w:num w:numId="{BULLET_NUM_ID}"><w:abstractNumId w:val="0"/></w:num>"#
    ));
    out.push_str("</w:numbering>");
    out
}
