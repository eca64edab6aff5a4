//! Links the command as a position-dependent executable on Linux: a PIE binary this size carries ~25,700 relative relocations, and applying them (and the copy-on-write faults of the pages they touch) was a large part of process start-up.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" && std::env::var_os("RESUME_EXPORT_PIE").is_none() {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-env-changed=RESUME_EXPORT_PIE");
}
