"""Reading order from geometry: furniture, then regions in page order, columns left to right
within a region, lines top to bottom; the footer last.

Regions are read top to bottom; regions whose tops lie within a few body lines of each other
sit side by side and are read left to right.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Dict, List, Sequence, Tuple

from laobao_convert.layout.geometry import Piece

SIDE_BY_SIDE = 3.0
"""Regions whose tops differ by less than this many body ems are read left to right."""


def order_regions(anchors: Dict[int, Tuple[float, float]], body: float) -> List[int]:
    """Region numbers in reading order, from each region's (top, left)."""
    by_top = sorted(anchors, key=lambda r: (anchors[r][0], anchors[r][1]))
    ordered: List[int] = []
    row: List[int] = []
    for region in by_top:
        if row and anchors[region][0] - anchors[row[0]][0] > SIDE_BY_SIDE * body:
            ordered.extend(sorted(row, key=lambda r: (anchors[r][1], anchors[r][0])))
            row = []
        row.append(region)
    ordered.extend(sorted(row, key=lambda r: (anchors[r][1], anchors[r][0])))
    return ordered


def within_region(pieces: Sequence[Piece], members: Sequence[int]) -> List[int]:
    """Headline first (top to bottom), then column by column, each top to bottom."""
    head = [i for i in members if pieces[i].role in ("series", "kicker", "title", "subtitle")]
    rest = [i for i in members if i not in head]
    head.sort(key=lambda i: (pieces[i].top, pieces[i].x0))
    rest.sort(key=lambda i: (pieces[i].column or 0, pieces[i].top, pieces[i].x0))
    return head + rest


def reading_order(pieces: Sequence[Piece], of_piece: Dict[int, int], body: float) -> Tuple[Piece, ...]:
    """All pieces in reading order; `region` renumbered 0.. in that order (boxes get None)."""
    members: Dict[int, List[int]] = {}
    for index, region in of_piece.items():
        members.setdefault(region, []).append(index)
    anchors = {
        region: (min(pieces[i].top for i in idx), min(pieces[i].x0 for i in idx)) for region, idx in members.items()
    }
    by_position = lambda i: (pieces[i].top, pieces[i].x0)  # noqa: E731
    out: List[Piece] = []
    # The masthead is read top to bottom; a header is one band, read left to right.
    out.extend(pieces[i] for i in sorted((i for i, p in enumerate(pieces) if p.role == "masthead"), key=by_position))
    across = lambda i: (pieces[i].x0, pieces[i].top)  # noqa: E731
    out.extend(pieces[i] for i in sorted((i for i, p in enumerate(pieces) if p.role == "header"), key=across))
    number = 0
    for region in order_regions(anchors, body):
        indexes = within_region(pieces, members[region])
        is_box = all(pieces[i].role == "box" for i in indexes)
        for i in indexes:
            out.append(replace(pieces[i], region=None if is_box else number))
        if not is_box:
            number += 1
    out.extend(pieces[i] for i in sorted((i for i, p in enumerate(pieces) if p.role == "footer"), key=by_position))
    # Anything no rule placed (should not happen) is kept, never dropped.
    out.extend(p for i, p in enumerate(pieces) if i not in of_piece and p.role not in ("masthead", "header", "footer"))
    return tuple(out)
