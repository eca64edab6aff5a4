//! A letter's fields from a parsed value: strict types, warnings for unknown keys, and the JSON Schema that says the same.

use serde_json::{Map, Value, json};

use super::{Letter, LetterError, Recipient, Signature};

/// The top-level fields a letter may have.
pub const KNOWN: &[&str] = &[
    "$schema",
    "recipient",
    "date",
    "place",
    "subject",
    "greeting",
    "closing",
    "signature",
    "language",
    "resume",
    "body",
];
const RECIPIENT: &[&str] = &["name", "title", "organisation", "address"];
const SIGNATURE: &[&str] = &["name", "image"];

/// Reads the fields of `value` (an object); `has_body` when the body comes
/// from after the front matter (then a `body` field is refused).
pub(super) fn read(
    value: &Value,
    has_body: bool,
    warnings: &mut Vec<String>,
) -> Result<Letter, LetterError> {
    let map = match value {
        Value::Object(m) => m,
        Value::Null => return Ok(Letter::default()),
        _ => {
            return Err(LetterError::field(
                "(top level)",
                "a letter is one object of fields",
            ));
        }
    };
    unknown(map, KNOWN, "", warnings);
    let mut letter = Letter {
        date: match text(map, "date", "date")? {
            Some(d) => Some(parse_date(&d)?),
            None => None,
        },
        place: text(map, "place", "place")?,
        subject: text(map, "subject", "subject")?,
        greeting: text(map, "greeting", "greeting")?,
        closing: text(map, "closing", "closing")?,
        language: text(map, "language", "language")?,
        resume: text(map, "resume", "resume")?,
        ..Letter::default()
    };
    match map.get("recipient") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => {
            // A recipient written as lines: the first is the name.
            let mut lines = s.lines().map(str::trim).filter(|l| !l.is_empty());
            letter.recipient.name = lines.next().map(str::to_string);
            letter.recipient.address = lines.map(str::to_string).collect();
        }
        Some(Value::Object(r)) => {
            unknown(r, RECIPIENT, "recipient.", warnings);
            letter.recipient = Recipient {
                name: text(r, "name", "recipient.name")?,
                title: text(r, "title", "recipient.title")?,
                organisation: text(r, "organisation", "recipient.organisation")?,
                address: lines(r.get("address"), "recipient.address")?,
                order: r
                    .keys()
                    .filter(|k| RECIPIENT.contains(&k.as_str()))
                    .cloned()
                    .collect(),
            };
        }
        Some(_) => {
            return Err(LetterError::field(
                "recipient",
                "expected fields (name, title, organisation, address) or lines of text",
            ));
        }
    }
    match map.get("signature") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => letter.signature.name = Some(s.trim().to_string()),
        Some(Value::Object(s)) => {
            unknown(s, SIGNATURE, "signature.", warnings);
            letter.signature = Signature {
                name: text(s, "name", "signature.name")?,
                image: text(s, "image", "signature.image")?,
            };
        }
        Some(_) => {
            return Err(LetterError::field(
                "signature",
                "expected a name, or fields name and image",
            ));
        }
    }
    match (map.get("body"), has_body) {
        (None | Some(Value::Null), _) => {}
        (Some(_), true) => warnings.push(
            "body: the text after the front matter is the body; this field is ignored".into(),
        ),
        (Some(Value::String(s)), false) => letter.body = s.clone(),
        (Some(_), false) => return Err(LetterError::field("body", "expected Markdown text")),
    }
    Ok(letter)
}

/// A warning for each key of `map` not in `known`.
fn unknown(map: &Map<String, Value>, known: &[&str], prefix: &str, warnings: &mut Vec<String>) {
    for key in map.keys() {
        if !known.contains(&key.as_str()) {
            warnings.push(format!(
                "{prefix}{key}: unknown field, ignored (a letter has {})",
                known
                    .iter()
                    .filter(|k| !k.starts_with('$'))
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
}

/// A text field: a string (trimmed; empty is none), or a number written as text.
fn text(map: &Map<String, Value>, key: &str, path: &str) -> Result<Option<String>, LetterError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_string()).filter(|s| !s.is_empty())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(other) => Err(LetterError::field(
            path,
            format!("expected text, found {}", what(other)),
        )),
    }
}

/// Address lines: a list of strings, or one string whose lines (or commas) part them.
fn lines(value: Option<&Value>, path: &str) -> Result<Vec<String>, LetterError> {
    let keep = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    match value {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(s.lines().filter_map(keep).collect()),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| match v {
                Value::String(s) => keep(s).map(Ok),
                Value::Number(n) => Some(Ok(n.to_string())),
                other => Some(Err(LetterError::field(
                    &format!("{path}[{i}]"),
                    format!("expected a line of text, found {}", what(other)),
                ))),
            })
            .collect(),
        Some(other) => Err(LetterError::field(
            path,
            format!("expected lines of text, found {}", what(other)),
        )),
    }
}

