//! Contact icons in Word: the bundled SVGs rasterised (resvg) into small PNG pictures in the icon colour, inline before each contact, marked decorative.
//!
//! A picture is what Word and LibreOffice show without any font installed,
//! and it adds no character to the text: python-docx, an applicant-tracking
//! system and our `check` read the contact as typed. Each picture is an
//! inline `wp:inline` with empty alt text and the Office 2019 decorative
//! flag (`adec:decorative`), so a screen reader skips it too ([`patch`]).
//!
//! One PNG per icon, colour and direction used, in first-use order
//! (`rIdIcon1` is `media/icon1.png`): the icon's box, then a little space
//! as transparent pixels (at the left in right-to-left paragraphs). A
//! no-break space between icon and text keeps them on one line (a line may
//! break on either side of a picture); text extraction reads it as the
//! space it is.
//! Rasterising is resvg's, already linked for SVG logos (`--brand`): no new
//! crate. Same icon, colour and direction, same bytes. Beside each PNG goes
//! the icon's SVG in the same colour and box (`media/icon1.svg`), which Word
//! 2016 and later draw instead, sharp at any zoom, as Word itself does with
//! an SVG picture (the PNG stays for every other reader).

use docx_rs::{Pic, Run};
use image::ImageEncoder as _;
use resvg::{tiny_skia, usvg};

use crate::document::Icon;
use crate::layout::Color;

/// The icon box's height in pixels: 64 px over 0.9 × 9 pt is about 570 dpi.
const PIXELS: u32 = 64;

/// The icon box's height as a share of the contact size. The picture
/// stands on the baseline (Word has no means to lower an inline picture
/// that LibreOffice reads too), so it is a little smaller than the PDF's
/// 1.05 em box, which hangs 0.15 em below the baseline: the centres match.
pub const BOX: f32 = 0.9;

/// Transparent space after the icon, as a share of the contact size: with
/// the no-break space that follows it (which keeps icon and text on one
/// line), about the PDF's 0.4 em.
pub const AFTER: f32 = 0.15;

/// English Metric Units per point.
const EMU_PER_PT: f32 = 12_700.0;

/// One picture: which icon, in which colour, and whether its space is at the left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub icon: Icon,
    pub color: Color,
    pub rtl: bool,
}

/// The `n`-th picture's (1-based) relationship id and part, relative to `word/`.
pub fn names(n: usize) -> (String, String) {
    (format!("rIdIcon{n}"), format!("media/icon{n}.png"))
}

/// The relationship id and part of the `n`-th picture's SVG, which Word
/// 2016 and later draw instead of the PNG (`asvg:svgBlip`).
pub fn svg_names(n: usize) -> (String, String) {
    (format!("rIdIconSvg{n}"), format!("media/icon{n}.svg"))
}

/// The SVG of `key`: the bundled file in the icon's colour, its view box
/// widened to the PNG's canvas (the space after the icon included).
pub fn svg(key: Key) -> String {
    let (w, h, d) = crate::layout::icons::path(key.icon);
    let (cw, _, x) = canvas(key, w);
    // Pixels to the icon's units (its box is `h` units high).
    let units = h / PIXELS as f32;
    let c = key.color;
    let source = crate::layout::icons::svg(key.icon);
    let licence = source
        .find("<!--")
        .and_then(|a| {
            source
                .get(a..)
                .and_then(|t| t.find("-->"))
                .map(|b| (a, a + b + 3))
        })
        .and_then(|(a, b)| source.get(a..b))
        .unwrap_or_default();
    format!(
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="{} 0 {} {}">"#,
            r#"{}<path fill="{}" d="{}"/></svg>"#
        ),
        round(-x * units),
        round(cw as f32 * units),
        round(h),
        licence,
        format_args!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b),
        d
    )
}

/// A number with at most two decimals.
fn round(v: f32) -> f32 {
    let v = (v * 100.0).round() / 100.0;
    if v == 0.0 { 0.0 } else { v }
}

/// The picture's width and height in pixels and where the icon is drawn: `(width, height, x)`.
fn canvas(key: Key, drawing_width: f32) -> (u32, u32, f32) {
    let scale = PIXELS as f32 / 512.0;
    let drawn = drawing_width * scale;
    let body = (PIXELS as f32).max(drawn.ceil());
    let pad = (PIXELS as f32 * AFTER / BOX).round();
    let x = (body - drawn) / 2.0 + if key.rtl { pad } else { 0.0 };
    ((body + pad) as u32, PIXELS, x)
}

/// The PNG of `key`: the icon's shape in its colour on transparent pixels.
/// Made once per process (a batch or a bundle uses the same few).
pub fn png(key: Key) -> Result<Vec<u8>, String> {
    static MADE: std::sync::Mutex<Vec<(Key, Vec<u8>)>> = std::sync::Mutex::new(Vec::new());
    if let Ok(made) = MADE.lock()
        && let Some((_, bytes)) = made.iter().find(|(k, _)| *k == key)
    {
        return Ok(bytes.clone());
    }
    let bytes = rasterise(key)?;
    if let Ok(mut made) = MADE.lock()
        && made.len() < 256
    {
        made.push((key, bytes.clone()));
    }
    Ok(bytes)
}

