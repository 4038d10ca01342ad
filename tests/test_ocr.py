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
    snapped = geometry.snap_sizes([20.0, 20.4, 19.8, 20.2, 30.0, 31.0, 20.9])
    assert len(set(snapped[:4])) == 1 and snapped[6] == snapped[0]
    assert snapped[4] == snapped[5] != snapped[0]


def test_a_line_box_is_shared_out_over_its_characters():
    placed = geometry.PlacedLine("中文AB 中", 0, 0, 104, 24, 0.99)
    glyphs = geometry.glyphs_of(placed, 20, 0.5)
    assert [g.text for g in glyphs] == ["中", "文", "A", "B", "中"]
    widths = [g.x1 - g.x0 for g in glyphs]
    assert widths[0] == pytest.approx(2 * widths[2])
    assert glyphs[3].x1 < glyphs[4].x0  # the space stays a gap
    assert glyphs[0].size == pytest.approx(10) and glyphs[0].x0 == pytest.approx(1)


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
