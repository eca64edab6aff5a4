"""Every function and option of resume_export, and bad input for each error type."""

from __future__ import annotations

import datetime
import json
import pickle

import pytest

import resume_export as rx
from conftest import FIXTURES, SAMPLES

ADA = {"basics": {"name": "Ada Lovelace", "label": "Analyst"}, "work": [{"name": "Engines Ltd", "position": "Analyst", "startDate": "1842-01"}]}


def test_formats_and_layouts():
    assert rx.formats() == ["pdf", "docx", "html", "md", "txt"] or set(rx.formats()) >= {"pdf", "docx", "html", "md", "txt"}
    names = rx.layouts()
    assert "classic" in names and "modern" in names
    assert all(isinstance(n, str) for n in names)


def test_render_bytes_str_dict_give_a_pdf(sample):
    r = rx.Renderer()
    a = r.render(sample)
    b = r.render(sample.decode())
    c = r.render(json.loads(sample))
    assert a.startswith(b"%PDF-") and a == b == c


def test_render_yaml_and_toml():
    r = rx.Renderer(format="txt")
    yaml = "basics:\n  name: Ada Lovelace\n  label: Analyst\n"
    toml = '[basics]\nname = "Ada Lovelace"\nlabel = "Analyst"\n'
    a = r.render(yaml).decode()
    b = r.render(toml, syntax="toml").decode()
    assert "Ada Lovelace" in a and a == b


def test_render_other_shapes():
    fresh = (FIXTURES / "readers" / "fresh" / "jane-fullstacker.json").read_bytes()
    text = rx.Renderer(format="txt").render(fresh).decode()
    assert "Jane" in text


def test_dict_with_dates_is_read():
    resume = {"basics": {"name": "Ada"}, "work": [{"name": "X", "startDate": datetime.date(2020, 1, 1)}]}
    assert "2020" in rx.Renderer(format="md").render(resume).decode()


def test_render_all_gives_every_format_with_warnings_and_notes(sample):
    out = rx.Renderer(format="all").render_all(sample)
    assert list(out.files) == rx.formats()
    assert out.files["pdf"].startswith(b"%PDF-")
    assert out.files["docx"].startswith(b"PK")
    assert set(out.notes) == set(out.files)
    assert out.ok and out.error is None and out.data == out.files["pdf"]
    warned = rx.Renderer(lang="xx-unknown-but-valid") if False else rx.Renderer()
    w = warned.render_all({"basics": {"name": "A"}, "work": [{"name": "X", "startDate": "someday"}]})
    assert isinstance(w.warnings, list)


def test_render_all_warns_on_empty_resume():
    out = rx.Renderer(format="md").render_all({"basics": {}})
    assert any("no content" in w for w in out.warnings)


def test_render_with_several_formats_asks_for_render_all(sample):
    with pytest.raises(rx.OptionsError, match="render_all"):
        rx.Renderer(format="pdf,docx").render(sample)


def test_render_many_keeps_order_and_never_raises(sample):
    r = rx.Renderer(format="txt")
    inputs = [sample, b"{ not json", {"basics": {"name": "Bo"}}, 42, b"[1, 2]"]
    out = r.render_many(inputs, threads=2)
    assert len(out) == len(inputs)
    assert out[0].ok and b"Alex" in out[0].data
    assert isinstance(out[1].error, rx.InvalidResumeError) and out[1].error.line == 1
    assert out[2].ok and b"Bo" in out[2].data
    assert isinstance(out[3].error, rx.InvalidResumeError)
    assert isinstance(out[4].error, rx.InvalidResumeError)
    with pytest.raises(rx.InvalidResumeError):
        out[1].data


def test_render_many_threads_give_the_same_bytes(sample):
    r = rx.Renderer()
    inputs = [sample] * 6 + [json.dumps(ADA)] * 6
    one = [x.data for x in r.render_many(inputs, threads=1)]
    two = [x.data for x in r.render_many(inputs, threads=2)]
    four = [x.data for x in r.render_many(inputs, threads=4)]
    assert one == two == four
    with pytest.raises(rx.OptionsError):
        r.render_many(inputs, threads=0)


