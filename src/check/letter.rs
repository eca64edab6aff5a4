//! A cover letter's facts for `check --against LETTER`: the recipient, the date line, the subject, the greeting, every sentence of the body and the closing.

use crate::document::Letter;

/// Pushes (kind, text) for each part of `letter`, sentences one by one.
pub(super) fn facts(letter: &Letter, push: &mut dyn FnMut(&'static str, &str)) {
    for line in &letter.recipient {
        push("recipient", line);
    }
    push("date", &letter.date);
    if let Some(s) = &letter.subject {
        push("subject", s);
    }
    push("greeting", &letter.greeting);
    for text in letter.body_text() {
        for sentence in sentences(&text) {
            push("sentence", sentence);
        }
    }
    push("closing", &letter.closing);
}

/// The sentences of a text: cut after `.`, `!`, `?` (and their full-width
/// and Arabic forms) where a space or the end follows.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        let full_width = matches!(c, '。' | '！' | '？');
        let stop = matches!(c, '.' | '!' | '?' | '؟' | '۔') || full_width;
        let next_space = chars.peek().is_none_or(|(_, n)| n.is_whitespace());
        if stop && (next_space || full_width) {
            if let Some(s) = text
                .get(start..end)
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                out.push(s);
            }
            start = end;
        }
    }
    if let Some(s) = text.get(start..).map(str::trim).filter(|s| !s.is_empty()) {
        out.push(s);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn sentences_are_cut_at_their_ends() {
        assert_eq!(
            super::sentences("I apply. It is 3.5 times more! Why? 好。好"),
            vec!["I apply.", "It is 3.5 times more!", "Why?", "好。", "好"]
        );
    }
}
