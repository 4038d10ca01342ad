"""`pdftotext -layout` text: its character grid read as page geometry and laid out by the PDF's
layout rules (laobao_convert.readers.layout_grid / layout_sizes / layout_text)."""

from __future__ import annotations

import json

import pytest

from laobao_convert.parse import parse_issue
from laobao_convert.readers import read_input
from laobao_convert.readers.layout_grid import looks_like_layout, read_grid
from laobao_convert.readers.layout_sizes import BODY, TITLE, estimate

TEXT = ("人力资源社会保障部门持续推进就业服务下沉基层建设零工市场帮助求职者就近找到合适岗位"
        "同时加强职业技能培训提升劳动者的技能水平和就业能力各地还组织专场招聘活动促进供需对接"
        "让更多劳动者实现高质量充分就业为经济社会发展提供有力支撑")
TEXT2 = ("各地人社部门聚焦重点群体就业需求扎实开展春风行动等专项服务活动及时发布岗位信息"
         "并为困难人员提供一对一帮扶确保零就业家庭动态清零同时推进社保卡居民服务一卡通应用"
         "让群众办事更加便捷有效增强了人民群众的获得感幸福感和安全感")
MEASURE = 12


def _lines(text: str, first_indent: bool = True):
    """A column's lines: `text` cut into full lines of MEASURE characters, the first one
    indented by two characters (pdftotext writes an indent as spaces)."""
    out = []
    rest = text
    first = True
    while rest:
        room = MEASURE - 2 if first and first_indent else MEASURE
        out.append(("    " if first and first_indent else "") + rest[:room])
        rest = rest[room:]
        first = False
    return out


def _page(columns, head=(), gutter=6):
    """Columns side by side at fixed positions, under `head` lines (each followed by a blank row)."""
    rows = []
    for line in head:
        rows += [line, ""]
    width = MEASURE + gutter
    for k in range(max(len(c) for c in columns)):
        row = ""
        for n, column in enumerate(columns):
            if k < len(column):
                row = row.ljust(n * width) + column[k]
        rows.append(row.rstrip())
    return "\n".join(rows) + "\n"


LEFT = _lines(TEXT + "。")
RIGHT = _lines(TEXT2 + "。")
HEADLINE = "某市召开就业服务工作推进会议部署全年重点任务"


def test_gutters_are_found_where_columns_start():
    grid = read_grid(_page([LEFT, RIGHT]))
    assert grid.edges == (0, MEASURE + 6)
    assert {s.col for s in grid.segments} == {0, 4, MEASURE + 6, MEASURE + 10}
    # Each segment is one column's line: no text runs across the gutter.
    assert all(len(s.text) <= MEASURE for s in grid.segments)


def test_a_single_space_before_a_column_edge_is_a_gutter():
    # pdftotext counts a position per character: a line with digits in it reaches further
    # and may stand a single space from the next column.
    digits = "累计发放补贴2024.3亿元，"
    page = _page([LEFT, RIGHT], gutter=4)
    rows = page.split("\n")
    rows[2] = digits + " " + rows[2][MEASURE + 4:]
    grid = read_grid("\n".join(rows))
    assert grid.edges == (0, MEASURE + 4)
    assert [s.text for s in grid.segments if s.row == 2] == [digits, RIGHT[2]]


def test_layout_text_is_told_from_plain_text_and_markdown():
    layout = _page([LEFT, RIGHT], head=(HEADLINE,))
    assert looks_like_layout(layout)
    assert not looks_like_layout("\n".join(LEFT + RIGHT))
    markdown = "## " + HEADLINE + "\n\n" + "\n".join(line + "  " for line in LEFT + RIGHT)
    assert not looks_like_layout(markdown)


def test_a_headline_is_estimated_larger_than_the_body():
    grid = read_grid(_page([LEFT, RIGHT], head=(HEADLINE,)))
    sizes = estimate(grid, first_page=False)
    by_text = {s.text: sizes.size[i] for i, s in enumerate(grid.segments)}
    assert by_text[HEADLINE] == TITLE
    assert all(by_text[line.strip()] == BODY for line in LEFT + RIGHT)


def test_a_kicker_over_the_title_is_smaller_than_it():
    kicker = "人社部召开新闻发布会"
    grid = read_grid(_page([LEFT, RIGHT], head=(kicker, HEADLINE)))
    sizes = estimate(grid, first_page=False)
    by_text = {s.text: sizes.size[i] for i, s in enumerate(grid.segments)}
    assert BODY < by_text[kicker] < by_text[HEADLINE]


def _blocks(text: str, name: str = "issue-p2.txt"):
    # An inner page: on page one a headline alone at the top would stand where the name goes.
    document = read_input(text.encode("utf-8"), name)
    assert document.kind == "layout"
    return document, [b for page in document.pages for b in page.blocks]


def test_a_two_column_page_is_read_column_by_column():
    document, blocks = _blocks(_page([LEFT, RIGHT], head=(HEADLINE,)))
    assert blocks[0].role == "title" and blocks[0].lines[0].text == HEADLINE
    body = "".join(line.text for b in blocks[1:] for line in b.lines)
    assert body == TEXT + "。" + TEXT2 + "。"


