//! The candidate's photo in Word: a picture floating at the right margin beside the name, or inline (a sidebar's cell, a split header's), with the name as its alt text.
//!
//! docx-rs writes every picture as a PNG part named from a process-wide
//! counter, with no alt text and a rectangle outline. So the picture's
//! relationship id is ours (`rIdPhoto`, `rIdPhoto2`, … in a bundle), the JPEG
//! ships as `word/media/photo.jpeg` ([`super::render_parts`]), and [`patch`] sets the
//! alt text and the layout's shape in the built `document.xml`.

use docx_rs::{DrawingPosition, Pic, PicAlign, RelativeFromHType, RelativeFromVType, Run};

use crate::document::Photo;
use crate::layout::{Definition, PhotoShape};

/// The `n`-th photo's (0-based) relationship id and part, relative to `word/`:
/// `rIdPhoto` and `media/photo.jpeg` for a single resume.
pub fn names(n: usize) -> (String, String) {
    match n {
        0 => ("rIdPhoto".into(), "media/photo.jpeg".into()),
        _ => (
            format!("rIdPhoto{}", n + 1),
            format!("media/photo{}.jpeg", n + 1),
        ),
    }
}

/// The relationship id and part of the picture of the `n`-th (0-based)
/// candidate's signature under their letter: `rIdSignature` and
/// `media/signature.jpeg` for a single letter.
pub fn signature_names(n: usize) -> (String, String) {
    match n {
        0 => ("rIdSignature".into(), "media/signature.jpeg".into()),
        _ => (
            format!("rIdSignature{}", n + 1),
            format!("media/signature{}.jpeg", n + 1),
        ),
    }
}

/// The signature's relationship id of the candidate whose photo's is `photo_rel`.
pub fn signature_rel(photo_rel: &str) -> String {
    photo_rel.replacen("rIdPhoto", "rIdSignature", 1)
}

/// A run holding the picture of the signature inline: 12 mm tall, at most
/// 60 mm wide, as the PDF draws it.
pub fn signature_run(picture: &Photo, rel: &str) -> Run {
    let ratio = picture.width.max(1) as f32 / picture.height.max(1) as f32;
    let (mut w, mut h) = (12.0 * ratio, 12.0);
    if w > 60.0 {
        (w, h) = (60.0, 60.0 / ratio);
    }
    let size = (
        (w * EMU_PER_MM).round() as u32,
        (h * EMU_PER_MM).round() as u32,
    );
    Run::new().add_image(pic(picture, rel, size))
}

/// Marks the drawing of relationship `rel` decorative (the name under it
/// says whose signature it is), with `id`; `false` when the body has none.
pub fn patch_decorative(document: &mut Vec<u8>, rel: &str, id: usize) -> Result<bool, String> {
    let mut xml = String::from_utf8(std::mem::take(document)).map_err(|e| e.to_string())?;
    let doc_pr = r#"<wp:docPr id="1" name="Figure" />"#;
    let Some(embed) = xml.find(&format!("r:embed=\"{rel}\"")) else {
        *document = xml.into_bytes();
        return Ok(false);
    };
    let at = xml
        .get(..embed)
        .and_then(|head| head.rfind(doc_pr))
        .ok_or("docx-rs no longer writes the picture's wp:docPr as expected")?;
    xml.replace_range(
        at..at + doc_pr.len(),
        &format!(
            concat!(
                r#"<wp:docPr id="{}" name="Signature" descr="">"#,
                r#"<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">"#,
                r#"<a:ext uri="{{C183D7F6-B498-43B3-948B-1728B52AA6E4}}">"#,
                r#"<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1" />"#,
                r#"</a:ext></a:extLst></wp:docPr>"#
            ),
            id
        ),
    );
    *document = xml.into_bytes();
    Ok(true)
}

/// English Metric Units per millimetre.
const EMU_PER_MM: f32 = 36_000.0;

