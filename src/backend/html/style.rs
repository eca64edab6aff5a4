//! The page's CSS: the layout's values as custom properties and `@page`,
//! then the layout's stylesheet (`html.css`), which uses them.
//!
//! Values stay in `layout.toml`, so one change there moves the PDF, the DOCX
//! and the page together; the stylesheet holds only what is HTML's own and
//! can be overridden by a layout folder like any other file.

use std::fmt::Write as _;

use super::write::css_string;
use crate::layout::{Color, Definition, Html, Paper};

/// Generic CSS families: written bare, never quoted.
const GENERIC: &[&str] = &[
    "serif",
    "sans-serif",
    "monospace",
    "cursive",
    "fantasy",
    "system-ui",
    "ui-serif",
    "ui-sans-serif",
    "ui-monospace",
    "ui-rounded",
    "math",
    "emoji",
];

/// The whole `<style>` content.
pub fn css(def: &Definition, paper: Paper, language: &str, stylesheet: &str) -> String {
    let mut out = String::new();
    let s = &def.sizes;
    let sp = &def.spacing;
    let st = &def.style;
    let c = &def.colors;
    let (body, heading) = (
        font_stack(&def.html.body_fonts, &def.html, language),
        font_stack(&def.html.heading_fonts, &def.html, language),
    );
    let pt = |v: f32| format!("{}pt", round(v));
    let vars: Vec<(&str, String)> = vec![
        ("--font-body", body),
        ("--font-heading", heading),
        ("--size-name", pt(s.name)),
        ("--size-label", pt(s.label)),
        ("--size-contact", pt(s.contact)),
        ("--size-heading", pt(s.heading)),
        ("--size-entry-title", pt(s.entry_title)),
        ("--size-body", pt(s.body)),
        ("--size-small", pt(s.small)),
        ("--line-height", round(sp.line_height)),
        ("--after-header", pt(sp.after_header)),
        ("--before-section", pt(sp.before_section)),
        ("--after-heading", pt(sp.after_heading)),
        ("--between-entries", pt(sp.between_entries)),
        ("--after-paragraph", pt(sp.after_paragraph)),
        ("--bullet-indent", pt(sp.bullet_indent)),
        ("--rule-thickness", pt(def.pdf.rule_thickness)),
        (
            "--heading-rule",
            if st.heading_rule { "solid" } else { "none" }.into(),
        ),
        (
            "--heading-transform",
            if st.heading_uppercase {
                "uppercase"
            } else {
                "none"
            }
            .into(),
        ),
        (
            "--header-align",
            match st.header_align {
                crate::layout::HeaderAlign::Left | crate::layout::HeaderAlign::Split => "start",
                crate::layout::HeaderAlign::Center => "center",
            }
            .into(),
        ),
        ("--bullet", css_string(&format!("{} ", st.bullet))),
        ("--contact-separator", css_string(&st.contact_separator)),
        ("--page-width", format!("{}mm", round(paper.size_mm().0))),
        ("--margin-top", format!("{}mm", round(def.page.margin_top))),
        (
            "--margin-right",
            format!("{}mm", round(def.page.margin_right)),
        ),
        (
            "--margin-bottom",
            format!("{}mm", round(def.page.margin_bottom)),
        ),
        (
            "--margin-left",
            format!("{}mm", round(def.page.margin_left)),
        ),
    ];
    out.push_str(":root {\n");
    for (k, v) in vars {
        let _ = writeln!(out, "  {k}: {v};");
    }
    colors(
        &mut out,
        &[
            (
                "background",
                hex(Color {
                    r: 255,
                    g: 255,
                    b: 255,
                }),
            ),
            ("text", hex(c.text)),
            ("accent", hex(c.accent)),
            ("organisation", hex(c.organisation)),
            ("muted", hex(c.muted)),
            ("rule", hex(c.rule)),
            ("link", hex(c.link)),
        ],
    );
    let _ = writeln!(
        out,
        "  color-scheme: {};\n}}",
        if c.dark.is_some() {
            "light dark"
        } else {
            "light"
        }
    );
    if let Some(d) = &c.dark {
        // Screens only: print is always light.
        out.push_str("@media screen and (prefers-color-scheme: dark) {\n:root {\n");
        colors(
            &mut out,
            &[
                ("background", hex(d.background)),
                ("text", hex(d.text)),
                ("accent", hex(d.accent)),
                ("organisation", hex(d.organisation)),
                ("muted", hex(d.muted)),
                ("rule", hex(d.rule)),
                ("link", hex(d.link)),
            ],
        );
        out.push_str("}\n}\n");
    }
    let size = match paper {
        Paper::A4 => "A4",
        Paper::Letter => "letter",
    };
    let _ = writeln!(
        out,
        "@page {{\n  size: {size};\n  margin: {}mm {}mm {}mm {}mm;\n}}",
        round(def.page.margin_top),
        round(def.page.margin_right),
        round(def.page.margin_bottom),
        round(def.page.margin_left),
    );
    // A stylesheet cannot end the element it sits in.
    out.push_str(&stylesheet.replace("</", "<\\/"));
    out
}

fn colors(out: &mut String, values: &[(&str, String)]) {
    for (k, v) in values {
        let _ = writeln!(out, "  --{k}: {v};");
    }
}

fn hex(c: Color) -> String {
    format!("#{}", c.hex())
}

/// A number without float noise: at most two decimals, no trailing zeros.
fn round(v: f32) -> String {
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// A `font-family` value: the layout's families, the script's list before
/// the first generic family when the page's language needs one.
fn font_stack(families: &[String], html: &Html, language: &str) -> String {
    let primary = crate::document::Labels::primary(language);
    let script: &[String] = match primary.as_str() {
        "ja" => &html.fonts_ja,
        "zh" => &html.fonts_zh,
        "ko" => &html.fonts_ko,
        "ar" | "fa" | "ur" | "ps" | "sd" | "ug" => &html.fonts_arabic,
        "he" | "yi" => &html.fonts_hebrew,
        _ => &[],
    };
    let generic_at = families
        .iter()
        .position(|f| GENERIC.contains(&f.as_str()))
        .unwrap_or(families.len());
    let (named, generic) = families.split_at(generic_at);
    let all: Vec<String> = named
        .iter()
        .chain(script)
        .chain(generic)
        .map(|f| {
            if GENERIC.contains(&f.as_str()) {
                f.clone()
            } else {
                css_string(f)
            }
        })
        .collect();
    if all.is_empty() {
        "serif".to_string()
    } else {
        all.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_fonts_go_before_the_generic_family() {
        let html = Html {
            fonts_ja: vec!["Yu Mincho".into()],
            ..Html::default()
        };
        let fams = vec!["Noto Serif".to_string(), "serif".to_string()];
        assert_eq!(
            font_stack(&fams, &html, "ja-JP"),
            "\"Noto Serif\", \"Yu Mincho\", serif"
        );
        assert_eq!(font_stack(&fams, &html, "en"), "\"Noto Serif\", serif");
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(round(10.0), "10");
        assert_eq!(round(8.55), "8.55");
        assert_eq!(round(1.25), "1.25");
        assert_eq!(round(215.9), "215.9");
    }
}
