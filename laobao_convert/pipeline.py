"""One issue, start to end: inputs' bytes -> Documents -> parsed issue -> conservation check ->
--strict -> rendered bytes.

Rendering goes to memory, so a failing writer never leaves a partial file; writing the bytes
(atomically) and running many issues are laobao_convert.run's job.
"""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass
from typing import Optional, Sequence, Tuple

from laobao_convert.batch import Identity, InputRef
from laobao_convert.content import Document
from laobao_convert.errors import InputError, NotANewspaperError, PdfError, StrictError
from laobao_convert.figures import with_figures, with_files
from laobao_convert.page_places import with_page_places
from laobao_convert.model import Issue, Provenance, SourceFile, Warning, nonspace

MAX_TEXT_BYTES = 8 * 1024 * 1024
"""A whole issue's extracted text is a few hundred kilobytes; far more is not an issue."""

LAID_OUT = ("pdf", "image", "alto", "mets")
"""Document kinds whose boxes are places on a printed page (a PDF page, a scan, an archive's
ALTO), not made up from text (pdftotext -layout's character grid is laid out, but its boxes
are the grid's, so no archive could show a passage on the page by them)."""

MAX_PDF_PAGES = 400
"""The thickest special issues run to a few dozen pages; thousands mean a wrong or hostile file."""


@dataclass(frozen=True)
class Settings:
    """What the command line decided, for every issue of a run."""

    format: str
    template_dir: Optional[str] = None
    strict: bool = False
    skip_bad_pages: bool = False
    debug: bool = False
    pdf_engine: Optional[str] = None
    """--pdf-engine; None: the readers' default."""
    ocr: str = "auto"
    """--ocr: auto, always or never (laobao_convert.readers.OCR_MODES)."""
    page_jobs: int = 1
    """Processes the pages of one input read by OCR are spread over."""
    progress: bool = False
    """A line on standard error per page read by OCR."""
    image_dir: Optional[str] = None
    """--images: the folder each photo's image file is written to, relative to the output's
    folder (to the working directory for standard output); None: no image files."""
    images: Optional[bool] = None
    """Take photos out of PDF pages; None: when the format shows them (its writer says
    `shows_images`, as the EPUB and HTML do) or image files are asked for."""
    cover: Optional[bool] = None
    """Render a PDF's page one as the cover; None: when the format's writer says `has_cover`."""

    def wants(self, feature: str) -> bool:
        """Whether reading must give `feature` ("images" or "cover") for this run's format."""
        asked = getattr(self, feature)
        if asked is not None:
            return asked
        if feature == "images" and self.image_dir is not None:
            return True
        from laobao_convert.errors import ConvertError
        from laobao_convert.registry import get_writer

        try:
            writer = get_writer(self.format)
        except ConvertError:
            return False
        return bool(getattr(writer, "shows_images" if feature == "images" else "has_cover", False))


# --- reading --------------------------------------------------------------------------------


def read_document(ref: InputRef, settings: Settings, stdin_data: bytes = b"") -> Document:
    """One input -> its Document. Standard input cannot be read twice, so its bytes are given."""
    return load_document(input_bytes(ref, stdin_data), ref, settings)


def input_bytes(ref: InputRef, stdin_data: bytes = b"") -> bytes:
    """An input's bytes: standard input's as given, or the file's."""
    return stdin_data if ref.is_stdin else read_bytes(ref)


def read_bytes(ref: InputRef) -> bytes:
    """An input file's bytes; a missing or unreadable file is an InputError naming it."""
    try:
        with open(ref.path, "rb") as stream:
            return stream.read()
    except IsADirectoryError:
        raise InputError("is a directory", where=ref.display) from None
    except FileNotFoundError:
        raise InputError("no such file", where=ref.display) from None
    except PermissionError:
        raise InputError("permission denied", where=ref.display) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", where=ref.display) from None


