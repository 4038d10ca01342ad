"""The text reader: pages, blocks, heading and hard-break marks, page hints from file names."""

from __future__ import annotations

import hashlib

import pytest

from laobao_convert.errors import InputError
from laobao_convert.readers.text import number_hint, read_text, split_pages
from laobao_convert.writers.markdown import render_markdown
from tests.issue_examples import full_issue


def test_form_feeds_split_pages():
    doc = read_text("第一页文字。\n\f第二页文字。\n\f第三页文字。\n".encode(), "issue.txt")
    assert [p.blocks[0].text for p in doc.pages] == ["第一页文字。", "第二页文字。", "第三页文字。"]
    assert [p.index for p in doc.pages] == [0, 1, 2]
    assert doc.source.pages == 3


def test_trailing_form_feed_makes_no_empty_page():
    doc = read_text("第一页文字。\n\f".encode(), "issue.txt")
    assert len(doc.pages) == 1


@pytest.mark.parametrize("header", [
    "2024年4月24日 星期三 第2版 就业 责任编辑 张 三",
    "第3版　综合新闻　2024年4月24日　星期三　责编：李四",
    "2024年4月24日  星期三\n\n02\n\n社会保障\n\n责任编辑：王五",
])
def test_inner_page_headers_split_pages_without_form_feeds(header):
    text = f"头版文字。\n\n{header}\n\n第二页的文字。\n"
    pages = split_pages(text)
    assert len(pages) == 2
    assert pages[1].startswith(header.split("\n")[0])


def test_prose_with_dates_does_not_split():
    text = "2024年4月24日，人社部举行发布会。\n\n第2版的内容见下。\n\n责任编辑要认真审稿。\n"
    assert len(split_pages(text)) == 1


def test_markdown_headings_and_hard_breaks():
    text = "## 标题一 标题二\n\n就业保持总体稳定  \n全国城镇新增就业\n\n正文第一段。\n"
    doc = read_text(text.encode(), "p.md")
    assert doc.kind == "markdown"
    heading, subhead, body = doc.pages[0].blocks
    assert heading.heading and heading.text == "标题一 标题二"
    assert [l.hard_break for l in subhead.lines] == [True, False]
    assert subhead.lines[0].text == "就业保持总体稳定"
    assert not body.heading


def test_plain_text_is_pdftotext_and_keeps_indents():
    doc = read_text("　　第一段的第一行\n接着写。\n".encode(), "p.txt")
    assert doc.kind == "pdftotext"
    assert doc.pages[0].blocks[0].lines[0].text.startswith("　　")


@pytest.mark.parametrize("name, hint", [
    ("20240424_03.txt", 3), ("20240424_03.md", 3), ("20240424-p1.md", 1),
    ("rmrb2024042412.txt", 12), ("issue-p2.md", 2), ("notes.txt", None), ("20240424.txt", None),
])
def test_number_hint_from_file_name(name, hint):
    assert number_hint(name) == hint


def test_number_hint_reaches_pages():
    doc = read_text("正文。\n".encode(), "/some/where/20240424_05.txt")
    assert doc.pages[0].number_hint == 5
    assert doc.pages[0].source == "20240424_05.txt"


def test_empty_text_is_an_input_error():
    with pytest.raises(InputError):
        read_text("\f\n\f  \n".encode(), "empty.txt")


def test_our_own_markdown_is_read_back_with_roles_and_the_files_checksum():
    text = render_markdown(full_issue())
    data = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")  # BOM + CRLF
    doc = read_text(data, "out.md")
    # The checksum names the file as it is on disk, not the text it decoded to.
    assert doc.source.sha256 == hashlib.sha256(data).hexdigest()
    roles = {block.role for page in doc.pages for block in page.blocks}
    assert {"title", "byline", "caption", "subhead"} <= roles


def test_front_matter_of_another_tool_is_read_as_text():
    text = "---\ngenerator: other\n---\n\n## 标题\n\n正文。\n"
    doc = read_text(text.encode(), "x.md")
    assert any(b.heading for b in doc.pages[0].blocks)
