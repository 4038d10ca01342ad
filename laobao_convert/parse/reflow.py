"""Rule `reflow`: the reader's blocks -> units, wrapped lines joined into paragraphs.

Layout-Markdown and PDF blocks are already paragraphs (their lines are joined; a hard break
keeps a line apart). pdftotext blocks are columns of wrapped lines: a line as wide as the
column goes on, a short line ends its paragraph, an indented line starts one.
"""

from __future__ import annotations

import weakref
from dataclasses import replace
from typing import Dict, List, Optional, Sequence, Tuple

from laobao_convert.content import PLACED_KINDS, Line, PageContent, TextBlock
from laobao_convert.parse.places import block_box
from laobao_convert.parse.state import State, Unit, WorkPage
from laobao_convert import vocabulary as V
from laobao_convert.parse import roles
from laobao_convert.parse.text import ends_sentence, has_sentence_punct, join, width

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
    return replace(page, units=_remembered(page.content, page.kind))


_UNITS: Dict[Tuple[int, str], Tuple[weakref.ref, Tuple[Unit, ...]]] = {}
"""(id of a page's content, kind) -> (the content, weakly; its units). An input is identified
(which reflows its pages) and then parsed (which reflows them again): the units are the same,
and made once. An entry goes with its content, so an id reused later cannot find it."""


def _remembered(content: PageContent, kind: str) -> Tuple[Unit, ...]:
    key = (id(content), kind)
    known = _UNITS.get(key)
    if known is not None and known[0]() is content:
        return known[1]
    units = _units(content, kind)
    try:
        _UNITS[key] = (weakref.ref(content, lambda _, key=key: _UNITS.pop(key, None)), units)
    except TypeError:  # content that cannot be referred to weakly is not remembered
        pass
    return units


def _units(content: PageContent, kind: str) -> Tuple[Unit, ...]:
    units: List[Unit] = []
    column = _page_column(content.blocks) if kind == "pdftotext" else None
    for index, block in enumerate(content.blocks):
        units.extend(block_units(block, index, wrapped=kind == "pdftotext",
                                 geometry=kind in PLACED_KINDS, column=column, kind=kind))
    return tuple(units)


def _page_column(blocks: Sequence[TextBlock]) -> Optional[float]:
    """The width most lines of the page's longer blocks fill: the body column's measure."""
    widths = [width(line.text.strip()) for block in blocks if len(block.lines) > 2
              for line in block.lines if line.text.strip()]
    if not widths:
        return None
    return max(set(widths), key=lambda w: (widths.count(w), w))


_LINE_ROLES = ("masthead", "header", "footer", "box")


def block_units(block: TextBlock, index: int, wrapped: bool, geometry: bool = False,
                column: Optional[float] = None, kind: str = "text") -> List[Unit]:
    base = Unit(lines=(), heading=block.heading, role=block.role, hinted=block.role is not None,
                region=block.region, starts=block.starts_paragraph, ends=block.ends_paragraph,
                block=index, geometry=geometry, evidence=roles.from_reader(block, kind),
                bbox=block_box(block))
    lines = [line for line in block.lines if line.text.strip()]
    if not lines:
        return []
    base = replace(base, printed=printed_lines(lines, block.heading),
                   placed=tuple(line for line in lines if line.bbox is not None) if geometry else ())
    if block.heading:
        if geometry and all(line.bbox is not None for line in lines):
            return [replace(base, lines=(placed_heading_text(lines),))]
        return [replace(base, lines=(heading_text([line.text.strip() for line in lines], block.role),))]
    if block.role in _LINE_ROLES:
        # Page furniture is read line by line (each line of a masthead frame is one piece).
        return [replace(base, lines=tuple(line.text.strip() for line in lines))]
    if wrapped and block.role is None:
        head, lines = _set_apart(lines, column)
        units = [replace(base, lines=(text,), starts=None, ends=None, evidence=(why,))
                 for text, why in _head_parts(head)]
        groups = [_unwidowed(group) for group in _paragraphs(lines, column)]
        return units + [replace(base, lines=group, starts=None, ends=None, wrapped=len(group) > 1)
                        for group in groups]
    if geometry and block.role is None:
        # A byline or author line the layout left in one piece with the line above it (a
        # subtitle of about its size) is a unit of its own: it is never part of a paragraph.
        return [replace(base, lines=tuple(_hard_groups(group))) for group in _byline_apart(lines)]
    return [replace(base, lines=tuple(_hard_groups(lines)))]


def _byline_apart(lines: Sequence[Line]) -> List[List[Line]]:
    groups: List[List[Line]] = [[]]
    for line in lines:
        alone = roles.whole_line(line.text) in ("byline", "author line")
        if alone and groups[-1]:
            groups.append([])
        groups[-1].append(line)
        if alone:
            groups.append([])
    return [group for group in groups if group]


