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
from dataclasses import dataclass
from typing import Callable, Dict, FrozenSet, List, Optional, Sequence, Set, Tuple

from laobao_convert import vocabulary as V
from laobao_convert.parse import furniture
from laobao_convert.parse.state import State, Unit
from laobao_convert.parse.text import join_lines, squash

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


@dataclass(frozen=True)
class Tail:
    """The rest of a 导读 item whose title stands apart: its words before the reference
    (empty for a lone reference), the page it names, and where it is."""

    title: str
    page: int
    text: int
    """Index of the page's box text holding it (the item was found), or -1."""
    unit: int = -1
    line: int = -1
    """Where a lone reference stands among the page's units, if it is one."""


@dataclass(frozen=True)
class Apart:
    """What take_apart found on a page: per unit, the lines that are box text; the box
    texts with the titles joined to their items; the texts cut inside their reference,
    each waiting for the 版 set on a line of its own."""

    flags: Tuple[Tuple[bool, ...], ...]
    texts: Tuple[str, ...]
    cut: Tuple[int, ...]


def take_apart(units: Sequence[Unit], page: int, heads: Heads, texts: Sequence[str],
               candidate: Callable[[Unit], bool]) -> Apart:
    """The item titles among a page's units, each joined to the rest of its item: the
    item found already (in `texts`), the lone reference it goes with, or the 版 it lost."""
    texts = list(texts)
    tails = _filed_tails(texts) + _lone_tails(units, candidate)
    flags = [[False] * len(unit.lines) for unit in units]
    heads_of: Dict[int, List[str]] = {}
    cut: List[int] = []
    for u, unit in enumerate(units):
        if not (candidate(unit) and may_hold_items(unit)):
            continue
        spans = [(0, len(unit.lines))] if len(unit.lines) > 1 else []
        spans += [(k, k + 1) for k in range(len(unit.lines))]
        for start, end in spans:
            if any(flags[u][start:end]):
                continue
            text = join_lines(unit.lines[start:end])
            found = _item_of(text, page, heads, tails)
            if found is None:
                continue
            flags[u][start:end] = [True] * (end - start)
            if found == "cut":
                cut.append(len(texts))
                texts.append(text)
            elif found.text >= 0:
                heads_of.setdefault(found.text, []).append(text)
            else:
                flags[found.unit][found.line] = True
                texts.append(text + "\n" + units[found.unit].lines[found.line].strip())
    for tail in tails:
        if tail.unit >= 0 and not flags[tail.unit][tail.line]:
            flags[tail.unit][tail.line] = True  # a reference alone is a box's wherever it stands
            texts.append(units[tail.unit].lines[tail.line].strip())
    for index, titles in heads_of.items():
        texts[index] = "\n".join(titles + [texts[index]])
    return Apart(flags=tuple(tuple(f) for f in flags), texts=tuple(texts), cut=tuple(cut))


def _filed_tails(texts: Sequence[str]) -> List[Tail]:
    """Items whose title is only the end of one (`说明 第2版`), in the box texts found."""
    tails: List[Tail] = []
    for index, text in enumerate(texts):
        for line in furniture.lines_of(text):
            for match in V.BOX_ENTRY.finditer(line):
                page = V.to_int(_ref_page(match.group(0)) or "")
                if page:
                    tails.append(Tail(match["title"].strip(), page, index))
    return tails


def _lone_tails(units: Sequence[Unit], candidate: Callable[[Unit], bool]) -> List[Tail]:
    """References on lines of their own (`2版`) among the page's text lines."""
    tails: List[Tail] = []
    for u, unit in enumerate(units):
        if not (candidate(unit) and may_hold_items(unit)):
            continue
        for k, line in enumerate(unit.lines):
            if V.BOX_REF_ALONE.match(line.strip()):
                page = V.to_int(_ref_page(line) or "")
                if page:
                    tails.append(Tail("", page, -1, u, k))
    return tails


def _ref_page(item: str) -> Optional[str]:
    found = re.search(rf"({V.PAGE_NUMBER})\s*版\s*[)）]?\s*$", item.strip())
    return found.group(1) if found else None


def _item_of(line: str, page: int, heads: Heads, tails: Sequence[Tail]):
    """The rest of the 导读 item whose title `line` is ("cut" if it ends in its reference
    cut short), None if it is none: with it, the line is a headline on the page the item
    names, and not this one."""
    line = line.strip()
    if not furniture.headline_like(line):
        return None
    cut = V.BOX_REF_CUT.match(line)
    if cut:
        target = V.to_int(cut["page"])
        known = bool(target) and target != page and _known(cut["title"], heads.get(target, frozenset()))
        return "cut" if known else None
    for tail in tails:
        if tail.page != page and _known(line + tail.title, heads.get(tail.page, frozenset())):
            return tail
    return None


def _known(title: str, heads: FrozenSet[str]) -> bool:
    key = squash(title)
    return len(key) >= _LEAST and key in heads


def may_hold_items(unit: Unit) -> bool:
    """Lines set apart, or a block of a few lines: a paragraph's wrapped lines are no item's."""
    return not unit.wrapped or len(unit.lines) <= _OPENING
