//! `--watch`: export once, then again whenever an input (or a photo beside it), the layout folder, the template, a font or the brand changes.
//!
//! Parent directories are watched, not the files: editors save by writing a
//! new file and renaming it over the old one, which ends a watch on the file
//! itself. Events are debounced and filtered by path. The watcher also reports
//! files being opened (our own reads among them), so an event only leads to a
//! rebuild when the watched files' sizes or modification times differ from
//! the last build's; that check reads metadata only, so it makes no events.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{Config, DebounceEventResult, new_debouncer_opt};

use super::args::ExportArgs;
use super::{USAGE, export, is_stdin, usage_error};

/// Quiet time after the last event before a rebuild: long enough to take an
/// editor's save (write, rename, chmod) as one change, short enough not to be felt.
const DEBOUNCE: Duration = Duration::from_millis(50);

/// The resume files a directory input holds (as `crate::inputs` lists them).
const INPUT_EXTENSIONS: &[&str] = &["json", "jsonl", "ndjson", "yaml", "yml", "toml"];

/// What one part of the command line makes us watch.
#[derive(Debug, Clone)]
enum Rule {
    /// One file; its parent directory is watched.
    File(PathBuf),
    /// Non-hidden files with one of these extensions in a directory (and its
    /// sub-directories when recursive).
    Tree {
        dir: PathBuf,
        recursive: bool,
        extensions: &'static [&'static str],
    },
}

impl Rule {
    /// The directory to watch and whether recursively.
    fn watch_point(&self) -> (PathBuf, bool) {
        match self {
            Rule::File(f) => (
                f.parent().map_or_else(|| f.clone(), Path::to_path_buf),
                false,
            ),
            Rule::Tree { dir, recursive, .. } => (dir.clone(), *recursive),
        }
    }

    fn matches(&self, path: &Path) -> bool {
        match self {
            Rule::File(f) => path == f,
            Rule::Tree {
                dir,
                recursive,
                extensions,
            } => path.strip_prefix(dir).is_ok_and(|rel| {
                let parts: Vec<_> = rel.components().collect();
                let depth_ok = *recursive || parts.len() == 1;
                let hidden = parts
                    .iter()
                    .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
                depth_ok && !parts.is_empty() && !hidden && has_extension(path, extensions)
            }),
        }
    }
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| extensions.iter().any(|e| x.eq_ignore_ascii_case(e)))
}

/// The rules for `args`, or the usage error that rules `--watch` out.
fn rules(args: &ExportArgs) -> Result<Vec<Rule>, String> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut rules = Vec::new();
    let file = |rules: &mut Vec<Rule>, p: &Path| {
        let abs = absolute(p);
        // A symbolic link's target may live elsewhere: watch both places.
        if let Ok(real) = std::fs::canonicalize(&abs)
            && real != abs
        {
            rules.push(Rule::File(real));
        }
        rules.push(Rule::File(abs));
    };
    for input in &args.inputs {
        if is_stdin(input) {
            return Err("--watch cannot watch standard input ('-'); name the file instead".into());
        }
        if input.is_dir() && crate::inputs::linkedin_folder(input).unwrap_or(false) {
            // LinkedIn's export unpacked: its CSV files, here or one folder down.
            rules.push(Rule::Tree {
                dir: absolute(input),
                recursive: true,
                extensions: &["csv"],
            });
        } else if input.is_dir() {
            rules.push(Rule::Tree {
                dir: absolute(input),
                recursive: args.recursive,
                extensions: INPUT_EXTENSIONS,
            });
        } else if !input.exists() && input.to_string_lossy().contains(['*', '?', '[']) {
            return Err(format!(
                "--watch takes files and directories, not the pattern {}: let the shell \
                 expand it (no quotes), or name the directory",
                input.display()
            ));
        } else {
            file(&mut rules, input);
            // A photo beside the resume (basics.image names it relative to the file).
            if let Some(dir) = absolute(input).parent() {
                rules.push(Rule::Tree {
                    dir: dir.to_path_buf(),
                    recursive: false,
                    extensions: IMAGE_EXTENSIONS,
                });
            }
        }
    }
    if let Some(brand) = &args.brand {
        // brand.toml and its logo.
        let dir = if brand.is_dir() {
            Some(absolute(brand))
        } else {
            absolute(brand).parent().map(Path::to_path_buf)
        };
        if let Some(dir) = dir {
            rules.push(Rule::Tree {
                dir,
                recursive: false,
                extensions: &["toml", "png", "jpg", "jpeg"],
            });
        }
    }
    let layout = Path::new(&args.layout);
    if crate::layout::Layout::builtin_files(&args.layout).is_none() && layout.is_dir() {
        // layout.toml, markdown.hbs, text.hbs, html.css and i18n/*.toml.
        rules.push(Rule::Tree {
            dir: absolute(layout),
            recursive: true,
            extensions: &["toml", "hbs", "css"],
        });
    }
    if let Some(t) = &args.template {
        file(&mut rules, t);
    }
    if let Some(dir) = &args.font_dir {
        rules.push(Rule::Tree {
            dir: absolute(dir),
            recursive: false,
            extensions: &["ttf", "otf"],
        });
    }
    Ok(rules)
}

