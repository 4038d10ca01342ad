"""Article regions: the rectangle (or L) under each headline, bounded by rules and headlines.

Everything below a headline belongs to it until a rule or another headline intervenes: each
piece, picture and headline is linked to the nearest thing above it that it overlaps
horizontally (failing that, to a piece ending just above it in its column: a jump line set
flush right under a short last line). A headline or box always opens a region of its own; a
piece with nothing above it (or a rule between) opens one too, e.g. a continuation at the top
of a page. Captions go with their picture, a boxed series label with the headline under it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Dict, List, Optional, Sequence, Tuple

from laobao_convert.layout.frames import labels
from laobao_convert.layout.geometry import Picture, Piece, Rule, overlap, union

FURNITURE = ("masthead", "header", "footer")


@dataclass(frozen=True)
class Item:
    """A unit placed into a region: a whole headline, a box, a piece or a picture."""

    x0: float
    top: float
    x1: float
    bottom: float
    kind: str
    """"headline", "box", "piece" or "picture"."""
    pieces: Tuple[int, ...] = ()
    picture: Optional[int] = None
    column: Optional[int] = None
    """The column grid index of a piece."""


def collect_items(pieces: Sequence[Piece], pictures: Sequence[Picture], headlines: Sequence[Sequence[int]]) -> List[Item]:
    items: List[Item] = []
    grouped = set()
    for group in headlines:
        members = [i for i in group if pieces[i].role in ("kicker", "title", "subtitle")]
        if not members:
            continue
        grouped.update(members)
        box = union(pieces[i] for i in members)
        items.append(Item(box.x0, box.top, box.x1, box.bottom, "headline", tuple(members)))
    for index, piece in enumerate(pieces):
        if index in grouped or piece.role in FURNITURE or piece.role in ("caption", "series"):
            continue
        kind = "box" if piece.role == "box" else "piece"
        items.append(Item(piece.x0, piece.top, piece.x1, piece.bottom, kind, (index,), column=piece.column))
    for number, picture in enumerate(pictures):
        if not picture.framed:
            items.append(Item(picture.x0, picture.top, picture.x1, picture.bottom, "picture", picture=number))
    items.sort(key=lambda it: (it.top, it.x0, it.kind))
    return items


def ruled_between(upper: Item, lower: Item, rules: Sequence[Rule]) -> bool:
    """A horizontal rule between two items across most of what they share horizontally."""
    x0, x1 = max(upper.x0, lower.x0), min(upper.x1, lower.x1)
    shared = max(x1 - x0, 0.0)
    for rule in rules:
        if rule.horizontal and upper.bottom - 2 <= rule.y <= lower.top + 2:
            if shared > 0 and overlap(rule.x0, rule.x1, x0, x1) >= 0.5 * shared:
                return True
    return False


def link_regions(items: Sequence[Item], rules: Sequence[Rule], body: float,
                 captions: Sequence[Tuple[Piece, int]] = ()) -> List[int]:
    """Region number (in no particular order yet) of each item. `captions` are the caption
    frames with the number of the picture each is bound to."""
    regions: List[int] = []
    count = 0
    picture_at = {item.picture: k for k, item in enumerate(items) if item.picture is not None}
    for position, item in enumerate(items):
        above = None
        for earlier in range(position):
            other = items[earlier]
            if other.bottom > item.top + 0.5 * body:
                continue
            shared = overlap(other.x0, other.x1, item.x0, item.x1)
            # A headline claims every column it reaches into, even by a little; other things
            # must share a good part of their width.
            if other.kind == "headline":
                if shared < min(body, 0.5 * (item.x1 - item.x0)):
                    continue
            elif shared < 0.3 * min(other.x1 - other.x0, item.x1 - item.x0):
                continue
            if above is None or other.bottom > items[above].bottom:
                above = earlier
        if above is None and item.kind == "piece":
            above = same_column_above(items, position, rules, body)
        if above is None and item.kind == "piece":
            above = under_caption(item, captions, picture_at, rules, body)
        # Far below what is over it, with a headline beside it in between: the headline's
        # article (its title need not reach this column; the gap shows a new article here).
        if above is not None and item.kind in ("piece", "picture") and item.top - items[above].bottom > 3 * body:
            near = nearer_headline(items, position, above, rules, body)
            if near is not None:
                above = near
        inherits = (
            item.kind in ("piece", "picture")
            and above is not None
            and items[above].kind != "box"
            and not ruled_between(items[above], item, rules)
        )
        if inherits:
            regions.append(regions[above])
        else:
            regions.append(count)
            count += 1
    return regions


def under_caption(item: Item, captions: Sequence[Tuple[Piece, int]], picture_at: Dict[int, int],
                  rules: Sequence[Rule], body: float) -> Optional[int]:
    """The picture whose caption a piece stands right under, with nothing else over it: a jump
    line set flush right under the caption of a photo beside its article's text is that
    article's, as the caption is."""
    for caption, picture in captions:
        if picture not in picture_at or not (caption.bottom - 0.5 * body <= item.top <= caption.bottom + 1.5 * body):
            continue
        if overlap(caption.x0, caption.x1, item.x0, item.x1) < 0.5 * (item.x1 - item.x0):
            continue
        if ruled_between(caption, item, rules):
            continue
        return picture_at[picture]
    return None


