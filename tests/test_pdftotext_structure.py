"""pdftotext's default output keeps no type sizes: the rules read structure from the text
itself. Each fixture is a page as pdftotext sets it (a column's wrapped lines, blank lines
between its blocks, a form feed between pages)."""

from __future__ import annotations

from laobao_convert.parse import parse_issue
from laobao_convert.readers.text import read_text

MASTHEAD = "中国劳动保障报\n\n2024年4月24日 星期三\n第7154期 今日2版\n\n"

BODY = ("人社部门聚焦重点群体就\n业需求，持续开展专项服务活\n动，帮助劳动者实现稳定就\n"
        "业。各地还举办了招聘会，\n提供岗位十万余个，达成意\n向两万余人。\n")


def parse(text: str):
    return parse_issue([read_text(text.encode("utf-8"), "issue.txt")])


def heads(issue):
    return [(a.kicker, a.title, a.subtitle, a.byline) for a in issue.articles]


def test_a_headline_wider_than_the_column_stands_apart_from_the_body_under_it():
    page = MASTHEAD + "广东推进稳岗扩就业专项行动全面落实\n" + BODY
    issue = parse(page)
    assert heads(issue) == [(None, "广东推进稳岗扩就业专项行动全面落实", None, None)]
    assert issue.articles[0].blocks[0].text.startswith("人社部门聚焦")


def test_lines_above_a_byline_in_the_same_block_are_the_headline():
    page = MASTHEAD + "稳岗扩就业\n本报记者 王晓丽\n" + BODY
    issue = parse(page)
    assert heads(issue) == [(None, "稳岗扩就业", None, "本报记者 王晓丽")]


def test_a_subtitle_and_a_dateline_on_lines_of_their_own():
    page = MASTHEAD + "稳岗扩就业\n——来自广州的报道\n新华社广州4月23日电\n" + BODY
    issue = parse(page)
    assert heads(issue) == [(None, "稳岗扩就业", "——来自广州的报道", None)]
    # The dateline runs into the paragraph it opens, a space after it as when set on one line.
    assert issue.articles[0].blocks[0].text.startswith("新华社广州4月23日电 人社部门")


def test_a_crowded_headline_run_lends_its_first_line_to_an_article_without_one():
    page = (MASTHEAD
            + "实习生权益保护亟待加强\n\n四川省部署根治欠薪专项行动\n\n天水扩大工伤保险覆盖面\n\n"
            + BODY + "\n(下转第二版)\n\n" + BODY.replace("人社部门", "各地人社"))
    issue = parse(page)
    assert heads(issue) == [
        ("四川省部署根治欠薪专项行动", "天水扩大工伤保险覆盖面", None, None),
        (None, "实习生权益保护亟待加强", None, None),
    ]
    assert issue.articles[1].blocks[0].text.startswith("各地人社")
    c = issue.conservation
    assert c.input_chars == c.output_chars + c.warned_chars


def test_a_caption_block_keeps_its_lines_together():
    page = MASTHEAD + "稳岗扩就业\n\n" + BODY + "\n图为招聘会现场求职者在咨询岗位信息。\n本报记者 王晔 摄\n"
    issue = parse(page)
    (article,) = issue.articles
    assert [c.text for c in article.captions] == ["图为招聘会现场求职者在咨询岗位信息。本报记者 王晔 摄"]


def test_a_headline_wrapped_in_a_narrow_frame_is_one_line_again():
    page = MASTHEAD + "兰州完善技能人才评价制\n度\n\n" + BODY
    assert heads(parse(page)) == [(None, "兰州完善技能人才评价制度", None, None)]


def test_a_subhead_wrapped_onto_a_short_line_stays_a_subhead():
    page = (MASTHEAD + "稳岗扩就业\n\n" + BODY + "\n用好欠薪治理“长效\n链”\n"
            + BODY.replace("人社部门", "各地人社"))
    (article,) = parse(page).articles
    assert [(b.type, b.text[:6]) for b in article.blocks] == [
        ("paragraph", "人社部门聚焦"), ("subhead", "用好欠薪治理"), ("paragraph", "各地人社聚焦")]
    assert article.blocks[1].text == "用好欠薪治理“长效链”"


def test_a_notice_line_set_apart_from_its_notice_is_furniture_not_a_headline():
    page = (MASTHEAD + "《中国劳动保障报》征订启事\n邮发代号：1-106\n\n稳岗扩就业\n\n" + BODY
            + "\n全国各地邮局均可订阅\n\n")
    issue = parse(page)
    assert heads(issue) == [(None, "稳岗扩就业", None, None)]
    assert any("全国各地邮局均可订阅" in f.text for f in issue.furniture)
    # News about subscribing is no notice line.
    assert heads(parse(MASTHEAD + "2025年度报刊征订工作启动\n\n" + BODY)) == [
        (None, "2025年度报刊征订工作启动", None, None)]


PAGE_TWO = "\f就业创业\n\n第2版\n责任编辑 张明\n\n2024年4月24日\n\n"


