"""Photos for captions, and the cover: what the readers took out of the PDF, put into the issue.

The parser reads text only; its captions keep the box they are printed in. The layout bound
each caption frame to one picture (content.Graphic.captions), so a parsed caption finds its
photo again by that box, on the page it was read from. The issue's page one, rendered by the
reader, becomes the cover. Pure functions: the issue in, a new issue out.
"""

from __future__ import annotations

import dataclasses
from typing import Dict, List, Optional, Sequence, Tuple

from laobao_convert.content import BBox, Document, PageContent
from laobao_convert.model import Article, Box, Caption, Issue, Photo
from laobao_convert.parse.places import model_box

EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png"}
MIN_SHARE = 0.5
"""A caption is the one a picture was bound to when it covers this share of the bound frame."""


def with_figures(issue: Issue, documents: Sequence[Document]) -> Issue:
    """The issue with each caption given its photo (where the layout bound one) and, where
    the reader rendered page one, its cover."""
    by_number = contents_by_page(issue, documents)
    ids: Dict[Tuple[int, int], str] = {}
    taken: set = set()
    articles = []
    for article in issue.articles:
        captions = tuple(_with_photo(c, by_number, ids, taken) for c in article.captions)
        articles.append(dataclasses.replace(article, captions=captions) if captions != article.captions else article)
    cover = None
    first = by_number.get(min(by_number)) if by_number else None
    if first is not None and first.cover is not None:
        image = first.cover
        cover = Photo(id="cover", page=min(by_number), media_type=image.media_type, width=image.width,
                      height=image.height, data=image.data)
    return dataclasses.replace(issue, articles=tuple(articles), cover=cover)


def contents_by_page(issue: Issue, documents: Sequence[Document]) -> Dict[int, PageContent]:
    """Each model page's content as the reader gave it, by page number."""
    contents = {(page.source, page.index): page for document in documents for page in document.pages}
    by_number: Dict[int, PageContent] = {}
    for page in issue.pages:
        content = contents.get((page.source, page.index))
        if content is not None:
            by_number.setdefault(page.number, content)
    return by_number


def _with_photo(caption: Caption, pages: Dict[int, PageContent], ids: Dict[Tuple[int, int], str],
                taken: set) -> Caption:
    if caption.bbox is None or caption.page is None or caption.page not in pages:
        return caption
    content = pages[caption.page]
    pictures = [g for g in content.graphics if g.kind == "picture"]
    best: Optional[Tuple[float, int]] = None
    for k, graphic in enumerate(pictures):
        if not graphic.photo:
            continue
        share = max((_covered(frame, caption.bbox) for frame in graphic.captions), default=0.0)
        if share >= MIN_SHARE and (best is None or share > best[0]):
            best = (share, k)
    if best is None:
        return caption
    k = best[1]
    key = (caption.page, k)
    if key in taken:
        return caption  # a photo is shown once, with its first caption
    taken.add(key)
    order = sum(1 for g in pictures[:k] if g.photo) + 1
    photo_id = ids.setdefault(key, f"p{caption.page}-i{order}")
    graphic = pictures[k]
    bbox = model_box(graphic.bbox)  # to the hundredth of a point, as every box of the model
    image = graphic.image
    photo = Photo(id=photo_id, page=caption.page, bbox=bbox)
    if image is not None:
        photo = dataclasses.replace(photo, media_type=image.media_type, width=image.width, height=image.height,
                                    data=image.data)
    return dataclasses.replace(caption, photo=photo)


def _covered(frame: BBox, box: Box) -> float:
    """How much of the bound frame the caption's box covers."""
    width = min(frame.x1, box.x1) - max(frame.x0, box.x0)
    height = min(frame.bottom, box.bottom) - max(frame.top, box.top)
    area = (frame.x1 - frame.x0) * (frame.bottom - frame.top)
    if width <= 0 or height <= 0 or area <= 0:
        return 0.0
    return width * height / area


def photos(issue: Issue) -> Tuple[Photo, ...]:
    """The issue's photos that have an image, in article order."""
    return tuple(c.photo for a in issue.articles for c in a.captions if c.photo is not None and c.photo.data)


def file_name(issue: Issue, photo: Photo) -> str:
    """The photo's file name, unique across issues: 2024-04-24-7154-p1-i1.jpg."""
    return f"{issue.id}-{photo.id}{EXTENSIONS.get(photo.media_type or '', '.img')}"


def photo_files(issue: Issue) -> Tuple[Tuple[str, bytes], ...]:
    """(path relative to the output's folder, bytes) of each image file the issue names."""
    return tuple((c.photo.file, c.photo.data) for a in issue.articles for c in a.captions
                 if c.photo is not None and c.photo.file and c.photo.data)


def with_files(issue: Issue, folder: str) -> Issue:
    """The issue with each photo that has an image named by its file in `folder` (a path
    relative to the output's folder, '/' between parts, as JSON and Markdown give it)."""
    prefix = folder.replace("\\", "/").rstrip("/")

    def named(caption: Caption) -> Caption:
        if caption.photo is None or not caption.photo.data:
            return caption
        path = f"{prefix}/{file_name(issue, caption.photo)}" if prefix else file_name(issue, caption.photo)
        return dataclasses.replace(caption, photo=dataclasses.replace(caption.photo, file=path))

    articles: List[Article] = [dataclasses.replace(a, captions=tuple(named(c) for c in a.captions))
                               for a in issue.articles]
    return dataclasses.replace(issue, articles=tuple(articles))
