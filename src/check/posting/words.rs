//! Words of a posting or a resume as matching sees them: tokens (C++, Node.js and ISO 27001 kept whole), folded case and accents, per-language stems and stop words.

use std::sync::LazyLock;

use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;
use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

/// Whether two tokens are the same word: the same key, and what follows their
/// common beginning is an ending (three letters at most each): `systems` and
/// `system`, `базами` and `базы`, but not `développement` and `développeur`,
/// nor in English `engine` and `engineer`.
pub fn same_word(a: &Token, b: &Token, lang: &Lang) -> bool {
    if a.key != b.key {
        return false;
    }
    let common = a
        .fold
        .chars()
        .zip(b.fold.chars())
        .take_while(|(x, y)| x == y)
        .count();
    let rest = |t: &Token| t.fold.chars().skip(common).collect::<String>();
    let (x, y) = (rest(a), rest(b));
    // English makes a doer with -er, -or, -ist: engine and engineer are two words.
    let doer = |r: &str| ["er", "ers", "or", "ors", "ist", "ists"].contains(&r);
    if lang.code == "en" && (doer(&x) || doer(&y)) {
        return false;
    }
    x.chars().count() <= 3 && y.chars().count() <= 3
}

/// One word of a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// As written.
    pub raw: String,
    /// Lower case, accents off (Latin, Greek, Cyrillic), ligatures spelt out.
    pub fold: String,
    /// The fold's stem in the text's language: what "the same word" means.
    pub key: String,
    /// Punctuation or a line end comes before it: no phrase runs across.
    pub after_break: bool,
    /// Written straight after the previous token or joined by `-` or `/` (front-end, CI/CD).
    pub glued: bool,
    /// Byte range in the text.
    pub span: (usize, usize),
    /// Folded letters and digits, `+` and `#` (see `known::compact`).
    pub compact: String,
}

impl Token {
    /// Whether it is written in a script without spaces between words (Han, kana, Thai…).
    pub fn unspaced(&self) -> bool {
        self.raw.chars().any(unspaced)
    }

    /// Whether it looks like a tool's name: a capital inside or after the first letter,
    /// a digit, or `+ # .` (iOS, GitHub, C++, C#, Node.js, S3, AWS).
    pub fn shaped(&self) -> bool {
        let mut chars = self.raw.chars();
        let first_upper = chars.next().is_some_and(char::is_uppercase);
        let rest_upper = self.raw.chars().skip(1).any(char::is_uppercase);
        let digit = self.raw.chars().any(|c| c.is_ascii_digit());
        let mark = self.raw.contains(['+', '#', '.']);
        rest_upper || digit || mark || (first_upper && self.raw.chars().count() == 1)
    }
}

/// A script written without spaces between words.
fn unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0xFF66..=0xFF9F | 0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF)
}

fn kana_or_han(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF66..=0xFF9F)
}

fn hiragana(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x309F)
}

/// Letters, digits and combining marks make words.
fn wordy(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

fn is_mark(c: char) -> bool {
    use unicode_general_category::{GeneralCategory as G, get_general_category};
    matches!(
        get_general_category(c),
        G::NonspacingMark | G::SpacingMark | G::EnclosingMark
    )
}

/// Lower case with accents taken off Latin, Greek and Cyrillic letters (`Ü` → `u`,
/// `ё` → `е`), ligatures and `ß` spelt out; other scripts keep their marks.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'ø' => out.push('o'),
            'ł' => out.push('l'),
            'đ' => out.push('d'),
            'ı' => out.push('i'),
            '\u{FB00}'..='\u{FB06}' => out.extend(c.nfkd()),
            c if (c as u32) < 0x0530 || (0x1E00..=0x1FFF).contains(&(c as u32)) => {
                out.extend(c.nfd().filter(|d| !is_mark(*d)));
            }
            c => out.push(c),
        }
    }
    out
}

