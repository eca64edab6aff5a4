//! Shared helpers for the integration tests: the corpus, the samples, conversions.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use resume_export::backend::{self, RenderOptions};
use resume_export::layout::Layout;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The folder of shared test data: `$RESUME_EXPORT_SHARED` if set, else
/// `../shared` beside the repository (where CI puts it). A fresh clone has
/// none; `.ci/run` also runs the suite with the variable naming a missing
/// folder, to prove that every test passes without it.
pub fn shared() -> PathBuf {
    match std::env::var_os("RESUME_EXPORT_SHARED") {
        Some(dir) => PathBuf::from(dir),
        None => root().join("../shared"),
    }
}

/// The shared corpus (`corpus/` of [`shared`]), when it is there; a note on
/// stderr says which checks are left out when it is not.
pub fn corpus() -> Option<PathBuf> {
    let dir = shared().join("corpus");
    if dir.join("real").is_dir() {
        Some(dir)
    } else {
        missing(&dir, "corpus");
        None
    }
}

/// Says once per run, on the real stderr (the test harness captures
/// `eprintln!` of passing tests), which shared data is missing, and once per
/// test which test left that part out.
fn missing(dir: &Path, what: &str) {
    use std::io::Write;
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = writeln!(
            std::io::stderr(),
            "note: {} not found: the tests check the samples only and skip their {what} checks",
            dir.display()
        );
    });
    // The harness names each test thread by its path, `corpus::every_real_resume…`.
    let test = std::thread::current().name().unwrap_or("?").to_string();
    eprintln!(
        "note: {} not found; {test} skips its {what} part",
        dir.display()
    );
}

/// The real resumes of the corpus, sorted; empty (with a note) without it.
pub fn corpus_real() -> Vec<PathBuf> {
    corpus().map_or_else(Vec::new, |c| json_files(&c.join("real")))
}

/// The seed folder (`seed/` of [`shared`]), when it is there, else a note.
pub fn seed() -> Option<PathBuf> {
    let dir = shared().join("seed");
    if dir.is_dir() {
        Some(dir)
    } else {
        missing(&dir, "seed");
        None
    }
}

/// The JSON files of a directory, sorted.
pub fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The bundled samples.
pub fn samples() -> Vec<PathBuf> {
    json_files(&root().join("samples"))
}

/// The samples, then the corpus's real resumes when it is there (sorted).
pub fn inputs() -> Vec<PathBuf> {
    let mut files = samples();
    files.extend(corpus_real());
    files.sort();
    files
}

/// Every real corpus file and every sample.
pub fn all_inputs() -> Vec<PathBuf> {
    let mut v = samples();
    v.extend(corpus_real());
    v
}

/// Converts bytes to one format through the library, as the CLI does.
pub fn convert(bytes: &[u8], format: &str) -> Vec<u8> {
    let layout = Layout::builtin("classic").expect("classic layout loads");
    let (_, doc) = resume_export::load(bytes, &layout).expect("input parses");
    let backend = backend::find(format).expect("format exists");
    backend
        .render(&doc, &layout, &RenderOptions::default())
        .expect("renders")
        .bytes
}

/// Converts a file to one format as UTF-8 text.
pub fn convert_text(path: &Path, format: &str) -> String {
    let bytes = std::fs::read(path).expect("input readable");
    String::from_utf8(convert(&bytes, format)).expect("output is UTF-8")
}

/// Every non-empty string leaf of a JSON value (and every number, if `numbers`), with its path.
pub fn leaves(v: &serde_json::Value, path: String, out: &mut Vec<(String, String)>, numbers: bool) {
    use serde_json::Value;
    match v {
        Value::String(s) if !s.trim().is_empty() => out.push((path, s.clone())),
        Value::Number(n) if numbers => out.push((path, n.to_string())),
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                leaves(x, format!("{path}[{i}]"), out, numbers);
            }
        }
        Value::Object(o) => {
            for (k, x) in o {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                leaves(x, p, out, numbers);
            }
        }
        _ => {}
    }
}

/// Collapses whitespace runs to one space.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Markdown with backslash escapes removed and whitespace collapsed.
pub fn unescape_markdown(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut chars = md.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.peek() {
                Some(n) if n.is_ascii_punctuation() => {
                    out.push(*n);
                    chars.next();
                    continue;
                }
                _ => {}
            }
        }
        out.push(c);
    }
    squash(&out)
}

