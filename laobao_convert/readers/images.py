"""A PDF page's photos as image files, and page one as a cover picture.

Both PDF engines leave this to PDFium (pypdfium2, which pdfplumber depends on as well): the
layout has already said which pictures are photos (an image object with a caption bound to
it); here each is found again among the page's image objects by its box and taken out:

- copied, byte for byte, when it can be (a JPEG, DCTDecode alone, set upright and shown
  whole, in RGB or grey: what a browser shows as the page does);
- otherwise decoded by PDFium, turned as the page turns it, cropped to the part the page
  shows (its clip and the page's edges), and written as JPEG (a JPEG source) or PNG.

The page is opened only when a writer asks for images (ReadOptions.images, cover), so a
conversion that does not show them does not pay for them. Everything here is deterministic:
the same page gives the same bytes.
"""

from __future__ import annotations

import ctypes
import io
from dataclasses import replace
from typing import List, Optional, Sequence, Tuple

from laobao_convert.content import BBox, Graphic, ImageData

COVER_HEIGHT = 1200
"""Pixels of the cover picture's height: sharp on a tablet's shelf, a few hundred kilobytes."""
COVER_QUALITY = 85
PHOTO_QUALITY = 90
"""JPEG quality where a JPEG photo has to be encoded again (cropped or turned)."""
MAX_PIXELS = 40_000_000
"""A photo's decoded size at most: more is not a newspaper photo, and would cost the memory."""
MATCH = 0.75
"""Points: an image object whose box is this close to a picture's box on every side is it."""
WHOLE = 0.5
"""Points: a visible part this close to the image's box is the whole image."""

SIMPLE_FILTERS = frozenset(("ASCII85Decode", "ASCIIHexDecode", "FlateDecode", "LZWDecode", "RunLengthDecode"))
"""Filters that only wrap a JPEG's bytes: undone, they leave the JPEG as it was."""

Box = Tuple[float, float, float, float]
"""x0, top, x1, bottom; PDF points, origin top left."""


class PageImages:
    """PDFium's view of one PDF, opened on first use and kept for its pages."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._document = None

    def _open(self):
        if self._document is None:
            import pypdfium2 as pdfium

            self._document = pdfium.PdfDocument(self._data, password="")
        return self._document

    def close(self) -> None:
        if self._document is not None:
            self._document.close()
            self._document = None

    def photos(self, index: int, graphics: Sequence[Graphic]) -> Tuple[Graphic, ...]:
        """The graphics of page `index`, each photo given its image where it can be taken
        out (one that cannot keeps none: its caption stays, as for text input)."""
        wanted = [g for g in graphics if g.photo]
        if not wanted:
            return tuple(graphics)
        document = self._open()
        page = document[index]
        try:
            found = _page_images(document, page)
            out = []
            for graphic in graphics:
                if graphic.photo:
                    match = _match(found, graphic.bbox)
                    image = _extract(*match) if match is not None else None
                    graphic = replace(graphic, image=image)
                out.append(graphic)
            return tuple(out)
        finally:
            page.close()

    def cover(self, index: int) -> ImageData:
        """Page `index` rendered whole as a JPEG COVER_HEIGHT pixels tall."""
        document = self._open()
        page = document[index]
        try:
            scale = COVER_HEIGHT / max(page.get_height(), 1.0)
            bitmap = page.render(scale=scale, may_draw_forms=False)
            picture = bitmap.to_pil().convert("RGB")
        finally:
            page.close()
        return ImageData("image/jpeg", _jpeg(picture, COVER_QUALITY), picture.width, picture.height)


def _page_images(document, page) -> List[Tuple[object, Tuple[float, ...], Box, Box]]:
    """The page's image objects: (object, its matrix to the page, its box, the part shown)."""
    import pypdfium2 as pdfium

    from laobao_convert.readers import pdfium as engine

    width, height = engine.page_size(page)
    found = []
    for kind, obj, outer in engine._objects(page):
        if kind != "image":
            continue
        matrix = engine._multiply(engine._matrix(obj), outer)
        box = engine._image_box(obj, outer, height)
        shown = _intersect(_intersect(box, (0.0, 0.0, width, height)), _clip_box(obj, matrix, height))
        found.append((pdfium.PdfImage(obj, page=page, pdf=document), matrix, box, shown))
    return found


def _match(found, box: BBox):
    best = None
    for image, matrix, placed, shown in found:
        distance = max(abs(placed[0] - box.x0), abs(placed[1] - box.top), abs(placed[2] - box.x1),
                       abs(placed[3] - box.bottom))
        if distance <= MATCH and (best is None or distance < best[0]):
            best = (distance, (image, matrix, placed, shown))
    return best[1] if best else None


