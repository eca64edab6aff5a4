//! The integration tests, one binary with a module per area (as cargo's and ripgrep's are).
//!
//! One binary links the crate and its dependencies once, where 34 did it 34 times.
//! Run one area with `cargo test --test suite <module>`, e.g. `cargo test --test suite docx::`;
//! `common` and `pdf_dump` are the helpers the areas share.

mod common;
mod pdf_dump;

mod batch;
mod brand;
mod bundle;
mod bundle_letters;
mod check;
mod check_hostile;
mod check_letter;
mod cli;
mod content;
mod corpus;
mod docx;
mod docx_looks;
mod docx_rtl;
mod fit;
mod formats;
mod golden;
mod hostile;
mod html;
mod hyphens;
mod languages;
mod last_page;
mod layouts;
mod letter;
mod letter_docx_lists;
mod letter_signature;
mod linkedin;
mod look;
mod looks;
mod markdown_input;
mod pdf;
mod pdf_cli;
mod pdf_standards;
mod photo;
mod posting;
mod posting_serve;
mod properties;
mod readers;
mod readers2;
mod regressions;
mod robustness;
mod scripts;
mod serve;
mod tagged;
mod tailoring;
mod validate;
mod watch;
