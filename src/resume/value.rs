//! Lenient access to JSON values: aliases, coercions and cleaning, each with a warning.

use serde_json::{Map, Value};

use super::Warning;
use super::date::{self, Date, Parse};

/// State shared while reading one resume.
pub(crate) struct Ctx {
    pub warnings: Vec<Warning>,
    /// Preferred language for multilingual values (`{"en": …, "de": …}`, `en_summary`).
    pub lang: String,
}

impl Ctx {
    pub fn warn(&mut self, path: &str, message: impl Into<String>) {
        self.warnings.push(Warning {
            path: path.to_string(),
            message: message.into(),
        });
    }
}

/// Joins a parent path and a key into the dotted form used in warnings.
pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// An object being read: remembers which keys were used so the rest can be reported.
pub(crate) struct Obj<'a> {
    map: &'a Map<String, Value>,
    pub path: String,
    used: Vec<String>,
}

/// An element of something read as a list of objects.
pub(crate) enum Item<'a> {
    Obj(Obj<'a>),
    /// A bare string (or number) where an object was expected.
    Text(String, String),
}

impl<'a> Obj<'a> {
    pub fn new(map: &'a Map<String, Value>, path: String) -> Self {
        Obj {
            map,
            path,
            used: Vec::new(),
        }
    }

    /// The object's keys, in file order.
    pub fn keys(&self) -> Vec<String> {
        self.map.keys().cloned().collect()
    }

    /// Whether a key was already read or ignored.
    pub fn is_used(&self, key: &str) -> bool {
        self.used.iter().any(|u| u == key)
    }

    /// Whether the object has this key (marks nothing).
    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// Marks keys as deliberately ignored (no unknown-field warning).
    pub fn ignore(&mut self, keys: &[&str]) {
        self.used.extend(keys.iter().map(|k| k.to_string()));
    }

    /// The first of `names` that holds something other than null or "".
    ///
    /// The first name is the standard key; the rest are older or common
    /// spellings, which earn a warning. `<lang>_<key>` and `en_<key>` prefixed
    /// variants of the standard key are tried last.
    pub fn field(&mut self, ctx: &mut Ctx, names: &[&str]) -> Option<(&'a Value, String)> {
        let mut candidates: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        if let Some(first) = names.first() {
            for prefix in [ctx.lang.clone(), "en".to_string()] {
                candidates.push(format!("{prefix}_{first}"));
            }
            // Other languages' prefixed variants are alternatives, not unknown fields.
            let suffix = format!("_{first}");
            let prefixed: Vec<String> = self
                .map
                .keys()
                .filter(|k| {
                    k.strip_suffix(&suffix)
                        .is_some_and(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_lowercase()))
                })
                .cloned()
                .collect();
            self.used.extend(prefixed);
        }
        self.used.extend(candidates.iter().cloned());
        for (i, name) in candidates.iter().enumerate() {
            let Some(v) = self.map.get(name.as_str()) else {
                continue;
            };
            if is_blank(v) {
                continue;
            }
            let path = join(&self.path, name);
            if i > 0 && i < names.len() {
                ctx.warn(
                    &path,
                    format!(
                        "non-standard key `{name}` read as `{}`",
                        names.first().copied().unwrap_or("")
                    ),
                );
            } else if i >= names.len() {
                ctx.warn(
                    &path,
                    format!(
                        "language-prefixed key `{name}` read as `{}`",
                        names.first().copied().unwrap_or("")
                    ),
                );
            }
            return Some((v, path));
        }
        None
    }

    /// A text field.
    pub fn text(&mut self, ctx: &mut Ctx, names: &[&str]) -> Option<String> {
        let (v, path) = self.field(ctx, names)?;
        to_text(ctx, v, &path)
    }

    /// A list-of-text field.
    pub fn texts(&mut self, ctx: &mut Ctx, names: &[&str]) -> Vec<String> {
        match self.field(ctx, names) {
            Some((v, path)) => to_texts(ctx, v, &path),
            None => Vec::new(),
        }
    }

    /// A date field.
    pub fn date(&mut self, ctx: &mut Ctx, names: &[&str]) -> Option<Date> {
        let (v, path) = self.field(ctx, names)?;
        let text = match v {
            Value::Number(n) => n.to_string(),
            _ => to_text(ctx, v, &path)?,
        };
        match date::parse(&text) {
            Parse::Empty => None,
            Parse::Canonical(d) => Some(d),
            Parse::Reinterpreted(d, note) => {
                ctx.warn(&path, format!("{note}: {text:?}"));
                Some(d)
            }
            Parse::Text(t, note) => {
                ctx.warn(&path, format!("{note}: {t:?}"));
                Some(Date::Text(t))
            }
        }
    }

    /// An object field.
    pub fn object(&mut self, ctx: &mut Ctx, names: &[&str]) -> Option<Obj<'a>> {
        let (v, path) = self.field(ctx, names)?;
        match v {
            Value::Object(m) => Some(Obj::new(m, path)),
            Value::Array(a) => {
                // `locations: [{…}]`: the first one is the location.
                let first = a.iter().find_map(Value::as_object)?;
                ctx.warn(
                    &path,
                    "a list where one object was expected; the first is used",
                );
                Some(Obj::new(first, format!("{path}[0]")))
            }
            _ => {
                ctx.warn(
                    &path,
                    format!("expected an object, found {}; ignored", kind(v)),
                );
                None
            }
        }
    }

    /// A list-of-objects field.
    pub fn items(&mut self, ctx: &mut Ctx, names: &[&str]) -> Vec<Item<'a>> {
        match self.field(ctx, names) {
            Some((v, path)) => to_items(ctx, v, &path),
            None => Vec::new(),
        }
    }

    /// The raw value of a field, with its path (no coercion, marks it used).
    pub fn raw(&mut self, ctx: &mut Ctx, names: &[&str]) -> Option<(&'a Value, String)> {
        self.field(ctx, names)
    }

    /// Warns about every key that was neither read nor ignored.
    pub fn finish(self, ctx: &mut Ctx) {
        for (key, value) in self.map {
            if !self.used.iter().any(|u| u == key) && !is_blank(value) {
                ctx.warn(
                    &join(&self.path, key),
                    format!("unknown field `{key}`; ignored"),
                );
            }
        }
    }
}

