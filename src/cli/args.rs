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
  resume-export -f pdf,docx -r -d out/ people/      every resume under people/, mirrored in out/
  resume-export -f all 'exports/*.jsonl' -j 4 --report report.json
  resume-export -f all people/ --shard 2/8         the 2nd of 8 stable slices (for job runners)
  resume-export validate resume.json              checks against the JSON Resume schema
  resume-export check cv.pdf --against cv.json    audits a PDF or DOCX as an ATS reads it

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
    /// Audit PDF or DOCX resumes (any, not only ours) as an applicant-tracking system reads them.
    ///
    /// Reports the text layer, fonts without Unicode mapping, contact details,
    /// section headings, dates, reading-order hazards (columns, tables, text
    /// boxes, headers and footers), broken words, images, size, pages and
    /// tagging. --against looks for every fact of a JSON Resume in the text.
    ///
    /// Exit codes: 0 no findings; 1 findings in some file; 2 some file is
    /// unreadable (or a usage error).
    #[command(after_help = CHECK_EXAMPLES)]
    Check(CheckArgs),
    /// List the output formats.
    Formats,
    /// List the built-in layouts, or copy one into a folder to edit.
    Layouts(LayoutsArgs),
    /// Print a shell completion script: bash, zsh, fish, powershell or elvish.
    ///
    /// bash: `resume-export completions bash > ~/.local/share/bash-completion/completions/resume-export`;
    /// zsh: into a folder on $fpath as `_resume-export`; fish:
    /// `~/.config/fish/completions/resume-export.fish`; PowerShell: add the output to $PROFILE.
    Completions {
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `resume-export man > resume-export.1`.
    Man,
    /// Write a starter resume (every section, tags, meta.sections) to FILE
    /// [default: resume.json] and the schema it names beside it; never replaces a file.
    ///
    /// With --from OTHER, FILE holds OTHER (any format and shape that is read)
    /// converted to JSON Resume instead of the starter.
    Init {
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
        /// Start from an existing resume (FRESH, Reactive Resume, RenderCV, YAML, TOML, …).
        #[arg(long, value_name = "OTHER")]
        from: Option<PathBuf>,
        /// Write a starter cover letter (Markdown with front matter) to FILE
        /// [default: letter.md] instead.
        #[arg(long, conflicts_with = "from")]
        letter: bool,
    },
    /// Write a resume as JSON Resume, whatever format and shape it is in
    /// (JSON, YAML or TOML; JSON Resume, FRESH, Reactive Resume or RenderCV).
    ///
    /// The output has only JSON Resume's keys and our extensions, so it passes
    /// `validate`; what had no place in JSON Resume is warned about by its
    /// path. Writes standard output unless -o is given.
    #[command(after_help = CONVERT_EXAMPLES)]
    Convert(ConvertArgs),
    /// Print the JSON Schema of what resume-export accepts: JSON Resume v1 with its
    /// extensions (tags, tagged highlights, meta.sections, meta.sectionTitles,
    /// meta.language). Name it in a resume's "$schema" (or save it and point your
    /// editor at it) for completion and checks; `validate` checks against it.
    Schema {
        /// The schema of a cover letter's fields instead.
        #[arg(long)]
        letter: bool,
    },
    /// Serve the conversions over HTTP (POST /v1/render, /v1/validate; see /v1/openapi.json).
    ///
    /// Renders run on a bounded pool: --workers at once, --queue waiting, the
    /// rest answered 503 with Retry-After. SIGTERM or SIGINT stops accepting
    /// and lets requests in flight finish within --grace. One JSON line per
    /// request goes to standard error.
    #[command(after_help = SERVE_EXAMPLES)]
    Serve(ServeArgs),
}

const SERVE_EXAMPLES: &str = "Examples:
  resume-export serve                                   http://127.0.0.1:8080
  curl --data-binary @resume.json -H 'Content-Type: application/json' \\
       'http://127.0.0.1:8080/v1/render?format=pdf&layout=modern' -o resume.pdf
  resume-export serve --bind 0.0.0.0:8080 --token-file /run/secrets/token --layouts ./layouts";

