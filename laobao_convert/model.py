"""The issue model: what every reader's pages are parsed into and every writer reads.

Writers import this module and nothing from readers or the parser. Everything is frozen;
sequences are tuples, so a parsed issue can be shared, compared and hashed safely.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Optional, Tuple

SCHEMA = "laobao-convert/issue@1"

ID_SCHEME = "laobao"
"""The scheme of an issue's identifier where it is written as scheme:value (laobao:2024-04-24-7154)."""

_NOT_ID = re.compile(r"[^A-Za-z0-9_.-]+")


def nonspace(text: Optional[str]) -> int:
    """Characters that count for conservation: everything but whitespace."""
    # str.split() cuts at exactly the characters str.isspace() calls whitespace.
    return len("".join(text.split())) if text else 0


def printed_lines(text: Optional[str], offsets: Tuple[int, ...] = ()) -> Tuple[str, ...]:
    """A field's printed lines: cut at its break offsets and at any newline it holds, each
    stripped, empty ones dropped."""
    if not text:
        return ()
    cuts, last = [], 0
    for offset in sorted(o for o in set(offsets) if 0 < o < len(text)):
        cuts.append(text[last:offset])
        last = offset
    cuts.append(text[last:])
    return tuple(line.strip() for cut in cuts for line in cut.split("\n") if line.strip())


@dataclass(frozen=True)
class Masthead:
    """The page-one masthead (报头). A field the page does not print is None, never a guess."""

    paper: Optional[str] = None
    """The paper's name as printed, e.g. 中国劳动保障报."""
    date: Optional[str] = None
    """Publication date, ISO 8601 (YYYY-MM-DD)."""
    weekday: Optional[str] = None
    """The weekday as printed, e.g. 星期三."""
    issue_number: Optional[int] = None
    """The running issue number, 第N期."""
    page_count: Optional[int] = None
    """Pages in the issue as the masthead announces them (今日N版)."""
    authority: Optional[str] = None
    """The supervising body line, e.g. 中华人民共和国人力资源和社会保障部主管."""
    cn: Optional[str] = None
    """国内统一连续出版物号, e.g. CN 11-0022."""
    postal_code: Optional[str] = None
    """邮发代号."""
    overseas_code: Optional[str] = None
    """国外发行代号."""
    website: Optional[str] = None
    email: Optional[str] = None
    # What some papers' mastheads print besides (read where printed, else None).
    lunar_date: Optional[str] = None
    """The lunar date as printed, e.g. 农历甲辰年三月十六."""
    total_issue: Optional[int] = None
    """The count of issues since the paper's first, 总第N期."""
    issn: Optional[str] = None
    """国际标准连续出版物号, e.g. ISSN 1234-5678."""
    sponsor: Optional[str] = None
    """The sponsoring body (主办), its name only, e.g. 中国劳动保障报社."""
    publisher: Optional[str] = None
    """The publishing body (出版), its name only."""
    phone: Optional[str] = None
    """The news line (新闻热线 / 电话) as printed, e.g. (010)84209211."""


@dataclass(frozen=True)
class Page:
    """One printed page (版) of the issue."""

    number: int
    """The page number (第N版); for inputs that print none, the position in the issue."""
    name: Optional[str] = None
    """版名, e.g. 要闻, 就业; None where the page prints none."""
    editor: Optional[str] = None
    """责任编辑 as printed in the page header."""
    date: Optional[str] = None
    """The date in the page header, ISO 8601, where one is printed."""
    source: Optional[str] = None
    """The base name of the input file the page was read from."""
    index: Optional[int] = None
    """The page's position in that file, counting from 0 (a PDF's page index)."""
    width: Optional[float] = None
    """The page's width in PDF points (PDF only; None for text input)."""
    height: Optional[float] = None
    """The page's height in PDF points (PDF only)."""
    furniture: Tuple["PageBox", ...] = field(default=(), compare=False, metadata={"serialized": False})
    """Where the page prints text no article holds (masthead, page header, jump lines, boxes),
    piece by piece with its lines: for METS/ALTO, whose pages carry all their text. The JSON
    leaves it out (the issue's `furniture` has the text)."""
    drawings: Tuple["Drawing", ...] = field(default=(), compare=False, metadata={"serialized": False})
    """The rules, frames and pictures the layout saw on the page (PDF and scans), for METS/ALTO."""


