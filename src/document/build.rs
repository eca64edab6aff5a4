//! The builder: a [`Resume`] becomes a [`Document`].
//!
//! Every content decision is made here, once: which sections appear and in
//! what order, their titles, how dates read, which links are safe and what
//! each JSON Resume field turns into. Backends only render the result.

use super::labels::Labels;
use super::links;
use super::markup;
use super::model::{
    Block, Contact, ContactKind, DateRange, Document, Entry, Header, Inline, Inlines, KeywordGroup,
    Link, Metadata, Section,
};
use crate::resume::{Date, ExtraContent, Location, PartialDate, Profile, Resume, Work};

/// What to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Words to use; English by default.
    pub labels: Labels,
}

/// Turns a resume into a document.
pub fn build(resume: &Resume, options: &BuildOptions) -> Document {
    let b = Builder {
        labels: &options.labels,
    };
    let header = b.header(resume);
    let mut sections = Vec::new();
    let mut push = |id: &str, title: &str, blocks: Vec<Block>| {
        if !blocks.is_empty() {
            sections.push(Section {
                id: id.to_string(),
                title: title.to_string(),
                blocks,
            });
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
                bullets: p.highlights.iter().map(|h| markup::inlines(h)).collect(),
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
    Document {
        meta: metadata(resume, &header, l),
        header,
        sections,
    }
}

struct Builder<'a> {
    labels: &'a Labels,
}

impl Builder<'_> {
    fn header(&self, resume: &Resume) -> Header {
        let b = &resume.basics;
        let l = self.labels;
        let mut contacts = Vec::new();
        if let Some(email) = &b.email {
            contacts.push(Contact {
                kind: ContactKind::Email,
                label: l.email.clone(),
                text: email.clone(),
                link: links::email(email),
            });
        }
        for phone in &b.phones {
            contacts.push(Contact {
                kind: ContactKind::Phone,
                label: l.phone.clone(),
                text: phone.clone(),
                link: links::phone(phone),
            });
        }
        if let Some(url) = &b.url {
            contacts.push(Contact {
                kind: ContactKind::Url,
                label: l.website.clone(),
                text: url.clone(),
                link: links::web(url),
            });
        }
        if let Some(loc) = b.location.as_ref().and_then(location_text) {
            contacts.push(Contact {
                kind: ContactKind::Location,
                label: l.location.clone(),
                text: loc,
                link: None,
            });
        }
        for p in &b.profiles {
            if let Some(c) = self.profile(p) {
                contacts.push(c);
            }
        }
        Header {
            name: b.name.clone(),
            label: b.label.clone(),
            contacts,
        }
    }

    fn profile(&self, p: &Profile) -> Option<Contact> {
        let url = p
            .url
            .as_deref()
            .and_then(links::web)
            .or_else(|| profile_url(p.network.as_deref()?, p.username.as_deref()?));
        let text = p.username.clone().or_else(|| p.url.clone())?;
        Some(Contact {
            kind: ContactKind::Profile,
            label: p
                .network
                .clone()
                .unwrap_or_else(|| self.labels.profile.clone()),
            text,
            link: url,
        })
    }

    /// Builds entries, dropping ones with nothing in them.
    fn entries<T>(&self, items: &[T], f: impl Fn(&T) -> Entry) -> Vec<Block> {
        items
            .iter()
            .map(f)
            .filter(|e| *e != Entry::default())
            .map(Block::Entry)
            .collect()
    }

    fn work(&self, w: &Work) -> Entry {
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
            bullets: w
                .highlights
                .iter()
                .map(|h| markup::inlines(h))
                .filter(|h| !h.is_empty())
                .collect(),
            keywords: w.keywords.clone(),
        }
    }

    fn date_text(&self, d: &Date) -> String {
        match d {
            Date::Exact(PartialDate {
                year,
                month: Some(m),
                ..
            }) => {
                let name = self
                    .labels
                    .months
                    .get(usize::from(*m).saturating_sub(1))
                    .cloned()
                    .unwrap_or_default();
                format!("{name} {year}")
            }
            Date::Exact(PartialDate { year, .. }) => year.to_string(),
            Date::Present => self.labels.present.clone(),
            Date::Text(t) => t.clone(),
        }
    }

    /// A start–end range; a start without an end is still going on.
    fn range(&self, start: Option<&Date>, end: Option<&Date>) -> Option<DateRange> {
        let iso = |d: Option<&Date>| match d {
            Some(Date::Exact(p)) => Some(p.iso()),
            _ => None,
        };
        let ongoing = matches!(end, Some(Date::Present)) || (start.is_some() && end.is_none());
        let start_text = start.map(|d| self.date_text(d));
        let end_text = match end {
            Some(d) => Some(self.date_text(d)),
            None if start.is_some() => Some(self.labels.present.clone()),
            None => None,
        };
        let text = match (start_text, end_text) {
            (Some(s), Some(e)) if s == e => s,
            (Some(s), Some(e)) => format!("{s}{}{e}", self.labels.range_separator),
            (Some(s), None) => s,
            (None, Some(e)) => e,
            (None, None) => return None,
        };
        Some(DateRange {
            text,
            start: iso(start),
            end: iso(end),
            ongoing,
        })
    }

    /// A single date (awards, certificates, publications).
    fn single(&self, date: Option<&Date>) -> Option<DateRange> {
        let d = date?;
        let iso = match d {
            Date::Exact(p) => Some(p.iso()),
            _ => None,
        };
        Some(DateRange {
            text: self.date_text(d),
            start: iso.clone(),
            end: iso,
            ongoing: false,
        })
    }
}

