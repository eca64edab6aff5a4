//! `serve`: reads what the server needs from disk (layouts, token) once, then hands over to [`crate::serve`].

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::Arc;

use super::args::ServeArgs;
use super::{load_layout, usage_error};
use crate::backend::BACKENDS;
use crate::layout::Layout;
use crate::serve::{self, Config};

pub(super) fn run(args: &ServeArgs) -> ExitCode {
    let layouts = match layouts(args) {
        Ok(l) => l,
        Err(e) => return usage_error(&e),
    };
    let token = match &args.token_file {
        None => None,
        Some(path) => match std::fs::read_to_string(path) {
            Ok(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
            Ok(_) => {
                return usage_error(&format!(
                    "--token-file {}: the file is empty",
                    path.display()
                ));
            }
            Err(e) => return usage_error(&format!("--token-file {}: {e}", path.display())),
        },
    };
    let timestamp = match super::export::source_date_epoch() {
        Ok(t) => t,
        Err(e) => return usage_error(&e),
    };
    let workers = args.workers.map(usize::from).unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let config = Config {
        bind: args.bind,
        workers,
        queue: usize::from(args.queue),
        max_body: args.max_body,
        timeout: args.timeout,
        header_timeout: args.header_timeout,
        grace: args.grace,
        layouts,
        token,
        timestamp,
    };
    match serve::run(config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The built-in layouts and those in `--layouts DIR` (one per sub-folder),
/// each with every template compiled, so no request waits for it.
fn layouts(args: &ServeArgs) -> Result<BTreeMap<String, (Arc<Layout>, String)>, String> {
    let mut out = BTreeMap::new();
    let mut add = |name: String, layout: Layout| -> Result<(), String> {
        layout
            .compile_templates(BACKENDS)
            .map_err(|e| format!("layout {name}: {e}"))?;
        let description = layout.definition().description.clone();
        if out
            .insert(name.clone(), (Arc::new(layout), description))
            .is_some()
        {
            return Err(format!(
                "--layouts: `{name}` is already a layout's name; rename the folder"
            ));
        }
        Ok(())
    };
    for (name, _) in Layout::builtins() {
        add(
            name.to_string(),
            Layout::builtin(name).map_err(|e| e.to_string())?,
        )?;
    }
    if let Some(dir) = &args.layouts {
        let entries =
            std::fs::read_dir(dir).map_err(|e| format!("--layouts {}: {e}", dir.display()))?;
        let mut folders: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .collect();
        folders.sort();
        for folder in folders {
            let Some(name) = folder
                .file_name()
                .and_then(|n| n.to_str())
                .map(String::from)
            else {
                continue;
            };
            let layout = load_layout(&folder.display().to_string())?;
            add(name, layout)?;
        }
    }
    Ok(out)
}
