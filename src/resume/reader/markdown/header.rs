//! The top of a Markdown resume: name, label, contact lines and lists, and the summary around them.

use serde_json::{Map, Value, json};

use super::blocks::{Inl, Piece, Style};

/// What the header and contact sections give `basics`.
#[derive(Debug, Default)]
pub(super) struct Basics {
    pub name: Option<String>,
    pub label: Option<String>,
    pub email: Option<String>,
    pub phones: Vec<String>,
    pub url: Option<String>,
    pub location: Option<String>,
    pub profiles: Vec<Value>,
    pub summary: Vec<String>,
}

/// One contact: a piece of a contact line, list item or `Key: value` line.
#[derive(Debug, Clone)]
pub(super) struct Contact {
    pub label: Option<String>,
    pub text: String,
    pub link: Option<String>,
}

/// Words that label contacts in the common conventions (the languages' own come from `layouts/i18n`).
const EMAIL: &[&str] = &["email", "e-mail", "mail", "courriel", "correo"];
const PHONE: &[&str] = &[
    "phone",
    "tel",
    "tel.",
    "telephone",
    "mobile",
    "cell",
    "handy",
];
const WEB: &[&str] = &[
    "website",
    "web",
    "homepage",
    "site",
    "url",
    "portfolio",
    "blog",
];
const PLACE: &[&str] = &["location", "address", "city", "based in", "lives in"];

impl Basics {
    /// Reads one contact; `false` when it is not one (plain text, no label, no link).
    pub fn contact(&mut self, c: &Contact, words: &[&super::words::Words]) -> bool {
        let label = c.label.as_deref().map(|l| l.trim().to_lowercase());
        let is = |list: &[&str], pick: fn(&super::words::Words) -> &String| {
            label.as_deref().is_some_and(|l| {
                list.contains(&l) || words.iter().any(|w| pick(w).to_lowercase() == l)
            })
        };
        let link = c.link.as_deref().unwrap_or("");
        let text = c.text.trim().to_string();
        if text.is_empty() {
            return false;
        }
        let at_sign = self.email.is_none()
            && c.label.is_none()
            && c.link.is_none()
            && (looks_like_email(&text)
                || text.contains("{at}")
                || text.contains("(at)")
                || text.contains(" [at] "));
        if link.starts_with("mailto:") || is(EMAIL, |w| &w.email) || at_sign {
            if self.email.is_none() {
                self.email = Some(text);
            } else {
                self.profiles.push(json!({"network": c.label.clone().unwrap_or_else(|| "Email".into()), "username": text}));
            }
            return true;
        }
        if link.starts_with("tel:")
            || is(PHONE, |w| &w.phone)
            || (c.label.is_none() && c.link.is_none() && looks_like_phone(&text))
        {
            self.phones.push(text);
            return true;
        }
        if is(PLACE, |w| &w.location) {
            self.location.get_or_insert(text);
            return true;
        }
        // `[GitHub](https://github.com/x)`: a link named by its site is a profile.
        if c.label.is_none()
            && let Some(l) = &c.link
            && !text.contains(['.', '/', '@'])
            && !l.starts_with("mailto:")
            && !l.starts_with("tel:")
        {
            self.profiles.push(json!({"network": text, "url": l}));
            return true;
        }
        let web_label = is(WEB, |w| &w.website);
        if (web_label || c.label.is_none()) && (c.link.is_some() || looks_like_url(&text)) {
            if self.url.is_none() {
                self.url = Some(text);
            } else {
                self.profiles
                    .push(profile(c.label.clone(), &text, c.link.as_deref()));
            }
            return true;
        }
        if web_label && self.url.is_none() {
            self.url = Some(text);
            return true;
        }
        if let Some(network) = c.label.clone() {
            // The languages' generic "Profile": the site's host names the network.
            let generic = words
                .iter()
                .any(|w| w.profile.to_lowercase() == network.to_lowercase());
            let network = (!generic || !looks_like_url(&text)).then_some(network);
            self.profiles
                .push(profile(network, &text, c.link.as_deref()));
            return true;
        }
        false
    }

    /// The object `basics` of JSON Resume.
    pub fn into_value(self) -> Map<String, Value> {
        let mut b = Map::new();
        let mut put = |k: &str, v: Option<String>| {
            if let Some(v) = v.filter(|v| !v.is_empty()) {
                b.insert(k.into(), Value::String(v));
            }
        };
        put("name", self.name);
        put("label", self.label);
        put("email", self.email);
        let mut phones = self.phones.into_iter();
        put("phone", phones.next());
        put("url", self.url);
        let summary = self.summary.join("\n\n");
        put("summary", Some(summary));
        if let Some(loc) = self.location {
            b.insert("location".into(), Value::Object(location(&loc)));
        }
        let rest: Vec<String> = phones.collect();
        if !rest.is_empty() {
            b.insert("phones".into(), json!(rest));
        }
        if !self.profiles.is_empty() {
            b.insert("profiles".into(), Value::Array(self.profiles));
        }
        b
    }
}

/// A profile: network (or the site's host), user name (unless the text is the URL), URL.
fn profile(network: Option<String>, text: &str, link: Option<&str>) -> Value {
    let mut p = Map::new();
    let url_text = looks_like_url(text);
    let network = network.or_else(|| host(link.unwrap_or(text)));
    if let Some(n) = network {
        p.insert("network".into(), Value::String(n));
    }
    if url_text {
        p.insert("url".into(), Value::String(text.to_string()));
    } else {
        p.insert("username".into(), Value::String(text.to_string()));
        if let Some(l) = link {
            p.insert("url".into(), Value::String(l.to_string()));
        }
    }
    Value::Object(p)
}

/// `https://www.github.com/x` → `github.com`.
fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty() && host.contains('.')).then(|| host.to_string())
}

