//! Nothing is lost: every fact of the inputs reaches every text format.

use crate::common;

use common::{convert_text, leaves, root, squash, unescape_markdown};
use serde_json::Value;

/// `2013-12-01` → `Dec 2013`, as the builder formats dates.
fn formatted_date(iso: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut parts = iso.split('-');
    let year = parts.next().unwrap_or("");
    match parts.next().and_then(|m| m.parse::<usize>().ok()) {
        Some(m) => format!("{} {year}", MONTHS[m - 1]),
        None => year.to_string(),
    }
}

fn official_sample() -> std::path::PathBuf {
    root().join("samples/jsonresume-sample.json")
}

fn check_nothing_lost(format: &str, normalise: fn(&str) -> String) {
    let path = official_sample();
    let json: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let output = normalise(&convert_text(&path, format));
    let mut fields = Vec::new();
    leaves(&json, String::new(), &mut fields, true);
    let mut missing = Vec::new();
    let mut checked = 0;
    for (field, value) in fields {
        // The schema link and the (empty) image are not resume content; meta is file metadata.
        if field == "$schema" || field.starts_with("meta.") || field == "basics.image" {
            continue;
        }
        let expected = if field.ends_with("Date") || field.ends_with(".date") {
            formatted_date(&value)
        } else {
            squash(&value)
        };
        checked += 1;
        if !output.contains(&expected) {
            missing.push(format!("{field} = {expected:?}"));
        }
    }
    assert!(checked > 60, "only {checked} fields checked");
    assert!(
        missing.is_empty(),
        "{format} output lacks:\n{}\n\n{output}",
        missing.join("\n")
    );
}

#[test]
fn official_sample_loses_nothing_in_markdown() {
    check_nothing_lost("md", |md| {
        // Link targets count: `[text](<url>)` keeps the url.
        unescape_markdown(md)
    });
}

#[test]
fn official_sample_loses_nothing_in_text() {
    check_nothing_lost("txt", squash);
}

#[test]
fn official_sample_loses_nothing_in_html() {
    check_nothing_lost("html", |html| {
        common::html_text(&common::check_html(html, "html"))
    });
}

/// Every position in the seed document: (title, employer, dates).
fn seed_positions() -> Vec<(String, String, String)> {
    let Some(seed) = common::seed()
        .and_then(|dir| std::fs::read_dir(dir).ok())
        .and_then(|rd| {
            rd.filter_map(|e| e.ok())
                .find(|e| e.path().extension().is_some_and(|x| x == "txt"))
        })
    else {
        return Vec::new();
    };
    let text = std::fs::read_to_string(seed.path()).unwrap();
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let is_date_at = |w: &[&str], i: usize| {
        months.contains(&w[i])
            && w.get(i + 1)
                .is_some_and(|y| y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()))
    };
    let mut out = Vec::new();
    for segment in text.split("### ").skip(1) {
        let Some((title, rest)) = segment.split_once(" @ ") else {
            continue;
        };
        let words: Vec<&str> = rest.split(' ').collect();
        let Some(i) = (0..words.len()).find(|&i| is_date_at(&words, i)) else {
            continue;
        };
        let employer = words[..i].join(" ");
        let end_len = if words.get(i + 3) == Some(&"Present") {
            1
        } else {
            2
        };
        let dates = words[i..i + 3 + end_len].join(" ");
        out.push((title.trim().to_string(), employer, dates));
    }
    out
}

#[test]
fn alex_rn_markdown_shows_every_position_of_the_seed() {
    let positions = seed_positions();
    if positions.is_empty() {
        return; // no seed: `seed_positions` said so
    }
    assert_eq!(positions.len(), 11, "{positions:?}");
    let md = unescape_markdown(&convert_text(&root().join("samples/alex-rn.json"), "md"));
    let txt = squash(&convert_text(&root().join("samples/alex-rn.json"), "txt"));
    for (title, employer, dates) in positions {
        for out in [&md, &txt] {
            assert!(out.contains(&title), "{title} missing");
            assert!(out.contains(&employer), "{employer} missing");
            assert!(out.contains(&dates), "{dates} of {employer} missing");
        }
    }
}

#[test]
fn alex_rn_carries_every_sentence_of_the_seed() {
    let Some(entry) = common::seed()
        .and_then(|dir| std::fs::read_dir(dir).ok())
        .and_then(|rd| {
            rd.filter_map(|e| e.ok())
                .find(|e| e.path().extension().is_some_and(|x| x == "txt"))
        })
    else {
        return;
    };
    let seed = std::fs::read_to_string(entry.path()).unwrap();
    // What follows `---` is the seed's provenance footer (kept in `meta`, not rendered).
    let seed = seed.split(" --- ").next().unwrap_or(&seed).to_string();
    let md = unescape_markdown(&convert_text(&root().join("samples/alex-rn.json"), "md"));
    // Every URL of the seed is in the output.
    for word in seed.split_whitespace().filter(|w| w.starts_with("http")) {
        assert!(md.contains(word), "URL {word} missing");
    }
    // The header line.
    for part in ["# Alex RN", "Software Engineer", "Palo Alto, California"] {
        assert!(md.contains(part), "{part} missing");
    }
    // The education heading: degree and school (shown with a separator between them).
    for part in [
        "Bachelor of Engineering in Computer Science",
        "National Institute of Technology, Tiruchirappalli",
    ] {
        assert!(md.contains(part), "{part} missing");
    }
    // Every long sentence fragment of the prose (URLs and headings cut out) is in the output.
    let prose: String = seed
        .split_whitespace()
        .map(|w| if w.contains("://") { "." } else { w })
        .collect::<Vec<_>>()
        .join(" ");
    let mut missing = Vec::new();
    for sentence in prose.split(['.', '#']).map(str::trim).filter(|s| {
        s.len() > 40
            && !s.contains('@')
            && !s.starts_with("Bachelor of Engineering")
            && !s.contains("Location:")
    }) {
        if !md.contains(sentence) {
            missing.push(sentence.to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "sentences missing:\n{}",
        missing.join("\n")
    );
}
