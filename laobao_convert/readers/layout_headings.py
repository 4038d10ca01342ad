"""Which lines of a `pdftotext -layout` grid are headline lines, and which are captions.

pdftotext writes one position per character whatever its size, so a headline is told by how
it stands: wider than the column under it; or lines none of which ends a sentence over an
article's opening (an indented first line, a byline, a dateline, 上接); or set further apart
than the column's rows. A line amid running columns is a subhead; a band's or a box's lines
are its own. Captions run a photo's width and end their sentence or in a credit.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

from laobao_convert import vocabulary as V
from laobao_convert.parse.text import ends_sentence
from laobao_convert.readers.layout_grid import Grid, Segment, edge_of, width
from laobao_convert.readers.layout_runs import (MIN_CHAIN, SLACK, chains, fills, host_edge, measures,
                                                neighbours_below, overlaps, running_columns, spaced_parts)
from laobao_convert.readers.layout_wording import body_by_wording, ends_as_caption, opens_text, worded_opening


GROUP_ROWS = 4
"""Heading lines this many rows apart at most, one over another, are one headline."""


def heading_flags(grid: Grid) -> List[bool]:
    """Per segment: it is a headline's line."""
    below = neighbours_below(grid)
    runs = chains(grid, below)
    per_edge, typical = measures(grid, runs)
    segs = grid.segments
    in_body = set(i for run in runs if len(run) >= MIN_CHAIN for i in run)
    flags = [False] * len(segs)
    columns = running_columns(grid, runs)
    for run in runs:
        parts = spaced_parts(grid, run)
        for part in _worded_joins(grid, parts, per_edge, typical):
            marked = _part_flags(grid, part, per_edge, typical, in_body, len(run) >= MIN_CHAIN)
            head = [i for i, flag in zip(part, marked) if flag]
            if not head:
                continue
            # A byline, dateline or 上接 under it makes it a title, whatever runs beside; else
            # where its first line stands tells a headline from a subhead, for all its lines.
            titled = _worded_under(grid, run, run.index(head[-1]) + 1)
            sub = not titled and all(_subhead(grid, i, per_edge, typical, columns, head[0]) for i in head)
            for i in head:
                flags[i] = not sub
        for head, titled in _spaced_heads(grid, parts, in_body):
            # Where its first line stands tells a headline from a subhead, for all its lines.
            sub = all(_subhead(grid, i, per_edge, typical, columns, head[0]) for i in head)
            for i in head:
                flags[i] = titled or not sub
    for i in _packed_after_headlines(grid, runs, flags):
        flags[i] = True
    for i in _lone_lines_over_openings(grid, in_body, flags, per_edge, typical):
        flags[i] = True
    for i in _lone_lines_under_headlines(grid, in_body, flags):
        flags[i] = True
    return flags


def _lone_lines_under_headlines(grid: Grid, in_body: set, flags: Sequence[bool]) -> List[int]:
    """Lines standing alone (no column's text), a few rows under a headline's line in its
    columns with nothing between, none ending a sentence nor read as body type by its
    wording, with no text of its column before it on its row: more lines of that headline
    (its title under a kicker, a subtitle), however
    narrow (a title centred over one column stands within its measure, as a subhead does,
    but a subhead stands amid its column's text)."""
    segs = grid.segments
    marked = list(flags)
    out: List[int] = []
    for i, s in enumerate(segs):
        if marked[i] or not _lone_line(grid, i, in_body):
            continue
        over = [j for j in range(i) if segs[j].row < s.row and overlaps(segs[j], s, grid.edges)]
        if over and marked[over[-1]] and s.row - segs[over[-1]].row <= GROUP_ROWS:
            marked[i] = True
            out.append(i)
    return out


def _lone_line(grid: Grid, i: int, in_body: set) -> bool:
    """A line of no column's text that ends no sentence, reads as no body type and runs on
    from no text of its column on its row."""
    segs = grid.segments
    s = segs[i]
    if i in in_body or ends_sentence(s.text) or body_by_wording(s.text) or _in_a_row_of_pieces(i, segs, in_body):
        return False
    host = host_edge(s.col, grid.edges)
    return not any(t.row == s.row and host < t.end <= s.col for t in segs)


