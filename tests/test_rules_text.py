"""Small rules on text: headline splitting, bylines, captions, subheads, column-break repair,
masthead and page-header lines."""

from __future__ import annotations

import pytest

from laobao_convert.parse.byline import is_byline
from laobao_convert.parse.captions import is_caption
from laobao_convert.parse.headline import split_headline
from laobao_convert.parse.page_header import header_span, read_header_line
from laobao_convert.parse.paragraphs import apply as paragraphs
from laobao_convert.parse.state import Part, State, Unit
from laobao_convert.parse.subheads import apply as subheads
from laobao_convert.parse.text import ends_sentence, join


def headline(*texts, below=(), repeats=()):
    part = Part(page=1, head=tuple(Unit(lines=(t,), heading=True) for t in texts),
                units=tuple(Unit(lines=(t,)) for t in below))
    p = split_headline(part, repeats)
    return p.series, p.kicker, p.title, p.subtitle


@pytest.mark.parametrize("texts, below, expected", [
    (("标题",), (), (None, None, "标题", None)),
    # A kicker is a whole clause saying who did what; a title may be two phrases.
    (("某省召开全省人社工作会议 稳就业促增收",), (), (None, "某省召开全省人社工作会议", "稳就业促增收", None)),
    (("人社部举办一季度新闻发布会 工作开局良好",), (), (None, "人社部举办一季度新闻发布会", "工作开局良好", None)),
    (("某领导主持召开座谈会强调 形成新格局 谱写新篇章",), (),
     (None, "某领导主持召开座谈会强调", "形成新格局 谱写新篇章", None)),
    (("稳就业 惠民生 促发展",), (), (None, None, "稳就业 惠民生 促发展", None)),
    (("扩大工伤保险覆盖面 不断增强人民群众获得感",), (), (None, None, "扩大工伤保险覆盖面 不断增强人民群众获得感", None)),
    (("持续开展根治欠薪专项行动 兜牢民生底线",), (), (None, None, "持续开展根治欠薪专项行动 兜牢民生底线", None)),
    (("主标题 ——某地某事侧记",), (), (None, None, "主标题", "——某地某事侧记")),
    (("栏目名称③", "主标题"), (), ("栏目名称③", None, "主标题", None)),
    (("主标题",), ("三人出席",), (None, None, "主标题", "三人出席")),
    (("主标题",), ("本报记者 张三",), (None, None, "主标题", None)),
    (("主标题",), ("这是一段正文，有标点。",), (None, None, "主标题", None)),
    (("标题 Wi-Fi 覆盖",), (), (None, None, "标题 Wi-Fi 覆盖", None)),
])
def test_headline_parts(texts, below, expected):
    assert headline(*texts, below=below) == expected


@pytest.mark.parametrize("repeats, expected", [
    # The continuation repeats the title whole, or its start: what comes before is the kicker.
    (("织密人才引育链他们的眼睛躲在树叶下",), ("春光里的好声音", "织密人才引育链 他们的眼睛躲在树叶下")),
    (("织密人才引育",), ("春光里的好声音", "织密人才引育链 他们的眼睛躲在树叶下")),
    (("他们的眼睛躲在树叶下",), ("春光里的好声音 织密人才引育链", "他们的眼睛躲在树叶下")),
    # A repeat of the whole headline, or of another article, says nothing.
    (("春光里的好声音织密人才引育链他们的眼睛躲在树叶下",), (None, "春光里的好声音 织密人才引育链 他们的眼睛躲在树叶下")),
    (("别的文章标题",), (None, "春光里的好声音 织密人才引育链 他们的眼睛躲在树叶下")),
])
def test_a_continuations_repeat_says_where_the_title_starts(repeats, expected):
    text = "春光里的好声音 织密人才引育链 他们的眼睛躲在树叶下"
    _, kicker, title, _ = headline(text, repeats=repeats)
    assert (kicker, title) == expected


