"""The `pdftotext -layout` reader: a page's character grid -> PageGeometry -> the layout rules.

pdftotext -layout keeps a page's geometry as character positions: columns stand side by side
at fixed positions, blank rows stand for vertical space. This reader turns each character
into a glyph with a position and a size estimate and runs the same layout rules as the PDF
reader (laobao_convert.layout), so both inputs share one engine.

Positions: one position is one em of body type across; a column edge adds a gutter wide
enough that the line builder never takes it for a word space (pdftotext may pack columns a
single space apart). An indented first line starts two ems in, as CJK text indents, whatever
count of positions pdftotext gave the indent. Down the page, a line follows the line above
it in its own columns at the leading of its size; a row pdftotext set between two rows of
another column (a frame on other baselines) takes no room of its own; a blank row is space.
"""

from __future__ import annotations

import unicodedata
from typing import Dict, List, Optional, Sequence, Set, Tuple

from laobao_convert import limits
from laobao_convert import vocabulary as V
from laobao_convert.content import Document, PageContent
from laobao_convert.errors import InputError
from laobao_convert.layout import PageGeometry, analyse_page, to_blocks
from laobao_convert.layout.geometry import Glyph, Rule
from laobao_convert.model import SourceFile
from laobao_convert.readers.layout_across import GUTTER, Across, across
from laobao_convert.readers.layout_bands import box_lines
from laobao_convert.readers.layout_grid import GAP, INDENT_COLS, Grid, column_lengths, edge_of, modal, read_grid, width
from laobao_convert.readers.layout_runs import (BREAK_SLACK, SLACK, BodyColumns, body_columns, centred_pairs,
                                                first_unit, full_ends, spread_out)
from laobao_convert.readers.layout_sizes import GROUP_ROWS, TITLE, Sizes, estimate, merge_groups
from laobao_convert.readers.layout_wording import join_wrapped_authors, opens_text

KIND = "layout"
"""The Document kind: placed text, read by the parser as a PDF's blocks are."""
EM = 10.0
"""Points per em of body type (any value: every layout rule measures in ems of the body)."""
INDENT = 2.0
"""Ems a paragraph's first line is indented by (CJK text indents two characters)."""
LEADING = 0.4
"""Space between two lines of one column, in ems of their size."""
HEADLINE_LEADING = 0.2
"""Space between two lines of one headline, in ems of their size: tight enough that the
layout stacks them as one headline whatever blank rows pdftotext set between them."""
BLANK_ROW = 1.2
"""Ems of space a blank row stands for."""
SPACE = 0.3
"""Width of a word space glyph, in ems of its line's size: narrow enough that the line
builder keeps it as a space between CJK words, not a gutter."""
MARGIN = 2.0
"""Ems of page around the text."""
PIECE_SHARE = 10
"""A page may hold a tenth as many pieces (runs of text between gutters) as characters: a
broadsheet page has a few thousand at most."""
NEAR_HEADLINE = 2
"""Rows above or below a headline within which another headline stands beside it."""
WORD_GAP = 1.0
"""Ems between two pieces of one row off a column edge: a word space the line builder keeps
(wider than solid-set CJK, narrower than a gutter)."""


def read_layout_text(text: str, base: str, digest: str, hint=None) -> Document:
    """Read `pdftotext -layout` text, a form feed between pages; `hint` is the page number
    the file's name gives its first page."""
    pages = []
    for index, page_text in enumerate(t for t in text.split("\f") if t.strip()):
        first = index == 0 and hint in (None, 1)
        check_page_size(page_text, f"page {index + 1}", base)
        try:
            geometry = page_geometry(page_text, first)
            state = analyse_page(geometry)
        except (Exception, RecursionError) as error:  # noqa: BLE001 - never a traceback for an input
            raise InputError(f"page {index + 1} could not be laid out ({type(error).__name__})", where=base) from None
        pages.append(PageContent(
            blocks=to_blocks(state.pieces),
            source=base,
            index=index,
            number_hint=None if hint is None else hint + index,
            width=geometry.width,
            height=geometry.height,
            body_size=state.body or None,
        ))
    if not pages:
        raise InputError("no text in the input", where=base)
    return Document(pages=tuple(pages), source=SourceFile(name=base, sha256=digest, pages=len(pages)), kind=KIND)


