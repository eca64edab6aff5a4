//! Input text in JSON, YAML or TOML to one `serde_json::Value`, with positions in errors.
//!
//! The syntax comes from the file's extension; without one (standard input,
//! `.txt`) it is guessed from the content: JSON when it opens with `{` or `[`,
//! else TOML, else YAML, else Markdown when it opens like Markdown. A Markdown
//! file parses to its text (a JSON string), which the Markdown reader reads. Whatever the syntax, the same [`Limits`] hold and the
//! same [`SourceError`]s come back, so messages look alike.

use serde_json::{Map, Number, Value};

use super::Limits;
use super::source::{SourceError, SyntaxError, decode, line_text, parse_json_within};

/// A text syntax a resume can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Json,
    Yaml,
    Toml,
    Markdown,
    /// A ZIP archive: LinkedIn's data export.
    Zip,
}

impl Syntax {
    /// The syntax a file name's extension names (`.json`, `.yaml`/`.yml`, `.toml`).
    pub fn of_name(name: &str) -> Option<Syntax> {
        let ext = std::path::Path::new(name)
            .extension()?
            .to_str()?
            .to_ascii_lowercase();
        match ext.as_str() {
            "json" | "jsonl" | "ndjson" => Some(Syntax::Json),
            "yaml" | "yml" => Some(Syntax::Yaml),
            "toml" => Some(Syntax::Toml),
            "md" | "markdown" => Some(Syntax::Markdown),
            "zip" => Some(Syntax::Zip),
            _ => None,
        }
    }

    /// The name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Syntax::Json => "JSON",
            Syntax::Yaml => "YAML",
            Syntax::Toml => "TOML",
            Syntax::Markdown => "Markdown",
            Syntax::Zip => "ZIP",
        }
    }
}

/// Decodes and parses `bytes` in `syntax` (guessed when `None`), within `limits`.
pub fn parse(
    bytes: &[u8],
    syntax: Option<Syntax>,
    limits: &Limits,
) -> Result<(String, Value), SourceError> {
    // A ZIP is known by its first bytes, whatever the name says it is.
    if syntax == Some(Syntax::Zip) || super::reader::linkedin::is_zip(bytes) {
        super::limits::check_size(bytes.len(), limits).map_err(SourceError::Limit)?;
        let value =
            super::reader::linkedin::read_archive(bytes, limits).map_err(SourceError::Archive)?;
        return Ok((String::new(), value));
    }
    match syntax {
        Some(Syntax::Json) => parse_json_within(bytes, limits),
        Some(Syntax::Markdown) => {
            super::limits::check_size(bytes.len(), limits).map_err(SourceError::Limit)?;
            let text = decode(bytes)?;
            Ok((text.clone(), Value::String(text)))
        }
        Some(s) => {
            super::limits::check_size(bytes.len(), limits).map_err(SourceError::Limit)?;
            let text = decode(bytes)?;
            let value = parse_text(&text, s)?;
            finish(text, value, s, limits)
        }
        None => guess(bytes, limits),
    }
}

