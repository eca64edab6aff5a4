//! Shared code for the fuzz targets: the pipeline with its invariants, and a
//! generator of JSON Resume-shaped values for the `document` target.

use std::io::{Cursor, Read};
use std::sync::OnceLock;

use arbitrary::{Result, Unstructured};
use resume_export::backend::{BACKENDS, RenderOptions};
use resume_export::document::{BuildOptions, Document, build};
use resume_export::layout::Layout;
use resume_export::resume::{ReadOptions, parse_json, read_value};
use serde_json::{Map, Number, Value};
use unicode_width::UnicodeWidthStr;

/// The built-in layout, loaded once per fuzz process.
pub fn layout() -> &'static Layout {
    static LAYOUT: OnceLock<Layout> = OnceLock::new();
    LAYOUT.get_or_init(|| Layout::builtin("classic").expect("the classic layout loads"))
}

/// Bytes through the whole pipeline; returns quietly when they are not JSON.
pub fn run_bytes(bytes: &[u8], width: usize) {
    let Ok((_, value)) = parse_json(bytes) else {
        return;
    };
    run_value(value, width);
}

/// A JSON value through reader, builder and every backend, checking each output.
pub fn run_value(value: Value, width: usize) {
    let parsed = read_value(value, &ReadOptions::default());
    let doc = build(&parsed.resume, &BuildOptions::default());
    render_all(&doc, width);
}

/// Renders a document with every backend and checks what each promises.
pub fn render_all(doc: &Document, width: usize) {
    let options = RenderOptions {
        width,
        ..RenderOptions::default()
    };
    for backend in BACKENDS {
        let name = backend.name();
        let rendered = match backend.render(doc, layout(), &options) {
            Ok(r) => r,
            Err(e) => panic!("{name}: render failed: {e}"),
        };
        let bytes = &rendered.bytes;
        match name {
            "md" | "txt" => {
                let text = std::str::from_utf8(bytes).expect("text output is UTF-8");
                if let Some(c) = text.chars().find(|c| c.is_control() && *c != '\n') {
                    panic!("{name}: control character {c:?} in output");
                }
                if name == "txt" {
                    for line in text.lines() {
                        let w = UnicodeWidthStr::width(line);
                        assert!(w <= width, "txt: line of {w} columns > {width}: {line:?}");
                    }
                }
            }
            "docx" => check_docx(bytes),
            "pdf" => assert!(bytes.starts_with(b"%PDF-"), "pdf: no %PDF- header"),
            _ => {}
        }
    }
}

/// Every XML part of a DOCX package is well-formed.
fn check_docx(bytes: &[u8]) {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("docx: a zip archive");
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("docx: part readable");
        let name = part.name().to_string();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let mut xml = String::new();
        part.read_to_string(&mut xml).expect("docx: part is UTF-8");
        if let Err(e) = roxmltree::Document::parse(&xml) {
            panic!("docx: {name} is not well-formed: {e}");
        }
    }
}

/// A text width as the command line allows (20..=1000), mostly the default.
pub fn width(u: &mut Unstructured<'_>) -> Result<usize> {
    Ok(*u.choose(&[80, 80, 80, 20, 21, 33, 40, 132, 1000])?)
}

// ---------------------------------------------------------------------------
// A generator of resume-shaped JSON.
// ---------------------------------------------------------------------------

/// Deepest nesting generated; the JSON parser refuses more than 128 levels anyway.
const MAX_DEPTH: usize = 100;

const DATES: &[&str] = &[
    "2020-01-15",
    "2020-01",
    "2020",
    "2020-02-30",
    "2019-13-01",
    "0000-00-00",
    "9999-12-31",
    "-2020-01",
    "present",
    "Present",
    "current",
    "now",
    "aujourd'hui",
    "heute",
    "至今",
    "Jan 2020",
    "January 2020",
    "2020/01",
    "01/2020",
    "2020-1-5",
    "2019 ~ 2020",
    "2019 - 2021",
    "",
    " ",
    "null",
    "18446744073709551616",
];

