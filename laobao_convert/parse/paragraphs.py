"""Rule `paragraphs`: column-break repair inside a part.

A paragraph that stops mid-sentence (no sentence-ending mark, or the reader's hint says it
runs on) continues in the next body unit, past any caption between them; the two are one
paragraph again, CJK joined without a space. Hints win over punctuation where given.
"""

from __future__ import annotations

from dataclasses import replace
from typing import List, Optional

from laobao_convert import vocabulary as V
from laobao_convert.parse import roles
from laobao_convert.parse.places import union
from laobao_convert.parse.state import Part, State, Unit
from laobao_convert.parse.text import ends_sentence, join


def runs_on(left: Unit, right: Unit) -> bool:
    """Does paragraph `left` go on in `right`?"""
    says_ends = left.ends
    says_starts = right.starts
    if says_ends is not None and says_starts is not None and says_ends != says_starts:
        # The two edges disagree (a short last line, then no indent): the text decides.
        return not ends_sentence(left.text)
    if says_ends is not None:
        return not says_ends
    if says_starts is not None:
        return not says_starts
    return not ends_sentence(left.text)


def merge(left: Unit, right: Unit) -> Unit:
    """One paragraph of two pieces on one page: text joined, boxes united."""
    return replace(left, lines=(_join(paragraph_text(left), paragraph_text(right)),), ends=right.ends,
                   bbox=union((left.bbox, right.bbox)), placed=left.placed + right.placed)


def paragraph_text(unit: Unit) -> str:
    text = ""
    for line in unit.lines:
        text = _join(text, line.strip())
    return text


def _join(left: str, right: str) -> str:
    # A dateline set on a line of its own is followed by a space where it runs into the text,
    # as when it is set on the paragraph's first line.
    if left and right and V.DATELINE_WHOLE.match(left) and right.lstrip()[0] not in "（(":
        return left.rstrip() + " " + right.lstrip()
    return join(left, right)


def apply(state: State) -> State:
    return replace(state, parts=tuple(_part(p) for p in state.parts))


def _part(part: Part) -> Part:
    out: List[Unit] = []
    last_body: Optional[int] = None
    for unit in part.units:
        if unit.role == "caption":
            out.append(unit)
            continue
        if unit.role not in (None, "body"):
            out.append(unit)
            last_body = None
            continue
        unit = replace(unit, lines=(paragraph_text(unit),))
        if unit.role is None:
            unit = roles.decide(unit, "body", "running text: none of the other roles")
        if last_body is not None and runs_on(out[last_body], unit):
            out[last_body] = merge(out[last_body], unit)
            continue
        out.append(unit)
        last_body = len(out) - 1
    return replace(part, units=tuple(out))
