"""The real page one (layout-tool Markdown) parses into exactly its four articles."""

from __future__ import annotations

import pytest

from laobao_convert.parse import parse_issue
from laobao_convert.readers.text import read_text


@pytest.fixture(scope="module")
def issue(seed_path):
    return parse_issue([read_text(seed_path.read_bytes(), seed_path.name)])


def test_masthead_fields(issue):
    m = issue.masthead
    assert (m.paper, m.date, m.weekday, m.issue_number, m.page_count) == (
        "中国劳动保障报", "2024-04-24", "星期三", 7154, 8)
    assert m.authority == "中华人民共和国人力资源和社会保障部主管"
    assert (m.cn, m.postal_code, m.overseas_code) == ("CN 11-0022", "1-106", "01-106WR")
    assert (m.website, m.email) == ("www.cissn.com", "lzbzb@labournews.com.cn")


def test_masthead_text_is_in_no_article(issue):
    text = "".join(b.text for a in issue.articles for b in a.blocks)
    for piece in ("CN 11-0022", "邮发代号", "ZHONGGUO", "今日8版", "人力资源和社会保障部主管"):
        assert piece not in text


def test_exactly_four_articles_in_order(issue):
    assert [a.id for a in issue.articles] == ["p1-a1", "p1-a2", "p1-a3", "p1-a4"]
    assert [a.title for a in issue.articles] == [
        "进一步形成大保护大开放高质量发展新格局 奋力谱写西部大开发新篇章",
        "人力资源社会保障工作开局良好",
        "菁英汇聚大江大河",
        "深学深用,善作善成,以高质量充分就业创造高品质美好生活",
    ]


def test_headline_parts(issue):
    first, second, third, fourth = issue.articles
    assert first.kicker == "习近平主持召开新时代推动西部大开发座谈会强调"
    assert first.subtitle == "李强蔡奇丁薛祥出席"
    assert second.kicker == "人社部举办一季度新闻发布会"
    assert third.subtitle == "——长江经济带青年人才交流会侧记"
    assert third.byline == "本报记者 游朔"
    assert fourth.series == "人社厅(局)长谈贯彻落实全国两会精神②"
    assert fourth.byline == "天津市人力资源和社会保障局党组书记、局长 沈超"


def test_headline_after_body_goes_back_to_its_article(issue):
    second = issue.articles[1]
    assert second.blocks[0].text.startswith("本报讯(记者 武唯)4月23日，人社部举行")
    assert second.byline is None  # the dateline stays in the first paragraph


def test_dateline_stays_in_first_paragraph(issue):
    assert issue.articles[0].blocks[0].text.startswith("新华社重庆4月23日电 中共中央总书记")


def test_photo_caption_taken_out_of_body(issue):
    first = issue.articles[0]
    assert len(first.captions) == 1
    caption = first.captions[0].text
    assert caption.startswith("4月23日下午") and caption.endswith("新华社记者 王晔 摄")
    assert all("王晔" not in b.text for b in first.blocks)


@pytest.mark.parametrize("joined", [
    "促进中央企业与西部地区融合发展。",
    "大力推进西部陆海新通道建设",
    "顾瀚介绍，江苏处于长三角",
    "经济社会和谐稳定、长远发展之根本",
    "天津市人社部门将突出就业优先导向",
    "拓展数字经济、绿色经济、银发经济",
])
def test_column_break_cuts_rejoined(issue, joined):
    hits = [b for a in issue.articles for b in a.blocks if joined in b.text]
    assert len(hits) == 1


def test_no_paragraph_ends_mid_sentence(issue):
    for article in issue.articles:
        for block in article.blocks:
            if block.type == "paragraph":
                assert block.text[-1] in "。”！？", block.text[-20:]


def test_subheads(issue):
    second, third = issue.articles[1], issue.articles[2]
    assert [b.text for b in second.blocks if b.type == "subhead"] == [
        "就业保持总体稳定全国城镇新增就业达303万人",
        "社保制度改革稳妥推进131个城市试点工伤异地就医直接结算",
    ]
    assert [b.text for b in third.blocks if b.type == "subhead"] == [
        "一条黄金经济带", "指引青年人才发展方向"]


def test_three_unresolved_jumps_to_page_two(issue):
    jumps = [(a.id, j) for a in issue.articles for j in a.jumps]
    assert [(i, j.from_page, j.to_page, j.resolved) for i, j in jumps] == [
        ("p1-a1", 1, 2, False), ("p1-a3", 1, 2, False), ("p1-a4", 1, 2, False)]
    warned = [w for w in issue.warnings if w.code == "unresolved-jump"]
    assert len(warned) == 3
    assert "菁英汇聚大江大河" in warned[1].message and "page 2" in warned[1].message
    assert all("下转" not in b.text for a in issue.articles for b in a.blocks)


def test_characters_conserved(issue):
    c = issue.conservation
    assert c.input_chars == c.output_chars + c.warned_chars
    assert c.furniture_chars > 0
    assert not [w for w in issue.warnings if w.code == "conservation"]


def test_provenance(issue, seed_path):
    import hashlib

    import laobao_convert

    (source,) = issue.provenance.sources
    assert source.name == seed_path.name
    assert source.sha256 == hashlib.sha256(seed_path.read_bytes()).hexdigest()
    assert issue.provenance.version == laobao_convert.__version__


def test_deterministic(seed_path, issue):
    again = parse_issue([read_text(seed_path.read_bytes(), seed_path.name)])
    assert again == issue
