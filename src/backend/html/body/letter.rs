//! A cover letter's `<main>` (a `<div>` in an application's page): the recipient, the date (`<time>`), the subject, the greeting, the body's paragraphs and lists, the closing and the signature.

use std::fmt::Write as _;

use super::super::write::{attr, text};
use super::inlines;
use crate::document::{Letter, LetterBlock};

/// The letter after the header.
pub(in crate::backend::html) fn write(out: &mut String, letter: &Letter, element: &str) {
    let _ = writeln!(out, "<{element} class=\"letter\">");
    if !letter.recipient.is_empty() {
        out.push_str("<div class=\"recipient\">\n");
        for line in &letter.recipient {
            out.push_str("<p>");
            text(out, line);
            out.push_str("</p>\n");
        }
        out.push_str("</div>\n");
    }
    out.push_str("<p class=\"date\"><time datetime=\"");
    attr(out, &letter.iso_date);
    out.push_str("\">");
    text(out, &letter.date);
    out.push_str("</time></p>\n");
    if let Some(subject) = &letter.subject {
        out.push_str("<p class=\"subject\"><strong>");
        text(out, subject);
        out.push_str("</strong></p>\n");
    }
    out.push_str("<p class=\"greeting\">");
    text(out, &letter.greeting);
    out.push_str("</p>\n");
    for block in &letter.body {
        match block {
            LetterBlock::Paragraph { content } => {
                out.push_str("<p>");
                inlines(out, content);
                out.push_str("</p>\n");
            }
            LetterBlock::List {
                ordered,
                start,
                items,
            } => {
                if *ordered {
                    if *start == 1 {
                        out.push_str("<ol>\n");
                    } else {
                        let _ = writeln!(out, "<ol start=\"{start}\">");
                    }
                } else {
                    out.push_str("<ul>\n");
                }
                for item in items {
                    out.push_str("<li>");
                    inlines(out, item);
                    out.push_str("</li>\n");
                }
                out.push_str(if *ordered { "</ol>\n" } else { "</ul>\n" });
            }
        }
    }
    out.push_str("<p class=\"closing\">");
    text(out, &letter.closing);
    out.push_str("</p>\n<p class=\"signature\">");
    if let Some(p) = &letter.signature_image {
        // Decoration beside the name it shows signed: no text of its own.
        let _ = write!(
            out,
            "<img class=\"signed\" width=\"{}\" height=\"{}\" alt=\"\" src=\"data:image/jpeg;base64,",
            p.width, p.height
        );
        out.push_str(&crate::photo::encode_base64(&p.jpeg));
        out.push_str("\"><br>");
    }
    text(out, &letter.signature);
    let _ = writeln!(out, "</p>\n</{element}>");
}

/// The letter's rules: the date at the line's end, room to sign (the
/// signature's picture in it, when `signed`).
pub(in crate::backend::html) fn css(out: &mut String, signed: bool) {
    if signed {
        out.push_str(".letter .signed { display: block; height: 3.2em; width: auto; max-width: 60mm; object-fit: contain; margin: -2.6em 0 0.2em; }\n");
    }
    out.push_str(
        ".letter { margin-top: calc(2 * var(--before-section)); font-size: 1.1em; }\n\
.letter p { margin: 0 0 0.9em; }\n\
.letter .recipient { margin-bottom: 1.5em; }\n\
.letter .recipient p { margin: 0; }\n\
.letter .date { text-align: end; margin-bottom: 1.5em; }\n\
.letter .subject { margin-bottom: 1.2em; }\n\
.letter ul, .letter ol { margin: 0 0 0.9em; padding-inline-start: 1.5em; }\n\
.letter .closing { margin-top: 1.2em; break-after: avoid; }\n\
.letter .signature { margin-top: 3em; }\n",
    );
}
