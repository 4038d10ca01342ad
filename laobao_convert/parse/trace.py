"""The parser's view of each page, for --debug-dir: every piece of text with the role it was
given and the evidence that decided it (laobao_convert.parse.roles), in reading order.

The rules run as in a conversion, up to the point where each page's parts are whole and
before they are stitched into articles, so what is shown is what each page said; nothing here
changes what a conversion produces.
"""

from __future__ import annotations

from typing import Dict, List, Sequence, Tuple

from laobao_convert.content import Document
from laobao_convert.debug_pages import TEXT_CHARS
from laobao_convert.parse import furniture
from laobao_convert.parse.state import Part, State

_UNTIL = "paragraphs"
"""The last rule run: parts are whole then, their paragraphs joined, not yet stitched."""


def trace_pages(documents: Sequence[Document]) -> Dict[Tuple[str, int], List[dict]]:
    """(source, page index) -> the page's pieces as the parser took them, each a dict with
    its part, role, evidence and the start of its text."""
    from laobao_convert.parse import RULES, initial_state, run

    names = [name for name, _ in RULES]
    state = run(initial_state(documents), RULES[:names.index(_UNTIL) + 1])
    out: Dict[Tuple[str, int], List[dict]] = {}
    for page in state.pages:
        pieces = out.setdefault((page.source, page.index), [])
        pieces.extend(_furniture(state, page.number))
        for number, part in enumerate(p for p in state.parts if p.page == page.number):
            pieces.extend(_part(number + 1, part))
    return out


def _part(number: int, part: Part) -> List[dict]:
    why = dict(part.why)
    pieces = [_piece(number, field, getattr(part, field), (why.get(field, ""),))
              for field in ("series", "kicker", "title", "subtitle", "byline") if getattr(part, field)]
    if part.jump_in is not None:
        pieces.append(_piece(number, "jump", part.jump_in.text, ("上接 line",)))
    pieces.extend(_piece(number, unit.role or "body", unit.text, unit.evidence) for unit in part.units
                  if unit.text.strip())
    if part.jump_out is not None:
        pieces.append(_piece(number, "jump", part.jump_out.text, ("下转 line",)))
    return pieces


def _furniture(state: State, page: int) -> List[dict]:
    return [
        {"part": None, "role": f"furniture: {item.kind}",
         "evidence": [f"reads as {item.kind}" if furniture.recognised(item.kind, item.text)
                      else f"filed as {item.kind}, but does not read as one (warned)"],
         "text": item.text.replace("\n", " ")[:TEXT_CHARS]}
        for item in state.furniture_items if item.page == (page or None) and item.kind != "jump"
    ]  # jump lines are shown in their parts


def _piece(part: int, role: str, text: str, evidence) -> dict:
    return {"part": part, "role": role, "evidence": [e for e in evidence if e],
            "text": text.replace("\n", " ")[:TEXT_CHARS]}
