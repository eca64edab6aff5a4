//! JSON value → [`Resume`], accepting the shapes real files have.
//!
//! Every section reader takes the standard key first and older or common
//! spellings after it; [`Obj::field`] warns when a non-standard one is used and
//! [`Obj::finish`] warns about fields that were not read at all.

use serde_json::Value;

use super::Highlight;
use super::reader::{self, Reader};
use super::value::{Ctx, Item, Obj, join, kind, to_items, to_text, to_texts};
use super::{
    Award, Basics, Certificate, Education, ExtraContent, ExtraSection, Interest, Language,
    Location, Meta, Parsed, Profile, Project, Publication, Reference, Resume, Skill, Warning, Work,
};

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

fn read_basics(ctx: &mut Ctx, mut b: Obj<'_>) -> Basics {
    let basics = read_basics_fields(ctx, &mut b);
    b.ignore(&["$schema"]);
    b.finish(ctx);
    basics
}

fn read_basics_fields(ctx: &mut Ctx, b: &mut Obj<'_>) -> Basics {
    let mut phones: Vec<String> = b
        .text(ctx, &["phone", "phoneNumber", "telephone", "mobile"])
        .into_iter()
        .collect();
    for p in b.texts(ctx, &["phones"]) {
        if !phones.contains(&p) {
            phones.push(p);
        }
    }
    let location = match b.raw(ctx, &["location", "locations", "address"]) {
        Some((Value::String(s), path)) => {
            let address = to_text(ctx, &Value::String(s.clone()), &path);
            address.map(|a| Location {
                address: Some(a),
                ..Location::default()
            })
        }
        Some((v @ (Value::Object(_) | Value::Array(_)), path)) => {
            let obj = match v {
                Value::Object(m) => Some(Obj::new(m, path)),
                Value::Array(a) => {
                    ctx.warn(&path, "several locations; the first is used");
                    a.iter()
                        .find_map(Value::as_object)
                        .map(|m| Obj::new(m, format!("{path}[0]")))
                }
                _ => None,
            };
            obj.map(|o| read_location(ctx, o))
        }
        Some((other, path)) => {
            ctx.warn(&path, format!("location is {}; ignored", kind(other)));
            None
        }
        None => None,
    };
    Basics {
        name: b.text(ctx, &["name", "fullName"]),
        label: b.text(ctx, &["label", "title", "headline"]),
        image: b.text(ctx, &["image", "picture", "photo"]),
        email: b.text(ctx, &["email", "emails", "mail"]),
        phones,
        url: b.text(ctx, &["url", "website", "web", "homepage"]),
        summary: b.text(ctx, &["summary", "bio", "about", "objective"]),
        location: location.filter(|l| *l != Location::default()),
        profiles: read_profiles(ctx, b),
    }
}

fn merge_basics(into: &mut Basics, from: Basics) {
    into.name = into.name.take().or(from.name);
    into.label = into.label.take().or(from.label);
    into.image = into.image.take().or(from.image);
    into.email = into.email.take().or(from.email);
    if into.phones.is_empty() {
        into.phones = from.phones;
    }
    into.url = into.url.take().or(from.url);
    into.summary = into.summary.take().or(from.summary);
    into.location = into.location.take().or(from.location);
    if into.profiles.is_empty() {
        into.profiles = from.profiles;
    }
}

fn read_location(ctx: &mut Ctx, mut o: Obj<'_>) -> Location {
    let loc = Location {
        address: o.text(ctx, &["address", "street", "streetAddress"]),
        postal_code: o.text(ctx, &["postalCode", "zip", "zipCode", "postcode"]),
        city: o.text(ctx, &["city", "locality"]),
        country_code: o.text(ctx, &["countryCode", "country"]),
        region: o.text(ctx, &["region", "state", "province"]),
    };
    o.finish(ctx);
    loc
}

