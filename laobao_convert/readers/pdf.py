"""The PDF reader: pypdf checks the file, pdfplumber gives each page's glyphs, rules and
pictures, and laobao_convert.layout turns them into text blocks in reading order.

Every failure of the PDF libraries is caught here and told as a PdfError or an
UnreadablePageError in one line; pdfplumber is imported only when a PDF is read.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import zlib
from dataclasses import dataclass
from typing import Callable, Iterator, List, Optional, Sequence, Tuple

from laobao_convert import limits
from laobao_convert.content import BBox, Document, Graphic, PageContent
from laobao_convert.errors import ConvertError, PdfError, UnreadablePageError
from laobao_convert.layout import LayoutState, PageGeometry, analyse_page, to_blocks
from laobao_convert.layout.geometry import Glyph, Picture, Rule
from laobao_convert.layout.typography import face_name, is_bold_face, to_rgb
from laobao_convert.model import SourceFile, Warning
from laobao_convert import readers
from laobao_convert.readers import ReadOptions, sha256
from laobao_convert.readers.images import PageImages

RULE_THICKNESS = 2.0
"""A rectangle thinner than this (points) is a rule, not a box."""
RULE_ASPECT = 40.0
"""A rectangle this many times longer than it is thick is a (heavy) rule too: the thick
coloured line under a masthead or a page header."""
BAD_SHARE = 0.25
"""A page whose glyphs are more than this share unreadable has no usable text layer."""
_INFLATE_CHUNK = 1 << 20
"""How much of a content stream is inflated at a time while its size is measured."""

_PAGE_NUMBER = re.compile(r"(?:\d{8}|[_\-\s.])(?:p|page)?0*(\d{1,3})$", re.IGNORECASE)


def number_from_name(name: str) -> Optional[int]:
    """The page number a per-page file's name carries: 20240424_03.pdf, rmrb2024042403.pdf."""
    stem = os.path.splitext(os.path.basename(name))[0]
    match = _PAGE_NUMBER.search(stem)
    if not match or not match.group(1):
        return None
    number = int(match.group(1))
    return number or None


def is_bad_glyph(text: str) -> bool:
    """An unmapped glyph: (cid:N), private use, or the replacement character."""
    if text.startswith("(cid:"):
        return True
    return any(0xE000 <= ord(c) <= 0xF8FF or ord(c) >= 0xF0000 or c == "\ufffd" for c in text)


