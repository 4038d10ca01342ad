"""The EPUB 3 writer: a cover, a table of contents by page, one document per page section.

ebooklib assembles the package (OPF with its metadata, NCX, container); the documents come
from the templates verbatim. The zip is then rewritten with fixed timestamps and attributes,
so the same issue always gives the same bytes.
"""

from __future__ import annotations

import datetime
import io
import os
import zipfile
from dataclasses import dataclass
from typing import BinaryIO, List, Optional, Tuple
from xml.etree import ElementTree

from ebooklib import epub

from laobao_convert.errors import ConvertError, TemplateError
from laobao_convert.figures import file_name, photos
from laobao_convert.model import Issue, Photo
from laobao_convert.templating import environment
from laobao_convert.writers.common import IssueView, PageView, issue_view, render_template
from laobao_convert.writers.phrases import phrases

STYLESHEET = "style.css"
COVER = "cover.xhtml"
COVER_IMAGE = "cover.svg"
PRINTED_COVER = "cover.jpg"
IMAGES = "images"
NAV = "nav.xhtml"
NOTES = "notes.xhtml"
# Zip timestamps cannot go below 1980; also the date used when an issue has none.
_ZIP_EPOCH = datetime.datetime(1980, 1, 1)
# The cover picture has room for this many lines of page-one headlines, this many wide.
_COVER_LINES = 6
_COVER_LINE_WIDTH = 21


@dataclass(frozen=True)
class TocEntry:
    href: str
    label: str
    children: Tuple["TocEntry", ...] = ()
    uid: str = ""
    """The entry's id in the NCX."""


def page_file(page: PageView, width: int) -> str:
    """page-01.xhtml: zero-padded so the files sort in page order."""
    if page.number is None:
        return "page-other.xhtml"
    return f"page-{page.number:0{width}d}.xhtml"


def _advance(text: str) -> float:
    return sum(0.5 if ord(char) < 0x2E80 else 1.0 for char in text)


def wrap_wide(text: str, width: int) -> Tuple[str, ...]:
    """Cut a line of Chinese into lines of at most `width` full-width characters (a Latin
    letter or digit counts half), since SVG text does not wrap by itself; lines break between
    words, and only a word longer than a line is cut inside."""
    lines, current, used = [], "", 0.0
    for phrase in phrases(text):
        size = _advance(phrase)
        if used + size > width and current:
            lines.append(current)
            current, used = "", 0.0
        while size > width:  # a word longer than a line: cut where the line is full
            take, taken = "", 0.0
            for char in phrase:
                if taken + _advance(char) > width:
                    break
                take, taken = take + char, taken + _advance(char)
            lines.append(take)
            phrase, size = phrase[len(take):], size - taken
        current += phrase
        used += size
    if current:
        lines.append(current)
    return tuple(line.strip() for line in lines if line.strip())


def cover_headlines(view: IssueView) -> Tuple[Tuple[str, ...], ...]:
    """Page one's headlines, each as its lines (its printed parts kept apart), whole ones
    only, as many as fit on the cover picture."""
    headlines: List[Tuple[str, ...]] = []
    used = 0
    for article in view.pages[0].articles if view.pages else ():
        if not article.has_title:
            continue
        wrapped = tuple(line for part in article.toc_label.split() for line in wrap_wide(part, _COVER_LINE_WIDTH))
        if used + len(wrapped) > _COVER_LINES:
            break
        headlines.append(wrapped)
        used += len(wrapped)
    return tuple(headlines)


