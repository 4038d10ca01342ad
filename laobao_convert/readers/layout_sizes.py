"""A type size for each segment of a `pdftotext -layout` grid, in ems of the body text.

pdftotext -layout writes one position per character whatever its size, so the size must be
read from how a segment stands among the others:
- body text is set in columns: runs of rows, one under the other with no blank row between,
  starting on one column edge and filling the same measure (justified);
- a heading stands apart: alone in its rows, or wider than the column under it, or a short
  unpunctuated line over an indented first line; headings stacked together are one headline,
  whose title is the largest part (kicker above it, a ——subtitle below it);
- the paper's name, on page one, heads a block of short lines beside and under it that no
  other text of its size could leave room for.
Bylines, datelines and jump lines are body type however they stand (their wording says so).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from laobao_convert import vocabulary as V
from laobao_convert.readers.layout_bands import Bands, box_lines, find_bands
from laobao_convert.readers.layout_grid import Grid, Segment, edge_of
from laobao_convert.parse.text import ends_sentence
from laobao_convert.readers.layout_grid import width

BODY = 1.0
TITLE = 2.0
"""A title's size: only its order among the sizes matters to the layout (a title is larger
than its kicker and subtitle, which are larger than the body)."""
SECONDARY = 1.5
MASTHEAD = 4.0
"""The paper's name towers over every headline."""
CAPTION = 0.9
"""A photo caption is set smaller than the body."""
CAPTION_LINES = 4
MIN_CHAIN = 3
"""A column's body: this many rows at least, one under another."""
SLACK = 1.0
"""Ems a line may exceed or fall short of its column's measure and still fill it."""
GROUP_ROWS = 4
"""Heading lines this many rows apart at most, one over another, are one headline."""
"""Blank rows that end page one's masthead block."""


@dataclass(frozen=True)
class Sizes:
    """Per segment (index in the grid): its size in body ems, and the headline group it is in
    (None for body type)."""

    size: Tuple[float, ...]
    group: Tuple[Optional[int], ...]
    bands: Bands = Bands()
    series: Tuple[int, ...] = ()
    """Series labels over headlines (printed over a short rule or on a band of colour)."""


def _overlaps(a: Segment, b: Segment, edges: Sequence[int]) -> bool:
    return edge_of(a.col, edges) < b.end and edge_of(b.col, edges) < a.end


def neighbours_below(grid: Grid) -> List[Optional[Tuple[int, int]]]:
    """Per segment: (index of the nearest segment under it that shares its columns, blank rows
    between them), or None."""
    blank = grid.blank()
    segs = grid.segments
    out: List[Optional[Tuple[int, int]]] = []
    for i, s in enumerate(segs):
        found = None
        for j in range(i + 1, len(segs)):
            t = segs[j]
            if t.row > s.row and _overlaps(s, t, grid.edges):
                found = (j, sum(1 for r in range(s.row + 1, t.row) if blank[r]))
                break
        out.append(found)
    return out


def chains(grid: Grid, below: Sequence[Optional[Tuple[int, int]]]) -> List[List[int]]:
    """Runs of segments set one under another on one column edge with no blank row between."""
    above: Dict[int, int] = {}
    for i, nb in enumerate(below):
        if nb is not None and nb[1] == 0 and nb[0] not in above:
            s, t = grid.segments[i], grid.segments[nb[0]]
            if edge_of(s.col, grid.edges) == edge_of(t.col, grid.edges):
                above[nb[0]] = i
    nxt = {i: j for j, i in above.items()}
    out = []
    for i in range(len(grid.segments)):
        if i in above:
            continue
        run = [i]
        while run[-1] in nxt:
            run.append(nxt[run[-1]])
        out.append(run)
    return out


