//! Bounds on what one resume may hold, so no input can exhaust memory or time.
//!
//! Each bound has its own message naming the limit. The defaults are far above
//! any real resume: the largest file of the corpus is 53 KB, 6 levels deep,
//! with 31 entries in its longest list.

use serde_json::Value;

/// Largest photo file accepted, in bytes (`crate::photo` holds photos to it; a `data:`
/// URI photo may be as long as its base64).
pub const MAX_PHOTO_BYTES: usize = 10 * 1024 * 1024;

/// The bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of one resume (`--max-input-size`).
    pub max_input_bytes: usize,
    /// Levels of nested arrays and objects.
    pub max_depth: usize,
    /// Elements of one array or members of one object.
    pub max_items: usize,
    /// Characters of one string.
    pub max_string_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 5 * 1024 * 1024,
            max_depth: 64,
            max_items: 10_000,
            max_string_chars: 200_000,
        }
    }
}

/// Checks the size before anything is parsed.
pub fn check_size(len: usize, limits: &Limits) -> Result<(), String> {
    if len > limits.max_input_bytes {
        return Err(format!(
            "the input is {} bytes, over the limit of {} bytes (--max-input-size)",
            len, limits.max_input_bytes
        ));
    }
    Ok(())
}

/// The nesting depth of JSON text, counted without parsing (strings skipped).
pub fn check_depth(text: &str, limits: &Limits) -> Result<(), String> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for b in text.bytes() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limits.max_depth {
                    return Err(format!(
                        "the JSON nests deeper than {} levels (the limit)",
                        limits.max_depth
                    ));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Checks list lengths and string lengths of parsed JSON; names the first offending path.
pub fn check_value(v: &Value, limits: &Limits) -> Result<(), String> {
    fn walk(v: &Value, path: &mut String, limits: &Limits) -> Result<(), String> {
        match v {
            Value::String(s) => {
                let max = string_limit(path, limits);
                // Bytes bound characters from above, so most strings skip the count.
                if s.len() > max && s.chars().count() > max {
                    return Err(format!(
                        "{}: a text of {} characters, over the limit of {}",
                        shown(path),
                        s.chars().count(),
                        max
                    ));
                }
            }
            Value::Array(a) => {
                if a.len() > limits.max_items {
                    return Err(format!(
                        "{}: a list of {} items, over the limit of {}",
                        shown(path),
                        a.len(),
                        limits.max_items
                    ));
                }
                for (i, x) in a.iter().enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{i}]"));
                    walk(x, path, limits)?;
                    path.truncate(len);
                }
            }
            Value::Object(o) => {
                if o.len() > limits.max_items {
                    return Err(format!(
                        "{}: an object of {} fields, over the limit of {}",
                        shown(path),
                        o.len(),
                        limits.max_items
                    ));
                }
                for (k, x) in o {
                    let len = path.len();
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(k);
                    walk(x, path, limits)?;
                    path.truncate(len);
                }
            }
            _ => {}
        }
        Ok(())
    }
    /// The photo may be a `data:` URI: it is held to the photo's own limit,
    /// in base64, rather than to the one for texts.
    fn string_limit(path: &str, limits: &Limits) -> usize {
        if matches!(path, "basics.image" | "basics.picture") {
            limits.max_string_chars.max(MAX_PHOTO_BYTES / 3 * 4 + 100)
        } else {
            limits.max_string_chars
        }
    }
    fn shown(path: &str) -> &str {
        if path.is_empty() {
            "the top level"
        } else {
            path
        }
    }
    walk(v, &mut String::new(), limits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_limit_has_its_message() {
        let l = Limits {
            max_input_bytes: 10,
            max_depth: 3,
            max_items: 2,
            max_string_chars: 5,
        };
        assert!(
            check_size(11, &l)
                .unwrap_err()
                .contains("over the limit of 10 bytes")
        );
        assert!(
            check_depth("[[[[]]]]", &l)
                .unwrap_err()
                .contains("deeper than 3")
        );
        assert!(
            check_depth("[\"[[[[\"]", &l).is_ok(),
            "brackets in strings do not count"
        );
        let v: Value = serde_json::json!({"work": [{"highlights": ["ok", "toolong"]}]});
        assert_eq!(
            check_value(&v, &l).unwrap_err(),
            "work[0].highlights[1]: a text of 7 characters, over the limit of 5"
        );
        let v: Value = serde_json::json!({"basics": {"image": "data:image/png;base64,AAAA"}});
        assert!(check_value(&v, &l).is_ok(), "the photo has its own limit");
        let v: Value = serde_json::json!({"basics": {"label": "data:image/png;base64,AAAA"}});
        assert!(check_value(&v, &l).is_err());
        let big = "A".repeat(MAX_PHOTO_BYTES / 3 * 4 + 101);
        let v: Value = serde_json::json!({"basics": {"picture": big}});
        assert!(check_value(&v, &l).is_err(), "but it has one");
        let v: Value = serde_json::json!({"skills": [1, 2, 3]});
        assert!(
            check_value(&v, &l)
                .unwrap_err()
                .starts_with("skills: a list of 3 items")
        );
    }
}
