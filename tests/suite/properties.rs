//! Property tests: random JSON Resume-shaped values with hostile strings always
//! give valid output in every backend of `BACKENDS`.
//!
//! Markdown: no raw HTML, code, image or other markup from user text, links only
//! `http`/`https`/`mailto`/`tel` (`common::check_markdown`). DOCX: every XML part
//! well-formed, external relationships safe (`common::check_docx`). Text: no
//! control characters, every line within the width (`common::check_text`). PDF:
//! lopdf parses it and every page has content. HTML: an HTML5 parser finds
//! only the elements and attributes the backend writes (`common::check_html`).
//!
//! 64 cases by default; `PROPTEST_CASES=10000 cargo test --test suite properties::` runs more.

use crate::common;

use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::sample::select;
use resume_export::backend::{BACKENDS, RenderOptions};
use resume_export::document::{BuildOptions, build};
use resume_export::layout::Layout;
use resume_export::resume::{ReadOptions, parse_json, read_value};
use serde_json::{Map, Value, json};

fn layout() -> &'static Layout {
    static LAYOUT: OnceLock<Layout> = OnceLock::new();
    LAYOUT.get_or_init(|| Layout::builtin("classic").unwrap())
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
        // Shrinking a failing resume is worth a little time.
        max_shrink_iters: 2048,
        ..ProptestConfig::default()
    }
}

/// Pieces of text that are markup, template syntax, control characters or exotic scripts.
const PIECES: &[&str] = &[
    "# heading",
    "- item",
    "* item",
    "+ item",
    "1. one",
    "2019. year",
    "> quote",
    "    code",
    "```",
    "~~~",
    "| a | b |",
    "|---|---|",
    "---",
    "===",
    "**bold**",
    "*em*",
    "_em_",
    "__",
    "`code`",
    "``",
    "[link](https://example.com)",
    "[x](javascript:alert(1))",
    "![img](https://example.com/i.png)",
    "<https://example.com>",
    "<javascript:alert(1)>",
    "[^1]",
    "[^1]: note",
    "[ref]: https://example.com",
    "- [ ] task",
    "~~strike~~",
    "$x$",
    "$$",
    "<b>bold</b>",
    "<i>it</i>",
    "<a href=\"https://example.com\">a</a>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"mailto:a@example.com?cc=b@example.com\">m</a>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<!-- c -->",
    "<br>",
    "<ul><li>one</li><li>two</li></ul>",
    "</a>",
    "&amp; &lt; &#0; &#x1b; &#xD800; &nbsp; &bogus;",
    "{{x}}",
    "{{{y}}}",
    "{{#each z}}",
    "\\",
    "\u{0}",
    "\u{1b}[31m",
    "\u{1b}]0;t\u{7}",
    "\r\n",
    "\r",
    "\n",
    "\t",
    "\u{7f}",
    "\u{85}",
    "\u{9b}",
    "\u{2028}",
    "\u{200b}",
    "\u{202e}",
    "\u{feff}",
    "\u{fffe}",
    "e\u{301}",
    "👩‍👩‍👧",
    "日本語",
    "中文",
    "ｗｉｄｅ",
    "مرحبا",
    "שלום",
    "abc مرحبا 123 שלום",
    "https://example.com/path",
    "javascript:alert(1)",
    "data:text/html,x",
    "a@example.com",
    "2020-01",
    " ",
    "word",
];

const DATES: &[&str] = &[
    "2020-01-15",
    "2020-01",
    "2020",
    "2020-02-30",
    "2019-13",
    "present",
    "Present",
    "current",
    "Jan 2020",
    "2020/01",
    "",
    "0000",
    "\u{0}2020",
];

const URLS: &[&str] = &[
    "https://example.com",
    "http://example.com/a?b=c&d=e",
    "www.example.com",
    "//example.com",
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "data:text/html,<b>x</b>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.com",
    "mailto:a@example.com",
    "mailto:a@example.com?cc=b@example.com",
    "tel:+15550100",
    "https://example.com/\r\nx",
    "https://exa mple.com",
    "https://example.com/)](javascript:alert(1))",
    "https://例え.jp",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(1)>",
    "' onmouseover='x",
    "</style><b>",
    "</script><!--",
    "&amp;&lt;",
    "javascript:alert(1)",
];

/// Hostile text: pieces joined, arbitrary Unicode, or a long unbreakable token.
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        6 => prop::collection::vec(select(PIECES), 1..5).prop_map(|v| v.concat()),
        3 => any::<String>(),
        1 => (select(&["x", "字", "م", "-"][..]), 81usize..400).prop_map(|(s, n)| s.repeat(n)),
    ]
    .boxed()
}

/// A text field: mostly a string, sometimes the wrong shape.
fn field() -> BoxedStrategy<Value> {
    prop_oneof![
        12 => text().prop_map(Value::String),
        1 => Just(Value::Null),
        1 => any::<i32>().prop_map(|n| json!(n)),
        1 => prop::collection::vec(text(), 0..3).prop_map(|v| json!(v)),
        1 => (text(), text()).prop_map(|(en, de)| json!({"en": en, "de": de})),
    ]
    .boxed()
}

fn date() -> BoxedStrategy<Value> {
    prop_oneof![
        8 => select(DATES).prop_map(|s| json!(s)),
        1 => any::<i16>().prop_map(|n| json!(n)),
        1 => text().prop_map(Value::String),
    ]
    .boxed()
}

