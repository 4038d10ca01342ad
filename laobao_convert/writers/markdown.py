"""The Markdown writer: the issue as CommonMark that reads well in any renderer.

Layout (templates/issue.md.j2 arranges it; the conventions below are what
laobao_convert.readers.own_markdown reads back, so change both together):

- YAML front matter: masthead fields, pages, source files, `generator: laobao-convert X.Y.Z`.
- `# 中国劳动保障报 2024年4月24日 第7154期`, then `## 第一版 要闻` per page.
- Each article once, at its first page, whole; articles on one page are separated by `* * *`.
  Above its `### title`: the series label as a bold line, the kicker as an italic line. Below
  it: the subtitle as an italic line, the byline as a bold line. Then paragraphs, subheads as
  `####`, captions as `> 图片说明：…`, and notes (`> 注：…`) for continued or cut-off articles.
- Warnings, if any, in a closing `## 转换提示` list.

All text is escaped, so no character of an article ever turns into markup. Whole-line emphasis
is used on purpose: CommonMark's flanking rules make `**…**` fail next to CJK punctuation inside
a line, never at a line's ends.
"""

from __future__ import annotations

import json
import re
from typing import BinaryIO, List, Optional, Tuple

from laobao_convert.model import Article, Caption, Issue
from laobao_convert.templating import environment
from laobao_convert.writers.common import (
    body_items, clean, issue_title, page_groups, page_heading, page_label, render_template,
)

TEMPLATE = "issue.md.j2"

NO_TITLE = "（无标题）"
"""Stands in for the heading of an article whose headline was not found (its title is None);
read back as None."""
CAPTION_LABEL = "图片说明："
NOTE_LABEL = "注："
SEPARATOR = "* * *"
WARNINGS_HEADING = "转换提示"

# ASCII punctuation that can start markup anywhere in a line. `&` too: it starts entity
# references (&amp;), and escaping it keeps the &#32; we write ourselves unambiguous. `$` for
# renderers that add math.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&!$])")
# At a line's start these make lists, quotes, headings or setext underlines.
_LINE_START_SPECIAL = re.compile(r"^([-+=>])")
_ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])")
# CommonMark strips spaces and tabs at a line's ends; a numeric reference keeps them.
_EDGE_SPACE = {" ": "&#32;", "\t": "&#9;"}


def escape_line(line: str) -> str:
    """One line of text as Markdown inline content that renders as exactly that text."""
    # Control characters carry no text (HTML and EPUB drop them too); a return would end the
    # line for a CommonMark reader.
    line = clean(line).replace("\r", "")
    escaped = _INLINE_SPECIAL.sub(r"\\\1", line)
    escaped = _LINE_START_SPECIAL.sub(r"\\\1", escaped)
    escaped = _ORDERED_MARKER.sub(r"\1\\\2", escaped)
    lead = len(escaped) - len(escaped.lstrip(" \t"))
    escaped = "".join(_EDGE_SPACE[c] for c in escaped[:lead]) + escaped[lead:]
    body = escaped.rstrip(" \t")
    return body + "".join(_EDGE_SPACE[c] for c in escaped[len(body):])


def escape_text(text: str, prefix: str = "") -> str:
    """Text that may hold line breaks: each line escaped, joined by hard breaks (`\\` at a
    line's end). `prefix` starts every continuation line (`> ` inside a quote)."""
    return ("\\\n" + prefix).join(escape_line(line) for line in text.split("\n"))


def heading_text(text: str) -> str:
    """A heading holds one line: a two-line title or subhead is set on one, with a space."""
    return escape_line(" ".join(part.strip() for part in text.split("\n")))


