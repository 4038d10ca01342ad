"""The reflowed HTML writer: valid HTML5, self-contained, every article once, TOC that resolves.

Golden files (golden/html/<example>.html): `LAOBAO_UPDATE_GOLDEN=1 pytest
tests/test_writer_html.py` accepts the current output; review the diff before committing it.
"""

from __future__ import annotations

import io
import re

import html5lib
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from golden_files import check_golden
from issue_examples import EXAMPLES, full_issue, minimal_issue
from laobao_convert.errors import TemplateError
from laobao_convert.model import Article, Block, Caption, Issue, Masthead, Page
from laobao_convert.writers.common import (
    book_identifier,
    body_items,
    chinese_number,
    clean,
    date_text,
    issue_title,
    page_heading,
)
from laobao_convert.writers.html import HtmlWriter

NS = "{http://www.w3.org/1999/xhtml}"


def render(issue: Issue, **kwargs) -> str:
    stream = io.BytesIO()
    HtmlWriter().write(issue, stream, **kwargs)
    return stream.getvalue().decode("utf-8")


def parse_strict(text: str):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    return parser.parse(text)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def element_text(element) -> str:
    return "".join(element.itertext())


def article_fields(article: Article):
    """Every piece of an article's text as a reader must find it in the output."""
    for value in (article.series, article.kicker, article.title, article.subtitle, article.byline):
        if value:
            yield value
    for block in article.blocks:
        yield block.text
    for caption in article.captions:
        yield caption.text


# --- the shared helpers -----------------------------------------------------------------


@pytest.mark.parametrize(
    "number, expected",
    [(1, "一"), (2, "二"), (10, "十"), (11, "十一"), (16, "十六"), (20, "二十"), (24, "二十四"),
     (100, "一百"), (105, "一百零五"), (110, "一百一十"), (123, "一百二十三")],
)
def test_chinese_numerals_as_pages_are_numbered(number, expected):
    assert chinese_number(number) == expected


def test_page_heading_with_and_without_a_name():
    assert page_heading(Page(number=1, name="要闻")) == "第一版 要闻"
    assert page_heading(Page(number=12)) == "第十二版"


def test_issue_title_and_its_degraded_forms():
    issue = full_issue()
    assert issue_title(issue) == "中国劳动保障报 2023年11月8日 第7093期"
    assert date_text("2024-04-24") == "2024年4月24日"
    no_number = Issue(masthead=Masthead(paper="某某日报", date="2024-01-05"))
    assert issue_title(no_number) == "某某日报 2024年1月5日"
    # Nothing printed: the title is still a non-empty line and names no date or number.
    bare = issue_title(minimal_issue())
    assert bare and "期" not in bare and "年" not in bare


def test_identifier_depends_on_the_issue_not_on_the_files():
    issue = full_issue()
    other_files = Issue(masthead=issue.masthead)
    assert book_identifier(issue) == book_identifier(other_files)
    next_issue = Issue(masthead=Masthead(paper=issue.masthead.paper, date="2023-11-09", issue_number=7094))
    assert book_identifier(next_issue) != book_identifier(issue)
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", book_identifier(issue))


def test_captions_follow_the_first_block_of_their_page():
    article = Article(
        id="p1-a1",
        pages=(1, 2),
        blocks=(Block("paragraph", "甲。", 1), Block("paragraph", "乙。", 1), Block("paragraph", "丙。", 2)),
        captions=(Caption("第二版的图。", 2), Caption("第一版的图。", 1)),
    )
    texts = [item.text for item in body_items(article)]
    assert texts == ["甲。", "第一版的图。", "乙。", "丙。", "第二版的图。"]


