"""Shared fixtures: the repository's samples, the command line for comparisons."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
FIXTURES = ROOT / "tests" / "fixtures"


def shared() -> Path:
    return Path(os.environ.get("RESUME_EXPORT_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def cli() -> str:
    """The command line built from the same source, or the test is skipped."""
    given = os.environ.get("RESUME_EXPORT_BIN")
    for candidate in [given, ROOT / "target/release/resume-export", ROOT / "target/debug/resume-export"]:
        if candidate and Path(candidate).is_file():
            return str(candidate)
    found = shutil.which("resume-export")
    if found:
        return found
    pytest.skip("no resume-export binary (set RESUME_EXPORT_BIN) to compare with")


@pytest.fixture
def sample() -> bytes:
    return (SAMPLES / "alex-rn.json").read_bytes()


def corpus(limit: int = 8) -> list[Path]:
    """A few real resumes from ../shared/corpus/real, when it is there."""
    folder = shared() / "corpus" / "real"
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.json"))[:limit]
