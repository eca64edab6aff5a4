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
use crate::resume::{
    Award, Certificate, Date, Education, ExtraContent, Highlight, Location, PartialDate, Profile,
    Project, Publication, Reference, Resume, Work,
};

/// Resume items that may carry tailoring tags.
trait Tagged {
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

/// How dates read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateStyle {
    /// "Jan 2020"
    #[default]
    Short,
    /// "January 2020"
    Long,
    /// "01/2020"
    Numeric,
}

/// What redaction removes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Redact {
    /// E-mail, phone, street address, web address and profiles.
    pub contact: bool,
    /// The name, replaced by initials.
    pub name: bool,
}

/// The standard sections, in their default order.
pub const SECTION_IDS: &[&str] = &[
    "summary",
    "work",
    "volunteer",
    "education",
    "projects",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
];

/// What to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Words to use; English by default.
    pub labels: Labels,
    pub date_style: DateStyle,
    /// Sections to show, in order (`--sections`); overrides everything else.
    pub sections: Option<Vec<String>>,
    /// The layout's section order; sections it does not name follow in default order.
    pub order: Vec<String>,
    /// Sections the layout hides.
    pub hidden: Vec<String>,
    /// Section titles set by the layout, by id.
    pub titles: Vec<(String, String)>,
    /// Keep only tagged entries and highlights that carry one of these tags (untagged ones stay).
    pub tags: Vec<String>,
    /// At most this many bullets per entry.
    pub max_highlights: Option<usize>,
    pub redact: Redact,
}

impl BuildOptions {
    fn keeps(&self, tags: &[String]) -> bool {
        self.tags.is_empty()
            || tags.is_empty()
            || tags.iter().any(|t| {
                self.tags
                    .iter()
                    .any(|w| w.trim().eq_ignore_ascii_case(t.trim()))
            })
    }
}

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

/// Orders, selects and titles the sections: `--sections`, then `meta.sections`,
/// then the layout's order; titles from the resume's `meta`, then the layout, then the language.
fn arrange(
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
                if !options.hidden.iter().any(|h| normalise(h) == id) {
                    take(&id, &mut built);
                }
            }
            out.retain(|(id, _, _)| !options.hidden.iter().any(|h| normalise(h) == *id));
        }
    }
    out.into_iter()
        .map(|(id, default_title, blocks)| {
            let title = resume
                .meta
                .section_titles
                .iter()
                .chain(options.titles.iter())
                .find(|(k, _)| normalise(k) == id)
                .map(|(_, t)| t.clone())
                .unwrap_or(default_title);
            Section { id, title, blocks }
        })
        .collect()
}

struct Builder<'a> {
    labels: &'a Labels,
    options: &'a BuildOptions,
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
            photo: None,
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

    /// Builds entries, dropping ones with nothing in them and ones the tags leave out.
    fn entries<T: Tagged>(&self, items: &[T], f: impl Fn(&T) -> Entry) -> Vec<Block> {
        items
            .iter()
            .filter(|i| self.options.keeps(i.tags()))
            .map(f)
            .filter(|e| *e != Entry::default())
            .map(Block::Entry)
            .collect()
    }

    /// Highlights as bullets: tag-filtered, non-empty, at most `max_highlights`.
    fn bullets(&self, highlights: &[Highlight]) -> Vec<Inlines> {
        highlights
            .iter()
            .filter(|h| self.options.keeps(&h.tags))
            .map(|h| markup::inlines(&h.text))
            .filter(|h| !h.is_empty())
            .take(self.options.max_highlights.unwrap_or(usize::MAX))
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
            bullets: self.bullets(&w.highlights),
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
                let l = self.labels;
                let i = usize::from(*m).saturating_sub(1);
                let pattern = match self.options.date_style {
                    DateStyle::Short => &l.date_short,
                    DateStyle::Long => &l.date_long,
                    DateStyle::Numeric => &l.date_numeric,
                };
                super::labels::fill_date(
                    pattern,
                    &year.to_string(),
                    usize::from(*m),
                    l.months.get(i).map_or("", String::as_str),
                    l.months_long.get(i).map_or("", String::as_str),
                )
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
        language: l.language.clone(),
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
        let options = BuildOptions::default();
        let b = Builder {
            labels: &options.labels,
            options: &options,
        };
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
