"""A type size for each segment of a `pdftotext -layout` grid, in ems of the body text.

pdftotext -layout writes one position per character whatever its size, so sizes are read
from how segments stand (laobao_convert.readers.layout_headings): body text runs in columns;
headline lines stacked together are one headline, whose title is the largest part (a
kicker above it, a subtitle below it, a series label over them); a photo caption is set
smaller than the body; page one's name towers over everything. Only the sizes' order
matters to the layout rules, which measure everything against the body.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import List, Optional, Sequence, Tuple

from laobao_convert import vocabulary as V
from laobao_convert.readers.layout_bands import Bands, box_lines, find_bands
from laobao_convert.readers.layout_grid import Grid, width
from laobao_convert.readers.layout_headings import GROUP_ROWS, caption_lines, heading_flags
from laobao_convert.readers.layout_runs import chains, neighbours_below, overlaps
from laobao_convert.readers.layout_wording import is_series_label


BODY = 1.0
TITLE = 2.0
"""A title's size: only its order among the sizes matters to the layout (a title is larger
than its kicker and subtitle, which are larger than the body)."""
SECONDARY = 1.5
MASTHEAD = 4.0
"""The paper's name towers over every headline."""
CAPTION = 0.9
"""A photo caption is set smaller than the body."""
WRAPPED_REST = 0.5
"""A headline line under one at least twice as wide is its rest, wrapped."""
WRAP_ROWS = GROUP_ROWS
WRAP_SLACK = 1.0
"""Ems a wrapped headline line may fall short of the line under it (a narrow mark, a
half-width figure)."""
KICKER_OVER_WRAP = 3
"""Lines of a headline's first block that may hold a kicker over a title wrapped under it."""
KICKER_GAP = 1
"""Blank rows under a headline's first block that make it the kicker: pdftotext sets rows
down by the type size of the line above, so space under small type over a larger title
shows as blank rows, while a title is followed at once by what comes under it."""


@dataclass(frozen=True)
class Sizes:
    """Per segment (index in the grid): its size in body ems, and the headline group it is in
    (None for body type)."""

    size: Tuple[float, ...]
    group: Tuple[Optional[int], ...]
    bands: Bands = Bands()
    series: Tuple[int, ...] = ()
    """Series labels over headlines (printed over a short rule or on a band of colour)."""


def estimate(grid: Grid, first_page: bool) -> Sizes:
    """Every segment's size, its headline group, the page's bands and series labels."""
    flags = heading_flags(grid)
    segs = grid.segments
    bands = find_bands(grid, first_page)
    name = bands.name
    # A band's lines are its fields, whatever they look like.
    boxed = set(box_lines(grid))
    flags = [f and not bands.holds(segs[i].row) and i not in boxed for i, f in enumerate(flags)]
    sizes = [BODY] * len(segs)
    group: List[Optional[int]] = [None] * len(segs)
    groups: List[List[int]] = []
    for i, s in enumerate(segs):
        if not flags[i]:
            continue
        for g in reversed(groups):
            last = segs[g[-1]]
            if 0 < s.row - last.row <= GROUP_ROWS and overlaps(last, s, grid.edges) and not _between(grid, flags, g[-1], i):
                g.append(i)
                break
        else:
            groups.append([i])
    series: List[int] = []
    # A column's label runs over each of its articles: a headline's first line repeated
    # word for word over another headline of the page, naming no act (a kicker's clause may
    # be repeated too), is the label, not a title.
    firsts = Counter(segs[g[0]].text for g in groups if len(g) > 1)
    for n, g in enumerate(groups):
        first = segs[g[0]].text
        repeated = len(g) > 1 and firsts[first] > 1 and not V.KICKER_CUE.search(first)
        label = 1 if repeated else _series_lines(grid, g)
        if label:
            # A series label over the headline (its rest wrapped under it): no part of it.
            series.append(g[label - 1])
            for i in g[:label]:
                sizes[i], group[i] = SECONDARY, n
            g = g[label:]
        for i, size in zip(g, _part_sizes(grid, g)):
            sizes[i], group[i] = size, n
    for i in caption_lines(grid, chains(grid, neighbours_below(grid))):
        if group[i] is None:
            sizes[i] = CAPTION
    if name is not None:
        sizes[name] = MASTHEAD
    return Sizes(size=tuple(sizes), group=tuple(group), bands=bands, series=tuple(series))


