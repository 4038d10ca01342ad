"""Lines -> pieces: lines stacked in one column with the leading of one text frame.

A line joins the piece right above it when they overlap horizontally, share a type size and
follow at normal leading, with no rule or picture between them.
"""

from __future__ import annotations

from dataclasses import replace
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


def line_gap(pieces: Sequence[Piece], body: float) -> float:
    """The page's usual blank space between two lines of one body piece."""
    gaps = sorted(b.top - a.bottom for p in pieces if abs(p.size - body) <= 0.05 * body
                  for a, b in zip(p.lines, p.lines[1:]))
    return gaps[len(gaps) // 2] if gaps else 0.5 * body


def join_run_over_lines(pieces: Sequence[Piece], body: float) -> Tuple[Piece, ...]:
    """A piece's first line and a short first line just across the gutter on its baseline,
    both set apart from the lines under them by more than the page's leading, are one line
    that ran past its column: a byline or dateline set across the top of an article
    (本报记者 林晓 通讯员 | 周南), cut where its word space met the gutter."""
    if body <= 0:
        return tuple(pieces)
    gap = line_gap(pieces, body)
    out = list(pieces)
    gone = set()
    shorts = [j for j, b in enumerate(out) if len(b.lines[0].text) <= 6]
    for i in range(len(out)):
        a = out[i]
        if i in gone:
            continue
        for j in shorts:
            b = out[j]
            la, lb = a.lines[0], b.lines[0]
            if j == i or j in gone or not (same_size(la.size, lb.size) and abs(la.top - lb.top) <= 0.2 * la.size
                                           and 0.3 * la.size <= lb.x0 - la.x1 <= 1.6 * la.size):
                continue
            if not (_first_set_apart(a, out, gap) and _first_set_apart(b, out, gap)):
                continue
            joined = replace(la, text=la.text + " " + lb.text, x1=lb.x1, top=min(la.top, lb.top),
                             bottom=max(la.bottom, lb.bottom))
            out[i] = replace(a, lines=(joined,) + a.lines[1:])
            if len(b.lines) > 1:
                out[j] = replace(b, lines=b.lines[1:])
            else:
                gone.add(j)
            break
    return tuple(p for k, p in enumerate(out) if k not in gone)


def _first_set_apart(piece: Piece, pieces: Sequence[Piece], gap: float) -> bool:
    """The piece's first line stands apart from what follows it in its column: more than
    the page's leading down to its next line, or to anything under it."""
    line = piece.lines[0]
    if len(piece.lines) > 1:
        return piece.lines[1].top - line.bottom > 1.5 * gap
    for other in pieces:
        if other is piece or overlap(other.x0, other.x1, line.x0, line.x1) <= 0:
            continue
        if line.bottom - 0.5 <= other.top <= line.bottom + 1.5 * gap:
            return False
    return True