def test_a_jump_line_comes_out_and_leaves_the_body():
    jump = "（下转第二版）"
    right = RIGHT + [" " * 5 + jump]
    document, blocks = _blocks(_page([LEFT, right], head=(HEADLINE,)))
    assert any(line.text.strip() == jump for b in blocks for line in b.lines)
    issue = parse_issue([document])
    assert issue.articles and issue.articles[0].title == HEADLINE
    for article in issue.articles:
        for block in article.blocks:
            assert "下转" not in getattr(block, "text", "")
    assert not any(w.code == "conservation" for w in issue.warnings)


def test_form_feeds_separate_pages():
    page = _page([LEFT, RIGHT], head=(HEADLINE,))
    document, _ = _blocks(page + "\f" + page)
    assert len(document.pages) == 2


def test_odd_layout_text_gives_no_traceback():
    # Control characters, tabs and a lone wide line among columns: read, never a crash.
    page = _page([LEFT, RIGHT]) + "\t\x01" + "宽" * 300 + "\n" + "   x" * 40 + "\n"
    document, blocks = _blocks(page)
    assert blocks


@pytest.fixture(scope="module")
def devset(shared_dir):
    path = shared_dir / "devset" / "case_3001"
    if not (path / "issue.layout.txt").is_file():
        pytest.skip("the development set is not here")
    return path


def test_devset_layout_text_reads_as_the_pdf_does(devset):
    truth = json.loads((devset / "truth.json").read_text(encoding="utf-8"))
    document = read_input((devset / "issue.layout.txt").read_bytes(), "issue.layout.txt")
    assert document.kind == "layout"
    issue = parse_issue([document])
    assert issue.masthead.date == truth["masthead"]["date"]
    titles = {a.title for a in issue.articles}
    found = [a["title"] for a in truth["articles"] if a["title"] in titles]
    assert len(found) >= len(truth["articles"]) - 1
    assert not any(w.code == "conservation" for w in issue.warnings)


def _sizes_by_text(page: str, first_page: bool = False):
    grid = read_grid(page)
    sizes = estimate(grid, first_page=first_page)
    return grid, sizes, {s.text: sizes.size[i] for i, s in enumerate(grid.segments)}


def test_a_photo_caption_is_set_smaller_than_the_body_and_read_as_one():
    caption = ["图为青岛市举办民营企业招聘月专场", "活动。 本报记者 王晔 摄"]
    right = RIGHT[:4] + [""] * 3 + caption + RIGHT[4:] + RIGHT
    page = _page([LEFT + LEFT, right], head=(HEADLINE,))
    _, _, by_text = _sizes_by_text(page)
    assert all(by_text[line] < BODY for line in caption)
    document, _ = _blocks(page)
    issue = parse_issue([document])
    article = issue.articles[0]
    assert article.title == HEADLINE
    assert any("图为青岛市" in c.text for c in article.captions)


def test_a_caption_naming_its_scene_is_read_down_to_its_credit():
    # Wrapped in the column's measure, its sentence ending over its credit: no line of it is
    # a headline or the body's.
    caption = ["近日，某市公共就业服务", "中心工作人员深入企业开", "展政策宣讲。", "新华社记者 王晔 摄"]
    right = RIGHT[:4] + [""] * 3 + caption + [""] * 2 + RIGHT[4:] + RIGHT
    page = _page([LEFT + LEFT, right], head=(HEADLINE,))
    _, sizes, by_text = _sizes_by_text(page)
    assert all(by_text[line] < BODY for line in caption)
    issue = parse_issue([_blocks(page)[0]])
    assert [a.title for a in issue.articles] == [HEADLINE]
    article = issue.articles[0]
    assert any(c.text.startswith("近日，某市") and c.text.endswith("摄") for c in article.captions)
    assert "近日" not in "".join(b.text for b in article.blocks)


def test_a_series_label_over_a_headline_is_no_part_of_it():
    label = "走基层·看变化①"
    page = _page([LEFT, RIGHT], head=(label, HEADLINE))
    grid, sizes, _ = _sizes_by_text(page)
    assert [grid.segments[i].text for i in sizes.series] == [label]
    _, blocks = _blocks(page)
    roles = {b.lines[0].text: b.role for b in blocks}
    assert roles[label] == "series" and roles[HEADLINE] == "title"


def test_a_page_header_and_footer_are_bands_set_apart_by_blank_rows():
    header = "第2版" + " " * 20 + "就业服务" + " " * 20 + "2024年4月24日   星期三"
    footer = "社址：北京市朝阳区惠新东街甲1号" + " " * 4 + "邮编：100029" + " " * 4 + "零售：每份1.50元"
    body = _page([LEFT + LEFT + LEFT, RIGHT + RIGHT + RIGHT], head=(HEADLINE,))
    page = header + "\n\n\n" + body + "\n\n\n" + footer + "\n"
    _, blocks = _blocks(page)
    roles = {b.lines[0].text: b.role for b in blocks}
    assert roles["第2版"] == "header" and roles["就业服务"] == "header"
    assert roles["零售：每份1.50元"] == "footer"
    assert roles[HEADLINE] == "title"


