"""Rules for text whose line order the extraction changed (pdftotext's reading order): 导读
items wrapped and scattered, header pieces spread down the page, jump marks run into other
text, continuation headlines stacked with their neighbours' headlines."""

from __future__ import annotations

import pytest

from laobao_convert.parse import parse_issue
from laobao_convert.parse.boxes import leader_lines
from laobao_convert.parse.jumps import split_unit
from laobao_convert.parse.repeats import apply as repeats
from laobao_convert.parse.state import Mark, Part, State, Unit, WorkPage
from laobao_convert.parse.stitch import apply as stitch
from laobao_convert.readers.text import read_text

BODY = ("各地加快推进基层公共服务建设，群众办事越来越方便，满意度持续提升，相关经验正在推广。"
        "记者在多个服务大厅看到，窗口前秩序井然。")
"""A paragraph of ordinary article text, long enough to be body in any column."""


def wrap(text: str, width: int = 18) -> str:
    """The text as pdftotext gives a column: cut into lines of `width` characters."""
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


def parse(*pages: str):
    return parse_issue([read_text("\f".join(pages).encode("utf-8"), "issue.txt")])


def article_text(issue) -> str:
    out = []
    for a in issue.articles:
        out += [x for x in (a.series, a.kicker, a.title, a.subtitle, a.byline) if x]
        out += [b.text for b in a.blocks] + [c.text for c in a.captions]
    return "".join("".join(out).split())


# --- 导读 boxes ----------------------------------------------------------------------------

@pytest.mark.parametrize("lines, marked, astray", [
    # title wrapped onto the line above; the 版 wrapped onto the line below
    (["城乡居民医保待遇稳步", "提高 …… 2版", "新版社区服务指南 …… 3", "版"], [True] * 4, 0),
    # an item set inside a run of body lines: only the item goes
    (["群众办事越来越方便，", "社区服务再提速 …… 4版", "满意度持续提升。"], [False, True, False], 0),
    # the 版 set apart from its item, somewhere else on the page
    (["就业服务进社区 …… 2"], [True], 1),
    # a sentence above a short item tail is not the item's first line
    (["记者看到，窗口前秩序井然。", "提高 …… 2版"], [False, True], 0),
    # jump lines and prose are not box items, nor an ellipsis in prose before a numeral
    (["（下转第二版）", "据统计，同比增长2.2%。"], [False, False], 0),
    (["整治污染、淘汰老旧车辆……一", "步一个脚印向前推进……"], [False, False], 0),
])
def test_leader_lines(lines, marked, astray):
    assert leader_lines(lines) == (marked, astray)


def test_scattered_box_lines_are_furniture_not_articles():
    items = ["城乡居民医保待遇稳步", "提高 …… 2版", "新版社区服务指南 …… 3"]
    page_one = "\n\n".join(["导读", "社区服务再提速", wrap(BODY), "\n".join(items), wrap(BODY[::-1]), "版"])
    issue = parse(page_one)
    text = article_text(issue)
    assert "……" not in text and "医保待遇稳步" not in text and "服务指南" not in text
    assert "".join(BODY.split()) in text
    furniture = sum(len(x.replace(" ", "")) for x in ["导读"] + items + ["版"])
    assert issue.conservation.furniture_chars == furniture
    assert issue.conservation.input_chars == issue.conservation.output_chars


# --- page headers -------------------------------------------------------------------------

PAGE_ONE = "\n\n".join(["新城日报", "社区服务再提速", wrap(BODY)])


def test_header_pieces_spread_down_the_page_are_found():
    page = "\n\n".join(["2023年6月5日", "星期一", wrap(BODY), "第3版", "综合新闻", wrap(BODY[::-1])])
    issue = parse(PAGE_ONE, page)
    got = issue.page(3)
    assert got is not None and (got.name, got.date) == ("综合新闻", "2023-06-05")
    assert "综合新闻" not in article_text(issue) and "第3版" not in article_text(issue)


def test_a_bare_number_down_the_page_is_not_a_page_number():
    page = "\n\n".join(["2023年6月5日", "星期一", "综合新闻", wrap(BODY), "12", wrap(BODY[::-1])])
    issue = parse(PAGE_ONE, page)
    assert [p.number for p in issue.pages] == [1, 2]
    assert "12" in article_text(issue)


