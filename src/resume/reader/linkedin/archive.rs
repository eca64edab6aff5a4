//! The export's files: picked out of the ZIP (safely) or out of its unpacked folder.
//!
//! Only the files of [`FILES`] are ever inflated; the rest (connections,
//! messages, ads…) are passed over unread. Each file read is held to what is
//! left of the input's byte limit, by its declared size before it is
//! inflated and by the bytes actually read while it is; an entry that
//! inflates more than [`MAX_RATIO`] times is a ZIP bomb and refused before
//! it is touched. Entry names that could lead outside the archive (`..`,
//! absolute paths, drive letters, backslashes) and symbolic links refuse the
//! whole archive: a real export has none.

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use super::{FILES, Known};
use crate::resume::Limits;

/// The most an entry of at least [`RATIO_FROM`] bytes may inflate: text
/// deflates 3 to 10 times; a bomb, a thousand.
const MAX_RATIO: u64 = 100;
const RATIO_FROM: u64 = 4096;

/// One file of the export, read.
#[derive(Debug)]
pub(super) struct Entry {
    pub known: &'static Known,
    /// Its path in the archive or below the folder.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The export file a name is, compared without case (`Profile.csv`).
fn known(name: &str) -> Option<&'static Known> {
    FILES.iter().find(|k| k.name.eq_ignore_ascii_case(name))
}

/// Why an entry name is not a plain relative path, if it is not.
fn path_trick(name: &str) -> Option<&'static str> {
    let drive = name.len() >= 2 && name.as_bytes().get(1) == Some(&b':');
    if name.starts_with('/') || drive {
        Some("an absolute path")
    } else if name.contains('\\') {
        Some("a backslash (a Windows path)")
    } else if name.contains('\0') {
        Some("a NUL byte")
    } else if name.split('/').any(|c| c == "..") {
        Some("`..` (a way out of the archive)")
    } else {
        None
    }
}

/// The entries of `bytes` (a ZIP) that are export files, read within `limits`.
pub(super) fn unzip(bytes: &[u8], limits: &Limits) -> Result<Vec<Entry>, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a readable ZIP archive: {e}"))?;
    if zip.len() > limits.max_items {
        return Err(format!(
            "the archive holds {} entries, over the limit of {}",
            zip.len(),
            limits.max_items
        ));
    }
    // (index, known file, name, declared size, compressed size)
    let mut picked: Vec<(usize, &'static Known, String, u64, u64)> = Vec::new();
    let mut others = Vec::new();
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|e| format!("entry {} of the archive cannot be read: {e}", i + 1))?;
        let name = entry.name().to_string();
        if let Some(why) = path_trick(&name).or_else(|| {
            entry
                .enclosed_name()
                .is_none()
                .then_some("a path outside the archive")
        }) {
            return Err(format!(
                "the archive's entry `{name}` has {why}; refused (an export holds plain files)"
            ));
        }
        if entry.is_symlink() {
            return Err(format!(
                "the archive's entry `{name}` is a symbolic link; refused (an export holds plain files)"
            ));
        }
        if entry.is_dir() {
            continue;
        }
        let parts: Vec<&str> = name.split('/').filter(|p| !p.is_empty()).collect();
        let file = match parts.as_slice() {
            [file] => Some(*file),
            [folder, file] if *folder != "__MACOSX" => Some(*file),
            _ => None,
        };
        match file.and_then(known) {
            Some(k) => picked.push((i, k, name, entry.size(), entry.compressed_size())),
            None => others.push(name),
        }
    }
    if picked.is_empty() {
        return Err(not_an_export(&others));
    }
    one_export(picked.iter().map(|p| (p.1, p.2.as_str())))?;
    let mut left = limits.max_input_bytes;
    let mut out = Vec::new();
    for (i, known, name, size, packed) in picked {
        let over = |n: u64| {
            format!(
                "{name}: {n} bytes unpacked, over what is left of the input limit ({left} of {} bytes, --max-input-size)",
                limits.max_input_bytes
            )
        };
        if size > left as u64 {
            return Err(over(size));
        }
        if size >= RATIO_FROM && size > packed.saturating_mul(MAX_RATIO) {
            return Err(format!(
                "{name}: {packed} bytes that unpack to {size}, more than {MAX_RATIO} times as many: a ZIP bomb; refused"
            ));
        }
        let mut data = Vec::new();
        let entry = zip
            .by_index(i)
            .map_err(|e| format!("{name} cannot be unpacked: {e}"))?;
        // The declared size may lie: never read past the limit.
        entry
            .take(left as u64 + 1)
            .read_to_end(&mut data)
            .map_err(|e| format!("{name} cannot be unpacked: {e}"))?;
        if data.len() > left {
            return Err(over(data.len() as u64));
        }
        left -= data.len();
        out.push(Entry {
            known,
            path: name,
            bytes: data,
        });
    }
    out.sort_by_key(|e| FILES.iter().position(|k| std::ptr::eq(k, e.known)));
    Ok(out)
}

