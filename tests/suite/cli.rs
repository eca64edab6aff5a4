//! The command line, run as a user would.

use crate::common;

use assert_cmd::Command;
use common::root;
use predicates::str::contains;

fn cmd() -> Command {
    Command::cargo_bin("resume-export").unwrap()
}

fn sample() -> std::path::PathBuf {
    root().join("samples/jsonresume-sample.json")
}

#[test]
fn writes_stem_dot_extension_into_the_out_dir() {
    let out = tempfile::tempdir().unwrap();
    cmd()
        .args(["-q", "-f", "md,txt", "-d"])
        .arg(out.path())
        .arg(sample())
        .assert()
        .success();
    assert!(out.path().join("jsonresume-sample.md").is_file());
    assert!(out.path().join("jsonresume-sample.txt").is_file());
    // No temporary files are left behind.
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 2);
}

#[test]
fn repeated_and_aliased_formats_are_accepted() {
    let out = tempfile::tempdir().unwrap();
    cmd()
        .args(["-q", "-f", "markdown", "-f", "text", "-f", "md", "-d"])
        .arg(out.path())
        .arg(sample())
        .assert()
        .success();
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 2);
}

#[test]
fn output_dash_writes_to_stdout() {
    cmd()
        .args(["-q", "-f", "md", "-o", "-"])
        .arg(sample())
        .assert()
        .success()
        .stdout(contains("# Richard Hendriks"));
}

#[test]
fn stdin_is_read_from_dash() {
    let json = std::fs::read(sample()).unwrap();
    cmd()
        .args(["-q", "-f", "txt", "-", "-o", "-"])
        .write_stdin(json)
        .assert()
        .success()
        .stdout(contains("Richard Hendriks"));
}

#[test]
fn bom_and_crlf_are_accepted() {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(b"{\r\n  \"basics\": {\"name\": \"Zo\xC3\xAB\"}\r\n}\r\n");
    cmd()
        .args(["-f", "md", "-", "-o", "-"])
        .write_stdin(bytes)
        .assert()
        .success()
        .stdout(contains("# Zoë"));
}

#[test]
fn planned_formats_answer_not_supported_yet() {
    for name in resume_export::backend::PLANNED {
        let out = tempfile::tempdir().unwrap();
        cmd()
            .args(["-f", name, "-d"])
            .arg(out.path())
            .arg(sample())
            .assert()
            .code(2)
            .stderr(contains("not supported yet"));
        assert_eq!(
            std::fs::read_dir(out.path()).unwrap().count(),
            0,
            "no stub file for {name}"
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    cmd()
        .args(["-f", "odt"])
        .arg(sample())
        .assert()
        .code(2)
        .stderr(contains("unknown format"));
    cmd()
        .args(["-f", "md,txt", "-o", "x.md"])
        .arg(sample())
        .assert()
        .code(2);
    cmd()
        .args(["-f", "md", "--width", "5"])
        .arg(sample())
        .assert()
        .code(2);
    cmd().assert().code(2);
}

#[test]
fn an_output_never_replaces_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("cv.md");
    std::fs::copy(sample(), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    cmd()
        .args(["-q", "-f", "md", "-d"])
        .arg(dir.path())
        .arg(&input)
        .assert()
        .code(1)
        .stderr(contains("refusing to overwrite input"));
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn two_inputs_with_one_stem_do_not_clobber_each_other() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "b"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::copy(sample(), dir.path().join(sub).join("cv.json")).unwrap();
    }
    let out = dir.path().join("out");
    cmd()
        .args(["-q", "-f", "md", "-d"])
        .arg(&out)
        .arg(dir.path().join("a/cv.json"))
        .arg(dir.path().join("b/cv.json"))
        .assert()
        .code(1)
        .stderr(contains("would overwrite the output of"));
    assert!(
        out.join("cv.md").is_file(),
        "the first input is still written"
    );
}

#[test]
fn one_bad_input_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\n  \"basics\": {\n    \"name\": \"x\",\n  }\n}\n").unwrap();
    let out = dir.path().join("out");
    cmd()
        .args(["-f", "md", "-d"])
        .arg(&out)
        .arg(&bad)
        .arg(sample())
        .assert()
        .code(1)
        .stderr(contains(format!("{}:4:3", bad.display())));
    assert!(out.join("jsonresume-sample.md").is_file());
    assert!(!out.join("bad.md").exists());
}

#[test]
fn missing_and_undecodable_inputs_fail_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    cmd()
        .args(["-f", "md", "-d"])
        .arg(dir.path())
        .arg(dir.path().join("nope.json"))
        .assert()
        .code(1)
        .stderr(contains("cannot read"));
    let latin1 = dir.path().join("latin1.json");
    std::fs::write(&latin1, b"{\"basics\": {\"name\": \"Zo\xEB\"}}").unwrap();
    cmd()
        .args(["-f", "md", "-d"])
        .arg(dir.path())
        .arg(&latin1)
        .assert()
        .code(1)
        .stderr(contains("invalid UTF-8"))
        .stderr(contains("byte 23"));
}

