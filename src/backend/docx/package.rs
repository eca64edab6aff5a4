//! The package around the document: content types, relationships, core and
//! app properties, settings, font table, and the zip container.
//!
//! The zip is reproducible: entries always in the same order, every entry
//! time fixed, no directory entries, no extra fields.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::body::Links;
use super::xml::escape;
use super::{NS_W, XML_DECLARATION};
use crate::document::Metadata;

const CT_MAIN: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// `[Content_Types].xml`.
pub fn content_types_xml() -> String {
    let overrides = [
        ("/word/document.xml", format!("{CT_MAIN}.document.main+xml")),
        ("/word/styles.xml", format!("{CT_MAIN}.styles+xml")),
        ("/word/numbering.xml", format!("{CT_MAIN}.numbering+xml")),
        ("/word/settings.xml", format!("{CT_MAIN}.settings+xml")),
        ("/word/fontTable.xml", format!("{CT_MAIN}.fontTable+xml")),
        (
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml".to_string(),
        ),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".to_string(),
        ),
    ];
    let mut out = String::from(XML_DECLARATION);
    out.push_str(
        r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"#,
    );
    for (part, ct) in overrides {
        out.push_str(&format!(
            r#"<Override PartName="{part}" ContentType="{ct}"/>"#
        ));
    }
    out.push_str("</Types>");
    out
}

/// `_rels/.rels`: the main document and the two property parts.
pub fn package_rels_xml() -> String {
    format!(
        concat!(
            "{decl}<Relationships xmlns=\"{pkg}\">",
            r#"<Relationship Id="rId1" Type="{rel}/officeDocument" Target="word/document.xml"/>"#,
            r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
            r#"<Relationship Id="rId3" Type="{rel}/extended-properties" Target="docProps/app.xml"/>"#,
            "</Relationships>"
        ),
        decl = XML_DECLARATION,
        pkg = PKG_REL,
        rel = REL,
    )
}

/// `word/_rels/document.xml.rels`: the document's parts, then one external
/// relationship per distinct hyperlink target.
pub fn document_rels_xml(links: &Links) -> String {
    let mut out = format!("{XML_DECLARATION}<Relationships xmlns=\"{PKG_REL}\">");
    for (id, kind, target) in [
        ("rId1", "styles", "styles.xml"),
        ("rId2", "numbering", "numbering.xml"),
        ("rId3", "settings", "settings.xml"),
        ("rId4", "fontTable", "fontTable.xml"),
    ] {
        out.push_str(&format!(
            r#"<Relationship Id="{id}" Type="{REL}/{kind}" Target="{target}"/>"#
        ));
    }
    for (id, target) in links.relationships() {
        // `target` is already escaped and free of whitespace and control characters.
        out.push_str(&format!(
            r#"<Relationship Id="{id}" Type="{REL}/hyperlink" Target="{target}" TargetMode="External"/>"#
        ));
    }
    out.push_str("</Relationships>");
    out
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

/// `word/settings.xml`: current Word compatibility (not "compatibility
/// mode"), and the document language for the spelling checker.
pub fn settings_xml(language: &str) -> String {
    format!(
        concat!(
            "{decl}<w:settings xmlns:w=\"{w}\">",
            r#"<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>"#,
            r#"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#,
            r#"<w:themeFontLang w:val="{lang}"/>"#,
            "</w:settings>"
        ),
        decl = XML_DECLARATION,
        w = NS_W,
        lang = escape(language),
    )
}

/// `word/fontTable.xml`: the families the styles name.
pub fn font_table_xml(names: &[String]) -> String {
    let mut out = format!("{XML_DECLARATION}<w:fonts xmlns:w=\"{NS_W}\">");
    for n in names {
        out.push_str(&format!(r#"<w:font w:name="{}"/>"#, escape(n)));
    }
    out.push_str("</w:fonts>");
    out
}

/// Packs the parts, in the given order, into a reproducible zip.
pub fn zip(parts: &[(&str, String)]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    // 1980-01-01, the zip epoch: entry times carry no information here, and
    // a fixed value keeps the bytes reproducible.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    for (path, xml) in parts {
        zip.start_file(*path, options)?;
        zip.write_all(xml.as_bytes())?;
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
