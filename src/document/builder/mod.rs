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
use super::model::{Block, Document, Header, Inlines, KeywordGroup, Metadata};
use crate::resume::{ExtraContent, Resume};
use arrange::{arrange, humanize};
use entries::{group, is_empty_group};
use options::Builder;

pub use options::{BuildOptions, DateStyle, Redact, SECTION_IDS};

/// A built section before arranging: its id, title and blocks.
type Built = (String, String, Vec<Block>);

/// Turns a resume into a document.
pub fn build(resume: &Resume, options: &BuildOptions) -> Document {
    let b = Builder {
        labels: &options.labels,
        options,
    };
    let header = b.header(resume);
    let mut built = b.sections(resume);
    built.extend(b.extras(resume));
    let sections = arrange(built, resume, options);
    let mut document = Document {
        meta: metadata(resume, &header, b.labels),
        header,
        sections,
        letterhead: None,
        letter: None,
    };
    super::redact::apply(&mut document, resume, options.redact);
    document
}

impl Builder<'_> {
    /// The JSON Resume sections in their schema order; empty ones are left out.
    fn sections(&self, resume: &Resume) -> Vec<Built> {
        let mut built: Vec<Built> = Vec::new();
        let mut push = |id: &str, title: &str, blocks: Vec<Block>| {
            if !blocks.is_empty() {
                built.push((id.to_string(), title.to_string(), blocks));
            }
        };
        let l = self.labels;
        let summary = resume.basics.summary.as_deref();
        push(
            "summary",
            &l.summary,
            summary.map(markup::blocks).unwrap_or_default(),
        );
        push(
            "work",
            &l.work,
            self.entries(&resume.work, |w| self.work(w)),
        );
        let volunteer = self.entries(&resume.volunteer, |w| self.work(w));
        push("volunteer", &l.volunteer, volunteer);
        let education = self.entries(&resume.education, |e| self.education(e));
        push("education", &l.education, education);
        let projects = self.entries(&resume.projects, |p| self.project(p));
        push("projects", &l.projects, projects);
        push(
            "awards",
            &l.awards,
            self.entries(&resume.awards, |a| self.award(a)),
        );
        let certificates = self.entries(&resume.certificates, |c| self.certificate(c));
        push("certificates", &l.certificates, certificates);
        let publications = self.entries(&resume.publications, |p| self.publication(p));
        push("publications", &l.publications, publications);
        let skills = resume.skills.iter().filter(|s| self.options.keeps(&s.tags));
        push(
            "skills",
            &l.skills,
            keyword_blocks(
                skills.map(|s| group(s.name.clone(), s.level.clone(), s.keywords.clone())),
            ),
        );
        push(
            "languages",
            &l.languages,
            keyword_blocks(
                resume
                    .languages
                    .iter()
                    .map(|x| group(x.language.clone(), x.fluency.clone(), Vec::new())),
            ),
        );
        push(
            "interests",
            &l.interests,
            keyword_blocks(
                resume
                    .interests
                    .iter()
                    .map(|x| group(x.name.clone(), None, x.keywords.clone())),
            ),
        );
        let references = self.entries(&resume.references, |r| self.reference(r));
        push("references", &l.references, references);
        built
    }

    /// Sections the resume adds beyond the schema's, in its order; empty ones are left out.
    fn extras(&self, resume: &Resume) -> Vec<Built> {
        let mut built = Vec::new();
        for extra in &resume.extra {
            let blocks = match &extra.content {
                ExtraContent::Entries(items) => self.entries(items, |w| self.work(w)),
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
            if !blocks.is_empty() {
                built.push((extra.key.clone(), humanize(&extra.key), blocks));
            }
        }
        built
    }
}

/// Keyword groups as blocks, empty groups left out.
fn keyword_blocks(groups: impl Iterator<Item = KeywordGroup>) -> Vec<Block> {
    groups
        .filter(|g| !is_empty_group(g))
        .map(Block::Keywords)
        .collect()
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
