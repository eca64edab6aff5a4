//! The brand's logo, decoded once: a PNG or JPEG as pixels; an SVG as a normalised drawing and its pixels.
//!
//! An SVG is read by usvg with nothing outside the file: no image it
//! references or embeds, no system font. Its text is drawn with the bundled
//! faces and turned into outlines, so the normalised SVG we keep holds only
//! shapes: what the PDF draws as vectors and the HTML shows. Word gets the
//! pixels, drawn by resvg on white.

use std::io::Read as _;
use std::sync::{Arc, OnceLock};

use image::ImageEncoder as _;
use resvg::{tiny_skia, usvg};

use crate::document::Logo;
use crate::photo::MAX_BYTES;

/// Logos at most this wide or tall, in pixels, are kept as they are; bigger
/// ones are scaled down.
const LOGO_SIDE: u32 = 1200;
/// An SVG is drawn for Word with about this many pixels: 600 × 600 for a
/// square mark (the tallest, 60 mm, at 250 dpi), 1200 × 300 for a wide one
/// (half the page wide at 340 dpi). Drawing takes time in proportion, once
/// per run: 28 M instructions for the sample's 800 × 800, 60 M for 1200².
const SVG_PIXELS: f32 = 360_000.0;
/// And at most this many on its longer side.
const SVG_SIDE: f32 = 1600.0;

/// Decodes the logo file `name`; the error is the sentence's end ("the logo …").
pub fn decode(name: &str, bytes: &[u8]) -> Result<Logo, String> {
    let is_raster = matches!(
        image::guess_format(bytes),
        Ok(image::ImageFormat::Png | image::ImageFormat::Jpeg)
    );
    if !is_raster && looks_like_svg(name, bytes) {
        return svg(bytes);
    }
    if !is_raster {
        return Err("is not a PNG, JPEG or SVG image".into());
    }
    let rgb = crate::photo::pixels(bytes, LOGO_SIDE)?.into_rgb8();
    finish(rgb, None)
}

/// `.svg` or `.svgz` by name, or XML or gzip by its first bytes.
fn looks_like_svg(name: &str, bytes: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = text.iter().find(|b| !b.is_ascii_whitespace());
    lower.ends_with(".svg")
        || lower.ends_with(".svgz")
        || bytes.starts_with(&[0x1f, 0x8b])
        || first == Some(&b'<')
}

/// The pixels as RGB samples and a PNG, with the normalised SVG if there is one.
fn finish(rgb: image::RgbImage, svg: Option<String>) -> Result<Logo, String> {
    let mut png = Vec::new();
    // Logos are flat colour: the cheap filter packs them as well as the
    // adaptive one, in a fifth of the time.
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    PngEncoder::new_with_quality(&mut png, CompressionType::Fast, FilterType::Sub)
        .write_image(
            rgb.as_raw(),
            rgb.width(),
            rgb.height(),
            image::ExtendedColorType::Rgb8,
        )
        .map_err(|e| format!("could not be encoded again ({e})"))?;
    Ok(Logo {
        width: rgb.width(),
        height: rgb.height(),
        rgb: rgb.into_raw(),
        png,
        svg,
    })
}

fn svg(bytes: &[u8]) -> Result<Logo, String> {
    let text = svg_text(bytes)?;
    if text.contains("<image") || text.contains(":image") {
        return Err(
            "holds an <image>: an SVG logo is drawn with shapes only here; \
                    give the picture itself (PNG or JPEG) as the logo"
                .into(),
        );
    }
    let tree = usvg::Tree::from_str(&text, &options(text.contains("text")))
        .map_err(|e| format!("cannot be read as SVG ({e})"))?;
    if !tree.root().has_children() {
        return Err(
            "draws nothing (an SVG logo's text needs a font the bundled \
                    Noto faces cover; or convert it to outlines)"
                .into(),
        );
    }
    let normal = tree.to_string(&usvg::WriteOptions {
        preserve_text: false,
        ..usvg::WriteOptions::default()
    });
    let size = tree.size();
    let scale = (SVG_PIXELS / (size.width() * size.height()))
        .sqrt()
        .min(SVG_SIDE / size.width().max(size.height()));
    let side = |v: f32| (v * scale).round().clamp(1.0, SVG_SIDE) as u32;
    let (w, h) = (side(size.width()), side(size.height()));
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or("has no size")?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    // On opaque white every pixel is opaque: premultiplied is plain RGB.
    let mut rgb = Vec::with_capacity(pixmap.data().len() / 4 * 3);
    for p in pixmap.data().chunks_exact(4) {
        if let [r, g, b, _] = *p {
            rgb.extend_from_slice(&[r, g, b]);
        }
    }
    let rgb = image::RgbImage::from_raw(w, h, rgb).ok_or("could not be drawn")?;
    finish(rgb, Some(normal))
}

