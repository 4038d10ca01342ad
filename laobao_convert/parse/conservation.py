"""Rule `conservation`: count article characters in and out, so that a loss is visible.

Input is every non-space character the readers gave minus page furniture (masthead, page
headers and footers, jump lines, 导读 boxes, repeated continuation headlines). Output is what
the articles hold. Any difference not covered by a warning becomes a warning itself.
"""

from __future__ import annotations

from dataclasses import replace

from laobao_convert.model import Conservation
from laobao_convert.parse.state import State


def apply(state: State) -> State:
    output = sum(article.char_count() for article in state.articles)
    input_chars = state.total_chars - state.furniture_chars
    missing = input_chars - output - state.warned_chars
    if missing != 0:
        state = state.warn("conservation",
                           f"{abs(missing)} characters of article text "
                           f"{'went missing' if missing > 0 else 'appeared from nowhere'} "
                           "between input and output", level="warning")
    conservation = Conservation(input_chars=input_chars, output_chars=output,
                                warned_chars=state.warned_chars, furniture_chars=state.furniture_chars)
    return replace(state, conservation=conservation)
