//! LinkedIn's data export through the binary: the ZIP and its folder on every
//! command, every fact of the fixture shown or warned about, bad archives refused.

use crate::common;
use crate::readers::run;

use std::io::Write;
use std::path::{Path, PathBuf};

use common::{root, squash, unescape_markdown};

const FOLDER: &str = "Basic_LinkedInDataExport_12-01-2026";

/// The fixture: the export unpacked, its files inside one folder.
fn fixture() -> PathBuf {
    root().join("tests/fixtures/readers/linkedin/linkedin-export")
}

/// The fixture's files, sorted by name.
fn files() -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(fixture().join(FOLDER))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

/// A ZIP of `files`, deflated.
fn zip_of(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in files {
        z.start_file(name.as_str(), o).unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// The fixture as LinkedIn sends it: its files at the root of the ZIP, or in `folder`.
fn fixture_zip(folder: &str) -> Vec<u8> {
    let files: Vec<(String, Vec<u8>)> = files()
        .into_iter()
        .map(|(n, d)| (format!("{folder}{n}"), d))
        .collect();
    zip_of(&files)
}

/// Writes `bytes` as `name` in `dir`; returns its path as text.
fn put(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_str().unwrap().to_string()
}

/// Markdown and standard error of an export to Markdown.
fn markdown(input: &str, extra: &[&str]) -> (String, String) {
    let mut args = vec!["-f", "md", "-o", "-"];
    args.extend_from_slice(extra);
    args.push(input);
    let (code, md, stderr) = run(&args);
    assert_eq!(code, 0, "{input}: {stderr}");
    (md, stderr)
}

/// The warning paths of a run (`Profile.csv[0].Birth Date`).
fn warned(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter_map(|l| l.strip_prefix("warning: "))
        .filter_map(|l| l.split_once(": ").map(|(_, rest)| rest))
        .filter_map(|l| l.split_once(": ").map(|(p, _)| p.to_string()))
        .collect()
}

/// The rows of one fixture file as (row, column, value), read with the csv
/// crate: the byte-order mark dropped, the preamble before the header skipped.
fn cells(name: &str, bytes: &[u8]) -> Vec<(usize, String, String)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let records: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let first = |r: &csv::StringRecord| r.get(0).unwrap_or("").to_string();
    let header_first = [
        "First Name",
        "Email Address",
        "Extension",
        "Company Name",
        "School Name",
        "Name",
        "Title",
    ];
    let at = records
        .iter()
        .position(|r| header_first.contains(&first(r).as_str()))
        .unwrap_or_else(|| panic!("{name}: no header row"));
    let header: Vec<String> = records[at].iter().map(str::to_string).collect();
    let mut out = Vec::new();
    for (i, rec) in records[at + 1..].iter().enumerate() {
        for (c, v) in rec.iter().enumerate() {
            if !v.trim().is_empty() {
                out.push((i, header[c].clone(), v.replace("\r\n", "\n")));
            }
        }
    }
    out
}

/// Files an export holds that are not resume data.
const NOT_READ: &[&str] = &["Connections.csv", "messages.csv", "Ad_Targeting.csv"];

#[test]
fn every_fact_of_the_export_is_shown_or_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let at_root = put(dir.path(), "export.zip", &fixture_zip(""));
    let in_folder = put(
        dir.path(),
        "folder.zip",
        &fixture_zip(&format!("{FOLDER}/")),
    );
    let (md, stderr) = markdown(fixture().to_str().unwrap(), &[]);
    // The ZIP (files at its root or in one folder) reads as the folder does.
    for zip in [&at_root, &in_folder] {
        let (z_md, z_err) = markdown(zip, &[]);
        assert_eq!(z_md, md, "{zip}");
        assert_eq!(warned(&z_err), warned(&stderr), "{zip}");
    }
    common::check_markdown(&md, "linkedin");
    let shown = squash(&unescape_markdown(&md).replace('*', ""));
    let warned = warned(&stderr);
    let covered = |file: &str, row: usize, column: &str| {
        warned.iter().any(|w| {
            *w == format!("{file}[{row}]")
                || (w.starts_with(&format!("{file}[")) && w.ends_with(&format!("].{column}")))
        })
    };
    let mut checked = 0;
    let mut missing = Vec::new();
    for (name, bytes) in files() {
        if NOT_READ.contains(&name.as_str()) {
            continue;
        }
        for (row, column, value) in cells(&name, &bytes) {
            // Which address is the primary one decides which is shown.
            if column == "Primary" || covered(&name, row, &column) {
                continue;
            }
            checked += 1;
            let pieces: Vec<String> = if column.ends_with(" On") || column.ends_with(" Date") {
                value
                    .split(|c: char| !c.is_ascii_digit())
                    .filter(|y| y.len() == 4)
                    .map(str::to_string)
                    .collect()
            } else if column == "Proficiency" {
                vec![value.trim_end_matches(" proficiency").to_string()]
            } else if column == "Websites" || column == "Twitter Handles" {
                value
                    .trim_matches(['[', ']'])
                    .split(',')
                    .map(|w| {
                        w.split_once(':')
                            .map_or(w, |(_, u)| if u.starts_with("//") { w } else { u })
                    })
                    .map(|w| w.trim_start_matches("https://").to_string())
                    .collect()
            } else {
                value
                    .split(['\n', ','])
                    .map(|l| l.trim().trim_start_matches(['•', '-']).trim().to_string())
                    .filter(|l| !l.is_empty())
                    .collect()
            };
            for piece in pieces {
                if !shown.contains(&squash(&piece)) {
                    missing.push(format!(
                        "{name}[{row}].{column} = {value:?} (piece {piece:?})"
                    ));
                }
            }
        }
    }
    assert!(checked > 60, "only {checked} facts checked");
    assert!(
        missing.is_empty(),
        "not in the Markdown and not warned about:\n{}\n\n{md}\n\n{stderr}",
        missing.join("\n")
    );
    // The traps, each seen to work.
    for expected in [
        "# Mara Okonkwo-Lindqvist", // BOM before the first header
        "Own the \"golden path\" that 140 services ship on.", // doubled quotes
        "- Led the migration of 80 services to Kubernetes, one team at a time", // bullets
        "*Mar 2021 – Present*",     // empty Finished On: current
        "*2012 – 2016*",            // bare years
        "Master of Science - MS in Computer Science", // field of study in Degree Name
        "**Swedish** (Native or bilingual)", // header with a trailing comma
        "Certified Kubernetes Administrator (CKA)", // a Notes: preamble
        "mara@example.dev",         // the primary address
        "+46 70 123 45 67",         // the mobile number
    ] {
        assert!(md.contains(expected), "{expected:?} missing:\n{md}");
    }
    // Files that are not resume data are never shown, nor warned about.
    for private in [
        "Quentin",
        "Private-Connection",
        "A private message",
        "Secret Advertiser",
    ] {
        assert!(
            !md.contains(private) && !stderr.contains(private),
            "{private}"
        );
    }
    for name in NOT_READ {
        assert!(!stderr.contains(name), "{name}: {stderr}");
    }
    // What has no home is warned about once per kind, by file and column.
    for path in [
        "Profile.csv[0].Birth Date",
        "Certifications.csv[0].License Number",
        "Certifications.csv[0].Finished On",
        "Volunteering.csv[0].Cause",
    ] {
        assert_eq!(
            warned.iter().filter(|w| w.as_str() == path).count(),
            1,
            "{path}: {stderr}"
        );
    }
}

