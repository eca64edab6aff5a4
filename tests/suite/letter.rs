//! Cover letters through the binary: the input forms, every layout and format, 38 languages, bad input, the application (letter then resume), `check` reading a letter back, and golden files.

use crate::common;
use crate::pdf_dump;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use assert_cmd::cargo::CommandCargoExt;

/// 2025-12-06, for dates the letters do not give.
const EPOCH: &str = "1765000000";

fn letters() -> PathBuf {
    common::root().join("samples/letters")
}

fn run(args: &[&str], dir: &Path) -> Output {
    Command::cargo_bin("resume-export")
        .unwrap()
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .unwrap()
}

fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Renders `letter` with `layout` to every format in a fresh folder.
fn render_all(letter: &Path, layout: &str, extra: &[&str]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec![
        letter.to_str().unwrap(),
        "-f",
        "all",
        "-l",
        layout,
        "-d",
        dir.path().to_str().unwrap(),
    ];
    args.extend(extra);
    let out = run(&args, dir.path());
    ok(&out);
    let stem = letter.file_stem().unwrap().to_string_lossy().into_owned();
    (dir, stem)
}

fn docx_xml(bytes: &[u8], part: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name(part).unwrap().read_to_string(&mut xml).unwrap();
    xml
}

/// The text of a `document.xml`: its `w:t` runs, a paragraph a line.
fn docx_text(xml: &str) -> String {
    let mut out = String::new();
    for piece in xml.split('<').skip(1) {
        if piece.starts_with("/w:p>") {
            out.push('\n');
        } else if (piece.starts_with("w:t>") || piece.starts_with("w:t "))
            && let Some((_, text)) = piece.split_once('>')
        {
            out.push_str(
                &text
                    .replace("&amp;", "&")
                    .replace("&apos;", "'")
                    .replace("&quot;", "\""),
            );
        }
    }
    out
}

/// The words of `s`, letters and digits only, lower case (for text a PDF or
/// a wrapped line may hyphenate or break).
fn loose(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

const BODY_EN: &[&str] = &[
    "I am writing to apply for the Senior Software Engineer position on your platform team.",
    "cut the p99 latency of our scheduling service by 40 percent;",
    "Northwind's work on open clinical data is why I want to join you.",
];

#[test]
fn every_layout_draws_the_letter_in_every_format_under_the_resumes_header() {
    let letter = letters().join("letter-en.md");
    for (layout, _) in resume_export::layout::Layout::builtins() {
        let (dir, stem) = render_all(&letter, layout, &[]);
        let read = |ext: &str| std::fs::read(dir.path().join(format!("{stem}.{ext}"))).unwrap();
        let pdf = pdf_dump::dump(&read("pdf")).text();
        let docx = docx_text(&docx_xml(&read("docx"), "word/document.xml"));
        let html = String::from_utf8(read("html")).unwrap();
        let html_text = common::html_text(&common::check_html(&html, layout));
        let md = common::unescape_markdown(&String::from_utf8(read("md")).unwrap());
        let txt = String::from_utf8(read("txt")).unwrap();
        for (format, text) in [
            ("pdf", &pdf),
            ("docx", &docx),
            ("html", &html_text),
            ("md", &md),
            ("txt", &txt),
        ] {
            let text = loose(text);
            for needle in BODY_EN.iter().chain(&[
                "Alex RN",
                "Dr. Maria Chen",
                "Northwind Health",
                "December 6, 2026",
                "Dear Dr. Chen,",
                "Kind regards,",
            ]) {
                assert!(text.contains(&loose(needle)), "{layout} {format}: {needle}");
            }
        }
        // The header is the resume's: its contacts, in the layout's look.
        assert!(html.contains("flows.cv"), "{layout}");
        assert!(html.contains("<time datetime=\"2026-12-06\">"), "{layout}");
        common::check_html(&html, layout);
        common::check_markdown(&String::from_utf8(read("md")).unwrap(), layout);
        common::check_text(&txt, 80, layout);
    }
}

#[test]
fn json_yaml_and_toml_letters_read_as_the_markdown_one() {
    let dir = tempfile::tempdir().unwrap();
    let resume = common::root().join("samples/alex-rn.json");
    let resume = resume.to_str().unwrap();
    let body = "I am writing to apply.\n\n- one\n- two";
    let json = serde_json::json!({
        "resume": resume,
        "recipient": {"name": "Dr. Maria Chen", "organisation": "Northwind Health"},
        "date": "2026-12-06",
        "subject": "Application",
        "body": body
    });
    let files = [
        ("l.json", serde_json::to_string(&json).unwrap()),
        ("l.yaml", serde_yaml_ng::to_string(&json).unwrap()),
        (
            "l.toml",
            format!(
                "resume = {resume:?}\ndate = 2026-12-06\nsubject = \"Application\"\nbody = \"\"\"\n{body}\n\"\"\"\n\n[recipient]\nname = \"Dr. Maria Chen\"\norganisation = \"Northwind Health\"\n"
            ),
        ),
        (
            "l.md",
            format!(
                "---\nresume: {resume}\nrecipient:\n  name: Dr. Maria Chen\n  organisation: Northwind Health\ndate: 2026-12-06\nsubject: Application\n---\n{body}\n"
            ),
        ),
    ];
    let mut outputs = Vec::new();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
        let out = run(&[name, "-f", "txt", "-o", "-"], dir.path());
        ok(&out);
        outputs.push(String::from_utf8(out.stdout).unwrap());
    }
    assert!(
        outputs[0].contains("Dear Hiring Manager,") && outputs[0].contains("- two"),
        "{}",
        outputs[0]
    );
    for o in &outputs[1..] {
        assert_eq!(o, &outputs[0]);
    }
}

