"""`pdftotext -layout` text as a grid: rows of segments standing at fixed character positions.

pdftotext -layout writes every line fragment of a page at a character position (one position
per character, whatever its width) and pads with spaces, so columns stand side by side and
the same column starts at the same position on every row. A page's text is read here into
segments (runs of text between gutters) and the columns those segments line up in; nothing
here knows about newspapers.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Collection, Dict, List, Optional, Sequence, Tuple

GAP = re.compile(r" {2,}")
"""Two spaces or more between text: a gutter (a word space is one)."""
INNER_GAP = re.compile(r"\S {3,}\S")
"""Text, three spaces or more, text: columns side by side on one line."""
NARROW_GAP = 2
"""Spaces of a gap that may still be a word space."""
NAME_GAP = 4
"""Spaces at most between the two characters of a name spaced out (刘 雯): a full-width
space set in small type may count several positions."""
_SPACED_NAME_START = re.compile(r"(?:^|\s)[\u4e00-\u9fff]$")
_LONE_CHARACTER = re.compile(r"^[\u4e00-\u9fff]$")
NEAR_ROWS = 2
"""Rows above and below whose pieces' starts show where a tightly packed row is cut."""
PACKED_ROWS = 4
"""... and for a segment running past a column edge."""
ALIGNED_ROWS = 3
"""A start position shared by this many rows is a column edge, not a chance."""
INDENT_COLS = 6
"""Starts this close to a column's edge belong to it (an indented first line, a centred
subhead): pdftotext counts an indent in the characters of the narrowest text beside it."""
MIN_INNER_GAP_LINES = 8
INNER_GAP_SHARE = 0.2
"""Layout text shows text-gap-text on this many lines and this share of its lines."""


@dataclass(frozen=True)
class Segment:
    """A run of text on one row, between gutters; it may hold single word spaces."""

    row: int
    col: int
    text: str

    @property
    def end(self) -> int:
        return self.col + len(self.text)


@dataclass(frozen=True)
class Grid:
    """One page: its segments in row order (left to right within a row), its row count, and
    the column edges (start positions that many rows share), left to right."""

    segments: Tuple[Segment, ...]
    rows: int
    edges: Tuple[int, ...]

    def blank(self) -> Tuple[bool, ...]:
        """Per row: nothing is written on it (pdftotext's way of showing vertical space)."""
        used = {s.row for s in self.segments}
        return tuple(r not in used for r in range(self.rows))

    def own_blanks(self, upper: int, lower: int) -> int:
        """Blank rows between two segments that stand for space under the upper one.

        pdftotext sets the blank rows under a row in the type size of the row's last
        (rightmost) piece: under any other piece of the row they say nothing of its own
        spacing, and rows of the columns beside set between the two are theirs."""
        segs = self.segments
        row = segs[upper].row
        if upper + 1 < len(segs) and segs[upper + 1].row == row:
            return 0
        used = {s.row for s in segs}
        return next((r - row - 1 for r in range(row + 1, segs[lower].row + 1) if r in used), 0)


def looks_like_layout(text: str) -> bool:
    """Text written by `pdftotext -layout`: many lines hold text, a gutter, text, and the
    text after those gutters starts at positions many lines share."""
    lines = [line for line in text.replace("\f", "\n").split("\n") if line.strip()]
    gapped = [line for line in lines if INNER_GAP.search(line.strip())]
    if len(gapped) < MIN_INNER_GAP_LINES or len(gapped) < INNER_GAP_SHARE * len(lines):
        return False
    starts: Counter = Counter()
    for line in gapped:
        starts.update({m.end() for m in GAP.finditer(line.rstrip()) if m.start() > 0 and line[:m.start()].strip()})
    shared = sum(n for _, n in starts.most_common(8) if n >= ALIGNED_ROWS)
    return shared >= 0.5 * len(gapped)


def read_grid(page_text: str) -> Grid:
    """A page's text -> its grid."""
    rows = page_text.replace("\t", " ").split("\n")
    while rows and not rows[-1].strip():
        rows.pop()
    raw = [_split(r, line.rstrip()) for r, line in enumerate(rows)]
    edges = column_edges([s for row in raw for s in row])
    lengths = {edge: modal(counts) for edge, counts in column_lengths([s for row in raw for s in row], edges)[0].items()}
    raw = [_join_narrow_gaps(row, edges, lengths) for row in raw]
    starts = [{s.col for s in row if s.col > 0} for row in raw]
    segments = tuple(s for r, row in enumerate(raw) for cut in row
                     for s in _cut_at_edges(cut, set(edges).union(*_near(starts, r, _rows_near(cut, edges)))))
    return Grid(segments=segments, rows=len(rows), edges=edges)


def _near(starts: Sequence[set], row: int, rows: int) -> List[set]:
    return [*starts[max(0, row - rows):row], *starts[row + 1:row + 1 + rows]]