/// Splits a text into tokens. `.` `+` `#` stay inside a word where tools write them
/// (Node.js, .NET, C++, C#); `-` `/` and `'` split but glue; a run of a script
/// without spaces is cut at its words by the dictionary segmenter.
pub fn tokens(text: &str, lang: &Lang) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    let mut brk = true;
    let mut glue = false;
    while let Some(&(start, c)) = chars.get(i) {
        let next = |k: usize| chars.get(k).map(|(_, c)| *c);
        if unspaced(c) {
            let mut j = i;
            while chars
                .get(j)
                .is_some_and(|(_, c)| unspaced(*c) || is_mark(*c))
            {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |(b, _)| *b);
            let run = text.get(start..end).unwrap_or("");
            for (n, (at, w)) in unspaced_words(run).into_iter().enumerate() {
                if w.chars().all(hiragana) && w.chars().count() <= 3 {
                    // Particles and endings: phrases break there.
                    brk = true;
                    continue;
                }
                let span = (start + at, start + at + w.len());
                out.push(make(w, lang, brk, n > 0 && !brk, span));
                brk = false;
            }
            glue = true;
            i = j;
            continue;
        }
        let lead_dot = c == '.' && next(i + 1).is_some_and(|n| n.is_alphabetic()) && !glue;
        if wordy(c) || lead_dot {
            let mut j = i + 1;
            loop {
                match next(j) {
                    Some(n) if wordy(n) && !unspaced(n) => j += 1,
                    Some('.')
                        if next(j + 1).is_some_and(|n| n.is_alphanumeric() && !unspaced(n)) =>
                    {
                        j += 1
                    }
                    Some('+' | '#') => {
                        while matches!(next(j), Some('+' | '#')) {
                            j += 1;
                        }
                        break;
                    }
                    _ => break,
                }
            }
            let end = chars.get(j).map_or(text.len(), |(b, _)| *b);
            let raw = text.get(start..end).unwrap_or("");
            out.push(make(raw, lang, brk, glue, (start, end)));
            brk = false;
            glue = false;
            i = j;
            continue;
        }
        match c {
            '-' | '/' | '\u{2010}' | '\u{2011}' | '\'' | '’' => glue = !brk,
            c if c.is_whitespace() => {
                glue = false;
                if c == '\n' {
                    brk = true;
                }
            }
            _ => {
                glue = false;
                brk = true;
            }
        }
        i += 1;
    }
    elide(out)
}

/// French and Italian elisions (`d'expérience`, `l'équipe`): the article is dropped.
fn elide(tokens: Vec<Token>) -> Vec<Token> {
    const ELIDED: &[&str] = &[
        "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "dell", "all",
        "dall", "nell", "sull", "un",
    ];
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    for t in tokens {
        if t.glued
            && let Some(prev) = out.last()
            && ELIDED.contains(&prev.fold.as_str())
            && prev.raw.chars().count() <= 6
        {
            let after = prev.after_break;
            out.pop();
            out.push(Token {
                after_break: after,
                glued: false,
                ..t
            });
            continue;
        }
        out.push(t);
    }
    out
}

fn make(raw: &str, lang: &Lang, after_break: bool, glued: bool, span: (usize, usize)) -> Token {
    let fold = fold(raw);
    let key = lang.stem(raw, &fold);
    let compact = fold
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '+' || *c == '#')
        .collect();
    Token {
        compact,
        raw: raw.to_string(),
        fold,
        key,
        after_break,
        glued,
        span,
    }
}

static SEGMENTER: LazyLock<icu_segmenter::WordSegmenterBorrowed<'static>> =
    LazyLock::new(|| WordSegmenter::new_dictionary(WordBreakInvariantOptions::default()));

