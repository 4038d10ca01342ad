"""Rule `repeats`: a continuation's repeated headline is page furniture, piece by piece.

A part that goes on from another page (上接第N版) often repeats the article's headline, in
full or shortened. pdftotext's reading order also stacks the headlines of pieces set side by
side, so the head of a continuation may hold other articles' headlines as well. Each piece
of the head (one headline line) that repeats a headline line of the page the part continues
from (or, along a chain 1→2→4, of an earlier page) is taken out of the head and kept in
`Part.repeated`: the stitch rule still matches by it. The pieces that repeat nothing stay;
they are text of their own. A continuation whose head repeats nothing may find its repeat
set apart elsewhere on its page (pdftotext only).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Callable, Dict, List, Tuple

from laobao_convert import vocabulary as V
from laobao_convert.parse.state import Part, State, Unit, WorkPage
from laobao_convert.parse.text import ends_sentence, has_sentence_punct, squash, width

_MAX_HEADLINE = 40.0
"""A headline line is no wider than this (ems)."""
_MIN_SHORTENED = 4
"""A shortened repeat shares at least this many characters with the headline it repeats."""
EXACT = "="
"""Marks a line that only a whole-line repeat matches (squashed text has no punctuation)."""
# Spaces between CJK pieces separate headline lines the extraction joined.
_PIECE_GAP = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")


def apply(state: State) -> State:
    lines: Dict[int, Counter] = {page.number: headline_lines(page) for page in state.pages}
    parts: List[Part] = []
    for part in state.parts:
        source = part.jump_in.page if part.continuation and part.jump_in is not None else None
        if source is None or source >= part.page or not part.head or source not in lines:
            parts.append(part)
            continue
        page = _source_page(part, source, lines)
        part, taken = split_repeats(part, lambda piece: _on(piece, lines[page]))
        # A repeat found is no headline of this page any more: a later page repeating the
        # same headline (1→2→4) is matched with the first page's.
        for piece in taken:
            lines[part.page][squash(piece)] -= 1
        state = state.furniture("repeat", taken, part.page)
        parts.append(part)
    return _set_apart(replace(state, parts=tuple(parts)))


def _set_apart(state: State) -> State:
    """A continuation whose head repeats nothing may have its repeated headline elsewhere on
    its page: pdftotext sets a repeat narrower than the column apart from its 上接 line.
    (Only for pdftotext: a reader that placed the text keeps a repeat where it stands.) One
    line of the page that is an earlier page's headline shortened is taken for it; more than
    one of the strongest kind found says nothing (subheads recur from article to article)."""
    parts = list(state.parts)
    unplaced = {page.number for page in state.pages if page.kind == "pdftotext"}
    titles: Dict[int, Counter] = {}
    for part in parts:
        if not part.continuation:
            counter = titles.setdefault(part.page, Counter())
            counter.update(squash(p) for u in part.head for p in pieces(u.text))
    # A headline line found as a headline here may repeat any headline-like line of the
    # earlier page, matched whole; a lone short line here only a headline there.
    lines = {page.number: Counter({EXACT + k.lstrip(EXACT): n for k, n in headline_lines(page).items()})
             for page in state.pages}
    for index, part in enumerate(parts):
        source = part.jump_in.page if part.continuation and part.jump_in is not None else None
        if source is None or source >= part.page or part.repeated or part.page not in unplaced:
            continue
        earlier = [c for n, c in titles.items() if n <= source]
        loose = [c for n, c in lines.items() if n <= source]
        here = [(k, place, text) for k, other in enumerate(parts) if other.page == part.page
                for place, text in _lines_of(other)]
        # Strongest first: a headline here repeating a headline there; a headline here
        # repeating a line there; a lone line here repeating a headline there. The first
        # kind found decides, and only if it is found once.
        tiers = (
            [f for f in here if f[1][0] == "head" and any(_on(f[2], c) for c in earlier)],
            [f for f in here if f[1][0] == "head" and any(_on(f[2], c) for c in loose)],
            [f for f in here if f[1][0] == "units" and any(_on(f[2], c) for c in earlier)],
        )
        found = next((tier for tier in tiers if tier), [])
        # Only a shortened repeat: a line equal to one of an earlier page may as well be a
        # subhead or a kicker used again, and taking it would lose text.
        found = [f for f in found if not any(squash(f[2]) in c or EXACT + squash(f[2]) in c
                                             for c in loose)]
        if len(found) != 1:
            continue
        k, place, text = found[0]
        parts[k] = _without(parts[k], place, text)
        parts[index] = replace(parts[index], repeated=(text,))
        state = state.furniture("repeat", text, part.page)
    kept = tuple(p for p in parts if p.head or p.units or p.jump_in or p.jump_out or p.repeated)
    return replace(state, parts=kept)


def _lines_of(part: Part) -> List[Tuple[Tuple[str, int], str]]:
    """Headline-like lines of a part, with where they are: head pieces and lone short units."""
    out: List[Tuple[Tuple[str, int], str]] = []
    for i, unit in enumerate(part.head):
        out.extend((("head", i), piece) for piece in pieces(unit.text))
    for i, unit in enumerate(part.units):
        text = unit.text.strip()
        if unit.role is None and len(unit.lines) == 1 and text and width(text) <= _MAX_HEADLINE \
                and not ends_sentence(text) and not _byline_piece(text):
            out.append((("units", i), text))
    return out


def _byline_piece(text: str) -> bool:
    """A byline or a piece of one (本报记者 set apart from its name): never a headline."""
    return bool(V.REPORTER_LABEL.match(text) or V.BYLINE.match(text) or V.PERSON_NAME.match(text))


def _without(part: Part, place: Tuple[str, int], text: str) -> Part:
    where, i = place
    if where == "units":
        return replace(part, units=part.units[:i] + part.units[i + 1:])
    unit = part.head[i]
    rest = pieces(unit.text)
    rest.remove(text)
    head = part.head[:i] + ((replace(unit, lines=(" ".join(rest),)),) if rest else ()) + part.head[i + 1:]
    return replace(part, head=head)


def _source_page(part: Part, source: int, lines: Dict[int, Counter]) -> int:
    """The page whose headline the part repeats: the named page or, along a chain, an earlier
    one; of those, the page that has the most of the head's pieces as its own lines (exact
    matches first), the named page on a tie. A repeat is of one headline, on one page: so a
    stacked neighbour's kicker that some other page also prints is not taken for it."""
    found = [piece for unit in part.head for piece in pieces(unit.text)]

    def score(number: int) -> Tuple[int, int, int]:
        counter = lines[number]
        exact = sum(1 for piece in found if counter.get(squash(piece), 0) > 0)
        near = sum(1 for piece in found if _on(piece, counter))
        return exact, near, number == source

    return max((n for n in lines if n <= source), key=lambda n: (score(n), -n))


