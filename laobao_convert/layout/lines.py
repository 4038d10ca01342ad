"""Glyphs -> lines: one visual line within one column, CJK joined, Latin words spaced.

Rows are found by sorting glyph centres (a sweep, O(n log n)); a row is cut into lines where
the horizontal gap is a column gutter or a vertical rule runs through it, so lines never
cross columns. Content-stream order plays no part.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache
from operator import itemgetter
from collections import Counter
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from laobao_convert.layout.geometry import Glyph, Rule, TextLine

ROW_TOLERANCE = 0.35
"""Glyph centres within this share of the smaller size sit on one row."""
CJK_GAP = 0.45
"""Solid-set CJK has no gaps: one this wide (ems) may be a column gutter, decided later (a
full stop hanging into the gutter leaves barely half an em of it)."""
GUTTER = 1.0
"""A space glyph further than this many ems from the text before it is not a word space."""
LATIN_GAP = 0.8
"""Between Latin glyphs, an inked gap this wide (ems) may be a column gutter, decided later."""
REJOIN = 2.5
"""A gap narrower than this (ems) is rejoined unless it is a column gutter."""
LATIN_SPACE = 0.2
"""A gap this wide (ems) between Latin letters or digits is a word space."""
CJK_SPACE = 0.6
"""CJK text is set solid; only a gap this wide (ems) between two CJK glyphs is a real space."""


@lru_cache(maxsize=8192)
def is_wide(char: str) -> bool:
    """CJK ideographs, kana, hangul and full-width punctuation: joined without spaces."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def needs_space(left: str, right: str, gap: float, size: float) -> bool:
    if is_wide(left) and is_wide(right):
        return gap > CJK_SPACE * size
    return gap > LATIN_SPACE * size


def group_rows(glyphs: Sequence[Glyph]) -> List[List[Glyph]]:
    """Glyphs whose vertical centres agree, top to bottom; each row sorted left to right."""
    # Sorted on keys made once, the index breaking ties as a stable sort would.
    ordered = sorted([((g.top + g.bottom) / 2, g.x0, i, g.size) for i, g in enumerate(glyphs)])
    rows: List[List[Glyph]] = []
    row: List[Glyph] = []
    start = 0.0
    start_size = 0.0
    for centre, _, i, size in ordered:
        # min(start_size, size), spelt out: this runs for every glyph.
        if row and centre - start <= ROW_TOLERANCE * (size if size < start_size else start_size):
            row.append(glyphs[i])
            continue
        row = [glyphs[i]]
        rows.append(row)
        start, start_size = centre, size
    for row in rows:
        row.sort(key=_ACROSS)
    return rows


_ACROSS = itemgetter(1, 2)
"""A glyph's (x0, top): the order along a row."""


def _crossed(rules: Sequence[Rule], x0: float, x1: float, top: float, bottom: float) -> bool:
    middle = (top + bottom) / 2
    return any(x0 <= rule.x <= x1 and rule.top <= middle <= rule.bottom for rule in rules)


@dataclass
class Run:
    """Glyphs of one line in the making; `spaced[i]`: a space glyph stood before glyph i."""

    glyphs: List[Glyph]
    spaced: List[bool]


