"""One-page PDFs built by hand for tests of single roles: a few stories on a column grid.

The synthetic issue generator (tests.synth) sets every role one way; these pages set one role
in the many ways papers print it — a series label white on a coloured band, in colour or over
a short rule; a kicker made bold by its face's name, by overprint or by a stroked outline; a
page header with or without its rule; a drop capital; a photo between headline and body —
around plain stories, so a test can ask whether that role, and only it, comes out right.

A Sheet collects what is drawn (positions in PDF points from the page's top-left, as
pdfplumber names them) and renders it with reportlab. The CJK glyphs are WenQuanYi Zen Hei's,
registered under several faces whose PostScript names are those of typical newspaper fonts:
Chinese bold faces (方正小标宋, 方正黑体, SimHei) have names that do not say bold.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Tuple

from tests.synth.linebreak import break_lines, char_spacing, width
from tests.synth.geometry import Rect
from tests.synth.pdf import find_font, set_line

RGB = Tuple[float, float, float]
BLACK: RGB = (0.0, 0.0, 0.0)
WHITE: RGB = (1.0, 1.0, 1.0)
RED: RGB = (0.78, 0.08, 0.1)
BLUE: RGB = (0.1, 0.25, 0.6)
GREEN: RGB = (0.05, 0.35, 0.2)
GREY: RGB = (0.3, 0.3, 0.3)

FACES = {
    "song": "FZShuSong-Z01S",  # 方正书宋: a body face
    "xbs": "FZXiaoBiaoSong-B05S",  # 方正小标宋: a headline face, heavy, its name says nothing
    "hei": "FZHTK--GBK1-0",  # 方正黑体
    "simhei": "SimHei",
    "kai": "FZKTK--GBK1-0",  # 方正楷体: captions, bylines
    "bold": "SourceHanSerifSC-Bold",  # a face whose name does say bold
}
"""Face key -> the PostScript name written into the PDF (reportlab writes the font's own
name, not the one it is registered under, so each face's name is set on its copy)."""


def _register() -> None:
    import copy
    from weakref import WeakKeyDictionary

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTEncoding, TTFont

    registered = set(pdfmetrics.getRegisteredFontNames())
    missing = [key for key in FACES if f"pb-{key}" not in registered]
    if not missing:
        return
    path = find_font()
    if path is None:
        raise FileNotFoundError("the CJK font WenQuanYi Zen Hei (fonts-wqy-zenhei) is not installed")
    # The font file is parsed once; each face is a copy under its own names, with its own
    # subsets (state) and encoding, so the faces are separate fonts in the PDF.
    base = TTFont("pb-base", path, subfontIndex=0)
    for key in missing:
        font = copy.copy(base)
        font.fontName = f"pb-{key}"
        font.face = copy.copy(base.face)
        font.face.name = FACES[key].encode("ascii")
        font.encoding = TTEncoding()
        font.state = WeakKeyDictionary()
        pdfmetrics.registerFont(font)


@dataclass(frozen=True)
class Ink:
    """How a run of text is inked: its face, colour, and how it is made to look bold."""

    face: str = "song"
    rgb: RGB = BLACK
    bold: str = ""
    """"" (as the face is), "overprint" (drawn twice, a little apart) or "stroke" (filled
    and stroked, text rendering mode 2)."""


@dataclass(frozen=True)
class Run:
    x: float
    baseline: float
    text: str
    size: float
    ink: Ink = Ink()
    spacing: float = 0.0


@dataclass(frozen=True)
class Fill:
    x0: float
    top: float
    x1: float
    bottom: float
    rgb: RGB


@dataclass(frozen=True)
class Line:
    x0: float
    y0: float
    x1: float
    y1: float
    weight: float = 0.5
    rgb: RGB = GREY


@dataclass
class Sheet:
    """A page being built; `pdf` sets it. Height 0 means: as tall as what is on it."""

    width: float
    height: float = 0.0
    runs: List[Run] = field(default_factory=list)
    fills: List[Fill] = field(default_factory=list)
    lines: List[Line] = field(default_factory=list)
    photos: List[Rect] = field(default_factory=list)

    def text(self, x: float, baseline: float, text: str, size: float, ink: Ink = Ink(), spacing: float = 0.0):
        self.runs.append(Run(x, baseline, text, size, ink, spacing))

    def bottom(self) -> float:
        ends = [r.baseline + 0.25 * r.size for r in self.runs] + [f.bottom for f in self.fills]
        ends += [max(line.y0, line.y1) for line in self.lines] + [p.bottom for p in self.photos]
        return max(ends, default=0.0)

    def pdf(self) -> bytes:
        return render(self)


def _photo_image():
    """A small picture with some structure (sky, ground, a figure), the same every time."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (96, 64), (150, 180, 210))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 40, 96, 64), fill=(110, 130, 90))
    draw.ellipse((40, 14, 56, 30), fill=(70, 60, 50))
    draw.rectangle((42, 28, 54, 52), fill=(180, 60, 50))
    return img


def _draw_run(canvas, run: Run, height: float, dx: float = 0.0) -> None:
    text = canvas.beginText()
    text.setFillColorRGB(*run.ink.rgb)
    if run.ink.bold == "stroke":
        text.setStrokeColorRGB(*run.ink.rgb)
        text.setTextRenderMode(2)
    set_line(canvas, text, f"pb-{run.ink.face}", run.x + dx, height - run.baseline, run.text, run.size, run.spacing)
    canvas.drawText(text)


def render(sheet: Sheet) -> bytes:
    """The sheet as a one-page PDF (deterministic: same sheet, same bytes)."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    _register()
    height = sheet.height or math.ceil(sheet.bottom() + 30)
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(sheet.width, height), invariant=1, pageCompression=1)
    for f in sheet.fills:
        canvas.setFillColorRGB(*f.rgb)
        canvas.rect(f.x0, height - f.bottom, f.x1 - f.x0, f.bottom - f.top, stroke=0, fill=1)
    for line in sheet.lines:
        canvas.setLineWidth(line.weight)
        canvas.setStrokeColorRGB(*line.rgb)
        canvas.line(line.x0, height - line.y0, line.x1, height - line.y1)
    image = ImageReader(_photo_image()) if sheet.photos else None
    for p in sheet.photos:
        canvas.drawImage(image, p.x0, height - p.bottom, p.x1 - p.x0, p.bottom - p.top)
    for run in sheet.runs:
        if run.ink.bold == "stroke":
            # The outline's width makes the weight: about a thirtieth of the size.
            canvas.setLineWidth(run.size / 30)
        _draw_run(canvas, run, height)
        if run.ink.bold == "overprint":
            _draw_run(canvas, run, height, dx=run.size / 36)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


