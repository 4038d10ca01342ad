"""Rule `page_header`: the inner-page header (报眉) and footer, read and taken out of the flow.

A header is a run of short lines at the top of a page made only of header pieces, in any
order (left and right pages mirror it): a date, a weekday, the page number (第2版, 2, 02, A2),
the page name (版名, an open list), 责任编辑/责编/本版编辑 with a name, and other staff, phone
or e-mail. Pieces set in big type (a page number, the 版名) count too. Page one's masthead is
never a header: a unit carrying what only a masthead prints (第N期, the codes) ends the header.
The text reader uses `header_span` to find page starts in text without form feeds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import List, Optional, Sequence

from laobao_convert import vocabulary as V
from laobao_convert.parse.furniture import is_footer
from laobao_convert.parse.masthead_fields import NON_HEADER, fold, read_line
from laobao_convert.parse import roles
from laobao_convert.parse.state import State, Unit, WorkPage

_MAX_LINE = 70
_MAX_LINES = 6
_NAME_TOKEN = re.compile(r"^(?!.*第.*版)[\u4e00-\u9fff]{2,6}$")
_EDITOR_ALONE = re.compile(r"^\s*" + V.EDITOR_LABELS + r"\s*[:：]?\s*$")
_NAME_ALONE = re.compile(r"^\s*[\u4e00-\u9fff](?:[\u4e00-\u9fff ]{0,4}[\u4e00-\u9fff])\s*$")
_NOT_HEADER_ROLES = ("masthead", "footer", "box", "jump", "caption")
_FOOTER = re.compile(r"社址|定价|零售价|印刷\s*[:：]|广告(?:经营)?许可证|发行部|订阅电话|承印")


@dataclass(frozen=True)
class HeaderInfo:
    number: Optional[int] = None
    name: Optional[str] = None
    editor: Optional[str] = None
    date: Optional[str] = None
    awaiting_editor: bool = False
    """A 责任编辑 label stood alone: the next line that is only a name is the editor."""
    awaiting_staff: bool = False
    """Another staff label (美术编辑) stood alone: a name after it is that person's."""
    staff: Optional[str] = None
    """That name, read only so that it is not taken for anything else."""

    def merge(self, other: "HeaderInfo") -> "HeaderInfo":
        editor = self.editor or other.editor
        awaiting = (self.awaiting_editor or other.awaiting_editor) and not editor
        staff = (self.awaiting_staff or other.awaiting_staff) and not other.staff
        return HeaderInfo(self.number or other.number, self.name or other.name, editor,
                          self.date or other.date, awaiting, staff, self.staff or other.staff)

    @property
    def complete(self) -> bool:
        """Enough pieces to be sure it is a header and not a short line of text."""
        known_name = self.name in V.PAGE_NAMES
        return bool((self.number and (self.date or self.editor or known_name))
                    or (self.date and self.editor) or (self.editor and self.name))


def read_header_line(line: str) -> Optional[HeaderInfo]:
    """What a line says if it is made only of header pieces; None if it is anything else."""
    # Text set in columns (pdftotext -layout) spreads the pieces with runs of spaces.
    rest = re.sub(r"\s{3,}", "  ", fold(line).strip())
    if not rest or len(rest) > _MAX_LINE:
        return None
    info = HeaderInfo()
    date = V.HEADER_DATE.search(rest) or V.HEADER_DATE_DOTTED.search(rest)
    if date:
        info = replace(info, date=f"{int(date['y']):04d}-{int(date['m']):02d}-{int(date['d']):02d}")
        rest = rest[:date.start()] + " " + rest[date.end():]
    weekday = V.WEEKDAY.search(rest) or V.LUNAR_DATE.search(rest)
    rest = V.LUNAR_DATE.sub(" ", V.WEEKDAY.sub(" ", rest))
    editor = V.HEADER_EDITOR.search(rest)
    if editor:
        # Two-character names are set with a space inside (杨 旭): kept as printed.
        info = replace(info, editor=re.sub(r"\s+", " ", editor["name"]))
        rest = rest[:editor.start()] + " " + rest[editor.end():]
    elif _EDITOR_ALONE.match(rest):
        # The label and the name came out as separate lines: the next line is the name.
        return HeaderInfo(awaiting_editor=True)
    if V.STAFF_ALONE.match(rest):
        # What came before the label on its line (the editor, the date) still holds.
        return replace(info, awaiting_staff=True)
    rest = V.HEADER_STAFF.sub(" ", rest)
    page = V.HEADER_PAGE.search(rest)
    if page:
        info = replace(info, number=V.to_int(page["n"] or page["bare"]))
        rest = rest[:page.start()] + " " + rest[page.end():]
    for token in re.split(r"[\s|｜·•/:：]+", rest):
        if not token:
            continue
        bare = V.HEADER_BARE_NUMBER.match(token)
        if bare and info.number is None:
            info = replace(info, number=V.to_int(bare["n"]))
        elif _NAME_TOKEN.match(token) and info.name is None:
            info = replace(info, name=token)
        else:
            return None
    if info == HeaderInfo() and not weekday:
        return None
    return info