def same_column_above(items: Sequence[Item], position: int, rules: Sequence[Rule], body: float) -> Optional[int]:
    """The piece just over an item in the same column with no rule between, for when their
    text does not overlap: a line set flush right (a jump line) under a column's short last
    line still continues it."""
    item = items[position]
    if item.column is None:
        return None
    best = None
    for earlier in range(position):
        other = items[earlier]
        if other.kind != "piece" or other.column != item.column:
            continue
        if not (item.top - 3 * body <= other.bottom <= item.top + 0.5 * body):
            continue
        x0, x1 = min(item.x0, other.x0), max(item.x1, other.x1)
        if any(r.horizontal and other.bottom - 2 <= r.y <= item.top + 2 and overlap(r.x0, r.x1, x0, x1) > 0.5 * (x1 - x0)
               for r in rules):
            continue
        if best is None or other.bottom > items[best].bottom:
            best = earlier
    return best


def adopt_orphans(items: Sequence[Item], regions: List[int], rules: Sequence[Rule], body: float, reach: float) -> List[int]:
    """A region opened by a piece or picture with no headline over it joins the region beside
    it (left, else right) when their first lines align and no vertical rule stands between:
    headlines are often shorter than the columns their article spans, and a continuation's
    columns start side by side under one rule."""
    result = list(regions)
    headed = {result[k] for k, it in enumerate(items) if it.kind == "headline"}
    openers = {}
    for position, item in enumerate(items):
        openers.setdefault(result[position], position)
    vertical = [r for r in rules if not r.horizontal]

    for region, position in sorted(openers.items(), key=lambda kv: (items[kv[1]].x0, items[kv[1]].top)):
        item = items[position]
        if item.kind not in ("piece", "picture") or region in headed:
            continue
        # Measured from the region's columns at its top, not from its opener alone: a subhead
        # centred in its column stands well inside it.
        top_row = [items[k] for k in range(len(items)) if result[k] == region and items[k].top <= item.top + 3 * body]
        item = replace(item, x0=min(it.x0 for it in top_row), x1=max(it.x1 for it in top_row))
        best = None
        for k, other in enumerate(items):
            if other.kind not in ("piece", "picture") or result[k] == region:
                continue
            if abs(other.top - item.top) > 1.5 * body:
                continue
            if 0 <= item.x0 - other.x1 <= reach and not walled(other, item, item.top, vertical, body):
                rank = (0, -other.x1)  # the nearest on the left first
            elif 0 <= other.x0 - item.x1 <= reach and not walled(item, other, item.top, vertical, body) and result[k] in headed:
                rank = (1, other.x0)  # else the nearest headed one on the right
            else:
                continue
            if best is None or rank < best[0]:
                best = (rank, k)
        if best is not None:
            target = result[best[1]]
            result = [target if r == region else r for r in result]
            if region in headed:
                headed.add(target)
    return result


