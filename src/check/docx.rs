//! DOCX text extraction: the body's paragraphs in order, and apart from them the tables, text boxes, headers and footers.
//!
//! Reads the package's XML with roxmltree rather than docx-rs's reader, which
//! drops text boxes and does not say which text came from a table, a header
//! or a footer: here each line keeps where it was.

use std::collections::HashMap;
use std::io::Read;

use roxmltree::{Document, Node, ParsingOptions};

use super::{Columns, Extraction, Line, Part};

/// Parts in the package, at most.
const MAX_ENTRIES: usize = 10_000;
/// One XML part, uncompressed, at most.
const MAX_PART: u64 = 32 * 1024 * 1024;
/// All parts read, uncompressed, at most.
const MAX_TOTAL: u64 = 128 * 1024 * 1024;
/// XML nodes per part, at most.
const MAX_NODES: u32 = 4_000_000;
/// Elements deeper than this are not looked into.
const MAX_DEPTH: usize = 200;

struct Package<'a> {
    zip: zip::ZipArchive<std::io::Cursor<&'a [u8]>>,
    read: u64,
}

impl Package<'_> {
    /// A part's text; `Ok(None)` when there is no such part.
    fn part(&mut self, name: &str) -> Result<Option<String>, String> {
        let mut file = match self.zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(format!("cannot read {name} in the DOCX: {e}")),
        };
        let budget = MAX_PART.min(MAX_TOTAL.saturating_sub(self.read));
        let mut bytes = Vec::new();
        (&mut file)
            .take(budget + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read {name} in the DOCX: {e}"))?;
        if bytes.len() as u64 > budget {
            return Err(format!(
                "{name} in the DOCX unpacks to more than {} MB",
                budget / 1_000_000
            ));
        }
        self.read += bytes.len() as u64;
        let text =
            String::from_utf8(bytes).map_err(|_| format!("{name} in the DOCX is not UTF-8 XML"))?;
        Ok(Some(text))
    }
}

fn parse<'x>(name: &str, xml: &'x str) -> Result<Document<'x>, String> {
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(xml, options)
        .map_err(|e| format!("{name} in the DOCX is not well-formed XML: {e}"))
}

/// A relationship: type (last path segment), target, external or not.
struct Rel {
    kind: String,
    target: String,
    external: bool,
}

fn rels(xml: &str) -> HashMap<String, Rel> {
    let mut out = HashMap::new();
    let Ok(doc) = parse("relationships", xml) else {
        return out;
    };
    for r in doc
        .descendants()
        .filter(|n| n.tag_name().name() == "Relationship")
    {
        let (Some(id), Some(target)) = (r.attribute("Id"), r.attribute("Target")) else {
            continue;
        };
        out.insert(
            id.to_string(),
            Rel {
                kind: r
                    .attribute("Type")
                    .unwrap_or("")
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .to_string(),
                target: target.to_string(),
                external: r.attribute("TargetMode") == Some("External"),
            },
        );
    }
    out
}

/// A part name relative to a folder (`word/` + `header1.xml`, `/word/x.xml`, `../media/a.png`).
fn resolve(dir: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for seg in target.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// A table laid out as columns, not data: one row of two or more cells, no
/// table inside, and either each cell holding at least one heading
/// paragraph (a `Heading…` style) with what follows it, so the cells read
/// one after the other hold whole sections in order, or one cell holding
/// the document's title (the `Title` style): a header with the name beside
/// the contacts. A resume's two-column layout (ours with a sidebar) and a
/// split header are such tables; a data table's row is not.
fn layout_table(tbl: Node) -> bool {
    let rows: Vec<Node> = tbl.children().filter(|c| name(c) == "tr").collect();
    let [row] = rows.as_slice() else {
        return false;
    };
    if tbl
        .descendants()
        .skip(1)
        .any(|d| d.is_element() && name(&d) == "tbl")
    {
        return false;
    }
    let cells: Vec<Node> = row.children().filter(|c| name(c) == "tc").collect();
    let styled = |cell: &Node, wanted: &dyn Fn(&str) -> bool| {
        cell.children().filter(|c| name(c) == "p").any(|p| {
            p.descendants().any(|d| {
                d.is_element()
                    && name(&d) == "pStyle"
                    && d.attributes()
                        .any(|a| a.name() == "val" && wanted(&a.value().to_ascii_lowercase()))
            })
        })
    };
    let heading = |s: &str| s.starts_with("heading");
    let title = |s: &str| s == "title";
    cells.len() >= 2
        && (cells.iter().all(|cell| styled(cell, &heading))
            || cells.iter().any(|cell| styled(cell, &title)))
}

/// The local name of an element.
fn name<'a>(n: &Node<'a, '_>) -> &'a str {
    n.tag_name().name()
}

/// Walks the XML of one part.
struct Walker<'r> {
    rels: &'r HashMap<String, Rel>,
    out: Extraction,
}

