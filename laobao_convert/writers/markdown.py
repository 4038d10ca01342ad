"""The Markdown writer: the issue as CommonMark that reads well in any renderer.

Layout (templates/issue.md.j2 arranges it; the conventions below are what
laobao_convert.readers.own_markdown reads back, so change both together):

- YAML front matter: pandoc's keys (title, lang, date, identifier, publisher), so that
  `pandoc issue.md -o issue.epub` makes a book with the issue's title and language; and the
  tool's own data under `laobao:` (the issue id, masthead fields, pages, source files,
  `generator: laobao-convert X.Y.Z`).
- `# 中国劳动保障报 2024年4月24日 第7154期`, then (for an incomplete issue) `> 注：收录第1版，共8版`,
  then `## 第一版 要闻` per page.
- Each article once, at its first page, whole; articles on one page are separated by `* * *`.
  It opens with its anchor, `<div id="2024-04-24-7154-p1-a2"></div>` (the id it has in every
  format; an HTML block, so no empty paragraph is made of it). Above its `### title`: the series label as a bold line, the kicker as a quoted line
  (`> …`). Below it: the subtitle as a quoted line, the byline as a bold line. Then
  paragraphs, subheads as `####`, captions as `> 图片说明：…` (a photo written beside the
  output, --images, as `![…](file)` above its caption), and notes (`> 注：…`) for
  continued or cut-off articles. No italics: CJK has none (slanted Chinese is a faux style),
  and CommonMark's `*` fails beside CJK punctuation.
- Warnings, if any, in a closing `## 转换提示` list, in Chinese.

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
from laobao_convert.writers import notes_zh
from laobao_convert.writers.common import (
    LANGUAGE, body_items, book_identifier, clean, fallback_paper_name, issue_title, page_groups, page_heading,
    page_label, render_template,
)

TEMPLATE = "issue.md.j2"

NO_TITLE = "（无标题）"
"""Stands in for the heading of an article whose headline was not found (its title is None);
read back as None."""
CAPTION_LABEL = "图片说明："
NOTE_LABEL = "注："
SEPARATOR = "* * *"
WARNINGS_HEADING = "转换提示"
OWN_KEY = "laobao"
"""The front matter's key for the tool's own data (pandoc's keys stay at the top)."""

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
    lines = ["---", f"title: {yaml_scalar(issue_title(issue))}", f"lang: {LANGUAGE}"]
    if masthead.date:
        lines.append(f"date: {yaml_scalar(masthead.date)}")
    lines.append(f"identifier: {yaml_scalar(book_identifier(issue))}")
    lines.append(f"publisher: {yaml_scalar(masthead.paper or fallback_paper_name(issue))}")
    lines.append(f"{OWN_KEY}:")
    own = ["id: " + yaml_scalar(issue.id)]
    for key in ("paper", "date", "weekday", "issue_number", "page_count", "authority", "cn",
                "postal_code", "overseas_code", "website", "email", "lunar_date", "total_issue",
                "issn", "sponsor", "publisher", "phone"):
        value = getattr(masthead, key)
        if value is not None:
            own.append(f"{key}: {yaml_scalar(value)}")
    coverage = notes_zh.coverage(issue)
    if coverage:
        own.append(f"coverage: {yaml_scalar(coverage)}")
    if issue.pages:
        own.append("pages:")
        for page in issue.pages:
            pairs = [("number", page.number), ("name", page.name), ("editor", page.editor), ("date", page.date)]
            own.append(f"  - {_flow(pairs)}")
    if issue.provenance.sources:
        own.append("source:")
        for source in issue.provenance.sources:
            own.append(f"  - {_flow([('name', source.name), ('sha256', source.sha256)])}")
    generator = " ".join(filter(None, [issue.provenance.tool or "laobao-convert", issue.provenance.version]))
    own.append(f"generator: {yaml_scalar(generator)}")
    lines.extend("  " + line for line in own)
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


def _quoted(text: Optional[str]) -> List[str]:
    return ["> " + escape_text(text, prefix="> ")] if text else []


def anchor(uid: str) -> str:
    """The article's anchor: an HTML block, which CommonMark renderers and pandoc (as a div)
    both keep. Text never starts with `<` (the writer escapes it), so the reader knows the line
    as its own."""
    return f'<div id="{uid}"></div>'


def image_line(caption: Caption) -> str:
    """The photo written beside the output, as an image of its own above its caption; its
    text alternative is what the caption says it shows."""
    alt = escape_line(" ".join(caption.description.split()) or "图片")
    path = caption.photo.file if caption.photo is not None else ""
    # A path with spaces or brackets goes in <...>, as CommonMark and pandoc allow.
    target = f"<{path}>" if re.search(r"[\s()<>]", path) else path
    return f"![{alt}]({target})"


def article_chunks(article: Article, uid: str = "") -> List[str]:
    """The article as Markdown blocks (to be separated by blank lines)."""
    chunks = [anchor(uid)] if uid else []
    chunks += _emphasised(article.series, "**") + _quoted(article.kicker)
    chunks.append("### " + (heading_text(article.title) if article.title is not None else NO_TITLE))
    chunks += _quoted(article.subtitle) + _emphasised(article.byline, "**")
    for item in body_items(article):
        if isinstance(item, Caption):
            if item.photo is not None and item.photo.file:
                chunks.append(image_line(item))
            chunks.append("> " + CAPTION_LABEL + escape_text(item.text, prefix="> "))
        elif item.type == "subhead":
            chunks.append("#### " + heading_text(item.text))
        else:
            chunks.append(escape_text(item.text))
    chunks.extend("> " + NOTE_LABEL + escape_text(note) for note in _jump_notes(article))
    return chunks


def _warning_line(warning, issue: Issue) -> str:
    level = "说明" if warning.level == "info" else "警告"
    where = f"（{page_label(warning.page)}）" if warning.page is not None else ""
    return f"- {level}{where}：{escape_text(notes_zh.note(warning, issue), prefix='  ')}"


def render_markdown(issue: Issue, template_dir: Optional[str] = None) -> str:
    sections = []
    for page, articles in page_groups(issue):
        heading = page_heading(page) if page is not None else "其他"
        sections.append(
            {
                "heading": escape_line(heading),
                "articles": ["\n\n".join(article_chunks(a, issue.article_uid(a))) for a in articles],
            }
        )
    text = render_template(
        environment(template_dir, autoescape=False),
        TEMPLATE,
        front_matter=front_matter(issue),
        title=escape_line(issue_title(issue)),
        coverage="> " + NOTE_LABEL + escape_line(notes_zh.coverage(issue)) if notes_zh.coverage(issue) else "",
        sections=sections,
        separator=SEPARATOR,
        warnings_heading=WARNINGS_HEADING,
        warnings=[_warning_line(w, issue) for w in issue.warnings],
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
