//! Which icon stands before a contact item: by its kind, and for a profile by its network or URL.

use serde::Serialize;

use super::model::{Contact, ContactKind};

/// An icon of the bundled set (`fonts/icons/`, Font Awesome Free).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Icon {
    Email,
    Phone,
    Location,
    Website,
    Linkedin,
    Github,
    Gitlab,
    X,
    Mastodon,
    Orcid,
    StackOverflow,
    /// Any other profile or link.
    Link,
}

impl Icon {
    /// Every icon, in a fixed order.
    pub const ALL: [Icon; 12] = [
        Icon::Email,
        Icon::Phone,
        Icon::Location,
        Icon::Website,
        Icon::Linkedin,
        Icon::Github,
        Icon::Gitlab,
        Icon::X,
        Icon::Mastodon,
        Icon::Orcid,
        Icon::StackOverflow,
        Icon::Link,
    ];

    /// A short stable name (`github`, `stack-overflow`), for CSS classes and resource names.
    pub fn name(self) -> &'static str {
        match self {
            Icon::Email => "email",
            Icon::Phone => "phone",
            Icon::Location => "location",
            Icon::Website => "website",
            Icon::Linkedin => "linkedin",
            Icon::Github => "github",
            Icon::Gitlab => "gitlab",
            Icon::X => "x",
            Icon::Mastodon => "mastodon",
            Icon::Orcid => "orcid",
            Icon::StackOverflow => "stack-overflow",
            Icon::Link => "link",
        }
    }

    /// The icon of a profile: its network's name first, else its URL's host.
    fn of_profile(network: &str, url: Option<&str>) -> Icon {
        let squash = |s: &str| {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        };
        let by_name = |n: &str| match n {
            "linkedin" => Some(Icon::Linkedin),
            "github" => Some(Icon::Github),
            "gitlab" => Some(Icon::Gitlab),
            "x" | "twitter" | "xtwitter" => Some(Icon::X),
            "mastodon" => Some(Icon::Mastodon),
            "orcid" => Some(Icon::Orcid),
            "stackoverflow" | "stackexchange" => Some(Icon::StackOverflow),
            _ => None,
        };
        if let Some(icon) = by_name(&squash(network)) {
            return icon;
        }
        let host = url
            .and_then(|u| u.split_once("://").map(|(_, rest)| rest))
            .and_then(|rest| rest.split(['/', '?', '#']).next())
            .unwrap_or("")
            .to_ascii_lowercase();
        let host = host.rsplit('@').next().unwrap_or("");
        let host = host.strip_prefix("www.").unwrap_or(host);
        let known: &[(&str, Icon)] = &[
            ("linkedin.com", Icon::Linkedin),
            ("github.com", Icon::Github),
            ("gitlab.com", Icon::Gitlab),
            ("x.com", Icon::X),
            ("twitter.com", Icon::X),
            ("orcid.org", Icon::Orcid),
            ("stackoverflow.com", Icon::StackOverflow),
            ("mastodon.social", Icon::Mastodon),
        ];
        known
            .iter()
            .find(|(h, _)| host == *h || host.ends_with(&format!(".{h}")))
            .map_or(Icon::Link, |(_, icon)| *icon)
    }
}

impl Contact {
    /// The icon that stands before this contact.
    pub fn icon(&self) -> Icon {
        match self.kind {
            ContactKind::Email => Icon::Email,
            ContactKind::Phone => Icon::Phone,
            ContactKind::Location => Icon::Location,
            ContactKind::Url => Icon::Website,
            ContactKind::Profile => Icon::of_profile(&self.label, self.link.as_deref()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(label: &str, link: Option<&str>) -> Contact {
        Contact {
            kind: ContactKind::Profile,
            label: label.into(),
            text: "someone".into(),
            link: link.map(str::to_string),
        }
    }

    #[test]
    fn profiles_by_network_then_host() {
        assert_eq!(profile("LinkedIn", None).icon(), Icon::Linkedin);
        assert_eq!(profile("Stack Overflow", None).icon(), Icon::StackOverflow);
        assert_eq!(profile("Twitter", None).icon(), Icon::X);
        assert_eq!(profile("X (Twitter)", None).icon(), Icon::X);
        let by_host = profile("Code", Some("https://gitlab.com/someone"));
        assert_eq!(by_host.icon(), Icon::Gitlab);
        let sub = profile("Profile", Some("https://de.linkedin.com/in/x"));
        assert_eq!(sub.icon(), Icon::Linkedin);
        assert_eq!(
            profile("Blog", Some("https://example.org")).icon(),
            Icon::Link
        );
        // A host that only ends in a known name's letters is not it.
        assert_eq!(
            profile("Site", Some("https://notgithub.com")).icon(),
            Icon::Link
        );
    }
}