#[test]
fn the_date_defaults_to_source_date_epoch_and_every_language_has_its_words() {
    let dir = tempfile::tempdir().unwrap();
    let resume = common::root().join("samples/alex-rn.json");
    std::fs::write(
        dir.path().join("l.md"),
        format!(
            "---\nresume: {}\nsubject: S\n---\nBody text.\n",
            resume.display()
        ),
    )
    .unwrap();
    let en = run(&["l.md", "-f", "txt", "-o", "-"], dir.path());
    ok(&en);
    let en = String::from_utf8(en.stdout).unwrap();
    assert!(
        en.contains("December 6, 2025")
            && en.contains("Dear Hiring Manager,")
            && en.contains("Sincerely,"),
        "{en}"
    );
    let expected = [
        ("de", "6. Dezember 2025", "Sehr geehrte Damen und Herren,"),
        ("fr", "6 décembre 2025", "Madame, Monsieur,"),
        ("pl", "6 grudnia 2025", "Szanowni Państwo,"),
        ("ja", "2025年12月6日", "拝啓"),
        ("ar", "6 ديسمبر 2025", "السادة المحترمون،"),
    ];
    for (lang, date, greeting) in expected {
        let out = run(
            &["l.md", "-f", "txt", "-o", "-", "--lang", lang],
            dir.path(),
        );
        ok(&out);
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains(date) && text.contains(greeting),
            "{lang}: {text}"
        );
    }
    // Every built-in language: its own date line and words, and right to
    // left where the language is written so.
    for lang in resume_export::document::Labels::builtin_codes() {
        let out = run(
            &["l.md", "-f", "html", "-o", "-", "--lang", lang],
            dir.path(),
        );
        ok(&out);
        let html = String::from_utf8(out.stdout).unwrap();
        let (greeting, closing, _) = resume_export::document::letter_words(lang);
        assert!(
            html.contains(&escape(greeting)) && html.contains(&escape(closing)),
            "{lang}"
        );
        assert!(html.contains("<time datetime=\"2025-12-06\">"), "{lang}");
        let rtl = ["ar", "he", "fa", "ur"].contains(&lang);
        assert_eq!(html.contains("dir=\"rtl\""), rtl, "{lang}");
        if lang != "en" {
            assert!(
                !html.contains("December"),
                "{lang}: the date is in the language"
            );
        }
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\'', "&#39;")
        .replace('"', "&quot;")
}

