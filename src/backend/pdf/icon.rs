//! Contact icons as PDF path operators, made once per process from the bundled SVGs (usvg reads them: arcs and relative commands become curves).

use std::fmt::Write as _;
use std::sync::OnceLock;

use svg2pdf::usvg;
use usvg::tiny_skia_path::{PathSegment, Point};

use crate::document::Icon;

/// An icon's fill operators in its own units (its box is `height` units
/// high, y up), and its width in those units.
pub struct Drawing {
    pub ops: Vec<u8>,
    pub width: f32,
    pub height: f32,
}

/// The drawing of `icon`.
pub fn drawing(icon: Icon) -> &'static Drawing {
    static ALL: OnceLock<Vec<Drawing>> = OnceLock::new();
    let all = ALL.get_or_init(|| Icon::ALL.iter().map(|i| make(*i)).collect());
    let at = Icon::ALL.iter().position(|i| *i == icon).unwrap_or(0);
    static EMPTY: Drawing = Drawing {
        ops: Vec::new(),
        width: 1.0,
        height: 1.0,
    };
    all.get(at).unwrap_or(&EMPTY)
}

fn make(icon: Icon) -> Drawing {
    let svg = crate::layout::icons::svg(icon);
    let Ok(tree) = usvg::Tree::from_str(svg, &usvg::Options::default()) else {
        return Drawing {
            ops: Vec::new(),
            width: 1.0,
            height: 1.0,
        };
    };
    let size = tree.size();
    let mut out = String::new();
    walk(tree.root(), size.height(), &mut out);
    if !out.is_empty() {
        out.push_str("f\n");
    }
    Drawing {
        ops: out.into_bytes(),
        width: size.width(),
        height: size.height(),
    }
}

fn walk(group: &usvg::Group, height: f32, out: &mut String) {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => walk(g, height, out),
            usvg::Node::Path(p) => {
                let ts = p.abs_transform();
                let pt = |mut q: Point| {
                    ts.map_point(&mut q);
                    (q.x, height - q.y)
                };
                let mut last = (0.0, 0.0);
                for seg in p.data().segments() {
                    match seg {
                        PathSegment::MoveTo(a) => {
                            last = pt(a);
                            op(out, &[last], "m");
                        }
                        PathSegment::LineTo(a) => {
                            last = pt(a);
                            op(out, &[last], "l");
                        }
                        PathSegment::QuadTo(c, a) => {
                            let (c, a) = (pt(c), pt(a));
                            // A quadratic curve as a cubic one: the control
                            // points two thirds of the way to the quadratic's.
                            let c1 = (
                                last.0 + 2.0 / 3.0 * (c.0 - last.0),
                                last.1 + 2.0 / 3.0 * (c.1 - last.1),
                            );
                            let c2 = (a.0 + 2.0 / 3.0 * (c.0 - a.0), a.1 + 2.0 / 3.0 * (c.1 - a.1));
                            op(out, &[c1, c2, a], "c");
                            last = a;
                        }
                        PathSegment::CubicTo(c1, c2, a) => {
                            let a = pt(a);
                            op(out, &[pt(c1), pt(c2), a], "c");
                            last = a;
                        }
                        PathSegment::Close => out.push_str("h\n"),
                    }
                }
            }
            _ => {}
        }
    }
}

/// Points, then an operator, on one line; numbers with at most two decimals.
fn op(out: &mut String, points: &[(f32, f32)], operator: &str) {
    for (x, y) in points {
        for v in [x, y] {
            let v = (v * 100.0).round() / 100.0;
            let v = if v == 0.0 { 0.0 } else { v };
            let _ = write!(out, "{v} ");
        }
    }
    out.push_str(operator);
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_icon_is_a_filled_path_in_its_box() {
        for icon in Icon::ALL {
            let d = drawing(icon);
            let text = String::from_utf8(d.ops.clone()).unwrap();
            assert!(text.starts_with(|c: char| c.is_ascii_digit()), "{icon:?}");
            assert!(text.ends_with("f\n"), "{icon:?}");
            assert_eq!(d.height, 512.0, "{icon:?}");
            for n in text
                .split_whitespace()
                .filter_map(|w| w.parse::<f32>().ok())
            {
                assert!((-64.0..=640.0).contains(&n), "{icon:?}: {n}");
            }
        }
    }
}
