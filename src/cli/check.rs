//! `resume-export check FILE...`: reads each PDF or DOCX, prints the audit (plain or JSON) and sets the exit code.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use super::args::{CheckArgs, CheckKind};
use super::{display_name, is_stdin, read_input, usage_error};
use crate::check::{self, Fact, Kind, KindFrom, Report};
use crate::layout::Layout;

/// Exit code when every file is readable and none has a finding.
const CLEAN: u8 = 0;
/// Exit code when some file has findings.
const FINDINGS: u8 = 1;
/// Exit code when some file cannot be read.
const UNREADABLE: u8 = 2;

/// One file in the JSON output.
#[derive(Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
enum Entry {
    Ok(Box<Report>),
    Unreadable { file: String, error: String },
}

/// The whole JSON output.
#[derive(Serialize)]
struct Output {
    schema: u32,
    files: Vec<Entry>,
    exit: u8,
}

/// The facts of `--against` and whether it is a letter, or the message
/// saying why there are none.
fn against_facts(path: &Path, max: usize) -> Result<(Vec<Fact>, Kind), String> {
    let bytes = read_input(path)?;
    if bytes.len() > max {
        return Err(format!(
            "{}: larger than --max-input-size",
            display_name(path)
        ));
    }
    if crate::letter::looks_like_letter(&bytes) {
        let document =
            super::letter::document(path, &bytes).map_err(|e| format!("--against {}", e))?;
        return Ok((check::facts(&document), Kind::Letter));
    }
    let layout = Layout::builtin("classic").map_err(|e| e.to_string())?;
    let (_, document) = crate::load(&bytes, &layout)
        .map_err(|e| format!("--against {}: {e}", display_name(path)))?;
    Ok((check::facts(&document), Kind::Resume))
}

/// The kind of file `--kind` and `--against` say, if they say one.
fn given_kind(option: CheckKind, against: Option<Kind>) -> Option<(Kind, KindFrom)> {
    match option {
        CheckKind::Resume => Some((Kind::Resume, KindFrom::Option)),
        CheckKind::Letter => Some((Kind::Letter, KindFrom::Option)),
        CheckKind::Auto => against.map(|k| (k, KindFrom::Against)),
    }
}

pub(super) fn run(args: &CheckArgs) -> ExitCode {
    if args.job.is_some() {
        return super::posting::run(args);
    }
    if args.inputs.iter().filter(|p| is_stdin(p)).count() > 1 {
        return usage_error("standard input ('-') can be read only once");
    }
    let (facts, against_kind) = match &args.against {
        None => (None, None),
        Some(p) => match against_facts(p, args.max_input_size) {
            Ok((f, kind)) => (Some(f), Some(kind)),
            Err(e) => return usage_error(&e),
        },
    };
    let kind = given_kind(args.kind, against_kind);
    let mut exit = CLEAN;
    let mut entries = Vec::new();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for input in &args.inputs {
        let name = display_name(input);
        let result = read_input(input).and_then(|bytes| {
            if bytes.len() > args.max_input_size {
                return Err(format!(
                    "{} bytes, more than --max-input-size ({})",
                    bytes.len(),
                    args.max_input_size
                ));
            }
            check::check_as(&name, &bytes, facts.as_deref(), kind)
        });
        match result {
            Ok(report) => {
                if !report.findings.is_empty() {
                    exit = exit.max(FINDINGS);
                }
                if !args.json {
                    let _ = write!(out, "{}", plain(&report, args));
                }
                entries.push(Entry::Ok(Box::new(report)));
            }
            Err(error) => {
                exit = UNREADABLE;
                eprintln!("error: {name}: unreadable: {error}");
                entries.push(Entry::Unreadable { file: name, error });
            }
        }
    }
    if args.json {
        let output = Output {
            schema: check::SCHEMA,
            files: entries,
            exit,
        };
        match serde_json::to_string_pretty(&output) {
            Ok(j) => {
                let _ = writeln!(out, "{j}");
            }
            Err(e) => {
                eprintln!("error: cannot write the report: {e}");
                return ExitCode::from(UNREADABLE);
            }
        }
    }
    ExitCode::from(exit)
}

/// A list cut to a few items, with the count of the rest.
fn some(items: &[String], n: usize) -> String {
    let mut s = items.iter().take(n).cloned().collect::<Vec<_>>().join(", ");
    if items.len() > n {
        s.push_str(&format!(" and {} more", items.len() - n));
    }
    s
}

fn size(bytes: u64) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1e6)
    } else {
        format!("{} KB", bytes.div_ceil(1000))
    }
}

