"""METS/ALTO in: an archive's issue (ours, or an OCR vendor's) read back into the issue model.

The text and every box come from the ALTO files; which blocks make which article, and in
what role, from the METS logical structMap; the headline fields from each article's MODS; the
issue's date and number from the issue's MODS. What METS/ALTO has no element for comes from
the techMD this tool writes (laobao_convert.writers.mets), where there is one; a vendor's
package without it gives defaults there. The pages also come out as PageContent (ALTO blocks
and lines with their boxes and type sizes), so an input is grouped and named as any other.
"""

from __future__ import annotations

import base64
import dataclasses
import io
import json
import posixpath
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

from laobao_convert.parse.captions import photo_credit
from laobao_convert.content import BBox, Document, Line, PageContent, TextBlock
from laobao_convert.errors import InputError
from laobao_convert.model import (Article, Block, Box, Breaks, Caption, Conservation, Furniture, Issue, Jump,
                                  Masthead, Page, PageBox, Photo, Provenance, Region, SourceFile, Warning)
from laobao_convert.readers.alto_xml import AltoIllustration, AltoProblem, AltoTextBlock, parse_alto
from laobao_convert.serialize import _build as build_from_plain

METS = "{http://www.loc.gov/METS/}"
MODS = "{http://www.loc.gov/mods/v3}"
XLINK = "{http://www.w3.org/1999/xlink}"
MAX_MEMBER = 64 * 1024 * 1024


def is_mets(data: bytes) -> bool:
    head = data[:4096]
    return b"http://www.loc.gov/METS/" in head and b"mets" in head


def is_mets_zip(data: bytes) -> bool:
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "mets.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


@dataclass(frozen=True)
class AltoPage:
    width: Optional[float]
    height: Optional[float]
    blocks: Dict[str, AltoTextBlock]
    order: Tuple[str, ...]
    illustrations: Dict[str, AltoIllustration] = field(default_factory=dict)


def read_mets(data: bytes, name: str, path: Optional[Path], source: SourceFile, images: bool = False) -> Document:
    """A mets.xml (its ALTO files beside it) or a zip holding one; InputError when it cannot be.
    `images`: take each photo's image out of the package (for a format that shows them)."""
    if data.startswith(b"PK"):
        archive = zipfile.ZipFile(io.BytesIO(data))
        mets_bytes = archive.read("mets.xml")

        def member(href: str) -> bytes:
            info = archive.getinfo(href)
            if info.file_size > MAX_MEMBER:
                raise InputError(f"{href} is too large for a page", where=name)
            return archive.read(href)
    else:
        mets_bytes = data
        folder = path.parent if path is not None else Path(".")

        def member(href: str) -> bytes:
            return (folder / href).read_bytes()
    try:
        root = ET.fromstring(mets_bytes)
    except ET.ParseError as error:
        raise InputError(f"not readable METS: {error}", where=name) from None
    try:
        return _document(root, member, name, source, images)
    except KeyError as error:
        raise InputError(f"METS names a file it does not hold: {error.args[0]}", where=name) from None
    except FileNotFoundError as error:
        raise InputError(f"METS names a file that is not there: {Path(error.filename).name}", where=name) from None
    except (ET.ParseError, ValueError) as error:
        raise InputError(f"not readable ALTO: {error}", where=name) from None


def _safe(href: str) -> str:
    clean = posixpath.normpath(href)
    if clean.startswith(("/", "..")) or "://" in href:
        raise ValueError(f"a file outside the package: {href}")
    return clean


def _document(root: ET.Element, member: Callable[[str], bytes], name: str, source: SourceFile,
              images: bool = False) -> Document:
    hrefs: Dict[str, str] = {}
    for group in root.iter(f"{METS}fileGrp"):
        if group.get("USE", "").upper() not in ("FULLTEXT", "ALTO", "TEXT"):
            continue
        for entry in group.iter(f"{METS}file"):
            location = entry.find(f"{METS}FLocat")
            if location is not None and location.get(f"{XLINK}href"):
                hrefs[entry.get("ID")] = _safe(location.get(f"{XLINK}href"))
    physical = _struct_map(root, "PHYSICAL")
    page_divs = [d for d in physical.iter(f"{METS}div") if d.get("TYPE", "").lower() == "page"] \
        if physical is not None else []
    notes = _notes(root)
    note_pages = notes.get("pages", [])
    pages: List[Page] = []
    alto_of: Dict[str, Tuple[int, AltoPage]] = {}
    contents: List[PageContent] = []
    for k, div in enumerate(sorted(page_divs, key=lambda d: int(d.get("ORDER") or 0))):
        file_id = next((f.get("FILEID") for f in div.findall(f"{METS}fptr") if f.get("FILEID") in hrefs), None)
        if file_id is None:
            continue
        alto = read_alto(member(hrefs[file_id]))
        number = _int(div.get("ORDERLABEL")) or k + 1
        base = dict(note_pages[len(pages)]) if len(pages) < len(note_pages) else {}
        base.update(number=number, width=alto.width, height=alto.height)
        pages.append(build_from_plain(Page, base, "page"))
        alto_of[file_id] = (number, alto)
        contents.append(_content(alto, name, len(contents), number))
    if not pages:
        raise InputError("METS holds no ALTO pages", where=name)
    articles = _articles(root, alto_of, notes, _image_files(root, member) if images else lambda _: None)
    masthead = _masthead(root, notes)
    issue = Issue(
        masthead=masthead, pages=tuple(pages), articles=articles,
        warnings=tuple(build_from_plain(Warning, w, "warning") for w in notes.get("warnings", [])),
        furniture=tuple(build_from_plain(Furniture, f, "furniture") for f in notes.get("furniture", [])),
        provenance=Provenance(sources=(source,)),
        conservation=build_from_plain(Conservation, notes.get("conservation", {}), "conservation"),
    )
    return Document(pages=tuple(contents), source=source, kind="mets", issue=issue)


