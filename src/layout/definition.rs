//! A layout's `layout.toml`: page, fonts, sizes, colours, spacing, sections and style.
//!
//! A layout may `extends` another and set only what differs: files are read
//! as partial tables (every key optional, unknown keys refused with file,
//! line, column and the list of valid keys) and merged over their parent's.
//! The root layout, `classic`, sets every key (a test checks it).

use serde::{Deserialize, Serialize};

use super::structure::{Entries, Header, HeaderAlign, HeadingStyle, Headings, Sidebar};
use crate::document::DateStyle;

/// Paper sizes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    /// 210 × 297 mm.
    #[default]
    A4,
    /// 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// Width and height in millimetres.
    pub fn size_mm(self) -> (f32, f32) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::Letter => (215.9, 279.4),
        }
    }
}

/// The parsed `layout.toml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Definition {
    /// The layout this one changes (a built-in name); files it lacks come from there.
    pub extends: Option<String>,
    /// One line for `resume-export layouts`.
    pub description: String,
    pub sections: Sections,
    pub page: Page,
    pub fonts: Fonts,
    pub sizes: Sizes,
    pub colors: Colors,
    pub spacing: Spacing,
    pub style: Style,
    /// How the name, label, contacts and photo are arranged.
    pub header: Header,
    /// How section headings look.
    pub headings: Headings,
    /// How a dated entry is arranged.
    pub entries: Entries,
    /// An optional column beside the main one.
    pub sidebar: Sidebar,
    /// PDF-only settings.
    pub pdf: Pdf,
    /// Word-only choices.
    pub docx: Docx,
    /// HTML-only choices: the font stacks a browser tries.
    pub html: Html,
    /// How far `--max-pages` may tighten this layout.
    pub fit: Fit,
    /// Whether and how the candidate's photo shows (PDF, DOCX, HTML).
    pub photo: PhotoStyle,
}

/// Which sections show, in what order, under what titles.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Sections {
    /// Section ids in display order; sections not named follow in their default order.
    pub order: Vec<String>,
    /// Section ids never shown.
    pub hidden: Vec<String>,
    /// Titles by section id, over the language's.
    pub titles: std::collections::BTreeMap<String, String>,
}

/// Page geometry.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Page {
    pub paper: Paper,
    /// Margins in millimetres.
    pub margin_top: f32,
    pub margin_bottom: f32,
    pub margin_left: f32,
    pub margin_right: f32,
}

/// Font families.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Fonts {
    /// Bundled family for body text (PDF).
    pub body: String,
    /// Bundled family for the name and headings (PDF).
    pub heading: String,
    /// Family named for body text in Word documents.
    pub office_body: String,
    /// Family named for headings in Word documents.
    pub office_heading: String,
}

/// Font sizes in points.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Sizes {
    pub name: f32,
    pub label: f32,
    pub contact: f32,
    pub heading: f32,
    pub entry_title: f32,
    pub body: f32,
    pub small: f32,
}

/// Colours as `#rrggbb`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Colors {
    pub text: Color,
    pub accent: Color,
    /// The organisation beside an entry's title (employer, school, issuer).
    pub organisation: Color,
    pub muted: Color,
    pub rule: Color,
    pub link: Color,
    /// Fill of the header band and of banded headings.
    pub band: Color,
    /// Text on the header band.
    pub band_text: Color,
    /// The sidebar's tint.
    pub sidebar: Color,
    /// Colours for screens in dark mode (HTML `prefers-color-scheme: dark`);
    /// none: the page stays light. Print is always light.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dark: Option<DarkColors>,
}

/// A dark colour scheme: light text on a dark background.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DarkColors {
    pub background: Color,
    pub text: Color,
    pub accent: Color,
    /// The organisation beside an entry's title.
    pub organisation: Color,
    pub muted: Color,
    pub rule: Color,
    pub link: Color,
    pub band: Color,
    pub band_text: Color,
    pub sidebar: Color,
}

