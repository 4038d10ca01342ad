"""Rule `boxes`: a 导读 / 要目 box, an advert or a subscription notice is not an article.

A 导读 box is its title (导读, 要目, 本期导读) and the items after it, each a headline with the
page it is on (`标题 (2版)`, `标题 第3版`, `标题……3版`); an item's title and page may be set
on separate lines or units, several items may run into one. Items also make a box without a
title: a unit (or run of units of one block) of two or more items, or one item on a page
whose box title stands elsewhere. An item with dot leaders is a box line wherever it landed:
pdftotext's reading order scatters a box's lines over the page, wraps a long title onto the
line above and the closing 版 onto the line below, and may set them inside a run of body
lines. A notice is its title (征订启事, 欢迎订阅…, a lone 广告) with its field lines. What the
reader framed (role "box") is a box only if its text reads as one (furniture.is_box): a framed
brief-news column holds articles and goes back into the text. A sentence is never an item: a
box ends where prose starts. Each box found is one piece of page furniture.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import List, Sequence, Tuple

from laobao_convert import vocabulary as V
from laobao_convert.parse import box_heads, furniture
from laobao_convert.parse import roles
from laobao_convert.parse.state import State, Unit
from laobao_convert.parse.text import has_sentence_punct, join, join_lines, width

_LEADER = re.compile(r"[.…·]{2,}")
"""Dot leaders: a single line with them and a page number is a box item, wherever it is."""
_TAIL = 8.0
"""A leader line whose title part is at most this wide (ems) may be the end of a title
wrapped from the line above."""
_HEAD = 24.0
"""The wrapped first line of a box title is no wider than a box."""
_LINE_ROLES = (None, "body", "box")
_HEAD_ROLES = ("series", "kicker", "title", "subtitle", "headline")
"""A box's title or a notice's may come set as a headline."""


def is_item(line: str) -> bool:
    text = line.strip()
    return bool(V.BOX_ITEM.match(text)) and not (V.JUMP_OUT.search(text) or V.JUMP_IN.search(text))


def leader_lines(lines: Sequence[str]) -> Tuple[List[bool], int]:
    """Which of a run of lines belong to box items with dot leaders, wrapped parts included;
    and how many items lost their 版 to a line elsewhere (`标题 …… 3`, its 版 set apart)."""
    marked = [False] * len(lines)
    astray = 0
    for i, line in enumerate(lines):
        match = V.BOX_LEADER_ITEM.match(line.strip())
        if not match or V.JUMP_OUT.search(line) or V.JUMP_IN.search(line):
            continue
        if match["unit"] is None:
            if i + 1 < len(lines) and V.BOX_PAGE_WORD.match(lines[i + 1]):
                marked[i + 1] = True
            elif _bare_item(match):
                astray += 1
            else:
                continue  # prose with an ellipsis (……一) is no item without its 版
        marked[i] = True
        if i > 0 and not marked[i - 1] and width(match["title"].strip()) <= _TAIL \
                and _title_head(lines[i - 1]):
            marked[i - 1] = True
    return marked, astray


def _bare_item(match: "re.Match[str]") -> bool:
    """`标题 …… 3` with its 版 set apart: a headline (no sentence punctuation) and a page
    in figures; an ellipsis in prose ends otherwise."""
    return match["page"].strip().translate(_DIGITS).isdigit() and not has_sentence_punct(match["title"])


_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _title_head(line: str) -> bool:
    text = line.strip()
    return bool(text) and width(text) <= _HEAD and not has_sentence_punct(text) \
        and not _LEADER.search(text) and not V.BOX_TITLE.match(text)


def _strip_leader_items(units: Sequence[Unit]) -> Tuple[List[Unit], List[str]]:
    """Units with their leader item lines taken out (looked for over each source block, as a
    wrapped item may straddle two units of one block); and the characters taken. A 版 the
    extraction set apart from its item is taken wherever it stands alone on the page."""
    out: List[Unit] = []
    texts: List[str] = []
    astray = 0
    i = 0
    while i < len(units):
        j = i + 1
        while j < len(units) and units[j].block == units[i].block:
            j += 1
        run = list(units[i:j])
        flat = [(k, line) for k, u in enumerate(run) if _readable(u) for line in u.lines]
        marks, lost = leader_lines([line for _, line in flat])
        astray += lost
        taken = {}
        for (k, line), mark in zip(flat, marks):
            taken.setdefault(k, []).append(mark)
        texts.extend(_item_texts([line for _, line in flat], marks))
        for k, unit in enumerate(run):
            flags = taken.get(k)
            if not flags or not any(flags):
                out.append(unit)
                continue
            out.extend(_pieces(unit, flags))
        i = j
    if astray:
        out, taken = _strip_page_words(out, astray)
        texts.extend(taken)
    return out, texts


def _item_texts(lines: Sequence[str], marks: Sequence[bool]) -> List[str]:
    """The marked lines, one text per item: a wrapped title's head goes with the leader line
    after it, a 版 wrapped onto the next line with the line before."""
    texts: List[str] = []
    group: List[str] = []
    for i, (line, mark) in enumerate(zip(lines, marks)):
        if not mark:
            continue
        group.append(line)
        following = lines[i + 1] if i + 1 < len(lines) and marks[i + 1] else None
        if following is None or (V.BOX_LEADER_ITEM.match(line.strip())
                                 and not V.BOX_PAGE_WORD.match(following)):
            texts.append("\n".join(group))
            group = []
    return texts


def _strip_page_words(units: Sequence[Unit], count: int) -> Tuple[List[Unit], List[str]]:
    out: List[Unit] = []
    texts: List[str] = []
    for unit in units:
        flags = []
        for line in unit.lines:
            take = count > 0 and _readable(unit) and bool(V.BOX_PAGE_WORD.match(line))
            count -= take
            flags.append(take)
        if any(flags):
            texts.extend(line for line, f in zip(unit.lines, flags) if f)
            out.extend(_pieces(unit, flags))
        else:
            out.append(unit)
    return out, texts


def _readable(unit: Unit) -> bool:
    return unit.role in _LINE_ROLES and not unit.heading


def _pieces(unit: Unit, flags: Sequence[bool]) -> List[Unit]:
    """The unit's unmarked lines, split where marked lines stood."""
    pieces: List[Unit] = []
    current: List[str] = []
    for line, flag in zip(unit.lines, flags):
        if flag:
            if current:
                pieces.append(replace(unit, lines=tuple(current)))
            current = []
        else:
            current.append(line)
    if current:
        pieces.append(replace(unit, lines=tuple(current)))
    return pieces


