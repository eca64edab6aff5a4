//! The HTML page: structure, machine-readable data, safety, languages and the
//! layout system (stylesheet override, dark colours, print page).

use crate::common;

use common::{check_html, html_text, root};
use resume_export::backend::{self, RenderOptions};
use resume_export::layout::{Layout, Paper, Source};
use scraper::{Html, Selector};
use serde_json::{Value, json};

fn render_with(json: &[u8], layout: &Layout, options: &RenderOptions) -> String {
    let (_, doc) = resume_export::load(json, layout).unwrap();
    let bytes = backend::find("html")
        .unwrap()
        .render(&doc, layout, options)
        .unwrap()
        .bytes;
    String::from_utf8(bytes).unwrap()
}

fn render(json: &[u8]) -> String {
    render_with(
        json,
        &Layout::builtin("classic").unwrap(),
        &RenderOptions::default(),
    )
}

fn sample() -> Vec<u8> {
    std::fs::read(root().join("samples/jsonresume-sample.json")).unwrap()
}

fn select<'a>(page: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    page.select(&Selector::parse(css).unwrap()).collect()
}

fn text(e: &scraper::ElementRef<'_>) -> String {
    common::squash(&e.text().collect::<String>())
}

fn json_ld(page: &Html) -> Value {
    let script = select(page, "script[type=\"application/ld+json\"]");
    serde_json::from_str(&text(&script[0])).unwrap()
}

#[test]
fn the_page_is_semantic() {
    let html = render(&sample());
    let page = check_html(&html, "sample");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">"));
    assert_eq!(text(&select(&page, "h1")[0]), "Richard Hendriks");
    let (_, doc) = resume_export::load(&sample(), &Layout::builtin("classic").unwrap()).unwrap();
    let h2: Vec<String> = select(&page, "main > section > h2")
        .iter()
        .map(text)
        .collect();
    let titles: Vec<String> = doc.sections.iter().map(|s| s.title.clone()).collect();
    assert_eq!(h2, titles);
    assert!(select(&page, "article h3").len() >= 5);
    assert_eq!(select(&page, "header address ul.contacts li").len(), 6);
    let times = select(&page, "time");
    assert!(!times.is_empty());
    for t in times {
        let d = t.attr("datetime").unwrap();
        assert!(
            d.len() >= 4 && d.chars().all(|c| c.is_ascii_digit() || c == '-'),
            "{d}"
        );
    }
    let first = select(&page, "#work article .dates")[0];
    assert_eq!(
        first.inner_html(),
        "<time datetime=\"2013-12-01\">Dec 2013</time> – <time datetime=\"2014-12-01\">Dec 2014</time>"
    );
    assert!(select(&page, "table").is_empty());
}

#[test]
fn the_page_describes_the_person_for_machines() {
    let page = Html::parse_document(&render(&sample()));
    let p = json_ld(&page);
    assert_eq!(p["@context"], "https://schema.org");
    assert_eq!(p["@type"], "Person");
    assert_eq!(p["name"], "Richard Hendriks");
    assert_eq!(p["jobTitle"], "Programmer");
    assert_eq!(p["worksFor"][0]["name"], "Pied Piper");
    assert_eq!(p["alumniOf"][0]["name"], "University of Oklahoma");
    assert!(p["sameAs"].as_array().unwrap().len() >= 2);
    assert!(
        p["knowsAbout"]
            .as_array()
            .unwrap()
            .contains(&json!("Compression"))
    );
    let meta = |css: &str| select(&page, css)[0].attr("content").unwrap().to_string();
    assert_eq!(
        meta("meta[property=\"og:title\"]"),
        "Richard Hendriks – Programmer"
    );
    let description = meta("meta[name=\"description\"]");
    assert!(description.starts_with("Programmer. Richard hails from Tulsa."));
    assert_eq!(meta("meta[property=\"og:description\"]"), description);
    let csp = meta("meta[http-equiv=\"Content-Security-Policy\"]");
    assert!(csp.contains("script-src 'none'") && csp.contains("default-src 'none'"));
}

