"""Stories and issue furniture for a synthetic issue, from a seeded random generator.

Everything is composed from the phrase banks in tests.synth.banks: same seed, same issue.
Stories are written longer than they will print; the layout cuts them to their boxes.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from laobao_convert.model import Masthead

from tests.synth import banks

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
CN_DIGITS = "〇一二三四五六七八九"
CIRCLED = "①②③④⑤⑥⑦⑧⑨"
PAPER = "中国劳动保障报"
AUTHORITY = ("中华人民共和国", "人力资源和社会保障部主管")
PINYIN = "ZHONGGUO LAODONG BAOZHANG BAO"


def chinese_number(n: int) -> str:
    """1..99 as a page number is printed in words: 二, 十二, 二十."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


@dataclass
class Story:
    """One article as written: headline parts, byline and body, before it is cut to fit."""

    beat: str
    title: str
    series: Optional[str] = None
    kicker: Optional[str] = None
    subtitle: Optional[str] = None
    byline: Optional[str] = None
    blocks: List[Tuple[str, Tuple[str, ...]]] = field(default_factory=list)
    """(type, lines): a paragraph is one line of text; a subhead one or two printed lines."""
    caption: Optional[Tuple[str, ...]] = None
    """Caption lines: the description, then the credit on a line of its own (if any)."""
    dateline: bool = False


@dataclass(frozen=True)
class Furniture:
    masthead: Masthead
    page_names: Tuple[Optional[str], ...]
    editors: Tuple[Optional[str], ...]


