"""Paragraph edges: a first line indented about two characters starts a paragraph; a last line
that stops short of the column's right edge ends one.

Body pieces are cut at paragraph boundaries (and where a bold line meets a plain one), so each
block starts or continues a paragraph exactly as its flags say, and a paragraph cut by a
column break shows as a block that does not end followed by one that does not start.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import List, Optional, Sequence, Tuple

from laobao_convert.layout.geometry import Piece, TextLine

INDENT = 1.0
"""A first line starting at least this many ems right of the column edge is indented."""
SHORT = 1.0
"""A line ending at least this many ems short of the column's right edge is a last line."""
STRETCH = 0.04
"""A line whose glyphs stand this many ems further apart than the page's natural spacing was
stretched to fill its column: justified, so not a paragraph's last line, however short (a
line break moved a character that may not start a line, and the rest could not fill it)."""


NO_LINE_START = frozenset("，。、；：？！）》」』”’〕】…—%,.;:?!)")
"""Punctuation that may not begin a line (禁则): a character followed by one of these moves to
the next line together with it, leaving up to two ems of room at the end of a full line."""


NO_LINE_END = frozenset("“‘（《「『【〔([")
"""Opening punctuation, which may not end a line: it goes down with the character after it."""


def unbreakable_start(text: str) -> int:
    """How many characters at the start of a line could only have come up to the line above
    together: the first, the punctuation that may not begin a line after it, and an opening
    mark with the character it opens (调，“要…: four). 1 where any character may begin."""
    n = 1
    while n < len(text) and text[n] in NO_LINE_START:
        n += 1
    if n > 1 and n < len(text) and text[n] in NO_LINE_END:
        while n < len(text) and text[n] in NO_LINE_END:
            n += 1
        n += 1
    return min(n, len(text)) if n > 1 else 1


