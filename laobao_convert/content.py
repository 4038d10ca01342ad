"""Page content: what readers produce and the parser consumes.

Readers never build articles. A PDF reader fills geometry and type (bbox, size, bold) and
puts blocks in reading order from geometry; the text reader fills only what text can give
(text, the source's own grouping, `## ` heading marks) and leaves geometry None. Every parser
rule must work with geometry when it is there and degrade gracefully without it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Tuple

from laobao_convert.model import Issue, SourceFile, Warning


@dataclass(frozen=True)
class BBox:
    """A rectangle in PDF points, origin top-left, named as pdfplumber names them."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class Line:
    """One visual line of text (or one source line for text input)."""

    text: str
    """The line's characters; CJK joined without spaces, Latin words keep theirs."""
    bbox: Optional[BBox] = None
    size: Optional[float] = None
    """Dominant font size in points (PDF only)."""
    bold: bool = False
    """Bold face, or overprinted fake bold (PDF only)."""
    hard_break: bool = False
    """The source ended this line with an explicit break (layout-Markdown's two trailing
    spaces): the next line is part of the same unit, set on a line of its own."""
    confidence: Optional[float] = None
    """How sure OCR was of the line (0..1); None where it came from a text layer or text."""


# Roles a reader may already know from geometry and type. The parser trusts a role hint where
# one is given and infers one from the text where it is None.
ROLES = (
    "masthead",  # page-one 报头 pieces
    "header",  # inner-page 报眉 (date, 第N版, 版名, 责任编辑)
    "footer",
    "series",  # 栏目 label
    "kicker",  # 引题
    "title",  # 主题
    "subtitle",  # 副题
    "byline",
    "body",
    "subhead",
    "caption",
    "jump",  # 下转/上接 line
    "box",  # 导读 / 要目 / notices / adverts: not an article
)


@dataclass(frozen=True)
class TextBlock:
    """A run of lines the source set apart from its neighbours.

    For layout-Markdown text: one blank-line-separated chunk. For pdftotext output: one
    blank-line-separated run of lines. For PDF: one piece of a text frame, in reading order.
    """

    lines: Tuple[Line, ...]
    heading: bool = False
    """The source marked it as a heading (`## ` in layout-Markdown, headline type in PDF)."""
    role: Optional[str] = None
    """One of ROLES when the reader knows it from geometry and type; else None."""
    region: Optional[int] = None
    """Index of the article region (PDF: the rectangle under one headline) it belongs to;
    None where the reader cannot tell."""
    column: Optional[int] = None
    """Column index within the page, left to right (PDF only)."""
    bbox: Optional[BBox] = None
    starts_paragraph: Optional[bool] = None
    """True when the first line is indented as a paragraph's first line; False when it
    visibly continues a paragraph from the previous column (no indent); None: unknown (text)."""
    ends_paragraph: Optional[bool] = None
    """True when the last line is a paragraph's short last line; False when the paragraph runs
    on past a column or region break; None: unknown."""
    evidence: Tuple[str, ...] = ()
    """What decided the role, in words ("2.1 em", "white on a band"): for --debug-dir."""

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True)
class ImageData:
    """An image's file as it will be embedded or written: its bytes and what they are."""

    media_type: str
    """"image/jpeg" or "image/png"."""
    data: bytes = field(repr=False)
    width: int = 0
    """Pixels."""
    height: int = 0


@dataclass(frozen=True)
class Graphic:
    """Something drawn on a PDF page that is not text."""

    kind: str
    """"rule" (a thin line), "picture" (a photo or a stand-in for one) or "frame" (an outline
    around text)."""
    bbox: BBox
    captions: Tuple[BBox, ...] = ()
    """A picture's caption frames as the layout bound them: how the parser's captions find
    their photo again."""
    photo: bool = False
    """A picture that is an image object of the PDF (not a drawn rectangle standing in for one)
    with a caption: a photo, which the writers that show pictures can take."""
    image: Optional[ImageData] = None
    """The photo's image, when the reader was asked for images (ReadOptions.images)."""


@dataclass(frozen=True)
class PageContent:
    """Everything one page gave, in reading order."""

    blocks: Tuple[TextBlock, ...]
    source: str
    """The input's base name, for messages."""
    index: int = 0
    """Position of this page within its source (0-based)."""
    number_hint: Optional[int] = None
    """A page number the reader knows from outside the page's text (e.g. a file named
    20240424_03.pdf); the printed header wins over it."""
    width: Optional[float] = None
    height: Optional[float] = None
    body_size: Optional[float] = None
    """The most common font size of the page's text (PDF only): roles are relative to it."""
    graphics: Tuple[Graphic, ...] = ()
    """The rules, pictures and frames the layout found (PDF only). The parser does not look at
    them: they are kept so that --debug-dir can show what the layout saw, and so that the
    captions it finds can be given their photos (laobao_convert.figures)."""
    cover: Optional[ImageData] = None
    """The page rendered whole as a JPEG (page one of a PDF, when ReadOptions.cover asks)."""


@dataclass(frozen=True)
class Document:
    """One input as a reader saw it: its pages, what it is, and what the reader had to say."""

    pages: Tuple[PageContent, ...]
    source: SourceFile
    warnings: Tuple[Warning, ...] = ()
    kind: str = "text"
    """One of "pdf", "layout" (pdftotext -layout text, laid out as a PDF is), "image" (page
    images read by OCR, laid out as a PDF is), "alto" (ALTO files alone, laid out as a PDF is),
    "markdown" (layout-tool text), "pdftotext" or "mets" (METS/ALTO)."""
    issue: Optional["Issue"] = None
    """The issue itself where the input already says what its articles are (METS/ALTO): then
    the pages are for grouping and naming only, and the parser does not run."""


PLACED_KINDS = ("pdf", "layout", "image", "alto")
"""Document kinds whose blocks the layout rules placed: in reading order, with roles and edges."""