# --- the grid and the stories on it ----------------------------------------------------------


@dataclass(frozen=True)
class Grid:
    """Columns a whole number of body characters wide, as papers set them."""

    body: float = 9.5
    columns: int = 4
    chars: int = 11
    gutter: float = 11.0
    margin: float = 24.0

    @property
    def leading(self) -> float:
        return self.body * 1.5

    @property
    def column_width(self) -> float:
        return self.chars * self.body

    @property
    def width(self) -> float:
        return 2 * self.margin + self.columns * self.column_width + (self.columns - 1) * self.gutter

    def left(self, column: int) -> float:
        return self.margin + column * (self.column_width + self.gutter)

    def span(self, first: int, count: int) -> Tuple[float, float]:
        return self.left(first), self.left(first + count - 1) + self.column_width


@dataclass(frozen=True)
class Story:
    """What a story says: the truth its parse must give back."""

    title: str
    paragraphs: Tuple[str, ...]
    series: Optional[str] = None
    kicker: Optional[str] = None
    subtitle: Optional[str] = None
    byline: Optional[str] = None
    caption: Optional[str] = None
    """Description and credit, as one string: `…。 本报记者 某某 摄`."""


@dataclass(frozen=True)
class Look:
    """How a story is set: sizes as multiples of the body size, and how each part is inked."""

    series: str = "band"
    """band (white on a coloured band), colour (coloured type, no band), rule (over a short rule)."""
    series_size: float = 1.15
    series_rgb: RGB = RED
    band: float = 1.8
    """The band's height as a multiple of the label's size."""
    kicker_size: float = 1.2
    kicker_ink: Ink = Ink(face="hei")
    title_size: float = 2.4
    title_ink: Ink = Ink(face="xbs")
    subtitle_size: float = 1.3
    subtitle_ink: Ink = Ink(face="kai")
    caption_size: float = 0.9
    byline_ink: Ink = Ink(face="kai")
    dropcap: int = 0
    """Lines a drop capital stands over (0: none)."""
    photo: bool = True
    """A story with a caption gets its photo between its headline and its body."""


