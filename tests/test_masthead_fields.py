"""The masthead read field by field: every field a line carries, in any spelling and width,
whatever else the line holds; what is left over is reported; prose is never masthead."""

from __future__ import annotations

import pytest

from laobao_convert.content import Document, Line, PageContent, TextBlock
from laobao_convert.model import SourceFile
from laobao_convert.parse import parse_issue
from laobao_convert.parse.masthead_fields import read_line
from laobao_convert.readers.text import read_text

BODY = ("各地加快推进基层公共服务建设，群众办事越来越方便，满意度持续提升，相关经验正在推广。"
        "记者在多个服务大厅看到，窗口前秩序井然。")


def fields(line: str) -> dict:
    reading = read_line(line)
    assert reading.masthead, f"{line!r} not read as masthead: {reading}"
    return dict(reading.fields)


@pytest.mark.parametrize("line, expected", [
    ("国内统一刊号：CN 11-0022  邮发代号：1-106  国外发行代号：01-106WR",
     {"cn": "CN 11-0022", "postal_code": "1-106", "overseas_code": "01-106WR"}),
    ("网址：www.cissn.com  E-mail：x@y.cn", {"website": "www.cissn.com", "email": "x@y.cn"}),
    ("国内统一刊号:CN 11-0027 邮发代号:1-106 国外发行代号:01-160WR网址:www.cissn.com 电子信箱:a@b.com.cn",
     {"cn": "CN 11-0027", "postal_code": "1-106", "overseas_code": "01-160WR", "website": "www.cissn.com",
      "email": "a@b.com.cn"}),
    ("国内统一连续出版物号:CN 11-0022", {"cn": "CN 11-0022"}),
    ("统一刊号 CN11-0022/F", {"cn": "CN 11-0022/F"}),
])
def test_code_lines_with_several_fields(line, expected):
    assert fields(line) == expected


@pytest.mark.parametrize("line, key, value", [
    ("邮发代号：１－１０６", "postal_code", "1-106"),
    ("邮发代号1-106", "postal_code", "1-106"),
    ("Ｅ－ｍａｉｌ：ｎｅｗｓ＠ｅｘａｍｐｌｅ．ｃｎ", "email", "news@example.cn"),
    ("国内统一刊号：ＣＮ１１－００２２", "cn", "CN 11-0022"),
    ("电邮 news@example.cn", "email", "news@example.cn"),
    ("电子信箱:news@example.cn", "email", "news@example.cn"),
    ("Email: news@example.cn", "email", "news@example.cn"),
    ("网站：www.example.cn", "website", "www.example.cn"),
    ("网址 http://www.example.cn/paper", "website", "http://www.example.cn/paper"),
    ("新闻热线：(010)84209211", "phone", "(010)84209211"),
    ("电话：010－84209211", "phone", "010-84209211"),
    ("ISSN 1234-567X", "issn", "ISSN 1234-567X"),
    ("国际标准连续出版物号：ISSN 1671-0000", "issn", "ISSN 1671-0000"),
])
def test_each_label_in_each_width(line, key, value):
    assert fields(line)[key] == value


@pytest.mark.parametrize("line, expected", [
    ("第7154期（总第8000期） 今日8版", {"issue_number": 7154, "total_issue": 8000, "page_count": 8}),
    ("今日出版8版", {"page_count": 8}),
    ("今日8个版", {"page_count": 8}),
    ("今日十二版", {"page_count": 12}),
    ("农历甲辰年三月十六", {"lunar_date": "农历甲辰年三月十六"}),
    ("2024年4月24日 星期三 农历甲辰年三月十六", {"date": "2024-04-24", "weekday": "星期三",
                                          "lunar_date": "农历甲辰年三月十六"}),
    ("二〇二四年四月二十四日 星期三", {"date": "2024-04-24", "weekday": "星期三"}),
    ("中国劳动保障报社主办", {"sponsor": "中国劳动保障报社"}),
    ("主办：中国劳动保障报社", {"sponsor": "中国劳动保障报社"}),
    ("人力资源和社会保障部主管 中国劳动保障报社主办",
     {"authority": "人力资源和社会保障部主管", "sponsor": "中国劳动保障报社"}),
])
def test_pieces_without_labels(line, expected):
    assert fields(line) == expected