def test_headlines_packed_a_space_apart_are_cut_where_the_row_below_starts():
    # Two headlines side by side, packed by pdftotext a single space apart; the second one's
    # wrapped line below starts where it does.
    rows = ["推进社保卡居民服务一卡通 确保资本持续投入", " " * 13 + "艺术节新创品牌"]
    grid = read_grid("\n".join(rows + [""] + _page([LEFT, RIGHT]).split("\n")))
    assert [s.text for s in grid.segments if s.row == 0] == ["推进社保卡居民服务一卡通", "确保资本持续投入"]


def test_a_subhead_centred_in_its_column_is_body_type():
    subhead = "    筑牢人才引育链"
    right = RIGHT[:5] + [subhead] + RIGHT[5:]
    _, _, by_text = _sizes_by_text(_page([LEFT, right], head=(HEADLINE,)))
    assert by_text[subhead.strip()] == BODY


def test_a_page_too_big_to_lay_out_is_refused_in_one_line(monkeypatch):
    from laobao_convert import limits
    from laobao_convert.errors import InputError

    page = _page([LEFT, RIGHT], head=(HEADLINE,))
    monkeypatch.setattr(limits, "MAX_PAGE_GLYPHS", 100)
    with pytest.raises(InputError, match="too big to read"):
        read_input(page.encode("utf-8"), "issue-p2.txt")
    monkeypatch.setattr(limits, "MAX_PAGE_GLYPHS", 100_000)
    many = "\n".join("   ".join(["就业"] * 40) for _ in range(300))
    with pytest.raises(InputError, match="too big to lay out"):
        read_input((page + many).encode("utf-8"), "issue-p2.txt")


def _issue(page: str):
    document, _ = _blocks(page)
    return parse_issue([document])


def test_an_authors_post_with_the_name_wrapped_under_it_is_one_author_line():
    from laobao_convert.readers.layout_wording import join_wrapped_authors

    post, name = "广西壮族自治区人力资源和社会保障厅副厅长", "许倩"
    grid = join_wrapped_authors(read_grid(_page([[post, name] + LEFT, RIGHT], head=(HEADLINE,))))
    assert post + " " + name in [s.text for s in grid.segments]
    assert name not in [s.text for s in grid.segments]
    # A paragraph's end in a column is no post: it keeps its line.
    ending = ["工作的人力资源和社会保障局副局长", "王明说。"]
    grid = join_wrapped_authors(read_grid(_page([LEFT + ending, RIGHT])))
    assert "王明说。" in [s.text for s in grid.segments]


def test_a_headline_wrapped_in_a_narrow_column_is_a_headline():
    # Set larger than the body, the title's lines hold fewer characters than the column's
    # and are as long as each other, but for the last; none ends a sentence.
    # A blank row parts it from the text it heads: no opening of the text under it says so.
    title = ["提升基层服务最后一", "公里顶住各种挑战稳", "岗"]
    rows = title + ["——开放型经济格局加快构建", ""] + LEFT
    grid, sizes, by_text = _sizes_by_text(_page([rows, RIGHT + RIGHT]))
    assert all(by_text[line] == TITLE for line in title)
    assert by_text[LEFT[1]] == BODY
    issue = _issue(_page([rows, RIGHT + RIGHT]))
    assert issue.articles[0].title.replace(" ", "") == "".join(title)


def test_a_series_label_wrapped_onto_a_second_line_stays_the_label():
    label = ["人社厅（局）长谈贯彻落实", "全国两会精神②"]
    grid, sizes, _ = _sizes_by_text(_page([LEFT, RIGHT], head=(label[0], label[1], HEADLINE)))
    assert [grid.segments[i].text for i in sizes.series] == [label[1]]
    assert {sizes.size[i] for i, s in enumerate(grid.segments) if s.text in label} == {sizes.size[sizes.series[0]]}
    assert _issue(_page([LEFT, RIGHT], head=(label[0], label[1], HEADLINE))).articles[0].title == HEADLINE


def test_blank_rows_under_a_row_speak_for_its_last_piece_only():
    # pdftotext sets the blank rows under a row in the size of the row's last piece: a small
    # kicker beside a title's first line leaves blank rows that say nothing of the title.
    first, rest = "健全劳动关系协商协调机制 促进", "劳动关系和谐稳定"
    kicker, title = "根治欠薪在行动", "生产线上的最新成果"
    rows = [first.ljust(30) + kicker, "", "", rest.ljust(30) + title]
    grid = read_grid("\n".join(rows) + "\n")
    index = {s.text: i for i, s in enumerate(grid.segments)}
    assert grid.own_blanks(index[first], index[rest]) == 0
    assert grid.own_blanks(index[kicker], index[title]) == 2


def test_a_jump_line_pdftotext_set_off_its_column_stays_in_it():
    # pdftotext puts a flush-right 下转 line after the longest text left of it on the page,
    # past its column's lines and short of the next column's edge.
    jump = "（下转第2版）"
    rows = _page([LEFT, RIGHT], head=(HEADLINE,)).rstrip("\n").split("\n")
    rows.append(" " * (MEASURE - 2) + jump)
    document, blocks = _blocks("\n".join(rows) + "\n")
    left = next(b for b in blocks if b.lines[0].text.startswith(LEFT[1][:4]) or LEFT[0].strip()[:4] in b.lines[0].text)
    out = next(b for b in blocks if any(line.text == jump for line in b.lines))
    assert out.bbox.x1 <= left.bbox.x1 + 1


