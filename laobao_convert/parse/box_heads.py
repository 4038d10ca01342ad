"""A 导读 item whose title the extraction set apart from its page reference.

pdftotext reads a page's top in rows: a 导读 box set beside the front page's headline comes
out with its lines among the headline's (kicker, box title, title, an item's title, subtitle),
and an item's page reference far from its title (`健全吸纳民意，彼此的共同感受` … `说明 第2版`,
`抓实就业服务网便佩弦提示自己紧张起来 （2` … `版）`, `为什么会想画铁人的故事` … `2版`).
Such a title would be read as part of the headline. What tells it apart is the page it names:
the title, with the rest of its item, is printed as a headline on that page, and there it
opens an article (a continuation's repeated headline, with its 上接 line, is the article
continued from here, not an item). Only text without geometry is read so: a PDF page's box is
its frame.
"""

from __future__ import annotations

import re
from typing import Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple

from laobao_convert import vocabulary as V
from laobao_convert.parse import furniture
from laobao_convert.parse.state import State, Unit
from laobao_convert.parse.text import squash

_LEAST = 4
"""An item's title shorter than this (characters) says too little to be known by."""
_REACH = 2
"""A repeated headline's 上接 line follows it within this many units."""

_OPENING = 2
"""A headline the extraction ran into the paragraph under it is in the block's first lines;
the paragraph's own wrapped lines are none."""

Heads = Dict[int, FrozenSet[str]]
"""Printed page number -> the headline lines (squashed) that open an article there."""


def headlines_by_page(state: State) -> Heads:
    """Every page's short standalone lines and two-line runs, squashed: where an item's
    title may stand whole. Lines a jump-in line follows are a continuation's, left out."""
    heads: Heads = {}
    for page in state.pages:
        if not page.number:
            continue
        found: Set[str] = set()
        units = page.units
        for i, unit in enumerate(units):
            if unit.geometry or _continued(units, i):
                continue
            lines = [line.strip() for line in unit.lines if line.strip()]
            if unit.wrapped:
                lines = lines[:_OPENING]
            found.update(squash(line) for line in lines if furniture.headline_like(line))
            found.update(squash(a + b) for a, b in zip(lines, lines[1:])
                         if furniture.headline_like(a + b))
            text = unit.text
            if furniture.headline_like(text):
                found.add(squash(text))
        heads[page.number] = frozenset(found | heads.get(page.number, frozenset()))
    return heads


def _continued(units: Sequence[Unit], i: int) -> bool:
    return any(V.JUMP_IN.search(unit.text) for unit in units[i:i + 1 + _REACH])


def item_tails(texts: Iterable[str]) -> List[Tuple[str, int]]:
    """(title, page) of each item in box texts found on a page: an item whose title is
    only the end of one (`说明 第2版`), a lone reference (`2版`) with an empty title."""
    tails: List[Tuple[str, int]] = []
    for text in texts:
        for line in furniture.lines_of(text):
            for match in V.BOX_ENTRY.finditer(line):
                page = V.to_int(_ref_page(match.group(0)) or "")
                if page:
                    tails.append((match["title"].strip(), page))
    return tails


def _ref_page(item: str) -> Optional[str]:
    found = re.search(rf"({V.PAGE_NUMBER})\s*版\s*[)）]?\s*$", item)
    return found.group(1) if found else None


def is_named_elsewhere(line: str, page: int, heads: Heads, tails: Sequence[Tuple[str, int]]) -> bool:
    """Whether a line is the title of a 导读 item (its reference apart or cut short): with
    the rest of an item found on this page, or with the reference it ends in, it is a
    headline on the page the item names, and not this one."""
    line = line.strip()
    if not furniture.headline_like(line):
        return False
    cut = V.BOX_REF_CUT.match(line)
    if cut:
        target = V.to_int(cut["page"])
        return bool(target) and target != page and _known(cut["title"], heads.get(target, frozenset()))
    return any(target != page and _known(line + title, heads.get(target, frozenset()))
               for title, target in tails)


def _known(title: str, heads: FrozenSet[str]) -> bool:
    key = squash(title)
    return len(key) >= _LEAST and key in heads


def may_hold_items(unit: Unit) -> bool:
    """Lines set apart, or a block of a few lines: a paragraph's wrapped lines are no item's."""
    return not unit.wrapped or len(unit.lines) <= _OPENING


def is_lone_ref(line: str) -> bool:
    """A 导读 item's page reference on a line of its own (`2版`, `（第3版）`)."""
    return bool(V.BOX_REF_ALONE.match(line.strip()))