def merge_groups(sizes: Sizes, upper: int, lower: int) -> Sizes:
    """A kicker or series label left without its title (group `upper`) and the headline set
    apart from it (group `lower`) as one headline: the label or kicker over the headline's
    own parts."""
    size = tuple(SECONDARY if g == upper else s for s, g in zip(sizes.size, sizes.group))
    return replace(sizes, size=size, group=tuple(upper if g == lower else g for g in sizes.group))


def _series_lines(grid: Grid, group: Sequence[int]) -> int:
    """How many lines at the head of a headline are a series label: its first line, or its
    first two when the label's end was wrapped onto a shorter rest."""
    segs = grid.segments
    blank = grid.blank()
    for n in (1, 2):
        if len(group) <= n:
            break
        if n == 2 and width(segs[group[1]].text) >= width(segs[group[0]].text):
            break
        text = "".join(segs[i].text for i in group[:n])
        if is_series_label(text, any(blank[r] for r in range(segs[group[n - 1]].row + 1, segs[group[n]].row))):
            return n
    return 0


def _between(grid: Grid, flags: Sequence[bool], a: int, b: int) -> bool:
    """Body text stands between two heading lines in their columns."""
    sa, sb = grid.segments[a], grid.segments[b]
    return any(not flags[k] and sa.row < t.row < sb.row and overlaps(sa, t, grid.edges)
               for k, t in enumerate(grid.segments[a + 1:b], start=a + 1))


def _part_sizes(grid: Grid, group: Sequence[int]) -> List[float]:
    """Kicker / title / subtitle sizes for one headline's lines, top to bottom, in blocks of
    rows set one under the other: a line opening with a dash and all under it are the
    subtitle; of the rest, the first block is the kicker when it reads as one (a whole clause
    saying who did what), two blank rows part it from the next or a ——subtitle follows; the
    next block is the title and any under it the subtitle."""
    segs = [grid.segments[i] for i in group]
    sub = next((k for k, s in enumerate(segs) if V.SUBTITLE_START.match(s.text)), len(segs))
    head = segs[:sub]
    blocks: List[List[int]] = []
    for k, s in enumerate(head):
        above = head[k - 1] if k else None
        # A short rest under a line is that line wrapped (its last word or two carried over),
        # however far pdftotext set it down.
        wrapped = above is not None and s.row - above.row <= WRAP_ROWS and width(s.text) <= WRAPPED_REST * width(above.text)
        # pdftotext sets rows of the columns beside between a tall headline's lines: lines
        # with no blank row between are one block unless the upper one stops short of the
        # lower (it was no wrap: a line of other type over it).
        run_on = (above is not None and not grid.own_blanks(group[k - 1], group[k])
                  and width(above.text) + WRAP_SLACK >= width(s.text))
        # A headline's first line narrower than the line under it on the next row is no
        # wrap into it (a wrapped line is its block's widest): a kicker over the title.
        next_row = above is not None and s.row - above.row == 1 and (k > 1 or width(above.text) + WRAP_SLACK >= width(s.text))
        if blocks and (next_row or wrapped or run_on):
            blocks[-1].append(k)
        else:
            blocks.append([k])
    dashed = sub < len(segs)
    cue = bool(V.KICKER_CUE.search(head[0].text)) if head else False
    # Two lines: the lower one more than a short rest of the upper (a wrap carries over a
    # word or two) under a line reading as a kicker.
    over_one = len(head) == 2 and cue and width(head[1].text) > WRAPPED_REST * width(head[0].text)
    if len(blocks) == 1 and (len(head) >= KICKER_OVER_WRAP and (dashed or cue) or over_one) and all(
            width(s.text) + WRAP_SLACK < width(head[0].text) for s in head[1:]):
        # A line wider than every line of the title under it (wrapped in one column, or one
        # line) is set smaller (more characters fill the width): the kicker, though no blank
        # row parts it.
        blocks = [[0], list(range(1, len(head)))]
    kicker, title_end = 0, len(head)
    if len(blocks) > 1:
        first = "".join(head[k].text for k in blocks[0])
        gap = grid.own_blanks(group[blocks[0][-1]], group[blocks[1][0]])
        if V.KICKER_CUE.search(first) or gap >= KICKER_GAP or dashed:
            kicker = len(blocks[0])
        title = next(n for n, block in enumerate(blocks) if block[0] >= kicker)
        if title + 1 < len(blocks):
            title_end = blocks[title + 1][0]  # blocks under the title: a subtitle
    return [TITLE if kicker <= k < min(sub, title_end) else SECONDARY for k in range(len(segs))]