def _lone_lines_over_openings(grid: Grid, in_body: set, flags: Sequence[bool], per_edge: Dict[int, float],
                              typical: float) -> List[int]:
    """A line standing alone over an article's opening the wording shows (a byline, a
    dateline, an author's line, 上接) a row or two under it in its column, with no text of
    its column over it (a subhead stands amid its column's text): a headline, however
    narrow (a title centred over one column stands within its measure)."""
    segs = grid.segments
    blank = grid.blank()
    out: List[int] = []
    for i, s in enumerate(segs):
        if flags[i] or not _lone_line(grid, i, in_body):
            continue
        host = host_edge(s.col, grid.edges)
        right = max(s.end, host + per_edge.get(host, typical))

        def in_column(t: Segment) -> bool:
            return t.col < right and t.end > host

        under = next((t for t in segs[i + 1:] if t.row > s.row and in_column(t)), None)
        if under is None or under.row - s.row > OPENING_GAP + 1 or not worded_opening(under.text):
            continue
        if any(not flags[j] and s.row - SUBHEAD_ROWS <= t.row < s.row and in_column(t) and not _parted(blank, t.row, s.row)
               for j, t in enumerate(segs[:i])):
            continue
        out.append(i)
    return out


OPENING_GAP = 2
"""Rows at most between a headline standing alone and the opening of its text."""
PARTING_BLANKS = 2
"""Blank rows across the page that part what stands over them from what stands under."""


def _parted(blank: Sequence[bool], upper: int, lower: int) -> bool:
    run = 0
    for r in range(upper + 1, lower):
        run = run + 1 if blank[r] else 0
        if run >= PARTING_BLANKS:
            return True
    return False


def _packed_after_headlines(grid: Grid, runs: Sequence[Sequence[int]], flags: Sequence[bool]) -> List[int]:
    """Lines pdftotext packed a single space after a headline's line on its row, off every
    column edge, with the lines set under them at their position, none ending a sentence: a
    headline beside it (pdftotext puts a piece after the text left of it, not where it
    stands, and no column's text starts off every edge)."""
    segs = grid.segments
    out: List[int] = []
    for run in runs:
        s = segs[run[0]]
        if flags[run[0]] or s.col in grid.edges or edge_of(s.col, grid.edges) != s.col:
            continue
        if not any(flags[j] and t.row == s.row and t.end + 1 == s.col for j, t in enumerate(segs)):
            continue
        for i in run[:HEAD_LINES]:
            if segs[i].col != s.col or ends_sentence(segs[i].text) or body_by_wording(segs[i].text):
                break
            out.append(i)
    return out


def _worded_joins(grid: Grid, parts: Sequence[Sequence[int]], per_edge: Dict[int, float],
                  typical: float) -> List[List[int]]:
    """Parts of a run with each part that opens with a byline, a dateline or 上接 joined to
    the parts over it that read as headline lines (none ends a sentence or fills the
    column's measure), up to a headline's lines: the room over such an opening and between
    its headline's lines (set larger, on rows pdftotext spaces unevenly) is the headline's,
    not a break in the column."""
    segs = grid.segments

    def heading_like(i: int) -> bool:
        measure = per_edge.get(edge_of(segs[i].col, grid.edges), typical)
        return not (ends_sentence(segs[i].text) or body_by_wording(segs[i].text)
                    or abs(width(segs[i].text) - measure) < SLACK)

    out: List[List[int]] = []
    for part in parts:
        if not (out and worded_opening(segs[part[0]].text)):
            out.append(list(part))
            continue
        joined = list(part)
        while out and len(out[-1]) + len(joined) <= WORDED_HEAD_LINES + len(part) and all(
                heading_like(i) for i in out[-1]):
            joined = out.pop() + joined
        out.append(joined)
    return out


