//! `check --job`: how a resume fits a job posting, without a model — the posting's key terms, those the resume covers (and where: section, entry) and those it misses.
//!
//! ```text
//! posting ──read──▶ lines ──terms::extract──▶ terms ─┐
//! PDF/DOCX ──check's extraction──▶ lines ─┐          ├──fit::find──▶ Fit
//! resume file ──reader+builder──▶ Document ┴─resume──▶ units
//! ```
//!
//! Every step is a rule that can be read: bundled word lists (`known.txt`, stop
//! words), Snowball stemmers, and weights by where a term stands in the posting.

mod fit;
mod known;
mod read;
mod resume;
mod terms;
mod words;

use serde::Serialize;

pub use fit::Place;
pub use read::Form;
pub use terms::{MOST, Term};

use words::Lang;

/// Version of the JSON form of [`Fit`]; raised only for a change that breaks readers.
pub const SCHEMA: u32 = 1;

/// The largest posting read, in bytes (a long posting is some 20 KB).
pub const MAX_POSTING: usize = 1 << 20;

/// Runs one step; a panic in it (a bug, or a library's on some input) is an error, not a crash.
fn guard<T>(step: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(step)).unwrap_or_else(|_| {
        Err("the text could not be read (an internal error; please report it)".into())
    })
}

/// A posting read and its key terms found.
#[derive(Debug)]
pub struct Posting {
    /// How messages name it.
    pub name: String,
    /// The language its words are read in (given, or recognised from its words).
    pub language: String,
    pub terms: Vec<Term>,
    lang: Lang,
}

impl Posting {
    /// Reads a posting (text, Markdown or HTML; by `form`, else recognised) in
    /// `language`, else the language its words are in. The error says why it cannot be used.
    pub fn read(
        name: &str,
        bytes: &[u8],
        form: Option<Form>,
        language: Option<&str>,
    ) -> Result<Posting, String> {
        if bytes.len() > MAX_POSTING {
            return Err(format!(
                "{} bytes: a posting is at most {MAX_POSTING} bytes of text",
                bytes.len()
            ));
        }
        guard(|| Posting::read_unguarded(name, bytes, form, language))
    }

    fn read_unguarded(
        name: &str,
        bytes: &[u8],
        form: Option<Form>,
        language: Option<&str>,
    ) -> Result<Posting, String> {
        let lines = read::read(bytes, form)?;
        let language = match language {
            Some(l) => l.to_string(),
            None => guess_language(&lines),
        };
        let lang = Lang::new(&language);
        let terms = terms::extract(&lines, &lang);
        if terms.is_empty() {
            return Err(
                "no key terms found in the posting (no skills, tools or requirements)".into(),
            );
        }
        Ok(Posting {
            name: name.to_string(),
            language,
            terms,
            lang,
        })
    }
}

/// A term the resume covers, and where.
#[derive(Debug, Clone, Serialize)]
pub struct Covered {
    #[serde(flatten)]
    pub term: Term,
    pub found: Vec<Place>,
}

/// A term the resume misses.
#[derive(Debug, Clone, Serialize)]
pub struct Missed {
    #[serde(flatten)]
    pub term: Term,
    /// For a phrase: its longest part that the resume has, and where.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partly: Option<Partly>,
}

/// Some of a missed phrase's words, found.
#[derive(Debug, Clone, Serialize)]
pub struct Partly {
    pub words: String,
    pub found: Vec<Place>,
}

/// How one resume fits one posting.
#[derive(Debug, Clone, Serialize)]
pub struct Fit {
    pub posting: String,
    pub language: String,
    pub resume: String,
    /// `pdf` or `docx` (the text a parser reads), or `resume` (a resume file, built).
    pub read_as: &'static str,
    pub terms: usize,
    pub covered_terms: usize,
    /// Covered terms' weight over all terms' weight, 0 to 1.
    pub coverage: f64,
    pub covered: Vec<Covered>,
    pub missed: Vec<Missed>,
}

