"""resume_export: turn a resume into recruiter-ready files, in process.

The Rust engine of the ``resume-export`` command, loaded as a native module:
no subprocess, no server. The same options give the same bytes as the
command line.

>>> import resume_export
>>> pdf = resume_export.Renderer().render(b'{"basics": {"name": "Ada Lovelace"}}')
>>> pdf[:5]
b'%PDF-'

A resume may be ``bytes``, ``str`` (JSON, YAML, TOML or Markdown, in any
shape the readers know: JSON Resume, FRESH, RenderCV, Reactive Resume, …)
or a ``dict`` (an already parsed resume in any of those shapes).

Nothing here reads or writes a file, or the network, unless asked: a photo
named by path in a resume is read only from an explicit ``base_dir``. No
thread is started at import; :meth:`Renderer.render_many` starts its own
threads and joins them before it returns, and renders release the GIL.
"""

from __future__ import annotations

import datetime as _datetime
import json as _json
import os as _os
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from . import _native
from ._native import (
    DoesNotFitError,
    InternalError,
    InvalidLetterError,
    InvalidResumeError,
    OptionsError,
    ResumeExportError,
)

__all__ = [
    "Renderer",
    "Rendered",
    "Validation",
    "Problem",
    "Converted",
    "validate",
    "convert",
    "check",
    "formats",
    "layouts",
    "ResumeExportError",
    "OptionsError",
    "InvalidResumeError",
    "InvalidLetterError",
    "DoesNotFitError",
    "InternalError",
]

__version__ = _native.ENGINE_VERSION

#: What a resume may be: its text or bytes (JSON, YAML, TOML, Markdown), or a parsed ``dict``.
Resume = Union[bytes, bytearray, memoryview, str, Mapping[str, Any]]
#: One name, names separated by commas, or a sequence of names.
Names = Union[str, Sequence[str]]
PathLike = Union[str, "_os.PathLike[str]"]


def _names(value: Optional[Names]) -> list[str]:
    """``"pdf,docx"`` or ``["pdf", "docx"]`` as a list (the command line's comma lists)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [v for v in (p.strip() for p in value.split(",")) if v]
    return [str(v) for v in value]


def _json_default(value: Any) -> Any:
    if isinstance(value, (_datetime.date, _datetime.datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON-serialisable")


def _source(resume: Any, syntax: Optional[str]) -> tuple[bytes, Optional[str]]:
    """A resume as (bytes, syntax) for the engine; raises InvalidResumeError for another type."""
    if isinstance(resume, bytes):
        return resume, syntax
    if isinstance(resume, (bytearray, memoryview)):
        return bytes(resume), syntax
    if isinstance(resume, str):
        return resume.encode("utf-8", "surrogatepass"), syntax
    if isinstance(resume, Mapping):
        try:
            text = _json.dumps(resume, ensure_ascii=False, default=_json_default)
        except (TypeError, ValueError) as e:
            raise _invalid(f"the resume dict cannot be read as JSON: {e}") from None
        return text.encode("utf-8", "surrogatepass"), "json"
    raise _invalid(
        f"a resume is bytes, str or dict, not {type(resume).__name__}"
    )


def _invalid(message: str) -> InvalidResumeError:
    error = InvalidResumeError(message)
    error.line = None
    error.column = None
    return error


@dataclass(frozen=True)
class Rendered:
    """One resume's files, or why it has none (from :meth:`Renderer.render_many`).

    ``files`` maps each format (``"pdf"``, ``"docx"``, …) to its bytes, in the
    order asked; ``warnings`` are the reader's, builder's and each format's
    (prefixed ``"pdf: "`` etc.); ``notes`` is advice per format that is no
    fault; ``error`` is the exception when the resume failed (then ``files``
    is empty).
    """

    files: dict[str, bytes]
    warnings: list[str]
    notes: dict[str, list[str]] = field(default_factory=dict)
    error: Optional[ResumeExportError] = None

    @property
    def ok(self) -> bool:
        """Whether the resume rendered."""
        return self.error is None

    @property
    def data(self) -> bytes:
        """The first format's bytes; raises :attr:`error` if the resume failed."""
        if self.error is not None:
            raise self.error
        return next(iter(self.files.values()))


