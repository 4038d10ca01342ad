"""Jump lines: every spelling as a whole line or at a paragraph's end; never inside prose."""

from __future__ import annotations

import pytest

from laobao_convert.parse.jumps import leading_in, read_jump, split_unit, trailing_out
from laobao_convert.parse.state import Unit


@pytest.mark.parametrize("line, direction, page", [
    ("(下转第二版)", "out", 2), ("（下转第2版）", "out", 2), ("下转2版", "out", 2),
    ("转第四版", "out", 4), ("(转第3版)", "out", 3), ("（下转A2版）", "out", 2), ("下转A2", "out", 2),
    ("（下转第十二版）", "out", 12), ("(下转第２版)", "out", 2), ("〔下转第五版〕", "out", 5),
    ("（上接第一版）", "in", 1), ("(上接1版)", "in", 1), ("上接第一版", "in", 1),
    ("(接第2版)", "in", 2), ("上接1", "in", 1),
])
def test_whole_line_spellings(line, direction, page):
    found = read_jump(line)
    assert found is not None
    assert (found[0], found[1].page) == (direction, page)


@pytest.mark.parametrize("line", [
    "转发", "各地转发文件。", "帮助职工转岗转业", "转2个弯就到了", "上接下来的工作", "接第二批人员",
    "他说下转第二版面的设计", "(下转)", "下转第二版的稿件已经排好。",
])
def test_prose_is_not_a_jump(line):
    assert read_jump(line) is None
    assert trailing_out(line) is None


def test_jump_at_a_paragraphs_end():
    text, mark = trailing_out("提高水资源安全保障水平。（下转第二版）")
    assert (text, mark.page, mark.text) == ("提高水资源安全保障水平。", 2, "（下转第二版）")


def test_jump_in_run_into_the_first_line():
    mark, rest = leading_in("（上接第一版）地区融合发展。")
    assert (mark.page, rest) == (1, "地区融合发展。")
    assert leading_in("上接第一版地区融合发展。")[1] == "地区融合发展。"


def test_split_unit_takes_jump_lines_out_and_keeps_them():
    unit = Unit(lines=("（上接第一版）正文开始，", "继续写。", "(下转第三版)"))
    pieces, taken = split_unit(unit)
    assert [(p.role, p.lines) for p in pieces] == [
        ("jump", ()), (None, ("正文开始，", "继续写。")), ("jump", ())]
    assert pieces[0].jump_in.page == 1 and pieces[2].jump_out.page == 3
    assert taken == ["（上接第一版）", "(下转第三版)"]


def test_prose_unit_is_left_alone():
    unit = Unit(lines=("各地转发了通知，帮助职工转岗。",))
    assert split_unit(unit) == ([unit], [])
