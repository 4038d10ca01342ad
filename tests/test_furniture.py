"""Furniture is only what is recognised as such: each kind's check, the parser's audit of what
the rules filed, and the rules that file boxes, notices and footers."""

from __future__ import annotations

from dataclasses import replace

import pytest

from laobao_convert.model import nonspace
from laobao_convert.parse import RULES, initial_state, parse_issue, run
from laobao_convert.parse import furniture as F
from laobao_convert.parse.boxes import apply as boxes
from laobao_convert.parse.state import State, Unit, WorkPage
from laobao_convert.pipeline import check_conservation
from laobao_convert.readers.text import read_text

BODY = ("各地加快推进基层公共服务建设，群众办事越来越方便，满意度持续提升，相关经验正在推广。"
        "记者在多个服务大厅看到，窗口前秩序井然。")
CLOSING = "本书由人民出版社出版，定价：48元，各地新华书店均有销售，欢迎读者选购。"
"""A closing paragraph that names a 定价: prose, never a footer."""
FOOTER = ("社址：北京市朝阳区惠新东街甲1号 邮编：100029 总编室：(010)84209670 "
          "印刷：人民日报印务中心 定价：每月32.00元 零售：每份1.50元")


# --- one check per kind -------------------------------------------------------------------

@pytest.mark.parametrize("kind, text", [
    ("jump", "（下转第二版）"),
    ("jump", "上接第1版"),
    ("repeat", "就业服务进社区"),
    ("repeat", "城乡居民医保待遇\n稳步提高"),
    ("masthead", "中国劳动保障报"),
    ("masthead", "中华人民共和国人力资源和社会保障部主管"),
    ("masthead", "2024年4月\n24\n星期三"),
    ("masthead", "第7154期 今日8版"),
    ("masthead", "ZHONGGUO LAODONG BAOZHANG BAO"),
    ("masthead", "国内统一连续出版物号：CN 11-0022 邮发代号：1-106 网址：www.cissn.com"),
    ("masthead", "新城日报2024年4月24日星期三第7154期"),
    ("header", "2024年4月24日 星期三 第2版 就业 责任编辑 李四"),
    ("header", "第2版劳动关系2024年5月20日 星期一"),
    ("header", "02副刊2024年7月22日 星期一"),
    ("header", "责任编辑 史雪浩  美术编辑 丁颖琳"),
    ("header", "史雪浩"),
    ("footer", FOOTER),
    ("footer", "社址：北京市朝阳区惠新东街甲1号\n邮编：100029"),
    ("footer", "第165页"),
    ("footer", "- 3 -"),
    ("box", "导读"),
    ("box", "今日导读\n还定期去健身房锻炼 (2版)\n太原市精准发力稳就业促增收 第2版"),
    ("box", "兰州：完善技能人才评价制度\n(2版)"),
    ("box", "三篇文章协同共进，更加公平的未来 2版"),
    ("box", "为什么会想画铁人的故事2版兰州：完善技能人才评价制度 （2版）"),
    ("box", "城乡居民医保待遇稳步\n提高 …… 2版"),
    ("box", "新版社区服务指南 …… 3"),
    ("box", "版"),
    ("box", "导读\n就业新政出台\n社保基金运行"),
    ("box", "广告\n《新城日报》征订启事\n邮发代号：1-106\n全年定价：360元\n全国各地邮局均可订阅\n发行热线：(010)84209663"),
    ("box", "欢迎订阅《新城日报》"),
    ("box", "广 告"),
    ("box", "发行热线：(010)84209663"),
])
def test_furniture_is_recognised(kind, text):
    assert F.recognised(kind, text)


@pytest.mark.parametrize("kind, text", [
    ("jump", "转发有关部门通知"),
    ("repeat", BODY),
    ("masthead", BODY),
    ("masthead", "新城日报 各地加快推进基层公共服务建设"),
    ("header", BODY),
    ("header", "各地加快推进基层公共服务建设群众办事越来越方便"),
    ("footer", CLOSING),
    ("footer", "据介绍，今年定价：每份1.50元的报纸"),
    ("footer", "第165页正文"),
    ("box", BODY),
    ("box", "相关报道见第3版"),
    ("box", "记者看到，窗口前秩序井然。提高 2版"),
    ("box", "定价：48元"),
    ("box", "导读\n" + BODY),
    ("box", "2025年度报刊征订工作启动"),
    ("unknown", "第2版"),
])
def test_text_of_another_kind_is_not(kind, text):
    assert not F.recognised(kind, text)


# --- the audit: text filed as furniture that is not -------------------------------------------

PAGE = "\n\n".join(["## 社区服务再提速", BODY, BODY[::-1], CLOSING])


