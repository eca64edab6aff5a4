//! The candidate's photo: where `basics.image` points, limits checked before decoding, re-encoded to a clean, small JPEG.
//!
//! What a resume names is only ever read from a `data:` URI or, through the
//! face's reader, a file beside the resume; `http(s)` addresses are never
//! fetched. The header's size is checked before any pixel is decoded (a
//! decompression bomb is refused from its first bytes), the decoder runs
//! under an allocation limit, and the result is decoded pixels encoded again
//! by us: no EXIF (GPS included), ICC or comment survives, the orientation
//! the camera recorded is applied first, and the same input gives the same
//! bytes.

mod source;

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageReader, Limits};

pub use source::{Reference, decode_base64, encode_base64, reference};

use crate::document::Photo;
use crate::layout::{PhotoShape, PhotoShow, PhotoStyle};

/// Largest photo file accepted, in bytes.
pub const MAX_BYTES: usize = crate::resume::MAX_PHOTO_BYTES;
/// Largest side accepted, in pixels.
pub const MAX_SIDE: u32 = 10_000;
/// Most pixels accepted (a 40-megapixel camera's picture).
pub const MAX_PIXELS: u64 = 40_000_000;
/// Longest side of the photo as embedded: 45 mm at about 340 dpi.
pub const EMBED_SIDE: u32 = 600;
/// JPEG quality of the embedded photo.
const QUALITY: u8 = 88;

/// Reads a photo file the resume names (a path relative to the resume);
/// the error is the sentence's end ("cannot be read: …").
pub type ReadFile<'a> = &'a dyn Fn(&str) -> Result<Vec<u8>, String>;

/// The photo to show for `image` (`basics.image`), or none, with a warning
/// for each reason one was wanted and left out.
pub fn load(
    image: Option<&str>,
    style: &PhotoStyle,
    show: Option<PhotoShow>,
    redact_name: bool,
    language: &str,
    read: ReadFile<'_>,
) -> (Option<Photo>, Option<String>) {
    let Some(image) = image.map(str::trim).filter(|i| !i.is_empty()) else {
        return (None, None);
    };
    // Redaction leaves it unread: no byte of it can reach an output.
    let show = show.unwrap_or(style.show);
    if redact_name || show == PhotoShow::Never {
        return (None, None);
    }
    let shown = display(image);
    if show == PhotoShow::Auto && crate::document::Labels::primary(language) == "en" {
        return (
            None,
            Some(format!(
                "basics.image: photo {shown} left out: resumes in English go without one (hiring in the US, UK, Canada and Australia expects none); --photo always shows it"
            )),
        );
    }
    let bytes = match reference(image) {
        Reference::Remote => {
            return (
                None,
                Some(format!(
                    "basics.image: photo {shown} left out: photos are never fetched from the network; save it beside the resume and name the file"
                )),
            );
        }
        Reference::Bad(why) => {
            return (
                None,
                Some(format!("basics.image: photo {shown} left out: it {why}")),
            );
        }
        Reference::Data(bytes) => bytes,
        Reference::Path(path) => match read(&path) {
            Ok(b) => b,
            Err(e) => {
                return (
                    None,
                    Some(format!("basics.image: photo {shown} left out: {e}")),
                );
            }
        },
    };
    match decode(&bytes, style.shape) {
        Ok(p) => (Some(p), None),
        Err(e) => (
            None,
            Some(format!("basics.image: photo {shown} left out: it {e}")),
        ),
    }
}

/// How a photo is named in a message: the path, or the start of a data: URI.
fn display(image: &str) -> String {
    if image.len() > 60 {
        let head: String = image.chars().take(40).collect();
        format!("`{head}…` ({} characters)", image.chars().count())
    } else {
        format!("`{image}`")
    }
}

/// Decodes `bytes` (PNG or JPEG), crops it to `shape`'s proportions and
/// encodes it again as a baseline JPEG of at most [`EMBED_SIDE`] pixels a
/// side. The error says what was wrong, and the limit when one was passed.
pub fn decode(bytes: &[u8], shape: PhotoShape) -> Result<Photo, String> {
    encode(embedded(crop(pixels(bytes, 2 * EMBED_SIDE)?, shape)))
}

/// At most [`EMBED_SIDE`] pixels a side.
fn embedded(image: DynamicImage) -> DynamicImage {
    if image.width().max(image.height()) > EMBED_SIDE {
        image.resize(
            EMBED_SIDE,
            EMBED_SIDE,
            image::imageops::FilterType::CatmullRom,
        )
    } else {
        image
    }
}

