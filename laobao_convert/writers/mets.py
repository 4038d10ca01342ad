"""The METS/ALTO writer: an issue as libraries keep digitised newspapers.

`mets.xml` ties the issue together: the issue's MODS (title, date, issue number) and each
article's (title, subtitle, kicker, series, byline); a fileSec of the ALTO files (alto/pNN.xml,
one per page, laobao_convert.writers.alto), of the photos' images (images/, each named by its
ALTO Illustration's FILEID) and of the source files; a physical structMap of the pages; and a
logical structMap, issue → 版 → article, whose divs point at the ALTO blocks that make each
article (headline, byline, paragraphs and subheads, continuations on later pages, captions,
each with its photo's area and image). What METS and ALTO have no element for (the masthead's
other fields, page names and editors, warnings, furniture, the character accounting, jumps,
line breaks) is kept in a techMD as the tool's own JSON, so that reading the package back
gives the issue it came from.

The writer's bytes are a zip (fixed dates, fixed order): `-o x.zip` keeps it as it is, any
other target is unpacked into a folder (laobao_convert.folder_output).
"""

from __future__ import annotations

import base64
import json
import xml.etree.ElementTree as ET
import zipfile
from io import BytesIO
from typing import BinaryIO, Dict, List, Optional, Tuple

from laobao_convert import __version__
from laobao_convert import figures
from laobao_convert.model import ID_SCHEME, Article, Issue, Photo
from laobao_convert.serialize import to_plain
from laobao_convert.writers import alto

METS = "http://www.loc.gov/METS/"
MODS = "http://www.loc.gov/mods/v3"
XLINK = "http://www.w3.org/1999/xlink"
NOTES = "laobao-convert"
"""The OTHERMDTYPE of the techMD holding what METS/ALTO has no place for."""
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
"""Every member's date: the same issue gives the same bytes."""


def m(tag: str) -> str:
    return f"{{{METS}}}{tag}"


def mods(tag: str) -> str:
    return f"{{{MODS}}}{tag}"


def article_div_id(article: Article, index: int) -> str:
    # xsd:ID: a letter first; the article's own id where it has one.
    return f"ART_{article.id}" if article.id else f"ART_{index + 1}"


def notes_of(issue: Issue) -> Dict:
    """The issue's facts that no METS or ALTO element holds, as plain data."""
    return {
        "masthead": to_plain(issue.masthead),
        "pages": [to_plain(p) for p in issue.pages],
        "warnings": [to_plain(w) for w in issue.warnings],
        "furniture": [to_plain(f) for f in issue.furniture],
        "conservation": to_plain(issue.conservation),
        "articles": [{"id": a.id, "pages": list(a.pages), "jumps": to_plain(a.jumps), "breaks": to_plain(a.breaks),
                      "block_breaks": [list(b.breaks) for b in a.blocks]} for a in issue.articles],
    }


