"""Breaking text into justified lines the way Chinese typesetting does.

Lines break between any two CJK characters (so words are cut, as in print), never inside a
run of Latin letters and digits, never before closing punctuation nor after opening
punctuation (禁则: the character is pushed to the next line instead), never at a space.
"""

from __future__ import annotations

from typing import List

from tests.synth.metrics import char_width

NO_LINE_START = set("，。、；：？！”’）》」』%…—·,.;:?!)")
NO_LINE_END = set("“‘（《「(")


def width(text: str, size: float) -> float:
    """Set width: a space is set as a full em gap, as typesetting systems do in CJK text."""
    return sum(size if ch == " " else char_width(ch, size) for ch in text)


def _units(text: str) -> List[str]:
    """Unbreakable units: one CJK character, or a run of Latin letters/digits, spaces glued."""
    units: List[str] = []
    for ch in text:
        latin = ch.isascii() and (ch.isalnum() or ch in ".%+-/@_")
        if units and latin and units[-1][-1].isascii() and (units[-1][-1].isalnum() or units[-1][-1] in ".%+-/@_"):
            units[-1] += ch
        elif units and (ch == " " or units[-1].endswith(" ")):
            units[-1] += ch
        else:
            units.append(ch)
    # A short run between two spaces (记者X报道 in a dateline) is kept on one line, so the
    # line before it is not left with a wide gap to justify.
    merged: List[str] = []
    i = 0
    while i < len(units):
        j = next((k for k in range(i + 1, min(len(units), i + 10)) if " " in units[k]), None)
        if " " in units[i] and j is not None:
            if units[j][-1] in NO_LINE_END and j + 1 < len(units):
                j += 1  # an opening bracket stays with what it opens
            merged.append("".join(units[i:j + 1]))
            i = j + 1
        else:
            merged.append(units[i])
            i += 1
    return merged


def break_lines(text: str, line_width: float, size: float, indent: float = 0.0) -> List[str]:
    """Greedy breaking; the first line is `indent` points narrower."""
    units = _units(text)
    lines: List[List[str]] = [[]]
    used = indent
    squeeze = 0.5 * size  # how far a line may be set tight rather than leave a wide gap
    k = 0
    while k < len(units):
        unit = units[k]
        k += 1
        w = width(unit, size)
        room = line_width - used
        if lines[-1] and w > room and " " in unit and w <= room + squeeze:
            w = room  # a dateline or byline run is set a little tight to stay on the line
        elif lines[-1] and w > room and unit[0] in NO_LINE_START and w <= room + size:
            w = room  # closing punctuation is set tight at the line's end (punctuation squeeze)
        elif lines[-1] and w > room >= 1.5 * size and " " not in unit and len(unit) > 1:
            # A long run of Latin letters or digits is split rather than leave a wide gap.
            cut = max(1, max(i for i in range(1, len(unit)) if width(unit[:i], size) <= room) if
                      width(unit[:1], size) <= room else 1)
            while cut > 1 and unit[cut] in NO_LINE_START:
                cut -= 1
            if unit[cut] not in NO_LINE_START:
                units.insert(k, unit[cut:])
                unit = unit[:cut]
                w = width(unit, size)
        if lines[-1] and used + w > line_width + 0.01:
            current = lines[-1]
            nxt: List[str] = []
            # Kinsoku: closing punctuation may not start a line, opening may not end one.
            if unit[0] in NO_LINE_START and len(current) > 1:
                nxt.insert(0, current.pop())
            while len(current) > 1 and current[-1][-1] in NO_LINE_END:
                nxt.insert(0, current.pop())
            lines.append(nxt)
            used = sum(width(u, size) for u in nxt)
        lines[-1].append(unit)
        used += w
    return ["".join(line) for line in lines if line]


def char_spacing(text: str, line_width: float, size: float, indent: float = 0.0) -> float:
    """The extra space between characters that makes a full line exactly `line_width` wide."""
    glyphs = len(text) - 1
    if glyphs <= 0:
        return 0.0
    slack = line_width - indent - width(text, size)
    return slack / glyphs  # negative for a line set tight