@contextlib.contextmanager
def quiet_libraries() -> Iterator[None]:
    """The PDF libraries log every repair they make ("EOF marker not found"); what matters
    reaches the user as one error or warning, so their chatter is held back meanwhile."""
    loggers = [logging.getLogger(name) for name in ("pypdf", "pdfminer", "pdfplumber")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def open_checked(data: bytes, name: str) -> int:
    """Check the file with pypdf; returns its page count."""
    return len(checked_reader(data, name).pages)


def counted_reader(data: bytes):
    """pypdf's reader of the bytes, its pages counted unless it is encrypted (they cannot be
    before it is decrypted); raises what pypdf raises.

    The last file's (unencrypted) reader is kept: a file is parsed once per process, though
    its size is checked before it is read and a worker forked after the check reads a part of
    it. Only a reader whose pages were counted is kept, so a failure is met afresh each time.
    """
    known = _COUNTED
    if known and (known[0] is data or known[0] == data):
        return known[1]
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        return reader
    len(reader.pages)
    _COUNTED[:] = [data, reader]
    return reader


_COUNTED: list = []
"""[bytes, pypdf reader] of the last file counted_reader parsed."""


def checked_reader(data: bytes, name: str):
    """pypdf's reader of a file it has checked: decrypted if it can be, with at least a page."""
    from pypdf.errors import FileNotDecryptedError

    try:
        reader = counted_reader(data)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise PdfError("the PDF is encrypted with a password", where=name)
            except FileNotDecryptedError:
                raise PdfError("the PDF is encrypted with a password", where=name) from None
            except NotImplementedError:
                raise PdfError("the PDF is encrypted with an unsupported method", where=name) from None
        count = len(reader.pages)
    except ConvertError:
        raise
    except (Exception, RecursionError) as error:  # noqa: BLE001 - any parser failure is bad input
        raise PdfError(f"not a readable PDF ({_reason(error)})", where=name) from None
    if count == 0:
        raise PdfError("the PDF has no pages", where=name)
    return reader


def _reason(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:120]


def page_geometry(page, first_page: bool) -> Tuple[PageGeometry, int, int]:
    """Reduce a pdfplumber page to plain geometry; also counts (glyphs, unreadable glyphs)."""
    glyphs: List[Glyph] = []
    total = bad = 0
    fonts = {}
    colours = {}
    stroked = stroked_text_boxes(page)
    for char in page.chars:
        text = char.get("text") or ""
        if not text.isspace():
            total += 1
            if is_bad_glyph(text):
                bad += 1
                continue
        font = char.get("fontname") or ""
        known = fonts.get(font)
        if known is None:
            known = fonts[font] = (face_name(font), is_bold_face(font))
        face, bold = known
        top, bottom = char["top"], char["bottom"]
        if stroked and not bold:
            bold = _inside_any(stroked, (char["x0"] + char["x1"]) / 2, (top + bottom) / 2)
        raw = char.get("non_stroking_color")
        key = raw if isinstance(raw, (tuple, int, float, type(None))) else str(raw)
        colour = colours.get(key, False)
        if colour is False:
            colour = colours[key] = to_rgb(raw)
        glyphs.append(Glyph(text, char["x0"], top, char["x1"], bottom, char.get("size") or (bottom - top), bold,
                            face, colour))
    rules: List[Rule] = []
    pictures: List[Picture] = []
    for line in page.lines:
        rules.append(Rule(float(line["x0"]), float(line["top"]), float(line["x1"]), float(line["bottom"])))
    for rect in page.rects:
        x0, top, x1, bottom = (float(rect[k]) for k in ("x0", "top", "x1", "bottom"))
        short, long = sorted((x1 - x0, bottom - top))
        if short < RULE_THICKNESS or long >= RULE_ASPECT * short:
            rules.append(Rule(x0, top, x1, bottom))
        else:
            fill = to_rgb(rect.get("non_stroking_color")) if rect.get("fill") else None
            pictures.append(Picture(x0, top, x1, bottom, framed=True, fill=fill))
    for image in page.images:
        pictures.append(Picture(float(image["x0"]), float(image["top"]), float(image["x1"]), float(image["bottom"]),
                                image=True))
    geometry = PageGeometry(
        width=float(page.width),
        height=float(page.height),
        glyphs=tuple(glyphs),
        rules=tuple(rules),
        pictures=tuple(pictures),
        first_page=first_page,
    )
    return geometry, total, bad


_STROKE_MODE = re.compile(rb"(?<![\w.])[1256]\s+Tr\b")
"""Text rendering modes that stroke the glyph outline (1 stroke, 2 fill and stroke, 5 and 6
the same adding to the clip): a way to print a face heavier than it is."""


def stroked_text_boxes(page) -> Tuple[Tuple[float, float, float, float], ...]:
    """Boxes (x0, top, x1, bottom) of text drawn with a stroking rendering mode.

    pdfminer does not report the mode per glyph, so the page's content stream is first
    searched for such a mode (cheap, and almost never found); only then does PDFium, which
    pdfplumber already depends on, list the page's text objects with their modes.
    """
    try:
        from pdfminer.pdftypes import resolve1

        streams = page.page_obj.contents or []
        data = b"".join(resolve1(stream).get_data() for stream in streams)
    except Exception:  # noqa: BLE001 - a hint only: without it, weight comes from names
        return ()
    if not _STROKE_MODE.search(data):
        return ()
    try:
        return _pdfium_stroked_boxes(page)
    except Exception:  # noqa: BLE001 - as above
        return ()


def _pdfium_stroked_boxes(page) -> Tuple[Tuple[float, float, float, float], ...]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    document = pdfium.PdfDocument(page.pdf.stream)
    try:
        pdf_page = document[page.page_number - 1]
        height = pdf_page.get_height()
        boxes = []
        for obj in pdf_page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_TEXT,)):
            if pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw) in (1, 2, 5, 6):
                bounds = getattr(obj, "get_bounds", None) or obj.get_pos  # pypdfium2 5 and 4
                left, bottom, right, top = bounds()
                boxes.append((left, height - top, right, height - bottom))
        return tuple(boxes)
    finally:
        document.close()