/// Checks that Markdown holds no markup that user text could have made: no raw
/// HTML, code, image, block quote, table, strikethrough, footnote, task list or
/// math; links only to `http`, `https`, `mailto` and `tel` targets without
/// CR/LF; and one heading per line written with `#` (headings come only from
/// the document structure). Panics with `context` on the first problem.
pub fn check_markdown(md: &str, context: &str) {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    // The extensions pandoc and GitHub have, so text cannot trigger them either.
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH;
    let mut headings = 0;
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => panic!("{context}: raw HTML {h:?}"),
            Event::Code(c) => panic!("{context}: code span {c:?}"),
            Event::InlineMath(m) | Event::DisplayMath(m) => panic!("{context}: math {m:?}"),
            Event::FootnoteReference(f) => panic!("{context}: footnote {f:?}"),
            Event::TaskListMarker(_) => panic!("{context}: task list"),
            Event::Start(Tag::Image { .. }) => panic!("{context}: image"),
            Event::Start(Tag::CodeBlock(_)) => panic!("{context}: code block"),
            Event::Start(Tag::BlockQuote(_)) => panic!("{context}: block quote"),
            Event::Start(Tag::Table(_)) => panic!("{context}: table"),
            Event::Start(Tag::Strikethrough) => panic!("{context}: strikethrough"),
            Event::Start(Tag::FootnoteDefinition(_)) => panic!("{context}: footnote"),
            Event::Start(Tag::Link { dest_url, .. }) => {
                assert!(
                    is_safe_target(&dest_url),
                    "{context}: unsafe link {dest_url:?}"
                );
            }
            Event::Start(Tag::Heading { .. }) => headings += 1,
            _ => {}
        }
    }
    let written = md.lines().filter(|l| l.starts_with('#')).count();
    assert_eq!(headings, written, "{context}: user text made a heading");
}

/// Whether a link target is one the tool may make: `http`, `https`, `mailto` or
/// `tel`, with no whitespace or control characters, and a `mailto:` without
/// `?` (no extra headers or recipients).
pub fn is_safe_target(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let scheme_ok = ["http://", "https://", "mailto:", "tel:"]
        .iter()
        .any(|s| lower.starts_with(s));
    let clean = !url.chars().any(|c| c.is_control() || c.is_whitespace());
    let mail_ok = !lower.starts_with("mailto:") || !url.contains(['?', '&', ',', ';']);
    scheme_ok && clean && mail_ok
}

/// The parts of a DOCX package, by name, after checking that every `.xml` and
/// `.rels` part is well-formed XML and that every external relationship is a
/// safe link target.
pub fn check_docx(bytes: &[u8], context: &str) -> std::collections::BTreeMap<String, String> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .unwrap_or_else(|e| panic!("{context}: DOCX is not a zip archive: {e}"));
    let mut parts = std::collections::BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().to_string();
        let mut text = String::new();
        file.read_to_string(&mut text)
            .unwrap_or_else(|e| panic!("{context}: {name} is not UTF-8: {e}"));
        parts.insert(name, text);
    }
    for (name, xml) in &parts {
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let doc = roxmltree::Document::parse(xml)
            .unwrap_or_else(|e| panic!("{context}: {name} is not well-formed XML: {e}"));
        if name.ends_with(".rels") {
            for rel in doc.descendants().filter(|n| n.has_tag_name("Relationship")) {
                if rel.attribute("TargetMode") == Some("External") {
                    let target = rel.attribute("Target").unwrap_or("");
                    assert!(
                        is_safe_target(target),
                        "{context}: unsafe relationship target {target:?} in {name}"
                    );
                }
            }
        }
    }
    parts
}

/// Checks plain text: UTF-8 lines without control characters that fit `width` columns.
pub fn check_text(txt: &str, width: usize, context: &str) {
    use unicode_width::UnicodeWidthStr;
    for line in txt.lines() {
        assert!(
            !line.chars().any(char::is_control),
            "{context}: control character in {line:?}"
        );
        let w = UnicodeWidthStr::width(line);
        assert!(
            w <= width,
            "{context}: line of {w} columns wider than {width}: {line:?}"
        );
    }
}

/// The elements the HTML backend writes; any other came from input.
pub const HTML_ELEMENTS: &[&str] = &[
    "html", "head", "meta", "title", "style", "script", "body", "header", "h1", "p", "address",
    "ul", "ol", "li", "a", "main", "section", "h2", "article", "h3", "span", "time", "strong",
    "em", "br", "div", "svg", "path", "aside", "img", "footer",
];

