"""Rule `jumps`: find the 转版 lines (下转 / 上接) and take them out of the text.

This module is the only place that reads jump lines. A jump is a whole line, the end of a
line (下转), or the start of a line (上接, run into a continuation's first line); never a 转
inside prose. What a jump line said becomes a Mark on a unit of role "jump" at
the place it stood; the segment and stitch rules work with those marks only.
"""

from __future__ import annotations

from dataclasses import replace
from typing import List, Optional, Tuple

from laobao_convert import vocabulary as V
from laobao_convert.parse import roles
from laobao_convert.parse.state import Mark, State, Unit


def read_jump(text: str) -> Optional[Tuple[str, Mark]]:
    """('out'|'in', Mark) when the whole text is a jump line."""
    text = text.strip()
    for direction, patterns in (("out", (V.JUMP_OUT, V.JUMP_OUT_BARE)), ("in", (V.JUMP_IN, V.JUMP_IN_BARE))):
        for pattern in patterns:
            match = pattern.fullmatch(text) if pattern.pattern[0] != "^" else pattern.match(text)
            if match:
                return direction, Mark(page=V.jump_page(match), text=text)
    return None


def trailing_out(text: str) -> Optional[Tuple[str, Mark]]:
    """(text before, Mark) when a paragraph ends with a 下转 mark."""
    stripped = text.rstrip()
    for match in V.JUMP_OUT.finditer(stripped):
        if match.end() == len(stripped) and match.start() > 0:
            return stripped[:match.start()].rstrip(), Mark(V.jump_page(match), match.group(0))
    return None


def leading_in(text: str) -> Optional[Tuple[Mark, str]]:
    """(Mark, text after) when a continuation's first line starts with a 上接 mark."""
    stripped = text.lstrip()
    match = V.JUMP_IN.match(stripped)
    if match and match.end() < len(stripped):
        return Mark(V.jump_page(match), match.group(0)), stripped[match.end():].lstrip()
    return None


def apply(state: State) -> State:
    pages = []
    for page in state.pages:
        units: List[Unit] = []
        taken: List[str] = []
        for unit in page.units:
            pieces, texts = split_unit(unit)
            units.extend(pieces)
            taken.extend(texts)
        state = state.furniture("jump", taken, page.number or None)
        pages.append(replace(page, units=tuple(units)))
    return replace(state, pages=tuple(pages))


def _jump_unit(unit: Unit, direction: str, mark: Mark) -> Unit:
    unit = replace(unit, lines=(), heading=False, hinted=unit.hinted,
                   jump_out=mark if direction == "out" else None,
                   jump_in=mark if direction == "in" else None)
    return roles.decide(unit, "jump", f"{'下转' if direction == 'out' else '上接'} line: {mark.text}")


def split_unit(unit: Unit) -> Tuple[List[Unit], List[str]]:
    """The unit with its jump lines made into jump units; and the texts they took."""
    if unit.role == "jump":
        found = read_jump(unit.text) or _search(unit.text)
        if found is None:  # a jump hint we cannot read: keep the text, lose nothing
            return [replace(unit, role=None, hinted=False)], []
        return [_jump_unit(unit, *found)], [unit.text]
    if unit.heading or unit.role not in (None, "body"):
        return [unit], []
    out: List[Unit] = []
    current: List[str] = []
    taken: List[str] = []

    def flush() -> None:
        if current:
            out.append(replace(unit, lines=tuple(current)))
            current.clear()

    for index, line in enumerate(unit.lines):
        whole = read_jump(line)
        if whole:
            flush()
            out.append(_jump_unit(unit, *whole))
            taken.append(line)
            continue
        # pdftotext's reading order may run a continuation (上接…) or a column ending in 下转…
        # into a block of other text: a mark at a line's start or end splits the unit there.
        lead = leading_in(line)
        if lead:
            flush()
            out.append(_jump_unit(unit, "in", lead[0]))
            taken.append(lead[0].text)
            line = lead[1]
        tail = trailing_out(line)
        if tail:
            current.append(tail[0])
            flush()
            out.append(_jump_unit(unit, "out", tail[1]))
            taken.append(tail[1].text)
            continue
        current.append(line)
    flush()
    return out, taken


def _search(text: str) -> Optional[Tuple[str, Mark]]:
    for direction, pattern in (("out", V.JUMP_OUT), ("in", V.JUMP_IN)):
        match = pattern.search(text)
        if match:
            return direction, Mark(V.jump_page(match), text.strip())
    return None
