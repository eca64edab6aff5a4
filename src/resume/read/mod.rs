//! JSON value → [`Resume`], accepting the shapes real files have.
//!
//! Every section reader takes the standard key first and older or common
//! spellings after it; [`Obj::field`] warns when a non-standard one is used and
//! [`Obj::finish`] warns about fields that were not read at all.

mod basics;
mod entries;
mod work;

use serde_json::Value;

use super::reader::{self, Reader};
use super::value::{Ctx, Item, Obj, join, kind, to_items, to_text, to_texts};
use super::{Basics, ExtraContent, ExtraSection, Meta, Parsed, Resume, Warning, Work};
use basics::{merge_basics, read_basics, read_basics_fields};
use entries::{
    read_award, read_certificate, read_education, read_interest, read_language, read_project,
    read_publication, read_reference, read_skill,
};
use work::{read_volunteer, read_work};

/// How to read a resume.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Preferred language for multilingual values; `None` means `meta.language`, else English.
    pub lang: Option<String>,
    /// The shape of the input (`--from`); `None` means recognised from the content.
    pub from: Option<&'static dyn Reader>,
}

/// Top-level keys of JSON Resume, with the other names files use for them.
const SECTIONS: &[(&str, &[&str])] = &[
    (
        "work",
        &["work", "experiences", "experience", "jobs", "employment"],
    ),
    ("volunteer", &["volunteer", "volunteers", "volunteering"]),
    ("education", &["education", "educations"]),
    ("awards", &["awards", "honors", "honours"]),
    (
        "certificates",
        &["certificates", "certifications", "certificate"],
    ),
    ("publications", &["publications", "publication"]),
    ("skills", &["skills", "skill"]),
    ("languages", &["languages"]),
    ("interests", &["interests", "hobbies"]),
    ("references", &["references", "reference"]),
    ("projects", &["projects", "project"]),
];

/// Top-level keys that are tool settings, not resume content.
const SETTINGS: &[&str] = &[
    "$schema",
    "meta",
    "basics",
    "selectedTemplate",
    "headings",
    "sections",
    "theme",
    "themes",
    "sops",
    "featured",
    "language",
    "lang",
    "locale",
    "version",
];

/// Reads a parsed value (JSON Resume, or another shape a [`Reader`] maps) as a resume.
pub fn read_value(value: Value, options: &ReadOptions) -> Parsed {
    let reader = options.from.unwrap_or_else(|| reader::detect(&value));
    let mut mapped = Vec::new();
    let value = reader.map(value, &mut mapped);
    let mut parsed = read_json_resume(value, options);
    parsed.reader = reader.name();
    mapped.append(&mut parsed.warnings);
    parsed.warnings = mapped;
    parsed
}

/// Reads a JSON Resume value.
fn read_json_resume(value: Value, options: &ReadOptions) -> Parsed {
    let lang = options
        .lang
        .clone()
        .or_else(|| {
            let meta = value.get("meta");
            meta.and_then(|m| m.get("language"))
                .or_else(|| value.get("language"))
                .and_then(Value::as_str)
                .map(str::to_string)
        })
        .map(|l| primary_language(&l))
        .unwrap_or_else(|| "en".to_string());
    let mut ctx = Ctx {
        warnings: Vec::new(),
        lang,
    };
    let resume = match &value {
        Value::Object(map) => read_root(&mut ctx, Obj::new(map, String::new())),
        other => {
            ctx.warn(
                "",
                format!(
                    "the top level is {}, not an object; nothing to read",
                    kind(other)
                ),
            );
            Resume::default()
        }
    };
    Parsed {
        resume,
        warnings: collapse(ctx.warnings),
        raw: value,
        reader: "jsonresume",
    }
}

/// `pt-BR` → `pt`.
fn primary_language(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or("en")
        .to_ascii_lowercase()
}

/// Keeps the first few warnings of each kind, then one line counting the rest.
fn collapse(warnings: Vec<Warning>) -> Vec<Warning> {
    const KEEP: usize = 3;
    let mut out: Vec<Warning> = Vec::new();
    let mut counts: Vec<(String, usize)> = Vec::new();
    for w in warnings {
        match counts.iter_mut().find(|(m, _)| *m == w.message) {
            Some((_, n)) => {
                *n += 1;
                if *n <= KEEP {
                    out.push(w);
                }
            }
            None => {
                counts.push((w.message.clone(), 1));
                out.push(w);
            }
        }
    }
    for (message, n) in counts {
        if n > KEEP {
            out.push(Warning {
                path: String::new(),
                message: format!("{} more like this: {message}", n - KEEP),
            });
        }
    }
    out
}

