//! Batch conversion: input kinds, naming, clashes, atomic writes, reports, shards, exit codes.

use crate::common;

use std::path::Path;

use assert_cmd::Command;
use common::root;
use predicates::str::contains;
use serde_json::Value;

fn cmd() -> Command {
    Command::cargo_bin("resume-export").unwrap()
}

fn sample_json() -> String {
    std::fs::read_to_string(root().join("samples/jsonresume-sample.json")).unwrap()
}

fn minified(name: &str) -> String {
    let mut v: Value = serde_json::from_str(&sample_json()).unwrap();
    v["basics"]["name"] = Value::String(name.into());
    serde_json::to_string(&v).unwrap()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.push(
                    p.strip_prefix(base)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out.sort();
    out
}

#[test]
fn directories_are_mirrored_and_recursion_is_opt_in() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("people");
    std::fs::create_dir_all(src.join("team/a")).unwrap();
    std::fs::write(src.join("top.json"), sample_json()).unwrap();
    std::fs::write(src.join("team/a/deep.json"), sample_json()).unwrap();
    std::fs::write(src.join("notes.txt"), "not a resume").unwrap();
    let out = tmp.path().join("out");
    cmd()
        .args(["-q", "-f", "md", "-d"])
        .arg(&out)
        .arg(&src)
        .assert()
        .success();
    assert_eq!(files_in(&out), ["top.md"]);
    let out = tmp.path().join("out-r");
    cmd()
        .args(["-q", "-r", "-f", "md", "-d"])
        .arg(&out)
        .arg(&src)
        .assert()
        .success();
    assert_eq!(files_in(&out), ["team/a/deep.md", "top.md"]);
}

#[test]
fn globs_are_expanded_by_the_tool() {
    let tmp = tempfile::tempdir().unwrap();
    for n in ["a", "b", "c"] {
        std::fs::write(tmp.path().join(format!("{n}.json")), sample_json()).unwrap();
    }
    let out = tmp.path().join("out");
    let pattern = format!("{}/*.json", tmp.path().display());
    cmd()
        .args(["-q", "-f", "txt", "-d"])
        .arg(&out)
        .arg(&pattern)
        .assert()
        .success();
    assert_eq!(files_in(&out), ["a.txt", "b.txt", "c.txt"]);
    let none = format!("{}/*.nothing", tmp.path().display());
    cmd()
        .args(["-q", "-f", "txt", "-d"])
        .arg(&out)
        .arg(&none)
        .assert()
        .code(1)
        .stderr(contains("matched no files"));
}

#[test]
fn json_lines_and_arrays_are_one_unit_per_resume() {
    let tmp = tempfile::tempdir().unwrap();
    let lines = format!(
        "{}\n\n{}\n{{broken\n",
        minified("Ann One"),
        minified("Bob Two")
    );
    std::fs::write(tmp.path().join("people.jsonl"), lines).unwrap();
    let array = format!("[\n{},\n{}\n]", minified("Cy Three"), minified("Di Four"));
    std::fs::write(tmp.path().join("team.json"), array).unwrap();
    let out = tmp.path().join("out");
    let report = tmp.path().join("report.json");
    cmd()
        .args(["-q", "-f", "md", "-d"])
        .arg(&out)
        .arg("--report")
        .arg(&report)
        .arg(tmp.path().join("people.jsonl"))
        .arg(tmp.path().join("team.json"))
        .assert()
        .code(1)
        .stderr(contains("people.jsonl:4:2"));
    assert_eq!(
        files_in(&out),
        ["people-1.md", "people-3.md", "team-1.md", "team-2.md"]
    );
    assert!(
        std::fs::read_to_string(out.join("team-2.md"))
            .unwrap()
            .contains("# Di Four")
    );
    let r: Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let units = r["units"].as_array().unwrap();
    let inputs: Vec<&str> = units.iter().map(|u| u["input"].as_str().unwrap()).collect();
    assert!(
        inputs[0].ends_with("people.jsonl:1") && inputs[2].ends_with("people.jsonl:4"),
        "{inputs:?}"
    );
    assert!(inputs[3].ends_with("team.json[0]"), "{inputs:?}");
    assert!(units[2]["error"].as_str().unwrap().contains("invalid JSON"));
    assert_eq!(r["summary"]["resumes"], 5);
    assert_eq!(r["summary"]["files"], 4);
    assert_eq!(r["summary"]["failed"], 1);
}