/// How a PDF or DOCX fits, read as `check` reads it (the text a parser gets, without
/// headers, footers and page numbers). The error says why the file cannot be read.
pub fn fit_file(posting: &Posting, name: &str, bytes: &[u8]) -> Result<Fit, String> {
    let (format, extraction) = super::extract(bytes)?;
    guard(|| fit_extraction(posting, name, format, &extraction))
}

fn fit_extraction(
    posting: &Posting,
    name: &str,
    format: super::Format,
    extraction: &super::Extraction,
) -> Result<Fit, String> {
    let lines = super::against::readable(&extraction.lines);
    if lines.is_empty() {
        return Err("no text a parser can read (a scan without a text layer?)".into());
    }
    let units = resume::from_lines(&lines);
    let read_as = match format {
        super::Format::Pdf => "pdf",
        super::Format::Docx => "docx",
    };
    Ok(fit(posting, name, read_as, &units))
}

/// How a resume file fits, from the document its reader and the builder make.
pub fn fit_document(posting: &Posting, name: &str, document: &crate::document::Document) -> Fit {
    fit(posting, name, "resume", &resume::from_document(document))
}

fn fit(posting: &Posting, name: &str, read_as: &'static str, units: &[resume::Unit]) -> Fit {
    let read = fit::prepare(units, &posting.lang);
    let (mut covered, mut missed) = (Vec::new(), Vec::new());
    let (mut got, mut all) = (0u32, 0u32);
    for t in &posting.terms {
        all += t.weight;
        let found = fit::find(t, &read, &posting.lang);
        if found.is_empty() {
            missed.push(Missed {
                term: t.clone(),
                partly: partly(t, &read, &posting.lang),
            });
        } else {
            got += t.weight;
            covered.push(Covered {
                term: t.clone(),
                found,
            });
        }
    }
    Fit {
        posting: posting.name.clone(),
        language: posting.language.clone(),
        resume: name.to_string(),
        read_as,
        terms: posting.terms.len(),
        covered_terms: covered.len(),
        coverage: if all == 0 {
            0.0
        } else {
            (f64::from(got) / f64::from(all) * 1000.0).round() / 1000.0
        },
        covered,
        missed,
    }
}

/// The longest run of a missed phrase's own words that the resume has (a single
/// word only when it looks like a name or has four letters or more, and is no stop word).
fn partly(t: &Term, read: &[fit::Read], lang: &Lang) -> Option<Partly> {
    let words = words::tokens(&t.term, lang);
    for n in (1..words.len()).rev() {
        for part in words.windows(n) {
            let (Some(a), Some(b)) = (part.first(), part.last()) else {
                continue;
            };
            let weak = |w: &words::Token| lang.is_stop(&w.fold) && !w.shaped();
            if part.iter().all(weak)
                || n == 1 && !a.shaped() && !a.unspaced() && a.raw.chars().count() < 4
                || weak(a)
                || weak(b)
            {
                continue;
            }
            let text = t.term.get(a.span.0..b.span.1).unwrap_or("").to_string();
            let probe = t.part(text.clone(), part.iter().map(|w| w.key.clone()).collect());
            let found = fit::find(&probe, read, lang);
            if !found.is_empty() {
                return Some(Partly { words: text, found });
            }
        }
    }
    None
}

