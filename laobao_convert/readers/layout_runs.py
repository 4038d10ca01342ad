"""Columns of text in a `pdftotext -layout` grid: runs of segments set one under another.

A column's lines stand on one column edge, one under another, with no blank row between;
pdftotext may set another frame's rows between them (frames on other baselines are
interleaved), so a column's step between rows is what most of its rows show, and more room
than that above a line parts the run there.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from laobao_convert.layout.paragraphs import NO_LINE_END, NO_LINE_START
from laobao_convert.parse.text import ends_sentence
from laobao_convert.readers.layout_grid import Grid, Segment, edge_of, modal, width


MIN_CHAIN = 3
"""A column's body: this many rows at least, one under another."""
SLACK = 1.0
"""Ems a line may exceed or fall short of its column's measure and still fill it."""


def overlaps(a: Segment, b: Segment, edges: Sequence[int]) -> bool:
    return edge_of(a.col, edges) < b.end and edge_of(b.col, edges) < a.end


def neighbours_below(grid: Grid) -> List[Optional[Tuple[int, int]]]:
    """Per segment: (index of the nearest segment under it that shares its columns, blank rows
    between them), or None."""
    blank = grid.blank()
    segs = grid.segments
    out: List[Optional[Tuple[int, int]]] = []
    for i, s in enumerate(segs):
        found = None
        for j in range(i + 1, len(segs)):
            t = segs[j]
            if t.row > s.row and overlaps(s, t, grid.edges):
                found = (j, sum(1 for r in range(s.row + 1, t.row) if blank[r]))
                break
        out.append(found)
    return out


def chains(grid: Grid, below: Sequence[Optional[Tuple[int, int]]]) -> List[List[int]]:
    """Runs of segments set one under another on one column edge with no blank row between."""
    above: Dict[int, int] = {}
    for i, nb in enumerate(below):
        if nb is not None and nb[1] == 0 and nb[0] not in above:
            s, t = grid.segments[i], grid.segments[nb[0]]
            if edge_of(s.col, grid.edges) == edge_of(t.col, grid.edges):
                above[nb[0]] = i
    nxt = {i: j for j, i in above.items()}
    out = []
    for i in range(len(grid.segments)):
        if i in above:
            continue
        run = [i]
        while run[-1] in nxt:
            run.append(nxt[run[-1]])
        out.append(run)
    return out


@dataclass(frozen=True)
class BodyColumns:
    """The page's columns of body text, as several steps of the reader read them."""

    below: Sequence[Optional[Tuple[int, int]]]
    """Per segment, the line under it in its column (neighbours_below)."""
    runs: Sequence[Sequence[int]]
    measure: Dict[int, float]
    """The width body lines fill, per column edge."""


def body_columns(grid: Grid) -> BodyColumns:
    below = neighbours_below(grid)
    runs = chains(grid, below)
    return BodyColumns(below=below, runs=runs, measure=measures(grid, runs)[0])


def _body_lines(grid: Grid, runs: Sequence[Sequence[int]]):
    """The segments of the runs long enough to be columns of body text."""
    return (grid.segments[i] for run in runs if len(run) >= MIN_CHAIN for i in run)


def measures(grid: Grid, runs: Sequence[Sequence[int]]) -> Tuple[Dict[int, float], float]:
    """The width body lines fill, per column edge, and over the page."""
    per_edge: Dict[int, Counter] = {}
    page: Counter = Counter()
    for s in _body_lines(grid, runs):
        if s.col in grid.edges:
            w = round(width(s.text))
            per_edge.setdefault(s.col, Counter())[w] += 1
            page[w] += 1
    typical = modal(page) if page else 0.0
    return {e: modal(c) for e, c in per_edge.items()}, float(typical)


def full_ends(grid: Grid, runs: Sequence[Sequence[int]]) -> Dict[int, int]:
    """The position body lines end at, per column edge: where most lines of its runs end."""
    per_edge: Dict[int, Counter] = {}
    for s in _body_lines(grid, runs):
        per_edge.setdefault(edge_of(s.col, grid.edges), Counter())[s.end] += 1
    return {e: modal(c) for e, c in per_edge.items()}


def spread_out(line: Segment, full_end: Optional[int]) -> bool:
    """A line holding half-width characters (figures, Latin) that ends where its column's full
    lines end: pdftotext gives every character one position, so the line reached the column's
    right edge only if it was set wider than its characters, justified."""
    return full_end is not None and line.end >= full_end and width(line.text) < len(line.text)