def check_page_size(page_text: str, label: str, base: str) -> None:
    """Refuse a page too big to lay out, as the PDF reader does (its characters), or cut into
    more pieces than any page holds (the size estimate compares pieces with each other)."""
    glyphs, most = sum(1 for ch in page_text if not ch.isspace()), limits.MAX_PAGE_GLYPHS
    if glyphs > most:
        raise InputError(f"{label} is too big to read: {glyphs:,} characters, more than {most:,} "
                         "(LAOBAO_CONVERT_MAX_PAGE_GLYPHS)", where=base)
    pieces = sum(len(GAP.split(line.strip())) for line in page_text.split("\n") if line.strip())
    if pieces > most // PIECE_SHARE:
        raise InputError(f"{label} is too big to lay out: {pieces:,} pieces of text side by side, more than "
                         f"{most // PIECE_SHARE:,}", where=base)


def page_geometry(page_text: str, first_page: bool = False) -> PageGeometry:
    grid = join_wrapped_authors(read_grid(page_text))
    sizes = estimate(grid, first_page)
    # How wide a headline prints is not known, and the page's header and footer bands
    # stand apart from its columns.
    packed, sizes = packed_headlines(grid, sizes)
    place = across(grid, {i for i, s in enumerate(grid.segments) if sizes.group[i] is not None or sizes.bands.holds(s.row)},
                   headline_gutters(grid, sizes, packed))
    xs = [left_edge(s.col, grid, place) for s in grid.segments]
    xs = right_aligned(grid, sizes, xs, place)
    xs = move_packed(grid, xs, place, packed)
    room = headline_room(grid, sizes, xs)
    body = body_columns(grid)
    spread = justified(grid, sizes, xs, place, body)
    xs, room, spread = apart_on_rows(grid, sizes, xs, room, spread)
    tops = row_tops(grid, sizes, indented_from(grid, xs, place), room, xs)
    bold = heading_pairs(grid, sizes, body)
    glyphs: List[Glyph] = []
    for i, s in enumerate(grid.segments):
        glyphs.extend(segment_glyphs(s.text, xs[i], tops[i], sizes.size[i] * EM, room[i], spread[i], i in bold))
    width = max((g.x1 for g in glyphs), default=0.0) + MARGIN * EM
    height = max((g.bottom for g in glyphs), default=0.0) + MARGIN * EM
    rules = drawn_rules(grid, sizes, xs, tops, width)
    return PageGeometry(width=width, height=height, glyphs=tuple(glyphs), rules=rules, first_page=first_page)


def apart_on_rows(grid: Grid, sizes: Sizes, xs: Sequence[float], room: Sequence[float], spread: Sequence[float]
                  ) -> Tuple[List[float], List[float], List[float]]:
    """Pieces of one row kept apart in the order pdftotext wrote them: a title's room or a
    justified line's spread ends short of the next piece, and a piece the position scale set
    into the text before it (its positions count ems only inside a column) moves past that
    text, a gutter of its type on a column edge, a word space off every edge. Glyphs of two
    pieces never overlap, so the line builder cannot interleave their characters."""
    segs = grid.segments
    xs, room, spread = list(xs), list(room), list(spread)
    for i in range(1, len(segs)):
        j = i - 1
        if segs[j].row != segs[i].row:
            continue
        gap = (GUTTER if segs[i].col in grid.edges else WORD_GAP) * sizes.size[i] * EM
        natural = _extent(segs[j].text, xs[j])
        if xs[i] < natural + gap:
            shift = natural + gap - xs[i]
            xs[i] += shift
            room[i] = max(room[i] - shift, 0.0) if room[i] else 0.0
            spread[i] = spread[i] - shift if spread[i] > shift else 0.0
        reach = xs[i] - gap - xs[j]
        room[j] = max(min(room[j], reach), 0.0) if room[j] else 0.0
        spread[j] = spread[j] if spread[j] <= reach else 0.0
    return xs, room, spread


