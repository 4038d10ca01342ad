"""Rule `conservation`: count article characters in and out, so that a loss is visible.

Input is every non-space character the readers gave minus page furniture (masthead, page
headers and footers, jump lines, 导读 boxes, repeated continuation headlines). Only furniture
that the furniture checks recognise as its kind is subtracted: text filed as furniture that
does not look like it is a loss from the articles, told of by a warning of its own. Output is
what the articles hold. Any difference not covered by a warning becomes a warning itself.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Dict, List, Optional, Sequence, Tuple

from laobao_convert.model import Conservation, Furniture
from laobao_convert.parse.furniture import recognised
from laobao_convert.parse.state import State
from laobao_convert.parse.text import nonspace

_QUOTE = 20
"""Characters of unrecognised furniture quoted in its warning."""


def apply(state: State) -> State:
    state = _audit_furniture(state)
    output = sum(article.char_count() for article in state.articles)
    found = sum(nonspace(item.text) for item in state.furniture_items if item.recognised)
    unrecognised = sum(nonspace(item.text) for item in state.furniture_items if not item.recognised)
    input_chars = state.total_chars - found
    missing = input_chars - output - state.warned_chars
    if missing != 0:
        state = state.warn("conservation",
                           f"{abs(missing)} characters of article text "
                           f"{'went missing' if missing > 0 else 'appeared from nowhere'} "
                           "between input and output", level="warning")
    conservation = Conservation(input_chars=input_chars, output_chars=output,
                                warned_chars=state.warned_chars, furniture_chars=found,
                                unrecognised_chars=unrecognised)
    return replace(state, conservation=conservation)


def _audit_furniture(state: State) -> State:
    """Check each piece of furniture against its kind; mark what is not, and warn of it: one
    warning per page and kind (a faulty rule tends to take many pieces of one page)."""
    items: List[Furniture] = []
    lost: Dict[Tuple[Optional[int], str], List[Furniture]] = {}
    for item in state.furniture_items:
        if item.recognised and not recognised(item.kind, item.text):
            item = replace(item, recognised=False)
            lost.setdefault((item.page, item.kind), []).append(item)
        items.append(item)
    state = replace(state, furniture_items=tuple(items))
    for (page, _), pieces in lost.items():
        state = state.warn("unrecognised-furniture", _message(pieces), page=page,
                           chars=sum(nonspace(p.text) for p in pieces))
    return state


def _message(pieces: Sequence[Furniture]) -> str:
    first = pieces[0]
    text = " ".join(first.text.split())
    quoted = text[:_QUOTE] + ("…" if len(text) > _QUOTE else "")
    where = f"page {first.page}: " if first.page is not None else ""
    chars = sum(nonspace(p.text) for p in pieces)
    if len(pieces) == 1:
        return (f"{where}text taken out as {first.kind} does not look like one (starting {quoted!r}); "
                f"its {chars} characters are in no article")
    return (f"{where}{len(pieces)} pieces of text taken out as {first.kind} do not look like one "
            f"(the first starting {quoted!r}); their {chars} characters are in no article")