def _worded_under(grid: Grid, run: Sequence[int], start: int) -> bool:
    """The text a heading heads opens as the wording shows (a byline, a dateline, 上接), right
    under it or under a few more headline-like lines (a subtitle, a wrapped title)."""
    segs = grid.segments
    for k in range(start, min(len(run), start + HEAD_LINES + 1)):
        text = segs[run[k]].text
        if worded_opening(text):
            return True
        if ends_sentence(text) or body_by_wording(text) or opens_text(grid, segs[run[k]]):
            return False
    return False


def _subhead(grid: Grid, index: int, per_edge: Dict[int, float], typical: float,
             columns: Sequence[Tuple[int, int, int]], first: Optional[int] = None) -> bool:
    """A line no wider than its column amid text; `first` is the first line of its heading,
    whose place says where the heading stands."""
    s = grid.segments[index]
    measure = per_edge.get(edge_of(s.col, grid.edges), typical) or 0
    return width(s.text) <= measure + SLACK and _amid_text(grid, index if first is None else first, columns, per_edge, typical)


def _amid_text(grid: Grid, index: int, columns: Sequence[Tuple[int, int, int]], per_edge: Dict[int, float],
               typical: float) -> bool:
    """A line no wider than its column with the text of the next column on either side running
    past it, above and below: a subhead in a page of running text, not a headline (which
    opens a band of its own, with space or other headlines beside it)."""
    s = grid.segments[index]
    edge = edge_of(s.col, grid.edges)
    left = max((e for e in grid.edges if e < edge), default=None)
    right = min((e for e in grid.edges if e > edge), default=None)
    beside = [(first, last) for e, first, last in columns if e in (left, right)]
    if not any(first < s.row - 1 and last > s.row + 1 for first, last in beside):
        return False
    # Its own column empty over it while the text beside ran on: what stood in its column
    # ended there, and the line opens an article under it.
    ended = (not _text_just_above(grid, index, per_edge, typical)
             and any(first < s.row - SUBHEAD_ROWS and last > s.row for first, last in beside))
    return not ended


SUBHEAD_ROWS = 6
"""Rows over a subhead within which its own column's text runs (pdftotext may set a row of
another column between each two of its rows)."""


def _text_just_above(grid: Grid, index: int, per_edge: Dict[int, float], typical: float) -> bool:
    """Text of its own column stands just over the line: a line whose column (its edge and
    measure: pdftotext may set a centred line off the edge) it stands in."""
    s = grid.segments[index]
    for t in grid.segments[:index]:
        if s.row - SUBHEAD_ROWS <= t.row < s.row:
            edge = edge_of(t.col, grid.edges)
            if edge < s.end and s.col < max(t.end, edge + per_edge.get(edge, typical)):
                return True
    return False


SPACED_HEAD_LINES = 2
"""A spaced part of a headline over a column's text is a line or two."""


def _spaced_heads(grid: Grid, parts: Sequence[Sequence[int]], in_body: set) -> List[Tuple[List[int], bool]]:
    """Lines over a column's text set further apart than its rows, each a line or two, none
    a sentence's end: a headline in type taller than the text (a first paragraph opening
    under them, indented or with a byline or dateline, shows where the text starts). A run
    may hold several: an article under another's end in one column. Each comes with whether
    its opening is one the wording shows (a byline, a dateline, 上接)."""
    segs = grid.segments

    def heading_like(i: int) -> bool:
        return not (ends_sentence(segs[i].text) or body_by_wording(segs[i].text)
                    or _in_a_row_of_pieces(i, segs, in_body))

    out: List[Tuple[List[int], bool]] = []
    for n, part in enumerate(parts):
        opener = next((k for k, i in enumerate(part) if opens_text(grid, segs[i])), None)
        if opener is None or opener > SPACED_HEAD_LINES:
            continue
        if len(part) - opener < 2 and not worded_opening(segs[part[opener]].text):
            continue  # an indented line alone says little: a byline or dateline says more
        m = n
        while m > 0 and len(parts[m - 1]) <= SPACED_HEAD_LINES and all(heading_like(i) for i in parts[m - 1]):
            m -= 1
        if m < n and all(heading_like(i) for i in part[:opener]):
            out.append(([i for p in parts[m:n] for i in p] + list(part[:opener]),
                        worded_opening(segs[part[opener]].text)))
    return out


