"""Hand-built, realistic Issue objects for writer tests.

They are what the parser should produce for a typical issue, built by hand so that writer
tests do not depend on the readers or the parser. Between them they cover: several pages,
a jump resolved across pages, a chain of jumps (1 → 2 → 4), an unresolved jump with its
warning, captions, subheads, a series label, kicker and subtitle, bylines of several forms,
a dateline inside the first paragraph, an article without a headline, text full of
characters that are markup in Markdown or HTML, and fields the page did not print (None).

Every function builds a fresh Issue; EXAMPLES maps a short name to each builder so tests can
be parametrised over all of them.
"""

from __future__ import annotations

from typing import Callable, Dict

from laobao_convert.model import (
    Article,
    Block,
    Caption,
    Conservation,
    Issue,
    Jump,
    Masthead,
    Page,
    Provenance,
    SourceFile,
    Warning,
)


def _p(text: str, page: int) -> Block:
    return Block(type="paragraph", text=text, page=page)


def _h(text: str, page: int) -> Block:
    return Block(type="subhead", text=text, page=page)


def full_issue() -> Issue:
    """A four-page issue with every kind of article part and every kind of jump."""
    masthead = Masthead(
        paper="中国劳动保障报",
        date="2023-11-08",
        weekday="星期三",
        issue_number=7093,
        page_count=4,
        authority="中华人民共和国人力资源和社会保障部主管",
        cn="CN 11-0022",
        postal_code="1-106",
        overseas_code="01-106WR",
        website="www.example-labour.cn",
        email="news@example-labour.cn",
    )
    pages = (
        Page(number=1, name="要闻", editor=None, date="2023-11-08"),
        Page(number=2, name="综合新闻", editor="王 丽", date="2023-11-08"),
        Page(number=3, name="就业", editor="陈晓", date="2023-11-08"),
        Page(number=4, name="社会保障", editor="刘洋", date=None),
    )
    lead = Article(
        id="p1-a1",
        pages=(1, 2),
        kicker="全国职业技能大赛筹备工作全面展开",
        title="以赛促学以赛促训 推动技能人才队伍建设",
        subtitle="——来自第二届全国职业技能大赛赛区的报道",
        byline="本报记者 林秋 通讯员 赵一鸣",
        blocks=(
            _p(
                "本报讯(记者 林秋 通讯员 赵一鸣)11月7日，第二届全国职业技能大赛筹备工作推进会"
                "在天津召开。会议要求，各地要以大赛为契机，完善技能人才培养、使用、评价、激励"
                "制度，营造崇尚技能的社会氛围。",
                1,
            ),
            _p(
                "据介绍，本届大赛共设109个比赛项目，参赛选手预计超过4000人。赛事期间还将举办"
                "技能展示交流、职业体验等配套活动，让更多青少年走近技能、爱上技能。",
                1,
            ),
            _h("赛训结合提升能力", 1),
            _p(
                "“比赛不是目的，带动培训才是关键。”大赛组委会有关负责人表示，各地把集训与"
                "日常培训结合起来，一批青年技工在备赛中快速成长。",
                2,
            ),
            _p("下一步，将继续完善赛事标准体系，推动成果向职业标准和培训课程转化。", 2),
        ),
        captions=(
            Caption(
                text="11月7日，选手在数控铣项目集训中进行精度测量。本报记者 林秋 摄",
                page=1,
                credit="本报记者 林秋 摄",
            ),
        ),
        jumps=(Jump(from_page=1, to_page=2, resolved=True),),
    )
    series_article = Article(
        id="p1-a2",
        pages=(1, 2, 4),
        series="人社局长谈稳就业促增收③",
        title="把稳就业作为民生工作的头等大事",
        byline="某省人力资源和社会保障厅党组书记、厅长 孙建平",
        blocks=(
            _p(
                "就业是最基本的民生。今年以来，我们坚持就业优先导向，把高校毕业生等青年群体"
                "就业作为重中之重，城镇新增就业稳步增长。",
                1,
            ),
            _p(
                "我们将持续优化公共就业服务，推动服务向基层延伸，让劳动者在家门口就能找到"
                "合适的岗位。",
                2,
            ),
            _p("同时，加大职业技能培训力度，提升劳动者就业能力和职业转换能力。", 4),
        ),
        jumps=(
            Jump(from_page=1, to_page=2, resolved=True),
            Jump(from_page=2, to_page=4, resolved=True),
        ),
    )
    cut_off = Article(
        id="p1-a3",
        pages=(1,),
        title="一季度社保基金运行总体平稳",
        byline="本报记者 周岚",
        blocks=(
            _p(
                "记者从有关部门获悉，截至9月底，全国基本养老保险参保人数稳步增加，"
                "基金收支总体平衡。",
                1,
            ),
            _h("社保卡应用不断拓展", 1),
            _p("目前，电子社保卡已在交通出行、文化旅游等领域开通多项服务。", 1),
        ),
        jumps=(Jump(from_page=1, to_page=2, resolved=False),),
    )
    headless = Article(
        id="p2-a1",
        pages=(2,),
        blocks=(
            _p(
                "该市近日出台措施，对吸纳就业困难人员的企业给予社会保险补贴，政策执行期至"
                "明年底。",
                2,
            ),
        ),
    )
    markup = Article(
        id="p3-a1",
        pages=(3,),
        kicker="#就业服务进校园# 话题阅读量破亿",
        title="“AI+招聘” 让求职 *更高效*",
        subtitle="- 线上线下融合 [试点] 成效显现",
        byline="本报通讯员 王_小明",
        blocks=(
            _p("1. 各地开设“直播带岗”专场，单场最多吸引10万人次在线观看。", 3),
            _p(
                "# 系统把岗位需求按<技能>标签匹配，企业填写`岗位说明`后自动推送；"
                "有关负责人说：“> 90%的用户给出好评。”费用比例为3*5%，路径为 a\\b。",
                3,
            ),
            _h("+ 服务清单 | 一网通办", 3),
            _p("![图] 与 [链接](http://example.invalid) 都只是文字 & 不是标记。", 3),
        ),
        captions=(Caption(text="图为求职者在招聘会现场扫码投递简历。", page=3),),
    )
    notice = Article(
        id="p4-a1",
        pages=(4,),
        title="城乡居民医保集中参保缴费开始",
        blocks=(
            _p("2024年度城乡居民基本医疗保险集中参保缴费工作已经开始，缴费截止时间为12月31日。", 4),
        ),
        captions=(
            Caption(text="社区工作人员为居民讲解参保政策。", page=4),
            Caption(text="居民在自助终端办理缴费。通讯员 李华 摄", page=4, credit="通讯员 李华 摄"),
        ),
    )
    warnings = (
        Warning(
            code="unresolved-jump",
            message="第1版《一季度社保基金运行总体平稳》下转第2版，但第2版没有找到它的接续部分",
            page=1,
        ),
        Warning(
            code="no-headline",
            message="第2版第1篇文章找不到标题",
            page=2,
        ),
        Warning(
            code="dropped-text",
            message="第4版页脚（社址、电话、定价）未收入文章",
            page=4,
            level="info",
        ),
    )
    provenance = Provenance(
        sources=tuple(
            SourceFile(name=f"20231108_0{n}.pdf", sha256=f"{n}" * 64, pages=1) for n in range(1, 5)
        ),
        tool="laobao-convert",
        version="0.1.0",
    )
    conservation = Conservation(input_chars=1234, output_chars=1200, warned_chars=34, furniture_chars=210)
    return Issue(
        masthead=masthead,
        pages=pages,
        articles=(lead, series_article, cut_off, headless, markup, notice),
        warnings=warnings,
        provenance=provenance,
        conservation=conservation,
    )