const URLS: &[&str] = &[
    "https://example.com",
    "http://example.com/a?b=c&d=e#f",
    "HTTPS://EXAMPLE.COM/",
    "www.example.com",
    "example.com/path",
    "//example.com/x",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)//example.com",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.com/x",
    "mailto:a@example.com",
    "mailto:a@example.com?cc=b@example.com",
    "mailto:a@example.com%0D%0ABcc:x@y.z",
    "tel:+1-555-0100",
    "tel:12",
    "https://example.com/\r\nSet-Cookie: x",
    "https://exa mple.com",
    "https://example.com/<b>",
    "https://例え.jp/パス",
    "https://example.com/)](javascript:alert(1))",
    "http://localhost:8080",
    "https://a.b.c.d.e.f.g.h.example.com:65535/x",
    "https://user:pass@example.com",
    "\u{202e}moc.elpmaxe//:sptth",
];

const EMAILS: &[&str] = &[
    "a@example.com",
    "a.b+c@example.co.uk",
    "a@example.com?cc=x@y.z",
    "a@example.com\r\nBcc: x@y.z",
    "a@b",
    "@example.com",
    "a@@example.com",
    "<a@example.com>",
    "mailto:a@example.com",
    "名前@例え.jp",
];

const PHONES: &[&str] = &[
    "+1 (555) 010-0100",
    "(912) 555-4321",
    "+49 30 1234567 ext. 12",
    "12",
    "call me",
    "+++",
    "123456789012345678901234567890",
    "٠١٢٣٤٥٦٧٨٩",
];

const SNIPPETS: &[&str] = &[
    "# heading",
    "## h2",
    "- item",
    "* item",
    "+ item",
    "1. ordered",
    "2019. year",
    "> quote",
    "    indented code",
    "```\nfence\n```",
    "~~~",
    "| a | b |\n|---|---|",
    "---",
    "===",
    "**bold**",
    "*em*",
    "_em_",
    "__strong__",
    "***",
    "`code`",
    "[link](https://example.com)",
    "[bad](javascript:alert(1))",
    "![img](https://example.com/x.png)",
    "<https://example.com>",
    "<javascript:alert(1)>",
    "[^1]",
    "[ref]: https://example.com",
    "<b>bold</b>",
    "<i>it</i>",
    "<strong>s</strong><em>e</em>",
    "<a href=\"https://example.com\">a</a>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href='file:///etc/passwd'>f</a>",
    "<a>no href</a>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<!-- comment -->",
    "<br>",
    "<br/>",
    "<p>para</p>",
    "<ul><li>one</li><li>two</li></ul>",
    "<ol><li>x",
    "</b></i></a>",
    "<<<>>>",
    "&amp; &lt; &gt; &quot; &#39; &#x1F600; &#0; &#xD800; &#1114112; &nbsp; &bogus;",
    "&#27;[31m",
    "{{x}}",
    "{{{y}}}",
    "{{#each z}}{{/each}}",
    "{{> partial}}",
    "{% raw %}",
    "${x}",
    "$math$",
    "\\",
    "\\\\",
    "\\*",
    "~~strike~~",
    "\u{0}",
    "\u{1b}[2J",
    "\u{1b}]0;title\u{7}",
    "\u{1b}",
    "\r\n",
    "\r",
    "\n\n\n",
    "\t",
    "\u{7f}",
    "\u{85}",
    "\u{9b}31m",
    "\u{2028}",
    "\u{2029}",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "\u{fffe}",
    "\u{ffff}",
    "\u{202e}",
    "\u{2066}",
    "\u{ad}",
    "e\u{301}\u{301}\u{301}",
    "🇩🇪👩‍👩‍👧‍👦",
    "日本語のテキスト",
    "中文简历",
    "한국어",
    "ｆｕｌｌｗｉｄｔｈ",
    "مرحبا بالعالم",
    "שלום עולם",
    "abc مرحبا 123 שלום def",
    "Ё ё Я",
    "\u{10FFFF}",
    "𝕏",
    "a",
    " ",
    "",
];

const KEYS: &[&str] = &[
    "basics",
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
    "meta",
    "experience",
    "jobs",
    "employment",
    "honors",
    "hobbies",
    "certifications",
    "$schema",
    "language",
    "sections",
    "custom",
    "talks",
    "patents",
    "",
];

