"""Roles from a page's own typography, on hand-built pages (laobao_convert.layout): weight from
font names and overprint, colour of glyphs and bands, kickers at body size, series labels on
bands, drop capitals, headers whose 版名 is set large, stretched and 禁则-broken lines.

Each page is built at several body sizes: the rules must follow the page, not a point size.
"""

from __future__ import annotations

import pytest

from laobao_convert.layout import PageGeometry, Picture, Rule, analyse_page
from laobao_convert.layout.geometry import Glyph, TextLine
from laobao_convert.layout.paragraphs import is_short
from laobao_convert.layout.typography import PageType, departures, is_bold_face, is_hei_face, to_rgb

FILLER = "人力资源社会保障部门坚持就业优先战略稳定岗位扩大内需促进增收" * 20
BLACK = (0.0, 0.0, 0.0)
RED = (0.75, 0.08, 0.1)
WHITE = (1.0, 1.0, 1.0)
SERIF = "NotoSerifCJKsc-Regular"


def set_line(text, x, top, size, face=SERIF, color=BLACK, bold=False, spacing=0.0):
    out = []
    for char in text:
        out.append(Glyph(char, x, top, x + size, top + size, size, bold, face, color))
        x += size + spacing
    return out


def column(text, x, top, size, chars, lines, indent=True):
    """`lines` lines of `chars` characters, the first indented two characters."""
    out, rest, y = [], text, top
    for k in range(lines):
        lead = 2 if indent and k == 0 else 0
        take = chars - lead
        out += set_line(rest[:take], x + lead * size, y, size)
        rest, y = rest[take:], y + 1.5 * size
    return out


def article_page(body, head_glyphs, top, pictures=(), rules=()):
    """A headline (glyphs given) over three columns of body text starting at `top`."""
    chars, width = 12, 12 * body
    glyphs = list(head_glyphs)
    for k in range(3):
        glyphs += column(FILLER[k * 100:], 40 + k * (width + body), top, body, chars, 8, indent=k == 0)
    return PageGeometry(width=600, height=800, glyphs=tuple(glyphs), rules=tuple(rules), pictures=tuple(pictures))


def roles(state):
    return [(p.role, p.text.replace("\n", "")) for p in state.pieces if p.role not in (None, "body")]


# --- names and colours ------------------------------------------------------------------

@pytest.mark.parametrize("name, bold, hei", [
    ("ABCDEF+FZXBSJW--GB1-0", True, False),  # 方正小标宋
    ("FZXiaoBiaoSong-B05S", True, False),
    ("Noto-Sans-CJK-SC-Bold", True, False),
    ("Helvetica-Bold", True, False),
    ("HiraginoSans-W7", True, False),
    ("FZHTK--GBK1-0", False, True),  # 方正黑体: heavy only beside a serif body
    ("SimHei", False, True),
    ("WenQuanYiZenHei", False, True),
    ("SimSun", False, False),
    ("FZShuSong-Z01", False, False),
    ("Times-Roman", False, False),
    ("Lighthouse", False, False),
])
def test_weight_from_font_names(name, bold, hei):
    assert (is_bold_face(name), is_hei_face(name)) == (bold, hei)


@pytest.mark.parametrize("raw, rgb", [
    ((0,), (0.0, 0.0, 0.0)),
    (0.5, (0.5, 0.5, 0.5)),
    ((1, 0, 0), (1.0, 0.0, 0.0)),
    ((0, 1, 1, 0), (1.0, 0.0, 0.0)),  # CMYK red
    (None, None),
    (("P0",), None),  # a pattern name: no colour rather than a wrong one
])
def test_colours_read_as_rgb(raw, rgb):
    assert to_rgb(raw) == rgb


def test_departures_are_relative_to_the_page_body():
    body = PageType(10.0, SERIF, BLACK)
    line = TextLine("引题", 0, 0, 20, 10, 10.0, face="FZHTK--GBK1-0", color=RED)
    assert departures(line, body) == ("other face", "colour")
    assert departures(TextLine("正文", 0, 0, 20, 10, 10.0, face=SERIF, color=BLACK), body) == ()


# --- kickers and series labels ----------------------------------------------------------

