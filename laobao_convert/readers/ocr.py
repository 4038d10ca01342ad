"""The OCR reader: scanned pages (image-only PDF pages, PNG, JPEG or TIFF page images) ->
PageContent through the same layout engine and parser as a born-digital PDF.

Each page image is trimmed of its blank margins, read by RapidOCR (laobao_convert.readers.
ocr_engine), straightened and turned the right way up, measured for rules, pictures and heavy
lines (ocr_image), and its lines become glyphs (ocr_geometry) that laobao_convert.layout lays out
exactly as it lays out a PDF page's. How sure the recogniser was is kept per page: doubtful lines
are named in an info note, a doubtful page or input gets a warning (so --strict refuses it).
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from laobao_convert.content import Document, PageContent
from laobao_convert.errors import ConvertError, InputError, PdfError, UnreadablePageError
from laobao_convert.layout import PageGeometry
from laobao_convert.layout.geometry import Picture, Rule
from laobao_convert.model import LOW_CONFIDENCE, SourceFile, Warning
from laobao_convert.readers import ReadOptions, sha256
from laobao_convert.readers import ocr_engine, ocr_geometry, ocr_image
from laobao_convert.readers.ocr_engine import OcrPage

LONG_SIDE = 2600
"""Pixels along a page's long side when it is rendered for OCR: body type of a broadsheet
(9-10 pt on 430 mm) is then about 20 pixels high, which PP-OCR reads reliably; more costs time
(detection grows with the area) and reads no better."""
MIN_DPI, MAX_DPI = 100.0, 300.0
"""A small page is not rendered finer than this, nor a huge one coarser."""
LOW_LINE = LOW_CONFIDENCE
"""A line read with less confidence than this is doubtful, and named."""
LOW_PAGE = 0.9
"""A page (or input) whose mean confidence, by characters, is below this gets a warning."""
IMAGE_FORMATS = ("PNG", "JPEG", "TIFF")
MAX_IMAGE_PIXELS = 200_000_000
"""A page image larger than this (a 600 dpi A0 scan is 100 Mpx) is refused, not read."""


@dataclass(frozen=True)
class OcrResult:
    """One page read by OCR: its geometry (None when nothing could be read), the warnings it
    earned, and its characters' confidences summed (for the input's mean)."""

    geometry: Optional[PageGeometry]
    warnings: Tuple[Warning, ...] = ()
    chars: int = 0
    confidence: float = 0.0
    """The sum over characters of their line's confidence."""


# --- page images ------------------------------------------------------------------------------


def is_image(data: bytes) -> bool:
    return data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*"))


def render_dpi(width_pt: float, height_pt: float, native_dpi: Optional[float] = None) -> float:
    """The resolution a page is rendered at: LONG_SIDE pixels on its long side, never finer
    than the scan inside it (that adds pixels, not detail)."""
    dpi = LONG_SIDE * 72.0 / max(width_pt, height_pt, 1.0)
    if native_dpi:
        dpi = min(dpi, native_dpi)
    return max(MIN_DPI, min(MAX_DPI, dpi))


