"""Across a `pdftotext -layout` page: character positions -> ems from the page's left edge.

pdftotext writes one character per position, whatever its width, but places a column at a
position past every piece of text left of it anywhere on the page: between two columns it
may leave as many positions as a column holds characters. So a position counts one em (a
CJK character's) only inside a column's text; a column edge stands a gutter past the text
of the columns left of it, its lines as wide as they print.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import Collection, Dict, List, Optional, Tuple

from laobao_convert.readers.layout_grid import Grid, modal, width

GUTTER = 3.0
"""Ems of its own type between a column's text and the next column: wider than any gap the
line builder would rejoin as a word space, narrow enough that the layout takes side-by-side
columns for one article's."""


@dataclass(frozen=True)
class Across:
    """Anchor points (position, ems) of a page, positions rising and ems with them."""

    positions: Tuple[int, ...]
    ems: Tuple[float, ...]
    edges: Dict[int, float]
    """The ems each column edge stands at."""

    def at(self, position: float) -> float:
        """Ems a position stands at: between anchors in proportion, past the last one an em
        per position."""
        k = bisect_right(self.positions, position) - 1
        if k < 0:
            return float(position)
        p0, x0 = self.positions[k], self.ems[k]
        if k + 1 == len(self.positions):
            return x0 + (position - p0)
        p1, x1 = self.positions[k + 1], self.ems[k + 1]
        return x0 + (position - p0) * (x1 - x0) / (p1 - p0)


def across(grid: Grid, apart: Collection[int] = (), gutters: Optional[Dict[int, float]] = None) -> Across:
    """Each column edge a gutter past the text of every column left of it whose lines it
    starts beyond, and past every line ending left of it (a byline set smaller than the
    body, its characters wider than the column's); an edge inside a column's text (a box's)
    stands where its position says within that text. A column's text runs from its edge its
    lines' most common length in positions to their most common width in ems. The segments
    `apart` (indices) push no edge; `gutters` gives the edges whose gutter is wider (ems)."""
    gutters = gutters or {}
    lengths: Dict[int, Counter] = {e: Counter() for e in grid.edges}
    widths: Dict[int, Counter] = {e: Counter() for e in grid.edges}
    for s in grid.segments:
        if s.col in lengths:
            lengths[s.col][len(s.text)] += 1
            widths[s.col][width(s.text)] += 1
    text = {e: (modal(lengths[e]) if lengths[e] else 0, modal(widths[e]) if widths[e] else 0) for e in grid.edges}
    place = Across((), (), {})
    for edge in grid.edges:
        # Left of every column, a position is an em.
        x = float(edge) if not place.edges else 0.0
        gutter = gutters.get(edge, GUTTER)
        for left, left_x in place.edges.items():
            length, ems = text[left]
            x = max(x, left_x + ems + gutter if edge >= left + length else left_x + (edge - left))
        for i, s in enumerate(grid.segments):
            if s.end <= edge and i not in apart:
                x = max(x, place.at(s.col) + width(s.text) + gutter)
        place = _with_edge(place, edge, x, text[edge])
    return place


def _with_edge(place: Across, edge: int, x: float, text: Tuple[int, float]) -> Across:
    """`place` with a column edge at `x` ems whose text runs `text` (positions, ems) on,
    anchors kept rising."""
    positions: List[int] = []
    ems_at: List[float] = []
    anchors = [*zip(place.positions, place.ems), (edge, x), (edge + text[0], x + text[1])]
    for position, at in sorted(anchors):
        if positions and (position <= positions[-1] or at <= ems_at[-1]):
            continue
        positions.append(position)
        ems_at.append(at)
    return Across(tuple(positions), tuple(ems_at), {**place.edges, edge: x})
