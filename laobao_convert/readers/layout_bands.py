"""The bands of a `pdftotext -layout` page: page one's masthead, an inner page's header and
a page's footer, found from how the text's rows stand (pdftotext writes no rules: a band's
edge is the blank rows that part it from the page's text)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

from laobao_convert.readers.layout_grid import Grid, width

BAND_GAP = 2
"""Blank rows that part a header or footer band from the page's text."""
BAND_ROWS = 3
"""A header band is at most this many rows deep, a footer band one less."""
BAND_PIECES = 2
"""A header band's first row holds this many pieces at least (page number, name, date)."""
MASTHEAD_GAP = 3
"""Blank rows that end page one's masthead block; it is at least this many rows deep."""
NAME_WIDTH = 16
"""A paper's name is short (ems)."""


@dataclass(frozen=True)
class Bands:
    """Row ranges (first, last) of the page's bands, and the masthead's name (segment index)."""

    name: Optional[int] = None
    masthead: Optional[Tuple[int, int]] = None
    header: Optional[Tuple[int, int]] = None
    footer: Optional[Tuple[int, int]] = None

    def holds(self, row: int) -> bool:
        return any(band is not None and band[0] <= row <= band[1] for band in (self.masthead, self.header, self.footer))


def blocks(grid: Grid, gap: int = BAND_GAP) -> List[Tuple[int, int]]:
    """Runs of rows (first, last) parted by `gap` blank rows or more."""
    blank = grid.blank()
    out: List[Tuple[int, int]] = []
    start, last, run = None, 0, 0
    for r in range(grid.rows):
        if blank[r]:
            run += 1
            continue
        if start is None:
            start = r
        elif run >= gap:
            out.append((start, last))
            start = r
        last, run = r, 0
    if start is not None:
        out.append((start, last))
    return out


def find_bands(grid: Grid, first_page: bool) -> Bands:
    found = masthead(grid) if first_page else None
    name, band = found if found is not None else (None, None)
    runs = blocks(grid)
    header = None if band is not None else header_band(grid, runs)
    return Bands(name=name, masthead=band, header=header, footer=footer_band(grid, runs))


def masthead(grid: Grid) -> Optional[Tuple[int, Tuple[int, int]]]:
    """Page one's masthead: its name (segment index) and its rows. The name stands alone on
    its row, short, over a block of lines: the page's top line, or the first line under a
    shallow top block parted from it by blank rows (the edition's small fields set over the
    name: pdftotext leaves the name's towering height blank over it). The masthead runs down
    to the blank rows under the name's block."""
    segs = grid.segments
    if not segs:
        return None
    parts = blocks(grid, MASTHEAD_GAP)
    if len(parts) > 1 and _name_row(grid, parts[0]) is not None:
        return _name_row(grid, parts[0]), parts[0]
    if len(parts) > 2 and parts[0][1] - parts[0][0] + 1 < MASTHEAD_GAP and _name_row(grid, parts[1]) is not None:
        return _name_row(grid, parts[1]), (parts[0][0], parts[1][1])
    return None


def _name_row(grid: Grid, block: Tuple[int, int]) -> Optional[int]:
    """The block's first line when it stands alone on its row, short, and the block is at
    least MASTHEAD_GAP rows deep."""
    top = [i for i, s in enumerate(grid.segments) if s.row == block[0]]
    if len(top) != 1 or width(grid.segments[top[0]].text) > NAME_WIDTH or block[1] - block[0] + 1 < MASTHEAD_GAP:
        return None
    return top[0]


def header_band(grid: Grid, runs: List[Tuple[int, int]]) -> Optional[Tuple[int, int]]:
    """A band of a few rows at the top whose first row is a row of pieces (page number, page
    name, date), set apart by blank rows."""
    if len(runs) < 2 or runs[0][1] - runs[0][0] >= BAND_ROWS:
        return None
    first = [s for s in grid.segments if s.row == runs[0][0]]
    return runs[0] if len(first) >= BAND_PIECES else None


def footer_band(grid: Grid, runs: List[Tuple[int, int]]) -> Optional[Tuple[int, int]]:
    """A row or two at the foot, set apart by blank rows, running across the page."""
    if len(runs) < 2 or runs[-1][1] - runs[-1][0] >= BAND_ROWS - 1:
        return None
    band = [s for s in grid.segments if runs[-1][0] <= s.row <= runs[-1][1]]
    reach = max(s.end for s in grid.segments)
    if max(s.end for s in band) - min(s.col for s in band) < reach / 2:
        return None
    return runs[-1]


BOX_REACH = 6
"""Positions either side of a box title that its items may start or end at (a title is
centred over its items)."""


ITEM_LINES = 3
"""An item's title runs to its page reference within this many lines."""
_PAGE_REFERENCE = re.compile(r"(?:第?\s*[0-9０-９A-D一二三四五六七八九十]{1,3}\s*版)\s*[)）]?\s*$")


def box_lines(grid: Grid) -> Tuple[int, ...]:
    """Segments of 导读 (要目) boxes: the title and the items under it in its columns, each
    ending in its page (…2版); an item's title is a headline, set large or small, but the
    box's, not the page's."""
    from laobao_convert import vocabulary as V

    segs = grid.segments
    out: List[int] = []
    for i, title in enumerate(segs):
        if not V.BOX_TITLE.match(title.text):
            continue
        x0, x1 = title.col - BOX_REACH, title.end + BOX_REACH
        taken, pending = [i], []
        for j in range(i + 1, len(segs)):
            s = segs[j]
            if not (s.col < x1 and s.end > x0 and s.row > title.row):
                continue
            pending.append(j)
            if _PAGE_REFERENCE.search(s.text):
                taken += pending
                pending = []
            elif len(pending) >= ITEM_LINES:
                break
        out.extend(taken)
    return tuple(out)