/// Without an extension: JSON if it looks like JSON, else TOML, else YAML; an
/// input that is none of them names all three.
fn guess(bytes: &[u8], limits: &Limits) -> Result<(String, Value), SourceError> {
    super::limits::check_size(bytes.len(), limits).map_err(SourceError::Limit)?;
    let text = decode(bytes)?;
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('{') || start.starts_with('[') || start.is_empty() {
        let json = parse_json_within(bytes, limits);
        // `[basics]` opens a TOML table as well as a JSON array.
        if json.is_err()
            && start.starts_with('[')
            && let Ok(v) = parse_text(&text, Syntax::Toml)
            && v.as_object().is_some_and(|m| !m.is_empty())
        {
            return finish(text, v, Syntax::Toml, limits);
        }
        return json;
    }
    if let Ok(v) = parse_text(&text, Syntax::Toml)
        && v.as_object().is_some_and(|m| !m.is_empty())
    {
        return finish(text, v, Syntax::Toml, limits);
    }
    let yaml = parse_text(&text, Syntax::Yaml);
    if !matches!(yaml, Ok(Value::Object(_))) && super::reader::markdown::looks_like_markdown(&text)
    {
        return Ok((text.clone(), Value::String(text)));
    }
    match yaml {
        Ok(v @ Value::Object(_)) => finish(text, v, Syntax::Yaml, limits),
        Ok(other) => Err(SourceError::NotResume(SyntaxError {
            syntax: "YAML",
            message: format!(
                "not a resume in any format read here (JSON, YAML, TOML, Markdown): as YAML it is {}",
                what(&other)
            ),
            line: 1,
            column: 1,
            line_text: line_text(&text, 1),
        })),
        Err(SourceError::Syntax(mut e)) => {
            e.message = format!(
                "not a resume in any format read here (JSON, YAML, TOML, Markdown); as YAML: {}",
                e.message
            );
            Err(SourceError::Syntax(e))
        }
        Err(other) => Err(other),
    }
}

/// A YAML or TOML value is held to the same limits as JSON, and must be one object.
fn finish(
    text: String,
    value: Value,
    syntax: Syntax,
    limits: &Limits,
) -> Result<(String, Value), SourceError> {
    super::limits::check_value(&value, limits).map_err(SourceError::Limit)?;
    if !value.is_object() {
        return Err(SourceError::NotResume(SyntaxError {
            syntax: syntax.name(),
            message: format!(
                "the top level is {}; a {} resume is one object (one file per resume)",
                what(&value),
                syntax.name()
            ),
            line: 1,
            column: 1,
            line_text: line_text(&text, 1),
        }));
    }
    Ok((text, value))
}

