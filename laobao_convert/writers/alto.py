"""ALTO 4 pages from the issue model: each page's text blocks, lines and words with their places.

The plan (which blocks a page has, their ids, their lines and words) is worked out once by
`plan_pages` and read by both this module (one ALTO file per page) and the METS writer (whose
logical map points at the blocks by id), so the two always agree.

Choices, and why:
- Coordinates are in `inch1200` (1/1200 inch; a PDF point is 50/3 of them): ALTO has no point
  unit, and this one converts exactly. Values are written with six decimals, so a box read back
  is the model's box to the hundredth of a point.
- Words: Chinese sets no spaces and a word split would be a dictionary's guess, so a String is a
  run of text between spaces, as OCR engines give CJK: a Chinese line is mostly one String, a
  Latin phrase one String per word, SP between them.
- A block's text is shared out over its printed lines (exactly, where the characters of the
  lines as read add up to the block's; in proportion where a rule moved text): the Strings of
  a block, read in order, are its text, every character once. Every line's box is clipped to its
  block's box and every String's box lies inside its line's, so nothing points outside its block.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from laobao_convert import __version__
from laobao_convert.model import Box, Issue, PrintedLine

NS = "http://www.loc.gov/standards/alto/ns-v4#"
UNIT = "inch1200"
_PER_POINT = 1200 / 72


@dataclass(frozen=True)
class Word:
    text: str
    bbox: Box
    space_after: bool = False
    """An SP follows: the text has a space there."""


@dataclass(frozen=True)
class PlannedLine:
    bbox: Box
    words: Tuple[Word, ...]
    size: Optional[float] = None
    confidence: Optional[float] = None
    """OCR's confidence in the line: each of its Strings' WC."""


@dataclass(frozen=True)
class PlannedBlock:
    id: str
    bbox: Box
    lines: Tuple[PlannedLine, ...]
    role: str
    """"heading", "byline", "paragraph", "subhead" or "caption"."""


@dataclass(frozen=True)
class PlannedPage:
    number: int
    position: int
    """1-based place in the issue, the physical image number."""
    file: str
    """The ALTO file's name inside the package, e.g. alto/p01.xml."""
    width: float
    height: float
    blocks: Tuple[PlannedBlock, ...]


@dataclass(frozen=True)
class Piece:
    """Where one model item (a block, a caption, a headline region) ended up: its ALTO blocks."""

    page: int
    block_id: str


def plan_pages(issue: Issue) -> Tuple[Tuple[PlannedPage, ...], Dict[Tuple[int, str, int], Tuple[Piece, ...]]]:
    """Every page's blocks, and for each model item its pieces: the key is (article index,
    kind, item index) with kind "region", "block" or "caption"."""
    pages = {p.number: p for p in issue.pages}
    blocks: Dict[int, List[PlannedBlock]] = {n: [] for n in pages}
    pieces: Dict[Tuple[int, str, int], Tuple[Piece, ...]] = {}

    def add(page: int, bbox: Box, lines: Sequence[Tuple[str, PrintedLine]], role: str) -> Optional[Piece]:
        if page not in blocks:
            return None
        block_id = f"P{_position(issue, page)}_TB{len(blocks[page]) + 1:04d}"
        blocks[page].append(PlannedBlock(block_id, bbox, tuple(_line(t, l, bbox) for t, l in lines if t),
                                         role))
        return Piece(page, block_id)

    for a, article in enumerate(issue.articles):
        for r, region in enumerate(article.regions):
            spread = _spread(region.text, [(region.page, region.bbox, region.lines)])
            found = tuple(p for p in (add(pg, box, ls, region.role) for pg, box, ls in spread) if p)
            pieces[(a, "region", r)] = found
        for b, block in enumerate(article.blocks):
            if block.bbox is None or block.page is None:
                continue
            spots = [(block.page, block.bbox, block.lines)] + [(m.page, m.bbox, m.lines) for m in block.more]
            spread = _spread(block.text, spots)
            pieces[(a, "block", b)] = tuple(p for p in (add(pg, box, ls, block.type) for pg, box, ls in spread) if p)
        for c, caption in enumerate(article.captions):
            if caption.bbox is None or caption.page is None:
                continue
            spread = _spread(caption.text, [(caption.page, caption.bbox, caption.lines)])
            pieces[(a, "caption", c)] = tuple(p for p in (add(pg, box, ls, "caption") for pg, box, ls in spread) if p)
    planned = tuple(
        PlannedPage(number=page.number, position=k + 1, file=page_file(issue, page.number),
                    width=page.width or _extent(blocks[page.number], "x1"),
                    height=page.height or _extent(blocks[page.number], "bottom"),
                    blocks=tuple(blocks[page.number]))
        for k, page in enumerate(issue.pages)
    )
    return planned, pieces


