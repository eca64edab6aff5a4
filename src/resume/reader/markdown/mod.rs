//! Markdown resumes (ours, the common conventions, a flattened profile export) read as JSON Resume.
//!
//! A Markdown file parses to its text (see [`crate::resume::syntax`]); this
//! reader turns the text into JSON Resume in phases: front matter
//! ([`front`]), a one-line export split back into lines ([`flat`]), the
//! CommonMark blocks ([`blocks`]), the header and contacts ([`contact`],
//! [`header`]), then each `## section` ([`sections`], [`titles`]) with its
//! `### entries` ([`entries`]) or keyword groups ([`groups`]), the
//! language's words ([`words`]) telling titles and dates apart. What finds
//! no place is kept as text nearby, with a warning naming its line.

mod blocks;
mod contact;
mod entries;
mod flat;
mod front;
mod groups;
mod header;
mod sections;
mod titles;
mod words;

use serde_json::Value;

use super::Reader;
use crate::resume::Warning;

/// Markdown: `# Name`, `## Section`, `### Title — Organisation`, dates and bullets.
#[derive(Debug)]
pub struct Markdown;

impl Reader for Markdown {
    fn name(&self) -> &'static str {
        "markdown"
    }
    fn description(&self) -> &'static str {
        "Markdown (# Name, ## sections, ### entries with a date line; our own md output)"
    }
    fn recognises(&self, value: &Value) -> bool {
        value.is_string()
    }
    fn map(&self, value: Value, warnings: &mut Vec<Warning>) -> Value {
        match value {
            Value::String(text) => read(&text, warnings),
            other => {
                warnings.push(Warning {
                    path: String::new(),
                    message:
                        "--from markdown, but the input is JSON, YAML or TOML; read as JSON Resume"
                            .into(),
                });
                other
            }
        }
    }
}

/// Markdown text as a JSON Resume value.
pub fn read(text: &str, warnings: &mut Vec<Warning>) -> Value {
    let text = text.trim_start_matches('\u{feff}');
    let (front, body, first_line) = front::split(text, warnings);
    let unflattened = flat::unflatten(body, warnings);
    let body = unflattened.as_deref().unwrap_or(body);
    let blocks = blocks::parse(body, if unflattened.is_some() { 1 } else { first_line });
    let mut resume = sections::document(&blocks, warnings);
    front::merge(&mut resume, front, warnings);
    Value::Object(resume)
}

/// Whether text without a known extension reads as Markdown: a heading
/// (`# Name`, or one flattened onto a line) or front matter opens it.
pub fn looks_like_markdown(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    let first = t.lines().next().unwrap_or("");
    let heading = first.starts_with('#') && first.trim_start_matches('#').starts_with(' ');
    let front = first.trim_end() == "---" && t.lines().skip(1).any(|l| l.trim_end() == "---");
    let setext = t
        .lines()
        .nth(1)
        .is_some_and(|l| !l.trim().is_empty() && l.trim().chars().all(|c| c == '='));
    heading || front || setext
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_recognised_by_its_opening() {
        assert!(looks_like_markdown("# Ana Lima\n\n## Work\n"));
        assert!(looks_like_markdown("---\nbasics:\n  name: A\n---\n# A\n"));
        assert!(looks_like_markdown("Ana Lima\n========\n"));
        assert!(!looks_like_markdown("basics:\n  name: A\n"));
        assert!(!looks_like_markdown("#comment\nbasics: {}\n"));
    }
}