/// The words of a run of Han, kana, Thai, Lao, Khmer or Myanmar (by the dictionary
/// segmenter), with a katakana or Han compound split no further than the segmenter says.
fn unspaced_words(run: &str) -> Vec<(usize, &str)> {
    let breaks: Vec<usize> = SEGMENTER.segment_str(run).collect();
    let mut out = Vec::new();
    for w in breaks.windows(2) {
        if let [a, b] = w
            && let Some(s) = run.get(*a..*b)
            && s.chars().any(|c| c.is_alphanumeric())
        {
            // A kana ending glued to a Han word by the segmenter (使用し) is cut off.
            let cut = s
                .char_indices()
                .find(|(i, c)| {
                    *i > 0 && hiragana(*c) && s.chars().next().is_some_and(|f| !hiragana(f))
                })
                .map_or(s.len(), |(i, _)| i);
            let (head, tail) = s.split_at(cut);
            out.push((*a, head));
            if !tail.is_empty() {
                out.push((*a + cut, tail));
            }
        }
    }
    if out.is_empty() && run.chars().any(kana_or_han) {
        out.push((0, run));
    }
    out
}

/// How a language's words are reduced to stems and which are stop words.
pub struct Lang {
    pub code: String,
    stemmer: Option<Stemmer>,
    light: Option<&'static [&'static str]>,
    stop: rustc_hash::FxHashSet<String>,
}

impl std::fmt::Debug for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lang").field("code", &self.code).finish()
    }
}

/// Case endings a light stemmer takes off in languages Snowball has no stemmer for.
const SLAVIC_LATIN: &[&str] = &[
    "ami", "ach", "ych", "ich", "ymi", "ými", "ých", "ego", "emu", "ów", "om", "em", "ie", "ia",
    "ią", "ou", "ím", "ą", "ę", "a", "e", "i", "o", "u", "y", "ů", "é", "á", "í", "ý",
];
const SLAVIC_CYRILLIC: &[&str] = &[
    "ами", "ями", "ого", "ему", "ими", "ыми", "ах", "ях", "ов", "ев", "ей", "ом", "ем", "ой", "ий",
    "ый", "ая", "ое", "ые", "ие", "ия", "ів", "ам", "ям", "ою", "а", "я", "о", "е", "и", "і", "ї",
    "у", "ю", "ы", "ь",
];
const MALAY: &[&str] = &["nya", "kan", "an"];
const CATALAN: &[&str] = &["es", "s"];

impl Lang {
    /// The rules for a language code (`de`, `pt-BR`); an unknown one stems nothing.
    pub fn new(tag: &str) -> Lang {
        let code = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let algorithm = match code.as_str() {
            "en" => Some(Algorithm::English),
            "de" => Some(Algorithm::German),
            "fr" => Some(Algorithm::French),
            "es" => Some(Algorithm::Spanish),
            "pt" => Some(Algorithm::Portuguese),
            "it" => Some(Algorithm::Italian),
            "nl" => Some(Algorithm::Dutch),
            "da" => Some(Algorithm::Danish),
            "sv" => Some(Algorithm::Swedish),
            "nb" | "no" | "nn" => Some(Algorithm::Norwegian),
            "fi" => Some(Algorithm::Finnish),
            "hu" => Some(Algorithm::Hungarian),
            "ro" => Some(Algorithm::Romanian),
            "ru" => Some(Algorithm::Russian),
            "tr" => Some(Algorithm::Turkish),
            "el" => Some(Algorithm::Greek),
            "ar" => Some(Algorithm::Arabic),
            "ta" => Some(Algorithm::Tamil),
            _ => None,
        };
        let light = match code.as_str() {
            "pl" | "cs" | "sk" | "hr" => Some(SLAVIC_LATIN),
            "uk" | "bg" => Some(SLAVIC_CYRILLIC),
            "sr" => Some(SLAVIC_CYRILLIC),
            "id" | "ms" => Some(MALAY),
            "ca" => Some(CATALAN),
            _ => None,
        };
        let stop = super::known::stop_words(&code);
        Lang {
            stemmer: algorithm.map(Stemmer::create),
            light,
            stop,
            code,
        }
    }

    /// Whether a folded word is a stop word (function words and a posting's padding).
    pub fn is_stop(&self, fold: &str) -> bool {
        self.stop.contains(fold)
    }