def headline_gutters(grid: Grid, sizes: Sizes, packed: Dict[int, Tuple[int, Tuple[int, ...]]]) -> Dict[int, float]:
    """The column edges a headline starts on (`packed` ones where they stand) with another
    headline beside it to the left (on its rows or a row or two off): their gutter is one of
    the headline's type, so the title on the left can reach across its columns and the two
    still stand further apart than the layout joins as one title's words."""
    segs = grid.segments
    out: Dict[int, float] = {}
    for i, s in enumerate(segs):
        edge = packed[i][0] if i in packed else edge_of(s.col, grid.edges)
        if sizes.group[i] is None or edge not in grid.edges:
            continue
        if any(sizes.group[j] not in (None, sizes.group[i]) and t.col < edge and abs(t.row - s.row) <= NEAR_HEADLINE
               for j, t in enumerate(segs)):
            out[edge] = max(out.get(edge, GUTTER), GUTTER * sizes.size[i])
    return out


def left_edge(col: int, grid: Grid, place: Across) -> float:
    """Where a segment starting at `col` starts, in points: an indent from its column's
    edge, else where its position stands."""
    edge = edge_of(col, grid.edges)
    if edge not in place.edges:
        return place.at(col) * EM
    return (place.edges[edge] + min(col - edge, INDENT)) * EM


def right_aligned(grid: Grid, sizes: Sizes, xs: Sequence[float], place: Across) -> List[float]:
    """A text piece (no headline's) standing off every column edge and reaching past the lines
    of the column left of it, short of the next edge, stands in that column, flush right or
    centred: pdftotext put it after the longest text to its left anywhere on the page, not
    where it stands."""
    lengths, widths = column_lengths(grid.segments, grid.edges)
    out = list(xs)
    for i, s in enumerate(grid.segments):
        host = max((e for e in grid.edges if e < s.col), default=None)
        nxt = min((e for e in grid.edges if e > s.col), default=None)
        if (host is None or sizes.group[i] is not None or sizes.bands.holds(s.row) or s.col in grid.edges or host not in lengths or edge_of(s.col, grid.edges) != s.col
                or s.end <= host + modal(lengths[host]) or (nxt is not None and s.end >= nxt)):
            continue
        # A 下转 line or a credit is set flush right; anything else (a subhead) is centred.
        share = 1.0 if V.JUMP_OUT.search(s.text) or V.CAPTION_CREDIT.search(s.text) else 0.5
        out[i] = left_edge(host, grid, place) + max(0.0, share * (modal(widths[host]) - width(s.text))) * EM
    return out


OPENING_ROWS = 4
"""Rows under a headline within which the text it heads opens."""


def packed_headlines(grid: Grid, sizes: Sizes) -> Tuple[Dict[int, Tuple[int, Tuple[int, ...]]], Sizes]:
    """A headline pdftotext packed a single space after the text left of it on its row, off
    every column edge, stands over the first column right of it that a kicker or series label
    left without its title heads just above it (the headline is that title: the two become
    one headline), else the first column at or right of it whose text opens (a byline, a
    dateline, an indented first line) just under it: pdftotext put it after the longest text
    to its left, not where it stands. Per packed segment, the column edge it stands at and
    the lines of its headline that move with it (a kicker or label it joins stays)."""
    segs = grid.segments
    out: Dict[int, Tuple[int, Tuple[int, ...]]] = {}
    moved = set()
    for i, s in enumerate(segs):
        g = sizes.group[i]
        if g is None or g in moved or edge_of(s.col, grid.edges) != s.col or s.col in grid.edges:
            continue
        if not any(t.row == s.row and t.end + 1 == s.col for t in segs):
            continue
        rows = [t.row for j, t in enumerate(segs) if sizes.group[j] == g]
        right = [e for e in grid.edges if e > s.col]
        headless = next(((e, h) for e in right for h in [_headless_above(grid, sizes, g, e)] if h is not None), None)
        edge = headless[0] if headless is not None else next((e for e in right if any(
            max(rows) < t.row <= max(rows) + OPENING_ROWS and e <= t.col <= e + INDENT_COLS
            and sizes.group[j] is None and opens_text(grid, t, e) for j, t in enumerate(segs))), None)
        if edge is None:
            continue
        out[i] = (edge, tuple(j for j in range(len(segs)) if sizes.group[j] == g))
        moved.add(g)
        if headless is not None:
            sizes = merge_groups(sizes, headless[1], g)
            moved.add(headless[1])
    return out, sizes


