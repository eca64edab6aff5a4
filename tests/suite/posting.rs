//! `check --job`: how a resume fits a job posting, through the binary — postings written
//! for the tests in English, German, French (HTML) and Japanese, with the terms each
//! resume is expected to cover and to miss, read from the resume file and from its PDF
//! and DOCX as a parser reads them; the JSON shape and bad input. The server's
//! `POST /v1/check` is in `posting_serve.rs`.

use crate::common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::root;
use serde_json::Value;

fn cmd() -> Command {
    Command::cargo_bin("resume-export").unwrap()
}

pub(crate) fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/posting").join(name)
}

pub(crate) fn sample(name: &str) -> PathBuf {
    root().join("samples").join(name)
}

/// `check --json --job POSTING FILE`: exit code, output and standard error.
fn run(posting: &Path, file: &Path) -> (i32, Value, String) {
    let out = cmd()
        .args(["check", "--json", "--job"])
        .arg(posting)
        .arg(file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap_or(-1), json, stderr)
}

/// The fit of one file, which must have been read.
pub(crate) fn fit(posting: &Path, file: &Path) -> Value {
    let (code, json, stderr) = run(posting, file);
    assert_eq!(code, 0, "{}: {stderr}", file.display());
    assert_eq!(json["files"][0]["status"], "ok", "{json}");
    json["files"][0].clone()
}

pub(crate) fn terms(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|t| t["term"].as_str().unwrap().to_string())
        .collect()
}

pub(crate) fn covered(fit: &Value) -> Vec<String> {
    terms(&fit["covered"])
}

fn missed(fit: &Value) -> Vec<String> {
    terms(&fit["missed"])
}