fn read_profiles(ctx: &mut Ctx, b: &mut Obj<'_>) -> Vec<Profile> {
    let Some((value, path)) = b.raw(ctx, &["profiles", "social", "socialProfiles"]) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    match value {
        // `{ "github": "user" }` or `{ "github": { "url": … } }`.
        Value::Object(map) => {
            ctx.warn(&path, "profiles given as an object map; read as a list");
            for (network, v) in map {
                let p = join(&path, network);
                let profile = match v {
                    Value::Object(m) => {
                        let mut o = Obj::new(m, p);
                        let mut profile = read_profile_fields(ctx, &mut o);
                        profile.network = profile.network.or_else(|| Some(network.clone()));
                        o.finish(ctx);
                        profile
                    }
                    other => {
                        let text = to_text(ctx, other, &p);
                        let is_url = text.as_deref().is_some_and(|t| t.contains("://"));
                        Profile {
                            network: Some(network.clone()),
                            username: text.clone().filter(|_| !is_url),
                            url: text.filter(|_| is_url),
                        }
                    }
                };
                out.push(profile);
            }
        }
        _ => {
            for item in to_items(ctx, value, &path) {
                match item {
                    Item::Obj(mut o) => {
                        let profile = read_profile_fields(ctx, &mut o);
                        o.finish(ctx);
                        out.push(profile);
                    }
                    Item::Text(t, _) => out.push(Profile {
                        url: Some(t),
                        ..Profile::default()
                    }),
                }
            }
        }
    }
    out.retain(|p| p.username.is_some() || p.url.is_some());
    out
}

fn read_profile_fields(ctx: &mut Ctx, o: &mut Obj<'_>) -> Profile {
    Profile {
        network: o.text(ctx, &["network", "name", "site"]),
        username: o.text(ctx, &["username", "user", "handle"]),
        url: o.text(ctx, &["url", "website", "link"]),
    }
}

/// Reads a location given as text or as a location object.
fn location_text(ctx: &mut Ctx, o: &mut Obj<'_>) -> Option<String> {
    let text = match o.raw(ctx, &["location"]) {
        Some((Value::Object(m), path)) => {
            let loc = read_location(ctx, Obj::new(m, path));
            let parts: Vec<String> = [loc.address, loc.city, loc.region, loc.country_code]
                .into_iter()
                .flatten()
                .collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        Some((v, path)) => to_text(ctx, v, &path),
        None => None,
    };
    text.or_else(|| {
        let parts: Vec<String> = [
            o.text(ctx, &["city"]),
            o.text(ctx, &["region", "state"]),
            o.text(ctx, &["country", "countryCode"]),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    })
}

/// A work position; a `positions` list inside one employer becomes one entry each.
fn read_work(ctx: &mut Ctx, item: Item<'_>) -> Vec<Work> {
    read_position(ctx, item, &["name", "company", "organization", "employer"])
}

fn read_volunteer(ctx: &mut Ctx, item: Item<'_>) -> Vec<Work> {
    read_position(ctx, item, &["organization", "name", "company"])
}

fn read_position(ctx: &mut Ctx, item: Item<'_>, name_keys: &[&str]) -> Vec<Work> {
    let mut o = match item {
        Item::Obj(o) => o,
        Item::Text(t, path) => {
            ctx.warn(
                &path,
                "text where a position was expected; read as its title",
            );
            return vec![Work {
                position: Some(t),
                ..Work::default()
            }];
        }
    };
    let work = read_work_fields(ctx, &mut o, name_keys);
    let nested = o.items(ctx, &["positions", "roles"]);
    o.finish(ctx);
    if nested.is_empty() {
        return vec![work];
    }
    ctx.warn(
        &work_path(&work),
        "nested `positions` read as one entry per position",
    );
    let mut out = Vec::new();
    for item in nested {
        match item {
            Item::Obj(mut p) => {
                let mut role = read_work_fields(ctx, &mut p, name_keys);
                p.finish(ctx);
                role.name = role.name.or_else(|| work.name.clone());
                role.url = role.url.or_else(|| work.url.clone());
                role.location = role.location.or_else(|| work.location.clone());
                role.description = role.description.or_else(|| work.description.clone());
                out.push(role);
            }
            Item::Text(t, _) => out.push(Work {
                position: Some(t),
                ..work.clone()
            }),
        }
    }
    // The employer entry's own title (an umbrella over its roles) is kept as
    // the first role's description, so it is not lost.
    if let (Some(umbrella), Some(first)) = (&work.position, out.first_mut())
        && first.position.as_deref() != Some(umbrella.as_str())
    {
        first.description = match first.description.take() {
            Some(d) => Some(format!("{umbrella} – {d}")),
            None => Some(umbrella.clone()),
        };
    }
    // What the employer entry says beyond its name belongs before its roles.
    if (work.summary.is_some() || !work.highlights.is_empty())
        && let Some(first) = out.first_mut()
    {
        first.summary = match (work.summary.clone(), first.summary.take()) {
            (Some(a), Some(b)) => Some(format!("{a}\n\n{b}")),
            (a, b) => a.or(b),
        };
        let mut highlights = work.highlights.clone();
        highlights.append(&mut first.highlights);
        first.highlights = highlights;
    }
    out
}

fn work_path(w: &Work) -> String {
    w.name.clone().unwrap_or_default()
}

fn read_work_fields(ctx: &mut Ctx, o: &mut Obj<'_>, name_keys: &[&str]) -> Work {
    Work {
        name: o.text(ctx, name_keys),
        position: o.text(ctx, &["position", "title", "role", "jobTitle"]),
        location: location_text(ctx, o),
        description: o.text(ctx, &["description", "subtitle", "companyDescription"]),
        url: o.text(ctx, &["url", "website", "websiteLink", "link"]),
        start_date: o.date(ctx, &["startDate", "start", "from", "date"]),
        end_date: o.date(ctx, &["endDate", "end", "to"]),
        summary: o.text(ctx, &["summary", "details", "descr", "about"]),
        highlights: read_highlights(
            ctx,
            o,
            &[
                "highlights",
                "highlight",
                "achievements",
                "responsibilities",
            ],
        ),
        keywords: o.texts(
            ctx,
            &["keywords", "techs", "technologies", "stack", "tools"],
        ),
        tags: o.texts(ctx, &["tags"]),
    }
}

/// Highlights: strings, or objects `{"text": …, "tags": […]}` for tailoring.
fn read_highlights(ctx: &mut Ctx, o: &mut Obj<'_>, names: &[&str]) -> Vec<Highlight> {
    let Some((value, path)) = o.raw(ctx, names) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in to_items(ctx, value, &path) {
        match item {
            Item::Text(text, _) => out.push(Highlight {
                text,
                tags: Vec::new(),
            }),
            Item::Obj(mut h) => {
                let text = h.text(
                    ctx,
                    &["text", "highlight", "value", "summary", "description"],
                );
                let tags = h.texts(ctx, &["tags"]);
                h.finish(ctx);
                if let Some(text) = text {
                    out.push(Highlight { text, tags });
                }
            }
        }
    }
    out
}

fn obj_or_text<'a>(ctx: &mut Ctx, item: Item<'a>, what: &str) -> Result<Obj<'a>, String> {
    match item {
        Item::Obj(o) => Ok(o),
        Item::Text(t, path) => {
            ctx.warn(
                &path,
                format!("text where {what} was expected; read as its name"),
            );
            Err(t)
        }
    }
}

