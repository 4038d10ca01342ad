"""Glyphs -> lines (laobao_convert.layout.lines), with hand-built glyphs and no PDF."""

from __future__ import annotations

import random

from laobao_convert.layout.geometry import Glyph, Rule
from laobao_convert.layout.lines import build_lines
from laobao_convert.layout.overprint import remove_overprint


def glyphs(text, x, top, size=10.0, latin=0.5, bold=False):
    """Set `text` from (x, top): CJK one em wide, other characters `latin` em."""
    out = []
    for char in text:
        width = size if ord(char) > 0x2E80 else latin * size
        out.append(Glyph(char, x, top, x + width, top + size, size, bold))
        x += width
    return out


def texts(lines):
    return [line.text for line in lines]


def test_cjk_is_joined_and_latin_words_keep_their_spaces():
    row = glyphs("国内统一连续出版物号:CN 11-0022", 10, 10)
    assert texts(build_lines(row)) == ["国内统一连续出版物号:CN 11-0022"]


def test_word_space_without_a_space_glyph_is_restored():
    row = glyphs("CN", 10, 10) + glyphs("11-0022", 10 + 10 + 3, 10)
    assert texts(build_lines(row)) == ["CN 11-0022"]


def test_solid_cjk_gets_no_space_but_a_wide_gap_does():
    tight = glyphs("本报记者", 10, 10) + glyphs("游朔", 51, 10)
    spaced = glyphs("本报记者", 10, 30) + glyphs("游朔", 58, 30)
    assert texts(build_lines(tight + spaced)) == ["本报记者游朔", "本报记者 游朔"]


def test_lines_of_neighbouring_columns_on_one_baseline_stay_apart():
    # A one-em gutter, as narrow as a wide word space: the column edge shared by the lines
    # of the right-hand column tells them apart.
    left = glyphs("西部地区融合发展", 10, 100) + glyphs("推进重点行业设备", 10, 114)
    right = glyphs("提高资源综合利用", 10 + 80 + 10, 100) + glyphs("更新改造优势产业", 10 + 80 + 10, 114)
    assert texts(build_lines(right + left)) == ["西部地区融合发展", "提高资源综合利用", "推进重点行业设备", "更新改造优势产业"]


def test_a_wide_space_inside_a_column_is_kept_as_one_line():
    row = glyphs("本报记者", 10, 10) + glyphs("游朔", 10 + 40 + 10, 10) + glyphs("通讯员", 10 + 60 + 20, 10)
    below = glyphs("新华社北京电今日讯息", 10, 24) + glyphs("中国劳动保障报社今日报道", 10, 38)
    assert texts(build_lines(row + below))[0] == "本报记者 游朔 通讯员"


def test_a_vertical_rule_between_columns_splits_a_narrow_gutter():
    left = glyphs("甲乙丙", 10, 100)
    right = glyphs("丁戊己", 10 + 30 + 5, 100)
    rule = Rule(42, 50, 42.5, 200)
    assert texts(build_lines(left + right)) == ["甲乙丙丁戊己"]
    assert texts(build_lines(left + right, [rule])) == ["甲乙丙", "丁戊己"]


def test_content_stream_order_does_not_matter():
    page = glyphs("第一行文字", 10, 10) + glyphs("第二行文字", 10, 25) + glyphs("旁栏", 80, 10) + glyphs("旁栏", 80, 25)
    shuffled = list(page)
    random.Random(7).shuffle(shuffled)
    assert build_lines(shuffled) == build_lines(page)
    assert texts(build_lines(page)) == ["第一行文字", "旁栏", "第二行文字", "旁栏"]


def test_line_takes_the_most_common_size_and_its_box():
    row = glyphs("第7154期", 10, 10)
    (line,) = build_lines(row)
    assert line.size == 10.0
    assert (line.x0, line.x1) == (10, row[-1].x1)


def test_overprinted_fake_bold_is_removed_and_marks_the_line_bold():
    plain = glyphs("坚持就业优先", 10, 10)
    twice = plain + [Glyph(g.text, g.x0 + 0.4, g.top + 0.2, g.x1 + 0.4, g.bottom + 0.2, g.size) for g in plain]
    random.Random(3).shuffle(twice)
    lines = build_lines(remove_overprint(twice))
    assert texts(lines) == ["坚持就业优先"]
    assert lines[0].bold


def test_overprint_keeps_repeated_characters_that_are_really_there():
    row = glyphs("紧紧", 10, 10) + glyphs("紧", 10, 30)
    assert len(remove_overprint(row)) == 3
    assert not any(g.bold for g in remove_overprint(row))


def test_overprint_is_linear_enough_for_a_broadsheet_page():
    import time

    page = []
    for row in range(150):
        page += glyphs("中国劳动保障报" * 6, 10, 10 + row * 14)
    start = time.perf_counter()
    assert len(remove_overprint(page + page)) == len(page)
    assert time.perf_counter() - start < 2.0


def test_a_gutter_with_no_lines_around_is_known_by_the_page_column_edges():
    # Under a photo's caption (smaller type), a two-column stretch of body text: the one row
    # where both columns hold a line has nothing of its size above it, and below only the
    # left column's line and a short jump line flush right. The page's other lines, far
    # away, start and end at the same column edges: the gap is a gutter, not a wide space.
    width, gutter = 100.0, 16.0
    left_x, right_x = 10.0, 10.0 + width + gutter
    page = []
    for row in range(10):
        top = 20 + 14 * row
        page += glyphs("国内统一连续出版物号", left_x, top) + glyphs("推进重点行业设备更新", right_x, top)
    page += glyphs("通讯员摄影报道", right_x, 300, size=8.0)
    page += glyphs("某市人才服务中心告诉", left_x, 320) + glyphs("今年以来当地持续推进", right_x, 320)
    page += glyphs("记者据介绍某省坚持", left_x, 334) + glyphs("(下转2版)", right_x + width - 30, 334, latin=1.0)
    lines = texts(build_lines(page))
    assert "某市人才服务中心告诉" in lines and "今年以来当地持续推进" in lines
