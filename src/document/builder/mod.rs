//! The builder: a [`Resume`] becomes a [`Document`].
//!
//! Every content decision is made here, once: which sections appear and in
//! what order, their titles, how dates read, which links are safe and what
//! each JSON Resume field turns into. Backends only render the result.

mod arrange;
mod dates;
mod entries;
mod header;
mod options;

use super::labels::Labels;
use super::markup;
use super::model::{Block, Document, Entry, Header, Inline, Inlines, Metadata};
use crate::resume::{ExtraContent, Resume};
use arrange::{arrange, humanize};
use entries::{group, is_empty_group, link};
use header::join_some;
use options::Builder;

pub use options::{BuildOptions, DateStyle, Redact, SECTION_IDS};

/// Turns a resume into a document.
pub fn build(resume: &Resume, options: &BuildOptions) -> Document {
    let b = Builder {
        labels: &options.labels,
        options,
    };
    let header = b.header(resume);
    let mut built: Vec<(String, String, Vec<Block>)> = Vec::new();
    let mut push = |id: &str, title: &str, blocks: Vec<Block>| {
        if !blocks.is_empty() {
            built.push((id.to_string(), title.to_string(), blocks));
        }
    };
    let l = b.labels;
    push(
        "summary",
        &l.summary,
        resume
            .basics
            .summary
            .as_deref()
            .map(markup::blocks)
            .unwrap_or_default(),
    );
    push("work", &l.work, b.entries(&resume.work, |w| b.work(w)));
    push(
        "volunteer",
        &l.volunteer,
        b.entries(&resume.volunteer, |w| b.work(w)),
    );
    push(
        "education",
        &l.education,
        b.entries(&resume.education, |e| {
            let mut summary = Vec::new();
            if let Some(score) = &e.score {
                summary.push(Block::Paragraph {
                    content: vec![
                        Inline::Strong {
                            content: vec![Inline::text(format!("{}:", l.score))],
                        },
                        Inline::text(format!(" {score}")),
                    ],
                });
            }
            summary.extend(e.summary.as_deref().map(markup::blocks).unwrap_or_default());
            if !e.courses.is_empty() {
                summary.push(Block::Paragraph {
                    content: vec![Inline::Strong {
                        content: vec![Inline::text(format!("{}:", l.courses))],
                    }],
                });
            }
            let degree = match (&e.study_type, &e.area) {
                (Some(t), Some(a)) => Some(format!("{t}{}{a}", l.degree_in)),
                (t, a) => t.clone().or_else(|| a.clone()),
            };
            let (title, subtitle) = match degree {
                Some(d) => (Some(d), e.institution.clone()),
                None => (e.institution.clone(), None),
            };
            Entry {
                title,
                subtitle,
                location: e.location.clone(),
                dates: b.range(e.start_date.as_ref(), e.end_date.as_ref()),
                link: link(e.url.as_deref()),
                summary,
                bullets: e.courses.iter().map(|c| markup::inlines(c)).collect(),
                keywords: Vec::new(),
            }
        }),
    );
    push(
        "projects",
        &l.projects,
        b.entries(&resume.projects, |p| {
            let mut summary = p
                .description
                .as_deref()
                .map(markup::blocks)
                .unwrap_or_default();
            if !p.roles.is_empty() {
                summary.push(Block::Paragraph {
                    content: vec![
                        Inline::Strong {
                            content: vec![Inline::text(format!("{}:", l.roles))],
                        },
                        Inline::text(format!(" {}", p.roles.join(", "))),
                    ],
                });
            }
            let subtitle = join_some(&[p.entity.clone(), p.kind.clone()], " · ");
            Entry {
                title: p.name.clone(),
                subtitle,
                location: None,
                dates: b.range(p.start_date.as_ref(), p.end_date.as_ref()),
                link: link(p.url.as_deref()),
                summary,
                bullets: b.bullets(&p.highlights),
                keywords: p.keywords.clone(),
            }
        }),
    );
    push(
        "awards",
        &l.awards,
        b.entries(&resume.awards, |a| Entry {
            title: a.title.clone(),
            subtitle: a.awarder.clone(),
            dates: b.single(a.date.as_ref()),
            summary: a.summary.as_deref().map(markup::blocks).unwrap_or_default(),
            ..Entry::default()
        }),
    );
    push(
        "certificates",
        &l.certificates,
        b.entries(&resume.certificates, |c| Entry {
            title: c.name.clone(),
            subtitle: c.issuer.clone(),
            dates: b.single(c.date.as_ref()),
            link: link(c.url.as_deref()),
            ..Entry::default()
        }),
    );
    push(
        "publications",
        &l.publications,
        b.entries(&resume.publications, |p| Entry {
            title: p.name.clone(),
            subtitle: p.publisher.clone(),
            dates: b.single(p.release_date.as_ref()),
            link: link(p.url.as_deref()),
            summary: p.summary.as_deref().map(markup::blocks).unwrap_or_default(),
            ..Entry::default()
        }),
    );
    push(
        "skills",
        &l.skills,
        resume
            .skills
            .iter()
            .filter(|s| options.keeps(&s.tags))
            .map(|s| group(s.name.clone(), s.level.clone(), s.keywords.clone()))
            .filter(|g| !is_empty_group(g))
            .map(Block::Keywords)
            .collect(),
    );
    push(
        "languages",
        &l.languages,
        resume
            .languages
            .iter()
            .map(|x| group(x.language.clone(), x.fluency.clone(), Vec::new()))
            .filter(|g| !is_empty_group(g))
            .map(Block::Keywords)
            .collect(),
    );
    push(
        "interests",
        &l.interests,
        resume
            .interests
            .iter()
            .map(|x| group(x.name.clone(), None, x.keywords.clone()))
            .filter(|g| !is_empty_group(g))
            .map(Block::Keywords)
            .collect(),
    );
    push(
        "references",
        &l.references,
        b.entries(&resume.references, |r| Entry {
            title: r.name.clone(),
            summary: r
                .reference
                .as_deref()
                .map(markup::blocks)
                .unwrap_or_default(),
            ..Entry::default()
        }),
    );
    for extra in &resume.extra {
        let blocks = match &extra.content {
            ExtraContent::Entries(items) => b.entries(items, |w| b.work(w)),
            ExtraContent::Items(items) => {
                let list: Vec<Inlines> = items
                    .iter()
                    .map(|i| markup::inlines(i))
                    .filter(|i| !i.is_empty())
                    .collect();
                if list.is_empty() {
                    Vec::new()
                } else {
                    vec![Block::List { items: list }]
                }
            }
        };
        push(&extra.key, &humanize(&extra.key), blocks);
    }
    let sections = arrange(built, resume, options);
    let mut document = Document {
        meta: metadata(resume, &header, l),
        header,
        sections,
        letterhead: None,
    };
    super::redact::apply(&mut document, resume, options.redact);
    document
}

fn metadata(resume: &Resume, header: &Header, l: &Labels) -> Metadata {
    let name = header.name.clone();
    let title = match (&name, &header.label) {
        (Some(n), Some(lbl)) => format!("{n} – {lbl}"),
        (Some(n), None) => n.clone(),
        (None, Some(lbl)) => lbl.clone(),
        (None, None) => l.resume.clone(),
    };
    let mut keywords: Vec<String> = Vec::new();
    for s in &resume.skills {
        for k in s.name.iter().chain(s.keywords.iter()) {
            if !keywords.iter().any(|x| x.eq_ignore_ascii_case(k)) && keywords.len() < 30 {
                keywords.push(k.clone());
            }
        }
    }
    Metadata {
        title,
        author: name,
        subject: Some(header.label.clone().unwrap_or_else(|| l.resume.clone())),
        keywords,
        language: l.language.clone(),
    }
}