def measures(grid: Grid, runs: Sequence[Sequence[int]]) -> Tuple[Dict[int, float], float]:
    """The width body lines fill, per column edge, and over the page."""
    per_edge: Dict[int, Counter] = {}
    page: Counter = Counter()
    for run in runs:
        if len(run) < MIN_CHAIN:
            continue
        for i in run:
            s = grid.segments[i]
            if s.col in grid.edges:
                w = round(width(s.text))
                per_edge.setdefault(s.col, Counter())[w] += 1
                page[w] += 1
    typical = max(page.items(), key=lambda kv: (kv[1], kv[0]))[0] if page else 0.0
    return {e: max(c.items(), key=lambda kv: (kv[1], kv[0]))[0] for e, c in per_edge.items()}, float(typical)


def _worded_opening(text: str) -> bool:
    return not V.CAPTION_CREDIT.search(text) and bool(
        V.BYLINE.match(text) or V.DATELINE.match(text) or V.AUTHOR_LINE.match(text) or V.JUMP_IN.search(text))


def _opens_text(grid: Grid, s: Segment, edge: Optional[int] = None) -> bool:
    """An article's text opening: an indented first line, a byline, a dateline, an author's
    line or a continuation's 上接 line."""
    edge = edge_of(s.col, grid.edges) if edge is None else edge
    text = s.text
    if V.CAPTION_CREDIT.search(text):
        return False  # a photo's credit (记者 X 摄) reads as a byline
    return s.col > edge or _worded_opening(text)


def _body_by_wording(text: str) -> bool:
    return bool(V.BYLINE.match(text) or V.DATELINE.match(text) or V.JUMP_OUT.search(text)
                or V.JUMP_IN.search(text) or V.AUTHOR_LINE.match(text) or V.CAPTION_CREDIT.search(text)
                or V.CAPTION_START.match(text) or V.CAPTION_SCENE.match(text)
                or V.NOTICE_SOLE_FIELD.match(text) or V.NOTICE_PHRASE.search(text))


def heading_flags(grid: Grid) -> List[bool]:
    below = neighbours_below(grid)
    runs = chains(grid, below)
    per_edge, typical = measures(grid, runs)
    segs = grid.segments
    in_body = set(i for run in runs if len(run) >= MIN_CHAIN for i in run)
    flags = [False] * len(segs)
    columns = _running_columns(grid, runs)
    for run in runs:
        parts = spaced_parts(grid, run)
        for part in parts:
            for k, (i, flag) in enumerate(zip(part, _part_flags(grid, part, per_edge, typical, in_body,
                                                                len(run) >= MIN_CHAIN))):
                narrow = width(segs[i].text) <= (per_edge.get(edge_of(segs[i].col, grid.edges), typical) or 0) + SLACK
                # A byline, dateline or 上接 under it makes it a title, whatever runs beside.
                titled = k + 1 < len(part) and _worded_opening(segs[part[k + 1]].text)
                flags[i] = flag and not (narrow and not titled and _amid_text(grid, i, columns))
        for i in _spaced_head(grid, parts, in_body):
            flags[i] = True
    return flags


def _running_columns(grid: Grid, runs: Sequence[Sequence[int]]) -> List[Tuple[int, int, int]]:
    """(column edge, first row, last row) of each column of text on the page."""
    segs = grid.segments
    return [(edge_of(segs[run[0]].col, grid.edges), segs[run[0]].row, segs[run[-1]].row)
            for run in runs if len(run) >= MIN_CHAIN]


def _amid_text(grid: Grid, index: int, columns: Sequence[Tuple[int, int, int]]) -> bool:
    """A line no wider than its column with the text of the next column on either side running
    past it, above and below: a subhead in a page of running text, not a headline (which
    opens a band of its own, with space or other headlines beside it)."""
    s = grid.segments[index]
    edge = edge_of(s.col, grid.edges)
    left = max((e for e in grid.edges if e < edge), default=None)
    right = min((e for e in grid.edges if e > edge), default=None)
    return any(e in (left, right) and first < s.row - 1 and last > s.row + 1 for e, first, last in columns)


SPACED_HEAD_LINES = 2


