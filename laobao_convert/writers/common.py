"""What the HTML and EPUB writers share: labels, identifiers and a template-ready view of an issue.

The view holds only finished strings (cleaned for XML, split into lines), so templates stay
free of logic and a user's `--template-dir` override sees the same simple shape.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Tuple, Union

import jinja2
from jinja2.sandbox import SecurityError

from laobao_convert import __version__
from laobao_convert.errors import TemplateError
from laobao_convert.model import ID_SCHEME, Article, Block, Caption, Issue, Masthead, Page, Photo, printed_lines
from laobao_convert.writers import notes_zh

LANGUAGE = "zh-CN"

_DIGITS = "零一二三四五六七八九"

# Characters XML 1.0 forbids or HTML5 calls parse errors: controls other than tab, newline
# and return, surrogates, and the noncharacters (U+FDD0-FDEF and each plane's last two). A
# form feed from pdftotext output is the usual one; none of them carries text, so they go.
_NOT_XML = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)

# A fixed namespace, so an issue's identifier depends on the issue alone.
_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://pypi.org/project/laobao-convert/issue")


def render_template(env: jinja2.Environment, name: str, **context) -> str:
    """Render one template; any failure is a TemplateError naming the template, in one line."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateNotFound as error:
        included = f" (included by {name})" if error.name != name else ""
        raise TemplateError(f"template not found: {error.name}{included}") from None
    except SecurityError as error:
        message = " ".join(str(error).split())
        raise TemplateError(f"template {name} breaks the sandbox: {message}") from None
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(
            f"template {error.name or name}, line {error.lineno}: {error.message}"
        ) from None
    except Exception as error:  # noqa: BLE001 - a user's template can fail in any way
        message = " ".join(str(getattr(error, "message", None) or error).split())
        raise TemplateError(f"template {name} failed: {type(error).__name__}: {message}") from None


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五: as pages are numbered (第十二版)."""
    if n < 0:
        return "负" + chinese_number(-n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        head = _DIGITS[n // 100] + "百"
        if rest == 0:
            return head
        if rest < 10:
            return head + "零" + _DIGITS[rest]
        # 110 is 一百一十, not 一百十: inside a larger number the ten keeps its digit.
        return head + _DIGITS[rest // 10] + "十" + (_DIGITS[rest % 10] if rest % 10 else "")
    return str(n)


def page_label(number: int) -> str:
    """第一版, 第十二版."""
    return f"第{chinese_number(number)}版"


def page_heading(page: Page) -> str:
    """第一版 要闻, or 第三版 where the page prints no name."""
    return f"{page_label(page.number)} {page.name}" if page.name else page_label(page.number)


def date_text(iso: Optional[str]) -> Optional[str]:
    """2024-04-24 → 2024年4月24日; anything not an ISO date is shown as it is."""
    if not iso:
        return None
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", iso)
    if not match:
        return iso
    year, month, day = match.groups()
    return f"{year}年{int(month)}月{int(day)}日"


def issue_title(issue: Issue) -> str:
    """中国劳动保障报 2024年4月24日 第7154期, with whatever the masthead does not print left out."""
    masthead = issue.masthead
    parts = [masthead.paper or fallback_paper_name(issue)]
    if date_text(masthead.date):
        parts.append(date_text(masthead.date))
    if masthead.issue_number is not None:
        parts.append(f"第{masthead.issue_number}期")
    return clean(" ".join(parts))


def fallback_paper_name(issue: Issue) -> str:
    """A name for an issue whose masthead was not found: its first source file, never a guess
    at the paper."""
    if issue.provenance.sources:
        name = issue.provenance.sources[0].name
        stem = name.rsplit(".", 1)[0] if "." in name else name
        return stem or "报纸"
    return "报纸"


def book_identifier(issue: Issue) -> str:
    """urn:uuid derived from paper, date and issue number: the same issue gets the same id,
    whichever file it was converted from. Without those, the sources' checksums decide."""
    masthead = issue.masthead
    if masthead.paper or masthead.date or masthead.issue_number is not None:
        number = "" if masthead.issue_number is None else str(masthead.issue_number)
        key = "|".join([masthead.paper or "", masthead.date or "", number])
    else:
        key = "sources|" + "|".join(source.sha256 for source in issue.provenance.sources)
    return f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, key)}"


def tool_version(issue: Issue) -> str:
    return issue.provenance.version or __version__


