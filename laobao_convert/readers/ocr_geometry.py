"""Recognised lines -> the glyph geometry the layout engine reads (laobao_convert.layout).

OCR gives a box per line and the line's text; the layout rules want glyphs with boxes, sizes
and weights, as a PDF gives them. So each line's box is straightened (the page's skew taken
out), trimmed of the margin the detector adds around text, and shared out over its characters:
a CJK character one full width, Latin and digits half of one. The type size comes from the
line's height, scaled by what the page's own solid-set lines show a character's width to be.
Pure geometry: no image and no OCR library here.
"""

from __future__ import annotations

import math
import statistics
import unicodedata
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from laobao_convert.layout.geometry import Glyph
from laobao_convert.readers.ocr_engine import OcrLine

Matrix = Tuple[float, float, float, float, float, float]
"""An affine map (a, b, c, d, e, f): x' = a x + b y + c, y' = d x + e y + f."""

MIN_SKEW_WIDTH = 6.0
"""Only lines at least this many times wider than tall say which way the page leans: a short
box's angle is a pixel's rounding."""
MIN_SOLID_CHARS = 6
"""Lines of at least this many CJK characters and nothing else measure the character size."""
MIN_PITCH_CHARS = 3
"""A line with this many full-width characters is measured by its width (see line_sizes)."""
SPACED = 1.3
"""A line whose width gives a size this many times what its height gives is letter-spaced:
its height says its size. (Boxes wobble by up to a fifth of a line's height; spacing a
title out takes a third of an em or more to show.)"""
LARGER = 1.15
"""A line this many times the page's median size (the body's) is a headline's (line_sizes)."""
WRAPPED = 0.35
"""A short line under another takes its size when within this share of it (_wrapped)."""
SPACE_WIDTH = 0.35
"""A space in recognised text keeps this share of a character's width: wide enough for the
layout to see a word space, too narrow for a column gutter."""


@dataclass(frozen=True)
class PlacedLine:
    """A recognised line on the straightened page, in pixels."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float
    blank: float = 0.0
    """Paper inside the line its text shows no space for (OcrLine.blank)."""

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def width(self) -> float:
        return self.x1 - self.x0


OPENING = "“‘（《〈【〔「『"
"""Full-width marks whose ink sits in the right half of their em: a box starting with one
starts half an em late."""
CLOSING = "。，、；：？！”’）》〉】〕」』"
"""... and those whose ink sits in the left half: a box ending with one ends half an em early."""


def is_wide(char: str) -> bool:
    """Set a full em wide in Chinese print: ideographs, full-width forms, and the ambiguous-width
    marks (quotes, dashes, ellipses, circled numbers) that CJK fonts set full width."""
    return unicodedata.east_asian_width(char) in ("W", "F", "A")


def char_weights(text: str) -> List[float]:
    """The share of a line box each character takes, in ems of ink: a full-width character
    one, Latin letters and digits half, a space SPACE_WIDTH; a line's first or last mark half
    its em when its ink is in the other half (see OPENING, CLOSING)."""
    weights = [SPACE_WIDTH if c.isspace() else (1.0 if is_wide(c) else 0.5) for c in text]
    if len(text) > 1:
        if text[0] in OPENING:
            weights[0] = 0.5
        if text[-1] in CLOSING:
            weights[-1] = 0.5
    return weights


def skew_angle(lines: Sequence[OcrLine]) -> float:
    """How far the page is turned (degrees, positive clockwise as seen): the trimmed mean of
    the long lines' edge angles, each weighted by its length (long edges measure it best)."""
    angles: List[Tuple[float, float]] = []
    for line in lines:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = line.corners
        width = math.hypot(x1 - x0, y1 - y0)
        height = math.hypot(x3 - x0, y3 - y0)
        if height <= 0 or width < MIN_SKEW_WIDTH * height:
            continue
        for (ax, ay), (bx, by) in (((x0, y0), (x1, y1)), ((x3, y3), (x2, y2))):
            if bx != ax:
                angles.append((math.degrees(math.atan2(by - ay, bx - ax)), math.hypot(bx - ax, by - ay)))
    if not angles:
        return 0.0
    angles.sort()
    cut = len(angles) // 5
    kept = angles[cut:len(angles) - cut] or angles
    total = sum(weight for _, weight in kept)
    return sum(angle * weight for angle, weight in kept) / total


def upside_down(lines: Sequence[OcrLine]) -> bool:
    """Most of the page's text (by characters) was read turned half round."""
    turned = sum(len(line.text) for line in lines if line.upside_down)
    return turned * 2 > sum(len(line.text) for line in lines)


def straightening(width: int, height: int, angle: float, turned: bool) -> Matrix:
    """The map that turns the page back by `angle` degrees about its centre, and half round
    when it lay upside down (the image is turned the same way, so rules and lines agree)."""
    radians = math.radians(angle)
    cos, sin = math.cos(radians), math.sin(radians)
    cx, cy = width / 2, height / 2
    if turned:
        cos, sin = -cos, -sin
    # Rotation by -angle about the centre: (x, y) -> R (p - c) + c.
    return (cos, sin, cx - cos * cx - sin * cy, -sin, cos, cy + sin * cx - cos * cy)


def apply(matrix: Matrix, x: float, y: float) -> Tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + b * y + c, d * x + e * y + f


def place(lines: Sequence[OcrLine], matrix: Matrix) -> Tuple[PlacedLine, ...]:
    """Each line's box on the straightened page, read top to bottom."""
    placed = []
    for line in lines:
        points = [apply(matrix, x, y) for x, y in line.corners]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        placed.append(PlacedLine(line.text.strip(), min(xs), min(ys), max(xs), max(ys), line.confidence, line.blank))
    placed.sort(key=lambda l: ((l.top + l.bottom) / 2, l.x0))
    return tuple(placed)


