"""The typesetter: a laid-out issue as a PDF, the way page-layout systems write them.

CJK text in WenQuanYi Zen Hei, embedded as a subset with a ToUnicode map; each text frame is
its own text object; frames are written in a scrambled order (content-stream order is not
reading order); titles and masthead name are overprinted for a fake bold; image boxes are
grey rectangles, or small JPEG photos (Options.photos); thin rules separate articles. Output is deterministic (reportlab's
invariant mode): same layout, same bytes.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import subprocess
from typing import List, Optional

from laobao_convert.model import Issue

from tests.synth.geometry import Frame, IssueLayout, Options, PageLayout
from tests.synth.layout import build, place_issue
from tests.synth.metrics import char_width

FONT_NAME = "WQYZenHei"
FONT_FILE = "wqy-zenhei.ttc"
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", os.path.expanduser("~/.fonts"),
             os.path.expanduser("~/.local/share/fonts"))


def find_font() -> Optional[str]:
    """The font file's path, from the usual font directories or fontconfig; None if absent."""
    for root in FONT_DIRS:
        for dirpath, _dirs, files in os.walk(root):
            if FONT_FILE in files:
                return os.path.join(dirpath, FONT_FILE)
    if shutil.which("fc-match"):
        out = subprocess.run(["fc-match", "-f", "%{file}", "WenQuanYi Zen Hei"], capture_output=True, text=True)
        if out.returncode == 0 and out.stdout.endswith(FONT_FILE):
            return out.stdout
    return None


def require_typesetting() -> None:
    """Skip the calling test when reportlab or the CJK font is missing."""
    import pytest

    pytest.importorskip("reportlab")
    if find_font() is None:
        pytest.skip("the CJK font WenQuanYi Zen Hei (fonts-wqy-zenhei) is not installed")


def _register() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return
    path = find_font()
    if path is None:
        raise FileNotFoundError("the CJK font WenQuanYi Zen Hei (fonts-wqy-zenhei) is not installed")
    pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=0))


def set_line(canvas, text, font_name: str, x: float, y: float, line: str, size: float, spacing: float) -> None:
    """One line into a text object, its baseline at PDF coordinates (x, y)."""
    from reportlab.pdfbase import pdfmetrics

    font = pdfmetrics.getFont(font_name)
    text.setFont(font_name, size)
    text.setCharSpace(spacing)
    # A space is set as an em gap with no glyph, as typesetting systems do in CJK text.
    for i, run in enumerate(line.split(" ")):
        if i:
            x += size + spacing
        # Each run of one font subset is placed where it belongs: readers disagree on
        # whether character spacing follows a run's last glyph.
        pos = 0
        for _subset, chunk in font.splitString(run, canvas._doc):
            part = run[pos:pos + len(chunk)]
            pos += len(chunk)
            text.setTextOrigin(x, y)
            text.textOut(part)
            x += sum(char_width(ch, size) for ch in part) + len(part) * spacing


def _draw_frame(canvas, frame: Frame, height: float, dx: float = 0.0) -> None:
    text = canvas.beginText()
    for line in frame.lines:
        set_line(canvas, text, FONT_NAME, line.x + dx, height - line.y, line.text, line.size, line.spacing)
    canvas.drawText(text)


def _draw_page(canvas, page: PageLayout, options: Options, rng: random.Random) -> None:
    h = options.height
    canvas.setLineWidth(0.5)
    canvas.setStrokeGray(0.2)
    for x0, y0, x1, y1 in page.rules:
        canvas.line(x0, h - y0, x1, h - y1)
    for r in page.boxes:
        canvas.rect(r.x0, h - r.bottom, r.x1 - r.x0, r.bottom - r.top, stroke=1, fill=0)
    canvas.setFillGray(0.8)
    for k, r in enumerate(page.images):
        if options.photos:
            from reportlab.lib.utils import ImageReader

            photo = ImageReader(io.BytesIO(photo_jpeg(options.seed * 1009 + page.number * 31 + k, r)))
            canvas.drawImage(photo, r.x0, h - r.bottom, r.x1 - r.x0, r.bottom - r.top)
        else:
            canvas.rect(r.x0, h - r.bottom, r.x1 - r.x0, r.bottom - r.top, stroke=0, fill=1)
    canvas.setFillGray(0.0)
    # Frames in the order a layout system happened to create them, not reading order.
    draws: List[tuple] = []
    for frame in page.frames:
        draws.append((frame, 0.0))
        if any(line.bold for line in frame.lines):
            draws.append((frame, 0.3))
    rng.shuffle(draws)
    for frame, dx in draws:
        _draw_frame(canvas, frame, h, dx)


def photo_jpeg(seed: int, box, scale: float = 1.0) -> bytes:
    """A small photo-like JPEG for an image box (a sky, a ground, a few shapes), the same
    bytes for the same seed: about one pixel per point of the box."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    w, h = max(8, int((box.x1 - box.x0) * scale)), max(8, int((box.bottom - box.top) * scale))
    picture = Image.new("RGB", (w, h))
    draw = ImageDraw.Draw(picture)
    sky = tuple(rng.randrange(90, 200) for _ in range(3))
    for y in range(h):  # a sky fading into the ground
        shade = y / h
        draw.line([(0, y), (w, y)], fill=tuple(int(c * (1 - shade) + 60 * shade) for c in sky))
    for _ in range(6):
        x0, y0 = rng.randrange(w), rng.randrange(h)
        x1, y1 = x0 + rng.randrange(4, max(5, w // 3)), y0 + rng.randrange(4, max(5, h // 3))
        draw.ellipse([x0, y0, x1, y1], fill=tuple(rng.randrange(256) for _ in range(3)))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=75)
    return out.getvalue()


def typeset(layout: IssueLayout, pages: Optional[List[int]] = None) -> bytes:
    """The issue (or the listed pages of it) as PDF bytes."""
    from reportlab.pdfgen.canvas import Canvas

    _register()
    o = layout.options
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(o.width, o.height), invariant=1, pageCompression=1)
    canvas.setTitle("")
    canvas.setAuthor("")
    canvas.setCreator("")
    canvas.setProducer("")
    for page in layout.pages:
        if pages is not None and page.number not in pages:
            continue
        # Seeded per page, so a page set alone is the same page as in the whole issue.
        _draw_page(canvas, page, o, random.Random(o.seed * 7919 + page.number))
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def generate(options: Options = Options()) -> tuple:
    """Layout and PDF in one step: (IssueLayout, bytes)."""
    layout = build(options)
    return layout, typeset(layout)


def typeset_issue(issue: Issue, options: Options = Options()) -> bytes:
    """Any Issue (e.g. one parsed from text) set as a PDF: its articles on their pages."""
    return typeset(place_issue(issue, options))


# The benchmark issue: eight pages of about 47,000 glyphs (seed 8: 48,837 glyphs, 270 kB).
BENCHMARK = Options(seed=8, pages=8, articles=5)


def benchmark_issue(options: Options = BENCHMARK) -> tuple:
    """(IssueLayout, PDF bytes) of the eight-page benchmark issue."""
    return generate(options)