def load_document(data: bytes, ref: InputRef, settings: Settings) -> Document:
    """Bytes -> Document, with the size limits that keep hostile input bounded."""
    from laobao_convert.readers import is_pdf, read_input

    from laobao_convert.readers.ocr import is_image

    from laobao_convert.readers.mets import is_mets, is_mets_zip

    if is_mets(data) or is_mets_zip(data):
        return _read_mets(data, ref, settings.wants("images"))
    if is_pdf(data):
        _check_pdf_size(data, ref)
    elif is_image(data):
        pass  # a page image: its size in pixels is checked when it is opened
    elif ref.path is not None and ref.path.suffix.lower() == ".xml" and data.strip() and not _is_alto(data):
        # Read as text it would be refused as no newspaper page, which would not say why.
        raise InputError(f"not ALTO or METS XML (it starts with {_opening(data)})", where=ref.display)
    elif ref.path is not None and ref.path.suffix.lower() == ".pdf" and data.strip():
        # The content decides how a file is read, but a file that claims to be a PDF and is
        # not (an HTML error page saved by a download script) is a failed download, not text.
        raise PdfError(f"not a PDF (it starts with {_opening(data)})", where=ref.display)
    elif len(data) > MAX_TEXT_BYTES:
        raise InputError(
            f"text input too large ({len(data) / 1048576:.1f} MB; the limit is "
            f"{MAX_TEXT_BYTES // 1048576} MB, far more than an issue)",
            where=ref.display,
        )
    return _with_pages(read_input(data, _name(ref), read_options(settings)), ref)


def _is_alto(data: bytes) -> bool:
    from laobao_convert.readers.alto_xml import looks_like_alto

    return looks_like_alto(data)


def read_options(settings: Settings):
    """What the readers need of the run's settings."""
    from laobao_convert.readers import ReadOptions

    return ReadOptions(skip_bad_pages=settings.skip_bad_pages, pdf_engine=settings.pdf_engine,
                       ocr=settings.ocr, page_jobs=settings.page_jobs, progress=settings.progress,
                       images=settings.wants("images"), cover=settings.wants("cover"))


def _read_mets(data: bytes, ref: InputRef, images: bool = False) -> Document:
    from laobao_convert.readers import sha256
    from laobao_convert.readers.mets import read_mets

    name = ref.path.name if ref.path is not None else "stdin"
    source = SourceFile(name=name, sha256=sha256(data), pages=0)
    document = read_mets(data, ref.display, ref.path, source, images)
    source = dataclasses.replace(source, pages=len(document.pages))
    return dataclasses.replace(document, source=source,
                               issue=dataclasses.replace(document.issue, provenance=_provenance(source)))


def _provenance(source: SourceFile) -> Provenance:
    from laobao_convert import __version__

    return Provenance(sources=(source,), version=__version__)


def _opening(data: bytes) -> str:
    head = data.lstrip()[:12]
    if all(32 <= b < 127 for b in head):
        return repr(head.decode("ascii"))
    return "bytes " + head[:8].hex(" ")


def _check_pdf_size(data: bytes, ref: InputRef) -> None:
    # Counting pages with pypdf is cheap next to laying them out; refuse before the expensive
    # part. A file pypdf cannot open at all is left to the PDF reader, which says why.
    try:
        count = _page_count(data)
    except RecursionError:
        raise InputError("damaged PDF: objects nested too deeply", where=ref.display) from None
    except Exception:
        return
    if count > MAX_PDF_PAGES:
        raise InputError(
            f"PDF has {count} pages, more than any issue (limit {MAX_PDF_PAGES})", where=ref.display
        )


def _page_count(data: bytes) -> int:
    from laobao_convert.readers.pdf import counted_reader

    return len(counted_reader(data).pages)


def pdf_page_count(data: bytes) -> Optional[int]:
    """The pages of a PDF input that load_document would read, so that parts of them can be
    read apart (read_pdf_pages); None for anything load_document refuses or is not a PDF."""
    from laobao_convert.readers import is_pdf

    if not is_pdf(data):
        return None
    try:
        count = _page_count(data)
    except (Exception, RecursionError):  # noqa: BLE001 - the whole read reports it
        return None
    return count if count <= MAX_PDF_PAGES else None