fn read_education(ctx: &mut Ctx, item: Item<'_>) -> Education {
    let mut o = match obj_or_text(ctx, item, "an education entry") {
        Ok(o) => o,
        Err(t) => {
            return Education {
                institution: Some(t),
                ..Education::default()
            };
        }
    };
    let e = Education {
        institution: o.text(
            ctx,
            &["institution", "school", "university", "college", "name"],
        ),
        url: o.text(ctx, &["url", "website", "link"]),
        area: o.text(ctx, &["area", "field", "major", "fieldOfStudy"]),
        study_type: o.text(ctx, &["studyType", "degree", "type"]),
        location: location_text(ctx, &mut o),
        start_date: o.date(ctx, &["startDate", "start", "from"]),
        end_date: o.date(ctx, &["endDate", "end", "to", "date", "graduationDate"]),
        score: o.text(ctx, &["score", "gpa", "grade"]),
        summary: o.text(ctx, &["summary", "description", "details"]),
        courses: o.texts(ctx, &["courses", "highlights", "coursework"]),
        tags: o.texts(ctx, &["tags"]),
    };
    o.finish(ctx);
    e
}

fn read_award(ctx: &mut Ctx, item: Item<'_>) -> Award {
    let mut o = match obj_or_text(ctx, item, "an award") {
        Ok(o) => o,
        Err(t) => {
            return Award {
                title: Some(t),
                ..Award::default()
            };
        }
    };
    let a = Award {
        title: o.text(ctx, &["title", "name", "award"]),
        date: o.date(ctx, &["date", "year"]),
        awarder: o.text(ctx, &["awarder", "issuer", "organization"]),
        summary: o.text(ctx, &["summary", "description"]),
        tags: o.texts(ctx, &["tags"]),
    };
    o.finish(ctx);
    a
}