def char_share(lines: Sequence[PlacedLine]) -> float:
    """What share of a line box's height its characters are (the detector pads text boxes).

    Measured on the page's own solid-set CJK lines: a line of n characters of size s in a box
    padded by p all round is n s + 2 p wide and s + 2 p high, so s = (width - height) / (n - 1);
    the median over lines is the page's share. 0.9 (what PP-OCR's detector gives on print)
    stands in on a page with no such line."""
    shares = []
    for line in lines:
        n = len(line.text)
        if n >= MIN_SOLID_CHARS and line.height > 0 and all(is_wide(c) for c in line.text):
            size = (line.width - line.height) / (n - 1)
            if size > 0:
                shares.append(size / line.height)
    return min(1.0, statistics.median(shares)) if shares else 0.9


def line_sizes(lines: Sequence[PlacedLine]) -> List[float]:
    """Each line's type size in pixels, before snapping.

    A box's height wobbles with what the line holds (quotes and commas reach past ideographs;
    a caption's box is as tall as the body's), its width much less: where a line has enough
    full-width characters, the size is its width over its characters (less the detector's
    padding, which the page's own solid-set lines measure, and the paper of wide spaces the
    text lost, OcrLine.blank). Its height decides when the width says far more (a
    letter-spaced title); and when the width says more than the height for a line in type
    no larger than the body's (a character the recogniser dropped widens it, a short box
    narrows the height), the one nearer the page's common size is taken. A headline's
    lines so get one size, as their heights often do not."""
    share = char_share(lines)
    measured = []
    for line in lines:
        by_height = share * line.height
        wide = sum(1 for c in line.text if is_wide(c))
        weights = sum(char_weights(line.text))
        by_width = None
        if wide >= MIN_PITCH_CHARS and weights > 0:
            by_width = (line.width - line.blank - (line.height - by_height)) / weights
        measured.append((by_height, by_width))
    common = statistics.median(h if w is None else min(h, w) for h, w in measured) if measured else 0.0
    sizes = [h if w is None or w > SPACED * h else w if w <= h or h >= LARGER * common
             else min((h, w), key=lambda s: abs(s - common)) for h, w in measured]
    return _wrapped(lines, sizes, [w is None for _, w in measured])


def _wrapped(lines: Sequence[PlacedLine], sizes: List[float], by_height: Sequence[bool]) -> List[float]:
    """A line too short to be measured by its width (the last character or two of a wrapped
    title, a paragraph's last word) set right under a line it lies within takes that line's
    size when its height roughly agrees: a box around two characters and a quote mark is as
    much as a third too tall or short."""
    out = list(sizes)
    for k, line in enumerate(lines):
        if not by_height[k]:
            continue
        for j in range(k - 1, -1, -1):
            above = lines[j]
            if above.bottom > line.top + 0.5 * line.height or not (above.x0 - line.height <= line.x0 <= above.x1):
                continue
            if line.top - above.bottom < 0.5 * above.height and abs(sizes[k] - out[j]) <= WRAPPED * out[j]:
                out[k] = out[j]
            break
    return out


def glyphs_of(line: PlacedLine, size_px: float, scale: float, bold: bool = False,
              color: Optional[Tuple[float, float, float]] = None) -> List[Glyph]:
    """One line's characters as glyphs in points (`scale`: points a pixel; `size_px`: its type
    size, from `char_share` and `snap_sizes`), its box shared out
    by their widths. A line set wider than its characters' natural widths (letter-spaced
    headlines) stretches every character alike, so no gap opens that could pass for a gutter."""
    pad = max(0.0, (line.height - size_px) / 2)
    x0, x1 = line.x0 + pad, line.x1 - pad
    middle = (line.top + line.bottom) / 2
    weights = char_weights(line.text)
    total = sum(weights)
    if total <= 0 or x1 <= x0:
        return []
    unit = (x1 - x0) / total
    size = size_px * scale
    top, bottom = (middle - size_px / 2) * scale, (middle + size_px / 2) * scale
    glyphs = []
    x = x0
    for char, weight in zip(line.text, weights):
        right = x + weight * unit
        if not char.isspace():
            glyphs.append(Glyph(char, x * scale, top, right * scale, bottom, size, bold, "", color, line.confidence))
        x = right
    return glyphs


def snap_sizes(sizes: Sequence[float], tolerance: float = 0.05, others: float = 0.03) -> List[float]:
    """Sizes measured from box heights wobble by a pixel or two, and the layout tells roles
    apart by 6 %. So the size most lines share (counting those within `tolerance` of it) takes
    in all those lines at their median, then the next most shared among the rest, and so on.
    The body's lines are many and wobble most (a dropped character, a quote's tall box); the
    few lines of other sizes are measured from more characters or larger type, and a kicker
    barely larger than the body must not be pulled down to it: after the body, `others`."""
    out = list(sizes)
    left = sorted(range(len(sizes)), key=lambda i: sizes[i])
    while left:
        if len(left) < len(sizes):
            tolerance = others

        def near(i: int) -> List[int]:
            return [j for j in left if abs(sizes[j] - sizes[i]) <= tolerance * sizes[i]]

        seed = max(left, key=lambda i: (len(near(i)), -sizes[i]))
        members = near(seed)
        value = statistics.median(sizes[j] for j in members)
        for j in members:
            out[j] = value
        taken = set(members)
        left = [j for j in left if j not in taken]
    return out