def _spaced_head(grid: Grid, parts: Sequence[Sequence[int]], in_body: set) -> List[int]:
    """Lines over a column's text set further apart than its rows, each a line or two, none
    a sentence's end: a headline in type taller than the text (a first paragraph opening
    under them, indented or with a byline or dateline, shows where the text starts). A run
    may hold several: an article under another's end in one column."""
    segs = grid.segments

    def heading_like(i: int) -> bool:
        return not (ends_sentence(segs[i].text) or _body_by_wording(segs[i].text)
                    or _in_a_row_of_pieces(i, segs, in_body))

    out: List[int] = []
    for n, part in enumerate(parts):
        opener = next((k for k, i in enumerate(part) if _opens_text(grid, segs[i])), None)
        if opener is None or opener > SPACED_HEAD_LINES:
            continue
        if len(part) - opener < 2 and not _worded_opening(segs[part[opener]].text):
            continue  # an indented line alone says little: a byline or dateline says more
        m = n
        while m > 0 and len(parts[m - 1]) <= SPACED_HEAD_LINES and all(heading_like(i) for i in parts[m - 1]):
            m -= 1
        if m < n and all(heading_like(i) for i in part[:opener]):
            out += [i for p in parts[m:n] for i in p] + list(part[:opener])
    return out


LOCAL_STEPS = 3
"""How many steps under a line show its column's leading there (pdftotext interleaves a
column's rows with another frame's over part of its length only)."""


def spaced_parts(grid: Grid, run: Sequence[int]) -> List[List[int]]:
    """A run cut where its rows stand further apart than the column's step just under them:
    more room above a line than its column's leading (rows of another column set between two
    rows of this one, as pdftotext interleaves frames on other baselines, are its step)."""
    segs = grid.segments
    steps = [segs[b].row - segs[a].row for a, b in zip(run, run[1:])]
    counts = Counter(steps)
    usual = max(counts, key=lambda step: (counts[step], -step)) if steps else 1
    parts = [[run[0]]]
    for k, (i, step) in enumerate(zip(run[1:], steps)):
        local = min(steps[k + 1:k + 1 + LOCAL_STEPS], default=usual)
        if step > local and step > usual:
            parts.append([i])
        else:
            parts[-1].append(i)
    return parts


HEAD_LINES = 4
"""A headline over a column's text has at most this many lines."""


def _part_flags(grid: Grid, part: Sequence[int], per_edge: Dict[int, float], typical: float, in_body: set,
                in_column: bool) -> List[bool]:
    """Which lines of a part of a run are headline lines: its leading lines wider than the
    column's measure, or short, unpunctuated and flush on its edge over the column's text
    (which opens with an indented line, a byline or a dateline); a part too short to be a
    column's text: its lines wider than the measure or unpunctuated off a column's inside."""
    segs = grid.segments
    flags = [False] * len(part)
    first = segs[part[0]]
    edge = host_edge(first.col, grid.edges)
    measure = per_edge.get(edge, typical) or typical
    if not measure:
        return flags
    if not in_column and len(part) < MIN_CHAIN:
        if _ends_as_caption(segs[part[-1]].text):
            return flags  # a headline never ends a sentence: a caption or a stray line does
        for k, i in enumerate(part):
            s = segs[i]
            w = width(s.text)
            if not (_body_by_wording(s.text) or _in_a_row_of_pieces(i, segs, in_body)):
                flags[k] = w > measure + SLACK or not ends_sentence(s.text) and not _inside_column(s, w, edge, measure)
        return flags
    if caption_head(grid, part, measure):
        return flags
    opener = next((k for k, i in enumerate(part) if _opens_text(grid, segs[i], edge)), len(part))
    # An opening the wording shows (a byline, a dateline, 上接…) has only headline lines over it.
    worded = opener < len(part) and segs[part[opener]].col == edge
    # Over a paragraph's first line stands its previous paragraph's end, which ends a
    # sentence: lines over it none of which does, none filling the measure, are a headline.
    head = [segs[i] for i in part[:opener]]
    headed = 0 < opener <= HEAD_LINES and opener < len(part) and all(
        h.col == edge and not ends_sentence(h.text) and (abs(width(h.text) - measure) >= SLACK or worded)
        for h in head)
    for k, i in enumerate(part):
        s = segs[i]
        if _body_by_wording(s.text) or _in_a_row_of_pieces(i, segs, in_body):
            break
        w = width(s.text)
        # A ——subtitle right under a headline line or over the text's opening, whatever its
        # length.
        dashed = (bool(V.SUBTITLE_START.match(s.text)) and not ends_sentence(s.text)
                  and (k > 0 and flags[k - 1] or k < opener <= HEAD_LINES and opener < len(part)))
        if not (w > measure + SLACK or (headed and k < opener) or dashed):
            break
        flags[k] = True
    return flags


