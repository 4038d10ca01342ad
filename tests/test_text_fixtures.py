"""Hand-written multi-page issues (pdftotext with form feeds; layout Markdown split by page
headers) parse into the articles they were written to contain."""

from __future__ import annotations

from pathlib import Path

import pytest

from laobao_convert.parse import identify, parse_issue
from laobao_convert.readers.text import read_text

FIXTURES = Path(__file__).parent / "fixtures" / "text"


def parse(name: str):
    path = FIXTURES / name
    return parse_issue([read_text(path.read_bytes(), path.name)])


def summary(issue):
    return [(a.id, a.pages, a.title, [(j.from_page, j.to_page, j.resolved) for j in a.jumps])
            for a in issue.articles]


def all_text(issue):
    return "\n".join(b.text for a in issue.articles for b in a.blocks)


def conserved(issue):
    c = issue.conservation
    return c.input_chars == c.output_chars + c.warned_chars and not [
        w for w in issue.warnings if w.code == "conservation"]


class TestPdftotext:
    @pytest.fixture(scope="class")
    @classmethod
    def issue(cls):
        return parse("issue-20240508.pdftotext.txt")

    def test_masthead(self, issue):
        m = issue.masthead
        assert (m.date, m.weekday, m.issue_number, m.page_count) == ("2024-05-08", "星期三", 7160, 4)
        assert m.authority == "中华人民共和国人力资源和社会保障部主管"
        assert (m.website, m.email) == ("www.laobao-example.cn", "desk@laobao-example.cn")

    def test_page_headers(self, issue):
        assert [(p.number, p.name, p.editor, p.date) for p in issue.pages] == [
            (1, None, None, None),
            (2, "综合新闻", "杨 旭", "2024-05-08"),
            (3, "就业", "周 敏", "2024-05-08"),
            (4, "社会保障", "刘 洋", "2024-05-08"),
        ]

    def test_articles_stitched(self, issue):
        assert summary(issue) == [
            # chain 1→2→4: full repeated headline on 2, none on 4 (paired by 上接第二版)
            ("p1-a1", (1, 2, 4), "畅通技能人才成长通道", [(1, 2, True), (2, 4, True)]),
            # shortened repeated headline on 3
            ("p1-a2", (1, 3), "新就业形态劳动者权益保障工作取得新进展", [(1, 3, True)]),
            # no repeated headline on 4; 上接 run into the first line
            ("p1-a3", (1, 4), "一季度全国技工院校招生同比增长", [(1, 4, True)]),
            ("p2-a1", (2,), "技工教育联盟在京成立", []),
            ("p3-a1", (3,), "零工市场服务覆盖更多城市", []),
            ("p4-a1", (4,), "养老保险关系转移接续更加便捷", [(4, 6, False)]),
        ]

    def test_headline_parts_and_bylines(self, issue):
        first, second = issue.articles[0], issue.articles[1]
        assert first.kicker == "人社部召开技能人才评价工作会议强调"
        assert first.byline == "本报记者 李明远"
        assert second.subtitle == "——多地探索职业伤害保障试点侧记"
        assert second.byline == "本报记者 王晓 通讯员 陈立"

    def test_wrapped_lines_become_paragraphs(self, issue):
        first = issue.articles[0]
        assert first.blocks[0].text.startswith("本报北京5月7日电 人力资源社会保障部7日在北京召开")
        assert first.blocks[0].text.endswith("为主要内容的评价制度。")
        # cut by a caption, then by two page jumps: one paragraph each time
        assert "让更多一线劳动者凭技能得到认可、凭技能获得回报。" in all_text(issue)
        assert "进一步拓宽技能人才成长通道。会议还对" in all_text(issue)
        assert "切实提高技能人才评价工作的科学化" in all_text(issue)
        assert "急需紧缺专业，并通过举办技能大赛" in all_text(issue)

    def test_caption_and_subhead(self, issue):
        first = issue.articles[0]
        assert [c.text for c in first.captions] == [
            "4月下旬，江苏省无锡市一家机械企业的职工在参加职业技能等级认定实操考核。本报记者 李明远 摄"]
        assert [b.text for b in first.blocks if b.type == "subhead"] == ["推动评价结果互认"]

    def test_indented_paragraphs(self, issue):
        union = issue.articles[3]
        assert [b.text[:6] for b in union.blocks] == ["本报讯 日前", "据了解，联盟"]

    def test_furniture_kept_out(self, issue):
        text = all_text(issue)
        for piece in ("导读", "下转", "上接", "转第四版", "责任编辑", "社址", "定价", "第2版"):
            assert piece not in text
        # prose with 转 stays prose
        assert "转岗培训" in text and "转发各地" in text

    def test_warnings_name_pages_and_headline(self, issue):
        codes = [w.code for w in issue.warnings]
        assert codes == ["unresolved-jump"]
        assert "养老保险关系转移接续更加便捷" in issue.warnings[0].message
        assert "page 6" in issue.warnings[0].message

    def test_conservation(self, issue):
        assert conserved(issue)

    def test_identify(self):
        path = FIXTURES / "issue-20240508.pdftotext.txt"
        key = identify(read_text(path.read_bytes(), path.name))
        assert (key.date, key.issue_number, key.page_numbers) == ("2024-05-08", 7160, (2, 3, 4))