def _intersect(a: Box, b: Optional[Box]) -> Box:
    if b is None:
        return a
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


def _clip_box(obj, matrix, height: float) -> Optional[Box]:
    """The box of the clip the image is drawn in, top-left origin; None where PDFium gives
    none. (PDFium keeps a page object's clip in page space.)"""
    import pypdfium2.raw as pdfium_c

    clip = pdfium_c.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return None
    xs: List[float] = []
    ys: List[float] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for i in range(max(0, pdfium_c.FPDFClipPath_CountPaths(clip))):
        for j in range(max(0, pdfium_c.FPDFClipPath_CountPathSegments(clip, i))):
            segment = pdfium_c.FPDFClipPath_GetPathSegment(clip, i, j)
            if segment and pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
                xs.append(x.value)
                ys.append(y.value)
    if not xs:
        return None
    return (min(xs), height - max(ys), max(xs), height - min(ys))


def _extract(image, matrix, placed: Box, shown: Box) -> Optional[ImageData]:
    """The photo's file: copied when it can be, else decoded, turned, cropped, encoded."""
    import pypdfium2.raw as pdfium_c

    try:
        if shown[2] - shown[0] <= 0 or shown[3] - shown[1] <= 0:
            return None  # nothing of it is shown
        filters = list(image.get_filters())
        width, height = image.get_px_size()
        if width * height > MAX_PIXELS or width <= 0 or height <= 0:
            return None
        a, b, c, d = matrix[:4]
        upright = b == 0 and c == 0 and a > 0 and d > 0
        whole = all(abs(p - s) <= WHOLE for p, s in zip(placed, shown))
        jpeg = bool(filters) and filters[-1] == "DCTDecode" and all(f in SIMPLE_FILTERS for f in filters[:-1])
        if jpeg and upright and whole:
            space = image.get_metadata().colorspace
            if space in (pdfium_c.FPDF_COLORSPACE_DEVICERGB, pdfium_c.FPDF_COLORSPACE_DEVICEGRAY,
                         pdfium_c.FPDF_COLORSPACE_CALRGB, pdfium_c.FPDF_COLORSPACE_CALGRAY):
                # PDFium's "decoded" data has the filters before DCTDecode undone (an
                # ASCII85 wrapper), never the JPEG's own: the file as it was embedded.
                data = bytes(image.get_data(decode_simple=len(filters) > 1))
                if data[:2] == b"\xff\xd8":
                    return ImageData("image/jpeg", data, width, height)
        picture = image.get_bitmap(render=False).to_pil()
        picture = picture.convert("L" if picture.mode in ("1", "L") else "RGB")
        picture = _crop(_turn(picture, matrix), placed, shown)
        if jpeg or "JPXDecode" in filters:
            return ImageData("image/jpeg", _jpeg(picture, PHOTO_QUALITY), picture.width, picture.height)
        return ImageData("image/png", _png(picture), picture.width, picture.height)
    except Exception:  # noqa: BLE001 - an image PDFium cannot give is a photo shown without its picture
        return None


def _turn(picture, matrix):
    """The image as the page shows it. Its columns run along the matrix's (a, b), its rows down
    along -(c, d); on the page (y down) those are (a, -b) and (-c, d)."""
    from PIL import Image

    a, b, c, d = matrix[:4]
    if abs(a) + abs(d) >= abs(b) + abs(c):  # columns run across
        if a < 0:
            picture = picture.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        if d < 0:
            picture = picture.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
        return picture
    picture = picture.transpose(Image.Transpose.TRANSPOSE)  # columns now run down, rows across
    if b > 0:
        picture = picture.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    if c > 0:
        picture = picture.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    return picture


def _crop(picture, placed: Box, shown: Box):
    if all(abs(p - s) <= WHOLE for p, s in zip(placed, shown)):
        return picture
    w, h = placed[2] - placed[0], placed[3] - placed[1]
    if w <= 0 or h <= 0:
        return picture
    left = round((shown[0] - placed[0]) / w * picture.width)
    top = round((shown[1] - placed[1]) / h * picture.height)
    right = round((shown[2] - placed[0]) / w * picture.width)
    bottom = round((shown[3] - placed[1]) / h * picture.height)
    if right - left < 1 or bottom - top < 1:
        return picture
    return picture.crop((left, top, right, bottom))


def _jpeg(picture, quality: int) -> bytes:
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=quality, optimize=False, progressive=False)
    return out.getvalue()


def _png(picture) -> bytes:
    out = io.BytesIO()
    picture.save(out, "PNG", optimize=False)
    return out.getvalue()