def test_a_headline_wrapped_in_a_narrow_column_over_a_dateline_is_one_headline():
    # Set larger than the body, the headline's lines stand further apart than the column's
    # rows, and pdftotext leaves more room still over the dateline: the parts over it are
    # its headline (a kicker, a title and a subtitle, each wrapped), not a column break.
    head = ["人社部举办一季度新闻", "发布会", "", "持续开展根治欠薪专", "", "项行动 兜牢民生底线", "",
            "其中余电上网两万千瓦时", "", ""]
    dateline = "  新华社上海3月17日电 " + TEXT2[:MEASURE - 12]
    right = head + [dateline] + _lines(TEXT2[MEASURE - 12:] + "。", first_indent=False)
    grid, sizes, by_text = _sizes_by_text(_page([LEFT + LEFT, right]))
    assert all(by_text[line] > BODY for line in head if line)
    assert by_text[dateline.strip()] == BODY
    titles = [a.title.replace(" ", "") for a in _issue(_page([LEFT + LEFT, right])).articles]
    assert any("持续开展根治欠薪专项行动" in t for t in titles)


def test_a_headline_a_row_off_another_stops_short_of_it():
    # pdftotext sets a headline in other type a row or two off the one beside it: the left
    # title spans its own column only, not the one the other headline heads.
    left_title, right_title = "某市创新举措畅通维权渠道", "又蕴含深厚的人文关怀但文字不会消亡"
    rows = [left_title, "", " " * (MEASURE + 6) + right_title]
    body = _page([LEFT, ["  本报讯（记者 王明）" + TEXT2[:MEASURE - 10]] + _lines(TEXT2[MEASURE - 10:] + "。", False)])
    titles = [a.title for a in _issue("\n".join(rows) + "\n" + body).articles]
    assert left_title in titles and right_title in titles


def test_a_headline_packed_after_another_stands_over_the_column_its_text_opens_in():
    # pdftotext packs a headline a single space after the one left of it, off every column
    # edge; its text opens (a byline) in the third column, which it heads.
    left_title, right_title, subtitle = "扩大工伤保险覆盖面不断增强获得感", "希望日方同中方相向而行", "——防止误导性宣传"
    at = len(left_title) + 1
    rows = [left_title + " " + right_title, " " * at + subtitle, ""]
    third = ["  本报讯（记者 王明）" + TEXT2[:MEASURE - 10]] + _lines(TEXT2[MEASURE - 10:] + "。", False)
    page = "\n".join(rows) + "\n" + _page([LEFT, _lines(TEXT + "。", False), third])
    articles = {a.title: a for a in _issue(page).articles}
    assert right_title in articles and left_title in articles
    assert articles[right_title].blocks[0].text.startswith("本报讯")
    assert not any("本报讯" in b.text for b in articles[left_title].blocks)


def test_a_headline_packed_under_a_kicker_left_without_its_title_is_that_kickers_title():
    # The kicker heads the third column; pdftotext packed its title a space after the
    # headline of the first column, left of the second column, whose text opens too.
    kicker, left_title, right_title, rest = "某部召开三季度新闻发布会", "推进社保卡居民服务一卡通", "确保资本持续投入", "艺术节新创品牌"
    at = len(left_title) + 1
    rows = [" " * (2 * (MEASURE + 6)) + kicker, "", left_title + " " + right_title, " " * at + rest, ""]
    third = ["本报记者 王明"] + _lines(TEXT2 + "。")
    page = "\n".join(rows) + "\n" + _page([LEFT, _lines(TEXT + "。"), third])
    articles = {a.title.replace(" ", ""): a for a in _issue(page).articles}
    assert right_title + rest in articles
    assert articles[right_title + rest].kicker == kicker
    assert articles[right_title + rest].blocks[0].text.startswith(TEXT2[:8])


def test_a_headline_line_packed_past_a_column_edge_is_cut_where_the_headline_stands():
    # The title's second line, packed a space after a column's line four rows under its
    # first line, runs past the next column's edge: it is cut where the first line starts.
    title, rest = "推进社保卡居民服务一卡通", "不断增强获得感"
    at = MEASURE + 1
    rows = [" " * at + title, "", "", "", LEFT[1] + " " + rest] + _page([LEFT[2:], RIGHT]).split("\n")
    grid = read_grid("\n".join(rows))
    assert [s.text for s in grid.segments if s.row == 4] == [LEFT[1], rest]