def nearer_headline(items: Sequence[Item], position: int, above: int, rules: Sequence[Rule], body: float) -> Optional[int]:
    """A headline lying between an item and the thing over it, up to one column away sideways
    (no vertical rule between): the item's article starts there."""
    item, over = items[position], items[above]
    reach = 2 * (item.x1 - item.x0)
    best = None
    for k in range(position):
        head = items[k]
        if head.kind != "headline" or not (over.bottom <= head.top and head.bottom <= item.top + 0.5 * body):
            continue
        gap = max(item.x0 - head.x1, head.x0 - item.x1, 0.0)
        if gap > reach:
            continue
        lo, hi = (item.x1, head.x0) if item.x1 <= head.x0 else (head.x1, item.x0)
        if gap > 0 and any(
            not r.horizontal and lo - 1 <= r.x <= hi + 1 and r.top <= item.top and r.bottom >= head.top for r in rules
        ):
            continue
        if best is None or head.bottom > items[best].bottom:
            best = k
    return best


def adopt_by_headline(items: Sequence[Item], regions: List[int], rules: Sequence[Rule], body: float, reach: float) -> List[int]:
    """A region opened by a piece or picture level with or just under a headline beside it
    (within `reach` points, no rule between) belongs to that headline: a title set centred
    over its article's columns may not reach its outer columns at all."""
    result = list(regions)
    headed = {result[k] for k, it in enumerate(items) if it.kind == "headline"}
    openers: Dict[int, int] = {}
    for position in range(len(items)):
        openers.setdefault(result[position], position)
    vertical = [r for r in rules if not r.horizontal]
    horizontal = [r for r in rules if r.horizontal]
    for region, position in sorted(openers.items(), key=lambda kv: (items[kv[1]].top, items[kv[1]].x0)):
        item = items[position]
        if item.kind not in ("piece", "picture") or region in headed:
            continue
        best = None
        beside = _column_beside(items, position, vertical, body)
        for k, head in enumerate(items):
            if head.kind != "headline" or not (head.top - body <= item.top <= head.bottom + 4 * body):
                continue
            if beside and item.top < head.bottom:
                continue  # level with the headline, not under it: a column of the text beside
            gap = max(item.x0 - head.x1, head.x0 - item.x1, 0.0)
            if gap > reach:
                continue
            lo, hi = (item.x1, head.x0) if item.x1 <= head.x0 else (head.x1, item.x0)
            if any(lo - 1 <= r.x <= hi + 1 and r.top <= item.top + body and r.bottom >= head.top for r in vertical):
                continue
            if any(head.top <= r.y <= item.top and overlap(r.x0, r.x1, item.x0, item.x1) > 0.5 * (item.x1 - item.x0) for r in horizontal):
                continue
            if best is None or (gap, head.top) < best[0]:
                best = ((gap, head.top), k)
        if best is not None:
            target = result[best[1]]
            result = [target if r == region else r for r in result]
    return result


def walled(left: Item, right: Item, top: float, vertical: Sequence[Rule], body: float) -> bool:
    """A vertical rule stands between two things side by side, at the height `top`."""
    return any(left.x1 - 1 <= r.x <= right.x0 + 1 and r.top <= top + body and r.bottom >= top for r in vertical)


def _column_beside(items: Sequence[Item], position: int, vertical: Sequence[Rule], body: float) -> bool:
    """Does a column of text stand just left of the item, its first line level with the
    item's, no rule between? Then the item is that text's next column."""
    item = items[position]
    for other in items:
        if other is item or other.kind != "piece" or abs(other.top - item.top) > 0.5 * body:
            continue
        if 0 <= item.x0 - other.x1 <= 3 * body and not walled(other, item, item.top, vertical, body):
            return True
    return False


def adopt_under_bodiless(items: Sequence[Item], regions: List[int], body: float) -> List[int]:
    """A headline whose region holds no body text takes the headless region right under it
    (and again, while it still has none: a short label, then the text): a headline never
    stands alone, and a rule set between a headline block (title, byline, source line) and
    its text must not part them."""
    result = list(regions)
    for head_pos, head in enumerate(items):
        if head.kind != "headline":
            continue
        for _ in range(3):
            below = _headless_under(items, result, head_pos, body)
            if below is None:
                break
            region = result[below]
            result = [result[head_pos] if r == region else r for r in result]
    return result


