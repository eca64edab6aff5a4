//! The posting's key terms: known names found whole, then runs of content words (1 to 4) between stop words and punctuation, weighed by where they stand (title, requirements, tasks) and how often.

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::known::{self, Part, compact, known};
use super::read::{Kind, Line};
use super::words::{Lang, Token, same_word, tokens};

/// Most terms reported; the rest weigh least.
pub const MOST: usize = 40;

/// One key term of a posting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term {
    /// As the posting first writes it.
    pub term: String,
    /// `tool`, `skill`, `certification` or `title` (from the bundled list or the
    /// posting's first line), else `term`.
    pub kind: &'static str,
    /// Points from where it stands: 5 the title, 4 a requirement item, 3 a requirement line,
    /// 2 a task or other item, 1 other text; +3 for a known name. Summed over mentions.
    pub weight: u32,
    pub mentions: usize,
    /// Other names it goes by (the bundled list's, or `Long Form (LF)` in the posting).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
    /// Each name as word keys, first the term's own.
    #[serde(skip)]
    pub keys: Vec<Vec<String>>,
    /// Each name as written, beside `keys`.
    #[serde(skip)]
    pub names: Vec<String>,
    /// Only as written (`Go`).
    #[serde(skip)]
    pub exact: bool,
    #[serde(skip)]
    first: usize,
}

impl Term {
    /// Some of a term's words as a term of their own, to look for them alone.
    pub(super) fn part(&self, text: String, keys: Vec<String>) -> Term {
        Term {
            term: text.clone(),
            kind: "term",
            weight: self.weight,
            mentions: 0,
            also: Vec::new(),
            keys: vec![keys],
            names: vec![text],
            exact: false,
            first: self.first,
        }
    }
}

/// A candidate's mention on one line.
struct Mention {
    text: String,
    keys: Vec<String>,
    weight: u32,
    known: Option<usize>,
}

/// The key terms of a posting's lines, most weighty first (at most [`MOST`]).
pub fn extract(lines: &[Line], lang: &Lang) -> Vec<Term> {
    let mut names: Names = FxHashMap::default();
    for (k, j, words) in known::known_tokens(lang) {
        if let Some(first) = words.first() {
            names
                .entry(first.key.clone())
                .or_default()
                .push((k, j, words));
        }
    }
    let mut terms: Vec<Term> = Vec::new();
    let mut index: FxHashMap<String, usize> = FxHashMap::default();
    let mut aliases: Vec<(Vec<String>, String, Vec<String>)> = Vec::new();
    let mut part = Part::Other;
    for (n, line) in lines.iter().enumerate() {
        // A short line naming a part ("Benefits", "Requirements") is its heading, colon or not.
        let named = line.kind == Kind::Text
            && line.text.split_whitespace().count() <= 5
            && !line.text.ends_with(['.', '!', '?', '。'])
            && known::part_of(&line.text) != Part::Other;
        if line.kind == Kind::Heading || named {
            let p = known::part_of(&line.text);
            if p != Part::Other || n > 0 {
                part = p;
                if p != Part::Other {
                    continue;
                }
            }
        }
        let title = n == 0 && line.text.split_whitespace().count() <= 10 && line.text.len() <= 200;
        let weight = match (title, part, line.kind) {
            (true, _, _) => 5,
            (_, Part::Offer, _) => continue,
            (_, Part::Requirements, Kind::Item) => 4,
            (_, Part::Requirements, _) => 3,
            (_, _, Kind::Item) | (_, Part::Tasks, _) => 2,
            _ => 1,
        };
        let text = if title {
            title_of(&line.text)
        } else {
            line.text.clone()
        };
        let toks = tokens(&text, lang);
        aliases.extend(acronyms(&text, &toks));
        let mut found = mentions(&text, &toks, lang, &names, weight, title);
        if title {
            // The title whole, and the known names in it; not its other words alone.
            found.retain(|m| m.known.is_some());
            let whole: Vec<String> = toks.iter().map(|t| t.key.clone()).collect();
            if !found.iter().any(|m| m.keys == whole) && !whole.is_empty() {
                found.insert(
                    0,
                    Mention {
                        text: text.clone(),
                        keys: whole,
                        weight,
                        known: None,
                    },
                );
            }
        }
        for m in found {
            let id = match m.known {
                Some(k) => format!("#{k}"),
                None => m.keys.join(" "),
            };
            let at = *index.entry(id).or_insert_with(|| {
                terms.push(Term {
                    term: m.text.clone(),
                    kind: if title { "title" } else { "term" },
                    weight: 0,
                    mentions: 0,
                    also: Vec::new(),
                    keys: vec![m.keys.clone()],
                    names: vec![m.text.clone()],
                    exact: false,
                    first: terms.len(),
                });
                terms.len() - 1
            });
            let Some(t) = terms.get_mut(at) else { continue };
            t.weight = t.weight.saturating_add(m.weight);
            t.mentions = t.mentions.saturating_add(1);
            if let Some(k) = m.known.and_then(|k| known().get(k)) {
                if t.mentions == 1 {
                    t.weight = t.weight.saturating_add(3);
                }
                t.kind = if title { "title" } else { k.kind };
                t.exact = k.exact;
                for name in &k.names {
                    let keys: Vec<String> = tokens(name, lang).into_iter().map(|t| t.key).collect();
                    if !t.keys.contains(&keys) && !keys.is_empty() {
                        t.keys.push(keys);
                        t.names.push(name.clone());
                        if compact(name) != compact(&t.term) {
                            t.also.push(name.clone());
                        }
                    }
                }
            }
        }
    }
    merge_aliases(&mut terms, &aliases);
    terms.retain(|t| t.weight >= 2);
    terms.sort_by(|a, b| b.weight.cmp(&a.weight).then(a.first.cmp(&b.first)));
    terms.truncate(MOST);
    terms
}

