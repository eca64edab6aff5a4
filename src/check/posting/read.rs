//! Reading a posting: plain text, Markdown or HTML to lines that know whether they are a heading, a list item or running text.

/// How a posting is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Text,
    Markdown,
    Html,
}

impl Form {
    /// By a file name's extension (`.html`, `.htm`, `.md`, `.markdown`); `None` otherwise
    /// (`.txt` too: text copied from a web page may be HTML).
    pub fn of_name(name: &str) -> Option<Form> {
        let ext = std::path::Path::new(name)
            .extension()?
            .to_str()?
            .to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" | "xhtml" => Some(Form::Html),
            "md" | "markdown" => Some(Form::Markdown),
            _ => None,
        }
    }

    /// By name (`text`, `markdown`, `html`), as `/v1/check` takes it.
    pub fn by_name(name: &str) -> Option<Form> {
        match name {
            "text" => Some(Form::Text),
            "markdown" => Some(Form::Markdown),
            "html" => Some(Form::Html),
            _ => None,
        }
    }
}

/// What a line of a posting is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Heading,
    Item,
    Text,
}

/// A line of a posting.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub kind: Kind,
}

/// The lines of a posting, or a sentence saying why it has none.
pub fn read(bytes: &[u8], form: Option<Form>) -> Result<Vec<Line>, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (byte {}); save the posting as UTF-8 text, Markdown or HTML",
            e.valid_up_to() + 1
        )
    })?;
    if text.contains('\0') {
        return Err("a binary file, not a posting in text, Markdown or HTML".into());
    }
    let form = form.unwrap_or_else(|| guess(text));
    let lines = match form {
        Form::Html => lines(&html_to_text(text)),
        Form::Text | Form::Markdown => lines(text),
    };
    if !lines
        .iter()
        .any(|l| l.text.chars().any(char::is_alphanumeric))
    {
        return Err("the posting is empty: it has no words".into());
    }
    Ok(lines)
}

/// HTML when it opens with a tag or has block tags; else text (Markdown reads as text does).
fn guess(text: &str) -> Form {
    let t = text.trim_start();
    let lower = t.get(..t.len().min(4096)).unwrap_or(t).to_ascii_lowercase();
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || ["<p>", "<li>", "<div", "<br", "<h1", "<h2", "<h3", "<ul>"]
            .iter()
            .any(|tag| lower.contains(tag))
    {
        Form::Html
    } else {
        Form::Text
    }
}

/// Lines of text or Markdown: `#` headings, list items (`-`, `*`, `•`, `1.`), a short
/// line ending in `:` or in capitals taken as a heading; emphasis, code marks and link targets dropped.
fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    for raw in text.lines() {
        let t = raw.trim();
        if t.is_empty() || t.chars().all(|c| "-=*_#~`|".contains(c)) {
            continue;
        }
        let (kind, rest) = if let Some(h) = t.strip_prefix('#') {
            (Kind::Heading, h.trim_start_matches('#'))
        } else if let Some(r) = ["- ", "* ", "+ ", "• ", "· ", "– ", "‣ ", "▪ ", "◦ ", "・"]
            .iter()
            .find_map(|b| t.strip_prefix(b))
        {
            (Kind::Item, r)
        } else if let Some(r) = numbered(t) {
            (Kind::Item, r)
        } else {
            (Kind::Text, t)
        };
        let clean = unmark(rest.trim());
        if clean.is_empty() {
            continue;
        }
        let kind = if kind == Kind::Text && looks_like_heading(rest.trim()) {
            Kind::Heading
        } else {
            kind
        };
        out.push(Line { text: clean, kind });
    }
    out
}

/// `1. `, `2) `, `a) `: the rest of a numbered item.
fn numbered(t: &str) -> Option<&str> {
    let head: String = t.chars().take_while(char::is_ascii_alphanumeric).collect();
    if head.is_empty() || head.len() > 2 {
        return None;
    }
    let rest = t.get(head.len()..)?;
    let rest = rest
        .strip_prefix(". ")
        .or_else(|| rest.strip_prefix(") "))?;
    (head.chars().all(|c| c.is_ascii_digit()) || head.len() == 1).then_some(rest)
}

fn looks_like_heading(t: &str) -> bool {
    let words = t.split_whitespace().count();
    let short = words <= 7 && t.chars().count() <= 60;
    let colon = t.ends_with(':') || t.ends_with('：');
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    let caps = letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase());
    let bracket =
        t.starts_with('【') && t.ends_with('】') || t.starts_with('■') || t.starts_with('◆');
    short && (colon || caps || bracket)
}

/// Markdown marks off: `**`, `__`, backticks, `[text](url)` to `text`, `<url>` dropped.
fn unmark(t: &str) -> String {
    let t = t.replace("__", "");
    let mut out = String::with_capacity(t.len());
    let mut rest = t.as_str();
    while let Some(c) = rest.chars().next() {
        if c == '['
            && let Some(close) = rest.find("](")
            && let Some(end) = rest.get(close..).and_then(|r| r.find(')'))
        {
            out.push_str(rest.get(1..close).unwrap_or(""));
            rest = rest.get(close + end + 1..).unwrap_or("");
            continue;
        }
        if !matches!(c, '*' | '`') {
            out.push(c);
        }
        rest = rest.get(c.len_utf8()..).unwrap_or("");
    }
    out.trim()
        .trim_start_matches(['【', '■', '◆'])
        .trim_end_matches(['】'])
        .trim()
        .to_string()
}