def test_two_character_editor_name_split_by_the_extraction():
    page = "\n\n".join(["综合新闻", "第2版", "2023年6月5日 星期一", "责任编辑", "丁", "萍", wrap(BODY)])
    issue = parse(PAGE_ONE, page)
    assert issue.page(2).editor == "丁 萍"
    assert "丁" not in article_text(issue)


def test_editor_name_set_far_from_its_label_skips_bylines_and_credits():
    page = "\n\n".join([
        "综合新闻", "第2版", "2023年6月5日 星期一", "责任编辑",
        "社区服务再提速", "本报记者", "周明", wrap(BODY),
        "图为社区服务大厅。", "本报记者 陈光", "孙立", "摄",
        wrap(BODY[::-1]), "韩冰", wrap(BODY)])
    issue = parse(PAGE_ONE, page)
    assert issue.page(2).editor == "韩冰"
    text = article_text(issue)
    assert "韩冰" not in text and "周明" in text and "孙立" in text


def test_a_whole_header_takes_no_unknown_name_but_a_known_one_further_down():
    # After date and number the short line is a (shortened) repeated headline, not the 版名.
    page = "\n\n".join(["2023年6月5日", "第3版", "星期一", "服务送到家\n（上接第一版）" + wrap(BODY),
                        "理论", wrap(BODY[::-1])])
    issue = parse(PAGE_ONE, page)
    assert (issue.page(3).name, issue.page(3).editor) == ("理论", None)
    assert "服务送到家" in article_text(issue) and "理论" not in article_text(issue)


def test_a_page_name_is_never_taken_for_the_editor():
    page = "\n\n".join(["2023年6月5日", "第3版", "责任编辑", wrap(BODY), "理论", "韩冰", wrap(BODY[::-1])])
    issue = parse(PAGE_ONE, page)
    assert (issue.page(3).name, issue.page(3).editor) == ("理论", "韩冰")


# --- jump lines run into other text --------------------------------------------------------

def test_jump_marks_inside_a_run_of_lines_split_it():
    unit = Unit(lines=("社区服务越来越方便，", "（上接第一版）窗口前秩序井然。", "满意度持续提升。（下转第4版）",
                       "另一篇的文字。"))
    pieces, taken = split_unit(unit)
    assert [(p.role, p.lines) for p in pieces] == [
        (None, ("社区服务越来越方便，",)), ("jump", ()), (None, ("窗口前秩序井然。", "满意度持续提升。")),
        ("jump", ()), (None, ("另一篇的文字。",))]
    assert pieces[1].jump_in.page == 1 and pieces[3].jump_out.page == 4
    assert taken == ["（上接第一版）", "（下转第4版）"]


# --- repeated continuation headlines --------------------------------------------------------

def head(text: str) -> Unit:
    return Unit(lines=(text,), heading=True)


def state_with(pages, parts) -> State:
    work = tuple(WorkPage(number=n, units=tuple(units), source="x.txt", index=n - 1, kind="pdftotext")
                 for n, units in pages)
    return State(pages=work, parts=tuple(parts))


def test_only_the_repeated_pieces_of_a_stacked_head_are_furniture():
    # Page 3 stacks its own article's headline with the repeat of page 1's.
    one = [head("某省出台十条措施 就业服务送到家门口"), Unit(lines=(BODY,))]
    three_head = head("某省出台十条措施 社区服务再提速 就业服务送到家门口 新职业培训扩面")
    cont = Part(page=3, head=(three_head,), jump_in=Mark(1, "（上接第一版）"), continuation=True,
                units=(Unit(lines=(BODY,)),))
    state = repeats(state_with([(1, one), (3, [three_head])], [Part(page=1, head=(one[0],)), cont]))
    got = state.parts[1]
    assert got.repeated == ("某省出台十条措施", "就业服务送到家门口")
    assert [u.text for u in got.head] == ["社区服务再提速 新职业培训扩面"]
    assert state.furniture_chars == len("某省出台十条措施就业服务送到家门口")


