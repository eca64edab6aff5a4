//! An agency's letterhead (`--brand`): its `brand.toml`, its logo, and the lines it puts on a candidate's pages.
//!
//! The face reads the file and the logo; [`Brand::parse`] checks them;
//! [`Brand::letterhead`] fills `{name}`, `{ref}` and `{date}` for one
//! resume, after redaction, so an initialled name stays initialled.

use std::sync::Arc;

use serde::Deserialize;

use crate::document::{Letterhead, Logo};

mod logo;
use crate::layout::Color;

/// Where the letterhead goes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pages {
    /// The band on the first page only; the footer line on every page.
    #[default]
    First,
    /// Band and footer on every page.
    Every,
}

/// `brand.toml` as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct File {
    /// The agency's name, shown beside the logo.
    pub name: String,
    /// The logo, an SVG, PNG or JPEG, relative to the brand file.
    pub logo: Option<String>,
    /// Height of the logo in millimetres.
    pub logo_height: Option<f32>,
    /// One line under the name: consultant, phone, e-mail, web.
    pub contact: String,
    /// The footer line, e.g. "Presented by … · Candidate ref {ref} · Confidential".
    pub footer: String,
    pub pages: Pages,
    /// `#rrggbb`, over the layout's accent colour.
    pub accent: Option<Color>,
}

/// A brand, checked, with its logo decoded.
#[derive(Debug, Clone)]
pub struct Brand {
    pub file: File,
    pub logo: Option<Arc<Logo>>,
}

impl Brand {
    /// Checks `source` (the text of `path`) and the logo's bytes (read by
    /// the face from `logo`'s path). Errors name the file.
    pub fn parse(path: &str, source: &str, logo: Option<(&str, &[u8])>) -> Result<Brand, String> {
        let file: File = toml::from_str(source)
            .map_err(|e| format!("{path}: {}", e.message().trim().replace('\n', " ")))?;
        if file.logo_height.is_some_and(|h| !(2.0..=60.0).contains(&h)) {
            return Err(format!("{path}: logo_height must be between 2 and 60 mm"));
        }
        let logo = match logo {
            None => None,
            Some((name, bytes)) => Some(Arc::new(
                logo::decode(name, bytes).map_err(|e| format!("{name}: the logo {e}"))?,
            )),
        };
        Ok(Brand { file, logo })
    }

    /// Whether any of the brand's lines has a `{ref}` to fill.
    pub fn uses_reference(&self) -> bool {
        let f = &self.file;
        [&f.name, &f.contact, &f.footer]
            .iter()
            .any(|s| s.contains("{ref}"))
    }

    /// The letterhead for one resume: `name` as shown (redacted or not),
    /// `reference` from `--ref` or `meta.ref`, `date` as YYYY-MM-DD.
    pub fn letterhead(&self, name: &str, reference: &str, date: &str) -> Letterhead {
        let values = [("name", name), ("ref", reference), ("date", date)];
        let fill = |s: &str| fill(s, &values).trim().to_string();
        Letterhead {
            name: fill(&self.file.name),
            contact: fill(&self.file.contact),
            footer: fill(&self.file.footer),
            every_page: self.file.pages == Pages::Every,
            logo: self.logo.clone(),
            logo_height: self.file.logo_height.unwrap_or(12.0),
        }
    }
}

/// Separators between the parts of a letterhead line.
const SEPARATORS: [&str; 2] = [" · ", " | "];

/// `template` with its placeholders filled. A part of a line between
/// separators (` · `, ` | `) whose placeholder is empty is left out with
/// its separator: "Presented by X · Candidate ref {ref} · Confidential"
/// without a reference reads "Presented by X · Confidential", not
/// "… · Candidate ref · …". (The job warns that the reference is missing.)
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let empty = |part: &str| {
        values
            .iter()
            .any(|(k, v)| v.trim().is_empty() && part.contains(&format!("{{{k}}}")))
    };
    template
        .split('\n')
        .map(|line| {
            let Some(sep) = SEPARATORS.into_iter().find(|s| line.contains(s)) else {
                return crate::placeholder::fill(line, values);
            };
            line.split(sep)
                .filter(|part| !empty(part))
                .map(|part| crate::placeholder::fill(part, values))
                .collect::<Vec<_>>()
                .join(sep)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_unknown_keys_refused() {
        let b = Brand::parse(
            "b.toml",
            "name = \"Northlight\"\nfooter = \"Ref {ref} · {name} · {date}\"\npages = \"every\"\n",
            None,
        )
        .unwrap();
        let l = b.letterhead("L. V.", "NL-7", "2026-12-02");
        assert_eq!(l.footer, "Ref NL-7 · L. V. · 2026-12-02");
        assert!(l.every_page);
        // A name or reference holding a placeholder is not filled again.
        let l = b.letterhead("{date}", "{name}", "2026-12-02");
        assert_eq!(l.footer, "Ref {name} · {date} · 2026-12-02");
        // No reference: its part goes, with its separator; other lines,
        // and a line without separators, are filled as they are.
        let l = b.letterhead("L. V.", " ", "2026-12-02");
        assert_eq!(l.footer, "L. V. · 2026-12-02");
        let values = [("ref", ""), ("name", "Ana")];
        assert_eq!(fill("A | ref {ref} | B\nref {ref}", &values), "A | B\nref ");
        assert_eq!(fill("{name} · {ref}", &values), "Ana");
        assert_eq!(fill("{ref} · {ref}", &values), "");
        let e = Brand::parse("b.toml", "nmae = \"x\"\n", None).unwrap_err();
        assert!(e.starts_with("b.toml: ") && e.contains("name"), "{e}");
        // The logo is decoded as a photo is: a big one is scaled down, a
        // cut-off JPEG is refused by name.
        let mut png = Vec::new();
        image::RgbaImage::from_pixel(2400, 600, image::Rgba([20, 40, 80, 0]))
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let b = Brand::parse("b.toml", "", Some(("logo.png", &png))).unwrap();
        let logo = b.logo.unwrap();
        assert_eq!((logo.width, logo.height), (1200, 300));
        assert_eq!(
            logo.rgb.get(..3),
            Some(&[255, 255, 255][..]),
            "flattened on white"
        );
        let mut jpeg = Vec::new();
        image::RgbImage::from_pixel(64, 64, image::Rgb([1, 2, 3]))
            .write_to(
                &mut std::io::Cursor::new(&mut jpeg),
                image::ImageFormat::Jpeg,
            )
            .unwrap();
        jpeg.truncate(jpeg.len() / 2);
        let e = Brand::parse("b.toml", "", Some(("logo.jpg", &jpeg))).unwrap_err();
        assert!(
            e.starts_with("logo.jpg: the logo is damaged or truncated"),
            "{e}"
        );
    }
}