_YAML_PLAIN = re.compile(r"[\w][\w .@/-]*(?<! )")
# Plain scalars YAML would read as something other than a string.
_YAML_NOT_STRING = re.compile(r"(?i)true|false|yes|no|on|off|y|n|null|~|[-+.\d][\d.eE+-]*|0x[0-9a-f]+|0o[0-7]+")
_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def yaml_scalar(value: object) -> str:
    """A YAML value: ints, ISO dates (YAML dates, as pipelines expect) and plain-safe strings
    as they are; anything else double-quoted (JSON's string syntax is valid YAML)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    text = clean(str(value))
    if _ISO_DATE.fullmatch(text) or (_YAML_PLAIN.fullmatch(text) and not _YAML_NOT_STRING.fullmatch(text)):
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(pairs: List[Tuple[str, object]]) -> str:
    inner = ", ".join(f"{key}: {yaml_scalar(value)}" for key, value in pairs if value is not None)
    return "{" + inner + "}"


def front_matter(issue: Issue) -> str:
    masthead = issue.masthead
    lines = ["---"]
    for key in ("paper", "date", "weekday", "issue_number", "page_count", "authority", "cn",
                "postal_code", "overseas_code", "website", "email", "lunar_date", "total_issue",
                "issn", "sponsor", "publisher", "phone"):
        value = getattr(masthead, key)
        if value is not None:
            lines.append(f"{key}: {yaml_scalar(value)}")
    if issue.pages:
        lines.append("pages:")
        for page in issue.pages:
            pairs = [("number", page.number), ("name", page.name), ("editor", page.editor), ("date", page.date)]
            lines.append(f"  - {_flow(pairs)}")
    if issue.provenance.sources:
        lines.append("source:")
        for source in issue.provenance.sources:
            lines.append(f"  - {_flow([('name', source.name), ('sha256', source.sha256)])}")
    generator = " ".join(filter(None, [issue.provenance.tool or "laobao-convert", issue.provenance.version]))
    lines.append(f"generator: {yaml_scalar(generator)}")
    lines.append("---")
    return "\n".join(lines)


def _jump_notes(article: Article) -> List[str]:
    notes = []
    if len(article.pages) > 1:
        notes.append("本文见" + "、".join(page_label(n) for n in article.pages))
    for jump in article.jumps:
        if jump.resolved:
            continue
        if jump.to_page is None:
            notes.append("本文有转版，但版次无法识别，接续部分未在本期找到")
        else:
            notes.append(f"本文下转{page_label(jump.to_page)}，接续部分未在本期找到")
    return notes


def _emphasised(text: Optional[str], marks: str) -> List[str]:
    # An empty field is left out: `****` would be a thematic break.
    return [f"{marks}{escape_text(text)}{marks}"] if text else []


def article_chunks(article: Article) -> List[str]:
    """The article as Markdown blocks (to be separated by blank lines)."""
    chunks = _emphasised(article.series, "**") + _emphasised(article.kicker, "*")
    chunks.append("### " + (heading_text(article.title) if article.title is not None else NO_TITLE))
    chunks += _emphasised(article.subtitle, "*") + _emphasised(article.byline, "**")
    for item in body_items(article):
        if isinstance(item, Caption):
            chunks.append("> " + CAPTION_LABEL + escape_text(item.text, prefix="> "))
        elif item.type == "subhead":
            chunks.append("#### " + heading_text(item.text))
        else:
            chunks.append(escape_text(item.text))
    chunks.extend("> " + NOTE_LABEL + escape_text(note) for note in _jump_notes(article))
    return chunks


def _warning_line(warning) -> str:
    level = "说明" if warning.level == "info" else "警告"
    where = f"（{page_label(warning.page)}）" if warning.page is not None else ""
    return f"- {level}{where}：{escape_text(warning.message, prefix='  ')}"


def render_markdown(issue: Issue, template_dir: Optional[str] = None) -> str:
    sections = []
    for page, articles in page_groups(issue):
        heading = page_heading(page) if page is not None else "其他"
        sections.append(
            {
                "heading": escape_line(heading),
                "articles": ["\n\n".join(article_chunks(a)) for a in articles],
            }
        )
    text = render_template(
        environment(template_dir, autoescape=False),
        TEMPLATE,
        front_matter=front_matter(issue),
        title=escape_line(issue_title(issue)),
        sections=sections,
        separator=SEPARATOR,
        warnings_heading=WARNINGS_HEADING,
        warnings=[_warning_line(w) for w in issue.warnings],
    )
    # Templates are easier to write loosely: settle blank lines here so output is canonical.
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"


class MarkdownWriter:
    name = "md"
    extension = "md"
    description = "Markdown (CommonMark) with YAML front matter, one section per page"

    def write(self, issue: Issue, stream: BinaryIO, *, template_dir: Optional[str] = None) -> None:
        stream.write(render_markdown(issue, template_dir).encode("utf-8"))
