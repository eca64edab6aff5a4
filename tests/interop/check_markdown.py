#!/usr/bin/env python3
"""Interop check: pandoc reads every Markdown output as we mean it.

Usage: check_markdown.py DIR   (a directory of .md files written by resume-export)

For each file, `pandoc -f commonmark -t json` must succeed, and its AST must
show exactly the headings we wrote (lines starting with '#'), no raw HTML, no
images, no code, and only http/https/mailto/tel links. Prints one line per
failure and a final "N passed, N failed" line; exits 1 on any failure.
"""

import json
import pathlib
import subprocess
import sys

SAFE = ("http://", "https://", "mailto:", "tel:")
FORBIDDEN = {"RawInline", "RawBlock", "Image", "Code", "CodeBlock", "Table", "BlockQuote", "HorizontalRule"}


def walk(node, found):
    if isinstance(node, dict):
        t = node.get("t")
        if t:
            found.setdefault(t, []).append(node.get("c"))
        for v in node.values():
            walk(v, found)
    elif isinstance(node, list):
        for v in node:
            walk(v, found)


def check(path):
    text = path.read_text(encoding="utf-8")
    proc = subprocess.run(
        ["pandoc", "-f", "commonmark", "-t", "json", str(path)],
        capture_output=True, text=True,
    )
    if proc.returncode != 0:
        return f"pandoc failed: {proc.stderr.strip()}"
    found = {}
    walk(json.loads(proc.stdout)["blocks"], found)
    bad = sorted(FORBIDDEN & found.keys())
    if bad:
        return f"unexpected elements: {', '.join(bad)}"
    written = sum(1 for line in text.splitlines() if line.startswith("#"))
    headings = len(found.get("Header", []))
    if headings != written:
        return f"{headings} headings in pandoc's reading, {written} written"
    for link in found.get("Link", []):
        target = link[2][0]
        if not target.lower().startswith(SAFE):
            return f"unsafe link target {target!r}"
    if text.strip() and written == 0 and "Para" not in found:
        return "no content"
    return None


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    files = sorted(pathlib.Path(sys.argv[1]).glob("**/*.md"))
    passed = failed = 0
    for f in files:
        problem = check(f)
        if problem:
            failed += 1
            print(f"FAIL {f}: {problem}")
        else:
            passed += 1
    if not files:
        print("FAIL: no Markdown files found")
        failed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
