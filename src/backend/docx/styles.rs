//! `word/styles.xml`: every look the document uses lives in a named style.
//!
//! Paragraphs carry only a style reference (plus the list numbering that
//! python-docx and pandoc need to see on the paragraph), so changing
//! "Heading 1" in Word restyles every section heading at once. The values
//! come from the layout definition, the same one the PDF uses.

use super::xml::escape;
use super::{Geometry, half_points, twips};
use crate::layout::{Align, Definition};

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
    pub const ORGANISATION: &str = "EntryOrganisation";
    pub const DATES: &str = "EntryDates";
    pub const GROUP_NAME: &str = "KeywordGroupName";
}

/// One paragraph or character style, in schema order when written.
struct StyleDef {
    kind: &'static str,
    id: &'static str,
    name: &'static str,
    based_on: Option<&'static str>,
    next: Option<&'static str>,
    /// Built-in styles Word shows in its gallery get a low priority number.
    priority: u32,
    ppr: String,
    rpr: String,
    default: bool,
}

/// Paragraph spacing: before/after in points, line height "at least" size × factor.
fn spacing(before: f32, after: f32, size: f32, line_height: f32) -> String {
    format!(
        r#"<w:spacing w:before="{}" w:after="{}" w:line="{}" w:lineRule="atLeast"/>"#,
        twips(before),
        twips(after),
        twips(size * line_height)
    )
}

