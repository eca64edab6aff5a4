#!/usr/bin/env python3
"""Checks that pdftotext finds each resume's name, employers and positions in its PDF.

Usage: check_pdf_text.py PDF_DIR JSON_DIR

For every PDF_DIR/<stem>.pdf with a JSON_DIR/<stem>.json, the text that
`pdftotext` extracts must contain basics.name and every work[].name (or
company) and work[].position that is a plain string. Comparison ignores
whitespace and case (lines wrap in a PDF). Prints one line per failure and a
final "N passed, N failed".
"""

import json
import pathlib
import re
import subprocess
import sys
import unicodedata


def norm(s):
    s = unicodedata.normalize("NFKC", s).casefold()
    return re.sub(r"[\s\u00ad\u200b]+", "", s)


def expectations(resume):
    out = []
    basics = resume.get("basics") if isinstance(resume.get("basics"), dict) else {}
    if isinstance(basics.get("name"), str):
        out.append(basics["name"])
    for key in ("work", "experiences"):
        for w in resume.get(key) or []:
            if not isinstance(w, dict):
                continue
            for field in ("name", "company", "position"):
                v = w.get(field)
                if isinstance(v, str) and v.strip():
                    out.append(v)
    return [e for e in out if norm(e)]


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    pdf_dir, json_dir = map(pathlib.Path, sys.argv[1:])
    passed = failed = 0
    for pdf in sorted(pdf_dir.glob("*.pdf")):
        source = json_dir / (pdf.stem + ".json")
        if not source.exists():
            continue
        resume = json.loads(source.read_text(encoding="utf-8-sig"))
        if not isinstance(resume, dict):
            continue
        text = subprocess.run(["pdftotext", "-q", str(pdf), "-"], capture_output=True, text=True).stdout
        have = norm(text)
        missing = [e for e in expectations(resume) if norm(e) not in have]
        if missing:
            failed += 1
            print(f"FAIL {pdf}: pdftotext lacks {missing[:5]}")
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
