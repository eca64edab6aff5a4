//! `--pdf-standard`: each claim (PDF/UA-1 by default, PDF/A-2b, 2u, 2a, and
//! PDF/A with PDF/UA) is written into the XMP packet with what it requires
//! (output intent, extension schema), bytes stay deterministic, and the
//! PDF/A-2 rules that no tool on this machine checks (veraPDF is not
//! installable here) are checked on the file itself, rule by rule; the
//! clause numbers are veraPDF's (ISO 19005-2).

use crate::common;

use std::collections::{BTreeMap, BTreeSet};

use lopdf::content::Content;
use lopdf::{Document as Pdf, Object};
use resume_export::backend::{self, PdfA, PdfStandards, RenderOptions};
use resume_export::layout::Layout;

fn render(sample: &str, layout: &str, standards: PdfStandards) -> Vec<u8> {
    let layout = Layout::builtin(layout).unwrap();
    let bytes = std::fs::read(common::root().join("samples").join(sample)).unwrap();
    let doc = resume_export::load(&bytes, &layout).unwrap().1;
    let options = RenderOptions {
        pdf_standards: standards,
        ..RenderOptions::default()
    };
    backend::find("pdf")
        .unwrap()
        .render(&doc, &layout, &options)
        .unwrap()
        .bytes
}

fn xmp(pdf: &Pdf) -> String {
    let catalog = pdf.catalog().unwrap();
    let id = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let stream = pdf.get_object(id).unwrap().as_stream().unwrap();
    assert_eq!(
        stream.dict.get(b"Type").unwrap().as_name().unwrap(),
        b"Metadata"
    );
    assert_eq!(
        stream.dict.get(b"Subtype").unwrap().as_name().unwrap(),
        b"XML"
    );
    let bytes = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    String::from_utf8(bytes).expect("6.6.2.1-5: the packet is UTF-8")
}

/// Text of an XMP property, if the packet has it.
fn property(packet: &roxmltree::Document, ns: &str, name: &str) -> Option<String> {
    packet
        .descendants()
        .find(|n| n.tag_name().namespace() == Some(ns) && n.tag_name().name() == name)
        .map(|n| {
            n.descendants()
                .filter(|d| d.is_text())
                .map(|d| d.text().unwrap_or(""))
                .collect::<String>()
                .trim()
                .to_string()
        })
}

const PDFAID: &str = "http://www.aiim.org/pdfa/ns/id/";
const PDFUAID: &str = "http://www.aiim.org/pdfua/ns/id/";

fn standards(ua1: bool, pdfa: Option<PdfA>) -> PdfStandards {
    PdfStandards { ua1, pdfa }
}

#[test]
fn each_claim_is_in_the_xmp_packet_and_only_that() {
    let cases = [
        (standards(true, None), None, true),
        (standards(false, Some(PdfA::B)), Some("B"), false),
        (standards(false, Some(PdfA::U)), Some("U"), false),
        (standards(false, Some(PdfA::A)), Some("A"), false),
        (standards(true, Some(PdfA::A)), Some("A"), true),
        (standards(true, Some(PdfA::B)), Some("B"), true),
        (standards(false, None), None, false),
    ];
    for (s, level, ua) in cases {
        let bytes = render("alex-rn.json", "classic", s);
        let pdf = Pdf::load_mem(&bytes).unwrap();
        let text = xmp(&pdf);
        let packet = roxmltree::Document::parse(&text).expect("6.6.2.1-4: well-formed XML");
        let case = format!("{:?}", s.names());
        assert_eq!(
            property(&packet, PDFAID, "part").as_deref(),
            level.map(|_| "2"),
            "{case}"
        );
        assert_eq!(
            property(&packet, PDFAID, "conformance").as_deref(),
            level,
            "{case}"
        );
        assert_eq!(
            property(&packet, PDFUAID, "part").as_deref(),
            ua.then_some("1"),
            "{case}"
        );
        // PDF/A allows pdfuaid only with its extension schema described.
        assert_eq!(
            text.contains("<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"),
            ua && level.is_some(),
            "{case}"
        );
        // The output intent comes with PDF/A, and only then.
        let intents = pdf.catalog().unwrap().get(b"OutputIntents");
        assert_eq!(intents.is_ok(), level.is_some(), "{case}");
        // The info dictionary and the packet say the same.
        let info = pdf
            .get_dictionary(pdf.trailer.get(b"Info").unwrap().as_reference().unwrap())
            .unwrap();
        let info_text = |k: &[u8]| match info.get(k) {
            Ok(Object::String(b, _)) => decode(b),
            _ => String::new(),
        };
        let dc = "http://purl.org/dc/elements/1.1/";
        let xmp_ns = "http://ns.adobe.com/xap/1.0/";
        let pdf_ns = "http://ns.adobe.com/pdf/1.3/";
        assert_eq!(property(&packet, dc, "title").unwrap(), info_text(b"Title"));
        assert_eq!(
            property(&packet, dc, "creator").unwrap(),
            info_text(b"Author")
        );
        assert_eq!(
            property(&packet, pdf_ns, "Producer").unwrap(),
            info_text(b"Producer")
        );
        assert_eq!(
            property(&packet, xmp_ns, "CreatorTool").unwrap(),
            info_text(b"Creator")
        );
        let created = info_text(b"CreationDate");
        let xmp_date = property(&packet, xmp_ns, "CreateDate").unwrap();
        assert_eq!(
            xmp_date.replace(['-', ':', 'T'], ""),
            created.trim_start_matches("D:"),
            "{case}"
        );
        // Same input, same options: same bytes.
        assert_eq!(bytes, render("alex-rn.json", "classic", s), "{case}");
    }
}

