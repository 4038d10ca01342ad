"""Line boxes checked against the ink inside them: lines the detector ran across a column
gutter cut in two, boxes run on into a gutter brought in, wide spaces the text lost measured.

PP-OCR's detector sometimes joins two body lines that face each other across a narrow gutter
into one box, and the recogniser then reads two columns as one line. Such a line shows it: its
image holds a run of paper as wide as a gutter, and the paper runs on above and below the line
(a column gutter runs down the page) where a space inside a column meets the type of the
lines around it. Every line set larger than body type is left whole (a headline spans gutters
on purpose). A box may also run on past its line's last character into the gutter, which
would spread its characters too wide; and the recogniser drops wide spaces (记者  张明, the
space between a title's two phrases), which would make a line's type look larger than it is.

Every threshold is relative to the page's own lines: the body's line height and type size.
"""

from __future__ import annotations

import itertools
import math
import statistics
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from laobao_convert.content import BBox
from laobao_convert.readers.ocr_engine import OcrLine, Point

BODY_HEIGHT = 1.3
"""Only a line at most this many times the body's line height is cut (a bigger one is a title)."""
GAP = 1.15
"""A blank run wider than this many ems of body type may be a gutter: inside a line of
solid-set text the widest blank is a full stop's empty half next to an opening quote's (about
1.1 em) ..."""
REACH = 3.0
"""... when it stays blank this many body line heights above and below the line together,
and at least one each way (a gap inside a column may happen to meet a short line or another
gap on one side; a gutter runs on both ways, unless the page's edge stops it)."""
REACH_LINES = 10.0
SUPPORT = 3
"""A run stopped one way counts as a gutter when, within REACH_LINES body line heights the
other way, SUPPORT lines end inside it and SUPPORT start inside it (aligned)."""
SPECK = 2
"""Fewer dark pixels than this across a row are dust, not ink."""
SPACE = 0.3
"""Paper this many ems wide between two ideographs of a headline is a space, such as parts
its phrases (set solid they leave ...)"""
SOLID = 0.12
"""... about this much: their side bearings)."""
MARKS = "、·…—―-"
"""Marks besides OPENING and CLOSING whose em is partly paper."""
MIN_PIECE = 0.8
"""A piece narrower than this many body line heights is no line of its own (a stray mark)."""


def _middle(box: BBox) -> float:
    return (box.top + box.bottom) / 2


def span(line: OcrLine) -> BBox:
    """The line's axis-aligned extent, in image pixels."""
    xs = [p[0] for p in line.corners]
    ys = [p[1] for p in line.corners]
    return BBox(min(xs), min(ys), max(xs), max(ys))


def body_height(spans: Sequence[BBox]) -> float:
    """The body's line height: the median box height (most lines on a page are body)."""
    return statistics.median(s.height for s in spans) if spans else 0.0


def body_em(lines: Sequence[OcrLine], height: float) -> float:
    """The body type's size in pixels: its line height less the detector's padding, as the
    page's own solid-set lines measure it (ocr_geometry.char_share)."""
    from laobao_convert.readers import ocr_geometry

    placed = ocr_geometry.place(lines, (1.0, 0.0, 0.0, 0.0, 1.0, 0.0))
    return height * ocr_geometry.char_share([p for p in placed if p.height <= BODY_HEIGHT * height])


def blank_runs(ink_columns: Sequence[bool], min_width: float) -> List[Tuple[int, int]]:
    """Runs of inkless columns at least `min_width` wide, with ink on both sides."""
    runs = []
    start = None
    seen_ink = False
    for x, inked in enumerate(ink_columns):
        if inked:
            if start is not None and seen_ink and x - start >= min_width:
                runs.append((start, x))
            start = None
            seen_ink = True
        elif start is None:
            start = x
    return runs


