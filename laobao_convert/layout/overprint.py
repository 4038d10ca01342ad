"""Overprint removal: some layout systems fake bold by drawing a glyph twice, slightly offset.

The duplicate is dropped and the glyph that stays is marked bold. A sort and a sweep keep this
O(n log n) (pdfplumber's own dedupe_chars is far too slow for a broadsheet).
"""

from __future__ import annotations

from typing import List, Sequence, Tuple

from laobao_convert.layout.geometry import Glyph

MAX_OFFSET = 1.0
"""Copies closer than this (points, both axes) are one glyph drawn twice."""


def remove_overprint(glyphs: Sequence[Glyph], max_offset: float = MAX_OFFSET) -> Tuple[Glyph, ...]:
    """Drop overprinted duplicates; the copy that stays (the upper one, so content-stream order
    does not matter) is marked bold. Glyphs keep their input order.

    Sorted by (text, top), a glyph's possible twins are the few just before it with the same
    text and a top less than `max_offset` above: a sweep, O(n log n).
    """
    keys = [(g.text, g.top, g.x0) for g in glyphs]
    order = sorted(range(len(glyphs)), key=keys.__getitem__)
    dropped = set()
    doubled = set()
    window: List[int] = []
    text = None
    for i in order:
        glyph = glyphs[i]
        if glyph.text != text:
            text, window = glyph.text, []
        if glyph.text.isspace():
            continue
        if window:
            window = [j for j in window if glyph.top - glyphs[j].top < max_offset]
        for j in window:
            other = glyphs[j]
            if abs(other.x0 - glyph.x0) < max_offset and abs(other.size - glyph.size) < max_offset:
                dropped.add(i)
                doubled.add(j)
                break
        else:
            window.append(i)
    if not dropped:  # nothing drawn twice (then nothing is doubled either): the usual page
        return tuple(glyphs)
    return tuple(
        glyph._replace(bold=True) if i in doubled and not glyph.bold else glyph
        for i, glyph in enumerate(glyphs)
        if i not in dropped
    )
