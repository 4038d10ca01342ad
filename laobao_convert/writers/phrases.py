"""Where a line of Chinese may break without splitting a word: BudouX's phrases.

Headlines are set to break only between these phrases (in a browser, an e-reader, and on the
drawn cover), as a compositor breaks them, never inside a word or a name. BudouX's Chinese
model places the breaks; a few rules of Chinese typesetting it does not know are kept on top:
a lone character goes with its neighbour (the model cuts some two-character
words apart), a number or a Latin word stays whole, a closing mark or sentence punctuation never starts a
line, an opening mark never ends one, a dash of two em dashes is not cut in half, and a term
in quotation marks or a title in 《》 (“一卡通”, 《劳动合同法》: no sentence punctuation
inside) is one phrase.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import List, Set, Tuple

import budoux

# Characters that end a number or a word set in Latin letters and digits (7.1亿, 1,200, 5G).
_LATIN = frozenset("0123456789.,%％０１２３４５６７８９．")
# Sentence punctuation that may not begin a line (besides every closing bracket and quote).
_NO_LINE_START = frozenset("，。、：；！？…,.:;!?%％")


@lru_cache(maxsize=1)
def _parser() -> budoux.Parser:
    return budoux.load_default_simplified_chinese_parser()


def _latin(char: str) -> bool:
    return char in _LATIN or (char.isascii() and char.isalpha()) or unicodedata.name(char, "").startswith("FULLWIDTH LATIN")


def _joined(before: str, after: str) -> bool:
    """True where the line may not break between these two characters."""
    if _latin(before) and _latin(after):
        return True
    if after in _NO_LINE_START or unicodedata.category(after) in ("Pe", "Pf"):
        return True
    if unicodedata.category(before) in ("Ps", "Pi"):
        return True
    return before == after and unicodedata.category(before) == "Pd"


def _quoted_terms(text: str) -> Set[int]:
    """The places inside quoted terms and titles: i for the place between text[i-1] and text[i]."""
    inside: Set[int] = set()
    opened = None
    for i, char in enumerate(text):
        kind = unicodedata.category(char)
        if kind in ("Ps", "Pi"):
            opened = i
        elif kind in ("Pe", "Pf") and opened is not None:
            if not any(c in _NO_LINE_START for c in text[opened + 1:i]):
                inside.update(range(opened + 1, i + 1))
            opened = None
    return inside


@lru_cache(maxsize=4096)
def phrases(text: str) -> Tuple[str, ...]:
    """The text cut into phrases, which joined give it back: a line may break between two of
    them and nowhere else (unless one phrase is wider than the line)."""
    kept = _quoted_terms(text)
    merged: List[str] = []
    at = 0
    for chunk in _parser().parse(text):
        if not chunk:
            continue
        if merged and (at in kept or _joined(merged[-1][-1], chunk[0])):
            merged[-1] += chunk
        else:
            merged.append(chunk)
        at += len(chunk)
    return tuple(_no_lone_characters(merged))


def _no_lone_characters(found: List[str]) -> List[str]:
    """BudouX's Chinese model cuts some two-character words apart (技|能, 人|才, 专|项); a
    word of Chinese is seldom one character, so a lone ideograph goes with the phrase after
    it (the one before, at the end)."""
    out: List[str] = []
    carry = ""
    for phrase in found:
        phrase = carry + phrase
        carry = ""
        if len(phrase) == 1 and _ideograph(phrase):
            carry = phrase
        else:
            out.append(phrase)
    if carry:
        if out:
            out[-1] += carry
        else:
            out.append(carry)
    return out


def _ideograph(char: str) -> bool:
    return unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH")


def spaced_phrases(line: str) -> Tuple[Tuple[str, ...], ...]:
    """A headline line's parts (a layout sets the phrases of a title apart with a space),
    each cut into phrases: what a template shows, a space between parts, a break opportunity
    between phrases."""
    return tuple(phrases(part) for part in line.split() if part)