def render_mets(issue: Issue, planned, pieces) -> bytes:
    root = ET.Element(m("mets"), OBJID=f"{ID_SCHEME}:{issue.id}", TYPE="Newspaper",
                      LABEL=_issue_label(issue))
    header = ET.SubElement(root, m("metsHdr"))
    agent = ET.SubElement(header, m("agent"), ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE")
    ET.SubElement(agent, m("name")).text = f"laobao-convert {__version__}"
    _dmd(root, "DMD_ISSUE", _issue_mods(issue))
    for k, article in enumerate(issue.articles):
        _dmd(root, "DMD_" + article_div_id(article, k), _article_mods(article))
    amd = ET.SubElement(root, m("amdSec"), ID="AMD")
    tech = ET.SubElement(amd, m("techMD"), ID="TECH_NOTES")
    wrap = ET.SubElement(tech, m("mdWrap"), MIMETYPE="application/json", MDTYPE="OTHER", OTHERMDTYPE=NOTES,
                         LABEL="what METS and ALTO have no element for")
    data = json.dumps(notes_of(issue), ensure_ascii=False, sort_keys=True).encode("utf-8")
    ET.SubElement(wrap, m("binData")).text = base64.b64encode(data).decode("ascii")

    files = ET.SubElement(root, m("fileSec"))
    text_group = ET.SubElement(files, m("fileGrp"), USE="FULLTEXT")
    for page in planned:
        entry = ET.SubElement(text_group, m("file"), ID=f"ALTO_{page.position:02d}", MIMETYPE="text/xml")
        ET.SubElement(entry, m("FLocat"), {"LOCTYPE": "URL", f"{{{XLINK}}}href": page.file})
    images = _images(issue)
    if images:
        image_group = ET.SubElement(files, m("fileGrp"), USE="ILLUSTRATION")
        for photo, href in images:
            entry = ET.SubElement(image_group, m("file"), ID=alto.photo_file_id(photo), MIMETYPE=photo.media_type)
            ET.SubElement(entry, m("FLocat"), {"LOCTYPE": "URL", f"{{{XLINK}}}href": href})
    sources = _sources(issue)
    if sources:
        source_group = ET.SubElement(files, m("fileGrp"), USE="SOURCE")
        for name, file_id in sources.items():
            entry = ET.SubElement(source_group, m("file"), ID=file_id, MIMETYPE=_mimetype(name))
            ET.SubElement(entry, m("FLocat"), {"LOCTYPE": "URL", f"{{{XLINK}}}href": name})

    physical = ET.SubElement(root, m("structMap"), TYPE="PHYSICAL")
    sequence = ET.SubElement(physical, m("div"), ID="PHYS_ISSUE", TYPE="physSequence")
    for page, model_page in zip(planned, issue.pages):
        div = ET.SubElement(sequence, m("div"), ID=f"PHYS_{page.position:02d}", TYPE="page",
                            ORDER=str(page.position), ORDERLABEL=str(page.number))
        ET.SubElement(div, m("fptr"), FILEID=f"ALTO_{page.position:02d}")
        if model_page.source in sources:
            ET.SubElement(div, m("fptr"), FILEID=sources[model_page.source])

    logical = ET.SubElement(root, m("structMap"), TYPE="LOGICAL")
    top = ET.SubElement(logical, m("div"), ID="LOG_ISSUE", TYPE="issue", DMDID="DMD_ISSUE", LABEL=_issue_label(issue))
    files_of = {p.number: f"ALTO_{p.position:02d}" for p in planned}
    for page in planned:
        section = ET.SubElement(top, m("div"), ID=f"LOG_SECTION_{page.position:02d}", TYPE="section",
                                ORDER=str(page.position), LABEL=_section_label(issue, page.number))
        for k, article in enumerate(issue.articles):
            first = article.pages[0] if article.pages else None
            if first != page.number and not (first not in files_of and page.position == 1):
                continue
            _article_div(section, article, k, pieces, files_of)
    ET.register_namespace("mets", METS)
    ET.register_namespace("mods", MODS)
    ET.register_namespace("xlink", XLINK)
    ET.indent(root, space=" ")
    text = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8")


def _article_div(parent: ET.Element, article: Article, k: int, pieces, files_of) -> None:
    div_id = article_div_id(article, k)
    div = ET.SubElement(parent, m("div"), ID=div_id, TYPE="article", DMDID="DMD_" + div_id, ORDER=str(k + 1))
    if article.title:
        div.set("LABEL", article.title)
    heading = [p for r, region in enumerate(article.regions) if region.role == "heading"
               for p in pieces.get((k, "region", r), ())]
    byline = [p for r, region in enumerate(article.regions) if region.role == "byline"
              for p in pieces.get((k, "region", r), ())]
    n = 0

    def part(kind: str, found, label: Optional[str] = None, image: Optional[str] = None) -> None:
        nonlocal n
        n += 1
        child = ET.SubElement(div, m("div"), ID=f"{div_id}_{n:03d}", TYPE=kind)
        if label is not None:
            # Text printed nowhere the model knows (a byline repeated on a later page): its
            # words stand here, as no ALTO block holds them.
            child.set("LABEL", label)
        if found:
            fptr = ET.SubElement(child, m("fptr"))
            seq = ET.SubElement(fptr, m("seq"))
            for piece in found:
                ET.SubElement(seq, m("area"), FILEID=files_of[piece.page], BEGIN=piece.block_id, BETYPE="IDREF")
        if image:
            ET.SubElement(child, m("fptr"), FILEID=image)

    if heading:
        part("heading", heading)
    if byline:
        part("byline", byline)
    for b, block in enumerate(article.blocks):
        found = pieces.get((k, "block", b), ())
        part(block.type, found, None if found else block.text)
    for c, caption in enumerate(article.captions):
        # The photo's area first, then the caption's text: the figure as a reader meets it.
        photo = pieces.get((k, "photo", c), ())
        found = pieces.get((k, "caption", c), ())
        image = alto.photo_file_id(caption.photo) if caption.photo is not None and caption.photo.data else None
        part("caption", photo + found, None if found else caption.text, image)


def _dmd(root: ET.Element, dmd_id: str, record: ET.Element) -> None:
    section = ET.SubElement(root, m("dmdSec"), ID=dmd_id)
    wrap = ET.SubElement(section, m("mdWrap"), MDTYPE="MODS")
    ET.SubElement(wrap, m("xmlData")).append(record)


def _issue_mods(issue: Issue) -> ET.Element:
    record = ET.Element(mods("mods"))
    head = issue.masthead
    title = ET.SubElement(ET.SubElement(record, mods("titleInfo")), mods("title"))
    title.text = head.paper or "中国劳动保障报"
    date = head.date or next((p.date for p in issue.pages if p.date), None)
    if date:
        origin = ET.SubElement(record, mods("originInfo"))
        ET.SubElement(origin, mods("dateIssued"), encoding="iso8601").text = date
    ET.SubElement(record, mods("identifier"), type="local").text = f"{ID_SCHEME}:{issue.id}"
    if head.issue_number is not None:
        detail = ET.SubElement(ET.SubElement(record, mods("part")), mods("detail"), type="issue")
        ET.SubElement(detail, mods("number")).text = str(head.issue_number)
    return record


def _article_mods(article: Article) -> ET.Element:
    record = ET.Element(mods("mods"))
    if article.title or article.subtitle:
        info = ET.SubElement(record, mods("titleInfo"))
        if article.title:
            ET.SubElement(info, mods("title")).text = article.title
        if article.subtitle:
            ET.SubElement(info, mods("subTitle")).text = article.subtitle
    if article.kicker:
        info = ET.SubElement(record, mods("titleInfo"), type="alternative", displayLabel="kicker")
        ET.SubElement(info, mods("title")).text = article.kicker
    if article.byline:
        name = ET.SubElement(record, mods("name"))
        ET.SubElement(name, mods("displayForm")).text = article.byline
    if article.series:
        series = ET.SubElement(record, mods("relatedItem"), type="series")
        ET.SubElement(ET.SubElement(series, mods("titleInfo")), mods("title")).text = article.series
    if len(record) == 0:
        # MODS needs something: the article is at least a text.
        ET.SubElement(record, mods("typeOfResource")).text = "text"
    return record


def _issue_label(issue: Issue) -> str:
    return " ".join(x for x in (issue.masthead.paper or "中国劳动保障报", issue.id) if x)


def _section_label(issue: Issue, number: int) -> str:
    page = issue.page(number)
    return f"第{number}版" + (f" {page.name}" if page is not None and page.name else "")


IMAGE_FOLDER = "images"


def _images(issue: Issue) -> List[Tuple[Photo, str]]:
    """Each photo with an image, and where the package holds it."""
    return [(photo, f"{IMAGE_FOLDER}/{figures.file_name(issue, photo)}") for photo in figures.photos(issue)
            if photo.media_type]


def _sources(issue: Issue) -> Dict[str, str]:
    names: List[str] = []
    for page in issue.pages:
        if page.source and page.source not in names:
            names.append(page.source)
    return {name: f"SRC_{k + 1:02d}" for k, name in enumerate(names)}


def _mimetype(name: str) -> str:
    lower = name.lower()
    for suffix, kind in ((".pdf", "application/pdf"), (".png", "image/png"), (".jpg", "image/jpeg"),
                         (".jpeg", "image/jpeg"), (".tif", "image/tiff"), (".tiff", "image/tiff"),
                         (".md", "text/markdown"), (".xml", "text/xml")):
        if lower.endswith(suffix):
            return kind
    return "text/plain"


def package(issue: Issue) -> List[Tuple[str, bytes]]:
    """The package's files, mets.xml first, then the ALTO pages in order."""
    planned, pieces = alto.plan_pages(issue)
    files = [("mets.xml", render_mets(issue, planned, pieces))]
    for page, model_page in zip(planned, issue.pages):
        files.append((page.file, alto.render_page(page, model_page.source)))
    files.extend((href, photo.data) for photo, href in _images(issue))
    return files


def zip_files(files: List[Tuple[str, bytes]]) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


class MetsWriter:
    name = "mets"
    extension = "mets"
    folder = True
    """The bytes are a zip of files: unpacked into a folder unless the target is a .zip."""
    archive_extension = "zip"
    needs_layout = True
    """ALTO gives every text its place on the page: text input, which has none, is refused."""
    shows_images = True
    """The package holds each photo's image (images/), which its ALTO Illustration names."""
    description = "METS/ALTO: mets.xml and one ALTO 4 file per page, for archives (a folder, or -o x.zip)"

    def write(self, issue: Issue, stream: BinaryIO, *, template_dir: Optional[str] = None) -> None:
        # template_dir is part of the writer protocol; METS/ALTO has no templates.
        stream.write(zip_files(package(issue)))