def move_packed(grid: Grid, xs: Sequence[float], place: Across,
                packed: Dict[int, Tuple[int, Tuple[int, ...]]]) -> List[float]:
    """Each packed headline moved to the edge it stands at, its lines with it."""
    out = list(xs)
    for i, (edge, lines) in packed.items():
        shift = left_edge(edge, grid, place) - xs[i]
        for j in lines:
            out[j] = xs[j] + shift
    return out


def _headless_above(grid: Grid, sizes: Sizes, g: int, edge: int) -> Optional[int]:
    """The headline group over column `edge` that ends a few rows over group `g` with no
    title of its own (a kicker or a series label alone), if any."""
    segs = grid.segments
    first = min(t.row for j, t in enumerate(segs) if sizes.group[j] == g)
    for j, t in enumerate(segs):
        h = sizes.group[j]
        if h is None or h == g or edge_of(t.col, grid.edges) != edge or not first - GROUP_ROWS <= t.row < first:
            continue
        lines = [k for k in range(len(segs)) if sizes.group[k] == h]
        if max(segs[k].row for k in lines) < first and (
                all(k in sizes.series for k in lines) or len(lines) == 1 and bool(V.KICKER_CUE.search(segs[j].text))):
            return h
    return None


def headline_room(grid: Grid, sizes: Sizes, xs: Sequence[float]) -> Tuple[float, ...]:
    """Per segment, the width a headline's title spans; 0 for other lines.

    pdftotext gives a character one position whatever its size, so how far a title reaches
    is lost; a title heads the columns under it, up to a gutter (of their type) short of
    whatever stands beside its headline (another headline, another article's text), or to
    the page's last column."""
    segs = grid.segments
    right = max((_extent(s.text, xs[i]) for i, s in enumerate(segs)), default=0.0)
    rows = {}
    for i, g in enumerate(sizes.group):
        if g is not None:
            rows.setdefault(g, []).append(segs[i].row)
    room = [0.0] * len(segs)
    for i, s in enumerate(segs):
        g = sizes.group[i]
        if g is None or not (sizes.size[i] >= TITLE or _wraps(grid, sizes, i)):
            continue
        first, last = min(rows[g]), max(rows[g])
        # Another headline a row or two off stands beside it too: set in other sizes, their
        # baselines differ.
        beside = [xs[j] - GUTTER * sizes.size[j] * EM for j, t in enumerate(segs) if xs[j] > xs[i] and sizes.group[j] != g and (
            first <= t.row <= last or sizes.group[j] is not None and first - NEAR_HEADLINE <= t.row <= last + NEAR_HEADLINE)]
        room[i] = max(min(beside, default=right) - xs[i], _extent(s.text, 0.0))
    return tuple(room)


def _wraps(grid: Grid, sizes: Sizes, i: int) -> bool:
    """A kicker's or subtitle's line with its rest wrapped under it (a shorter line of its
    size next in its headline) spans the headline's width too; a series label wrapped onto
    its numbered rest (its last line is the one in `series`) is as wide as printed."""
    under = next((j for j in range(i + 1, len(grid.segments)) if sizes.group[j] == sizes.group[i]), None)
    if i in sizes.series or under in sizes.series:
        return False
    return (under is not None and sizes.size[under] == sizes.size[i]
            and width(grid.segments[under].text) < width(grid.segments[i].text))


