//! `resume_export._native`: the resume-export engine in process, for Python (the package `resume_export` wraps it).
//!
//! A face like the command line and the server: options become a
//! [`resume_export::job::Job`] through the same [`resume_export::job::Options::resolve`],
//! and every render runs with the GIL released. No thread is started here
//! (nor at import): `render_many` starts its own and joins them before it returns.

mod errors;
mod job;
mod letter;
mod tools;

use pyo3::prelude::*;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(m)?;
    m.add_class::<job::Job>()?;
    m.add_function(wrap_pyfunction!(tools::formats, m)?)?;
    m.add_function(wrap_pyfunction!(tools::layouts, m)?)?;
    m.add_function(wrap_pyfunction!(tools::validate, m)?)?;
    m.add_function(wrap_pyfunction!(tools::convert, m)?)?;
    m.add_function(wrap_pyfunction!(tools::check, m)?)?;
    m.add_function(wrap_pyfunction!(tools::source_date_epoch, m)?)?;
    m.add_function(wrap_pyfunction!(tools::_panic_for_tests, m)?)?;
    m.add("ENGINE_VERSION", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
