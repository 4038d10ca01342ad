"""Text recognition: one page image -> its text lines with their boxes and confidences.

RapidOCR (the PP-OCR Chinese models inside the `rapidocr_onnxruntime` wheel, ONNX runtime on
the CPU) is an optional extra: it is imported here only, on the first scanned page, and its
absence is one InputError saying what to install. Each line's box is checked against its ink
(ocr_gutters): one the detector ran across a column gutter is read again as its pieces.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Tuple

from laobao_convert.errors import InputError

INSTALL_HINT = "OCR needs the 'ocr' extra: pip install 'laobao-convert[ocr]'"

Point = Tuple[float, float]


@dataclass(frozen=True)
class OcrLine:
    """One recognised line: its corners in image pixels (clockwise from the top-left of the
    text as read), what it says and how sure the recogniser is (0..1)."""

    corners: Tuple[Point, Point, Point, Point]
    text: str
    confidence: float
    upside_down: bool = False
    """The direction classifier found the crop turned half round (an upside-down page)."""
    blank: float = 0.0
    """Pixels of paper inside the line, in gaps wider than any between its characters, that
    its text shows no space for (the recogniser drops wide spaces): its width less this is
    what its characters take (ocr_gutters measures it)."""


@dataclass(frozen=True)
class OcrPage:
    """What recognition found on one page image."""

    width: int
    height: int
    """The image's size in pixels."""
    lines: Tuple[OcrLine, ...]


_ENGINE = None
"""One engine per process: loading the three models takes about a second."""
_THREADS = 0
"""Threads the engine may use; 0: the ONNX runtime's choice (every core)."""


def set_threads(threads: int) -> None:
    """Pages read in several processes share the cores: each engine then keeps to its share."""
    global _ENGINE, _THREADS
    if threads != _THREADS:
        _THREADS, _ENGINE = threads, None


def available() -> bool:
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def engine():
    """The process's RapidOCR engine; an InputError naming the extra when it is not installed."""
    global _ENGINE
    if _ENGINE is None:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError:
            raise InputError(INSTALL_HINT) from None
        # The page is rendered at the resolution wanted: the engine's own shrinking to 2000
        # pixels would make body type too small to read.
        threads = _THREADS or -1
        _ENGINE = RapidOCR(max_side_len=100000, intra_op_num_threads=threads, inter_op_num_threads=threads,
                           print_verbose=False)
    return _ENGINE


def recognise(image) -> OcrPage:
    """Read every text line of an RGB image (a numpy array, height x width x 3).

    The engine's steps are called one by one so that the direction classifier's verdict per
    line is kept (RapidOCR's one-call API drops it) and no line is thrown away for a low score:
    a doubtful line is kept with its confidence, for the reader to judge and tell."""
    ocr = engine()
    height, width = image.shape[:2]
    boxes, _ = ocr.text_det(image)
    if boxes is None or len(boxes) == 0:
        return OcrPage(width, height, ())
    boxes = ocr.sorted_boxes(boxes)
    crops = ocr.get_crop_img_list(image, boxes)
    crops, turns, _ = ocr.text_cls(crops)
    results, _ = ocr.text_rec(crops)
    lines = tuple(line for line in _lines(boxes, turns, results) if line is not None)
    return split_joined(image, OcrPage(width, height, lines))


def _lines(boxes, turns, results) -> List[Optional[OcrLine]]:
    """One line per box, None where nothing was read."""
    lines: List[Optional[OcrLine]] = []
    for box, turn, result in zip(boxes, turns, results):
        text, score = str(result[0]), float(result[1])
        corners = tuple((float(x), float(y)) for x, y in box[:4])
        upside = "180" in str(turn[0]) and float(turn[1]) > 0.9
        lines.append(OcrLine(corners, text, score, upside) if text.strip() else None)
    return lines


def _read(image, boxes) -> List[Optional[OcrLine]]:
    """The lines in the given boxes (corner arrays) of an RGB image, read and direction-checked."""
    ocr = engine()
    crops = ocr.get_crop_img_list(image, boxes)
    crops, turns, _ = ocr.text_cls(crops)
    results, _ = ocr.text_rec(crops)
    return _lines(boxes, turns, results)


def split_joined(image, page: OcrPage) -> OcrPage:
    """The page with each line the detector ran across a column gutter (ocr_gutters) read
    again as its pieces, one line a column, and each body line's box fitted to its ink."""
    import numpy

    from laobao_convert.readers import ocr_gutters

    measured = ocr_gutters.pieces(image[:, :, 0], page.lines)
    em = ocr_gutters.body_size(page.lines) if measured else 0.0
    found = {index: parts for index, parts, _ in measured}
    blank = {index: gaps for index, _, gaps in measured}
    split = sorted(index for index, parts in found.items() if len(parts) > 1)
    boxes = [numpy.array(corners, dtype=numpy.float32) for index in split for corners in found[index]]
    reread = iter(_read(image, boxes) if boxes else ())
    lines = []
    for index, line in enumerate(page.lines):
        parts = found.get(index)
        if parts is None:
            lines.append(line)
        elif len(parts) == 1:  # the same text in a box fitted to its ink
            lines.append(OcrLine(parts[0], line.text, line.confidence, line.upside_down, blank[index]))
        else:
            lines.extend(_opening(piece, em) for piece in (next(reread) for _ in parts) if piece is not None)
    return OcrPage(page.width, page.height, tuple(lines))


def _opening(line: OcrLine, em: float) -> OcrLine:
    """A piece cut at a gutter starts at its ink; the detector's boxes start at the em (on
    the column's edge), which a line opening with a quote or bracket has half empty: such a
    piece's box is moved back by that half, to start on its column's edge too."""
    from laobao_convert.readers import ocr_gutters
    from laobao_convert.readers.ocr_geometry import OPENING

    if not line.text or line.text[0] not in OPENING:
        return line
    return OcrLine(ocr_gutters.opened(line.corners, em / 2), line.text, line.confidence, line.upside_down, line.blank)


def rgb_of_grey(grey):
    """A grey array -> the three-channel array the engine reads."""
    import numpy

    return numpy.ascontiguousarray(numpy.repeat(grey[:, :, None], 3, axis=2))


def shifted(page: OcrPage, dx: float, dy: float, width: int, height: int) -> OcrPage:
    """Lines read on a crop, placed on the whole image (of `width` x `height`)."""
    lines = tuple(
        OcrLine(tuple((x + dx, y + dy) for x, y in line.corners), line.text, line.confidence, line.upside_down,
                line.blank)
        for line in page.lines
    )
    return OcrPage(width, height, lines)


def cached_lines(payload: dict) -> OcrPage:
    """An OcrPage from the plain form `to_plain` gives (tests and tuning keep pages so)."""
    lines = tuple(
        OcrLine(tuple(tuple(p) for p in line["corners"]), line["text"], line["confidence"], line.get("upside_down", False),
                line.get("blank", 0.0))
        for line in payload["lines"]
    )
    return OcrPage(payload["width"], payload["height"], lines)


def to_plain(page: OcrPage) -> dict:
    return {
        "width": page.width,
        "height": page.height,
        "lines": [
            {"corners": [list(p) for p in line.corners], "text": line.text, "confidence": line.confidence,
             "upside_down": line.upside_down, "blank": line.blank}
            for line in page.lines
        ],
    }
