"""Paragraph edges (laobao_convert.layout.paragraphs) and piece building
(laobao_convert.layout.blocks), on hand-built lines."""

from __future__ import annotations

from laobao_convert.layout.blocks import build_pieces
from laobao_convert.layout.geometry import Piece, Rule, TextLine
from laobao_convert.layout.typography import PageType
from laobao_convert.layout.headlines import group_headlines, name_headline_parts
from laobao_convert.layout.paragraphs import close_before_subheads, is_short, mark_paragraphs, split_paragraphs

SIZE = 9.0
LEFT, RIGHT = 40.0, 40.0 + 15 * SIZE


def line(text, top, x0=LEFT, x1=None, size=SIZE, bold=False):
    return TextLine(text, x0, top, x1 if x1 is not None else x0 + len(text) * size, top + size, size, bold)


def column(*specs, top=100.0, pitch=14.0):
    """Lines of one column: (text, indent in ems, ends short?)."""
    out = []
    for n, (text, indent, short) in enumerate(specs):
        x0 = LEFT + indent * SIZE
        x1 = RIGHT - (3 * SIZE if short else 0)
        out.append(line(text, top + n * pitch, x0, x1))
    return out


def test_indent_starts_and_short_line_ends_a_paragraph():
    lines = column(("甲一", 2, False), ("甲二", 0, False), ("甲三", 0, True), ("乙一", 2, False), ("乙二", 0, False))
    parts = split_paragraphs(Piece(tuple(lines)), LEFT, RIGHT)
    assert [[l.text for l in p.lines] for p in parts] == [["甲一", "甲二", "甲三"], ["乙一", "乙二"]]
    assert [(p.starts_paragraph, p.ends_paragraph) for p in parts] == [(True, True), (True, False)]


def test_column_top_continuing_a_paragraph_does_not_start_one():
    lines = column(("续一", 0, False), ("续二", 0, True), ("新段", 2, False))
    first, second = split_paragraphs(Piece(tuple(lines)), LEFT, RIGHT)
    assert (first.starts_paragraph, first.ends_paragraph) == (False, True)
    assert (second.starts_paragraph, second.ends_paragraph) == (True, False)


def test_a_full_stop_hanging_past_the_edge_does_not_make_full_lines_short():
    lines = column(("甲一", 2, False), ("甲二", 0, False), ("甲三", 0, False), ("甲四", 0, False))
    hanging = TextLine("甲二。", LEFT, lines[1].top, RIGHT + SIZE, lines[1].bottom, SIZE)
    piece = Piece((lines[0], hanging, lines[2], lines[3]))
    (whole,) = mark_paragraphs([piece], [(LEFT, RIGHT)], SIZE)
    assert len(whole.lines) == 4 and whole.ends_paragraph is False and whole.role == "body"


def test_a_two_line_paragraph_ending_on_a_hung_full_stop_is_one_paragraph():
    # Too few lines to show the piece's own edge: the column's edge is the one, not the
    # hung mark's; the indented first line fills the column and runs on.
    first = line("浙" * 13, 100.0, LEFT + 2 * SIZE, RIGHT)
    last = TextLine("为" * 15 + "。", LEFT, 114.0, RIGHT + SIZE, 114.0 + SIZE, SIZE)
    (whole,) = mark_paragraphs([Piece((first, last), column=0)], [(LEFT, RIGHT)], SIZE)
    assert [l.text for l in whole.lines] == [first.text, last.text]
    assert whole.starts_paragraph is True and whole.role == "body"


def test_text_set_around_a_picture_is_not_a_run_of_first_lines():
    # Lines start further right beside a picture, then return to the column edge.
    specs = [("绕图", 3, False)] * 4 + [("图下", 0, False)] * 3
    parts = split_paragraphs(Piece(tuple(column(*specs))), LEFT, RIGHT)
    assert len(parts) == 2  # the first line is a paragraph start; the rest run on


def test_latin_line_is_short_only_if_the_next_word_would_have_fit():
    ragged = line("the flight data recorder which", 0, LEFT, RIGHT - 2 * SIZE)
    long_word = line("investigation of the accident", 14, LEFT, RIGHT)
    short_word = line("a b c d e f g h i j k l m n o", 14, LEFT, RIGHT)
    assert not is_short(ragged, RIGHT, long_word)
    assert is_short(ragged, RIGHT, short_word)


def test_a_paragraph_ends_before_a_subhead_in_its_column():
    body = Piece(tuple(column(("甲一", 2, False), ("甲二", 0, False))), role="body", region=0, column=0,
                 starts_paragraph=True, ends_paragraph=False)
    subhead = Piece((line("待遇稳步提高", body.bottom + 6, LEFT + 3 * SIZE, size=10.0, bold=True),), region=0, column=0)
    closed, _ = close_before_subheads([body, subhead], SIZE)
    assert closed.ends_paragraph is True
    other_column = Piece(subhead.lines, region=0, column=1)
    still, _ = close_before_subheads([body, other_column], SIZE)
    assert still.ends_paragraph is False


