//! The structure keys as CSS: header band and split, contact icons, heading styles, stacked and gutter entries, the sidebar grid.
//!
//! Written after the layout's stylesheet, and only for what differs from
//! the default structure (so a page of a single-column layout is as before).
//! Logical properties throughout: a right-to-left page mirrors by itself.

use std::fmt::Write as _;

use crate::layout::{
    Align, Color, ContactStyle, DatePlace, Definition, HeaderAlign, HeadingStyle, Lead, Plan,
};

/// Appends the rules `def`'s structure needs for this `plan`.
pub fn css(out: &mut String, def: &Definition, plan: &Plan) {
    let band = def.header.band || def.headings.style == HeadingStyle::Band;
    variables(out, def, band, plan.sidebar.is_some());
    header(out, def);
    headings(out, def);
    entries(out, def);
    if let Some(side) = &plan.sidebar {
        // The tint's padding is outside the sidebar's text width, as in the PDF.
        let _ = writeln!(
            out,
            "main.columns {{ display: grid; grid-template-columns: {first}; column-gap: {gap}mm; align-items: start; }}\n\
.columns > div {{ min-width: 0; }}\n\
.sidebar {{ background: var(--sidebar); padding: 4mm; -webkit-print-color-adjust: exact; print-color-adjust: exact; }}\n\
.sidebar section + section, .sidebar address + section, .sidebar .photo + section {{ margin-top: var(--before-section); }}\n\
.sidebar address {{ margin: 0 0 var(--before-section); }}\n\
.sidebar .contacts li {{ display: block; }}\n\
.sidebar .contacts li + li::before {{ content: none; }}\n\
.sidebar .entry-head {{ display: block; }}\n\
.sidebar .dates {{ max-width: none; text-align: start; }}\n\
@media screen and (max-width: 40em) {{ main.columns {{ display: block; }} .columns > div + div {{ margin-top: var(--before-section); }} }}",
            first = if side.first {
                format!("{}mm minmax(0, 1fr)", round(side.width + 8.0))
            } else {
                format!("minmax(0, 1fr) {}mm", round(side.width + 8.0))
            },
            gap = round((side.gap - 4.0).max(2.0)),
        );
        if let Some(sd) = def.for_sidebar() {
            sidebar_sizes(out, &sd);
        }
    }
}

/// A sidebar with one text size: the size and gap properties again, inside it.
fn sidebar_sizes(out: &mut String, sd: &Definition) {
    let (z, sp) = (&sd.sizes, &sd.spacing);
    let _ = writeln!(
        out,
        ".sidebar {{ --size-contact: {}pt; --size-heading: {}pt; --size-entry-title: {}pt; --size-body: {}pt; --size-small: {}pt; --line-height: {}; --before-section: {}pt; --after-heading: {}pt; --between-entries: {}pt; --after-paragraph: {}pt; font-size: var(--size-body); line-height: var(--line-height); }}",
        round(z.contact),
        round(z.heading),
        round(z.entry_title),
        round(z.body),
        round(z.small),
        round(sp.line_height),
        round(sp.before_section),
        round(sp.after_heading),
        round(sp.between_entries),
        round(sp.after_paragraph),
    );
}

/// `--band`, `--band-text`, `--sidebar` and `--gutter`, light and dark, when used.
fn variables(out: &mut String, def: &Definition, band: bool, sidebar: bool) {
    let gutter = def.entries.dates == DatePlace::Gutter;
    if !band && !sidebar && !gutter {
        return;
    }
    let c = &def.colors;
    let mut light = Vec::new();
    let mut dark = Vec::new();
    if band {
        light.push(("band", c.band));
        light.push(("band-text", c.band_text));
        if let Some(d) = &c.dark {
            dark.push(("band", d.band));
            dark.push(("band-text", d.band_text));
        }
    }
    if sidebar {
        light.push(("sidebar", c.sidebar));
        if let Some(d) = &c.dark {
            dark.push(("sidebar", d.sidebar));
        }
    }
    out.push_str(":root {\n");
    for (k, v) in &light {
        let _ = writeln!(out, "  --{k}: {};", hex(*v));
    }
    if gutter {
        let _ = writeln!(out, "  --gutter: {}mm;", round(def.entries.gutter));
    }
    out.push_str("}\n");
    if !dark.is_empty() {
        out.push_str("@media screen and (prefers-color-scheme: dark) {\n:root {\n");
        for (k, v) in &dark {
            let _ = writeln!(out, "  --{k}: {};", hex(*v));
        }
        out.push_str("}\n}\n");
        // Print is always light.
    }
}

