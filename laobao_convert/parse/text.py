"""Small pure helpers on CJK text shared by the rules."""

from __future__ import annotations

import re
from typing import Iterable

from laobao_convert.model import nonspace  # noqa: F401 - the rules' one count of characters
from laobao_convert.vocabulary import CLOSERS, INNER_PUNCT, SENTENCE_END

_LATIN_EDGE = re.compile(r"[A-Za-z0-9]")


def join(left: str, right: str) -> str:
    """Join two pieces of one paragraph: no space between CJK, one between Latin words."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    if _LATIN_EDGE.match(left[-1]) and _LATIN_EDGE.match(right[0]) and left[-1].isalpha() and right[0].isalpha():
        return left + " " + right
    return left + right


def join_lines(lines: Iterable[str]) -> str:
    """Lines of one paragraph (or one headline) as one text, joined as `join` joins them."""
    out = ""
    for line in lines:
        out = join(out, line.strip())
    return out


def ends_sentence(text: str) -> bool:
    """True when the text ends where a paragraph may end (not mid-sentence)."""
    text = text.rstrip()
    if not text:
        return True
    if text[-1] in SENTENCE_END:
        return True
    stripped = text.rstrip(CLOSERS)
    return stripped != text and bool(stripped) and stripped[-1] in SENTENCE_END


def has_sentence_punct(text: str) -> bool:
    return any(ch in INNER_PUNCT for ch in text)


_WIDE_PUNCT = frozenset("“”‘’—…·―")
"""Set a full em wide in Chinese type, though their code points sit among the Latin ones."""


def width(text: str) -> float:
    """Display width in ems: CJK, full-width and Chinese punctuation count 1, ASCII half."""
    return sum(0.5 if ord(ch) < 0x2E80 and ch not in _WIDE_PUNCT else 1 for ch in text)


def squash(text: str) -> str:
    """Text without spaces or punctuation, for comparing headlines."""
    return re.sub(r"[\s\W_]+", "", text)
