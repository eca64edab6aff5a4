//! Every input shape, through the binary: each fact of a fixture reaches the
//! Markdown or is named by a warning; `convert` output passes `validate`.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{leaves, root, squash, unescape_markdown};
use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_resume-export"))
}

pub(crate) fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures/readers").join(rel)
}

/// Runs the binary; returns (exit code, stdout, stderr).
pub(crate) fn run(args: &[&str]) -> (i32, String, String) {
    let out = bin().args(args).output().expect("binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The parsed fixture, whatever its syntax.
fn parse(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    match path.extension().and_then(|e| e.to_str()) {
        Some("yaml" | "yml") => {
            let v: serde_json::Value = serde_yaml_ng::from_str(&text).unwrap();
            v
        }
        Some("toml") => {
            let t: toml::Table = text.parse().unwrap();
            serde_json::to_value(t).unwrap()
        }
        _ => serde_json::from_str(&text).unwrap(),
    }
}

/// `a.items[3].b` → `a.items[].b`.
fn generic(path: &str) -> String {
    let mut out = String::new();
    let mut skip = false;
    for c in path.chars() {
        match c {
            '[' => {
                skip = true;
                out.push('[');
            }
            ']' => {
                skip = false;
                out.push(']');
            }
            _ if skip => {}
            c => out.push(c),
        }
    }
    out
}

/// The pieces of text a value shows: HTML tags, Markdown emphasis and link
/// syntax are boundaries, entities are decoded.
fn pieces(value: &str) -> Vec<String> {
    let decoded = value
        .replace("&amp;", "&")
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_tag = false;
    for c in decoded.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(std::mem::take(&mut cur));
            }
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            '*' | '[' | ']' | '(' | ')' | '\n' => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out.into_iter()
        .map(|p| squash(p.trim().trim_start_matches("- ").trim()))
        .filter(|p| p.chars().filter(|c| c.is_alphanumeric()).count() >= 2)
        .collect()
}

/// Converts `path` to Markdown and checks that each fact shows or is warned about.
/// `kept` are paths (prefixes, generic) that are not shown by design, with why.
pub(crate) fn check_nothing_lost(rel: &str, kept: &[(&str, &str)]) -> (String, String) {
    let path = fixture(rel);
    let dir = tempfile::tempdir().unwrap();
    let md_path = dir.path().join("out.md");
    let (code, _, stderr) = run(&[
        "-f",
        "md",
        "-o",
        md_path.to_str().unwrap(),
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{rel}: {stderr}");
    let md = std::fs::read_to_string(&md_path).unwrap();
    common::check_markdown(&md, rel);
    let shown = unescape_markdown(&md).replace('*', "");
    let warned: Vec<String> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("warning: "))
        .filter_map(|l| l.split_once(": ").map(|(_, rest)| rest))
        .filter_map(|l| l.split_once(": ").map(|(p, _)| generic(p)))
        .collect();
    let covered = |p: &str| {
        let g = generic(p);
        let under = |prefix: &str| {
            g == prefix
                || g.starts_with(&format!("{prefix}."))
                || g.starts_with(&format!("{prefix}["))
        };
        warned.iter().any(|w| under(w)) || kept.iter().any(|(k, _)| under(k))
    };
    let value = parse(&path);
    let mut fields = Vec::new();
    // Numbers and booleans in these files are settings (sizes, levels, columns).
    leaves(&value, String::new(), &mut fields, false);
    // The title of a section with no items is shown nowhere.
    let empty_section = |field: &str| {
        let parts: Vec<&str> = field.split('.').collect();
        parts.len() == 3
            && parts[0] == "sections"
            && parts[2] == "name"
            && value["sections"][parts[1]]["items"]
                .as_array()
                .is_some_and(Vec::is_empty)
    };
    let mut missing = Vec::new();
    let mut checked = 0;
    for (field, value) in fields {
        let key = field.rsplit('.').next().unwrap_or("");
        if key == "id"
            || key == "icon"
            || key.starts_with('$')
            || covered(&field)
            || empty_section(&field)
        {
            continue;
        }
        checked += 1;
        let lower = key.to_ascii_lowercase();
        if lower.contains("date") || ["start", "end", "date", "period"].contains(&lower.as_str()) {
            // Dates are reformatted ("2019-03" → "Mar 2019"): their years must show.
            let years: Vec<&str> = value
                .split(|c: char| !c.is_ascii_digit())
                .filter(|y| y.len() == 4)
                .collect();
            if years.iter().any(|y| !shown.contains(y)) {
                missing.push(format!("{field} = {value:?}"));
            }
            continue;
        }
        for piece in pieces(&value) {
            if !shown.contains(&piece) {
                missing.push(format!("{field} = {value:?} (piece {piece:?})"));
            }
        }
    }
    assert!(checked > 20, "{rel}: only {checked} facts checked");
    assert!(
        missing.is_empty(),
        "{rel}: not in the Markdown and not warned about:\n{}\n\n{md}\n\n{stderr}",
        missing.join("\n")
    );
    (md, stderr)
}

/// `convert` writes JSON Resume that `validate` accepts and that reads back the same.
pub(crate) fn check_convert(rel: &str) -> Value {
    let path = fixture(rel);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("resume.json");
    let (code, _, stderr) = run(&[
        "convert",
        path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{rel}: {stderr}");
    assert!(
        !stderr.contains("will not pass validate"),
        "{rel}: {stderr}"
    );
    let (code, stdout, stderr) = run(&["validate", "--strict", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{rel}: {stdout}{stderr}");
    // The converted file renders as the original does.
    let md = |p: &Path| {
        let (code, stdout, stderr) = run(&["-q", "-f", "md", "-o", "-", p.to_str().unwrap()]);
        assert_eq!(code, 0, "{stderr}");
        stdout
    };
    assert_eq!(
        md(&out),
        md(&path),
        "{rel}: converted file renders differently"
    );
    serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap()
}

#[test]
fn fresh_jane_fullstacker() {
    let (md, stderr) = check_nothing_lost(
        "fresh/jane-fullstacker.json",
        &[
            ("meta", "FRESH's own format and version stamp"),
            (
                "contact.other[].flavor",
                "the kind of a contact (phone, email) decides where it goes",
            ),
            ("social[].label", "the same as the network"),
            ("info.image", "kept as basics.image (checked below)"),
        ],
    );
    assert!(stderr.contains("read as") || !stderr.is_empty());
    for s in [
        "## Speaking",
        "## Governance",
        "## Reading",
        "## Affiliations",
    ] {
        assert!(md.contains(s), "{s} missing:\n{md}");
    }
    let json = check_convert("fresh/jane-fullstacker.json");
    assert_eq!(json["basics"]["name"], "Jane Q. Fullstacker");
    // work[0] is the section's own summary, which opens it.
    assert_eq!(json["work"][1]["name"], "Area 52");
    assert_eq!(json["basics"]["image"], "jane_doe.png");
}

#[test]
fn reactive_resume_v4_export() {
    let (md, _) = check_nothing_lost(
        "reactive-resume/ditto.json",
        &[
            (
                "sections.profiles.name",
                "profiles sit in the header, without a title",
            ),
            (
                "basics.picture.url",
                "kept as basics.image (checked below), never fetched",
            ),
            (
                "sections.references.name",
                "the built-in title says the same",
            ),
            (
                "sections.certifications.name",
                "Reactive Resume's default title: the built-in words of the resume's language are used",
            ),
        ],
    );
    assert!(md.contains("- Spearheaded the redesign"), "{md}");
    let json = check_convert("reactive-resume/ditto.json");
    assert_eq!(json["basics"]["image"], "https://i.imgur.com/HgwyOuJ.jpg");
    assert_eq!(json["work"][0]["startDate"], "2019-01");
    assert!(
        json["work"][0].get("endDate").is_none(),
        "ongoing: no end date"
    );
}

#[test]
fn reactive_resume_custom_and_hidden() {
    let (md, stderr) = check_nothing_lost(
        "reactive-resume/own-v4-custom.json",
        &[("basics.picture.url", "kept as basics.image, never fetched")],
    );
    assert!(md.contains("## Conference Talks"), "{md}");
    assert!(
        md.contains("## Toolbox") && md.contains("## Profile"),
        "{md}"
    );
    for hidden in ["Secret Startup", "Hidden Charity", "Do not show"] {
        assert!(!md.contains(hidden), "{hidden} is hidden:\n{md}");
    }
    assert!(stderr.contains("hidden in Reactive Resume"), "{stderr}");
    // Order from metadata.layout: summary, experience, the talks, then skills.
    let at = |s: &str| md.find(s).unwrap_or(usize::MAX);
    assert!(at("## Experience") < at("## Conference Talks"));
    assert!(at("## Conference Talks") < at("## Toolbox"));
    let json = check_convert("reactive-resume/own-v4-custom.json");
    assert_eq!(json["conference-talks"][0]["name"], "SREcon EMEA");
}

#[test]
fn reactive_resume_v3_export() {
    let (md, _) = check_nothing_lost(
        "reactive-resume/own-v3.json",
        &[
            ("metadata.locale", "becomes meta.language (checked below)"),
            ("basics.summary.heading", "the built-in title says the same"),
            ("sections.work.name", "the built-in title says the same"),
            (
                "sections.education.name",
                "the built-in title says the same",
            ),
            (
                "sections.languages.name",
                "the built-in title says the same",
            ),
            (
                "sections.work.type",
                "Reactive Resume's template kind of a section",
            ),
            (
                "sections.education.type",
                "Reactive Resume's template kind of a section",
            ),
            (
                "sections.languages.type",
                "Reactive Resume's template kind of a section",
            ),
            ("sections.a1b2c3.type", "marks a custom section"),
        ],
    );
    assert!(md.contains("- Halved ingest lag"), "{md}");
    assert!(
        md.contains("## Competitions") && md.contains("Kaggle Grandmaster"),
        "{md}"
    );
    let json = check_convert("reactive-resume/own-v3.json");
    assert_eq!(json["meta"]["language"], "pt");
}

#[test]
fn rendercv_example() {
    let (md, stderr) = check_nothing_lost(
        "rendercv/John_Doe_ClassicTheme_CV.yaml",
        &[("locale.language", "becomes meta.language (checked below)")],
    );
    assert!(md.contains("## Welcome to RenderCV"), "{md}");
    assert!(md.contains("## Selected Honors"), "{md}");
    assert!(stderr.contains("`design` settings"), "{stderr}");
    let json = check_convert("rendercv/John_Doe_ClassicTheme_CV.yaml");
    assert_eq!(json["meta"]["language"], "en");
    assert_eq!(json["projects"][0]["name"], "FlashInfer");
    assert_eq!(json["work"][0]["name"], "Nexus AI");
}

#[test]
fn json_resume_as_yaml_and_toml_renders_as_the_json() {
    let md = |p: &Path| {
        let (code, stdout, stderr) = run(&["-q", "-f", "md", "-o", "-", p.to_str().unwrap()]);
        assert_eq!(code, 0, "{stderr}");
        stdout
    };
    let json = md(&root().join("samples/jsonresume-sample.json"));
    assert_eq!(md(&fixture("syntax/resume.yaml")), json);
    assert_eq!(md(&fixture("syntax/resume.toml")), json);
    check_convert("syntax/resume.yaml");
    check_convert("syntax/resume.toml");
}

#[test]
fn from_overrides_detection() {
    // A RenderCV file read as JSON Resume has no JSON Resume content: a warning, not a mapping.
    let path = fixture("rendercv/John_Doe_ClassicTheme_CV.yaml");
    let (code, stdout, stderr) = run(&[
        "--from",
        "jsonresume",
        "-f",
        "md",
        "-o",
        "-",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stdout.contains("Nexus AI"), "{stdout}");
    let (code, _, stderr) = run(&["--from", "hackmyresume", path.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("fresh"), "{stderr}");
}

#[test]
fn syntax_errors_name_file_line_and_column_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text, line) in [
        (
            "bad.yaml",
            "basics:\n  name: Ana\n  email: [a@b.c\nwork: []\n",
            4,
        ),
        ("bad.toml", "[basics]\nname = \"Ana\nemail = \"a@b.c\"\n", 2),
    ] {
        let input = dir.path().join(name);
        std::fs::write(&input, text).unwrap();
        let out = dir.path().join("out");
        let (code, _, stderr) = run(&[
            "-f",
            "pdf",
            "--out-dir",
            out.to_str().unwrap(),
            "--mkdir",
            input.to_str().unwrap(),
        ]);
        assert_eq!(code, 1, "{name}: {stderr}");
        let syntax = if name.ends_with("yaml") {
            "YAML"
        } else {
            "TOML"
        };
        assert!(stderr.contains(&format!("invalid {syntax}")), "{stderr}");
        assert!(
            stderr.contains(&format!("{name}:{line}:")),
            "{name}: {stderr}"
        );
        assert!(
            !out.exists() || std::fs::read_dir(&out).unwrap().next().is_none(),
            "{name}: something was written"
        );
    }
}

#[test]
fn unrecognised_input_names_the_formats_tried() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("notes.txt");
    std::fs::write(&input, "Just some notes about a job.\n").unwrap();
    let (code, _, stderr) = run(&["-f", "md", "-o", "-", input.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("JSON, YAML, TOML"), "{stderr}");
}

#[test]
fn validate_checks_other_shapes_as_their_json_resume() {
    let path = fixture("fresh/jane-fullstacker.json");
    let (code, stdout, stderr) = run(&["validate", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("read as FRESH"), "{stdout}");
}

#[test]
fn init_from_converts_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("resume.json");
    let from = fixture("rendercv/John_Doe_ClassicTheme_CV.yaml");
    let args = [
        "init",
        file.to_str().unwrap(),
        "--from",
        from.to_str().unwrap(),
    ];
    let (code, _, stderr) = run(&args);
    assert_eq!(code, 0, "{stderr}");
    let json: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(json["$schema"], "./resume.schema.json");
    assert_eq!(json["basics"]["name"], "John Doe");
    assert!(dir.path().join("resume.schema.json").exists());
    let (code, _, stderr) = run(&["validate", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let before = std::fs::read(&file).unwrap();
    let (code, _, stderr) = run(&args);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

/// An employer with nested roles: one entry per role, and the warning names
/// where they are (`work[0].roles`), not the employer.
#[test]
fn nested_roles_warn_at_their_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested.json");
    std::fs::write(
        &path,
        r#"{"basics": {"name": "Ana"}, "work": [{"name": "Acme", "roles": [
            {"position": "Lead", "startDate": "2022"},
            {"position": "Engineer", "startDate": "2019"}]}]}"#,
    )
    .unwrap();
    let (code, stdout, stderr) = run(&["-f", "md", "-o", "-", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("Lead") && stdout.contains("Engineer"),
        "{stdout}"
    );
    assert!(
        stderr.contains("work[0].roles: nested `roles` read as one entry per position"),
        "{stderr}"
    );
}