/// Photos a resume may name beside it.
const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg"];

/// Size and modification time of every watched file (`None`: missing).
type Fingerprint = Vec<(PathBuf, Option<(u64, SystemTime)>)>;

/// Metadata only: reading contents would open the files and wake the watcher again.
fn fingerprint(rules: &[Rule], outputs: &[PathBuf]) -> Fingerprint {
    let stat = |p: &Path| {
        std::fs::metadata(p)
            .ok()
            .map(|m| (m.len(), m.modified().unwrap_or(SystemTime::UNIX_EPOCH)))
    };
    let mut out = Vec::new();
    for rule in rules {
        match rule {
            Rule::File(f) => out.push((f.clone(), stat(f))),
            Rule::Tree { dir, recursive, .. } => {
                let mut files = Vec::new();
                list(dir, *recursive, &mut files);
                files.retain(|f| rule.matches(f) && !outputs.contains(f));
                files.sort();
                out.extend(files.into_iter().map(|f| {
                    let s = stat(&f);
                    (f, s)
                }));
            }
        }
    }
    out
}

/// Files under `dir`; symbolic links to directories are not followed.
fn list(dir: &Path, recursive: bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if recursive {
                list(&entry.path(), recursive, out);
            }
        } else {
            out.push(entry.path());
        }
    }
}

/// What wakes the loop.
enum Wake {
    Changed,
    WatchError(String),
    Stop,
}

/// One export; the files written and how long it took.
fn build(args: &ExportArgs) -> (ExitCode, Vec<String>, Duration) {
    let start = Instant::now();
    let mut written = Vec::new();
    let code = export::run_into(args, &mut written);
    (code, written, start.elapsed())
}

/// "out/a.pdf, out/a.md" or, for many, "12 files".
fn describe(written: &[String]) -> String {
    if written.len() > 3 {
        format!("{} files", written.len())
    } else if written.is_empty() {
        "nothing".into()
    } else {
        written.join(", ")
    }
}

fn report(verb: &str, code: ExitCode, written: &[String], took: Duration, tail: &str) {
    let ms = took.as_millis();
    if code == ExitCode::SUCCESS {
        eprintln!("{verb} {} in {ms} ms{tail}", describe(written));
    } else if written.is_empty() {
        eprintln!("error: export failed after {ms} ms, nothing written; watching for changes");
    } else {
        eprintln!(
            "error: export failed after {ms} ms, wrote only {}; watching for changes",
            describe(written)
        );
    }
}

