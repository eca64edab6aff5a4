//! The candidate's photo (and a letter's signature picture): one JPEG image XObject, drawn clipped to the layout's shape, as an artifact.
//!
//! An artifact rather than a `Figure`: the photo stands beside the name,
//! which is the `H1` a screen reader announces first, and "photo of Jane
//! Doe" would only repeat it; the reading order (and `pdftotext`) stays the
//! text alone. PDF/UA allows decoration as artifact content.

use lopdf::{Dictionary, Document, Object, Stream};

use super::compose::{Item, Picture};
use super::content::Content;
use super::draw::Geometry;
use super::paginate::Page;
use super::tag::Artifact;
use crate::document::{Logo, Photo};

/// The logo's XObject name in the page resources (photos are `Photo0`, `Photo1`, …).
const LOGO: &[u8] = b"Logo";

fn photo_name(index: usize) -> Vec<u8> {
    format!("Photo{index}").into_bytes()
}

/// Draws the page's photos (the first page's header holds the only one).
pub fn draw(content: &mut Content, page: &Page, geo: Geometry) {
    for placed in &page.items {
        if let Item::Photo {
            picture,
            x,
            y,
            width,
            height,
            radius,
        } = placed.item
        {
            let bottom = geo.height - geo.top - placed.top - y - height;
            content.begin_artifact(Artifact::Layout);
            let name = match picture {
                Picture::Photo(i) => photo_name(i),
                Picture::Logo => LOGO.to_vec(),
                Picture::Signature(i) => signature_name(i),
            };
            content.image(&name, (geo.left + x, bottom, width, height), radius);
            content.end_marked();
        }
    }
}

fn signature_name(index: usize) -> Vec<u8> {
    format!("Signature{index}").into_bytes()
}

/// Adds the `index`-th candidate's photo as an image XObject to the resources every page shares.
pub fn embed(doc: &mut Document, index: usize, photo: &Photo) -> Result<(), String> {
    embed_jpeg(doc, &photo_name(index), photo)
}

/// Adds the picture of the `index`-th document's signature, as a photo is added.
pub fn embed_signature(doc: &mut Document, index: usize, picture: &Photo) -> Result<(), String> {
    embed_jpeg(doc, &signature_name(index), picture)
}

fn embed_jpeg(doc: &mut Document, name: &[u8], photo: &Photo) -> Result<(), String> {
    let mut dict = image_dict(photo.width, photo.height);
    dict.set("Filter", Object::Name(b"DCTDecode".to_vec()));
    let mut stream = Stream::new(dict, photo.jpeg.clone());
    stream.allows_compression = false;
    let id = doc.add_object(stream);
    add(doc, name, id)
}

/// Adds the logo: an SVG as vectors (a Form XObject), else, or if that
/// fails, its RGB samples as an image XObject (deflated with the other streams).
pub fn embed_logo(doc: &mut Document, logo: &Logo) -> Result<(), String> {
    if let Some(Ok(form)) = logo.svg.as_deref().map(|svg| super::svg::embed(doc, svg)) {
        return add(doc, LOGO, form);
    }
    let stream = Stream::new(image_dict(logo.width, logo.height), logo.rgb.clone());
    let id = doc.add_object(stream);
    add(doc, LOGO, id)
}

fn image_dict(width: u32, height: u32) -> Dictionary {
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XObject".to_vec()));
    dict.set("Subtype", Object::Name(b"Image".to_vec()));
    dict.set("Width", i64::from(width));
    dict.set("Height", i64::from(height));
    dict.set("ColorSpace", Object::Name(b"DeviceRGB".to_vec()));
    dict.set("BitsPerComponent", 8);
    dict
}

/// Adds the XObject `id` under `name` to the resources every page shares.
fn add(doc: &mut Document, name: &[u8], id: lopdf::ObjectId) -> Result<(), String> {
    let page = doc
        .get_pages()
        .into_values()
        .next()
        .ok_or("the PDF has no page for the photo")?;
    let resources = match doc
        .get_dictionary(page)
        .and_then(|p| p.get(b"Resources"))
        .map_err(|e| e.to_string())?
    {
        Object::Reference(r) => *r,
        _ => return Err("the page resources are not shared".into()),
    };
    let xobjects = doc
        .get_dictionary(resources)
        .and_then(|r| r.get(b"XObject"))
        .ok()
        .cloned();
    let mut entry = Dictionary::new();
    entry.set(name, Object::Reference(id));
    match xobjects {
        Some(Object::Reference(r)) => {
            let d = doc.get_dictionary_mut(r).map_err(|e| e.to_string())?;
            d.set(name, Object::Reference(id));
        }
        Some(Object::Dictionary(mut d)) => {
            d.set(name, Object::Reference(id));
            doc.get_dictionary_mut(resources)
                .map_err(|e| e.to_string())?
                .set("XObject", d);
        }
        _ => {
            doc.get_dictionary_mut(resources)
                .map_err(|e| e.to_string())?
                .set("XObject", entry);
        }
    }
    Ok(())
}
