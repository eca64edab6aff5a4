//! Cover letters as input: Markdown with YAML front matter, or a JSON, YAML or TOML object of the same shape whose `body` is Markdown.
//!
//! A letter is recognised by its content ([`looks_like_letter`]): an object
//! (or front matter) with a letter's own keys (`recipient`, `greeting`,
//! `closing`, `signature`) and none of a resume's. Reading it is strict about
//! the shape (a wrong type is an error naming the field) and lenient about
//! extra keys (a warning with their path), as for resumes.

mod fields;

use serde_json::Value;

use crate::resume::source::{SourceError, SyntaxError, decode, line_text};
use crate::resume::{Limits, Syntax};

pub use fields::KNOWN;

/// Keys only a letter has; one of them at the top makes a letter.
const LETTER_KEYS: &[&str] = &[
    "recipient",
    "greeting",
    "closing",
    "signature",
    "subject",
    "resume",
];
/// Keys only a resume has; one of them makes it no letter.
const RESUME_KEYS: &[&str] = &["basics", "work", "education", "skills", "cv", "sections"];

/// A cover letter as written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Letter {
    pub recipient: Recipient,
    /// ISO date `YYYY-MM-DD` (checked); `None`: today, or `SOURCE_DATE_EPOCH`'s.
    pub date: Option<(i32, u32, u32)>,
    /// Where the letter is written from, shown before the date (`Berlin, …`).
    pub place: Option<String>,
    pub subject: Option<String>,
    /// `None`: the language's neutral greeting.
    pub greeting: Option<String>,
    /// `None`: the language's neutral closing.
    pub closing: Option<String>,
    pub signature: Signature,
    /// BCP 47 tag; `None`: the resume's language.
    pub language: Option<String>,
    /// The resume the sender block comes from, relative to the letter.
    pub resume: Option<String>,
    /// The body, in Markdown.
    pub body: String,
}

/// Who the letter goes to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Recipient {
    pub name: Option<String>,
    pub title: Option<String>,
    pub organisation: Option<String>,
    /// Address lines.
    pub address: Vec<String>,
    /// The fields in the order the letter wrote them (the block shows them
    /// so: `organisation` first is the German way); empty: name, title,
    /// organisation, address.
    pub order: Vec<String>,
}

impl Recipient {
    /// The block's lines, in the letter's order.
    pub fn lines(&self) -> Vec<String> {
        let default = ["name", "title", "organisation", "address"].map(String::from);
        let order = if self.order.is_empty() {
            &default[..]
        } else {
            &self.order[..]
        };
        let mut out = Vec::new();
        for key in order {
            match key.as_str() {
                "name" => out.extend(self.name.clone()),
                "title" => out.extend(self.title.clone()),
                "organisation" => out.extend(self.organisation.clone()),
                "address" => out.extend(self.address.iter().cloned()),
                _ => {}
            }
        }
        out
    }
}

/// The signature under the closing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Signature {
    /// `None`: the resume's name.
    pub name: Option<String>,
    /// A picture of the handwritten signature: a `data:` URI or a path
    /// relative to the letter, under the same rules as a photo.
    pub image: Option<String>,
}

/// A letter read, with its warnings (`recipient.fax: unknown field, ignored`).
#[derive(Debug, Clone)]
pub struct Read {
    pub letter: Letter,
    pub warnings: Vec<String>,
}

/// Why a letter could not be read: a syntax error (with its position in
/// the file) or a field of the wrong shape (with its path and, where
/// known, line).
#[derive(Debug, Clone, PartialEq)]
pub enum LetterError {
    Source(SourceError),
    Field {
        /// Where: `recipient.address`, `date`.
        path: String,
        message: String,
        /// 1-based line in the file, when known.
        line: Option<usize>,
    },
}

impl LetterError {
    fn field(path: &str, message: impl Into<String>) -> LetterError {
        LetterError::Field {
            path: path.to_string(),
            message: message.into(),
            line: None,
        }
    }

    /// The message, prefixed with the file's name and the line and column.
    pub fn message(&self, name: &str) -> String {
        match self {
            LetterError::Source(e) => {
                let at = crate::resume::diagnostic::location(name, e, (1, 1));
                let text = match e {
                    SourceError::Syntax(s) | SourceError::NotResume(s) => {
                        format!("invalid {}: {}", s.syntax, s.message)
                    }
                    other => other.to_string(),
                };
                format!("{at}: {text}")
            }
            LetterError::Field {
                path,
                message,
                line,
            } => match line {
                Some(l) => format!("{name}:{l}: {path}: {message}"),
                None => format!("{name}: {path}: {message}"),
            },
        }
    }
}

/// Whether `bytes` hold a letter: front matter or an object with one of a
/// letter's own keys and none of a resume's.
pub fn looks_like_letter(bytes: &[u8]) -> bool {
    let Ok(text) = decode(bytes) else {
        return false;
    };
    let text = text.trim_start_matches('\u{feff}');
    let value = match front_matter(text) {
        Some((yaml, _, _)) => match serde_yaml_ng::from_str::<Value>(yaml) {
            Ok(v) => Some(v),
            // Front matter that does not parse is a letter's when its
            // top-level keys are (so the error is a letter's, with its line).
            Err(_) => return keys_say_letter(yaml.lines().filter_map(top_key)),
        },
        None => crate::resume::syntax::parse(bytes, None, &Limits::default())
            .ok()
            .map(|(_, v)| v),
    };
    let Some(Value::Object(map)) = value else {
        return false;
    };
    keys_say_letter(map.keys().map(String::as_str))
}