def test_python_threads_share_a_renderer(sample):
    import concurrent.futures

    r = rx.Renderer()
    expected = r.render(sample)
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        results = list(pool.map(r.render, [sample] * 8))
    assert all(x == expected for x in results)


def test_render_releases_the_gil(sample):
    """A Python thread keeps running while renders run on another."""
    import threading
    import time

    r = rx.Renderer()
    many = [sample] * 20
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=tick)
    start = time.perf_counter()
    t.start()
    r.render_many(many, threads=1)
    elapsed = time.perf_counter() - start
    stop.set()
    t.join()
    # With the GIL held for the whole call the ticker would get no turn at all.
    assert elapsed > 0.02 and len(ticks) > 5


@pytest.mark.parametrize(
    "options, message",
    [
        ({"format": "pdx"}, "unknown format"),
        ({"format": ""}, "no output format"),
        ({"layout": "nope"}, "nope"),
        ({"lang": "zz"}, "no words for language"),
        ({"redact": "phone"}, "unknown redact"),
        ({"paper": "b5"}, "unknown paper"),
        ({"max_pages": 0}, "at least 1"),
        ({"pdf_standard": "a-9"}, "unknown PDF standard"),
        ({"photo": "sometimes"}, "unknown photo"),
        ({"width": 5}, "width must be"),
        ({"shape": "word"}, "unknown from"),
        ({"max_pages": -1}, "max_pages must be a whole number"),
        ({"width": "wide"}, "width must be"),
    ],
)
def test_bad_options_raise_options_error(options, message):
    with pytest.raises(rx.OptionsError, match=message):
        rx.Renderer(**options)


def test_bad_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(rx.OptionsError, match="SOURCE_DATE_EPOCH"):
        rx.Renderer()


def test_timestamp_from_source_date_epoch(monkeypatch, sample):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    a = rx.Renderer().render(sample)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert a == rx.Renderer(timestamp=1700000000).render(sample)
    assert a != rx.Renderer(timestamp=1600000000).render(sample)


def test_invalid_resume_has_line_and_column():
    with pytest.raises(rx.InvalidResumeError) as e:
        rx.Renderer().render(b'{\n  "basics": {"name": "Ada",}\n}')
    assert e.value.line == 2 and e.value.column is not None
    assert "line 2" in str(e.value)
    assert isinstance(e.value, rx.ResumeExportError)


@pytest.mark.parametrize("bad", [b"\xff\xfe\xfa", b"[]", 3.5, None, b"x" * 10])
def test_other_bad_resumes(bad):
    with pytest.raises(rx.InvalidResumeError):
        rx.Renderer().render(bad)


def test_too_large_input():
    with pytest.raises(rx.InvalidResumeError):
        rx.Renderer(max_input_bytes=10).render(json.dumps(ADA))


def test_does_not_fit():
    long = {"basics": {"name": "Ada"}, "work": [{"name": f"Company {i}", "position": "Engineer", "summary": "word " * 120, "highlights": ["did a thing " * 8] * 6} for i in range(30)]}
    with pytest.raises(rx.DoesNotFitError) as e:
        rx.Renderer(max_pages=1).render(long)
    assert isinstance(e.value, rx.ResumeExportError)


def test_a_panic_is_an_internal_error_not_panic_exception():
    with pytest.raises(rx.InternalError, match="a bug") as e:
        rx._native._panic_for_tests()
    assert isinstance(e.value, rx.ResumeExportError)
    assert type(e.value).__name__ == "InternalError"


