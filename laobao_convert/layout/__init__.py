"""Page layout analysis: a PDF page's glyphs, rules and pictures -> text blocks in reading order.

Pure geometry, no PDF library: the PDF reader reduces a page to a PageGeometry and this
package does the rest through RULES, a named, ordered chain of small rules (one module each).
Each rule takes the LayoutState and returns a new one; none of them looks at the words.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Tuple

from laobao_convert.content import BBox, Line, TextBlock
from laobao_convert.layout.blocks import build_pieces, join_run_over_lines
from laobao_convert.layout.columns import assign_columns, body_size, column_edges, column_starts
from laobao_convert.layout.captions import mark_captions
from laobao_convert.layout.dropcaps import find_drop_caps, merge_drop_caps
from laobao_convert.layout.frames import classify_pictures, mark_boxes
from laobao_convert.layout.furniture import mark_furniture
from laobao_convert.layout.geometry import Glyph, PageGeometry, Picture, Piece, Rule, TextLine
from laobao_convert.layout.headlines import (group_headlines, join_heading_rows, mark_full_heading_lines, mark_series,
                                              name_headline_parts)
from laobao_convert.layout.lines import build_lines
from laobao_convert.layout.order import reading_order
from laobao_convert.layout.overprint import remove_overprint
from laobao_convert.layout.paragraphs import mark_paragraphs
from laobao_convert.layout.regions import find_regions
from laobao_convert.layout.typography import PageType, page_type, weigh_faces

__all__ = ["Glyph", "PageGeometry", "Picture", "Rule", "LayoutState", "RULES", "analyse_page", "to_blocks"]


@dataclass(frozen=True)
class LayoutState:
    """What the rules know about a page so far."""

    page: PageGeometry
    glyphs: Tuple[Glyph, ...] = ()
    lines: Tuple[TextLine, ...] = ()
    body: float = 0.0
    type: PageType = PageType(0.0)
    """The body text's size, face and colour: what every role is measured against."""
    rules: Tuple[Rule, ...] = ()
    pictures: Tuple[Picture, ...] = ()
    pieces: Tuple[Piece, ...] = ()
    columns: Tuple[float, ...] = ()
    headlines: Tuple[Tuple[int, ...], ...] = ()
    captions: Tuple[Tuple[int, int], ...] = ()
    regions: Tuple[Tuple[int, int], ...] = ()
    """(piece index, region number) before reading order numbers the regions."""
    picture_captions: Tuple[Tuple[BBox, ...], ...] = ()
    """For each of `pictures`, the boxes of the caption frames bound to it: kept past reading
    order (which drops `captions`) so that a photo can be put with its caption."""


def _overprint(s: LayoutState) -> LayoutState:
    return replace(s, glyphs=remove_overprint(s.page.glyphs), rules=s.page.rules)


def _lines(s: LayoutState) -> LayoutState:
    caps = set(find_drop_caps(s.glyphs))
    lines = build_lines([g for i, g in enumerate(s.glyphs) if i not in caps], s.rules)
    body = body_size(lines)
    lines = merge_drop_caps(lines, [s.glyphs[i] for i in sorted(caps)], body)
    kind = page_type(lines, body)
    return replace(s, lines=weigh_faces(lines, kind), body=body, type=kind, glyphs=())


def _pictures(s: LayoutState) -> LayoutState:
    return replace(s, pictures=classify_pictures(s.page.pictures, s.lines, s.body, s.page.width, s.page.height))


def _pieces(s: LayoutState) -> LayoutState:
    return replace(s, pieces=join_run_over_lines(build_pieces(s.lines, s.rules, s.pictures), s.body))


def _furniture(s: LayoutState) -> LayoutState:
    p = s.page
    return replace(s, pieces=mark_furniture(s.pieces, s.rules, p.width, p.height, s.body, p.first_page))