def test_what_a_line_carries_besides_is_left_over_not_lost():
    reading = read_line("国内统一刊号：CN 11-0022 广告许可证：京东工商广字第0001号")
    assert reading.masthead and dict(reading.fields) == {"cn": "CN 11-0022"}
    assert reading.leftover == ("广告许可证：京东工商广字第0001号",)


@pytest.mark.parametrize("line", [
    "来稿请寄电子信箱：abc@example.cn，我们将择优刊登。",
    "2024年4月24日，人社部举行发布会。",
    "全国各地邮局均可订阅发行热线：(010)84209663",
    "甲辰年春节",
    "全年定价：360元",
    "第2版",
])
def test_prose_and_other_lines_are_not_masthead(line):
    assert not read_line(line).masthead


def parse(*pages: str):
    return parse_issue([read_text("\f".join(pages).encode("utf-8"), "issue.txt")])


def body_text(issue) -> str:
    return "".join(b.text for a in issue.articles for b in a.blocks)


def test_code_lines_are_read_and_kept_out_of_the_articles():
    page = "\n\n".join(["# 某某日报", "2024年4月  \n24  \n星期三  \n第7154期 今日8版",
                        "国内统一刊号：CN 11-0022  邮发代号：1-106  国外发行代号：01-106WR",
                        "网址：www.example.cn  E-mail：news@example.cn",
                        "## 标题在此", BODY])
    issue = parse(page)
    m = issue.masthead
    assert (m.paper, m.date, m.weekday, m.issue_number, m.page_count) == ("某某日报", "2024-04-24", "星期三", 7154, 8)
    assert (m.cn, m.postal_code, m.overseas_code, m.website, m.email) == (
        "CN 11-0022", "1-106", "01-106WR", "www.example.cn", "news@example.cn")
    assert "刊号" not in body_text(issue) and issue.articles[0].title == "标题在此"
    assert not [w for w in issue.warnings if w.code == "masthead-leftover"]


def test_a_paper_name_set_as_artwork_still_gives_a_masthead():
    page = "\n\n".join(["2024年4月24日 星期三", "第7154期（总第8000期） 今日出版8版", "农历甲辰年三月十六",
                        "国内统一刊号：CN 11-0022 邮发代号：1-106", "## 标题在此", BODY])
    m = parse(page).masthead
    assert m.paper is None
    assert (m.date, m.issue_number, m.total_issue, m.page_count, m.lunar_date, m.cn) == (
        "2024-04-24", 7154, 8000, 8, "农历甲辰年三月十六", "CN 11-0022")


def test_a_leftover_is_reported_with_its_text():
    page = "\n\n".join(["# 某某日报", "2024年4月24日 星期三 第7154期",
                        "国内统一刊号：CN 11-0022 广告许可证：京东工商广字第0001号", "## 标题在此", BODY])
    issue = parse(page)
    notes = [w for w in issue.warnings if w.code == "masthead-leftover"]
    assert len(notes) == 1 and "广告许可证：京东工商广字第0001号" in notes[0].message and notes[0].page == 1
    assert issue.masthead.cn == "CN 11-0022"
    assert "广告许可证" in "".join(f.text for f in issue.furniture if f.kind == "masthead")
    assert "广告许可证" not in body_text(issue)


def test_a_paragraph_with_an_address_stays_in_its_article():
    line = "来稿请寄电子信箱：abc@example.cn，我们将择优刊登。"
    page = "\n\n".join(["# 某某日报", "2024年4月24日 星期三 第7154期", "网址：www.example.cn",
                        "## 标题在此", BODY, line])
    issue = parse(page)
    assert issue.masthead.email is None and line in body_text(issue)


def test_an_adverts_code_line_down_the_page_stays_out_of_the_masthead():
    page = "\n\n".join(["# 某某日报", "2024年4月24日 星期三 第7154期", "邮发代号：1-106",
                        "## 标题在此", BODY, "## 征订启事", "邮发代号：1-106", "全年定价：360元"])
    issue = parse(page)
    assert issue.masthead.postal_code == "1-106"
    assert sum(f.text.count("邮发代号") for f in issue.furniture if f.kind == "masthead") == 1