/// null, "", [] and {} carry nothing.
pub(crate) fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.iter().all(is_blank),
        Value::Object(o) => o.values().all(is_blank),
        _ => false,
    }
}

pub(crate) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Whether every key looks like a language tag (`en`, `de`, `pt-BR`, `zh_Hans`).
fn is_language_map(m: &Map<String, Value>) -> bool {
    !m.is_empty()
        && m.keys().all(|k| {
            let mut parts = k.split(['-', '_']);
            let first = parts.next().unwrap_or("");
            (2..=3).contains(&first.len())
                && first.bytes().all(|b| b.is_ascii_alphabetic())
                && parts.all(|p| {
                    (2..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric())
                })
        })
}

/// From a `{"en": …, "de": …}` map, the preferred language's value.
fn pick_language<'v>(ctx: &mut Ctx, m: &'v Map<String, Value>, path: &str) -> Option<&'v Value> {
    let want = ctx.lang.clone();
    let base = |k: &str| {
        k.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    let (key, v) = m
        .iter()
        .find(|(k, v)| base(k) == want && !is_blank(v))
        .or_else(|| m.iter().find(|(k, v)| base(k) == "en" && !is_blank(v)))
        .or_else(|| m.iter().find(|(_, v)| !is_blank(v)))?;
    ctx.warn(path, format!("text given per language; using `{key}`"));
    Some(v)
}

/// Cleans user text: one kind of line ending, no control characters, trimmed.
pub(crate) fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{0B}' | '\u{0C}' => out.push('\n'),
            '\t' => out.push(' '),
            '\u{1B}' => {
                // ANSI escape sequence: ESC [ params final-byte, or ESC + one char.
                if chars.peek() == Some(&'[') {
                    chars.next();
                    for n in chars.by_ref() {
                        if ('\u{40}'..='\u{7E}').contains(&n) {
                            break;
                        }
                    }
                } else {
                    chars.next();
                }
            }
            c if c.is_control() => {}
            // Bidi overrides and isolates can disguise text; zero-width joiners are kept.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' => {}
            c => out.push(c),
        }
    }
    // Trailing spaces on each line and surrounding blank lines carry nothing.
    let lines: Vec<&str> = out.split('\n').map(str::trim_end).collect();
    lines.join("\n").trim().to_string()
}

