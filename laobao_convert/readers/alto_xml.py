"""ALTO XML, any version, read into plain page data: every text block, line and String with
its box in PDF points, type size and weight, and every illustration and rule. Both ALTO
readers build on it: the METS reader (whose logical map says what the blocks are) and the
reader of ALTO alone (laobao_convert.readers.alto, which lays the Strings out as a page).

Lengths are converted by the file's MeasurementUnit: inch1200 and mm10 exactly; pixels at
PIXEL_DPI, since ALTO does not say the scan's resolution.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from laobao_convert.model import Box, PrintedLine

NAMESPACES = (
    "http://www.loc.gov/standards/alto/ns-v4#",
    "http://www.loc.gov/standards/alto/ns-v3#",
    "http://www.loc.gov/standards/alto/ns-v2#",
    "http://www.loc.gov/standards/alto/",
    "http://schema.ccs-gmbh.com/ALTO",
)
"""ALTO's namespaces, 4 back to the first (CCS's, before the Library of Congress kept it)."""
PIXEL_DPI = 300.0
"""Pixels per inch assumed for ALTO measured in pixels: what newspaper digitisation
programmes scan at, so a body size comes out near what was printed."""
PER_POINT = {"inch1200": 1200 / 72, "mm10": 254 / 72, "pixel": PIXEL_DPI / 72}
"""ALTO units per PDF point."""
THIN = 3.0
"""Points: a GraphicalElement no thicker than this is a rule."""

_ROOT = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--.*?-->|<!DOCTYPE[^>]*>)\s*)*"
                   rb"<(?:[A-Za-z_][\w.-]*:)?alto[\s>/]", re.S)


class AltoProblem(ValueError):
    """The bytes are not ALTO that can be read: the message says why, in one line."""


@dataclass(frozen=True)
class AltoString:
    text: str
    bbox: Optional[Box]
    """None where the file gives the String no place of its own."""
    size: Optional[float] = None
    bold: bool = False
    confidence: Optional[float] = None
    space_after: bool = False
    """An SP follows it."""


@dataclass(frozen=True)
class AltoLine:
    bbox: Box
    strings: Tuple[AltoString, ...]
    size: Optional[float] = None
    """The line's type size in points, from its style or its Strings' (most of its text)."""
    bold: bool = False

    @property
    def text(self) -> str:
        return "".join(s.text + (" " if s.space_after else "") for s in self.strings)


@dataclass(frozen=True)
class AltoTextBlock:
    id: str
    bbox: Box
    lines: Tuple[AltoLine, ...]

    @property
    def text(self) -> str:
        """Its Strings joined, an SP a space."""
        return "".join(line.text for line in self.lines)

    @property
    def printed(self) -> Tuple[PrintedLine, ...]:
        """Its lines as the model keeps printed lines."""
        return tuple(PrintedLine(text=line.text, bbox=line.bbox, size=line.size, bold=line.bold) for line in self.lines)


@dataclass(frozen=True)
class AltoIllustration:
    id: str
    bbox: Box
    file_id: Optional[str] = None
    """The METS file holding the illustration alone, where the ALTO names one."""
    type: Optional[str] = None
    """Its TYPE as the file gives it (photo, map, graphic …)."""

    @property
    def image(self) -> bool:
        """A picture from an image (a photo): anything but what this tool writes as "graphic"
        (drawn, or an image without caption)."""
        return (self.type or "").lower() != "graphic"


@dataclass(frozen=True)
class AltoPage:
    id: str
    printed_number: Optional[int]
    physical_number: Optional[int]
    width: Optional[float]
    height: Optional[float]
    blocks: Tuple[AltoTextBlock, ...]
    """In the file's order (a ComposedBlock's blocks in its place)."""
    illustrations: Tuple[AltoIllustration, ...] = ()
    rules: Tuple[Box, ...] = ()
    frames: Tuple[Box, ...] = ()
    """GraphicalElements thicker than a rule: a frame around text, a band under it."""


def looks_like_alto(data: bytes) -> bool:
    """The bytes open with an element named alto (in any namespace): ALTO, or meant to be."""
    return _ROOT.match(data[:4096]) is not None


def parse_alto(data: bytes, any_namespace: bool = False) -> Tuple[AltoPage, ...]:
    """Every Page of an ALTO file; AltoProblem when the bytes are not ALTO. `any_namespace`:
    take an alto root in any namespace (a METS package names its files as ALTO already)."""
    if b"<!ENTITY" in data:
        raise AltoProblem("not readable ALTO: it declares XML entities")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise AltoProblem(f"not readable XML: {error}") from None
    ns = root.tag[1:root.tag.index("}")] if root.tag.startswith("{") else ""
    local = root.tag[len(ns) + 2:] if ns else root.tag
    if local != "alto":
        raise AltoProblem(f"not ALTO: its root element is {local}")
    if not any_namespace and ns not in NAMESPACES:
        shown = f"namespace {ns}" if ns else "no namespace"
        raise AltoProblem(f"not ALTO: its root element alto is in {shown}, not ALTO's")
    q = (lambda tag: f"{{{ns}}}{tag}") if ns else (lambda tag: tag)
    unit = (root.findtext(f"{q('Description')}/{q('MeasurementUnit')}") or "pixel").strip()
    scale = PER_POINT.get(unit)
    if scale is None:
        raise AltoProblem(f"not readable ALTO: unknown MeasurementUnit {unit!r}")
    styles = _styles(root, q)
    pages = root.findall(f"{q('Layout')}/{q('Page')}")
    if not pages:
        raise AltoProblem("ALTO holds no Page")
    return tuple(_page(page, q, scale, styles) for page in pages)


def _styles(root: ET.Element, q) -> Dict[str, Tuple[Optional[float], bool]]:
    found = {}
    for style in root.iter(q("TextStyle")):
        if style.get("ID"):
            found[style.get("ID")] = (_float(style.get("FONTSIZE")),
                                      "bold" in (style.get("FONTSTYLE") or "").split())
    return found


def _float(text: Optional[str]) -> Optional[float]:
    try:
        value = float(text) if text is not None else None
    except ValueError:
        raise AltoProblem(f"not readable ALTO: {text!r} is not a number") from None
    return value if value is None or value == value else None  # NaN is no number


def _int(text: Optional[str]) -> Optional[int]:
    try:
        return int(float(text)) if text else None
    except ValueError:
        return None


def _page(page: ET.Element, q, scale: float, styles) -> AltoPage:
    def pt(value: Optional[str]) -> float:
        return round((_float(value) or 0.0) / scale, 6)

    def box(element: ET.Element) -> Optional[Box]:
        if element.get("HPOS") is None or element.get("VPOS") is None:
            return None
        x, y = pt(element.get("HPOS")), pt(element.get("VPOS"))
        return Box(x0=x, top=y, x1=round(x + max(0.0, pt(element.get("WIDTH"))), 6),
                   bottom=round(y + max(0.0, pt(element.get("HEIGHT"))), 6))

    def style(element: ET.Element, inherited: Tuple[Optional[float], bool]) -> Tuple[Optional[float], bool]:
        size, bold = inherited
        for ref in (element.get("STYLEREFS") or "").split():
            own_size, own_bold = styles.get(ref, (None, False))
            size = own_size if own_size else size
            bold = bold or own_bold
        if element.get("STYLE"):
            bold = bold or "bold" in element.get("STYLE").split()
        return size, bold

    blocks: List[AltoTextBlock] = []
    illustrations: List[AltoIllustration] = []
    rules: List[Box] = []
    frames: List[Box] = []

    def walk(element: ET.Element, inherited) -> None:
        for child in element:
            kind = child.tag.rsplit("}", 1)[-1]
            if kind == "ComposedBlock":
                walk(child, style(child, inherited))
            elif kind == "TextBlock":
                block = _text_block(child, q, box, style, style(child, inherited), len(blocks))
                if block is not None:
                    blocks.append(block)
            elif kind == "Illustration" and box(child) is not None:
                illustrations.append(AltoIllustration(child.get("ID") or f"IL{len(illustrations)}", box(child),
                                                      child.get("FILEID"), child.get("TYPE")))
            elif kind == "GraphicalElement" and box(child) is not None:
                found = box(child)
                thin = min(found.x1 - found.x0, found.bottom - found.top) <= THIN
                (rules if thin else frames).append(found)

    for space in page:
        if space.tag.rsplit("}", 1)[-1] in ("PrintSpace", "TopMargin", "LeftMargin", "RightMargin", "BottomMargin"):
            walk(space, style(space, style(page, (None, False))))
    width = pt(page.get("WIDTH")) if page.get("WIDTH") else None
    height = pt(page.get("HEIGHT")) if page.get("HEIGHT") else None
    return AltoPage(id=page.get("ID") or "", printed_number=_int(page.get("PRINTED_IMG_NR")),
                    physical_number=_int(page.get("PHYSICAL_IMG_NR")), width=width or None, height=height or None,
                    blocks=tuple(blocks), illustrations=tuple(illustrations), rules=tuple(rules),
                    frames=tuple(frames))


def _text_block(element: ET.Element, q, box, style, inherited, index: int) -> Optional[AltoTextBlock]:
    lines = []
    for line in element.findall(q("TextLine")):
        line_style = style(line, inherited)
        line_box = box(line)
        strings: List[AltoString] = []
        for item in line:
            kind = item.tag.rsplit("}", 1)[-1]
            if kind == "String":
                size, bold = style(item, line_style)
                strings.append(AltoString(text=item.get("CONTENT", ""), bbox=box(item), size=size, bold=bold,
                                          confidence=_float(item.get("WC"))))
            elif kind == "SP" and strings:
                strings[-1] = AltoString(**{**strings[-1].__dict__, "space_after": True})
            elif kind == "HYP" and strings:
                # A hyphen at a line's end belongs to its last word.
                last = strings[-1]
                strings[-1] = AltoString(**{**last.__dict__, "text": last.text + item.get("CONTENT", "")})
        strings = [s for s in strings if s.text]
        if not strings:
            continue
        placed = [s.bbox for s in strings if s.bbox is not None]
        if line_box is None:
            if not placed:
                continue
            line_box = Box(min(b.x0 for b in placed), min(b.top for b in placed), max(b.x1 for b in placed),
                           max(b.bottom for b in placed))
        weights: Dict[Optional[float], int] = {}
        for s in strings:
            weights[s.size] = weights.get(s.size, 0) + len(s.text)
        size = max((k for k in weights if k), key=lambda k: (weights[k], k), default=None)
        bold = sum(len(s.text) for s in strings if s.bold) * 2 > sum(len(s.text) for s in strings)
        lines.append(AltoLine(bbox=line_box, strings=tuple(strings), size=size, bold=bold))
    block_box = box(element)
    if block_box is None:
        if not lines:
            return None
        block_box = Box(min(l.bbox.x0 for l in lines), min(l.bbox.top for l in lines),
                        max(l.bbox.x1 for l in lines), max(l.bbox.bottom for l in lines))
    return AltoTextBlock(id=element.get("ID") or f"TB{index}", bbox=block_box, lines=tuple(lines))
