"""Newspaper vocabulary: every spelling the parser recognises, in one place.

Jump lines, byline forms, caption endings, page names, masthead labels, headline cues. Rules
import these patterns and word lists; none of them spells a newspaper word of its own. Lists
are open: add a spelling here and every rule (and every reader) learns it.
"""

from __future__ import annotations

import re
from typing import Optional

# --- numbers ----------------------------------------------------------------------------

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
CN_NUMERAL = r"[零〇一二两三四五六七八九十百]+"
PAGE_NUMBER = r"(?:[A-Da-dＡ-Ｄ]?[0-9０-９]{1,3}|[零〇一二两三四五六七八九十]+)"
"""A page number as papers print it: 2, ０２, 二, 十二, lettered A2."""


def to_int(text: str) -> Optional[int]:
    """Arabic (half/full-width), Chinese numerals up to 999 and lettered pages (A2 -> 2)."""
    text = text.strip().translate(_FULLWIDTH_DIGITS).lstrip("ABCDabcdＡＢＣＤ")
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

# --- punctuation --------------------------------------------------------------------------

SENTENCE_END = "。！？!?…；;：:"
"""A paragraph whose text ends in one of these may end there (a colon introduces a list)."""
CLOSERS = "”’」』）)】》\"'"
"""Closing quotes/brackets: they end a paragraph only right after a SENTENCE_END mark."""
INNER_PUNCT = "，。！？；：、,!?;:"
"""Sentence punctuation: a subhead, title or byline line has none of these."""

# --- jumps (转版) -------------------------------------------------------------------------

_OPEN = r"[（(〔【\[]"
_CLOSE = r"[）)〕】\]]"


def _out_core(group: str) -> str:
    return rf"(?:下转|转(?=第|\s*[0-9０-９A-DＡ-Ｄ]))\s*(?:第\s*)?(?P<{group}>{PAGE_NUMBER})\s*(?:版|页)?"


def _in_core(group: str) -> str:
    return rf"(?:上接|接(?=第|\s*[0-9０-９A-DＡ-Ｄ]))\s*(?:第\s*)?(?P<{group}>{PAGE_NUMBER})\s*(?:版|页)?"


def _jump(core) -> "re.Pattern[str]":
    # Bracketed, or bare with 第…版 / …版 so that prose (转发, 转岗, 转2个) never matches.
    return re.compile(rf"{_OPEN}\s*{core('page')}\s*{_CLOSE}|(?<![\u4e00-\u9fff]){core('bare')}(?<=版)")


def jump_page(match: "re.Match[str]") -> Optional[int]:
    """The page a JUMP_* match names."""
    groups = match.groupdict()
    return to_int(groups.get("page") or groups.get("bare") or "")


JUMP_OUT = _jump(_out_core)
"""(下转第二版) （下转第2版） 下转2版 转第四版 (转A2版) — matched as a whole line or at a paragraph's end."""
JUMP_IN = _jump(_in_core)
"""(上接第一版) （上接1版） 上接第一版 — a whole line, or at a continuation's very start."""
JUMP_IN_BARE = re.compile(rf"^\s*{_in_core('page')}\s*$")
"""上接第一版 / 上接1 alone on a line (no 版 needed when it is the whole line)."""
JUMP_OUT_BARE = re.compile(rf"^\s*(?:下转)\s*(?:第\s*)?(?P<page>{PAGE_NUMBER})\s*(?:版|页)?\s*$")

# --- masthead (报头) ------------------------------------------------------------------------
# Patterns below are matched on text folded to half width (Ｅ－ｍａｉｌ -> E-mail, １－１０６ -> 1-106,
# ： -> :), so each spells the half-width form only.

PAPER_NAME = re.compile(r"^\s*(?:#+\s*)?(?P<name>[\u4e00-\u9fff]{2,12}(?:报|日报|晚报|时报))\s*$")
_CN_YEAR = r"[〇零一二三四五六七八九]{4}"
_CN_MONTH_DAY = r"[一二三四五六七八九十]{1,3}"
MASTHEAD_DATE = re.compile(
    rf"(?P<y>\d{{4}}|{_CN_YEAR})\s*年\s*(?P<m>\d{{1,2}}|{_CN_MONTH_DAY})\s*月"
    rf"(?:\s*(?P<d>\d{{1,2}}|{_CN_MONTH_DAY})\s*日?)?")