/// Arguments of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on (port 0: any free port, printed at start).
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    pub bind: std::net::SocketAddr,

    /// Renders at once [default: the number of cores].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub workers: Option<u16>,

    /// Renders waiting for a worker; beyond this requests get 503.
    #[arg(long, value_name = "N", default_value_t = 64)]
    pub queue: u16,

    /// Largest request body; K and M suffixes allowed.
    #[arg(long, value_name = "SIZE", default_value = "5M", value_parser = parse_size)]
    pub max_body: usize,

    /// Deadline of a request, from its head to its answer (e.g. 10s, 500ms).
    #[arg(long, value_name = "TIME", default_value = "10s", value_parser = parse_duration)]
    pub timeout: std::time::Duration,

    /// Time a client has to send a request's head.
    #[arg(long, value_name = "TIME", default_value = "5s", value_parser = parse_duration)]
    pub header_timeout: std::time::Duration,

    /// Time requests in flight have to finish after SIGTERM or SIGINT.
    #[arg(long, value_name = "TIME", default_value = "20s", value_parser = parse_duration)]
    pub grace: std::time::Duration,

    /// A folder of layout folders, each offered by its folder name beside the built-ins.
    #[arg(long, value_name = "DIR")]
    pub layouts: Option<PathBuf>,

    /// A file holding the bearer token every /v1 and /metrics request must carry.
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
}

/// `10s`, `500ms`, `2m`, `1.5s`.
fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    let t = s.trim();
    let bad = || format!("`{s}` is not a time (write e.g. 10s, 500ms or 2m)");
    let (number, unit) = t
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .map_or((t, "s"), |i| t.split_at(i));
    let n: f64 = number.parse().map_err(|_| bad())?;
    let seconds = match unit.trim() {
        "ms" => n / 1000.0,
        "s" | "" => n,
        "m" => n * 60.0,
        _ => return Err(bad()),
    };
    if !seconds.is_finite() || seconds <= 0.0 || seconds > 86_400.0 {
        return Err(bad());
    }
    Ok(std::time::Duration::from_secs_f64(seconds))
}

const CONVERT_EXAMPLES: &str = "Examples:
  resume-export convert cv.yaml -o resume.json          RenderCV or resume-cli YAML to JSON Resume
  resume-export convert --from fresh old.json > new.json
  resume-export convert reactive-resume-export.json | resume-export validate -";

/// Arguments of `convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The resume to convert; '-' reads standard input.
    #[arg(value_name = "INPUT")]
    pub input: PathBuf,

    /// What to write: JSON Resume (the only target so far).
    #[arg(long, value_name = "FORMAT", default_value = "jsonresume", value_parser = ["jsonresume", "json"])]
    pub to: String,

    /// The shape of the input [default: recognised from its content].
    #[arg(long, value_name = "SHAPE", value_parser = shapes())]
    pub from: Option<String>,

    /// Write here instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Print no warnings.
    #[arg(short, long)]
    pub quiet: bool,
}

/// The names `--from` takes: one per reader.
fn shapes() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(crate::resume::reader::names())
}