/// `resume-export --watch …`: exits 0 on Ctrl-C (or SIGTERM), 2 if the first
/// export is a usage error.
pub(super) fn run(args: &ExportArgs) -> ExitCode {
    let rules = match rules(args) {
        Ok(r) => r,
        Err(e) => return usage_error(&e),
    };
    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    if let Err(e) = ctrlc::set_handler(move || {
        let _ = stop.send(Wake::Stop);
    }) {
        eprintln!("error: --watch cannot catch Ctrl-C: {e}");
        return ExitCode::FAILURE;
    }
    let filter = rules.clone();
    let config = Config::default()
        .with_timeout(DEBOUNCE)
        .with_batch_mode(false);
    let handler = move |result: DebounceEventResult| {
        let wake = match result {
            Ok(events)
                if events
                    .iter()
                    .any(|e| filter.iter().any(|r| r.matches(&e.path))) =>
            {
                Wake::Changed
            }
            Ok(_) => return,
            Err(e) => Wake::WatchError(e.to_string()),
        };
        let _ = tx.send(wake);
    };
    let mut debouncer = match new_debouncer_opt::<_, RecommendedWatcher>(config, handler) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: --watch cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    // One watch per directory, recursive if any rule needs it.
    let mut points: BTreeMap<PathBuf, bool> = BTreeMap::new();
    for (dir, recursive) in rules.iter().map(Rule::watch_point) {
        *points.entry(dir).or_default() |= recursive;
    }
    for (dir, recursive) in &points {
        let mode = if *recursive {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        if let Err(e) = debouncer.watcher().watch(dir, mode) {
            eprintln!("error: --watch cannot watch {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    }

    // Outputs (and the report) may land in a watched directory: they are no input.
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let ours = |written: &[String]| -> Vec<PathBuf> {
        written
            .iter()
            .map(|w| absolute(Path::new(w)))
            .chain(args.report.as_deref().map(absolute))
            .collect()
    };
    // The watch is in place before the first export, so no save goes unseen.
    let mut last = fingerprint(&rules, &[]);
    let (code, written, took) = build(args);
    if code == ExitCode::from(USAGE) {
        return code;
    }
    report(
        "wrote",
        code,
        &written,
        took,
        "; watching for changes (Ctrl-C stops)",
    );
    let mut outputs = ours(&written);
    last.retain(|(p, _)| !outputs.contains(p));
    loop {
        match rx.recv() {
            Ok(Wake::Stop) | Err(_) => return ExitCode::SUCCESS,
            Ok(Wake::WatchError(e)) => eprintln!("warning: --watch: {e}"),
            Ok(Wake::Changed) => {
                // Take every wake-up already queued: one rebuild, unless one said stop.
                if rx.try_iter().any(|w| matches!(w, Wake::Stop)) {
                    return ExitCode::SUCCESS;
                }
                let now = fingerprint(&rules, &outputs);
                if now == last {
                    continue;
                }
                last = now;
                let (code, written, took) = build(args);
                report("rebuilt", code, &written, took, "");
                if code == ExitCode::SUCCESS {
                    outputs = ours(&written);
                    last.retain(|(p, _)| !outputs.contains(p));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trees_match_their_files_only() {
        let rule = Rule::Tree {
            dir: PathBuf::from("/p"),
            recursive: false,
            extensions: INPUT_EXTENSIONS,
        };
        assert!(rule.matches(Path::new("/p/a.json")));
        assert!(rule.matches(Path::new("/p/a.JSONL")));
        assert!(!rule.matches(Path::new("/p")));
        assert!(!rule.matches(Path::new("/p/a.pdf")));
        assert!(!rule.matches(Path::new("/p/.a.json")));
        assert!(!rule.matches(Path::new("/p/sub/a.json")));
        assert!(!rule.matches(Path::new("/q/a.json")));
        let deep = Rule::Tree {
            dir: PathBuf::from("/p"),
            recursive: true,
            extensions: INPUT_EXTENSIONS,
        };
        assert!(deep.matches(Path::new("/p/sub/a.json")));
        assert!(!deep.matches(Path::new("/p/.git/a.json")));
    }

    #[test]
    fn a_file_is_watched_from_its_directory() {
        let rule = Rule::File(PathBuf::from("/p/cv.json"));
        assert_eq!(rule.watch_point(), (PathBuf::from("/p"), false));
        assert!(rule.matches(Path::new("/p/cv.json")));
        assert!(!rule.matches(Path::new("/p/.cv.json.swp")));
        assert!(!rule.matches(Path::new("/p/cv.json~")));
    }
}
