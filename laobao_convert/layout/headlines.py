"""Headline groups: heading-size pieces stacked together; the largest is the title.

A piece set in type clearly larger than the body is a heading. Headings stacked one under
another form one headline: the largest type is the title (主题), smaller pieces directly above
it the kicker (引题), those below it the subtitle (副题). Sizes are compared with each other and
with the page's body size, never with fixed point values.
"""

from __future__ import annotations

from dataclasses import replace
from typing import List, Sequence, Tuple

from laobao_convert.layout.frames import labels
from laobao_convert.layout.geometry import Piece, Rule, x_overlap_ratio
from laobao_convert.layout.typography import PageType, departures, emphasised, is_coloured, is_light
from laobao_convert.vocabulary import SENTENCE_END, SUBTITLE_START

HEADING = 1.2
"""A piece whose type is at least this many times the body size is a heading."""


def is_heading(piece: Piece, body: float) -> bool:
    return piece.role is None and body > 0 and piece.size >= HEADING * body


def join_heading_rows(pieces: Sequence[Piece], body: float, rules: Sequence[Rule] = ()) -> Tuple[Piece, ...]:
    """Join one-line heading pieces of one size that sit side by side on one row.

    Titles are often set with wide word spaces, wider than a column gutter, so the line
    builder cuts them; beside each other at one size they are still one line of one title
    (unless a column rule stands between: then they head two articles side by side).
    """
    rules = [r for r in rules if not r.horizontal]
    out: List[Piece] = []
    for piece in sorted(pieces, key=lambda p: (p.top, p.x0)):
        if is_heading(piece, body) and len(piece.lines) == 1:
            for k in range(len(out) - 1, -1, -1):
                other = out[k]
                if not (is_heading(other, body) and abs(other.top - piece.top) < 0.3 * piece.size):
                    continue
                line, last = piece.lines[0], other.lines[-1]
                walled = any(last.x1 <= r.x <= line.x0 and r.top <= line.bottom and r.bottom >= line.top for r in rules)
                if abs(line.size - last.size) < 0.05 * line.size and 0 <= line.x0 - last.x1 <= 2 * line.size \
                        and not walled:
                    joined = replace(
                        last,
                        text=last.text + " " + line.text,
                        x1=line.x1,
                        top=min(last.top, line.top),
                        bottom=max(last.bottom, line.bottom),
                        bold=last.bold and line.bold,
                    )
                    out[k] = replace(other, lines=other.lines[:-1] + (joined,))
                    break
            else:
                out.append(piece)
            continue
        out.append(piece)
    return tuple(out)


KICKER = 1.1
"""The smallest kicker in body type, times the body size: barely larger than the body and too
small to count as a heading alone, it is one only by its place straight above a title."""
EMPHASISED_KICKER = 0.95
"""A kicker set apart by weight, face or colour may be set at the body's own size; so may a
plain one centred over its title."""
CENTRED = 0.5
"""Ems a kicker in body type may stand off its title's axis."""


def is_kicker_over(piece: Piece, top: Piece, body: PageType) -> bool:
    """A short line set apart from the body (larger, or bold, another face, in colour) right
    above a headline's top piece, within the headline's width: the kicker (引题). Body text
    and bylines look like the body."""
    if piece.role is not None or piece.heading or body.size <= 0 or len(piece.lines) > 2:
        return False
    smallest = EMPHASISED_KICKER if all(emphasised(line, body) for line in piece.lines) else KICKER
    if piece.size < EMPHASISED_KICKER * body.size or piece.size >= top.size:
        return False
    gap = top.top - piece.bottom
    if not -0.3 * piece.size <= gap <= 1.2 * piece.size:
        return False
    if piece.size < smallest * body.size:
        # In the body's own type a kicker is known by its place alone: one line centred on
        # the title's axis (body text starts at its column's edge), with no sentence's end.
        line = piece.lines[0]
        centre, axis = (piece.x0 + piece.x1) / 2, (top.x0 + top.x1) / 2
        return len(piece.lines) == 1 and abs(centre - axis) <= CENTRED * piece.size \
            and not any(ch in SENTENCE_END for ch in line.text)
    slack = piece.size
    if top.x0 - slack <= piece.x0 and piece.x1 <= top.x1 + slack:
        return True
    # A long kicker over a short title runs past it: set on the title's axis, or from the
    # same left edge, it is still the title's.
    centred = abs((piece.x0 + piece.x1) / 2 - (top.x0 + top.x1) / 2) <= slack
    flush = abs(piece.x0 - top.x0) <= slack
    return centred or flush