#[test]
fn bad_letters_are_errors_naming_the_file_and_line_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let resume = common::root().join("samples/alex-rn.json");
    let resume = resume.display();
    let out_dir = dir.path().join("out");
    let cases = [
        (
            "nobody.md",
            format!("---\nresume: {resume}\ngreeting: Hi\n---\n\n"),
            "nobody.md:5",
            "no body",
        ),
        (
            "noresume.md",
            "---\nsubject: S\nresume: missing.json\n---\nText.\n".to_string(),
            "noresume.md:3",
            "missing.json",
        ),
        (
            "broken.md",
            format!("---\nresume: {resume}\nrecipient: [a,\n  b: c\n---\nText.\n"),
            "broken.md:",
            "front matter",
        ),
        (
            "badfield.md",
            format!("---\nresume: {resume}\ndate: 6 Dec\nsubject: S\n---\nText.\n"),
            "badfield.md",
            "date",
        ),
    ];
    for (name, text, at, what) in cases {
        std::fs::write(dir.path().join(name), text).unwrap();
        let out = run(
            &[name, "-f", "all", "-d", out_dir.to_str().unwrap()],
            dir.path(),
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{name}");
        assert!(err.contains(at) && err.contains(what), "{name}: {err}");
        assert!(!out_dir.exists(), "{name}: nothing written");
    }
    // The line and column of a front-matter syntax error are the file's.
    let out = run(&["broken.md"], dir.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("broken.md:5:1: invalid YAML: front matter"),
        "{err}"
    );
    // An unknown field is a warning with its path; the letter is written.
    std::fs::write(
        dir.path().join("extra.md"),
        format!(
            "---\nresume: {resume}\nrecipient:\n  name: A\n  fax: 123\nsalary: 1\n---\nText.\n"
        ),
    )
    .unwrap();
    let out = run(&["extra.md", "-f", "txt", "-o", "-"], dir.path());
    ok(&out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("recipient.fax: unknown field") && err.contains("salary: unknown field"),
        "{err}"
    );
}

#[test]
fn schema_and_init_for_letters() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["schema", "--letter"], dir.path());
    ok(&out);
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "recipient",
        "date",
        "subject",
        "greeting",
        "closing",
        "signature",
        "language",
        "resume",
        "body",
    ] {
        assert!(schema["properties"][key].is_object(), "{key}");
    }
    ok(&run(&["init", "--letter"], dir.path()));
    let starter = std::fs::read_to_string(dir.path().join("letter.md")).unwrap();
    assert!(starter.starts_with("---\n") && starter.contains("recipient:"));
    // Never replaces a file.
    assert!(!run(&["init", "--letter"], dir.path()).status.success());
    // The starter renders once its resume is there.
    std::fs::copy(
        common::root().join("samples/alex-rn.json"),
        dir.path().join("resume.json"),
    )
    .unwrap();
    let out = run(&["letter.md", "-f", "txt", "-o", "-"], dir.path());
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Example Corp"));
}

#[test]
fn resume_option_overrides_the_letters_own() {
    let dir = tempfile::tempdir().unwrap();
    let letter = letters().join("letter-en.md");
    let other = common::root().join("samples/jsonresume-sample.json");
    let out = run(
        &[
            letter.to_str().unwrap(),
            "--resume",
            other.to_str().unwrap(),
            "-f",
            "txt",
            "-o",
            "-",
        ],
        dir.path(),
    );
    ok(&out);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Richard Hendriks") && !text.contains("Alex RN"),
        "{text}"
    );
}