def _image_files(root: ET.Element, member: Callable[[str], bytes]) -> Callable[[str], Optional[Tuple[str, bytes]]]:
    """The package's photo images by METS file ID: (media type, bytes)."""
    files: Dict[str, Tuple[str, str]] = {}
    for group in root.iter(f"{METS}fileGrp"):
        if group.get("USE", "").upper() not in ("ILLUSTRATION", "IMAGE"):
            continue
        for entry in group.iter(f"{METS}file"):
            location = entry.find(f"{METS}FLocat")
            mimetype = entry.get("MIMETYPE", "")
            if location is not None and location.get(f"{XLINK}href") and mimetype in ("image/jpeg", "image/png"):
                files[entry.get("ID")] = (mimetype, _safe(location.get(f"{XLINK}href")))

    def image(file_id: str) -> Optional[Tuple[str, bytes]]:
        if file_id not in files:
            return None
        mimetype, href = files[file_id]
        return mimetype, member(href)
    return image


def _struct_map(root: ET.Element, kind: str) -> Optional[ET.Element]:
    return next((s for s in root.iter(f"{METS}structMap") if s.get("TYPE", "").upper() == kind), None)


def _notes(root: ET.Element) -> Dict:
    for wrap in root.iter(f"{METS}mdWrap"):
        if wrap.get("OTHERMDTYPE") == "laobao-convert":
            data = wrap.find(f"{METS}binData")
            if data is not None and data.text:
                return json.loads(base64.b64decode(data.text))
    return {}


def _int(text: Optional[str]) -> Optional[int]:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _masthead(root: ET.Element, notes: Dict) -> Masthead:
    fields = dict(notes.get("masthead", {}))
    record = _dmd(root, "DMD_ISSUE")
    if record is not None:
        title = record.find(f"{MODS}titleInfo/{MODS}title")
        date = record.find(f"{MODS}originInfo/{MODS}dateIssued")
        number = record.find(f"{MODS}part/{MODS}detail[@type='issue']/{MODS}number")
        if "masthead" not in notes:
            # A vendor's issue: what its MODS says is all there is.
            fields.update(paper=title.text if title is not None else None,
                          date=date.text if date is not None else None,
                          issue_number=_int(number.text) if number is not None else None)
    return build_from_plain(Masthead, fields, "masthead")


def _dmd(root: ET.Element, dmd_id: Optional[str]) -> Optional[ET.Element]:
    if not dmd_id:
        return None
    for section in root.iter(f"{METS}dmdSec"):
        if section.get("ID") in dmd_id.split():
            return section.find(f"{METS}mdWrap/{METS}xmlData/{MODS}mods")
    return None


def _photo(found, images: Callable[[str], Optional[Tuple[str, bytes]]], div: ET.Element) -> Photo:
    """A caption's photo from its Illustration (id, page, box) and, where the package holds
    it and images are wanted, its image."""
    page, illustration = found
    ident = illustration.id
    if ident.startswith("P") and "_" in ident:
        ident = ident.split("_", 1)[1]  # this tool's "P{position}_{photo id}"
    photo = Photo(id=ident, page=page, bbox=illustration.bbox)
    for file_id in [illustration.file_id] + [f.get("FILEID") for f in div.findall(f"{METS}fptr")]:
        image = images(file_id) if file_id else None
        if image is not None:
            media_type, data = image
            width, height = _pixels(data)
            return dataclasses.replace(photo, media_type=media_type, data=data, width=width, height=height)
    return photo


def _pixels(data: bytes) -> Tuple[Optional[int], Optional[int]]:
    try:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as image:
            return image.width, image.height
    except Exception:  # noqa: BLE001 - an image that does not open is shown without its size
        return None, None


