"""The JSON writer: the issue model, faithfully, in the documented shape (issue.schema.json)."""

from __future__ import annotations

import json
from typing import BinaryIO, Optional

from laobao_convert.model import Issue
from laobao_convert.serialize import issue_to_dict


def render_json(issue: Issue) -> str:
    """UTF-8 friendly (CJK as itself), two-space indent, model key order, trailing newline."""
    return json.dumps(issue_to_dict(issue), ensure_ascii=False, indent=2) + "\n"


class JsonWriter:
    name = "json"
    extension = "json"
    description = "JSON: the whole issue model, for pipelines (schema laobao-convert/issue@1)"

    def write(self, issue: Issue, stream: BinaryIO, *, template_dir: Optional[str] = None) -> None:
        # template_dir is part of the writer protocol; JSON has no templates.
        stream.write(render_json(issue).encode("utf-8"))
