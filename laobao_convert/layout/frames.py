"""Pictures and frames: which drawn rectangles are photos and which are boxes around text.

A rectangle with text inside is a frame (a 导读 box, a notice, a boxed series label, or a framed
article); one without is a picture or an image box, which captions sit under or beside
(laobao_convert.layout.captions binds them).
"""

from __future__ import annotations

from dataclasses import replace
from typing import List, Sequence, Tuple

from laobao_convert.layout.geometry import Picture, Piece, TextLine

MIN_PICTURE = 2.0
"""Rectangles smaller than this many body ems either way are ornaments, not pictures."""
ARTICLE_LINES = 3
"""A frame holding a headline and a run of this many body lines is a framed article; one
holding only short items under its heading (导读, 要目) is a box."""
SERIES_REACH = 40
"""A boxed series label may sit this many body ems left of its headline."""
SERIES_LINES = 2
"""A series label in a narrow article's band may wrap once."""
MAX_FRAME = 0.5
"""A rectangle covering more of the page than this is a background, not a box."""


def inside(box, picture: Picture, slack: float = 1.0) -> bool:
    cx, cy = (box.x0 + box.x1) / 2, (box.top + box.bottom) / 2
    return picture.x0 - slack <= cx <= picture.x1 + slack and picture.top - slack <= cy <= picture.bottom + slack


def classify_pictures(
    pictures: Sequence[Picture], lines: Sequence[TextLine], body: float, width: float, height: float
) -> Tuple[Picture, ...]:
    """Drop ornaments and backgrounds; mark rectangles holding text as frames."""
    kept: List[Picture] = []
    seen = set()
    for picture in pictures:
        w, h = picture.x1 - picture.x0, picture.bottom - picture.top
        if w * h > MAX_FRAME * width * height:
            continue
        key = (round(picture.x0), round(picture.top), round(picture.x1), round(picture.bottom))
        if key in seen:  # fill and stroke drawn as two rectangles
            continue
        framed = any(inside(line, picture) for line in lines)
        # A small rectangle is an ornament unless text is set on it: a series label's band
        # is only a little taller than its line.
        if (w < MIN_PICTURE * body or h < MIN_PICTURE * body) and not framed:
            continue
        seen.add(key)
        kept.append(replace(picture, framed=framed))
    kept.sort(key=lambda p: (p.top, p.x0))
    return tuple(kept)


def frame_members(pieces: Sequence[Piece], frame: Picture) -> Tuple[int, ...]:
    return tuple(i for i, p in enumerate(pieces) if p.role not in ("masthead", "header", "footer") and inside(p, frame))


def mark_boxes(pieces: Sequence[Piece], pictures: Sequence[Picture], body: float) -> Tuple[Tuple[Piece, ...], Tuple[Picture, ...]]:
    """Give 'box' (or 'series') to text inside frames that hold no headline.

    A frame around a headline and body text is a framed article: its outline is returned to bound the
    article's region instead. A frame around one short line right above a headline is a boxed
    series label.
    """
    marked = list(pieces)
    article_frames: List[Picture] = []
    for frame in (p for p in pictures if p.framed):
        members = frame_members(marked, frame)
        if not members:
            continue
        if any(marked[i].role == "title" for i in members) and any(
            abs(marked[i].size - body) <= 0.12 * body and full_lines(marked[i]) >= ARTICLE_LINES for i in members
        ):
            article_frames.append(frame)
            continue
        if len(members) == 1 and len(marked[members[0]].lines) <= SERIES_LINES and _headline_below(marked, frame, body):
            marked[members[0]] = replace(marked[members[0]], role="series",
                                         evidence=("on a band" if frame.fill is not None else "framed", "headline below"))
            continue
        for i in members:
            if marked[i].role in (None, "kicker", "title", "subtitle"):
                marked[i] = replace(marked[i], role="box", heading=False, evidence=("in a frame without an article",))
    return tuple(marked), tuple(article_frames)


def full_lines(piece: Piece) -> int:
    """Lines that fill the piece's width, as a paragraph's lines do (justified, both edges
    met); a notice's centred lines and a 导读 box's items leave their ends ragged."""
    slack = 0.5 * piece.size
    return sum(1 for line in piece.lines if line.x1 >= piece.x1 - slack and line.x0 <= piece.x0 + 2.5 * piece.size)


def _headline_below(pieces: Sequence[Piece], frame: Picture, body: float) -> bool:
    """A headline starts just below the frame, or level with it a little to its right."""
    return any(piece.role in ("kicker", "title") and labels(frame, piece, body) for piece in pieces)


def labels(label, headline, body: float) -> bool:
    """`label` (a series label or its frame) sits where a series label of `headline` sits."""
    if not (label.top - body <= headline.top <= label.bottom + 2.5 * body):
        return False
    return headline.x1 > label.x0 and headline.x0 - label.x1 <= SERIES_REACH * body
