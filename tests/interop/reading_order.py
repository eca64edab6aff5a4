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
reading is below --min (default 100) or a sidebar interleaves on a page
(--interleave-ok names readers whose interleaving is only reported).
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

READERS = ["pdftotext", "pdftotext-raw", "pdfminer", "pypdf", "pymupdf"]
# Letters and digits an item needs to place its region on the page.
MIN_PLACED = 12


def squash(text):
    """Letters and digits only, lower-case: what 'whole' compares."""
    text = re.sub(r"\]\([^)]*\)", "", text or "")  # Markdown link targets
    text = re.sub(r"<[^>]+>", "", text)  # tags
    return "".join(c for c in text.lower() if c.isalnum())


def items(resume, look):
    """(section, region, text) of entry titles, organisations and bullets, in
    the layout's section order and its entries' order (organisation first
    with `lead = "organisation"`); the caller compares orders within a region."""
    sidebar_holds, order, org_first, stacked = look
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
    rank = {sid: i for i, sid in enumerate(order)}
    sections.sort(key=lambda s: rank.get(s[0], len(rank)))
    for sid, titles, orgs, bullets in sections:
        region = "side" if sid in sidebar_holds else "main"
        entries = []
        for entry in resume.get(sid) or []:
            # Nested roles are read as one entry per position.
            roles = entry.get("positions") if isinstance(entry, dict) else None
            if isinstance(roles, list):
                for role in roles:
                    if isinstance(role, dict):
                        summary = role.get("summary")
                        highlights = summary if isinstance(summary, list) else role.get("highlights")
                        entries.append({**role, "name": entry.get("company") or entry.get("name"),
                                        "highlights": highlights or []})
            else:
                entries.append(entry)
        for entry in entries:
            if not isinstance(entry, dict):
                continue
            # Title and organisation: one line (one item) unless stacked.
            parts = []
            leads = org_first and sid in ("work", "volunteer", "education")
            for keys in ((orgs, titles) if leads else (titles, orgs)):
                for k in keys:
                    v = entry.get(k)
                    if isinstance(v, str) and len(squash(v)) >= 3:
                        parts.append(v)
                        break
            # A degree reads "type in area", so its parts are looked for apart.
            if region == "side" or stacked or sid == "education":
                out.extend((sid, region, p) for p in parts)
            elif parts:
                out.append((sid, region, " ".join(parts)))
            if bullets and region == "main":
                for h in entry.get(bullets) or []:
                    if isinstance(h, dict):
                        h = h.get("text")
                    if isinstance(h, str) and len(squash(h)) >= 6:
                        out.append((sid, region, h))
    return out


def extract(reader, pdf):
    """The text of each page, as the reader gives it."""
    if reader in ("pdftotext", "pdftotext-raw"):
        raw = ["-raw"] if reader == "pdftotext-raw" else []
        text = subprocess.run(["pdftotext", *raw, pdf, "-"], capture_output=True, text=True).stdout
        return text.split("\f")
    if reader == "pdfminer":
        from pdfminer.high_level import extract_text

        return extract_text(pdf).split("\f")
    if reader == "pypdf":
        from pypdf import PdfReader

        return [p.extract_text() or "" for p in PdfReader(pdf).pages]
    if reader == "pymupdf":
        import pymupdf

        with pymupdf.open(pdf) as doc:
            return [page.get_text() for page in doc]
    raise ValueError(reader)


def score(pages, wanted):
    """Items found whole and after the one before them (per region), and
    whether the regions interleave on a page: an item of one found (in
    order) inside the span of the other's on the same page. A sidebar that
    runs on to the next page is read there, after page 1's main column: that
    is page order, not interleaving."""
    flat = ""
    starts = []
    for page in pages:
        starts.append(len(flat))
        flat += squash(page)
    page_of = lambda at: max(i for i, s0 in enumerate(starts) if s0 <= at) if starts else 0
    found = 0
    where = {"main": [], "side": []}
    pos = {"main": 0, "side": 0}
    for _sid, region, item in wanted:
        s = squash(item)
        at = flat.find(s, pos[region])
        if at >= 0:
            found += 1
            pos[region] = at + len(s)
            # A short item ("Certified", "SQL") is as likely a word of running
            # text: it does not tell where its region is.
            if len(s) >= MIN_PLACED:
                where[region].append((page_of(at), at, at + len(s)))
    inter = False
    for page in set(p for p, _, _ in where["main"]) & set(p for p, _, _ in where["side"]):
        main = [(a, b) for p, a, b in where["main"] if p == page]
        side = [(a, b) for p, a, b in where["side"] if p == page]
        m0, m1 = min(a for a, _ in main), max(b for _, b in main)
        s0, s1 = min(a for a, _ in side), max(b for _, b in side)
        inside = lambda spots, a, b: any(a < x < b for x, _ in spots)
        inter = inter or inside(main, s0, s1) or inside(side, m0, m1)
    return found, inter


def look(binary, layout):
    """What of a layout decides where items are: the sections its sidebar
    holds, its section order, and whether entries lead with the
    organisation (its `layout.toml` merged over its parents')."""
    import tomllib

    merged = {}
    chain = []
    name = layout
    with tempfile.TemporaryDirectory() as d:
        seen = set()
        while name and name not in seen:
            seen.add(name)
            out = os.path.join(d, name)
            subprocess.run([binary, "layouts", "--export", name, out], check=True, capture_output=True)
            with open(os.path.join(out, "layout.toml"), "rb") as f:
                t = tomllib.load(f)
            chain.append(t)
            name = t.get("extends") or ("classic" if name != "classic" else None)
    for t in reversed(chain):
        for k, v in t.items():
            if isinstance(v, dict):
                merged.setdefault(k, {}).update(v)
            else:
                merged[k] = v
    side = merged.get("sidebar", {})
    holds = set(side.get("holds", [])) if side.get("side", "none") != "none" else set()
    order = merged.get("sections", {}).get("order", [])
    entries = merged.get("entries", {})
    stacked = entries.get("dates") == "stacked"
    org_first = stacked and entries.get("lead") == "organisation"
    return holds, order, org_first, stacked


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("resumes", nargs="+")
    ap.add_argument("--layouts", default="classic,modern,compact,engineering,harvard,sidebar,timeline,banner")
    ap.add_argument("--min", type=float, default=100.0)
    ap.add_argument("--readers", default=",".join(READERS))
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--interleave-ok", default="",
                    help="readers whose sidebar interleaving is reported, not failed (comma-separated)")
    args = ap.parse_args()
    layouts = args.layouts.split(",")
    readers = args.readers.split(",")
    totals = {(r, l): [0, 0] for r in readers for l in layouts}
    interleaved = []
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for layout in layouts:
            shape = look(args.binary, layout)
            holds = shape[0]
            for resume_path in args.resumes:
                with open(resume_path, encoding="utf-8-sig") as f:
                    try:
                        resume = json.load(f)
                    except ValueError:
                        continue
                if not isinstance(resume, dict):
                    continue
                wanted = items(resume, shape)
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
    tolerated = set(filter(None, args.interleave_ok.split(",")))
    for reader, layout, path in interleaved:
        print(f"INTERLEAVED {reader} {layout} {path}{' (reported)' if reader in tolerated else ''}")
        failed = failed or reader not in tolerated
    n = sum(t[1] for t in totals.values())
    print(f"reading order: {len(args.resumes)} resumes, {len(layouts)} layouts, {n} item readings; "
          f"{'FAILED' if failed else 'ok'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
