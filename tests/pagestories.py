"""What the hand-built pages say: a few short stories of 人社 news and the page furniture
around them, in our own wording, and pages composed of them for tests.pagebuilder.

Every page is a header (or masthead), one story across the page's columns, and two stories
side by side under it: enough body text for the page's body size to be plain, few enough
glyphs for a test to stay fast.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Optional, Sequence, Tuple

from tests.pagebuilder import (Grid, Header, Look, Masthead, Sheet, Story, band_rule, column_rule, set_header,
                               set_masthead, set_story)

LEAD = Story(
    title="园区企业招工有了“快车道”",
    paragraphs=(
        "本报讯（记者 林晓）今年以来，东陵市人社部门把稳岗位作为头等大事，先后走访重点企业三百余家，"
        "逐户摸清用工需求，帮助企业招聘各类人员一万二千人。",
        "在城东工业园区的一家电子厂，生产主管告诉记者，过去招工全靠张贴广告，如今通过线上平台发布岗位，"
        "一周就能招满一条生产线所需的人手。",
        "据了解，该市还推出技能培训补贴“直补快办”服务，职工参加培训取得证书后，补贴资金在十个工作日内"
        "直接发放到个人账户。",
        "下一步，东陵市将把服务专员制度推广到全部园区，让企业用工问题随时有人管、马上有人办。",
    ),
)

LEFT = Story(
    title="零工驿站开进社区",
    paragraphs=(
        "每天清晨，南湖社区的零工驿站里就坐满了等活的师傅。驿站工作人员把附近工地和家政公司的用工信息"
        "写在白板上，师傅们看中了就当场登记。",
        "驿站负责人介绍，开站半年来已帮助四百多人次找到零活，人均日收入二百元左右。",
        "为了让师傅们干得放心，驿站还请来律师每周坐班一天，免费解答工钱结算、意外伤害等方面的问题。",
    ),
)

RIGHT = Story(
    title="养老保险经办更便捷",
    byline="本报通讯员 郑和",
    paragraphs=(
        "记者从西岭县社保中心获悉，该县将养老保险关系转移、待遇申领等十二个事项全部纳入网上办理，"
        "群众最多跑一次。",
        "今年一季度，全县网上办理养老保险业务八千余件，平均办理时间由七天缩短为两天。",
        "对不会使用手机的老年人，社保中心在各乡镇便民服务站设立帮办窗口，由工作人员一对一代办。",
    ),
)

PHOTO_STORY = Story(
    title="校企联合培养技工",
    byline="本报记者 韩松",
    caption="学员在实训车间练习数控机床操作。 本报通讯员 孙铭 摄",
    paragraphs=(
        "本报讯（记者 韩松）北川技师学院与本地十六家制造企业签订联合培养协议，学生在校学习理论，"
        "在企业车间练手艺，毕业即可上岗。",
        "学院负责人说，企业师傅每周到校授课两次，课程内容随企业新设备、新工艺及时更新。",
        "首批参加联合培养的二百名学生中，已有一百七十多人提前与企业签订了用工意向。",
    ),
)

FEATURE = Story(
    title="一位老焊工的三十年",
    subtitle="——记省级技能大师工作室领办人陶建国",
    byline="本报记者 许宁",
    paragraphs=(
        "清晨六点半，陶建国已经站在车间的焊台前。三十年来，他带出的徒弟有四十多人，其中六人获得了"
        "高级技师资格。",
        "在他看来，焊工的本事全在手上，“焊缝好不好，用手一摸就知道”。工作室成立以来，他和同事攻克了"
        "薄板焊接变形等十余项难题。",
        "如今，陶建国又把自己的操作要领拍成短视频，供全省各地的年轻焊工随时学习。",
    ),
)

SERIES = ("稳岗扩就业在行动③", "走进技能大师工作室", "社保经办服务提升年", "基层观察")
KICKERS = ("线上平台一周招满一条生产线", "服务专员常驻园区", "东陵市创新用工服务机制", "政策直达企业")

# Inner pages: the header most stories are set under, with its rule.
INNER_HEADER = Header("第3版", "就业", "2024年3月5日 星期二", under_left="责任编辑 周亮")

MASTHEAD = Masthead(
    paper="中国劳动保障报",
    date_lines=("2024年3月", "5", "星期二"),
    issue_line="第7321期 今日8版",
    authority=("中华人民共和国", "人力资源和社会保障部主管"),
    code_lines=(
        "国内统一刊号：CN 11-0873  邮发代号：1-57  国外发行代号：D1234",
        "网址：www.ldbz-news.cn  E-mail：editor@ldbz-news.cn",
    ),
)


FILLER_OPENERS = (
    "记者在采访中了解到，", "据介绍，", "今年以来，", "与此同时，", "在此基础上，", "截至目前，", "另据了解，",
    "值得一提的是，", "从去年开始，", "针对群众反映的问题，", "为进一步提升服务水平，",
)
FILLER_ACTORS = (
    "南岗区人社局", "清河县就业服务中心", "当地社保经办机构", "市劳动保障监察支队", "各乡镇便民服务站",
    "北湾街道", "市人才服务中心", "县总工会", "多家制造企业", "职业技能鉴定所", "区劳动人事争议仲裁院",
    "城西社区",
)
FILLER_ACTIONS = (
    "开通了用工信息线上发布平台", "组织开展了企业薪酬调查", "设立了农民工工资支付专用账户",
    "推行了社保业务“一窗通办”", "举办了直播带岗专场活动", "建立了就业困难人员帮扶台账",
    "开设了免费求职指导课程", "推出了技能提升补贴快办服务", "聘请了专职劳动关系协调员",
    "开展了拖欠工资问题专项检查", "搭建了校企合作对接平台",
)
FILLER_RESULTS = (
    "累计服务群众两万余人次", "帮助一千二百多人实现了就业", "办理时限平均缩短了三个工作日",
    "受到企业和职工的普遍欢迎", "追回被拖欠的工资四百余万元", "参与企业的用工成本明显下降",
    "群众办事满意率达到百分之九十八", "培训合格率保持在九成以上", "劳动争议案件同比下降了一成",
    "新增参保人数超过三千人", "岗位匹配效率进一步提高",
)


def filler(count: int, offset: int) -> Tuple[str, ...]:
    """`count` paragraphs of two sentences each, none the same: the lists' lengths are
    coprime, so the combinations do not repeat over a page."""
    out = []
    for k in range(offset, offset + count):
        sentences = []
        for j in (2 * k, 2 * k + 1):
            sentences.append(FILLER_OPENERS[j % len(FILLER_OPENERS)] + FILLER_ACTORS[j % len(FILLER_ACTORS)]
                             + FILLER_ACTIONS[(j * 5) % len(FILLER_ACTIONS)] + "，"
                             + FILLER_RESULTS[(j * 7) % len(FILLER_RESULTS)] + "。")
        out.append("".join(sentences))
    return tuple(out)


PAGE_RATIO = 1.42
"""Height over width: a broadsheet's proportions (350 x 500 mm)."""