fn what(v: &Value) -> &'static str {
    match v {
        Value::Null => "empty",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn parse_text(text: &str, syntax: Syntax) -> Result<Value, SourceError> {
    match syntax {
        Syntax::Json => serde_json::from_str(text).map_err(|e| {
            SourceError::Syntax(SyntaxError {
                syntax: "JSON",
                message: e.to_string(),
                line: e.line(),
                column: e.column(),
                line_text: line_text(text, e.line()),
            })
        }),
        Syntax::Yaml => yaml(text),
        Syntax::Toml => toml(text),
        Syntax::Markdown => Ok(Value::String(text.to_string())),
        Syntax::Zip => Err(SourceError::Archive(
            "a ZIP archive is not text; it is read as LinkedIn's data export".into(),
        )),
    }
}

fn yaml(text: &str) -> Result<Value, SourceError> {
    use serde::de::DeserializeSeed;
    // As serde_yaml_ng::from_str reads it (one document), with long integers read as in JSON.
    let read = super::lenient::AsJson.deserialize(serde_yaml_ng::Deserializer::from_str(text));
    read.map_err(|e| {
        let (line, column) = e
            .location()
            .map_or((1, 1), |l| (l.line().max(1), l.column().max(1)));
        // serde_yaml appends " at line L column C"; the position is reported separately.
        let full = e.to_string();
        let message = match full.find(" at line ") {
            Some(i) => full.get(..i).unwrap_or(&full).to_string(),
            None => full,
        };
        SourceError::Syntax(SyntaxError {
            syntax: "YAML",
            message,
            line,
            column,
            line_text: line_text(text, line),
        })
    })
}

fn toml(text: &str) -> Result<Value, SourceError> {
    match text.parse::<toml::Table>() {
        Ok(table) => Ok(toml_value(toml::Value::Table(table))),
        Err(e) => {
            let offset = e.span().map_or(0, |s| s.start).min(text.len());
            let (line, column) = position(text, offset);
            Err(SourceError::Syntax(SyntaxError {
                syntax: "TOML",
                message: e.message().trim_end().to_string(),
                line,
                column,
                line_text: line_text(text, line),
            }))
        }
    }
}

/// 1-based line and column (in characters) of byte `offset`.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let mut cut = offset;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let before = text.get(..cut).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// TOML to JSON: dates and times become their text, as in a JSON resume.
fn toml_value(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::Number(i.into()),
        toml::Value::Float(f) => Number::from_f64(f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_value).collect()),
        toml::Value::Table(t) => Value::Object(
            t.into_iter()
                .map(|(k, v)| (k, toml_value(v)))
                .collect::<Map<String, Value>>(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(bytes: &str, syntax: Option<Syntax>) -> SyntaxError {
        match parse(bytes.as_bytes(), syntax, &Limits::default()) {
            Err(SourceError::Syntax(e) | SourceError::NotResume(e)) => e,
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn names_pick_syntaxes() {
        assert_eq!(Syntax::of_name("cv.YML"), Some(Syntax::Yaml));
        assert_eq!(Syntax::of_name("a/b/resume.toml"), Some(Syntax::Toml));
        assert_eq!(Syntax::of_name("r.json"), Some(Syntax::Json));
        assert_eq!(Syntax::of_name("r.txt"), None);
        assert_eq!(Syntax::of_name("-"), None);
    }

    #[test]
    fn yaml_and_toml_read_as_json_would() {
        let y = "basics:\n  name: Ana\nwork:\n  - name: Acme\n    startDate: 2020-01-01\n";
        let (_, v) = parse(y.as_bytes(), Some(Syntax::Yaml), &Limits::default()).unwrap();
        assert_eq!(v["basics"]["name"], "Ana");
        assert_eq!(v["work"][0]["startDate"], "2020-01-01");
        let t = "[basics]\nname = \"Ana\"\n[[work]]\nname = \"Acme\"\nstartDate = 2020-01-01\n";
        let (_, v) = parse(t.as_bytes(), Some(Syntax::Toml), &Limits::default()).unwrap();
        assert_eq!(v["basics"]["name"], "Ana");
        assert_eq!(v["work"][0]["startDate"], "2020-01-01");
    }

    #[test]
    fn errors_have_positions_and_lines() {
        let e = err("basics:\n  name: Ana\n  email: [a\n", Some(Syntax::Yaml));
        assert!(e.line >= 3, "{e:?}");
        assert!(!e.message.contains(" at line "), "{e:?}");
        let e = err("[basics]\nname = \"Ana\nx = 1\n", Some(Syntax::Toml));
        assert_eq!(e.line, 2, "{e:?}");
        assert_eq!(e.line_text, "name = \"Ana");
        let e = err("[basics]\nname = 1\nname = 2\n", Some(Syntax::Toml));
        assert_eq!(e.line, 3, "{e:?}");
    }

    #[test]
    fn guessing_names_the_formats_tried() {
        let e = err("just some words\n", None);
        assert!(e.message.contains("JSON, YAML, TOML, Markdown"), "{e:?}");
        let (_, v) = parse(b"# Ana\n\n## Work\n", None, &Limits::default()).unwrap();
        assert_eq!(v, Value::String("# Ana\n\n## Work\n".into()));
        assert_eq!(Syntax::of_name("cv.md"), Some(Syntax::Markdown));
        let e = err("- a\n- b\n", Some(Syntax::Yaml));
        assert!(e.message.contains("a list"), "{e:?}");
        let (_, v) = parse(b"basics:\n  name: Ana\n", None, &Limits::default()).unwrap();
        assert_eq!(v["basics"]["name"], "Ana");
        let (_, v) = parse(b"[basics]\nname = \"Ana\"\n", None, &Limits::default()).unwrap();
        assert_eq!(v["basics"]["name"], "Ana");
        let (_, v) = parse(b"{\"basics\": {}}", None, &Limits::default()).unwrap();
        assert!(v["basics"].is_object());
    }

    #[test]
    fn limits_hold_for_yaml() {
        let limits = Limits {
            max_items: 3,
            ..Limits::default()
        };
        let y = "skills: [a, b, c, d, e]\n";
        assert!(matches!(
            parse(y.as_bytes(), Some(Syntax::Yaml), &limits),
            Err(SourceError::Limit(_))
        ));
    }
}
