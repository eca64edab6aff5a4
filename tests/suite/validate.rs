//! `validate` against the official schema and its own fixtures, and against our extensions of it (`schema`).

use crate::common;

use assert_cmd::Command;
use common::{corpus, json_files, root};
use predicates::str::contains;
use resume_export::validate::{Severity, validate};
use serde_json::Value;

fn problems(value: &Value) -> Vec<resume_export::validate::Problem> {
    let text = serde_json::to_string_pretty(value).unwrap();
    validate(&text, value).unwrap()
}

/// What a fixture key says it should do: `Some(true)` valid, `Some(false)` invalid.
fn expectation(key: &str) -> Option<bool> {
    let k = key.trim_end_matches(|c: char| c.is_ascii_digit());
    if k.ends_with("Valid") || k == "valid" {
        Some(true)
    } else if k.ends_with("Invalid") || k == "invalid" {
        Some(false)
    } else {
        None
    }
}

#[test]
fn schema_fixtures_validate_as_their_names_say() {
    let Some(corpus) = corpus() else { return };
    let mut checked = 0;
    let mut wrong = Vec::new();
    for file in json_files(&corpus.join("schema-fixtures")) {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let v: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
        let cases: Vec<(String, Value, bool)> = if name == "dates.json" {
            // Named date strings; `invalid` is not an ISO 8601 date.
            v.as_object()
                .unwrap()
                .iter()
                .map(|(k, d)| {
                    (
                        k.clone(),
                        serde_json::json!({"work": [{"startDate": d}]}),
                        k != "invalid",
                    )
                })
                .collect()
        } else if let Some(rest) = name.strip_prefix("v0.0.18-") {
            vec![(name.clone(), v, rest.starts_with("valid"))]
        } else {
            v.as_object()
                .unwrap()
                .iter()
                .filter_map(|(k, case)| expectation(k).map(|e| (k.clone(), case.clone(), e)))
                .collect()
        };
        for (key, case, valid) in cases {
            checked += 1;
            // Valid cases have no errors (the upstream tests do not check formats, and
            // neither does the default mode); invalid ones have at least one problem under
            // --strict, where a format mismatch (the invalid e-mail fixture) counts.
            let found = problems(&case);
            let ok = if valid {
                found.iter().all(|p| p.severity == Severity::Warning)
            } else {
                !found.is_empty()
            };
            if !ok {
                wrong.push(format!(
                    "{name} {key}: expected {}, got {found:?}",
                    if valid { "valid" } else { "invalid" }
                ));
            }
        }
    }
    assert!(checked > 60, "only {checked} cases");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_samples_are_valid() {
    for sample in common::samples() {
        let text = std::fs::read_to_string(&sample).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<_> = validate(&text, &v)
            .unwrap()
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", sample.display());
    }
}

#[test]
fn cli_reports_path_line_and_column() {
    let json = "{\n  \"basics\": {\n    \"name\": 42,\n    \"email\": \"nope\"\n  }\n}\n";
    let assert = Command::cargo_bin("resume-export")
        .unwrap()
        .args(["validate", "-"])
        .write_stdin(json)
        .assert()
        .code(1);
    let out = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(out.contains("<stdin>:3:13: error: /basics/name:"), "{out}");
    assert!(
        out.contains("<stdin>:4:14: warning: /basics/email:"),
        "{out}"
    );
    assert!(out.contains("invalid (1 errors, 1 warnings)"), "{out}");
}

#[test]
fn format_mismatches_are_warnings_unless_strict() {
    let sample = root().join("samples/jsonresume-sample.json");
    Command::cargo_bin("resume-export")
        .unwrap()
        .arg("validate")
        .arg(&sample)
        .assert()
        .success()
        .stdout(contains("valid"));
    let bad_email = r#"{"basics": {"email": "not-an-email"}}"#;
    Command::cargo_bin("resume-export")
        .unwrap()
        .args(["validate", "-"])
        .write_stdin(bad_email)
        .assert()
        .success()
        .stdout(contains("warning"));
    Command::cargo_bin("resume-export")
        .unwrap()
        .args(["validate", "--strict", "-"])
        .write_stdin(bad_email)
        .assert()
        .code(1);
}

#[test]
fn invalid_json_is_reported_not_validated() {
    let Some(corpus) = corpus() else { return };
    Command::cargo_bin("resume-export")
        .unwrap()
        .arg("validate")
        .arg(corpus.join("invalid/02-resume-cli-resume_bad.json"))
        .assert()
        .code(1)
        .stderr(contains("02-resume-cli-resume_bad.json:1:2"));
}

#[test]
fn our_extensions_validate_and_are_checked() {
    let good = serde_json::json!({
        "basics": { "name": "Ada" },
        "work": [{
            "name": "Analytical Engines",
            "tags": ["math"],
            "highlights": ["Plain", { "text": "Tagged", "tags": ["lead"] }]
        }],
        "meta": {
            "language": "en",
            "sections": ["work", "experience", "skills"],
            "sectionTitles": { "work": "Career" }
        }
    });
    let errors: Vec<_> = problems(&good)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    for (bad, at) in [
        (
            serde_json::json!({ "meta": { "sections": ["hobbies"] } }),
            "/meta/sections/0",
        ),
        (
            serde_json::json!({ "meta": { "sectionTitles": { "work": 3 } } }),
            "/meta/sectionTitles/work",
        ),
        (
            serde_json::json!({ "work": [{ "highlights": [{ "tags": ["x"] }] }] }),
            "/work/0/highlights/0",
        ),
        (
            serde_json::json!({ "work": [{ "tags": "x" }] }),
            "/work/0/tags",
        ),
    ] {
        let found = problems(&bad);
        assert!(
            found
                .iter()
                .any(|p| p.severity == Severity::Error && p.pointer == at),
            "{bad}: {found:?}"
        );
    }
}

#[test]
fn schema_prints_the_schema_that_validate_uses() {
    let out = Command::cargo_bin("resume-export")
        .unwrap()
        .arg("schema")
        .assert()
        .success();
    let schema: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(schema, resume_export::schema::extended());
    // Every sample is valid under it.
    for sample in [
        "alex-rn.json",
        "jsonresume-sample.json",
        "lebenslauf-de.json",
    ] {
        let text = std::fs::read_to_string(root().join("samples").join(sample)).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<_> = validate(&text, &value)
            .unwrap()
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{sample}: {errors:?}");
    }
}