/// `YYYY-MM-DD` (a TOML date reads the same), a real day.
fn parse_date(s: &str) -> Result<(i32, u32, u32), LetterError> {
    let bad = || {
        LetterError::field(
            "date",
            format!("`{s}` is not an ISO date (YYYY-MM-DD, e.g. 2026-12-06)"),
        )
    };
    let day = s.get(..10).ok_or_else(bad)?;
    let mut parts = day.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    let (y, m, d): (i32, u32, u32) = (
        y.parse().map_err(|_| bad())?,
        m.parse().map_err(|_| bad())?,
        d.parse().map_err(|_| bad())?,
    );
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if !(1..=days).contains(&d) || !(1000..=9999).contains(&y) {
        return Err(bad());
    }
    Ok((y, m, d))
}

fn what(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "fields",
    }
}

/// The JSON Schema of a letter (draft-07, as the resume's).
pub(super) fn schema() -> Value {
    let text = |d: &str| json!({ "type": "string", "description": d });
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://github.com/resume-export/resume-export/schema/letter-v1.json",
        "title": "Cover letter, as read by resume-export",
        "description": "A cover letter: these fields as Markdown front matter (YAML) with the body after it, or one JSON, YAML or TOML object with the body in `body`. The sender block (name, contacts, photo) comes from the resume.",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "$schema": { "type": "string" },
            "recipient": {
                "description": "Who the letter goes to: fields, or lines of text (the first is the name).",
                "oneOf": [
                    { "type": "string" },
                    {
                        "type": "object",
                        "additionalProperties": false,
                        "properties": {
                            "name": text("The person, e.g. \"Dr. Maria Chen\""),
                            "title": text("Their position, e.g. \"Head of Engineering\""),
                            "organisation": text("The company or institution"),
                            "address": {
                                "description": "Postal address: lines, or one text with line breaks",
                                "oneOf": [
                                    { "type": "string" },
                                    { "type": "array", "items": { "type": "string" } }
                                ]
                            }
                        }
                    }
                ]
            },
            "date": {
                "type": "string",
                "format": "date",
                "pattern": "^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}$",
                "description": "ISO date (YYYY-MM-DD), shown as the letter's language writes it; default today, or SOURCE_DATE_EPOCH's day"
            },
            "place": text("Where it is written from, shown before the date (\"Berlin, 6. Dezember 2026\")"),
            "subject": text("The subject line, e.g. \"Application: Senior Engineer (ref. 4711)\""),
            "greeting": text("The salutation; default a neutral one in the letter's language (\"Dear Hiring Manager,\")"),
            "closing": text("The complimentary close; default a neutral one in the letter's language (\"Sincerely,\")"),
            "signature": {
                "description": "Under the closing: the name (default the resume's) and an optional picture of the handwritten signature",
                "oneOf": [
                    { "type": "string" },
                    {
                        "type": "object",
                        "additionalProperties": false,
                        "properties": {
                            "name": text("The name under the signature"),
                            "image": text("A data: URI or a path relative to the letter (JPEG or PNG), under the same rules as a photo")
                        }
                    }
                ]
            },
            "language": text("BCP 47 tag (de, fr, ar, pt-BR); default the resume's language"),
            "resume": text("The resume the sender block comes from, relative to the letter (--resume overrides it)"),
            "body": {
                "type": "string",
                "pattern": "\\S",
                "description": "The letter's text, Markdown (paragraphs, lists, emphasis, links), not blank; in a Markdown letter, the text after the front matter"
            }
        }
    })
}