class Writer:
    """Composes sentences, paragraphs and stories about one issue's beats."""

    def __init__(self, rng: random.Random, date: datetime.date):
        self.rng = rng
        self.date = date
        self.titles: set = set()
        self.said: set = set()
        self.last_kind = -1

    # -- small pieces -------------------------------------------------------------------
    def name(self) -> str:
        given = "".join(self.rng.choice(banks.GIVEN) for _ in range(self.rng.choice((1, 2, 2))))
        return self.rng.choice(banks.SURNAMES) + given

    def place(self) -> str:
        return self.rng.choice(banks.REGIONS + banks.CITIES)

    def recent_day(self) -> str:
        d = self.date - datetime.timedelta(days=self.rng.randint(1, 12))
        return f"{d.month}月{d.day}日"

    def number(self, unit: str) -> str:
        r = self.rng
        if unit in ("亿人", "万亿元"):
            return f"{r.randint(1, 13)}.{r.randint(1, 9)}"
        if unit == "%":
            return f"{r.randint(60, 99)}.{r.randint(1, 9)}"
        if unit in ("万人", "万个", "万人次", "万户", "万件"):
            return str(r.randint(3, 980)) if r.random() < 0.6 else f"{r.randint(1, 99)}.{r.randint(1, 9)}"
        return str(r.randint(12, 4800))

    # -- sentences ----------------------------------------------------------------------
    def sentence(self, beat: str) -> str:
        r = self.rng
        kind = r.randrange(17)
        while kind == self.last_kind:  # two sentences in a row are never built alike
            kind = r.randrange(17)
        self.last_kind = kind
        return self._sentence(beat, kind)

    def _sentence(self, beat: str, kind: int) -> str:
        r = self.rng
        b = banks.BEATS[beat]
        place = self.place()
        if kind == 0:
            return f"{self.recent_day()}，{place}人社部门{r.choice(b['acts'])}，{r.choice(b['goals'])}。"
        if kind == 1:
            metric, unit = r.choice(b["metrics"])
            months = f"1—{r.randint(2, 11)}月"
            pct = f"{r.randint(1, 19)}.{r.randint(1, 9)}%"
            return f"据统计，{months}，{place}累计{metric}{self.number(unit)}{unit}，同比增长{pct}。"
        if kind == 2:
            who = r.choice((f"{r.choice(banks.CITIES)}求职者{self.name()}", f"企业负责人{self.name()}",
                            f"{place}人社局相关负责人"))
            return f"“{r.choice(b['quotes'])}。”{who}说。"
        if kind == 3:
            a1, a2 = r.sample(b["acts"], 2)
            return f"{self.name()}表示，下一步将{a1}，{a2}，{r.choice(b['goals'])}。"
        if kind == 4:
            a1, a2, a3 = r.sample(b["acts"], 3)
            return f"{place}坚持{r.choice(b['goals'])}，{a1}、{a2}，同时{a3}。"
        if kind == 5:
            metric, unit = r.choice(b["metrics"])
            return f"截至{r.randint(1, 12)}月底，{place}{metric}{self.number(unit)}{unit}。"
        if kind == 6:
            return (f"{place}还开通了{r.randint(2, 30)}条服务热线和线上服务平台，群众通过APP或微信小程序"
                    f"即可办理{r.randint(20, 160)}项业务。")
        if kind == 7:
            return (f"记者在{r.choice(banks.CITIES)}{r.choice(banks.SITES)}看到，"
                    f"{r.choice(banks.CAPTION_SCENES)}，现场秩序井然。")
        if kind == 8:
            return f"为了{r.choice(b['goals']).lstrip('为')}，各地{r.choice(b['acts'])}，取得了明显成效。"
        if kind == 9:
            return (f"{place}{r.choice(banks.SITES)}负责人介绍，今年以来，当地{r.choice(b['acts'])}，"
                    f"累计服务{r.randint(2, 95)}.{r.randint(1, 9)}万人次。")
        if kind == 10:
            return f"“{r.choice(b['quotes'])}。”在{r.choice(banks.CITIES)}{r.choice(banks.SITES)}，{self.name()}告诉记者。"
        if kind == 11:
            return (f"据了解，{place}已建成{r.randint(12, 900)}个{r.choice(banks.FACILITIES)}，"
                    f"实现{r.choice(('县乡', '城乡社区', '重点园区', '街道'))}全覆盖。")
        if kind == 12:
            year = int(self.date.year) + r.randint(1, 3)
            return f"《{r.choice(banks.DOCS)}》明确提出，到{year}年，{r.choice(b['goals'])}。"
        if kind == 13:
            return f"此外，{place}还{r.choice(b['acts'])}，{r.choice(banks.RESULTS)}。"
        if kind == 14:
            return f"与此同时，{r.choice(b['acts'])}，进一步{r.choice(b['goals']).lstrip('为')}。"
        if kind == 15:
            age = r.randint(21, 56)
            return (f"今年{age}岁的{self.name()}是{r.choice(banks.CITIES)}{r.choice(banks.WORKERS)}，"
                    f"{r.choice(banks.WORKER_STORIES)}。")
        a1 = r.choice(b["acts"])
        return f"{place}把{a1}作为重点工作，{r.choice(banks.RESULTS)}。"

    def paragraph(self, beat: str, low: int = 60, high: int = 220) -> str:
        target = self.rng.randint(low, high)
        text = ""
        while len(text) < target:
            for _ in range(6):  # a story does not say the same sentence twice
                sentence = self.sentence(beat)
                if sentence not in self.said:
                    break
            self.said.add(sentence)
            text += sentence
        return text

    def dateline(self) -> str:
        r = self.rng
        day = self.date - datetime.timedelta(days=1)
        form = r.randrange(3)
        if form == 0:
            return f"本报讯(记者 {self.name()})"
        if form == 1:
            return f"本报讯 记者{self.name()}报道 "
        city = r.choice(("北京", "上海", "重庆", "广州", "成都"))
        return f"新华社{city}{day.month}月{day.day}日电 "

    def byline(self) -> Optional[str]:
        r = self.rng
        form = r.randrange(5)
        if form == 0:
            return f"本报记者 {self.name()}"
        if form == 1:
            return f"本报记者 {self.name()} 通讯员 {self.name()}"
        if form == 2:
            return f"本报通讯员 {self.name()}"
        if form == 3:
            return f"{r.choice(banks.REGIONS)}{r.choice(banks.POSTS)} {self.name()}"
        return None

    def caption(self) -> Tuple[str, ...]:
        r = self.rng
        scene = f"{r.choice(banks.CITIES)}{r.choice(banks.CAPTION_SCENES)}"
        if r.random() < 0.4:
            lines = (f"图为{scene}。",)
        else:
            lines = (f"{self.recent_day()}，{scene}。",)
        if r.random() < 0.8:
            credit = r.choice(("本报记者", "通讯员", "新华社记者"))
            lines += (f"{credit} {self.name()} 摄",)
        return lines

    def subhead(self, beat: str, used: set) -> Optional[Tuple[str, ...]]:
        r = self.rng
        left = [s for s in banks.BEATS[beat]["subheads"] if s not in used]
        if not left:
            return None
        first = r.choice(left)
        used.add(first)
        if r.random() < 0.35:
            metric, unit = r.choice(banks.BEATS[beat]["metrics"])
            second = f"{metric}{self.number(unit)}{unit}"
            if len(second) <= 12:  # a subhead line never wraps in a column
                return (first, second)
        return (first,)

    # -- stories ------------------------------------------------------------------------
    def story(self, form: str, chars: int, with_caption: bool, subheads: float = 0.18) -> Story:
        """A story of about `chars` body characters; form picks the headline structure."""
        r = self.rng
        beat = r.choice(sorted(banks.BEATS))
        b = banks.BEATS[beat]
        title = r.choice(b["titles"])
        # Titles are unique within an issue, as an editor would have them.
        while title in self.titles:
            title = f"{r.choice(banks.REGIONS)[:-1]}{r.choice(b['titles'])}"
        self.titles.add(title)
        st = Story(beat=beat, title=title)
        if form == "kicker":
            st.kicker = r.choice(banks.EVENT_KICKERS).format(
                place=r.choice(banks.REGIONS), quarter=r.choice(("一季度", "二季度", "三季度")),
                n=r.randint(1, 3))
        elif form == "subtitle":
            if r.random() < 0.6:
                st.subtitle = r.choice(banks.SUBTITLES).format(
                    place=r.choice(banks.CITIES)[:-1], what=r.choice(banks.SUBTITLE_WHATS))
            else:
                st.subtitle = r.choice(banks.SHORT_SUBTITLES).format(n=r.randint(3, 90))
        elif form == "series":
            st.series = r.choice(banks.SERIES) + r.choice(CIRCLED)
            st.byline = f"{r.choice(banks.REGIONS)}{r.choice(banks.POSTS)} {self.name()}"
        if form != "series":
            if r.random() < 0.45:
                st.dateline = True
            else:
                st.byline = self.byline()
        body = 0
        first = True
        used: set = set()
        while body < chars:
            sub = self.subhead(beat, used) if not first and body > 150 and r.random() < subheads else None
            if sub:
                st.blocks.append(("subhead", sub))
                body += sum(len(s) for s in sub)
            text = self.paragraph(beat)
            if first and st.dateline:
                while text[0] in "“《":  # a dateline runs straight into plain text
                    text = self.paragraph(beat)
                text = self.dateline() + text
            first = False
            st.blocks.append(("paragraph", (text,)))
            body += len(text)
        if with_caption:
            st.caption = self.caption()
        return st


