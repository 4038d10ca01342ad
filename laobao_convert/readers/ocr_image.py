"""What a page image shows besides its text, measured cheaply: the paper's blank margins, the
rules and the pictures (photos, shaded bands), and per text line whether it is set heavy or
reversed (light on a dark band).

numpy and OpenCV come with the OCR extra (RapidOCR needs both). Every cut-off is relative to
the page's own measurements: its paper tone, its ink tone, its body type's height in pixels.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from laobao_convert.readers.ocr_geometry import Matrix, PlacedLine

Box = Tuple[int, int, int, int]
"""x0, top, x1, bottom in pixels."""

SPECK = 3
"""Dark runs shorter than this many pixels are dust or noise, not content."""
RULE_LENGTH = 3.0
"""A straight dark run at least this many body heights long is a rule."""
RULE_THICKNESS = 0.4
"""... and at most this many body heights thick."""
PICTURE_SIDE = 2.5
"""A shaded area at least this many body heights each way, once text is taken out, is a picture."""
PICTURE_FILL = 0.5
"""... when at least this share of its box is shaded (an outline is not a picture)."""
HEAVY = 1.3
"""A line whose strokes are this many times as thick (for its size) as the body's is heavy."""


@dataclass(frozen=True)
class Marks:
    """What the image adds to the recognised lines, in pixels of the straightened page."""

    rules: Tuple[Box, ...] = ()
    pictures: Tuple[Tuple[Box, bool, Optional[float]], ...] = ()
    """(box, framed, grey fill 0..1 or None)."""
    bold: Tuple[bool, ...] = ()
    reversed: Tuple[bool, ...] = ()
    """Per line, in the order given."""


def grey_array(image):
    """A PIL image -> a greyscale uint8 array."""
    import numpy

    return numpy.asarray(image.convert("L"))


def paper_tone(grey) -> int:
    """The paper's grey: the lightest common tone (most of a page is paper)."""
    import numpy

    return int(numpy.percentile(grey[:: 4, :: 4], 90))


