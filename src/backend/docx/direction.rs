//! Right-to-left documents: paragraphs `w:bidi`, runs of right-to-left text `w:rtl`, Latin runs left alone.
//!
//! The base direction is one `w:bidi` in the paragraph defaults of
//! `styles.xml` ([`patch_styles`]), so every paragraph (body, list items,
//! the letterhead's header and footer) starts at the right. Word and
//! LibreOffice then read the layout logically: the indent of a list is on
//! the right, and the entry headings' right tab stop at the text width
//! puts the dates at the left margin, as in the mirrored PDF, with nothing
//! else changed.
//!
//! Within a paragraph the text is split where its strong direction
//! changes ([`segments`]); a segment holding right-to-left letters is a run
//! of its own marked `w:rtl`, so Word formats it with the complex-script
//! properties (`w:bCs`, `w:szCs`, the `w:cs` font) as it does text typed in
//! Arabic or Hebrew. Latin segments (an e-mail, a URL, a product name with
//! its version number) and runs without letters (Latin-digit dates,
//! separators) carry no `w:rtl`: the Unicode bidirectional algorithm places
//! them. docx-rs has no `w:rtl`, so such runs are built with
//! `w:specVanish`, which nothing else here writes, and [`patch_runs`] turns
//! it into `w:rtl`.

use docx_rs::Run;
use unicode_bidi::{BidiClass, bidi_class};

/// What docx-rs writes for the stand-in of `w:rtl`.
const MARKER: &str = "<w:specVanish />";

/// Marks a run as right-to-left text (see the module documentation).
pub fn mark(mut run: Run) -> Run {
    run.run_property = run.run_property.spec_vanish();
    run
}

/// Turns the stand-ins [`mark`] left into `w:rtl` (nothing to do in a
/// left-to-right document, whose bytes stay as they were).
pub fn patch_runs(part: &mut Vec<u8>) -> Result<(), String> {
    let text = std::str::from_utf8(part).map_err(|e| format!("document.xml: {e}"))?;
    if text.contains(MARKER) {
        *part = text.replace(MARKER, "<w:rtl />").into_bytes();
    }
    Ok(())
}

/// Makes every paragraph right to left: `w:bidi` in the paragraph
/// defaults, where the schema has it (before `w:spacing`).
pub fn patch_styles(styles: &mut Vec<u8>) -> Result<(), String> {
    let anchor = "<w:pPrDefault><w:pPr><w:rPr />";
    super::styles::replace_once(
        styles,
        anchor,
        &format!("{anchor}<w:bidi />"),
        "styles.xml paragraph defaults",
    )
}

/// The strong direction of a character: `Some(true)` right to left,
/// `Some(false)` left to right, `None` for digits, spaces and punctuation.
fn strong(c: char) -> Option<bool> {
    match bidi_class(c) {
        BidiClass::R | BidiClass::AL => Some(true),
        BidiClass::L => Some(false),
        _ => None,
    }
}

/// `text` cut where its strong direction changes, each piece with whether it
/// is right-to-left text. A left-to-right piece runs from its first Latin
/// letter to the last character before the next right-to-left letter,
/// without the spaces there ("Rust 1.75" stays whole, digits and all);
/// everything else (with the leading neutral characters, which join the
/// first piece) is right to left. Text without right-to-left letters is one
/// left-to-right piece.
pub fn segments(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut current: Option<bool> = None;
    for (i, c) in text.char_indices() {
        let Some(dir) = strong(c) else { continue };
        match current {
            None => current = Some(dir),
            Some(cur) if cur == dir => {}
            Some(false) => {
                // Latin, then right to left: the spaces go with what follows.
                let piece = text.get(start..i).unwrap_or_default();
                let cut = start + piece.trim_end().len();
                out.push((text.get(start..cut).unwrap_or_default(), false));
                start = cut;
                current = Some(true);
            }
            Some(true) => {
                out.push((text.get(start..i).unwrap_or_default(), true));
                start = i;
                current = Some(false);
            }
        }
    }
    let rest = text.get(start..).unwrap_or_default();
    if !rest.is_empty() || out.is_empty() {
        out.push((rest, current == Some(true)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_stays_whole_and_unmarked() {
        assert_eq!(
            segments("layla@example.com"),
            [("layla@example.com", false)]
        );
        assert_eq!(segments("2019 – 2021"), [("2019 – 2021", false)]);
        assert_eq!(segments(""), [("", false)]);
    }

    #[test]
    fn mixed_text_is_cut_at_the_direction_changes() {
        assert_eq!(
            segments("بلغة Rust 1.75 لخدمة"),
            [("بلغة ", true), ("Rust 1.75", false), (" لخدمة", true)]
        );
        assert_eq!(
            segments("Kubernetes و PostgreSQL 16."),
            [
                ("Kubernetes", false),
                (" و ", true),
                ("PostgreSQL 16.", false)
            ]
        );
        assert_eq!(segments("يناير 2019"), [("يناير 2019", true)]);
        assert_eq!(segments("(עברית)"), [("(עברית)", true)]);
    }

    #[test]
    fn the_markers_become_rtl() {
        let mut part = b"<w:r><w:rPr><w:specVanish /></w:rPr></w:r>".to_vec();
        patch_runs(&mut part).unwrap();
        assert_eq!(part, b"<w:r><w:rPr><w:rtl /></w:rPr></w:r>");
    }
}