def clean(text: Optional[str]) -> str:
    """Text safe for XML and HTML: characters XML cannot hold are dropped."""
    return _NOT_XML.sub("", text or "")


def lines_of(text: Optional[str]) -> Tuple[str, ...]:
    """A field's printed lines (a two-line subhead stays two lines), empty lines dropped."""
    return tuple(line.strip() for line in clean(text).split("\n") if line.strip())


_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")
# Ids the templates use for themselves (pages are page-N).
_RESERVED_IDS = {"notes", "toc", "cover", "masthead"}


def anchors(issue: Issue) -> Dict[str, str]:
    """Article id → its anchor: the article's uid (unique across issues, the same in every
    format), made valid in XML and HTML and unique in the document (uids are already both in a
    good issue; this keeps a bad one from producing an invalid book)."""
    result: Dict[str, str] = {}
    taken = set()
    for index, article in enumerate(issue.articles):
        base = _ID_UNSAFE.sub("-", issue.article_uid(article)) or f"a{index + 1}"
        if base.startswith(("page-", "pb-", "-", ".")) or base in _RESERVED_IDS:
            base = "a-" + base
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate)
        result.setdefault(article.id, candidate)
    return result


@dataclass(frozen=True)
class BodyItem:
    """One thing in an article's body, as a template shows it."""

    kind: str
    """"paragraph", "subhead" or "caption"."""
    lines: Tuple[str, ...]
    credit: str = ""
    """A caption's photo credit (新华社记者 王晔 摄), set apart from its lines."""
    image: str = ""
    """A caption's photo: where the document finds it (a file in the book, a data: URI);
    empty when there is none."""
    width: int = 0
    height: int = 0
    """The photo's size in pixels."""
    alt: str = ""
    """The photo's text alternative: what the caption says it shows."""


ImageSource = Callable[[Photo], str]
"""Where a document finds a photo's image (a path in the book, a data: URI)."""


@dataclass(frozen=True)
class ArticleView:
    anchor: str
    series: Tuple[str, ...]
    kicker: Tuple[str, ...]
    title: Tuple[str, ...]
    subtitle: Tuple[str, ...]
    byline: Tuple[str, ...]
    toc_label: str
    """The title on one line; an article without one is named by its opening words."""
    has_title: bool
    body: Tuple[BodyItem, ...]
    continued: str
    """e.g. 本文见第一版、第二版, for an article stitched across pages; else empty."""
    missing: Tuple[str, ...]
    """One note per jump whose continuation is not in the book, so a reader knows the
    article stops short there (worded apart from jump lines: this is not newspaper text)."""


@dataclass(frozen=True)
class ContinuedView:
    """An article that goes on in this page, shown whole where it starts."""

    anchor: str
    """The article's anchor."""
    page_anchor: str
    """The anchor of the page section it is shown in (an EPUB names its file from it)."""
    label: str
    """Its title, and the page it starts on: 养老保障网越织越密（转自第一版）."""


@dataclass(frozen=True)
class PageView:
    anchor: str
    """page-1; for articles without a page, 'page-other'."""
    heading: str
    number: Optional[int]
    editor: str
    articles: Tuple[ArticleView, ...]
    label: str = ""
    """第一版: the page-list's entry and the page break's name; empty for 'page-other'."""
    marker: str = ""
    """pb-1: the id of the page break marker where this printed page begins."""
    continued: Tuple[ContinuedView, ...] = ()
    """本版另载（续）: articles that start on an earlier page and go on in this one."""


@dataclass(frozen=True)
class WarningView:
    level: str
    code: str
    message: str


@dataclass(frozen=True)
class IssueView:
    title: str
    paper: str
    date: str
    iso_date: str
    weekday: str
    issue_label: str
    """第7154期"""
    pages_label: str
    """今日8版"""
    authority: str
    masthead_line: str
    """Paper, date, weekday, issue and page count on one line, e.g. for a cover's alt text."""
    details: Tuple[Tuple[str, str], ...]
    """(label, value) pairs of the masthead's small print, only those printed."""
    language: str
    identifier: str
    issue_id: str
    """2024-04-24-7154: the issue's identity, the same in every output."""
    scheme_identifier: str
    """laobao:2024-04-24-7154, an identifier a library keeps beside the urn:uuid."""
    coverage: str
    """收录第1版，共8版 when the issue holds fewer pages than its masthead says; else ''."""
    version: str
    pages: Tuple[PageView, ...]
    warnings: Tuple[WarningView, ...]
    sources: Tuple[Tuple[str, str], ...]
    """(file name, sha256)."""


