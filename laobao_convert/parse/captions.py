"""Rule `captions`: photo captions (…摄, 图为…, the two-line kind) are not body text.

A caption unit keeps its place in the page flow (so the segment rule gives it to the article
around it) but its role makes the paragraph rule step over it: a sentence the caption cut in
two is joined again.
"""

from __future__ import annotations

from dataclasses import replace
from typing import List, Optional

from laobao_convert import vocabulary as V
from laobao_convert.parse import roles
from laobao_convert.parse.state import State, Unit

_MAX_CAPTION = 200
"""A longer unit is an article paragraph that happens to end in a credit."""


def is_caption(unit: Unit) -> bool:
    return caption_evidence(unit) is not None


def caption_evidence(unit: Unit) -> Optional[str]:
    """Why `unit` is a photo caption, in words; None if it is not one."""
    if unit.role == "caption":
        return "caption by the reader"
    if unit.role is not None or unit.heading or not unit.lines:
        return None
    text = unit.text
    if len(text) > _MAX_CAPTION:
        return None
    if V.CAPTION_CREDIT.search(unit.lines[-1]):
        return "ends in a photo credit (…摄)"
    if V.CAPTION_START.match(unit.lines[0]):
        return "opens as a caption does (图为…)"
    if len(unit.lines) == 1 and V.CAPTION_SCENE.match(text):
        return "one line naming a photo's scene"
    return None


def photo_credit(text: str) -> Optional[str]:
    """The credit a caption's text ends in (新华社记者 王晔 摄), without its brackets; None if
    it names none."""
    match = V.PHOTO_CREDIT.search(text)
    if not match:
        return None
    credit = match.group().strip().rstrip(")）").strip()
    return credit or None


def is_credit_line(line: str) -> bool:
    """A line that is only a photo credit: 新华社记者 王晔 摄."""
    line = line.strip()
    return len(line) <= 24 and bool(V.CAPTION_CREDIT.search(line)) and not any(
        ch in line for ch in "，。；！？")


def is_credit_only(unit: Unit) -> bool:
    return len(unit.lines) == 1 and is_credit_line(unit.text)


_PIECE = 12
"""A credit set in pieces (新华社记者 / 王晔 / 摄) comes out as short lines."""


def _credit_pieces(units: List[Unit]) -> int:
    """How many short units at the end of `units` together make a credit ending in 摄."""
    if not units or units[-1].role is not None or units[-1].text.strip() != "摄":
        return 0
    for count in range(2, 5):
        if count > len(units):
            return 0
        tail = units[-count:]
        if any(u.role is not None or u.heading or len(u.lines) != 1 or len(u.text) > _PIECE
               for u in tail):
            return 0
        if V.CAPTION_CREDIT.search(" ".join(u.text.strip() for u in tail)):
            return count
    return 0


def _merge_credit(units: List[Unit]) -> None:
    count = _credit_pieces(units)
    if not count:
        return
    pieces = units[-count:]
    del units[-count:]
    credit = " ".join(u.text.strip() for u in pieces)
    lines = (credit,)
    before = units[-1] if units else None
    if before is not None and before.role is None and not before.heading and len(before.text) <= 80 \
            and (V.CAPTION_START.match(before.text) or V.CAPTION_SCENE.match(before.text)
                 or before.block == pieces[0].block):
        units.pop()
        lines = before.lines + lines
        pieces = [before] + pieces
    units.append(roles.decide(replace(pieces[0], lines=lines), "caption", "a credit set in pieces (… / 摄)"))


def apply(state: State) -> State:
    pages = []
    for page in state.pages:
        units: List[Unit] = []
        for unit in page.units:
            if unit.role is None and unit.text.strip() == "摄":
                if units and units[-1].role == "caption" and not V.CAPTION_CREDIT.search(units[-1].text):
                    # The credit's last word set apart from a caption the reader did find.
                    units[-1] = replace(units[-1], lines=units[-1].lines[:-1]
                                        + (units[-1].lines[-1] + " 摄",))
                    continue
                units.append(unit)
                _merge_credit(units)
                continue
            why = caption_evidence(unit)
            if why:
                # pdftotext sets a caption's text and its credit as separate short lines of
                # one block: the credit takes the line before it along.
                if is_credit_only(unit) and units and units[-1].block == unit.block \
                        and units[-1].role is None and not units[-1].heading and units[-1].lines:
                    previous = units.pop()
                    unit = replace(unit, lines=previous.lines + unit.lines, placed=previous.placed + unit.placed)
                unit = unit if unit.role == "caption" else roles.decide(unit, "caption", why)
            units.append(unit)
        pages.append(replace(page, units=tuple(units)))
    return replace(state, pages=tuple(pages))
