//! Taking fields out of another shape's objects, and warning once per kind about the rest.

use serde_json::{Map, Value};

use super::super::Warning;
use super::super::value::is_blank;

/// The warnings of one mapping, one per kind: `work[3].foo` and `work[5].foo`
/// are one kind, reported at the first path with a count of the others.
pub(super) struct Notes<'w> {
    warnings: &'w mut Vec<Warning>,
    /// (kind, index into `warnings`, how many more)
    kinds: Vec<(String, usize, usize)>,
}

impl<'w> Notes<'w> {
    pub fn new(warnings: &'w mut Vec<Warning>) -> Self {
        Notes {
            warnings,
            kinds: Vec::new(),
        }
    }

    /// A warning at `path`, unless one of its kind was given already.
    pub fn warn(&mut self, path: &str, message: impl Into<String>) {
        let message = message.into();
        let kind = format!("{}\u{0}{message}", generic(path));
        if let Some(k) = self.kinds.iter_mut().find(|k| k.0 == kind) {
            k.2 += 1;
            return;
        }
        self.kinds.push((kind, self.warnings.len(), 0));
        self.warnings.push(Warning {
            path: path.to_string(),
            message,
        });
    }

    /// A field that JSON Resume has no place for.
    pub fn unmapped(&mut self, path: &str, shape: &str) {
        self.warn(
            path,
            format!("{shape} field with no place in JSON Resume; left out"),
        );
    }
}

impl Drop for Notes<'_> {
    fn drop(&mut self) {
        for (_, at, more) in &self.kinds {
            if *more > 0
                && let Some(w) = self.warnings.get_mut(*at)
            {
                w.message = format!("{} (and {more} more like it)", w.message);
            }
        }
    }
}

/// `sections.work.items[3].foo` → `sections.work.items[].foo`.
fn generic(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            _ if in_index => {}
            c => out.push(c),
        }
    }
    out
}

/// Joins a path and a key.
pub(super) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// A section key from a title: `Open Source & Talks` → `open-source-talks`.
pub(super) fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// An object of the source shape, emptied as it is mapped; what is left is reported.
pub(super) struct Fields {
    map: Map<String, Value>,
    pub path: String,
}

impl Fields {
    /// The object `value`, or `None` (with a warning) when it is something else.
    pub fn of(value: Value, path: String, notes: &mut Notes<'_>) -> Option<Fields> {
        match value {
            Value::Object(map) => Some(Fields { map, path }),
            v if is_blank(&v) => None,
            _ => {
                notes.warn(&path, "expected an object here; left out");
                None
            }
        }
    }

    /// Whether the object (as it still is) passes `test`.
    pub fn map_is(&self, test: impl Fn(&Map<String, Value>) -> bool) -> bool {
        test(&self.map)
    }

    /// The value of `key`, removed; blank values count as absent.
    pub fn take(&mut self, key: &str) -> Option<Value> {
        self.map.remove(key).filter(|v| !is_blank(v))
    }

