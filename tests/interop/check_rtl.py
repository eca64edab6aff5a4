#!/usr/bin/env python3
"""check_rtl.py FILE.pdf EXPECTED.txt [--require a,b,...] [--json]

Extracts FILE.pdf's text with poppler pdftotext (default and -layout),
pdfminer.six, pypdf and PyMuPDF, and checks that every line of EXPECTED.txt
(UTF-8, one expected string a line, blank lines and lines starting with '#'
ignored) occurs in each extractor's text.

Before comparing, both sides are NFC-normalised, bidi control characters
(U+200E/F, U+202A-E, U+2066-9, which poppler wraps RTL text in) are removed,
and runs of spaces/tabs become one space.  A string must occur within one
line.

Prints one row per (string, extractor): OK or MISS and, for a miss, the
closest text that extractor gave.  Exits 1 when a string is missing from an
extractor in the required set (default: poppler, poppler-layout, pdfminer,
mupdf -- pypdf is reported but not required: it reverses text it takes for visual order, chunk by chunk), 2 on a usage or
tool error.  An extractor that is not installed counts as a failure only if
it is required.
"""
import difflib
import json
import re
import subprocess
import sys
import unicodedata

ALL = ["poppler", "poppler-layout", "pdfminer", "pypdf", "mupdf"]
REQUIRED = ["poppler", "poppler-layout", "pdfminer", "mupdf"]

BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def normalise(text):
    text = unicodedata.normalize("NFC", text)
    text = BIDI_CONTROLS.sub("", text)
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    return "\n".join(line.strip() for line in text.splitlines())


def ex_poppler(path, layout):
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [path, "-"]
    return subprocess.run(args, capture_output=True, check=True).stdout.decode("utf-8")


def ex_pdfminer(path):
    from pdfminer.high_level import extract_text
    return extract_text(path)


def ex_pypdf(path):
    import pypdf
    return "\n".join(p.extract_text() or "" for p in pypdf.PdfReader(path).pages)


def ex_mupdf(path):
    import pymupdf
    with pymupdf.open(path) as doc:
        return "\n".join(p.get_text() for p in doc)


EXTRACT = {
    "poppler": lambda p: ex_poppler(p, False),
    "poppler-layout": lambda p: ex_poppler(p, True),
    "pdfminer": ex_pdfminer,
    "pypdf": ex_pypdf,
    "mupdf": ex_mupdf,
}


def _cls(c):
    b = unicodedata.bidirectional(c)
    if unicodedata.category(c)[0] in "LM" or b in ("EN", "AN"):
        return "R" if b in ("R", "AL", "NSM") and unicodedata.category(c)[0] != "M" or b in ("R", "AL") else "L"
    return None


def occurs(text, want):
    """`want` in `text`, not glued to a letter of the same direction on
    either side (so 'ليلىليلى' does not count as containing 'ليلى')."""
    start = 0
    while True:
        i = text.find(want, start)
        if i < 0:
            return False
        j = i + len(want)
        before = _cls(text[i - 1]) if i > 0 else None
        after = _cls(text[j]) if j < len(text) else None
        if (before is None or before != _cls(want[0])) and (after is None or after != _cls(want[-1])):
            return True
        start = i + 1


def closest(text, want):
    """The piece of `text` (within one line) most like `want`."""
    best, best_r = "", -1.0
    n = len(want)
    for line in text.splitlines():
        if not line:
            continue
        if difflib.SequenceMatcher(None, line, want).real_quick_ratio() < 0.3 and len(line) > 3 * n:
            pass
        for size in {max(1, n - 2), n, n + 2}:
            for i in range(0, max(1, len(line) - size + 1)):
                piece = line[i:i + size]
                r = difflib.SequenceMatcher(None, piece, want).ratio()
                if r > best_r:
                    best, best_r = piece, r
    return best


def measure(pdf, expected, extractors=ALL):
    results = {}
    for name in extractors:
        try:
            text = normalise(EXTRACT[name](pdf))
            err = None
        except Exception as e:  # missing module, broken file
            text, err = "", f"{type(e).__name__}: {e}"
        rows = []
        for want in expected:
            w = normalise(want)
            ok = occurs(text, w)
            rows.append({"want": want, "ok": ok, "got": None if ok else closest(text, w)})
        results[name] = {"error": err, "rows": rows}
    return results


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    opts = [a for a in argv[1:] if a.startswith("--")]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    required = REQUIRED
    as_json = False
    for o in opts:
        if o.startswith("--require="):
            required = [x for x in o.split("=", 1)[1].split(",") if x]
        elif o == "--json":
            as_json = True
    pdf, exp_file = args
    with open(exp_file, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    # a line may start with "[ext1,ext2] ": only those extractors must give it
    only = []
    expected = []
    for l in lines:
        if l.startswith("[") and "] " in l:
            head, rest = l[1:].split("] ", 1)
            only.append([x.strip() for x in head.split(",") if x.strip()])
            expected.append(rest)
        else:
            only.append(None)
            expected.append(l)
    res = measure(pdf, expected)
    failed = False
    if as_json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
    for name, r in res.items():
        req = name in required
        if r["error"]:
            if not as_json:
                print(f"{name:15} ERROR {r['error']}")
            failed |= req
            continue
        for k, row in enumerate(r["rows"]):
            req = name in required and (only[k] is None or name in only[k])
            if not row["ok"]:
                failed |= req
            if not as_json:
                status = "OK  " if row["ok"] else ("MISS" if req else "miss")
                got = "" if row["ok"] else f"   got: {row['got']!r}"
                print(f"{name:15} {status} {row['want']!r}{got}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