DRAWING_KINDS = ("rule", "frame", "picture")


@dataclass(frozen=True)
class Drawing:
    """Something printed on a page that is not text: a rule, a frame drawn around text (a
    box, a band under a series label) or a picture."""

    kind: str
    """One of DRAWING_KINDS."""
    bbox: "Box"
    photo: bool = False
    """A picture that is a photo (an image with a caption)."""


@dataclass(frozen=True)
class Box:
    """A rectangle on a printed page in PDF points, origin top left (as pdfplumber names its
    sides): an archive can point from a passage to the place it was printed."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class PrintedLine:
    """One line as the page printed it: its text as read, its box, its type size. For the
    METS/ALTO writer, which gives every line and word its place; the JSON leaves these out
    (see NOT_IN_JSON), so it stays as compact as before."""

    text: str
    bbox: Box
    size: Optional[float] = None
    """The line's type size in points, where the reader measured it."""
    confidence: Optional[float] = None
    """How sure OCR was of the line (0..1); None for a text layer's line."""
    bold: bool = False
    """Set in a bold face (or overprinted to look bold), as the reader saw it."""


LOW_CONFIDENCE = 0.8
"""An OCRed line read with less confidence than this is doubtful: named in its block's
`doubtful` and in the page's note."""


NOT_IN_JSON = {"serialized": False}
"""dataclasses.field metadata: a field the JSON (serialize.py) leaves out and equality ignores:
the printed lines, many per block, that only an archive format wants."""


def _lines_field():
    return field(default=(), compare=False, metadata=NOT_IN_JSON)


@dataclass(frozen=True)
class PageBox:
    """Where a block goes on, on a later page (a paragraph a jump cut)."""

    page: int
    bbox: Box
    lines: Tuple[PrintedLine, ...] = _lines_field()
    """The lines of this piece, in reading order."""


@dataclass(frozen=True)
class Block:
    """One unit of an article's body, in reading order."""

    type: str
    """"paragraph" or "subhead"."""
    text: str
    """The text, column breaks and jump lines removed; CJK joined without spaces."""
    page: Optional[int] = None
    """The page this block starts on."""
    bbox: Optional[Box] = None
    """Where its text is printed on `page` (PDF input; None for text input)."""
    more: Tuple[PageBox, ...] = ()
    """Where it goes on, on later pages (a paragraph continued across a jump)."""
    breaks: Tuple[int, ...] = ()
    """Offsets in `text` where a printed line of a subhead ends and the next begins (a
    two-line subhead): writers set a line break there. Empty for paragraphs."""
    lines: Tuple[PrintedLine, ...] = _lines_field()
    """The printed lines within `bbox` (on `page`), as read: their texts joined are the
    block's text on this page, give or take what the rules moved."""
    confidence: Optional[float] = None
    """Read by OCR: how sure it was of the block's least sure line (0..1), so that a doubtful
    paragraph can be found and checked; None for text from a text layer or text input."""
    doubtful: Tuple[str, ...] = ()
    """Read by OCR: the block's lines read with low confidence, as read."""


NOT_SERIALIZED = {"serialized": False}
"""Field metadata: a field the JSON leaves out (an image's bytes; the JSON names its file)."""


@dataclass(frozen=True)
class Photo:
    """A photo printed on a page, as its caption's picture (PDF input)."""

    id: str
    """Unique within the issue: p{page}-i{order on the page}, e.g. p1-i2."""
    page: Optional[int] = None
    bbox: Optional[Box] = None
    """Where it is printed on `page`."""
    media_type: Optional[str] = None
    """"image/jpeg" or "image/png"; None when its image was not taken out (the output shows
    no images, or the PDF's image could not be read)."""
    width: Optional[int] = None
    """Pixels."""
    height: Optional[int] = None
    file: Optional[str] = None
    """The image file written beside the output, as a path relative to the output's folder
    (--images); None when none is written (standard output, or an output that embeds it)."""
    data: bytes = field(default=b"", repr=False, metadata=NOT_SERIALIZED)
    """The image file's bytes (empty when not taken out)."""