/// `--letter` with a resume: one PDF and one DOCX holding both.
fn application(format: &str, extra: &[&str]) -> (tempfile::TempDir, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(format!("application.{format}"));
    let letter = letters().join("anschreiben-de.md");
    let resume = common::root().join("samples/lebenslauf-de.json");
    let mut args = vec![
        "--letter",
        letter.to_str().unwrap(),
        "-f",
        format,
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    args.push(resume.to_str().unwrap());
    let run = run(&args, dir.path());
    ok(&run);
    let bytes = std::fs::read(&out).unwrap();
    (dir, bytes)
}

/// The outline's titles under `node`, indented by level.
pub(crate) fn outline(
    doc: &lopdf::Document,
    node: lopdf::ObjectId,
    level: usize,
    out: &mut Vec<String>,
) {
    let dict = doc.get_dictionary(node).unwrap();
    let mut next = dict.get(b"First").ok().and_then(|f| f.as_reference().ok());
    while let Some(id) = next {
        let item = doc.get_dictionary(id).unwrap();
        let title = match item.get(b"Title").unwrap() {
            lopdf::Object::String(bytes, _) => {
                if bytes.starts_with(&[0xFE, 0xFF]) {
                    let units: Vec<u16> = bytes[2..]
                        .chunks(2)
                        .map(|c| u16::from_be_bytes([c[0], c[1]]))
                        .collect();
                    String::from_utf16_lossy(&units)
                } else {
                    String::from_utf8_lossy(bytes).into_owned()
                }
            }
            other => format!("{other:?}"),
        };
        out.push(format!("{}{title}", "  ".repeat(level)));
        outline(doc, id, level + 1, out);
        next = item.get(b"Next").ok().and_then(|n| n.as_reference().ok());
    }
}

#[test]
fn an_application_is_one_pdf_with_an_outline_entry_for_each() {
    let brand = common::root().join("samples/brand");
    let (_dir, bytes) = application("pdf", &["--brand", brand.to_str().unwrap(), "--ref", "R-7"]);
    let dump = pdf_dump::dump(&bytes);
    assert!(dump.pages.len() >= 2, "the resume starts on a new page");
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let mut lines = Vec::new();
    let root = doc
        .catalog()
        .unwrap()
        .get(b"Outlines")
        .unwrap()
        .as_reference()
        .unwrap();
    outline(&doc, root, 0, &mut lines);
    let outline = lines.join("\n");
    assert_eq!(
        lines.first().map(String::as_str),
        Some("Anschreiben"),
        "{outline}"
    );
    assert!(lines.contains(&"Lebenslauf".to_string()), "{outline}");
    // The resume's sections are under its own entry, one level down.
    assert!(
        lines.contains(&"  Berufserfahrung".to_string()),
        "{outline}"
    );
    // The letterhead on the letter's page and on the resume's first page.
    let page = |k: usize| {
        dump.pages[k]
            .iter()
            .map(|r| r.text.clone())
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(
        page(0).contains("Northlight Talent Partners"),
        "{}",
        page(0)
    );
    assert!(
        page(1).contains("Northlight Talent Partners"),
        "{}",
        page(1)
    );
    assert!(loose(&page(0)).contains(&loose("Über eine Einladung zu einem persönlichen Gespräch")));
}

#[test]
fn an_application_is_one_html_page_with_the_letter_in_a_region_of_its_own() {
    let brand = common::root().join("samples/brand");
    for layout in ["classic", "sidebar"] {
        let (_dir, bytes) =
            application("html", &["-l", layout, "--brand", brand.to_str().unwrap()]);
        let html = String::from_utf8(bytes).unwrap();
        // One header (the sender's), one <main> (the resume's); the letter
        // is a region named by its title.
        let page = common::check_html(&html, layout);
        let region =
            scraper::Selector::parse("section.cover-letter[aria-label=\"Anschreiben\"]").unwrap();
        let letter = page.select(&region).next().expect("the letter's region");
        let text: String = letter.text().collect();
        assert!(
            text.contains("Sehr geehrte Damen und Herren,"),
            "{layout}: {text}"
        );
        assert!(
            !text.contains("Berufserfahrung"),
            "{layout}: the resume is after it"
        );
        let main = scraper::Selector::parse("main").unwrap();
        let resume: String = page.select(&main).next().unwrap().text().collect();
        assert!(resume.contains("Berufserfahrung"), "{layout}");
        let at = |s: &str| html.find(s).unwrap();
        assert!(
            at("<header") < at("<section class=\"cover-letter")
                && at("cover-letter\"") < at("<main"),
            "{layout}: header, letter, resume"
        );
        assert_eq!(
            html.matches("<aside").count(),
            1,
            "{layout}: one letterhead"
        );
        assert!(
            html.contains(".cover-letter { break-after: page; }"),
            "{layout}"
        );
    }
}

#[test]
fn an_application_is_one_docx_with_a_section_each_and_redaction_covers_both() {
    let (_dir, bytes) = application("docx", &["--redact", "contact"]);
    let xml = docx_xml(&bytes, "word/document.xml");
    assert_eq!(xml.matches("<w:sectPr").count(), 2, "a section each");
    let text = docx_text(&xml);
    assert!(
        text.contains("Sehr geehrte Damen und Herren,") && text.contains("Berufserfahrung"),
        "{text}"
    );
    assert!(!text.contains("lena.vogel@example.com"), "redacted in both");
    let (_dir, pdf) = application("pdf", &["--redact", "all"]);
    let text = pdf_dump::dump(&pdf).text();
    assert!(
        !text.contains("lena.vogel@example.com") && !text.contains("Lena Vogel"),
        "{text}"
    );
    assert!(
        text.contains("L. V."),
        "the name is initials in both: {text}"
    );
}

/// Golden files: three letters (one right to left) in two layouts, every
/// format (the PDF as a text dump, the DOCX as its document part), in
/// `tests/golden/letters/<layout>/`. `UPDATE_GOLDEN=1 cargo test --test suite letter::` rewrites them.
#[test]
fn letters_match_their_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for layout in ["classic", "banner"] {
        let golden = common::root().join("tests/golden/letters").join(layout);
        for name in ["letter-en", "anschreiben-de", "letter-ar"] {
            let (dir, stem) = render_all(&letters().join(format!("{name}.md")), layout, &[]);
            for ext in ["pdf", "docx", "html", "md", "txt"] {
                let bytes = std::fs::read(dir.path().join(format!("{stem}.{ext}"))).unwrap();
                let (file, text) = match ext {
                    "pdf" => (format!("{stem}.pdf.txt"), pdf_dump::dump(&bytes).golden()),
                    "docx" => (
                        format!("{stem}.docx.xml"),
                        docx_xml(&bytes, "word/document.xml").replace("><", ">\n<"),
                    ),
                    _ => (format!("{stem}.{ext}"), String::from_utf8(bytes).unwrap()),
                };
                let path = golden.join(&file);
                if update {
                    std::fs::create_dir_all(&golden).unwrap();
                    std::fs::write(&path, &text).unwrap();
                } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                    stale.push(path.display().to_string());
                }
            }
        }
    }
    assert!(
        stale.is_empty(),
        "differ (review, then UPDATE_GOLDEN=1 cargo test --test suite letter::): {stale:?}"
    );
}

