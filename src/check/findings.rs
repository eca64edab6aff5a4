//! The audit over extracted text: what was recognised, layout hazards and broken words, as findings.

use serde::Serialize;

use super::kind::{self, Kind, KindFrom};
use super::recognise::{self, Contact, Contacts, Heading};
use super::{Columns, Extraction, Format, Line, Part, Recall, Report, dates};

/// A problem a parser (or a recruiter reading its result) would have.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable identifier, e.g. `columns` (listed in docs/check.md).
    pub code: &'static str,
    pub message: String,
    /// A few lines or words that show it.
    pub examples: Vec<String>,
}

/// Reading-order hazards.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Layout {
    pub columns: Vec<Columns>,
    pub tables: usize,
    pub text_boxes: usize,
    pub header_lines: usize,
    pub footer_lines: usize,
    pub image_only_pages: Vec<usize>,
    pub ocr_pages: Vec<usize>,
}

/// The extracted text by part, lines joined with newlines.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Texts {
    pub body: String,
    pub tables: String,
    pub text_boxes: String,
    pub headers: String,
    pub footers: String,
}

impl Texts {
    /// What parsers read: body, tables and text boxes (not headers and footers).
    pub fn parsed(&self) -> String {
        [
            self.body.as_str(),
            self.tables.as_str(),
            self.text_boxes.as_str(),
        ]
        .iter()
        .filter(|t| !t.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("\n")
    }
}

/// Files over this size are flagged.
const LARGE: u64 = 5 * 1000 * 1000;
/// Examples per finding.
const EXAMPLES: usize = 5;

fn finding(code: &'static str, message: String, examples: Vec<String>) -> Finding {
    Finding {
        code,
        message,
        examples: examples.into_iter().take(EXAMPLES).collect(),
    }
}

fn pages(list: &[usize]) -> String {
    let p: Vec<String> = list.iter().map(usize::to_string).collect();
    format!(
        "{} {}",
        if list.len() == 1 { "page" } else { "pages" },
        p.join(", ")
    )
}

/// Words holding one of some characters.
fn words_with(lines: &[&Line], hit: impl Fn(char) -> bool) -> (usize, Vec<String>) {
    let mut count = 0;
    let mut words: Vec<String> = Vec::new();
    for l in lines {
        for w in l.text.split_whitespace() {
            let n = w.chars().filter(|c| hit(*c)).count();
            if n > 0 {
                count += n;
                if !words.iter().any(|x| x == w) {
                    words.push(w.to_string());
                }
            }
        }
    }
    (count, words)
}

/// Characters that should not be in a parser's text: finding code, which
/// characters, the count's words (one, many) and the rest of the message.
type Characters = (
    &'static str,
    fn(char) -> bool,
    &'static str,
    &'static str,
    &'static str,
);

static CHARACTERS: &[Characters] = &[
    (
        "unreadable-characters",
        |c| c == char::REPLACEMENT_CHARACTER,
        "glyph maps",
        "glyphs map",
        " to no character (shown as �): a parser cannot read them.",
    ),
    (
        "ligatures",
        |c| ('\u{FB00}'..='\u{FB06}').contains(&c),
        "ligature character (such as ﬁ) is",
        "ligature characters (such as ﬁ) are",
        " left in the text: a search for \"office\" does not find \"oﬃce\".",
    ),
    (
        "icon-characters",
        |c| ('\u{E000}'..='\u{F8FF}').contains(&c),
        "character from an icon font (a private-use code point) is",
        "characters from icon fonts (private-use code points) are",
        " in the text: parsers see them as junk beside the words.",
    ),
];

/// Words broken at a line end by a hyphen: `Bach-` then `elor`. A word that
/// ends in a soft hyphen was broken there, wherever it now sits in the line.
fn broken_words(lines: &[&Line]) -> Vec<String> {
    let mut out: Vec<String> = lines
        .iter()
        .flat_map(|l| {
            let words: Vec<&str> = l.text.split_whitespace().collect();
            let last = words.len().saturating_sub(1);
            words
                .into_iter()
                .enumerate()
                .filter(move |(i, w)| *i < last && w.ends_with('\u{AD}'))
                .map(|(_, w)| w.replace('\u{AD}', "-"))
        })
        .collect();
    for pair in lines.windows(2) {
        let [a, b] = pair else { continue };
        if a.page != b.page || a.part != b.part {
            continue;
        }
        let Some(last) = a.text.split_whitespace().last() else {
            continue;
        };
        let Some(head) = last.strip_suffix(['-', '\u{2010}', '\u{AD}']) else {
            continue;
        };
        if !head.chars().last().is_some_and(char::is_alphabetic)
            || last.contains("://")
            || last.contains('@')
        {
            continue;
        }
        let Some(next) = b.text.split_whitespace().next() else {
            continue;
        };
        if next.chars().next().is_some_and(char::is_lowercase) {
            out.push(format!("{last}{next}"));
        }
    }
    out
}

/// Audits an extraction as `given` kind of file, else the kind recognised.
pub fn audit(
    name: &str,
    format: Format,
    bytes: u64,
    x: Extraction,
    given: Option<(Kind, KindFrom)>,
) -> Report {
    let join = |part: Part| {
        x.lines
            .iter()
            .filter(|l| l.part == part)
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let texts = Texts {
        body: join(Part::Body),
        tables: join(Part::Table),
        text_boxes: join(Part::TextBox),
        headers: join(Part::Header),
        footers: join(Part::Footer),
    };
    let read: Vec<&Line> = x
        .lines
        .iter()
        .filter(|l| matches!(l.part, Part::Body | Part::Table | Part::TextBox))
        .collect();
    let all: Vec<&Line> = x.lines.iter().collect();
    let words = read.iter().map(|l| l.text.split_whitespace().count()).sum();
    let text_layer = x.lines.iter().any(|l| !l.text.trim().is_empty());

    let contacts = recognise::contacts(&all, &x.links);
    let headings = recognise::headings(&all);
    let (kind, kind_from) = given
        .unwrap_or_else(|| kind::recognise(x.title.as_deref(), &x.lines, !headings.is_empty()));
    let mut found_dates = Vec::new();
    for l in &all {
        if found_dates.len() < 500 {
            found_dates.extend(dates::find(&l.text).into_iter().map(|(f, _, _)| f));
        }
    }

    let layout = Layout {
        columns: x.columns.clone(),
        tables: x.tables,
        text_boxes: x.text_boxes,
        header_lines: x.lines.iter().filter(|l| l.part == Part::Header).count(),
        footer_lines: x.lines.iter().filter(|l| l.part == Part::Footer).count(),
        image_only_pages: x.image_only_pages.clone(),
        ocr_pages: x.ocr_pages.clone(),
    };

    let mut f: Vec<Finding> = Vec::new();
    if x.truncated {
        f.push(finding(
            "truncated",
            "The file holds more content than check reads; the rest was not looked at.".into(),
            vec![],
        ));
    }
    if x.encrypted {
        f.push(finding(
            "encrypted",
            "The PDF is encrypted (it opens without a password, but some applicant-tracking systems refuse encrypted files).".into(),
            vec![],
        ));
    }
    if bytes > LARGE {
        f.push(finding(
            "large-file",
            format!(
                "The file is {:.1} MB; some application portals refuse files over 5 MB.",
                bytes as f64 / 1e6
            ),
            vec![],
        ));
    }
    if !text_layer {
        let what = if x.images > 0 {
            "The file has no text layer, only images (a scan or a picture of text): a parser reads nothing. Export it from the program that made it, or run OCR."
        } else {
            "The file has no text at all: a parser reads nothing."
        };
        f.push(finding("no-text", what.into(), vec![]));
    } else {
        let found = Found {
            contacts: &contacts,
            headings: &headings,
            dates: &found_dates,
        };
        audit_text(&x, &read, &all, kind, &found, &mut f);
    }

    Report {
        file: name.to_string(),
        format,
        kind,
        kind_from,
        bytes,
        pages: x.pages,
        words,
        text_layer,
        tagged: x.tagged,
        encrypted: x.encrypted,
        language: x.language.clone(),
        images: x.images,
        fonts: x.fonts.clone(),
        contacts,
        headings,
        dates: found_dates,
        layout,
        against: None,
        findings: f,
        text: texts,
    }
}

/// What was recognised in the text.
struct Found<'a> {
    contacts: &'a Contacts,
    headings: &'a [Heading],
    dates: &'a [dates::Found],
}

/// The findings of a file that has text, phase by phase. A letter has no
/// sections or dated entries, and its contact details are the resume's
/// matter: those findings are a resume's only.
fn audit_text(
    x: &Extraction,
    read: &[&Line],
    all: &[&Line],
    kind: Kind,
    found: &Found,
    f: &mut Vec<Finding>,
) {
    audit_pages(x, f);
    audit_characters(read, all, f);
    if kind == Kind::Resume {
        audit_contacts(found.contacts, f);
    }
    audit_margins(all, f);
    if kind == Kind::Resume {
        audit_sections(found.headings, found.dates, f);
    }
    audit_layout(x, all, f);
}

/// Pages a parser cannot read as text: images only, scans under OCR, fonts without Unicode.
fn audit_pages(x: &Extraction, f: &mut Vec<Finding>) {
    if !x.image_only_pages.is_empty() {
        f.push(finding(
            "image-only-pages",
            format!(
                "{} of the file hold images but no text: a parser reads nothing there.",
                capital(&pages(&x.image_only_pages))
            ),
            vec![],
        ));
    }
    if !x.ocr_pages.is_empty() {
        f.push(finding(
            "scanned",
            format!(
                "{} are scanned images under an invisible OCR text layer: parsers read the OCR text, with its errors.",
                capital(&pages(&x.ocr_pages))
            ),
            vec![],
        ));
    }
    let unmapped: Vec<String> = x
        .fonts
        .iter()
        .filter(|font| font.unicode == "none" && font.glyphs > 0)
        .map(|font| format!("{} ({})", font.name, font.subtype))
        .collect();
    if !unmapped.is_empty() {
        f.push(finding(
            "fonts-without-unicode",
            format!(
                "{} without a Unicode mapping (no ToUnicode map and a non-standard encoding): parsers may read their text as garbage.",
                plural(unmapped.len(), "font has", "fonts have")
            ),
            unmapped,
        ));
    }
}

/// Characters parsers stumble on, words broken by hyphens, soft hyphens inside words.
fn audit_characters(read: &[&Line], all: &[&Line], f: &mut Vec<Finding>) {
    for (code, hit, one, many, rest) in CHARACTERS {
        let (n, examples) = words_with(all, hit);
        if n > 0 {
            f.push(finding(
                code,
                format!("{}{rest}", plural(n, one, many)),
                examples,
            ));
        }
    }
    let broken = broken_words(read);
    if !broken.is_empty() {
        f.push(finding(
            "hyphenated-words",
            format!(
                "{} broken across lines by a hyphen: parsers that do not join them see two fragments.",
                plural(broken.len(), "word is", "words are")
            ),
            broken,
        ));
    }
    // Soft hyphens inside words (one at a line end is a broken word, above).
    let inside: Vec<Line> = all
        .iter()
        .map(|l| Line {
            text: l
                .text
                .split_whitespace()
                .map(|w| w.trim_end_matches('\u{AD}'))
                .collect::<Vec<_>>()
                .join(" "),
            ..(*l).clone()
        })
        .collect();
    let (n, examples) = words_with(&inside.iter().collect::<Vec<_>>(), |c| c == '\u{AD}');
    if n > 0 {
        f.push(finding(
            "soft-hyphens",
            format!(
                "{} soft hyphens inside words: parsers that keep them split the words.",
                plural(n, "word holds", "words hold")
            ),
            examples
                .into_iter()
                .map(|w| w.replace('\u{AD}', "[SHY]"))
                .collect(),
        ));
    }
}

/// The e-mail address and phone number: found, and not only in a header or footer.
fn audit_contacts(contacts: &Contacts, f: &mut Vec<Finding>) {
    let in_read = |list: &[Contact]| {
        list.iter()
            .any(|c| !matches!(c.part, Part::Header | Part::Footer))
    };
    if contacts.emails.is_empty() {
        f.push(finding(
            "no-email",
            "No e-mail address found in the text.".into(),
            vec![],
        ));
    }
    if contacts.phones.is_empty() {
        f.push(finding(
            "no-phone",
            "No phone number found in the text.".into(),
            vec![],
        ));
    }
    let hidden_contact = (!contacts.emails.is_empty() && !in_read(&contacts.emails))
        || (!contacts.phones.is_empty() && !in_read(&contacts.phones));
    if hidden_contact {
        f.push(finding(
            "contact-in-header",
            "The contact details are only in the page header or footer, which many parsers skip: put them in the body.".into(),
            contacts
                .emails
                .iter()
                .chain(&contacts.phones)
                .map(|c| c.text.clone())
                .collect(),
        ));
    }
}

/// Text only in headers or footers.
fn audit_margins(all: &[&Line], f: &mut Vec<Finding>) {
    let margins: Vec<String> = all
        .iter()
        .filter(|l| {
            matches!(l.part, Part::Header | Part::Footer) && !recognise::is_page_number(&l.text)
        })
        .map(|l| l.text.clone())
        .collect();
    if !margins.is_empty() {
        f.push(finding(
            "header-footer-text",
            format!(
                "{} only in page headers or footers, which many parsers skip.",
                plural(margins.len(), "line of text is", "lines of text are")
            ),
            margins,
        ));
    }
}

/// Section headings and dates (a resume's).
fn audit_sections(headings: &[Heading], found_dates: &[dates::Found], f: &mut Vec<Finding>) {
    if headings.is_empty() {
        f.push(finding(
            "no-headings",
            "No section heading was recognised (such as Experience, Education, Skills): parsers use them to split the resume.".into(),
            vec![],
        ));
    } else if !headings.iter().any(|h| h.section == "work") {
        f.push(finding(
            "no-experience-heading",
            "No experience heading was recognised (such as \"Experience\" or \"Work Experience\")."
                .into(),
            headings.iter().map(|h| h.text.clone()).collect(),
        ));
    }
    if found_dates.is_empty() {
        f.push(finding(
            "no-dates",
            "No dates were recognised (such as \"Jan 2020 – Present\" or \"03/2020 – 05/2022\"): parsers cannot date the entries.".into(),
            vec![],
        ));
    }
}

/// Columns, tables and text boxes, which parsers read out of order or skip.
fn audit_layout(x: &Extraction, all: &[&Line], f: &mut Vec<Finding>) {
    // Columns drawn one after the other are read whole by the readers that
    // follow the drawing order and by the structure tree: not a hazard.
    let mixed: Vec<&Columns> = x.columns.iter().filter(|c| !c.apart).collect();
    if !mixed.is_empty() {
        let examples = mixed
            .iter()
            .map(|c| match c.page {
                Some(p) => format!(
                    "page {p}: {} columns from \"{}\" ({} lines)",
                    c.columns, c.first, c.lines
                ),
                None => format!("a section in {} columns", c.columns),
            })
            .collect();
        f.push(finding(
            "columns",
            "Text is laid out in columns side by side: parsers that read straight across the page mix the columns."
                .into(),
            examples,
        ));
    }
    if x.tables > 0 {
        let lines: Vec<String> = all
            .iter()
            .filter(|l| l.part == Part::Table)
            .map(|l| l.text.clone())
            .collect();
        f.push(finding(
            "tables",
            format!(
                "{} {} of text: some parsers read tables cell by cell out of order, or skip them.",
                plural(x.tables, "table holds", "tables hold"),
                plural(lines.len(), "line", "lines")
            ),
            lines,
        ));
    }
    if x.text_boxes > 0 {
        let lines: Vec<String> = all
            .iter()
            .filter(|l| l.part == Part::TextBox)
            .map(|l| l.text.clone())
            .collect();
        f.push(finding(
            "text-boxes",
            format!(
                "{} text: many parsers skip text boxes or read them out of place.",
                plural(x.text_boxes, "text box holds", "text boxes hold")
            ),
            lines,
        ));
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// "1 font has", "3 fonts have".
fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Adds the `--against` recall and its finding.
pub fn add_recall(report: &mut Report, recall: Recall) {
    if !recall.missing.is_empty() {
        report.findings.push(finding(
            "missing-facts",
            format!(
                "{} of {} facts of the {} are not in the text a parser reads.",
                recall.missing.len(),
                recall.total,
                match report.kind {
                    Kind::Resume => "resume",
                    Kind::Letter => "letter",
                }
            ),
            recall
                .missing
                .iter()
                .map(|m| format!("{}: {}", m.kind, m.text))
                .collect(),
        ));
    }
    report.against = Some(recall);
}