def split_row(row: Sequence[Glyph], rules: Sequence[Rule] = ()) -> List[Run]:
    """Cut one row at every gap that could be a column gutter or has a vertical rule in it."""
    runs: List[Run] = []
    glyphs: List[Glyph] = []  # the run in the making, with its `spaced`
    spaced_list: List[bool] = []
    right = 0.0  # right edge reached so far, space glyphs included
    spaced = False
    last_text, last_x1, last_size = "", 0.0, 0.0
    for glyph in row:
        text, x0, top, x1, bottom, size, _, _, _, _ = glyph
        if not text or text.isspace():
            if glyphs and x0 - right < GUTTER * size:
                spaced = True
                right = max(right, x1)
            continue
        if glyphs:
            gap = x0 - last_x1
            # max(min(last_size, size), 0.1), spelt out: this runs for every glyph.
            least = size if size < last_size else last_size
            least = 0.1 if 0.1 > least else least
            # Every cut below needs a gap wider than 0.3 em: narrower ones (solid-set CJK, the
            # letters of a word) are passed without the finer tests.
            if gap > 0.3 * least:
                latin = not (is_wide(last_text[-1]) or is_wide(text[0]))
                # Only between Latin words can a space glyph mean a (justified) word space;
                # after CJK text a space glyph is trailing padding and the gap is measured from
                # the ink. Every gap that might be a column gutter is cut here; `rejoin` puts
                # back those the lines around show to be spaces within a column.
                if latin:
                    cut = gap > LATIN_GAP * least
                else:
                    cut = gap > CJK_GAP * least
                if cut or _crossed(rules, last_x1, x0, top, bottom):
                    runs.append(Run(glyphs, spaced_list))
                    glyphs, spaced_list = [], []
        if glyphs:
            glyphs.append(glyph)
            spaced_list.append(spaced)
        else:
            glyphs, spaced_list = [glyph], [False]
        last_text, last_x1, last_size = text, x1, size
        right = x1
        spaced = False
    if glyphs:
        runs.append(Run(glyphs, spaced_list))
    return runs


ALIGN = 1.5
"""Edges within this many points line up."""
NEAR_LINES = 4
"""A gap is compared with the rows within this many line pitches above and below (rows of
other columns, set on other baselines, lie between them)."""
MAX_NEAR_ROWS = 40


def row_spans(rows: Sequence[Sequence[Run]]) -> List[List[Tuple[float, float, float]]]:
    """Per row, the horizontal extent and type size of each run."""
    return [[(r.glyphs[0].x0, r.glyphs[-1].x1, r.glyphs[0].size) for r in runs] for runs in rows]


def widest_opening(spans: Sequence[Tuple[float, float, float]], a: float, b: float) -> float:
    """The widest stretch of (a, b) that none of the spans covers."""
    widest, x = 0.0, a
    for x0, x1, _ in sorted(spans):
        if x1 <= x:
            continue
        if x0 >= b:
            break
        widest = max(widest, x0 - x)
        x = max(x, x1)
    return max(widest, b - x)


PAGE_EDGE_LINES = 8
"""A column edge is a page's own when this many lines of a size start (or end) on it: full
lines all end on their column's right edge, while on a CJK grid a few lines meet at any
point by chance (short last lines, a caption's spaced credit)."""
GRID_GUTTER = 1.2
"""A gap on the page's column edges is a gutter only if at least this wide (ems): gutters
are wider than a word space."""


@dataclass(frozen=True)
class PageEdges:
    """Where the lines of each type size start and end, over the whole page."""

    starts: Dict[float, Tuple[float, ...]]
    ends: Dict[float, Tuple[float, ...]]

    def count(self, edges: Dict[float, Tuple[float, ...]], x: float, size: float) -> int:
        xs = edges.get(round(size, 1), ())
        return bisect_right(xs, x + ALIGN) - bisect_left(xs, x - ALIGN)

    def is_column_edge_pair(self, a: float, b: float, size: float) -> bool:
        """Many lines of this size end at `a` and many start at `b`: a gutter of the grid."""
        return self.count(self.ends, a, size) >= PAGE_EDGE_LINES and self.count(self.starts, b, size) >= PAGE_EDGE_LINES


def page_edges(spans: Sequence[Sequence[Tuple[float, float, float]]]) -> PageEdges:
    starts: Dict[float, List[float]] = {}
    ends: Dict[float, List[float]] = {}
    for row in spans:
        for x0, x1, size in row:
            starts.setdefault(round(size, 1), []).append(x0)
            ends.setdefault(round(size, 1), []).append(x1)
    return PageEdges(
        starts={k: tuple(sorted(v)) for k, v in starts.items()}, ends={k: tuple(sorted(v)) for k, v in ends.items()}
    )