def test_a_kicker_printed_on_several_pages_is_not_taken_for_the_repeat():
    # Chain 1→2→4: page 4 repeats page 1's headline; its neighbour's kicker is also a
    # kicker on page 2, which names no one article.
    one = [head("某省出台十条措施 就业服务送到家门口")]
    two = [head("人社部门举行发布会 新职业培训扩面")]
    four_head = head("某省出台十条措施 人社部门举行发布会 就业服务送到家门口 社区服务再提速")
    cont = Part(page=4, head=(four_head,), jump_in=Mark(2, "（上接2版）"), continuation=True)
    state = repeats(state_with([(1, one), (2, two), (4, [four_head])],
                               [Part(page=1, head=tuple(one)), Part(page=2, head=tuple(two)), cont]))
    got = state.parts[2]
    assert got.repeated == ("某省出台十条措施", "就业服务送到家门口")
    assert [u.text for u in got.head] == ["人社部门举行发布会 社区服务再提速"]


def test_a_shortened_repeat_set_apart_from_its_jump_line_is_found():
    one = [head("就业服务送到家门口"), Unit(lines=(BODY,))]
    lone = Unit(lines=("就业服务送到",))
    other = Part(page=3, head=(head("新职业培训扩面"),), units=(Unit(lines=(BODY,)), lone))
    cont = Part(page=3, jump_in=Mark(1, "（上接第一版）"), continuation=True, units=(Unit(lines=(BODY,)),))
    state = repeats(state_with([(1, one), (3, [lone])], [Part(page=1, head=(one[0],)), other, cont]))
    assert state.parts[2].repeated == ("就业服务送到",)
    assert lone not in state.parts[1].units
    assert state.furniture_chars == len("就业服务送到")


def test_what_is_left_of_a_stitched_continuations_head_is_kept():
    source = Part(page=1, head=(head("就业服务送到家门口"),), title="就业服务送到家门口",
                  units=(Unit(lines=(BODY,), role="body"),), jump_out=Mark(3, "（下转第三版）"))
    cont = Part(page=3, head=(head("新职业培训扩面"),), repeated=("就业服务送到家门口",),
                jump_in=Mark(1, "（上接第一版）"), continuation=True,
                units=(Unit(lines=(BODY,), role="body"),))
    state = stitch(State(pages=(), parts=(source, cont)))
    assert len(state.articles) == 1
    blocks = state.articles[0].blocks
    assert [(b.type, b.text, b.page) for b in blocks[1:2]] == [("subhead", "新职业培训扩面", 3)]
    assert state.furniture_chars == 0
    assert [(j.from_page, j.to_page, j.resolved) for j in state.articles[0].jumps] == [(1, 3, True)]


# --- masthead ------------------------------------------------------------------------------

def test_a_line_between_the_authoritys_two_lines_stays_out_of_it():
    page_one = "\n\n".join(["2023年6月", "新城日报", "5", "星期一", "中华人民共和国", "社区服务再提速",
                            "人力资源和社会保障部主管", wrap(BODY)])
    issue = parse(page_one)
    assert issue.masthead.authority == "中华人民共和国人力资源和社会保障部主管"
    assert "社区服务再提速" in article_text(issue)


def test_a_line_equal_to_an_earlier_one_is_not_taken_for_a_set_apart_repeat():
    # Subheads recur from article to article: an equal line says nothing of a repeat.
    one = [head("就业服务送到家门口"), Unit(lines=(BODY,)), head("窗口服务更便捷")]
    lone = Unit(lines=("窗口服务更便捷",))
    other = Part(page=3, head=(head("新职业培训扩面"),), units=(Unit(lines=(BODY,)), lone))
    cont = Part(page=3, jump_in=Mark(1, "（上接第一版）"), continuation=True, units=(Unit(lines=(BODY,)),))
    state = repeats(state_with([(1, one), (3, [lone])], [Part(page=1, head=(one[0],)),
                                                          Part(page=1, head=(one[2],)), other, cont]))
    assert state.parts[3].repeated == () and lone in state.parts[2].units
    assert state.furniture_chars == 0
