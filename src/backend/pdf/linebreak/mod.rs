//! Line breaking: words between break opportunities, filled greedily, hyphenated conservatively, each line reordered for bidi (UAX #9, L2).

use std::sync::OnceLock;

use hyphenation::{Hyphenator, Language, Load, Standard};
use unicode_bidi::{BidiInfo, Level};
mod fill;
mod opportunity;

use super::shape::{Piece, Shaper, Span};
use fill::{Word, fill};
use opportunity::{Kind, opportunities};

/// One line, in visual order.
#[derive(Debug, Clone, Default)]
pub struct Line {
    pub pieces: Vec<Piece>,
    /// Points.
    pub width: f32,
    /// The line ended at a space (or a separator) that is not drawn: text
    /// read from the file needs one there, or the words on either side of
    /// the break run together.
    pub space_after: bool,
    /// The paragraph runs right to left: the line's logical end is on its left.
    pub rtl: bool,
    /// A separator was dropped from the line's start.
    elided_lead: bool,
}

impl Line {
    fn finish(mut pieces: Vec<Piece>, space_after: bool) -> Line {
        let mut trimmed = false;
        while pieces.last().is_some_and(|p| p.space) {
            pieces.pop();
            trimmed = true;
        }
        let lead = pieces.iter().take_while(|p| p.style.elide).count();
        pieces.drain(..lead);
        reorder(&mut pieces);
        let width = pieces.iter().map(Piece::width).sum();
        Line {
            pieces,
            width,
            space_after: space_after || trimmed,
            rtl: false,
            elided_lead: lead > 0,
        }
    }

    /// The piece at the line's logical end.
    pub fn end(&self) -> Option<&Piece> {
        if self.rtl {
            self.pieces.first()
        } else {
            self.pieces.last()
        }
    }

    /// The text of the line as drawn, in visual order (an added hyphen,
    /// which stands for a soft hyphen, shows as `-`).
    #[cfg(test)]
    pub fn text(&self) -> String {
        self.pieces
            .iter()
            .map(Piece::text)
            .collect::<String>()
            .replace('\u{AD}', "-")
    }
}

/// The languages whose hyphenation patterns are used, by primary subtag.
/// Patterns come from the `hyphenation` crate (TeX's hyph-utf8 sets).
const HYPHENATION: &[(&str, Language)] = &[
    ("en", Language::EnglishUS),
    ("de", Language::German1996),
    ("fr", Language::French),
    ("es", Language::Spanish),
    ("it", Language::Italian),
    ("nl", Language::Dutch),
    ("pl", Language::Polish),
    ("pt", Language::Portuguese),
    ("ru", Language::Russian),
];

/// The hyphenation language for a document language tag (`de`, `en-GB`,
/// `pt_BR`), if patterns for it are bundled.
pub fn hyphenation_language(tag: &str) -> Option<Language> {
    let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
    HYPHENATION
        .iter()
        .find(|(code, _)| *code == primary)
        .map(|(_, l)| *l)
}

/// A language's hyphenation patterns, loaded on first use and shared.
pub(super) fn dictionary(language: Language) -> Option<&'static Standard> {
    static DICTS: [OnceLock<Option<Standard>>; HYPHENATION.len()] =
        [const { OnceLock::new() }; HYPHENATION.len()];
    let i = HYPHENATION.iter().position(|(_, l)| *l == language)?;
    DICTS
        .get(i)?
        .get_or_init(|| Standard::from_embedded(language).ok())
        .as_ref()
}