def _next_piece(info: HeaderInfo, line: str) -> Optional[HeaderInfo]:
    """What a line adds to a header read so far (a bare name after a lone 责任编辑 label)."""
    if (info.awaiting_editor or info.awaiting_staff) and _NAME_ALONE.match(line) \
            and not _page_name_more_likely(info, line):
        if info.awaiting_editor:
            return HeaderInfo(editor=re.sub(r"\s+", " ", fold(line).strip()))
        return HeaderInfo(staff=fold(line).strip())
    return read_header_line(line)


def _page_name_more_likely(info: HeaderInfo, line: str) -> bool:
    """A lone label's name may come after other pieces (pdftotext); a line that is a weekday, a
    known 版名, or four characters while the page has no name yet is not the person's name."""
    text = line.strip()
    if V.WEEKDAY.fullmatch(text) or text in V.PAGE_NAMES:
        return True
    return info.name is None and len(text.replace(" ", "")) >= 4


def _finish(info: HeaderInfo) -> HeaderInfo:
    return replace(info, awaiting_editor=False, awaiting_staff=False)


def header_span(lines: Sequence[str], start: int) -> int:
    """How many lines from `start` form a page header (0: none)."""
    info = HeaderInfo()
    count = 0
    span = 0
    for offset, line in enumerate(lines[start:start + _MAX_LINES * 2]):
        if not line.strip():
            if count:
                continue
            return 0
        piece = _next_piece(info, line)
        if piece is None or count >= _MAX_LINES:
            break
        info = info.merge(piece)
        count += 1
        span = offset + 1
    return span if _finish(info).complete else 0


def read_header(lines: Sequence[str], info: HeaderInfo = HeaderInfo()) -> Optional[HeaderInfo]:
    """What the lines add to `info` if every one is a header piece; else None."""
    for line in lines:
        piece = _next_piece(info, line)
        if piece is None or _clashes(info, piece):
            return None
        info = info.merge(piece)
    return info


def _clashes(info: HeaderInfo, piece: HeaderInfo) -> bool:
    """A header has one page name and one number: a second one is the page's text."""
    return bool((info.name and piece.name) or (info.number and piece.number
                                                and info.number != piece.number))


def apply(state: State) -> State:
    pages = []
    for page in state.pages:
        page, header = _strip_header(page)
        page, footer = _strip_footer(page)
        number = page.printed_number or page.number_hint
        state = state.furniture("header", header, number).furniture("footer", footer, number)
        pages.append(page)
    return replace(state, pages=tuple(pages))


