"""Is text that a rule filed as page furniture really furniture of its kind?

A rule that takes text out of the articles (a header, a footer, a 导读 box...) files it as
furniture; conservation then counts it apart from the article text. Only what one of these
checks recognises is counted so: text filed as furniture that does not look like its kind (a
closing paragraph taken for a footer, prose taken for a header) is a loss to be told of, not
a quiet subtraction. Each check is a pure function of the text, made of the kind's pieces as
vocabulary spells them, and a second opinion: it does not ask the rule that filed the text.
"""

from __future__ import annotations

import re
from typing import Callable, Dict, List, Optional

from laobao_convert import vocabulary as V
from laobao_convert.parse.masthead_fields import read_line
from laobao_convert.parse.jumps import read_jump
from laobao_convert.parse.text import join_lines, width

MAX_HEADLINE = 40.0
"""A headline line (a repeated one, a 导读 item's title) is no wider than this, in ems."""
MAX_FIELD = 40.0
"""A footer or notice field's value is no wider than this, in ems: a field, not a sentence."""
MAX_PIECE_LINE = 70.0
"""A header line is no wider than this, in ems."""
_SEPARATORS = re.compile(r"[\s|｜·•/、，,:：]+")
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff·]{1,6}$")
_BARE_NUMBER = re.compile(r"^[A-Da-d]?\d{1,3}$")
_DAY = re.compile(r"^\d{1,2}日?$")