def _inside_any(boxes, x: float, y: float) -> bool:
    return any(x0 - 0.5 <= x <= x1 + 0.5 and top - 0.5 <= y <= bottom + 0.5 for x0, top, x1, bottom in boxes)


def check_page_size(page, label: str, base: str) -> None:
    """Refuse a page too big to read, before pdfplumber parses it (its stream size) and before
    it is laid out (its glyph count)."""
    most = limits.MAX_PAGE_BYTES
    if content_size(page, most) > most:
        raise PdfError(f"{label} is too big to read: its content inflates to more than {most:,} bytes "
                       "(LAOBAO_CONVERT_MAX_PAGE_BYTES)", where=base)
    glyphs, most = len(page.chars), limits.MAX_PAGE_GLYPHS
    if glyphs > most:
        raise PdfError(f"{label} is too big to read: {glyphs:,} glyphs, more than {most:,} "
                       "(LAOBAO_CONVERT_MAX_PAGE_GLYPHS)", where=base)


def content_size(page, limit: int) -> int:
    """The inflated size of a page's content streams, counted only up to just past `limit` so
    that a decompression bomb is found without being inflated."""
    from pdfminer.pdftypes import resolve1

    total = 0
    for reference in page.page_obj.contents or []:
        total += _inflated_size(resolve1(reference), limit - total + 1)
        if total > limit:
            break
    return total


def _inflated_size(stream, budget: int) -> int:
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE

    filters = stream.get_filters()
    if stream.data is not None or len(filters) != 1 or filters[0][0] not in LITERALS_FLATE_DECODE or filters[0][1]:
        # Rare in page content: decoded whole, the address-space limit of workers still holds.
        return len(stream.get_data())
    return inflated_size(stream.rawdata, budget)


def inflated_size(deflated: bytes, budget: int) -> int:
    """The size of Flate-compressed bytes once inflated, counted only up to just past `budget`."""
    inflater = zlib.decompressobj()
    size, pending = 0, deflated
    try:
        while pending and size <= budget:
            size += len(inflater.decompress(pending, _INFLATE_CHUNK))
            pending = inflater.unconsumed_tail
    except zlib.error:
        pass  # damage is the parser's to repair or report; only the size is asked here
    return size


def _pages(data: bytes, name: str) -> Iterator[object]:
    """pdfplumber's pages, one at a time; any failure to parse the file is a PdfError."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data), password="")
    except (Exception, RecursionError) as error:  # noqa: BLE001 - any parser failure is bad input
        raise PdfError(f"not a readable PDF ({_reason(error)})", where=name) from None
    try:
        try:
            pages = pdf.pages
        except (Exception, RecursionError) as error:  # noqa: BLE001
            raise PdfError(f"not a readable PDF ({_reason(error)})", where=name) from None
        yield from pages
    finally:
        try:
            pdf.close()  # walks the pages again: may fail on the same damage
        except (Exception, RecursionError):  # noqa: BLE001 - the file is released either way
            pass


PageReader = Callable[[str, bool], Tuple[PageGeometry, int, int]]
"""Reads one page: (its label, whether it may carry the masthead) -> (geometry, glyphs,
unreadable glyphs). Called once, then the page is freed."""


def _pdfplumber_pages(data: bytes, base: str, reader) -> Iterator[PageReader]:
    for page in _pages(data, base):
        def read(label: str, first_page: bool, page=page) -> Tuple[PageGeometry, int, int]:
            check_page_size(page, label, base)
            return page_geometry(page, first_page=first_page)

        try:
            yield read
        finally:
            page.close()  # frees the page's parsed objects: memory stays flat over an issue


def _pdfium_pages(data: bytes, base: str, reader) -> Iterator[PageReader]:
    from laobao_convert.readers import pdfium

    document = pdfium.open_document(data, base)
    try:
        # pypdf, which checked the file, and PDFium may repair damage differently: only the
        # pages both found are read, numbered as pypdf counts them.
        for index in range(min(len(reader.pages), len(document))):
            def read(label: str, first_page: bool, index=index) -> Tuple[PageGeometry, int, int]:
                most = limits.MAX_PAGE_BYTES
                if pdfium.content_size(reader.pages[index], most) > most:
                    raise PdfError(f"{label} is too big to read: its content inflates to more than {most:,} "
                                   "bytes (LAOBAO_CONVERT_MAX_PAGE_BYTES)", where=base)
                page = document[index]
                try:
                    return pdfium.page_geometry(page, first_page, label, base)
                finally:
                    page.close()

            yield read
    finally:
        document.close()


def read_pdf(data: bytes, name: str, options: ReadOptions = ReadOptions()) -> Document:
    """Read a whole-issue PDF or one page of an issue."""
    base = os.path.basename(name)
    return join_parts(data, base, (read_pdf_part(data, base, options),), options)


@dataclass(frozen=True)
class PdfPart:
    """Some consecutive pages of a PDF, read: what join_parts makes one Document of."""

    pages: Tuple[PageContent, ...]
    warnings: Tuple[Warning, ...]
    count: int
    """The file's page count (pypdf's)."""
    ocr_jobs: Tuple = ()
    """Pages to read from their image instead (laobao_convert.readers.ocr): OCR runs when the
    parts are joined, so that it can spread all of a file's scanned pages over --jobs."""


