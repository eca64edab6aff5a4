//! A layout's structure keys: how the header, section headings and entries are arranged, and the sidebar.
//!
//! These are data like every other key: `[header]`, `[headings]`,
//! `[entries]` and `[sidebar]` in `layout.toml`, merged over the parent's.
//! [`super::plan`] resolves them for one document; the backends draw that
//! plan with their own means and never ask which layout they draw.

use serde::{Deserialize, Serialize};

/// `[header]`: the name, label, contacts and photo at the top.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Header {
    /// left, center, or split (name and label at the left, contacts stacked at the right).
    pub align: HeaderAlign,
    /// separators: contacts on a line between `style.contact_separator`;
    /// icons: each contact after its icon (drawn, never text).
    pub contacts: ContactStyle,
    /// end or start of the header (the right or the left in left-to-right
    /// languages, mirrored in right-to-left ones), or sidebar (the top of the
    /// sidebar; needs one).
    pub photo: PhotoPlace,
    /// A band of `colors.band` across the top of the first page, full bleed,
    /// holding the name, label and contacts in `colors.band_text`.
    pub band: bool,
}

/// How the header's lines are aligned.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HeaderAlign {
    #[default]
    Left,
    Center,
    /// Name and label at the start, the contacts one per line at the end.
    Split,
}

/// How contact items are told apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContactStyle {
    #[default]
    Separators,
    Icons,
}

/// Where the photo stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PhotoPlace {
    #[default]
    End,
    Start,
    Sidebar,
}

/// `[headings]`: section headings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Headings {
    /// rule (under the title), rule-after (runs on after the title on its
    /// line), band (a filled band of `colors.band` behind it), bar (a bar of
    /// the accent at its start; across the date gutter when entries have one),
    /// or plain.
    pub style: HeadingStyle,
    /// In capitals.
    pub uppercase: bool,
    /// In small capitals (capitals at 80 % for lower-case letters); over `uppercase`.
    pub small_caps: bool,
    /// left or center (of the column).
    pub align: Align,
}

/// The decoration of a section heading.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HeadingStyle {
    #[default]
    Rule,
    RuleAfter,
    Band,
    Bar,
    Plain,
}

/// Left or centred.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    #[default]
    Left,
    Center,
}

impl From<HeaderAlign> for Align {
    /// A split header's name and label start at the left.
    fn from(a: HeaderAlign) -> Align {
        match a {
            HeaderAlign::Center => Align::Center,
            HeaderAlign::Left | HeaderAlign::Split => Align::Left,
        }
    }
}

/// `[entries]`: how a dated entry is arranged.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Entries {
    /// right: the dates at the end of the title line; stacked: a column at
    /// the end with the dates on the title's line and the location on the
    /// organisation's; gutter: the dates in a column at the start (moderncv),
    /// everything else beside it.
    pub dates: DatePlace,
    /// title: the title line first, then the organisation (on the same line
    /// unless `dates` is stacked); organisation: the organisation first in
    /// work, volunteering and education (Jake's resume).
    pub lead: Lead,
    /// Width of the date gutter in millimetres (`dates = "gutter"`).
    pub gutter: f32,
}

/// Where an entry's dates go.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePlace {
    #[default]
    Right,
    Stacked,
    Gutter,
}

/// Whether entries of section `id` lead with their organisation: with
/// `lead = "organisation"`, in sections whose organisation is an employer or
/// a school (work, volunteer, education); an award's awarder or a project's
/// kind does not lead.
pub fn leads_with_organisation(d: &super::Definition, id: &str) -> bool {
    d.entries.lead == Lead::Organisation && matches!(id, "work" | "volunteer" | "education")
}

/// Which part of an entry leads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lead {
    #[default]
    Title,
    Organisation,
}

/// `[sidebar]`: an optional column beside the main one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Sidebar {
    /// none, start or end: the start is the left in left-to-right languages
    /// and the right in right-to-left ones (a sidebar mirrors with the text).
    pub side: Side,
    /// Width in millimetres, inside its tint.
    pub width: f32,
    /// Space between the sidebar's text and the main column, in millimetres.
    pub gap: f32,
    /// What it holds, in order: `contact` (the header's contacts, one per
    /// line), `photo`, and section ids (`skills`, `languages`, …). The
    /// rest stays in the main column.
    pub holds: Vec<String>,
    /// One size in points for all its text, headings included, with its
    /// gaps kept under half a line (0: the page's sizes and gaps). Text
    /// extractors (poppler, pdfminer.six) then read the sidebar as one block
    /// and never put its lines among the main column's.
    pub size: f32,
    /// How its section headings look, with one text size (a band stands
    /// out where there is no room for space above a heading); unset: as
    /// the page's.
    pub headings: Option<HeadingStyle>,
}