def read_pdf_pages(data: bytes, ref: InputRef, settings: Settings, first: int, stop: Optional[int]):
    """Pages first..stop-1 (None: to the end) of a PDF input pdf_page_count has counted, as a
    PdfPart; the parts joined in page order (join_pdf_pages) are load_document's Document,
    and the first of them to raise raises what load_document would."""
    from laobao_convert.readers.pdf import read_pdf_part

    return read_pdf_part(data, _name(ref), read_options(settings), first, stop)


def join_pdf_pages(data: bytes, ref: InputRef, parts: Sequence, settings: Settings) -> Document:
    """The Document of a PDF input read in parts (read_pdf_pages), given in page order; its
    scanned pages, if any, read by OCR here."""
    from laobao_convert.readers.pdf import join_parts

    return _with_pages(join_parts(data, _name(ref), parts, read_options(settings)), ref)


def _name(ref: InputRef) -> str:
    return ref.path.name if ref.path is not None else "stdin"


def _with_pages(document: Document, ref: InputRef) -> Document:
    if not document.pages:
        raise InputError("no pages found", where=ref.display)
    return document


def identify(document: Document, ref: InputRef) -> Identity:
    """What an input says about itself (date, issue number, pages), for grouping."""
    from laobao_convert.parse import identify as identify_document

    if document.issue is not None:
        # The input says what it is (METS/ALTO): no need to guess from its text.
        issue = document.issue
        date = issue.masthead.date or next((p.date for p in issue.pages if p.date), None)
        return Identity(ref=ref, date=date, issue_number=issue.masthead.issue_number,
                        page_numbers=tuple(p.number for p in issue.pages), digest=text_digest(document),
                        sha256=document.source.sha256)
    key = identify_document(document)
    if not key.newspaper:
        raise NotANewspaperError(
            "not a newspaper page (no masthead, page header, date, issue number or news article)",
            where=ref.display,
        )
    return Identity(ref=ref, date=key.date, issue_number=key.issue_number, page_numbers=tuple(key.page_numbers),
                    digest=text_digest(document), sha256=document.source.sha256)