# --- the page --------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_output_is_valid_html5(name):
    parse_strict(render(EXAMPLES[name]()))  # raises on the first parse error


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_page_is_self_contained(name):
    text = render(EXAMPLES[name]())
    document = parse_strict(text)
    assert document.get("lang") == "zh-CN"
    for tag in ("script", "img", "link", "iframe", "object", "embed", "video", "audio", "source"):
        assert document.find(f".//{NS}{tag}") is None, tag
    for element in document.iter():
        for attribute in ("src", "href", "srcset", "action"):
            value = element.get(attribute)
            assert value is None or value.startswith("#"), (element.tag, value)
    style = "".join(element_text(s) for s in document.iter(f"{NS}style"))
    assert "url(" not in style and "@import" not in style
    assert "text-indent: 2em" in style and "prefers-color-scheme: dark" in style and "@media print" in style


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_article_once_with_all_its_text(name):
    issue = EXAMPLES[name]()
    document = parse_strict(render(issue))
    articles = document.findall(f".//{NS}article")
    assert len(articles) == len(issue.articles)
    by_id = {a.get("id"): a for a in articles}
    assert len(by_id) == len(articles)
    for article in issue.articles:
        element = by_id[issue.article_uid(article)]
        text = squeeze(element_text(element))
        fields = [squeeze(f) for f in article_fields(article)]
        for field in fields:
            assert field in text, (article.id, field)
        # Nothing twice and nothing else, bar the writer's own notes (pages, missing parts).
        notes = [p for p in element.iter(f"{NS}p") if "note" in (p.get("class") or "").split()]
        extra = sum(len(squeeze(element_text(n))) for n in notes)
        assert len(text) == sum(len(f) for f in fields) + extra


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_toc_links_every_article_and_page_and_resolves(name):
    issue = EXAMPLES[name]()
    document = parse_strict(render(issue))
    ids = {e.get("id") for e in document.iter() if e.get("id")}
    toc = document.find(f".//{NS}nav")
    targets = [a.get("href")[1:] for a in toc.iter(f"{NS}a")]
    assert all(t in ids for t in targets)
    assert sorted(t for t in targets if not t.startswith("page-")) == sorted(issue.article_uid(a) for a in issue.articles)


def test_toc_groups_articles_under_their_first_page():
    document = parse_strict(render(full_issue()))
    toc = document.find(f".//{NS}nav")
    groups = {}
    for item in toc.find(f"{NS}ol").findall(f"{NS}li"):
        heading = item.find(f"{NS}a")
        groups[element_text(heading)] = [a.get("href") for a in item.find(f"{NS}ol").iter(f"{NS}a")]
    prefix = "#" + full_issue().id + "-"
    assert groups["第一版 要闻"] == [prefix + "p1-a1", prefix + "p1-a2", prefix + "p1-a3"]
    assert groups["第二版 综合新闻"] == [prefix + "p2-a1"]
    assert "第四版 社会保障" in groups


def test_article_header_parts_and_captions():
    document = parse_strict(render(full_issue()))
    lead = next(a for a in document.iter(f"{NS}article") if a.get("id").endswith("-p1-a1"))
    header = lead.find(f"{NS}header")
    classes = [e.get("class") for e in header]
    assert classes[:4] == ["kicker", "title", "subtitle", "byline"]
    assert header.find(f"{NS}h3").get("class") == "title"
    assert lead.find(f"{NS}h4").get("class") == "subhead"
    figure = lead.find(f"{NS}figure")
    assert "本报记者 林秋 摄" in element_text(figure.find(f"{NS}figcaption"))
    series = next(a for a in document.iter(f"{NS}article") if a.get("id").endswith("-p1-a2"))
    assert element_text(series.find(f"{NS}header/{NS}p")) == "人社局长谈稳就业促增收③"


def test_masthead_header_shows_what_the_page_printed():
    document = parse_strict(render(full_issue()))
    masthead = document.find(f".//{NS}body/{NS}header")
    text = element_text(masthead)
    for piece in ("中国劳动保障报", "2023年11月8日", "星期三", "第7093期", "今日4版", "CN 11-0022"):
        assert piece in text


def test_fields_the_page_did_not_print_are_not_invented():
    document = parse_strict(render(minimal_issue()))
    text = element_text(document.find(f".//{NS}body/{NS}header"))
    assert "期" not in text and "今日" not in text and "年" not in text
    article = document.find(f".//{NS}article")
    assert article.find(f".//{NS}h3") is None
    assert element_text(article.find(f"{NS}p")) == "只有正文的一段文字。"


def test_markup_characters_stay_text():
    text = render(full_issue())
    document = parse_strict(text)
    body = element_text(document.find(f".//{NS}main"))
    assert "<技能>" in body and "[链接](http://example.invalid)" in body and "& 不是标记" in body
    assert "<技能>" not in text  # escaped in the source


def test_control_characters_never_reach_the_page():
    issue = Issue(
        masthead=Masthead(paper="中国劳动保障报"),
        pages=(Page(number=1),),
        articles=(Article(id="p1-a1", pages=(1,), title="标题", blocks=(Block("paragraph", "甲\x0c乙\x00。", 1),)),),
    )
    document = parse_strict(render(issue))
    assert element_text(document.find(f".//{NS}article/{NS}p")) == "甲乙。"


def test_same_issue_same_bytes():
    assert render(full_issue()) == render(full_issue())


def test_template_dir_overrides_a_template_by_name(tmp_path):
    (tmp_path / "html.css").write_text(".override-marker { color: red; }\n", encoding="utf-8")
    text = render(full_issue(), template_dir=str(tmp_path))
    assert ".override-marker" in text
    assert "text-indent: 2em" in text  # the templates not overridden are still the shipped ones


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_golden(name):
    check_golden(f"html/{name}.html", render(EXAMPLES[name]()))


