//! Break opportunities: UAX #14's, less a few, each classed by what a break there costs.

use unicode_linebreak::{BreakOpportunity, linebreaks};

/// What a break at an opportunity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A line break in the text (`\n`): the line must end here.
    Mandatory,
    /// After a space, a dash, an ideograph, …: free.
    Free,
    /// Right after a hard hyphen (`cross-` / `team`): a last resort, since
    /// text extractors (poppler, ATS parsers) take a hyphen at a line end
    /// for a soft one and join the lines into `crossteam`.
    Hyphen,
}

/// Every opportunity of `text`, as (byte offset where the next line would
/// start, kind), in order; the last is the end of the text (mandatory), and
/// none is inside a Korean word or after a hyphen in a URL, an e-mail
/// address or a unit. `unit` says whether the byte at an offset belongs to
/// a span that is never broken after a hyphen (a link, a contact).
pub(super) fn opportunities(text: &str, unit: impl Fn(usize) -> bool) -> Vec<(usize, Kind)> {
    let protected = addresses(text);
    let mut out = Vec::new();
    for (end, kind) in linebreaks(text) {
        let before = text.get(..end).and_then(|t| t.chars().next_back());
        let after = text.get(end..).and_then(|t| t.chars().next());
        if kind == BreakOpportunity::Mandatory {
            out.push((end, Kind::Mandatory));
            continue;
        }
        // Korean breaks between words, not between syllables (CSS
        // `word-break: keep-all`); a word wider than the line is still cut.
        if before.is_some_and(hangul) && after.is_some_and(hangul) {
            continue;
        }
        if before.is_some_and(hard_hyphen) && end < text.len() {
            let hyphen = end.saturating_sub(1);
            if unit(hyphen) || protected.iter().any(|&(a, b)| a <= hyphen && hyphen < b) {
                continue;
            }
            out.push((end, Kind::Hyphen));
            continue;
        }
        out.push((end, Kind::Free));
    }
    with_word_breaks(out, &crate::backend::segment::word_breaks(text))
}

/// Adds the dictionary's breaks between Thai, Lao, Khmer and Myanmar words
/// (free, like a space) to `out`, keeping it in order.
fn with_word_breaks(out: Vec<(usize, Kind)>, words: &[usize]) -> Vec<(usize, Kind)> {
    if words.is_empty() {
        return out;
    }
    let mut merged = Vec::with_capacity(out.len() + words.len());
    let mut words = words.iter().copied().peekable();
    for (end, kind) in out {
        while let Some(w) = words.next_if(|&w| w < end) {
            merged.push((w, Kind::Free));
        }
        if words.peek() == Some(&end) {
            words.next();
        }
        merged.push((end, kind));
    }
    merged
}

/// HYPHEN-MINUS and HYPHEN, the two a reader keeps when the word is whole.
/// (U+2011, the non-breaking hyphen, is no opportunity at all.)
pub(super) fn hard_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}')
}

/// Hangul syllables and jamo.
fn hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

/// Byte ranges of the URLs and e-mail addresses in `text`: the
/// whitespace-separated tokens with `://`, starting with `www.` or
/// `mailto:`, or with an `@` between a name and a dotted domain.
fn addresses(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                if text.get(s..i).is_some_and(is_address) {
                    out.push((s, i));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Whether a token (with any punctuation around it) is a URL or an e-mail address.
fn is_address(token: &str) -> bool {
    let t = token.trim_start_matches(|c: char| !c.is_alphanumeric());
    let lower = t.get(..7).unwrap_or(t).to_ascii_lowercase();
    if t.contains("://") || lower.starts_with("www.") || lower.starts_with("mailto:") {
        return true;
    }
    t.split_once('@').is_some_and(|(name, domain)| {
        !name.is_empty()
            && domain
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .split_once('.')
                .is_some_and(|(host, tld)| !host.is_empty() && !tld.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, Kind)> {
        let mut start = 0;
        opportunities(text, |_| false)
            .into_iter()
            .map(|(end, kind)| {
                let part = &text[start..end];
                start = end;
                (part, kind)
            })
            .collect()
    }

    #[test]
    fn thai_breaks_between_dictionary_words() {
        assert_eq!(
            kinds("ภาษาไทยง่าย นิดเดียว"),
            [
                ("ภาษา", Kind::Free),
                ("ไทย", Kind::Free),
                ("ง่าย ", Kind::Free),
                ("นิด", Kind::Free),
                ("เดียว", Kind::Mandatory)
            ]
        );
    }

    #[test]
    fn a_hard_hyphen_is_a_hyphen_break_and_a_space_a_free_one() {
        assert_eq!(
            kinds("cross-team BI-Werkzeug\nend"),
            [
                ("cross-", Kind::Hyphen),
                ("team ", Kind::Free),
                ("BI-", Kind::Hyphen),
                ("Werkzeug\n", Kind::Mandatory),
                ("end", Kind::Mandatory),
            ]
        );
    }

    #[test]
    fn urls_and_addresses_have_no_hyphen_breaks() {
        for text in [
            "see http://tools.ietf.org/html/draft-dipankar-nfsv4-pathless-objects-02 now",
            "www.alex-rn.example/a-b",
            "(mail: first-last@some-host.example.org)",
            "mailto:a-b@c.d",
        ] {
            let k = kinds(text);
            assert!(k.iter().all(|(_, k)| *k != Kind::Hyphen), "{text}: {k:?}");
            assert!(k.iter().all(|(p, _)| !p.ends_with('-')), "{text}: {k:?}");
        }
        // A URL still breaks after a slash; the prose around it after hyphens.
        let k = kinds("well-known http://a.example/x-y/z");
        assert!(k.contains(&("well-", Kind::Hyphen)), "{k:?}");
        assert!(k.iter().any(|(p, _)| p.ends_with('/')), "{k:?}");
        assert!(!is_address("e-mail"));
        assert!(!is_address("@handle"));
        assert!(!is_address("a@b"));
    }

    #[test]
    fn link_text_has_no_hyphen_breaks() {
        let text = "state-of-the-art";
        let all = opportunities(text, |_| true);
        assert_eq!(all, [(text.len(), Kind::Mandatory)]);
    }
}
