//! YAML front matter (`---` … `---`): `basics`, `meta.language`, `tags` and any JSON Resume key.

use serde_json::{Map, Value};

use crate::resume::Warning;

/// (front matter, the text after it, the line the text starts on).
pub(super) fn split<'a>(
    text: &'a str,
    warnings: &mut Vec<Warning>,
) -> (Option<Value>, &'a str, usize) {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return (None, text, 1);
    };
    let mut offset = 0usize;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" || line.trim_end() == "..." {
            let yaml = rest.get(..offset).unwrap_or("");
            let body = rest.get(offset + line.len()..).unwrap_or("");
            let lines = 2 + yaml.matches('\n').count();
            return match serde_yaml_ng::from_str::<Value>(yaml) {
                Ok(v @ Value::Object(_)) => (Some(v), body, lines + 1),
                Ok(Value::Null) => (None, body, lines + 1),
                Ok(_) | Err(_) => {
                    warnings.push(Warning {
                        path: "line 1".into(),
                        message: "front matter that is not a YAML mapping; read as text".into(),
                    });
                    (None, text, 1)
                }
            };
        }
        offset += line.len();
    }
    (None, text, 1)
}

/// Front matter over what the text gives: its `basics` fields win, other keys are
/// added; `tags` (a list) tags every entry; `language`/`lang` set `meta.language`.
pub(super) fn merge(
    resume: &mut Map<String, Value>,
    front: Option<Value>,
    warnings: &mut Vec<Warning>,
) {
    let Some(Value::Object(front)) = front else {
        return;
    };
    for (key, value) in front {
        match key.as_str() {
            "basics" | "meta" => {
                let target = resume
                    .entry(key.clone())
                    .or_insert_with(|| Value::Object(Map::new()));
                match (target, value) {
                    (Value::Object(t), Value::Object(v)) => {
                        for (k, x) in v {
                            t.insert(k, x);
                        }
                    }
                    (t, v) => *t = v,
                }
            }
            "language" | "lang" | "locale" => {
                let meta = resume
                    .entry("meta")
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(m) = meta {
                    m.insert("language".into(), value);
                }
            }
            "tags" => tag_entries(resume, &value),
            _ if resume.contains_key(&key) => warnings.push(Warning {
                path: format!("front matter: {key}"),
                message: "also in the text; the text's is kept".into(),
            }),
            _ => {
                resume.insert(key, value);
            }
        }
    }
}

/// Entry sections that take tailoring tags.
const TAGGED: &[&str] = &[
    "work",
    "volunteer",
    "education",
    "projects",
    "awards",
    "certificates",
    "publications",
    "skills",
];

/// `tags: [a, b]` tags every entry; `tags: {"Entry title": [a]}` the entries with that
/// title (position, name or organisation).
fn tag_entries(resume: &mut Map<String, Value>, tags: &Value) {
    let list = |v: &Value| -> Vec<Value> {
        match v {
            Value::String(s) => s
                .split(',')
                .map(|t| Value::String(t.trim().to_string()))
                .collect(),
            Value::Array(a) => a.clone(),
            _ => Vec::new(),
        }
    };
    for key in TAGGED {
        let Some(Value::Array(items)) = resume.get_mut(*key) else {
            continue;
        };
        for item in items.iter_mut() {
            let Value::Object(o) = item else { continue };
            let chosen = match tags {
                Value::Object(by_title) => ["position", "name", "title", "institution"]
                    .iter()
                    .filter_map(|k| o.get(*k).and_then(Value::as_str))
                    .find_map(|t| by_title.get(t))
                    .map(list),
                other => Some(list(other)),
            };
            if let Some(t) = chosen.filter(|t| !t.is_empty()) {
                o.insert("tags".into(), Value::Array(t));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_splits_off() {
        let mut w = Vec::new();
        let (v, body, line) = split(
            "---\nbasics:\n  email: a@b.org\nlanguage: de\n---\n# Ana\n",
            &mut w,
        );
        assert_eq!(body, "# Ana\n");
        assert_eq!(line, 6);
        let mut r = Map::new();
        merge(&mut r, v, &mut w);
        assert_eq!(r["basics"]["email"], "a@b.org");
        assert_eq!(r["meta"]["language"], "de");
        let (v, body, _) = split("# Ana\n---\n", &mut w);
        assert!(v.is_none() && body.starts_with("# Ana"));
    }
}