def natural_spacing(pieces: Sequence[Piece], body: float) -> float:
    """The page's usual gap between body glyphs: what a line set without stretching shows."""
    gaps = sorted(line.spacing for piece in pieces for line in piece.lines
                  if abs(line.size - body) <= 0.05 * body and len(line.text) >= 4)
    return gaps[len(gaps) // 2] if gaps else 0.0


def is_indented(line: TextLine, left: float) -> bool:
    return line.x0 - left >= INDENT * line.size


def is_short(line: TextLine, right: float, following: Optional[TextLine] = None,
             natural: Optional[float] = None) -> bool:
    """The line stops short of the right edge by more than the next line's first word would
    have needed (one em for CJK, where any character may begin a line), and was not stretched
    towards it."""
    room = right - line.x1
    if room < SHORT * line.size:
        return False
    if natural is not None and line.spacing > natural + STRETCH * line.size:
        return False
    if following is None or not following.text:
        return line.text[-1:].isascii() is False or room >= 3 * line.size
    unit = unbreakable_start(following.text)
    if unit > 1 and room < (unit + 0.5) * line.size:
        return False  # the next line's first characters could only come up together
    word = following.text.split(" ", 1)[0]
    if word.isascii() and len(word) > 1:
        share = len(word) / max(len(following.text), 1)
        return room >= share * (following.x1 - following.x0) + 0.3 * following.size
    return True


def local_lefts(lines: Sequence[TextLine], left: float) -> List[float]:
    """The edge each line's indent is measured from: the nearer start of its neighbours.

    Measuring against the neighbours rather than the piece's leftmost line keeps text set
    around a picture (every line starting further right for a while) from reading as a run of
    indented first lines.
    """
    if len(lines) == 1:
        return [left]
    lefts = []
    for i in range(len(lines)):
        near = [lines[j].x0 for j in (i - 1, i + 1) if 0 <= j < len(lines)]
        lefts.append(min(near))
    return lefts


def split_paragraphs(piece: Piece, left: float, right: float, natural: Optional[float] = None) -> Tuple[Piece, ...]:
    """Cut one body piece at paragraph boundaries and set its pieces' edge flags."""
    lefts = local_lefts(piece.lines, left)
    indented = [line.initial or is_indented(line, edge) for line, edge in zip(piece.lines, lefts)]
    runs: List[List[int]] = []
    for i, line in enumerate(piece.lines):
        if runs:
            previous = piece.lines[runs[-1][-1]]
            # Lines of a bold run (a two-line subhead, centred) stay together.
            together = previous.bold and line.bold
            if together or not (indented[i] or is_short(previous, right, line, natural) or previous.bold != line.bold):
                runs[-1].append(i)
                continue
        runs.append([i])
    return tuple(
        replace(
            piece,
            lines=tuple(piece.lines[i] for i in run),
            starts_paragraph=indented[run[0]],
            ends_paragraph=is_short(
                piece.lines[run[-1]], right, piece.lines[run[-1] + 1] if run[-1] + 1 < len(piece.lines) else None,
                natural,
            ),
        )
        for run in runs
    )


HANG = 1.2
"""Ems a line may reach past its column's edge with the punctuation hung there."""


def edges_for(piece: Piece, columns: Sequence[Tuple[float, float]]) -> Tuple[float, float]:
    """The column edges a piece's lines are measured against.

    The right edge is where most of its lines end (not the furthest: a full stop may hang
    past the edge); a piece with too few lines to tell, or with indented or short lines
    only, takes the edge of the page's column it sits in.
    """
    left = piece.x0
    ends = Counter(round(line.x1) for line in piece.lines)
    right, count = max(ends.items(), key=lambda item: (item[1], item[0]))
    if count < 2:
        right = piece.x1
    if piece.column is not None and piece.column < len(columns):
        col_left, col_right = columns[piece.column]
        if 0 <= left - col_left <= 3 * piece.size:
            left = col_left
        # A mark hung past the edge (行末标点悬挂) is no wider than a character.
        if count < 2 and piece.x1 <= col_right + HANG * piece.size:
            right = col_right
    return left, right


def mark_paragraphs(pieces: Sequence[Piece], columns: Sequence[Tuple[float, float]], body: float) -> Tuple[Piece, ...]:
    """Split body pieces into paragraph pieces; multi-line plain body-size ones get role body."""
    out: List[Piece] = []
    natural = natural_spacing(pieces, body)
    for piece in pieces:
        if piece.role is not None or piece.heading:
            out.append(piece)
            continue
        if abs(piece.size - body) > 0.05 * body:
            # Not body type (a subhead, byline or note set apart): kept whole, edges unknown.
            out.append(piece)
            continue
        left, right = edges_for(piece, columns)
        for part in split_paragraphs(piece, left, right, natural):
            role = body_role(part, body)
            out.append(replace(part, role=role, evidence=("body type running on",) if role else ()))
    return close_before_subheads(out, body)


def close_before_subheads(pieces: Sequence[Piece], body: float) -> Tuple[Piece, ...]:
    """A paragraph never runs on past a heading set in its column: a body piece directly
    above a bold or larger single line (a subhead) ends its paragraph there, even when its
    last line happens to fill the column."""
    out = list(pieces)
    for i in range(len(out) - 1):
        piece, after = out[i], out[i + 1]
        if piece.ends_paragraph is not False or after.role is not None or len(after.lines) > 2:
            continue
        set_apart = all(l.bold for l in after.lines) or after.size > body * 1.05
        same_column = after.region == piece.region and after.column == piece.column
        if set_apart and same_column and 0 <= after.top - piece.bottom <= 2 * after.size:
            out[i] = replace(piece, ends_paragraph=True)
    return tuple(out)


def body_role(piece: Piece, body: float) -> Optional[str]:
    """Only plain body type running on is certainly body text: two or more lines, or one line
    reaching the column's edge (a paragraph going on past it). A single short line may be a
    byline, subhead or jump line, which only the words can tell."""
    if any(l.bold for l in piece.lines) or abs(piece.size - body) > 0.05 * body:
        return None
    if len(piece.lines) >= 2 or piece.ends_paragraph is False:
        return "body"
    return None