def modified_time(issue: Issue) -> datetime.datetime:
    """dcterms:modified and the zip timestamps: SOURCE_DATE_EPOCH when set (reproducible
    builds), else the issue's own date; never the clock, so a rerun gives the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            stamp = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).replace(tzinfo=None)
        except (ValueError, OverflowError, OSError):
            raise ConvertError(f"SOURCE_DATE_EPOCH is not a number of seconds: {epoch!r}") from None
        return max(stamp, _ZIP_EPOCH)
    try:
        return max(datetime.datetime.strptime(issue.masthead.date or "", "%Y-%m-%d"), _ZIP_EPOCH)
    except ValueError:
        return _ZIP_EPOCH


def table_of_contents(view: IssueView, files: List[str]) -> Tuple[TocEntry, ...]:
    """Pages, each with the articles that start on it; the conversion notes last."""
    entries = []
    for page, name in zip(view.pages, files):
        children = tuple(
            TocEntry(href=f"{name}#{a.anchor}", label=a.toc_label, uid=f"nav-{a.anchor}") for a in page.articles
        )
        entries.append(TocEntry(href=name, label=page.heading, children=children, uid=f"nav-{page.anchor}"))
    if view.warnings:
        entries.append(TocEntry(href=NOTES, label="转换说明", uid="nav-notes"))
    if not entries:
        # A table of contents may not be empty; an issue without articles still has its cover.
        entries.append(TocEntry(href=COVER, label="封面", uid="nav-cover"))
    return tuple(entries)


def _ncx_toc(entries: Tuple[TocEntry, ...]) -> list:
    toc: list = []
    for entry in entries:
        if entry.children:
            links = [epub.Link(c.href, c.label, c.uid) for c in entry.children]
            toc.append((epub.Section(entry.label, entry.href), links))
        else:
            toc.append(epub.Link(entry.href, entry.label, entry.uid))
    return toc


def _render(env, name: str, **context) -> str:
    """Render a template; XML output must be well-formed, or the book would be broken."""
    text = render_template(env, name, **context)
    if name.endswith((".xhtml.j2", ".svg.j2")):
        try:
            ElementTree.fromstring(text.encode("utf-8"))
        except ElementTree.ParseError as error:
            raise TemplateError(f"template {name} gives XML that is not well-formed: {error}") from None
    return text


def _document(uid: str, name: str, content: str, properties: Tuple[str, ...] = ()) -> epub.EpubItem:
    item = epub.EpubItem(uid=uid, file_name=name, media_type="application/xhtml+xml", content=content.encode("utf-8"))
    # ebooklib writes a manifest item's properties when the attribute exists.
    item.properties = list(properties)
    return item


def image_path(issue: Issue, photo: Photo) -> str:
    """A photo's file in the book: images/2024-04-24-7154-p1-i1.jpg."""
    return f"{IMAGES}/{file_name(issue, photo)}"


def build_book(issue: Issue, template_dir: Optional[str] = None) -> Tuple[epub.EpubBook, datetime.datetime]:
    view = issue_view(issue, lambda photo: image_path(issue, photo))
    env = environment(template_dir)
    width = max(2, len(str(max((p.number for p in view.pages if p.number is not None), default=1))))
    files = [page_file(page, width) for page in view.pages]
    entries = table_of_contents(view, files)
    page_files = {page.anchor: name for page, name in zip(view.pages, files)}
    page_list = tuple(TocEntry(href=f"{page_files[p.anchor]}#{p.marker}", label=p.label)
                      for p in view.pages if p.marker)
    modified = modified_time(issue)

    book = epub.EpubBook()
    book.set_identifier(view.identifier)
    book.set_title(view.title)
    book.set_language(view.language)
    _metadata(book, issue, view)

    printed = issue.cover is not None and issue.cover.data and issue.cover.media_type == "image/jpeg"
    shared = {"issue": view, "stylesheet": STYLESHEET, "cover_image": PRINTED_COVER if printed else COVER_IMAGE,
              "masthead_line": view.masthead_line}
    style = epub.EpubItem(
        uid="style", file_name=STYLESHEET, media_type="text/css",
        content=_render(env, "epub.css", **shared).encode("utf-8"),
    )
    book.add_item(style)
    if printed:
        # A newspaper's cover is its front page: page one as printed, rendered by the reader.
        cover_image = epub.EpubItem(uid="cover-image", file_name=PRINTED_COVER, media_type="image/jpeg",
                                    content=issue.cover.data)
    else:
        # A picture of the masthead drawn as SVG text (no raster, no fonts embedded, so it is
        # the same bytes on every machine): shelves and library software show a book by its
        # cover image, and the cover page shows it with the masthead line as its alternative.
        cover_image = epub.EpubItem(
            uid="cover-image", file_name=COVER_IMAGE, media_type="image/svg+xml",
            content=_render(env, "cover.svg.j2", headlines=cover_headlines(view), **shared).encode("utf-8"),
        )
    cover_image.properties = ["cover-image"]
    book.add_item(cover_image)
    book.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-image"})
    cover = _document("cover", COVER, _render(env, "cover.xhtml.j2", **shared))
    landmarks = {"cover": COVER, "toc": NAV, "body": files[0] if files else ""}
    nav = _document("nav", NAV, _render(env, "nav.xhtml.j2", toc=entries, landmarks=landmarks, page_list=page_list,
                                        **shared), ("nav",))
    book.add_item(cover)
    book.add_item(nav)
    for photo in photos(issue):
        book.add_item(epub.EpubItem(uid=f"img-{photo.id}", file_name=image_path(issue, photo),
                                    media_type=photo.media_type, content=photo.data))
    spine = [cover, nav]
    for page, name in zip(view.pages, files):
        doc = _document(page.anchor, name, _render(env, "chapter.xhtml.j2", page=page, files=page_files, **shared))
        book.add_item(doc)
        spine.append(doc)
    if view.warnings:
        notes = _document("notes", NOTES, _render(env, "notes.xhtml.j2", **shared))
        book.add_item(notes)
        spine.append(notes)
    book.add_item(epub.EpubNcx())
    book.spine = spine
    book.toc = _ncx_toc(entries)
    return book, modified


