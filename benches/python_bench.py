#!/usr/bin/env python3
"""Benchmarks of the Python package (issue 28); figures go into BENCHMARKS.md.

    python benches/python_bench.py render            # Renderer.render of alex-rn.json (PDF) vs the engine looping in Rust
    python benches/python_bench.py threads           # render_many: 1 thread against 2, paired
    python benches/python_bench.py rss [--n 10000]   # RSS of one process from 1,000 to N renders

Run with the wheel installed (no Rust toolchain needed). The machine is shared:
each figure is a median over repeats, and `threads` alternates its two
arms so both see the same load.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import resume_export as rx

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = (ROOT / "samples" / "alex-rn.json").read_bytes()


def corpus_inputs() -> list[bytes]:
    shared = Path(os.environ.get("RESUME_EXPORT_SHARED", ROOT.parent / "shared"))
    files = sorted((shared / "corpus" / "real").glob("*.json"))
    out = [f.read_bytes() for f in files]
    out = [b for b in out if not b.lstrip().startswith(b"[")]
    return out or [SAMPLE]


def render(args: argparse.Namespace) -> None:
    """Renderer.render, one Python call per PDF, against the same engine call
    made N times inside Rust (one render_many call on one thread: no Python
    between renders), in alternating rounds so both see the same load."""
    r = rx.Renderer()
    items = [(SAMPLE, None)] * args.n
    for _ in range(20):
        r.render(SAMPLE)
    py_rounds, rust_rounds = [], []
    for _ in range(args.rounds):
        t = time.perf_counter_ns()
        for _ in range(args.n):
            r.render(SAMPLE)
        py_rounds.append((time.perf_counter_ns() - t) / args.n / 1e6)
        t = time.perf_counter_ns()
        r._job.render_many(items, 1)
        rust_rounds.append((time.perf_counter_ns() - t) / args.n / 1e6)
    ratios = [p / q for p, q in zip(py_rounds, rust_rounds)]
    print(json.dumps({"what": "alex-rn.json to PDF: Renderer.render per call vs the engine looping in Rust",
                      "python_ms_median": round(statistics.median(py_rounds), 3),
                      "rust_loop_ms_median": round(statistics.median(rust_rounds), 3),
                      "ratio_per_pair": [round(x, 3) for x in ratios],
                      "ratio_median": round(statistics.median(ratios), 3), "renders_per_round": args.n}))


def threads(args: argparse.Namespace) -> None:
    r = rx.Renderer()
    inputs = (corpus_inputs() * 1000)[: args.n]
    r.render_many(inputs[:20], threads=2)
    one, two = [], []
    for _ in range(args.rounds):
        for arm, n in ((one, 1), (two, 2)):
            t = time.perf_counter()
            res = r.render_many(inputs, threads=n)
            arm.append(time.perf_counter() - t)
            assert sum(x.ok for x in res) == len(inputs)
    ratios = [a / b for a, b in zip(one, two)]
    print(json.dumps({"what": f"render_many of {len(inputs)} corpus resumes, pdf",
                      "one_thread_s": [round(x, 2) for x in one], "two_threads_s": [round(x, 2) for x in two],
                      "speedup_per_pair": [round(x, 2) for x in ratios], "speedup_median": round(statistics.median(ratios), 2)}))


def rss_kib() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def rss(args: argparse.Namespace) -> None:
    r = rx.Renderer()
    inputs = corpus_inputs()
    points = {}
    done = 0
    step = 1000
    t = time.perf_counter()
    while done < args.n:
        batch = [inputs[(done + i) % len(inputs)] for i in range(step)]
        for res in r.render_many(batch, threads=1):
            assert res.ok
        done += step
        points[done] = rss_kib()
    first, last = points[min(points)], points[max(points)]
    print(json.dumps({"what": f"RSS after each 1,000 renders (render_many of 1,000, corpus cycled), pdf",
                      "rss_kib": points, "growth_1k_to_last_kib": last - first,
                      "seconds": round(time.perf_counter() - t, 1)}))


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("what", choices=["render", "threads", "rss"])
    p.add_argument("--n", type=int, default=None)
    p.add_argument("--rounds", type=int, default=5)
    args = p.parse_args()
    args.n = args.n or {"render": 100, "threads": 400, "rss": 10_000}[args.what]
    {"render": render, "threads": threads, "rss": rss}[args.what](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
