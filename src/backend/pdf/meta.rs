//! The file around the pages: document information and its XMP packet,
//! language, outline, the claims of `--pdf-standard` (with PDF/A's output
//! intent) and a document ID derived from the content, written into
//! printpdf's lopdf document so the output is byte-identical across runs.

use lopdf::{Dictionary, Object, Stream, StringFormat};

use super::paginate::Bookmark;
use super::xmp;
use crate::backend::PdfStandards;
use crate::document::Metadata;

/// The output intent's profile (see `icc/README.md`).
const SRGB: &[u8] = include_bytes!("icc/sRGB.icc");

/// FNV-1a, 64 bit: a small stable hash (std's hashers are not stable across releases).
pub struct Fnv(u64);

impl Fnv {
    pub fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    pub fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    pub fn finish(&self) -> u64 {
        self.0
    }
}

/// What goes into the trailer, catalog and info dictionary.
pub struct FileInfo<'a> {
    pub meta: &'a Metadata,
    pub timestamp: i64,
    /// Hash of everything the output depends on.
    pub content_hash: [u64; 2],
    pub bookmarks: &'a [Bookmark],
    /// Page height and top margin in points, to place outline targets.
    pub page_height: f32,
    pub top: f32,
    pub standards: PdfStandards,
}

/// Rewrites the info dictionary, sets the language and outline, and the ID.
pub fn finish(doc: &mut lopdf::Document, info: &FileInfo) -> Result<(), lopdf::Error> {
    let m = info.meta;
    let date = pdf_date(info.timestamp);
    let mut dict = Dictionary::new();
    dict.set("Title", text(&m.title));
    if let Some(a) = &m.author {
        dict.set("Author", text(a));
    }
    if let Some(s) = &m.subject {
        dict.set("Subject", text(s));
    }
    if !m.keywords.is_empty() {
        dict.set("Keywords", text(&m.keywords.join(", ")));
    }
    const CREATOR: &str = "resume-export";
    const PRODUCER: &str = concat!("resume-export ", env!("CARGO_PKG_VERSION"), " (printpdf)");
    dict.set("Creator", text(CREATOR));
    dict.set("Producer", text(PRODUCER));
    dict.set("CreationDate", text(&date));
    dict.set("ModDate", text(&date));
    // printpdf's own info dictionary would stay behind, unreferenced.
    if let Ok(old) = doc.trailer.get(b"Info").and_then(Object::as_reference) {
        doc.objects.remove(&old);
    }
    let info_id = doc.add_object(dict);
    doc.trailer.set("Info", Object::Reference(info_id));

    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    let outline = if info.bookmarks.is_empty() {
        None
    } else {
        let root = doc.new_object_id();
        let ids: Vec<lopdf::ObjectId> =
            info.bookmarks.iter().map(|_| doc.new_object_id()).collect();
        // Each entry's parent: the root, or the last entry of a lower level.
        let parents: Vec<Option<usize>> = info
            .bookmarks
            .iter()
            .enumerate()
            .map(|(i, b)| {
                if b.level == 0 {
                    return None;
                }
                info.bookmarks
                    .iter()
                    .take(i)
                    .rposition(|p| p.level < b.level)
            })
            .collect();
        let children = |parent: Option<usize>| -> Vec<usize> {
            (0..ids.len())
                .filter(|&i| parents.get(i).copied().flatten() == parent)
                .collect()
        };
        let id_of =
            |parent: Option<usize>| parent.and_then(|p| ids.get(p)).copied().unwrap_or(root);
        let mut visible = 0i64;
        for parent in std::iter::once(None).chain((0..ids.len()).map(Some)) {
            let kids = children(parent);
            if kids.is_empty() {
                continue;
            }
            if parent.is_none() {
                visible += kids.len() as i64;
            }
            for (k, &i) in kids.iter().enumerate() {
                let (Some(b), Some(id)) = (info.bookmarks.get(i), ids.get(i)) else {
                    continue;
                };
                let Some(page) = pages.get(b.page) else {
                    continue;
                };
                let mut item = Dictionary::new();
                item.set("Title", text(&b.title));
                item.set("Parent", Object::Reference(id_of(parent)));
                item.set(
                    "Dest",
                    Object::Array(vec![
                        Object::Reference(*page),
                        Object::Name(b"XYZ".to_vec()),
                        Object::Null,
                        Object::Real(info.page_height - info.top - b.top + 2.0),
                        Object::Null,
                    ]),
                );
                if let Some(prev) = k
                    .checked_sub(1)
                    .and_then(|p| kids.get(p))
                    .and_then(|p| ids.get(*p))
                {
                    item.set("Prev", Object::Reference(*prev));
                }
                if let Some(next) = kids.get(k + 1).and_then(|n| ids.get(*n)) {
                    item.set("Next", Object::Reference(*next));
                }
                let own = children(Some(i));
                if let (Some(first), Some(last)) = (
                    own.first().and_then(|f| ids.get(*f)),
                    own.last().and_then(|l| ids.get(*l)),
                ) {
                    item.set("First", Object::Reference(*first));
                    item.set("Last", Object::Reference(*last));
                    // Closed: a candidate's sections show when it is opened.
                    item.set("Count", Object::Integer(-(own.len() as i64)));
                }
                doc.objects.insert(*id, Object::Dictionary(item));
            }
        }
        let top: Vec<usize> = children(None);
        let mut outlines = Dictionary::new();
        outlines.set("Type", Object::Name(b"Outlines".to_vec()));
        outlines.set("Count", Object::Integer(visible));
        if let (Some(first), Some(last)) = (
            top.first().and_then(|f| ids.get(*f)),
            top.last().and_then(|l| ids.get(*l)),
        ) {
            outlines.set("First", Object::Reference(*first));
            outlines.set("Last", Object::Reference(*last));
        }
        doc.objects.insert(root, Object::Dictionary(outlines));
        Some(root)
    };

    // The XMP packet repeats the info dictionary, and claims the standards.
    let keywords = m.keywords.join(", ");
    let fields = xmp::Fields {
        title: &m.title,
        author: m.author.as_deref(),
        subject: m.subject.as_deref(),
        keywords: (!keywords.is_empty()).then_some(keywords.as_str()),
        language: &m.language,
        creator_tool: CREATOR,
        producer: PRODUCER,
        timestamp: info.timestamp,
    };
    let mut meta = Dictionary::new();
    meta.set("Type", Object::Name(b"Metadata".to_vec()));
    meta.set("Subtype", Object::Name(b"XML".to_vec()));
    let metadata = doc.add_object(Stream::new(meta, xmp::packet(&fields, info.standards)));
    let intent = info.standards.pdfa.map(|_| {
        let mut profile = Dictionary::new();
        profile.set("N", Object::Integer(3));
        let profile = doc.add_object(Stream::new(profile, SRGB.to_vec()));
        let name = || Object::String(b"sRGB IEC61966-2.1".to_vec(), StringFormat::Literal);
        let mut intent = Dictionary::new();
        intent.set("Type", Object::Name(b"OutputIntent".to_vec()));
        intent.set("S", Object::Name(b"GTS_PDFA1".to_vec()));
        intent.set("OutputConditionIdentifier", name());
        intent.set("Info", name());
        intent.set("DestOutputProfile", Object::Reference(profile));
        Object::Dictionary(intent)
    });
    // Object and cross-reference streams are PDF 1.5; PDF/A-2 and PDF/UA-1
    // are built on PDF 1.7.
    doc.version = "1.7".to_string();

    let catalog = doc.catalog_mut()?;
    catalog.set("Lang", text(&m.language));
    catalog.set("Metadata", Object::Reference(metadata));
    let mut prefs = Dictionary::new();
    prefs.set("DisplayDocTitle", Object::Boolean(true));
    catalog.set("ViewerPreferences", Object::Dictionary(prefs));
    if let Some(intent) = intent {
        catalog.set("OutputIntents", Object::Array(vec![intent]));
    }
    match outline {
        Some(root) => {
            catalog.set("Outlines", Object::Reference(root));
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
        None => {
            catalog.remove(b"Outlines");
            catalog.set("PageMode", Object::Name(b"UseNone".to_vec()));
        }
    }

    let id: Vec<u8> = info
        .content_hash
        .iter()
        .flat_map(|h| h.to_be_bytes())
        .collect();
    doc.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
    Ok(())
}

/// A PDF text string: ASCII as is, anything else as UTF-16BE with a BOM.
pub(super) fn text(s: &str) -> Object {
    let clean: String = s.chars().filter(|c| !c.is_control()).collect();
    if clean.is_ascii() {
        Object::String(clean.into_bytes(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xfe, 0xff];
        for unit in clean.encode_utf16() {
            bytes.extend(unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// `D:YYYYMMDDHHmmSSZ` for seconds since 1970 (UTC).
pub fn pdf_date(ts: i64) -> String {
    let days = ts.div_euclid(86_400);
    let secs = ts.rem_euclid(86_400);
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}Z",
        year.clamp(0, 9999),
        month,
        day,
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(pdf_date(0), "D:19700101000000Z");
        assert_eq!(pdf_date(946_684_800), "D:20000101000000Z");
        assert_eq!(pdf_date(1_709_251_199), "D:20240229235959Z");
    }
}
