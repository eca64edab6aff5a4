//! Entries: tag filtering, bullets from highlights, work positions, links and keyword groups.

use super::super::links;
use super::super::markup;
use super::super::model::{Block, Entry, Inline, Inlines, KeywordGroup, Link};
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