def text_digest(document: Document) -> Optional[str]:
    """A checksum of the document's text, page by page; None when it holds no text. The text,
    not the bytes: a page saved twice by different tools is still the same page. Each page's
    lines are taken sorted, because the reader's order may depend on the number a file's name
    gives the page."""
    import hashlib

    digest = hashlib.sha256()
    found = False
    for page in document.pages:
        lines = sorted(line.text.strip() for block in page.blocks for line in block.lines)
        lines = [line for line in lines if line]
        found = found or bool(lines)
        digest.update(("\f" + "\n".join(lines)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest() if found else None


# --- converting -----------------------------------------------------------------------------


def convert(
    documents: Sequence[Document], settings: Settings, notes: Sequence[Warning] = ()
) -> Tuple[Issue, bytes]:
    """Documents of one issue -> (issue, rendered bytes). Raises ConvertError. `notes` are
    warnings about the issue's inputs found before it was parsed (a copy left out)."""
    from laobao_convert.parse import parse_issue
    from laobao_convert.registry import get_writer

    writer = get_writer(settings.format)
    if getattr(writer, "needs_layout", False):
        unplaced = next((d for d in documents if d.kind not in LAID_OUT), None)
        if unplaced is not None:
            raise InputError(f"--to {settings.format} needs where each text was printed, and text input has no "
                             "page to point into: convert the PDF or the page images instead",
                             where=unplaced.source.name)
    made = [d.issue for d in documents if d.issue is not None]
    if made and len(made) == len(documents) == 1:
        # A METS/ALTO issue: read whole, accounted for when it was made.
        issue = made[0]
        if notes:
            issue = dataclasses.replace(issue, warnings=issue.warnings + tuple(notes))
    else:
        if made:
            raise InputError("a METS/ALTO issue is one input: it cannot be joined with other pages",
                             where=documents[0].source.name)
        issue = with_figures(parse_issue(list(documents)), documents)
        if getattr(writer, "needs_layout", False):
            # Where the page prints its furniture and drawings: only a page-faithful format
            # (METS/ALTO) shows them, and finding them costs a tenth of the parse.
            issue = with_page_places(issue, documents)
        issue = _with_reader_warnings(issue, documents)
        if notes:
            issue = dataclasses.replace(issue, warnings=issue.warnings + tuple(notes))
        issue = check_conservation(issue, documents)
    if settings.image_dir is not None:
        issue = with_files(issue, settings.image_dir)
    if settings.strict:
        doubts = [w for w in issue.warnings if w.level == "warning"]
        if doubts:
            first = doubts[0]
            more = f" (and {len(doubts) - 1} more)" if len(doubts) > 1 else ""
            raise StrictError(f"--strict: {first.code}: {first.message}{more}; output not written")
    buffer = io.BytesIO()
    writer.write(issue, buffer, template_dir=settings.template_dir)
    return issue, buffer.getvalue()


def _with_reader_warnings(issue: Issue, documents: Sequence[Document]) -> Issue:
    # The parser is expected to carry the readers' warnings; make sure none is dropped.
    missing = [w for d in documents for w in d.warnings if w not in issue.warnings]
    if not missing:
        return issue
    return dataclasses.replace(issue, warnings=issue.warnings + tuple(missing))


# --- the conservation check -----------------------------------------------------------------


def article_chars(issue: Issue) -> int:
    """Non-space characters of everything the issue's articles carry."""
    return sum(article.char_count() for article in issue.articles)


def document_chars(documents: Sequence[Document]) -> int:
    return sum(nonspace(line.text) for d in documents for p in d.pages for b in p.blocks for line in b.lines)


def check_conservation(issue: Issue, documents: Sequence[Document]) -> Issue:
    """Every character the readers found is in an article, in a warning, or page furniture.

    The figures are the parser's; the articles' characters are counted here again from the
    model, so a rule that drops text without telling is caught. A mismatch is a warning
    (code "conservation"), never a silent fix.
    """
    figures = issue.conservation
    found = article_chars(issue)
    read = document_chars(documents)
    problems = []
    if figures.input_chars != found + figures.warned_chars:
        lost = figures.input_chars - found - figures.warned_chars
        problems.append(
            f"{figures.input_chars} characters of article text read, {found} in articles and "
            f"{figures.warned_chars} in warnings ({'%d unaccounted' % lost if lost > 0 else '%d too many' % -lost})"
        )
    if read != figures.input_chars + figures.furniture_chars:
        problems.append(
            f"the inputs hold {read} characters, the parser accounted for "
            f"{figures.input_chars} of article text and {figures.furniture_chars} of page furniture"
        )
    problems.extend(furniture_problems(issue))
    if not problems or any(w.code == "conservation" for w in issue.warnings):
        # No news, or the parser's own accounting has already told of the gap.
        return issue
    warning = Warning(code="conservation", message="text does not add up: " + "; ".join(problems))
    return dataclasses.replace(issue, warnings=issue.warnings + (warning,))


def furniture_problems(issue: Issue) -> Sequence[str]:
    """The furniture the issue carries, counted again: recognised pieces make furniture_chars;
    unrecognised ones make unrecognised_chars, which the warned characters must cover."""
    figures = issue.conservation
    recognised = sum(nonspace(f.text) for f in issue.furniture if f.recognised)
    unrecognised = sum(nonspace(f.text) for f in issue.furniture if not f.recognised)
    problems = []
    if recognised != figures.furniture_chars:
        problems.append(f"the furniture recognised holds {recognised} characters, the parser "
                        f"counted {figures.furniture_chars}")
    if unrecognised != figures.unrecognised_chars or unrecognised > figures.warned_chars:
        problems.append(f"the furniture not recognised holds {unrecognised} characters, the parser "
                        f"counted {figures.unrecognised_chars} ({figures.warned_chars} warned in all)")
    return problems
