//! Writing outputs: atomically for files, straight through for standard output.

use std::io::Write;
use std::path::{Path, PathBuf};

/// A destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdout,
    File(PathBuf),
}

impl Target {
    /// How the target is named in reports.
    pub fn display(&self) -> String {
        match self {
            Target::Stdout => "<stdout>".into(),
            Target::File(p) => p.display().to_string(),
        }
    }
}

/// Writes bytes to a destination. A file is written to a temporary file in the same
/// directory and renamed into place, so a failure never leaves a partial file.
pub fn write(target: &Target, bytes: &[u8], inject_failure: bool) -> Result<(), String> {
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
            std::fs::create_dir_all(dir).map_err(fail)?;
            let mut tmp = tempfile::Builder::new()
                .prefix(".resume-export-")
                .suffix(".tmp")
                .tempfile_in(dir)
                .map_err(fail)?;
            if inject_failure {
                // Tests use this to prove that a failure mid-write leaves nothing behind.
                let half = bytes.get(..bytes.len() / 2).unwrap_or(&[]);
                tmp.write_all(half).map_err(fail)?;
                return Err(fail(std::io::Error::other("injected failure")));
            }
            tmp.write_all(bytes).map_err(fail)?;
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
