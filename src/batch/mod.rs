//! Many resumes, many formats, in parallel, with a report.
//!
//! Each unit (one resume) is read, parsed and built into a document once,
//! then rendered to every requested format. Layout and fonts are loaded once
//! and shared by every thread. Destinations are planned in input order before
//! anything is written, and messages are printed in input order, so neither
//! the files nor the output depend on scheduling. A failing unit, even one
//! that panics, is reported and the batch goes on.

pub mod naming;
pub mod write;

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;

use crate::inject::injected;
use crate::inputs::{self, Unit};
use crate::job::Job;
use crate::resume::{self, diagnostic};
use naming::{Facts, Plan};
use write::Target;

/// Everything a batch needs.
pub struct Request<'a> {
    pub units: Vec<Unit>,
    /// What to read, build and render, as for one resume.
    pub job: Job,
    /// `--template`: one more output per resume.
    pub template: Option<&'a crate::backend::custom::Custom>,
    /// `-o`: the single destination (only with one unit and one format).
    pub output: Option<PathBuf>,
    /// `-d`: where `<name>.<ext>` files go.
    pub out_dir: PathBuf,
    /// `--name`.
    pub name_template: Option<String>,
    /// Worker threads.
    pub jobs: usize,
    /// Silence warnings and the summary.
    pub quiet: bool,
    /// Keep each resume's warnings in the outcome (for `--report`); otherwise they
    /// are dropped once printed, so memory does not grow with the batch.
    pub keep_warnings: bool,
}

/// What happened to one unit, as written to `--report`.
#[derive(Debug, Clone, Serialize)]
pub struct UnitReport {
    pub input: String,
    pub outputs: Vec<String>,
    pub warnings: Vec<String>,
    /// Advice that is no fault, each naming its output file
    /// ("out/alex-rn.pdf: page 3 holds 6 lines; --max-pages 2 fits it").
    pub notes: Vec<String>,
    pub error: Option<String>,
    pub milliseconds: f64,
}

/// Totals for a batch.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub resumes: usize,
    pub files: usize,
    pub failed: usize,
    pub seconds: f64,
}

/// The result of a batch.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub units: Vec<UnitReport>,
    pub summary: Summary,
}

impl Summary {
    /// "1000 resumes, 4000 files, 3 failed, 2.1 s".
    pub fn line(&self) -> String {
        format!(
            "{} resume{}, {} file{}, {} failed, {:.1} s",
            self.resumes,
            if self.resumes == 1 { "" } else { "s" },
            self.files,
            if self.files == 1 { "" } else { "s" },
            self.failed,
            self.seconds
        )
    }
}

/// Prints each unit's messages in input order as units finish.
struct Printer {
    next: usize,
    pending: BTreeMap<usize, Vec<String>>,
}

impl Printer {
    fn done(&mut self, id: usize, lines: Vec<String>, bar: &indicatif::ProgressBar) {
        self.pending.insert(id, lines);
        while let Some(lines) = self.pending.remove(&self.next) {
            if !lines.is_empty() {
                bar.suspend(|| {
                    for l in &lines {
                        eprintln!("{l}");
                    }
                });
            }
            self.next += 1;
        }
        bar.inc(1);
    }
}