/// Which generator a field uses.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Long,
    Date,
    Url,
    Email,
    Phone,
    Texts,
    Location,
    Profiles,
    Number,
}

const BASICS: &[(&str, Kind)] = &[
    ("name", Kind::Text),
    ("label", Kind::Text),
    ("image", Kind::Url),
    ("email", Kind::Email),
    ("phone", Kind::Phone),
    ("url", Kind::Url),
    ("website", Kind::Url),
    ("summary", Kind::Long),
    ("location", Kind::Location),
    ("profiles", Kind::Profiles),
];

const WORK: &[(&str, Kind)] = &[
    ("name", Kind::Text),
    ("organization", Kind::Text),
    ("company", Kind::Text),
    ("position", Kind::Text),
    ("location", Kind::Text),
    ("description", Kind::Text),
    ("url", Kind::Url),
    ("startDate", Kind::Date),
    ("endDate", Kind::Date),
    ("summary", Kind::Long),
    ("highlights", Kind::Texts),
    ("keywords", Kind::Texts),
];

const EDUCATION: &[(&str, Kind)] = &[
    ("institution", Kind::Text),
    ("url", Kind::Url),
    ("area", Kind::Text),
    ("studyType", Kind::Text),
    ("startDate", Kind::Date),
    ("endDate", Kind::Date),
    ("score", Kind::Number),
    ("gpa", Kind::Text),
    ("courses", Kind::Texts),
    ("summary", Kind::Long),
];

const AWARDS: &[(&str, Kind)] = &[
    ("title", Kind::Text),
    ("date", Kind::Date),
    ("awarder", Kind::Text),
    ("summary", Kind::Long),
];

const CERTIFICATES: &[(&str, Kind)] = &[
    ("name", Kind::Text),
    ("date", Kind::Date),
    ("url", Kind::Url),
    ("issuer", Kind::Text),
];

const PUBLICATIONS: &[(&str, Kind)] = &[
    ("name", Kind::Text),
    ("publisher", Kind::Text),
    ("releaseDate", Kind::Date),
    ("url", Kind::Url),
    ("summary", Kind::Long),
];

const SKILLS: &[(&str, Kind)] = &[
    ("name", Kind::Text),
    ("level", Kind::Text),
    ("keywords", Kind::Texts),
];

const LANGUAGES: &[(&str, Kind)] = &[("language", Kind::Text), ("fluency", Kind::Text)];

const INTERESTS: &[(&str, Kind)] = &[("name", Kind::Text), ("keywords", Kind::Texts)];

const REFERENCES: &[(&str, Kind)] = &[("name", Kind::Text), ("reference", Kind::Long)];

const PROJECTS: &[(&str, Kind)] = &[
    ("name", Kind::Text),
    ("description", Kind::Long),
    ("highlights", Kind::Texts),
    ("keywords", Kind::Texts),
    ("startDate", Kind::Date),
    ("endDate", Kind::Date),
    ("url", Kind::Url),
    ("roles", Kind::Texts),
    ("entity", Kind::Text),
    ("type", Kind::Text),
];

const META: &[(&str, Kind)] = &[
    ("canonical", Kind::Url),
    ("version", Kind::Text),
    ("lastModified", Kind::Date),
    ("language", Kind::Text),
];

const LOCATION: &[(&str, Kind)] = &[
    ("address", Kind::Long),
    ("postalCode", Kind::Text),
    ("city", Kind::Text),
    ("countryCode", Kind::Text),
    ("region", Kind::Text),
];

const PROFILE: &[(&str, Kind)] = &[
    ("network", Kind::Text),
    ("username", Kind::Text),
    ("url", Kind::Url),
];

/// The fields of a top-level section's entries, or `None` for unknown keys.
fn section_fields(key: &str) -> Option<&'static [(&'static str, Kind)]> {
    Some(match key {
        "work" | "volunteer" | "experience" | "jobs" | "employment" | "custom" | "talks"
        | "patents" => WORK,
        "education" => EDUCATION,
        "awards" | "honors" => AWARDS,
        "certificates" | "certifications" => CERTIFICATES,
        "publications" => PUBLICATIONS,
        "skills" => SKILLS,
        "languages" => LANGUAGES,
        "interests" | "hobbies" => INTERESTS,
        "references" => REFERENCES,
        "projects" => PROJECTS,
        _ => return None,
    })
}

