"""Rule `boxes`: a 导读 / 要目 box (headlines with the pages they are on) is not an article.

A box is a unit titled 导读/要目 with the item lines after it, or a unit (or run of units)
of two or more lines each naming a page (`标题……3版`). An item with dot leaders is a box
line wherever it landed: pdftotext's reading order scatters a box's lines over the page,
wraps a long title onto the line above and the closing 版 onto the line below, and may set
them inside a run of body lines. Its text is page furniture.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import List, Sequence, Tuple

from laobao_convert import vocabulary as V
from laobao_convert.parse.state import State, Unit
from laobao_convert.parse.text import has_sentence_punct, width

_LEADER = re.compile(r"[.…·]{2,}")
"""Dot leaders: a single line with them and a page number is a box item, wherever it is."""
_TAIL = 8.0
"""A leader line whose title part is at most this wide (ems) may be the end of a title
wrapped from the line above."""
_HEAD = 24.0
"""The wrapped first line of a box title is no wider than a box."""
_LINE_ROLES = (None, "body", "box")


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
        for k, unit in enumerate(run):
            flags = taken.get(k)
            if not flags or not any(flags):
                out.append(unit)
                continue
            texts.extend(line for line, f in zip(unit.lines, flags) if f)
            out.extend(_pieces(unit, flags))
        i = j
    if astray:
        out, taken = _strip_page_words(out, astray)
        texts.extend(taken)
    return out, texts


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
    pages = []
    for page in state.pages:
        units, texts = _strip_leader_items(page.units)
        kept: List[Unit] = []
        in_box = False
        for unit in units:
            lines = [line for line in unit.lines if line.strip()]
            titled = bool(lines) and bool(V.BOX_TITLE.match(lines[0]))
            items = [is_item(line) for line in (lines[1:] if titled else lines)]
            whole_box = unit.role == "box" or titled and (all(items) or _wrapped_items(lines[1:])) \
                or (len(items) >= 2 and all(items)) or (in_box and items and all(items)) \
                or (len(lines) == 1 and items == [True] and bool(_LEADER.search(lines[0])))
            if whole_box:
                texts.append(unit.text)
                in_box = True
                continue
            in_box = False
            kept.append(unit)
        state = state.furniture("box", texts, page.number or None)
        pages.append(replace(page, units=tuple(kept)))
    return replace(state, pages=tuple(pages))


def _wrapped_items(lines: List[str]) -> bool:
    joined = "".join(line.strip() for line in lines)
    return bool(V.BOX_ITEMS.fullmatch(joined)) and not V.JUMP_OUT.search(joined)