HEAD_LINES = 4
WORDED_HEAD_LINES = 8
"""A headline over a column's text has at most this many lines."""
WORDED_HEAD_LINES = 8
"""... over an opening the wording shows (a byline, a dateline, 上接): a kicker, title and
subtitle each wrapped in a narrow column."""


def _part_flags(grid: Grid, part: Sequence[int], per_edge: Dict[int, float], typical: float, in_body: set,
                in_column: bool) -> List[bool]:
    """Which lines of a part of a run are headline lines: its leading lines wider than the
    column's measure, a ——subtitle, or lines flush on its edge, none ending a sentence nor
    filling the measure, over the column's text (which opens with an indented line, a
    byline, a dateline or 上接); in a part too short to be a column's text: its lines wider
    than the measure, or unpunctuated and not set inside a column."""
    segs = grid.segments
    flags = [False] * len(part)
    first = segs[part[0]]
    edge = host_edge(first.col, grid.edges)
    measure = per_edge.get(edge, typical) or typical
    if not measure:
        return flags
    if not in_column and len(part) < MIN_CHAIN:
        if ends_as_caption(segs[part[-1]].text):
            return flags  # a headline never ends a sentence: a caption or a stray line does
        for k, i in enumerate(part):
            s = segs[i]
            w = width(s.text)
            if not (body_by_wording(s.text) or _in_a_row_of_pieces(i, segs, in_body)):
                flags[k] = w > measure + SLACK or not ends_sentence(s.text) and not _inside_column(s, w, edge, measure)
        return flags
    if caption_head(grid, part, measure):
        return flags
    opener = next((k for k, i in enumerate(part) if opens_text(grid, segs[i], edge)), len(part))
    # An opening the wording shows (a byline, a dateline, 上接…) has only headline lines over it.
    worded = opener < len(part) and worded_opening(segs[part[opener]].text)
    # Over a paragraph's first line stands its previous paragraph's end, which ends a
    # sentence: lines over it none of which does, none filling the measure, are a headline;
    # as many as a kicker, title and subtitle take, wrapped, when a ——subtitle closes them.
    head = [segs[i] for i in part[:opener]]
    dashed_over = any(V.SUBTITLE_START.match(h.text) for h in head[-SPACED_HEAD_LINES:])
    headed = 0 < opener <= (WORDED_HEAD_LINES if worded or dashed_over else HEAD_LINES) and opener < len(part) and all(
        h.col == edge and not ends_sentence(h.text) and (abs(width(h.text) - measure) >= SLACK or worded)
        for h in head)
    wrapped = _wrapped_head(grid, part, edge, measure)
    for k, i in enumerate(part):
        s = segs[i]
        if body_by_wording(s.text) or _in_a_row_of_pieces(i, segs, in_body):
            break
        w = width(s.text)
        # A ——subtitle right under a headline line or over the text's opening, whatever its
        # length.
        dashed = (bool(V.SUBTITLE_START.match(s.text)) and not ends_sentence(s.text)
                  and (k > 0 and flags[k - 1] or k < opener <= HEAD_LINES and opener < len(part)))
        if not (w > measure + SLACK or (headed and k < opener) or dashed or k < wrapped):
            break
        flags[k] = True
    return flags


WRAP_SLACK = 1.0
"""Ems by which the lines of one wrapped headline may differ (a half-width figure, a mark)."""


def _wrapped_head(grid: Grid, part: Sequence[int], edge: int, measure: float) -> int:
    """How many leading lines of a part are a headline wrapped in a column narrower than it:
    flush on the edge, each short of the measure (set larger, fewer characters fill the
    line) and as long as each other but for the last (its rest), none ending a sentence.
    A column's text fills its measure but for a paragraph's last line, which ends one."""
    segs = grid.segments
    n = 0
    while n < len(part):
        s = segs[part[n]]
        following = segs[part[n + 1]] if n + 1 < len(part) else None
        if s.col != edge or ends_sentence(s.text) or body_by_wording(s.text) or fills(s, following, edge, measure):
            break
        n += 1
    if n < 2:
        return 0
    full = [width(segs[i].text) for i in part[:n - 1]]
    return n if max(full) - min(full) <= WRAP_SLACK and width(segs[part[n - 1]].text) <= max(full) + WRAP_SLACK else 0


