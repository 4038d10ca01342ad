"""The laid-out issue: knobs, pages, frames of set lines, and pieces of stories.

Positions are PDF points with the origin at the page's top-left, as pdfplumber names them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from laobao_convert.model import Issue

MM = 72 / 25.4


@dataclass(frozen=True)
class Options:
    """Knobs of a generated issue."""

    seed: int = 1
    pages: int = 4
    columns: Tuple[int, ...] = (4, 5, 6)
    """Column counts to choose from, per page."""
    articles: int = 4
    """Pieces per page (page one: at least the jumping stories plus one)."""
    body_size: float = 9.0
    width: float = 350 * MM
    height: float = 500 * MM
    margin: float = 14 * MM
    images: float = 0.6
    """Share of new stories that carry a photo with a caption."""
    subheads: float = 0.18
    """Chance of a subhead before each paragraph (after the first few)."""
    per_band: int = 3
    """Most pieces side by side in one band (1: every article spans the page's width)."""
    l_shapes: float = 0.4
    """Chance that a page's single-piece band reaches down into the next band (an L shape)."""
    clean_breaks: bool = False
    """Never break a column or page after a sentence inside a paragraph: in text (no indents)
    such a break cannot be told from a paragraph's end, so text fixtures use it."""
    density: float = 1.0
    """How full a story's last box is set (1: to the last line); with body_size, articles and
    images it sets how many glyphs a page holds."""
    type_scale: float = 1.0
    """Display type (titles, kickers, subtitles, series labels, page headers, masthead) as a
    multiple of its usual size; body, subheads, bylines, captions and the 导读 box keep theirs."""
    series_band: Optional[float] = None
    """A series label's box height as a multiple of the label's size (None: the label's size
    plus a fixed padding)."""
    photos: bool = False
    """Set each image box as a real photo (a small JPEG drawn with Pillow, embedded as it is)
    instead of a grey rectangle."""
    header_space: float = 1.0
    """The inner-page header's spacing (down to its line, its rule, and the body) as a
    multiple of the usual."""


@dataclass(frozen=True)
class TextLine:
    """One set line: baseline position (from the top), text, size, justification."""

    x: float
    y: float
    text: str
    size: float
    spacing: float = 0.0
    bold: bool = False


@dataclass(frozen=True)
class Frame:
    """A text frame as a layout system creates it: one object, drawn as a unit."""

    role: str
    lines: Tuple[TextLine, ...]


@dataclass(frozen=True)
class Rect:
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class Fragment:
    """Consecutive lines of one block inside one column box (text renderers' unit)."""

    kind: str
    """paragraph, subhead, jump"""
    lines: Tuple[str, ...]
    starts: bool
    ends: bool


@dataclass
class Piece:
    """A story's part on one page."""

    story: int
    part: int
    cols: Tuple[int, int]
    """First column and column count."""
    top: float = 0.0
    bottom: float = 0.0
    """The band the piece stands in (an L shape's leg reaches further down)."""
    leg: Optional[Tuple[int, float]] = None
    """L shape: how many leading columns reach down, and to which y."""
    headline: Dict[str, str] = field(default_factory=dict)
    """The headline as printed on this page: series/kicker/title/subtitle keys."""
    byline: Optional[str] = None
    jump_in: Optional[str] = None
    jump_in_run: bool = False
    jump_out: Optional[str] = None
    caption: Optional[Tuple[str, ...]] = None
    caption_after: int = 0
    """Index of the body column after which the photo comes in reading order."""
    photo: str = ""
    """Where the photo sits and its caption goes, e.g. "left-under", "right-beside"."""
    continued: str = ""
    """How a continuation's headline is repeated: full, title, clipped or absent."""
    columns: List[List[Fragment]] = field(default_factory=list)
    headline_after: bool = False
    """Text renderers only: the layout tool put this headline after the body (it happens)."""


@dataclass
class PageLayout:
    number: int
    columns: int
    frames: List[Frame] = field(default_factory=list)
    rules: List[Tuple[float, float, float, float]] = field(default_factory=list)
    boxes: List[Rect] = field(default_factory=list)
    """Stroked boxes (series label, 导读)."""
    images: List[Rect] = field(default_factory=list)
    header: Tuple[str, ...] = ()
    """Text renderers: the masthead or page-header lines, as extracted in order."""
    box: Tuple[str, ...] = ()
    """Text renderers: the 导读 box lines."""
    box_slot: Optional[Tuple[int, float, float]] = None
    """Where the 导读 box goes: column, top, bottom (page one only)."""
    pieces: List[Piece] = field(default_factory=list)


@dataclass
class IssueLayout:
    options: Options
    pages: List[PageLayout]
    truth: Issue
    """What parsing the rendered issue must give."""
    stories: list
