"""Type stubs of the native module (built from python/src with pyo3)."""

from typing import Optional

ENGINE_VERSION: str

class ResumeExportError(Exception):
    """Base of every error resume_export raises."""

    line: Optional[int]
    column: Optional[int]

class OptionsError(ResumeExportError):
    """An option is not valid (an unknown format, layout, paper, language…)."""

class InvalidResumeError(ResumeExportError):
    """The resume cannot be read; ``line`` and ``column`` say where, when known."""

class InvalidLetterError(InvalidResumeError):
    """The cover letter cannot be read; ``line`` (and ``column``) say where, when known."""

class DoesNotFitError(ResumeExportError):
    """The resume does not fit in ``max_pages`` pages."""

class InternalError(ResumeExportError):
    """A bug in resume-export (a caught Rust panic); please report it."""

_Files = tuple[list[tuple[str, bytes]], list[str], list[list[str]]]

class Job:
    def __init__(
        self,
        formats: list[str],
        layout: str,
        lang: Optional[str],
        redact: list[str],
        paper: Optional[str],
        max_pages: Optional[int],
        sections: Optional[list[str]],
        tags: list[str],
        pdf_standard: list[str],
        timestamp: Optional[int],
        photo: Optional[str],
        max_highlights: Optional[int],
        width: Optional[int],
        shape: Optional[str],
        max_input_bytes: Optional[int],
        base_dir: Optional[str],
        parallel: bool,
        brand: Optional[str] = None,
        font_dir: Optional[str] = None,
        template: Optional[str] = None,
        reference: Optional[str] = None,
    ) -> None: ...
    @property
    def formats(self) -> list[str]: ...
    def render(self, data: bytes, syntax: Optional[str] = None) -> _Files: ...
    def render_letter(
        self,
        data: bytes,
        resume: Optional[bytes] = None,
        resume_syntax: Optional[str] = None,
        application: bool = False,
        name: str = "letter",
    ) -> _Files: ...
    def render_many(
        self, items: list[tuple[bytes, Optional[str]]], threads: int = 1
    ) -> list[_Files | ResumeExportError]: ...

def formats() -> list[str]: ...
def layouts() -> list[tuple[str, str]]: ...
def validate(
    data: bytes, syntax_name: Optional[str] = None, shape: Optional[str] = None
) -> tuple[str, list[str], list[tuple[str, str, Optional[int], Optional[int], str]]]: ...
def convert(
    data: bytes, syntax_name: Optional[str] = None, shape: Optional[str] = None
) -> tuple[str, str, list[str]]: ...
def check(data: bytes, name: str, against: Optional[bytes] = None) -> str: ...
def source_date_epoch(text: Optional[str] = None) -> Optional[int]: ...
def _panic_for_tests() -> None: ...
