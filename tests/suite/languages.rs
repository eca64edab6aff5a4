//! Every built-in language's words reach every format: section titles, the
//! date of a month and "present", degree, score, courses and roles, contact
//! labels; `w:lang` and the script font slots of the DOCX; the language of a
//! resume told from its script.

use crate::common;
use crate::pdf_dump;

use common::{html_text, unescape_markdown};
use resume_export::backend::{self, RenderOptions};
use resume_export::document::{self, Direction, Document, Labels};
use resume_export::layout::Layout;

/// One resume that uses every section and every word the builder adds.
const RESUME: &str = r#"{
  "basics": {"name": "Test Person", "label": "Engineer", "summary": "Builds things.",
    "email": "t@example.com", "phone": "+1 555 0100", "url": "https://example.com",
    "location": {"city": "Town", "countryCode": "XX"},
    "profiles": [{"username": "tperson"}]},
  "work": [{"name": "Acme", "position": "Engineer", "startDate": "2020-03",
    "highlights": ["Did things"]}],
  "volunteer": [{"organization": "Club", "position": "Helper", "startDate": "2018-01",
    "endDate": "2019-11"}],
  "education": [{"institution": "Uni", "studyType": "Bachelor", "area": "Physics",
    "startDate": "2014", "endDate": "2018", "score": "3.9", "courses": ["Optics"]}],
  "projects": [{"name": "Proj", "roles": ["Lead"], "description": "A thing"}],
  "awards": [{"title": "Prize", "date": "2019-05", "awarder": "Jury"}],
  "certificates": [{"name": "Cert", "date": "2020-01", "issuer": "Board"}],
  "publications": [{"name": "Paper", "releaseDate": "2021-07", "publisher": "Press"}],
  "skills": [{"name": "Rust"}],
  "languages": [{"language": "English", "fluency": "Native"}],
  "interests": [{"name": "Chess"}],
  "references": [{"name": "Ref", "reference": "Good"}]
}"#;

/// The added languages (issue 11): at least these are built in.
const ADDED: &[&str] = &[
    "th", "hi", "bn", "ta", "vi", "id", "ms", "tr", "uk", "cs", "sk", "sv", "da", "nb", "fi", "el",
    "ro", "hu", "bg", "sr", "hr", "fa", "ur", "ca",
];

/// For comparing what a format shows with a label: lower case (Greek without
/// the tonos that capitals drop, final sigma as sigma, Turkish dotless and
/// dotted i as i), no whitespace, no zero-width joiners or direction marks.
fn fold(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(*c, '\u{307}' | '\u{301}' | '\u{200c}' | '\u{200d}')
        })
        .filter(|c| !matches!(*c, '\u{200e}' | '\u{200f}'))
        .map(|c| match c {
            'ά' => 'α',
            'έ' => 'ε',
            'ή' => 'η',
            'ί' => 'ι',
            'ό' => 'ο',
            'ύ' => 'υ',
            'ώ' => 'ω',
            'ς' => 'σ',
            // Turkish capitals: YAYINLAR is "yayinlar" to Unicode's default lower case.
            'ı' => 'i',
            other => other,
        })
        .collect()
}

fn build(layout: &Layout, code: &str) -> (Labels, Document) {
    let (parsed, _) = resume_export::load(RESUME.as_bytes(), layout).unwrap();
    let labels = Labels::builtin(code).unwrap_or_else(|| panic!("{code} is not built in"));
    let options = document::BuildOptions {
        labels: labels.clone(),
        ..layout.build_options()
    };
    (labels, document::build(&parsed.resume, &options))
}

fn render(doc: &Document, layout: &Layout, format: &str) -> (Vec<u8>, Vec<String>) {
    let out = backend::find(format)
        .unwrap()
        .render(doc, layout, &RenderOptions::default())
        .unwrap_or_else(|e| panic!("{}: {format}: {e}", doc.meta.language));
    (out.bytes, out.warnings)
}

/// What every format must show, as (what, text).
fn expected(labels: &Labels, doc: &Document) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = doc
        .sections
        .iter()
        .map(|s| (format!("title of {}", s.id), s.title.clone()))
        .collect();
    let l = labels;
    let march = document::fill_date(
        &l.date_short,
        "2020",
        3,
        l.months.get(2).unwrap(),
        l.months_long.get(2).unwrap(),
    );
    out.push((
        "March 2020 – present".into(),
        format!("{march}{}{}", l.range_separator, l.present),
    ));
    out.push((
        "degree in".into(),
        format!("Bachelor{}Physics", l.degree_in),
    ));
    out.push(("score".into(), l.score.clone()));
    out.push(("courses".into(), l.courses.clone()));
    out.push(("roles".into(), l.roles.clone()));
    out.push(("profile".into(), format!("{}: tperson", l.profile)));
    out
}