/// The plain-text report of one file.
fn plain(r: &Report, args: &CheckArgs) -> String {
    let mut s = String::new();
    let format = match r.format {
        check::Format::Pdf => "PDF",
        check::Format::Docx => "DOCX",
    };
    let mut head = vec![format.to_string()];
    if let Some(p) = r.pages {
        head.push(format!("{p} page{}", if p == 1 { "" } else { "s" }));
    }
    head.push(size(r.bytes));
    head.push(format!("{} words", r.words));
    head.push(format!(
        "{} image{}",
        r.images,
        if r.images == 1 { "" } else { "s" }
    ));
    match r.tagged {
        Some(true) => head.push("tagged".into()),
        Some(false) => head.push("not tagged".into()),
        None => {}
    }
    s.push_str(&format!("{}: {}\n", r.file, head.join(", ")));
    let row =
        |s: &mut String, label: &str, text: String| s.push_str(&format!("  {label:<9} {text}\n"));
    let text = if !r.text_layer {
        "none".to_string()
    } else if r.format == check::Format::Pdf {
        let bad = r.fonts.iter().filter(|f| f.unicode == "none").count();
        format!(
            "yes; {} font{}, {}",
            r.fonts.len(),
            if r.fonts.len() == 1 { "" } else { "s" },
            if bad == 0 {
                "all mapped to Unicode".to_string()
            } else {
                format!("{bad} without a Unicode mapping")
            }
        )
    } else {
        "yes".to_string()
    };
    row(&mut s, "text", text);
    let list = |v: &[check::Contact]| {
        if v.is_empty() {
            "none".to_string()
        } else {
            let shown: Vec<String> = v
                .iter()
                .map(|c| match c.part {
                    check::Part::Header => format!("{} (in the header)", c.text),
                    check::Part::Footer => format!("{} (in the footer)", c.text),
                    _ => c.text.clone(),
                })
                .collect();
            some(&shown, 3)
        }
    };
    row(
        &mut s,
        "contact",
        format!(
            "e-mail {}; phone {}; links {}",
            list(&r.contacts.emails),
            list(&r.contacts.phones),
            list(&r.contacts.links)
        ),
    );
    if r.kind == Kind::Letter {
        let from = match r.kind_from {
            KindFrom::Option => "as --kind says",
            KindFrom::Against => "as --against says",
            KindFrom::Metadata => "from the title in its properties",
            KindFrom::Content => "from its greeting; no section heading",
            KindFrom::Default => "",
        };
        row(
            &mut s,
            "kind",
            format!("cover letter ({from}): the resume's findings are left out"),
        );
    } else {
        sections(&mut s, r);
    }
    let mut layout = Vec::new();
    if r.layout.columns.is_empty() {
        layout.push("one column".to_string());
    } else {
        let apart = r.layout.columns.iter().filter(|c| c.apart).count();
        layout.push(format!(
            "columns in {} place{}{}",
            r.layout.columns.len(),
            if r.layout.columns.len() == 1 { "" } else { "s" },
            match apart {
                0 => String::new(),
                n if n == r.layout.columns.len() => " (drawn one after the other)".into(),
                n => format!(" ({n} drawn one after the other)"),
            }
        ));
    }
    layout.push(format!(
        "{} table{}",
        r.layout.tables,
        if r.layout.tables == 1 { "" } else { "s" }
    ));
    layout.push(format!(
        "{} text box{}",
        r.layout.text_boxes,
        if r.layout.text_boxes == 1 { "" } else { "es" }
    ));
    if r.format == check::Format::Docx {
        layout.push(format!(
            "{} header/footer lines",
            r.layout.header_lines + r.layout.footer_lines
        ));
    }
    row(&mut s, "layout", layout.join(", "));
    if let Some(a) = &r.against {
        row(
            &mut s,
            "recall",
            format!(
                "{}/{} facts of the {} found ({:.0}%)",
                a.found,
                a.total,
                if r.kind == Kind::Letter {
                    "letter"
                } else {
                    "resume"
                },
                a.recall * 100.0
            ),
        );
    }
    if r.findings.is_empty() {
        row(&mut s, "findings", "none".into());
    } else {
        row(&mut s, "findings", r.findings.len().to_string());
        for f in &r.findings {
            s.push_str(&format!("    {}: {}\n", f.code, f.message));
            for e in f.examples.iter().take(3) {
                s.push_str(&format!("      - {e}\n"));
            }
        }
    }
    if args.text {
        s.push_str("  --- text a parser reads ---\n");
        for l in r.text.parsed().lines() {
            s.push_str(&format!("  | {l}\n"));
        }
    }
    s
}

/// The rows of what a resume's sections hold: headings and dates.
fn sections(s: &mut String, r: &Report) {
    let row =
        |s: &mut String, label: &str, text: String| s.push_str(&format!("  {label:<9} {text}\n"));
    let headings: Vec<String> = r.headings.iter().map(|h| h.text.clone()).collect();
    row(
        s,
        "headings",
        if headings.is_empty() {
            "none recognised".into()
        } else {
            format!("{} ({})", some(&headings, 8), headings.len())
        },
    );
    row(
        s,
        "dates",
        match r.dates.first() {
            None => "none recognised".into(),
            Some(d) => format!("{} recognised, e.g. {}", r.dates.len(), d.text),
        },
    );
}