@dataclass(frozen=True)
class Caption:
    """A photo caption taken out of the body and kept with its article."""

    text: str
    """The caption's text, its lines joined; the credit (…摄) included."""
    page: Optional[int] = None
    bbox: Optional[Box] = None
    """Where it is printed on `page` (PDF input)."""
    credit: Optional[str] = None
    """The photo credit that ends `text` (新华社记者 王晔 摄, 新华社发, 图片来源：…), set apart;
    None when the caption names none."""
    photo: Optional[Photo] = None
    """The photo the caption is printed with (PDF input, where the layout bound them)."""
    lines: Tuple[PrintedLine, ...] = _lines_field()

    @property
    def description(self) -> str:
        """The caption without its credit."""
        at = self.text.rfind(self.credit) if self.credit else -1
        return self.text[:at].rstrip(" \u3000（(") if at >= 0 else self.text


@dataclass(frozen=True)
class Region:
    """A piece of an article's headline or byline as printed: what an archive's page map
    points at for the headline's role. The article's fields hold the text; this holds where."""

    role: str
    """"heading" (kicker, title, subtitle, series as set) or "byline"."""
    text: str
    page: int
    bbox: Box
    lines: Tuple[PrintedLine, ...] = ()


@dataclass(frozen=True)
class Breaks:
    """Offsets in each headline field where its printed lines part (a two-line title)."""

    kicker: Tuple[int, ...] = ()
    title: Tuple[int, ...] = ()
    subtitle: Tuple[int, ...] = ()


@dataclass(frozen=True)
class Jump:
    """A 转版: the article goes on from one page to another."""

    from_page: int
    to_page: Optional[int]
    """The page the jump line names; None if the line names none we can read."""
    resolved: bool
    """True when the continuation was found and stitched into this article."""


@dataclass(frozen=True)
class Article:
    """One article, whole: all its parts stitched together across pages."""

    id: str
    """Stable within an issue: 'p{first page}-a{order on that page}', e.g. p1-a2."""
    pages: Tuple[int, ...]
    """The pages it has text on, in reading order."""
    series: Optional[str] = None
    """Series label (栏目), e.g. 人社厅(局)长谈贯彻落实全国两会精神②."""
    kicker: Optional[str] = None
    """引题, the smaller line above the title."""
    title: Optional[str] = None
    """主题; None (with a warning) when no headline could be found."""
    subtitle: Optional[str] = None
    """副题, below the title, often starting with ——."""
    byline: Optional[str] = None
    """The author line, e.g. 本报记者 游朔."""
    blocks: Tuple[Block, ...] = ()
    captions: Tuple[Caption, ...] = ()
    jumps: Tuple[Jump, ...] = ()
    breaks: Breaks = field(default_factory=Breaks)
    """Where the headline's printed lines part, field by field."""
    regions: Tuple[Region, ...] = field(default=(), compare=False, metadata=NOT_IN_JSON)
    """Where its headline and byline are printed (PDF input), for METS/ALTO."""

    def char_count(self) -> int:
        """Non-space characters of everything the article carries: the one count that
        conservation is checked with, in the parser and again in the pipeline."""
        fields = (self.series, self.kicker, self.title, self.subtitle, self.byline)
        return (sum(nonspace(f) for f in fields)
                + sum(nonspace(b.text) for b in self.blocks)
                + sum(nonspace(c.text) for c in self.captions))


@dataclass(frozen=True)
class Warning:  # noqa: A001 - the issue's own word; shadows the builtin only inside this module
    """Something a reader of the output should know: data, not a log line."""

    code: str
    """Short stable identifier, e.g. 'unresolved-jump', 'no-headline', 'dropped-text'."""
    message: str
    """One line, in words a user understands, naming pages and headlines."""
    page: Optional[int] = None
    level: str = "warning"
    """"warning" or "info"; --strict fails an issue on any "warning"."""