impl Default for DarkColors {
    /// A neutral dark scheme for keys a partial `[colors.dark]` table leaves out.
    fn default() -> Self {
        let grey = |v| Color { r: v, g: v, b: v };
        DarkColors {
            background: grey(0x14),
            text: grey(0xe8),
            accent: grey(0xf2),
            organisation: grey(0xe8),
            muted: grey(0xb0),
            rule: grey(0x70),
            link: Color {
                r: 0x8a,
                g: 0xb8,
                b: 0xf0,
            },
            band: grey(0x26),
            band_text: grey(0xf2),
            sidebar: grey(0x1e),
        }
    }
}

/// Vertical rhythm.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Spacing {
    /// Line height as a multiple of the font size.
    pub line_height: f32,
    /// Points.
    pub after_header: f32,
    pub before_section: f32,
    pub after_heading: f32,
    pub between_entries: f32,
    pub after_paragraph: f32,
    /// Hanging indent of bullets, in points.
    pub bullet_indent: f32,
}

/// Choices of look.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Style {
    pub bullet: String,
    pub contact_separator: String,
    /// short ("Jan 2020"), long ("January 2020") or numeric ("01/2020").
    pub date_style: DateStyle,
    /// Read-only copies of `headings.style == "rule"`, `headings.uppercase`
    /// and `header.align`, for templates written before those tables (the
    /// keys themselves moved there; a file that sets them here still works).
    #[serde(skip_deserializing)]
    pub heading_rule: bool,
    #[serde(skip_deserializing)]
    pub heading_uppercase: bool,
    #[serde(skip_deserializing)]
    pub header_align: HeaderAlign,
}

/// Settings only Word documents need: the fonts named for scripts that the
/// Latin body font does not cover. Word and LibreOffice pick the font of a run
/// by script, so these slots decide how CJK and Arabic or Hebrew text looks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Docx {
    /// East Asian font for Chinese and for documents in other languages.
    pub east_asia_font: String,
    /// East Asian font when the document language is Japanese.
    pub east_asia_font_ja: String,
    /// East Asian font when the document language is Korean.
    pub east_asia_font_ko: String,
    /// Complex-script font (Arabic, Hebrew, …).
    pub complex_script_font: String,
    /// Complex-script font by language (`th`, `hi`), for scripts that
    /// `complex_script_font` lacks: Thai, Devanagari, Bengali, Tamil.
    pub complex_script_fonts: std::collections::BTreeMap<String, String>,
}

/// Settings only the HTML backend reads: CSS font stacks, each a list of
/// family names tried in order (generic families such as `serif` written as
/// they are). Pages in Japanese, Chinese, Korean, Arabic or Hebrew get that
/// script's list before the first generic family.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Html {
    pub body_fonts: Vec<String>,
    pub heading_fonts: Vec<String>,
    pub fonts_ja: Vec<String>,
    pub fonts_zh: Vec<String>,
    pub fonts_ko: Vec<String>,
    pub fonts_arabic: Vec<String>,
    pub fonts_hebrew: Vec<String>,
}

/// Settings only the PDF backend reads.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Pdf {
    /// Thickness of the rule under section headings, in points.
    pub rule_thickness: f32,
    /// Number pages in the footer when there is more than one.
    pub page_numbers: bool,
    /// Footer text; `{page}` and `{pages}` are replaced.
    pub page_number_format: String,
    /// Between an entry's title and its organisation.
    pub title_separator: String,
}

/// The candidate's photo: at the right of the header, beside the name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PhotoStyle {
    pub show: PhotoShow,
    /// Width in millimetres, from [`PHOTO_SIZE`].
    #[serde(deserialize_with = "photo_size")]
    pub size: f32,
    pub shape: PhotoShape,
}

/// The widths a photo may have, in millimetres: a stamp to a third of the header.
pub const PHOTO_SIZE: std::ops::RangeInclusive<f32> = 10.0..=60.0;

fn photo_size<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f32, D::Error> {
    let size = f32::deserialize(d)?;
    if PHOTO_SIZE.contains(&size) {
        Ok(size)
    } else {
        Err(serde::de::Error::custom(format!(
            "a photo {size} mm wide; write a width from {} to {} mm",
            PHOTO_SIZE.start(),
            PHOTO_SIZE.end()
        )))
    }
}

/// When the photo shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PhotoShow {
    /// When the resume has one, unless it is in English: hiring in the
    /// United States, Britain, Canada and Australia expects no photo (a
    /// warning says it was left out and how to show it).
    #[default]
    Auto,
    /// Whenever the resume has one.
    Always,
    Never,
}