ROW_OF_PIECES = 2
"""Other short pieces on a line's row that make it one of a row (a page header, a masthead's
fields, a box's items), not a headline standing alone."""


def _in_a_row_of_pieces(index: int, segs: Sequence[Segment], in_body: set) -> bool:
    row = segs[index].row
    others = [j for j, t in enumerate(segs) if t.row == row and j != index
              and j not in in_body and not _body_by_wording(t.text)]
    return len(others) >= ROW_OF_PIECES


def _inside_column(s: Segment, w: float, edge: int, measure: float) -> bool:
    """A short line set within a column's measure off its edge: a subhead or a caption line
    centred in the column, not a headline (which starts on the column edge)."""
    return s.col > edge and w < measure - SLACK and s.col - edge + w <= measure + SLACK


def host_edge(col: int, edges: Sequence[int]) -> int:
    """The column edge at or left of a position: the column a line starting there stands in."""
    return max((e for e in edges if e <= col), default=col)


def estimate(grid: Grid, first_page: bool) -> Sizes:
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
            if 0 < s.row - last.row <= GROUP_ROWS and _overlaps(last, s, grid.edges) and not _between(grid, flags, g[-1], i):
                g.append(i)
                break
        else:
            groups.append([i])
    blank = grid.blank()
    series: List[int] = []
    for n, g in enumerate(groups):
        if len(g) > 1 and is_series_label(segs[g[0]].text, any(blank[r] for r in range(segs[g[0]].row + 1, segs[g[1]].row))):
            # A series label over the headline: no part of it.
            series.append(g[0])
            sizes[g[0]], group[g[0]] = SECONDARY, n
            g = g[1:]
        for i, size in zip(g, _part_sizes(grid, g)):
            sizes[i], group[i] = size, n
    for i in caption_lines(grid, chains(grid, neighbours_below(grid))):
        if group[i] is None:
            sizes[i] = CAPTION
    if name is not None:
        sizes[name] = MASTHEAD
    return Sizes(size=tuple(sizes), group=tuple(group), bands=bands, series=tuple(series))


LABEL_WIDTH = 7
"""A series label (栏目) without a number is a short name: at most this many ems."""


def is_series_label(text: str, apart: bool) -> bool:
    """A numbered series label (…⑩, …之二), or a short name set apart (by a blank row) that
    says no act and holds no figure (技能中国行, 劳动者港湾): a kicker is a clause (某省召开…,
    累计收到建言311万余条)."""
    if V.SERIES_LABEL.search(text):
        return True
    return (apart and width(text) <= LABEL_WIDTH and not V.KICKER_CUE.search(text) and not any(ch.isdigit() for ch in text)
            and " " not in text.strip() and not V.SUBTITLE_START.match(text))


def caption_head(grid: Grid, part: Sequence[int], measure: float) -> int:
    """How many lines at the head of a part are a photo caption: lines wider than the column
    (a caption runs the photo's width), then one ending in a credit, or a short one ending
    its sentence."""
    segs = grid.segments
    k = 0
    while k < len(part) and width(segs[part[k]].text) > measure + SLACK and not _ends_as_caption(segs[part[k]].text):
        k += 1
    last = segs[part[k]].text if k < len(part) else ""
    if 0 < k and (V.CAPTION_CREDIT.search(last) or width(last) < measure and ends_sentence(last)):
        return k + 1
    return 0


def _ends_as_caption(text: str) -> bool:
    return ends_sentence(text) or bool(V.CAPTION_CREDIT.search(text))