def drawn_rules(grid: Grid, sizes: Sizes, xs: Sequence[float], tops: Sequence[float],
                width: float) -> Tuple[Rule, ...]:
    """The rules that close page one's masthead and a page's header, open its footer and
    underline series labels: pdftotext writes no rules, but the blank rows that part a band
    from the text stand where they were drawn."""
    bands = sizes.bands
    out = []
    for i in sizes.series:
        # The short rule a series label is printed over (or the band it is printed on):
        # pdftotext drops it, the label's numbered wording is what is left of it.
        x0, size = xs[i], sizes.size[i] * EM
        y = tops[i] + size + size / 4
        out.append(Rule(x0, y - 0.25, _extent(grid.segments[i].text, x0), y + 0.25))
    for band in (bands.masthead, bands.header):
        if band is not None:
            out.append(_rule_at(_bottom_of(grid, sizes, tops, band) + BLANK_ROW * EM / 2, width))
    if bands.footer is not None:
        out.append(_rule_at(_between_rows(grid, sizes, tops, bands.footer[0]), width))
    boxed = box_lines(grid)
    for row in parting_rows(grid, sizes):
        # Across the page, short of a 导读 box standing beside (its items run on over the gap).
        near = [xs[i] for i in boxed if abs(grid.segments[i].row - row) <= BOX_NEAR]
        y = _between_rows(grid, sizes, tops, row)
        out.append(Rule(0.0, y - 0.25, min(near, default=width + EM) - EM, y + 0.25))
    out.extend(continuations_apart(grid, sizes, xs, tops, width))
    return tuple(out)


def continuations_apart(grid: Grid, sizes: Sizes, xs: Sequence[float], tops: Sequence[float],
                        width: float) -> List[Rule]:
    """The column rule between a continuation opening with its 上接 line and what opens beside
    it on the right, level with it: another continuation with its own 上接 line (one under
    its jump head), or another article's headline. pdftotext drops it, and the continuation
    would otherwise be taken for text of the headline beside it. It runs from the higher
    opening down to the next band of articles, and never through a line."""
    segs = grid.segments
    opening = [i for i, s in enumerate(segs) if sizes.group[i] is None and V.JUMP_IN.match(s.text)]
    heads = [i for i, g in enumerate(sizes.group) if g is not None and not sizes.bands.holds(segs[i].row)]
    partings = parting_rows(grid, sizes)
    out = []
    for right in sorted(set(opening) | set(heads)):
        left = [i for i in opening if xs[i] < xs[right] and abs(segs[i].row - segs[right].row) <= OPENING_ROWS]
        if not left:
            continue
        first = min([right, *left], key=lambda i: tops[i])
        end = next((r for r in partings if r > segs[right].row), None)
        bottom = _between_rows(grid, sizes, tops, end) if end is not None else width * 10
        x = xs[right] - GUTTER * EM / 2
        drawn = any(abs(r.x0 + 0.25 - x) < 1.0 for r in out)
        cuts = any(xs[i] < x < _extent(t.text, xs[i]) and tops[first] <= tops[i] <= bottom
                   and not sizes.bands.holds(t.row) for i, t in enumerate(segs))
        if drawn or cuts:
            continue
        out.append(Rule(x - 0.25, tops[first], x + 0.25, bottom))
    return out


BOX_NEAR = 6
"""Rows of a box near a band's parting that keep the parting rule off it."""
PARTING_ROWS = 3
"""Blank rows across the whole page that part bands of articles, as a rule would."""


def parting_rows(grid: Grid, sizes: Sizes) -> List[int]:
    """The first row after each run of PARTING_ROWS blank rows or more that holds a headline
    (not inside one) or a continuation's 上接 line: a new band of articles under one that
    ended (a continuation set under another article opens with its 上接 line, no headline)."""
    blank = grid.blank()
    grouped = {}
    for i, g in enumerate(sizes.group):
        if g is not None:
            row = grid.segments[i].row
            low, high = grouped.get(g, (row, row))
            grouped[g] = (min(low, row), max(high, row))
    out, run = [], 0
    for r in range(grid.rows):
        if blank[r]:
            run += 1
            continue
        inside = any(low < r <= high for low, high in grouped.values())
        opens = any(sizes.group[i] is not None or V.JUMP_IN.match(s.text) for i, s in enumerate(grid.segments) if s.row == r)
        if (run >= PARTING_ROWS and r > run and opens and not inside and not sizes.bands.holds(r)
                and not sizes.bands.holds(r - run - 1)):
            out.append(r)
        run = 0
    return out