/// Runs a batch.
pub fn run(request: &Request<'_>) -> Outcome {
    let start = Instant::now();
    let units = &request.units;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(request.jobs.max(1))
        .build();
    let run_all = |f: &(dyn Fn(&Unit) -> UnitReport + Sync)| -> Vec<UnitReport> {
        match &pool {
            Ok(pool) => pool.install(|| units.par_iter().map(f).collect()),
            Err(_) => units.iter().map(f).collect(),
        }
    };

    // Names that depend on content need one look at each resume first.
    let facts: Vec<Facts> = if naming::needs_content(request.name_template.as_deref()) {
        let look = |u: &Unit| {
            u.read(request.job.limits.max_input_bytes)
                .ok()
                .and_then(|b| resume::syntax::parse(&b, u.syntax(), &request.job.limits).ok())
                .map(|(_, v)| {
                    let reader = request
                        .job
                        .read
                        .from
                        .unwrap_or_else(|| resume::reader::detect(&v));
                    Facts::of(&reader.map(v, &mut Vec::new()))
                })
                .unwrap_or_default()
        };
        match &pool {
            Ok(pool) => pool.install(|| units.par_iter().map(look).collect()),
            Err(_) => units.iter().map(look).collect(),
        }
    } else {
        vec![Facts::default(); units.len()]
    };
    let plans = plan(request, &facts);

    let color = std::io::stderr().is_terminal();
    let bar = if color && units.len() > 1 && !request.quiet {
        let bar = indicatif::ProgressBar::new(units.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:30} {pos}/{len} resumes  {per_sec}  ETA {eta}",
        ) {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let printer = Mutex::new(Printer {
        next: 0,
        pending: BTreeMap::new(),
    });
    // A panic in a unit is reported as that unit's internal error, without the default noise.
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let results = run_all(&|unit: &Unit| {
        let t = Instant::now();
        let targets = plans
            .get(unit.id)
            .cloned()
            .unwrap_or_else(|| Err("not planned".into()));
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            convert(request, unit, targets, color)
        }));
        let (mut report, lines) = match outcome {
            Ok(r) => r,
            Err(payload) => {
                let what = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                let message = format!("internal error (a bug; please report it): {what}");
                let report = UnitReport {
                    input: unit.label.clone(),
                    outputs: Vec::new(),
                    warnings: Vec::new(),
                    notes: Vec::new(),
                    error: Some(message.clone()),
                    milliseconds: 0.0,
                };
                (report, vec![format!("error: {}: {message}", unit.label)])
            }
        };
        report.milliseconds = (t.elapsed().as_secs_f64() * 1e6).round() / 1e3;
        if let Ok(mut p) = printer.lock() {
            p.done(unit.id, lines, &bar);
        }
        if !request.keep_warnings {
            report.warnings = Vec::new();
            report.notes = Vec::new();
        }
        // Every 128th resume: a trim costs milliseconds, so it is spread out.
        if units.len() > 1 && unit.id % 128 == 127 {
            release_memory();
        }
        report
    });
    std::panic::set_hook(previous_hook);
    bar.finish_and_clear();

    let reports = results;
    let summary = Summary {
        resumes: reports.len(),
        files: reports.iter().map(|r| r.outputs.len()).sum(),
        failed: reports.iter().filter(|r| r.error.is_some()).count(),
        seconds: (start.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
    };
    Outcome {
        units: reports,
        summary,
    }
}

type Targets = Result<Vec<Target>, String>;

/// Every unit's destinations, one per backend, decided in input order.
fn plan(request: &Request<'_>, facts: &[Facts]) -> Vec<Targets> {
    let mut plan = Plan::new(
        request
            .units
            .iter()
            .filter_map(|u| u.path().map(Path::to_path_buf)),
    );
    let mut out = Vec::with_capacity(request.units.len());
    for unit in &request.units {
        if let inputs::Origin::Missing(m) = &unit.origin {
            out.push(Err(m.clone()));
            continue;
        }
        let mut targets = Vec::new();
        let mut error = None;
        let extensions = request
            .job
            .backends
            .iter()
            .map(|b| b.extension())
            .chain(request.template.map(|t| t.extension()));
        for extension in extensions {
            let target = match &request.output {
                Some(o) if o.as_os_str() == "-" => Target::Stdout,
                Some(o) => Target::File(o.clone()),
                None => {
                    let facts = facts.get(unit.id).cloned().unwrap_or_default();
                    let name = naming::file_name(request.name_template.as_deref(), unit, &facts);
                    let dir = request.out_dir.join(&unit.rel_dir);
                    Target::File(dir.join(format!("{name}.{extension}")))
                }
            };
            if let Target::File(p) = &target
                && let Err(e) = plan.claim(p, &unit.label)
            {
                error = Some(e);
                break;
            }
            targets.push(target);
        }
        out.push(match error {
            Some(e) => Err(e),
            None => Ok(targets),
        });
    }
    out
}

