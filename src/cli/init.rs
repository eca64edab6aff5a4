//! `init`: a starter resume that shows every section and our extensions, with the schema beside it for the editor.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The starter resume (valid under [`crate::schema`], converted by the tests).
pub const STARTER: &str = include_str!("starter.json");

/// The schema file the starter names in `$schema`.
const SCHEMA_FILE: &str = "resume.schema.json";

/// Writes `file` (default `resume.json`): the starter, or `from` converted to
/// JSON Resume; and, beside it, the schema it names, unless that is there
/// already. Never replaces a file.
pub fn run(file: Option<&Path>, from: Option<&Path>, letter: bool) -> ExitCode {
    if letter {
        return starter_letter(file);
    }
    let file = file.map_or_else(|| PathBuf::from("resume.json"), Path::to_path_buf);
    if file.exists() {
        eprintln!(
            "error: {} exists; init never replaces a file (choose another name)",
            file.display()
        );
        return ExitCode::FAILURE;
    }
    let dir = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let content = match from {
        None => STARTER.as_bytes().to_vec(),
        Some(other) => {
            let Some(json) = super::convert::to_json_resume(other, None, false) else {
                return ExitCode::FAILURE;
            };
            name_local_schema(&json)
        }
    };
    if let Err(e) = create_new(&file, &content) {
        eprintln!("error: {}: {e}", file.display());
        return ExitCode::FAILURE;
    }
    let schema = dir.join(SCHEMA_FILE);
    let wrote_schema =
        !schema.exists() && create_new(&schema, crate::schema::text().as_bytes()).is_ok();
    eprintln!(
        "wrote {}{}; edit it, then: resume-export {}",
        file.display(),
        if wrote_schema {
            format!(" and {} (completion in your editor)", schema.display())
        } else {
            String::new()
        },
        file.display()
    );
    ExitCode::SUCCESS
}

/// `init --letter`: the starter letter at `file` (default `letter.md`); never replaces a file.
fn starter_letter(file: Option<&Path>) -> ExitCode {
    let file = file.map_or_else(|| PathBuf::from("letter.md"), Path::to_path_buf);
    if let Err(e) = create_new(&file, crate::letter::STARTER.as_bytes()) {
        eprintln!(
            "error: {}: {e} (init never replaces a file)",
            file.display()
        );
        return ExitCode::FAILURE;
    }
    eprintln!(
        "wrote {0}; edit it (its `resume:` names your resume), then: resume-export {0}",
        file.display()
    );
    ExitCode::SUCCESS
}

/// A converted resume names the schema written beside it, as the starter does.
fn name_local_schema(json: &[u8]) -> Vec<u8> {
    let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(json) else {
        return json.to_vec();
    };
    if let Some(o) = value.as_object_mut() {
        o.insert(
            "$schema".into(),
            serde_json::Value::String(format!("./{SCHEMA_FILE}")),
        );
    }
    let mut out = serde_json::to_vec_pretty(&value).unwrap_or_else(|_| json.to_vec());
    out.push(b'\n');
    out
}

/// Creates `path` with `bytes`, failing if it exists (no race with another writer).
fn create_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}
