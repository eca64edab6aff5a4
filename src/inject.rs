//! Fault injection for tests (debug builds only): `RESUME_EXPORT_INJECT=<kind>:<label part>`.

/// Whether the test hook `RESUME_EXPORT_INJECT=<kind>:<part>` asks for `kind` on an item
/// whose label contains `part`. Kinds: `panic` and `write-fail` (batch), `sleep` (server).
/// Always false in release builds.
pub(crate) fn injected(kind: &str, label: &str) -> bool {
    if !cfg!(debug_assertions) {
        return false;
    }
    std::env::var("RESUME_EXPORT_INJECT").is_ok_and(|v| {
        v.strip_prefix(kind)
            .and_then(|rest| rest.strip_prefix(':'))
            .is_some_and(|part| !part.is_empty() && label.contains(part))
    })
}