LOCAL_STEPS = 3
"""How many steps under a line show its column's leading there (pdftotext interleaves a
column's rows with another frame's over part of its length only)."""


def spaced_parts(grid: Grid, run: Sequence[int]) -> List[List[int]]:
    """A run cut where its rows stand further apart than the column's step just under them:
    more room above a line than its column's leading (rows of another column set between two
    rows of this one, as pdftotext interleaves frames on other baselines, are its step)."""
    segs = grid.segments
    steps = [segs[b].row - segs[a].row for a, b in zip(run, run[1:])]
    counts = Counter(steps)
    usual = max(counts, key=lambda step: (counts[step], -step)) if steps else 1
    parts = [[run[0]]]
    for k, (i, step) in enumerate(zip(run[1:], steps)):
        local = min(steps[k + 1:k + 1 + LOCAL_STEPS], default=usual)
        if step > local and step > usual:
            parts.append([i])
        else:
            parts[-1].append(i)
    return parts


def running_columns(grid: Grid, runs: Sequence[Sequence[int]]) -> List[Tuple[int, int, int]]:
    """(column edge, first row, last row) of each column of text on the page."""
    segs = grid.segments
    return [(edge_of(segs[run[0]].col, grid.edges), segs[run[0]].row, segs[run[-1]].row)
            for run in runs if len(run) >= MIN_CHAIN]


def host_edge(col: int, edges: Sequence[int]) -> int:
    """The column edge at or left of a position: the column a line starting there stands in."""
    return max((e for e in edges if e <= col), default=col)


def first_unit(text: str) -> float:
    """Ems of the characters a line opens with that could only have ended the line above
    together (禁则): an opening mark with the character it opens, a figure or Latin word
    whole (it is never broken), the punctuation that may not begin a line after it, a
    quotation mark with the characters either side of it. 0 for a single character, which
    the line above was free to take."""
    n = len(text) - len(text.lstrip("".join(NO_LINE_END))) + 1
    while n < len(text) and _unbroken(text[n - 1]) and _unbroken(text[n]):
        n += 1
    while n < len(text) and (text[n] in NO_LINE_START or text[n] in QUOTES or text[n - 1] in QUOTES):
        n += 1
    return width(text[:n]) if n > 1 else 0.0


def _unbroken(ch: str) -> bool:
    """A character of a figure or Latin word (13.2, APP), which no line break parts."""
    return ch.isascii() and (ch.isalnum() or ch == ".")


QUOTES = frozenset("“”‘’")
"""Quotation marks, which a line is not broken before or after."""


def fills(line: Segment, following: Optional[Segment], edge: int, measure: float) -> bool:
    """A line fills its column's measure: it reaches it, or falls short by less than the next
    line's first characters, which could not come up (the line was set justified)."""
    room = measure - (line.col - edge) - width(line.text)
    if room <= SLACK:
        return True
    return following is not None and following.col == edge and room < first_unit(following.text) + BREAK_SLACK


BREAK_SLACK = 0.5
"""Ems a line's room may exceed the characters that could not come up into it."""


CENTRE_SLACK = 1.0
"""Ems the middles of two lines centred on one axis may differ by (pdftotext rounds where
each starts to a whole position)."""


def centred_pairs(grid: Grid, below: Sequence[Optional[Tuple[int, int]]], per_edge: Dict[int, float]
                  ) -> List[Tuple[int, int]]:
    """Two lines one under another, no blank row between, each standing off its column's
    edge and short of its measure, their middles on one axis: one heading centred in two
    lines (a subhead's title over its figure), not two."""
    segs = grid.segments
    out = []
    for i, nb in enumerate(below):
        if nb is None or nb[1]:
            continue
        a, b = segs[i], segs[nb[0]]
        host = host_edge(a.col, grid.edges)
        if host != host_edge(b.col, grid.edges) or host not in per_edge:
            continue
        middles = [s.col - host + width(s.text) / 2 for s in (a, b)]
        if abs(middles[0] - middles[1]) <= CENTRE_SLACK and all(
                _centred(s, host, per_edge[host]) for s in (a, b)):
            out.append((i, nb[0]))
    return out


def _centred(s: Segment, host: int, measure: float) -> bool:
    """Off its column's edge and short of its measure, ending no sentence (a heading carries
    no full stop; an indented first line standing alone ends its paragraph's)."""
    left = s.col - host
    right = measure - left - width(s.text)
    return left >= 1 and right > SLACK and not ends_sentence(s.text)
