"""The text reader: extracted text (layout-tool Markdown or pdftotext output) -> Document.

It finds pages (form feeds, in Markdown-like text only those between lines; else inner-page
headers; else one page) and blocks (blank-line separated chunks), and marks what the text
itself marks: `#` headings and two-space hard breaks. Wrapped pdftotext lines are left as they are: the parser's reflow rule rebuilds
paragraphs from them, the same way for text and PDF lines.
"""

from __future__ import annotations

import os
import re
from typing import List, Optional, Sequence, Tuple

from laobao_convert.content import Document, Line, PageContent, TextBlock
from laobao_convert.errors import InputError
from laobao_convert.model import SourceFile
from laobao_convert.readers.encoding import decode

_FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?)\n---\s*\n", re.S)
_OWN_GENERATOR = re.compile(r"^ *generator:\s*[\"']?laobao-convert", re.M)
_HEADING = re.compile(r"^\s{0,3}(?P<marks>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_MARKDOWN_SIGNS = re.compile(r"^\s{0,3}#{1,6}\s|\S {2}$", re.M)
_PAGE_BREAK = re.compile(r"\f+")
_MARKDOWN_PAGE_BREAK = re.compile(r"^\f+|\f+$", re.M)
"""In Markdown-like text a page break is a form feed between lines (layout tools set one at
the start of each page's first line); one inside a line sits in a paragraph and is no break."""
_NAME_PAGE = re.compile(
    r"(?:19|20)\d{6}\D{0,2}?(?:p|P|版)?(?P<n>\d{1,2})(?!\d)[^\d]*$|[_\-\s](?:p|P|page)(?P<m>\d{1,2})[^\d]*$"
)


def read_text(data: bytes, name: str) -> Document:
    base = os.path.basename(name)
    text = decode(data, base)
    if _is_own_markdown(text):
        # Imported only here: it brings the Markdown writer's vocabulary (and Jinja2) along.
        from laobao_convert.readers.own_markdown import read_own_markdown
        from laobao_convert.readers import sha256

        return read_own_markdown(text, base, sha256=sha256(data))
    from laobao_convert.readers.layout_grid import looks_like_layout

    if looks_like_layout(text):
        # Columns side by side at fixed positions: geometry, read by the layout rules.
        from laobao_convert.readers.layout_text import read_layout_text
        from laobao_convert.readers import sha256

        return read_layout_text(text, base, sha256(data), number_hint(base))
    kind = "markdown" if _MARKDOWN_SIGNS.search(text) else "pdftotext"
    page_texts = split_pages(text, kind)
    if not any(t.strip() for t in page_texts):
        raise InputError("no text in the input", where=base)
    hint = number_hint(base)
    pages = []
    for index, page_text in enumerate(t for t in page_texts if t.strip()):
        pages.append(PageContent(
            blocks=parse_blocks(page_text, kind),
            source=base,
            index=index,
            number_hint=None if hint is None else hint + index,
        ))
    from laobao_convert.readers import sha256

    source = SourceFile(name=base, sha256=sha256(data), pages=len(pages))
    return Document(pages=tuple(pages), source=source, kind=kind)


def _is_own_markdown(text: str) -> bool:
    """A cheap look at the front matter; own_markdown.has_own_front_matter is the full check."""
    match = _FRONT_MATTER.match(text)
    return bool(match and _OWN_GENERATOR.search(match.group("body")))


def number_hint(name: str) -> Optional[int]:
    """The page number a file name carries: 20240424_03.txt -> 3, issue-p2.md -> 2."""
    stem = os.path.splitext(name)[0]
    match = _NAME_PAGE.search(stem)
    if not match:
        return None
    value = int(match.group("n") or match.group("m"))
    return value or None


def split_pages(text: str, kind: str = "pdftotext") -> List[str]:
    """Form feeds if there are any (in Markdown-like text only those between lines); else
    before each inner-page header; else one page."""
    breaks = _MARKDOWN_PAGE_BREAK if kind == "markdown" else _PAGE_BREAK
    if breaks.search(text):
        return [part.replace("\f", "") for part in breaks.split(text)]
    # A form feed inside a line (a paragraph pasted from a printout) carries no text: it goes.
    text = text.replace("\f", "")
    from laobao_convert.parse.page_header import header_span

    lines = text.split("\n")
    starts = [0]
    i = max(1, header_span(lines, 0))
    while i < len(lines):
        span = header_span(lines, i) if lines[i].strip() and not lines[i - 1].strip() else 0
        if span:
            starts.append(i)
            i += span  # the header's own lines start no further page
        else:
            i += 1
    starts.append(len(lines))
    return ["\n".join(lines[a:b]) for a, b in zip(starts, starts[1:])]


def parse_blocks(page_text: str, kind: str) -> Tuple[TextBlock, ...]:
    blocks: List[TextBlock] = []
    for chunk in re.split(r"\n[ \t]*\n", page_text):
        raw_lines = [line for line in chunk.split("\n") if line.strip()]
        if not raw_lines:
            continue
        blocks.extend(_chunk_blocks(raw_lines, kind))
    return tuple(blocks)


def _chunk_blocks(raw_lines: Sequence[str], kind: str) -> List[TextBlock]:
    # A heading line is a block of its own even when no blank line sets it apart.
    out: List[TextBlock] = []
    body: List[Line] = []
    for raw in raw_lines:
        heading = _HEADING.match(raw) if kind == "markdown" else None
        if heading:
            if body:
                out.append(TextBlock(lines=tuple(body)))
                body = []
            out.append(TextBlock(lines=(Line(text=heading.group("text")),), heading=True))
            continue
        hard = kind == "markdown" and (raw.endswith("  ") or raw.endswith("\\"))
        text = raw.rstrip()
        if hard and text.endswith("\\"):
            text = text[:-1].rstrip()
        body.append(Line(text=text if kind == "pdftotext" else text.strip(), hard_break=hard))
    if body:
        out.append(TextBlock(lines=tuple(body)))
    return out
