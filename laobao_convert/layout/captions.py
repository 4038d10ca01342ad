"""Captions: the small type directly under or beside one picture, bound to that picture.

Each caption frame is bound to exactly one picture and stays a block of its own: a frame under
a picture is its caption; a frame beside pictures goes to the nearest one no rule walls off,
preferring a picture that has no caption yet (a picture has one caption frame; the frame
between two pictures is the one whose own caption is missing). Pieces of one frame (its text
and a credit line set apart) are joined only where one runs on from the other in one measure,
with no rule between, so two frames never run together even when they sit close.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Dict, List, Optional, Sequence, Tuple

from laobao_convert.layout.geometry import Picture, Piece, Rule, overlap

SMALL = 0.95
"""Type smaller than this share of the body size may be a caption."""
REACH = 3.0
"""A caption sits within this many of its own ems of its picture."""
CONTINUES = 1.5
"""A piece starting within this many of its ems under a caption piece continues it."""


def walled(a, b, rules: Sequence[Rule]) -> bool:
    """A rule stands in the gap between two boxes, reaching along the facing sides of both."""
    for rule in rules:
        if rule.horizontal:
            upper, lower = (a, b) if a.top <= b.top else (b, a)
            between = upper.bottom - 1 <= rule.y <= lower.top + 1
            along = all(overlap(rule.x0, rule.x1, box.x0, box.x1) > 0 for box in (a, b))
        else:
            left, right = (a, b) if a.x0 <= b.x0 else (b, a)
            between = left.x1 - 1 <= rule.x <= right.x0 + 1
            along = all(overlap(rule.top, rule.bottom, box.top, box.bottom) > 0 for box in (a, b))
        if between and along:
            return True
    return False


def under_gap(piece: Piece, photo: Picture) -> Optional[float]:
    """How far under the picture the piece starts, when it sits there as a caption; else None."""
    gap = piece.top - photo.bottom
    width = min(piece.x1 - piece.x0, photo.x1 - photo.x0)
    shared = min(piece.x1, photo.x1) - max(piece.x0, photo.x0)
    if -piece.size <= gap <= REACH * piece.size and width > 0 and shared >= 0.5 * width:
        return max(gap, 0.0)
    return None


def beside_gap(piece: Piece, photo: Picture) -> Optional[float]:
    """How far left or right of the picture the piece sits, level with it; else None."""
    gap = max(piece.x0 - photo.x1, photo.x0 - piece.x1)
    shared = min(piece.bottom, photo.bottom) - max(piece.top, photo.top)
    if -piece.size <= gap <= REACH * piece.size and shared >= 0.5 * (piece.bottom - piece.top):
        return max(gap, 0.0)
    return None


def continues(upper: Piece, lower: Piece, rules: Sequence[Rule], photo: Optional[Picture] = None) -> bool:
    """`lower` is the next piece of `upper`'s frame, in the same type: right under it in its
    measure, or level with it in the next column over (a caption set in columns).

    A frame's measure is its column, or the width of the picture it sits under: a credit set
    flush right under one short line of text shares no width with that line.
    """
    if walled(upper, lower, rules) or abs(upper.size - lower.size) > 0.1 * lower.size:
        return False
    stacked = -0.5 * lower.size <= lower.top - upper.bottom <= CONTINUES * lower.size
    if stacked and one_measure(upper, lower, photo):
        return True
    level = abs(lower.top - upper.top) <= 0.5 * lower.size
    return level and 0 <= lower.x0 - upper.x1 <= REACH * lower.size


def one_measure(upper: Piece, lower: Piece, photo: Optional[Picture]) -> bool:
    """Set to one measure: sharing width, in one column, or `lower` flush right under the
    picture `upper` is set under (a credit after a short line)."""
    if overlap(upper.x0, upper.x1, lower.x0, lower.x1) > 0:
        return True
    if upper.column is not None and upper.column == lower.column:
        return True
    if photo is None:
        return False
    slack = lower.size
    within = all(photo.x0 - slack <= p.x0 and p.x1 <= photo.x1 + slack for p in (upper, lower))
    return within and abs(lower.x1 - photo.x1) <= slack


def bind_captions(pieces: Sequence[Piece], photos: Sequence[Picture], rules: Sequence[Rule], body: float) -> Dict[int, int]:
    """Caption piece index -> index (into `photos`) of its picture."""
    candidates = [i for i, p in enumerate(pieces) if p.role is None and p.size < SMALL * body]
    bound: Dict[int, int] = {}
    for i in candidates:
        gaps = [(under_gap(pieces[i], photo), k) for k, photo in enumerate(photos) if not walled(pieces[i], photo, rules)]
        gaps = [(gap, k) for gap, k in gaps if gap is not None]
        if gaps:
            bound[i] = min(gaps)[1]  # the picture it is closest under
    _follow(pieces, photos, candidates, bound, rules)
    for i in sorted(candidates, key=lambda i: (pieces[i].top, pieces[i].x0)):
        if i in bound:
            continue
        options = []
        for k, photo in enumerate(photos):
            gap = beside_gap(pieces[i], photo)
            if gap is None or walled(pieces[i], photo, rules):
                continue
            captioned = k in bound.values()
            # Set level with its picture: a frame beside one is aligned to its foot or head.
            align = min(abs(pieces[i].bottom - photo.bottom), abs(pieces[i].top - photo.top))
            options.append((captioned, gap, align, k))
        if options:
            bound[i] = min(options)[3]
            _follow(pieces, photos, candidates, bound, rules)
    return bound


def _follow(
    pieces: Sequence[Piece], photos: Sequence[Picture], candidates: Sequence[int], bound: Dict[int, int], rules: Sequence[Rule]
) -> None:
    """Unbound candidates continuing a bound caption piece (a credit line set apart, even one
    that also sits beside another picture) join its picture, until nothing more joins."""
    grew = True
    while grew:
        grew = False
        for i in candidates:
            if i in bound:
                continue
            for j in sorted(bound):
                if continues(pieces[j], pieces[i], rules, photos[bound[j]]):
                    bound[i] = bound[j]
                    grew = True
                    break


def merge_captions(
    pieces: Sequence[Piece], pictures: Sequence[Picture], pairs: Sequence[Tuple[int, int]], rules: Sequence[Rule] = ()
) -> Tuple[Tuple[Piece, ...], Tuple[Tuple[int, int], ...], Dict[int, int]]:
    """Join the pieces of each caption frame top to bottom, so a credit is never read as a
    caption of its own; pieces of one picture that do not touch stay separate frames. Also
    returns where each kept piece's index moved."""
    by_picture: Dict[int, List[int]] = {}
    for piece_index, picture_index in pairs:
        by_picture.setdefault(picture_index, []).append(piece_index)
    drop = set()
    merged = list(pieces)
    new_pairs = []
    for picture_index, indexes in sorted(by_picture.items()):
        indexes.sort(key=lambda i: (pieces[i].top, pieces[i].x0))
        groups: List[List[int]] = []
        group_of: Dict[int, List[int]] = {}
        for i in indexes:
            # The nearest piece above that it continues: its frame.
            above = [j for j in group_of if continues(pieces[j], pieces[i], rules, pictures[picture_index])]
            if above:
                group = group_of[max(above, key=lambda j: (pieces[j].bottom, -j))]
            else:
                group = []
                groups.append(group)
            group.append(i)
            group_of[i] = group
        for group in groups:
            lines = tuple(line for i in group for line in pieces[i].lines)
            merged[group[0]] = replace(pieces[group[0]], lines=lines)
            drop.update(group[1:])
            new_pairs.append((group[0], picture_index))
    keep = [i for i in range(len(merged)) if i not in drop]
    renumber = {old: new for new, old in enumerate(keep)}
    return tuple(merged[i] for i in keep), tuple(sorted((renumber[a], b) for a, b in new_pairs)), renumber


def mark_captions(
    pieces: Sequence[Piece], pictures: Sequence[Picture], rules: Sequence[Rule], body: float
) -> Tuple[Tuple[Piece, ...], Tuple[Tuple[int, int], ...], Dict[int, int]]:
    """Mark caption pieces; returns the pieces, (piece, picture) pairs with indexes into
    `pictures`, and where each piece's index moved (a frame's pieces are merged)."""
    photos = [k for k, p in enumerate(pictures) if not p.framed]
    bound = bind_captions(pieces, [pictures[k] for k in photos], rules, body)
    marked = tuple(replace(p, role="caption", evidence=("small type at a picture",)) if i in bound else p
                   for i, p in enumerate(pieces))
    pairs = sorted((i, photos[k]) for i, k in bound.items())
    return merge_captions(marked, pictures, pairs, rules)
