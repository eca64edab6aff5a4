#!/usr/bin/env python3
"""Reading order of our PDFs in five readings: poppler's pdftotext (default
and -raw), pdfminer.six, pypdf and PyMuPDF (the extractors ATS parsers start
from).

For each resume and layout it renders the PDF, takes the entry titles,
organisations and bullets of the resume (in the document's order), and
counts how many each reader gives back whole (contiguous, letters and digits
compared, so spacing, hyphens at line ends and punctuation do not count) and
in order. For a layout with a sidebar it also checks that no item of the
sidebar falls between items of the main column, and the reverse.

    reading_order.py BIN [--layouts a,b] [--min PERCENT] [--sidebar-strict] RESUME.json...

Prints a table (reader × layout: items in order / items) and exits 1 when a
reading is below --min (default 100) or a sidebar interleaves.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

READERS = ["pdftotext", "pdftotext-raw", "pdfminer", "pypdf", "pymupdf"]


def squash(text):
    """Letters and digits only, lower-case: what 'whole' compares."""
    text = re.sub(r"\]\([^)]*\)", "", text or "")  # Markdown link targets
    text = re.sub(r"<[^>]+>", "", text)  # tags
    return "".join(c for c in text.lower() if c.isalnum())


def items(resume, sidebar_holds):
    """(region, text) of entry titles, organisations and bullets, in document order
    of the default section order; the caller compares orders within a region."""
    out = []
    sections = [
        ("work", ["position"], ["name", "company"], "highlights"),
        ("volunteer", ["position"], ["organization"], "highlights"),
        ("projects", ["name"], ["entity"], "highlights"),
        ("education", ["studyType"], ["institution"], "courses"),
        ("awards", ["title"], ["awarder"], None),
        ("certificates", ["name"], ["issuer"], None),
        ("publications", ["name"], ["publisher"], None),
    ]
    for sid, titles, orgs, bullets in sections:
        region = "side" if sid in sidebar_holds else "main"
        for entry in resume.get(sid) or []:
            if not isinstance(entry, dict):
                continue
            for keys in (titles, orgs):
                for k in keys:
                    v = entry.get(k)
                    if isinstance(v, str) and len(squash(v)) >= 3:
                        out.append((sid, region, v))
                        break
            if bullets and region == "main":
                for h in entry.get(bullets) or []:
                    if isinstance(h, dict):
                        h = h.get("text")
                    if isinstance(h, str) and len(squash(h)) >= 6:
                        out.append((sid, region, h))
    return out


def extract(reader, pdf):
    if reader == "pdftotext":
        return subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    if reader == "pdftotext-raw":
        return subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True, text=True).stdout
    if reader == "pdfminer":
        from pdfminer.high_level import extract_text

        return extract_text(pdf)
    if reader == "pypdf":
        from pypdf import PdfReader

        return "\n".join(p.extract_text() or "" for p in PdfReader(pdf).pages)
    if reader == "pymupdf":
        import pymupdf

        with pymupdf.open(pdf) as doc:
            return "\n".join(page.get_text() for page in doc)
    raise ValueError(reader)


def score(text, wanted):
    """Items found whole and after the one before them (per region), and
    whether the regions interleave."""
    flat = squash(text)
    found = 0
    where = {"main": [], "side": []}
    pos = {"main": 0, "side": 0}
    for _sid, region, item in wanted:
        s = squash(item)
        at = flat.find(s, pos[region])
        if at >= 0:
            found += 1
            pos[region] = at + len(s)
            where[region].append((at, at + len(s)))
        else:
            # Whole but out of order still tells where it is.
            at = flat.find(s)
            if at >= 0:
                where[region].append((at, at + len(s)))
    inter = False
    if where["main"] and where["side"]:
        m0, m1 = min(a for a, _ in where["main"]), max(b for _, b in where["main"])
        s0, s1 = min(a for a, _ in where["side"]), max(b for _, b in where["side"])
        inter = not (s1 <= m0 or m1 <= s0)
    return found, inter


def sidebar_holds(binary, layout):
    """The sections a layout's sidebar holds (from `layouts --export`)."""
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "l")
        subprocess.run([binary, "layouts", "--export", layout, out], check=True, capture_output=True)
        try:
            import tomllib
        except ImportError:
            return set()
        path = os.path.join(out, "layout.toml")
        with open(path, "rb") as f:
            t = tomllib.load(f)
        side = t.get("sidebar", {})
        if side.get("side", "none") == "none":
            return set()
        return set(side.get("holds", []))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("resumes", nargs="+")
    ap.add_argument("--layouts", default="classic,modern,compact,engineering,harvard,sidebar,timeline,banner")
    ap.add_argument("--min", type=float, default=100.0)
    ap.add_argument("--readers", default=",".join(READERS))
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    layouts = args.layouts.split(",")
    readers = args.readers.split(",")
    totals = {(r, l): [0, 0] for r in readers for l in layouts}
    interleaved = []
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for layout in layouts:
            holds = sidebar_holds(args.binary, layout)
            for resume_path in args.resumes:
                with open(resume_path, encoding="utf-8-sig") as f:
                    try:
                        resume = json.load(f)
                    except ValueError:
                        continue
                if not isinstance(resume, dict):
                    continue
                wanted = items(resume, holds)
                if not wanted:
                    continue
                pdf = os.path.join(tmp, f"{layout}.pdf")
                r = subprocess.run(
                    [args.binary, "-q", "-f", "pdf", "-l", layout, "-o", pdf, resume_path],
                    capture_output=True,
                    text=True,
                )
                if r.returncode != 0:
                    print(f"FAIL render {resume_path} {layout}: {r.stderr.strip()}")
                    failed = True
                    continue
                for reader in readers:
                    found, inter = score(extract(reader, pdf), wanted)
                    t = totals[(reader, layout)]
                    t[0] += found
                    t[1] += len(wanted)
                    if args.verbose and found < len(wanted):
                        print(f"  {reader} {layout} {os.path.basename(resume_path)}: {found}/{len(wanted)}")
                    if inter and holds:
                        interleaved.append((reader, layout, resume_path))
    print(f"{'reader':<15}" + "".join(f"{l:>13}" for l in layouts))
    for reader in readers:
        row = f"{reader:<15}"
        for layout in layouts:
            found, total = totals[(reader, layout)]
            pct = 100.0 * found / total if total else 100.0
            row += f"{pct:>12.1f}%"
            if pct < args.min:
                failed = True
        print(row)
    for reader, layout, path in interleaved:
        print(f"INTERLEAVED {reader} {layout} {path}")
        failed = True
    n = sum(t[1] for t in totals.values())
    print(f"reading order: {len(args.resumes)} resumes, {len(layouts)} layouts, {n} item readings; "
          f"{'FAILED' if failed else 'ok'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
