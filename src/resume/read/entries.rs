//! Entries of the sections other than basics and work: education, awards, skills, projects, …

use super::super::value::{Ctx, Item, Obj};
use super::super::{
    Award, Certificate, Education, Interest, Language, Project, Publication, Reference, Skill,
};
use super::basics::location_text;
use super::work::read_highlights;

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

pub(super) fn read_education(ctx: &mut Ctx, item: Item<'_>) -> Education {
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

pub(super) fn read_award(ctx: &mut Ctx, item: Item<'_>) -> Award {
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

pub(super) fn read_certificate(ctx: &mut Ctx, item: Item<'_>) -> Certificate {
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

pub(super) fn read_publication(ctx: &mut Ctx, item: Item<'_>) -> Publication {
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

pub(super) fn read_skill(ctx: &mut Ctx, item: Item<'_>) -> Skill {
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

pub(super) fn read_language(ctx: &mut Ctx, item: Item<'_>) -> Language {
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

pub(super) fn read_interest(ctx: &mut Ctx, item: Item<'_>) -> Interest {
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

pub(super) fn read_reference(ctx: &mut Ctx, item: Item<'_>) -> Reference {
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

pub(super) fn read_project(ctx: &mut Ctx, item: Item<'_>) -> Project {
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