def blank_reach(grey, threshold: float, x0: int, x1: int, top: int, bottom: int, limit: int,
                width: int) -> List[Tuple[int, int]]:
    """For each strip `width` columns wide within x0..x1, how many rows above `top` and below
    `bottom` it stays inkless (each way up to `limit`; the image's edge counts as blank): a
    column gutter stays blank past the line, a gap inside a column does not (the lines above
    and below set type across it). Strips, not the whole run: the run in a line that crossed
    a gutter is the gutter shifted by the paper its two pieces' end marks leave (an opening
    quote's empty half), so that one of its sides may lie over the next column's type."""
    import numpy

    height = grey.shape[0]
    width = max(1, min(width, x1 - x0))
    reach = []
    for rows in (numpy.arange(top - 1, top - 1 - limit, -1), numpy.arange(bottom, bottom + limit)):
        inside = rows[(rows >= 0) & (rows < height)]
        ink = (grey[inside, x0:x1] < threshold).astype(numpy.int32)
        # Dark pixels per row of each strip (a sliding sum across the columns).
        summed = numpy.cumsum(numpy.pad(ink, ((0, 0), (1, 0))), axis=1)
        inked = (summed[:, width:] - summed[:, :-width]) >= SPECK
        first = numpy.where(inked.any(axis=0), inked.argmax(axis=0), len(inside))
        # A strip blank up to the image's edge is blank as far as asked.
        reach.append(numpy.where(first == len(inside), limit, first))
    return [(int(up), int(down)) for up, down in zip(*reach)]


def aligned(run: Tuple[float, float], line: BBox, spans: Sequence[BBox], height: float, below: bool) -> bool:
    """At least SUPPORT body lines within REACH_LINES line heights below (or above) `line`
    end inside the run, and as many start inside it: the run is a column gutter. A short last
    line of a paragraph ends early and an indented first line starts late, so an edge
    anywhere in the run counts."""
    a, b = run
    slack = height  # box edges are the detector's, and the run's place is measured along a leaning line
    near = [s for s in spans if s is not line and s.height <= BODY_HEIGHT * height
            and 0 < (_middle(s) - _middle(line) if below else _middle(line) - _middle(s)) <= REACH_LINES * height]
    ending = sum(1 for s in near if a - slack <= s.x1 <= b)
    starting = sum(1 for s in near if a <= s.x0 <= b + slack)
    return ending >= SUPPORT and starting >= SUPPORT


def ink_rows(crop, threshold: float) -> Optional[Tuple[int, int]]:
    """The first and one past the last row of a crop holding ink (SPECK pixels or more)."""
    import numpy

    rows = numpy.flatnonzero((crop < threshold).sum(axis=1) >= SPECK)
    return (int(rows[0]), int(rows[-1]) + 1) if len(rows) else None


def ink_edges(crop, threshold: float, start: float, end: float, pad: float):
    """The top and bottom of the ink of crop columns start..end, as shares of the crop's
    height at `start` and at `end` ((upper, upper), (lower, lower)): a straight edge through
    the ink's extent over each half, `pad` rows outside it."""
    thick = crop.shape[0]
    middle = (start + end) / 2
    halves = [ink_rows(crop[:, int(a):max(int(a) + 1, int(b))], threshold) for a, b in ((start, middle), (middle, end))]
    if None in halves:
        return (0.0, 0.0), (1.0, 1.0)
    (top_a, bottom_a), (top_b, bottom_b) = halves

    def at(x: float, left: float, right: float) -> float:
        # The edge through the halves' middles, (start + middle) / 2 and (middle + end) / 2.
        share = (x - (start + middle) / 2) / ((end - start) / 2)
        return min(1.0, max(0.0, (left + (right - left) * share) / thick))

    upper = (at(start, top_a - pad, top_b - pad), at(end, top_a - pad, top_b - pad))
    lower = (at(start, bottom_a + pad, bottom_b + pad), at(end, bottom_a + pad, bottom_b + pad))
    return upper, lower