def read_pdf_part(data: bytes, name: str, options: ReadOptions = ReadOptions(), first: int = 0,
                  stop: Optional[int] = None) -> PdfPart:
    """Pages first..stop-1 (stop None: to the end) of a PDF, read as a whole read reads them:
    the same labels, numbers and errors, the first error in page order raised. Parts of one
    file read apart (in several processes) and joined in order make the whole read."""
    with quiet_libraries():
        return _read(data, os.path.basename(name), options, first, stop)


def join_parts(data: bytes, name: str, parts: Sequence[PdfPart], options: ReadOptions = ReadOptions()) -> Document:
    """The Document of a PDF's parts, given in page order and covering every page."""
    base = os.path.basename(name)
    pages = tuple(page for part in parts for page in part.pages)
    ocr_jobs = [job for part in parts for job in part.ocr_jobs]
    if ocr_jobs:
        from laobao_convert.readers import ocr

        return ocr.document_of(ocr_jobs, ocr.read_pages(ocr_jobs, options), data, base, "pdf",
                               born_digital=[(page.index, page) for page in pages],
                               warnings=[warning for part in parts for warning in part.warnings])
    if not pages and parts and parts[0].count:
        # Every page was skipped: there is nothing to convert.
        raise UnreadablePageError(f"no page of {base} has a readable text layer", where=base)
    return Document(
        pages=pages,
        source=SourceFile(name=base, sha256=sha256(data), pages=len(pages)),
        warnings=tuple(warning for part in parts for warning in part.warnings),
        kind="pdf",
    )


def _read(data: bytes, base: str, options: ReadOptions, first: int, stop: Optional[int]) -> PdfPart:
    reader = checked_reader(data, base)
    count = len(reader.pages)
    hint = number_from_name(base) if count == 1 else None
    engine = _pdfplumber_pages if (options.pdf_engine or readers.DEFAULT_PDF_ENGINE) == "pdfplumber" else _pdfium_pages
    # The PDF's readers are closed as the read is left, however it is left: a run stopped
    # mid-page (Ctrl-C, SIGTERM) frees them now, not when the collector finds them at exit,
    # after PDFium is gone. Photos and the cover are taken out only when asked (a writer
    # shows them).
    with contextlib.ExitStack() as stack:
        page_readers = stack.enter_context(contextlib.closing(engine(data, base, reader)))
        pictures = stack.enter_context(contextlib.closing(PageImages(data))) if options.images or options.cover else None
        return _pages_read(page_readers, data, base, options, first, stop, count, hint, pictures)


