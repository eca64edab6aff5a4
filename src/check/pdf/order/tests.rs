//! Tests of the reading order: rows, columns, bands drawn apart, marks and words.

use super::*;

/// Glyphs for words at (x, y), 10 pt, 5 pt per character.
fn text(items: &[(f32, f32, &str)]) -> Vec<Glyph> {
    let mut out = Vec::new();
    for &(x, y, t) in items {
        let mut at = x;
        for c in t.chars() {
            out.push(Glyph {
                x: at,
                y,
                end: at + 5.0,
                size: 10.0,
                text: c.to_string(),
                rotated: false,
            });
            at += 5.0;
        }
    }
    out
}

fn texts(lines: &[Line]) -> Vec<&str> {
    lines.iter().map(|l| l.text.as_str()).collect()
}

#[test]
fn a_right_aligned_date_stays_on_its_line() {
    let g = text(&[
        (50.0, 700.0, "Engineer, Acme"),
        (400.0, 700.0, "Jan 2020 – Present"),
        (50.0, 688.0, "Berlin"),
        (
            50.0,
            676.0,
            "Built a thing that spans the whole width of the column text",
        ),
    ]);
    let (lines, bands) = order(&g);
    assert_eq!(
        texts(&lines),
        [
            "Engineer, Acme Jan 2020 – Present",
            "Berlin",
            "Built a thing that spans the whole width of the column text"
        ]
    );
    assert!(bands.is_empty());
}

#[test]
fn a_list_with_dates_is_not_columns() {
    let g = text(&[
        (50.0, 700.0, "Best paper award"),
        (400.0, 700.0, "2014"),
        (50.0, 688.0, "Dean's list"),
        (400.0, 688.0, "2013"),
        (50.0, 676.0, "Prize"),
        (400.0, 676.0, "2012"),
    ]);
    let (lines, bands) = order(&g);
    assert_eq!(
        texts(&lines),
        ["Best paper award 2014", "Dean's list 2013", "Prize 2012"]
    );
    assert!(bands.is_empty());
}

#[test]
fn two_columns_are_read_one_after_the_other() {
    let mut items = vec![(
        50.0,
        760.0,
        "Name Surname spans both columns of the page here",
    )];
    let left = ["Skills", "Rust and Go", "Python", "SQL"];
    let right = [
        "Experience at a company",
        "doing work over years",
        "and more work here",
        "the end of it",
    ];
    for (k, t) in left.iter().enumerate() {
        items.push((50.0, 700.0 - 12.0 * k as f32, t));
    }
    for (k, t) in right.iter().enumerate() {
        items.push((250.0, 704.0 - 13.0 * k as f32, t));
    }
    let (lines, bands) = order(&text(&items));
    let mut want = vec!["Name Surname spans both columns of the page here"];
    want.extend(left);
    want.extend(right);
    assert_eq!(texts(&lines), want);
    assert_eq!(
        bands,
        [Band {
            first_line: 1,
            lines: 8,
            columns: 2,
            apart: true
        }]
    );
}

#[test]
fn columns_drawn_line_by_line_are_not_apart() {
    let left = ["Skills", "Rust and Go", "Python", "SQL"];
    let right = [
        "Experience at a company",
        "doing work over years",
        "and more work here",
        "the end of it",
    ];
    let mut items = Vec::new();
    for (k, (l, r)) in left.iter().zip(right).enumerate() {
        items.push((50.0, 700.0 - 12.0 * k as f32, *l));
        items.push((250.0, 704.0 - 13.0 * k as f32, r));
    }
    let (lines, bands) = order(&text(&items));
    let mut want = left.to_vec();
    want.extend(right);
    assert_eq!(texts(&lines), want);
    assert!(bands.iter().all(|b| !b.apart), "{bands:?}");
    assert_eq!(bands.len(), 1);
}

#[test]
fn a_centred_heading_over_an_organisation_and_its_place_is_not_columns() {
    let g = text(&[
        (260.0, 730.0, "EXPERIENCE"),
        (50.0, 712.0, "Pied Piper"),
        (470.0, 712.0, "Palo Alto, CA"),
        (50.0, 700.0, "CEO/President"),
        (440.0, 700.0, "Dec 2013 – Dec 2014"),
        (50.0, 688.0, "piedpiper.example.com"),
        (
            50.0,
            676.0,
            "Awesome compression company with a long line of text that runs across",
        ),
    ]);
    let (lines, bands) = order(&g);
    assert!(bands.is_empty(), "{bands:?}");
    assert_eq!(texts(&lines)[1], "Pied Piper Palo Alto, CA");
}