def open_images(data: bytes, name: str) -> List[Tuple[object, float, float]]:
    """A page image file's frames (a TIFF may hold several pages) as (grey PIL image, width
    and height in points). Without a resolution in the file, 150 dpi is assumed."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        image = Image.open(io.BytesIO(data))
        frames = []
        for index in range(getattr(image, "n_frames", 1)):
            image.seek(index)
            dpi = image.info.get("dpi") or (150, 150)
            try:
                dpi_x, dpi_y = (float(v) or 150.0 for v in dpi)
            except (TypeError, ValueError):
                dpi_x = dpi_y = 150.0
            if dpi_x < 50 or dpi_y < 50:  # a nonsense resolution (72 written by default, or 1)
                dpi_x = dpi_y = 150.0
            grey = _scaled(image.convert("L"), dpi_x)
            frames.append((grey, image.width * 72.0 / dpi_x, image.height * 72.0 / dpi_y))
        return frames
    except (Exception, Image.DecompressionBombError) as error:  # noqa: BLE001 - any decoder failure is bad input
        raise InputError(f"not a readable image ({' '.join(str(error).split())[:120]})", where=name) from None


def _scaled(grey, dpi: float):
    """An image scanned finer than OCR needs is reduced to what render_dpi would give."""
    wanted = render_dpi(grey.width * 72.0 / dpi, grey.height * 72.0 / dpi, dpi)
    if wanted >= dpi * 0.95:
        return grey
    from PIL import Image

    factor = wanted / dpi
    return grey.resize((max(1, round(grey.width * factor)), max(1, round(grey.height * factor))), Image.LANCZOS)


def render_pdf_page(data: bytes, index: int, name: str):
    """Page `index` of a PDF as a grey PIL image, with its size in points."""
    from laobao_convert.readers import pdfium

    document = pdfium.open_document(data, name)
    try:
        page = document[index]
        try:
            width, height = page.get_size()
            dpi = render_dpi(width, height, _native_dpi(page, width, height))
            image = page.render(scale=dpi / 72.0, grayscale=True).to_pil()
        finally:
            page.close()
    finally:
        document.close()
    return image, float(width), float(height)


def _native_dpi(page, width: float, height: float) -> Optional[float]:
    """The resolution of the one image that fills the page (a scan), or None."""
    try:
        import pypdfium2.raw as pdfium_c

        images = list(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=1))
        if len(images) != 1:
            return None
        pixels_wide, _ = images[0].get_px_size()
        left, bottom, right, top = images[0].get_bounds() if hasattr(images[0], "get_bounds") else images[0].get_pos()
        if (right - left) < 0.8 * width or (top - bottom) < 0.8 * height:
            return None
        return pixels_wide * 72.0 / (right - left)
    except Exception:  # noqa: BLE001 - a hint only
        return None


# --- one page ---------------------------------------------------------------------------------


def read_page(image, width_pt: float, height_pt: float, first_page: bool, label: str, number: Optional[int],
              recognised: Optional[OcrPage] = None) -> OcrResult:
    """One grey page image -> its geometry in points. `recognised`: OCR already done on this
    image (tests and tuning); otherwise the engine reads it."""
    grey = ocr_image.grey_array(image)
    box = ocr_image.content_box(grey)
    if box is None:
        return OcrResult(None, (Warning("blank-page", f"{label} is blank; skipped", page=number),))
    if recognised is None:
        x0, top, x1, bottom = box
        crop = grey[top:bottom, x0:x1]
        found = ocr_engine.recognise(ocr_engine.rgb_of_grey(crop))
        recognised = ocr_engine.shifted(found, x0, top, grey.shape[1], grey.shape[0])
    lines = recognised.lines
    if not lines:
        # A page of photos is a page a paper prints: it is skipped with a warning, not refused
        # (an input with no readable page at all still fails, in document_of).
        return OcrResult(None, (Warning("no-text-page", f"{label} holds no text OCR could read (a photo page?); "
                                                        "skipped", page=number),))
    warnings: List[Warning] = []
    angle = ocr_geometry.skew_angle(lines)
    turned = ocr_geometry.upside_down(lines)
    if turned:
        warnings.append(Warning("upside-down", f"{label} was scanned upside down; read turned round", page=number))
    matrix = ocr_geometry.straightening(grey.shape[1], grey.shape[0], angle, turned)
    placed = ocr_geometry.place(lines, matrix)
    straight = ocr_image.straighten(grey, matrix)
    sizes = ocr_geometry.snap_sizes(ocr_geometry.line_sizes(placed))
    marks = ocr_image.find_marks(straight, placed, sizes)
    scale = width_pt / grey.shape[1]  # square pixels: PDF renders and page images alike
    glyphs = []
    for line, size, bold, reversed_ in zip(placed, sizes, marks.bold, marks.reversed):
        glyphs.extend(ocr_geometry.glyphs_of(line, size, scale, bold, (1.0, 1.0, 1.0) if reversed_ else None))
    rules = tuple(Rule(x0 * scale, top * scale, x1 * scale, bottom * scale) for x0, top, x1, bottom in marks.rules)
    pictures = tuple(
        Picture(x0 * scale, top * scale, x1 * scale, bottom * scale, framed=framed,
                fill=(tone, tone, tone) if framed and tone is not None else None)
        for (x0, top, x1, bottom), framed, tone in marks.pictures
    )
    geometry = PageGeometry(width=width_pt, height=height_pt, glyphs=tuple(glyphs), rules=rules, pictures=pictures,
                            first_page=first_page)
    chars = sum(len(line.text) for line in placed)
    confidence = sum(len(line.text) * line.confidence for line in placed)
    warnings.extend(confidence_notes(placed, label, number))
    return OcrResult(geometry, tuple(warnings), chars, confidence)


def confidence_notes(lines: Sequence[ocr_geometry.PlacedLine], label: str, number: Optional[int]) -> List[Warning]:
    """An info note naming the doubtful lines; a warning when the page as a whole is doubtful."""
    notes = []
    doubtful = [line for line in lines if line.confidence < LOW_LINE]
    if doubtful:
        shown = "; ".join(f"{line.text[:20]!r} ({line.confidence:.2f})" for line in doubtful[:5])
        more = f" and {len(doubtful) - 5} more" if len(doubtful) > 5 else ""
        notes.append(Warning("ocr-doubtful-lines", f"{label}: {len(doubtful)} line(s) read with low confidence: "
                                                   f"{shown}{more}", page=number, level="info"))
    chars = sum(len(line.text) for line in lines)
    mean = sum(len(line.text) * line.confidence for line in lines) / chars if chars else 1.0
    if mean < LOW_PAGE:
        notes.append(Warning("ocr-low-confidence", f"{label} was read with low confidence (mean {mean:.2f}); "
                                                   "check its text", page=number))
    return notes


# --- whole inputs -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PageJob:
    """One page to OCR, self-contained so that it can run in a worker process."""

    data: bytes
    name: str
    index: int
    label: str
    number: Optional[int]
    first_page: bool
    pdf: bool
    threads: int = 0


def page_job(job: PageJob) -> Tuple[Optional[OcrResult], Optional[ConvertError]]:
    """Read one page; a failure comes back as a value (workers must not raise)."""
    try:
        ocr_engine.set_threads(job.threads)
        if job.pdf:
            image, width, height = render_pdf_page(job.data, job.index, job.name)
        else:
            image, width, height = open_images(job.data, job.name)[job.index]
        return read_page(image, width, height, job.first_page, job.label, job.number), None
    except ConvertError as error:
        return None, error
    except MemoryError:
        return None, PdfError(f"{job.label} needs more memory than allowed to read", where=job.name)
    except (Exception, RecursionError) as error:  # noqa: BLE001 - never a traceback for an input
        return None, InputError(f"{job.label} could not be read by OCR ({' '.join(str(error).split())[:120]})",
                                where=job.name)


def read_pages(jobs: Sequence[PageJob], options: ReadOptions) -> List[OcrResult]:
    """OCR several pages, spread over `options.page_jobs` processes, with a line per page on a
    terminal (a page takes tens of seconds)."""
    from laobao_convert import batch

    if jobs and not ocr_engine.available():
        what = "has no text layer (a scanned page?)" if jobs[0].pdf else "is an image"
        raise UnreadablePageError(f"{jobs[0].label} {what}: reading it {ocr_engine.INSTALL_HINT[4:]}",
                                  where=jobs[0].name, page=jobs[0].number)
    workers = max(1, min(options.page_jobs, len(jobs)))
    if workers > 1:
        threads = max(1, batch.default_jobs() // workers)
        jobs = [PageJob(**{**job.__dict__, "threads": threads}) for job in jobs]
    results = []
    for done, (job, (result, error)) in enumerate(zip(jobs, batch.run_jobs(page_job, list(jobs), workers)), 1):
        if error is not None:
            raise error
        if options.progress:
            print(f"OCR {job.name}: {job.label} read ({done}/{len(jobs)})", file=sys.stderr, flush=True)
        results.append(result)
    return results


def laid_out(result: OcrResult, name: str, index: int, number: Optional[int], label: str) -> PageContent:
    """An OCRed page through the layout engine, as the PDF reader lays out its pages."""
    from laobao_convert.readers.placed import laid_out as lay_out

    return lay_out(result.geometry, name, index, number, label)


def input_warning(results: Sequence[OcrResult], name: str) -> Tuple[Warning, ...]:
    """A warning when the input as a whole was read with low confidence."""
    chars = sum(r.chars for r in results)
    if not chars:
        return ()
    mean = sum(r.confidence for r in results) / chars
    if mean >= LOW_PAGE:
        return ()
    return (Warning("ocr-low-confidence", f"{name} was read by OCR with low confidence (mean {mean:.2f})"),)


def read_images(data: bytes, name: str, options: ReadOptions = ReadOptions()) -> Document:
    """A page image file (PNG, JPEG, TIFF; a TIFF may hold several pages) -> Document."""
    from laobao_convert.readers.pdf import number_from_name

    if options.ocr == "never":
        raise InputError("a page image can only be read by OCR, and --ocr never was given", where=name)
    frames = open_images(data, name)
    hint = number_from_name(name) if len(frames) == 1 else None
    jobs = []
    for index in range(len(frames)):
        number = hint if len(frames) == 1 else index + 1
        label = f"page {number if number is not None else index + 1}"
        jobs.append(PageJob(data, name, index, label, number, number == 1 or (number is None and index == 0), False))
    del frames
    return document_of(jobs, read_pages(jobs, options), data, name, "image")


def document_of(jobs: Sequence[PageJob], results: Sequence[OcrResult], data: bytes, name: str, kind: str,
                born_digital: Sequence[Tuple[int, PageContent]] = (), warnings: Sequence[Warning] = ()) -> Document:
    """The pages read by OCR, with any read from a text layer, in page order."""
    pages = list(born_digital)
    notes = list(warnings)
    for job, result in zip(jobs, results):
        notes.extend(result.warnings)
        if result.geometry is not None:
            pages.append((job.index, laid_out(result, name, job.index, job.number, job.label)))
    pages.sort(key=lambda item: item[0])
    if not pages:
        raise UnreadablePageError("no page has a text layer or text OCR could read", where=name)
    notes.extend(input_warning(results, name))
    return Document(pages=tuple(page for _, page in pages),
                    source=SourceFile(name=name, sha256=sha256(data), pages=len(pages)),
                    warnings=tuple(notes), kind=kind)