/// A picture of a handwritten signature (`signature.image` of a letter),
/// read as a photo is (a `data:` URI or, through `read`, a file; never the
/// network; every limit), never cropped, at most [`EMBED_SIDE`] pixels a
/// side, flattened on white. The error is the sentence's end ("left out: …").
pub fn signature(image: &str, read: ReadFile<'_>) -> Result<Photo, String> {
    // The reasons a path is refused speak of the file that names it: here the letter.
    signature_picture(image, read).map_err(|e| e.replace("the resume", "the letter"))
}

fn signature_picture(image: &str, read: ReadFile<'_>) -> Result<Photo, String> {
    let bytes = match reference(image) {
        Reference::Remote => {
            return Err("pictures are never fetched from the network; save it beside the letter and name the file".into());
        }
        Reference::Bad(why) => return Err(format!("it {why}")),
        Reference::Data(bytes) => bytes,
        Reference::Path(path) => read(&path)?,
    };
    let image = pixels(&bytes, 2 * EMBED_SIDE).map_err(|e| format!("it {e}"))?;
    encode(embedded(image)).map_err(|e| format!("it {e}"))
}

/// The pixels as a baseline JPEG, nothing but the picture in it.
fn encode(image: DynamicImage) -> Result<Photo, String> {
    let rgb = image.into_rgb8();
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, QUALITY)
        .encode_image(&rgb)
        .map_err(|e| format!("could not be encoded again ({})", short(&e)))?;
    Ok(Photo {
        jpeg,
        width: rgb.width(),
        height: rgb.height(),
    })
}

/// The pixels of a PNG or JPEG (a photo or a brand's logo), under every
/// limit above, checked from the header before decoding: 8 bits a sample,
/// at most `side` pixels a side (scaled down if larger), turned as the
/// camera recorded, flattened on white.
pub(crate) fn pixels(bytes: &[u8], side: u32) -> Result<DynamicImage, String> {
    if bytes.len() > MAX_BYTES {
        return Err(format!(
            "is {:.1} MB, over the limit of {} MB",
            bytes.len() as f64 / 1_048_576.0,
            MAX_BYTES / 1_048_576
        ));
    }
    let format = image::guess_format(bytes)
        .ok()
        .filter(|f| matches!(f, image::ImageFormat::Png | image::ImageFormat::Jpeg))
        .ok_or("is not a PNG or JPEG image")?;
    if format == image::ImageFormat::Jpeg && !jpeg_complete(bytes) {
        return Err("is damaged or truncated (the JPEG has no end after its image data)".into());
    }
    let reader = |limits: Limits| {
        let mut r = ImageReader::with_format(Cursor::new(bytes), format);
        r.limits(limits);
        r
    };
    // The header alone: a bomb is refused before anything is decoded.
    let (w, h) = reader(Limits::default())
        .into_dimensions()
        .map_err(|e| format!("cannot be read ({})", short(&e)))?;
    if w > MAX_SIDE || h > MAX_SIDE {
        return Err(format!(
            "is {w} × {h} pixels, over the limit of {MAX_SIDE} pixels a side"
        ));
    }
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(format!(
            "is {w} × {h} pixels, over the limit of {} megapixels",
            MAX_PIXELS / 1_000_000
        ));
    }
    if w == 0 || h == 0 {
        return Err("has no pixels".into());
    }
    let mut decoder = reader(limits())
        .into_decoder()
        .map_err(|e| format!("cannot be read ({})", short(&e)))?;
    // `from_decoder` does not count its buffer against the limits: reserve
    // it here, with the 8-bit copy made of a deeper image.
    let colour = decoder.color_type();
    let eight_bit = if colour.bytes_per_pixel() == colour.channel_count() {
        0
    } else {
        u64::from(w) * u64::from(h) * u64::from(colour.channel_count())
    };
    let needed = decoder.total_bytes().saturating_add(eight_bit);
    if limits().reserve(needed).is_err() {
        return Err(format!(
            "is {w} × {h} pixels at {} bits a sample, {} MB to decode, over the limit of {} MB",
            8 * colour.bytes_per_pixel() / colour.channel_count().max(1),
            needed.div_ceil(1_048_576),
            MAX_ALLOC / 1_048_576
        ));
    }
    let orientation = decoder.orientation().ok();
    let image = DynamicImage::from_decoder(decoder)
        .map_err(|e| format!("is damaged or truncated ({})", short(&e)))?;
    // 8 bits at once, then small: the rest works on a copy of at most
    // `side` pixels a side.
    let image = if image.color().has_alpha() {
        DynamicImage::ImageRgba8(image.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(image.into_rgb8())
    };
    let mut image = if image.width().max(image.height()) > side {
        image.thumbnail(side, side)
    } else {
        image
    };
    if let Some(o) = orientation {
        image.apply_orientation(o);
    }
    Ok(flatten(image))
}

