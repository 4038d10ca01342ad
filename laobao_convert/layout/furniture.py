"""Page furniture from position and type: the page-one masthead, inner-page header, footer.

Page one's masthead is the top band holding the page's largest type (the paper's name). An
inner page's header is a band of small type above a rule spanning most of the page near its
top; a footer is the same below a rule near the foot.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Optional, Sequence, Tuple

from laobao_convert import vocabulary as V
from laobao_convert.layout.geometry import Piece, Rule

WIDE = 0.5
"""A rule spanning this share of the page width separates furniture from the page's body."""
HEADER_BAND = 0.15
FOOTER_BAND = 0.12
MASTHEAD_BAND = 0.35
MASTHEAD_RATIO = 1.5
"""The paper's name is set at least this many times larger than anything else on page one."""


def wide_rules(rules: Sequence[Rule], width: float) -> Tuple[Rule, ...]:
    return tuple(r for r in rules if r.horizontal and (r.x1 - r.x0) >= WIDE * width)


def header_rule(pieces: Sequence[Piece], rules: Sequence[Rule], width: float, height: float, body: float) -> Optional[Rule]:
    """The topmost wide rule near the top with a band of text above it that is no masthead:
    a page header's type may be as large as the headlines below (a 版名 set big), but a
    masthead's name towers over everything else on the page."""
    for rule in sorted(wide_rules(rules, width), key=lambda r: r.y):
        if rule.y > HEADER_BAND * height:
            return None
        above = [p for p in pieces if p.bottom <= rule.y + 1]
        if above and not towers(max(above, key=lambda p: p.size), pieces):
            return rule
    return None


def towers(name: Piece, pieces: Sequence[Piece]) -> bool:
    """`name` is set far larger than every other piece: a paper's name in its masthead."""
    others = [p.size for p in pieces if p is not name]
    return not others or name.size >= MASTHEAD_RATIO * max(others)


BAND_PIECE = 0.35
"""No piece of a header band spans more than this share of the page: a headline across the
top of a page is no header."""


def header_band(pieces: Sequence[Piece], width: float, height: float, body: float) -> Optional[float]:
    """The bottom of a page header set without a rule: a row of short pieces at the very top,
    spread across the page (number at one side, date at the other, 版名 between), with a clear
    gap under it; None when the top of the page shows no such row."""
    if not pieces or body <= 0:
        return None
    first = min(pieces, key=lambda p: p.top)
    if first.top > HEADER_BAND * height * 0.7:
        return None
    # The row level with the topmost piece, and what is stacked tight under it (an editor's
    # line under the page number).
    bottom = max(p.bottom for p in pieces if p.top < first.bottom)
    band = [p for p in pieces if p.top < first.bottom]
    grown = True
    while grown:
        more = [p for p in pieces if p not in band and p.top < bottom + 0.8 * body]
        grown = bool(more)
        band += more
        bottom = max([bottom] + [p.bottom for p in more])
    if len(band) < 2 or any(len(p.lines) > 2 or p.x1 - p.x0 > BAND_PIECE * width for p in band):
        return None
    if min(p.x0 for p in band) > width / 3 or max(p.x1 for p in band) < 2 * width / 3:
        return None  # not spread across the page
    if not any(p.size <= 1.05 * body for p in band):
        return None  # a header carries its date or editor in small type; headlines do not
    rest = [p for p in pieces if p not in band]
    if any(p.top < bottom + 1.5 * body for p in rest):
        return None  # no clear gap: the row runs on into the page's text
    return bottom


def footer_rule(pieces: Sequence[Piece], rules: Sequence[Rule], width: float, height: float, body: float) -> Optional[Rule]:
    """The lowest wide rule near the foot with only small type below it."""
    for rule in sorted(wide_rules(rules, width), key=lambda r: -r.y):
        if rule.y < (1 - FOOTER_BAND) * height:
            return None
        below = [p for p in pieces if p.top >= rule.y - 1]
        if below and all(p.size <= body * 1.05 for p in below):
            return rule
    return None


def masthead_bottom(pieces: Sequence[Piece], rules: Sequence[Rule], width: float, height: float) -> Optional[float]:
    """Where page one's masthead band ends, or None when the page shows no masthead.

    The band holds the page's largest type within its top part; it ends at the first wide
    rule below that name, else just below the lowest piece sitting beside the name.
    """
    if not pieces:
        return None
    name = max(pieces, key=lambda p: (p.size, -p.top))
    if name.top > MASTHEAD_BAND * height:
        return None
    if not towers(name, pieces):
        return None  # only a headline at the top of the page: the paper's name towers over all
    for rule in sorted(wide_rules(rules, width), key=lambda r: r.y):
        if rule.y >= name.bottom - 1 and rule.y <= MASTHEAD_BAND * height + name.size:
            return rule.y
    beside = [p for p in pieces if p.top < name.bottom and p.bottom > name.top]
    return max(p.bottom for p in beside) + 1


def mark_furniture(
    pieces: Sequence[Piece], rules: Sequence[Rule], width: float, height: float, body: float, first_page: bool
) -> Tuple[Piece, ...]:
    """Give masthead / header / footer roles to the pieces in those bands."""
    top_role, top_edge = None, None
    rule = header_rule(pieces, rules, width, height, body)
    edge = masthead_bottom(pieces, rules, width, height) if first_page and rule is None else None
    band = header_band(pieces, width, height, body) if rule is None and edge is None else None
    if rule is not None:
        top_role, top_edge = "header", rule.y
    elif edge is not None:
        top_role, top_edge = "masthead", edge
    elif band is not None:
        top_role, top_edge = "header", band
    foot = footer_rule(pieces, rules, width, height, body)
    marked = []
    for piece in pieces:
        if top_edge is not None and piece.bottom <= top_edge + 1:
            piece = replace(piece, role=top_role, heading=top_role == "masthead" and piece.size > body * 1.2,
                            evidence=(f"above the {top_role} edge" if band is None else "top row, no rule",))
        elif foot is not None and piece.top >= foot.y - 1:
            piece = replace(piece, role="footer", evidence=("below the footer rule",))
        elif is_folio(piece, pieces, height, body):
            piece = replace(piece, role="footer", evidence=("a page number alone at the page's foot",))
        marked.append(piece)
    return tuple(marked)


def is_folio(piece: Piece, pieces: Sequence[Piece], height: float, body: float) -> bool:
    """A page number (第165页, - 3 -) on a line of its own below all the page's text, near
    the foot, in type no larger than the body's: a print's folio, not an article's."""
    if len(piece.lines) != 1 or piece.size > body * 1.05 or piece.top < (1 - FOOTER_BAND) * height:
        return False
    if not V.FOLIO.match(piece.lines[0].text):
        return False
    return all(other is piece or other.bottom <= piece.top + 1 for other in pieces)
