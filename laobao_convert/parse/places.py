"""Where a unit of text was printed: the reader's boxes carried through the rules to the model.

A unit's box is the union of its source block's box and its lines' boxes; units joined on one
page (a paragraph a column break cut) take the union of both. Coordinates are rounded to a
hundredth of a point, so the JSON does not carry float noise from one engine or another.
"""

from __future__ import annotations

from math import ceil, floor
from typing import Iterable, Optional, Tuple

from laobao_convert.content import BBox, Line, TextBlock
from laobao_convert.model import Box, PrintedLine

_PLACES = 2
_SCALE = 10 ** _PLACES


def union(boxes: Iterable[Optional[BBox]]) -> Optional[BBox]:
    """The smallest rectangle holding every given box; None when none is given."""
    known = [b for b in boxes if b is not None]
    if not known:
        return None
    return BBox(x0=min(b.x0 for b in known), top=min(b.top for b in known),
                x1=max(b.x1 for b in known), bottom=max(b.bottom for b in known))


def block_box(block: TextBlock) -> Optional[BBox]:
    """A source block's box: its own and its lines' (a reader may give either or both)."""
    return union([block.bbox] + [line.bbox for line in block.lines if line.text.strip()])


def model_box(box: Optional[BBox]) -> Optional[Box]:
    """The model's rectangle, rounded outwards so that it still holds every glyph."""
    if box is None:
        return None
    return Box(x0=floor(box.x0 * _SCALE) / _SCALE, top=floor(box.top * _SCALE) / _SCALE,
               x1=ceil(box.x1 * _SCALE) / _SCALE, bottom=ceil(box.bottom * _SCALE) / _SCALE)


def printed_lines(lines: Iterable[Line]) -> Tuple[PrintedLine, ...]:
    """A unit's placed lines as the model keeps them (for METS/ALTO), boxes rounded as above."""
    return tuple(PrintedLine(text=line.text.strip(), bbox=model_box(line.bbox), size=line.size,
                             confidence=line.confidence)
                 for line in lines if line.bbox is not None and line.text.strip())
