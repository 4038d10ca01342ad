"""Pictures and frames: which drawn rectangles are photos and which are boxes around text.

A rectangle with text inside is a frame (a 导读 box, a notice, a boxed series label, or a framed
article); one without is a picture or an image box, which captions sit under or beside.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Dict, List, Sequence, Tuple

from laobao_convert.layout.geometry import Picture, Piece, TextLine

MIN_PICTURE = 2.0
"""Rectangles smaller than this many body ems either way are ornaments, not pictures."""
ARTICLE_LINES = 3
"""A frame holding a headline and a run of this many body lines is a framed article; one
holding only short items under its heading (导读, 要目) is a box."""
SERIES_REACH = 40
"""A boxed series label may sit this many body ems left of its headline."""
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
        if w < MIN_PICTURE * body or h < MIN_PICTURE * body or w * h > MAX_FRAME * width * height:
            continue
        key = (round(picture.x0), round(picture.top), round(picture.x1), round(picture.bottom))
        if key in seen:  # fill and stroke drawn as two rectangles
            continue
        seen.add(key)
        framed = any(inside(line, picture) for line in lines)
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
            len(marked[i].lines) >= ARTICLE_LINES and abs(marked[i].size - body) <= 0.12 * body for i in members
        ):
            article_frames.append(frame)
            continue
        if len(members) == 1 and len(marked[members[0]].lines) == 1 and _headline_below(marked, frame, body):
            marked[members[0]] = replace(marked[members[0]], role="series")
            continue
        for i in members:
            if marked[i].role in (None, "kicker", "title", "subtitle"):
                marked[i] = replace(marked[i], role="box", heading=False)
    return tuple(marked), tuple(article_frames)


def _headline_below(pieces: Sequence[Piece], frame: Picture, body: float) -> bool:
    """A headline starts just below the frame, or level with it a little to its right."""
    return any(piece.role in ("kicker", "title") and labels(frame, piece, body) for piece in pieces)


def labels(label, headline, body: float) -> bool:
    """`label` (a series label or its frame) sits where a series label of `headline` sits."""
    if not (label.top - body <= headline.top <= label.bottom + 2.5 * body):
        return False
    return headline.x1 > label.x0 and headline.x0 - label.x1 <= SERIES_REACH * body


def merge_captions(
    pieces: Sequence[Piece], pairs: Sequence[Tuple[int, int]]
) -> Tuple[Tuple[Piece, ...], Tuple[Tuple[int, int], ...], Dict[int, int]]:
    """One caption per picture: its pieces (text, then a credit line set apart) joined top to
    bottom, so a credit is never read as a caption of its own. Also returns where each kept
    piece's index moved."""
    by_picture = {}
    for piece_index, picture_index in pairs:
        by_picture.setdefault(picture_index, []).append(piece_index)
    drop = set()
    merged = list(pieces)
    new_pairs = []
    for picture_index, indexes in sorted(by_picture.items()):
        indexes.sort(key=lambda i: (pieces[i].top, pieces[i].x0))
        groups = [[indexes[0]]]
        for i in indexes[1:]:
            last = pieces[groups[-1][-1]]
            if pieces[i].top - last.bottom <= 1.5 * pieces[i].size:
                groups[-1].append(i)
            else:
                groups.append([i])
        for group in groups:
            lines = tuple(line for i in group for line in pieces[i].lines)
            merged[group[0]] = replace(pieces[group[0]], lines=lines)
            drop.update(group[1:])
            new_pairs.append((group[0], picture_index))
    keep = [i for i in range(len(merged)) if i not in drop]
    renumber = {old: new for new, old in enumerate(keep)}
    return tuple(merged[i] for i in keep), tuple((renumber[a], b) for a, b in new_pairs), renumber


def mark_captions(
    pieces: Sequence[Piece], pictures: Sequence[Picture], body: float
) -> Tuple[Tuple[Piece, ...], Tuple[Tuple[int, int], ...], Dict[int, int]]:
    """Small type under or beside a picture is its caption; returns the pieces, (piece,
    picture) pairs, and where each piece's index moved (captions of one picture are merged)."""
    marked = list(pieces)
    pairs = []
    under = set()
    photos = [p for p in pictures if not p.framed]
    for index, piece in enumerate(pieces):
        if piece.role is not None or piece.size >= 0.95 * body:
            continue
        for photo in photos:
            if _under(piece, photo):
                under.add(index)
            if index in under or _beside(piece, photo):
                marked[index] = replace(piece, role="caption")
                pairs.append((index, pictures.index(photo)))
                break
    # A caption's second piece (a credit line set apart) goes with the piece above it, even
    # when it also sits beside another photo.
    for position, (index, picture_index) in enumerate(pairs):
        piece = marked[index]
        if index in under:
            continue  # right under its own photo: that is its photo
        for other_index, other_picture in pairs:
            other = marked[other_index]
            if other_index == index or other_picture == picture_index:
                continue
            if 0 <= piece.top - other.bottom <= 1.5 * piece.size and piece.x0 < other.x1 and other.x0 < piece.x1:
                pairs[position] = (index, other_picture)
                break
    # Credit lines right under a caption belong to it even when they are not under the photo.
    for index, piece in enumerate(marked):
        if piece.role is not None or piece.size >= 0.95 * body:
            continue
        for caption_index, picture_index in list(pairs):
            caption = marked[caption_index]
            if 0 <= piece.top - caption.bottom <= 1.5 * piece.size and abs(piece.size - caption.size) <= 0.1 * piece.size:
                if piece.x0 < caption.x1 + 3 * piece.size and caption.x0 < piece.x1 + 3 * piece.size:
                    marked[index] = replace(piece, role="caption")
                    pairs.append((index, picture_index))
                    break
    return merge_captions(marked, pairs)


def _under(piece: Piece, photo: Picture) -> bool:
    gap = piece.top - photo.bottom
    width = min(piece.x1 - piece.x0, photo.x1 - photo.x0)
    shared = min(piece.x1, photo.x1) - max(piece.x0, photo.x0)
    return -piece.size <= gap <= 3 * piece.size and width > 0 and shared >= 0.5 * width


def _beside(piece: Piece, photo: Picture) -> bool:
    gap = max(piece.x0 - photo.x1, photo.x0 - piece.x1)
    shared = min(piece.bottom, photo.bottom) - max(piece.top, photo.top)
    return -piece.size <= gap <= 3 * piece.size and shared >= 0.5 * (piece.bottom - piece.top)