def is_gutter(
    gap: Tuple[float, float],
    near: Sequence[Sequence[Tuple[float, float, float]]],
    size: float,
    edges: Optional[PageEdges] = None,
) -> bool:
    """A gap is a column gutter when it stays empty in the rows around it and one of its sides
    lines up with theirs: a gutter runs down the page between column edges, while a wide
    space in one line (本报记者 游朔, a stretched line, a long byline running past its column)
    has full lines above and below it or stops short of the next column's edge."""
    a, b = gap
    width = b - a
    votes_empty = votes_full = ends_aligned = 0
    starts_aligned = False
    for spans in near:
        # Only lines of the same type are evidence: a headline above is no column.
        touching = [
            s for s in spans if s[1] > a - 3 * size and s[0] < b + 3 * size and abs(s[2] - size) <= 0.05 * size
        ]
        if not touching:
            continue  # nothing there: no evidence either way
        if widest_opening(touching, a, b) >= min(0.5 * size, 0.5 * width):
            votes_empty += 1
        else:
            votes_full += 1
        starts_aligned = starts_aligned or any(abs(x0 - b) <= ALIGN for x0, _, _ in touching)
        ends_aligned += any(abs(x1 - a) <= ALIGN for _, x1, _ in touching)
    # Both sides of the gap on the page's column grid: lines of this size elsewhere on the page
    # end where this gap opens and start where it closes. A space inside one column cannot
    # reach from one column's edge to the next's; rows around may say nothing (a photo or a
    # caption above, a short line below).
    on_grid = edges is not None and width >= GRID_GUTTER * size and edges.is_column_edge_pair(a, b, size)
    if votes_empty == votes_full == 0:
        return width > 1.5 * size or on_grid
    # The next column's edge is the surest sign; this column's right edge (shared by its full
    # lines, but on a CJK grid also by chance) must be seen twice.
    # A line running a little past its column's edge (a justified line stretched by a space)
    # leaves this side off the grid: the far side, where many of the page's lines start, is
    # then evidence enough when the rows around are open there.
    opens_column = edges is not None and edges.count(edges.starts, b, size) >= PAGE_EDGE_LINES
    return votes_empty > votes_full and (starts_aligned or ends_aligned >= 2 or on_grid or opens_column)


def rejoin(
    runs: List[Run],
    near: Sequence[Sequence[Tuple[float, float, float]]],
    rules: Sequence[Rule],
    edges: Optional[PageEdges] = None,
) -> List[Run]:
    """Rejoin runs cut at a wide space that is not a column gutter."""
    out: List[Run] = []
    for run in runs:
        if out:
            last, first = out[-1].glyphs[-1], run.glyphs[0]
            size = max(min(last.size, first.size), 0.1)
            if (
                abs(last.size - first.size) <= 0.05 * size
                and first.x0 - last.x1 <= REJOIN * size
                and not _crossed(rules, last.x1, first.x0, first.top, first.bottom)
                and not is_gutter((last.x1, first.x0), near, size, edges)
            ):
                out[-1] = Run(out[-1].glyphs + run.glyphs, out[-1].spaced + run.spaced)
                continue
        out.append(run)
    return out


def typical_gap(glyphs: Sequence[Glyph]) -> float:
    """The usual gap between neighbouring glyphs of a line: its letter spacing (a justified
    or stretched line spaces every glyph alike)."""
    return _median_gap(_gaps(glyphs))


def _gaps(glyphs: Sequence[Glyph]) -> List[float]:
    return [b.x0 - a.x1 for a, b in zip(glyphs, glyphs[1:])]