/// A resume-shaped JSON value: mostly the right shapes, sometimes anything.
pub fn resume(u: &mut Unstructured<'_>) -> Result<Value> {
    let mut root = Map::new();
    let n = u.int_in_range(0..=KEYS.len())?;
    for _ in 0..n {
        let key = *u.choose(KEYS)?;
        let value = match key {
            _ if u.ratio(1, 12)? => any(u, 0)?,
            "basics" => object(u, BASICS, 0)?,
            "meta" => object(u, META, 0)?,
            "$schema" => string_of(u, URLS)?,
            "language" => string_of(u, &["en", "de", "pt-BR", "ja", "ar", "he", "", "zz-ZZ"])?,
            key => match section_fields(key) {
                Some(fields) => {
                    let count = u.int_in_range(0..=6)?;
                    let mut items = Vec::with_capacity(count);
                    for _ in 0..count {
                        items.push(if u.ratio(1, 10)? {
                            text(u)?
                        } else {
                            object(u, fields, 1)?
                        });
                    }
                    Value::Array(items)
                }
                None => any(u, 0)?,
            },
        };
        root.insert(key.to_string(), value);
    }
    if root.is_empty() && u.ratio(1, 20)? {
        return any(u, 0);
    }
    Ok(Value::Object(root))
}

/// An object with some of `fields`, each mostly of its kind.
fn object(u: &mut Unstructured<'_>, fields: &[(&str, Kind)], depth: usize) -> Result<Value> {
    let mut map = Map::new();
    for (key, kind) in fields {
        if u.ratio(2, 3)? {
            let v = field(u, *kind, depth + 1)?;
            map.insert((*key).to_string(), v);
        }
    }
    if u.ratio(1, 10)? {
        let key = arbitrary_string(u)?;
        let v = any(u, depth + 1)?;
        map.insert(key, v);
    }
    Ok(Value::Object(map))
}

fn field(u: &mut Unstructured<'_>, kind: Kind, depth: usize) -> Result<Value> {
    if u.ratio(1, 16)? {
        return any(u, depth);
    }
    Ok(match kind {
        Kind::Text => {
            if u.ratio(1, 10)? {
                multilingual(u)?
            } else {
                text(u)?
            }
        }
        Kind::Long => {
            if u.ratio(1, 8)? {
                let n = u.int_in_range(0..=4)?;
                Value::Array((0..n).map(|_| long(u)).collect::<Result<_>>()?)
            } else {
                long(u)?
            }
        }
        Kind::Date => {
            if u.ratio(1, 8)? {
                Value::Number(Number::from(u.int_in_range(-3000i64..=3000)?))
            } else {
                string_of(u, DATES)?
            }
        }
        Kind::Url => string_of(u, URLS)?,
        Kind::Email => string_of(u, EMAILS)?,
        Kind::Phone => string_of(u, PHONES)?,
        Kind::Number => {
            if u.ratio(1, 2)? {
                number(u)?
            } else {
                text(u)?
            }
        }
        Kind::Texts => {
            let n = u.int_in_range(0..=8)?;
            let mut items = Vec::with_capacity(n);
            for _ in 0..n {
                items.push(if u.ratio(1, 3)? { long(u)? } else { text(u)? });
            }
            Value::Array(items)
        }
        Kind::Location => {
            if u.ratio(1, 5)? {
                text(u)?
            } else {
                object(u, LOCATION, depth)?
            }
        }
        Kind::Profiles => {
            let n = u.int_in_range(0..=4)?;
            Value::Array(
                (0..n)
                    .map(|_| object(u, PROFILE, depth))
                    .collect::<Result<_>>()?,
            )
        }
    })
}