/// Breaks styled text into lines no wider than `width` points; with
/// `hyphenate`, words of that language that would leave a line short are hyphenated;
/// with `rtl`, the paragraph's base direction is right to left (Arabic, Hebrew).
pub fn break_lines(
    shaper: &mut Shaper,
    spans: &[Span],
    width: f32,
    hyphenate: Option<Language>,
    rtl: bool,
) -> Vec<Line> {
    let mut text = String::new();
    let mut owner = Vec::new();
    for (i, span) in spans.iter().enumerate() {
        text.push_str(&span.text);
        owner.resize(text.len(), i);
    }
    if text.is_empty() {
        return Vec::new();
    }
    // Left-to-right text with nothing before the Hebrew block has no
    // character that could raise a level: every level is 0, and the bidi
    // algorithm need not run (it took 3% of a Latin resume's time).
    let levels = if !rtl && text.chars().all(|c| c < '\u{0590}') {
        Vec::new()
    } else {
        let base = if rtl { Level::rtl() } else { Level::ltr() };
        BidiInfo::new(&text, Some(base)).levels
    };
    let level_at = |i: usize| levels.get(i).map_or(0, |l| l.number());
    let shape_range = |shaper: &mut Shaper, from: usize, to: usize, skip_breaks: bool| {
        let mut pieces = Vec::new();
        let mut run: Vec<(char, u8)> = Vec::new();
        let mut run_owner = None;
        for (off, c) in text.get(from..to).unwrap_or("").char_indices() {
            if skip_breaks
                && matches!(
                    c,
                    '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0B}' | '\u{0C}' | '\u{85}'
                )
            {
                continue;
            }
            let at = from + off;
            let o = owner.get(at).copied();
            if o != run_owner && !run.is_empty() {
                if let Some(span) = run_owner.and_then(|i| spans.get(i)) {
                    pieces.extend(shaper.shape(&run, &span.style));
                }
                run.clear();
            }
            run_owner = o;
            run.push((c, level_at(at)));
        }
        if let Some(span) = run_owner.and_then(|i| spans.get(i)) {
            pieces.extend(shaper.shape(&run, &span.style));
        }
        pieces
    };
    // Links, and the items of a list with elided separators (the header's
    // contacts, whose spaces are no-break spaces already), are units: never
    // broken after a hyphen.
    let items = spans.iter().any(|s| s.style.elide);
    let unit = |i: usize| {
        owner
            .get(i)
            .and_then(|&o| spans.get(o))
            .is_some_and(|s| s.style.link.is_some() || (items && !s.style.elide))
    };
    let mut words = Vec::new();
    let mut start = 0;
    for (end, kind) in opportunities(&text, unit) {
        let Some(word) = text.get(start..end) else {
            continue;
        };
        let trimmed = word.trim_end_matches(|c: char| c.is_whitespace());
        let content_end = start + trimmed.len();
        let content = shape_range(shaper, start, content_end, false);
        let space = shape_range(shaper, content_end, end, true);
        words.push(Word {
            content_width: content.iter().map(Piece::width).sum(),
            content,
            space_width: space.iter().map(Piece::width).sum(),
            space,
            mandatory: kind == Kind::Mandatory && end < text.len(),
            hyphen: kind == Kind::Hyphen,
            range: (start, content_end),
        });
        start = end;
    }
    // Splits an alphabetic one-style word at the last hyphenation point
    // whose head (with a hyphen) fits in `avail`.
    let mut hyphenation = |range: (usize, usize), avail: f32| {
        let (from, to) = range;
        let whole = text.get(from..to)?;
        // Punctuation around the word ("(systems),") stays on its side.
        let word = whole.trim_matches(|c: char| !c.is_alphabetic());
        let lead = whole.len() - whole.trim_start_matches(|c: char| !c.is_alphabetic()).len();
        // Only long lower-case words, and only when the line would
        // otherwise end visibly short: capitalised words are names and
        // keywords, which an ATS must find whole.
        let language = hyphenate?;
        if avail < width * 0.12
            || word.chars().count() < 7
            || !word.chars().all(char::is_lowercase)
            || owner.get(from) != owner.get(to.saturating_sub(1))
            || level_at(from) % 2 == 1
        {
            return None;
        }
        let span = owner.get(from).and_then(|&i| spans.get(i))?;
        let breaks = dictionary(language)?.hyphenate(word).breaks;
        // At least three letters on each side.
        let ok = |b: usize| {
            word.get(..b).is_some_and(|h| h.chars().count() >= 3)
                && word.get(b..).is_some_and(|t| t.chars().count() >= 3)
        };
        for &b in breaks.iter().rev().filter(|&&b| ok(b)) {
            let b = lead + b;
            let mut head = shape_range(shaper, from, from + b, false);
            // The hyphen is drawn, but stands for a soft hyphen (ISO 32000-1,
            // 14.8.2.4.3): tag-aware readers join the word again.
            let mut hyphen = shaper.shape(&[('-', 0)], &span.style);
            for g in hyphen.iter_mut().flat_map(|p| p.glyphs.iter_mut()) {
                if !g.text.is_empty() {
                    g.text = "\u{AD}".into();
                }
            }
            head.extend(hyphen);
            if head.iter().map(Piece::width).sum::<f32>() <= avail {
                return Some((head, shape_range(shaper, from + b, to, false)));
            }
        }
        None
    };
    let mut lines = fill(words, width, &mut hyphenation);
    for line in &mut lines {
        line.rtl = rtl;
    }
    lines
}

