//! A Markdown resume flattened onto one line (as a profile site's export arrives) split back into lines.
//!
//! Headings, list dashes, rules and `Label:` contacts are cut apart where they
//! stand; an entry heading that runs on into its dates, place and description
//! is cut at the date range, and the place ends where a sentence starts. Each
//! guess is said in a warning, so the reader can check it.

use std::sync::OnceLock;

use regex::Regex;

use crate::resume::Warning;

/// Labels that open a contact or footer line in a flattened header.
const LABELS: &[&str] = &[
    "Location",
    "Profile",
    "Email",
    "E-mail",
    "Phone",
    "Mobile",
    "Website",
    "Web",
    "LinkedIn",
    "GitHub",
    "GitLab",
    "Twitter",
    "Mastodon",
    "Blog",
    "Portfolio",
    "Address",
    "Source",
    "JSON Resume",
    "Last updated",
    "Updated",
    "Version",
];

/// Words that name a school; the institution's name starts at most a few words before one.
const SCHOOL: &[&str] = &[
    "University",
    "Institute",
    "College",
    "School",
    "Academy",
    "Polytechnic",
    "Universität",
    "Université",
    "Universidad",
    "Universidade",
    "Università",
    "Hochschule",
    "Conservatory",
];

/// Words that end a field of study (so they are not part of the school's name).
const FIELD_END: &[&str] = &[
    "Science",
    "Sciences",
    "Engineering",
    "Technology",
    "Studies",
    "Arts",
    "Mathematics",
    "Physics",
    "Chemistry",
    "Biology",
    "Economics",
    "Administration",
    "Management",
    "Design",
    "Law",
    "Medicine",
    "Business",
    "Informatics",
    "Computing",
    "Communication",
    "Communications",
];