impl Walker<'_> {
    /// Block-level content: paragraphs, tables, content controls.
    fn blocks(&mut self, node: Node, part: Part, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for child in node.children().filter(Node::is_element) {
            match name(&child) {
                "p" => self.paragraph(child, part, depth + 1),
                // A layout table (the sidebar's row, a split header) reads
                // cell by cell in order, each cell whole sections or the
                // header's parts: as the body.
                "tbl" if part == Part::Body && layout_table(child) => {
                    self.blocks(child, part, depth + 1)
                }
                "tbl" => {
                    self.out.tables += 1;
                    let inner = if part == Part::Body {
                        Part::Table
                    } else {
                        part
                    };
                    self.blocks(child, inner, depth + 1);
                }
                "sectPr" => self.section(child),
                "del" | "moveFrom" => {}
                "AlternateContent" => {
                    if let Some(choice) = child.children().find(|c| name(c) == "Choice") {
                        self.blocks(choice, part, depth + 1);
                    }
                }
                _ => self.blocks(child, part, depth + 1),
            }
        }
    }

    fn section(&mut self, sect: Node) {
        let cols = sect
            .children()
            .find(|c| name(c) == "cols")
            .and_then(|c| c.attributes().find(|a| a.name() == "num"))
            .and_then(|a| a.value().parse::<usize>().ok())
            .unwrap_or(1);
        if cols > 1 {
            self.out.columns.push(Columns {
                page: None,
                columns: cols,
                lines: 0,
                first: String::new(),
                apart: false,
            });
        }
    }

    fn paragraph(&mut self, p: Node, part: Part, depth: usize) {
        let mut text = String::new();
        let mut boxes: Vec<Node> = Vec::new();
        self.inline(p, &mut text, &mut boxes, depth);
        for line in text.split('\n') {
            let t = line.split_whitespace().collect::<Vec<_>>().join(" ");
            if !t.is_empty() {
                self.out.lines.push(Line {
                    text: t,
                    part,
                    page: None,
                });
            }
        }
        for b in boxes {
            self.out.text_boxes += 1;
            let inner = if part == Part::Body {
                Part::TextBox
            } else {
                part
            };
            self.blocks(b, inner, depth + 1);
        }
    }

    fn inline<'a, 'i>(
        &mut self,
        node: Node<'a, 'i>,
        text: &mut String,
        boxes: &mut Vec<Node<'a, 'i>>,
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        for c in node.children().filter(Node::is_element) {
            match name(&c) {
                "t" => text.push_str(c.text().unwrap_or("")),
                "tab" | "ptab" => text.push('\t'),
                "br" => {
                    if c.attributes()
                        .find(|a| a.name() == "type")
                        .is_none_or(|a| a.value() == "textWrapping")
                    {
                        text.push('\n');
                    }
                }
                "cr" => text.push('\n'),
                "softHyphen" => text.push('\u{AD}'),
                "noBreakHyphen" => text.push('-'),
                "sym" => {
                    let ch = c
                        .attributes()
                        .find(|a| a.name() == "char")
                        .and_then(|a| u32::from_str_radix(a.value(), 16).ok())
                        .and_then(char::from_u32);
                    text.extend(ch);
                }
                "pPr" => {
                    if let Some(s) = c.children().find(|s| name(s) == "sectPr") {
                        self.section(s);
                    }
                }
                "rPr" | "instrText" | "delInstrText" | "del" | "moveFrom" | "delText"
                | "footnoteReference" | "endnoteReference" | "commentReference" => {}
                "hyperlink" => {
                    if let Some(rel) = c
                        .attributes()
                        .find(|a| a.name() == "id")
                        .and_then(|a| self.rels.get(a.value()))
                        .filter(|r| r.external && self.out.links.len() < 1000)
                    {
                        self.out.links.push(rel.target.clone());
                    }
                    self.inline(c, text, boxes, depth + 1);
                }
                "drawing" | "pict" | "object" => self.drawing(c, boxes),
                "AlternateContent" => {
                    if let Some(choice) = c.children().find(|x| name(x) == "Choice") {
                        self.inline(choice, text, boxes, depth + 1);
                    }
                }
                _ => self.inline(c, text, boxes, depth + 1),
            }
        }
    }

    /// A drawing: text boxes are kept for later, pictures counted.
    fn drawing<'a, 'i>(&mut self, node: Node<'a, 'i>, boxes: &mut Vec<Node<'a, 'i>>) {
        for d in node.descendants().filter(Node::is_element) {
            match name(&d) {
                // A text box inside a text box is read with its parent.
                "txbxContent" if !d.ancestors().skip(1).any(|a| name(&a) == "txbxContent") => {
                    boxes.push(d);
                }
                "blip" | "imagedata" => self.out.images += 1,
                _ => {}
            }
        }
    }
}