fn not_an_export(others: &[String]) -> String {
    let names: Vec<&str> = FILES.iter().map(|k| k.name).collect();
    let mut held: Vec<&str> = others.iter().take(5).map(String::as_str).collect();
    if others.len() > 5 {
        held.push("…");
    }
    format!(
        "not a LinkedIn data export: none of its files ({}) is at the top of the archive or in one folder inside it (it holds {})",
        names.join(", "),
        if held.is_empty() {
            "nothing".to_string()
        } else {
            held.join(", ")
        }
    )
}

/// The files must be one export: each file once, all in the same folder.
fn one_export<'a>(
    files: impl Iterator<Item = (&'static Known, &'a str)> + Clone,
) -> Result<(), String> {
    let folder = |p: &str| p.rsplit_once('/').map_or("", |(f, _)| f).to_string();
    let mut seen: Vec<(&'static Known, &str)> = Vec::new();
    for (k, path) in files {
        if let Some((_, first)) = seen.iter().find(|(s, _)| std::ptr::eq(*s, k)) {
            return Err(format!(
                "two {} ({first} and {path}): more than one export; give one at a time",
                k.name
            ));
        }
        if let Some((_, first)) = seen.first()
            && folder(first) != folder(path)
        {
            return Err(format!(
                "export files in two places ({first} and {path}): more than one export; give one at a time"
            ));
        }
        seen.push((k, path));
    }
    Ok(())
}

/// The export files of a folder: in it, or in the one folder inside it that
/// holds them. `Ok(None)` when it holds none; an error when two folders do.
pub fn folder_files(dir: &Path) -> Result<Option<Vec<(&'static Known, PathBuf)>>, String> {
    let files_in = |d: &Path| -> Vec<(&'static Known, PathBuf)> {
        let mut v: Vec<_> = std::fs::read_dir(d)
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().to_string();
                known(&name).map(|k| (k, e.path()))
            })
            .collect();
        v.sort_by(|a, b| a.1.cmp(&b.1));
        v
    };
    let here = files_in(dir);
    if !here.is_empty() {
        return Ok(Some(here));
    }
    let mut subs: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .collect();
    subs.sort();
    let mut found: Vec<(PathBuf, Vec<_>)> = subs
        .into_iter()
        .map(|s| (s.clone(), files_in(&s)))
        .filter(|(_, f)| !f.is_empty())
        .collect();
    match found.len() {
        0 => Ok(None),
        1 => Ok(found.pop().map(|(_, f)| f)),
        _ => Err(format!(
            "{}: two folders hold LinkedIn export files ({} and {}); give one export at a time",
            dir.display(),
            found
                .first()
                .map_or(String::new(), |f| f.0.display().to_string()),
            found
                .get(1)
                .map_or(String::new(), |f| f.0.display().to_string()),
        )),
    }
}

