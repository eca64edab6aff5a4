//! The logical structure of a tagged PDF: composition builds a tree of structure elements that mirrors the document model, every drawn line points into it, and [`write`] turns it into the file's structure tree.

mod write;

pub use write::{Annot, Mark, PageMarks, write};

/// A standard structure type (ISO 32000-1, 14.8.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Document,
    Sect,
    Div,
    /// A heading of level 1 to 6.
    H(u8),
    P,
    /// A list, and how its labels look.
    L(Numbering),
    LI,
    Lbl,
    LBody,
    /// One candidate of a bundle.
    Part,
    Table,
    TR,
    TH,
    TD,
}

impl Kind {
    /// The structure type's name, as written after `/S` and before `BDC`.
    pub fn name(self) -> &'static [u8] {
        match self {
            Kind::Document => b"Document",
            Kind::Sect => b"Sect",
            Kind::Div => b"Div",
            Kind::H(1) => b"H1",
            Kind::H(2) => b"H2",
            Kind::H(3) => b"H3",
            Kind::H(4) => b"H4",
            Kind::H(5) => b"H5",
            Kind::H(_) => b"H6",
            Kind::P => b"P",
            Kind::L(_) => b"L",
            Kind::LI => b"LI",
            Kind::Lbl => b"Lbl",
            Kind::LBody => b"LBody",
            Kind::Part => b"Part",
            Kind::Table => b"Table",
            Kind::TR => b"TR",
            Kind::TH => b"TH",
            Kind::TD => b"TD",
        }
    }
}

/// The `ListNumbering` attribute of a list: the kind of its labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    Disc,
    Circle,
    Square,
    /// 1., 2., 3. (a letter's numbered list).
    Decimal,
    /// Labels of other text (a dash, an arrow).
    None,
}

impl Numbering {
    /// The numbering of a list whose items are labelled `bullet`.
    pub fn of(bullet: &str) -> Numbering {
        match bullet.trim() {
            "•" | "●" | "⦁" => Numbering::Disc,
            "◦" | "○" | "⚬" => Numbering::Circle,
            "▪" | "■" | "□" | "▫" | "◾" => Numbering::Square,
            _ => Numbering::None,
        }
    }

    pub fn name(self) -> &'static [u8] {
        match self {
            Numbering::Disc => b"Disc",
            Numbering::Circle => b"Circle",
            Numbering::Square => b"Square",
            Numbering::Decimal => b"Decimal",
            Numbering::None => b"None",
        }
    }
}

/// What a drawn line belongs to: a structure element, or decoration that
/// tag-aware readers skip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Node(usize),
    Artifact(Artifact),
}

/// Kinds of artifact (ISO 32000-1, 14.8.2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Artifact {
    /// Rules and other page furniture.
    Layout,
    /// Page numbers and the letterhead's footer line.
    Pagination,
    /// The letterhead's band at the top of a page.
    Header,
}

/// One structure element: its type and parent (the root has none).
#[derive(Debug, Clone)]
pub struct Node {
    pub kind: Kind,
    pub parent: Option<usize>,
}

/// Structure elements in document order; node 0 is the Document.
#[derive(Debug, Clone)]
pub struct Tree {
    pub nodes: Vec<Node>,
    /// Elements being filled, innermost last.
    open: Vec<usize>,
}

impl Default for Tree {
    fn default() -> Self {
        Tree::new()
    }
}

impl Tree {
    pub fn new() -> Tree {
        Tree {
            nodes: vec![Node {
                kind: Kind::Document,
                parent: None,
            }],
            open: vec![0],
        }
    }

    /// A new element in the innermost open one; it holds content, not elements.
    pub fn leaf(&mut self, kind: Kind) -> Tag {
        let id = self.nodes.len();
        self.nodes.push(Node {
            kind,
            parent: self.open.last().copied(),
        });
        Tag::Node(id)
    }

    /// A new element that the next ones go into, until [`Tree::close`].
    pub fn open(&mut self, kind: Kind) {
        if let Tag::Node(id) = self.leaf(kind) {
            self.open.push(id);
        }
    }

    /// Closes the innermost open element (never the Document).
    pub fn close(&mut self) {
        if self.open.len() > 1 {
            self.open.pop();
        }
    }

    pub fn kind(&self, node: usize) -> Kind {
        self.nodes.get(node).map_or(Kind::P, |n| n.kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_nest_where_they_are_opened() {
        let mut t = Tree::new();
        let h1 = t.leaf(Kind::H(1));
        t.open(Kind::Sect);
        let h2 = t.leaf(Kind::H(2));
        t.close();
        t.close();
        let p = t.leaf(Kind::P);
        let parent = |tag| match tag {
            Tag::Node(n) => t.nodes[n].parent,
            Tag::Artifact(_) => None,
        };
        assert_eq!(parent(h1), Some(0));
        assert_eq!(parent(h2), Some(2));
        assert_eq!(parent(p), Some(0));
        assert_eq!(t.kind(2), Kind::Sect);
    }
}
