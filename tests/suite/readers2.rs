//! Readers, round 2: Reactive Resume v5 read whole, v4 layouts, items and
//! periods, FRESH single dates and section summaries, through the binary.

use crate::readers::{check_convert, check_nothing_lost, fixture, run};

/// Warnings of a run on stderr, one a line.
fn warnings(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("warning: "))
        .collect()
}

#[test]
fn reactive_resume_v5_sample_is_read_whole() {
    let rel = "reactive-resume/v5-sample.json";
    let (md, stderr) = check_nothing_lost(
        rel,
        &[
            (
                "picture",
                "presentation (size, border, shadow); the address is kept as basics.image (checked below)",
            ),
            (
                "customSections[].type",
                "the kind of a custom section decides how its items are read",
            ),
            (
                "sections.profiles.items[].website.label",
                "the address written shorter; the address is shown",
            ),
        ],
    );
    // Each of the losses of issue 27, now shown.
    for shown in [
        "Passionate game developer with 5+ years",
        "- Architected and implemented core combat system",
        "University of Washington",
        "3.6 GPA",
        "Unity Certified Expert: Programmer",
        "Optimizing Unity Games for Mobile",
        "*Mar 2022 – Present*",
        "*2014 – 2018*",
        "**Unity Engine** (Expert)",
        "### Game Developer — Pixel Forge Interactive",
        "- Core developer on 'Starbound Odyssey,'",
    ] {
        assert!(md.contains(shown), "{shown:?} missing:\n{md}");
    }
    // The hidden skill is not shown; the cover letter is named by its path.
    assert!(!md.contains("Performance Optimization"), "{md}");
    assert!(!md.contains("Dear Hiring Manager"), "{md}");
    assert!(
        stderr.contains("customSections[1]: a Reactive Resume cover letter"),
        "{stderr}"
    );
    // Layout-only keys are one note, not a warning each.
    let w = warnings(&stderr);
    assert!(w.len() <= 6, "{stderr}");
    for noise in [
        ".icon",
        ".hidden",
        ".keepTogether",
        ".columns",
        "startOnNewPage",
    ] {
        assert!(
            !w.iter().any(|l| l.contains(&format!("{noise}:"))),
            "{noise}: {stderr}"
        );
    }
    // Order from metadata.layout: page 1 main, then sidebar, then page 2…
    let at = |s: &str| md.find(s).unwrap_or(usize::MAX);
    assert!(at("## Summary") < at("## Education"));
    assert!(at("## Education") < at("## Experience"));
    assert!(at("## Skills") < at("Pixel Forge Interactive\n"));
    assert!(at("## Awards") < at("## Projects"));
    let json = check_convert(rel);
    assert_eq!(json["work"][0]["startDate"], "2022-03");
    assert!(json["work"][0].get("endDate").is_none(), "ongoing");
    assert_eq!(
        json["education"][0]["institution"],
        "University of Washington"
    );
    assert_eq!(json["education"][0]["score"], "3.6 GPA");
    assert_eq!(json["skills"][0]["level"], "Expert");
    assert_eq!(json["meta"]["language"], "en-US");
}

#[test]
fn reactive_resume_v4_sections_missing_from_the_layout_come_back() {
    let rel = "reactive-resume/v4-import-test.json";
    let (md, stderr) = check_nothing_lost(
        rel,
        &[
            ("basics.picture.url", "kept as basics.image, never fetched"),
            ("basics.url.label", "a link's label: the address is shown"),
            (
                "sections.profiles.name",
                "profiles sit in the header, without a title",
            ),
            (
                "sections.certifications.name",
                "Reactive Resume's default title: the built-in words of the resume's language are used",
            ),
        ],
    );
    // The layout names experience, education and skills; the nine others follow.
    for s in [
        "## Awards",
        "## Certificates",
        "## Volunteer",
        "## Interests",
        "## Languages",
        "## Projects",
        "## Publications",
        "## References",
        "## Summary",
    ] {
        assert!(md.contains(s), "{s} missing:\n{md}");
    }
    let at = |s: &str| md.find(s).unwrap_or(usize::MAX);
    assert!(
        at("## Summary") < at("## Experience"),
        "summary first:\n{md}"
    );
    assert!(
        at("## Skills") < at("## Awards"),
        "laid-out ones first:\n{md}"
    );
    assert!(
        stderr.contains(
            "metadata.layout: sections with content that Reactive Resume's layout leaves out"
        ),
        "{stderr}"
    );
    // Items Reactive Resume treats as empty are left out, with a note, not bare headings.
    assert!(!md.contains("ghost"), "{md}");
    assert!(
        stderr.contains("sections.experience.items[1]: an item with no `company`"),
        "{stderr}"
    );
    // `2010-2014` and `2020-2024` are ranges, so the converted file validates.
    assert!(
        md.contains("*2010 – 2014*") && md.contains("*2020 – 2024*"),
        "{md}"
    );
    let json = check_convert(rel);
    assert_eq!(json["education"][0]["startDate"], "2010");
    assert_eq!(json["education"][0]["endDate"], "2014");
    assert_eq!(json["work"][0]["endDate"], "2024");
}