/// Any JSON value read as text.
pub(crate) fn to_text(ctx: &mut Ctx, v: &Value, path: &str) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(clean(s)).filter(|s| !s.is_empty()),
        Value::Number(n) => {
            ctx.warn(path, format!("number {n} read as text"));
            Some(n.to_string())
        }
        Value::Bool(b) => {
            ctx.warn(path, format!("`{b}` where text was expected; ignored"));
            None
        }
        Value::Array(a) => {
            let parts: Vec<String> = a
                .iter()
                .enumerate()
                .filter_map(|(i, x)| to_text(ctx, x, &format!("{path}[{i}]")))
                .collect();
            if parts.is_empty() {
                return None;
            }
            ctx.warn(path, "a list where text was expected; read as paragraphs");
            Some(parts.join("\n\n"))
        }
        Value::Object(m) if is_language_map(m) => {
            let chosen = pick_language(ctx, m, path)?;
            to_text(ctx, chosen, path)
        }
        Value::Object(_) => {
            ctx.warn(path, "an object where text was expected; ignored");
            None
        }
    }
}

/// Any JSON value read as a list of texts.
pub(crate) fn to_texts(ctx: &mut Ctx, v: &Value, path: &str) -> Vec<String> {
    match v {
        Value::Null => Vec::new(),
        Value::Array(a) => {
            let mut out = Vec::new();
            for (i, x) in a.iter().enumerate() {
                let p = format!("{path}[{i}]");
                match x {
                    Value::Array(_) => out.extend(to_texts(ctx, x, &p)),
                    _ => out.extend(to_text(ctx, x, &p)),
                }
            }
            out
        }
        Value::Object(m) if is_language_map(m) => match pick_language(ctx, m, path) {
            Some(chosen) => to_texts(ctx, chosen, path),
            None => Vec::new(),
        },
        Value::String(_) | Value::Number(_) => {
            let t = to_text(ctx, v, path);
            if t.is_some() {
                ctx.warn(path, "text where a list was expected; read as one item");
            }
            t.into_iter().collect()
        }
        _ => {
            ctx.warn(path, format!("expected a list, found {}; ignored", kind(v)));
            Vec::new()
        }
    }
}

/// Any JSON value read as a list of objects.
pub(crate) fn to_items<'a>(ctx: &mut Ctx, v: &'a Value, path: &str) -> Vec<Item<'a>> {
    match v {
        Value::Null => Vec::new(),
        Value::Array(a) => {
            let mut out = Vec::new();
            for (i, x) in a.iter().enumerate() {
                let p = format!("{path}[{i}]");
                match x {
                    Value::Object(m) => out.push(Item::Obj(Obj::new(m, p))),
                    Value::String(_) | Value::Number(_) => {
                        if let Some(t) = to_text(ctx, x, &p) {
                            out.push(Item::Text(t, p));
                        }
                    }
                    Value::Null => {}
                    _ => ctx.warn(
                        &p,
                        format!("expected an object, found {}; ignored", kind(x)),
                    ),
                }
            }
            out
        }
        Value::Object(m) if is_language_map(m) => match pick_language(ctx, m, path) {
            Some(chosen) => to_items(ctx, chosen, path),
            None => Vec::new(),
        },
        Value::Object(m) => {
            ctx.warn(
                path,
                "one object where a list was expected; read as a list of one",
            );
            vec![Item::Obj(Obj::new(m, path.to_string()))]
        }
        Value::String(_) => match to_text(ctx, v, path) {
            Some(t) => {
                ctx.warn(path, "text where a list was expected; read as one item");
                vec![Item::Text(t, path.to_string())]
            }
            None => Vec::new(),
        },
        _ => {
            ctx.warn(path, format!("expected a list, found {}; ignored", kind(v)));
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_removes_controls_and_normalises_lines() {
        assert_eq!(clean("a\r\nb\rc\u{2028}d"), "a\nb\nc\nd");
        assert_eq!(clean("x\u{1b}[31mred\u{1b}[0m\u{7}y\u{9f}"), "xredy");
        assert_eq!(clean("  tab\there  \n"), "tab here");
        assert_eq!(clean("\u{202E}abc"), "abc");
    }

    #[test]
    fn language_maps_pick_the_preferred_language() {
        let mut ctx = Ctx {
            warnings: vec![],
            lang: "de".into(),
        };
        let v: Value = serde_json::json!({"en": "Hello", "de": "Hallo"});
        assert_eq!(to_text(&mut ctx, &v, "x").as_deref(), Some("Hallo"));
        ctx.lang = "fr".into();
        assert_eq!(to_text(&mut ctx, &v, "x").as_deref(), Some("Hello"));
        let plain: Value = serde_json::json!({"title": "x"});
        assert_eq!(to_text(&mut ctx, &plain, "x"), None);
    }
}