"""2024年4月24日, 2024年4月 (its day on the next line), 二〇二四年四月二十四日."""
DAY_ONLY = re.compile(r"^\s*(?P<d>\d{1,2})\s*日?\s*$")
WEEKDAY = re.compile(r"星期[一二三四五六日天]|周[一二三四五六日天]|礼拜[一二三四五六日天]")
ISSUE_NUMBER = re.compile(r"(?<!总)第\s*(?P<n>\d+)\s*期")
TOTAL_ISSUE = re.compile(r"[(\[]?\s*总\s*第?\s*(?P<n>\d+)\s*期\s*[)\]]?")
"""总第8000期, (总第8000期): the count since the paper's first issue."""
PAGE_COUNT = re.compile(r"(?:(?:今日|今天|本期|本日)\s*(?:出版|共)?|共)\s*(?P<n>\d+|" + CN_NUMERAL + r")\s*个?\s*版")
"""今日8版, 今日出版8版, 今日8个版, 本期共12版."""
_GANZHI = r"[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]"
_LUNAR_MONTH = r"闰?(?:十[一二]?|[正一二三四五六七八九冬腊])月"
_LUNAR_DAY = r"(?:初[一二三四五六七八九十]|二十[一二三四五六七八九]?|廿[一二三四五六七八九]|三十|十[一二三四五六七八九]?)"
_ZODIAC = r"(?:\s*[(][鼠牛虎兔龙蛇马羊猴鸡狗猪][)])?"
LUNAR_DATE = re.compile(
    rf"农历\s*(?:{_GANZHI}{_ZODIAC}\s*年)?\s*(?:{_LUNAR_MONTH}\s*{_LUNAR_DAY}?)?"
    rf"|{_GANZHI}{_ZODIAC}\s*年\s*(?:{_LUNAR_MONTH}\s*{_LUNAR_DAY}?)?")
"""农历甲辰年三月十六, 农历三月十六, 甲辰年三月十六, 甲辰(龙)年."""
AUTHORITY_HEAD = re.compile(r"^\s*中华人民共和国\s*$")
"""The authority's first line, set apart from the rest (…部主管) by the extraction."""
PINYIN = re.compile(r"^\s*[A-Z]{2,}(?:\s+[A-Z]{2,})*\s*$")
"""The paper's name in capitals (ZHONGGUO LAODONG BAOZHANG BAO), whole or word by word."""
ORGANISATION_ROLES = {"主管": "authority", "主办": "sponsor", "出版": "publisher"}
"""What a body does for the paper, and the masthead field that names it."""
_ROLE = r"(?P<role>主管|主办|出版)"
ORGANISATION_SUFFIXED = re.compile(r"(?P<body>[\u4e00-\u9fff()、](?:[\u4e00-\u9fff()、]|\s(?=[\u4e00-\u9fff])){1,30}?)\s*" + _ROLE)
"""中华人民共和国人力资源和社会保障部主管 (its two lines may come joined by a space),
中国劳动保障报社主办."""
ORGANISATION_LABELLED = re.compile(_ROLE + r"(?:单位)?\s*:\s*(?P<body>[\u4e00-\u9fff()、]{2,30})")
"""主办: 中国劳动保障报社, 主管单位: …."""

