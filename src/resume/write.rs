//! [`Resume`] → JSON Resume: what `convert` writes, whatever shape the input had.
//!
//! Only the standard keys and our documented extensions are written, in
//! JSON Resume's order, so the output passes `validate` and reads back into
//! the same resume. An ongoing position has no `endDate` (JSON Resume's way
//! of saying "present"); a date that is free text stays as written.

use serde_json::{Map, Value, json};

use super::{
    Basics, Date, Education, ExtraContent, Highlight, Location, Meta, Profile, Resume, Work,
};

/// The resume as a JSON Resume value, starting with `$schema`.
pub fn to_json_resume(r: &Resume) -> Value {
    let mut o = Obj::default();
    o.text(
        "$schema",
        Some("https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"),
    );
    o.put("basics", basics(&r.basics));
    o.list("work", r.work.iter().map(|w| work(w, "name")));
    o.list(
        "volunteer",
        r.volunteer.iter().map(|w| work(w, "organization")),
    );
    o.list("education", r.education.iter().map(education));
    o.list(
        "awards",
        r.awards.iter().map(|a| {
            let mut o = Obj::default();
            o.text("title", a.title.as_deref())
                .date("date", a.date.as_ref())
                .text("awarder", a.awarder.as_deref())
                .text("summary", a.summary.as_deref())
                .texts("tags", &a.tags);
            o.value()
        }),
    );
    o.list(
        "certificates",
        r.certificates.iter().map(|c| {
            let mut o = Obj::default();
            o.text("name", c.name.as_deref())
                .date("date", c.date.as_ref())
                .text("issuer", c.issuer.as_deref())
                .text("url", c.url.as_deref())
                .texts("tags", &c.tags);
            o.value()
        }),
    );
    o.list(
        "publications",
        r.publications.iter().map(|p| {
            let mut o = Obj::default();
            o.text("name", p.name.as_deref())
                .text("publisher", p.publisher.as_deref())
                .date("releaseDate", p.release_date.as_ref())
                .text("url", p.url.as_deref())
                .text("summary", p.summary.as_deref())
                .texts("tags", &p.tags);
            o.value()
        }),
    );
    o.list(
        "skills",
        r.skills.iter().map(|s| {
            let mut o = Obj::default();
            o.text("name", s.name.as_deref())
                .text("level", s.level.as_deref())
                .texts("keywords", &s.keywords)
                .texts("tags", &s.tags);
            o.value()
        }),
    );
    o.list(
        "languages",
        r.languages.iter().map(|l| {
            let mut o = Obj::default();
            o.text("language", l.language.as_deref())
                .text("fluency", l.fluency.as_deref());
            o.value()
        }),
    );
    o.list(
        "interests",
        r.interests.iter().map(|i| {
            let mut o = Obj::default();
            o.text("name", i.name.as_deref())
                .texts("keywords", &i.keywords);
            o.value()
        }),
    );
    o.list(
        "references",
        r.references.iter().map(|x| {
            let mut o = Obj::default();
            o.text("name", x.name.as_deref())
                .text("reference", x.reference.as_deref());
            o.value()
        }),
    );
    o.list(
        "projects",
        r.projects.iter().map(|p| {
            let mut o = Obj::default();
            o.text("name", p.name.as_deref())
                .text("description", p.description.as_deref())
                .highlights(&p.highlights)
                .texts("keywords", &p.keywords)
                .date("startDate", p.start_date.as_ref())
                .end_date(p.end_date.as_ref())
                .text("url", p.url.as_deref())
                .texts("roles", &p.roles)
                .text("entity", p.entity.as_deref())
                .text("type", p.kind.as_deref())
                .texts("tags", &p.tags);
            o.value()
        }),
    );
    for extra in &r.extra {
        let items: Vec<Value> = match &extra.content {
            ExtraContent::Entries(entries) => entries.iter().map(|w| work(w, "name")).collect(),
            ExtraContent::Items(items) => items.iter().map(|s| json!(s)).collect(),
        };
        o.list(&extra.key, items.into_iter());
    }
    o.put("meta", meta(&r.meta));
    o.value()
}