def _rendered(native: tuple[list[tuple[str, bytes]], list[str], list[list[str]]]) -> Rendered:
    files, warnings, notes = native
    return Rendered(
        files=dict(files),
        warnings=list(warnings),
        notes={name: list(n) for (name, _), n in zip(files, notes)},
    )


# Renderers rebuilt from pickles, by their options: a Spark worker that
# unpickles the same renderer for every task builds its engine job once.
_built: dict[str, "_native.Job"] = {}


def _key(options: Mapping[str, Any]) -> str:
    return _json.dumps(options, sort_keys=True, default=str)


#: The options that name files: read again whenever a renderer is made.
_FILES = ("brand", "font_dir", "template")


def _job(options: Mapping[str, Any], fresh: bool = False) -> "_native.Job":
    """The engine job of these options, from the cache unless ``fresh``
    (a renderer made in this process reads its files again; the cache serves
    unpickling, once per worker)."""
    key = _key(options)
    job = None if fresh else _built.get(key)
    if job is None:
        job = _native.Job(**options)
        if len(_built) < 64 or key in _built:
            _built[key] = job
    return job


def _path(name: str, value: Optional[PathLike]) -> Optional[str]:
    """A path option as text; an OptionsError for another type."""
    if value is None:
        return None
    try:
        return _os.fspath(value)
    except TypeError:
        raise OptionsError(f"{name} is a path (str or os.PathLike), not {type(value).__name__}") from None