def _metadata(book: epub.EpubBook, issue: Issue, view: IssueView) -> None:
    masthead = issue.masthead
    book.set_unique_metadata(
        "OPF", "generator", "", {"name": "generator", "content": f"laobao-convert {view.version}"}
    )
    # A second identifier that names the issue, not the file: library software (calibre reads
    # scheme:value) keeps it, so two conversions of one issue are known as one.
    book.add_metadata("DC", "identifier", view.scheme_identifier, {"id": "issue-id"})
    book.add_metadata("DC", "publisher", view.paper)
    book.add_metadata("DC", "creator", view.paper, {"id": "creator"})
    if view.iso_date:
        book.add_metadata("DC", "date", view.iso_date)
    description = " ".join(p for p in (view.date, view.weekday, view.issue_label, view.pages_label, view.coverage) if p)
    if description:
        book.add_metadata("DC", "description", description)
    for name, sha in view.sources:
        book.add_metadata("DC", "source", f"{name} sha256:{sha}")
    # What a reader with a screen reader or braille display can expect (EPUB Accessibility):
    # all text, a navigable structure, the cover picture described by its alt text.
    for prop, value in (
        ("schema:accessMode", "textual"),
        ("schema:accessMode", "visual"),
        ("schema:accessModeSufficient", "textual"),
        ("schema:accessibilityFeature", "structuralNavigation"),
        ("schema:accessibilityFeature", "tableOfContents"),
        ("schema:accessibilityFeature", "alternativeText"),
        ("schema:accessibilityHazard", "none"),
        ("schema:accessibilitySummary", "全部内容为文字，按版面和文章分章节，附目录；封面图有文字说明。"),
    ):
        book.add_metadata(None, "meta", value, {"property": prop})
    # The series: EPUB 3's collection, and calibre's own metadata, which most library
    # software and many readers read instead.
    if masthead.paper:
        book.add_metadata(None, "meta", view.paper, {"property": "belongs-to-collection", "id": "series"})
        book.add_metadata(None, "meta", "series", {"refines": "#series", "property": "collection-type"})
        if masthead.issue_number is not None:
            book.add_metadata(
                None, "meta", str(masthead.issue_number), {"refines": "#series", "property": "group-position"}
            )
        book.add_metadata(None, "meta", "", {"name": "calibre:series", "content": view.paper})
        if masthead.issue_number is not None:
            book.add_metadata(
                None, "meta", "", {"name": "calibre:series_index", "content": str(masthead.issue_number)}
            )


def normalise_zip(data: bytes, when: datetime.datetime) -> bytes:
    """The same entries in the same order, with `mimetype` first and stored, and every
    timestamp and attribute fixed, so the archive's bytes depend on its content alone."""
    date_time = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        names = source.namelist()
        ordered = ["mimetype"] + [n for n in names if n != "mimetype"]
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(name), compresslevel=9 if name != "mimetype" else None)
    return out.getvalue()


def render_epub(issue: Issue, template_dir: Optional[str] = None) -> bytes:
    book, modified = build_book(issue, template_dir)
    raw = io.BytesIO()
    writer = epub.EpubWriter(raw, book, {"mtime": modified, "epub3_landmark": False, "epub2_guide": False})
    writer.process()
    writer.write()
    return normalise_zip(raw.getvalue(), modified)


class EpubWriter:
    name = "epub"
    extension = "epub"
    description = "EPUB 3 e-book: cover, table of contents by page, metadata for libraries"
    shows_images = True
    """Photos are embedded: a PDF's are taken out when it is read."""
    has_cover = True
    """A PDF's page one is rendered as the cover."""

    def write(self, issue: Issue, stream: BinaryIO, *, template_dir: Optional[str] = None) -> None:
        stream.write(render_epub(issue, template_dir))
