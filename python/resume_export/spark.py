"""resume_export on Apache Spark: render a DataFrame's resumes with Arrow.

:func:`render` adds three columns to a DataFrame that has a resume column
(binary, as ``spark.read.format("binaryFile")`` gives, or string): the
rendered file (binary), its warnings (array of strings) and an error
(string, null when the row rendered). A bad row gets an error; it never fails
the job. The batches go through ``mapInArrow``: no pandas, no row-by-row
Python objects beyond the resume's bytes.

The renderer is pickled as its options and rebuilt once per Python worker
process (Spark reuses its workers across tasks), never per row.

:func:`write_files` writes the files out under names that depend only on a
key column (for example the input's ``path``), each through a temporary file
renamed into place: a retried or speculative task overwrites the same file
rather than adding another.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from typing import TYPE_CHECKING, Any, Iterator, Optional

from . import Renderer, OptionsError

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow
    from pyspark.sql import DataFrame

__all__ = ["render", "write_files", "file_name"]


def render(
    df: "DataFrame",
    column: str = "resume",
    renderer: Optional[Renderer] = None,
    *,
    file: str = "file",
    warnings: str = "warnings",
    error: str = "error",
    syntax: Optional[str] = None,
) -> "DataFrame":
    """Returns ``df`` with the rendered file, warnings and error of each row's resume.

    :param df: a DataFrame with a ``column`` of type binary or string.
    :param renderer: the options (one format); default ``Renderer()``: PDF, classic.
    :param file: name of the new binary column (null when the row failed).
    :param warnings: name of the new array-of-strings column.
    :param error: name of the new string column: ``"InvalidResumeError: …"``,
        or null when the row rendered.
    :param syntax: ``"json"``, ``"yaml"``, ``"toml"`` or ``"markdown"`` for
        every row; None guesses per row.
    """
    from pyspark.sql.types import ArrayType, BinaryType, StringType, StructField, StructType

    renderer = renderer if renderer is not None else Renderer()
    if len(renderer.formats) != 1:
        raise OptionsError(
            "the Spark helper makes one file per row; this renderer makes "
            + ", ".join(renderer.formats)
        )
    if column not in df.columns:
        raise OptionsError(f"no column `{column}`; the DataFrame has {', '.join(df.columns)}")
    kind = df.schema[column].dataType
    if not isinstance(kind, (BinaryType, StringType)):
        raise OptionsError(f"column `{column}` is {kind.simpleString()}; it must be binary or string")
    for name in (file, warnings, error):
        if name in df.columns:
            raise OptionsError(f"the DataFrame already has a column `{name}`")
    schema = StructType(
        list(df.schema.fields)
        + [
            StructField(file, BinaryType(), True),
            StructField(warnings, ArrayType(StringType(), False), False),
            StructField(error, StringType(), True),
        ]
    )

    def batches(it: Iterator["pyarrow.RecordBatch"]) -> Iterator["pyarrow.RecordBatch"]:
        for batch in it:
            yield _render_batch(batch, column, renderer, syntax, (file, warnings, error))

    return df.mapInArrow(batches, schema)


def _render_batch(
    batch: "pyarrow.RecordBatch",
    column: str,
    renderer: Renderer,
    syntax: Optional[str],
    names: tuple[str, str, str],
) -> "pyarrow.RecordBatch":
    """One Arrow batch with the three columns added (runs on a worker)."""
    import pyarrow as pa

    values = batch.column(batch.schema.get_field_index(column)).to_pylist()
    present = [v for v in values if v is not None]
    results = iter(renderer.render_many(present, threads=1, syntax=syntax))
    files: list[Optional[bytes]] = []
    warns: list[list[str]] = []
    errors: list[Optional[str]] = []
    for value in values:
        if value is None:
            files.append(None)
            warns.append([])
            errors.append("InvalidResumeError: no resume (the column is null)")
            continue
        result = next(results)
        warns.append(result.warnings)
        if result.error is None:
            files.append(result.data)
            errors.append(None)
        else:
            files.append(None)
            errors.append(f"{type(result.error).__name__}: {result.error}")
    arrays = list(batch.columns) + [
        pa.array(files, pa.binary()),
        pa.array(warns, pa.list_(pa.field("element", pa.string(), nullable=False))),
        pa.array(errors, pa.string()),
    ]
    return pa.RecordBatch.from_arrays(arrays, names=list(batch.schema.names) + list(names))


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def file_name(key: str, extension: str = "pdf", *, hashed: bool = False) -> str:
    """The file name for a row's key: the key's last path part without its
    extension, made safe (``file:/in/Ada Lovelace.json`` → ``Ada-Lovelace.pdf``).

    With ``hashed`` the name also carries 8 hex digits of the key's SHA-256,
    so keys with the same last part (``a/cv.json``, ``b/cv.json``) stay apart.
    The name depends on the key alone: the same row always gets the same name.
    """
    last = key.rstrip("/").rsplit("/", 1)[-1]
    stem = last.rsplit(".", 1)[0] if "." in last.strip(".") else last
    stem = _UNSAFE.sub("-", stem).strip("-.") or "resume"
    if hashed:
        stem += "-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
    return f"{stem}.{extension.lstrip('.')}"


def write_files(
    df: "DataFrame",
    directory: str,
    *,
    key: str = "path",
    file: str = "file",
    extension: str = "pdf",
    hashed: bool = False,
) -> None:
    """Writes each row's file to ``directory/<file_name(key)>`` from the workers.

    Rows without a file (an error) are skipped. Each file is written to a
    temporary name in ``directory`` and renamed into place, so a reader never
    sees half a file and a retried task overwrites what it wrote before.
    ``directory`` must be a file system every worker sees at the same path
    (local mode, NFS, a mounted bucket); for an object store, write Parquet
    with the file column instead (see the README).
    """
    if key not in df.columns or file not in df.columns:
        raise OptionsError(f"write_files needs columns `{key}` and `{file}`")
    os.makedirs(directory, exist_ok=True)

    def write(rows: Iterator[Any]) -> None:
        for row in rows:
            data = row[1]
            if data is None:
                continue
            _write_atomic(os.path.join(directory, file_name(str(row[0]), extension, hashed=hashed)), data)

    df.select(key, file).foreachPartition(write)


def _write_atomic(path: str, data: bytes) -> None:
    folder = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".part")
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