def test_continuations_side_by_side_each_with_its_own_jump_line_stay_apart():
    # A continuation opens the left column level with the jump head over the right one;
    # each opens with its own 上接 line. pdftotext drops the column rule between them.
    left = _lines("（上接第一版）" + TEXT + "。", first_indent=False)
    right = ["关注就业服务", ""] + _lines("（上接第四版）" + TEXT2 + "。", first_indent=False)
    document, _ = _blocks(_page([left, left[len(left) // 2:] and _lines(TEXT2 + "。"), right]))
    issue = parse_issue([document])
    jump_head = [a for a in issue.articles if a.title == "关注就业服务"]
    assert len(jump_head) == 1
    text = "".join(b.text for b in jump_head[0].blocks)
    assert "上接第一版" not in text and TEXT[:10] not in text


def test_titles_side_by_side_stay_apart_and_a_wrapped_one_fills_its_columns():
    # Each title heads its own pair of columns: the left one, wrapped, fills its columns
    # (its break is a wrap, no space), and the one beside stays a headline of its own.
    left_title, rest, right_title = "昆明市创新举措护航农民", "工返岗", "天水市持续用力畅通维权渠道"
    at = 2 * (MEASURE + 6)
    rows = [left_title.ljust(at) + right_title, "", rest, ""]
    page = "\n".join(rows) + "\n" + _page([["  本报讯（记者 王明）" + TEXT[:MEASURE - 10]] + _lines(TEXT[MEASURE - 10:] + "。", False),
                                           _lines(TEXT2 + "。", False),
                                           ["  本报讯（记者 李华）" + TEXT2[:MEASURE - 10]] + _lines(TEXT2[MEASURE - 10:] + "。", False),
                                           _lines(TEXT + "。", False)])
    titles = [a.title for a in _issue(page).articles]
    assert left_title + rest in titles and right_title in titles


def test_a_series_label_wrapped_beside_a_headline_keeps_its_printed_width():
    # The label's first line is not a kicker spanning the headline's width: stretched to the
    # page's edge it would be too wide for a label and taken for the title's kicker.
    label, title = ["人社厅（局）长谈贯彻落实全国两会", "精神④"], "哈尔滨市创新举措培育技能人才"
    left_title = "遵义市创新举措畅通维权渠道"
    at = MEASURE + 6
    rows = [left_title.ljust(at) + label[0], " " * at + label[1], "", " " * at + title, ""]
    page = "\n".join(rows) + "\n" + _page([LEFT, RIGHT, _lines(TEXT2 + "。"), LEFT, RIGHT])
    articles = {a.title: a for a in _issue(page).articles}
    assert title in articles and articles[title].kicker is None



def test_a_continuation_opening_level_with_a_headline_beside_it_stays_apart():
    # A continuation fills the first two columns under its 上接 line; level with it, a few
    # characters past its second column, another article's headline opens over the third.
    # pdftotext drops the column rule between them.
    title = "某市多措并举稳岗扩就业"
    left = ["（上接第一版）"] + _lines(TEXT + "。", first_indent=False)
    second = _lines(TEXT2 + "。", first_indent=False)
    third = [""] + ["  本报讯（记者 王明）" + TEXT2[:MEASURE - 10]] + _lines(TEXT2[MEASURE - 10:] + "。", False)
    rows = _page([left, second, third]).split("\n")
    rows[0] = rows[0].ljust(2 * (MEASURE + 6) - 2) + title
    articles = {a.title: a for a in _issue("\n".join(rows)).articles}
    assert title in articles
    text = "".join(b.text for b in articles[title].blocks)
    assert text.startswith("本报讯") and "上接第一版" not in text and TEXT[:10] not in text


def test_a_continuation_opening_a_band_under_an_article_is_kept_out_of_it():
    # Under an article's columns, past blank rows across the page, a continuation opens with
    # its 上接 line and no headline: pdftotext drops the rule that parts the two bands.
    upper = _page([["  本报讯（记者 王明）" + TEXT[:MEASURE - 10]] + _lines(TEXT[MEASURE - 10:] + "。", False),
                   _lines(TEXT2 + "。", False)], head=(HEADLINE,))
    lower = _page([["（上接第一版）"] + _lines(TEXT2 + "。", False), _lines(TEXT + "。", False)])
    articles = {a.title: a for a in _issue(upper + "\n" * 4 + lower).articles}
    text = "".join(b.text for b in articles[HEADLINE].blocks)
    assert text == "本报讯（记者 王明）" + TEXT + "。" + TEXT2 + "。"


NARROW_HEAD = ("把握绿色这个普遍形态", ["做优欠薪治", "理长效链在", "当前复杂的国际", "环境下"], ["——项目发展取得长", "足进步"])


def _narrow_head_page():
    """A kicker, a title wrapped over four lines and a ——subtitle over two, one under another
    in a column, over its indented text; the article's text runs on in the next column."""
    kicker, title, subtitle = NARROW_HEAD
    column = [kicker] + title + subtitle + _lines(TEXT + "。")
    return _page([column, [""] * 7 + _lines(TEXT2 + "。", False)])


def test_a_headline_closed_by_a_dashed_subtitle_may_take_many_lines_of_a_column():
    articles = _issue(_narrow_head_page()).articles
    assert len(articles) == 1
    article = articles[0]
    assert article.subtitle == "".join(NARROW_HEAD[2])
    assert article.blocks[0].text.startswith(TEXT[:10])


def test_a_kicker_wider_than_the_title_wrapped_under_it_is_the_kicker():
    # No blank row parts them: the kicker's line holds more characters than any of the
    # title's, set larger, in the same width.
    article = _issue(_narrow_head_page()).articles[0]
    assert article.kicker == NARROW_HEAD[0] and article.title == "".join(NARROW_HEAD[1])


def test_lines_short_of_their_column_only_where_the_next_could_not_come_up_are_body_text():
    # The second column opens with two lines short of the measure: the next line's first
    # characters (施》，, 措。) may not be parted, so each was set justified. Not a headline.
    second = ["服务下沉基层的若干措", "施》，明确29条具体举", "措。" + TEXT2[:MEASURE - 2]] + _lines(TEXT2[MEASURE - 2:] + "。", False)
    first = ["  本报讯（记者 王明）" + TEXT[:MEASURE - 10]] + _lines(TEXT[MEASURE - 10:] + "。", False)
    articles = _issue(_page([first, second], head=(HEADLINE,))).articles
    assert [a.title for a in articles] == [HEADLINE]
    text = "".join(b.text for b in articles[0].blocks)
    assert "若干措施》，明确29条具体举措。" + TEXT2[:6] in text


def test_the_characters_that_could_not_end_a_line_are_measured_together():
    from laobao_convert.readers.layout_runs import first_unit

    assert first_unit("施》，明确") == 3
    assert first_unit("《决定》提出") == 2
    assert first_unit("“我们将") == 2
    assert first_unit("节“挤水分”") == 3
    assert first_unit("各地人社") == 0  # any character may begin a line
    assert first_unit("2024年以来") == 2  # a figure is never broken
    assert first_unit("13.2%，同比") == 3.5


def test_a_line_short_only_where_the_next_could_not_come_up_runs_on_into_it():
    # 党的二十届三中全会 stops an em short: 《 may not end a line, so 《决 went down together
    # and the line was set justified. It is the paragraph's first line, not a subtitle.
    first = ["  党的二十届三中全会", "《决定》提出" + TEXT[:MEASURE - 6]] + _lines(TEXT[MEASURE - 6:] + "。", False)
    article = _issue(_page([first, _lines(TEXT2 + "。")], head=(HEADLINE,))).articles[0]
    assert article.subtitle is None
    assert article.blocks[0].text.startswith("党的二十届三中全会《决定》提出")


def test_the_line_under_an_indented_line_comes_under_it():
    # Another frame's rows are set between the column's; the paragraph's second line, back on
    # the column's edge under its indented first line, stands under it, not beside it.
    from laobao_convert.readers.layout_text import page_geometry

    left = _lines(TEXT[:30] + "。") + ["  安吉县气象局副局长尹浩", "说。"] + _lines(TEXT[30:] + "。")
    second, other = _lines(TEXT2[:30] + "。", False), _lines(TEXT2 + "。")
    rows = [HEADLINE, ""]
    for k in range(max(len(left), len(other))):
        rows.append(((left[k] if k < len(left) else "").ljust(MEASURE + 6) + (second[k] if k < len(second) else "")).rstrip())
        rows.append(" " * (2 * (MEASURE + 6)) + other[k] if k < len(other) else "")
    glyphs = page_geometry("\n".join(rows) + "\n").glyphs
    text = "".join(g.text for g in glyphs)
    first, under = glyphs[text.index("安吉县")], glyphs[text.index("说。")]
    assert under.top >= first.bottom


def _labelled_bands(first_line: str) -> str:
    """Two articles one under the other, each headed by `first_line` a blank row over its title."""
    def band(title, text):
        rows = [first_line, "", title, "", "本报记者 王明"]
        return "\n".join(rows) + "\n" + _page([_lines(text[:60] + "。"), _lines(text[60:] + "。", False)])
    return band("某市推进就业服务下沉基层", TEXT) + "\n" * 4 + band("某县多措并举稳岗扩就业", TEXT2)


@pytest.mark.parametrize("first_line, part", [("人社服务快办行动进行时", "series"), ("人社部召开三季度新闻发布会", "kicker")])
def test_a_first_line_repeated_over_two_headlines_is_their_series_label_unless_it_names_an_act(first_line, part):
    articles = _issue(_labelled_bands(first_line)).articles
    assert [a.title for a in articles] == ["某市推进就业服务下沉基层", "某县多措并举稳岗扩就业"]
    assert all(getattr(a, part) == first_line for a in articles)


def test_a_headlines_first_line_narrower_than_the_line_under_it_is_its_kicker():
    # A wrapped line is its block's widest: a first line under which a wider one follows on the
    # next row was set in another size, over a ——subtitle: the kicker.
    kicker, title, subtitle = "服务保障新质生产力发展", "提升劳动人事争议调解仲裁效能 兜牢民生底线", "——株洲市就业帮扶侧记"
    rows = [kicker, title, "", subtitle, "本报记者 王明"]
    article = _issue("\n".join(rows) + "\n" + _page([_lines(TEXT + "。"), _lines(TEXT2 + "。", False)])).articles[0]
    assert (article.kicker, article.title, article.subtitle) == (kicker, title, subtitle)


def test_lines_packed_a_space_after_a_headline_off_every_column_edge_are_a_headline():
    # pdftotext put the right-hand headline a space after the left one's title, off every
    # column edge, its lines one under another there (rows of the left column between).
    from laobao_convert.readers.layout_headings import _packed_after_headlines
    from laobao_convert.readers.layout_runs import chains, neighbours_below

    left_title, right = "推动公共就业服务下沉基层为经济", ["提升人才引育链 为民", "族谋复兴的初心", "即使在战火和废墟中"]
    at = len(left_title) + 1
    rows = [left_title + " " + right[0], " " * at + right[1], LEFT[0], LEFT[1], " " * at + right[2]]
    grid = read_grid("\n".join(rows) + "\n" + _page([LEFT[2:], ["本报记者 王明"] + _lines(TEXT2 + "。")]))
    flags = [s.text == left_title for s in grid.segments]
    packed = _packed_after_headlines(grid, chains(grid, neighbours_below(grid)), flags)
    assert [grid.segments[i].text for i in packed] == right
    # Text of the column under the left title, a space after it, is no headline.
    assert not _packed_after_headlines(grid, chains(grid, neighbours_below(grid)), [False] * len(flags))


def _overlapping(glyphs):
    """Pairs of inked glyphs whose boxes overlap."""
    inked = sorted((g for g in glyphs if g.text.strip()), key=lambda g: g.x0)
    out = []
    for k, a in enumerate(inked):
        for b in inked[k + 1:]:
            if b.x0 >= a.x1:
                break
            if min(a.bottom, b.bottom) > max(a.top, b.top):
                out.append((a.text, b.text))
    return out


def test_pieces_of_one_row_never_interleave_their_characters():
    from laobao_convert.readers.layout_text import page_geometry

    # Two pieces off every column edge: the position scale counts ems only inside a column's
    # text, so it may set the later piece into the text before it.
    spaced = "第一期 今日二版" + " " * 20 + "中华人民共和国    人力资源和社会保障部主管"
    page = _page([LEFT, RIGHT], head=(HEADLINE, spaced))
    assert _overlapping(page_geometry(page).glyphs) == []
    _, blocks = _blocks(page)
    assert "中华人民共和国 人力资源和社会保障部主管" in [line.text for b in blocks for line in b.lines]


def test_a_piece_starting_inside_the_measure_of_the_line_before_it_goes_on_that_line():
    # A byline's name spaced three positions off the words before it, inside its column.
    byline = ["  本报讯（记者   吴艳", "洋）" + LEFT[1][2:]] + LEFT[2:]
    grid = read_grid(_page([byline, RIGHT], head=(HEADLINE,)))
    assert "本报讯（记者 吴艳" in [s.text for s in grid.segments]
    _, blocks = _blocks(_page([byline, RIGHT], head=(HEADLINE,)))
    assert "本报讯（记者 吴艳洋）" in "".join(line.text for b in blocks for line in b.lines)


def test_a_header_line_holding_the_editor_and_another_staff_label_keeps_the_editor():
    # The editor's name and the next label a wide word space apart come out as one line; the
    # label's own name stands off it.
    header = "第2版" + " " * 20 + "劳动关系" + " " * 20 + "2023年4月10日   星期一"
    staff = "责任编辑 史雪浩  美术编辑" + " " * 12 + "丁颖琳"
    body = _page([LEFT + LEFT + LEFT, RIGHT + RIGHT + RIGHT], head=(HEADLINE,))
    issue = _issue(header + "\n\n" + staff + "\n\n\n" + body)
    assert issue.pages[0].editor == "史雪浩"


def test_a_masthead_name_under_a_shallow_top_row_is_page_ones_name():
    # The edition's small fields stand over the name, the name's height blank between.
    top = "2024年3月" + " " * 40 + "国内统一连续出版物号：CN 11-0031"
    rows = [top, "", "", "", "", " " * 20 + "中国劳动保障报", " " * 50 + "邮发代号：4-152", "", "",
            "11", "星期一" + " " * 20 + "ZHONGGUO LAODONG BAOZHANG BAO",
            "第8499期 今日2版" + " " * 20 + "中华人民共和国    人力资源和社会保障部主管", "", "", "", ""]
    page = "\n".join(rows) + "\n" + _page([LEFT + LEFT, RIGHT + RIGHT], head=(HEADLINE,))
    grid, sizes, by_text = _sizes_by_text(page, first_page=True)
    assert by_text["中国劳动保障报"] > TITLE and sizes.bands.masthead == (0, 11)
    document = read_input(page.encode("utf-8"), "issue.layout.txt")
    issue = parse_issue([document])
    assert issue.masthead.date == "2024-03-11" and issue.masthead.weekday == "星期一"
    assert [a.title for a in issue.articles] == [HEADLINE]


def test_a_two_character_name_spaced_out_wide_stays_one_name():
    # Off its column's measure and a column edge's width apart, the name's second character
    # still follows its first.
    header = "2024年7月1日   星期一" + " " * 20 + "第3版" + " " * 20 + "基层" + " " * 30 + "责任编辑   刘   雯"
    body = _page([LEFT + LEFT + LEFT, RIGHT + RIGHT + RIGHT], head=(HEADLINE,))
    grid = read_grid(header + "\n\n\n" + body)
    assert [s.text for s in grid.segments if s.row == 0][-1].endswith("刘 雯")
    assert _issue(header + "\n\n\n" + body).pages[0].editor == "刘 雯"


def test_a_title_centred_over_one_column_under_its_kicker_with_another_headline_beside():
    # Headlines side by side: the blank rows under a row speak for its last piece only, so
    # nothing parts the kicker from its title but its wording and width; the title, centred
    # in one column's measure, stands as a subhead would, but alone under a headline line.
    kicker, title = "第二届全国职业技能大赛开幕举行", "新型学徒制育工匠"
    other_kicker, other_title = "湖北省召开全省人社工作会议", "织密社会保障安全网"
    header = "第2版" + " " * 20 + "就业服务" + " " * 20 + "2024年4月24日   星期三"
    rows = [header, "", "", "", kicker.ljust(36) + other_kicker, "", "  " + title.ljust(34) + other_title, "", ""]
    page = "\n".join(rows) + "\n" + _page([_lines(TEXT + "。"), _lines(TEXT2 + "。", False)] * 2)
    grid, sizes, by_text = _sizes_by_text(page)
    assert by_text[title] == TITLE and BODY < by_text[kicker] < TITLE
    heads = {(a.kicker, a.title) for a in _issue(page).articles}
    assert (kicker, title) in heads and (other_kicker, other_title) in heads


def test_an_authors_name_set_apart_along_the_posts_row_is_one_author_line():
    from laobao_convert.readers.layout_wording import join_wrapped_authors

    post, name = "辽宁省社会保险事业管理局局长", "任泽"
    page = _page([LEFT, RIGHT], head=(HEADLINE, post + " " * 3 + name))
    grid = join_wrapped_authors(read_grid(page))
    assert post + " " + name in [s.text for s in grid.segments]
    article = _issue(page).articles[0]
    assert article.byline == post + " " + name and name not in article.blocks[0].text


def test_a_title_centred_in_one_column_over_a_byline_is_a_headline_not_a_subhead():
    # Nothing of its column over it (the header band stands apart), its text opening with a
    # dateline a row under it: a headline, though it stands within the column's measure.
    header = "第3版" + " " * 20 + "基层" + " " * 20 + "2024年3月5日   星期二"
    title = "养老保险稳步推进"
    opening = ["本报讯 记者侯辉报道 记者在", "长春市零工驿站看到，志愿者"]
    rows = [header, "", "", "", "  " + title, ""]
    page = "\n".join(rows) + "\n" + _page([opening + _lines(TEXT + "。", False), _lines(TEXT2 + "。", False)])
    grid, sizes, by_text = _sizes_by_text(page)
    assert by_text[title] == TITLE
    assert _issue(page).articles[0].title == title


def test_a_line_with_figures_reaching_its_columns_end_runs_on_into_the_next():
    # 累计发放补贴2024亿元 takes the positions of a full line but two ems less in print: its
    # figures were spread to the column's edge (justified), so its paragraph runs on.
    figures = "累计发放补贴2024亿元"
    assert len(figures) == MEASURE
    left = _lines(TEXT[:MEASURE * 3 - 2]) + [figures] + _lines(TEXT[MEASURE * 3 - 2:] + "。", False)
    _, blocks = _blocks(_page([left, RIGHT], head=(HEADLINE,)))
    holding = next(b for b in blocks if figures in b.text)
    assert figures + "\n" + left[4] in holding.text


@pytest.mark.parametrize("title, figure", [
    ("    调解仲裁", "   检查670万户"),
    # In a narrow column pdftotext may set both a position or two off the edge.
    ("  调解仲裁高效便", " 检查单位670万户"),
])
def test_a_subhead_centred_in_two_lines_amid_a_column_is_one_subhead(title, figure):
    # A title over its figure: two short lines on one axis in the first column, body text
    # above and under: one subhead, not two.
    left = _lines(TEXT[:MEASURE * 2 - 2]) + [title, figure] + _lines(TEXT[MEASURE * 2 - 2:] + "。")
    articles = _issue(_page([left, RIGHT + RIGHT], head=(HEADLINE,))).articles
    subheads = [b.text for b in articles[0].blocks if b.type == "subhead"]
    assert subheads == [title.strip() + figure.strip()]


def test_two_short_indented_paragraphs_one_under_another_stay_two_paragraphs():
    # Each line opens a paragraph and ends its sentence: no heading, though both stand off
    # the edge, short of the measure, their middles on one axis.
    first, second = "    各地推进。", "    群众欢迎。"
    left = _lines(TEXT[:MEASURE * 2 - 2] + "。") + [first, second] + _lines(TEXT[MEASURE * 2 - 2:] + "。")
    articles = _issue(_page([left, RIGHT + RIGHT], head=(HEADLINE,))).articles
    paragraphs = [b.text for b in articles[0].blocks if b.type == "paragraph"]
    assert first.strip() in paragraphs and second.strip() in paragraphs
    assert not [b for b in articles[0].blocks if b.type == "subhead"]


def test_a_line_short_by_the_figure_opening_the_next_runs_on_into_it():
    # 各地人社部门累计培训 stops two ems short: the figure 2024 opening the next line is never
    # broken and could not come up whole, so the line was set justified.
    short = "各地人社部门累计培训"
    left = _lines(TEXT[:MEASURE * 2 - 2]) + [short, "2024万人次" + TEXT[:5]] + _lines(TEXT[MEASURE * 2 - 2:] + "。", False)
    _, blocks = _blocks(_page([left, RIGHT], head=(HEADLINE,)))
    holding = next(b for b in blocks if short in b.text)
    assert short + "\n2024万人次" in holding.text
