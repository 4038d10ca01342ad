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

import dataclasses
import difflib
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from laobao_convert import __version__
from laobao_convert.model import Box, Issue, Photo, PrintedLine

NS = "http://www.loc.gov/standards/alto/ns-v4#"
UNIT = "inch1200"
_PER_POINT = 1200 / 72
_NOT_ID = re.compile(r"[^A-Za-z0-9_.-]+")


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
    bold: bool = False


@dataclass(frozen=True)
class PlannedBlock:
    id: str
    bbox: Box
    lines: Tuple[PlannedLine, ...]
    role: str
    """"heading", "byline", "paragraph", "subhead", "caption" or "furniture" (text no article holds)."""


@dataclass(frozen=True)
class PlannedFigure:
    """An Illustration (a picture) or a GraphicalElement (a rule, a frame) of a page."""

    id: str
    bbox: Box
    element: str
    """"Illustration" or "GraphicalElement"."""
    type: Optional[str] = None
    """An Illustration's TYPE: "photo" (an image with its caption), or "graphic" (drawn, or an
    image without caption)."""
    file_id: Optional[str] = None
    """The METS file holding a photo's image, where the package holds one."""


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
    figures: Tuple[PlannedFigure, ...] = ()


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

    residue: List[Tuple[int, PrintedLine]] = []
    for a, article in enumerate(issue.articles):
        for r, region in enumerate(article.regions):
            spread = _spread(region.text, [(region.page, region.bbox, region.lines)])
            found = tuple(p for p in (add(pg, box, ls, region.role) for pg, box, ls in spread) if p)
            pieces[(a, "region", r)] = found
        for b, block in enumerate(article.blocks):
            if block.bbox is None or block.page is None:
                continue
            spots = [(block.page, block.bbox, block.lines)] + [(m.page, m.bbox, m.lines) for m in block.more]
            spread = _spread(block.text, spots, residue)
            pieces[(a, "block", b)] = tuple(p for p in (add(pg, box, ls, block.type) for pg, box, ls in spread) if p)
        for c, caption in enumerate(article.captions):
            if caption.bbox is None or caption.page is None:
                continue
            spread = _spread(caption.text, [(caption.page, caption.bbox, caption.lines)])
            pieces[(a, "caption", c)] = tuple(p for p in (add(pg, box, ls, "caption") for pg, box, ls in spread) if p)
    figures = plan_figures(issue)
    for a, article in enumerate(issue.articles):
        for c, caption in enumerate(article.captions):
            photo = caption.photo
            if photo is not None and photo.page in figures and photo.bbox is not None:
                pieces[(a, "photo", c)] = (Piece(photo.page, photo_block_id(issue, photo)),)
    for page in issue.pages:
        for piece in page.furniture:
            add(page.number, piece.bbox, [(line.text, line) for line in piece.lines], "furniture")
    for page, line in residue:
        add(page, line.bbox, [(line.text, line)], "furniture")
    planned = tuple(
        PlannedPage(number=page.number, position=k + 1, file=page_file(issue, page.number),
                    width=page.width or _extent(blocks[page.number], "x1"),
                    height=page.height or _extent(blocks[page.number], "bottom"),
                    blocks=tuple(blocks[page.number]), figures=figures.get(page.number, ()))
        for k, page in enumerate(issue.pages)
    )
    return planned, pieces


def photo_block_id(issue: Issue, photo: Photo) -> str:
    """A photo's Illustration ID: its page's and its own id, so that it is found again."""
    return f"P{_position(issue, photo.page)}_{_NOT_ID.sub('-', photo.id)}"


def photo_file_id(photo: Photo) -> str:
    """The METS file ID of a photo's image."""
    return "IMG_" + _NOT_ID.sub("-", photo.id)


SAME_PLACE = 0.5
"""Points: a picture this close to a photo's box on every side is that photo."""


