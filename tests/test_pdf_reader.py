"""The PDF reader (laobao_convert.readers.pdf) on small PDFs typeset here with reportlab and on
the committed sample issue: lines, spaces, fake bold, reading order, hints, determinism."""

from __future__ import annotations

import hashlib
import io
from collections import Counter
from pathlib import Path

import pytest

from laobao_convert.readers import ReadOptions, read_input
from laobao_convert.readers.pdf import number_from_name, read_pdf

def _font() -> Path:
    from tests.synth.pdf import find_font  # searches the usual font directories and fontconfig

    found = find_font()
    return Path(found) if found else Path("wqy-zenhei.ttc")


FONT = _font()
pytestmark = pytest.mark.skipif(not FONT.exists(), reason="the CJK font fonts-wqy-zenhei is not installed")

BODY = 9.0
COL = 10 * BODY  # ten characters a column
GUTTER = BODY


def canvas(buffer, pages_size=(620, 800)):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    if "WQY" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("WQY", str(FONT), subfontIndex=0))
    return Canvas(buffer, pagesize=pages_size, invariant=1)


def frame(c, lines, x, top, size=BODY, pitch=14.0, height=800, bold_offset=None):
    """One text frame, as a layout system writes it: its own text object."""
    for copy in ([0.0] if bold_offset is None else [0.0, bold_offset]):
        text = c.beginText()
        text.setFont("WQY", size)
        for n, line in enumerate(lines):
            indent = 0.0
            while line.startswith("\u3000"):
                indent += size
                line = line[1:]
            text.setTextOrigin(x + indent + copy, height - top - size - n * pitch)
            text.textOut(line)
        c.drawText(text)


def column_lines(text, first_indent=True):
    lines, rest, first = [], text, first_indent
    while rest:
        room = 8 if first else 10
        lines.append(("\u3000\u3000" if first else "") + rest[:room])
        rest, first = rest[room:], False
    return lines


ARTICLE = "人力资源社会保障部门坚持就业优先战略稳定岗位扩大内需促进增收" * 3


def two_column_page(scrambled: bool) -> bytes:
    """A headline over two columns of one article, and a one-column article beside them."""
    buffer = io.BytesIO()
    c = canvas(buffer)
    lines = column_lines(ARTICLE)
    first, second = lines[:8], lines[8:]
    x = [20 + i * (COL + GUTTER) for i in range(5)]
    frames = [
        lambda: frame(c, ["稳就业促增收"], x[0], 40, size=24, bold_offset=0.4),
        lambda: frame(c, first, x[0], 80),
        lambda: frame(c, second, x[1], 80),
        lambda: frame(c, ["技能人才"], x[3], 40, size=20),
        lambda: frame(c, column_lines("职业技能提升行动取得明显成效" * 2), x[3], 80),
    ]
    for draw in (frames[::-1] if scrambled else frames):
        draw()
    c.setLineWidth(0.5)
    c.line(x[3] - GUTTER / 2, 40, x[3] - GUTTER / 2, 400)
    c.showPage()
    c.save()
    return buffer.getvalue()


def texts(document, page=0):
    return [block.text for block in document.pages[page].blocks]


def test_document_carries_source_kind_and_geometry():
    data = two_column_page(scrambled=False)
    doc = read_pdf(data, "/some/where/20240424_03.pdf", ReadOptions())
    assert doc.kind == "pdf"
    assert doc.source.name == "20240424_03.pdf"
    assert doc.source.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.source.pages == 1 and len(doc.pages) == 1
    page = doc.pages[0]
    assert (page.width, page.height) == (620, 800)
    assert page.body_size == BODY
    assert page.number_hint == 3 and page.source == "20240424_03.pdf"


def test_reading_order_comes_from_geometry_not_the_content_stream():
    straight = read_pdf(two_column_page(scrambled=False), "a.pdf")
    scrambled = read_pdf(two_column_page(scrambled=True), "a.pdf")
    assert texts(straight) == texts(scrambled)
    blocks = straight.pages[0].blocks
    first_region = [b for b in blocks if b.region == 0 and b.role != "title"]
    assert "".join(line.text for b in first_region for line in b.lines) == ARTICLE
    assert [b.text for b in blocks if b.role == "title"] == ["稳就业促增收", "技能人才"]