fn read_certificate(ctx: &mut Ctx, item: Item<'_>) -> Certificate {
    let mut o = match obj_or_text(ctx, item, "a certificate") {
        Ok(o) => o,
        Err(t) => {
            return Certificate {
                name: Some(t),
                ..Certificate::default()
            };
        }
    };
    let c = Certificate {
        name: o.text(ctx, &["name", "title"]),
        date: o.date(ctx, &["date", "year"]),
        url: o.text(ctx, &["url", "website", "link"]),
        issuer: o.text(ctx, &["issuer", "authority", "organization"]),
        tags: o.texts(ctx, &["tags"]),
    };
    o.finish(ctx);
    c
}

fn read_publication(ctx: &mut Ctx, item: Item<'_>) -> Publication {
    let mut o = match obj_or_text(ctx, item, "a publication") {
        Ok(o) => o,
        Err(t) => {
            return Publication {
                name: Some(t),
                ..Publication::default()
            };
        }
    };
    let p = Publication {
        name: o.text(ctx, &["name", "title"]),
        publisher: o.text(ctx, &["publisher", "journal", "venue"]),
        release_date: o.date(ctx, &["releaseDate", "date", "year"]),
        url: o.text(ctx, &["url", "website", "link"]),
        summary: o.text(ctx, &["summary", "description", "abstract"]),
        tags: o.texts(ctx, &["tags"]),
    };
    o.finish(ctx);
    p
}

fn read_skill(ctx: &mut Ctx, item: Item<'_>) -> Skill {
    let mut o = match obj_or_text(ctx, item, "a skill") {
        Ok(o) => o,
        Err(t) => {
            return Skill {
                name: Some(t),
                ..Skill::default()
            };
        }
    };
    let s = Skill {
        name: o.text(ctx, &["name", "category", "title"]),
        level: o.text(ctx, &["level", "proficiency"]),
        keywords: o.texts(ctx, &["keywords", "keyword", "items", "skills"]),
        tags: o.texts(ctx, &["tags"]),
    };
    o.finish(ctx);
    s
}

fn read_language(ctx: &mut Ctx, item: Item<'_>) -> Language {
    let mut o = match obj_or_text(ctx, item, "a language") {
        Ok(o) => o,
        Err(t) => {
            return Language {
                language: Some(t),
                ..Language::default()
            };
        }
    };
    let l = Language {
        language: o.text(ctx, &["language", "name"]),
        fluency: o.text(ctx, &["fluency", "level", "proficiency"]),
    };
    o.finish(ctx);
    l
}

fn read_interest(ctx: &mut Ctx, item: Item<'_>) -> Interest {
    let mut o = match obj_or_text(ctx, item, "an interest") {
        Ok(o) => o,
        Err(t) => {
            return Interest {
                name: Some(t),
                ..Interest::default()
            };
        }
    };
    let i = Interest {
        name: o.text(ctx, &["name", "title"]),
        keywords: o.texts(ctx, &["keywords", "keyword"]),
    };
    o.finish(ctx);
    i
}

fn read_reference(ctx: &mut Ctx, item: Item<'_>) -> Reference {
    let mut o = match item {
        Item::Obj(o) => o,
        Item::Text(t, _) => {
            return Reference {
                reference: Some(t),
                ..Reference::default()
            };
        }
    };
    let r = Reference {
        name: o.text(ctx, &["name", "author"]),
        reference: o.text(ctx, &["reference", "text", "quote", "summary"]),
    };
    o.finish(ctx);
    r
}

fn read_project(ctx: &mut Ctx, item: Item<'_>) -> Project {
    let mut o = match obj_or_text(ctx, item, "a project") {
        Ok(o) => o,
        Err(t) => {
            return Project {
                name: Some(t),
                ..Project::default()
            };
        }
    };
    let p = Project {
        name: o.text(ctx, &["name", "title"]),
        description: o.text(ctx, &["description", "summary", "details"]),
        highlights: read_highlights(ctx, &mut o, &["highlights", "highlight"]),
        keywords: o.texts(ctx, &["keywords", "techs", "technologies", "stack"]),
        start_date: o.date(ctx, &["startDate", "start", "date"]),
        end_date: o.date(ctx, &["endDate", "end"]),
        url: o.text(ctx, &["url", "website", "link", "githubUrl"]),
        roles: o.texts(ctx, &["roles", "role"]),
        entity: o.text(ctx, &["entity", "organization", "company"]),
        kind: o.text(ctx, &["type"]),
        tags: o.texts(ctx, &["tags"]),
    };
    o.finish(ctx);
    p
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
