"""The page's column grid, found from where body lines start, and each piece's column."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import replace
from typing import List, Sequence, Tuple

from laobao_convert.layout.geometry import Piece, TextLine


def body_size(lines: Sequence[TextLine]) -> float:
    """The type size covering most of the page (characters weighted by their area, so a page
    where small footnotes outnumber the text's own characters still finds the text's size;
    ties: the smaller)."""
    counts: Counter = Counter()
    for line in lines:
        counts[round(line.size * 2) / 2] += len(line.text) * line.size * line.size
    if not counts:
        return 0.0
    return max(counts.items(), key=lambda item: (item[1], -item[0]))[0]


def column_starts(lines: Sequence[TextLine], size: float) -> Tuple[float, ...]:
    """Left edges of the page's columns, left to right.

    Body lines are clustered by where they start (within 2.5 ems, so indented first lines
    join their column). A cluster starting inside the previous column's width (a centred
    subhead, a right-aligned jump line) is not a column; one starting past it is, even with a
    single line in it (the short last column of an article).
    """
    if size <= 0:
        return ()
    body = sorted((line for line in lines if abs(line.size - size) <= 0.12 * size), key=lambda l: l.x0)
    clusters: List[List[TextLine]] = []
    for line in body:
        if clusters and line.x0 - clusters[-1][0].x0 <= 2.5 * size:
            clusters[-1].append(line)
        else:
            clusters.append([line])
    starts: List[float] = []
    right = None
    for cluster in clusters:
        if right is not None and cluster[0].x0 < right - 0.5 * size:
            continue
        starts.append(cluster[0].x0)
        ends = Counter(round(line.x1) for line in cluster)
        right = max(ends.items(), key=lambda item: (item[1], item[0]))[0]
    return tuple(starts)


def column_of(x0: float, starts: Sequence[float], size: float) -> int:
    """Index of the column a box starting at x0 belongs to (0 when left of every column)."""
    return max(0, bisect_right(starts, x0 + size) - 1)


def assign_columns(pieces: Sequence[Piece], starts: Sequence[float], size: float) -> Tuple[Piece, ...]:
    return tuple(replace(p, column=column_of(p.x0, starts, size)) for p in pieces)


def column_edges(lines: Sequence[TextLine], starts: Sequence[float], size: float) -> Tuple[Tuple[float, float], ...]:
    """(left, right) of each column: its start and the right edge most of its body lines reach.

    A column with too few lines to show its width (an article's one-line last column) is
    given the page's most common column width.
    """
    rights: List[Counter] = [Counter() for _ in starts]
    for line in lines:
        if starts and abs(line.size - size) <= 0.12 * size:
            rights[column_of(line.x0, starts, size)][round(line.x1)] += 1
    widths: Counter = Counter()
    for left, counter in zip(starts, rights):
        if sum(counter.values()) >= 3:
            widths[max(counter.items(), key=lambda item: (item[1], item[0]))[0] - round(left)] += 1
    typical = max(widths.items(), key=lambda item: (item[1], item[0]))[0] if widths else None
    edges = []
    for left, counter in zip(starts, rights):
        if sum(counter.values()) >= 3 or (typical is None and counter):
            right = float(max(counter.items(), key=lambda item: (item[1], item[0]))[0])
        elif typical is not None:
            right = float(round(left) + typical)
        else:
            right = left
        edges.append((left, right))
    return tuple(edges)
