//! Where outputs go, and writing them atomically.
//!
//! Every destination is checked before anything is written: an output never
//! replaces an input, and two inputs never silently share one output file.
//! Files are written to a temporary file in the same directory and renamed
//! into place, so an interrupted run never leaves a truncated file behind.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{is_stdin, stem};

/// A destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdout,
    File(PathBuf),
}

/// The destinations chosen so far in one run.
pub struct Plan {
    inputs: Vec<PathBuf>,
    claimed: Vec<(PathBuf, PathBuf)>,
}

/// An absolute, normalised form of a path that may not exist yet.
fn normalise(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    let parent = match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    match (parent.canonicalize(), p.file_name()) {
        (Ok(d), Some(name)) => d.join(name),
        _ => p.to_path_buf(),
    }
}

impl Plan {
    /// A plan for a run over these inputs.
    pub fn new(inputs: &[PathBuf]) -> Plan {
        Plan {
            inputs: inputs
                .iter()
                .filter(|p| !is_stdin(p))
                .map(|p| normalise(p))
                .collect(),
            claimed: Vec::new(),
        }
    }

    /// Chooses the destination of one output and claims it for `input`.
    pub fn target(
        &mut self,
        input: &Path,
        extension: &str,
        output: Option<&Path>,
        out_dir: Option<&Path>,
    ) -> Result<Target, String> {
        let path = match (output, out_dir) {
            (Some(o), _) if is_stdin(o) => return Ok(Target::Stdout),
            (Some(o), _) => {
                if let Some(parent) = o.parent().filter(|d| !d.as_os_str().is_empty())
                    && !parent.is_dir()
                {
                    return Err(format!(
                        "cannot write {}: directory {} does not exist",
                        o.display(),
                        parent.display()
                    ));
                }
                o.to_path_buf()
            }
            (None, Some(dir)) => {
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("cannot create directory {}: {e}", dir.display()))?;
                dir.join(stem(input)).with_extension(extension)
            }
            (None, None) => stem(input).with_extension(extension),
        };
        let key = normalise(&path);
        if self.inputs.contains(&key) {
            return Err(format!(
                "refusing to overwrite input file {} with output",
                path.display()
            ));
        }
        if let Some((_, other)) = self.claimed.iter().find(|(k, _)| *k == key) {
            return Err(format!(
                "output {} would overwrite the output of {}; use separate --out-dir runs or rename an input",
                path.display(),
                other.display()
            ));
        }
        self.claimed.push((key, input.to_path_buf()));
        Ok(Target::File(path))
    }
}

/// Writes bytes to a destination; files are replaced atomically.
pub fn write(target: &Target, bytes: &[u8]) -> Result<(), String> {
    match target {
        Target::Stdout => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)
                .and_then(|()| out.flush())
                .map_err(|e| format!("cannot write to standard output: {e}"))
        }
        Target::File(path) => {
            let dir = match path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            };
            let fail = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
            let mut tmp = tempfile::Builder::new()
                .prefix(".resume-export-")
                .suffix(".tmp")
                .tempfile_in(dir)
                .map_err(fail)?;
            tmp.write_all(bytes).map_err(fail)?;
            tmp.as_file().sync_all().map_err(fail)?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                // Outputs get ordinary file permissions, not the temporary file's 0600.
                std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644))
                    .map_err(fail)?;
            }
            tmp.persist(path).map_err(|e| fail(e.error))?;
            Ok(())
        }
    }
}