def _drop_last_paragraph_as(kind: str):
    """A faulty rule: it files the page's last unit as furniture of `kind`."""
    def rule(state: State) -> State:
        page = state.pages[0]
        last = page.units[-1]
        state = state.furniture(kind, last.text, page.number or 1)
        return replace(state, pages=(replace(page, units=page.units[:-1]),) + state.pages[1:])
    return rule


def _with_rule(name: str, rule, after: str):
    at = [n for n, _ in RULES].index(after) + 1
    return RULES[:at] + ((name, rule),) + RULES[at:]


def test_a_paragraph_filed_as_a_header_is_told_of():
    documents = [read_text(PAGE.encode("utf-8"), "page.md")]
    state = run(initial_state(documents), _with_rule("lossy", _drop_last_paragraph_as("header"), "boxes"))
    (warning,) = [w for w in state.warnings if w.code == "unrecognised-furniture"]
    assert warning.page == 1 and "header" in warning.message and CLOSING[:10] in warning.message
    figures = state.conservation
    assert figures.unrecognised_chars == nonspace(CLOSING) and figures.furniture_chars == 0
    # Still adds up: the paragraph is warned of, not counted as furniture.
    assert figures.input_chars == figures.output_chars + figures.warned_chars
    assert not [w for w in state.warnings if w.code == "conservation"]
    assert [f.recognised for f in state.furniture_items] == [False]


def test_a_paragraph_dropped_without_filing_it_is_told_of():
    def rule(state: State) -> State:
        page = state.pages[0]
        return replace(state, pages=(replace(page, units=page.units[:-1]),) + state.pages[1:])

    documents = [read_text(PAGE.encode("utf-8"), "page.md")]
    state = run(initial_state(documents), _with_rule("silent", rule, "boxes"))
    (warning,) = [w for w in state.warnings if w.code == "conservation"]
    assert f"{nonspace(CLOSING)} characters" in warning.message


def test_pieces_of_one_page_and_kind_are_told_of_once():
    def rule(state: State) -> State:
        page = state.pages[0]
        state = state.furniture("footer", [u.text for u in page.units[-2:]], 1)
        return replace(state, pages=(replace(page, units=page.units[:-2]),) + state.pages[1:])

    documents = [read_text(PAGE.encode("utf-8"), "page.md")]
    state = run(initial_state(documents), _with_rule("lossy", rule, "boxes"))
    (warning,) = [w for w in state.warnings if w.code == "unrecognised-furniture"]
    assert "2 pieces" in warning.message and "footer" in warning.message
    assert state.conservation.unrecognised_chars == nonspace(BODY) + nonspace(CLOSING)
    assert not [w for w in state.warnings if w.code == "conservation"]


def test_a_jump_line_filed_as_a_jump_is_not_told_of():
    page = PAGE + "\n\n（下转第二版）"
    documents = [read_text(page.encode("utf-8"), "page.md")]
    state = run(initial_state(documents), _with_rule("jumpy", _drop_last_paragraph_as("jump"), "reflow"))
    assert not [w for w in state.warnings if w.code in ("unrecognised-furniture", "conservation")]
    assert state.conservation.furniture_chars == nonspace("（下转第二版）")


def test_the_pipeline_recounts_the_audited_furniture():
    documents = [read_text(PAGE.encode("utf-8"), "page.md")]
    state = run(initial_state(documents), _with_rule("lossy", _drop_last_paragraph_as("footer"), "boxes"))
    from laobao_convert.model import Issue

    issue = Issue(articles=state.articles, warnings=state.warnings, furniture=state.furniture_items,
                  conservation=state.conservation)
    assert check_conservation(issue, documents) == issue


# --- the footer rule ------------------------------------------------------------------------

def _parse(*pages: str):
    return parse_issue([read_text("\f".join(pages).encode("utf-8"), "issue.md")])


def _article_text(issue) -> str:
    return "".join(b.text for a in issue.articles for b in a.blocks)


def test_a_closing_paragraph_that_names_a_price_stays_in_its_article():
    issue = _parse("\n\n".join(["## 社区服务再提速", BODY, CLOSING]))
    assert "".join(CLOSING.split()) in "".join(_article_text(issue).split())
    assert not [f for f in issue.furniture if f.kind == "footer"]


def test_a_footer_of_fields_is_furniture():
    issue = _parse("\n\n".join(["## 社区服务再提速", BODY, FOOTER]))
    assert [f.kind for f in issue.furniture] == ["footer"] and issue.furniture[0].recognised
    assert "社址" not in _article_text(issue)


def test_footer_fields_scattered_by_pdftotext_are_footer_where_the_address_is_printed():
    fields = ["社址：北京市朝阳区惠新东街甲1号", "邮编：100029", "总编室：(010)84209670"]
    text = "\n\n".join(["社区服务再提速", BODY, fields[1], BODY[::-1], fields[0], BODY, fields[2]])
    issue = parse_issue([read_text(text.encode("utf-8"), "issue.txt")])
    assert sorted(f.text for f in issue.furniture if f.kind == "footer") == sorted(fields)
    # Without the address a line of fields is left where it is (an article may print one).
    alone = "\n\n".join(["社区服务再提速", BODY, fields[1], BODY[::-1]])
    issue = parse_issue([read_text(alone.encode("utf-8"), "issue.txt")])
    assert not [f for f in issue.furniture if f.kind == "footer"]