/// `Palo Alto, California, United States` → city, region, country; more parts start with the address.
fn location(text: &str) -> Map<String, Value> {
    let parts: Vec<&str> = text.split(", ").map(str::trim).collect();
    let mut m = Map::new();
    let mut put = |k: &str, v: String| {
        m.insert(k.into(), Value::String(v));
    };
    match parts.as_slice() {
        [city] => put("city", (*city).to_string()),
        [city, region] => {
            put("city", (*city).to_string());
            put("region", (*region).to_string());
        }
        [rest @ .., city, region, country] => {
            if !rest.is_empty() {
                put("address", rest.join(", "));
            }
            put("city", (*city).to_string());
            put("region", (*region).to_string());
            put("countryCode", (*country).to_string());
        }
        [] => {}
    }
    m
}

pub(super) fn looks_like_email(s: &str) -> bool {
    let s = s.trim();
    !s.contains(char::is_whitespace)
        && s.split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && b.contains('.') && !b.starts_with('.'))
}

pub(super) fn looks_like_phone(s: &str) -> bool {
    let s = s.trim();
    let digits = s.chars().filter(char::is_ascii_digit).count();
    (7..=20).contains(&digits)
        && s.chars()
            .all(|c| c.is_ascii_digit() || " +-().\u{a0}/".contains(c))
        && !s.contains("--")
        // `2019 - 2021` is a date range.
        && s.split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty()).map(str::len).collect::<Vec<_>>() != [4, 4]
}

pub(super) fn looks_like_url(s: &str) -> bool {
    let s = s.trim().to_ascii_lowercase();
    !s.contains(char::is_whitespace)
        && (s.starts_with("http://") || s.starts_with("https://") || s.starts_with("www."))
}

/// The contacts of a line: pieces split at ` · `, ` | `, `•` and line breaks;
/// a link is one contact, `Key: value` text gives a labelled one.
pub(super) fn contacts_of(inl: &Inl) -> Vec<Contact> {
    let mut out: Vec<Contact> = Vec::new();
    let mut pending: Option<String> = None;
    for p in &inl.pieces {
        match &p.style {
            Style::Link(url) => {
                let (label, text) = split_label(&p.text);
                let label = label.or_else(|| pending.take().filter(|l| !l.is_empty()));
                out.push(Contact {
                    label,
                    text,
                    link: Some(url.clone()),
                });
            }
            Style::Break => pending = None,
            _ => {
                for (i, seg) in split_seps(&p.text).into_iter().enumerate() {
                    if i > 0 {
                        pending = None;
                    }
                    let seg = seg.trim();
                    if seg.is_empty() {
                        continue;
                    }
                    if let Some(l) = seg.strip_suffix(':') {
                        pending = Some(l.trim().to_string());
                        continue;
                    }
                    let (label, text) = split_label(seg);
                    let label = label.or_else(|| pending.take());
                    out.push(Contact {
                        label,
                        text,
                        link: None,
                    });
                }
            }
        }
        if !matches!(p.style, Style::Plain) {
            continue;
        }
    }
    out
}

/// Text between contact separators.
fn split_seps(s: &str) -> Vec<String> {
    let mut v = vec![s.to_string()];
    for sep in [" · ", " | ", " • ", "·", " ⋅ "] {
        v = v
            .iter()
            .flat_map(|x| x.split(sep).map(str::to_string).collect::<Vec<_>>())
            .collect();
    }
    v
}

/// `LinkedIn: url` → (`LinkedIn`, `url`); a label is short, and the value is not a sentence.
pub(super) fn split_label(s: &str) -> (Option<String>, String) {
    if let Some((k, v)) = s.split_once(": ") {
        let k = k.trim();
        let words = k.split_whitespace().count();
        if !k.is_empty() && words <= 3 && !k.contains("://") && k.chars().count() <= 30 {
            return (Some(k.to_string()), v.trim().to_string());
        }
    }
    (None, s.trim().to_string())
}

/// Whether a piece run has only contacts in it (used to tell a contact line from prose).
pub(super) fn is_contact_line(inl: &Inl) -> bool {
    let cs = contacts_of(inl);
    let known = cs
        .iter()
        .filter(|c| {
            c.link.is_some()
                || c.label.is_some()
                || looks_like_email(&c.text)
                || looks_like_phone(&c.text)
                || looks_like_url(&c.text)
        })
        .count();
    // One piece may be the place ("Madrid, Spain"), which nothing marks.
    !cs.is_empty() && (known == cs.len() || (cs.len() >= 2 && known + 1 >= cs.len()))
}

/// Plain pieces' text (for labels such as `**Score:** 4.0`).
pub(super) fn strong_label(inl: &Inl) -> Option<(String, String)> {
    let first: &Piece = inl.pieces.first()?;
    if first.style != Style::Strong {
        return None;
    }
    let label = first.text.trim().strip_suffix(':')?.trim().to_string();
    let rest: String = inl
        .pieces
        .get(1..)
        .unwrap_or(&[])
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    Some((label, rest.trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_split_into_parts() {
        let m = location("Palo Alto, California, United States");
        assert_eq!(m["city"], "Palo Alto");
        assert_eq!(m["countryCode"], "United States");
        let m = location("2712 Broadway St, San Francisco, California CA 94115, US");
        assert_eq!(m["address"], "2712 Broadway St");
    }

    #[test]
    fn labels_and_kinds() {
        assert_eq!(
            split_label("LinkedIn: https://x.org/a"),
            (Some("LinkedIn".into()), "https://x.org/a".into())
        );
        assert!(looks_like_phone("+1 (912) 555-4321"));
        assert!(!looks_like_phone("2019 - 2021"));
        assert!(looks_like_email("a@b.org"));
    }
}
