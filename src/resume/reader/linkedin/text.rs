//! LinkedIn's ways of writing values: `Mon YYYY` dates, bulleted descriptions, proficiency phrases, the `Websites` list.

use serde_json::Value;

use crate::resume::date::{self, Date, Parse};

/// A date as JSON Resume writes it: `Jan 2020` → `2020-01`, `2019` → `2019`;
/// anything else is kept as written (the reader then warns about it).
pub(super) fn date(raw: Option<String>) -> Option<String> {
    let raw = raw?;
    match date::parse(&raw) {
        Parse::Empty => None,
        Parse::Canonical(Date::Exact(d)) | Parse::Reinterpreted(Date::Exact(d), _) => Some(d.iso()),
        _ => Some(raw),
    }
}

/// Characters LinkedIn users open a bullet line with.
const BULLETS: &[char] = &[
    '•', '●', '▪', '◦', '·', '-', '–', '—', '*', '+', '►', '✓', '✔',
];

/// A bullet line's text, without its marker.
fn bullet(line: &str) -> Option<&str> {
    let rest = line.strip_prefix(BULLETS)?;
    let marker_is_word =
        line.starts_with(['-', '*', '+']) && !rest.starts_with(char::is_whitespace);
    (!marker_is_word).then(|| rest.trim())
}

/// A description split: its paragraphs as a summary, its bullet lines as
/// highlights (a line that follows a bullet without a blank line between
/// continues it).
pub(super) fn description(text: Option<String>) -> (Option<String>, Vec<Value>) {
    let Some(text) = text else {
        return (None, Vec::new());
    };
    let mut paragraphs: Vec<String> = Vec::new();
    let mut highlights: Vec<String> = Vec::new();
    let mut in_bullet = false;
    let mut new_paragraph = true;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            in_bullet = false;
            new_paragraph = true;
        } else if let Some(item) = bullet(line) {
            if !item.is_empty() {
                highlights.push(item.to_string());
                in_bullet = true;
            }
        } else if in_bullet && let Some(last) = highlights.last_mut() {
            last.push(' ');
            last.push_str(line);
        } else if new_paragraph || paragraphs.is_empty() {
            paragraphs.push(line.to_string());
            new_paragraph = false;
        } else if let Some(last) = paragraphs.last_mut() {
            last.push('\n');
            last.push_str(line);
        }
    }
    let summary = (!paragraphs.is_empty()).then(|| paragraphs.join("\n\n"));
    (summary, highlights.into_iter().map(Value::String).collect())
}

/// LinkedIn's proficiency phrases as fluency words (its five levels, the
/// scale of the US Interagency Language Roundtable); another phrase is kept.
pub(super) fn fluency(phrase: &str) -> String {
    const LEVELS: &[(&str, &str)] = &[
        ("elementary proficiency", "Elementary"),
        ("limited working proficiency", "Limited working"),
        ("professional working proficiency", "Professional working"),
        ("full professional proficiency", "Full professional"),
        ("native or bilingual proficiency", "Native or bilingual"),
    ];
    let lower = phrase.trim().to_lowercase();
    LEVELS
        .iter()
        .find(|(p, _)| *p == lower)
        .map_or_else(|| phrase.trim().to_string(), |(_, w)| (*w).to_string())
}

/// `[PERSONAL:https://a.dev,OTHER:https://b.org/x,y]` → `[("PERSONAL", "https://a.dev"), ("OTHER", "https://b.org/x,y")]`.
/// A comma starts a new entry only when a `TYPE:` follows it.
pub(super) fn websites(list: &str) -> Vec<(Option<String>, String)> {
    let inner = list.trim();
    let inner = inner.strip_prefix('[').unwrap_or(inner);
    let inner = inner.strip_suffix(']').unwrap_or(inner);
    let mut out: Vec<(Option<String>, String)> = Vec::new();
    for piece in inner.split(',') {
        match typed(piece) {
            Some((kind, url)) => out.push((Some(kind), url)),
            None => match out.last_mut() {
                Some(last) if !piece.trim().is_empty() => {
                    last.1.push(',');
                    last.1.push_str(piece.trim_end());
                }
                _ if !piece.trim().is_empty() => out.push((None, piece.trim().to_string())),
                _ => {}
            },
        }
    }
    out.retain(|(_, url)| !url.is_empty());
    out
}

/// `PERSONAL:https://…` → (`PERSONAL`, `https://…`); a URL's own scheme is not a type.
fn typed(piece: &str) -> Option<(String, String)> {
    let (kind, rest) = piece.trim().split_once(':')?;
    let is_type = !kind.is_empty()
        && kind.chars().all(|c| c.is_ascii_uppercase() || c == '_')
        && !rest.starts_with("//");
    is_type.then(|| (kind.to_string(), rest.trim().to_string()))
}

/// `[@a,b]` or `a` → the handles without `@`.
pub(super) fn handles(list: &str) -> Vec<String> {
    let inner = list.trim();
    let inner = inner.strip_prefix('[').unwrap_or(inner);
    let inner = inner.strip_suffix(']').unwrap_or(inner);
    inner
        .split(',')
        .map(|h| h.trim().trim_start_matches('@').to_string())
        .filter(|h| !h.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(date(Some("Jan 2020".into())).as_deref(), Some("2020-01"));
        assert_eq!(date(Some("2019".into())).as_deref(), Some("2019"));
        assert_eq!(date(Some(" ".into())), None);
        assert_eq!(date(Some("someday".into())).as_deref(), Some("someday"));
    }

    #[test]
    fn descriptions() {
        let (s, h) = description(Some(
            "Led the \"core\" team.\nKept it running.\n\n• Cut costs\n  by half\n- Hired 4\n-5 is not a bullet".into(),
        ));
        assert_eq!(
            s.as_deref(),
            Some("Led the \"core\" team.\nKept it running.")
        );
        assert_eq!(h, vec!["Cut costs by half", "Hired 4 -5 is not a bullet"]);
        let (s, h) = description(Some("Plain.".into()));
        assert_eq!((s.as_deref(), h.len()), (Some("Plain."), 0));
    }

    #[test]
    fn proficiencies() {
        assert_eq!(
            fluency("Native or bilingual proficiency"),
            "Native or bilingual"
        );
        assert_eq!(
            fluency("Full professional proficiency"),
            "Full professional"
        );
        assert_eq!(fluency("Some"), "Some");
    }

    #[test]
    fn website_lists() {
        assert_eq!(
            websites("[PERSONAL:https://a.dev,OTHER:https://b.org/x,y,COMPANY:c.com]"),
            vec![
                (Some("PERSONAL".into()), "https://a.dev".into()),
                (Some("OTHER".into()), "https://b.org/x,y".into()),
                (Some("COMPANY".into()), "c.com".into()),
            ]
        );
        assert_eq!(
            websites("https://a.dev"),
            vec![(None, "https://a.dev".into())]
        );
        assert_eq!(handles("[@jane,bob]"), vec!["jane", "bob"]);
    }
}
