//! `word/styles.xml`: every look the document uses lives in a named style.
//!
//! Paragraphs carry only a style reference (plus the list numbering that
//! python-docx and pandoc need to see on the paragraph), so changing
//! "Heading 1" in Word restyles every section heading at once. The values
//! come from the layout definition, the same one the PDF uses.
//!
//! docx-rs always writes its own `Normal` style first, so we never define
//! one (a second `Normal` is a duplicate style id): the body's base
//! formatting goes into the document defaults instead (`default_fonts`,
//! `default_size`, `default_line_spacing`), which `Normal` and every style
//! based on it inherit. What docx-rs has no setter for is patched into the
//! built part by [`patch`].

use docx_rs::{
    LineSpacing, LineSpacingType, NumberingId, NumberingProperty, ParagraphProperty, RunFonts,
    RunProperty, SpecialIndentType, Style, StyleType, Tab, TabValueType,
};

use super::xml::escape;
use super::{Geometry, half_points, twips_i32, twips_u32};
use crate::layout::Definition;

/// Style ids used by the body.
pub mod id {
    pub const TITLE: &str = "Title";
    pub const SUBTITLE: &str = "Subtitle";
    pub const CONTACT: &str = "ContactInfo";
    pub const HEADING1: &str = "Heading1";
    pub const HEADING2: &str = "Heading2";
    pub const DETAILS: &str = "EntryDetails";
    pub const BODY: &str = "BodyText";
    pub const LIST_BULLET: &str = "ListBullet";
    pub const KEYWORDS: &str = "Keywords";
    pub const ENTRY_KEYWORDS: &str = "EntryKeywords";
    pub const HYPERLINK: &str = "Hyperlink";
    /// A link on the header's band (only with `header.band`).
    pub const BAND_LINK: &str = "BandHyperlink";
    pub const ORGANISATION: &str = "EntryOrganisation";
    pub const DATES: &str = "EntryDates";
    pub const GROUP_NAME: &str = "KeywordGroupName";
    /// Written by docx-rs itself; never define it.
    pub const NORMAL: &str = "Normal";
    pub const DEFAULT_PARAGRAPH_FONT: &str = "DefaultParagraphFont";
}

/// Paragraph spacing: before/after in points, line height "at least" size × factor.
fn spacing(before: f32, after: f32, size: f32, line_height: f32) -> LineSpacing {
    LineSpacing::new()
        .before(twips_u32(before))
        .after(twips_u32(after))
        .line(twips_i32(size * line_height))
        .line_rule(LineSpacingType::AtLeast)
}

/// Run properties of a style.
#[derive(Default)]
struct Run<'a> {
    font: Option<&'a str>,
    /// `Some(false)` switches off bold inherited from the paragraph style.
    bold: Option<bool>,
    italic: bool,
    caps: bool,
    color: Option<String>,
    size: Option<f32>,
    underline: bool,
}

impl Run<'_> {
    fn property(&self) -> RunProperty {
        let mut r = RunProperty::new();
        if let Some(f) = self.font {
            r = r.fonts(RunFonts::new().ascii(f).hi_ansi(f));
        }
        match self.bold {
            Some(true) => r = r.bold(),
            Some(false) => r = r.disable_bold(),
            None => {}
        }
        if self.italic {
            r = r.italic();
        }
        if self.caps {
            r = r.caps();
        }
        if let Some(c) = &self.color {
            r = r.color(c);
        }
        if let Some(size) = self.size {
            r = r.size(half_points(size));
        }
        if self.underline {
            r = r.underline("single");
        }
        r
    }
}

/// The east-Asian font for a BCP 47 language tag.
fn east_asia_font<'a>(def: &'a Definition, language: &str) -> &'a str {
    let primary = crate::document::Labels::primary(language);
    match primary.as_str() {
        "ja" => &def.docx.east_asia_font_ja,
        "ko" => &def.docx.east_asia_font_ko,
        _ => &def.docx.east_asia_font,
    }
}

/// The complex-script font for a BCP 47 language tag: the layout's font for
/// that language if it names one (Thai, the Indic scripts), else its general one.
fn complex_script_font<'a>(def: &'a Definition, language: &str) -> &'a str {
    let primary = crate::document::Labels::primary(language);
    def.docx
        .complex_script_fonts
        .get(&primary)
        .unwrap_or(&def.docx.complex_script_font)
}

