//! Fuzz target `reader`: arbitrary bytes → parse_json → read_value → build → every backend.
//!
//! Invariants (see `resume_export_fuzz::render_all`): nothing panics, every
//! backend renders, Markdown and text hold no control character but `\n`,
//! text lines fit the width (80 here; `document` varies it), every DOCX XML
//! part is well-formed.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    resume_export_fuzz::run_bytes(data, 80);
});
