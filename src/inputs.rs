//! Command-line inputs become units: one resume each.
//!
//! An input is a file, a directory (`*.json`, `*.jsonl`, `*.yaml`, `*.yml` and `*.toml` inside; `-r`
//! recurses), a glob pattern expanded here (so it works in any shell), or
//! `-` for standard input. A directory that is LinkedIn's data export
//! unpacked (its CSV files in it, or in one folder inside it) is one unit,
//! read as the ZIP it came in. A JSON Lines file holds one resume per line and a
//! file whose top level is an array holds one per element: each is its own
//! unit. Expansion is sorted, so the unit order never depends on the file
//! system.

use std::io::{BufRead, Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::resume::Syntax;
use crate::resume::source::array_elements;

/// Where a unit's bytes come from.
#[derive(Debug, Clone)]
pub enum Origin {
    File(PathBuf),
    /// Standard input, read once.
    Stdin(Arc<Vec<u8>>),
    /// The input could not be expanded; the message says why.
    Missing(String),
}

/// A slice of a file holding one resume among several, and where it starts.
#[derive(Debug, Clone)]
pub struct Part {
    pub range: Range<usize>,
    /// 1-based line and column of the slice's first byte in the file.
    pub line: usize,
    pub column: usize,
}

/// One resume to convert.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Position in the expanded input order.
    pub id: usize,
    pub origin: Origin,
    pub part: Option<Part>,
    /// How the unit is named in messages and the report.
    pub label: String,
    /// The file name messages point at (`<stdin>` for standard input).
    pub file: String,
    /// Sub-directory of `--out-dir` that mirrors a directory or glob input.
    pub rel_dir: PathBuf,
    /// The input file's stem.
    pub stem: String,
    /// 1-based line (JSON Lines), element (array) or input position.
    pub index: usize,
    /// Whether this is one of several resumes in one file.
    pub member: bool,
}

impl Unit {
    /// The syntax of the unit's text: JSON for members of a list, else by the file's extension.
    pub fn syntax(&self) -> Option<Syntax> {
        if self.part.is_some() {
            return Some(Syntax::Json);
        }
        Syntax::of_name(&self.file)
    }

    /// Reads a photo the resume names: a plain file in the resume's folder
    /// or below it (the current directory for standard input), at most
    /// [`crate::resume::MAX_PHOTO_BYTES`]. The error ends a sentence: "photo `x`
    /// left out: …".
    pub fn read_photo(&self, name: &str) -> Result<Vec<u8>, String> {
        let dir = match &self.origin {
            Origin::File(resume) => resume.parent().filter(|d| !d.as_os_str().is_empty()),
            _ => None,
        }
        .unwrap_or(Path::new("."));
        read_photo_in(dir, name)
    }

    /// The unit's bytes; a file larger than `max_bytes` is not read.
    pub fn read(&self, max_bytes: usize) -> Result<Vec<u8>, String> {
        let fail = |e: std::io::Error| format!("cannot read {}: {e}", self.file);
        match (&self.origin, &self.part) {
            (Origin::Missing(m), _) => Err(m.clone()),
            (Origin::Stdin(data), None) => Ok(data.to_vec()),
            (Origin::Stdin(data), Some(p)) => Ok(data.get(p.range.clone()).unwrap_or(&[]).to_vec()),
            (Origin::File(path), None) if path.is_dir() => {
                crate::resume::reader::linkedin::pack_folder(path, max_bytes)
            }
            (Origin::File(path), None) => {
                // A file over the limit is refused before it is read into memory.
                let len = std::fs::metadata(path).map_err(fail)?.len();
                if len > max_bytes as u64 {
                    return Err(format!(
                        "{}: the input is {len} bytes, over the limit of {max_bytes} bytes (--max-input-size)",
                        self.file
                    ));
                }
                std::fs::read(path).map_err(fail)
            }
            (Origin::File(path), Some(p)) => {
                let mut f = std::fs::File::open(path).map_err(fail)?;
                f.seek(SeekFrom::Start(p.range.start as u64))
                    .map_err(fail)?;
                let mut buf = vec![0; p.range.len()];
                f.read_exact(&mut buf).map_err(fail)?;
                Ok(buf)
            }
        }
    }

    /// The input file on disk, if any (outputs must never replace it).
    pub fn path(&self) -> Option<&Path> {
        match &self.origin {
            Origin::File(p) => Some(p),
            _ => None,
        }
    }
}