/// The language Word expects in complex-script runs (`w:lang/@w:bidi`): the
/// document's own when it is written in such a script, else Arabic, which is
/// what Word itself writes by default.
pub fn complex_script_language(language: &str) -> &str {
    let primary = crate::document::Labels::primary(language);
    match primary.as_str() {
        // Right to left, and the complex scripts of South and South-East Asia.
        "ar" | "he" | "fa" | "ur" | "yi" | "ps" | "sd" | "ug" | "th" | "lo" | "km" | "my"
        | "hi" | "mr" | "ne" | "bn" | "as" | "pa" | "gu" | "or" | "ta" | "te" | "kn" | "ml"
        | "si" => language,
        _ => "ar-SA",
    }
}

/// One style: paragraph styles are in Word's quick gallery (`qFormat`), character styles not.
// The styles below read as a table, one row of positional values each.
#[allow(clippy::too_many_arguments)]
fn style(
    kind: StyleType,
    id: &str,
    name: &str,
    based_on: Option<&str>,
    next: Option<&str>,
    priority: usize,
    ppr: ParagraphProperty,
    rpr: &Run,
) -> Style {
    let mut s = Style::new(id, kind)
        .name(name)
        .ui_priority(priority)
        .q_format(kind == StyleType::Paragraph);
    if let Some(b) = based_on {
        s = s.based_on(b);
    }
    if let Some(n) = next {
        s = s.next(n);
    }
    s.paragraph_property = ppr;
    s.run_property = rpr.property();
    s
}