#[test]
fn name_templates_use_content() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("x.jsonl"),
        format!("{}\n{}\n", minified("Zoë Ünal"), minified("Li Wei")),
    )
    .unwrap();
    let out = tmp.path().join("out");
    cmd()
        .args(["-q", "-f", "md", "--name", "{name}-{lang}-{index}", "-d"])
        .arg(&out)
        .arg(tmp.path().join("x.jsonl"))
        .assert()
        .success();
    assert_eq!(files_in(&out), ["li-wei-en-2.md", "zoë-ünal-en-1.md"]);
    cmd()
        .args(["-f", "md", "--name", "{nme}"])
        .arg(tmp.path().join("x.jsonl"))
        .assert()
        .code(2)
        .stderr(contains("unknown placeholder"));
}

#[test]
fn a_name_clash_fails_the_later_input_only() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("x.jsonl"),
        format!("{}\n{}\n", minified("Same Name"), minified("Same Name")),
    )
    .unwrap();
    let out = tmp.path().join("out");
    let report = tmp.path().join("r.json");
    cmd()
        .args(["-q", "-j", "2", "-f", "md,txt", "--name", "{name}", "-d"])
        .arg(&out)
        .arg("--report")
        .arg(&report)
        .arg(tmp.path().join("x.jsonl"))
        .assert()
        .code(1)
        .stderr(contains("would overwrite the output of"));
    assert_eq!(files_in(&out), ["same-name.md", "same-name.txt"]);
    let r: Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert!(r["units"][0]["error"].is_null());
    assert!(
        r["units"][1]["error"]
            .as_str()
            .unwrap()
            .contains("x.jsonl:1")
    );
}

#[test]
fn a_failed_write_leaves_no_partial_file() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("good.json"), sample_json()).unwrap();
    std::fs::write(tmp.path().join("doomed.json"), sample_json()).unwrap();
    let out = tmp.path().join("out");
    cmd()
        .env("RESUME_EXPORT_INJECT", "write-fail:doomed")
        .args(["-q", "-f", "md", "-d"])
        .arg(&out)
        .arg(tmp.path())
        .assert()
        .code(1)
        .stderr(contains("injected failure"));
    assert_eq!(
        files_in(&out),
        ["good.md"],
        "no partial or temporary file remains"
    );
}

#[test]
fn a_panic_in_one_unit_is_reported_and_the_batch_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    for n in ["a", "boom", "c"] {
        std::fs::write(tmp.path().join(format!("{n}.json")), sample_json()).unwrap();
    }
    let out = tmp.path().join("out");
    cmd()
        .env("RESUME_EXPORT_INJECT", "panic:boom")
        .args(["-f", "md", "-d"])
        .arg(&out)
        .arg(tmp.path())
        .assert()
        .code(1)
        .stderr(contains("internal error"))
        .stderr(contains("3 resumes, 2 files, 1 failed"));
    assert_eq!(files_in(&out), ["a.md", "c.md"]);
}

#[test]
fn shards_are_disjoint_and_cover_everything() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("in");
    std::fs::create_dir(&src).unwrap();
    for i in 0..30 {
        std::fs::write(src.join(format!("r{i:02}.json")), sample_json()).unwrap();
    }
    let mut all = Vec::new();
    for i in 1..=3 {
        let out = tmp.path().join(format!("out{i}"));
        cmd()
            .args(["-q", "-f", "txt", "--shard", &format!("{i}/3"), "-d"])
            .arg(&out)
            .arg(&src)
            .assert()
            .success();
        let got = files_in(&out);
        assert!(!got.is_empty() && got.len() < 30, "shard {i}: {got:?}");
        all.extend(got);
    }
    all.sort();
    let expected: Vec<String> = (0..30).map(|i| format!("r{i:02}.txt")).collect();
    assert_eq!(all, expected);
    cmd()
        .args(["-f", "txt", "--shard", "4/3"])
        .arg(&src)
        .assert()
        .code(2);
}

#[test]
fn output_does_not_depend_on_the_number_of_jobs() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = common::all_inputs();
    let mut outs = Vec::new();
    for jobs in ["1", "2"] {
        let out = tmp.path().join(format!("j{jobs}"));
        let assert = cmd()
            .args(["-f", "md,txt", "-j", jobs, "-d"])
            .arg(&out)
            .args(&inputs)
            .assert()
            .success();
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
        let files: Vec<(String, Vec<u8>)> = files_in(&out)
            .into_iter()
            .map(|f| {
                let b = std::fs::read(out.join(&f)).unwrap();
                (f, b)
            })
            .collect();
        // The summary's time differs; everything before it is the same.
        let messages = stderr
            .rsplit_once('\n')
            .map_or(stderr.clone(), |(a, _)| a.to_string());
        outs.push((
            files,
            messages
                .lines()
                .filter(|l| !l.contains(" resumes, "))
                .map(String::from)
                .collect::<Vec<_>>(),
        ));
    }
    assert!(outs[0].0 == outs[1].0, "files differ between -j 1 and -j 2");
    assert_eq!(outs[0].1, outs[1].1, "messages differ in order or content");
}

