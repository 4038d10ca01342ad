"""The OCR reader: geometry from recognised lines (no OCR needed), and one small page image the
test draws itself, read by RapidOCR when the 'ocr' extra is installed (CI installs it)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from laobao_convert.cli import main
from laobao_convert.errors import UnreadablePageError
from laobao_convert.readers import ReadOptions, ocr, ocr_engine, read_input
from laobao_convert.readers import ocr_geometry as geometry
from laobao_convert.readers.ocr_engine import OcrLine

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
needs_font = pytest.mark.skipif(not FONT.exists(), reason="needs fonts-wqy-zenhei")
needs_ocr = pytest.mark.skipif(not ocr_engine.available(), reason="needs the 'ocr' extra")

HEADLINE = "全省新增就业稳步增长"
BODY = (
    "本报讯（记者张明）三月全省城镇新增就业人数继续增加，",
    "各地人社部门加强就业服务，开展招聘活动一百余场，",
    "帮助高校毕业生和农民工实现就业。省人社厅表示，",
    "下一步将继续落实稳就业政策，扩大就业容量。",
)


def line(text, x0, top, x1, bottom, confidence=0.99, turned=False) -> OcrLine:
    return OcrLine(((x0, top), (x1, top), (x1, bottom), (x0, bottom)), text, confidence, turned)


# --- geometry, no OCR -------------------------------------------------------------------------


def test_a_level_page_has_no_skew_and_a_leaning_one_is_measured():
    level = [line("一二三四五六七八九十", 10, 100 + 30 * i, 250, 124 + 30 * i) for i in range(5)]
    assert geometry.skew_angle(level) == pytest.approx(0.0)
    lean = []
    for i in range(5):
        y = 100 + 30 * i
        lean.append(OcrLine(((10, y), (250, y + 4.19), (250, y + 28.19), (10, y + 24)), "一二三四五六七八九十", 0.99))
    assert geometry.skew_angle(lean) == pytest.approx(1.0, abs=0.01)


def test_straightening_turns_points_back_and_half_round():
    matrix = geometry.straightening(200, 100, 0.0, turned=True)
    assert geometry.apply(matrix, 10, 20) == pytest.approx((190, 80))
    matrix = geometry.straightening(200, 100, 1.0, turned=False)
    x, y = geometry.apply(matrix, 200, 50)  # the right edge's middle, lifted by the lean
    assert y == pytest.approx(50 - 100 * 0.01745, abs=0.01)


def test_upside_down_is_decided_by_most_characters():
    assert geometry.upside_down([line("一二三四", 0, 0, 1, 1, turned=True), line("五六", 0, 0, 1, 1)])
    assert not geometry.upside_down([line("一二", 0, 0, 1, 1, turned=True), line("三四五六", 0, 0, 1, 1)])


def test_type_size_comes_from_the_page_own_lines():
    # Twelve characters of 20 px in boxes padded by 2 px all round: 244 x 24.
    body = [geometry.PlacedLine("一二三四五六七八九十一二", 0, 30 * i, 244, 30 * i + 24, 0.99) for i in range(6)]
    assert geometry.char_share(body) == pytest.approx(20 / 24)
    quoted = geometry.PlacedLine("“一二三四五六七八九十一”", 0, 200, 234, 227, 0.99)  # quotes reach higher
    sizes = geometry.line_sizes(body + [quoted])
    assert sizes[:6] == pytest.approx([20] * 6)
    assert sizes[6] == pytest.approx(20, rel=0.05)


def test_sizes_that_wobble_snap_to_the_size_most_lines_share():
    snapped = geometry.snap_sizes([20.0, 20.4, 19.8, 20.2, 30.0, 30.6, 20.9])
    assert len(set(snapped[:4])) == 1 and snapped[6] == snapped[0]
    assert snapped[4] == snapped[5] != snapped[0]
    # After the body, sizes snap finer: a kicker a tenth larger than the body keeps its size.
    snapped = geometry.snap_sizes([20.0, 20.4, 19.8, 20.2, 20.9, 21.2, 21.6, 22.4, 22.6])
    assert snapped[-1] == snapped[-2] > 1.08 * snapped[0]


def test_a_line_box_is_shared_out_over_its_characters():
    placed = geometry.PlacedLine("中文AB 中", 0, 0, 104, 24, 0.99)
    glyphs = geometry.glyphs_of(placed, 20, 0.5)
    assert [g.text for g in glyphs] == ["中", "文", "A", "B", "中"]
    widths = [g.x1 - g.x0 for g in glyphs]
    assert widths[0] == pytest.approx(2 * widths[2])
    assert glyphs[3].x1 < glyphs[4].x0  # the space stays a gap
    assert glyphs[0].size == pytest.approx(10) and glyphs[0].x0 == pytest.approx(1)


def test_the_lines_of_one_headline_get_one_size_though_their_boxes_differ_in_height():
    body = [geometry.PlacedLine("一二三四五六七八九十一二", 0, 30 * i, 244, 30 * i + 24, 0.99) for i in range(8)]
    # Two lines of a 40 px title, boxes padded by 4 px; the first reaches lower (a comma).
    first = geometry.PlacedLine("以确保资本的可持续投入，艺", 0, 300, 528, 352, 0.99)
    second = geometry.PlacedLine("术节新创品牌", 0, 352, 248, 400, 0.99)
    sizes = geometry.line_sizes(body + [first, second])
    assert sizes[-2] == pytest.approx(sizes[-1], rel=0.03)
    spaced = geometry.PlacedLine("新闻发布会", 0, 400, 500, 448, 0.99)  # letter-spaced: height says
    assert geometry.line_sizes(body + [spaced])[-1] == pytest.approx(40, rel=0.05)
    # The rest of a wrapped title, too short to measure by width, in a box a quote makes taller.
    rest = geometry.PlacedLine("链”", 0, 402, 84, 458, 0.99)
    assert geometry.line_sizes(body + [first, second, rest])[-1] == sizes[-1]


def test_paper_the_text_shows_no_space_for_is_not_counted_in_its_characters():
    body = [geometry.PlacedLine("一二三四五六七八九十一二", 0, 30 * i, 244, 30 * i + 24, 0.99) for i in range(8)]
    dropped = geometry.PlacedLine("本报讯记者张明", 0, 300, 184, 324, 0.99, blank=40)  # 7 ems and a 2-em gap
    assert geometry.line_sizes(body + [dropped])[-1] == pytest.approx(20)


def columns_page(joined_row=5, rows=12, headline=False):
    """Two columns of body 'type' (20 px squares, 2 px apart, 30 px line pitch) with a 36 px
    gutter, as ink on paper; and their line boxes, one row's two lines read as one box, as the
    detector sometimes reads them. The left column's row 8 has a wide space in it."""
    import numpy

    grey = numpy.full((40 + 30 * rows, 600), 255, dtype=numpy.uint8)
    if headline:  # large type across both columns, just over the first row
        grey[2:14, 20:560] = 0
    lines = []
    for row in range(rows):
        top = 20 + 30 * row
        for column, x0 in enumerate((20, 20 + 11 * 22 + 34)):
            for k in range(11):
                if row == 8 and column == 0 and k in (4, 5):
                    continue  # two empty ems inside a line (a wide space)
                grey[top:top + 20, x0 + 22 * k: x0 + 22 * k + 20] = 0
        boxes = [(18, 20 + 11 * 22), (20 + 11 * 22 + 32, 20 + 11 * 22 + 34 + 11 * 22)]
        if row == joined_row:
            boxes = [(boxes[0][0], boxes[1][1])]
        for x0, x1 in boxes:
            text = "一" * (22 if x1 - x0 > 300 else 11)
            lines.append(line(text, x0, top - 2, x1, top + 22))
    return grey, lines


