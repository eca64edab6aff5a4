//! The `basics` object: name, contact details, location and profiles.

use serde_json::Value;

use super::super::value::{Ctx, Item, Obj, join, kind, to_items, to_text};
use super::super::{Basics, Location, Profile};

pub(super) fn read_basics(ctx: &mut Ctx, mut b: Obj<'_>) -> Basics {
    let basics = read_basics_fields(ctx, &mut b);
    b.ignore(&["$schema"]);
    b.finish(ctx);
    basics
}

pub(super) fn read_basics_fields(ctx: &mut Ctx, b: &mut Obj<'_>) -> Basics {
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

pub(super) fn merge_basics(into: &mut Basics, from: Basics) {
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
pub(super) fn location_text(ctx: &mut Ctx, o: &mut Obj<'_>) -> Option<String> {
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