def lines_of(text: str) -> List[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def has_prose_end(text: str) -> bool:
    return any(ch in V.PROSE_END for ch in text)


def headline_like(text: str, limit: float = MAX_HEADLINE) -> bool:
    """Short, and no sentence ends in it: a headline line, not a paragraph."""
    text = text.strip()
    return bool(text) and width(text) <= limit and not has_prose_end(text)


# --- one check per kind ---------------------------------------------------------------------


def is_jump(text: str) -> bool:
    """Every line is a 下转/上接 line."""
    lines = lines_of(text)
    return bool(lines) and all(read_jump(line) is not None for line in lines)


def is_repeat(text: str) -> bool:
    """A continuation's repeated headline: headline lines only."""
    lines = lines_of(text)
    return bool(lines) and all(headline_like(line) for line in lines)


def is_masthead(text: str) -> bool:
    """Every line is made of masthead pieces: the paper's name, the authority, the name in
    pinyin, the date (or a part of it), weekday, issue numbers, page count, the codes and
    addresses with their labels."""
    lines = lines_of(text)
    return bool(lines) and all(_masthead_line(line) for line in lines)


def _masthead_line(line: str) -> bool:
    # No width limit: a reader may give the masthead's pieces as one line; each piece must
    # still be one of its kind (read by the masthead's own field reader).
    if has_prose_end(line):
        return False
    # The day of the date set large on a line of its own (2024年4月 / 24 / 星期三).
    day = _DAY.match(line.strip())
    if day and 1 <= int(line.strip().rstrip("日")) <= 31:
        return True
    return bool(V.PAPER_NAME.match(line)) or read_line(line).masthead


def is_header(text: str) -> bool:
    """Every line is made of page-header pieces: date, weekday, page number (第2版, 02),
    版名, editors' labels with their names. What is left once the known pieces are taken out
    may only be a page number or a short name (an unknown 版名, an editor's name set apart)."""
    lines = lines_of(text)
    return bool(lines) and all(_header_line(line) for line in lines)


def _header_line(line: str) -> bool:
    if width(line) > MAX_PIECE_LINE or has_prose_end(line):
        return False
    rest = line
    for pattern in (V.HEADER_DATE, V.HEADER_DATE_DOTTED, V.WEEKDAY, V.HEADER_EDITOR, V.HEADER_STAFF,
                    V.HEADER_PAGE):
        rest = pattern.sub(" ", rest)
    # Pieces run together without spaces (第2版劳动关系) escape the patterns' edges.
    rest = re.sub(rf"第\s*{V.PAGE_NUMBER}\s*版|{V.EDITOR_LABELS}\s*[:：]?|{V.OTHER_STAFF}\s*[:：]?", " ", rest)
    for name in sorted(V.PAGE_NAMES, key=len, reverse=True):
        rest = rest.replace(name, " ")
    rest = re.sub(r"(?<=[\u4e00-\u9fff])(?=\d)|(?<=\d)(?=[\u4e00-\u9fff])", " ", rest)
    tokens = _tokens(rest)
    names = [t for t in tokens if not _BARE_NUMBER.match(t)]
    # One unknown 版名 and an editor's name or two: more is text of its own.
    return len(names) <= 3 and all(_CJK_NAME.match(t) for t in names)


def is_footer(text: str) -> bool:
    """Label: value fields (社址：…, 邮编：…, 印刷：…, 定价：…) and nothing else: at least one
    footer label, no words before the first label, each value short and no sentence; or a
    print's page number alone (第165页)."""
    flat = " ".join(lines_of(text))
    if V.FOLIO.match(flat):
        return True
    if not flat or has_prose_end(flat) or not V.FOOTER_FIELD.search(flat):
        return False
    return _all_fields(flat)


def _all_fields(flat: str) -> bool:
    """The text is a run of `label：value` fields, each value no wider than a field."""
    starts = [m for m in V.FIELD_LABEL.finditer(flat)]
    if not starts or flat[:starts[0].start()].strip():
        return False
    for here, after in zip(starts, starts[1:] + [None]):
        value = flat[here.end():after.start() if after else len(flat)].strip()
        if not value or width(value) > MAX_FIELD:
            return False
    return True


def is_box(text: str) -> bool:
    """A 导读/要目 box or a piece of one (its title, items with their pages, a 版 or a page
    reference set apart), or an advert or subscription notice."""
    lines = lines_of(text)
    if not lines:
        return False
    if is_notice(text) or is_notice_piece(text):
        return True
    if V.BOX_TITLE.match(lines[0]):
        lines = lines[1:]
        if all(headline_like(line) for line in lines):
            # Under its title, a frame's items need not name their pages.
            return True
    rest = join_lines(lines)
    return not rest or bool(V.BOX_PAGE_WORD.match(rest) or V.BOX_REF_ALONE.match(rest)) \
        or box_items(rest) is not None \
        or all(_leader_item(line) for line in lines)


def box_items(text: str) -> Optional[List[str]]:
    """The titles of the 导读 items that `text` is made of, in order (an item's title and page
    may be run together with the next item's); None if it is anything else. An item is a
    headline with the page it is on; a cross-reference in prose (相关报道见第3版) is none."""
    text = text.strip()
    titles: List[str] = []
    position = 0
    while position < len(text):
        match = V.BOX_ENTRY.match(text, position)
        if not match:
            return None
        title = match["title"].strip()
        if not headline_like(title) or V.BOX_CROSS_REF.search(title) or read_jump(match.group(0)) \
                or V.JUMP_OUT.search(match.group(0)) or V.JUMP_IN.search(match.group(0)):
            return None
        titles.append(title)
        position = match.end()
    return titles or None


def _leader_item(line: str) -> bool:
    """`标题 …… 3` whose 版 the extraction set elsewhere: a headline, dot leaders, a page."""
    match = V.BOX_LEADER_ITEM.match(line)
    return bool(match) and headline_like(match["title"]) and bool(match["title"].strip()) \
        and match["page"].strip().isdigit()  # full-width digits are digits too




def is_notice(text: str) -> bool:
    """An advert or a subscription notice: opened by its title (征订启事, 欢迎订阅…, a lone
    广告 label) or made of subscription fields (邮发代号：, 发行热线：); every other line a
    field or a short line about subscribing, never a paragraph."""
    lines = _values_rejoined(lines_of(text))
    if any(notice_opens(line) for line in lines) and all(notice_line(line) for line in lines):
        return True
    # A title set large in a narrow frame wraps (《中国劳动 / 保障报》征 / 订启事).
    for i in range(len(lines)):
        for j in range(i + 2, min(len(lines), i + 4) + 1):
            title = "".join(lines[i:j])
            if V.NOTICE_TITLE.search(_solid(title)) and headline_like(title) \
                    and all(notice_line(line) for line in lines[:i] + [title] + lines[j:]):
                return True
    return False


def is_notice_piece(text: str) -> bool:
    """Lines of a notice set apart from its title (邮发代号：1-106, 全国各地邮局均可订阅):
    each a notice's line, one at least saying so without its title."""
    lines = lines_of(text)
    return bool(lines) and all(notice_line(line) for line in lines) \
        and any(V.NOTICE_STRAY.search(_solid(line)) or V.NOTICE_SOLE_FIELD.match(line) for line in lines)


def _values_rejoined(lines: List[str]) -> List[str]:
    """A field's value wrapped onto the next line (发行热线： / (010)8420…) back with its label."""
    out: List[str] = []
    for line in lines:
        if out and out[-1].endswith((":", "：")):
            out[-1] += line
        else:
            out.append(line)
    return out


def notice_opens(line: str) -> bool:
    """A line that says a notice is here: its title, or a field only a notice has."""
    return bool(V.NOTICE_TITLE.search(_solid(line)) or V.NOTICE_SOLE_FIELD.match(line)) and notice_line(line)


def notice_line(line: str) -> bool:
    """A line a notice is made of: its title, a field, a short line about subscribing."""
    if has_prose_end(line):
        return False
    if V.NOTICE_TITLE.search(_solid(line)) or V.NOTICE_PHRASE.search(_solid(line)):
        return headline_like(line)
    return bool(V.NOTICE_FIELD.search(line)) and _all_fields(line)


# --- dispatch -------------------------------------------------------------------------------

CHECKS: Dict[str, Callable[[str], bool]] = {
    "masthead": is_masthead,
    "header": is_header,
    "footer": is_footer,
    "jump": is_jump,
    "box": is_box,
    "repeat": is_repeat,
}


def recognised(kind: str, text: str) -> bool:
    """Does `text`, filed as furniture of `kind`, look like that kind? An unknown kind never."""
    check = CHECKS.get(kind)
    return check is not None and check(text)


def _solid(line: str) -> str:
    """The line without spaces: a title set in a narrow frame comes out broken (征 订启事)."""
    return "".join(line.split())


def _tokens(text: str) -> List[str]:
    return [t for t in _SEPARATORS.split(text) if t]
