//! Markdown resumes as input: our own output read back (bytes equal), the common
//! conventions (fixtures with the facts they must give), the one-line seed, and
//! `convert`, `validate --strict`, `init --from` and standard input with Markdown.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use proptest::prelude::*;
use proptest::sample::select;
use resume_export::backend::{self, RenderOptions};
use resume_export::document::{BuildOptions, build};
use resume_export::layout::Layout;
use resume_export::resume::{ReadOptions, Syntax, read_value, syntax};
use serde_json::{Value, json};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_resume-export"))
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> (bool, Vec<u8>, String) {
    use std::io::Write;
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    if let Some(input) = stdin
        && let Some(mut s) = child.stdin.take()
    {
        s.write_all(input).expect("stdin");
    }
    let out = child.wait_with_output().expect("waits");
    (
        out.status.success(),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn fixture(name: &str) -> PathBuf {
    common::root().join("tests/fixtures/markdown").join(name)
}

/// `convert` of a file: (JSON Resume, stderr).
fn convert(path: &Path) -> (Value, String) {
    let (ok, out, err) = run(&["convert", &path.to_string_lossy()], None);
    assert!(ok, "{}: {err}", path.display());
    (serde_json::from_slice(&out).expect("JSON"), err)
}

/// Markdown of a file through the binary.
fn md_of(path: &Path, dir: &Path, extra: &[&str]) -> Vec<u8> {
    let out = dir.join(format!(
        "{}.md",
        path.file_stem().unwrap_or_default().to_string_lossy()
    ));
    let _ = std::fs::remove_file(&out);
    let mut args = vec!["-q", "-f", "md", "-o"];
    let o = out.to_string_lossy().to_string();
    args.push(&o);
    args.extend_from_slice(extra);
    let p = path.to_string_lossy().to_string();
    args.push(&p);
    let (ok, _, err) = run(&args, None);
    assert!(ok, "{}: {err}", path.display());
    std::fs::read(&out).expect("written")
}

/// The one junk file whose contact line our reader cannot place: `sjkfdl · 1 · 1, 1`
/// (an e-mail, a phone and a place, none valid) with no other sign of our own form.
const KNOWN_UNPLACEABLE: &[&str] = &["10-resume-cli-aresume-wrong-types"];

/// md(read(md(R))) == md(R), through the binary, for each layout and for languages
/// whose words the reader must recognise (the second export is given no --lang).
fn round_trip(files: &[PathBuf]) {
    let tmp = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (layout, lang) in [
        ("classic", None),
        ("modern", Some("de")),
        ("compact", Some("ja")),
        ("classic", Some("ar")),
    ] {
        for f in files {
            let stem = f
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            if KNOWN_UNPLACEABLE.contains(&stem.as_str()) {
                continue;
            }
            let first_dir = tmp.path().join("1");
            let second_dir = tmp.path().join("2");
            std::fs::create_dir_all(&first_dir).unwrap();
            std::fs::create_dir_all(&second_dir).unwrap();
            let mut args = vec!["-l", layout];
            if let Some(l) = lang {
                args.extend(["--lang", l]);
            }
            let first = md_of(f, &first_dir, &args);
            let md_path = first_dir.join(format!("{stem}.md"));
            let second = md_of(&md_path, &second_dir, &["-l", layout]);
            checked += 1;
            if first != second {
                failures.push(format!("{stem} ({layout}, {lang:?})"));
            }
        }
    }
    eprintln!(
        "markdown round trip: {checked} checked, {} differ",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "md(read(md(R))) != md(R): {failures:?}"
    );
}

#[test]
fn our_markdown_reads_back_to_the_same_bytes_for_the_samples() {
    round_trip(&common::samples());
}

#[test]
fn our_markdown_reads_back_to_the_same_bytes_for_the_corpus() {
    let files = common::corpus_real();
    if files.is_empty() {
        return;
    }
    round_trip(&files);
}

#[test]
fn common_forms_give_their_facts() {
    let (v, _) = convert(&fixture("common-forms.md"));
    let b = &v["basics"];
    assert_eq!(b["name"], "Maria Gonzalez");
    assert_eq!(b["label"], "Senior Backend Engineer");
    assert_eq!(b["email"], "maria@example.org");
    assert_eq!(b["phone"], "+34 600 123 456");
    assert_eq!(b["location"]["city"], "Madrid");
    assert!(b["summary"].as_str().unwrap().contains("ten years"));
    let profiles = b["profiles"].to_string();
    assert!(
        profiles.contains("https://github.com/mgonzalez"),
        "{profiles}"
    );
    assert!(
        profiles.contains("https://www.linkedin.com/in/mgonzalez"),
        "{profiles}"
    );
    let w = &v["work"];
    assert_eq!(
        (
            &w[0]["position"],
            &w[0]["name"],
            &w[0]["location"],
            &w[0]["startDate"]
        ),
        (
            &json!("Staff Engineer"),
            &json!("Cabify"),
            &json!("Madrid"),
            &json!("2021-01")
        )
    );
    assert!(w[0].get("endDate").is_none());
    assert_eq!(w[0]["summary"], "Leads the payments platform team.");
    assert_eq!(w[0]["highlights"][1], "Moved billing to an event log.");
    assert_eq!(
        (&w[1]["position"], &w[1]["name"]),
        (&json!("Software Engineer"), &json!("Idealista"))
    );
    assert_eq!(
        (&w[1]["startDate"], &w[1]["endDate"]),
        (&json!("2017"), &json!("2020"))
    );
    // `### Company | Title`
    assert_eq!(
        (&w[2]["position"], &w[2]["name"]),
        (&json!("Backend Developer"), &json!("Typeform"))
    );
    assert_eq!(
        (&w[2]["startDate"], &w[2]["location"]),
        (&json!("2014-03"), &json!("Barcelona"))
    );
    let e = &v["education"][0];
    assert_eq!(e["institution"], "Universidad Politécnica de Madrid");
    assert_eq!(
        (&e["studyType"], &e["area"]),
        (&json!("BSc"), &json!("Computer Science"))
    );
    assert_eq!(v["skills"][0]["keywords"], json!(["Go", "Rust", "Python"]));
    assert_eq!(
        v["languages"][1],
        json!({"language": "English", "fluency": "C1"})
    );
    assert_eq!(v["projects"][1]["name"], "Contributor to tokio");
}

#[test]
fn front_matter_and_german_titles() {
    let (v, err) = convert(&fixture("front-matter-de.md"));
    assert_eq!(v["basics"]["email"], "jonas@example.de");
    assert_eq!(v["meta"]["language"], "de");
    assert_eq!(v["work"][0]["startDate"], "2019-03");
    assert_eq!(v["work"][0]["tags"], json!(["backend"]));
    assert_eq!(v["education"][0]["institution"], "TU Berlin");
    assert_eq!(
        v["basics"]["summary"],
        "Entwickler mit Schwerpunkt auf verteilten Systemen."
    );
    // An unknown title is its own section, with a warning naming its line.
    assert_eq!(v["mysterySection"], json!(["Some words here."]));
    assert!(
        err.contains("line 32") && err.contains("Mystery Section"),
        "{err}"
    );
}

#[test]
fn converted_markdown_passes_strict_validation() {
    let tmp = tempfile::tempdir().unwrap();
    for name in ["common-forms.md", "front-matter-de.md"] {
        let out = tmp.path().join(name.replace(".md", ".json"));
        let (ok, _, err) = run(
            &[
                "convert",
                &fixture(name).to_string_lossy(),
                "-o",
                &out.to_string_lossy(),
            ],
            None,
        );
        assert!(ok, "{err}");
        let (ok, stdout, err) = run(&["validate", "--strict", &out.to_string_lossy()], None);
        assert!(ok, "{name}: {} {err}", String::from_utf8_lossy(&stdout));
    }
}

#[test]
fn standard_input_and_init_take_markdown() {
    let md = std::fs::read(fixture("common-forms.md")).unwrap();
    let (ok, out, err) = run(&["convert", "-"], Some(&md));
    assert!(ok, "{err}");
    assert!(err.contains("read as Markdown"), "{err}");
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["basics"]["name"], "Maria Gonzalez");
    let (ok, out, err) = run(
        &["convert", "--from", "markdown", "-"],
        Some(b"# Ana\n\nBerlin\n"),
    );
    assert!(ok, "{err}");
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["basics"]["name"], "Ana");
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("resume.json");
    let (ok, _, err) = run(
        &[
            "init",
            &target.to_string_lossy(),
            "--from",
            &fixture("common-forms.md").to_string_lossy(),
        ],
        None,
    );
    assert!(ok, "{err}");
    let v: Value = serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    assert_eq!(v["work"][0]["name"], "Cabify");
}

