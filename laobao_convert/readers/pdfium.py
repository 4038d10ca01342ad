"""The PDFium PDF engine: the same PageGeometry as the pdfplumber reader, from PDFium's parser
(through pypdfium2's ctypes bindings) instead of pdfminer's pure-Python one, about four times
faster on a broadsheet page.

What pdfminer reports and PDFium does not, or reports differently, is rebuilt here so that the
layout rules see the same page:

- glyph boxes: PDFium's loose box is the glyph cell (advance x ascent..descent); pdfminer's box
  is the advance by the font size above the descent line, so x0, x1 and bottom are taken from
  the loose box and top is bottom minus the size;
- PDFium makes up spaces and line breaks between words it finds far apart ("generated"
  characters): pdfminer has none of them, so they are left out;
- rules and rectangles: pdfminer keeps a subpath that is one straight segment (a line) or an
  axis-aligned closed four-sided one (a rectangle) and ignores curves; the same test is made
  here on PDFium's path segments, each subpath on its own, in page space;
- colours: PDFium gives every fill colour as RGB already converted from its colour space.

Every failure is a PdfError or UnreadablePageError in one line, as in the pdfplumber reader,
and the page limits are applied before a page's content is parsed.
"""

from __future__ import annotations

import bisect
import ctypes
import re
import sys
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from laobao_convert import limits
from laobao_convert.errors import PdfError
from laobao_convert.layout import PageGeometry
from laobao_convert.layout.geometry import Glyph, Picture, Rule
from laobao_convert.layout.typography import face_name, is_bold_face

RULE_THICKNESS = 2.0
RULE_ASPECT = 40.0
"""As in the pdfplumber reader: what separates a rule from a box."""
STROKE_MODES = frozenset((1, 2, 5, 6))
"""Text rendering modes that stroke the glyph outline: a way to print a face heavier."""
OVERPRINT_OFFSET = 1.5
"""How far (points) a text object PDFium leaves out may be from the one it repeats."""
_MAX_FORM_DEPTH = 8
"""Form XObjects inside form XObjects: deeper nesting is not a newspaper page."""

Matrix = Tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def open_document(data: bytes, name: str):
    """PDFium's document for the bytes (kept alive by the caller as long as the document)."""
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data, password="")
    except (Exception, RecursionError) as error:  # noqa: BLE001 - any parser failure is bad input
        raise PdfError(f"not a readable PDF ({_reason(error)})", where=name) from None


def _reason(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:120]


def page_size(page) -> Tuple[float, float]:
    """Width and height as pdfplumber gives them: the MediaBox, turned by /Rotate."""
    import pypdfium2.raw as pdfium_c

    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if pdfium_c.FPDFPage_GetMediaBox(page.raw, left, bottom, right, top):
        width, height = abs(right.value - left.value), abs(top.value - bottom.value)
    else:
        width, height = page.get_width(), page.get_height()
        if page.get_rotation() % 180:
            width, height = height, width
        return float(width), float(height)
    if page.get_rotation() % 180:
        width, height = height, width
    return float(width), float(height)


def content_size(pypdf_page, limit: int) -> int:
    """The inflated size of a page's content streams (read through pypdf, which has already
    opened the file), counted only up to just past `limit` so that a decompression bomb is
    found before PDFium inflates it."""
    contents = pypdf_page.get("/Contents")
    if contents is None:
        return 0
    contents = contents.get_object()
    streams = [item.get_object() for item in contents] if isinstance(contents, list) else [contents]
    total = 0
    for stream in streams:
        total += _inflated_size(stream, limit - total + 1)
        if total > limit:
            break
    return total


