//! A cover letter becomes a [`Document`]: the resume's header (the sender), no sections, and a [`Letter`] under it.
//!
//! The same builder makes the header as for the resume, so every layout
//! draws the letter's top as it draws the resume's: name, label, contacts,
//! icons, photo, colours and fonts. Redaction runs over the letter too.

mod body;
mod dates;
mod words;

use super::builder::{BuildOptions, Redact, build};
use super::labels::Labels;
use super::model::{Document, Letter, Photo};
use crate::letter::Letter as Input;
use crate::resume::Resume;

/// A neutral greeting, a neutral closing and the word for a cover letter in
/// the language of `tag` (English for a language not built in).
pub fn letter_words(tag: &str) -> (&'static str, &'static str, &'static str) {
    words::words(&Labels::primary(tag))
}

/// Every built-in language's (greeting, closing, "cover letter"): the
/// words `check` knows a letter by.
pub fn all_letter_words() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    words::all_words()
}

/// The letter's document: `resume`'s header built with `options` (whose
/// labels are the letter's language), and the letter's parts; `today` is
/// the date shown when the letter gives none; `signature_image` the picture of
/// the signature, read already (redaction of the name leaves it out).
pub fn build_letter(
    input: &Input,
    resume: &Resume,
    options: &BuildOptions,
    today: (i32, u32, u32),
    signature_image: Option<Photo>,
) -> Document {
    let plain = BuildOptions {
        redact: Redact::default(),
        ..options.clone()
    };
    let mut doc = build(resume, &plain);
    doc.sections.clear();
    let language = options.labels.language.clone();
    let (greeting, closing, title) = letter_words(&language);
    let recipient = input.recipient.lines();
    let (y, m, d) = input.date.unwrap_or(today);
    let shown = date(&language, y, m, d);
    let date_line = match &input.place {
        Some(place) if matches!(Labels::primary(&language).as_str(), "ar" | "fa" | "ur") => {
            format!("{place}، {shown}")
        }
        Some(place) => format!("{place}, {shown}"),
        None => shown,
    };
    let name = doc.header.name.clone().unwrap_or_default();
    let signature = input.signature.name.clone().unwrap_or_else(|| name.clone());
    doc.meta.title = if name.is_empty() {
        title.to_string()
    } else {
        format!("{name} – {title}")
    };
    doc.meta.subject = Some(input.subject.clone().unwrap_or_else(|| title.to_string()));
    doc.meta.keywords.clear();
    doc.letter = Some(Box::new(Letter {
        recipient,
        date: date_line,
        iso_date: format!("{y:04}-{m:02}-{d:02}"),
        subject: input.subject.clone(),
        greeting: input.greeting.clone().unwrap_or_else(|| greeting.into()),
        body: body::blocks(&input.body),
        closing: input.closing.clone().unwrap_or_else(|| closing.into()),
        signature,
        signature_image,
        title: title.to_string(),
    }));
    super::redact::apply(&mut doc, resume, options.redact);
    doc
}

/// A day as `tag`'s language writes it in a letter (CLDR's long date).
pub fn date(tag: &str, year: i32, month: u32, day: u32) -> String {
    let primary = Labels::primary(tag);
    let row = dates::DATES
        .iter()
        .find(|r| r.0 == primary)
        .or_else(|| dates::DATES.first());
    let Some((_, pattern, months)) = row else {
        return format!("{year:04}-{month:02}-{day:02}");
    };
    let name = months
        .get(month.saturating_sub(1) as usize)
        .copied()
        .unwrap_or_default();
    pattern
        .replace("{dd}", &format!("{day:02}"))
        .replace("{d}", &day.to_string())
        .replace("{month}", name)
        .replace("{mm}", &format!("{month:02}"))
        .replace("{m}", &month.to_string())
        .replace("{year}", &year.to_string())
}

/// Redaction of a letter: every text scrubbed, and no signature picture
/// when the name goes.
pub(super) fn redact(
    letter: &mut Letter,
    redact: Redact,
    scrub: &dyn Fn(&mut String),
    inlines: &dyn Fn(&mut super::model::Inlines),
) {
    letter.recipient.iter_mut().for_each(scrub);
    letter.subject.iter_mut().for_each(scrub);
    scrub(&mut letter.greeting);
    scrub(&mut letter.closing);
    scrub(&mut letter.signature);
    for b in &mut letter.body {
        match b {
            super::model::LetterBlock::Paragraph { content } => inlines(content),
            super::model::LetterBlock::List { items, .. } => items.iter_mut().for_each(inlines),
        }
    }
    if redact.name {
        letter.signature_image = None;
    }
}

#[cfg(test)]
mod tests {
    use super::date;

    #[test]
    fn dates_as_each_language_writes_them() {
        assert_eq!(date("en", 2026, 12, 6), "December 6, 2026");
        assert_eq!(date("de", 2026, 12, 6), "6. Dezember 2026");
        assert_eq!(date("pl", 2026, 3, 1), "1 marca 2026");
        assert_eq!(date("ja", 2026, 12, 6), "2026年12月6日");
        assert_eq!(date("hu", 2026, 12, 6), "2026. december 6.");
        assert_eq!(date("xx", 2026, 12, 6), "December 6, 2026");
    }
}
