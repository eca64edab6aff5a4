//! Which link targets are safe, and how e-mail addresses and phone numbers become links.
//!
//! Only `http`, `https`, `mailto` and `tel` targets are ever made. Anything
//! else (`javascript:`, `data:`, `file:`, …) stays text.

/// A safe link target for a URL as written, or `None`.
///
/// Scheme-less web addresses (`www.example.com`, `example.com/path`) get `https://`.
pub fn web(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.is_empty() || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    if s.contains(['<', '>', '"', '\\', '`']) {
        return None;
    }
    let lower = s.to_ascii_lowercase();
    if let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    {
        return host_ok(rest).then(|| s.to_string());
    }
    if lower.starts_with("mailto:") {
        return email(&s[7..]);
    }
    if lower.starts_with("tel:") {
        return phone(&s[4..]);
    }
    if let Some(rest) = s.strip_prefix("//") {
        return host_ok(rest).then(|| format!("https://{rest}"));
    }
    // Any other scheme is refused; a bare domain gets https.
    let head = s.split(['/', '?', '#']).next().unwrap_or("");
    if head.contains(':') && !head.rsplit(':').next().is_some_and(is_port) {
        return None;
    }
    host_ok(s).then(|| format!("https://{s}"))
}

fn is_port(p: &str) -> bool {
    !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit())
}

/// Whether the text after the scheme starts with a plausible host name.
fn host_ok(rest: &str) -> bool {
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or("");
    let host = match host.rsplit_once(':') {
        Some((h, p)) if is_port(p) => h,
        _ => host,
    };
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().all(char::is_alphabetic) && tld.chars().count() >= 2)
}

/// A `mailto:` target for an e-mail address, or `None` if it is not a plain address.
///
/// Refuses anything that could add headers or recipients (`?`, `&`, `,`, `;`, CR/LF).
pub fn email(raw: &str) -> Option<String> {
    let s = raw.trim();
    let (local, domain) = s.rsplit_once('@')?;
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%'*+-/=^_{|}~.".contains(c));
    let domain_ok = host_ok(domain)
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    if !local_ok || !domain_ok {
        return None;
    }
    Some(format!("mailto:{s}"))
}

/// A `tel:` target for a phone number as written, or `None` if it has too few digits.
pub fn phone(raw: &str) -> Option<String> {
    let s = raw.trim();
    // Extensions and notes ("ext. 12", "(mobile)") end the dialable part.
    let allowed = |c: char| c.is_ascii_digit() || " +-().\u{a0}/".contains(c);
    let dialable: String = s.chars().take_while(|c| allowed(*c)).collect();
    let plus = dialable.trim_start().starts_with('+');
    let digits: String = dialable.chars().filter(char::is_ascii_digit).collect();
    if !(3..=20).contains(&digits.len()) {
        return None;
    }
    Some(format!("tel:{}{digits}", if plus { "+" } else { "" }))
}

/// A short display form of a URL: without scheme, `www.` and a trailing slash.
pub fn display(url: &str) -> String {
    let s = url.trim();
    let lower = s.to_ascii_lowercase();
    let s = if lower.starts_with("https://") {
        &s[8..]
    } else if lower.starts_with("http://") {
        &s[7..]
    } else {
        s
    };
    let s = s.strip_prefix("www.").unwrap_or(s);
    s.strip_suffix('/').unwrap_or(s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_links() {
        assert_eq!(
            web("https://example.com/a?b=c").as_deref(),
            Some("https://example.com/a?b=c")
        );
        assert_eq!(
            web("HTTP://Example.com").as_deref(),
            Some("HTTP://Example.com")
        );
        assert_eq!(
            web("www.example.com").as_deref(),
            Some("https://www.example.com")
        );
        assert_eq!(
            web("missdirection.example.com").as_deref(),
            Some("https://missdirection.example.com")
        );
        assert_eq!(web("localhost:8080/x"), None);
        assert_eq!(web("javascript:alert(1)"), None);
        assert_eq!(web("JavaScript:alert(1)//example.com"), None);
        assert_eq!(web("data:text/html,<b>x</b>"), None);
        assert_eq!(web("file:///etc/passwd"), None);
        assert_eq!(web("http://www..com"), None);
        assert_eq!(web("https://example.com/\nx"), None);
        assert_eq!(web("test"), None);
        assert_eq!(web("https://linkedin.com/in/<name>"), None);
    }

    #[test]
    fn email_links() {
        assert_eq!(
            email("a.b@example.com").as_deref(),
            Some("mailto:a.b@example.com")
        );
        assert_eq!(email("a@example.com?cc=x@y.z"), None);
        assert_eq!(email("a@example.com\r\nBcc: x"), None);
        assert_eq!(email("test"), None);
        assert_eq!(
            web("mailto:a@example.com").as_deref(),
            Some("mailto:a@example.com")
        );
        assert_eq!(web("mailto:a@example.com?subject=x"), None);
    }

    #[test]
    fn phone_links() {
        assert_eq!(phone("(912) 555-4321").as_deref(), Some("tel:9125554321"));
        assert_eq!(phone("+49 30 1234567").as_deref(), Some("tel:+49301234567"));
        assert_eq!(
            phone("+1 555 123 4567 ext. 12").as_deref(),
            Some("tel:+15551234567")
        );
        assert_eq!(phone("call me"), None);
    }

    #[test]
    fn display_forms() {
        assert_eq!(display("https://www.example.com/"), "example.com");
        assert_eq!(display("http://example.com/a/"), "example.com/a");
    }
}
