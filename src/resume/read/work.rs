//! Work and volunteer positions, with nested roles and highlights.

use super::super::value::{Ctx, Item, Obj, to_items};
use super::super::{Highlight, Work};
use super::basics::location_text;

/// A work position; a `positions` list inside one employer becomes one entry each.
pub(super) fn read_work(ctx: &mut Ctx, item: Item<'_>) -> Vec<Work> {
    read_position(ctx, item, &["name", "company", "organization", "employer"])
}

pub(super) fn read_volunteer(ctx: &mut Ctx, item: Item<'_>) -> Vec<Work> {
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
    let key = ["positions", "roles"]
        .into_iter()
        .find(|k| o.has(k))
        .unwrap_or("positions");
    let path = super::super::value::join(&o.path, key);
    let nested = o.items(ctx, &["positions", "roles"]);
    o.finish(ctx);
    if nested.is_empty() {
        return vec![work];
    }
    ctx.warn(
        &path,
        format!("nested `{key}` read as one entry per position"),
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
pub(super) fn read_highlights(ctx: &mut Ctx, o: &mut Obj<'_>, names: &[&str]) -> Vec<Highlight> {
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