/// The photo's width and height in EMU, `width` millimetres wide at most.
fn size(photo: &Photo, def: &Definition, width: f32) -> (u32, u32) {
    let width = def.photo.size.min(width).max(1.0) * EMU_PER_MM;
    let height = width * photo.height as f32 / photo.width.max(1) as f32;
    (width.round() as u32, height.round() as u32)
}

/// The picture of `photo`, relationship `rel`. The bytes docx-rs keeps only
/// serve its own packer, which is not used; it merges pictures of equal
/// bytes into the first one's relationship, so each gets its id's.
fn pic(photo: &Photo, rel: &str, (w, h): (u32, u32)) -> Pic {
    Pic::new_with_dimensions(rel.as_bytes().to_vec(), photo.width, photo.height)
        .id(rel)
        .size(w, h)
}

/// A run holding the photo, anchored to the right margin at the top of its paragraph.
pub fn run(photo: &Photo, def: &Definition, rel: &str) -> Run {
    // Distances from the text: 5 mm at the side, 2 mm below.
    let pic = pic(photo, rel, size(photo, def, f32::MAX))
        .floating()
        .relative_from_h(RelativeFromHType::Margin)
        .position_h(DrawingPosition::Align(PicAlign::Right))
        .relative_from_v(RelativeFromVType::Paragraph)
        .position_v(DrawingPosition::Offset(0))
        .dist_l((5.0 * EMU_PER_MM) as i32)
        .dist_b((2.0 * EMU_PER_MM) as i32);
    Run::new().add_image(pic)
}

/// A run holding the photo inline, `width` millimetres wide at most (a table cell's).
pub fn inline(photo: &Photo, def: &Definition, rel: &str, width: f32) -> Run {
    Run::new().add_image(pic(photo, rel, size(photo, def, width)))
}

/// Sets the alt text (`descr`, the name), the drawing's id (unique in the
/// part) and the outline of the next photo in `document.xml`; fails if
/// docx-rs no longer writes what is replaced.
pub fn patch(
    document: &mut Vec<u8>,
    (rel, alt): (&str, &str),
    def: &Definition,
    id: usize,
) -> Result<(), String> {
    let mut xml = String::from_utf8(std::mem::take(document)).map_err(|e| e.to_string())?;
    let doc_pr = r#"<wp:docPr id="1" name="Figure" />"#;
    // The photo's own drawing: the properties before its picture's
    // relationship, the outline after it (icons have theirs too).
    let embed = xml
        .find(&format!("r:embed=\"{rel}\""))
        .ok_or("docx-rs no longer writes the photo's relationship id as given")?;
    let at = xml
        .get(..embed)
        .and_then(|head| head.rfind(doc_pr))
        .ok_or("docx-rs no longer writes the picture's wp:docPr as expected")?;
    let alt = super::xml::clean(alt);
    let alt = alt
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    xml.replace_range(
        at..at + doc_pr.len(),
        &format!(r#"<wp:docPr id="{id}" name="Photo" descr="{alt}" />"#),
    );
    let embed = xml.find(&format!("r:embed=\"{rel}\"")).unwrap_or_default();
    let geometry = match def.photo.shape {
        PhotoShape::Square => None,
        PhotoShape::Rounded => Some(
            r#"<a:prstGeom prst="roundRect"><a:avLst><a:gd name="adj" fmla="val 8000" /></a:avLst></a:prstGeom>"#,
        ),
        PhotoShape::Circle => Some(r#"<a:prstGeom prst="ellipse"><a:avLst /></a:prstGeom>"#),
    };
    if let Some(g) = geometry {
        let rect = r#"<a:prstGeom prst="rect"><a:avLst /></a:prstGeom>"#;
        let Some(at) = xml.get(embed..).and_then(|tail| tail.find(rect)) else {
            return Err("docx-rs no longer writes the picture's a:prstGeom as expected".into());
        };
        xml.replace_range(embed + at..embed + at + rect.len(), g);
    }
    *document = xml.into_bytes();
    Ok(())
}