def _strip_header(page: WorkPage) -> "tuple[WorkPage, List[str]]":
    units = [_as_masthead(u) if u.role == "header" and _masthead_like(u) else u for u in page.units]
    hinted = [u for u in units if u.role == "header"]
    if hinted:
        info = HeaderInfo()
        for unit in hinted:
            for line in unit.lines:
                info = info.merge(_next_piece(info, line) or HeaderInfo())
        info = _finish(info)
        kept = [u for u in units if u.role != "header"]
        return _with_info(page, info, tuple(kept)), [u.text for u in hinted]
    # Text: the header is the first lines of the page, whole units only; pdftotext may set
    # its pieces anywhere further down the page, each on a line of its own.
    taken, info = _top_run(units[:_MAX_LINES * 2])
    if _page_one(units[len(taken):len(taken) + _MAX_LINES * 3]):
        # Page one: what is scattered below is the masthead's and the articles', not a header's.
        rest, stray = tuple(units[len(taken):]), []
    else:
        rest, stray, info = _strip_strays(units[len(taken):], info)
    done = _finish(info)
    # At the very top of a page, a page number with a page name is header enough.
    if not (taken or stray) or not (done.complete or (done.number and done.name)):
        return replace(page, units=tuple(units)), []
    if info.awaiting_editor and info.editor is None:
        rest, name = _far_editor(rest)
        if name:
            info = info.merge(HeaderInfo(editor=" ".join(u.text.strip() for u in name)))
            stray.extend(name)
    info = _finish(info)
    return _with_info(page, info, rest), [u.text for u in taken + stray]


def _top_run(units: Sequence[Unit]) -> "tuple[List[Unit], HeaderInfo]":
    """The units at the top of the page that are header pieces, and what they say."""
    taken: List[Unit] = []
    info = HeaderInfo()
    held: Optional[HeaderInfo] = None  # the header before an unknown name read after it was whole
    for unit in units:
        if unit.role in _NOT_HEADER_ROLES or _masthead_like(unit):
            break
        read = read_header(unit.lines, info) if unit.lines else None
        if read is None or (unit.heading and not _big_type_piece(unit, info, read)):
            break
        unknown_name = (_finish(info).complete and read.name != info.name
                        and read.name not in V.PAGE_NAMES)
        if unknown_name and held is not None:
            break
        # A header already whole takes an unknown name only if more header pieces follow: a
        # short line right after it is as likely a headline (a repeated one, shortened).
        held = info if unknown_name else None
        info = read
        taken.append(unit)
    if held is not None:
        taken.pop()
        info = held
    return taken, info


def _big_type_piece(unit: Unit, info: HeaderInfo, read: HeaderInfo) -> bool:
    """A heading at the top of the page is a header piece only if it is a page number or a
    page name alone (set in big type), never a line that also carries other pieces."""
    if len(unit.lines) != 1:
        return False
    added = replace(read, name=None if read.name == info.name else read.name,
                    number=None if read.number == info.number else read.number)
    return (added.name is not None) != (added.number is not None) and added.date == info.date \
        and added.editor == info.editor


def _masthead_like(unit: Unit) -> bool:
    """The unit carries what only a masthead prints (第N期, 今日N版, the codes, …主管)."""
    return bool(_masthead_only_fields(unit))


def _masthead_only_fields(unit: Unit) -> "set[str]":
    found: "set[str]" = set()
    for line in unit.lines:
        reading = read_line(line) if len(line) <= _MAX_LINE * 2 else None
        if reading is not None and reading.non_header:
            found.update(key for key, _ in reading.fields if key in NON_HEADER)
    return found


def _page_one(units: Sequence[Unit]) -> bool:
    """Units near the top that hold a masthead: one the reader placed, or two kinds of what
    only a masthead prints (an advert's lone 邮发代号 on an inner page is not one)."""
    found: "set[str]" = set()
    for unit in units:
        if unit.role == "masthead":
            return True
        found |= _masthead_only_fields(unit)
    return len(found) >= 2


def _as_masthead(unit: Unit) -> Unit:
    return roles.decide(unit, "masthead", "near the top, with fields only a masthead prints")


def _far_editor(units: Sequence[Unit]) -> "tuple[tuple, List[Unit]]":
    """The name under a lone 责任编辑 label, set far down the page by the extraction.

    pdftotext reads the header's pieces as separate blocks and may put the name after some
    columns of text; it is then the page's first name standing alone that is not part of a
    byline (right after a bare 本报记者) or of a photo credit (right before a lone 摄).
    """
    for i in range(len(units)):
        name = _name_at(units, i)
        if not name:
            continue
        before = units[i - 1].text.strip() if i > 0 else ""
        end = i + len(name)
        after = units[end].text.strip() if end < len(units) else ""
        if V.REPORTER_LABEL.match(before) or after == "摄":
            continue
        return tuple(units[:i]) + tuple(units[end:]), name
    return tuple(units), []


