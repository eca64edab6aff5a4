//! What a checked file is, a resume or a cover letter: from the option, the `--against` file, the title in its metadata, or a greeting in its text.
//!
//! A letter has no sections, no dated entries and often no contact lines:
//! the findings that look for those are a resume's, and `check` leaves them
//! out for a letter.

use serde::Serialize;

use super::{Line, Part};

/// A resume or a cover letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Resume,
    Letter,
}

/// How the kind was known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KindFrom {
    /// `--kind`.
    Option,
    /// `--against` named a letter (or a resume).
    Against,
    /// The title in the file's properties (`Title`, `dc:title`).
    Metadata,
    /// A greeting line and no section heading.
    Content,
    /// Nothing said otherwise: a resume.
    Default,
}

/// Longest greeting line recognised, in characters.
const GREETING_MAX: usize = 80;

/// The kind of a file with `title` in its metadata and `lines` of text, when
/// neither the option nor `--against` said it; `headings` is whether a
/// section heading was recognised.
pub fn recognise(title: Option<&str>, lines: &[Line], headings: bool) -> (Kind, KindFrom) {
    if let Some(t) = title
        && letter_title(t)
    {
        return (Kind::Letter, KindFrom::Metadata);
    }
    let greeting = lines
        .iter()
        .filter(|l| matches!(l.part, Part::Body | Part::Table | Part::TextBox))
        .any(|l| is_greeting(&l.text));
    if greeting && !headings {
        return (Kind::Letter, KindFrom::Content);
    }
    (Kind::Resume, KindFrom::Default)
}

/// A title that names a cover letter in one of the built-in languages:
/// the word alone, or after the sender's name ("Alex Rivera – Cover
/// letter"). An application (letter and resume in one file, "… – Cover
/// letter · Resume") is not a letter.
fn letter_title(title: &str) -> bool {
    let title = title.trim();
    if title.contains(" · ") {
        return false;
    }
    let lower = title.to_lowercase();
    crate::document::all_letter_words().any(|(_, _, word)| {
        let word = word.to_lowercase();
        lower == word
            || ["–", "—", "-", ":", "|"]
                .iter()
                .any(|sep| lower.ends_with(&format!(" {sep} {word}")))
    })
}

/// A line that opens a letter: one of the built-in greetings, or a short
/// line that starts as one does ("Dear Dr. Chen,", "Sehr geehrte Frau
/// Weber,") and ends with the punctuation a greeting ends with.
fn is_greeting(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > GREETING_MAX {
        return false;
    }
    crate::document::all_letter_words().any(|(greeting, _, _)| {
        if line == greeting {
            return true;
        }
        let opening = opening(greeting);
        !opening.is_empty()
            && line.starts_with(&opening)
            && line.len() > opening.len()
            && line.ends_with([',', ':', '!', '،', '，'])
    })
}

/// The words a greeting starts with: its first word, and the second when the
/// first is short or a politeness word alone ("Sehr geehrte", "Estimados").
fn opening(greeting: &str) -> String {
    let words: Vec<&str> = greeting
        .trim_end_matches([',', ':', '!', '،', '，'])
        .split_whitespace()
        .collect();
    match words.as_slice() {
        [] | [_] => String::new(),
        [first, second, ..] if first.chars().count() <= 4 && *first != "Dear" => {
            format!("{first} {second} ")
        }
        [first, ..] => format!("{first} "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> Line {
        Line {
            text: text.into(),
            part: Part::Body,
            page: Some(1),
        }
    }

    #[test]
    fn a_letter_is_known_by_its_title() {
        assert!(letter_title("Alex Rivera – Cover letter"));
        assert!(letter_title("Cover letter"));
        assert!(letter_title("Erika Muster – Anschreiben"));
        assert!(!letter_title("Alex Rivera – Cover letter · Resume"));
        assert!(!letter_title("Alex Rivera – Resume"));
        assert!(!letter_title("My cover letter draft notes"));
    }

    #[test]
    fn a_letter_is_known_by_its_greeting_when_it_has_no_sections() {
        let lines = vec![body("Dear Dr. Chen,"), body("I apply.")];
        assert_eq!(recognise(None, &lines, false).0, Kind::Letter);
        assert_eq!(recognise(None, &lines, true).0, Kind::Resume);
        let german = vec![body("Sehr geehrte Frau Weber,")];
        assert_eq!(recognise(None, &german, false).0, Kind::Letter);
        let resume = vec![body("Dear Leader award, 2019"), body("Experience")];
        assert_eq!(recognise(None, &resume, false).0, Kind::Resume);
        assert_eq!(
            recognise(Some("A – Cover letter"), &[], true),
            (Kind::Letter, KindFrom::Metadata)
        );
    }
}