/// Where a covered term was found: `(section_id, entry)` pairs.
fn places(fit: &Value, term: &str) -> Vec<(String, String)> {
    fit["covered"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["term"] == term)
        .unwrap_or_else(|| panic!("{term} is not covered: {fit}"))["found"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["section_id"].as_str().unwrap_or("").to_string(),
                p["entry"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn assert_terms(fit: &Value, covers: &[&str], misses: &[&str], context: &str) {
    let (c, m) = (covered(fit), missed(fit));
    for t in covers {
        assert!(
            c.iter().any(|x| x == t),
            "{context}: {t} not covered; covered {c:?}, missed {m:?}"
        );
    }
    for t in misses {
        assert!(
            m.iter().any(|x| x == t),
            "{context}: {t} not missed; covered {c:?}, missed {m:?}"
        );
    }
}

/// The resume rendered by the binary to `format` in a temporary folder.
pub(crate) fn render(resume: &Path, format: &str, dir: &Path) -> PathBuf {
    let stem = resume.file_stem().unwrap().to_string_lossy().to_string();
    let out = dir.join(format!("{stem}.{format}"));
    cmd()
        .args(["-f", format, "-o"])
        .arg(&out)
        .arg(resume)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .assert()
        .success();
    out
}

#[test]
fn german_posting_against_the_german_sample_in_every_form() {
    let posting = fixture("data-engineer-de.md");
    let resume = sample("lebenslauf-de.json");
    let dir = tempfile::tempdir().unwrap();
    let covers = [
        "Senior Data Engineer",
        "Python",
        "SQL",
        "Terraform",
        "Docker",
        "Apache Kafka",
        "Apache Flink",
        "Kubernetes",
        "Data Warehouse",
        // "Verteilte Datenbanksysteme" in the resume: another form of the same words.
        "verteilten Datenbanksystemen",
    ];
    let misses = ["Scala", "Go", "Snowflake"];
    for file in [
        resume.clone(),
        render(&resume, "pdf", dir.path()),
        render(&resume, "docx", dir.path()),
    ] {
        let f = fit(&posting, &file);
        let context = file.display().to_string();
        assert_eq!(f["language"], "de", "{context}");
        assert_terms(&f, &covers, &misses, &context);
        // Nothing from the offer ("Wir bieten": holidays, a train ticket).
        let all = [covered(&f), missed(&f)].concat();
        assert!(
            !all.iter()
                .any(|t| t.contains("Urlaub") || t.contains("ticket")),
            "{context}: {all:?}"
        );
        // Where: Kafka in the current position and in the skills.
        let kafka = places(&f, "Apache Kafka");
        assert!(
            kafka
                .iter()
                .any(|(s, e)| s == "work" && e.contains("Havelblick")),
            "{context}: {kafka:?}"
        );
        assert!(
            kafka.iter().any(|(s, _)| s == "skills"),
            "{context}: {kafka:?}"
        );
        let dbs = places(&f, "verteilten Datenbanksystemen");
        assert!(
            dbs.iter().any(|(s, _)| s == "education"),
            "{context}: {dbs:?}"
        );
        let how = &f["covered"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["term"] == "verteilten Datenbanksystemen")
            .unwrap()["found"][0]["how"];
        assert_eq!(how, "word form", "{context}");
    }
}

#[test]
fn english_posting_keeps_phrases_whole_and_reads_the_pdf() {
    let posting = fixture("backend-en.txt");
    let resume = sample("jsonresume-sample.json");
    let dir = tempfile::tempdir().unwrap();
    for file in [resume.clone(), render(&resume, "pdf", dir.path())] {
        let f = fit(&posting, &file);
        let context = file.display().to_string();
        assert_eq!(f["language"], "en", "{context}");
        assert_terms(
            &f,
            &["HTML", "JavaScript", "MPEG", "MP4"],
            &[
                "distributed file systems",
                "C++",
                "Python",
                "Kubernetes",
                "Amazon Web Services",
                "machine learning",
                "Senior Backend Engineer",
            ],
            &context,
        );
        let all = [covered(&f), missed(&f)].concat();
        for gone in ["lunch", "gym", "MacBook", "years", "5+"] {
            assert!(
                !all.iter().any(|t| t.contains(gone)),
                "{context}: {gone} in {all:?}"
            );
        }
        // Kubernetes (K8s) and Amazon Web Services (AWS) carry their abbreviations.
        let k8s = f["missed"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["term"] == "Kubernetes")
            .unwrap();
        assert!(
            k8s["also"].as_array().unwrap().iter().any(|a| a == "K8s"),
            "{k8s}"
        );
        // A phrase missed whole says which part of it the resume has, and where.
        let lossless = f["missed"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["term"] == "lossless compression algorithms")
            .unwrap();
        assert_eq!(
            lossless["partly"]["words"], "lossless compression",
            "{context}"
        );
        let summary = &lossless["partly"]["found"][0];
        assert_eq!(summary["section_id"], "summary", "{context}: {summary}");
        // "Engineer" is not "engine" (Miss Direction is a mapping engine).
        let title = f["missed"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["term"] == "Senior Backend Engineer")
            .unwrap();
        assert!(title.get("partly").is_none(), "{context}: {title}");
        let js = places(&f, "JavaScript");
        assert!(js.iter().any(|(s, _)| s == "skills"), "{context}: {js:?}");
        assert!(js.iter().any(|(s, _)| s == "projects"), "{context}: {js:?}");
    }
}

#[test]
fn french_html_posting_matches_feminine_titles_and_word_forms() {
    let posting = fixture("fullstack-fr.html");
    let resume = fixture("cv-fr.json");
    let dir = tempfile::tempdir().unwrap();
    for file in [resume.clone(), render(&resume, "docx", dir.path())] {
        let f = fit(&posting, &file);
        let context = file.display().to_string();
        assert_eq!(f["language"], "fr", "{context}");
        assert_terms(
            &f,
            &[
                // "Développeuse full-stack" in the resume.
                "Développeur Full-Stack",
                "Node.js",
                "PostgreSQL",
                "React",
                "TypeScript",
                "Docker",
                "tests automatisés",
                "intégration continue",
            ],
            &["Kubernetes", "AWS"],
            &context,
        );
        let all = [covered(&f), missed(&f)].concat();
        for gone in ["restaurant", "télétravail", "analytics", "sans-serif"] {
            assert!(
                !all.iter().any(|t| t.contains(gone)),
                "{context}: {gone} in {all:?}"
            );
        }
    }
}

#[test]
fn japanese_posting_without_spaces() {
    let posting = fixture("backend-ja.txt");
    let resume = fixture("cv-ja.json");
    let dir = tempfile::tempdir().unwrap();
    for file in [resume.clone(), render(&resume, "pdf", dir.path())] {
        let f = fit(&posting, &file);
        let context = file.display().to_string();
        assert_eq!(f["language"], "ja", "{context}");
        assert_terms(
            &f,
            &[
                "バックエンドエンジニア",
                "Go",
                "PostgreSQL",
                "Kubernetes",
                "分散ファイルシステム",
                "マイクロサービス",
            ],
            &["Terraform", "機械学習"],
            &context,
        );
        let all = [covered(&f), missed(&f)].concat();
        assert!(
            !all.iter()
                .any(|t| t.contains("リモートワーク") || t.contains("書籍")),
            "{context}: {all:?}"
        );
    }
}

#[test]
fn russian_posting_matches_cases() {
    let posting = fixture("backend-ru.txt");
    let resume = fixture("cv-ru.json");
    let dir = tempfile::tempdir().unwrap();
    for file in [resume.clone(), render(&resume, "pdf", dir.path())] {
        let f = fit(&posting, &file);
        let context = file.display().to_string();
        assert_eq!(f["language"], "ru", "{context}");
        // "распределёнными системами" (instrumental plural) in the posting,
        // "распределённой системой" (instrumental singular) in the resume.
        assert_terms(
            &f,
            &[
                "Python",
                "PostgreSQL",
                "Docker",
                "распределёнными системами",
            ],
            &["Redis", "Kubernetes", "Go", "Проектирование баз данных"],
            &context,
        );
        let how = &f["covered"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["term"] == "распределёнными системами")
            .unwrap()["found"][0];
        assert_eq!(how["how"], "word form", "{context}");
        assert_eq!(how["section_id"], "work", "{context}");
        let bases = f["missed"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["term"] == "Проектирование баз данных")
            .unwrap();
        assert_eq!(bases["partly"]["words"], "баз данных", "{context}");
        let all = [covered(&f), missed(&f)].concat();
        assert!(
            !all.iter()
                .any(|t| t.contains("график") || t.contains("ДМС")),
            "{context}: {all:?}"
        );
    }
}

#[test]
fn the_json_shape_and_the_plain_report() {
    let posting = fixture("data-engineer-de.md");
    let resume = sample("lebenslauf-de.json");
    let (code, json, _) = run(&posting, &resume);
    assert_eq!(code, 0);
    assert_eq!(json["schema"], 1);
    assert_eq!(json["exit"], 0);
    assert_eq!(json["posting"]["language"], "de");
    assert!(
        json["posting"]["file"]
            .as_str()
            .unwrap()
            .ends_with("data-engineer-de.md")
    );
    let posting_terms = json["posting"]["terms"].as_array().unwrap();
    let f = &json["files"][0];
    for key in [
        "posting",
        "language",
        "resume",
        "read_as",
        "terms",
        "covered_terms",
        "coverage",
        "covered",
        "missed",
    ] {
        assert!(f.get(key).is_some(), "{key} missing in {f}");
    }
    assert_eq!(f["read_as"], "resume");
    let n = f["terms"].as_u64().unwrap() as usize;
    assert_eq!(n, posting_terms.len());
    assert_eq!(covered(f).len() + missed(f).len(), n);
    assert_eq!(
        f["covered_terms"].as_u64().unwrap() as usize,
        covered(f).len()
    );
    let coverage = f["coverage"].as_f64().unwrap();
    assert!(coverage > 0.5 && coverage < 1.0, "{coverage}");
    for t in posting_terms {
        assert!(
            ["tool", "skill", "certification", "title", "term"]
                .contains(&t["kind"].as_str().unwrap()),
            "{t}"
        );
        assert!(
            t["weight"].as_u64().unwrap() >= 2 && t["mentions"].as_u64().unwrap() >= 1,
            "{t}"
        );
    }
    // Most weighty first.
    let weights: Vec<u64> = posting_terms
        .iter()
        .map(|t| t["weight"].as_u64().unwrap())
        .collect();
    assert!(weights.windows(2).all(|w| w[0] >= w[1]), "{weights:?}");
    for c in f["covered"].as_array().unwrap() {
        for p in c["found"].as_array().unwrap() {
            for key in ["section", "section_id", "entry", "text", "how"] {
                assert!(p.get(key).is_some(), "{key} missing in {p}");
            }
            assert!(
                ["as written", "word form", "variant", "other name"]
                    .contains(&p["how"].as_str().unwrap())
            );
        }
    }
    // Same bytes every time.
    let again = cmd()
        .args(["check", "--json", "--job"])
        .arg(&posting)
        .arg(&resume)
        .output()
        .unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&again.stdout).unwrap(),
        json
    );
    // The plain report says the same in words.
    let plain = cmd()
        .args(["check", "--job"])
        .arg(&posting)
        .arg(&resume)
        .output()
        .unwrap();
    let text = String::from_utf8(plain.stdout).unwrap();
    assert!(
        text.contains(&format!("{} of {n} key terms covered", covered(f).len())),
        "{text}"
    );
    assert!(
        text.contains(
            "Apache Kafka (tool): Berufserfahrung › Senior Data Engineer, Havelblick Daten GmbH"
        ),
        "{text}"
    );
    assert!(
        text.contains("  missed:\n") && text.contains("    Snowflake (tool)\n"),
        "{text}"
    );
}

#[test]
fn bad_input_names_the_file_and_fails() {
    let resume = sample("lebenslauf-de.json");
    let dir = tempfile::tempdir().unwrap();
    // No posting file.
    let missing = dir.path().join("nowhere.txt");
    let out = cmd()
        .args(["check", "--job"])
        .arg(&missing)
        .arg(&resume)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("nowhere.txt"),
        "{out:?}"
    );
    // An empty posting, and one that is not text.
    for (name, bytes, says) in [
        ("empty.txt", &b"  \n\n"[..], "empty"),
        ("binary.txt", &b"\xff\xfe\x00\x01"[..], "UTF-8"),
    ] {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        let out = cmd()
            .args(["check", "--json", "--job"])
            .arg(&p)
            .arg(&resume)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(out.stdout.is_empty(), "{name}");
        assert!(err.contains(name) && err.contains(says), "{name}: {err}");
    }
    // A resume that cannot be read: named, reported in the JSON, exit 2.
    let junk = dir.path().join("junk.pdf");
    std::fs::write(&junk, b"%PDF-1.7\nnot really a pdf").unwrap();
    let (code, json, stderr) = run(&fixture("backend-en.txt"), &junk);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("junk.pdf"), "{stderr}");
    assert_eq!(json["files"][0]["status"], "unreadable");
    // A posting with nothing but an offer has no key terms; one over 1 MB is refused.
    for (name, text, says) in [
        (
            "offer.txt",
            "We offer:\n- lunch\n- a gym\n".to_string(),
            "no key terms",
        ),
        ("huge.txt", "Kubernetes ".repeat(100_000), "at most"),
    ] {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        let out = cmd()
            .args(["check", "--job"])
            .arg(&p)
            .arg(&resume)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(name) && err.contains(says), "{name}: {err}");
    }
    // --job-lang overrides the language recognised.
    let out = cmd()
        .args(["check", "--json", "--job-lang", "en", "--job"])
        .arg(fixture("data-engineer-de.md"))
        .arg(&resume)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["posting"]["language"], "en");
    let nothing = dir.path().join("nothing.json");
    std::fs::write(&nothing, b"[1, 2").unwrap();
    let (code, _, stderr) = run(&fixture("backend-en.txt"), &nothing);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("nothing.json"), "{stderr}");
}