def body_items(article: Article) -> Tuple[Union[Block, Caption], ...]:
    """Blocks in reading order with each caption set after the first block of its page (where
    a photo sits in print, near the top of its part); captions of no known page go after the
    first block."""
    placed: List[Union[Block, Caption]] = []
    pending = list(article.captions)
    for block in article.blocks:
        placed.append(block)
        here = [c for c in pending if c.page is None or c.page == block.page]
        placed.extend(here)
        pending = [c for c in pending if c not in here]
    placed.extend(pending)
    return tuple(placed)


def _toc_label(article: Article) -> str:
    """The title; for an article without one, the first headline part it has, else its
    opening words."""
    for field in (article.title, article.kicker, article.subtitle, article.series):
        text = " ".join(lines_of(field))
        if text:
            return text
    for text in [b.text for b in article.blocks] + [c.text for c in article.captions]:
        text = "".join(lines_of(text))
        if text:
            if len(text) <= 16:
                return text
            return text[:16].rstrip("，、。；：,;:（(“‘ ") + "…"
    return "（无标题）"


def has_text(article: Article) -> bool:
    """False for an article with no text in any field: it has nothing to show or lose."""
    fields = [article.series, article.kicker, article.title, article.subtitle, article.byline]
    fields += [b.text for b in article.blocks] + [c.text for c in article.captions]
    return any(clean(f).strip() for f in fields)


def broken_lines(text: Optional[str], breaks: Tuple[int, ...] = ()) -> Tuple[str, ...]:
    """A field's printed lines, cut where the print broke it, cleaned for XML."""
    return tuple(clean(line) for line in printed_lines(text, breaks) if clean(line).strip())


def _caption_item(caption: Caption, image_source: Optional[ImageSource]) -> Optional[BodyItem]:
    lines = lines_of(caption.description)
    credit = " ".join(lines_of(caption.credit))
    if not lines and not credit:
        return None
    photo = caption.photo
    if photo is None or not photo.data or image_source is None:
        return BodyItem(kind="caption", lines=lines, credit=credit)
    alt = "".join(lines) or "图片"
    return BodyItem(kind="caption", lines=lines, credit=credit, image=image_source(photo),
                    width=photo.width or 0, height=photo.height or 0, alt=alt)


def _article_view(article: Article, anchor: str, image_source: Optional[ImageSource] = None) -> ArticleView:
    body = []
    for item in body_items(article):
        if isinstance(item, Caption):
            caption = _caption_item(item, image_source)
            if caption is not None:
                body.append(caption)
            continue
        kind = "subhead" if item.type == "subhead" else "paragraph"
        lines = broken_lines(item.text, item.breaks) if kind == "subhead" else lines_of(item.text)
        if lines:
            body.append(BodyItem(kind=kind, lines=lines))
    continued = ""
    if len(article.pages) > 1:
        continued = "本文见" + "、".join(page_label(n) for n in article.pages)
    missing = tuple(
        f"续文在{page_label(jump.to_page)}，未能收入" if jump.to_page is not None else "续文版次不详，未能收入"
        for jump in article.jumps
        if not jump.resolved
    )
    return ArticleView(
        anchor=anchor,
        series=lines_of(article.series),
        kicker=broken_lines(article.kicker, article.breaks.kicker),
        title=broken_lines(article.title, article.breaks.title),
        subtitle=broken_lines(article.subtitle, article.breaks.subtitle),
        byline=lines_of(article.byline),
        toc_label=_toc_label(article),
        has_title=bool(lines_of(article.title)),
        body=tuple(body),
        continued=continued,
        missing=missing,
    )


def _details(masthead: Masthead) -> Tuple[Tuple[str, str], ...]:
    fields = (
        ("国内统一连续出版物号", masthead.cn),
        ("邮发代号", masthead.postal_code),
        ("国外发行代号", masthead.overseas_code),
        ("网址", masthead.website),
        ("电子信箱", masthead.email),
        ("国际标准连续出版物号", masthead.issn),
        ("主办", masthead.sponsor),
        ("出版", masthead.publisher),
        ("新闻热线", masthead.phone),
        ("农历日期", masthead.lunar_date),
        ("总期号", f"总第{masthead.total_issue}期" if masthead.total_issue is not None else None),
    )
    return tuple((label, clean(value)) for label, value in fields if value)