def _between_rows(grid: Grid, sizes: Sizes, tops: Sequence[float], row: int) -> float:
    """Halfway between the text above `row` and the text from it down."""
    above = max(tops[i] + flow_size(sizes, i) for i, s in enumerate(grid.segments) if s.row < row)
    below = min(tops[i] for i, s in enumerate(grid.segments) if s.row >= row)
    return (above + below) / 2


def _bottom_of(grid: Grid, sizes: Sizes, tops: Sequence[float], rows: Tuple[int, int]) -> float:
    return max(tops[i] + flow_size(sizes, i) for i, s in enumerate(grid.segments) if rows[0] <= s.row <= rows[1])


def _rule_at(y: float, width: float) -> Rule:
    return Rule(0.0, y - 0.25, width, y + 0.25)


def segment_glyphs(text: str, x: float, top: float, size: float, room: float = 0.0, spread: float = 0.0,
                   bold: bool = False) -> List[Glyph]:
    """One glyph per character; a title's glyphs are stretched over the `room` it spans, a
    justified line's set apart to `spread` (the room left is shared out between them); a
    heading's lines set apart from the body as bold."""
    bottom = top + size
    natural = _extent(text, 0.0)
    stretch = room / natural if room > natural > 0 else 1.0
    gap = (spread - natural) / (len(text) - 1) if spread > natural and len(text) > 1 else 0.0
    out = []
    for ch in text:
        if ch == " ":
            out.append(Glyph(" ", x, top, x + SPACE * size, bottom, size, bold))
            x += SPACE * size + gap
            continue
        advance = advance_of(ch) * stretch
        out.append(Glyph(ch, x, top, x + advance, bottom, size, bold))
        x += advance + gap
    return out


def justified(grid: Grid, sizes: Sizes, xs: Sequence[float], place: Across, body: BodyColumns) -> Tuple[float, ...]:
    """Per segment, the width (points) a body line short of its column's measure was set
    justified to, 0 for the rest: the next line of its paragraph (flush on the column's edge,
    under it) opens with characters that could not come up into the room left (禁则), or the
    line's figures reach as far as its column's full lines (spread out). pdftotext keeps no
    spacing; the layout reads a short line as a paragraph's last."""
    segs = grid.segments
    below, per_edge = body.below, body.measure
    ends = full_ends(grid, body.runs)
    out = [0.0] * len(segs)
    for i, s in enumerate(segs):
        edge = edge_of(s.col, grid.edges)
        # A line holding a word space (a byline's) keeps its spacing: the space is the word
        # break the layout reads.
        if (below[i] is None or below[i][1] or sizes.group[i] is not None or edge not in per_edge
                or edge not in place.edges or " " in s.text):
            continue
        # Room as the layout sees it (an indent is two ems, whatever pdftotext's count), as
        # short as it reads a paragraph's last line.
        under = segs[below[i][0]]
        room = per_edge[edge] - min(s.col - edge, INDENT) - width(s.text)
        if under.col == edge and SLACK <= room and (room < first_unit(under.text) + BREAK_SLACK
                                                    or spread_out(s, ends.get(edge))):
            out[i] = (place.edges[edge] + per_edge[edge]) * EM - xs[i]
    return tuple(out)


def heading_pairs(grid: Grid, sizes: Sizes, body: BodyColumns) -> Set[int]:
    """The lines of a body-sized heading centred in two lines amid a column's text (a subhead
    over its figure): set bold, as printed, so the layout keeps them one heading; pdftotext
    keeps no weight, and each line alone reads as a heading of its own."""
    out = set()
    for i, j in centred_pairs(grid, body.below, body.measure):
        if all(sizes.group[k] is None and not sizes.bands.holds(grid.segments[k].row) for k in (i, j)):
            out.update((i, j))
    return out


