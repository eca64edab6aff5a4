//! A cover letter's paragraphs after the sender's header: recipient, the date at the line's end, subject, greeting, body, closing and signature, all in the layout's body style.

use docx_rs::{AlignmentType, IndentLevel, LineSpacing, NumberingId, Paragraph};

use super::{Fmt, Writer, id};
use crate::document::{Inline, Letter, LetterBlock};

/// Twentieths of a point of space above the signature's name: room to sign.
const SIGNING_SPACE: u32 = 720;
/// Space above each paragraph of the body.
const BODY_SPACE: u32 = 120;
/// Space above the date, the subject, the greeting and the closing.
const PART_SPACE: u32 = 240;

impl Writer<'_> {
    /// The letter's paragraphs.
    pub(super) fn letter(&mut self, letter: &Letter) {
        let first = self.paragraphs.len();
        for line in &letter.recipient {
            self.text_p(line, Fmt::default());
        }
        if let Some(p) = self.paragraphs.get_mut(first) {
            *p = space_before(std::mem::take(p), PART_SPACE * 2);
        }
        self.text_p(&letter.date, Fmt::default());
        self.last(|p| space_before(p, PART_SPACE).align(AlignmentType::End));
        if let Some(subject) = &letter.subject {
            self.text_p(
                subject,
                Fmt {
                    bold: true,
                    ..Fmt::default()
                },
            );
            self.last(|p| space_before(p, PART_SPACE));
        }
        self.text_p(&letter.greeting, Fmt::default());
        self.last(|p| space_before(p, PART_SPACE));
        for block in &letter.body {
            match block {
                LetterBlock::Paragraph { content } => {
                    self.paragraph(id::BODY, content);
                    self.last(|p| space_before(p, BODY_SPACE));
                }
                LetterBlock::List {
                    ordered: false,
                    items,
                    ..
                } => {
                    for item in items {
                        self.paragraph(id::LIST_BULLET, item);
                    }
                }
                LetterBlock::List {
                    ordered: true,
                    start,
                    items,
                } => {
                    // Word's own numbering (numbering.xml), a list of its
                    // own so that it starts at `start`.
                    let num = self.links.numbered_list(*start);
                    for item in items {
                        self.open_p(id::BODY);
                        self.inlines(item, Fmt::default());
                        self.close_p();
                        self.last(|p| p.numbering(NumberingId::new(num), IndentLevel::new(0)));
                    }
                }
            }
        }
        self.text_p(&letter.closing, Fmt::default());
        self.last(|p| space_before(p, PART_SPACE).keep_next(true));
        match &letter.signature_image {
            Some(picture) => {
                let run = super::super::photo::signature_run(picture, &self.signature_rel);
                self.open_p(id::BODY);
                self.children
                    .push(docx_rs::ParagraphChild::Run(Box::new(run)));
                self.close_p();
                self.last(|p| space_before(p, PART_SPACE).keep_next(true));
                self.text_p(&letter.signature, Fmt::default());
            }
            None => {
                self.text_p(&letter.signature, Fmt::default());
                self.last(|p| space_before(p, SIGNING_SPACE));
            }
        }
    }

    /// A paragraph of one text in the body style.
    fn text_p(&mut self, text: &str, fmt: Fmt) {
        if text.trim().is_empty() {
            return;
        }
        self.open_p(id::BODY);
        self.inlines(&[Inline::text(text)], fmt);
        self.close_p();
    }

    /// Changes the last paragraph written.
    fn last(&mut self, change: impl FnOnce(Paragraph) -> Paragraph) {
        if let Some(p) = self.paragraphs.pop() {
            self.paragraphs.push(change(p));
        }
    }
}

fn space_before(p: Paragraph, twips: u32) -> Paragraph {
    p.line_spacing(LineSpacing::new().before(twips))
}