def _median_gap(gaps: Sequence[float]) -> float:
    ordered = sorted([gap if gap > 0.0 else 0.0 for gap in gaps])
    return ordered[len(ordered) // 2] if len(ordered) >= 2 else 0.0


def _line_text(texts: Sequence[str], sizes: Sequence[float], gaps: Sequence[float], spacing: float,
               spaced: Sequence[bool]) -> str:
    """The glyphs' text, a space where a space glyph stood or the gap beyond the line's own
    letter spacing is a word space."""
    least = min(sizes)
    if True not in spaced and (not gaps or max(gaps) - spacing <= LATIN_SPACE * (0.1 if 0.1 > least else least)):
        # No gap is wide enough for a space even at the line's smallest size (solid-set CJK).
        return "".join(texts)
    parts = [texts[0]]
    left_text, left_size = texts[0], sizes[0]
    for index in range(1, len(texts)):
        text, size = texts[index], sizes[index]
        if spaced[index]:
            parts.append(" ")
        else:
            # max(min(left_size, size), 0.1), spelt out: this runs for every glyph.
            least = size if size < left_size else left_size
            least = 0.1 if 0.1 > least else least
            gap = gaps[index - 1] - spacing
            # needs_space: never for a gap of 0.2 em or less (solid-set CJK, a word's letters).
            if gap > LATIN_SPACE * least and needs_space(left_text[-1], text[0], gap, least):
                parts.append(" ")
        parts.append(text)
        left_text, left_size = text, size
    return "".join(parts)


def make_line(run: Run) -> TextLine:
    glyphs = run.glyphs
    gaps = _gaps(glyphs)
    spacing = _median_gap(gaps)
    texts, x0s, tops, x1s, bottoms, sizes, bolds, faces, colors, confidences = zip(*glyphs)
    text = _line_text(texts, sizes, gaps, spacing, run.spaced)
    first = glyphs[0]
    count = len(glyphs)
    bold = sum(map(bool, bolds)) * 2 > count
    # One size, face and colour: the line's are its first glyph's.
    alike = (all(s == first.size for s in sizes) and faces.count(first.face) == count
             and all(c == first.color for c in colors))
    if alike:
        size, face, color = round(first.size, 1), first.face, first.color
    else:
        counted = Counter(round(s, 1) for s in sizes)
        # The most common size; on a tie the larger, so a line's size is not dragged down by a
        # few small glyphs such as a bracketed note.
        size = max(counted.items(), key=lambda item: (item[1], item[0]))[0]
        face = Counter(faces).most_common(1)[0][0]
        color = Counter(colors).most_common(1)[0][0]
    # A text layer's glyphs carry no confidence: only an OCRed line pays for the look.
    confidence = min((c for c in confidences if c is not None), default=None) \
        if first.confidence is not None else None
    return TextLine(text=text, x0=min(x0s), top=min(tops), x1=max(x1s), bottom=max(bottoms), size=size,
                    bold=bold, face=face, color=color, spacing=spacing, confidence=confidence)


def build_lines(glyphs: Sequence[Glyph], rules: Sequence[Rule] = ()) -> Tuple[TextLine, ...]:
    """All lines of a page, sorted top to bottom, then left to right."""
    vertical = [rule for rule in rules if not rule.horizontal]
    grouped = group_rows(glyphs)
    rows = [split_row(row, vertical) for row in grouped]
    spans = row_spans(rows)
    edges = page_edges(spans)
    centres = [(row[0].top + row[0].bottom) / 2 for row in grouped]
    lines: List[TextLine] = []
    for index, fragments in enumerate(rows):
        if not fragments:
            continue  # a row of space glyphs only
        if len(fragments) > 1:
            size = max(run.glyphs[0].size for run in fragments)
            reach = NEAR_LINES * 1.8 * size
            near = [
                spans[j]
                for j in range(max(0, index - MAX_NEAR_ROWS), min(len(rows), index + MAX_NEAR_ROWS + 1))
                if j != index and abs(centres[j] - centres[index]) <= reach
            ]
            fragments = rejoin(fragments, near, vertical, edges)
        lines.extend(make_line(run) for run in fragments)
    lines.sort(key=lambda line: (round(line.top, 1), line.x0))
    return tuple(lines)
