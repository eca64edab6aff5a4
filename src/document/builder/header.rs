//! The header: name, label and contacts from `basics`, with profile links derived where safe.

use super::super::links;
use super::super::model::{Contact, ContactKind, Header};
use super::options::Builder;
use crate::resume::{Location, Profile, Resume};

impl Builder<'_> {
    pub(super) fn header(&self, resume: &Resume) -> Header {
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

pub(super) fn join_some(parts: &[Option<String>], sep: &str) -> Option<String> {
    let present: Vec<&str> = parts
        .iter()
        .flatten()
        .map(|s| s.as_str())
        .filter(|s| !s.is_empty())
        .collect();
    (!present.is_empty()).then(|| present.join(sep))
}

#[cfg(test)]
mod tests {
    use super::*;

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
