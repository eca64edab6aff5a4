//! The options that name files (a layout folder, a brand, a font folder, a template), read from disk for every face that allows them.
//!
//! The command line and the Python binding call these same functions, so a
//! layout folder, a `brand.toml` or a template reads the same from both.
//! Messages name the file; a face adds its own word for the option in front.

use std::path::{Path, PathBuf};

use crate::backend::{FontFile, custom::Custom};
use crate::brand::Brand;
use crate::layout::{self, Layout};

/// The files a layout folder may hold (besides `i18n/*.toml`).
const LAYOUT_FILES: [&str; 4] = ["layout.toml", "markdown.hbs", "text.hbs", "html.css"];

/// A built-in layout by name, or a layout folder read from disk.
pub fn layout(spec: &str) -> Result<Layout, String> {
    let path = Path::new(spec);
    if Layout::builtin_files(spec).is_none() && !path.is_dir() && spec.contains(['/', '\\']) {
        // A path, not a name: say what is wrong with the path.
        let what = if path.exists() {
            "is not a folder"
        } else {
            "does not exist"
        };
        return Err(format!(
            "layout folder {spec} {what} (a layout is a built-in name: {}; or a folder)",
            Layout::builtins()
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if Layout::builtin_files(spec).is_some() || !path.is_dir() {
        return Layout::builtin(spec).map_err(|e| e.to_string());
    }
    let mut files = Vec::new();
    for name in LAYOUT_FILES {
        let p = path.join(name);
        if p.is_file() {
            files.push((name.to_string(), read_text(&p)?));
        }
    }
    let i18n = path.join("i18n");
    if i18n.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&i18n)
            .map_err(|e| format!("cannot read {}: {e}", i18n.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        entries.sort();
        for p in entries {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            files.push((format!("i18n/{name}"), read_text(&p)?));
        }
    }
    if files.is_empty() {
        return Err(format!(
            "{spec}: the folder has no layout.toml, markdown.hbs, text.hbs, html.css or i18n/*.toml"
        ));
    }
    Layout::from_source(layout::Source {
        name: spec.trim_end_matches('/').to_string(),
        files,
    })
    .map_err(|e| e.to_string())
}

fn read_text(p: &Path) -> Result<String, String> {
    std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()))
}

/// An agency's letterhead: a `brand.toml`, or a folder holding one, and the
/// logo it names (relative to it). A missing or broken file is an error naming it.
pub fn brand(path: &Path) -> Result<Brand, String> {
    let file = if path.is_dir() {
        path.join("brand.toml")
    } else {
        path.to_path_buf()
    };
    let source = std::fs::read_to_string(&file)
        .map_err(|e| format!("cannot read brand {}: {e}", file.display()))?;
    let shown = file.display().to_string();
    let logo_name = toml::from_str::<crate::brand::File>(&source)
        .ok()
        .and_then(|f| f.logo);
    let logo = match logo_name {
        None => None,
        Some(name) => {
            let logo = file
                .parent()
                .map_or_else(|| PathBuf::from(&name), |dir| dir.join(&name));
            let bytes = std::fs::read(&logo)
                .map_err(|e| format!("{shown}: cannot read the logo {}: {e}", logo.display()))?;
            Some((logo.display().to_string(), bytes))
        }
    };
    Brand::parse(
        &shown,
        &source,
        logo.as_ref().map(|(n, b)| (n.as_str(), b.as_slice())),
    )
}

/// Every `.ttf`/`.otf` file in `dir`, in name order (so output does not
/// depend on directory order). Messages start with the path.
pub fn font_dir(dir: &Path) -> Result<Vec<FontFile>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| x.eq_ignore_ascii_case("ttf") || x.eq_ignore_ascii_case("otf"))
        })
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            Ok(FontFile {
                name: p.display().to_string(),
                bytes: bytes.into(),
            })
        })
        .collect()
}

/// A handlebars template (`cv.html.hbs`), compiled; its name gives the
/// output's extension.
pub fn template(path: &Path) -> Result<Custom, String> {
    let source = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Custom::new(&path.display().to_string(), &source).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_paths_are_told_apart() {
        assert!(layout("classic").is_ok());
        let e = layout("nope").err().unwrap_or_default();
        assert!(e.contains("unknown layout `nope`"), "{e}");
        let e = layout("no/such/folder").err().unwrap_or_default();
        assert!(
            e.starts_with("layout folder no/such/folder does not exist"),
            "{e}"
        );
        let e = layout("src/lib.rs").err().unwrap_or_default();
        assert!(e.contains("is not a folder"), "{e}");
    }

    #[test]
    fn missing_files_are_named() {
        let e = font_dir(Path::new("no/fonts")).err().unwrap_or_default();
        assert!(e.starts_with("no/fonts: "), "{e}");
        let e = brand(Path::new("no/brand.toml")).err().unwrap_or_default();
        assert!(e.starts_with("cannot read brand no/brand.toml"), "{e}");
        let e = template(Path::new("no/cv.html.hbs"))
            .err()
            .unwrap_or_default();
        assert!(e.starts_with("cannot read no/cv.html.hbs"), "{e}");
    }
}
