//! Entries: tag filtering, bullets from highlights, one entry per kind of item, links and keyword groups.

use super::super::links;
use super::super::markup;
use super::super::model::{Block, Entry, Inline, Inlines, KeywordGroup, Link};
use super::header::join_some;
use super::options::Builder;
use crate::resume::{
    Award, Certificate, Education, Highlight, Project, Publication, Reference, Work,
};

/// Resume items that may carry tailoring tags.
pub(super) trait Tagged {
    fn tags(&self) -> &[String];
}

macro_rules! tagged {
    ($($t:ty),*) => { $( impl Tagged for $t { fn tags(&self) -> &[String] { &self.tags } } )* };
}
tagged!(Work, Education, Project, Award, Certificate, Publication);

impl Tagged for Reference {
    fn tags(&self) -> &[String] {
        &[]
    }
}

impl Builder<'_> {
    /// Builds entries, dropping ones with nothing in them and ones the tags
    /// leave out. An entry that is only text (a section's opening paragraph)
    /// is that text, not an entry under an empty heading.
    pub(super) fn entries<T: Tagged>(&self, items: &[T], f: impl Fn(&T) -> Entry) -> Vec<Block> {
        items
            .iter()
            .filter(|i| self.options.keeps(i.tags()))
            .map(f)
            .filter(|e| *e != Entry::default())
            .flat_map(|e| {
                let text_only = Entry {
                    summary: Vec::new(),
                    ..e.clone()
                } == Entry::default();
                if text_only {
                    e.summary
                } else {
                    vec![Block::Entry(e)]
                }
            })
            .collect()
    }

    /// Highlights as bullets: tag-filtered, non-empty, at most `max_highlights`.
    pub(super) fn bullets(&self, highlights: &[Highlight]) -> Vec<Inlines> {
        highlights
            .iter()
            .filter(|h| self.options.keeps(&h.tags))
            .map(|h| markup::inlines(&h.text))
            .filter(|h| !h.is_empty())
            .take(self.options.max_highlights.unwrap_or(usize::MAX))
            .collect()
    }

    pub(super) fn work(&self, w: &Work) -> Entry {
        let mut summary = Vec::new();
        if let Some(d) = &w.description {
            summary.push(Block::Paragraph {
                content: vec![Inline::Emph {
                    content: markup::inlines(d),
                }],
            });
        }
        summary.extend(w.summary.as_deref().map(markup::blocks).unwrap_or_default());
        let (title, subtitle) = match &w.position {
            Some(p) => (Some(p.clone()), w.name.clone()),
            None => (w.name.clone(), None),
        };
        Entry {
            title,
            subtitle,
            location: w.location.clone(),
            dates: self.range(w.start_date.as_ref(), w.end_date.as_ref()),
            link: link(w.url.as_deref()),
            summary,
            bullets: self.bullets(&w.highlights),
            keywords: w.keywords.clone(),
        }
    }

    /// A degree: "type in area" at the institution, then the score, summary and courses.
    pub(super) fn education(&self, e: &Education) -> Entry {
        let l = self.labels;
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
            dates: self.range(e.start_date.as_ref(), e.end_date.as_ref()),
            link: link(e.url.as_deref()),
            summary,
            bullets: e.courses.iter().map(|c| markup::inlines(c)).collect(),
            keywords: Vec::new(),
        }
    }

    /// A project: its description, then the roles; entity and kind as the subtitle.
    pub(super) fn project(&self, p: &Project) -> Entry {
        let mut summary = p
            .description
            .as_deref()
            .map(markup::blocks)
            .unwrap_or_default();
        if !p.roles.is_empty() {
            summary.push(Block::Paragraph {
                content: vec![
                    Inline::Strong {
                        content: vec![Inline::text(format!("{}:", self.labels.roles))],
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
            dates: self.range(p.start_date.as_ref(), p.end_date.as_ref()),
            link: link(p.url.as_deref()),
            summary,
            bullets: self.bullets(&p.highlights),
            keywords: p.keywords.clone(),
        }
    }

    pub(super) fn award(&self, a: &Award) -> Entry {
        Entry {
            title: a.title.clone(),
            subtitle: a.awarder.clone(),
            dates: self.single(a.date.as_ref()),
            summary: a.summary.as_deref().map(markup::blocks).unwrap_or_default(),
            ..Entry::default()
        }
    }

    pub(super) fn certificate(&self, c: &Certificate) -> Entry {
        Entry {
            title: c.name.clone(),
            subtitle: c.issuer.clone(),
            dates: self.single(c.date.as_ref()),
            link: link(c.url.as_deref()),
            ..Entry::default()
        }
    }

    pub(super) fn publication(&self, p: &Publication) -> Entry {
        Entry {
            title: p.name.clone(),
            subtitle: p.publisher.clone(),
            dates: self.single(p.release_date.as_ref()),
            link: link(p.url.as_deref()),
            summary: p.summary.as_deref().map(markup::blocks).unwrap_or_default(),
            ..Entry::default()
        }
    }

    pub(super) fn reference(&self, r: &Reference) -> Entry {
        Entry {
            title: r.name.clone(),
            summary: r
                .reference
                .as_deref()
                .map(markup::blocks)
                .unwrap_or_default(),
            ..Entry::default()
        }
    }
}

pub(super) fn link(url: Option<&str>) -> Option<Link> {
    let raw = url?;
    Some(Link {
        url: links::web(raw)?,
        text: links::display(raw),
    })
}

pub(super) fn group(
    name: Option<String>,
    level: Option<String>,
    keywords: Vec<String>,
) -> KeywordGroup {
    KeywordGroup {
        name,
        level,
        keywords,
    }
}

pub(super) fn is_empty_group(g: &KeywordGroup) -> bool {
    g.name.is_none() && g.level.is_none() && g.keywords.is_empty()
}
