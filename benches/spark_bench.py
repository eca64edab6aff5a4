#!/usr/bin/env python3
"""Spark local[2] over N corpus resumes against the command line's own batch (issue 28).

    python benches/spark_bench.py BIN [--n 10000] [--work target/spark-bench] [--write]

Makes N input files by repeating ../shared/corpus/real (hard links), then in
the same run: `BIN -q -j 2 -f pdf -d OUT IN` (the command line's batch), and
Spark local[2] reading the folder with binaryFile, rendering with
resume_export.spark.render and writing (a) nothing (the `noop` sink) and
(b) PDFs with write_files. The worker-side time inside the engine is summed
with an accumulator, so the report says where Spark's time goes.
Run with the wheel and pyspark installed; prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def inputs(n: int, work: Path) -> Path:
    shared = Path(os.environ.get("RESUME_EXPORT_SHARED", ROOT.parent / "shared"))
    files = [f for f in sorted((shared / "corpus" / "real").glob("*.json")) if not f.read_bytes().lstrip().startswith(b"[")]
    if not files:
        sys.exit("no corpus in ../shared/corpus/real")
    folder = work / "in"
    if folder.is_dir() and len(list(folder.iterdir())) == n:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for i in range(n):
        src = files[i % len(files)]
        os.link(src, folder / f"{i:05d}-{src.name}")
    return folder


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("bin")
    p.add_argument("--n", type=int, default=10_000)
    p.add_argument("--work", default=str(ROOT / "target" / "spark-bench"))
    p.add_argument("--write", action="store_true", help="also time render + write_files")
    args = p.parse_args()
    work = Path(args.work)
    folder = inputs(args.n, work)
    report: dict[str, object] = {"resumes": args.n, "cores": os.cpu_count(), "load_before": os.getloadavg()[0]}

    out_cli = work / "out-cli"
    shutil.rmtree(out_cli, ignore_errors=True)
    t = time.perf_counter()
    subprocess.run([args.bin, "-q", "-j", "2", "-f", "pdf", "-d", str(out_cli), str(folder)], check=True)
    cli_s = time.perf_counter() - t
    report["cli_batch_s"] = round(cli_s, 1)
    report["cli_resumes_per_s"] = round(args.n / cli_s, 1)

    os.environ["PYSPARK_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    import resume_export as rx
    from resume_export import spark as rxs

    t = time.perf_counter()
    spark = (SparkSession.builder.master("local[2]").appName("resume_export bench")
             .config("spark.ui.enabled", "false").config("spark.driver.memory", "2g").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    report["spark_start_s"] = round(time.perf_counter() - t, 1)
    sc = spark.sparkContext

    def df():
        return spark.read.format("binaryFile").option("pathGlobFilter", "*.json").load(str(folder))

    print(json.dumps(report), file=sys.stderr, flush=True)
    t = time.perf_counter()
    rows = df().select("path", "content").count()
    report["spark_scan_only_s"] = round(time.perf_counter() - t, 1)
    assert rows == args.n, rows

    engine = sc.accumulator(0.0)
    renderer = rx.Renderer()
    from pyspark.sql.types import ArrayType, BinaryType, StringType, StructField, StructType

    base = df().select("path", "content")
    schema = StructType(list(base.schema.fields) + [StructField("file", BinaryType()), StructField("warnings", ArrayType(StringType(), False)), StructField("error", StringType())])

    def timed(it):
        for batch in it:
            t0 = time.perf_counter()
            out = rxs._render_batch(batch, "content", renderer, None, ("file", "warnings", "error"))
            engine.add(time.perf_counter() - t0)
            yield out

    t = time.perf_counter()
    base.mapInArrow(timed, schema).write.format("noop").mode("overwrite").save()
    render_s = time.perf_counter() - t
    report["spark_render_noop_s"] = round(render_s, 1)
    report["spark_render_resumes_per_s"] = round(args.n / render_s, 1)
    report["engine_s_summed_over_2_workers"] = round(engine.value, 1)
    print(json.dumps(report), file=sys.stderr, flush=True)

    if not args.write:
        spark.stop()
        report["load_after"] = os.getloadavg()[0]
        print(json.dumps(report))
        return 0
    out_spark = work / "out-spark"
    shutil.rmtree(out_spark, ignore_errors=True)
    t = time.perf_counter()
    rendered = rxs.render(df(), "content", renderer)
    rxs.write_files(rendered, str(out_spark))
    write_s = time.perf_counter() - t
    report["spark_render_and_write_files_s"] = round(write_s, 1)
    report["spark_render_and_write_resumes_per_s"] = round(args.n / write_s, 1)
    report["pdfs_written"] = len(list(out_spark.iterdir()))
    report["load_after"] = os.getloadavg()[0]
    spark.stop()
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