/// Every sentence of a text, for "every sentence is kept" checks.
fn sentences(s: &str) -> Vec<String> {
    s.split(". ")
        .map(|x| x.trim().trim_end_matches('.').to_string())
        .filter(|x| x.len() > 3)
        .collect()
}

#[test]
fn the_seed_gives_every_fact_of_the_sample() {
    let Some(dir) = common::seed() else { return };
    let Some(seed) = std::fs::read_dir(&dir).ok().and_then(|rd| {
        rd.filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.is_file())
    }) else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    // As it arrives: one line, a `.txt` name, so Markdown is recognised by its content.
    let copy = tmp.path().join("seed.txt");
    std::fs::copy(&seed, &copy).unwrap();
    let (v, err) = convert(&copy);
    let sample: Value = serde_json::from_slice(
        &std::fs::read(common::root().join("samples/alex-rn.json")).unwrap(),
    )
    .unwrap();
    let all = v.to_string();
    let b = &v["basics"];
    assert_eq!(b["name"], sample["basics"]["name"]);
    assert_eq!(b["label"], sample["basics"]["label"]);
    assert_eq!(b["url"], sample["basics"]["url"]);
    assert_eq!(b["location"]["city"], "Palo Alto");
    assert_eq!(b["location"]["region"], "California");
    for p in sample["basics"]["profiles"].as_array().unwrap() {
        assert!(all.contains(p["url"].as_str().unwrap()), "profile {p}");
    }
    for s in sentences(sample["basics"]["summary"].as_str().unwrap()) {
        assert!(
            b["summary"].as_str().unwrap().contains(&s),
            "summary sentence {s:?}"
        );
    }
    let work = v["work"].as_array().unwrap();
    let expected = sample["work"].as_array().unwrap();
    assert_eq!(work.len(), expected.len());
    for (got, want) in work.iter().zip(expected) {
        for k in ["name", "position", "location", "startDate", "endDate"] {
            assert_eq!(got.get(k), want.get(k), "{k} of {want}");
        }
        let text = format!("{} {}", got["summary"], got["highlights"]);
        for part in want["highlights"]
            .as_array()
            .into_iter()
            .flatten()
            .chain(want.get("summary"))
        {
            for s in sentences(part.as_str().unwrap()) {
                assert!(text.contains(&s), "sentence {s:?} of {}", want["position"]);
            }
        }
    }
    let e = &v["education"][0];
    for k in ["institution", "area", "studyType"] {
        assert_eq!(e[k], sample["education"][0][k], "{k}");
    }
    // The links: every URL the sample names is in the resume.
    for p in sample["publications"].as_array().unwrap() {
        if let Some(u) = p["url"].as_str() {
            assert!(all.contains(u), "link {u}");
        }
    }
    assert_eq!(v["meta"]["canonical"], sample["meta"]["canonical"]);
    assert_eq!(v["meta"]["lastModified"], sample["meta"]["lastModified"]);
    // What was guessed is said.
    assert!(err.contains("arrived on one line"), "{err}");
    assert!(err.contains("assumed the place is `Palo Alto`"), "{err}");
    assert!(err.contains("assumed the degree is"), "{err}");
}

