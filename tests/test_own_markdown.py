"""Reading our own Markdown back: role-hinted pages that rebuild the same articles."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from issue_examples import EXAMPLES, full_issue, single_page_issue
from laobao_convert.errors import ConvertError
from laobao_convert.model import Article, Block, Caption, Issue, Page
from laobao_convert.readers.own_markdown import has_own_front_matter, read_own_markdown
from laobao_convert.writers.markdown import render_markdown

FIELD_ROLES = ("series", "kicker", "title", "subtitle", "byline")


def regions(document):
    """(page number, region) → [(role, text)] in reading order."""
    found = {}
    for page in document.pages:
        for block in page.blocks:
            if block.region is not None:
                found.setdefault((page.number_hint, block.region), []).append((block.role, block.text))
    return found


def expected_parts(article: Article):
    """What the reader should give for one article: its fields, then its body in the order the
    writer sets it (captions after the first block of their page)."""
    from laobao_convert.writers.common import body_items

    parts = [(role, getattr(article, role)) for role in FIELD_ROLES if getattr(article, role)]
    for item in body_items(article):
        if isinstance(item, Caption):
            parts.append(("caption", item.text))
        else:
            parts.append(("subhead" if item.type == "subhead" else "body", item.text))
    for jump in article.jumps:
        if not jump.resolved and jump.to_page is not None:
            parts.append(("jump", f"（下转第{'一二三四五六七八九'[jump.to_page - 1]}版）"))
    return parts


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_article_comes_back_as_one_region_with_its_roles(name):
    issue = EXAMPLES[name]()
    document = read_own_markdown(render_markdown(issue), f"{name}.md")
    found = regions(document)
    expected = {}
    for article in issue.articles:
        first = article.pages[0]
        index = len([key for key in expected if key[0] == first])
        expected[(first, index)] = expected_parts(article)
    assert found == expected


def test_title_block_is_marked_as_heading_and_body_as_whole_paragraphs():
    document = read_own_markdown(render_markdown(full_issue()), "x.md")
    blocks = [b for b in document.pages[0].blocks if b.region == 0]
    assert [b.heading for b in blocks if b.role == "title"] == [True]
    body = [b for b in blocks if b.role == "body"]
    assert body and all(b.starts_paragraph and b.ends_paragraph for b in body)


def test_pages_masthead_and_headers_from_front_matter():
    document = read_own_markdown(render_markdown(full_issue()), "20231108.md")
    assert [p.number_hint for p in document.pages] == [1, 2, 3, 4]
    assert document.kind == "markdown" and document.source.name == "20231108.md"
    masthead = document.pages[0].blocks[0]
    assert masthead.role == "masthead"
    assert masthead.text.split("\n")[:4] == ["中国劳动保障报", "2023年11月8日", "星期三", "第7093期 今日4版"]
    assert "国内统一连续出版物号:CN 11-0022" in masthead.text and "电子信箱:news@example-labour.cn" in masthead.text
    header = document.pages[1].blocks[0]
    assert header.role == "header"
    assert header.text == "2023年11月8日\n第2版\n综合新闻\n责任编辑 王 丽"
    assert all(b.role != "masthead" for p in document.pages[1:] for b in p.blocks)


def test_multi_line_text_keeps_its_line_breaks():
    issue = Issue(
        pages=(Page(number=1),),
        articles=(
            Article(
                id="p1-a1",
                pages=(1,),
                kicker="引题第一行\n引题第二行",
                title="标题",
                blocks=(Block(type="paragraph", text="第一行\n第二行", page=1),),
                captions=(Caption(text="图为某地。\n本报记者 某某 摄", page=1),),
            ),
        ),
    )
    document = read_own_markdown(render_markdown(issue), "x.md")
    blocks = {b.role: b for b in document.pages[0].blocks}
    assert [line.text for line in blocks["kicker"].lines] == ["引题第一行", "引题第二行"]
    assert blocks["kicker"].lines[0].hard_break and not blocks["kicker"].lines[1].hard_break
    assert blocks["body"].text == "第一行\n第二行"
    assert blocks["caption"].text == "图为某地。\n本报记者 某某 摄"


SAFE_TEXT = st.text(alphabet=st.sampled_from(list("\\`*_[]<>#|~&!$-+=.)19 ，。“”中文报道ab&#;")), min_size=1,
                    max_size=30).filter(lambda t: t.strip() and t.strip() == t)


@settings(max_examples=150, deadline=None)
@given(st.lists(SAFE_TEXT, min_size=6, max_size=6))
def test_any_text_survives_write_and_read(texts):
    series, kicker, title, subtitle, byline, body = texts
    article = Article(id="p1-a1", pages=(1,), series=series, kicker=kicker, title=title, subtitle=subtitle,
                      byline=byline, blocks=(Block(type="paragraph", text=body, page=1),))
    document = read_own_markdown(render_markdown(Issue(pages=(Page(number=1),), articles=(article,))), "x.md")
    assert regions(document)[(1, 0)] == expected_parts(article)


def test_recognises_its_own_front_matter_only():
    assert has_own_front_matter(render_markdown(full_issue()))
    assert has_own_front_matter("\ufeff" + render_markdown(single_page_issue()))
    assert not has_own_front_matter("# 中国劳动保障报\n\n2024年4月  \n24  \n")
    assert not has_own_front_matter("---\ngenerator: other-tool 1.0\n---\n\n## 第一版\n")


def test_text_without_page_sections_is_a_convert_error():
    with pytest.raises(ConvertError) as caught:
        read_own_markdown("---\ngenerator: laobao-convert 0.1.0\n---\n\n# 标题\n\n只有一段。\n", "bad.md")
    assert "第N版" in caught.value.message and caught.value.where == "bad.md"


def test_crlf_line_ends_read_the_same():
    markdown = render_markdown(full_issue())
    assert regions(read_own_markdown(markdown.replace("\n", "\r\n"), "x.md")) == regions(
        read_own_markdown(markdown, "x.md")
    )


# --- through the parser: the same articles come back -------------------------------------


def _shape(article: Article):
    return (
        article.series,
        article.kicker,
        article.title,
        article.subtitle,
        article.byline,
        tuple((b.type, b.text) for b in article.blocks),
        tuple(c.text for c in article.captions),
    )


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_round_trip_through_the_parser(name):
    from laobao_convert.parse import parse_issue

    issue = EXAMPLES[name]()
    document = read_own_markdown(render_markdown(issue), f"{name}.md")
    rebuilt = parse_issue([document])
    assert [_shape(a) for a in rebuilt.articles] == [_shape(a) for a in issue.articles]
    assert rebuilt.masthead == issue.masthead
    # The parser closes up a name spaced out in print (王 丽 → 王丽).
    assert [(p.number, p.name, p.editor and p.editor.replace(" ", "")) for p in rebuilt.pages] == [
        (p.number, p.name, p.editor and p.editor.replace(" ", "")) for p in issue.pages
    ]
    unresolved = [j.to_page for a in issue.articles for j in a.jumps if not j.resolved and j.to_page is not None]
    rebuilt_unresolved = [j.to_page for a in rebuilt.articles for j in a.jumps if not j.resolved]
    assert rebuilt_unresolved == unresolved


def test_seed_page_survives_markdown_and_back(seed_path):
    """The real page one: parsed, written as Markdown, read back and parsed again, gives the
    same articles and masthead."""
    from laobao_convert.parse import parse_issue
    from laobao_convert.readers import read_input

    issue = parse_issue([read_input(seed_path.read_bytes(), seed_path.name)])
    markdown = render_markdown(issue)
    again = parse_issue([read_input(markdown.encode("utf-8"), "again.md")])
    assert [_shape(a) for a in again.articles] == [_shape(a) for a in issue.articles]
    assert again.masthead == issue.masthead
    assert [w.code for w in again.warnings] == [w.code for w in issue.warnings]


def test_front_matter_values_that_need_quoting_survive():
    from laobao_convert.readers.own_markdown import split_front_matter
    from laobao_convert.model import Masthead, Provenance, SourceFile

    awkward = 'a, b: {c} "d" #e'
    issue = Issue(
        masthead=Masthead(paper="某某报", website="https://example.invalid/a?b=1#c", issue_number=12),
        pages=(Page(number=1, name=awkward, editor="true"),),
        articles=(Article(id="p1-a1", pages=(1,), title="标题"),),
        provenance=Provenance(sources=(SourceFile(name="2024 04,24.md", sha256="0" * 64, pages=1),), version="1.2.3"),
    )
    meta, _ = split_front_matter(render_markdown(issue))
    assert meta["website"] == "https://example.invalid/a?b=1#c" and meta["issue_number"] == 12
    assert meta["pages"] == [{"number": 1, "name": awkward, "editor": "true"}]
    assert meta["source"] == [{"name": "2024 04,24.md", "sha256": "0" * 64}]
    assert meta["generator"] == "laobao-convert 1.2.3"
