//! Placeholders (`{name}`) filled in one pass, and slugs for file names: used by file names
//! (`--name`), the letterhead and the server's download names.

/// `template` with each `{key}` of `values` replaced by its value, in one
/// pass: a value holding `{date}` stays as it is. Other braces are kept.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, from) = rest.split_at(open);
        out.push_str(before);
        let found = values.iter().find(|(key, _)| {
            from.strip_prefix('{')
                .and_then(|f| f.strip_prefix(key))
                .is_some_and(|f| f.starts_with('}'))
        });
        match found {
            Some((key, value)) => {
                out.push_str(value);
                rest = from.get(key.len() + 2..).unwrap_or("");
            }
            None => {
                out.push('{');
                rest = from.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// `Jane Q. Doe` → `jane-q-doe`; letters of any script are kept.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_once() {
        let values = [
            ("name", "Ada {date}"),
            ("ref", "{name}"),
            ("date", "2024-05-01"),
        ];
        assert_eq!(
            fill("{name} / {ref} / {date}", &values),
            "Ada {date} / {name} / 2024-05-01"
        );
        assert_eq!(fill("{{date}} {x} {", &values), "{2024-05-01} {x} {");
        assert_eq!(fill("", &values), "");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Jane Q. Doe"), "jane-q-doe");
        assert_eq!(slug("  Zoë  Ünal "), "zoë-ünal");
        assert_eq!(slug("杨杨"), "杨杨");
        assert_eq!(slug("../.."), "");
    }
}