fn header(out: &mut String, def: &Definition) {
    let h = &def.header;
    if h.contacts == ContactStyle::Icons {
        out.push_str(
            ".contacts.icons li { display: inline-block; margin-inline-end: 1.1em; }\n\
.contacts.icons li + li::before { content: none; }\n\
.contacts .icon { display: inline-block; height: 0.95em; width: 1.1em; margin-inline-end: 0.35em; vertical-align: -0.12em; color: var(--accent); }\n",
        );
    }
    if h.align == HeaderAlign::Split {
        // Name and label at the start, the contacts one per line at the end.
        out.push_str(
            ".resume-header.split { display: grid; grid-template-columns: minmax(0, 1fr) auto auto; column-gap: 6mm; align-items: start; }\n\
.resume-header.split > :not(address):not(.photo) { grid-column: 1; }\n\
.resume-header.split address { grid-column: 2; grid-row: 1 / span 3; margin: 0; text-align: end; }\n\
.resume-header.split .photo { grid-column: 3; grid-row: 1 / span 3; float: none; margin: 0; }\n\
.resume-header.split .contacts li { display: block; margin: 0; }\n\
.resume-header.split .contacts li + li::before { content: none; }\n",
        );
    }
    if h.band {
        // Across the page (the body's padding is its margin), in print too:
        // there the page has no side margins (the body's padding keeps the
        // text in) and page 1 no top margin, so the band bleeds to the edges
        // as in the PDF instead of being clipped at the page's margins.
        out.push_str(
            ".resume-header.band { background: var(--band); color: var(--band-text); margin: calc(-1 * var(--margin-top)) calc(-1 * var(--margin-right)) var(--after-header) calc(-1 * var(--margin-left)); padding: 7mm var(--margin-right) 6mm var(--margin-left); -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n\
.resume-header.band h1, .resume-header.band .label, .resume-header.band a, .resume-header.band .icon, .resume-header.band .contacts li::before { color: var(--band-text); }\n\
@page { margin-left: 0; margin-right: 0; }\n\
@page :first { margin-top: 0; }\n\
@media print { body { padding: 0 var(--margin-right) 0 var(--margin-left); } .resume-header.band { margin: 0 calc(-1 * var(--margin-right)) var(--after-header) calc(-1 * var(--margin-left)); padding: var(--margin-top) var(--margin-right) 6mm var(--margin-left); } }\n",
        );
    }
}

fn headings(out: &mut String, def: &Definition) {
    let hd = &def.headings;
    let gutter = def.entries.dates == DatePlace::Gutter;
    if hd.small_caps {
        out.push_str("h2 { text-transform: none; font-variant-caps: small-caps; }\n");
    }
    if hd.align == Align::Center {
        out.push_str("h2 { text-align: center; }\n");
    }
    match hd.style {
        HeadingStyle::Rule | HeadingStyle::Plain => {}
        HeadingStyle::RuleAfter => {
            out.push_str(
                "h2 { display: flex; align-items: center; gap: 0.5em; }\nh2::after { content: \"\"; flex: 1; border-bottom: var(--rule-thickness) solid var(--rule); }\n",
            );
            if hd.align == Align::Center {
                out.push_str("h2::before { content: \"\"; flex: 1; border-bottom: var(--rule-thickness) solid var(--rule); }\n");
            }
        }
        HeadingStyle::Band => out.push_str(
            "h2 { background: var(--band); color: var(--band-text); padding: 0.1em 0.4em; -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n",
        ),
        HeadingStyle::Bar if gutter => out.push_str(
            "main > section > h2::before, .main > section > h2::before { content: \"\"; display: inline-block; width: calc(var(--gutter) - 0.6em); height: 0.5em; margin-inline: calc(-1 * var(--gutter)) 0.6em; vertical-align: 0.05em; background: var(--accent); -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n",
        ),
        HeadingStyle::Bar => out.push_str(
            "h2 { border-inline-start: 0.3em solid var(--accent); padding-inline-start: 0.4em; }\n",
        ),
    }
}

fn entries(out: &mut String, def: &Definition) {
    match def.entries.dates {
        DatePlace::Right => {}
        DatePlace::Stacked => {
            // Two lines: the lead with its right-hand item, then the other.
            let (dates, location) = match def.entries.lead {
                Lead::Title => (1, 2),
                Lead::Organisation => (2, 1),
            };
            let _ = writeln!(
                out,
                ".entry-head.stacked {{ display: grid; grid-template-columns: minmax(0, 1fr) auto; column-gap: var(--size-entry-title); align-items: baseline; }}\n\
.entry-head.stacked h3 {{ grid-column: 1; grid-row: 1 / span 2; display: grid; grid-template-rows: subgrid; }}\n\
.entry-head.stacked h3 .sep {{ display: none; }}\n\
.entry-head.stacked h3 > :last-child {{ font-weight: 400; font-style: italic; color: var(--text); }}\n\
.entry-head.stacked h3 > :first-child {{ font-weight: 700; color: var(--text); }}\n\
.entry-head.stacked .dates {{ grid-column: 2; grid-row: {dates}; max-width: none; }}\n\
.entry-head.stacked .location {{ grid-column: 2; grid-row: {location}; text-align: end; font-style: italic; }}"
            );
        }
        DatePlace::Gutter => out.push_str(
            "main > section > :not(h2), .main > section > :not(h2) { margin-inline-start: var(--gutter); }\n\
main > section > h2, .main > section > h2 { padding-inline-start: var(--gutter); }\n\
main .entry, .main .entry { position: relative; }\n\
main .entry .entry-head, .main .entry .entry-head { display: block; }\n\
main .entry .dates, .main .entry .dates { position: absolute; inset-inline-start: calc(-1 * var(--gutter)); top: 0.1em; width: calc(var(--gutter) - 0.8em); max-width: none; text-align: end; font-size: var(--size-small); color: var(--muted); }\n\
.sidebar .entry .dates { position: static; }\n",
        ),
    }
}

fn hex(c: Color) -> String {
    format!("#{}", c.hex())
}

fn round(v: f32) -> String {
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() { "0".into() } else { s.into() }
}
