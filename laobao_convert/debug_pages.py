"""--debug-dir: what the parser was given, page by page, for a person to look at.

For each page an input gave, DIR/<stem>-pNN.json lists its text blocks in reading order with
what the reader knew about each (role and the evidence for it, box, column, region, paragraph
edges), then, under "parsed", every piece of the page as the parser took it (furniture, each
part's headline fields, byline, paragraphs, subheads, captions, jump lines) with its role and
what decided it, for text input as for a PDF; a PDF page also gets DIR/<stem>-pNN.png, the
page with the blocks drawn on it (laobao_convert.debug_draw). A wrong article usually starts
with a wrong block or a wrong piece here.

Imported only when --debug-dir is given; nothing here changes what a conversion produces.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import List, Optional, Sequence

from laobao_convert import __version__
from laobao_convert.content import BBox, Document, PageContent, TextBlock
from laobao_convert.errors import OutputError
from laobao_convert.output import describe_os_error, write_atomically

SCHEMA = "laobao-convert/debug-page@1"
TEXT_CHARS = 40
"""Enough of a block's text to find it on the page; the whole text is in the output."""


def unique_stems(stems: Sequence[str]) -> List[str]:
    """One file-name stem per input, in input order; inputs that share a stem (two folders'
    issue.pdf) are told apart as stem-2, stem-3 (as output names are), never taking another
    input's own stem."""
    original = set(stems)
    used: set = set()
    result = []
    for stem in stems:
        name, count = stem, 1
        while name in used or (name != stem and name in original):
            count += 1
            name = f"{stem}-{count}"
        used.add(name)
        result.append(name)
    return result


def page_base(stem: str, page: PageContent) -> str:
    """The file name (without extension) of one page's debug files: the page's position in
    its input, which is what a user can open in a PDF viewer."""
    return f"{stem}-p{page.index + 1:02d}"


def describe_page(page: PageContent, kind: str, parsed: Sequence[dict] = ()) -> dict:
    """One page's blocks as plain JSON values; `parsed`, the parser's pieces of the page with
    their roles and evidence (laobao_convert.parse.trace)."""
    return {
        "schema": SCHEMA,
        "generator": f"laobao-convert {__version__}",
        "source": page.source,
        "kind": kind,
        "page": page.index + 1,
        "page_number_hint": page.number_hint,
        "width": _round(page.width),
        "height": _round(page.height),
        "body_size": _round(page.body_size),
        "blocks": [describe_block(order, block) for order, block in enumerate(page.blocks, start=1)],
        "graphics": [{"kind": g.kind, "bbox": _box(g.bbox)} for g in page.graphics],
        "parsed": list(parsed),
    }


def describe_block(order: int, block: TextBlock) -> dict:
    sizes = [line.size for line in block.lines if line.size is not None]
    return {
        "order": order,
        "role": block.role,
        "bbox": _box(block.bbox),
        "column": block.column,
        "region": block.region,
        "starts_paragraph": block.starts_paragraph,
        "ends_paragraph": block.ends_paragraph,
        "heading": block.heading,
        "evidence": list(block.evidence),
        "size": _round(max(sizes)) if sizes else None,
        "bold": bool(block.lines) and all(line.bold for line in block.lines),
        "lines": len(block.lines),
        "text": " ".join(line.text for line in block.lines)[:TEXT_CHARS],
    }


def page_json(page: PageContent, kind: str, parsed: Sequence[dict] = ()) -> bytes:
    """describe_page as JSON text with one block (and one graphic, one parsed piece) a line:
    easy to read, to grep and to diff between two versions of the tool."""
    fields = []
    for key, value in describe_page(page, kind, parsed).items():
        if isinstance(value, list) and value:
            items = ",\n".join("  " + _compact(item) for item in value)
            fields.append(f" {_compact(key)}: [\n{items}\n ]")
        else:
            fields.append(f" {_compact(key)}: {_compact(value)}")
    return ("{\n" + ",\n".join(fields) + "\n}\n").encode("utf-8")


def _compact(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def write_debug_pages(document: Document, data: bytes, directory: str, stem: str) -> None:
    """Write every page's JSON (and, for a PDF, its drawing) into `directory`.

    Raises OutputError naming the file that could not be written or drawn. Each file is
    written whole or not at all (laobao_convert.output)."""
    folder = Path(directory)
    parsed = _parsed(document)
    for page in document.pages:
        _write(folder / f"{page_base(stem, page)}.json",
               page_json(page, document.kind, parsed.get((page.source, page.index), ())))
    if document.kind != "pdf":
        return  # text has no geometry to draw
    from laobao_convert.debug_draw import DrawError, open_renderer

    where = document.source.name  # until a page is being drawn
    try:
        with open_renderer(data) as renderer:
            for page in document.pages:
                path = folder / f"{page_base(stem, page)}.png"
                where = str(path)
                _write(path, renderer.png(page))
    except DrawError as error:
        raise OutputError(f"cannot draw the page for --debug-dir: {error}", where=where) from error


def _parsed(document: Document) -> dict:
    """The parser's view of the input's pages, parsed as an issue of their own; none when
    the parser fails on them (the conversion says why)."""
    from laobao_convert.parse.trace import trace_pages

    try:
        return trace_pages([document])
    except Exception:  # noqa: BLE001 - a debugging aid never stops a conversion
        return {}


def _write(path: Path, data: bytes) -> None:
    try:
        write_atomically(path, data)
    except OutputError as error:
        cause = error.__cause__
        reason = describe_os_error(cause) if isinstance(cause, OSError) else error.message
        raise OutputError(f"cannot write debug file: {reason}", where=str(path)) from cause


def make_directory(path: str) -> None:
    """Create the debug directory before anything is read: a path that cannot be one is a
    failure of the whole run, said once, not once per page."""
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot create debug directory: {describe_os_error(error)}", where=path) from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise OutputError("cannot create debug files: permission denied", where=path)


def _box(box: Optional[BBox]) -> Optional[List[float]]:
    return None if box is None else [_round(v) for v in (box.x0, box.top, box.x1, box.bottom)]


def _round(value: Optional[float]) -> Optional[float]:
    return None if value is None else round(float(value), 1)
