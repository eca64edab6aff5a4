"""The options that name files: a layout folder, template, brand and font_dir,
read by the same code as the command line's --layout, --template, --brand and
--font-dir, with an OptionsError naming the path when one is missing or broken."""

from __future__ import annotations

import os
import pickle
import subprocess
from pathlib import Path

import pytest

import resume_export as rx
from conftest import ROOT, SAMPLES

EPOCH = 1700000000
ALEX = SAMPLES / "alex-rn.json"
TEMPLATE = SAMPLES / "templates" / "resume.html.hbs"
BRAND = SAMPLES / "brand"
FONTS = ROOT / "fonts" / "NotoSans"


def cli_bytes(cli: str, args: list[str], source: Path, out: Path) -> bytes:
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(EPOCH))
    subprocess.run([cli, *args, "-q", "-o", str(out), str(source)], check=True, env=env, capture_output=True)
    return out.read_bytes()


def layout_folder(tmp_path: Path) -> Path:
    """A layout that extends classic with another accent and no summary section."""
    folder = tmp_path / "my-layout"
    folder.mkdir()
    (folder / "layout.toml").write_text(
        'extends = "classic"\n\n[colors]\naccent = "#aa2200"\n\n[sections]\nhidden = ["summary"]\n'
    )
    return folder


def test_a_layout_folder_is_read(tmp_path):
    folder = layout_folder(tmp_path)
    mine = rx.Renderer(format="html", layout=folder, timestamp=EPOCH)
    html = mine.render(ALEX.read_bytes())
    assert b"#aa2200" in html
    assert b"#aa2200" not in rx.Renderer(format="html", timestamp=EPOCH).render(ALEX.read_bytes())
    # A str path works as a Path does.
    assert rx.Renderer(format="html", layout=str(folder), timestamp=EPOCH).render(ALEX.read_bytes()) == html


def test_a_layout_folder_gives_the_cli_bytes(cli, tmp_path):
    folder = layout_folder(tmp_path)
    for fmt in ("pdf", "md"):
        expected = cli_bytes(cli, ["-f", fmt, "--layout", str(folder)], ALEX, tmp_path / f"a.{fmt}")
        got = rx.Renderer(format=fmt, layout=str(folder), timestamp=EPOCH).render(ALEX.read_bytes())
        assert got == expected, fmt


def test_a_missing_layout_folder_names_the_path(tmp_path):
    missing = tmp_path / "no" / "such-layout"
    with pytest.raises(rx.OptionsError, match="does not exist") as e:
        rx.Renderer(layout=missing)
    assert str(missing) in str(e.value)
    with pytest.raises(rx.OptionsError, match="unknown layout `nope`"):
        rx.Renderer(layout="nope")


def test_a_broken_layout_folder_names_the_file(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(rx.OptionsError, match="the folder has no layout.toml") as e:
        rx.Renderer(layout=empty)
    assert str(empty) in str(e.value)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "layout.toml").write_text('extends = "classic"\n[colors]\naccent = 12\n')
    with pytest.raises(rx.OptionsError, match="layout.toml"):
        rx.Renderer(layout=broken)
    with pytest.raises(rx.OptionsError, match="layout is a path"):
        rx.Renderer(layout=12)  # type: ignore[arg-type]


def test_a_template_alone_and_beside_a_format():
    only = rx.Renderer(template=TEMPLATE, timestamp=EPOCH)
    assert only.formats == ["html"]
    page = only.render(ALEX.read_bytes())
    assert page.lstrip().lower().startswith(b"<!doctype html")
    both = rx.Renderer(format="pdf", template=TEMPLATE, timestamp=EPOCH)
    assert both.formats == ["pdf", "html"]
    result = both.render_all(ALEX.read_bytes())
    assert list(result.files) == ["pdf", "html"]
    assert result.files["pdf"].startswith(b"%PDF-")
    assert result.files["html"] == page
    # render_many carries it too.
    many = both.render_many([ALEX.read_bytes(), b"{"], threads=2)
    assert many[0].files["html"] == page
    assert isinstance(many[1].error, rx.InvalidResumeError)


def test_a_template_gives_the_cli_bytes(cli, tmp_path):
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(EPOCH))
    subprocess.run([cli, "-q", "--template", str(TEMPLATE), "-d", str(tmp_path), str(ALEX)],
                   check=True, env=env, capture_output=True)
    expected = (tmp_path / "alex-rn.html").read_bytes()
    assert rx.Renderer(template=TEMPLATE, timestamp=EPOCH).render(ALEX.read_bytes()) == expected


def test_a_redacted_template_sees_no_raw_resume(tmp_path):
    template = tmp_path / "raw.txt.hbs"
    template.write_text("{{#if resume}}{{resume.basics.email}}{{else}}hidden{{/if}}\n")
    lena = (SAMPLES / "lebenslauf-de.json").read_bytes()
    assert rx.Renderer(template=template).render(lena) == b"lena.vogel@example.com\n"
    assert rx.Renderer(template=template, redact="contact").render(lena) == b"hidden\n"