@dataclass(frozen=True)
class SourceFile:
    """One input file as it was read."""

    name: str
    """The file's base name (not its path, so output does not depend on where it was)."""
    sha256: str
    pages: int
    """How many pages this file contributed."""


@dataclass(frozen=True)
class Provenance:
    sources: Tuple[SourceFile, ...] = ()
    tool: str = "laobao-convert"
    version: str = ""


@dataclass(frozen=True)
class Conservation:
    """Character accounting: article text in versus text out, so a loss is visible."""

    input_chars: int = 0
    """Non-space characters of article text the readers found (page furniture excluded)."""
    output_chars: int = 0
    """Non-space characters in the articles' fields, blocks and captions."""
    warned_chars: int = 0
    """Characters left out of articles, each accounted for by a warning."""
    furniture_chars: int = 0
    """Masthead, page headers, jump lines, 导读 boxes: counted apart, not article text. Only
    furniture recognised as its kind counts here."""
    unrecognised_chars: int = 0
    """Text filed as furniture that does not look like its kind: part of warned_chars, each
    piece told of by an "unrecognised-furniture" warning."""


FURNITURE_KINDS = (
    "masthead",  # 报头 lines
    "header",  # 报眉: page number, 版名, date, editor
    "footer",  # 社址, 电话, 印刷, 定价
    "jump",  # 下转 / 上接 lines
    "box",  # 导读 / 要目 items, adverts, notices: text that is not an article
    "repeat",  # a continuation's repeated headline
)


@dataclass(frozen=True)
class Furniture:
    """Page text that is not article text, kept so that every character of a page is
    somewhere in the issue: the masthead's lines, page headers, jump lines, boxes."""

    kind: str
    """One of FURNITURE_KINDS."""
    text: str
    page: Optional[int] = None
    """The page it was printed on, where known."""
    recognised: bool = True
    """False when the text does not look like its kind: then it is counted as text lost from
    the articles (with a warning), not as furniture."""


@dataclass(frozen=True)
class Issue:
    masthead: Masthead = field(default_factory=Masthead)
    pages: Tuple[Page, ...] = ()
    articles: Tuple[Article, ...] = ()
    warnings: Tuple[Warning, ...] = ()
    furniture: Tuple[Furniture, ...] = ()
    provenance: Provenance = field(default_factory=Provenance)
    conservation: Conservation = field(default_factory=Conservation)
    cover: Optional[Photo] = field(default=None, metadata=NOT_SERIALIZED)
    """Page one rendered as a picture (PDF input converted to EPUB): the book's cover."""

    @property
    def id(self) -> str:
        """The issue's identity, the same in every output: {date}-{issue number}, e.g.
        2024-04-24-7154; the date or the number alone where only one is printed. An issue that
        prints neither is named by its first input's name, else by its inputs' checksums.
        Letters, digits, '-', '_' and '.' only, so it is usable as a name and an anchor."""
        date = self.masthead.date or next((p.date for p in self.pages if p.date), None)
        number = self.masthead.issue_number
        parts = [_NOT_ID.sub("-", date).strip("-") if date else "", "" if number is None else str(number)]
        key = "-".join(p for p in parts if p)
        if key:
            return key
        if self.provenance.sources:
            name = self.provenance.sources[0].name
            stem = _NOT_ID.sub("-", name.rsplit(".", 1)[0] if "." in name else name).strip("-.")
            if stem:
                return stem
        digest = hashlib.sha256("|".join(s.sha256 for s in self.provenance.sources).encode("ascii")).hexdigest()
        return f"issue-{digest[:12]}"

    def article_uid(self, article: Article) -> str:
        """An article's id unique across issues: {issue id}-{article id}, e.g.
        2024-04-24-7154-p1-a2; the anchor every format gives the article."""
        return f"{self.id}-{article.id}" if article.id else self.id

    def page(self, number: int) -> Optional[Page]:
        for page in self.pages:
            if page.number == number:
                return page
        return None

    def articles_starting_on(self, number: int) -> Tuple[Article, ...]:
        """Articles whose first page is `number`: where a book places each article, once."""
        return tuple(a for a in self.articles if a.pages and a.pages[0] == number)