fn basics(b: &Basics) -> Value {
    let mut o = Obj::default();
    o.text("name", b.name.as_deref())
        .text("label", b.label.as_deref())
        .text("image", b.image.as_deref())
        .text("email", b.email.as_deref())
        .text("phone", b.phones.first().map(String::as_str));
    if b.phones.len() > 1 {
        o.texts("phones", &b.phones);
    }
    o.text("url", b.url.as_deref())
        .text("summary", b.summary.as_deref());
    if let Some(l) = &b.location {
        o.put("location", location(l));
    }
    o.list("profiles", b.profiles.iter().map(profile));
    o.value()
}

fn location(l: &Location) -> Value {
    let mut o = Obj::default();
    o.text("address", l.address.as_deref())
        .text("postalCode", l.postal_code.as_deref())
        .text("city", l.city.as_deref())
        .text("countryCode", l.country_code.as_deref())
        .text("region", l.region.as_deref());
    o.value()
}

fn profile(p: &Profile) -> Value {
    let mut o = Obj::default();
    o.text("network", p.network.as_deref())
        .text("username", p.username.as_deref())
        .text("url", p.url.as_deref());
    o.value()
}

fn work(w: &Work, org: &str) -> Value {
    let mut o = Obj::default();
    o.text(org, w.name.as_deref())
        .text("position", w.position.as_deref())
        .text("location", w.location.as_deref())
        .text("description", w.description.as_deref())
        .text("url", w.url.as_deref())
        .date("startDate", w.start_date.as_ref())
        .end_date(w.end_date.as_ref())
        .text("summary", w.summary.as_deref())
        .highlights(&w.highlights)
        .texts("keywords", &w.keywords)
        .texts("tags", &w.tags);
    o.value()
}

fn education(e: &Education) -> Value {
    let mut o = Obj::default();
    o.text("institution", e.institution.as_deref())
        .text("url", e.url.as_deref())
        .text("area", e.area.as_deref())
        .text("studyType", e.study_type.as_deref())
        .text("location", e.location.as_deref())
        .date("startDate", e.start_date.as_ref())
        .end_date(e.end_date.as_ref())
        .text("score", e.score.as_deref())
        .text("summary", e.summary.as_deref())
        .texts("courses", &e.courses)
        .texts("tags", &e.tags);
    o.value()
}

fn meta(m: &Meta) -> Value {
    let mut o = Obj::default();
    o.text("canonical", m.canonical.as_deref())
        .text("version", m.version.as_deref())
        .text("lastModified", m.last_modified.as_deref())
        .text("language", m.language.as_deref())
        .texts("sections", &m.sections);
    if !m.section_titles.is_empty() {
        let titles: Map<String, Value> = m
            .section_titles
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect();
        o.put("sectionTitles", Value::Object(titles));
    }
    o.value()
}

/// An object under construction; nothing empty is written.
#[derive(Default)]
struct Obj(Map<String, Value>);

impl Obj {
    fn put(&mut self, key: &str, v: Value) -> &mut Self {
        let empty = match &v {
            Value::Object(m) => m.is_empty(),
            Value::Array(a) => a.is_empty(),
            Value::Null => true,
            _ => false,
        };
        if !empty {
            self.0.insert(key.to_string(), v);
        }
        self
    }
    fn text(&mut self, key: &str, v: Option<&str>) -> &mut Self {
        match v {
            Some(s) if !s.is_empty() => self.put(key, json!(s)),
            _ => self,
        }
    }
    fn texts(&mut self, key: &str, v: &[String]) -> &mut Self {
        self.put(key, json!(v))
    }
    fn list(&mut self, key: &str, items: impl Iterator<Item = Value>) -> &mut Self {
        self.put(key, Value::Array(items.collect()))
    }
    fn date(&mut self, key: &str, d: Option<&Date>) -> &mut Self {
        match d {
            Some(Date::Exact(p)) => self.put(key, json!(p.iso())),
            Some(Date::Text(t)) => self.put(key, json!(t)),
            Some(Date::Present) => self.put(key, json!("present")),
            None => self,
        }
    }
    /// JSON Resume says "still going on" by leaving the end date out.
    fn end_date(&mut self, d: Option<&Date>) -> &mut Self {
        match d {
            Some(Date::Present) | None => self,
            d => self.date("endDate", d),
        }
    }
    fn highlights(&mut self, h: &[Highlight]) -> &mut Self {
        let items = h.iter().map(|h| {
            if h.tags.is_empty() {
                json!(h.text)
            } else {
                json!({"text": h.text, "tags": h.tags})
            }
        });
        self.list("highlights", items)
    }
    fn value(self) -> Value {
        Value::Object(self.0)
    }
}
