//! Input bytes to JSON: encodings, byte-order marks, and parse errors with positions.

use std::fmt;

/// Why bytes could not become JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceError {
    /// Not valid UTF-8 (or UTF-16 with a byte-order mark).
    Encoding {
        /// Byte offset of the first bad byte.
        offset: usize,
        /// What is wrong.
        message: String,
    },
    /// Valid text, but not valid JSON (or YAML, or TOML).
    Syntax(SyntaxError),
    /// Over one of the [`Limits`](super::Limits).
    Limit(String),
    /// Valid JSON, but its top level is not an object, so it is no resume
    /// (the position is where the top-level value starts).
    NotResume(SyntaxError),
    /// An archive (a LinkedIn data export) that cannot be read: unsafe, over
    /// the limits, not an export, or a file in it that is not as LinkedIn writes it.
    Archive(String),
}

/// A syntax or structure error (JSON, YAML or TOML) with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// The syntax that was read: `JSON`, `YAML` or `TOML`.
    pub syntax: &'static str,
    /// What the parser says, without its trailing position.
    pub message: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The text of the offending line (for a snippet), without its line ending.
    pub line_text: String,
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceError::Encoding { offset, message } => {
                write!(f, "{message} (at byte {offset})")
            }
            SourceError::Syntax(e) | SourceError::NotResume(e) => {
                write!(f, "{}:{}: {}", e.line, e.column, e.message)
            }
            SourceError::Limit(m) | SourceError::Archive(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for SourceError {}

/// Decodes input bytes to text: UTF-8 with or without a byte-order mark, or UTF-16 with one.
pub fn decode(bytes: &[u8]) -> Result<String, SourceError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest, 3);
    }
    let utf16 = |rest: &[u8], le: bool| -> Result<String, SourceError> {
        if !rest.len().is_multiple_of(2) {
            return Err(SourceError::Encoding {
                offset: bytes.len() - 1,
                message: "UTF-16 input has an odd number of bytes".into(),
            });
        }
        let units = rest.chunks_exact(2).map(|c| match *c {
            [a, b] if le => u16::from_le_bytes([a, b]),
            [a, b] => u16::from_be_bytes([a, b]),
            _ => 0,
        });
        char::decode_utf16(units)
            .enumerate()
            .map(|(i, r)| {
                r.map_err(|_| SourceError::Encoding {
                    offset: 2 + 2 * i,
                    message: "invalid UTF-16 (unpaired surrogate)".into(),
                })
            })
            .collect()
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, false);
    }
    // JSON text never holds a raw NUL; one near the start is UTF-16 or UTF-32 without a BOM.
    if let Some(offset) = bytes.iter().position(|b| *b == 0) {
        let message = if offset < 4 {
            "NUL byte: the file looks like UTF-16 or UTF-32 without a byte-order mark; save it as UTF-8"
        } else {
            "NUL byte: JSON text cannot hold one"
        };
        return Err(SourceError::Encoding {
            offset,
            message: message.into(),
        });
    }
    utf8(bytes, 0)
}

fn utf8(bytes: &[u8], base: usize) -> Result<String, SourceError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => Err(SourceError::Encoding {
            offset: base + e.valid_up_to(),
            message: "invalid UTF-8 (the file must be UTF-8 or UTF-16 with a byte-order mark)"
                .into(),
        }),
    }
}

/// Decodes bytes and parses them as JSON, within the default [`Limits`](super::Limits).
pub fn parse_json(bytes: &[u8]) -> Result<(String, serde_json::Value), SourceError> {
    parse_json_within(bytes, &super::Limits::default())
}

/// Decodes bytes and parses them as JSON, within `limits`.
pub fn parse_json_within(
    bytes: &[u8],
    limits: &super::Limits,
) -> Result<(String, serde_json::Value), SourceError> {
    super::limits::check_size(bytes.len(), limits).map_err(SourceError::Limit)?;
    let text = decode(bytes)?;
    super::limits::check_depth(&text, limits).map_err(SourceError::Limit)?;
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(v) => {
            super::limits::check_value(&v, limits).map_err(SourceError::Limit)?;
            check_top_level(&text, &v)?;
            Ok((text, v))
        }
        Err(e) => {
            let mut error = json_error(&text, &e);
            if text.trim().is_empty() {
                // serde_json says "EOF while parsing a value", which hides the real problem.
                error.message = if text.is_empty() {
                    "no JSON value: the input is empty".into()
                } else {
                    "no JSON value: the input holds only whitespace".into()
                };
            }
            Err(SourceError::Syntax(error))
        }
    }
}