/// `check --against LETTER` reads our own letter PDF and DOCX back: every
/// sentence of the body (and the recipient, date, subject, greeting and
/// closing) is found, in each of the three languages.
#[test]
fn check_reads_every_sentence_of_our_letters_back() {
    for name in ["letter-en", "anschreiben-de", "letter-ar"] {
        let letter = letters().join(format!("{name}.md"));
        let (dir, stem) = render_all(&letter, "classic", &[]);
        for ext in ["pdf", "docx"] {
            if name == "letter-ar" && ext == "pdf" {
                // `check` reads right-to-left PDF text in visual order, a
                // resume's as a letter's (0 of 5 facts of
                // tests/fixtures/rtl/arabic.json): not a letter's matter.
                continue;
            }
            let file = dir.path().join(format!("{stem}.{ext}"));
            let out = run(
                &[
                    "check",
                    "--json",
                    "--against",
                    letter.to_str().unwrap(),
                    file.to_str().unwrap(),
                ],
                dir.path(),
            );
            let json: serde_json::Value = serde_json::from_slice(&out.stdout)
                .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
            let against = &json["files"][0]["against"];
            let sentences = against["total"].as_u64().unwrap();
            assert!(sentences >= 8, "{name} {ext}: {against}");
            assert_eq!(
                against["recall"].as_f64(),
                Some(1.0),
                "{name} {ext}: {against}"
            );
        }
    }
}

/// A `serve` process on an ephemeral port, killed when dropped.
struct Server(std::process::Child, String);

