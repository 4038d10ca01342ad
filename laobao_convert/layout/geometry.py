"""Plain geometry the layout rules work on: glyphs, rules, pictures, lines and blocks.

Everything is a small immutable record with pdfplumber's bbox names (x0, top, x1, bottom;
origin top-left, PDF points), so each rule can be tested with hand-built values and no PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, NamedTuple, Optional, Tuple

from laobao_convert.content import BBox


class Glyph(NamedTuple):
    """One drawn character. A named tuple rather than a dataclass: a broadsheet page has
    thousands, and a tuple is built several times faster (it is just as immutable)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool = False
    """The font is a bold face, the glyph was drawn twice (fake bold) or stroked as well as
    filled (text rendering mode 1, 2, 5 or 6)."""
    face: str = ""
    """The font's name without its subset prefix (NotoSerifCJKsc-Regular, FZXBSJW--GB1-0)."""
    color: Optional[Tuple[float, float, float]] = None
    """Fill colour as RGB in 0..1; None where the file does not say."""
    confidence: Optional[float] = None
    """How sure OCR was of the line the glyph was read in (0..1); None: a text layer's glyph."""


@dataclass(frozen=True)
class Rule:
    """A thin stroked line or thin filled rectangle: horizontal or vertical."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)

    @property
    def y(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def x(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Picture:
    """An image, or a rectangle standing in for one, or a frame drawn around text."""

    x0: float
    top: float
    x1: float
    bottom: float
    framed: bool = False
    """True for an outline drawn around something (a box), False for a picture."""
    fill: Optional[Tuple[float, float, float]] = None
    """The colour it is filled with (RGB, 0..1); None for an outline or an image."""
    image: bool = False
    """An image object of the PDF (a photo, a logo, a rule drawn as an image), not a path."""


@dataclass(frozen=True)
class PageGeometry:
    """What a PDF page gave, reduced to what the layout rules need."""

    width: float
    height: float
    glyphs: Tuple[Glyph, ...]
    rules: Tuple[Rule, ...] = ()
    pictures: Tuple[Picture, ...] = ()
    first_page: bool = False
    """The page may carry the masthead (page one of an issue)."""


@dataclass(frozen=True)
class TextLine:
    """One visual line within one column."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool = False
    face: str = ""
    """The face most of its glyphs are set in."""
    color: Optional[Tuple[float, float, float]] = None
    """The fill colour most of its glyphs are printed in."""
    full: bool = False
    """A heading line that fills the width its article gives it: the next line carries on the
    same words (wrapped), rather than starting a line of its own (对仗, a second part)."""
    initial: bool = False
    """It begins with a drop capital: a paragraph's first line, whatever its indent."""
    spacing: float = 0.0
    """The usual gap between its glyphs (points): wider than the page's natural spacing in a
    line stretched to fill its column (justified), never in a paragraph's last line."""
    confidence: Optional[float] = None
    """The least sure OCR was of its glyphs (0..1); None for a text layer's line."""

    @property
    def bbox(self) -> BBox:
        return BBox(self.x0, self.top, self.x1, self.bottom)


@dataclass(frozen=True)
class Piece:
    """Lines stacked in one column: a piece of one text frame. Roles and regions come later."""

    lines: Tuple[TextLine, ...]
    role: Optional[str] = None
    region: Optional[int] = None
    column: Optional[int] = None
    heading: bool = False
    starts_paragraph: Optional[bool] = None
    ends_paragraph: Optional[bool] = None
    evidence: Tuple[str, ...] = ()
    """What decided the role, in words (e.g. "size 2.1 em", "white on a band"), for
    --debug-dir and for anyone asking why."""

    @property
    def x0(self) -> float:
        return min(line.x0 for line in self.lines)

    @property
    def x1(self) -> float:
        return max(line.x1 for line in self.lines)

    @property
    def top(self) -> float:
        return self.lines[0].top

    @property
    def bottom(self) -> float:
        return self.lines[-1].bottom

    @property
    def size(self) -> float:
        return max(line.size for line in self.lines)

    @property
    def bold(self) -> bool:
        return all(line.bold for line in self.lines)

    @property
    def face(self) -> str:
        return _dominant(self.lines, "face")

    @property
    def color(self) -> Optional[Tuple[float, float, float]]:
        return _dominant(self.lines, "color")

    @property
    def bbox(self) -> BBox:
        return BBox(self.x0, self.top, self.x1, self.bottom)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def _dominant(lines: Tuple[TextLine, ...], field: str):
    """The value of `field` most of the lines' characters have (the first on a tie)."""
    counts: dict = {}
    for line in lines:
        value = getattr(line, field)
        counts[value] = counts.get(value, 0) + len(line.text)
    return max(counts.items(), key=lambda item: item[1])[0] if counts else None


def overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """Length of the overlap of two intervals (0 when they do not meet)."""
    return max(0.0, min(a1, b1) - max(a0, b0))


def x_overlap_ratio(a, b) -> float:
    """Horizontal overlap as a share of the narrower of two boxes."""
    narrower = min(a.x1 - a.x0, b.x1 - b.x0)
    if narrower <= 0:
        return 0.0
    return overlap(a.x0, a.x1, b.x0, b.x1) / narrower


def union(boxes: Iterable) -> BBox:
    boxes = list(boxes)
    return BBox(
        min(b.x0 for b in boxes),
        min(b.top for b in boxes),
        max(b.x1 for b in boxes),
        max(b.bottom for b in boxes),
    )
