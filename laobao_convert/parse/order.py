"""Rule `order`: number the pages and put them in order.

The number printed in a page's header wins; else the number the reader knows from outside
(a file name); else the lowest number no other page claims, in input order.
"""

from __future__ import annotations

from dataclasses import replace

from laobao_convert.parse.state import State


def apply(state: State) -> State:
    known = {p.printed_number or p.number_hint for p in state.pages} - {None}
    free = (n for n in range(1, len(state.pages) + len(known) + 2) if n not in known)
    pages = []
    for page in state.pages:
        # A page that says nothing of its number takes the lowest number no page claims, in
        # input order: page one prints no header, and text input may give no numbers at all.
        number = page.printed_number or page.number_hint or next(free)
        pages.append(replace(page, number=number))
    pages.sort(key=lambda p: (p.number, p.order))
    seen = set()
    for page in pages:
        if page.number in seen:
            state = state.warn("duplicate-page", f"page {page.number} occurs more than once "
                               f"(again in {page.source}); both are kept", page=page.number)
        seen.add(page.number)
    return replace(state, pages=tuple(pages))
