"""Whole-page layout (laobao_convert.layout.analyse_page) on hand-built broadsheet pages:
regions under headlines, reading order from geometry only, roles from relative type."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from laobao_convert.layout import PageGeometry, Picture, Rule, analyse_page, to_blocks
from laobao_convert.layout.geometry import Glyph

BODY = 9.0
PITCH = 14.0
COLUMN_CHARS = 10
GUTTER = 9.0
LEFT = 20.0
FILLER = "人力资源社会保障部门坚持就业优先战略稳定岗位扩大内需促进增收"


def col_x(index):
    return LEFT + index * (COLUMN_CHARS * BODY + GUTTER)


def set_line(text, x, top, size, bold=False):
    out = []
    for char in text:
        out.append(Glyph(char, x, top, x + size, top + size, size, bold))
        x += size
    return out


def paragraph(tag, length):
    body = (FILLER * 10)[: length - len(tag)]
    return tag + body


def flow(paragraphs, frames, size=BODY):
    """Set paragraphs through column frames (x, top, bottom) the way a layout system does:
    two-character first-line indent, full lines, a short last line, columns cut anywhere."""
    out = []
    frames = list(frames)
    x, top, bottom = frames.pop(0)
    y = top
    for text in paragraphs:
        rest, first = text, True
        while rest:
            if y + size > bottom:
                x, top, bottom = frames.pop(0)
                y = top
            room = COLUMN_CHARS - (2 if first else 0)
            chunk, rest = rest[:room], rest[room:]
            out += set_line(chunk, x + (2 * size if first else 0), y, size)
            y += PITCH
            first = False
    return out


def headline(text, x, top, size, bold=False):
    return set_line(text, x, top, size, bold)


def read(geometry):
    return to_blocks(analyse_page(geometry).pieces)


def region_text(blocks, region, role="body"):
    return "".join(
        line.text for b in blocks if b.region == region and b.role in (role, None) and not b.heading for line in b.lines
    )


def two_article_page(scramble=False):
    a_paras = [paragraph("甲一", 35), paragraph("甲二", 50), paragraph("甲三", 27)]
    b_paras = [paragraph("乙一", 30), paragraph("乙二", 23)]
    glyphs = []
    glyphs += headline("就业优先", col_x(0), 60, 14)  # kicker
    glyphs += headline("稳就业促增收大家谈", col_x(0), 80, 24)  # title
    glyphs += headline("各地出台新举措", col_x(0), 110, 14)  # subtitle
    glyphs += flow(a_paras, [(col_x(c), 140, 200) for c in range(4)])
    glyphs += headline("技能人才", col_x(4), 80, 20)
    glyphs += flow(b_paras, [(col_x(c), 110, 200) for c in (4, 5)])
    if scramble:
        random.Random(11).shuffle(glyphs)
    return PageGeometry(width=620, height=800, glyphs=tuple(glyphs)), a_paras, b_paras


def test_reading_order_is_regions_then_columns_then_lines():
    page, a_paras, b_paras = two_article_page()
    blocks = read(page)
    assert [b.role for b in blocks if b.heading] == ["kicker", "title", "subtitle", "title"]
    assert region_text(blocks, 0) == "".join(a_paras)
    assert region_text(blocks, 1) == "".join(b_paras)
    regions = [b.region for b in blocks]
    assert regions == sorted(regions)
    columns = [b.column for b in blocks if b.region == 0 and not b.heading]
    assert columns == sorted(columns) and set(columns) == {0, 1, 2, 3}


def test_content_stream_order_plays_no_part():
    assert read(two_article_page(scramble=True)[0]) == read(two_article_page()[0])


def test_roles_are_relative_to_the_page_not_absolute_sizes():
    page, _, _ = two_article_page()
    scaled = replace(
        page,
        glyphs=tuple(Glyph(g.text, g.x0 * 1.5, g.top * 1.5, g.x1 * 1.5, g.bottom * 1.5, g.size * 1.5) for g in page.glyphs),
        width=page.width * 1.5,
        height=page.height * 1.5,
    )
    assert [(b.text, b.role, b.region) for b in read(scaled)] == [(b.text, b.role, b.region) for b in read(page)]


def test_paragraph_flags_carry_across_column_breaks():
    page, a_paras, _ = two_article_page()
    blocks = [b for b in read(page) if b.region == 0 and not b.heading]
    rebuilt, current = [], ""
    for block in blocks:
        assert block.starts_paragraph is not None and block.ends_paragraph is not None
        if block.starts_paragraph:
            assert current == ""
        current += "".join(line.text for line in block.lines)
        if block.ends_paragraph:
            rebuilt.append(current)
            current = ""
    assert rebuilt == a_paras


def test_l_shaped_region_reads_down_its_long_columns_first():
    a_paras = [paragraph("甲一", 60), paragraph("甲二", 50), paragraph("甲三", 44)]
    b_paras = [paragraph("乙一", 40), paragraph("乙二", 25)]
    glyphs = headline("西部大开发新格局", col_x(0), 60, 24)
    # The lead article runs long in columns 0-1 and short in 2-3, where a second one sits below.
    glyphs += flow(a_paras, [(col_x(0), 100, 260), (col_x(1), 100, 260), (col_x(2), 100, 150), (col_x(3), 100, 150)])
    glyphs += headline("社保卡一卡通", col_x(2), 175, 18)
    glyphs += flow(b_paras, [(col_x(2), 205, 260), (col_x(3), 205, 260)])
    rules = (Rule(col_x(2), 165, col_x(4) - GUTTER, 165.5),)
    blocks = read(PageGeometry(620, 800, tuple(glyphs), rules))
    assert region_text(blocks, 0) == "".join(a_paras)
    assert region_text(blocks, 1) == "".join(b_paras)
    assert [b.text for b in blocks if b.role == "title"] == ["西部大开发新格局", "社保卡一卡通"]


def test_caption_beside_a_picture_goes_with_its_article():
    a_paras = [paragraph("甲一", 150), paragraph("甲二", 160)]
    glyphs = headline("座谈会在重庆召开", col_x(0), 60, 24)
    glyphs += flow(a_paras, [(col_x(0), 100, 300), (col_x(1), 100, 300), (col_x(2), 200, 300)])
    photo = Picture(col_x(2), 100, col_x(3) - GUTTER, 185)
    caption = set_line("四月二十三日会议现场", col_x(3), 150, 7.0) + set_line("新华社记者摄", col_x(3), 160, 7.0)
    blocks = read(PageGeometry(620, 800, tuple(glyphs + caption), (), (photo,)))
    captions = [b for b in blocks if b.role == "caption"]
    assert [b.text for b in captions] == ["四月二十三日会议现场\n新华社记者摄"]
    assert captions[0].region == 0
    assert region_text(blocks, 0) == "".join(a_paras)


def test_caption_under_a_picture():
    glyphs = headline("春风行动", col_x(0), 60, 24)
    glyphs += flow([paragraph("甲一", 40)], [(col_x(0), 100, 300)])
    photo = Picture(col_x(1), 100, col_x(3) - GUTTER, 200)
    caption = set_line("图为招聘会现场", col_x(1), 204, 7.0)
    blocks = read(PageGeometry(620, 800, tuple(glyphs + caption), (), (photo,)))
    assert [(b.text, b.region) for b in blocks if b.role == "caption"] == [("图为招聘会现场", 0)]


def test_inner_page_header_above_a_rule_and_footer_below_one():
    glyphs = set_line("2024年4月24日", col_x(0), 20, BODY) + set_line("第3版", col_x(3), 20, BODY)
    glyphs += set_line("责任编辑", col_x(5), 20, BODY)
    glyphs += headline("职业技能提升", col_x(0), 60, 24)
    glyphs += flow([paragraph("甲一", 80)], [(col_x(c), 100, 200) for c in range(3)])
    glyphs += set_line("社址北京", col_x(0), 770, 7.0)
    rules = (Rule(LEFT, 34, 600, 35), Rule(LEFT, 760, 600, 761))
    blocks = read(PageGeometry(620, 800, tuple(glyphs), rules))
    assert [b.text for b in blocks if b.role == "header"] == ["2024年4月24日", "第3版", "责任编辑"]  # left to right
    assert [b.text for b in blocks if b.role == "footer"] == ["社址北京"]
    assert blocks[0].role == "header" and blocks[-1].role == "footer"
    assert all(b.region is None for b in blocks if b.role in ("header", "footer"))


def test_page_one_masthead_is_the_top_band_with_the_largest_type():
    glyphs = set_line("劳动报", col_x(1), 20, 48)
    glyphs += set_line("2024年4月", col_x(0), 25, BODY) + set_line("第7154期", col_x(0), 45, BODY)
    glyphs += headline("新闻标题在此", col_x(0), 110, 24)
    glyphs += flow([paragraph("甲一", 80)], [(col_x(c), 150, 250) for c in range(3)])
    rules = (Rule(LEFT, 90, 600, 91),)
    first = read(PageGeometry(620, 800, tuple(glyphs), rules, first_page=True))
    assert sorted(b.text for b in first if b.role == "masthead") == sorted(["劳动报", "2024年4月", "第7154期"])
    assert [b.text for b in first if b.role == "title"] == ["新闻标题在此"]
    inner = read(PageGeometry(620, 800, tuple(glyphs), rules, first_page=False))
    assert not any(b.role == "masthead" for b in inner)


def test_framed_guide_box_is_a_box_not_an_article():
    glyphs = headline("主要新闻标题", col_x(0), 60, 24)
    glyphs += flow([paragraph("甲一", 80)], [(col_x(c), 100, 200) for c in range(3)])
    box = set_line("导读", col_x(4) + 4, 104, 12) + set_line("就业新政出台", col_x(4) + 4, 122, BODY)
    box += set_line("社保基金运行", col_x(4) + 4, 136, BODY)
    frame = Picture(col_x(4), 100, 600, 160, framed=True)
    blocks = read(PageGeometry(620, 800, tuple(glyphs + box), (), (frame,)))
    boxed = [b for b in blocks if b.role == "box"]
    assert "".join(b.text for b in boxed).replace("\n", "") == "导读就业新政出台社保基金运行"
    assert all(b.region is None for b in boxed)
    assert region_text(blocks, 0) == paragraph("甲一", 80)


def test_single_lines_are_left_for_the_parser_to_name():
    glyphs = headline("标题", col_x(0), 60, 24)
    glyphs += set_line("本报记者张三", col_x(0), 95, BODY)
    glyphs += flow([paragraph("甲一", 30)], [(col_x(0), 110, 300)])
    blocks = read(PageGeometry(620, 800, tuple(glyphs)))
    byline = [b for b in blocks if b.text == "本报记者张三"]
    assert len(byline) == 1 and byline[0].role is None and byline[0].region == 0
    assert [b.role for b in blocks if b.text.startswith("甲一")] == ["body"]


@pytest.mark.parametrize("columns", [4, 5, 6])
def test_every_column_count_reads_in_order(columns):
    paras = [paragraph(f"段{i}", 25 + 7 * i) for i in range(columns + 2)]
    glyphs = headline("多栏文章标题", col_x(0), 60, 24)
    glyphs += flow(paras, [(col_x(c), 100, 240) for c in range(columns)])
    blocks = read(PageGeometry(620, 800, tuple(glyphs)))
    assert region_text(blocks, 0) == "".join(paras)


def test_jump_line_flush_right_under_a_short_last_line_stays_with_its_article():
    # The article ends with a short line alone at the head of its last column (a photo and
    # caption may stand beside it) and its jump line is set flush right below: the two share
    # no width and the headline is far above, yet the jump line belongs to this article.
    paras = [paragraph("甲一", 98), paragraph("甲二", 98 + 3)]
    glyphs = headline("工资支付保障", col_x(0), 60, 24)
    glyphs += flow(paras, [(col_x(c), 100, 240) for c in range(3)])
    jump = "(下转第二版)"
    glyphs += set_line(jump, col_x(2) + COLUMN_CHARS * BODY - len(jump) * BODY, 100 + 2 * PITCH, BODY)
    # The next article, under a rule, sets full lines in the same columns.
    other = [paragraph("乙一", 100)]
    glyphs += headline("技能人才评价", col_x(0), 260, 24)
    glyphs += flow(other, [(col_x(c), 300, 360) for c in range(3)])
    rules = (Rule(LEFT, 250, col_x(3) - GUTTER, 250.5),)
    blocks = read(PageGeometry(620, 800, tuple(glyphs), rules))
    assert region_text(blocks, 0) == "".join(paras) + jump
    assert region_text(blocks, 1) == "".join(other)
    assert {b.region for b in blocks} == {0, 1}


def test_jump_line_under_the_caption_of_a_photo_beside_the_text_goes_with_that_article():
    # A short band: the text in columns 0-2, its photo in column 3 with the caption beside it
    # in column 4, and the jump line flush right under the caption. Nothing over the jump line
    # but the caption; the next article's headline stands level with it just below.
    paras = [paragraph("甲一", 40)]
    glyphs = headline("工资支付保障条例施行", col_x(1), 60, 24)
    glyphs += flow(paras, [(col_x(c), 100, 150) for c in range(3)])
    photo = Picture(col_x(3), 100, col_x(4) - GUTTER, 150)
    caption = set_line("图为招聘会现场求职者咨询", col_x(4), 120, 7.0) + set_line("本报记者摄", col_x(4), 130, 7.0)
    jump = "转第二版"
    glyphs += set_line(jump, col_x(5) - GUTTER - len(jump) * BODY, 142, BODY)
    other = [paragraph("乙一", 60)]
    glyphs += headline("技能人才评价", col_x(3), 150, 20)
    glyphs += flow(other, [(col_x(c), 180, 260) for c in (3, 4)])
    rules = (Rule(LEFT, 160, col_x(3) - GUTTER, 160.5),)
    blocks = read(PageGeometry(620, 800, tuple(glyphs + caption), rules, (photo,)))
    assert region_text(blocks, 0) == "".join(paras) + jump
    assert region_text(blocks, 1) == "".join(other)


def test_a_column_level_with_a_headline_beside_it_continues_the_text_on_its_left():
    # A continuation at the page's top runs through columns 0-2, its first lines level; the
    # next article's headline stands in columns 3-4 at the same height, its text under it.
    paras = [paragraph("上接第一版甲一", 100), paragraph("甲二", 80)]
    glyphs = flow(paras, [(col_x(c), 100, 200) for c in range(3)])
    other = [paragraph("乙一", 60)]
    glyphs += headline("织密社会保障网", col_x(3), 100, 20)
    glyphs += flow(other, [(col_x(c), 135, 200) for c in (3, 4)])
    blocks = read(PageGeometry(620, 800, tuple(glyphs)))
    continued = {b.region for b in blocks if b.role == "body" and b.column in (0, 1, 2)}
    assert len(continued) == 1
    assert region_text(blocks, continued.pop()) == "".join(paras)


def test_columns_of_a_continuation_opening_with_centred_subheads_stay_together():
    # A continuation without a headline: column 0 opens with the text, columns 1 and 2 with a
    # subhead centred in the column (first lines level). The columns are one article's.
    glyphs = flow([paragraph("上接第一版甲一", 26)], [(col_x(0), 100, 200)])
    for column, (subhead, tag) in enumerate((("以赛促训", "甲二"), ("对接需求", "甲三")), start=1):
        glyphs += set_line(subhead, col_x(column) + (COLUMN_CHARS * BODY - 40) / 2, 100, 10.0, bold=True)
        glyphs += flow([paragraph(tag, 26)], [(col_x(column), 116, 200)])
    blocks = read(PageGeometry(620, 800, tuple(glyphs)))
    assert len({b.region for b in blocks}) == 1


def test_a_page_number_alone_at_the_foot_is_a_footer_not_text():
    glyphs = headline("职业技能提升", col_x(0), 60, 24)
    glyphs += flow([paragraph("甲一", 80)], [(col_x(c), 100, 200) for c in range(3)])
    folio = set_line("第165页", col_x(1), 770, 7.0)
    blocks = read(PageGeometry(620, 800, tuple(glyphs + folio)))
    assert [(b.text, b.role) for b in blocks if "165" in b.text] == [("第165页", "footer")]
    # The same words higher up the page, or with text below them, are no folio.
    raised = set_line("第165页", col_x(4), 120, 7.0)
    blocks = read(PageGeometry(620, 800, tuple(glyphs + raised)))
    assert [b.role for b in blocks if "165" in b.text] != ["footer"]