/// How to expand inputs.
#[derive(Debug, Clone, Copy)]
pub struct Expand {
    /// Descend into sub-directories of directory inputs.
    pub recursive: bool,
    /// Standard input is read up to this many bytes (plus one, to tell it is over).
    pub max_input_bytes: usize,
}

impl Default for Expand {
    fn default() -> Self {
        Expand {
            recursive: false,
            max_input_bytes: crate::resume::Limits::default().max_input_bytes,
        }
    }
}

/// Expands command-line inputs into units, in a deterministic order.
pub fn expand(inputs: &[PathBuf], how: Expand) -> Vec<Unit> {
    let mut units = Vec::new();
    for input in inputs {
        expand_one(input, how, &mut units);
    }
    for (i, u) in units.iter_mut().enumerate() {
        u.id = i;
        if !u.member {
            u.index = i + 1;
        }
    }
    units
}

fn missing(input: &Path, message: String) -> Unit {
    Unit {
        id: 0,
        origin: Origin::Missing(message),
        part: None,
        label: input.display().to_string(),
        file: input.display().to_string(),
        rel_dir: PathBuf::new(),
        stem: "resume".into(),
        index: 0,
        member: false,
    }
}

fn is_glob(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

fn expand_one(input: &Path, how: Expand, units: &mut Vec<Unit>) {
    if input.as_os_str() == "-" {
        let mut data = Vec::new();
        // Read one byte past the limit, so an endless stream cannot exhaust memory.
        let limit = how.max_input_bytes.saturating_add(1) as u64;
        if let Err(e) = std::io::stdin().take(limit).read_to_end(&mut data) {
            units.push(missing(input, format!("cannot read standard input: {e}")));
            return;
        }
        if data.len() > how.max_input_bytes {
            units.push(missing(
                input,
                format!(
                    "<stdin>: standard input is over the limit of {} bytes (--max-input-size)",
                    how.max_input_bytes
                ),
            ));
            return;
        }
        let data = Arc::new(data);
        let base = Unit {
            id: 0,
            origin: Origin::Stdin(data.clone()),
            part: None,
            label: "<stdin>".into(),
            file: "<stdin>".into(),
            rel_dir: PathBuf::new(),
            stem: "resume".into(),
            index: 0,
            member: false,
        };
        split_members(base, &data, looks_like_json_lines(&data), units);
        return;
    }
    if input.is_dir() {
        match linkedin_folder(input) {
            Ok(true) => {
                add_file(input, PathBuf::new(), units);
                return;
            }
            Ok(false) => {}
            Err(e) => {
                units.push(missing(input, e));
                return;
            }
        }
        let mut files = Vec::new();
        list_dir(input, how.recursive, &mut files);
        files.sort();
        if files.is_empty() {
            units.push(missing(
                input,
                format!(
                    "{}: no .json or .jsonl files in this directory",
                    input.display()
                ),
            ));
        }
        for f in files {
            let rel = f
                .parent()
                .and_then(|p| p.strip_prefix(input).ok())
                .map(Path::to_path_buf)
                .unwrap_or_default();
            add_file(&f, rel, units);
        }
        return;
    }
    if input.is_file() {
        add_file(input, PathBuf::new(), units);
        return;
    }
    let text = input.to_string_lossy();
    if is_glob(&text) {
        let base = glob_base(input);
        let matches = match glob::glob(&text) {
            Ok(paths) => {
                let mut v: Vec<PathBuf> = paths
                    .filter_map(Result::ok)
                    .filter(|p| p.is_file())
                    .collect();
                v.sort();
                v
            }
            Err(e) => {
                units.push(missing(input, format!("bad pattern {text}: {e}")));
                return;
            }
        };
        if matches.is_empty() {
            units.push(missing(
                input,
                format!("{text}: the pattern matched no files"),
            ));
        }
        for m in matches {
            let rel = m
                .parent()
                .and_then(|p| p.strip_prefix(&base).ok())
                .map(Path::to_path_buf)
                .unwrap_or_default();
            add_file(&m, rel, units);
        }
        return;
    }
    units.push(missing(
        input,
        format!("cannot read {}: no such file or directory", input.display()),
    ));
}

/// Whether `dir` is LinkedIn's data export unpacked: its CSV files in it or
/// in one folder inside it, and no resume file of ours beside them (a folder
/// of resumes stays one, whatever else it holds).
pub fn linkedin_folder(dir: &Path) -> Result<bool, String> {
    let mut resumes = Vec::new();
    list_dir(dir, false, &mut resumes);
    if !resumes.is_empty() {
        return Ok(false);
    }
    crate::resume::reader::linkedin::folder_files(dir).map(|f| f.is_some())
}

/// The directory part of a glob pattern before its first wildcard.
fn glob_base(pattern: &Path) -> PathBuf {
    let mut base = PathBuf::new();
    for c in pattern.components() {
        if is_glob(&c.as_os_str().to_string_lossy()) {
            break;
        }
        base.push(c);
    }
    // A pattern like `dir/*.json` has base `dir`; `*.json` has the current directory.
    if base == pattern {
        base.pop();
    }
    base
}

fn list_dir(dir: &Path, recursive: bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        let hidden = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        // Directory symlinks are not followed, so a link cycle cannot loop.
        let is_link = std::fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink());
        if p.is_dir() {
            if recursive && !is_link {
                list_dir(&p, recursive, out);
            }
        } else if p.extension().and_then(|x| x.to_str()).is_some_and(|x| {
            ["json", "jsonl", "ndjson", "yaml", "yml", "toml"]
                .iter()
                .any(|e| x.eq_ignore_ascii_case(e))
        }) {
            out.push(p);
        }
    }
}

