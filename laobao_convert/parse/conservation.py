"""Rule `conservation`: count article characters in and out, so that a loss is visible.

Input is every non-space character the readers gave minus page furniture (masthead, page
headers and footers, jump lines, 导读 boxes, repeated continuation headlines). Only furniture
that the furniture checks recognise as its kind is subtracted: text filed as furniture that
does not look like it is a loss from the articles, told of by a warning of its own. Output is
what the articles hold. Any difference not covered by a warning becomes a warning itself.
"""

from __future__ import annotations

from dataclasses import replace
from typing import List

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
    """Check each piece of furniture against its kind; mark and warn of what is not."""
    items: List[Furniture] = []
    for item in state.furniture_items:
        if item.recognised and not recognised(item.kind, item.text):
            item = replace(item, recognised=False)
            state = state.warn("unrecognised-furniture", _message(item), page=item.page,
                               chars=nonspace(item.text))
        items.append(item)
    return replace(state, furniture_items=tuple(items))


def _message(item: Furniture) -> str:
    text = " ".join(item.text.split())
    quoted = text[:_QUOTE] + ("…" if len(text) > _QUOTE else "")
    where = f"page {item.page}: " if item.page is not None else ""
    return (f"{where}text taken out as {item.kind} does not look like one (starting {quoted!r}); "
            f"its {nonspace(item.text)} characters are in no article")
