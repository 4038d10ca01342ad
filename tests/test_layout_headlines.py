"""Headline groups (laobao_convert.layout.headlines), with hand-built pieces and no PDF."""

from __future__ import annotations

from dataclasses import replace

from laobao_convert.layout.geometry import Piece, TextLine
from laobao_convert.layout.typography import PageType
from laobao_convert.layout.headlines import group_headlines, name_headline_parts

BODY = 9.0


def piece(text, x0, top, size, width=None):
    x1 = x0 + (width if width is not None else len(text) * size)
    return Piece((TextLine(text, x0, top, x1, top + size, size),))


def roles(pieces):
    return [p.role for p in name_headline_parts(pieces, group_headlines(pieces, PageType(BODY)))]


def test_a_kicker_barely_larger_than_the_body_joins_the_title_under_it():
    # 10.5 pt over a 9 pt body is too small to be a heading alone; straight above a title,
    # centred within its width, it is that title's kicker.
    kicker = piece("某省举行专题新闻发布会", 120, 82, 10.5)
    title = piece("劳动关系协调机制日益健全", 100, 98, 19.0)
    body = piece("新华社北京电 某某表示，下一步将推进", 90, 130, BODY)
    assert roles([kicker, title, body]) == ["kicker", "title", None]


def test_a_subhead_far_above_a_title_or_a_body_line_just_above_is_no_kicker():
    subhead = piece("服务就在身边", 120, 40, 10.0)
    last_line = piece("累计服务十万人次。", 100, 86, BODY)
    title = piece("劳动关系协调机制日益健全", 100, 98, 19.0)
    assert roles([subhead, last_line, title]) == [None, None, "title"]


def test_a_larger_line_beside_the_title_is_not_its_kicker():
    aside = piece("服务就在身边", 400, 82, 10.5)
    title = piece("劳动关系协调机制日益健全", 100, 98, 19.0)
    assert roles([aside, title]) == [None, "title"]


def bold(p):
    return Piece(tuple(replace(line, bold=True) for line in p.lines))


def test_a_subtitle_barely_larger_than_the_body_centred_under_the_title_joins_it():
    # 9.4 pt under a 9 pt body: too close to the body's size to be a heading by size; centred
    # under the title and narrower than it, it is the title's subtitle. A body line under the
    # title starts at the column's edge; a byline centred there is set at the body's size.
    title = piece("社保经办服务提速增效", 170, 753, 18.7)
    subtitle = piece("全年目标任务完成过半", 217, 776.5, 9.4)
    body = piece("新华社重庆9月3日电 郑州市还开通了热线", 40, 793, BODY)
    assert roles([title, subtitle, body]) == ["title", "subtitle", None]
    byline = piece("本报记者 王晔", 232, 776.5, BODY)
    assert roles([title, byline, body]) == ["title", None, None]
    flush = piece("全年目标任务完成过半", 170, 776.5, 9.4)
    assert roles([title, flush, body]) == ["title", None, None]


def test_a_bold_subhead_under_a_repeated_headline_is_no_subtitle():
    title = piece("调解仲裁守护劳动者权益", 356, 932, 25.5)
    subhead = bold(piece("源头治理见实效", 462, 966, 10.0))
    assert roles([title, subhead]) == ["title", None]


def test_a_long_kicker_over_a_short_title_runs_past_it_and_is_still_its_kicker():
    title = piece("织密社会保障安全网", 101, 180, 18.7)
    centred = piece("第2届全国职业技能大赛浙江省赛区选拔赛举行", 79, 165, 10.3, width=212)
    assert roles([centred, title]) == ["kicker", "title"]
    aside = piece("第2届全国职业技能大赛浙江省赛区选拔赛举行", 300, 165, 10.3, width=212)
    assert roles([aside, title]) == [None, "title"]