def test_a_line_read_across_a_column_gutter_is_cut_there_and_nowhere_else():
    from laobao_convert.readers import ocr_gutters

    grey, lines = columns_page()
    found = [(index, parts) for index, parts, _ in ocr_gutters.pieces(grey, lines) if len(parts) > 1]
    assert len(found) == 1
    index, parts = found[0]
    assert lines[index].corners[0][1] == 20 + 30 * 5 - 2
    (left, right) = parts
    assert left[1][0] <= 20 + 11 * 22 + 10 and right[0][0] >= 20 + 11 * 22 + 20
    # A line whose gap sits in a column (type above and below it) is left whole; the paper
    # its gap takes is told, so that its characters are not measured the wider for it.
    (gap,) = [(parts, blank) for index, parts, blank in ocr_gutters.pieces(grey, lines)
              if lines[index].corners[0][1] == 20 + 30 * 8 - 2]
    assert len(gap[0]) == 1 and gap[1] > 10


def test_a_first_row_under_a_headline_is_cut_where_the_lines_below_show_the_gutter():
    from laobao_convert.readers import ocr_gutters

    grey, lines = columns_page(joined_row=0, headline=True)
    found = [(index, parts) for index, parts, _ in ocr_gutters.pieces(grey, lines) if len(parts) > 1]
    assert [lines[index].corners[0][1] for index, _ in found] == [18]


