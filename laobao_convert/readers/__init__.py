"""Readers: input bytes -> Document of PageContent (laobao_convert.content). No articles here.

The reader is chosen by what the bytes are, never by the file's extension.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Optional

from laobao_convert.content import Document
from laobao_convert.errors import InputError


PDF_ENGINES = ("pdfium", "pdfplumber")
"""What reads a PDF's pages: PDFium (fast, native) or pdfplumber (pure Python, the reference
the layout rules were written against). Both give the same page geometry."""
DEFAULT_PDF_ENGINE = "pdfium"
OCR_MODES = ("auto", "always", "never")
"""When pages are read by OCR: auto, only those without a usable text layer (scans); always,
every page, from its image (a PDF whose text layer is garbage); never."""


@dataclass(frozen=True)
class ReadOptions:
    skip_bad_pages: bool = False
    """Skip PDF pages without a readable text layer (with a warning) instead of failing."""
    pdf_engine: Optional[str] = None
    """One of PDF_ENGINES; None: DEFAULT_PDF_ENGINE, looked up when a PDF is read."""
    ocr: str = "auto"
    """One of OCR_MODES."""
    page_jobs: int = 1
    """Processes pages read by OCR are spread over (a page takes tens of seconds)."""
    progress: bool = False
    """Say on standard error as each page read by OCR is done."""
    images: bool = False
    """Take each photo's image out of a PDF page (laobao_convert.readers.images): only when a
    writer shows or writes them, since it costs time."""
    cover: bool = False
    """Render a PDF's page one as the cover picture (for the EPUB)."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_pdf(data: bytes) -> bool:
    # The header may be preceded by junk (up to 1024 bytes, as readers tolerate).
    return b"%PDF-" in data[:1024]


def read_input(data: bytes, name: str, options: ReadOptions = ReadOptions()) -> Document:
    """Read one input's bytes; raises a ConvertError subclass with a one-line message."""
    if not data.strip():
        raise InputError("empty input", where=name)
    if is_pdf(data):
        from laobao_convert.readers.pdf import read_pdf  # the PDF stack is heavy: import on use

        return read_pdf(data, name, options)
    from laobao_convert.readers.ocr import is_image  # light: the OCR stack loads on first use

    if is_image(data):
        from laobao_convert.readers.ocr import read_images

        return read_images(data, name, options)
    from laobao_convert.readers.alto import is_alto

    if is_alto(data):
        from laobao_convert.readers.alto import read_alto

        return read_alto(data, name)
    from laobao_convert.readers.text import read_text

    return read_text(data, name)
