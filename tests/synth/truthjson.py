"""The truth as JSON: Issue model <-> dict, fields in declaration order, so files diff well."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from laobao_convert.model import Article, Block, Caption, Issue, Jump, Masthead, Page

TRUTH_SCHEMA = "laobao-convert/synthetic-truth@1"


_DERIVED = {(Caption, "credit"), (Caption, "photo"), (Block, "confidence"), (Block, "doubtful")}
"""Fields the truth leaves out: a caption's credit is its text's tail, split by one rule
tested apart, and its photo is the PDF's, not the text's; how sure OCR was of a block is the
reader's, not the page's."""


def to_dict(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)
                if (type(obj), f.name) not in _DERIVED and f.metadata.get("serialized", True)}
    if isinstance(obj, (tuple, list)):
        return [to_dict(x) for x in obj]
    return obj


def issue_to_json(issue: Issue) -> str:
    """The truth file's text: only what parsing must give (no provenance or accounting)."""
    data = {"schema": TRUTH_SCHEMA, "masthead": to_dict(issue.masthead), "pages": to_dict(issue.pages),
            "articles": to_dict(issue.articles)}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def issue_from_json(text: str) -> Issue:
    data = json.loads(text)
    if data.get("schema") != TRUTH_SCHEMA:
        raise ValueError(f"not a synthetic truth file (schema {data.get('schema')!r})")
    articles = []
    for a in data["articles"]:
        a = dict(a)
        a["pages"] = tuple(a["pages"])
        a["blocks"] = tuple(Block(**b) for b in a["blocks"])
        a["captions"] = tuple(Caption(**c) for c in a["captions"])
        a["jumps"] = tuple(Jump(**j) for j in a["jumps"])
        articles.append(Article(**a))
    return Issue(masthead=Masthead(**data["masthead"]), pages=tuple(Page(**p) for p in data["pages"]),
                 articles=tuple(articles))