def set_headline(sheet: Sheet, grid: Grid, story: Story, look: Look, x0: float, x1: float, y: float) -> float:
    """Series label, kicker, title, subtitle; returns where the byline or body goes."""
    b = grid.body
    w = x1 - x0
    if story.series:
        s = look.series_size * b
        label_w = width(story.series, s)
        if look.series == "band":
            h = look.band * s
            pad = 0.6 * s
            sheet.fills.append(Fill(x0, y, x0 + label_w + 2 * pad, y + h, look.series_rgb))
            # The glyphs' box (ascent 0.8, descent 0.2 of the size) centred in the band.
            sheet.text(x0 + pad, y + h / 2 + 0.3 * s, story.series, s, Ink("hei", WHITE))
            y += h
        elif look.series == "colour":
            sheet.text(x0, y + s, story.series, s, Ink("hei", look.series_rgb))
            y += 1.3 * s
        else:
            sheet.text(x0, y + s, story.series, s, Ink("hei", look.series_rgb))
            y += 1.3 * s
            sheet.lines.append(Line(x0, y, x0 + label_w + s, y, weight=1.2, rgb=look.series_rgb))
        y += 0.8 * b
    for text, ratio, ink, lead in ((story.kicker, look.kicker_size, look.kicker_ink, 1.4),
                                   (story.title, look.title_size, look.title_ink, 1.25),
                                   (story.subtitle, look.subtitle_size, look.subtitle_ink, 1.5)):
        if not text:
            continue
        size = ratio * b
        rows = [text] if width(text, size) <= 0.96 * w else break_lines(text, 0.9 * w, size)
        for row in rows:
            sheet.text(x0 + (w - width(row, size)) / 2, y + size, row, size, ink)
            y += size * lead
    return y + 0.6 * b


def set_photo(sheet: Sheet, grid: Grid, story: Story, look: Look, x0: float, x1: float, y: float) -> float:
    """The photo across the story's width and its caption under it; returns the next y."""
    h = round((x1 - x0) * 0.42)
    sheet.photos.append(Rect(x0, y, x1, y + h))
    y += h + 0.5 * grid.body
    size = look.caption_size * grid.body
    for row in break_lines(story.caption, x1 - x0, size):
        y += size
        sheet.text(x0, y, row, size, Ink("kai"))
        y += 0.4 * size
    return y + 0.8 * grid.body


def body_lines(grid: Grid, paragraphs: Sequence[str], dropcap: int = 0) -> List[Tuple[str, float, bool]]:
    """The body broken into (text, indent, last line of its paragraph); a drop capital's
    character is left out of the first paragraph and its lines are indented round it."""
    b, colw = grid.body, grid.column_width
    out: List[Tuple[str, float, bool]] = []
    for k, text in enumerate(paragraphs):
        if k == 0 and dropcap:
            rest = text[1:]
            cap_w = dropcap_size(grid, dropcap) + 0.3 * b
            for _ in range(dropcap):
                if not rest:
                    break
                row = break_lines(rest, colw, b, cap_w)[0]
                rest = rest[len(row):]
                out.append((row, cap_w, not rest))
            rows = break_lines(rest, colw, b) if rest else []
            out.extend((row, 0.0, i == len(rows) - 1) for i, row in enumerate(rows))
            continue
        rows = break_lines(text, colw, b, 2 * b)
        out.extend((row, 2 * b if i == 0 else 0.0, i == len(rows) - 1) for i, row in enumerate(rows))
    return out


def dropcap_size(grid: Grid, lines: int) -> float:
    """A drop capital as tall as `lines` body lines, from the first's top to the last's foot."""
    return (lines - 1) * grid.leading + grid.body


def set_body(sheet: Sheet, grid: Grid, story: Story, look: Look, first: int, count: int, y: float) -> float:
    """The paragraphs in `count` balanced columns from `first`; returns the foot."""
    rows = body_lines(grid, story.paragraphs, look.dropcap)
    per = math.ceil(len(rows) / count)
    foot = y
    for i, (text, indent, last) in enumerate(rows):
        col, row = divmod(i, per)
        x = grid.left(first + col)
        baseline = y + grid.body + row * grid.leading
        # A full line is justified to the column; a line set tight (closing punctuation
        # squeezed in at its end) is too, even a paragraph's last, so none overhangs.
        spacing = char_spacing(text, grid.column_width, grid.body, indent)
        spacing = min(spacing, 0.0) if last else spacing
        sheet.text(x + indent, baseline, text, grid.body, Ink("song"), spacing)
        foot = max(foot, baseline + 0.25 * grid.body)
    if look.dropcap:
        size = dropcap_size(grid, look.dropcap)
        # The capital's top meets the first line's top; its foot sits on the last line's.
        sheet.text(grid.left(first), y + grid.body + (look.dropcap - 1) * grid.leading,
                   story.paragraphs[0][0], size, Ink("xbs"))
    return foot


