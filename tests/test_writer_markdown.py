"""The Markdown writer: front matter, page sections, article parts set apart, text never markup."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from golden_files import check_golden
from issue_examples import EXAMPLES, full_issue, minimal_issue, single_page_issue
from laobao_convert.readers.own_markdown import split_front_matter, unescape
from laobao_convert.writers.markdown import MarkdownWriter, escape_line, escape_text, render_markdown


def write(issue, template_dir=None) -> str:
    stream = io.BytesIO()
    MarkdownWriter().write(issue, stream, template_dir=template_dir)
    return stream.getvalue().decode("utf-8")


def chunks(markdown: str):
    return [c.strip("\n") for c in re.split(r"\n\s*\n", markdown) if c.strip()]


def section(markdown: str, heading: str) -> str:
    """The text of the `## heading` section."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", markdown, re.S | re.M)
    assert match, f"no section {heading}"
    return match.group(1)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_golden(name):
    check_golden(f"md/{name}.md", write(EXAMPLES[name]()))


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_deterministic(name):
    assert write(EXAMPLES[name]()) == write(EXAMPLES[name]())


def test_front_matter_fields():
    markdown = write(full_issue())
    assert markdown.startswith("---\n")
    meta, rest = split_front_matter(markdown)
    assert meta["paper"] == "中国劳动保障报"
    assert meta["date"] == "2023-11-08"
    assert meta["issue_number"] == 7093
    assert meta["page_count"] == 4
    assert [p["name"] for p in meta["pages"]] == ["要闻", "综合新闻", "就业", "社会保障"]
    assert meta["pages"][1]["editor"] == "王 丽"
    assert [s["name"] for s in meta["source"]] == [f"20231108_0{n}.pdf" for n in range(1, 5)]
    assert meta["generator"] == "laobao-convert 0.1.0"
    assert rest.lstrip("\n").startswith("# 中国劳动保障报 2023年11月8日 第7093期\n")


def test_front_matter_leaves_out_what_is_not_printed():
    meta, _ = split_front_matter(write(minimal_issue()))
    assert set(meta) == {"id", "pages", "generator"}
    assert meta["pages"] == [{"number": 1}]


def test_page_sections_with_chinese_numerals():
    markdown = write(full_issue())
    headings = re.findall(r"^## (.+)$", markdown, re.M)
    assert headings == ["第一版 要闻", "第二版 综合新闻", "第三版 就业", "第四版 社会保障", "转换提示"]
    assert re.findall(r"^## (.+)$", write(single_page_issue()), re.M)[0] == "第一版"


def test_each_article_once_at_its_first_page_whole():
    issue = full_issue()
    markdown = write(issue)
    assert len(re.findall(r"^### ", markdown, re.M)) == len(issue.articles)
    first = section(markdown, "第一版 要闻")
    chained = issue.articles[1]
    for block in chained.blocks:  # blocks from pages 1, 2 and 4, all under page one
        assert block.text in first
    assert chained.blocks[-1].text not in section(markdown, "第四版 社会保障")
    assert first.count("\n* * *\n") == 2  # three articles start on page one


def test_parts_are_set_apart_around_the_title():
    lead = chunks(section(write(full_issue()), "第一版 要闻"))
    assert lead[:6] == [
        '<div id="2023-11-08-7093-p1-a1"></div>',
        "> 全国职业技能大赛筹备工作全面展开",
        "### 以赛促学以赛促训 推动技能人才队伍建设",
        "> ——来自第二届全国职业技能大赛赛区的报道",
        "**本报记者 林秋 通讯员 赵一鸣**",
        full_issue().articles[0].blocks[0].text,
    ]
    series = chunks(section(write(full_issue()), "第一版 要闻").split("* * *")[1])
    assert series[:4] == ['<div id="2023-11-08-7093-p1-a2"></div>',"**人社局长谈稳就业促增收③**", "### 把稳就业作为民生工作的头等大事",
                          "**某省人力资源和社会保障厅党组书记、厅长 孙建平**"]