def minimal_issue() -> Issue:
    """Almost nothing printed: a masthead without fields, a page without a name, one article
    without a headline. Every optional field is None; writers must not invent any of them."""
    return Issue(
        masthead=Masthead(),
        pages=(Page(number=1),),
        articles=(
            Article(
                id="p1-a1",
                pages=(1,),
                blocks=(Block(type="paragraph", text="只有正文的一段文字。"),),
            ),
        ),
        warnings=(Warning(code="no-headline", message="第1版第1篇文章找不到标题", page=1),),
    )


def single_page_issue() -> Issue:
    """Page one only, as a layout-tool text of one page gives it: jumps to a page that is not
    in the input, so they stay unresolved; a two-line subhead; a caption without a credit."""
    return Issue(
        masthead=Masthead(
            paper="中国劳动保障报",
            date="2024-03-13",
            weekday="星期三",
            issue_number=7134,
            page_count=8,
            authority="中华人民共和国人力资源和社会保障部主管",
            cn="CN 11-0022",
            postal_code="1-106",
            overseas_code=None,
            website=None,
            email=None,
        ),
        pages=(Page(number=1, name=None),),
        articles=(
            Article(
                id="p1-a1",
                pages=(1,),
                title="技能人才评价制度改革深入推进",
                subtitle="多地开展职业技能等级认定",
                byline="本报记者 高远",
                blocks=(
                    _p("本报讯(记者 高远)记者从人社部门了解到，今年以来各地扎实推进职业技能等级认定工作。", 1),
                    _h("认定范围扩大 评价主体多元", 1),
                    _p("一批龙头企业、院校和社会培训评价组织纳入评价体系。", 1),
                ),
                captions=(Caption(text="图为考评员在现场指导考生操作。", page=1),),
                jumps=(Jump(from_page=1, to_page=2, resolved=False),),
            ),
            Article(
                id="p1-a2",
                pages=(1,),
                title="春风行动助力农民工返岗",
                blocks=(_p("各地组织专车专列，点对点送农民工返岗复工。", 1),),
                jumps=(Jump(from_page=1, to_page=None, resolved=False),),
            ),
        ),
        warnings=(
            Warning(
                code="unresolved-jump",
                message="第1版《技能人才评价制度改革深入推进》下转第2版，但输入中没有第2版",
                page=1,
            ),
            Warning(
                code="unresolved-jump",
                message="第1版《春风行动助力农民工返岗》的转版行没有可读的版次",
                page=1,
            ),
        ),
        provenance=Provenance(
            sources=(SourceFile(name="20240313-p1.md", sha256="ab" * 32, pages=1),),
            version="0.1.0",
        ),
        conservation=Conservation(input_chars=180, output_chars=180, furniture_chars=95),
    )


EXAMPLES: Dict[str, Callable[[], Issue]] = {
    "full": full_issue,
    "minimal": minimal_issue,
    "single_page": single_page_issue,
}
