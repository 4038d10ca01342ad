"""Rule `subheads`: short unpunctuated lines between paragraphs are 小标题.

A subhead follows a finished paragraph (never a sentence cut by a column break), is followed
by more text, and has no sentence punctuation; the two-line kind comes as one unit with a
hard break (Markdown) or as adjacent short lines of one block (pdftotext).
"""

from __future__ import annotations

from dataclasses import replace
from typing import List, Optional

from laobao_convert import vocabulary as V
from laobao_convert.parse.state import Part, State, Unit
from laobao_convert.parse.text import ends_sentence, width

_MAX_LINE = 26.0
_MAX_GEOMETRY = 40.0
"""A PDF block's lines come joined: a two-line subhead is one line of up to twice the width."""
_MAX_SINGLE = 12.0
"""Text input only: a cut piece of a paragraph can be short too; a PDF reader marks those as
body, so a one-line subhead from a PDF may be as long as two-line ones."""
_PUNCT = "，。！？；：,!?;:"


def apply(state: State) -> State:
    return replace(state, parts=tuple(_part(p) for p in state.parts))


def short_plain(unit: Unit) -> bool:
    if unit.role is not None or unit.heading or not unit.lines or len(unit.lines) > 2 \
            or (unit.wrapped and len(unit.lines) > 1):
        return False
    limit = _MAX_GEOMETRY if unit.geometry else _MAX_LINE
    for line in unit.lines:
        text = line.strip()
        if not text or width(text) > limit or any(ch in _PUNCT for ch in text):
            return False
    text = unit.text
    if len(unit.lines) == 1 and width(text) > _MAX_SINGLE and not unit.geometry:
        return False  # longer than a subhead set on one line: a column's worth of a paragraph
    return not (V.DATELINE.match(text) or V.BYLINE.match(text) or text[0] in "“\"‘「"
                or _unbalanced(text))


def _unbalanced(text: str) -> bool:
    return any(text.count(a) != text.count(b) for a, b in ("《》", "“”", "（）", "()"))


def _part(part: Part) -> Part:
    units = list(part.units)
    out: List[Unit] = []
    previous: Optional[Unit] = None  # the last body unit seen
    for i, unit in enumerate(units):
        if unit.role == "caption":
            out.append(unit)
            continue
        if unit.role == "subhead" or (short_plain(unit) and _after_paragraph(previous)
                                      and _more_text(units, i)):
            unit = replace(unit, role="subhead")
            if out and out[-1].role == "subhead" and out[-1].block == unit.block \
                    and not out[-1].hinted and len(out[-1].lines) == 1 and len(unit.lines) == 1:
                unit = replace(unit, lines=out.pop().lines + unit.lines)
        out.append(unit)
        previous = unit
    return replace(part, units=tuple(out))


def _after_paragraph(previous: Optional[Unit]) -> bool:
    if previous is None or previous.role == "subhead":
        return True
    # A reader's "runs on" hint comes from a full last line, which a paragraph ending at the
    # column's edge also has: the text decides then.
    return bool(previous.ends) or ends_sentence(previous.text)


def _more_text(units: List[Unit], i: int) -> bool:
    return any(u.role not in ("caption",) for u in units[i + 1:])
