"""Rule `masthead`: read the page-one 报头 into Masthead and take it out of the flow.

The pieces sit in frames around the paper's name and come out in no fixed order; a unit is
masthead when every line of it is a masthead piece. The date may be split over lines
(2024年4月 / 24 / 星期三).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Dict, List, Optional

from laobao_convert import vocabulary as V
from laobao_convert.model import Masthead
from laobao_convert.parse.state import State, Unit
from laobao_convert.parse.text import has_sentence_punct

_MAX_PIECE = 40
_AUTHORITY_END = re.compile(r"(?:主管|主办|出版)\s*$")


def apply(state: State) -> State:
    if not state.pages:
        return state
    first = state.pages[0]
    if first.printed_number not in (None, 1):
        return state
    fields: Dict[str, object] = {}
    kept: List[Unit] = []
    taken: List[str] = []
    top = True  # the weak pieces (a bare day, the paper's name) only count at the top
    previous_kept = -1
    for index, unit in enumerate(first.units):
        had_authority = "authority" in fields
        if unit.role == "masthead" or (unit.role is None and _read_unit(unit, fields, top)):
            if unit.role == "masthead":
                _read_unit(unit, fields, True)
            taken.append(unit.text)
            if not had_authority and "authority" in fields and previous_kept == index - 1 \
                    and "_authority_head" not in fields and _authority_head(kept):
                # The authority's first line (中华人民共和国) came out as a unit of its own.
                head = kept.pop()
                fields["authority"] = head.text.strip() + str(fields["authority"])
                taken.insert(len(taken) - 1, head.text)
            continue
        if unit.lines:
            top = False
        kept.append(unit)
        previous_kept = index
    if not fields:
        return state
    fields.pop("_month", None)
    label, number = fields.pop("_cn_label", None), fields.pop("_cn_number", None)
    if label and number and not fields.get("cn"):
        fields["cn"] = "CN " + re.sub(r"\s+", "", str(number)).replace("－", "-")
    head = fields.pop("_authority_head", None)
    if head and fields.get("authority") and not str(fields["authority"]).startswith(str(head)):
        fields["authority"] = str(head) + str(fields["authority"])
    elif head and not fields.get("authority"):
        fields["authority"] = head
    if fields.get("authority"):
        fields["authority"] = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", str(fields["authority"]))
    masthead = Masthead(**fields)
    page = replace(first, units=tuple(kept))
    return replace(state.furniture("masthead", taken, first.number or 1), masthead=masthead, pages=(page,) + state.pages[1:])


def _read_unit(unit: Unit, fields: Dict[str, object], top: bool) -> bool:
    """Read a unit into `fields` if every line is a masthead piece; say whether it was."""
    found: Dict[str, object] = {}
    lines = list(unit.lines)
    pending_month: Optional[str] = fields.get("_month")  # type: ignore[assignment]
    pieces = 0
    for i, line in enumerate(lines):
        text = line.strip()
        if not text or len(text) > _MAX_PIECE:
            return False
        got = _read_line(text, found, pending_month, top and (unit.heading or not fields.get("paper")))
        if got is None:
            # An authority set over two lines: 中华人民共和国 / 人力资源和社会保障部主管.
            if i + 1 < len(lines) and _AUTHORITY_END.search("".join(lines[i:])) \
                    and not has_sentence_punct(text):
                found["authority"] = "".join(t.strip() for t in lines[i:])
                break
            return False
        if got or "date" in found:
            pending_month = got or None  # a day or a new date settles the month
        pieces += 1
    if not found and not pieces:
        return False
    found["_month"] = pending_month
    for key, value in found.items():
        if key == "_month":
            fields[key] = value
        else:
            fields.setdefault(key, value)
    return True


def _read_line(text: str, found: Dict[str, object], pending_month: Optional[str],
               may_be_name: bool) -> Optional[str]:
    """Record what the line says; return a 'YYYY-MM' awaiting its day, '' if done, None if
    the line is not a masthead piece."""
    if may_be_name and "paper" not in found:
        name = V.PAPER_NAME.match(text)
        if name:
            found["paper"] = name["name"]
            return ""
    if pending_month:
        day = V.DAY_ONLY.match(text)
        if day:
            found["date"] = f"{pending_month}-{int(day['d']):02d}"
            return ""
    consumed = False
    rest = text
    date = V.MASTHEAD_DATE.search(rest)
    pending = ""
    if date:
        consumed = True
        month = f"{int(date['y']):04d}-{int(date['m']):02d}"
        if date["d"]:
            found["date"] = f"{month}-{int(date['d']):02d}"
        else:
            pending = month
        rest = rest.replace(date.group(0), " ")
    weekday = V.WEEKDAY.search(rest)
    if weekday:
        found["weekday"] = weekday.group(0)
        rest = rest.replace(weekday.group(0), " ")
        consumed = True
    for key, pattern in (("cn", V.CN_CODE), ("postal_code", V.POSTAL_CODE),
                         ("overseas_code", V.OVERSEAS_CODE), ("website", V.WEBSITE),
                         ("email", V.EMAIL)):
        match = pattern.search(rest)
        if match:
            found[key] = re.sub(r"\s+", " ", match["v"]).replace("－", "-")
            rest = rest.replace(match.group(0), " ")
            consumed = True
    if "cn" not in found and V.CN_LABEL_ONLY.search(rest):
        found["_cn_label"] = True
        rest = V.CN_LABEL_ONLY.sub(" ", rest)
        consumed = True
    cn_number = V.CN_NUMBER_ONLY.match(rest)
    if cn_number:
        found["_cn_number"] = cn_number["v"]
        rest = ""
        consumed = True
    number = V.ISSUE_NUMBER.search(rest)
    if number:
        found["issue_number"] = int(number["n"])
        rest = rest.replace(number.group(0), " ")
        consumed = True
    count = V.PAGE_COUNT.search(rest)
    if count:
        found["page_count"] = V.to_int(count["n"])
        rest = rest.replace(count.group(0), " ")
        consumed = True
    for pattern in (V.TOTAL_ISSUE, V.LUNAR):
        match = pattern.search(rest)
        if match:
            rest = rest.replace(match.group(0), " ")
            consumed = True
    if V.PINYIN.match(rest.strip()):
        return ""
    if V.AUTHORITY_HEAD.match(rest):
        found["_authority_head"] = rest.strip()
        return ""
    if _AUTHORITY_END.search(rest) and not has_sentence_punct(rest) and len(rest.strip()) <= 30:
        found["authority"] = rest.strip()
        return ""
    if rest.strip():
        return None
    return pending if consumed else None


def _authority_head(kept: List[Unit]) -> bool:
    """The unit just before the authority line is its first line (中华人民共和国)."""
    if not kept:
        return False
    head = kept[-1]
    return (head.role is None and not head.heading and len(head.lines) == 1
            and len(head.text) <= 10 and not has_sentence_punct(head.text))