#[test]
fn warnings_name_the_file_and_quiet_silences_them() {
    let json = br#"{"basics": {"name": "X", "website": "https://example.com"}, "work": [{"company": "Acme", "startDate": "2020.05"}]}"#;
    cmd()
        .args(["-f", "md", "-", "-o", "-"])
        .write_stdin(&json[..])
        .assert()
        .success()
        .stderr(contains(
            "warning: <stdin>: basics.website: non-standard key `website` read as `url`",
        ))
        .stderr(contains("work[0].startDate"));
    cmd()
        .args(["-q", "-f", "md", "-", "-o", "-"])
        .write_stdin(&json[..])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn help_documents_the_options() {
    cmd()
        .arg("--help")
        .assert()
        .success()
        .stdout(contains("--format"))
        .stdout(contains("--out-dir"))
        .stdout(contains("Exit codes"))
        .stdout(contains("validate"));
}

#[test]
fn formats_and_layouts_are_listed() {
    cmd()
        .arg("formats")
        .assert()
        .success()
        .stdout(contains("md"))
        .stdout(contains("txt"));
    cmd()
        .arg("layouts")
        .assert()
        .success()
        .stdout(contains("classic"));
}

#[test]
fn a_template_that_writes_a_formats_extension_is_refused() {
    cmd()
        .args(["-f", "html", "--template"])
        .arg(root().join("samples/templates/resume.html.hbs"))
        .arg(root().join("samples/alex-rn.json"))
        .assert()
        .code(2)
        .stderr(contains(
            "--template writes .html files, and so does the html format",
        ));
}

#[test]
fn completions_for_every_shell_and_a_man_page_come_from_the_options() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = cmd().args(["completions", shell]).assert().success();
        let script = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        for word in ["pdf-standard", "max-pages", "validate", "layouts"] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
    }
    // The bash script parses as bash, where bash is installed.
    if std::process::Command::new("bash")
        .arg("--version")
        .output()
        .is_ok()
    {
        let out = cmd().args(["completions", "bash"]).assert().success();
        let mut check = std::process::Command::new("bash")
            .arg("-n")
            .stdin(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        check
            .stdin
            .take()
            .unwrap()
            .write_all(&out.get_output().stdout)
            .unwrap();
        assert!(
            check.wait().unwrap().success(),
            "bash -n rejects the script"
        );
    }
    cmd().args(["completions", "tcsh"]).assert().code(2);
    let out = cmd().arg("man").assert().success();
    let page = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        page.starts_with(".ie") || page.contains(".TH"),
        "{}",
        &page[..80]
    );
    for word in [
        "pdf\\-standard",
        "RESUME-EXPORT VALIDATE",
        "RESUME-EXPORT LAYOUTS",
        ".SS OPTIONS",
    ] {
        assert!(page.contains(word), "man page lacks {word}");
    }
}

#[test]
fn init_writes_a_valid_starter_and_its_schema_and_never_replaces_a_file() {
    let dir = tempfile::tempdir().unwrap();
    cmd().current_dir(dir.path()).arg("init").assert().success();
    let resume = dir.path().join("resume.json");
    let schema = dir.path().join("resume.schema.json");
    assert!(resume.is_file() && schema.is_file());
    let before = std::fs::read(&resume).unwrap();
    cmd()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(1)
        .stderr(contains("never replaces"));
    assert_eq!(std::fs::read(&resume).unwrap(), before);
    // Valid without a single warning, and every section shows.
    cmd()
        .current_dir(dir.path())
        .args(["validate", "--strict", "resume.json"])
        .assert()
        .success();
    let out = cmd()
        .current_dir(dir.path())
        .args(["-f", "md", "resume.json", "-o", "-"])
        .assert()
        .success();
    let md = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for title in [
        "Experience",
        "Projects",
        "Education",
        "Skills",
        "Languages",
        "Volunteer",
        "Awards",
        "Certificates",
        "Publications",
        "Interests",
        "References",
    ] {
        assert!(
            md.contains(&format!("## {title}")),
            "starter lacks {title}:\n{md}"
        );
    }
    // Another name, and the schema beside it is kept as it is.
    std::fs::write(&schema, "{}").unwrap();
    cmd()
        .current_dir(dir.path())
        .args(["init", "cv.json"])
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&schema).unwrap(), "{}");
    for fmt in ["pdf", "docx", "txt", "html"] {
        cmd()
            .current_dir(dir.path())
            .args(["-q", "-f", fmt, "cv.json", "-o", "-"])
            .assert()
            .success();
    }
}
