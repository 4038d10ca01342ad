"""Roles and the evidence for them: how the parser names what a piece of text is, and says why.

A role is decided once for each piece, by the first thing that knows it: the reader, from
the page (a PDF's layout rules measure type against the page's own body text and record what
decided each block; layout Markdown marks its headings with `## `); else the parser's rule for
that role, from the text (its words, where it stands, how wide its lines are against the
column's). Either way the decision goes through `decide`, which keeps the evidence on the unit,
and a headline's parts keep theirs on the part (`Part.why`), so `--debug-dir` can show, for
text input as for a PDF, what each piece was taken for and why.

The text tests more than one rule asks (what stands whole on a line of its own, what opens
an article) are here, written once.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Optional, Tuple

from laobao_convert import vocabulary as V
from laobao_convert.content import TextBlock


def decide(unit, role: Optional[str], *evidence: str):
    """`unit` with `role`, and what decided it added to its evidence."""
    return replace(unit, role=role, evidence=tuple(unit.evidence) + tuple(e for e in evidence if e))


def heading(unit, *evidence: str):
    """`unit` taken for a headline line (its part not yet told), and why."""
    return replace(unit, heading=True, evidence=tuple(unit.evidence) + tuple(e for e in evidence if e))


def from_reader(block: TextBlock, kind: str) -> Tuple[str, ...]:
    """What the reader said of a block: the layout's own evidence, a Markdown heading mark."""
    if block.evidence:
        return tuple(block.evidence)
    if block.heading and kind == "markdown":
        return ("marked as a heading (##)",)
    if block.role is not None:
        return (f"{block.role} by the reader",)
    return ()


def is_author(text: str) -> bool:
    """An author line: a post title and a name (天津市人力资源和社会保障局局长 沈超)."""
    match = V.AUTHOR_LINE.match(text)
    return bool(match) and any(match["post"].endswith(t) for t in V.POST_TITLES)


def whole_line(text: str) -> Optional[str]:
    """What a line is when it stands whole on a line of its own under a headline: a byline,
    a dateline, an author line or a ——subtitle; None for anything else."""
    return _first(_WHOLE, text)


def opens_article(text: str) -> Optional[str]:
    """What, at its start, says a piece opens an article: a dateline, a byline, an author
    line; None otherwise."""
    return _first(_OPENS, text)


def _first(tests, text: str) -> Optional[str]:
    text = text.strip()
    return next((name for name, test in tests if test(text)), None)


_WHOLE = (("byline", V.BYLINE.match), ("dateline", V.DATELINE_WHOLE.match), ("author line", is_author),
          ("subtitle dash", V.SUBTITLE_START.match))
_OPENS = (("dateline", V.DATELINE.match), ("byline", V.BYLINE.match), ("author line", is_author))