def _columns(s: LayoutState) -> LayoutState:
    starts = column_starts(s.lines, s.body)
    return replace(s, columns=starts, pieces=assign_columns(s.pieces, starts, s.body))


def _headlines(s: LayoutState) -> LayoutState:
    pieces = join_heading_rows(s.pieces, s.body, s.rules)
    groups = group_headlines(pieces, s.type)
    pieces, groups = mark_series(name_headline_parts(pieces, groups, s.type), groups, s.type, s.rules)
    return replace(s, headlines=groups, pieces=pieces)


def _boxes(s: LayoutState) -> LayoutState:
    pieces, article_frames = mark_boxes(s.pieces, s.pictures, s.body)
    # A framed article's outline bounds its region as rules would.
    edges = tuple(
        Rule(f.x0, y - 0.5, f.x1, y + 0.5) for f in article_frames for y in (f.top, f.bottom)
    )
    return replace(s, pieces=pieces, rules=s.rules + edges)


def _captions(s: LayoutState) -> LayoutState:
    pieces, pairs, moved = mark_captions(s.pieces, s.pictures, s.rules, s.body)
    headlines = tuple(tuple(moved[i] for i in group if i in moved) for group in s.headlines)
    bound = tuple(tuple(pieces[i].bbox for i, k in pairs if k == index) for index in range(len(s.pictures)))
    return replace(s, pieces=pieces, captions=pairs, headlines=headlines, picture_captions=bound)


def _regions(s: LayoutState) -> LayoutState:
    _, _, of_piece = find_regions(s.pieces, s.pictures, s.headlines, s.captions, s.rules, s.body)
    return replace(s, regions=tuple(sorted(of_piece.items())))


def _order(s: LayoutState) -> LayoutState:
    return replace(s, pieces=reading_order(s.pieces, dict(s.regions), s.body), headlines=(), captions=(), regions=())


def _paragraphs(s: LayoutState) -> LayoutState:
    edges = column_edges(s.lines, s.columns, s.body)
    return replace(s, pieces=mark_full_heading_lines(mark_paragraphs(s.pieces, edges, s.body)))


RULES: Tuple[Tuple[str, Callable[[LayoutState], LayoutState]], ...] = (
    ("overprint", _overprint),  # drop fake-bold duplicates, mark them bold
    ("lines", _lines),  # glyphs -> lines within columns (drop capitals put back); the body size
    ("pictures", _pictures),  # photos vs frames around text
    ("pieces", _pieces),  # lines -> column pieces
    ("furniture", _furniture),  # masthead / header / footer bands
    ("columns", _columns),  # the column grid
    ("headlines", _headlines),  # kicker / title / subtitle
    ("boxes", _boxes),  # framed text that is not an article
    ("captions", _captions),  # small type under or beside one picture
    ("regions", _regions),  # the area under each headline
    ("order", _order),  # reading order, regions numbered
    ("paragraphs", _paragraphs),  # paragraph edges; body pieces cut at them; headings' wraps
)


def analyse_page(page: PageGeometry) -> LayoutState:
    """Run every rule over one page."""
    state = LayoutState(page=page)
    for _name, rule in RULES:
        state = rule(state)
    return state


def to_blocks(pieces: Tuple[Piece, ...]) -> Tuple[TextBlock, ...]:
    """Layout pieces -> the content model's text blocks."""
    return tuple(
        TextBlock(
            lines=tuple(
                Line(text=l.text, bbox=BBox(l.x0, l.top, l.x1, l.bottom), size=l.size, bold=l.bold,
                     hard_break=piece.heading and not l.full and k < len(piece.lines) - 1,
                     confidence=l.confidence)
                for k, l in enumerate(piece.lines)
            ),
            heading=piece.heading,
            role=piece.role,
            region=piece.region,
            column=piece.column,
            bbox=piece.bbox,
            starts_paragraph=piece.starts_paragraph,
            ends_paragraph=piece.ends_paragraph,
            evidence=piece.evidence,
        )
        for piece in pieces
    )
