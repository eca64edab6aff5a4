//! Hostile input through the real binary: each case asserts the exact
//! behaviour (exit code, message, output content), in every format of `-f all`.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use common::{check_docx, check_html, check_markdown, check_text};
use resume_export::backend::BACKENDS;
use serde_json::{Value, json};

/// What one run of the binary did.
struct Run {
    code: i32,
    stderr: String,
    /// Output files by extension.
    outputs: BTreeMap<String, Vec<u8>>,
}

impl Run {
    fn text(&self, ext: &str) -> String {
        let bytes = self
            .outputs
            .get(ext)
            .unwrap_or_else(|| panic!("no .{ext} output; stderr: {}", self.stderr));
        String::from_utf8(bytes.clone()).unwrap()
    }

    /// The visible text of the DOCX body, one paragraph per line.
    fn docx_text(&self) -> String {
        let parts = check_docx(&self.outputs["docx"], "docx");
        let doc = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
        doc.descendants()
            .filter(|n| n.has_tag_name("p"))
            .map(|p| {
                p.descendants()
                    .filter(|n| n.has_tag_name("t"))
                    .filter_map(|n| n.text())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The external relationship targets of the DOCX.
    fn docx_links(&self) -> Vec<String> {
        let parts = check_docx(&self.outputs["docx"], "docx");
        let rels = roxmltree::Document::parse(&parts["word/_rels/document.xml.rels"]).unwrap();
        rels.descendants()
            .filter(|n| n.attribute("TargetMode") == Some("External"))
            .filter_map(|n| n.attribute("Target").map(str::to_string))
            .collect()
    }

    /// Checks every output against what its format promises.
    fn check_all(&self, width: usize) {
        for b in BACKENDS {
            let ext = b.extension();
            let bytes = self
                .outputs
                .get(ext)
                .unwrap_or_else(|| panic!("no .{ext} output; stderr: {}", self.stderr));
            match b.name() {
                "md" => check_markdown(&self.text("md"), "md"),
                "txt" => check_text(&self.text("txt"), width, "txt"),
                "docx" => {
                    check_docx(bytes, "docx");
                }
                "pdf" => assert!(bytes.starts_with(b"%PDF-")),
                "html" => {
                    check_html(&self.text("html"), "html");
                }
                _ => {}
            }
        }
    }
}

/// Runs `resume-export -f all -d <out> [args] in.json` on `input`.
fn run(input: &[u8], args: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("in.json");
    std::fs::write(&file, input).unwrap();
    let out = dir.path().join("out");
    let assert = Command::cargo_bin("resume-export")
        .unwrap()
        .args(["-f", "all", "-d"])
        .arg(&out)
        .args(args)
        .arg(&file)
        .timeout(Duration::from_secs(120))
        .assert();
    let output = assert.get_output();
    Run {
        code: output.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        outputs: read_outputs(&out),
    }
}

fn read_outputs(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries {
            let p = e.unwrap().path();
            let ext = p.extension().unwrap().to_string_lossy().into_owned();
            out.insert(ext, std::fs::read(&p).unwrap());
        }
    }
    out
}

fn run_json(value: &Value, args: &[&str]) -> Run {
    run(&serde_json::to_vec(value).unwrap(), args)
}

/// Asserts a failed run: exit 1, nothing written, and the message on standard error.
fn assert_refused(r: &Run, message: &str) {
    assert_eq!(r.code, 1, "stderr: {}", r.stderr);
    assert!(
        r.outputs.is_empty(),
        "outputs written: {:?}",
        r.outputs.keys()
    );
    assert!(
        r.stderr.contains(message),
        "expected {message:?} in stderr:\n{}",
        r.stderr
    );
}

/// Asserts a successful run with one output per format and no error.
fn assert_converted(r: &Run) {
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    assert_eq!(r.outputs.len(), BACKENDS.len(), "{:?}", r.outputs.keys());
    assert!(!r.stderr.contains("error"), "stderr: {}", r.stderr);
}

// ---------------------------------------------------------------------------
// Size and shape
// ---------------------------------------------------------------------------

#[test]
fn ten_thousand_nested_arrays_are_refused_at_the_depth_limit() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let r = run(deep.as_bytes(), &[]);
    assert_refused(
        &r,
        "in.json: the JSON nests deeper than 64 levels (the limit)",
    );
    assert!(r.stderr.contains("nothing was written"), "{}", r.stderr);

    // Inside a field, the same.
    let deep = format!("{{\"work\": {}{}}}", "[".repeat(10_000), "]".repeat(10_000));
    let r = run(deep.as_bytes(), &[]);
    assert_refused(
        &r,
        "in.json: the JSON nests deeper than 64 levels (the limit)",
    );
}

#[test]
fn an_empty_file_is_not_json() {
    let r = run(b"", &[]);
    assert_refused(&r, "invalid JSON: no JSON value: the input is empty");
    assert!(r.stderr.contains("in.json:1:1"), "{}", r.stderr);
}

#[test]
fn a_file_of_only_whitespace_is_not_json() {
    let r = run(b"  \n\t\r\n \n", &[]);
    assert_refused(
        &r,
        "invalid JSON: no JSON value: the input holds only whitespace",
    );
    assert!(r.stderr.contains("in.json:4:1"), "{}", r.stderr);
}

/// A top-level value that is not an object is no resume: refused with exit 1,
/// the file, line and column of the value and what was found; nothing written.
#[test]
fn top_level_scalars_are_refused_and_nothing_is_written() {
    for (input, kind, at) in [
        ("42", "a number", "in.json:1:1"),
        ("\"hello\"", "a string", "in.json:1:1"),
        ("true", "a boolean", "in.json:1:1"),
        ("\n\n   null\n", "null", "in.json:3:4"),
        ("\u{feff}3.5", "a number", "in.json:1:1"),
    ] {
        let r = run(input.as_bytes(), &[]);
        assert_refused(
            &r,
            &format!("not a resume: the top level is {kind}; a resume is an object"),
        );
        assert!(r.stderr.contains(at), "{input:?}: {}", r.stderr);
    }
}

/// A list whose items are not all objects is no list of resumes either: the
/// first such item is named, with its position.
#[test]
fn a_list_of_non_resumes_is_refused() {
    let r = run(b"[1, 2, 3]", &[]);
    assert_refused(
        &r,
        "item 1 of the list is a number; a list of resumes holds only objects",
    );
    assert!(r.stderr.contains("in.json:1:2"), "{}", r.stderr);
    let r = run(b"[{\"basics\": {\"name\": \"A\"}},\n \"x\"]", &[]);
    assert_refused(&r, "item 2 of the list is a string");
    assert!(r.stderr.contains("in.json:2:2"), "{}", r.stderr);
}

/// `{}` and objects without content still convert, with a warning, to valid
/// near-empty files.
#[test]
fn an_empty_object_converts_with_a_warning() {
    for input in ["{}", "{\"basics\": {}}", "{\"work\": []}"] {
        let r = run(input.as_bytes(), &[]);
        assert_eq!(r.code, 0, "{input}: {}", r.stderr);
        assert!(
            r.stderr
                .contains("the resume has no content; the output will be empty"),
            "{input}: {}",
            r.stderr
        );
        assert_eq!(r.outputs.len(), BACKENDS.len());
        r.check_all(80);
    }
}

#[test]
fn five_thousand_work_entries_convert_in_every_format() {
    let work: Vec<Value> = (0..5000)
        .map(|i| {
            json!({
                "name": format!("Company {i:04}"),
                "position": format!("Role {i:04}"),
                "startDate": "2020-01",
                "highlights": [format!("Did thing {i:04}")]
            })
        })
        .collect();
    let start = Instant::now();
    let r = run_json(&json!({"basics": {"name": "Many"}, "work": work}), &["-q"]);
    assert_converted(&r);
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "{:?}",
        start.elapsed()
    );
    let (md, txt, docx) = (r.text("md"), r.text("txt"), r.docx_text());
    for i in [0, 1, 2499, 4999] {
        for s in [format!("Company {i:04}"), format!("Did thing {i:04}")] {
            assert!(md.contains(&s), "{s} missing from md");
            assert!(txt.contains(&s), "{s} missing from txt");
            assert!(docx.contains(&s), "{s} missing from docx");
        }
    }
    assert_eq!(md.matches("Did thing ").count(), 5000);
    assert_eq!(txt.matches("Did thing ").count(), 5000);
    assert_eq!(docx.matches("Did thing ").count(), 5000);
    r.check_all(80);
}

