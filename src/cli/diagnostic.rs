//! Error messages with source snippets (annotate-snippets).

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

use crate::resume::SourceError;

/// Characters of the offending line shown on each side of the error column.
const CONTEXT: usize = 60;

/// A rendered message for an input that is not readable JSON.
pub fn source_error(name: &str, e: &SourceError, color: bool) -> String {
    match e {
        SourceError::Encoding { offset, message } => {
            format!("error: {name}: {message} (at byte {offset}); nothing was written")
        }
        SourceError::Json(j) => {
            // Show a window of the line around the column, so a minified file stays readable.
            let chars: Vec<char> = j.line_text.chars().collect();
            let col = j.column.saturating_sub(1).min(chars.len());
            let from = col.saturating_sub(CONTEXT);
            let to = (col + CONTEXT).min(chars.len());
            let window: String = chars.get(from..to).unwrap_or(&[]).iter().collect();
            let start: usize = chars
                .get(from..col)
                .unwrap_or(&[])
                .iter()
                .map(|c| c.len_utf8())
                .sum();
            let width = chars.get(col).map_or(0, |c| c.len_utf8());
            let title = format!("invalid JSON: {}", j.message);
            let report = &[Level::ERROR.primary_title(&title).element(
                Snippet::source(&window)
                    .line_start(j.line)
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
    }
}
