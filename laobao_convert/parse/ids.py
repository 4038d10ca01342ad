"""Rule `ids`: order the articles by the page they start on and give each its id,
p{first page}-a{n}, n counting from 1 on that page in reading order; the pages as the model
keeps them (with the file and position each was read from); and a warning when the issue
holds fewer pages than its masthead announces."""

from __future__ import annotations

from dataclasses import replace
from typing import Dict

from laobao_convert.model import Page
from laobao_convert.parse.state import State, WorkPage


def apply(state: State) -> State:
    rank = {page.number: i for i, page in enumerate(state.pages)}
    ordered = sorted(enumerate(state.articles),
                     key=lambda item: (rank.get(item[1].pages[0], 0) if item[1].pages else 0, item[0]))
    counts: Dict[int, int] = {}
    articles = []
    for _, article in ordered:
        first = article.pages[0] if article.pages else 0
        counts[first] = counts.get(first, 0) + 1
        articles.append(replace(article, id=f"p{first}-a{counts[first]}"))
    pages = tuple(_page(p) for p in state.pages)
    return _missing_pages(replace(state, articles=tuple(articles), out_pages=pages))


def _page(page: WorkPage) -> Page:
    content = page.content
    return Page(number=page.number, name=page.name, editor=page.editor, date=page.date,
                source=page.source, index=page.index,
                width=_points(content.width) if content is not None else None,
                height=_points(content.height) if content is not None else None)


def _points(value):
    return None if value is None else round(float(value), 2)


def _missing_pages(state: State) -> State:
    """An archive must know that an issue is incomplete: 今日8版 with one page given is one
    page of eight, not a one-page issue."""
    announced = state.masthead.page_count
    held = sorted({p.number for p in state.out_pages})
    if not announced or len(held) >= announced:
        return state
    numbers = ", ".join(str(n) for n in held)
    return state.warn("missing-pages",
                      f"the masthead announces {announced} pages (今日{announced}版); the input holds "
                      f"{len(held)} (page{'s' if len(held) > 1 else ''} {numbers})")