#[test]
fn convert_gives_json_resume_that_validates_strictly_and_renders_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let zip = put(dir.path(), "export.zip", &fixture_zip(""));
    let folder = fixture();
    for (input, from) in [
        (zip.as_str(), None),
        (folder.to_str().unwrap(), Some("linkedin")),
    ] {
        let out = dir.path().join("resume.json");
        let _ = std::fs::remove_file(&out);
        let mut args = vec!["convert", input, "-o", out.to_str().unwrap()];
        if let Some(f) = from {
            args.extend(["--from", f]);
        }
        let (code, _, stderr) = run(&args);
        assert_eq!(code, 0, "{stderr}");
        assert!(
            stderr.contains("read as LinkedIn's data export"),
            "{stderr}"
        );
        assert!(!stderr.contains("will not pass validate"), "{stderr}");
        let (code, stdout, stderr) = run(&["validate", "--strict", out.to_str().unwrap()]);
        assert_eq!(code, 0, "{stdout}{stderr}");
        let (converted, _) = markdown(out.to_str().unwrap(), &["-q"]);
        let (original, _) = markdown(input, &["-q"]);
        assert_eq!(
            converted, original,
            "{input}: the converted file renders differently"
        );
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
        assert_eq!(json["work"][0]["startDate"], "2021-03");
        assert!(json["work"][0].get("endDate").is_none());
        assert_eq!(json["education"][0]["area"], "Computer Science");
        assert_eq!(json["basics"]["url"], "https://mara.example.dev");
    }
}