def _on(piece: str, counter: Counter) -> bool:
    return any(n > 0 and repeats(piece, line) for line, n in counter.items())


def headline_lines(page: WorkPage) -> Counter:
    """What could be a headline line on the page, squashed, counted: heading pieces and short
    lines with no sentence end (pdftotext leaves headlines unmarked). A line inside a run of
    lines with no sentence punctuation at all may be a headline the extraction ran into a
    neighbour; it is kept with the mark `EXACT`: only a whole-line repeat matches it."""
    found: Counter = Counter()
    for unit in page.units:
        if unit.heading or unit.role in ("series", "kicker", "title", "subtitle", "headline"):
            found.update(squash(p) for p in pieces(unit.text))
        elif len(unit.lines) == 1 and unit.role is None:
            text = unit.text.strip()
            if text and width(text) <= _MAX_HEADLINE and not ends_sentence(text):
                found[squash(text)] += 1
        elif unit.role is None:
            found.update(EXACT + squash(line) for line in unit.lines
                         if width(line.strip()) <= _MAX_HEADLINE and not has_sentence_punct(line))
    del found[""]
    del found[EXACT]
    return found


def pieces(text: str) -> List[str]:
    return [p for p in _PIECE_GAP.split(text.strip()) if p]


def repeats(piece: str, line: str) -> bool:
    """Is the piece this headline line (squashed), in full or shortened?"""
    key = squash(piece)
    if line.startswith(EXACT):
        return bool(key) and key == line[len(EXACT):]
    return bool(key) and (key == line or (len(key) >= _MIN_SHORTENED and key in line))


def split_repeats(part: Part, is_repeat: Callable[[str], bool]) -> Tuple[Part, List[str]]:
    """The part with its repeated head pieces moved to `repeated`; and those pieces."""
    head: List[Unit] = []
    repeated: List[str] = []
    for unit in part.head:
        kept = []
        found = pieces(unit.text)
        for piece in found:
            if is_repeat(piece):
                repeated.append(piece)
            else:
                kept.append(piece)
        if len(kept) == len(found):
            head.append(unit)
        elif kept:
            head.append(replace(unit, lines=(" ".join(kept),)))
    if not repeated:
        return part, []
    return replace(part, head=tuple(head), repeated=part.repeated + tuple(repeated)), repeated
