"""Reading laobao-convert's own Markdown back into pages, so the parser rebuilds its articles.

The Markdown writer (laobao_convert.writers.markdown) sets every article part apart by a fixed
convention; this reader undoes it and hands the parser blocks with role hints (series, kicker,
title, subtitle, byline, body, subhead, caption) and one region per article, so no inference is
needed. The front matter gives back the masthead and the page headers as the parser reads them
in print. What Markdown does not keep: which page each part of a stitched article was on (the
whole article comes back on its first page) and jumps that were resolved; an unresolved jump
comes back as its jump line, so the parser warns about it again.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from laobao_convert.content import Document, Line, PageContent, TextBlock
from laobao_convert.errors import InputError
from laobao_convert.model import SourceFile
from laobao_convert.vocabulary import to_int
from laobao_convert.writers.markdown import (
    CAPTION_LABEL, NO_TITLE, NOTE_LABEL, OWN_KEY, SEPARATOR, WARNINGS_HEADING,
)

GENERATOR = "laobao-convert"

_PAGE_HEADING = re.compile(r"^第(?P<n>[零〇一二两三四五六七八九十百\d]+)版(?:\s+(?P<name>.+))?$")
_UNRESOLVED_NOTE = re.compile(r"^本文下转(?P<page>第[零〇一二两三四五六七八九十百\d]+版)")
_ENTITY = re.compile(r"&#(\d+);")
_ANCHOR = re.compile(r'^<div id="[^"<>]*"></div>$')
_ASCII_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def has_own_front_matter(text: str) -> bool:
    """True when `text` starts with front matter naming laobao-convert as its generator."""
    meta, _ = split_front_matter(text)
    return str(meta.get("generator", "")).split(" ")[0] == GENERATOR


# --- front matter ---------------------------------------------------------------------------


def split_front_matter(text: str) -> Tuple[Dict[str, object], str]:
    """(fields, rest). Reads the YAML subset the writer emits: `key: scalar` lines and lists of
    `- {key: scalar, ...}` flow mappings, the tool's own under `laobao:` (then those are the
    fields: the keys above them are pandoc's), or at the top (as earlier versions wrote them).
    No front matter: ({}, text)."""
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        return {}, text
    meta: Dict[str, object] = {}
    own: Optional[Dict[str, object]] = None
    target = meta
    current_list: Optional[List[object]] = None
    for raw in lines[1:end]:
        if not raw.strip():
            continue
        item = re.match(r"^\s+-\s+(.*)$", raw)
        if item and current_list is not None:
            current_list.append(_flow_value(item.group(1).strip()))
            continue
        pair = re.match(r"^( *)([A-Za-z_][\w-]*):\s*(.*)$", raw)
        if not pair:
            continue  # not from our writer; front matter is informative, never fatal
        indent, key, value = len(pair.group(1)), pair.group(2), pair.group(3).strip()
        if indent == 0:
            target = meta
        if value:
            target[key] = _scalar(value)
            current_list = None
        elif indent == 0 and key == OWN_KEY:
            own = target = {}
            current_list = None
        else:
            current_list = []
            target[key] = current_list
    return (own if own is not None else meta), "\n".join(lines[end + 1 :])


def _scalar(text: str) -> object:
    if text.startswith('"'):
        try:
            return json.loads(text)
        except ValueError:
            return text.strip('"')
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if text in ("null", "~"):
        return None
    return text


def _flow_value(text: str) -> object:
    """`{a: 1, b: "x, y"}` → dict; anything else as a scalar."""
    if not (text.startswith("{") and text.endswith("}")):
        return _scalar(text)
    result: Dict[str, object] = {}
    rest = text[1:-1].strip()
    decoder = json.JSONDecoder()
    while rest:
        key, sep, rest = rest.partition(":")
        if not sep:
            break
        rest = rest.lstrip()
        if rest.startswith('"'):
            try:
                value, used = decoder.raw_decode(rest)
            except ValueError:
                break
            rest = rest[used:]
        else:
            raw, comma, tail = rest.partition(",")
            value = _scalar(raw.strip())
            rest = comma + tail
        result[key.strip()] = value
        rest = rest.lstrip().lstrip(",").lstrip()
    return result


# --- inline text ----------------------------------------------------------------------------


def unescape(text: str) -> str:
    """Undo the writer's escaping: `\\x` → x for ASCII punctuation, `\\` at a line's end → a
    line break, numeric character references → the character."""
    out = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and (text[i + 1] in _ASCII_PUNCT or text[i + 1] == "\n"):
            out.append(text[i + 1])
            i += 2
            continue
        if ch == "&":
            entity = _ENTITY.match(text, i)
            if entity and int(entity.group(1)) <= 0x10FFFF:
                out.append(chr(int(entity.group(1))))
                i = entity.end()
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def _strip_quote(chunk: str) -> str:
    return "\n".join(re.sub(r"^>\s?", "", line) for line in chunk.split("\n"))


def _emphasis(chunk: str) -> Tuple[Optional[str], str]:
    """('bold' | 'italic' | None, inner text) for a chunk set wholly in ** or *. Text never
    starts with a bare `*` (the writer escapes it), so the marks are the writer's own."""
    if len(chunk) > 4 and chunk.startswith("**") and chunk.endswith("**"):
        return "bold", chunk[2:-2]
    if len(chunk) > 2 and chunk.startswith("*") and not chunk.startswith("**") and chunk.endswith("*"):
        return "italic", chunk[1:-1]
    return None, chunk


