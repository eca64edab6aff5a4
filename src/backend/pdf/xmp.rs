//! The XMP metadata packet: the document information again (Dublin Core, XMP basic, Adobe PDF schemas), and the PDF/A and PDF/UA identification that claims conformance.

use std::fmt::Write;

use crate::backend::{PdfA, PdfStandards};

/// What the packet says, as the info dictionary says it.
pub struct Fields<'a> {
    pub title: &'a str,
    pub author: Option<&'a str>,
    pub subject: Option<&'a str>,
    pub keywords: Option<&'a str>,
    pub language: &'a str,
    pub creator_tool: &'a str,
    pub producer: &'a str,
    /// Seconds since 1970 (UTC).
    pub timestamp: i64,
}

/// The packet's bytes (UTF-8, no `bytes` or `encoding` attribute in its header).
pub fn packet(f: &Fields, standards: PdfStandards) -> Vec<u8> {
    let date = xmp_date(f.timestamp);
    let mut x = String::with_capacity(2048);
    x.push_str("<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    x.push_str("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n");
    x.push_str("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    x.push_str("<rdf:Description rdf:about=\"\"");
    x.push_str(" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"");
    x.push_str(" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"");
    x.push_str(" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"");
    if standards.pdfa.is_some() {
        x.push_str(" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"");
    }
    if standards.ua1 {
        x.push_str(" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"");
    }
    x.push_str(">\n");
    x.push_str("<dc:format>application/pdf</dc:format>\n");
    let _ = writeln!(
        x,
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>",
        escape(f.title)
    );
    if let Some(a) = f.author {
        let _ = writeln!(
            x,
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>",
            escape(a)
        );
    }
    if let Some(s) = f.subject {
        let _ = writeln!(
            x,
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>",
            escape(s)
        );
    }
    let _ = writeln!(
        x,
        "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>",
        escape(f.language)
    );
    if let Some(k) = f.keywords {
        let _ = writeln!(x, "<pdf:Keywords>{}</pdf:Keywords>", escape(k));
    }
    let _ = writeln!(x, "<pdf:Producer>{}</pdf:Producer>", escape(f.producer));
    let _ = writeln!(
        x,
        "<xmp:CreatorTool>{}</xmp:CreatorTool>",
        escape(f.creator_tool)
    );
    let _ = writeln!(x, "<xmp:CreateDate>{date}</xmp:CreateDate>");
    let _ = writeln!(x, "<xmp:ModifyDate>{date}</xmp:ModifyDate>");
    let _ = writeln!(x, "<xmp:MetadataDate>{date}</xmp:MetadataDate>");
    if let Some(level) = standards.pdfa {
        let letter = match level {
            PdfA::B => 'B',
            PdfA::U => 'U',
            PdfA::A => 'A',
        };
        let _ = writeln!(
            x,
            "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>{letter}</pdfaid:conformance>"
        );
    }
    if standards.ua1 {
        x.push_str("<pdfuaid:part>1</pdfuaid:part>\n");
    }
    x.push_str("</rdf:Description>\n");
    // PDF/A allows only the schemas it predefines, unless the packet
    // describes the others: PDF/UA identification is not one of them.
    if standards.pdfa.is_some() && standards.ua1 {
        x.push_str(UA_EXTENSION);
    }
    x.push_str("</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
    x.into_bytes()
}

/// The PDF/A extension schema that describes `pdfuaid:part`.
const UA_EXTENSION: &str = "<rdf:Description rdf:about=\"\" \
xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" \
xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" \
xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
";

/// XML text: markup characters escaped (as for HTML, whose rules cover
/// XML's), characters XML 1.0 forbids left out.
fn escape(s: &str) -> String {
    let allowed: String = s
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        .collect();
    crate::backend::custom::html(&allowed)
}

/// `YYYY-MM-DDThh:mm:ssZ`, the same instant as the info dictionary's date.
fn xmp_date(ts: i64) -> String {
    // From the PDF form, D:YYYYMMDDHHmmSSZ, so both always agree.
    let d = super::meta::pdf_date(ts);
    let digits = d.get(2..16).unwrap_or("20000101000000");
    let part = |a: usize, b: usize| digits.get(a..b).unwrap_or("00");
    format!(
        "{}-{}-{}T{}:{}:{}Z",
        part(0, 4),
        part(4, 6),
        part(6, 8),
        part(8, 10),
        part(10, 12),
        part(12, 14)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> Fields<'static> {
        Fields {
            title: "Ada <Lovelace> & co",
            author: Some("Ada"),
            subject: None,
            keywords: Some("a, b"),
            language: "en",
            creator_tool: "resume-export",
            producer: "resume-export 0.1.0",
            timestamp: 1_709_251_199,
        }
    }

    #[test]
    fn claims_what_is_asked() {
        let ua = String::from_utf8(packet(&fields(), PdfStandards::default())).unwrap();
        assert!(ua.contains("<pdfuaid:part>1</pdfuaid:part>"));
        assert!(!ua.contains("pdfaid:"));
        assert!(!ua.contains("pdfaExtension"));
        assert!(ua.contains("Ada &lt;Lovelace&gt; &amp; co"));
        assert!(ua.contains("<xmp:CreateDate>2024-02-29T23:59:59Z</xmp:CreateDate>"));
        let both = PdfStandards {
            ua1: true,
            pdfa: Some(PdfA::A),
        };
        let both = String::from_utf8(packet(&fields(), both)).unwrap();
        assert!(both.contains("<pdfaid:part>2</pdfaid:part>"));
        assert!(both.contains("<pdfaid:conformance>A</pdfaid:conformance>"));
        assert!(both.contains("<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"));
        let b = PdfStandards {
            ua1: false,
            pdfa: Some(PdfA::B),
        };
        let b = String::from_utf8(packet(&fields(), b)).unwrap();
        assert!(b.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
        assert!(!b.contains("pdfuaid"));
    }
}
