//! The bundled icons (`fonts/icons/`, Font Awesome Free 7.3.1, CC BY 4.0): one SVG path each, drawn in the text's colour.

use crate::document::Icon;

/// The SVG file of `icon`, as bundled (one `path` filled with `currentColor`,
/// the licence comment kept).
pub fn svg(icon: Icon) -> &'static str {
    match icon {
        Icon::Email => include_str!("../../fonts/icons/envelope.svg"),
        Icon::Phone => include_str!("../../fonts/icons/phone.svg"),
        Icon::Location => include_str!("../../fonts/icons/location-dot.svg"),
        Icon::Website => include_str!("../../fonts/icons/globe.svg"),
        Icon::Linkedin => include_str!("../../fonts/icons/linkedin.svg"),
        Icon::Github => include_str!("../../fonts/icons/github.svg"),
        Icon::Gitlab => include_str!("../../fonts/icons/gitlab.svg"),
        Icon::X => include_str!("../../fonts/icons/x-twitter.svg"),
        Icon::Mastodon => include_str!("../../fonts/icons/mastodon.svg"),
        Icon::Orcid => include_str!("../../fonts/icons/orcid.svg"),
        Icon::StackOverflow => include_str!("../../fonts/icons/stack-overflow.svg"),
        Icon::Link => include_str!("../../fonts/icons/link.svg"),
    }
}

/// The `viewBox` width and height and the path data of `icon`.
pub fn path(icon: Icon) -> (f32, f32, &'static str) {
    let svg = svg(icon);
    let attr = |name: &str| {
        let start = svg.find(&format!("{name}=\""))? + name.len() + 2;
        let len = svg.get(start..)?.find('"')?;
        svg.get(start..start + len)
    };
    let numbers: Vec<f32> = attr("viewBox")
        .unwrap_or("0 0 512 512")
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    let (w, h) = match numbers.as_slice() {
        [_, _, w, h] => (*w, *h),
        _ => (512.0, 512.0),
    };
    (w, h, attr(" d").unwrap_or(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_icon_has_a_box_and_a_path() {
        for icon in Icon::ALL {
            let (w, h, d) = path(icon);
            assert!(w > 0.0 && h == 512.0, "{icon:?}: {w} × {h}");
            assert!(d.starts_with('M') && d.len() > 50, "{icon:?}: {d}");
            assert!(
                svg(icon).contains("CC BY 4.0"),
                "{icon:?} keeps its licence"
            );
        }
    }
}
