"""The parser: pages of PageContent -> one Issue, through a named, ordered chain of rules.

Each rule is a pure function State -> State in a module of its own; `RULES` is the chain in
the order it runs. Readers' hints (roles, regions, paragraph edges) are honoured by every
rule where given; where they are None (text input) the rules infer from the text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Optional, Sequence, Tuple

import laobao_convert
from laobao_convert.content import PLACED_KINDS, Document
from laobao_convert.errors import InputError
from laobao_convert.model import Issue, Provenance
from laobao_convert.parse import (boxes, byline, captions, conservation, cut_text, dates, headings, headline,
                                  ids, jumps, masthead, order, page_header, paragraphs, reattach,
                                  reflow, repeats, segment, stitch, subheads)
from laobao_convert.parse.state import State, WorkPage
from laobao_convert.parse.text import nonspace

Rule = Callable[[State], State]

RULES: Tuple[Tuple[str, Rule], ...] = (
    ("reflow", reflow.apply),
    ("page_header", page_header.apply),
    ("order", order.apply),
    ("masthead", masthead.apply),
    ("dates", dates.apply),
    ("boxes", boxes.apply),
    ("jumps", jumps.apply),
    ("captions", captions.apply),
    ("headings", headings.apply),
    ("segment", segment.apply),
    ("reattach", reattach.apply),
    ("repeats", repeats.apply),
    ("headline", headline.apply),
    ("byline", byline.apply),
    ("subheads", subheads.apply),
    ("paragraphs", paragraphs.apply),
    ("stitch", stitch.apply),
    ("cut_text", cut_text.apply),
    ("ids", ids.apply),
    ("conservation", conservation.apply),
)


@dataclass(frozen=True)
class IssueKey:
    """What says which issue a document belongs to, read cheaply from its pages."""

    date: Optional[str]
    """ISO date from the masthead or a page header; None if none is printed."""
    issue_number: Optional[int]
    page_numbers: Tuple[int, ...]
    """Printed page numbers (else the reader's hints), in the document's order."""
    newspaper: bool = True
    """Something on it is a newspaper's: a masthead, a page header, a date, an issue number,
    or an article's dateline or byline (本报讯, 本报记者 X)."""


def initial_state(documents: Sequence[Document]) -> State:
    pages = []
    total = 0
    for document in documents:
        for page in document.pages:
            total += sum(nonspace(line.text) for block in page.blocks for line in block.lines)
            pages.append(WorkPage(number=0, units=(), source=page.source, index=page.index,
                                  number_hint=page.number_hint, order=len(pages), content=page,
                                  kind=document.kind))
    return State(pages=tuple(pages), total_chars=total)


def run(state: State, rules: Sequence[Tuple[str, Rule]] = RULES) -> State:
    for _, rule in rules:
        state = rule(state)
    return state


def parse_issue(documents: Sequence[Document]) -> Issue:
    """Parse the pages of one issue (one or more documents) into an Issue."""
    if not documents or not any(d.pages for d in documents):
        raise InputError("no pages to parse")
    state = initial_state(documents)
    reader_warnings = tuple(w for d in documents for w in d.warnings)
    state = replace(state, warnings=reader_warnings)
    state = run(state)
    provenance = Provenance(sources=tuple(d.source for d in documents),
                            version=laobao_convert.__version__)
    return Issue(masthead=state.masthead, pages=state.out_pages, articles=state.articles,
                 warnings=state.warnings, furniture=_by_page(state.furniture_items), provenance=provenance,
                 conservation=state.conservation)


def _by_page(items):
    """Furniture in page order (rules file it rule by rule; inputs may come in any order)."""
    return tuple(sorted(items, key=lambda item: item.page if item.page is not None else 0))


_IDENTIFY = tuple(r for r in RULES if r[0] in ("reflow", "page_header", "masthead", "dates"))


def identify(document: Document) -> IssueKey:
    """Date, issue number and page numbers of a document, without parsing its articles."""
    state = initial_state([document])
    state = run(state, _IDENTIFY)
    date = state.masthead.date or next((p.date for p in state.pages if p.date), None)
    numbers = tuple(n for n in (p.printed_number or p.number_hint for p in state.pages) if n)
    newspaper = bool(
        date or state.masthead.issue_number is not None or state.masthead.paper
        or any(p.printed_number or p.name for p in state.pages)
        or _has_news_article(document) or _has_headed_article(document)
    )
    return IssueKey(date=date, issue_number=state.masthead.issue_number, page_numbers=numbers, newspaper=newspaper)


def _has_headed_article(document: Document) -> bool:
    """A placed page (PDF) with an article its layout found: a title set in headline type over
    running body text of its own region. What Markdown headings say of a text file, type and
    place say of a printed page: any paper's page, in any language, has these."""
    if document.kind not in PLACED_KINDS:
        return False
    for page in document.pages:
        titled = {b.region for b in page.blocks if b.role == "title" and b.region is not None}
        if any(b.role == "body" and b.region in titled for b in page.blocks):
            return True
    return False


def _has_news_article(document: Document) -> bool:
    # A headline alone proves nothing (a README has headings); a dateline or a reporter's
    # byline is how a newspaper's article begins.
    from laobao_convert import vocabulary as V

    return any(
        V.DATELINE.match(line.text) or V.BYLINE.match(line.text)
        for page in document.pages for block in page.blocks for line in block.lines
    )