class TestLayoutMarkdown:
    @pytest.fixture(scope="class")
    @classmethod
    def issue(cls):
        return parse("issue-20240612.layout.md")

    def test_pages_found_by_headers(self, issue):
        assert [(p.number, p.name, p.editor) for p in issue.pages] == [
            (1, None, None), (2, "劳动关系", "张 华"), (3, "维权", "李 明")]

    def test_articles(self, issue):
        assert summary(issue) == [
            ("p1-a1", (1, 2), "稳岗扩岗并举守牢就业基本盘", [(1, 2, True)]),
            ("p1-a2", (1,), "以赛促学提升协调能力", []),
            ("p2-a1", (2, 3), "企业民主管理工作提质增效", [(2, 3, True)]),
            ("p3-a1", (3,), None, [(5, 3, False)]),
            ("p3-a2", (3,), "一批欠薪案件集中办结", []),
        ]

    def test_series_author_and_cut_across_pages(self, issue):
        first = issue.articles[0]
        assert first.series == "人社局长谈高质量充分就业③"
        assert first.byline == "某省人力资源和社会保障厅党组书记、厅长 林海"
        assert "扩岗方面，我们鼓励企业吸纳高校毕业生" in all_text(issue)
        assert "推动更多岗位向基层延伸、向农村延伸，" in all_text(issue)

    def test_headline_after_body_and_caption(self, issue):
        second = issue.articles[1]
        assert second.kicker == "全国劳动关系协调员职业技能竞赛举行"
        assert second.blocks[0].text.startswith("本报讯(记者 韩雪)6月11日")
        assert [c.text for c in second.captions] == ["6月11日，选手在竞赛现场进行技能操作考核。本报记者 韩雪 摄"]

    def test_two_line_subhead_and_reporter_byline(self, issue):
        third = issue.articles[2]
        assert third.byline == "记者 周宁 通讯员 吴昊"
        assert [b.text for b in third.blocks if b.type == "subhead"] == ["厂务公开更透明职工参与有渠道"]
        assert "企业决策更加科学，也让职工" in all_text(issue)

    def test_orphan_continuation_warned(self, issue):
        warnings = [(w.code, w.page) for w in issue.warnings]
        assert warnings == [("orphan-continuation", 3)]

    def test_box_and_masthead_kept_out(self, issue):
        text = all_text(issue)
        assert "要目" not in text and "集中办结 3版" not in text and "电子信箱" not in text
        assert conserved(issue)


def test_pages_given_as_separate_files_are_ordered_by_header(tmp_path):
    source = (FIXTURES / "issue-20240508.pdftotext.txt").read_text(encoding="utf-8")
    pages = source.split("\f")
    # given out of order, named without page numbers: the printed headers order them
    docs = [read_text(pages[i].encode("utf-8"), f"part-{name}.txt")
            for i, name in ((2, "c"), (0, "a"), (3, "d"), (1, "b"))]
    issue = parse_issue(docs)
    whole = parse("issue-20240508.pdftotext.txt")
    assert [p.number for p in issue.pages] == [1, 2, 3, 4]
    assert summary(issue) == summary(whole)
    assert len(issue.provenance.sources) == 4


# --- any text: no crash, conservation holds, same input gives the same issue --------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from([
    "## ", "# ", "  \n", "\n", "\n\n", "\f", "（下转第二版）", "(上接第一版)", "下转3版", "本报记者 张三",
    "新华社记者 王五 摄", "图为", "导读", "…… 2版", "2024年4月24日 星期三 第2版 就业 责任编辑 李四",
    "中国劳动保障报", "第7154期 今日8版", "人社厅(局)长谈②", "——侧记", "本报讯(记者 赵六)", "就业",
    "正文内容，", "继续写。", "“引号”", "CN 11-0022", "　　", "转岗", "责任编辑", "摄", "24", "星期三",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, min_size=1, max_size=60))
def test_any_text_parses_and_conserves(pieces):
    text = "".join(pieces)
    if not text.strip():
        return
    data = text.encode("utf-8")
    issue = parse_issue([read_text(data, "fuzz.md")])
    assert conserved(issue), issue.warnings
    assert parse_issue([read_text(data, "fuzz.md")]) == issue
    for article in issue.articles:
        assert article.id.startswith(f"p{article.pages[0]}-a") if article.pages else True