@pytest.mark.parametrize("text, expected", [
    ("本报记者 游朔", True), ("记者 张三 通讯员 李四", True), ("本报通讯员 王五", True),
    ("本报记者 张三 李四", True), ("文/图 赵六", True),
    ("天津市人力资源和社会保障局党组书记、局长 沈超", True),
    ("本报讯(记者 武唯)4月23日，人社部举行发布会。", False),
    ("人间四月天，最美金陵城。", False), ("一条黄金经济带", False),
])
def test_bylines(text, expected):
    assert is_byline(Unit(lines=(text,))) is expected


@pytest.mark.parametrize("lines, expected", [
    (("4月23日下午，某地举行活动。", "新华社记者 王晔 摄"), True),
    (("图为工人在车间作业。",), True),
    (("工人在车间作业。（本报记者 张三 摄）",), True),
    (("7月7日，市民在服务大厅办理业务。",), True),
    (("他们一起进行拍摄，记录下这一刻。",), False),
    (("参加拍摄的摄影师有二十多人。",), False),
])
def test_captions(lines, expected):
    assert is_caption(Unit(lines=lines)) is expected


def _body(*texts):
    return tuple(Unit(lines=(t,)) for t in texts)


def test_subheads_only_between_finished_paragraphs():
    part = Part(page=1, units=_body("第一段结束了。", "小标题在此", "第二段开始。",
                                    "一段被栏断开的文字比一个小标题长得多的在", "这里继续。"))
    state = subheads(State(pages=(), parts=(part,)))
    assert [u.role for u in state.parts[0].units] == [None, "subhead", None, None, None]


def test_long_or_unbalanced_lines_are_not_subheads():
    part = Part(page=1, units=_body("上一段。", "《关于做好高校毕业生等青年", "就业创业工作的通知》明确提出。"))
    assert [u.role for u in subheads(State(pages=(), parts=(part,))).parts[0].units] == [None, None, None]


def test_column_break_repair_steps_over_captions():
    units = _body("促进中央企业与西部") + (Unit(lines=("图为会场。", "新华社记者 王晔 摄"), role="caption"),) \
        + _body("地区融合发展。", "下一段。")
    state = paragraphs(State(pages=(), parts=(Part(page=1, units=units),)))
    body = [u.text for u in state.parts[0].units if u.role == "body"]
    assert body == ["促进中央企业与西部地区融合发展。", "下一段。"]


@pytest.mark.parametrize("text, expected", [
    ("句子结束。", True), ("他说：“好。”", True), ("没有结束", False), ("问题？", True),
    ("列举如下：", True), ("括号（注释）", False), ("", True),
])
def test_ends_sentence(text, expected):
    assert ends_sentence(text) is expected


def test_join_cjk_and_latin():
    assert join("中文", "文字") == "中文文字"
    assert join("word", "next") == "word next"
    assert join("2024", "年") == "2024年"


@pytest.mark.parametrize("line, number, name, editor, date", [
    ("2024年4月24日 星期三 第2版 就业 责任编辑 张 三", 2, "就业", "张 三", "2024-04-24"),
    ("第3版　综合新闻　2024年4月24日　星期三　责编：李四", 3, "综合新闻", "李四", "2024-04-24"),
    ("责任编辑 王五  美编 赵六  02  社会保障", 2, "社会保障", "王五", None),
    ("本版责编：杨 旭", None, None, "杨 旭", None),
])
def test_header_lines(line, number, name, editor, date):
    info = read_header_line(line)
    assert (info.number, info.name, info.editor, info.date) == (number, name, editor, date)


@pytest.mark.parametrize("line", ["2024年4月24日，人社部举行发布会。", "第2版的稿件", "就业是最基本的民生"])
def test_prose_is_not_a_header(line):
    assert read_header_line(line) is None


def test_header_span_over_lines_with_a_lone_editor_label():
    lines = ["2019年5月10日", "", "基层", "", "第3版", "", "星期五", "", "责任编辑", "", "钱红秀", "", "正文开始。"]
    assert header_span(lines, 0) == 11
