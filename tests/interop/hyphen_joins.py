#!/usr/bin/env python3
"""Counts hard hyphens lost at line ends in the PDF text that poppler reads back.

A line that ends right after a hard hyphen ("cross-" / "team") reads back from
`pdftotext` as one word without the hyphen ("crossteam"): poppler takes every
hyphen at a line end for a soft one and joins the lines. This script renders
every sample (`samples/*.json`) and every real corpus file
(`../shared/corpus/real/*.json`) to PDF with the release binary, extracts the
text with `pdftotext` (default reading-order mode, UTF-8), and counts joins:

  for every word of the source JSON that holds a hard hyphen between word
  characters (`cross-team`, `BI-Werkzeugs`, `draft-dipankar-nfsv4-...-02`), and
  for each of its hyphens, the same word with that one hyphen removed is a
  *joined form*; a join is an occurrence of a joined form in the extracted
  text beyond the number of times that form is in the source itself.

Each resume counts each distinct joined form as often as it occurs. Prints one
line per join (file: joined form <- source word), then "N joins in M files".

Usage: tests/interop/hyphen_joins.py [BINARY] [--layout NAME]
  BINARY defaults to target/release/resume-export; needs pdftotext (poppler-utils).
Exit status 0 whatever the count (it is a measure, not a check).
"""

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORD = re.compile(r"\w+(?:-\w+)+")


def strings(value):
    """Every string in a JSON value, keys excluded."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)


def joined_forms(source):
    """{joined form: source word} for every hard-hyphenated word of the source."""
    forms = {}
    for word in WORD.findall(source):
        parts = word.split("-")
        for k in range(1, len(parts)):
            joined = "-".join(parts[:k - 1] + [parts[k - 1] + parts[k]] + parts[k + 1:])
            forms.setdefault(joined, word)
    return forms


def occurrences(form, text):
    return len(re.findall(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", text))


def main():
    args = sys.argv[1:]
    layout = "classic"
    if "--layout" in args:
        i = args.index("--layout")
        layout = args[i + 1]
        del args[i:i + 2]
    binary = Path(args[0]) if args else ROOT / "target/release/resume-export"
    inputs = sorted((ROOT / "samples").glob("*.json"))
    corpus = ROOT / "../shared/corpus/real"
    if corpus.is_dir():
        inputs += sorted(corpus.glob("*.json"))
    total = 0
    with tempfile.TemporaryDirectory() as tmp:
        for n, path in enumerate(inputs):
            out = Path(tmp) / str(n)
            run = subprocess.run(
                [str(binary), "-q", "-f", "pdf", "--layout", layout, "-d", str(out), str(path)],
                capture_output=True,
                text=True,
            )
            pdf = out / (path.stem + ".pdf")
            if run.returncode != 0 or not pdf.exists():
                print(f"{path.name}: not rendered: {run.stderr.strip()}", file=sys.stderr)
                continue
            text = subprocess.run(
                ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            try:
                source = "\n".join(strings(json.loads(path.read_text(encoding="utf-8"))))
            except (ValueError, UnicodeDecodeError):
                continue
            for joined, word in sorted(joined_forms(source).items()):
                lost = occurrences(joined, text) - occurrences(joined, source)
                for _ in range(max(0, lost)):
                    print(f"{os.path.relpath(path, ROOT)}: {joined} <- {word}")
                    total += 1
    print(f"{total} joins in {len(inputs)} files")


if __name__ == "__main__":
    main()