#[test]
fn the_corpus_with_its_invalid_files_exits_1_and_writes_every_good_one() {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let assert = cmd()
        .args(["-f", "all", "-d"])
        .arg(&out)
        .arg(corpus.join("real"))
        .arg(corpus.join("invalid"))
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    let formats = resume_export::backend::BACKENDS.len();
    assert!(
        stderr.contains(&format!("52 resumes, {} files, 3 failed", 49 * formats)),
        "{}",
        stderr.lines().last().unwrap_or("")
    );
    assert_eq!(files_in(&out).len(), 49 * formats);
}

#[test]
fn a_number_in_a_batch_fails_alone_and_the_others_convert() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("good.json"), sample_json()).unwrap();
    std::fs::write(tmp.path().join("number.json"), "42\n").unwrap();
    let lines = format!("{}\n\"just text\"\n", minified("Ann One"));
    std::fs::write(tmp.path().join("people.jsonl"), lines).unwrap();
    let out = tmp.path().join("out");
    let report = tmp.path().join("report.json");
    cmd()
        .args(["-q", "-f", "md,pdf", "-d"])
        .arg(&out)
        .arg("--report")
        .arg(&report)
        .arg(tmp.path())
        .assert()
        .code(1)
        .stderr(contains(
            "not a resume: the top level is a number; a resume is an object",
        ))
        .stderr(contains("number.json:1:1"))
        .stderr(contains("people.jsonl:2:1"));
    assert_eq!(
        files_in(&out),
        ["good.md", "good.pdf", "people-1.md", "people-1.pdf"]
    );
    let r: Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(r["summary"]["failed"], 2);
    let errors: Vec<&str> = r["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|u| u["error"].as_str())
        .collect();
    assert!(
        errors.iter().any(|e| e.ends_with(
            "number.json:1:1: not a resume: the top level is a number; a resume is an object"
        )),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.ends_with(
            "people.jsonl:2:1: not a resume: the top level is a string; a resume is an object"
        )),
        "{errors:?}"
    );
}

#[test]
fn characters_no_font_has_are_named_per_resume_in_the_report() {
    // Cuneiform and Linear B: scripts no bundled font is meant to cover.
    let tmp = tempfile::tempdir().unwrap();
    let lines = format!("{}\n{}\n", minified("Ann 𒀀 One"), minified("Bob 𐀀 Two"));
    std::fs::write(tmp.path().join("people.jsonl"), lines).unwrap();
    std::fs::write(tmp.path().join("plain.json"), minified("Cy Three")).unwrap();
    let report = tmp.path().join("report.json");
    cmd()
        .args(["-f", "pdf,md", "-d"])
        .arg(tmp.path().join("out"))
        .arg("--report")
        .arg(&report)
        .arg(tmp.path().join("people.jsonl"))
        .arg(tmp.path().join("plain.json"))
        .assert()
        .success()
        .stderr(contains("U+12000 𒀀"));
    let r: Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let warnings = |input: &str| -> Vec<String> {
        let unit = r["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["input"].as_str().unwrap().ends_with(input))
            .unwrap_or_else(|| panic!("no unit {input} in {r}"));
        unit["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap().to_string())
            .collect()
    };
    let missing = |ws: &[String], c: &str| {
        ws.iter()
            .any(|w| w.starts_with("pdf: no bundled or --font-dir font has") && w.contains(c))
    };
    let ann = warnings("people.jsonl:1");
    assert!(missing(&ann, "U+12000 𒀀"), "{ann:?}");
    assert!(!missing(&ann, "U+10000"), "{ann:?}");
    let bob = warnings("people.jsonl:2");
    assert!(missing(&bob, "U+10000 𐀀"), "{bob:?}");
    assert!(!missing(&bob, "U+12000"), "{bob:?}");
    let plain = warnings("plain.json");
    assert!(!plain.iter().any(|w| w.contains("font has")), "{plain:?}");
}
