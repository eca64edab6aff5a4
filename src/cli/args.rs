//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

const EXAMPLES: &str = "\
Examples:
  resume-export -f md resume.json                 writes ./resume.md
  resume-export -f md,txt -d out/ a.json b.json   writes out/a.md, out/a.txt, out/b.md, out/b.txt
  resume-export -f all resume.json                every available format
  resume-export -f txt resume.json -o -           prints the text version
  cat resume.json | resume-export -f md - -o cv.md
  resume-export validate resume.json              checks against the JSON Resume schema

Exit codes: 0 success; 1 one or more inputs failed (the others are still written);
2 usage error.";

/// Turn a JSON Resume into recruiter-ready files.
#[derive(Debug, Parser)]
#[command(
    name = "resume-export",
    version,
    about,
    after_help = EXAMPLES,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub export: ExportArgs,
}

/// Subcommands besides the main export.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check resumes against the official JSON Resume schema.
    ///
    /// Reports each problem with its JSON path and line:column. `format`
    /// mismatches (such as an empty URL) are warnings unless --strict.
    /// Exit 0 when every file is valid, 1 otherwise.
    Validate(ValidateArgs),
    /// List the output formats.
    Formats,
    /// List the built-in layouts.
    Layouts,
}

/// Arguments of the main export.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// JSON Resume files to convert; '-' reads standard input.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<PathBuf>,

    /// Output formats: pdf, docx, md, txt or all; comma-separated or repeated.
    #[arg(
        short = 'f',
        long = "format",
        value_name = "FMT",
        value_delimiter = ',',
        default_value = "pdf"
    )]
    pub formats: Vec<String>,

    /// Output file, for one input and one format; '-' writes to standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Directory for <stem>.<ext> outputs (created if missing).
    #[arg(short = 'd', long = "out-dir", value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// Line width of text output, in columns.
    #[arg(long, value_name = "COLUMNS", default_value_t = 80,
          value_parser = clap::value_parser!(u16).range(20..=1000))]
    pub width: u16,

    /// Paper size for PDF and DOCX (default: the layout's).
    #[arg(long, value_name = "SIZE", value_parser = ["a4", "letter"])]
    pub paper: Option<String>,

    /// Extra TrueType/OpenType fonts for PDF (every .ttf/.otf in DIR).
    #[arg(long, value_name = "DIR")]
    pub font_dir: Option<PathBuf>,

    /// Silence warnings.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Arguments of `validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Files to check; '-' reads standard input.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<PathBuf>,

    /// Treat warnings (format mismatches) as errors.
    #[arg(long)]
    pub strict: bool,

    /// Print only errors.
    #[arg(short, long)]
    pub quiet: bool,
}