# --- articles -------------------------------------------------------------------------------


@dataclass
class _Article:
    """Parts of one article as the Markdown sets them, in order, with their roles."""

    parts: List[Tuple[str, str]] = field(default_factory=list)
    titled: bool = False
    body_started: bool = False

    @property
    def empty(self) -> bool:
        return not self.parts and not self.titled


@dataclass
class _Page:
    number: Optional[int]
    name: Optional[str]
    articles: List[_Article] = field(default_factory=list)


def _read_sections(body: str) -> List[_Page]:
    chunks = [c.strip("\n") for c in re.split(r"\n[ \t]*\n", body.replace("\r\n", "\n")) if c.strip()]
    pages: List[_Page] = []
    page: Optional[_Page] = None
    article = _Article()

    def close_article() -> None:
        nonlocal article
        if page is not None and not article.empty:
            page.articles.append(article)
        article = _Article()

    for chunk in chunks:
        if chunk.startswith("# "):
            continue  # the issue title: the masthead comes from the front matter
        if chunk.startswith("## "):
            close_article()
            heading = unescape(chunk[3:].strip())
            if heading == WARNINGS_HEADING:
                page = None  # warnings are recomputed by the parser
                continue
            match = _PAGE_HEADING.match(heading)
            number = to_int(match.group("n")) if match else None
            page = _Page(number=number, name=match.group("name") if match else None)
            pages.append(page)
            continue
        if page is None:
            continue
        if chunk == SEPARATOR:
            close_article()
            continue
        if chunk.startswith("!["):
            continue  # a photo's image line: the caption under it carries the text
        if _ANCHOR.match(chunk):
            if not article.empty:
                close_article()
            continue
        if chunk.startswith("### "):
            if article.titled:
                close_article()
            title = chunk[4:].strip()
            article.titled = True
            if title != NO_TITLE:
                article.parts.append(("title", unescape(title)))
            continue
        if chunk.startswith("#### "):
            article.parts.append(("subhead", unescape(chunk[5:].strip())))
            article.body_started = True
            continue
        if chunk.startswith(">"):
            quoted = _strip_quote(chunk)
            if quoted.startswith(CAPTION_LABEL):
                article.parts.append(("caption", unescape(quoted[len(CAPTION_LABEL) :])))
            elif quoted.startswith(NOTE_LABEL):
                note = unescape(quoted[len(NOTE_LABEL) :])
                jump = _UNRESOLVED_NOTE.match(note)
                if jump:
                    article.parts.append(("jump", f"（下转{jump.group('page')}）"))
            elif not article.body_started:
                # A quoted line by the headline: the kicker above the title, the subtitle below.
                article.parts.append(("subtitle" if article.titled else "kicker", unescape(quoted)))
            else:
                article.parts.append(("body", unescape(quoted)))
                article.body_started = True
            continue
        kind, inner = _emphasis(chunk)
        if kind and not article.body_started:
            if not article.titled:
                role = "series" if kind == "bold" else "kicker"
            else:
                role = "byline" if kind == "bold" else "subtitle"
            article.parts.append((role, unescape(inner)))
            continue
        article.parts.append(("body", unescape(chunk)))
        article.body_started = True
    close_article()
    return pages


# --- page content ---------------------------------------------------------------------------


def _lines(text: str) -> Tuple[Line, ...]:
    """Each line of `text` set apart from the next (a hard break), as the source set it."""
    parts = text.split("\n")
    return tuple(Line(text=part, hard_break=i < len(parts) - 1) for i, part in enumerate(parts))