fn rasterise(key: Key) -> Result<Vec<u8>, String> {
    let svg = crate::layout::icons::svg(key.icon);
    let tree = usvg::Tree::from_str(svg, &usvg::Options::default())
        .map_err(|e| format!("the bundled icon {} cannot be read: {e}", key.icon.name()))?;
    let size = tree.size();
    let (w, h, x) = canvas(key, size.width());
    let scale = PIXELS as f32 / size.height();
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or("an icon has no size")?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_row(scale, 0.0, 0.0, scale, x, 0.0),
        &mut pixmap.as_mut(),
    );
    // The shape's coverage as alpha over the one colour (so the samples
    // need no un-premultiplying).
    let c = key.color;
    let mut rgba = Vec::with_capacity(pixmap.data().len());
    for p in pixmap.data().chunks_exact(4) {
        let alpha = p.get(3).copied().unwrap_or(0);
        rgba.extend_from_slice(&[c.r, c.g, c.b, alpha]);
    }
    let mut out = Vec::new();
    // Fast: a third of the time of Best (2 against 7 ms an icon in a debug
    // build), 1 to 2 KB an icon against 0.5 to 1.2.
    image::codecs::png::PngEncoder::new_with_quality(
        &mut out,
        image::codecs::png::CompressionType::Fast,
        image::codecs::png::FilterType::Adaptive,
    )
    .write_image(&rgba, w, h, image::ExtendedColorType::Rgba8)
    .map_err(|e| format!("an icon cannot be encoded: {e}"))?;
    Ok(out)
}

/// The inline picture of `key`, relationship `rel`, for a contact in `size` pt.
pub fn run(key: Key, rel: &str, size: f32) -> Run {
    let (w, h, _) = canvas(key, crate::layout::icons::path(key.icon).0);
    let height = BOX * size * EMU_PER_PT;
    let width = height * w as f32 / h as f32;
    // The bytes docx-rs keeps for a picture only serve its own packer,
    // which is not used; it does merge pictures of equal bytes into the
    // first one's relationship, so each gets its relationship id's.
    let pic = Pic::new_with_dimensions(rel.as_bytes().to_vec(), w, h)
        .id(rel)
        .size(width.round() as u32, height.round() as u32);
    Run::new().add_image(pic)
}