/// Reads, builds, renders and writes one unit. Returns its report and the lines to print.
fn convert(
    request: &Request<'_>,
    unit: &Unit,
    targets: Targets,
    color: bool,
) -> (UnitReport, Vec<String>) {
    let mut report = UnitReport {
        input: unit.label.clone(),
        outputs: Vec::new(),
        warnings: Vec::new(),
        notes: Vec::new(),
        error: None,
        milliseconds: 0.0,
    };
    let mut lines = Vec::new();
    let fail =
        |report: &mut UnitReport, lines: &mut Vec<String>, message: String, shown: String| {
            report.error = Some(message);
            lines.push(shown);
        };
    let bytes = match unit.read(request.job.limits.max_input_bytes) {
        Ok(b) => b,
        Err(e) => {
            fail(&mut report, &mut lines, e.clone(), format!("error: {e}"));
            return (report, lines);
        }
    };
    let value = match resume::syntax::parse(&bytes, unit.syntax(), &request.job.limits) {
        Ok((_, v)) => v,
        Err(e) => {
            let offset = unit.part.as_ref().map_or((1, 1), |p| (p.line, p.column));
            let shown = diagnostic::source_error(&unit.file, &e, color, offset);
            let message = diagnostic::source_error(&unit.file, &e, false, offset)
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches("error: ")
                .to_string();
            let location = diagnostic::location(&unit.file, &e, offset);
            fail(
                &mut report,
                &mut lines,
                format!("{location}: {message}"),
                shown,
            );
            return (report, lines);
        }
    };
    if injected("panic", &unit.label) {
        panic!("injected panic for {}", unit.label);
    }
    let mut built = request.job.build_with(value, &|name| unit.read_photo(name));
    report.warnings = std::mem::take(&mut built.warnings);
    let result = render_and_write(request, unit, targets, &built, &mut report);
    // Warnings come first, then the error that stopped the resume, if any.
    push_warnings(request, unit, &report, &mut lines);
    if let Err(message) = result {
        lines.push(format!("error: {}: {message}", unit.label));
        report.error = Some(message);
    }
    (report, lines)
}

/// Renders every output, then writes them all: a failing format writes nothing,
/// and a failing write stops the rest.
fn render_and_write(
    request: &Request<'_>,
    unit: &Unit,
    targets: Targets,
    built: &crate::job::Built,
    report: &mut UnitReport,
) -> Result<(), String> {
    let targets = targets?;
    let doc = &built.document;
    // The formats of one resume render side by side: the PDF takes most of
    // the time, the rest fits beside it.
    let files = request.job.render(doc, true).map_err(|e| e.to_string())?;
    report.warnings.extend(files.warnings);
    let notes = files.notes;
    let mut rendered: Vec<Vec<u8>> = files.files.into_iter().map(|f| f.bytes).collect();
    if let Some(t) = request.template {
        let bytes = request
            .job
            .render_template(t, built)
            .map_err(|e| format!("template output failed: {e}"))?;
        rendered.push(bytes);
    }
    for (i, (target, bytes)) in targets.iter().zip(rendered).enumerate() {
        write::write(target, &bytes, injected("write-fail", &unit.label))?;
        report.outputs.push(target.display());
        for note in notes.get(i).into_iter().flatten() {
            report.notes.push(format!("{}: {note}", target.display()));
        }
    }
    Ok(())
}

/// Warnings, then notes, unless `-q`.
fn push_warnings(request: &Request<'_>, unit: &Unit, report: &UnitReport, lines: &mut Vec<String>) {
    if !request.quiet {
        lines.extend(
            report
                .warnings
                .iter()
                .map(|w| format!("warning: {}: {w}", unit.label)),
        );
        lines.extend(report.notes.iter().map(|n| format!("note: {n}")));
    }
}

/// Hands freed memory back to the system between resumes.
///
/// glibc keeps the top of a fragmented heap: large short-lived buffers
/// (compression windows, PDF objects) between small long-lived report strings
/// made peak memory grow with the batch (3,000 DOCX: 187 MB). Trimming now
/// and then keeps it flat.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn release_memory() {
    // SAFETY: malloc_trim only returns free pages to the kernel; it takes no
    // pointers and is thread-safe in glibc.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn release_memory() {}

/// The shard `I/N` (1-based) a unit belongs to: a stable hash of its label, the same on every machine.
pub fn in_shard(label: &str, index: u32, count: u32) -> bool {
    // FNV-1a: stable across runs and platforms, unlike the standard library's hasher.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in label.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h % u64::from(count.max(1)) == u64::from(index.saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_inputs() {
        let labels: Vec<String> = (0..1000).map(|i| format!("dir/resume-{i}.json")).collect();
        let mut seen = vec![0; labels.len()];
        for i in 1..=4 {
            let n = labels
                .iter()
                .enumerate()
                .filter(|(_, l)| in_shard(l, i, 4))
                .map(|(k, _)| seen[k] += 1)
                .count();
            assert!((150..350).contains(&n), "shard {i} has {n}");
        }
        assert!(seen.iter().all(|s| *s == 1));
    }
}
