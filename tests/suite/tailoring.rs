//! Layouts, languages, section control, tags, redaction and custom templates, through the binary.

use crate::common;

use std::path::Path;

use assert_cmd::Command;
use common::root;
use predicates::str::contains;

fn cmd() -> Command {
    Command::cargo_bin("resume-export").unwrap()
}

fn sample() -> std::path::PathBuf {
    root().join("samples/jsonresume-sample.json")
}

fn output(args: &[&str], input: &Path) -> String {
    let out = cmd()
        .args(args)
        .arg(input)
        .args(["-o", "-"])
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn each_builtin_layout_renders_every_input_in_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = common::all_inputs();
    for layout in ["classic", "modern", "compact"] {
        let out = tmp.path().join(layout);
        cmd()
            .args(["-q", "-f", "all", "--layout", layout, "-d"])
            .arg(&out)
            .args(&inputs)
            .assert()
            .success();
        let n = std::fs::read_dir(&out).unwrap().count();
        assert_eq!(
            n,
            inputs.len() * resume_export::backend::BACKENDS.len(),
            "{layout}"
        );
    }
}

#[test]
fn layouts_differ_and_are_listed() {
    cmd()
        .arg("layouts")
        .assert()
        .success()
        .stdout(contains("classic"))
        .stdout(contains("modern"))
        .stdout(contains("compact"));
    let classic = output(&["-q", "-f", "txt", "--layout", "classic"], &sample());
    let compact = output(&["-q", "-f", "txt", "--layout", "compact"], &sample());
    let modern = output(&["-q", "-f", "txt", "--layout", "modern"], &sample());
    assert!(
        classic.contains("EXPERIENCE") && modern.contains("\nExperience\n"),
        "modern keeps title case"
    );
    assert!(
        compact.contains("12/2013 – 12/2014"),
        "compact uses numeric dates"
    );
    assert!(
        compact.lines().count() < classic.lines().count(),
        "compact is denser"
    );
}

#[test]
fn a_layout_folder_overrides_one_file_and_keys_are_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("mine");
    std::fs::create_dir_all(dir.join("i18n")).unwrap();
    std::fs::write(dir.join("layout.toml"), "extends = \"modern\"\n[sections]\norder = [\"skills\", \"work\"]\n[sections.titles]\nwork = \"Career\"\n").unwrap();
    std::fs::write(dir.join("i18n/en.toml"), "skills = \"Toolbox\"\n").unwrap();
    let md = output(
        &["-q", "-f", "md", "--layout", dir.to_str().unwrap()],
        &sample(),
    );
    let toolbox = md.find("## Toolbox").expect("renamed by i18n override");
    let career = md.find("## Career").expect("renamed by layout");
    assert!(toolbox < career, "layout order");
    std::fs::write(
        dir.join("layout.toml"),
        "extends = \"modern\"\n[colors]\naccnet = \"#000000\"\n",
    )
    .unwrap();
    cmd()
        .args(["-f", "md", "--layout"])
        .arg(&dir)
        .arg(sample())
        .assert()
        .code(2)
        .stderr(contains(
            "layout.toml:3:1: unknown field `accnet`, expected one of `text`, `accent`",
        ));
    cmd()
        .args(["-f", "md", "--layout", "nope"])
        .arg(sample())
        .assert()
        .code(2)
        .stderr(contains("unknown layout `nope`"));
    // A path (not a name) that leads nowhere is said as such, naming it.
    let missing = tmp.path().join("no-such-layout");
    cmd()
        .args(["-f", "md", "--layout"])
        .arg(&missing)
        .arg(sample())
        .assert()
        .code(2)
        .stderr(contains(format!(
            "layout folder {} does not exist",
            missing.display()
        )));
}

#[test]
fn layouts_export_writes_an_editable_copy() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("copy");
    cmd()
        .args(["layouts", "--export", "classic"])
        .arg(&dir)
        .assert()
        .success();
    let toml = std::fs::read_to_string(dir.join("layout.toml")).unwrap();
    assert!(toml.starts_with("extends = \"classic\""));
    let md = output(
        &["-q", "-f", "md", "--layout", dir.to_str().unwrap()],
        &sample(),
    );
    assert_eq!(md, output(&["-q", "-f", "md"], &sample()));
    // The copy's stylesheet is the one the HTML uses once edited.
    let css = dir.join("html.css");
    let edited = format!(
        "{}\n/* edited-here */\n",
        std::fs::read_to_string(&css).unwrap()
    );
    std::fs::write(&css, edited).unwrap();
    let html = output(
        &["-q", "-f", "html", "--layout", dir.to_str().unwrap()],
        &sample(),
    );
    assert!(
        html.contains("/* edited-here */"),
        "the folder's html.css is not used"
    );
}