def advance_of(ch: str) -> float:
    """CJK, full-width and the marks CJK fonts set full width (“”…—) take an em; the rest half."""
    return EM if unicodedata.east_asian_width(ch) in ("W", "F", "A") else EM / 2


def _extent(text: str, x: float) -> float:
    return x + sum(advance_of(ch) for ch in text)


def flow_size(sizes: Sizes, k: int) -> float:
    """The room a line takes in the flow of its column: the paper's name takes a title's (its
    size says only that it towers over the page; the lines beside it are set in its depth)."""
    return min(sizes.size[k], TITLE) * EM


def indented_from(grid: Grid, xs: Sequence[float], place: Across) -> List[float]:
    """Where each line's room across starts: an indented line's at its column's edge (the
    indent is its own, so the line under it, back on the edge, comes under it)."""
    out = list(xs)
    for i, s in enumerate(grid.segments):
        edge = edge_of(s.col, grid.edges)
        if edge in place.edges and s.col > edge and 0 < xs[i] - place.edges[edge] * EM <= INDENT * EM:
            out[i] = place.edges[edge] * EM
    return out


def row_tops(grid: Grid, sizes: Sizes, lefts: Sequence[float], room: Sequence[float],
             xs: Sequence[float]) -> Tuple[float, ...]:
    """The top of each segment: rows in order, each line under what is above it in its own
    columns (so a row set between two rows of another column costs that column nothing); a
    row's lines share a top, but a headline's lines follow each other whatever stands beside.
    `lefts`: where each line's room across starts; `xs`: where its text starts."""
    segs = grid.segments
    blank = grid.blank()
    floor: List[Tuple[float, float, float, int]] = []  # (x0, x1, bottom, segment) of lines placed
    group_bottom: Dict[int, float] = {}
    tops = [0.0] * len(segs)
    previous_top = 0.0
    blanks = 0
    i = 0
    for row in range(grid.rows):
        if blank[row]:
            blanks += 1
            continue
        members = []
        while i < len(segs) and segs[i].row == row:
            members.append(i)
            i += 1
        lowest = previous_top + 0.01 + blanks * BLANK_ROW * EM
        placed = []
        for k in members:
            x0, x1 = lefts[k], max(_extent(segs[k].text, xs[k]), xs[k] + room[k])
            size = flow_size(sizes, k)
            # A headline's line stands under its previous line, however many rows of the
            # columns beside pdftotext set between them (they sort by baseline, and a taller
            # line's baseline is lower).
            top = group_bottom[sizes.group[k]] + HEADLINE_LEADING * size if sizes.group[k] in group_bottom else lowest
            for fx0, fx1, bottom, other in floor:
                if fx0 < x1 and x0 < fx1:
                    same = sizes.group[k] is not None and sizes.group[k] == sizes.group[other]
                    space = HEADLINE_LEADING * size if same else LEADING * size + blanks * BLANK_ROW * EM
                    top = max(top, bottom + space)
            placed.append((k, x0, x1, top))
        # Lines of one row share a baseline; a headline's lines are set on their own.
        shared = max((top for k, _, _, top in placed if sizes.group[k] is None), default=lowest)
        placed = [(k, x0, x1, top if sizes.group[k] is not None else shared) for k, x0, x1, top in placed]
        for k, x0, x1, top in placed:
            tops[k] = top
            if sizes.group[k] is not None:
                group_bottom[sizes.group[k]] = top + flow_size(sizes, k)
            floor = [f for f in floor if not (f[0] >= x0 and f[1] <= x1)]
            floor.append((x0, x1, top + flow_size(sizes, k), k))
        # The next row comes after this one wherever its columns have got to.
        previous_top = min(top for _, _, _, top in placed)
        blanks = 0
    return tuple(tops)