/// Whether the JPEG reaches its end-of-image marker: the decoder fills a
/// cut-off picture with grey rather than failing. The marker segments are
/// walked from the start by their lengths, and entropy-coded data up to the
/// next marker (`FF 00` and the restarts `FF D0`–`FF D7` are part of it), so
/// whatever follows the end (the video of a motion photo) is never looked at.
fn jpeg_complete(bytes: &[u8]) -> bool {
    if bytes.get(..2) != Some(&[0xFF, 0xD8]) {
        return false;
    }
    let mut at = 2usize;
    loop {
        if bytes.get(at) != Some(&0xFF) {
            return false;
        }
        // Fill bytes may precede a marker.
        while bytes.get(at) == Some(&0xFF) {
            at += 1;
        }
        let Some(&marker) = bytes.get(at) else {
            return false;
        };
        at += 1;
        match marker {
            0xD9 => return true,
            0x01 | 0xD0..=0xD7 => continue,
            0x00 => return false,
            _ => {}
        }
        let Some(&[hi, lo]) = bytes.get(at..at + 2) else {
            return false;
        };
        let length = usize::from(u16::from_be_bytes([hi, lo]));
        if length < 2 {
            return false;
        }
        at += length;
        if marker != 0xDA {
            continue;
        }
        // Entropy-coded data: up to an FF that starts a real marker.
        loop {
            let Some(next) = bytes
                .get(at..)
                .and_then(|r| r.iter().position(|&b| b == 0xFF))
            else {
                return false;
            };
            at += next;
            match bytes.get(at + 1) {
                None => return false,
                Some(0x00 | 0xD0..=0xD7) => at += 2,
                Some(_) => break,
            }
        }
    }
}

/// Most memory for the decoded picture (and the decoder's own buffers):
/// a 40-megapixel camera's JPEG in RGB fits, a 16-bit RGBA poster does not.
const MAX_ALLOC: u64 = 128 * 1024 * 1024;

/// What the decoder may do: the side limit again, and [`MAX_ALLOC`].
fn limits() -> Limits {
    let mut l = Limits::default();
    l.max_image_width = Some(MAX_SIDE);
    l.max_image_height = Some(MAX_SIDE);
    l.max_alloc = Some(MAX_ALLOC);
    l
}

/// Transparent pixels over white paper (photos and logos).
fn flatten(image: DynamicImage) -> DynamicImage {
    if !image.color().has_alpha() {
        return image;
    }
    let mut rgba = image.into_rgba8();
    for p in rgba.pixels_mut() {
        let [r, g, b, a] = p.0;
        let over = |c: u8| {
            let (c, a) = (u32::from(c), u32::from(a));
            u8::try_from((c * a + 255 * (255 - a) + 127) / 255).unwrap_or(255)
        };
        p.0 = [over(r), over(g), over(b), 255];
    }
    DynamicImage::ImageRgba8(rgba)
}

/// The centre of the picture in the shape's proportions: a circle is
/// square; the other shapes take portraits up to 3:4 as they are and crop
/// landscapes and very tall pictures to it.
fn crop(image: DynamicImage, shape: PhotoShape) -> DynamicImage {
    let (w, h) = (image.width(), image.height());
    let (min, max) = match shape {
        PhotoShape::Circle => (1.0, 1.0),
        PhotoShape::Square | PhotoShape::Rounded => (0.75, 1.0),
    };
    let ratio = w as f32 / h as f32;
    if ratio > max {
        let nw = ((h as f32 * max).round() as u32).clamp(1, w);
        image.crop_imm((w - nw) / 2, 0, nw, h)
    } else if ratio < min {
        let nh = ((w as f32 / min).round() as u32).clamp(1, h);
        // Faces sit in the upper part of a tall portrait.
        image.crop_imm(0, (h - nh) / 4, w, nh)
    } else {
        image
    }
}

/// The decoder's message without its own prefixes, on one line.
fn short(e: &image::ImageError) -> String {
    e.to_string()
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg() -> Vec<u8> {
        let image = image::RgbImage::from_fn(64, 48, |x, y| {
            image::Rgb([(x * 4) as u8, (y * 5) as u8, ((x ^ y) * 3) as u8])
        });
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(&image)
            .unwrap();
        out
    }

    #[test]
    fn a_jpeg_ends_at_its_end_marker_whatever_follows() {
        let whole = jpeg();
        assert!(jpeg_complete(&whole));
        // A motion photo: the video after the end, with markers of its own.
        let mut motion = whole.clone();
        let mut seed = 0x9e37_79b9_u32;
        motion.extend((0..1_048_576).map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed.to_le_bytes()[0]
        }));
        motion.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x08]);
        assert!(jpeg_complete(&motion));
        assert!(decode(&motion, PhotoShape::Square).is_ok());
        for cut in [whole.len() - 2, whole.len() / 2, 20, 3] {
            assert!(!jpeg_complete(&whole[..cut]), "cut at {cut}");
        }
    }
}
