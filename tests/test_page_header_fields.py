"""Inner-page headers (报眉) in every arrangement, and page one's masthead never read as one."""

from __future__ import annotations

import pytest

from laobao_convert.content import Document, Line, PageContent, TextBlock
from laobao_convert.model import SourceFile
from laobao_convert.parse import parse_issue
from laobao_convert.parse.page_header import read_header_line
from laobao_convert.readers.text import read_text

BODY = ("各地加快推进基层公共服务建设，群众办事越来越方便，满意度持续提升，相关经验正在推广。"
        "记者在多个服务大厅看到，窗口前秩序井然。")
PAGE_ONE = "\n\n".join(["# 某某日报", "2024年4月24日 星期三 第7154期 今日4版", "## 头条标题", BODY])


@pytest.mark.parametrize("line, number, name, editor", [
    ("第2版：综合新闻", 2, "综合新闻", None),
    ("第2版 综合新闻", 2, "综合新闻", None),
    ("A2  综合新闻", 2, "综合新闻", None),
    ("Ｂ３ 理论周刊", 3, "理论周刊", None),
    ("02 社会保障 本版编辑 杨 旭", 2, "社会保障", "杨 旭"),
    ("责编 王五 美编 赵六 第5版", 5, None, "王五"),
    ("编辑：李四  电话：(010)84209211  E-mail：a@b.cn  第6版", 6, None, "李四"),
    ("美术编辑 丁颖琳 责任编辑 史雪浩 第2版", 2, None, "史雪浩"),
    ("责任编辑　史雪浩　　美术编辑　丁颖琳", None, None, "史雪浩"),
    ("责任编辑 王五 社会保障", None, "社会保障", "王五"),
    ("2024年4月24日 星期三 农历三月十六 第3版", 3, None, None),
    ("第2版" + " " * 40 + "理论周刊" + " " * 40 + "2024年3月22日   星期五", 2, "理论周刊", None),  # column text
])
def test_header_lines_in_any_order_and_spelling(line, number, name, editor):
    info = read_header_line(line)
    assert info is not None and (info.number, info.name, info.editor) == (number, name, editor)


def pages(*texts: str):
    issue = parse_issue([read_text("\n\f".join(texts).encode("utf-8"), "issue.txt")])
    return issue, {p.number: p for p in issue.pages}


@pytest.mark.parametrize("header", [
    "2024年4月24日 星期三  理论周刊  第3版  责任编辑 王五",     # left page
    "责任编辑 王五  第3版  理论周刊  2024年4月24日 星期三",     # right page, mirrored
    "3\n\n理论周刊\n\n2024年4月24日 星期三\n\n本版编辑 王 五",  # pieces apart, no rule
    "2024年4月24日\n\n责任编辑\n\n理论周刊\n\n星期三\n\n3\n\n王五",  # pdftotext's order
])
def test_headers_in_any_arrangement(header):
    issue, by_number = pages(PAGE_ONE, "\n\n".join([header, "## 本版标题", BODY]))
    page = by_number[3]
    assert (page.name, page.date, page.editor.replace(" ", "")) == ("理论周刊", "2024-04-24", "王五")
    assert [a.title for a in issue.articles if 3 in a.pages] == ["本版标题"]


def test_a_lone_staff_label_takes_its_own_name_not_the_editors():
    header = "2024年4月24日\n\n责任编辑\n\n地方新闻\n\n星期三\n\n第3版\n\n江刚\n\n美术编辑\n\n郭骏鹏"
    issue, by_number = pages(PAGE_ONE, "\n\n".join([header, "## 本版标题", BODY]))
    assert (by_number[3].name, by_number[3].editor) == ("地方新闻", "江刚")
    assert "郭骏鹏" not in "".join(b.text for a in issue.articles for b in a.blocks)


def test_an_unknown_name_after_a_whole_header_is_not_taken_from_the_articles():
    header = "第3版\n\n2024年4月24日 星期三\n\n责任编辑 王五"
    issue, by_number = pages(PAGE_ONE, "\n\n".join([header, "稳岗扩容", BODY]))
    assert by_number[3].name is None
    assert any("稳岗扩容" in (a.title or "") + "".join(b.text for b in a.blocks) for a in issue.articles)


def block(text, role=None, heading=False):
    return TextBlock(lines=tuple(Line(text=t) for t in text.split("\n")), role=role, heading=heading)


def pdf_issue(*pages_blocks):
    contents = tuple(PageContent(blocks=tuple(blocks), source="x.pdf", index=i)
                     for i, blocks in enumerate(pages_blocks))
    return parse_issue([Document(pages=contents, source=SourceFile("x.pdf", "0" * 64, len(contents)), kind="pdf")])


ONE = [block("某某日报", role="masthead", heading=True), block("2024年4月24日 星期三 第7154期", role="masthead"),
       block("头条标题", role="title", heading=True), block(BODY, role="body")]


def test_big_type_header_pieces_are_the_header_not_articles():
    # The page number and the 版名 set in big type come out as headings at the top of the page.
    four = [block("4", role="title", heading=True), block("责任编辑 雷静 美术编辑 贺彤"),
            block("理论周刊", role="title", heading=True), block("2024年4月24日 星期三"),
            block("本版标题", role="title", heading=True), block(BODY, role="body")]
    issue = pdf_issue(ONE, four)
    page = {p.number: p for p in issue.pages}[4]
    assert (page.name, page.editor, page.date) == ("理论周刊", "雷静", "2024-04-24")
    assert [a.title for a in issue.articles if a.pages == (4,)] == ["本版标题"]


def test_a_header_hint_on_a_masthead_does_not_make_it_a_header():
    # The reader took page one's top band for a header: what it carries says it is a masthead.
    one = [block("某某日报", role="header", heading=True), block("2024年4月24日 星期三", role="header"),
           block("第7154期 今日4版", role="header"), block("国内统一刊号:CN 11-0022 邮发代号:1-106", role="header"),
           block("头条标题", role="title", heading=True), block(BODY, role="body")]
    issue = pdf_issue(one)
    m = issue.masthead
    assert (m.issue_number, m.page_count, m.cn, m.postal_code) == (7154, 4, "CN 11-0022", "1-106")


def test_page_one_masthead_in_text_is_not_a_header():
    page = "\n\n".join(["2024年4月24日", "星期三", "第7154期 今日4版", "国内统一刊号:CN 11-0022",
                        "## 头条标题", BODY, "## 导读", "就业服务再升级", "第3版"])
    issue, by_number = pages(page)
    assert issue.masthead.date == "2024-04-24" and issue.masthead.issue_number == 7154
    assert 1 in by_number and by_number[1].date is None
