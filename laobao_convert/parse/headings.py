"""Rule `headings`: where the input marks no headlines (pdftotext), find them from the text.

A headline line opens its block, is short and has no sentence-ending mark. It
is told from a subhead by what follows (a byline, a ——subtitle, a dateline, a 上接 line) or
by where it stands (the top of the page, right after a 下转 line).
"""

from __future__ import annotations

from dataclasses import replace
from typing import List, Optional

from laobao_convert import vocabulary as V
from laobao_convert.parse import roles
from laobao_convert.parse.state import State, Unit, WorkPage
from laobao_convert.parse.text import ends_sentence, width

_MAX_WIDTH = 40.0


def apply(state: State) -> State:
    return replace(state, pages=tuple(_page(p) for p in state.pages))


def _page(page: WorkPage) -> WorkPage:
    if page.kind != "pdftotext" or any(u.heading or u.hinted for u in page.units):
        return page
    units = list(page.units)
    # A headline line stands alone in its block or opens it (the body may follow unspaced).
    opens = [i == 0 or units[i - 1].block != u.block for i, u in enumerate(units)]
    candidate = [_candidate(u, first) for u, first in zip(units, opens)]
    heading: List[Optional[str]] = [None] * len(units)
    i = 0
    while i < len(units):
        if not candidate[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(units) and candidate[j + 1]:
            j += 1
        previous = _previous(units, i)
        following = units[j + 1] if j + 1 < len(units) else None
        # A series label opens a headline: candidates before it end the previous article,
        # unless no article is before them (the extraction set the label after its title).
        labels = [k for k in range(i + 1, j + 1) if V.SERIES_LABEL.search(units[k].text.strip())]
        if labels and not (previous is None or previous.jump_out is not None):
            i = labels[0]
            previous = units[i - 1]
        why = _starts_article(previous, following) or ("a run of short lines set apart" if j > i else None)
        if why:
            for k in range(i, j + 1):
                heading[k] = "short line opening its block, no sentence end; " + why
        i = j + 1
    units, heading = lend_headlines(units, heading)
    # A run of headline lines is one headline, as layout tools give it: parts joined by spaces.
    out: List[Unit] = []
    for unit, why in zip(units, heading):
        label = V.SERIES_LABEL.search(unit.text.strip())
        if why and out and out[-1].heading and not out[-1].hinted and not label \
                and not V.SERIES_LABEL.search(out[-1].text.strip()):
            out[-1] = replace(out[-1], lines=(out[-1].text + " " + unit.text,),
                              placed=out[-1].placed + unit.placed)
        elif why:
            out.append(roles.heading(replace(unit, lines=(unit.text,), wrapped=False), why))
        else:
            out.append(unit)
    return replace(page, units=tuple(out))


_SHARED_RUN = 3
"""A run of this many headline lines with no subtitle or series among them holds more than
one article's headline: one headline has a title and at most a kicker above it."""


def lend_headlines(units: List[Unit], heading: List[Optional[str]]):
    """Give a headless article start the first line of a crowded headline run before it.

    pdftotext reads a page's headlines in rows: the titles of two articles set side by side
    come out as one run, one of them far from its body. An article that starts with no
    headline (text after a 下转 line, a dateline after finished text) takes the first line of
    the nearest earlier run that holds more than one headline; the line moves, no text is
    lost, and the rest of the run stays with the body under it."""
    units, heading = list(units), list(heading)
    i = 0
    while i < len(units):
        if not _orphan(units, heading, i):
            i += 1
            continue
        run = _crowded_run_before(units, heading, i)
        if run is None:
            i += 1
            continue
        line = units.pop(run)
        del heading[run]
        units.insert(i - 1, line)
        heading.insert(i - 1, "lent by a crowded headline run to the article after it, which opens with none")
        i += 1
    return units, heading


def _orphan(units: List[Unit], heading: List[Optional[str]], i: int) -> bool:
    unit = units[i]
    if heading[i] or unit.role is not None or unit.jump_in is not None:
        return False
    k = i - 1
    while k >= 0 and units[k].role == "caption":
        k -= 1
    if k < 0 or heading[k]:
        return False
    previous = units[k]
    if previous.jump_out is not None:
        return True
    text = unit.text.strip()
    return bool(roles.opens_article(text)) and ends_sentence(previous.text) \
        and not V.BYLINE.match(previous.text.strip())


def _crowded_run_before(units: List[Unit], heading: List[Optional[str]], i: int) -> Optional[int]:
    end = i - 1
    while end >= 0 and not heading[end]:
        end -= 1
    if end < 0:
        return None
    start = end
    while start > 0 and heading[start - 1]:
        start -= 1
    run = [units[k].text.strip() for k in range(start, end + 1)]
    if len(run) < _SHARED_RUN or any(V.SUBTITLE_START.match(t) or V.SERIES_LABEL.search(t) for t in run):
        return None
    return start


def _candidate(unit: Unit, opens_block: bool) -> bool:
    if not opens_block or unit.role is not None or len(unit.lines) > 2:
        return False
    text = unit.text.strip()
    if not text or width(text) > _MAX_WIDTH or ends_sentence(text):
        return False
    return not (roles.opens_article(text) or V.SUBTITLE_START.match(text))


def _previous(units: List[Unit], i: int) -> Optional[Unit]:
    for unit in reversed(units[:i]):
        if unit.role != "caption":
            return unit
    return None


def _starts_article(previous: Optional[Unit], following: Optional[Unit]) -> Optional[str]:
    """Why the lines open an article, in words; None if nothing says they do."""
    if previous is None:
        return "at the top of the page"
    if previous.jump_out is not None:
        return "after a 下转 line"
    if following is None:
        return None
    if following.jump_in:
        return "over a 上接 line"
    text = following.text.strip()
    opener = roles.opens_article(text) or ("subtitle dash" if V.SUBTITLE_START.match(text) else None)
    return f"over a {opener}" if opener else None
