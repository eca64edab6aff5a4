//! A bundle's cover letters: each letter among the inputs (recognised by its content) goes with the resume its `resume:` names, which must be an input of the bundle too.

use std::path::{Path, PathBuf};

use super::Job;
use super::bundle::Error;
use crate::inputs::{Origin, Unit};
use crate::letter::{self, Letter};

/// Which units are letters, and the letter of each resume unit.
pub struct Letters {
    /// `(letter unit, resume unit, letter)`.
    pairs: Vec<(usize, usize, Letter)>,
}

impl Letters {
    /// Whether unit `index` is a letter (not a candidate of its own).
    pub fn is_letter(&self, index: usize) -> bool {
        self.pairs.iter().any(|p| p.0 == index)
    }

    /// The letter of resume unit `index` and the letter's own unit, if one was given.
    pub fn of(&self, index: usize) -> Option<(usize, &Letter)> {
        self.pairs
            .iter()
            .find(|p| p.1 == index)
            .map(|p| (p.0, &p.2))
    }
}

/// A file's path as compared: canonical when it exists.
fn key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Reads the letters among `units` (their bytes in `sources`) and pairs each
/// with the resume unit its `resume:` names; a letter's reader warnings go
/// to its unit in `warnings`. Errors name the letter.
pub fn pair(
    job: &Job,
    units: &[Unit],
    sources: &[Result<Vec<u8>, String>],
    warnings: &mut [Vec<String>],
) -> Result<Letters, Error> {
    let resume_at = |path: &Path| {
        let wanted = key(path);
        units.iter().position(|u| {
            u.part.is_none() && matches!(&u.origin, Origin::File(p) if key(p) == wanted)
        })
    };
    let mut pairs: Vec<(usize, usize, Letter)> = Vec::new();
    let is_letter = |bytes: &Result<Vec<u8>, String>| {
        bytes.as_ref().is_ok_and(|b| letter::looks_like_letter(b))
    };
    for (index, (unit, bytes)) in units.iter().zip(sources).enumerate() {
        let Ok(bytes) = bytes else { continue };
        if unit.part.is_some() || !letter::looks_like_letter(bytes) {
            continue;
        }
        let fail = |message: String| Err(Error::Letter { message });
        let read = match letter::read(&unit.file, bytes, &job.limits) {
            Ok(r) => r,
            Err(e) => return fail(e.message(&unit.file)),
        };
        let Some(named) = &read.letter.resume else {
            return fail(format!(
                "{}: the letter names no resume (`resume: resume.json`): in a bundle it goes with that resume",
                unit.file
            ));
        };
        let dir = match &unit.origin {
            Origin::File(p) => p.parent().unwrap_or(Path::new("")),
            _ => Path::new(""),
        };
        let resume = dir.join(named);
        let found = resume_at(&resume).filter(|i| !sources.get(*i).is_some_and(is_letter));
        let Some(resume_index) = found else {
            return fail(format!(
                "{}: the letter's resume {} is not one of the bundle's resumes: give it too",
                unit.file,
                resume.display()
            ));
        };
        if let Some((other, ..)) = pairs.iter().find(|p| p.1 == resume_index) {
            let other = units.get(*other).map_or("", |u| u.file.as_str());
            return fail(format!(
                "{}: {} already has a letter ({other}): one letter a candidate",
                unit.file,
                resume.display()
            ));
        }
        if let Some(w) = warnings.get_mut(index) {
            w.extend(read.warnings.iter().map(|w| format!("letter: {w}")));
        }
        pairs.push((index, resume_index, read.letter));
    }
    Ok(Letters { pairs })
}