SUBTITLE = 1.03
"""A subtitle set barely larger than the body, in the body's weight: it is one by its place,
centred under the title, not by its size; a byline centred there is set at the body's size or
smaller."""


def is_subtitle_under(piece: Piece, bottom: Piece, title: Piece, body: PageType) -> bool:
    """A short line right under a headline, centred on its title and narrower than it, in
    type larger than the body but smaller than the title: the subtitle (副题). Body text under
    a headline starts at its column's edge or fills its column; it is never centred short."""
    if piece.role is not None or piece.heading or body.size <= 0 or len(piece.lines) > 2:
        return False
    if not SUBTITLE * body.size <= piece.size < title.size:
        return False
    if any(line.bold for line in piece.lines):
        # A subhead is set bold at about the body's size, centred in its column: under a
        # continuation's repeated headline it stands where a subtitle would.
        return False
    gap = piece.top - bottom.bottom
    if not -0.3 * piece.size <= gap <= 1.5 * piece.size:
        return False
    centre, axis = (piece.x0 + piece.x1) / 2, (title.x0 + title.x1) / 2
    if abs(centre - axis) > piece.size:
        return False
    if SUBTITLE_START.match(piece.lines[0].text):
        return True  # a dash-led subtitle may run wider than a short title
    margin = piece.size
    return piece.x0 >= title.x0 + margin and piece.x1 <= title.x1 - margin


def group_headlines(pieces: Sequence[Piece], body: PageType) -> Tuple[Tuple[int, ...], ...]:
    """Indexes of heading pieces, grouped into headlines (each group top to bottom)."""
    groups = _stack_headings(pieces, body.size)
    taken = {i for g in groups for i in g}
    out: List[Tuple[int, ...]] = []
    for group in groups:
        top = pieces[group[0]]
        above = [i for i, p in enumerate(pieces) if i not in taken and is_kicker_over(p, top, body)]
        if len(above) == 1:  # two candidates: no telling which, so neither
            taken.add(above[0])
            group = (above[0],) + tuple(group)
        title = max((pieces[i] for i in group), key=lambda p: p.size)
        below = [i for i, p in enumerate(pieces)
                 if i not in taken and is_subtitle_under(p, pieces[group[-1]], title, body)]
        if len(below) == 1:
            taken.add(below[0])
            group = tuple(group) + (below[0],)
        out.append(tuple(group))
    return tuple(out)


def _stack_headings(pieces: Sequence[Piece], body: float) -> Tuple[Tuple[int, ...], ...]:
    order = sorted((i for i, p in enumerate(pieces) if is_heading(p, body)), key=lambda i: (pieces[i].top, pieces[i].x0))
    groups: List[List[int]] = []
    for index in order:
        piece = pieces[index]
        for group in reversed(groups):
            last = pieces[group[-1]]
            gap = piece.top - last.bottom
            if -0.5 * piece.size <= gap <= 1.2 * min(piece.size, last.size) and x_overlap_ratio(piece, last) >= 0.3:
                group.append(index)
                break
        else:
            groups.append([index])
    return tuple(tuple(g) for g in groups)


def name_headline_parts(pieces: Sequence[Piece], groups: Sequence[Sequence[int]],
                        body: PageType = PageType(0.0)) -> Tuple[Piece, ...]:
    """Mark each group's pieces kicker / title / subtitle."""
    named = list(pieces)
    for group in groups:
        title = max(group, key=lambda i: (pieces[i].size, -pieces[i].top))
        for index in group:
            piece = pieces[index]
            if index == title:
                role = "title"
            elif piece.top < pieces[title].top:
                role = "kicker"
            else:
                role = "subtitle"
            named[index] = replace(piece, role=role, heading=True,
                                   evidence=("headline " + ("largest" if index == title else
                                                            "above" if role == "kicker" else "below"),)
                                   + departures(piece, body))
    return tuple(named)


SERIES_WIDTH = 20
"""A series label is short: at most this many of its ems wide."""