def caption_lines(grid: Grid, runs: Sequence[Sequence[int]]) -> List[int]:
    """Lines of photo captions, which the wording and the place show (pdftotext keeps no
    picture and no size): from a line opening as captions do (图为…) down to its credit (…摄)
    or the end of its sentence; a credit line standing alone; a few lines standing apart,
    wider than the column under a photo, ending a sentence or in a credit."""
    segs = grid.segments
    per_edge, typical = measures(grid, runs)
    out: List[int] = []
    for run in runs:
        first = segs[run[0]]
        measure = per_edge.get(edge_of(first.col, grid.edges), typical) or typical
        for part in spaced_parts(grid, run):
            out.extend(part[:caption_head(grid, part, measure)])
        if (len(run) < MIN_CHAIN and _ends_as_caption(segs[run[-1]].text) and measure
                and width(first.text) > measure + SLACK and not _body_by_wording(first.text)):
            out.extend(run)
            continue
        k = 0
        while k < len(run):
            text = segs[run[k]].text
            if V.CAPTION_START.match(text):
                end = k
                while end < min(len(run), k + CAPTION_LINES):
                    line = segs[run[end]].text
                    if V.CAPTION_CREDIT.search(line) or (ends_sentence(line) and end + 1 < len(run)
                                                          and not V.CAPTION_CREDIT.search(segs[run[end + 1]].text)):
                        break
                    end += 1
                out.extend(run[k:end + 1])
                k = end + 1
                continue
            if V.CAPTION_CREDIT.search(text) and not any(ch in text for ch in "，。；！？"):
                out.append(run[k])
            k += 1
    return out


def _between(grid: Grid, flags: Sequence[bool], a: int, b: int) -> bool:
    """Body text stands between two heading lines in their columns."""
    sa, sb = grid.segments[a], grid.segments[b]
    return any(not flags[k] and sa.row < t.row < sb.row and _overlaps(sa, t, grid.edges)
               for k, t in enumerate(grid.segments[a + 1:b], start=a + 1))


WRAPPED_REST = 0.5
"""A headline line under one at least twice as wide is its rest, wrapped."""
WRAP_ROWS = 2


def _part_sizes(grid: Grid, group: Sequence[int]) -> List[float]:
    """Kicker / title / subtitle sizes for one headline's lines, top to bottom, in blocks of
    rows set one under the other: a line opening with a dash and all under it are the
    subtitle; of the rest, the first block is the kicker when it reads as one (a whole clause
    saying who did what) or two blank rows part it from the next; the next block is the title
    and any under it the subtitle."""
    segs = [grid.segments[i] for i in group]
    blank = grid.blank()
    sub = next((k for k, s in enumerate(segs) if V.SUBTITLE_START.match(s.text)), len(segs))
    head = segs[:sub]
    blocks: List[List[int]] = []
    for k, s in enumerate(head):
        above = head[k - 1] if k else None
        # A short rest under a line is that line wrapped (its last word or two carried over),
        # however far pdftotext set it down.
        wrapped = above is not None and s.row - above.row <= WRAP_ROWS and width(s.text) <= WRAPPED_REST * width(above.text)
        if blocks and (s.row - above.row == 1 or wrapped):
            blocks[-1].append(k)
        else:
            blocks.append([k])
    kicker, title_end = 0, len(head)
    if len(blocks) > 1:
        first = "".join(head[k].text for k in blocks[0])
        gap = sum(1 for r in range(head[blocks[0][-1]].row + 1, head[blocks[1][0]].row) if blank[r])
        dashed = sub < len(segs) and len(blocks) > 1
        if V.KICKER_CUE.search(first) or gap >= 2 or dashed:
            kicker = len(blocks[0])
        title = next(n for n, block in enumerate(blocks) if block[0] >= kicker)
        if title + 1 < len(blocks):
            title_end = blocks[title + 1][0]  # blocks under the title: a subtitle
    return [TITLE if kicker <= k < min(sub, title_end) else SECONDARY for k in range(len(segs))]
