"""Rule `subheads`: short unpunctuated lines between paragraphs are 小标题.

A subhead follows a finished paragraph (never a sentence cut by a column break), is followed
by more text, and has no sentence punctuation; the two-line kind comes as one unit with a
hard break (Markdown) or as adjacent short lines of one block (pdftotext). A short line
whose last character makes a word with the next unit's first (习近平总 / 书记强调…, 法治是…基本方
/ 式，…) is a paragraph's start that a column break set apart, not a subhead: the pair stands
together elsewhere in the issue far more often than chance would put it there.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Iterable, List, Optional

from laobao_convert import vocabulary as V
from laobao_convert.parse import roles
from laobao_convert.parse.places import union
from laobao_convert.parse.state import Part, State, Unit
from laobao_convert.parse.text import ends_sentence, width

_MAX_LINE = 26.0
_MAX_GEOMETRY = 40.0
"""A PDF block's lines come joined: a two-line subhead is one line of up to twice the width."""
_MAX_SINGLE = 12.0
"""Text input only: a cut piece of a paragraph can be short too; a PDF reader marks those as
body, so a one-line subhead from a PDF may be as long as two-line ones."""
_MAX_SINGLE_MARKDOWN = 14.0
"""Layout-tool Markdown keeps a paragraph's lines together: a short chunk is a subhead or a
piece a column break set apart, which `cut_word` tells apart; a narrow column's line of
pdftotext output is no such chunk."""
_SUBHEAD = ("short line without sentence punctuation between finished paragraphs, "
            "its edge no word cut in two")
_PUNCT = "，。！？；：,!?;:"
_CHANCE = 4.0
"""How many times more often than chance a pair must stand together to be a word."""


@dataclass(frozen=True)
class Counts:
    """How often each CJK character, and each pair of them, occurs in the issue's text."""

    chars: Counter
    pairs: Counter
    total: int


def count_text(texts: Iterable[str]) -> Counts:
    chars: Counter = Counter()
    pairs: Counter = Counter()
    for text in texts:
        chars.update(text)
        pairs.update(a + b for a, b in zip(text, text[1:]))
    return Counts(chars=chars, pairs=pairs, total=max(1, sum(chars.values())))


def cut_word(left: str, right: str, counts: Counts) -> bool:
    """Does a break between `left` and `right` part two characters that make a word?"""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right or not (_cjk(left[-1]) and _cjk(right[0])):
        return False
    a, b = left[-1], right[0]
    together = counts.pairs[a + b]
    return together > 0 and together >= _CHANCE * counts.chars[a] * counts.chars[b] / counts.total


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def apply(state: State) -> State:
    counts = count_text(u.text for p in state.parts for u in p.units if u.role != "caption")
    markdown = {page.number for page in state.pages if page.kind == "markdown"}
    return replace(state, parts=tuple(
        _part(p, counts, _MAX_SINGLE_MARKDOWN if p.page in markdown else _MAX_SINGLE)
        for p in state.parts))


def short_plain(unit: Unit, single: float = _MAX_SINGLE) -> bool:
    if unit.role is not None or unit.heading or not unit.lines or len(unit.lines) > 2 \
            or (unit.wrapped and len(unit.lines) > 1):
        return False
    limit = _MAX_GEOMETRY if unit.geometry else _MAX_LINE
    for line in unit.lines:
        text = line.strip()
        if not text or width(text) > limit or any(ch in _PUNCT for ch in text):
            return False
    text = unit.text
    if len(unit.lines) == 1 and width(text) > single and not unit.geometry:
        return False  # longer than a subhead set on one line: a column's worth of a paragraph
    return not (V.DATELINE.match(text) or V.BYLINE.match(text) or text[0] in "“\"‘「"
                or _unbalanced(text))


def _unbalanced(text: str) -> bool:
    return any(text.count(a) != text.count(b) for a, b in ("《》", "“”", "（）", "()"))


def _part(part: Part, counts: Optional[Counts] = None, single: float = _MAX_SINGLE) -> Part:
    units = list(part.units)
    out: List[Unit] = []
    previous: Optional[Unit] = None  # the last body unit seen
    for i, unit in enumerate(units):
        if unit.role == "caption":
            out.append(unit)
            continue
        # Under the headline a short line is as likely a paragraph's start that a photo cut.
        limit = single if previous is not None else _MAX_SINGLE
        if unit.role == "subhead" or (short_plain(unit, limit) and _after_paragraph(previous)
                                      and _more_text(units, i)
                                      and not _runs_into_next(units, i, counts)):
            if unit.role != "subhead":
                unit = roles.decide(unit, "subhead", _SUBHEAD)
            if out and out[-1].role == "subhead" and out[-1].block == unit.block \
                    and not out[-1].hinted and len(out[-1].lines) == 1 and len(unit.lines) == 1:
                above = out.pop()
                unit = replace(unit, lines=above.lines + unit.lines, bbox=union((above.bbox, unit.bbox)),
                               printed=above.lines + unit.lines, placed=above.placed + unit.placed)
        out.append(unit)
        previous = unit
    return replace(part, units=tuple(out))


def _after_paragraph(previous: Optional[Unit]) -> bool:
    if previous is None or previous.role == "subhead":
        return True
    # A reader's "runs on" hint comes from a full last line, which a paragraph ending at the
    # column's edge also has: the text decides then.
    return bool(previous.ends) or ends_sentence(previous.text)


def _runs_into_next(units: List[Unit], i: int, counts: Optional[Counts]) -> bool:
    following = next((u for u in units[i + 1:] if u.role != "caption"), None)
    return counts is not None and following is not None and following.role is None \
        and cut_word(units[i].text, following.text, counts)


def _more_text(units: List[Unit], i: int) -> bool:
    return any(u.role not in ("caption",) for u in units[i + 1:])
