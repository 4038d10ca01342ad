"""Rule `headline`: a part's headline lines -> series, kicker (引题), title (主题), subtitle (副题).

Reader hints name the parts where geometry told them. Text input flattens the parts into
one line joined by spaces: a series label is its own line; `——…` starts the subtitle. Of
the rest, what the text says decides: a continuation on a later page repeats the title
(主题), whole or shortened, and a 导读 box lists it whole, so pieces before the one it starts
with are the kicker; else a
first piece that is a whole clause saying who did what (…强调, 某省召开…会议) is the kicker. Where nothing says, the pieces
stay together in the title: a title is often two phrases joined by a space, and a guessed
kicker would be wrong as often as right. A short unpunctuated line right under the headline
is the subtitle (李强蔡奇丁薛祥出席).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Dict, List, Optional, Sequence, Tuple

from laobao_convert import vocabulary as V
from laobao_convert.parse import furniture
from laobao_convert.parse.state import Part, State, Unit
from laobao_convert.parse.text import has_sentence_punct, join_lines, squash, width

_SUBTITLE_MAX = 30.0
_SHORT_SUBTITLE = 12.0
# Spaces between CJK pieces separate headline parts; spaces inside Latin text do not.
_PIECE_GAP = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")
_MIN_REPEAT = 4
"""Characters a shortened repeat must have to say where a title starts."""


def apply(state: State) -> State:
    repeated = continuation_repeats(state.parts)
    listed = listed_titles(state)
    return replace(state, parts=tuple(
        split_headline(part, tuple(key for page, key in repeated if page > part.page) + listed
                       if not part.continuation else ())
        for part in state.parts))


def listed_titles(state: State) -> Tuple[str, ...]:
    """The titles a 导读 box lists (squashed): each names an article's title exactly, so a
    headline that ends with one has its kicker before it."""
    found = []
    for item in state.furniture_items:
        if item.kind != "box":
            continue
        lines = [line for line in furniture.lines_of(item.text) if not V.BOX_TITLE.match(line)]
        flat = join_lines(lines)
        for title in furniture.box_items(flat) or ():
            key = squash(title)
            if len(key) >= _MIN_REPEAT:
                found.append(key)
    return tuple(found)


def continuation_repeats(parts: Sequence[Part]) -> Tuple[Tuple[int, str], ...]:
    """(page, squashed text) of what each continuation repeats of its headline: the pieces
    the repeats rule set apart, else its head."""
    found = []
    for part in parts:
        if part.continuation:
            key = squash("".join(part.repeated) or "".join(u.text for u in part.head))
            if key:
                found.append((part.page, key))
    return tuple(found)


def _beside_title(head, label) -> bool:
    """A series label is one if another line of the headline can be its title: it stands
    over the title, or the extraction set it after the title (the title's line first)."""
    return label is not head[-1] or any(unit is not label and not V.SERIES_LABEL.search(unit.text)
                                        and not V.SUBTITLE_START.match(unit.text.strip()) for unit in head)


def split_headline(part: Part, repeats: Sequence[str] = ()) -> Part:
    if not part.head:
        return part
    fields: Dict[str, Optional[str]] = {"series": None, "kicker": None, "title": None,
                                        "subtitle": None}
    why: Dict[str, str] = {}
    loose: List[str] = []
    for unit in part.head:
        text = unit.text.strip()
        if unit.hinted and unit.role in fields:
            fields[unit.role] = _add(fields[unit.role], text)
            why.setdefault(unit.role, "; ".join(unit.evidence) or "by the reader")
        elif unit.role == "series" or (V.SERIES_LABEL.search(text) and _beside_title(part.head, unit)):
            fields["series"] = _add(fields["series"], text)
            why.setdefault("series", "; ".join(unit.evidence) if unit.role == "series" and unit.evidence
                           else "a numbered or bracketed series label over the headline")
        else:
            loose.extend(p for p in _PIECE_GAP.split(text) if p)
    below = part.units[0].text.strip() if part.units else ""
    if V.SUBTITLE_START.match(below) and fields["subtitle"] is None:
        fields["subtitle"] = ""  # a ——subtitle follows: the loose pieces are all title
    found = dict(why)
    _classify(loose, fields, why, repeats)
    heading = "; ".join(e for unit in part.head if not unit.hinted and unit.role != "series" for e in unit.evidence)
    for key in why:
        if heading and key not in found:
            why[key] = f"{why[key]} (headline: {heading})"
    if fields["subtitle"] == "":
        fields["subtitle"] = None
        why.pop("subtitle", None)
    part = replace(part, **fields, why=part.why + tuple((k, v) for k, v in why.items() if fields.get(k)))
    return _subtitle_below(part)


def _add(existing: Optional[str], text: str) -> str:
    return text if not existing else existing + " " + text


def _classify(pieces: List[str], fields: Dict[str, Optional[str]], why: Dict[str, str],
              repeats: Sequence[str] = ()) -> None:
    for i, piece in enumerate(pieces):
        if V.SUBTITLE_START.match(piece):
            fields["subtitle"] = _add(fields["subtitle"], " ".join(pieces[i:]))
            why["subtitle"] = "opens with a dash (——)"
            pieces = pieces[:i]
            break
    if len(pieces) > 1 and fields["series"] is None and V.SERIES_LABEL.search(pieces[0]):
        # A numbered series label flattened onto the headline's line (…谈② 标题).
        fields["series"], pieces = pieces[0], pieces[1:]
        why["series"] = "a numbered series label opening the headline's line"
    if not pieces:
        return
    if fields["title"] is not None:
        # The reader named the title: loose pieces before it are a kicker at most.
        fields["kicker"] = _add(fields["kicker"], " ".join(pieces))
        why.setdefault("kicker", "headline text before the title the reader named")
        return
    if len(pieces) == 1 or fields["kicker"] is not None:
        fields["title"] = " ".join(pieces)
        why["title"] = "the headline's text" if len(pieces) == 1 else "the headline's text after its kicker"
        return
    start = _title_start(pieces, repeats)
    if start:
        fields["kicker"] = " ".join(pieces[:start])
        why["kicker"] = ("before the words a continuation repeats or a 导读 box lists as the title"
                         if not V.KICKER_CUE.search(pieces[0]) else "first phrase, worded as a kicker")
    fields["title"] = " ".join(pieces[start:])
    why["title"] = "the headline's phrases" + (" after its kicker" if start else ", set as one line")


def _title_start(pieces: List[str], repeats: Sequence[str]) -> int:
    """Index of the title's first piece. A continuation's repeat is the title, whole or
    shortened: pieces before the one it starts with are the kicker. (Where the title ends it
    cannot say: a repeat is as often the first half of a two-phrase title as the whole.)
    Else a first piece that is a kicker by its wording; else none."""
    keys = [squash(p) for p in pieces]
    for start in range(1, len(keys)):
        rest = "".join(keys[start:])
        if any((len(r) >= _MIN_REPEAT or r == keys[start]) and rest.startswith(r)
               and not "".join(keys).startswith(r) for r in repeats):
            return start
    return 1 if V.KICKER_CUE.search(pieces[0]) else 0


def _subtitle_below(part: Part) -> Part:
    # A continuation repeats its headline alone; what follows it is the article's text.
    if part.subtitle is not None or part.title is None or not part.units or part.continuation:
        return part
    first = part.units[0]
    if first.hinted and first.role == "subtitle":
        return replace(part, subtitle=first.text.strip(), units=part.units[1:],
                       why=part.why + (("subtitle", "; ".join(first.evidence) or "by the reader"),))
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
    evidence = "dash-led line under the title" if dashed else (
        "short line under the title over a byline or dateline" if opens else "short line under the title")
    return replace(part, subtitle=first.text.strip(), units=part.units[1:], why=part.why + (("subtitle", evidence),))


def looks_like_subtitle(unit: Unit) -> bool:
    if unit.role is not None or unit.hinted or len(unit.lines) != 1:
        return False
    text = unit.text.strip()
    if V.SUBTITLE_START.match(text):
        return True
    return (width(text) <= _SUBTITLE_MAX and not has_sentence_punct(text)
            and not V.BYLINE.match(text) and not V.DATELINE.match(text)
            and not V.AUTHOR_LINE.match(text))
