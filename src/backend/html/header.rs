//! The page's header (name, headline, contacts with separators or icons, the photo) and the photo's rules.

use std::fmt::Write as _;

use super::body::{Context, link};
use super::write::{attr, blank, text};
use crate::document::{Contact, ContactKind, Document};
use crate::layout::{ContactStyle, Definition, HeaderAlign, PhotoPlace, Region};

/// The photo's rules, only on pages that have one: at the inline end of
/// the header (the right, or the left in right-to-left pages) or its start,
/// or at the top of the sidebar; its size and outline from `[photo]`.
pub fn photo_css(out: &mut String, def: &Definition, place: Region) {
    let radius = match def.photo.shape {
        crate::layout::PhotoShape::Square => "0",
        crate::layout::PhotoShape::Rounded => "8%",
        crate::layout::PhotoShape::Circle => "50%",
    };
    let size = (def.photo.size * 10.0).round() / 10.0;
    if place == Region::Sidebar {
        let _ = writeln!(
            out,
            ".sidebar .photo {{ display: block; width: {size}mm; height: auto; margin: 0 auto var(--after-header); border-radius: {radius}; }}"
        );
        return;
    }
    let (float, margin) = match def.header.photo {
        PhotoPlace::Start => ("inline-start", "margin-inline-end"),
        PhotoPlace::End | PhotoPlace::Sidebar => ("inline-end", "margin-inline-start"),
    };
    let _ = writeln!(
        out,
        ".resume-header {{ display: flow-root; }}\n.resume-header .photo {{ float: {float}; width: {size}mm; height: auto; {margin}: 5mm; margin-bottom: 2mm; border-radius: {radius}; }}"
    );
}

/// The photo, its alt text the name.
pub fn photo(out: &mut String, doc: &Document) {
    let h = &doc.header;
    if let Some(p) = &h.photo {
        let _ = write!(
            out,
            "<img class=\"photo\" width=\"{}\" height=\"{}\" alt=\"",
            p.width, p.height
        );
        attr(
            out,
            h.name.as_deref().filter(|n| !blank(n)).unwrap_or_default(),
        );
        out.push_str("\" src=\"data:image/jpeg;base64,");
        out.push_str(&crate::photo::encode_base64(&p.jpeg));
        out.push_str("\">\n");
    }
}

/// The header: the photo first (unless the sidebar holds it), floating
/// beside the name; the contacts unless the sidebar holds them.
pub fn write(out: &mut String, doc: &Document, cx: &Context<'_>) {
    let h = &doc.header;
    let hd = &cx.def.header;
    let mut classes = Vec::new();
    if hd.band {
        classes.push("band");
    }
    if hd.align == HeaderAlign::Split {
        classes.push("split");
    }
    out.push_str("<header class=\"resume-header");
    for c in classes {
        out.push(' ');
        out.push_str(c);
    }
    out.push_str("\">\n");
    if cx.plan.photo == Region::Main {
        photo(out, doc);
    }
    out.push_str("<h1>");
    // The page always has its one `<h1>`: the name, else the document title.
    let name = h.name.as_deref().filter(|n| !blank(n));
    text(out, name.unwrap_or(&doc.meta.title));
    out.push_str("</h1>\n");
    if let Some(label) = h.label.as_deref().filter(|l| !blank(l)) {
        out.push_str("<p class=\"label\">");
        text(out, label);
        out.push_str("</p>\n");
    }
    if cx.plan.contacts == Region::Main {
        contacts(out, doc, cx);
    }
    out.push_str("</header>\n");
}

/// The contacts in an `<address>`, each after its icon when the layout asks.
pub fn contacts(out: &mut String, doc: &Document, cx: &Context<'_>) {
    let h = &doc.header;
    if h.contacts.is_empty() {
        return;
    }
    let icons = cx.def.header.contacts == ContactStyle::Icons;
    out.push_str(if icons {
        "<address>\n<ul class=\"contacts icons\">\n"
    } else {
        "<address>\n<ul class=\"contacts\">\n"
    });
    for c in &h.contacts {
        out.push_str("<li class=\"");
        out.push_str(kind_class(c.kind));
        out.push_str("\">");
        if icons {
            icon(out, c);
        }
        let shown = c.shown();
        match &c.link {
            Some(url) => link(out, url, blank(&shown), |out| text(out, &shown)),
            None => text(out, &shown),
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</address>\n");
}

/// The contact's icon, inline and hidden from assistive technology (the
/// text beside it says what it is).
fn icon(out: &mut String, c: &Contact) {
    let (w, h, d) = crate::layout::icons::path(c.icon());
    let _ = write!(
        out,
        "<svg class=\"icon\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 {w} {h}\"><path fill=\"currentColor\" d=\""
    );
    attr(out, d);
    out.push_str("\"/></svg>");
}

fn kind_class(kind: ContactKind) -> &'static str {
    match kind {
        ContactKind::Email => "email",
        ContactKind::Phone => "phone",
        ContactKind::Url => "url",
        ContactKind::Location => "location",
        ContactKind::Profile => "profile",
    }
}
