"""resume_export.spark in a real Spark, local[2] (skipped without PySpark and Java,
unless RESUME_EXPORT_SPARK=required, as in .ci/run)."""

from __future__ import annotations

import json
import os
import shutil
import sys

import pytest

import resume_export as rx
from conftest import SAMPLES, corpus

required = os.environ.get("RESUME_EXPORT_SPARK") == "required"
if not required:
    pytest.importorskip("pyspark")
    if not shutil.which("java"):
        pytest.skip("no java for Spark", allow_module_level=True)

from pyspark.sql import SparkSession  # noqa: E402

from resume_export import spark as rxs  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    # The workers run the same Python as the tests (the virtual environment with the wheel).
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("resume_export tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture
def folder(tmp_path):
    """A folder of JSON resumes: the samples, a few corpus files, one broken."""
    d = tmp_path / "in"
    d.mkdir()
    for src in sorted(SAMPLES.glob("*.json")) + corpus(10):
        if not src.read_bytes().lstrip().startswith(b"["):
            shutil.copy(src, d / src.name)
    (d / "broken.json").write_bytes(b'{"basics": {"name": "Bo",}')
    return d


def test_folder_to_pdfs_with_a_bad_row(spark, folder, tmp_path):
    df = spark.read.format("binaryFile").option("pathGlobFilter", "*.json").load(str(folder))
    out = rxs.render(df, "content", rx.Renderer(timestamp=1700000000)).cache()
    rows = {r["path"].rsplit("/", 1)[-1]: r for r in out.select("path", "file", "warnings", "error").collect()}
    assert len(rows) == len(list(folder.iterdir()))
    bad = rows.pop("broken.json")
    assert bad["file"] is None and bad["error"].startswith("InvalidResumeError") and "line 1" in bad["error"]
    renderer = rx.Renderer(timestamp=1700000000)
    for name, row in rows.items():
        assert row["error"] is None, (name, row["error"])
        assert bytes(row["file"]) == renderer.render((folder / name).read_bytes()), name
        assert isinstance(row["warnings"], list)

    target = tmp_path / "pdfs"
    rxs.write_files(out, str(target))
    first = sorted(p.name for p in target.iterdir())
    assert first == sorted(rxs.file_name(n) for n in rows)
    # A retried job writes the same names again: overwritten, not duplicated.
    rxs.write_files(out, str(target))
    assert sorted(p.name for p in target.iterdir()) == first
    assert (target / "alex-rn.pdf").read_bytes() == renderer.render((folder / "alex-rn.json").read_bytes())


def test_table_to_parquet_with_a_pdf_column(spark, tmp_path):
    resumes = [(1, (SAMPLES / "alex-rn.json").read_text()), (2, json.dumps({"basics": {"name": "Ada"}})), (3, "{ nope"), (4, None)]
    people = spark.createDataFrame(resumes, "id INT, resume STRING").repartition(2)
    pdfs = rxs.render(people, "resume", rx.Renderer(redact="contact", timestamp=1))
    path = str(tmp_path / "pdfs.parquet")
    pdfs.select("id", "file", "warnings", "error").write.mode("overwrite").parquet(path)
    back = {r["id"]: r for r in spark.read.parquet(path).collect()}
    assert bytes(back[1]["file"]).startswith(b"%PDF-") and back[1]["error"] is None
    assert bytes(back[2]["file"]) == rx.Renderer(redact="contact", timestamp=1).render(resumes[1][1])
    assert back[3]["file"] is None and "InvalidResumeError" in back[3]["error"]
    assert back[4]["file"] is None and "null" in back[4]["error"]


def test_other_formats_and_bad_calls(spark):
    df = spark.createDataFrame([((SAMPLES / "alex-rn.json").read_bytes(),)], "resume BINARY")
    md = rxs.render(df, renderer=rx.Renderer(format="md")).collect()[0]
    assert bytes(md["file"]).decode().startswith("#")
    with pytest.raises(rx.OptionsError):
        rxs.render(df, renderer=rx.Renderer(format="pdf,docx"))
    with pytest.raises(rx.OptionsError):
        rxs.render(df, "missing")
    with pytest.raises(rx.OptionsError):
        rxs.render(spark.createDataFrame([(1,)], "resume INT"))


def test_file_names_are_deterministic():
    assert rxs.file_name("file:/data/in/Ada Lovelace.json") == "Ada-Lovelace.pdf"
    assert rxs.file_name("a/cv.json", "docx") == "cv.docx"
    assert rxs.file_name("a/cv.json", hashed=True) != rxs.file_name("b/cv.json", hashed=True)
    assert rxs.file_name("a/cv.json", hashed=True) == rxs.file_name("a/cv.json", hashed=True)
    assert rxs.file_name("../..") == "resume.pdf"


def test_file_options_reach_the_workers(spark, tmp_path):
    """A renderer with a template, a layout folder and a brand pickles as its
    paths; the workers read the same files and give the driver's bytes."""
    layout = tmp_path / "mine"
    layout.mkdir()
    (layout / "layout.toml").write_text('extends = "classic"\n[style]\nbullet = "»"\n')
    template = tmp_path / "card.txt.hbs"
    # The layout folder's bullet; the brand's accent (over the layout's).
    template.write_text("{{header.name}} {{layout.style.bullet}} {{layout.colors.accent}}\n")
    renderer = rx.Renderer(template=template, layout=layout, brand=SAMPLES / "brand", timestamp=1700000000)
    resumes = [s.read_bytes() for s in sorted(SAMPLES.glob("*.json"))]
    df = spark.createDataFrame([(r,) for r in resumes], "resume binary")
    got = [r["file"] for r in rxs.render(df, "resume", renderer).select("file").collect()]
    assert got == [renderer.render(r) for r in resumes]
    assert all(g.endswith(" » #142d50\n".encode()) for g in got)
