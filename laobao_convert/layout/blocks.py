"""Lines -> pieces: lines stacked in one column with the leading of one text frame.

A line joins the piece right above it when they overlap horizontally, share a type size and
follow at normal leading, with no rule or picture between them.
"""

from __future__ import annotations

from typing import List, Sequence, Tuple

from laobao_convert.layout.geometry import Picture, Piece, Rule, TextLine, overlap

MAX_LEADING = 1.0
"""Blank space between two lines of one piece, at most, in ems of their type."""
SAME_SIZE = 0.04
"""Sizes differing by less than this share are one type size (a subhead one point larger
than the body is not)."""


def same_size(a: float, b: float) -> bool:
    return abs(a - b) <= SAME_SIZE * max(a, b)


def separated(upper: TextLine, lower: TextLine, rules: Sequence[Rule], pictures: Sequence[Picture]) -> bool:
    """A horizontal rule or a picture lies between two lines."""
    x0, x1 = max(upper.x0, lower.x0), min(upper.x1, lower.x1)
    for rule in rules:
        if rule.horizontal and upper.bottom - 1 <= rule.y <= lower.top + 1 and overlap(rule.x0, rule.x1, x0, x1) > 0:
            return True
    for picture in pictures:
        if not picture.framed and upper.bottom - 1 <= picture.top and picture.bottom <= lower.top + 1:
            if overlap(picture.x0, picture.x1, x0, x1) > 0:
                return True
    return False


def fits_under(upper: TextLine, lower: TextLine, span: Tuple[float, float] = None) -> bool:
    """`lower` can follow `upper` in one piece; `span` is the piece's horizontal extent so far
    (a right-aligned credit line under a short last line still belongs)."""
    if not same_size(upper.size, lower.size):
        return False
    gap = lower.top - upper.bottom
    if gap < -0.3 * lower.size or gap > MAX_LEADING * lower.size:
        return False
    x0, x1 = span if span is not None else (upper.x0, upper.x1)
    narrower = min(x1 - x0, lower.x1 - lower.x0)
    return narrower > 0 and overlap(x0, x1, lower.x0, lower.x1) >= 0.5 * narrower


def build_pieces(
    lines: Sequence[TextLine], rules: Sequence[Rule] = (), pictures: Sequence[Picture] = ()
) -> Tuple[Piece, ...]:
    """Stack lines (sorted top to bottom) into pieces; pieces come out sorted by their top."""
    # Each open piece: [lines, left, right] (its horizontal extent so far).
    open_pieces: List[list] = []
    done: List[List[TextLine]] = []
    for line in sorted(lines, key=lambda l: (l.top, l.x0)):
        still_open = []
        for piece in open_pieces:
            # A piece whose last line is far above can take no more lines.
            last = piece[0][-1]
            if line.top - last.bottom > 3 * max(line.size, last.size):
                done.append(piece[0])
            else:
                still_open.append(piece)
        open_pieces = still_open
        best = None
        for piece in open_pieces:
            last = piece[0][-1]
            if fits_under(last, line, (piece[1], piece[2])) and not separated(last, line, rules, pictures):
                if best is None or last.bottom > best[0][-1].bottom:
                    best = piece
        if best is not None:
            best[0].append(line)
            best[1], best[2] = min(best[1], line.x0), max(best[2], line.x1)
        else:
            open_pieces.append([[line], line.x0, line.x1])
    done.extend(piece[0] for piece in open_pieces)
    pieces = [Piece(lines=tuple(piece)) for piece in done]
    pieces.sort(key=lambda p: (p.top, p.x0))
    return tuple(pieces)
