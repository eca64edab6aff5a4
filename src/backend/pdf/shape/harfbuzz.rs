//! Our shaping against HarfBuzz's own: `tests/fixtures/shaping/hb-shape.tsv`
//! holds what `hb-shape` (Debian's libharfbuzz-bin) gives for a few words of
//! every bundled script, written by `tests/interop/hb_shape_fixtures.py`
//! (which CI reruns with `--check`, so the file stays HarfBuzz's output).

use std::collections::BTreeMap;

use super::shape_units;
use crate::backend::pdf::fonts::bundled;

/// One glyph of hb-shape's text output: `gid=cluster@x,y+advance`.
#[derive(Debug, PartialEq)]
struct Hb {
    gid: u16,
    cluster: usize,
    x_offset: i32,
    y_offset: i32,
    advance: i32,
}

fn parse(out: &str) -> Vec<Hb> {
    let inner = out.trim().trim_start_matches('[').trim_end_matches(']');
    inner
        .split('|')
        .map(|g| {
            let (gid, rest) = g.split_once('=').unwrap();
            let (place, advance) = rest.split_once('+').unwrap();
            let (cluster, offsets) = place.split_once('@').unwrap_or((place, "0,0"));
            let (x, y) = offsets.split_once(',').unwrap();
            Hb {
                gid: gid.parse().unwrap(),
                cluster: cluster.parse().unwrap(),
                x_offset: x.parse().unwrap(),
                y_offset: y.parse().unwrap(),
                advance: advance.split(',').next().unwrap().parse().unwrap(),
            }
        })
        .collect()
}

#[test]
fn matches_harfbuzz() {
    let fixture = include_str!("../../../../tests/fixtures/shaping/hb-shape.tsv");
    let faces = bundled();
    let mut plans = BTreeMap::new();
    let mut scripts = std::collections::BTreeSet::new();
    let mut runs = 0;
    for line in fixture.lines() {
        let mut cols = line.split('\t');
        let (font, text, hb) = (
            cols.next().unwrap(),
            cols.next().unwrap(),
            cols.next().unwrap(),
        );
        let stem = font.rsplit('/').next().unwrap().trim_end_matches(".ttf");
        let (index, face) = faces
            .iter()
            .enumerate()
            .find(|(_, f)| f.ps_name == stem)
            .unwrap_or_else(|| panic!("{stem} is bundled"));
        let ours = shape_units(
            face.buzz().unwrap(),
            &mut plans,
            (index, face.uid),
            false,
            text,
        );
        let theirs = parse(hb);
        assert_eq!(ours.len(), theirs.len(), "{font} {text}: glyph count");
        let mut seen = std::collections::BTreeSet::new();
        for (o, t) in ours.iter().zip(&theirs) {
            let got = (o.gid, o.advance, o.x_offset, o.y_offset);
            let want = (t.gid, t.advance, t.x_offset, t.y_offset);
            assert_eq!(got, want, "{font} {text}: glyph {t:?}");
            // The first glyph of each cluster carries the cluster's text.
            assert_eq!(
                !o.text.is_empty() && !o.joined,
                seen.insert(t.cluster),
                "{font} {text}"
            );
        }
        let mut texts: Vec<(usize, &str)> = ours
            .iter()
            .zip(&theirs)
            .filter(|(o, _)| !o.text.is_empty())
            .map(|(o, t)| (t.cluster, o.text.as_str()))
            .collect();
        texts.sort_by_key(|&(cluster, _)| cluster);
        assert_eq!(texts.iter().map(|(_, s)| *s).collect::<String>(), text);
        scripts.insert(font.split('/').next().unwrap().to_string());
        runs += 1;
    }
    assert!(runs >= 100, "{runs} runs compared");
    assert!(scripts.len() >= 30, "{scripts:?}");
}
