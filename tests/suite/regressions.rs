//! Inputs the fuzzers and property tests found, minimised, through the whole
//! pipeline in every backend of `BACKENDS`. Each asserts what went wrong.

use crate::common;

use resume_export::backend::{BACKENDS, RenderOptions};
use resume_export::layout::Layout;

/// Converts `input` with every backend at `width`; checks each output as the fuzzers do.
fn every_backend(input: &[u8], width: usize) -> Vec<(&'static str, Vec<u8>)> {
    let layout = Layout::builtin("classic").unwrap();
    let (_, doc) = resume_export::load(input, &layout).unwrap();
    let options = RenderOptions {
        width,
        ..RenderOptions::default()
    };
    BACKENDS
        .iter()
        .map(|b| {
            let bytes = b.render(&doc, &layout, &options).unwrap().bytes;
            match b.name() {
                "md" => common::check_markdown(&String::from_utf8(bytes.clone()).unwrap(), "md"),
                "txt" => {
                    common::check_text(&String::from_utf8(bytes.clone()).unwrap(), width, "txt")
                }
                "docx" => {
                    common::check_docx(&bytes, "docx");
                }
                _ => {}
            }
            (b.name(), bytes)
        })
        .collect()
}

/// proptest: `&` followed by a multi-byte character that straddles byte 12
/// panicked in the entity reader (a string slice inside a character).
#[test]
fn entity_lookahead_inside_a_multibyte_character() {
    let input = r#"{"volunteer": [{"summary": ["&\u09bc\u1ff2\u0a3e\u08e3"]}]}"#;
    let out = every_backend(input.as_bytes(), 20);
    let txt = out.iter().find(|(n, _)| *n == "txt").unwrap();
    assert!(String::from_utf8_lossy(&txt.1).contains("&\u{9bc}\u{1ff2}\u{a3e}\u{8e3}"));
}

/// fuzz `reader`: a date kept as text with a line break, wider than the line,
/// was printed unwrapped in the right column (85 columns at --width 80).
#[test]
fn long_date_text_with_a_line_break_fits_the_width() {
    let input = b"{\n \"k\": [\n  {  \"endDate\": \"2\\rhAnsi-motivatnnovative and very dediheden to his wok an mtionhip with co-workers.\" } ]\n}\n";
    for width in [20, 80] {
        let out = every_backend(input, width);
        let txt =
            String::from_utf8(out.iter().find(|(n, _)| *n == "txt").unwrap().1.clone()).unwrap();
        let joined: String = txt.split_whitespace().collect();
        assert!(joined.contains("2hAnsi-motivatnnovative"), "{txt}");
    }
    // The same beside a title, and without the line break.
    let input = br#"{"work": [{"position": "Engineer", "startDate": "2020", "endDate": "until the very end of the project that never ends, and then some more time after that"}]}"#;
    let out = every_backend(input, 80);
    let txt = String::from_utf8(out.iter().find(|(n, _)| *n == "txt").unwrap().1.clone()).unwrap();
    assert!(txt.contains("Engineer"), "{txt}");
}

/// fuzz `reader`: the title of a section outside JSON Resume comes from its
/// key, which can be any length; text printed it unwrapped (194 columns).
#[test]
fn long_section_title_fits_the_width() {
    let key = format!("reference{}", " S".repeat(90));
    let input = serde_json::to_vec(&serde_json::json!({ key: ["one item"] })).unwrap();
    for width in [20, 80] {
        let out = every_backend(&input, width);
        let txt =
            String::from_utf8(out.iter().find(|(n, _)| *n == "txt").unwrap().1.clone()).unwrap();
        assert!(txt.starts_with("REFERENCE S S"), "{txt}");
        assert!(txt.contains("one item"), "{txt}");
    }
}