fn is_json_lines_name(p: &Path) -> bool {
    p.extension().is_some_and(|x| x == "jsonl" || x == "ndjson")
}

/// Several top-level values, one per line, with the first line a whole object.
fn looks_like_json_lines(data: &[u8]) -> bool {
    let mut lines = data
        .split(|b| *b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace));
    match (lines.next(), lines.next()) {
        (Some(first), Some(_)) => serde_json::from_slice::<serde::de::IgnoredAny>(first).is_ok(),
        _ => false,
    }
}

fn add_file(path: &Path, rel_dir: PathBuf, units: &mut Vec<Unit>) {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "resume".into());
    let name = path.display().to_string();
    let base = Unit {
        id: 0,
        origin: Origin::File(path.to_path_buf()),
        part: None,
        label: name.clone(),
        file: name,
        rel_dir: sanitize_rel(&rel_dir),
        stem,
        index: 0,
        member: false,
    };
    if is_json_lines_name(path) {
        match json_lines(path) {
            Ok(parts) => {
                for (n, part) in parts.into_iter().enumerate() {
                    units.push(member(&base, part, n, true));
                }
            }
            Err(e) => units.push(Unit {
                origin: Origin::Missing(e),
                ..base
            }),
        }
        return;
    }
    // Only a JSON file that starts with `[` can be an array of resumes (a TOML
    // file starts with `[table]`); others are not read here.
    let other_syntax = Syntax::of_name(&path.to_string_lossy()).is_some_and(|s| s != Syntax::Json);
    if !other_syntax
        && !path.is_dir()
        && starts_with_bracket(path)
        && let Ok(data) = std::fs::read(path)
    {
        split_members(base, &data, false, units);
        return;
    }
    units.push(base);
}

