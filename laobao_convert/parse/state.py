"""The parser's working state: what the rules pass along, frozen, replaced rule by rule.

A Unit is one piece of text with what is known about it (a paragraph, a headline line, a
caption...); a Part is the run of units on one page that belongs to one article; the stitch
rule chains parts into articles.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Optional, Tuple

from laobao_convert.content import BBox, Line, PageContent
from laobao_convert.parse.text import join_lines
from laobao_convert.model import Article, Conservation, Furniture, Masthead, Page, Warning, nonspace


@dataclass(frozen=True)
class Mark:
    """A jump line's meaning: the other page, and the text it took out of the flow."""

    page: Optional[int]
    text: str


@dataclass(frozen=True)
class Unit:
    lines: Tuple[str, ...]
    """Its lines; more than one only where the source set them apart (hard breaks)."""
    heading: bool = False
    role: Optional[str] = None
    """A content.ROLES value, or "headline" (a heading whose parts are not yet told apart)."""
    hinted: bool = False
    """The role came from the reader (geometry), not from a rule."""
    region: Optional[int] = None
    starts: Optional[bool] = None
    ends: Optional[bool] = None
    wrapped: bool = False
    """The lines are one paragraph wrapped at the column's width (pdftotext), not lines
    the source set apart."""
    geometry: bool = False
    """The reader placed it on the page (PDF): its blocks are frames, not text chunks."""
    block: int = 0
    """Index of the source block: units from one block were set together."""
    jump_out: Optional[Mark] = None
    jump_in: Optional[Mark] = None
    evidence: Tuple[str, ...] = ()
    """What decided its role (the reader's evidence, or the rule's): laobao_convert.parse.roles."""
    bbox: Optional[BBox] = None
    """Where its text is printed on its page (PDF); units joined on one page share the union."""
    printed: Tuple[str, ...] = ()
    """The source's own lines (a heading's parts as set apart), for where a heading's line
    breaks; `lines` may hold them joined."""
    placed: Tuple[Line, ...] = ()
    """The reader's lines with their boxes (PDF), carried along for METS/ALTO: units joined
    on one page join them; a unit split keeps them whole (the writer shares text out)."""

    @property
    def text(self) -> str:
        return join_lines(self.lines)


@dataclass(frozen=True)
class WorkPage:
    number: int
    units: Tuple[Unit, ...]
    source: str
    index: int
    number_hint: Optional[int] = None
    printed_number: Optional[int] = None
    name: Optional[str] = None
    editor: Optional[str] = None
    date: Optional[str] = None
    order: int = 0
    """Input order over all documents, the last resort for ordering pages."""
    content: Optional[PageContent] = None
    """What the reader gave; the reflow rule turns it into units."""
    kind: str = "text"


@dataclass(frozen=True)
class Part:
    """One article's text on one page, in reading order."""

    page: int
    head: Tuple[Unit, ...] = ()
    units: Tuple[Unit, ...] = ()
    jump_in: Optional[Mark] = None
    jump_out: Optional[Mark] = None
    region: Optional[int] = None
    series: Optional[str] = None
    kicker: Optional[str] = None
    title: Optional[str] = None
    subtitle: Optional[str] = None
    byline: Optional[str] = None
    continuation: bool = False
    """Starts with 上接 (or is matched as the rest of an article from another page)."""
    repeated: Tuple[str, ...] = ()
    """Pieces of the head that repeat the headline of the page the part continues from:
    taken out of the head (page furniture), kept here to find the article they continue."""
    why: Tuple[Tuple[str, str], ...] = ()
    """(field, evidence) for the headline's parts and the byline: what made each what it is."""


@dataclass(frozen=True)
class State:
    pages: Tuple[WorkPage, ...]
    masthead: Masthead = field(default_factory=Masthead)
    parts: Tuple[Part, ...] = ()
    articles: Tuple[Article, ...] = ()
    out_pages: Tuple[Page, ...] = ()
    warnings: Tuple[Warning, ...] = ()
    total_chars: int = 0
    """Non-space characters of every input line."""
    furniture_items: Tuple[Furniture, ...] = ()
    """Text filed as page furniture, each piece with its page and kind."""
    warned_chars: int = 0
    conservation: Conservation = field(default_factory=Conservation)

    def warn(self, code: str, message: str, page: Optional[int] = None, chars: int = 0,
             level: str = "warning") -> "State":
        warning = Warning(code=code, message=message, page=page, level=level)
        return replace(self, warnings=self.warnings + (warning,),
                       warned_chars=self.warned_chars + chars)

    @property
    def furniture_chars(self) -> int:
        return sum(nonspace(item.text) for item in self.furniture_items)

    def furniture(self, kind: str, texts, page: Optional[int] = None) -> "State":
        """File `texts` (one string or several) as furniture of `kind` on `page`."""
        if isinstance(texts, str):
            texts = (texts,)
        items = tuple(Furniture(kind=kind, text=t, page=page) for t in texts if nonspace(t))
        return replace(self, furniture_items=self.furniture_items + items) if items else self