#[test]
fn reactive_resume_v4_period_forms_are_dates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("periods.json");
    let items: Vec<String> = [
        "2019",
        "June 2016 to December 2018",
        "Jan 2019 - Present",
        "2020-2024",
        "2010–2014",
        "2020 - 2024",
    ]
    .iter()
    .enumerate()
    .map(|(i, d)| {
        format!(r#"{{"company": "Co {i}", "position": "P", "date": "{d}", "visible": true}}"#)
    })
    .collect();
    std::fs::write(
        &path,
        format!(
            r#"{{"basics": {{"name": "Ana", "headline": "Dev"}}, "metadata": {{"layout": [[["experience"]]]}},
            "sections": {{"experience": {{"name": "Experience", "visible": true, "items": [{}]}}}}}}"#,
            items.join(",")
        ),
    )
    .unwrap();
    let out = dir.path().join("out.json");
    let (code, _, stderr) = run(&[
        "convert",
        path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("will not pass validate"), "{stderr}");
    let (code, stdout, stderr) = run(&["validate", "--strict", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let range = |i: usize| {
        let w = &json["work"][i];
        (
            w["startDate"].as_str().unwrap_or("").to_string(),
            w["endDate"].as_str().unwrap_or("").to_string(),
        )
    };
    assert_eq!(range(0), ("2019".into(), "2019".into()));
    assert_eq!(range(1), ("2016-06".into(), "2018-12".into()));
    assert_eq!(range(2), ("2019-01".into(), String::new()));
    assert_eq!(range(3), ("2020".into(), "2024".into()));
    assert_eq!(range(4), ("2010".into(), "2014".into()));
    assert_eq!(range(5), ("2020".into(), "2024".into()));
}

#[test]
fn fresh_single_dates_and_section_summaries() {
    let rel = "fresh/jane-fullstacker.json";
    let (code, md, stderr) = run(&["-q", "-f", "md", "-o", "-", fixture(rel).to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    // A sample and a book have one date: a point in time, not "– Present".
    assert!(md.contains("*Sep 2014* · [janef.me/asteroids]"), "{md}");
    assert!(!md.contains("Sep 2014 – Present"), "{md}");
    // Section summaries open their sections, under no empty heading.
    let at = |s: &str| md.find(s).unwrap_or(usize::MAX);
    let intro = at("7+ years industry IT and software development experience.");
    assert!(
        at("## Experience") < intro && intro < at("### Head Code Ninja"),
        "{md}"
    );
    assert!(md.contains("Active US Army Reserve member"), "{md}");
    assert!(md.contains("Member of numerous collegiate"), "{md}");
    assert!(!md.contains("###\n"), "bare heading:\n{md}");
}

#[test]
fn fresh_titles_lose_their_markup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fresh.json");
    std::fs::write(
        &path,
        r#"{"name": "Ana", "meta": {"format": "FRESH@1.0.0"},
            "employment": {"history": [{"employer": "<em>Acme</em>", "position": "**Lead** Engineer",
              "summary": "Led **everything**."}]}}"#,
    )
    .unwrap();
    let (code, md, stderr) = run(&["-q", "-f", "md", "-o", "-", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(md.contains("### Lead Engineer — Acme"), "{md}");
    assert!(md.contains("Led **everything**."), "{md}");
}