def test_a_guide_item_title_set_among_the_headline_lines_goes_with_its_page_reference():
    # pdftotext reads the 导读 box beside the headline row by row: an item's title lands
    # between the headline's lines, its page reference far below. The page it names prints
    # that title as a headline, so it is the item's.
    page_one = (MASTHEAD + "人社部召开新闻发布会\n\n导读\n\n织密人才引育链\n\n健全吸纳民意彼此\n\n"
                + BODY + "\n说明 第2版\n")
    page_two = PAGE_TWO + "健全吸纳民意彼此说明\n本报记者 王晓丽\n" + BODY.replace("人社部门", "各地人社")
    issue = parse(page_one + page_two)
    assert heads(issue) == [("人社部召开新闻发布会", "织密人才引育链", None, None),
                            (None, "健全吸纳民意彼此说明", None, "本报记者 王晓丽")]
    boxes = "".join(f.text for f in issue.furniture if f.kind == "box")
    assert "健全吸纳民意彼此\n说明 第2版" in boxes  # the item whole again, and recognised as one
    assert [w.code for w in issue.warnings if w.code == "unrecognised-furniture"] == []
    c = issue.conservation
    assert c.input_chars == c.output_chars + c.warned_chars


def test_a_guide_item_cut_inside_its_reference_is_known_by_the_page_it_names():
    page_one = (MASTHEAD + "人社部召开新闻发布会\n\n导读\n\n织密人才引育链\n\n健全吸纳民意彼\n此说明 （2\n\n"
                + BODY + "\n版）\n")
    page_two = PAGE_TWO + "健全吸纳民意彼此说明\n本报记者 王晓丽\n" + BODY.replace("人社部门", "各地人社")
    issue = parse(page_one + page_two)
    assert heads(issue)[0] == ("人社部召开新闻发布会", "织密人才引育链", None, None)
    assert not any("版）" in b.text for a in issue.articles for b in a.blocks)
    assert [w.code for w in issue.warnings if w.code == "unrecognised-furniture"] == []


def test_a_headline_repeated_over_its_continuation_is_no_guide_item():
    # The same words on page 2 under a 上接 line are this article's continuation, not an item.
    page_one = (MASTHEAD + "导读\n\n织密人才引育链\n\n2版\n\n" + BODY + "\n(下转第二版)\n")
    page_two = PAGE_TWO + "织密人才引育链\n(上接第一版)\n\n" + BODY.replace("人社部门", "各地人社")
    issue = parse(page_one + page_two)
    assert [a.title for a in issue.articles] == ["织密人才引育链"]
    assert issue.articles[0].pages == (1, 2)


def test_a_subtitle_wrapped_onto_a_short_line_is_one_subtitle():
    page = MASTHEAD + "稳岗扩就业\n——绵阳市人社服务\n侧记\n本报记者 王晓丽\n" + BODY
    issue = parse(page)
    assert heads(issue) == [(None, "稳岗扩就业", "——绵阳市人社服务侧记", "本报记者 王晓丽")]
    assert issue.articles[0].blocks[0].text.startswith("人社部门")


def test_a_series_label_the_extraction_set_after_its_title_is_the_series():
    page = MASTHEAD + "呼和浩特市精准发力助力企业稳岗\n\n聚焦高质量充分就业②\n\n——海口市就业帮扶观察\n本报讯（记者 贾梅）" + BODY
    issue = parse(page)
    article = issue.articles[0]
    assert (article.series, article.title, article.subtitle) == (
        "聚焦高质量充分就业②", "呼和浩特市精准发力助力企业稳岗", "——海口市就业帮扶观察")
    assert len(issue.articles) == 1


def test_an_article_stopping_mid_sentence_in_extracted_text_is_told_of():
    cut = BODY.replace("向两万余人。\n", "向两万余\n")
    issue = parse(MASTHEAD + "稳岗扩就业\n本报记者 王晓丽\n" + cut)
    [warning] = [w for w in issue.warnings if w.code == "cut-text"]
    assert warning.page == 1 and "《稳岗扩就业》" in warning.message and "向两万余" in warning.message
    # Whole sentences, or a 下转 line, say nothing.
    assert not [w for w in parse(MASTHEAD + "稳岗扩就业\n" + BODY).warnings if w.code == "cut-text"]
    jumped = parse(MASTHEAD + "稳岗扩就业\n" + cut + "\n(下转第二版)\n")
    assert [w.code for w in jumped.warnings if w.code in ("cut-text", "unresolved-jump")] == ["unresolved-jump"]


def test_a_notice_whose_title_wraps_in_a_narrow_frame_is_furniture_whole():
    notice = "《中国劳动\n保障报》征\n订启事\n邮发代号：1-106\n全年定价：360元\n全国各地邮局均可订阅\n发行热线：\n(010)84209884\n"
    issue = parse(MASTHEAD + "稳岗扩就业\n" + BODY + "\n" + notice)
    assert issue.articles[0].blocks[-1].text.endswith("向两万余人。")
    assert any("(010)84209884" in f.text and "订启事" in f.text for f in issue.furniture if f.kind == "box")
    assert [w for w in issue.warnings if w.code == "unrecognised-furniture"] == []