#[test]
fn languages_set_titles_months_and_present() {
    let de = output(&["-q", "-f", "txt", "--lang", "de"], &sample());
    assert!(
        de.contains("BERUFSERFAHRUNG")
            && de.contains("Dez. 2013 – Dez. 2014")
            && de.contains("E-Mail:"),
        "{de}"
    );
    let ja = output(&["-q", "-f", "md", "--lang", "ja"], &sample());
    assert!(
        ja.contains("## 職歴") && ja.contains("2013年12月 〜 2014年12月"),
        "{ja}"
    );
    let ar = output(&["-q", "-f", "md", "--lang", "ar"], &sample());
    assert!(
        ar.contains("## الخبرة العملية") && ar.contains("ديسمبر 2013"),
        "{ar}"
    );
    // The document language follows.
    let tmp = tempfile::tempdir().unwrap();
    cmd()
        .args(["-q", "-f", "docx", "--lang", "ar", "-d"])
        .arg(tmp.path())
        .arg(sample())
        .assert()
        .success();
    let docx = std::fs::read(tmp.path().join("jsonresume-sample.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut core = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("docProps/core.xml").unwrap(), &mut core)
        .unwrap();
    assert!(core.contains("<dc:language>ar</dc:language>"), "{core}");
}

#[test]
fn the_language_comes_from_the_resume_when_not_given() {
    let de = output(
        &["-q", "-f", "txt"],
        &root().join("samples/lebenslauf-de.json"),
    );
    assert!(de.contains("BERUFSERFAHRUNG"), "meta.language de");
    if let Some(corpus) = common::corpus() {
        let zh = output(
            &["-q", "-f", "md"],
            &corpus.join("real/15-abramyang-zh.json"),
        );
        assert!(zh.contains("## 工作经历"), "guessed from the text");
    }
    cmd()
        .args(["-f", "md", "--lang", "xx"])
        .arg(sample())
        .assert()
        .code(2)
        .stderr(contains("no words for language `xx`"));
}

#[test]
fn sections_select_and_order() {
    let md = output(
        &["-q", "-f", "md", "--sections", "skills,experience"],
        &sample(),
    );
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(headings, ["## Skills", "## Experience"]);
}

const TAGGED: &str = r#"{
  "basics": {"name": "Tess Tagg"},
  "work": [
    {"name": "Rusty", "position": "Backend", "startDate": "2020-01", "tags": ["rust"],
     "highlights": [{"text": "Wrote a parser", "tags": ["rust"]}, {"text": "Ran a team", "tags": ["lead"]}, "Untagged win", "Fourth"]},
    {"name": "Webby", "position": "Frontend", "startDate": "2018-01", "tags": ["js"]},
    {"name": "Generic", "position": "Engineer", "startDate": "2016-01"}
  ],
  "meta": {"sections": ["work"], "sectionTitles": {"work": "Where I worked"}}
}"#;

#[test]
fn tags_and_max_highlights_tailor_one_master_resume() {
    let run = |args: &[&str]| {
        let out = cmd()
            .args(args)
            .args(["-q", "-f", "txt", "-", "-o", "-"])
            .write_stdin(TAGGED)
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let all = run(&[]);
    assert!(all.contains("Rusty") && all.contains("Webby") && all.contains("Ran a team"));
    assert!(all.contains("WHERE I WORKED"), "meta.sectionTitles");
    assert!(!all.contains("SKILLS"), "meta.sections");
    let rust = run(&["--tags", "rust"]);
    assert!(
        rust.contains("Rusty") && rust.contains("Generic") && !rust.contains("Webby"),
        "{rust}"
    );
    assert!(
        rust.contains("Wrote a parser")
            && !rust.contains("Ran a team")
            && rust.contains("Untagged win")
    );
    let short = run(&["--max-highlights", "2"]);
    assert!(short.contains("Ran a team") && !short.contains("Untagged win"));
}

/// An extra section whose key is camelCase takes its title from
/// `meta.sectionTitles` in any case, and can be hidden by `--sections`.
#[test]
fn a_camel_case_extra_section_gets_its_title() {
    let resume = r#"{"basics": {"name": "Cam El"},
      "sideProjects": [{"name": "Kiln"}], "freelancing": [{"name": "Shop"}],
      "meta": {"sectionTitles": {"sideProjects": "Side work", "freelancing": "Gigs"}}}"#;
    let run = |args: &[&str]| {
        let out = cmd()
            .args(args)
            .args(["-q", "-f", "md", "-", "-o", "-"])
            .write_stdin(resume)
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let md = run(&[]);
    assert!(
        md.contains("## Side work") && md.contains("## Gigs"),
        "{md}"
    );
    assert!(!md.contains("Side Projects"), "{md}");
    let only = run(&["--sections", "sideprojects"]);
    assert!(
        only.contains("## Side work") && !only.contains("Gigs"),
        "{only}"
    );
}

#[test]
fn redaction_leaves_no_trace_in_any_output() {
    let tmp = tempfile::tempdir().unwrap();
    // `.htm`: the HTML format of `-f all` writes the `.html` file.
    let template = tmp.path().join("resume.htm.hbs");
    std::fs::copy(root().join("samples/templates/resume.html.hbs"), &template).unwrap();
    let out = tmp.path().join("out");
    cmd()
        .args(["-q", "-f", "all", "--redact", "all", "--template"])
        .arg(&template)
        .arg("-d")
        .arg(&out)
        .arg(sample())
        .assert()
        .success();
    let secrets = [
        "Richard Hendriks",
        "richard.hendriks@mail.com",
        "(912) 555-4321",
        "912",
        "richardhendricks.example.com",
        "2712 Broadway",
        "CA 94115",
        "neutralthoughts",
        "dandymusicnl",
    ];
    let mut files = 0;
    for entry in std::fs::read_dir(&out).unwrap() {
        let path = entry.unwrap().path();
        let mut bytes = std::fs::read(&path).unwrap();
        if path.extension().is_some_and(|e| e == "pdf") {
            // Objects sit in compressed object streams: look at them written out plainly.
            let mut pdf = lopdf::Document::load_mem(&bytes).unwrap();
            pdf.decompress();
            bytes.clear();
            pdf.save_to(&mut bytes).unwrap();
        }
        if path.extension().is_some_and(|e| e == "docx") {
            // Look inside every part of the package.
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
            bytes.clear();
            for i in 0..zip.len() {
                std::io::Read::read_to_end(&mut zip.by_index(i).unwrap(), &mut bytes).unwrap();
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        for s in secrets {
            assert!(!text.contains(s), "{} leaks {s}", path.display());
        }
        assert!(
            text.contains("R. H."),
            "{} shows the initials",
            path.display()
        );
        files += 1;
    }
    assert_eq!(files, resume_export::backend::BACKENDS.len() + 1);
}

#[test]
fn custom_templates_render_and_report_errors_with_positions() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path().join("card.html.hbs");
    std::fs::write(&t, "<h1>{{header.name}}</h1>\n<p>{{resume.basics.email}}</p>\n{{#each sections}}<h2>{{title}}</h2>{{/each}}\n").unwrap();
    let json = r#"{"basics": {"name": "A <b>&</b> B", "email": "a@example.com"}, "skills": [{"name": "Rust"}]}"#;
    let out = cmd()
        .args(["--template"])
        .arg(&t)
        .args(["-", "-o", "-"])
        .write_stdin(json)
        .assert()
        .success();
    let html = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(
        html,
        "<h1>A &lt;b&gt;&amp;&lt;/b&gt; B</h1>\n<p>a@example.com</p>\n<h2>Skills</h2>\n"
    );
    // A misspelt variable is an error with its line and column.
    std::fs::write(&t, "<h1>{{header.name}}</h1>\n<p>{{header.nmae}}</p>\n").unwrap();
    cmd()
        .args(["--template"])
        .arg(&t)
        .args(["-", "-o", "-"])
        .write_stdin(json)
        .assert()
        .code(1)
        .stderr(contains("line 2, column 4"))
        .stderr(contains("header.nmae"));
    // A syntax error stops before any input is read.
    std::fs::write(&t, "{{#each sections}}\n").unwrap();
    cmd()
        .args(["--template"])
        .arg(&t)
        .arg(sample())
        .assert()
        .code(2)
        .stderr(contains("card.html.hbs:"));
    // The output takes the template's extension.
    std::fs::write(&t, "{{header.name}}\n").unwrap();
    let out = tmp.path().join("out");
    cmd()
        .args(["-q", "--template"])
        .arg(&t)
        .arg("-d")
        .arg(&out)
        .arg(sample())
        .assert()
        .success();
    assert!(out.join("jsonresume-sample.html").is_file());
}