class Renderer:
    """Renders resumes with options checked once.

    The options are those of ``resume-export`` (the command line) and of the
    server, checked by the same code; an option that is not valid raises
    :class:`OptionsError` here, before any resume is read.

    :param format: ``"pdf"``, ``"docx"``, ``"html"``, ``"md"``, ``"txt"``,
        ``"all"``, or several (a list or ``"pdf,docx"``). See :func:`formats`.
        None: PDF, or only the template's output when ``template`` is given.
    :param layout: a built-in layout (see :func:`layouts`), or a layout
        folder (a path: ``layout.toml``, ``markdown.hbs``, ``text.hbs``,
        ``html.css``, ``i18n/*.toml``, as ``resume-export layouts --export``
        writes it), as the command line's ``--layout``.
    :param lang: the labels' language (``"de"``, ``"fr"``…) instead of the resume's own.
    :param redact: ``"contact"``, ``"name"`` or ``"all"`` (one or several).
    :param paper: ``"a4"`` or ``"letter"``; None: the layout's.
    :param max_pages: fit the PDF in this many pages or raise :class:`DoesNotFitError`.
    :param sections: the sections to show, in order (``"work,education"`` or a list).
    :param tags: keep only entries with one of these tags.
    :param pdf_standard: claims of the PDF: ``"ua-1"``, ``"a-2b"``, ``"a-2u"``,
        ``"a-2a"``, ``"none"``; None: the default claims.
    :param timestamp: creation time in the files' metadata (seconds since
        1970); None: ``SOURCE_DATE_EPOCH`` if set when the renderer is made,
        else a fixed date, as the command line does. Output never depends on
        the clock.
    :param photo: ``"auto"``, ``"always"`` or ``"never"``; None: the layout's.
    :param max_highlights: at most this many highlights per entry.
    :param width: columns of plain-text output (20 to 1000; default 80).
    :param shape: read the input as this shape (``"fresh"``, ``"rendercv"``…)
        instead of recognising it.
    :param max_input_bytes: the largest resume read (default 5 MB, as the command line).
    :param base_dir: where a photo the resume names by path is read from
        (that folder or below it). Without it no file is read: only a photo
        given as a ``data:`` URI shows.
    :param parallel: render the formats of one resume side by side on the
        engine's thread pool (off: Spark and other forking hosts must not
        inherit threads).
    :param template: a handlebars template (``cv.html.hbs``), as ``--template``:
        one more output per resume, named in :attr:`formats` and in
        :attr:`Rendered.files` by the extension before ``.hbs`` (``"html"``).
        See docs/templates.md.
    :param brand: an agency's letterhead for PDF, DOCX and HTML: a
        ``brand.toml``, or a folder holding one, as ``--brand``.
    :param font_dir: a folder of ``.ttf``/``.otf`` fonts the PDF may use for
        scripts the bundled fonts lack, as ``--font-dir``.
    :param reference: the letterhead's ``{ref}``, as ``--ref``; None: the
        resume's ``meta.ref``.

    The files these name (a layout folder, ``template``, ``brand``,
    ``font_dir``) are read when the renderer is made; a missing or broken
    one raises :class:`OptionsError` naming it. A pickled renderer carries
    the paths, not the files: where it is unpickled (a Spark worker) the
    paths must lead to the same files.

    A renderer is immutable, can be shared by threads and can be pickled
    (it pickles as its options).
    """

    __slots__ = ("_options", "_job")

    def __init__(
        self,
        format: Optional[Names] = None,
        layout: PathLike = "classic",
        lang: Optional[str] = None,
        redact: Names = (),
        paper: Optional[str] = None,
        max_pages: Optional[int] = None,
        sections: Optional[Names] = None,
        tags: Optional[Names] = None,
        pdf_standard: Optional[Names] = None,
        timestamp: Optional[int] = None,
        *,
        photo: Optional[str] = None,
        max_highlights: Optional[int] = None,
        width: Optional[int] = None,
        shape: Optional[str] = None,
        max_input_bytes: Optional[int] = None,
        base_dir: Optional[PathLike] = None,
        parallel: bool = False,
        template: Optional[PathLike] = None,
        brand: Optional[PathLike] = None,
        font_dir: Optional[PathLike] = None,
        reference: Optional[str] = None,
    ) -> None:
        for name, value in (("max_pages", max_pages), ("max_highlights", max_highlights),
                            ("width", width), ("max_input_bytes", max_input_bytes), ("timestamp", timestamp)):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                      or (value < 0 and name != "timestamp")):
                raise OptionsError(f"{name} must be a whole number, not {value!r}")
        if timestamp is None:
            timestamp = _native.source_date_epoch(_os.environ.get("SOURCE_DATE_EPOCH"))
        files = {name: _path(name, value) for name, value in
                 (("template", template), ("brand", brand), ("font_dir", font_dir))}
        if format is None:
            formats = [] if template is not None else ["pdf"]
        else:
            formats = _names(format) or [""]
        options = {
            "formats": formats,
            "layout": _path("layout", layout),
            "lang": lang,
            "redact": _names(redact),
            "paper": paper,
            "max_pages": max_pages,
            "sections": None if sections is None else _names(sections),
            "tags": _names(tags),
            "pdf_standard": _names(pdf_standard),
            "timestamp": timestamp,
            "photo": photo,
            "max_highlights": max_highlights,
            "width": width,
            "shape": shape,
            "max_input_bytes": max_input_bytes,
            "base_dir": None if base_dir is None else _os.fspath(base_dir),
            "parallel": bool(parallel),
            **files,
            "reference": reference,
        }
        try:
            job = _job(options, fresh=any(files.values()) or not _builtin(options["layout"]))
        except (TypeError, OverflowError) as e:
            raise OptionsError(str(e)) from None
        self._options = options
        self._job = job

    @property
    def formats(self) -> list[str]:
        """The formats this renderer makes, in order."""
        return list(self._job.formats)

    @property
    def options(self) -> dict[str, Any]:
        """The options as checked (what a pickle carries)."""
        return dict(self._options)

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self._options.items() if v not in (None, [], False))
        return f"Renderer({shown})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Renderer) and self._options == other._options

    def __hash__(self) -> int:
        return hash(_key(self._options))

    def __reduce__(self) -> tuple[Any, ...]:
        return (_renderer_from, (self._options,))

    def render(self, resume: Resume, *, syntax: Optional[str] = None) -> bytes:
        """Renders one resume in this renderer's one format and returns the file's bytes.

        :param resume: bytes, str or dict (see the module's documentation).
        :param syntax: ``"json"``, ``"yaml"``, ``"toml"`` or ``"markdown"``; None guesses.
        :raises InvalidResumeError: the resume cannot be read (with ``line``, ``column``).
        :raises DoesNotFitError: ``max_pages`` cannot be met.
        :raises OptionsError: the renderer makes several formats (use :meth:`render_all`).
        """
        if len(self._job.formats) != 1:
            raise OptionsError(
                "render gives one file; this renderer makes "
                + ", ".join(self._job.formats)
                + ": use render_all"
            )
        data, syntax = _source(resume, syntax)
        files, _, _ = self._job.render(data, syntax)
        return files[0][1]

    def render_all(self, resume: Resume, *, syntax: Optional[str] = None) -> Rendered:
        """Renders one resume in every format asked, with its warnings and notes.

        Raises as :meth:`render` does when the resume fails.
        """
        data, syntax = _source(resume, syntax)
        return _rendered(self._job.render(data, syntax))

    def render_letter(
        self,
        letter: Union[str, bytes, Mapping[str, Any]],
        resume: Optional[Resume] = None,
        *,
        syntax: Optional[str] = None,
        application: bool = False,
    ) -> bytes:
        """Renders a cover letter in this renderer's one format, in the
        resume's look, and returns the file's bytes (as ``resume-export
        letter.md``; with ``application``, as ``resume-export --letter``).

        :param letter: a ``str`` is the letter's Markdown (YAML front matter
            with ``recipient``, ``subject``, ``date``…, then the body), never
            read as JSON or YAML; a ``dict`` is its fields with the body in
            ``body``; ``bytes`` (a file's content) are recognised: Markdown
            with front matter, or the fields as JSON, YAML or TOML. A
            ``signature.image`` is read from ``base_dir`` only, as a photo is.
        :param resume: the resume its sender block (name, contacts, photo)
            comes from: bytes, str or dict, as :meth:`render` takes. A
            ``resume:`` file named in the letter is not read; pass it here.
        :param syntax: the resume's syntax; None guesses.
        :param application: one file holding the letter, then the resume
            (PDF with an outline entry each, DOCX with a section each, HTML
            one page, Markdown and text one after the other).
        :raises InvalidLetterError: the letter cannot be read (with ``line``,
            and ``column`` for a syntax error).
        :raises InvalidResumeError: the resume cannot be read.
        :raises OptionsError: several formats (use :meth:`render_letter_all`),
            an application without a resume, or a renderer with a template.
        """
        if len(self._job.formats) != 1:
            raise OptionsError(
                "render_letter gives one file; this renderer makes "
                + ", ".join(self._job.formats)
                + ": use render_letter_all"
            )
        return self.render_letter_all(letter, resume, syntax=syntax, application=application).data

    def render_application(
        self,
        letter: Union[str, bytes, Mapping[str, Any]],
        resume: Resume,
        *,
        syntax: Optional[str] = None,
    ) -> bytes:
        """The letter, then the resume, in one file: :meth:`render_letter` with ``application=True``."""
        return self.render_letter(letter, resume, syntax=syntax, application=True)

    def render_letter_all(
        self,
        letter: Union[str, bytes, Mapping[str, Any]],
        resume: Optional[Resume] = None,
        *,
        syntax: Optional[str] = None,
        application: bool = False,
    ) -> Rendered:
        """:meth:`render_letter` in every format asked, with warnings and notes."""
        data, name = _letter_source(letter)
        if resume is None:
            return _rendered(self._job.render_letter(data, None, None, bool(application), name))
        resume_data, resume_syntax = _source(resume, syntax)
        return _rendered(self._job.render_letter(data, resume_data, resume_syntax, bool(application), name))

    def render_many(
        self,
        resumes: Iterable[Resume],
        threads: int = 1,
        *,
        syntax: Optional[str] = None,
    ) -> list[Rendered]:
        """Renders many resumes on ``threads`` threads (the GIL released).

        Returns one :class:`Rendered` per input, in input order; a resume that
        fails has its exception in ``error`` and nothing is raised for it.
        The threads are started for this call and joined before it returns.
        """
        if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
            raise OptionsError(f"threads must be a whole number of at least 1, not {threads!r}")
        items: list[tuple[bytes, Optional[str]]] = []
        early: dict[int, ResumeExportError] = {}
        for i, resume in enumerate(resumes):
            try:
                items.append(_source(resume, syntax))
            except ResumeExportError as e:
                early[i] = e
                items.append((b"", syntax))
        results = self._job.render_many(items, threads)
        out: list[Rendered] = []
        for i, result in enumerate(results):
            if i in early:
                out.append(Rendered(files={}, warnings=[], error=early[i]))
            elif isinstance(result, BaseException):
                out.append(Rendered(files={}, warnings=[], error=result))  # type: ignore[arg-type]
            else:
                out.append(_rendered(result))
        return out


