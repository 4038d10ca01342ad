"""The issue model: what every reader's pages are parsed into and every writer reads.

Writers import this module and nothing from readers or the parser. Everything is frozen;
sequences are tuples, so a parsed issue can be shared, compared and hashed safely.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Tuple

SCHEMA = "laobao-convert/issue@1"


def nonspace(text: Optional[str]) -> int:
    """Characters that count for conservation: everything but whitespace."""
    return sum(1 for ch in text if not ch.isspace()) if text else 0


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


@dataclass(frozen=True)
class Block:
    """One unit of an article's body, in reading order."""

    type: str
    """"paragraph" or "subhead"."""
    text: str
    """The text, column breaks and jump lines removed; CJK joined without spaces."""
    page: Optional[int] = None
    """The page this block starts on."""


@dataclass(frozen=True)
class Caption:
    """A photo caption taken out of the body and kept with its article."""

    text: str
    """The caption's text, its lines joined; the credit (…摄) included."""
    page: Optional[int] = None


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

    def page(self, number: int) -> Optional[Page]:
        for page in self.pages:
            if page.number == number:
                return page
        return None

    def articles_starting_on(self, number: int) -> Tuple[Article, ...]:
        """Articles whose first page is `number`: where a book places each article, once."""
        return tuple(a for a in self.articles if a.pages and a.pages[0] == number)