/// The sizes a sidebar's one text size may have, in points.
pub const SIDEBAR_SIZE: std::ops::RangeInclusive<f32> = 6.0..=12.0;
/// Line height of a sidebar with one text size, at most, as a multiple of it.
const SIDEBAR_LINE_HEIGHT: f32 = 1.25;
/// How far apart a sidebar with one text size sets two baselines, at most,
/// as a multiple of its size: poppler starts a new block past 1.5 and
/// pdfminer.six past half a line's height of white between lines.
const SIDEBAR_BASELINES: f32 = 1.42;
/// A sidebar's bullet indent with one text size, at most, as a multiple of it.
const SIDEBAR_BULLET: f32 = 0.65;

impl super::Definition {
    /// The definition the sidebar's text is set with: one size for all of
    /// it, and every vertical gap within [`SIDEBAR_BASELINES`]; `None` when
    /// the sidebar keeps the page's sizes.
    pub fn for_sidebar(&self) -> Option<super::Definition> {
        let size = self.sidebar.size;
        if self.sidebar.side == Side::None || size <= 0.0 {
            return None;
        }
        let mut d = self.clone();
        let z = &mut d.sizes;
        (z.contact, z.heading, z.entry_title, z.body, z.small) = (size, size, size, size, size);
        let s = &mut d.spacing;
        s.line_height = s.line_height.min(SIDEBAR_LINE_HEIGHT);
        let most = ((SIDEBAR_BASELINES - s.line_height) * size).max(0.0);
        // A bullet's lines start within half a line of its mark, so that
        // pdfminer.six keeps them in the sidebar's block.
        s.bullet_indent = s.bullet_indent.min(SIDEBAR_BULLET * size);
        for gap in [
            &mut s.before_section,
            &mut s.after_heading,
            &mut s.between_entries,
            &mut s.after_paragraph,
        ] {
            *gap = gap.min(most);
        }
        if let Some(style) = self.sidebar.headings {
            d.headings.style = style;
        }
        Some(d)
    }
}

/// Which side the sidebar is on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    #[default]
    None,
    Start,
    End,
}

/// The widths a sidebar may have, in millimetres.
pub const SIDEBAR_WIDTH: std::ops::RangeInclusive<f32> = 35.0..=90.0;
/// The widths a date gutter may have, in millimetres.
pub const GUTTER_WIDTH: std::ops::RangeInclusive<f32> = 15.0..=50.0;

/// Keys of `[style]` that moved to the structure tables: (old key, table, new key).
/// A file that sets an old key is read as if it set the new one.
const MOVED: &[(&str, &str, &str)] = &[
    ("header_align", "header", "align"),
    ("heading_rule", "headings", "style"),
    ("heading_uppercase", "headings", "uppercase"),
];

/// Rewrites the moved `[style]` keys of one file to their new places
/// (`heading_rule = true` is `headings.style = "rule"`, false `"plain"`);
/// the dotted old and new key when a file sets both.
pub fn move_old_keys(table: &mut toml::Table) -> Result<(), (String, String)> {
    for (old, to, new) in MOVED {
        let Some(value) = table
            .get_mut("style")
            .and_then(|s| s.as_table_mut())
            .and_then(|s| s.remove(*old))
        else {
            continue;
        };
        let value = match (*old, value) {
            ("heading_rule", toml::Value::Boolean(rule)) => {
                toml::Value::String(if rule { "rule" } else { "plain" }.into())
            }
            (_, v) => v,
        };
        let target = table
            .entry(to.to_string())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        if let Some(t) = target.as_table_mut() {
            if t.contains_key(*new) {
                return Err((format!("style.{old}"), format!("{to}.{new}")));
            }
            t.insert(new.to_string(), value);
        }
    }
    Ok(())
}