MASTHEAD_LABELS = (
    ("cn", r"国内统一连续出版物号|国内统一刊号|统一刊号|国内刊号|刊号"),
    ("issn", r"国际标准连续出版物号|国际标准刊号|国际刊号|ISSN"),
    ("postal_code", r"邮发代号|邮局代号|邮发"),
    ("overseas_code", r"国外总发行代号|国外发行代号|海外发行代号|国外代号"),
    ("website", r"网站地址|网址|网站|网络版|Website|Web|URL"),
    ("email", r"电子信箱|电子邮箱|电子邮件|电邮|邮箱|信箱|E-?mail"),
    ("phone", r"新闻热线|报料热线|读者热线|服务热线|热线电话|联系电话|电话|热线|Tel"),
)
"""The labelled fields of the masthead's small print, each with its spellings (longest first)."""
_CODE = r"[A-Za-z0-9]+(?:\s*-\s*[A-Za-z0-9]+)*"
MASTHEAD_VALUES = {
    "cn": r"(?:CN\s*)?(?P<v>\d{2}\s*-\s*\d{4}(?:\s*/\s*[A-Z]{1,2})?)",
    "issn": r"(?:ISSN\s*)?(?P<v>\d{4}\s*-\s*\d{3}[\dX])",
    "postal_code": rf"(?P<v>{_CODE})",
    "overseas_code": rf"(?P<v>{_CODE})",
    "website": r"(?P<v>(?:https?://)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/[A-Za-z0-9./?=&%#_~-]*)?)",
    "email": r"(?P<v>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)",
    "phone": r"(?P<v>[0-9(+][0-9()+ -]{4,}[0-9])",
}
"""What each label's value looks like (folded to half width)."""
MASTHEAD_UNLABELLED = {
    "cn": re.compile(r"(?<![A-Za-z])CN\s*(?P<v>\d{2}\s*-\s*\d{4}(?:\s*/\s*[A-Z]{1,2})?)"),
    "issn": re.compile(r"(?<![A-Za-z])ISSN\s*(?P<v>\d{4}\s*-\s*\d{3}[\dX])"),
    "email": re.compile(r"(?P<v>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)"),
    "website": re.compile(r"(?P<v>(?:https?://|www\.)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/[A-Za-z0-9./?=&%#_~-]*)?)"),
}
"""Values that say what they are without a label (CN 11-0022, an e-mail address, www.…)."""
CN_NUMBER_ONLY = re.compile(r"^\s*(?:CN\s*)?(?P<v>\d{2}\s*-\s*\d{4}(?:/[A-Z]+)?)\s*$")
"""The CN number broken off its label (…出版物号:CN / 11-0022)."""
MASTHEAD_OTHER_LABEL = re.compile(r"[\u4e00-\u9fff]{2,8}\s*:\s*[^\s:]{1,40}")
"""A label and value the masthead prints but no field holds (广告许可证: …): reported, not read."""

# --- inner-page header (报眉) --------------------------------------------------------------

HEADER_DATE = re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
HEADER_DATE_DOTTED = re.compile(r"(?<!\d)(?P<y>\d{4})[.\-/](?P<m>\d{1,2})[.\-/](?P<d>\d{1,2})(?!\d)")
HEADER_PAGE = re.compile(rf"(?<![\u4e00-\u9fff])(?:第\s*(?P<n>{PAGE_NUMBER})\s*版|(?<![\w.])(?P<bare>[A-D]?\d{{1,2}})\s*版)(?=[\s|｜·•/:：]|$)")
HEADER_BARE_NUMBER = re.compile(r"^\s*(?P<n>[A-D]?0?\d{1,2})\s*$")
"""A page number alone: 2, 02, A2, B12 (matched on text folded to half width)."""
EDITOR_LABELS = r"(?:本版责编|本版(?:责任)?编辑|责任编辑|责编|(?<![\u4e00-\u9fff])编辑)"
"""责任编辑 and its shorter forms; a bare 编辑 only as a word of its own (not 美术编辑)."""
OTHER_STAFF = r"(?:美编|美术编辑|版式设计|版式|校对|组版|电话|E-?mail|邮箱|图片编辑|见习编辑|摄影)"
HEADER_EDITOR = re.compile(
    EDITOR_LABELS + r"\s*[:：]?\s*(?P<name>[\u4e00-\u9fff](?:\s[\u4e00-\u9fff](?![\u4e00-\u9fff])|[\u4e00-\u9fff·]{1,5}?))"
    r"(?=\s|$|[,，、|｜]|" + OTHER_STAFF + r")"
)
"""责任编辑 王五, 责编：李四, 本版编辑 杨 旭 (a two-character name spaced out), 责任编辑王五美编赵六."""
HEADER_STAFF = re.compile(OTHER_STAFF + r"\s*[:：]?\s*[\w@.\-·()（）]+(?:\s[\u4e00-\u9fff](?![\u4e00-\u9fff]))?", re.I)
STAFF_ALONE = re.compile(r"^\s*" + OTHER_STAFF + r"\s*[:：]?\s*$", re.I)
"""A staff label whose name the extraction set on a line of its own (美术编辑 / 郭骏鹏)."""
PAGE_NAMES = (
    "要闻", "综合新闻", "综合", "新闻", "就业", "社会保障", "社保", "人才", "人才人事", "劳动关系",
    "维权", "权益", "职业能力", "技能", "人事", "地方", "专题", "理论", "评论", "副刊", "文化",
    "视点", "观察", "调查", "服务", "法治", "特别报道", "国际", "经济", "民生", "广告", "公告",
    "基层", "人事人才", "政策", "读者",
)
"""版名 seen or likely; a header also accepts an unknown short name."""