#[test]
fn validate_and_init_read_the_zip_and_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let zip = put(
        dir.path(),
        "export.zip",
        &fixture_zip(&format!("{FOLDER}/")),
    );
    for input in [zip.as_str(), fixture().to_str().unwrap()] {
        let (code, stdout, stderr) = run(&["validate", input]);
        assert_eq!(code, 0, "{stdout}{stderr}");
        assert!(
            stdout.contains("read as LinkedIn's data export"),
            "{stdout}"
        );
        assert!(stdout.contains("License Number"), "{stdout}");
    }
    let made = dir.path().join("resume.json");
    let (code, _, stderr) = run(&["init", made.to_str().unwrap(), "--from", &zip]);
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&made).unwrap()).unwrap();
    assert_eq!(json["basics"]["name"], "Mara Okonkwo-Lindqvist");
    // Every output format takes it (the sweep in .ci/run checks them with real tools).
    for format in ["pdf", "docx", "html", "txt"] {
        let out = dir.path().join(format!("out.{format}"));
        let (code, _, stderr) = run(&["-q", "-f", format, "-o", out.to_str().unwrap(), &zip]);
        assert_eq!(code, 0, "{format}: {stderr}");
        assert!(std::fs::metadata(&out).unwrap().len() > 500, "{format}");
    }
}

