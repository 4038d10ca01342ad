"""Each headline and furniture role, printed the ways papers print it, through the real PDF
reader and parser.

Every case is a one-page PDF built by tests.pagebuilder: the role under test in one variant
(a series label on a band of some height and colour, a kicker made bold some way, a page
header with or without its rule, …) on a page of plain stories. The stories' own text is the
truth: each must come back as one article with its series, kicker, title, subtitle, byline,
first paragraph, whole body and captions, and nothing printed around them may become an
article of its own.
"""

from __future__ import annotations

from dataclasses import replace
from typing import List, Sequence

import pytest

from laobao_convert.model import Issue
from tests.pagebuilder import BLACK, BLUE, GREEN, RED, Grid, Header, Ink, Look, Story
from tests.pagestories import (FEATURE, KICKERS, LEAD, LEFT, MASTHEAD, PHOTO_STORY, RIGHT, SERIES,
                               compose, with_series)
from tests.synth.pdf import require_typesetting
from tests.synth.run import parse_pdfs


@pytest.fixture(scope="module", autouse=True)
def typesetting():
    require_typesetting()


def squeeze(text):
    return "".join(text.split()) if text else text


def differences(issue: Issue, stories: Sequence[Story]) -> List[str]:
    """Where the parsed articles differ from the stories printed, one line each."""
    out: List[str] = []
    titles = [a.title for a in issue.articles]
    if titles != [s.title for s in stories]:
        out.append(f"articles: expected {[s.title for s in stories]} got {titles}")
    for story in stories:
        got = next((a for a in issue.articles if a.title == story.title), None)
        if got is None:
            continue
        for name in ("series", "kicker", "subtitle", "byline"):
            if getattr(got, name) != getattr(story, name):
                out.append(f"「{story.title}」 {name}: expected {getattr(story, name)!r} got {getattr(got, name)!r}")
        first = got.blocks[0].text if got.blocks else None
        if first != story.paragraphs[0]:
            out.append(f"「{story.title}」 first paragraph: expected {story.paragraphs[0][:24]!r}… got {first!r}")
        body = "".join(b.text for b in got.blocks)
        if squeeze(body) != squeeze("".join(story.paragraphs)):
            out.append(f"「{story.title}」 body: expected {len(squeeze(''.join(story.paragraphs)))} characters "
                       f"of its paragraphs, got {len(squeeze(body))}: {body[:40]!r}…")
        captions = [squeeze(c.text) for c in got.captions]
        if captions != ([squeeze(story.caption)] if story.caption else []):
            out.append(f"「{story.title}」 captions: expected {story.caption!r} got {captions!r}")
    return out


def parsed(pdf: bytes, name: str = "20240305_03.pdf") -> Issue:
    return parse_pdfs([(pdf, name)])


def check(pdf: bytes, stories: Sequence[Story], name: str = "20240305_03.pdf") -> Issue:
    issue = parsed(pdf, name)
    diffs = differences(issue, stories)
    assert not diffs, "\n".join(diffs)
    return issue


# --- series labels (栏目) ----------------------------------------------------------------------

SERIES_LOOKS = {
    "band-1.3-red": Look(series="band", band=1.3, series_rgb=RED),
    "band-1.8-blue": Look(series="band", band=1.8, series_rgb=BLUE, series_size=1.0),
    "band-2.5-green": Look(series="band", band=2.5, series_rgb=GREEN, series_size=1.3),
    "band-2.1-red-large-label": Look(series="band", band=2.1, series_rgb=RED, series_size=1.25),
    "colour-red": Look(series="colour", series_rgb=RED),
    "colour-blue": Look(series="colour", series_rgb=BLUE, series_size=1.1),
    "rule-black": Look(series="rule", series_rgb=BLACK),
    "rule-green": Look(series="rule", series_rgb=GREEN, series_size=1.2),
}


@pytest.mark.parametrize("variant", sorted(SERIES_LOOKS))
def test_series_label_is_the_series_of_the_story_under_it(variant):
    look = SERIES_LOOKS[variant]
    label = SERIES[sorted(SERIES_LOOKS).index(variant) % len(SERIES)]
    pdf, stories = compose(Grid(body=9.5), with_series(LEAD, label), look)
    check(pdf, stories)


@pytest.mark.parametrize("variant", ["band-1.8-blue", "rule-green"])
def test_series_label_over_a_two_column_story(variant):
    # The label is as wide as a good part of its story: it is still no headline.
    pdf, stories = compose(Grid(body=9.0), LEAD, left=with_series(LEFT, SERIES[3]), side_look=SERIES_LOOKS[variant])
    check(pdf, stories)


# --- kickers (引题) ---------------------------------------------------------------------------

BOLD_WAYS = {
    "face-named-bold": Ink(face="bold"),
    "face-xiaobiaosong": Ink(face="xbs"),
    "face-heiti": Ink(face="hei"),
    "face-simhei": Ink(face="simhei"),
    "overprint": Ink(face="song", bold="overprint"),
    "stroke": Ink(face="song", bold="stroke"),
}


# Each way of making a kicker bold at two of the four sizes, each size with three ways, and
# the body size varied with them: twelve pages rather than the twenty-four of every pairing.
KICKER_CASES = [(way, (1.0, 1.1, 1.2, 1.3)[(i + k) % 4]) for i, way in enumerate(sorted(BOLD_WAYS))
                for k in (0, 2)]


@pytest.mark.parametrize("way,ratio", KICKER_CASES)
def test_kicker_above_the_title_is_the_kicker(way, ratio):
    body = (8.5, 9.0, 9.5, 10.5)[KICKER_CASES.index((way, ratio)) % 4]
    look = Look(kicker_size=ratio, kicker_ink=BOLD_WAYS[way])
    lead = replace(LEAD, kicker=KICKERS[KICKER_CASES.index((way, ratio)) % len(KICKERS)])
    pdf, stories = compose(Grid(body=body), lead, look)
    check(pdf, stories)