/// Arguments of the main export.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Resume files (JSON, YAML or TOML), directories (*.json, *.jsonl, *.yaml,
    /// *.yml, *.toml inside), glob patterns
    /// (expanded by the tool), JSON Lines files (one resume per line) or files
    /// holding an array of resumes; '-' reads standard input.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<PathBuf>,

    /// Descend into sub-directories of directory inputs.
    #[arg(short = 'r', long)]
    pub recursive: bool,

    /// The shape of the inputs: jsonresume, fresh (HackMyResume), reactive-resume,
    /// rendercv, markdown or linkedin (the data export's ZIP, or its folder)
    /// [default: recognised from each file's content].
    #[arg(long, value_name = "SHAPE", value_parser = shapes())]
    pub from: Option<String>,

    /// Output formats: pdf, docx, md, txt, html or all; comma-separated or repeated.
    /// [default: pdf, or none when --template is given]
    #[arg(
        short = 'f',
        long = "format",
        value_name = "FMT",
        value_delimiter = ','
    )]
    pub formats: Vec<String>,

    /// A handlebars template (e.g. cv.html.hbs) rendered for each resume, written as
    /// <name>.html; see docs/templates.md.
    #[arg(long, value_name = "FILE.hbs")]
    pub template: Option<PathBuf>,

    /// Output file, for one input and one format; '-' writes to standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Directory for <stem>.<ext> outputs (created if missing); directory inputs are
    /// mirrored beneath it.
    #[arg(short = 'd', long = "out-dir", value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// Output file names, from {stem}, {name}, {index} and {lang}
    /// [default: {stem}, or {stem}-{index} for resumes inside JSON Lines and arrays].
    #[arg(long = "name", value_name = "TEMPLATE")]
    pub name: Option<String>,

    /// Worker threads [default: all cores].
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// Process only shard I of N (1-based) of the inputs: a stable split for running
    /// one command on many machines.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,

    /// Write a JSON record per resume (input, outputs, warnings, error, milliseconds).
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// Line width of text output, in columns.
    #[arg(long, value_name = "COLUMNS", default_value_t = 80,
          value_parser = clap::value_parser!(u16).range(20..=1000))]
    pub width: u16,

    /// Layout: a built-in name (see `resume-export layouts`) or a folder whose files
    /// override a built-in layout's (its layout.toml may say `extends = "modern"`).
    #[arg(short = 'l', long, value_name = "NAME|DIR", default_value = "classic")]
    pub layout: String,

    /// Language of section titles, dates and labels [default: the resume's
    /// meta.language, else guessed from its text, else en].
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,

    /// Sections to show, in this order (e.g. work,projects,education,skills).
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub sections: Option<Vec<String>>,

    /// Keep only entries and highlights tagged with one of these (untagged ones stay).
    #[arg(long, value_name = "TAGS", value_delimiter = ',')]
    pub tags: Vec<String>,

    /// At most N highlights per entry.
    #[arg(long, value_name = "N")]
    pub max_highlights: Option<usize>,

    /// Remove personal details: contact (e-mail, phone, street address, web
    /// address, profiles), name (replaced by initials) or all.
    #[arg(long, value_name = "WHAT", value_delimiter = ',', value_parser = ["contact", "name", "all"])]
    pub redact: Vec<String>,

    /// The candidate's photo (basics.image) in PDF, DOCX and HTML: auto (the
    /// layout's choice; left out of resumes in English), always or never
    /// (default: the layout's [photo] show).
    #[arg(long, value_name = "WHEN", value_parser = ["auto", "always", "never"])]
    pub photo: Option<String>,

    /// An agency's letterhead for PDF, DOCX and HTML: a brand.toml, or a folder
    /// holding one (logo, name, contact line, footer, accent colour).
    #[arg(long, value_name = "FILE.toml|DIR")]
    pub brand: Option<PathBuf>,

    /// Every input resume in one PDF for a client: a cover page (letterhead,
    /// title, date, a table of the candidates), then each candidate from a new
    /// page, with bookmarks per candidate and section. A cover letter among the
    /// inputs goes before the resume its `resume:` names.
    #[arg(long, value_name = "FILE.pdf", conflicts_with_all = ["output", "out_dir", "template", "report", "formats"])]
    pub bundle: Option<PathBuf>,

    /// The title of the --bundle cover page [default: Candidates, in the bundle's language].
    #[arg(long, value_name = "TEXT", requires = "bundle")]
    pub title: Option<String>,

    /// A cover letter (Markdown with YAML front matter, or JSON, YAML or
    /// TOML): one file per format holding the letter, then the INPUT resume
    /// (an application). A letter given alone as INPUT is rendered by
    /// itself in the resume's look.
    #[arg(long, value_name = "LETTER", conflicts_with_all = ["template", "bundle"])]
    pub letter: Option<PathBuf>,

    /// The resume a letter's sender block comes from, over its `resume:`.
    #[arg(long, value_name = "FILE")]
    pub resume: Option<PathBuf>,

    /// The reference for the letterhead's {ref} (default: meta.ref); with --bundle,
    /// the shortlist's: the cover's, and a candidate's who has no meta.ref.
    #[arg(long = "ref", value_name = "REF")]
    pub reference: Option<String>,

    /// Paper size for PDF and DOCX (default: the layout's).
    #[arg(long, value_name = "SIZE", value_parser = ["a4", "letter"])]
    pub paper: Option<String>,

    /// Fit PDF and DOCX on at most N pages: spacing, then margins, then font sizes
    /// shrink within the layout's [fit] limits; if that is not enough, the resume
    /// fails (exit 1) with how much it overflows, and nothing is written.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_pages: Option<u32>,

    /// Standards the PDF claims, combinable: ua-1 (PDF/UA-1, accessible), a-2b, a-2u
    /// or a-2a (PDF/A-2 levels, archivable; one at most), or none. PDFs are tagged
    /// either way. [default: ua-1]
    #[arg(
        long = "pdf-standard",
        value_name = "STD",
        value_delimiter = ',',
        value_parser = ["ua-1", "a-2b", "a-2u", "a-2a", "none"]
    )]
    pub pdf_standard: Vec<String>,

    /// Extra TrueType/OpenType fonts for PDF (every .ttf/.otf in DIR).
    #[arg(long, value_name = "DIR")]
    pub font_dir: Option<PathBuf>,

    /// Largest input accepted, in bytes; K and M suffixes allowed (e.g. 500K, 20M).
    #[arg(long, value_name = "SIZE", default_value = "5M", value_parser = parse_size)]
    pub max_input_size: usize,

    /// Create the parent directories of --output if they are missing.
    #[arg(long)]
    pub mkdir: bool,

    /// Silence warnings.
    #[arg(short, long)]
    pub quiet: bool,

    /// Export, then export again whenever an input, the --layout folder, the --template
    /// or a --font-dir font changes; a broken save leaves the last good files. Ctrl-C stops.
    #[arg(long)]
    pub watch: bool,
}