def test_article_without_text_is_left_out_and_labels_fall_back():
    issue = Issue(
        masthead=Masthead(paper="中国劳动保障报"),
        pages=(Page(number=1),),
        articles=(
            Article(id="p1-a1", pages=(1,), kicker="只有引题的一篇", blocks=(Block("paragraph", "正文。", 1),)),
            Article(id="p1-a2", pages=(1,)),
            Article(id="p1-a3", pages=(1,), blocks=(Block("paragraph", "没有标题的文章开头一句话比较长，后面还有很多字。", 1),)),
        ),
    )
    document = parse_strict(render(issue))
    assert [a.get("id") for a in document.iter(f"{NS}article")] == [issue.id + "-p1-a1", issue.id + "-p1-a3"]
    labels = [element_text(a) for a in document.find(f".//{NS}nav").iter(f"{NS}a")][1:]
    assert labels == ["只有引题的一篇", "没有标题的文章开头一句话比较长…"]


# --- real input, through the readers and the parser ---------------------------------------


@pytest.fixture(params=["seed", "sample"])
def real_issue(request) -> Issue:
    parse = pytest.importorskip("laobao_convert.parse")
    if not hasattr(parse, "parse_issue"):
        pytest.skip("the parser (laobao_convert.parse.parse_issue) is not there yet")
    from laobao_convert.readers import read_input

    if request.param == "seed":
        path = request.getfixturevalue("seed_path")
    else:
        path = request.getfixturevalue("repo_root") / "samples" / "sample-issue.pdf"
        if not path.exists():
            pytest.skip("samples/sample-issue.pdf is not in the repository yet")
    return parse.parse_issue([read_input(path.read_bytes(), path.name)])


def test_real_issue_page_is_valid_and_whole(real_issue):
    text = render(real_issue)
    assert text == render(real_issue)
    document = parse_strict(text)
    main = squeeze(element_text(document.find(f".//{NS}main")))
    # A page's list of the continuations it carries names their titles again: links, not text.
    links = "".join(squeeze(element_text(n)) for n in document.iter(f"{NS}nav") if n.get("class") == "continued")
    printed = "".join(squeeze(f) for a in real_issue.articles for f in article_fields(a))
    for article in real_issue.articles:
        for field in article_fields(article):
            piece = squeeze(field)
            assert piece in main, (article.id, piece[:20])
            if len(piece) >= 12:
                assert main.count(piece) - links.count(piece) == printed.count(piece), (article.id, piece[:20])
    ids = {e.get("id") for e in document.iter() if e.get("id")}
    assert all(a.get("href")[1:] in ids for a in document.find(f".//{NS}nav").iter(f"{NS}a"))


@settings(max_examples=60, deadline=None)
@given(title=st.text(min_size=1, max_size=30), paragraph=st.text(min_size=1, max_size=120))
def test_any_text_gives_valid_html_that_keeps_it(title, paragraph):
    """Whatever characters an article holds, the page stays valid HTML5 and keeps them."""
    assume(squeeze(clean(title + paragraph)))  # an article of blanks is left out, rightly
    issue = Issue(
        masthead=Masthead(paper=title),
        pages=(Page(number=1),),
        articles=(Article(id="p1-a1", pages=(1,), title=title, blocks=(Block("paragraph", paragraph, 1),)),),
    )
    document = parse_strict(render(issue))
    text = squeeze(element_text(document.find(f".//{NS}article")))
    assert squeeze(clean(title)) in text and squeeze(clean(paragraph)) in text


def test_unresolved_jump_is_noted_without_a_jump_line():
    document = parse_strict(render(full_issue()))
    cut_off = next(a for a in document.iter(f"{NS}article") if a.get("id").endswith("-p1-a3"))
    notes = [element_text(p) for p in cut_off.iter(f"{NS}p") if "jump-note" in (p.get("class") or "")]
    assert notes == ["续文在第二版，未能收入"]
    resolved = next(a for a in document.iter(f"{NS}article") if a.get("id").endswith("-p1-a1"))
    assert not [p for p in resolved.iter(f"{NS}p") if "jump-note" in (p.get("class") or "")]
    assert "下转" not in element_text(document.find(f".//{NS}main"))


def test_broken_override_template_is_a_one_line_error(tmp_path):
    (tmp_path / "issue.html.j2").write_text("{{ issue.no_such_field.x }}", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        render(full_issue(), template_dir=str(tmp_path))
    assert "issue.html.j2" in str(caught.value) and "\n" not in str(caught.value)
    (tmp_path / "issue.html.j2").write_text("{% if %}", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"issue.html.j2, line 1"):
        render(full_issue(), template_dir=str(tmp_path))