def test_kicker_faces_reach_the_pdf_under_their_own_names():
    # The premise of the face variants: the PDF names the face, and the Chinese heavy faces'
    # names carry no hint of bold.
    import io

    import pdfplumber

    grid = Grid()
    look = Look(kicker_size=1.2, kicker_ink=BOLD_WAYS["face-xiaobiaosong"])
    pdf, _ = compose(grid, replace(LEAD, kicker=KICKERS[0]), look)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        fonts = {c["fontname"].split("+")[-1] for c in doc.pages[0].chars
                 if abs(c["size"] - 1.2 * grid.body) < 0.01}
    assert fonts and all(f.startswith("FZXiaoBiaoSong") for f in fonts)
    assert not any(word in f.lower() for f in fonts for word in ("bold", "black", "heavy"))


# --- page headers (报眉) -------------------------------------------------------------------------

HEADERS = {
    "number-name-date": (Header("第2版", "综合新闻", "2024年3月5日 星期二"), 2, "综合新闻", None),
    "number-and-name-in-one": (Header("第2版：综合新闻", "", "2024年3月5日 星期二"), 2, "综合新闻", None),
    "lettered": (Header("A6", "社会保障", "2024年3月5日 星期二"), 6, "社会保障", None),
    "page-editor": (Header("第5版", "劳动关系", "2024年3月5日 星期二", under_left="本版编辑 何琳"), 5, "劳动关系", "何琳"),
}


@pytest.mark.parametrize("rule", [True, False], ids=["rule", "no-rule"])
@pytest.mark.parametrize("variant", sorted(HEADERS))
def test_page_header_is_read_and_makes_no_article(variant, rule):
    header, number, name, editor = HEADERS[variant]
    pdf, stories = compose(Grid(body=9.5), LEAD, header=replace(header, rule=rule))
    # A file name that tells no page number: the header alone must.
    issue = check(pdf, stories, name="page.pdf")
    assert [(p.number, p.name, p.editor, p.date) for p in issue.pages] == [(number, name, editor, "2024-03-05")]


# --- the masthead (报头) ---------------------------------------------------------------------

MASTHEADS = {
    "codes-share-lines-full-width-colons": MASTHEAD,
    "codes-share-lines-half-width-colons": replace(MASTHEAD, code_lines=(
        "国内统一连续出版物号:CN 11-0873  邮发代号:1-57",
        "国外发行代号:D1234  网站:www.ldbz-news.cn  电子信箱:editor@ldbz-news.cn",
    )),
    "all-codes-on-one-line": replace(MASTHEAD, code_lines=(
        "统一刊号：CN 11-0873 邮发代号：1-57 国外发行代号：D1234",
        "网址：www.ldbz-news.cn",
        "电子邮箱：editor@ldbz-news.cn",
    )),
}


@pytest.mark.parametrize("variant", sorted(MASTHEADS))
def test_masthead_fields_sharing_a_line_are_read_and_make_no_article(variant):
    pdf, stories = compose(Grid(body=9.5), LEAD, masthead=MASTHEADS[variant])
    issue = check(pdf, stories, name="20240305_01.pdf")
    m = issue.masthead
    assert (m.date, m.weekday, m.issue_number, m.page_count) == ("2024-03-05", "星期二", 7321, 8)
    assert (m.cn, m.postal_code, m.overseas_code, m.website, m.email) == (
        "CN 11-0873", "1-57", "D1234", "www.ldbz-news.cn", "editor@ldbz-news.cn")


# --- bylines, drop capitals, photos, subtitles ----------------------------------------------------------

@pytest.mark.parametrize("face", ["kai", "song"])
def test_byline_at_body_size_under_a_wide_headline_is_the_byline(face):
    # Set in the body's size (in a face of its own, or the body's), flush left over the first
    # column: a line of its own, not the start of the first paragraph.
    from tests.pagebuilder import Ink

    lead = replace(LEAD, byline="本报记者 林晓 通讯员 周南")
    pdf, stories = compose(Grid(body=9.5), lead, Look(byline_ink=Ink(face)))
    check(pdf, stories)


@pytest.mark.parametrize("lines", [2, 3])
def test_drop_capital_is_the_first_character_of_the_first_paragraph(lines):
    feature = replace(FEATURE, subtitle=None)
    pdf, stories = compose(Grid(body=9.5), feature, Look(dropcap=lines))
    check(pdf, stories)


@pytest.mark.parametrize("columns", [4, 2])
def test_photo_between_headline_and_body_keeps_the_body_with_its_headline(columns):
    if columns == 4:
        pdf, stories = compose(Grid(body=9.5), PHOTO_STORY)
    else:
        pdf, stories = compose(Grid(body=9.0), LEAD, right=PHOTO_STORY)
    check(pdf, stories)


def test_title_wrapped_over_two_lines_is_one_title():
    # Too long for its two columns, the title is set in two lines: one title, its lines
    # joined as CJK text is, without a space.
    right = replace(RIGHT, title="养老保险经办服务实现网上通办")
    pdf, stories = compose(Grid(body=9.0), LEAD, right=right)
    check(pdf, stories)


@pytest.mark.parametrize("kicker", [None, KICKERS[2]])
def test_dashed_subtitle_under_a_wide_title_is_the_subtitle(kicker):
    pdf, stories = compose(Grid(body=10.0), replace(FEATURE, kicker=kicker))
    check(pdf, stories)