/// One of a letter's own keys, and none of a resume's.
fn keys_say_letter<'a>(keys: impl Iterator<Item = &'a str>) -> bool {
    let keys: Vec<&str> = keys.collect();
    keys.iter().any(|k| LETTER_KEYS.contains(k)) && !keys.iter().any(|k| RESUME_KEYS.contains(k))
}

/// The key a YAML line opens at the top level (`recipient:` → `recipient`).
fn top_key(line: &str) -> Option<&str> {
    if line.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    line.split_once(':').map(|(k, _)| k.trim())
}

/// Reads a letter named `name` (its extension picks JSON, YAML or TOML;
/// front matter or `.md` picks Markdown; else the content decides).
pub fn read(name: &str, bytes: &[u8], limits: &Limits) -> Result<Read, LetterError> {
    if bytes.len() > limits.max_input_bytes {
        return Err(LetterError::Source(SourceError::Limit(format!(
            "the letter is {} bytes; the most read is {}",
            bytes.len(),
            limits.max_input_bytes
        ))));
    }
    let text = decode(bytes).map_err(LetterError::Source)?;
    let text = text.trim_start_matches('\u{feff}');
    let syntax = Syntax::of_name(name);
    let (value, body, body_line) = match front_matter(text) {
        Some((yaml, body, line)) => {
            let v = yaml_front(yaml)?;
            (v, Some(body.to_string()), line)
        }
        None if syntax == Some(Syntax::Markdown) || !looks_structured(text) => (
            Value::Object(serde_json::Map::new()),
            Some(text.to_string()),
            1,
        ),
        None => {
            let (_, v) = crate::resume::syntax::parse(text.as_bytes(), syntax, limits)
                .map_err(LetterError::Source)?;
            (v, None, 1)
        }
    };
    let mut warnings = Vec::new();
    let mut letter = fields::read(&value, body.is_some(), &mut warnings)?;
    if let Some(b) = body {
        letter.body = b;
    }
    if letter.body.trim().is_empty() {
        return Err(LetterError::Field {
            path: "body".into(),
            message: if body_line > 1 {
                "the letter has no body: write its text after the front matter's closing ---".into()
            } else {
                "the letter has no body: give its text (Markdown) in `body`".into()
            },
            line: Some(body_line),
        });
    }
    Ok(Read { letter, warnings })
}

/// Whether the text opens as JSON, TOML or YAML would (`{`, `key =`, `key:`).
fn looks_structured(text: &str) -> bool {
    let start = text.trim_start();
    if start.starts_with('{') {
        return true;
    }
    let first = start.lines().next().unwrap_or("");
    let key: String = first
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-' || *c == '"')
        .collect();
    !key.is_empty() && {
        let rest = first.get(key.len()..).unwrap_or("").trim_start();
        rest.starts_with(':') || rest.starts_with('=')
    }
}

/// (the YAML, the text after it, the line the text starts on), when the text opens with `---`.
fn front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0usize;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" || line.trim_end() == "..." {
            let yaml = rest.get(..offset)?;
            let body = rest.get(offset + line.len()..)?;
            return Some((yaml, body, 3 + yaml.matches('\n').count()));
        }
        offset += line.len();
    }
    None
}

/// The front matter as a value; a syntax error's line counts the opening `---`.
fn yaml_front(yaml: &str) -> Result<Value, LetterError> {
    match crate::resume::syntax::parse(yaml.as_bytes(), Some(Syntax::Yaml), &Limits::default()) {
        Ok((_, v)) => Ok(v),
        Err(SourceError::Syntax(mut e) | SourceError::NotResume(mut e)) => {
            e.line += 1;
            e.line_text = line_text(yaml, e.line - 1);
            if e.message.contains("a YAML resume is one object") || e.message.contains("top level")
            {
                e.message =
                    "the front matter is not a mapping of fields (recipient:, date:, …)".into();
            }
            Err(LetterError::Source(SourceError::Syntax(SyntaxError {
                message: format!("front matter: {}", e.message),
                ..e
            })))
        }
        Err(other) => Err(LetterError::Source(other)),
    }
}

/// A starter letter for `init --letter`.
pub const STARTER: &str = include_str!("starter.md");

/// The JSON Schema of a letter's fields (`schema --letter`).
pub fn schema() -> Value {
    fields::schema()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_letter_is_recognised_by_its_keys() {
        assert!(looks_like_letter(b"---\nrecipient:\n  name: A\n---\nHello"));
        assert!(looks_like_letter(
            b"{\"greeting\": \"Hi\", \"body\": \"x\"}"
        ));
        assert!(!looks_like_letter(b"{\"basics\": {\"name\": \"A\"}}"));
        assert!(!looks_like_letter(b"---\nbasics:\n  name: A\n---\n# A"));
        assert!(looks_like_letter(STARTER.as_bytes()));
    }

    #[test]
    fn front_matter_errors_count_the_opening_line() {
        let e = read("l.md", b"---\nrecipient: [\n---\nBody", &Limits::default()).unwrap_err();
        let m = e.message("l.md");
        assert!(m.starts_with("l.md:3:") || m.starts_with("l.md:2:"), "{m}");
    }

    #[test]
    fn a_letter_without_a_body_is_an_error() {
        let e = read(
            "l.md",
            b"---\ngreeting: Hi\n---\n\n  \n",
            &Limits::default(),
        )
        .unwrap_err();
        assert!(
            e.message("l.md").contains("no body"),
            "{}",
            e.message("l.md")
        );
    }
}
