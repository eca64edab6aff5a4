//! A layout's `layout.toml`: page, fonts, sizes, colours, spacing and style.
//!
//! Unknown keys are errors, and every error names the file, line and column
//! and lists the keys that are valid there.

use serde::Deserialize;

/// Paper sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    /// 210 × 297 mm.
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

/// Header alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    Left,
    Center,
}

/// The parsed `layout.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    /// One line for `resume-export layouts`.
    pub description: String,
    pub page: Page,
    pub fonts: Fonts,
    pub sizes: Sizes,
    pub colors: Colors,
    pub spacing: Spacing,
    pub style: Style,
    /// PDF-only settings.
    pub pdf: Pdf,
}

/// Page geometry.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    pub paper: Paper,
    /// Margins in millimetres.
    pub margin_top: f32,
    pub margin_bottom: f32,
    pub margin_left: f32,
    pub margin_right: f32,
}

/// Font families.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Colors {
    pub text: Color,
    pub accent: Color,
    pub muted: Color,
    pub rule: Color,
    pub link: Color,
}

/// Vertical rhythm.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Style {
    pub bullet: String,
    pub contact_separator: String,
    pub heading_rule: bool,
    pub heading_uppercase: bool,
    pub header_align: Align,
}

/// Settings only the PDF backend reads.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
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

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// Parses a `layout.toml`.
pub fn parse(source: &str) -> Result<Definition, DefinitionError> {
    toml::from_str::<Definition>(source).map_err(|e| {
        let (line, column) = match e.span() {
            Some(span) => {
                let before = source.get(..span.start).unwrap_or("");
                let line = before.matches('\n').count() + 1;
                let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
                (line, col)
            }
            None => (1, 1),
        };
        DefinitionError {
            line,
            column,
            message: e.message().trim().to_string(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLASSIC: &str = include_str!("../../layouts/classic/layout.toml");

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
