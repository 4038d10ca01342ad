"""Captions (laobao_convert.layout.captions) on hand-built geometry: each caption frame is bound
to one picture, stays a block of its own, and goes with the article its picture belongs to."""

from __future__ import annotations

import pytest

from laobao_convert.layout import PageGeometry, Picture, Rule, analyse_page, to_blocks
from laobao_convert.layout.captions import mark_captions, merge_captions
from laobao_convert.layout.geometry import Glyph, Piece, TextLine

BODY = 9.0
SMALL = 8.0
PITCH = 13.0
COLUMN = 135.0
GUTTER = 20.5
LEFT = 40.0
FILLER = "各地持续推进就业服务提质增效社会保障体系不断完善群众获得感明显提升"


def col_x(index):
    return LEFT + index * (COLUMN + GUTTER)


def set_line(text, x, top, size):
    return [Glyph(char, x + n * size, top, x + (n + 1) * size, top + size, size) for n, char in enumerate(text)]


def column(text, x, top, size=BODY, width=COLUMN):
    """Text set solid through one column from `top`; returns glyphs and the bottom."""
    per_line = int(width // size)
    out, y = [], top
    for start in range(0, len(text), per_line):
        out += set_line(text[start : start + per_line], x, y, size)
        y += PITCH
    return out, y


def caption_frame(text, credit, x, top, width=COLUMN):
    """A caption as a layout system sets it: text lines full measure, the credit flush right."""
    glyphs, y = column(text, x, top, SMALL, width)
    glyphs += set_line(credit, x + width - len(credit) * SMALL, y, SMALL)
    return glyphs, y + SMALL


def body_text(tag, length):
    return (tag + FILLER * 4)[:length]


def neighbouring_articles(rule: bool):
    """Two articles side by side, each with a photo: the first's caption sits beside its photo
    (right of it, foot level with the photo's foot), the second's under its photo, and the
    first caption is as close to the second photo as to its own."""
    glyphs = set_line("养老服务暖心又贴心", col_x(0) + 20, 60, 22)
    glyphs += set_line("技能培训助力稳岗增收", col_x(2) + 10, 60, 22)
    photo_a = Picture(col_x(0), 100, col_x(0) + COLUMN, 196)
    photo_b = Picture(col_x(2), 97, col_x(2) + COLUMN, 194)
    caption_a, _ = caption_frame("十一月十三日企业招聘人员向求职者介绍岗位。", "通讯员甲乙摄", col_x(1), 165)
    caption_b, _ = caption_frame("图为志愿者向老年人讲解养老保险政策。", "记者丙丁摄", col_x(2), 200)
    texts = {
        "a0": body_text("甲一", 90),
        "a1": body_text("甲二", 70),
        "b0": body_text("乙一", 60),
        "b1": body_text("乙二", 150),
    }
    glyphs += caption_a + caption_b
    glyphs += column(texts["a0"], col_x(0), 210)[0] + column(texts["a1"], col_x(1), 210)[0]
    glyphs += column(texts["b0"], col_x(2), 245)[0] + column(texts["b1"], col_x(3), 100)[0]
    rules = (Rule(col_x(2) - GUTTER / 2, 55, col_x(2) - GUTTER / 2 + 0.5, 420),) if rule else ()
    page = PageGeometry(width=680, height=800, glyphs=tuple(glyphs), rules=rules, pictures=(photo_a, photo_b))
    return page, texts


def blocks_of(page):
    return to_blocks(analyse_page(page).pieces)


def region_of(blocks, prefix):
    (block,) = [b for b in blocks if b.text.startswith(prefix)]
    return block.region


@pytest.mark.parametrize("rule", [True, False], ids=["ruled", "unruled"])
def test_two_captions_close_together_stay_apart_each_with_its_photo(rule):
    page, _ = neighbouring_articles(rule)
    blocks = blocks_of(page)
    captions = [b for b in blocks if b.role == "caption"]
    assert [b.text.replace("\n", "") for b in captions] == [
        "十一月十三日企业招聘人员向求职者介绍岗位。通讯员甲乙摄",
        "图为志愿者向老年人讲解养老保险政策。记者丙丁摄",
    ]
    first, second = captions
    assert first.region == region_of(blocks, "甲一") == region_of(blocks, "甲二")
    assert second.region == region_of(blocks, "乙一") == region_of(blocks, "乙二")
    assert first.region != second.region


def test_a_caption_is_not_bound_across_a_rule():
    """Beside two photos at the same distance, with a rule between it and one: the other's."""
    lines = tuple(TextLine(t, 200, 150 + 12 * n, 300, 158 + 12 * n, SMALL) for n, t in enumerate(["图为现场", "某某摄"]))
    piece = Piece(lines)
    left = Picture(80, 100, 180, 190)
    right = Picture(320, 100, 420, 190)
    rule = Rule(310, 50, 310.5, 400)
    _, pairs, _ = mark_captions((piece,), (left, right), (rule,), BODY)
    assert pairs == ((0, 0),)
    _, pairs, _ = mark_captions((piece,), (left, right), (Rule(190, 50, 190.5, 400),), BODY)
    assert pairs == ((0, 1),)


def test_a_credit_flush_right_under_a_short_caption_line_joins_it():
    """Under a wide photo, a one-line caption and its credit share no width: one frame still."""
    photo = Picture(40, 100, 480, 180)
    text = Piece((TextLine("图为招聘会现场", 40, 186, 96, 194, SMALL),))
    credit = Piece((TextLine("记者某某摄", 440, 197, 480, 205, SMALL),))
    pieces, pairs, _ = mark_captions((text, credit), (photo,), (), BODY)
    assert [p.text for p in pieces] == ["图为招聘会现场\n记者某某摄"]
    assert pairs == ((0, 0),)


def test_caption_frames_that_do_not_touch_in_one_column_never_merge():
    """Even bound to one picture, a frame in the next column starting lower is another frame."""
    photo = Picture(40, 100, 340, 190)
    left = Piece((TextLine("图为甲地现场", 40, 196, 88, 204, SMALL), TextLine("某摄", 170, 208, 186, 216, SMALL)))
    right = Piece((TextLine("图为乙地现场", 200, 212, 248, 220, SMALL),))
    below = Piece((TextLine("记者某某摄", 300, 224, 340, 232, SMALL),))
    pieces, pairs, _ = merge_captions((left, right, below), (photo,), ((0, 0), (1, 0), (2, 0)))
    assert [p.text for p in pieces] == ["图为甲地现场\n某摄", "图为乙地现场\n记者某某摄"]
    assert pairs == ((0, 0), (1, 0))