def _masthead_block(meta: Dict[str, object]) -> Optional[TextBlock]:
    """The masthead as a page prints it, so the parser's masthead rule reads it as usual."""
    lines: List[str] = []

    def add(value: object, template: str = "{}") -> None:
        if value not in (None, ""):
            lines.append(template.format(value))

    add(meta.get("paper"))
    date = meta.get("date")
    parsed = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", str(date)) if date else None
    if parsed:
        y, m, d = parsed.groups()
        lines.append(f"{y}年{int(m)}月{int(d)}日")
    add(meta.get("weekday"))
    issue_line = " ".join(
        part
        for part in (
            f"第{meta['issue_number']}期" if meta.get("issue_number") is not None else "",
            f"今日{meta['page_count']}版" if meta.get("page_count") is not None else "",
        )
        if part
    )
    add(issue_line or None)
    add(meta.get("authority"))
    add(meta.get("cn"), "国内统一连续出版物号:{}")
    add(meta.get("postal_code"), "邮发代号:{}")
    add(meta.get("overseas_code"), "国外发行代号:{}")
    add(meta.get("website"), "网址:{}")
    add(meta.get("email"), "电子信箱:{}")
    add(meta.get("lunar_date"))
    add(meta.get("total_issue"), "总第{}期")
    add(meta.get("issn"))
    add(meta.get("sponsor"), "主办:{}")
    add(meta.get("publisher"), "出版:{}")
    add(meta.get("phone"), "电话:{}")
    if not lines:
        return None
    return TextBlock(lines=_lines("\n".join(lines)), role="masthead")


def _header_block(number: Optional[int], info: Dict[str, object]) -> Optional[TextBlock]:
    """The inner-page header (报眉) as printed: date, 第N版, 版名, 责任编辑."""
    lines = []
    date = info.get("date")
    parsed = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", str(date)) if date else None
    if parsed:
        y, m, d = parsed.groups()
        lines.append(f"{y}年{int(m)}月{int(d)}日")
    if number is not None:
        lines.append(f"第{number}版")
    if info.get("name"):
        lines.append(str(info["name"]))
    if info.get("editor"):
        lines.append(f"责任编辑 {info['editor']}")
    if not lines:
        return None
    return TextBlock(lines=_lines("\n".join(lines)), role="header")


def _article_blocks(article: _Article, region: int) -> List[TextBlock]:
    blocks = []
    for role, text in article.parts:
        is_body = role == "body"
        blocks.append(
            TextBlock(
                lines=_lines(text),
                heading=role == "title",
                role=role,
                region=region,
                starts_paragraph=True if is_body else None,
                ends_paragraph=True if is_body else None,
            )
        )
    return blocks


def read_own_markdown(text: str, name: str, *, sha256: Optional[str] = None) -> Document:
    """Markdown written by laobao-convert → a Document of pages with role hints.

    `sha256` is the checksum of the file's bytes as read (a reader that decoded them knows
    it); without it, that of the text's UTF-8. Raises InputError when the text has no page
    sections (`## 第N版 …`) to read."""
    meta, body = split_front_matter(text)
    sections = [p for p in _read_sections(body) if p.articles or p.number is not None]
    if not sections:
        raise InputError("no page sections (## 第N版) in this laobao-convert Markdown", where=name)
    page_info: Dict[int, Dict[str, object]] = {}
    for entry in meta.get("pages") or []:
        if isinstance(entry, dict) and isinstance(entry.get("number"), int):
            page_info[entry["number"]] = entry
    by_number: Dict[Optional[int], List[_Page]] = {}
    for section in sections:
        by_number.setdefault(section.number, []).append(section)
    numbers = sorted(set(page_info) | {n for n in by_number if n is not None})
    if None in by_number:
        # Articles of no known page (`## 其他`) follow the numbered pages.
        numbers.append(None)  # type: ignore[arg-type]
    masthead = _masthead_block(meta)
    pages = []
    for index, number in enumerate(numbers):
        blocks: List[TextBlock] = []
        if masthead is not None and index == 0:
            blocks.append(masthead)
        info = dict(page_info.get(number, {})) if number is not None else {}
        for section in by_number.get(number, []):
            if section.name and not info.get("name"):
                info["name"] = section.name
        header = _header_block(number, info)
        if header is not None:
            blocks.append(header)
        region = 0
        for section in by_number.get(number, []):
            for article in section.articles:
                blocks.extend(_article_blocks(article, region))
                region += 1
        pages.append(PageContent(blocks=tuple(blocks), source=name, index=index, number_hint=number))
    checksum = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
    source = SourceFile(name=name, sha256=checksum, pages=len(pages))
    return Document(pages=tuple(pages), source=source, kind="markdown")
