//! Where lines may break inside the words of scripts written without spaces
//! between words (Thai, Lao, Khmer, Myanmar): UAX #14 alone finds no break in
//! them, so ICU4X's dictionary segmenter (`icu_segmenter`) does. The PDF line
//! breaker and the text backend both take these breaks from here, so that
//! they break such text at the same places.

use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::{LineSegmenter, LineSegmenterBorrowed};
use std::sync::OnceLock;

/// Whether `c` belongs to a script that the dictionaries segment.
pub fn spaceless(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}'     // Thai, Lao
        | '\u{1000}'..='\u{109F}'   // Myanmar
        | '\u{1780}'..='\u{17FF}'   // Khmer
        | '\u{19E0}'..='\u{19FF}'   // Khmer symbols
        | '\u{A9E0}'..='\u{A9FF}'   // Myanmar extended B
        | '\u{AA60}'..='\u{AA7F}') // Myanmar extended A
}

/// Byte offsets inside `text` where a line may break between two words of
/// those scripts (both neighbours are their letters or marks), in order.
/// Empty, without looking anything up, when the text has none of them.
pub fn word_breaks(text: &str) -> Vec<usize> {
    if !text.chars().any(spaceless) {
        return Vec::new();
    }
    line_breaks(text)
        .into_iter()
        .filter(|&i| {
            let before = text.get(..i).and_then(|t| t.chars().next_back());
            let after = text.get(i..).and_then(|t| t.chars().next());
            before.is_some_and(spaceless) && after.is_some_and(spaceless)
        })
        .collect()
}

/// Every offset inside `text` where a line may break: UAX #14's, plus the
/// dictionary's between words of those scripts (not the text's start or
/// end). The dictionaries sometimes end a word before a spacing mark that
/// UAX #29 does not join to its letter (the Myanmar visarga): no break is
/// kept before a mark, or it would be shaped apart from its letter, on a
/// dotted circle.
pub fn line_breaks(text: &str) -> Vec<usize> {
    segmenter()
        .segment_str(text)
        .filter(|&i| 0 < i && i < text.len())
        .filter(|&i| {
            !text
                .get(i..)
                .and_then(|t| t.chars().next())
                .is_some_and(mark)
        })
        .collect()
}

/// Whether `c` is a combining mark (spacing, non-spacing or enclosing).
fn mark(c: char) -> bool {
    use unicode_general_category::{GeneralCategory as G, get_general_category};
    matches!(
        get_general_category(c),
        G::NonspacingMark | G::SpacingMark | G::EnclosingMark
    )
}

/// The segmenter with the dictionaries, built on first use.
fn segmenter() -> LineSegmenterBorrowed<'static> {
    static SEGMENTER: OnceLock<LineSegmenterBorrowed<'static>> = OnceLock::new();
    *SEGMENTER.get_or_init(|| LineSegmenter::new_dictionary(LineBreakOptions::default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start = 0;
        for i in word_breaks(text).into_iter().chain([text.len()]) {
            out.push(&text[start..i]);
            start = i;
        }
        out
    }

    #[test]
    fn thai_lao_khmer_and_myanmar_break_between_words() {
        assert_eq!(
            words("ภาษาไทยง่ายนิดเดียว"),
            ["ภาษา", "ไทย", "ง่าย", "นิด", "เดียว"]
        );
        for text in ["ພາສາລາວງ່າຍ", "ភាសាខ្មែរងាយស្រួល", "မြန်မာဘာသာစကား"]
        {
            assert!(words(text).len() >= 2, "{text}: {:?}", words(text));
        }
    }

    #[test]
    fn no_break_is_before_a_mark() {
        // Myanmar: ဘိုင်း ends in a visarga (U+1038), a spacing mark.
        let text = "ဘဏ်လုပ်ငန်းအတွက်မိုဘိုင်းအက်ပ်ကိုတည်ဆောက်ခဲ့သည်";
        for i in line_breaks(text) {
            let after = text[i..].chars().next().unwrap();
            assert!(!mark(after), "{i}: {after:?}");
        }
        assert!(!line_breaks(text).is_empty());
    }

    #[test]
    fn other_text_has_none() {
        assert!(word_breaks("Software engineer, 日本語, עברית").is_empty());
    }
}
