//! The PDF backend through the real binary: `--font-dir`, `--paper`,
//! `--pdf-standard` and `SOURCE_DATE_EPOCH`.

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

#[test]
fn pdf_standard_claims_combine_and_two_pdfa_levels_are_a_usage_error() {
    let claims = |args: &[&str]| {
        let mut all = vec!["-f", "pdf", "samples/alex-rn.json", "-o", "-"];
        all.extend_from_slice(args);
        let out = export(&all).success();
        let bytes = out.get_output().stdout.clone();
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let id = doc
            .catalog()
            .unwrap()
            .get(b"Metadata")
            .unwrap()
            .as_reference()
            .unwrap();
        let stream = doc.get_object(id).unwrap().as_stream().unwrap();
        let xmp = String::from_utf8(stream.decompressed_content().unwrap()).unwrap();
        (
            xmp.contains("<pdfuaid:part>1</pdfuaid:part>"),
            xmp.split("<pdfaid:conformance>")
                .nth(1)
                .and_then(|r| r.chars().next()),
        )
    };
    assert_eq!(claims(&[]), (true, None));
    assert_eq!(claims(&["--pdf-standard", "a-2b"]), (false, Some('B')));
    assert_eq!(claims(&["--pdf-standard", "a-2a,ua-1"]), (true, Some('A')));
    assert_eq!(claims(&["--pdf-standard", "none"]), (false, None));
    let err = export(&[
        "-f",
        "pdf",
        "samples/alex-rn.json",
        "-o",
        "-",
        "--pdf-standard",
        "a-2b,a-2u",
    ])
    .code(2);
    let stderr = String::from_utf8_lossy(&err.get_output().stderr).into_owned();
    assert!(stderr.contains("one PDF/A level"), "{stderr}");
    assert!(err.get_output().stdout.is_empty());
    export(&["samples/alex-rn.json", "--pdf-standard", "a-3b"]).code(2);
}