#[test]
fn columns_drawn_apart_in_several_blocks_are_not_apart() {
    // Lines further apart than 1.5 times their size: extractors cut each
    // column into blocks that they may read among the other's.
    let mut items = Vec::new();
    let left = ["Skills", "Rust and Go", "Python", "SQL"];
    for (k, t) in left.iter().enumerate() {
        items.push((50.0, 700.0 - 16.0 * k as f32, *t));
    }
    let right = [
        "Experience at a company",
        "doing work",
        "and more work",
        "the end",
    ];
    for (k, t) in right.iter().enumerate() {
        items.push((250.0, 708.0 - 16.0 * k as f32, *t));
    }
    let (_, bands) = order(&text(&items));
    assert_eq!(bands.len(), 1);
    assert!(!bands[0].apart, "{bands:?}");
}

#[test]
fn a_bullet_close_to_its_text_is_a_word_of_its_own() {
    let mut g = text(&[(50.0, 700.0, "•")]);
    g.extend(text(&[(55.5, 700.0, "User")]));
    let (lines, _) = order(&g);
    assert_eq!(texts(&lines), ["• User"]);
}

#[test]
fn a_dash_before_punctuation_stays_in_its_word() {
    let g = text(&[(50.0, 700.0, "-, Santiago")]);
    let (lines, _) = order(&g);
    assert_eq!(texts(&lines), ["-, Santiago"]);
}

#[test]
fn spaces_and_gaps_split_words() {
    let mut g = text(&[(50.0, 700.0, "ab"), (62.0, 700.0, "cd")]);
    g.push(Glyph {
        x: 72.0,
        y: 700.0,
        end: 75.0,
        size: 10.0,
        text: " ".into(),
        rotated: false,
    });
    g.extend(text(&[(75.0, 700.0, "ef")]));
    let (lines, _) = order(&g);
    assert_eq!(texts(&lines), ["ab cd ef"]);
}

/// Glyphs of one size, 0.5 em per character.
fn sized(items: &[(f32, f32, &str)], size: f32) -> Vec<Glyph> {
    let mut out = Vec::new();
    for &(x, y, t) in items {
        for (k, c) in t.chars().enumerate() {
            let at = x + 0.5 * size * k as f32;
            out.push(Glyph {
                x: at,
                y,
                end: at + 0.5 * size,
                size,
                text: c.to_string(),
                rotated: false,
            });
        }
    }
    out
}

#[test]
fn a_split_header_drawn_apart_is_not_a_finding() {
    // A 26 pt name and its headline at the left, five 8.8 pt contact lines
    // flush right beside them, then the first heading: the name's row takes
    // in no contact line, and the heading below is beside nothing.
    let mut g = sized(&[(50.0, 771.8, "Daniel Reyes")], 26.0);
    g.extend(sized(&[(50.0, 750.9, "Junior Data Analyst")], 12.5));
    for (k, t) in [
        "dan@example.com",
        "(512) 555-0188",
        "danielreyes.example.com",
        "Austin, Texas",
        "GitHub: dreyes",
    ]
    .iter()
    .enumerate()
    {
        let w = 4.4 * t.chars().count() as f32;
        g.extend(sized(&[(545.0 - w, 788.2 - 11.44 * k as f32, t)], 8.8));
    }
    g.extend(sized(&[(120.0, 702.5, "Summary")], 13.0));
    let (lines, bands) = order(&g);
    let texts = texts(&lines);
    assert!(texts.contains(&"(512) 555-0188"), "{texts:?}");
    assert!(texts.contains(&"Daniel Reyes"), "{texts:?}");
    assert!(bands.iter().all(|b| b.apart), "{bands:?}");
}

#[test]
fn a_column_of_dates_beside_its_entries_is_not_apart() {
    // Each date on its entry's line, flush right, drawn after all the entries.
    let mut items = Vec::new();
    for k in 0..4 {
        let y = 700.0 - 36.0 * k as f32;
        items.push((50.0, y, "Engineer at a company somewhere"));
        items.push((50.0, y - 12.0, "Berlin and more words here"));
        items.push((50.0, y - 24.0, "A bullet of work done well"));
    }
    let mut g = text(&items);
    for k in 0..4 {
        g.extend(text(&[(460.0, 700.0 - 36.0 * k as f32, "2019 - 2020")]));
    }
    let (_, bands) = order(&g);
    assert!(bands.iter().all(|b| !b.apart), "{bands:?}");
}
