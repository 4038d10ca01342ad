"""A page's own typography: the body's size, face and colour, and how far a line departs from it.

Roles are decided by comparing a line with the page's body text, never with fixed sizes: one
paper sets its body in 9 pt, another in 10.5 pt; a kicker may be body-sized but bold, a series
label body-sized but white on a red band. `departures` names what sets a line apart, in
words, so that every decision built on it can say why (the pieces' evidence).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Optional, Sequence, Tuple

from laobao_convert.layout.geometry import TextLine

RGB = Tuple[float, float, float]

_SUBSET = re.compile(r"^[A-Z]{6}\+")
# Weight words in font names: Latin faces say it (Bold, Black, Heavy, Semibold, Demi, W7);
# Chinese display faces often do not, and are heavy by design: 小标宋 and 大标宋 (XBS, DBS,
# BiaoSong), 粗 (Cu), 综艺 (ZongYi), 大黑 (DaHei), 琥珀 (HuPo).
_BOLD_FACE = re.compile(
    r"bold|black|heavy|semibold|demi|ultra|[-_ ,]w[6-9]\b|[-_,]b$|[-_,]bd\b"
    r"|biaosong|xbs|dbs|fzcu|cuhei|cusong|zongyi|dahei|hupo|meihei",
    re.IGNORECASE,
)
# 黑体 (Hei, HT: SimHei, FZHTK, STHeiti) is heavy beside a 宋体 body, which is how papers use
# it (headlines, kickers, subheads); but some set their body in it, so it is bold only on a
# page whose body face is not one.
_HEI_FACE = re.compile(r"hei(?!t)|heiti|fzht|(?:^|[^a-z])ht[a-z]?(?:[-_ ]|\d|$)|gothic|sans", re.IGNORECASE)


def face_name(fontname: str) -> str:
    """The font's name without the subset tag a PDF gives embedded subsets (ABCDEF+)."""
    return _SUBSET.sub("", fontname or "")


def is_bold_face(fontname: str) -> bool:
    """The font's name says it is a heavy face (Latin or Chinese naming)."""
    return bool(_BOLD_FACE.search(face_name(fontname)))


def is_hei_face(fontname: str) -> bool:
    """A sans (黑体) face: heavy beside a serif body, plain as a body face of its own."""
    return bool(_HEI_FACE.search(face_name(fontname))) and not is_bold_face(fontname)


def weigh_faces(lines: Sequence[TextLine], body: "PageType") -> Tuple[TextLine, ...]:
    """Weight relative to the body: lines set in a 黑体 face are bold when the body is set in
    another kind of face; and where the body itself is heavy (a whole page overprinted or
    stroked), body-sized lines are not bold for it."""
    out = []
    hei_body = not body.face or is_hei_face(body.face)
    for line in lines:
        if body.bold and line.bold and abs(line.size - body.size) <= 0.06 * body.size:
            line = replace(line, bold=False)
        elif not hei_body and not line.bold and is_hei_face(line.face):
            line = replace(line, bold=True)
        out.append(line)
    return tuple(out)


def to_rgb(colour) -> Optional[RGB]:
    """A PDF colour (grey, RGB or CMYK components, as pdfminer gives them) as RGB in 0..1.

    Pattern colours and anything unreadable are None: no colour is better than a wrong one.
    """
    if colour is None:
        return None
    if isinstance(colour, (int, float)):
        colour = (colour,)
    try:
        values = [float(v) for v in colour]
    except (TypeError, ValueError):
        return None
    if not values or any(v != v for v in values):
        return None
    values = [min(1.0, max(0.0, v)) for v in values]
    if len(values) == 1:
        rgb = (values[0],) * 3
    elif len(values) == 3:
        rgb = tuple(values)
    elif len(values) == 4:
        c, m, y, k = values
        rgb = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    else:
        return None
    return tuple(round(v, 3) for v in rgb)  # type: ignore[return-value]


def luminance(rgb: RGB) -> float:
    r, g, b = rgb
    return 0.299 * r + 0.587 * g + 0.114 * b


def chroma(rgb: RGB) -> float:
    return max(rgb) - min(rgb)


CHROMA = 0.25
"""A colour whose channels differ by this much is a colour, not a grey: print's spot colour
(红, 蓝) for series labels and page names."""
LIGHT = 0.8
"""Text this light is printed reversed, on a band of colour."""


def is_coloured(rgb: Optional[RGB]) -> bool:
    return rgb is not None and chroma(rgb) >= CHROMA


def is_light(rgb: Optional[RGB]) -> bool:
    return rgb is not None and luminance(rgb) >= LIGHT


@dataclass(frozen=True)
class PageType:
    """What the page's body text looks like."""

    size: float
    face: str = ""
    color: Optional[RGB] = None
    bold: bool = False
    """Most of the body text is drawn heavy (bold by name, overprint or stroke)."""

    def em(self, size: float) -> float:
        return size / self.size if self.size > 0 else 0.0


def page_type(lines: Sequence[TextLine], size: float) -> PageType:
    """The face and colour of the page's body-sized lines (weighted by their characters)."""
    faces: Counter = Counter()
    colours: Counter = Counter()
    heavy = total = 0
    for line in lines:
        if size > 0 and abs(line.size - size) <= 0.06 * size:
            faces[line.face] += len(line.text)
            colours[line.color] += len(line.text)
            total += len(line.text)
            heavy += len(line.text) if line.bold else 0
    face = max(faces.items(), key=lambda item: (item[1], item[0]))[0] if faces else ""
    colour = max(colours.items(), key=lambda item: (item[1], str(item[0])))[0] if colours else None
    return PageType(size=size, face=face, color=colour, bold=total > 0 and heavy * 2 > total)


def departures(line, body: PageType) -> Tuple[str, ...]:
    """What sets a line (or piece) apart from the body text, in words; () for body text."""
    out = []
    em = body.em(line.size)
    if em and abs(em - 1.0) >= 0.06:
        out.append(f"{em:.2f} em")
    if line.bold:
        out.append("bold")
    elif body.face and line.face and line.face != body.face and not _same_family(line.face, body.face):
        out.append("other face")
    if is_coloured(line.color):
        out.append("colour")
    elif is_light(line.color):
        out.append("reversed")
    return tuple(out)


def emphasised(line, body: PageType) -> bool:
    """Set apart by weight, face or colour, whatever its size."""
    return any(word in ("bold", "other face", "colour", "reversed") for word in departures(line, body))


def _same_family(a: str, b: str) -> bool:
    """Two names of one family (a subset split over two font objects: NotoSerif + NotoSerif-1)."""
    strip = re.compile(r"[-_,+ ]?(regular|roman|book|normal|medium|light|\d+)$", re.IGNORECASE)
    return strip.sub("", a).lower() == strip.sub("", b).lower()
