"""One masthead line read field by field: what it says, and what is left over.

A masthead line may carry one field or several (`国内统一刊号:CN 11-0022  邮发代号:1-106`,
`2024年4月24日 星期三 农历甲辰年三月十六 第7154期(总第8000期) 今日8版`), in half- or
full-width characters, with or without colons. `read_line` takes every field it knows out of
the line and says what remains; the rule decides from that whether the line is masthead at
all (a line of prose that happens to hold a date or an address is not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from laobao_convert import vocabulary as V

_WIDE = {0x3000: " ", 0x2010: "-", 0x2011: "-", 0x2012: "-", 0x2013: "-", 0x2212: "-"}
_WIDE.update({c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)})
_FOLD = str.maketrans(_WIDE)
_GONE = "\0"
"""Marks characters already read: no later pattern can match across or into them."""
_LEFTOVER_PER_FIELD = 8
"""Unread characters a labelled field may bring along (a slogan, a stray word) before the line
reads as text that merely mentions an address: a sentence of prose is longer."""
_SEPARATORS = re.compile(r"[\s|·•・/,、;:*★☆●■◆▲◇○\-]+")
_SENTENCE = re.compile(r"[，。！？；]")


def _label(spelling: str) -> str:
    # A label starts a word: 热线 in 发行热线 or Web in webmaster@… is no label.
    before = r"(?<![A-Za-z0-9.@_-])" if spelling[0].isascii() else r"(?<![\u4e00-\u9fff])"
    return before + spelling


_LABELS = re.compile("|".join(
    rf"(?P<{field}>" + "|".join(_label(s) for s in spellings.split("|")) + ")"
    for field, spellings in V.MASTHEAD_LABELS))
_VALUES = {field: re.compile(r"\s*:?\s*" + value) for field, value in V.MASTHEAD_VALUES.items()}
_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")}
_CN_DIGIT["零"] = "0"
NON_HEADER = frozenset(("issue_number", "total_issue", "page_count", "cn", "issn", "postal_code",
                        "overseas_code", "authority", "sponsor", "publisher"))
"""Fields a masthead carries and an inner page's header never does."""


def fold(text: str) -> str:
    """Full-width letters, digits and punctuation as half width, one character for one."""
    return text.translate(_FOLD)


@dataclass(frozen=True)
class LineReading:
    fields: Tuple[Tuple[str, object], ...] = ()
    """Masthead fields the line gave, in the order found (Masthead attribute names)."""
    month: Optional[str] = None
    """'YYYY-MM' of a date printed without its day (the day is on the next line)."""
    cn_label: bool = False
    """A CN label whose number is on the next line (…出版物号:CN / 11-0022)."""
    cn_number: Optional[str] = None
    """A CN number alone, its label on the line before."""
    authority_head: Optional[str] = None
    """The authority's first line alone, as printed (中华人民共和国)."""
    paper: Optional[str] = None
    """The paper's name, if the whole line may be one (the rule decides where it counts)."""
    pinyin: bool = False
    labelled: int = 0
    """Fields read from a label or a value that names itself (CN…, an address): strong evidence."""
    leftover: Tuple[str, ...] = ()
    """What no field took, as printed."""
    sentence: bool = False
    """The leftover has sentence punctuation: prose, not masthead."""

    @property
    def pieces(self) -> int:
        return (len(self.fields) + bool(self.month) + self.cn_label + bool(self.cn_number)
                + bool(self.authority_head) + bool(self.paper) + self.pinyin)

    @property
    def masthead(self) -> bool:
        """Is the line (nearly) all masthead fields and pieces?"""
        if not self.pieces or self.sentence:
            return False
        if not self.leftover:
            return True
        # Only a line that says plainly what it is (labelled fields) may carry something more,
        # and then less of it than it carries fields, or only labels and values we do not read.
        if not self.labelled:
            return False
        rest = "".join(self.leftover)
        labelled_rest = all(V.MASTHEAD_OTHER_LABEL.fullmatch(fold(piece).strip()) for piece in self.leftover)
        return labelled_rest or len(rest) <= _LEFTOVER_PER_FIELD * self.labelled

    @property
    def non_header(self) -> bool:
        """Carries a field no inner-page header prints (第N期, 今日N版, the codes, 主管…)."""
        return self.masthead and any(key in NON_HEADER for key, _ in self.fields)