/// A resume is an object; a top-level array is a list of resumes (split into
/// members before parsing, or read as a list). A number, text, a boolean or
/// null is no resume at all, and is refused rather than rendered empty.
fn check_top_level(text: &str, value: &serde_json::Value) -> Result<(), SourceError> {
    use serde_json::Value;
    let what = |v: &Value| match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    };
    let (message, pointer) = match value {
        Value::Object(_) => return Ok(()),
        Value::Array(items) => match items.iter().position(|v| !v.is_object()) {
            None => return Ok(()),
            Some(i) => (
                format!(
                    "item {} of the list is {}; a list of resumes holds only objects",
                    i + 1,
                    what(items.get(i).unwrap_or(&Value::Null))
                ),
                format!("/{i}"),
            ),
        },
        other => (
            format!("the top level is {}; a resume is an object", what(other)),
            String::new(),
        ),
    };
    let (line, column) = locate(text, &pointer).unwrap_or((1, 1));
    let line_text = line_text(text, line);
    Err(SourceError::NotResume(SyntaxError {
        syntax: "JSON",
        message,
        line,
        column,
        line_text,
    }))
}

/// The text of 1-based line `line`, without its line ending (empty past the end).
pub(crate) fn line_text(text: &str, line: usize) -> String {
    text.split('\n')
        .nth(line.saturating_sub(1))
        .unwrap_or("")
        .trim_end_matches('\r')
        .to_string()
}

fn json_error(text: &str, e: &serde_json::Error) -> SyntaxError {
    let full = e.to_string();
    // serde_json appends " at line L column C"; the position is reported separately.
    let message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    };
    let line = e.line().max(1);
    let line_text = line_text(text, line);
    // serde_json counts columns in bytes; report characters.
    let byte_col = e.column().saturating_sub(1).min(line_text.len());
    let mut cut = byte_col;
    while !line_text.is_char_boundary(cut) {
        cut -= 1;
    }
    let column = line_text[..cut].chars().count() + 1;
    SyntaxError {
        syntax: "JSON",
        message,
        line,
        column,
        line_text,
    }
}

/// Finds the 1-based line and column where the value at a JSON pointer starts in `text`.
///
/// `text` must be valid JSON. Returns `None` when the pointer does not resolve.
pub fn locate(text: &str, pointer: &str) -> Option<(usize, usize)> {
    let tokens: Vec<String> = if pointer.is_empty() {
        Vec::new()
    } else {
        pointer
            .strip_prefix('/')?
            .split('/')
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
            .collect()
    };
    let bytes = text.as_bytes();
    let mut pos = skip_ws(bytes, 0);
    if bytes.get(pos) == Some(&0xEF) {
        pos = skip_ws(bytes, pos + 3);
    }
    for token in &tokens {
        pos = child(bytes, pos, token)?;
    }
    let before = &text[..pos];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..pos].chars().count() + 1;
    Some((line, column))
}

