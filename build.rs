//! Links the command as a position-dependent executable on Linux only when asked (`RESUME_EXPORT_NO_PIE=1` at build time): faster start-up, no address-space randomisation of the main image.

// A PIE binary this size carries ~25,700 relative relocations; applying them
// costs about a millisecond of every run. That is worth having in a batch
// script, but the default build keeps PIE: the same code is about to serve
// untrusted requests, and randomising the executable's address is part of the
// platform's hardening that a millisecond does not buy away.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=RESUME_EXPORT_NO_PIE");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" && std::env::var_os("RESUME_EXPORT_NO_PIE").is_some() {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
