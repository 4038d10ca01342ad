"""Rule `boxes`: a 导读 / 要目 box (headlines with the pages they are on) is not an article.

A box is a unit titled 导读/要目 with the item lines after it, or a unit (or run of units)
of two or more lines each naming a page (`标题……3版`). Its text is page furniture.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import List

from laobao_convert import vocabulary as V
from laobao_convert.parse.state import State, Unit
from laobao_convert.parse.text import nonspace

_LEADER = re.compile(r"[.…·]{2,}")
"""Dot leaders: a single line with them and a page number is a box item, wherever it is."""


def is_item(line: str) -> bool:
    text = line.strip()
    return bool(V.BOX_ITEM.match(text)) and not (V.JUMP_OUT.search(text) or V.JUMP_IN.search(text))


def apply(state: State) -> State:
    pages = []
    for page in state.pages:
        kept: List[Unit] = []
        chars = 0
        in_box = False
        for unit in page.units:
            lines = [line for line in unit.lines if line.strip()]
            titled = bool(lines) and bool(V.BOX_TITLE.match(lines[0]))
            items = [is_item(line) for line in (lines[1:] if titled else lines)]
            whole_box = unit.role == "box" or titled and (all(items) or _wrapped_items(lines[1:])) \
                or (len(items) >= 2 and all(items)) or (in_box and items and all(items)) \
                or (len(lines) == 1 and items == [True] and bool(_LEADER.search(lines[0])))
            if whole_box:
                chars += nonspace(unit.text)
                in_box = True
                continue
            in_box = False
            kept.append(unit)
        if chars:
            state = state.furniture(chars)
        pages.append(replace(page, units=tuple(kept)))
    return replace(state, pages=tuple(pages))


def _wrapped_items(lines: List[str]) -> bool:
    joined = "".join(line.strip() for line in lines)
    return bool(V.BOX_ITEMS.fullmatch(joined)) and not V.JUMP_OUT.search(joined)