def _pages_read(page_readers: Iterator[PageReader], data: bytes, base: str, options: ReadOptions, first: int,
                stop: Optional[int], count: int, hint: Optional[int], pictures: Optional[PageImages]) -> PdfPart:
    pages: List[PageContent] = []
    warnings: List[Warning] = []
    ocr_jobs: list = []  # pages read from their image instead (laobao_convert.readers.ocr)
    for index, read_page in enumerate(page_readers):
        if index < first:
            continue  # another part's: not parsed
        if stop is not None and index >= stop:
            break
        number = hint if count == 1 else index + 1
        label = f"page {number if number is not None else index + 1}"
        if options.ocr == "always":
            ocr_jobs.append(_ocr_job(data, base, index, label, number))
            continue
        try:
            geometry, total, bad = read_page(label, number == 1 or (number is None and index == 0))
            width, height = geometry.width, geometry.height
        except ConvertError:
            raise
        except MemoryError:
            raise PdfError(f"{label} needs more memory than allowed to read", where=base) from None
        except (Exception, RecursionError) as error:  # noqa: BLE001
            raise PdfError(f"{label} cannot be read ({_reason(error)})", where=base) from None
        problem = unreadable(total, bad)
        if problem and options.ocr == "auto":
            ocr_jobs.append(_ocr_job(data, base, index, label, number))
            continue
        if problem:
            message = f"{label} of {base} {problem}"
            if not options.skip_bad_pages:
                raise UnreadablePageError(message, where=base, page=number)
            warnings.append(Warning("unreadable-page", f"{message}; skipped", page=number))
            continue
        if bad:
            warnings.append(
                Warning("dropped-text", f"{label} of {base}: {bad} unreadable glyph(s) left out", page=number)
            )
        try:
            state = analyse_page(geometry)
        except (Exception, RecursionError) as error:  # noqa: BLE001 - never a traceback for an input
            raise PdfError(f"{label} could not be laid out ({_reason(error)})", where=base) from None
        drawn, cover = graphics(state), None
        if pictures is not None:
            drawn, cover = _pictures(pictures, options, index, drawn, geometry.first_page, label, base)
        pages.append(
            PageContent(
                blocks=to_blocks(state.pieces),
                source=base,
                index=index,
                number_hint=number,
                width=float(width),
                height=float(height),
                body_size=state.body or None,
                graphics=drawn,
                cover=cover,
            )
        )
    return PdfPart(tuple(pages), tuple(warnings), count, tuple(ocr_jobs))


def _ocr_job(data: bytes, base: str, index: int, label: str, number: Optional[int]):
    from laobao_convert.readers.ocr import PageJob

    return PageJob(data, base, index, label, number, number == 1 or (number is None and index == 0), True)


def _pictures(pictures: PageImages, options: ReadOptions, index: int, drawn: Tuple[Graphic, ...], first: bool,
              label: str, base: str):
    """The page's photos given their images, and the page rendered when it is the cover."""
    try:
        if options.images:
            drawn = pictures.photos(index, drawn)
        return drawn, (pictures.cover(index) if options.cover and first else None)
    except MemoryError:
        raise PdfError(f"{label} needs more memory than allowed to render", where=base) from None
    except (Exception, RecursionError) as error:  # noqa: BLE001
        raise PdfError(f"{label} cannot be rendered ({_reason(error)})", where=base) from None


def graphics(state: LayoutState) -> Tuple[Graphic, ...]:
    """The layout's rules and pictures, kept on the page for --debug-dir; each picture with
    the caption frames bound to it. A photo is an image object with a caption: a logo in the
    masthead or an image drawn as a rule has none, and tiny ones are not pictures at all."""
    rules = tuple(Graphic("rule", BBox(r.x0, r.top, r.x1, r.bottom)) for r in state.rules)
    bound = state.picture_captions or ((),) * len(state.pictures)
    return rules + tuple(
        Graphic("frame" if p.framed else "picture", BBox(p.x0, p.top, p.x1, p.bottom), captions=captions,
                photo=p.image and not p.framed and bool(captions))
        for p, captions in zip(state.pictures, bound)
    )


def unreadable(total: int, bad: int) -> Optional[str]:
    """Why a page's text layer is unusable, or None."""
    if total == 0:
        return "has no text layer (a scanned page?)"
    if bad > BAD_SHARE * total:
        return "has no readable text layer (its glyphs have no Unicode mapping)"
    return None
