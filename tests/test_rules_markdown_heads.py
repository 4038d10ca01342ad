"""Headings of layout-tool Markdown that are not an article's own headline line: a series
label or kicker on a heading of its own, a headline set after its body."""

from __future__ import annotations

from laobao_convert.parse import parse_issue
from laobao_convert.parse.subheads import count_text, cut_word
from laobao_convert.readers.text import read_text

PARA = "这是正文的一段话，写得足够长，好让它像一段真正的新闻正文，而不是一个标题。"


def parse(*chunks):
    text = "\n\n".join(chunks) + "\n"
    return parse_issue([read_text(text.encode("utf-8"), "issue.md")])


def articles(*chunks):
    return [(a.series, a.kicker, a.title, a.subtitle, len(a.blocks)) for a in parse(*chunks).articles]


def test_a_short_heading_above_a_headline_is_its_series_label():
    found = articles("## 第一篇的标题", PARA, "## 劳动者港湾", "## 第二篇的标题", "本报记者 张三", PARA)
    assert found == [(None, None, "第一篇的标题", None, 1), ("劳动者港湾", None, "第二篇的标题", None, 1)]


def test_a_heading_worded_as_a_kicker_above_a_headline_is_its_kicker():
    found = articles("## 第一篇的标题", PARA, "## 某省召开全省人社工作会议", "## 稳就业促增收", PARA)
    assert found[1] == (None, "某省召开全省人社工作会议", "稳就业促增收", None, 1)


def test_a_headline_after_a_body_without_one_goes_back_to_it():
    found = articles("## 第一篇的标题", PARA, "(下转第二版)", PARA, "## 第二篇的标题", "## 第三篇的标题", PARA)
    assert [a[2] for a in found] == ["第一篇的标题", "第二篇的标题", "第三篇的标题"]
    assert [a[4] for a in found] == [1, 1, 1]


def test_a_headline_with_only_its_subtitle_after_a_body_goes_back_to_it():
    found = articles("## 第一篇的标题", PARA, "(下转第二版)", PARA, "## 第二篇的标题", "——某地见闻",
                     "## 第三篇的标题", PARA)
    assert found[1] == (None, None, "第二篇的标题", "——某地见闻", 1)


def test_masthead_leftovers_are_no_body_for_a_later_headline():
    # A few short unpunctuated lines at the page's top are no article of which the headlines
    # below would all be one place off.
    found = articles("国内统一刊号:CN11-0022", "## 第一篇的标题", PARA, "## 第二篇的标题", PARA,
                     "## 根治欠薪在行动", "## 第三篇的标题", PARA)
    assert [a[2] for a in found if a[2]] == ["第一篇的标题", "第二篇的标题", "第三篇的标题"]
    assert found[-1][0] == "根治欠薪在行动"


def test_a_long_kicker_on_a_heading_of_its_own():
    found = articles("## 第一篇的标题", PARA, "## 某领导主持召开新时代推动某地区大开发座谈会强调",
                     "## 进一步形成新格局", PARA)
    assert found[1] == (None, "某领导主持召开新时代推动某地区大开发座谈会强调", "进一步形成新格局", None, 1)


def test_a_numbered_series_label_flattened_onto_the_headline():
    found = articles("## 人社厅(局)长谈贯彻落实全国两会精神② 深学深用 善作善成", PARA)
    assert found == [("人社厅(局)长谈贯彻落实全国两会精神②", None, "深学深用 善作善成", None, 1)]


# A paragraph's start set apart by a column break, versus a subhead.
ISSUE_TEXT = ("习近平总书记强调，要坚持高质量发展。总书记指出，方式方法很重要。"
              "工作方式要改进，发展方式要转变。人民群众在新时代有新期待。")


def test_a_break_inside_a_word_found_elsewhere_in_the_issue_cuts_a_word():
    counts = count_text([ISSUE_TEXT])
    assert cut_word("习近平总", "书记强调，要加强救助帮扶。", counts)
    assert cut_word("法治是治国理政的基本方", "式，是重要保障。", counts)
    assert not cut_word("服务下沉基层", "人民群众在家门口就能办事。", counts)
    assert not cut_word("政策精准发力", "2024年以来，各地持续发力。", counts)


def test_a_paragraphs_start_cut_off_by_a_column_is_no_subhead():
    issue = parse("## 标题", "本报讯 " + ISSUE_TEXT, "习近平总", "书记强调，要加强低收入人口救助帮扶。",
                  "政策精准发力", "人民群众在家门口就能办事，方式方法多样。")
    blocks = [(b.type, b.text) for b in issue.articles[0].blocks]
    assert len(blocks) == 4
    assert blocks[1] == ("paragraph", "习近平总书记强调，要加强低收入人口救助帮扶。")
    assert blocks[2] == ("subhead", "政策精准发力")


def test_a_subhead_a_column_wide_is_one_in_markdown():
    issue = parse("## 标题", PARA, "只有江水在月光下沉默地流淌", PARA)
    assert [b.type for b in issue.articles[0].blocks] == ["paragraph", "subhead", "paragraph"]


def test_a_title_the_daodu_box_lists_has_its_kicker_before_it():
    # Nothing in the heading's words says where its kicker ends; the 导读 box on page one
    # lists the title whole, so what comes before it is the kicker.
    text = ("# 中国劳动保障报\n\n2024年4月24日 星期三 第7154期 今日2版\n\n"
            "今日导读  \n还定期去健身房锻炼 （2版）  \n太原市精准发力稳就业促增收 （2版）\n\n"
            "## 稳岗扩就业\n\n本报讯 人社部门聚焦重点群体就业需求，持续开展专项服务活动。\n\n"
            "\f2024年4月24日 星期三 第2版 综合新闻\n\n"
            "## 福建省启动社保扩面专项行动 还定期去健身房锻炼\n\n本报讯 各地举办招聘会，提供岗位十万余个。\n")
    issue = parse_issue([read_text(text.encode("utf-8"), "issue.md")])
    heads = [(a.kicker, a.title) for a in issue.articles]
    assert ("福建省启动社保扩面专项行动", "还定期去健身房锻炼") in heads
