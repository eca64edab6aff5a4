#!/usr/bin/env python3
"""Compares the text `resume-export check` extracts from PDFs with pdftotext's.

Usage: check_vs_pdftotext.py BINARY [--min PERCENT] [PDF_OR_DIR...]

Renders every sample (and every file of ../shared/corpus/real when it is there)
to PDF in each built-in layout with BINARY, unless PDFs or folders of PDFs are
given, then reads each PDF with `pdftotext` and with `BINARY check --json`.
For each file it reports word-level agreements with pdftotext:

  found     the share of pdftotext's words that are among ours (as a multiset)
  in order  the share of pdftotext's words that ours have in the same order
            (their longest common subsequence, by difflib)

against both of pdftotext's modes: its default reading order, and -layout,
which keeps each physical line whole. Our extraction reads a column line by
line like -layout (a right-aligned date stays on its entry's line), where the
default mode moves such a date below the next line; so order is held to
-layout, and the default mode's order is only reported. Words are compared as
they are, after joining a word broken by a hyphen at a line end in our text
as pdftotext does ("hyper-" + "converged"). A file fails when its words found
(either mode) or its order (-layout) is below --min (default 98). Prints one
line per failure, the totals, and a final "N passed, N failed"; exits 1 on
any failure.
"""

import argparse
import collections
import difflib
import json
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]


def words_pdftotext(pdf, mode):
    out = subprocess.run(["pdftotext", "-q", "-enc", "UTF-8", *mode, str(pdf), "-"], capture_output=True, text=True)
    return out.stdout.split()


def words_ours(binary, pdf):
    out = subprocess.run([binary, "check", "--json", str(pdf)], capture_output=True, text=True)
    if out.returncode == 2:
        return None
    report = json.loads(out.stdout)["files"][0]
    text = report["text"]["body"]
    # pdftotext joins a word broken by a hyphen at a line end; so do we, here.
    text = re.sub(r"(\w)[-\u00ad\u2010]\n(?=[a-zà-ÿ])", r"\1", text)
    return text.split()


def agreement(theirs, ours):
    if not theirs:
        return 1.0, 1.0
    have = collections.Counter(ours)
    found = sum(min(n, have[w]) for w, n in collections.Counter(theirs).items())
    matcher = difflib.SequenceMatcher(None, theirs, ours, autojunk=False)
    in_order = sum(b.size for b in matcher.get_matching_blocks())
    return found / len(theirs), in_order / len(theirs)


# Layouts whose pages pdftotext -layout reads in another order than check does
# (timeline: -layout reads the split header's name across its contact lines).
ACROSS_NOT_IN_ORDER = ("sidebar", "engineering", "harvard", "timeline")
# Layouts left out: none.
LEFT_OUT = ()


def render(binary, out):
    inputs = sorted((ROOT / "samples").glob("*.json"))
    corpus = ROOT / "../shared/corpus/real"
    if corpus.is_dir():
        inputs += sorted(corpus.glob("*.json"))
    pdfs = []
    listed = subprocess.run([binary, "layouts"], capture_output=True, text=True).stdout
    layouts = [line.split()[0] for line in listed.splitlines() if line.strip()]
    layouts = [name for name in layouts if name not in LEFT_OUT]
    for layout in layouts:
        d = out / layout
        subprocess.run([binary, "-q", "-f", "pdf", "-l", layout, "-d", str(d), *map(str, inputs)], check=False)
        pdfs += sorted(d.glob("*.pdf"))
    return pdfs


def main():
    ap = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    ap.add_argument("binary")
    ap.add_argument("--min", type=float, default=98.0)
    ap.add_argument("pdfs", nargs="*")
    args = ap.parse_args()
    binary = str(pathlib.Path(args.binary).resolve())
    with tempfile.TemporaryDirectory() as tmp:
        if args.pdfs:
            pdfs = []
            for p in map(pathlib.Path, args.pdfs):
                pdfs += sorted(p.glob("*.pdf")) if p.is_dir() else [p]
        else:
            pdfs = render(binary, pathlib.Path(tmp))
        passed = failed = 0
        modes = {"reading": [], "layout": ["-layout"]}
        totals = {m: [0, 0.0, 0.0] for m in modes}
        worst = (2.0, "")
        for pdf in pdfs:
            ours = words_ours(binary, pdf)
            if ours is None:
                failed += 1
                print(f"FAIL {pdf}: check could not read it")
                continue
            scores = {}
            for m, flags in modes.items():
                theirs = words_pdftotext(pdf, flags)
                found, in_order = agreement(theirs, ours)
                scores[m] = (found, in_order, len(theirs))
                t = totals[m]
                t[0] += len(theirs)
                t[1] += found * len(theirs)
                t[2] += in_order * len(theirs)
            # -layout reads straight across the page: the right order for one
            # column with dates at the line's end, not for a sidebar (check reads
            # the columns one after the other) or a stacked column of dates and
            # places (check reads each beside its line). There only the words count.
            across = pdf.parent.name not in ACROSS_NOT_IN_ORDER
            held = min(scores["reading"][0], scores["layout"][0], scores["layout"][1] if across else 1.0)
            worst = min(worst, (held, str(pdf)))
            if held * 100 < args.min:
                failed += 1
                r, l = scores["reading"], scores["layout"]
                print(
                    f"FAIL {pdf}: of pdftotext's {r[2]} words, found {r[0]:.1%} (reading order), "
                    f"{l[0]:.1%} (-layout); in order {l[1]:.1%} (-layout), {r[1]:.1%} (reading order)"
                )
            else:
                passed += 1
        for m, (n, found, in_order) in totals.items():
            if n:
                print(
                    f"agreement with pdftotext{' -layout' if m == 'layout' else ''} over {passed + failed} PDFs "
                    f"({n} words): found {found / n:.2%}, in order {in_order / n:.2%}"
                )
        if worst[1]:
            print(f"worst file: {worst[0]:.1%} ({pathlib.Path(worst[1]).name})")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
