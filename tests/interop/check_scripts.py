#!/usr/bin/env python3
"""Every script fixture (tests/fixtures/scripts/*.json) in every format:
no character left out, and poppler's pdftotext holds every string of the
resume (name, label, employer, position, town, bullets); in the classic
layout, qpdf --check and the PDF/UA checker (pdfua) pass. Renders page 1 of
each PDF to PNG (pdftoppm -r 60) under the output folder for a person to
look at. Whitespace is ignored in the comparison: lines wrap anywhere in
scripts without spaces, and joiners (ZWJ/ZWNJ) are format characters.

usage: check_scripts.py BINARY [OUT_DIR]
"""
import json, pathlib, subprocess, sys, unicodedata

ROOT = pathlib.Path(__file__).resolve().parents[2]
binary = sys.argv[1]
out = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else ROOT / "target/interop-scripts")
out.mkdir(parents=True, exist_ok=True)


def squeeze(s):
    return "".join(c for c in s if not c.isspace() and unicodedata.category(c) != "Cf")


def strings(resume):
    b = resume["basics"]
    w = resume["work"][0]
    return [b["name"], b["label"], b["location"]["city"], w["name"], w["position"], *w["highlights"]]


failed = 0
for path in sorted((ROOT / "tests/fixtures/scripts").glob("*.json")):
    resume = json.loads(path.read_text())
    stem = path.stem
    for layout in ["classic", "modern", "compact"]:
        run = subprocess.run([binary, "-f", "all", "-l", layout, "-d", str(out / layout), str(path)],
                             capture_output=True, text=True)
        if run.returncode != 0 or "no bundled" in run.stderr or "font has" in run.stderr:
            print(f"FAIL {stem} {layout}: exit {run.returncode}: {run.stderr.strip()}")
            failed += 1
            continue
        pdf = out / layout / f"{stem}.pdf"
        text = squeeze(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                                      capture_output=True, text=True, check=True).stdout)
        lost = [s for s in strings(resume) if squeeze(s) not in text]
        others = {ext: squeeze((out / layout / f"{stem}.{ext}").read_text()) for ext in ["txt", "md", "html"]}
        for ext, body in others.items():
            lost += [f"{ext}: {s}" for s in strings(resume) if squeeze(s) not in body]
        if lost:
            print(f"FAIL {stem} {layout}: not extracted: {lost}")
            failed += 1
        if layout == "classic":
            subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(pdf),
                            str(out / stem)], check=True)
            # The file is sound and its tagging passes the PDF/UA checker
            # (ActualText sequences, the /Cluster inside right-to-left ones).
            for check in (["qpdf", "--check", str(pdf)], [sys.executable, "-m", "pdfua", "check", str(pdf)]):
                run = subprocess.run(check, capture_output=True, text=True)
                if run.returncode != 0:
                    print(f"FAIL {stem}: {check[0] if check[0] == 'qpdf' else 'pdfua'}: "
                          f"{(run.stdout + run.stderr).strip()[-400:]}")
                    failed += 1
print(f"scripts: {failed} failed")
sys.exit(1 if failed else 0)
