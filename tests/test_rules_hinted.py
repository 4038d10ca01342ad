"""A page the PDF reader has annotated (roles, regions, paragraph edges) parses by its hints;
the same text without hints is inferred from the text."""

from __future__ import annotations

from laobao_convert.content import Document, Line, PageContent, TextBlock
from laobao_convert.model import SourceFile
from laobao_convert.parse import parse_issue


def block(text, role=None, region=None, starts=None, ends=None, heading=False):
    return TextBlock(lines=tuple(Line(t) for t in text.split("\n")), role=role, region=region,
                     starts_paragraph=starts, ends_paragraph=ends, heading=heading)


def document(*pages):
    contents = tuple(PageContent(blocks=tuple(blocks), source="x.pdf", index=i, number_hint=i + 1)
                     for i, blocks in enumerate(pages))
    return Document(pages=contents, source=SourceFile("x.pdf", "0" * 64, len(contents)), kind="pdf")


PAGE_ONE = [
    block("中国劳动保障报", role="masthead"),
    block("2024年4月\n24\n星期三", role="masthead"),
    block("第7154期 今日8版", role="masthead"),
    # A region whose parts the reader told apart by type size and position.
    block("人社厅(局)长谈贯彻落实全国两会精神②", role="series", region=0),
    block("以高质量充分就业创造高品质美好生活", role="title", region=0),
    block("某市人社局局长 张三", role="byline", region=0),
    block("今年以来，就业形势总体稳定，城镇新增就业", role="body", region=0, starts=True, ends=False),
    block("持续增长。各项政策落地见效。", role="body", region=0, starts=False, ends=True),
    block("稳岗扩岗", role="subhead", region=0),
    block("下一步，我们将继续加力。", role="body", region=0, starts=True, ends=True),
    block("（下转第二版）", role="jump", region=0),
    # A region with a kicker and a caption; a paragraph that ends with a full stop but
    # runs on past the column (the hint says so).
    block("某省召开就业工作会议", role="kicker", region=1),
    block("稳就业促增收", role="title", region=1),
    block("本报讯 会议指出，要稳就业。", role="body", region=1, starts=True, ends=False),
    block("会上还部署了下一步工作。", role="body", region=1, starts=False, ends=True),
    block("图为会议现场。", role="caption", region=1),
]
PAGE_TWO = [
    block("2024年4月24日 星期三", role="header"),
    block("第2版 就业 责任编辑 李四", role="header"),
    block("以高质量充分就业创造高品质美好生活", role="title", region=0),
    block("（上接第一版）", role="jump", region=0),
    block("确保就业局势总体稳定。", role="body", region=0, starts=True, ends=True),
]


def test_hinted_pages_parse_by_their_hints():
    issue = parse_issue([document(PAGE_ONE, PAGE_TWO)])
    assert issue.masthead.paper == "中国劳动保障报"
    assert issue.masthead.date == "2024-04-24"
    assert (issue.pages[1].name, issue.pages[1].editor, issue.pages[1].date) == ("就业", "李四", "2024-04-24")
    first, second = issue.articles
    assert first.series == "人社厅(局)长谈贯彻落实全国两会精神②"
    assert first.title == "以高质量充分就业创造高品质美好生活"
    assert first.byline == "某市人社局局长 张三"
    assert [(b.type, b.text, b.page) for b in first.blocks] == [
        ("paragraph", "今年以来，就业形势总体稳定，城镇新增就业持续增长。各项政策落地见效。", 1),
        ("subhead", "稳岗扩岗", 1),
        ("paragraph", "下一步，我们将继续加力。", 1),
        ("paragraph", "确保就业局势总体稳定。", 2),
    ]
    assert first.pages == (1, 2)
    assert [(j.from_page, j.to_page, j.resolved) for j in first.jumps] == [(1, 2, True)]
    assert (second.kicker, second.title) == ("某省召开就业工作会议", "稳就业促增收")
    # ends_paragraph=False wins over the full stop: one paragraph
    assert [b.text for b in second.blocks] == ["本报讯 会议指出，要稳就业。会上还部署了下一步工作。"]
    assert [c.text for c in second.captions] == ["图为会议现场。"]
    # Two pages of an issue of eight: that the rest is missing is the one thing to say.
    assert [w.code for w in issue.warnings] == ["missing-pages"]