#[test]
fn the_claim_is_part_of_the_document_id() {
    let a = Pdf::load_mem(&render("alex-rn.json", "classic", standards(true, None))).unwrap();
    let b = Pdf::load_mem(&render(
        "alex-rn.json",
        "classic",
        standards(true, Some(PdfA::A)),
    ))
    .unwrap();
    assert_ne!(a.trailer.get(b"ID").unwrap(), b.trailer.get(b"ID").unwrap());
}

fn decode(b: &[u8]) -> String {
    match b.strip_prefix(&[0xfe, 0xff]) {
        Some(rest) => {
            let units: Vec<u16> = rest
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => String::from_utf8_lossy(b).into_owned(),
    }
}

/// The operators of ISO 32000-1, Annex A (6.2.2-1: no others).
const OPERATORS: &[&str] = &[
    "b", "B", "b*", "B*", "BDC", "BI", "BMC", "BT", "BX", "c", "cm", "CS", "cs", "d", "d0", "d1",
    "Do", "DP", "EI", "EMC", "ET", "EX", "f", "F", "f*", "G", "g", "gs", "h", "i", "ID", "j", "J",
    "K", "k", "l", "m", "M", "MP", "n", "q", "Q", "re", "RG", "rg", "ri", "s", "S", "SC", "sc",
    "SCN", "scn", "sh", "T*", "Tc", "Td", "TD", "Tf", "Tj", "TJ", "TL", "Tm", "Tr", "Ts", "Tw",
    "Tz", "v", "w", "W", "W*", "y", "'", "\"",
];

/// The standard structure types of ISO 32000-1, 14.8.4 (6.7.3.4).
const STRUCTURE_TYPES: &[&str] = &[
    "Document",
    "Part",
    "Art",
    "Sect",
    "Div",
    "BlockQuote",
    "Caption",
    "TOC",
    "TOCI",
    "Index",
    "NonStruct",
    "Private",
    "P",
    "H",
    "H1",
    "H2",
    "H3",
    "H4",
    "H5",
    "H6",
    "L",
    "LI",
    "Lbl",
    "LBody",
    "Table",
    "TR",
    "TH",
    "TD",
    "THead",
    "TBody",
    "TFoot",
    "Span",
    "Quote",
    "Note",
    "Reference",
    "BibEntry",
    "Code",
    "Link",
    "Annot",
    "Ruby",
    "RB",
    "RT",
    "RP",
    "Warichu",
    "WT",
    "WP",
    "Figure",
    "Formula",
    "Form",
];

/// Checks the PDF/A-2 rules that apply to what we write; returns the
/// broken ones as `clause-test: why`.
fn pdfa_findings(bytes: &[u8], level: PdfA) -> Vec<String> {
    let mut out = Vec::new();
    let mut fail = |rule: &str, why: String| out.push(format!("{rule}: {why}"));
    // 6.1.2: header, then a comment of four bytes above 127.
    let header_end = bytes.iter().position(|&b| b == b'\n').unwrap_or(0);
    let header = &bytes[..header_end];
    if !(header.len() == 8 && header.starts_with(b"%PDF-1.") && header[7].is_ascii_digit()) {
        fail(
            "6.1.2-1",
            format!("header {:?}", String::from_utf8_lossy(header)),
        );
    }
    let comment = &bytes[header_end + 1..];
    if !(comment.first() == Some(&b'%') && comment[1..5].iter().all(|&b| b > 127)) {
        fail("6.1.2-2", "no binary comment after the header".into());
    }
    // 6.1.3-3: nothing after %%EOF but one EOL.
    let eof = bytes.windows(5).rposition(|w| w == b"%%EOF").unwrap();
    let tail = &bytes[eof + 5..];
    if !(tail.is_empty() || tail == b"\n" || tail == b"\r\n" || tail == b"\r") {
        fail("6.1.3-3", format!("{} bytes after %%EOF", tail.len()));
    }
    let pdf = Pdf::load_mem(bytes).unwrap();
    // 6.1.3-1, 6.1.3-2: an ID, no encryption.
    if pdf.trailer.get(b"ID").is_err() {
        fail("6.1.3-1", "no ID".into());
    }
    if pdf.trailer.get(b"Encrypt").is_ok() {
        fail("6.1.3-2", "encrypted".into());
    }
    // 6.1.13-7: object count.
    if pdf.objects.len() > 8_388_607 {
        fail("6.1.13-7", "too many objects".into());
    }
    let mut names = Vec::new();
    let mut check_object = |o: &Object, fail: &mut dyn FnMut(&str, String)| {
        let mut stack = vec![o.clone()];
        while let Some(o) = stack.pop() {
            match o {
                // 6.1.13-1, -3, -4: implementation limits.
                Object::Integer(i) if i32::try_from(i).is_err() => {
                    fail("6.1.13-1", format!("integer {i}"))
                }
                Object::Real(r) if !r.is_finite() || (r != 0.0 && r.abs() < 1.175e-38) => {
                    fail("6.1.13-2", format!("real {r}"))
                }
                Object::String(s, _) if s.len() > 32_767 => {
                    fail("6.1.13-3", format!("string of {}", s.len()))
                }
                Object::Name(n) => {
                    if n.len() > 127 {
                        fail("6.1.13-4", "long name".into());
                    }
                    names.push(n);
                }
                Object::Array(a) => stack.extend(a),
                Object::Dictionary(d) => stack.extend(d.into_iter().map(|(_, v)| v)),
                Object::Stream(s) => {
                    // 6.1.7.1-3, 6.1.7.2-1: no external streams, no LZW or Crypt.
                    for k in [b"F".as_slice(), b"FFilter", b"FDecodeParms"] {
                        if s.dict.get(k).is_ok() {
                            fail("6.1.7.1-3", "external stream keys".into());
                        }
                    }
                    if let Ok(f) = s.dict.get(b"Filter")
                        && format!("{f:?}").contains("LZW")
                    {
                        fail("6.1.7.2-1", "LZW".into());
                    }
                    stack.extend(s.dict.into_iter().map(|(_, v)| v));
                }
                _ => {}
            }
        }
    };
    for o in pdf.objects.values() {
        check_object(o, &mut fail);
    }
    let names: BTreeSet<Vec<u8>> = names.into_iter().collect();
    // 6.5.1: no forbidden actions; 6.2.8-6.2.10: no images, XObjects,
    // transparency or graphics states that could break them (we write none).
    for forbidden in [
        b"JavaScript".as_slice(),
        b"Launch",
        b"Sound",
        b"Movie",
        b"ResetForm",
        b"ImportData",
        b"Hide",
        b"SetOCGState",
        b"Rendition",
        b"Trans",
        b"GoTo3DView",
        b"AA",
        b"XObject",
        b"ExtGState",
        b"SMask",
        b"AcroForm",
        b"OCProperties",
        b"EmbeddedFiles",
        b"AlternatePresentations",
        b"PresSteps",
        b"Requirements",
        b"Perms",
        b"NeedsRendering",
    ] {
        if names.contains(forbidden) {
            fail(
                "6.5.1/6.2.8-10/6.4-6.11",
                format!("name /{}", decode(forbidden)),
            );
        }
    }
    let catalog = pdf.catalog().unwrap();
    // 6.2.3, 6.2.4.3-2: one GTS_PDFA1 intent with an RGB monitor profile.
    match catalog.get(b"OutputIntents").and_then(Object::as_array) {
        Ok(intents) if intents.len() == 1 => {
            let intent = intents[0].as_dict().unwrap();
            assert_eq!(intent.get(b"S").unwrap().as_name().unwrap(), b"GTS_PDFA1");
            let profile = intent
                .get(b"DestOutputProfile")
                .unwrap()
                .as_reference()
                .unwrap();
            let profile = pdf.get_object(profile).unwrap().as_stream().unwrap();
            let icc = profile
                .decompressed_content()
                .unwrap_or(profile.content.clone());
            if &icc[12..16] != b"mntr" && &icc[12..16] != b"prtr" {
                fail("6.2.3-1", "not an output or monitor profile".into());
            }
            if &icc[16..20] != b"RGB " {
                fail("6.2.4.3-2", "DeviceRGB without an RGB output intent".into());
            }
            if icc[8] > 4 {
                fail("6.2.4.2-1", format!("ICC version {}", icc[8]));
            }
        }
        _ => fail("6.2.3", "no single output intent".into()),
    }
    // 6.6.2.1, 6.6.4: the packet, well-formed, identifying part 2.
    let text = xmp(&pdf);
    let head = &text[..text.find("?>").unwrap()];
    if head.contains("bytes=") || head.contains("encoding=") {
        fail("6.6.2.1-2/3", "packet header attributes".into());
    }
    let packet = roxmltree::Document::parse(&text).unwrap();
    // 6.6.2.3.1: only predefined schemas, or described ones.
    let predefined = [
        "adobe:ns:meta/",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://purl.org/dc/elements/1.1/",
        "http://ns.adobe.com/xap/1.0/",
        "http://ns.adobe.com/pdf/1.3/",
        PDFAID,
        "http://www.aiim.org/pdfa/ns/extension/",
        "http://www.aiim.org/pdfa/ns/schema#",
        "http://www.aiim.org/pdfa/ns/property#",
        "http://www.w3.org/XML/1998/namespace",
    ];
    for n in packet.descendants().filter(|n| n.is_element()) {
        let ns = n.tag_name().namespace().unwrap_or("");
        if !predefined.contains(&ns)
            && !text.contains(&format!(
                "<pdfaSchema:namespaceURI>{ns}</pdfaSchema:namespaceURI>"
            ))
        {
            fail("6.6.2.3.1-1", format!("undescribed schema {ns}"));
        }
    }
    if property(&packet, PDFAID, "part").as_deref() != Some("2") {
        fail("6.6.4-2", "pdfaid:part is not 2".into());
    }
    // 6.7 (level A): tagged, standard structure types only, a language.
    if level == PdfA::A {
        let marked = catalog
            .get(b"MarkInfo")
            .and_then(Object::as_dict)
            .and_then(|m| m.get(b"Marked"))
            .and_then(Object::as_bool);
        if !matches!(marked, Ok(true)) {
            fail("6.7.2.2-1", "not marked".into());
        }
        if catalog.get(b"StructTreeRoot").is_err() {
            fail("6.7.3.3-1", "no structure tree".into());
        }
        for o in pdf.objects.values() {
            if let Ok(d) = o.as_dict()
                && d.get(b"Type").and_then(Object::as_name).ok() == Some(b"StructElem".as_slice())
            {
                let s = decode(d.get(b"S").unwrap().as_name().unwrap());
                if !STRUCTURE_TYPES.contains(&s.as_str()) {
                    fail("6.7.3.4-1", format!("structure type {s}"));
                }
            }
        }
        match catalog.get(b"Lang") {
            Ok(Object::String(l, _)) if !l.is_empty() => {}
            _ => fail("6.7.4-1", "no language".into()),
        }
    }
    // Pages: annotations (6.3), content operators (6.2.2), q nesting
    // (6.1.13-8), fonts (6.2.11).
    for (_, page) in pdf.get_pages() {
        for a in pdf.get_page_annotations(page).unwrap_or_default() {
            let subtype = a.get(b"Subtype").unwrap().as_name().unwrap();
            if subtype != b"Link" {
                fail("6.3.1-1/6.3.3-1", format!("annotation {}", decode(subtype)));
            }
            if a.get(b"F").and_then(Object::as_i64).ok() != Some(4) {
                fail("6.3.2-1/2", "annotation not printable".into());
            }
        }
        let content = Content::decode(&pdf.get_page_content(page)).unwrap();
        let fonts = pdf.get_page_fonts(page).unwrap();
        let mut depth = 0usize;
        let mut font: Option<Vec<u8>> = None;
        let mut shown: BTreeMap<Vec<u8>, BTreeSet<u16>> = BTreeMap::new();
        for op in &content.operations {
            if !OPERATORS.contains(&op.operator.as_str()) {
                fail("6.2.2-1", format!("operator {}", op.operator));
            }
            match op.operator.as_str() {
                "q" => {
                    depth += 1;
                    if depth > 28 {
                        fail("6.1.13-8", "q nesting".into());
                    }
                }
                "Q" => depth = depth.saturating_sub(1),
                "k" | "K" | "g" | "G" | "cs" | "CS" | "sc" | "SC" | "scn" | "SCN" => {
                    fail("6.2.4.3", format!("colour operator {}", op.operator));
                }
                "Tf" => font = op.operands[0].as_name().ok().map(<[u8]>::to_vec),
                "TJ" | "Tj" => {
                    let f = font.clone().unwrap();
                    let items = match &op.operands[0] {
                        Object::Array(a) => a.clone(),
                        o => vec![o.clone()],
                    };
                    for item in items {
                        if let Object::String(b, _) = item {
                            for pair in b.chunks(2) {
                                let code = u16::from_be_bytes([pair[0], pair[1]]);
                                // 6.2.11.8-1: never the .notdef glyph.
                                if code == 0 {
                                    fail("6.2.11.8-1", "shows .notdef".into());
                                }
                                shown.entry(f.clone()).or_default().insert(code);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        for (name, codes) in shown {
            font_findings(&pdf, fonts[&name], &codes, level, &mut fail);
        }
    }
    out
}

/// 6.2.11: one Type0 font with its CIDFontType2 descendant and TrueType program.
fn font_findings(
    pdf: &Pdf,
    font: &lopdf::Dictionary,
    codes: &BTreeSet<u16>,
    level: PdfA,
    fail: &mut dyn FnMut(&str, String),
) {
    let get = |d: &lopdf::Dictionary, k: &[u8]| -> Object {
        match d.get(k) {
            Ok(Object::Reference(id)) => pdf.get_object(*id).unwrap().clone(),
            Ok(o) => o.clone(),
            Err(_) => Object::Null,
        }
    };
    assert_eq!(font.get(b"Subtype").unwrap().as_name().unwrap(), b"Type0");
    if font.get(b"Encoding").unwrap().as_name().unwrap() != b"Identity-H" {
        fail("6.2.11.3.3-1", "a CMap other than Identity-H".into());
    }
    let descendants = get(font, b"DescendantFonts");
    let cid = match &descendants.as_array().unwrap()[0] {
        Object::Reference(id) => pdf.get_dictionary(*id).unwrap().clone(),
        Object::Dictionary(d) => d.clone(),
        _ => panic!("descendant font"),
    };
    let info = get(&cid, b"CIDSystemInfo");
    let info = info.as_dict().unwrap();
    if info.get(b"Registry").unwrap().as_str().unwrap() != b"Adobe"
        || info.get(b"Ordering").unwrap().as_str().unwrap() != b"Identity"
    {
        fail(
            "6.2.11.3.1-1",
            "CIDSystemInfo does not match Identity-H".into(),
        );
    }
    if cid.get(b"CIDToGIDMap").is_err() {
        fail("6.2.11.3.2-1", "no CIDToGIDMap".into());
    }
    let descriptor = get(&cid, b"FontDescriptor");
    let descriptor = descriptor.as_dict().unwrap();
    if descriptor.get(b"CIDSet").is_ok() {
        fail("6.2.11.4.2-2", "a CIDSet (not checked here)".into());
    }
    let Object::Stream(program) = get(descriptor, b"FontFile2") else {
        fail("6.2.11.4.1-1", "font not embedded as FontFile2".into());
        return;
    };
    let program = program
        .decompressed_content()
        .unwrap_or(program.content.clone());
    let face = rustybuzz::ttf_parser::Face::parse(&program, 0).expect("the program parses");
    let upem = f32::from(face.units_per_em());
    // 6.2.11.5-1: /W within one unit of the program's advance, and
    // 6.2.11.4.1-2: every glyph shown exists in the program.
    let mut widths: BTreeMap<u16, f32> = BTreeMap::new();
    if let Ok(Object::Array(w)) = cid.get(b"W").cloned() {
        let mut i = 0;
        while i < w.len() {
            let first = w[i].as_i64().unwrap() as u16;
            match &w[i + 1] {
                Object::Array(list) => {
                    for (k, v) in list.iter().enumerate() {
                        widths.insert(first + k as u16, v.as_float().unwrap());
                    }
                    i += 2;
                }
                last => {
                    let last = last.as_i64().unwrap() as u16;
                    let v = w[i + 2].as_float().unwrap();
                    for c in first..=last {
                        widths.insert(c, v);
                    }
                    i += 3;
                }
            }
        }
    }
    let default = cid.get(b"DW").and_then(Object::as_float).unwrap_or(1000.0);
    for &code in codes {
        if code >= face.number_of_glyphs() {
            fail("6.2.11.4.1-2", format!("glyph {code} not in the program"));
            continue;
        }
        let advance = face
            .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(code))
            .map_or(0.0, f32::from)
            * 1000.0
            / upem;
        let dict = widths.get(&code).copied().unwrap_or(default);
        if (advance - dict).abs() > 1.0 {
            fail(
                "6.2.11.5-1",
                format!("glyph {code}: /W {dict}, program {advance}"),
            );
        }
    }
    // 6.2.11.7.2 (levels U and A): every code shown maps to Unicode, never 0,
    // U+FEFF or U+FFFE.
    if level != PdfA::B {
        let Object::Stream(cmap) = get(font, b"ToUnicode") else {
            fail("6.2.11.7.2-1", "no ToUnicode".into());
            return;
        };
        let cmap =
            String::from_utf8_lossy(&cmap.decompressed_content().unwrap_or(cmap.content.clone()))
                .into_owned();
        let mut mapped: BTreeMap<u16, String> = BTreeMap::new();
        let mut in_chars = false;
        for line in cmap.lines() {
            if line.ends_with("beginbfchar") {
                in_chars = true;
            } else if line == "endbfchar" {
                in_chars = false;
            } else if in_chars {
                let parts: Vec<&str> = line.split_whitespace().collect();
                let hex = |s: &str| s.trim_matches(|c| c == '<' || c == '>').to_string();
                let code = u16::from_str_radix(&hex(parts[0]), 16).unwrap();
                mapped.insert(code, hex(parts[1]));
            }
        }
        for &code in codes {
            match mapped.get(&code) {
                None => fail("6.2.11.7.2-1", format!("code {code:04X} has no Unicode")),
                Some(u) if u.is_empty() || u.contains("0000") || u == "FEFF" || u == "FFFE" => {
                    fail("6.2.11.7.2-2", format!("code {code:04X} maps to <{u}>"))
                }
                _ => {}
            }
        }
    }
}

#[test]
fn pdfa_output_keeps_the_rules_no_tool_here_checks() {
    let samples: Vec<String> = common::samples()
        .iter()
        .filter_map(|p| Some(p.file_name()?.to_str()?.to_string()))
        .collect();
    assert!(samples.len() >= 3);
    let mut findings = Vec::new();
    for layout in ["classic", "modern", "compact"] {
        for sample in &samples {
            for (level, ua1) in [(PdfA::B, false), (PdfA::U, false), (PdfA::A, true)] {
                let bytes = render(sample, layout, standards(ua1, Some(level)));
                for f in pdfa_findings(&bytes, level) {
                    findings.push(format!("{sample} {layout} {level:?}: {f}"));
                }
            }
        }
    }
    assert!(findings.is_empty(), "{}", findings.join("\n"));
}

#[test]
fn the_checks_catch_what_they_look_for() {
    // A file that breaks rules must be reported: the default output claims
    // no PDF/A, so it has no output intent and no pdfaid.
    let bytes = render("alex-rn.json", "classic", standards(true, None));
    let findings = pdfa_findings(&bytes, PdfA::A);
    assert!(
        findings.iter().any(|f| f.starts_with("6.2.3")),
        "{findings:?}"
    );
    assert!(
        findings.iter().any(|f| f.starts_with("6.6.4-2")),
        "{findings:?}"
    );
    // And a level-U file without its every-glyph mapping would be caught:
    // the check parses the ToUnicode map it reads.
    let mut broken = render("alex-rn.json", "classic", standards(false, Some(PdfA::U)));
    let at = broken.windows(5).position(|w| w == b"%PDF-").unwrap();
    broken[at + 7] = b'x';
    let findings = pdfa_findings(&broken, PdfA::U);
    assert!(
        findings.iter().any(|f| f.starts_with("6.1.2-1")),
        "{findings:?}"
    );
}