/// The outline of the photo.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PhotoShape {
    /// Square corners, up to 3:4 portrait.
    #[default]
    Square,
    /// Rounded corners, up to 3:4 portrait.
    Rounded,
    /// A circle (the centre of the picture, square).
    Circle,
}

/// Limits for `--max-pages`: how far spacing, margins and type may shrink
/// before the layout stops looking like itself. Fitting tightens spacing
/// first, then margins, then font sizes, one `step` at a time.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Fit {
    /// Smallest factor on the vertical spaces (`spacing.after_header` …
    /// `spacing.after_paragraph`), e.g. 0.5.
    pub min_spacing_scale: f32,
    /// Smallest line height (a multiple of the font size); the line height
    /// moves towards it as the spaces shrink.
    pub min_line_height: f32,
    /// Smallest page margin, in millimetres; margins already below it stay.
    pub min_margin_mm: f32,
    /// Smallest factor on every font size, e.g. 0.85.
    pub min_font_scale: f32,
    /// How much each factor changes per try, e.g. 0.05.
    pub step: f32,
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Color {
    /// `rrggbb`, lower-case, without `#` (the form DOCX wants).
    pub fn hex(self) -> String {
        format!("{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// Components from 0.0 to 1.0 (the form PDF wants).
    pub fn unit(self) -> (f32, f32, f32) {
        (
            f32::from(self.r) / 255.0,
            f32::from(self.g) / 255.0,
            f32::from(self.b) / 255.0,
        )
    }
}

impl Serialize for Color {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("#{}", self.hex()))
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Color, D::Error> {
        let s = String::deserialize(d)?;
        let hex = s.strip_prefix('#').unwrap_or(&s);
        let bad = || serde::de::Error::custom(format!("`{s}` is not a colour; write #rrggbb"));
        if hex.len() != 6 || !hex.is_ascii() {
            return Err(bad());
        }
        let part = |i: usize| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("zz"), 16);
        match (part(0), part(2), part(4)) {
            (Ok(r), Ok(g), Ok(b)) => Ok(Color { r, g, b }),
            _ => Err(bad()),
        }
    }
}

/// A `layout.toml` that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefinitionError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

fn position(source: &str, e: &toml::de::Error) -> (usize, usize) {
    match e.span() {
        Some(span) => {
            let before = source.get(..span.start).unwrap_or("");
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            (line, col)
        }
        None => (1, 1),
    }
}

/// Checks one `layout.toml` on its own (keys and types; any key may be missing)
/// and returns its table for merging.
pub fn parse_partial(source: &str) -> Result<toml::Table, DefinitionError> {
    let err = |e: toml::de::Error| {
        let (line, column) = position(source, &e);
        DefinitionError {
            line,
            column,
            message: e.message().trim().to_string(),
        }
    };
    let mut table = toml::from_str::<toml::Table>(source).map_err(err)?;
    if let Err((old, new)) = super::structure::move_old_keys(&mut table) {
        let (line, column) = super::structure::locate(source, &old).unwrap_or((1, 1));
        return Err(DefinitionError {
            line,
            column,
            message: format!("`{old}` and `{new}` are the same setting; keep `{new}`"),
        });
    }
    // Checked as read, so an unknown key points at its line and column.
    toml::from_str::<Definition>(source)
        .map(drop)
        .or_else(|e| moved_only(&table, e))
        .map_err(err)?;
    Ok(table)
}

/// A file's only fault was a moved `[style]` key (already put in its new
/// place in `table`): the table is checked again, without positions.
fn moved_only(table: &toml::Table, e: toml::de::Error) -> Result<(), toml::de::Error> {
    let moved = ["header_align", "heading_rule", "heading_uppercase"];
    if moved
        .iter()
        .any(|k| e.message().contains(&format!("`{k}`")))
    {
        toml::Value::Table(table.clone())
            .try_into::<Definition>()
            .map(drop)
            .map_err(|_| e)
    } else {
        Err(e)
    }
}

/// Sets `over`'s keys on `base`, table by table.
pub fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(key, v);
            }
        }
    }
}

