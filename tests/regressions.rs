//! Inputs the fuzzers and property tests found, minimised, through the whole
//! pipeline in every backend of `BACKENDS`. Each asserts what went wrong.

mod common;

use resume_export::backend::{BACKENDS, RenderOptions};
use resume_export::document::BuildOptions;
use resume_export::layout::Layout;
use resume_export::resume::ReadOptions;

/// Converts `input` with every backend at `width`; checks each output as the fuzzers do.
fn every_backend(input: &[u8], width: usize) -> Vec<(&'static str, Vec<u8>)> {
    let layout = Layout::builtin("classic").unwrap();
    let (_, doc) =
        resume_export::load(input, &ReadOptions::default(), &BuildOptions::default()).unwrap();
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