def test_subheads_captions_and_notes():
    markdown = write(full_issue())
    assert "\n#### 赛训结合提升能力\n" in markdown
    assert "\n> 图片说明：11月7日，选手在数控铣项目集训中进行精度测量。本报记者 林秋 摄\n" in markdown
    assert "\n> 注：本文见第一版、第二版、第四版\n" in markdown
    assert "\n> 注：本文下转第二版，接续部分未在本期找到\n" in markdown
    assert "版次无法识别" in write(single_page_issue())


def test_missing_title_gets_the_placeholder_only_then():
    markdown = write(full_issue())
    assert re.findall(r"^### （无标题）$", section(markdown, "第二版 综合新闻"), re.M) == ["### （无标题）"]
    assert markdown.count("（无标题）") == 1


def test_warnings_listed_at_the_end():
    closing = section(write(full_issue()), "转换提示")
    assert closing.strip().splitlines() == [
        "- 警告（第一版）：第1版《一季度社保基金运行总体平稳》下转第2版，但第2版没有找到它的接续部分",
        "- 警告（第二版）：第2版第1篇文章找不到标题",
        "- 说明（第四版）：第4版页脚（社址、电话、定价）未收入文章",
    ]


def test_every_article_character_is_in_the_output():
    issue = full_issue()
    text = unescape(write(issue))
    for article in issue.articles:
        for value in (article.series, article.kicker, article.title, article.subtitle, article.byline):
            if value:
                assert value in text
        for part in (*article.blocks, *article.captions):
            assert part.text in text


def test_markup_in_text_is_escaped():
    markdown = write(full_issue())
    third = section(markdown, "第三版 就业")
    assert "### “AI\\+招聘” 让求职 \\*更高效\\*" not in third  # + is only escaped at a line's start
    assert "### “AI+招聘” 让求职 \\*更高效\\*" in third
    assert "\n1\\. 各地开设" in third
    assert "\n\\# 系统把岗位需求按\\<技能\\>标签匹配" in third
    assert "#### \\+ 服务清单 \\| 一网通办" in third
    assert "\\!\\[图\\] 与 \\[链接\\](http://example.invalid)" in third


# Characters that open markup somewhere in CommonMark (or its common extensions).
_SPECIAL = set("\\`*_[]<>#|~&!$")


