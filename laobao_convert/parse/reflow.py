"""Rule `reflow`: the reader's blocks -> units, wrapped lines joined into paragraphs.

Layout-Markdown and PDF blocks are already paragraphs (their lines are joined; a hard break
keeps a line apart). pdftotext blocks are columns of wrapped lines: a line as wide as the
column goes on, a short line ends its paragraph, an indented line starts one.
"""

from __future__ import annotations

from dataclasses import replace
from typing import List, Optional, Sequence, Tuple

from laobao_convert.content import PLACED_KINDS, Line, TextBlock
from laobao_convert.parse.state import State, Unit, WorkPage
from laobao_convert.parse.text import ends_sentence, join, width

_INDENT = ("\u3000", "  ", "\t")
_MIN_COLUMN = 8.0
"""Narrower blocks (in ems) are lists of short lines, not wrapped columns."""
_SLACK = 1.0
"""A line this much narrower than the column still counts as full."""
_INDENT_EMS = 2.0
"""A paragraph's first line is indented by two characters."""


def apply(state: State) -> State:
    return replace(state, pages=tuple(_page(page) for page in state.pages))


def _page(page: WorkPage) -> WorkPage:
    if page.content is None:
        return page
    units: List[Unit] = []
    column = _page_column(page.content.blocks) if page.kind == "pdftotext" else None
    for index, block in enumerate(page.content.blocks):
        units.extend(block_units(block, index, wrapped=page.kind == "pdftotext",
                                 geometry=page.kind in PLACED_KINDS, column=column))
    return replace(page, units=tuple(units))


def _page_column(blocks: Sequence[TextBlock]) -> Optional[float]:
    """The width most lines of the page's longer blocks fill: the body column's measure."""
    widths = [width(line.text.strip()) for block in blocks if len(block.lines) > 2
              for line in block.lines if line.text.strip()]
    if not widths:
        return None
    return max(set(widths), key=lambda w: (widths.count(w), w))


_LINE_ROLES = ("masthead", "header", "footer", "box")


def block_units(block: TextBlock, index: int, wrapped: bool, geometry: bool = False,
                column: Optional[float] = None) -> List[Unit]:
    base = Unit(lines=(), heading=block.heading, role=block.role, hinted=block.role is not None,
                region=block.region, starts=block.starts_paragraph, ends=block.ends_paragraph,
                block=index, geometry=geometry)
    lines = [line for line in block.lines if line.text.strip()]
    if not lines:
        return []
    if block.heading:
        if geometry and all(line.bbox is not None for line in lines):
            return [replace(base, lines=(placed_heading_text(lines),))]
        return [replace(base, lines=(heading_text([line.text.strip() for line in lines], block.role),))]
    if block.role in _LINE_ROLES:
        # Page furniture is read line by line (each line of a masthead frame is one piece).
        return [replace(base, lines=tuple(line.text.strip() for line in lines))]
    if wrapped and block.role is None:
        return [replace(base, lines=group, starts=None, ends=None, wrapped=len(group) > 1)
                for group in _paragraphs(lines, column)]
    return [replace(base, lines=tuple(_hard_groups(lines)))]


_WRAPPED_REST = 0.5
"""A headline part's next line narrower than this share of the line above is the rest of a
line too long for the frame, not a parallel line of its own."""
_HEADLINE_PARTS = ("kicker", "title", "subtitle")


def heading_text(lines: Sequence[str], role: Optional[str]) -> str:
    """The lines of one heading block as one line. Separate lines are headline parts or the
    parallel lines of a title (对仗), joined by spaces as layout tools give them; but when the
    reader named the block one part, a much shorter line under a long one is that part wrapped
    (its last character or two carried onto a line of their own) and joins it without a space."""
    text = ""
    previous = ""
    for line in lines:
        if not text:
            text = line
        elif role in _HEADLINE_PARTS and width(line) < _WRAPPED_REST * width(previous):
            text = join(text, line)
        else:
            text = text + " " + line
        previous = line
    return text


def placed_heading_text(lines: Sequence[Line]) -> str:
    """A placed heading's lines as one line: the reader says which breaks are its own (a line
    set apart: parallel lines, a second part), joined by a space, and which are wraps of a
    line that filled the width, joined as text is."""
    text = ""
    for k, line in enumerate(lines):
        part = line.text.strip()
        text = part if k == 0 else (text + " " + part if lines[k - 1].hard_break else join(text, part))
    return text


def _hard_groups(lines: Sequence[Line]) -> List[str]:
    groups: List[str] = []
    current = ""
    for line in lines:
        current = join(current, line.text.strip())
        if line.hard_break:
            groups.append(current)
            current = ""
    if current:
        groups.append(current)
    return groups


def _paragraphs(lines: Sequence[Line], page_column: Optional[float] = None) -> List[Tuple[str, ...]]:
    """Group wrapped lines into paragraphs; the lines stay as they were, so that rules reading
    lines (a jump line, a box item, a caption credit) still see them; `paragraphs` joins them."""
    widths = [width(line.text.strip()) for line in lines]
    # The column's width is what most lines fill; the widest may carry hanging punctuation.
    # Two lines say too little: the page's body measure is used for them.
    if len(lines) > 2:
        column = max(set(widths), key=lambda w: (widths.count(w), w))
    else:
        column = page_column if page_column is not None else max(widths)
    wrapped = column >= _MIN_COLUMN and len(lines) > 1
    out: List[Tuple[str, ...]] = []
    current: List[str] = []

    def is_full(index: int) -> bool:
        return wrapped and index < len(widths) and widths[index] >= column - _SLACK

    for index, line in enumerate(lines):
        text = line.text.rstrip()
        stripped = text.strip()
        w = widths[index]
        indented = text.startswith(_INDENT)
        # A first line whose indent the extraction dropped is short by the indent's width,
        # and the column's full lines follow it.
        indent_short = wrapped and column - _INDENT_EMS - _SLACK <= w < column - _SLACK \
            and is_full(index + 1)
        starts = indented or (indent_short and current and ends_sentence(current[-1]))
        if current and starts:
            out.append(tuple(current))
            current = []
        current.append(stripped)
        full = wrapped and w >= column - _SLACK - (_INDENT_EMS if indented else 0)
        if full or (indent_short and not ends_sentence(stripped)):
            continue
        out.append(tuple(current))
        current = []
    if current:
        out.append(tuple(current))
    return out