/// Keys that contradict each other in a merged definition: the dotted keys
/// involved (the last is the one to point at) and what is wrong.
pub fn contradictions(d: &super::Definition) -> Option<(Vec<&'static str>, String)> {
    let side = d.sidebar.side;
    if d.header.photo == PhotoPlace::Sidebar && side == Side::None {
        return Some((
            vec!["sidebar.side", "header.photo"],
            "`header.photo = \"sidebar\"` needs a sidebar: set `sidebar.side` to start or end, or the photo to right or left".into(),
        ));
    }
    if side != Side::None {
        if !SIDEBAR_WIDTH.contains(&d.sidebar.width) {
            return Some((
                vec!["sidebar.width"],
                format!(
                    "a sidebar {} mm wide; write a width from {} to {} mm",
                    d.sidebar.width,
                    SIDEBAR_WIDTH.start(),
                    SIDEBAR_WIDTH.end()
                ),
            ));
        }
        if !(2.0..=20.0).contains(&d.sidebar.gap) {
            return Some((
                vec!["sidebar.gap"],
                format!(
                    "a gap of {} mm beside the sidebar; write 2 to 20 mm (a narrow gap lets extractors run the columns together)",
                    d.sidebar.gap
                ),
            ));
        }
        if d.sidebar.size != 0.0 && !SIDEBAR_SIZE.contains(&d.sidebar.size) {
            return Some((
                vec!["sidebar.size"],
                format!(
                    "a sidebar text size of {} pt; write {} to {} pt, or 0 for the page's sizes",
                    d.sidebar.size,
                    SIDEBAR_SIZE.start(),
                    SIDEBAR_SIZE.end()
                ),
            ));
        }
        if d.sidebar.holds.is_empty() {
            return Some((
                vec!["sidebar.holds"],
                "a sidebar that holds nothing; name what it holds (contact, photo, section ids) or set `side = \"none\"`".into(),
            ));
        }
        if d.sidebar.holds.iter().any(|h| h == "photo") && d.header.photo != PhotoPlace::Sidebar {
            return Some((
                vec!["header.photo", "sidebar.holds"],
                "the sidebar holds `photo` but `header.photo` is not \"sidebar\"".into(),
            ));
        }
        if d.sidebar.holds.iter().any(|h| h == "contact") && d.header.align == HeaderAlign::Split {
            return Some((
                vec!["header.align", "sidebar.holds"],
                "`header.align = \"split\"` puts the contacts at the header's end, but the sidebar holds them".into(),
            ));
        }
    }
    if d.entries.dates == DatePlace::Gutter && !GUTTER_WIDTH.contains(&d.entries.gutter) {
        return Some((
            vec!["entries.gutter"],
            format!(
                "a date gutter {} mm wide; write a width from {} to {} mm",
                d.entries.gutter,
                GUTTER_WIDTH.start(),
                GUTTER_WIDTH.end()
            ),
        ));
    }
    None
}

/// Line and column of a dotted key (`sidebar.width`) in a `layout.toml`, when the file sets it.
pub fn locate(source: &str, dotted: &str) -> Option<(usize, usize)> {
    let (table, key) = dotted.rsplit_once('.')?;
    let mut current = String::new();
    for (i, line) in source.lines().enumerate() {
        let t = line.trim_start();
        if let Some(h) = t.strip_prefix('[') {
            current = h.split(']').next().unwrap_or("").trim().to_string();
            continue;
        }
        let set = t
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='));
        if current == table && set {
            return Some((i + 1, line.len() - t.len() + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_style_keys_move_and_clash() {
        let mut t: toml::Table =
            toml::from_str("[style]\nheading_rule = false\nheader_align = \"center\"\n").unwrap();
        move_old_keys(&mut t).unwrap();
        assert_eq!(t["headings"]["style"].as_str(), Some("plain"));
        assert_eq!(t["header"]["align"].as_str(), Some("center"));
        assert!(t["style"].as_table().unwrap().is_empty());
        let mut both: toml::Table =
            toml::from_str("[style]\nheading_uppercase = true\n[headings]\nuppercase = false\n")
                .unwrap();
        assert_eq!(
            move_old_keys(&mut both).unwrap_err(),
            (
                "style.heading_uppercase".into(),
                "headings.uppercase".into()
            )
        );
    }

    #[test]
    fn keys_are_located() {
        let src = "a = 1\n[sidebar]\n  width = 20.0\n[header]\nphoto = \"sidebar\"\n";
        assert_eq!(locate(src, "sidebar.width"), Some((3, 3)));
        assert_eq!(locate(src, "header.photo"), Some((5, 1)));
        assert_eq!(locate(src, "sidebar.side"), None);
    }
}