/// The attributes the HTML backend writes.
pub const HTML_ATTRIBUTES: &[&str] = &[
    "lang",
    "dir",
    "charset",
    "http-equiv",
    "content",
    "name",
    "property",
    "type",
    "class",
    "id",
    "href",
    "rel",
    "datetime",
    // Contact icons: inline SVG hidden from assistive technology.
    "aria-hidden",
    "aria-label",
    "focusable",
    "viewBox",
    "fill",
    "d",
    // A photo or a letterhead's logo: embedded, with its text alternative.
    "src",
    "alt",
    "width",
    "height",
];

/// Parses a page with an HTML5 parser (html5ever, through scraper) and checks
/// that it holds only what the backend writes: known elements and attributes,
/// one `<style>`, one `<script>` that is JSON-LD and parses as JSON, one
/// `<h1>`, safe links with `rel="noopener noreferrer"` on web links. Returns
/// the parsed page. Panics with `context` on the first problem.
pub fn check_html(html: &str, context: &str) -> scraper::Html {
    let page = scraper::Html::parse_document(html);
    let mut count = std::collections::BTreeMap::new();
    for node in page.tree.nodes() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        let name = el.name();
        assert!(
            HTML_ELEMENTS.contains(&name),
            "{context}: unexpected element <{name}>"
        );
        *count.entry(name.to_string()).or_insert(0) += 1;
        for (attr, value) in el.attrs() {
            assert!(
                HTML_ATTRIBUTES.contains(&attr),
                "{context}: unexpected attribute {attr} on <{name}>"
            );
            if attr == "href" {
                assert!(is_safe_target(value), "{context}: unsafe link {value:?}");
            }
            if attr == "src" {
                assert!(
                    value.starts_with("data:image/"),
                    "{context}: an image from outside the page"
                );
            }
        }
        if name == "a" {
            let href = el.attr("href").unwrap_or("");
            if href.starts_with("http") {
                assert_eq!(
                    el.attr("rel"),
                    Some("noopener noreferrer"),
                    "{context}: web link without rel"
                );
            }
        }
        if name == "script" {
            assert_eq!(el.attr("type"), Some("application/ld+json"), "{context}");
            let json: String = scraper::ElementRef::wrap(node)
                .map(|e| e.text().collect())
                .unwrap_or_default();
            serde_json::from_str::<serde_json::Value>(&json)
                .unwrap_or_else(|e| panic!("{context}: JSON-LD does not parse: {e}: {json}"));
        }
    }
    for (name, n) in [
        ("h1", 1),
        ("style", 1),
        ("script", 1),
        ("main", 1),
        ("title", 1),
    ] {
        assert_eq!(
            count.get(name).copied().unwrap_or(0),
            n,
            "{context}: {name} count"
        );
    }
    page
}

/// The visible text of a page's body, whitespace collapsed, with every link
/// target after its link text (as `unescape_markdown` keeps Markdown's).
pub fn html_text(page: &scraper::Html) -> String {
    let body = scraper::Selector::parse("body").unwrap();
    let a = scraper::Selector::parse("a").unwrap();
    let mut out = String::new();
    for b in page.select(&body) {
        out.push_str(&b.text().collect::<Vec<_>>().join(" "));
        for link in b.select(&a) {
            out.push(' ');
            out.push_str(link.attr("href").unwrap_or(""));
        }
    }
    squash(&out)
}

/// Words on page 1 of a PDF: (xMin, xMax, yMin, text), or `None` without pdftotext.
pub fn pdf_words(pdf: &Path) -> Option<Vec<(f32, f32, f32, String)>> {
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox", "-f", "1", "-l", "1"])
        .arg(pdf)
        .arg("-")
        .output()
        .ok()?;
    let xml = String::from_utf8_lossy(&out.stdout);
    let attr = |l: &str, name: &str| -> f32 {
        let from = l.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        l[from..].split('"').next().unwrap().parse().unwrap()
    };
    Some(
        xml.lines()
            .filter(|l| l.trim_start().starts_with("<word"))
            .map(|l| {
                let text = l.split('>').nth(1).unwrap().split('<').next().unwrap();
                (
                    attr(l, "xMin"),
                    attr(l, "xMax"),
                    attr(l, "yMin"),
                    text.to_string(),
                )
            })
            .collect(),
    )
}
