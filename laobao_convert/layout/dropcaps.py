"""Drop capitals: a paragraph's first character set two or three lines tall beside its text.

Left alone, the big glyph shares a row with the text line level with its middle (and becomes
its first character, out of order) or stands as a headline of one character, and the word it
begins loses its first character. It is taken out before lines are built and put back at the
start of the line beside its top; the lines it pushed right get the column's edge again, so
the paragraph rules see one paragraph starting there.
"""

from __future__ import annotations

from dataclasses import replace
from typing import List, Optional, Sequence, Tuple

from laobao_convert.layout.columns import body_size
from laobao_convert.layout.geometry import Glyph, TextLine

DROP = 1.8
"""A drop capital is at least this many times the size of the text beside it."""


def find_drop_caps(glyphs: Sequence[Glyph]) -> Tuple[int, ...]:
    """Indexes of glyphs that are drop capitals: one tall letter or character, alone (no
    glyph of its size next to it, as a headline's have), with two or more lines of text of
    the page's body size starting right beside it and none running into it from the left."""
    body = body_size(glyphs)  # a glyph is a line of one character to it
    if body <= 0:
        return ()
    tall = [i for i, g in enumerate(glyphs) if g.size >= DROP * body and g.text.isalnum() and len(g.text) == 1]
    if not tall:
        return ()
    # A headline's characters have neighbours of their size: compared among the tall glyphs
    # only, which leaves the few worth a look at the whole page.
    alone = [i for i in tall if not any(_touches(glyphs[j], glyphs[i], glyphs[i].size)
                                        and abs(glyphs[j].size - glyphs[i].size) <= 0.2 * glyphs[i].size
                                        for j in tall if j != i)]
    found = []
    for i in alone:
        cap = glyphs[i]
        near = [g for g in glyphs if g is not cap and _touches(g, cap, body)]
        small = [g for g in near if abs(g.size - body) <= 0.12 * body]
        right = {round(g.top) for g in small if -0.3 * body <= g.x0 - cap.x1 <= 1.5 * body}
        # Text running into it from the left (a gutter's width away is the next column).
        left = [g for g in small if cap.x0 - 0.6 * body <= g.x1 <= cap.x0 + 0.3 * body]
        if len(right) >= 2 and not left:
            found.append(i)
    return tuple(found)


def _touches(g: Glyph, cap: Glyph, reach: float) -> bool:
    """`g` is level with `cap` and within `reach` right of it (or 1.5 of its ems left)."""
    return g.bottom > cap.top and g.top < cap.bottom and g.x1 > cap.x0 - 1.5 * cap.size and g.x0 < cap.x1 + 1.5 * reach


def merge_drop_caps(lines: Sequence[TextLine], caps: Sequence[Glyph], body: float) -> Tuple[TextLine, ...]:
    """Lines with each drop capital joined to the line beside its top."""
    out: List[Optional[TextLine]] = list(lines)
    for cap in caps:
        firsts = [j for j, line in enumerate(lines) if out[j] is not None and _beside(cap, line, body)]
        if not firsts:
            continue
        first = min(firsts, key=lambda j: lines[j].top)
        head = lines[first]
        out[first] = replace(head, text=cap.text + head.text.lstrip(), x0=cap.x0, initial=True)
        for j, line in enumerate(lines):
            if (out[j] is not None and j != first and abs(line.x0 - head.x0) <= 0.5 * body
                    and head.top < line.top < cap.bottom and abs(line.size - body) <= 0.12 * body):
                out[j] = replace(line, x0=cap.x0)
    return tuple(line for line in out if line is not None)


def _beside(cap: Glyph, line: TextLine, body: float) -> bool:
    """`line` is body text starting just right of the capital, level with its top."""
    if abs(line.size - body) > 0.12 * body:
        return False
    # Font boxes put a tall glyph lower than it looks: its text may start up to an em above.
    return -0.3 * body <= line.x0 - cap.x1 <= 1.5 * body and cap.top - 1.2 * body <= line.top <= cap.top + 1.2 * body