def apply(state: State) -> State:
    state, found = _boxes(state)
    # The item titles pdftotext set apart from their references are known by the headlines
    # on the pages they name, so every page's units must be read first (box_heads).
    heads = box_heads.headlines_by_page(state) if any(boxed for _, boxed in found) else {}
    pages = []
    for page, (texts, boxed) in zip(state.pages, found):
        if boxed and page.number:
            page, texts = _apart_titles(page, heads, texts)
        state = state.furniture("box", texts, page.number or None)
        pages.append(page)
    return replace(state, pages=tuple(pages))


def _boxes(state: State) -> Tuple[State, List[Tuple[List[str], bool]]]:
    """Each page's boxes taken out: per page, their texts, and whether it has a box title."""
    pages = []
    found = []
    for page in state.pages:
        units, texts = _strip_leader_items(_split_titles(_unframe(page.units)))
        kept: List[Unit] = []
        # A page with a box title has its items somewhere, perhaps far from it (pdftotext):
        # a unit that is items and nothing else is one of them, as is one right after a box.
        boxed_page = any(_box_title(unit) for unit in units)
        noticed_page = any(furniture.notice_opens(line) for unit in units if unit.role in _LINE_ROLES + _HEAD_ROLES
                           for line in unit.lines)
        after_box = False
        i = 0
        while i < len(units):
            end = _box_at(units, i, after_box or boxed_page)
            if end == i and noticed_page and _stray_notice_line(units, i):
                end = i + 1
            if end > i:
                texts.append("\n".join(line for unit in units[i:end] for line in unit.lines))
                after_box = True
                i = end
                continue
            after_box = False
            kept.append(units[i])
            i += 1
        pages.append(replace(page, units=tuple(kept)))
        found.append((texts, boxed_page))
    return replace(state, pages=tuple(pages)), found