def _rows_near(segment: Segment, edges: Sequence[int]) -> int:
    """Rows above and below whose starts may cut a segment: more for one running past the
    next column's edge, which no line of a column does (a headline's line pdftotext packed
    after a column's line, a few rows under the headline's other lines)."""
    nxt = min((e for e in edges if e > segment.col + INDENT_COLS), default=None)
    return PACKED_ROWS if nxt is not None and segment.end > nxt else NEAR_ROWS


def _split(row: int, line: str) -> List[Segment]:
    out: List[Segment] = []
    position = 0
    for gap in list(GAP.finditer(line)) + [None]:
        stop = gap.start() if gap is not None else len(line)
        piece = line[position:stop]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append(Segment(row, position + lead, piece.strip()))
        if gap is not None:
            position = gap.end()
    return out


def _join_narrow_gaps(row: List[Segment], edges: Sequence[int], lengths: Dict[int, int]) -> List[Segment]:
    """Two spaces before a position that is no column edge are a wide word space (a justified
    line's, a name spaced out), not a gutter; so are more before a piece off every edge that
    starts inside the measure (its lines' usual count of positions) of the column the text
    before it stands in: it goes on that line (pdftotext counts a space in positions of its
    own width, so a byline's spaced name or a masthead's spaced words stand further off); a
    lone character a few positions after a piece ending in a lone character is the rest of a
    two-character name spaced out (责任编辑 刘   雯), wherever it stands."""
    out: List[Segment] = []
    for k, s in enumerate(row):
        # Positions from the piece before as pdftotext wrote it (a joined piece's text holds
        # one space for the gap it closed).
        gap = s.col - row[k - 1].end if k else 0
        host = _host(out[-1].col, edges) if out else None
        inside = host is not None and host == _host(s.col, edges) and s.col <= host + lengths.get(host, 0)
        name = (bool(out) and gap <= NAME_GAP and bool(_LONE_CHARACTER.match(s.text))
                and bool(_SPACED_NAME_START.search(out[-1].text)))
        if out and (s.col not in edges and (gap == NARROW_GAP or inside) or name):
            out[-1] = Segment(s.row, out[-1].col, out[-1].text + " " + s.text)
        else:
            out.append(s)
    return out


def _host(col: int, edges: Sequence[int]) -> Optional[int]:
    """The column edge at or left of a position, if any."""
    return max((e for e in edges if e <= col), default=None)


def column_lengths(segments: Sequence[Segment], edges: Collection[int]) -> Tuple[Dict[int, Counter], Dict[int, Counter]]:
    """Per column edge, how many of the lines starting on it hold each count of positions,
    and each width in ems."""
    lengths: Dict[int, Counter] = {}
    widths: Dict[int, Counter] = {}
    for s in segments:
        if s.col in edges:
            lengths.setdefault(s.col, Counter())[len(s.text)] += 1
            widths.setdefault(s.col, Counter())[round(width(s.text))] += 1
    return lengths, widths


def modal(counts: Counter) -> int:
    """The most common value, the larger on a tie."""
    return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]


def column_edges(segments: Sequence[Segment]) -> Tuple[int, ...]:
    """Start positions shared by several rows, with the starts just right of an edge (indents)
    folded into it."""
    counts = Counter(s.col for s in segments)
    shared = sorted(col for col, n in counts.items() if n >= ALIGNED_ROWS)
    edges: List[int] = []
    for col in shared:
        if edges and col - edges[-1] <= INDENT_COLS and counts[col] <= counts[edges[-1]]:
            continue
        if edges and col - edges[-1] <= INDENT_COLS:
            edges[-1] = col if counts[col] > counts[edges[-1]] * 2 else edges[-1]
            continue
        edges.append(col)
    return tuple(edges)


def _cut_at_edges(segment: Segment, edges: Collection[int]) -> List[Segment]:
    """pdftotext may leave a single space between two columns packed tight (headlines side by
    side, a line reaching far): a word space between CJK text that falls just before a
    column edge, or where a piece of a row just above or below starts, is a gutter."""
    text = segment.text
    cuts = [k for k, ch in enumerate(text) if ch == " " and segment.col + k + 1 in edges
            and k > 0 and not (text[k - 1].isascii() and text[k + 1:k + 2].isascii())]
    if not cuts:
        return [segment]
    out, start = [], 0
    for k in cuts + [len(text)]:
        piece = text[start:k].strip()
        if piece:
            out.append(Segment(segment.row, segment.col + start + (len(text[start:k]) - len(text[start:k].lstrip())), piece))
        start = k + 1
    return out


def width(text: str) -> float:
    """Ems a text takes in print: CJK, full-width and the marks CJK fonts set full width
    (“”…—) one, the rest half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 0.5 for ch in text)


def edge_of(col: int, edges: Sequence[int]) -> int:
    """The column edge a start position belongs to (itself when it is left of every edge or
    further right than an indent from the nearest)."""
    best = col
    for edge in edges:
        if edge <= col:
            best = edge
        else:
            break
    return best if col - best <= INDENT_COLS else col