# --- boxes (导读 / 要目) --------------------------------------------------------------------

BOX_TITLE = re.compile(r"^\s*(?:#+\s*)?(?:今日|本期|本报)?(?:导读|要目|目录)\s*$")
BOX_ITEM = re.compile(
    rf"^(?P<title>\S.{{1,40}}?)\s*(?:[.…·—\-]{{2,}}|\s)\s*[（(]?\s*(?:第\s*)?(?P<page>{PAGE_NUMBER})\s*版\s*[)）]?\s*$"
)
"""`标题……3版`, `标题 第3版`, `标题（2版）`: a headline with the page it is on."""
BOX_LEADER_ITEM = re.compile(
    rf"^(?P<title>.*?)\s*[.…·]{{2,}}\s*[（(]?\s*(?:第\s*)?(?P<page>{PAGE_NUMBER})\s*(?P<unit>版)?\s*[)）]?\s*$"
)
"""An item line with dot leaders (`标题 …… 3版`); a narrow box may wrap the title onto the
line above and the closing 版 onto the line below (`标题 …… 3` / `版`)."""
BOX_PAGE_WORD = re.compile(r"^\s*版\s*[)）]?\s*$")
"""The 版 of a box item, wrapped onto a line of its own."""
BOX_REF_ALONE = re.compile(rf"^\s*[（(]?\s*(?:第\s*)?{PAGE_NUMBER}\s*版\s*[)）]?\s*$")
"""A box item's page reference on a line of its own (`2版`, `（第3版）`)."""
BOX_REF_CUT = re.compile(rf"^(?P<title>\S.*?)\s*[（(]\s*(?:第\s*)?(?P<page>{PAGE_NUMBER})\s*$")
"""A box item cut inside its reference (`标题 （2`), its 版） set on a line elsewhere."""

# --- headline ------------------------------------------------------------------------------

SERIES_LABEL = re.compile(
    r"(?:[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]|[（(][一二三四五六七八九十\d]+[)）]|之[一二三四五六七八九十\d]+)\s*$"
    r"|^(?:专栏|栏目)[:：]|^[【〔].+[】〕]$"
)
"""A series (栏目) label: numbered (…②, …（三）, …之二) or bracketed (【一线观察】)."""
SUBTITLE_START = re.compile(r"^\s*(?:——|—|－－|--)")

# --- bylines, datelines, captions ---------------------------------------------------------

_NAME = r"[\u4e00-\u9fff·]{1,4}(?:\s[\u4e00-\u9fff]{1,2})?"
_REPORTER = r"(?:本报|新华社|人民日报|中新社|央视|特约)?(?:首席)?(?:记者|通讯员|评论员|实习生|特约记者|见习记者|撰稿人)"
BYLINE = re.compile(
    rf"^\s*[□■◎●▲]?\s*(?:{_REPORTER}\s*{_NAME}(?:\s*[、,，]\s*{_NAME})*\s*)+$"
    rf"|^\s*(?:文|图|文/图|文图|作者)\s*[/／:：|]\s*.{{1,20}}$"
)
"""本报记者 游朔 / 记者 X 通讯员 Y / 本报通讯员 X / 文/图 X."""
REPORTER_LABEL = re.compile(rf"^\s*[□■◎●▲]?\s*{_REPORTER}\s*$")
"""A reporter label whose name the extraction set apart (本报记者 / 邵丽)."""
PERSON_NAME = re.compile(r"^\s*[\u4e00-\u9fff](?:[\u4e00-\u9fff]{1,3}|\s[\u4e00-\u9fff])\s*$")
"""A person's name standing alone: two to four characters (two-character names may be set
with a space inside, 杨 旭)."""
POST_TITLES = ("书记", "局长", "厅长", "部长", "主任", "院长", "所长", "司长", "处长", "主席",
               "会长", "理事长", "教授", "研究员", "总经理", "董事长", "校长", "委员", "专家",
               "负责人", "检察长", "庭长", "市长", "省长", "区长", "县长", "镇长", "秘书长")