def _apart_titles(page, heads: box_heads.Heads, texts: List[str]):
    """The page without the item titles set apart from their references; its box texts with
    them joined to their items (a 版 set on a line of its own joined to the title it ends)."""
    found = box_heads.take_apart(page.units, page.number, heads, texts, _candidate)
    kept: List[Unit] = []
    for unit, flags in zip(page.units, found.flags):
        kept.extend(_pieces(unit, flags) if any(flags) else [unit])
    texts = list(found.texts)
    if found.cut:
        kept, words = _strip_page_words(kept, len(found.cut))
        for index, word in zip(found.cut, words):
            texts[index] = texts[index] + "\n" + word
    return replace(page, units=tuple(kept)), texts


def _candidate(unit: Unit) -> bool:
    """Text lines without geometry that may hold a box item's pieces."""
    return _readable(unit) and not unit.geometry


def _box_title(unit: Unit) -> bool:
    lines = [line for line in unit.lines if line.strip()]
    return bool(lines) and bool(V.BOX_TITLE.match(lines[0]))


def _split_titles(units: Sequence[Unit]) -> List[Unit]:
    """A box title whose unit goes on with lines that are no items (the extraction ran it
    into the text after it) stands alone: the lines after it are text of their own."""
    out: List[Unit] = []
    for unit in units:
        lines = [line for line in unit.lines if line.strip()]
        if _box_title(unit) and len(lines) > 1 and furniture.box_items(_flat(lines[1:])) is None:
            out.extend([replace(unit, lines=(lines[0],)), replace(unit, lines=tuple(lines[1:]))])
        else:
            out.append(unit)
    return out


def _unframe(units: Sequence[Unit]) -> List[Unit]:
    """A framed run (role "box", from the reader) is a box only if its text reads as one: a
    framed brief-news column (简讯) holds articles, so it goes back into the text."""
    out: List[Unit] = []
    i = 0
    while i < len(units):
        j = i
        while j < len(units) and units[j].role == "box" and units[j].region == units[i].region:
            j += 1
        if j == i:
            out.append(units[i])
            i += 1
            continue
        run = units[i:j]
        text = "\n".join(line for unit in run for line in unit.lines)
        if not furniture.is_box(text):
            # A framed headline line that reads as a series label (…②, 【…】) is one, boxed.
            flat = _flat(furniture.lines_of(text))
            role = "series" if furniture.headline_like(flat) and V.SERIES_LABEL.search(flat) else None
            why = "a framed line that reads as a series label" if role else "framed, but not a box: text"
            run = [roles.decide(replace(unit, hinted=role is not None), role, why) for unit in run]
        out.extend(run)
        i = j
    return out


def _box_at(units: Sequence[Unit], i: int, near_box: bool) -> int:
    """Where the box starting at units[i] ends (i: none starts there)."""
    unit = units[i]
    if unit.role == "box":
        j = i
        while j < len(units) and units[j].role == "box" and units[j].region == unit.region:
            j += 1
        return j
    lines = [line for line in unit.lines if line.strip()]
    if not lines or unit.role not in _LINE_ROLES + _HEAD_ROLES:
        return i
    if _box_title(unit):
        return _titled(units, i)
    if furniture.notice_opens(lines[0]):
        return _notice(units, i)
    whole = _notice_block(units, i)
    if whole > i:
        return whole
    if not _readable(unit):
        return i
    items = [is_item(line) for line in lines]
    if (len(items) >= 2 and all(items)) or (len(lines) == 1 and items == [True] and bool(_LEADER.search(lines[0]))):
        return i + 1
    return _item_run(units, i, near_box)