#[test]
fn redaction_reaches_the_metadata_and_json_ld() {
    let bin = assert_cmd::cargo::cargo_bin("resume-export");
    let out = std::process::Command::new(bin)
        .args(["-q", "-f", "html", "--redact", "all", "-o", "-"])
        .arg(root().join("samples/jsonresume-sample.json"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    for secret in [
        "Richard Hendriks",
        "Hendriks",
        "richard.hendriks@mail.com",
        "555-4321",
        "richardhendricks.example.com",
        "neutralthoughts",
        "dandymusicnl",
        "2712 Broadway",
    ] {
        assert!(!html.contains(secret), "{secret} leaks");
    }
    let p = json_ld(&check_html(&html, "redacted"));
    assert_eq!(p["name"], "R. H.");
    assert!(p.get("email").is_none() && p.get("sameAs").is_none());
}

#[test]
fn hostile_text_stays_text() {
    let name = "</script><script>alert(1)</script><img src=x onerror=alert(1)>";
    let resume = json!({
        "basics": {"name": name, "label": "\"><svg onload=x>", "summary": "</style><b>x</b>",
                   "url": "javascript:alert(1)"},
        "work": [{"name": "A & B <i>", "position": "' onmouseover='x",
                  "highlights": ["<a href=\"javascript:x\">y</a>"]}],
        "meta": {"language": "en\" onload=\"x"}
    });
    let html = render(resume.to_string().as_bytes());
    let page = check_html(&html, "hostile");
    assert_eq!(text(&select(&page, "h1")[0]), name);
    assert_eq!(json_ld(&page)["name"], name);
    assert!(html.contains("\\u003c/script\\u003e"));
    // The builder keeps the text of inline HTML and drops the tags.
    assert!(
        select(&page, "ul.bullets li")
            .iter()
            .any(|li| text(li) == "y")
    );
    assert!(html_text(&page).contains("A & B <i>"));
    assert!(!html.contains("href=\"javascript"));
}

#[test]
fn right_to_left_and_cjk_pages_say_so() {
    let page = |lang: &str, name: &str| {
        render(
            json!({"basics": {"name": name, "label": name}, "meta": {"language": lang}})
                .to_string()
                .as_bytes(),
        )
    };
    let ar = page("ar", "ليلى حداد");
    assert!(ar.contains("<html lang=\"ar\" dir=\"rtl\">"), "{ar}");
    assert!(ar.contains("\"Noto Naskh Arabic\""));
    let he = page("he", "דנה כהן");
    assert!(he.contains("<html lang=\"he\" dir=\"rtl\">"));
    let ja = page("ja", "山田太郎");
    assert!(ja.contains("<html lang=\"ja\" dir=\"ltr\">"));
    assert!(ja.contains("--font-body: \"Noto Serif\", \"Cambria\", \"Georgia\", \"Times New Roman\", \"Noto Serif CJK JP\""));
    let ko = page("ko", "김민준");
    assert!(ko.contains("\"Noto Serif CJK KR\""));
}

#[test]
fn print_takes_the_layouts_page_and_paper() {
    let compact = Layout::builtin("compact").unwrap();
    let html = render_with(&sample(), &compact, &RenderOptions::default());
    assert!(html.contains("@page {\n  size: A4;\n  margin: 11mm 13mm 11mm 13mm;\n}"));
    let letter = RenderOptions {
        paper: Some(Paper::Letter),
        ..RenderOptions::default()
    };
    let html = render_with(&sample(), &compact, &letter);
    assert!(html.contains("size: letter;"));
    assert!(html.contains("break-inside: avoid") && html.contains("break-after: avoid"));
}

#[test]
fn a_layout_folder_changes_the_stylesheet_and_the_dark_colours() {
    let layout = Layout::from_source(Source {
        name: "mine".into(),
        files: vec![
            (
                "layout.toml".into(),
                "extends = \"modern\"\n[colors.dark]\naccent = \"#ffcc00\"\n".into(),
            ),
            (
                "html.css".into(),
                "h1 { color: var(--accent); } </style>".into(),
            ),
        ],
    })
    .unwrap();
    let html = render_with(&sample(), &layout, &RenderOptions::default());
    check_html(&html, "override");
    assert!(html.contains("h1 { color: var(--accent); } <\\/style>"));
    assert!(!html.contains("Bullets: the layout's mark"));
    let dark = html
        .split("@media screen and (prefers-color-scheme: dark)")
        .nth(1)
        .unwrap();
    assert!(dark.contains("--accent: #ffcc00;"));
    // Unset dark keys come from modern's scheme.
    assert!(dark.contains("--background: #10191b;"));

    let bad = Layout::from_source(Source {
        name: "bad".into(),
        files: vec![(
            "layout.toml".into(),
            "[colors.dark]\nbackgrund = \"#000000\"\n".into(),
        )],
    })
    .unwrap_err()
    .to_string();
    assert!(
        bad.contains("unknown field `backgrund`") && bad.contains("bad/layout.toml:2:1"),
        "{bad}"
    );
}

#[test]
fn every_corpus_file_gives_a_clean_page() {
    for input in common::all_inputs() {
        let html = render(&std::fs::read(&input).unwrap());
        check_html(&html, &input.display().to_string());
    }
}

/// The page of `sample` in the built-in `layout`.
fn in_layout(layout: &str, sample: &str) -> (String, Html) {
    let json = std::fs::read(root().join("samples").join(sample)).unwrap();
    let page = render_with(
        &json,
        &Layout::builtin(layout).unwrap(),
        &RenderOptions::default(),
    );
    let parsed = check_html(&page, layout);
    (page, parsed)
}

#[test]
fn a_sidebar_is_a_grid_read_in_the_plans_order() {
    let (page, html) = in_layout("sidebar", "alex-rn.json");
    assert!(
        page.contains("main.columns { display: grid; grid-template-columns: 64mm minmax(0, 1fr)")
    );
    assert!(page.contains("print-color-adjust: exact"));
    assert!(
        page.contains("--sidebar: #edf3f2;"),
        "the tint, and its dark twin"
    );
    assert!(page.contains("--sidebar: #15262a;"));
    // The sidebar (start side) comes first, holding the contacts and its sections.
    let columns = select(&html, "main.columns > div");
    let classes: Vec<_> = columns
        .iter()
        .map(|c| c.value().attr("class").unwrap())
        .collect();
    assert_eq!(classes, ["sidebar", "main"]);
    assert_eq!(select(&html, ".resume-header address").len(), 0);
    assert_eq!(select(&html, ".sidebar address li").len(), 4);
    let side: Vec<_> = select(&html, ".sidebar section")
        .iter()
        .map(|s| s.value().id().unwrap().to_string())
        .collect();
    assert_eq!(side, ["skills", "education"]);
    let main: Vec<_> = select(&html, ".main section")
        .iter()
        .map(|s| s.value().id().unwrap().to_string())
        .collect();
    assert_eq!(main, ["summary", "work", "publications"]);
    // Right to left: still first in the document, on the inline start (the right).
    let mut json: Value =
        serde_json::from_slice(&std::fs::read(root().join("samples/alex-rn.json")).unwrap())
            .unwrap();
    json["meta"] = json!({"language": "ar"});
    let page = render_with(
        &serde_json::to_vec(&json).unwrap(),
        &Layout::builtin("sidebar").unwrap(),
        &RenderOptions::default(),
    );
    assert!(page.contains("dir=\"rtl\""));
    let html = check_html(&page, "sidebar rtl");
    let first = select(&html, "main.columns > div")[0]
        .value()
        .attr("class")
        .unwrap()
        .to_string();
    assert_eq!(first, "sidebar");
}

#[test]
fn contacts_with_icons_are_inline_svg_hidden_from_readers() {
    let (page, html) = in_layout("banner", "alex-rn.json");
    let icons = select(&html, ".contacts li svg.icon");
    assert_eq!(icons.len(), select(&html, ".contacts li").len());
    for svg in &icons {
        assert_eq!(svg.value().attr("aria-hidden"), Some("true"));
        assert_eq!(svg.value().attr("focusable"), Some("false"));
        assert!(
            svg.value()
                .attr("viewBox")
                .or(svg.value().attr("viewbox"))
                .is_some_and(|v| v.ends_with(" 512"))
        );
    }
    assert!(page.contains("fill=\"currentColor\""));
    assert!(page.contains("color: var(--accent)"), "icons in the accent");
    // The icons add no text.
    let contact = text(&select(&html, ".contacts li")[0]);
    assert!(!contact.is_empty() && !contact.contains("svg"));
    // The band: the header's class, its colours light and dark.
    assert_eq!(select(&html, "header.resume-header.band").len(), 1);
    assert!(page.contains("--band: #1d4e89;") && page.contains("--band-text: #ffffff;"));
    assert!(page.contains("--band: #17375e;"));
    // Separators (classic): no icon.
    let (page, _) = in_layout("classic", "alex-rn.json");
    assert!(!page.contains("<svg"));
}

#[test]
fn headings_follow_the_heading_keys() {
    let (page, _) = in_layout("banner", "alex-rn.json");
    assert!(
        page.contains("h2::after { content: \"\"; flex: 1; border-bottom"),
        "rule-after"
    );
    let (page, _) = in_layout("timeline", "alex-rn.json");
    assert!(
        page.contains("section > h2::before") && page.contains("width: calc(var(--gutter)"),
        "a bar across the gutter"
    );
    let (page, _) = in_layout("engineering", "alex-rn.json");
    assert!(page.contains("font-variant-caps: small-caps"));
    let (page, _) = in_layout("harvard", "alex-rn.json");
    assert!(page.contains("h2 { text-align: center; }"));
    let (page, _) = in_layout("classic", "alex-rn.json");
    assert!(!page.contains("font-variant-caps") && !page.contains("h2::after"));
}

#[test]
fn entries_follow_the_entry_keys() {
    // Stacked, organisation first: the organisation leads the heading, the location beside it.
    let (page, html) = in_layout("engineering", "alex-rn.json");
    let head = select(&html, ".entry-head.stacked");
    assert!(!head.is_empty());
    let spans: Vec<_> = select(&html, ".entry-head.stacked h3 > span:not(.sep)")
        .iter()
        .take(2)
        .map(|s| s.value().attr("class").unwrap().to_string())
        .collect();
    assert_eq!(spans, ["org", "title"]);
    assert!(!select(&html, ".entry-head.stacked > .location").is_empty());
    assert!(page.contains(".entry-head.stacked .dates { grid-column: 2; grid-row: 2;"));
    // Gutter: the dates in a column at the start.
    let (page, _) = in_layout("timeline", "alex-rn.json");
    assert!(page.contains("--gutter: 36mm;"));
    assert!(page.contains("inset-inline-start: calc(-1 * var(--gutter))"));
    // Split header: contacts one per line at the end.
    assert!(page.contains("class=\"resume-header split\""));
    assert!(page.contains(".resume-header.split .contacts li { display: block;"));
}