def furniture(rng: random.Random, pages: int) -> Furniture:
    """Masthead and page headers: realistic values, different per seed."""
    start = datetime.date(2019, 1, 1)
    while True:
        date = start + datetime.timedelta(days=rng.randint(0, 7 * 365))
        if date.weekday() < 5:
            break
    domain = rng.choice(("ldbzb-news", "labourdaily", "clssnews", "rsbzb", "ldbz-e"))
    tld = rng.choice((".cn", ".com.cn", ".com"))
    masthead = Masthead(
        paper=PAPER,
        date=date.isoformat(),
        weekday=WEEKDAYS[date.weekday()],
        issue_number=rng.randint(5200, 8600),
        page_count=pages,
        authority="".join(AUTHORITY),
        cn=f"CN 11-{rng.randint(30, 99):04d}",
        postal_code=f"{rng.randint(1, 9)}-{rng.randint(101, 899)}",
        overseas_code=f"{rng.randint(1, 9):02d}-{rng.randint(101, 899)}{rng.choice(('WR', 'D', 'M', 'W'))}",
        website=f"www.{domain}{tld}",
        email=f"{rng.choice(('news', 'ldbz', 'editor', 'tougao'))}@{domain}{tld}",
    )
    names: List[Optional[str]] = [None]
    pool = list(banks.PAGE_NAMES)
    rng.shuffle(pool)
    names += [("要闻" if i == 0 and rng.random() < 0.3 else pool[i % len(pool)]) for i in range(pages - 1)]
    w = Writer(rng, date)
    editors: List[Optional[str]] = [None]
    for _ in range(pages - 1):
        name = w.name()
        if len(name) == 2 and rng.random() < 0.5:
            name = name[0] + " " + name[1]  # papers pad two-character names to three cells
        editors.append(name)
    return Furniture(masthead=masthead, page_names=tuple(names), editors=tuple(editors))