def filled(story: Story, grid: Grid, look: Look, columns: Tuple[int, int], top: float, foot: float,
           filler: Sequence[str]) -> Story:
    """The story with as many of the filler paragraphs added as its columns hold above `foot`."""
    for paragraph in filler:
        longer = replace(story, paragraphs=story.paragraphs + (paragraph,))
        if set_story(Sheet(width=grid.width), grid, longer, look, columns[0], columns[1], top) > foot:
            break
        story = longer
    return story


def compose(grid: Grid, lead: Story, look: Look = Look(), *, header: Optional[Header] = INNER_HEADER,
            masthead: Optional[Masthead] = None, left: Story = LEFT, right: Story = RIGHT,
            side_look: Look = Look()) -> Tuple[bytes, Tuple[Story, ...]]:
    """A page of a paper's proportions: its furniture, `lead` across all columns in `look`,
    `left` and `right` side by side under it in `side_look`, filled down to the foot.
    Returns the PDF and its stories in reading order."""
    height = round(grid.width * PAGE_RATIO)
    sheet = Sheet(width=grid.width, height=height)
    if masthead is not None:
        y = set_masthead(sheet, grid, masthead)
    else:
        y = set_header(sheet, grid, header)
    foot = set_story(sheet, grid, lead, look, 0, grid.columns, y)
    band_rule(sheet, grid, foot + 0.8 * grid.body)
    top = foot + 2 * grid.body
    half = grid.columns // 2
    bottom = height - grid.margin
    # Each story takes its own filler, so no paragraph is printed twice.
    left = filled(left, grid, side_look, (0, half), top, bottom, filler(30, 0))
    right = filled(right, grid, side_look, (half, grid.columns - half), top, bottom, filler(30, 30))
    f1 = set_story(sheet, grid, left, side_look, 0, half, top)
    f2 = set_story(sheet, grid, right, side_look, half, grid.columns - half, top)
    if max(f1, f2) > bottom:
        raise ValueError("the page's stories run past its foot")
    column_rule(sheet, grid, half, top, max(f1, f2))
    return sheet.pdf(), (lead, left, right)


def with_series(story: Story, label: str) -> Story:
    return replace(story, series=label)