fn read_root(ctx: &mut Ctx, mut root: Obj<'_>) -> Resume {
    let mut resume = Resume {
        basics: match root.object(ctx, &["basics"]) {
            Some(b) => read_basics(ctx, b),
            None => Basics::default(),
        },
        ..Resume::default()
    };
    // Pre-schema files (2014) keep name, email and profiles at the top level.
    if resume.basics.name.is_none()
        && ["name", "email", "bio", "label"]
            .iter()
            .any(|k| root.has(k))
    {
        ctx.warn(
            "",
            "no `basics` object; name and contact details read from the top level",
        );
        let flat = read_basics_fields(ctx, &mut root);
        merge_basics(&mut resume.basics, flat);
    }
    for (name, aliases) in SECTIONS {
        let items = root.items(ctx, aliases);
        match *name {
            "work" => {
                resume.work = read_all(ctx, items, read_work)
                    .into_iter()
                    .flatten()
                    .collect()
            }
            "volunteer" => {
                resume.volunteer = read_all(ctx, items, read_volunteer)
                    .into_iter()
                    .flatten()
                    .collect()
            }
            "education" => resume.education = read_all(ctx, items, read_education),
            "awards" => resume.awards = read_all(ctx, items, read_award),
            "certificates" => resume.certificates = read_all(ctx, items, read_certificate),
            "publications" => resume.publications = read_all(ctx, items, read_publication),
            "skills" => resume.skills = read_all(ctx, items, read_skill),
            "languages" => resume.languages = read_all(ctx, items, read_language),
            "interests" => resume.interests = read_all(ctx, items, read_interest),
            "references" => resume.references = read_all(ctx, items, read_reference),
            _ => resume.projects = read_all(ctx, items, read_project),
        }
    }
    if let Some(meta) = root.object(ctx, &["meta"]) {
        resume.meta = read_meta(ctx, meta);
    }
    if resume.meta.language.is_none() {
        resume.meta.language = root.text(ctx, &["language"]);
    }
    root.ignore(SETTINGS);
    resume.extra = read_extra(ctx, &mut root, &resume.meta);
    root.finish(ctx);
    resume
}

/// Reads each item with `f`; bare strings become the item's main field.
fn read_all<T>(ctx: &mut Ctx, items: Vec<Item<'_>>, f: fn(&mut Ctx, Item<'_>) -> T) -> Vec<T> {
    items.into_iter().map(|item| f(ctx, item)).collect()
}

/// Top-level keys that are not JSON Resume: lists of objects or strings are kept.
fn read_extra(ctx: &mut Ctx, root: &mut Obj<'_>, meta: &Meta) -> Vec<ExtraSection> {
    let known: Vec<&str> = SECTIONS
        .iter()
        .flat_map(|(_, a)| a.iter().copied())
        .collect();
    let keys: Vec<String> = root
        .keys()
        .into_iter()
        .filter(|k| !known.contains(&k.as_str()) && !root.is_used(k))
        .filter(|k| !k.starts_with('$') && !k.starts_with('_'))
        .collect();
    let mut out = Vec::new();
    for key in keys {
        let Some((value, path)) = root.raw(ctx, &[key.as_str()]) else {
            continue;
        };
        let content = match value {
            Value::Array(a) if a.iter().any(Value::is_object) => {
                let items = to_items(ctx, value, &path);
                let entries: Vec<Work> = read_all(ctx, items, read_work)
                    .into_iter()
                    .flatten()
                    .collect();
                ExtraContent::Entries(entries)
            }
            Value::Array(_) | Value::String(_) => ExtraContent::Items(to_texts(ctx, value, &path)),
            other => {
                ctx.warn(
                    &path,
                    format!("unknown section holding {}; ignored", kind(other)),
                );
                continue;
            }
        };
        // A section that meta names (in its order or its titles) is meant to be there.
        let declared =
            meta.sections.contains(&key) || meta.section_titles.iter().any(|(k, _)| *k == key);
        if !declared {
            ctx.warn(
                &path,
                "section outside JSON Resume; rendered under its own title",
            );
        }
        out.push(ExtraSection { key, content });
    }
    out
}

fn read_meta(ctx: &mut Ctx, mut o: Obj<'_>) -> Meta {
    let m = Meta {
        canonical: o.text(ctx, &["canonical"]),
        version: o.text(ctx, &["version"]),
        last_modified: o.text(ctx, &["lastModified"]),
        language: o.text(ctx, &["language", "lang", "locale"]),
        sections: o.texts(ctx, &["sections", "order"]),
        section_titles: match o.raw(ctx, &["sectionTitles", "titles"]) {
            Some((serde_json::Value::Object(map), path)) => map
                .iter()
                .filter_map(|(k, v)| to_text(ctx, v, &join(&path, k)).map(|t| (k.clone(), t)))
                .collect(),
            Some((other, path)) => {
                ctx.warn(
                    &path,
                    format!(
                        "expected an object of titles, found {}; ignored",
                        kind(other)
                    ),
                );
                Vec::new()
            }
            None => Vec::new(),
        },
    };
    // Tool settings that other programs keep in meta; `ref`, the
    // letterhead's reference, is read from the raw resume by the job.
    o.ignore(&[
        "theme",
        "themeOptions",
        "pdfRenderOptions",
        "$schema",
        "ref",
    ]);
    o.finish(ctx);
    m
}
