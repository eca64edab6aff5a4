//! Rich-text HTML (as Reactive Resume stores it) split into a summary and bullet items.
//!
//! Only the block structure is looked at here: the `<li>` items of lists
//! become highlights, the rest stays the summary. Inline markup (`<strong>`,
//! `<a href>`, entities) is left in place for the document builder's markup
//! reader, which treats HTML in every resume the same way.

/// `(summary, items)`: the HTML outside lists, and each list item's inner HTML.
pub(super) fn split(html: &str) -> (Option<String>, Vec<String>) {
    let mut summary = String::new();
    let mut items = Vec::new();
    let mut rest = html;
    while let Some(start) = find_tag(rest, &["ul", "ol"]) {
        summary.push_str(rest.get(..start).unwrap_or(""));
        let after = rest.get(start..).unwrap_or("");
        let tag = if after
            .get(1..3)
            .is_some_and(|t| t.eq_ignore_ascii_case("ol"))
        {
            "ol"
        } else {
            "ul"
        };
        let Some(end) = closing(after, tag) else {
            // An unclosed list: keep it all as text.
            summary.push_str(after);
            rest = "";
            break;
        };
        let list = after.get(..end).unwrap_or("");
        items.extend(list_items(list));
        rest = after.get(end..).unwrap_or("");
    }
    summary.push_str(rest);
    let summary = summary.trim();
    let summary = (!is_empty_html(summary)).then(|| summary.to_string());
    (summary, items)
}

/// Byte offset of the first `<tag` (any of `tags`, followed by `>` or a space).
fn find_tag(s: &str, tags: &[&str]) -> Option<usize> {
    let lower = s.to_ascii_lowercase();
    tags.iter()
        .filter_map(|t| {
            let open = format!("<{t}");
            lower.match_indices(&open).map(|(i, _)| i).find(|&i| {
                lower
                    .as_bytes()
                    .get(i + open.len())
                    .is_some_and(|b| *b == b'>' || b.is_ascii_whitespace())
            })
        })
        .min()
}

/// End (after `</tag>`) of the element opening at the start of `s`, nesting counted.
fn closing(s: &str, tag: &str) -> Option<usize> {
    let lower = s.to_ascii_lowercase();
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut depth = 0usize;
    let mut i = 0;
    while i < lower.len() {
        let here = lower.get(i..)?;
        if here.starts_with(&close) {
            depth = depth.saturating_sub(1);
            i += close.len();
            if depth == 0 {
                return Some(i);
            }
        } else if here.starts_with(&open)
            && here
                .as_bytes()
                .get(open.len())
                .is_some_and(|b| *b == b'>' || b.is_ascii_whitespace())
        {
            depth += 1;
            i += open.len();
        } else {
            i += here.chars().next().map_or(1, char::len_utf8);
        }
    }
    None
}

/// The inner HTML of each top-level `<li>` of a list, without wrapping `<p>`s.
fn list_items(list: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = list;
    while let Some(start) = find_tag(rest, &["li"]) {
        let after = rest.get(start..).unwrap_or("");
        let end = closing(after, "li").unwrap_or(after.len());
        let element = after.get(..end).unwrap_or("");
        let inner_start = element.find('>').map_or(0, |i| i + 1);
        let inner_end = if element.to_ascii_lowercase().ends_with("</li>") {
            element.len() - "</li>".len()
        } else {
            element.len()
        };
        let inner = element.get(inner_start..inner_end).unwrap_or("");
        let inner = unwrap_paragraphs(inner);
        if !is_empty_html(&inner) {
            out.push(inner);
        }
        rest = after.get(end..).unwrap_or("");
    }
    out
}

/// `<p>a</p><p>b</p>` → `a<br>b`: an item is one paragraph.
fn unwrap_paragraphs(s: &str) -> String {
    let t = s.trim();
    let parts: Vec<&str> = t
        .split("</p>")
        .map(|p| {
            let p = p.trim();
            match p.strip_prefix("<p>") {
                Some(inner) => inner,
                None => p,
            }
        })
        .filter(|p| !p.trim().is_empty())
        .collect();
    parts.join("<br>")
}

/// Whether HTML holds no text: only tags, `&nbsp;` and space.
fn is_empty_html(s: &str) -> bool {
    let mut in_tag = false;
    let text: String = s
        .chars()
        .filter(|c| match c {
            '<' => {
                in_tag = true;
                false
            }
            '>' => {
                in_tag = false;
                false
            }
            _ => !in_tag,
        })
        .collect();
    text.replace("&nbsp;", " ").trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_become_items_and_the_rest_the_summary() {
        let (s, items) = split(
            "<p>Led <strong>two</strong> teams.</p><ul><li><p>Cut costs</p></li><li><p>Hired <a href=\"https://x.io\">four</a></p></li></ul>",
        );
        assert_eq!(s.as_deref(), Some("<p>Led <strong>two</strong> teams.</p>"));
        assert_eq!(
            items,
            ["Cut costs", "Hired <a href=\"https://x.io\">four</a>"]
        );
    }

    #[test]
    fn nested_lists_and_odd_input() {
        let (s, items) = split("<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>");
        assert_eq!(s, None);
        assert_eq!(items, ["a<ul><li>b</li></ul>", "c"]);
        let (s, items) = split("<ul><li>open");
        assert_eq!(s.as_deref(), Some("<ul><li>open"));
        assert!(items.is_empty());
        let (s, items) = split("<p></p>");
        assert_eq!((s, items.len()), (None, 0));
        assert_eq!(split("plain text").0.as_deref(), Some("plain text"));
        assert_eq!(split("<ulx>ü</ulx>").0.as_deref(), Some("<ulx>ü</ulx>"));
    }
}
