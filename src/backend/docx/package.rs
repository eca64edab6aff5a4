//! The package around the document: which parts it has, their content
//! types and relationships, the core and app properties, and the zip.
//!
//! docx-rs builds the parts; this module decides which of them ship and
//! packs them. `XMLDocx::pack` is not used: it stores entries with the
//! current time, adds directory entries, and always writes parts a resume
//! does not have (comments, footnotes, custom properties). Instead the
//! content types and package relationships are built with docx-rs's own
//! types from [`PARTS`], the list that is zipped, so nothing is declared
//! that is missing and nothing ships undeclared; and the zip is
//! reproducible: entries always in the same order, every entry time fixed,
//! no directory entries, no extra fields.

use std::io::{Cursor, Write};

use docx_rs::{BuildXML, ContentTypes, DocumentRels, Rels};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::body::Links;
use super::xml::escape;
use crate::document::Metadata;

const CT_MAIN: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Every part of the package except the relationship parts, with its content type.
///
/// `commentsExtended.xml` is here because docx-rs's `document.xml.rels`
/// always refers to it; it is an empty, valid part.
const PARTS: [(&str, &str); 8] = [
    ("/word/document.xml", "document.main+xml"),
    ("/word/styles.xml", "styles+xml"),
    ("/word/numbering.xml", "numbering+xml"),
    ("/word/settings.xml", "settings+xml"),
    ("/word/fontTable.xml", "fontTable+xml"),
    ("/word/commentsExtended.xml", "commentsExtended+xml"),
    (
        "/docProps/core.xml",
        "application/vnd.openxmlformats-package.core-properties+xml",
    ),
    (
        "/docProps/app.xml",
        "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    ),
];

/// `[Content_Types].xml`: exactly the parts of [`PARTS`].
pub fn content_types() -> ContentTypes {
    PARTS.iter().fold(ContentTypes::new(), |ct, (part, kind)| {
        if kind.starts_with("application/") {
            ct.add_content(*part, *kind)
        } else {
            ct.add_content(*part, format!("{CT_MAIN}.{kind}"))
        }
    })
}

/// `_rels/.rels`: the main document and the two property parts (docx-rs's
/// default also names `docProps/custom.xml`, which a resume does not have).
pub fn package_rels() -> Rels {
    Rels::new()
        .add_rel(format!("{REL}/officeDocument"), "word/document.xml")
        .add_rel(
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml",
        )
        .add_rel(format!("{REL}/extended-properties"), "docProps/app.xml")
}

/// `word/_rels/document.xml.rels`, built again by docx-rs's `DocumentRels`
/// with the hyperlinks in first-use order. docx-rs collects the same
/// `(rid, target)` pairs while building, but through a `HashMap`, so its
/// order (and the bytes) changed from run to run.
pub fn document_rels(
    links: &Links,
    photos: &[(String, String)],
    headers: usize,
    footers: usize,
) -> Vec<u8> {
    DocumentRels {
        header_count: headers,
        footer_count: footers,
        images: photos.to_vec(),
        // The `List Bullet` style refers to the list even when no paragraph does.
        has_numberings: true,
        hyperlinks: links
            .relationships()
            .map(|(id, target)| (id, target.to_string(), "External".to_string()))
            .collect(),
        ..DocumentRels::default()
    }
    .build()
}

/// `docProps/core.xml`: title, creator, subject, keywords, language, dates.
pub fn core_xml(meta: &Metadata, language: &str, timestamp: i64) -> String {
    let when = w3cdtf(timestamp);
    let mut out = String::from(XML_DECLARATION);
    out.push_str(concat!(
        r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties""#,
        r#" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/""#,
        r#" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
    ));
    let element = |out: &mut String, tag: &str, value: &str| {
        let value = value.trim();
        if !value.is_empty() {
            out.push_str(&format!("<{tag}>{}</{tag}>", escape(value)));
        }
    };
    element(&mut out, "dc:title", &meta.title);
    element(
        &mut out,
        "dc:subject",
        meta.subject.as_deref().unwrap_or(""),
    );
    element(&mut out, "dc:creator", meta.author.as_deref().unwrap_or(""));
    let keywords: Vec<&str> = meta
        .keywords
        .iter()
        .map(|k| k.trim())
        .filter(|k| !k.is_empty())
        .collect();
    element(&mut out, "cp:keywords", &keywords.join(", "));
    element(&mut out, "dc:language", language);
    element(
        &mut out,
        "cp:lastModifiedBy",
        meta.author.as_deref().unwrap_or(""),
    );
    out.push_str(&format!(
        r#"<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>"#
    ));
    out.push_str("</cp:coreProperties>");
    out
}

/// Every part we write ourselves starts with this.
const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// `docProps/app.xml`: the producing application, without a version so that
/// upgrades do not change otherwise identical output.
pub fn app_xml() -> String {
    format!(
        concat!(
            "{}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"",
            " xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">",
            "<Application>resume-export</Application><DocSecurity>0</DocSecurity></Properties>"
        ),
        XML_DECLARATION
    )
}

/// `word/settings.xml` gets the language for theme fonts (`w:themeFontLang`,
/// with `w:bidi` too for a language written in a complex script),
/// which docx-rs's `Settings` cannot express; it goes last, after
/// `w:compat`, where the schema has it.
pub fn patch_settings(settings: &mut Vec<u8>, language: &str) -> Result<(), String> {
    let text = std::str::from_utf8(settings).map_err(|e| format!("settings.xml: {e}"))?;
    let Some(at) = text.rfind("</w:settings>") else {
        return Err("settings.xml: docx-rs output changed (no </w:settings>)".to_string());
    };
    let mut out = String::with_capacity(text.len() + 64);
    out.push_str(text.get(..at).unwrap_or_default());
    // Theme fonts for a complex script follow `w:bidi`: name the language
    // when the document is written in one (Thai, Hindi, Persian, …).
    let cs = super::styles::complex_script_language(language);
    if cs == language {
        out.push_str(&format!(
            r#"<w:themeFontLang w:val="{0}" w:bidi="{0}" />"#,
            escape(language)
        ));
    } else {
        out.push_str(&format!(
            r#"<w:themeFontLang w:val="{}" />"#,
            escape(language)
        ));
    }
    out.push_str(text.get(at..).unwrap_or_default());
    *settings = out.into_bytes();
    Ok(())
}

/// `word/settings.xml` asks Word to update the fields when it opens the
/// file (`w:updateFields`, which docx-rs's `Settings` cannot express), so
/// a bundle cover's `PAGEREF`s show their pages rather than the "–" stored
/// in them. It goes before `w:compat`, where the schema has it.
pub fn update_fields(settings: &mut Vec<u8>) -> Result<(), String> {
    let text = std::str::from_utf8(settings).map_err(|e| format!("settings.xml: {e}"))?;
    let Some(at) = text.find("<w:compat>") else {
        return Err("settings.xml: docx-rs output changed (no <w:compat>)".to_string());
    };
    let mut out = String::with_capacity(text.len() + 32);
    out.push_str(text.get(..at).unwrap_or_default());
    out.push_str(r#"<w:updateFields w:val="true" />"#);
    out.push_str(text.get(at..).unwrap_or_default());
    *settings = out.into_bytes();
    Ok(())
}

/// Packs the parts, in the given order, into a reproducible zip.
pub fn zip(parts: &[(String, Vec<u8>)]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    // 1980-01-01, the zip epoch: entry times carry no information here, and
    // a fixed value keeps the bytes reproducible.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    for (path, xml) in parts {
        zip.start_file(path.as_str(), options)?;
        zip.write_all(xml)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// Seconds since 1970 as a W3CDTF UTC time (`2000-01-01T00:00:00Z`), clamped to years 1–9999.
pub fn w3cdtf(seconds: i64) -> String {
    const MIN: i64 = -62_135_596_800; // 0001-01-01T00:00:00Z
    const MAX: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z
    let s = seconds.clamp(MIN, MAX);
    let days = s.div_euclid(86_400);
    let secs = s.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn w3cdtf_formats_and_clamps() {
        assert_eq!(w3cdtf(946_684_800), "2000-01-01T00:00:00Z");
        assert_eq!(w3cdtf(0), "1970-01-01T00:00:00Z");
        assert_eq!(w3cdtf(1_709_210_096), "2024-02-29T12:34:56Z");
        assert_eq!(w3cdtf(-1), "1969-12-31T23:59:59Z");
        assert_eq!(w3cdtf(i64::MAX), "9999-12-31T23:59:59Z");
        assert_eq!(w3cdtf(i64::MIN), "0001-01-01T00:00:00Z");
    }
}