def test_a_bold_two_line_subhead_stays_one_block():
    lines = (line("人才链对接产业链", 100, LEFT + 2 * SIZE, bold=True), line("引进各类人才", 114, LEFT + 3 * SIZE, bold=True))
    (whole,) = mark_paragraphs([Piece(lines)], [(LEFT, RIGHT)], SIZE)
    assert [l.text for l in whole.lines] == ["人才链对接产业链", "引进各类人才"]
    assert whole.role is None  # a subhead is the parser's to name


def test_single_short_lines_keep_no_role_but_a_running_line_is_body():
    byline = Piece((line("本报记者 游朔", 100),), column=0)
    running = Piece((line("社部门开展工伤预防宣传培训减少工", 100, LEFT, RIGHT),), column=0)
    marked = mark_paragraphs([byline, running], [(LEFT, RIGHT)], SIZE)
    assert [p.role for p in marked] == [None, "body"]


def test_pieces_stack_lines_of_one_column_and_keep_columns_apart():
    left = column(("甲一", 2, False), ("甲二", 0, True))
    right = [TextLine(l.text.replace("甲", "乙"), l.x0 + 16 * SIZE, l.top, l.x1 + 16 * SIZE, l.bottom, SIZE) for l in left]
    pieces = build_pieces(right + left)
    assert [[l.text for l in p.lines] for p in pieces] == [["甲一", "甲二"], ["乙一", "乙二"]]


def test_a_rule_or_a_change_of_type_size_ends_a_piece():
    lines = column(("甲一", 2, False), ("甲二", 0, False), ("甲三", 0, False))
    assert len(build_pieces(lines, [Rule(LEFT, 125, RIGHT, 125.5)])) == 2
    bigger = [lines[0], TextLine("小标题", LEFT, 114, LEFT + 30, 124, 10.0)]
    assert len(build_pieces(bigger)) == 2


def test_headline_parts_are_named_by_relative_size_and_position():
    kicker = Piece((line("陕西省出台稳就业十条措施", 60, size=16.5),))
    title = Piece((line("技能人才成长驶入快车道", 82, size=30.0),))
    subtitle = Piece((line("覆盖14个县区", 118, size=15.0),))
    other = Piece((line("导读", 400, x0=500, size=16.0),))
    pieces = [kicker, title, subtitle, other]
    groups = group_headlines(pieces, PageType(SIZE))
    named = name_headline_parts(pieces, groups)
    assert [p.role for p in named] == ["kicker", "title", "subtitle", "title"]
    assert all(p.heading for p in named)


def test_a_kicker_in_plain_body_type_is_known_by_its_place_centred_over_the_title():
    title = Piece((line("养老保险全国统筹稳步推进", 100, x0=100, size=16.5),))
    axis = 100 + 12 * 16.5 / 2
    text = "河南省召开全省人社工作会议"
    centred = Piece((line(text, 100 - SIZE - 4, x0=axis - len(text) * SIZE / 2, size=SIZE * 1.01),))
    flush = Piece((line(text, 100 - SIZE - 4, x0=100 - 3 * SIZE, size=SIZE * 1.01),))
    sentence = Piece((line("河南省召开全省人社工作会议。", 100 - SIZE - 4, x0=axis - 7 * SIZE, size=SIZE * 1.01),))
    assert [p.role for p in name_headline_parts([centred, title], group_headlines([centred, title], PageType(SIZE)))] \
        == ["kicker", "title"]
    for other in (flush, sentence):
        groups = group_headlines([other, title], PageType(SIZE))
        assert [p.role for p in name_headline_parts([other, title], groups)] == [None, "title"]


def test_a_dash_led_subtitle_may_run_wider_than_a_short_title_over_it():
    title = Piece((line("春风送岗暖人心", 100, x0=198, size=18.7),))
    axis = 198 + 7 * 18.7 / 2
    dashed = "——泉州人社服务进万家活动见闻"
    under = 100 + 18.7 + 4
    subtitle = Piece((line(dashed, under, x0=axis - len(dashed) * 9.4 / 2, size=9.4),))
    plain = Piece((line(dashed[2:] + "两个字", under, x0=axis - len(dashed) * 9.4 / 2, size=9.4),))
    named = name_headline_parts([title, subtitle], group_headlines([title, subtitle], PageType(SIZE)))
    assert [p.role for p in named] == ["title", "subtitle"]
    named = name_headline_parts([title, plain], group_headlines([title, plain], PageType(SIZE)))
    assert [p.role for p in named] == ["title", None]
