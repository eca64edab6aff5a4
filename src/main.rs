//! The `resume-export` command: arguments in, exit code out.

fn main() -> std::process::ExitCode {
    resume_export::cli::main()
}