/// UAX #9 rule L2 on pieces: from the highest level down to the lowest odd
/// level, reverse every run of pieces at that level or higher. Glyphs inside
/// a piece are already in visual order (the shaper did that).
fn reorder(pieces: &mut [Piece]) {
    let Some(max) = pieces.iter().map(|p| p.level).max() else {
        return;
    };
    let Some(min_odd) = pieces.iter().map(|p| p.level).filter(|l| l % 2 == 1).min() else {
        return;
    };
    for level in (min_odd..=max).rev() {
        let mut i = 0;
        while i < pieces.len() {
            if pieces.get(i).is_some_and(|p| p.level >= level) {
                let start = i;
                while pieces.get(i).is_some_and(|p| p.level >= level) {
                    i += 1;
                }
                if let Some(run) = pieces.get_mut(start..i) {
                    run.reverse();
                }
            } else {
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::pdf::fonts::{FontKey, FontSet, Role, bundled};
    use crate::backend::pdf::shape::TextStyle;
    use crate::layout::Color;

    fn style() -> TextStyle {
        TextStyle {
            font: FontKey {
                role: Role::Body,
                bold: false,
                italic: false,
            },
            size: 10.0,
            color: Color { r: 0, g: 0, b: 0 },
            link: None,
            elide: false,
        }
    }

    fn lines(text: &str, width: f32) -> Vec<Line> {
        lines_with(text, width, false)
    }

    fn lines_with(text: &str, width: f32, hyphenate: bool) -> Vec<Line> {
        lines_in(text, width, hyphenate.then_some(Language::EnglishUS))
    }

    fn lines_in(text: &str, width: f32, hyphenate: Option<Language>) -> Vec<Line> {
        let mut w = Vec::new();
        let fonts = FontSet::new(&[], bundled(), "Noto Serif", "Noto Serif", &mut w);
        let mut shaper = Shaper::new(&fonts);
        let spans = [Span {
            text: text.into(),
            style: style(),
        }];
        break_lines(&mut shaper, &spans, width, hyphenate, false)
    }

    #[test]
    fn lines_fit_and_keep_every_character() {
        let text =
            "Reduced on-call pages by 60% through alerting hygiene and office affinity fixes.";
        let out = lines(text, 120.0);
        assert!(out.len() > 2);
        for l in &out {
            assert!(l.width <= 120.01, "{} is {}", l.text(), l.width);
        }
        let joined: String = out.iter().map(Line::text).collect::<Vec<_>>().join(" ");
        assert_eq!(joined, text);
    }

    #[test]
    fn each_bundled_language_hyphenates_with_its_own_patterns() {
        // Language tags as resumes write them map to bundled patterns.
        assert_eq!(hyphenation_language("de-CH"), Some(Language::German1996));
        assert_eq!(hyphenation_language("pt_BR"), Some(Language::Portuguese));
        assert_eq!(hyphenation_language("EN"), Some(Language::EnglishUS));
        assert_eq!(hyphenation_language("ja"), None);
        assert_eq!(hyphenation_language(""), None);
        for (_, language) in HYPHENATION {
            assert!(dictionary(*language).is_some(), "{language:?}");
        }
        // German: split at a German syllable boundary, never mid-syllable.
        let text = "Wir waren verantwortungsbewusst";
        let lines = lines_in(text, 130.0, Some(Language::German1996));
        let texts: Vec<String> = lines.iter().map(Line::text).collect();
        let head = texts.iter().find(|t| t.ends_with('-')).expect("hyphenated");
        let syllables = [
            "verant-",
            "verantwor-",
            "verantwortungs-",
            "verantwortungsbe-",
        ];
        assert!(syllables.iter().any(|s| head.ends_with(s)), "{texts:?}");
        assert_eq!(
            texts.concat().replace(['-', ' '], ""),
            text.replace(' ', "")
        );
        // The same text without patterns is broken only between words.
        let plain = lines_in(text, 130.0, None);
        assert!(plain.iter().all(|l| !l.text().ends_with('-')));
    }

    #[test]
    fn long_lower_case_words_are_hyphenated_when_a_line_ends_short() {
        let text = "Responsible for the internationalization of everything";
        let out = lines_with(text, 150.0, true);
        assert!(out.iter().all(|l| l.width <= 150.01));
        let texts: Vec<String> = out.iter().map(Line::text).collect();
        assert!(texts.iter().any(|t| t.ends_with('-')), "{texts:?}");
        assert_eq!(
            texts.concat().replace(['-', ' '], ""),
            text.replace(' ', "")
        );
        // Capitalised words (names, keywords) are never split.
        let out = lines_with("Worked on the Internationalization", 120.0, true);
        assert!(out.iter().all(|l| !l.text().ends_with('-')));
    }

    #[test]
    fn long_urls_are_cut() {
        let url = "https://example.com/a/very/long/path/that/cannot/fit/on/one/line/at/all";
        let out = lines(url, 80.0);
        assert!(out.len() > 2);
        assert!(out.iter().all(|l| l.width <= 80.01));
        assert_eq!(out.iter().map(Line::text).collect::<String>(), url);
    }

    /// Width of a text on one line.
    fn width_of(text: &str) -> f32 {
        lines(text, 1e6).first().map_or(0.0, |l| l.width)
    }

    #[test]
    fn a_compound_moves_down_whole_rather_than_break_after_its_hyphen() {
        let text = "Led the migration of the platform cross-team";
        let width = width_of("Led the migration of the platform cross-") + 1.0;
        let texts: Vec<String> = lines(text, width).iter().map(Line::text).collect();
        assert_eq!(texts, ["Led the migration of the platform", "cross-team"]);
        // At every width: a line ends after a hard hyphen only when ending
        // at its last space instead would leave it under two thirds full.
        let text = "Owned the self-service, cloud-native build farm for cross-team \
                    releases of state-of-the-art BI-Werkzeuge";
        for w in (60..400).step_by(3).map(|w| w as f32) {
            let out = lines(text, w);
            let texts: Vec<String> = out.iter().map(Line::text).collect();
            assert_eq!(texts.concat().replace(' ', ""), text.replace(' ', ""));
            assert!(out.iter().all(|l| l.width <= w + 0.01), "{w}: {texts:?}");
            for (t, next) in texts.iter().zip(texts.iter().skip(1)) {
                let Some((head, tail)) = t.strip_suffix('-').and_then(|t| t.rsplit_once(' '))
                else {
                    continue;
                };
                // What would have moved down, beside the word that did not fit.
                let word = next.split_inclusive(['-', ' ']).next().unwrap_or("");
                let moved = width_of(&format!("{tail}-{word}"));
                assert!(
                    width_of(head) < w * fill::KEEP_FILLED || moved > w,
                    "{w}: {texts:?}"
                );
            }
        }
    }

    #[test]
    fn urls_and_addresses_never_break_after_a_hyphen() {
        for text in [
            "IETF draft http://tools.ietf.org/html/draft-dipankar-nfsv4-pathless-objects-02",
            "mail jean-luc.picard-dupont@star-fleet-academy.example.org today",
        ] {
            for w in (30..500).step_by(7).map(|w| w as f32) {
                let out = lines(text, w);
                let texts: Vec<String> = out.iter().map(Line::text).collect();
                assert!(out.iter().all(|l| l.width <= w + 0.01), "{w}: {texts:?}");
                assert!(texts.iter().all(|t| !t.ends_with('-')), "{w}: {texts:?}");
                assert_eq!(texts.concat().replace(' ', ""), text.replace(' ', ""));
            }
        }
    }

    #[test]
    fn hebrew_is_reordered_and_cjk_falls_back() {
        let out = lines("abc שלום def 日本語", 500.0);
        assert_eq!(out.len(), 1);
        let line = &out[0];
        // The Hebrew word is one right-to-left piece between two LTR pieces.
        assert!(line.pieces.iter().any(|p| p.level == 1));
        let faces: std::collections::BTreeSet<usize> = line.pieces.iter().map(|p| p.face).collect();
        assert!(faces.len() >= 3, "serif, Hebrew and CJK faces: {faces:?}");
    }

    #[test]
    fn korean_breaks_only_between_words() {
        let text = "블록체인 관련 일을 하고 있습니다 이더리움 관련 개발을 주로 하며";
        let out = lines(text, 90.0);
        assert!(out.len() > 1);
        let words: Vec<&str> = text.split(' ').collect();
        for l in &out {
            for w in l.text().split(' ') {
                assert!(words.contains(&w), "{w:?} is a whole word");
            }
        }
    }

    #[test]
    fn mandatory_breaks_end_lines() {
        let out = lines("one\ntwo", 500.0);
        assert_eq!(
            out.iter().map(Line::text).collect::<Vec<_>>(),
            ["one", "two"]
        );
    }
}