def test_bad_templates_name_the_path(tmp_path):
    missing = tmp_path / "none.html.hbs"
    with pytest.raises(rx.OptionsError, match="template") as e:
        rx.Renderer(template=missing)
    assert str(missing) in str(e.value)
    broken = tmp_path / "broken.html.hbs"
    broken.write_text("<p>{{#if x}}never closed</p>\n")
    with pytest.raises(rx.OptionsError) as e:
        rx.Renderer(template=broken)
    assert str(broken) in str(e.value)
    with pytest.raises(rx.OptionsError, match="so does the html format"):
        rx.Renderer(format="html", template=TEMPLATE)
    # A strict-mode miss is found at render time: a typed error, not a crash.
    typo = tmp_path / "typo.txt.hbs"
    typo.write_text("{{header.nmae}}\n")
    with pytest.raises(rx.ResumeExportError, match="template output failed"):
        rx.Renderer(template=typo).render(ALEX.read_bytes())


def test_a_brand_gives_the_cli_bytes(cli, tmp_path):
    branded = rx.Renderer(brand=BRAND, timestamp=EPOCH).render(ALEX.read_bytes())
    assert branded != rx.Renderer(timestamp=EPOCH).render(ALEX.read_bytes())
    assert branded == cli_bytes(cli, ["-f", "pdf", "--brand", str(BRAND)], ALEX, tmp_path / "a.pdf")
    with_ref = rx.Renderer(brand=BRAND, reference="SL-1", timestamp=EPOCH).render(ALEX.read_bytes())
    assert with_ref != branded
    assert with_ref == cli_bytes(cli, ["-f", "pdf", "--brand", str(BRAND), "--ref", "SL-1"], ALEX, tmp_path / "r.pdf")
    # The brand.toml itself works as its folder does.
    assert rx.Renderer(brand=BRAND / "brand.toml", timestamp=EPOCH).render(ALEX.read_bytes()) == branded


def test_a_brand_renders_in_every_format():
    result = rx.Renderer(format="pdf,docx,html", brand=BRAND, timestamp=EPOCH).render_all(ALEX.read_bytes())
    assert set(result.files) == {"pdf", "docx", "html"}


def test_bad_brands_name_the_path(tmp_path):
    missing = tmp_path / "agency"
    with pytest.raises(rx.OptionsError, match="brand") as e:
        rx.Renderer(brand=missing)
    assert str(missing) in str(e.value)
    broken = tmp_path / "brand.toml"
    broken.write_text("name = [\n")
    with pytest.raises(rx.OptionsError) as e:
        rx.Renderer(brand=broken)
    assert str(broken) in str(e.value)
    no_logo = tmp_path / "logo" / "brand.toml"
    no_logo.parent.mkdir()
    no_logo.write_text((BRAND / "brand.toml").read_text())
    with pytest.raises(rx.OptionsError, match="logo"):
        rx.Renderer(brand=no_logo.parent)


def test_a_font_dir_gives_the_cli_bytes(cli, tmp_path):
    source = SAMPLES / "lebenslauf-de.json"
    got = rx.Renderer(font_dir=FONTS, timestamp=EPOCH).render(source.read_bytes())
    assert got.startswith(b"%PDF-")
    assert got == cli_bytes(cli, ["-f", "pdf", "--font-dir", str(FONTS)], source, tmp_path / "a.pdf")


def test_a_missing_font_dir_names_the_path(tmp_path):
    missing = tmp_path / "fonts"
    with pytest.raises(rx.OptionsError, match="font_dir") as e:
        rx.Renderer(font_dir=missing)
    assert str(missing) in str(e.value)


def test_file_options_pickle_and_are_read_again(tmp_path):
    template = tmp_path / "t.txt.hbs"
    template.write_text("one {{header.name}}\n")
    renderer = rx.Renderer(template=template, layout=layout_folder(tmp_path), brand=BRAND, font_dir=FONTS)
    back = pickle.loads(pickle.dumps(renderer))
    assert back == renderer
    assert back.options["template"] == str(template)
    assert back.render(ALEX.read_bytes()).startswith(b"one ")
    # A renderer made again reads its files again (no stale cache).
    template.write_text("two {{header.name}}\n")
    assert rx.Renderer(template=template).render(ALEX.read_bytes()).startswith(b"two ")


def test_a_broken_layout_template_is_an_options_error(tmp_path):
    folder = tmp_path / "bad-md"
    folder.mkdir()
    (folder / "layout.toml").write_text('extends = "classic"\n')
    (folder / "markdown.hbs").write_text("# {{#if header.name}}never closed\n")
    with pytest.raises(rx.OptionsError, match="markdown.hbs"):
        rx.Renderer(format="md", layout=folder)
    # PDF does not use the Markdown template: the folder is fine for it.
    assert rx.Renderer(format="pdf", layout=folder).formats == ["pdf"]