/// Adds the document defaults and every style to a document.
pub fn add(
    docx: docx_rs::Docx,
    def: &Definition,
    geometry: &Geometry,
    language: &str,
) -> docx_rs::Docx {
    let sz = &def.sizes;
    let sp = &def.spacing;
    let col = &def.colors;
    let lh = sp.line_height;
    let heading_font = Some(def.fonts.office_heading.as_str());
    let header = |p: ParagraphProperty| super::looks::header(def, p);
    let spaced = |s: LineSpacing| ParagraphProperty::new().line_spacing(s);
    let body = def.fonts.office_body.as_str();
    let mut docx = docx
        // Every script slot, so CJK and Arabic text find a font too.
        .default_fonts(
            RunFonts::new()
                .ascii(body)
                .east_asia(east_asia_font(def, language))
                .hi_ansi(body)
                .cs(complex_script_font(def, language)),
        )
        .default_size(half_points(sz.body))
        // What the current Normal style would carry: no paragraph spacing,
        // lines at least the body size × line height.
        .default_line_spacing(spacing(0.0, 0.0, sz.body, lh));

    let h1 = super::looks::heading(
        def,
        ParagraphProperty::new()
            .keep_next(true)
            .keep_lines(true)
            .line_spacing(spacing(sp.before_section, sp.after_heading, sz.heading, lh))
            .outline_lvl(0),
    );
    let indent = twips_i32(sp.bullet_indent);
    let para = StyleType::Paragraph;
    let chr = StyleType::Character;
    let normal = Some(id::NORMAL);
    let dpf = Some(id::DEFAULT_PARAGRAPH_FONT);
    let styles = [
        // Marked as the default character style by `patch`.
        style(
            chr,
            id::DEFAULT_PARAGRAPH_FONT,
            "Default Paragraph Font",
            None,
            None,
            1,
            ParagraphProperty::new(),
            &Run::default(),
        ),
        style(
            para,
            id::TITLE,
            "Title",
            normal,
            Some(id::SUBTITLE),
            10,
            header(spaced(spacing(0.0, 2.0, sz.name, 1.1))),
            &Run {
                font: heading_font,
                bold: Some(true),
                color: Some(super::looks::header_color(def, col.accent.hex())),
                size: Some(sz.name),
                ..Run::default()
            },
        ),
        style(
            para,
            id::SUBTITLE,
            "Subtitle",
            normal,
            Some(id::CONTACT),
            11,
            header(spaced(spacing(0.0, 2.0, sz.label, lh))),
            &Run {
                font: heading_font,
                color: Some(super::looks::header_color(def, col.muted.hex())),
                size: Some(sz.label),
                ..Run::default()
            },
        ),
        style(
            para,
            id::CONTACT,
            "Contact Info",
            normal,
            Some(id::BODY),
            12,
            header(spaced(spacing(0.0, sp.after_header, sz.contact, lh))),
            &Run {
                color: Some(super::looks::header_color(def, col.muted.hex())),
                size: Some(sz.contact),
                ..Run::default()
            },
        ),
        style(
            para,
            id::HEADING1,
            "heading 1",
            normal,
            Some(id::BODY),
            9,
            h1,
            &Run {
                font: heading_font,
                bold: Some(true),
                // Small capitals over capitals: `w:caps` becomes `w:smallCaps` in [`patch`].
                caps: def.headings.uppercase || def.headings.small_caps,
                color: Some(super::looks::heading_color(def)),
                size: Some(sz.heading),
                ..Run::default()
            },
        ),
        style(
            para,
            id::HEADING2,
            "heading 2",
            normal,
            Some(id::DETAILS),
            9,
            super::looks::entry(
                def,
                ParagraphProperty::new()
                    .keep_next(true)
                    .keep_lines(true)
                    // Entry dates align right at the text width.
                    .add_tab(
                        Tab::new()
                            .val(TabValueType::Right)
                            .pos(usize::try_from(geometry.text_width).unwrap_or(0)),
                    )
                    .line_spacing(spacing(sp.between_entries, 0.0, sz.entry_title, lh))
                    .outline_lvl(1),
            ),
            &Run {
                font: heading_font,
                bold: Some(true),
                color: Some(col.text.hex()),
                size: Some(sz.entry_title),
                ..Run::default()
            },
        ),
        style(
            para,
            id::DETAILS,
            "Entry Details",
            normal,
            Some(id::BODY),
            13,
            super::looks::details(
                def,
                geometry,
                spaced(spacing(0.0, sp.after_paragraph, sz.small, lh)).keep_next(true),
            ),
            &Run {
                italic: true,
                color: Some(col.muted.hex()),
                size: Some(sz.small),
                ..Run::default()
            },
        ),
        style(
            para,
            id::BODY,
            "Body Text",
            normal,
            None,
            1,
            super::looks::indented(def, spaced(spacing(0.0, sp.after_paragraph, sz.body, lh))),
            &Run::default(),
        ),
        style(
            para,
            id::LIST_BULLET,
            "List Bullet",
            normal,
            None,
            36,
            spaced(spacing(0.0, 0.0, sz.body, lh))
                .numbering_property(
                    NumberingProperty::new().id(NumberingId::new(super::numbering::BULLET_NUM_ID)),
                )
                .indent(
                    Some(indent + super::looks::gutter(def).unwrap_or(0)),
                    Some(SpecialIndentType::Hanging(indent)),
                    None,
                    None,
                ),
            &Run::default(),
        ),
        style(
            para,
            id::KEYWORDS,
            "Keywords",
            normal,
            None,
            14,
            super::looks::indented(def, spaced(spacing(0.0, sp.after_paragraph, sz.body, lh))),
            &Run::default(),
        ),
        style(
            para,
            id::ENTRY_KEYWORDS,
            "Entry Keywords",
            Some(id::KEYWORDS),
            None,
            14,
            ParagraphProperty::new(),
            &Run {
                italic: true,
                color: Some(col.muted.hex()),
                ..Run::default()
            },
        ),
        style(
            chr,
            id::HYPERLINK,
            "Hyperlink",
            dpf,
            None,
            99,
            ParagraphProperty::new(),
            &Run {
                color: Some(col.link.hex()),
                underline: true,
                ..Run::default()
            },
        ),
        style(
            chr,
            id::ORGANISATION,
            "Entry Organisation",
            dpf,
            None,
            15,
            ParagraphProperty::new(),
            &Run {
                bold: Some(false),
                color: Some(col.organisation.hex()),
                ..Run::default()
            },
        ),
        style(
            chr,
            id::DATES,
            "Entry Dates",
            dpf,
            None,
            16,
            ParagraphProperty::new(),
            &Run {
                bold: Some(false),
                color: Some(col.muted.hex()),
                size: Some(sz.small),
                ..Run::default()
            },
        ),
        style(
            chr,
            id::GROUP_NAME,
            "Keyword Group Name",
            dpf,
            None,
            17,
            ParagraphProperty::new(),
            &Run {
                bold: Some(true),
                ..Run::default()
            },
        ),
    ];
    for s in styles {
        docx = docx.add_style(s);
    }
    if def.header.band {
        docx = docx.add_style(style(
            chr,
            id::BAND_LINK,
            "Band Hyperlink",
            Some(id::HYPERLINK),
            None,
            99,
            ParagraphProperty::new(),
            &Run {
                color: Some(col.band_text.hex()),
                underline: true,
                ..Run::default()
            },
        ));
    }
    docx
}