AUTHOR_LINE = re.compile(r"^\s*(?P<post>[\u4e00-\u9fff、()（）]{2,40})\s+(?P<name>[\u4e00-\u9fff·]{2,4}(?:\s[\u4e00-\u9fff])?)\s*$")
"""An author with a post title: 天津市人力资源和社会保障局党组书记、局长 沈超."""
DATELINE = re.compile(r"^\s*(?:本报讯|本报[\u4e00-\u9fff\d]{0,10}电|[\u4e00-\u9fff]{2,4}社[\u4e00-\u9fff]{0,6}\d{1,2}月\d{1,2}日电)")
DATELINE_WHOLE = re.compile(r"^\s*(?:本报[\u4e00-\u9fff\d]{0,10}电|[\u4e00-\u9fff]{2,4}社[\u4e00-\u9fff]{0,6}\d{1,2}月\d{1,2}日电)"
                            r"(?:\s*[（(][^）)]*[）)])?\s*$")
"""A dateline that fills its line alone (新华社武汉4月9日电, 本报北京4月9日电（记者 X）)."""
CAPTION_CREDIT = re.compile(
    rf"(?:(?:{_REPORTER}|摄影)\s*{_NAME}(?:\s*[、,，]\s*{_NAME})*\s*摄"
    rf"|(?:^|\s|[(（]){_NAME}(?:\s*[、,，]\s*{_NAME})*\s+摄|摄影\s*[:：/]\s*\S{{1,8}}|(?:\s|[(（]|^)\S{{0,8}}供图|资料图(?:片)?)"
    r"\s*[)）]?\s*$"
)
"""A caption's last words: 新华社记者 王晔 摄, 本报记者 X 摄, 通讯员 X 摄, X 供图, 资料图."""
PHOTO_CREDIT = re.compile(
    rf"(?:{_REPORTER}\s*{_NAME}(?:\s*[、,，]\s*{_NAME})*\s*摄(?:影)?"
    rf"|摄影\s*[:：/]?\s*{_NAME}(?:\s*[、,，]\s*{_NAME})*"
    rf"|(?:新华社|中新社|人民日报|人民图片|视觉中国|央视)(?:记者\s*{_NAME}\s*)?发"
    r"|图片来源\s*[:：][^\n]{1,40}"
    r"|(?<![\u4e00-\u9fff·])[\u4e00-\u9fff·]{2,4}(?:\s*[、,，]\s*[\u4e00-\u9fff·]{2,4})*\s+摄"
    r"|[^\s，。；！？、：:（(]{1,12}供图|资料图(?:片)?)"
    r"\s*[)）]?\s*$"
)
"""The credit a caption ends in, to be set apart from it: 新华社记者 王晔 摄, 本报记者 X 摄,
通讯员 X 摄, 新华社发, 图片来源：…, X 供图, 资料图片. (CAPTION_CREDIT decides what is a caption;
this one, wider, only where its credit starts.)"""
CAPTION_SCENE = re.compile(r"^\s*\d{1,2}月\d{1,2}日[，,][^。！？“”\"，,；;]{4,40}。\s*$")
"""A credit-less caption: one short sentence saying when and what (7月7日，…办理业务。)."""
CAPTION_SCENE_OPENING = re.compile(r"^\s*(?:\d{1,2}月\d{1,2}日|近日|日前)[，,]")
"""How a caption naming its photo's scene opens (近日，…; 3月6日，…), wrapped over lines
down to its credit."""
CAPTION_START = re.compile(r"^\s*(?:图为|上图|下图|左图|右图|图[一二三四五\d]\s*[:：])")

# --- headline parts in flattened text (引题 / 主题 / 副题) --------------------------------

_KICKER_ACTS = (r"召开|举行|举办|部署|启动|出台|印发|发布|主持|出席|会见|考察|调研|看望|慰问|致信|回信"
                r"|签署|开幕|闭幕|落幕|收官|展开")
