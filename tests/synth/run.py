"""Run the project's readers and parser on rendered issues, as the tests do."""

from __future__ import annotations

from typing import Sequence, Tuple

from laobao_convert.model import Issue


def parse_text(data: bytes, name: str) -> Issue:
    from laobao_convert.parse import parse_issue
    from laobao_convert.readers.text import read_text

    return parse_issue([read_text(data, name)])


def parse_pdfs(files: Sequence[Tuple[bytes, str]]) -> Issue:
    from laobao_convert.parse import parse_issue
    from laobao_convert.readers import ReadOptions
    from laobao_convert.readers.pdf import read_pdf

    return parse_issue([read_pdf(data, name, ReadOptions()) for data, name in files])
