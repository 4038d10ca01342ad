"""Advance widths of the body font, so layout needs no font file and matches the PDF exactly.

Widths are those of WenQuanYi Zen Hei (em = 1000); every character not listed is one em wide,
as CJK ideographs and full-width punctuation are.
"""

from __future__ import annotations

_NARROW = {
    " ": 300, "!": 300, '"': 460, "#": 600, "$": 600, "%": 699, "&": 680, "'": 300, "(": 300,
    ")": 300, "*": 600, "+": 600, ",": 300, "-": 300, ".": 300, "/": 520, ":": 300, ";": 300,
    "<": 600, "=": 600, ">": 600, "?": 539, "@": 800, "[": 300, "\\": 520, "]": 300, "^": 600,
    "_": 500, "`": 380, "{": 300, "|": 260, "}": 300, "~": 600, "“": 332, "”": 332, "‘": 222,
    "’": 222, "·": 239,
    "A": 560, "B": 619, "C": 619, "D": 659, "E": 560, "F": 479, "G": 659, "H": 659, "I": 260,
    "J": 399, "K": 619, "L": 500, "M": 819, "N": 659, "O": 659, "P": 560, "Q": 659, "R": 619,
    "S": 619, "T": 500, "U": 640, "V": 560, "W": 819, "X": 539, "Y": 560, "Z": 539,
    "a": 539, "b": 539, "c": 479, "d": 539, "e": 539, "f": 300, "g": 500, "h": 539, "i": 239,
    "j": 220, "k": 500, "l": 239, "m": 819, "n": 539, "o": 539, "p": 539, "q": 539, "r": 319,
    "s": 520, "t": 319, "u": 539, "v": 439, "w": 659, "x": 439, "y": 420, "z": 420,
}
_NARROW.update({d: 600 for d in "0123456789"})


def char_width(ch: str, size: float) -> float:
    return _NARROW.get(ch, 1000) * size / 1000.0


def text_width(text: str, size: float) -> float:
    return sum(_NARROW.get(ch, 1000) for ch in text) * size / 1000.0