/// Runs an export and a conversion of `bytes` (as `name`); both must fail
/// with `message`, write nothing and exit non-zero.
fn refused(name: &str, bytes: &[u8], message: &str) {
    let dir = tempfile::tempdir().unwrap();
    let input = put(dir.path(), name, bytes);
    let md = dir.path().join("out.md");
    let json = dir.path().join("out.json");
    for args in [
        vec!["-f", "md", "-o", md.to_str().unwrap(), input.as_str()],
        vec!["convert", input.as_str(), "-o", json.to_str().unwrap()],
        vec!["validate", input.as_str()],
    ] {
        let (code, stdout, stderr) = run(&args);
        assert_ne!(code, 0, "{args:?}: {stdout}{stderr}");
        assert!(
            stderr.contains(message),
            "{args:?}: wanted {message:?} in:\n{stderr}"
        );
        assert!(
            stderr.contains(name),
            "{args:?}: the file is named:\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    assert!(!md.exists() && !json.exists(), "{name}: output written");
}

#[test]
fn bad_archives_are_refused_with_a_clear_message_and_no_output() {
    let profile = files()
        .into_iter()
        .find(|(n, _)| n == "Profile.csv")
        .unwrap()
        .1;
    // A bomb: 60 MB of zeros declared (over the 5 MB input limit), refused before it is inflated.
    let zeros = vec![b'0'; 60 << 20];
    let bomb = zip_of(&[
        ("Profile.csv".into(), profile.clone()),
        ("Positions.csv".into(), zeros),
    ]);
    assert!(bomb.len() < 1 << 20, "the bomb is small: {}", bomb.len());
    refused(
        "bomb.zip",
        &bomb,
        "Positions.csv: 62914560 bytes unpacked, over what is left of the input limit",
    );
    // Under the limit, but inflating a thousand times: a bomb too.
    let small_bomb = zip_of(&[("Skills.csv".into(), vec![b'a'; 2 << 20])]);
    refused("ratio.zip", &small_bomb, "a ZIP bomb; refused");
    // An entry that leads out of the archive.
    let trick = zip_of(&[
        ("Profile.csv".into(), profile.clone()),
        ("../../etc/Skills.csv".into(), b"Name\nx\n".to_vec()),
    ]);
    refused(
        "trick.zip",
        &trick,
        "`../../etc/Skills.csv` has `..` (a way out of the archive); refused",
    );
    // An export in French: refused, naming the file and the headers found.
    let french = zip_of(&[(
        "Positions.csv".into(),
        "Nom de l’entreprise,Titre,Description,Lieu,Date de début,Date de fin\r\nACME,Chef,x,Paris,janv. 2020,\r\n"
            .as_bytes()
            .to_vec(),
    )]);
    refused(
        "french.zip",
        &french,
        "Positions.csv: not the columns LinkedIn writes in this file (Company Name, Title, Description, Location, Started On, Finished On); its header row is: Nom de l’entreprise, Titre, Description, Lieu, Date de début, Date de fin. Only exports with English headers are read",
    );
    // A ZIP that is no LinkedIn export at all.
    let other = zip_of(&[("notes.txt".into(), b"hello".to_vec())]);
    refused(
        "other.zip",
        &other,
        "not a LinkedIn data export: none of its files",
    );
    // Not a ZIP, though named one.
    refused(
        "broken.zip",
        b"PK\x03\x04 not really",
        "not a readable ZIP archive",
    );
    // A field over the text limit, named by file, line and column.
    // (Letters that do not deflate well, so that it is no bomb.)
    let mut seed = 1u32;
    let text: String = (0..200_001)
        .map(|_| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            char::from(b'a' + ((seed >> 16) % 26) as u8)
        })
        .collect();
    let long = zip_of(&[(
        "Skills.csv".into(),
        format!("Name\r\n{text}\r\n").into_bytes(),
    )]);
    refused(
        "long.zip",
        &long,
        "Skills.csv: line 2, column Name: a text of 200001 characters",
    );
}

#[test]
fn a_folder_that_holds_two_exports_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "b"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::write(dir.path().join(sub).join("Skills.csv"), "Name\r\nRust\r\n").unwrap();
    }
    let (code, _, stderr) = run(&["-f", "md", "-o", "-", dir.path().to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(
        stderr.contains("two folders hold LinkedIn export files"),
        "{stderr}"
    );
}

#[test]
fn a_folder_of_resumes_stays_one_whatever_else_it_holds() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("samples/jsonresume-sample.json"),
        dir.path().join("cv.json"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("linkedin")).unwrap();
    std::fs::write(dir.path().join("linkedin/Skills.csv"), "Name\r\nRust\r\n").unwrap();
    let (code, md, stderr) = run(&["-q", "-f", "md", "-o", "-", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(md.contains("Richard Hendriks"), "{md}");
}

#[test]
fn from_linkedin_on_another_shape_says_so() {
    let sample = root().join("samples/jsonresume-sample.json");
    let (code, _, stderr) = run(&[
        "-f",
        "md",
        "-o",
        "-",
        "--from",
        "linkedin",
        sample.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("not a LinkedIn data export"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn watch_rebuilds_when_the_zip_changes() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), "export.zip", &fixture_zip(""));
    let mut child = Command::new(env!("CARGO_BIN_EXE_resume-export"))
        .args(["--watch", "-q", "-f", "md", "-d", "out", "export.zip"])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    let mut wait_for = |needle: &str| {
        let deadline = Instant::now() + Duration::from_secs(20);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match rx.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return,
                Ok(line) => seen.push(line),
                Err(_) => break,
            }
        }
        panic!("no {needle:?} in {seen:?}");
    };
    wait_for("watching for changes");
    // LinkedIn's next export, renamed over the old one.
    let renamed: Vec<(String, Vec<u8>)> = files()
        .into_iter()
        .map(|(n, d)| {
            let d = if n == "Profile.csv" {
                String::from_utf8(d)
                    .unwrap()
                    .replace("Mara,", "Maja,")
                    .into_bytes()
            } else {
                d
            };
            (n, d)
        })
        .collect();
    put(dir.path(), "next.zip", &zip_of(&renamed));
    std::fs::rename(dir.path().join("next.zip"), dir.path().join("export.zip")).unwrap();
    wait_for("rebuilt");
    let md = std::fs::read_to_string(dir.path().join("out/export.md")).unwrap();
    assert!(md.contains("# Maja Okonkwo-Lindqvist"), "{md}");
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn the_server_reads_the_zip() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_resume-export"))
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let address = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|l| {
            let v: serde_json::Value = serde_json::from_str(&l).ok()?;
            (v["event"] == "listening").then(|| v["address"].as_str().unwrap().to_string())
        })
        .expect("the server listens");
    std::thread::spawn(move || for _ in lines.map_while(Result::ok) {});
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let post = |path: &str, media: Option<&str>, body: &[u8]| {
        let mut r = agent.post(format!("{address}{path}"));
        if let Some(m) = media {
            r = r.header("Content-Type", m);
        }
        let mut a = r.send(body).unwrap();
        (a.status().as_u16(), a.body_mut().read_to_vec().unwrap())
    };
    let zip = fixture_zip("");
    let dir = tempfile::tempdir().unwrap();
    let input = put(dir.path(), "export.zip", &zip);
    let (cli, _) = markdown(&input, &["-q"]);
    for media in [Some("application/zip"), None] {
        let (status, body) = post("/v1/render?format=md", media, &zip);
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
        assert_eq!(String::from_utf8(body).unwrap(), cli);
    }
    let (status, body) = post("/v1/validate", Some("application/zip"), &zip);
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let other = zip_of(&[("notes.txt".into(), b"hello".to_vec())]);
    let (status, body) = post("/v1/render?format=md", Some("application/zip"), &other);
    let body = String::from_utf8_lossy(&body);
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("not a LinkedIn data export"), "{body}");
    let mut spec = agent
        .get(format!("{address}/v1/openapi.json"))
        .call()
        .unwrap();
    let spec: serde_json::Value =
        serde_json::from_slice(&spec.body_mut().read_to_vec().unwrap()).unwrap();
    let body = &spec["paths"]["/v1/render"]["post"]["requestBody"];
    assert_eq!(
        body["content"]["application/zip"]["schema"]["format"], "binary",
        "{body}"
    );
    assert!(
        body["description"].as_str().unwrap().contains("LinkedIn"),
        "{body}"
    );
    let _ = child.kill();
    let _ = child.wait();
}