/// Words with the characters our Markdown escapes and the reader must unescape.
fn word() -> BoxedStrategy<String> {
    select(vec![
        "Acme",
        "R&D",
        "C++",
        "C#",
        "snake_case",
        "a*b",
        "[draft]",
        "<tag>",
        "50%",
        "Zürich",
        "東京",
        "Ünïcødé",
        "x|y",
        "~tilde",
        "$5",
        "1.",
        "#1",
        "foo-bar",
        "(beta)",
        "O'Neil",
        "&amp;",
        "back\\slash",
        "`code`",
        "!bang",
        "e-mail",
    ])
    .prop_map(str::to_string)
    .boxed()
}

fn words(max: usize) -> BoxedStrategy<String> {
    prop::collection::vec(word(), 1..=max)
        .prop_map(|w| w.join(" "))
        .boxed()
}

fn date() -> BoxedStrategy<Value> {
    (1990u16..2030, prop::option::of(1u8..=12))
        .prop_map(|(y, m)| match m {
            Some(m) => json!(format!("{y}-{m:02}")),
            None => json!(y.to_string()),
        })
        .boxed()
}

fn position() -> BoxedStrategy<Value> {
    (
        words(3),
        prop::option::of(words(3)),
        prop::option::of(words(2)),
        prop::option::of(date()),
        prop::option::of(date()),
        prop::collection::vec(words(6), 0..3),
        prop::option::of(words(8)),
        prop::collection::vec(word(), 0..3),
    )
        .prop_map(|(name, position, location, start, end, highlights, summary, keywords)| {
            json!({"name": name, "position": position, "location": location, "startDate": start,
                   "endDate": end, "highlights": highlights, "summary": summary, "keywords": keywords})
        })
        .boxed()
}