def bare_markup(markdown_line: str):
    """Problems in one escaped line: a special character not escaped, or a line start that
    would make a block (list, quote, heading, setext underline, ordered list)."""
    problems = []
    if re.match(r"[-+=>]|\d{1,9}[.)]|[ \t]", markdown_line):
        problems.append(f"line start {markdown_line[:3]!r}")
    i = 0
    while i < len(markdown_line):
        ch = markdown_line[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "&" and re.match(r"&#\d+;", markdown_line[i:]):
            i = markdown_line.index(";", i) + 1
            continue
        if ch in _SPECIAL:
            problems.append(f"bare {ch!r} at {i}")
        i += 1
    return problems


TEXT = st.text(
    alphabet=st.sampled_from(list("\\`*_[]<>#|~&!$-+=.)1209 \t，。“”中文报道abc&#;")), max_size=40
)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_escaped_line_has_no_markup_and_reads_back(text):
    escaped = escape_line(text)
    assert bare_markup(escaped) == []
    assert unescape(escaped) == text


@settings(max_examples=100, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_escaped_text_keeps_line_breaks_as_hard_breaks(lines):
    text = "\n".join(lines)
    escaped = escape_text(text, prefix="> ")
    for i, line in enumerate(escaped.split("\n")):
        body = line[2:] if i else line
        if i < len(lines) - 1:
            assert body.endswith("\\")
            body = body[:-1]
        assert bare_markup(body) == []
    assert unescape(re.sub(r"\n> ", "\n", escaped)) == text


def test_renders_as_intended_in_a_commonmark_parser():
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").render(write(full_issue()))
    assert html.count("<h3>") == 6 and html.count("<h4>") == 3 and html.count("<h2>") >= 5
    assert "<a " not in html and "<img" not in html and "<ol" not in html and "<code" not in html
    assert "<em>" not in html  # no italics for Chinese text
    assert html.count('<div id="2023-11-08-7093-p') == 6  # the articles' anchors
    assert "<blockquote>\n<p>全国职业技能大赛筹备工作全面展开</p>\n</blockquote>" in html
    assert "<strong>人社局长谈稳就业促增收③</strong>" in html


def test_template_dir_overrides_the_layout(tmp_path):
    (tmp_path / "issue.md.j2").write_text("# {{ title }}\n{% for s in sections %}\n## {{ s.heading }}\n{% endfor %}\n",
                                          encoding="utf-8")
    markdown = write(full_issue(), template_dir=str(tmp_path))
    assert markdown == "# 中国劳动保障报 2023年11月8日 第7093期\n## 第一版 要闻\n## 第二版 综合新闻\n" \
                       "## 第三版 就业\n## 第四版 社会保障\n"


def test_output_ends_with_one_newline_and_no_blank_runs():
    for build in EXAMPLES.values():
        markdown = render_markdown(build())
        assert markdown.endswith("\n") and not markdown.endswith("\n\n")
        assert "\n\n\n" not in markdown


@settings(max_examples=300, deadline=None)
@given(TEXT.filter(lambda t: t.strip(" \t")))
def test_escaped_line_renders_as_its_text_in_a_commonmark_parser(text):
    markdown_it = pytest.importorskip("markdown_it")
    import html

    rendered = markdown_it.MarkdownIt("commonmark").render(escape_line(text))
    assert rendered == f"<p>{html.escape(text, quote=True)}</p>\n".replace("&#x27;", "'")


@settings(max_examples=200, deadline=None)
@given(TEXT.filter(lambda t: t.strip(" \t")))
def test_set_apart_lines_render_as_intended_in_a_commonmark_parser(text):
    markdown_it = pytest.importorskip("markdown_it")
    import html

    parser = markdown_it.MarkdownIt("commonmark")
    shown = html.escape(text, quote=True).replace("&#x27;", "'")
    assert parser.render(f"*{escape_text(text)}*") == f"<p><em>{shown}</em></p>\n"
    assert parser.render(f"**{escape_text(text)}**") == f"<p><strong>{shown}</strong></p>\n"
    assert parser.render(f"### {escape_line(text)}") == f"<h3>{shown}</h3>\n"
    assert parser.render(f"> 图片说明：{escape_text(text, prefix='> ')}") == (
        f"<blockquote>\n<p>图片说明：{shown}</p>\n</blockquote>\n"
    )


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_front_matter_is_valid_yaml(name):
    yaml = pytest.importorskip("yaml")
    markdown = write(EXAMPLES[name]())
    block = markdown.split("\n---\n", 1)[0][len("---\n"):]
    data = yaml.safe_load(block)["laobao"]
    issue = EXAMPLES[name]()
    assert data["paper"] if issue.masthead.paper else "paper" not in data
    assert data["generator"].startswith("laobao-convert")
    assert [p["number"] for p in data["pages"]] == [p.number for p in issue.pages]
    assert [s["name"] for s in data.get("source", [])] == [s.name for s in issue.provenance.sources]
    if issue.masthead.postal_code:
        assert data["postal_code"] == issue.masthead.postal_code  # a string, not a number


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aynNoxX0123456789.-+:#@/ 'e\"\\，中报{}[],&*!|>%")), max_size=12))
def test_front_matter_values_read_back_as_the_same_string(value):
    yaml = pytest.importorskip("yaml")
    from laobao_convert.writers.markdown import yaml_scalar

    loaded = yaml.safe_load("k: " + yaml_scalar(value))["k"]
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", value):  # ISO dates are YAML dates on purpose
        assert loaded == value