def _inflated_size(stream, budget: int) -> int:
    filters = stream.get("/Filter")
    if filters is not None and not isinstance(filters, str):
        filters = list(filters)
        filters = filters[0] if len(filters) == 1 else None
    raw = getattr(stream, "_data", None)
    if filters != "/FlateDecode" or stream.get("/DecodeParms") or not isinstance(raw, bytes):
        # Rare in page content: decoded whole, the address-space limit of workers still holds.
        return len(stream.get_data())
    from laobao_convert.readers.pdf import inflated_size

    return inflated_size(raw, budget)


def page_geometry(page, first_page: bool, label: str, where: str) -> Tuple[PageGeometry, int, int]:
    """Reduce a PDFium page to plain geometry; also counts (glyphs, unreadable glyphs)."""
    import pypdfium2.raw as pdfium_c

    width, height = page_size(page)
    textpage = page.get_textpage()
    try:
        # A first bound before the glyphs are made: PDFium's own characters, at most one
        # space or line break it inferred for each one drawn.
        _check_glyphs(pdfium_c.FPDFText_CountChars(textpage.raw) // 2, label, where)
        glyphs, owners, total, bad = _glyphs(textpage, height)
        glyphs = _overprinted(page, glyphs, owners, height)
    finally:
        textpage.close()
    # Counted again with the copies PDFium had left out, as pdfminer counts them.
    _check_glyphs(len(glyphs) + bad, label, where)
    rules: List[Rule] = []
    pictures: List[Picture] = []
    for kind, obj, matrix in _objects(page):
        if kind == "path":
            _path_shapes(obj, matrix, height, rules, pictures)
        else:
            x0, top, x1, bottom = _image_box(obj, matrix, height)
            pictures.append(Picture(x0, top, x1, bottom, image=True))
    geometry = PageGeometry(
        width=width,
        height=height,
        glyphs=tuple(glyphs),
        rules=tuple(rules),
        pictures=tuple(pictures),
        first_page=first_page,
    )
    return geometry, total, bad


def _check_glyphs(count: int, label: str, where: str) -> None:
    most = limits.MAX_PAGE_GLYPHS
    if count > most:
        raise PdfError(f"{label} is too big to read: {count:,} glyphs, more than {most:,} "
                       "(LAOBAO_CONVERT_MAX_PAGE_GLYPHS)", where=where)


def _glyphs(textpage, height: float) -> Tuple[List[Glyph], List[int], int, int]:
    import pypdfium2.raw as pdfium_c

    raw = textpage.raw
    glyphs: List[Glyph] = []
    owners: List[int] = []
    """The text object each glyph came from (its address), for _overprinted."""
    total = bad = 0
    fonts: Dict[int, Tuple[str, bool]] = {}
    colours: Dict[Tuple[int, int, int], Tuple[float, float, float]] = {}
    styles: Dict[int, Tuple[bool, str, Optional[Tuple[float, float, float]], Optional[float]]] = {}
    box = pdfium_c.FS_RECTF()
    # This loop runs for every character of the page: the functions are bound once, as
    # prototypes taking plain addresses (pypdfium2's typed pointers cost a conversion a call).
    calls = _char_calls()
    handle, where = _address_of(raw), ctypes.addressof(box)
    is_generated, map_error, object_address, loose_box = (
        calls.is_generated, calls.map_error, calls.object_address, calls.loose_box)
    answers = tuple(ctypes.c_uint() for _ in range(4)) + (pdfium_c.FS_MATRIX(),)
    count = max(0, pdfium_c.FPDFText_CountChars(raw))
    new_glyph = tuple.__new__  # Glyph(...) without its keyword handling: every field given
    last = None
    last_key = None
    for i, text in enumerate(_page_text(handle, count, calls)):
        if text in _MAYBE_GENERATED and is_generated(handle, i) == 1:
            continue  # a space or line break PDFium inferred: pdfminer has no such glyph
        space = text.isspace()
        if not space:
            total += 1
            # is_bad_glyph(text) for the one character PDFium gives: private use, planes 15
            # and 16, the replacement character.
            point = ord(text)
            if (map_error(handle, i) == 1 or point == 0 or 0xE000 <= point <= 0xF8FF or point >= 0xF0000
                    or point == 0xFFFD):
                bad += 1
                continue
        key = object_address(handle, i) or 0
        loose_box(handle, i, where)
        x0, x1, bottom = box.left, box.right, height - box.bottom
        if last is not None and last_key == key and last.x0 == x0 and last.x1 == x1 and last.bottom == bottom:
            # One glyph mapped to several characters (a ligature, "——" as one dash): PDFium
            # lists each character with the glyph's box, pdfminer the glyph once with them all.
            last = glyphs[-1] = last._replace(text=last.text + text)
            total -= 0 if space else 1
            continue
        style = styles.get(key)
        if style is None:
            style = styles[key] = _style(raw, i, pdfium_c.FPDFText_GetTextObject(raw, i), fonts, colours, answers)
        bold, face, colour, size = style
        if size is None:
            # Turned text: pdfminer's box is the upright box around the turned glyph and its
            # size that box's height; PDFium's loose box is the same upright box.
            top = height - box.top
            last = new_glyph(Glyph, (text, x0, top, x1, bottom, bottom - top, bold, face, colour, None))
        else:
            last = new_glyph(Glyph, (text, x0, bottom - size, x1, bottom, size, bold, face, colour, None))
        glyphs.append(last)
        owners.append(key)
        last_key = key
    return glyphs, owners, total, bad


_MAYBE_GENERATED = frozenset(" \r\n")
"""The characters PDFium makes up (a space, a line break): only these are asked whether they
were made up."""
_SOFT_HYPHEN = "\ufffe"
"""What FPDFText_GetText gives for the hyphen ending a line, which FPDFText_GetUnicode gives
as 2 (its "soft hyphen")."""


def _page_text(handle: int, count: int, calls: "_CharCalls") -> Sequence[str]:
    """Each character of the text page as FPDFText_GetUnicode gives it, as str (2 as "-": the
    hyphen ending a line, which pdfminer gives as "-"). One FPDFText_GetText for the page; the
    characters it does not give one UTF-16 unit each (one beyond the BMP gives two), or gives
    as its soft hyphen, are asked for one by one."""
    if count > 0:
        buffer = (ctypes.c_ushort * (count + 1))()
        written = calls.get_text(handle, 0, count, ctypes.addressof(buffer))
        text = bytes(buffer)[:2 * max(0, written - 1)].decode("utf-16-le", "surrogatepass")
        if len(text) == count and not _SURROGATE.search(text):
            if _SOFT_HYPHEN not in text:
                return text
            return [_char_of(calls.unicode_of(handle, i)) if c == _SOFT_HYPHEN else c for i, c in enumerate(text)]
    return [_char_of(calls.unicode_of(handle, i)) for i in range(count)]


_SURROGATE = re.compile("[\ud800-\udfff]")
"""Half of a UTF-16 pair: where it stands, units and characters no longer line up."""


def _char_of(code: int) -> str:
    return "-" if code == 2 else _char(code)


class _CharCalls:
    """PDFium's per-character text functions, as prototypes taking plain addresses and
    holding the GIL (each returns at once, and never calls back into Python)."""

    def __init__(self) -> None:
        import pypdfium2.raw as pdfium_c

        def bind(function, restype, *argtypes):
            # Keeping the GIL: these calls are far shorter than letting it go and taking it back.
            return ctypes.PYFUNCTYPE(restype, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value)

        page, index, pointer = ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p
        self.is_generated = bind(pdfium_c.FPDFText_IsGenerated, ctypes.c_int, page, index)
        self.map_error = bind(pdfium_c.FPDFText_HasUnicodeMapError, ctypes.c_int, page, index)
        self.unicode_of = bind(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint, page, index)
        # The text object's address as an int (None for none): the key a glyph's object is
        # known by, without a ctypes cast per character.
        self.object_address = bind(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p, page, index)
        self.loose_box = bind(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int, page, index, pointer)
        self.get_text = bind(pdfium_c.FPDFText_GetText, ctypes.c_int, page, index, index, pointer)


_CALLS: List[_CharCalls] = []


def _char_calls() -> _CharCalls:
    if not _CALLS:
        _CALLS.append(_CharCalls())
    return _CALLS[0]


def _address_of(pointer) -> int:
    return ctypes.cast(pointer, ctypes.c_void_p).value or 0


def _style(raw, i: int, obj, fonts: dict, colours: dict, answers: tuple):
    """What is the same for every glyph of one text object: (bold, face, fill colour, size),
    the size None for turned text. Asked once per object, the font's name once per font;
    `answers` (four c_uint and an FS_MATRIX) are where PDFium writes, made once a page."""
    import pypdfium2.raw as pdfium_c

    font = pdfium_c.FPDFTextObj_GetFont(obj) if obj else None
    font_key = _address(font)
    known = fonts.get(font_key)
    if known is None:
        name = _font_name(font) if font else ""
        known = fonts[font_key] = (face_name(name), is_bold_face(name))
    face, bold = known
    if obj and pdfium_c.FPDFTextObj_GetTextRenderMode(obj) in STROKE_MODES:
        bold = True
    colour = None
    r, g, b, a, matrix = answers
    if pdfium_c.FPDFText_GetFillColor(raw, i, r, g, b, a):
        rgb = (r.value, g.value, b.value)
        colour = colours.get(rgb)
        if colour is None:
            colour = colours[rgb] = tuple(round(v / 255, 3) for v in rgb)
    # pdfminer's size is the font size through the text and graphics matrices (the glyph's
    # height); PDFium's is the size the font was selected at.
    size: Optional[float] = pdfium_c.FPDFText_GetFontSize(raw, i)
    if pdfium_c.FPDFText_GetMatrix(raw, i, matrix):
        size = size * abs(matrix.d) if matrix.b == 0 and matrix.c == 0 else None
    return bold, face, colour, size


def _address(pointer) -> int:
    # The pointer's own bytes: a ctypes cast costs several times as much, once per object.
    return int.from_bytes(bytes(pointer), sys.byteorder) if pointer else 0


def _overprinted(page, glyphs: List[Glyph], owners: List[int], height: float) -> List[Glyph]:
    """Put back the copies of text drawn twice that PDFium leaves out of its text page.

    PDFium drops a text object that repeats one before it at (almost) the same place; some
    layout systems print fake bold that way, and pdfminer keeps both, for the layout's
    overprint rule to find. PDFium cannot say what a left-out object's text is, so it is
    matched by its box: an object drawn before it (kept, or itself put back) with a box of the
    same size less than OVERPRINT_OFFSET away is the one it repeats. Its glyphs are copied,
    moved by the difference of the two boxes, after the ones they repeat (in drawing order).
    """
    import pypdfium2.raw as pdfium_c

    spans: Dict[int, Tuple[int, int]] = {}
    for index, key in enumerate(owners):
        first, _ = spans.get(key, (index, index))
        spans[key] = (first, index + 1)
    drawn = list(_objects(page, text=True))
    if all(_address(obj) in spans for _, obj, _ in drawn):
        return glyphs
    # Objects drawn so far, by left edge: (left, top, right, bottom, order, glyphs, anchor).
    earlier: List[Tuple[float, float, float, float, int, List[Glyph], int]] = []
    bounds = tuple(ctypes.c_float() for _ in range(4))
    after: Dict[int, List[Glyph]] = {}
    for order, (_, obj, _) in enumerate(drawn):
        left, top, right, bottom = _object_box(obj, height, bounds)
        span = spans.get(_address(obj))
        if span is not None:
            bisect.insort(earlier, (left, top, right, bottom, order, glyphs[span[0]:span[1]], span[1] - 1))
            continue
        if right - left <= 0 or bottom - top <= 0:
            continue  # nothing drawn (an empty string, spaces)
        lo = bisect.bisect_left(earlier, (left - OVERPRINT_OFFSET,))
        hi = bisect.bisect_right(earlier, (left + OVERPRINT_OFFSET,))
        best = None
        for x0, y0, x1, y1, _, source, anchor in earlier[lo:hi]:
            dx, dy = left - x0, top - y0
            if (abs(dy) < OVERPRINT_OFFSET and abs((right - left) - (x1 - x0)) < 0.01
                    and abs((bottom - top) - (y1 - y0)) < 0.01 and (best is None or abs(dx) + abs(dy) < best[0])):
                best = (abs(dx) + abs(dy), source, anchor, dx, dy)
        if best is None:
            continue
        _, source, anchor, dx, dy = best
        stroked = pdfium_c.FPDFTextObj_GetTextRenderMode(obj) in STROKE_MODES
        copies = [g._replace(x0=g.x0 + dx, x1=g.x1 + dx, top=g.top + dy, bottom=g.bottom + dy, bold=g.bold or stroked)
                  for g in source]
        after.setdefault(anchor, []).extend(copies)
        bisect.insort(earlier, (left, top, right, bottom, order, copies, anchor))
    out: List[Glyph] = []
    for index, glyph in enumerate(glyphs):
        out.append(glyph)
        out.extend(after.get(index, ()))
    return out


def _object_box(obj, height: float, bounds: tuple) -> Tuple[float, float, float, float]:
    """A page object's box (left, top, right, bottom), top-left origin; `bounds`: four
    c_float for PDFium to write into, made once for many objects."""
    import pypdfium2.raw as pdfium_c

    left, bottom, right, top = bounds
    if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return 0.0, height - 0.0, 0.0, height - 0.0  # no bounds: as if PDFium had written zeros
    return left.value, height - top.value, right.value, height - bottom.value


def _char(code: int) -> str:
    try:
        return chr(code)
    except (ValueError, OverflowError):
        return "\ufffd"


def _font_name(font) -> str:
    """The font's BaseFont with its subset prefix, as pdfminer names it."""
    import pypdfium2.raw as pdfium_c

    size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
    if size <= 0:
        return ""
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDFFont_GetBaseFontName(font, buffer, size)
    # pdfminer keeps the bytes of a name that is not ASCII (宋体 in GBK) as #XX escapes.
    return "".join(chr(byte) if 32 < byte < 127 and byte != 35 else f"#{byte:02X}" for byte in buffer.value)


def _objects(page, text: bool = False) -> Iterator[Tuple[str, object, Matrix]]:
    """The page's paths and images (or its text objects), each with the matrix from its form
    XObjects to the page."""
    import pypdfium2.raw as pdfium_c

    def walk(count, get, matrix: Matrix, depth: int):
        for i in range(count):
            obj = get(i)
            if not obj:
                continue
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if text:
                if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
                    yield "text", obj, matrix
            elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                yield "path", obj, matrix
            elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                yield "image", obj, matrix
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
                inner = _multiply(_matrix(obj), matrix)
                yield from walk(pdfium_c.FPDFFormObj_CountObjects(obj),
                                lambda j, form=obj: pdfium_c.FPDFFormObj_GetObject(form, j), inner, depth + 1)

    raw = page.raw
    yield from walk(pdfium_c.FPDFPage_CountObjects(raw), lambda i: pdfium_c.FPDFPage_GetObject(raw, i), _IDENTITY, 0)


def _matrix(obj) -> Matrix:
    import pypdfium2.raw as pdfium_c

    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _multiply(first: Matrix, then: Matrix) -> Matrix:
    """The matrix applying `first`, then `then` (PDF row-vector convention)."""
    a, b, c, d, e, f = first
    A, B, C, D, E, F = then
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(matrix: Matrix, x: float, y: float) -> Tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def _path_shapes(obj, outer: Matrix, height: float, rules: List[Rule], pictures: List[Picture]) -> None:
    """Rules and rectangles of one path, chosen subpath by subpath as pdfminer does."""
    import pypdfium2.raw as pdfium_c

    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroke):
        return
    colour = None
    if fill_mode.value != 0:
        r, g, b, a = (ctypes.c_uint() for _ in range(4))
        if pdfium_c.FPDFPageObj_GetFillColor(obj, r, g, b, a):
            colour = tuple(round(v.value / 255, 3) for v in (r, g, b))
    matrix = _multiply(_matrix(obj), outer)
    x, y = ctypes.c_float(), ctypes.c_float()
    subpath: List[Tuple[str, Tuple[float, float]]] = []
    for i in range(max(0, pdfium_c.FPDFPath_CountSegments(obj))):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = _apply(matrix, x.value, y.value)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            _shape(subpath, height, colour, rules, pictures)
            subpath = [("m", point)]
            continue
        closes = pdfium_c.FPDFPathSegment_GetClose(segment)
        if closes and subpath and _same(point, subpath[0][1]):
            # PDFium keeps "h" as a segment back to the start, flagged closing: pdfminer's "h".
            subpath.append(("h", subpath[0][1]))
            continue
        subpath.append(("c" if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO else "l", point))
        if closes and subpath:
            subpath.append(("h", subpath[0][1]))
    _shape(subpath, height, colour, rules, pictures)


