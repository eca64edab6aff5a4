//! `--watch` through the binary: rebuild on save, keep the last good output on a broken save, exit 0 on SIGINT.
#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// Generous: CI machines are small and busy; every wait polls, none assumes speed.
const PATIENCE: Duration = Duration::from_secs(20);

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_resume-export")
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/alex-rn.json")
}

/// The running `--watch` process and its standard error, line by line.
struct Watching {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Watching {
    fn start(dir: &Path, args: &[&str]) -> Watching {
        let mut child = Command::new(bin())
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start resume-export --watch");
        let stderr = child.stderr.take().expect("stderr is piped");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Watching {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Waits for a line of standard error that contains `needle`; returns it.
    fn expect_line(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(_) => break,
            }
        }
        let _ = self.child.kill();
        panic!(
            "no line with {needle:?} within {PATIENCE:?}; standard error so far:\n{}",
            self.seen.join("\n")
        );
    }

    /// Sends SIGINT, as Ctrl-C does, and returns the exit code.
    fn interrupt(mut self) -> Option<i32> {
        let pid = self.child.id().to_string();
        let sent = Command::new("sh")
            .args(["-c", &format!("kill -INT {pid}")])
            .status()
            .expect("run sh");
        assert!(sent.success(), "kill -INT {pid} failed");
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("wait for the watcher") {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("--watch did not end within {PATIENCE:?} of SIGINT");
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The sample under another name.
fn renamed(name: &str) -> String {
    let mut resume: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(sample()).expect("read the sample"))
            .expect("the sample is JSON");
    resume["basics"]["name"] = name.into();
    serde_json::to_string_pretty(&resume).expect("serialise")
}

/// Saves as editors do: a new file renamed over the old one.
fn save_by_rename(path: &Path, text: &str) {
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, text).expect("write the new version");
    std::fs::rename(&tmp, path).expect("rename it into place");
}

/// Waits until `path` holds `needle` (the rebuild line comes after the rename, but be patient anyway).
fn read_with(path: &Path, needle: &str) -> String {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if text.contains(needle) || Instant::now() > deadline {
            return text;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn rebuilds_on_save_keeps_the_last_good_output_and_stops_on_sigint() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("cv.json");
    std::fs::write(&input, renamed("Ada First")).expect("copy the sample");
    let output = dir.path().join("out/cv.md");
    let mut w = Watching::start(
        dir.path(),
        &["--watch", "-q", "-f", "md", "-d", "out", "cv.json"],
    );

    let first = w.expect_line("watching for changes");
    assert!(first.starts_with("wrote out/cv.md in "), "{first}");
    assert!(read_with(&output, "Ada First").contains("Ada First"));

    // An editor's atomic save (rename over the file).
    save_by_rename(&input, &renamed("Bea Second"));
    let line = w.expect_line("rebuilt");
    assert!(line.starts_with("rebuilt out/cv.md in "), "{line}");
    assert!(line.ends_with(" ms"), "{line}");
    assert!(read_with(&output, "Bea Second").contains("Bea Second"));

    // A broken save, written in place: the error, and the last good output stays.
    std::fs::write(&input, "{ \"basics\": { \"name\": \"Broken").expect("break the file");
    let line = w.expect_line("watching for changes");
    assert!(line.starts_with("error: "), "{line}");
    assert!(
        w.seen.iter().any(|l| l.contains("cv.json")),
        "the error names the file: {:?}",
        w.seen
    );
    let kept = std::fs::read_to_string(&output).expect("the output is still there");
    assert!(kept.contains("Bea Second"), "{kept}");

    // Fixed again.
    save_by_rename(&input, &renamed("Cy Third"));
    w.expect_line("rebuilt out/cv.md");
    assert!(read_with(&output, "Cy Third").contains("Cy Third"));

    assert_eq!(w.interrupt(), Some(0));
}

#[test]
fn watches_a_directory_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("people")).expect("mkdir");
    std::fs::write(dir.path().join("people/a.json"), renamed("Ada First")).expect("write");
    let mut w = Watching::start(
        dir.path(),
        &["--watch", "-q", "-f", "md", "-d", "out", "people"],
    );
    w.expect_line("watching for changes");
    // A new resume in the directory is built too.
    save_by_rename(&dir.path().join("people/b.json"), &renamed("Bea Second"));
    let line = w.expect_line("rebuilt");
    assert!(line.contains("out/b.md"), "{line}");
    let b = read_with(&dir.path().join("out/b.md"), "Bea Second");
    assert!(b.contains("Bea Second"), "{b}");
    assert_eq!(w.interrupt(), Some(0));
}

#[test]
fn standard_input_and_patterns_are_usage_errors() {
    for (input, message) in [
        ("-", "cannot watch standard input"),
        ("people/*.json", "not the pattern"),
    ] {
        let out = Command::new(bin())
            .args(["--watch", "-f", "md", input])
            .stdin(Stdio::null())
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{input}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(message), "{input}: {stderr}");
    }
}

#[test]
fn watches_a_markdown_resume() {
    let dir = tempfile::tempdir().expect("temp dir");
    let md = dir.path().join("resume.md");
    std::fs::write(&md, "# Ada First\n\n**Engineer**\n").expect("write");
    let mut w = Watching::start(
        dir.path(),
        &["--watch", "-q", "-f", "txt", "-d", "out", "resume.md"],
    );
    w.expect_line("watching for changes");
    let tmp = dir.path().join("resume.md.tmp");
    std::fs::write(&tmp, "# Ada Second\n\n**Engineer**\n").expect("write the new version");
    std::fs::rename(&tmp, &md).expect("rename it into place");
    w.expect_line("rebuilt");
    let text = read_with(&dir.path().join("out/resume.txt"), "Ada Second");
    assert!(text.contains("Ada Second"), "{text}");
    assert_eq!(w.interrupt(), Some(0));
}
