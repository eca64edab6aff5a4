#!/usr/bin/env python3
"""Save-to-new-PDF latency of `resume-export --watch` (BENCHMARKS.md, "Watch: save to new PDF").

Usage: python3 benches/watch_latency.py [BINARY] [RUNS]
       (default: target/release/resume-export, 30 runs)

Copies samples/alex-rn.json to a temporary folder, starts `--watch -f pdf` on
it, then saves a changed name the way editors do (write a new file, rename it
over the old one) and times from the rename to the "rebuilt" line, which the
tool prints once the new PDF is in place. Also reports the tool's own export
time from that line ("in N ms"), so the difference is the debounce plus the
watcher's wake-up.
"""

import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main() -> int:
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                             os.path.join(ROOT, "target/release/resume-export"))
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    with open(os.path.join(ROOT, "samples/alex-rn.json"), encoding="utf-8") as f:
        resume = json.load(f)
    work = tempfile.mkdtemp(prefix="watch-bench-")
    try:
        cv = os.path.join(work, "cv.json")
        with open(cv, "w", encoding="utf-8") as f:
            json.dump(resume, f)
        proc = subprocess.Popen(
            [binary, "--watch", "-q", "-f", "pdf", "-d", "out", "cv.json"],
            cwd=work, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, text=True, bufsize=1)

        def line_with(needle: str) -> str:
            for line in proc.stderr:
                if needle in line:
                    return line.strip()
                if line.startswith("error"):
                    raise SystemExit(f"unexpected: {line.strip()}")
            raise SystemExit("resume-export --watch ended early")

        print(line_with("watching for changes"))
        pdf = os.path.join(work, "out/cv.pdf")
        total, export = [], []
        for i in range(runs):
            resume["basics"]["name"] = f"Alex RN {i}"
            tmp = cv + ".tmp"
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump(resume, f)
            before = os.stat(pdf).st_mtime_ns
            start = time.perf_counter()
            os.rename(tmp, cv)
            line = line_with("rebuilt")
            total.append((time.perf_counter() - start) * 1000)
            export.append(float(line.rsplit(" in ", 1)[1].split()[0]))
            assert os.stat(pdf).st_mtime_ns != before, "the PDF did not change"
            time.sleep(0.3)  # separate saves, as a person makes them
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=20)
        q = statistics.quantiles(total, n=10)
        print(f"save to new PDF, {runs} saves: median {statistics.median(total):.0f} ms, "
              f"p90 {q[-1]:.0f} ms, min {min(total):.0f} ms, max {max(total):.0f} ms")
        print(f"export alone (the tool's own figure): median {statistics.median(export):.0f} ms")
        print(f"exit code after SIGINT: {code}")
        return 0 if code == 0 else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
