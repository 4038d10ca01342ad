"""The reflowed HTML writer: one self-contained page (CSS inline, nothing fetched) per issue."""

from __future__ import annotations

from typing import BinaryIO, Optional

from laobao_convert.model import Issue
from laobao_convert.templating import environment
from laobao_convert.writers.common import issue_view, render_template

TEMPLATE = "issue.html.j2"


def render_html(issue: Issue, template_dir: Optional[str] = None) -> str:
    """The whole page as text."""
    return render_template(environment(template_dir), TEMPLATE, issue=issue_view(issue))


class HtmlWriter:
    name = "html"
    extension = "html"
    description = "one self-contained reflowed HTML page, readable on a phone and in print"

    def write(self, issue: Issue, stream: BinaryIO, *, template_dir: Optional[str] = None) -> None:
        stream.write(render_html(issue, template_dir).encode("utf-8"))
