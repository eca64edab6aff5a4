//! Matching: each term looked for in the resume's units by its word keys (case, accents, word forms), its compact spelling (front-end, frontend) and its other names, and placed by section and entry.

use serde::Serialize;

use super::known::compact;
use super::resume::Unit;
use super::terms::Term;
use super::words::{Lang, Token, same_word, tokens};

/// Where a term was found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    /// The section's title as the resume prints it, or `header`.
    pub section: String,
    /// The section it names (`work`, `skills`…), when recognised.
    pub section_id: Option<String>,
    /// The entry (position and employer, degree, skill group), when there is one.
    pub entry: Option<String>,
    /// The resume's words that matched.
    pub text: String,
    /// `as written`, `word form` (another form of the same words, case or accents
    /// aside), `variant` (spaced or joined otherwise: front-end, frontend) or `other name`
    /// (an abbreviation or another name from the bundled list or the posting).
    pub how: &'static str,
}

/// A unit with its tokens, read once.
pub struct Read<'a> {
    unit: &'a Unit,
    tokens: Vec<Token>,
    compact: String,
}

/// Tokenises the units once for every term.
pub fn prepare<'a>(units: &'a [Unit], lang: &Lang) -> Vec<Read<'a>> {
    units
        .iter()
        .map(|u| Read {
            unit: u,
            tokens: tokens(&u.text, lang),
            compact: compact(&u.text),
        })
        .collect()
}

/// Every place a term is found, in the resume's order, one per section and entry.
pub fn find(term: &Term, units: &[Read], lang: &Lang) -> Vec<Place> {
    let mut out: Vec<Place> = Vec::new();
    let name_words: Vec<Vec<Token>> = term.names.iter().map(|n| tokens(n, lang)).collect();
    for r in units {
        let Some((text, how)) = find_in(term, &name_words, r, lang) else {
            continue;
        };
        if out
            .iter()
            .any(|p| p.section == r.unit.section && p.entry == r.unit.entry)
        {
            continue;
        }
        out.push(Place {
            section: r.unit.section.clone(),
            section_id: r.unit.section_id.clone(),
            entry: r.unit.entry.clone(),
            text,
            how,
        });
    }
    out
}

/// The first match of any of a term's names in one unit, and how it matched.
fn find_in(
    term: &Term,
    name_words: &[Vec<Token>],
    r: &Read,
    lang: &Lang,
) -> Option<(String, &'static str)> {
    let slice = |a: &Token, b: &Token| r.unit.text.get(a.span.0..b.span.1).map(String::from);
    for (alt, ((keys, name), name_tokens)) in term
        .keys
        .iter()
        .zip(&term.names)
        .zip(name_words)
        .enumerate()
    {
        let folds: Vec<&str> = name_tokens.iter().map(|t| t.fold.as_str()).collect();
        let n = keys.len();
        for i in 0..r.tokens.len() {
            let Some(window) = r.tokens.get(i..i + n) else {
                break;
            };
            let same = if name_tokens.len() == n {
                window
                    .iter()
                    .zip(name_tokens.iter())
                    .all(|(t, w)| same_word(t, w, lang))
            } else {
                window.iter().zip(keys).all(|(t, k)| t.key == *k)
            };
            if !same {
                continue;
            }
            let raws: Vec<&str> = window.iter().map(|t| t.raw.as_str()).collect();
            let written: Vec<&str> = name_tokens.iter().map(|t| t.raw.as_str()).collect();
            if term.exact && raws != written {
                continue;
            }
            let same = window.iter().map(|t| t.fold.as_str()).collect::<Vec<_>>() == folds;
            let how = match (alt, same) {
                (0, true) => "as written",
                (0, false) => "word form",
                _ => "other name",
            };
            return Some((slice(window.first()?, window.last()?)?, how));
        }
        // Spaced or joined otherwise: front-end / frontend / front end, Node.js / NodeJS.
        let whole = compact(name);
        let whole = whole.as_str();
        if whole.chars().count() >= 4 && !term.exact {
            for i in 0..r.tokens.len() {
                for n in 1..=3 {
                    let Some(window) = r.tokens.get(i..i + n) else {
                        break;
                    };
                    let joined: String = window.iter().map(|t| t.compact.as_str()).collect();
                    if joined == whole {
                        let how = if alt == 0 { "variant" } else { "other name" };
                        return Some((slice(window.first()?, window.last()?)?, how));
                    }
                }
            }
        }
        // Scripts without spaces: the words inside a longer written run.
        if name.chars().all(|c| !c.is_ascii())
            && name_tokens.iter().all(Token::unspaced)
            && !whole.is_empty()
            && r.compact.contains(whole)
        {
            let how = if alt == 0 { "as written" } else { "other name" };
            return Some((name.clone(), how));
        }
    }
    None
}