def _headless_under(items: Sequence[Item], result: List[int], head_pos: int, body: float) -> Optional[int]:
    """The opener of a headless region right under a bodiless headline's region, if any."""
    mine = [k for k in range(len(items)) if result[k] == result[head_pos]]
    if any(items[k].kind == "piece" and items[k].bottom - items[k].top >= 2 * body for k in mine):
        return None
    bottom = max(items[k].bottom for k in mine)
    headed = {result[k] for k, it in enumerate(items) if it.kind == "headline"}
    best = None
    for k, item in enumerate(items):
        if result[k] in headed or item.kind != "piece" or not bottom - body <= item.top <= bottom + 4 * body:
            continue
        if any(result[j] == result[k] and items[j].top < item.top for j in range(len(items))):
            continue  # not where its region starts
        # Measured by the whole region under it (its opener may be a short line at its side)
        # against the headline's block (title, byline, source line): under it, or beside it
        # with no more than a gutter between (a poem set flush left under a centred title).
        members = [items[j] for j in range(len(items)) if result[j] == result[k]]
        x0, x1 = min(m.x0 for m in members), max(m.x1 for m in members)
        h0, h1 = min(items[m].x0 for m in mine), max(items[m].x1 for m in mine)
        if overlap(h0, h1, x0, x1) > 0 or max(x0 - h1, h0 - x1) <= 2 * body:
            if best is None or item.top < items[best].top:
                best = k
    return best


def adopt_picture_regions(items: Sequence[Item], regions: List[int]) -> List[int]:
    """A picture that opened a region of its own (a photo above its headline) joins what is
    directly under it."""
    result = list(regions)
    for position, item in enumerate(items):
        if item.kind != "picture":
            continue
        if any(result[j] == result[position] for j in range(len(items)) if j != position):
            continue
        below = [
            j
            for j, other in enumerate(items)
            if j != position and other.top >= item.bottom - 1 and overlap(other.x0, other.x1, item.x0, item.x1) > 0
        ]
        if below:
            nearest = min(below, key=lambda j: (items[j].top, items[j].x0))
            if items[nearest].kind != "box":
                result[position] = result[nearest]
    return result


def find_regions(
    pieces: Sequence[Piece],
    pictures: Sequence[Picture],
    headlines: Sequence[Sequence[int]],
    captions: Sequence[Tuple[int, int]],
    rules: Sequence[Rule],
    body: float,
) -> Tuple[Tuple[Item, ...], Tuple[int, ...], Dict[int, int]]:
    """Items, their region numbers, and the region number of every non-furniture piece."""
    items = collect_items(pieces, pictures, headlines)
    widths = sorted(it.x1 - it.x0 for it in items if it.kind == "piece")
    # A title centred over its article may leave up to two columns on either side bare.
    reach = 2.2 * widths[len(widths) // 2] if widths else 20 * body
    bound = [(pieces[p], picture) for p, picture in captions]
    regions = adopt_by_headline(items, link_regions(items, rules, body, bound), rules, body, reach)
    # Beside: the next column over (a centred subhead starts well inside its column).
    regions = adopt_orphans(items, regions, rules, body, max(3 * body, reach / 4))
    regions = adopt_picture_regions(items, regions)
    regions = adopt_under_bodiless(items, regions, body)
    of_piece: Dict[int, int] = {}
    picture_region: Dict[int, int] = {}
    for item, region in zip(items, regions):
        for index in item.pieces:
            of_piece[index] = region
        if item.picture is not None:
            picture_region[item.picture] = region
    next_region = max(regions, default=-1) + 1
    for piece_index, picture_index in captions:
        if picture_index in picture_region:
            of_piece[piece_index] = picture_region[picture_index]
        else:
            of_piece[piece_index] = next_region
            next_region += 1
    for index, piece in enumerate(pieces):
        if piece.role == "series":
            below = [
                (max(items[k].x0 - piece.x1, 0.0), items[k].top, regions[k])
                for k in range(len(items))
                if items[k].kind == "headline" and labels(piece, items[k], body)
            ]
            if below:
                of_piece[index] = min(below)[2]
            else:
                of_piece[index] = next_region
                next_region += 1
    return tuple(items), tuple(regions), of_piece