def _shape(subpath, height: float, colour, rules: List[Rule], pictures: List[Picture]) -> None:
    """pdfminer's test: one straight segment is a line; a closed axis-aligned four-sided
    subpath is a rectangle; anything else is a curve, which the layout does not use.

    PDFium reports a Bézier segment as three points: any "c" makes the subpath a curve.
    """
    if not subpath or subpath[0][0] != "m":
        return
    shape = "".join(op for op, _ in subpath)
    points = [point for _, point in subpath]
    if len(shape) > 3 and shape[-2:] == "lh" and _same(points[-2], points[0]):
        shape = shape[:-2] + "h"
        points.pop(-2)
    if shape in ("ml", "mlh"):
        (xa, ya), (xb, yb) = points[0], points[1]
        rules.append(Rule(min(xa, xb), height - max(ya, yb), max(xa, xb), height - min(ya, yb)))
        return
    if shape not in ("mlllh", "mllll"):
        return
    (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = points[:5]
    closed = _same(points[0], last)
    square = (_eq(x0, x1) and _eq(y1, y2) and _eq(x2, x3) and _eq(y3, y0)) or (
        _eq(y0, y1) and _eq(x1, x2) and _eq(y2, y3) and _eq(x3, x0))
    if not (closed and square):
        return
    left, right = min(x0, x2), max(x0, x2)
    top, bottom = height - max(y0, y2), height - min(y0, y2)
    short, long = sorted((right - left, bottom - top))
    if short < RULE_THICKNESS or long >= RULE_ASPECT * short:
        rules.append(Rule(left, top, right, bottom))
    else:
        pictures.append(Picture(left, top, right, bottom, framed=True, fill=colour))


def _eq(a: float, b: float) -> bool:
    # PDFium keeps path points as 32-bit floats: equal coordinates may differ in the last bits.
    return abs(a - b) < 1e-3


def _same(p: Tuple[float, float], q: Tuple[float, float]) -> bool:
    return _eq(p[0], q[0]) and _eq(p[1], q[1])


def _image_box(obj, outer: Matrix, height: float) -> Tuple[float, float, float, float]:
    """The image's unit square through its matrix, as pdfminer places an image."""
    matrix = _multiply(_matrix(obj), outer)
    corners = [_apply(matrix, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    return min(xs), height - max(ys), max(xs), height - min(ys)