/// The definition of merged tables.
pub fn from_table(table: toml::Table) -> Result<Definition, DefinitionError> {
    let mut d = toml::Value::Table(table)
        .try_into::<Definition>()
        .map_err(|e| DefinitionError {
            line: 1,
            column: 1,
            message: e.message().trim().to_string(),
        })?;
    d.style.heading_rule = d.headings.style == HeadingStyle::Rule;
    d.style.heading_uppercase = d.headings.uppercase;
    d.style.header_align = d.header.align;
    Ok(d)
}

/// Parses a complete `layout.toml` (no inheritance).
#[cfg(test)]
pub fn parse(source: &str) -> Result<Definition, DefinitionError> {
    parse_partial(source).and_then(from_table)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLASSIC: &str = include_str!("../../layouts/classic/layout.toml");

    /// Every key of the definition, as dotted paths.
    fn keys(v: &toml::Value, prefix: &str, out: &mut Vec<String>) {
        if let toml::Value::Table(t) = v {
            for (k, x) in t {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                // Free-form tables (section titles), optional keys and the
                // read-only copies of moved keys need not be set.
                let copies = [
                    "style.heading_rule",
                    "style.heading_uppercase",
                    "style.header_align",
                ];
                if path == "sections.titles" || path == "extends" || copies.contains(&path.as_str())
                {
                    continue;
                }
                keys(x, &path, out);
                out.push(path);
            }
        }
    }

    #[test]
    fn classic_sets_every_key() {
        let all = toml::Value::try_from(Definition::default()).unwrap();
        let mut expected = Vec::new();
        keys(&all, "", &mut expected);
        let classic: toml::Value = toml::from_str(CLASSIC).unwrap();
        let mut present = Vec::new();
        keys(&classic, "", &mut present);
        let missing: Vec<&String> = expected.iter().filter(|k| !present.contains(k)).collect();
        assert!(missing.is_empty(), "classic/layout.toml lacks {missing:?}");
    }

    #[test]
    fn partial_files_merge_over_their_parent() {
        let mut base = parse_partial(CLASSIC).unwrap();
        let child = parse_partial("[colors]\naccent = \"#0f766e\"\n").unwrap();
        merge(&mut base, child);
        let d = from_table(base).unwrap();
        assert_eq!(d.colors.accent.hex(), "0f766e");
        assert_eq!(d.colors.text.hex(), "1a1a1a");
        assert!(
            parse_partial("[colors]\naccnet = \"#000000\"\n")
                .unwrap_err()
                .message
                .contains("accent")
        );
    }

    #[test]
    fn photo_sizes_are_checked_where_they_are_written() {
        for bad in ["0.0", "-5.0", "500.0", "nan"] {
            let source = format!("[colors]\naccent = \"#0f766e\"\n\n[photo]\nsize = {bad}\n");
            let e = parse_partial(&source).unwrap_err();
            assert_eq!(e.line, 5, "{bad}: {e:?}");
            assert!(e.message.contains("from 10 to 60 mm"), "{bad}: {e:?}");
        }
        assert!(parse_partial("[photo]\nsize = 35.0\n").is_ok());
    }

    #[test]
    fn classic_parses() {
        let d = parse(CLASSIC).unwrap();
        assert_eq!(d.page.paper, Paper::A4);
        assert_eq!(d.colors.accent.hex(), "1f3a5f");
    }

    #[test]
    fn unknown_keys_are_errors_with_positions() {
        let bad = CLASSIC.replace("[page]\n", "[page]\nmargin = 3.0\n");
        let e = parse(&bad).unwrap_err();
        assert!(
            e.message.contains("unknown field `margin`"),
            "{}",
            e.message
        );
        assert!(
            e.message.contains("margin_top"),
            "valid keys are listed: {}",
            e.message
        );
        let line = bad.lines().position(|l| l.starts_with("margin =")).unwrap() + 1;
        assert_eq!(e.line, line);
    }

    #[test]
    fn bad_colours_are_errors() {
        let bad = CLASSIC.replace("\"#1f3a5f\"", "\"blue\"");
        let e = parse(&bad).unwrap_err();
        assert!(e.message.contains("not a colour"), "{}", e.message);
    }
}