fn re(cell: &'static OnceLock<Option<Regex>>, pattern: &str) -> Option<&'static Regex> {
    cell.get_or_init(|| Regex::new(pattern).ok()).as_ref()
}

/// The text split back into lines, or `None` when it is not one flattened line.
pub(super) fn unflatten(text: &str, warnings: &mut Vec<Warning>) -> Option<String> {
    let t = text.trim();
    if t.lines().count() > 2 || !(t.contains(" ## ") || t.contains(" ### ")) {
        return None;
    }
    static HEAD: OnceLock<Option<Regex>> = OnceLock::new();
    let head = re(&HEAD, r"\s+(#{1,6}\s)")?;
    let t = head.replace_all(t, "\n\n$1");
    static RULE: OnceLock<Option<Regex>> = OnceLock::new();
    let rule = re(&RULE, r"\s+---\s+")?;
    let t = rule.replace_all(&t, "\n\n---\n\n");
    warnings.push(Warning {
        path: String::new(),
        message: "the Markdown arrived on one line; split back into lines at headings, rules, list dashes and `Label:` contacts (line numbers below count the split text)".into(),
    });
    let mut out: Vec<String> = Vec::new();
    let mut section = String::new();
    for block in t.split("\n\n") {
        let block = block.trim();
        if let Some(title) = block.strip_prefix("## ") {
            let (title, rest) = list_after_title(title);
            section = title.to_lowercase();
            out.push(format!("## {title}"));
            out.extend(rest);
        } else if let Some(h1) = block.strip_prefix("# ") {
            out.extend(header(h1));
        } else if let Some(h) = block.strip_prefix("### ") {
            out.extend(entry(h, &section, warnings, out.len()));
        } else if out.last().is_some_and(|l| l == "---") {
            out.push(labelled_lines(block).join("\n"));
        } else {
            out.push(block.to_string());
        }
    }
    let mut s = out.join("\n\n");
    s.push('\n');
    Some(s)
}

/// `Alex > Engineer Location: X Profile: url Summary…` → name, label, contact lines, summary.
fn header(h1: &str) -> Vec<String> {
    let (name, rest) = match h1.split_once(" > ") {
        Some((n, r)) => (n.trim(), Some(r)),
        None => (h1.trim(), None),
    };
    let mut out = vec![format!("# {name}")];
    let Some(rest) = rest else { return out };
    let lines = labelled_lines(rest);
    let mut iter = lines.into_iter();
    if let Some(label) = iter.next() {
        out.push(format!("> {label}"));
    }
    let mut contacts = Vec::new();
    for l in iter {
        // A URL value ends at the first space; what follows is the summary.
        match l.split_once(": ") {
            Some((k, v)) if v.starts_with("http") => match v.split_once(' ') {
                Some((url, more)) => {
                    contacts.push(format!("{k}: {url}"));
                    out.push(contacts.join("  \n"));
                    contacts.clear();
                    out.push(more.trim().to_string());
                }
                None => contacts.push(l),
            },
            _ => contacts.push(l),
        }
    }
    if !contacts.is_empty() {
        out.push(contacts.join("  \n"));
    }
    out
}

/// Text cut before each known `Label:`.
fn labelled_lines(s: &str) -> Vec<String> {
    let mut cuts = vec![0usize];
    for label in LABELS {
        let pat = format!("{label}: ");
        for (i, _) in s.match_indices(&pat) {
            if i > 0 && s.get(..i).is_some_and(|b| b.ends_with(' ')) {
                cuts.push(i);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.push(s.len());
    cuts.windows(2)
        .filter_map(|w| match w {
            [a, b] => s.get(*a..*b).map(|x| x.trim().to_string()),
            _ => None,
        })
        .filter(|x| !x.is_empty())
        .collect()
}

/// `Contact & Social - LinkedIn: url` → the title, and `- LinkedIn: url` list lines.
fn list_after_title(s: &str) -> (String, Vec<String>) {
    let mut parts = s.split(" - ");
    let title = parts.next().unwrap_or("").trim().to_string();
    let items: Vec<String> = parts.map(|p| format!("- {}", p.trim())).collect();
    (title, items)
}

/// `Title @ Company Jan 2021 – Present | Place Description…` → heading, date line, description.
fn entry(h: &str, section: &str, warnings: &mut Vec<Warning>, line_hint: usize) -> Vec<String> {
    static RANGE: OnceLock<Option<Regex>> = OnceLock::new();
    let Some(range) = re(
        &RANGE,
        r"(?:\b\p{Lu}\p{Ll}{2,8}\.?\s+)?\b\d{4}\s*(?:–|—|-|to)\s*(?:(?:\p{Lu}\p{Ll}{2,8}\.?\s+)?\d{4}\b|Present\b|Current\b|Now\b|present\b|today\b)",
    ) else {
        return vec![format!("### {h}")];
    };
    let Some(m) = range.find(h) else {
        if section.contains("education") {
            return school(h, warnings, line_hint);
        }
        return vec![format!("### {h}")];
    };
    let title = h.get(..m.start()).unwrap_or("").trim();
    let dates = m.as_str().trim();
    let after = h.get(m.end()..).unwrap_or("").trim();
    let mut out = vec![format!("### {title}")];
    match after.strip_prefix("| ") {
        Some(rest) => {
            let (place, description) = place_and_sentence(rest);
            out.push(format!("{dates} | {place}"));
            if !description.is_empty() {
                warnings.push(Warning {
                    path: format!("entry `{title}`"),
                    message: format!(
                        "assumed the place is `{place}` and the description starts at `{}…`",
                        description.chars().take(24).collect::<String>()
                    ),
                });
                out.push(description.to_string());
            }
        }
        None => {
            out.push(dates.to_string());
            if !after.is_empty() {
                out.push(after.to_string());
            }
        }
    }
    out
}

/// `Palo Alto Responsible for …` → (`Palo Alto`, `Responsible for …`): the place is
/// capitalised words and commas; the last capitalised word before a lower-case one
/// starts the sentence.
fn place_and_sentence(s: &str) -> (String, &str) {
    let words: Vec<(usize, &str)> = s
        .split(' ')
        .scan(0usize, |pos, w| {
            let start = *pos;
            *pos += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let capital = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    let mut end = words.len();
    for (i, (_, w)) in words.iter().enumerate() {
        if !capital(w) {
            end = i.saturating_sub(1);
            break;
        }
    }
    if end == words.len() {
        return (s.trim().to_string(), "");
    }
    let start_of_sentence = words.get(end).map_or(s.len(), |(p, _)| *p);
    (
        s.get(..start_of_sentence).unwrap_or(s).trim().to_string(),
        s.get(start_of_sentence..).unwrap_or("").trim(),
    )
}

/// `Bachelor of X in Y National Institute of Z, City` → degree heading, institution line.
fn school(h: &str, warnings: &mut Vec<Warning>, _line: usize) -> Vec<String> {
    let words: Vec<&str> = h.split(' ').collect();
    let Some(k) = words
        .iter()
        .position(|w| SCHOOL.contains(&w.trim_end_matches(',')))
    else {
        return vec![format!("### {h}")];
    };
    let mut start = k;
    while start > 0 {
        let prev = words.get(start - 1).copied().unwrap_or("");
        let capital = prev.chars().next().is_some_and(char::is_uppercase);
        if !capital || FIELD_END.contains(&prev) || prev.ends_with(',') {
            break;
        }
        start -= 1;
    }
    if start == 0 {
        return vec![format!("### {h}")];
    }
    let degree = words.get(..start).unwrap_or(&[]).join(" ");
    let school = words.get(start..).unwrap_or(&[]).join(" ");
    warnings.push(Warning {
        path: format!("entry `{degree}`"),
        message: format!("assumed the degree is `{degree}` and the school `{school}`"),
    });
    vec![format!("### {degree} — {school}")]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_end_where_sentences_start() {
        assert_eq!(
            place_and_sentence("Palo Alto Responsible for the work."),
            ("Palo Alto".into(), "Responsible for the work.")
        );
        assert_eq!(
            place_and_sentence("Palo Alto, California, United States"),
            ("Palo Alto, California, United States".into(), "")
        );
    }

    #[test]
    fn a_flat_line_is_split() {
        let mut w = Vec::new();
        let s = unflatten(
            "# Ana > Engineer Location: Berlin Profile: https://a.org Builds things. ## Work Experience ### Dev @ Acme Jan 2020 – Present | Berlin Did this. ## Education ### BSc in Physics Stanford University",
            &mut w,
        )
        .unwrap();
        assert!(s.contains("# Ana\n\n> Engineer\n\nLocation: Berlin  \nProfile: https://a.org\n\nBuilds things."), "{s}");
        assert!(
            s.contains("### Dev @ Acme\n\nJan 2020 – Present | Berlin\n\nDid this."),
            "{s}"
        );
        assert!(
            s.contains("### BSc in Physics — Stanford University"),
            "{s}"
        );
        assert!(unflatten("# A\n\n## B\n\ntext\n", &mut w).is_none());
    }
}
