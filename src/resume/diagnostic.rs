//! Messages for a source error, with the line it points at (annotate-snippets), for every face and the batch.

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

use crate::resume::SourceError;

/// `FILE:LINE:COLUMN` of a JSON error (or `FILE` for an encoding error), shifted by
/// `offset`: the 1-based line and column where the text started in its file.
pub fn location(name: &str, e: &SourceError, offset: (usize, usize)) -> String {
    match e {
        SourceError::Encoding { .. } | SourceError::Limit(_) | SourceError::Archive(_) => {
            name.to_string()
        }
        SourceError::Syntax(j) | SourceError::NotResume(j) => {
            let (line, column) = shift(j.line, j.column, offset);
            format!("{name}:{line}:{column}")
        }
    }
}

fn shift(line: usize, column: usize, (first_line, first_column): (usize, usize)) -> (usize, usize) {
    let shifted_line = line + first_line.saturating_sub(1);
    let shifted_column = if line == 1 {
        column + first_column.saturating_sub(1)
    } else {
        column
    };
    (shifted_line, shifted_column)
}

/// A rendered message for an input that is not readable JSON; `offset` as for [`location`].
pub fn source_error(name: &str, e: &SourceError, color: bool, offset: (usize, usize)) -> String {
    match e {
        SourceError::Encoding { offset, message } => {
            format!("error: {name}: {message} (at byte {offset}); nothing was written")
        }
        SourceError::Limit(message) | SourceError::Archive(message) => {
            format!("error: {name}: {message}; nothing was written")
        }
        SourceError::Syntax(j) => snippet(name, j, &format!("invalid {}", j.syntax), color, offset),
        SourceError::NotResume(j) => snippet(name, j, "not a resume", color, offset),
    }
}

/// An error message with the line of the source it points at.
fn snippet(
    name: &str,
    j: &crate::resume::SyntaxError,
    kind: &str,
    color: bool,
    offset: (usize, usize),
) -> String {
    let (line, _) = shift(j.line, j.column, offset);
    // A resume that starts mid-line (an array element) keeps its real columns.
    let pad = if j.line == 1 {
        offset.1.saturating_sub(1)
    } else {
        0
    };
    let source = format!("{}{}", " ".repeat(pad), j.line_text);
    let col = j.column.saturating_sub(1);
    let start: usize = pad
        + j.line_text
            .chars()
            .take(col)
            .map(char::len_utf8)
            .sum::<usize>();
    let width = j.line_text.chars().nth(col).map_or(0, char::len_utf8);
    let title = format!("{kind}: {}", j.message);
    let report = &[Level::ERROR.primary_title(&title).element(
        Snippet::source(&source)
            .line_start(line)
            .path(name)
            .annotation(
                AnnotationKind::Primary
                    .span(start..start + width)
                    .label(&j.message),
            ),
    )];
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    format!(
        "{}\n  = note: nothing was written for this input",
        renderer.render(report)
    )
}