/// The language of a posting: by its script where one language writes it, else by
/// which language's stop words its words are most often (English on a tie).
fn guess_language(lines: &[read::Line]) -> String {
    let text: String = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let count = |f: fn(u32) -> bool| text.chars().filter(|c| f(*c as u32)).count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count().max(1);
    let kana = count(|c| (0x3040..=0x30FF).contains(&c));
    let han = count(|c| (0x4E00..=0x9FFF).contains(&c));
    let scripts: &[(usize, &str)] = &[
        (kana, "ja"),
        (han, "zh"),
        (count(|c| (0xAC00..=0xD7AF).contains(&c)), "ko"),
        (count(|c| (0x0E00..=0x0E7F).contains(&c)), "th"),
        (count(|c| (0x0590..=0x05FF).contains(&c)), "he"),
        (count(|c| (0x0370..=0x03FF).contains(&c)), "el"),
        (count(|c| (0x0900..=0x097F).contains(&c)), "hi"),
        (count(|c| (0x0980..=0x09FF).contains(&c)), "bn"),
        (count(|c| (0x0B80..=0x0BFF).contains(&c)), "ta"),
    ];
    if kana * 20 > letters {
        return "ja".into();
    }
    if let Some((_, code)) = scripts.iter().find(|(n, _)| n * 3 > letters) {
        return code.to_string();
    }
    let candidates: &[&str] = if count(|c| (0x0400..=0x04FF).contains(&c)) * 3 > letters {
        &["ru", "uk", "bg", "sr"]
    } else if count(|c| (0x0600..=0x06FF).contains(&c)) * 3 > letters {
        &["ar", "fa", "ur"]
    } else {
        &[
            "en", "de", "fr", "es", "pt", "it", "nl", "pl", "ca", "cs", "da", "fi", "hr", "hu",
            "id", "ms", "nb", "ro", "sk", "sv", "tr", "vi",
        ]
    };
    let folded: Vec<String> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(words::fold)
        .collect();
    let mut best = (0, candidates.first().copied().unwrap_or("en"));
    for code in candidates {
        let stop = known::function_words(code);
        let score = folded.iter().filter(|w| stop.contains(w.as_str())).count();
        if score > best.0 {
            best = (score, code);
        }
    }
    best.1.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<read::Line> {
        read::read(text.as_bytes(), None).unwrap()
    }

    #[test]
    fn hostile_postings_are_errors_or_terms_never_panics() {
        let long_word = "a".repeat(100_000);
        let deep = "<div>".repeat(10_000) + "Rust";
        let cases: Vec<&[u8]> = vec![
            b"<!-- never closed",
            b"<p>Rust <b",
            b"&#xFFFFFFFF; &#0; &; &amp &lt;C++&gt; &#x1F600;",
            b"- \xE2\x80\xA2\n#\n##\n* \n1. \n",
            b"(AB) (A) ((C)) [x](y) [x](",
            b"\xEF\xBB\xBF\xE5\x88\x86\xE6\x95\xA3",
            long_word.as_bytes(),
            deep.as_bytes(),
            "ー・【】。、「」 ｱｲｳ ไทย ภาษา".as_bytes(),
            "C++++ ## .NET. ..NET .-. -/- ''' d' l'".as_bytes(),
        ];
        let layout = crate::layout::Layout::builtin("classic").unwrap();
        let (_, doc) = crate::load(br#"{"basics":{"name":"x","label":"Rust"}}"#, &layout).unwrap();
        for bytes in cases {
            for lang in [None, Some("ja"), Some("de"), Some("xx")] {
                if let Ok(p) = Posting::read("p", bytes, None, lang) {
                    let _ = fit_document(&p, "r", &doc);
                    let _ = fit_file(&p, "r", bytes);
                }
            }
        }
    }

    #[test]
    fn languages_are_recognised() {
        for (text, code) in [
            (
                "We are looking for an engineer who has worked with the cloud and is able to lead.",
                "en",
            ),
            (
                "Wir suchen eine Entwicklerin, die mit der Cloud gearbeitet hat und ein Team führen kann.",
                "de",
            ),
            (
                "Nous recherchons un développeur qui a travaillé avec le cloud et qui sait mener une équipe.",
                "fr",
            ),
            (
                "Мы ищем инженера, который работал с облаком и умеет вести команду.",
                "ru",
            ),
            ("クラウドの経験があるエンジニアを募集しています。", "ja"),
        ] {
            assert_eq!(guess_language(&lines(text)), code, "{text}");
        }
    }
}