    /// The path of `key` in the source.
    pub fn at(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// `key` as text (numbers and booleans written out).
    pub fn text(&mut self, key: &str) -> Option<String> {
        match self.take(key)? {
            Value::String(s) => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            other => {
                // Not text: put it back so that it is reported, not lost.
                self.map.insert(key.to_string(), other);
                None
            }
        }
    }

    /// The first of `keys` that holds text.
    pub fn text_of(&mut self, keys: &[&str]) -> Option<String> {
        let mut found = None;
        for k in keys {
            let t = self.text(k);
            if found.is_none() {
                found = t;
            } else if let Some(t) = t {
                // A second spelling of the same field: keep it where it shows.
                self.map.insert((*k).to_string(), Value::String(t));
            }
        }
        found
    }

    /// `key` as a list (a single value is a list of one), each with its path.
    pub fn list(&mut self, key: &str) -> Vec<(Value, String)> {
        let path = self.at(key);
        match self.take(key) {
            None => Vec::new(),
            Some(Value::Array(items)) => items
                .into_iter()
                .enumerate()
                .filter(|(_, v)| !is_blank(v))
                .map(|(i, v)| (v, format!("{path}[{i}]")))
                .collect(),
            Some(v) => vec![(v, path)],
        }
    }

    /// `key` as a list of texts.
    pub fn texts(&mut self, key: &str, notes: &mut Notes<'_>) -> Vec<Value> {
        self.list(key)
            .into_iter()
            .filter_map(|(v, path)| match v {
                Value::String(s) => Some(Value::String(s.trim().to_string())),
                Value::Number(n) => Some(Value::String(n.to_string())),
                _ => {
                    notes.warn(&path, "expected text here; left out");
                    None
                }
            })
            .collect()
    }

    /// `key` as an object.
    pub fn object(&mut self, key: &str, notes: &mut Notes<'_>) -> Option<Fields> {
        let path = self.at(key);
        let v = self.take(key)?;
        Fields::of(v, path, notes)
    }

    /// Removes fields that are the other tool's settings, not resume content.
    pub fn ignore(&mut self, keys: &[&str]) {
        for k in keys {
            self.map.remove(*k);
        }
    }

    /// Every field, taken out in file order.
    pub fn drain(&mut self) -> Vec<(String, Value)> {
        std::mem::take(&mut self.map).into_iter().collect()
    }

    /// Whether every field was taken.
    pub fn is_empty(&self) -> bool {
        self.map.values().all(is_blank)
    }

    /// Whether `key` is present with content.
    pub fn has(&self, key: &str) -> bool {
        self.map.get(key).is_some_and(|v| !is_blank(v))
    }

    /// Reports every field not taken.
    pub fn finish(self, notes: &mut Notes<'_>, shape: &str) {
        for (k, v) in self.map {
            if !is_blank(&v) {
                notes.unmapped(&join(&self.path, &k), shape);
            }
        }
    }
}

/// A JSON Resume object under construction: absent values are not written.
#[derive(Default)]
pub(super) struct Out(pub Map<String, Value>);

impl Out {
    pub fn put(&mut self, key: &str, value: Option<impl Into<Value>>) -> &mut Self {
        if let Some(v) = value.map(Into::into)
            && !is_blank(&v)
        {
            self.0.insert(key.to_string(), v);
        }
        self
    }

    pub fn value(self) -> Value {
        Value::Object(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn slugs() {
        assert_eq!(slug("Open Source & Talks"), "open-source-talks");
        assert_eq!(slug("Überblick"), "überblick");
        assert_eq!(slug("  "), "");
    }

    #[test]
    fn one_warning_per_kind_with_a_count() {
        let mut w = Vec::new();
        {
            let mut notes = Notes::new(&mut w);
            notes.unmapped("a.items[0].x", "FRESH");
            notes.unmapped("a.items[1].x", "FRESH");
            notes.unmapped("a.items[2].x", "FRESH");
            notes.unmapped("a.items[0].y", "FRESH");
        }
        assert_eq!(w.len(), 2, "{w:?}");
        assert_eq!(w[0].path, "a.items[0].x");
        assert!(w[0].message.ends_with("(and 2 more like it)"), "{w:?}");
        assert!(!w[1].message.contains("more like it"));
    }

    #[test]
    fn fields_report_what_is_left() {
        let mut w = Vec::new();
        {
            let mut notes = Notes::new(&mut w);
            let mut f = Fields::of(
                json!({"a": "x", "b": 2, "c": {"d": ""}, "e": [1], "f": "keep"}),
                "r".into(),
                &mut notes,
            )
            .unwrap();
            assert_eq!(f.text("a").as_deref(), Some("x"));
            assert_eq!(f.text("b").as_deref(), Some("2"));
            assert_eq!(f.text("e"), None);
            f.ignore(&["f"]);
            f.finish(&mut notes, "FRESH");
        }
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].path, "r.e");
    }
}