/// The text of a DOCX body, paragraph by paragraph.
fn docx_text(bytes: &[u8], context: &str) -> (String, String) {
    let parts = common::check_docx(bytes, context);
    let xml = parts.get("word/document.xml").unwrap();
    let doc = roxmltree::Document::parse(xml).unwrap();
    let mut text = String::new();
    for p in doc.descendants().filter(|n| n.has_tag_name("p")) {
        for t in p.descendants().filter(|n| n.has_tag_name("t")) {
            text.push_str(t.text().unwrap_or(""));
        }
        text.push('\n');
    }
    (text, parts.get("word/styles.xml").unwrap().clone())
}

#[test]
fn at_least_the_added_languages_are_built_in() {
    let codes = Labels::builtin_codes();
    assert!(codes.len() >= 30, "{codes:?}");
    for code in ADDED {
        assert!(codes.contains(code), "{code} missing from {codes:?}");
        let l = Labels::builtin(code).unwrap();
        assert_ne!(l.work, Labels::english().work, "{code} has English titles");
        assert_ne!(l.months_long, Labels::english().months_long, "{code}");
        let rtl = matches!(*code, "fa" | "ur");
        assert_eq!(l.direction == Direction::Rtl, rtl, "{code}");
        assert_eq!(l.direction, Direction::of_language(code), "{code}");
    }
    // Norwegian without a written form is Bokmål.
    assert_eq!(Labels::builtin("no").unwrap().work, "Arbeidserfaring");
}

#[test]
fn every_language_reaches_markdown_text_html_and_docx() {
    let layout = Layout::builtin("classic").unwrap();
    for code in Labels::builtin_codes() {
        let (labels, doc) = build(&layout, code);
        assert_eq!(doc.meta.language, code);
        assert!(
            doc.sections.len() >= 12,
            "{code}: {} sections",
            doc.sections.len()
        );
        let want = expected(&labels, &doc);

        let (md, _) = render(&doc, &layout, "md");
        let md = fold(&unescape_markdown(&String::from_utf8(md).unwrap()));
        let (txt, _) = render(&doc, &layout, "txt");
        let txt = String::from_utf8(txt).unwrap();
        common::check_text(&txt, 80, code);
        let txt = fold(&txt);
        let (html, _) = render(&doc, &layout, "html");
        let html = String::from_utf8(html).unwrap();
        let dir = match labels.direction {
            Direction::Rtl => "rtl",
            Direction::Ltr => "ltr",
        };
        assert!(
            html.contains(&format!("<html lang=\"{code}\" dir=\"{dir}\">")),
            "{code}: html element"
        );
        let page = common::check_html(&html, code);
        let html = fold(&html_text(&page));
        let (docx, _) = render(&doc, &layout, "docx");
        let (docx, styles) = docx_text(&docx, code);
        let docx = fold(&docx);

        for (what, text) in &want {
            let t = fold(text);
            for (format, out) in [("md", &md), ("txt", &txt), ("html", &html), ("docx", &docx)] {
                assert!(out.contains(&t), "{code}: {format} lacks {what}: {text:?}");
            }
        }
        // Plain text spells out the contact labels.
        for label in [
            &labels.email,
            &labels.phone,
            &labels.website,
            &labels.location,
        ] {
            assert!(
                txt.contains(&fold(&format!("{label}:"))),
                "{code}: txt lacks {label:?}"
            );
        }
        assert!(
            styles.contains(&format!("<w:lang w:val=\"{code}\" ")),
            "{code}: DOCX w:lang"
        );
    }
}