fn url() -> BoxedStrategy<Value> {
    prop_oneof![
        4 => select(URLS).prop_map(|s| json!(s)),
        1 => text().prop_map(Value::String),
    ]
    .boxed()
}

fn texts() -> BoxedStrategy<Value> {
    prop::collection::vec(text(), 0..5)
        .prop_map(|v| json!(v))
        .boxed()
}

/// An object with each named field present or not.
fn object(fields: Vec<(&'static str, BoxedStrategy<Value>)>) -> BoxedStrategy<Value> {
    let (keys, values): (Vec<_>, Vec<_>) = fields
        .into_iter()
        .map(|(k, s)| (k, prop::option::of(s)))
        .unzip();
    values
        .prop_map(move |vs| {
            let mut m = Map::new();
            for (k, v) in keys.iter().zip(vs) {
                if let Some(v) = v {
                    m.insert((*k).to_string(), v);
                }
            }
            Value::Object(m)
        })
        .boxed()
}

fn list(entry: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    prop::collection::vec(entry, 0..4)
        .prop_map(Value::Array)
        .boxed()
}

fn basics() -> BoxedStrategy<Value> {
    object(vec![
        ("name", field()),
        ("label", field()),
        (
            "email",
            prop_oneof![text().prop_map(Value::String), url()].boxed(),
        ),
        ("phone", field()),
        ("url", url()),
        ("summary", field()),
        (
            "location",
            object(vec![
                ("address", field()),
                ("city", field()),
                ("region", field()),
                ("countryCode", field()),
            ]),
        ),
        (
            "profiles",
            list(object(vec![
                ("network", field()),
                ("username", field()),
                ("url", url()),
            ])),
        ),
    ])
}

fn work() -> BoxedStrategy<Value> {
    object(vec![
        ("name", field()),
        ("position", field()),
        ("location", field()),
        ("url", url()),
        ("startDate", date()),
        ("endDate", date()),
        ("summary", field()),
        ("highlights", texts()),
        ("keywords", texts()),
    ])
}

/// A JSON Resume-shaped value.
fn resume() -> BoxedStrategy<Value> {
    object(vec![
        ("basics", basics()),
        ("work", list(work())),
        ("volunteer", list(work())),
        (
            "education",
            list(object(vec![
                ("institution", field()),
                ("url", url()),
                ("area", field()),
                ("studyType", field()),
                ("startDate", date()),
                ("endDate", date()),
                ("score", field()),
                ("courses", texts()),
            ])),
        ),
        (
            "awards",
            list(object(vec![
                ("title", field()),
                ("date", date()),
                ("awarder", field()),
                ("summary", field()),
            ])),
        ),
        (
            "certificates",
            list(object(vec![
                ("name", field()),
                ("date", date()),
                ("url", url()),
                ("issuer", field()),
            ])),
        ),
        (
            "publications",
            list(object(vec![
                ("name", field()),
                ("publisher", field()),
                ("releaseDate", date()),
                ("url", url()),
                ("summary", field()),
            ])),
        ),
        (
            "skills",
            list(object(vec![
                ("name", field()),
                ("level", field()),
                ("keywords", texts()),
            ])),
        ),
        (
            "languages",
            list(object(vec![("language", field()), ("fluency", field())])),
        ),
        (
            "interests",
            list(object(vec![("name", field()), ("keywords", texts())])),
        ),
        (
            "references",
            list(object(vec![("name", field()), ("reference", field())])),
        ),
        (
            "projects",
            list(object(vec![
                ("name", field()),
                ("description", field()),
                ("highlights", texts()),
                ("url", url()),
                ("startDate", date()),
                ("endDate", date()),
                ("roles", texts()),
            ])),
        ),
        ("talks", list(work())),
        ("hobbies", texts()),
    ])
}

/// Renders every backend and checks each output.
fn check_all(value: &Value, width: usize) {
    // Through the JSON text, as the tool reads files.
    let json = serde_json::to_vec(value).unwrap();
    let (_, parsed_value) = parse_json(&json).unwrap();
    let parsed = read_value(parsed_value, &ReadOptions::default());
    let doc = build(&parsed.resume, &BuildOptions::default());
    let options = RenderOptions {
        width,
        ..RenderOptions::default()
    };
    for backend in BACKENDS {
        let name = backend.name();
        let bytes = backend
            .render(&doc, layout(), &options)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .bytes;
        match name {
            "md" => {
                let md = String::from_utf8(bytes).unwrap();
                assert!(!md.chars().any(|c| c.is_control() && c != '\n'), "{md:?}");
                common::check_markdown(&md, "md");
            }
            "txt" => common::check_text(&String::from_utf8(bytes).unwrap(), width, "txt"),
            "docx" => {
                common::check_docx(&bytes, "docx");
            }
            "pdf" => {
                assert!(bytes.starts_with(b"%PDF-"), "pdf: no header");
                // A real parse: the cross-reference table, every object, every page.
                let pdf = lopdf::Document::load_mem(&bytes).expect("pdf: lopdf parses it");
                let pages = pdf.get_pages();
                assert!(!pages.is_empty(), "pdf: no pages");
                for (n, id) in pages {
                    assert!(
                        !pdf.get_page_content(id).is_empty(),
                        "pdf: page {n} has no content"
                    );
                }
            }
            "html" => {
                let html = String::from_utf8(bytes).unwrap();
                common::check_html(&html, "html");
            }
            other => panic!("backend {other} has no property yet; add one here"),
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_resumes_give_valid_output_in_every_format(value in resume(), width in 20usize..=200) {
        check_all(&value, width);
    }
}
