#!/usr/bin/env python3
"""The structure tree as poppler reads it (pdfinfo -struct-text), in tree order,
against the page text in content order (pdftotext -raw), less page numbers.

Both are compared without whitespace and case; hyphens are dropped too, because
poppler's struct text ignores ActualText, so a hyphen added at a line end (a soft
hyphen in the file) reads as '-' there and not in pdftotext's joined words.
Usage: struct_text.py [--columns] FILE.pdf...   Prints failures and "N passed, N failed".

With --columns (a layout with a sidebar), a tree that holds the same text in
another order passes, with a note: a sidebar that runs on to page 2 is whole
in the tree (before the main column) and split by page in the page text.
"""
import re
import subprocess
import sys


def solid(text):
    return re.sub(r"[\s\-\u00ad]", "", text).lower()


def tree_text(pdf):
    out = subprocess.run(
        ["pdfinfo", "-struct-text", pdf], capture_output=True, text=True, check=True
    ).stdout
    if not out.startswith("Document"):
        raise ValueError("no structure tree (first line: %r)" % out[:40])
    # Content lines are quoted strings, one per marked-content sequence.
    parts = []
    for line in out.splitlines():
        s = line.strip()
        if len(s) >= 2 and s.startswith('"') and s.endswith('"'):
            parts.append(s[1:-1])
    return "".join(parts)


def page_text(pdf):
    out = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = out.split("\f")
    kept = []
    for page in pages:
        lines = [l for l in page.splitlines() if l.strip()]
        # The page number, an artifact, is the last line of a page.
        if lines and re.fullmatch(r"\s*\d+\s*/\s*\d+\s*", lines[-1]):
            lines.pop()
        kept.append("".join(lines))
    return "".join(kept)


def main(files):
    columns = "--columns" in files
    files = [f for f in files if f != "--columns"]
    passed = failed = 0
    for pdf in files:
        try:
            tree, page = solid(tree_text(pdf)), solid(page_text(pdf))
        except (subprocess.CalledProcessError, ValueError) as e:
            print("FAIL: %s: %s" % (pdf, e))
            failed += 1
            continue
        if tree == page:
            passed += 1
            continue
        i = 0
        while i < min(len(tree), len(page)) and tree[i] == page[i]:
            i += 1
        if columns and sorted(tree) == sorted(page):
            print("note: %s: the tree holds the page text, the sidebar whole from %d" % (pdf, i))
            passed += 1
            continue
        print("FAIL: %s: struct text differs from the page text at %d" % (pdf, i))
        print("  tree: …%s…" % tree[max(0, i - 40) : i + 40])
        print("  page: …%s…" % page[max(0, i - 40) : i + 40])
        failed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
