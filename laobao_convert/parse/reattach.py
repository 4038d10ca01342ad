"""Rule `reattach`: a headline the extraction set after its article's body goes back to it.

Some extractions give a piece's body first and its headline after it (body, headline, next
body, next headline...). A headline with no text under it is the sign: it belongs to the
body before it; when that body already carries a headline, the pieces were all set
body-first, and each headline moves back by one up to the first body without one. A part
left without a headline keeps none (the stitch rule warns); it never takes another
article's.
"""

from __future__ import annotations

from dataclasses import replace
from typing import List, Optional

from laobao_convert.parse.state import Part, State


def orphan_headline(part: Part) -> bool:
    return bool(part.head) and not part.units and not part.continuation and part.jump_out is None


def headless(part: Part) -> bool:
    return not part.head and not part.continuation and any(u.role != "caption" for u in part.units)


def _shiftable(part: Part) -> bool:
    return bool(part.head) and bool(part.units) and not part.continuation


def apply(state: State) -> State:
    parts: List[Part] = list(state.parts)
    k = 0
    while k < len(parts):
        if not orphan_headline(parts[k]):
            k += 1
            continue
        following = k + 1
        if _above_title_only(parts[k]) and following < len(parts) \
                and parts[following].page == parts[k].page and parts[following].head:
            # A kicker or series label the reader set in a frame of its own: it sits above
            # the next headline.
            parts[following] = replace(parts[following], head=parts[k].head + parts[following].head)
            del parts[k]
            continue
        start = _body_before(parts, k)
        if start is not None:
            # Each headline from start+1..k moves back to the part before it.
            for i in range(start, k):
                parts[i] = replace(parts[i], head=parts[i + 1].head)
            del parts[k]
            continue
        if following < len(parts) and parts[following].page == parts[k].page and headless(parts[following]):
            parts[following] = replace(parts[following], head=parts[k].head)
            del parts[k]
            continue
        k += 1
    return replace(state, parts=tuple(parts))


def _body_before(parts: List[Part], k: int) -> Optional[int]:
    page = parts[k].page
    i = k - 1
    while i >= 0 and parts[i].page == page and _shiftable(parts[i]):
        i -= 1
    if i >= 0 and parts[i].page == page and headless(parts[i]):
        return i
    return None


def _above_title_only(part: Part) -> bool:
    return all(u.hinted and u.role in ("kicker", "series") for u in part.head)