def _stray_notice_line(units: Sequence[Unit], i: int) -> bool:
    """A notice's line standing alone on a page that has the notice (全国各地邮局均可订阅,
    邮发代号：…): pdftotext sets each line of a framed notice wherever its reading order
    puts it. Only a block of its own: a notice line inside prose is the article's."""
    unit = units[i]
    alone = (i == 0 or units[i - 1].block != unit.block) and (i + 1 == len(units) or units[i + 1].block != unit.block)
    return alone and unit.role in _LINE_ROLES + _HEAD_ROLES and furniture.is_notice_piece("\n".join(unit.lines))


def _item_run(units: Sequence[Unit], i: int, near_box: bool) -> int:
    """Where the units from i that together are 导读 items and nothing else end (i: none):
    units of one source block, as the extraction wraps an item over them; two items at least,
    or one where a box is (on a page with a box title, right after a box)."""
    end = i
    text = ""
    for k in range(i, len(units)):
        if units[k].block != units[i].block or not _readable(units[k]):
            break
        text = join(text, _flat(units[k].lines))
        if furniture.has_prose_end(text) or width(_open_item(text)) > furniture.MAX_HEADLINE:
            break
        titles = furniture.box_items(text)
        if titles and (near_box or len(titles) >= 2):
            end = k + 1
    return end


def _titled(units: Sequence[Unit], i: int) -> int:
    """A box under its title (导读, 要目): the units after it, as long as together they are
    items, each a headline with its page; an item's title and page may be split over units
    (wrapped by the frame, set apart by the extraction) or several items run into one unit.
    It stops at a headline, at a sentence, or where an item grows wider than a headline."""
    title = units[i]
    buffer = _flat([line for line in title.lines if line.strip()][1:])
    end = i + 1
    for j in range(i + 1, len(units)):
        unit = units[j]
        if not _readable(unit) or (title.region is not None and unit.region != title.region):
            break
        text = unit.text
        if furniture.has_prose_end(text):
            break
        if not unit.geometry and furniture.box_items(text) is None:
            # Text without geometry keeps an item's lines in one unit; a unit that is no item
            # is a headline or text of its own, which the extraction may set among the items.
            break
        buffer = join(buffer, text)
        if furniture.box_items(buffer) is not None:
            end = j + 1
        elif width(_open_item(buffer)) > furniture.MAX_HEADLINE:
            break
    return end


def _open_item(text: str) -> str:
    """What follows the last whole item in `text`: an item not yet given its page."""
    position = 0
    while True:
        match = V.BOX_ENTRY.match(text, position)
        if not match or match.end() == position:
            return text[position:]
        position = match.end()


def _notice_block(units: Sequence[Unit], i: int) -> int:
    """A source block that is a notice and nothing else, read whole: its title wrapped in a
    narrow frame (《中国劳动 / 保障报》征 / 订启事) and a field's value set under its label
    (发行热线： / (010)…) read as one only together."""
    if i > 0 and units[i - 1].block == units[i].block:
        return i
    j = i
    while j < len(units) and units[j].block == units[i].block and _readable(units[j]):
        j += 1
    if j - i < 2:
        return i
    return j if furniture.is_notice("\n".join(line for unit in units[i:j] for line in unit.lines)) else i


def _notice(units: Sequence[Unit], i: int) -> int:
    """An advert or a subscription notice: its title and the field lines after it."""
    j = i + 1
    while j < len(units) and _readable(units[j]) and units[j].region == units[i].region \
            and all(furniture.notice_line(line) for line in units[j].lines if line.strip()):
        j += 1
    text = "\n".join(line for unit in units[i:j] for line in unit.lines)
    return j if furniture.is_notice(text) else i


def _flat(lines: Sequence[str]) -> str:
    return join_lines(lines)