def test_fake_bold_is_one_glyph_and_marks_the_line_bold():
    doc = read_pdf(two_column_page(scrambled=False), "a.pdf")
    (title,) = [b for b in doc.pages[0].blocks if b.text == "稳就业促增收"]
    assert title.lines[0].bold and title.heading
    assert not any(b.lines[0].bold for b in doc.pages[0].blocks if b.role == "body")


def test_latin_words_and_numbers_keep_their_spaces():
    buffer = io.BytesIO()
    c = canvas(buffer)
    frame(c, ["国内统一连续出版物号:CN 11-0022", "ZHONGGUO LAODONG BAOZHANG BAO"], 40, 100)
    c.showPage()
    c.save()
    assert texts(read_pdf(buffer.getvalue(), "a.pdf")) == ["国内统一连续出版物号:CN 11-0022\nZHONGGUO LAODONG BAOZHANG BAO"]


def test_paragraph_edges_are_marked():
    doc = read_pdf(two_column_page(scrambled=False), "a.pdf")
    body = [b for b in doc.pages[0].blocks if b.region == 0 and b.role != "title"]
    assert body[0].starts_paragraph is True
    assert body[0].ends_paragraph is False  # the paragraph runs on into the next column
    assert body[-1].starts_paragraph is False and body[-1].ends_paragraph is True


def test_reading_is_deterministic():
    data = two_column_page(scrambled=True)
    assert read_pdf(data, "a.pdf") == read_pdf(data, "a.pdf")


def photo_page(rule: bool) -> bytes:
    """Two articles side by side, a photo each: the first's caption beside its photo (foot level
    with the photo's), the second's under its photo; the first caption sits as close to the
    second photo as to its own. Each frame is a caption text and a credit set flush right."""
    buffer = io.BytesIO()
    c = canvas(buffer)
    x = [20 + i * (COL + 2 * GUTTER) for i in range(6)]
    c.setFillGray(0.8)
    for left, top in ((x[0], 100), (x[2], 97)):
        c.rect(left, 800 - top - 96, COL, 96, stroke=0, fill=1)
    c.setFillGray(0)
    frame(c, ["养老服务暖心"], x[0], 50, size=20)
    frame(c, ["技能培训增收"], x[2], 50, size=20)
    small = 7.5
    frame(c, ["十一月十三日企业招", "聘人员介绍岗位。"], x[1], 171, size=small, pitch=10.5)
    frame(c, ["通讯员甲乙摄"], x[1] + COL - 6 * small, 192, size=small)
    frame(c, ["图为志愿者向老年人", "讲解养老保险政策。"], x[2], 200, size=small, pitch=10.5)
    frame(c, ["记者丙丁摄"], x[2] + COL - 5 * small, 221, size=small)
    frame(c, column_lines(ARTICLE[:60]), x[0], 215)
    frame(c, column_lines(ARTICLE[60:100], first_indent=False), x[1], 215)
    frame(c, column_lines("职业技能提升行动取得明显成效" * 2), x[2], 240)
    if rule:
        c.setLineWidth(0.5)
        c.line(x[2] - GUTTER, 800 - 45, x[2] - GUTTER, 800 - 400)
    c.showPage()
    c.save()
    return buffer.getvalue()


@pytest.mark.parametrize("rule", [True, False], ids=["ruled", "unruled"])
def test_neighbouring_captions_stay_apart_each_with_its_article(rule):
    blocks = read_pdf(photo_page(rule), "a.pdf").pages[0].blocks
    captions = [b for b in blocks if b.role == "caption"]
    assert [b.text.replace("\n", "") for b in captions] == [
        "十一月十三日企业招聘人员介绍岗位。通讯员甲乙摄",
        "图为志愿者向老年人讲解养老保险政策。记者丙丁摄",
    ]
    (first_title,) = [b for b in blocks if b.text == "养老服务暖心"]
    (second_title,) = [b for b in blocks if b.text == "技能培训增收"]
    assert [b.region for b in captions] == [first_title.region, second_title.region]
    first_body = "".join(line.text for b in blocks if b.region == first_title.region and b.role == "body" for line in b.lines)
    assert first_body == ARTICLE[:100]