ROW_OF_PIECES = 2
"""Other short pieces on a line's row that make it one of a row (a page header, a masthead's
fields, a box's items), not a headline standing alone."""


def _in_a_row_of_pieces(index: int, segs: Sequence[Segment], in_body: set) -> bool:
    row = segs[index].row
    others = [j for j, t in enumerate(segs) if t.row == row and j != index
              and j not in in_body and not body_by_wording(t.text)]
    return len(others) >= ROW_OF_PIECES


def _inside_column(s: Segment, w: float, edge: int, measure: float) -> bool:
    """A short line set within a column's measure off its edge: a subhead or a caption line
    centred in the column, not a headline (which starts on the column edge)."""
    return s.col > edge and w < measure - SLACK and s.col - edge + w <= measure + SLACK


CAPTION_LINES = 4
"""A caption opening as captions do (图为…) reaches its credit within this many lines."""


def caption_head(grid: Grid, part: Sequence[int], measure: float) -> int:
    """How many lines at the head of a part are a photo caption: lines wider than the column
    (a caption runs the photo's width), then one ending in a credit or a full stop (which no
    headline ends with), or a short one ending its sentence."""
    segs = grid.segments
    k = 0
    while k < len(part) and width(segs[part[k]].text) > measure + SLACK and not ends_as_caption(segs[part[k]].text):
        k += 1
    last = segs[part[k]].text if k < len(part) else ""
    if 0 < k and (V.CAPTION_CREDIT.search(last) or last.endswith("。") or width(last) < measure and ends_sentence(last)):
        return k + 1
    return 0


def caption_lines(grid: Grid, runs: Sequence[Sequence[int]]) -> List[int]:
    """Lines of photo captions, which the wording and the place show (pdftotext keeps no
    picture and no size): from a line opening as captions do (图为…) down to its credit (…摄)
    or the end of its sentence; a scene (3月6日，…。) over its credit; a credit line standing
    alone; a few lines standing apart,
    wider than the column under a photo, ending a sentence or in a credit."""
    segs = grid.segments
    per_edge, typical = measures(grid, runs)
    out: List[int] = []
    for run in runs:
        first = segs[run[0]]
        measure = per_edge.get(edge_of(first.col, grid.edges), typical) or typical
        for part in spaced_parts(grid, run):
            out.extend(part[:caption_head(grid, part, measure)])
        if (len(run) < MIN_CHAIN and ends_as_caption(segs[run[-1]].text) and measure
                and width(first.text) > measure + SLACK and not body_by_wording(first.text)):
            out.extend(run)
            continue
        k = 0
        while k < len(run):
            text = segs[run[k]].text
            credited = k + 1 < len(run) and bool(V.CAPTION_CREDIT.search(segs[run[k + 1]].text))
            scene = _scene_to_credit(grid, run, k)
            if scene is not None:
                out.extend(run[k:scene + 1])
                k = scene + 1
                continue
            if V.CAPTION_START.match(text) or (V.CAPTION_SCENE.match(text) and credited):
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


def _scene_to_credit(grid: Grid, run: Sequence[int], k: int) -> Optional[int]:
    """Where a caption naming its photo's scene (近日，…; 3月6日，…) that opens at line `k` of
    a run ends: at its credit (…摄), within a caption's few lines, its one sentence ending on
    the credit's line or the line over it. A paragraph opening so is indented; a caption's
    first line is not."""
    segs = grid.segments
    if not V.CAPTION_SCENE_OPENING.match(segs[run[k]].text) or k + 1 >= len(run):
        return None
    if segs[run[k]].col > segs[run[k + 1]].col:
        return None
    for end in range(k + 1, min(len(run), k + CAPTION_LINES)):
        if V.CAPTION_CREDIT.search(segs[run[end]].text):
            return end if not any(ends_sentence(segs[i].text) for i in run[k:end - 1]) else None
    return None