impl Server {
    fn start() -> Server {
        use std::io::BufRead;
        let mut child = Command::new(env!("CARGO_BIN_EXE_resume-export"))
            .args(["serve", "--bind", "127.0.0.1:0"])
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .env_remove("RESUME_EXPORT_INJECT")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let mut lines = std::io::BufReader::new(stderr).lines();
        let mut address = String::new();
        for line in lines.by_ref() {
            let v: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
            if v["event"] == "listening" {
                address = v["address"].as_str().unwrap().to_string();
                break;
            }
        }
        std::thread::spawn(move || lines.for_each(drop));
        Server(child, address)
    }

    fn post(&self, query: &str, body: &[u8]) -> (u16, Vec<u8>) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut answer = agent
            .post(format!("{}/v1/render{query}", self.1))
            .send(body)
            .unwrap();
        let status = answer.status().as_u16();
        (status, answer.body_mut().read_to_vec().unwrap())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn the_server_renders_letters_with_the_command_lines_bytes() {
    let server = Server::start();
    let letter = std::fs::read_to_string(letters().join("letter-en.md")).unwrap();
    let resume_path = common::root().join("samples/alex-rn.json");
    let resume: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&resume_path).unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for format in ["pdf", "docx", "txt"] {
        // The application: the letter then the resume.
        let body = serde_json::json!({ "letter": letter, "resume": resume });
        let (status, served) =
            server.post(&format!("?format={format}"), body.to_string().as_bytes());
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&served));
        let out = dir.path().join(format!("app.{format}"));
        ok(&run(
            &[
                "--letter",
                letters().join("letter-en.md").to_str().unwrap(),
                "-f",
                format,
                "-o",
                out.to_str().unwrap(),
                resume_path.to_str().unwrap(),
            ],
            dir.path(),
        ));
        assert!(
            served == std::fs::read(&out).unwrap(),
            "{format}: the application's bytes"
        );
        // The letter alone under the resume's header.
        let body = serde_json::json!({ "letter": letter, "resume": resume, "application": false });
        let (status, served) =
            server.post(&format!("?format={format}"), body.to_string().as_bytes());
        assert_eq!(status, 200);
        let out = dir.path().join(format!("letter.{format}"));
        ok(&run(
            &[
                letters().join("letter-en.md").to_str().unwrap(),
                "-f",
                format,
                "-o",
                out.to_str().unwrap(),
            ],
            dir.path(),
        ));
        assert!(
            served == std::fs::read(&out).unwrap(),
            "{format}: the letter's bytes"
        );
    }
    // A letter alone (no resume): rendered, without a sender block.
    let (status, served) = server.post("?format=txt", letter.as_bytes());
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&served).contains("Dear Dr. Chen,"));
    // An application's letter as a string is Markdown text, even when its
    // first line reads like a YAML key ("Re: …"; schemathesis sent "ü:").
    let body =
        serde_json::json!({ "letter": "Re: the backend role\n\nDear team,", "resume": resume });
    let (status, served) = server.post("?format=txt", body.to_string().as_bytes());
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&served));
    assert!(String::from_utf8_lossy(&served).contains("Re: the backend role"));
    // A bad letter: 422 naming the problem.
    let (status, served) = server.post("?format=txt", b"---\nsubject: S\n---\n   \n");
    assert_eq!(status, 422, "{}", String::from_utf8_lossy(&served));
    assert!(String::from_utf8_lossy(&served).contains("no body"));
    // OpenAPI describes it.
    let agent: ureq::Agent = ureq::Agent::config_builder().build().into();
    let spec: serde_json::Value = serde_json::from_slice(
        &agent
            .get(format!("{}/v1/openapi.json", server.1))
            .call()
            .unwrap()
            .body_mut()
            .read_to_vec()
            .unwrap(),
    )
    .unwrap();
    assert!(spec["components"]["schemas"]["Letter"]["properties"]["recipient"].is_object());
    let body = &spec["paths"]["/v1/render"]["post"]["requestBody"];
    assert!(
        body.to_string()
            .contains("#/components/schemas/Application"),
        "{body}"
    );
}