# --- boxes and notices on the text path -------------------------------------------------------

GUIDE = "\n\n".join(["今日导读", "还定期去健身房锻炼 (2版)", "兰州：完善技能人才评价制度  \n(2版)",
                     "一季度社会保障制度改革稳妥推进 第2版", "三篇文章协同共进，更加公平的未来  \n3版"])
NOTICE = "\n\n".join(["广告  \n《新城日报》征订启事", "邮发代号：1-106", "全年定价：360元", "全国各地邮局均可订阅",
                      "发行热线：(010)84209663"])


def test_guide_items_split_over_lines_are_one_box():
    issue = _parse("\n\n".join(["## 社区服务再提速", BODY, GUIDE, "## 就业服务进社区", BODY[::-1]]))
    text = _article_text(issue)
    assert "版" not in text and "健身房" not in text and "技能人才评价" not in text
    assert [a.title for a in issue.articles] == ["社区服务再提速", "就业服务进社区"]
    (box,) = [f for f in issue.furniture if f.kind == "box"]
    assert box.recognised and nonspace(box.text) == nonspace(GUIDE)


def test_a_sentence_after_the_guide_ends_it():
    issue = _parse("\n\n".join(["## 社区服务再提速", GUIDE, BODY]))
    assert "".join(BODY.split()) in "".join(_article_text(issue).split())


def test_a_guide_title_run_into_a_paragraph_takes_only_itself():
    issue = _parse("\n\n".join(["## 社区服务再提速", "导读  \n" + BODY]))
    assert "".join(BODY.split()) in "".join(_article_text(issue).split())
    assert [(f.kind, f.text) for f in issue.furniture] == [("box", "导读")]


def test_a_subscription_notice_is_a_box_not_an_article():
    issue = _parse("\n\n".join(["## 社区服务再提速", BODY, NOTICE, "## 就业服务进社区", BODY[::-1]]))
    assert [a.title for a in issue.articles] == ["社区服务再提速", "就业服务进社区"]
    assert "订阅" not in _article_text(issue) and "热线" not in _article_text(issue)
    assert all(f.recognised for f in issue.furniture)


def test_items_in_a_wrapped_block_on_a_page_with_a_guide_title_are_box_lines():
    # pdftotext sets a box's items far from its title, each wrapped at the box's width.
    page = "\n\n".join(["导读", "社区服务再提速", BODY, "还定期去健身房锻\n炼 （2版）", BODY[::-1]])
    issue = parse_issue([read_text(page.encode("utf-8"), "issue.txt")])
    assert "健身房" not in _article_text(issue)
    assert "".join(BODY.split()) in "".join(_article_text(issue).split())


# --- framed boxes (role "box" from the PDF reader) ----------------------------------------------

def _framed(*texts: str, role: str = "box") -> State:
    units = tuple(Unit(lines=tuple(t.split("\n")), role=role, hinted=True, block=i, region=None)
                  for i, t in enumerate(texts))
    return State(pages=(WorkPage(number=1, units=units, source="x", index=0),))


def test_a_framed_guide_is_furniture():
    state = boxes(_framed("导读", "就业新政出台", "社保基金运行"))
    assert state.pages[0].units == ()
    assert [f.text for f in state.furniture_items] == ["导读\n就业新政出台\n社保基金运行"]


def test_a_framed_brief_news_column_goes_back_into_the_text():
    state = boxes(_framed("简讯", BODY, BODY[::-1]))
    assert state.furniture_items == ()
    assert [u.role for u in state.pages[0].units] == [None, None, None]


def test_a_framed_series_label_becomes_one():
    state = boxes(_framed("人社厅（局）长谈贯彻落实全国两会\n精神④"))
    assert state.furniture_items == () and state.pages[0].units[0].role == "series"


def test_a_notice_whose_title_wraps_in_a_narrow_frame_is_a_box():
    assert F.recognised("box", "《中国劳动\n保障报》征\n订启事\n邮发代号：1-106\n全年定价：360元")
    assert not F.recognised("box", "《中国劳动\n保障报》征\n订启事\n他说，订阅的人越来越多。")
    # A field's value wrapped onto a line of its own stays with its label.
    assert F.recognised("box", "《中国劳动保障报》征订启事\n发行热线：\n(010)84209884")


def test_the_day_of_a_masthead_date_set_large_on_its_own_is_masthead():
    assert F.recognised("masthead", "16") and F.recognised("masthead", "7日")
    assert not F.recognised("masthead", "45")
