"""Rule `ids`: order the articles by the page they start on and give each its id,
p{first page}-a{n}, n counting from 1 on that page in reading order."""

from __future__ import annotations

from dataclasses import replace
from typing import Dict

from laobao_convert.model import Page
from laobao_convert.parse.state import State


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
    pages = tuple(Page(number=p.number, name=p.name, editor=p.editor, date=p.date)
                  for p in state.pages)
    return replace(state, articles=tuple(articles), out_pages=pages)