/// The byte ranges of the elements of a top-level JSON array, or `None` if
/// `bytes` is not valid JSON whose top level is an array of objects.
pub fn array_elements(bytes: &[u8]) -> Option<Vec<std::ops::Range<usize>>> {
    serde_json::from_slice::<serde::de::IgnoredAny>(bytes).ok()?;
    let mut i = skip_ws(bytes, 0);
    if bytes.get(i..i + 3) == Some(&[0xEF, 0xBB, 0xBF]) {
        i = skip_ws(bytes, i + 3);
    }
    if bytes.get(i) != Some(&b'[') {
        return None;
    }
    let mut out = Vec::new();
    let mut j = skip_ws(bytes, i + 1);
    while bytes.get(j).is_some_and(|b| *b != b']') {
        if bytes.get(j) != Some(&b'{') {
            return None;
        }
        let end = value_end(bytes, j)?;
        out.push(j..end);
        j = skip_ws(bytes, end);
        if bytes.get(j) == Some(&b',') {
            j = skip_ws(bytes, j + 1);
        }
    }
    Some(out)
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// End (exclusive) of the string starting at `i` (which holds `"`).
fn string_end(b: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    while let Some(c) = b.get(i) {
        match c {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// End (exclusive) of the value starting at `i`.
fn value_end(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => string_end(b, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            while let Some(c) = b.get(j) {
                match c {
                    b'"' => {
                        j = string_end(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            None
        }
        _ => {
            let mut j = i;
            while b
                .get(j)
                .is_some_and(|c| !matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))
            {
                j += 1;
            }
            Some(j)
        }
    }
}

/// Position of the child `token` of the container starting at `i`.
fn child(b: &[u8], i: usize, token: &str) -> Option<usize> {
    match *b.get(i)? {
        b'{' => {
            let mut j = skip_ws(b, i + 1);
            // The last duplicate key wins in serde_json; remember the last match.
            let mut found = None;
            while *b.get(j)? == b'"' {
                let end = string_end(b, j)?;
                let key: String = serde_json::from_slice(b.get(j..end)?).ok()?;
                j = skip_ws(b, end);
                if *b.get(j)? != b':' {
                    return None;
                }
                j = skip_ws(b, j + 1);
                if key == token {
                    found = Some(j);
                }
                j = skip_ws(b, value_end(b, j)?);
                if b.get(j) == Some(&b',') {
                    j = skip_ws(b, j + 1);
                } else {
                    break;
                }
            }
            found
        }
        b'[' => {
            let index: usize = token.parse().ok()?;
            let mut j = skip_ws(b, i + 1);
            for _ in 0..index {
                j = skip_ws(b, value_end(b, j)?);
                if *b.get(j)? != b',' {
                    return None;
                }
                j = skip_ws(b, j + 1);
            }
            (b.get(j) != Some(&b']')).then_some(j)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_utf16_are_decoded() {
        assert_eq!(decode(b"\xEF\xBB\xBF{}").unwrap(), "{}");
        assert_eq!(decode(b"\xFF\xFE{\x00}\x00").unwrap(), "{}");
        assert_eq!(decode(b"\xFE\xFF\x00{\x00}").unwrap(), "{}");
    }

    #[test]
    fn nul_bytes_are_refused_with_their_offset() {
        let e = decode(b"{\x00\"\x00").unwrap_err();
        assert!(
            matches!(&e, SourceError::Encoding { offset: 1, message } if message.contains("UTF-16")),
            "{e:?}"
        );
        let e = decode(b"{\"a\": \"x\x00\"}").unwrap_err();
        assert!(
            matches!(&e, SourceError::Encoding { offset: 8, message } if message.contains("cannot hold")),
            "{e:?}"
        );
    }

    #[test]
    fn empty_and_blank_input_say_so() {
        for (input, message) in [
            (&b""[..], "no JSON value: the input is empty"),
            (b" \n\t", "no JSON value: the input holds only whitespace"),
        ] {
            let SourceError::Syntax(j) = parse_json(input).unwrap_err() else {
                panic!("not a JSON error")
            };
            assert_eq!(j.message, message);
        }
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        let e = decode(b"{\"a\": \"\xC3\x28\"}").unwrap_err();
        assert!(
            matches!(e, SourceError::Encoding { offset: 7, .. }),
            "{e:?}"
        );
    }

    #[test]
    fn json_errors_have_line_column_and_line_text() {
        let e = parse_json(b"{\n  \"a\": 1\n  \"b\": 2\n}").unwrap_err();
        let SourceError::Syntax(j) = e else {
            panic!("not a JSON error")
        };
        assert_eq!((j.line, j.column), (3, 3));
        assert_eq!(j.line_text, "  \"b\": 2");
        assert!(j.message.contains("expected `,` or `}`"), "{}", j.message);
    }

    #[test]
    fn columns_count_characters() {
        let e = parse_json("{\"ä\": x}".as_bytes()).unwrap_err();
        let SourceError::Syntax(j) = e else {
            panic!("not a JSON error")
        };
        assert_eq!(j.column, 7);
    }

    #[test]
    fn array_elements_are_found() {
        let text = b" [ {\"a\": \"]}\"}, {\"b\": [1, {}]} ]";
        let spans = array_elements(text).unwrap();
        assert_eq!(spans.len(), 2);
        assert_eq!(&text[spans[0].clone()], b"{\"a\": \"]}\"}");
        assert_eq!(&text[spans[1].clone()], b"{\"b\": [1, {}]}");
        assert_eq!(array_elements(b"{}"), None);
        assert_eq!(array_elements(b"[1, 2]"), None);
        assert_eq!(array_elements(b"[{},"), None);
        assert_eq!(array_elements(b"[]"), Some(vec![]));
    }

    #[test]
    fn pointers_are_located() {
        let text = "{\n  \"basics\": {\"email\": \"x\"},\n  \"work\": [\n    {},\n    {\"a/b\": [1, 2]}\n  ]\n}";
        assert_eq!(locate(text, ""), Some((1, 1)));
        assert_eq!(locate(text, "/basics/email"), Some((2, 23)));
        assert_eq!(locate(text, "/work/1"), Some((5, 5)));
        assert_eq!(locate(text, "/work/1/a~1b/1"), Some((5, 17)));
        assert_eq!(locate(text, "/work/2"), None);
        assert_eq!(locate(text, "/nope"), None);
    }
}