/// Gives each icon's picture its SVG (`asvg:svgBlip`, Office 2016's
/// extension; the PNG stays the picture for every other reader).
fn svg_blips(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() + 1024);
    let mut rest = xml;
    const BLIP: &str = r#"<a:blip r:embed="rIdIcon"#;
    while let Some(at) = rest.find(BLIP) {
        let tail = rest.get(at + BLIP.len()..).unwrap_or_default();
        let digits: String = tail.chars().take_while(char::is_ascii_digit).collect();
        let close = r#"" />"#;
        out.push_str(rest.get(..at).unwrap_or_default());
        if !digits.is_empty()
            && tail
                .get(digits.len()..)
                .is_some_and(|t| t.starts_with(close))
        {
            out.push_str(&format!(
                concat!(
                    r#"<a:blip r:embed="rIdIcon{n}"><a:extLst>"#,
                    r#"<a:ext uri="{{96DAC541-7B7A-43D3-8B79-37D633B846F1}}">"#,
                    r#"<asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" r:embed="rIdIconSvg{n}" />"#,
                    r#"</a:ext></a:extLst></a:blip>"#
                ),
                n = digits
            ));
            rest = tail.get(digits.len() + close.len()..).unwrap_or_default();
        } else {
            out.push_str(BLIP);
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}

/// What docx-rs writes for every picture's properties.
const DOC_PR: &str = r#"<wp:docPr id="1" name="Figure" />"#;

/// Marks every icon decorative in `document.xml`: empty alt text and the
/// decorative flag, each with its own drawing id after `first_id`. A
/// picture is an icon when its `r:embed` is one of ours. Fails if docx-rs
/// no longer writes the properties as expected.
pub fn patch(document: &mut Vec<u8>, first_id: usize) -> Result<(), String> {
    let xml = String::from_utf8(std::mem::take(document)).map_err(|e| e.to_string())?;
    let mut out = String::with_capacity(xml.len() + 512);
    let mut rest = xml.as_str();
    let mut id = first_id;
    let mut found = false;
    while let Some(at) = rest.find(DOC_PR) {
        let after = rest.get(at + DOC_PR.len()..).unwrap_or_default();
        let icon = after
            .find("r:embed=\"")
            .and_then(|e| after.get(e + 9..))
            .is_some_and(|r| r.starts_with("rIdIcon"));
        out.push_str(rest.get(..at).unwrap_or_default());
        if icon {
            id += 1;
            found = true;
            out.push_str(&format!(
                concat!(
                    r#"<wp:docPr id="{}" name="Icon {}" descr="">"#,
                    r#"<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">"#,
                    r#"<a:ext uri="{{C183D7F6-B498-43B3-948B-1728B52AA6E4}}">"#,
                    r#"<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1" />"#,
                    r#"</a:ext></a:extLst></wp:docPr>"#
                ),
                id, id
            ));
        } else {
            out.push_str(DOC_PR);
        }
        rest = after;
    }
    out.push_str(rest);
    if !found && xml.contains("r:embed=\"rIdIcon") {
        return Err("docx-rs no longer writes an icon's wp:docPr as expected".into());
    }
    let out = svg_blips(&out);
    if found && !out.contains("asvg:svgBlip") {
        return Err("docx-rs no longer writes an icon's a:blip as expected".into());
    }
    *document = out.into_bytes();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_icon_is_a_tinted_png_with_its_space_after() {
        let color = Color {
            r: 29,
            g: 78,
            b: 137,
        };
        for icon in Icon::ALL {
            for rtl in [false, true] {
                let key = Key { icon, color, rtl };
                let bytes = png(key).unwrap();
                assert_eq!(bytes, rasterise(key).unwrap(), "{icon:?}: same bytes");
                let img = image::load_from_memory(&bytes).unwrap().to_rgba8();
                assert_eq!(img.height(), PIXELS);
                let inked: Vec<u32> = img
                    .enumerate_pixels()
                    .filter(|(_, _, p)| p.0[3] > 128)
                    .map(|(x, _, p)| {
                        assert_eq!(&p.0[..3], &[29, 78, 137], "{icon:?}: one colour");
                        x
                    })
                    .collect();
                assert!(inked.len() > 300, "{icon:?}: drawn");
                // The transparent space is after the icon: at the right, or
                // at the left in right-to-left paragraphs.
                let (min, max) = (*inked.iter().min().unwrap(), *inked.iter().max().unwrap());
                let pad = (PIXELS as f32 * AFTER / BOX).round() as u32;
                if rtl {
                    assert!(min >= pad, "{icon:?}: {min}");
                } else {
                    assert!(max < img.width() - pad, "{icon:?}: {max}");
                }
            }
        }
    }

    #[test]
    fn only_icons_are_marked_decorative() {
        let mut xml = format!(
            "<w:r>{DOC_PR}<a:blip r:embed=\"rIdPhoto\" /></w:r><w:r>{DOC_PR}<a:blip r:embed=\"rIdIcon1\" /></w:r><w:r>{DOC_PR}<a:blip r:embed=\"rIdIcon2\" /></w:r>"
        )
        .into_bytes();
        patch(&mut xml, 1).unwrap();
        let xml = String::from_utf8(xml).unwrap();
        assert_eq!(xml.matches(DOC_PR).count(), 1, "the photo's is left");
        assert!(xml.contains(r#"<wp:docPr id="2" name="Icon 2" descr="">"#));
        assert!(xml.contains(r#"<wp:docPr id="3" name="Icon 3" descr="">"#));
        assert_eq!(xml.matches("val=\"1\" />").count(), 2);
        // Each icon's picture names its SVG; the photo's does not.
        assert!(xml.contains(r#"<a:blip r:embed="rIdPhoto" />"#));
        for n in [1, 2] {
            assert!(xml.contains(&format!(
                r#"<a:blip r:embed="rIdIcon{n}"><a:extLst><a:ext uri="{{96DAC541-7B7A-43D3-8B79-37D633B846F1}}"><asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" r:embed="rIdIconSvg{n}" /></a:ext></a:extLst></a:blip>"#
            )));
        }
    }

    #[test]
    fn the_svg_has_the_pngs_box_and_colour() {
        let color = Color {
            r: 29,
            g: 78,
            b: 137,
        };
        for rtl in [false, true] {
            let key = Key {
                icon: Icon::Phone,
                color,
                rtl,
            };
            let svg = svg(key);
            let img = image::load_from_memory(&png(key).unwrap()).unwrap();
            // The box is the PNG's, in the icon's units (512 high, 8 a pixel).
            let width = img.width() * 8;
            let x = if rtl {
                -((PIXELS as f32 * AFTER / BOX).round() * 8.0)
            } else {
                0.0
            };
            assert!(
                svg.starts_with(&format!(
                    r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x} 0 {width} 512">"#
                )),
                "{svg}"
            );
            assert!(svg.contains(r##"<path fill="#1d4e89" d="M"##));
            assert!(svg.contains("CC BY 4.0"), "the licence comment stays");
            assert!(roxmltree::Document::parse(&svg).is_ok());
        }
    }
}
