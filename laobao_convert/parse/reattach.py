"""Rule `reattach`: a headline the extraction set after its article's body goes back to it.

Some extractions give a piece's body first and its headline after it (body, headline, next
body, next headline...). A headline with no text under it is the sign: it belongs to the
body right before it when that body has none. Else a short one-phrase heading right above
another headline is that article's series label (栏目) or, worded as one, its kicker. Else,
when the body before already carries a headline, the pieces were all set body-first, and
each headline moves back by one up to the first body without one (a body: a few lines of
masthead or header left over are none). A part left without a headline keeps none (the
stitch rule warns); it never takes another article's.
"""

from __future__ import annotations

from dataclasses import replace
from typing import List, Optional

from laobao_convert import vocabulary as V
from laobao_convert.parse import roles
from laobao_convert.parse.state import Part, State
from laobao_convert.parse.text import has_sentence_punct, width

_LABEL_WIDTH = 20.0
"""A series label is a short phrase; wider, a heading is a headline of its own."""
_KICKER_WIDTH = 40.0
"""A kicker worded as one (…强调, 某省召开…会议) may be as long as a headline line."""


def orphan_headline(part: Part) -> bool:
    return bool(part.head) and not part.units and not part.continuation and part.jump_out is None


def headless(part: Part) -> bool:
    return not part.head and not part.continuation and any(u.role != "caption" for u in part.units)


def _shiftable(part: Part) -> bool:
    return bool(part.head) and bool(part.units) and not part.continuation


_LABEL = "a short line set on its own just above the next headline on the page"


def apply(state: State) -> State:
    parts: List[Part] = [_subtitle_into_head(p) for p in state.parts]
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
        if k > 0 and parts[k - 1].page == parts[k].page and headless(parts[k - 1]) \
                and _has_body(parts[k - 1]):
            parts[k - 1] = replace(parts[k - 1], head=parts[k].head)
            del parts[k]
            continue
        if _label(parts[k]) and following < len(parts) and parts[following].page == parts[k].page \
                and parts[following].head and not parts[following].continuation:
            label = parts[k].head[0]
            role = None if V.KICKER_CUE.search(label.text.strip()) else "series"
            parts[following] = replace(parts[following],
                                       head=(roles.decide(label, role, _LABEL),) + parts[following].head)
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
    if i >= 0 and parts[i].page == page and headless(parts[i]) and _has_body(parts[i]):
        return i
    return None


def _subtitle_into_head(part: Part) -> Part:
    """A headline with only its ——subtitle under it has no text under it either."""
    if part.head and part.units and not part.continuation and part.jump_out is None \
            and all(not u.role and V.SUBTITLE_START.match(u.text) for u in part.units):
        return replace(part, head=part.head + part.units, units=())
    return part


def _has_body(part: Part) -> bool:
    return any(u.role != "caption" and len(u.lines) and (width(u.text) > 20 or has_sentence_punct(u.text))
               for u in part.units)


def _label(part: Part) -> bool:
    """One phrase with no sentence punctuation, alone in its heading: short, or a kicker."""
    if len(part.head) != 1 or part.head[0].hinted:
        return False
    text = part.head[0].text.strip()
    limit = _KICKER_WIDTH if V.KICKER_CUE.search(text) else _LABEL_WIDTH
    return (0 < width(text) <= limit and not has_sentence_punct(text)
            and len(text.split()) == 1 and not V.SUBTITLE_START.match(text))


def _above_title_only(part: Part) -> bool:
    return all(u.hinted and u.role in ("kicker", "series") for u in part.head)
