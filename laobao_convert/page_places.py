"""What else a page prints, put on the model's page for METS/ALTO: its text no article holds
(masthead, page header, jump lines, boxes) and its rules, frames and pictures. An archive's
page file carries all of the page, and a reader of the ALTO alone needs them: the header to
find date and page, jump lines to stitch, rules and frames to lay the page out.

The parser keeps furniture as text; the places are the reader's. So every line of a page's
content whose box no article's printed line has is furniture, kept in its source block. A pure
function: the issue in, a new issue out.
"""

from __future__ import annotations

import dataclasses
from typing import Sequence, Set, Tuple

from laobao_convert.content import Document
from laobao_convert.figures import contents_by_page
from laobao_convert.model import Box, Drawing, Issue, PageBox, PrintedLine
from laobao_convert.parse.places import model_box, printed_lines


def with_page_places(issue: Issue, documents: Sequence[Document]) -> Issue:
    contents = contents_by_page(issue, documents)
    issue = _with_weights(issue, contents)
    held = _article_boxes(issue)
    pages = []
    for page in issue.pages:
        content = contents.get(page.number)
        pieces = []
        for block in content.blocks if content is not None else ():
            lines = tuple(dataclasses.replace(line, bold=source.bold)
                          for source, line in zip(_placed(block.lines), printed_lines(block.lines))
                          if (page.number, line.bbox) not in held)
            if lines:
                pieces.append(PageBox(page=page.number, bbox=_union(lines), lines=lines))
        drawings = tuple(Drawing(kind=g.kind, bbox=model_box(g.bbox), photo=g.photo)
                         for g in (content.graphics if content is not None else ()))
        if pieces or drawings:
            page = dataclasses.replace(page, furniture=tuple(pieces), drawings=drawings)
        pages.append(page)
    return dataclasses.replace(issue, pages=tuple(pages))


def _with_weights(issue: Issue, contents) -> Issue:
    """The articles' printed lines marked bold where the reader saw them bold (the parser keeps
    a line's text, box and size; ALTO's styles carry its weight too, which tells a kicker)."""
    bold = {(number, line.bbox) for number, content in contents.items() for block in content.blocks
            for line in printed_lines([l for l in block.lines if l.bold])}
    if not bold:
        return issue

    def weigh(page, lines):
        return tuple(dataclasses.replace(l, bold=True) if (page, l.bbox) in bold else l for l in lines)

    articles = []
    for article in issue.articles:
        blocks = tuple(dataclasses.replace(b, lines=weigh(b.page, b.lines),
                                           more=tuple(dataclasses.replace(m, lines=weigh(m.page, m.lines))
                                                      for m in b.more)) for b in article.blocks)
        captions = tuple(dataclasses.replace(c, lines=weigh(c.page, c.lines)) for c in article.captions)
        regions = tuple(dataclasses.replace(r, lines=weigh(r.page, r.lines)) for r in article.regions)
        articles.append(dataclasses.replace(article, blocks=blocks, captions=captions, regions=regions))
    return dataclasses.replace(issue, articles=tuple(articles))


def _article_boxes(issue: Issue) -> Set[Tuple[int, Box]]:
    held = set()
    for article in issue.articles:
        for block in article.blocks:
            if block.page is not None:
                held.update((block.page, line.bbox) for line in block.lines)
            for more in block.more:
                held.update((more.page, line.bbox) for line in more.lines)
        for caption in article.captions:
            if caption.page is not None:
                held.update((caption.page, line.bbox) for line in caption.lines)
        for region in article.regions:
            held.update((region.page, line.bbox) for line in region.lines)
    return held


def _placed(lines):
    """The lines printed_lines keeps, in its order."""
    return [line for line in lines if line.bbox is not None and line.text.strip()]


def _union(lines: Sequence[PrintedLine]) -> Box:
    return Box(min(l.bbox.x0 for l in lines), min(l.bbox.top for l in lines), max(l.bbox.x1 for l in lines),
               max(l.bbox.bottom for l in lines))
