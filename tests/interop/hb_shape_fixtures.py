#!/usr/bin/env python3
"""Records HarfBuzz's own shaping (hb-shape) of a few words per script.

Writes tests/fixtures/shaping/hb-shape.tsv: font file, text, hb-shape output
(glyph id = cluster + advance, @x,y offsets). The Rust test
`shape::tests::matches_harfbuzz` shapes the same words with our shaper and
compares. With --check, regenerates and fails if the committed file differs
(so the recorded output stays HarfBuzz's, not ours).
"""
import json, pathlib, subprocess, sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests/fixtures/shaping/hb-shape.tsv"
FONT = {
    "thai": "NotoSansThai", "lao": "NotoSansLao", "khmer": "NotoSansKhmer",
    "myanmar": "NotoSansMyanmar", "devanagari": "NotoSansDevanagari",
    "bengali": "NotoSansBengali", "gurmukhi": "NotoSansGurmukhi",
    "gujarati": "NotoSansGujarati", "oriya": "NotoSansOriya",
    "tamil": "NotoSansTamil", "telugu": "NotoSansTelugu",
    "kannada": "NotoSansKannada", "malayalam": "NotoSansMalayalam",
    "sinhala": "NotoSansSinhala", "georgian": "NotoSansGeorgian",
    "armenian": "NotoSansArmenian", "ethiopic": "NotoSansEthiopic",
}

def words(resume):
    work = resume["work"][0]
    out = [resume["basics"]["name"], work["position"], resume["basics"]["location"]["city"]]
    out += work["highlights"][1:2]
    return out

def rows():
    for script, family in FONT.items():
        resume = json.loads((ROOT / f"tests/fixtures/scripts/{script}.json").read_text())
        serif = family.replace("Sans", "Serif")
        fonts = [f"{family}/{family}-Regular.ttf", f"{family}/{family}-Bold.ttf"]
        if (ROOT / "fonts" / serif).is_dir():
            fonts.append(f"{serif}/{serif}-Regular.ttf")
        for font in fonts:
            for text in words(resume):
                hb = subprocess.run(
                    ["hb-shape", "--no-glyph-names", str(ROOT / "fonts" / font), text],
                    check=True, capture_output=True, text=True).stdout.strip()
                yield f"{font}\t{text}\t{hb}\n"

def main():
    text = "".join(rows())
    if "--check" in sys.argv:
        if OUT.read_text() != text:
            sys.exit("hb-shape output differs from tests/fixtures/shaping/hb-shape.tsv")
        print(f"hb-shape agrees with {OUT.relative_to(ROOT)}: {text.count(chr(10))} runs")
    else:
        OUT.write_text(text)
        print(f"wrote {OUT.relative_to(ROOT)}: {text.count(chr(10))} runs")

main()