def test_a_piece_opening_with_a_quote_is_moved_back_to_its_column_edge():
    from laobao_convert.readers import ocr_gutters

    box = ((100.0, 10.0), (300.0, 10.0), (300.0, 34.0), (100.0, 34.0))
    assert ocr_gutters.opened(box, 10.0) == ((90.0, 10.0), (300.0, 10.0), (300.0, 34.0), (90.0, 34.0))


def test_a_photo_page_is_skipped_with_a_warning():
    from PIL import ImageDraw

    image = blank()
    ImageDraw.Draw(image).rectangle((50, 50, 550, 700), fill=90)
    result = ocr.read_page(image, 200, 300, True, "page 2", 2, ocr_engine.OcrPage(600, 800, ()))
    assert result.geometry is None and [w.code for w in result.warnings] == ["no-text-page"]
    job = ocr.PageJob(b"", "scan.pdf", 1, "page 2", 2, False, True)
    with pytest.raises(UnreadablePageError, match="no page"):  # nothing else to read: the input fails
        ocr.document_of([job], [result], b"", "scan.pdf", "pdf")


def test_doubtful_lines_are_noted_and_a_doubtful_page_warned():
    good = geometry.PlacedLine("一二三四五六", 0, 0, 10, 10, 0.99)
    bad = geometry.PlacedLine("七八九十", 0, 0, 10, 10, 0.4)
    notes = ocr.confidence_notes([good, bad], "page 1", 1)
    assert [(n.code, n.level) for n in notes] == [("ocr-doubtful-lines", "info"), ("ocr-low-confidence", "warning")]
    assert ocr.confidence_notes([good], "page 1", 1) == []


def test_page_images_are_known_by_their_bytes_and_rendered_to_their_size():
    assert ocr.is_image(b"\x89PNG\r\n\x1a\n....") and ocr.is_image(b"\xff\xd8\xff\xe0") and ocr.is_image(b"II*\x00")
    assert not ocr.is_image(b"%PDF-1.7")
    assert ocr.render_dpi(850, 1219) == pytest.approx(2600 * 72 / 1219)
    assert ocr.render_dpi(850, 1219, native_dpi=120) == 120
    assert ocr.render_dpi(200, 300) == ocr.MAX_DPI


def test_without_the_extra_a_scan_fails_saying_what_to_install(monkeypatch):
    monkeypatch.setattr(ocr_engine, "available", lambda: False)
    with pytest.raises(UnreadablePageError, match=r"pip install 'laobao-convert\[ocr\]'"):
        read_input(png(blank()), "scan.png")


def test_a_blank_page_image_is_an_unreadable_input_not_a_crash():
    with pytest.raises(UnreadablePageError, match="no page"):
        ocr.document_of([], [], b"", "scan.png", "image")
    result = ocr.read_page(blank(), 200, 300, True, "page 1", 1)
    assert result.geometry is None and [w.code for w in result.warnings] == ["blank-page"]


# --- one page image, read by OCR --------------------------------------------------------------


def blank(width=600, height=800):
    from PIL import Image

    return Image.new("L", (width, height), 255)


def png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(150, 150))
    return buffer.getvalue()