KICKER_CUE = re.compile(
    r"(?:强调|指出|表示|要求|寄语|批示|指示|讲话|致辞|会议|座谈会|发布会|推进会|工作会|大会|论坛|峰会"
    r"|仪式|典礼|揭晓|全面展开|" + _KICKER_ACTS + r")$"
    r"|^[^\s，,。]{2,}?(?:" + _KICKER_ACTS + r")"
)
"""A kicker (引题) is a whole clause saying who did what: it ends in a speech verb or an
event (…强调, …发布会, …举行), or names an actor before an act (某省部署…, 人社部启动…). A
title half is an imperative without its actor (持续开展…, 扩大…覆盖面): no cue."""


# --- furniture recognition (what text filed as page furniture must look like) --------------

PROSE_END = "。！？!?；;"
"""Sentence ends: furniture (a header, a footer field, a 导读 item, a repeated headline) has
none of these; a paragraph of prose has."""
AUTHORITY = re.compile(r"(?:中华人民共和国)?[\u4e00-\u9fff]{2,30}(?:主管|主办|出版)")
"""The supervising body line of a masthead (…部主管, …主办)."""
FOOTER_LABEL = (r"(?:社址|本报地址|地址|邮编|邮政编码|总编室|编辑部|发行部|广告部|新闻热线|值班电话|订阅电话|"
                r"电话|传真|广告经营许可证|广告许可证|印刷|承印|定价|零售价|零售|月价|年价|本报法律顾问)")
FOOTER_FIELD = re.compile(FOOTER_LABEL + r"\s*[:：]")
"""A footer field's label (社址：, 邮编：, 印刷：, 定价：): a footer is a run of such fields."""
FOLIO = re.compile(r"^\s*(?:第\s*\d{1,4}\s*页|[-－—–]\s*\d{1,4}\s*[-－—–]|\d{1,4}|第\s*\d{1,4}\s*页\s*/\s*共\s*\d{1,4}\s*页)\s*$")
"""A print's page number set alone at the foot: 第165页, - 3 -, 3, 第3页/共8页."""
FOOTER_ANCHOR = re.compile(r"(?:社址|本报地址)\s*[:：]")
"""Only a footer prints the paper's own address."""
FIELD_LABEL = re.compile(r"[\u4e00-\u9fffA-Za-z]{2,10}\s*[:：]")
"""Any short label with a colon, as a footer sets its less common fields (总编室：)."""
BOX_REF = rf"(?:[（(]\s*(?:第\s*)?{PAGE_NUMBER}\s*版\s*[)）]|第\s*{PAGE_NUMBER}\s*版|{PAGE_NUMBER}\s*版)"
"""The page a 导读 item points to: (2版), 第3版, 3版."""
BOX_ENTRY = re.compile(rf"(?P<title>[^\s{re.escape(PROSE_END)}][^{re.escape(PROSE_END)}]*?)\s*(?:[.…·]{{2,}})?\s*{BOX_REF}\s*")
"""One 导读 item, its title and page perhaps on separate lines (joined), or several run
together: matched repeatedly over the box's text."""
BOX_CROSS_REF = re.compile(r"(?:见|详见|转|接)\s*$")
"""A title part ending so is a cross-reference in an article (相关报道见第3版), not an item."""
NOTICE_TITLE = re.compile(r"征订启事|订阅启事|欢迎订阅|订阅须知|^\s*广\s*告\s*$")
"""What opens an advert or a subscription notice: 《…报》征订启事, 欢迎订阅《…报》, a lone 广告."""
NOTICE_FIELD = re.compile(r"(?:邮发代号|全年定价|半年定价|季度定价|定价|发行热线|订阅热线|订阅电话|征订电话|"
                          r"广告热线|广告电话|服务热线)\s*[:：]")
"""A subscription notice's or an advert's field (label: value)."""
NOTICE_SOLE_FIELD = re.compile(r"^\s*(?:邮发代号|全年定价|发行热线|订阅热线|订阅电话|征订电话|广告热线)\s*[:：]")
"""A notice field that says what it is even set apart from its notice (定价 alone does not:
a book's price in a review is article text)."""
NOTICE_PHRASE = re.compile(r"均可订阅|邮局订阅|欢迎订阅|扫码订阅|订阅方式|订阅热线|征订")
"""A notice's line without a label (全国各地邮局均可订阅)."""
NOTICE_STRAY = re.compile(r"均可订阅|邮局订阅|扫码订阅|订阅方式")
"""A notice's unlabelled line that says what it is set apart from its title, as news about
subscribing (报刊征订工作启动) does not."""
