"""Rule `dates`: a date that cannot exist (2020年13月45日, 2023年2月30日) is no date.

The masthead and page-header rules read a date's digits as printed, and the line stays
furniture either way; only a date that is on the calendar may name the issue, its output
file and the EPUB's dc:date. Anything else is left out with an `impossible-date` warning
that quotes it, so a misprint or a damaged text layer cannot make up a day.
"""

from __future__ import annotations

import datetime
from dataclasses import replace
from typing import Optional

from laobao_convert.parse.state import State


EARLIEST_YEAR, LATEST_YEAR = 1900, 2100
"""Years a printed date may carry: older or later ones are misreadings, not issues."""


def real_date(iso: str) -> bool:
    """Is 'YYYY-MM-DD' a day on the calendar, in a year a newspaper could print?"""
    try:
        day = datetime.date.fromisoformat(iso)
    except ValueError:
        return False
    return EARLIEST_YEAR <= day.year <= LATEST_YEAR


def apply(state: State) -> State:
    masthead_date = state.masthead.date
    if masthead_date and not real_date(masthead_date):
        page = state.pages[0].number if state.pages else None
        state = _warn(state, "masthead", masthead_date, page)
        state = replace(state, masthead=replace(state.masthead, date=None))
    pages = []
    for page in state.pages:
        if page.date and not real_date(page.date):
            state = _warn(state, "page header", page.date, page.number)
            page = replace(page, date=None)
        pages.append(page)
    return replace(state, pages=tuple(pages))


def _warn(state: State, where: str, iso: str, page: Optional[int]) -> State:
    return state.warn("impossible-date", f"page {page}: {where} date 「{_as_printed(iso)}」 is not "
                      "on the calendar; the issue carries no date from it", page=page)


def _as_printed(iso: str) -> str:
    """The date as the page spells it (the rules keep only its numbers)."""
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{year}年{month}月{day}日"