def _letter_source(letter: Any) -> tuple[bytes, str]:
    """A letter as (bytes, the name it is read by), as the server reads one: a
    str is Markdown text (front matter allowed), never JSON or YAML however it
    opens; a dict is its fields; bytes (a file's content) are recognised."""
    if isinstance(letter, Mapping):
        try:
            text = _json.dumps(letter, ensure_ascii=False, default=_json_default)
        except (TypeError, ValueError) as e:
            raise _letter_invalid(f"the letter dict cannot be read as JSON: {e}") from None
        return text.encode("utf-8", "surrogatepass"), "letter.json"
    if isinstance(letter, (bytes, bytearray, memoryview)):
        return bytes(letter), "letter"
    if isinstance(letter, str):
        return letter.encode("utf-8", "surrogatepass"), "letter.md"
    raise _letter_invalid(f"a letter is bytes, str or dict, not {type(letter).__name__}")


def _letter_invalid(message: str) -> InvalidLetterError:
    error = InvalidLetterError(message)
    error.line = None
    error.column = None
    return error


def _builtin(layout: Optional[str]) -> bool:
    return layout in {name for name, _ in _native.layouts()}


def _renderer_from(options: Mapping[str, Any]) -> Renderer:
    """Unpickles a renderer (its options are checked again, where it lands)."""
    renderer = Renderer.__new__(Renderer)
    renderer._options = dict(options)
    renderer._job = _job(renderer._options)
    return renderer