fn link(url: Option<&str>) -> Option<Link> {
    let raw = url?;
    Some(Link {
        url: links::web(raw)?,
        text: links::display(raw),
    })
}

/// A profile URL derived from a well-known network and a user name.
fn profile_url(network: &str, username: &str) -> Option<String> {
    let user = username.trim().trim_start_matches('@');
    if user.is_empty()
        || !user
            .chars()
            .all(|c| c.is_alphanumeric() || "-_.".contains(c))
    {
        return None;
    }
    let base = match network.trim().to_lowercase().as_str() {
        "github" => "https://github.com/",
        "gitlab" => "https://gitlab.com/",
        "twitter" | "x" => "https://x.com/",
        "linkedin" => "https://www.linkedin.com/in/",
        "stackoverflow" | "stack overflow" => return None,
        _ => return None,
    };
    Some(format!("{base}{user}"))
}

fn location_text(loc: &Location) -> Option<String> {
    let address = loc.address.as_deref().map(|a| {
        a.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    });
    let region_postal = join_some(&[loc.region.clone(), loc.postal_code.clone()], " ");
    join_some(
        &[
            address,
            loc.city.clone(),
            region_postal,
            loc.country_code.clone(),
        ],
        ", ",
    )
}

fn join_some(parts: &[Option<String>], sep: &str) -> Option<String> {
    let present: Vec<&str> = parts
        .iter()
        .flatten()
        .map(|s| s.as_str())
        .filter(|s| !s.is_empty())
        .collect();
    (!present.is_empty()).then(|| present.join(sep))
}

fn group(name: Option<String>, level: Option<String>, keywords: Vec<String>) -> KeywordGroup {
    KeywordGroup {
        name,
        level,
        keywords,
    }
}

fn is_empty_group(g: &KeywordGroup) -> bool {
    g.name.is_none() && g.level.is_none() && g.keywords.is_empty()
}

/// `freelancing` → "Freelancing", `sideProjects` → "Side Projects", `pr` → "PR".
fn humanize(key: &str) -> String {
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
        language: resume
            .meta
            .language
            .clone()
            .filter(|t| {
                t.len() <= 35
                    && t.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            })
            .map(|t| t.replace('_', "-"))
            .unwrap_or_else(|| l.language.clone()),
    }
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

    #[test]
    fn ranges() {
        let labels = Labels::english();
        let b = Builder { labels: &labels };
        let d = |y, m| {
            Date::Exact(PartialDate {
                year: y,
                month: m,
                day: None,
            })
        };
        assert_eq!(
            b.range(Some(&d(2020, Some(1))), None).unwrap().text,
            "Jan 2020 – Present"
        );
        let r = b
            .range(Some(&d(2013, Some(12))), Some(&d(2014, Some(12))))
            .unwrap();
        assert_eq!(r.text, "Dec 2013 – Dec 2014");
        assert!(!r.ongoing);
        assert_eq!(
            b.range(Some(&d(2019, None)), Some(&d(2019, None)))
                .unwrap()
                .text,
            "2019"
        );
        assert_eq!(b.range(None, None), None);
        assert_eq!(
            b.range(
                Some(&Date::Text("2016 ~ 2020".into())),
                Some(&Date::Present)
            )
            .unwrap()
            .text,
            "2016 ~ 2020 – Present"
        );
    }

    #[test]
    fn profile_urls_are_derived_for_known_networks() {
        assert_eq!(
            profile_url("GitHub", "octo").as_deref(),
            Some("https://github.com/octo")
        );
        assert_eq!(profile_url("Myspace", "x"), None);
        assert_eq!(profile_url("github", "a b"), None);
    }
}
