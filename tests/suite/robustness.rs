//! No input panics: every node of every real resume replaced by values of the wrong shape.

use crate::common;

use common::all_inputs;
use resume_export::backend::{BACKENDS, RenderOptions};
use resume_export::document::{BuildOptions, build};
use resume_export::layout::Layout;
use resume_export::resume::{ReadOptions, read_value};
use serde_json::{Value, json};

/// Values of every shape, including hostile text.
fn replacements() -> Vec<Value> {
    vec![
        Value::Null,
        json!(true),
        json!(0),
        json!(-1.5e300),
        json!(""),
        json!("present"),
        json!("2020-02-30"),
        json!("<b><i>**x"),
        json!("\u{1b}[2J\r\n\u{0}\u{202e}"),
        json!([]),
        json!([null, 1, "a", [], {}]),
        json!({}),
        json!({"en": "x", "de": ["y"]}),
        json!({"name": {"name": {"name": null}}}),
    ]
}

/// Paths to every node of a value, as JSON pointers.
fn pointers(v: &Value, here: String, out: &mut Vec<String>) {
    out.push(here.clone());
    match v {
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, format!("{here}/{i}"), out);
            }
        }
        Value::Object(o) => {
            for (k, x) in o {
                pointers(
                    x,
                    format!("{here}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        _ => {}
    }
}

#[test]
fn wrong_shapes_anywhere_never_panic() {
    let layout = Layout::builtin("classic").unwrap();
    let options = RenderOptions::default();
    let replacements = replacements();
    let mut runs = 0;
    for input in all_inputs() {
        let original: Value = {
            let bytes = std::fs::read(&input).unwrap();
            resume_export::resume::parse_json(&bytes).unwrap().1
        };
        let mut all = Vec::new();
        pointers(&original, String::new(), &mut all);
        // A deterministic spread of nodes: every 11th, so the test stays quick.
        for (n, pointer) in all.iter().enumerate().filter(|(n, _)| n % 11 == 0) {
            let replacement = &replacements[n % replacements.len()];
            let mut v = original.clone();
            if pointer.is_empty() {
                v = replacement.clone();
            } else if let Some(slot) = v.pointer_mut(pointer) {
                *slot = replacement.clone();
            }
            let parsed = read_value(v, &ReadOptions::default());
            let doc = build(&parsed.resume, &BuildOptions::default());
            for b in BACKENDS {
                let r = b.render(&doc, &layout, &options);
                assert!(r.is_ok(), "{} {pointer}: {:?}", input.display(), r.err());
            }
            runs += 1;
        }
    }
    // Each input gives a run for every 11th node: the samples alone give a few
    // dozen, the corpus several hundred more. Fewer means nodes were skipped.
    let least = if common::corpus().is_some() { 300 } else { 30 };
    assert!(runs > least, "{runs} runs, expected more than {least}");
}