def body_high(crop, threshold: float, min_gap: float, most: float) -> bool:
    """Every stretch of a line crop's ink (parted by paper at least `min_gap` columns wide)
    is at most `most` rows high."""
    import numpy

    ink = crop < threshold
    columns = ink.any(axis=0)
    inked = numpy.flatnonzero(columns)
    if len(inked) == 0:
        return False
    breaks = numpy.flatnonzero(numpy.diff(inked) > min_gap)
    for part in numpy.split(inked, breaks + 1):
        rows = numpy.flatnonzero(ink[:, part[0]:part[-1] + 1].any(axis=1))
        if rows[-1] - rows[0] + 1 > most:
            return False
    return True


def cut_corners(corners: Sequence[Point], width: float, start: float, end: float,
                upper: Tuple[float, float] = (0.0, 0.0), lower: Tuple[float, float] = (1.0, 1.0)):
    """The quadrilateral of a line between `start` and `end` along its length (`width`: the
    length the crop was measured in), cut across parallel to its ends, and from `upper` to
    `lower` (shares of its height from its top, at `start` and at `end`)."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = corners

    def at(t: float, share: float) -> Point:
        along = t / width if width else 0.0
        top = (x0 + (x1 - x0) * along, y0 + (y1 - y0) * along)
        bottom = (x3 + (x2 - x3) * along, y3 + (y2 - y3) * along)
        return (top[0] + (bottom[0] - top[0]) * share, top[1] + (bottom[1] - top[1]) * share)

    return (at(start, upper[0]), at(end, upper[1]), at(end, lower[1]), at(start, lower[0]))


def crop_length(corners: Sequence[Point]) -> float:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = corners
    return max(math.hypot(x1 - x0, y1 - y0), math.hypot(x2 - x3, y2 - y3))


def straight_crop(grey, corners: Sequence[Point]):
    """A line's quadrilateral of a grey image, straightened to a rectangle as the recogniser
    sees it; None when it is too small to measure."""
    import cv2
    import numpy

    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = corners
    width = int(crop_length(corners))
    height = int(max(math.hypot(x3 - x0, y3 - y0), math.hypot(x2 - x1, y2 - y1)))
    if width < 2 or height < 2:
        return None
    target = numpy.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=numpy.float32)
    warp = cv2.getPerspectiveTransform(numpy.array(corners, dtype=numpy.float32), target)
    return cv2.warpPerspective(grey, warp, (width, height), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def _band(crop):
    """A line crop's middle: its top and bottom sixth are left out (the box's padding may catch
    the next line's descenders)."""
    height = crop.shape[0]
    return crop[height // 6: height - height // 6] if height >= 6 else crop


def ink_threshold(crop) -> Optional[float]:
    """Ink is anything a quarter of the way from a line's paper to its darkest strokes (a
    blurred scan's thin strokes are pale; a gap must be paper, not a faint stroke); None when
    the crop has no contrast to tell them apart by."""
    import numpy

    band = _band(crop)
    light, dark = float(numpy.percentile(band, 95)), float(numpy.percentile(band, 2))
    return light - (light - dark) / 4 if light - dark >= 40 else None


def ink_columns(crop, threshold: float) -> List[bool]:
    """Per column of a straightened line crop (grey): does it hold ink?"""
    return [bool(v) for v in (_band(crop) < threshold).any(axis=0)]


def ink_extent(columns: Sequence[bool], start: int, end: int, min_gap: float, min_piece: float) -> Optional[Tuple[int, int]]:
    """The first and one past the last inked column of columns[start:end], leaving out a sliver
    at either end that a gutter-wide blank parts from the rest (a box run into the gutter
    catches the next column's first stroke); None when nothing is inked."""
    inked = [x for x in range(max(0, start), min(len(columns), end)) if columns[x]]
    if not inked:
        return None
    groups = [[inked[0], inked[0] + 1]]
    for x in inked[1:]:
        if x - groups[-1][1] >= min_gap:
            groups.append([x, x + 1])
        else:
            groups[-1][1] = x + 1
    while len(groups) > 1 and groups[0][1] - groups[0][0] < min_piece:
        groups.pop(0)
    while len(groups) > 1 and groups[-1][1] - groups[-1][0] < min_piece:
        groups.pop()
    return groups[0][0], groups[-1][1]


def dropped_spaces(text: str, columns: Sequence[bool], start: int, end: int, scale: float, em: float,
                   space: float = SPACE) -> float:
    """Pixels of paper in columns[start:end] (a line's ink, `scale` pixels a column) that its
    text shows no space for: runs of paper wider than `space` ems between two ideographs (the
    recogniser drops a wide space; next to a punctuation mark paper is the mark's own empty
    half, which its width counts already), less the paper two ideographs set solid leave.
    `em`: a first guess at the line's type size, refined from its width."""
    from laobao_convert.readers.ocr_geometry import CLOSING, OPENING, char_weights, is_wide

    inked = [x for x in range(max(0, start), min(len(columns), end)) if columns[x]]
    if len(text) < 2 or not inked:
        return 0.0
    first, last = inked[0], inked[-1] + 1
    runs = blank_runs(columns[first:last], space * em / scale)
    if not runs:
        return 0.0
    weights = char_weights(text)
    spare = sum((b - a) * scale - SOLID * em for a, b in runs)
    em = ((last - first) * scale - spare) / sum(weights)
    if em <= 0:
        return 0.0
    edges = list(itertools.accumulate(weights))[:-1]  # ems of type before each character but the first
    blank = 0.0
    for a, b in runs:
        before = (a * scale - blank) / em
        k = min(range(len(edges)), key=lambda i: abs(edges[i] - before)) + 1
        if all(is_wide(c) and c not in OPENING + CLOSING + MARKS for c in text[k - 1:k + 1]):
            blank += (b - a) * scale - SOLID * em
    return blank


Corners = Tuple[Point, Point, Point, Point]


@dataclass(frozen=True)
class Page:
    """What a page's own lines say its body type is, in pixels."""

    spans: Tuple[BBox, ...]
    height: float
    """The body's line height."""
    em: float
    """The body's type size."""

    @property
    def min_gap(self) -> float:
        return GAP * self.em

    @property
    def pad(self) -> float:
        """The paper the detector leaves round a body line's ink, each side."""
        return max(1.0, (self.height - self.em) / 2)


def opened(corners: Corners, by: float) -> Corners:
    """A box moved `by` pixels further back at its start, along its length."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = corners
    length = crop_length(corners) or 1.0
    dx, dy = (x1 - x0) / length * by, (y1 - y0) / length * by
    return ((x0 - dx, y0 - dy), (x1, y1), (x2, y2), (x3 - dx, y3 - dy))


def body_size(lines: Sequence[OcrLine]) -> float:
    """The page's body type size in pixels (0 for a page without lines)."""
    height = body_height([span(line) for line in lines])
    return body_em(lines, height) if height > 0 else 0.0


def pieces(grey, lines: Sequence[OcrLine]) -> List[Tuple[int, Tuple[Corners, ...], float]]:
    """(index, new corners, blank) for each line whose box is not what its ink shows: one
    box a piece for a body line that crosses a column gutter (to be read again), else the
    line's box brought in to its ink where it ran on into a gutter (it would share its
    characters out too wide), with the paper its wide spaces take (OcrLine.blank)."""
    spans = tuple(span(line) for line in lines)
    height = body_height(spans)
    if height <= 0:
        return []
    page = Page(spans, height, body_em(lines, height))
    found = []
    for index, (line, box) in enumerate(zip(lines, spans)):
        crop = straight_crop(grey, line.corners)
        threshold = None if crop is None else ink_threshold(crop)
        if threshold is None:
            continue
        scale = crop_length(line.corners) / crop.shape[1]
        # Only a line of body type is cut or trimmed (a headline spans gutters on purpose):
        # a box of body height, or a taller one whose every stretch of ink is body high (two
        # body lines read as one box, a little apart in height). Any line's wide spaces are
        # measured, against its own type.
        if box.height <= BODY_HEIGHT * height or (
                box.height <= 2 * height and body_high(crop, threshold, page.min_gap / scale, BODY_HEIGHT * page.em)):
            refit = body_line(grey, line, box, crop, threshold, page)
        else:
            columns = ink_columns(crop, threshold)
            blank = dropped_spaces(line.text, columns, 0, len(columns), scale, page.em * box.height / height)
            refit = ((line.corners,), blank) if blank else None
        if refit is not None:
            found.append((index,) + refit)
    return found


def body_line(grey, line: OcrLine, box: BBox, crop, threshold: float, page: Page):
    """(corners, blank) for a body line that crosses a gutter, runs on into one, or holds wide
    spaces its text does not show; None for one that is as it should be."""
    length = crop_length(line.corners)
    scale = length / crop.shape[1]
    columns = ink_columns(crop, threshold)
    cuts = [0] + [edge for run in gutter_runs(grey, columns, box, scale, length, threshold, page) for edge in run]
    cuts.append(len(columns))
    parts = []
    for start, end in zip(cuts[::2], cuts[1::2]):
        extent = ink_extent(columns, start, end, page.min_gap / scale, MIN_PIECE * page.height / scale)
        if extent is None or (extent[1] - extent[0]) * scale < MIN_PIECE * page.height:
            continue
        # A piece's end is brought in to its ink, keeping the margin of paper the detector
        # leaves, where a gutter's width of paper (or more) lies beyond it; a narrower
        # margin is part of the type (an opening quote's empty half) and stays.
        first, last = start * scale, end * scale
        if extent[0] * scale - first >= page.min_gap:
            first = extent[0] * scale - page.pad
        if last - extent[1] * scale >= page.min_gap:
            last = extent[1] * scale + page.pad
        parts.append((first, last))
    if not parts:
        return None
    if len(parts) > 1:
        # Two lines read as one box stand a little apart in height, and the box leans from
        # one to the other: each piece's box is brought to its own ink's rows, measured on
        # its two halves (so that it lies as its line does), to line up with its column.
        return tuple(cut_corners(line.corners, length, a, b,
                                 *ink_edges(crop, threshold, a / scale, b / scale, page.pad / scale))
                     for a, b in parts), 0.0
    (first, last), = parts
    extent = ink_extent(columns, int(first / scale), int(math.ceil(last / scale)), page.min_gap / scale,
                        MIN_PIECE * page.height / scale)
    # Body type is measured for spaces as wide as a gutter only: at its size the counters of
    # 川 or 儿 leave paper a third of an em wide.
    blank = dropped_spaces(line.text, columns, extent[0], extent[1], scale, page.em, GAP) if extent else 0.0
    if (first, last) == (0.0, length) and not blank:
        return None
    return (cut_corners(line.corners, length, first, last),), blank


def gutter_runs(grey, columns: Sequence[bool], box: BBox, scale: float, length: float, threshold: float,
                page: Page) -> List[Tuple[int, int]]:
    """The runs of paper in a body line (crop columns) that are column gutters: they stay
    blank REACH line heights above and below it together, at least one line height each way;
    or stay blank that far one way (a headline over an article's first row stops them the
    other) and the lines beyond show the gutter too (aligned)."""
    limit = int(REACH * page.height)

    def on_page(x: float) -> float:  # a crop column's place on the page, along the line's middle
        return box.x0 + (box.x1 - box.x0) * x * scale / length

    gutters = []
    for a, b in blank_runs(columns, page.min_gap / scale):
        # Strips a quarter of an em wide: a page turned a little moves a strip a pixel over a
        # few lines, and a gutter is some ems wide.
        reach = blank_reach(grey, threshold, int(on_page(a)), int(math.ceil(on_page(b))), int(box.top),
                            int(box.bottom) + 1, limit, int(page.em / 4))
        if any(up + down >= limit and min(up, down) >= page.height for up, down in reach):
            gutters.append((a, b))
        elif any(up >= limit for up, _ in reach) or any(down >= limit for _, down in reach):
            below = any(down >= limit for _, down in reach)
            if aligned((on_page(a), on_page(b)), box, page.spans, page.height, below=below):
                gutters.append((a, b))
    return gutters