def content_box(grey) -> Optional[Box]:
    """The box holding everything printed, so blank margins need not be read; None for a
    blank page. A row or column counts when it holds a dark run longer than a speck."""
    import numpy

    paper = paper_tone(grey)
    dark = grey < paper - max(32, (paper - int(grey.min())) // 3)
    rows = numpy.flatnonzero(dark.sum(axis=1) >= SPECK)
    columns = numpy.flatnonzero(dark.sum(axis=0) >= SPECK)
    if len(rows) == 0 or len(columns) == 0:
        return None
    height, width = grey.shape
    pad = max(8, min(height, width) // 100)
    return (max(0, int(columns[0]) - pad), max(0, int(rows[0]) - pad),
            min(width, int(columns[-1]) + pad + 1), min(height, int(rows[-1]) + pad + 1))


def straighten(grey, matrix: Matrix):
    """The image turned as `matrix` turns the lines; uncovered corners are paper."""
    import cv2
    import numpy

    a, b, c, d, e, f = matrix
    if abs(a - 1) < 1e-9 and abs(b) < 1e-9 and abs(d) < 1e-9 and abs(c) < 1e-9 and abs(f) < 1e-9:
        return grey
    height, width = grey.shape
    warp = numpy.array([[a, b, c], [d, e, f]], dtype=numpy.float64)
    return cv2.warpAffine(grey, warp, (width, height), flags=cv2.INTER_LINEAR, borderValue=paper_tone(grey))


def _ink_threshold(grey) -> int:
    import cv2

    threshold, _ = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return int(threshold)


def _clip(line: PlacedLine, shape, pad: float = 0.0) -> Box:
    height, width = shape
    return (max(0, int(line.x0 - pad)), max(0, int(line.top - pad)),
            min(width, int(line.x1 + pad + 1)), min(height, int(line.bottom + pad + 1)))


def line_marks(grey, lines: Sequence[PlacedLine], sizes: Sequence[float]) -> Tuple[Tuple[bool, ...], Tuple[bool, ...]]:
    """Per line: heavy, reversed. Stroke thickness is twice the inked area over its outline;
    a line is heavy when that, over its type size, is well above what the body lines show."""
    import numpy

    thickness: List[Optional[float]] = []
    reversed_: List[bool] = []
    for line, size in zip(lines, sizes):
        x0, top, x1, bottom = _clip(line, grey.shape)
        crop = grey[top:bottom, x0:x1]
        if crop.size == 0 or size <= 0:
            thickness.append(None)
            reversed_.append(False)
            continue
        light, dark = numpy.percentile(crop, 95), numpy.percentile(crop, 5)
        if light - dark < 40:
            thickness.append(None)
            reversed_.append(False)
            continue
        middle = (light + dark) / 2
        background_dark = numpy.median(crop) < middle
        ink = crop > middle if background_dark else crop < middle
        area = int(ink.sum())
        edge = ink & ~(numpy.roll(ink, 1, 0) & numpy.roll(ink, -1, 0) & numpy.roll(ink, 1, 1) & numpy.roll(ink, -1, 1))
        outline = int(edge.sum())
        thickness.append(2.0 * area / outline / size if outline else None)
        reversed_.append(bool(background_dark))
    body = _body_thickness(thickness, sizes)
    bold = tuple(t is not None and body > 0 and t >= HEAVY * body for t in thickness)
    return bold, tuple(reversed_)


def _body_thickness(thickness: Sequence[Optional[float]], sizes: Sequence[float]) -> float:
    """The stroke thickness of the page's most common size: its body text."""
    if not sizes:
        return 0.0
    common = statistics.mode(sizes)
    values = [t for t, s in zip(thickness, sizes) if t is not None and s == common]
    return statistics.median(values) if values else 0.0


def find_marks(grey, lines: Sequence[PlacedLine], sizes: Sequence[float]) -> Marks:
    """Rules, pictures and line weights of a straightened page image."""
    import numpy

    bold, reversed_ = line_marks(grey, lines, sizes)
    body = statistics.median(sizes) if sizes else 0.0
    if body <= 0:
        return Marks(bold=bold, reversed=reversed_)
    paper = paper_tone(grey)
    ink = (grey < _ink_threshold(grey)).astype(numpy.uint8)
    shaded = (grey < paper - max(16, (paper - int(grey.min())) // 8)).astype(numpy.uint8)
    # Text is what the recogniser found; what is left dark is drawn, not written.
    for line, is_reversed in zip(lines, reversed_):
        x0, top, x1, bottom = _clip(line, grey.shape)
        ink[top:bottom, x0:x1] = 0
        if not is_reversed:
            shaded[top:bottom, x0:x1] = 0
    rules = _rules(ink, body)
    for x0, top, x1, bottom in rules:
        shaded[top:bottom, x0:x1] = 0
    pictures = _pictures(shaded, grey, body)
    bands = _bands(grey, lines, reversed_, body)
    return Marks(rules=tuple(rules), pictures=tuple(pictures) + bands, bold=bold, reversed=reversed_)


def _rules(ink, body: float) -> List[Box]:
    import cv2

    length = max(SPECK, int(RULE_LENGTH * body))
    thick = max(1.0, RULE_THICKNESS * body)
    rules: List[Box] = []
    for shape in ((length, 1), (1, length)):
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, shape)
        opened = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
        count, _, stats, _ = cv2.connectedComponentsWithStats(opened, connectivity=8)
        for x, y, w, h, _area in stats[1:count]:
            if min(w, h) <= thick and max(w, h) >= length:
                rules.append((int(x), int(y), int(x + w), int(y + h)))
    return rules


def _pictures(shaded, grey, body: float) -> List[Tuple[Box, bool, Optional[float]]]:
    import cv2
    import numpy

    side = PICTURE_SIDE * body
    # Speckle and the last traces of erased text go; a photo's area holds together.
    small = max(1, int(body / 4))
    opened = cv2.morphologyEx(shaded, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (small, small)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(opened, connectivity=8)
    pictures = []
    for x, y, w, h, area in stats[1:count]:
        if w >= side and h >= side and area >= PICTURE_FILL * w * h:
            tone = float(numpy.median(grey[y:y + h, x:x + w])) / 255.0
            pictures.append(((int(x), int(y), int(x + w), int(y + h)), False, round(tone, 3)))
    return pictures


def _bands(grey, lines: Sequence[PlacedLine], reversed_: Sequence[bool], body: float):
    """The dark band under each reversed line: a filled frame with the line inside, as a PDF
    draws it; it reaches as far as the band's tone does along the line's middle row."""
    import numpy

    bands = []
    height, width = grey.shape
    for line, is_reversed in zip(lines, reversed_):
        if not is_reversed:
            continue
        x0, top, x1, bottom = _clip(line, grey.shape)
        tone = float(numpy.median(grey[top:bottom, x0:x1]))
        row = grey[int((top + bottom) / 2)]
        near = numpy.abs(row.astype(int) - tone) <= 48
        left, right = x0, x1 - 1
        while left > 0 and near[left - 1]:
            left -= 1
        while right < width - 1 and near[right + 1]:
            right += 1
        column = grey[:, min(width - 1, max(0, int((left + right) / 2)))]
        close = numpy.abs(column.astype(int) - tone) <= 48
        upper, lower = top, bottom - 1
        while upper > 0 and close[upper - 1] and top - upper < body:
            upper -= 1
        while lower < height - 1 and close[lower + 1] and lower - bottom < body:
            lower += 1
        bands.append(((left, upper, right + 1, lower + 1), True, round(tone / 255.0, 3)))
    return tuple(bands)