def series_signal(piece: Piece, rules: Sequence[Rule], body: PageType) -> str:
    """What marks a short line as a label (栏目) rather than text: colour, reversed type, or a
    rule of its own length under it (it set apart from the body by type too: a column's last
    line over the rule closing its article is text); "" for none. (A label on a band is
    found with the band.)"""
    if len(piece.lines) > 2 or piece.x1 - piece.x0 > SERIES_WIDTH * piece.size:
        return ""
    set_apart = all(emphasised(line, body) for line in piece.lines) or piece.size >= KICKER * body.size
    for rule in rules:  # the surest sign first: a kicker is never underlined so
        if (set_apart and rule.horizontal
                and piece.bottom - 0.2 * piece.size <= rule.y <= piece.bottom + 0.8 * piece.size
                and abs(rule.x0 - piece.x0) <= piece.size
                and rule.x1 - rule.x0 <= (piece.x1 - piece.x0) + 4 * piece.size):
            return "over a short rule"
    if is_coloured(piece.color):
        return "colour"
    if is_light(piece.color):
        return "reversed"
    return ""


def mark_series(pieces: Sequence[Piece], groups: Sequence[Sequence[int]], body: PageType,
                rules: Sequence[Rule]) -> Tuple[Tuple[Piece, ...], Tuple[Tuple[int, ...], ...]]:
    """A short line in colour, reversed or over a short rule, right above a headline: the
    headline's series label. It may be set as large as a kicker, and so have been taken for
    a headline of its own (a label alone in its group, another headline under it) or, over a
    rule, for the kicker of the headline under it. Returns the pieces and the groups left."""
    marked = list(pieces)
    groups = [tuple(g) for g in groups]
    out_groups: List[Tuple[int, ...]] = []
    for k, group in enumerate(groups):
        first = pieces[group[0]] if group else None
        signal = series_signal(first, rules, body) if first is not None else ""
        others = [pieces[g[0]] for j, g in enumerate(groups) if j != k and g]
        if signal and len(group) == 1 and any(_labels_above(first, top, body) for top in others):
            marked[group[0]] = replace(first, role="series", heading=False, evidence=(signal, "headline below"))
            continue
        if signal == "over a short rule" and len(group) > 1 and marked[group[0]].role == "kicker":
            marked[group[0]] = replace(first, role="series", heading=False, evidence=(signal, "headline below"))
            group = group[1:]
        out_groups.append(group)
    taken = {i for g in out_groups for i in g}
    tops = [pieces[g[0]] for g in out_groups if g]
    for index, piece in enumerate(pieces):
        if index in taken or marked[index].role is not None or piece.heading:
            continue
        signal = series_signal(piece, rules, body)
        if signal and any(_labels_above(piece, top, body) for top in tops):
            marked[index] = replace(piece, role="series", evidence=(signal, "headline below"))
    return tuple(marked), tuple(out_groups)


def _labels_above(label: Piece, top: Piece, body: PageType) -> bool:
    return top.top >= label.bottom - 0.2 * label.size and labels(label, top, body.size)


def mark_full_heading_lines(pieces: Sequence[Piece]) -> Tuple[Piece, ...]:
    """Mark the heading lines that fill their article's width (so the break after them is
    a wrap). The width is the region's text measure; a heading with no text under it in its
    region is measured against nothing and keeps every break."""
    extents = {}
    for piece in pieces:
        if piece.region is not None and not piece.heading and piece.role not in ("caption", "series"):
            x0, x1 = extents.get(piece.region, (piece.x0, piece.x1))
            extents[piece.region] = (min(x0, piece.x0), max(x1, piece.x1))
    out = []
    for piece in pieces:
        if piece.heading and len(piece.lines) > 1 and piece.region in extents:
            x0, x1 = extents[piece.region]
            measure = max(x1, piece.x1) - min(x0, piece.x0)
            lines = tuple(replace(line, full=_fills(line, nxt, measure))
                          for line, nxt in zip(piece.lines, piece.lines[1:] + (None,)))
            piece = replace(piece, lines=lines)
        out.append(piece)
    return tuple(out)


def _fills(line, following, measure: float) -> bool:
    """No room for another character; or, with little room left, the next line shorter (the
    rest of a line that did not fit): parallel lines set apart are about the same length."""
    room = measure - (line.x1 - line.x0)
    if room < line.size:
        return True
    narrower = following is not None and (following.x1 - following.x0) < 0.85 * (line.x1 - line.x0)
    return room < 3 * line.size and narrower