#[test]
fn every_language_with_a_pdf_font_reaches_the_pdf() {
    let layout = Layout::builtin("classic").unwrap();
    for code in Labels::builtin_codes() {
        let (labels, doc) = build(&layout, code);
        let (pdf, warnings) = render(&doc, &layout, "pdf");
        assert!(warnings.is_empty(), "{code}: {warnings:?}");
        let dump = pdf_dump::dump(&pdf);
        let text = fold(&dump.text());
        // A ligature, a cluster with ActualText or a change of direction
        // starts a run of its own (a line each in the dump), so the text is
        // also looked for as a reader that honours ActualText reads it, runs
        // joined. Right-to-left runs are in logical order.
        let joined = fold(&dump.read);
        for (what, want) in expected(&labels, &doc) {
            let want = fold(&want);
            assert!(
                text.contains(&want) || joined.contains(&want),
                "{code}: pdf lacks {what}: {want:?}"
            );
        }
    }
}

#[test]
fn the_docx_names_the_language_of_each_script_slot() {
    let layout = Layout::builtin("classic").unwrap();
    let slots = |code: &str| {
        let (_, doc) = build(&layout, code);
        let (docx, _) = render(&doc, &layout, "docx");
        let parts = common::check_docx(&docx, code);
        (
            parts.get("word/styles.xml").unwrap().clone(),
            parts.get("word/settings.xml").unwrap().clone(),
        )
    };
    // Complex scripts: the language in w:bidi, and a font that has the script.
    for (code, font) in [
        ("th", "Leelawadee UI"),
        ("hi", "Nirmala UI"),
        ("bn", "Nirmala UI"),
        ("ta", "Nirmala UI"),
        ("fa", "Times New Roman"),
        ("ur", "Times New Roman"),
    ] {
        let (styles, settings) = slots(code);
        assert!(
            styles.contains(&format!(
                r#"w:val="{code}" w:eastAsia="zh-CN" w:bidi="{code}""#
            )),
            "{code}: {styles}"
        );
        assert!(
            styles.contains(&format!(r#"w:cs="{font}""#)),
            "{code}: complex-script font"
        );
        assert!(
            settings.contains(&format!(
                r#"<w:themeFontLang w:val="{code}" w:bidi="{code}" />"#
            )),
            "{code}: {settings}"
        );
    }
    // Other scripts keep Word's default complex-script language and font.
    for code in ["tr", "el", "uk", "vi", "sv"] {
        let (styles, settings) = slots(code);
        assert!(
            styles.contains(&format!(
                r#"w:val="{code}" w:eastAsia="zh-CN" w:bidi="ar-SA""#
            )),
            "{code}"
        );
        assert!(styles.contains(r#"w:cs="Times New Roman""#), "{code}");
        assert!(
            settings.contains(&format!(r#"<w:themeFontLang w:val="{code}" />"#)),
            "{code}"
        );
    }
}

#[test]
fn a_resume_in_an_added_script_gets_its_language_without_being_told() {
    let layout = Layout::builtin("classic").unwrap();
    for (code, position, highlight) in [
        ("th", "วิศวกรซอฟต์แวร์อาวุโส", "ดูแลระบบชำระเงินของบริษัท"),
        ("hi", "वरिष्ठ सॉफ़्टवेयर इंजीनियर", "भुगतान प्रणाली का विकास"),
        ("bn", "সিনিয়র সফটওয়্যার প্রকৌশলী", "পেমেন্ট সিস্টেম তৈরি"),
        ("ta", "மூத்த மென்பொருள் பொறியாளர்", "கட்டண அமைப்புகள் உருவாக்கம்"),
        ("el", "Ανώτερος μηχανικός λογισμικού", "Συστήματα πληρωμών"),
        ("uk", "Старший інженер", "Розробка платіжних сервісів"),
        (
            "fa",
            "مهندس ارشد نرم‌افزار",
            "طراحی سیستم پرداخت برای مشتریان",
        ),
        ("ur", "سینئر سافٹ ویئر انجینئر", "ادائیگی کے نظام کی تیاری"),
        (
            "vi",
            "Kỹ sư phần mềm cấp cao",
            "Phát triển hệ thống thanh toán",
        ),
    ] {
        let json = serde_json::json!({
            "basics": {"name": "X"},
            "work": [{"name": "Acme", "position": position, "highlights": [highlight]}]
        });
        let (_, doc) = resume_export::load(json.to_string().as_bytes(), &layout).unwrap();
        assert_eq!(doc.meta.language, code, "{position}");
        let (md, _) = render(&doc, &layout, "md");
        let md = String::from_utf8(md).unwrap();
        let work = Labels::builtin(code).unwrap().work;
        assert!(md.contains(&format!("## {work}")), "{code}: {md}");
    }
}
