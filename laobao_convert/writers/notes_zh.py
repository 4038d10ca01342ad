"""The conversion notes (转换说明) as a book's reader reads them: in Chinese.

Warnings are English in the model and on the command line (where they are logged and
searched); inside the book they speak the book's language. Each code has its sentence; what a
message quotes from the paper (《headline》, 「text」, “jump line”) is carried over, since that
is what a reader looks for in the text. A message already in Chinese is kept. A code without a sentence here keeps its English
message after a Chinese lead, so nothing a reader should know is lost.
"""

from __future__ import annotations

import re
from typing import Optional, Tuple

from laobao_convert.model import Issue, Warning

_LATIN = re.compile(r"[A-Za-z]{2}")
_QUOTED = re.compile(r"《[^》]{1,80}》|「[^」]{1,80}」|“[^”]{1,80}”")

_SENTENCES = {
    "unresolved-jump": "文章{quoted}转版，但在所转的版面未找到续文，此处文章不全",
    "orphan-continuation": "续文{quoted}未找到开头，单独收录",
    "no-headline": "一篇文章未找到标题，标题空缺",
    "cut-text": "文章{quoted}在句中结束，其余文字可能被提取工具排进了别的文章，请对照版面",
    "runs-on": "页首没有标题、也没有“上接”的文字紧接上一页页末的文字，已与之合为一篇",
    "duplicate-page": "本版在输入中重复出现，重复的一份未收录",
    "masthead-leftover": "报头中有文字未能识别为任何栏目{quoted}，保留在报头中，未收入文章",
    "impossible-date": "印刷的日期{quoted}不是日历上的日期，未采用",
    "conservation": "输入与输出的字数对不上，可能有文字遗漏",
    "unrecognised-furniture": "有文字被归为版面附属内容，但不像其类别{quoted}，未收入文章",
    "dropped-text": "有无法识别的字形被略去",
    "unreadable-page": "本页没有文字层，已跳过",
}


def page_numbers_text(numbers: Tuple[int, ...]) -> str:
    return "、".join(str(n) for n in numbers)


def coverage(issue: Issue) -> str:
    """收录第1版，共8版 for an issue holding fewer pages than its masthead announces; else ''."""
    announced = issue.masthead.page_count
    held = tuple(sorted({p.number for p in issue.pages}))
    if not announced or len(held) >= announced:
        return ""
    return f"收录第{page_numbers_text(held)}版，共{announced}版" if held else f"共{announced}版，未收录任何一版"


def where(page: Optional[int]) -> str:
    return f"第{page}版：" if page is not None else ""


def note(warning: Warning, issue: Issue) -> str:
    """One warning as a sentence in Chinese."""
    if warning.code == "missing-pages":
        text = coverage(issue) or "本期版面不全"
        return text + "，其余版面未收录"
    if not _LATIN.search(warning.message):
        return warning.message  # already in the book's language
    quoted = "".join(_QUOTED.findall(warning.message))
    sentence = _SENTENCES.get(warning.code)
    if sentence is None:
        return f"{where(warning.page)}转换时发现问题（{warning.code}）：{warning.message}"
    return where(warning.page) + sentence.format(quoted=quoted)
