//! What the tool prints about itself: completion scripts and the manual page (generated from the clap definition so they never fall behind the options) and the schema.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

use super::Cli;

/// Writes the completion script for `shell` to standard output.
pub fn completions(shell: clap_complete::Shell) -> ExitCode {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "resume-export", &mut out);
    write_out(&out)
}

/// Writes the manual page (roff) to standard output: the main command, then
/// each subcommand as a section of its own.
pub fn man() -> ExitCode {
    let command = Cli::command();
    let mut out = Vec::new();
    let page = clap_mangen::Man::new(command.clone());
    if page.render(&mut out).is_err() {
        return ExitCode::FAILURE;
    }
    for sub in command.get_subcommands() {
        let name = sub.get_name().to_string();
        if name == "help" {
            continue;
        }
        let sub = sub.clone().bin_name(format!("resume-export {name}"));
        let page = clap_mangen::Man::new(sub);
        let mut part = Vec::new();
        if page.render_description_section(&mut part).is_err()
            || page.render_synopsis_section(&mut part).is_err()
            || page.render_options_section(&mut part).is_err()
        {
            return ExitCode::FAILURE;
        }
        // The subcommand's sections become subsections of its own section.
        out.extend_from_slice(
            format!(".SH \"RESUME-EXPORT {}\"\n", name.to_uppercase()).as_bytes(),
        );
        for line in String::from_utf8_lossy(&part).lines() {
            match line.strip_prefix(".SH ") {
                Some(title) => out.extend_from_slice(format!(".SS {title}\n").as_bytes()),
                None => {
                    out.extend_from_slice(line.as_bytes());
                    out.push(b'\n');
                }
            }
        }
    }
    write_out(&out)
}

/// Writes `bytes` to standard output.
pub fn print(bytes: &[u8]) -> ExitCode {
    write_out(bytes)
}

fn write_out(bytes: &[u8]) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is not a failure of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: writing to standard output: {e}");
            ExitCode::FAILURE
        }
    }
}