/// The export files of a folder, packed as the ZIP they came in, so that a
/// folder is read exactly as its archive is. Symbolic links are refused, and
/// the files together are held to `max_bytes`.
pub fn pack_folder(dir: &Path, max_bytes: usize) -> Result<Vec<u8>, String> {
    let files = folder_files(dir)?.ok_or_else(|| {
        let names: Vec<&str> = FILES.iter().map(|k| k.name).collect();
        format!(
            "{}: not a LinkedIn data export (none of {} in it or in one folder inside it)",
            dir.display(),
            names.join(", ")
        )
    })?;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut total = 0u64;
    for (_, path) in files {
        let fail = |e: &dyn std::fmt::Display| format!("cannot read {}: {e}", path.display());
        let meta = std::fs::symlink_metadata(&path).map_err(|e| fail(&e))?;
        if meta.file_type().is_symlink() {
            return Err(format!(
                "{} is a symbolic link; refused (an export holds plain files)",
                path.display()
            ));
        }
        if !meta.is_file() {
            continue;
        }
        total += meta.len();
        if total > max_bytes as u64 {
            return Err(format!(
                "{}: the export's files are over {total} bytes together, over the limit of {max_bytes} bytes (--max-input-size)",
                dir.display()
            ));
        }
        let mut bytes = Vec::new();
        std::fs::File::open(&path)
            .and_then(|f| f.take(max_bytes as u64 + 1).read_to_end(&mut bytes))
            .map_err(|e| fail(&e))?;
        let rel = path.strip_prefix(dir).unwrap_or(&path);
        let name: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().to_string())
            .collect();
        zip.start_file(name.join("/"), options)
            .map_err(|e| fail(&e))?;
        zip.write_all(&bytes).map_err(|e| fail(&e))?;
    }
    zip.finish()
        .map(Cursor::into_inner)
        .map_err(|e| format!("{}: {e}", dir.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default();
        for (name, data) in files {
            z.start_file(*name, o).unwrap();
            z.write_all(data).unwrap();
        }
        z.finish().unwrap().into_inner()
    }

    #[test]
    fn files_at_the_root_or_in_one_folder() {
        let l = Limits::default();
        let z = zip_of(&[("Skills.csv", b"Name\n"), ("Connections.csv", b"x")]);
        let e = unzip(&z, &l).unwrap();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].known.name, "Skills.csv");
        let z = zip_of(&[
            ("Export/skills.csv", b"Name\n"),
            ("Export/deep/Profile.csv", b""),
        ]);
        let e = unzip(&z, &l).unwrap();
        assert_eq!(e.len(), 1);
        let z = zip_of(&[("a/Skills.csv", b""), ("b/Skills.csv", b"")]);
        assert!(unzip(&z, &l).unwrap_err().contains("two Skills.csv"));
        let z = zip_of(&[("a/Skills.csv", b""), ("Profile.csv", b"")]);
        assert!(unzip(&z, &l).unwrap_err().contains("two places"));
        let z = zip_of(&[("notes.txt", b"")]);
        assert!(
            unzip(&z, &l)
                .unwrap_err()
                .contains("not a LinkedIn data export")
        );
    }

    #[test]
    fn symbolic_links_are_refused() {
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default();
        z.add_symlink("Profile.csv", "/etc/passwd", o).unwrap();
        let z = z.finish().unwrap().into_inner();
        let e = unzip(&z, &Limits::default()).unwrap_err();
        assert!(e.contains("`Profile.csv` is a symbolic link"), "{e}");
    }

    #[test]
    fn path_tricks_are_named() {
        assert!(path_trick("../Profile.csv").is_some());
        assert!(path_trick("a/../../Profile.csv").is_some());
        assert!(path_trick("/etc/passwd").is_some());
        assert!(path_trick("C:/x.csv").is_some());
        assert!(path_trick("a\\b.csv").is_some());
        assert!(path_trick("Export/Profile.csv").is_none());
    }

    #[test]
    fn limits_hold_before_and_while_unpacking() {
        let l = Limits {
            max_input_bytes: 10,
            ..Limits::default()
        };
        let z = zip_of(&[("Skills.csv", b"Name\nRust, Go\n")]);
        assert!(unzip(&z, &l).unwrap_err().contains("over what is left"));
        // A size that lies (5 bytes declared, 100 stored): never read past the limit.
        let l = Limits {
            max_input_bytes: 50,
            ..Limits::default()
        };
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        w.start_file("Skills.csv", o).unwrap();
        w.write_all(&[b'a'; 100]).unwrap();
        let mut z = w.finish().unwrap().into_inner();
        for (sig, at) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
            let start = z.windows(4).position(|x| x == sig).unwrap();
            z[start + at..start + at + 4].copy_from_slice(&5u32.to_le_bytes());
        }
        let e = unzip(&z, &l).unwrap_err();
        assert!(
            e.contains("over what is left") || e.contains("cannot be unpacked"),
            "{e}"
        );
    }
}
