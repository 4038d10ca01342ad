"""Bad PDFs give the right ConvertError in one line, never a traceback: empty, junk, truncated,
flipped bytes, encrypted, no pages, a scanned page, glyphs without Unicode."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest

from laobao_convert.errors import ConvertError, PdfError, UnreadablePageError
from laobao_convert.readers import ReadOptions
from laobao_convert.readers.pdf import read_pdf


@pytest.fixture(autouse=True, params=["pdfium", "pdfplumber"])
def engine(request, monkeypatch):
    """Every bad input fails as cleanly with either engine."""
    monkeypatch.setattr("laobao_convert.readers.DEFAULT_PDF_ENGINE", request.param)
    return request.param

def _font() -> Path:
    from tests.synth.pdf import find_font  # searches the usual font directories and fontconfig

    found = find_font()
    return Path(found) if found else Path("wqy-zenhei.ttc")


FONT = _font()
needs_font = pytest.mark.skipif(not FONT.exists(), reason="the CJK font fonts-wqy-zenhei is not installed")


def text_pdf(pages=("第一版的文字内容",)) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    if "WQY" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("WQY", str(FONT), subfontIndex=0))
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=(400, 500), invariant=1)
    for text in pages:
        if text is None:  # a scanned page: a picture and no text layer
            from PIL import Image

            c.drawInlineImage(Image.new("L", (60, 80), 128), 20, 20, 360, 460)
        else:
            c.setFont("WQY", 10)
            c.drawString(40, 400, text)
        c.showPage()
    c.save()
    return buffer.getvalue()


def cid_pdf() -> bytes:
    """One page whose font has no ToUnicode map: its glyphs extract as (cid:N)."""
    stream = b"BT /F1 12 Tf 20 200 Td <0012003400560078009a00bc> Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Resources << /Font << /F1 5 0 R >> >>"
        b" /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Foo /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Foo"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def encrypted(data: bytes, user: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user, owner_password="owner-secret", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def no_pages() -> bytes:
    from pypdf import PdfWriter

    out = io.BytesIO()
    PdfWriter().write(out)
    return out.getvalue()


def one_line(error: ConvertError) -> bool:
    return bool(error.message) and "\n" not in error.message and "Traceback" not in error.message


@pytest.mark.parametrize(
    "data",
    [b"", b"%PDF-1.7\n", b"%PDF-1.4\nthis is not a pdf at all\n%%EOF", b"%PDF-" + bytes(range(256)) * 8],
    ids=["empty", "header-only", "junk", "binary-junk"],
)
def test_junk_is_a_pdf_error(data):
    with pytest.raises(PdfError) as caught:
        read_pdf(data, "junk.pdf", ReadOptions())
    assert one_line(caught.value) and caught.value.where == "junk.pdf"


@needs_font
@pytest.mark.parametrize("share", [0.1, 0.5, 0.9])
def test_truncated_file_is_a_pdf_error(share):
    data = text_pdf()
    with pytest.raises(PdfError) as caught:
        read_pdf(data[: int(len(data) * share)], "cut.pdf")
    assert one_line(caught.value)


@needs_font
def test_flipped_bytes_never_escape_as_a_traceback():
    data = text_pdf(("第一版", "第二版"))
    rng = random.Random(20240424)
    for _ in range(40):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 30)):
            damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
        try:
            read_pdf(bytes(damaged), "flipped.pdf")
        except ConvertError as error:
            assert one_line(error)


@needs_font
def test_user_password_is_a_pdf_error_naming_the_cause():
    with pytest.raises(PdfError, match="password") as caught:
        read_pdf(encrypted(text_pdf(), user="secret"), "locked.pdf")
    assert one_line(caught.value)


@needs_font
def test_empty_user_password_opens():
    doc = read_pdf(encrypted(text_pdf(), user=""), "owner-only.pdf")
    assert [b.text for b in doc.pages[0].blocks] == ["第一版的文字内容"]


def test_no_pages_is_a_pdf_error():
    with pytest.raises(PdfError, match="no pages"):
        read_pdf(no_pages(), "empty.pdf")


@needs_font
def test_scanned_page_is_unreadable_and_named():
    with pytest.raises(UnreadablePageError) as caught:
        read_pdf(text_pdf(("第一版", None)), "issue.pdf", ReadOptions(ocr="never"))
    assert caught.value.page == 2
    assert "page 2" in caught.value.message and one_line(caught.value)


@needs_font
def test_scanned_page_is_skipped_with_a_warning_when_asked():
    doc = read_pdf(text_pdf(("第一版", None, "第三版")), "issue.pdf", ReadOptions(skip_bad_pages=True, ocr="never"))
    assert [p.number_hint for p in doc.pages] == [1, 3]
    assert doc.source.pages == 2
    (warning,) = doc.warnings
    assert warning.code == "unreadable-page" and warning.page == 2 and "page 2" in warning.message


def test_glyphs_without_unicode_make_the_page_unreadable():
    with pytest.raises(UnreadablePageError, match="page 1"):
        read_pdf(cid_pdf(), "cid.pdf", ReadOptions(ocr="never"))


def test_every_page_unreadable_is_an_error_even_when_skipping():
    with pytest.raises(UnreadablePageError):
        read_pdf(cid_pdf(), "cid.pdf", ReadOptions(skip_bad_pages=True, ocr="never"))
