//! The structure keys resolved for one document: which column each part goes in, and on which side.
//!
//! Format-free: the PDF places boxes from it, the DOCX a table row of two
//! cells, the HTML a CSS grid. A sidebar that would hold nothing of this
//! document is no sidebar: the main column takes the whole width.

use super::Definition;
use super::structure::{PhotoPlace, Side};
use crate::document::{Direction, Document};

/// Which column a part of the document is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    Main,
    Sidebar,
}

/// A part of the document the sidebar can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The header's contacts, one per line.
    Contact,
    /// The candidate's photo.
    Photo,
    /// The section of this index in [`Document::sections`].
    Section(usize),
}

/// The sidebar of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct SidebarPlan {
    /// At the left of the page (a start sidebar in a left-to-right
    /// language, an end one in a right-to-left language).
    pub left: bool,
    /// Read before the main column: it is on the side the text starts
    /// from, where the eye goes first (the structure tree, the content
    /// stream and the DOCX cells follow this).
    pub first: bool,
    /// Width of its text, in millimetres.
    pub width: f32,
    /// Space between its text and the main column, in millimetres.
    pub gap: f32,
    /// What it holds, in order.
    pub parts: Vec<Part>,
}

/// The structure of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub sidebar: Option<SidebarPlan>,
    /// The region of each section, by index.
    pub sections: Vec<Region>,
    /// Where the contacts are.
    pub contacts: Region,
    /// Where the photo is (when there is one).
    pub photo: Region,
}

impl Plan {
    /// Resolves `def`'s structure for `doc`.
    pub fn new(def: &Definition, doc: &Document) -> Plan {
        let main = Plan {
            sidebar: None,
            sections: vec![Region::Main; doc.sections.len()],
            contacts: Region::Main,
            photo: Region::Main,
        };
        let side = def.sidebar.side;
        if side == Side::None {
            return main;
        }
        let mut parts = Vec::new();
        for id in &def.sidebar.holds {
            match id.as_str() {
                "contact" if !doc.header.contacts.is_empty() => parts.push(Part::Contact),
                "photo"
                    if doc.header.photo.is_some() && def.header.photo == PhotoPlace::Sidebar =>
                {
                    parts.push(Part::Photo)
                }
                id => {
                    let at = doc
                        .sections
                        .iter()
                        .position(|s| s.id.eq_ignore_ascii_case(id));
                    if let Some(i) = at.filter(|i| !parts.contains(&Part::Section(*i))) {
                        parts.push(Part::Section(i));
                    }
                }
            }
        }
        // A photo alone does not make a sidebar, nor does a sidebar that
        // would leave the main column empty.
        let text = parts.iter().any(|p| *p != Part::Photo);
        let rest = doc.sections.len()
            > parts
                .iter()
                .filter(|p| matches!(p, Part::Section(_)))
                .count();
        if !text || !rest {
            return main;
        }
        let rtl = Direction::right_to_left(&doc.meta.language);
        let start = side == Side::Start;
        let mut plan = main;
        for p in &parts {
            match p {
                Part::Contact => plan.contacts = Region::Sidebar,
                Part::Photo => plan.photo = Region::Sidebar,
                Part::Section(i) => {
                    if let Some(r) = plan.sections.get_mut(*i) {
                        *r = Region::Sidebar;
                    }
                }
            }
        }
        plan.sidebar = Some(SidebarPlan {
            left: start != rtl,
            first: start,
            width: def.sidebar.width,
            gap: def.sidebar.gap,
            parts,
        });
        plan
    }
}
