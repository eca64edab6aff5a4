"""Cover letters from Python: a letter alone in the resume's look, and an
application (the letter, then the resume, in one file), as the command line
renders them."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

import resume_export as rx
from conftest import SAMPLES

EPOCH = 1700000000
LETTER = SAMPLES / "letters" / "letter-en.md"
RESUME = SAMPLES / "alex-rn.json"  # what letter-en.md names as its resume


def run_cli(cli_path: str, args: list[str], out: Path) -> bytes:
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(EPOCH))
    subprocess.run([cli_path, *args, "-q", "-o", str(out)], check=True, env=env, capture_output=True)
    return out.read_bytes()


def test_a_letter_gives_the_cli_bytes(cli, tmp_path):
    for fmt in ("pdf", "docx", "md"):
        got = rx.Renderer(format=fmt, timestamp=EPOCH).render_letter(LETTER.read_text(), RESUME.read_bytes())
        assert got == run_cli(cli, ["-f", fmt, str(LETTER)], tmp_path / f"l.{fmt}"), fmt


def test_an_application_gives_the_cli_bytes(cli, tmp_path):
    renderer = rx.Renderer(timestamp=EPOCH)
    got = renderer.render_application(LETTER.read_bytes(), RESUME.read_bytes())
    assert got.startswith(b"%PDF-")
    assert got == run_cli(cli, ["-f", "pdf", "--letter", str(LETTER), str(RESUME)], tmp_path / "a.pdf")
    html = rx.Renderer(format="html", timestamp=EPOCH).render_application(LETTER.read_text(), RESUME.read_bytes())
    assert html == run_cli(cli, ["-f", "html", "--letter", str(LETTER), str(RESUME)], tmp_path / "a.html")
    assert got == renderer.render_letter(LETTER.read_bytes(), RESUME.read_bytes(), application=True)
    assert got != renderer.render_letter(LETTER.read_bytes(), RESUME.read_bytes())


def test_a_letter_in_every_format_and_as_a_dict():
    letter = {"recipient": {"name": "Dr. Maria Chen"}, "subject": "Staff engineer", "date": "2026-12-06",
              "body": "I write about the role."}
    result = rx.Renderer(format="all", timestamp=EPOCH).render_letter_all(letter, {"basics": {"name": "Ada"}})
    assert result.ok and set(result.files) == set(rx.formats())
    assert b"I write about the role." in result.files["md"]
    assert b"Ada" in result.files["txt"]
    text = rx.Renderer(format="txt", timestamp=EPOCH).render_letter(letter, b"basics:\n  name: Ada\n", syntax="yaml")
    assert b"Ada" in text


def test_a_letter_without_its_resume_says_so():
    result = rx.Renderer(format="txt", timestamp=EPOCH).render_letter_all(LETTER.read_text())
    assert result.ok
    assert any("resume" in w and "not read" in w for w in result.warnings)


def test_bad_letters_raise_a_typed_error_with_the_line():
    renderer = rx.Renderer(format="txt")
    with pytest.raises(rx.InvalidLetterError) as e:
        renderer.render_letter("---\nrecipient: [\n---\nHello\n", {"basics": {"name": "A"}})
    assert isinstance(e.value, rx.InvalidResumeError)
    assert e.value.line is not None
    with pytest.raises(rx.InvalidLetterError, match="date") as e:
        renderer.render_letter("---\ndate: tomorrow\nsubject: x\n---\nHello\n", {"basics": {"name": "A"}})
    # A field's error has its line only where the letter reader knows it.
    assert e.value.line in (None, 2) and e.value.column is None
    with pytest.raises(rx.InvalidLetterError, match="no body"):
        renderer.render_letter("---\nsubject: x\n---\n\n", {"basics": {"name": "A"}})
    with pytest.raises(rx.InvalidLetterError, match="bytes, str or dict"):
        renderer.render_letter(12, {"basics": {"name": "A"}})  # type: ignore[arg-type]


def test_a_bad_resume_beside_a_letter_is_an_invalid_resume():
    with pytest.raises(rx.InvalidResumeError, match="the letter's resume") as e:
        rx.Renderer(format="txt").render_letter(LETTER.read_text(), b'{"basics": ')
    assert not isinstance(e.value, rx.InvalidLetterError)
    assert e.value.line == 1


def test_what_a_letter_cannot_be():
    with pytest.raises(rx.OptionsError, match="give the resume"):
        rx.Renderer().render_letter(LETTER.read_text(), application=True)
    with pytest.raises(rx.OptionsError, match="use render_letter_all"):
        rx.Renderer(format="pdf,docx").render_letter(LETTER.read_text(), RESUME.read_bytes())
    with pytest.raises(rx.OptionsError, match="not letters"):
        rx.Renderer(template=SAMPLES / "templates" / "resume.html.hbs").render_letter_all(
            LETTER.read_text(), RESUME.read_bytes())
    # HTML takes a letter alone, and an application as one page.
    html = rx.Renderer(format="html")
    assert html.render_letter(LETTER.read_text(), RESUME.read_bytes()).startswith(b"<!")
    assert html.render_application(LETTER.read_text(), RESUME.read_bytes()).startswith(b"<!")


def test_a_str_letter_is_markdown_however_it_opens():
    # "Dear: …" would be YAML as a file's content; a str is the letter's text.
    text = rx.Renderer(format="txt", timestamp=EPOCH).render_letter("Dear: team,\n\nI write.\n", {"basics": {"name": "A"}})
    assert b"Dear: team," in text
    with pytest.raises(rx.InvalidLetterError):
        rx.Renderer(format="txt").render_letter(b"Dear: team,\n", {"basics": {"name": "A"}})
