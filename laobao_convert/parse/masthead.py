"""Rule `masthead`: read the page-one 报头 into Masthead and take it out of the flow.

The pieces sit in frames around the paper's name (or its artwork) and come out in no fixed
order, one field to a line or several to a line. A unit is masthead when every line of it is
(nearly) all masthead fields (masthead_fields.read_line); what such a line carries besides is
reported in a `masthead-leftover` note and kept with the masthead's furniture. At the top of
the page the weak pieces count too (a bare day under its month, the paper's name, the pinyin);
further down only a line that brings a labelled field the masthead still lacks, so that a
paragraph, an advert's 邮发代号 or a repeated address stays where it is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import List, Optional, Tuple

from laobao_convert import vocabulary as V
from laobao_convert.model import Masthead
from laobao_convert.parse.masthead_fields import LineReading, fold, read_line
from laobao_convert.parse.state import State, Unit
from laobao_convert.parse.text import join

_FURNITURE_ROLES = ("header", "footer", "box", "jump", "caption")


@dataclass(frozen=True)
class _Reading:
    """What the page's masthead lines said so far."""

    fields: Tuple[Tuple[str, object], ...] = ()
    month: Optional[str] = None
    """A month printed without its day, waiting for it over other pieces (2023年6月 / 新城日报 / 5)."""
    cn_label: bool = False
    authority_head: Optional[str] = None
    leftover: Tuple[str, ...] = ()

    def get(self, key: str) -> Optional[object]:
        return next((value for k, value in self.fields if k == key), None)

    def add(self, line: LineReading) -> "_Reading":
        """The first value of a field wins: later lines only fill what is missing."""
        known = {key for key, _ in self.fields}
        found = list(line.fields)
        if line.cn_number:  # (outside the reader's masthead band, only under its label: _counts)
            found.append(("cn", line.cn_number))
        if line.paper:
            found.append(("paper", line.paper))
        new = []
        for key, value in found:
            if key not in known:
                known.add(key)
                new.append((key, value))
        return _Reading(fields=self.fields + tuple(new), month=_month_after(self.month, line),
                        cn_label=line.cn_label, authority_head=self.authority_head or line.authority_head,
                        leftover=self.leftover + line.leftover)


def _month_after(month: Optional[str], line: LineReading) -> Optional[str]:
    """A new month replaces the one waiting; a day (or a whole date) settles it."""
    return line.month or (None if dict(line.fields).get("date") else month)


def apply(state: State) -> State:
    if not state.pages:
        return state
    first = state.pages[0]
    if first.printed_number not in (None, 1):
        return state
    reading = _Reading()
    kept: List[Unit] = []
    taken: List[str] = []
    top = True  # the weak pieces only count before the page's first other text
    for unit in first.units:
        lines = _masthead_lines(unit, reading, top)
        if lines is not None:
            for line in lines:
                reading = reading.add(line)
            taken.append("\n".join(line.strip() for line in unit.lines))
            continue
        if unit.lines:
            top = False
        kept.append(unit)
    masthead = _masthead(reading)
    if masthead == Masthead():
        return state  # nothing read: a band the reader took for a masthead, not one
    page_number = first.number or 1
    state = replace(state.furniture("masthead", taken, page_number), masthead=masthead,
                    pages=(replace(first, units=tuple(kept)),) + state.pages[1:])
    if reading.leftover:
        quoted = "、".join(f"「{piece}」" for piece in reading.leftover)
        state = state.warn("masthead-leftover",
                           f"page {page_number}: masthead text not read as any field: {quoted} "
                           "(kept with the masthead, not in an article)", page=page_number, level="info")
    return state


def _masthead_lines(unit: Unit, reading: _Reading, top: bool) -> Optional[List[LineReading]]:
    """The unit's lines read as masthead, or None if the unit is not masthead."""
    if unit.role == "masthead":
        return _hinted(unit, reading)
    if unit.role in _FURNITURE_ROLES or (unit.hinted and unit.role is not None and not top):
        return None
    lines = [line.strip() for line in unit.lines if line.strip()]
    if not lines:
        return None
    out: List[LineReading] = []
    month, cn_label = reading.month, reading.cn_label
    paper = reading.get("paper")
    i = 0
    while i < len(lines):
        line = _read(lines[i], month, cn_label)
        step = 1
        if not _counts(line, top, cn_label, paper):
            if i + 1 == len(lines):
                return None
            # A piece the extraction broke over two lines (中华人民共和国人力资源 / 和社会保障部主管).
            line, step = _read(join(lines[i], lines[i + 1]), month, cn_label), 2
            if not _counts(line, top, cn_label, paper):
                return None
        out.append(line)
        month = _month_after(month, line)
        cn_label, paper = line.cn_label, paper or line.paper
        i += step
    if not top and not any(_says_what_it_is(line) and _new(line, reading) for line in out):
        return None
    return out


def _read(text: str, month: Optional[str], cn_label: bool) -> LineReading:
    """One line, with what the line before left open: a month awaiting its day."""
    day = V.DAY_ONLY.match(fold(text)) if month else None
    if day:
        return LineReading(fields=(("date", f"{month}-{int(day['d']):02d}"),))
    return read_line(text)


def _counts(line: LineReading, top: bool, cn_label: bool, paper: Optional[object]) -> bool:
    """Is this reading a masthead line here?"""
    if not line.masthead:
        return False
    if line.cn_number and not cn_label:
        return False  # a bare number is the CN number only right under its label
    if line.paper and not line.fields and (not top or paper not in (None, line.paper)):
        return False  # the paper's name counts once, at the top (a headline may end in 报)
    return top or _says_what_it_is(line)


def _says_what_it_is(line: LineReading) -> bool:
    """A labelled field, or a piece only a masthead prints (第N期, 今日N版, …主管): such a line
    is masthead wherever the extraction put it."""
    return bool(line.labelled or line.non_header)


def _new(line: LineReading, reading: _Reading) -> bool:
    """Does the line give a field the masthead does not have yet (and contradict none)?"""
    known = dict(reading.fields)
    if any(key in known and known[key] != value for key, value in line.fields):
        return False
    return any(key not in known for key, _ in line.fields)


def _hinted(unit: Unit, reading: _Reading) -> List[LineReading]:
    """A unit the reader placed in the masthead: every line is read, none goes back to the flow."""
    out = []
    month, cn_label = reading.month, reading.cn_label
    for text in (line.strip() for line in unit.lines):
        if not text:
            continue
        line = _read(text, month, cn_label)
        if not line.masthead:
            line = LineReading(fields=line.fields, leftover=(text,) if not line.fields else line.leftover)
        out.append(line)
        month, cn_label = _month_after(month, line), line.cn_label
    return out


def _masthead(reading: _Reading) -> Masthead:
    fields = dict(reading.fields)
    authority = fields.get("authority")
    head = reading.authority_head
    if head:
        if authority and not str(authority).startswith(head):
            fields["authority"] = head + str(authority)
        elif not authority:
            fields["authority"] = head
    return Masthead(**fields)  # type: ignore[arg-type]