def test_a_code_line_the_extraction_moved_down_the_page_is_still_read():
    page = "\n\n".join(["# 某某日报", "2024年4月24日 星期三 第7154期", "## 标题在此", BODY,
                        "国内统一刊号：CN 11-0022  邮发代号：1-106"])
    issue = parse(page)
    assert (issue.masthead.cn, issue.masthead.postal_code) == ("CN 11-0022", "1-106")
    assert "刊号" not in body_text(issue)


def test_hinted_masthead_lines_are_all_read_and_the_rest_reported():
    def block(text, role=None, heading=False):
        return TextBlock(lines=tuple(Line(text=t) for t in text.split("\n")), role=role, heading=heading)

    page = PageContent(source="p1.pdf", index=0, blocks=(
        block("某某日报", role="masthead", heading=True),
        block("2024年4月24日 星期三\n第7154期 今日8版", role="masthead"),
        block("国内统一刊号：CN 11-0022 邮发代号：1-106 订阅请到当地邮局", role="masthead"),
        block("标题在此", role="title", heading=True),
        block(BODY, role="body"),
    ))
    issue = parse_issue([Document(pages=(page,), source=SourceFile("p1.pdf", "0" * 64, 1), kind="pdf")])
    m = issue.masthead
    assert (m.paper, m.date, m.issue_number, m.cn, m.postal_code) == ("某某日报", "2024-04-24", 7154, "CN 11-0022", "1-106")
    notes = [w.message for w in issue.warnings if w.code == "masthead-leftover"]
    assert notes and "订阅请到当地邮局" in notes[0]


def test_new_fields_survive_our_own_markdown_and_back():
    from dataclasses import replace

    from issue_examples import full_issue
    from laobao_convert.readers.own_markdown import read_own_markdown
    from laobao_convert.writers.markdown import render_markdown

    issue = full_issue()
    issue = replace(issue, masthead=replace(
        issue.masthead, lunar_date="农历甲辰年三月十六", total_issue=8000, issn="ISSN 1234-567X",
        sponsor="中国劳动保障报社", publisher="中国劳动保障报社", phone="(010)84209211"))
    rebuilt = parse_issue([read_own_markdown(render_markdown(issue), "issue.md")])
    assert rebuilt.masthead == issue.masthead


def test_pieces_the_extraction_broke_over_lines():
    page = "\n\n".join(["某某日报", "2024年4月", "24", "星期三", "国内统一连续出版物号:CN", "11-0022",
                        "中华人民共和国人力资源\n和社会保障部主管", "## 标题在此", BODY])
    m = parse(page).masthead
    assert (m.date, m.cn, m.authority) == ("2024-04-24", "CN 11-0022", "中华人民共和国人力资源和社会保障部主管")


def test_a_bare_number_is_no_cn_without_its_label():
    page = "\n\n".join(["某某日报", "2024年4月24日 星期三", "11-0022", "## 标题在此", BODY])
    issue = parse(page)
    assert issue.masthead.cn is None


def test_a_band_the_reader_took_for_a_masthead_with_nothing_in_it_stays_in_the_flow():
    def block(text, role=None, heading=False):
        return TextBlock(lines=(Line(text=text),), role=role, heading=heading)

    page = PageContent(source="p1.pdf", index=0, blocks=(
        block("文章目录", role="masthead", heading=True), block(BODY, role="body")))
    issue = parse_issue([Document(pages=(page,), source=SourceFile("p1.pdf", "0" * 64, 1), kind="pdf")])
    assert issue.masthead.paper is None
    assert not [f for f in issue.furniture if f.kind == "masthead"]


def test_the_pinyin_beside_the_issue_line_in_column_text():
    reading = read_line("第6882期 今日2版       ZHONGGUO       LAODONG       BAOZHANG        BAO")
    assert reading.masthead and reading.pinyin and reading.leftover == ()
    assert dict(reading.fields) == {"issue_number": 6882, "page_count": 2}


def test_new_fields_are_shown_with_the_mastheads_small_print():
    from dataclasses import replace

    from issue_examples import full_issue
    from laobao_convert.writers.html import render_html

    issue = full_issue()
    html = render_html(replace(issue, masthead=replace(issue.masthead, sponsor="某某日报社", phone="(010)84209211")))
    assert "某某日报社" in html and "(010)84209211" in html
