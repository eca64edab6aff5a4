//! The PDF backend through the real binary: `--font-dir`, `--paper` and
//! `SOURCE_DATE_EPOCH`.

use assert_cmd::Command;

fn manifest() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn export(args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("resume-export")
        .unwrap()
        .current_dir(manifest())
        .args(args)
        .assert()
}

#[test]
fn font_dir_is_read_and_a_missing_one_is_a_usage_error() {
    let out = export(&[
        "-f",
        "pdf",
        "samples/lebenslauf-de.json",
        "-o",
        "-",
        "--font-dir",
        "fonts/NotoSans",
    ])
    .success();
    assert!(out.get_output().stdout.starts_with(b"%PDF-"));
    export(&[
        "-f",
        "pdf",
        "samples/lebenslauf-de.json",
        "-o",
        "-",
        "--font-dir",
        "no/such/dir",
    ])
    .code(2);
}

#[test]
fn source_date_epoch_sets_the_creation_date() {
    let out = Command::cargo_bin("resume-export")
        .unwrap()
        .current_dir(manifest())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args([
            "-f",
            "pdf",
            "samples/lebenslauf-de.json",
            "-o",
            "-",
            "--paper",
            "letter",
        ])
        .assert()
        .success();
    let pdf = lopdf::Document::load_mem(&out.get_output().stdout).unwrap();
    let info = pdf.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = pdf.get_dictionary(info).unwrap();
    let date = info.get(b"CreationDate").unwrap().as_str().unwrap();
    assert_eq!(date, b"D:20231114221320Z");
}