@pytest.mark.parametrize("body", [8.5, 9.5, 10.5])
@pytest.mark.parametrize("ratio", [1.0, 1.1, 1.2, 1.3])
@pytest.mark.parametrize("how", ["bold face", "overprint", "colour"])
def test_an_emphasised_kicker_at_body_size_or_above_is_a_kicker(body, ratio, how):
    size = round(ratio * body, 1)
    kicker = "全省推进会部署今年重点工作"
    if how == "bold face":
        glyphs = set_line(kicker, 40, 60, size, face="FZXBSJW--GB1-0", bold=True)
    elif how == "overprint":
        glyphs = set_line(kicker, 40, 60, size) + set_line(kicker, 40.3, 60.2, size)
    else:
        glyphs = set_line(kicker, 40, 60, size, color=RED)
    glyphs += set_line("稳就业促增收见实效", 40, 60 + size * 1.4, 2.4 * body, bold=True)
    state = analyse_page(article_page(body, glyphs, 60 + size * 1.4 + 3.4 * body))
    found = roles(state)
    assert ("kicker", kicker) in found and ("title", "稳就业促增收见实效") in found


@pytest.mark.parametrize("body", [8.5, 10.5])
def test_a_plain_body_sized_line_over_a_title_is_no_kicker(body):
    glyphs = set_line("全省推进会部署今年重点工作", 40, 60, body)
    glyphs += set_line("稳就业促增收见实效", 40, 60 + body * 1.4, 2.4 * body, bold=True)
    state = analyse_page(article_page(body, glyphs, 60 + body * 4.8))
    assert [r for r, _ in roles(state)].count("kicker") == 0


@pytest.mark.parametrize("body", [9.0, 10.5])
@pytest.mark.parametrize("band", [1.3, 1.8, 2.5])
@pytest.mark.parametrize("colour", [RED, (0.1, 0.2, 0.6), (0.0, 0.35, 0.2)])
def test_a_label_reversed_on_a_band_is_the_series(body, band, colour):
    label = "走基层看变化②"
    height = band * body
    top = 50.0
    glyphs = set_line(label, 44, top + (height - body) / 2, body, color=WHITE, bold=True)
    band_rect = Picture(40, top, 44 + len(label) * body + 4, top + height, framed=True, fill=colour)
    title_top = top + height + 0.8 * body
    glyphs += set_line("稳就业促增收见实效", 40, title_top, 2.4 * body, bold=True)
    state = analyse_page(article_page(body, glyphs, title_top + 3.4 * body, pictures=(band_rect,)))
    found = roles(state)
    assert ("series", label) in found and ("title", "稳就业促增收见实效") in found


# --- drop capitals ------------------------------------------------------------------------

@pytest.mark.parametrize("body", [9.0, 10.5])
@pytest.mark.parametrize("lines", [2, 3])
def test_a_drop_capital_goes_back_into_its_paragraph(body, lines):
    pitch = 1.5 * body
    cap_size = pitch * (lines - 1) + body
    x, top = 40.0, 120.0
    glyphs = set_line("稳就业促增收见实效", x, 60, 2.4 * body, bold=True)
    glyphs += set_line("今", x, top, cap_size)
    text = FILLER[1:]
    y, rest = top, text
    for k in range(8):
        left = x + cap_size + 0.3 * body if k < lines else x
        chars = 12 if k < lines else 12 + round(cap_size / body)
        glyphs += set_line(rest[:chars], left, y, body)
        rest, y = rest[chars:], y + pitch
    state = analyse_page(PageGeometry(width=600, height=800, glyphs=tuple(glyphs)))
    assert [r for r, _ in roles(state)] == ["title"]
    body_pieces = [p for p in state.pieces if p.role == "body"]
    assert body_pieces[0].text.replace("\n", "").startswith("今" + FILLER[1:10])
    assert body_pieces[0].starts_paragraph is True
    assert len(body_pieces) == 1  # the lines beside the capital are not indented first lines


# --- page headers ---------------------------------------------------------------------------

@pytest.mark.parametrize("body", [9.0, 10.5])
def test_a_header_whose_page_name_is_set_larger_than_the_headlines_is_still_a_header(body):
    glyphs = set_line("4", 40, 20, 1.3 * body, bold=True)
    glyphs += set_line("人才", 280, 16, 2.0 * body, bold=True, color=RED)
    glyphs += set_line("2024年5月20日 星期一", 460, 20, 0.9 * body)
    glyphs += set_line("稳就业促增收见实效", 40, 60, 1.6 * body, bold=True)
    rule = Rule(40, 48, 580, 49.5)
    state = analyse_page(article_page(body, glyphs, 60 + 2.6 * body, rules=(rule,)))
    headers = [p.text for p in state.pieces if p.role == "header"]
    assert sorted(headers) == sorted(["4", "人才", "2024年5月20日 星期一"])
    assert ("title", "稳就业促增收见实效") in roles(state)


# --- paragraph ends -----------------------------------------------------------------------