def test_options_shape_the_output(sample):
    base = rx.Renderer(format="txt").render(sample).decode()
    redacted = rx.Renderer(format="txt", redact="contact").render(sample).decode()
    assert base != redacted
    only = rx.Renderer(format="txt", sections=["education"]).render(sample).decode()
    assert len(only) < len(base)
    letter = rx.Renderer(paper="letter").render(sample)
    assert letter != rx.Renderer(paper="a4").render(sample)
    de = rx.Renderer(format="txt", lang="de").render(sample).decode()
    assert de != base
    narrow = rx.Renderer(format="txt", width=40).render(sample).decode()
    assert max(len(line) for line in narrow.splitlines()) <= 40
    pdfa = rx.Renderer(pdf_standard=["a-2b"]).render(sample)
    assert b"pdfaid" in pdfa or pdfa != rx.Renderer().render(sample)
    tagged = rx.Renderer(format="txt", tags="nothing-has-this").render(sample).decode()
    assert isinstance(tagged, str)
    fewer = rx.Renderer(format="txt", max_highlights=0).render(sample).decode()
    assert len(fewer) <= len(base)


def test_pickled_renderer_renders_the_same(sample):
    r = rx.Renderer(format="pdf", layout="modern", paper="letter", redact=["name"], timestamp=1700000000)
    back = pickle.loads(pickle.dumps(r))
    assert back == r and back.options == r.options and back.formats == ["pdf"]
    assert back.render(sample) == r.render(sample)
    assert "modern" in repr(r)


def test_pickle_keeps_the_timestamp_resolved_where_made(monkeypatch, sample):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    r = rx.Renderer()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert pickle.loads(pickle.dumps(r)).render(sample) == rx.Renderer(timestamp=1700000000).render(sample)


def test_photo_by_path_needs_base_dir(tmp_path):
    photo = (FIXTURES / "photo" / "portrait.png").read_bytes()
    (tmp_path / "me.png").write_bytes(photo)
    resume = {"basics": {"name": "Ada", "image": "me.png"}}
    r = rx.Renderer(photo="always")
    without = r.render_all(resume)
    assert any("photo" in w for w in without.warnings)
    with_dir = rx.Renderer(photo="always", base_dir=tmp_path).render_all(resume)
    assert not any("photo" in w for w in with_dir.warnings)
    assert len(with_dir.data) > len(without.data)
    outside = rx.Renderer(photo="always", base_dir=tmp_path).render_all({"basics": {"name": "A", "image": "../x.png"}})
    assert any("photo" in w for w in outside.warnings)


def test_validate():
    good = rx.validate((SAMPLES / "jsonresume-sample.json").read_bytes())
    assert good.reader == "jsonresume" and good.valid
    bad = rx.validate('{\n  "basics": {"name": 5}\n}')
    assert not bad.valid
    p = [p for p in bad.problems if p.severity == "error"][0]
    assert p.pointer == "/basics/name" and p.line == 2
    fresh = rx.validate((FIXTURES / "readers" / "fresh" / "jane-fullstacker.json").read_bytes())
    assert fresh.reader == "fresh"
    with pytest.raises(rx.InvalidResumeError):
        rx.validate(b"{")
    with pytest.raises(rx.OptionsError):
        rx.validate(b"{}", shape="nope")


def test_convert():
    out = rx.convert((FIXTURES / "readers" / "fresh" / "jane-fullstacker.json").read_bytes())
    assert out.reader == "fresh" and out.json.endswith("\n")
    assert out.resume["basics"]["name"]
    with pytest.raises(rx.InvalidResumeError):
        rx.convert("{]")


def test_check(sample):
    pdf = rx.Renderer().render(sample)
    report = rx.check(pdf, name="alex.pdf")
    assert report["file"] == "alex.pdf" and report["pages"] >= 1 and report["words"] > 50
    against = rx.check(pdf, against=sample)
    assert against != report
    docx = rx.Renderer(format="docx").render(sample)
    assert rx.check(docx)["words"] > 50
    with pytest.raises(rx.InvalidResumeError):
        rx.check(b"not a pdf")


def test_no_thread_is_started_at_import():
    import subprocess
    import sys

    code = (
        "import os\n"
        "before = len(os.listdir('/proc/self/task'))\n"
        "import resume_export, resume_export.spark\n"
        "resume_export.Renderer().render(b'{\"basics\": {\"name\": \"A\"}}')\n"
        "print(before, len(os.listdir('/proc/self/task')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, after = map(int, out.stdout.split())
    assert after == before