#[test]
fn a_hundred_thousand_character_token_is_broken_in_text_and_kept_in_markdown() {
    // A letter that no label or section title uses.
    let token = "ж".repeat(100_000);
    let value = json!({
        "basics": {"name": "Long"},
        "work": [{"name": "Co", "position": "P", "startDate": "2020", "highlights": [token]}]
    });
    for width in [20usize, 80] {
        let r = run_json(&value, &["--width", &width.to_string()]);
        assert_converted(&r);
        r.check_all(width);
        let txt = r.text("txt");
        assert_eq!(txt.matches('ж').count(), 100_000);
        assert!(txt.lines().all(|l| l.chars().count() <= width));
        // Markdown keeps the token whole, as one bullet.
        let md = r.text("md");
        assert!(md.contains(&format!("- {token}\n")), "token not kept whole");
        assert_eq!(r.docx_text().matches('ж').count(), 100_000);
    }
}

// ---------------------------------------------------------------------------
// Encodings and control characters
// ---------------------------------------------------------------------------

const NAMED: &str = r#"{"basics": {"name": "Zoë Ünal", "label": "Ingénieure"}}"#;

fn utf16(s: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend(if big_endian {
            [0xFE, 0xFF]
        } else {
            [0xFF, 0xFE]
        });
    }
    for unit in s.encode_utf16() {
        out.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

#[test]
fn utf16_with_a_byte_order_mark_is_decoded() {
    for big_endian in [false, true] {
        let r = run(&utf16(NAMED, big_endian, true), &[]);
        assert_converted(&r);
        assert!(r.text("md").starts_with("# Zoë Ünal\n"), "{}", r.text("md"));
        assert!(r.text("txt").starts_with("Zoë Ünal\n"), "{}", r.text("txt"));
        assert!(r.docx_text().contains("Zoë Ünal"));
        r.check_all(80);
    }
}

#[test]
fn utf16_without_a_byte_order_mark_is_refused_with_the_byte_offset() {
    // `{` is 7B 00 in UTF-16 LE: the NUL is byte 1; in BE it is 00 7B: byte 0.
    for (big_endian, offset) in [(false, 1), (true, 0)] {
        let r = run(&utf16(NAMED, big_endian, false), &[]);
        assert_refused(
            &r,
            &format!(
                "in.json: NUL byte: the file looks like UTF-16 or UTF-32 without a byte-order mark; save it as UTF-8 (at byte {offset}); nothing was written"
            ),
        );
    }
}

#[test]
fn latin1_is_refused_with_the_byte_offset() {
    let latin1: Vec<u8> = NAMED.chars().map(|c| c as u32 as u8).collect();
    // `ë` is the 24th byte (offset 23): `{"basics": {"name": "Zo` is 23 bytes.
    let r = run(&latin1, &[]);
    assert_refused(
        &r,
        "in.json: invalid UTF-8 (the file must be UTF-8 or UTF-16 with a byte-order mark) (at byte 23); nothing was written",
    );
}

#[test]
fn a_raw_nul_byte_is_refused_with_the_byte_offset() {
    let r = run(b"{\"basics\": {\"name\": \"Zo\0e\"}}", &[]);
    assert_refused(
        &r,
        "in.json: NUL byte: JSON text cannot hold one (at byte 23); nothing was written",
    );
}

#[test]
fn nul_and_ansi_escapes_inside_strings_reach_no_output() {
    let value = json!({
        "basics": {
            "name": "Zo\u{0}e \u{1b}[31mRed\u{1b}[0m",
            "label": "a\u{1b}]0;title\u{7}b\u{1b}[2J\u{9b}c",
            "summary": "x\u{0}y\u{7f}z\u{1b}[1;32mgreen\u{1b}[0m"
        },
        "work": [{"name": "C\u{0}o", "position": "\u{1b}[5mP", "startDate": "2020",
                  "highlights": ["h\u{1}i\u{1b}[K"]}]
    });
    let r = run_json(&value, &[]);
    assert_converted(&r);
    r.check_all(80);
    let docx = r.docx_text();
    for (name, out) in [("md", r.text("md")), ("txt", r.text("txt")), ("docx", docx)] {
        assert!(
            !out.chars().any(|c| c.is_control() && c != '\n'),
            "{name}: control character in {out:?}"
        );
        for gone in ["[31m", "[0m", "[2J", "]0;", "[1;32m", "[5m", "[K"] {
            assert!(
                !out.contains(gone),
                "{name}: escape remnant {gone} in {out:?}"
            );
        }
        for kept in ["Zoe Red", "green", "xyz", "Co"] {
            assert!(out.contains(kept), "{name}: {kept} missing from {out:?}");
        }
    }
    // Every DOCX part, not only the body: core properties carry the name too.
    let parts = check_docx(&r.outputs["docx"], "docx");
    for (name, xml) in parts {
        assert!(!xml.contains('\u{1b}') && !xml.contains('\u{0}'), "{name}");
    }
}

// ---------------------------------------------------------------------------
// Markup, templates, scripts
// ---------------------------------------------------------------------------

/// Every text field of a resume set to `s`.
fn everywhere(s: &str) -> Value {
    json!({
        "basics": {"name": s, "label": s, "summary": s, "phone": s,
                   "location": {"city": s, "region": s},
                   "profiles": [{"network": s, "username": s}]},
        "work": [{"name": s, "position": s, "location": s, "description": s,
                  "startDate": "2020", "summary": s, "highlights": [s], "keywords": [s]}],
        "volunteer": [{"organization": s, "position": s, "summary": s}],
        "education": [{"institution": s, "area": s, "studyType": s, "score": s, "courses": [s]}],
        "awards": [{"title": s, "awarder": s, "summary": s}],
        "certificates": [{"name": s, "issuer": s}],
        "publications": [{"name": s, "publisher": s, "summary": s}],
        "skills": [{"name": s, "level": s, "keywords": [s]}],
        "languages": [{"language": s, "fluency": s}],
        "interests": [{"name": s, "keywords": [s]}],
        "references": [{"name": s, "reference": s}],
        "projects": [{"name": s, "description": s, "highlights": [s], "roles": [s]}]
    })
}

#[test]
fn template_syntax_in_every_field_appears_literally() {
    let s = "A {{x}} B {{{y}}} C {{#each z}}{{/each}} D {{> p}}";
    let r = run_json(&everywhere(s), &["-q"]);
    assert_converted(&r);
    r.check_all(200);
    let md = common::unescape_markdown(&r.text("md"));
    let txt = common::squash(&r.text("txt"));
    let docx = r.docx_text();
    for (name, out) in [("md", md), ("txt", txt), ("docx", docx)] {
        // Name, label, summary, and one per section at least.
        let n = out.matches("{{x}}").count();
        assert!(n >= 20, "{name}: {{{{x}}}} shown {n} times in {out}");
        assert_eq!(
            out.matches("{{x}}").count(),
            out.matches("{{{y}}}").count(),
            "{name}"
        );
        assert!(out.contains(s), "{name}: {s} not literal in {out}");
    }
}

#[test]
fn right_to_left_and_mixed_scripts_are_preserved() {
    let arabic = "مهندسة برمجيات";
    let hebrew = "מהנדסת תוכנה";
    let mixed = "Rust و Go — עברית 123 中文 日本語";
    let value = json!({
        "basics": {"name": "ليلى כהן", "label": arabic, "summary": mixed},
        "work": [{"name": hebrew, "position": arabic, "startDate": "2021-03",
                  "highlights": [mixed, format!("{hebrew} ({arabic})")]}],
        "skills": [{"name": "لغات", "keywords": ["עברית", "العربية", "English"]}]
    });
    let r = run_json(&value, &[]);
    assert_converted(&r);
    r.check_all(80);
    let md = common::unescape_markdown(&r.text("md"));
    let txt = common::squash(&r.text("txt"));
    let docx = r.docx_text();
    assert!(r.text("md").starts_with("# ليلى כהן\n"));
    for (name, out) in [("md", md), ("txt", txt), ("docx", docx)] {
        for s in [
            "ليلى כהן",
            arabic,
            hebrew,
            mixed,
            "עברית",
            "العربية",
            &format!("{hebrew} ({arabic})"),
        ] {
            assert!(out.contains(s), "{name}: {s} missing from {out}");
        }
    }
}

// ---------------------------------------------------------------------------
// Hostile URLs
// ---------------------------------------------------------------------------

const BAD_URLS: &[&str] = &[
    "javascript:alert(1)",
    "JavaScript:alert(1)//example.com",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "mailto:a@example.com?cc=evil@example.com",
    "https://example.com/a\r\nSet-Cookie: x=1",
    "https://example.com/a\nb",
];

#[test]
fn hostile_urls_are_never_links_in_any_format() {
    let mut profiles = Vec::new();
    let mut work = Vec::new();
    let mut summary = String::new();
    for (i, url) in BAD_URLS.iter().enumerate() {
        profiles.push(
            json!({"network": format!("Net{i}"), "username": format!("user{i}"), "url": url}),
        );
        work.push(
            json!({"name": format!("Co{i}"), "position": "P", "url": url, "startDate": "2020"}),
        );
        // In running text a line break is the user's own, so CR/LF URLs go only in URL fields.
        let url = if url.contains(['\r', '\n']) {
            "javascript:void(0)"
        } else {
            url
        };
        summary.push_str(&format!("<a href=\"{url}\">html{i}</a> [md{i}]({url}) "));
    }
    let value = json!({
        "basics": {
            "name": "N",
            "email": "a@example.com?cc=evil@example.com",
            "url": "javascript:alert(1)",
            "summary": summary,
            "profiles": profiles
        },
        "work": work,
        "projects": [{"name": "Proj", "url": "data:text/html,x"}],
        "certificates": [{"name": "Cert", "url": "vbscript:msgbox(1)"}],
        "publications": [{"name": "Pub", "url": "file:///etc/passwd"}]
    });
    let r = run_json(&value, &[]);
    assert_converted(&r);
    // check_markdown and check_docx refuse any unsafe link target.
    r.check_all(80);

    // No link at all: none of these inputs has a safe target.
    let md = r.text("md");
    for event in pulldown_cmark::Parser::new(&md) {
        if let pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) = event {
            panic!("md: a link to {dest_url}");
        }
    }
    assert_eq!(r.docx_links(), Vec::<String>::new());

    // The link texts stay, as text, in every format.
    let txt = r.text("txt");
    let docx = r.docx_text();
    for i in 0..BAD_URLS.len() {
        for s in [format!("html{i}"), format!("md{i}")] {
            assert!(md.contains(&s), "md: {s} missing");
            assert!(txt.contains(&s), "txt: {s} missing");
            assert!(docx.contains(&s), "docx: {s} missing");
        }
    }
    // A CR/LF inside a URL never starts a line of its own in any format.
    for (name, out) in [("md", &md), ("txt", &txt), ("docx", &docx)] {
        assert!(
            !out.lines()
                .any(|l| l.trim_start().starts_with("Set-Cookie")),
            "{name}: CR/LF injection made a line: {out}"
        );
        // Text shows no link target in parentheses for these.
        for bad in ["(javascript:", "(data:", "(vbscript:", "(file:", "(mailto:"] {
            assert!(!out.contains(bad), "{name}: {bad} shown as a link target");
        }
    }
}
