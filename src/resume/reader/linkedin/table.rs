//! One export file's CSV to rows keyed by header name, with the real files' quirks.
//!
//! A byte-order mark, CRLF line ends (also inside quoted fields), a preamble
//! (`Notes:` and a paragraph) before the header row, and a trailing comma in
//! the header are all taken as LinkedIn writes them. Headers are matched by
//! name, not position; a file whose header row holds none of the names
//! LinkedIn writes in English is refused, naming the headers found.

use serde_json::{Map, Value};

use super::Known;
use crate::resume::Limits;

/// Records looked through for the header row (a preamble is a few).
const HEADER_WITHIN: usize = 10;

/// The rows of one file (blank rows left out), each an object of its columns.
pub(super) fn rows(
    known: &Known,
    path: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Vec<Value>, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // CRLF made LF first: the csv crate counts lines by LF as it starts the
    // next record, so with CRLF its line numbers would lag one behind.
    let bytes = crlf_to_lf(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes.as_slice());
    let mut header: Option<Vec<String>> = None;
    let mut seen: Vec<Vec<String>> = Vec::new();
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, &e))?;
        let line = record.position().map_or(0, |p| p.line());
        let fields: Vec<String> = record.iter().map(clean).collect();
        if fields.iter().all(String::is_empty) {
            continue;
        }
        let Some(names) = &header else {
            if is_header(known, &fields) {
                header = Some(header_names(known, &fields));
            } else if seen.len() < HEADER_WITHIN {
                seen.push(fields);
                continue;
            } else {
                break;
            }
            continue;
        };
        if out.len() >= limits.max_items {
            return Err(format!(
                "{path}: more than {} rows, over the limit",
                limits.max_items
            ));
        }
        let mut row = Map::new();
        for (i, field) in fields.into_iter().enumerate() {
            if field.is_empty() {
                continue;
            }
            let chars = field.chars().count();
            let name = names
                .get(i)
                .filter(|n| !n.is_empty())
                .cloned()
                .unwrap_or_else(|| format!("column {}", i + 1));
            if chars > limits.max_string_chars {
                return Err(format!(
                    "{path}: line {line}, column {name}: a text of {chars} characters, over the limit of {}",
                    limits.max_string_chars
                ));
            }
            row.insert(name, Value::String(field));
        }
        out.push(Value::Object(row));
    }
    if header.is_none() {
        return Err(foreign(known, path, &seen));
    }
    Ok(out)
}

fn crlf_to_lf(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut it = bytes.iter().peekable();
    while let Some(&b) = it.next() {
        if b == b'\r' && it.peek() == Some(&&b'\n') {
            continue;
        }
        out.push(b);
    }
    out
}

/// A field as text: CRLF inside quotes made LF, spaces around trimmed.
fn clean(field: &str) -> String {
    field
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .trim()
        .to_string()
}

/// Whether a record is the header row: it holds at least half the names
/// LinkedIn writes in the file (one word alike in two languages, such as
/// `Description`, is not enough).
fn is_header(known: &Known, fields: &[String]) -> bool {
    let found = known
        .headers
        .iter()
        .filter(|h| fields.iter().any(|f| canonical(known, f) == Some(**h)))
        .count();
    found > 0 && found * 2 >= known.headers.len()
}

/// The English header `field` is, compared without case.
fn canonical(known: &Known, field: &str) -> Option<&'static str> {
    let field = field.trim_start_matches('\u{feff}').trim();
    known
        .headers
        .iter()
        .copied()
        .find(|h| h.eq_ignore_ascii_case(field))
}

/// The header row's names: LinkedIn's spelling where known, as found else
/// (an empty name, after a trailing comma, stays empty).
fn header_names(known: &Known, fields: &[String]) -> Vec<String> {
    fields
        .iter()
        .map(|f| canonical(known, f).map_or_else(|| f.clone(), str::to_string))
        .collect()
}

/// The message for a file with no header row we know.
fn foreign(known: &Known, path: &str, seen: &[Vec<String>]) -> String {
    let found = seen.iter().find(|r| r.len() > 1).or(seen.first()).map(|r| {
        r.iter()
            .filter(|f| !f.is_empty())
            .cloned()
            .collect::<Vec<_>>()
    });
    let found = match found {
        Some(f) if !f.is_empty() => format!("its header row is: {}", f.join(", ")),
        _ => "it holds no header row".to_string(),
    };
    format!(
        "{path}: not the columns LinkedIn writes in this file ({}); {found}. Only exports with English headers are read (an export in another language is not)",
        known.headers.join(", ")
    )
}

fn csv_error(path: &str, e: &csv::Error) -> String {
    let line = e
        .position()
        .map_or(String::new(), |p| format!("line {}: ", p.line()));
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => {
            format!("{path}: {line}not UTF-8 text (LinkedIn writes UTF-8)")
        }
        _ => format!("{path}: {line}{e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::FILES;
    use super::*;

    fn known(name: &str) -> &'static Known {
        FILES.iter().find(|k| k.name == name).unwrap()
    }

    #[test]
    fn the_real_files_quirks() {
        let csv = "\u{feff}Notes:\r\n\"A preamble, over\r\ntwo lines\"\r\n\r\nName,Proficiency,\r\nGerman,\"Native or \"\"bilingual\"\"\r\nproficiency\"\r\n,\r\n";
        let rows = rows(
            known("Languages.csv"),
            "Languages.csv",
            csv.as_bytes(),
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0]["Name"], "German");
        assert_eq!(
            rows[0]["Proficiency"],
            "Native or \"bilingual\"\nproficiency"
        );
    }

    #[test]
    fn headers_by_name_and_extra_columns_kept() {
        let csv = "Proficiency,name,Extra\nFull,French,x\n";
        let rows = rows(
            known("Languages.csv"),
            "L",
            csv.as_bytes(),
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(rows[0]["Name"], "French");
        assert_eq!(rows[0]["Extra"], "x");
    }

    #[test]
    fn foreign_headers_are_refused_with_what_was_found() {
        let csv = "Nom de l’entreprise,Titre,Description\nACME,Chef,x\n";
        let e = rows(
            known("Positions.csv"),
            "Positions.csv",
            csv.as_bytes(),
            &Limits::default(),
        )
        .unwrap_err();
        assert!(e.contains("Positions.csv: not the columns"), "{e}");
        assert!(e.contains("Nom de l’entreprise, Titre, Description"), "{e}");
    }

    #[test]
    fn other_encodings_are_refused_by_line() {
        let e = rows(
            known("Skills.csv"),
            "Skills.csv",
            b"Name\r\nGo\r\nCaf\xE9\r\n",
            &Limits::default(),
        )
        .unwrap_err();
        assert!(e.contains("Skills.csv: line 3: not UTF-8"), "{e}");
    }

    #[test]
    fn long_fields_are_refused_by_line_and_column() {
        let l = Limits {
            max_string_chars: 3,
            ..Limits::default()
        };
        let e = rows(
            known("Skills.csv"),
            "Skills.csv",
            b"Name\r\nGo\r\nRust\r\n",
            &l,
        )
        .unwrap_err();
        assert!(e.contains("line 3, column Name"), "{e}");
    }
}
