//! Which sections appear, in what order, and under what titles.

use super::super::model::{Block, Section};
use super::options::BuildOptions;
use crate::resume::Resume;

/// Orders, selects and titles the sections: `--sections`, then `meta.sections`,
/// then the layout's order; titles from the resume's `meta`, then the layout, then the language.
/// Section ids keep their case (an extra section's key, `sideProjects`);
/// every comparison goes through `normalise`, which lower-cases.
pub(super) fn arrange(
    built: Vec<(String, String, Vec<Block>)>,
    resume: &Resume,
    options: &BuildOptions,
) -> Vec<Section> {
    let normalise = |id: &str| -> String {
        let id = id.trim().to_ascii_lowercase();
        match id.as_str() {
            "experience" | "jobs" | "employment" => "work".into(),
            "volunteering" => "volunteer".into(),
            "about" | "profile" => "summary".into(),
            "certifications" => "certificates".into(),
            _ => id,
        }
    };
    let chosen: Option<Vec<String>> = options
        .sections
        .clone()
        .or_else(|| (!resume.meta.sections.is_empty()).then(|| resume.meta.sections.clone()))
        .map(|v| v.iter().map(|s| normalise(s)).collect());
    let mut built = built;
    let mut out = Vec::new();
    let mut take = |id: &str, built: &mut Vec<(String, String, Vec<Block>)>| {
        if let Some(i) = built
            .iter()
            .position(|(b, _, _)| b.eq_ignore_ascii_case(id))
        {
            let (id, title, blocks) = built.remove(i);
            out.push((id, title, blocks));
        }
    };
    match chosen {
        Some(list) => {
            for id in &list {
                take(id, &mut built);
            }
        }
        None => {
            let order: Vec<String> = options.order.iter().map(|s| normalise(s)).collect();
            for id in &order {
                take(id, &mut built);
            }
            // Sections the layout does not name keep their default order.
            let rest: Vec<String> = built.iter().map(|(id, _, _)| id.clone()).collect();
            for id in rest {
                if !options
                    .hidden
                    .iter()
                    .any(|h| normalise(h) == normalise(&id))
                {
                    take(&id, &mut built);
                }
            }
            out.retain(|(id, _, _)| !options.hidden.iter().any(|h| normalise(h) == normalise(id)));
        }
    }
    out.into_iter()
        .map(|(id, default_title, blocks)| {
            let title = resume
                .meta
                .section_titles
                .iter()
                .chain(options.titles.iter())
                .find(|(k, _)| normalise(k) == normalise(&id))
                .map(|(_, t)| t.clone())
                .unwrap_or(default_title);
            Section { id, title, blocks }
        })
        .collect()
}

/// `freelancing` → "Freelancing", `sideProjects` → "Side Projects", `pr` → "PR".
pub(super) fn humanize(key: &str) -> String {
    if key.chars().count() <= 3 {
        return key.to_uppercase();
    }
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in key.chars() {
        if c == '_' || c == '-' || c == ' ' {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
        } else if c.is_uppercase() && !current.is_empty() {
            words.push(std::mem::take(&mut current));
            current.push(c);
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
        .iter()
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(f) => f.to_uppercase().collect::<String>() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn humanized_titles() {
        assert_eq!(humanize("freelancing"), "Freelancing");
        assert_eq!(humanize("sideProjects"), "Side Projects");
        assert_eq!(humanize("open_source"), "Open Source");
        assert_eq!(humanize("pr"), "PR");
    }
}