/// Reads a DOCX. The error says why it cannot be read.
pub fn read(bytes: &[u8]) -> Result<Extraction, String> {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a DOCX file (not a readable zip archive: {e})"))?;
    if zip.len() > MAX_ENTRIES {
        return Err(format!(
            "the DOCX has {} parts; a Word document has a few dozen",
            zip.len()
        ));
    }
    let mut pkg = Package { zip, read: 0 };
    let root_rels = pkg
        .part("_rels/.rels")?
        .map(|x| rels(&x))
        .unwrap_or_default();
    let main = root_rels
        .values()
        .find(|r| r.kind == "officeDocument")
        .map(|r| resolve("", &r.target))
        .unwrap_or_else(|| "word/document.xml".to_string());
    let Some(xml) = pkg.part(&main)? else {
        return Err("not a Word document (the package has no main document part)".into());
    };
    let (dir, file) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let rels_name = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let doc_rels = pkg.part(&rels_name)?.map(|x| rels(&x)).unwrap_or_default();
    let doc = parse(&main, &xml)?;
    let mut w = Walker {
        rels: &doc_rels,
        out: Extraction::default(),
    };
    let body = doc.descendants().find(|n| name(n) == "body");
    let Some(body) = body else {
        return Err("not a Word document (its main part has no body)".into());
    };
    w.blocks(body, Part::Body, 0);
    // Headers and footers, each part once, in relationship order.
    let mut margins: Vec<(&str, String)> = doc_rels
        .iter()
        .filter(|(_, r)| !r.external && (r.kind == "header" || r.kind == "footer"))
        .map(|(id, r)| (id.as_str(), r.kind.clone()))
        .collect();
    margins.sort();
    let mut seen: Vec<String> = Vec::new();
    for (id, kind) in margins {
        let Some(r) = doc_rels.get(id) else { continue };
        let part_name = resolve(dir, &r.target);
        if seen.contains(&part_name) {
            continue;
        }
        seen.push(part_name.clone());
        let Some(xml) = pkg.part(&part_name)? else {
            continue;
        };
        let part_doc = parse(&part_name, &xml)?;
        let part = if kind == "header" {
            Part::Header
        } else {
            Part::Footer
        };
        // Tables and text boxes in the margins count as the margins.
        let (tables, boxes) = (w.out.tables, w.out.text_boxes);
        w.blocks(part_doc.root_element(), part, 0);
        w.out.tables = tables;
        w.out.text_boxes = boxes;
    }
    let mut out = w.out;
    // An SVG picture always has a PNG (or other) fallback beside it, the
    // picture the `a:blip` names: count the picture once.
    out.images = out.images.max(
        doc_rels
            .values()
            .filter(|r| r.kind == "image" && !r.external)
            .filter(|r| !r.target.to_ascii_lowercase().ends_with(".svg"))
            .count(),
    );
    if let Some(app) = pkg.part("docProps/app.xml")?
        && let Ok(d) = parse("docProps/app.xml", &app)
    {
        out.pages = d
            .descendants()
            .find(|n| name(n) == "Pages")
            .and_then(|n| n.text())
            .and_then(|t| t.trim().parse().ok());
    }
    if let Some(core) = pkg.part("docProps/core.xml")?
        && let Ok(d) = parse("docProps/core.xml", &core)
    {
        out.title = d
            .descendants()
            .find(|n| name(n) == "title")
            .and_then(|n| n.text())
            .map(str::to_string)
            .filter(|t| !t.trim().is_empty());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_their_folder() {
        assert_eq!(resolve("word", "header1.xml"), "word/header1.xml");
        assert_eq!(resolve("word", "/word/footer.xml"), "word/footer.xml");
        assert_eq!(resolve("word/sub", "../media/a.png"), "word/media/a.png");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
    }
}
