//! Output names (`--name` templates) and the plan of every destination.
//!
//! Destinations are decided for all units before anything is written, in
//! input order, so which unit wins a clash never depends on scheduling: the
//! first input keeps the name, a later one fails with a clear message. No
//! output may be an input file.

use std::path::{Path, PathBuf};

use crate::inputs::Unit;
use crate::placeholder::{fill, slug};

/// Placeholders a `--name` template may use.
pub const PLACEHOLDERS: &[&str] = &["{stem}", "{name}", "{index}", "{lang}"];

/// Checks a template: only known placeholders, and something to name the file by.
pub fn check_template(template: &str) -> Result<(), String> {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = rest.get(open..).unwrap_or("");
        let close = after
            .find('}')
            .ok_or_else(|| format!("--name `{template}`: unclosed `{{`"))?;
        let placeholder = after.get(..=close).unwrap_or("");
        if !PLACEHOLDERS.contains(&placeholder) {
            return Err(format!(
                "--name `{template}`: unknown placeholder {placeholder}; use {}",
                PLACEHOLDERS.join(", ")
            ));
        }
        rest = after.get(close + 1..).unwrap_or("");
    }
    if template.trim().is_empty() {
        return Err("--name must not be empty".into());
    }
    Ok(())
}

/// Whether the template needs the resume's content (name or language).
pub fn needs_content(template: Option<&str>) -> bool {
    template.is_some_and(|t| t.contains("{name}") || t.contains("{lang}"))
}

/// What the content contributes to a name.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub name: Option<String>,
    pub lang: Option<String>,
}

impl Facts {
    /// Reads `basics.name` (or a top-level `name`) and `meta.language` from parsed JSON.
    pub fn of(value: &serde_json::Value) -> Facts {
        let text = |v: Option<&serde_json::Value>| v.and_then(|x| x.as_str()).map(str::to_string);
        Facts {
            name: text(value.pointer("/basics/name")).or_else(|| text(value.get("name"))),
            lang: text(value.pointer("/meta/language")),
        }
    }
}

/// A file name from a template (without extension); never contains a path separator.
pub fn file_name(template: Option<&str>, unit: &Unit, facts: &Facts) -> String {
    let default = if unit.member {
        "{stem}-{index}"
    } else {
        "{stem}"
    };
    let template = template.unwrap_or(default);
    let name = facts.name.as_deref().map(slug).filter(|s| !s.is_empty());
    let lang = facts.lang.as_deref().map(slug).filter(|s| !s.is_empty());
    let index = unit.index.to_string();
    let filled = fill(
        template,
        &[
            ("stem", &unit.stem),
            ("name", name.as_deref().unwrap_or("resume")),
            ("index", &index),
            ("lang", lang.as_deref().unwrap_or("en")),
        ],
    );
    let cleaned: String = filled
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_string();
    let mut cut = cleaned.len().min(200);
    while !cleaned.is_char_boundary(cut) {
        cut -= 1;
    }
    let cleaned = cleaned.get(..cut).unwrap_or("").to_string();
    if cleaned.is_empty() {
        "resume".to_string()
    } else {
        cleaned
    }
}

/// An absolute, normalised form of a path that may not exist yet.
pub fn normalise(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    let parent = match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    match (parent.canonicalize(), p.file_name()) {
        (Ok(d), Some(name)) => d.join(name),
        _ => std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()),
    }
}

/// Destinations claimed so far, in input order.
pub struct Plan {
    inputs: Vec<PathBuf>,
    /// Claimed path → the label of the unit that claimed it (a map: batches hold
    /// tens of thousands of outputs, and a list made planning quadratic).
    claimed: std::collections::BTreeMap<PathBuf, String>,
}

impl Plan {
    /// A plan that protects these input files.
    pub fn new(inputs: impl IntoIterator<Item = PathBuf>) -> Plan {
        let mut inputs: Vec<PathBuf> = inputs.into_iter().map(|p| normalise(&p)).collect();
        inputs.sort();
        inputs.dedup();
        Plan {
            inputs,
            claimed: std::collections::BTreeMap::new(),
        }
    }

    /// Claims `path` for the unit labelled `label`.
    pub fn claim(&mut self, path: &Path, label: &str) -> Result<(), String> {
        let key = normalise(path);
        if self.inputs.binary_search(&key).is_ok() {
            return Err(format!(
                "refusing to overwrite input file {} with output",
                path.display()
            ));
        }
        if let Some(other) = self.claimed.get(&key) {
            return Err(format!(
                "output {} would overwrite the output of {other}; use --name (e.g. \"{{stem}}-{{index}}\") or separate runs",
                path.display()
            ));
        }
        self.claimed.insert(key, label.to_string());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_checked() {
        assert!(check_template("{stem}-{name}").is_ok());
        assert!(
            check_template("{nmae}")
                .unwrap_err()
                .contains("unknown placeholder {nmae}")
        );
        assert!(check_template("{stem").is_err());
        assert!(check_template(" ").is_err());
    }
}