def test_read_input_recognises_a_pdf_by_its_bytes():
    doc = read_input(two_column_page(scrambled=False), "no-extension")
    assert doc.kind == "pdf"


@pytest.mark.parametrize(
    "name, number",
    [
        ("20240424_03.pdf", 3),
        ("dir/20240424-12.pdf", 12),
        ("rmrb2024042403.pdf", 3),
        ("page-7.pdf", 7),
        ("20240424.pdf", None),
        ("issue.pdf", None),
        ("issue-2024.pdf", None),
    ],
)
def test_page_number_from_a_per_page_file_name(name, number):
    assert number_from_name(name) == number


def test_pages_of_a_whole_issue_are_numbered_by_position():
    buffer = io.BytesIO()
    c = canvas(buffer)
    for n in range(3):
        frame(c, [f"第{n + 1}页的文字"], 40, 100)
        c.showPage()
    c.save()
    doc = read_pdf(buffer.getvalue(), "20240424_05.pdf")
    assert [p.number_hint for p in doc.pages] == [1, 2, 3]
    assert [p.index for p in doc.pages] == [0, 1, 2]


def _glyph_multiset(data: bytes) -> Counter:
    """Every glyph the PDF draws, a copy drawn over another (within 1 pt) counted once: the
    plain definition, checked pairwise."""
    import pdfplumber

    counts = Counter()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            kept = {}
            for char in page.chars:
                if char["text"].isspace():
                    continue
                same = kept.setdefault(char["text"], [])
                if not any(abs(x - char["x0"]) < 1 and abs(t - char["top"]) < 1 for x, t in same):
                    same.append((char["x0"], char["top"]))
                    counts[char["text"]] += 1
    return counts


@pytest.fixture(scope="module")
def sample_pdf(repo_root):
    path = repo_root / "samples" / "sample-issue.pdf"
    if not path.exists():
        pytest.skip("samples/sample-issue.pdf is not generated yet")
    return path


@pytest.fixture(scope="module")
def sample_doc(sample_pdf):
    return read_pdf(sample_pdf.read_bytes(), sample_pdf.name)


def test_no_character_of_the_sample_issue_is_lost_or_invented(sample_pdf, sample_doc):
    data = sample_pdf.read_bytes()
    doc = sample_doc
    got = Counter(ch for page in doc.pages for block in page.blocks for ch in block.text if not ch.isspace())
    assert got == _glyph_multiset(data)


def split_pages(data: bytes):
    """The pages of a PDF as one-page PDFs, as e-paper sites serve them."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        writer = PdfWriter()
        writer.add_page(page)
        out = io.BytesIO()
        writer.write(out)
        yield out.getvalue()


def test_an_issue_reads_alike_whole_and_page_by_page(sample_pdf, sample_doc):
    data = sample_pdf.read_bytes()
    whole = sample_doc
    for number, one in enumerate(split_pages(data), 1):
        (page,) = read_pdf(one, f"20240424_{number:02d}.pdf").pages
        assert page.number_hint == number
        assert page.blocks == whole.pages[number - 1].blocks


def test_sample_issue_has_the_furniture_a_daily_prints(sample_doc):
    doc = sample_doc
    first, inner = doc.pages[0], doc.pages[1:]
    masthead = [b for b in first.blocks if b.role == "masthead"]
    assert masthead and max(b.lines[0].size for b in masthead) == max(
        line.size for b in first.blocks for line in b.lines
    )
    assert all(any(b.role == "header" for b in page.blocks) for page in inner)
    assert any(b.role == "box" for b in first.blocks)  # the framed 导读
    for page in doc.pages:
        assert any(b.role == "title" for b in page.blocks)
        assert any(b.role == "caption" for b in page.blocks)
        regions = [b.region for b in page.blocks if b.region is not None]
        assert regions == sorted(regions)  # regions are read one after another