/// A posting's first line as a title: without `(m/w/d)`, `- Berlin`, `| Remote` and the like.
fn title_of(line: &str) -> String {
    let cut = line
        .find(['(', '|', '–', '—', ',', '（'])
        .or_else(|| line.find(" - "))
        .unwrap_or(line.len());
    let head = line.get(..cut).unwrap_or(line).trim();
    head.split_whitespace()
        .filter(|w| {
            !matches!(
                w.to_ascii_lowercase().as_str(),
                "m/w/d" | "w/m/d" | "m/f/d" | "f/m/d" | "h/f" | "f/h" | "m/w" | "w/m"
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `Long Form (LF)`: the long form's keys, the abbreviation and its keys.
fn acronyms(text: &str, toks: &[Token]) -> Vec<(Vec<String>, String, Vec<String>)> {
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let open = text
            .get(..t.span.0)
            .is_some_and(|b| b.trim_end().ends_with('('));
        let close = text.get(t.span.1..).is_some_and(|a| a.starts_with(')'));
        let letters: Vec<char> = t.raw.chars().filter(|c| c.is_alphabetic()).collect();
        if !open || !close || letters.len() < 2 || !letters.iter().all(|c| c.is_uppercase()) {
            continue;
        }
        let n = letters.len();
        let Some(long) = i.checked_sub(n).and_then(|s| toks.get(s..i)) else {
            continue;
        };
        let initials: String = long
            .iter()
            .filter_map(|w| w.raw.chars().next())
            .flat_map(char::to_uppercase)
            .collect();
        if initials == letters.iter().collect::<String>() {
            out.push((
                long.iter().map(|w| w.key.clone()).collect(),
                t.raw.clone(),
                vec![t.key.clone()],
            ));
        }
    }
    out
}

/// An abbreviation defined in the posting counts as its long form's other name.
fn merge_aliases(terms: &mut Vec<Term>, aliases: &[(Vec<String>, String, Vec<String>)]) {
    for (long, abbr, abbr_keys) in aliases {
        let Some(l) = terms.iter().position(|t| t.keys.contains(long)) else {
            continue;
        };
        let short = terms
            .iter()
            .enumerate()
            .position(|(i, t)| i != l && t.keys.contains(abbr_keys));
        let (weight, mentions) = short
            .and_then(|s| terms.get(s))
            .map_or((0, 0), |s| (s.weight, s.mentions));
        if let Some(t) = terms.get_mut(l) {
            if !t.keys.contains(abbr_keys) {
                t.keys.push(abbr_keys.clone());
                t.names.push(abbr.clone());
                t.also.push(abbr.clone());
            }
            t.weight = t.weight.saturating_add(weight);
            t.mentions = t.mentions.saturating_add(mentions);
        }
        if let Some(s) = short {
            terms.remove(s);
        }
    }
}

/// The known names' words (entry, name, words), longest first, by their first word's key.
type Names = FxHashMap<String, Vec<(usize, usize, Vec<Token>)>>;

/// Where a known name starts at `i`: its index in the list and its length in tokens.
fn known_at(toks: &[Token], i: usize, names: &Names, lang: &Lang) -> Option<(usize, usize)> {
    let group = names.get(&toks.get(i)?.key)?;
    group.iter().find_map(|(k, j, keys)| {
        let n = keys.len();
        let window = toks.get(i..i + n)?;
        let same = window.iter().zip(keys).all(|(t, k)| same_word(t, k, lang))
            && window.iter().skip(1).all(|t| !t.after_break);
        let entry = known().get(*k)?;
        let written = entry.names.get(*j)?;
        let exact_ok = !entry.exact
            || window
                .iter()
                .map(|t| t.raw.as_str())
                .collect::<Vec<_>>()
                .join(" ")
                == *written;
        (same && exact_ok).then_some((*k, n))
    })
}

/// The mentions on one line: known names whole, then the runs of content words.
fn mentions(
    text: &str,
    toks: &[Token],
    lang: &Lang,
    names: &Names,
    weight: u32,
    title: bool,
) -> Vec<Mention> {
    let slice = |a: &Token, b: &Token| text.get(a.span.0..b.span.1).unwrap_or("").to_string();
    let mut out = Vec::new();
    let mut run: Vec<&Token> = Vec::new();
    let mut i = 0;
    while let Some(t) = toks.get(i) {
        if t.after_break {
            flush(&mut run, &mut out, text, lang, weight, title);
        }
        if let Some((k, n)) = known_at(toks, i, names, lang) {
            flush(&mut run, &mut out, text, lang, weight, title);
            if let (Some(a), Some(b)) = (toks.get(i), toks.get(i + n - 1)) {
                out.push(Mention {
                    text: slice(a, b),
                    keys: toks.iter().skip(i).take(n).map(|t| t.key.clone()).collect(),
                    weight,
                    known: Some(k),
                });
            }
            i += n;
            continue;
        }
        if lang.is_stop(&t.fold) && !t.shaped() {
            flush(&mut run, &mut out, text, lang, weight, title);
        } else {
            run.push(t);
        }
        i += 1;
    }
    flush(&mut run, &mut out, text, lang, weight, title);
    out
}

/// A run of content words as a mention, when it looks like a term.
fn flush(
    run: &mut Vec<&Token>,
    out: &mut Vec<Mention>,
    text: &str,
    lang: &Lang,
    weight: u32,
    title: bool,
) {
    let taken = std::mem::take(run);
    // Numbers and single letters at the edges are not part of a term ("5 years", "a").
    let german_verb = |t: &&Token| {
        lang.code == "de"
            && t.raw.chars().next().is_some_and(char::is_lowercase)
            && (t.fold.ends_with("st") || t.fold.ends_with('t'))
    };
    let edge = |t: &&Token| {
        !t.raw.chars().any(char::is_alphabetic)
            || t.raw.chars().count() > 64
            || t.raw.chars().count() < 2 && !t.unspaced()
            || german_verb(t)
    };
    let mut words: &[&Token] = &taken;
    while words.first().is_some_and(edge) {
        words = words.get(1..).unwrap_or(&[]);
    }
    while words.last().is_some_and(edge) {
        words = words.get(..words.len() - 1).unwrap_or(&[]);
    }
    let (Some(a), Some(b)) = (words.first(), words.last()) else {
        return;
    };
    let worth = if title || words.len() > 1 && words.len() <= 4 {
        true
    } else if words.len() == 1 {
        let t = a;
        let capital_noun_language = matches!(lang.code.as_str(), "de" | "lb");
        let named = t.raw.chars().next().is_some_and(char::is_uppercase)
            && !t.after_break
            && !capital_noun_language;
        t.shaped()
            || named
            || weight >= 3 && t.raw.chars().count() >= 3
            || t.unspaced() && t.raw.chars().count() >= 2 && weight >= 2
    } else {
        false
    };
    if worth {
        out.push(Mention {
            text: text.get(a.span.0..b.span.1).unwrap_or("").to_string(),
            keys: words.iter().map(|t| t.key.clone()).collect(),
            weight,
            known: None,
        });
    } else if words.len() > 4 {
        for t in words.iter().filter(|t| t.shaped()) {
            out.push(Mention {
                text: t.raw.clone(),
                keys: vec![t.key.clone()],
                weight,
                known: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::posting::read;

    fn terms(posting: &str, lang: &str) -> Vec<String> {
        let lines = read::read(posting.as_bytes(), None).unwrap();
        extract(&lines, &Lang::new(lang))
            .into_iter()
            .map(|t| t.term)
            .collect()
    }

    #[test]
    fn phrases_stay_whole_and_padding_goes() {
        let t = terms(
            "Backend Engineer\n\nRequirements:\n- 5+ years of experience with distributed file systems\n- Strong knowledge of C++ and Kubernetes (K8s)\n\nWe offer:\n- Free lunch and gym\n",
            "en",
        );
        assert!(t.contains(&"distributed file systems".to_string()), "{t:?}");
        assert!(
            t.contains(&"C++".to_string()) && t.contains(&"Kubernetes".to_string()),
            "{t:?}"
        );
        assert!(
            !t.iter().any(|x| x.contains("lunch") || x.contains("years")),
            "{t:?}"
        );
    }

    #[test]
    fn a_part_named_without_a_colon_is_a_heading() {
        let t = terms(
            "Data Analyst\n\nRequirements\n- SQL and Tableau\n\nBenefits\n- Private health insurance\n- Gym membership\n",
            "en",
        );
        assert!(t.contains(&"Tableau".to_string()), "{t:?}");
        assert!(
            !t.iter().any(|x| x.contains("health") || x.contains("Gym")),
            "{t:?}"
        );
    }

    #[test]
    fn acronyms_join_their_long_form() {
        let lines = read::read(
            b"Requirements:\n- Site Reliability Engineering (SRE) practice\n- SRE on call",
            None,
        )
        .unwrap();
        let t = extract(&lines, &Lang::new("en"));
        let sre: Vec<&Term> = t
            .iter()
            .filter(|t| t.also.contains(&"SRE".to_string()))
            .collect();
        assert_eq!(sre.len(), 1, "{t:?}");
        assert!(!t.iter().any(|x| x.term == "SRE"), "{t:?}");
    }
}