def _articles(root: ET.Element, alto_of, notes: Dict,
              images: Callable[[str], Optional[Tuple[str, bytes]]]) -> Tuple[Article, ...]:
    logical = _struct_map(root, "LOGICAL")
    if logical is None:
        return ()
    divs = [d for d in logical.iter(f"{METS}div") if d.get("TYPE", "").lower() == "article"]
    divs.sort(key=lambda d: _int(d.get("ORDER")) or 0)
    by_id = {a.get("id"): a for a in notes.get("articles", [])}
    out = []
    for div in divs:
        article_id = div.get("ID", "")
        article_id = article_id[4:] if article_id.startswith("ART_") else article_id
        note = by_id.get(article_id, {})
        record = _dmd(root, div.get("DMDID"))
        blocks: List[Block] = []
        captions: List[Caption] = []
        regions: List[Region] = []
        block_breaks = note.get("block_breaks", [])
        for child in div.findall(f"{METS}div"):
            kind = child.get("TYPE", "").lower()
            areas = [alto_of[a.get("FILEID")] + (a.get("BEGIN"),) for a in child.iter(f"{METS}area")
                     if a.get("FILEID") in alto_of]
            pieces = [(page, alto.blocks[begin]) for page, alto, begin in areas if begin not in alto.illustrations]
            photos = [(page, alto.illustrations[begin]) for page, alto, begin in areas if begin in alto.illustrations]
            text = "".join(p[1].text for p in pieces) if pieces else child.get("LABEL", "")
            first = pieces[0] if pieces else None
            if kind in ("heading", "byline"):
                regions.extend(Region(role=kind, text=b.text, page=page, bbox=b.bbox, lines=b.printed)
                               for page, b in pieces)
            elif kind == "caption":
                photo = _photo(photos[0], images, child) if photos else None
                captions.append(Caption(text=text, page=first[0] if first else None, credit=photo_credit(text),
                                        bbox=first[1].bbox if first else None, lines=first[1].printed if first else (),
                                        photo=photo))
            elif kind in ("paragraph", "subhead", "text", "body"):
                k = len(blocks)
                breaks = tuple(block_breaks[k]) if k < len(block_breaks) else ()
                blocks.append(Block(type="subhead" if kind == "subhead" else "paragraph", text=text,
                                    page=first[0] if first else None, bbox=first[1].bbox if first else None,
                                    more=tuple(PageBox(page=p, bbox=b.bbox, lines=b.printed) for p, b in pieces[1:]),
                                    breaks=breaks, lines=first[1].printed if first else ()))
        pages = note.get("pages") or list(dict.fromkeys(
            x.page for x in (*regions, *blocks, *captions) if x.page is not None))
        fields = _article_fields(record, div)
        out.append(Article(id=article_id, pages=tuple(pages), blocks=tuple(blocks), captions=tuple(captions),
                           jumps=tuple(build_from_plain(Jump, j, "jump") for j in note.get("jumps", [])),
                           breaks=build_from_plain(Breaks, note.get("breaks", {}), "breaks"),
                           regions=tuple(regions), **fields))
    return tuple(out)


def _article_fields(record: Optional[ET.Element], div: ET.Element) -> Dict[str, Optional[str]]:
    fields: Dict[str, Optional[str]] = {"title": div.get("LABEL")}
    if record is None:
        return fields
    for info in record.findall(f"{MODS}titleInfo"):
        title = info.find(f"{MODS}title")
        if info.get("type") == "alternative" and info.get("displayLabel") == "kicker":
            fields["kicker"] = title.text if title is not None else None
        elif info.get("type") is None:
            subtitle = info.find(f"{MODS}subTitle")
            fields["title"] = title.text if title is not None else None
            fields["subtitle"] = subtitle.text if subtitle is not None else None
    name = record.find(f"{MODS}name/{MODS}displayForm")
    if name is not None:
        fields["byline"] = name.text
    series = record.find(f"{MODS}relatedItem[@type='series']/{MODS}titleInfo/{MODS}title")
    if series is not None:
        fields["series"] = series.text
    return fields


# --- ALTO -----------------------------------------------------------------------------------


def read_alto(data: bytes) -> AltoPage:
    """One ALTO page (any version's namespace): its blocks by id, each with its text (Strings
    joined, an SP a space) and its lines, boxes in PDF points; its illustrations by id."""
    try:
        page = parse_alto(data, any_namespace=True)[0]
    except AltoProblem as error:
        raise ValueError(str(error)) from None
    return AltoPage(width=page.width, height=page.height, blocks={b.id: b for b in page.blocks},
                    order=tuple(b.id for b in page.blocks),
                    illustrations={i.id: i for i in page.illustrations})


def _content(alto: AltoPage, name: str, index: int, number: Optional[int]) -> PageContent:
    """An ALTO page as the layout engine's input: its blocks and lines, placed and sized."""
    blocks = []
    for block_id in alto.order:
        block = alto.blocks[block_id]
        lines = tuple(Line(text=line.text, bbox=_bbox(line.bbox), size=line.size, bold=line.bold)
                      for line in block.lines)
        if lines:
            blocks.append(TextBlock(lines=lines, bbox=_bbox(block.bbox)))
    sizes = [line.size for b in blocks for line in b.lines if line.size]
    body = max(set(sizes), key=sizes.count) if sizes else None
    return PageContent(blocks=tuple(blocks), source=name, index=index, number_hint=number,
                       width=alto.width, height=alto.height, body_size=body)


def _bbox(box: Box) -> BBox:
    return BBox(x0=box.x0, top=box.top, x1=box.x1, bottom=box.bottom)
