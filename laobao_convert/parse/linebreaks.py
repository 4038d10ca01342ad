"""Where the printed lines of a headline or a subhead part: offsets into the field's text.

Rules join a heading's lines into one string (parallel lines with a space, CJK without), so
the model keeps the break apart from the text: the offsets at which the next printed line
begins. They are found by laying the printed lines over the final text, counting non-space
characters only, so spaces the rules added or dropped do not matter; where the lines do not
match the text (a rule took a piece out) only the breaks that fall inside the text are kept.
A break that is the print wrapping a line too long for its column is no break of the
headline's: one inside quotation marks or brackets (“最后一公 / 里”), or one that leaves a line
of a character or two.
"""

from __future__ import annotations

from typing import List, Sequence, Tuple


def breaks(text: str, printed: Sequence[str]) -> Tuple[int, ...]:
    """Offsets in `text` where one of the `printed` lines ends and the next begins; () when
    the text is on one line or the lines are not found in it."""
    if not text or len(printed) < 2:
        return ()
    squeezed = "".join(ch for ch in text if not ch.isspace())
    stream = ""
    ends: List[int] = []  # non-space offsets in `stream` where a printed line ends
    for line in printed:
        stream += "".join(ch for ch in line if not ch.isspace())
        ends.append(len(stream))
    start = stream.find(squeezed)
    if start < 0:
        return ()
    inside = sorted({end - start for end in ends[:-1] if start < end < start + len(squeezed)})
    kept = []
    for k, n in enumerate(inside):
        after = (inside[k + 1] if k + 1 < len(inside) else len(squeezed)) - n
        before = n - (kept[-1] if kept else 0)
        if after > _SHORTEST and before > _SHORTEST and not _open(squeezed[:n]):
            kept.append(n)
    return tuple(_text_offset(text, n) for n in kept)


_SHORTEST = 2
"""A printed line of this many characters or fewer is a wrap's remainder, not a line of its own."""
_PAIRS = ("“”", "‘’", "《》", "（）", "()", "「」", "『』", "【】", "〈〉")


def _open(text: str) -> bool:
    """Does `text` end inside quotation marks or brackets?"""
    return any(text.count(a) > text.count(b) for a, b in _PAIRS)


def _text_offset(text: str, nonspace: int) -> int:
    """The offset in `text` of its `nonspace`-th non-space character (counting from 0)."""
    seen = 0
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        if seen == nonspace:
            return i
        seen += 1
    return len(text)