def page_groups(issue: Issue) -> Tuple[Tuple[Optional[Page], Tuple[Article, ...]], ...]:
    """Pages in order, each with the articles that start on it (where a reader finds each
    article, once, whole). Pages on which no article starts are left out; articles whose
    first page is not among the issue's pages get a page of their own number; articles
    without pages come last. Articles without any text are left out: they have nothing to show."""
    numbers = sorted({p.number for p in issue.pages} | {a.pages[0] for a in issue.articles if a.pages})
    groups = []
    for number in numbers:
        starting = tuple(a for a in issue.articles_starting_on(number) if has_text(a))
        if starting:
            groups.append((issue.page(number) or Page(number=number), starting))
    loose = tuple(a for a in issue.articles if not a.pages and has_text(a))
    if loose:
        groups.append((None, loose))
    return tuple(groups)


def printed_pages(issue: Issue) -> Tuple[Tuple[Optional[Page], Tuple[Article, ...]], ...]:
    """Every printed page, each with the articles that start on it: page_groups, and the
    pages on which no article starts too, so that a book has a place for each 版 (its page
    break, its continuations) and a passage can be cited to its page."""
    groups = dict((page.number if page else None, (page, articles)) for page, articles in page_groups(issue))
    numbers = sorted({p.number for p in issue.pages} | {n for n in groups if n is not None})
    ordered = [groups.get(n) or (issue.page(n) or Page(number=n), ()) for n in numbers]
    if None in groups:
        ordered.append(groups[None])
    return tuple(ordered)


def _continued(issue: Issue, number: int, ids: Dict[str, str]) -> Tuple[ContinuedView, ...]:
    return tuple(
        ContinuedView(anchor=ids[a.id], page_anchor=f"page-{a.pages[0]}",
                      label=f"{_toc_label(a)}（转自{page_label(a.pages[0])}）")
        for a in issue.articles
        if len(a.pages) > 1 and number in a.pages[1:] and a.pages[0] != number and has_text(a)
    )


def issue_view(issue: Issue, image_source: Optional[ImageSource] = None) -> IssueView:
    """Everything a template needs, as finished strings. `image_source` says where the
    document finds each photo; without it, captions are shown without their photos."""
    masthead = issue.masthead
    ids = anchors(issue)
    pages = []
    for page, articles in printed_pages(issue):
        pages.append(
            PageView(
                anchor=f"page-{page.number}" if page else "page-other",
                heading=clean(page_heading(page)) if page else "其他",
                number=page.number if page else None,
                editor=clean(page.editor) if page else "",
                articles=tuple(_article_view(a, ids[a.id], image_source) for a in articles),
                label=page_label(page.number) if page else "",
                marker=f"pb-{page.number}" if page else "",
                continued=_continued(issue, page.number, ids) if page else (),
            )
        )
    warnings = tuple(
        WarningView(
            level="说明" if w.level == "info" else "警告",
            code=clean(w.code),
            message=clean(notes_zh.note(w, issue)),
        )
        for w in issue.warnings
    )
    return IssueView(
        title=issue_title(issue),
        paper=clean(masthead.paper or fallback_paper_name(issue)),
        date=clean(date_text(masthead.date)),
        iso_date=clean(masthead.date),
        weekday=clean(masthead.weekday),
        issue_label=f"第{masthead.issue_number}期" if masthead.issue_number is not None else "",
        pages_label=f"今日{masthead.page_count}版" if masthead.page_count else "",
        authority=clean(masthead.authority),
        masthead_line=" ".join(
            p
            for p in (
                clean(masthead.paper or fallback_paper_name(issue)),
                clean(date_text(masthead.date)),
                clean(masthead.weekday),
                f"第{masthead.issue_number}期" if masthead.issue_number is not None else "",
                f"今日{masthead.page_count}版" if masthead.page_count else "",
            )
            if p
        ),
        details=_details(masthead),
        language=LANGUAGE,
        identifier=book_identifier(issue),
        issue_id=clean(issue.id),
        scheme_identifier=f"{ID_SCHEME}:{clean(issue.id)}",
        coverage=notes_zh.coverage(issue),
        version=clean(tool_version(issue)),
        pages=tuple(pages),
        warnings=warnings,
        sources=tuple((clean(s.name), clean(s.sha256)) for s in issue.provenance.sources),
    )