/// `5M`, `500K`, `1048576`.
fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let (digits, factor) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], 1024),
        Some((i, 'm' | 'M')) => (&t[..i], 1024 * 1024),
        Some((i, 'g' | 'G')) => (&t[..i], 1024 * 1024 * 1024),
        _ => (t, 1),
    };
    let n: usize = digits
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a size (write e.g. 5M, 500K or 1048576)"))?;
    n.checked_mul(factor)
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("`{s}` is not a usable size"))
}

/// Arguments of `layouts`.
#[derive(Debug, Args)]
pub struct LayoutsArgs {
    /// Copy the files of this built-in layout (with its parents' merged in) into DIR.
    #[arg(long, value_names = ["NAME", "DIR"], num_args = 2)]
    pub export: Option<Vec<String>>,
}

const CHECK_EXAMPLES: &str = "\
Examples:
  resume-export check cv.pdf                      the audit, in plain words
  resume-export check cv.docx --json              the same as JSON (docs/check.md)
  resume-export check cv.pdf --against cv.json    and the share of the resume's facts found
  resume-export check cv.pdf --text               and the text a parser reads

Exit codes: 0 no findings; 1 findings in some file; 2 some file is unreadable
(not a PDF or DOCX, damaged, encrypted with a password) or a usage error.";

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// PDF or DOCX files (with --job, resume files too); '-' reads standard input.
    #[arg(value_name = "FILE", required = true)]
    pub inputs: Vec<PathBuf>,

    /// Print the report as JSON (schema in docs/check.md).
    #[arg(long)]
    pub json: bool,

    /// A JSON Resume whose facts (name, contact, positions, employers, dates,
    /// highlights, skills) are looked for in each file's text.
    #[arg(long, value_name = "RESUME.json")]
    pub against: Option<PathBuf>,

    /// What each FILE is: `letter` leaves out the resume's findings (section
    /// headings, dates, contact details); `auto` knows a letter by --against,
    /// by the title in its properties, or by a greeting and no section heading.
    #[arg(long, value_enum, default_value = "auto")]
    pub kind: CheckKind,

    /// Also print the text a parser reads (plain report only; JSON always has it).
    #[arg(long)]
    pub text: bool,

    /// A job posting (text, Markdown or HTML): report its key terms that each
    /// FILE covers, and where, and those it misses, instead of the audit. FILE
    /// may then also be a resume file (JSON, YAML, TOML, Markdown).
    #[arg(long, value_name = "POSTING")]
    pub job: Option<PathBuf>,

    /// The posting's language (a code: en, de, ja…); default: recognised from its words.
    #[arg(long, value_name = "LANG", requires = "job")]
    pub job_lang: Option<String>,

    /// Largest file accepted, in bytes; K and M suffixes allowed.
    #[arg(long, value_name = "SIZE", default_value = "20M", value_parser = parse_size)]
    pub max_input_size: usize,
}

/// `check --kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckKind {
    Auto,
    Resume,
    Letter,
}

/// Arguments of `validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Files to check; '-' reads standard input.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<PathBuf>,

    /// The shape of the inputs [default: recognised from the content]; a shape
    /// other than JSON Resume is checked as the JSON Resume it converts to.
    #[arg(long, value_name = "SHAPE", value_parser = shapes())]
    pub from: Option<String>,

    /// Treat warnings (format mismatches) as errors.
    #[arg(long)]
    pub strict: bool,

    /// Print only errors.
    #[arg(short, long)]
    pub quiet: bool,
}
