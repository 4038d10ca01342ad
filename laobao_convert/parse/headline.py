"""Rule `headline`: a part's headline lines -> series, kicker (引题), title (主题), subtitle (副题).

Reader hints name the parts where geometry told them. Text input flattens the parts into
one line joined by spaces: a series label is its own line; `——…` starts the subtitle; of
the rest, the first piece is the kicker (引题, who did what: …强调, …发布会) and the rest
the title. A short unpunctuated line right under
the headline is the subtitle (李强蔡奇丁薛祥出席).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Dict, List, Optional

from laobao_convert import vocabulary as V
from laobao_convert.parse.state import Part, State, Unit
from laobao_convert.parse.text import has_sentence_punct, width

_SUBTITLE_MAX = 30.0
_SHORT_SUBTITLE = 12.0
# Spaces between CJK pieces separate headline parts; spaces inside Latin text do not.
_PIECE_GAP = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")


def apply(state: State) -> State:
    return replace(state, parts=tuple(split_headline(part) for part in state.parts))


def split_headline(part: Part) -> Part:
    if not part.head:
        return part
    fields: Dict[str, Optional[str]] = {"series": None, "kicker": None, "title": None,
                                        "subtitle": None}
    loose: List[str] = []
    for unit in part.head:
        text = unit.text.strip()
        if unit.hinted and unit.role in fields:
            fields[unit.role] = _add(fields[unit.role], text)
        elif unit.role == "series" or (unit is not part.head[-1] and V.SERIES_LABEL.search(text)):
            fields["series"] = _add(fields["series"], text)
        else:
            loose.extend(p for p in _PIECE_GAP.split(text) if p)
    below = part.units[0].text.strip() if part.units else ""
    if V.SUBTITLE_START.match(below) and fields["subtitle"] is None:
        fields["subtitle"] = ""  # a ——subtitle follows: the loose pieces are all title
    _classify(loose, fields)
    if fields["subtitle"] == "":
        fields["subtitle"] = None
    part = replace(part, **fields)
    return _subtitle_below(part)


def _add(existing: Optional[str], text: str) -> str:
    return text if not existing else existing + " " + text


def _classify(pieces: List[str], fields: Dict[str, Optional[str]]) -> None:
    for i, piece in enumerate(pieces):
        if V.SUBTITLE_START.match(piece):
            fields["subtitle"] = _add(fields["subtitle"], " ".join(pieces[i:]))
            pieces = pieces[:i]
            break
    if not pieces:
        return
    if fields["title"] is not None:
        # The reader named the title: loose pieces before it are a kicker at most.
        fields["kicker"] = _add(fields["kicker"], " ".join(pieces))
        return
    if len(pieces) == 1 or fields["kicker"] is not None:
        fields["title"] = " ".join(pieces)
    else:
        # The kicker is set above the title; a title of two parallel lines (对仗) comes after it.
        # A subtitle is never guessed from a space: it starts with —— or stands below.
        fields["kicker"] = pieces[0]
        fields["title"] = " ".join(pieces[1:])


def _subtitle_below(part: Part) -> Part:
    # A continuation repeats its headline alone; what follows it is the article's text.
    if part.subtitle is not None or part.title is None or not part.units or part.continuation:
        return part
    first = part.units[0]
    if first.hinted and first.role == "subtitle":
        return replace(part, subtitle=first.text.strip(), units=part.units[1:])
    if not looks_like_subtitle(first):
        return part
    following = next((u for u in part.units[1:] if u.role != "caption"), None)
    opens = following is not None and bool(
        V.DATELINE.match(following.text) or V.BYLINE.match(following.text.strip()))
    dashed = bool(V.SUBTITLE_START.match(first.text.strip()))
    if not opens and not dashed and (
            width(first.text) > _SHORT_SUBTITLE or part.units[1:2] and part.units[1].role == "caption"):
        # A short first line could be the start of a paragraph the column (or a photo) cut:
        # only a line that is short, or followed by a byline or dateline, is a subtitle; one
        # opening with —— is one wherever it stands (a paragraph never opens so under a title).
        return part
    return replace(part, subtitle=first.text.strip(), units=part.units[1:])


def looks_like_subtitle(unit: Unit) -> bool:
    if unit.role is not None or unit.hinted or len(unit.lines) != 1:
        return False
    text = unit.text.strip()
    if V.SUBTITLE_START.match(text):
        return True
    return (width(text) <= _SUBTITLE_MAX and not has_sentence_punct(text)
            and not V.BYLINE.match(text) and not V.DATELINE.match(text)
            and not V.AUTHOR_LINE.match(text))