def _name_at(units: Sequence[Unit], i: int) -> List[Unit]:
    """The unit(s) at i that are a person's name alone: one unit, or the two characters of a
    two-character name set with a space between them (丁 萍), which pdftotext splits."""
    if _lone_name(units[i]):
        return [units[i]]
    pair = units[i:i + 2]
    if len(pair) == 2 and all(_lone_char(u) for u in pair):
        return list(pair)
    return []


def _lone_name(unit: Unit) -> bool:
    text = unit.text.strip()
    return (unit.role is None and not unit.heading and len(unit.lines) == 1
            and bool(V.PERSON_NAME.match(text)) and not V.REPORTER_LABEL.match(text)
            and text not in V.PAGE_NAMES)


def _lone_char(unit: Unit) -> bool:
    text = unit.text.strip()
    return (unit.role is None and not unit.heading and len(unit.lines) == 1 and len(text) == 1
            and "\u4e00" <= text <= "\u9fff" and text != "摄")


def _strip_strays(units: Sequence[Unit], info: HeaderInfo) -> "tuple[tuple, list, HeaderInfo]":
    """Pieces of a header the extraction set further down the page, each a line of its own:
    a date, 第3版, 星期五, a known page name (版名), 责任编辑 with its name or alone (its name
    then on the next line or two). What they add to `info` comes back with them."""
    kept, stray = [], []
    i = 0
    # The name right after a lone label (at the top, or set down the page with it).
    pending = info.awaiting_editor and info.editor is None
    while i < len(units):
        unit = units[i]
        single = len(unit.lines) == 1 and not unit.heading and unit.role is None
        if single and pending and _name_at(units, i):
            name = _name_at(units, i)
            stray.extend(name)
            info = info.merge(HeaderInfo(editor=" ".join(u.text.strip() for u in name)))
            i += len(name)
            pending = False
            continue
        pending = False
        piece = read_header_line(unit.text) if single else None
        if piece is not None and _stray(piece, unit, info):
            stray.append(unit)
            info = info.merge(piece)
            pending = piece.awaiting_editor
        elif single and info.name is None and unit.text.strip() in V.PAGE_NAMES:
            stray.append(unit)
            info = info.merge(HeaderInfo(name=unit.text.strip()))
        else:
            kept.append(unit)
        i += 1
    return tuple(kept), stray, info


def _stray(piece: HeaderInfo, unit: Unit, info: HeaderInfo) -> bool:
    if piece.awaiting_editor:
        return info.editor is None
    if piece.editor and not piece.name and not piece.number:
        return info.editor is None
    if (piece.date or piece.number) and not piece.name and not piece.editor:
        # A bare number down the page is as likely a figure of the text: only 第3版 counts.
        return not _clashes(info, piece) and (piece.date is not None or "版" in unit.text)
    return piece == HeaderInfo() and bool(V.WEEKDAY.fullmatch(unit.text.strip()))


def _with_info(page: WorkPage, info: HeaderInfo, units) -> WorkPage:
    return replace(page, units=units, printed_number=info.number, name=info.name,
                   editor=info.editor, date=info.date)


def _strip_footer(page: WorkPage) -> "tuple[WorkPage, List[str]]":
    units = list(page.units)
    taken: List[str] = []
    # Only label: value fields are a footer: a closing paragraph that names a 定价 is text.
    while units and (units[-1].role == "footer" or (units[-1].role is None and not units[-1].heading
                     and _FOOTER.search(units[-1].text) and is_footer("\n".join(units[-1].lines)))):
        taken.insert(0, units.pop().text)
    # pdftotext scatters the footer's fields over the page, a line each: on a page whose
    # footer prints the paper's address, a line of footer fields and nothing else is footer.
    scattered = [u for u in units if page.kind == "pdftotext" and u.role is None and not u.heading
                 and len(u.lines) == 1 and is_footer(u.text)]
    if any(V.FOOTER_ANCHOR.search(t) for t in taken + [u.text for u in scattered]):
        taken.extend(u.text for u in scattered)
        units = [u for u in units if not any(u is s for s in scattered)]
    return replace(page, units=tuple(units)), taken