    /// The key of a word: its folded stem. Acronyms, names with digits or marks
    /// (AWS, S3, C++), words of three letters or fewer and over 64 are not stemmed.
    fn stem(&self, raw: &str, fold: &str) -> String {
        let letters = raw.chars().count();
        let acronym = letters <= 5 && raw.chars().filter(|c| c.is_uppercase()).count() >= 2;
        if letters <= 3
            || letters > 64
            || acronym
            || !raw.chars().all(|c| c.is_alphabetic() || is_mark(c))
        {
            return fold.to_string();
        }
        if let Some(s) = &self.stemmer {
            let lower = raw.to_lowercase();
            return self.gender(self::fold(&s.stem(&lower)));
        }
        if let Some(endings) = self.light {
            for e in endings {
                let e = self::fold(e);
                if let Some(stem) = fold.strip_suffix(e.as_str())
                    && stem.chars().count() >= 4
                {
                    return stem.to_string();
                }
            }
        }
        fold.to_string()
    }
}

impl Lang {
    /// A job title's feminine form keyed as its masculine one (Entwicklerin,
    /// Entwickler; développeuse, développeur), which the stemmers keep apart.
    fn gender(&self, stem: String) -> String {
        let swap = |from: &str, to: &str| {
            stem.strip_suffix(from)
                .filter(|s| s.chars().count() >= 4)
                .map(|s| format!("{s}{to}"))
        };
        let swapped = match self.code.as_str() {
            "de" => swap("erinn", "")
                .or_else(|| swap("erin", ""))
                .or_else(|| swap("er", "")),
            "fr" => swap("eux", "")
                .or_else(|| swap("euse", ""))
                .or_else(|| swap("eur", ""))
                .or_else(|| swap("ric", "")),
            _ => None,
        };
        swapped.unwrap_or(stem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raws(text: &str, lang: &str) -> Vec<String> {
        tokens(text, &Lang::new(lang))
            .into_iter()
            .map(|t| t.raw)
            .collect()
    }

    #[test]
    fn tools_stay_whole() {
        assert_eq!(
            raws("C++, C#, Node.js and .NET; ISO 27001. Done.", "en"),
            [
                "C++", "C#", "Node.js", "and", ".NET", "ISO", "27001", "Done"
            ]
        );
        let t = tokens("CI/CD front-end", &Lang::new("en"));
        assert!(t[1].glued && t[3].glued && !t[2].glued);
    }

    #[test]
    fn word_forms_share_a_key() {
        let key = |w: &str, l: &str| tokens(w, &Lang::new(l))[0].key.clone();
        assert_eq!(key("systems", "en"), key("system", "en"));
        assert_eq!(key("Erfahrungen", "de"), key("Erfahrung", "de"));
        assert_eq!(key("expériences", "fr"), key("Experience", "fr"));
        assert_eq!(key("базами", "ru"), key("базы", "ru"));
        assert_eq!(key("AWS", "en"), "aws");
        assert_eq!(key("Entwicklerin", "de"), key("Entwickler", "de"));
        assert_eq!(key("Entwicklerinnen", "de"), key("Entwickler", "de"));
        assert_eq!(key("Développeuse", "fr"), key("développeur", "fr"));
        let t = |w: &str| tokens(w, &Lang::new("fr")).remove(0);
        let fr = Lang::new("fr");
        assert!(!same_word(&t("développement"), &t("développeur"), &fr));
        assert!(same_word(&t("développeuse"), &t("développeur"), &fr));
        let en = Lang::new("en");
        let e = |w: &str| tokens(w, &en).remove(0);
        assert!(!same_word(&e("engine"), &e("engineer"), &en));
        assert!(same_word(&e("systems"), &e("system"), &en));
    }

    #[test]
    fn elisions_and_japanese() {
        assert_eq!(raws("d'expérience", "fr"), ["expérience"]);
        let ja = raws("分散ファイルシステムの経験", "ja");
        assert!(ja.contains(&"経験".to_string()), "{ja:?}");
        assert!(!ja.iter().any(|w| w == "の"), "{ja:?}");
    }
}