/// HTML to text lines: blocks on their own lines, `<li>` as `- ` items, `<h1>`–`<h6>`
/// as `# ` headings, scripts, styles and comments left out, entities decoded.
fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut skip: Option<String> = None;
    while let Some(lt) = rest.find('<') {
        if skip.is_none() {
            out.push_str(&entities(rest.get(..lt).unwrap_or("")).replace('\n', " "));
        }
        rest = rest.get(lt..).unwrap_or("");
        if rest.starts_with("<!--") {
            rest = rest
                .find("-->")
                .and_then(|e| rest.get(e + 3..))
                .unwrap_or("");
            continue;
        }
        let Some(gt) = rest.find('>') else {
            rest = "";
            break;
        };
        let tag = rest.get(1..gt).unwrap_or("").trim().to_ascii_lowercase();
        rest = rest.get(gt + 1..).unwrap_or("");
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if let Some(s) = &skip {
            if closing && name == *s {
                skip = None;
            }
            continue;
        }
        match name.as_str() {
            "script" | "style" | "head" | "noscript" | "template" if !closing => skip = Some(name),
            "li" if !closing => out.push_str("\n- "),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if !closing => out.push_str("\n# "),
            "br" | "p" | "div" | "ul" | "ol" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            | "tr" | "section" | "article" | "header" | "footer" | "dt" | "dd" | "table"
            | "blockquote" | "pre" | "hr" => out.push('\n'),
            "td" | "th" => out.push(' '),
            _ => {}
        }
    }
    if skip.is_none() {
        out.push_str(&entities(rest));
    }
    out
}

/// Decodes `&amp;`, `&#233;`, `&#xE9;` and the common named entities.
fn entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    const NAMED: &[(&str, &str)] = &[
        ("amp", "&"),
        ("lt", "<"),
        ("gt", ">"),
        ("quot", "\""),
        ("apos", "'"),
        ("nbsp", " "),
        ("ndash", "–"),
        ("mdash", "—"),
        ("hellip", "…"),
        ("rsquo", "’"),
        ("lsquo", "‘"),
        ("rdquo", "”"),
        ("ldquo", "“"),
        ("bull", "•"),
        ("middot", "·"),
        ("eacute", "é"),
        ("egrave", "è"),
        ("ecirc", "ê"),
        ("agrave", "à"),
        ("acirc", "â"),
        ("ccedil", "ç"),
        ("ocirc", "ô"),
        ("icirc", "î"),
        ("ucirc", "û"),
        ("auml", "ä"),
        ("ouml", "ö"),
        ("uuml", "ü"),
        ("Auml", "Ä"),
        ("Ouml", "Ö"),
        ("Uuml", "Ü"),
        ("szlig", "ß"),
        ("Eacute", "É"),
        ("ntilde", "ñ"),
        ("aacute", "á"),
        ("iacute", "í"),
        ("oacute", "ó"),
        ("uacute", "ú"),
        ("euro", "€"),
        ("copy", "©"),
        ("reg", "®"),
        ("trade", "™"),
    ];
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        rest = rest.get(amp..).unwrap_or("");
        let semi = rest.find(';').filter(|n| *n <= 10);
        let decoded = semi.and_then(|n| {
            let name = rest.get(1..n)?;
            let code =
                if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                    u32::from_str_radix(hex, 16).ok()
                } else if let Some(dec) = name.strip_prefix('#') {
                    dec.parse().ok()
                } else {
                    None
                };
            match code {
                Some(c) => char::from_u32(c).map(String::from),
                None => NAMED
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string()),
            }
            .map(|v| (v, n))
        });
        match decoded {
            Some((v, n)) => {
                out.push_str(&v);
                rest = rest.get(n + 1..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = rest.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_lists_and_headings() {
        let l = read(
            b"<html><head><title>x</title><style>p{}</style></head><body><h2>Your profile</h2><ul><li>Go &amp; Rust</li><li>Caf&eacute;</li></ul><script>var a</script></body></html>",
            None,
        )
        .unwrap();
        assert_eq!(
            l,
            vec![
                Line {
                    text: "Your profile".into(),
                    kind: Kind::Heading
                },
                Line {
                    text: "Go & Rust".into(),
                    kind: Kind::Item
                },
                Line {
                    text: "Café".into(),
                    kind: Kind::Item
                },
            ]
        );
    }

    #[test]
    fn markdown_and_text() {
        let l = read(b"## Requirements\n- **Kubernetes** ([docs](http://x))\n1. SQL\nREQUIREMENTS\nWe build things.", None).unwrap();
        let kinds: Vec<Kind> = l.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::Heading,
                Kind::Item,
                Kind::Item,
                Kind::Heading,
                Kind::Text
            ]
        );
        assert_eq!(l[1].text, "Kubernetes (docs)");
        assert!(read(b"  \n -- \n", None).unwrap_err().contains("empty"));
        assert!(read(b"\xff\xfe", None).unwrap_err().contains("UTF-8"));
    }
}