def plan_figures(issue: Issue) -> Dict[int, Tuple[PlannedFigure, ...]]:
    """Each page's photos (from the captions that carry them), other pictures, rules and frames."""
    numbers = {p.number for p in issue.pages}
    photos = [c.photo for a in issue.articles for c in a.captions
              if c.photo is not None and c.photo.bbox is not None and c.photo.page in numbers]
    out: Dict[int, Tuple[PlannedFigure, ...]] = {}
    for page in issue.pages:
        position = _position(issue, page.number)
        own = [p for p in photos if p.page == page.number]
        figures = [PlannedFigure(photo_block_id(issue, p), p.bbox, "Illustration", "photo",
                                 photo_file_id(p) if p.data else None) for p in own]
        pictures = graphics = 0
        for drawing in page.drawings:
            if drawing.kind == "picture":
                if any(_same_place(drawing.bbox, p.bbox) for p in own):
                    continue
                pictures += 1
                figures.append(PlannedFigure(f"P{position}_IL{pictures:03d}", drawing.bbox, "Illustration", "graphic"))
            else:
                graphics += 1
                figures.append(PlannedFigure(f"P{position}_GE{graphics:03d}", drawing.bbox, "GraphicalElement"))
        if figures:
            out[page.number] = tuple(figures)
    return out


def _same_place(a: Box, b: Box) -> bool:
    return max(abs(a.x0 - b.x0), abs(a.top - b.top), abs(a.x1 - b.x1), abs(a.bottom - b.bottom)) <= SAME_PLACE


def page_file(issue: Issue, number: int) -> str:
    return f"alto/p{_position(issue, number):02d}.xml"


def _position(issue: Issue, number: int) -> int:
    return next(k + 1 for k, p in enumerate(issue.pages) if p.number == number)


def _extent(blocks: Sequence[PlannedBlock], side: str) -> float:
    return max((getattr(b.bbox, side) for b in blocks), default=0.0)


def _spread(text: str, spots, residue: Optional[List[Tuple[int, PrintedLine]]] = None
            ) -> List[Tuple[int, Box, List[Tuple[str, PrintedLine]]]]:
    """The text shared out over the lines of every spot (page, box, lines), in order. A spot
    without lines stands as one line filling its box. Where a line printed more than the text
    holds at its start or end (a jump line set in a paragraph's first line, which a rule took
    out), the line keeps only its own part and the rest goes to `residue`, as printed."""
    lines: List[Tuple[int, PrintedLine]] = []
    for k, (page, bbox, printed) in enumerate(spots):
        own = printed or (PrintedLine(text="", bbox=bbox),)
        lines.extend((k, line) for line in own)
    weights, trimmed = _aligned(text, [line for _, line in lines])
    texts = share_out(text, weights)
    out = []
    for k, (page, bbox, _) in enumerate(spots):
        mine = []
        for (spot, line), t, cut in zip(lines, texts, trimmed):
            if spot != k:
                continue
            kept, rest = cut
            mine.append((t, kept))
            if residue is not None:
                residue.extend((page, r) for r in rest)
        if any(t.strip() for t, _ in mine):
            out.append((page, bbox, mine))
    return out


def _aligned(text: str, lines: Sequence[PrintedLine]):
    """How many of the text's characters each line printed, and each line cut to them:
    (weights, [(line, [what it printed besides])])."""
    counts = [_count(line.text) for line in lines]
    plain = [ch for ch in text if not ch.isspace()]
    printed = [(k, ch) for k, line in enumerate(lines) for ch in line.text if not ch.isspace()]
    untouched = [(line, []) for line in lines]
    if sum(counts) <= len(plain) or not plain:
        return [max(1, c) for c in counts], untouched
    matcher = difflib.SequenceMatcher(None, plain, [ch for _, ch in printed], autojunk=False)
    owner: List[Optional[int]] = [None] * len(plain)
    used = [False] * len(printed)
    for i, j, n in matcher.get_matching_blocks():
        for d in range(n):
            owner[i + d] = printed[j + d][0]
            used[j + d] = True
    last = next((o for o in owner if o is not None), 0)
    for i, o in enumerate(owner):
        owner[i] = last = o if o is not None else last
    weights = [sum(1 for o in owner if o == k) for k in range(len(lines))]
    trimmed = []
    start = 0
    for k, line in enumerate(lines):
        flags = used[start:start + counts[k]]
        start += counts[k]
        trimmed.append(_trim(line, flags))
    return weights, trimmed


