"""Overprint removal: some layout systems fake bold by drawing a glyph twice, slightly offset.

The duplicate is dropped and the glyph that stays is marked bold. A sort and a sweep keep this
O(n log n) (pdfplumber's own dedupe_chars is far too slow for a broadsheet).
"""

from __future__ import annotations

from typing import Dict, List, Sequence, Tuple

from laobao_convert.layout.geometry import Glyph

MAX_OFFSET = 1.0
"""Copies closer than this (points, both axes) are one glyph drawn twice."""


def remove_overprint(glyphs: Sequence[Glyph], max_offset: float = MAX_OFFSET) -> Tuple[Glyph, ...]:
    """Drop overprinted duplicates; the copy that stays (the upper one, so content-stream order
    does not matter) is marked bold. Glyphs keep their input order.

    Grouped by text and sorted by top, a glyph's possible twins are the few just before it
    with a top less than `max_offset` above: a sweep, O(n log n).
    """
    # Twins share their text: each text's glyphs are swept on their own, by top, then x0,
    # then input order (as a stable sort would leave them).
    by_text: Dict[str, List[Tuple[float, float, int, float]]] = {}
    for i, g in enumerate(glyphs):
        same = by_text.get(g.text)
        if same is None:
            by_text[g.text] = [(g.top, g.x0, i, g.size)]
        else:
            same.append((g.top, g.x0, i, g.size))
    dropped = set()
    doubled = set()
    for text, same in by_text.items():
        if len(same) < 2 or text.isspace():
            continue
        same.sort()
        window: List[Tuple[float, float, float, int]] = []
        """Kept glyphs of this text, by top: (top, x0, size, index)."""
        first = 0  # window[:first] are too far above to be twins of what follows
        for top, x0, i, size in same:
            # Tops only grow: the glyphs too far above this one are a prefix of the window.
            while first < len(window) and not top - window[first][0] < max_offset:
                first += 1
            for k in range(first, len(window)):
                _, other_x0, other_size, j = window[k]
                if abs(other_x0 - x0) < max_offset and abs(other_size - size) < max_offset:
                    dropped.add(i)
                    doubled.add(j)
                    break
            else:
                window.append((top, x0, size, i))
    if not dropped:  # nothing drawn twice (then nothing is doubled either): the usual page
        return tuple(glyphs)
    return tuple(
        glyph._replace(bold=True) if i in doubled and not glyph.bold else glyph
        for i, glyph in enumerate(glyphs)
        if i not in dropped
    )