def test_a_stretched_line_is_not_a_last_line():
    size = 10.0
    natural = TextLine("正文正文正文正文正文", 0, 0, 100, 10, size)
    stretched = TextLine("正文正文正文正文正文", 0, 0, 120, 10, size, spacing=2.0)
    nxt = TextLine("续行续行", 0, 15, 40, 25, size)
    assert is_short(natural, 140, nxt, natural=0.0)
    assert not is_short(stretched, 140, nxt, natural=0.0)


def test_a_line_left_short_by_a_no_break_rule_is_not_a_last_line():
    size = 10.0
    line = TextLine("各类要素合理流动高效聚", 0, 0, 120, 10, size)
    assert not is_short(line, 132, TextLine("集，西部陆海新通道", 0, 15, 90, 25, size))
    assert is_short(line, 132, TextLine("西部陆海新通道", 0, 15, 70, 25, size))
    assert is_short(line, 160, TextLine("集，西部陆海新通道", 0, 15, 90, 25, size))


@pytest.mark.parametrize("body", [9.0, 10.5])
def test_a_header_row_without_a_rule_is_a_header(body):
    glyphs = set_line("A6", 40, 20, 1.3 * body, bold=True)
    glyphs += set_line("责任编辑 何琳", 40, 20 + 1.6 * body, 0.9 * body)
    glyphs += set_line("社会保障", 260, 16, 2.0 * body, bold=True, color=RED)
    glyphs += set_line("2024年3月5日 星期二", 440, 20, 0.9 * body)
    glyphs += set_line("稳就业促增收见实效", 40, 60 + 2 * body, 2.4 * body, bold=True)
    state = analyse_page(article_page(body, glyphs, 60 + 5 * body))
    headers = sorted(p.text for p in state.pieces if p.role == "header")
    assert headers == sorted(["A6", "责任编辑 何琳", "社会保障", "2024年3月5日 星期二"])
    assert ("title", "稳就业促增收见实效") in roles(state)


def test_two_headlines_side_by_side_at_the_top_of_a_page_are_no_header():
    body = 10.0
    glyphs = set_line("稳就业促增收", 40, 20, 2.4 * body, bold=True)
    glyphs += set_line("保民生见实效", 330, 20, 2.4 * body, bold=True)
    glyphs += set_line("本报记者 林晓", 330, 20 + 2.6 * body, body)  # small type, beside a gap
    state = analyse_page(article_page(body, glyphs, 20 + 5 * body))
    assert not [p for p in state.pieces if p.role == "header"]


def test_a_byline_running_past_its_column_stays_one_line():
    # 本报记者 林晓 通讯员 | 周南: the word space before the last name falls on the gutter.
    body = 10.0
    glyphs = set_line("稳就业促增收见实效", 40, 20, 2.4 * body, bold=True)
    top = 20 + 3.4 * body
    glyphs += set_line("本报记者 林晓 通讯员", 40, top, body)
    glyphs += set_line("周南", 40 + 11 * body + body, top, body)
    state = analyse_page(article_page(body, glyphs, top + 2.2 * body))
    lines = [l.text for p in state.pieces for l in p.lines]
    assert "本报记者 林晓 通讯员 周南" in lines and "周南" not in lines


def test_a_short_line_across_the_gutter_in_running_text_is_left_alone():
    # A paragraph's last line at the top of the next column, level with a line of the first
    # column, is followed by more text at the page's leading: two columns, not one line.
    body = 10.0
    glyphs = set_line("稳就业促增收见实效", 40, 20, 2.4 * body, bold=True)
    state = analyse_page(article_page(body, glyphs, 20 + 3.4 * body))
    assert all(len(l.text) <= 13 for p in state.pieces if p.role == "body" for l in p.lines)


@pytest.mark.parametrize("offset", [0.0, -150.0])
def test_a_rule_between_a_headline_block_and_its_text_does_not_part_them(offset):
    # Title, author and source line centred, a rule across, then the text (flush left in
    # the second case, beside the centred block rather than under it).
    body = 12.0
    glyphs = set_line("引领未来的选择", 200, 30, 2.3 * body, bold=True)
    glyphs += set_line("任仲平", 260, 70, 0.85 * body)
    glyphs += set_line("（本报2025年10月20日第 01 版）", 180, 95, 0.85 * body)
    rule = Rule(20, 118, 580, 119)
    text = []
    for k in range(6):
        text += set_line(FILLER[k * 12:(k + 1) * 12], 230 + offset, 130 + k * 1.5 * body, body)
    state = analyse_page(PageGeometry(width=600, height=800, glyphs=tuple(glyphs + text), rules=(rule,)))
    regions = {p.region for p in state.pieces}
    assert len(regions) == 1
