//! The `resume-export` command: arguments in, exit code out.

// mimalloc instead of the system allocator: in long batches glibc's heap
// fragments (large short-lived compression buffers between small long-lived
// report strings) and peak memory grew with the number of resumes; with
// mimalloc it stays flat, and allocation-heavy rendering is faster too.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    resume_export::cli::main()
}