def _set_apart(lines: Sequence[Line], column: Optional[float]) -> Tuple[List[Line], List[Line]]:
    """The lines at a pdftotext block's top that no body column wraps: pdftotext sets a
    headline, its subtitle and the byline or dateline under them in the block of the body they
    open. A line wider than the page's body measure cannot be one of its wrapped lines; a
    subtitle (——…), a byline or a dateline standing whole on its line is a line of its own.
    Each comes out as a unit of one line, so the headline rules see the parts apart."""
    head: List[Line] = []
    if V.CAPTION_CREDIT.search(lines[-1].text) or V.CAPTION_START.match(lines[0].text.strip()):
        return head, list(lines)  # a caption's lines are the caption rule's to read
    widths = [width(line.text.strip()) for line in lines]
    if len(lines) > 3:
        # The block's own column, which a wider article on the page may have.
        column = max(set(widths[1:]), key=lambda w: (widths[1:].count(w), w))
    texts = [line.text.strip() for line in lines]

    def full(k: int) -> bool:
        return column is not None and abs(widths[k] - column) <= _SLACK

    def prose(k: int) -> bool:
        return any(ch in _FINAL for ch in texts[k])

    # A dash opening a full line under another full line is prose wrapped at a dash.
    whole = [bool(roles.whole_line(t))
             and not (V.SUBTITLE_START.match(t) and (prose(k) or (k and full(k) and full(k - 1))))
             for k, t in enumerate(texts)]
    # Lines above a whole byline or subtitle line, or above a dateline that opens the text,
    # are the headline it stands under.
    top = range(min(len(lines), _HEAD_LINES))
    end = max([k + 1 for k in top if whole[k]] + [k for k in top if k and V.DATELINE.match(texts[k])],
              default=0)
    for k, line in enumerate(lines):
        if k == len(lines) - 1 and not head:
            break  # a one-line block is a unit already
        wide = column is not None and widths[k] > column + _SLACK and not prose(k)
        if not (wide or whole[k] or (k < end and not prose(k))):
            break
        head.append(line)
    rest = list(lines[len(head):])
    if head and rest and _widow(rest[0].text.strip(), head[-1].text.strip()):
        head.append(rest.pop(0))  # the headline line's end, carried onto a line of its own
    return head, rest


def _head_parts(head: Sequence[Line]) -> List[Tuple[str, str]]:
    """The set-apart lines as parts, each with what set it apart: a subtitle, byline or
    dateline is a part of its own; the lines between them are one headline part wrapped in its
    frame (pdftotext sets each size of type in a block of its own, so a kicker and its title do
    not share one)."""
    parts: List[Tuple[str, str]] = []
    loose = False
    for line in head:
        text = line.text.strip()
        whole = roles.whole_line(text)
        if parts and not whole and V.SUBTITLE_START.match(parts[-1][0]) and _widow(text, parts[-1][0]):
            # A subtitle's last words carried onto a short line (——绵阳市人社服务 / 侧记).
            parts[-1] = (join(parts[-1][0], text), parts[-1][1])
        elif parts and loose and not whole:
            parts[-1] = (join(parts[-1][0], text), parts[-1][1])
        else:
            parts.append((text, f"{whole} on a line of its own" if whole else _SET_APART))
        loose = not whole
    return parts


_SET_APART = "headline line over its text: wider than the column, or above its byline or dateline"
_FINAL = "。！？；!?;"
"""A line with a sentence's end in it is prose, never a headline line."""
_HEAD_LINES = 6
"""A headline's kicker, title and subtitle, each wrapped once at most: the most lines above
a byline."""


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


def printed_lines(lines: Sequence[Line], heading: bool) -> Tuple[str, ...]:
    """The lines as the source set them apart: a placed heading's lines where the reader saw
    a break of its own (not a wrap at the frame's width); every line of anything else."""
    if heading and all(line.bbox is not None for line in lines):
        return tuple(_hard_groups(lines))
    return tuple(line.text.strip() for line in lines)


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


_SET_LINES = 3
"""The most lines of a headline part wrapped in its frame."""
_WIDOW = 3.0
"""The end of a headline line carried onto a line of its own by a frame too narrow for it."""


def _widow(text: str, above: str) -> bool:
    return width(text) <= _WIDOW and not has_sentence_punct(text) and not has_sentence_punct(above) \
        and width(above) > 2 * width(text)


def _unwidowed(group: Tuple[str, ...]) -> Tuple[str, ...]:
    """A line with its last characters carried onto a short line of their own, and no
    sentence in it: a headline or subhead wrapped in a narrow column, one line again."""
    if len(group) == 2 and _widow(group[1], group[0]):
        return (join(group[0], group[1]),)
    return group


def _paragraphs(lines: Sequence[Line], page_column: Optional[float] = None) -> List[Tuple[str, ...]]:
    """Group wrapped lines into paragraphs; the lines stay as they were, so that rules reading
    lines (a jump line, a box item, a caption credit) still see them; `paragraphs` joins them."""
    if not lines:
        return []
    widths = [width(line.text.strip()) for line in lines]
    # The column's width is what most lines fill; the widest may carry hanging punctuation.
    # Two lines say too little: the page's body measure is used for them.
    if len(lines) > 2:
        column = max(set(widths), key=lambda w: (widths.count(w), w))
    else:
        column = page_column if page_column is not None else max(widths)
    wrapped = column >= _MIN_COLUMN and len(lines) > 1
    if 1 < len(lines) <= _SET_LINES and page_column is not None \
            and all(w < page_column - _SLACK for w in widths) \
            and not any(ch in _FINAL for line in lines for ch in line.text):
        # A few short lines set apart with no sentence in them: one thing (a headline, a
        # label, an address) wrapped in a frame narrower than the body's column.
        return [tuple(line.text.strip() for line in lines)]
    out: List[Tuple[str, ...]] = []
    current: List[str] = []

    def is_full(index: int) -> bool:
        return wrapped and index < len(widths) and widths[index] >= column - _SLACK

    for index, line in enumerate(lines):
        text = line.text.rstrip()
        stripped = text.strip()
        w = widths[index]
        if not current and out and _widow(stripped, out[-1][-1]) \
                and (index == len(lines) - 1 or len(out[-1]) == 1):
            out[-1] = out[-1][:-1] + (join(out[-1][-1], stripped),)
            continue
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