def drawn_page():
    """A small page: a headline in large type over a column of body text, at 150 dpi."""
    from PIL import ImageDraw, ImageFont

    image = blank(900, 520)
    draw = ImageDraw.Draw(image)
    draw.text((60, 40), HEADLINE, font=ImageFont.truetype(str(FONT), 48), fill=0)
    draw.line((60, 115, 840, 115), fill=0, width=2)
    body = ImageFont.truetype(str(FONT), 24)
    for i, text in enumerate(BODY):
        draw.text((60 + (48 if i == 0 else 0), 150 + 40 * i), text, font=body, fill=0)
    return image


@pytest.fixture(scope="module")
def page_png():
    if not FONT.exists() or not ocr_engine.available():
        pytest.skip("needs fonts-wqy-zenhei and the 'ocr' extra")
    return png(drawn_page())


@needs_font
@needs_ocr
def test_a_page_image_is_read_into_blocks_by_the_layout_engine(page_png):
    document = read_input(page_png, "20240424_01.png")
    (page,) = document.pages
    text = "".join(block.text.replace("\n", "") for block in page.blocks)
    assert HEADLINE in text
    assert "三月全省城镇新增就业人数继续增加" in text
    headline = next(block for block in page.blocks if HEADLINE in block.text)
    assert headline.heading
    assert page.number_hint == 1 and any(g.kind == "rule" for g in page.graphics)


@needs_font
@needs_ocr
def test_an_upside_down_page_is_turned_round_with_a_warning(page_png):
    from PIL import Image

    turned = png(Image.open(io.BytesIO(page_png)).rotate(180))
    document = read_input(turned, "scan.png")
    assert "upside-down" in [w.code for w in document.warnings]
    blocks = document.pages[0].blocks
    assert HEADLINE in blocks[0].text.replace("\n", "")


@needs_font
@needs_ocr
def test_the_command_reads_a_page_image_and_never_means_never(page_png, tmp_path):
    source = tmp_path / "20240424_01.png"
    source.write_bytes(page_png)
    result = CliRunner().invoke(main, [str(source), "--to", "json", "-o", str(tmp_path / "out.json"), "-j", "1"])
    assert result.exit_code == 0, result.stderr
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert HEADLINE in json.dumps(data["articles"], ensure_ascii=False)
    # Every block read by OCR says how sure the recogniser was of its least sure line, and
    # names the lines it doubted (below the note's threshold), as read.
    blocks = [block for article in data["articles"] for block in article["blocks"]]
    assert blocks and all(0 < block["confidence"] <= 1 for block in blocks)
    for block in blocks:
        assert bool(block["doubtful"]) == (block["confidence"] < 0.8)
        assert all(line.replace(" ", "") in block["text"].replace(" ", "") for line in block["doubtful"])
    result = CliRunner().invoke(main, [str(source), "--to", "json", "-o", str(tmp_path / "never.json"), "--ocr", "never"])
    assert result.exit_code == 1 and "--ocr never" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "never.json").exists()


@needs_font
@needs_ocr
def test_a_scanned_pdf_page_is_read_by_ocr(page_png):
    from PIL import Image

    buffer = io.BytesIO()
    Image.open(io.BytesIO(page_png)).convert("RGB").save(buffer, format="PDF", resolution=150)
    assert b"%PDF" in buffer.getvalue()[:8]
    document = read_input(buffer.getvalue(), "scan.pdf", ReadOptions())
    assert HEADLINE in "".join(b.text.replace("\n", "") for b in document.pages[0].blocks)
    with pytest.raises(UnreadablePageError, match="text layer"):
        read_input(buffer.getvalue(), "scan.pdf", ReadOptions(ocr="never"))


@needs_font
@needs_ocr
def test_alto_of_an_ocred_page_gives_each_word_its_lines_confidence(page_png, tmp_path):
    from tests.mets_checks import alto_problems, package_files

    source = tmp_path / "20240424_01.png"
    source.write_bytes(page_png)
    out = tmp_path / "issue.zip"
    result = CliRunner().invoke(main, [str(source), "--to", "mets", "-o", str(out), "-j", "1", "-q"])
    assert result.exit_code == 0, result.stderr
    altos = [data for name, data in package_files(out).items() if name.startswith("alto/")]
    assert altos and all(alto_problems(data) == [] for data in altos)
    words = [w for data in altos for w in data.decode("utf-8").split("<String ")[1:]]
    assert words and all(' WC="' in w for w in words)