/// The SVG's text, inflated if it is an `.svgz`, under the photo's size limit either way.
fn svg_text(bytes: &[u8]) -> Result<String, String> {
    let over = || format!("is over the limit of {} MB", MAX_BYTES / 1_048_576);
    if bytes.len() > MAX_BYTES {
        return Err(over());
    }
    let mut text = Vec::new();
    if bytes.starts_with(&[0x1f, 0x8b]) {
        flate2::read::GzDecoder::new(bytes)
            .take(MAX_BYTES as u64 + 1)
            .read_to_end(&mut text)
            .map_err(|e| format!("cannot be inflated ({e})"))?;
        if text.len() > MAX_BYTES {
            return Err(over());
        }
    } else {
        text = bytes.to_vec();
    }
    String::from_utf8(text).map_err(|_| "is not UTF-8 text".into())
}

/// usvg's options: no resource outside the file; the bundled faces when the
/// SVG may have text.
fn options(text: bool) -> usvg::Options<'static> {
    let mut o = usvg::Options {
        font_family: "Noto Sans".into(),
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    if text {
        o.fontdb = fonts();
    }
    o
}

/// The bundled faces that are not packed, loaded once, without copying them.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        for face in crate::backend::bundled_fonts() {
            if !face.is_packed() {
                let bytes: &'static [u8] = face.bytes();
                db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(bytes)));
            }
        }
        db.set_sans_serif_family("Noto Sans");
        db.set_serif_family("Noto Serif");
        Arc::new(db)
    })
    .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARK: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">
<script>alert(1)</script>
<rect width="200" height="100" fill="#142d50"/>
<circle cx="50" cy="50" r="30" fill="#e8a93b"/>
<text x="90" y="60" font-family="Helvetica" font-size="28" fill="#fff">NL</text>
</svg>"##;

    #[test]
    fn an_svg_is_normalised_to_shapes_and_drawn() {
        let logo = decode("logo.svg", MARK.as_bytes()).unwrap();
        assert_eq!((logo.width, logo.height), (849, 424));
        let svg = logo.svg.as_deref().unwrap();
        assert!(!svg.contains("<script") && !svg.contains("<text"), "{svg}");
        assert!(svg.contains("<path"), "{svg}");
        // Navy at the corner, gold in the circle.
        assert_eq!(logo.rgb.get(..3), Some(&[0x14, 0x2d, 0x50][..]));
        let at = |x: usize, y: usize| logo.rgb.get((y * 849 + x) * 3..(y * 849 + x) * 3 + 3);
        assert_eq!(at(200, 200), Some(&[0xe8, 0xa9, 0x3b][..]));
        // The text became outlines: white pixels where "NL" stands.
        let white = (360..600)
            .flat_map(|x| (130..270).map(move |y| (x, y)))
            .filter(|&(x, y)| at(x, y) == Some(&[255, 255, 255][..]))
            .count();
        assert!(white > 500, "{white} white pixels");
        // Deterministic.
        assert_eq!(decode("logo.svg", MARK.as_bytes()).unwrap(), logo);
    }

    #[test]
    fn svgz_and_sniffing() {
        let mut gz = Vec::new();
        {
            use std::io::Write as _;
            let mut e = flate2::write::GzEncoder::new(&mut gz, flate2::Compression::fast());
            e.write_all(MARK.as_bytes()).unwrap();
            e.finish().unwrap();
        }
        assert!(decode("mark", &gz).unwrap().svg.is_some());
        assert!(decode("mark.bin", MARK.as_bytes()).unwrap().svg.is_some());
        assert_eq!(
            decode("logo.gif", b"GIF89a....").unwrap_err(),
            "is not a PNG, JPEG or SVG image"
        );
    }

    #[test]
    fn bad_svgs_are_refused_by_what_is_wrong() {
        let e = |s: &str| decode("logo.svg", s.as_bytes()).unwrap_err();
        assert!(
            e("<svg").starts_with("cannot be read as SVG"),
            "{}",
            e("<svg")
        );
        assert!(
            e("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>")
                .starts_with("draws nothing")
        );
        let with_image = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image xlink:href="/etc/passwd" width="10" height="10"/></svg>"#;
        assert!(e(with_image).starts_with("holds an <image>"));
        // Billion laughs: refused by the XML parser's entity limits, at once.
        let mut lol = String::from("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY l0 \"lol\">");
        for i in 1..10 {
            let refs = format!("&l{};", i - 1).repeat(10);
            lol.push_str(&format!("<!ENTITY l{i} \"{refs}\">"));
        }
        lol.push_str("]><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><text>&l9;</text></svg>");
        assert!(e(&lol).starts_with("cannot be read as SVG"), "{}", e(&lol));
        assert!(
            decode("logo.svg", &vec![b' '; MAX_BYTES + 1])
                .unwrap_err()
                .contains("over the limit")
        );
    }
}