/// Replaces the first `anchor` in `part` with `with`, or says which patch no longer applies.
pub(super) fn replace_once(
    part: &mut Vec<u8>,
    anchor: &str,
    with: &str,
    what: &str,
) -> Result<(), String> {
    let text = std::str::from_utf8(part).map_err(|e| format!("{what}: {e}"))?;
    match text.find(anchor) {
        Some(at) => {
            let mut out = String::with_capacity(text.len() + with.len());
            out.push_str(text.get(..at).unwrap_or_default());
            out.push_str(with);
            out.push_str(text.get(at + anchor.len()..).unwrap_or_default());
            *part = out.into_bytes();
            Ok(())
        }
        None => Err(format!(
            "{what}: docx-rs output changed ({anchor:?} not found)"
        )),
    }
}

/// What docx-rs cannot express in `styles.xml`, patched into the built part:
///
/// - `w:default="1"` on `Normal` and `DefaultParagraphFont`: without it
///   python-docx reports no default paragraph style and Word may pick its
///   own; docx-rs has no attribute for it.
/// - `w:bCs w:val="false"` where bold is switched off: docx-rs's
///   `disable_bold` writes `<w:b w:val="false"/>` but a bare `<w:bCs/>`
///   (on), so Arabic or Hebrew organisation names would stay bold.
/// - the text colour and the languages (`w:lang`: the document language,
///   its east-Asian counterpart, and for complex scripts the document
///   language when it is written in one, else Arabic) in the run
///   defaults: `DocDefaults` only takes fonts, size and spacing. They go
///   last in `w:rPr`, where the schema has them.
pub fn patch(styles: &mut Vec<u8>, def: &Definition, language: &str) -> Result<(), String> {
    for (kind, id) in [
        ("paragraph", id::NORMAL),
        ("character", id::DEFAULT_PARAGRAPH_FONT),
    ] {
        replace_once(
            styles,
            &format!(r#"<w:style w:type="{kind}" w:styleId="{id}">"#),
            &format!(r#"<w:style w:type="{kind}" w:default="1" w:styleId="{id}">"#),
            "styles.xml default style",
        )?;
    }
    if def.headings.small_caps {
        small_caps(styles)?;
    }
    let bold_off = r#"<w:b w:val="false" /><w:bCs />"#;
    let text = String::from_utf8_lossy(styles);
    if !text.contains(bold_off) {
        return Err("styles.xml bold off: docx-rs output changed".to_string());
    }
    *styles = text
        .replace(bold_off, r#"<w:b w:val="false" /><w:bCs w:val="false" />"#)
        .into_bytes();
    let lang = escape(language);
    let primary = language.split(['-', '_']).next().unwrap_or("");
    // Tell Word which east-Asian language to expect, so it picks the right glyph variants.
    let ea_lang = match primary.to_ascii_lowercase().as_str() {
        "ja" => "ja-JP",
        "ko" => "ko-KR",
        "zh" if language.to_ascii_lowercase().contains("tw")
            || language.to_ascii_lowercase().contains("hant") =>
        {
            "zh-TW"
        }
        _ => "zh-CN",
    };
    replace_once(
        styles,
        "</w:rPr></w:rPrDefault>",
        &format!(
            concat!(
                r#"<w:color w:val="{color}" />"#,
                r#"<w:lang w:val="{lang}" w:eastAsia="{ea_lang}" w:bidi="{cs_lang}" />"#,
                "</w:rPr></w:rPrDefault>"
            ),
            color = def.colors.text.hex(),
            lang = lang,
            ea_lang = ea_lang,
            cs_lang = escape(complex_script_language(language)),
        ),
        "styles.xml run defaults",
    )
}

/// Heading 1 in small capitals: docx-rs has no setter for `w:smallCaps`,
/// so the style is written with `w:caps` (same place in `w:rPr`) and that
/// one element is swapped.
fn small_caps(styles: &mut Vec<u8>) -> Result<(), String> {
    let text = String::from_utf8_lossy(styles).into_owned();
    let anchor = format!(r#"w:styleId="{}">"#, id::HEADING1);
    let at = text
        .find(&anchor)
        .ok_or("styles.xml small caps: docx-rs output changed (no Heading 1)")?;
    let (before, after) = text.split_at(at);
    let end = after.find("</w:style>").unwrap_or(after.len());
    let (style, rest) = after.split_at(end);
    if !style.contains(r#"<w:caps w:val="true" />"#) {
        return Err("styles.xml small caps: docx-rs output changed (no w:caps)".to_string());
    }
    *styles = format!(
        "{before}{}{rest}",
        style.replacen(
            r#"<w:caps w:val="true" />"#,
            r#"<w:smallCaps w:val="true" />"#,
            1
        )
    )
    .into_bytes();
    Ok(())
}
