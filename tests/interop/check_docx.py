#!/usr/bin/env python3
"""Checks DOCX files with real readers: python-docx, LibreOffice and pandoc.

Usage: check_docx.py DOCX_DIR [--json-dir DIR]

For every DOCX_DIR/*.docx:
  python-docx  every paragraph has a named style; headings are "Heading 1" or
               "Heading 2"; list paragraphs are "List Bullet" with numbering
               (numPr) and vice versa; core title/creator carry the name;
               every picture has alt text or is marked decorative (a contact
               icon), and no paragraph (table cells included) holds an
               icon-font character (private use area).
  LibreOffice  converts the file to PDF (files are batched per invocation);
               pdftotext of the PDF holds every employer and position.
  pandoc       `pandoc -f docx -t markdown` shows each Heading 1 as a heading
               and the bullets as a list.
Employers and positions come from DIR/<stem>.json when --json-dir is given
(work[].name/company and work[].position, when plain strings), otherwise from
the entry headings of the document itself.

Prints one line per failure and finally `N passed, N failed` (files); exits
non-zero when any file failed.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

try:
    import docx  # python-docx
except ImportError:
    print("python-docx is not installed (pip install python-docx)", file=sys.stderr)
    sys.exit(2)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BATCH = 10


def norm(s):
    """Whitespace collapsed, soft hyphens and zero-width characters dropped."""
    s = re.sub("[\u00ad\u200b\u200c\u200d\ufeff]", "", s)
    # pandoc and LibreOffice may straighten typographic quotes.
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    s = "".join(c for c in s if c in "\t\n" or ord(c) >= 32)
    return re.sub(r"\s+", " ", s).strip()


def loose(s):
    """For comparing with rendered text: also ignore case and punctuation spacing."""
    # pdftotext joins a word LibreOffice hyphenated at a line end without its hyphen.
    return re.sub(r"[\s\-‐‑]+", "", norm(s)).casefold()


def json_expectations(path):
    """(name, [employers and positions]) from a JSON Resume, leniently."""
    try:
        with open(path, encoding="utf-8-sig") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return None, []
    if not isinstance(data, dict):
        return None, []
    basics = data.get("basics") if isinstance(data.get("basics"), dict) else {}
    name = basics.get("name") if isinstance(basics.get("name"), str) else None
    wanted = []
    work = data.get("work")
    if isinstance(work, list):
        for job in work:
            if not isinstance(job, dict):
                continue
            # A job with nested roles is shown as those roles (as in every backend).
            nested = job.get("positions")
            roles = [r for r in nested if isinstance(r, dict)] if isinstance(nested, list) else []
            keys = ("name", "company") if roles else ("name", "company", "position")
            for item, key in [(job, k) for k in keys] + [(r, "position") for r in roles]:
                value = item.get(key)
                if isinstance(value, str) and norm(value) and "<" not in value:
                    wanted.append(norm(value))
    return name, wanted


def check_python_docx(path, name):
    """Failures found by python-docx, the entry headings, and the bullet count."""
    failures = []
    d = docx.Document(path)
    headings, bullets, h1 = [], 0, []
    for i, p in enumerate(d.paragraphs):
        style = p.style
        ppr = p._p.pPr
        explicit = ppr is not None and ppr.pStyle is not None
        if style is None or not style.name or not explicit:
            failures.append(f"paragraph {i} ({p.text[:30]!r}) has no named style")
            continue
        sname = style.name
        num = ppr.numPr is not None
        if sname.lower().startswith("heading") and sname not in ("Heading 1", "Heading 2"):
            failures.append(f"paragraph {i} has heading style {sname!r}")
        if sname == "Heading 1":
            h1.append(norm(p.text))
        if sname == "Heading 2":
            headings.append(norm(p.text.split("\t")[0]))
        if sname == "List Bullet":
            bullets += 1
            if not num:
                failures.append(f"List Bullet paragraph {i} has no numPr")
        elif num:
            failures.append(f"paragraph {i} is numbered but styled {sname!r}")
    failures += check_pictures(d)
    core = d.core_properties
    title_para = next((p.text for p in d.paragraphs if p.style is not None and p.style.name == "Title"), None)
    person = norm(name) if name else (norm(title_para) if title_para else None)
    if person:
        if person not in norm(core.title or ""):
            failures.append(f"core title {core.title!r} lacks {person!r}")
        if norm(core.author or "") != person:
            failures.append(f"core creator {core.author!r} is not {person!r}")
    if core.created is None or core.created.year < 1980:
        failures.append(f"core created is {core.created!r}")
    return failures, headings, h1, bullets


WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
ADEC = "{http://schemas.microsoft.com/office/drawing/2017/decorative}"


def check_pictures(d):
    """Pictures described or decorative; no private-use characters in any paragraph."""
    failures = []
    body = d.element.body
    for pr in body.iter(WP + "docPr"):
        descr = (pr.get("descr") or "").strip()
        decorative = any(e.get("val") in ("1", "true") for e in pr.iter(ADEC + "decorative"))
        if decorative and descr:
            failures.append(f"picture {pr.get('name')!r} is decorative but has alt text {descr!r}")
        elif not decorative and not descr:
            failures.append(f"picture {pr.get('name')!r} has neither alt text nor the decorative mark")
    for p in body.iter(W + "p"):
        text = "".join(t.text or "" for t in p.iter(W + "t"))
        if any("\ue000" <= c <= "\uf8ff" for c in text):
            failures.append(f"paragraph {text[:30]!r} holds a private-use (icon font) character")
    return failures


def libreoffice_pdfs(paths, outdir):
    """Converts in batches; returns {docx path: pdf path or None}."""
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    result = {}
    for start in range(0, len(paths), BATCH):
        chunk = paths[start:start + BATCH]
        subprocess.run(
            ["libreoffice", f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", "pdf", "--outdir", outdir, *chunk],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600, check=False)
        for p in chunk:
            pdf = os.path.join(outdir, os.path.splitext(os.path.basename(p))[0] + ".pdf")
            result[p] = pdf if os.path.exists(pdf) and os.path.getsize(pdf) > 0 else None
    return result


def pdf_text(pdf):
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, timeout=120, check=False)
    return out.stdout.decode("utf-8", "replace") if out.returncode == 0 else None


def check_pandoc(path, h1, bullets):
    failures = []
    out = subprocess.run(["pandoc", "-f", "docx", "-t", "markdown", "--wrap=none", "--markdown-headings=atx", path],
                         capture_output=True, timeout=120, check=False)
    if out.returncode != 0:
        return [f"pandoc failed: {out.stderr.decode('utf-8', 'replace').strip()[:200]}"]
    md = out.stdout.decode("utf-8", "replace")
    heading_lines = [loose(re.sub(r"\{[^}]*\}\s*$", "", l.lstrip("#")).replace("\\", ""))
                     for l in md.splitlines() if re.match(r"^#{1,6} ", l)]
    for h in h1:
        if h and not any(loose(h) == x or loose(h) in x for x in heading_lines):
            failures.append(f"pandoc: section heading {h!r} is not a heading")
    items = sum(1 for l in md.splitlines() if re.match(r"^\s*[-*+]\s+\S", l))
    if items < bullets:
        failures.append(f"pandoc: {bullets} bullets but {items} list items")
    return failures


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("docx_dir")
    ap.add_argument("--json-dir")
    args = ap.parse_args()
    paths = sorted(os.path.join(args.docx_dir, f) for f in os.listdir(args.docx_dir) if f.endswith(".docx"))
    failures = {p: [] for p in paths}
    expected = {}
    info = {}
    for p in paths:
        name, wanted = None, []
        if args.json_dir:
            stem = os.path.splitext(os.path.basename(p))[0]
            name, wanted = json_expectations(os.path.join(args.json_dir, stem + ".json"))
        try:
            f, headings, h1, bullets = check_python_docx(p, name)
        except Exception as e:  # a file python-docx cannot open is a failure, not a crash
            failures[p].append(f"python-docx cannot open it: {e}")
            continue
        failures[p] += f
        info[p] = (h1, bullets)
        if not args.json_dir:
            wanted = [h for h in headings if h]
        expected[p] = wanted
    with tempfile.TemporaryDirectory() as outdir:
        pdfs = libreoffice_pdfs(paths, outdir)
        for p in paths:
            if pdfs.get(p) is None:
                failures[p].append("LibreOffice did not convert it to PDF")
                continue
            text = pdf_text(pdfs[p])
            if text is None:
                failures[p].append("pdftotext failed")
                continue
            flat = loose(text)
            for w in expected.get(p, []):
                if loose(w) not in flat:
                    failures[p].append(f"LibreOffice PDF lacks {w!r}")
    for p in paths:
        if p in info:
            failures[p] += check_pandoc(p, *info[p])
    passed = failed = 0
    for p in paths:
        if failures[p]:
            failed += 1
            for f in failures[p]:
                print(f"FAIL {os.path.basename(p)}: {f}")
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not paths else 0


if __name__ == "__main__":
    sys.exit(main())