def _trim(line: PrintedLine, used: Sequence[bool]):
    """The line without the run of characters at its start or end the text does not hold
    (two at least: one unmatched character is a reading difference, not another text)."""
    chars = [ch for ch in line.text if not ch.isspace()]
    head = next((i for i, u in enumerate(used) if u), len(used))
    tail = next((i for i, u in enumerate(reversed(used)) if u), len(used))
    if head == len(used):
        return line, []
    head = head if head >= 2 else 0
    tail = tail if tail >= 2 else 0
    if not head and not tail:
        return line, []
    whole = _width("".join(chars))
    box = line.bbox
    span = box.x1 - box.x0
    left = box.x0 + span * _width("".join(chars[:head])) / whole if head else box.x0
    right = box.x1 - span * _width("".join(chars[len(chars) - tail:])) / whole if tail else box.x1
    rest = []
    if head:
        rest.append(PrintedLine("".join(chars[:head]), Box(box.x0, box.top, left, box.bottom), line.size,
                                bold=line.bold))
    if tail:
        rest.append(PrintedLine("".join(chars[len(chars) - tail:]), Box(right, box.top, box.x1, box.bottom),
                                line.size, bold=line.bold))
    kept = dataclasses.replace(line, bbox=Box(left, box.top, right, box.bottom))
    return kept, rest


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
    vertical = box.bottom - box.top > 2 * (box.x1 - box.x0) and len(text.strip()) > 2
    span = box.bottom - box.top if vertical else box.x1 - box.x0
    inks = [_width(content) for content, _ in runs]
    spaces = sum(1 for _, sp in runs if sp)
    size = line.size or 0.0
    if spaces and size and sum(inks) * size < span:
        # Words at their type size, the rest of the line in the spaces: a byline's wide
        # spaces stay as wide as printed.
        inks = [w * size / span for w in inks]
        gap = (1.0 - sum(inks)) / spaces
    else:
        whole = (sum(inks) + 0.5 * spaces) or 1.0
        inks = [w / whole for w in inks]
        gap = 0.5 / whole
    words, done = [], 0.0
    for (content, sp), ink in zip(runs, inks):
        lo, hi = done, done + ink
        done = hi + (gap if sp else 0.0)
        if vertical:
            wbox = Box(box.x0, box.top + lo * span, box.x1, box.top + hi * span)
        else:
            wbox = Box(box.x0 + lo * span, box.top, box.x0 + hi * span, box.bottom)
        words.append(Word(text=content, bbox=_clip(wbox, box), space_after=sp))
    return PlannedLine(bbox=box, words=tuple(words), size=line.size, confidence=line.confidence, bold=line.bold)


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


def style_id(size: float, bold: bool = False) -> str:
    return "TS_" + f"{size:.2f}".rstrip("0").rstrip(".") + ("_B" if bold else "")


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
    sizes = sorted({(line.size, line.bold) for b in page.blocks for line in b.lines if line.size})
    if sizes:
        styles = ET.SubElement(root, q("Styles"))
        for size, bold in sizes:
            style = ET.SubElement(styles, q("TextStyle"), ID=style_id(size, bold), FONTSIZE=f"{size:g}")
            if bold:
                style.set("FONTSTYLE", "bold")
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
                text_line.set("STYLEREFS", style_id(line.size, line.bold))
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
    for figure in page.figures:
        # Pictures, rules and frames after the text: ALTO's PrintSpace takes blocks of any
        # kind in any order, and the reading order is the text's.
        element = ET.SubElement(space, q(figure.element), ID=figure.id)
        _place(element, _clip(figure.bbox, Box(0.0, 0.0, page.width, page.height)))
        if figure.type:
            element.set("TYPE", figure.type)
        if figure.file_id:
            element.set("FILEID", figure.file_id)
    ET.register_namespace("", NS)
    ET.indent(root, space=" ")
    text = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8")
