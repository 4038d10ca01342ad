"""What the words of a `pdftotext -layout` line say of its type: a byline, a dateline, a
caption's credit or a notice's field is body type however it stands; a series label is a
short name, a kicker a clause. pdftotext keeps no sizes, so the wording is what is left."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from laobao_convert import vocabulary as V
from laobao_convert.parse.text import ends_sentence
from laobao_convert.readers.layout_grid import Grid, Segment, edge_of, width


def is_author_line(text: str) -> bool:
    """An author with a post title (…厅长 陆阳嘉); a headline's two phrases are no post and name."""
    match = V.AUTHOR_LINE.match(text)
    return bool(match) and any(title in match["post"] for title in V.POST_TITLES)


def worded_opening(text: str) -> bool:
    return not V.CAPTION_CREDIT.search(text) and bool(
        V.BYLINE.match(text) or V.DATELINE.match(text) or is_author_line(text) or V.JUMP_IN.search(text))


def opens_text(grid: Grid, s: Segment, edge: Optional[int] = None) -> bool:
    """An article's text opening: an indented first line, a byline, a dateline, an author's
    line or a continuation's 上接 line."""
    edge = edge_of(s.col, grid.edges) if edge is None else edge
    text = s.text
    if V.CAPTION_CREDIT.search(text):
        return False  # a photo's credit (记者 X 摄) reads as a byline
    return s.col > edge or worded_opening(text)


def body_by_wording(text: str) -> bool:
    return bool(V.BYLINE.match(text) or V.DATELINE.match(text) or V.JUMP_OUT.search(text)
                or V.JUMP_IN.search(text) or is_author_line(text) or V.CAPTION_CREDIT.search(text)
                or V.CAPTION_START.match(text) or V.CAPTION_SCENE.match(text)
                or V.CAPTION_SCENE_OPENING.match(text)
                or V.NOTICE_SOLE_FIELD.match(text) or V.NOTICE_PHRASE.search(text))


LABEL_WIDTH = 7
"""A series label (栏目) without a number is a short name: at most this many ems."""


def is_series_label(text: str, apart: bool) -> bool:
    """A numbered series label (…⑩, …之二), or a short name set apart (by a blank row) that
    says no act and holds no figure (技能中国行, 劳动者港湾): a kicker is a clause (某省召开…,
    累计收到建言311万余条)."""
    if V.SERIES_LABEL.search(text):
        return True
    return (apart and width(text) <= LABEL_WIDTH and not V.KICKER_CUE.search(text) and not any(ch.isdigit() for ch in text)
            and " " not in text.strip() and not V.SUBTITLE_START.match(text))


def ends_as_caption(text: str) -> bool:
    return ends_sentence(text) or bool(V.CAPTION_CREDIT.search(text))


_POST_ALONE = re.compile(r"^[\u4e00-\u9fff、()（）]{6,40}$")
_NAME_ALONE = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")


def join_wrapped_authors(grid: Grid) -> Grid:
    """An author's post (…厅副厅长) with the name wrapped onto the line under it, in its
    column, or set apart further along its row short of the next column's edge, is one
    author line (…厅副厅长 许倩), as the byline rules read it."""
    segs = list(grid.segments)
    drop = set()
    for i, s in enumerate(segs):
        if i in drop or not (_POST_ALONE.match(s.text) and s.text.endswith(V.POST_TITLES)):
            continue
        beside = i + 1 if i + 1 < len(segs) and segs[i + 1].row == s.row else None
        if (beside is not None and _NAME_ALONE.match(segs[beside].text)
                and not any(s.end < e <= segs[beside].col for e in grid.edges)):
            under = beside
        else:
            under = next((j for j in range(i + 1, len(segs)) if segs[j].row > s.row
                          and segs[j].col < s.end and s.col < segs[j].end), None)
            if under is None or segs[under].row != s.row + 1 or segs[under].col != s.col:
                continue
        name = segs[under]
        if _NAME_ALONE.match(name.text) and is_author_line(s.text + " " + name.text):
            segs[i] = replace(s, text=s.text + " " + name.text)
            drop.add(under)
    if not drop:
        return grid
    return replace(grid, segments=tuple(t for j, t in enumerate(segs) if j not in drop))