def page_file(issue: Issue, number: int) -> str:
    return f"alto/p{_position(issue, number):02d}.xml"


def _position(issue: Issue, number: int) -> int:
    return next(k + 1 for k, p in enumerate(issue.pages) if p.number == number)


def _extent(blocks: Sequence[PlannedBlock], side: str) -> float:
    return max((getattr(b.bbox, side) for b in blocks), default=0.0)


def _spread(text: str, spots) -> List[Tuple[int, Box, List[Tuple[str, PrintedLine]]]]:
    """The text shared out over the lines of every spot (page, box, lines), in order. A spot
    without lines stands as one line filling its box."""
    lines: List[Tuple[int, PrintedLine]] = []
    for k, (page, bbox, printed) in enumerate(spots):
        own = printed or (PrintedLine(text="", bbox=bbox),)
        lines.extend((k, line) for line in own)
    weights = [max(1, _count(line.text)) for _, line in lines]
    texts = share_out(text, weights)
    out = []
    for k, (page, bbox, _) in enumerate(spots):
        mine = [(t, line) for (spot, line), t in zip(lines, texts) if spot == k]
        if any(t.strip() for t, _ in mine):
            out.append((page, bbox, mine))
    return out


def _count(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def share_out(text: str, weights: Sequence[int]) -> List[str]:
    """`text` cut into len(weights) consecutive pieces whose non-space characters are in the
    weights' proportion (exactly the weights where they add up to the text's count). A space
    at a cut stays at the end of the piece before it, so no piece but the first starts with
    one; the pieces joined are the text."""
    total = _count(text)
    whole = sum(weights) or 1
    targets, running = [], 0
    for w in weights:
        running += w
        targets.append(running if whole == total else round(total * running / whole))
    pieces, start, seen, k = [], 0, 0, 0
    for index, ch in enumerate(text):
        if ch.isspace():
            continue
        while k < len(targets) - 1 and seen >= targets[k]:
            end = index
            pieces.append(text[start:end])
            start = end
            k += 1
        seen += 1
    pieces.append(text[start:])
    pieces.extend("" for _ in range(len(weights) - len(pieces)))
    return pieces


_HALF = re.compile(r"[\x00-\u2e7f\uff61-\uffdc]")
"""Characters set half an em wide (Latin, digits, their punctuation); the rest are full."""


def words_of(text: str) -> List[Tuple[str, bool]]:
    """(String content, an SP follows) for a line's text: cut at single spaces, each an SP; a
    second space in a row stays inside a String, so the line reads back exactly."""
    out: List[List] = []
    pending = ""
    parts = text.split(" ")
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part == "":
            if last:
                continue  # the space before it is already an SP
            if out:
                out[-1][0] += " "
            else:
                pending += " "
            continue
        out.append([pending + part, not last])
        pending = ""
    return [(content, sp) for content, sp in out]


def _line(text: str, line: PrintedLine, block: Box) -> PlannedLine:
    box = _clip(line.bbox, block)
    runs = words_of(text)
    widths = [_width(content) + (0.5 if sp else 0.0) for content, sp in runs]
    whole = sum(widths) or 1.0
    vertical = box.bottom - box.top > 2 * (box.x1 - box.x0) and len(text.strip()) > 2
    words, done = [], 0.0
    for (content, sp), w in zip(runs, widths):
        lo, hi = done / whole, (done + w - (0.5 if sp else 0.0)) / whole
        done += w
        if vertical:
            span = box.bottom - box.top
            wbox = Box(box.x0, box.top + lo * span, box.x1, box.top + hi * span)
        else:
            span = box.x1 - box.x0
            wbox = Box(box.x0 + lo * span, box.top, box.x0 + hi * span, box.bottom)
        words.append(Word(text=content, bbox=_clip(wbox, box), space_after=sp))
    return PlannedLine(bbox=box, words=tuple(words), size=line.size, confidence=line.confidence)


def _width(run: str) -> float:
    return sum(0.5 if _HALF.match(ch) else 1.0 for ch in run) or 0.5


def _clip(box: Box, outer: Box) -> Box:
    x0 = min(max(box.x0, outer.x0), outer.x1)
    top = min(max(box.top, outer.top), outer.bottom)
    return Box(x0=x0, top=top, x1=max(min(box.x1, outer.x1), x0), bottom=max(min(box.bottom, outer.bottom), top))


# --- the XML --------------------------------------------------------------------------------


def units(points: float) -> str:
    """A length in points as ALTO's inch1200, six decimals, trailing zeros dropped."""
    text = f"{points * _PER_POINT:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def points(value: str) -> float:
    """inch1200 back to points, to the millionth (the model's boxes are hundredths)."""
    return round(float(value) / _PER_POINT, 6)


def _place(element: ET.Element, box: Box) -> None:
    element.set("HPOS", units(box.x0))
    element.set("VPOS", units(box.top))
    element.set("WIDTH", units(box.x1 - box.x0))
    element.set("HEIGHT", units(box.bottom - box.top))


def style_id(size: float) -> str:
    return "TS_" + f"{size:.2f}".rstrip("0").rstrip(".")


def render_page(page: PlannedPage, source: Optional[str]) -> bytes:
    """One ALTO 4 file for one planned page."""
    q = lambda tag: f"{{{NS}}}{tag}"  # noqa: E731 - a tag in ALTO's namespace
    root = ET.Element(q("alto"))
    description = ET.SubElement(root, q("Description"))
    ET.SubElement(description, q("MeasurementUnit")).text = UNIT
    if source:
        image = ET.SubElement(description, q("sourceImageInformation"))
        ET.SubElement(image, q("fileName")).text = source
    processing = ET.SubElement(description, q("Processing"), ID="PROC_1")
    software = ET.SubElement(processing, q("processingSoftware"))
    ET.SubElement(software, q("softwareName")).text = "laobao-convert"
    ET.SubElement(software, q("softwareVersion")).text = __version__
    sizes = sorted({line.size for b in page.blocks for line in b.lines if line.size})
    if sizes:
        styles = ET.SubElement(root, q("Styles"))
        for size in sizes:
            ET.SubElement(styles, q("TextStyle"), ID=style_id(size), FONTSIZE=f"{size:g}")
    layout = ET.SubElement(root, q("Layout"))
    element = ET.SubElement(layout, q("Page"), ID=f"P{page.position}", PHYSICAL_IMG_NR=str(page.position),
                            PRINTED_IMG_NR=str(page.number))
    element.set("WIDTH", units(page.width))
    element.set("HEIGHT", units(page.height))
    space = ET.SubElement(element, q("PrintSpace"))
    _place(space, Box(0.0, 0.0, page.width, page.height))
    for block in page.blocks:
        text_block = ET.SubElement(space, q("TextBlock"), ID=block.id)
        _place(text_block, block.bbox)
        for n, line in enumerate(block.lines, 1):
            text_line = ET.SubElement(text_block, q("TextLine"), ID=f"{block.id}_TL{n:03d}")
            _place(text_line, line.bbox)
            if line.size:
                text_line.set("STYLEREFS", style_id(line.size))
            for m, word in enumerate(line.words, 1):
                string = ET.SubElement(text_line, q("String"), ID=f"{block.id}_TL{n:03d}_S{m:03d}")
                string.set("CONTENT", word.text)
                _place(string, word.bbox)
                if line.confidence is not None:
                    # A word's confidence is its line's: the recogniser rates lines.
                    string.set("WC", f"{line.confidence:.3f}")
                if word.space_after:
                    sp = ET.SubElement(text_line, q("SP"))
                    sp.set("HPOS", units(word.bbox.x1))
                    sp.set("VPOS", units(word.bbox.top))
    ET.register_namespace("", NS)
    ET.indent(root, space=" ")
    text = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8")