/// Run properties in schema order: fonts, bold, italic, caps, colour, size, underline.
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
    fn xml(&self) -> String {
        let mut s = String::new();
        if let Some(f) = self.font {
            let f = escape(f);
            s.push_str(&format!(r#"<w:rFonts w:ascii="{f}" w:hAnsi="{f}"/>"#));
        }
        match self.bold {
            Some(true) => s.push_str("<w:b/><w:bCs/>"),
            Some(false) => s.push_str(r#"<w:b w:val="0"/><w:bCs w:val="0"/>"#),
            None => {}
        }
        if self.italic {
            s.push_str("<w:i/><w:iCs/>");
        }
        if self.caps {
            s.push_str("<w:caps/>");
        }
        if let Some(c) = &self.color {
            s.push_str(&format!(r#"<w:color w:val="{c}"/>"#));
        }
        if let Some(size) = self.size {
            let hp = half_points(size);
            s.push_str(&format!(r#"<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>"#));
        }
        if self.underline {
            s.push_str(r#"<w:u w:val="single"/>"#);
        }
        s
    }
}

/// The east-Asian font for a BCP 47 language tag.
fn east_asia_font<'a>(def: &'a Definition, language: &str) -> &'a str {
    let primary = language
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match primary.as_str() {
        "ja" => &def.docx.east_asia_font_ja,
        "ko" => &def.docx.east_asia_font_ko,
        _ => &def.docx.east_asia_font,
    }
}

/// Every font family the document names (for `fontTable.xml`), deduplicated in first-use order.
pub fn font_names(def: &Definition, language: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for n in [
        def.fonts.office_body.as_str(),
        def.fonts.office_heading.as_str(),
        east_asia_font(def, language),
        def.docx.complex_script_font.as_str(),
    ] {
        if !names.iter().any(|x| x == n) {
            names.push(n.to_string());
        }
    }
    names
}

/// Builds `styles.xml`.
pub fn styles_xml(def: &Definition, geometry: &Geometry, language: &str) -> String {
    let sz = &def.sizes;
    let sp = &def.spacing;
    let col = &def.colors;
    let lh = sp.line_height;
    let heading_font = Some(def.fonts.office_heading.as_str());
    let jc = match def.style.header_align {
        Align::Left => "",
        Align::Center => r#"<w:jc w:val="center"/>"#,
    };
    let p = |kind, id, name, based_on, next, priority, ppr: String, rpr: Run| StyleDef {
        kind,
        id,
        name,
        based_on,
        next,
        priority,
        ppr,
        rpr: rpr.xml(),
        default: false,
    };
    let rule = if def.style.heading_rule {
        format!(
            r#"<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="{}"/></w:pBdr>"#,
            col.rule.hex()
        )
    } else {
        String::new()
    };
    let styles = vec![
        StyleDef {
            default: true,
            ..p(
                "paragraph",
                "Normal",
                "Normal",
                None,
                None,
                0,
                spacing(0.0, 0.0, sz.body, lh),
                Run::default(),
            )
        },
        StyleDef {
            default: true,
            ..p(
                "character",
                "DefaultParagraphFont",
                "Default Paragraph Font",
                None,
                None,
                1,
                String::new(),
                Run::default(),
            )
        },
        p(
            "paragraph",
            id::TITLE,
            "Title",
            Some("Normal"),
            Some(id::SUBTITLE),
            10,
            format!("{}{jc}", spacing(0.0, 2.0, sz.name, 1.1)),
            Run {
                font: heading_font,
                bold: Some(true),
                color: Some(col.accent.hex()),
                size: Some(sz.name),
                ..Run::default()
            },
        ),
        p(
            "paragraph",
            id::SUBTITLE,
            "Subtitle",
            Some("Normal"),
            Some(id::CONTACT),
            11,
            format!("{}{jc}", spacing(0.0, 2.0, sz.label, lh)),
            Run {
                font: heading_font,
                color: Some(col.muted.hex()),
                size: Some(sz.label),
                ..Run::default()
            },
        ),
        p(
            "paragraph",
            id::CONTACT,
            "Contact Info",
            Some("Normal"),
            Some(id::BODY),
            12,
            format!("{}{jc}", spacing(0.0, sp.after_header, sz.contact, lh)),
            Run {
                color: Some(col.muted.hex()),
                size: Some(sz.contact),
                ..Run::default()
            },
        ),
        p(
            "paragraph",
            id::HEADING1,
            "heading 1",
            Some("Normal"),
            Some(id::BODY),
            9,
            format!(
                "<w:keepNext/><w:keepLines/>{rule}{}<w:outlineLvl w:val=\"0\"/>",
                spacing(sp.before_section, sp.after_heading, sz.heading, lh)
            ),
            Run {
                font: heading_font,
                bold: Some(true),
                caps: def.style.heading_uppercase,
                color: Some(col.accent.hex()),
                size: Some(sz.heading),
                ..Run::default()
            },
        ),
        p(
            "paragraph",
            id::HEADING2,
            "heading 2",
            Some("Normal"),
            Some(id::DETAILS),
            9,
            format!(
                r#"<w:keepNext/><w:keepLines/><w:tabs><w:tab w:val="right" w:pos="{}"/></w:tabs>{}<w:outlineLvl w:val="1"/>"#,
                geometry.text_width,
                spacing(sp.between_entries, 0.0, sz.entry_title, lh)
            ),
            Run {
                font: heading_font,
                bold: Some(true),
                color: Some(col.text.hex()),
                size: Some(sz.entry_title),
                ..Run::default()
            },
        ),
        p(
            "paragraph",
            id::DETAILS,
            "Entry Details",
            Some("Normal"),
            Some(id::BODY),
            13,
            format!(
                "<w:keepNext/>{}",
                spacing(0.0, sp.after_paragraph, sz.small, lh)
            ),
            Run {
                italic: true,
                color: Some(col.muted.hex()),
                size: Some(sz.small),
                ..Run::default()
            },
        ),
        p(
            "paragraph",
            id::BODY,
            "Body Text",
            Some("Normal"),
            None,
            1,
            spacing(0.0, sp.after_paragraph, sz.body, lh),
            Run::default(),
        ),
        p(
            "paragraph",
            id::LIST_BULLET,
            "List Bullet",
            Some("Normal"),
            None,
            36,
            format!(
                r#"<w:numPr><w:numId w:val="{}"/></w:numPr>{}<w:ind w:left="{}" w:hanging="{}"/>"#,
                super::numbering::BULLET_NUM_ID,
                spacing(0.0, 0.0, sz.body, lh),
                twips(sp.bullet_indent),
                twips(sp.bullet_indent)
            ),
            Run::default(),
        ),
        p(
            "paragraph",
            id::KEYWORDS,
            "Keywords",
            Some("Normal"),
            None,
            14,
            spacing(0.0, sp.after_paragraph, sz.body, lh),
            Run::default(),
        ),
        p(
            "paragraph",
            id::ENTRY_KEYWORDS,
            "Entry Keywords",
            Some(id::KEYWORDS),
            None,
            14,
            String::new(),
            Run {
                italic: true,
                color: Some(col.muted.hex()),
                ..Run::default()
            },
        ),
        p(
            "character",
            id::HYPERLINK,
            "Hyperlink",
            Some("DefaultParagraphFont"),
            None,
            99,
            String::new(),
            Run {
                color: Some(col.link.hex()),
                underline: true,
                ..Run::default()
            },
        ),
        p(
            "character",
            id::ORGANISATION,
            "Entry Organisation",
            Some("DefaultParagraphFont"),
            None,
            15,
            String::new(),
            Run {
                bold: Some(false),
                color: Some(col.accent.hex()),
                ..Run::default()
            },
        ),
        p(
            "character",
            id::DATES,
            "Entry Dates",
            Some("DefaultParagraphFont"),
            None,
            16,
            String::new(),
            Run {
                bold: Some(false),
                color: Some(col.muted.hex()),
                size: Some(sz.small),
                ..Run::default()
            },
        ),
        p(
            "character",
            id::GROUP_NAME,
            "Keyword Group Name",
            Some("DefaultParagraphFont"),
            None,
            17,
            String::new(),
            Run {
                bold: Some(true),
                ..Run::default()
            },
        ),
    ];
    let mut out = String::with_capacity(8192);
    out.push_str(super::XML_DECLARATION);
    out.push_str(&format!(r#"<w:styles xmlns:w="{}">"#, super::NS_W));
    out.push_str(&doc_defaults(def, language));
    for s in &styles {
        out.push_str(&format!(
            r#"<w:style w:type="{}"{} w:styleId="{}"><w:name w:val="{}"/>"#,
            s.kind,
            if s.default { r#" w:default="1""# } else { "" },
            s.id,
            s.name
        ));
        if let Some(b) = s.based_on {
            out.push_str(&format!(r#"<w:basedOn w:val="{b}"/>"#));
        }
        if let Some(n) = s.next {
            out.push_str(&format!(r#"<w:next w:val="{n}"/>"#));
        }
        out.push_str(&format!(r#"<w:uiPriority w:val="{}"/>"#, s.priority));
        if s.kind == "paragraph" {
            out.push_str("<w:qFormat/>");
        }
        if !s.ppr.is_empty() {
            out.push_str(&format!("<w:pPr>{}</w:pPr>", s.ppr));
        }
        if !s.rpr.is_empty() {
            out.push_str(&format!("<w:rPr>{}</w:rPr>", s.rpr));
        }
        out.push_str("</w:style>");
    }
    out.push_str("</w:styles>");
    out
}

/// Document defaults: fonts for every script slot, size, colour and languages.
fn doc_defaults(def: &Definition, language: &str) -> String {
    let body = escape(&def.fonts.office_body);
    let ea = escape(east_asia_font(def, language));
    let cs = escape(&def.docx.complex_script_font);
    let size = half_points(def.sizes.body);
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
    format!(
        concat!(
            "<w:docDefaults><w:rPrDefault><w:rPr>",
            r#"<w:rFonts w:ascii="{body}" w:eastAsia="{ea}" w:hAnsi="{body}" w:cs="{cs}"/>"#,
            r#"<w:color w:val="{color}"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>"#,
            r#"<w:lang w:val="{lang}" w:eastAsia="{ea_lang}" w:bidi="ar-SA"/>"#,
            "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr/></w:pPrDefault></w:docDefaults>"
        ),
        body = body,
        ea = ea,
        cs = cs,
        color = def.colors.text.hex(),
        size = size,
        lang = lang,
        ea_lang = ea_lang,
    )
}