fn starts_with_bracket(path: &Path) -> bool {
    let mut head = [0u8; 512];
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    let n = f.read(&mut head).unwrap_or(0);
    let head = head.get(..n).unwrap_or(&[]);
    let head = head.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(head);
    head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[')
}

fn member(base: &Unit, part: Part, n: usize, lines: bool) -> Unit {
    let (label, index) = if lines {
        (format!("{}:{}", base.file, part.line), part.line)
    } else {
        (format!("{}[{n}]", base.file), n + 1)
    };
    Unit {
        label,
        index,
        member: true,
        part: Some(part),
        ..base.clone()
    }
}

/// Splits in-memory data into members (JSON Lines or array), or keeps it whole.
fn split_members(base: Unit, data: &[u8], lines: bool, units: &mut Vec<Unit>) {
    let parts = if lines {
        Some(line_parts(data))
    } else {
        array_elements(data).map(|spans| {
            spans
                .into_iter()
                .map(|range| {
                    let (line, column) = position(data, range.start);
                    Part {
                        range,
                        line,
                        column,
                    }
                })
                .collect()
        })
    };
    match parts {
        Some(parts) => {
            for (n, part) in parts.into_iter().enumerate() {
                units.push(member(&base, part, n, lines));
            }
        }
        None => units.push(base),
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn position(data: &[u8], offset: usize) -> (usize, usize) {
    let before = data.get(..offset).unwrap_or(data);
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(before.get(line_start..).unwrap_or(&[]))
        .chars()
        .count()
        + 1;
    (line, column)
}

fn line_parts(data: &[u8]) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (n, line) in data.split(|b| *b == b'\n').enumerate() {
        let end = start + line.len();
        let trimmed = line.strip_suffix(b"\r").unwrap_or(line);
        if !trimmed.iter().all(u8::is_ascii_whitespace) {
            parts.push(Part {
                range: start..start + trimmed.len(),
                line: n + 1,
                column: 1,
            });
        }
        start = end + 1;
    }
    parts
}

/// The lines of a JSON Lines file, read as a stream so the file is never held whole.
fn json_lines(path: &Path) -> Result<Vec<Part>, String> {
    let f =
        std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut reader = std::io::BufReader::new(f);
    let mut parts = Vec::new();
    let mut offset = 0usize;
    let mut line_no = 0usize;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let mut content = buf.as_slice();
        content = content.strip_suffix(b"\n").unwrap_or(content);
        content = content.strip_suffix(b"\r").unwrap_or(content);
        let skip_bom = if line_no == 1 && content.starts_with(&[0xEF, 0xBB, 0xBF]) {
            3
        } else {
            0
        };
        if !content.iter().all(u8::is_ascii_whitespace) {
            parts.push(Part {
                range: offset + skip_bom..offset + content.len(),
                line: line_no,
                column: 1,
            });
        }
        offset += n;
    }
    Ok(parts)
}

/// A relative directory without `..`, roots or prefixes, so outputs stay under --out-dir.
fn sanitize_rel(p: &Path) -> PathBuf {
    p.components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s),
            _ => None,
        })
        .collect()
}

/// Reads a photo a resume names from `dir`: a plain file in `dir` or a folder
/// below it, not a link, at most [`crate::resume::MAX_PHOTO_BYTES`]. The
/// command line passes the resume's folder; the Python binding its explicit
/// `base_dir`. The error ends a sentence: "photo `x` left out: …".
pub fn read_photo_in(dir: &Path, name: &str) -> Result<Vec<u8>, String> {
    let path = dir.join(name);
    let fail = |e: std::io::Error| format!("cannot be read ({}: {e})", path.display());
    let outside = || {
        format!(
            "is not in the resume's folder ({}); only a file beside the resume (or in a folder below it) is read",
            path.display()
        )
    };
    // The name itself was checked (no `..`, nothing absolute); where it
    // leads is checked here: a plain file, not a link, in the folder.
    let kind = std::fs::symlink_metadata(&path).map_err(fail)?.file_type();
    if kind.is_symlink() {
        return Err(format!(
            "is a symbolic link ({}); name the file itself",
            path.display()
        ));
    }
    if !kind.is_file() {
        return Err(format!("is not a file ({})", path.display()));
    }
    let within = std::fs::canonicalize(dir)
        .and_then(|d| std::fs::canonicalize(&path).map(|p| p.starts_with(d)))
        .map_err(fail)?;
    if !within {
        return Err(outside());
    }
    let len = std::fs::metadata(&path).map_err(fail)?.len();
    let max = crate::resume::MAX_PHOTO_BYTES as u64;
    if len > max {
        return Err(format!(
            "is {:.1} MB ({}), over the limit of {} MB",
            len as f64 / 1_048_576.0,
            path.display(),
            max / 1_048_576
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(&path)
        .and_then(|f| f.take(max + 1).read_to_end(&mut bytes))
        .map_err(fail)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_bases() {
        assert_eq!(glob_base(Path::new("a/b/*.json")), PathBuf::from("a/b"));
        assert_eq!(glob_base(Path::new("a/**/x.json")), PathBuf::from("a"));
        assert_eq!(glob_base(Path::new("*.json")), PathBuf::new());
    }

    #[test]
    fn lines_and_positions() {
        let data = b"{\"a\":1}\r\n\n  {\"b\":2}\n";
        let parts = line_parts(data);
        assert_eq!(parts.len(), 2);
        assert_eq!(&data[parts[0].range.clone()], b"{\"a\":1}");
        assert_eq!(parts[1].line, 3);
        assert_eq!(position(b"[\n  {}", 4), (2, 3));
        assert!(looks_like_json_lines(b"{}\n{}\n"));
        assert!(!looks_like_json_lines(b"{\n\"a\": 1\n}\n"));
    }

    #[test]
    fn relative_dirs_stay_inside() {
        assert_eq!(sanitize_rel(Path::new("../a/./b")), PathBuf::from("a/b"));
    }
}