@dataclass(frozen=True)
class Problem:
    """One schema problem: ``severity`` is ``"error"`` or ``"warning"``."""

    severity: str
    pointer: str
    line: Optional[int]
    column: Optional[int]
    message: str


@dataclass(frozen=True)
class Validation:
    """What :func:`validate` found: the shape read (``reader``), what it left
    out (``notes``) and the schema problems; ``valid`` when none is an error."""

    reader: str
    notes: list[str]
    problems: list[Problem]

    @property
    def valid(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


@dataclass(frozen=True)
class Converted:
    """A resume written as JSON Resume by :func:`convert`: ``json`` is the
    text ``resume-export convert`` prints; ``reader`` the shape it was read as."""

    json: str
    reader: str
    warnings: list[str]

    @property
    def resume(self) -> dict[str, Any]:
        """The JSON Resume, parsed."""
        result: dict[str, Any] = _json.loads(self.json)
        return result


def validate(resume: Resume, *, syntax: Optional[str] = None, shape: Optional[str] = None) -> Validation:
    """Checks a resume against the schema of what resume-export accepts, as
    ``resume-export validate`` does. Another tool's shape is checked as the
    JSON Resume it converts to.

    :raises InvalidResumeError: the resume cannot be parsed at all.
    """
    data, syntax = _source(resume, syntax)
    reader, notes, problems = _native.validate(data, syntax, shape)
    return Validation(reader, list(notes), [Problem(*p) for p in problems])


def convert(resume: Resume, *, syntax: Optional[str] = None, shape: Optional[str] = None) -> Converted:
    """Reads a resume in any shape the readers know and writes it as JSON
    Resume, as ``resume-export convert`` does.

    :raises InvalidResumeError: the resume cannot be parsed.
    """
    data, syntax = _source(resume, syntax)
    text, reader, warnings = _native.convert(data, syntax, shape)
    return Converted(text, reader, list(warnings))


def check(
    document: Union[bytes, bytearray, memoryview],
    *,
    name: str = "resume",
    against: Optional[Resume] = None,
) -> dict[str, Any]:
    """Audits a PDF or DOCX resume as an applicant-tracking system reads it, as
    ``resume-export check --json`` does, and returns the report (a dict:
    pages, words, fonts, contacts, headings, findings…).

    :param name: the file's name in the report.
    :param against: the resume the file was made from; the report then says
        which of its facts the file shows.
    :raises InvalidResumeError: the bytes are no PDF or DOCX that can be read.
    """
    against_bytes = None
    if against is not None:
        against_bytes, _ = _source(against, None)
    report: dict[str, Any] = _json.loads(_native.check(bytes(document), name, against_bytes))
    return report


def formats() -> list[str]:
    """The output formats, in the order ``format="all"`` renders them."""
    return list(_native.formats())


def layouts() -> list[str]:
    """The names of the built-in layouts."""
    return [name for name, _ in _native.layouts()]
