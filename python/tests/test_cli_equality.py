"""The same options give the same bytes as the command line (built from the same source)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

import resume_export as rx
from conftest import SAMPLES, corpus

EPOCH = "1700000000"
INPUTS = sorted(SAMPLES.glob("*.json")) + corpus(6)
CASES = [
    ({"format": "pdf"}, ["-f", "pdf"]),
    ({"format": "docx"}, ["-f", "docx"]),
    ({"format": "html"}, ["-f", "html"]),
    ({"format": "md"}, ["-f", "md"]),
    ({"format": "txt", "width": 60}, ["-f", "txt", "--width", "60"]),
    ({"format": "pdf", "layout": "modern", "paper": "letter"}, ["-f", "pdf", "-l", "modern", "--paper", "letter"]),
    ({"format": "pdf", "redact": "contact", "lang": "de"}, ["-f", "pdf", "--redact", "contact", "--lang", "de"]),
    ({"format": "pdf", "pdf_standard": "a-2b"}, ["-f", "pdf", "--pdf-standard", "a-2b"]),
    ({"format": "pdf", "layout": "compact", "sections": "work,education"}, ["-f", "pdf", "-l", "compact", "--sections", "work,education"]),
]


def run_cli(cli: str, args: list[str], source: Path, out: Path) -> bytes:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    subprocess.run([cli, *args, "-q", "-o", str(out), str(source)], check=True, env=env, capture_output=True)
    return out.read_bytes()


@pytest.mark.parametrize("options, args", CASES, ids=[" ".join(a) for _, a in CASES])
def test_same_bytes_as_the_cli(cli, tmp_path, options, args):
    renderer = rx.Renderer(timestamp=int(EPOCH), **options)
    compared = 0
    for source in INPUTS:
        data = source.read_bytes()
        if data.lstrip().startswith(b"["):
            continue  # a list is several resumes to the command line
        ext = renderer.formats[0]
        expected = run_cli(cli, args, source, tmp_path / f"{source.stem}.{ext}")
        got = renderer.render(data)
        assert got == expected, f"{source.name}: {options}"
        compared += 1
    assert compared >= 3


def test_render_many_matches_the_cli_too(cli, tmp_path):
    renderer = rx.Renderer(timestamp=int(EPOCH))
    sources = [s for s in INPUTS if not s.read_bytes().lstrip().startswith(b"[")]
    out = renderer.render_many([s.read_bytes() for s in sources], threads=2)
    for source, result in zip(sources, out):
        assert result.data == run_cli(cli, ["-f", "pdf"], source, tmp_path / f"{source.stem}.pdf")


def test_convert_matches_the_cli(cli):
    for source in INPUTS[:4]:
        cli_out = subprocess.run([cli, "convert", "-q", str(source)], check=True, capture_output=True).stdout
        assert rx.convert(source.read_bytes()).json.encode() == cli_out


def test_validate_agrees_with_the_cli(cli):
    bad = SAMPLES.parent / "tests" / "fixtures" / "readers"
    for source in INPUTS[:4]:
        proc = subprocess.run([cli, "validate", str(source)], capture_output=True)
        assert rx.validate(source.read_bytes()).valid == (proc.returncode == 0), source.name
    assert bad.is_dir()


def test_check_matches_the_cli(cli, tmp_path):
    pdf = tmp_path / "alex.pdf"
    pdf.write_bytes(rx.Renderer().render((SAMPLES / "alex-rn.json").read_bytes()))
    proc = subprocess.run([cli, "check", "--json", str(pdf)], capture_output=True, text=True)
    cli_report = json.loads(proc.stdout)
    if isinstance(cli_report, list):
        cli_report = cli_report[0]
    if isinstance(cli_report, dict) and "files" in cli_report:
        cli_report = cli_report["files"][0]
    assert cli_report.pop("status") == "ok"  # the command line's per-file status
    ours = rx.check(pdf.read_bytes(), name=str(pdf))
    assert ours == cli_report
