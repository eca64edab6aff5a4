#!/usr/bin/env python3
"""Writes N varied resumes for batch benchmarks.

Usage: make_batch.py N OUT_DIR [SOURCE_DIR ...]

Takes every valid *.json resume in the source directories (default: samples/
and ../shared/corpus/real/), and writes N files cycling through them with a
distinct name each and a varied length (work entries and highlights cut or
repeated), so the batch mixes short and long, Latin and CJK resumes.
"""

import copy
import json
import pathlib
import sys


def load(dirs):
    out = []
    for d in dirs:
        for p in sorted(pathlib.Path(d).glob("*.json")):
            try:
                v = json.loads(p.read_text(encoding="utf-8-sig"))
            except (ValueError, UnicodeDecodeError):
                continue
            if isinstance(v, dict):
                out.append(v)
    return out


def vary(resume, i):
    r = copy.deepcopy(resume)
    basics = r.get("basics") if isinstance(r.get("basics"), dict) else {}
    basics["name"] = f"Candidate {i:05d}"
    r["basics"] = basics
    work = r.get("work")
    if isinstance(work, list) and work:
        k = i % 4
        if k == 0:
            r["work"] = work[:1]
        elif k == 3:
            r["work"] = work + work[: max(1, len(work) // 2)]
    return r


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    n = int(sys.argv[1])
    out = pathlib.Path(sys.argv[2])
    dirs = sys.argv[3:] or ["samples", "../shared/corpus/real"]
    sources = load(dirs)
    out.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        r = vary(sources[i % len(sources)], i)
        (out / f"r{i:05d}.json").write_text(json.dumps(r, ensure_ascii=False), encoding="utf-8")
    print(f"{n} resumes from {len(sources)} sources in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
