//! Fuzz target `document`: an arbitrary resume-shaped JSON value (see
//! `resume_export_fuzz::resume`) → read_value → build → every backend, with
//! the same invariants as `reader`.

#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(width) = resume_export_fuzz::width(&mut u) else {
        return;
    };
    let Ok(value) = resume_export_fuzz::resume(&mut u) else {
        return;
    };
    resume_export_fuzz::run_value(value, width);
});