def set_story(sheet: Sheet, grid: Grid, story: Story, look: Look, first: int, count: int, top: float) -> float:
    """A whole story over columns first…first+count-1 from `top`; returns its foot."""
    x0, x1 = grid.span(first, count)
    y = set_headline(sheet, grid, story, look, x0, x1, top)
    if story.byline:
        sheet.text(x0, y + grid.body, story.byline, grid.body, look.byline_ink)
        y += grid.leading + 0.4 * grid.body
    if story.caption and look.photo:
        y = set_photo(sheet, grid, story, look, x0, x1, y)
    return set_body(sheet, grid, story, look, first, count, y)


# --- page furniture ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    """An inner page's header (报眉): left, centre and right items, an optional rule under."""

    left: str
    centre: str = ""
    right: str = ""
    under_left: str = ""
    """A second, smaller line under the left item (本版编辑 …)."""
    rule: bool = True
    centre_rgb: RGB = RED


def set_header(sheet: Sheet, grid: Grid, header: Header) -> float:
    """The header across the page; returns where the stories start."""
    b = grid.body
    m = grid.margin
    y = m + 1.6 * b
    sheet.text(m, y, header.left, 1.6 * b, Ink("hei"))
    if header.centre:
        size = 2.0 * b
        sheet.text((grid.width - width(header.centre, size)) / 2, y, header.centre, size,
                   Ink("xbs", header.centre_rgb))
    if header.right:
        sheet.text(grid.width - m - width(header.right, b), y, header.right, b)
    if header.under_left:
        y += 1.5 * b
        sheet.text(m, y, header.under_left, 0.9 * b)
    y += 0.8 * b
    if header.rule:
        sheet.lines.append(Line(m, y, grid.width - m, y, weight=1.0, rgb=BLACK))
    return y + 1.6 * b


@dataclass(frozen=True)
class Masthead:
    """Page one's masthead as printed: name, date block, and code lines that may carry
    several fields each."""

    paper: str
    date_lines: Tuple[str, ...]
    issue_line: str
    authority: Tuple[str, ...]
    code_lines: Tuple[str, ...]
    name_rgb: RGB = RED


def set_masthead(sheet: Sheet, grid: Grid, m: Masthead) -> float:
    """Name in large red type at the left, date block at the right, authority and code lines
    under the name, a rule under it all; returns where the stories start."""
    b = grid.body
    x0 = grid.margin
    # The name fills most of the width, as on a broadsheet; the date block beside it.
    name_size = 0.68 * (grid.width - 2 * grid.margin) / max(1.0, width(m.paper, 1.0))
    y = grid.margin + name_size
    sheet.text(x0, y, m.paper, name_size, Ink("xbs", m.name_rgb))
    y += 0.6 * name_size
    for line in m.authority:
        y += 1.1 * b
        sheet.text(x0, y, line, 0.9 * b)
    y += 0.6 * b
    for line in m.code_lines:
        y += 1.2 * b
        sheet.text(x0, y, line, 0.85 * b)
    right = grid.width - grid.margin
    ry = grid.margin
    for text, size in zip(m.date_lines, (1.1 * b, 2.4 * b, 1.1 * b)):
        ry += size * 1.05
        sheet.text(right - width(text, size) - 4, ry, text, size, Ink("hei") if size > 2 * b else Ink())
    ry += 1.3 * b
    sheet.text(right - width(m.issue_line, b) - 4, ry, m.issue_line, b)
    y = max(y, ry) + 0.8 * b
    sheet.lines.append(Line(grid.margin, y, right, y, weight=1.5, rgb=m.name_rgb))
    return y + 1.4 * b


def column_rule(sheet: Sheet, grid: Grid, column: int, top: float, bottom: float) -> None:
    """A thin rule down the gutter before `column`, between two stories side by side."""
    x = grid.left(column) - grid.gutter / 2
    sheet.lines.append(Line(x, top, x, bottom))


def band_rule(sheet: Sheet, grid: Grid, y: float) -> None:
    """A thin rule across the page under a band of stories."""
    sheet.lines.append(Line(grid.margin, y, grid.width - grid.margin, y))