/// `{"en": …, "de": …}`, as some multilingual files write text.
fn multilingual(u: &mut Unstructured<'_>) -> Result<Value> {
    let mut map = Map::new();
    for lang in ["en", "de", "fr", "ja"] {
        if u.ratio(1, 2)? {
            map.insert(lang.to_string(), text(u)?);
        }
    }
    Ok(Value::Object(map))
}

/// A short piece of text: one to three pieces from the pools, or arbitrary.
fn text(u: &mut Unstructured<'_>) -> Result<Value> {
    let n = u.int_in_range(1..=3)?;
    let mut s = String::new();
    for _ in 0..n {
        piece(u, &mut s)?;
    }
    Ok(Value::String(s))
}

/// Running text: several pieces, sometimes with a very long unbreakable token.
fn long(u: &mut Unstructured<'_>) -> Result<Value> {
    let n = u.int_in_range(1..=12)?;
    let mut s = String::new();
    for _ in 0..n {
        piece(u, &mut s)?;
        if u.ratio(1, 2)? {
            s.push(' ');
        }
    }
    if u.ratio(1, 30)? {
        let unit = *u.choose(&["x", "字", "م", "-", "é", "👍"])?;
        let count = u.int_in_range(50..=2000)?;
        s.push_str(&unit.repeat(count));
    }
    Ok(Value::String(s))
}

fn piece(u: &mut Unstructured<'_>, s: &mut String) -> Result<()> {
    match u.int_in_range(0..=9)? {
        0..=4 => s.push_str(u.choose(SNIPPETS)?),
        5 => s.push_str(u.choose(URLS)?),
        6 => s.push_str(u.choose(DATES)?),
        7 => s.push_str(u.choose(EMAILS)?),
        _ => s.push_str(&arbitrary_string(u)?),
    }
    Ok(())
}

fn string_of(u: &mut Unstructured<'_>, pool: &[&str]) -> Result<Value> {
    let mut s = (*u.choose(pool)?).to_string();
    if u.ratio(1, 6)? {
        piece(u, &mut s)?;
    }
    Ok(Value::String(s))
}

/// A short arbitrary string (any Unicode scalar values).
fn arbitrary_string(u: &mut Unstructured<'_>) -> Result<String> {
    let n = u.int_in_range(0..=16)?;
    let mut s = String::new();
    for _ in 0..n {
        s.push(u.arbitrary::<char>()?);
    }
    Ok(s)
}

fn number(u: &mut Unstructured<'_>) -> Result<Value> {
    Ok(match u.int_in_range(0..=3)? {
        0 => Value::Number(Number::from(u.arbitrary::<i64>()?)),
        1 => Value::Number(Number::from(u.arbitrary::<u64>()?)),
        _ => Number::from_f64(u.arbitrary::<f64>()?).map_or(Value::Null, Value::Number),
    })
}

/// Any JSON value, including deep nesting and the wrong shape for everything.
fn any(u: &mut Unstructured<'_>, depth: usize) -> Result<Value> {
    if depth >= MAX_DEPTH {
        return Ok(Value::Null);
    }
    Ok(match u.int_in_range(0..=9)? {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => number(u)?,
        3 | 4 => text(u)?,
        5 => {
            // A deep chain of arrays or objects around a value.
            let levels = u.int_in_range(1..=MAX_DEPTH - depth)?;
            let object = u.arbitrary::<bool>()?;
            let mut v = text(u)?;
            for _ in 0..levels {
                v = if object {
                    let mut m = Map::new();
                    m.insert("name".into(), v);
                    Value::Object(m)
                } else {
                    Value::Array(vec![v])
                };
            }
            v
        }
        6 | 7 => {
            let n = u.int_in_range(0..=4)?;
            Value::Array((0..n).map(|_| any(u, depth + 1)).collect::<Result<_>>()?)
        }
        _ => {
            let n = u.int_in_range(0..=4)?;
            let mut m = Map::new();
            for _ in 0..n {
                let key = if u.arbitrary::<bool>()? {
                    (*u.choose(KEYS)?).to_string()
                } else {
                    (*u.choose(&["name", "title", "summary", "url", "date", "en", "keywords"])?)
                        .to_string()
                };
                let v = any(u, depth + 1)?;
                m.insert(key, v);
            }
            Value::Object(m)
        }
    })
}