fn resume() -> BoxedStrategy<Value> {
    (
        words(3),
        prop::option::of(words(3)),
        prop::option::of(words(10)),
        prop::collection::vec(position(), 0..3),
        prop::collection::vec((words(3), words(3), prop::option::of(date())), 0..2),
        prop::collection::vec((words(2), prop::collection::vec(word(), 0..4)), 0..3),
        select(vec!["en", "de", "fr", "ja", "ru", "ar", "pt", "ko"]),
    )
        .prop_map(|(name, label, summary, work, education, skills, lang)| {
            let education: Vec<Value> = education
                .into_iter()
                .map(|(i, a, d)| json!({"institution": i, "area": a, "studyType": "BSc", "endDate": d}))
                .collect();
            let skills: Vec<Value> =
                skills.into_iter().map(|(n, k)| json!({"name": n, "keywords": k})).collect();
            json!({"basics": {"name": name, "label": label, "summary": summary,
                              "email": "a@example.org", "url": "https://example.org/x_y",
                              "profiles": [{"network": "GitHub", "username": "a_b"}]},
                   "work": work, "education": education, "skills": skills,
                   "meta": {"language": lang}})
        })
        .boxed()
}

fn md(bytes: &[u8], syntax: Option<Syntax>) -> String {
    static LAYOUT: std::sync::OnceLock<Layout> = std::sync::OnceLock::new();
    let layout = LAYOUT.get_or_init(|| Layout::builtin("classic").unwrap());
    let (_, value) = syntax::parse(bytes, syntax, &Default::default()).unwrap();
    let parsed = read_value(value, &ReadOptions::default());
    let lang = parsed
        .resume
        .meta
        .language
        .clone()
        .unwrap_or_else(|| "en".into());
    let options = BuildOptions {
        labels: resume_export::document::Labels::builtin(&lang).unwrap_or_default(),
        ..layout.build_options()
    };
    let doc = build(&parsed.resume, &options);
    let bytes = backend::find("md")
        .unwrap()
        .render(&doc, layout, &RenderOptions::default())
        .unwrap()
        .bytes;
    String::from_utf8(bytes).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(64),
        ..ProptestConfig::default()
    })]

    #[test]
    fn markdown_reads_back_to_the_same_markdown(value in resume()) {
        let first = md(&serde_json::to_vec(&value).unwrap(), Some(Syntax::Json));
        let second = md(first.as_bytes(), Some(Syntax::Markdown));
        prop_assert_eq!(&first, &second);
    }
}
