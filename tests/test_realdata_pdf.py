"""Real PDFs of other papers (../shared/realdata/pdf, reached through the shared_dir fixture):
each converts or fails cleanly, never crashes; what they hold comes through whole."""

from __future__ import annotations

import io
from collections import Counter

import pytest

from laobao_convert.errors import ConvertError
from laobao_convert.readers import ReadOptions
from laobao_convert.readers.pdf import is_bad_glyph, read_pdf


def real_pdfs(shared_dir):
    folder = shared_dir / "realdata" / "pdf"
    paths = sorted(folder.glob("*.pdf"))
    if not paths:
        pytest.skip("no real PDFs in the shared material")
    return paths


@pytest.fixture(scope="module")
def documents(shared_dir):
    """Every real PDF read once: a Document, or the ConvertError it failed with."""
    out = {}
    for path in real_pdfs(shared_dir):
        try:
            out[path.name] = read_pdf(path.read_bytes(), path.name, ReadOptions(skip_bad_pages=True))
        except ConvertError as error:
            out[path.name] = error
    return out


def test_every_real_pdf_converts_or_fails_cleanly(documents):
    for name, result in documents.items():
        if isinstance(result, ConvertError):
            assert result.message and "\n" not in result.message, name
        else:
            assert result.kind == "pdf" and result.pages, name


def test_real_pdfs_with_a_text_layer_all_read(documents):
    # Every file in the shared set has a text layer (SOURCES.md): none may fail.
    failed = {name: str(r) for name, r in documents.items() if isinstance(r, ConvertError)}
    assert failed == {}


def test_no_glyph_of_a_real_pdf_is_lost(shared_dir, documents):
    import pdfplumber

    for path in real_pdfs(shared_dir):
        doc = documents[path.name]
        if isinstance(doc, ConvertError) or len(doc.pages) > 20:
            continue  # the long reflowed book is read but not counted glyph by glyph
        want = Counter()
        with pdfplumber.open(io.BytesIO(path.read_bytes())) as pdf:
            for page in pdf.pages:
                kept = {}
                for char in page.chars:
                    text = char["text"]
                    if text.isspace() or is_bad_glyph(text):
                        continue
                    same = kept.setdefault(text, [])
                    if not any(abs(x - char["x0"]) < 1 and abs(t - char["top"]) < 1 for x, t in same):
                        same.append((char["x0"], char["top"]))
                        want.update(text)
        got = Counter(ch for page in doc.pages for block in page.blocks for ch in block.text if not ch.isspace())
        assert got == want, path.name


def test_three_column_register_reads_column_by_column(documents):
    doc = documents.get("federal-register-2020-17221.pdf")
    if doc is None or isinstance(doc, ConvertError):
        pytest.skip("the Federal Register PDF is not in the shared material")
    page = doc.pages[1]
    columns = {b.column for b in page.blocks if b.role == "body"}
    assert len(columns) == 3
    body = [b for b in page.blocks if b.role == "body"]
    # No body line runs across a column gutter: each stays inside a third of the page.
    assert all(line.bbox.width < page.width / 3 for b in body for line in b.lines)
    for region in {b.region for b in body}:
        columns_read = [b.column for b in body if b.region == region]
        assert columns_read == sorted(columns_read)  # left to right within a region


def test_two_column_chinese_magazine_keeps_lines_within_columns(documents):
    doc = documents.get("mineru_complex_layout_zh_magazine.pdf")
    if doc is None or isinstance(doc, ConvertError):
        pytest.skip("the magazine PDF is not in the shared material")
    (page,) = doc.pages
    body = [line for b in page.blocks if b.role == "body" for line in b.lines]
    assert body and all(line.bbox.width < page.width / 2 for line in body)
    text = "".join(b.text.replace("\n", "") for b in page.blocks)
    assert "我紧紧地搂住了儿子。" in text


def test_reflowed_daily_reads_every_page(documents):
    doc = documents.get("rmrb_20251020_reflowed.pdf")
    if doc is None or isinstance(doc, ConvertError):
        pytest.skip("the reflowed daily is not in the shared material")
    assert len(doc.pages) == doc.source.pages == 228
    assert all(page.blocks for page in doc.pages)
    assert not doc.warnings


def test_real_pdfs_parse_without_crashing(documents):
    from laobao_convert.parse import parse_issue

    for name, doc in documents.items():
        if isinstance(doc, ConvertError) or len(doc.pages) > 20:
            continue
        try:
            issue = parse_issue([doc])
        except ConvertError:
            continue
        assert issue.pages, name
