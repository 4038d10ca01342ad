"""Rule `segment`: cut each page's flow into parts, one per article piece.

A part starts at a headline (consecutive headline lines stay together when the first is a
series label or the reader says they belong together), at a 上接 line, after a 下转 line
(what follows belongs to another article), at a dateline or byline that follows text (they
only open articles), and where the reader's region changes.
"""

from __future__ import annotations

from dataclasses import replace
from typing import List, Optional

from laobao_convert import vocabulary as V
from laobao_convert.parse.state import Part, State, Unit
from laobao_convert.parse.text import ends_sentence

HEAD_ROLES = ("series", "kicker", "title", "subtitle", "headline")
_ORDER = {"series": 0, "kicker": 1, "title": 2, "subtitle": 3}


def is_head(unit: Unit) -> bool:
    return unit.role in HEAD_ROLES or (unit.heading and unit.role is None)


def apply(state: State) -> State:
    parts: List[Part] = []
    for page in state.pages:
        parts.extend(split_page(page.number, page.units))
    return replace(state, parts=tuple(parts))


def split_page(number: int, units) -> List[Part]:
    parts: List[Part] = []
    current: Optional[Part] = None
    closed = False

    def start(**fields) -> Part:
        if current is not None and (current.head or current.units or current.jump_in
                                    or current.jump_out):
            parts.append(current)
        return Part(page=number, **fields)

    units = list(units)
    for index, unit in enumerate(units):
        if unit.role == "jump":
            if unit.jump_out is not None:
                if current is None:
                    current = start()
                if current.jump_out is None:
                    current = replace(current, jump_out=unit.jump_out)
                closed = True
            if unit.jump_in is not None:
                if current is not None and current.head and not current.units and current.jump_in is None:
                    current = replace(current, jump_in=unit.jump_in, continuation=True)
                else:
                    current = start(jump_in=unit.jump_in, continuation=True, region=unit.region)
                closed = False
            continue
        if current is not None and unit.region is not None and current.region is not None \
                and unit.region != current.region:
            current = start(region=unit.region)
            closed = False
        if is_head(unit):
            if current is not None and current.head and not current.units \
                    and _belongs(current.head, unit, units[index + 1] if index + 1 < len(units) else None):
                current = replace(current, head=current.head + (unit,))
            else:
                current = start(head=(unit,), region=unit.region)
            closed = False
            continue
        if current is not None and not closed and _opens_article(unit) and _has_body(current):
            # Captions just before a dateline sit above the new article's text.
            keep, moved = _split_trailing_captions(current.units)
            current = replace(current, units=keep)
            current = start(region=unit.region, units=moved)
        elif current is None or closed:
            current = start(region=unit.region)
            closed = False
        current = replace(current, units=current.units + (unit,))
    if current is not None:
        parts.append(current)
    return parts


def _belongs(head, unit: Unit, following: Optional[Unit] = None) -> bool:
    last = head[-1]
    if last.hinted and unit.hinted and last.role in _ORDER and unit.role in _ORDER:
        return _ORDER[unit.role] > _ORDER[last.role]
    if last.role == "series" or V.SERIES_LABEL.search(last.text.strip()):
        return True
    if V.SERIES_LABEL.search(unit.text.strip()) and not any(V.SERIES_LABEL.search(u.text.strip()) for u in head) \
            and not (following is not None and is_head(following) and not V.SUBTITLE_START.match(following.text)):
        return True  # the extraction set the label after its title (no other title follows it)
    return bool(V.SUBTITLE_START.match(unit.text))


def _opens_article(unit: Unit) -> bool:
    """A dateline (本报讯…, 新华社…电) or a reporter byline only ever opens an article."""
    if unit.hinted or unit.role is not None or not unit.lines:
        return False
    text = unit.text.strip()
    return bool(V.DATELINE.match(text) or V.BYLINE.match(text))


def _has_body(part: Part) -> bool:
    """Has the part a paragraph of text yet (not just a subtitle or byline under its head)?"""
    return any(u.role != "caption" and (len(u.text) > 40 or ends_sentence(u.text)) for u in part.units)


def _split_trailing_captions(units):
    cut = len(units)
    while cut > 0 and units[cut - 1].role == "caption":
        cut -= 1
    return units[:cut], units[cut:]
