//! The resume shapes other tools write, each mapped onto JSON Resume by one [`Reader`].
//!
//! A reader takes the parsed file (whatever its syntax) and returns the same
//! resume as a JSON Resume value, which the lenient JSON Resume reader then
//! reads into a [`Resume`](super::Resume); everything after reading is the
//! same for every shape. What has no place in JSON Resume is warned about
//! with its path in the original file, once per kind; nothing is dropped
//! silently.

mod fresh;
mod html;
pub mod linkedin;
mod map;
pub mod markdown;
mod reactive;
mod rendercv;

use serde_json::Value;

use super::Warning;

/// One input shape.
pub trait Reader: Sync + std::fmt::Debug {
    /// The name `--from` takes.
    fn name(&self) -> &'static str;
    /// One line for help and messages.
    fn description(&self) -> &'static str;
    /// Whether a parsed file has this shape (used when `--from` is not given).
    fn recognises(&self, value: &Value) -> bool;
    /// The file as JSON Resume, with a warning for each kind of field left out.
    fn map(&self, value: Value, warnings: &mut Vec<Warning>) -> Value;
}

/// JSON Resume itself: read as it is.
#[derive(Debug)]
pub struct JsonResume;

impl Reader for JsonResume {
    fn name(&self) -> &'static str {
        "jsonresume"
    }
    fn description(&self) -> &'static str {
        "JSON Resume v1 (jsonresume.org), with its common variants and our extensions"
    }
    fn recognises(&self, _: &Value) -> bool {
        true
    }
    fn map(&self, value: Value, _: &mut Vec<Warning>) -> Value {
        value
    }
}

/// Every reader, JSON Resume last since it takes anything.
pub static READERS: &[&dyn Reader] = &[
    &linkedin::LinkedIn,
    &fresh::Fresh,
    &reactive::ReactiveResume,
    &rendercv::RenderCv,
    &markdown::Markdown,
    &JsonResume,
];

/// The reader called `name`.
pub fn by_name(name: &str) -> Option<&'static dyn Reader> {
    READERS.iter().copied().find(|r| r.name() == name)
}

/// The names `--from` takes, for help and messages.
pub fn names() -> Vec<&'static str> {
    READERS.iter().map(|r| r.name()).collect()
}

/// The reader whose shape `value` has.
pub fn detect(value: &Value) -> &'static dyn Reader {
    READERS
        .iter()
        .copied()
        .find(|r| r.recognises(value))
        .unwrap_or(&JsonResume)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn detection_picks_each_shape() {
        assert_eq!(
            detect(&json!({"basics": {"name": "A"}})).name(),
            "jsonresume"
        );
        assert_eq!(
            detect(&json!({"name": "A", "meta": {"format": "FRESH@1.0.0"}})).name(),
            "fresh"
        );
        assert_eq!(
            detect(&json!({"name": "A", "employment": {"history": []}})).name(),
            "fresh"
        );
        assert_eq!(
            detect(&json!({"basics": {"name": "A", "headline": ""}, "sections": {"experience": {"items": []}}, "metadata": {}})).name(),
            "reactive-resume"
        );
        assert_eq!(detect(&json!({"cv": {"name": "A"}})).name(), "rendercv");
        assert_eq!(
            detect(&json!({linkedin::KEY: {"Skills.csv": []}})).name(),
            "linkedin"
        );
        assert_eq!(detect(&json!([])).name(), "jsonresume");
        for r in READERS {
            assert_eq!(by_name(r.name()).map(|x| x.name()), Some(r.name()));
        }
    }
}
