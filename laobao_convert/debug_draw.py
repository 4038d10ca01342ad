"""--debug-dir's pictures: a PDF page rendered with the reader's blocks drawn over it.

Each text block gets its box, tinted and outlined in its role's colour, and a label
"<reading-order number> <role>" ("?" where the reader gave no role) at its top-left corner;
the layout's rules, pictures and frames are drawn under them. pypdfium2 renders and Pillow
draws (both come with pdfplumber); labels are ASCII, so Pillow's own font is enough.

Coordinates are pdfplumber's: PDF points from the media box's top-left corner.
"""

from __future__ import annotations

import contextlib
import io
import zlib
from typing import Dict, Iterator, Optional, Tuple

from laobao_convert.content import BBox, PageContent

RESOLUTION = 100
"""Dots per inch: labels stay readable and a broadsheet page is about 1400 × 2000 pixels."""

Colour = Tuple[int, int, int]

ROLE_COLOURS: Dict[str, Colour] = {
    "masthead": (140, 0, 160),
    "header": (140, 90, 40),
    "footer": (100, 70, 30),
    "series": (255, 130, 0),
    "kicker": (0, 150, 150),
    "title": (225, 0, 0),
    "subtitle": (225, 60, 150),
    "byline": (0, 140, 0),
    "body": (0, 70, 225),
    "subhead": (110, 50, 210),
    "caption": (190, 140, 0),
    "jump": (160, 0, 70),
    "box": (0, 130, 90),
}
UNKNOWN: Colour = (120, 120, 120)
"""A block the reader gave no role (the parser decides from its text)."""

GRAPHIC_COLOURS: Dict[str, Colour] = {
    "rule": (0, 190, 230),
    "picture": (255, 0, 255),
    "frame": (150, 150, 0),
}

FADE = 0.45
"""How far the page is washed towards white, so that the drawn boxes stand out over it."""
TINT = 40
"""Opacity (of 255) of a block's fill: the text under it stays legible."""
OUTLINE = 2
"""Pixels."""


class DrawError(Exception):
    """pdfium could not open or render the PDF."""


def role_colour(role: Optional[str]) -> Colour:
    """A role's colour; a role this table does not know yet gets a steady colour of its own."""
    if role is None:
        return UNKNOWN
    known = ROLE_COLOURS.get(role)
    if known is not None:
        return known
    import colorsys

    hue = (zlib.crc32(role.encode("utf-8")) % 360) / 360
    r, g, b = colorsys.hsv_to_rgb(hue, 0.9, 0.75)
    return int(r * 255), int(g * 255), int(b * 255)


class Renderer:
    """One open PDF: each of its pages as a PNG with its blocks drawn."""

    def __init__(self, document):
        self.document = document

    def png(self, page: PageContent) -> bytes:
        from PIL import Image

        drawn = draw_page(self.render(page.index), page)
        # A palette of 256 loses nothing a reader of the picture needs, and makes the file a
        # quarter of the size in less time than compressing every colour would take.
        buffer = io.BytesIO()
        drawn.quantize(256, method=Image.Quantize.FASTOCTREE).save(buffer, format="PNG")
        return buffer.getvalue()

    def render(self, index: int):
        import pypdfium2

        try:
            pdf_page = self.document[index]
            try:
                # pdfplumber measures from the media box; render that, not the crop box.
                pdf_page.set_cropbox(*pdf_page.get_mediabox())
                return pdf_page.render(scale=RESOLUTION / 72).to_pil().convert("RGB")
            finally:
                pdf_page.close()
        except (pypdfium2.PdfiumError, IndexError, ValueError) as error:
            raise DrawError(f"page {index + 1}: {error}") from error


@contextlib.contextmanager
def open_renderer(data: bytes) -> Iterator[Renderer]:
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        raise DrawError(str(error)) from error
    try:
        yield Renderer(document)
    finally:
        document.close()


def draw_page(image, page: PageContent):
    """The rendered page (a Pillow image) with the page's graphics and blocks drawn on it."""
    from PIL import Image, ImageDraw

    base = Image.blend(image.convert("RGB"), Image.new("RGB", image.size, (255, 255, 255)), FADE)
    sx, sy = _scale(image.size, page)

    def box(b: BBox) -> Tuple[int, int, int, int]:
        x0, y0 = round(b.x0 * sx), round(b.top * sy)
        return x0, y0, max(x0, round(b.x1 * sx)), max(y0, round(b.bottom * sy))

    blocks = [(order, block, box(block.bbox)) for order, block in enumerate(page.blocks, 1) if block.bbox is not None]
    tint = Image.new("RGBA", image.size, (0, 0, 0, 0))
    tint_draw = ImageDraw.Draw(tint)
    for _, block, rect in blocks:
        tint_draw.rectangle(rect, fill=role_colour(block.role) + (TINT,))
    base.paste(tint, (0, 0), tint)

    draw = ImageDraw.Draw(base)
    for graphic in page.graphics:
        colour = GRAPHIC_COLOURS.get(graphic.kind, UNKNOWN)
        rect = box(graphic.bbox)
        draw.rectangle(rect, outline=colour, width=1 if graphic.kind != "picture" else OUTLINE)
        if graphic.kind == "picture":
            draw.line(rect, fill=colour, width=1)
            draw.line((rect[0], rect[3], rect[2], rect[1]), fill=colour, width=1)
    for _, block, rect in blocks:
        draw.rectangle(rect, outline=role_colour(block.role), width=OUTLINE)
    # Labels last, so that no outline crosses one.
    font = _font()
    for order, block, rect in blocks:
        _label(draw, font, (rect[0], rect[1]), f"{order} {block.role or '?'}", role_colour(block.role))
    return base


def _scale(size: Tuple[int, int], page: PageContent) -> Tuple[float, float]:
    if page.width and page.height:
        return size[0] / page.width, size[1] / page.height
    return RESOLUTION / 72, RESOLUTION / 72


def _label(draw, font, at: Tuple[int, int], text: str, colour: Colour) -> None:
    left, top, right, bottom = draw.textbbox(at, text, font=font)
    draw.rectangle((left - 1, top - 1, right + 1, bottom + 1), fill=colour)
    draw.text(at, text, font=font, fill=_ink(colour))


def _ink(colour: Colour) -> Colour:
    # Dark text on light labels (caption's ochre, rule's cyan), white on the rest.
    r, g, b = colour
    return (0, 0, 0) if 0.299 * r + 0.587 * g + 0.114 * b > 150 else (255, 255, 255)


def _font():
    from PIL import ImageFont

    try:
        return ImageFont.load_default(size=11)
    except (TypeError, ImportError, OSError):  # older Pillow, or one without FreeType
        return ImageFont.load_default()