def test_same_text_without_hints_is_inferred():
    plain = [TextBlock(lines=b.lines, heading=b.role in ("series", "title", "kicker")) for b in PAGE_ONE[3:11]]
    issue = parse_issue([document(plain)])
    (article,) = issue.articles
    assert article.series == "人社厅(局)长谈贯彻落实全国两会精神②"
    assert article.byline == "某市人社局局长 张三"
    assert [b.type for b in article.blocks] == ["paragraph", "subhead", "paragraph"]
    assert [(j.to_page, j.resolved) for j in article.jumps] == [(2, False)]


def test_region_hint_separates_articles_without_headlines():
    page = [block("第一篇的文字。", role="body", region=0), block("第二篇的文字。", role="body", region=1)]
    issue = parse_issue([document(page)])
    assert [a.blocks[0].text for a in issue.articles] == ["第一篇的文字。", "第二篇的文字。"]
    assert [w.code for w in issue.warnings] == ["no-headline", "no-headline"]


def test_unreadable_jump_hint_keeps_its_text():
    page = [block("标题", role="title", region=0), block("正文。", role="body", region=0),
            block("见后", role="jump", region=0)]
    issue = parse_issue([document(page)])
    assert [b.text for b in issue.articles[0].blocks] == ["正文。", "见后"]
    c = issue.conservation
    assert c.input_chars == c.output_chars + c.warned_chars


def test_kicker_in_a_frame_of_its_own_goes_above_the_next_title():
    page = [block("某省召开就业工作会议", role="kicker", region=0),
            block("稳就业促增收", role="title", region=1),
            block("正文。", role="body", region=1)]
    (article,) = parse_issue([document(page)]).articles
    assert (article.kicker, article.title) == ("某省召开就业工作会议", "稳就业促增收")


def test_credit_split_off_a_hinted_caption_is_put_back():
    page = [block("标题", role="title", region=0), block("正文。", role="body", region=0),
            block("图为会场。本报记者 张三", role="caption", region=0), block("摄", region=0)]
    (article,) = parse_issue([document(page)]).articles
    assert [c.text for c in article.captions] == ["图为会场。本报记者 张三 摄"]
    assert [b.text for b in article.blocks] == ["正文。"]


def test_a_title_wrapped_onto_a_short_second_line_is_one_phrase_but_parallel_lines_keep_a_space():
    page = [block("推动高质量充分就业取得新成\n效", role="title", region=0, heading=True),
            block("正文。", role="body", region=0),
            block("进一步形成共同推进崛起新格局\n奋力谱写现代化新篇章", role="title", region=1, heading=True),
            block("正文。", role="body", region=1)]
    first, second = parse_issue([document(page)]).articles
    assert first.title == "推动高质量充分就业取得新成效"
    assert second.title == "进一步形成共同推进崛起新格局 奋力谱写现代化新篇章"


def test_a_dashed_line_under_the_title_is_the_subtitle_even_with_a_photo_caption_next():
    page = [block("新就业形态劳动者权益有保障", role="title", region=0, heading=True),
            block("——来自某地的调查", region=0),
            block("12月17日，志愿者向老年人讲解政策。\n通讯员 某某 摄", role="caption", region=0),
            block("12月15日，某市人社部门推进劳动人事争议多元处理。", role="body", region=0)]
    (article,) = parse_issue([document(page)]).articles
    assert article.subtitle == "——来自某地的调查"
    assert [b.text for b in article.blocks] == ["12月15日，某市人社部门推进劳动人事争议多元处理。"]
