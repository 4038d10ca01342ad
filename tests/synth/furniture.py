"""Page furniture: the page-one masthead, inner-page headers and the 导读 box, as frames.

Each piece of the masthead is a frame of its own around the paper's name, as on real pages;
the inner-page header is a row of frames over a rule, mirrored on even pages.
"""

from __future__ import annotations

import datetime
import random
from typing import List, Optional, Sequence, Tuple

from laobao_convert.model import Masthead

from tests.synth import content
from tests.synth.geometry import Frame, Options, PageLayout, Rect, TextLine
from tests.synth.linebreak import break_lines, width


def set_masthead(page: PageLayout, m: Masthead, o: Options, rng: random.Random) -> float:
    """Masthead frames on page one; returns where the body starts."""
    d = datetime.date.fromisoformat(m.date)
    x0, top = o.margin, o.margin
    k = o.type_scale
    name_size = 64.0 * k
    cx = (o.width - width(m.paper, name_size)) / 2
    page.frames.append(Frame("masthead", (TextLine(cx, top + name_size, m.paper, name_size, bold=True),)))
    page.frames.append(Frame("masthead", (TextLine(cx, top + name_size + 20 * k, content.PINYIN, 11.0 * k),)))
    first, second = content.AUTHORITY
    page.frames.append(Frame("masthead", (
        TextLine(cx + 20, top + name_size + 40 * k, first, 10.0 * k),
        TextLine(cx + 20 + width(first, 10 * k) + 10, top + name_size + 40 * k, second, 10.0 * k),
    )))
    date_lines = (f"{d.year}年{d.month}月", str(d.day), m.weekday, f"第{m.issue_number}期 今日{m.page_count}版")
    y = top
    lines = []
    for text, size in zip(date_lines, (14.0 * k, 40.0 * k, 14.0 * k, 11.0 * k)):
        y += size * 0.9
        lines.append(TextLine(x0, y, text, size, bold=size > 20 * k))
        y += 8
    # The date block and the issue line are separate frames in real pages.
    page.frames.append(Frame("masthead", tuple(lines[:3])))
    page.frames.append(Frame("masthead", (lines[3],)))
    codes = (f"国内统一连续出版物号:{m.cn}", f"邮发代号:{m.postal_code}", f"国外发行代号:{m.overseas_code}",
             f"网址:{m.website}", f"电子信箱:{m.email}")
    if rng.random() < 0.5:  # papers use either colon
        codes = tuple(c.replace(":", "：") for c in codes)
    cx1 = o.width - o.margin - max(width(c, 9.0 * k) for c in codes)
    y = top + 12 * k
    for text in codes:
        page.frames.append(Frame("masthead", (TextLine(cx1, y, text, 9.0 * k),)))
        y += 15 * k
    bottom = top + name_size + 62 * k
    page.rules.append((o.margin, bottom, o.width - o.margin, bottom))
    page.header = (m.paper,) + date_lines + content.AUTHORITY + (content.PINYIN,) + codes
    return bottom + 10


def set_page_header(page: PageLayout, date: datetime.date, weekday: Optional[str], name: Optional[str],
                    editor: Optional[str], o: Options) -> float:
    """An inner page's header (报眉) over a rule; returns where the body starts."""
    n = page.number
    items = [f"{date.year}年{date.month}月{date.day}日 {weekday or ''}".strip(), f"第{n}版", name or "",
             f"责任编辑 {editor}" if editor else ""]
    if n % 2 == 0:  # left and right pages mirror the header
        items.reverse()
    k, space = o.type_scale, o.header_space
    y = o.margin + 14 * space
    xs = (o.margin, o.width * 0.36, o.width * 0.55, o.width - o.margin - 120 * k)
    sizes = {f"第{n}版": 16.0 * k, name: 20.0 * k}
    for x, text in zip(xs, items):
        if text:
            page.frames.append(Frame("header", (TextLine(x, y, text, sizes.get(text, 10.0 * k), bold=text in sizes),)))
    page.rules.append((o.margin, y + 10 * space, o.width - o.margin, y + 10 * space))
    page.header = tuple(t for t in items if t)
    return y + 20 * space


def set_guide(page: PageLayout, xs: Sequence[float], colw: float, entries: List[Tuple[str, int]]) -> None:
    """The framed 导读 box: inner-page headlines with their page numbers (not an article)."""
    if page.box_slot is None:
        return
    col, top, _bottom = page.box_slot
    x0 = xs[col]
    lines = [TextLine(x0 + (colw - width("导读", 16)) / 2, top + 30, "导读", 16.0, bold=True)]
    texts = ["导读"]
    y = top + 56
    for title, p in entries:
        for part in break_lines(f"{title} …… {p}版", colw - 8, 9.0):
            lines.append(TextLine(x0 + 4, y, part, 9.0))
            texts.append(part)
            y += 14
        y += 6
    page.frames.append(Frame("box", tuple(lines)))
    page.boxes.append(Rect(x0 - 2, top + 8, x0 + colw + 2, y))
    page.box = tuple(texts)