def read_line(text: str) -> LineReading:
    """Every masthead field in `text`, and what is left."""
    original = text
    work = list(fold(text))
    fields: List[Tuple[str, object]] = []
    found: Dict[str, object] = {}

    def take(match: "re.Match[str]") -> None:
        for i in range(match.start(), match.end()):
            work[i] = _GONE

    def add(key: str, value: object) -> None:
        if key not in found:
            found[key] = value
            fields.append((key, value))

    labelled = _read_labels(work, add)
    labelled += _read_unlabelled(work, add, take)
    cn_label = _take_bare_cn_label(work, take)
    month = _read_pieces(work, add, take)
    leftover = _leftover(original, "".join(work).replace(_GONE, " "))
    cn_number, paper, pinyin, head = None, None, False, None
    if fields or month:
        # Text set in columns (pdftotext -layout) puts the pinyin beside the issue line.
        spelled = tuple(p for p in leftover if V.PINYIN.match(fold(p)) and len(re.sub(r"\s", "", p)) >= 6)
        pinyin, leftover = bool(spelled), tuple(p for p in leftover if p not in spelled)
    if len(leftover) == 1:
        piece = fold(leftover[0])
        alone = not fields and not month and not cn_label
        number = V.CN_NUMBER_ONLY.match(piece) if alone else None
        name = V.PAPER_NAME.match(piece)
        if number:
            cn_number = _cn(number["v"])
        elif alone and V.PINYIN.match(piece):
            pinyin = True
        elif alone and V.AUTHORITY_HEAD.match(piece):
            head = leftover[0].strip()
        elif name:
            paper = name["name"]
        if cn_number or pinyin or head or paper:
            leftover = ()
    return LineReading(fields=tuple(fields), month=month, cn_label=cn_label, cn_number=cn_number,
                       authority_head=head, paper=paper, pinyin=pinyin, labelled=labelled,
                       leftover=leftover, sentence=any(_SENTENCE.search(piece) for piece in leftover))


def _read_labels(work: List[str], add) -> int:
    """Labelled fields: each label's value is what follows it up to the next label."""
    text = "".join(work)
    labels = list(_LABELS.finditer(text))
    count = 0
    for i, label in enumerate(labels):
        field = label.lastgroup or ""
        end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        value = _VALUES[field].match(text, label.end(), end)
        if value is None:
            continue  # left for the bare CN label, or to the leftover
        add(field, _normalise(field, value["v"]))
        for j in range(label.start(), value.end()):
            work[j] = _GONE
        count += 1
    return count


def _read_unlabelled(work: List[str], add, take) -> int:
    count = 0
    for field, pattern in V.MASTHEAD_UNLABELLED.items():
        for match in pattern.finditer("".join(work)):
            add(field, _normalise(field, match["v"]))
            take(match)
            count += 1
    return count


def _read_pieces(work: List[str], add, take) -> Optional[str]:
    """Date, weekday, lunar date, issue numbers, page count, authority and sponsor."""
    month = None
    date = V.MASTHEAD_DATE.search("".join(work))
    if date:
        year, mon = _year(date["y"]), V.to_int(date["m"])
        if year and mon:
            if date["d"]:
                add("date", f"{year:04d}-{mon:02d}-{V.to_int(date['d']) or 0:02d}")
            else:
                month = f"{year:04d}-{mon:02d}"
            take(date)
    for key, pattern in (("total_issue", V.TOTAL_ISSUE), ("issue_number", V.ISSUE_NUMBER),
                         ("page_count", V.PAGE_COUNT)):
        match = pattern.search("".join(work))
        if match:
            add(key, V.to_int(match["n"]))
            take(match)
    for key, pattern in (("weekday", V.WEEKDAY), ("lunar_date", V.LUNAR_DATE)):
        match = pattern.search("".join(work))
        if match and match.group(0).strip():
            add(key, re.sub(r"\s+", "", match.group(0)))
            take(match)
    for pattern in (V.ORGANISATION_LABELLED, V.ORGANISATION_SUFFIXED):
        for match in pattern.finditer("".join(work)):
            key = V.ORGANISATION_ROLES[match["role"]]
            body = re.sub(r"\s+", "", match["body"])
            # The authority keeps its printed shape (…部主管); the others are names.
            add(key, body + match["role"] if key == "authority" else body)
            take(match)
    return month


def _take_bare_cn_label(work: List[str], take) -> bool:
    """A CN label at the line's end whose number the extraction moved to the next line."""
    match = re.search(r"(?:" + dict(V.MASTHEAD_LABELS)["cn"] + r")\s*:?\s*(?:CN)?\s*$", "".join(work))
    if match:
        take(match)
    return bool(match)


def _leftover(original: str, rest: str) -> Tuple[str, ...]:
    """The runs of the original text that no field took, separators at their ends aside."""
    pieces = []
    for run in re.finditer(r"\S+(?: +\S+)*", rest):
        start, end = run.start(), run.end()
        while start < end and _SEPARATORS.fullmatch(rest[start]):
            start += 1
        while end > start and _SEPARATORS.fullmatch(rest[end - 1]):
            end -= 1
        if start < end:
            pieces.append(original[start:end])
    return tuple(pieces)


def _normalise(field: str, value: str) -> object:
    value = re.sub(r"\s+", " ", value).strip()
    if field == "cn":
        return _cn(value)
    if field == "issn":
        return "ISSN " + re.sub(r"\s+", "", value)
    if field in ("postal_code", "overseas_code", "email", "website"):
        return re.sub(r"\s+", "", value)
    return value


def _cn(number: str) -> str:
    return "CN " + re.sub(r"\s+", "", number)


def _year(text: str) -> Optional[int]:
    if text.isdigit():
        return int(text)
    digits = "".join(_CN_DIGIT.get(ch, "") for ch in text)
    return int(digits) if len(digits) == len(text) else None
