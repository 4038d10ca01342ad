"""ALTO alone in: an OCR vendor's page files (no METS, so nothing says which blocks make an
article) read as an OCRed page is, through the same layout engine as a PDF page.

Each String becomes glyphs: its box shared out over its characters (a CJK character one full
width, Latin and digits half of one, as ocr_geometry shares an OCR line), at its type size: the
FONTSIZE of its TextStyle where it has one, else measured from the line boxes as an OCRed
page's are. Illustrations are pictures and thin GraphicalElements rules, as a PDF's images and
rules; the vendor's own blocks are not trusted for the reading order, the layout finds it.
"""

from __future__ import annotations

from typing import List, Sequence, Tuple

from laobao_convert import limits
from laobao_convert.content import Document, PageContent
from laobao_convert.errors import InputError
from laobao_convert.layout.geometry import Glyph, PageGeometry, Picture, Rule
from laobao_convert.model import Box, SourceFile
from laobao_convert.readers import sha256
from laobao_convert.readers.alto_xml import AltoLine, AltoPage, AltoProblem, looks_like_alto, parse_alto
from laobao_convert.readers.ocr_geometry import PlacedLine, char_weights, line_sizes, snap_sizes

KIND = "alto"
MAX_BYTES = 64 * 1024 * 1024
"""An ALTO page with a Glyph element per character runs to a few megabytes; far more is not a page."""

is_alto = looks_like_alto


def read_alto(data: bytes, name: str) -> Document:
    """An ALTO file (one page or several) -> Document; InputError saying why it cannot be."""
    if len(data) > MAX_BYTES:
        raise InputError(f"ALTO too large ({len(data) / 1048576:.0f} MB; the limit is "
                         f"{MAX_BYTES // 1048576} MB)", where=name)
    try:
        pages = parse_alto(data)
    except AltoProblem as error:
        raise InputError(str(error), where=name) from None
    from laobao_convert.readers.pdf import number_from_name
    from laobao_convert.readers.placed import laid_out

    hint = number_from_name(name) if len(pages) == 1 else None
    contents: List[PageContent] = []
    for index, page in enumerate(pages):
        number = page.printed_number or hint or (page.physical_number if len(pages) > 1 else None)
        label = f"page {number if number is not None else index + 1}"
        geometry = page_geometry(page, number == 1 or (number is None and index == 0))
        if not geometry.glyphs:
            continue
        if len(geometry.glyphs) > limits.MAX_PAGE_GLYPHS:
            raise InputError(f"{label} is too big to read: {len(geometry.glyphs):,} characters, more than "
                             f"{limits.MAX_PAGE_GLYPHS:,} (LAOBAO_CONVERT_MAX_PAGE_GLYPHS)", where=name)
        contents.append(laid_out(geometry, name, index, number, label))
    if not contents:
        raise InputError("ALTO holds no text", where=name)
    return Document(pages=tuple(contents), source=SourceFile(name=name, sha256=sha256(data), pages=len(contents)),
                    kind=KIND)


def page_geometry(page: AltoPage, first_page: bool) -> PageGeometry:
    """The page's Strings as glyphs, its illustrations as pictures, its thin lines as rules."""
    lines = [line for block in page.blocks for line in block.lines]
    sizes = type_sizes(lines)
    glyphs: List[Glyph] = []
    for line, size in zip(lines, sizes):
        glyphs.extend(line_glyphs(line, size))
    boxes = [line.bbox for line in lines] + [i.bbox for i in page.illustrations]
    width = page.width or max((b.x1 for b in boxes), default=0.0)
    height = page.height or max((b.bottom for b in boxes), default=0.0)
    pictures = tuple(Picture(i.bbox.x0, i.bbox.top, i.bbox.x1, i.bbox.bottom, image=i.image)
                     for i in page.illustrations)
    # Whether a frame holds text the layout decides, as for a PDF's rectangles.
    pictures += tuple(Picture(f.x0, f.top, f.x1, f.bottom) for f in page.frames)
    rules = tuple(Rule(r.x0, r.top, r.x1, r.bottom) for r in page.rules)
    return PageGeometry(width=width, height=height, glyphs=tuple(glyphs), rules=rules, pictures=pictures,
                        first_page=first_page)


def type_sizes(lines: Sequence[AltoLine]) -> List[float]:
    """Each line's size in points: its style's, else measured from its box as OCR's are."""
    unsized = [k for k, line in enumerate(lines) if not line.size]
    measured: List[float] = []
    if unsized:
        placed = [PlacedLine(lines[k].text.strip(), lines[k].bbox.x0, lines[k].bbox.top, lines[k].bbox.x1,
                             lines[k].bbox.bottom, 1.0) for k in unsized]
        measured = snap_sizes(line_sizes(placed))
    out = [line.size or 0.0 for line in lines]
    for k, size in zip(unsized, measured):
        out[k] = size
    return out


def line_glyphs(line: AltoLine, size: float) -> List[Glyph]:
    """A line's Strings as glyphs at `size`, each String's box shared out over its characters;
    Strings without a box of their own share the line's by their characters' widths."""
    out: List[Glyph] = []
    middle = (line.bbox.top + line.bbox.bottom) / 2
    boxes = _string_boxes(line)
    for k, (string, box) in enumerate(zip(line.strings, boxes)):
        vertical = box.bottom - box.top > 2 * (box.x1 - box.x0) and len(string.text) > 2
        weights = char_weights(string.text)
        total = sum(weights) or 1.0
        done = 0.0
        for char, weight in zip(string.text, weights):
            lo, hi = done / total, (done + weight) / total
            done += weight
            if vertical:
                span = box.bottom - box.top
                x0, x1, top, bottom = box.x0, box.x1, box.top + lo * span, box.top + hi * span
            else:
                span = box.x1 - box.x0
                x0, x1 = box.x0 + lo * span, box.x0 + hi * span
                top, bottom = middle - size / 2, middle + size / 2
            out.append(Glyph(" " if char.isspace() else char, x0, top, x1, bottom, size, string.bold or line.bold,
                             "", None, string.confidence))
        if string.space_after and not vertical:
            # A space glyph where the SP is: the layout reads it as a word space, not a gutter.
            right = boxes[k + 1].x0 if k + 1 < len(boxes) else box.x1
            out.append(Glyph(" ", box.x1, middle - size / 2, max(box.x1, right), middle + size / 2, size))
    return out


def _string_boxes(line: AltoLine) -> Tuple[Box, ...]:
    if all(s.bbox is not None for s in line.strings):
        return tuple(s.bbox for s in line.strings)
    widths = [sum(char_weights(s.text)) + (0.5 if s.space_after else 0.0) for s in line.strings]
    whole = sum(widths) or 1.0
    span = line.bbox.x1 - line.bbox.x0
    boxes, done = [], 0.0
    for string, width in zip(line.strings, widths):
        ink = width - (0.5 if string.space_after else 0.0)
        boxes.append(Box(line.bbox.x0 + done / whole * span, line.bbox.top,
                         line.bbox.x0 + (done + ink) / whole * span, line.bbox.bottom))
        done += width
    return tuple(boxes)

