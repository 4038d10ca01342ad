"""The reflowed HTML writer: one self-contained page (CSS inline, nothing fetched) per issue."""

from __future__ import annotations

import base64
from typing import BinaryIO, Optional

from laobao_convert.model import Issue, Photo
from laobao_convert.templating import environment
from laobao_convert.writers.common import issue_view, render_template

TEMPLATE = "issue.html.j2"


def data_uri(photo: Photo) -> str:
    """The photo as a data: URI, so the page stays one self-contained file."""
    return f"data:{photo.media_type};base64,{base64.b64encode(photo.data).decode('ascii')}"


def render_html(issue: Issue, template_dir: Optional[str] = None) -> str:
    """The whole page as text."""
    return render_template(environment(template_dir), TEMPLATE, issue=issue_view(issue, data_uri))


class HtmlWriter:
    name = "html"
    extension = "html"
    description = "one self-contained reflowed HTML page, readable on a phone and in print"
    shows_images = True
    """Photos are embedded (data: URIs): a PDF's are taken out when it is read."""

    def write(self, issue: Issue, stream: BinaryIO, *, template_dir: Optional[str] = None) -> None:
        stream.write(render_html(issue, template_dir).encode("utf-8"))
